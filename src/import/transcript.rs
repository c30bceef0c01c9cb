//! Real-time captioning transcripts (IGF style): a title line starting with
//! the date, a captioning disclaimer, then `>> NAME:` turns. Every turn is a
//! quote of its speaker, verbatim and in order; speakers are named from the
//! labels, and their roles come from how people introduce themselves.

use super::{Draft, DraftQuote, DraftSpeaker, header};
use std::collections::HashMap;

/// Lines starting with `>>` that make a text a transcript: one or two may be
/// a quoted e-mail, three are a conversation.
const MIN_TURN_LINES: usize = 3;
/// A label is a few words before a colon; longer is speech in capitals.
const MAX_LABEL: usize = 60;
/// How far after a name its introduction is looked for.
const INTRO_WINDOW: usize = 300;
/// Words of a name in a label or an introduction.
const MAX_NAME_WORDS: usize = 5;

pub fn detect(text: &str) -> bool {
    text.lines().filter(|l| l.trim_start().starts_with(">>")).take(MIN_TURN_LINES).count() >= MIN_TURN_LINES
}

/// Honorifics dropped from a label; never part of a name.
const HONORIFICS: [&str; 8] = ["MR", "MS", "MRS", "DR", "PROF", "H.E", "SIR", "MX"];
/// Titles in a label that are the person's role ("CHAIR KUMAR").
const LABEL_ROLES: [(&str, &str); 6] = [
    ("CHAIR", "Chair"),
    ("CHAIRPERSON", "Chair"),
    ("CO-CHAIR", "Co-Chair"),
    ("PROFESSOR", "Professor"),
    ("AMBASSADOR", "Ambassador"),
    ("MINISTER", "Minister"),
];
/// Labels of the floor: all one speaker, "Participant".
const FLOOR: [&str; 12] = [
    "PARTICIPANT",
    "PARTICIPANTS",
    "AUDIENCE",
    "AUDIENCE MEMBER",
    "REMOTE PARTICIPANT",
    "ONLINE PARTICIPANT",
    "FLOOR",
    "SPEAKER",
    "UNIDENTIFIED SPEAKER",
    "UNKNOWN SPEAKER",
    "QUESTION",
    "QUESTIONER",
];
pub const PARTICIPANT: &str = "Participant";

/// Who a turn's label names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    /// A full name, in normal case.
    Named {
        name: String,
        role: Option<&'static str>,
    },
    /// A surname with a title or honorific ("MS. HALVORSEN"), in normal case.
    Surname {
        surname: String,
        role: Option<&'static str>,
    },
    Moderator,
    RemoteModerator,
    Floor,
}

/// Where the caption provider's notice is recognised.
const DISCLAIMER: [&str; 7] = [
    "real-time captioning",
    "realtime captioning",
    "caption first",
    "cart",
    "communication access realtime translation",
    "live transcription",
    "verbatim record",
];

/// Whether a paragraph is the caption provider's notice rather than content.
pub fn is_disclaimer(p: &str) -> bool {
    let lower = p.to_lowercase();
    DISCLAIMER.iter().any(|d| lower.match_indices(d).any(|(at, _)| super::people::whole_word(&lower, at, d.len())))
        || lower.starts_with("provided by:")
}

/// A name in capitals in normal case: `JAN VAN DER BERG` → `Jan van der Berg`,
/// `O'DONNELL` → `O'Donnell`, `OKONKWO-DIALLO` → `Okonkwo-Diallo`.
pub fn normal_case(name: &str) -> String {
    const PARTICLES: [&str; 19] = [
        "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "van", "von", "den", "ten", "ter", "la",
        "le", "bin", "y",
    ];
    let mut out = String::with_capacity(name.len());
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && PARTICLES.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        let mut up = true;
        let mut seg = String::new();
        for c in lower.chars() {
            if up && c.is_alphabetic() {
                seg.extend(c.to_uppercase());
                up = false;
            } else {
                seg.push(c);
            }
            if c == '-' || c == '\'' || c == '’' {
                up = true;
            }
            // "MCDONALD" → "McDonald".
            if seg == "Mc" {
                up = true;
            }
        }
        out.push_str(&seg);
    }
    out
}

/// The label and the words of a `>>` line.
fn parse_line(rest: &str) -> (Label, &str) {
    let rest = rest.trim();
    if let Some(colon) = rest.find(':').filter(|&c| c <= MAX_LABEL)
        && let Some(label) = parse_label(&rest[..colon])
    {
        return (label, rest[colon + 1..].trim());
    }
    (Label::Floor, rest)
}

fn parse_label(label: &str) -> Option<Label> {
    let label = label.trim();
    let upper = label.chars().any(char::is_uppercase) && !label.chars().any(char::is_lowercase);
    let words: Vec<&str> = label.split_whitespace().collect();
    if !upper || words.is_empty() || words.len() > MAX_NAME_WORDS + 1 {
        return None;
    }
    if !label.chars().all(|c| c.is_alphabetic() || c.is_ascii_digit() || " .-'’".contains(c)) {
        return None;
    }
    let joined = words.join(" ");
    // "SPEAKER 2", "PARTICIPANT 1": numbered, still unnamed.
    let unnumbered = joined.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    if unnumbered != joined && FLOOR.contains(&unnumbered) {
        return Some(Label::Floor);
    }
    if joined.chars().any(|c| c.is_ascii_digit()) && !joined.starts_with("MODERATOR") {
        return None;
    }
    match joined.as_str() {
        "MODERATOR" | "CO-MODERATOR" | "MODERATOR 1" | "MODERATOR 2" | "CHAIR" | "HOST" => {
            return Some(Label::Moderator);
        }
        "REMOTE MODERATOR" | "ONLINE MODERATOR" => return Some(Label::RemoteModerator),
        j if FLOOR.contains(&j) => return Some(Label::Floor),
        _ => {}
    }
    let mut role = None;
    let mut start = 0;
    while start + 1 < words.len() {
        let w = words[start].trim_end_matches('.');
        if HONORIFICS.contains(&w) {
            start += 1;
        } else if let Some(&(_, r)) = LABEL_ROLES.iter().find(|(l, _)| *l == w) {
            role = Some(r);
            start += 1;
        } else {
            break;
        }
    }
    let name = normal_case(&words[start..].join(" "));
    Some(if start > 0 && words.len() - start == 1 {
        Label::Surname { surname: name, role }
    } else if words.len() - start == 1 {
        // One word alone ("HIROSHI"): kept as written, matched like a surname.
        Label::Surname { surname: name, role }
    } else {
        Label::Named { name, role }
    })
}

struct Turn {
    label: Label,
    text: String,
}

/// Turns from the first `>>` line on: a turn runs until the next `>>`; lines
/// in parentheses ("(Applause)") are not words.
fn turns(lines: &[&str]) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::new();
    for line in lines {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix(">>") {
            let (label, words) = parse_line(rest);
            out.push(Turn { label, text: words.to_string() });
        } else if let Some(turn) = out.last_mut()
            && !t.is_empty()
            && !(t.starts_with('(') && t.ends_with(')'))
        {
            if !turn.text.is_empty() {
                turn.text.push(' ');
            }
            turn.text.push_str(t);
        }
    }
    // Whitespace collapsed: tabs and wide spaces too, as the words read.
    for turn in &mut out {
        if turn.text.split_whitespace().map(str::len).sum::<usize>() + turn.text.split_whitespace().count()
            != turn.text.len() + 1
        {
            turn.text = turn.text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    out
}

/// A whole transcript: title line, disclaimer, turns.
pub fn extract(text: &str) -> Draft {
    let lines: Vec<&str> = text.lines().collect();
    let mut draft = Draft::default();
    let first = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let turns_at = lines.iter().position(|l| l.trim_start().starts_with(">>")).unwrap_or(lines.len());
    if first < turns_at {
        title_line(lines[first].trim(), &mut draft);
    }
    // What comes between the title and the turns: the summary, unless it is the notice.
    let pre = lines.get(first + 1..turns_at).unwrap_or(&[]).join("\n");
    let summary: Vec<String> = super::text::paragraphs(&pre)
        .into_iter()
        .map(|p| p.text)
        .filter(|p| p.chars().any(char::is_alphanumeric) && !is_disclaimer(p))
        .collect();
    if !summary.is_empty() {
        draft.summary = Some(summary.join("\n\n"));
    }
    add_turns(&lines[turns_at..], &mut draft, &[], None);
    draft
}

/// The title line: `[FINISHED -] YYYY MM DD [time] [-] Title`.
fn title_line(line: &str, draft: &mut Draft) {
    let mut rest = line;
    for status in ["FINISHED", "Finished", "ROUGH EDITED COPY", "RAW", "UNEDITED"] {
        if let Some(r) = rest.strip_prefix(status) {
            rest = r.trim_start_matches([' ', '-', '–', ':']);
        }
    }
    let words: Vec<&str> = rest.splitn(4, ' ').collect();
    if let [y, m, d, tail] = words.as_slice()
        && y.len() == 4
        && m.len() <= 2
        && d.len() <= 2
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>())
    {
        let iso = format!("{y:04}-{m:02}-{d:02}");
        if crate::load::is_date(&iso) {
            draft.date = Some(iso);
            rest = tail.trim_start_matches([' ', '-', '–']);
            // "11:00 A.M." or "14:00" right after the date.
            let (time, after) = clock(rest);
            if let Some(t) = time {
                draft.start = Some(t);
                rest = after.trim_start_matches([' ', '-', '–']);
            }
        }
    } else if let Some(d) = header::date(rest) {
        draft.date = Some(d);
    }
    // "… (Room 3) FINISHED": the caption's status at the end too.
    let mut rest = rest.trim();
    for status in ["FINISHED", "ROUGH EDITED COPY", "UNEDITED"] {
        if let Some(r) = rest.strip_suffix(status) {
            rest = r.trim_end_matches([' ', '-', '–', ':']);
        }
    }
    draft.title = rest.trim().to_string();
}

/// A time of day at the start of `s` ("11:00 A.M.", "2:30 PM", "14:00") and what follows it.
fn clock(s: &str) -> (Option<String>, &str) {
    let word = s.split(' ').next().unwrap_or("");
    let Some((h, m)) = word.split_once(':') else { return (None, s) };
    let (Ok(mut h), Ok(m)) = (h.parse::<u32>(), m.parse::<u32>()) else { return (None, s) };
    let mut rest = &s[word.len()..];
    let next = rest.trim_start();
    for (mark, pm) in [("A.M.", false), ("AM", false), ("a.m.", false), ("P.M.", true), ("PM", true), ("p.m.", true)] {
        if let Some(r) = next.strip_prefix(mark) {
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            rest = r;
            break;
        }
    }
    if h < 24 && m < 60 { (Some(format!("{h:02}:{m:02}")), rest) } else { (None, s) }
}

/// What the turns say about a person.
#[derive(Default, Clone)]
struct Intro {
    role: Option<String>,
    organisation: Option<String>,
}

/// Reads the turns in `lines` into `draft`: speakers (those already in the
/// draft, then `others` known by name, then new ones) and one quote per turn.
/// `remote` is the remote moderator's name, when known.
pub fn add_turns(lines: &[&str], draft: &mut Draft, others: &[DraftSpeaker], remote: Option<&str>) {
    let turns = turns(lines);
    if turns.is_empty() {
        return;
    }
    let mut known: HashMap<String, DraftSpeaker> = HashMap::new();
    for s in others.iter().chain(&draft.speakers) {
        known.insert(s.name.to_lowercase(), s.clone());
    }
    let known_moderator = draft.speakers.iter().find(|s| s.moderator).map(|s| s.name.clone());

    // The moderator's name from their own introduction.
    let moderator_name = turns
        .iter()
        .filter(|t| t.label == Label::Moderator)
        .take(3)
        .find_map(|t| self_named(&t.text))
        .or(known_moderator.clone());

    // Full names for surname labels: a listed person, or "Given Surname" in the text.
    let mut surnames: HashMap<String, Option<String>> = HashMap::new();
    for t in &turns {
        if let Label::Surname { surname, .. } = &t.label {
            surnames.entry(surname.clone()).or_insert(None);
        }
    }
    if !surnames.is_empty() {
        for s in others.iter().chain(&draft.speakers) {
            if let Some(full) = surnames.get_mut(super::people::surname(&s.name))
                && full.is_none()
            {
                *full = Some(s.name.clone());
            }
        }
        for t in &turns {
            given_names(&t.text, &mut surnames);
        }
    }

    // Everyone a label names, by full name.
    let full_name = |label: &Label| -> Option<String> {
        match label {
            Label::Named { name, .. } => Some(name.clone()),
            Label::Surname { surname, .. } => surnames.get(surname).cloned().flatten(),
            Label::Moderator => moderator_name.clone(),
            Label::RemoteModerator => remote.map(str::to_string),
            Label::Floor => None,
        }
    };
    let mut wanted: HashMap<String, Option<Intro>> = HashMap::new();
    for t in &turns {
        if let Some(n) = full_name(&t.label) {
            wanted.entry(n).or_insert(None);
        }
    }
    // Introductions: each turn's words are looked at once.
    for t in &turns {
        let own = full_name(&t.label);
        introductions(&t.text, own.as_deref(), &mut wanted);
    }

    let mut index: HashMap<String, usize> =
        draft.speakers.iter().enumerate().map(|(i, s)| (s.name.to_lowercase(), i)).collect();
    let mut firsts: Vec<Option<usize>> = vec![None; draft.speakers.len()];
    let mut participant = None;
    for (k, t) in turns.iter().enumerate() {
        let who = match full_name(&t.label) {
            None if t.label == Label::Floor => {
                *participant.get_or_insert_with(|| speaker(draft, &mut index, &known, PARTICIPANT, None, None))
            }
            None => {
                // A label the text never resolves: kept as written, marked.
                let (name, check) = match &t.label {
                    Label::Surname { surname, .. } => {
                        (surname.clone(), "named by surname only in the transcript: add the full name")
                    }
                    Label::RemoteModerator => {
                        ("Remote moderator".to_string(), "the remote moderator's name was not found: add it")
                    }
                    _ => ("Moderator".to_string(), "the moderator's name was not found: add it"),
                };
                speaker(draft, &mut index, &known, &name, Some(check), None)
            }
            Some(name) => {
                let intro = wanted.get(&name).cloned().flatten();
                speaker(draft, &mut index, &known, &name, None, intro)
            }
        };
        firsts.resize(draft.speakers.len(), None);
        firsts[who].get_or_insert(k);
        let s = &mut draft.speakers[who];
        match &t.label {
            Label::Moderator => s.moderator = true,
            Label::Named { role: Some(r), .. } | Label::Surname { role: Some(r), .. } => {
                s.moderator |= *r == "Chair" || *r == "Co-Chair";
                s.role.get_or_insert_with(|| r.to_string());
            }
            _ => {}
        }
        // A turn of nothing but white space (`>> ` alone, found by fuzzing)
        // says nothing: a quote with no text would not load.
        if !t.text.trim().is_empty() {
            draft.quotes.push(DraftQuote { speaker: Some(who), text: t.text.clone(), context: None, check: None });
        }
    }
    // Who says they moderate, when nobody is known to.
    if !draft.speakers.iter().any(|s| s.moderator) {
        for (i, first) in firsts.iter().enumerate() {
            if let Some(k) = first
                && draft.speakers[i].name != PARTICIPANT
                && moderates(&turns[*k].text)
            {
                draft.speakers[i].moderator = true;
            }
        }
    }
}

/// The speaker of `name` (found, known from elsewhere, or new), by index.
fn speaker(
    draft: &mut Draft,
    index: &mut HashMap<String, usize>,
    known: &HashMap<String, DraftSpeaker>,
    name: &str,
    check: Option<&str>,
    intro: Option<Intro>,
) -> usize {
    let key = name.to_lowercase();
    if let Some(&i) = index.get(&key) {
        let s = &mut draft.speakers[i];
        if let Some(intro) = intro {
            s.role = s.role.take().or(intro.role);
            s.organisation = s.organisation.take().or(intro.organisation);
        }
        return i;
    }
    let mut s =
        known.get(&key).cloned().unwrap_or_else(|| DraftSpeaker { name: name.to_string(), ..Default::default() });
    if let Some(intro) = intro {
        s.role = s.role.take().or(intro.role);
        s.organisation = s.organisation.take().or(intro.organisation);
    }
    s.check = check.map(str::to_string);
    draft.speakers.push(s);
    index.insert(key, draft.speakers.len() - 1);
    draft.speakers.len() - 1
}

const MODERATING: [&str; 12] = [
    "will moderate",
    "'ll moderate",
    "am moderating",
    "'m moderating",
    "be moderating",
    "of moderating",
    "your moderator",
    "the moderator today",
    "will chair",
    "'ll chair",
    "am chairing",
    "'m chairing",
];

/// Whether a turn says its speaker moderates.
fn moderates(text: &str) -> bool {
    let lower = text.to_lowercase().replace('’', "'");
    MODERATING.iter().any(|m| lower.contains(m))
}

/// Words that are capitalised but never part of a name here.
const NOT_NAME: [&str; 16] = [
    "I",
    "My",
    "The",
    "Thank",
    "Good",
    "Hello",
    "Yes",
    "No",
    "And",
    "But",
    "So",
    "We",
    "Our",
    "Welcome",
    "Professor",
    "Chair",
];
const PARTICLE_WORDS: [&str; 12] = ["van", "von", "der", "den", "de", "da", "di", "du", "del", "dos", "la", "le"];

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn bare(w: &str) -> &str {
    w.trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"', '”'])
}

/// A name of 2–5 words at the start of `words`, and how many words it uses.
fn name_at(words: &[&str]) -> Option<(String, usize)> {
    let mut n = 0;
    while n < words.len().min(MAX_NAME_WORDS) {
        let w = words[n];
        let b = bare(w);
        let ok = (is_cap(b) && !NOT_NAME.contains(&b) && b.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c)))
            || (n > 0 && PARTICLE_WORDS.contains(&b));
        if !ok {
            break;
        }
        n += 1;
        if b.len() != w.len() {
            break;
        }
    }
    // A particle is never last.
    while n > 0 && PARTICLE_WORDS.contains(&bare(words[n - 1])) {
        n -= 1;
    }
    (n >= 2).then(|| (words[..n].iter().map(|w| bare(w)).collect::<Vec<_>>().join(" "), n))
}

/// "My name is X", "I'm X", "I am X" in a turn: the speaker's own name.
fn self_named(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for i in 0..words.len() {
        let after = match &words[i..] {
            ["My", "name", "is", ..] | ["my", "name", "is", ..] => 3,
            ["I'm" | "I’m", ..] => 1,
            ["I", "am", ..] => 2,
            _ => continue,
        };
        if let Some((name, _)) = name_at(&words[i + after..]) {
            return Some(name);
        }
    }
    None
}

/// Full names for surname labels: "Given Surname" written in a turn.
fn given_names(text: &str, surnames: &mut HashMap<String, Option<String>>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    for i in 1..words.len() {
        let b = bare(words[i]);
        if let Some(full) = surnames.get_mut(b)
            && full.is_none()
        {
            let given = words[i - 1];
            if is_cap(given) && bare(given).len() == given.len() && !NOT_NAME.contains(&given) && !is_title(given) {
                *full = Some(format!("{given} {b}"));
            }
        }
    }
}

fn is_title(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    ["Mr", "Ms", "Mrs", "Dr", "Prof", "Professor", "Ambassador", "Minister", "Chair", "Madam", "Mister"].contains(&w)
}

/// Introductions of wanted names in a turn: "X, Role at Org", "X and I'm Role
/// of Org", "X from Org, I'm a Role there", "Professor X of Org".
fn introductions(text: &str, own: Option<&str>, wanted: &mut HashMap<String, Option<Intro>>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    // Byte offsets of the words, whatever the spaces between them.
    let offsets: Vec<usize> = words.iter().map(|w| w.as_ptr() as usize - text.as_ptr() as usize).collect();
    let mut i = 0;
    while i < words.len() {
        if !is_cap(words[i]) {
            i += 1;
            continue;
        }
        let Some((name, used)) = name_at(&words[i..]) else {
            i += 1;
            continue;
        };
        // The name may carry a title in front that the run took in.
        let Some(slot) = wanted.get_mut(&name) else {
            i += 1;
            continue;
        };
        let end = (offsets[i + used - 1] + bare(words[i + used - 1]).len()).min(text.len());
        let mut to = (end + INTRO_WINDOW).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let mut intro = affiliation(&text[end..to]);
        if intro.role.is_none() && i > 0 && ["Professor", "Ambassador", "Minister"].contains(&words[i - 1]) {
            intro.role = Some(words[i - 1].to_string());
        }
        // Said of someone else: the role as a title.
        if own != Some(name.as_str())
            && let Some(r) = &mut intro.role
        {
            let mut c = r.chars();
            if let Some(f) = c.next() {
                *r = f.to_uppercase().chain(c).collect();
            }
        }
        if intro.role.is_some() || intro.organisation.is_some() {
            let s = slot.get_or_insert_with(Intro::default);
            s.role = s.role.take().or(intro.role);
            s.organisation = s.organisation.take().or(intro.organisation);
        }
        i += used;
    }
}

/// Words that end a role: a sentence goes on, not a job title.
const NOT_ROLE: [&str; 28] = [
    "will",
    "would",
    "is",
    "are",
    "was",
    "have",
    "has",
    "you",
    "we",
    "i",
    "not",
    "please",
    "can",
    "the",
    "floor",
    "our",
    "i'll",
    "i’ll",
    "i'm",
    "i’m",
    "be",
    "been",
    "going",
    "moderating",
    "chairing",
    "today",
    "here",
    "this",
];

/// The role and organisation in the words right after a name.
fn affiliation(after: &str) -> Intro {
    let mut intro = Intro::default();
    // The sentence only.
    let sentence = match after.find(". ").or_else(|| after.find("? ")) {
        Some(e) => &after[..e],
        None => after.trim_end_matches(['.', '?', '!']),
    };
    let s = sentence.trim_start();
    if !(s.starts_with(',') || s.starts_with("and ") || s.starts_with("from ") || s.starts_with("of ")) {
        return intro;
    }
    for (k, clause) in s.trim_start_matches(',').split(',').take(2).enumerate() {
        let mut c = clause.trim();
        let mut spoken = false;
        for lead in ["and ", "I'm ", "I’m ", "I am ", "I work as ", "who is ", "working as "] {
            if let Some(r) = c.strip_prefix(lead) {
                c = r.trim_start();
                spoken = true;
            }
        }
        if k > 0 && !spoken {
            break;
        }
        if let Some(r) = c.strip_prefix("I work for ").or_else(|| c.strip_prefix("I work with ")) {
            intro.organisation = intro.organisation.or(org(r));
            continue;
        }
        for article in ["a ", "an ", "the "] {
            if let Some(r) = c.strip_prefix(article) {
                c = r;
            }
        }
        if let Some(r) = ["from ", "of ", "with ", "at "].iter().find_map(|p| c.strip_prefix(p)) {
            intro.organisation = intro.organisation.or(org(r));
            continue;
        }
        if let Some(r) = c.strip_prefix("who heads ") {
            let (what, at) = r.split_once(" at ").unwrap_or((r, ""));
            let title: Vec<String> = what
                .split_whitespace()
                .map(|w| {
                    let mut ch = w.chars();
                    ch.next().map(|f| f.to_uppercase().chain(ch).collect()).unwrap_or_default()
                })
                .collect();
            intro.role = intro.role.or(Some(format!("Head of {}", title.join(" "))));
            intro.organisation = intro.organisation.or(org(at));
            continue;
        }
        let c = c.strip_suffix(" there").unwrap_or(c);
        let (role, rest) = if let Some((r, o)) = c.split_once(" at ") {
            (r, Some(o))
        } else if let Some(p) =
            [" of ", " with ", " for "].iter().filter_map(|p| c.find(p).map(|at| (at, p.len()))).min()
        {
            (&c[..p.0], Some(&c[p.0 + p.1..]))
        } else {
            (c, None)
        };
        let role = role.split(" in ").next().unwrap_or(role).trim();
        let nwords = role.split_whitespace().count();
        let sentence_like = role.split_whitespace().any(|w| NOT_ROLE.contains(&w.to_lowercase().as_str()));
        if nwords == 0 || nwords > 7 || sentence_like || !role.starts_with(char::is_alphabetic) {
            break;
        }
        intro.role = intro.role.or(Some(role.to_string()));
        if let Some(o) = rest {
            intro.organisation = intro.organisation.or(org(o));
        }
    }
    intro
}

/// An organisation's name at the start of `s`: capitalised words and the
/// small words between them, without a leading "the".
fn org(s: &str) -> Option<String> {
    const JOIN: [&str; 9] = ["of", "for", "and", "de", "du", "des", "la", "the", "on"];
    let s = s.trim();
    let s = s.strip_prefix("the ").unwrap_or(s);
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut n = 0;
    let mut last_cap = 0;
    while n < words.len() {
        let w = words[n];
        let b = bare(w);
        if is_cap(b) || b.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            n += 1;
            last_cap = n;
        } else if JOIN.contains(&b) && n > 0 {
            n += 1;
        } else {
            break;
        }
        if b.len() != w.len() {
            break;
        }
    }
    (last_cap > 0).then(|| words[..last_cap].iter().map(|w| bare(w)).collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        for (caps, want) in [
            ("PRIYA RAMAN", "Priya Raman"),
            ("JAN VAN DER BERG", "Jan van der Berg"),
            ("SEÁN O'DONNELL", "Seán O'Donnell"),
            ("AMARA OKONKWO-DIALLO", "Amara Okonkwo-Diallo"),
            ("MAŁGORZATA WIŚNIEWSKA", "Małgorzata Wiśniewska"),
            ("ZOË LAMBRECHT", "Zoë Lambrecht"),
            ("ÉLODIE MARCHETTI", "Élodie Marchetti"),
            ("MEI-LING TSAO", "Mei-Ling Tsao"),
            ("ROSS MCDONALD", "Ross McDonald"),
            ("VAN DYKE", "Van Dyke"),
        ] {
            assert_eq!(normal_case(caps), want);
        }
    }

    #[test]
    fn labels() {
        let named = |n: &str| Label::Named { name: n.into(), role: None };
        for (line, want, words) in [
            (" PRIYA RAMAN:  Thank you.", named("Priya Raman"), "Thank you."),
            (" MODERATOR: Hello.", Label::Moderator, "Hello."),
            (" CHAIR KUMAR: Welcome.", Label::Surname { surname: "Kumar".into(), role: Some("Chair") }, "Welcome."),
            (" MS. HALVORSEN: Yes.", Label::Surname { surname: "Halvorsen".into(), role: None }, "Yes."),
            (" PARTICIPANT: Why?", Label::Floor, "Why?"),
            (" AUDIENCE: Why?", Label::Floor, "Why?"),
            (" REMOTE PARTICIPANT: Hello.", Label::Floor, "Hello."),
            (" REMOTE MODERATOR: Online.", Label::RemoteModerator, "Online."),
            ("  Can I follow up?", Label::Floor, "Can I follow up?"),
            // Speech with a colon is not a label.
            (" Thank you. One point: yes.", Label::Floor, "Thank you. One point: yes."),
            (" DR. JAN VAN DER BERG: Hi.", named("Jan van der Berg"), "Hi."),
        ] {
            let (label, text) = parse_line(line);
            assert_eq!((label, text), (want, words), "{line}");
        }
    }

    #[test]
    fn title_lines() {
        for (line, title, date, start) in [
            ("2015 11 12 WS 84 Community networks - Room 4", "WS 84 Community networks - Room 4", "2015-11-12", None),
            ("FINISHED - 2018 11 13 - Main Session - Hall", "Main Session - Hall", "2018-11-13", None),
            (
                "2019 11 26 WS 21 Data for Cities (Room 3) FINISHED",
                "WS 21 Data for Cities (Room 3)",
                "2019-11-26",
                None,
            ),
            ("2015 11 13 11:00 A.M. Open Forum", "Open Forum", "2015-11-13", Some("11:00")),
            ("2015 11 13 2:30 P.M. - Open Forum", "Open Forum", "2015-11-13", Some("14:30")),
            ("2015 11 13 14:00 Open Forum", "Open Forum", "2015-11-13", Some("14:00")),
        ] {
            let mut d = Draft::default();
            title_line(line, &mut d);
            assert_eq!((d.title.as_str(), d.date.as_deref(), d.start.as_deref()), (title, Some(date), start), "{line}");
        }
    }

    #[test]
    fn disclaimer() {
        assert!(is_disclaimer("This is the output of the real-time captioning taken during the session."));
        assert!(is_disclaimer("Provided by: Caption First, Inc., P.O. Box 3066"));
        assert!(is_disclaimer("Communication Access Realtime Translation (CART), captioning…"));
        assert!(!is_disclaimer("The session looked at cartography and carts of data."));
        let d = extract(
            "2015 11 12 Title\n\nThis is the output of the real-time captioning.\n\n>> A B: x\n>> A B: y\n>> A B: z\n",
        );
        assert_eq!(d.summary, None);
        assert_eq!(d.speakers.len(), 1);
    }

    #[test]
    fn affiliations() {
        let a = |s: &str| {
            let i = affiliation(s);
            (i.role, i.organisation)
        };
        let some = |r: &str, o: Option<&str>| (Some(r.to_string()), o.map(str::to_string));
        assert_eq!(
            a(", Executive Director of Open Spectrum Africa. We work"),
            some("Executive Director", Some("Open Spectrum Africa"))
        );
        assert_eq!(
            a(", Senior Researcher at the Instituto Andino de Redes in Quito."),
            some("Senior Researcher", Some("Instituto Andino de Redes"))
        );
        assert_eq!(
            a(" and I'm Head of Network Operations at the Kansai Exchange Point. A"),
            some("Head of Network Operations", Some("Kansai Exchange Point"))
        );
        assert_eq!(
            a(" from the Brussels Digital Rights Bureau, I'm a Policy Officer there. I"),
            some("Policy Officer", Some("Brussels Digital Rights Bureau"))
        );
        assert_eq!(
            a(", I am a journalist with the Meridian Post, and I will be moderating"),
            some("journalist", Some("Meridian Post"))
        );
        assert_eq!(a(", I work as an independent consultant in Central Asia. I"), some("independent consultant", None));
        assert_eq!(
            a(", Chief Data Officer of the City of Rotterdam. The"),
            some("Chief Data Officer", Some("City of Rotterdam"))
        );
        assert_eq!(a(", would you start?"), (None, None));
        assert_eq!(a(", and I'll be moderating this session."), (None, None));
        assert_eq!(a(", and I’m chairing today."), (None, None));
        assert_eq!(a(". Next"), (None, None));
    }

    fn who(d: &Draft) -> Vec<(&str, Option<&str>, Option<&str>, bool)> {
        d.speakers
            .iter()
            .map(|s| (s.name.as_str(), s.role.as_deref(), s.organisation.as_deref(), s.moderator))
            .collect()
    }

    #[test]
    fn moderator_resolution() {
        let text = "2015 11 12 Panel\n\n>> MODERATOR: Hello. My name is Rafael Quintero, I am a journalist with the Meridian Post.\n>> PRIYA RAMAN: Thanks. I'm Priya Raman, Chief Data Officer of the City of Rotterdam.\n>> MODERATOR: Thanks.\n>> PARTICIPANT: Why?\n>> Why not?\n";
        let d = extract(text);
        assert_eq!(
            who(&d),
            vec![
                ("Rafael Quintero", Some("journalist"), Some("Meridian Post"), true),
                ("Priya Raman", Some("Chief Data Officer"), Some("City of Rotterdam"), false),
                (PARTICIPANT, None, None, false),
            ]
        );
        let by: Vec<usize> = d.quotes.iter().map(|q| q.speaker.unwrap()).collect();
        assert_eq!(by, [0, 1, 0, 2, 2]);
        // Never named: kept, and marked.
        let d = extract("T\n\n>> MODERATOR: Hello.\n>> MODERATOR: Again.\n>> PARTICIPANT: Hi.\n");
        assert_eq!(d.speakers[0].name, "Moderator");
        assert!(d.speakers[0].moderator && d.speakers[0].check.is_some());
    }

    #[test]
    fn surname_labels_and_introductions_by_others() {
        let text = "2016 12 07 Forum\n\n>> CHAIR KUMAR: I am Anjali Kumar, Chair of the Asia-Pacific Registry Council. With me are Élodie Marchetti, Senior Legal Adviser at the Ministry of Digital Affairs of Luxembourg, and Ingrid Halvorsen, who heads digital policy at the Nordlys Forum.\n>> ÉLODIE MARCHETTI: Merci.\n   It continues here.\n\n   (Applause)\n\n   And here.\n>> MS. HALVORSEN: Indeed.\n";
        let d = extract(text);
        assert_eq!(
            who(&d),
            vec![
                ("Anjali Kumar", Some("Chair"), Some("Asia-Pacific Registry Council"), true),
                (
                    "Élodie Marchetti",
                    Some("Senior Legal Adviser"),
                    Some("Ministry of Digital Affairs of Luxembourg"),
                    false
                ),
                ("Ingrid Halvorsen", Some("Head of Digital Policy"), Some("Nordlys Forum"), false),
            ]
        );
        assert_eq!(d.quotes[1].text, "Merci. It continues here. And here.");
    }

    #[test]
    fn self_declared_moderator() {
        let d = extract(
            "T\n\n>> INGRID HALVORSEN: I'm Ingrid Halvorsen and I will moderate.\n>> JO ROE: Hi.\n>> JO ROE: Bye.\n",
        );
        assert!(d.speakers[0].moderator && !d.speakers[1].moderator);
    }

    /// Words apart by tabs or wide spaces: the introduction is read where
    /// the words are, not where single spaces would put them (a panic on a
    /// character boundary before).
    #[test]
    fn any_spacing() {
        let text = "T\n\n>> JO ROE: I'm Jo\u{2003}Roe,\tDirector\u{2003}of Ünïcödé Ørg.\n>> PARTICIPANT: Hi.\n>> JO ROE: Bye.\n";
        let d = extract(text);
        assert_eq!(who(&d)[0], ("Jo Roe", Some("Director"), Some("Ünïcödé Ørg"), false));
    }

    /// Odd labels and turns never panic and give a quote per turn that says
    /// something (a turn of white space alone would be a quote that does not load).
    #[test]
    fn hostile_turns() {
        let long = format!(">> {}: x", "A".repeat(500));
        for text in [
            ">>\n>>\n>>\n",
            ">> : \n>> ::\n>> ÉÉ: é\n",
            &long,
            ">> MR.: a\n>> CHAIR: b\n>> SPEAKER 2: c\n>> MODERATOR: I'm \n",
            ">> X Y: My name is\n>> X Y: I am\n>> X Y: ,\n>> X Y: who heads",
        ] {
            let text = format!("{text}\n>> A B: 1\n>> A B: 2\n>> A B: 3\n");
            let d = extract(&text);
            assert!(d.quotes.len() <= text.lines().filter(|l| l.starts_with(">>")).count(), "{text}");
            assert!(d.quotes.iter().all(|q| !q.text.trim().is_empty()), "{text}: {:?}", d.quotes);
            let last: Vec<&str> = d.quotes.iter().rev().take(3).map(|q| q.text.as_str()).collect();
            assert_eq!(last, ["3", "2", "1"], "{text}");
        }
    }

    /// 20,000 turns of 200 speakers, as `scripts/bench-import.sh transcript` times them.
    #[test]
    fn twenty_thousand_turns() {
        // "Ana Kbac": a surname spelled from the digits of n.
        let name = |n: usize| {
            let letters: String = format!("{n:03}").bytes().map(|b| char::from(b'a' + b - b'0')).collect();
            format!("Ana K{letters}")
        };
        let mut text = String::from("2015 11 13 Big session\n\n");
        for k in 0..20_000 {
            let n = name(k % 200);
            text.push_str(&format!(">> {}: I'm {n}, Director of Org {}. Turn {k}.\n\n", n.to_uppercase(), k % 200));
        }
        let d = extract(&text);
        assert_eq!((d.speakers.len(), d.quotes.len()), (200, 20_000));
        assert_eq!(d.speakers[7].name, name(7));
        assert_eq!(d.speakers[7].organisation.as_deref(), Some("Org 7"));
        assert!(d.quotes.iter().enumerate().all(|(k, q)| q.speaker == Some(k % 200)));
    }

    #[test]
    fn detection() {
        assert!(detect(">> A: b\n>> C: d\n>> e\n"));
        assert!(!detect("A report.\n\n> quoted\n>> once\n"));
    }
}
