use super::theme::Theme;
use crate::app::state::QUOTE_GUTTER;
use crate::app::text::{self, Row};
use crate::app::{Action, Pane, State};
use crate::search::{Query, highlight};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

pub fn line<'a>(row: &'a Row, theme: &Theme) -> Line<'a> {
    Line::from(row.0.iter().map(|(tone, t)| Span::styled(t.as_str(), theme.tone(*tone))).collect::<Vec<_>>())
}

/// A row with the last search's matches marked, as less marks them on every page.
fn marked_line<'a>(row: &'a Row, theme: &Theme, query: Option<&Query>) -> Line<'a> {
    let Some(query) = query else { return line(row, theme) };
    Line::from(marked_spans(row, theme, query))
}

fn marked_spans(row: &Row, theme: &Theme, query: &Query) -> Vec<Span<'static>> {
    row.0.iter().flat_map(|(tone, t)| marked(t, theme.tone(*tone), theme, query)).collect()
}

fn marked(text: &str, base: Style, theme: &Theme, query: &Query) -> Vec<Span<'static>> {
    let ranges: Vec<(usize, usize)> = highlight::occurrences(text, query).into_iter().map(|p| (p, p + 1)).collect();
    if ranges.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    mark_chars(text, &ranges, base, theme.matched())
}

pub fn draw(frame: &mut Frame, s: &State, theme: &Theme, pane: Pane, area: Rect) {
    let focused = s.focus == pane;
    let title = match pane {
        Pane::Library => format!(" 1 Library ({}) ", s.library.reports.len()),
        Pane::Session => {
            let view = s.areas().inner(Pane::Session).height as usize;
            let total = s.session_rows.len();
            if total > view {
                let pct = (s.offsets.session + view).min(total) * 100 / total.max(1);
                format!(" 2 Session ({pct}%) ")
            } else {
                " 2 Session ".to_string()
            }
        }
        Pane::Speakers => {
            let n = s.current().map_or(0, |r| r.speakers.len());
            let moderated = s.current().is_some_and(|r| r.speakers.iter().any(|sp| sp.moderator));
            format!(" 3 Speakers ({n}){} ", if moderated { " ★ moderator" } else { "" })
        }
        Pane::Quotes => quotes_title(s),
    };
    let block = Block::bordered()
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(theme.border(focused))
        .title(Span::styled(title, theme.border(focused)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match pane {
        Pane::Library => {
            let shown = library(frame, s, theme, inner, focused);
            scrollbar(frame, area, s.library.reports.len(), s.offsets.library, shown);
        }
        Pane::Session => session(frame, s, theme, inner, area),
        Pane::Speakers => {
            speakers(frame, s, theme, inner, focused);
            let top = s.speakers_starts.get(s.offsets.speakers).copied().unwrap_or(0);
            scrollbar(frame, area, s.speakers_list.len(), top, inner.height as usize);
        }
        Pane::Quotes => quotes(frame, s, theme, inner, area),
    }
}

fn quotes_title(s: &State) -> String {
    let who = match (s.current(), s.speaker) {
        (Some(r), Some(i)) => r.speakers.get(i).map(|sp| format!(" by {}", sp.name)).unwrap_or_default(),
        _ => String::new(),
    };
    format!(" 4 Quotes{who} ({}) ", s.visible.len())
}

/// A list row: marked and highlighted when selected.
pub(super) fn list_row<'a>(theme: &Theme, selected: bool, focused: bool, spans: Vec<Span<'a>>) -> Line<'a> {
    let mark = if selected { Span::styled("▶ ", theme.mark()) } else { Span::raw("  ") };
    highlighted(theme, selected, focused, mark, spans)
}

/// A list item's row: the first carries the selection mark, the others are
/// highlighted with it.
fn item_row<'a>(theme: &Theme, selected: bool, first: bool, focused: bool, spans: Vec<Span<'a>>) -> Line<'a> {
    if first {
        return list_row(theme, selected, focused, spans);
    }
    highlighted(theme, selected, focused, Span::raw("  "), spans)
}

fn highlighted<'a>(theme: &Theme, selected: bool, focused: bool, lead: Span<'a>, spans: Vec<Span<'a>>) -> Line<'a> {
    let mut all = vec![lead];
    all.extend(spans);
    let line = Line::from(all);
    match (selected, focused) {
        (true, true) => line.style(theme.selected()),
        (true, false) => line.style(theme.selected_unfocused()),
        _ => line,
    }
}

/// Draws the reports in view, wrapping only their titles; returns how many are shown.
fn library(frame: &mut Frame, s: &State, theme: &Theme, area: Rect, focused: bool) -> usize {
    if s.library.reports.is_empty() {
        let n = s.library.problems.len();
        let msg = if s.loading.is_some() {
            "Loading…".to_string()
        } else if n == 0 {
            "No reports: no report files (*.yaml, *.yml) were found.".to_string()
        } else {
            let plural = if n == 1 { "" } else { "s" };
            format!(
                "No reports loaded. {n} load problem{plural}: press {} to see them.",
                s.keys.first_key(Action::Problems)
            )
        };
        frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), area);
        return 0;
    }
    let height = area.height as usize;
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let mut shown = 0;
    for i in s.offsets.library..s.library.reports.len() {
        if lines.len() >= height {
            break;
        }
        shown += 1;
        for (k, row) in s.library_item_rows(i).iter().enumerate() {
            let spans = row.0.iter().map(|(tone, t)| Span::styled(t.clone(), theme.tone(*tone))).collect();
            lines.push(item_row(theme, i == s.report, k == 0, focused, spans));
        }
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), area);
    shown
}

fn session(frame: &mut Frame, s: &State, theme: &Theme, area: Rect, outer: Rect) {
    let query = s.last_search.as_ref().map(|l| &l.parsed);
    let lines: Vec<Line> = s
        .session_rows
        .iter()
        .skip(s.offsets.session)
        .take(area.height as usize)
        .map(|r| marked_line(r, theme, query))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    scrollbar(frame, outer, s.session_rows.len(), s.offsets.session, area.height as usize);
}

fn speakers(frame: &mut Frame, s: &State, theme: &Theme, area: Rect, focused: bool) {
    let Some(r) = s.current() else { return };
    if r.speakers.is_empty() {
        frame.render_widget(Paragraph::new("This report lists no speakers."), area);
        return;
    }
    let query = s.last_search.as_ref().map(|l| &l.parsed);
    let top = s.speakers_starts.get(s.offsets.speakers).copied().unwrap_or(0);
    // The speaker of the first row in view, then of each row after it.
    let mut item = s.offsets.speakers;
    let lines: Vec<Line> = s
        .speakers_list
        .iter()
        .enumerate()
        .skip(top)
        .take(area.height as usize)
        .map(|(n, row)| {
            while s.speakers_starts.get(item + 1).is_some_and(|&next| next <= n) {
                item += 1;
            }
            let first = s.speakers_starts.get(item) == Some(&n);
            let spans = match query {
                Some(q) => marked_spans(row, theme, q),
                None => row.0.iter().map(|(tone, t)| Span::styled(t.clone(), theme.tone(*tone))).collect(),
            };
            item_row(theme, s.speaker == Some(item), first, focused, spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn quotes(frame: &mut Frame, s: &State, theme: &Theme, area: Rect, outer: Rect) {
    let Some(r) = s.current() else { return };
    let mut lines: Vec<Line> = Vec::with_capacity(area.height as usize);
    let head = s.speaker_head_height();
    if head > 0 {
        let truncated = s.speaker_rows.len() > head;
        let shown = if truncated { head - 1 } else { head };
        let query = s.last_search.as_ref().map(|l| &l.parsed);
        lines.extend(s.speaker_rows.iter().take(shown).map(|row| marked_line(row, theme, query)));
        if truncated {
            lines.push(Line::styled("… more points: Enter in the Speakers pane", theme.dim()));
        }
    }
    if s.visible.is_empty() {
        let msg = if s.speaker.is_some() {
            "No quotes from this speaker. Press a for all quotes."
        } else {
            "This report has no quotes."
        };
        lines.push(Line::styled(msg, theme.dim()));
    }
    let width = s.quote_wrap_width();
    let gutter = " ".repeat(QUOTE_GUTTER);
    let mut overflows = s.offsets.quotes > 0 || s.offsets.quote_row > 0;
    let search = s.last_search.as_ref().map(|l| &l.parsed);
    // The scrollbar counts quotes (their rows are not all known without wrapping
    // every quote), in eighths, so that scrolling through a tall one moves it too.
    let (mut top_eighths, mut shown_eighths) = (0, 0);
    'items: for (n, &q) in s.visible.iter().skip(s.offsets.quotes).enumerate() {
        // The first quote may be scrolled partly out of view.
        let skipped = if n == 0 { s.offsets.quote_row } else { 0 };
        let selected = s.quote == Some(q);
        let rows = text::quote_rows(r, &r.quotes[q], width);
        let height = rows.len().max(1);
        if n == 0 {
            top_eighths = skipped * 8 / height;
        }
        let on_screen = rows.len().saturating_sub(skipped).min((area.height as usize).saturating_sub(lines.len()));
        shown_eighths += on_screen * 8 / height;
        // After a search, its matches are marked in every quote shown, as less does.
        let marks = search.map(|query| {
            let lines: Vec<String> = rows
                .iter()
                .take_while(|row| row.0.first().is_some_and(|(t, _)| *t == text::Tone::Quote))
                .map(Row::plain)
                .collect();
            super::search::highlight_wrapped(&text::quote_display(&r.quotes[q]), &lines, query)
        });
        for (k, row) in rows.into_iter().enumerate().skip(skipped) {
            if lines.len() >= area.height as usize {
                // A cut-off blank separator is not hidden content.
                overflows |= !row.0.is_empty() || q != *s.visible.last().unwrap_or(&q);
                break 'items;
            }
            let mark = if selected && !row.0.is_empty() {
                Span::styled("▌ ", theme.mark())
            } else {
                Span::raw(gutter.clone())
            };
            let mut spans = vec![mark];
            match marks.as_ref().and_then(|m| m.get(k)) {
                Some(hits) if !hits.is_empty() => {
                    let (tone, t) = &row.0[0];
                    spans.extend(mark_chars(t, hits, theme.tone(*tone), theme.matched()));
                }
                // The speaker and context rows: whole-word matches, as in the Session pane.
                None if let Some(query) = search => spans.extend(marked_spans(&row, theme, query)),
                _ => spans.extend(row.0.into_iter().map(|(tone, t)| Span::styled(t, theme.tone(tone)))),
            }
            lines.push(Line::from(spans));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
    if overflows {
        let position = s.offsets.quotes * 8 + top_eighths;
        scrollbar(frame, outer, s.visible.len() * 8, position, shown_eighths.max(1));
    }
}

/// `text` with the characters at the given (char) ranges in `hit` style.
fn mark_chars<'a>(text: &str, ranges: &[(usize, usize)], base: Style, hit: Style) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut in_hit = false;
    for (i, c) in text.chars().enumerate() {
        let h = ranges.iter().any(|&(a, b)| i >= a && i < b);
        if h != in_hit && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if in_hit { hit } else { base }));
        }
        in_hit = h;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if in_hit { hit } else { base }));
    }
    spans
}

/// A scrollbar on the pane's right border, when the content overflows.
pub(super) fn scrollbar(frame: &mut Frame, outer: Rect, total: usize, position: usize, view: usize) {
    if total <= view || outer.height < 3 {
        return;
    }
    let mut state = ScrollbarState::new(total.saturating_sub(view)).position(position).viewport_content_length(view);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(None).end_symbol(None);
    frame.render_stateful_widget(bar, outer.inner(Margin::new(0, 1)), &mut state);
}
