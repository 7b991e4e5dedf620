//! The archive from the command line, on articles with real text
//! (tests/fixtures/archive): sources and dates with counts, the source and
//! date filters crossed with the others, the orders of `list`.

use predicates::prelude::*;
use serde_json::{Value, json};

mod common;

use common::{ids, json, json_array, yuedu};

const DIR: &str = "tests/fixtures/archive";

fn archive(args: &[&str]) -> Vec<String> {
    let mut all = vec!["--no-bundled", "--articles", DIR];
    all.extend_from_slice(args);
    all.into_iter().map(String::from).collect()
}

fn run_json(args: &[&str]) -> Value {
    let args = archive(args);
    json(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

fn list(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    run_json(&all).as_array().expect("an array").clone()
}

fn list_ids(args: &[&str]) -> Vec<String> {
    ids(&Value::Array(list(args)))
}

#[test]
fn sources_are_outlets_with_counts() {
    let sources = run_json(&["sources", "--json"]);
    assert_eq!(
        sources,
        json!([
            // `新华网` and ` 新華網 ` are one outlet
            {"name": "新华网", "count": 2},
            // one story, saved as a page and as text: counted once
            {"name": "右江日报", "count": 1},
            {"name": "网易商业报道", "count": 1},
            {"name": "21世纪经济报道", "count": 1},
            {"name": "深圳特区报", "count": 1},
            {"name": "深圳新闻网", "count": 1},
            {"name": "赣南日报", "count": 1},
        ])
    );
    // A person (`张伟`) and an address are no source; the text form says
    // the same.
    let args = archive(&["sources"]);
    yuedu()
        .args(&args)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("新华网 (2)\n右江日报 (1)\n"))
        .stdout(predicate::str::contains("张伟").not())
        .stdout(predicate::str::contains("http").not());
}

#[test]
fn dates_are_years_with_their_months() {
    // A story and its copy in one month count once there.
    let dates = run_json(&["dates", "--json"]);
    let month = |name: &str, count: usize| json!({"name": name, "month": name[5..].parse::<u8>().unwrap(), "count": count});
    assert_eq!(
        dates,
        json!([
            {"name": "2024", "year": 2024, "count": 1, "months": [month("2024-02", 1)]},
            {"name": "2023", "year": 2023, "count": 2,
             "months": [month("2023-06", 1), month("2023-05", 1)]},
            {"name": "2022", "year": 2022, "count": 1, "months": [month("2022-01", 1)]},
            {"name": "2005", "year": 2005, "count": 1, "months": [month("2005-01", 1)]},
            {"name": "2004", "year": 2004, "count": 1, "months": [month("2004-12", 1)]},
        ])
    );
    let args = archive(&["dates"]);
    yuedu()
        .args(&args)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "2024 (1)\n  2024-02 (1)\n2023 (2)\n  2023-06 (1)\n  2023-05 (1)\n",
        ));
}

#[test]
fn the_source_filter_keeps_that_outlets_articles() {
    let all = list(&[]);
    for s in json_array(
        &archive(&["sources", "--json"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    ) {
        let name = s["name"].as_str().unwrap();
        let want: Vec<String> = all
            .iter()
            .filter(|a| {
                a["source"].as_str().and_then(yuedu::archive::source_key)
                    == yuedu::archive::source_key(name)
            })
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect();
        assert!(!want.is_empty(), "{name}");
        assert_eq!(list_ids(&["--source", name]), want, "--source {name}");
    }
    assert_eq!(
        list_ids(&["--source", "新華網"]),
        ["baiqianwan", "xunwu-xinhua"]
    );
    assert_eq!(list_ids(&["--source", "人民日报"]), Vec::<String>::new());
}

#[test]
fn date_bounds_cover_whole_years_months_and_days() {
    let all = list(&[]);
    let dated = |lo: &str, hi: &str| -> Vec<String> {
        all.iter()
            .filter(|a| a["date"].as_str().is_some_and(|d| d >= lo && d <= hi))
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    for (since, until, lo, hi) in [
        (Some("2023"), None, "2023-01-01", "9999"),
        (None, Some("2023-05"), "0000", "2023-05-31"),
        (Some("2023-05"), Some("2023-05"), "2023-05-01", "2023-05-31"),
        (
            Some("2023-05-13"),
            Some("2023-06-02"),
            "2023-05-13",
            "2023-06-02",
        ),
        (Some("2024-02-29"), Some("2024"), "2024-02-29", "2024-12-31"),
        (Some("2005"), Some("2004"), "2005", "2004"),
    ] {
        let mut args = Vec::new();
        if let Some(s) = since {
            args.extend(["--since", s]);
        }
        if let Some(u) = until {
            args.extend(["--until", u]);
        }
        assert_eq!(list_ids(&args), dated(lo, hi), "{args:?}");
    }
    assert_eq!(
        list_ids(&["--since", "2023-05", "--until", "2023-05"]),
        ["xunwu-gannan", "xunwu-xinhua"]
    );
}

#[test]
fn filters_cross_each_other() {
    assert_eq!(
        list_ids(&["--region", "寻乌", "--since", "2023-05-13"]),
        ["shenzhen-full", "shenzhen-short", "xunwu-xinhua"]
    );
    assert_eq!(
        list_ids(&[
            "--region",
            "寻乌",
            "--since",
            "2023-05-13",
            "--until",
            "2023-05"
        ]),
        ["xunwu-xinhua"]
    );
    assert_eq!(
        list_ids(&["--programme", "百千万工程", "--source", "新华网"]),
        ["baiqianwan"]
    );
    assert_eq!(
        list_ids(&[
            "--region",
            "广东",
            "--until",
            "2023",
            "--source",
            "深圳新闻网"
        ]),
        ["shenzhen-short"]
    );
    // The facets follow the filters.
    assert_eq!(
        run_json(&["sources", "--json", "--since", "2023"]),
        json!([
            {"name": "新华网", "count": 2},
            {"name": "深圳特区报", "count": 1},
            {"name": "深圳新闻网", "count": 1},
            {"name": "赣南日报", "count": 1},
        ])
    );
    assert_eq!(
        run_json(&["dates", "--json", "--source", "赣南日报"]),
        json!([{"name": "2023", "year": 2023, "count": 1,
                "months": [{"name": "2023-05", "month": 5, "count": 1}]}])
    );
}

#[test]
fn search_takes_the_same_filters() {
    let hits = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search", "寻乌", "--json"];
        all.extend_from_slice(args);
        let mut articles: Vec<String> = run_json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["article"].as_str().unwrap().to_string())
            .collect();
        articles.dedup();
        articles
    };
    assert_eq!(
        hits(&[]),
        [
            "shenzhen-full",
            "shenzhen-short",
            "xunwu-gannan",
            "xunwu-xinhua"
        ]
    );
    assert_eq!(hits(&["--source", "新华网"]), ["xunwu-xinhua"]);
    assert_eq!(hits(&["--until", "2023-05-12"]), ["xunwu-gannan"]);
}

#[test]
fn a_date_that_is_none_is_a_usage_error() {
    for bad in ["2023-13", "2023-02-30", "23", "May 2023", "2023/05"] {
        for opt in ["--since", "--until"] {
            let args = archive(&["list", opt, bad]);
            yuedu()
                .args(&args)
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains("is not a date"))
                .stderr(predicate::function(|e: &str| e.lines().count() == 1));
        }
    }
}

#[test]
fn list_sorts_by_date_title_and_source() {
    // Newest first, undated last in library order.
    assert_eq!(
        list_ids(&["--sort", "date"]),
        [
            "baiqianwan",
            "shenzhen-short",
            "shenzhen-full",
            "xunwu-xinhua",
            "xunwu-gannan",
            "baise-copied",
            "baise-page",
            "netease-2",
            "netease-1",
            "sports-person",
            "tech-address",
            "weather-undated",
        ]
    );
    // By pinyin: han (寒) < jian (简) < jiang (将) < li (利) …
    let titles: Vec<String> = list(&["--sort", "title"])
        .iter()
        .map(|a| a["title"].as_str().unwrap().chars().take(2).collect())
        .collect();
    assert_eq!(
        titles,
        [
            "寒潮", "简单", "将力", "将力", "利益", "女排", "深百", "深百", "深圳", "深圳", "深圳",
            "新能"
        ]
    );
    // By source's pinyin, articles without one last.
    assert_eq!(
        list_ids(&["--sort", "source"]),
        [
            "netease-2",
            "xunwu-gannan",
            "shenzhen-full",
            "shenzhen-short",
            "netease-1",
            "xunwu-xinhua",
            "baiqianwan",
            "baise-copied",
            "baise-page",
            "sports-person",
            "tech-address",
            "weather-undated",
        ]
    );
    let args = archive(&["list", "--sort", "size"]);
    yuedu().args(&args).assert().code(2);
}

#[test]
fn the_new_commands_have_help() {
    for sub in ["sources", "dates"] {
        yuedu()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: yuedu"))
            .stdout(predicate::str::contains("--since"));
    }
}

/// The (article, paragraph) pairs `search QUERY` finds in the fixtures and
/// the bundled articles; none is exit status 1.
fn found(query: &str) -> std::collections::BTreeSet<(String, u64)> {
    let out = yuedu()
        .args(["--articles", DIR, "search", query, "--json"])
        .output()
        .expect("yuedu runs");
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(out.status.code(), Some(if hits.is_empty() { 1 } else { 0 }));
    hits.iter()
        .map(|h| {
            (
                h["article"].as_str().unwrap().to_string(),
                h["paragraph"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn or_is_the_union_of_the_plain_searches() {
    for (a, b) in [
        ("寻乌", "百色"),
        ("脐橙", "芒果"),
        ("深圳 寻乌", "百色 劳务"),
        ("寻乌", "寻乌县"),
        ("耐克", "没有这样的词语组合"),
    ] {
        let either = found(&format!("{a} OR {b}"));
        let union: std::collections::BTreeSet<_> = found(a).union(&found(b)).cloned().collect();
        assert!(!either.is_empty(), "{a} OR {b}");
        assert_eq!(either, union, "{a} OR {b}");
    }
}

#[test]
fn minus_word_is_the_difference() {
    for (a, b) in [
        ("寻乌", "产业"),
        ("深圳", "乡村振兴"),
        ("寻乌县", "寻乌"),
        ("百色 深圳", "帮扶"),
        ("寻乌", "没有这样的词语组合"),
    ] {
        let without = found(&format!("{a} -{b}"));
        let difference: std::collections::BTreeSet<_> =
            found(a).difference(&found(b)).cloned().collect();
        assert_eq!(without, difference, "{a} -{b}");
    }
    // Whichever side matches.
    let both = found("寻乌 OR 百色 -深圳");
    let want: std::collections::BTreeSet<_> = found("寻乌 OR 百色")
        .difference(&found("深圳"))
        .cloned()
        .collect();
    assert!(!want.is_empty());
    assert_eq!(both, want);
}

#[test]
fn a_query_of_only_excluded_words_is_a_usage_error() {
    yuedu()
        .args(["search", "-寻乌"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must not occur"));
    yuedu().args(["search", "OR"]).assert().code(2);
    // Words given one an argument, as a shell splits them, and options
    // after them.
    let args = archive(&["search", "寻乌", "-产业", "--json"]);
    let hits = json_array(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let args = archive(&["search", "寻乌 -产业", "--json"]);
    assert_eq!(
        hits,
        json_array(&args.iter().map(String::as_str).collect::<Vec<_>>())
    );
    assert!(!hits.is_empty());
}

#[test]
fn reprints_are_listed_as_copies() {
    let copies: Vec<(String, Vec<String>)> = list(&[])
        .iter()
        .map(|a| {
            let ids = a["copies"].as_array().expect("copies").iter();
            (
                a["id"].as_str().unwrap().to_string(),
                ids.map(|c| c.as_str().unwrap().to_string()).collect(),
            )
        })
        .collect();
    let of = |id: &str| copies.iter().find(|(a, _)| a == id).unwrap().1.clone();
    // The same page saved as HTML and copied out as text.
    assert_eq!(of("baise-page"), ["baise-copied"]);
    assert_eq!(of("baise-copied"), ["baise-page"]);
    // A reprint in another outlet, with its own dateline and without the
    // last paragraphs.
    assert_eq!(of("xunwu-gannan"), ["xunwu-xinhua"]);
    assert_eq!(of("xunwu-xinhua"), ["xunwu-gannan"]);
    // A copy cut to its first two fifths.
    assert_eq!(of("shenzhen-full"), ["shenzhen-short"]);
    assert_eq!(of("shenzhen-short"), ["shenzhen-full"]);
    // Two unrelated pages of one portal, one template: no pair; nor any
    // other article.
    for id in [
        "netease-1",
        "netease-2",
        "baiqianwan",
        "weather-undated",
        "tech-address",
        "sports-person",
    ] {
        assert_eq!(of(id), Vec::<String>::new(), "{id}");
    }
    // `show --json` says the same.
    let args = archive(&["show", "baise-page", "--json"]);
    let shown = json(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(shown["copies"], json!(["baise-copied"]));
    // With the bundled articles, a fixture is a copy of the bundled story
    // it was made from.
    let all = common::json_array(&["--articles", DIR, "list", "--json"]);
    let bundled = all
        .iter()
        .find(|a| a["id"] == "002_f879ae6b00abf318")
        .unwrap();
    assert_eq!(bundled["copies"], json!(["baise-copied", "baise-page"]));
}

#[test]
fn a_story_counts_once_in_the_region_tree() {
    let regions = run_json(&["regions", "--json"]);
    let find = |name: &str| -> u64 {
        fn walk(nodes: &Value, name: &str) -> Option<u64> {
            nodes.as_array()?.iter().find_map(|n| {
                if n["name"] == name {
                    n["count"].as_u64()
                } else {
                    walk(&n["children"], name)
                }
            })
        }
        walk(&regions, name).unwrap_or(0)
    };
    // 寻乌县: two copies of one story, and the 深圳 story and its copy.
    assert_eq!(find("寻乌县"), 2);
    assert_eq!(list(&["--region", "寻乌"]).len(), 4);
    // 百色市: the page and its text, and the 深圳 story and its copy.
    assert_eq!(find("百色市"), 2);
    assert_eq!(list(&["--region", "百色"]).len(), 4);
}
