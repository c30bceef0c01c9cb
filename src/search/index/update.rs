//! An index brought up to date with a changed library without folding its
//! unchanged reports again: their items keep their postings (renumbered), and
//! only the items of new and changed reports are folded and tokenised, the
//! costly part of a build. A live reload of a few files in a large library
//! then costs a pass over the posting bytes, not a rebuild.

use super::{Index, Item, PostingList, Postings, Vocabulary, list_items, mask};
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
        let items = list_items(new);
        // Where each report's items start, in both libraries.
        let starts = |items: &[Item], reports: usize| {
            let mut starts = vec![0u32; reports + 1];
            for (i, it) in items.iter().enumerate().rev() {
                starts[it.report as usize] = i as u32;
            }
            starts[reports] = items.len() as u32;
            starts
        };
        let (old_starts, new_starts) = (starts(&self.items, old.len()), starts(&items, new.len()));
        // Report ids are unique in a library: an unchanged report has the same
        // id and is equal in every field (its origin among them).
        let old_by_id: HashMap<&str, usize> = old.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let mut remap = vec![DROPPED; self.items.len()];
        let mut fresh: Vec<u32> = Vec::new();
        for (n, report) in new.iter().enumerate() {
            let (ns, ne) = (new_starts[n], new_starts[n + 1]);
            match old_by_id.get(report.id.as_str()).filter(|&&o| old[o] == *report) {
                Some(&o) => {
                    for (k, slot) in remap[old_starts[o] as usize..old_starts[o + 1] as usize].iter_mut().enumerate() {
                        *slot = ns + k as u32;
                    }
                }
                None => fresh.extend(ns..ne),
            }
        }
        // Mostly new (a first load after a partial one): a build is faster,
        // on both cores.
        if fresh.len() * 2 > items.len() {
            return Index::build_unless(new, stop);
        }
        let fresh_items: Vec<Item> = fresh.iter().map(|&i| items[i as usize]).collect();
        let added = Vocabulary::build(new, &fresh_items, &|k| fresh[k], &stop)?;

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
        for (o, &n) in remap.iter().enumerate() {
            if n != DROPPED {
                let n = n as usize;
                index.head_len[n] = self.head_len[o];
                index.first_word[n] = word(self.first_word[o]);
                index.last_word[n] = word(self.last_word[o]);
            }
        }
        let added_word = |w: u32| if w == super::NO_WORD { w } else { word(added_ids[w as usize]) };
        for (k, &n) in fresh.iter().enumerate() {
            let n = n as usize;
            index.head_len[n] = added.head_len[k];
            index.first_word[n] = added_word(added.first_word[k]);
            index.last_word[n] = added_word(added.last_word[k]);
        }
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
        }
    }
}
