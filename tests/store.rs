//! The document store, seen through the CLI: every format and encoding,
//! metadata, captions, and files that are not articles.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod common;

const GOOD: &str = "tests/fixtures/store/good";
const BAD: &str = "tests/fixtures/store/bad";

fn show(dir: &str, id: &str) -> Value {
    common::json(&["--no-bundled", "--articles", dir, "show", id, "--json"])
}

fn paragraphs(a: &Value) -> Vec<(String, String)> {
    let texts = a["paragraphs"].as_array().unwrap();
    let kinds = a["kinds"].as_array().unwrap();
    texts
        .iter()
        .zip(kinds)
        .map(|(t, k)| {
            (
                k.as_str().unwrap().to_string(),
                t.as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_encoding_reads_the_same_article() {
    let reference = show(GOOD, "plain_utf8");
    for id in ["plain_bom", "plain_gbk", "plain_utf16le", "plain_utf16be"] {
        let a = show(GOOD, id);
        for key in ["title", "subtitle", "date", "source", "paragraphs", "kinds"] {
            assert_eq!(a[key], reference[key], "{id}: {key}");
        }
    }
    // GB18030 reaches beyond GBK: a supplementary-plane ideograph.
    let a = show(GOOD, "plain_gb18030");
    assert!(paragraphs(&a).iter().any(|(_, t)| t == "𠀀字"));
}

#[test]
fn plain_text_metadata_captions_and_subtitle() {
    let a = show(GOOD, "plain_utf8");
    assert_eq!(a["title"], "深圳对口帮扶寻乌县纪实");
    assert_eq!(a["subtitle"], "——写在支援合作六周年之际");
    assert_eq!(a["source"], "寻乌县融媒体中心");
    assert_eq!(a["date"], "2024-06-18");
    let p = paragraphs(&a);
    assert_eq!(p[0], ("caption".into(), "转存图片".into()));
    assert_eq!(p[1], ("caption".into(), "图为寻乌县城一角。".into()));
    assert_eq!(p[2].0, "body");
    assert_eq!(p[3], ("heading".into(), "产业协作 激活发展新动能".into()));
    // The source line is metadata and leaves the text.
    assert!(p.iter().all(|(_, t)| !t.contains("来源")));
}

#[test]
fn line_ends_of_every_kind() {
    let a = show(GOOD, "mixed_endings");
    assert_eq!(a["title"], "混合换行的文章");
    assert_eq!(
        a["paragraphs"],
        serde_json::json!(["第一段。", "第二段。", "第三段。"])
    );
}

#[test]
fn front_matter_with_an_html_body() {
    let a = show(GOOD, "front_html");
    assert_eq!(a["title"], "闽宁协作二十年");
    assert_eq!(a["date"], "2021-04-08");
    assert_eq!(a["source"], "宁夏日报");
    let p = paragraphs(&a);
    assert_eq!(p[0].1, "福建与宁夏的对口协作始于1996年。");
    // Entities decoded, tags stripped, the link kept as text.
    assert_eq!(p[1].1, "双方共建产业园区\u{a0}&\u{a0}闽宁镇。");
}

#[test]
fn front_matter_with_a_markdown_body() {
    let a = show(GOOD, "front_markdown");
    assert_eq!(a["title"], "援疆干部的一天");
    assert_eq!(a["date"], "2023-09-01");
    let p = paragraphs(&a);
    assert_eq!(
        p[0],
        ("body".into(), "清晨，喀什的阳光洒在疏附县的田野上。".into())
    );
    assert_eq!(p[1], ("caption".into(), "图为疏附县的棉花田".into()));
    assert_eq!(p[2], ("heading".into(), "产业援疆".into()));
    // A line break between CJK characters is no space.
    assert_eq!(p[3], ("body".into(), "深圳援建的产业园里机器轰鸣。".into()));
}

#[test]
fn html_pages_by_content_not_extension() {
    for id in ["page", "page_as_txt"] {
        let a = show(GOOD, id);
        assert!(
            a["title"].as_str().unwrap().ends_with("合作区：十年蝶变"),
            "{id}"
        );
        assert_eq!(a["date"], "2021-09-16");
        assert_eq!(a["source"], "深圳商报");
        let p = paragraphs(&a);
        let all: String = p.iter().map(|(_, t)| t.as_str()).collect();
        assert!(!all.contains("不是正文") && !all.contains("color") && !all.contains("首页"));
        assert!(p[0].1.ends_with("<十年>来……"), "{:?}", p[0]);
        assert_eq!(p[1], ("caption".into(), "图为合作区新貌".into()));
        assert_eq!(p[2].1, "这里是深圳的“飞地”，");
    }
}

/// A page saved from a news site (GB18030, labelled gb2312): the article
/// without the site around it (menus, breadcrumb, "previous article",
/// related links, sidebar, copyright), its date and source from the line
/// that gives both, and links inside sentences kept as text.
#[test]
fn a_news_site_page_gives_its_article_alone() {
    let a = show("tests/fixtures/store/site", "news_page");
    assert_eq!(a["title"], "广东深圳：对口帮扶广西百色见实效");
    assert_eq!(a["date"], "2024-03-12");
    // the publisher the article names under its text, not its channel
    assert_eq!(a["source"], "人民网");
    let p = paragraphs(&a);
    let kinds: Vec<&str> = p.iter().map(|(k, _)| k.as_str()).collect();
    // the editor's credit is page furniture
    assert_eq!(kinds, ["body", "caption", "body", "body"], "{p:?}");
    assert!(p[0].1.starts_with("人民网南宁3月12日电"), "{:?}", p[0]);
    assert!(
        p[2].1.ends_with("详情见《深百协作年度报告》。"),
        "{:?}",
        p[2]
    );
    assert!(p.iter().all(|(_, t)| !t.contains("责编")), "{p:?}");
}

/// A page saved from a WeChat account: the line under the title (account
/// and time) is metadata, the source line of the text outranks the
/// platform's name, the editor's credit is left out, and the page's
/// buttons and QR-code prompts are left out.
#[test]
fn a_wechat_page_gives_its_article_alone() {
    let a = show("tests/fixtures/store/site", "wechat");
    assert_eq!(a["title"], "寻乌：小脐橙撬动大产业");
    assert_eq!(a["date"], "2023-11-20");
    assert_eq!(a["source"], "寻乌县融媒体中心");
    let p = paragraphs(&a);
    let kinds: Vec<&str> = p.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["body", "caption", "body"], "{p:?}");
    assert!(p[0].1.starts_with("11月以来，寻乌县脐橙"), "{:?}", p[0]);
}

/// Markdown from a web clipper: the page's address under `source` gives
/// way to the name under `author`; `原标题：` is text, the editor's credit is left out.
#[test]
fn a_web_clipping_names_its_source() {
    let a = show("tests/fixtures/store/site", "clipping");
    assert_eq!(a["title"], "援疆十年：深圳与喀什的山海情");
    assert_eq!(a["date"], "2024-01-05");
    assert_eq!(a["source"], "深圳新闻网");
    let p = paragraphs(&a);
    assert_eq!(
        p[0],
        ("caption".into(), "图为深圳援建的喀什大学新校区。".into())
    );
    let last: Vec<_> = p[p.len() - 2..].to_vec();
    assert_eq!(
        last,
        [
            ("body".into(), "第二，深化人才交流。".into()),
            ("body".into(), "原标题：《援疆十年》".into())
        ]
    );
}

#[test]
fn files_that_are_not_articles_are_skipped_with_a_reason() {
    let out = Command::cargo_bin("yuedu")
        .unwrap()
        .args(["--no-bundled", "--articles", BAD, "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], "fine");
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    for (name, reason) in [
        ("binary.dat", "binary"),
        ("blank.txt", "empty"),
        ("empty.txt", "empty"),
        ("image.txt", "PNG image"),
    ] {
        assert!(
            lines.iter().any(|l| l.contains(name) && l.contains(reason)),
            "{name}: {err}"
        );
    }
}

#[test]
fn the_same_file_name_in_two_folders_gets_two_ids() {
    let out = Command::cargo_bin("yuedu")
        .unwrap()
        .args([
            "--no-bundled",
            "--articles",
            BAD,
            "--articles",
            BAD,
            "list",
            "--json",
        ])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = common::ids(&list);
    assert_eq!(ids, ["fine", "fine-2"]);
}

#[test]
fn a_device_given_as_articles_is_a_usage_error_and_a_file_is_read() {
    Command::cargo_bin("yuedu")
        .unwrap()
        .args(["--no-bundled", "--articles", "/dev/null", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "articles /dev/null: not a folder or a regular file",
        ));
    let list = common::json(&[
        "--no-bundled",
        "--articles",
        "tests/fixtures/store/bad/fine.txt",
        "list",
        "--json",
    ]);
    assert_eq!(common::ids(&list), ["fine"]);
}

#[test]
fn bundled_articles_get_real_titles() {
    let list = common::json(&["list", "--json"]);
    for a in list.as_array().unwrap() {
        let title = a["title"].as_str().unwrap();
        assert!(!title.is_empty() && !title.starts_with("---"), "{title}");
        assert!(
            !title.contains("图/") && !title.contains("转存图片"),
            "{title}"
        );
        assert!(title.chars().count() <= 60, "{title}");
    }
    assert_eq!(list[2]["date"], "2022-01-10");
}

mod never_panics {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            let _ = yuedu::store::parse_article(std::path::Path::new("x.txt"), &bytes);
            let _ = yuedu::store::parse_article(std::path::Path::new("x.html"), &bytes);
            let _ = yuedu::store::parse_article(std::path::Path::new("x.md"), &bytes);
        }

        #[test]
        fn on_arbitrary_text(text in "(\\PC|[<>/&;#\\-\\n]){0,400}") {
            let with_fm = format!("---\ntitle: t\n---\n{text}");
            let html = format!("<html><body><p>{text}</p></body></html>");
            for t in [&text, &with_fm, &html] {
                let _ = yuedu::store::parse_article(std::path::Path::new("x.txt"), t.as_bytes());
            }
        }
    }
}

#[test]
fn a_caption_first_line_is_not_the_title_and_labels_under_photos_are_captions() {
    let a = show(GOOD, "caption_first");
    assert_eq!(a["title"], "湾区夜色里的新城");
    assert_eq!(a["source"], "深圳特区报");
    let kinds: Vec<(String, String)> = paragraphs(&a);
    let kind_of = |t: &str| {
        kinds
            .iter()
            .find(|(_, x)| x == t)
            .map(|(k, _)| k.clone())
            .unwrap_or_else(|| panic!("{t} missing: {kinds:?}"))
    };
    assert_eq!(kind_of("图为深圳湾公园夜景。图/张三"), "caption");
    assert_eq!(kind_of("深圳湾"), "caption");
    assert_eq!(kind_of("南山区"), "caption");
    // A two-part section title after a body paragraph stays a heading.
    assert_eq!(kind_of("绿道建设 串起城市公园"), "heading");
}

#[test]
fn text_copied_from_a_page_reads_as_its_article() {
    let a = show("tests/fixtures/store/copied", "copied_page");
    assert_eq!(a["title"], "徐州地铁3号线二期工程开工");
    assert_eq!(a["source"], "徐州日报");
    assert_eq!(a["date"], "2022-03-01");
    assert_eq!(
        paragraphs(&a),
        [
            ("caption", "施工现场（张三 摄）"),
            (
                "body",
                "3月1日，徐州地铁3号线二期工程正式开工建设，线路全长约12公里。"
            ),
            ("body", "通车后。"),
        ]
        .map(|(k, t)| (k.to_string(), t.to_string()))
    );
}

#[test]
fn a_page_with_no_article_still_loads_with_a_note() {
    let dir = "tests/fixtures/store/index";
    Command::cargo_bin("yuedu")
        .unwrap()
        .args(["--no-bundled", "--articles", dir, "list", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("index_page"))
        .stderr(predicate::str::contains(
            "index_page.html: no article body found",
        ));
    let a = show(dir, "index_page");
    assert!(
        paragraphs(&a).iter().any(|(_, t)| t.contains("共3条")),
        "{a}"
    );
}
