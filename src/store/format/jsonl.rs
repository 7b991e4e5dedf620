//! JSON Lines: a JSON object a line, read a line at a time, so a dump of
//! any size streams and a line that is not valid JSON costs only itself.

use std::io::BufRead;

use super::records::{Fields, Item, fields_of_object};

/// A line longer than this is not a record (and would cost its length in
/// memory): it is skipped without being kept.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Reads `reader` line by line, giving each record to `sink` (which answers
/// whether to go on). Blank lines are no records.
pub fn each(reader: &mut dyn BufRead, sink: &mut dyn FnMut(Item) -> bool) -> std::io::Result<()> {
    let mut line = Vec::new();
    let mut line_no = 0usize;
    let mut number = 0usize;
    loop {
        line.clear();
        let (read, whole) = read_line(reader, &mut line)?;
        if read == 0 {
            return Ok(());
        }
        line_no += 1;
        let text = trim(&line);
        if text.is_empty() {
            continue;
        }
        number += 1;
        let item = if !whole {
            Item::Bad {
                at: format!("line {line_no}"),
                reason: format!("longer than {} MB", MAX_LINE_BYTES >> 20),
            }
        } else {
            match record(text) {
                Ok(fields) => Item::Record {
                    number,
                    at: format!("line {line_no}"),
                    fields,
                },
                Err(reason) => Item::Bad {
                    at: format!("line {line_no}"),
                    reason,
                },
            }
        };
        if !sink(item) {
            return Ok(());
        }
    }
}

/// One line into `buf`, at most [`MAX_LINE_BYTES`] of it kept; the bytes
/// read and whether the line was whole.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> std::io::Result<(usize, bool)> {
    let mut total = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((total, buf.len() < MAX_LINE_BYTES));
        }
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let room = MAX_LINE_BYTES.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let n = chunk.len();
        total += n;
        reader.consume(n);
        if done {
            return Ok((total, buf.len() < MAX_LINE_BYTES));
        }
    }
}

fn trim(line: &[u8]) -> &[u8] {
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    line.trim_ascii()
}

/// A line's record: a JSON object with at least one field by a known name.
pub fn record(text: &[u8]) -> Result<Fields, String> {
    let owned;
    let text = match std::str::from_utf8(text) {
        Ok(_) => text,
        // A dump written in GB18030 (rare for JSON, but scrapers do it).
        Err(_) => {
            let (t, _, bad) = encoding_rs::GB18030.decode(text);
            if bad {
                return Err("not valid JSON: not UTF-8 text".into());
            }
            owned = t.into_owned();
            owned.as_bytes()
        }
    };
    let value: serde_json::Value = serde_json::from_slice(text).map_err(|e| {
        let message = e.to_string();
        let at = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(&at).unwrap_or(&message);
        format!("not valid JSON ({message} at column {})", e.column())
    })?;
    match value {
        serde_json::Value::Object(map) => {
            fields_of_object(&map).ok_or_else(|| "no text in it (no title or content field)".into())
        }
        _ => Err("not a record (a JSON object)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<Item> {
        let mut out = Vec::new();
        each(&mut text.as_bytes(), &mut |i| {
            out.push(i);
            true
        })
        .unwrap();
        out
    }

    #[test]
    fn good_and_bad_lines() {
        let got = items("{\"title\":\"甲\",\"content\":\"一。\"}\n\n{oops\n{\"title\":\"乙\"}");
        assert_eq!(got.len(), 3);
        assert!(matches!(&got[0], Item::Record { number: 1, .. }));
        assert!(matches!(&got[1], Item::Bad { at, .. } if at == "line 3"));
        assert!(matches!(&got[2], Item::Record { number: 3, at, .. } if at == "line 4"));
    }
}
