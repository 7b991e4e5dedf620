//! Bookmarks on disk: concurrent writers, writers killed mid-save, corrupt
//! and newer files, passages found again after their article changed, and
//! the exports.

use std::path::Path;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn yuedu(data: &Path) -> Command {
    let mut c = Command::cargo_bin("yuedu").unwrap();
    c.arg("--data-dir").arg(data);
    c
}

/// The ids in the bookmarks file, sorted.
fn ids_in_file(data: &Path) -> Vec<String> {
    let v: Value =
        serde_json::from_slice(&std::fs::read(data.join("bookmarks.json")).unwrap()).unwrap();
    assert_eq!(v["version"], 2);
    let mut ids: Vec<String> = v["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn add(data: &Path, args: &[&str]) -> String {
    let out = yuedu(data)
        .args(["bookmarks", "add"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

const ARTICLE: &str = "001_7a0a5d70e8cb94b2";

#[test]
fn twenty_processes_adding_at_once_leave_twenty_bookmarks() {
    let data = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("yuedu");
    let children: Vec<_> = (0..20)
        .map(|i| {
            Process::new(&bin)
                .arg("--data-dir")
                .arg(data.path())
                .args([
                    "bookmarks",
                    "add",
                    ARTICLE,
                    &(i % 10 + 1).to_string(),
                    "--note",
                ])
                .arg(format!("note {i}"))
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut printed = Vec::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success());
        printed.push(String::from_utf8(out.stdout).unwrap().trim().to_string());
    }
    printed.sort();
    assert_eq!(ids_in_file(data.path()), printed);
}

#[test]
fn a_writer_killed_at_any_moment_leaves_every_saved_bookmark() {
    let data = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("yuedu");
    let mut saved = Vec::new();
    for round in 0..40u64 {
        let child = Process::new(&bin)
            .arg("--data-dir")
            .arg(data.path())
            .args(["bookmarks", "add", ARTICLE, "3"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a different moment each round: before, during or after
        // the save. Every fourth writer is left to finish, so that some saves
        // return however slow the machine is and the check below has ids to
        // look for.
        if round % 4 != 3 {
            std::thread::sleep(std::time::Duration::from_micros((round * 7919) % 400_000));
            let _ = Process::new("kill")
                .arg("-9")
                .arg(child.id().to_string())
                .status();
        }
        let out = child.wait_with_output().unwrap();
        let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !id.is_empty() {
            saved.push(id);
        }
        if data.path().join("bookmarks.json").exists() {
            let on_disk = ids_in_file(data.path());
            for id in &saved {
                assert!(on_disk.contains(id), "round {round}: {id} lost");
            }
        }
    }
    // Some saves finished before their kill (else this test proved nothing),
    // and the file is valid and holds them.
    assert!(!saved.is_empty());
    assert!(ids_in_file(data.path()).len() >= saved.len());
}

#[test]
fn a_corrupt_file_is_kept_aside_and_reported() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("bookmarks.json");
    std::fs::write(&file, b"{\"version\": 1, \"bookmarks\": [ this is not json").unwrap();
    yuedu(data.path())
        .args(["bookmarks", "list"])
        .assert()
        .success()
        .stderr(predicate::str::contains("corrupt").and(predicate::str::contains("kept as")));
    let kept: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bookmarks.json.corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1);
    let original = std::fs::read(data.path().join(&kept[0])).unwrap();
    assert!(original.ends_with(b"this is not json"));
    // A new bookmark goes into a new file; the kept one is untouched.
    add(data.path(), &[ARTICLE, "2"]);
    assert_eq!(std::fs::read(data.path().join(&kept[0])).unwrap(), original);
}

#[test]
fn a_newer_file_is_never_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("bookmarks.json");
    let newer = b"{\"version\": 99, \"bookmarks\": [], \"future\": true}";
    std::fs::write(&file, newer).unwrap();
    yuedu(data.path())
        .args(["bookmarks", "add", ARTICLE, "2"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("written by a newer yuedu"));
    // Left where it is, byte for byte, and nothing set aside.
    assert_eq!(std::fs::read(&file).unwrap(), newer);
    let others: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bookmarks.json."))
        .collect();
    assert!(others.is_empty(), "{others:?}");
}

fn write_article(dir: &Path, paragraphs: &[&str]) {
    let mut text = String::from("会变化的文章\n");
    for p in paragraphs {
        text.push_str(p);
        text.push('\n');
    }
    std::fs::write(dir.join("changing.txt"), text).unwrap();
}

fn listed(data: &Path, dir: &Path) -> Vec<Value> {
    let out = yuedu(data)
        .args(["--no-bundled", "--articles"])
        .arg(dir)
        .args(["bookmarks", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn bookmarks_follow_their_passages_when_the_article_changes() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_article(
        dir.path(),
        &[
            "第一段，讲的是开头。",
            "第二段，深圳与寻乌的合作。",
            "第三段，讲的是结尾。",
        ],
    );
    let run = |args: &[&str]| {
        let out = yuedu(data.path())
            .args(["--no-bundled", "--articles"])
            .arg(dir.path())
            .args(["bookmarks", "add"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["changing", "2", "--note", "合作"]);
    run(&["changing", "3", "--note", "结尾"]);
    // Two paragraphs arrive at the top: the bookmarks move down with theirs.
    write_article(
        dir.path(),
        &[
            "新的导语。",
            "又一段导语。",
            "第一段，讲的是开头。",
            "第二段，深圳与寻乌的合作。",
            "第三段，讲的是结尾。",
        ],
    );
    let l = listed(data.path(), dir.path());
    assert_eq!(
        (l[0]["paragraph"].as_u64(), l[1]["paragraph"].as_u64()),
        (Some(4), Some(5))
    );
    // Paragraphs leave, and one is reworded a little: still found.
    write_article(
        dir.path(),
        &["第二段，深圳与寻乌的合作不断深化。", "第三段，讲的是结尾。"],
    );
    let l = listed(data.path(), dir.path());
    assert_eq!(l[0]["paragraph"], 1);
    assert_eq!(l[0]["orphaned"], false);
    assert_eq!(l[1]["paragraph"], 2);
    // Rewritten beyond recognition: kept, marked, never dropped.
    write_article(
        dir.path(),
        &["完全不同的内容，和原来的文字毫无关系，也找不到任何相似之处。"],
    );
    let l = listed(data.path(), dir.path());
    assert_eq!(l.len(), 2);
    assert!(l.iter().all(|b| b["orphaned"] == true));
    assert_eq!(l[0]["note"], "合作");
}

#[test]
fn export_and_import_round_trip_without_duplicates() {
    let data = tempfile::tempdir().unwrap();
    add(data.path(), &[ARTICLE, "4", "--note", "六年的历程"]);
    add(data.path(), &["002_f879ae6b00abf318", "1"]);
    let export = data.path().join("export.json");
    yuedu(data.path())
        .args(["bookmarks", "export", "--format", "json", "-o"])
        .arg(&export)
        .assert()
        .success()
        .stdout("");
    let other = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        yuedu(other.path())
            .args(["bookmarks", "import"])
            .arg(&export)
            .assert()
            .success();
    }
    assert_eq!(ids_in_file(data.path()), ids_in_file(other.path()));
}

#[test]
fn markdown_export_matches_the_golden_file() {
    let data = tempfile::tempdir().unwrap();
    add(data.path(), &[ARTICLE, "4", "--note", "六年的历程\n第二行"]);
    add(data.path(), &["002_f879ae6b00abf318", "1"]);
    add(data.path(), &[ARTICLE, "6"]);
    let out = yuedu(data.path())
        .args(["bookmarks", "export"])
        .output()
        .unwrap();
    let mut md = String::from_utf8(out.stdout).unwrap();
    // Times and ids differ each run.
    for b in ids_in_file(data.path()) {
        md = md.replace(&b, "ID");
    }
    let today = &md[md.find("<sub>").unwrap() + 5..][..10].to_string();
    md = md.replace(today.as_str(), "DATE");
    assert_golden("tests/golden/bookmarks/export.md", &md);
}

#[test]
fn errors_exit_1_and_write_nothing() {
    let data = tempfile::tempdir().unwrap();
    yuedu(data.path())
        .args(["bookmarks", "add", "no-such-article", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-article"));
    yuedu(data.path())
        .args(["bookmarks", "add", ARTICLE, "9999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("9999"));
    yuedu(data.path())
        .args(["bookmarks", "remove", "zzzzzzzz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("zzzzzzzz"));
    assert!(!data.path().join("bookmarks.json").exists());
    yuedu(data.path())
        .args(["bookmarks", "add", ARTICLE, "x"])
        .assert()
        .code(2);
    yuedu(data.path())
        .args(["bookmarks", "import", "/no/such/file.json"])
        .assert()
        .code(1);
}

#[test]
fn remove_takes_one_bookmark_away() {
    let data = tempfile::tempdir().unwrap();
    let a = add(data.path(), &[ARTICLE, "2"]);
    let b = add(data.path(), &[ARTICLE, "3"]);
    yuedu(data.path())
        .args(["bookmarks", "remove", &a])
        .assert()
        .success();
    assert_eq!(ids_in_file(data.path()), [b]);
}

#[test]
fn a_lock_held_elsewhere_is_waited_for_then_reported_and_nothing_changes() {
    let data = tempfile::tempdir().unwrap();
    let id = add(data.path(), &[ARTICLE, "2"]);
    let before = std::fs::read(data.path().join("bookmarks.json")).unwrap();
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(data.path().join("bookmarks.lock"))
        .unwrap();
    lock.lock().unwrap();
    yuedu(data.path())
        .env("YUEDU_LOCK_WAIT_MS", "300")
        .args(["bookmarks", "remove", &id])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("locked by another yuedu"));
    assert_eq!(
        std::fs::read(data.path().join("bookmarks.json")).unwrap(),
        before
    );
    drop(lock);
    yuedu(data.path())
        .args(["bookmarks", "remove", &id])
        .assert()
        .success();
}

#[test]
fn a_data_dir_that_is_a_file_is_a_clear_error_and_harms_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"precious").unwrap();
    yuedu(&file)
        .args(["bookmarks", "add", ARTICLE, "2"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("not-a-folder")
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
    assert_eq!(std::fs::read(&file).unwrap(), b"precious");
    // Reading needs no data dir.
    yuedu(&file)
        .args(["show", ARTICLE, "--width", "40"])
        .assert()
        .success();
}

/// The JSON export with ids and times replaced, since both differ each run.
fn normalised_export(data: &Path) -> String {
    let out = yuedu(data)
        .args(["bookmarks", "export", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for b in v["bookmarks"].as_array_mut().unwrap() {
        for (field, value) in [("id", "ID"), ("created", "TIME"), ("updated", "TIME")] {
            assert!(b[field].is_string(), "{field} missing from {b}");
            b[field] = Value::from(value);
        }
    }
    let mut s = serde_json::to_string_pretty(&v).unwrap();
    s.push('\n');
    s
}

#[test]
fn json_export_matches_the_golden_file() {
    let data = tempfile::tempdir().unwrap();
    add(data.path(), &[ARTICLE, "4", "--note", "六年的历程"]);
    add(data.path(), &["002_f879ae6b00abf318", "1"]);
    let json = normalised_export(data.path());
    assert_golden("tests/golden/bookmarks/export.json", &json);
}

/// `got` is the golden file at `path` (rewritten instead when
/// `UPDATE_GOLDEN` is set).
fn assert_golden(path: &str, got: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, got).unwrap();
    }
    let golden = std::fs::read_to_string(path).unwrap();
    assert_eq!(got, golden);
}

#[test]
fn import_skips_passages_already_marked_under_other_ids() {
    let data = tempfile::tempdir().unwrap();
    add(data.path(), &[ARTICLE, "4", "--note", "六年的历程"]);
    add(data.path(), &["002_f879ae6b00abf318", "1"]);
    let out = yuedu(data.path())
        .args(["bookmarks", "export", "--format", "json"])
        .output()
        .unwrap();
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The same passages, as another machine would have made them.
    for (i, b) in v["bookmarks"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        b["id"] = Value::from(format!("other{i}"));
    }
    let file = data.path().join("other.json");
    std::fs::write(&file, serde_json::to_vec(&v).unwrap()).unwrap();
    let before = std::fs::read(data.path().join("bookmarks.json")).unwrap();
    yuedu(data.path())
        .args(["bookmarks", "import"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(ids_in_file(data.path()).len(), 2);
    assert_eq!(
        std::fs::read(data.path().join("bookmarks.json")).unwrap(),
        before
    );
}

#[test]
fn an_unreadable_import_file_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("broken.json");
    std::fs::write(&file, "{\"bookmarks\": [ {\"id\": ").unwrap();
    yuedu(data.path())
        .args(["bookmarks", "import"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.json"));
    assert!(!data.path().join("bookmarks.json").exists());
    // With bookmarks already there, they are left exactly as they were.
    add(data.path(), &[ARTICLE, "4"]);
    let before = std::fs::read(data.path().join("bookmarks.json")).unwrap();
    yuedu(data.path())
        .args(["bookmarks", "import"])
        .arg(&file)
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read(data.path().join("bookmarks.json")).unwrap(),
        before
    );
}

/// A bookmarks file of schema 1 counted paragraphs from 0: it is read as it
/// was meant, shown from 1, and written as schema 2 on the next change.
#[test]
fn a_file_of_the_old_schema_keeps_its_paragraphs() {
    let data = tempfile::tempdir().unwrap();
    let old = serde_json::json!({"version": 1, "bookmarks": [{
        "id": "oldmark2", "article": ARTICLE, "paragraph": 3,
        "start": 0, "end": 0, "quote": "", "note": "旧的", "created": "2024-01-01T00:00:00Z"
    }]});
    std::fs::write(data.path().join("bookmarks.json"), old.to_string()).unwrap();
    // The TUI's quote of paragraph index 3 (the 4th) is what the file meant.
    let listed = yuedu(data.path())
        .args(["bookmarks", "list", "--json"])
        .output()
        .unwrap();
    let l: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(l[0]["paragraph"], 4, "{l}");
    // A change writes schema 2, counted from 1; nothing moves.
    add(data.path(), &[ARTICLE, "4"]);
    let v: Value =
        serde_json::from_slice(&std::fs::read(data.path().join("bookmarks.json")).unwrap())
            .unwrap();
    assert_eq!(v["version"], 2);
    let paragraphs: Vec<u64> = v["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["paragraph"].as_u64().unwrap())
        .collect();
    assert_eq!(paragraphs, [4, 4]);
}

/// The number `search --json` gives is the one `open`, `bookmarks add` and
/// `bookmarks list` use, and the reader shows.
#[test]
fn one_paragraph_number_everywhere() {
    let data = tempfile::tempdir().unwrap();
    let out = yuedu(data.path())
        .args(["search", "六年", "--json"])
        .output()
        .unwrap();
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = &hits[0];
    let (article, n) = (
        hit["article"].as_str().unwrap(),
        hit["paragraph"].as_u64().unwrap(),
    );
    let shown = yuedu(data.path())
        .args(["show", article, "--json"])
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    let text = shown["paragraphs"][(n - 1) as usize].as_str().unwrap();
    assert!(text.contains("六年"), "{text}");
    add(data.path(), &[article, &n.to_string()]);
    let listed = yuedu(data.path())
        .args(["bookmarks", "list", "--json"])
        .output()
        .unwrap();
    let l: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(l[0]["paragraph"].as_u64(), Some(n));
    assert_eq!(l[0]["quote"].as_str(), Some(text));
    yuedu(data.path())
        .args(["bookmarks", "add", article, "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("counted from 1"));
}
