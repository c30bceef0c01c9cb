//! Checks that run on the raw bytes before the YAML parser sees them: the
//! parser has no defence against deep nesting (its time grows quadratically
//! with `[[[[` depth) and reports encoding errors without a position.

use super::problem::Pos;

/// Far above any real report (the schema needs 4 levels), far below where
/// the parser slows down.
pub const MAX_DEPTH: usize = 64;

/// Entries in one document: every mapping key and every list item, however
/// written (`- {id: a, name: b}` is 3, as its block form is). serde_yaml holds all of a document's
/// events in memory before anything can look at them (about 600 MB for a
/// million speakers, errors or not); a report has a few hundred entries.
pub const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, PartialEq, Eq)]
pub struct Rejection {
    pub pos: Option<Pos>,
    pub message: String,
}

/// Decodes the file as UTF-8 (a UTF-8 byte-order mark is dropped), refusing
/// it at its first problem: UTF-16, invalid UTF-8, a NUL, a character YAML
/// forbids.
pub fn decode(bytes: &[u8]) -> Result<&str, Rejection> {
    Checker::default().check(bytes, true)
}

/// The text of a file [`Checker`] has passed whole (checked again only for
/// its UTF-8, which is cheap; a file that fails gets [`decode`]'s message).
pub fn checked_text(bytes: &[u8]) -> Result<&str, Rejection> {
    std::str::from_utf8(body_of(bytes)).or_else(|_| decode(bytes))
}

fn body_of(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The checks of [`decode`] on a file as it is read, piece by piece: a file
/// is refused at its first problem, with nothing after it read (a NUL at the
/// start of a 2 GB file costs one piece, not 2 GB).
#[derive(Debug, Default)]
pub struct Checker {
    /// Bytes of the body (after a byte-order mark) found clean so far.
    clean: usize,
}

impl Checker {
    /// Checks what `bytes` (everything read so far) adds to the last call;
    /// `whole`: nothing follows. Returns the text checked by this call.
    pub fn check<'a>(&mut self, bytes: &'a [u8], whole: bool) -> Result<&'a str, Rejection> {
        if self.clean == 0 && !whole && bytes.len() < 3 {
            // Too short to tell a byte-order mark yet.
            return Ok("");
        }
        if self.clean == 0 && (bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])) {
            return Err(Rejection {
                pos: None,
                message: "file is UTF-16 (it starts with a UTF-16 byte-order mark); podium reads UTF-8 only: \
                          convert it with `iconv -f UTF-16 -t UTF-8`"
                    .into(),
            });
        }
        let body = body_of(bytes);
        let start = self.clean;
        let (text, invalid) = match std::str::from_utf8(&body[start..]) {
            Ok(text) => (text, None),
            Err(e) => {
                let valid = start + e.valid_up_to();
                // Valid up to there, so this cannot fail.
                let text = std::str::from_utf8(&body[start..valid]).unwrap_or_default();
                // A character cut at the end of a piece is completed by the next one.
                (text, (whole || e.error_len().is_some()).then_some(valid))
            }
        };
        if let Some(at) = find_forbidden(text) {
            // What comes before was checked, so it is text.
            let before = std::str::from_utf8(&body[..start + at]).unwrap_or_default();
            let pos = Some(Pos::of_offset(before, before.len()));
            if text.as_bytes()[at] == 0 {
                return Err(Rejection {
                    pos,
                    message: "NUL byte in file: this looks like a binary file, not YAML".into(),
                });
            }
            return Err(control_character(text, at, pos, whole && invalid.is_none()));
        }
        if let Some(valid) = invalid {
            let before = std::str::from_utf8(&body[..valid]).unwrap_or_default();
            return Err(Rejection {
                pos: Some(Pos::of_offset(before, valid)),
                message: format!("invalid UTF-8 at byte {valid} (0x{:02X}); podium reads UTF-8 only", body[valid]),
            });
        }
        self.clean = start + text.len();
        Ok(text)
    }
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

/// The character at `at` in `text`; `to_end`: `text` runs to the file's end,
/// so the others after it are all counted.
fn control_character(text: &str, at: usize, pos: Option<Pos>, to_end: bool) -> Rejection {
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
    let at_least = if to_end { "" } else { "at least " };
    let more = match others {
        0 => String::new(),
        1 => format!(" (and {at_least}1 more in this file)"),
        n => format!(" (and {at_least}{n} more in this file)"),
    };
    Rejection {
        pos,
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

/// A `[` or `{` not yet closed.
struct Flow {
    map: bool,
    /// Its current entry is counted (its first character is seen).
    counted: bool,
}

#[derive(Default)]
struct Scanner {
    indents: Vec<usize>,
    flows: Vec<Flow>,
    /// A block `?` was seen: the `:` of its value is not a key of its own.
    explicit_key: bool,
    /// Inside a quoted scalar that spans lines: its quote character.
    quote: Option<u8>,
    /// Inside a `|` / `>` block scalar: the indentation of its parent line.
    block_scalar: Option<usize>,
    /// Anchors (`&name`) defined so far in the current document.
    anchors: std::collections::HashSet<Vec<u8>>,
    /// The first alias (`*name`) to an anchor not defined before it.
    unknown_alias: Option<(usize, String)>,
    /// Keys and list items of the current document (see [`MAX_ENTRIES`]).
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
        if self.quote.is_none() && self.flows.is_empty() {
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
            let followed_by_space = matches!(next, b' ' | b'\t' | b'\n' | b'\r');
            let comment = b == b'#' && (i == 0 || matches!(line[i - 1], b' ' | b'\t'));
            if !comment && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',' | b']' | b'}') {
                // The first character of an entry of a flow collection counts it,
                // as `- ` and `key: ` count one in block style.
                if let Some(flow) = self.flows.last_mut().filter(|f| !f.counted) {
                    flow.counted = true;
                    self.entries += 1;
                }
            }
            match b {
                _ if comment => break,
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
                b'[' | b'{' if node_start || !self.flows.is_empty() => {
                    self.flows.push(Flow { map: b == b'{', counted: false });
                    node_start = true;
                }
                b']' | b'}' if !self.flows.is_empty() => {
                    self.flows.pop();
                    node_start = false;
                }
                b',' if !self.flows.is_empty() => {
                    node_start = true;
                    if let Some(flow) = self.flows.last_mut() {
                        flow.counted = false;
                    }
                }
                b'-' | b'?' if node_start && self.flows.is_empty() && followed_by_space => {
                    depth_on_line += 1;
                    self.entries += 1;
                    self.explicit_key = b == b'?';
                }
                // In a flow mapping the entry is its key, counted already; in a flow
                // list `a: b` is an entry holding a one-key mapping: one more, as `- a: b`.
                b':' if !self.flows.is_empty()
                    && (followed_by_space
                        || matches!(next, b',' | b'[' | b']' | b'{' | b'}')
                        || (i > 0 && matches!(line[i - 1], b'"' | b'\'' | b']' | b'}'))) =>
                {
                    node_start = true;
                    self.entries += usize::from(self.flows.last().is_some_and(|f| !f.map));
                }
                b':' if self.flows.is_empty() && followed_by_space => {
                    node_start = true;
                    // `: value` at a line's start after `? key` is that key's value.
                    let value_of_explicit_key = i == indent && self.explicit_key;
                    self.entries += usize::from(!value_of_explicit_key);
                    self.explicit_key = false;
                }
                b'|' | b'>' if node_start && self.flows.is_empty() => {
                    self.block_scalar = Some(indent);
                    break;
                }
                b' ' | b'\r' | b'\n' => {}
                _ => node_start = false,
            }
            if self.indents.len() + depth_on_line + self.flows.len() > max {
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

    /// Entries of a one-document `text`, as the scanner counts them.
    fn entries(text: &str) -> usize {
        let mut scan = Scanner::default();
        for line in text.split_inclusive('\n') {
            assert_eq!(scan.line(line.as_bytes(), MAX_DEPTH), None, "{text:?}");
        }
        scan.entries
    }

    /// Entries of `text` as a YAML parser reads it: keys and list items.
    fn entries_parsed(text: &str) -> usize {
        use yaml_rust2::parser::{Event, Parser};
        let mut parser = Parser::new_from_str(text);
        // Each open collection: whether it is a mapping, and whether its next node is a key.
        let mut open: Vec<(bool, bool)> = Vec::new();
        let mut n = 0;
        loop {
            let (event, _) = parser.next_token().unwrap_or_else(|e| panic!("{e} in {text:?}"));
            if matches!(event, Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..) | Event::Alias(_))
                && let Some((map, key)) = open.last_mut()
            {
                n += usize::from(!*map || *key);
                *key = *map && !*key;
            }
            match event {
                Event::SequenceStart(..) => open.push((false, false)),
                Event::MappingStart(..) => open.push((true, true)),
                Event::SequenceEnd | Event::MappingEnd => {
                    open.pop();
                }
                Event::StreamEnd => return n,
                _ => {}
            }
        }
    }

    #[test]
    fn entries_count_the_same_in_block_and_flow_style() {
        // (entries, the same document written several ways)
        let table: &[(usize, &[&str])] = &[
            (
                7,
                &[
                    "speakers:\n  - id: s1\n    name: S 1\n  - id: s2\n    name: S 2\n",
                    "speakers:\n  - {id: s1, name: \"S 1\"}\n  - {id: s2, name: \"S 2\"}\n",
                    "{speakers: [{id: s1, name: \"S 1\"}, {id: s2, name: \"S 2\"}]}\n",
                    "speakers:\n  - {id: s1, name: \"S 1\"}\n  - id: s2\n    name: 'S 2'\n",
                    "speakers: [\n  {id: s1,\n   name: \"S 1\"},\n  {\"id\":s2, name: S 2},\n ]\n",
                ],
            ),
            (
                4,
                &[
                    "tags:\n  - a\n  - b\n  - c\n",
                    "tags: [a, b, c]\n",
                    "{tags: [a, b, c,]}\n",
                    "tags: [a, # c\n  b, c]\n",
                ],
            ),
            (3, &["- a: b\n- c\n", "[a: b, c]\n", "- {a: b}\n- c\n", "[\"a\":b, c]\n", "[{a: b}, 'c']\n"]),
            (2, &["? a\n: b\n? c\n", "{? a : b, c}\n", "{a: b, ? c}\n", "a: b\nc:\n"]),
            (2, &["- ? a\n  : b\n", "[? a : b]\n", "[a: b]\n"]),
            (4, &["- - a\n  - b\n- []\n", "[[a, b], []]\n", "- [a,\n   b]\n- []\n"]),
            (2, &["- url: http://x/y\n", "[url: http://x/y]\n", "- {url: http://x/y}\n"]),
            (
                3,
                &[
                    "k:\n  \"a\": 1\n  b: 'x, y: z'\n",
                    "{k: {\"a\":1, b: 'x, y: z'}}\n",
                    "k: {\"a\" : 1, b: \"x, y: z\"} # c: d, e\n",
                ],
            ),
        ];
        for (want, texts) in table {
            for text in *texts {
                assert_eq!((entries(text), entries_parsed(text)), (*want, *want), "{text:?}");
            }
        }
    }

    /// Issue 13: 25,010 speakers written `- {id: sN, name: "S N"}` were refused
    /// when their block form was not (4 entries each against 3).
    #[test]
    fn a_flow_speaker_counts_as_its_block_form() {
        let doc = |n: usize, item: &dyn Fn(usize) -> String| {
            format!("title: t\nspeakers:\n{}", (0..n).map(item).collect::<String>())
        };
        let flow = |i: usize| format!("  - {{id: s{i}, name: \"S {i}\"}}\n");
        let block = |i: usize| format!("  - id: s{i}\n    name: \"S {i}\"\n");
        for item in [&flow as &dyn Fn(usize) -> String, &block] {
            assert_eq!(check_nesting(&doc(25_010, item), MAX_DEPTH), Ok(()));
            let e = check_nesting(&doc(MAX_ENTRIES / 3, item), MAX_DEPTH).unwrap_err();
            assert!(e.message.starts_with("more than 100000 keys"), "{}", e.message);
        }
    }

    #[derive(Debug, Clone)]
    enum Node {
        Word(String),
        /// The bool: written in flow style in the mixed form.
        List(Vec<Node>, bool),
        Map(Vec<(String, Node)>, bool),
    }

    fn node() -> impl proptest::strategy::Strategy<Value = Node> {
        use proptest::prelude::*;
        "[a-z]{1,4}".prop_map(Node::Word).prop_recursive(4, 48, 4, |inner| {
            prop_oneof![
                (prop::collection::vec(inner.clone(), 0..4), any::<bool>()).prop_map(|(v, f)| Node::List(v, f)),
                (prop::collection::vec(("[a-z]{1,4}", inner), 0..4), any::<bool>()).prop_map(|(v, f)| Node::Map(v, f)),
            ]
        })
    }

    fn count(n: &Node) -> usize {
        match n {
            Node::Word(_) => 0,
            Node::List(v, _) => v.len() + v.iter().map(count).sum::<usize>(),
            Node::Map(v, _) => v.len() + v.iter().map(|(_, n)| count(n)).sum::<usize>(),
        }
    }

    fn flow(n: &Node) -> String {
        match n {
            Node::Word(w) => w.clone(),
            Node::List(v, _) => format!("[{}]", v.iter().map(flow).collect::<Vec<_>>().join(", ")),
            Node::Map(v, _) => {
                format!("{{{}}}", v.iter().map(|(k, n)| format!("{k}: {}", flow(n))).collect::<Vec<_>>().join(", "))
            }
        }
    }

    /// `n` as the value after `key:` or `-`, its entries at `indent`; `mixed`:
    /// collections marked for it are written in flow style.
    fn block(n: &Node, indent: usize, mixed: bool) -> String {
        let pad = " ".repeat(indent);
        match n {
            Node::List(v, f) if !(v.is_empty() || (mixed && *f)) => {
                v.iter().map(|c| format!("\n{pad}-{}", block(c, indent + 2, mixed))).collect()
            }
            Node::Map(v, f) if !(v.is_empty() || (mixed && *f)) => {
                v.iter().map(|(k, c)| format!("\n{pad}{k}:{}", block(c, indent + 2, mixed))).collect()
            }
            _ => format!(" {}", flow(n)),
        }
    }

    proptest::proptest! {
        #[test]
        fn entries_count_what_a_parser_reads_in_any_style(root in node()) {
            let want = count(&root);
            for text in [
                format!("{}\n", block(&root, 0, false).trim_start()),
                format!("{}\n", block(&root, 0, true).trim_start()),
                format!("{}\n", flow(&root)),
            ] {
                proptest::prop_assert_eq!((entries(&text), entries_parsed(&text)), (want, want), "{:?}", text);
            }
        }
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
    fn pieces_are_checked_as_they_are_read_even_across_a_character() {
        let text = format!("t: {}\nu: \x1bx\x1b\n", "é".repeat(4));
        let bytes = text.as_bytes();
        let mut checker = Checker::default();
        // The first `é` is bytes 3 and 4: a piece may end inside it.
        assert_eq!(checker.check(&bytes[..4], false), Ok("t: "));
        assert_eq!(checker.check(&bytes[..9], false), Ok("ééé"));
        let e = checker.check(&bytes[..18], false).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(2, 4)));
        assert!(e.message.ends_with("(and at least 1 more in this file)"), "{}", e.message);
        // Read whole, the count is exact.
        assert!(decode(bytes).unwrap_err().message.ends_with("(and 1 more in this file)"));
        let mut checker = Checker::default();
        assert_eq!(checker.check(&bytes[..4], false), Ok("t: "));
        let e = checker.check(&bytes[..4], true).unwrap_err();
        assert_eq!(
            (e.pos, e.message.as_str()),
            (Some(Pos::new(1, 4)), "invalid UTF-8 at byte 3 (0xC3); podium reads UTF-8 only")
        );
    }

    #[test]
    fn the_first_problem_in_the_file_is_the_one_reported() {
        // A NUL after a control character, invalid UTF-8 after a NUL: the first is reported.
        assert!(decode(b"a: \x1b\n\0").unwrap_err().message.starts_with("control character U+001B"));
        assert_eq!(decode(b"a: \0\xFF").unwrap_err().pos, Some(Pos::new(1, 4)));
        assert_eq!(
            decode(b"a: \xFF\0").unwrap_err().message,
            "invalid UTF-8 at byte 3 (0xFF); podium reads UTF-8 only"
        );
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
