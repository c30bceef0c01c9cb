//! A population of speakers who recur across reports as people do: a few speak at dozens of sessions, most at
//! one or two; each keeps who they are while reports write their name differently ("Dr.", "H.E.", a middle
//! initial, accents dropped, capitals) and while their role and organisation change over the years.
//!
//! Sessions per person follow a power law, P(n) ∝ n^-1.8 for n up to `MAX_SESSIONS` (Zipf-like: ranked by
//! sessions, the k-th person has about k^-1.25 of the first's). With 4–7 speakers a report that is about 1.4
//! persons a report, 70% of them at one or two sessions. The counts are dealt like a shuffled deck, so a
//! person's sessions are spread over the whole library, never twice in one report.

use crate::rng::Rng;
use crate::words::{FAMILY, GIVEN, MORE_GIVEN, OFFICIAL_ROLES, ORGS, ROLES, SYLLABLES, TITLES};
use podium::search::fold::fold_cased;
use podium::search::name::{person_key, surname_and_initial};
use std::collections::HashSet;

/// The most sessions one person has (fewer in a small library: at most a third of its reports).
const MAX_SESSIONS: usize = 80;
const EXPONENT: f64 = 1.8;
/// The first year of the library's dates: careers change from the year after.
pub const FIRST_YEAR: u16 = 2015;
pub const YEARS: u16 = 10;

/// A position held from a year on.
pub struct Stage {
    pub from: u16,
    pub role: &'static str,
    pub organisation: &'static str,
}

pub struct Person {
    pub given: &'static str,
    pub middle: Option<char>,
    pub family: String,
    pub title: Option<&'static str>,
    /// Oldest first; the first from before the library's first year.
    pub career: Vec<Stage>,
    /// Sessions dealt so far.
    pub sessions: usize,
}

impl Person {
    /// The name as the person would write it: "Mariam Shita".
    #[allow(dead_code)] // tests/people_generated.rs and benches/people.rs
    pub fn name(&self) -> String {
        format!("{} {}", self.given, self.family)
    }

    /// Their position in a year.
    pub fn stage(&self, year: u16) -> &Stage {
        self.career.iter().rev().find(|s| s.from <= year).unwrap_or(&self.career[0])
    }

    /// The name as one report writes it. Every form identifies the same person (same
    /// `person_key`), except a rare one with the first name as an initial ("M. Shita"),
    /// which `podium validate` reports as a likely duplicate, as it would in a real archive.
    pub fn written(&self, rng: &mut Rng) -> String {
        let mut name = String::new();
        if let Some(t) = self.title.filter(|_| rng.below(2) == 0) {
            name.push_str(t);
            name.push(' ');
        }
        if rng.below(100) == 0 {
            name.extend(self.given.chars().next());
            name.push('.');
        } else {
            name.push_str(self.given);
        }
        if let Some(m) = self.middle.filter(|_| rng.below(2) == 0) {
            name.push(' ');
            name.push(m);
            if rng.below(4) != 0 {
                name.push('.');
            }
        }
        name.push(' ');
        name.push_str(&self.family);
        match rng.below(20) {
            0 | 1 => fold_cased(&name),
            2 => name.to_uppercase(),
            _ => name,
        }
    }
}

pub struct Population {
    pub persons: Vec<Person>,
    /// Person indices, one per speaker entry of the library, shuffled.
    deck: Vec<u32>,
    dealt: usize,
    keys: HashSet<String>,
    /// (folded surname, first initial) already taken.
    namesakes: HashSet<(String, char)>,
    rng: Rng,
}

impl Population {
    /// People enough for `entries` speaker entries in `reports` reports.
    pub fn new(seed: u64, entries: usize, reports: usize) -> Population {
        let mut p = Population {
            persons: Vec::new(),
            deck: Vec::with_capacity(entries),
            dealt: 0,
            keys: HashSet::new(),
            namesakes: HashSet::new(),
            rng: Rng(seed ^ 0x243F_6A88_85A3_08D3 | 1),
        };
        let most = MAX_SESSIONS.min(reports / 3).max(1);
        let mut total = 0.0;
        let cumulative: Vec<f64> = (1..=most)
            .map(|n| {
                total += (n as f64).powf(-EXPONENT);
                total
            })
            .collect();
        while p.deck.len() < entries {
            let x = p.rng.unit() * total;
            let n = 1 + cumulative.partition_point(|&c| c < x).min(most - 1);
            let person = p.person() as u32;
            p.deck.extend(std::iter::repeat_n(person, n.min(entries - p.deck.len())));
        }
        for i in (1..p.deck.len()).rev() {
            let j = p.rng.below(i + 1);
            p.deck.swap(i, j);
        }
        p
    }

    /// The persons speaking in one report: `n` different people.
    pub fn cast(&mut self, n: usize) -> Vec<usize> {
        let mut chosen: Vec<usize> = Vec::with_capacity(n);
        while chosen.len() < n {
            let next = (self.dealt..self.deck.len()).find(|&j| !chosen.contains(&(self.deck[j] as usize)));
            let person = match next {
                Some(j) => {
                    self.deck.swap(self.dealt, j);
                    self.dealt += 1;
                    self.deck[self.dealt - 1] as usize
                }
                // The deck ran out, or holds only people already here.
                None => self.person(),
            };
            self.persons[person].sessions += 1;
            chosen.push(person);
        }
        chosen
    }

    /// The name as one report writes it (see [`Person::written`]).
    pub fn written(&mut self, person: usize) -> String {
        self.persons[person].written(&mut self.rng)
    }

    /// A new person, whose name no one else has, and whose surname and first initial are someone
    /// else's only now and then (namesakes exist: "John Carr" and "Jane Carr").
    fn person(&mut self) -> usize {
        let rng = &mut self.rng;
        let (given, family) = loop {
            let given = if rng.below(2) == 0 { rng.pick(GIVEN) } else { rng.pick(MORE_GIVEN) };
            let family = if rng.below(4) == 0 {
                rng.pick(FAMILY).to_string()
            } else {
                let mut f: String = (0..2 + rng.below(2)).map(|_| rng.pick(SYLLABLES)).collect();
                f[..1].make_ascii_uppercase();
                f
            };
            let key = person_key(&format!("{given} {family}"));
            if self.keys.contains(&key) {
                continue;
            }
            let Some((surname, initial)) = surname_and_initial(&key) else { continue };
            let namesake = (surname.to_string(), initial);
            if self.namesakes.contains(&namesake) && rng.below(25) != 0 {
                continue;
            }
            self.namesakes.insert(namesake);
            self.keys.insert(key);
            break (given, family);
        };
        let middle = (rng.below(5) < 2).then(|| (b'A' + rng.below(26) as u8) as char);
        let mut title = None;
        let mut roll = rng.below(100);
        for &(t, weight) in TITLES {
            if roll < weight {
                title = Some(t);
                break;
            }
            roll -= weight;
        }
        let roles = if title == Some("H.E.") { OFFICIAL_ROLES } else { ROLES };
        let mut career = vec![Stage { from: 0, role: rng.pick(roles), organisation: rng.pick(ORGS) }];
        for _ in 0..rng.below(3) {
            let from = FIRST_YEAR + 1 + rng.below(YEARS as usize - 1) as u16;
            if career.iter().all(|s| s.from != from) {
                career.push(Stage { from, role: rng.pick(roles), organisation: rng.pick(ORGS) });
            }
        }
        career.sort_by_key(|s| s.from);
        self.persons.push(Person { given, middle, family, title, career, sessions: 0 });
        self.persons.len() - 1
    }
}
