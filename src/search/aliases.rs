//! The configuration's `[people]` table: other names of one person.

use super::name::person_key;
use std::collections::HashMap;

/// `"Vint Cerf" = "Vinton Cerf"`: the key of each alias, to the key and the
/// written name of the person it names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases {
    to: HashMap<String, (String, String)>,
}

impl Aliases {
    /// From `(alias, person)` pairs as written. An alias whose key is the
    /// person's own changes nothing and is dropped; chains (`a = b`, `b = c`)
    /// are followed to their end, and a loop stops where it closes.
    pub fn new<I, A, B>(pairs: I) -> Aliases
    where
        I: IntoIterator<Item = (A, B)>,
        A: AsRef<str>,
        B: AsRef<str>,
    {
        let direct: HashMap<String, (String, String)> = pairs
            .into_iter()
            .map(|(a, b)| (person_key(a.as_ref()), (person_key(b.as_ref()), b.as_ref().to_string())))
            .filter(|(a, (b, _))| !a.is_empty() && !b.is_empty() && a != b)
            .collect();
        let mut to = HashMap::with_capacity(direct.len());
        for start in direct.keys() {
            let mut at = &direct[start];
            let mut seen = vec![start.as_str()];
            while let Some(next) = direct.get(&at.0) {
                if seen.contains(&at.0.as_str()) {
                    break;
                }
                seen.push(&at.0);
                at = next;
            }
            to.insert(start.clone(), at.clone());
        }
        Aliases { to }
    }

    pub fn is_empty(&self) -> bool {
        self.to.is_empty()
    }

    /// Who a speaker is across the library, as `People::build` has it: the
    /// key of their `person:` if the file gives one, else of their name,
    /// through the aliases; and the person's name as the configuration writes
    /// it, when an alias named them. What `speaker:` matches a person by. An
    /// empty or anonymous key ([`super::name::is_anonymous`]) is nobody in particular.
    pub fn identify(&self, person: Option<&str>, name: &str) -> (String, Option<&str>) {
        let own = person_key(person.unwrap_or(name));
        match self.to.get(&own) {
            Some((key, written)) => (key.clone(), Some(written)),
            None => (own, None),
        }
    }

    /// The key a name's key stands for, and the person's name as the
    /// configuration writes it (`None`: no alias).
    pub fn resolve<'a>(&'a self, key: &'a str) -> (&'a str, Option<&'a str>) {
        match self.to.get(key) {
            Some((k, name)) => (k, Some(name)),
            None => (key, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_names_its_person_however_written() {
        let a = Aliases::new([("Vint Cerf", "Vinton Cerf")]);
        assert_eq!(a.resolve(&person_key("Dr. VINT  Cerf")), ("vinton cerf", Some("Vinton Cerf")));
        assert_eq!(a.resolve("anna cerf"), ("anna cerf", None));
    }

    #[test]
    fn a_speaker_is_who_person_says_else_their_name() {
        let a = Aliases::new([("Vint Cerf", "Vinton Cerf")]);
        assert_eq!(a.identify(None, "Dr. Vint Cerf"), ("vinton cerf".into(), Some("Vinton Cerf")));
        assert_eq!(a.identify(Some("Anna Cerf"), "Vint Cerf"), ("anna cerf".into(), None));
        assert_eq!(a.identify(None, "Dr."), ("dr".into(), None));
        assert_eq!(a.identify(Some("!!"), "Ann"), ("".into(), None), "a person: of no words is nobody");
    }

    #[test]
    fn chains_are_followed_and_loops_end() {
        let a = Aliases::new([("A B", "C D"), ("C D", "E F")]);
        assert_eq!(a.resolve("a b").0, "e f");
        let looped = Aliases::new([("A B", "C D"), ("C D", "A B")]);
        assert!(["a b", "c d"].contains(&looped.resolve("a b").0));
        assert!(Aliases::new([("Mr A B", "A B")]).is_empty());
    }
}
