//! Diagnostics in gcc style (`path:line:col: error: message`), so editors and CI
//! can jump to them.

use super::sanitize::sanitize_line;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// Messages quote file content (an unknown key, a bad value); keep them short.
const MAX_MESSAGE_CHARS: usize = 300;

/// 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }

    /// Position of byte `offset` in `text` (clamped to its end and to a char boundary).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos { line: before.matches('\n').count() + 1, col: before[line_start..].chars().count() + 1 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: PathBuf,
    /// `None` for problems of the whole file (unreadable, too large).
    pub pos: Option<Pos>,
    pub severity: Severity,
    /// Sanitised and bounded: safe to print.
    pub message: String,
}

impl Problem {
    pub fn error(path: &Path, pos: Option<Pos>, message: impl AsRef<str>) -> Self {
        Problem {
            path: path.to_path_buf(),
            pos,
            severity: Severity::Error,
            message: bounded(&sanitize_line(message.as_ref())),
        }
    }

    pub fn warning(path: &Path, pos: Option<Pos>, message: impl AsRef<str>) -> Self {
        Problem { severity: Severity::Warning, ..Problem::error(path, pos, message) }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // File names are untrusted too.
        let path = super::sanitize::path(&self.path);
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.pos {
            Some(p) => write!(f, "{path}:{}:{}: {severity}: {}", p.line, p.col, self.message),
            None => write!(f, "{path}: {severity}: {}", self.message),
        }
    }
}

fn bounded(message: &str) -> String {
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\nçé€x\n";
        assert_eq!(Pos::of_offset(text, 0), Pos::new(1, 1));
        assert_eq!(Pos::of_offset(text, 3), Pos::new(2, 1));
        // byte 7 is inside '€' (bytes 7..10 start at 7): 'ç'(2)+'é'(2) = 4 bytes → col 3
        assert_eq!(Pos::of_offset(text, 7), Pos::new(2, 3));
        assert_eq!(Pos::of_offset(text, 8), Pos::new(2, 3));
        assert_eq!(Pos::of_offset(text, 999), Pos::new(3, 1));
    }

    #[test]
    fn display_is_gcc_style_and_safe() {
        let p = Problem::error(Path::new("a\x1b.yaml"), Some(Pos::new(3, 7)), "bad \x1b[2J");
        assert_eq!(p.to_string(), "a␛.yaml:3:7: error: bad ␛[2J");
        let p = Problem::error(Path::new("b.yaml"), None, "x".repeat(1000));
        assert!(p.to_string().starts_with("b.yaml: error: xxx"));
        assert!(p.message.chars().count() <= MAX_MESSAGE_CHARS + 1);
    }
}
