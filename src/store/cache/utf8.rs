//! The cache index's strings read with a SIMD UTF-8 check: postcard checks
//! a string a byte at a time (the standard check), which is slow on CJK
//! text, and a start reads every article's title, source, places and
//! match keys. A string and a byte string are written alike by postcard
//! (a length, then the bytes), so these read what `String`'s own
//! serialization wrote.

use serde::de::{Deserializer, Error, SeqAccess, Visitor};

struct Utf8;

impl<'de> Visitor<'de> for Utf8 {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a UTF-8 string")
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<String, E> {
        simdutf8::basic::from_utf8(v)
            .map(str::to_owned)
            .map_err(|_| E::custom("a string that is not UTF-8"))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
}

/// A `String`.
pub(super) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_bytes(Utf8)
}

/// An `Option<String>`.
pub(super) fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Some_;
    impl<'de> Visitor<'de> for Some_ {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an optional UTF-8 string")
        }
        fn visit_none<E: Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
            string(d).map(Some)
        }
    }
    d.deserialize_option(Some_)
}

/// A `Vec<String>`.
pub(super) fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Each;
    struct One(String);
    impl<'de> serde::Deserialize<'de> for One {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<One, D::Error> {
            string(d).map(One)
        }
    }
    impl<'de> Visitor<'de> for Each {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of UTF-8 strings")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            // The length a damaged file claims is not trusted for memory.
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(One(s)) = seq.next_element()? {
                out.push(s);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Each)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize)]
    struct Written {
        a: String,
        b: Option<String>,
        c: Option<String>,
        d: Vec<String>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Read {
        #[serde(deserialize_with = "super::string")]
        a: String,
        #[serde(deserialize_with = "super::optional")]
        b: Option<String>,
        #[serde(deserialize_with = "super::optional")]
        c: Option<String>,
        #[serde(deserialize_with = "super::strings")]
        d: Vec<String>,
    }

    #[test]
    fn reads_what_strings_wrote() {
        let w = Written {
            a: "寻乌县 xunwu".into(),
            b: Some("赣南日报".into()),
            c: None,
            d: vec!["江西省".into(), String::new(), "é".into()],
        };
        let bytes = postcard::to_allocvec(&w).unwrap();
        let r: Read = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(
            r,
            Read {
                a: w.a,
                b: w.b,
                c: w.c,
                d: w.d
            }
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_an_error() {
        let w = Written {
            a: "ab".into(),
            b: None,
            c: None,
            d: Vec::new(),
        };
        let mut bytes = postcard::to_allocvec(&w).unwrap();
        bytes[1] = 0xff;
        assert!(postcard::from_bytes::<Read>(&bytes).is_err());
    }
}
