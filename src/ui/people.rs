//! The People view: the list of everyone who speaks, and the selected
//! person's appearances and quotes. Only the rows on screen are built.

use super::panes::{list_row, scrollbar};
use super::theme::Theme;
use crate::app::Action;
use crate::app::State;
use crate::app::layout::Mode;
use crate::app::people::layout::{self, APPEARANCE_ROWS, Areas};
use crate::app::people::update::title;
use crate::app::people::{Part, PeopleView};
use crate::app::text::{Tone, truncate};
use crate::model::Report;
use crate::people::{People, Person};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn areas(s: &State) -> Areas {
    layout::areas_for(&s.people_view, &s.people, s.width, s.height)
}

/// The view's parts (the status line is drawn by the caller).
pub fn draw(frame: &mut Frame, s: &State, theme: &Theme, a: &Areas) {
    let v = &s.people_view;
    if a.mode == Mode::Wide {
        for part in Part::ALL {
            draw_part(frame, s, theme, part, a.part(part));
        }
    } else {
        tabs(frame, s, theme, a.tabs);
        draw_part(frame, s, theme, v.part, a.part(v.part));
    }
}

/// Tab mode: the three parts as tabs, and the way back to the panes.
fn tabs(frame: &mut Frame, s: &State, theme: &Theme, area: Rect) {
    let mut spans = Vec::new();
    for part in Part::ALL {
        let style = if part == s.people_view.part { theme.selected() } else { theme.dim() };
        let number = if part == Part::List { "5 " } else { "" };
        spans.push(Span::styled(format!(" {number}{} ", part.title()), style));
        spans.push(Span::raw(" "));
    }
    let back = format!(" {} back to the panes ", s.keys.first_key(Action::Back));
    let used: usize = spans.iter().map(|s| s.width()).sum();
    if used + back.width() <= area.width as usize {
        spans.push(Span::raw(" ".repeat(area.width as usize - used - back.width())));
        spans.push(Span::styled(back, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_part(frame: &mut Frame, s: &State, theme: &Theme, part: Part, area: Rect) {
    let v = &s.people_view;
    let focused = v.part == part;
    let person = v.person().and_then(|p| s.people.persons.get(p));
    let title = match (part, person) {
        (Part::List, _) => format!(" 5 {} ", title(v, s.people.len())),
        (Part::Appearances, Some(p)) => {
            let n = p.appearances.len();
            let sessions = if p.sessions == n { String::new() } else { format!(", {} sessions", p.sessions) };
            format!(" Appearances of {} ({n}{sessions}) ", p.name.replace('\n', " "))
        }
        (Part::Quotes, Some(p)) => format!(" Quotes of {} ({}) ", p.name.replace('\n', " "), v.quotes.len()),
        (part, None) => format!(" {} ", part.title()),
    };
    let title = truncate(&title, (area.width as usize).saturating_sub(2));
    let block = Block::bordered()
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(theme.border(focused))
        .title(Span::styled(title, theme.border(focused)));
    let body = block.inner(area);
    frame.render_widget(block, area);
    match part {
        Part::List => list(frame, s, theme, body, area, focused),
        Part::Appearances => {
            if let Some(p) = person {
                appearances(frame, s, theme, p, body, area, focused);
            }
        }
        Part::Quotes => {
            if person.is_some() {
                quotes(frame, s, theme, body, area, focused);
            }
        }
    }
}

/// Column widths of the list for a width and the rows shown.
struct Columns {
    name: usize,
    sessions: usize,
    quotes: usize,
    role: usize,
    /// 0: no dates column (too narrow).
    dates: usize,
    /// The dates as years only (`2015–2019`).
    years: bool,
}

const DATES_FULL: usize = 23; // 2015-11-10 – 2019-11-26
const DATES_YEARS: usize = 9; // 2015–2019

/// Dates give way to the role and organisation: full dates when both fit,
/// years when they make the role fit (or leave it room), else none.
fn columns(width: usize, widest_name: usize, widest_role: usize) -> Columns {
    let (sessions, quotes) = ("Sessions".len(), "Quotes".len());
    // Mark, and a space before each column after the name.
    let fixed = 2 + 1 + sessions + 1 + quotes + 2;
    let name = widest_name.clamp(4, (width * 2 / 5).max(12));
    let rest = width.saturating_sub(fixed + name);
    let (dates, years) = if rest >= DATES_FULL + 2 + widest_role.max(16) {
        (DATES_FULL, false)
    } else if rest >= DATES_YEARS + 2 + widest_role.min(12) {
        (DATES_YEARS, true)
    } else {
        (0, false)
    };
    let role = rest.saturating_sub(if dates > 0 { dates + 2 } else { 0 });
    Columns { name, sessions, quotes, role, dates, years }
}

fn pad(text: &str, width: usize) -> String {
    let t = truncate(text, width);
    let w = t.width();
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

fn right(text: &str, width: usize) -> String {
    format!("{text:>width$}")
}

fn dates(p: &Person, reports: &[Report], years: bool) -> String {
    let (first, last) = p.dates(reports);
    let cut = |d: &str| if years { d.get(..4).unwrap_or(d).to_string() } else { d.to_string() };
    let (first, last) = (cut(first), cut(last));
    match (first == last, years) {
        (true, _) => first,
        (false, true) => format!("{first}–{last}"),
        (false, false) => format!("{first} – {last}"),
    }
}

fn list(frame: &mut Frame, s: &State, theme: &Theme, body: Rect, outer: Rect, focused: bool) {
    let v = &s.people_view;
    let people: &People = &s.people;
    let reports = &s.library.reports;
    let view = (body.height as usize).saturating_sub(1);
    let shown: Vec<usize> = v.visible.iter().copied().skip(v.list_offset).take(view).collect();
    let widest = shown.iter().map(|&p| people.persons[p].name.width()).max().unwrap_or(0);
    let widest_role = shown
        .iter()
        .map(|&p| crate::app::text::affiliation(people.persons[p].latest(reports)).width())
        .max()
        .unwrap_or(0);
    let c = columns(body.width as usize, widest, widest_role);
    let mut lines = Vec::with_capacity(body.height as usize);
    lines.push(head_row(s, theme, v, &c));
    if v.visible.is_empty() {
        let msg = if people.is_empty() {
            "No one speaks in this library yet.".to_string()
        } else {
            format!("No one matches “{}”. {} clears the filter.", v.filter, s.keys.first_prompt_key(Action::Back))
        };
        lines.push(Line::styled(msg, theme.dim()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), body);
        return;
    }
    for (i, &p) in shown.iter().enumerate() {
        let person = &people.persons[p];
        let latest = crate::app::text::affiliation(person.latest(reports)).replace('\n', " ");
        let mut spans = vec![
            Span::styled(pad(&person.name.replace('\n', " "), c.name), theme.tone(Tone::Speaker)),
            Span::raw(format!(
                " {} {}",
                right(&person.sessions.to_string(), c.sessions),
                right(&person.quotes.to_string(), c.quotes)
            )),
            Span::raw("  "),
            Span::styled(pad(&latest, c.role), theme.dim()),
        ];
        if c.dates > 0 {
            spans.push(Span::styled(format!("  {}", dates(person, reports, c.years)), theme.dim()));
        }
        lines.push(list_row(theme, v.list_offset + i == v.selected, focused, spans));
    }
    frame.render_widget(Paragraph::new(lines), body);
    let mut bar = outer;
    bar.y += 1;
    bar.height = bar.height.saturating_sub(1);
    scrollbar(frame, bar, v.visible.len(), v.list_offset, view);
}

/// The column heads, or the filter prompt while it is open.
fn head_row<'a>(s: &State, theme: &Theme, v: &PeopleView, c: &Columns) -> Line<'a> {
    if v.typing {
        let keys = format!(
            "  {} keep · {} clear",
            s.keys.first_prompt_key(Action::Open),
            s.keys.first_prompt_key(Action::Back)
        );
        return Line::from(vec![
            Span::styled("Filter: ", theme.mark()),
            Span::raw(v.filter.clone()),
            Span::styled("█", theme.mark()),
            Span::styled(keys, theme.dim()),
        ]);
    }
    let mut head = format!(
        "  {} {} {}  {}",
        pad("Name", c.name),
        right("Sessions", c.sessions),
        right("Quotes", c.quotes),
        pad("Latest role · organisation", c.role)
    );
    if c.dates > 0 {
        head.push_str(if c.years { "  Years" } else { "  First – last" });
    }
    Line::styled(head, theme.tone(Tone::Heading))
}

fn appearances(frame: &mut Frame, s: &State, theme: &Theme, p: &Person, body: Rect, outer: Rect, focused: bool) {
    let v = &s.people_view;
    let width = (body.width as usize).saturating_sub(layout::GUTTER);
    let items = (body.height as usize / APPEARANCE_ROWS).max(1);
    let mut lines = Vec::with_capacity(body.height as usize);
    for (i, &a) in p.appearances.iter().enumerate().skip(v.appearance_offset).take(items) {
        let selected = i == v.appearance;
        for (k, row) in layout::appearance_rows(&s.library.reports, a, width).into_iter().enumerate() {
            let mark = if selected { Span::styled("▌ ", theme.mark()) } else { Span::raw("  ") };
            let mut spans = vec![mark];
            spans.extend(row.0.into_iter().map(|(tone, t)| Span::styled(t, theme.tone(tone))));
            let line = Line::from(spans);
            lines.push(match (selected && k == 0, focused) {
                (true, true) => line.style(theme.selected()),
                (true, false) => line.style(theme.selected_unfocused()),
                _ => line,
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
    scrollbar(
        frame,
        outer,
        p.appearances.len() * APPEARANCE_ROWS,
        v.appearance_offset * APPEARANCE_ROWS,
        body.height as usize,
    );
}

fn quotes(frame: &mut Frame, s: &State, theme: &Theme, body: Rect, outer: Rect, focused: bool) {
    let v = &s.people_view;
    if v.quotes.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("No quotes from them in this library.", theme.dim())), body);
        return;
    }
    let width = (body.width as usize).saturating_sub(layout::GUTTER);
    let height = body.height as usize;
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let (mut overflows, mut shown) = (v.quote_offset > 0, 0);
    'items: for (i, &item) in v.quotes.iter().enumerate().skip(v.quote_offset) {
        let selected = i == v.quote;
        shown += 1;
        for (k, row) in layout::quote_rows(&s.library.reports, item, width).into_iter().enumerate() {
            if lines.len() >= height {
                // A cut-off blank separator after the last quote hides nothing.
                overflows |= !row.0.is_empty() || i + 1 < v.quotes.len();
                break 'items;
            }
            let mark = if selected && !row.0.is_empty() { Span::styled("▌ ", theme.mark()) } else { Span::raw("  ") };
            let mut spans = vec![mark];
            spans.extend(row.0.into_iter().map(|(tone, t)| Span::styled(t, theme.tone(tone))));
            let line = Line::from(spans);
            lines.push(if selected && k == 0 && focused { line.style(theme.selected()) } else { line });
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
    // Counted in quotes: their rows are not all known without wrapping each.
    if overflows {
        scrollbar(
            frame,
            outer,
            v.quotes.len(),
            v.quote_offset,
            shown.clamp(1, v.quotes.len().saturating_sub(1).max(1)),
        );
    }
}
