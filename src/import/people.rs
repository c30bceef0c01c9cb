//! Finding speakers: how reporters introduce people ("Name, Role at
//! Organisation", "Role Name (Organisation)", "moderator Name, Role"…) and
//! how they refer to them later (by surname).

use std::collections::HashSet;

const HONORIFICS: [&str; 10] = ["Mr", "Ms", "Mrs", "Dr", "Prof", "H.E", "Sir", "Dame", "Hon", "Mx"];
/// Titles that are a role when they stand before a name.
const TITLES: [&str; 9] =
    ["Ambassador", "Professor", "Minister", "Senator", "Judge", "Commissioner", "Dean", "Councillor", "Mayor"];
const PARTICLES: [&str; 14] =
    ["da", "de", "del", "della", "der", "di", "do", "dos", "du", "van", "von", "bin", "al", "ter"];
/// Capitalised words that start sentences but never names.
const NOT_NAMES: [&str; 26] = [
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "For",
    "With",
    "Firstly",
    "Secondly",
    "Thirdly",
    "Finally",
    "However",
    "Moreover",
    "Her",
    "His",
    "Their",
    "Our",
    "After",
    "Before",
    "During",
    "Participants",
];
/// Adverbs that open a sentence before a name ("Later Bill Kay, …"): never
/// part of the name. Kept to a list: "Kelly" ends in -ly too.
const SENTENCE_ADVERBS: [&str; 24] = [
    "Later",
    "Then",
    "Next",
    "Also",
    "Meanwhile",
    "Afterwards",
    "Subsequently",
    "Similarly",
    "Likewise",
    "Additionally",
    "Furthermore",
    "Lastly",
    "Earlier",
    "Now",
    "Again",
    "Instead",
    "Separately",
    "Thus",
    "Indeed",
    "Notably",
    "Conversely",
    "Ultimately",
    "Initially",
    "Here",
];
/// Words of job titles: a run containing one is a role, not a name.
const ROLE_WORDS: [&str; 30] = [
    "Officer",
    "Manager",
    "Advisor",
    "Adviser",
    "Director",
    "Secretary",
    "General",
    "Chief",
    "Executive",
    "Senior",
    "Head",
    "President",
    "Coordinator",
    "Researcher",
    "Fellow",
    "Member",
    "Expert",
    "Programme",
    "Program",
    "Policy",
    "Lead",
    "Founder",
    "Chair",
    "Vice",
    "Deputy",
    "Assistant",
    "Professor",
    "Minister",
    "Analyst",
    "Consultant",
];
const CONNECTORS: [&str; 9] = ["of", "and", "for", "the", "de", "on", "&", "du", "des"];
const ORG_WORDS: &[&str] = &[
    "Ministry",
    "University",
    "Foundation",
    "Institute",
    "Association",
    "Society",
    "Council",
    "Commission",
    "Agency",
    "Organisation",
    "Organization",
    "International",
    "Network",
    "Centre",
    "Center",
    "Union",
    "Group",
    "Initiative",
    "Forum",
    "Office",
    "Department",
    "Bank",
    "Authority",
    "Alliance",
    "Fund",
    "Trust",
    "Company",
    "Corporation",
    "Inc",
    "Ltd",
    "Consortium",
    "Coalition",
    "Board",
    "Secretariat",
    "Committee",
    "Federation",
    "Partnership",
    "Observatory",
];

/// Titles, honorifics and role words before a name ("H.E. Dr", "Deputy
/// Director General"): a few at most. Bounded, since each word of a list may
/// start an introduction and an unbounded run made a long sentence quadratic.
const MAX_TITLE_WORDS: usize = 8;
/// Words inside "(Organisation)" after a name.
const MAX_BRACKET_WORDS: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Intro {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub moderator: bool,
}

fn bare(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

fn is_cap(w: &str) -> bool {
    let b = bare(w);
    b.chars().next().is_some_and(char::is_uppercase)
        && b.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\'' | '.'))
}

/// A job-title word, in any case: "Policy adviser" is a role as much as "Policy Adviser".
fn is_role_word(w: &str) -> bool {
    let b = bare(w);
    ROLE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(b))
}

fn is_honorific(w: &str) -> bool {
    HONORIFICS.contains(&w.trim_end_matches('.'))
}

/// A person's name at the start of `words`: 2–4 capitalised words (particles
/// such as "da" or "van" allowed between them), after an optional honorific.
/// Returns the name and how many words it used.
pub fn name_at(words: &[&str]) -> Option<(String, usize)> {
    let mut i = 0;
    // "Moderator Lee Park": a role written like a title before the name.
    let title_role = |w: &str| matches!(bare(w), "Moderator" | "Chair" | "Facilitator" | "Rapporteur");
    while i < MAX_TITLE_WORDS
        && words.get(i).is_some_and(|w| is_honorific(w) || (title_role(w) && !w.ends_with([',', ':'])))
        && words.get(i + 1).is_some_and(|n| is_cap(n))
    {
        i += 1;
    }
    let first = *words.get(i)?;
    if !is_cap(first)
        || NOT_NAMES.contains(&bare(first))
        || SENTENCE_ADVERBS.contains(&bare(first))
        || ORG_WORDS.contains(&bare(first))
    {
        return None;
    }
    let mut parts = vec![first];
    let mut j = i + 1;
    // Stop at a word that carries punctuation at its end (the name ends there).
    let ends = |w: &str| w.ends_with([',', '.', ';', ':', ')', '’', '”']) && !is_honorific(w);
    if !ends(first) {
        while let Some(&w) = words.get(j) {
            if parts.len() >= 5 {
                break;
            }
            if PARTICLES.contains(&w) && words.get(j + 1).is_some_and(|n| is_cap(n)) {
                parts.push(w);
                j += 1;
                continue;
            }
            if !is_cap(w) || ORG_WORDS.contains(&bare(w)) || w.starts_with('(') {
                break;
            }
            parts.push(w);
            j += 1;
            if ends(w) {
                break;
            }
        }
    }
    let caps = parts.iter().filter(|w| is_cap(w)).count();
    if !(2..=4).contains(&caps) || parts.iter().any(|w| ROLE_WORDS.contains(&bare(w))) {
        return None;
    }
    // "National Electoral Commission": a capitalised run that goes on into an
    // organisation word is an organisation, not a person.
    if !parts.last().is_some_and(|w| ends(w))
        && words.get(j).is_some_and(|w| !w.starts_with('(') && ORG_WORDS.contains(&bare(w)))
    {
        return None;
    }
    let name = parts.join(" ").trim_end_matches([',', '.', ';', ':']).to_string();
    Some((name, j))
}

/// A capitalised run (an organisation or a role): capitalised words joined by
/// connectors; a comma continues it only when a capitalised word follows that
/// is not a verb's subject ("…, ECPAT International, provided" stops).
fn cap_run(words: &[&str], allow_comma: bool) -> (String, usize) {
    let mut out: Vec<&str> = Vec::new();
    let mut j = 0;
    while let Some(&w) = words.get(j) {
        // Names of organisations and roles are short; bounding the run keeps a
        // hostile all-capitals text linear.
        if out.len() >= 16 {
            break;
        }
        let next_cap = words.get(j + 1).is_some_and(|n| is_cap(n));
        if is_cap(w) || (w.chars().all(|c| c.is_ascii_uppercase() || c == ',') && !w.is_empty()) {
            out.push(w);
            j += 1;
            // Organisation names may hold commas ("Ministry of Posts, Telecommunications
            // and Digital Economy"); a lower-case word after the comma ends it.
            if w.ends_with(',')
                && !(allow_comma && next_cap && !words.get(j).is_some_and(|n| NOT_NAMES.contains(&bare(n))))
            {
                break;
            }
            if w.ends_with(['.', ';', ':', ')']) {
                break;
            }
            continue;
        }
        if !out.is_empty() && CONNECTORS.contains(&w) && next_cap {
            out.push(w);
            j += 1;
            continue;
        }
        break;
    }
    while out.last().is_some_and(|w| CONNECTORS.contains(w)) {
        out.pop();
        j -= 1;
    }
    let text = out.join(" ").trim_end_matches([',', '.', ';', ':', ')']).to_string();
    (text, j)
}

fn looks_like_org(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        ORG_WORDS.contains(&bare(w)) || (bare(w).len() >= 2 && bare(w).chars().all(|c| c.is_ascii_uppercase()))
    })
}

/// Role and organisation after "Name, ": "Role at Org", "Role of the Org",
/// "Role, Org", "Org" alone.
fn affiliation(words: &[&str]) -> (Option<String>, Option<String>) {
    let (first, used) = cap_run(words, false);
    if first.is_empty() {
        return (None, None);
    }
    let rest = &words[used..];
    let sep = |w: &[&str]| -> Option<usize> {
        match w {
            ["at", "the", ..] => Some(2),
            ["at", ..] => Some(1),
            ["of", "the", ..] => Some(2),
            ["of", ..] => Some(1),
            _ => None,
        }
    };
    let ended_with_comma = words[used - 1].ends_with(',');
    if let Some(skip) = (!ended_with_comma).then(|| sep(rest)).flatten() {
        let (org, _) = cap_run(&rest[skip..], true);
        return (Some(first), (!org.is_empty()).then_some(org));
    }
    if ended_with_comma {
        let (second, _) = cap_run(rest, true);
        if !second.is_empty() {
            return (Some(first), Some(second));
        }
    }
    let role_like = first.split_whitespace().any(|w| ROLE_WORDS.contains(&bare(w)) || TITLES.contains(&bare(w)));
    if looks_like_org(&first) && !role_like { (None, Some(first)) } else { (Some(first), None) }
}

/// An introduction starting at `words` (a sentence, or the words after
/// "moderator" or a comma).
pub fn introduction_at(words: &[&str]) -> Option<Intro> {
    // "Later Bill Kay, …": the adverb opens the sentence, the name follows.
    let words = match words {
        [first, rest @ ..] if SENTENCE_ADVERBS.contains(&bare(first)) && !first.ends_with(',') => rest,
        _ => words,
    };
    // "Professor Jane Doe (University of Somewhere)", "Ambassador X, …"
    let mut role = None;
    let mut start = 0;
    // "Deputy Commissioner Elif Kaya (…)", "Policy adviser Jane Doe (…)": leading
    // title words are the role.
    while start < MAX_TITLE_WORDS
        && let Some(&w) = words.get(start)
        && (TITLES.contains(&bare(w)) || (is_role_word(w) && !w.ends_with(',')))
        && (start > 0 || is_cap(w))
        && words.get(start + 1).is_some_and(|n| is_cap(n) || is_role_word(n))
    {
        start += 1;
    }
    // Role words alone ("Executive Director Anriette Esterhuysen") make a role
    // only when an organisation in brackets follows the name: "Role Name (Org)".
    let bracket_after = |start: usize| {
        name_at(&words[start..]).is_some_and(|(_, used)| words.get(start + used).is_some_and(|w| w.starts_with('(')))
    };
    if start > 0 && (words[..start].iter().any(|w| TITLES.contains(&bare(w))) || bracket_after(start)) {
        role = Some(words[..start].iter().map(|w| bare(w)).collect::<Vec<_>>().join(" "));
    } else {
        start = 0;
    }
    let (name, used) = name_at(&words[start..])?;
    let after = &words[start + used..];
    let last_of_name = words[start + used - 1];
    if let Some(&next) = after.first()
        && next.starts_with('(')
    {
        // An organisation is a few words: an unclosed bracket must not make
        // every name of a long list carry the rest of the sentence.
        let after = &after[..after.len().min(MAX_BRACKET_WORDS)];
        let inside: Vec<&str> = after
            .iter()
            .take_while(|w| !w.contains(')'))
            .copied()
            .chain(after.iter().find(|w| w.contains(')')).copied())
            .collect();
        let org = inside.join(" ").trim_start_matches('(').split(')').next().unwrap_or("").trim().to_string();
        return Some(Intro { name, role, organisation: (!org.is_empty()).then_some(org), moderator: false });
    }
    if last_of_name.ends_with(',') {
        let (r, org) = affiliation(after);
        if r.is_none() && org.is_none() {
            return None;
        }
        // A role spelled out after the name says more than a title before it.
        return Some(Intro { name, role: r.or(role), organisation: org, moderator: false });
    }
    // "Dr Kenji Watanabe of the Pacific Cable Consortium presented…"
    let of = match after {
        ["of" | "from", "the", ..] => Some(2),
        ["of" | "from", ..] => Some(1),
        _ => None,
    };
    if let Some(skip) = of {
        let (org, _) = cap_run(&after[skip..], true);
        if !org.is_empty() && (looks_like_org(&org) || role.is_some()) {
            return Some(Intro { name, role, organisation: Some(org), moderator: false });
        }
    }
    role.map(|role| Intro { name, role: Some(role), organisation: None, moderator: false })
}

/// Every introduction in a sentence.
pub fn introductions(sentence: &str) -> Vec<Intro> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut out: Vec<Intro> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    // Lowered once, when first needed: once per "by" was quadratic in a long sentence.
    let mut moderation: Option<bool> = None;
    for i in 0..words.len() {
        let prev = i.checked_sub(1).map(|p| words[p]);
        let lower_prev = prev.map(|p| bare(p).to_lowercase());
        let moderator = lower_prev.as_deref().is_some_and(|p| p == "moderator" || p == "by")
            && *moderation.get_or_insert_with(|| sentence.to_lowercase().contains("moderat"));
        // Lists of speakers: "Speakers: A, Role, Org; B, Role, Org" and "A (X), B (Y) and C (Z)".
        let starts_here = i == 0 || prev.is_some_and(|p| p.ends_with([',', ':', ';']) || p == "and") || moderator;
        if !starts_here {
            continue;
        }
        if let Some(mut intro) = introduction_at(&words[i..]) {
            intro.moderator = moderator
                || (i <= 3 && sentence[..sentence.find(&intro.name).unwrap_or(0)].to_lowercase().contains("moderator"));
            if seen.insert(intro.name.clone()) {
                out.push(intro);
            }
        }
    }
    out
}

/// "Moderator: Name" on its own.
pub fn moderator_line(sentence: &str) -> Option<String> {
    let rest = sentence.trim().strip_prefix("Moderator:").or_else(|| sentence.trim().strip_prefix("Moderated by"))?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    name_at(&words).map(|(n, _)| n)
}

/// Whole-word occurrences of `needle` in `hay` (byte offsets).
pub fn mentions(hay: &str, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    hay.match_indices(needle).filter(|&(at, _)| whole_word(hay, at, needle.len())).map(|(at, _)| at).collect()
}

/// Whether `hay[at..at + len]` has no letter or digit right before or after it.
pub fn whole_word(hay: &str, at: usize, len: usize) -> bool {
    let before = hay[..at].chars().next_back();
    let after = hay[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

pub fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intro(s: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        introductions(s).into_iter().map(|i| (i.name, i.role, i.organisation, i.moderator)).collect()
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn seed_introductions() {
        assert_eq!(
            intro(
                "The moderator, Laksmi Shita, Program Development Manager at HIVOS Southeast Asia, started by explaining"
            ),
            vec![("Laksmi Shita".into(), some("Program Development Manager"), some("HIVOS Southeast Asia"), true)]
        );
        assert_eq!(
            intro(
                "Mariam Barata, Director General Secretary of the Indonesian Ministry of Communication and Technology presented a few cases"
            ),
            vec![(
                "Mariam Barata".into(),
                some("Director General Secretary"),
                some("Indonesian Ministry of Communication and Technology"),
                false
            )]
        );
        assert_eq!(
            intro(
                "Saidalavi Mohamed, Chief Executive Officer, Developing Internet Safe Community Foundation in Dubai, started by saying:"
            ),
            vec![(
                "Saidalavi Mohamed".into(),
                some("Chief Executive Officer"),
                some("Developing Internet Safe Community Foundation"),
                false
            )]
        );
        assert_eq!(
            intro("John Carr, Senior Expert Advisor, ECPAT International, provided an overview"),
            vec![("John Carr".into(), some("Senior Expert Advisor"), some("ECPAT International"), false)]
        );
    }

    #[test]
    fn other_forms() {
        assert_eq!(
            intro("Professor Jane Doe (University of Somewhere) argued that"),
            vec![("Jane Doe".into(), some("Professor"), some("University of Somewhere"), false)]
        );
        assert_eq!(intro("Dr. Ana Lima (Access Now) said"), vec![("Ana Lima".into(), None, some("Access Now"), false)]);
        assert_eq!(
            intro("The session was opened by moderator Tom Berg, Head of Policy at Open Net, who"),
            vec![("Tom Berg".into(), some("Head of Policy"), some("Open Net"), true)]
        );
        assert_eq!(intro("The Government of Indonesia is working"), vec![]);
        assert_eq!(intro("Firstly, legal frameworks are being put in place"), vec![]);
        assert_eq!(moderator_line("Moderator: Zoë Kowalczyk").as_deref(), Some("Zoë Kowalczyk"));
        // Lists of speakers, by semicolons or "and".
        let names = |s: &str| introductions(s).into_iter().map(|i| i.name).collect::<Vec<_>>();
        assert_eq!(
            names("Speakers: Anna Smith, Policy Lead, Example Org; Bob Obi, CEO, Kids Online."),
            ["Anna Smith", "Bob Obi"]
        );
        assert_eq!(
            names("Panellists: Ann Lee (Acme), Raj Patel (Beta Labs) and Zoe Kim (Gamma)."),
            ["Ann Lee", "Raj Patel", "Zoe Kim"]
        );
        // A role written like a title before the name is not part of it.
        let found = introductions("Moderator Lee Park, Director, Park Institute, closed the session.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].name.as_str(), found[0].moderator), ("Lee Park", true));
    }

    #[test]
    fn an_unclosed_bracket_is_not_an_organisation_of_the_whole_sentence() {
        // Each name of the list took the rest of the sentence as its organisation: quadratic memory.
        let list: Vec<String> = (0..50).map(|i| format!("Ann Lee{} (x,", "ab".repeat(i % 7 + 1))).collect();
        let found = introductions(&format!("{} and more words here", list.join(" ")));
        assert_eq!(found.len(), 7);
        for i in &found {
            let org = i.organisation.as_deref().unwrap_or("");
            assert!(org.split_whitespace().count() <= 16, "{org}");
        }
        assert_eq!(
            intro("Ann Lee (University of Somewhere, Faculty of Law) said"),
            vec![("Ann Lee".into(), None, some("University of Somewhere, Faculty of Law"), false)]
        );
    }

    #[test]
    fn multi_word_roles_before_a_name_and_leading_adverbs() {
        let table = [
            (
                "Policy adviser Jane Doe (Access Now) said that",
                vec![("Jane Doe".into(), some("Policy adviser"), some("Access Now"), false)],
            ),
            (
                "Executive Director Anriette Esterhuysen (APC) warned that",
                vec![("Anriette Esterhuysen".into(), some("Executive Director"), some("APC"), false)],
            ),
            (
                "Later Bill Kay, Chief Scientist, Zeta Labs, agreed.",
                vec![("Bill Kay".into(), some("Chief Scientist"), some("Zeta Labs"), false)],
            ),
            ("Executive Director Anriette Esterhuysen spoke next.", vec![]),
            (
                "Kelly Smith, Policy Lead at Open Net, said",
                vec![("Kelly Smith".into(), some("Policy Lead"), some("Open Net"), false)],
            ),
        ];
        for (text, want) in table {
            assert_eq!(intro(text), want, "{text}");
        }
    }
}
