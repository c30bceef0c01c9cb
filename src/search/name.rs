//! A person's name reduced to what identifies them across reports: case,
//! accents, punctuation, honorifics and middle initials do not count, so
//! "H.E. Mr. Vinton G. Cerf" and "vinton cerf" are the same person, while
//! "Anna Cerf" is not.

use super::fold::fold;

/// Words before a name that say what a person is, not who.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "he",
    "his",
    "her",
    "excellency",
    "ambassador",
    "amb",
    "sir",
    "dame",
    "lord",
    "lady",
    "hon",
    "honourable",
    "honorable",
    "rt",
    "right",
    "rev",
    "reverend",
    "senator",
    "sen",
    "judge",
    "justice",
    "minister",
    "president",
    "mp",
    "mep",
];

/// Words after a name that say what a person is, not who.
const SUFFIXES: &[&str] = &["jr", "sr", "phd", "md", "mp", "mep", "obe", "mbe", "cbe", "kbe", "esq", "ii", "iii", "iv"];

/// The words of a name that identify the person, folded: honorifics before it
/// and degrees after it removed, and single letters between the first and
/// last word (middle initials) dropped. "H.E." reads as the words "h" and "e";
/// both go with the honorifics. Empty when nothing is left.
pub fn person_words(name: &str) -> Vec<String> {
    identifying(&fold(name)).into_iter().map(str::to_string).collect()
}

/// The identity of a name: its [`person_words`] joined by spaces.
pub fn person_key(name: &str) -> String {
    // The people table computes one per speaker entry: one allocation for the words, one for the key.
    identifying(&fold(name)).join(" ")
}

/// [`person_words`] of a name already folded.
fn identifying(folded: &str) -> Vec<&str> {
    let mut words: Vec<&str> = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // "H.E." (His/Her Excellency) as two letters.
    let leading = |w: &[&str]| -> usize {
        match w {
            ["h", "e", ..] => 2,
            [first, ..] if HONORIFICS.contains(first) => 1,
            _ => 0,
        }
    };
    loop {
        let n = leading(&words);
        // Keep at least one word: "Professor" alone is someone's name here.
        if n == 0 || n >= words.len() {
            break;
        }
        words.drain(..n);
    }
    while words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(w)) {
        words.pop();
    }
    let last = words.len().saturating_sub(1);
    let mut i = 0;
    words.retain(|w| {
        let keep = i == 0 || i == last || w.len() > 1;
        i += 1;
        keep
    });
    words
}

/// Labels of speakers who are nobody in particular ("Participant", "Audience
/// member", an unnamed "Moderator"): transcripts use them in every session,
/// and they are never one person across reports.
const ANONYMOUS: &[&str] = &[
    "participant",
    "participants",
    "audience",
    "audience member",
    "remote participant",
    "online participant",
    "floor",
    "from the floor",
    "speaker",
    "unknown",
    "unknown speaker",
    "unidentified speaker",
    "moderator",
    "chair",
    "interpreter",
    "question",
    "male speaker",
    "female speaker",
];

/// Whether a key is such a label rather than a name.
pub fn is_anonymous(key: &str) -> bool {
    key.is_empty()
        || ANONYMOUS.contains(&key)
        || key.strip_prefix("speaker ").is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
}

/// The folded surname and first initial of a key: "vinton cerf" → ("cerf",
/// 'v'). Names of one word have none (they are too weak to compare).
pub fn surname_and_initial(key: &str) -> Option<(&str, char)> {
    let (first, rest) = key.split_once(' ')?;
    let surname = rest.rsplit(' ').next()?;
    Some((surname, first.chars().next()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_person_however_written() {
        let cases = [
            ("Vinton G. Cerf", "vinton cerf"),
            ("Vinton Cerf", "vinton cerf"),
            ("VINTON CERF", "vinton cerf"),
            ("Dr. Vinton G Cerf", "vinton cerf"),
            ("H.E. Mr. Ahmed Al-Amin", "ahmed al amin"),
            ("His Excellency Ahmed Al Amin", "ahmed al amin"),
            ("Ambassador Benedicto Fonseca Filho", "benedicto fonseca filho"),
            ("Prof. Arsène Tungali", "arsene tungali"),
            ("Sir Tim Berners-Lee", "tim berners lee"),
            ("Ms Laksmi Shita", "laksmi shita"),
            ("Mariam Barata, PhD", "mariam barata"),
            ("Martin Luther King Jr.", "martin luther king"),
            ("J. Smith", "j smith"),
            ("João  Pessoa", "joao pessoa"),
            ("Professor", "professor"),
            ("Dr.", "dr"),
            ("", ""),
        ];
        for (name, key) in cases {
            assert_eq!(person_key(name), key, "{name}");
        }
    }

    #[test]
    fn people_sharing_a_surname_stay_apart() {
        assert_ne!(person_key("Anna Cerf"), person_key("Vinton Cerf"));
        assert_ne!(person_key("V. Cerf"), person_key("Vinton Cerf"));
        assert_ne!(person_key("John Carr"), person_key("Jane Carr"));
    }

    #[test]
    fn labels_are_nobody() {
        for label in ["Participant", "AUDIENCE MEMBER", "Moderator", "Speaker 2", "", "Unknown speaker"] {
            assert!(is_anonymous(&person_key(label)), "{label}");
        }
        for name in ["Moderator Smith", "Ann Chair", "Speaker Pelosi"] {
            assert!(!is_anonymous(&person_key(name)), "{name}");
        }
    }

    #[test]
    fn surname_and_initial_compare_spellings() {
        assert_eq!(surname_and_initial("vinton cerf"), Some(("cerf", 'v')));
        assert_eq!(surname_and_initial("v cerf"), Some(("cerf", 'v')));
        assert_eq!(surname_and_initial("tim berners lee"), Some(("lee", 't')));
        assert_eq!(surname_and_initial("cher"), None);
    }
}
