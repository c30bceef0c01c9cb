use super::{FOUND_PROBLEMS, OK, load_reporting};
use podium::load::{Input, LoadOptions, Pos, Problem};
use podium::model::Report;
use podium::people::{Aliases, Appearance, People, likely_duplicates};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(inputs: &[Input], opts: &LoadOptions, aliases: &Aliases) -> ExitCode {
    let library = load_reporting(inputs, opts);
    if super::say_if_no_report_files(inputs, &library) {
        return ExitCode::from(super::NOTHING_FOUND);
    }
    // Warnings only: a likely duplicate may be two people, and nothing stops loading.
    let duplicates = duplicate_warnings(&library.reports, aliases, opts.max_file_size);
    for w in &duplicates {
        eprintln!("{w}");
    }
    let errors = library.errors();
    let warnings = library.problems.len() - errors + duplicates.len();
    // Errors are in files that were read, or at paths that were never files to
    // read (symbolic link loops, FIFOs, unreadable folders): counting those as
    // files would claim errors in files when no file was checked.
    let (in_files, elsewhere): (Vec<&Problem>, Vec<&Problem>) =
        library.problems.iter().filter(|p| p.is_error()).partition(|p| p.pos.is_some() || is_file(&p.path));
    let paths = |problems: &[&Problem]| problems.iter().map(|p| &p.path).collect::<BTreeSet<_>>().len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut found = Vec::new();
    if !in_files.is_empty() {
        found.push(format!("{} in {}", plural(in_files.len(), "error"), plural(paths(&in_files), "file")));
    }
    if !elsewhere.is_empty() {
        let n = paths(&elsewhere);
        let that = if n == 1 { "a path that" } else { "paths that" };
        let count = if n == 1 { String::new() } else { format!("{n} ") };
        found.push(format!("{} in {count}{that} could not be read", plural(elsewhere.len(), "error")));
    }
    if warnings > 0 {
        found.push(plural(warnings, "warning"));
    }
    if found.is_empty() {
        found.push("no problems".into());
    }
    let summary = format!(
        "{} checked: {} loaded, {}\n",
        plural(library.files, "file"),
        plural(library.reports.len(), "report"),
        found.join(", ")
    );
    super::output::print(&summary, if errors == 0 && library.files > 0 { OK } else { FOUND_PROBLEMS })
}

/// Whether the problem at `path` is a file's: a regular file, or a name that
/// is not on disk (standard input, a file gone since it was read). An entry
/// that is there but is not a regular file (a loop, a dangling link, a FIFO,
/// a folder) was never read.
fn is_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_err() || std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// A warning per pair of likely duplicates that neither `person:` nor the
/// aliases merged (same surname and first initial, spelled otherwise): at the
/// name of the one with fewer sessions (else the shorter name), naming the
/// other's position, in the order of the files.
fn duplicate_warnings(reports: &[Report], aliases: &Aliases, limit: u64) -> Vec<Problem> {
    let people = People::build(reports, aliases);
    let pairs = likely_duplicates(&people);
    if pairs.is_empty() {
        return Vec::new();
    }
    // Each file is read again once, for all the names to find in it.
    let mut wanted: HashMap<(&Path, usize), Vec<Appearance>> = HashMap::new();
    for d in &pairs {
        for a in [d.at_a, d.at_b] {
            let r = &reports[a.report as usize];
            let list = wanted.entry((&r.origin.path, r.origin.document)).or_default();
            if !list.contains(&a) {
                list.push(a);
            }
        }
    }
    let mut found: HashMap<(u32, u32), Pos> = HashMap::new();
    for ((path, document), list) in &wanted {
        let nodes: Vec<String> = list.iter().map(|a| format!("speakers[{}].name", a.speaker)).collect();
        let nodes: Vec<&str> = nodes.iter().map(String::as_str).collect();
        let positions = podium::load::positions_of(path, *document, &nodes, limit);
        for (a, pos) in list.iter().zip(positions) {
            // Standard input cannot be read again: the document's first line stands in.
            let pos = pos.unwrap_or(Pos::new(reports[a.report as usize].origin.line, 1));
            found.insert((a.report, a.speaker), pos);
        }
    }
    let at = |a: Appearance| -> (&PathBuf, Pos) {
        (&reports[a.report as usize].origin.path, found.get(&(a.report, a.speaker)).copied().unwrap_or(Pos::new(1, 1)))
    };
    let name = |a: Appearance| -> String {
        let s = &reports[a.report as usize].speakers[a.speaker as usize];
        s.name.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut warnings: Vec<Problem> = pairs
        .iter()
        .map(|d| {
            // At the rarer spelling, else the shorter (an initial rather than the name).
            let weight = |p: usize| (people.persons[p].sessions, people.persons[p].key.len());
            let (here, there) = if weight(d.b) <= weight(d.a) { (d.at_b, d.at_a) } else { (d.at_a, d.at_b) };
            let (path, pos) = at(here);
            let (other_path, other) = at(there);
            let message = format!(
                "\"{}\" may be the same person as \"{}\" ({}:{}:{}); merge them with person: or [people], or split them with person:",
                name(here),
                name(there),
                podium::load::sanitize::path(other_path),
                other.line,
                other.col
            );
            Problem::warning(path, Some(pos), message)
        })
        .collect();
    warnings.sort_by(|a, b| (&a.path, a.pos).cmp(&(&b.path, b.pos)));
    warnings
}
