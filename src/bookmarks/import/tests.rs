use super::*;

fn bookmark(id: &str, quote: &str, note: &str) -> Value {
    serde_json::json!({
        "id": id, "article": "a", "paragraph": 2, "start": 0, "end": quote.len(),
        "quote": quote, "note": note, "created": "2026-01-01T00:00:00Z"
    })
}

fn export(entries: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"version": 1, "bookmarks": entries})).unwrap()
}

fn error(bytes: &[u8]) -> String {
    parse_export(bytes).unwrap_err().to_string()
}

#[test]
fn an_export_and_a_bare_list_are_read() {
    let one = bookmark("aaaaaaaa", "一段话", "");
    assert_eq!(parse_export(&export(vec![one.clone()])).unwrap().len(), 1);
    let list = serde_json::to_vec(&vec![one]).unwrap();
    assert_eq!(parse_export(&list).unwrap()[0].id, "aaaaaaaa");
}

#[test]
fn what_is_wrong_with_a_file_is_said_in_plain_words() {
    assert_eq!(
        error(b"{\"bookmarks\": [ {\"id\": "),
        "is not JSON (EOF while parsing a value at line 1 column 23)"
    );
    assert!(error(b"{\"notes\": []}").starts_with("holds no list of bookmarks"));
    assert!(error(b"42").starts_with("holds no list of bookmarks"));
    assert_eq!(
        error(br#"{"version": 7, "bookmarks": []}"#),
        "was written by a newer yuedu (schema 7); this yuedu cannot import it"
    );
    let mut b = bookmark("aaaaaaaa", "一段话", "");
    b["paragraph"] = Value::from(-1);
    let e = error(&export(vec![bookmark("bbbbbbbb", "别的", ""), b]));
    assert_eq!(
        e,
        "bookmark 2 of 2 (id 'aaaaaaaa') cannot be imported: `paragraph`: invalid value: integer `-1`, expected usize"
    );
    let e = error(&export(vec![serde_json::json!({"id": "x"})]));
    assert!(e.contains("missing field `article`"), "{e}");
    assert!(!e.contains("untagged"), "{e}");
}

#[test]
fn impossible_numbers_and_spans_are_refused() {
    let cases: [(&str, Value, &str); 6] = [
        (
            "paragraph",
            Value::from(u64::MAX),
            "paragraph 18446744073709551615 is past the end of any article",
        ),
        (
            "end_paragraph",
            Value::from(1),
            "it ends at paragraph 1, before it starts (paragraph 2)",
        ),
        (
            "end",
            Value::from(0),
            "its passage ends (byte 0) where or before it starts (byte 0)",
        ),
        (
            "start",
            Value::from(1u64 << 40),
            "byte 1099511627776 is past the end of any paragraph",
        ),
        (
            "quote",
            Value::from(""),
            "it quotes nothing (an empty passage)",
        ),
        (
            "id",
            Value::from("a\u{1b}]0;x"),
            "its id is not a bookmark id (up to 64 characters, no spaces or control characters)",
        ),
    ];
    for (field, value, why) in cases {
        let mut b = bookmark("aaaaaaaa", "一段话", "");
        b[field] = value;
        let e = error(&export(vec![b]));
        assert!(e.ends_with(why), "{field}: {e}");
        assert!(!e.contains('\u{1b}'), "{e}");
    }
}

fn parsed(entries: Vec<Value>) -> Vec<Bookmark> {
    parse_export(&export(entries)).unwrap()
}

#[test]
fn a_merge_keeps_what_differs_and_says_what_it_left_out() {
    let mut all = parsed(vec![bookmark("aaaaaaaa", "一段话", "旧的笔记")]);
    let incoming = parsed(vec![
        // Already here, under another id.
        bookmark("cccccccc", "一段话", "旧的笔记"),
        // The same id, another note: kept, under a new id.
        bookmark("aaaaaaaa", "一段话", "新的笔记"),
        bookmark("dddddddd", "另一段", ""),
        // Twice in the export.
        bookmark("dddddddd", "另一段", ""),
    ]);
    let report = merge(&mut all, incoming);
    assert_eq!(report.added, 2);
    assert_eq!(report.duplicates, 2);
    assert_eq!(report.renamed.len(), 1);
    let (from, to) = &report.renamed[0];
    assert_eq!(from, "aaaaaaaa");
    assert_eq!(all.len(), 3);
    assert_eq!(all[1].id, *to);
    assert_eq!(all[1].note, "新的笔记");
    assert_eq!(
        report.to_string(),
        format!(
            "imported 2 bookmarks (1 under a new id, the id being taken by a different bookmark: aaaaaaaa → {to}); left out 2 already here (the same passage with the same note)"
        )
    );
    // Importing the same again adds nothing.
    let again = parsed(vec![bookmark("dddddddd", "另一段", "")]);
    assert_eq!(merge(&mut all, again).added, 0);
}
