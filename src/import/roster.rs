//! The speakers found so far, indexed so that a text of many speakers stays
//! linear: each lookup (by name, by surname, a mention in a paragraph) costs
//! what the text looked at costs, not the number of speakers.

use super::DraftSpeaker;
use super::people::{self, Intro};
use std::collections::HashMap;

/// A string a speaker is mentioned by (a full name or a surname), shared by
/// every speaker mentioned by it. Its text is the first speaker's name or
/// surname, not a copy: a 16 MiB text has a hundred thousand speakers.
struct Needle {
    first: u32,
    surname: bool,
    more: Vec<u32>,
    /// Byte offset in the text of the run of letters and digits it is indexed by.
    key_at: u32,
    /// It can overlap itself ("Ali Ali" in "Ali Ali Ali"): its mentions are
    /// then found as `people::mentions` finds them, not at each key.
    overlaps: bool,
}

impl Needle {
    fn speakers(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.first).chain(self.more.iter().copied()).map(|s| s as usize)
    }
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
    /// FNV-1a of a needle's text → needles (compared in full).
    needle_of: HashMap<u64, Vec<u32>>,
    /// FNV-1a of a needle's longest run of letters and digits → the needles
    /// with that key. A collision costs a comparison, never a wrong mention:
    /// each candidate is checked in full.
    by_key: HashMap<u64, Vec<u32>>,
    /// Needles without a letter or digit, scanned for in every paragraph (a
    /// name always has a letter: this is only for safety).
    unkeyed: Vec<u32>,
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
        let surname = people::surname(&speaker.name);
        self.by_surname.entry(surname.to_string()).or_default().push(i);
        self.speakers.push(speaker);
        self.add_needle(i, false);
        self.add_needle(i, true);
    }

    fn text(&self, speaker: u32, surname: bool) -> &str {
        let name = &self.speakers[speaker as usize].name;
        if surname { people::surname(name) } else { name }
    }

    fn needle_text(&self, n: &Needle) -> &str {
        self.text(n.first, n.surname)
    }

    fn add_needle(&mut self, speaker: usize, surname: bool) {
        let Ok(speaker) = u32::try_from(speaker) else { return };
        let text = self.text(speaker, surname);
        if text.is_empty() {
            return;
        }
        let hash = fnv(text);
        let same = self
            .needle_of
            .get(&hash)
            .and_then(|ids| ids.iter().copied().find(|&n| self.needle_text(&self.needles[n as usize]) == text));
        if let Some(n) = same {
            self.needles[n as usize].more.push(speaker);
            return;
        }
        // The longest run is the rarest key; the last of equal ones is the surname.
        let key = runs(text).fold(None, |best: Option<(usize, usize)>, (a, b)| match best {
            Some((x, y)) if y - x > b - a => best,
            _ => Some((a, b)),
        });
        let needle = Needle {
            first: speaker,
            surname,
            more: Vec::new(),
            key_at: key.map_or(0, |(a, _)| a as u32),
            overlaps: has_border(text),
        };
        let key_hash = key.map(|(a, b)| fnv(&text[a..b]));
        let n = self.needles.len() as u32;
        match key_hash {
            Some(k) => self.by_key.entry(k).or_default().push(n),
            None => self.unkeyed.push(n),
        }
        self.needle_of.entry(hash).or_default().push(n);
        self.needles.push(needle);
    }

    /// Mentions of known speakers in a paragraph, by full name or surname, in
    /// order: `(byte offset, speaker)`, as `people::mentions` would find them
    /// for each speaker. A whole-word occurrence has each run of letters and
    /// digits of the needle on a whole run of the paragraph, so looking up
    /// the paragraph's runs finds every one.
    pub fn mentions(&self, p: &str) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut scan: Vec<u32> = self.unkeyed.clone();
        for (a, b) in runs(p) {
            let Some(candidates) = self.by_key.get(&fnv(&p[a..b])) else { continue };
            for &n in candidates {
                let needle = &self.needles[n as usize];
                let text = self.needle_text(needle);
                let Some(at) = a.checked_sub(needle.key_at as usize) else { continue };
                if !p.is_char_boundary(at) || !p[at..].starts_with(text) {
                    continue;
                }
                if needle.overlaps {
                    scan.push(n);
                } else if people::whole_word(p, at, text.len()) {
                    found.extend(needle.speakers().map(|s| (at, s)));
                }
            }
        }
        scan.sort_unstable();
        scan.dedup();
        for n in scan {
            let needle = &self.needles[n as usize];
            for at in people::mentions(p, self.needle_text(needle)) {
                found.extend(needle.speakers().map(|s| (at, s)));
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
