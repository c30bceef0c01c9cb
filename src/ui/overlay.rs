use super::panes::line;
use super::theme::Theme;
use crate::app::overlay::{self as geometry, area};
use crate::app::{Action, Overlay, State};
use ratatui::Frame;
use ratatui::layout::Margin;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn draw(frame: &mut Frame, s: &State, theme: &Theme, o: Overlay) {
    let rows = geometry::rows(s, o);
    let popup = area(s.width, s.height, rows.len()).intersection(frame.area());
    let view = popup.height.saturating_sub(2) as usize;
    let scroll = geometry::scroll(o).min(rows.len().saturating_sub(view));
    let below = rows.len() > scroll + view;
    let key = |a| s.keys.first_key(a);
    let close = format!("{} close", key(Action::Back));
    let footer = match (o, scroll > 0, below) {
        (Overlay::Problems { .. }, ..) if !s.library.problems.is_empty() => {
            let (open, edit) = (key(Action::Open), key(Action::Edit));
            format!(" {open}/{edit} edit · {}/{} choose · {close} ", key(Action::Down), key(Action::Up))
        }
        (_, false, false) => format!(" {close} "),
        (_, above, below) => {
            let more = if above && below {
                "↑↓"
            } else if above {
                "↑"
            } else {
                "↓"
            };
            format!(" {more} more · {close} · {}/{} scroll ", key(Action::Down), key(Action::Up))
        }
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(format!(" {} ", geometry::title(o)))
        .title_bottom(Line::from(footer).right_aligned());
    let lines: Vec<Line> = rows.iter().skip(scroll).take(view).map(|r| line(r, theme)).collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines), popup.inner(Margin::new(2, 1)));
}
