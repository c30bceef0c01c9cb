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
    let mut left = match (s.loading, reports) {
        (Some((done, total)), _) => format!("Loading {done}/{total} files"),
        (None, 0) => "No reports".to_string(),
        _ => format!("{report_word} {}/{}", s.report + 1, reports),
    };
    if let Some(pos) = s.quote_position() {
        left.push_str(&format!(" · {quote_word} {}/{}", pos + 1, s.visible.len()));
    }
    if let Some(l) = &s.last_search {
        left.push_str(&format!(" · Hit {}/{}", l.current + 1, l.results.hits.len()));
    }
    left.push_str(&format!(" · {} ", s.focus.title()));
    let mut spans = vec![Span::styled(left, theme.selected())];
    let errors = s.library.problems.len();
    if let Some(msg) = &s.status {
        spans.push(Span::raw(format!(" {msg} ")));
    } else if errors > 0 {
        let plural = if errors == 1 { "" } else { "s" };
        spans.push(Span::styled(
            format!(" ⚠ {errors} load problem{plural} ({}) ", s.keys.first_key(Action::Problems)),
            theme.warning(),
        ));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    // Keys come from the key table, so the hints follow any change to it.
    let pair = |a: Action, b: Action| format!("{}/{}", s.keys.first_key(a), s.keys.first_key(b));
    let hints = [
        (pair(Action::Down, Action::Up), "move"),
        (s.keys.first_key(Action::NextPane), "pane"),
        (s.keys.first_key(Action::Search), "search"),
        (pair(Action::NextSpeaker, Action::PrevSpeaker), "speaker"),
        (pair(Action::NextQuote, Action::PrevQuote), "quote"),
        (pair(Action::NextReport, Action::PrevReport), "report"),
        (s.keys.first_key(Action::Copy), "copy"),
        (s.keys.first_key(Action::Help), "help"),
        (s.keys.first_key(Action::Quit), "quit"),
    ];
    // Help and quit matter most, then moving: hints are kept in that order of
    // priority while room lasts, and shown in their natural order.
    const PRIORITY: [usize; 9] = [7, 8, 2, 1, 0, 3, 4, 5, 6];
    let mut room = (area.width as usize).saturating_sub(used + 1);
    let mut keep = [false; 9];
    for i in PRIORITY {
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
