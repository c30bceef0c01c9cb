//! Pure rendering: `&State` in, a frame out. Nothing here changes state or does
//! I/O, and only rows that are on screen are built.

mod overlay;
mod panes;
mod people;
mod search;
mod status;
pub mod theme;

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH, Mode};
use crate::app::{Action, Pane, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use theme::Theme;

/// A frame in the default (dark) palette.
pub fn draw(frame: &mut Frame, s: &State) {
    draw_in(frame, s, theme::Palette::default());
}

/// A frame in the given palette (colours still off when `s.color` is false).
pub fn draw_in(frame: &mut Frame, s: &State, palette: theme::Palette) {
    let theme = Theme::new(s.color, palette);
    let areas = s.areas();
    let screen = frame.area();
    if areas.mode == Mode::TooSmall {
        let msg = format!(
            "Terminal too small ({}×{}): podium needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge it, or press {} to quit.",
            screen.width,
            screen.height,
            s.keys.first_key(Action::Quit)
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), screen);
        return;
    }
    if s.people_view.open {
        let a = people::areas(s);
        people::draw(frame, s, &theme, &a);
        status::draw(frame, s, &theme, a.status);
        if let Some(o) = s.overlay {
            overlay::draw(frame, s, &theme, o);
        }
        return;
    }
    match areas.mode {
        Mode::Wide => {
            for pane in Pane::ALL {
                panes::draw(frame, s, &theme, pane, areas.pane(pane));
            }
        }
        _ => {
            draw_tabs(frame, s, &theme, areas.tabs);
            panes::draw(frame, s, &theme, s.focus, areas.pane(s.focus));
        }
    }
    status::draw(frame, s, &theme, areas.status);
    if let Some(o) = s.overlay {
        overlay::draw(frame, s, &theme, o);
    }
    if let Some(p) = &s.search {
        search::draw(frame, s, &theme, p);
    }
    if let Some((done, total)) = s.loading
        && s.library.reports.is_empty()
    {
        draw_loading(frame, &theme, done, total);
    }
}

/// A progress bar while the library loads (files read of all found).
fn draw_loading(frame: &mut Frame, theme: &Theme, done: usize, total: usize) {
    use ratatui::widgets::{Block, BorderType, Clear, Gauge};
    let screen = frame.area();
    let w = screen.width.saturating_sub(4).min(60);
    let area =
        Rect::new(screen.width.saturating_sub(w) / 2, screen.height.saturating_sub(3) / 2, w, 3.min(screen.height));
    let ratio = if total == 0 { 0.0 } else { done as f64 / total as f64 };
    let label = if total == 0 { "Finding report files…".to_string() } else { format!("{done} / {total} files") };
    let gauge = Gauge::default()
        .block(Block::bordered().border_type(BorderType::Rounded).title(" Loading the library "))
        .gauge_style(theme.mark())
        .ratio(ratio.clamp(0.0, 1.0))
        .label(label);
    frame.render_widget(Clear, area);
    frame.render_widget(gauge, area);
}

fn draw_tabs(frame: &mut Frame, s: &State, theme: &Theme, area: Rect) {
    let mut spans = Vec::new();
    for (tab, label) in crate::app::layout::tab_bar(area.width, s.focus) {
        let style = if tab == Some(s.focus) { theme.selected() } else { theme.dim() };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
