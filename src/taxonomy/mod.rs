//! Regions and programmes: the trees loaded from `assets/taxonomy` (data, not
//! code), and the classification of articles by the mentions in their text.

mod classify;
mod load;
mod names;
mod words;

use std::collections::HashMap;

use crate::model::{Article, Classification, Classifier};

/// A node of a region or programme tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Canonical name (`寻乌县`, `援疆`).
    pub name: String,
    /// GB/T 2260 code for regions from the administrative dataset.
    pub code: Option<String>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Other names that mean this node (`寻乌`, `赣南`).
    pub aliases: Vec<String>,
}

/// A forest: nodes indexed by position, roots have no parent.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
    by_name: HashMap<String, Vec<usize>>,
}

impl Tree {
    fn from_nodes(mut nodes: Vec<Node>) -> Tree {
        for i in 0..nodes.len() {
            if let Some(p) = nodes[i].parent {
                nodes[p].children.push(i);
            }
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            by_name.entry(n.name.clone()).or_default().push(i);
        }
        for (i, n) in nodes.iter().enumerate() {
            for a in &n.aliases {
                let ids = by_name.entry(a.clone()).or_default();
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
        }
        Tree { nodes, by_name }
    }

    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].parent.is_none())
    }

    /// Finds a node by canonical name or alias (`江西` → 江西省). Where a name
    /// is shared, the highest node wins (a city over its namesake county).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.find_all(name.trim())
            .iter()
            .copied()
            .min_by_key(|&i| (self.depth(i), i))
    }

    /// Every node a name or alias can mean.
    pub fn find_all(&self, name: &str) -> &[usize] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    pub fn depth(&self, mut id: usize) -> usize {
        let mut d = 0;
        while let Some(p) = self.nodes[id].parent {
            d += 1;
            id = p;
        }
        d
    }

    /// The node and its ancestors, nearest first.
    pub fn ancestry(&self, mut id: usize) -> Vec<usize> {
        let mut out = vec![id];
        while let Some(p) = self.nodes[id].parent {
            out.push(p);
            id = p;
        }
        out
    }

    /// The node and its ancestors, nearest first, without collecting them.
    pub fn lineage(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(id), |&n| self.nodes[n].parent)
    }

    /// Whether `id` is `ancestor` or lies under it.
    pub fn is_within(&self, mut id: usize, ancestor: usize) -> bool {
        loop {
            if id == ancestor {
                return true;
            }
            match self.nodes[id].parent {
                Some(p) => id = p,
                None => return false,
            }
        }
    }

    /// Canonical names from the root down to the node (`江西省 › 赣州市 › 寻乌县`).
    pub fn path(&self, id: usize) -> Vec<&str> {
        let mut p: Vec<&str> = self
            .ancestry(id)
            .into_iter()
            .map(|i| self.nodes[i].name.as_str())
            .collect();
        p.reverse();
        p
    }

    /// Whether an article's list of canonical names (ancestors included, as
    /// the classifier writes it) places it at this node: its name is there,
    /// and so is its parent's, which tells apart namesakes (龙华区 of 深圳 and
    /// of 海口).
    pub fn article_at(&self, id: usize, names: &[String]) -> bool {
        let has = |i: usize| names.iter().any(|n| *n == self.nodes[i].name);
        has(id) && self.nodes[id].parent.is_none_or(has)
    }

    /// Number of articles at each node (an article counts once per node,
    /// and at every ancestor), indexed like `nodes`.
    pub fn counts<'a>(&self, lists: impl Iterator<Item = &'a [String]>) -> Vec<usize> {
        let mut counts = vec![0; self.nodes.len()];
        for names in lists {
            for name in names {
                for &i in self.by_name.get(name).map_or(&[][..], Vec::as_slice) {
                    if self.nodes[i].name == *name && self.article_at(i, names) {
                        counts[i] += 1;
                    }
                }
            }
        }
        counts
    }
}

#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub regions: Tree,
    pub programmes: Tree,
    /// Names that need context before they count as places.
    ambiguous: std::collections::HashSet<String>,
    /// Built on first use: commands that find every article in the cache
    /// never need it.
    matcher: std::sync::OnceLock<classify::Matcher>,
}

/// Which tree a facet filter is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Region,
    Programme,
}

impl Facet {
    /// The article's canonical names in this facet.
    pub fn names(self, article: &Article) -> &[String] {
        match self {
            Facet::Region => &article.regions,
            Facet::Programme => &article.programmes,
        }
    }
}

impl Taxonomy {
    /// The taxonomy shipped in `assets/taxonomy`, parsed once.
    pub fn bundled() -> &'static Taxonomy {
        static T: std::sync::OnceLock<Taxonomy> = std::sync::OnceLock::new();
        T.get_or_init(load::bundled)
    }

    pub fn tree(&self, facet: Facet) -> &Tree {
        match facet {
            Facet::Region => &self.regions,
            Facet::Programme => &self.programmes,
        }
    }

    fn matcher(&self) -> &classify::Matcher {
        self.matcher.get_or_init(|| {
            classify::Matcher::new(&self.regions, &self.programmes, &self.ambiguous)
        })
    }

    /// Whether an article lies at or under a node of a facet's tree.
    pub fn article_within(&self, article: &Article, facet: Facet, node: usize) -> bool {
        self.tree(facet).article_at(node, facet.names(article))
    }
}

impl Classifier for Taxonomy {
    fn classify(&self, article: &Article) -> Classification {
        classify::classify(self, article)
    }
}

#[cfg(test)]
mod tests {

    use super::{Facet, Taxonomy};
    use crate::model::Classifier;
    use crate::model::{Article, Paragraph, ParagraphKind};

    fn name(facet: Facet, query: &str) -> Option<String> {
        let tree = Taxonomy::bundled().tree(facet);
        tree.find(query).map(|i| tree.nodes[i].name.clone())
    }

    fn article(title: &str, body: &[&str]) -> Article {
        Article::new(
            "t",
            "t.txt",
            title,
            body.iter()
                .map(|t| Paragraph {
                    kind: ParagraphKind::Body,
                    text: (*t).into(),
                })
                .collect(),
        )
    }

    #[test]
    fn short_and_curated_aliases_find_the_canonical_node() {
        for (query, want) in [
            ("江西", "江西省"),
            ("寻乌", "寻乌县"),
            ("百色", "百色市"),
            ("广西", "广西壮族自治区"),
            ("新疆", "新疆维吾尔自治区"),
            ("内蒙古", "内蒙古自治区"),
            ("赣南", "赣州市"),
            ("鹏城", "深圳市"),
            ("深汕特别合作区", "深汕特别合作区"),
        ] {
            assert_eq!(name(Facet::Region, query).as_deref(), Some(want), "{query}");
        }
        assert_eq!(name(Facet::Region, "不存在的地方"), None);
    }

    #[test]
    fn programme_aliases_find_the_canonical_node() {
        let tree = Taxonomy::bundled().tree(Facet::Programme);
        let xiezuo = tree.find("东西部协作").expect("东西部协作");
        let shenbai = tree.find("深百协作").expect("深百协作 is a form");
        assert!(tree.is_within(shenbai, xiezuo));
        let yuanjiang = tree.find("援疆").expect("援疆");
        let zhiyuan = tree.find("对口支援").expect("对口支援");
        assert!(tree.is_within(yuanjiang, zhiyuan));
        assert!(!tree.is_within(zhiyuan, yuanjiang));
    }

    #[test]
    fn a_shared_district_name_is_resolved_by_the_city_named() {
        let t = Taxonomy::bundled();
        let beijing = t.classify(&article(
            "北京市朝阳区新建一批社区食堂",
            &["北京朝阳区民政局介绍，朝阳区今年新建社区食堂三十家。"],
        ));
        assert!(
            beijing.regions.contains(&"北京市".to_string()),
            "{beijing:?}"
        );
        assert!(
            beijing.regions.contains(&"朝阳区".to_string()),
            "{beijing:?}"
        );
        assert!(
            !beijing.regions.contains(&"辽宁省".to_string()),
            "{beijing:?}"
        );
        // A bare common word names no place.
        let word = t.classify(&article(
            "清晨的阳光",
            &["朝阳照在城区的街道上，和平广场上人们在晨练，光明正大。"],
        ));
        assert!(word.regions.is_empty(), "{word:?}");
    }

    fn regions(body: &str) -> Vec<String> {
        Taxonomy::bundled().classify(&article("", &[body])).regions
    }

    fn programmes(body: &str) -> Vec<String> {
        Taxonomy::bundled()
            .classify(&article("", &[body]))
            .programmes
    }

    #[test]
    fn a_place_name_inside_another_word_is_no_mention() {
        for (text, not) in [
            (
                "专家称，我国面临高放射性废物处理的难题。",
                ["临高县", "海南省"],
            ),
            (
                "受冷空气影响，青海南部将有小到中雪。",
                ["海南省", "海南藏族自治州"],
            ),
            ("江淮南部和江南地区将有大雨。", ["淮南市", "安徽省"]),
            ("德州仪器今天发布了新款芯片。", ["德州市", "山东省"]),
            ("比赛于北京时间昨晚八点开始。", ["北京市", "北京市"]),
            ("黄河口湿地迎来大批候鸟。", ["河口区", "河口瑶族自治县"]),
            ("白山松水间，冰雪旅游正当时。", ["白山市", "吉林省"]),
        ] {
            let r = regions(text);
            for n in not {
                assert!(!r.contains(&n.to_string()), "{n} from {text}: {r:?}");
            }
        }
    }

    #[test]
    fn the_same_names_as_words_are_mentions() {
        for (text, want) in [
            ("记者走进临高，探访百年渔港。", "临高县"),
            ("海南临高县的渔民出海归来。", "临高县"),
            ("专家面临高温天气前往临高县调研。", "临高县"),
            ("青海南部的玉树州迎来降雪，海南文昌的游客增多。", "海南省"),
            ("安徽淮南的煤矿转型发展。", "淮南市"),
            ("来自山东德州的客人品尝扒鸡。", "德州市"),
            ("德州市推出扒鸡文化节。", "德州市"),
            ("会议在北京召开，北京时间晚八点闭幕。", "北京市"),
            ("吉林省白山的人参远销海外。", "白山市"),
            ("山东东营河口的油田开发早。", "河口区"),
        ] {
            let r = regions(text);
            assert!(r.contains(&want.to_string()), "{want} from {text}: {r:?}");
        }
    }

    #[test]
    fn names_that_are_words_of_another_kind_stay_no_place() {
        for text in [
            "王沪宁出席会议并讲话。",
            "锦屏社区的志愿者上门服务。",
            "天山南北，瓜果飘香。",
            "平陆运河建设进入新阶段。",
            "三江平原的水稻喜获丰收。",
            "武平说，这次比赛他准备了很久。",
        ] {
            assert_eq!(regions(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn traditional_script_is_classified_like_simplified() {
        for (traditional, simplified) in [
            ("京蒙協作助力興安盟發展。", "京蒙协作助力兴安盟发展。"),
            ("粵桂協作推動百色產業升級。", "粤桂协作推动百色产业升级。"),
            (
                "對口支援新疆喀什的幹部出發。",
                "对口支援新疆喀什的干部出发。",
            ),
            (
                "廣州市與貴州畢節開展勞務協作。",
                "广州市与贵州毕节开展劳务协作。",
            ),
        ] {
            assert_eq!(regions(traditional), regions(simplified), "{traditional}");
            assert_eq!(
                programmes(traditional),
                programmes(simplified),
                "{traditional}"
            );
            assert!(!programmes(traditional).is_empty(), "{traditional}");
        }
        assert_eq!(programmes("京蒙協作")[..2], ["东西部协作", "京蒙协作"]);
        assert!(programmes("對口支援").contains(&"对口支援".to_string()));
        assert!(regions("廣東省廣州市").contains(&"广州市".to_string()));
        // A name with a character that folds (乾 → 干) is found in both scripts.
        assert!(regions("陕西乾县").contains(&"乾县".to_string()));
        assert!(regions("陝西乾縣").contains(&"乾县".to_string()));
    }

    #[test]
    fn a_pairing_named_with_hezuo_counts_for_it() {
        for (text, want) in [
            ("沪滇合作结出硕果。", "沪滇协作"),
            ("闽宁合作二十多年。", "闽宁协作"),
            ("粤桂合作产业园开园。", "粤桂协作"),
            ("苏陕合作共建园区。", "苏陕协作"),
            ("浙川合作签约一批项目。", "浙川协作"),
        ] {
            let p = programmes(text);
            assert!(
                p.contains(&want.to_string()) && p.contains(&"东西部协作".to_string()),
                "{text}: {p:?}"
            );
        }
        // Cooperation that is no east–west pairing names none.
        assert!(!programmes("京津冀合作不断深化。").contains(&"津冀协作".to_string()));
        assert_eq!(programmes("中德合作项目落地。"), Vec::<String>::new());
    }
}
