//! The state files on disk, through the CLI: corrupt files set aside under
//! names no other takes, newer files left byte for byte, symlinks written
//! through, exports onto FIFOs and links, killed writers' temporaries
//! removed, and the locks other programs hold seen.

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use serde_json::Value;

const ARTICLE: &str = "001_7a0a5d70e8cb94b2";

fn yuedu(data: &Path) -> Command {
    let mut c = Command::cargo_bin("yuedu").unwrap();
    c.arg("--data-dir").arg(data);
    c
}

/// Runs a command; returns (exit status, stdout, stderr).
fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = yuedu(data).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn add(data: &Path, paragraph: &str) -> String {
    let (code, out, err) = run(data, &["bookmarks", "add", ARTICLE, paragraph]);
    assert_eq!(code, 0, "{err}");
    out.trim().to_string()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    n.sort();
    n
}

fn with_prefix(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with(prefix))
        .map(|n| dir.join(n))
        .collect()
}

fn mkfifo(path: &Path) {
    let ok = Process::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok);
}

#[test]
fn two_corrupt_files_set_aside_in_the_same_second_are_both_kept() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("bookmarks.json");
    let texts = [
        "{\"version\": 1, \"bookmarks\": [ first",
        "second, also broken",
    ];
    for text in texts {
        std::fs::write(&file, text).unwrap();
        let (code, _, err) = run(data.path(), &["bookmarks", "list"]);
        assert_eq!(code, 0);
        assert!(err.contains("kept as"), "{err}");
    }
    let kept = with_prefix(data.path(), "bookmarks.json.corrupt-");
    assert_eq!(kept.len(), 2);
    let mut held: Vec<String> = kept
        .iter()
        .map(|k| std::fs::read_to_string(k).unwrap())
        .collect();
    held.sort();
    let mut expected = texts.map(String::from).to_vec();
    expected.sort();
    assert_eq!(held, expected);
}

#[test]
fn a_newer_file_is_shown_as_nothing_refused_for_changes_and_left_byte_for_byte() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("bookmarks.json");
    let newer =
        br#"{"version": 99, "bookmarks": [{"id": "future", "shape": "new"}], "more": true}"#;
    std::fs::write(&file, newer).unwrap();
    let one_newer_line = |err: &str| {
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("written by a newer yuedu (schema 99)"),
            "{err}"
        );
    };
    for (args, stdout) in [
        (vec!["bookmarks", "list"], ""),
        (vec!["bookmarks", "list", "--json"], "[]\n"),
        (
            vec!["bookmarks", "export", "--format", "json"],
            "{\n  \"bookmarks\": [],\n  \"version\": 2\n}\n",
        ),
    ] {
        let (code, out, err) = run(data.path(), &args);
        assert_eq!((code, out.as_str()), (0, stdout), "{args:?}");
        one_newer_line(&err);
    }
    let export = data.path().join("export.json");
    std::fs::write(&export, br#"{"version": 1, "bookmarks": []}"#).unwrap();
    let export = export.display().to_string();
    for args in [
        vec!["bookmarks", "add", ARTICLE, "1"],
        vec!["bookmarks", "remove", "future"],
        vec!["bookmarks", "import", &export],
    ] {
        let (code, out, err) = run(data.path(), &args);
        assert_eq!((code, out.as_str()), (1, ""), "{args:?}");
        one_newer_line(&err);
    }
    assert_eq!(std::fs::read(&file).unwrap(), newer);
    assert!(with_prefix(data.path(), "bookmarks.json.").is_empty());
}

#[test]
fn a_symlinked_file_is_written_through_its_link_and_stays_a_link() {
    let data = tempfile::tempdir().unwrap();
    let synced = tempfile::tempdir().unwrap();
    let target = synced.path().join("my-bookmarks.json");
    let link = data.path().join("bookmarks.json");
    symlink(&target, &link).unwrap();
    let id = add(data.path(), "1");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let v: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["bookmarks"][0]["id"], id.as_str());
    add(data.path(), "2");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(names(synced.path()), ["my-bookmarks.json"]);
    // A corrupt target is kept aside beside itself; the link still leads
    // to the new file.
    std::fs::write(&target, "broken").unwrap();
    add(data.path(), "3");
    let kept = with_prefix(synced.path(), "my-bookmarks.json.corrupt-");
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(&kept[0]).unwrap(), b"broken");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let v: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["bookmarks"].as_array().unwrap().len(), 1);
}

#[test]
fn an_export_onto_a_fifo_a_device_or_a_link_is_written_in_place() {
    let data = tempfile::tempdir().unwrap();
    add(data.path(), "1");
    let (_, expected, _) = run(data.path(), &["bookmarks", "export"]);
    let out = tempfile::tempdir().unwrap();
    let fifo = out.path().join("pipe");
    mkfifo(&fifo);
    let to_fifo = out.path().join("to-pipe");
    symlink(&fifo, &to_fifo).unwrap();
    for target in [&fifo, &to_fifo] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        yuedu(data.path())
            .args(["bookmarks", "export", "-o"])
            .arg(target)
            .assert()
            .success();
        assert_eq!(reader.join().unwrap(), expected);
    }
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());
    assert!(to_fifo.symlink_metadata().unwrap().file_type().is_symlink());
    // A link to a regular file: the file is replaced, the link stays.
    let notes = out.path().join("notes.md");
    std::fs::write(&notes, "old").unwrap();
    let to_notes = out.path().join("to-notes.md");
    symlink("notes.md", &to_notes).unwrap();
    yuedu(data.path())
        .args(["bookmarks", "export", "-o"])
        .arg(&to_notes)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), expected);
    assert!(
        to_notes
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A character device of our own, the twin of /dev/null (where this
    // system lets one be made).
    let null = out.path().join("null");
    if Process::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        yuedu(data.path())
            .args(["bookmarks", "export", "-o"])
            .arg(&null)
            .assert()
            .success();
        assert!(
            null.symlink_metadata()
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    let mut left = names(out.path());
    left.retain(|n| n != "null");
    assert_eq!(left, ["notes.md", "pipe", "to-notes.md", "to-pipe"]);
}

#[test]
fn temporaries_of_killed_writers_are_removed_by_the_next_writer() {
    let data = tempfile::tempdir().unwrap();
    add(data.path(), "1");
    let mut gone = Process::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let mut writing = Process::new("sleep").arg("30").spawn().unwrap();
    let live = writing.id();
    let dead_name = format!(".yuedu-{dead}-Ab3dEf.tmp");
    let live_name = format!(".yuedu-{live}-Gh5jKl.tmp");
    std::fs::write(data.path().join(&dead_name), vec![b'{'; 100_000]).unwrap();
    std::fs::write(data.path().join(&live_name), b"being written").unwrap();
    add(data.path(), "2");
    let temporaries: Vec<String> = names(data.path())
        .into_iter()
        .filter(|n| n.starts_with(".yuedu-"))
        .collect();
    assert_eq!(temporaries, [live_name]);
    writing.kill().unwrap();
    writing.wait().unwrap();
    // Writers killed at any moment of a large write: the next one leaves
    // no temporary of theirs.
    let export = data.path().join("big.json");
    let entries: Vec<Value> = (0..5000)
        .map(|i| {
            serde_json::json!({"id": format!("b{i}"), "article": ARTICLE, "paragraph": 1,
            "start": 0, "end": 3, "quote": format!("第{i}段"), "created": "2026-01-01T00:00:00Z"})
        })
        .collect();
    std::fs::write(&export, serde_json::to_vec(&entries).unwrap()).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("yuedu");
    for round in 0..6u64 {
        let mut child = Process::new(&bin)
            .arg("--data-dir")
            .arg(data.path())
            .args(["bookmarks", "import"])
            .arg(&export)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(round * 40));
        let _ = child.kill();
        child.wait().unwrap();
        add(data.path(), "3");
        let left: Vec<String> = names(data.path())
            .into_iter()
            .filter(|n| n.starts_with(".yuedu-"))
            .collect();
        assert!(left.is_empty(), "round {round}: {left:?}");
    }
}

#[test]
fn a_lockf_lock_held_by_another_program_is_waited_for() {
    let data = tempfile::tempdir().unwrap();
    let id = add(data.path(), "1");
    let before = std::fs::read(data.path().join("bookmarks.json")).unwrap();
    // A POSIX record lock, as lockf(3) and fcntl(2) take, held by this
    // process while yuedu runs in another.
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(data.path().join("bookmarks.lock"))
        .unwrap();
    rustix::fs::fcntl_lock(&lock, rustix::fs::FlockOperation::LockExclusive).unwrap();
    let out = yuedu(data.path())
        .env("YUEDU_LOCK_WAIT_MS", "300")
        .args(["bookmarks", "remove", &id])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is locked by another yuedu (or another program)"),
        "{err}"
    );
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
fn an_os_error_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"precious").unwrap();
    for args in [
        vec!["bookmarks", "add", ARTICLE, "1"],
        vec!["bookmarks", "list"],
    ] {
        let out = yuedu(&file).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(err.matches("os error").count(), 1, "{err}");
    }
    // A FIFO where the bookmarks file should be: an error at once, not a
    // command waiting for a writer, and the FIFO is left.
    let data = tempfile::tempdir().unwrap();
    mkfifo(&data.path().join("bookmarks.json"));
    let (code, _, err) = run(data.path(), &["bookmarks", "list"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a regular file"), "{err}");
    let kind = data
        .path()
        .join("bookmarks.json")
        .symlink_metadata()
        .unwrap();
    assert!(kind.file_type().is_fifo());
}

#[test]
fn one_unreadable_bookmark_sets_the_file_aside_and_the_others_carry_over() {
    let data = tempfile::tempdir().unwrap();
    let a = add(data.path(), "1");
    let b = add(data.path(), "2");
    let file = data.path().join("bookmarks.json");
    let mut v: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    v["bookmarks"][1]["paragraph"] = Value::from(-1);
    let broken = serde_json::to_vec_pretty(&v).unwrap();
    std::fs::write(&file, &broken).unwrap();
    let (code, out, err) = run(data.path(), &["bookmarks", "list"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("with the 1 bookmark that could be read"),
        "{err}"
    );
    assert!(out.starts_with(&format!("{a}\t")), "{out}");
    assert!(!out.contains(&b), "{out}");
    let kept = with_prefix(data.path(), "bookmarks.json.corrupt-");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), broken);
}
