//! The typesetting settings through the command line: `show` prints what
//! the reader shows with the config's settings (hanging punctuation,
//! full-width punctuation, the gap between Chinese and Latin text), and
//! `wrap` never changes a character whatever the config says.

mod common;

use std::path::Path;

use common::yuedu;

/// A folder holding one article, and a data dir with `config` as its
/// config file.
fn setup(text: &str, config: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let articles = tempfile::tempdir().unwrap();
    std::fs::write(articles.path().join("a.txt"), text).unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("config.toml"), config).unwrap();
    (articles, data)
}

fn show(articles: &Path, data: &Path, width: &str, extra: &[&str]) -> Vec<String> {
    let out = yuedu()
        .arg("--no-bundled")
        .arg("--articles")
        .arg(articles)
        .arg("--data-dir")
        .arg(data)
        .arg("--config")
        .arg(data.join("config.toml"))
        .args(["show", "a", "--width", width])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn columns(line: &str) -> usize {
    yuedu::text::str_width(line)
}

const TEXT: &str = "标题\n\n今年用AI写作的人多了3倍，覆盖100个县。\n";

#[test]
fn latin_gap_shows_a_space_between_chinese_and_latin_only_when_set() {
    let (a, d) = setup(TEXT, "");
    let plain = show(a.path(), d.path(), "60", &[]);
    assert!(plain.iter().any(|l| l.contains("用AI写作")), "{plain:?}");
    let (a, d) = setup(TEXT, "latin_gap = true\n");
    let gapped = show(a.path(), d.path(), "60", &[]);
    assert!(
        gapped
            .iter()
            .any(|l| l.contains("用 AI 写作的人多了 3 倍，覆盖 100 个县。")),
        "{gapped:?}"
    );
    // Where a line has no column to spare, no gap is shown, and the lines
    // break where they did without gaps.
    for width in ["20", "21", "22", "30"] {
        let plain = show(a.path(), d.path(), width, &[]);
        let (a2, d2) = setup(TEXT, "latin_gap = true\n");
        let gapped = show(a2.path(), d2.path(), width, &[]);
        assert_eq!(plain.len(), gapped.len(), "{width}: {gapped:?}");
        let w: usize = width.parse().unwrap();
        for (p, g) in plain.iter().zip(&gapped) {
            assert!(columns(g) <= w.max(columns(p)), "{width}: {g:?}");
            assert_eq!(p.replace(' ', ""), g.replace(' ', ""), "{width}");
        }
    }
}

#[test]
fn hanging_punctuation_from_the_config_or_the_flag() {
    // At 10 columns the full stop fits after 五 only by hanging.
    let text = "标题\n\n一二三四五。六七\n";
    let (a, d) = setup(text, "fullwidth_punctuation = true\n");
    let flat = show(a.path(), d.path(), "10", &[]);
    let hung = show(a.path(), d.path(), "10", &["--hang"]);
    assert!(
        flat.iter()
            .any(|l| l.trim_start_matches('\u{3000}') == "一二三四"),
        "{flat:?}"
    );
    assert!(hung.iter().any(|l| l.ends_with("五。")), "{hung:?}");
    let (a, d) = setup(text, "hanging_punctuation = true\n");
    assert_eq!(show(a.path(), d.path(), "10", &[]), hung);
}

#[test]
fn fullwidth_punctuation_is_shown_by_show_but_never_by_wrap() {
    let text = "标题\n\n发布时间:2022-11-25,记者(通讯员)报道\n";
    let (a, d) = setup(text, "latin_gap = true\n");
    let shown = show(a.path(), d.path(), "80", &[]).join("\n");
    assert!(shown.contains("发布时间：2022"), "{shown}");
    let (a, d) = setup(text, "fullwidth_punctuation = false\n");
    let shown = show(a.path(), d.path(), "80", &[]).join("\n");
    assert!(shown.contains("发布时间:2022"), "{shown}");

    // wrap keeps every character, and adds none, with every setting on.
    let body = "发布时间:2022-11-25,今年用AI写作的人多了3倍。";
    let out = yuedu()
        .arg("--config")
        .arg(d.path().join("config.toml"))
        .args(["wrap", "--width", "12", "--hang"])
        .write_stdin(body)
        .output()
        .unwrap();
    assert!(out.status.success());
    let wrapped = String::from_utf8(out.stdout).unwrap();
    assert_eq!(wrapped.replace('\n', ""), body, "{wrapped}");
}

#[test]
fn the_reader_shows_the_gap_as_show_does() {
    for (config, want, unwanted) in [
        ("latin_gap = true\n", "用 AI 写作", "用AI写作"),
        ("", "用AI写作", "用 AI 写作"),
    ] {
        let (a, d) = setup(TEXT, config);
        let globals = yuedu::cli::Globals {
            articles: vec![a.path().to_path_buf()],
            no_bundled: true,
            data_dir: Some(d.path().to_path_buf()),
            config: Some(d.path().join("config.toml")),
            no_cache: true,
        };
        let (mut app, _) = yuedu::app::build_app(&globals).unwrap();
        app.open("a", None).unwrap();
        let screen = common::tui::screen(&mut app, 100, 30);
        assert!(screen.contains(want), "{config}: {screen}");
        assert!(!screen.contains(unwanted), "{config}: {screen}");
    }
}
