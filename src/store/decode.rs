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
    // Lines of UTF-8 among legacy ones (a UTF-8 title over a GB18030 body)
    // are read as UTF-8, and the encoding is told from the other lines.
    let mixed = bytes.split(|&b| b == b'\n').any(is_utf8_cjk);
    // Most legacy files are GB18030 Chinese text, which needs no detector.
    if !mixed
        && reads_as_chinese_gb(bytes)
        && let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return finish(text.into_owned(), GB18030);
    }
    // A few thousand characters tell the encoding as well as the whole file
    // does, and the detector is the slowest step of loading a legacy file.
    const SAMPLE: usize = 2 << 10;
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

/// Whether bytes are plainly Chinese text in GB18030 (or GBK, or GB2312),
/// so that the encoding detector need not be asked. Its characters are then
/// nearly all of GB2312's hanzi and punctuation rows (lead byte 0xA1–0xA3
/// or 0xB0–0xF7, trail byte 0xA1–0xFE): those 6,763 characters cover all
/// but a thousandth of modern Chinese text. And its sentences are marked
/// with Chinese punctuation (，。、：；？！“”), at least one in 40 characters
/// (Chinese news text has one in 10 to 20).
///
/// What else decodes as GB18030 fails one test or the other: Big5 text
/// falls mostly outside those rows (its commonest characters and its
/// punctuation, A140–A17E, have a trail byte below 0xA1, or a lead byte in
/// GB2312's kana, Greek and Cyrillic rows), as do EUC-JP's kana (rows 4
/// and 5) and Shift_JIS; EUC-KR's Hangul lies in the hanzi rows, but Korean
/// is written with ASCII punctuation; Latin text in a single-byte encoding
/// puts a space or an ASCII letter after its accented letters, which is no
/// GB2312 character. A file that is not plainly Chinese, or too short to
/// tell (under 16 characters), goes to the detector.
fn reads_as_chinese_gb(bytes: &[u8]) -> bool {
    let (mut wide, mut in_rows, mut marks) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if lead < 0x80 {
            i += 1;
            continue;
        }
        wide += 1;
        let Some(&trail) = bytes.get(i + 1) else {
            break;
        };
        // 0x80 and 0xFF stand alone; a second byte of 0x30–0x39 makes a
        // character of four bytes. Neither is GB2312.
        if !(0x81..=0xFE).contains(&lead) {
            i += 1;
            continue;
        }
        if (0x30..=0x39).contains(&trail) {
            i += 4;
            continue;
        }
        if matches!(lead, 0xA1..=0xA3 | 0xB0..=0xF7) && (0xA1..=0xFE).contains(&trail) {
            in_rows += 1;
        }
        // ，。、：；？！“”
        if matches!(
            (lead, trail),
            (0xA3, 0xAC | 0xBA | 0xBB | 0xBF | 0xA1) | (0xA1, 0xA3 | 0xA2 | 0xB0 | 0xB1)
        ) {
            marks += 1;
        }
        i += 2;
    }
    wide >= 16 && in_rows * 10 >= wide * 9 && marks * 40 >= wide
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
    let controls = controls(&text);
    // A few control characters are shown safely; a text made of them is
    // not one.
    if controls > 0 && controls * 4 > text.chars().count().max(1) {
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

/// How many control characters `text` holds, line breaks, tabs and form
/// feeds aside: counted in its bytes (C0 and DEL are single bytes, C1 is
/// `C2 80`–`C2 9F`), which is as many as `char::is_control` finds.
fn controls(text: &str) -> usize {
    let bytes = text.as_bytes();
    let c0 = super::blocks::count_bytes(bytes, |b| {
        ((b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0c)) | (b == 0x7f)
    });
    let c1 = memchr::memchr_iter(0xc2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)))
        .count();
    c0 + c1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_counted_as_char_is_control_counts_them() {
        let mut text: String = (0u32..0x250).filter_map(char::from_u32).collect();
        text.push_str("寻乌\u{85}\u{9f}县\u{7f}\n\r\t\u{c}");
        let expected = text
            .chars()
            .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
            .count();
        assert_eq!(controls(&text), expected);
        assert_eq!(controls("深圳市支援合作寻乌县"), 0);
    }

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

    /// Chinese text in GB18030 is read without the detector; text in
    /// other legacy encodings that also decodes as GB18030 is not taken
    /// for it, and goes to the detector as before.
    #[test]
    fn only_plain_chinese_skips_the_detector() {
        let zh = "深圳市对口帮扶寻乌县，六年来投入资金三亿多元。当地的脐橙产业、旅游业发展很快，“寻乌模式”受到关注！";
        let gb = GB18030.encode(zh).0;
        assert!(reads_as_chinese_gb(&gb));
        assert_eq!(decode(&gb).unwrap().text, zh);
        assert_eq!(decode(&gb).unwrap().encoding, "gb18030");
        let big5_text = "深圳市對口幫扶尋烏縣，六年來投入資金三億多元。當地的臍橙產業、旅遊業發展很快，「尋烏模式」受到關注！";
        let big5 = encoding_rs::BIG5.encode(big5_text).0;
        assert!(
            GB18030
                .decode_without_bom_handling_and_without_replacement(&big5)
                .is_some()
        );
        assert!(!reads_as_chinese_gb(&big5));
        let ko = "대한민국 헌법은 1948년 7월 17일에 제정되었다. 서울특별시는 대한민국의 수도이며, 한강이 흐른다. 오늘 날씨가 매우 좋습니다.";
        let euc_kr = encoding_rs::EUC_KR.encode(ko).0;
        assert!(
            GB18030
                .decode_without_bom_handling_and_without_replacement(&euc_kr)
                .is_some()
        );
        assert!(!reads_as_chinese_gb(&euc_kr));
        let ja = "日本国憲法は、日本の憲法である。東京は日本の首都であり、多くの人々が住んでいます。今日はとても良い天気です。";
        for e in [encoding_rs::EUC_JP, encoding_rs::SHIFT_JIS] {
            assert!(!reads_as_chinese_gb(&e.encode(ja).0), "{}", e.name());
        }
        let latin =
            "Le café est très bon à Montréal, où l'été dure peu. Ça va très bien. Über Größe.";
        assert!(!reads_as_chinese_gb(
            &encoding_rs::WINDOWS_1252.encode(latin).0
        ));
        // Too short to tell.
        assert!(!reads_as_chinese_gb(&GB18030.encode("寻乌，").0));
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
