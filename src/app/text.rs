//! What each pane says, as rows of toned text wrapped to a width. Shared by the
//! renderer (which styles the tones) and the state machine (which needs
//! heights to scroll), so the two always agree.

use super::keymap::{KeyMap, keys_label};
use crate::load::Problem;
use crate::model::{Quote, Report, Speaker};
use unicode_width::UnicodeWidthStr;

/// A kind of text; the theme turns each into a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Title,
    Heading,
    Label,
    Body,
    Dim,
    Quote,
    Speaker,
    Key,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row(pub Vec<(Tone, String)>);

impl Row {
    pub fn one(tone: Tone, text: impl Into<String>) -> Self {
        Row(vec![(tone, text.into())])
    }
    pub fn blank() -> Self {
        Row::default()
    }
    pub fn plain(&self) -> String {
        self.0.iter().map(|(_, t)| t.as_str()).collect()
    }
}

/// Cuts `text` to `width` columns, ending with `…` when it had to cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(text, true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// A displayed line is capped: a 10 MB single-line quote must not cost 10 MB
/// of layout per frame.
const MAX_PARAGRAPH_CHARS: usize = 20_000;

/// Wraps text to `width` columns (at least 1), keeping paragraph breaks.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let capped = match text.char_indices().nth(MAX_PARAGRAPH_CHARS) {
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..cut])),
        None => std::borrow::Cow::Borrowed(text),
    };
    let options = textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation).break_words(true);
    let mut lines = Vec::new();
    for line in capped.split('\n') {
        if line.trim().is_empty() {
            lines.push(String::new());
        } else {
            lines.extend(textwrap::wrap(line, &options).into_iter().map(|l| l.into_owned()));
        }
    }
    lines
}

/// Wraps `text` with `first` in front of the first line and matching
/// indentation on the others.
fn wrapped_rows(rows: &mut Vec<Row>, tone: Tone, first: &str, text: &str, width: usize) {
    let indent = first.width();
    let inner = width.saturating_sub(indent).max(1);
    for (i, line) in wrap(text, inner).into_iter().enumerate() {
        let lead = if i == 0 { first.to_string() } else { " ".repeat(indent) };
        rows.push(Row(vec![(Tone::Dim, lead), (tone, line)]));
    }
}

/// Title, metadata, summary and conclusion of a report.
pub fn session_rows(r: &Report, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for line in wrap(&r.title, width) {
        rows.push(Row::one(Tone::Title, line));
    }
    rows.push(Row::blank());
    let when = match r.time_range().as_str() {
        "" => r.date.clone(),
        t => format!("{}  {t}", r.date),
    };
    let tags = r.tags.join(", ");
    let fields: [(&str, Option<&str>); 7] = [
        ("Event", r.event.as_deref()),
        ("Kind", r.kind.as_deref()),
        ("When", Some(&when)),
        ("Where", r.location.as_deref()),
        ("Author", r.author.as_deref()),
        ("Tags", Some(tags.as_str()).filter(|t| !t.is_empty())),
        ("Source", r.source.as_deref()),
    ];
    const LABEL: usize = 8;
    for (label, value) in fields {
        if let Some(v) = value {
            let inner = width.saturating_sub(LABEL).max(1);
            for (i, line) in wrap(v, inner).into_iter().enumerate() {
                let lead = if i == 0 { format!("{label:<LABEL$}") } else { " ".repeat(LABEL) };
                rows.push(Row(vec![(Tone::Label, lead), (Tone::Body, line)]));
            }
        }
    }
    for (heading, text) in [("Summary", &r.summary), ("Conclusion", &r.conclusion)] {
        if let Some(text) = text {
            rows.push(Row::blank());
            rows.push(Row::one(Tone::Heading, heading));
            for para in text.split("\n\n") {
                let joined = para.split_whitespace().collect::<Vec<_>>().join(" ");
                if !joined.is_empty() {
                    rows.extend(wrap(&joined, width).into_iter().map(|l| Row::one(Tone::Body, l)));
                    rows.push(Row::blank());
                }
            }
            rows.pop();
        }
    }
    rows
}

/// `Role, Organisation`, or empty.
pub fn affiliation(s: &Speaker) -> String {
    [s.role.as_deref(), s.organisation.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ")
}

/// The name a quote is attributed to (its id if the speaker is missing).
pub fn speaker_name<'a>(r: &'a Report, q: &'a Quote) -> &'a str {
    r.speaker(&q.speaker).map_or(q.speaker.as_str(), |s| s.name.as_str())
}

/// One quote as shown in the Quotes pane: text, attribution, context, then a
/// blank separator row.
/// A quote's text as the Quotes pane shows it: in quotation marks, on one line
/// before wrapping.
pub fn quote_display(q: &Quote) -> String {
    format!("“{}”", q.text.split_whitespace().collect::<Vec<_>>().join(" "))
}

pub fn quote_rows(r: &Report, q: &Quote, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    rows.extend(wrap(&quote_display(q), width).into_iter().map(|l| Row::one(Tone::Quote, l)));
    wrapped_rows(&mut rows, Tone::Speaker, "— ", speaker_name(r, q), width);
    if let Some(c) = &q.context {
        rows.extend(wrap(c, width).into_iter().map(|l| Row::one(Tone::Dim, l)));
    }
    rows.push(Row::blank());
    rows
}

pub fn quote_height(r: &Report, q: &Quote, width: usize) -> usize {
    quote_rows(r, q, width).len()
}

/// A speaker's name, affiliation and points: the head of the Quotes pane when
/// a speaker is selected, and the body of the speaker overlay.
pub fn speaker_rows(s: &Speaker, quotes: usize, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let moderator = if s.moderator { " · moderator" } else { "" };
    let plural = if quotes == 1 { "" } else { "s" };
    for line in wrap(&format!("{}{moderator} · {quotes} quote{plural}", s.name), width) {
        rows.push(Row::one(Tone::Heading, line));
    }
    let aff = affiliation(s);
    if !aff.is_empty() {
        rows.extend(wrap(&aff, width).into_iter().map(|l| Row::one(Tone::Dim, l)));
    }
    for p in &s.points {
        wrapped_rows(&mut rows, Tone::Body, "• ", p, width);
    }
    rows
}

/// The full quote, for the quote overlay.
pub fn quote_detail_rows(r: &Report, q: &Quote, width: usize) -> Vec<Row> {
    let mut rows: Vec<Row> =
        wrap(&format!("“{}”", q.text), width).into_iter().map(|l| Row::one(Tone::Quote, l)).collect();
    rows.push(Row::blank());
    let who = match r.speaker(&q.speaker) {
        Some(s) if !affiliation(s).is_empty() => format!("{}, {}", s.name, affiliation(s)),
        _ => speaker_name(r, q).to_string(),
    };
    wrapped_rows(&mut rows, Tone::Speaker, "— ", &who, width);
    wrapped_rows(&mut rows, Tone::Dim, "  ", &format!("{}, {}", r.title, r.date), width);
    if let Some(c) = &q.context {
        rows.push(Row::blank());
        rows.extend(wrap(c, width).into_iter().map(|l| Row::one(Tone::Body, l)));
    }
    rows
}

/// The citation `y` copies: “text” — Speaker, Role, Organisation, *Session title*, date.
pub fn citation(r: &Report, q: &Quote) -> String {
    let mut parts = vec![speaker_name(r, q).to_string()];
    if let Some(s) = r.speaker(&q.speaker) {
        parts.extend(s.role.iter().cloned());
        parts.extend(s.organisation.iter().cloned());
    }
    parts.push(format!("*{}*", r.title));
    parts.push(r.date.clone());
    format!("“{}” — {}", q.text, parts.join(", "))
}

/// Every key binding, grouped, from the key table itself.
pub fn help_rows(keys: &KeyMap, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let all = || keys.all();
    let key_width = all().map(|b| keys_label(b).width()).max().unwrap_or(0) + 2;
    let mut group = "";
    for b in all() {
        if b.group != group {
            if !group.is_empty() {
                rows.push(Row::blank());
            }
            group = b.group;
            rows.push(Row::one(Tone::Heading, group));
        }
        two_columns(&mut rows, &keys_label(b), b.help, key_width, width);
    }
    rows.push(Row::blank());
    rows.push(Row::one(Tone::Heading, "Search syntax"));
    let syntax_width = super::search::SYNTAX.iter().map(|(s, _)| s.width()).max().unwrap_or(0) + 2;
    for (syntax, meaning) in super::search::SYNTAX {
        two_columns(&mut rows, syntax, meaning, syntax_width, width);
    }
    rows
}

/// `left` padded to `left_width`, then `right` wrapped in the rest of `width`.
fn two_columns(rows: &mut Vec<Row>, left: &str, right: &str, left_width: usize, width: usize) {
    let inner = width.saturating_sub(left_width).max(1);
    for (i, line) in wrap(right, inner).into_iter().enumerate() {
        let lead = match i {
            0 => format!("{left}{}", " ".repeat(left_width.saturating_sub(left.width()))),
            _ => " ".repeat(left_width),
        };
        rows.push(Row(vec![(Tone::Key, lead), (Tone::Body, line)]));
    }
}

/// The problems list, the `selected` one marked, and the row where each problem starts.
pub fn problem_rows(problems: &[Problem], width: usize, selected: usize) -> (Vec<Row>, Vec<usize>) {
    if problems.is_empty() {
        return (vec![Row::one(Tone::Dim, "No problems: every file loaded.")], Vec::new());
    }
    let mut rows = Vec::new();
    let mut starts = Vec::with_capacity(problems.len());
    for (i, p) in problems.iter().enumerate() {
        starts.push(rows.len());
        let full = p.to_string();
        // "path:line:col: error: message" → the location on its own line.
        let (location, message) = match full.find(": error: ").or_else(|| full.find(": warning: ")) {
            Some(i) => (&full[..i], full[i + 2..].to_string()),
            None => (full.as_str(), String::new()),
        };
        let mark = if i == selected { "▶ " } else { "  " };
        for (k, line) in wrap(location, width.saturating_sub(2).max(1)).into_iter().enumerate() {
            let lead = if k == 0 { mark } else { "  " };
            rows.push(Row(vec![(Tone::Key, lead.to_string()), (Tone::Heading, line)]));
        }
        wrapped_rows(&mut rows, Tone::Error, "  ", &message, width);
        rows.push(Row::blank());
    }
    rows.pop();
    (rows, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_display_width() {
        for line in wrap("北京 東京 서울 Arsène 👍👍 e\u{301}cole 🇧🇷", 6) {
            assert!(line.width() <= 6, "{line:?}");
        }
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert!(wrap(&"x".repeat(100), 0).iter().all(|l| l.width() == 1));
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate("Child online protection", 10), "Child onl…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("北京北京北京", 5), "北京…");
        assert_eq!(truncate("abc", 0), "");
        assert!(truncate("👨\u{200D}👩\u{200D}👧 family", 3).starts_with("👨\u{200D}👩\u{200D}👧"));
    }

    #[test]
    fn huge_lines_are_capped() {
        let lines = wrap(&"word ".repeat(1_000_000), 80);
        assert!(lines.len() < 2_000, "{}", lines.len());
    }
}
