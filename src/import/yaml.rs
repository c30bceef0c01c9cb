//! Writing a draft as a podium report file: every string double-quoted and
//! escaped, uncertainties as `# check:` comments on the line they concern.

use super::Draft;
use crate::load::slug::slug;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// The `id` of the speaker that unattributed quotes point to.
pub const UNKNOWN: &str = "unknown";

fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // YAML allows only "printable" characters in a file: escape the rest
            // (controls, and the noncharacters U+FFFE / U+FFFF found by fuzzing).
            c if !yaml_printable(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// YAML 1.1's printable set (c-printable).
fn yaml_printable(c: char) -> bool {
    matches!(c as u32, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x1_0000..=0x10_FFFF)
}

fn check(note: &Option<String>) -> String {
    note.as_ref().map(|n| format!("  # check: {n}")).unwrap_or_default()
}

/// Unique speaker ids, in speaker order.
fn ids(draft: &Draft) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    // The next number to try for a base: numbers below it were taken when
    // last tried, and ids are never given back, so trying from 2 each time
    // (quadratic for many speakers of one slug) would find the same.
    let mut next: HashMap<String, usize> = HashMap::new();
    for s in &draft.speakers {
        let base = match slug(&s.name) {
            b if b.is_empty() || b == UNKNOWN => "speaker".to_string(),
            b => b,
        };
        let mut id = base.clone();
        let n = next.entry(base.clone()).or_insert(2);
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            *n += 1;
        }
        taken.insert(id.clone());
        ids.push(id);
    }
    ids
}

pub fn write(draft: &Draft, source: &str) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "# Imported by `podium import` from {}.", q(source));
    let _ = writeln!(y, "# Check every line marked `# check:`, then `podium validate` this file.");
    let _ = writeln!(y, "title: {}", q(&draft.title));
    match &draft.date {
        Some(d) => {
            let _ = writeln!(y, "date: {}", q(d));
        }
        None => {
            let _ = writeln!(y, "date: \"1970-01-01\"  # check: no date found in the text; this is a placeholder");
        }
    }
    // An end before the start cannot be valid: keep the start only.
    let end = draft.end.as_ref().filter(|e| draft.start.as_ref().is_none_or(|s| *e >= s));
    for (key, value) in [
        ("start", draft.start.as_ref()),
        ("end", end),
        ("kind", draft.kind.as_ref()),
        ("author", draft.author.as_ref()),
    ] {
        if let Some(v) = value {
            let _ = writeln!(y, "{key}: {}", q(v));
        }
    }
    for (key, value) in [("summary", &draft.summary), ("conclusion", &draft.conclusion)] {
        if let Some(v) = value {
            let _ = writeln!(y, "{key}: {}", q(v));
        }
    }
    let ids = ids(draft);
    let unattributed = draft.quotes.iter().any(|q| q.speaker.is_none());
    if !draft.speakers.is_empty() || unattributed {
        y.push_str("speakers:\n");
    }
    for (s, id) in draft.speakers.iter().zip(&ids) {
        let _ = writeln!(y, "  - id: {}{}", q(id), check(&s.check));
        let _ = writeln!(y, "    name: {}", q(&s.name));
        if let Some(r) = &s.role {
            let _ = writeln!(y, "    role: {}", q(r));
        }
        if let Some(o) = &s.organisation {
            let _ = writeln!(y, "    organisation: {}", q(o));
        }
        if s.moderator {
            y.push_str("    moderator: true\n");
        }
        if !s.points.is_empty() {
            y.push_str("    points:\n");
            for p in &s.points {
                let _ = writeln!(y, "      - {}", q(p));
            }
        }
    }
    if unattributed {
        let _ = writeln!(
            y,
            "  - id: {UNKNOWN}  # check: quotes no speaker could be found for; attribute them, then remove this entry"
        );
        let _ = writeln!(y, "    name: \"Unknown speaker\"");
    }
    if !draft.quotes.is_empty() {
        y.push_str("quotes:\n");
    }
    for quote in &draft.quotes {
        let who = quote.speaker.map_or(UNKNOWN, |i| ids[i].as_str());
        let _ = writeln!(y, "  - speaker: {}{}", q(who), check(&quote.check));
        let _ = writeln!(y, "    text: {}", q(&quote.text));
        if let Some(c) = &quote.context {
            let _ = writeln!(y, "    context: {}", q(c));
        }
    }
    for title in &draft.titles {
        let _ = writeln!(y, "# left out as a title, not speech: {}", q(title));
    }
    y
}
