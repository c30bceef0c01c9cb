use super::theme::Theme;
use crate::app::{Action, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Position, focus, a message or the problem count, then as many key hints as fit.
pub fn draw(frame: &mut Frame, s: &State, theme: &Theme, area: Rect) {
    let reports = s.library.reports.len();
    // Narrow screens get the short form, leaving room for the key hints.
    let (report_word, quote_word) = if area.width < 100 { ("R", "Q") } else { ("Report", "Quote") };
    if s.people_view.open {
        return draw_people(frame, s, theme, area);
    }
    let report_part = match (s.loading, reports) {
        (Some((done, total)), _) => {
            let plural = if reports == 1 { "" } else { "s" };
            format!("Loading {} {done}/{total} files · {reports} report{plural}", bar(done, total))
        }
        (None, 0) => "No reports".to_string(),
        _ => format!("{report_word} {}/{}", s.report + 1, reports),
    };
    let mut left = report_part.clone();
    if let Some(pos) = s.quote_position() {
        left.push_str(&format!(" · {quote_word} {}/{}", pos + 1, s.visible.len()));
    }
    if let Some(l) = &s.last_search {
        // Of every hit, ranked or still to be ranked (n / N reach them all).
        left.push_str(&format!(" · Hit {}/{}", l.current + 1, l.results.total.max(l.results.hits.len())));
    }
    left.push_str(&format!(" · {} ", s.focus.title()));
    // A message says something the user just asked for: when it does not fit,
    // the position gives way to it (the quote and hit first, then the report)
    // if that lets the whole message show.
    if let Some(msg) = &s.status {
        let fits = |left: &str| left.width() + msg.width() + 2 <= area.width as usize;
        let shorter = [format!("{report_part} · {} ", s.focus.title()), format!("{} ", s.focus.title())];
        if !fits(&left)
            && let Some(short) = shorter.into_iter().find(|l| fits(l))
        {
            left = short;
        }
    }
    let mut spans = vec![Span::styled(left, theme.selected())];
    if let Some(msg) = &s.status {
        // A message longer than the line ends in "…" rather than mid-word.
        let room = (area.width as usize).saturating_sub(spans[0].content.width() + 2);
        spans.push(Span::raw(format!(" {} ", crate::app::text::truncate(msg, room))));
    } else if let Some(count) = problem_count(s) {
        spans.push(Span::styled(format!(" ⚠ {count} ({}) ", s.keys.first_key(Action::Problems)), theme.warning()));
    }
    // Keys come from the key table, so the hints follow any change to it.
    let pair = |a: Action, b: Action| format!("{}/{}", s.keys.first_key(a), s.keys.first_key(b));
    // After a search, n / N take the place of / in the hints.
    let (search_keys, search_word) = match s.last_search {
        Some(_) => (pair(Action::NextHit, Action::PrevHit), "hit"),
        None => (s.keys.first_key(Action::Search), "search"),
    };
    let hints = [
        (pair(Action::Down, Action::Up), "move"),
        (s.keys.first_key(Action::NextPane), "pane"),
        (search_keys, search_word),
        (pair(Action::NextSpeaker, Action::PrevSpeaker), "speaker"),
        (pair(Action::NextQuote, Action::PrevQuote), "quote"),
        (pair(Action::NextReport, Action::PrevReport), "report"),
        (s.keys.first_key(Action::Copy), "copy"),
        (s.keys.first_key(Action::People), "people"),
        (s.keys.first_key(Action::Help), "help"),
        (s.keys.first_key(Action::Quit), "quit"),
    ];
    // Help and quit matter most, then moving: hints are kept in that order of
    // priority while room lasts, and shown in their natural order.
    hints_line(frame, theme, area, spans, &hints, &[8, 9, 2, 1, 0, 7, 3, 4, 5, 6]);
}

/// People: the person's place in the list, then People's own keys.
fn draw_people(frame: &mut Frame, s: &State, theme: &Theme, area: Rect) {
    let v = &s.people_view;
    let mut left = match v.person() {
        Some(_) => format!("Person {}/{}", v.selected + 1, v.visible.len()),
        None => "No one listed".to_string(),
    };
    left.push_str(&format!(" · {} ", v.part.title()));
    let mut spans = vec![Span::styled(left, theme.selected())];
    if let Some(msg) = &s.status {
        let room = (area.width as usize).saturating_sub(spans[0].content.width() + 2);
        spans.push(Span::raw(format!(" {} ", crate::app::text::truncate(msg, room))));
    }
    let key = |a: Action| s.keys.first_key(a);
    let open_word = if v.part == crate::app::people::Part::List { "detail" } else { "go there" };
    let hints = if v.typing {
        vec![
            (s.keys.first_prompt_key(Action::Open), "keep"),
            (s.keys.first_prompt_key(Action::Back), "clear"),
            (format!("{}/{}", s.keys.first_prompt_key(Action::Down), s.keys.first_prompt_key(Action::Up)), "move"),
        ]
    } else {
        vec![
            (format!("{}/{}", key(Action::Down), key(Action::Up)), "move"),
            (key(Action::NextPane), "part"),
            (key(Action::Search), "filter"),
            (key(Action::ToggleOrder), "order"),
            (key(Action::Open), open_word),
            (key(Action::Back), "panes"),
            (key(Action::Help), "help"),
            (key(Action::Quit), "quit"),
        ]
    };
    let priority: Vec<usize> = if v.typing { vec![0, 1, 2] } else { vec![6, 7, 4, 5, 2, 1, 0, 3] };
    hints_line(frame, theme, area, spans, &hints, &priority);
}

/// `spans`, then as many key hints as fit, kept by `priority` (indices into
/// `hints`) and shown in their natural order, right-aligned.
fn hints_line(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    mut spans: Vec<Span<'static>>,
    hints: &[(String, &str)],
    priority: &[usize],
) {
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let mut room = (area.width as usize).saturating_sub(used + 1);
    let mut keep = vec![false; hints.len()];
    for &i in priority {
        let (keys, what) = &hints[i];
        let w = format!(" {keys} {what}").width();
        if w > room {
            break;
        }
        room -= w;
        keep[i] = true;
    }
    let tail: Vec<_> = hints.iter().zip(keep).filter(|(_, k)| *k).map(|(h, _)| h).collect();
    let hint_width: usize = tail.iter().map(|(k, w)| format!(" {k} {w}").width()).sum();
    let pad = (area.width as usize).saturating_sub(used + hint_width);
    spans.push(Span::raw(" ".repeat(pad)));
    for (keys, what) in tail {
        spans.push(Span::styled(format!(" {keys}"), theme.mark()));
        spans.push(Span::styled(format!(" {what}"), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `3 load problems, 24 warnings`: errors (files or reports not loaded) apart from
/// warnings (loaded, but e.g. under another id), as `podium validate` counts them.
fn problem_count(s: &State) -> Option<String> {
    let errors = s.library.errors();
    let warnings = s.library.problems.len() - errors;
    let count = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => None,
        (e, 0) => Some(count(e, "load problem")),
        (0, w) => Some(count(w, "warning")),
        (e, w) => Some(format!("{}, {}", count(e, "error"), count(w, "warning"))),
    }
}

/// `▕████▌     ▏`: files read of all found, in eighths of a cell.
fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 10;
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let filled = (done.min(total) * WIDTH * 8).checked_div(total).unwrap_or(0);
    let mut out = String::from("▕");
    for cell in 0..WIDTH {
        let here = filled.saturating_sub(cell * 8).min(8);
        out.push(if here == 8 { '█' } else { EIGHTHS[here] });
    }
    out.push('▏');
    out
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn the_bar_fills_in_eighths() {
        assert_eq!(bar(0, 0), "▕          ▏");
        assert_eq!(bar(0, 10), "▕          ▏");
        assert_eq!(bar(5, 10), "▕█████     ▏");
        assert_eq!(bar(1, 16), "▕▋         ▏", "5 eighths of a cell");
        assert_eq!(bar(10, 10), "▕██████████▏");
        assert_eq!(bar(12, 10), "▕██████████▏", "more read than found (files added meanwhile)");
    }
}
