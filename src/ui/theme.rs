//! Styles for each tone of text. Colours are ANSI ones the terminal's own
//! palette maps, so they read on dark and light backgrounds; without colour
//! (NO_COLOR, --no-color) selection stays visible through reverse video and
//! the ▶ / ▌ marks.

use crate::app::text::Tone;
use ratatui::style::{Color, Modifier, Style};

/// The colour of each element; `None` leaves the terminal's own colour.
/// Built in: [`Palette::dark`] and [`Palette::light`]; the configuration
/// file picks one and may change any element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Report titles.
    pub title: Option<Color>,
    /// Field labels of the Session pane.
    pub label: Option<Color>,
    pub speaker: Option<Color>,
    /// Keys in the help and the status line.
    pub key: Option<Color>,
    /// The focused pane's border.
    pub border: Option<Color>,
    /// Selection marks, the progress bar, the search prompt.
    pub mark: Option<Color>,
    /// Characters a search matched.
    pub matched: Option<Color>,
    pub warning: Option<Color>,
    pub error: Option<Color>,
}

impl Palette {
    /// The names the configuration file uses, with each element's place.
    pub const ELEMENTS: [&'static str; 9] =
        ["title", "label", "speaker", "key", "border", "mark", "matched", "warning", "error"];

    /// Bright ANSI colours that read on dark backgrounds (the default).
    pub const fn dark() -> Self {
        Palette {
            title: Some(Color::Cyan),
            label: Some(Color::Cyan),
            speaker: Some(Color::Magenta),
            key: Some(Color::Cyan),
            border: Some(Color::Cyan),
            mark: Some(Color::Cyan),
            matched: Some(Color::Yellow),
            warning: Some(Color::Yellow),
            error: Some(Color::Red),
        }
    }

    /// Deeper colours for light backgrounds, where cyan and yellow fade.
    pub const fn light() -> Self {
        Palette {
            title: Some(Color::Blue),
            label: Some(Color::Blue),
            speaker: Some(Color::Magenta),
            key: Some(Color::Blue),
            border: Some(Color::Blue),
            mark: Some(Color::Blue),
            matched: Some(Color::Red),
            warning: Some(Color::Indexed(130)),
            error: Some(Color::Red),
        }
    }

    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "dark" => Some(Self::dark()),
            "light" => Some(Self::light()),
            _ => None,
        }
    }

    /// The element called `name` (one of [`Palette::ELEMENTS`]).
    pub fn element_mut(&mut self, name: &str) -> Option<&mut Option<Color>> {
        Some(match name {
            "title" => &mut self.title,
            "label" => &mut self.label,
            "speaker" => &mut self.speaker,
            "key" => &mut self.key,
            "border" => &mut self.border,
            "mark" => &mut self.mark,
            "matched" => &mut self.matched,
            "warning" => &mut self.warning,
            "error" => &mut self.error,
            _ => return None,
        })
    }
}

impl Default for Palette {
    fn default() -> Self {
        Self::dark()
    }
}

pub struct Theme {
    color: bool,
    palette: Palette,
}

impl Theme {
    pub fn new(color: bool, palette: Palette) -> Self {
        Theme { color, palette }
    }

    fn fg(&self, c: Option<Color>) -> Style {
        match c {
            Some(c) if self.color => Style::new().fg(c),
            _ => Style::new(),
        }
    }

    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Title => self.fg(self.palette.title).add_modifier(Modifier::BOLD),
            Tone::Heading => Style::new().add_modifier(Modifier::BOLD),
            Tone::Label => self.fg(self.palette.label),
            Tone::Body => Style::new(),
            Tone::Dim => Style::new().add_modifier(Modifier::DIM),
            Tone::Quote => Style::new().add_modifier(Modifier::ITALIC),
            Tone::Speaker => self.fg(self.palette.speaker).add_modifier(Modifier::BOLD),
            Tone::Key => self.fg(self.palette.key).add_modifier(Modifier::BOLD),
            Tone::Error => self.fg(self.palette.error),
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => self.fg(self.palette.border).add_modifier(Modifier::BOLD),
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
        self.fg(self.palette.mark).add_modifier(Modifier::BOLD)
    }

    /// Characters a search matched: underlined too, so it shows without colour.
    pub fn matched(&self) -> Style {
        self.fg(self.palette.matched).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn warning(&self) -> Style {
        self.fg(self.palette.warning).add_modifier(Modifier::BOLD)
    }
}
