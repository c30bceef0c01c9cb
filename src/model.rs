//! The validated report library: plain data, no behaviour beyond lookups.
//!
//! These are what `load` produces after every check has passed; every string in
//! them has been sanitised, so any of it may be printed to a terminal.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Report {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `YYYY-MM-DD`, checked at load, so it sorts as text.
    pub date: String,
    /// `HH:MM`, 24 h.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<String>,
    #[serde(default)]
    pub speakers: Vec<Speaker>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Speaker {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default)]
    pub moderator: bool,
    #[serde(default)]
    pub points: Vec<String>,
    /// Who this speaker is across the library, when the file says so (`person:`);
    /// else the name decides (see `people`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quote {
    /// The `id` of a speaker of the same report (names are resolved at load).
    pub speaker: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// Where a report came from, so diagnostics and an editor can point back at it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origin {
    pub path: PathBuf,
    /// 0 for the first YAML document in the file.
    pub document: usize,
    /// 1-based line where the document starts.
    pub line: usize,
}

impl Report {
    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.id == id)
    }

    pub fn quotes_by<'a>(&'a self, speaker_id: &'a str) -> impl Iterator<Item = &'a Quote> + 'a {
        self.quotes.iter().filter(move |q| q.speaker == speaker_id)
    }

    /// `14:00–15:00`, `14:00`, or empty when the report has no times.
    pub fn time_range(&self) -> String {
        match (&self.start, &self.end) {
            (Some(s), Some(e)) => format!("{s}–{e}"),
            (Some(s), None) => s.clone(),
            (None, Some(e)) => format!("–{e}"),
            (None, None) => String::new(),
        }
    }
}
