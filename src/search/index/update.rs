//! An index brought up to date with a changed library without folding its
//! unchanged reports again: their items keep their postings (renumbered), and
//! only the items of new and changed reports are folded and tokenised, the
//! costly part of a build. A live reload of a few files in a large library
//! then costs a pass over the posting bytes, not a rebuild.

use super::{Index, Item, PostingList, Postings, Vocabulary, mask, push_items};
use crate::model::Report;
use std::collections::HashMap;

const DROPPED: u32 = u32::MAX;

impl Index {
    /// The index of `new`, made from this index of `old`: what
    /// [`Index::build`] of `new` would find for every query. `None` when
    /// `stop` says so (a newer library is waiting).
    pub fn updated(&self, old: &[Report], new: &[Report], stop: impl Fn() -> bool + Sync) -> Option<Index> {
        // A spliced index lives for one command, never to be updated.
        if self.is_spliced() {
            return Index::build_unless(new, stop);
        }
        // Report ids are unique in a library: an unchanged report has the same
        // id and is equal in every field (its origin among them). Compared on
        // every core: a million quotes are ~400 MB of text to compare.
        let old_by_id: HashMap<&str, usize> = old.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let kept: Vec<Option<usize>> = {
            use rayon::prelude::*;
            new.par_iter().map(|r| old_by_id.get(r.id.as_str()).copied().filter(|&o| old[o] == *r)).collect()
        };
        // Where each old report's items start.
        let mut old_starts = vec![0u32; old.len() + 1];
        for (i, it) in self.items.iter().enumerate().rev() {
            if let Some(s) = old_starts.get_mut(it.report as usize) {
                *s = i as u32;
            }
        }
        old_starts[old.len()] = self.items.len() as u32;
        // A kept report's items are its old ones, renumbered; only the new
        // and changed reports' are listed afresh.
        let mut items: Vec<Item> = Vec::with_capacity(self.items.len());
        let mut remap = vec![DROPPED; self.items.len()];
        let mut fresh: Vec<u32> = Vec::new();
        for (n, (report, kept)) in new.iter().zip(&kept).enumerate() {
            let ns = items.len() as u32;
            match *kept {
                Some(o) => {
                    let (a, b) = (old_starts[o] as usize, old_starts[o + 1] as usize);
                    for (k, it) in self.items[a..b].iter().enumerate() {
                        remap[a + k] = ns + k as u32;
                        items.push(Item { report: n as u32, ..*it });
                    }
                }
                None => {
                    push_items(&mut items, n as u32, report);
                    fresh.extend(ns..items.len() as u32);
                }
            }
        }
        // Mostly new (a first load after a partial one): a build is faster,
        // on both cores.
        if fresh.len() * 2 > items.len() {
            return Index::build_unless(new, stop);
        }
        let fresh_items: Vec<Item> = fresh.iter().map(|&i| items[i as usize]).collect();
        let added = Vocabulary::build(new, &fresh_items, &|k| fresh[k], &stop)?;
        if let Some(runs) = Runs::of(&old_starts, &remap) {
            return self.updated_in_order(items, &remap, &runs, &fresh, added, &stop);
        }

        // Words: the old vocabulary's (postings renumbered, dropped items
        // left out), then the new words; words left with no item go.
        let mut lists: Vec<Vec<(u32, bool)>> = Vec::with_capacity(self.words.len() + added.words.len());
        let mut ids: HashMap<&str, u32> = HashMap::with_capacity(self.words.len());
        for (w, word) in self.words.iter().enumerate() {
            ids.insert(word, w as u32);
            lists.push(
                self.postings(w as u32).map(|(i, h)| (remap[i as usize], h)).filter(|p| p.0 != DROPPED).collect(),
            );
        }
        let mut words: Vec<&str> = self.words.iter().map(|w| &**w).collect();
        let mut added_ids = Vec::with_capacity(added.words.len());
        for (word, list) in added.words.iter().zip(&added.lists) {
            let id = *ids.entry(word).or_insert_with(|| {
                words.push(word);
                lists.push(Vec::new());
                (words.len() - 1) as u32
            });
            added_ids.push(id);
            lists[id as usize].extend(Postings::of(&list.bytes, u32::MAX));
        }
        if stop() {
            return None;
        }
        let mut final_id = vec![DROPPED; words.len()];
        let mut index = Index {
            head_len: vec![0; items.len()],
            first_word: vec![super::NO_WORD; items.len()],
            last_word: vec![super::NO_WORD; items.len()],
            items,
            words: Vec::new(),
            masks: Vec::new(),
            postings: Default::default(),
            posting_starts: Vec::new(),
            cased: Vec::new(),
            stems: Default::default(),
            spliced: None,
        };
        for (w, list) in lists.iter_mut().enumerate() {
            if list.is_empty() {
                continue;
            }
            // Unchanged reports may move past each other when the library
            // is sorted again.
            if !list.is_sorted_by_key(|p| p.0) {
                list.sort_unstable_by_key(|p| p.0);
            }
            final_id[w] = index.words.len() as u32;
            index.words.push(words[w].into());
            index.masks.push(mask(words[w]));
            index.posting_starts.push(index.postings.len() as u32);
            let mut encoded = PostingList::default();
            for &(item, head) in list.iter() {
                encoded.push(item, head);
            }
            index.postings.extend_from_slice(&encoded.bytes);
        }
        index.posting_starts.push(index.postings.len() as u32);
        let word = |w: u32| if w == super::NO_WORD { w } else { final_id[w as usize] };
        let added_final: Vec<u32> = added_ids.iter().map(|&w| word(w)).collect();
        self.carry_per_item(&mut index, remap.as_slice(), &final_id, fresh.as_slice(), &added, &added_final);
        // Spellings with capitals: a stale one only lets the engine's own
        // case check look at more items, never changes what it finds.
        let mut cased: HashMap<Box<str>, u32> = HashMap::new();
        for (spelling, w) in &self.cased {
            if final_id[*w as usize] != DROPPED {
                cased.insert(spelling.clone(), final_id[*w as usize]);
            }
        }
        for (spelling, w) in added.cased {
            cased.entry(spelling).or_insert(word(added_ids[w as usize]));
        }
        index.cased = cased.into_iter().collect();
        index.cased.sort_unstable();
        index.stems = super::StemTable::build(&index.words);
        Some(index)
    }
}

impl Index {
    /// Each item's head length and first and last word in `index`: a kept
    /// item's from this index (`remap`: its new number), a new item's from
    /// `added`; words renumbered (`final_id`, `added_final`).
    fn carry_per_item(
        &self,
        index: &mut Index,
        remap: &[u32],
        final_id: &[u32],
        fresh: &[u32],
        added: &Vocabulary,
        added_final: &[u32],
    ) {
        let word = |ids: &[u32], w: u32| if w == super::NO_WORD { w } else { ids[w as usize] };
        for (o, &n) in remap.iter().enumerate().filter(|(_, n)| **n != DROPPED) {
            let n = n as usize;
            index.head_len[n] = self.head_len[o];
            index.first_word[n] = word(final_id, self.first_word[o]);
            index.last_word[n] = word(final_id, self.last_word[o]);
        }
        for (k, &n) in fresh.iter().enumerate() {
            let n = n as usize;
            index.head_len[n] = added.head_len[k];
            index.first_word[n] = word(added_final, added.first_word[k]);
            index.last_word[n] = word(added_final, added.last_word[k]);
        }
    }
}

/// The kept items as runs of old item numbers that all move by the same
/// amount: (first, end, new number of first).
struct Runs(Vec<(u32, u32, u32)>);

impl Runs {
    /// `None` when kept items changed order (the library sorted again), so
    /// that lists would need sorting.
    fn of(old_starts: &[u32], remap: &[u32]) -> Option<Runs> {
        let mut runs: Vec<(u32, u32, u32)> = Vec::new();
        let mut last_new = None;
        for w in old_starts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let Some(&to) = remap.get(a as usize).filter(|&&t| t != DROPPED && a < b) else { continue };
            if last_new.is_some_and(|l| to < l) {
                return None;
            }
            last_new = Some(to + (b - a));
            match runs.last_mut() {
                Some(r) if r.1 == a && r.2 + (r.1 - r.0) == to => r.1 = b,
                _ => runs.push((a, b, to)),
            }
        }
        Some(Runs(runs))
    }
}

impl Index {
    /// [`Index::updated`] when kept items keep their order: each list is
    /// read once and written once, its kept items moved by their run and the
    /// new items merged in, words in parts on every core; no list is held
    /// decoded (a million quotes: ~40 million postings).
    fn updated_in_order(
        &self,
        items: Vec<Item>,
        remap: &[u32],
        runs: &Runs,
        fresh: &[u32],
        added: Vocabulary,
        stop: &(impl Fn() -> bool + Sync),
    ) -> Option<Index> {
        use rayon::prelude::*;
        let ids: HashMap<&str, u32> = self.words.iter().enumerate().map(|(w, word)| (&**word, w as u32)).collect();
        // Per old word, the new items' list of the same word; then the new words.
        let mut also: Vec<Option<usize>> = vec![None; self.words.len()];
        let mut new_words: Vec<usize> = Vec::new();
        for (k, word) in added.words.iter().enumerate() {
            match ids.get(&**word) {
                Some(&w) => also[w as usize] = Some(k),
                None => new_words.push(k),
            }
        }
        let write = |w: usize, out: &mut Vec<u8>| {
            let mut list = PostingList { bytes: std::mem::take(out), last: 0 };
            let mut extra =
                also[w].map(|k| Postings::of(&added.lists[k].bytes, u32::MAX)).into_iter().flatten().peekable();
            let mut run = 0;
            for (item, head) in self.postings(w as u32) {
                while runs.0.get(run).is_some_and(|r| r.1 <= item) {
                    run += 1;
                }
                let Some(&(first, _, to)) = runs.0.get(run).filter(|r| r.0 <= item) else { continue };
                let moved = to + (item - first);
                while let Some(&(e, h)) = extra.peek().filter(|p| p.0 < moved) {
                    list.push(e, h);
                    extra.next();
                }
                list.push(moved, head);
            }
            for (e, h) in extra {
                list.push(e, h);
            }
            *out = list.bytes;
        };
        const WORDS_PER_PART: usize = 2048;
        let parts: Vec<(Vec<u8>, Vec<u32>)> = (0..self.words.len())
            .step_by(WORDS_PER_PART)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|from| {
                let mut bytes = Vec::new();
                let mut ends = Vec::new();
                for w in from..(from + WORDS_PER_PART).min(self.words.len()) {
                    write(w, &mut bytes);
                    ends.push(bytes.len() as u32);
                }
                (bytes, ends)
            })
            .collect();
        if stop() {
            return None;
        }
        let mut index = Index {
            head_len: vec![0; items.len()],
            first_word: vec![super::NO_WORD; items.len()],
            last_word: vec![super::NO_WORD; items.len()],
            items,
            words: Vec::with_capacity(self.words.len() + new_words.len()),
            masks: Vec::with_capacity(self.words.len() + new_words.len()),
            postings: Default::default(),
            posting_starts: Vec::with_capacity(self.words.len() + new_words.len() + 1),
            cased: Vec::new(),
            stems: Default::default(),
            spliced: None,
        };
        // Old words left with no item go.
        let mut final_id = vec![DROPPED; self.words.len()];
        for (p, (bytes, ends)) in parts.iter().enumerate() {
            let mut start = 0;
            for (k, &end) in ends.iter().enumerate() {
                if end > start {
                    let w = p * WORDS_PER_PART + k;
                    final_id[w] = index.words.len() as u32;
                    index.words.push(self.words[w].clone());
                    index.masks.push(self.masks[w]);
                    index.posting_starts.push(index.postings.len() as u32);
                    index.postings.extend_from_slice(&bytes[start as usize..end as usize]);
                }
                start = end;
            }
        }
        // New words' lists are numbered as the new library's already.
        let mut added_final = vec![DROPPED; added.words.len()];
        for (k, id) in also.iter().enumerate().filter_map(|(w, k)| k.map(|k| (k, final_id[w]))) {
            added_final[k] = id;
        }
        for &k in &new_words {
            added_final[k] = index.words.len() as u32;
            index.words.push(added.words[k].clone());
            index.masks.push(mask(&added.words[k]));
            index.posting_starts.push(index.postings.len() as u32);
            index.postings.extend_from_slice(&added.lists[k].bytes);
        }
        index.posting_starts.push(index.postings.len() as u32);
        self.carry_per_item(&mut index, remap, &final_id, fresh, &added, &added_final);
        let mut cased: Vec<(Box<str>, u32)> = (self.cased.iter())
            .filter(|(_, w)| final_id[*w as usize] != DROPPED)
            .map(|(spelling, w)| (spelling.clone(), final_id[*w as usize]))
            .collect();
        let known: std::collections::HashSet<&str> = cased.iter().map(|(s, _)| &**s).collect();
        let more: Vec<(Box<str>, u32)> = (added.cased.iter())
            .filter(|(s, _)| !known.contains(&***s))
            .map(|(s, w)| (s.clone(), added_final[*w as usize]))
            .collect();
        cased.extend(more);
        cased.sort_unstable();
        index.cased = cased;
        index.stems = if new_words.is_empty() && final_id.iter().enumerate().all(|(w, &f)| f == w as u32) {
            self.stems.clone()
        } else {
            super::StemTable::build(&index.words)
        };
        Some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn library(versions: &[(usize, &str, &str)]) -> Vec<Report> {
        let seed = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/igf2015-child-online-protection.yaml"
        ))
        .unwrap();
        let mut reports = Vec::new();
        for &(i, extra, date) in versions {
            let t = seed
                .replace("title: ", &format!("title: {extra} "))
                .replace("id: igf", &format!("id: v{i}-igf"))
                .replace("date: \"2015-11-10\"", &format!("date: \"{date}\""))
                .replace("teachers", if extra.contains("Teachers") { "Teachers" } else { "teachers" });
            let out = crate::load::parse_file(std::path::Path::new(&format!("v{i}.yaml")), "v", t.as_bytes());
            reports.extend(out.reports.into_iter().map(|p| p.report));
        }
        reports.sort_by(|a, b| (&a.date, &a.start).cmp(&(&b.date, &b.start)));
        reports
    }

    /// What the engine reads of an index, word ids replaced by the words.
    #[allow(clippy::type_complexity)]
    fn meaning(i: &Index) -> (Vec<Item>, Vec<(u32, Option<&str>, Option<&str>)>, BTreeMap<&str, Vec<(u32, bool)>>) {
        let per_item = (0..i.len()).map(|n| (i.head_len[n], i.first_word(n), i.last_word(n))).collect();
        let words = (0..i.words.len()).map(|w| (&*i.words[w], i.postings(w as u32).collect())).collect();
        (i.items.clone(), per_item, words)
    }

    #[test]
    fn an_updated_index_means_what_a_new_build_means() {
        let old = library(&[
            (0, "", "2015-11-10"),
            (1, "Zebra Quokka", "2015-11-11"),
            (2, "quokka ÉCOLE", "2015-11-12"),
            (3, "x", "2015-11-13"),
            (4, "Teachers TEACHERS", "2015-11-14"),
        ]);
        let old_index = Index::build(&old);
        let cases: [&[(usize, &str, &str)]; 5] = [
            // One report changed (a word only it had is gone), one new.
            &[
                (0, "", "2015-11-10"),
                (1, "Zebra", "2015-11-11"),
                (2, "quokka ÉCOLE", "2015-11-12"),
                (3, "x", "2015-11-13"),
                (4, "Teachers TEACHERS", "2015-11-14"),
                (5, "Yak", "2015-11-09"),
            ],
            // Reports removed, and unchanged ones moved past each other.
            &[(4, "Teachers TEACHERS", "2015-11-14"), (0, "", "2015-11-10")],
            // Nothing changed.
            &[
                (0, "", "2015-11-10"),
                (1, "Zebra Quokka", "2015-11-11"),
                (2, "quokka ÉCOLE", "2015-11-12"),
                (3, "x", "2015-11-13"),
                (4, "Teachers TEACHERS", "2015-11-14"),
            ],
            // Everything new.
            &[(7, "Walrus", "2016-01-01"), (8, "", "2016-01-02")],
            // Empty.
            &[],
        ];
        for (n, case) in cases.iter().enumerate() {
            let new = library(case);
            let built = Index::build(&new);
            let updated = old_index.updated(&old, &new, || false).unwrap();
            assert!(meaning(&updated) == meaning(&built), "case {n}");
            let spellings = |i: &Index| {
                i.cased.iter().map(|(s, w)| (s.clone(), i.words[*w as usize].clone())).collect::<BTreeSet<_>>()
            };
            assert!(spellings(&built).is_subset(&spellings(&updated)), "case {n}: every spelling kept");
            assert_eq!(forms(&updated), forms(&built), "case {n}: other forms of words");
        }
    }

    /// Each word's other forms, by the stem table.
    fn forms(i: &Index) -> BTreeMap<&str, BTreeSet<&str>> {
        (i.words.iter())
            .map(|w| {
                let stem = crate::search::stem::stem(w).unwrap_or_default();
                (&**w, i.stems.words(&stem).iter().map(|&f| &*i.words[f as usize]).collect())
            })
            .collect()
    }

    #[test]
    fn kept_reports_that_change_order_are_updated_too() {
        let old = library(&[(0, "", "2015-11-10"), (1, "Zebra", "2015-11-10"), (2, "Yak", "2015-11-10")]);
        let index = Index::build(&old);
        let mut new = old.clone();
        new.swap(0, 2);
        new[1].title.push_str(" Walrus");
        assert!(Runs::of(&[0, 1, 2, 3], &[2, DROPPED, 0]).is_none(), "out of order");
        let updated = index.updated(&old, &new, || false).unwrap();
        assert!(meaning(&updated) == meaning(&Index::build(&new)));
        assert_eq!(forms(&updated), forms(&Index::build(&new)));
    }

    #[test]
    fn runs_join_items_that_move_together() {
        // Reports of 2, 3 and 1 items; the second dropped, one item added before the third.
        let remap = [0, 1, DROPPED, DROPPED, DROPPED, 3];
        let Runs(runs) = Runs::of(&[0, 2, 5, 6], &remap).unwrap();
        assert_eq!(runs, [(0, 2, 0), (5, 6, 3)]);
        let Runs(runs) = Runs::of(&[0, 2, 5, 6], &[0, 1, 2, 3, 4, 5]).unwrap();
        assert_eq!(runs, [(0, 6, 0)]);
    }
}
