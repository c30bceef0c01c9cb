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
