//! The best score each item gets from a term's matching words: the union of
//! their posting lists, the costliest step of a short term (`o` matches most
//! of a million-quote vocabulary: tens of millions of postings).
//!
//! Two things make it fast. The lists are walked in blocks of items, all
//! words' lists at once, so that the scores being written stay in the CPU's
//! cache instead of each list sweeping the whole array again; and long work
//! is split by words over every core, each part filling its own array, merged
//! by the maximum at the end (the result does not depend on the split).

use super::index::{Index, Postings};

/// An item and whether the word is in its head.
type Posting = (u32, bool);

/// Items per block: 32k scores of 4 bytes stay in a core's L2 cache.
const BLOCK: u32 = 1 << 15;
/// Below this many posting bytes a term is scored on one core.
const MIN_TO_SPLIT: usize = 1 << 18;

/// For each item, the best score of `words` (word, score) among those it
/// has: the score, doubled where the word is in the item's head; 0 where it
/// has none. With `inside_from`, also whether the item has a word scoring at
/// least that (empty otherwise).
pub(super) fn best_scores(index: &Index, words: &[(u32, u32)], inside_from: Option<u32>) -> (Vec<u32>, Vec<bool>) {
    let n = index.len();
    let bytes: usize = words.iter().map(|&(w, _)| index.posting_len(w)).sum();
    let parts = rayon::current_num_threads().clamp(1, 8);
    if bytes < MIN_TO_SPLIT || parts == 1 || words.len() < 2 {
        return blocked(index, words, inside_from, n);
    }
    // Parts of about equal posting bytes.
    let mut cuts = vec![0];
    let mut sum = 0;
    for (k, &(w, _)) in words.iter().enumerate() {
        sum += index.posting_len(w);
        if sum * parts >= bytes * cuts.len() && cuts.len() < parts {
            cuts.push(k + 1);
        }
    }
    cuts.push(words.len());
    cuts.dedup();
    use rayon::prelude::*;
    let done: Vec<(Vec<u32>, Vec<bool>)> =
        cuts.par_windows(2).map(|c| blocked(index, &words[c[0]..c[1]], inside_from, n)).collect();
    let mut done = done.into_iter();
    let (mut best, mut inside) = done.next().unwrap_or_else(|| (vec![0; n], Vec::new()));
    for (b, i) in done {
        for (x, y) in best.iter_mut().zip(b) {
            *x = (*x).max(y);
        }
        for (x, y) in inside.iter_mut().zip(i) {
            *x |= y;
        }
    }
    (best, inside)
}

/// One core's share: every list walked block by block.
fn blocked(index: &Index, words: &[(u32, u32)], inside_from: Option<u32>, n: usize) -> (Vec<u32>, Vec<bool>) {
    let mut best = vec![0u32; n];
    let mut inside = if inside_from.is_some() { vec![false; n] } else { Vec::new() };
    // Each list with the item it read past the current block, if any.
    let mut lists: Vec<(Postings<'_>, u32, Option<Posting>)> =
        words.iter().map(|&(w, s)| (index.postings(w), s, None)).collect();
    let mut end: u32 = 0;
    while !lists.is_empty() && (end as usize) < n {
        end = end.saturating_add(BLOCK);
        lists.retain_mut(|(list, s, pending)| {
            let (s, in_word) = (*s, inside_from.is_some_and(|f| *s >= f));
            // A copy in registers, not read and written through the vector.
            let mut it = list.clone();
            let mut next = pending.take().or_else(|| it.next());
            while let Some((item, head)) = next {
                if item >= end {
                    break;
                }
                // Lists end at the index's last item (`Postings`' limit).
                let b = &mut best[item as usize];
                *b = (*b).max(if head { s * 2 } else { s });
                if in_word {
                    inside[item as usize] = true;
                }
                next = it.next();
            }
            *list = it;
            *pending = next;
            next.is_some()
        });
    }
    (best, inside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;

    /// The plain union, one list after another: what `best_scores` must equal.
    fn plain(index: &Index, words: &[(u32, u32)], inside_from: Option<u32>) -> (Vec<u32>, Vec<bool>) {
        let mut best = vec![0u32; index.len()];
        let mut inside = if inside_from.is_some() { vec![false; index.len()] } else { Vec::new() };
        for &(w, s) in words {
            for (item, head) in index.postings(w) {
                best[item as usize] = best[item as usize].max(if head { s * 2 } else { s });
                if inside_from.is_some_and(|f| s >= f) {
                    inside[item as usize] = true;
                }
            }
        }
        (best, inside)
    }

    fn library(reports: usize) -> Vec<Report> {
        use crate::model::{Origin, Quote, Speaker};
        let words = ["open", "data", "privacy", "child", "online", "safety", "access", "rights", "youth", "policy"];
        (0..reports)
            .map(|r| Report {
                id: format!("r{r}"),
                title: format!("Report {r} {}", words[r % 10]),
                event: None,
                kind: None,
                date: "2024-01-01".into(),
                start: None,
                end: None,
                location: None,
                author: None,
                source: None,
                tags: Vec::new(),
                summary: None,
                conclusion: None,
                speakers: vec![Speaker {
                    id: "ana".into(),
                    name: "Ana Diaz".into(),
                    role: None,
                    organisation: None,
                    moderator: false,
                    points: Vec::new(),
                    person: None,
                }],
                quotes: (0..40)
                    .map(|q| {
                        let text: Vec<&str> = (0..6).map(|k| words[(r * 7 + q * 3 + k * k) % 10]).collect();
                        Quote { speaker: "ana".into(), text: text.join(" "), context: None }
                    })
                    .collect(),
                origin: Origin { path: format!("r{r}.yaml").into(), document: 0, line: 1 },
            })
            .collect()
    }

    #[test]
    fn blocked_and_split_unions_equal_the_plain_one() {
        // Enough items for several blocks and enough postings to split.
        let reports = library(2_000);
        let index = Index::build(&reports);
        assert!(index.len() > 2 * BLOCK as usize);
        let all: Vec<(u32, u32)> = (0..index.vocabulary_len() as u32).map(|w| (w, 100 + w * 37 % 500)).collect();
        let some: Vec<(u32, u32)> = all.iter().copied().step_by(3).collect();
        for words in [&all[..], &some[..], &all[..1], &[]] {
            for inside_from in [None, Some(300)] {
                let want = plain(&index, words, inside_from);
                assert_eq!(blocked(&index, words, inside_from, index.len()), want);
                assert_eq!(best_scores(&index, words, inside_from), want);
            }
        }
        let bytes: usize = all.iter().map(|&(w, _)| index.posting_len(w)).sum();
        assert!(bytes >= MIN_TO_SPLIT, "the test must take the split path: {bytes} bytes");
    }
}
