//! Turns a document as written ([`RawReport`]) into a checked [`Report`]:
//! defaults filled in, speakers resolved, and every rule that spans fields.

use super::locate::NodePath;
use super::raw::{RawQuote, RawReport, RawSpeaker, Text};
use super::slug::slug;
use crate::model::{Origin, Quote, Report, Speaker};
use std::collections::HashMap;

/// A rule broken at a node of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub at: NodePath,
    pub message: String,
}

/// The rules a document breaks: the first `max`, and whether there were more.
#[derive(Debug, Default)]
pub struct Issues {
    pub list: Vec<Issue>,
    pub more: bool,
}

/// Checks a document; keeps at most `max` issues, so a document that breaks a
/// rule a million times costs no more than one that breaks it `max` times.
pub fn to_report(raw: RawReport, default_id: &str, origin: Origin, max: usize) -> Result<Report, Issues> {
    let root = NodePath::root();
    let mut issues = Issues::default();
    let mut issue = |at: NodePath, message: String| match issues.list.len() < max {
        true => issues.list.push(Issue { at, message }),
        false => issues.more = true,
    };

    let title = trimmed(raw.title);
    if title.is_empty() {
        issue(root.key("title"), "`title` is empty".into());
    }
    let id = match raw.id.map(trimmed) {
        Some(id) if id.is_empty() => {
            issue(root.key("id"), "`id` is empty: remove it to use the default, or give one".into());
            id
        }
        Some(id) => id,
        None => default_id.to_string(),
    };
    if let (Some(start), Some(end)) = (&raw.start, &raw.end)
        && end < start
    {
        issue(root.key("end"), format!("end {} is before start {}", end.0, start.0));
    }

    let speakers = speakers(raw.speakers.unwrap_or_default(), &root, &mut issue);
    let quotes = quotes(raw.quotes.unwrap_or_default(), &speakers, &root, &mut issue);

    let report = Report {
        id,
        title,
        event: opt(raw.event),
        kind: opt(raw.kind),
        date: raw.date.0.trim().to_string(),
        start: raw.start.map(|t| t.0),
        end: raw.end.map(|t| t.0),
        location: opt(raw.location),
        author: opt(raw.author),
        source: opt(raw.source),
        tags: raw.tags.unwrap_or_default().into_iter().map(trimmed).filter(|t| !t.is_empty()).collect(),
        summary: opt(raw.summary),
        conclusion: opt(raw.conclusion),
        speakers,
        quotes,
        origin,
    };
    if issues.list.is_empty() && !issues.more { Ok(report) } else { Err(issues) }
}

fn speakers(raw: Vec<RawSpeaker>, root: &NodePath, issue: &mut impl FnMut(NodePath, String)) -> Vec<Speaker> {
    let mut first_with_id: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(raw.len());
    for (i, s) in raw.into_iter().enumerate() {
        let at = root.key("speakers").index(i);
        let name = trimmed(s.name);
        if name.is_empty() {
            issue(at.key("name"), "speaker `name` is empty".into());
        }
        let explicit_id = s.id.is_some();
        let id = match s.id.map(trimmed) {
            Some(id) if !id.is_empty() => id,
            Some(_) => {
                issue(at.key("id"), "speaker `id` is empty".into());
                String::new()
            }
            None => {
                let id = slug(&name);
                if id.is_empty() && !name.is_empty() {
                    issue(
                        at.key("name"),
                        format!("cannot make an id from the name `{name}`: give this speaker an `id`"),
                    );
                }
                id
            }
        };
        if !id.is_empty() {
            if let Some(first) = first_with_id.get(&id) {
                let node = if explicit_id { at.key("id") } else { at.key("name") };
                issue(node, format!("duplicate speaker id `{id}`: speaker {} of this report has it too", first + 1));
            } else {
                first_with_id.insert(id.clone(), i);
            }
        }
        out.push(Speaker {
            id,
            name,
            role: opt(s.role),
            organisation: opt(s.organisation),
            moderator: s.moderator.unwrap_or(false),
            points: s.points.unwrap_or_default().into_iter().map(trimmed).filter(|p| !p.is_empty()).collect(),
            person: opt(s.person),
        });
    }
    out
}

fn quotes(
    raw: Vec<RawQuote>,
    speakers: &[Speaker],
    root: &NodePath,
    issue: &mut impl FnMut(NodePath, String),
) -> Vec<Quote> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, q) in raw.into_iter().enumerate() {
        let at = root.key("quotes").index(i);
        let who = trimmed(q.speaker);
        let speaker = speakers.iter().find(|s| s.id == who).or_else(|| speakers.iter().find(|s| s.name == who));
        let speaker = match speaker {
            Some(s) => s.id.clone(),
            None => {
                issue(at.key("speaker"), unknown_speaker(&who, speakers));
                who
            }
        };
        let text = q.text.0.trim().to_string();
        if text.is_empty() {
            issue(at.key("text"), "quote `text` is empty".into());
        }
        out.push(Quote { speaker, text, context: opt(q.context) });
    }
    out
}

fn unknown_speaker(who: &str, speakers: &[Speaker]) -> String {
    if speakers.is_empty() {
        return format!("quote speaker `{who}` names no speaker: this report has no `speakers`");
    }
    // Ids can repeat (a duplicate is its own problem): each is listed once.
    let mut ids: Vec<&str> = Vec::new();
    for s in speakers {
        if !ids.contains(&s.id.as_str()) {
            ids.push(&s.id);
        }
    }
    let known: Vec<String> = ids.iter().take(8).map(|id| format!("`{id}`")).collect();
    let more = if ids.len() > 8 { ", …" } else { "" };
    format!("quote speaker `{who}` is neither the id nor the exact name of a speaker (ids: {}{more})", known.join(", "))
}

fn trimmed(t: Text) -> String {
    let s = t.0.trim();
    if s.len() == t.0.len() { t.0 } else { s.to_string() }
}

fn opt(t: Option<Text>) -> Option<String> {
    t.map(|t| t.0.trim().to_string()).filter(|s| !s.is_empty())
}
