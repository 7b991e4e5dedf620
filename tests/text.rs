//! The layout engine: hard cases laid out by hand, and properties over
//! generated mixed Chinese/Latin/punctuation/emoji text.

use proptest::prelude::*;
use yuedu::text::{no_line_end, no_line_start, wrap};

fn lines(text: &str, width: usize) -> Vec<String> {
    wrap(text, width, 0)
        .into_iter()
        .map(|l| text[l.range].to_string())
        .collect()
}

#[test]
fn closing_punctuation_stays_with_the_text_before_it() {
    // The full stop and closing quote may not start a line, so
    // the ideograph before them goes down with them.
    assert_eq!(lines("他说：“好的。”", 8), ["他说：", "“好的。”"]);
    assert_eq!(lines("一二三四五。”六", 10), ["一二三四", "五。”六"]);
    assert_eq!(lines("一二三四！”六七", 10), ["一二三", "四！”六七"]);
}

#[test]
fn opening_punctuation_goes_down_with_what_it_opens() {
    assert_eq!(lines("一二三四（五六）", 10), ["一二三四", "（五六）"]);
    assert_eq!(lines("一二三四《五六》", 10), ["一二三四", "《五六》"]);
    assert_eq!(lines("一二三四「五」六", 10), ["一二三四", "「五」六"]);
}

/// A run with no break UAX #14 allows is cut where CLREQ still holds: not
/// after an opening mark that a dropped line-end space hides (found by the
/// property test below).
#[test]
fn a_cut_in_a_run_never_leaves_an_opening_mark_at_the_end() {
    let text = "寻。”A，“0000000.0（（“ aaAaA";
    let out = lines(text, 24);
    assert!(out.len() >= 2, "{out:?}");
    for line in &out[..out.len() - 1] {
        assert!(!line.trim_end().ends_with(no_line_end), "{out:?}");
    }
    for line in &out[1..] {
        assert!(!line.starts_with(no_line_start), "{out:?}");
    }
    assert_eq!(out.concat().replace(' ', ""), text.replace(' ', ""));
}

#[test]
fn dashes_and_ellipses_are_never_split_but_may_start_a_line() {
    for w in 4..20 {
        for l in lines("这是一个——长长的破折号……还有省略号……", w).windows(2)
        {
            assert!(!(l[0].ends_with('—') && l[1].starts_with('—')), "{l:?}");
            assert!(!(l[0].ends_with('…') && l[1].starts_with('…')), "{l:?}");
        }
    }
    assert_eq!(lines("一二三四——五六", 8), ["一二三四", "——五六"]);
    assert_eq!(lines("一二三四……五六", 8), ["一二三四", "……五六"]);
}

#[test]
fn numbers_with_units_and_ranges_stay_whole() {
    for w in 6..20 {
        let l = lines("投入资金156.44亿元", w);
        assert!(l.iter().any(|s| s.contains("156.44")), "{l:?}");
    }
    let l = lines("规划期为2023—2027年", 10);
    assert!(l.iter().any(|s| s.contains("2023—2027")), "{l:?}");
    let l = lines("增长了80%以上", 8);
    assert!(l.iter().all(|s| !s.starts_with('%')), "{l:?}");
}

#[test]
fn urls_and_addresses_stay_whole_when_they_fit() {
    let t = "详见https://www.sz.gov.cn/a/b?x=1或写信至news@example.com。";
    let l = lines(t, 30);
    assert!(
        l.iter()
            .any(|s| s.contains("https://www.sz.gov.cn/a/b?x=1")),
        "{l:?}"
    );
    assert!(l.iter().any(|s| s.contains("news@example.com")), "{l:?}");
}

#[test]
fn a_word_longer_than_the_line_is_cut_to_fit() {
    let t = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    let l = lines(t, 10);
    assert_eq!(l.concat(), t);
    assert!(l.iter().all(|s| s.len() <= 10));
    assert_eq!(l.len(), 5);
}

#[test]
fn half_width_punctuation_in_chinese_text() {
    let t = "大沙河已成为生态建设的缩影,这里不仅是鸟类栖息地,也是市民休闲娱乐好去处。";
    // From 4 columns up an ideograph and its comma fit on one line.
    for w in 4..40 {
        let l = lines(t, w);
        for s in &l[1..] {
            let c = s.chars().next().unwrap();
            assert!(c != ',' && c != '。', "width {w}: {l:?}");
        }
    }
}

#[test]
fn latin_text_breaks_at_spaces_and_drops_line_end_spaces() {
    assert_eq!(
        lines("the quick brown fox jumps", 10),
        ["the quick", "brown fox", "jumps"]
    );
    assert_eq!(lines("aa bb cc", 4), ["aa", "bb", "cc"]);
    assert_eq!(lines("深圳 Shenzhen 寻乌", 9), ["深圳", "Shenzhen", "寻乌"]);
}

#[test]
fn width_narrower_than_a_character_still_gives_one_per_line() {
    assert_eq!(lines("寻乌县", 1), ["寻", "乌", "县"]);
    assert_eq!(lines("ab", 1), ["a", "b"]);
}

#[test]
fn emoji_sequences_flags_and_combining_marks_stay_whole() {
    let t = "家庭👨‍👩‍👧出游🇨🇳国旗e\u{301}e\u{301}e\u{301}";
    for w in 1..12 {
        let l = lines(t, w);
        assert_eq!(l.concat(), t);
        for s in &l {
            assert!(
                !s.starts_with('\u{200D}') && !s.starts_with('\u{301}'),
                "{l:?}"
            );
        }
        assert!(l.iter().any(|s| s.contains("👨‍👩‍👧")), "width {w}: {l:?}");
    }
}

#[test]
fn line_and_paragraph_of_a_byte_map_back() {
    let lib = yuedu::store::Library::load(
        &yuedu::store::LoadOptions {
            dirs: vec![],
            bundled: true,
            ..Default::default()
        },
        yuedu::taxonomy::Taxonomy::bundled(),
    )
    .unwrap();
    let article = &lib.articles[0];
    let layout = yuedu::text::Layout::article(article, 30);
    for (i, line) in layout.lines.iter().enumerate() {
        if let yuedu::text::ScreenLine::Text(span) = line {
            assert_eq!(layout.line_of(span.paragraph, span.range.start), Some(i));
            assert_eq!(layout.paragraph_at(i), Some(span.paragraph));
        }
    }
}

/// Text made of the pieces that make layout hard.
fn mixed_text(max_run: usize) -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        8 => prop::sample::select(vec!["寻", "乌", "县", "深", "圳", "帮", "扶", "协", "作", "的"]).prop_map(str::to_string),
        2 => "[a-zA-Z]{1,6}",
        2 => "[0-9]{1,4}(\\.[0-9]{1,2})?",
        1 => Just(" ".to_string()),
        2 => prop::sample::select(vec!["，", "。", "、", "！", "？", "：", "；", "”", "）", "》", "」", ",", ".", "%"]).prop_map(str::to_string),
        1 => prop::sample::select(vec!["“", "（", "《", "「", "("]).prop_map(str::to_string),
        1 => prop::sample::select(vec!["——", "……", "。”", "！”", "？」"]).prop_map(str::to_string),
        1 => prop::sample::select(vec!["👍", "👨‍👩‍👧", "🇨🇳", "e\u{301}", "\u{3000}"]).prop_map(str::to_string),
    ];
    prop::collection::vec(pieces, 0..max_run).prop_map(|v| v.concat())
}

fn check_invariants(text: &str, width: usize) -> Result<(), TestCaseError> {
    yuedu::text::verify_wrap(text, width, 0)
        .map_err(|e| TestCaseError::fail(format!("{text:?} at {width}: {e}")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_line_fits_and_no_text_is_lost(text in mixed_text(60), width in 1usize..=120) {
        check_invariants(&text, width)?;
    }

    #[test]
    fn arbitrary_strings_keep_the_invariants(text in "\\PC{0,80}", width in 1usize..=40) {
        check_invariants(&text, width)?;
    }

    /// With room for the longest unbreakable run, no line starts with closing
    /// punctuation or ends with opening punctuation.
    #[test]
    fn rules_hold_where_a_legal_layout_exists(text in mixed_text(60), width in 24usize..=120) {
        let out = wrap(&text, width, 0);
        for pair in out.windows(2) {
            let end = text[pair[0].range.clone()].chars().next_back();
            let start = text[pair[1].range.clone()].chars().next();
            prop_assert!(!start.is_some_and(no_line_start), "line starts with {:?}", start);
            prop_assert!(!end.is_some_and(no_line_end), "line ends with {:?}", end);
        }
    }
}

/// The header's line of date, source and regions breaks between them, never
/// inside a name, and every line fits.
#[test]
fn header_metadata_breaks_between_names() {
    let article = yuedu::model::Article {
        id: "a".into(),
        path: "a.txt".into(),
        title: "标题".into(),
        subtitle: None,
        date: Some("2024-03-12".into()),
        source: Some("人民网".into()),
        paragraphs: Vec::new(),
        paragraph_count: 0,
        char_count: 0,
        regions: vec!["广西壮族自治区".into(), "广东省".into(), "百色市".into()],
        programmes: Vec::new(),
    };
    for width in 14..60 {
        let meta = yuedu::text::meta_lines(&article, width);
        let parts: Vec<&str> = meta
            .iter()
            .flat_map(|l| l.split([' ', '·']))
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(
            parts,
            ["2024-03-12", "人民网", "广西壮族自治区", "广东省", "百色市"],
            "{width}: {meta:?}"
        );
        assert!(
            meta.iter().all(|l| yuedu::text::str_width(l) <= width),
            "{width}: {meta:?}"
        );
    }
    let meta = yuedu::text::meta_lines(&article, 43);
    assert_eq!(
        meta,
        ["2024-03-12 · 人民网 · 广西壮族自治区 广东省", "百色市"]
    );
}

fn lines_with(text: &str, width: usize, options: &yuedu::text::Options) -> Vec<String> {
    yuedu::text::wrap_with(text, width, 0, options)
        .into_iter()
        .map(|l| text[l.range].to_string())
        .collect()
}

/// The characters of a line other than punctuation and spaces.
fn letters(line: &str) -> usize {
    line.chars()
        .filter(|&c| !c.is_whitespace() && !no_line_start(c) && !no_line_end(c))
        .count()
}

#[test]
fn a_paragraph_does_not_end_on_one_character_when_the_line_before_can_give_one() {
    // First fit leaves 量。 alone; one character comes down with it.
    let t = "一二三四五六七八九十数量。";
    let l = lines(t, 12);
    assert_eq!(l, ["一二三四五六", "七八九十", "数量。"]);
    // Nothing to give when the last line cannot take more: it stays.
    assert_eq!(lines("一二三。", 5), ["一二", "三。"]);
    assert_eq!(lines("一二三。", 6), ["一", "二三。"]);
}

#[test]
fn half_width_marks_of_chinese_text_break_as_full_width() {
    // 发布时间:2022-11-25 breaks after the colon, not inside the date.
    let l = lines("发布时间:2022-11-25 11:32", 12);
    assert_eq!(l, ["发布时间:", "2022-11-25", "11:32"]);
    // ,“ may break like ，“ does.
    let l = lines("他对我们说,“好的”", 12);
    assert_eq!(l, ["他对我们说,", "“好的”"]);
    // A time keeps its colon.
    assert!(
        lines("会议在11:32开始", 8)
            .iter()
            .any(|s| s.contains("11:32"))
    );
}

#[test]
fn wrap_never_changes_a_character_but_the_reader_shows_full_width() {
    let text = "大沙河已成为生态建设的缩影,这里是鸟类栖息地(也是好去处)!";
    let full = yuedu::text::READER_OPTIONS;
    let shown: Vec<String> = yuedu_layout::wrap_with(text, 20, 0, &full)
        .iter()
        .map(|l| yuedu_layout::shown(text, l.range.clone(), &full).into_owned())
        .collect();
    assert_eq!(
        shown,
        [
            "大沙河已成为生态建设",
            "的缩影，这里是鸟类栖",
            "息地（也是好去处）！"
        ]
    );
    for l in &shown {
        assert!(yuedu::text::str_width(l) <= 20, "{l}");
    }
    assert_eq!(lines(text, 20).concat(), text);
}

#[test]
fn one_closing_mark_may_hang_past_the_edge() {
    let hang = yuedu::text::Options {
        hang: true,
        ..Default::default()
    };
    assert_eq!(
        lines_with("一二三四五。六七", 10, &hang),
        ["一二三四五。", "六七"]
    );
    assert_eq!(lines("一二三四五。六七", 10), ["一二三四", "五。六七"]);
    // Two marks cannot hang together: 。” goes down with 五.
    assert_eq!(
        lines_with("一二三四五。”六七", 10, &hang),
        ["一二三四", "五。”六七"]
    );
}

#[test]
fn quotes_and_dashes_offer_breaks_between_them() {
    assert_eq!(lines("依托“客家韵”“红土", 14), ["依托“客家韵”", "“红土"]);
    assert_eq!(
        lines("他留下一句——“走吧走吧”", 12),
        ["他留下一句——", "“走吧走吧”"]
    );
    assert_eq!(lines("他说“好”——走吧", 8), ["他说“好”", "——走吧"]);
    // A Chinese quote opens Chinese text: no break before “Best.
    assert_eq!(lines("他说他的“Best”奖", 10), ["他说他", "的“Best”奖"]);
}

#[test]
fn a_run_longer_than_the_line_is_cut_where_it_may_break() {
    let l = lines("2023—2027", 6);
    assert_eq!(l, ["2023—", "2027"]);
    let url = "https://www.example.com/news/2023/a?x=1&y=2";
    let l = lines(url, 20);
    assert_eq!(l.concat(), url);
    for s in &l[..l.len() - 1] {
        assert!(s.ends_with(['/', '?', '&', '.']), "{l:?}");
    }
    // The indent goes when the first word fits only without it.
    let t = "https://www.example.com/a/0920";
    let spans = yuedu_layout::paragraph_lines(
        0,
        t,
        32,
        yuedu_layout::ParagraphStyle::indented(4),
        &Default::default(),
    );
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].indent, 0);
}

#[test]
fn a_number_stays_with_its_unit_where_the_line_allows() {
    for w in 10..30 {
        let l = lines("今年全县投入资金共计3.86亿元", w);
        assert!(l.iter().any(|s| s.contains("3.86亿元")), "{w}: {l:?}");
    }
}

#[test]
fn ambiguous_characters_may_count_as_two_columns() {
    let wide = yuedu::text::Options {
        ambiguous_wide: true,
        ..Default::default()
    };
    let t = "他说“好的”……走吧——再见";
    for w in 6..30 {
        for l in lines_with(t, w, &wide) {
            assert!(yuedu::text::str_width_with(&l, true) <= w, "{w}: {l}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// With every option, lines fit (a hanging mark aside), nothing is lost,
    /// and each line as shown is as wide as it claims.
    #[test]
    fn every_option_keeps_the_invariants(
        text in mixed_text(60),
        width in 1usize..=80,
        hang: bool,
        ambiguous_wide: bool,
        fullwidth_punctuation: bool,
        latin_gap: bool,
        indent in prop::sample::select(vec![0usize, 4]),
    ) {
        let o = yuedu::text::Options { hang, ambiguous_wide, fullwidth_punctuation, latin_gap };
        yuedu::text::verify_wrap_with(&text, width, indent, &o)
            .map_err(|e| TestCaseError::fail(format!("{text:?} at {width}: {e}")))?;
    }
}

/// The bundled articles as the reader lays them out: no paragraph ends on a
/// line of one character, and no line is short of the width by more than
/// the punctuation rules need.
#[test]
fn the_bundled_articles_have_no_lone_last_characters() {
    let lib = yuedu::store::Library::load(
        &yuedu::store::LoadOptions {
            dirs: vec![],
            bundled: true,
            ..Default::default()
        },
        yuedu::taxonomy::Taxonomy::bundled(),
    )
    .unwrap();
    let mut multi_line = 0;
    for width in [20, 33, 40, 61, 80] {
        for article in &lib.articles {
            for (i, p) in article.paragraphs.iter().enumerate() {
                let style =
                    yuedu_layout::ParagraphStyle::indented(yuedu::text::indent_for(p.kind, width));
                let spans = yuedu_layout::paragraph_lines(
                    i,
                    &p.text,
                    width,
                    style,
                    &yuedu::text::READER_OPTIONS,
                );
                if spans.len() < 2 {
                    continue;
                }
                multi_line += 1;
                let last = &spans[spans.len() - 1];
                let shown = &p.text[last.range.clone()];
                assert!(letters(shown) != 1, "{} at {width}: {shown:?}", article.id);
            }
        }
    }
    assert!(multi_line > 300, "{multi_line}");
}
