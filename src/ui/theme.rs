//! Styles for each tone of text. Colours are ANSI ones the terminal's own
//! palette maps, so they read on dark and light backgrounds; without colour
//! (NO_COLOR, --no-color) selection stays visible through reverse video and
//! the ▶ / ▌ marks.

use crate::app::text::Tone;
use ratatui::style::{Color, Modifier, Style};

pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Title => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Tone::Heading => Style::new().add_modifier(Modifier::BOLD),
            Tone::Label => self.fg(Color::Cyan),
            Tone::Body => Style::new(),
            Tone::Dim => Style::new().add_modifier(Modifier::DIM),
            Tone::Quote => Style::new().add_modifier(Modifier::ITALIC),
            Tone::Speaker => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Tone::Key => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Tone::Error => self.fg(Color::Red),
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The selected row of a list whose pane is not focused.
    pub fn selected_unfocused(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn mark(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Characters a search matched: underlined too, so it shows without colour.
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}
