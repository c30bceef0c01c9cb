//! Plain text for reading in a terminal or a pager: what `podium show` and
//! `podium people` print.

use super::{affiliation, one_line, other_spellings};
use crate::model::{Quote, Report};
use crate::people::{People, Person};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

const WIDTH: usize = 80;

/// A quote with its citation as plain text, to paste anywhere (the reader's
/// `y`): `“I am a mother…” — Laksmi Shita, Program Development Manager,
/// HIVOS Southeast Asia, Child online protection…, 2015-11-10`. The quote's
/// paragraphs stay apart (blank lines), the lines inside each are joined; the
/// speaker is looked up by id (the id stands in when there is no such
/// speaker), a missing role or organisation is left out. Not wrapped, no line
/// feed at the end.
pub fn citation(r: &Report, q: &Quote) -> String {
    let paragraphs: Vec<String> = q.text.split("\n\n").map(one_line).filter(|p| !p.is_empty()).collect();
    let mut parts: Vec<String> = Vec::new();
    match r.speaker(&q.speaker) {
        Some(s) => {
            parts.push(one_line(&s.name));
            parts.extend(affiliation(s));
        }
        None => parts.push(one_line(&q.speaker)),
    }
    parts.push(one_line(&r.title));
    parts.push(one_line(&r.date));
    parts.retain(|p| !p.is_empty());
    super::without_controls(format!("“{}” — {}", paragraphs.join("\n\n"), parts.join(", ")))
}

/// The whole report as readable plain text, wrapped to 80 columns.
pub fn report(r: &Report) -> String {
    let mut out = String::new();
    let title = wrap(&r.title.replace('\n', " "), "", "");
    for line in &title {
        let _ = writeln!(out, "{line}");
    }
    let underline = title.iter().map(|l| l.width()).max().unwrap_or(0);
    let _ = write!(out, "{}\n\n", "=".repeat(underline));
    let when = match r.time_range().as_str() {
        "" => r.date.clone(),
        t => format!("{}, {t}", r.date),
    };
    let tags = r.tags.join(", ");
    let path = crate::load::sanitize::path(&r.origin.path);
    let fields: [(&str, Option<&str>); 9] = [
        ("Event", r.event.as_deref()),
        ("Kind", r.kind.as_deref()),
        ("Date", Some(&when)),
        ("Location", r.location.as_deref()),
        ("Author", r.author.as_deref()),
        ("Source", r.source.as_deref()),
        ("Tags", Some(tags.as_str()).filter(|t| !t.is_empty())),
        ("Id", Some(&r.id)),
        ("File", Some(&path)),
    ];
    for (label, value) in fields {
        if let Some(v) = value {
            for line in wrap(&v.replace('\n', " "), &format!("{:<10}", format!("{label}:")), &" ".repeat(10)) {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    if let Some(summary) = &r.summary {
        section(&mut out, "Summary");
        paragraphs(&mut out, summary, "", "");
    }
    if !r.speakers.is_empty() {
        section(&mut out, "Speakers");
        for s in &r.speakers {
            let moderator = if s.moderator { " (moderator)" } else { "" };
            for line in wrap(&format!("{}{moderator}", s.name), "", "  ") {
                let _ = writeln!(out, "{line}");
            }
            let affiliation: Vec<&str> = [s.role.as_deref(), s.organisation.as_deref()].into_iter().flatten().collect();
            if !affiliation.is_empty() {
                paragraphs(&mut out, &affiliation.join(", "), "  ", "  ");
            }
            for p in &s.points {
                paragraphs(&mut out, p, "  • ", "    ");
            }
            out.push('\n');
        }
        out.pop();
    }
    if !r.quotes.is_empty() {
        section(&mut out, "Quotes");
        for q in &r.quotes {
            paragraphs(&mut out, &format!("“{}”", q.text), "", " ");
            let who = r.speaker(&q.speaker).map_or(q.speaker.as_str(), |s| s.name.as_str());
            paragraphs(&mut out, &format!("— {who}"), "    ", "      ");
            if let Some(c) = &q.context {
                paragraphs(&mut out, &format!("({c})"), "    ", "     ");
            }
            out.push('\n');
        }
        out.pop();
    }
    if let Some(conclusion) = &r.conclusion {
        section(&mut out, "Conclusion");
        paragraphs(&mut out, conclusion, "", "");
    }
    super::without_controls(out)
}

/// The people table: a line per person of `order` (indices into
/// `people.persons`) with their name, sessions, quotes, first and last date,
/// and the role and organisation of their newest report, in columns aligned
/// for a terminal (the last, free-length, column is not padded).
pub fn people(people: &People, order: &[usize], reports: &[Report]) -> String {
    // A name wider than this overflows its own line rather than pushing every other line to the right.
    const NAME_COLUMN: usize = 32;
    let persons: Vec<&Person> = order.iter().filter_map(|&p| people.persons.get(p)).collect();
    let names: Vec<String> = persons.iter().map(|p| one_line(&p.name)).collect();
    let dates: Vec<String> = persons
        .iter()
        .map(|p| match p.dates(reports) {
            (first, last) if first == last => first.to_string(),
            (first, last) => format!("{first} – {last}"),
        })
        .collect();
    let widest = |texts: &[String]| texts.iter().map(|t| t.width()).max().unwrap_or(0);
    let name_width = names.iter().map(|n| n.width()).filter(|&w| w <= NAME_COLUMN).max().unwrap_or(0);
    let dates_width = widest(&dates);
    let digits = |n: usize| n.to_string().len();
    let sessions_width = persons.iter().map(|p| digits(p.sessions)).max().unwrap_or(1);
    let quotes_width = persons.iter().map(|p| digits(p.quotes)).max().unwrap_or(1);
    let mut out = String::new();
    for ((p, name), dates) in persons.iter().zip(&names).zip(&dates) {
        let plural = |n: usize| if n == 1 { " " } else { "s" };
        let pad = |text: &str, width: usize| " ".repeat(width.saturating_sub(text.width()));
        let now = affiliation(p.latest(reports)).join(crate::search::index::SEPARATOR);
        let line = format!(
            "{name}{}  {:>sessions_width$} session{}  {:>quotes_width$} quote{}  {dates}{}  {now}",
            pad(name, name_width),
            p.sessions,
            plural(p.sessions),
            p.quotes,
            plural(p.quotes),
            pad(dates, dates_width),
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    super::without_controls(out)
}

/// One person across the library: their name, counts, dates, role and
/// organisation now and the other spellings of their name; then their
/// appearances, newest first (date, report title and id, the role and
/// organisation they had there, moderator), and every quote of theirs with
/// its report and date. Wrapped to 80 columns.
pub fn person(p: &Person, reports: &[Report]) -> String {
    let mut out = String::new();
    let title = wrap(&one_line(&p.name), "", "");
    for line in &title {
        let _ = writeln!(out, "{line}");
    }
    let underline = title.iter().map(|l| l.width()).max().unwrap_or(0);
    let _ = write!(out, "{}\n\n", "=".repeat(underline));
    let dates = match p.dates(reports) {
        (first, last) if first == last => first.to_string(),
        (first, last) => format!("{first} – {last}"),
    };
    let now = affiliation(p.latest(reports)).join(crate::search::index::SEPARATOR);
    let spellings = other_spellings(p, reports).into_iter().map(one_line).collect::<Vec<_>>().join(", ");
    let fields: [(&str, String); 5] = [
        ("Sessions", p.sessions.to_string()),
        ("Quotes", p.quotes.to_string()),
        ("Dates", dates),
        ("Now", now),
        ("Also as", spellings),
    ];
    for (label, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        for line in wrap(value, &format!("{:<10}", format!("{label}:")), &" ".repeat(10)) {
            let _ = writeln!(out, "{line}");
        }
    }
    section(&mut out, "Appearances");
    for a in &p.appearances {
        let r = &reports[a.report as usize];
        let s = &r.speakers[a.speaker as usize];
        let heading = format!("{}  {} ({})", r.date, one_line(&r.title), r.id);
        for line in wrap(&heading, "", &" ".repeat(12)) {
            let _ = writeln!(out, "{line}");
        }
        let mut there: Vec<String> = Vec::new();
        if s.name != p.name {
            there.push(format!("as {}", one_line(&s.name)));
        }
        there.extend(affiliation(s));
        if s.moderator {
            there.push("moderator".into());
        }
        if !there.is_empty() {
            let indent = " ".repeat(12);
            for line in wrap(&there.join(crate::search::index::SEPARATOR), &indent, &indent) {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    let mut quotes = p.quotes(reports).peekable();
    if quotes.peek().is_some() {
        section(&mut out, "Quotes");
        for (ri, qi) in quotes {
            let r = &reports[ri];
            let q = &r.quotes[qi];
            paragraphs(&mut out, &format!("“{}”", q.text), "", " ");
            paragraphs(&mut out, &format!("— {}, {} ({})", one_line(&r.title), r.date, r.id), "    ", "      ");
            if let Some(c) = &q.context {
                paragraphs(&mut out, &format!("({c})"), "    ", "     ");
            }
            out.push('\n');
        }
        out.pop();
    }
    super::without_controls(out)
}

fn section(out: &mut String, name: &str) {
    let _ = write!(out, "\n{name}\n{}\n", "-".repeat(name.len()));
}

/// Wraps each paragraph (blank lines separate them; single newlines are folded).
fn paragraphs(out: &mut String, text: &str, first: &str, rest: &str) {
    let paras: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    for (i, p) in paras.iter().enumerate() {
        for line in wrap(p, first, rest) {
            out.push_str(&line);
            out.push('\n');
        }
        if i + 1 < paras.len() {
            out.push('\n');
        }
    }
}

/// `text` in lines of at most [`WIDTH`] columns, indents included: a word
/// longer than a line is broken wherever the edge falls.
fn wrap(text: &str, first: &str, rest: &str) -> Vec<String> {
    let opts = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut lines = Vec::new();
    for line in textwrap::wrap(text, opts) {
        // textwrap's optimal fit may let a line run past the edge rather than
        // break a word: cut such a line at the edge, continuing with `rest`.
        let mut line = line.into_owned();
        while line.width() > WIDTH {
            let mut at = 0;
            let mut width = 0;
            for (i, c) in line.char_indices() {
                let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if width + w > WIDTH {
                    break;
                }
                width += w;
                at = i + c.len_utf8();
            }
            // (An indent as wide as a line would leave no room: never so here.)
            if at == 0 || rest.width() >= WIDTH / 2 {
                break;
            }
            let tail = line.split_off(at);
            lines.push(line);
            line = format!("{rest}{tail}");
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::sample::{sample, speaker};
    use super::*;

    #[test]
    fn a_citation_is_plain_text_whatever_the_fields_hold() {
        use super::super::sample::quote;
        let ann = speaker("ann", "Ann *Lee*", Some("Director"), None);
        let r = sample("Zebra_talk", vec![ann], vec![quote("ann", "One\nline.\n\nTwo."), quote("bob", "Who?")]);
        assert_eq!(citation(&r, &r.quotes[0]), "“One line.\n\nTwo.” — Ann *Lee*, Director, Zebra_talk, 2015-11-10");
        assert_eq!(citation(&r, &r.quotes[1]), "“Who?” — bob, Zebra_talk, 2015-11-10");
    }

    fn widest(text: &str) -> usize {
        text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
    }

    #[test]
    fn a_long_title_is_wrapped_and_underlined_as_wide_as_its_widest_line() {
        let title = "Child online protection through multistakeholder engagement ".repeat(3);
        let out = report(&sample(title.trim(), vec![], vec![]));
        let (title_lines, rest) = out.split_once("\n=").unwrap();
        let title_lines: Vec<&str> = title_lines.lines().collect();
        assert_eq!(title_lines.len(), 3, "{out}");
        assert_eq!(title_lines.join(" "), title.trim());
        assert!(title_lines.iter().all(|l| l.width() <= WIDTH), "{out}");
        let underline = rest.lines().next().unwrap().len() + 1;
        assert_eq!(underline, title_lines.iter().map(|l| l.width()).max().unwrap(), "{out}");
        assert!(rest.starts_with(&format!("{}\n\n", "=".repeat(underline - 1))));
        // A short title keeps its own underline.
        let out = report(&sample("Opening", vec![], vec![]));
        assert!(out.starts_with("Opening\n=======\n\n"), "{out}");
    }

    #[test]
    fn people_columns_align_by_width_and_a_long_name_stands_out_alone() {
        use crate::people::{Aliases, People};
        let long = "Maximiliana ".repeat(5);
        let speakers = vec![
            speaker("a", "山田太郎", Some("Chair"), Some("IGF")),
            speaker("b", "Ann Lee", None, None),
            speaker("c", long.trim(), None, Some("X")),
        ];
        let reports = vec![sample("T", speakers, vec![super::super::sample::quote("a", "hi")])];
        let people = People::build(&reports, &Aliases::default());
        let order: Vec<usize> = people.by_name();
        let out = people_table(&people, &order, &reports);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "Ann Lee   1 session   0 quotes  2015-11-10");
        assert_eq!(lines[1], format!("{}  1 session   0 quotes  2015-11-10  X", long.trim()));
        assert_eq!(lines[2], "山田太郎  1 session   1 quote   2015-11-10  Chair · IGF");
    }

    fn people_table(people: &crate::people::People, order: &[usize], reports: &[Report]) -> String {
        super::people(people, order, reports)
    }

    #[test]
    fn no_line_is_wider_than_80_columns_whatever_the_words() {
        let word = "x".repeat(100_000);
        let mut ann = speaker("ann", "Ann Lee", Some(&"Director ".repeat(20)), None);
        ann.points = vec![format!("See {word} now"), "y".repeat(79), "z".repeat(81)];
        // textwrap's optimal fit ran these one or two columns past the edge.
        ann.points.extend((75..=82).map(|n| format!("a {}", "w".repeat(n))));
        let r = sample(&word, vec![ann], vec![]);
        let out = report(&r);
        assert!(widest(&out) <= WIDTH, "{}", out.lines().map(|l| l.width()).max().unwrap());
        // The title's underline is as wide as its lines, and the long word is all there.
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "x".repeat(80));
        let title_lines = 100_000usize.div_ceil(80);
        assert_eq!(lines[title_lines], "=".repeat(80));
        assert_eq!(out.matches('x').count(), 200_000);
        // Bullets break a long word rather than run past the edge.
        assert!(out.contains(&format!("  • {}\n    {}\n", "y".repeat(76), "y".repeat(3))), "{out}");
    }
}
