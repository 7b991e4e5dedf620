//! Hostile input: each file loads, or is skipped with a clear line; nothing
//! panics or hangs, and no raw control sequence reaches the output.

use std::os::unix::ffi::OsStrExt;

use assert_cmd::Command;

mod common;

fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let w = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    w(
        "longpara.txt",
        format!(
            "长段落\n{}\n{}\n",
            "a".repeat(300_000),
            "字".repeat(100_000)
        )
        .as_bytes(),
    );
    w(
        "deep.html",
        format!(
            "<html><body>{}深层嵌套{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        )
        .as_bytes(),
    );
    let mut fm = String::from("---\n");
    for i in 0..10_000 {
        fm.push_str(&format!("k{i}: v{i}\n"));
    }
    fm.push_str("title: 前言很长\n---\n正文。\n");
    w("fm.md", fm.as_bytes());
    w("controls.txt", "标题\u{202e}反转\u{7}铃\u{1b}[31m红\n正文\u{202e}带有\u{200b}控制\u{1b}]0;title\u{7}字符。\n".as_bytes());
    w("bom_only.txt", b"\xef\xbb\xbf");
    std::fs::write(
        d.join(std::ffi::OsStr::from_bytes(b"\xff\xfename.txt")),
        "非UTF8文件名\n正文。\n",
    )
    .unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("/nonexistent", d.join("dangling.txt")).unwrap();
    dir
}

fn yuedu(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("yuedu").unwrap();
    c.args(["--no-bundled", "--articles"]).arg(dir);
    c.timeout(std::time::Duration::from_secs(60));
    c
}

#[test]
fn every_hostile_file_loads_or_is_skipped() {
    let dir = hostile_folder();
    let out = yuedu(dir.path()).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = common::ids(&list);
    for id in ["controls", "deep", "fm", "longpara"] {
        assert!(ids.iter().any(|i| i == id), "{id} missing: {ids:?}");
    }
    assert_eq!(ids.len(), 5, "{ids:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bom_only.txt") && err.contains("empty"),
        "{err}"
    );
    let fm = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "fm")
        .unwrap();
    assert_eq!(fm["title"], "前言很长");
}

#[test]
fn no_control_sequence_reaches_the_screen() {
    let dir = hostile_folder();
    for args in [
        &["show", "controls", "--width", "30"][..],
        &["list"][..],
        &["search", "控制"][..],
    ] {
        let out = yuedu(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        for bad in ["\u{1b}", "\u{7}", "\u{202e}"] {
            assert!(
                !String::from_utf8_lossy(&out.stdout).contains(bad),
                "{args:?} printed {bad:?}"
            );
        }
    }
}

#[test]
fn a_long_unbreakable_paragraph_lays_out() {
    let dir = hostile_folder();
    let out = yuedu(dir.path())
        .args(["show", "longpara", "--width", "40"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() > 300_000 / 40);
}

#[test]
fn a_100_mb_file_is_skipped_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "标题\n正文。\n").unwrap();
    // Sparse: 100 MB long, nothing written.
    let big = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    big.set_len(100 << 20).unwrap();
    let out = yuedu(dir.path()).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(common::ids(&list), ["ok"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("huge.txt") && err.contains("too large (100 MB"),
        "{err}"
    );
}

/// Files that appear, change, grow and vanish while the library loads:
/// each load finishes, and every file is either an article or a problem
/// with its name. (A file cut off inside a character while it is written is
/// still read as UTF-8: see `store::decode`'s tests.)
#[test]
fn files_changing_while_loading_never_break_a_load() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let version =
        |i: usize, v: usize| format!("标题{i}\n第{v}版的正文。{}\n", "字".repeat(v * 500));
    for i in 0..40 {
        std::fs::write(d.join(format!("a{i}.txt")), version(i, 0)).unwrap();
    }
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let churn = {
        let (d, stop) = (d.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut v = 1;
            while !stop.load(Ordering::Relaxed) {
                for i in 0..40 {
                    let path = d.join(format!("a{i}.txt"));
                    match (i + v) % 3 {
                        0 => {
                            let _ = std::fs::remove_file(&path);
                        }
                        _ => {
                            let _ = std::fs::write(&path, version(i, v % 7));
                        }
                    }
                }
                v += 1;
            }
        })
    };
    let cache = tempfile::tempdir().unwrap();
    for round in 0..30 {
        let options = yuedu::store::LoadOptions {
            dirs: vec![d.clone()],
            bundled: false,
            metadata_only: round % 2 == 0,
            keys: None,
            trust_cache: false,
            cache_dir: Some(cache.path().to_path_buf()),
        };
        let lib =
            yuedu::store::Library::load(&options, yuedu::taxonomy::Taxonomy::bundled()).unwrap();
        for a in &lib.articles {
            assert!(a.id.starts_with('a'), "{}", a.id);
            // A read caught mid-write may give any prefix of a version
            // (what the disk held at that moment); whatever it is, it is
            // whole paragraphs of text that lay out.
            for p in &a.paragraphs {
                let layout = yuedu::text::Layout::paragraphs(std::slice::from_ref(p), 20);
                assert!(
                    !layout.lines.is_empty() || p.text.is_empty(),
                    "round {round}"
                );
            }
        }
        for p in &lib.problems {
            assert!(p.path.starts_with(&d), "{p}");
        }
    }
    stop.store(true, Ordering::Relaxed);
    churn.join().unwrap();
}
