//! `podium import FILE... -o DIR/`: one report file per input, named from
//! its title. One line per input and a total go to standard output, as
//! `cp -v` and `rsync -v` print what they did there: the record of a run a
//! user may keep (`| tee import.log`) while failures stand out on stderr as
//! `podium import: PATH: why`. A failed input does not stop the others.

use super::{draft, found_nothing, marks, names_a_folder, plural, shown, usage, write};
use crate::cli::{FOUND_PROBLEMS, OK, USAGE_OR_IO};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// File names stay short enough to read in a listing (and far below any
/// system's limit of 255 bytes).
const MAX_STEM: usize = 60;

#[derive(Default)]
struct Totals {
    imported: usize,
    failed: usize,
    speakers: usize,
    quotes: usize,
    checks: usize,
    /// A file or standard output could not be written: an I/O error, exit 2.
    unwritten: bool,
}

pub fn run(inputs: &[PathBuf], dir: &Path, force: bool, max: u64) -> ExitCode {
    if let Err(why) = folder(dir) {
        return usage(&why);
    }
    write::remove_stale_temporaries(dir);
    let mut totals = Totals::default();
    let mut written = HashSet::new();
    let mut out = Summary { broken: false };
    for input in inputs {
        let (draft, text) = match draft(input, max) {
            Ok((draft, _)) if found_nothing(&draft) => {
                fail(&mut totals, input, "nothing to import: no speakers or quotes found");
                continue;
            }
            Ok(done) => done,
            Err(why) => {
                fail(&mut totals, input, &why);
                continue;
            }
        };
        let path = match write::into_folder(dir, &stem(&draft.title, input), text.as_bytes(), force, &written) {
            Ok(path) => path,
            Err(e) => {
                totals.unwritten = true;
                fail(&mut totals, input, &format!("{e:#}"));
                continue;
            }
        };
        let checks = marks(&text);
        out.line(format_args!(
            "{} → {}: {}, {}, {checks} to check",
            shown(input),
            podium::load::sanitize::path(&path),
            plural(draft.speakers.len(), "speaker"),
            plural(draft.quotes.len(), "quote"),
        ));
        written.insert(path);
        totals.imported += 1;
        totals.speakers += draft.speakers.len();
        totals.quotes += draft.quotes.len();
        totals.checks += checks;
    }
    let counts = format!(
        "{}, {}, {} to check",
        plural(totals.speakers, "speaker"),
        plural(totals.quotes, "quote"),
        totals.checks
    );
    match (totals.failed, totals.imported) {
        (0, n) => out.line(format_args!("{} imported: {counts}", plural(n, "input"))),
        (failed, 0) => out.line(format_args!("{}: 0 imported, {failed} failed", plural(failed, "input"))),
        (failed, n) => {
            out.line(format_args!("{}: {n} imported, {failed} failed; {counts}", plural(n + failed, "input")))
        }
    }
    ExitCode::from(if totals.unwritten || out.broken {
        USAGE_OR_IO
    } else if totals.failed > 0 {
        FOUND_PROBLEMS
    } else {
        OK
    })
}

fn fail(totals: &mut Totals, input: &Path, why: &str) {
    eprintln!("podium import: {}: {why}", shown(input));
    totals.failed += 1;
}

/// `dir` is a folder, or is made one. A missing name that ends in `.yaml` is
/// surely meant as one file, not as a folder to create.
fn folder(dir: &Path) -> Result<(), String> {
    let shown = podium::load::sanitize::path(dir);
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => return Err(format!("-o {shown}: several inputs need a folder, and {shown} is a file")),
        Err(_) => {}
    }
    let yaml_name = dir.extension().is_some_and(|e| e == "yaml" || e == "yml");
    if yaml_name && !names_a_folder(dir) {
        return Err(format!("-o {shown}: several inputs need a folder; to create one, end its name with /"));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the folder {shown}: {}", crate::cli::output::reason(&e)))
}

/// The file name (without `.yaml`) for a report: its title's slug, cut at a
/// word within [`MAX_STEM`]; else the input's name; else `report`.
fn stem(title: &str, input: &Path) -> String {
    let from_input = || input.file_stem().map(|s| slug(&s.to_string_lossy())).filter(|s| !s.is_empty() && s != "-");
    let mut stem = [Some(slug(title)).filter(|s| !s.is_empty()), from_input()]
        .into_iter()
        .flatten()
        .next()
        .unwrap_or_else(|| "report".into());
    if stem.len() > MAX_STEM {
        // A slug is ASCII: any byte is a character boundary.
        let cut = stem[..=MAX_STEM].rfind('-').filter(|&at| at > 0).unwrap_or(MAX_STEM);
        stem.truncate(cut);
    }
    stem
}

fn slug(text: &str) -> String {
    podium::load::slug::slug(text)
}

/// Standard output for the summary lines; a failed write is reported once,
/// and the imports go on (their files are what matters).
struct Summary {
    broken: bool,
}

impl Summary {
    fn line(&mut self, line: std::fmt::Arguments) {
        if self.broken {
            return;
        }
        let mut out = std::io::stdout().lock();
        if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush()) {
            self.broken = true;
            eprintln!("podium: standard output: {}", crate::cli::output::reason(&e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        let long = "Child online protection through multistakeholder engagement in the Asia Pacific region";
        for (title, input, want) in [
            ("Cables", "a.txt", "cables"),
            (long, "a.txt", "child-online-protection-through-multistakeholder-engagement"),
            ("!!!", "igf 2015/COP notes.html", "cop-notes"),
            ("!!!", "-", "report"),
            ("???", "...", "report"),
            (&"x".repeat(300), "a.txt", &"x".repeat(MAX_STEM)),
            (&format!("{}-yy", "x".repeat(MAX_STEM - 1)), "a.txt", &"x".repeat(MAX_STEM - 1)),
            (&format!("{} yy", "x".repeat(MAX_STEM)), "a.txt", &"x".repeat(MAX_STEM)),
        ] {
            assert_eq!(stem(title, Path::new(input)), want, "{title} {input}");
        }
    }
}
