//! A setting's value as written, of whatever type. Reading every value as
//! `Loose` means a mistyped one never stops the parser: each is checked by the
//! code that knows the setting, which says in plain words what was expected,
//! and every mistake in the file is reported at once.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::ops::Range;
use toml::Spanned;

#[derive(Debug)]
pub enum Loose {
    Str(String),
    /// Wide enough for any integer TOML (or serde) can hand over.
    Int(i128),
    Bool(bool),
    List(Vec<Spanned<Loose>>),
    /// A float, date or table: never what a setting wants.
    Other,
}

impl Loose {
    /// A string or a list of strings, each with its position; `Err` holds the
    /// position of the first item that is neither.
    pub fn strings(this: &Spanned<Loose>) -> Result<Vec<(&str, Range<usize>)>, Range<usize>> {
        match this.get_ref() {
            Loose::Str(s) => Ok(vec![(s.as_str(), this.span())]),
            Loose::List(items) => items
                .iter()
                .map(|item| match item.get_ref() {
                    Loose::Str(s) => Ok((s.as_str(), item.span())),
                    _ => Err(item.span()),
                })
                .collect(),
            _ => Err(this.span()),
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
        Ok(Loose::Str(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Loose, E> {
        Ok(Loose::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose::Int(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose::Int(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Loose, E> {
        Ok(Loose::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Loose, E> {
        Ok(Loose::Int(i128::try_from(v).unwrap_or(i128::MAX)))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Loose::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        // A table, or a date (which toml hands over as a one-entry map).
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
}
