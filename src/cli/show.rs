use super::args::ShowFormat;
use super::{FOUND_PROBLEMS, OK, USAGE_OR_IO, inputs, load_reporting};
use podium::export::{json, markdown, text};
use podium::load::{Input, LoadOptions};
use podium::model::Report;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(report: &str, paths: &[PathBuf], opts: &LoadOptions, format: ShowFormat) -> ExitCode {
    // A path to a file shows that file's reports; anything else is an id.
    let as_file = Path::new(report);
    let shown = podium::load::sanitize::path(as_file);
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
    let out = match format {
        ShowFormat::Json => format!("{}\n", json::reports(&chosen)),
        // Each report ends with a line feed: one blank line between them.
        ShowFormat::Markdown => chosen.iter().map(|r| markdown::report(r)).collect::<Vec<_>>().join("\n"),
        ShowFormat::Text => chosen.iter().map(|r| text::report(r)).collect::<Vec<_>>().join("\n\n"),
    };
    super::output::print(&out, if library.errors() == 0 { OK } else { FOUND_PROBLEMS })
}
