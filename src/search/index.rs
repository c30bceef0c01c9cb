//! The search index, built once per library: every quote, speaker and report
//! as an item with its folded text, a vocabulary of words with the items that
//! contain them, and per-word letter masks for a cheap prefilter.

use super::fold::{fold, words};
use crate::model::Report;
use rayon::prelude::*;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Quote,
    Speaker,
    Report,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Speaker => "speaker",
            Kind::Report => "report",
        }
    }
}

/// What an item points at in the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    pub report: u32,
    /// For quotes: the quote's speaker (if found); for speakers: the speaker.
    pub speaker: Option<u32>,
    pub quote: Option<u32>,
}

/// Separates the parts of an item's text (quote · context, name · role…).
pub const SEPARATOR: &str = " · ";

/// The text an item is searched and shown by. Its first part is "primary":
/// words there weigh more than words in the rest (context, points, summary).
pub fn item_text(reports: &[Report], item: &Item) -> (String, usize) {
    let r = &reports[item.report as usize];
    let mut primary: Vec<&str> = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    let joined_points;
    let tags;
    match item.kind {
        Kind::Quote => {
            let q = &r.quotes[item.quote.unwrap_or(0) as usize];
            primary.push(&q.text);
            rest.extend(q.context.as_deref());
            // "carr civil society" should find Carr's quote: the speaker's
            // name is part of what a quote is searched by.
            rest.extend(item.speaker.and_then(|s| r.speakers.get(s as usize)).map(|s| s.name.as_str()));
        }
        Kind::Speaker => {
            let s = &r.speakers[item.speaker.unwrap_or(0) as usize];
            primary.push(&s.name);
            primary.extend(s.role.as_deref());
            primary.extend(s.organisation.as_deref());
            joined_points = s.points.join(" ");
            if !joined_points.is_empty() {
                rest.push(&joined_points);
            }
        }
        Kind::Report => {
            primary.push(&r.title);
            primary.extend(r.event.as_deref());
            primary.extend(r.location.as_deref());
            primary.extend(r.author.as_deref());
            tags = r.tags.join(", ");
            if !tags.is_empty() {
                primary.push(&tags);
            }
            rest.extend(r.summary.as_deref());
            rest.extend(r.conclusion.as_deref());
        }
    }
    let head = primary.join(SEPARATOR);
    let head_chars = head.chars().count();
    let mut text = head;
    for part in rest {
        text.push_str(SEPARATOR);
        text.push_str(part);
    }
    // Line breaks would break one-line output (TSV, list rows).
    (text.replace(['\n', '\r'], " "), head_chars)
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index {{ {} items, {} words }}", self.items.len(), self.words.len())
    }
}

pub struct Index {
    pub items: Vec<Item>,
    /// All folded item texts, end to end; `starts[i]..starts[i + 1]` is item i's.
    folded: String,
    starts: Vec<u32>,
    /// Length of each item's folded primary part (prefix and suffix terms
    /// look there: a quote ends where its text ends, not its context).
    heads: Vec<u32>,
    pub(super) words: Vec<Box<str>>,
    pub(super) masks: Vec<u64>,
    /// Per word, the items containing it, ascending; the top bit marks an
    /// occurrence in the item's primary part.
    pub(super) postings: Vec<Vec<u32>>,
}

pub const PRIMARY: u32 = 1 << 31;

/// Letters and digits present in a word, as bits: a term can only match a
/// word whose mask contains the term's.
pub fn mask(word: &str) -> u64 {
    word.bytes().fold(0, |m, b| match b {
        b'a'..=b'z' => m | 1 << (b - b'a'),
        b'0'..=b'9' => m | 1 << (26 + b - b'0'),
        _ => m | 1 << 63,
    })
}

impl Index {
    pub fn build(reports: &[Report]) -> Index {
        let mut items = Vec::new();
        for (ri, r) in reports.iter().enumerate() {
            let ri = ri as u32;
            items.push(Item { kind: Kind::Report, report: ri, speaker: None, quote: None });
            for si in 0..r.speakers.len() {
                items.push(Item { kind: Kind::Speaker, report: ri, speaker: Some(si as u32), quote: None });
            }
            for (qi, q) in r.quotes.iter().enumerate() {
                let speaker = r.speakers.iter().position(|s| s.id == q.speaker).map(|s| s as u32);
                items.push(Item { kind: Kind::Quote, report: ri, speaker, quote: Some(qi as u32) });
            }
        }
        // Folding is the costly part: both cores share it.
        let folded_items: Vec<(String, usize)> = items
            .par_iter()
            .map(|it| {
                let (text, head_chars) = item_text(reports, it);
                let head_folded = fold(&text.chars().take(head_chars).collect::<String>()).len();
                (fold(&text), head_folded)
            })
            .collect();

        let mut folded = String::with_capacity(folded_items.iter().map(|(f, _)| f.len()).sum());
        let mut starts = Vec::with_capacity(items.len() + 1);
        let heads = folded_items.iter().map(|(_, h)| *h as u32).collect();
        let mut vocabulary: HashMap<&str, u32> = HashMap::new();
        let mut word_list: Vec<Box<str>> = Vec::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut seen: Vec<(u32, bool)> = Vec::new();
        for (i, (f, head)) in folded_items.iter().enumerate() {
            starts.push(folded.len() as u32);
            folded.push_str(f);
            seen.clear();
            for (at, w) in words(f) {
                let id = match vocabulary.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = word_list.len() as u32;
                        word_list.push(w.into());
                        postings.push(Vec::new());
                        vocabulary.insert(w, id);
                        id
                    }
                };
                seen.push((id, at < *head));
            }
            // One posting per word and item; primary wins over secondary.
            seen.sort_unstable_by_key(|&(id, primary)| (id, !primary));
            seen.dedup_by_key(|&mut (id, _)| id);
            for &(id, primary) in &seen {
                postings[id as usize].push(i as u32 | if primary { PRIMARY } else { 0 });
            }
        }
        starts.push(folded.len() as u32);
        let masks = word_list.iter().map(|w| mask(w)).collect();
        for p in &mut postings {
            p.shrink_to_fit();
        }
        Index { items, folded, starts, heads, words: word_list, masks, postings }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn folded(&self, item: usize) -> &str {
        &self.folded[self.starts[item] as usize..self.starts[item + 1] as usize]
    }

    /// The folded primary part of an item (quote text, name and affiliation, title…).
    pub fn folded_head(&self, item: usize) -> &str {
        let f = self.folded(item);
        &f[..(self.heads[item] as usize).min(f.len())]
    }

    pub fn vocabulary_len(&self) -> usize {
        self.words.len()
    }

    /// Approximate heap bytes held, for the memory benchmark.
    pub fn heap_bytes(&self) -> usize {
        self.items.capacity() * std::mem::size_of::<Item>()
            + self.folded.capacity()
            + self.starts.capacity() * 4
            + self.heads.capacity() * 4
            + self.words.iter().map(|w| w.len() + 16).sum::<usize>()
            + self.masks.capacity() * 8
            + self.postings.iter().map(|p| p.capacity() * 4 + 24).sum::<usize>()
    }
}
