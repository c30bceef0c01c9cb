//! `podium import`: one input to standard output or a file, or many into a
//! folder (see `batch`).

mod batch;
mod write;

use super::{FOUND_PROBLEMS, OK, USAGE_OR_IO};
use anyhow::Result;
use podium::import::{self, Draft, yaml};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(inputs: &[PathBuf], output: Option<&PathBuf>, force: bool, max: u64) -> ExitCode {
    if inputs.iter().filter(|i| is_stdin(i)).count() > 1 {
        return usage("`-` (standard input) can be read only once");
    }
    // `-o DIR/` with one input too, as `cp FILE DIR/` does; without the slash,
    // one input keeps writing exactly the file it was told to.
    match (inputs, output) {
        ([input], Some(out)) if !names_a_folder(out) => one(input, Some(out), force, max),
        ([input], None) => one(input, None, force, max),
        (_, None) => usage("several inputs need a folder to write into: add -o DIR/"),
        (_, Some(dir)) => batch::run(inputs, dir, force, max),
    }
}

fn usage(why: &str) -> ExitCode {
    eprintln!("podium import: {why}");
    ExitCode::from(USAGE_OR_IO)
}

fn is_stdin(input: &Path) -> bool {
    input == Path::new("-")
}

/// Ends with a path separator: the user means a folder.
fn names_a_folder(path: &Path) -> bool {
    path.as_os_str().to_string_lossy().chars().next_back().is_some_and(std::path::is_separator)
}

/// How messages name an input.
fn shown(input: &Path) -> String {
    if is_stdin(input) { "standard input".into() } else { podium::load::sanitize::path(input) }
}

/// An input's bytes, at most `max` of a file; standard input is read up to
/// one byte past it, so that the importer can say it is too large.
fn read(input: &Path, max: u64) -> Result<Vec<u8>, String> {
    if is_stdin(input) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(max.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| super::output::reason(&e))?;
        Ok(bytes)
    } else {
        // Like the loader: no FIFO can block us, no file can be larger than the limit.
        podium::load::read_file(input, max)
    }
}

/// An input imported: the draft and the file text written for it.
fn draft(input: &Path, max: u64) -> Result<(Draft, String), String> {
    let bytes = read(input, max)?;
    let draft = import::import(&bytes, max as usize).map_err(|e| e.to_string())?;
    // The file names its source as the user gave it (`-` for standard input).
    let text = yaml::write(&draft, &podium::load::sanitize::path(input));
    Ok((draft, text))
}

/// The `# check:` marks in the text written: counted where the user will
/// look for them, so the summary cannot drift from the writer. A mark is a
/// comment (a `#` at the start of a line or after a space, outside a
/// double-quoted string: the writer quotes every string) that starts
/// `# check:`; the header's instruction line is not one.
fn marks(yaml: &str) -> usize {
    yaml.lines().filter(|line| comment(line).is_some_and(|c| c.starts_with("# check:"))).count()
}

fn comment(line: &str) -> Option<&str> {
    let (mut quoted, mut escaped, mut after_space) = (false, false, true);
    for (at, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '#' if !quoted && after_space => return Some(&line[at..]),
            _ => {}
        }
        after_space = c == ' ' || c == '\t';
    }
    None
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// One input: the YAML on standard output or in `-o FILE`, the summary on
/// stderr (standard output may be the YAML itself).
fn one(input: &Path, output: Option<&PathBuf>, force: bool, max: u64) -> ExitCode {
    let (draft, text) = match draft(input, max) {
        Ok(done) => done,
        Err(why) => return usage(&format!("{}: {why}", shown(input))),
    };
    match output {
        None => {
            if let Err(code) = super::output::write(|out| out.write_all(text.as_bytes())) {
                return code;
            }
        }
        Some(path) => {
            if let Err(e) = write::to_file(path, text.as_bytes(), force) {
                return usage(&format!("{e:#}"));
            }
        }
    }
    eprintln!(
        "podium import: {}, {}; {} to check (marked `# check:`){}",
        plural(draft.speakers.len(), "speaker"),
        plural(draft.quotes.len(), "quote"),
        marks(&text),
        if draft.titles.is_empty() {
            String::new()
        } else {
            format!("; {} quoted title(s) left out", draft.titles.len())
        }
    );
    ExitCode::from(if found_nothing(&draft) { FOUND_PROBLEMS } else { OK })
}

fn found_nothing(draft: &Draft) -> bool {
    draft.quotes.is_empty() && draft.speakers.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_comments_that_start_check() {
        for (yaml, want) in [
            ("# Check every line marked `# check:`, then validate.\n", 0),
            ("date: \"1970-01-01\"  # check: no date\n", 1),
            ("  - id: unknown  # check: quotes no speaker\n", 1),
            ("    text: \"a # check: b\"\n", 0),
            ("    text: \"say \\\"# check: x\\\" # check: y\"\n", 0),
            ("  - speaker: \"a\\\\\"  # check: guessed\n", 1),
            ("    text: \"x\"# check: not after a space\n", 0),
            ("# check: a whole-line comment\n", 1),
            ("a: 1  # checked\nb: 2  # check: one\nc: 3  # check: two\n", 2),
        ] {
            assert_eq!(marks(yaml), want, "{yaml}");
        }
    }

    #[test]
    fn folder_names() {
        for (path, want) in [("out/", true), ("out", false), ("a/b/", true), ("-", false), ("", false)] {
            assert_eq!(names_a_folder(Path::new(path)), want, "{path}");
        }
    }
}
