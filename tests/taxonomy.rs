//! Regions and programmes: classification of real and made-up articles, the
//! trees with counts, and facet filters that include descendants.

use assert_cmd::Command;
use serde_json::Value;

mod common;

const FIXTURES: &str = "tests/fixtures/taxonomy";

/// `yuedu list --json`; options given are placed after `list` (global
/// options are accepted there too).
fn list(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    common::json_array(&all)
}

fn names(a: &Value, key: &str) -> Vec<String> {
    a[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn fixture(id: &str) -> Value {
    list(&["--no-bundled", "--articles", FIXTURES])
        .into_iter()
        .find(|a| a["id"] == id)
        .unwrap()
}

#[test]
fn a_county_brings_its_city_and_province() {
    let all = list(&[]);
    let a = all
        .iter()
        .find(|a| a["id"] == "001_7a0a5d70e8cb94b2")
        .unwrap();
    let r = names(a, "regions");
    assert_eq!(&r[..3], ["江西省", "赣州市", "寻乌县"]);
    assert!(names(a, "programmes").contains(&"支援合作".to_string()));
}

#[test]
fn a_pairing_alias_brings_the_programme_and_its_parent() {
    let all = list(&[]);
    let a = all
        .iter()
        .find(|a| a["id"] == "002_f879ae6b00abf318")
        .unwrap();
    let p = names(a, "programmes");
    assert!(
        p.contains(&"粤桂协作".to_string()) && p.contains(&"东西部协作".to_string()),
        "{p:?}"
    );
    assert!(names(a, "regions").contains(&"百色市".to_string()));
    let n = fixture("ningxia");
    let p = names(&n, "programmes");
    assert_eq!(&p[..2], ["东西部协作", "闽宁协作"]);
    let r = names(&n, "regions");
    assert!(
        r.contains(&"永宁县".to_string()) && r.contains(&"宁夏回族自治区".to_string()),
        "{r:?}"
    );
}

#[test]
fn unrelated_articles_get_no_invented_region() {
    for id in ["tech", "sports"] {
        let a = fixture(id);
        assert_eq!(names(&a, "regions"), Vec::<String>::new(), "{id}");
    }
}

#[test]
fn a_short_name_that_is_a_word_counts_where_the_city_is_named() {
    let a = fixture("shenzhen_guangming");
    let r = names(&a, "regions");
    assert_eq!(&r[..3], ["广东省", "深圳市", "光明区"], "{r:?}");
    assert!(r.contains(&"河源市".to_string()));
}

#[test]
fn facet_filters_include_descendants_and_accept_aliases() {
    let ids = |args: &[&str]| -> Vec<String> {
        list(args)
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    let jiangxi = ids(&["--region", "江西"]);
    assert!(jiangxi.contains(&"001_7a0a5d70e8cb94b2".to_string()));
    assert!(!jiangxi.contains(&"002_f879ae6b00abf318".to_string()));
    assert_eq!(
        ids(&["--region", "赣南", "--programme", "支援合作"]).len(),
        ids(&["--region", "赣州市", "--programme", "支援合作"]).len()
    );
    let xiezuo = ids(&["--programme", "东西部协作"]);
    assert!(xiezuo.contains(&"002_f879ae6b00abf318".to_string()));
    for id in &ids(&["--programme", "粤桂协作"]) {
        assert!(xiezuo.contains(id));
    }
}

#[test]
fn an_unknown_facet_is_a_usage_error() {
    Command::cargo_bin("yuedu")
        .unwrap()
        .args(["list", "--region", "火星"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("火星"));
}

#[test]
fn trees_count_articles_at_every_level() {
    let tree = common::json(&["regions", "--json"]);
    let jiangxi = tree
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "江西省")
        .unwrap();
    assert_eq!(jiangxi["code"], "36");
    let ganzhou = jiangxi["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "赣州市")
        .unwrap();
    let xunwu = ganzhou["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "寻乌县")
        .unwrap();
    assert_eq!(xunwu["code"], "360734");
    assert!(xunwu["count"].as_u64().unwrap() >= 2);
    assert!(jiangxi["count"].as_u64() >= xunwu["count"].as_u64());

    let out = Command::cargo_bin("yuedu")
        .unwrap()
        .args(["programmes"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("东西部协作 ("));
    assert!(text.contains("\n  粤桂协作 ("));
}

#[test]
fn the_region_tree_covers_every_county() {
    let t = yuedu::taxonomy::Taxonomy::bundled();
    assert!(t.regions.nodes.len() > 3000);
    assert_eq!(t.regions.roots().count(), 31);
    for (name, path) in [
        ("寻乌", "江西省 赣州市 寻乌县"),
        ("百色", "广西壮族自治区 百色市"),
        ("喀什", "新疆维吾尔自治区 喀什地区"),
        ("东城区", "北京市 东城区"),
        ("深汕特别合作区", "广东省 深圳市 深汕特别合作区"),
        ("赣南", "江西省 赣州市"),
    ] {
        let id = t.regions.find(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(t.regions.path(id).join(" "), path);
    }
}

#[test]
fn a_place_name_inside_another_word_files_the_article_nowhere() {
    // 面临高放射性, 德州仪器, 北京时间: no 临高县, 海南省, 德州市, 北京市.
    assert_eq!(
        names(&fixture("radiation"), "regions"),
        Vec::<String>::new()
    );
    // 青海南部 and 西藏东部 are places; 海南 in 青海南部, 淮南 in 江淮南部,
    // 河口 in 黄河口 and 白山 in 白山松水 are not.
    let r = names(&fixture("weather"), "regions");
    assert_eq!(r, ["青海省", "西藏自治区"], "{r:?}");
}

#[test]
fn a_place_name_that_is_a_word_counts_beside_its_full_name() {
    let r = names(&fixture("lingao"), "regions");
    assert_eq!(&r[..2], ["海南省", "临高县"], "{r:?}");
}

#[test]
fn traditional_script_finds_programmes_and_regions() {
    let a = fixture("traditional");
    let p = names(&a, "programmes");
    for want in ["京蒙协作", "东西部协作", "粤桂协作", "对口支援"] {
        assert!(p.contains(&want.to_string()), "{want}: {p:?}");
    }
    let r = names(&a, "regions");
    for want in [
        "内蒙古自治区",
        "兴安盟",
        "北京市",
        "百色市",
        "广州市",
        "喀什地区",
    ] {
        assert!(r.contains(&want.to_string()), "{want}: {r:?}");
    }
}

#[test]
fn a_pairing_named_with_hezuo_counts_for_it() {
    let p = names(&fixture("hezuo"), "programmes");
    assert_eq!(&p[..1], ["东西部协作"], "{p:?}");
    for want in ["沪滇协作", "闽宁协作", "粤桂协作"] {
        assert!(p.contains(&want.to_string()), "{want}: {p:?}");
    }
}
