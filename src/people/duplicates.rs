//! Likely duplicates: two persons whose names share the folded surname and
//! first initial but are spelled otherwise ("V. Cerf" and "Vinton Cerf"), and
//! that neither a `person:` nor an alias has merged, or split: a person whose
//! every appearance is named so is who they were said to be.

use super::{Appearance, People};
use crate::search::name::surname_and_initial;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    /// Indices into `People::persons`, `a < b`.
    pub a: usize,
    pub b: usize,
    /// Where each is first named (their oldest appearance).
    pub at_a: Appearance,
    pub at_b: Appearance,
}

/// Every such pair, in the order of the table.
pub fn likely_duplicates(people: &People) -> Vec<Duplicate> {
    let mut groups: HashMap<(&str, char), Vec<usize>> = HashMap::new();
    for (i, p) in people.persons.iter().enumerate().filter(|(_, p)| !p.chosen) {
        if let Some(k) = surname_and_initial(&p.key) {
            groups.entry(k).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let first = |p: usize| *people.persons[p].appearances.last().expect("a person appears");
                out.push(Duplicate { a, b, at_a: first(a), at_b: first(b) });
            }
        }
    }
    out.sort_by_key(|d| (d.a, d.b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample::{sample, speaker};
    use crate::people::Aliases;

    #[test]
    fn same_surname_and_initial_spelled_otherwise() {
        let mut a =
            sample("A", vec![speaker("v", "V. Cerf", None, None), speaker("n", "Anna Cerf", None, None)], vec![]);
        a.id = "a".into();
        let b = sample(
            "B",
            vec![speaker("v", "Vinton G. Cerf", None, None), speaker("x", "Vinton Cerf", None, None)],
            vec![],
        );
        let reports = vec![a, b];
        let people = People::build(&reports, &Aliases::default());
        let found = likely_duplicates(&people);
        assert_eq!(found.len(), 1, "{found:?}");
        let names = [&people.persons[found[0].a].key, &people.persons[found[0].b].key];
        assert!(names.contains(&&"v cerf".to_string()) && names.contains(&&"vinton cerf".to_string()));
        let merged = People::build(&reports, &Aliases::new([("V. Cerf", "Vinton Cerf")]));
        assert!(likely_duplicates(&merged).is_empty());
    }

    #[test]
    fn a_person_named_on_purpose_is_no_likely_duplicate() {
        // V. Cerf is someone else, said with `person:` (or an alias): nothing left to warn about.
        let a = sample("A", vec![speaker("v", "V. Cerf", None, None)], vec![]);
        let mut b = sample("B", vec![speaker("x", "Vinton Cerf", None, None)], vec![]);
        b.id = "b".into();
        let mut reports = vec![a, b];
        reports[0].speakers[0].person = Some("Valerie Cerf".into());
        assert!(likely_duplicates(&People::build(&reports, &Aliases::default())).is_empty());
        reports[0].speakers[0].person = None;
        assert_eq!(likely_duplicates(&People::build(&reports, &Aliases::default())).len(), 1);
        let split = Aliases::new([("V. Cerf", "Valerie Cerf")]);
        assert!(likely_duplicates(&People::build(&reports, &split)).is_empty());
        // Named in one report only: the other spelling is still a guess.
        let mut c = sample("C", vec![speaker("vg", "V. Cerf", None, None)], vec![]);
        c.id = "c".into();
        c.speakers[0].person = Some("V. Cerf".into());
        reports.push(c);
        assert_eq!(likely_duplicates(&People::build(&reports, &Aliases::default())).len(), 1);
    }
}
