//! One query over a library without building an index: for `podium search`,
//! where the index would be built for a single use. Each item is folded once,
//! on both cores, and its words are scored by the same rules as the index's
//! vocabulary; the ranking is the index's own, so the command line and the
//! reader agree.

use super::engine::{
    ACROSS_WORDS, EXACT_PHRASE, IN_WORD, Options, Results, across_applies, cased_match, field_keep, filter_only_bonus,
    is_positive_text, is_word, rank, score_word, text_matches,
};
use super::fields::FoldedFields;
use super::fold::{find_across, fold_cased, for_each_token};
use super::index::{Item, item_parts, list_items, mask};
use super::query::{Match, Query, Term};
use super::stem::stem;
use crate::model::Report;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use std::collections::HashMap;

type Memo = HashMap<String, Option<u32>, foldhash::fast::RandomState>;

/// What the scan knows of each of the query's terms before looking at items.
struct Plan<'q> {
    terms: &'q [Term],
    /// Per term: the items a field filter lets through.
    keep: Vec<Option<Vec<bool>>>,
    /// Per term: its mask and stem, when it is scored word by word.
    word: Vec<Option<(u64, Option<String>)>>,
}

/// Runs `query` over every item of `reports`; returns the items (for the hit
/// indices) and the results.
pub fn search_once(reports: &[Report], query: &Query, opts: &Options) -> (Vec<Item>, Results) {
    let items = list_items(reports);
    if query.is_empty() {
        return (items, Results::default());
    }
    let mut base: Vec<u32> =
        items.iter().map(|it| if opts.kind.is_none_or(|k| k == it.kind) { 1 } else { 0 }).collect();
    filter_only_bonus(&items, query, &mut base);
    let terms = &query.terms[..];
    let plan = Plan {
        terms,
        keep: terms
            .iter()
            .map(|t| {
                let folded = |f| FoldedFields::new(reports, f);
                t.field.map(|f| field_keep(&items, reports, t, &opts.aliases, &base, &folded(f)))
            })
            .collect(),
        word: terms
            .iter()
            .map(|t| {
                (is_positive_text(t) && is_word(&t.folded) && matches!(t.kind, Match::Fuzzy | Match::Exact))
                    .then(|| (mask(&t.folded), (t.kind == Match::Fuzzy).then(|| stem(&t.folded)).flatten()))
            })
            .collect(),
    };
    let per_item = pass(reports, &items, &base, &plan);

    let final_score: Vec<u32> = per_item.iter().map(|&(s, _)| s).collect();
    let positive: Vec<&Term> = query.positive().collect();
    let matcher = SkimMatcherV2::default().ignore_case();
    let stems: Vec<Option<String>> =
        positive.iter().map(|t| (t.kind == Match::Fuzzy).then(|| stem(&t.folded)).flatten()).collect();
    let matches = |k: usize, w: &str| {
        let t = positive[k];
        score_word(w, mask(w), &t.folded, mask(&t.folded), t.kind, &matcher, stems[k].as_deref()).is_some()
    };
    let head_len = |i: u32| per_item[i as usize].1 as usize;
    let text = |i: u32| super::fold::fold(&super::index::item_text(reports, &items[i as usize]).0);
    let kind = |i: u32| items[i as usize].kind;
    let (mut hits, total) = rank(&final_score, query, opts, matches, (kind, head_len, |i| i), text);
    hits.truncate(opts.limit);
    (items, Results { hits, total })
}

/// Every item's score (0: out) and head length, in one parallel pass.
fn pass(reports: &[Report], items: &[Item], base: &[u32], plan: &Plan) -> Vec<(u32, u32)> {
    let groups: Vec<std::ops::Range<usize>> = {
        let mut at = 0;
        plan.terms
            .chunk_by(|a, b| a.group == b.group)
            .map(|g| {
                at += g.len();
                at - g.len()..at
            })
            .collect()
    };
    base.par_iter()
        .zip(items.par_iter())
        .enumerate()
        .map_init(
            // Per thread: a matcher and, per term, the scores of words already seen.
            || (SkimMatcherV2::default().ignore_case(), (0..plan.terms.len()).map(|_| Memo::default()).collect()),
            |(matcher, memo): &mut (SkimMatcherV2, Vec<Memo>), (i, (&base, item))| {
                if base == 0 {
                    return (0, 0);
                }
                let (head, rest) = item_parts(reports, item);
                let mut cased = fold_cased(&head);
                let head_len = cased.len();
                cased.push_str(&fold_cased(&rest));
                let lower = cased.to_ascii_lowercase();
                let out = (0, head_len as u32);
                // The term's best word in this item, and whether it is inside
                // some word (or another form of it).
                let mut word_score = |k: usize| -> (u32, bool) {
                    let Some((tmask, stem)) = &plan.word[k] else { return (0, false) };
                    let t = &plan.terms[k];
                    let (mut best, mut inside) = (0, false);
                    for_each_token(&lower, |at, w, _| {
                        // Look up before inserting: most words were seen already,
                        // and a key is only allocated for a new one.
                        let s = match memo[k].get(w) {
                            Some(&s) => s,
                            None => {
                                let s = score_word(w, mask(w), &t.folded, *tmask, t.kind, matcher, stem.as_deref());
                                memo[k].insert(w.to_string(), s);
                                s
                            }
                        };
                        if let Some(s) = s {
                            inside |= s >= IN_WORD;
                            best = best.max(if at < head_len { s * 2 } else { s });
                        }
                    });
                    (best, inside)
                };
                let mut total = base;
                for g in &groups {
                    let mut best = 0;
                    for k in g.clone() {
                        let t = &plan.terms[k];
                        let s = if let Some(keep) = &plan.keep[k] {
                            u32::from(keep[i])
                        } else if t.negated {
                            let positive = Term { negated: false, ..t.clone() };
                            u32::from(!text_matches(&lower, head_len, &positive))
                        } else {
                            let (mut s, inside) = if plan.word[k].is_some() {
                                word_score(k)
                            } else if text_matches(&lower, head_len, t) {
                                (EXACT_PHRASE, true)
                            } else {
                                (0, true)
                            };
                            if !inside
                                && across_applies(t)
                                && let Some((start, _)) = find_across(&lower, &t.folded)
                            {
                                s = s.max(if start < head_len { ACROSS_WORDS * 2 } else { ACROSS_WORDS });
                            }
                            if s > 0 && t.case_sensitive && !cased_match(&cased, head_len, t) {
                                s = 0;
                            }
                            s
                        };
                        best = best.max(s);
                    }
                    if best == 0 {
                        return out;
                    }
                    total += best;
                }
                (total, head_len as u32)
            },
        )
        .collect()
}
