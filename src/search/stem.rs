//! Word forms: "moderate" finds "moderating", "regulate" "regulation", by the
//! Snowball English stemmer over folded words. Only words of letters, of
//! [`MIN_LEN`] letters or more, have a stem: short words are mostly function
//! words, and their stems would join words that merely look alike.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// The fewest letters a word (or a term) needs to be matched by its stem.
pub const MIN_LEN: usize = 4;

/// A folded word's stem; `None` for words too short or with digits.
pub fn stem(word: &str) -> Option<String> {
    if word.len() < MIN_LEN || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    Some(Stemmer::create(Algorithm::English).stem(word).into_owned())
}

/// Whether a folded word has the stem `stem`. The stemmer only changes a
/// word's ending, so a word whose first letter differs is skipped unstemmed.
pub fn has_stem(word: &str, stem_of_term: &str) -> bool {
    word.as_bytes().first() == stem_of_term.as_bytes().first() && stem(word).is_some_and(|s| s == stem_of_term)
}

/// The words of a vocabulary by stem, for finding a term's other forms
/// without stemming the vocabulary at each keystroke.
#[derive(Default, Clone)]
pub struct StemTable {
    groups: HashMap<Box<str>, Vec<u32>, foldhash::fast::RandomState>,
}

impl StemTable {
    /// Stems every word (on all cores: a large vocabulary has ~10⁵ words).
    pub fn build(words: &[Box<str>]) -> StemTable {
        use rayon::prelude::*;
        let stems: Vec<Option<String>> = words.par_iter().map(|w| stem(w)).collect();
        let mut table = StemTable::default();
        for (id, s) in stems.into_iter().enumerate() {
            if let Some(s) = s {
                table.groups.entry(s.into_boxed_str()).or_default().push(id as u32);
            }
        }
        table
    }

    /// The table as stored: the stems, and each of `n_words` words' stem
    /// (its place among them, `u32::MAX` for none).
    pub fn to_parts(&self, n_words: usize) -> (Vec<&str>, Vec<u32>) {
        let mut stems: Vec<&str> = self.groups.keys().map(|s| &**s).collect();
        stems.sort_unstable();
        let mut of_word = vec![u32::MAX; n_words];
        for (k, s) in stems.iter().enumerate() {
            for &w in self.words(s) {
                if let Some(slot) = of_word.get_mut(w as usize) {
                    *slot = k as u32;
                }
            }
        }
        (stems, of_word)
    }

    /// The table stored as [`StemTable::to_parts`] made it; a stem number out
    /// of range is no stem (a stored file is untrusted).
    pub fn from_parts(stems: Vec<Box<str>>, of_word: &[u32]) -> StemTable {
        let mut ids: Vec<Vec<u32>> = vec![Vec::new(); stems.len()];
        for (w, &k) in of_word.iter().enumerate() {
            if let Some(list) = ids.get_mut(k as usize) {
                list.push(w as u32);
            }
        }
        let mut table = StemTable::default();
        table.groups.reserve(stems.len());
        for (s, list) in stems.into_iter().zip(ids).filter(|(_, l)| !l.is_empty()) {
            table.groups.insert(s, list);
        }
        table
    }

    /// The ids of the words with this stem.
    pub fn words(&self, stem: &str) -> &[u32] {
        self.groups.get(stem).map_or(&[], Vec::as_slice)
    }

    /// Approximate heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.groups.iter().map(|(s, ids)| s.len() + 16 + 24 + ids.capacity() * 4).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_people_type_share_a_stem() {
        for (a, b) in [
            ("moderate", "moderating"),
            ("privilege", "privileged"),
            ("regulate", "regulation"),
            ("protect", "protection"),
            ("child", "childs"),
            ("happy", "happiness"),
            ("teacher", "teachers"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
            assert!(has_stem(b, &stem(a).unwrap()), "{a} / {b}");
        }
        // Different words keep different stems; short words and numbers have none.
        assert_ne!(stem("mother"), stem("other"));
        assert_ne!(stem("abuse"), stem("about"));
        for w in ["the", "are", "2015", "g20s", "", "Caps"] {
            assert_eq!(stem(w), None, "{w}");
        }
    }

    #[test]
    fn the_table_finds_every_form() {
        let words: Vec<Box<str>> =
            ["moderating", "moderate", "moderator", "mod", "session", "sessions"].map(Box::from).to_vec();
        let table = StemTable::build(&words);
        let mut found = table.words(&stem("moderated").unwrap()).to_vec();
        found.sort_unstable();
        // "moderator" too: the stemmer takes -ator off as it takes -ating.
        assert_eq!(found, [0, 1, 2]);
        assert_eq!(table.words(&stem("session").unwrap()), [4, 5]);
        assert!(table.words("zzz").is_empty());
        let (stems, of_word) = table.to_parts(words.len());
        let back = StemTable::from_parts(stems.iter().map(|&s| Box::from(s)).collect(), &of_word);
        for w in ["moderated", "session"] {
            assert_eq!(back.words(&stem(w).unwrap()), table.words(&stem(w).unwrap()));
        }
        assert!(StemTable::from_parts(vec!["a".into()], &[7, u32::MAX]).words("a").is_empty());
    }
}
