//! Collections kept in one file — JSON Lines, JSON, CSV, RSS and Atom —
//! seen through `list --json` and `show --json`: every record's title,
//! date, source, paragraphs and regions, with the folder and with the file
//! itself as `--articles`, and the bad records named on stderr.

use serde_json::Value;

mod common;

const RECORDS: &str = "tests/fixtures/formats/records";
const FEEDS: &str = "tests/fixtures/formats/feeds";

fn list(path: &str) -> Vec<Value> {
    common::json_array(&["--no-bundled", "--articles", path, "list", "--json"])
}

fn show(path: &str, id: &str) -> Value {
    common::json(&["--no-bundled", "--articles", path, "show", id, "--json"])
}

fn article<'a>(list: &'a [Value], id: &str) -> &'a Value {
    list.iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", common::ids(&Value::from(list.to_vec()))))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

/// Each record's id, title, date and source.
fn summary(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|a| {
            format!(
                "{} | {} | {} | {}",
                a["id"].as_str().unwrap_or("-"),
                a["title"].as_str().unwrap_or("-"),
                a["date"].as_str().unwrap_or("-"),
                a["source"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

fn stderr_of(args: &[&str]) -> String {
    let out = common::yuedu().args(args).output().expect("yuedu runs");
    assert!(out.status.success(), "{args:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn records_in_a_folder_are_articles_each() {
    let all = list(RECORDS);
    assert_eq!(
        summary(&all),
        [
            "dump-1 | 深圳援疆干部助力喀什产业园建设 | 2023-05-12 | 新华社",
            "dump-2 | 寻乌脐橙借助深圳市场走俏大湾区 | 2023-11-20 | 赣南日报",
            "dump-5 | 深汕特别合作区新建学校秋季开学 | 2023-09-01 | 深圳特区报",
            "news-1 | 深圳对口帮扶汕尾产业园扩容 | 2024-03-18 | 南方日报",
            "news-3 | 百千万工程推动县镇村高质量发展 | 2024-05-06 | 南方日报",
            "news-1-2 | 闽宁协作三十年：从“干沙滩”到“金沙滩” | 2026-04-20 | 宁夏日报",
            "news-3-2 | 粤桂协作助力百色芒果出山 | 2025-07-08 | 广西日报",
            "wrapped-1 | 援藏医疗队为林芝群众义诊 | 2024-08-15 | 西藏日报",
            "wrapped-2 | 深圳龙岗区与河源和平县签约对口帮扶 | 2024-09-02 | 河源日报",
        ]
    );
    let a = article(&all, "dump-1");
    assert_eq!(a["path"], format!("{RECORDS}/dump.jsonl"));
    assert_eq!(a["paragraphs"], 3);
    assert!(strings(&a["regions"]).contains(&"喀什地区".to_string()));
    assert_eq!(strings(&a["programmes"]), ["对口支援", "援疆"]);
    let a = article(&all, "news-3-2");
    assert!(strings(&a["regions"]).contains(&"百色市".to_string()));
    assert!(strings(&a["programmes"]).contains(&"粤桂协作".to_string()));
}

#[test]
fn plain_content_is_a_paragraph_a_line_and_html_content_an_html_body() {
    let a = show(RECORDS, "dump-1");
    let paragraphs = strings(&a["paragraphs"]);
    assert_eq!(paragraphs.len(), 3);
    assert!(paragraphs[0].starts_with("新华社喀什5月12日电 深圳市对口支援喀什地区"));
    assert_eq!(
        paragraphs[2],
        "深圳援疆前方指挥部有关负责人表示，将持续推动产业援疆与就业援疆相结合。"
    );
    let a = show(RECORDS, "dump-2");
    assert_eq!(
        strings(&a["paragraphs"]),
        [
            "江西寻乌县是深圳对口帮扶的重点县之一。",
            "今年以来，寻乌县通过深圳的农产品流通渠道，把脐橙销往粤港澳大湾区“菜篮子”市场。",
            "图为寻乌县果农在采摘脐橙。",
        ]
    );
    assert_eq!(strings(&a["kinds"]), ["body", "body", "caption"]);
    // Paragraphs started by an ideographic indent, in one line.
    let a = show(RECORDS, "dump-5");
    assert_eq!(
        strings(&a["paragraphs"]),
        [
            "今年9月，深汕特别合作区新建的三所学校如期开学。",
            "新学校共提供学位4500个，由深圳名校托管办学。",
        ]
    );
    // A text given as a list of paragraphs; CSV fields with line breaks.
    let a = show(RECORDS, "news-1-2");
    assert_eq!(
        strings(&a["paragraphs"])[0],
        "1996年，福建和宁夏开启对口协作。"
    );
    let a = show(RECORDS, "news-1");
    assert_eq!(
        strings(&a["paragraphs"]),
        [
            "深圳与汕尾共建的产业园今年新增入园企业30家。",
            "园区已累计吸引投资超过200亿元。",
        ]
    );
}

#[test]
fn a_file_as_articles_reads_as_in_its_folder() {
    let all = list(RECORDS);
    for (file, ids) in [
        ("dump.jsonl", vec!["dump-1", "dump-2", "dump-5"]),
        ("news.json", vec!["news-1", "news-3"]),
        ("news.csv", vec!["news-1", "news-3"]),
        ("wrapped.json", vec!["wrapped-1", "wrapped-2"]),
    ] {
        let path = format!("{RECORDS}/{file}");
        let one = list(&path);
        assert_eq!(common::ids(&Value::from(one.clone())), ids, "{file}");
        for a in &one {
            let same = all
                .iter()
                .find(|b| b["path"] == a["path"] && b["title"] == a["title"])
                .expect("the same record in the folder");
            for key in ["date", "source", "regions", "programmes", "paragraphs"] {
                assert_eq!(a[key], same[key], "{file} {}: {key}", a["id"]);
            }
        }
    }
    // A file of one article too.
    let one = list("tests/fixtures/store/good/plain_utf8.txt");
    assert_eq!(common::ids(&Value::from(one)), ["plain_utf8"]);
}

#[test]
fn bad_records_are_named_once_each_and_the_others_load() {
    let err = stderr_of(&["--no-bundled", "--articles", RECORDS, "list"]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "yuedu: tests/fixtures/formats/records/dump.jsonl line 4: skipped: not valid JSON (EOF while parsing an object at column 68)",
            "yuedu: tests/fixtures/formats/records/dump.jsonl line 5: skipped: no text in it",
            "yuedu: tests/fixtures/formats/records/news.csv line 4: skipped: 2 fields where the header has 5",
            "yuedu: tests/fixtures/formats/records/news.json record 2: skipped: no text in it",
        ]
    );
}

#[test]
fn a_json_array_with_a_syntax_error_keeps_the_records_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.json");
    std::fs::write(
        &path,
        "[{\"title\":\"深圳援建喀什\",\"content\":\"深圳对口支援喀什。\"},\n {\"title\": \"被截断",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    assert_eq!(common::ids(&Value::from(list(p))), ["cut-1"]);
    let err = stderr_of(&["--no-bundled", "--articles", p, "list"]);
    assert!(
        err.contains("cut.json record 2: skipped: not valid JSON")
            && err.contains("the records after it are not read"),
        "{err}"
    );
}

#[test]
fn a_record_keeps_its_id_while_the_file_grows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grow.jsonl");
    let record = |t: &str| format!("{{\"title\":\"{t}\",\"content\":\"{t}的正文。\"}}\n");
    std::fs::write(&path, record("甲") + &record("乙")).unwrap();
    let p = path.to_str().unwrap();
    let before = list(p);
    let mut more = std::fs::read_to_string(&path).unwrap();
    more.push_str(&record("丙"));
    std::fs::write(&path, more).unwrap();
    let after = list(p);
    assert_eq!(summary(&before)[..], summary(&after)[..2]);
    assert_eq!(after[2]["id"], "grow-3");
}

#[test]
fn csv_written_in_gb18030_and_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let text = "标题,内容,日期\n援疆教师支教喀什,深圳援疆教师在喀什支教。,2024-02-01\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    std::fs::write(dir.path().join("gbk.csv"), &gbk).unwrap();
    std::fs::write(
        dir.path().join("tabs.tsv"),
        "title\tbody\tsource\n援藏干部扎根林芝\t援藏干部在林芝工作三年。\t西藏日报\n",
    )
    .unwrap();
    let all = list(dir.path().to_str().unwrap());
    assert_eq!(
        summary(&all),
        [
            "gbk-1 | 援疆教师支教喀什 | 2024-02-01 | -",
            "tabs-1 | 援藏干部扎根林芝 | - | 西藏日报",
        ]
    );
}

#[test]
fn feeds_are_articles_item_by_item() {
    let all = list(FEEDS);
    assert_eq!(
        summary(&all),
        [
            "atom-1 | 深圳对口支援喀什：产业园里的新工人 | 2024-06-01 | 深圳新闻网",
            "atom-2 | 援疆医生的一天 | 2024-06-03 | 李明",
            "rss1-1 | 东西部协作：沪滇协作助力怒江脱贫 | 2023-10-09 | 云南日报",
            "rss2-1 | 寻乌县举办脐橙文化旅游节 | 2023-11-20 | 赣州发布",
            "rss2-2 | 援藏干部在林芝种下“致富树” | 2023-11-21 | 西藏日报",
            "rss2-3 | 深汕特别合作区迎来新一批企业 | 2023-11-22 | 深圳特区报",
        ]
    );
    let a = show(FEEDS, "rss2-1");
    assert_eq!(
        strings(&a["paragraphs"]),
        [
            "11月18日，第十届寻乌脐橙文化旅游节在寻乌县开幕。",
            "深圳市对口帮扶寻乌县以来，“寻乌脐橙”品牌走进了粤港澳大湾区。",
        ]
    );
    assert!(strings(&a["regions"]).contains(&"寻乌县".to_string()));
    let a = show(FEEDS, "rss2-2");
    assert_eq!(
        strings(&a["paragraphs"]),
        ["广东援藏工作队在林芝市推广种植经济林木，带动农牧民增收 & 就业。"]
    );
    let a = show(FEEDS, "atom-1");
    assert_eq!(strings(&a["paragraphs"]).len(), 2);
    assert_eq!(list(&format!("{FEEDS}/rss2.xml")).len(), 3);
}

/// Follows the articles on disk until the library holds `count`
/// articles (or a generous while has passed, when the test fails).
fn follow_until(app: &mut yuedu::app::App, count: usize) {
    for _ in 0..400 {
        app.follow_changes();
        if app.library.articles.len() == count {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!(
        "the library has {} articles, not {count}",
        app.library.articles.len()
    );
}

#[test]
fn the_tui_sees_files_added_changed_and_removed_and_keeps_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let long: String = (1..=12)
        .map(|i| format!("深圳对口帮扶寻乌县的第{i}段记述，写的是产业、教育和医疗。\n"))
        .collect();
    std::fs::write(articles.join("a.txt"), format!("寻乌纪事\n{long}")).unwrap();
    let globals = yuedu::cli::Globals {
        articles: vec![articles.clone()],
        no_bundled: true,
        no_cache: true,
        data_dir: Some(data.path().to_path_buf()),
        config: Some(data.path().join("config.toml")),
    };
    let (mut app, _) = yuedu::app::build_app(&globals).unwrap();
    assert!(app.watch.is_some());
    app.resize(80, 24);
    common::tui::press(&mut app, "Tab Enter } } }");
    let reading = common::tui::screen(&mut app, 80, 24);
    assert!(reading.contains("第4段记述"), "{reading}");

    // A file added while the reader is open: the reader stays where it is.
    std::fs::write(
        articles.join("dump.jsonl"),
        "{\"title\":\"喀什深圳产业园新项目开工\",\"content\":\"深圳对口支援喀什的新项目开工。\"}\n",
    )
    .unwrap();
    follow_until(&mut app, 2);
    let after = common::tui::screen(&mut app, 80, 24);
    let text = |s: &str| s.lines().take(23).collect::<Vec<_>>().join("\n");
    assert_eq!(text(&after), text(&reading));
    assert!(
        after.contains("the articles changed on disk: 2 articles"),
        "{after}"
    );
    common::tui::press(&mut app, "q");
    let list = common::tui::screen(&mut app, 80, 24);
    assert!(list.contains("喀什深圳产业园新项目开工"), "{list}");
    assert!(list.contains("寻乌纪事"), "{list}");

    // A record appended to the dump appears; a file removed goes.
    let mut dump = std::fs::read_to_string(articles.join("dump.jsonl")).unwrap();
    dump.push_str("{\"title\":\"援疆教师走进课堂\",\"content\":\"深圳援疆教师在喀什上课。\"}\n");
    std::fs::write(articles.join("dump.jsonl"), dump).unwrap();
    follow_until(&mut app, 3);
    assert!(common::tui::screen(&mut app, 80, 24).contains("援疆教师走进课堂"));
    std::fs::remove_file(articles.join("a.txt")).unwrap();
    follow_until(&mut app, 2);
    let list = common::tui::screen(&mut app, 80, 24);
    assert!(!list.contains("寻乌纪事"), "{list}");
}

#[test]
fn records_are_cached_and_read_back_the_same_problems_included() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for e in std::fs::read_dir(RECORDS).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), articles.join(e.file_name())).unwrap();
    }
    // A file changed within the last second is not cached.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let cache = tmp.path().join("cache");
    let run = |cached: bool, args: &[&str]| {
        let mut cmd = common::yuedu();
        cmd.arg("--no-bundled").arg("--articles").arg(&articles);
        if cached {
            cmd.env("YUEDU_CACHE_DIR", &cache);
        } else {
            cmd.arg("--no-cache");
        }
        let out = cmd.args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        (out.stdout, String::from_utf8(out.stderr).unwrap())
    };
    for args in [
        &["list", "--json"][..],
        &["show", "dump-2", "--json"],
        &["search", "脐橙", "--json"],
    ] {
        let fresh = run(false, args);
        let first = run(true, args);
        let second = run(true, args);
        assert_eq!(first, fresh, "{args:?}");
        assert_eq!(second, fresh, "{args:?}");
        assert!(
            fresh.1.contains("dump.jsonl line 4: skipped"),
            "{}",
            fresh.1
        );
    }
    // The article cache's files (the search index's folder beside them).
    let written: Vec<u8> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .flat_map(|p| std::fs::read(p).unwrap())
        .collect();
    let title = "寻乌脐橙借助深圳市场走俏大湾区".as_bytes();
    assert!(written.windows(title.len()).any(|w| w == title));
}

#[test]
fn search_and_bookmarks_work_on_records_and_a_bookmark_survives_the_file_growing() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = dir.path().join("dump.jsonl");
    std::fs::copy(format!("{RECORDS}/dump.jsonl"), &path).unwrap();
    let p = path.to_str().unwrap();
    let d = data.path().to_str().unwrap();
    let hits = common::json_array(&["--no-bundled", "--articles", p, "search", "脐橙", "--json"]);
    let found: Vec<(&str, &str)> = hits
        .iter()
        .map(|h| {
            (
                h["article"].as_str().unwrap(),
                h["snippet"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "dump-2",
                "今年以来，寻乌县通过深圳的农产品流通渠道，把脐橙销往粤港澳大湾区“菜篮子”市场。"
            ),
            ("dump-2", "图为寻乌县果农在采摘脐橙。"),
        ]
    );
    let region = [
        "--no-bundled",
        "--articles",
        p,
        "list",
        "--region",
        "寻乌县",
        "--json",
    ];
    assert_eq!(common::ids(&common::json(&region)), ["dump-2"]);
    common::yuedu()
        .args(["--no-bundled", "--articles", p, "--data-dir", d])
        .args(["bookmarks", "add", "dump-2", "2", "--note", "脐橙"])
        .assert()
        .success();
    let marks = [
        "--no-bundled",
        "--articles",
        p,
        "--data-dir",
        d,
        "bookmarks",
        "list",
        "--json",
    ];
    let before = common::json_array(&marks);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0]["article"], "dump-2");
    let mut more = std::fs::read_to_string(&path).unwrap();
    more.push_str("{\"title\":\"新增的一条\",\"content\":\"深圳对口帮扶的新消息。\"}\n");
    std::fs::write(&path, more).unwrap();
    assert_eq!(list(p).len(), 4);
    assert_eq!(common::json_array(&marks), before);
}
