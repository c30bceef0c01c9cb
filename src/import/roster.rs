//! The speakers found so far, indexed so that a text of many speakers stays
//! linear: each lookup (by name, by surname, a mention in a paragraph) costs
//! what the text looked at costs, not the number of speakers.

use super::DraftSpeaker;
use super::people::{self, Intro};
use std::collections::HashMap;

/// A string a speaker is mentioned by (a full name or a surname), shared by
/// every speaker mentioned by it.
struct Needle {
    text: String,
    speakers: Vec<usize>,
    /// Byte offset in `text` of the run of letters and digits it is indexed by.
    key_at: usize,
    /// It can overlap itself ("Ali Ali" in "Ali Ali Ali"): its mentions are
    /// then found as `people::mentions` finds them, not at each key.
    overlaps: bool,
}

#[derive(Default)]
pub struct Roster {
    pub speakers: Vec<DraftSpeaker>,
    /// FNV-1a of each name → speakers of that name, in order (prefixes of a
    /// phrase are hashed as they grow, so looking a phrase up stays linear).
    by_name: HashMap<u64, Vec<usize>>,
    longest_name: usize,
    by_surname: HashMap<String, Vec<usize>>,
    needles: Vec<Needle>,
    needle_of: HashMap<String, usize>,
    /// A needle's longest run of letters and digits → the needles with that key.
    by_key: HashMap<String, Vec<usize>>,
    /// Needles without a letter or digit, scanned for in every paragraph (a
    /// name always has a letter: this is only for safety).
    unkeyed: Vec<usize>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(FNV_OFFSET, fnv_step)
}

/// Byte ranges of the maximal runs of alphanumeric characters.
fn runs(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = s.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| c.is_alphanumeric())?;
        let mut end = s.len();
        while let Some(&(at, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// Whether `s` has a proper prefix that is also its suffix (KMP's failure
/// function): only then can two of its occurrences overlap.
fn has_border(s: &str) -> bool {
    let b = s.as_bytes();
    let mut fail = vec![0usize; b.len()];
    let mut k = 0;
    for i in 1..b.len() {
        while k > 0 && b[i] != b[k] {
            k = fail[k - 1];
        }
        if b[i] == b[k] {
            k += 1;
        }
        fail[i] = k;
    }
    fail.last().is_some_and(|&k| k > 0)
}

impl Roster {
    /// Adds an introduced speaker, or completes the one of that name.
    pub fn add(&mut self, intro: Intro) {
        match self.named(&intro.name) {
            Some(i) => {
                let s = &mut self.speakers[i];
                s.role = s.role.take().or(intro.role);
                s.organisation = s.organisation.take().or(intro.organisation);
                s.moderator |= intro.moderator;
            }
            None => self.push(DraftSpeaker {
                name: intro.name,
                role: intro.role,
                organisation: intro.organisation,
                moderator: intro.moderator,
                ..Default::default()
            }),
        }
    }

    /// The first speaker called exactly `name`.
    fn named(&self, name: &str) -> Option<usize> {
        self.by_name.get(&fnv(name))?.iter().copied().find(|&i| self.speakers[i].name == name)
    }

    pub fn push(&mut self, speaker: DraftSpeaker) {
        let i = self.speakers.len();
        self.by_name.entry(fnv(&speaker.name)).or_default().push(i);
        self.longest_name = self.longest_name.max(speaker.name.len());
        let surname = people::surname(&speaker.name).to_string();
        self.by_surname.entry(surname.clone()).or_default().push(i);
        self.add_needle(&speaker.name, i);
        self.add_needle(&surname, i);
        self.speakers.push(speaker);
    }

    fn add_needle(&mut self, text: &str, speaker: usize) {
        if text.is_empty() {
            return;
        }
        if let Some(&n) = self.needle_of.get(text) {
            self.needles[n].speakers.push(speaker);
            return;
        }
        let n = self.needles.len();
        // The longest run is the rarest key; the last of equal ones is the surname.
        let key = runs(text).fold(None, |best: Option<(usize, usize)>, (a, b)| match best {
            Some((x, y)) if y - x > b - a => best,
            _ => Some((a, b)),
        });
        match key {
            Some((a, b)) => self.by_key.entry(text[a..b].to_string()).or_default().push(n),
            None => self.unkeyed.push(n),
        }
        self.needles.push(Needle {
            text: text.to_string(),
            speakers: vec![speaker],
            key_at: key.map_or(0, |(a, _)| a),
            overlaps: has_border(text),
        });
        self.needle_of.insert(text.to_string(), n);
    }

    /// Mentions of known speakers in a paragraph, by full name or surname, in
    /// order: `(byte offset, speaker)`, as `people::mentions` would find them
    /// for each speaker. A whole-word occurrence has each run of letters and
    /// digits of the needle on a whole run of the paragraph, so looking up
    /// the paragraph's runs finds every one.
    pub fn mentions(&self, p: &str) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut scan: Vec<usize> = self.unkeyed.clone();
        for (a, b) in runs(p) {
            let Some(candidates) = self.by_key.get(&p[a..b]) else { continue };
            for &n in candidates {
                let needle = &self.needles[n];
                let Some(at) = a.checked_sub(needle.key_at) else { continue };
                if !p.is_char_boundary(at) || !p[at..].starts_with(&needle.text) {
                    continue;
                }
                if needle.overlaps {
                    scan.push(n);
                } else if people::whole_word(p, at, needle.text.len()) {
                    found.extend(needle.speakers.iter().map(|&s| (at, s)));
                }
            }
        }
        scan.sort_unstable();
        scan.dedup();
        for n in scan {
            let needle = &self.needles[n];
            for at in people::mentions(p, &needle.text) {
                found.extend(needle.speakers.iter().map(|&s| (at, s)));
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// A known speaker named by `phrase` (full name or surname at its start):
    /// the first speaker whose name starts the phrase or whose surname is its
    /// first word.
    pub fn resolve(&self, phrase: &str) -> Option<usize> {
        let first = phrase.split_whitespace().next().map(|w| w.trim_end_matches(['.', ',', ';', ':']));
        let by_surname = first.and_then(|f| self.by_surname.get(f)).and_then(|v| v.first().copied());
        let mut by_name: Option<usize> = None;
        let mut h = FNV_OFFSET;
        for (l, &byte) in phrase.as_bytes().iter().enumerate().take(self.longest_name) {
            h = fnv_step(h, byte);
            let end = l + 1;
            if !phrase.is_char_boundary(end) {
                continue;
            }
            if let Some(ids) = self.by_name.get(&h)
                && let Some(i) = ids.iter().copied().find(|&i| self.speakers[i].name == phrase[..end])
            {
                by_name = Some(by_name.map_or(i, |b| b.min(i)));
            }
        }
        match (by_name, by_surname) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// When `phrase` names speaker `i` by surname alone and another speaker
    /// has that surname too, the attribution is a guess: say so.
    pub fn shared_surname(&self, i: usize, phrase: &str) -> Option<String> {
        let name = &self.speakers[i].name;
        let surname = people::surname(name);
        if phrase.starts_with(name.as_str()) {
            return None;
        }
        let others: Vec<&str> = self
            .by_surname
            .get(surname)
            .into_iter()
            .flatten()
            .filter(|&&j| j != i)
            .map(|&j| self.speakers[j].name.as_str())
            .collect();
        (!others.is_empty()).then(|| format!("`{surname}` may be {name} or {}: check which", others.join(" or ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn roster(names: &[String]) -> Roster {
        let mut r = Roster::default();
        for n in names {
            r.push(DraftSpeaker { name: n.clone(), ..Default::default() });
        }
        r
    }

    /// What the importer did before the index: every speaker scanned for.
    fn mentions_by_scanning(speakers: &[DraftSpeaker], p: &str) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (i, s) in speakers.iter().enumerate() {
            found.extend(people::mentions(p, &s.name).into_iter().map(|at| (at, i)));
            found.extend(people::mentions(p, people::surname(&s.name)).into_iter().map(|at| (at, i)));
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    fn resolve_by_scanning(speakers: &[DraftSpeaker], phrase: &str) -> Option<usize> {
        let first = phrase.split_whitespace().next().map(|w| w.trim_end_matches(['.', ',', ';', ':']));
        speakers.iter().position(|s| phrase.starts_with(&s.name) || first == Some(people::surname(&s.name)))
    }

    #[test]
    fn mentions_by_name_surname_and_overlapping_names() {
        let names = ["Jo Roe", "Al Roe", "Ali Ali", "(Zoë O’Neil)", "Jean-Luc Picard"].map(String::from);
        let r = roster(&names);
        let p = "Jo Roe met Roe, Ali Ali Ali and (Zoë O’Neil) then JoRoe, Picard and Jean-Luc Picard’s crew.";
        assert_eq!(r.mentions(p), mentions_by_scanning(&r.speakers, p));
        assert!(r.mentions(p).contains(&(0, 0)) && r.mentions(p).contains(&(11, 1)));
        assert_eq!(r.resolve("Roe said"), Some(0));
        assert_eq!(r.resolve("Al Roe, who"), Some(1));
        assert_eq!(r.resolve("Roe. Al Roe"), Some(0), "the first speaker of that surname");
        assert_eq!(r.resolve("Jean-Luc Picard."), Some(4));
        assert_eq!(r.resolve("Nobody"), None);
        assert_eq!(r.shared_surname(1, "Roe"), Some("`Roe` may be Al Roe or Jo Roe: check which".into()));
        assert_eq!(r.shared_surname(1, "Al Roe"), None);
    }

    proptest! {
        /// The index finds exactly what scanning for every speaker found.
        #[test]
        fn the_index_finds_what_scanning_found(
            names in prop::collection::vec("[A-C][ab]{0,2}( [A-C][ab’-]{0,2}){1,2}", 1..8),
            words in prop::collection::vec("[A-C(“]?[ab]{0,2}[’,.-]?[A-C]?[ab]{0,2}", 0..30),
        ) {
            let r = roster(&names);
            let p = words.join(" ");
            prop_assert_eq!(r.mentions(&p), mentions_by_scanning(&r.speakers, &p));
            for w in 0..words.len() {
                let phrase = words[w..].join(" ");
                prop_assert_eq!(r.resolve(&phrase), resolve_by_scanning(&r.speakers, &phrase));
            }
        }
    }
}
