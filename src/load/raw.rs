//! The file format as written: serde types that mirror schema version 1 field by
//! field. Every string goes through [`Text`], which charges the text budget and
//! sanitises; dates and times are checked as they are read, so their errors
//! carry the position of the offending value.

use super::{budget, sanitize::sanitize};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a report: a mapping with at least `title` and `date`")]
pub struct RawReport {
    pub title: Text,
    pub id: Option<Text>,
    pub event: Option<Text>,
    pub kind: Option<Text>,
    pub date: Date,
    pub start: Option<Time>,
    pub end: Option<Time>,
    pub location: Option<Text>,
    pub author: Option<Text>,
    pub source: Option<Text>,
    pub tags: Option<Vec<Text>>,
    pub summary: Option<Text>,
    pub conclusion: Option<Text>,
    pub speakers: Option<Vec<RawSpeaker>>,
    pub quotes: Option<Vec<RawQuote>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a speaker: a mapping with at least `name`")]
pub struct RawSpeaker {
    pub id: Option<Text>,
    pub name: Text,
    pub role: Option<Text>,
    pub organisation: Option<Text>,
    pub moderator: Option<bool>,
    pub points: Option<Vec<Text>>,
    pub person: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a quote: a mapping with `speaker` and `text`")]
pub struct RawQuote {
    pub speaker: Text,
    pub text: Text,
    pub context: Option<Text>,
}

/// The keys of each level of schema version 1, for "did you mean" hints and
/// the schema pass (kept in step with the structs above by a test).
pub const REPORT_KEYS: &[&str] = &[
    "title",
    "id",
    "event",
    "kind",
    "date",
    "start",
    "end",
    "location",
    "author",
    "source",
    "tags",
    "summary",
    "conclusion",
    "speakers",
    "quotes",
];
pub const SPEAKER_KEYS: &[&str] = &["id", "name", "role", "organisation", "moderator", "points", "person"];
pub const QUOTE_KEYS: &[&str] = &["speaker", "text", "context"];

/// A level of the schema: which mapping a key is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Report,
    Speaker,
    Quote,
}

impl Level {
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Level::Report => REPORT_KEYS,
            Level::Speaker => SPEAKER_KEYS,
            Level::Quote => QUOTE_KEYS,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Level::Report => "the report",
            Level::Speaker => "a speaker",
            Level::Quote => "a quote",
        }
    }

    /// The level whose keys serde lists in "expected one of …" (its first key is enough).
    pub fn of_first_key(first: &str) -> Option<Level> {
        [Level::Report, Level::Speaker, Level::Quote].into_iter().find(|l| l.keys()[0] == first)
    }
}

/// The hint after "unknown key `key`": a close key of the same level (never
/// the key itself), else the level the key belongs to, if any.
pub fn unknown_key_hint(key: &str, level: Level) -> String {
    let close = level
        .keys()
        .iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|&(d, k)| d > 0 && d <= 2.max(k.len() / 4) && d < key.len())
        .min();
    if let Some((_, k)) = close {
        return format!(" (did you mean `{k}`?)");
    }
    let elsewhere = [Level::Report, Level::Speaker, Level::Quote]
        .into_iter()
        .filter(|&l| l != level && l.keys().contains(&key))
        .map(Level::name)
        .collect::<Vec<_>>();
    match elsewhere.as_slice() {
        [] => String::new(),
        names => format!(" (`{key}` belongs to {}, not {})", names.join(" or "), level.name()),
    }
}

/// Sanitised text from a file, charged against the file's text budget.
/// Numbers and booleans are accepted as their text (`title: 1984`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor { check: |_| Ok(()) })
    }
}

/// Checks run inside the visitor, so that serde_yaml gives their errors the
/// position of the value itself rather than of the enclosing mapping.
struct TextVisitor {
    check: fn(&str) -> Result<(), String>,
}

impl TextVisitor {
    fn text<E: de::Error>(&self, v: &str) -> Result<Text, E> {
        if !budget::charge(v.len()) {
            return Err(E::custom(
                "text budget of this file exceeded: aliases expand to far more text than the file holds",
            ));
        }
        let text = sanitize(v).into_owned();
        (self.check)(&text).map_err(E::custom)?;
        Ok(Text(text))
    }
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        self.text(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        self.text(&v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        self.text(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        self.text(&v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        self.text(if v { "true" } else { "false" })
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date(pub String);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let check = |s: &str| date_error(s).map_or(Ok(()), Err);
        let Text(s) = d.deserialize_any(TextVisitor { check })?;
        Ok(Date(s.trim().to_string()))
    }
}

/// A time of day written `HH:MM`, 24-hour.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time(pub String);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let check = |s: &str| time_error(s).map_or(Ok(()), Err);
        let Text(s) = d.deserialize_any(TextVisitor { check })?;
        Ok(Time(s.trim().to_string()))
    }
}

/// What is wrong with a date as written, if anything.
pub fn date_error(s: &str) -> Option<String> {
    let s = s.trim();
    (!is_date(s))
        .then(|| format!("invalid date `{s}`: expected a real calendar date written YYYY-MM-DD, e.g. 2015-11-10"))
}

/// What is wrong with a time as written, if anything.
pub fn time_error(s: &str) -> Option<String> {
    let s = s.trim();
    (!is_time(s)).then(|| format!("invalid time `{s}`: expected HH:MM on a 24-hour clock, e.g. 09:30 or 14:00"))
}

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else { return false };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(y), digits(m), digits(d)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

pub fn is_time(s: &str) -> bool {
    let Some((h, m)) = s.split_once(':') else {
        return false;
    };
    h.len() == 2 && m.len() == 2 && digits(h).is_some_and(|h| h < 24) && digits(m).is_some_and(|m| m < 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lists_match_the_structs() {
        // serde names every field in "expected one of …"; the lists must say the same.
        let fields = |e: serde_yaml::Error| e.to_string().split_once("expected one of ").map(|(_, l)| l.to_string());
        let quoted = |keys: &[&str]| keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let e = serde_yaml::from_str::<RawReport>("zz: 1").unwrap_err();
        assert!(fields(e).unwrap().starts_with(&quoted(REPORT_KEYS)));
        let e = serde_yaml::from_str::<RawSpeaker>("zz: 1").unwrap_err();
        assert!(fields(e).unwrap().starts_with(&quoted(SPEAKER_KEYS)));
        let e = serde_yaml::from_str::<RawQuote>("zz: 1").unwrap_err();
        assert!(fields(e).unwrap().starts_with(&quoted(QUOTE_KEYS)));
    }

    #[test]
    fn hints_come_from_the_level_of_the_key() {
        let table = [
            ("speaker", Level::Report, " (did you mean `speakers`?)"),
            ("titel", Level::Report, " (did you mean `title`?)"),
            ("organisation", Level::Report, " (`organisation` belongs to a speaker, not the report)"),
            ("orgnisation", Level::Speaker, " (did you mean `organisation`?)"),
            ("title", Level::Speaker, " (`title` belongs to the report, not a speaker)"),
            ("txt", Level::Quote, " (did you mean `text`?)"),
            ("speakers", Level::Quote, " (did you mean `speaker`?)"),
            ("id", Level::Quote, " (`id` belongs to the report or a speaker, not a quote)"),
            ("zzzzzz", Level::Report, ""),
        ];
        for (key, level, hint) in table {
            assert_eq!(unknown_key_hint(key, level), hint, "{key} in {level:?}");
        }
    }

    #[test]
    fn dates() {
        for ok in ["2015-11-10", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2015-13-01",
            "2015-11-31",
            "2023-02-29",
            "1900-02-29",
            "15-11-10",
            "2015/11/10",
            "2015-1-10",
            "",
            "2015-11-10x",
            "+015-11-10",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn times() {
        for ok in ["00:00", "14:00", "23:59"] {
            assert!(is_time(ok), "{ok}");
        }
        for bad in ["24:00", "9:30", "12:60", "14h", "14:00:00", "", "+1:00"] {
            assert!(!is_time(bad), "{bad}");
        }
    }
}
