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
    // NUL bytes do not occur in text of any of the encodings read here
    // (UTF-16 is only read with a BOM).
    if memchr::memchr(0, bytes).is_some() {
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
    const SAMPLE: usize = 2 << 10;
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(SAMPLE)], bytes.len() <= SAMPLE);
    let mut guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GBK is a subset of GB18030: decode with the superset.
    if guess == encoding_rs::GBK {
        guess = GB18030;
    }
    let (text, _, had_errors) = guess.decode(bytes);
    if had_errors && too_broken(&text) {
        return Err(DecodeError::Undecodable);
    }
    finish(text.into_owned(), guess)
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
