//! Helpers shared by the integration tests that drive the `yuedu` binary.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;

/// The binary, with `NO_COLOR` as a user's terminal would not set it.
pub fn yuedu() -> Command {
    let mut cmd = Command::cargo_bin("yuedu").expect("the yuedu binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Runs `yuedu ARGS`, which must succeed, and parses its JSON output.
pub fn json(args: &[&str]) -> Value {
    let out = yuedu().args(args).output().expect("yuedu runs");
    assert!(
        out.status.success(),
        "yuedu {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// [`json`] for commands that print an array.
pub fn json_array(args: &[&str]) -> Vec<Value> {
    json(args).as_array().expect("a JSON array").clone()
}
/// `yuedu --no-bundled --articles ARTICLES ARGS`, which must succeed, with
/// the cache in `cache` (`None`: `--no-cache`): stdout and stderr.
pub fn run_cached(
    articles: &std::path::Path,
    cache: Option<&std::path::Path>,
    args: &[&str],
) -> (String, String) {
    let mut cmd = yuedu();
    cmd.arg("--no-bundled").arg("--articles").arg(articles);
    match cache {
        Some(c) => cmd.env("YUEDU_CACHE_DIR", c),
        None => cmd.arg("--no-cache"),
    };
    let out = cmd.args(args).output().expect("yuedu runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    (
        String::from_utf8(out.stdout).expect("UTF-8 on stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 on stderr"),
    )
}

pub mod tui;

/// The `id`s of a `list --json` array, in order.
pub fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|a| a["id"].as_str().expect("an id").to_string())
        .collect()
}
