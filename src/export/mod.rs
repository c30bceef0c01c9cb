//! Reports, quotes and search hits as documents: Markdown to paste elsewhere,
//! JSON for scripts, plain text for reading. Pure functions from the model to
//! strings; no I/O, no terminal. What the reader's copy keys and the command
//! line's `--format` print comes from here, so both agree.
//!
//! Text reaching these functions has been sanitised by the loader; as a second
//! line of defence no format lets a control character through (Markdown and
//! text replace them, JSON escapes them).

pub mod json;
pub mod markdown;
#[cfg(test)]
mod sample;
pub mod text;

/// Replaces every control character but the line feed with U+FFFD: sanitised
/// text has none, so this changes nothing unless a caller skipped the loader.
fn without_controls(text: String) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return text;
    }
    text.chars().map(|c| if c.is_control() && c != '\n' { '\u{FFFD}' } else { c }).collect()
}
