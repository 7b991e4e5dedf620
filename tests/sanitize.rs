//! No text from a file or the state files reaches the terminal as a control
//! sequence: every command, on stdout and stderr, with titles, sources,
//! dates, file names, quotes and notes that hold OSC 52, `ESC[2J`, a C1 CSI
//! and bidi overrides.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use assert_cmd::Command;

mod common;

/// OSC 52 (writes the clipboard), a screen clear, a C1 CSI, a bidi override.
const OSC52: &str = "\u{1b}]52;c;aGkK\u{7}";
const CLEAR: &str = "\u{1b}[2J";
const CSI: &str = "\u{9b}31m";
const RLO: &str = "\u{202e}";

/// The id (file stem) of the article whose file name retitles a window.
const WINDOW_ID: &str = "\u{1b}]0;x\u{7}";

/// Characters a terminal would act on: C0 but the line break and the tab
/// (which the output formats use), DEL, C1, and the bidi controls.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            let u = c as u32;
            (u < 0x20 && c != '\n' && c != '\t')
                || (0x7F..=0x9F).contains(&u)
                || matches!(u, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C)
        })
        .collect()
}

fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad = unsafe_chars(&text);
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text}");
}

/// JSON is left to serde_json's escaping: no raw ESC or BEL in it.
fn assert_json_escaped(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.iter().any(|&b| b < 0x20 && b != b'\n'),
        "{what} printed a raw C0 control"
    );
}

fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let w = |name: &[u8], bytes: &[u8]| {
        std::fs::write(d.join(OsStr::from_bytes(name)), bytes).unwrap();
    };
    // Front matter: YAML escapes give the controls.
    w(
        b"fm.md",
        "---\n\
         title: \"\\u6807\\u9898\\e]52;c;aGkK\\a\\u202e\\u53cd\"\n\
         source: \"\\u6765\\u6e90\\e[2J\\x9b31m\"\n\
         date: 2023-05-06\n\
         ---\n\
         第一段正文\u{1b}]52;c;aGkK\u{7}深圳对口帮扶寻乌。\n\n\
         第二段\u{202e}反转\u{9b}31m字符。\n"
            .as_bytes(),
    );
    // HTML: entities give the controls, in the title, the meta source and
    // the body.
    w(
        b"page.html",
        "<html><head><title>网页&#x1b;[2J标题&#x202e;</title>\
         <meta name=\"source\" content=\"网站&#x1b;]52;c;aGkK&#7;&#x9b;\"></head>\
         <body><p>网页正文&#x1b;[2J第一段，深圳对口帮扶。</p><p>第二段&#x202e;。</p></body></html>"
            .as_bytes(),
    );
    // A file name that retitles the window, holding plain text.
    let mut name = WINDOW_ID.as_bytes().to_vec();
    name.extend_from_slice(b".txt");
    w(
        &name,
        "窗口标题文件\n这一段正文说的是深圳对口帮扶。\n".as_bytes(),
    );
    // Files skipped with a line that names them.
    let mut name = CLEAR.as_bytes().to_vec();
    name.extend_from_slice("\u{202e}empty.txt".as_bytes());
    w(&name, b"");
    let mut name = OSC52.as_bytes().to_vec();
    name.extend_from_slice(b".bin");
    w(
        &name,
        &[0u8, 1, 2, 3, 0xff, 0, 0, 9, 0, 0, 0, 0x7f, 0, 0, 0, 0],
    );
    dir
}

fn yuedu(articles: &Path, data: &Path) -> Command {
    let mut c = common::yuedu();
    c.args(["--no-bundled", "--articles"])
        .arg(articles)
        .arg("--data-dir")
        .arg(data)
        .arg("--no-cache");
    c.timeout(std::time::Duration::from_secs(120));
    c
}

/// Runs a command and checks both of its outputs; returns its stdout.
fn inert_run(articles: &Path, data: &Path, args: &[&str], json: bool) -> String {
    let out = yuedu(articles, data).args(args).output().unwrap();
    let what = format!("{args:?}");
    if json {
        assert_json_escaped(&what, &out.stdout);
    } else {
        assert_inert(&what, &out.stdout);
    }
    assert_inert(&format!("{what} on stderr"), &out.stderr);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn list_prints_ids_titles_and_skipped_files_inert() {
    let (dir, data) = (hostile_folder(), tempfile::tempdir().unwrap());
    let out = yuedu(dir.path(), data.path()).arg("list").output().unwrap();
    assert!(out.status.success());
    assert_inert("list", &out.stdout);
    assert_inert("list on stderr", &out.stderr);
    let stdout = String::from_utf8(out.stdout).unwrap();
    // The window-title file is listed, its id made visible.
    assert!(stdout.contains("\u{fffd}]0;x\u{fffd}\t"), "{stdout}");
    assert!(
        stdout.contains("标题\u{fffd}]52;c;aGkK\u{fffd}反"),
        "{stdout}"
    );
    // Both skipped files have their line, their names made visible.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("\u{fffd}[2Jempty.txt"), "{stderr}");
    assert!(
        stderr.contains("\u{fffd}]52;c;aGkK\u{fffd}.bin"),
        "{stderr}"
    );
    let json = inert_run(dir.path(), data.path(), &["list", "--json"], true);
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(common::ids(&list).iter().any(|i| i == WINDOW_ID));
}

#[test]
fn show_prints_title_source_and_text_inert() {
    let (dir, data) = (hostile_folder(), tempfile::tempdir().unwrap());
    for id in ["fm", "page", WINDOW_ID] {
        for width in ["80", "12"] {
            let out = inert_run(
                dir.path(),
                data.path(),
                &["show", id, "--width", width],
                false,
            );
            assert!(out.lines().count() > 3, "{id}: {out}");
        }
        inert_run(dir.path(), data.path(), &["show", id, "--json"], true);
    }
    let fm = inert_run(dir.path(), data.path(), &["show", "fm"], false);
    // A source is a publisher's name: its control characters are dropped.
    assert!(fm.contains("来源[2J31m"), "{fm}");
    let page = inert_run(dir.path(), data.path(), &["show", "page"], false);
    assert!(page.contains("网站]52;c;aGkK"), "{page}");
}

#[test]
fn search_prints_ids_and_snippets_inert() {
    let (dir, data) = (hostile_folder(), tempfile::tempdir().unwrap());
    let out = inert_run(dir.path(), data.path(), &["search", "对口帮扶"], false);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.contains("\u{fffd}]0;x\u{fffd}:"), "{out}");
    inert_run(
        dir.path(),
        data.path(),
        &["search", "--json", "对口帮扶"],
        true,
    );
}

#[test]
fn trees_print_inert() {
    let (dir, data) = (hostile_folder(), tempfile::tempdir().unwrap());
    for command in ["regions", "programmes"] {
        let out = inert_run(dir.path(), data.path(), &[command], false);
        assert!(!out.is_empty(), "{command}");
        inert_run(dir.path(), data.path(), &[command, "--json"], true);
    }
}

#[test]
fn errors_quoting_an_id_or_argument_are_inert() {
    let (dir, data) = (hostile_folder(), tempfile::tempdir().unwrap());
    let id = format!("{OSC52}{CLEAR}{CSI}{RLO}");
    for args in [
        vec!["show", id.as_str()],
        vec!["open", id.as_str()],
        vec!["bookmarks", "add", id.as_str(), "1"],
        vec!["bookmarks", "add", "fm", id.as_str()],
        vec!["list", "--region", id.as_str()],
        vec![id.as_str()],
        vec!["show", "fm", "--width", id.as_str()],
    ] {
        let out = yuedu(dir.path(), data.path()).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert_inert(&format!("{args:?}"), &out.stdout);
        assert_inert(&format!("{args:?} on stderr"), &out.stderr);
        // Our own messages quote the argument made visible; clap's strip
        // the escape sequences they find in it.
        let stderr = String::from_utf8_lossy(&out.stderr);
        let quoted = if args[0] == id {
            "\u{fffd}31m"
        } else {
            "\u{fffd}]52;c;aGkK"
        };
        assert!(stderr.contains(quoted), "{args:?}: {stderr}");
    }
}

/// Adds a bookmark on each hostile article, with a hostile note, then gives
/// the stored bookmark a hostile id and time, as a crafted file would.
fn hostile_bookmarks(dir: &Path, data: &Path) {
    for id in ["fm", "page", WINDOW_ID] {
        let note = format!("笔记{OSC52}{CLEAR}{CSI}{RLO}\n第二行\u{7}");
        yuedu(dir, data)
            .args(["bookmarks", "add", id, "1", "--note", &note])
            .assert()
            .success();
    }
    let path = data.join("bookmarks.json");
    let mut file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let first = &mut file["bookmarks"][0];
    first["id"] = format!("bm{CLEAR}").into();
    first["created"] = format!("2024-01-01{OSC52}T00:00:00Z").into();
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
}

#[test]
fn bookmarks_list_and_export_are_inert() {
    let (dir, data) = (hostile_folder(), tempfile::tempdir().unwrap());
    hostile_bookmarks(dir.path(), data.path());
    let list = inert_run(dir.path(), data.path(), &["bookmarks", "list"], false);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.contains("bm\u{fffd}[2J\t"), "{list}");
    assert!(list.contains("\u{fffd}]0;x\u{fffd}:1"), "{list}");
    inert_run(
        dir.path(),
        data.path(),
        &["bookmarks", "list", "--json"],
        true,
    );
    let md = inert_run(dir.path(), data.path(), &["bookmarks", "export"], false);
    assert!(md.contains("笔记\u{fffd}]52;c;aGkK"), "{md}");
    assert!(md.contains("\n第二行\u{fffd}\n"), "{md}");
    assert!(md.contains("来源：来源[2J31m"), "{md}");
    inert_run(
        dir.path(),
        data.path(),
        &["bookmarks", "export", "--format", "json"],
        true,
    );
    // A Markdown file is shown with `cat` too: the same text as on stdout.
    let file = data.path().join("notes.md");
    inert_run(
        dir.path(),
        data.path(),
        &["bookmarks", "export", "-o", file.to_str().unwrap()],
        false,
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), md);
}

#[test]
fn import_errors_quoting_the_file_are_inert() {
    let (dir, data) = (hostile_folder(), tempfile::tempdir().unwrap());
    let name = data.path().join(format!("{OSC52}{RLO}.json"));
    std::fs::write(&name, "not json").unwrap();
    let missing = data.path().join(format!("{CLEAR}missing.json"));
    for file in [&name, &missing] {
        let out = yuedu(dir.path(), data.path())
            .args(["bookmarks", "import"])
            .arg(file)
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert_inert("import on stderr", &out.stderr);
    }
}

/// The reader's header shows the source from the file; the screen holds no
/// control or bidi character (ratatui itself drops C0 and C1, not bidi).
#[test]
fn the_reader_and_bookmarks_view_draw_inert() {
    let (dir, data) = (hostile_folder(), tempfile::tempdir().unwrap());
    hostile_bookmarks(dir.path(), data.path());
    let globals = yuedu::cli::Globals {
        articles: vec![dir.path().to_path_buf()],
        no_bundled: true,
        data_dir: Some(data.path().to_path_buf()),
        config: Some(data.path().join("config.toml")),
        no_cache: true,
    };
    let (mut app, _) = yuedu::app::build_app(&globals).unwrap();
    for id in ["fm", "page", WINDOW_ID] {
        app.open(id, None).unwrap();
        for (w, h) in [(100, 30), (24, 12)] {
            let screen = common::tui::screen(&mut app, w, h);
            assert!(unsafe_chars(&screen).is_empty(), "{id}:\n{screen}");
        }
        let screen = common::tui::screen(&mut app, 100, 30);
        if id == "fm" {
            assert!(screen.contains("来源[2J31m"), "{screen}");
        }
    }
    common::tui::press(&mut app, "B");
    let screen = common::tui::screen(&mut app, 100, 30);
    assert!(screen.contains("笔记"), "{screen}");
    assert!(unsafe_chars(&screen).is_empty(), "{screen}");
}
