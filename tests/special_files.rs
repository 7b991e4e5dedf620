//! Files that are not articles, or that never end: FIFOs, devices, sockets,
//! symlink loops, links into /proc, a YAML alias bomb, and text in
//! encodings that are easy to get wrong. Each loads, or is skipped with one
//! line naming it and why; the load always finishes.

use std::path::Path;

use assert_cmd::Command;

mod common;

fn yuedu(dir: &Path) -> Command {
    let mut c = common::yuedu();
    c.args(["--no-bundled", "--no-cache", "--articles"])
        .arg(dir);
    c.timeout(std::time::Duration::from_secs(60));
    c
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

/// `list --json`: the ids listed and the lines on stderr.
fn load(dir: &Path) -> (Vec<String>, String) {
    let out = yuedu(dir).args(["list", "--json"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (common::ids(&list), stderr)
}

/// The one stderr line that names `name`.
fn line_for<'a>(stderr: &'a str, name: &str) -> &'a str {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(&format!("/{name}:")))
        .collect();
    assert_eq!(lines.len(), 1, "{name}:\n{stderr}");
    lines[0]
}

#[test]
fn special_files_are_skipped_with_a_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ok.txt"), "标题\n正文。\n").unwrap();
    mkfifo(&d.join("pipe.txt"));
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.txt")).unwrap();
    std::os::unix::fs::symlink("loop-b.txt", d.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", d.join("loop-b.txt")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/x", d.join("dangling.txt")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(d.join("sock.txt")).unwrap();
    if Path::new("/proc/self/pagemap").exists() {
        std::os::unix::fs::symlink("/proc/self/pagemap", d.join("pagemap.txt")).unwrap();
    }
    let (ids, stderr) = load(d);
    assert_eq!(ids, ["ok"], "{stderr}");
    assert!(
        line_for(&stderr, "pipe.txt").ends_with("skipped: not a regular file: a FIFO (named pipe)")
    );
    assert!(
        line_for(&stderr, "zero.txt").ends_with("skipped: not a regular file: a character device")
    );
    assert!(line_for(&stderr, "sock.txt").ends_with("skipped: not a regular file: a socket"));
    for name in ["loop-a.txt", "loop-b.txt"] {
        assert!(
            line_for(&stderr, name).contains("symbolic links"),
            "{stderr}"
        );
    }
    assert!(
        line_for(&stderr, "dangling.txt").contains("No such file"),
        "{stderr}"
    );
    if Path::new("/proc/self/pagemap").exists() {
        let line = line_for(&stderr, "pagemap.txt");
        // Read up to the limit, or refused by the kernel part way (it takes
        // reads of whole 8-byte entries only): skipped either way.
        assert!(
            line.contains("too large (more than 64 MB read") || line.contains("os error"),
            "{line}"
        );
    }
    // Every reason is said once: no OS error twice on a line.
    for line in stderr.lines() {
        assert!(line.matches("os error").count() <= 1, "{line}");
    }
}

/// A FIFO with no writer never holds up a command that reads every
/// article's text.
#[test]
fn a_fifo_never_holds_up_a_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "标题\n正文。\n").unwrap();
    mkfifo(&dir.path().join("pipe.md"));
    yuedu(dir.path()).args(["show", "ok"]).assert().success();
}

/// The "billion laughs" in front matter: 342 bytes that would expand to
/// hundreds of millions of values. The article is read, its front matter
/// refused as YAML.
#[test]
fn a_yaml_alias_bomb_is_read_without_exhausting_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ('a'..='h').zip('b'..='i') {
        let refs = vec![format!("*{prev}"); 9].join(",");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb.push_str("title: 炸弹\n---\n正文。\n");
    std::fs::write(dir.path().join("bomb.md"), bomb).unwrap();
    let (ids, stderr) = load(dir.path());
    assert_eq!(ids, ["bomb"], "{stderr}");
    let out = yuedu(dir.path())
        .args(["show", "bomb", "--json"])
        .output()
        .unwrap();
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(article["paragraphs"], serde_json::json!(["正文。"]));
}

#[test]
fn utf16_without_a_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "深圳对口帮扶寻乌\n寻乌县的脐橙产业发展很快，2023年产值3.86亿元。\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(dir.path().join("le.txt"), le).unwrap();
    std::fs::write(dir.path().join("be.txt"), be).unwrap();
    let (ids, stderr) = load(dir.path());
    assert_eq!(ids, ["be", "le"], "{stderr}");
    for id in ["le", "be"] {
        let out = yuedu(dir.path())
            .args(["show", id, "--json"])
            .output()
            .unwrap();
        let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(article["title"], "深圳对口帮扶寻乌", "{id}");
    }
}

/// A UTF-8 title pasted over a GB18030 body: each part in its encoding.
#[test]
fn a_utf8_title_over_a_gb18030_body_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let body = "寻乌县的脐橙产业发展很快，对口帮扶带来了新的销路。\n深圳的企业在这里建了工厂。\n";
    let mut bytes = "深圳对口帮扶寻乌\n".as_bytes().to_vec();
    bytes.extend_from_slice(&encoding_rs::GB18030.encode(body).0);
    std::fs::write(dir.path().join("mixed.txt"), bytes).unwrap();
    let out = yuedu(dir.path())
        .args(["show", "mixed", "--json"])
        .output()
        .unwrap();
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(article["title"], "深圳对口帮扶寻乌");
    assert_eq!(
        article["paragraphs"],
        serde_json::json!([
            "寻乌县的脐橙产业发展很快，对口帮扶带来了新的销路。",
            "深圳的企业在这里建了工厂。"
        ])
    );
    // and the reader is told the file mixes two encodings
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("mixed.txt: lines in two encodings"),
        "{stderr}"
    );
}
