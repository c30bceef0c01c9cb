//! `podium import`: a plain-text session report → a draft podium report that
//! a person only has to check. Heuristic by nature: what it is unsure of is
//! marked, never silently guessed.

mod header;
mod html;
mod people;
mod roster;
mod text;
mod transcript;
mod wiki;
pub mod yaml;

use crate::load::sanitize::sanitize;
use roster::Roster;
use std::borrow::Cow;
use std::collections::HashSet;
use text::Span;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("the input is empty")]
    Empty,
    #[error("not a text file: {0}")]
    NotText(String),
    #[error("too large: {0} bytes, over the limit of {1} (raise it with --max-file-size)")]
    TooLarge(usize, usize),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftSpeaker {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub moderator: bool,
    pub points: Vec<String>,
    pub check: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftQuote {
    /// Index into `Draft::speakers`; `None` when it could not be attributed.
    pub speaker: Option<usize>,
    pub text: String,
    pub context: Option<String>,
    pub check: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub kind: Option<String>,
    pub author: Option<String>,
    pub summary: Option<String>,
    pub conclusion: Option<String>,
    pub speakers: Vec<DraftSpeaker>,
    pub quotes: Vec<DraftQuote>,
    /// Quoted titles of documents or events, left out of the quotes.
    pub titles: Vec<String>,
}

impl Draft {
    /// How many entries carry a `# check` mark.
    pub fn checks(&self) -> usize {
        self.speakers.iter().filter(|s| s.check.is_some()).count()
            + self.quotes.iter().filter(|q| q.check.is_some()).count()
            + usize::from(self.date.is_none())
    }
}

/// No line of a report is this long; longer means not prose (and would cost
/// the sentence scan time for nothing).
const MAX_LINE: usize = 200_000;

pub fn decode(bytes: &[u8], max: usize) -> Result<String, ImportError> {
    if bytes.len() > max {
        return Err(ImportError::TooLarge(bytes.len(), max));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::NotText("UTF-16 text; convert it with `iconv -f UTF-16 -t UTF-8`".into()));
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| ImportError::NotText(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    if let Some(at) = text.find('\0') {
        return Err(ImportError::NotText(format!("a NUL byte at byte {at}: this looks like a binary file")));
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if let Some((i, line)) = text.lines().enumerate().find(|(_, l)| l.len() > MAX_LINE) {
        return Err(ImportError::NotText(format!("line {} is {} bytes long: not a report's prose", i + 1, line.len())));
    }
    // The same bound for a paragraph of many short lines.
    if let Some(p) = text.split("\n\n").find(|p| p.len() > MAX_LINE) {
        let line = text[..p.as_ptr() as usize - text.as_ptr() as usize].lines().count() + 1;
        return Err(ImportError::NotText(format!(
            "the paragraph at line {line} is {} bytes long: not a report's prose",
            p.len()
        )));
    }
    // Copies only where something changes: a 16 MiB text is copied once, not three times.
    let text = if text.contains("\r\n") { Cow::Owned(text.replace("\r\n", "\n")) } else { Cow::Borrowed(text) };
    let text = sanitize(&text);
    Ok(if text.contains('\u{A0}') { text.replace('\u{A0}', " ") } else { text.into_owned() })
}

pub fn import(bytes: &[u8], max: usize) -> Result<Draft, ImportError> {
    // A web page becomes the plain text the extractor reads (within the size limit), then is checked as text.
    let text = if html::looks_like(bytes) {
        decode(html::to_text(bytes, max)?.as_bytes(), usize::MAX)?
    } else {
        decode(bytes, max)?
    };
    // A wiki page may end with a transcript: looked for first.
    if wiki::detect(&text) {
        return Ok(wiki::extract(&text));
    }
    if transcript::detect(&text) {
        return Ok(transcript::extract(&text));
    }
    Ok(extract(text))
}

fn extract(text: String) -> Draft {
    let mut draft = Draft::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut used = vec![false; lines.len()];
    let mut nonempty = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty());
    if let Some(t) = nonempty.next() {
        draft.title = lines[t].trim().to_string();
        used[t] = true;
    }
    // Where a news dateline ends, on the line that opens with one.
    let mut dateline: Option<(usize, usize)> = None;
    // Header: short lines right after the title.
    for i in nonempty.take(4) {
        let line = lines[i].trim();
        if draft.date.is_none()
            && let Some((d, cut)) = header::dateline(lines[i].trim_start())
        {
            draft.date = Some(d);
            dateline = Some((i, lines[i].len() - lines[i].trim_start().len() + cut));
            break;
        }
        if line.split_whitespace().count() > 12 {
            break;
        }
        // "By Name" under the headline.
        if draft.author.is_none()
            && let Some(a) = header::authors(line)
        {
            draft.author = Some(a);
            used[i] = true;
            continue;
        }
        if let Some(d) = header::date(line) {
            draft.date.get_or_insert(d);
            let (s, e) = header::times(line);
            draft.start = draft.start.take().or(s);
            draft.end = draft.end.take().or(e);
            used[i] = true;
        } else if draft.kind.is_none()
            && people::list_heading(line).is_none()
            && let Some(k) = header::kind(line)
        {
            draft.kind = Some(k);
            used[i] = true;
        }
    }
    // Contacts and end marks close a press release: no part of the report.
    let mut last = (0..lines.len()).rev().find(|&i| !lines[i].trim().is_empty() && !used[i]);
    while let Some(l) = last.filter(|&l| header::closing(lines[l])) {
        used[l] = true;
        last = (0..l).rev().find(|&i| !lines[i].trim().is_empty() && !used[i]);
    }
    if let Some(last) = last
        && draft.author.is_none()
        && let Some(a) = header::authors(lines[last])
    {
        draft.author = Some(a);
        used[last] = true;
    }
    // The body is a copy of the text: gone before the passes, which keep paragraphs only.
    let paragraphs = {
        let body: String = lines
            .iter()
            .zip(&used)
            .enumerate()
            .map(|(i, (l, u))| match dateline {
                _ if *u => "",
                Some((d, cut)) if d == i => &l[cut..],
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        text::paragraphs(&body)
    };
    // Nor is the text kept: the draft owns copies of what it took from it.
    drop((lines, used));
    drop(text);

    // Pass 1: who is introduced.
    let mut roster = Roster::default();
    // Paragraphs that are items of a list of speakers: introductions, not points.
    let mut listed = vec![false; paragraphs.len()];
    let mut heading: Option<bool> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let p = &para.text;
        if para.item {
            if let Some(mut intro) = people::list_item(p, heading.is_some()) {
                intro.moderator |= heading == Some(true);
                roster.add(intro);
                listed[pi] = true;
                continue;
            }
        } else {
            heading = people::list_heading(p);
        }
        for (a, b) in text::sentences(p) {
            let s = &p[a..b];
            if let Some(name) = people::moderator_line(s) {
                roster.add(people::Intro { name, moderator: true, ..Default::default() });
            }
            for intro in people::introductions(s) {
                roster.add(intro);
            }
        }
    }

    // Pass 2: what each paragraph is about, its quotes and its points.
    let mut first_about = None;
    let mut last_subject = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let p = &para.text;
        if listed[pi] || people::list_heading(p).is_some() {
            continue;
        }
        let mentions = roster.mentions(p);
        let own_subject = mentions.first().map(|&(_, s)| s);
        let is_last = pi + 1 == paragraphs.len();
        if own_subject.is_some() && first_about.is_none() {
            first_about = Some(pi);
        }
        if own_subject.is_none() && (first_about.is_none() || (is_last && pi > 0)) {
            // Before anyone is introduced: the summary; at the end: the conclusion.
            let target = if first_about.is_none() { &mut draft.summary } else { &mut draft.conclusion };
            match target {
                // Appended in place: a text of many paragraphs stays linear.
                Some(t) => {
                    t.push_str("\n\n");
                    t.push_str(p);
                }
                None => *target = Some(p.to_string()),
            }
            continue;
        }
        // The floor speaking is nobody's point and nobody's quote.
        let audience = p.split_whitespace().take(3).any(|w| w.to_lowercase().starts_with("participant"))
            || ["The audience", "During the discussion", "In the discussion"].iter().any(|a| p.starts_with(a));
        let subject = if audience { own_subject } else { own_subject.or(last_subject) };
        last_subject = subject;
        let spans = text::quotations(p);
        let sentences = text::sentences(p);
        let words = Words::new(p);
        let mut quoted_sentences = HashSet::new();
        for span in &spans {
            let inner = p[span.inner.0..span.inner.1].trim().trim_end_matches(',').trim();
            // Marks around nothing quote nothing: a quote with no text would not load.
            if inner.is_empty() {
                continue;
            }
            if is_title(p, span, inner) {
                draft.titles.push(inner.to_string());
                continue;
            }
            // Sentences are in order and apart: the last one starting at or before the quotation.
            let sentence = match sentences.partition_point(|&(a, _)| a <= span.outer.0) {
                0 => None,
                k => Some(sentences[k - 1]).filter(|&(_, b)| span.outer.0 < b),
            }
            .unwrap_or((0, p.len()));
            quoted_sentences.insert(sentence);
            let (speaker, check) =
                attribute(&mut roster, p, &words, span, sentence, &mentions, subject, own_subject.is_some());
            let context = context_of(p, span, sentence);
            draft.quotes.push(DraftQuote { speaker, text: inner.to_string(), context, check });
        }
        if let Some(s) = subject {
            for &(a, b) in &sentences {
                if !quoted_sentences.contains(&(a, b)) && people::moderator_line(&p[a..b]).is_none() {
                    roster.speakers[s].points.push(p[a..b].to_string());
                }
            }
        }
    }
    draft.speakers = roster.speakers;
    draft
}

/// Short quoted names in title case (a report, an event) are not speech.
fn is_title(p: &str, span: &Span, inner: &str) -> bool {
    // "“Never again,” said Roe.": a speech verb right after it makes it speech, however short.
    let after = p[span.outer.1..].trim_start_matches([',', ' ', '—', '–']);
    let said = after.split_whitespace().take(4).position(|w| SAY.contains(&w.trim_end_matches([',', '.', ':'])));
    let pronoun = after.split_whitespace().next().is_some_and(|w| PRONOUNS.contains(&w.to_lowercase().as_str()));
    if said.is_some_and(|i| i == 0 || pronoun || !after.starts_with(|c: char| c.is_lowercase())) {
        return false;
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    // Only the words just before matter; lowering the whole paragraph per quote was quadratic.
    let mut from = span.outer.0.saturating_sub(64);
    while !p.is_char_boundary(from) {
        from += 1;
    }
    let before = p[from..span.outer.0].trim_end().to_lowercase();
    let named = ["report", "titled", "entitled", "called", "named", "campaign", "day", "initiative", "the"]
        .iter()
        .any(|w| before.ends_with(w));
    let title_case =
        words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric()) || w.len() <= 3);
    // "safety by design", "three menus away": a short term, not a sentence, and not introduced by a colon.
    let term = words.len() < 5 && !inner.ends_with(['.', '!', '?']) && !before.ends_with(':');
    term || (words.len() <= 6 && title_case && (named || !inner.ends_with(['.', '!', '?'])))
}

const PRONOUNS: [&str; 3] = ["she", "he", "they"];

const SAY: [&str; 16] = [
    "said",
    "says",
    "added",
    "noted",
    "explained",
    "stressed",
    "argued",
    "concluded",
    "remarked",
    "observed",
    "warned",
    "insisted",
    "asked",
    "told",
    "continued",
    "replied",
];

/// Who said a quotation: named right after it ("…,” said Name), else the
/// last speaker named before it in its sentence, else the paragraph's subject.
#[allow(clippy::too_many_arguments)]
fn attribute(
    roster: &mut Roster,
    p: &str,
    words_of_p: &Words,
    span: &Span,
    sentence: (usize, usize),
    mentions: &[(usize, usize)],
    subject: Option<usize>,
    subject_named_here: bool,
) -> (Option<usize>, Option<String>) {
    let after = p[span.outer.1..].trim_start_matches([',', ' ', '—', '–']);
    let words: Vec<&str> = after.split_whitespace().take(6).collect();
    let said_name = match words.as_slice() {
        [verb, rest @ ..] if SAY.contains(&verb.trim_end_matches([',', '.'])) => Some(rest),
        _ => None,
    };
    let name_said = words
        .iter()
        .position(|w| SAY.contains(&w.trim_end_matches([',', '.'])))
        .filter(|&i| (1..=4).contains(&i))
        .map(|i| &words[..i]);
    let mut unnamed = false;
    for candidate in [said_name, name_said].into_iter().flatten() {
        let phrase = candidate.join(" ");
        if let Some(i) = roster.resolve(&phrase) {
            return (Some(i), roster.shared_surname(i, &phrase));
        }
        if let Some((name, _)) = people::name_at(candidate) {
            roster.push(DraftSpeaker {
                name,
                check: Some("named only where quoted: add role and organisation".into()),
                ..Default::default()
            });
            return (Some(roster.speakers.len() - 1), None);
        }
        // "…,” one official replied: said by someone the report does not name.
        let lower = |w: &&str| w.chars().next().is_some_and(char::is_lowercase);
        let pronoun = |w: &&str| PRONOUNS.contains(&w.to_lowercase().trim_end_matches([',', '.']));
        unnamed |= candidate.first().is_some_and(|w| lower(w) && !pronoun(w));
    }
    if unnamed {
        return (None, Some("said by someone the report does not name".into()));
    }
    // Mentions are in order: the last one before the quotation, if in its sentence.
    let last_before = mentions.partition_point(|&(at, _)| at < span.outer.0).checked_sub(1).map(|k| mentions[k]);
    if let Some((at, s)) = last_before.filter(|&(at, _)| at >= sentence.0) {
        return (Some(s), roster.shared_surname(s, &p[at..]));
    }
    // "She said: “…”" in a paragraph about a speaker.
    let pronoun_before = words_of_p.any_pronoun(p, sentence.0, span.outer.0);
    // "One participant … remarked: “…”": a speech verb with nobody named before it.
    let verb_before = words_of_p.last(p, sentence.0, span.outer.0, 3).any(|w| SAY.contains(&w.as_str()));
    if verb_before && !pronoun_before {
        return (None, Some("said by someone the report does not name".into()));
    }
    let pronoun_after = words.first().is_some_and(|w| PRONOUNS.contains(&w.to_lowercase().as_str()));
    // "…,” he said: the last speaker named before it in the paragraph.
    if let (Some(s), true, true) = (subject, subject_named_here, pronoun_before || pronoun_after) {
        return (Some(last_before.map_or(s, |(_, l)| l)), None);
    }
    match subject {
        Some(s) if subject_named_here => (Some(s), Some("speaker guessed from the paragraph".into())),
        Some(s) => (Some(s), Some("speaker guessed from an earlier paragraph".into())),
        None => (None, Some("speaker not found: choose one".into())),
    }
}

/// The words of a paragraph, for what the words of a sentence before a
/// quotation say: looked up, not split again for each quotation (a sentence
/// of many quotations was quadratic).
struct Words {
    /// Byte ranges of the words (a paragraph's words are joined by single spaces).
    spans: Vec<(usize, usize)>,
    /// How many of the first k words are pronouns.
    pronouns: Vec<u32>,
}

fn lowered(w: &str) -> String {
    w.to_lowercase().trim_end_matches([',', ':', '.']).to_string()
}

impl Words {
    fn new(p: &str) -> Self {
        let mut spans = Vec::new();
        let mut pronouns = vec![0];
        let mut at = 0;
        for w in p.split(' ') {
            if !w.is_empty() {
                spans.push((at, at + w.len()));
                let n = pronouns.last().copied().unwrap_or(0);
                pronouns.push(n + u32::from(PRONOUNS.contains(&lowered(w).as_str())));
            }
            at += w.len() + 1;
        }
        Words { spans, pronouns }
    }

    /// The words of `p[from..to]` (those cut by its ends cut too), as indices
    /// and byte ranges.
    fn within(&self, from: usize, to: usize) -> impl DoubleEndedIterator<Item = (usize, usize, usize)> + '_ {
        let lo = self.spans.partition_point(|&(_, e)| e <= from);
        let hi = self.spans.partition_point(|&(a, _)| a < to).max(lo);
        (lo..hi).map(move |k| (k, self.spans[k].0.max(from), self.spans[k].1.min(to))).filter(|&(_, a, b)| a < b)
    }

    /// Whether a word of `p[from..to]` is a pronoun, as `split_whitespace` would give the words.
    fn any_pronoun(&self, p: &str, from: usize, to: usize) -> bool {
        let mut words = self.within(from, to);
        let (Some(first), last) = (words.next(), words.next_back()) else { return false };
        let pronoun = |(_, a, b): (usize, usize, usize)| PRONOUNS.contains(&lowered(&p[a..b]).as_str());
        // Words between the first and the last are whole: counted in advance.
        let inner = last.is_some_and(|l| self.pronouns[l.0] > self.pronouns[first.0 + 1]);
        pronoun(first) || last.is_some_and(pronoun) || inner
    }

    /// The last `n` words of `p[from..to]`, lowered and without trailing `,:.`.
    fn last<'a>(&'a self, p: &'a str, from: usize, to: usize, n: usize) -> impl Iterator<Item = String> + 'a {
        self.within(from, to).rev().take(n).map(move |(_, a, b)| lowered(&p[a..b]))
    }
}

/// The sentence around a quotation, without the quotation, as its context.
fn context_of(p: &str, span: &Span, (a, b): (usize, usize)) -> Option<String> {
    let before = p[a..span.outer.0].trim().trim_end_matches([':', ',']).trim();
    let after = p[span.outer.1.min(b)..b].trim().trim_start_matches([',', '.']).trim();
    let parts: &[&str] = match (before.is_empty(), after.is_empty()) {
        (false, true) => &[before],
        (true, false) => &[after],
        (false, false) => &[before, " … ", after],
        (true, true) => return None,
    };
    // Only the first 240 characters are kept: joining the whole sentence for
    // each of its quotations was quadratic.
    let short: String = parts.iter().flat_map(|s| s.chars()).take(240).collect();
    let whole: usize = parts.iter().map(|s| s.len()).sum();
    Some(if short.len() < whole { format!("{short}…") } else { short })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed() {
        let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/00-seed.txt"));
        let seed = seed.expect("the seed text is kept in the fixtures");
        let d = import(&seed, 1 << 20).unwrap();
        assert_eq!(d.title, "Child online protection through multistakeholder engagement");
        assert_eq!(
            (d.date.as_deref(), d.start.as_deref(), d.end.as_deref()),
            (Some("2015-11-10"), Some("14:00"), Some("15:00"))
        );
        assert_eq!(d.author.as_deref(), Some("Arsène Tungali"));
        assert_eq!(d.kind.as_deref(), Some("Event report"));
        let who: Vec<(&str, Option<&str>, Option<&str>, bool)> = d
            .speakers
            .iter()
            .map(|s| (s.name.as_str(), s.role.as_deref(), s.organisation.as_deref(), s.moderator))
            .collect();
        assert_eq!(
            who,
            vec![
                ("Laksmi Shita", Some("Program Development Manager"), Some("HIVOS Southeast Asia"), true),
                (
                    "Mariam Barata",
                    Some("Director General Secretary"),
                    Some("Indonesian Ministry of Communication and Technology"),
                    false
                ),
                (
                    "Saidalavi Mohamed",
                    Some("Chief Executive Officer"),
                    Some("Developing Internet Safe Community Foundation"),
                    false
                ),
                ("John Carr", Some("Senior Expert Advisor"), Some("ECPAT International"), false),
            ]
        );
        let quotes: Vec<(&str, &str)> =
            d.quotes.iter().map(|q| (d.speakers[q.speaker.unwrap()].name.as_str(), &q.text[..20])).collect();
        assert_eq!(
            quotes,
            vec![
                ("Laksmi Shita", "I am privileged to b"),
                ("Saidalavi Mohamed", "I have 4 kids and I "),
                ("John Carr", "the role of us as ci")
            ]
        );
    }

    #[test]
    fn the_yaml_written_always_loads() {
        // U+FFFF is valid UTF-8 but not allowed in a YAML file (found by fuzzing).
        for text in ["\u{FFFF}", "Title \u{FFFE} \"quoted\" \\ back\n\n10 Nov 2015", "a\u{85}b"] {
            let draft = import(text.as_bytes(), 1 << 20).unwrap();
            let y = yaml::write(&draft, "source \u{FFFF}");
            let out = crate::load::parse_file(std::path::Path::new("x.yaml"), "x", y.as_bytes());
            assert!(out.problems.is_empty(), "{text:?}: {:?}\n{y}", out.problems);
            assert_eq!(out.reports[0].report.title, draft.title.trim());
        }
    }

    #[test]
    fn a_turn_or_quotation_of_nothing_makes_no_quote() {
        // Found by fuzzing: transcript turns (`>>`) with only white space in one.
        let text = b"\x08 \r\x08\x1f*\x080\r\x08\n >>\x7f\n >> \n >> H> H BG\n >> H> H";
        let draft = import(text, 1 << 20).unwrap();
        assert!(draft.quotes.iter().all(|q| !q.text.trim().is_empty()), "{:?}", draft.quotes);
        let y = yaml::write(&draft, "fuzz");
        let out = crate::load::parse_file(std::path::Path::new("x.yaml"), "x", y.as_bytes());
        assert!(out.problems.iter().all(|p| !p.is_error()), "{:?}\n{y}", out.problems);
    }

    /// (text, quotes as (speaker, text start, check)).
    #[test]
    fn short_speech_and_shared_surnames() {
        type Want = &'static [(Option<&'static str>, &'static str, bool)];
        let table: &[(&str, Want)] = &[
            (
                "Panel\n\nJo Roe, Director at Open Net, opened.\n\n“Never again,” said Roe.",
                &[(Some("Jo Roe"), "Never again", false)],
            ),
            (
                "Panel\n\nJo Roe, Director at Open Net, opened.\n\n“Never again,” Roe said.",
                &[(Some("Jo Roe"), "Never again", false)],
            ),
            (
                "Panel\n\nJo Roe, Director at Open Net, opened. Al Roe, Fellow at Data Trust, agreed.\n\n“Never again,” said Roe. “Not now,” said Al Roe.",
                &[(Some("Jo Roe"), "Never again", true), (Some("Al Roe"), "Not now", false)],
            ),
            (
                "Panel\n\nJo Roe, Director at Open Net, opened. Al Roe, Fellow at Data Trust, agreed.\n\nRoe said: “we must act now on this and soon.”",
                // Either may be picked; the check is what matters.
                &[(Some("Al Roe"), "we must act", true)],
            ),
        ];
        for (text, want) in table {
            let d = import(text.as_bytes(), 1 << 20).unwrap();
            let got: Vec<(Option<&str>, &str, bool)> = d
                .quotes
                .iter()
                .map(|q| {
                    let who = q.speaker.map(|i| d.speakers[i].name.as_str());
                    (who, &q.text[..q.text.len().min(want[0].1.len())], q.check.is_some())
                })
                .collect();
            let want: Vec<_> = want.iter().map(|&(w, t, c)| (w, &t[..t.len().min(want[0].1.len())], c)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// A report of many speakers, each introduced in a paragraph of their own and
    /// quoted by surname (shared by two speakers), as `scripts/bench-import.sh` times it.
    #[test]
    fn six_thousand_speakers() {
        const SYLLABLES: [&str; 8] = ["ka", "lo", "mi", "ra", "ve", "no", "si", "ta"];
        const FIRST: [&str; 4] = ["Ana", "Bilal", "Chen", "Dina"];
        let surname = |mut i: usize| {
            let mut s = String::new();
            for _ in 0..5 {
                s.push_str(SYLLABLES[i % 8]);
                i /= 8;
            }
            let mut c = s.chars();
            c.next().unwrap().to_uppercase().chain(c).collect::<String>()
        };
        let mut text = String::from("Scaling\n\n10 Nov 2015\n\nThe workshop heard many speakers.\n\n");
        for i in 0..6_000 {
            let last = surname(i / 2);
            text.push_str(&format!(
                "{} {last}, Director at the Open Data Institute, said that data mattered for case {i}. “We need rules that work,” said {last}.\n\n",
                FIRST[i % 4]
            ));
        }
        let d = import(text.as_bytes(), 1 << 24).unwrap();
        assert_eq!(d.speakers.len(), 6_000);
        assert_eq!(d.quotes.len(), 6_000);
        for i in [0, 1, 2_999, 5_999] {
            let s = &d.speakers[i];
            assert_eq!(s.name, format!("{} {}", FIRST[i % 4], surname(i / 2)));
            assert_eq!((s.role.as_deref(), s.organisation.as_deref()), (Some("Director"), Some("Open Data Institute")));
            assert_eq!(
                s.points,
                [format!("{}, Director at the Open Data Institute, said that data mattered for case {i}.", s.name)]
            );
            // Quoted by a surname two speakers share: the first is picked, and the check says so.
            let q = &d.quotes[i];
            assert_eq!(q.speaker, Some(i - i % 2));
            let (a, b) = (&d.speakers[i - i % 2].name, &d.speakers[i - i % 2 + 1].name);
            assert_eq!(
                q.check.as_deref(),
                Some(format!("`{}` may be {a} or {b}: check which", surname(i / 2)).as_str())
            );
        }
        let y = yaml::write(&d, "generated");
        assert_eq!(y.matches("\n  - id: ").count(), 6_000);
    }

    #[test]
    fn not_text() {
        assert_eq!(import(b"", 100), Err(ImportError::Empty));
        assert_eq!(import(b"  \n\n ", 100), Err(ImportError::Empty));
        assert!(matches!(import(b"abc\0def", 100), Err(ImportError::NotText(_))));
        assert!(matches!(import(b"ab\xffcd", 100), Err(ImportError::NotText(m)) if m.contains("byte 2")));
        assert_eq!(import(&[b'a'; 200], 100), Err(ImportError::TooLarge(200, 100)));
        assert!(matches!(import(&[b'a'; 300_000], 1 << 20), Err(ImportError::NotText(_))));
        let many_lines = "Ab Cd, Ef Gh,\n".repeat(30_000);
        assert!(
            matches!(import(many_lines.as_bytes(), 1 << 20), Err(ImportError::NotText(m)) if m.contains("paragraph at line 1"))
        );
    }

    /// Whole texts in news and list shapes: speakers (name, moderator), quotes
    /// (speaker, text), date and author.
    #[test]
    fn news_and_list_shapes() {
        type Want = (&'static [(&'static str, bool)], &'static [(&'static str, &'static str)], Option<&'static str>);
        let table: &[(&str, Want)] = &[
            (
                "Headline\n\nGENEVA, 14 May 2025 — “Money is idle,” said Open Net Executive Director Ann Lee-Roe.\n\nJo Kim, Fellow at Data Trust, agreed. “We wait,” she said. Lee-Roe objected: “We must act now and fast.” “Not yet,” he said.\n\nFor more information, contact press@example.org.\n",
                (
                    &[("Ann Lee-Roe", false), ("Jo Kim", false)],
                    &[
                        ("Ann Lee-Roe", "Money is idle"),
                        ("Jo Kim", "We wait"),
                        ("Ann Lee-Roe", "We must act now and fast."),
                        ("Ann Lee-Roe", "Not yet"),
                    ],
                    Some("2025-05-14"),
                ),
            ),
            (
                "Panel\n\n10 Nov 2015\n\nSpeakers:\n• Ann Lee – Director, Acme Foundation\n• Bo Kim\n\nModerator:\n- Cy Dee (Open Net)\n\nLee called for \"safety by design\" in every product.\n\n“Thank you all for coming today,” said Dee.",
                (
                    &[("Ann Lee", false), ("Bo Kim", false), ("Cy Dee", true)],
                    &[("Cy Dee", "Thank you all for coming today")],
                    Some("2015-11-10"),
                ),
            ),
        ];
        for (text, (speakers, quotes, date)) in table {
            let d = import(text.as_bytes(), 1 << 20).unwrap();
            let got: Vec<(&str, bool)> = d.speakers.iter().map(|s| (s.name.as_str(), s.moderator)).collect();
            assert_eq!(&got, speakers, "{text}");
            let got: Vec<(&str, &str)> = d
                .quotes
                .iter()
                .map(|q| (q.speaker.map_or("?", |i| d.speakers[i].name.as_str()), q.text.as_str()))
                .collect();
            assert_eq!(&got, quotes, "{text}");
            assert_eq!(d.date.as_deref(), *date);
            assert!(!d.conclusion.as_deref().unwrap_or("").contains("press@"), "{:?}", d.conclusion);
        }
        let d =
            import("Headline\n\nBy Ana Lima\n\nOSLO, 3 September 2024 — Operators met.".as_bytes(), 1 << 20).unwrap();
        assert_eq!((d.author.as_deref(), d.kind.as_deref()), (Some("Ana Lima"), None));
        assert_eq!(d.summary.as_deref(), Some("Operators met."));
    }
}
