//! The search popup: the prompt, then the hits, two rows each, with the
//! matched characters highlighted. Only the hits on screen are laid out.

use super::theme::Theme;
use crate::app::case_hint::no_hits;
use crate::app::overlay::{search_area, search_view_hits};
use crate::app::search::Prompt;
use crate::app::text::truncate;
use crate::app::{Action, State};
use crate::search::{Kind, Query, highlight, item_text, snippet};
use ratatui::Frame;
use ratatui::layout::Margin;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, s: &State, theme: &Theme, p: &Prompt) {
    let popup = search_area(s.width, s.height).intersection(frame.area());
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(" Search ")
        .title_bottom(Line::from(footer(s)).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let inner = popup.inner(Margin::new(2, 1));
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let mut lines = vec![
        prompt_line(s, theme, p, inner.width as usize),
        Line::styled("─".repeat(inner.width as usize), theme.dim()),
    ];
    let query = Query::parse(&p.results_for);
    let view = search_view_hits(s.width, s.height);
    match (&p.results, &s.index) {
        (_, None) => lines.push(Line::styled("Indexing the library…", theme.dim())),
        (None, _) if p.input.trim().is_empty() => {
            lines.push(Line::styled("Type to search quotes, speakers and reports.", theme.dim()));
            for example in SYNTAX {
                lines.push(Line::styled(format!("  {example}"), theme.dim()));
            }
            let (next, prev) = (s.keys.first_key(Action::NextHit), s.keys.first_key(Action::PrevHit));
            let accept = s.keys.first_prompt_key(Action::Open);
            lines.push(Line::styled(format!("  {next} / {prev} after {accept}: next / previous hit"), theme.dim()));
            if !s.history.is_empty() {
                let key = |a| s.keys.first_prompt_key(a);
                let (up, earlier, later) = (key(Action::Up), key(Action::HistoryPrev), key(Action::HistoryNext));
                lines.push(Line::styled(
                    format!("  {up} or {earlier} / {later}: earlier / later searches"),
                    theme.dim(),
                ));
            }
        }
        (None, _) => lines.push(Line::styled("Searching…", theme.dim())),
        (Some(r), Some(_)) if r.hits.is_empty() => {
            lines.push(Line::styled(no_hits(&p.results_for, p.lower_total), theme.dim()));
        }
        (Some(r), Some(index)) => {
            let width = inner.width as usize;
            for (i, hit) in r.hits.iter().enumerate().skip(p.offset).take(view) {
                let item = &index.items[hit.item as usize];
                // A quote shows its words with its context and speaker; a
                // speaker or report the field that matched (a point, a tag,
                // a summary's sentence), worked out for the rows on screen only.
                let (text, label) = match item.kind {
                    Kind::Quote => (item_text(&s.library.reports, item).0, None),
                    _ => match snippet(&s.library.reports, item, &query) {
                        Some(sn) => (sn.text.clone(), sn.label().map(|l| format!("{l}: "))),
                        None => (String::new(), None),
                    },
                };
                let selected = i == p.selected;
                let mark = if selected { Span::styled("▶ ", theme.mark()) } else { Span::raw("  ") };
                let mut first = vec![mark];
                let label = label.filter(|l| l.width() + 12 < width).unwrap_or_default();
                let room = width.saturating_sub(2 + label.width());
                first.push(Span::styled(label, theme.dim()));
                first.extend(highlighted(&text, &query, room, theme));
                let report = &s.library.reports[item.report as usize];
                let who = item.speaker.and_then(|sp| report.speakers.get(sp as usize)).map(|sp| sp.name.as_str());
                let kind = match item.kind {
                    Kind::Quote => "quote",
                    Kind::Speaker => "speaker",
                    Kind::Report => "report",
                };
                // The title gives way, not the date, when the line is short.
                let head = [Some(kind), who].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                let room = width.saturating_sub(2 + head.width() + report.date.width() + 6);
                let title = truncate(&report.title.replace('\n', " "), room);
                let meta = format!("{head} · {title} · {}", report.date);
                let first = Line::from(first);
                lines.push(if selected { first.style(theme.selected()) } else { first });
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(truncate(&meta, width.saturating_sub(2)), theme.dim()),
                ]));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// " Enter jump · ↑/↓ choose · Esc cancel ", in the keys in effect.
fn footer(s: &State) -> String {
    let key = |a| s.keys.first_prompt_key(a);
    format!(
        " {} jump · {}/{} choose · {} cancel ",
        key(Action::Open),
        key(Action::Up),
        key(Action::Down),
        key(Action::Back)
    )
}

const SYNTAX: [&str; 4] = [
    "words in any order: all must match; other forms and a typo are forgiven; no accents needed",
    "'exact   ^starts   ends$   !not   a | b either",
    "speaker:carr   org:ecpat   report:child   tag:safety   date:2015-11",
    "a capital letter makes that word match case",
];

fn prompt_line<'a>(s: &State, theme: &Theme, p: &'a Prompt, width: usize) -> Line<'a> {
    let count = match (&s.index, &p.results) {
        (None, _) => "indexing…".to_string(),
        // Every hit can be reached (the rest are ranked when the list gets there).
        (_, Some(r)) if p.results_for == p.input => {
            let total = r.total.max(r.hits.len());
            format!("{total} hit{}", if total == 1 { "" } else { "s" })
        }
        (_, Some(_)) => "searching…".to_string(),
        (_, None) => String::new(),
    };
    // Search works over what has loaded; it says so until everything has.
    let count = match s.loading {
        Some((done, total)) if count.is_empty() => format!("loading {done}/{total} files"),
        Some((done, total)) => format!("{count} · loading {done}/{total}"),
        None => count,
    };
    // The end of a long query stays visible, as in a shell.
    let room = width.saturating_sub(count.width() + 4);
    // Walk back from the end once, keeping what fits (this runs every frame).
    let mut used = 0;
    let start = p
        .input
        .char_indices()
        .rev()
        .take_while(|&(_, c)| {
            used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            used <= room
        })
        .last()
        .map_or(p.input.len(), |(i, _)| i);
    let shown = &p.input[start..];
    // An empty prompt offers the last search, dim, as fish offers a command: ↑ takes it.
    let offer = match s.history.last() {
        Some(last) if p.input.is_empty() => {
            let hint = format!("  {} for this search again", s.keys.first_prompt_key(Action::Up));
            let room = room.saturating_sub(hint.width());
            let last = truncate(last, room);
            if last.is_empty() { String::new() } else { format!("{last}{hint}") }
        }
        _ => String::new(),
    };
    let pad = width.saturating_sub(shown.width() + 3 + offer.width() + count.width());
    Line::from(vec![
        Span::styled("/ ", theme.mark()),
        Span::raw(shown.to_string()),
        Span::styled("▏", theme.mark()),
        Span::styled(offer, theme.dim()),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, theme.dim()),
    ])
}

/// `text` cut to `width`, with the characters that matched `query` highlighted.
pub fn highlighted<'a>(text: &str, query: &Query, width: usize, theme: &Theme) -> Vec<Span<'a>> {
    let mut positions = highlight::positions(text, query);
    // A match far into a long text is brought into view, with a little of
    // what comes before it.
    let first = positions.first().copied().unwrap_or(0);
    let lead = 12;
    let shifted: String;
    let text = if first + lead > width && width > 2 * lead {
        let skip = first - lead;
        shifted = format!("…{}", text.chars().skip(skip).collect::<String>());
        positions = positions.into_iter().filter(|&p| p >= skip).map(|p| p - skip + 1).collect();
        shifted.as_str()
    } else {
        text
    };
    let cut = truncate(text, width);
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    let mut next = positions.iter().peekable();
    for (i, c) in cut.chars().enumerate() {
        while next.peek().is_some_and(|&&p| p < i) {
            next.next();
        }
        let hit = next.peek().is_some_and(|&&p| p == i) && !(c == '…' && i == 0);
        if hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hit { theme.matched() } else { Default::default() },
            ));
        }
        run_hit = hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { theme.matched() } else { Default::default() }));
    }
    spans
}

/// The same highlight laid over wrapped lines of `text` (lines are pieces of
/// `text` in order, separated by the whitespace the wrap dropped).
pub fn highlight_wrapped(text: &str, lines: &[String], query: &Query) -> Vec<Vec<(usize, usize)>> {
    let positions = highlight::positions(text, query);
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0usize;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let line_chars: Vec<char> = line.chars().collect();
        while at < chars.len() && chars[at].is_whitespace() && line_chars.first() != Some(&chars[at]) {
            at += 1;
        }
        let start = at;
        at += line_chars.len();
        let ranges: Vec<(usize, usize)> =
            positions.iter().filter(|&&p| p >= start && p < at).map(|&p| (p - start, p - start + 1)).collect();
        out.push(ranges);
    }
    out
}
