//! Every schema problem of one document. serde stops at the first error in a
//! document, so a file with five typos would need five rounds of fixing; when
//! deserialising a document fails on the schema (not on YAML syntax, not on
//! the text budget), this event-level pass walks it once and reports every
//! unknown key, wrongly typed value, bad date or time and missing required key,
//! each at its node. It never expands aliases, so its work is linear in the
//! document's size, and it stops after `max` problems.

use super::problem::Pos;
use super::raw::{Level, date_error, time_error, unknown_key_hint};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// What a value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Text,
    Date,
    Time,
    Bool,
    Texts,
    List(Level),
    Map(Level),
}

/// The shape of `key` in a mapping of `level`, and whether the key is required.
fn field(level: Level, key: &str) -> Option<(Shape, bool)> {
    if !level.keys().contains(&key) {
        return None;
    }
    Some(match (level, key) {
        (Level::Report, "title") => (Shape::Text, true),
        (Level::Report, "date") => (Shape::Date, true),
        (Level::Report, "start" | "end") => (Shape::Time, false),
        (Level::Report, "tags") | (Level::Speaker, "points") => (Shape::Texts, false),
        (Level::Report, "speakers") => (Shape::List(Level::Speaker), false),
        (Level::Report, "quotes") => (Shape::List(Level::Quote), false),
        (Level::Speaker, "name") | (Level::Quote, "speaker" | "text") => (Shape::Text, true),
        (Level::Speaker, "moderator") => (Shape::Bool, false),
        _ => (Shape::Text, false),
    })
}

/// serde's words for what each shape expects, so both passes read alike.
fn expected(shape: Shape) -> &'static str {
    match shape {
        Shape::Text | Shape::Date | Shape::Time => "text",
        Shape::Bool => "a boolean",
        Shape::Texts | Shape::List(_) => "a sequence",
        Shape::Map(Level::Report) => "a report: a mapping with at least `title` and `date`",
        Shape::Map(Level::Speaker) => "a speaker: a mapping with at least `name`",
        Shape::Map(Level::Quote) => "a quote: a mapping with `speaker` and `text`",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    Int,
    Float,
    Str,
    Seq,
    Map,
}

/// How serde_yaml reads a scalar (YAML 1.2 core schema).
fn scalar_kind(value: &str, style: TScalarStyle) -> Kind {
    if style != TScalarStyle::Plain {
        return Kind::Str;
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => Kind::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => Kind::Bool,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "-.inf" | ".nan" | ".NaN" | ".NAN" => Kind::Float,
        _ if value.trim_start_matches(['+', '-']).parse::<u64>().is_ok() => Kind::Int,
        _ if value.bytes().any(|b| b.is_ascii_digit()) && value.parse::<f64>().is_ok() => Kind::Float,
        _ => Kind::Str,
    }
}

/// serde's words for a value of the wrong type.
fn found(kind: Kind, value: &str) -> String {
    const KEEP: usize = 40;
    let short: String = value.chars().take(KEEP).collect();
    let more = if value.chars().nth(KEEP).is_some() { "…" } else { "" };
    match kind {
        Kind::Null => "empty value".into(),
        Kind::Bool => format!("boolean `{value}`"),
        Kind::Int => format!("integer `{short}{more}`"),
        Kind::Float => format!("floating point `{short}{more}`"),
        Kind::Str => format!("string \"{short}{more}\""),
        Kind::Seq => "sequence".into(),
        Kind::Map => "map".into(),
    }
}

#[derive(Clone, Copy)]
enum Seg {
    Key(&'static str),
    Index(usize),
}

/// The problems found (position, message) and whether there were more than `max`.
pub struct Found {
    pub problems: Vec<(Pos, String)>,
    pub more: bool,
    /// The walk reached the end of the document (no syntax error on the way).
    pub complete: bool,
}

/// Checks document `doc` (0-based) of `text` against the schema.
pub fn check(text: &str, doc: usize, max: usize) -> Found {
    let mut w = Walker {
        parser: Parser::new_from_str(text),
        anchors: HashMap::new(),
        path: Vec::new(),
        found: Vec::new(),
        max,
        more: false,
        failed: false,
    };
    let mut docs_seen = 0;
    let complete = loop {
        match w.next() {
            None | Some((Event::StreamEnd, _)) => break false,
            Some((Event::DocumentStart, _)) => docs_seen += 1,
            Some((event, pos)) if docs_seen == doc + 1 && !matches!(event, Event::DocumentEnd) => {
                w.node(event, pos, Some((Shape::Map(Level::Report), true)));
                break !w.failed && !w.more;
            }
            Some(_) => {}
        }
    };
    // Missing keys are found at a mapping's end but reported at its start.
    w.found.sort_by_key(|(pos, _)| *pos);
    Found { problems: w.found, more: w.more, complete }
}

struct Walker<'a> {
    parser: Parser<std::str::Chars<'a>>,
    /// The kind of each anchored node, so an alias is checked like its anchor.
    anchors: HashMap<usize, Kind>,
    path: Vec<Seg>,
    found: Vec<(Pos, String)>,
    max: usize,
    more: bool,
    /// A syntax error: what was found so far stands, the rest is serde's to report.
    failed: bool,
}

impl Walker<'_> {
    fn next(&mut self) -> Option<(Event, Pos)> {
        if self.failed || self.more {
            return None;
        }
        match self.parser.next_token() {
            Ok((event, mark)) => Some((event, Pos::new(mark.line(), mark.col() + 1))),
            Err(_) => {
                self.failed = true;
                None
            }
        }
    }

    fn report(&mut self, pos: Pos, message: String) {
        if self.found.len() == self.max {
            self.more = true;
            return;
        }
        let mut prefix = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) if prefix.is_empty() => prefix.push_str(k),
                Seg::Key(k) => {
                    prefix.push('.');
                    prefix.push_str(k);
                }
                Seg::Index(i) => prefix.push_str(&format!("[{i}]")),
            }
        }
        if !prefix.is_empty() {
            prefix.push_str(": ");
        }
        self.found.push((pos, format!("{prefix}{message}")));
    }

    /// Checks the node that starts with `event` against `want` (`None`: any
    /// node, unchecked; the bool: the value is required, so null will not do).
    fn node(&mut self, event: Event, pos: Pos, want: Option<(Shape, bool)>) {
        let (kind, value) = match &event {
            Event::Scalar(v, style, anchor, _) => {
                let kind = scalar_kind(v, *style);
                self.anchor(*anchor, kind);
                (kind, v.as_str())
            }
            Event::SequenceStart(anchor, _) => {
                self.anchor(*anchor, Kind::Seq);
                (Kind::Seq, "")
            }
            Event::MappingStart(anchor, _) => {
                self.anchor(*anchor, Kind::Map);
                (Kind::Map, "")
            }
            Event::Alias(id) => (self.anchors.get(id).copied().unwrap_or(Kind::Str), ""),
            _ => return,
        };
        let alias = matches!(event, Event::Alias(_));
        let Some((shape, required)) = want else {
            return self.skip(kind, alias);
        };
        let fits = match shape {
            _ if kind == Kind::Null => !required,
            Shape::Text | Shape::Date | Shape::Time => !matches!(kind, Kind::Seq | Kind::Map),
            Shape::Bool => kind == Kind::Bool,
            Shape::Texts | Shape::List(_) => kind == Kind::Seq,
            Shape::Map(_) => kind == Kind::Map,
        };
        if !fits {
            self.report(pos, format!("invalid type: {}, expected {}", found(kind, value), expected(shape)));
            return self.skip(kind, alias);
        }
        if alias || kind == Kind::Null {
            return;
        }
        let bad_value = match shape {
            Shape::Date => date_error(value),
            Shape::Time => time_error(value),
            _ => None,
        };
        if let Some(message) = bad_value {
            self.report(pos, message);
        }
        match shape {
            Shape::Texts => self.sequence(None),
            Shape::List(level) => self.sequence(Some(level)),
            Shape::Map(level) => self.mapping(level, pos),
            _ => {}
        }
    }

    fn anchor(&mut self, id: usize, kind: Kind) {
        if id != 0 {
            self.anchors.insert(id, kind);
        }
    }

    /// Items of a list of texts (`None`) or of mappings of `level`.
    fn sequence(&mut self, level: Option<Level>) {
        let want = match level {
            None => (Shape::Text, true),
            Some(level) => (Shape::Map(level), true),
        };
        let mut index = 0;
        while let Some((event, pos)) = self.next() {
            if matches!(event, Event::SequenceEnd) {
                return;
            }
            self.path.push(Seg::Index(index));
            self.node(event, pos, Some(want));
            self.path.pop();
            index += 1;
        }
    }

    fn mapping(&mut self, level: Level, mut start: Pos) {
        let keys = level.keys();
        let mut seen = vec![false; keys.len()];
        loop {
            let Some((event, pos)) = self.next() else { return };
            let key = match event {
                Event::MappingEnd => break,
                Event::Scalar(key, ..) => key,
                other => {
                    // A key that is itself a list or mapping: never a field of the schema.
                    let what = match other {
                        Event::SequenceStart(..) => ", not a list",
                        Event::MappingStart(..) => ", not a mapping",
                        _ => "",
                    };
                    self.report(pos, format!("unknown key: a key must be plain text{what}"));
                    self.node(other, pos, None);
                    if let Some((value, pos)) = self.next() {
                        self.node(value, pos, None);
                    }
                    continue;
                }
            };
            // A block mapping's start is marked at its first key's colon after a `---`.
            start = start.min(pos);
            let Some((value, mut value_pos)) = self.next() else { return };
            if matches!(&value, Event::Scalar(v, TScalarStyle::Plain, ..) if v.is_empty()) {
                // An empty value is marked where the next token starts: point just after the colon.
                value_pos = Pos::new(pos.line, pos.col + key.chars().count() + 1);
            }
            match keys.iter().position(|k| *k == key) {
                None => {
                    self.report(pos, format!("unknown key `{key}`{}", unknown_key_hint(&key, level)));
                    self.node(value, value_pos, None);
                }
                Some(i) => {
                    if seen[i] {
                        self.report(pos, format!("duplicate key `{key}`"));
                    }
                    seen[i] = true;
                    self.path.push(Seg::Key(keys[i]));
                    self.node(value, value_pos, field(level, keys[i]));
                    self.path.pop();
                }
            }
        }
        for (i, key) in keys.iter().enumerate() {
            if !seen[i] && field(level, key).is_some_and(|(_, required)| required) {
                self.report(start, format!("missing required field `{key}`"));
            }
        }
    }

    /// Consumes the rest of a node already judged (its start event is read).
    fn skip(&mut self, kind: Kind, alias: bool) {
        if alias || !matches!(kind, Kind::Seq | Kind::Map) {
            return;
        }
        let mut depth = 1usize;
        while let Some((event, _)) = self.next() {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
                Event::SequenceEnd | Event::MappingEnd => depth -= 1,
                Event::Scalar(_, _, anchor, _) if anchor != 0 => {
                    self.anchors.insert(anchor, Kind::Str);
                }
                _ => {}
            }
            if depth == 0 {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        let found = check(text, 0, 100);
        found.problems.into_iter().map(|(p, m)| format!("{}:{}: {m}", p.line, p.col)).collect()
    }

    #[test]
    fn every_problem_of_a_document_in_file_order() {
        let text = "title: t\ndate: 2015-11-10\nspeakers:\n  - {name: A, orgnisation: X, modertor: true}\nquotes:\n  - {speakr: a, txt: b}\ntitel: x\nsumary: y\n";
        assert_eq!(
            messages(text),
            [
                "4:15: speakers[0]: unknown key `orgnisation` (did you mean `organisation`?)",
                "4:31: speakers[0]: unknown key `modertor` (did you mean `moderator`?)",
                "6:5: quotes[0]: missing required field `speaker`",
                "6:5: quotes[0]: missing required field `text`",
                "6:6: quotes[0]: unknown key `speakr` (did you mean `speaker`?)",
                "6:17: quotes[0]: unknown key `txt` (did you mean `text`?)",
                "7:1: unknown key `titel` (did you mean `title`?)",
                "8:1: unknown key `sumary` (did you mean `summary`?)",
            ]
        );
    }

    #[test]
    fn wrong_types_bad_values_and_missing_keys() {
        let table = [
            (
                "title: t\ndate: 2015-11-10\nspeakers: 5\n",
                "3:11: speakers: invalid type: integer `5`, expected a sequence",
            ),
            ("title: t\ndate: 2015-11-10\ntags: {a: 1}\n", "3:7: tags: invalid type: map, expected a sequence"),
            (
                "title: t\ndate: 2015-11-10\nspeakers:\n  - name: A\n    moderator: maybe\n",
                "5:16: speakers[0].moderator: invalid type: string \"maybe\", expected a boolean",
            ),
            ("title:\ndate: 2015-11-10\n", "1:7: title: invalid type: empty value, expected text"),
            ("title: [a]\ndate: 2015-11-10\n", "1:8: title: invalid type: sequence, expected text"),
            (
                "title: t\ndate: 2015-13-01\n",
                "2:7: date: invalid date `2015-13-01`: expected a real calendar date written YYYY-MM-DD, e.g. 2015-11-10",
            ),
            (
                "title: t\ndate: 2015-11-10\nend: 9:30\n",
                "3:6: end: invalid time `9:30`: expected HH:MM on a 24-hour clock, e.g. 09:30 or 14:00",
            ),
            ("# c\ndate: 2015-11-10\n", "2:1: missing required field `title`"),
            ("title: t\ndate: 2015-11-10\nspeakers: [{role: r}]\n", "3:12: speakers[0]: missing required field `name`"),
            ("title: t\ntitle: u\ndate: 2015-11-10\n", "2:1: duplicate key `title`"),
            ("- a\n", "1:1: invalid type: sequence, expected a report: a mapping with at least `title` and `date`"),
            ("title: t\ndate: 2015-11-10\ntags: [a, ~]\n", "3:11: tags[1]: invalid type: empty value, expected text"),
            ("title: t\ndate: 2015-11-10\n[x]: y\n", "3:1: unknown key: a key must be plain text, not a list"),
            (
                "title: t\ndate: 2015-11-10\nspeakers:\n  - name: a\n    ? {b: c}\n    : d\n",
                "5:7: speakers[0]: unknown key: a key must be plain text, not a mapping",
            ),
        ];
        for (text, want) in table {
            assert_eq!(messages(text), [want], "{text:?}");
        }
    }

    #[test]
    fn aliases_are_checked_as_their_anchors_and_never_expanded() {
        let text = "title: &t t\ndate: 2015-11-10\ntags: &l [a]\nsummary: *l\nevent: *t\nspeakers: *l\n";
        assert_eq!(messages(text), ["4:10: summary: invalid type: sequence, expected text"]);
    }

    #[test]
    fn stops_after_max_and_says_so() {
        let text = format!("title: t\ndate: 2015-11-10\n{}", (0..10).map(|i| format!("k{i}: v\n")).collect::<String>());
        let found = check(&text, 0, 3);
        assert_eq!(found.problems.len(), 3);
        assert!(found.more && !found.complete);
        let found = check("title: t\ndate: 2015-11-10\nk: [\n", 0, 3);
        assert!(!found.complete, "a syntax error is serde's to report");
    }

    #[test]
    fn later_documents() {
        let text = "title: a\ndate: 2015-11-10\n---\ntitle: b\ndaet: 2015-11-10\n";
        let found = check(text, 1, 100);
        let got: Vec<_> = found.problems.iter().map(|(p, m)| format!("{}:{}: {m}", p.line, p.col)).collect();
        assert_eq!(got, ["4:1: missing required field `date`", "5:1: unknown key `daet` (did you mean `date`?)"]);
    }
}
