//! Plain text for reading in a terminal or a pager: what `podium show` prints.

use crate::model::Report;
use std::fmt::Write;

const WIDTH: usize = 80;

/// The whole report as readable plain text, wrapped to 80 columns.
pub fn report(r: &Report) -> String {
    let mut out = String::new();
    let title = r.title.replace('\n', " ");
    out.push_str(&format!(
        "{title}\n{}\n\n",
        "=".repeat(unicode_width::UnicodeWidthStr::width(title.as_str()).min(WIDTH))
    ));
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
            let _ = writeln!(out, "{:<10}{}", format!("{label}:"), v.replace('\n', " "));
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
            let _ = writeln!(out, "{}{moderator}", s.name);
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
        let opts = textwrap::Options::new(WIDTH)
            .initial_indent(first)
            .subsequent_indent(rest)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for line in textwrap::wrap(p, opts) {
            out.push_str(&line);
            out.push('\n');
        }
        if i + 1 < paras.len() {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::sample::{sample, speaker};
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn widest(text: &str) -> usize {
        text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
    }

    #[test]
    fn a_long_title_is_wrapped_and_underlined_as_wide_as_its_widest_line() {
        let title = "Child online protection through multistakeholder engagement ".repeat(3);
        let out = report(&sample(title.trim(), vec![], vec![]));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "Child online protection through multistakeholder engagement Child online");
        assert_eq!(lines[1], "protection through multistakeholder engagement Child online protection through");
        assert_eq!(lines[2], "multistakeholder engagement");
        assert_eq!(lines[3], "=".repeat(80));
        assert_eq!(lines[4], "");
        // A short title keeps its own underline.
        let out = report(&sample("Opening", vec![], vec![]));
        assert!(out.starts_with("Opening\n=======\n\n"), "{out}");
    }

    #[test]
    fn no_line_is_wider_than_80_columns_whatever_the_words() {
        let word = "x".repeat(100_000);
        let mut ann = speaker("ann", "Ann Lee", Some(&"Director ".repeat(20)), None);
        ann.points = vec![format!("See {word} now"), "y".repeat(79), "z".repeat(81)];
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
