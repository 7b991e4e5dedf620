//! A JSON file of records: an array of objects, or an object holding one
//! (`{"data": {"list": [...]}}`), or a single record. Read as it streams:
//! one record at a time is in memory, however large the array.

use std::io::BufRead;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::records::{Fields, FieldsBuilder, Item, field_of};

/// What a JSON value turned out to be, for the value holding it.
enum Found {
    /// A string or number, or a list of them (a text given as paragraphs).
    Text(String),
    /// An object: its fields, if any key was one.
    Object(Option<Fields>),
    /// A list of records, given to the sink as they came, or nothing of use.
    Other,
}

struct Ctx<'a> {
    sink: &'a mut dyn FnMut(Item) -> bool,
    number: usize,
    stopped: bool,
}

impl Ctx<'_> {
    fn emit<E: serde::de::Error>(&mut self, fields: Fields) -> Result<(), E> {
        self.number += 1;
        let go_on = (self.sink)(Item::Record {
            number: self.number,
            at: format!("record {}", self.number),
            fields,
        });
        if go_on {
            Ok(())
        } else {
            self.stopped = true;
            Err(E::custom("stopped"))
        }
    }
}

/// Reads the JSON in `reader`, giving each record to `sink`. A syntax
/// error ends the file there: the records before it are kept, and the
/// error is given as a bad record.
pub fn each(reader: &mut dyn BufRead, sink: &mut dyn FnMut(Item) -> bool) -> std::io::Result<()> {
    let mut ctx = Ctx {
        sink,
        number: 0,
        stopped: false,
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = Node {
        ctx: &mut ctx,
        in_record: false,
    }
    .deserialize(&mut de);
    let result = result.and_then(|found| de.end().map(|()| found));
    match result {
        Ok(Found::Object(Some(fields))) => {
            let _ = ctx.emit::<serde_json::Error>(fields);
        }
        Ok(_) if ctx.number == 0 => {
            (ctx.sink)(Item::Bad {
                at: "record 1".into(),
                reason: "no records in it (no object with a title or content field)".into(),
            });
        }
        Ok(_) => {}
        Err(_) if ctx.stopped => {}
        Err(e) if e.is_io() => return Err(e.into()),
        Err(e) => {
            let after = if ctx.number > 0 {
                "; the records after it are not read"
            } else {
                ""
            };
            (ctx.sink)(Item::Bad {
                at: format!("record {}", ctx.number + 1),
                reason: format!("not valid JSON ({e}){after}"),
            });
        }
    }
    Ok(())
}

struct Node<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    /// Inside an object already known to be a record: the objects in it
    /// (`"images": [{"url": ...}]`) are parts of it, not records.
    in_record: bool,
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = Found;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_, '_> {
    type Value = Found;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON records")
    }

    fn visit_str<E>(self, v: &str) -> Result<Found, E> {
        Ok(Found::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Found, E> {
        Ok(Found::Text(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Found, E> {
        Ok(Found::Text(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Found, E> {
        Ok(Found::Text(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Found, E> {
        Ok(Found::Text(v.to_string()))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Found, E> {
        Ok(Found::Other)
    }
    fn visit_unit<E>(self) -> Result<Found, E> {
        Ok(Found::Other)
    }

    /// A list: of records (each given as it comes) or of text.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        let mut texts = Vec::new();
        let in_record = self.in_record;
        while let Some(found) = seq.next_element_seed(Node {
            ctx: self.ctx,
            in_record,
        })? {
            match found {
                Found::Text(t) => texts.push(t),
                // Every object in a list of them is a record, one with no
                // known field too (it is then said to have no text).
                Found::Object(fields) if !in_record => self.ctx.emit(fields.unwrap_or_default())?,
                Found::Object(_) | Found::Other => {}
            }
        }
        Ok(if texts.is_empty() {
            Found::Other
        } else {
            Found::Text(texts.join("\n"))
        })
    }

    /// An object: a record if a key is a field's name; what it holds under
    /// other keys is looked into for records (`{"data": [...]}`).
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut b = FieldsBuilder::default();
        let mut any = false;
        while let Some(key) = map.next_key::<String>()? {
            let in_record = self.in_record || any;
            match map.next_value_seed(Node {
                ctx: self.ctx,
                in_record,
            })? {
                Found::Text(t) if field_of(&key).is_some() => {
                    b.set(&key, t);
                    any = true;
                }
                // A record under a key (`{"1": {...}, "2": {...}}`) when it
                // has a text; else its fields are this object's
                // (`"meta": {"source": ...}`).
                Found::Object(Some(inner)) => {
                    if inner.content.is_some() && !in_record {
                        self.ctx.emit(inner)?;
                    } else {
                        any = true;
                        for (k, v) in [
                            ("title", inner.title),
                            ("date", inner.date),
                            ("source", inner.source),
                            ("url", inner.url),
                        ] {
                            if let Some(v) = v {
                                b.set(k, v);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(Found::Object(any.then(|| b.build())))
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

    fn titles(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Record { number, fields, .. } => {
                    format!("{number}:{}", fields.title.clone().unwrap_or_default())
                }
                Item::Bad { at, .. } => format!("bad {at}"),
            })
            .collect()
    }

    #[test]
    fn an_array_an_object_holding_one_and_a_single_record() {
        let a = r#"[{"title":"甲","content":"一"},{"标题":"乙","正文":["二","三"]}]"#;
        assert_eq!(titles(&items(a)), ["1:甲", "2:乙"]);
        let o = r#"{"code":0,"data":{"total":2,"list":[{"title":"甲","text":"一"},{"x":1}]}}"#;
        assert_eq!(titles(&items(o)), ["1:甲", "2:"]);
        let one = r#"{"title":"甲","content":"一","meta":{"source":"新华社"}}"#;
        let got = items(one);
        assert_eq!(titles(&got), ["1:甲"]);
        assert!(
            matches!(&got[0], Item::Record { fields, .. } if fields.source.as_deref() == Some("新华社"))
        );
    }

    #[test]
    fn a_syntax_error_keeps_the_records_before_it() {
        let got = items(r#"[{"title":"甲","content":"一"}, {"title": oops}]"#);
        assert_eq!(titles(&got), ["1:甲", "bad record 2"]);
    }
}
