//! CSV (or TSV) with a header row naming the fields: a record a row, read
//! as it streams. A row with the wrong number of fields is named by its
//! line and skipped; a file written in GB18030 (as Excel saves it on a
//! Chinese system) is read field by field in that encoding.

use std::io::BufRead;

use super::records::{FieldsBuilder, Item, field_of};

/// Whether a header line names at least one title or content field, split
/// at `delimiter`.
pub fn is_header(line: &str, delimiter: u8) -> bool {
    // The first line of nearly every file is no header: told without a
    // CSV reader (building one is most of the cost) where no part of the
    // line between delimiters, quotes taken off, names a title or content.
    let names_text = |f: &str| {
        matches!(
            field_of(f),
            Some(super::records::Field::Title | super::records::Field::Content(_))
        )
    };
    let may_be = line.split(char::from(delimiter)).nth(1).is_some()
        && line.split(char::from(delimiter)).any(|part| {
            names_text(
                part.trim()
                    .trim_start_matches('\u{FEFF}')
                    .trim()
                    .trim_matches('"'),
            )
        });
    if !may_be {
        return false;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(line.as_bytes());
    let Some(Ok(record)) = reader.records().next() else {
        return false;
    };
    record.len() >= 2
        && record.iter().any(|f| {
            matches!(
                field_of(f),
                Some(super::records::Field::Title | super::records::Field::Content(_))
            )
        })
}

/// The delimiter of a header line: a tab if it has one, else a comma.
pub fn delimiter_of(line: &str) -> u8 {
    if line.contains('\t') { b'\t' } else { b',' }
}

/// Reads the CSV in `reader`, giving each row after the header to `sink`.
/// `legacy`: its text is GB18030, not UTF-8.
pub fn each(
    reader: &mut dyn BufRead,
    delimiter: u8,
    legacy: bool,
    sink: &mut dyn FnMut(Item) -> bool,
) -> std::io::Result<()> {
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(reader);
    let text = |bytes: &[u8]| -> String {
        if legacy {
            encoding_rs::GB18030.decode(bytes).0.into_owned()
        } else {
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let header: Vec<String> = match csv.byte_headers() {
        Ok(h) => h.iter().map(text).collect(),
        Err(e) => return into_io(e),
    };
    let mut record = csv::ByteRecord::new();
    let mut number = 0usize;
    loop {
        let item = match csv.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                number += 1;
                let line = record.position().map_or(0, csv::Position::line);
                let mut b = FieldsBuilder::default();
                for (k, v) in header.iter().zip(record.iter()) {
                    b.set(k, text(v));
                }
                Item::Record {
                    number,
                    at: format!("line {line}"),
                    fields: b.build(),
                }
            }
            Err(e) => {
                number += 1;
                let line = e.position().map_or(0, csv::Position::line);
                let reason = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("{len} fields where the header has {expected_len}"),
                    csv::ErrorKind::Io(_) => return into_io(e),
                    _ => e.to_string(),
                };
                Item::Bad {
                    at: format!("line {line}"),
                    reason,
                }
            }
        };
        if !sink(item) {
            return Ok(());
        }
    }
}

fn into_io(e: csv::Error) -> std::io::Result<()> {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Err(io),
        // No header at all: an empty file, nothing to read.
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_a_row_of_the_wrong_length() {
        let text = "标题,正文,来源\n甲,\"一。\n二。\",新华社\n乙,短\n丙,三。,人民网\n";
        assert!(is_header(text.lines().next().unwrap(), b','));
        let mut got = Vec::new();
        each(&mut text.as_bytes(), b',', false, &mut |i| {
            got.push(i);
            true
        })
        .unwrap();
        assert_eq!(got.len(), 3);
        assert!(
            matches!(&got[0], Item::Record { number: 1, fields, .. } if fields.content.as_deref() == Some("一。\n二。"))
        );
        assert!(matches!(&got[1], Item::Bad { at, .. } if at == "line 4"));
        assert!(matches!(&got[2], Item::Record { number: 3, .. }));
    }
}
