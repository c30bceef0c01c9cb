//! Search in the reader: the prompt, results from the worker, jumping to a
//! hit, and stepping through hits with n / N.

use super::action::{Action, Effect};
use super::state::{Offsets, Pane, State};
use crate::search::{Index, Kind, Query, Results, highlight};
use std::collections::VecDeque;
use std::sync::Arc;

/// The query language (fzf's, plus field filters), as the help lists it.
pub const SYNTAX: &[(&str, &str)] = &[
    ("two words", "both must match, in any order; other forms and a typo are forgiven; accents are not needed"),
    ("a | b", "either one (with any operator or filter: speaker:carr | speaker:shita)"),
    ("'exact", "exactly this text"),
    ("^start", "text that starts with it"),
    ("end$", "text that ends with it"),
    ("!not", "text without it"),
    ("speaker:carr", "only this speaker (also org:, report:, tag:, date:2015-11)"),
    ("Capital", "a capital letter makes that word match case"),
];

/// Hits ranked at each keystroke: more than a screen of the list, few enough
/// to keep typing fast. The rest are ranked when asked for (`n` past the last,
/// `N` wrapping to the bottom, the list scrolled near its end): see `Effect::RankAll`.
pub const HIT_LIMIT: usize = 1_000;

/// Whether `results` hold every hit, not only the best.
pub fn complete(results: &Results) -> bool {
    results.hits.len() >= results.total
}

/// A place in the library: where the prompt opened (Esc returns there), where a
/// search jump left from (Ctrl-o), where a report was left (coming back to it).
#[derive(Debug, Clone)]
pub struct Place {
    pub report: usize,
    /// The report's id, to find it again in a changed library.
    pub id: Option<String>,
    /// The last search's current hit there, for n / N after Ctrl-o.
    pub hit: Option<usize>,
    pub speaker: Option<usize>,
    pub quote: Option<usize>,
    pub focus: Pane,
    pub offsets: Offsets,
    /// A jump from People: the view as it was, to come back to.
    pub people: Option<Box<super::people::PeopleView>>,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub input: String,
    /// The results shown: the newest received, which may be for an earlier
    /// input while the worker catches up.
    pub results: Option<Arc<Results>>,
    /// The input `results` answer.
    pub results_for: String,
    /// When `results_for` has capitals and no hits: how many the same query
    /// in lower case finds (smart case explained, see `case_hint`).
    pub lower_total: Option<usize>,
    pub selected: usize,
    pub offset: usize,
    pub place: Place,
    /// Every hit of `results_for` was asked of the worker.
    pub asked_all: bool,
    /// Browsing the history: the entry shown, and what was typed before.
    pub recalled: Option<usize>,
    pub draft: String,
}

#[derive(Debug, Clone)]
pub struct LastSearch {
    pub query: String,
    pub parsed: Query,
    pub results: Arc<Results>,
    pub current: usize,
    /// The library changed since: `results` point into an old index, and the
    /// query is run again once the new index is ready.
    pub stale: bool,
    /// While stale: the current hit's kind, report id, speaker and quote, to
    /// find it again in the new ranking.
    pub was_at: Option<(Kind, String, Option<u32>, Option<u32>)>,
    /// Every hit was asked of the worker (`results` holds the best only).
    pub asked_all: bool,
    /// A step (`true`: forward) waiting for every hit.
    pub pending: Option<bool>,
}

impl LastSearch {
    /// The library is about to change: remember what the current hit is.
    pub fn mark_stale(&mut self, index: Option<&Index>, reports: &[crate::model::Report]) {
        if self.stale {
            return;
        }
        self.stale = true;
        let item = self.results.hits.get(self.current).and_then(|h| index?.items.get(h.item as usize));
        self.was_at = item.and_then(|it| {
            let id = reports.get(it.report as usize)?.id.clone();
            Some((it.kind, id, it.speaker, it.quote))
        });
    }
}

/// Answers by query, with what the query in lower case finds when it has none.
#[derive(Debug, Clone, Default)]
pub struct ResultsCache(VecDeque<(String, Arc<Results>, Option<usize>)>);

impl ResultsCache {
    const SIZE: usize = 64;

    pub fn get(&self, query: &str) -> Option<(Arc<Results>, Option<usize>)> {
        self.0.iter().find(|(q, ..)| q == query).map(|(_, r, lower)| (Arc::clone(r), *lower))
    }

    pub fn put(&mut self, query: String, results: Arc<Results>, lower_total: Option<usize>) {
        self.0.retain(|(q, ..)| *q != query);
        if self.0.len() >= Self::SIZE {
            self.0.pop_back();
        }
        self.0.push_front((query, results, lower_total));
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// Queries kept in the history, the newest last.
pub const HISTORY_MAX: usize = 500;
/// Longer queries (a paragraph pasted) are not kept.
pub const HISTORY_QUERY_MAX: usize = 1_000;

/// `query` as the newest of `history`: once, at the end, with at most
/// [`HISTORY_MAX`] entries. Blank and over-long queries are not kept.
pub fn remember(history: &mut Vec<String>, query: &str) {
    if query.trim().is_empty() || query.len() > HISTORY_QUERY_MAX || query.contains(['\n', '\r']) {
        return;
    }
    history.retain(|q| q != query);
    history.push(query.to_string());
    let over = history.len().saturating_sub(HISTORY_MAX);
    history.drain(..over);
}

/// Ctrl-p / Ctrl-n (and ↑ on an empty prompt): an earlier or later query of
/// the history, as a shell's; past the newest, what was being typed.
pub fn recall(s: &mut State, earlier: bool) -> Option<Effect> {
    let n = s.history.len();
    let p = s.search.as_mut()?;
    let to = match (p.recalled, earlier) {
        (None, true) if n > 0 => Some(n - 1),
        (Some(i), true) if i > 0 => Some(i - 1),
        (Some(i), false) if i + 1 < n => Some(i + 1),
        (Some(_), false) => None,
        _ => return None,
    };
    if p.recalled.is_none() {
        p.draft = std::mem::take(&mut p.input);
    }
    p.input = match to {
        Some(i) => s.history[i].clone(),
        None => std::mem::take(&mut p.draft),
    };
    p.recalled = to;
    input_changed(s)
}

pub fn open(s: &mut State) {
    // A new query each time, as in less and vim (Backspace is quick: earlier answers are cached);
    // the last one is offered, and earlier ones are a key away.
    let place = s.here();
    let input = String::new();
    s.search = Some(Prompt {
        results_for: input.clone(),
        input,
        results: None,
        lower_total: None,
        selected: 0,
        offset: 0,
        place,
        asked_all: false,
        recalled: None,
        draft: String::new(),
    });
}

/// The input changed: show cached results at once, or ask the worker.
pub fn input_changed(s: &mut State) -> Option<Effect> {
    let p = s.search.as_mut()?;
    p.selected = 0;
    p.offset = 0;
    p.asked_all = false;
    if p.recalled.is_some_and(|i| s.history.get(i) != Some(&p.input)) {
        // Edited: what is typed now is the line, as in a shell.
        p.recalled = None;
    }
    // Every input is a new generation, answered from the cache or not: an answer
    // still on its way for an earlier input must not replace what is shown now.
    s.generation += 1;
    if let Some((cached, lower_total)) = s.cache.get(&p.input) {
        (p.results, p.lower_total) = (Some(cached), lower_total);
        p.results_for = p.input.clone();
        return None;
    }
    if Query::parse(&p.input).is_empty() {
        (p.results, p.lower_total) = (None, None);
        p.results_for = p.input.clone();
        return None;
    }
    // Without an index yet, the worker builds one first.
    Some(Effect::Search { generation: s.generation, query: p.input.clone() })
}

/// The worker finished a query. Results for an input the user has since
/// changed are kept for Backspace but only shown if nothing newer is.
/// `library` is the generation of the library the worker searched: hits
/// point into its index, so those for another library are dropped.
pub fn on_results(s: &mut State, library: u64, generation: u64, query: String, results: Arc<Results>) {
    on_results_with_hint(s, library, generation, query, results, None);
}

/// [`on_results`], with `lower_total`: for a query with capitals and no hits,
/// how many the same query in lower case finds (`case_hint::lowered`).
pub fn on_results_with_hint(
    s: &mut State,
    library: u64,
    generation: u64,
    query: String,
    results: Arc<Results>,
    lower_total: Option<usize>,
) {
    if library != s.library_generation || s.index.is_none() {
        return;
    }
    s.cache.put(query.clone(), Arc::clone(&results), lower_total);
    if every_hit_of_the_last_search(s, &query, &results) && s.search.as_ref().is_none_or(|p| p.input != query) {
        return;
    }
    // The last search, run again on a changed library: n / N go on from where they were.
    if s.search.is_none()
        && generation == s.generation
        && let Some(last) = s.last_search.as_mut()
        && last.stale
        && last.query == query
    {
        if results.hits.is_empty() {
            s.status = Some(format!("No hits for “{query}” in the changed library."));
            s.last_search = None;
        } else {
            // The current hit, found again in the new ranking (else the same rank).
            let was_at = last.was_at.take();
            let here = s.index.as_ref().zip(was_at).and_then(|(index, (kind, id, speaker, quote))| {
                results.hits.iter().position(|h| {
                    index.items.get(h.item as usize).is_some_and(|it| {
                        it.kind == kind
                            && it.speaker == speaker
                            && it.quote == quote
                            && s.library.reports.get(it.report as usize).is_some_and(|r| r.id == id)
                    })
                })
            });
            let last = s.last_search.as_mut().expect("checked above");
            last.current = here.unwrap_or(last.current.min(results.hits.len() - 1));
            last.results = results;
            last.stale = false;
            (last.asked_all, last.pending) = (false, None);
        }
        return;
    }
    let Some(p) = s.search.as_mut() else { return };
    if generation == s.generation || p.results.is_none() {
        (p.results, p.lower_total) = (Some(results), lower_total);
        p.results_for = query;
        let n = p.results.as_ref().map_or(0, |r| r.hits.len());
        p.selected = p.selected.min(n.saturating_sub(1));
    }
}

/// Every hit of the last search, asked for by `n` / `N`: they replace the best
/// few (which they begin with), and a step waiting for them is taken.
fn every_hit_of_the_last_search(s: &mut State, query: &str, results: &Arc<Results>) -> bool {
    let Some(last) = s.last_search.as_mut() else { return false };
    if last.stale || last.query != query || complete(&last.results) || !complete(results) {
        return false;
    }
    last.results = Arc::clone(results);
    last.asked_all = false;
    last.current = last.current.min(results.hits.len().saturating_sub(1));
    if let Some(forward) = last.pending.take()
        && s.search.is_none()
    {
        step(s, forward);
    }
    true
}

pub fn on_index(s: &mut State, index: Arc<Index>) -> Option<Effect> {
    s.index = Some(index);
    s.cache.clear();
    if s.search.is_some() { requery(s) } else { requery_last(s) }
}

/// The last search again, if the library changed since it ran.
fn requery_last(s: &mut State) -> Option<Effect> {
    let last = s.last_search.as_ref().filter(|l| l.stale)?;
    let query = last.query.clone();
    // Stepping had gone past the best few: every hit again.
    let all = last.results.hits.len() > HIT_LIMIT;
    s.index.as_ref()?;
    s.generation += 1;
    let generation = s.generation;
    Some(if all { Effect::RankAll { generation, query } } else { Effect::Search { generation, query } })
}

/// The open prompt's query again, for a new library or index.
pub fn requery(s: &mut State) -> Option<Effect> {
    let p = s.search.as_ref()?;
    if Query::parse(&p.input).is_empty() {
        return None;
    }
    Some(Effect::Search { generation: s.generation, query: p.input.clone() })
}

/// Moves the list's selection; within a page of the last hit ranked, asks
/// for every hit, so that the list goes on.
pub fn move_selection(s: &mut State, delta: isize, view_hits: usize) -> Option<Effect> {
    let p = s.search.as_mut()?;
    let results = p.results.as_ref()?;
    let n = results.hits.len();
    if n == 0 {
        return None;
    }
    p.selected = p.selected.saturating_add_signed(delta).min(n - 1);
    let view = view_hits.max(1);
    if p.selected < p.offset {
        p.offset = p.selected;
    } else if p.selected >= p.offset + view {
        p.offset = p.selected + 1 - view;
    }
    let near_end = p.selected + 2 * view >= n;
    if near_end && !complete(results) && !p.asked_all && p.results_for == p.input {
        p.asked_all = true;
        return Some(Effect::RankAll { generation: s.generation, query: p.input.clone() });
    }
    None
}

/// Esc: back to where the user was. The search before this one ends too:
/// its `Hit x/y` would otherwise outlive searches made since.
pub fn cancel(s: &mut State) {
    if let Some(p) = s.search.take() {
        let _ = s.restore(&p.place);
        s.last_search = None;
    }
}

/// Enter: jump to the selected hit and remember the search for n / N, and the
/// query in the history (with or without hits, as shells and fzf keep them).
pub fn accept(s: &mut State) -> Option<Effect> {
    let p = s.search.take()?;
    // Enter on an empty prompt closes it, as in less; on a query without hits it
    // says so. Either way no earlier search goes on (vim's n looks for the new pattern).
    s.last_search = None;
    if Query::parse(&p.input).is_empty() {
        return None;
    }
    remember(&mut s.history, &p.input);
    let remembered = (s.history.last() == Some(&p.input)).then(|| Effect::Remember(p.input.clone()));
    let Some(results) = p.results.filter(|r| !r.hits.is_empty()) else {
        // What lower case finds is said for the query typed, not for an earlier one still shown.
        let lower_total = p.lower_total.filter(|_| p.results_for == p.input);
        s.status = Some(super::case_hint::no_hits(&p.input, lower_total));
        return remembered;
    };
    let current = p.selected.min(results.hits.len() - 1);
    remember_jump(s, p.place.clone());
    let parsed = Query::parse(&p.results_for);
    s.last_search = Some(LastSearch {
        parsed,
        query: p.results_for,
        results,
        current,
        stale: false,
        was_at: None,
        asked_all: false,
        pending: None,
    });
    jump(s);
    remembered
}

/// n / N: the next or previous hit, wrapping around as less does.
pub fn step(s: &mut State, forward: bool) -> Option<Effect> {
    let Some(last) = s.last_search.as_mut() else {
        s.status = Some(format!("No search yet: press {} to search.", s.keys.first_key(Action::Search)));
        return None;
    };
    if last.stale {
        s.status = Some(format!("The library changed: searching it again for “{}”…", last.query));
        return requery_last(s);
    }
    let n = last.results.hits.len();
    // The next hit is past those ranked so far (the bottom, for N at the top):
    // every hit is asked for, and the step taken when they come.
    let beyond = if forward { last.current + 1 >= n } else { last.current == 0 };
    if beyond && !complete(&last.results) {
        last.pending = Some(forward);
        s.status = Some(format!("Ranking all {} hits for “{}”…", last.results.total, last.query));
        if std::mem::replace(&mut last.asked_all, true) {
            return None;
        }
        return Some(Effect::RankAll { generation: s.generation, query: last.query.clone() });
    }
    let here = s.here();
    let last = s.last_search.as_mut()?;
    let wrapped;
    (last.current, wrapped) = match (forward, last.current) {
        (true, c) if c + 1 >= n => (0, true),
        (true, c) => (c + 1, false),
        (false, 0) => (n - 1, true),
        (false, c) => (c - 1, false),
    };
    remember_jump(s, here);
    jump(s);
    if wrapped && n > 1 {
        let end = if forward { "top" } else { "bottom" };
        s.status = Some(format!("Search wrapped to the {end}."));
    }
    None
}

/// Places kept for Ctrl-o: enough to retrace a long series of n presses.
const MAX_JUMPS: usize = 100;

pub(crate) fn remember_jump(s: &mut State, place: Place) {
    if s.jumps.len() >= MAX_JUMPS {
        s.jumps.remove(0);
    }
    s.jumps.push(place);
}

/// Ctrl-o: back to where the last jump left from (skipping places whose
/// report is gone), with the hit that was current there. Returns that place
/// (People's part of it is for the caller to restore).
pub fn jump_back(s: &mut State) -> Option<Place> {
    while let Some(place) = s.jumps.pop() {
        if s.restore(&place) {
            if let (Some(last), Some(hit)) = (s.last_search.as_mut(), place.hit)
                && hit < last.results.hits.len()
            {
                last.current = hit;
            }
            return Some(place);
        }
    }
    s.status = Some("No earlier place to go back to.".into());
    None
}

fn jump(s: &mut State) {
    let (Some(last), Some(index)) = (s.last_search.as_ref(), s.index.as_ref()) else { return };
    let Some(hit) = last.results.hits.get(last.current) else { return };
    let Some(&item) = index.items.get(hit.item as usize) else { return };
    s.open_report(item.report as usize);
    match item.kind {
        Kind::Quote => {
            // Its speaker selected too, as for a click on them: `s` / `S` go on from
            // there, and `a` shows the report's other quotes around it.
            let quote = item.quote.map(|q| q as usize);
            s.speaker = s.current().and_then(|r| {
                let q = r.quotes.get(quote?)?;
                r.speakers.iter().position(|sp| sp.id == q.speaker)
            });
            s.refilter();
            s.quote = quote.filter(|q| s.visible.contains(q)).or(s.quote);
            s.focus = Pane::Quotes;
        }
        Kind::Speaker => {
            s.speaker = item.speaker.map(|sp| sp as usize);
            s.refilter();
            s.focus = Pane::Speakers;
        }
        Kind::Report => {
            s.focus = Pane::Session;
            // The match may be deep in the summary or the conclusion: show its row.
            let parsed = s.last_search.as_ref().map(|l| l.parsed.clone()).unwrap_or_default();
            let row = s.session_rows.iter().position(|r| !highlight::occurrences(&r.plain(), &parsed).is_empty());
            s.offsets.session = row.map_or(0, |r| r.saturating_sub(1));
        }
    }
    super::update::keep_visible(s);
    if item.kind == Kind::Quote {
        super::quote_scroll::to_top(s);
        reveal_match_in_quote(s);
    }
}

/// A match deep in a quote taller than the pane: its row, in view.
fn reveal_match_in_quote(s: &mut State) {
    let (Some(r), Some(q), Some(last)) = (s.current(), s.quote, s.last_search.as_ref()) else { return };
    let Some(quote) = r.quotes.get(q) else { return };
    let rows = super::text::quote_rows(r, quote, s.quote_wrap_width());
    let Some(row) = rows.iter().position(|row| !highlight::occurrences(&row.plain(), &last.parsed).is_empty()) else {
        return;
    };
    super::quote_scroll::reveal_row(s, row);
}
