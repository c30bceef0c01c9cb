//! Why a hit matched: the one field of its item that holds the query's terms
//! (a speaker's point, a report's tag or summary sentence), with the matched
//! characters in it. Made for the hits shown or printed, never for all hits:
//! ranking does not need it.

use super::highlight::scored_positions;
use super::index::{Item, Kind, SEPARATOR};
use super::query::Query;
use crate::model::Report;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// Where in the item: `text` (a quote's words); `speaker` (a speaker's
    /// name · role · organisation) or `points[N]`; a report's `title`,
    /// `event`, `location`, `author`, `tags[N]`, `summary` or `conclusion`.
    pub field: String,
    /// That field on one line; of a summary or conclusion, the sentence.
    pub text: String,
    /// Character indices into `text` that matched.
    pub positions: Vec<usize>,
}

impl Snippet {
    /// The field as a reader names it: "point 5", "tag", "summary"; `None`
    /// for the field that names the item (a quote's words, a speaker's name
    /// line, a report's title), which needs no label.
    pub fn label(&self) -> Option<String> {
        let (name, n) = match self.field.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (self.field.as_str(), None),
        };
        match (name, n) {
            ("text" | "speaker" | "title", _) => None,
            ("points", Some(n)) => Some(format!("point {}", n + 1)),
            ("tags", _) => Some("tag".into()),
            (other, _) => Some(other.into()),
        }
    }
}

/// A speaker's `Name · Role · Organisation` (those present), a quote's words,
/// a report's title: the line that names an item, on one line. `None` for an
/// item outside `reports`.
pub fn name_line(reports: &[Report], item: &Item) -> Option<String> {
    let r = reports.get(item.report as usize)?;
    let text = match item.kind {
        Kind::Quote => r.quotes.get(item.quote? as usize)?.text.clone(),
        Kind::Speaker => {
            let s = r.speakers.get(item.speaker? as usize)?;
            let parts = [Some(s.name.as_str()), s.role.as_deref(), s.organisation.as_deref()];
            parts.into_iter().flatten().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(SEPARATOR)
        }
        Kind::Report => r.title.clone(),
    };
    Some(one_line(&text))
}

/// The field of `item` where `query`'s terms weigh most (see
/// [`scored_positions`]: more terms, longer terms, whole words), the naming
/// line on a tie or when nothing matched (a field filter alone). A quote is
/// always its own words: its context and speaker are printed apart.
pub fn snippet(reports: &[Report], item: &Item, query: &Query) -> Option<Snippet> {
    let name = name_line(reports, item)?;
    let head = match item.kind {
        Kind::Quote => "text",
        Kind::Speaker => "speaker",
        Kind::Report => "title",
    };
    let (score, positions) = scored_positions(&name, query);
    let mut best = Snippet { field: head.into(), text: name, positions };
    if item.kind == Kind::Quote || query.positive().next().is_none() {
        return Some(best);
    }
    let mut best_score = score;
    let mut consider = |field: String, text: &str| {
        let text = one_line(text);
        if text.is_empty() {
            return;
        }
        let (score, positions) = scored_positions(&text, query);
        if score > best_score {
            best_score = score;
            best = Snippet { field, text, positions };
        }
    };
    let r = &reports[item.report as usize];
    match item.kind {
        Kind::Speaker => {
            if let Some(s) = item.speaker.and_then(|s| r.speakers.get(s as usize)) {
                for (i, point) in s.points.iter().enumerate() {
                    consider(format!("points[{i}]"), point);
                }
            }
        }
        Kind::Report => {
            for (field, value) in [("event", &r.event), ("location", &r.location), ("author", &r.author)] {
                if let Some(v) = value {
                    consider(field.into(), v);
                }
            }
            for (i, tag) in r.tags.iter().enumerate() {
                consider(format!("tags[{i}]"), tag);
            }
            for (field, value) in [("summary", &r.summary), ("conclusion", &r.conclusion)] {
                for sentence in value.as_deref().map(sentences).unwrap_or_default() {
                    consider(field.into(), sentence);
                }
            }
        }
        Kind::Quote => {}
    }
    Some(best)
}

/// White space (line feeds too) folded into single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentences of a text: paragraphs split after `.`, `!`, `?` or `…`
/// followed by a space and a capital, a digit or an opening quote ("U.K.
/// arrests" stays one sentence, "… 2003. Between" does not).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        let mut start = 0;
        let mut chars = paragraph.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            let end = i + c.len_utf8();
            // Closing quotes and brackets belong to the sentence they end.
            let mut after = paragraph[end..].char_indices();
            let mut cut = end;
            for (j, d) in after.by_ref() {
                if matches!(d, '"' | '”' | '’' | '\'' | ')' | ']') {
                    cut = end + j + d.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &paragraph[cut..];
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                continue;
            }
            let starts =
                trimmed.chars().next().is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "“‘\"'(".contains(n));
            if starts {
                out.push(&paragraph[start..cut]);
                start = cut;
                while chars.peek().is_some_and(|&(k, _)| k < cut) {
                    chars.next();
                }
            }
        }
        out.push(&paragraph[start..]);
    }
    out.into_iter().map(str::trim).filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::list_items;

    fn seed() -> Vec<Report> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/content/igf2015-child-online-protection.yaml");
        let text = std::fs::read(path).unwrap();
        crate::load::parse_file(std::path::Path::new(path), "seed", &text)
            .reports
            .into_iter()
            .map(|p| p.report)
            .collect()
    }

    fn snippet_of(reports: &[Report], kind: Kind, name: Option<&str>, query: &str) -> Snippet {
        let item = list_items(reports)
            .into_iter()
            .find(|it| {
                it.kind == kind
                    && name.is_none_or(|n| it.speaker.is_some_and(|s| reports[0].speakers[s as usize].name == n))
            })
            .unwrap();
        snippet(reports, &item, &Query::parse(query)).unwrap()
    }

    #[test]
    fn a_speaker_shows_the_point_with_the_most_and_rarest_terms() {
        let lib = seed();
        let s = snippet_of(&lib, Kind::Speaker, Some("John Carr"), "teachers and parents");
        assert_eq!(s.field, "points[4]");
        assert!(s.text.starts_with("Civil society's role"), "{}", s.text);
        let chars: Vec<char> = s.text.chars().collect();
        let marked: String = s.positions.iter().map(|&p| chars[p]).collect();
        assert!(marked.contains("teachers") && marked.contains("parents"), "{marked}");
        assert_eq!(s.label().as_deref(), Some("point 5"));
        // "and" alone is in many points: the first with a whole "and" would do,
        // but the name line wins a tie.
        let s = snippet_of(&lib, Kind::Speaker, Some("John Carr"), "carr");
        assert_eq!((s.field.as_str(), s.label()), ("speaker", None));
        assert_eq!(s.text, "John Carr · Senior Expert Advisor · ECPAT International");
    }

    #[test]
    fn a_report_shows_the_sentence_or_the_tag() {
        let lib = seed();
        let s = snippet_of(&lib, Kind::Report, None, "arrests 1370");
        assert_eq!(s.field, "summary");
        assert!(
            s.text.starts_with("There, the highest number of arrests")
                && s.text.ends_with(
                    "in 2003, while between 50 and 60,000 people were involved with such images in 2010 and 2012."
                ),
            "{}",
            s.text
        );
        let s = snippet_of(&lib, Kind::Report, None, "online abuse");
        assert_eq!((s.field.as_str(), s.text.as_str()), ("tags[2]", "online child abuse"));
        // A filter alone: the title.
        let s = snippet_of(&lib, Kind::Report, None, "tag:abuse");
        assert_eq!((s.field.as_str(), s.positions.len()), ("title", 0));
    }

    #[test]
    fn sentences_split_where_a_new_one_starts() {
        assert_eq!(
            sentences("One. Two!  “Three?” 4 is. u.k. arrests"),
            ["One.", "Two!", "“Three?”", "4 is. u.k. arrests"]
        );
        assert_eq!(sentences("A.\n\nB c\nd."), ["A.", "B c\nd."]);
        assert_eq!(sentences(""), Vec::<&str>::new());
        assert_eq!(sentences("Ends with a dot. "), ["Ends with a dot."]);
    }
}
