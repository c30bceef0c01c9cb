//! Reports, quotes, search hits and people as documents: Markdown to paste elsewhere,
//! JSON for scripts, plain text for reading. Pure functions from the model to
//! strings; no I/O, no terminal. What the reader's copy keys and the command
//! line's `--format` print comes from here, so both agree.
//!
//! Text reaching these functions has been sanitised by the loader; as a second
//! line of defence no format lets a control character through (Markdown and
//! text replace them, JSON escapes them).

pub mod json;
pub mod markdown;
#[cfg(test)]
pub(crate) mod sample;
pub mod text;

use crate::model::{Report, Speaker};
use crate::people::Person;
use crate::search::Item;

/// The line that names a search hit: a quote's own words, a speaker's
/// `Name · Role · Organisation`, a report's title. What a hit prints (TSV's
/// TEXT, JSON's `text`) is its [`crate::search::snippet`], which is this line
/// unless another field of the item matched better. `None` for an item
/// outside `reports`.
pub fn hit_text(reports: &[Report], item: &Item) -> Option<String> {
    crate::search::snippet::name_line(reports, item)
}

/// A speaker's role and organisation, those present, each on one line.
fn affiliation(s: &Speaker) -> Vec<String> {
    [s.role.as_deref(), s.organisation.as_deref()]
        .into_iter()
        .flatten()
        .map(one_line)
        .filter(|p| !p.is_empty())
        .collect()
}

/// White space (line feeds too) folded into single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The other ways the reports write a person's name (a merged identity:
/// "V. Cerf", "Vinton G. Cerf"), each once, newest first.
fn other_spellings<'a>(person: &Person, reports: &'a [Report]) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    person
        .appearances
        .iter()
        .map(|a| reports[a.report as usize].speakers[a.speaker as usize].name.as_str())
        .filter(|name| *name != person.name && seen.insert(*name))
        .collect()
}

/// The distinct reports a person speaks in, newest first.
fn sessions<'a>(person: &Person, reports: &'a [Report]) -> Vec<&'a Report> {
    let mut seen = std::collections::HashSet::new();
    person.appearances.iter().filter(|a| seen.insert(a.report)).map(|a| &reports[a.report as usize]).collect()
}

/// Replaces every control character but the line feed with U+FFFD: sanitised
/// text has none, so this changes nothing unless a caller skipped the loader.
fn without_controls(text: String) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return text;
    }
    text.chars().map(|c| if c.is_control() && c != '\n' { '\u{FFFD}' } else { c }).collect()
}
