use super::args::ShowFormat;
use super::{FOUND_PROBLEMS, OK, USAGE_OR_IO, inputs, load_reporting};
use podium::export::{json, markdown, text};
use podium::load::{Input, LoadOptions};
use podium::model::Report;
use podium::people::{Aliases, Lookup, People};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

/// How many of the people a name matches are listed when it matches several.
const MAX_LISTED: usize = 20;

pub fn run(report: &str, paths: &[PathBuf], opts: &LoadOptions, format: ShowFormat, aliases: &Aliases) -> ExitCode {
    // A path to a file shows that file's reports; anything else is an id.
    let as_file = Path::new(report);
    let shown = podium::load::sanitize::path(as_file);
    if let Some(name) = report.strip_prefix("person:")
        && !as_file.is_file()
    {
        return person(name, report, paths, opts, format, aliases);
    }
    // Ids are slugs or words: one that names a folder or a YAML file is a path.
    let path_like = report.contains(std::path::MAIN_SEPARATOR) || report.ends_with(".yaml") || report.ends_with(".yml");
    if path_like && report != "-" && !as_file.is_file() {
        let why = match std::fs::metadata(as_file) {
            Ok(m) if m.is_dir() => "is a folder: `show` takes a report id or one file".to_string(),
            Ok(_) => "is not a regular file".to_string(),
            Err(e) => podium::load::walk::io_message(&e),
        };
        eprintln!("podium: {shown}: {why}");
        return ExitCode::from(USAGE_OR_IO);
    }
    let (library, wanted) = if report == "-" || as_file.is_file() {
        (load_reporting(&[Input::from_arg(as_file)], opts), None)
    } else {
        let inputs = match inputs(paths) {
            Ok(i) => i,
            Err(code) => return code,
        };
        (load_reporting(&inputs, opts), Some(report))
    };
    let chosen: Vec<&Report> = match wanted {
        None => library.reports.iter().collect(),
        Some(id) => library.report(id).into_iter().collect(),
    };
    if chosen.is_empty() && wanted.is_none() {
        // Its problems are printed above.
        eprintln!("podium: {shown} has no valid report");
        return ExitCode::from(FOUND_PROBLEMS);
    }
    if chosen.is_empty() {
        let id = podium::load::sanitize::sanitize_line(report);
        let near = library
            .reports
            .iter()
            .map(|r| (strsim::jaro_winkler(&r.id, &id), &r.id))
            .filter(|(s, _)| *s > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| format!(" (did you mean `{id}`?)"))
            .unwrap_or_default();
        eprintln!("podium: no report `{id}` in the library{near}; `podium list` shows the ids");
        return ExitCode::from(FOUND_PROBLEMS);
    }
    print_reports(&chosen, format, library.errors())
}

fn print_reports(chosen: &[&Report], format: ShowFormat, errors: usize) -> ExitCode {
    let out = match format {
        ShowFormat::Json => format!("{}\n", json::reports(chosen)),
        // Each report ends with a line feed: one blank line between them.
        ShowFormat::Markdown => chosen.iter().map(|r| markdown::report(r)).collect::<Vec<_>>().join("\n"),
        ShowFormat::Text => chosen.iter().map(|r| text::report(r)).collect::<Vec<_>>().join("\n\n"),
    };
    super::output::print(&out, if errors == 0 { OK } else { FOUND_PROBLEMS })
}

/// `show person:NAME`: one person's appearances and quotes. `whole` is the
/// argument as given: a report with that very id is shown instead (ids may
/// hold a `:`), so no report is out of reach.
fn person(
    name: &str,
    whole: &str,
    paths: &[PathBuf],
    opts: &LoadOptions,
    format: ShowFormat,
    aliases: &Aliases,
) -> ExitCode {
    let shown = podium::load::sanitize::sanitize_line(name.trim());
    if shown.is_empty() {
        eprintln!("podium: person: needs a name, e.g. `podium show 'person:Vinton Cerf'`");
        return ExitCode::from(USAGE_OR_IO);
    }
    let inputs = match inputs(paths) {
        Ok(i) => i,
        Err(code) => return code,
    };
    let library = load_reporting(&inputs, opts);
    if let Some(r) = library.report(whole) {
        return print_reports(&[r], format, library.errors());
    }
    let reports = &library.reports;
    let people = People::build(reports, aliases);
    let p = match people.lookup(name, aliases) {
        Lookup::One(p) => &people.persons[p],
        Lookup::None => {
            eprintln!("podium: no person matches `{shown}`; `podium people` lists everyone");
            return ExitCode::from(FOUND_PROBLEMS);
        }
        Lookup::Many(found) => {
            eprintln!("podium: {} people match `{shown}`; name one of them:", found.len());
            let listed: Vec<(String, usize)> = found
                .iter()
                .take(MAX_LISTED)
                .map(|&p| {
                    (
                        people.persons[p].name.split_whitespace().collect::<Vec<_>>().join(" "),
                        people.persons[p].sessions,
                    )
                })
                .collect();
            let width = listed.iter().map(|(name, _)| name.width()).max().unwrap_or(0);
            for (name, sessions) in &listed {
                let pad = " ".repeat(width - name.width());
                eprintln!("  {name}{pad}  {sessions} session{}", if *sessions == 1 { "" } else { "s" });
            }
            if found.len() > MAX_LISTED {
                eprintln!("  … and {} more", found.len() - MAX_LISTED);
            }
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    let out = match format {
        ShowFormat::Json => format!("{}\n", json::person(p, reports)),
        ShowFormat::Markdown => markdown::person(p, reports),
        ShowFormat::Text => text::person(p, reports),
    };
    super::output::print(&out, if library.errors() == 0 { OK } else { FOUND_PROBLEMS })
}
