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
/// Words of headings and boilerplate ("Key Participants (for workshop)",
/// "Caption First, Inc.", "Organising Team", "Event report"): a run holding
/// one is never a person.
const NON_NAME_WORDS: &[&str] = &[
    "Participants",
    "Participant",
    "Speakers",
    "Speaker",
    "Panelists",
    "Panellists",
    "Moderators",
    "Team",
    "Report",
    "Related",
    "Caption",
    "Captioning",
    "Inc",
    "Communication",
    "Translation",
    "Realtime",
    "Transcript",
    "Session",
    "Workshop",
    "Focal",
    "Key",
    "Messages",
    "Agenda",
    "Contact",
    "Media",
    "Information",
    "Organising",
    "Organizing",
    "Video",
    "Retrieved",
    "Forum",
    "Event",
    "Panel",
    "United",
    "Nations",
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
    "Bureau",
    "Cooperation",
    "Press",
    "Post",
];

/// Words after which a role written after "a"/"an" ends and an organisation may follow.
const SEPARATORS: [&str; 9] = ["at", "with", "of", "for", "in", "from", "on", "and", "based"];
/// Nouns that end a job title, in any case ("youth advocate", "Policy Officer", "journalist").
const ROLE_NOUNS: &[&str] = &[
    "advocate",
    "consultant",
    "officer",
    "scholar",
    "journalist",
    "manager",
    "researcher",
    "adviser",
    "advisor",
    "professor",
    "director",
    "coordinator",
    "expert",
    "activist",
    "lawyer",
    "economist",
    "engineer",
    "spokesperson",
    "ambassador",
    "minister",
    "secretary",
    "head",
    "chair",
    "chairperson",
    "editor",
    "reporter",
    "analyst",
    "founder",
    "ceo",
    "president",
    "commissioner",
    "representative",
    "specialist",
    "fellow",
    "lecturer",
    "leader",
    "official",
    "envoy",
    "delegate",
    "rapporteur",
    "facilitator",
    "campaigner",
    "scientist",
    "executive",
    "counsel",
    "general",
];
/// Capitalised words that open a job title before the organisation's name
/// ends ("Dnipro Digital Services Agency Chief Information Security Officer").
const ROLE_STARTERS: [&str; 13] = [
    "Chief",
    "Senior",
    "Executive",
    "Vice",
    "Deputy",
    "Assistant",
    "Head",
    "Principal",
    "Managing",
    "Acting",
    "Associate",
    "Junior",
    "Cabinet",
];
/// Lower-case words that never belong to a role written before a name.
const NOT_ROLE: [&str; 20] = [
    "the", "a", "an", "by", "and", "or", "said", "says", "to", "of", "for", "with", "at", "from", "was", "is", "as",
    "that", "who", "told",
];

fn is_role_noun(w: &str) -> bool {
    let b = bare(w).to_lowercase();
    ROLE_NOUNS.contains(&b.as_str()) || (b.contains('-') && b.split('-').any(|p| ROLE_NOUNS.contains(&p)))
}

/// "Chief Technology Officer Søren Vestergaard", "Ghanaian youth advocate
/// Kwame Asante-Boadu", "Meridian Post journalist Rafael Quintero": the role
/// (and the organisation before it) of the name starting at `words[k]`,
/// written before it without a comma, as news write-ups do. Returns the role,
/// the organisation and where the whole run starts. Looks at a few words
/// only, so a sentence stays linear.
fn role_before(words: &[&str], k: usize) -> Option<(String, Option<String>, usize)> {
    let ends = |w: &str| w.ends_with([',', '.', ';', ':', ')', '”', '"']);
    // The word that ends the title: "Officer", "Head (of Network Operations)", "Adviser (for digital affairs)".
    let mut head = None;
    for h in (k.saturating_sub(5)..k).rev() {
        if ends(words[h]) {
            break;
        }
        if is_role_noun(words[h]) {
            head = Some(h);
            break;
        }
    }
    let h = head?;
    let between = &words[h + 1..k];
    // "for digital affairs" is the remit, not the title; "of Network Operations" is the title.
    let lower_between = between.iter().skip(1).any(|w| !is_cap(w) && !CONNECTORS.contains(w));
    match between.first() {
        None => {}
        Some(&"for") if between.iter().all(|w| !is_cap(w)) => {}
        Some(&"of") if !lower_between => {}
        Some(_) => return None,
    }
    let role_end = if lower_between { h + 1 } else { k };
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let mut start = h;
    if lower(words[h]) {
        while start > 0
            && start + 3 > h
            && lower(words[start - 1])
            && !ends(words[start - 1])
            && !NOT_ROLE.contains(&words[start - 1])
            && !words[start - 1].ends_with("ed")
        {
            start -= 1;
        }
    } else {
        while start > 0 && is_cap(words[start - 1]) && is_role_word(words[start - 1]) && !ends(words[start - 1]) {
            start -= 1;
        }
        // "Chief (Information Security) Officer": a starter a few capitalised words back.
        let mut s = start;
        while s > 0 && start - s < 4 {
            let w = words[s - 1];
            if ends(w) || !(is_cap(w) || w == "of") || ORG_WORDS.contains(&bare(w)) {
                break;
            }
            s -= 1;
            if ROLE_STARTERS.contains(&bare(w)) {
                start = s;
            }
        }
    }
    // The organisation: the capitalised run before the role.
    let mut from = start;
    while from > 0 && start - from < 8 {
        let w = words[from - 1];
        let connector = CONNECTORS.contains(&w) && from >= 2 && is_cap(words[from - 2]);
        if ends(w) || !(is_cap(w) || connector) {
            break;
        }
        from -= 1;
    }
    while from < start && (NOT_NAMES.contains(&bare(words[from])) || CONNECTORS.contains(&words[from])) {
        from += 1;
    }
    let mut prefix: Vec<&str> = words[from..start].to_vec();
    let demonym = |w: &str| {
        let b = bare(w);
        w.ends_with("'s")
            || w.ends_with("’s")
            || ["an", "ese", "ish", "ian"].iter().any(|e| b.ends_with(e)) && !ORG_WORDS.contains(&b)
    };
    // "Ghanaian youth advocate", "Luxembourg's Senior Legal Adviser": a nationality is not an organisation.
    if prefix.first().is_some_and(|w| demonym(w))
        && (prefix.len() == 1 || (prefix.len() == 2 && !ORG_WORDS.contains(&bare(prefix[1]))))
    {
        prefix.remove(0);
    }
    let mut role: Vec<&str> = words[start..role_end].to_vec();
    let org = match prefix.len() {
        0 => None,
        // "Maritime liaison officer", "Legal scholar": one word is part of the role.
        1 if !looks_like_org(prefix[0]) => {
            role.insert(0, prefix[0]);
            None
        }
        _ => Some(prefix.join(" ")),
    };
    let role = role.iter().map(|w| bare(w)).collect::<Vec<_>>().join(" ");
    (!role.is_empty()).then_some((role, org, from))
}

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
            // "van der Berg": particles may follow one another before the surname.
            let next_cap = words[j + 1..].iter().take(3).find(|n| !PARTICLES.contains(n)).is_some_and(|n| is_cap(n));
            if PARTICLES.contains(&w) && next_cap {
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
    // A particle ends no name.
    while parts.last().is_some_and(|w| PARTICLES.contains(w)) {
        parts.pop();
        j -= 1;
    }
    let caps = parts.iter().filter(|w| is_cap(w)).count();
    if !(2..=4).contains(&caps)
        || parts.iter().any(|w| ROLE_WORDS.contains(&bare(w)) || NON_NAME_WORDS.contains(&bare(w)))
    {
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

/// "Chief Technology Officer of Fjordline Networks" → role and organisation,
/// when the words before the first " of " end with a role noun and at least
/// two capitalised words follow ("Coordinator of Rede Aberta Brasil"); "Head
/// of Policy" stays a role.
fn role_of_org(run: &str) -> Option<(Option<String>, Option<String>)> {
    let (role, org) = run.split_once(" of ")?;
    let org = org.strip_prefix("the ").unwrap_or(org);
    let last = role.split_whitespace().last()?;
    let org_words = org.split_whitespace().filter(|w| is_cap(w)).count();
    (is_role_noun(last) && org_words >= 2).then(|| (Some(role.to_string()), Some(org.to_string())))
}

/// Role and organisation after "Name, ": "Role at Org", "Role of the Org",
/// "Role, Org", "Org" alone.
fn affiliation(words: &[&str]) -> (Option<String>, Option<String>) {
    let skip_the = |w: &[&str]| usize::from(w.first().is_some_and(|t| *t == "the"));
    match words {
        // "Name, of the Ministry of …,", "Name, from Org,"
        ["of" | "from", rest @ ..] => {
            let (org, _) = cap_run(&rest[skip_the(rest)..], true);
            return (None, (!org.is_empty()).then_some(org));
        }
        // "Name, a Youth Ambassador with the Ghana Youth IGF,", "Name, an independent consultant working in …"
        ["a" | "an", rest @ ..] => {
            let mut role = Vec::new();
            let mut k = 0;
            while let Some(&w) = rest.get(k) {
                if role.len() >= 6 || SEPARATORS.contains(&w) || w.ends_with("ing") || w == "who" {
                    break;
                }
                role.push(w);
                k += 1;
                if w.ends_with([',', '.', ';', ':']) {
                    break;
                }
            }
            let role = role.join(" ").trim_end_matches([',', '.', ';', ':']).to_string();
            let org = match rest.get(k) {
                Some(&("at" | "with" | "of" | "for")) if !role.is_empty() && !rest[k - 1].ends_with(',') => {
                    let after = &rest[k + 1..];
                    let (org, _) = cap_run(&after[skip_the(after)..], true);
                    (!org.is_empty()).then_some(org)
                }
                _ => None,
            };
            let role_like = role.split_whitespace().any(is_role_noun);
            return (role_like.then_some(role), org);
        }
        // "Name, who leads information security at the Dnipro Digital Services Agency,"
        ["who", rest @ ..] => {
            let at = rest.iter().take(8).position(|w| matches!(*w, "at" | "with"));
            let org = at.map(|k| {
                let after = &rest[k + 1..];
                cap_run(&after[skip_the(after)..], true).0
            });
            return (None, org.filter(|o| !o.is_empty()));
        }
        _ => {}
    }
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
            ["with", "the", ..] => Some(2),
            ["with", ..] => Some(1),
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
    // "Name, Chief Technology Officer of Fjordline Networks, argued": the
    // run holds both, split after the role's last noun.
    if let Some(split) = role_of_org(&first) {
        return split;
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
    // "H.E. Ambassador Jo Roe": the honorific goes, the title stays a role.
    let mut words = words;
    while let [first, next, rest @ ..] = words
        && is_honorific(first)
        && TITLES.contains(&bare(next))
        && rest.first().is_some_and(|w| is_cap(w))
    {
        words = &words[1..];
    }
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
    completed(name, role, &words[start + used..], words[start + used - 1])
}

/// The introduction of `name` completed by what follows it: "(Org)", ", Role
/// at Org", " of Org"; `role` is what was written before the name.
fn completed(name: String, role: Option<String>, after: &[&str], last_of_name: &str) -> Option<Intro> {
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
    // "• Name – Role, Org": a dash after the name reads as a comma.
    let dashed = matches!(after.first(), Some(&("–" | "—" | "-")));
    let after = if dashed { &after[1..] } else { after };
    if last_of_name.ends_with(',') || dashed {
        let (r, org) = affiliation(after);
        if r.is_none() && org.is_none() {
            return role.map(|role| Intro { name, role: Some(role), organisation: None, moderator: false });
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
        // "Marcus Whitfield from Stratuswell Cloud called": "from" and two capitalised words are an organisation.
        // "of" too ("Marcus Whitfield of Stratuswell Cloud favoured").
        let from = org.split_whitespace().count() >= 2;
        if !org.is_empty() && (looks_like_org(&org) || role.is_some() || from) {
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
    // Where the last news-style introduction started, and its index in `out`.
    let mut last_news: Option<(usize, usize)> = None;
    for i in 0..words.len() {
        // "Open Spectrum Africa Executive Director Amara Okonkwo-Diallo said"
        if i > 0
            && is_cap(words[i])
            && let Some((role, org, from)) = role_before(&words, i)
            && let Some((name, used)) = name_at(&words[i..])
            && let Some(mut intro) = completed(name, Some(role), &words[i + used..], words[i + used - 1])
        {
            intro.organisation = intro.organisation.or(org);
            let by = from.checked_sub(1).is_some_and(|p| matches!(bare(words[p]), "by" | "Moderator" | "moderator"));
            intro.moderator = by && *moderation.get_or_insert_with(|| sentence.to_lowercase().contains("moderat"));
            match last_news {
                // "Head of Network Operations Hiroshi Tanabe": the shorter name after the longer role.
                Some((_, at)) if out[at].name.ends_with(&format!(" {}", intro.name)) => {
                    seen.remove(&out[at].name);
                    seen.insert(intro.name.clone());
                    out[at] = intro;
                }
                // A name met again adds nothing here: the roster completes a speaker from each introduction.
                _ => {
                    if seen.insert(intro.name.clone()) {
                        last_news = Some((from, out.len()));
                        out.push(intro);
                    }
                }
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| words[p]);
        let lower_prev = prev.map(|p| bare(p).to_lowercase());
        let moderator = lower_prev.as_deref().is_some_and(|p| p == "moderator" || p == "by")
            && *moderation.get_or_insert_with(|| sentence.to_lowercase().contains("moderat"));
        // Lists of speakers: "Speakers: A, Role, Org; B, Role, Org" and "A (X), B (Y) and C (Z)".
        let after_said = lower_prev.as_deref().is_some_and(|p| SAID.contains(&p));
        let starts_here =
            i == 0 || prev.is_some_and(|p| p.ends_with([',', ':', ';']) || p == "and") || moderator || after_said;
        if !starts_here {
            continue;
        }
        // "The Kansai Exchange Point's Head of Network Operations, Hiroshi Tanabe, said"
        let role_then_name = || {
            let from = i.saturating_sub(14);
            let mut before: Vec<&str> = words[from..i].to_vec();
            let last = before.last_mut()?;
            *last = last.strip_suffix(',')?;
            let (role, org, at) = role_before(&before, before.len())?;
            // "Bill Kay, Chief Scientist, Zeta Labs,": a role after a name's comma is that name's.
            if at.checked_sub(1).is_some_and(|p| before[p].ends_with(',')) {
                return None;
            }
            let (name, used) = name_at(&words[i..]).filter(|(_, used)| words[i + used - 1].ends_with(','))?;
            let org = org.map(|o| o.trim_end_matches("'s").trim_end_matches("’s").to_string());
            Some(Intro { name, role: Some(role), organisation: org, moderator: false })
                .filter(|_| words.get(i + used).is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase)))
        };
        if let Some(mut intro) = introduction_at(&words[i..]).or_else(role_then_name) {
            intro.moderator = moderator
                || (i <= 3 && sentence[..sentence.find(&intro.name).unwrap_or(0)].to_lowercase().contains("moderator"));
            if seen.insert(intro.name.clone()) {
                out.push(intro);
            }
        }
    }
    // "…, Coordinator of Rede Aberta Brasil.": an organisation another
    // introduction holds is no person, nor is its tail ("Aberta Brasil").
    let held: Vec<String> = out.iter().filter_map(|x| x.organisation.clone()).collect();
    out.retain(|x| !held.iter().any(|o| *o == x.name || o.ends_with(&format!(" {}", x.name))));
    // "Beatriz Nogueira, Coordinator at Rede Aberta Brasil, moderated.": the subject moderated.
    if let Some(first) = out.first_mut()
        && let Some(at) = sentence.find(&first.name)
    {
        let rest: Vec<String> = sentence[at..].split_whitespace().map(|w| bare(w).to_lowercase()).collect();
        let verb = rest.iter().position(|w| matches!(w.as_str(), "moderated" | "chaired" | "moderates" | "chairs"));
        if verb.is_some_and(|v| rest.get(v + 1).is_none_or(|n| n != "by")) {
            first.moderator = true;
        }
    }
    out
}

/// Verbs after which a quoted speaker's introduction may follow ("…,” said Name, Role with Org.").
const SAID: [&str; 5] = ["said", "says", "added", "told", "explained"];

/// A list heading that says who its items are: `Some(true)` for moderators.
pub fn list_heading(p: &str) -> Option<bool> {
    let h = p.trim().trim_end_matches(':').trim().to_lowercase();
    match h.as_str() {
        "moderator" | "moderators" | "moderated by" | "chair" | "facilitator" => Some(true),
        "speakers"
        | "panelists"
        | "panellists"
        | "panel"
        | "key participants"
        | "participants"
        | "discussants"
        | "presenters"
        | "keynote"
        | "keynote speakers"
        | "speakers and panelists" => Some(false),
        _ => None,
    }
}

/// A bulleted item naming a speaker: "Name – Role, Org", "Name, Role at Org",
/// "Dr. Name (Org)", "Name (Org)"; a name alone only under a heading of speakers.
pub fn list_item(item: &str, under_heading: bool) -> Option<Intro> {
    let words: Vec<&str> = item.split_whitespace().take(64).collect();
    if let Some(intro) = introduction_at(&words) {
        return Some(intro);
    }
    let (name, used) = name_at(&words)?;
    (under_heading && used == words.len()).then_some(Intro { name, ..Default::default() })
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
            // News style: a role before the name needs no brackets after it.
            (
                "Executive Director Anriette Esterhuysen spoke next.",
                vec![("Anriette Esterhuysen".into(), some("Executive Director"), None, false)],
            ),
            (
                "Kelly Smith, Policy Lead at Open Net, said",
                vec![("Kelly Smith".into(), some("Policy Lead"), some("Open Net"), false)],
            ),
        ];
        for (text, want) in table {
            assert_eq!(intro(text), want, "{text}");
        }
    }

    /// News style: the role (and organisation) before the name, without commas.
    #[test]
    fn roles_written_before_the_name() {
        let table = [
            (
                "Open Spectrum Africa Executive Director Amara Okonkwo-Diallo said most funds",
                vec![("Amara Okonkwo-Diallo".into(), some("Executive Director"), some("Open Spectrum Africa"), false)],
            ),
            (
                "UNESCO Assistant Director-General Stefan Albrecht opened the forum.",
                vec![("Stefan Albrecht".into(), some("Assistant Director-General"), some("UNESCO"), false)],
            ),
            (
                "Kenyan Education Cabinet Secretary Wanjiru Kamau said",
                vec![("Wanjiru Kamau".into(), some("Education Cabinet Secretary"), None, false)],
            ),
            (
                "said Kansai Exchange Point Head of Network Operations Hiroshi Tanabe, who spoke",
                vec![(
                    "Hiroshi Tanabe".into(),
                    some("Head of Network Operations"),
                    some("Kansai Exchange Point"),
                    false,
                )],
            ),
            (
                "Luxembourg's Senior Legal Adviser for digital affairs Élodie Marchetti told the hearing",
                vec![("Élodie Marchetti".into(), some("Senior Legal Adviser"), None, false)],
            ),
            (
                "Ghanaian youth advocate Kwame Asante-Boadu urged governments",
                vec![("Kwame Asante-Boadu".into(), some("youth advocate"), None, false)],
            ),
            (
                "Maritime liaison officer Rūta Kazlauskienė of the Baltic Coastal Guard Cooperation said",
                vec![(
                    "Rūta Kazlauskienė".into(),
                    some("Maritime liaison officer"),
                    some("Baltic Coastal Guard Cooperation"),
                    false,
                )],
            ),
            (
                "The panel was moderated by journalist Rafael Quintero of the Meridian Post.",
                vec![("Rafael Quintero".into(), some("journalist"), some("Meridian Post"), true)],
            ),
            (
                "The event was moderated by Meridian Post journalist Rafael Quintero.",
                vec![("Rafael Quintero".into(), some("journalist"), some("Meridian Post"), true)],
            ),
            (
                "Legal scholar Małgorzata Wiśniewska, a professor at the Wrocław Institute of Technology Law, welcomed",
                vec![(
                    "Małgorzata Wiśniewska".into(),
                    some("professor"),
                    some("Wrocław Institute of Technology Law"),
                    false,
                )],
            ),
            (
                "Levant Internet Society Foundation programme manager Nadia Haddad-Rahal chaired the workshop.",
                vec![(
                    "Nadia Haddad-Rahal".into(),
                    some("programme manager"),
                    some("Levant Internet Society Foundation"),
                    true,
                )],
            ),
            (
                "The Kansai Exchange Point's Head of Network Operations, Hiroshi Tanabe, said",
                vec![(
                    "Hiroshi Tanabe".into(),
                    some("Head of Network Operations"),
                    some("Kansai Exchange Point"),
                    false,
                )],
            ),
            // Not a person: a role before an organisation, or a remit with "at".
            ("Vice President of Public Policy at Stratuswell Cloud, said", vec![]),
            ("The Director General Assembly met.", vec![]),
        ];
        for (text, want) in table {
            assert_eq!(intro(text), want, "{text}");
        }
    }

    /// What follows "Name, ": "a Role with Org", "an independent consultant
    /// working in …", "of the Org", "who leads … at Org", "from Org".
    #[test]
    fn a_role_of_an_organisation_is_split_and_the_organisation_is_no_person() {
        assert_eq!(
            intro("Søren Vestergaard, Chief Technology Officer of Fjordline Networks, argued that"),
            vec![("Søren Vestergaard".into(), some("Chief Technology Officer"), some("Fjordline Networks"), false)]
        );
        assert_eq!(
            intro("The session was moderated by Beatriz Nogueira, Coordinator of Rede Aberta Brasil."),
            vec![("Beatriz Nogueira".into(), some("Coordinator"), some("Rede Aberta Brasil"), true)]
        );
        assert_eq!(
            intro("Marcus Whitfield of Stratuswell Cloud favoured a common minimum."),
            vec![("Marcus Whitfield".into(), None, some("Stratuswell Cloud"), false)]
        );
        // A role with "of" in it stays whole.
        assert_eq!(
            intro("Tom Berg, Head of Policy at Open Net, said"),
            vec![("Tom Berg".into(), some("Head of Policy"), some("Open Net"), false)]
        );
    }

    #[test]
    fn affiliations_after_the_name() {
        let table = [
            (
                "“Nobody asked,” said Kwame Asante-Boadu, Youth Ambassador with the Ghana Youth IGF.",
                vec![("Kwame Asante-Boadu".into(), some("Youth Ambassador"), some("Ghana Youth IGF"), false)],
            ),
            (
                "Kwame Asante-Boadu, a Youth Ambassador with the Ghana Youth IGF, spoke",
                vec![("Kwame Asante-Boadu".into(), some("Youth Ambassador"), some("Ghana Youth IGF"), false)],
            ),
            (
                "Farida Yusupova, an independent consultant working in Central Asia, said",
                vec![("Farida Yusupova".into(), some("independent consultant"), None, false)],
            ),
            (
                "Professor Małgorzata Wiśniewska, of the Wrocław Institute of Technology Law, noted",
                vec![(
                    "Małgorzata Wiśniewska".into(),
                    some("Professor"),
                    some("Wrocław Institute of Technology Law"),
                    false,
                )],
            ),
            (
                "Oksana Melnyk, who leads information security at the Dnipro Digital Services Agency, said",
                vec![("Oksana Melnyk".into(), None, some("Dnipro Digital Services Agency"), false)],
            ),
            (
                "Marcus Whitfield from Stratuswell Cloud called for",
                vec![("Marcus Whitfield".into(), None, some("Stratuswell Cloud"), false)],
            ),
            (
                "Jan van der Berg, Head of Localisation at the Opentaal Foundation, described",
                vec![("Jan van der Berg".into(), some("Head of Localisation"), some("Opentaal Foundation"), false)],
            ),
            (
                "Beatriz Nogueira, Coordinator at Rede Aberta Brasil, moderated.",
                vec![("Beatriz Nogueira".into(), some("Coordinator"), some("Rede Aberta Brasil"), true)],
            ),
            // Moderated by someone else: the subject is no moderator.
            (
                "Ann Lee, Director at Acme, was moderated by nobody.",
                vec![("Ann Lee".into(), some("Director"), some("Acme"), false)],
            ),
            // "a" with no role after it is not an affiliation.
            ("Ann Lee, a long story short, left.", vec![]),
        ];
        for (text, want) in table {
            assert_eq!(intro(text), want, "{text}");
        }
    }

    /// Bulleted speaker lists, headings, boilerplate and honorifics.
    #[test]
    fn list_items_headings_and_non_persons() {
        let item = |s: &str, heading: bool| {
            list_item(s, heading).map(|i| (i.name, i.role, i.organisation)).unwrap_or_default()
        };
        type Who = (&'static str, Option<&'static str>, Option<&'static str>);
        let table: [(&str, bool, Who); 10] = [
            ("Ann Lee – Director, Acme Foundation", false, ("Ann Lee", Some("Director"), Some("Acme Foundation"))),
            ("Ann Lee, Policy Lead at Open Net", false, ("Ann Lee", Some("Policy Lead"), Some("Open Net"))),
            ("Dr. Ana Lima (Access Now)", false, ("Ana Lima", None, Some("Access Now"))),
            (
                "H.E. Ambassador Jo Roe (Mission of Chile)",
                false,
                ("Jo Roe", Some("Ambassador"), Some("Mission of Chile")),
            ),
            ("Prof. Bo Kim", true, ("Bo Kim", None, None)),
            ("Sir Tim Hale", true, ("Tim Hale", None, None)),
            // A name alone is a speaker only under a heading of speakers.
            ("Bo Kim", false, ("", None, None)),
            ("Key Participants (for workshop)", true, ("", None, None)),
            ("Communication Access Realtime Translation (CART)", true, ("", None, None)),
            ("Organising Team", true, ("", None, None)),
        ];
        for (text, heading, (name, role, org)) in table {
            let want = (name.to_string(), role.map(String::from), org.map(String::from));
            let want = if name.is_empty() { Default::default() } else { want };
            assert_eq!(item(text, heading), want, "{text}");
        }
        for (text, want) in [
            ("Speakers:", Some(false)),
            ("Panellists", Some(false)),
            ("Moderator:", Some(true)),
            ("Key Participants", Some(false)),
            ("The speakers agreed.", None),
        ] {
            assert_eq!(list_heading(text), want, "{text}");
        }
        for text in ["Caption First, Inc. provides captioning.", "Event report", "Related", "Organising Team: Ann Lee"]
        {
            assert!(introductions(text).iter().all(|i| i.name == "Ann Lee"), "{text}: {:?}", introductions(text));
        }
        assert_eq!(moderator_line("Moderator: Ms Zoë Kowalczyk (Open Net)").as_deref(), Some("Zoë Kowalczyk"));
    }
}
