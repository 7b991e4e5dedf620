//! Hostile and large bookmark files: an import refuses impossible bookmarks
//! with one plain line and writes nothing; a bookmarks file holding them
//! crashes no command and not the TUI; 20,000 bookmarks import in one pass
//! and the import says what it kept and what it left out.

use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

mod common;
use common::tui::{app_in, press, screen};

const ARTICLE: &str = "001_7a0a5d70e8cb94b2";

fn yuedu(data: &Path) -> Command {
    let mut c = Command::cargo_bin("yuedu").unwrap();
    c.arg("--data-dir").arg(data);
    c
}

fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = yuedu(data).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn bookmark(id: &str, paragraph: u64, quote: &str) -> Value {
    json!({"id": id, "article": ARTICLE, "paragraph": paragraph, "start": 0,
        "end": quote.len(), "quote": quote, "note": "", "created": "2026-01-01T00:00:00Z"})
}

fn write_export(path: &Path, entries: &[Value]) {
    let v = json!({"version": 1, "bookmarks": entries});
    std::fs::write(path, serde_json::to_vec(&v).unwrap()).unwrap();
}

/// Bookmarks no article can hold: numbers at the edge of u64, a range
/// that ends before it starts, offsets past any paragraph.
fn hostile() -> Vec<Value> {
    let mut reversed = bookmark("reversed", 5, "第一行\n第二行");
    reversed["end_paragraph"] = json!(2);
    let mut far = bookmark("farstart", 1, "一段");
    far["start"] = json!(u64::MAX);
    far["end"] = json!(3);
    vec![
        bookmark("wrapping", u64::MAX, "两行的\n引文"),
        bookmark("wrappin1", u64::MAX, "一行"),
        reversed,
        far,
    ]
}

#[test]
fn an_import_of_impossible_bookmarks_is_refused_with_one_line_and_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("hostile.json");
    for entry in hostile() {
        write_export(&file, &[bookmark("goodgood", 1, "好的"), entry.clone()]);
        let (code, out, err) = run(
            data.path(),
            &["bookmarks", "import", file.to_str().unwrap()],
        );
        assert_eq!((code, out.as_str()), (1, ""), "{entry}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("hostile.json bookmark 2 of 2"), "{err}");
        assert!(err.ends_with("; nothing was imported\n"), "{err}");
        assert!(!data.path().join("bookmarks.json").exists());
    }
    let (_, _, err) = {
        write_export(&file, &hostile()[..1]);
        run(
            data.path(),
            &["bookmarks", "import", file.to_str().unwrap()],
        )
    };
    assert!(
        err.contains("paragraph 18446744073709551615 is past the end of any article"),
        "{err}"
    );
    // Not a bookmarks export at all: said in plain words.
    std::fs::write(&file, br#"{"notes": [1, 2]}"#).unwrap();
    let (code, _, err) = run(
        data.path(),
        &["bookmarks", "import", file.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(err.contains("holds no list of bookmarks"), "{err}");
    std::fs::write(
        &file,
        br#"[{"id": "x", "article": "a", "paragraph": "three"}]"#,
    )
    .unwrap();
    let (_, _, err) = run(
        data.path(),
        &["bookmarks", "import", file.to_str().unwrap()],
    );
    assert!(
        err.contains("`paragraph`: invalid type: string \"three\""),
        "{err}"
    );
    assert!(!err.contains("untagged"), "{err}");
}

#[test]
fn a_bookmarks_file_holding_impossible_bookmarks_crashes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let stored = json!({"version": 1, "bookmarks": hostile()});
    let bytes = serde_json::to_vec_pretty(&stored).unwrap();
    std::fs::write(data.path().join("bookmarks.json"), &bytes).unwrap();
    for args in [
        vec!["bookmarks", "list"],
        vec!["bookmarks", "list", "--json"],
        vec!["bookmarks", "export"],
        vec!["bookmarks", "export", "--format", "json"],
        vec!["list", "--json"],
    ] {
        let (code, _, err) = run(data.path(), &args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    // Kept, every one of them (found again, or marked as not found).
    let (_, out, _) = run(data.path(), &["bookmarks", "list", "--json"]);
    let listed: Vec<Value> = serde_json::from_str(&out).unwrap();
    let mut ids: Vec<&str> = listed.iter().map(|b| b["id"].as_str().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, ["farstart", "reversed", "wrappin1", "wrapping"]);
    // The TUI: the bookmarks view, and the article they point into.
    let mut app = app_in(data.path(), None);
    press(&mut app, "B");
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains("两行的"), "{shown}");
    press(&mut app, "Enter");
    screen(&mut app, 100, 30);
    app.open(ARTICLE, None).unwrap();
    press(&mut app, "G");
    screen(&mut app, 60, 20);
}

fn many(n: usize, offset: usize) -> Vec<Value> {
    (offset..offset + n)
        .map(|i| bookmark(&format!("m{i:07}"), 1, &format!("第{i}条书签")))
        .collect()
}

#[test]
fn twenty_thousand_bookmarks_import_and_the_import_says_what_it_kept() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("many.json");
    write_export(&file, &many(20_000, 0));
    let import = |data: &Path| run(data, &["bookmarks", "import", file.to_str().unwrap()]);
    let (code, _, err) = import(data.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "yuedu: imported 20000 bookmarks; left out 0 already here (the same passage with the same note)\n"
    );
    let (_, _, err) = import(data.path());
    assert_eq!(
        err,
        "yuedu: imported 0 bookmarks; left out 20000 already here (the same passage with the same note)\n"
    );
    // A different bookmark under an id already taken is kept, under a new
    // id, and said so.
    let mut changed = many(1, 5);
    changed[0]["note"] = json!("另一台电脑上的笔记");
    write_export(&file, &changed);
    let (code, _, err) = import(data.path());
    assert_eq!(code, 0);
    assert!(
        err.starts_with(
            "yuedu: imported 1 bookmark (1 under a new id, the id being taken by a different bookmark: m0000005 → "
        ),
        "{err}"
    );
    let v: Value =
        serde_json::from_slice(&std::fs::read(data.path().join("bookmarks.json")).unwrap())
            .unwrap();
    let all = v["bookmarks"].as_array().unwrap();
    assert_eq!(all.len(), 20_001);
    assert_eq!(all[20_000]["note"], "另一台电脑上的笔记");
    assert_ne!(all[20_000]["id"], "m0000005");
    assert_eq!(all[5]["id"], "m0000005");
    assert_eq!(all[5]["note"], "");
}

#[test]
fn control_characters_in_stored_bookmarks_never_reach_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut b = bookmark("osc52", 1, "引文\u{1b}[2J清屏");
    b["article"] = json!("\u{1b}]0;retitled\u{7}");
    b["note"] = json!("笔记\u{1b}]52;c;aGk=\u{7}\u{202e}反转\n第二行\u{9b}31m");
    b["created"] = json!("2026\u{1b}[31m-01-01");
    let stored = json!({"version": 1, "bookmarks": [b]});
    std::fs::write(
        data.path().join("bookmarks.json"),
        serde_json::to_vec(&stored).unwrap(),
    )
    .unwrap();
    for args in [vec!["bookmarks", "list"], vec!["bookmarks", "export"]] {
        let out = yuedu(data.path()).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{args:?}: {text:?}"
        );
        assert!(text.contains("retitled"), "{args:?}: {text}");
    }
    // JSON escapes them, and keeps them.
    let out = yuedu(data.path())
        .args(["bookmarks", "list", "--json"])
        .output()
        .unwrap();
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed[0]["article"], "\u{1b}]0;retitled\u{7}");
}
