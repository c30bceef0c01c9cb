//! The generator's recurring people (examples/generate) are recognised as such: every spelling of one
//! person is gathered into one row of the people table, and no row gathers two of its persons.

#[allow(dead_code)]
#[path = "../examples/generate/library.rs"]
mod library;
#[allow(dead_code)]
#[path = "../examples/generate/people.rs"]
mod people;
#[allow(dead_code)]
#[path = "../examples/generate/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "../examples/generate/words.rs"]
mod words;

use podium::load::{Input, LoadOptions, load};
use podium::people::{Aliases, People};
use podium::search::name::person_key;
use std::collections::{HashMap, HashSet};

#[test]
fn generated_people_recur_and_are_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lib");
    let (population, casts) = library::write(&out, 150, 2, library::SEED);
    let lib = load(&[Input::Path(out)], &LoadOptions::default());
    assert!(lib.problems.is_empty(), "{:?}", lib.problems);
    assert_eq!(lib.reports.len(), 150);
    let table = People::build(&lib.reports, &Aliases::default());

    let entries: usize = lib.reports.iter().map(|r| r.speakers.len()).sum();
    assert!(table.len() * 2 < entries, "{} persons for {entries} speaker entries", table.len());

    // Generator person → the rows their entries went to; row → generator persons it holds.
    let mut rows_of: HashMap<usize, HashSet<usize>> = HashMap::new();
    let mut persons_of: HashMap<usize, HashSet<usize>> = HashMap::new();
    let mut spellings: HashMap<usize, HashSet<&str>> = HashMap::new();
    let mut initial_only_entries: HashMap<usize, usize> = HashMap::new();
    for (ri, r) in lib.reports.iter().enumerate() {
        let file = r.origin.path.file_stem().unwrap().to_str().unwrap();
        let i: usize = file.trim_start_matches("report-").parse().unwrap();
        assert_eq!(r.speakers.iter().filter(|s| s.moderator).count(), 1, "one moderator in {file}");
        for (si, s) in r.speakers.iter().enumerate() {
            let p = casts[i][si];
            let row = table.person_of(ri, si).unwrap();
            persons_of.entry(row).or_default().insert(p);
            // "M. Shita" (first name as an initial) is someone else by design: a likely duplicate.
            let initial_only = person_key(&s.name).split(' ').next().is_some_and(|w| w.len() == 1);
            if initial_only {
                *initial_only_entries.entry(p).or_default() += 1;
            } else {
                rows_of.entry(p).or_default().insert(row);
                spellings.entry(p).or_default().insert(&s.name);
            }
        }
    }
    for (row, ps) in &persons_of {
        assert_eq!(ps.len(), 1, "{} gathers several people", table.persons[*row].name);
    }
    for (p, rows) in &rows_of {
        assert_eq!(rows.len(), 1, "{} split over {rows:?}", population.persons[*p].name());
    }

    // The most recurring person: one row, their sessions, several spellings, more than one year.
    let top = (0..population.persons.len()).max_by_key(|&p| population.persons[p].sessions).unwrap();
    let person = &population.persons[top];
    assert!(person.sessions >= 5, "{} sessions", person.sessions);
    let row = &table.persons[*rows_of[&top].iter().next().unwrap()];
    assert_eq!(row.key, person_key(&person.name()));
    assert_eq!(row.sessions, person.sessions - initial_only_entries.get(&top).copied().unwrap_or(0));
    assert!(spellings[&top].len() > 1, "{:?}", spellings[&top]);
    let (first, last) = row.dates(&lib.reports);
    assert!(first[..4] < last[..4], "{first} .. {last}");
}
