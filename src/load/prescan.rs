//! Checks that run on the raw bytes before the YAML parser sees them: the
//! parser has no defence against deep nesting (its time grows quadratically
//! with `[[[[` depth) and reports encoding errors without a position.

use super::problem::Pos;

/// Far above any real report (the schema needs 4 levels), far below where
/// the parser slows down.
pub const MAX_DEPTH: usize = 64;

/// Keys and list items in one document. serde_yaml holds all of a document's
/// events in memory before anything can look at them (about 600 MB for a
/// million speakers, errors or not); a report has a few hundred entries.
pub const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, PartialEq, Eq)]
pub struct Rejection {
    pub pos: Option<Pos>,
    pub message: String,
}

/// Decodes the file as UTF-8 (a UTF-8 byte-order mark is dropped).
pub fn decode(bytes: &[u8]) -> Result<&str, Rejection> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Rejection {
            pos: None,
            message: "file is UTF-16 (it starts with a UTF-16 byte-order mark); podium reads UTF-8 only: \
                      convert it with `iconv -f UTF-16 -t UTF-8`"
                .into(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.valid_up_to();
            // Valid up to here, so this slice cannot fail.
            let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            return Err(Rejection {
                pos: Some(Pos::of_offset(before, valid)),
                message: format!("invalid UTF-8 at byte {valid} (0x{:02X}); podium reads UTF-8 only", bytes[valid]),
            });
        }
    };
    if let Some(nul) = text.find('\0') {
        return Err(Rejection {
            pos: Some(Pos::of_offset(text, nul)),
            message: "NUL byte in file: this looks like a binary file, not YAML".into(),
        });
    }
    if let Some(at) = find_forbidden(text) {
        return Err(control_character(text, at));
    }
    Ok(text)
}

/// Characters YAML does not allow anywhere in a file, even inside quotes (YAML
/// 1.2, "c-printable"). The parser refuses them too, but only with a byte
/// offset and no hint of how to write them.
/// The byte offset of the first character [`forbidden`] matches, by bytes: every
/// file goes through here, and a test per character costs a sixth of a parse.
fn find_forbidden(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x09 | 0x0A | 0x0D => {}
            0x00..=0x1F | 0x7F => return Some(i),
            // U+0080–U+009F (but U+0085, NEL, which YAML allows) are C2 80–9F.
            0xC2 if matches!(b.get(i + 1), Some(&n) if (0x80..=0x9F).contains(&n) && n != 0x85) => return Some(i),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{84}' | '\u{86}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn control_character(text: &str, at: usize) -> Rejection {
    let c = text[at..].chars().next().unwrap_or_default();
    let escape = match c {
        '\u{1B}' => "\\e".to_string(),
        '\u{7}' => "\\a".to_string(),
        '\u{8}' => "\\b".to_string(),
        '\u{B}' => "\\v".to_string(),
        '\u{C}' => "\\f".to_string(),
        _ if (c as u32) < 0x100 => format!("\\x{:02X}", c as u32),
        _ => format!("\\u{:04X}", c as u32),
    };
    let what = if matches!(c, '\u{FFFE}' | '\u{FFFF}') { "noncharacter" } else { "control character" };
    let others = text[at + c.len_utf8()..].chars().filter(|&c| forbidden(c)).count();
    let more = match others {
        0 => String::new(),
        1 => " (and 1 more in this file)".into(),
        n => format!(" (and {n} more in this file)"),
    };
    Rejection {
        pos: Some(Pos::of_offset(text, at)),
        message: format!(
            "{what} U+{:04X} in the file: YAML does not allow it (write {escape} inside a double-quoted string){more}",
            c as u32
        ),
    }
}

/// Rejects nesting deeper than `max`, measured the way a YAML parser would
/// nest: block indentation levels, compact `- ` / `? ` indicators and flow
/// brackets outside quoted scalars. It over-estimates rather than under-.
pub fn check_nesting(text: &str, max: usize) -> Result<(), Rejection> {
    let mut scan = Scanner::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(at) = scan.line(line.as_bytes(), max) {
            return Err(Rejection {
                pos: Some(Pos::of_offset(text, offset + at)),
                message: format!("nesting deeper than {max} levels; a report needs no more than a few"),
            });
        }
        if scan.entries > MAX_ENTRIES {
            return Err(Rejection {
                pos: Some(Pos::of_offset(text, offset)),
                message: format!(
                    "more than {MAX_ENTRIES} keys and list items in one document; a report needs far fewer \
                     (split it into several documents or files)"
                ),
            });
        }
        if let Some((at, name)) = scan.unknown_alias.take() {
            // serde_yaml 0.9 panics on an alias to no anchor: it is refused here.
            return Err(Rejection {
                pos: Some(Pos::of_offset(text, offset + at)),
                message: format!("alias `*{name}` refers to no anchor `&{name}` defined before it in this document"),
            });
        }
        offset += line.len();
    }
    Ok(())
}

/// serde_yaml 0.9 panics on an alias to an anchor that does not exist. The
/// line scanner catches the plain cases; this exact check (a full event
/// parse by yaml-rust2) runs only on files that contain a `*` at all.
pub fn check_aliases(text: &str) -> Result<(), Rejection> {
    if !text.contains('*') {
        return Ok(());
    }
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    loop {
        match parser.next_token() {
            Ok((yaml_rust2::parser::Event::StreamEnd, _)) => return Ok(()),
            Ok(_) => {}
            Err(e) if e.info().contains("unknown anchor") => {
                let m = e.marker();
                return Err(Rejection {
                    pos: Some(Pos::new(m.line(), m.col() + 1)),
                    message: "alias to an anchor that is not defined before it in this document".into(),
                });
            }
            // Other syntax errors are serde_yaml's to report, with its wording.
            Err(_) => return Ok(()),
        }
    }
}

#[derive(Default)]
struct Scanner {
    indents: Vec<usize>,
    flow: usize,
    /// Inside a quoted scalar that spans lines: its quote character.
    quote: Option<u8>,
    /// Inside a `|` / `>` block scalar: the indentation of its parent line.
    block_scalar: Option<usize>,
    /// Anchors (`&name`) defined so far in the current document.
    anchors: std::collections::HashSet<Vec<u8>>,
    /// The first alias (`*name`) to an anchor not defined before it.
    unknown_alias: Option<(usize, String)>,
    /// Keys and list items of the current document, over-estimated.
    entries: usize,
}

impl Scanner {
    /// Scans one line; returns the byte offset in it where the limit is crossed.
    fn line(&mut self, line: &[u8], max: usize) -> Option<usize> {
        if self.quote.is_none() && (line.starts_with(b"---") || line.starts_with(b"...")) {
            // Anchors and entries do not cross documents.
            self.anchors.clear();
            self.entries = 0;
        }
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let content = &line[indent..];
        let blank = content.iter().all(|b| b.is_ascii_whitespace());
        if let Some(parent) = self.block_scalar {
            if blank || indent > parent {
                return None;
            }
            self.block_scalar = None;
        }
        let mut i = indent;
        if self.quote.is_none() && self.flow == 0 {
            if blank || content.first() == Some(&b'#') {
                return None;
            }
            while self.indents.last().is_some_and(|&top| top > indent) {
                self.indents.pop();
            }
            if self.indents.last().is_none_or(|&top| top < indent) {
                self.indents.push(indent);
            }
        }
        let mut depth_on_line = 0;
        let mut node_start = true;
        while i < line.len() {
            let b = line[i];
            if let Some(q) = self.quote {
                match b {
                    b'\\' if q == b'"' => i += 1,
                    b'\'' if q == b'\'' && line.get(i + 1) == Some(&b'\'') => i += 1,
                    _ if b == q => {
                        self.quote = None;
                        node_start = false;
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            let next = line.get(i + 1).copied().unwrap_or(b'\n');
            let followed_by_space = next == b' ' || next == b'\n' || next == b'\r';
            match b {
                b'#' if i == 0 || line[i - 1] == b' ' => break,
                b'"' | b'\'' if node_start => self.quote = Some(b),
                b'&' | b'*' if node_start => {
                    let name: Vec<u8> = line[i + 1..]
                        .iter()
                        .take_while(|c| !c.is_ascii_whitespace() && !matches!(c, b',' | b'[' | b']' | b'{' | b'}'))
                        .copied()
                        .collect();
                    if b == b'&' {
                        self.anchors.insert(name.clone());
                    } else if !self.anchors.contains(&name) && self.unknown_alias.is_none() {
                        self.unknown_alias = Some((i, String::from_utf8_lossy(&name).into_owned()));
                        return None;
                    }
                    i += name.len();
                    // After an anchor the node itself follows; after an alias, nothing.
                    node_start = b == b'&';
                }
                b'[' | b'{' if node_start || self.flow > 0 => {
                    self.flow += 1;
                    node_start = true;
                }
                b']' | b'}' if self.flow > 0 => {
                    self.flow -= 1;
                    node_start = false;
                }
                b',' if self.flow > 0 => {
                    node_start = true;
                    self.entries += 1;
                }
                b'-' | b'?' if node_start && self.flow == 0 && followed_by_space => {
                    depth_on_line += 1;
                    self.entries += 1;
                }
                b':' if followed_by_space || self.flow > 0 => {
                    node_start = true;
                    self.entries += 1;
                }
                b'|' | b'>' if node_start && self.flow == 0 => {
                    self.block_scalar = Some(indent);
                    break;
                }
                b' ' | b'\r' | b'\n' => {}
                _ => node_start = false,
            }
            if self.indents.len() + depth_on_line + self.flow > max {
                return Some(i);
            }
            i += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_finds_what_the_character_test_finds() {
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            let text = format!("ab{c}d");
            assert_eq!(find_forbidden(&text), text.find(forbidden), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn ordinary_reports_pass() {
        let text = "title: A [draft] report\nspeakers:\n  - name: X\n    points:\n      - \"a [ b\"\n      - it's {fine\nquotes: [{speaker: x, text: 'it''s [ok'}]\nsummary: |\n        [[[[[[[[\n          indented\nend: 10:00\n";
        assert_eq!(check_nesting(text, 8), Ok(()));
    }

    #[test]
    fn deep_flow_nesting_is_rejected_with_position() {
        let text = format!("title: x\nquotes: {}", "[".repeat(100_000));
        let err = check_nesting(&text, MAX_DEPTH).unwrap_err();
        assert_eq!(err.pos.unwrap().line, 2);
        assert!(err.message.contains("nesting deeper than 64"));
    }

    #[test]
    fn documents_of_too_many_entries_are_rejected_before_the_parser_holds_them() {
        let many = |item: &str, n: usize| format!("title: t\nspeakers:\n{}", item.repeat(n));
        let e = check_nesting(&many("  - name: a\n", MAX_ENTRIES), MAX_DEPTH).unwrap_err();
        assert_eq!(e.pos.map(|p| p.line), Some(MAX_ENTRIES / 2 + 2), "stops where the limit is crossed");
        assert!(e.message.starts_with("more than 100000 keys and list items in one document"), "{}", e.message);
        let flow = format!("tags: [{}a]\n", "a, ".repeat(MAX_ENTRIES + 1));
        assert!(check_nesting(&flow, MAX_DEPTH).is_err());
        assert_eq!(check_nesting(&many("  - name: a\n", MAX_ENTRIES / 2 - 10), MAX_DEPTH), Ok(()));
        // The count starts again in each document.
        let docs = "---\ntitle: t\ndate: d\n".repeat(MAX_ENTRIES);
        assert_eq!(check_nesting(&docs, MAX_DEPTH), Ok(()));
        let block = format!("summary: |\n{}", "  a: b, c: d\n".repeat(MAX_ENTRIES));
        assert_eq!(check_nesting(&block, MAX_DEPTH), Ok(()), "text in a block scalar is not counted");
    }

    #[test]
    fn deep_compact_block_nesting_is_rejected() {
        let text = format!("{}x\n", "- ".repeat(1000));
        assert!(check_nesting(&text, MAX_DEPTH).is_err());
    }

    #[test]
    fn deep_indentation_is_rejected() {
        let text: String = (0..200).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        assert!(check_nesting(&text, MAX_DEPTH).is_err());
    }

    #[test]
    fn aliases_to_no_anchor_are_refused_before_serde_yaml_panics_on_them() {
        for (text, at) in [
            ("- *1", Pos::new(1, 3)),
            ("a: *x", Pos::new(1, 4)),
            ("[*1]", Pos::new(1, 2)),
            ("- &a x\n---\n- *a", Pos::new(3, 3)),
        ] {
            let e = check_nesting(text, MAX_DEPTH).unwrap_err();
            assert_eq!(e.pos, Some(at), "{text:?}");
            assert!(e.message.starts_with("alias `*"), "{}", e.message);
        }
        for ok in ["a: &x 1\nb: *x", "- &a [1]\n- *a", "t: \"*not an alias\"", "t: a *b c", "t: |\n  *x\n"] {
            assert_eq!(check_nesting(ok, MAX_DEPTH), Ok(()), "{ok:?}");
        }
    }

    #[test]
    fn aliases_hidden_from_the_line_scanner_are_found_by_the_parser() {
        // "&a" here is text inside a plain scalar that spans lines, not an anchor.
        let text = "date: 2015-ol, lol]\n &a [lol]\nspeakers: [{points: *a}]\n";
        assert_eq!(check_nesting(text, MAX_DEPTH), Ok(()), "the line scanner is fooled");
        let e = check_aliases(text).unwrap_err();
        assert!(e.message.starts_with("alias to an anchor"), "{}", e.message);
        assert_eq!(check_aliases("a: &x 1\nb: *x\n"), Ok(()));
    }

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFtitle: x").unwrap(), "title: x");
        let e = decode(b"title: x\nab\xC3(").unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(2, 3)));
        assert!(e.message.contains("byte 11"));
        assert!(decode(b"\xFF\xFEt\0i\0").unwrap_err().message.contains("UTF-16"));
        assert_eq!(decode(b"a: b\n\0").unwrap_err().pos, Some(Pos::new(2, 1)));
    }

    #[test]
    fn characters_yaml_forbids_are_reported_where_they_are() {
        let table = [
            (
                "t: |\n  a\u{1b}[2J\n",
                Pos::new(2, 4),
                "control character U+001B in the file: YAML does not allow it (write \\e inside a double-quoted string)",
            ),
            (
                "t: é\u{9b}x\u{7f}\n",
                Pos::new(1, 5),
                "control character U+009B in the file: YAML does not allow it (write \\x9B inside a double-quoted string) (and 1 more in this file)",
            ),
            (
                "a: 1\nt: 'x\u{ffff}'\n",
                Pos::new(2, 6),
                "noncharacter U+FFFF in the file: YAML does not allow it (write \\uFFFF inside a double-quoted string)",
            ),
        ];
        for (text, pos, message) in table {
            let e = decode(text.as_bytes()).unwrap_err();
            assert_eq!((e.pos, e.message.as_str()), (Some(pos), message), "{text:?}");
        }
        for ok in ["t: a\tb\r\n", "t: \u{85}\u{a0}\u{feff}\u{10ffff}\n", "t: \"\\e[2J\"\n"] {
            assert_eq!(decode(ok.as_bytes()).map(|_| ()), Ok(()), "{ok:?}");
        }
    }
}
