//! The command-line contract shared by every subcommand: help, version,
//! completions, exit statuses and the one-line error messages.

use predicates::prelude::*;

mod common;

use common::yuedu;

#[test]
fn every_subcommand_has_help() {
    for sub in [
        vec!["--help"],
        vec!["open", "--help"],
        vec!["list", "--help"],
        vec!["regions", "--help"],
        vec!["programmes", "--help"],
        vec!["show", "--help"],
        vec!["wrap", "--help"],
        vec!["search", "--help"],
        vec!["bookmarks", "--help"],
        vec!["bookmarks", "list", "--help"],
        vec!["bookmarks", "add", "--help"],
        vec!["bookmarks", "remove", "--help"],
        vec!["bookmarks", "export", "--help"],
        vec!["bookmarks", "import", "--help"],
        vec!["completions", "--help"],
    ] {
        yuedu()
            .args(&sub)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: yuedu"))
            .stderr("");
    }
}

#[test]
fn version_is_printed() {
    yuedu()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "yuedu {}",
            env!("CARGO_PKG_VERSION")
        )));
}

#[test]
fn global_options_are_accepted_after_the_subcommand() {
    let data = tempfile::tempdir().unwrap();
    yuedu()
        .args(["list", "--no-bundled", "--data-dir"])
        .arg(data.path())
        .assert()
        .success()
        .stdout("");
}

#[test]
fn unknown_option_is_a_usage_error() {
    yuedu()
        .args(["list", "--bogus"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--bogus"));
}

#[test]
fn missing_articles_folder_is_a_usage_error_naming_it() {
    yuedu()
        .args(["list", "--articles", "/no/such/folder"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("/no/such/folder"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn unknown_article_is_an_error_with_one_line() {
    yuedu()
        .args(["show", "no-such-article", "--json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no-such-article"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn completions_are_generated_for_bash() {
    yuedu()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("yuedu"))
        .stdout(predicate::str::contains("bookmarks"));
}

#[test]
fn list_json_names_every_bundled_article() {
    let out = yuedu().args(["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = common::ids(&list);
    let mut expected: Vec<String> = std::fs::read_dir("assets/articles")
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            p.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    expected.sort();
    assert_eq!(ids, expected);
    for a in list.as_array().unwrap() {
        for key in [
            "id",
            "title",
            "date",
            "source",
            "path",
            "regions",
            "programmes",
            "paragraphs",
            "chars",
        ] {
            assert!(a.get(key).is_some(), "{key} missing in {a}");
        }
    }
}
