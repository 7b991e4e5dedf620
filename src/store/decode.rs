//! Bytes to text: BOM-marked UTF-8 and UTF-16, plain UTF-8, and unlabelled
//! legacy Chinese encodings (GBK/GB18030, Big5) found by `chardetng`.
//! Files that are not text at all are recognised and refused with a reason.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Decoded text and the encoding it was read in.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Why some bytes are not an article's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("not text: looks like {0}")]
    Binary(&'static str),
    #[error("cannot be decoded as UTF-8, UTF-16 or GB18030 text")]
    Undecodable,
}

/// Magic numbers of files that turn up in article folders but are not text.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"BM", "a BMP image"),
        (b"RIFF", "a RIFF file (WebP image, WAV audio ...)"),
        (b"\x7FELF", "an executable"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            // "BM" and "RIFF" are also how a text could start: require a
            // binary byte soon after.
            if magic.len() > 2 || bytes.iter().take(64).any(|&b| b < 0x09) {
                return Some(what);
            }
        }
    }
    None
}

/// The encoding named for a file of UTF-8 lines among lines of a legacy
/// encoding.
pub const MIXED: &str = "UTF-8 in part";

/// Decodes an article file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && too_broken(&text) {
            return Err(DecodeError::Undecodable);
        }
        return finish(text.into_owned(), encoding);
    }
    if let Some(what) = sniff_binary(bytes) {
        return Err(DecodeError::Binary(what));
    }
    // UTF-16 without a BOM: tried only on bytes that are not UTF-8 or hold
    // NULs, since ASCII read as UTF-16 looks like ideographs.
    let nul = memchr::memchr(0, bytes).is_some();
    if (nul || simdutf8::basic::from_utf8(bytes).is_err())
        && let Some(encoding) = utf16_without_bom(bytes)
    {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !(had_errors && too_broken(&text)) {
            return finish(text.into_owned(), encoding);
        }
    }
    // NUL bytes do not occur in text of any of the other encodings read
    // here.
    if nul {
        return Err(DecodeError::Binary("binary data (NUL bytes)"));
    }
    match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => return finish(text.to_string(), UTF_8),
        // UTF-8 cut off inside its last character (a file caught while it
        // is written, a truncated download): UTF-8 still, not a legacy
        // encoding's mojibake; the partial character shows as U+FFFD.
        Err(e) if e.error_len().is_none() => {
            return finish(String::from_utf8_lossy(bytes).into_owned(), UTF_8);
        }
        Err(_) => {}
    }
    // A few thousand characters tell the encoding as well as the whole file
    // does, and the detector is the slowest step of loading a legacy file.
    // Lines of UTF-8 among them (a UTF-8 title over a GB18030 body) are
    // read as UTF-8, and the encoding is told from the other lines.
    const SAMPLE: usize = 2 << 10;
    let mixed = bytes.split(|&b| b == b'\n').any(is_utf8_cjk);
    let sample: Vec<u8> = if mixed {
        bytes
            .split(|&b| b == b'\n')
            .filter(|l| !is_utf8_cjk(l))
            .flat_map(|l| l.iter().chain(b"\n"))
            .take(SAMPLE)
            .copied()
            .collect()
    } else {
        bytes[..bytes.len().min(SAMPLE)].to_vec()
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&sample, sample.len() < SAMPLE);
    let mut guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    // GBK is a subset of GB18030: decode with the superset.
    if guess == encoding_rs::GBK || guess == UTF_8 {
        guess = GB18030;
    }
    if mixed {
        let text = mixed_lines(bytes, guess);
        if too_broken(&text) {
            return Err(DecodeError::Undecodable);
        }
        return finish(text, guess).map(|d| Decoded {
            encoding: MIXED,
            ..d
        });
    }
    let (text, _, had_errors) = guess.decode(bytes);
    if had_errors && too_broken(&text) {
        return Err(DecodeError::Undecodable);
    }
    finish(text.into_owned(), guess)
}

/// UTF-16 without a byte order mark, told by what its first code units
/// would be in each byte order: nearly all of them characters of Chinese or
/// Latin text (ideographs, CJK and full-width punctuation, ASCII, line
/// breaks), none of them NUL or a lone surrogate. Binary data, GB18030 and
/// UTF-8 read as UTF-16 give mostly code units of other scripts.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    const SAMPLE: usize = 4 << 10;
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    if sample.len() < 4 {
        return None;
    }
    let plausible = |u: u16| {
        matches!(u,
            0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xFF | 0x2000..=0x206F
            | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
    };
    let score = |le: bool| -> Option<usize> {
        let units = sample.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let mut good = 0;
        let mut high_surrogate = false;
        for u in units {
            match u {
                0 => return None,
                0xD800..=0xDBFF if !high_surrogate => high_surrogate = true,
                0xDC00..=0xDFFF if high_surrogate => {
                    high_surrogate = false;
                    good += 2;
                }
                0xD800..=0xDFFF => return None,
                _ if high_surrogate => return None,
                u if plausible(u) => good += 1,
                _ => {}
            }
        }
        Some(good)
    };
    let units = sample.len() / 2;
    [
        (true, encoding_rs::UTF_16LE),
        (false, encoding_rs::UTF_16BE),
    ]
    .into_iter()
    .filter_map(|(le, e)| Some((score(le)?, e)))
    .filter(|&(good, _)| good * 10 >= units * 9)
    .max_by_key(|&(good, _)| good)
    .map(|(_, e)| e)
}

/// Whether a line is UTF-8 among lines of a legacy encoding: valid UTF-8
/// holding a Chinese character (legacy bytes are almost never both).
fn is_utf8_cjk(line: &[u8]) -> bool {
    !line.is_ascii()
        && simdutf8::basic::from_utf8(line)
            .is_ok_and(|s| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)))
}

/// Text that is UTF-8 in some lines and a legacy encoding in others (a
/// UTF-8 title pasted over a GB18030 body): each line in its own encoding.
fn mixed_lines(bytes: &[u8], legacy: &'static Encoding) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 / 2);
    let mut lines = bytes.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        if is_utf8_cjk(line) {
            out.push_str(std::str::from_utf8(line).unwrap_or_default());
        } else {
            out.push_str(&legacy.decode_without_bom_handling(line).0);
        }
        if lines.peek().is_some() {
            out.push('\n');
        }
    }
    out
}

/// More than 1 in 50 characters replaced: not this encoding, or not text.
fn too_broken(text: &str) -> bool {
    let total = text.chars().count().max(1);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    bad * 50 > total
}

fn finish(text: String, encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    // A few control characters are shown safely; a text made of them is
    // not one.
    if controls * 4 > text.chars().count().max(1) {
        return Err(DecodeError::Binary("binary data (control bytes)"));
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_cut_inside_its_last_character_is_still_utf8() {
        let text = "标题\n第二版的正文。";
        for cut in 1..3 {
            let bytes = &text.as_bytes()[..text.len() - cut];
            let d = decode(bytes).unwrap();
            assert_eq!(d.encoding, "UTF-8");
            assert_eq!(d.text, "标题\n第二版的正文\u{FFFD}");
        }
    }

    #[test]
    fn reads_each_encoding() {
        let s = "深圳市支援合作寻乌县六周年";
        assert_eq!(decode(s.as_bytes()).unwrap().text, s);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom).unwrap().text, s);
        let (gbk, _, _) = GB18030.encode(s);
        let d = decode(&gbk).unwrap();
        assert_eq!(d.text, s);
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().text, s);
        let mut be = vec![0xFE, 0xFF];
        be.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap().text, s);
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n\r\n ").unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            DecodeError::Binary(_)
        ));
        assert!(matches!(
            decode(b"abc\0def").unwrap_err(),
            DecodeError::Binary(_)
        ));
    }
}
