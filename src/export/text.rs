//! Plain text for reading in a terminal or a pager: what `podium show` prints.

use crate::model::Report;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

const WIDTH: usize = 80;

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
