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
            let lines = if label == "Source" { wrap_addresses(v, inner) } else { wrap(v, inner) };
            for (i, line) in lines.into_iter().enumerate() {
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

/// Characters after which an address may break: its path, query and words.
const ADDRESS_BREAKS: &[char] = &['/', '?', '&', '=', '#', '-', '_', '.', ','];

/// Wraps text that may hold web addresses. An address starts a row of its own
/// when it does not fit on the current one, and breaks only after one of
/// [`ADDRESS_BREAKS`], so that each row ends where a reader expects it to go on;
/// other words wrap as usual. Addresses are not cut short: the whole of one can
/// be read, and typed.
pub fn wrap_addresses(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let capped: String = text.chars().take(MAX_PARAGRAPH_CHARS).collect();
    let mut lines = vec![String::new()];
    for word in capped.split_whitespace() {
        let address = word.contains("://") || word.starts_with("www.");
        let pieces = if address { split_after(word, ADDRESS_BREAKS) } else { vec![word] };
        let line = lines.last_mut().expect("a row at least");
        let first = if address { word.width() } else { pieces[0].width() };
        if !line.is_empty() {
            if line.width() + 1 + first > width {
                lines.push(String::new());
            } else {
                line.push(' ');
            }
        }
        for piece in pieces {
            let line = lines.last_mut().expect("a row at least");
            if !line.trim().is_empty() && line.width() + piece.width() > width {
                lines.push(String::new());
            }
            // Longer than a row (an address without breaks): cut where the row ends.
            for g in unicode_segmentation::UnicodeSegmentation::graphemes(piece, true) {
                let line = lines.last_mut().expect("a row at least");
                if !line.is_empty() && line.width() + g.width() > width {
                    lines.push(String::new());
                }
                lines.last_mut().expect("a row at least").push_str(g);
            }
        }
    }
    lines
}

/// `word` in pieces, each ending just after one of `breaks`.
fn split_after<'a>(word: &'a str, breaks: &[char]) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if breaks.contains(&c) {
            pieces.push(&word[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < word.len() {
        pieces.push(&word[start..]);
    }
    pieces
}

/// Rows a list item's second and later rows are indented by (after the list's
/// selection mark), so they read as part of the item above.
pub const LIST_INDENT: usize = 2;
/// A list item takes at most this many rows, however long its text.
pub const MAX_ITEM_ROWS: usize = 3;

/// `text` wrapped with `first` columns taken on the first row and
/// [`LIST_INDENT`] on the others, in at most `max` rows (the last ending in
/// `…` when text is left over). Only what the rows can hold is wrapped.
fn hanging(text: &str, width: usize, first: usize, max: usize) -> Vec<String> {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // A grapheme is at least one column, bar combining marks: a few times what
    // the rows hold is enough to fill them, and bounds the work.
    let budget = width.saturating_mul(max).saturating_mul(4).max(16);
    let capped: String = text.chars().take(budget).collect();
    let opening = " ".repeat(first.min(width.saturating_sub(1)));
    let rest = " ".repeat(LIST_INDENT.min(width.saturating_sub(1)));
    let options = textwrap::Options::new(width.max(1))
        .initial_indent(&opening)
        .subsequent_indent(&rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    let wrapped = textwrap::wrap(&capped, &options);
    let cut = wrapped.len() > max || capped.len() < text.len();
    let mut lines: Vec<String> = wrapped
        .into_iter()
        .take(max)
        .enumerate()
        .map(|(i, l)| l.strip_prefix(if i == 0 { opening.as_str() } else { rest.as_str() }).unwrap_or(&l).to_string())
        .collect();
    let room = width.saturating_sub(if lines.len() == 1 { first } else { LIST_INDENT });
    if cut && let Some(last) = lines.last_mut() {
        *last = if last.width() < room { format!("{last}…") } else { truncate(&format!("{last}…"), room) };
    }
    lines
}

/// One report in the Library, `width` columns after the selection mark: date,
/// time and title, the title wrapped onto indented rows, then (dim) `tag`,
/// what tells it apart from another report of the same title and date.
pub fn library_item_rows(r: &Report, tag: Option<&str>, width: usize) -> Vec<Row> {
    let head = format!("{} {} ", r.date, r.start.as_deref().unwrap_or("     "));
    let tag = tag.map(|t| format!(" · {t}")).unwrap_or_default();
    let lines = hanging(&format!("{}{tag}", r.title), width, head.width(), MAX_ITEM_ROWS);
    let mut rows: Vec<Row> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 { head.clone() } else { " ".repeat(LIST_INDENT) };
            Row(vec![(Tone::Dim, lead), (Tone::Body, l)])
        })
        .collect();
    // The tag's characters, counted from the end (wrapping drops spaces): dim.
    let mut left = tag.chars().filter(|c| !c.is_whitespace()).count();
    for row in rows.iter_mut().rev() {
        if left == 0 {
            break;
        }
        let body = std::mem::take(&mut row.0[1].1);
        let mut cut = body.len();
        for (i, c) in body.char_indices().rev() {
            if left == 0 {
                break;
            }
            if !c.is_whitespace() {
                left -= 1;
            }
            cut = i;
        }
        let (title, tail) = body.split_at(cut);
        row.0[1].1 = title.to_string();
        row.0.push((Tone::Dim, tail.to_string()));
    }
    rows
}

/// For each report, what tells it apart from the others of the same title and
/// date, if there are any: the time, else the event, the kind, else its id
/// (the first of these that differ within the group).
pub fn distinctions(reports: &[Report]) -> Vec<Option<String>> {
    let mut groups: std::collections::HashMap<(&str, &str), Vec<usize>> = std::collections::HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        groups.entry((r.title.as_str(), r.date.as_str())).or_default().push(i);
    }
    let mut out = vec![None; reports.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let fields: [fn(&Report) -> Option<&str>; 3] =
            [|r| r.event.as_deref(), |r| r.kind.as_deref(), |r| Some(r.id.as_str())];
        // Already told apart by the time the Library shows: no more needed.
        let times: std::collections::HashSet<_> = members.iter().map(|&i| reports[i].start.as_deref()).collect();
        if times.len() == members.len() {
            continue;
        }
        for field in fields {
            let values: std::collections::HashSet<_> = members.iter().map(|&i| field(&reports[i])).collect();
            if values.len() > 1 {
                for &i in members {
                    out[i] = field(&reports[i]).map(str::to_string);
                }
                break;
            }
        }
    }
    out
}

/// One speaker in the Speakers pane, `width` columns after the selection mark:
/// the name, ★ for the moderator, their quotes here and (`others`) their other
/// sessions in the library, then their role and organisation: on the same row
/// when all of it fits, else on indented rows below, in full as far as
/// [`MAX_ITEM_ROWS`] allow.
pub fn speaker_item_rows(s: &Speaker, quotes: usize, others: Option<usize>, width: usize) -> Vec<Row> {
    let star = if s.moderator { " ★" } else { "" };
    let count = format!(" ({quotes})");
    let name_room = width.saturating_sub(count.width() + star.width()).max(1);
    let name = format!("{}{star}", truncate(&s.name.split_whitespace().collect::<Vec<_>>().join(" "), name_room));
    let head_w = name.width() + count.width();
    let aff = affiliation(s).split_whitespace().collect::<Vec<_>>().join(" ");
    let aff = if aff.is_empty() { aff } else { format!(" · {aff}") };
    let long = others.map(|n| format!(" +{n} session{}", if n == 1 { "" } else { "s" }));
    let short = others.map(|n| format!(" +{n}"));
    let w = |t: &Option<String>| t.as_deref().map_or(0, UnicodeWidthStr::width);
    let mut head = vec![(Tone::Speaker, name), (Tone::Dim, count)];
    // One row when it all fits: the other sessions in words, else as a bare "+4".
    for tag in [&long, &short] {
        if head_w + w(tag) + aff.width() <= width {
            head.extend(tag.clone().map(|t| (Tone::Dim, t)));
            if !aff.is_empty() {
                head.push((Tone::Dim, aff));
            }
            return vec![Row(head)];
        }
    }
    let tag = [&long, &short].into_iter().find(|t| head_w + w(t) <= width).cloned().flatten();
    head.extend(tag.map(|t| (Tone::Dim, t)));
    let mut rows = vec![Row(head)];
    let Some(aff) = aff.strip_prefix(" · ") else { return rows };
    let lines = hanging(aff, width, LIST_INDENT, MAX_ITEM_ROWS - 1);
    rows.extend(lines.into_iter().map(|l| Row(vec![(Tone::Dim, " ".repeat(LIST_INDENT)), (Tone::Dim, l)])));
    rows
}

/// Words that only say who spoke: a context of these and the speaker's own
/// names ("said Mensah.", "she added") tells the reader nothing the
/// attribution above it does not.
const ATTRIBUTION_WORDS: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "asked",
    "asks",
    "noted",
    "notes",
    "replied",
    "replies",
    "explained",
    "explains",
    "stated",
    "states",
    "argued",
    "argues",
    "remarked",
    "commented",
    "told",
    "according",
    "to",
    "he",
    "she",
    "they",
    "the",
    "speaker",
    "moderator",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
];

/// A quote's context, unless it only repeats the attribution.
pub fn shown_context<'a>(r: &Report, q: &'a Quote) -> Option<&'a str> {
    let context = q.context.as_deref()?;
    let names: Vec<String> = speaker_name(r, q).split_whitespace().map(fold_word).collect();
    let only_attribution = context
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold_word)
        .all(|w| ATTRIBUTION_WORDS.contains(&w.as_str()) || names.contains(&w));
    (!only_attribution && !context.trim().is_empty()).then_some(context)
}

fn fold_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
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
    if let Some(c) = shown_context(r, q) {
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
    if let Some(c) = shown_context(r, q) {
        rows.push(Row::blank());
        rows.extend(wrap(c, width).into_iter().map(|l| Row::one(Tone::Body, l)));
    }
    rows
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
    fn addresses_and_list_items_stay_in_their_width() {
        let url = "see https://example.org/a-very/long_path?x=1&y=2#part and then more words";
        for width in 1..40 {
            for line in wrap_addresses(url, width) {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
            for line in hanging(&"北京 word ".repeat(50), width, 17, MAX_ITEM_ROWS) {
                assert!(line.width() <= width.max(2), "{width}: {line:?}");
            }
        }
        assert_eq!(wrap_addresses("https://a.org/b", 40), vec!["https://a.org/b"]);
        assert_eq!(wrap_addresses("at https://a.org/bb", 12), vec!["at", "https://a.", "org/bb"]);
        assert!(hanging(&"x ".repeat(5_000_000), 40, 17, 3).len() <= 3, "a huge title wraps no further than shown");
    }

    #[test]
    fn huge_lines_are_capped() {
        let lines = wrap(&"word ".repeat(1_000_000), 80);
        assert!(lines.len() < 2_000, "{}", lines.len());
    }
}
