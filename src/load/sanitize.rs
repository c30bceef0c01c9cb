//! Text from report files is untrusted: nothing in it may reach a terminal as a
//! control sequence, reorder what is displayed, or hide itself.

use std::borrow::Cow;

/// Spaces a tab becomes: a tab cannot be rendered safely in a cell grid.
pub const TAB_WIDTH: usize = 4;
/// Stands in for characters that have no picture of their own.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Replaces every character that could drive the terminal or hide text with a
/// visible placeholder; newlines are kept, `\r\n` becomes `\n`, tabs become spaces.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| is_plain(c) && c != '\u{200C}' && c != '\u{200D}') {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\t' => out.extend(std::iter::repeat_n(' ', TAB_WIDTH)),
            '\r' if chars.get(i + 1) == Some(&'\n') => {}
            '\r' => out.push('\n'),
            '\u{200C}' | '\u{200D}' => {
                let joins = i > 0 && is_joinable(chars[i - 1]) && chars.get(i + 1).is_some_and(|&n| is_joinable(n));
                out.push(if joins { c } else { REPLACEMENT });
            }
            c if is_plain(c) => out.push(c),
            c => out.push(placeholder(c)),
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], then folds every line break into a space: for one-line fields
/// and messages.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

/// A path as podium prints it: file names are untrusted too.
pub fn path(p: &std::path::Path) -> String {
    sanitize_line(&p.to_string_lossy())
}

/// JSON whose strings may hold any character of a file, with every control and
/// invisible formatting character written as a `\uXXXX` escape: the same data for
/// a JSON reader, nothing live for a terminal (serde_json escapes only C0).
pub fn json(text: String) -> String {
    if text.chars().all(|c| c == '\n' || !(c.is_control() || is_invisible_format(c))) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c != '\n' && (c.is_control() || is_invisible_format(c)) {
            // Every such character is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_plain(c: char) -> bool {
    c == '\n' || !(c.is_control() || is_invisible_format(c))
}

/// Bidi overrides and isolates, zero-width and other invisible formatting
/// characters, and the Unicode line/paragraph separators.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// ZWJ and ZWNJ are kept between two non-ASCII letters or symbols: Persian and
/// Indic scripts and emoji sequences need them, and there they hide nothing.
fn is_joinable(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && !c.is_control() && !is_invisible_format(c)
}

fn placeholder(c: char) -> char {
    match c as u32 {
        // U+2400.. are the "control pictures": ␀ ␁ … ␛ … ␟
        n @ 0x00..=0x1F => char::from_u32(0x2400 + n).unwrap_or(REPLACEMENT),
        0x7F => '\u{2421}',
        _ => REPLACEMENT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        let table: &[(&str, &str)] = &[
            ("plain text", "plain text"),
            ("Arsène, 北京, 👍", "Arsène, 北京, 👍"),
            ("a\tb", "a    b"),
            ("line\r\nnext", "line\nnext"),
            ("\x1b]52;c;SGk=\x07", "␛]52;c;SGk=␇"),
            ("\x1b[2J", "␛[2J"),
            ("c1 \u{9b}31m", "c1 \u{FFFD}31m"),
            ("del\x7f", "del␡"),
            ("nul\0", "nul␀"),
            ("evil\u{202E}txt.exe", "evil\u{FFFD}txt.exe"),
            ("zero\u{200B}width", "zero\u{FFFD}width"),
            ("iso\u{2066}late\u{2069}", "iso\u{FFFD}late\u{FFFD}"),
            ("bom\u{FEFF}", "bom\u{FFFD}"),
            ("sep\u{2028}x\u{2029}", "sep\u{FFFD}x\u{FFFD}"),
            ("arabic\u{061C}mark", "arabic\u{FFFD}mark"),
            // ZWJ inside an emoji sequence and ZWNJ inside a Persian word stay.
            ("👨\u{200D}👩\u{200D}👧", "👨\u{200D}👩\u{200D}👧"),
            ("می\u{200C}خواهم", "می\u{200C}خواهم"),
            // ... but not between ASCII letters, where they only hide things.
            ("Ca\u{200D}rr", "Ca\u{FFFD}rr"),
            ("\u{200C}", "\u{FFFD}"),
        ];
        for (input, want) in table {
            assert_eq!(sanitize(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn output_has_no_control_or_invisible_characters() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let out = sanitize(&all);
        assert!(
            out.chars().all(|c| c == '\n'
                || (!c.is_control() && !is_invisible_format(c))
                || c == '\u{200C}'
                || c == '\u{200D}')
        );
        assert!(!out.contains('\x1b') && !out.contains('\u{9b}') && !out.contains('\x07'));
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw() {
        let value = serde_json::json!({"id": "a\u{202E}b\u{9b}c\x7f\x1b", "n": "Arsène 👨\u{200D}👩"});
        let text = json(serde_json::to_string_pretty(&value).unwrap());
        assert!(text.contains(r"a\u202eb\u009bc\u007f\u001b"), "{text}");
        assert!(text.chars().all(|c| c == '\n' || !(c.is_control() || is_invisible_format(c))), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "the same data once parsed");
    }

    #[test]
    fn sanitize_line_folds_newlines() {
        assert_eq!(sanitize_line("a\nb\x1b"), "a b␛");
    }
}
