//! The search index, built once per library: every quote, speaker and report
//! as an item; a vocabulary of folded words (and compounds of words joined by
//! punctuation, "1,370" as "1370") with the items containing each
//! (delta-encoded); per-word letter masks for a cheap prefilter; and the
//! spellings with capitals, for smart case. Item texts are not kept: the few
//! that need their full text (phrases, closeness, highlighting) are folded
//! again on demand, which keeps the index well under the library's size.

pub mod manifest;
pub mod splice;
pub mod store;
pub mod stored;
mod update;

use super::fold::{fold, fold_cased, fold_into, for_each_token};
use super::reports::Reports;
use super::stem::StemTable;
use crate::model::Report;
use rayon::prelude::*;
use std::collections::HashMap;

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

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

/// An item's text in two parts. The head is "primary": words there weigh
/// more than words in the rest (context, points, summary), and `^` / `$`
/// look at the head only (a quote ends where its words end).
pub fn item_parts<R: Reports + ?Sized>(reports: &R, item: &Item) -> (String, String) {
    let (mut head, mut tail) = (String::new(), String::new());
    for_each_part(reports, item, |part, in_head, first| {
        let out = if in_head { &mut head } else { &mut tail };
        if !first {
            out.push_str(SEPARATOR);
        }
        out.push_str(part);
    });
    // Line breaks would break one-line output (TSV, list rows).
    let one_line = |s: String| if s.contains(['\n', '\r']) { s.replace(['\n', '\r'], " ") } else { s };
    (one_line(head), one_line(tail))
}

/// Calls `f(part, in_head, first_of_head)` for each part of an item's text,
/// head first, in the order [`item_parts`] joins them (each part but the
/// head's first follows a [`SEPARATOR`]).
fn for_each_part<R: Reports + ?Sized>(reports: &R, item: &Item, mut f: impl FnMut(&str, bool, bool)) {
    // A quote's item reads the quote; the others only the report's outline.
    let r = match item.kind {
        Kind::Quote => reports.report(item.report as usize),
        Kind::Speaker | Kind::Report => reports.outline(item.report as usize),
    };
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
    for (k, part) in primary.iter().enumerate() {
        f(part, true, k == 0);
    }
    for part in rest {
        f(part, false, false);
    }
}

/// The text an item is searched and shown by, and how many of its characters
/// are the head.
pub fn item_text<R: Reports + ?Sized>(reports: &R, item: &Item) -> (String, usize) {
    let (head, rest) = item_parts(reports, item);
    let head_chars = head.chars().count();
    (head + &rest, head_chars)
}

/// Every searchable item of a library: each report, then its speakers, then its quotes.
pub fn list_items(reports: &[Report]) -> Vec<Item> {
    let mut items = Vec::new();
    for (ri, r) in reports.iter().enumerate() {
        push_items(&mut items, ri as u32, r);
    }
    items
}

/// The items of report `r` (number `ri`), in the order [`list_items`] lists them.
pub(super) fn push_items(items: &mut Vec<Item>, ri: u32, r: &Report) {
    items.push(Item { kind: Kind::Report, report: ri, speaker: None, quote: None });
    for si in 0..r.speakers.len() {
        items.push(Item { kind: Kind::Speaker, report: ri, speaker: Some(si as u32), quote: None });
    }
    for (qi, q) in r.quotes.iter().enumerate() {
        let speaker = r.speakers.iter().position(|s| s.id == q.speaker).map(|s| s as u32);
        items.push(Item { kind: Kind::Quote, report: ri, speaker, quote: Some(qi as u32) });
    }
}

/// The posting bytes: built in memory, or read in place from a stored
/// index's file mapped into memory (the largest part of an index, not copied).
#[derive(Clone)]
pub(crate) enum PostingBytes {
    Owned(Vec<u8>),
    Mapped(std::sync::Arc<memmap2::Mmap>, std::ops::Range<usize>),
}

impl Default for PostingBytes {
    fn default() -> Self {
        PostingBytes::Owned(Vec::new())
    }
}

impl std::ops::Deref for PostingBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            PostingBytes::Owned(v) => v,
            PostingBytes::Mapped(map, range) => &map[range.clone()],
        }
    }
}

impl std::fmt::Debug for PostingBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} posting bytes", self.len())
    }
}

impl PartialEq for PostingBytes {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl PostingBytes {
    fn extend_from_slice(&mut self, bytes: &[u8]) {
        match self {
            PostingBytes::Owned(v) => v.extend_from_slice(bytes),
            PostingBytes::Mapped(..) => *self = PostingBytes::Owned([&**self, bytes].concat()),
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            PostingBytes::Owned(v) => v.capacity(),
            PostingBytes::Mapped(..) => 0,
        }
    }
}

const NO_WORD: u32 = u32::MAX;
/// Items per parallel folding batch: bounds the memory the build holds at once.
const BATCH: usize = 4096;

pub struct Index {
    pub items: Vec<Item>,
    /// Folded length of each item's head, for ranking ties.
    head_len: Vec<u32>,
    /// First and last word of each item's head, for `^prefix` and `suffix$`.
    first_word: Vec<u32>,
    last_word: Vec<u32>,
    pub(super) words: Vec<Box<str>>,
    pub(super) masks: Vec<u64>,
    /// Per word, the items containing it: varint deltas, the low bit marking
    /// an occurrence in the item's head.
    postings: PostingBytes,
    posting_starts: Vec<u32>,
    /// Spellings with capital letters and their lower-case word, for smart case.
    pub(super) cased: Vec<(Box<str>, u32)>,
    /// The words by stem, for other forms of a term's word.
    pub(super) stems: StemTable,
    /// Only in an index spliced with changed files (`index/splice.rs`).
    pub(super) spliced: Option<Box<Spliced>>,
}

/// What a stored index spliced with its library's changed files has besides
/// it: the items of the new and changed files' reports come after the
/// stored ones, with posting lists of their own; the stored items of
/// changed and removed files stay, dead.
pub(super) struct Spliced {
    /// Per word (one more than the words), where its list of the added items
    /// starts in `postings`.
    pub(super) starts: Vec<u32>,
    pub(super) postings: Vec<u8>,
    /// Items no search may find (their files changed or went).
    pub(super) dead: Vec<bool>,
    /// Each item's place in the library as loaded whole: ties rank in it,
    /// as they do in an index built from the files.
    pub(super) order: Vec<u32>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index {{ {} items, {} words }}", self.items.len(), self.words.len())
    }
}

/// Letters and digits present in a word, as bits: a term can only match a
/// word whose mask contains the term's.
pub fn mask(word: &str) -> u64 {
    word.bytes().fold(0, |m, b| match b {
        b'a'..=b'z' => m | 1 << (b - b'a'),
        b'0'..=b'9' => m | 1 << (26 + b - b'0'),
        _ => m | 1 << 63,
    })
}

/// A posting list being written.
#[derive(Default)]
struct PostingList {
    bytes: Vec<u8>,
    /// Item of the last posting, plus one (0: none yet).
    last: u32,
}

impl PostingList {
    /// Appends a list whose items all come after this one's: only its first
    /// delta changes (it was counted from zero).
    fn append(&mut self, next: PostingList) {
        let Some((first, head)) = (Postings::of(&next.bytes, u32::MAX)).next() else {
            return;
        };
        let rest = next.bytes.iter().position(|b| b & 0x80 == 0).map_or(next.bytes.len(), |i| i + 1);
        self.push(first, head);
        self.bytes.extend_from_slice(&next.bytes[rest..]);
        self.last = next.last;
    }

    fn push(&mut self, item: u32, head: bool) {
        let delta = item + 1 - self.last;
        self.last = item + 1;
        let mut v = (u64::from(delta) << 1) | u64::from(head);
        loop {
            let byte = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                self.bytes.push(byte);
                break;
            }
            self.bytes.push(byte | 0x80);
        }
    }
}

/// Decodes one word's posting list: `(item, in_head)`, ascending.
#[derive(Clone)]
pub struct Postings<'a> {
    bytes: &'a [u8],
    at: usize,
    item: u32,
    /// Items from here on end the list: a stored index is not decoded whole
    /// when read (too slow for a million quotes), so a list crafted to name
    /// items beyond the index must stop, not index out of bounds.
    limit: u32,
    /// A list to go on with once this one ends, counted afresh: the added
    /// items' list of a spliced index, all after the stored ones.
    then: &'a [u8],
}

impl<'a> Postings<'a> {
    /// The list in `bytes`, ending at item `limit`.
    pub(super) fn of(bytes: &'a [u8], limit: u32) -> Self {
        Postings { bytes, at: 0, item: 0, limit, then: &[] }
    }
}

impl Iterator for Postings<'_> {
    type Item = (u32, bool);
    #[inline]
    fn next(&mut self) -> Option<(u32, bool)> {
        if self.at >= self.bytes.len() && !self.then.is_empty() {
            self.bytes = std::mem::take(&mut self.then);
            self.at = 0;
            self.item = 0;
        }
        // Most deltas of a long list fit one byte.
        if let Some(&b) = self.bytes.get(self.at)
            && b & 0x80 == 0
            && b >= 2
        {
            self.at += 1;
            self.item = self.item.checked_add(u32::from(b >> 1))?;
            return (self.item - 1 < self.limit).then_some((self.item - 1, b & 1 == 1));
        }
        let mut v: u64 = 0;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= u64::from(b & 0x7F) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
            // Longer than any u32 delta: not a list this index wrote (a
            // stored file is checked with this before it is used).
            if shift > 35 {
                return None;
            }
        }
        let delta = u32::try_from(v >> 1).ok().filter(|&d| d > 0)?;
        self.item = self.item.checked_add(delta)?;
        (self.item - 1 < self.limit).then_some((self.item - 1, v & 1 == 1))
    }
}

/// Below this many items an index is built on one core.
const MIN_TO_SPLIT: usize = 20_000;

/// The words of a run of items, with their posting lists (items numbered
/// from the library's first).
struct Vocabulary {
    words: Vec<Box<str>>,
    ids: FastMap<Box<str>, u32>,
    lists: Vec<PostingList>,
    /// Spellings with capital letters and their word.
    cased: FastMap<Box<str>, u32>,
    head_len: Vec<u32>,
    first_word: Vec<u32>,
    last_word: Vec<u32>,
}

impl Vocabulary {
    /// Items `items`, the `k`th of which is item `number(k)` of the library
    /// (ascending).
    fn build(
        reports: &[Report],
        items: &[Item],
        number: &impl Fn(usize) -> u32,
        stop: &impl Fn() -> bool,
    ) -> Option<Vocabulary> {
        let n = items.len();
        let mut v = Vocabulary {
            words: Vec::new(),
            // foldhash is fast and randomly seeded, so files crafted to
            // collide cannot make hashing quadratic.
            ids: FastMap::default(),
            lists: Vec::new(),
            cased: FastMap::default(),
            head_len: Vec::with_capacity(n),
            first_word: Vec::with_capacity(n),
            last_word: Vec::with_capacity(n),
        };
        // The last item each word was posted for: one posting per word and
        // item, and since an item's head comes before its rest, the first
        // occurrence says whether the word is in the head.
        let mut posted_for: Vec<u32> = Vec::new();
        let mut lower = String::new();
        for (batch_no, batch) in items.chunks(BATCH).enumerate() {
            if stop() {
                return None;
            }
            // Folding is the costly part: both cores share it.
            let folded: Vec<(String, usize)> = batch
                .par_iter()
                .map(|it| {
                    let (head, rest) = item_parts(reports, it);
                    let mut text = fold_cased(&head);
                    let head_len = text.len();
                    text.push_str(&fold_cased(&rest));
                    (text, head_len)
                })
                .collect();
            for (k, (text, head_len)) in folded.iter().enumerate() {
                let item = number(batch_no * BATCH + k);
                let (mut first, mut last) = (NO_WORD, NO_WORD);
                // Words, and compounds of joined words ("1,370" is also "1370").
                for_each_token(text, |at, w, compound| {
                    let has_upper = w.bytes().any(|b| b.is_ascii_uppercase());
                    let key: &str = if has_upper {
                        lower.clear();
                        lower.extend(w.chars().map(|c| c.to_ascii_lowercase()));
                        &lower
                    } else {
                        w
                    };
                    let id = match v.ids.get(key) {
                        Some(&id) => id,
                        None => {
                            let id = v.words.len() as u32;
                            v.words.push(key.into());
                            v.ids.insert(key.into(), id);
                            v.lists.push(PostingList::default());
                            posted_for.push(u32::MAX);
                            id
                        }
                    };
                    if has_upper && !v.cased.contains_key(w) {
                        v.cased.insert(w.into(), id);
                    }
                    let in_head = at < *head_len;
                    if in_head && !compound {
                        if first == NO_WORD {
                            first = id;
                        }
                        last = id;
                    }
                    if posted_for[id as usize] != item {
                        posted_for[id as usize] = item;
                        v.lists[id as usize].push(item, in_head);
                    }
                });
                v.head_len.push(*head_len as u32);
                v.first_word.push(first);
                v.last_word.push(last);
            }
        }
        Some(v)
    }

    /// Appends the vocabulary of the items that follow this one's: the
    /// result is what one pass over both would have built.
    fn merge(&mut self, next: Vocabulary) {
        let mut remap = Vec::with_capacity(next.words.len());
        for word in next.words {
            let id = match self.ids.get(&word) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.ids.insert(word.clone(), id);
                    self.words.push(word);
                    self.lists.push(PostingList::default());
                    id
                }
            };
            remap.push(id);
        }
        for (list, &id) in next.lists.into_iter().zip(&remap) {
            self.lists[id as usize].append(list);
        }
        for (spelling, id) in next.cased {
            self.cased.entry(spelling).or_insert(remap[id as usize]);
        }
        let map = |w: u32| if w == NO_WORD { NO_WORD } else { remap[w as usize] };
        self.head_len.extend(next.head_len);
        self.first_word.extend(next.first_word.into_iter().map(map));
        self.last_word.extend(next.last_word.into_iter().map(map));
    }
}

impl Index {
    pub fn build(reports: &[Report]) -> Index {
        Self::build_unless(reports, || false).expect("never stopped")
    }

    /// Like [`Index::build`], giving up (`None`) as soon as `stop` says so
    /// between batches: a reader whose library grew while it loads wants the
    /// newest index, not the one it started.
    pub fn build_unless(reports: &[Report], stop: impl Fn() -> bool + Sync) -> Option<Index> {
        let items = list_items(reports);
        // Hashing every word is the costly sequential part: each half of the
        // items gets its own vocabulary on its own core, then the second is
        // merged into the first (small next to the words hashed).
        let half = if items.len() >= MIN_TO_SPLIT { items.len() / 2 } else { items.len() };
        Self::build_split(reports, items, half, &stop)
    }

    /// The index built from two halves split at `at`: the same index whatever
    /// `at` is (a test holds it to that).
    fn build_split(
        reports: &[Report],
        items: Vec<Item>,
        at: usize,
        stop: &(impl Fn() -> bool + Sync),
    ) -> Option<Index> {
        let (first, second) = rayon::join(
            || Vocabulary::build(reports, &items[..at], &|k| k as u32, stop),
            || Vocabulary::build(reports, &items[at..], &|k| (at + k) as u32, stop),
        );
        let mut v = first?;
        v.merge(second?);
        let mut index = Index {
            items,
            head_len: v.head_len,
            first_word: v.first_word,
            last_word: v.last_word,
            masks: v.words.iter().map(|w| mask(w)).collect(),
            words: v.words,
            postings: PostingBytes::Owned(Vec::with_capacity(v.lists.iter().map(|l| l.bytes.len()).sum())),
            posting_starts: Vec::with_capacity(v.lists.len() + 1),
            cased: v.cased.into_iter().collect(),
            stems: StemTable::default(),
            spliced: None,
        };
        index.stems = StemTable::build(&index.words);
        for list in v.lists {
            index.posting_starts.push(index.postings.len() as u32);
            index.postings.extend_from_slice(&list.bytes);
        }
        index.posting_starts.push(index.postings.len() as u32);
        index.cased.sort_unstable();
        Some(index)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn postings(&self, word: u32) -> Postings<'_> {
        let w = word as usize;
        // Words added by a splice have no stored list.
        let (a, b) = match (self.posting_starts.get(w), self.posting_starts.get(w + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        };
        let then = match &self.spliced {
            Some(s) => &s.postings[s.starts[w] as usize..s.starts[w + 1] as usize],
            None => &[],
        };
        Postings { then, ..Postings::of(&self.postings[a..b], self.items.len() as u32) }
    }

    /// The bytes of word `word`'s posting lists (what reading them costs).
    pub fn posting_len(&self, word: u32) -> usize {
        let w = word as usize;
        let stored = match (self.posting_starts.get(w), self.posting_starts.get(w + 1)) {
            (Some(&a), Some(&b)) => (b as usize).saturating_sub(a as usize),
            _ => 0,
        };
        let spliced = self.spliced.as_ref().map_or(0, |s| (s.starts[w + 1] - s.starts[w]) as usize);
        stored + spliced
    }

    /// Whether a search may find item `i` (not one of a changed file).
    pub fn is_live(&self, i: usize) -> bool {
        self.spliced.as_ref().is_none_or(|s| !s.dead[i])
    }

    /// Item `i`'s place in the library's order, which breaks ties in ranking.
    pub fn position(&self, i: u32) -> u32 {
        self.spliced.as_ref().map_or(i, |s| s.order[i as usize])
    }

    /// Whether this index was spliced with changed files (and is not one to keep).
    pub fn is_spliced(&self) -> bool {
        self.spliced.is_some()
    }

    pub fn head_len(&self, item: usize) -> usize {
        self.head_len[item] as usize
    }

    pub fn first_word(&self, item: usize) -> Option<&str> {
        self.words.get(self.first_word[item] as usize).map(|w| &**w)
    }

    pub fn last_word(&self, item: usize) -> Option<&str> {
        self.words.get(self.last_word[item] as usize).map(|w| &**w)
    }

    /// An item's whole text folded to lower case, made again on demand.
    pub fn folded_text<R: Reports + ?Sized>(&self, reports: &R, item: usize) -> String {
        fold(&item_text(reports, &self.items[item]).0)
    }

    /// An item's whole text folded to lower case into `buf` (cleared first),
    /// as [`Index::folded`] makes it, without allocating; returns the bytes
    /// of its head.
    pub fn folded_into<R: Reports + ?Sized>(&self, reports: &R, item: usize, buf: &mut String) -> usize {
        buf.clear();
        // Set at the first part of the rest (a head may fold to nothing).
        let mut head_len: Option<usize> = None;
        for_each_part(reports, &self.items[item], |part, in_head, first| {
            if !in_head && head_len.is_none() {
                head_len = Some(buf.len());
            }
            if !first {
                fold_into(buf, SEPARATOR);
            }
            fold_into(buf, part);
        });
        head_len.unwrap_or(buf.len())
    }

    /// An item's whole text folded to lower case and the bytes of its head.
    pub fn folded<R: Reports + ?Sized>(&self, reports: &R, item: usize) -> (String, usize) {
        let (head, rest) = item_parts(reports, &self.items[item]);
        let mut text = fold(&head);
        let head_len = text.len();
        text.push_str(&fold(&rest));
        (text, head_len)
    }

    pub fn vocabulary_len(&self) -> usize {
        self.words.len()
    }

    /// Approximate heap bytes held, for the memory benchmark.
    pub fn heap_bytes(&self) -> usize {
        self.items.capacity() * std::mem::size_of::<Item>()
            + (self.head_len.capacity() + self.first_word.capacity() + self.last_word.capacity()) * 4
            + self.words.iter().map(|w| w.len() + 16).sum::<usize>()
            + self.masks.capacity() * 8
            + self.postings.heap_bytes()
            + self.posting_starts.capacity() * 4
            + self.cased.iter().map(|(w, _)| w.len() + 24).sum::<usize>()
            + self.stems.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_built_in_two_halves_is_the_index_built_in_one() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/igf2015-child-online-protection.yaml"
        ))
        .unwrap();
        let mut reports = Vec::new();
        // Variations so that the halves share some words and not others.
        for (i, extra) in ["", "Zebra Quokka", "quokka ÉCOLE", "x", "Teachers TEACHERS teachers"].iter().enumerate() {
            let t = text.replace("title: ", &format!("title: {extra} ")).replace("id: igf", &format!("id: v{i}-igf"));
            let out = crate::load::parse_file(std::path::Path::new("v.yaml"), "v", t.as_bytes());
            reports.extend(out.reports.into_iter().map(|p| p.report));
        }
        let items = list_items(&reports);
        let whole = Index::build_split(&reports, items.clone(), items.len(), &|| false).unwrap();
        let parts = |i: &Index| {
            (
                i.words.clone(),
                i.masks.clone(),
                i.postings.clone(),
                i.posting_starts.clone(),
                i.cased.clone(),
                i.head_len.clone(),
                i.first_word.clone(),
                i.last_word.clone(),
            )
        };
        for at in [0, 1, 7, items.len() / 2, items.len() - 1] {
            let split = Index::build_split(&reports, items.clone(), at, &|| false).unwrap();
            assert!(parts(&split) == parts(&whole), "split at {at} of {}", items.len());
        }
    }

    #[test]
    fn appended_posting_lists_decode_as_one() {
        let (mut a, mut b) = (PostingList::default(), PostingList::default());
        a.push(3, false);
        a.push(900, true);
        b.push(1_000, true);
        b.push(70_000, false);
        a.append(b);
        a.append(PostingList::default());
        let decoded: Vec<(u32, bool)> = Postings::of(&a.bytes, u32::MAX).collect();
        assert_eq!(decoded, [(3, false), (900, true), (1_000, true), (70_000, false)]);
        let mut empty = PostingList::default();
        let mut c = PostingList::default();
        c.push(5, true);
        empty.append(c);
        empty.push(6, false);
        assert_eq!(Postings::of(&empty.bytes, u32::MAX).collect::<Vec<_>>(), [(5, true), (6, false)]);
    }

    #[test]
    fn postings_round_trip() {
        let mut list = PostingList::default();
        let items = [(0, true), (1, false), (200, true), (70_000, false), (u32::MAX - 2, true)];
        for &(i, h) in &items {
            list.push(i, h);
        }
        let decoded: Vec<(u32, bool)> = Postings::of(&list.bytes, u32::MAX).collect();
        assert_eq!(decoded, items);
    }
}
