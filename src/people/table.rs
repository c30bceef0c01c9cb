//! The people table: one row per person, their appearances newest first.

use super::Aliases;
use crate::model::{Report, Speaker};
use crate::search::fold::fold;
use crate::search::name::{is_anonymous, person_key};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// In `of_speaker`: a speaker who is nobody in particular ([`is_anonymous`]).
const NOBODY: u32 = u32::MAX;

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// One speaker entry of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appearance {
    pub report: u32,
    pub speaker: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// What identifies them (see the module's doc).
    pub key: String,
    /// As the newest report writes it, unless `person:` or an alias names them.
    pub name: String,
    /// Newest first: by date, then start time, then the library's order.
    pub appearances: Vec<Appearance>,
    /// Reports they speak in (a report may list a person twice).
    pub sessions: usize,
    pub quotes: usize,
    /// Every appearance is named by a `person:` or an alias: an identity
    /// someone chose, not one guessed from the name.
    pub chosen: bool,
    /// The name folded, for the filter.
    folded: String,
}

impl Person {
    /// Their entry in the newest report: its role and organisation are theirs now.
    pub fn latest<'a>(&self, reports: &'a [Report]) -> &'a Speaker {
        let a = self.appearances[0];
        &reports[a.report as usize].speakers[a.speaker as usize]
    }

    /// The dates of their first and last appearance.
    pub fn dates<'a>(&self, reports: &'a [Report]) -> (&'a str, &'a str) {
        let date = |a: &Appearance| reports[a.report as usize].date.as_str();
        (self.appearances.last().map_or("", date), date(&self.appearances[0]))
    }

    /// Every quote of theirs, newest report first, in each report's order:
    /// `(report, quote)` indices.
    pub fn quotes<'a>(&'a self, reports: &'a [Report]) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.appearances.iter().flat_map(move |a| {
            let r = &reports[a.report as usize];
            let id = r.speakers[a.speaker as usize].id.as_str();
            r.quotes.iter().enumerate().filter(move |(_, q)| q.speaker == id).map(move |(q, _)| (a.report as usize, q))
        })
    }
}

/// The number of quotes of each of a report's speakers, into `out` (by speaker index): the quotes whose
/// `speaker` is that speaker's id.
fn speaker_quotes<'a>(r: &'a Report, by_id: &mut FastMap<&'a str, usize>, out: &mut Vec<usize>) {
    by_id.clear();
    for q in &r.quotes {
        *by_id.entry(q.speaker.as_str()).or_default() += 1;
    }
    out.clear();
    out.extend(r.speakers.iter().map(|s| by_id.get(s.id.as_str()).copied().unwrap_or(0)));
}

/// What a name given on the command line finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    None,
    One(usize),
    /// Indices into `persons`, best first.
    Many(Vec<usize>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    /// By sessions (most first), then name.
    pub persons: Vec<Person>,
    /// For each report, for each of its speakers: their index in `persons`.
    of_speaker: Vec<Vec<u32>>,
}

impl People {
    pub fn build(reports: &[Report], aliases: &Aliases) -> People {
        struct Draft {
            key: String,
            named: Option<String>,
            appearances: Vec<Appearance>,
            quotes: usize,
            chosen: bool,
        }
        let mut drafts: Vec<Draft> = Vec::new();
        // foldhash, not SipHash: a third of the build went to hashing. It is randomly seeded, so names
        // crafted to collide cannot be planned (as in the search index).
        let mut by_key: FastMap<String, u32> = FastMap::default();
        let mut of_speaker: Vec<Vec<u32>> = Vec::with_capacity(reports.len());
        // Appearances are gathered newest first, so each person's list is sorted as made.
        let mut order: Vec<usize> = (0..reports.len()).collect();
        order.sort_by(|&a, &b| {
            let (ra, rb) = (&reports[a], &reports[b]);
            rb.date.cmp(&ra.date).then_with(|| rb.start.cmp(&ra.start)).then(a.cmp(&b))
        });
        of_speaker.resize_with(reports.len(), Vec::new);
        let mut quotes: Vec<usize> = Vec::new();
        let mut by_id = FastMap::default();
        // Each name as written, without a `person:`, to its person.
        let mut by_name: FastMap<&str, (u32, bool)> = FastMap::default();
        for ri in order {
            let r = &reports[ri];
            speaker_quotes(r, &mut by_id, &mut quotes);
            let mut mine = Vec::with_capacity(r.speakers.len());
            for (si, s) in r.speakers.iter().enumerate() {
                // A name written as before is the same person as before: most entries skip the key.
                let seen = if s.person.is_none() { by_name.get(s.name.as_str()).copied() } else { None };
                // `named`: by a `person:` or an alias, rather than guessed from the name.
                let (p, named) = match seen {
                    Some(seen) => seen,
                    None => {
                        let own = person_key(s.person.as_deref().unwrap_or(&s.name));
                        let (key, alias_name) = aliases.resolve(&own);
                        let named = s.person.is_some() || alias_name.is_some();
                        let p = if is_anonymous(key) {
                            NOBODY
                        } else {
                            let p = match by_key.get(key) {
                                Some(&p) => p,
                                None => {
                                    let d = Draft {
                                        key: key.to_string(),
                                        named: None,
                                        appearances: vec![],
                                        quotes: 0,
                                        chosen: true,
                                    };
                                    drafts.push(d);
                                    by_key.insert(key.to_string(), (drafts.len() - 1) as u32);
                                    (drafts.len() - 1) as u32
                                }
                            };
                            let d = &mut drafts[p as usize];
                            if d.named.is_none() {
                                d.named = s.person.clone().or_else(|| alias_name.map(str::to_string));
                            }
                            p
                        };
                        if s.person.is_none() {
                            by_name.insert(&s.name, (p, named));
                        }
                        (p, named)
                    }
                };
                if p == NOBODY {
                    mine.push(NOBODY);
                    continue;
                }
                let d = &mut drafts[p as usize];
                d.chosen &= named;
                d.appearances.push(Appearance { report: ri as u32, speaker: si as u32 });
                d.quotes += quotes[si];
                mine.push(p);
            }
            of_speaker[ri] = mine;
        }
        let mut persons: Vec<Person> = drafts
            .into_iter()
            .map(|d| {
                let first = d.appearances[0];
                let name = d
                    .named
                    .unwrap_or_else(|| reports[first.report as usize].speakers[first.speaker as usize].name.clone());
                // A report's appearances of one person are next to each other (gathered report by report).
                let sessions = 1 + d.appearances.windows(2).filter(|w| w[0].report != w[1].report).count();
                Person {
                    folded: fold(&name),
                    key: d.key,
                    name,
                    sessions,
                    appearances: d.appearances,
                    quotes: d.quotes,
                    chosen: d.chosen,
                }
            })
            .collect();
        let mut rank: Vec<usize> = (0..persons.len()).collect();
        rank.sort_by(|&a, &b| {
            let (pa, pb) = (&persons[a], &persons[b]);
            pb.sessions.cmp(&pa.sessions).then_with(|| pa.key.cmp(&pb.key)).then(a.cmp(&b))
        });
        let mut new_of_old = vec![0u32; persons.len()];
        for (new, &old) in rank.iter().enumerate() {
            new_of_old[old] = new as u32;
        }
        for row in &mut of_speaker {
            for p in row.iter_mut().filter(|p| **p != NOBODY) {
                *p = new_of_old[*p as usize];
            }
        }
        let mut slots: Vec<Option<Person>> = persons.drain(..).map(Some).collect();
        let persons = rank.iter().map(|&old| slots[old].take().expect("each person once")).collect();
        People { persons, of_speaker }
    }

    pub fn len(&self) -> usize {
        self.persons.len()
    }

    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    /// The person a report's speaker is (`None` for "Participant" and the like).
    pub fn person_of(&self, report: usize, speaker: usize) -> Option<usize> {
        self.of_speaker.get(report)?.get(speaker).filter(|&&p| p != NOBODY).map(|&p| p as usize)
    }

    /// Indices into `persons` sorted by name (as identified: no honorifics), for the by-name order.
    pub fn by_name(&self) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.persons.len()).collect();
        v.sort_by(|&a, &b| self.persons[a].key.cmp(&self.persons[b].key).then(a.cmp(&b)));
        v
    }

    /// The persons whose name matches `query` fuzzily (folded, as search
    /// folds), best first; ties keep the order of `among`. An empty query keeps
    /// `among` as it is.
    pub fn filter(&self, query: &str, among: &[usize]) -> Vec<usize> {
        let q = fold(query.trim());
        if q.is_empty() {
            return among.to_vec();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize, usize)> = among
            .iter()
            .enumerate()
            .filter_map(|(rank, &p)| matcher.fuzzy_match(&self.persons[p].folded, &q).map(|s| (s, rank, p)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, p)| p).collect()
    }

    /// A person named on the command line: the same identity (key) first,
    /// else a fuzzy match on the name when it finds exactly one.
    pub fn lookup(&self, name: &str, aliases: &Aliases) -> Lookup {
        let own = person_key(name);
        let (key, _) = aliases.resolve(&own);
        if let Some(p) = self.persons.iter().position(|p| p.key == key) {
            return Lookup::One(p);
        }
        let all: Vec<usize> = (0..self.persons.len()).collect();
        let found = self.filter(name, &all);
        match found.len() {
            0 => Lookup::None,
            1 => Lookup::One(found[0]),
            _ => Lookup::Many(found),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Quote};

    fn report(id: &str, date: &str, speakers: &[(&str, &str)], quotes: &[(&str, &str)]) -> Report {
        Report {
            id: id.into(),
            title: format!("Session {id}"),
            event: None,
            kind: None,
            date: date.into(),
            start: None,
            end: None,
            location: None,
            author: None,
            source: None,
            tags: vec![],
            summary: None,
            conclusion: None,
            speakers: speakers
                .iter()
                .map(|(sid, name)| Speaker {
                    id: (*sid).into(),
                    name: (*name).into(),
                    role: Some(format!("role in {id}")),
                    organisation: None,
                    moderator: false,
                    points: vec![],
                    person: None,
                })
                .collect(),
            quotes: quotes
                .iter()
                .map(|(s, t)| Quote { speaker: (*s).into(), text: (*t).into(), context: None })
                .collect(),
            origin: Origin { path: format!("{id}.yaml").into(), document: 0, line: 1 },
        }
    }

    fn library() -> Vec<Report> {
        vec![
            report(
                "a",
                "2015-11-10",
                &[("vc", "Vinton G. Cerf"), ("ac", "Anna Cerf")],
                &[("vc", "one"), ("ac", "two")],
            ),
            report(
                "b",
                "2019-11-26",
                &[("v", "Dr. Vinton Cerf"), ("j", "João Pessoa")],
                &[("v", "three"), ("v", "four")],
            ),
            report("c", "2017-12-18", &[("jp", "Joao Pessoa"), ("vc", "VINTON CERF"), ("p", "Participant")], &[]),
        ]
    }

    #[test]
    fn a_person_gathers_every_spelling_newest_first() {
        let reports = library();
        let people = People::build(&reports, &Aliases::default());
        let vint = &people.persons[0];
        assert_eq!(vint.key, "vinton cerf");
        assert_eq!(vint.name, "Dr. Vinton Cerf", "as the newest report writes it");
        assert_eq!(vint.sessions, 3);
        assert_eq!(vint.quotes, 3);
        let order: Vec<u32> = vint.appearances.iter().map(|a| a.report).collect();
        assert_eq!(order, [1, 2, 0]);
        assert_eq!(vint.dates(&reports), ("2015-11-10", "2019-11-26"));
        assert_eq!(vint.latest(&reports).role.as_deref(), Some("role in b"));
        let quotes: Vec<&str> = vint.quotes(&reports).map(|(r, q)| reports[r].quotes[q].text.as_str()).collect();
        assert_eq!(quotes, ["three", "four", "one"]);
        assert_eq!(people.persons[1].key, "joao pessoa");
        assert_eq!(people.persons[2].key, "anna cerf", "a shared surname is not the same person");
        assert_eq!(people.len(), 3);
        assert_eq!(people.person_of(0, 1), Some(2));
        assert_eq!(people.person_of(2, 1), Some(0));
        assert_eq!(people.person_of(9, 0), None);
        assert_eq!(people.person_of(2, 2), None, "a participant is nobody in particular");
    }

    #[test]
    fn person_and_aliases_merge_and_split() {
        let mut reports = library();
        // Anna is the same person as Vinton here (a made-up merge), and João in c is someone else.
        reports[0].speakers[1].person = Some("Vinton Cerf".into());
        reports[2].speakers[0].person = Some("João Pessoa (Recife)".into());
        let people = People::build(&reports, &Aliases::default());
        assert_eq!(people.persons[0].sessions, 3);
        assert_eq!(people.persons[0].appearances.len(), 4);
        assert_eq!(people.len(), 3);
        let recife = people.persons.iter().find(|p| p.key == "joao pessoa recife").expect("split off");
        assert_eq!(recife.name, "João Pessoa (Recife)");

        let aliases = Aliases::new([("Anna Cerf", "Vint")]);
        let people = People::build(&library(), &aliases);
        let vint = people.persons.iter().find(|p| p.key == "vint").expect("alias target");
        assert_eq!((vint.name.as_str(), vint.sessions), ("Vint", 1));
    }

    #[test]
    fn a_name_written_again_is_the_same_person_unless_person_says_otherwise() {
        let mut reports = vec![
            report("a", "2016-01-01", &[("x", "Ann Lee"), ("y", "Bo Ek")], &[("x", "1"), ("x", "2"), ("y", "3")]),
            report("b", "2017-01-01", &[("x", "Ann Lee")], &[("x", "4")]),
            report("c", "2018-01-01", &[("x", "Ann Lee"), ("y", "Bo Ek")], &[("y", "5")]),
        ];
        reports[1].speakers[0].person = Some("Ann Lee (Oslo)".into());
        let people = People::build(&reports, &Aliases::new([("Bo Ek", "Bo Eklund")]));
        let find = |key: &str| people.persons.iter().find(|p| p.key == key).expect(key);
        let ann = find("ann lee");
        assert_eq!((ann.sessions, ann.quotes), (2, 2));
        assert_eq!(find("ann lee oslo").quotes, 1);
        let bo = find("bo eklund");
        assert_eq!((bo.name.as_str(), bo.sessions, bo.quotes), ("Bo Eklund", 2, 2));
        assert_eq!(people.person_of(0, 0), people.person_of(2, 0));
        assert_ne!(people.person_of(0, 0), people.person_of(1, 0));
    }

    #[test]
    fn filter_and_lookup_fold_accents_and_rank() {
        let reports = library();
        let people = People::build(&reports, &Aliases::default());
        let all: Vec<usize> = (0..people.len()).collect();
        let names = |v: Vec<usize>| v.into_iter().map(|p| people.persons[p].key.clone()).collect::<Vec<_>>();
        assert_eq!(names(people.filter("joão", &all)), ["joao pessoa"]);
        assert_eq!(names(people.filter("cerf", &all)), ["vinton cerf", "anna cerf"]);
        assert_eq!(names(people.filter("", &all)).len(), 3);
        assert_eq!(names(people.by_name()), ["anna cerf", "joao pessoa", "vinton cerf"]);
        let aliases = Aliases::default();
        assert_eq!(people.lookup("Vinton G Cerf", &aliases), Lookup::One(0));
        assert_eq!(people.lookup("pessoa", &aliases), Lookup::One(1));
        assert!(matches!(people.lookup("cerf", &aliases), Lookup::Many(v) if v.len() == 2));
        assert_eq!(people.lookup("nobody at all", &aliases), Lookup::None);
    }
}
