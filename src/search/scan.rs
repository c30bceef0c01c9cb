//! One query over a library without building an index: for `podium search`,
//! where the index would be built for a single use. Each item is folded once,
//! on both cores, and its words are scored by the same rules as the index's
//! vocabulary; the ranking is the index's own, so the command line and the
//! reader agree.

use super::engine::{Options, Results, apply_fields, filter_only_bonus, is_word, rank, score_word};
use super::fold::{fold_cased, for_each_token};
use super::index::{Item, item_parts, list_items, mask};
use super::query::{Match, Query, Term};
use crate::model::Report;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use std::collections::HashMap;

/// Runs `query` over every item of `reports`; returns the items (for the hit
/// indices) and the results.
pub fn search_once(reports: &[Report], query: &Query, opts: &Options) -> (Vec<Item>, Results) {
    let items = list_items(reports);
    if query.is_empty() {
        return (items, Results::default());
    }
    let mut score: Vec<u32> =
        items.iter().map(|it| if opts.kind.is_none_or(|k| k == it.kind) { 1 } else { 0 }).collect();
    apply_fields(&items, reports, query, &opts.aliases, &mut score);
    filter_only_bonus(&items, query, &mut score);
    let positive: Vec<&Term> = query.positive().collect();
    let negated: Vec<Term> = query
        .terms
        .iter()
        .filter(|t| t.negated && t.field.is_none())
        .map(|t| Term { negated: false, ..t.clone() })
        .collect();
    let masks: Vec<u64> = positive.iter().map(|t| mask(&t.folded)).collect();

    // Per thread: a matcher and, per term, the scores of words already seen.
    let per_item: Vec<(u32, u32)> = score
        .par_iter()
        .zip(items.par_iter())
        .map_init(
            || {
                let memo: Vec<HashMap<String, Option<u32>, foldhash::fast::RandomState>> =
                    (0..positive.len()).map(|_| HashMap::default()).collect();
                (SkimMatcherV2::default().ignore_case(), memo)
            },
            |(matcher, memo), (&base, item)| {
                if base == 0 {
                    return (0, 0);
                }
                let (head, rest) = item_parts(reports, item);
                let mut cased = fold_cased(&head);
                let head_len = cased.len();
                cased.push_str(&fold_cased(&rest));
                let lower = cased.to_ascii_lowercase();
                let out = (0, head_len as u32);
                let mut total = base;
                for (k, term) in positive.iter().enumerate() {
                    let s = if is_word(&term.folded) && matches!(term.kind, Match::Fuzzy | Match::Exact) {
                        let mut best = 0;
                        for_each_token(&lower, |at, w, _| {
                            // Look up before inserting: most words were seen already,
                            // and a key is only allocated for a new one.
                            let s = match memo[k].get(w) {
                                Some(&s) => s,
                                None => {
                                    let s = score_word(w, mask(w), &term.folded, masks[k], term.kind, matcher);
                                    memo[k].insert(w.to_string(), s);
                                    s
                                }
                            };
                            if let Some(s) = s {
                                best = best.max(if at < head_len { s * 2 } else { s });
                            }
                        });
                        best
                    } else if super::engine::text_matches(&lower, head_len, term) {
                        super::engine::EXACT_PHRASE
                    } else {
                        0
                    };
                    if s == 0 {
                        return out;
                    }
                    total += s;
                }
                if negated.iter().any(|t| super::engine::text_matches(&lower, head_len, t)) {
                    return out;
                }
                if !positive
                    .iter()
                    .filter(|t| t.case_sensitive)
                    .all(|t| super::engine::cased_match(&cased, head_len, t))
                {
                    return out;
                }
                (total, head_len as u32)
            },
        )
        .collect();
    let final_score: Vec<u32> = per_item.iter().map(|&(s, _)| s).collect();
    let matcher = SkimMatcherV2::default().ignore_case();
    let matches =
        |k: usize, w: &str| score_word(w, mask(w), &positive[k].folded, masks[k], positive[k].kind, &matcher).is_some();
    let head_len = |i: u32| per_item[i as usize].1 as usize;
    let text = |i: u32| super::fold::fold(&super::index::item_text(reports, &items[i as usize]).0);
    let (mut hits, total) = rank(&final_score, query, opts, matches, head_len, text);
    hits.truncate(opts.limit);
    (items, Results { hits, total })
}
