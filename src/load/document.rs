//! One file's bytes → its reports and problems. Pure: no I/O, so tests and
//! fuzzers can call it directly.

use super::budget;
use super::locate::{find_duplicate_key, locate};
use super::prescan::{self, MAX_DEPTH};
use super::problem::{Pos, Problem};
use super::raw::{Level, RawReport, unknown_key_hint};
use super::schema;
use super::validate::to_report;
use crate::model::{Origin, Report};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A report parsed from a file, with where its id is written, for the
/// library-wide duplicate check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Parsed {
    pub report: Report,
    pub id_pos: Pos,
    /// The id was written in the file (not derived from the file name).
    pub explicit_id: bool,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct FileOutcome {
    pub reports: Vec<Parsed>,
    pub problems: Vec<Problem>,
}

/// Problems kept per file: past this a file is broken throughout, and listing
/// every problem of a generated file (a million duplicate speakers) would only
/// cost time and memory.
pub const MAX_PROBLEMS: usize = 100;

impl FileOutcome {
    /// Room for more problems before the cap.
    fn room(&self) -> usize {
        MAX_PROBLEMS.saturating_sub(self.problems.len())
    }

    /// The cap is reached: the rest of the file is not checked.
    fn full(&self) -> bool {
        self.problems.len() > MAX_PROBLEMS
    }

    /// Adds a problem, or past the cap the note that checking stopped.
    fn add(&mut self, problem: Problem) {
        match self.problems.len() < MAX_PROBLEMS {
            true => self.problems.push(problem),
            false => self.stop(&problem.path, problem.pos),
        }
    }

    /// Adds the note that checking stopped here (once).
    fn stop(&mut self, path: &Path, pos: Option<Pos>) {
        if !self.full() {
            let message = format!("too many problems (over {MAX_PROBLEMS}); the rest of this file is not checked");
            self.problems.push(Problem::error(path, pos, message));
        }
    }
}

/// Whether serde failed on what the document says rather than how it is
/// written: those are the failures the schema pass can list in full.
fn is_schema_error(e: &serde_yaml::Error) -> bool {
    let m = e.to_string();
    ["unknown field", "missing field", "invalid type", "invalid date", "invalid time", "duplicate field"]
        .iter()
        .any(|s| m.contains(s))
}

/// Parses every YAML document of a file. `stem` is the default id of its first report.
pub fn parse_file(path: &Path, stem: &str, bytes: &[u8]) -> FileOutcome {
    parse_decoded(path, stem, prescan::decode(bytes))
}

/// [`parse_file`] for bytes a [`prescan::Checker`] has passed whole as they were read.
pub(super) fn parse_checked(path: &Path, stem: &str, bytes: &[u8]) -> FileOutcome {
    parse_decoded(path, stem, prescan::checked_text(bytes))
}

fn parse_decoded(path: &Path, stem: &str, text: Result<&str, prescan::Rejection>) -> FileOutcome {
    let mut out = FileOutcome::default();
    let text = match text
        .and_then(|t| prescan::check_nesting(t, MAX_DEPTH).map(|()| t))
        .and_then(|t| prescan::check_aliases(t).map(|()| t))
    {
        Ok(text) => text,
        Err(r) => {
            out.problems.push(Problem::error(path, r.pos, r.message));
            return out;
        }
    };
    let starts = document_starts(text);
    let offsets = byte_offsets_of_lines(text, &starts);
    // Document `doc` on its own (text from its start, its index there, lines
    // before it): positions are found from the document's start, since
    // scanning from the file's would make many-document files quadratic.
    let own = |doc: usize| match (starts.get(doc), offsets.get(doc)) {
        (Some(&line), Some(&offset)) => DocText { text: &text[offset..], doc: 0, lines_before: line - 1 },
        _ => DocText { text, doc, lines_before: 0 },
    };
    // serde_yaml 0.9 has panicked on inputs the prescan now refuses (aliases to no
    // anchor); should another such input exist, this file fails, not podium.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        budget::with_budget(budget::for_file(text.len()), || {
            // serde_yaml cannot go on after a syntax error: parsing starts again at
            // the next document after it, so one broken document hides no other.
            let mut base = 0;
            loop {
                let (slice, lines_before) = match (base, offsets.get(base), starts.get(base)) {
                    (0, ..) => (text, 0),
                    (_, Some(&offset), Some(&line)) => (&text[offset..], line - 1),
                    _ => break,
                };
                let mut restart = None;
                for (i, de) in serde_yaml::Deserializer::from_str(slice).enumerate() {
                    let doc = base + i;
                    if out.full() {
                        break;
                    }
                    let start_line = starts.get(doc).copied().unwrap_or(1);
                    match Option::<RawReport>::deserialize(de) {
                        Ok(None) => {}
                        Ok(Some(raw)) => {
                            let default_id = if doc == 0 { stem.to_string() } else { format!("{stem}-{}", doc + 1) };
                            let explicit_id = raw.id.is_some();
                            let origin = Origin { path: path.to_path_buf(), document: doc, line: start_line };
                            match to_report(raw, &default_id, origin, out.room()) {
                                Ok(report) => {
                                    let id_pos = explicit_id
                                        .then(|| own(doc).shift(top_level_value_pos(own(doc).text, 1, "id")))
                                        .flatten()
                                        .unwrap_or(Pos::new(start_line, 1));
                                    out.reports.push(Parsed { report, id_pos, explicit_id });
                                }
                                Err(issues) => {
                                    let paths: Vec<_> = issues.list.iter().map(|i| i.at.clone()).collect();
                                    let own = own(doc);
                                    let positions = locate(own.text, own.doc, &paths).into_iter().map(|p| own.shift(p));
                                    // Checks run by kind; problems are read in file order.
                                    let mut found: Vec<(Pos, String)> = issues
                                        .list
                                        .into_iter()
                                        .zip(positions)
                                        .map(|(issue, pos)| (pos.unwrap_or(Pos::new(start_line, 1)), issue.message))
                                        .collect();
                                    found.sort_by_key(|(pos, _)| (pos.line, pos.col));
                                    for (pos, message) in found {
                                        out.add(Problem::error(path, Some(pos), message));
                                    }
                                    if issues.more {
                                        out.stop(path, Some(Pos::new(start_line, 1)));
                                    }
                                }
                            }
                        }
                        Err(e) => {
                            let problem = yaml_problem(path, slice, lines_before, own(doc), &e);
                            let error_line = problem.pos.map_or(usize::MAX, |p| p.line);
                            // After a syntax error serde_yaml yields the same error for
                            // ever; after a spent budget every later document fails too.
                            let repeated = out.problems.last() == Some(&problem);
                            let fatal = problem.message.contains("budget");
                            let schema = (!repeated && !fatal && is_schema_error(&e))
                                .then(|| {
                                    let own = own(doc);
                                    let found = schema::check(own.text, own.doc, out.room());
                                    let usable = !found.problems.is_empty() && (found.complete || found.more);
                                    usable.then_some((found, own.lines_before))
                                })
                                .flatten();
                            match schema {
                                Some((found, lines_before)) => {
                                    for (pos, message) in found.problems {
                                        out.add(Problem::error(
                                            path,
                                            Some(Pos::new(pos.line + lines_before, pos.col)),
                                            message,
                                        ));
                                    }
                                    if found.more {
                                        out.stop(path, Some(Pos::new(start_line, 1)));
                                    }
                                }
                                None if !repeated => out.add(problem),
                                None => {}
                            }
                            if !fatal && !is_schema_error(&e) {
                                // The error may be at the next `---` itself (an unclosed `[`).
                                restart = (base + 1..starts.len()).find(|&d| starts[d] >= error_line);
                            }
                            if repeated || fatal || restart.is_some() {
                                break;
                            }
                        }
                    }
                }
                match restart {
                    Some(next) if !out.full() => base = next,
                    _ => break,
                }
            }
        });
        out
    }));
    let mut out = match parsed {
        Ok(out) => out,
        Err(_) => FileOutcome {
            reports: Vec::new(),
            problems: vec![Problem::error(
                path,
                None,
                "the YAML parser failed on this file (a bug in serde_yaml; please report the file)",
            )],
        },
    };
    if out.reports.is_empty() && out.problems.is_empty() {
        out.problems.push(Problem::error(path, None, "no report in this file (it is empty or only comments)"));
    }
    out
}

/// 1-based line where each YAML document starts (a `---` line, or the first line).
fn document_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut content_before_first_marker = false;
    for (i, line) in text.lines().enumerate() {
        if line == "---" || line.starts_with("--- ") || line.starts_with("---\t") {
            starts.push(i + 1);
        } else if starts.is_empty()
            && !line.trim().is_empty()
            && !line.trim_start().starts_with('#')
            // A directive (`%YAML 1.2`) belongs to the document its `---` starts.
            && !line.starts_with('%')
        {
            content_before_first_marker = true;
        }
    }
    if content_before_first_marker || starts.is_empty() {
        starts.insert(0, 1);
    }
    starts
}

/// The byte offset where each of `lines` (1-based, ascending) starts, in one pass.
fn byte_offsets_of_lines(text: &str, lines: &[usize]) -> Vec<usize> {
    let mut offsets = Vec::with_capacity(lines.len());
    let mut wanted = lines.iter().peekable();
    let mut line_start = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        while wanted.next_if(|&&l| l == i + 1).is_some() {
            offsets.push(line_start);
        }
        line_start += line.len();
    }
    offsets
}

/// Where a top-level `key: value` of the document starting at `start_line` is
/// written, by a line scan: cheap enough to run for every report, unlike a
/// second parse. Flow-style documents fall back to the document's start.
fn top_level_value_pos(text: &str, start_line: usize, key: &str) -> Option<Pos> {
    let prefix = format!("{key}:");
    for (i, line) in text.lines().enumerate().skip(start_line.saturating_sub(1)) {
        if i + 1 > start_line && (line == "---" || line.starts_with("--- ")) {
            break;
        }
        if let Some(rest) = line.strip_prefix(&prefix) {
            let value = rest.trim_start();
            let col = prefix.chars().count() + (rest.len() - value.len()) + 1;
            return Some(Pos::new(i + 1, col));
        }
    }
    None
}

/// One document of a file, as a slice from its start (see `parse_file`).
struct DocText<'a> {
    text: &'a str,
    /// The document's index in `text`.
    doc: usize,
    /// Lines of the file before `text`.
    lines_before: usize,
}

impl DocText<'_> {
    /// A position in `text` as a position in the file.
    fn shift(&self, pos: Option<Pos>) -> Option<Pos> {
        pos.map(|p| Pos::new(p.line + self.lines_before, p.col))
    }
}

/// `text` is what the parser read, `lines_before` the file's lines above it.
fn yaml_problem(path: &Path, text: &str, lines_before: usize, own: DocText, e: &serde_yaml::Error) -> Problem {
    let full = e.to_string();
    // serde_yaml appends " at line L column C" (and sometimes more context); the
    // position goes in front, gcc style, so it is cut from the message.
    let message = full.split(" at line ").next().unwrap_or(&full);
    let at = e.location().map(|l| Pos::new(l.line(), l.column()));
    let mut pos = at.map(|p| Pos::new(p.line + lines_before, p.col));
    // serde reports a duplicate key at its mapping; point at the second key instead.
    if let Some(key) = message.split_once("duplicate field `").and_then(|(_, r)| r.split_once('`')).map(|(k, _)| k) {
        pos = own.shift(find_duplicate_key(own.text, own.doc, key)).or(pos);
    }
    let mut message = friendlier(message);
    if let Some(p) = at
        && message.contains("cannot start any token")
        && char_at(text, p) == Some('\t')
    {
        message = "a tab cannot indent YAML: indent with spaces".into();
    }
    Problem::error(path, pos, message)
}

fn char_at(text: &str, pos: Pos) -> Option<char> {
    text.lines().nth(pos.line.checked_sub(1)?)?.chars().nth(pos.col.checked_sub(1)?)
}

/// Rewrites serde's messages into the schema's words.
fn friendlier(message: &str) -> String {
    // "speakers[0]: unknown field `organisaton`, expected one of `id`, ..."
    if let Some(rest) = message.split_once("unknown field `").map(|(_, r)| r) {
        let (key, _) = rest.split_once('`').unwrap_or((rest, ""));
        let prefix = message.split_once("unknown field").map_or("", |(p, _)| p);
        // serde lists the keys of the mapping the key is in: hints come from those only.
        let first_expected = rest.split_once("expected one of `").and_then(|(_, r)| r.split_once('`')).map(|(k, _)| k);
        let hint = first_expected.and_then(Level::of_first_key).map(|l| unknown_key_hint(key, l)).unwrap_or_default();
        return format!("{prefix}unknown key `{key}`{hint}");
    }
    // A list or mapping written as a key (`? [a]`, `[x]: y`): serde wanted a field name.
    if let Some((prefix, rest)) = message.split_once("invalid type: ")
        && let Some(what) = rest.strip_suffix(", expected field identifier")
    {
        return format!("{prefix}unknown key: a key must be plain text, not {}", key_kind(what));
    }
    shorten_quoted_value(message)
        .replace("missing field", "missing required field")
        .replace("duplicate field", "duplicate key")
        .replace("invalid type: unit value", "invalid type: empty value")
}

/// serde's name for a value that is not a key, in the words of the schema pass.
fn key_kind(serde: &str) -> &str {
    match serde {
        "sequence" => "a list",
        "map" => "a mapping",
        other => other,
    }
}

/// serde quotes a wrongly typed value whole; a long one would bury the point.
fn shorten_quoted_value(message: &str) -> String {
    const KEEP: usize = 40;
    let (Some(open), Some(close)) = (message.find("string \""), message.rfind("\", expected")) else {
        return message.to_string();
    };
    let value = &message[open + 8..close];
    if value.chars().count() <= KEEP || close < open + 8 {
        return message.to_string();
    }
    let kept: String = value.chars().take(KEEP).collect();
    format!("{}{kept}…{}", &message[..open + 8], &message[close..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_start_lines() {
        assert_eq!(document_starts("title: a\n"), vec![1]);
        assert_eq!(document_starts("# c\n---\ntitle: a\n---\ntitle: b\n"), vec![2, 4]);
        assert_eq!(document_starts("title: a\n---\ntitle: b\n"), vec![1, 2]);
        assert_eq!(document_starts("%YAML 1.2\n---\ntitle: a\n---\ntitle: b\n"), vec![2, 4]);
        assert_eq!(byte_offsets_of_lines("ab\n---\nc\n---\n", &[1, 2, 4]), vec![0, 3, 9]);
    }

    #[test]
    fn top_level_positions() {
        let text = "title: a\nid:   x\n---\nid: y\n";
        assert_eq!(top_level_value_pos(text, 1, "id"), Some(Pos::new(2, 7)));
        assert_eq!(top_level_value_pos(text, 3, "id"), Some(Pos::new(4, 5)));
        assert_eq!(top_level_value_pos("---\ntitle: a\n---\nid: y\n", 1, "id"), None);
    }

    #[test]
    fn did_you_mean() {
        assert_eq!(
            friendlier("speakers[0]: unknown field `organisaton`, expected one of `id`, `name`"),
            "speakers[0]: unknown key `organisaton` (did you mean `organisation`?)"
        );
        assert_eq!(friendlier("unknown field `zzzzzz`, expected one of"), "unknown key `zzzzzz`");
        assert_eq!(
            friendlier("unknown field `speaker`, expected one of `title`, `id`"),
            "unknown key `speaker` (did you mean `speakers`?)"
        );
        // yaml-test-suite Y79Y/007 and Y79Y/009: the schema pass cannot run on them (a tab
        // the event parser refuses), so serde's words must be turned into the file's.
        assert_eq!(
            friendlier("speakers[0]: invalid type: sequence, expected field identifier"),
            "speakers[0]: unknown key: a key must be plain text, not a list"
        );
        assert_eq!(
            friendlier("invalid type: map, expected field identifier"),
            "unknown key: a key must be plain text, not a mapping"
        );
        let long = format!("invalid type: string \"{}\", expected a report", "a".repeat(500));
        assert_eq!(friendlier(&long), format!("invalid type: string \"{}…\", expected a report", "a".repeat(40)));
    }
}
