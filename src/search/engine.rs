//! Running a query against the index: word-level candidates from the
//! vocabulary (scored by SkimMatcherV2, word stems and one-typo rules), the
//! best alternative of each `|` group, groups intersected, filtered, then the
//! best few ranked in full.

use super::accumulate::best_scores;
use super::aliases::Aliases;
use super::fields::FoldedFields;
use super::fold::{
    ACROSS_MIN_PIECE, ACROSS_MIN_START, find_across, find_consecutive, fold_cased, for_each_token, joined, parts, words,
};
use super::index::{Index, Item, Kind, item_parts, mask};
use super::name::is_anonymous;
use super::query::{Field, Match, Query, Term};
use super::reports::Reports;
use super::stem::{has_stem, stem};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Index::items`.
    pub item: u32,
    pub score: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// Every item that matched, of which `hits` are the best.
    pub total: usize,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub limit: usize,
    /// Only these kinds (all when `None`).
    pub kind: Option<Kind>,
    /// The configuration's `[people]`: `speaker:` finds a person by any of their names.
    pub aliases: Arc<Aliases>,
}

impl Default for Options {
    fn default() -> Self {
        Options { limit: 200, kind: None, aliases: Arc::default() }
    }
}

/// Word scores by kind of match, each below the one before whatever the
/// length (a word in an item's head counts twice); within a kind,
/// SkimMatcherV2's score decides.
const WHOLE_WORD: u32 = 4_000;
const WORD_PREFIX: u32 = 3_000;
/// Another form of the word: "moderating" for `moderate`.
pub(super) const STEM: u32 = 2_500;
pub(super) const IN_WORD: u32 = 2_000;
/// Across adjacent words ("São Paulo" for `saopaulo`, "we're" for `were`):
/// only in an item with no word that has the term inside it, in full or as
/// another form.
pub(super) const ACROSS_WORDS: u32 = 1_950;
const SCATTERED: u32 = 1_000;
const ONE_TYPO: u32 = 800;
pub(super) const EXACT_PHRASE: u32 = 3_000;
/// The fewest letters a fuzzy term needs to match inside a word or with
/// letters scattered; shorter, it matches whole words and word starts.
pub(super) const MIN_INSIDE: usize = 3;
/// A typo counts in words of this many letters or more, term and word alike
/// ("other" is not a misspelled `mother`).
const TYPO_MIN_LEN: usize = 5;
/// The fewest letters a term needs to be matched across words.
pub(super) const ACROSS_MIN_LEN: usize = 4;
/// Ways of cutting a term into words beyond which every item still in is
/// checked instead (only a crafted vocabulary of tiny words gets there).
const MAX_CUTS: usize = 256;
/// How many candidates get the full ranking (order and closeness of terms).
const RERANK: usize = 300;

/// Runs queries against one index, remembering each term's matching words so
/// that typing one more letter only re-scores the words that matched before.
pub struct Searcher {
    pub index: Arc<Index>,
    matcher: SkimMatcherV2,
    words_of_term: HashMap<String, Arc<Vec<(u32, u32)>>>,
    /// The words of the terms of the query being run: the cache above may be
    /// cleared while it runs, and ranking reads them at the end.
    this_query: HashMap<String, Arc<Vec<(u32, u32)>>>,
    /// Field values folded for filters, per field asked.
    fields: Vec<Arc<FoldedFields>>,
}

impl Searcher {
    pub fn new(index: Arc<Index>) -> Self {
        Searcher {
            index,
            matcher: SkimMatcherV2::default().ignore_case(),
            words_of_term: HashMap::new(),
            this_query: HashMap::new(),
            fields: Vec::new(),
        }
    }

    pub fn search<R: Reports + ?Sized>(&mut self, reports: &R, query: &Query, opts: &Options) -> Results {
        let index = Arc::clone(&self.index);
        let n = index.len();
        if query.is_empty() || n == 0 {
            return Results::default();
        }
        self.this_query.clear();
        // score[i] == 0 means "out"; each group adds its best alternative.
        let mut score: Vec<u32> = (index.items.iter().enumerate())
            .map(|(i, it)| u32::from(opts.kind.is_none_or(|k| k == it.kind) && index.is_live(i)))
            .collect();
        filter_only_bonus(&index.items, query, &mut score);
        // Filters first: they leave fewer items for the costlier terms.
        let mut groups: Vec<&[Term]> = query.groups().collect();
        groups.sort_by_key(|g| g.iter().any(|t| t.field.is_none()));
        // Groups of one case-sensitive term, checked exactly only on the hits shown.
        let mut cased: Vec<&Term> = Vec::new();
        for group in groups {
            let several = group.len() > 1;
            let alternatives: Vec<Vec<u32>> = group
                .iter()
                .map(|t| {
                    let mut s = self.alternative(reports, t, &score, &opts.aliases);
                    if several && t.case_sensitive && is_positive_text(t) {
                        // Among alternatives, exactly at once, so that the best
                        // one that really matches is the one that counts.
                        use rayon::prelude::*;
                        s.par_iter_mut().enumerate().filter(|(_, s)| **s > 0).for_each(|(i, s)| {
                            let (head, rest) = item_parts(reports, &index.items[i]);
                            let mut text = fold_cased(&head);
                            let head_len = text.len();
                            text.push_str(&fold_cased(&rest));
                            if !cased_match(&text, head_len, t) {
                                *s = 0;
                            }
                        });
                    }
                    s
                })
                .collect();
            let add = |sc: &mut u32, best: u32| *sc = if *sc == 0 || best == 0 { 0 } else { *sc + best };
            match &alternatives[..] {
                // The common case, without a maximum per item.
                [one] => score.iter_mut().zip(one).for_each(|(sc, &b)| add(sc, b)),
                _ => {
                    for (i, sc) in score.iter_mut().enumerate() {
                        add(sc, alternatives.iter().map(|a| a[i]).max().unwrap_or(0));
                    }
                }
            }
            if !several && group[0].case_sensitive && is_positive_text(&group[0]) {
                cased.push(&group[0]);
            }
        }

        let matched: Vec<HashSet<String>> = query
            .positive()
            .map(|t| match self.this_query.get(&term_key(t.kind, &t.folded)) {
                Some(ws) => ws.iter().map(|&(w, _)| index.words[w as usize].to_string()).collect(),
                None => HashSet::new(),
            })
            .collect();
        let head_len = |i: u32| index.head_len(i as usize);
        let text = |i: u32| index.folded_text(reports, i as usize);
        let matches = |k: usize, w: &str| matched[k].contains(w);
        let kind = |i: u32| index.items[i as usize].kind;
        let position = |i: u32| index.position(i);
        let (mut hits, mut total) = rank(&score, query, opts, matches, (kind, head_len, position), text);
        if !cased.is_empty() {
            // The exact check, on the hits that will be shown.
            let mut shown = Vec::with_capacity(opts.limit.min(hits.len()));
            for h in hits {
                if shown.len() == opts.limit {
                    break;
                }
                let (head, rest) = item_parts(reports, &index.items[h.item as usize]);
                let mut text = fold_cased(&head);
                let head_len = text.len();
                text.push_str(&fold_cased(&rest));
                if cased.iter().all(|t| cased_match(&text, head_len, t)) {
                    shown.push(h);
                } else {
                    total -= 1;
                }
            }
            hits = shown;
        }
        hits.truncate(opts.limit);
        Results { hits, total }
    }

    /// One alternative's score for each item still in (0: no match). Field
    /// filters and exclusions score 1 where they let an item through.
    fn alternative<R: Reports + ?Sized>(
        &mut self,
        reports: &R,
        term: &Term,
        alive: &[u32],
        aliases: &Aliases,
    ) -> Vec<u32> {
        let index = Arc::clone(&self.index);
        if let Some(field) = term.field {
            let folded = self.folded_fields(reports, field);
            return field_keep(&index.items, reports, term, aliases, alive, &folded)
                .into_iter()
                .map(u32::from)
                .collect();
        }
        if term.negated {
            let positive = Term { negated: false, ..term.clone() };
            let hit = self.term_filter(reports, &positive, alive);
            return alive.iter().zip(hit).map(|(&a, h)| u32::from(a > 0 && !h)).collect();
        }
        let mut score = if is_word(&term.folded) && matches!(term.kind, Match::Fuzzy | Match::Exact) {
            let words = self.words_for(term.kind, &term.folded);
            let across = across_applies(term);
            // Items with the term inside a word (or another form of it): only
            // the others may match across words.
            let (mut best, inside) = best_scores(&index, &words, across.then_some(IN_WORD));
            if across {
                let open: Vec<bool> = alive.iter().zip(&inside).map(|(&a, &i)| a > 0 && !i).collect();
                for (item, head) in self.across_words(reports, &term.folded, &open) {
                    let b = &mut best[item as usize];
                    *b = (*b).max(if head { ACROSS_WORDS * 2 } else { ACROSS_WORDS });
                }
            }
            best
        } else {
            let keep = self.term_filter(reports, term, alive);
            keep.into_iter().map(|k| if k { EXACT_PHRASE } else { 0 }).collect()
        };
        if term.case_sensitive {
            // Smart case, first by words: only items with, for each part of the
            // term with a capital, a word spelled to match it somewhere.
            let whole = parts(&term.cased).nth(1).is_none();
            for part in parts(&term.cased).filter(|p| p.bytes().any(|b| b.is_ascii_uppercase())) {
                // A part of several is somewhere inside a word.
                let allowed = self.cased_words(part, if whole { term.kind } else { Match::Exact });
                let mut has = vec![false; index.len()];
                for &w in &allowed {
                    for (item, _) in index.postings(w) {
                        has[item as usize] = true;
                    }
                }
                for (sc, h) in score.iter_mut().zip(has) {
                    if !h {
                        *sc = 0;
                    }
                }
            }
        }
        score
    }

    /// The items of `open` where a term runs across adjacent words, and
    /// whether it starts in the item's head. Candidates come from the
    /// vocabulary: the term cut into whole words and the start of one more,
    /// each cut giving the items with all those words; each is then checked.
    fn across_words<R: Reports + ?Sized>(&self, reports: &R, t: &str, open: &[bool]) -> Vec<(u32, bool)> {
        let index = &self.index;
        let n = index.len();
        let tb = t.as_bytes();
        // whole[p]: words spelled by t[p..] and ending before it does;
        // last[p]: words starting with all of t[p..] (p > 0), as find_across
        // takes them.
        let mut whole: Vec<Vec<u32>> = vec![Vec::new(); t.len()];
        let mut last: Vec<Vec<u32>> = vec![Vec::new(); t.len()];
        for (id, w) in index.words.iter().enumerate() {
            let Some(&first) = w.as_bytes().first() else { continue };
            for p in (0..t.len()).filter(|&p| tb[p] == first) {
                let rest = &t[p..];
                if w.len() < rest.len() {
                    if w.len() >= ACROSS_MIN_PIECE && rest.starts_with(&**w) {
                        whole[p].push(id as u32);
                    }
                } else if p > 0 && w.starts_with(rest) && (rest.len() >= ACROSS_MIN_START || rest.len() == w.len()) {
                    last[p].push(id as u32);
                }
            }
        }
        // Where a cut can still be finished from: a last piece there, or a
        // whole word to a place it can. Only those places are walked, so every
        // path walked ends in a cut and MAX_CUTS bounds the walk.
        let mut finishes = vec![false; t.len() + 1];
        for p in (0..t.len()).rev() {
            finishes[p] = !last[p].is_empty() || whole[p].iter().any(|&w| finishes[p + index.words[w as usize].len()]);
        }
        // Every cut: whole words from the start, then a last piece.
        let mut cuts: Vec<(Vec<u32>, usize)> = Vec::new();
        let mut stack: Vec<(usize, Vec<u32>)> = vec![(0, Vec::new())];
        let mut overflow = false;
        while let Some((p, path)) = stack.pop() {
            for &w in &whole[p] {
                let q = p + index.words[w as usize].len();
                if !finishes[q] {
                    continue;
                }
                let mut next = path.clone();
                next.push(w);
                if !last[q].is_empty() {
                    cuts.push((next.clone(), q));
                }
                stack.push((q, next));
            }
            if cuts.len() + stack.len() > MAX_CUTS {
                overflow = true;
                break;
            }
        }
        let mut candidate = vec![false; n];
        if overflow {
            candidate.copy_from_slice(open);
        } else {
            // Decoded once per call: cuts share their words ("in", "the").
            let mut decoded: HashMap<u32, Vec<u32>> = HashMap::new();
            let mut ends: HashMap<usize, Vec<bool>> = HashMap::new();
            for (path, q) in cuts {
                let end = ends.entry(q).or_insert_with(|| {
                    let mut has = vec![false; n];
                    for &w in &last[q] {
                        for (item, _) in index.postings(w) {
                            has[item as usize] = true;
                        }
                    }
                    has
                });
                for &w in &path {
                    decoded.entry(w).or_insert_with(|| index.postings(w).map(|(i, _)| i).collect());
                }
                // The items with every word of the cut: the rarest list first,
                // narrowed by each other (both ascending).
                let mut lists: Vec<&Vec<u32>> = path.iter().map(|w| &decoded[w]).collect();
                lists.sort_by_key(|l| l.len());
                let mut items: Vec<u32> = lists[0].clone();
                for other in &lists[1..] {
                    let mut k = 0;
                    items.retain(|&i| {
                        while k < other.len() && other[k] < i {
                            k += 1;
                        }
                        k < other.len() && other[k] == i
                    });
                }
                for i in items {
                    let i = i as usize;
                    candidate[i] |= open[i] && end[i];
                }
            }
        }
        use rayon::prelude::*;
        let candidates: Vec<usize> = (0..n).filter(|&i| candidate[i]).collect();
        candidates
            .par_iter()
            .map_init(String::new, |text, &i| {
                let head_len = index.folded_into(reports, i, text);
                find_across(text, t).map(|(start, _)| (i as u32, start < head_len))
            })
            .flatten()
            .collect()
    }

    /// Which items (of those still in) a term matches on its own, for terms
    /// the vocabulary cannot answer alone: prefixes, suffixes and phrases
    /// with punctuation.
    fn term_filter<R: Reports + ?Sized>(&mut self, reports: &R, term: &Term, score: &[u32]) -> Vec<bool> {
        let index = Arc::clone(&self.index);
        let edge = |c: char| !c.is_ascii_alphanumeric();
        let t = term.folded.trim_matches(edge);
        let alive = |i: usize| score[i] > 0;
        match term.kind {
            Match::Prefix if is_word(t) => {
                (0..index.len()).map(|i| alive(i) && index.first_word(i).is_some_and(|w| w.starts_with(t))).collect()
            }
            Match::Suffix if is_word(t) => {
                (0..index.len()).map(|i| alive(i) && index.last_word(i).is_some_and(|w| w.ends_with(t))).collect()
            }
            Match::Exact | Match::Fuzzy if is_word(&term.folded) => {
                let mut hit = vec![false; index.len()];
                for &(w, _) in self.words_for(Match::Exact, &term.folded).iter() {
                    for (item, _) in index.postings(w) {
                        hit[item as usize] = true;
                    }
                }
                hit
            }
            _ => {
                // Narrow by the term's words first, then check the text itself.
                let mut candidate: Vec<bool> = (0..index.len()).map(alive).collect();
                for part in parts(t) {
                    let mut has = vec![false; index.len()];
                    for &(w, _) in self.words_for(Match::Exact, part).iter() {
                        for (item, _) in index.postings(w) {
                            has[item as usize] = true;
                        }
                    }
                    candidate.iter_mut().zip(has).for_each(|(c, h)| *c &= h);
                }
                (0..index.len())
                    .map(|i| {
                        candidate[i] && {
                            let (text, head_len) = index.folded(reports, i);
                            text_matches(&text, head_len, term)
                        }
                    })
                    .collect()
            }
        }
    }

    /// The values a filter on `field` compares, folded on its first use: a
    /// searcher serves one library.
    fn folded_fields<R: Reports + ?Sized>(&mut self, reports: &R, field: Field) -> Arc<FoldedFields> {
        if let Some(f) = self.fields.iter().find(|f| f.field == field) {
            return Arc::clone(f);
        }
        let f = Arc::new(FoldedFields::new(reports, field));
        self.fields.push(Arc::clone(&f));
        f
    }

    /// Vocabulary words matching a one-word term, with their scores. Reuses
    /// the words of a shorter term that this one extends.
    fn words_for(&mut self, kind: Match, t: &str) -> Arc<Vec<(u32, u32)>> {
        let key = term_key(kind, t);
        if let Some(hit) = self.words_of_term.get(&key) {
            let hit = Arc::clone(hit);
            self.this_query.insert(key, Arc::clone(&hit));
            return hit;
        }
        let typo_ok = kind == Match::Fuzzy && t.len() >= TYPO_MIN_LEN;
        // A longer term only matches words its prefix matched (letters in
        // order stay in order), unless typos are allowed, which can add words,
        // or the prefix was too short to match inside words or scattered.
        let shortest = if kind == Match::Fuzzy && t.len() >= MIN_INSIDE { MIN_INSIDE } else { 1 };
        let narrowed = (!typo_ok)
            .then(|| {
                (shortest..t.len()).rev().find_map(|cut| self.words_of_term.get(&term_key(kind, &t[..cut]))).cloned()
            })
            .flatten();
        let index = &self.index;
        let tmask = mask(t);
        let matcher = &self.matcher;
        let score_word =
            |w: u32| score_word(&index.words[w as usize], index.masks[w as usize], t, tmask, kind, matcher, None);
        let mut found: Vec<(u32, u32)> = match narrowed {
            Some(prev) => prev.iter().filter_map(|&(w, _)| score_word(w).map(|s| (w, s))).collect(),
            None => (0..index.words.len() as u32).filter_map(|w| score_word(w).map(|s| (w, s))).collect(),
        };
        // Other forms of the word, from the stem table (the narrowing above
        // cannot find them: "moderate" is not in "moderating").
        if let Some(stem) = (kind == Match::Fuzzy).then(|| stem(t)).flatten() {
            let mut forms: HashSet<u32> = index.stems.words(&stem).iter().copied().collect();
            for (w, s) in found.iter_mut() {
                if forms.remove(w) {
                    *s = (*s).max(STEM);
                }
            }
            let mut rest: Vec<u32> = forms.into_iter().collect();
            rest.sort_unstable();
            found.extend(rest.into_iter().map(|w| (w, STEM)));
        }
        let found = Arc::new(found);
        if self.words_of_term.len() > 256 {
            self.words_of_term.clear();
        }
        self.words_of_term.insert(key.clone(), Arc::clone(&found));
        self.this_query.insert(key, Arc::clone(&found));
        found
    }

    /// Lower-case words that have a spelling matching (by `kind`) a
    /// case-sensitive word.
    fn cased_words(&self, t: &str, kind: Match) -> HashSet<u32> {
        let respect = SkimMatcherV2::default().respect_case();
        self.index
            .cased
            .iter()
            .filter(|(w, _)| match kind {
                Match::Exact => w.contains(t),
                Match::Prefix => w.starts_with(t),
                Match::Suffix => w.ends_with(t),
                Match::Fuzzy => fuzzy_in_word(w, t) || (t.len() >= MIN_INSIDE && respect.fuzzy_match(w, t).is_some()),
            })
            .map(|&(_, id)| id)
            .collect()
    }
}

/// The ranking both paths share: the best `RERANK` by score (ties to quotes
/// and speakers before reports, whose long summaries match many words, then
/// to the shorter head, then to the item first in the library: `position`),
/// then a bonus for terms close together and in order.
/// Returns the hits, best first (more than `limit` while smart case may
/// still drop some), and how many items matched.
pub(super) fn rank(
    score: &[u32],
    query: &Query,
    opts: &Options,
    matches: impl Fn(usize, &str) -> bool + Sync,
    (kind, head_len, position): (impl Fn(u32) -> Kind, impl Fn(u32) -> usize, impl Fn(u32) -> u32),
    folded_text: impl Fn(u32) -> String + Sync,
) -> (Vec<Hit>, usize) {
    let keep = RERANK.max(opts.limit);
    let (total, floor) = floor_of_best(score, keep);
    // Only the hits that can be among the best `keep`: those at the floor's
    // score or above (ties at the floor are ranked below).
    let mut hits: Vec<Hit> = (score.iter().enumerate())
        .filter(|(_, s)| **s >= floor && **s > 0)
        .map(|(i, &s)| Hit { item: i as u32, score: s })
        .collect();
    // Ties end in item order: the order of the same hits never depends on
    // which others were ranked with them (smart case drops some in the index).
    let by_rank = |a: &Hit, b: &Hit| {
        b.score
            .cmp(&a.score)
            .then_with(|| (kind(a.item) == Kind::Report).cmp(&(kind(b.item) == Kind::Report)))
            .then_with(|| head_len(a.item).cmp(&head_len(b.item)))
            .then_with(|| position(a.item).cmp(&position(b.item)))
    };
    let keep = keep.min(hits.len());
    if keep < hits.len() {
        hits.select_nth_unstable_by(keep, by_rank);
        hits.truncate(keep);
    }
    hits.sort_unstable_by(by_rank);
    let terms: Vec<&Term> = query.positive().collect();
    if terms.chunk_by(|a, b| a.group == b.group).nth(1).is_some() {
        // On every core: each text may have to be read back from a stored index.
        use rayon::prelude::*;
        let n = hits.len().min(RERANK);
        hits[..n].par_iter_mut().for_each(|h| h.score += closeness(&folded_text(h.item), &terms, &matches));
        hits.sort_unstable_by(by_rank);
    }
    (hits, total)
}

/// How many scores are above 0, and the score of the `keep`-th best of them
/// (0 when fewer): no item below it can be among the best `keep`. One pass
/// without sorting: a million scores, most of them matches of a short term,
/// are too many to collect and sort per keystroke.
fn floor_of_best(score: &[u32], keep: usize) -> (usize, u32) {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut total = 0;
    // The best `keep` scores so far, the lowest on top.
    let mut best: BinaryHeap<Reverse<u32>> = BinaryHeap::with_capacity(keep + 1);
    for &s in score.iter().filter(|&&s| s > 0) {
        total += 1;
        if best.len() < keep {
            best.push(Reverse(s));
        } else if best.peek().is_some_and(|&Reverse(low)| s > low) {
            best.pop();
            best.push(Reverse(s));
        }
    }
    let floor = if best.len() < keep { 0 } else { best.peek().map_or(0, |&Reverse(low)| low) };
    (total, floor)
}

/// Only filters: `speaker:carr` lists the speaker before their quotes,
/// `report:child` the report before its content.
pub(super) fn filter_only_bonus(items: &[Item], query: &Query, score: &mut [u32]) {
    if query.positive().next().is_some() {
        return;
    }
    let natural = |f: Field| match f {
        Field::Speaker | Field::Org => Kind::Speaker,
        Field::Report | Field::Tag | Field::Date => Kind::Report,
    };
    let kinds: Vec<Kind> = query.terms.iter().filter_map(|t| t.field).map(natural).collect();
    for (sc, it) in score.iter_mut().zip(items) {
        if *sc > 0 && kinds.contains(&it.kind) {
            *sc += 2;
        }
    }
}

/// How well a (folded) word matches a one-word term; `None` if it does not.
/// Shared by the index (over its vocabulary, with stems from its table:
/// `stem` is `None` there) and the one-shot scan (`stem`: the term's).
pub(super) fn score_word(
    word: &str,
    word_mask: u64,
    t: &str,
    tmask: u64,
    kind: Match,
    matcher: &SkimMatcherV2,
    stem: Option<&str>,
) -> Option<u32> {
    let letters = letters_score(word, word_mask, t, tmask, kind, matcher);
    match stem {
        Some(stem) if letters.is_none_or(|s| s < STEM) && has_stem(word, stem) => Some(STEM),
        _ => letters,
    }
}

/// [`score_word`] by the letters alone.
fn letters_score(word: &str, word_mask: u64, t: &str, tmask: u64, kind: Match, matcher: &SkimMatcherV2) -> Option<u32> {
    let typo = || (kind == Match::Fuzzy && is_typo(word, t)).then_some(ONE_TYPO);
    if word_mask & tmask != tmask {
        return typo();
    }
    if word == t {
        return Some(WHOLE_WORD + t.len() as u32);
    }
    if word.starts_with(t) {
        return Some(WORD_PREFIX + (100 * t.len() / word.len()) as u32);
    }
    // A letter or two inside a word is in most words: a short fuzzy term
    // means a word or its start (`'o` still asks for any word with an o).
    if (kind == Match::Exact || t.len() >= MIN_INSIDE) && word.contains(t) {
        return Some(IN_WORD + (100 * t.len() / word.len()) as u32);
    }
    if kind == Match::Exact || t.len() < MIN_INSIDE {
        return None;
    }
    match matcher.fuzzy_match(word, t) {
        Some(s) => Some(SCATTERED + s.clamp(0, 900) as u32),
        None => typo(),
    }
}

/// Whether a term may match across words: a fuzzy term of letters and
/// digits, long enough not to be two short words by chance.
pub(super) fn across_applies(term: &Term) -> bool {
    term.kind == Match::Fuzzy && term.folded.len() >= ACROSS_MIN_LEN && is_word(&term.folded)
}

/// Whether a fuzzy one-word term is in a word as its letters in a row: a
/// short one only at the word's start (see [`MIN_INSIDE`]).
pub(super) fn fuzzy_in_word(word: &str, t: &str) -> bool {
    if t.len() >= MIN_INSIDE { word.contains(t) } else { word.starts_with(t) }
}

/// A term that selects text: not a filter, not an exclusion.
pub(super) fn is_positive_text(term: &Term) -> bool {
    !term.negated && term.field.is_none()
}

fn term_key(kind: Match, folded: &str) -> String {
    format!("{kind:?}:{folded}")
}

/// A term made only of letters and digits: the vocabulary can answer it.
pub(super) fn is_word(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether a word is a term typed with one substitution, insertion, deletion
/// or swap of neighbours, the first letter right, both of five letters or
/// more.
pub(super) fn is_typo(word: &str, term: &str) -> bool {
    word.len() >= TYPO_MIN_LEN
        && term.len() >= TYPO_MIN_LEN
        && word.as_bytes()[0] == term.as_bytes()[0]
        && word.len().abs_diff(term.len()) <= 1
        && strsim::damerau_levenshtein(word, term) == 1
}

/// Whether folded text matches a term on its own (exact, prefix, suffix, or
/// fuzzy with punctuation inside); `head_len`: the bytes of the head.
pub(super) fn text_matches(folded: &str, head_len: usize, term: &Term) -> bool {
    spelled_in(folded, head_len, &term.folded, term.kind, false)
}

/// The exact smart-case check on an item's case-kept folded text: the same
/// rules as without case, on the same part of the item (`^` and `$` on the
/// head), with the term as typed.
pub(super) fn cased_match(folded_cased: &str, head_len: usize, term: &Term) -> bool {
    spelled_in(folded_cased, head_len, &term.cased, term.kind, true)
}

/// Whether text (lower-case, or case kept when `case`) has `t` by the rules of
/// `kind`. Words include the compounds of joined words ("1,370" is also "1370").
fn spelled_in(text: &str, head_len: usize, t: &str, kind: Match, case: bool) -> bool {
    // Punctuation at the ends does not count: `them$` and `them.$` both match "…them."
    let edge = |c: char| !c.is_ascii_alphanumeric();
    let head = text.get(..head_len).unwrap_or(text).trim_matches(edge);
    let trimmed = t.trim_matches(edge);
    let any_token = |f: &dyn Fn(&str) -> bool| {
        let mut found = false;
        for_each_token(text, |_, w, _| found = found || f(w));
        found
    };
    match kind {
        Match::Prefix => !trimmed.is_empty() && head.starts_with(trimmed),
        Match::Suffix => !trimmed.is_empty() && head.ends_with(trimmed),
        Match::Exact if is_word(t) => any_token(&|w| w.contains(t)),
        Match::Exact => text.contains(t),
        Match::Fuzzy if is_word(t) => {
            let respect = case.then(|| SkimMatcherV2::default().respect_case());
            any_token(&|w| {
                fuzzy_in_word(w, t)
                    || (t.len() >= MIN_INSIDE && respect.as_ref().is_some_and(|m| m.fuzzy_match(w, t).is_some()))
            })
        }
        // Parts as consecutive words ("obi-nwosu" in "Obi-Nwosu" or "Obi
        // Nwosu"), or joined inside one word ("multi-stakeholder" in
        // "multistakeholder"), unless an apostrophe joins them.
        Match::Fuzzy => {
            find_consecutive(text, t).is_some() || joined(t).is_some_and(|j| any_token(&|w| w.contains(j.as_str())))
        }
    }
}

/// A bonus for terms found close together and in the order typed (for a
/// `|` group, its alternative found first). `matches(k, word)`: whether
/// positive term `k` matched that word when scoring.
fn closeness(folded: &str, terms: &[&Term], matches: impl Fn(usize, &str) -> bool) -> u32 {
    let mut positions = Vec::with_capacity(terms.len());
    let indexed: Vec<(usize, &Term)> = terms.iter().copied().enumerate().collect();
    for group in indexed.chunk_by(|a, b| a.1.group == b.1.group) {
        let at =
            words(folded).position(|(_, w)| group.iter().any(|&(k, t)| matches(k, w) || w.contains(t.folded.as_str())));
        match at {
            Some(p) => positions.push(p),
            None => return 0,
        }
    }
    let in_order = positions.windows(2).filter(|p| p[0] < p[1]).count() as u32;
    let span = positions.iter().max().unwrap_or(&0) - positions.iter().min().unwrap_or(&0);
    let near = if span < 4 * positions.len() {
        300
    } else if span < 12 * positions.len() {
        100
    } else {
        0
    };
    near + 100 * in_order
}

/// Which of the items still in (`alive` > 0) a field filter (`speaker:`,
/// `org:`, `report:`, `tag:`, `date:`) lets through. `speaker:` matches a name or id by substring, and a
/// person by identity: `speaker:"Dr Vinton G. Cerf"` finds "Vinton Cerf", and
/// with an alias `speaker:"Vint Cerf"` does too (see [`Aliases::identify`]).
pub(super) fn field_keep<R: Reports + ?Sized>(
    items: &[Item],
    reports: &R,
    term: &Term,
    aliases: &Aliases,
    alive: &[u32],
    folded: &FoldedFields,
) -> Vec<bool> {
    let field = term.field.unwrap_or(Field::Report);
    reports.prepare_fields();
    let substring = |folded: &str| -> bool {
        match (field, term.kind) {
            (Field::Date, Match::Fuzzy) | (_, Match::Prefix) => folded.starts_with(&term.folded),
            (_, Match::Suffix) => folded.ends_with(&term.folded),
            // Scattered letters over a whole name or title match too much:
            // a field filter is a substring, as people expect of a filter.
            (_, Match::Exact) | (_, Match::Fuzzy) => folded.contains(&term.folded),
        }
    };
    let hit = |folded: &str| -> bool { substring(folded) != term.negated };
    let person = (field == Field::Speaker && matches!(term.kind, Match::Fuzzy | Match::Exact))
        .then(|| PersonTerm::new(&term.cased, aliases))
        .flatten();
    let report_ok: Vec<bool> = (0..reports.count())
        .map(|r| {
            let mut values = folded.of(r, 0);
            match field {
                Field::Report | Field::Date => values.any(hit),
                Field::Tag => {
                    if term.negated {
                        values.all(hit)
                    } else {
                        values.any(hit)
                    }
                }
                Field::Speaker | Field::Org => true,
            }
        })
        .collect();
    let speaker_ok = |ri: usize, si: Option<u32>| -> bool {
        // An item with no speaker (a report) has none to exclude: `!speaker:carr` keeps it.
        let Some(si) = si else { return term.negated };
        let mut values = folded.of(ri, si as usize);
        match (field, values.next(), values.next(), values.next()) {
            (Field::Speaker, Some(name), Some(id), Some(folded_person)) => {
                let found = substring(name)
                    || substring(id)
                    || person.as_ref().is_some_and(|p| {
                        let s = &reports.fields(ri).speakers[si as usize];
                        let folded_person = s.person.is_some().then_some(folded_person);
                        p.is(s.person.as_deref(), &s.name, name, folded_person, aliases)
                    });
                found != term.negated
            }
            (Field::Org, Some(org), None, _) => hit(org),
            (Field::Speaker | Field::Org, ..) => term.negated,
            _ => true,
        }
    };
    // Each speaker's answer, worked out once for all their items: a report's
    // own at `first[report]`, its speakers' after it (0: not yet, 1: no, 2: yes).
    let by_speaker = matches!(field, Field::Speaker | Field::Org);
    let mut first = Vec::with_capacity(if by_speaker { reports.count() + 1 } else { 0 });
    if by_speaker {
        let mut at = 0;
        for r in 0..reports.count() {
            first.push(at);
            at += 1 + reports.fields(r).speakers.len();
        }
        first.push(at);
    }
    let mut answers = vec![0u8; first.last().copied().unwrap_or(0)];
    items
        .iter()
        .zip(alive)
        .map(|(it, &a)| {
            a > 0
                && report_ok[it.report as usize]
                && (!by_speaker || {
                    let slot = it.speaker.map_or(0, |s| 1 + s as usize);
                    let at = first[it.report as usize] + slot;
                    // An item's speaker beyond its report's (never in a
                    // consistent index) is asked, not stored.
                    match answers.get_mut(at).filter(|_| at < first[it.report as usize + 1]) {
                        Some(known) => {
                            if *known == 0 {
                                *known = 1 + u8::from(speaker_ok(it.report as usize, it.speaker));
                            }
                            *known == 2
                        }
                        None => speaker_ok(it.report as usize, it.speaker),
                    }
                })
        })
        .collect()
}

/// A `speaker:` value read as a person: their identity key, for speakers
/// whose name does not contain it as written ("Dr Vinton G. Cerf" for
/// "Vinton Cerf").
struct PersonTerm {
    key: String,
    /// The words of `key`: a speaker's identity can only contain `key` if
    /// their name (or `person:`) contains each of these, unless an alias
    /// renames them; checked before computing the speaker's key.
    words: Vec<String>,
}

impl PersonTerm {
    fn new(value: &str, aliases: &Aliases) -> Option<PersonTerm> {
        let (key, _) = aliases.identify(None, value);
        let words = key.split(' ').map(str::to_string).collect();
        (!is_anonymous(&key)).then_some(PersonTerm { key, words })
    }

    /// Whether a speaker is this person: their identity contains the term's
    /// (the same person however written, or a part of their name).
    /// `folded_name`, `folded_person`: `name` and `person` folded.
    fn is(
        &self,
        person: Option<&str>,
        name: &str,
        folded_name: &str,
        folded_person: Option<&str>,
        aliases: &Aliases,
    ) -> bool {
        let has_words = |folded: &str| self.words.iter().all(|w| folded.contains(w.as_str()));
        if aliases.is_empty() && !has_words(folded_name) && !folded_person.is_some_and(has_words) {
            return false;
        }
        let (key, _) = aliases.identify(person, name);
        !is_anonymous(&key) && key.contains(&self.key)
    }
}
