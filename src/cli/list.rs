use super::args::ListFormat;
use super::{FOUND_PROBLEMS, NOTHING_FOUND, OK, load_reporting};
use podium::load::{Input, LoadOptions};
use podium::model::Report;
use serde::Serialize;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    date: &'a str,
    start: Option<&'a str>,
    end: Option<&'a str>,
    title: &'a str,
    speakers: usize,
    quotes: usize,
    path: String,
}

pub fn run(inputs: &[Input], opts: &LoadOptions, format: ListFormat) -> ExitCode {
    let library = load_reporting(inputs, opts);
    let text = match format {
        ListFormat::Json => {
            let rows: Vec<Row> = library.reports.iter().map(row).collect();
            format!("{}\n", podium::load::sanitize::json(serde_json::to_string_pretty(&rows).unwrap_or_default()))
        }
        ListFormat::Markdown => markdown(&library.reports),
        ListFormat::Text => table(&library.reports),
    };
    let code = if super::say_if_no_report_files(inputs, &library) {
        NOTHING_FOUND
    } else if library.errors() == 0 && !library.reports.is_empty() {
        OK
    } else {
        FOUND_PROBLEMS
    };
    super::output::print(&text, code)
}

fn row(r: &Report) -> Row<'_> {
    Row {
        id: &r.id,
        date: &r.date,
        start: r.start.as_deref(),
        end: r.end.as_deref(),
        title: &r.title,
        speakers: r.speakers.len(),
        quotes: r.quotes.len(),
        path: r.origin.path.to_string_lossy().into_owned(),
    }
}

/// Aligned columns: id, date, time, title, counts.
pub fn table(reports: &[Report]) -> String {
    let id_width = reports.iter().map(|r| r.id.width()).max().unwrap_or(0);
    let mut out = String::new();
    for r in reports {
        let pad = " ".repeat(id_width - r.id.width());
        let title = r.title.replace('\n', " ");
        let counts = format!(
            "{} speaker{}, {} quote{}",
            r.speakers.len(),
            if r.speakers.len() == 1 { "" } else { "s" },
            r.quotes.len(),
            if r.quotes.len() == 1 { "" } else { "s" }
        );
        out.push_str(&format!("{}{pad}  {}  {:<11}  {title}  ({counts})\n", r.id, r.date, r.time_range()));
    }
    out
}

/// A Markdown table, a row per report; empty without reports, as `people --format markdown` is.
fn markdown(reports: &[Report]) -> String {
    if reports.is_empty() {
        return String::new();
    }
    let mut out = String::from("| Id | Date | Time | Title | Speakers | Quotes |\n|---|---|---|---|---:|---:|\n");
    for r in reports {
        let cells = [&r.id, &r.date, &r.time_range(), &r.title].map(|text| cell(text));
        let [id, date, time, title] = cells;
        out.push_str(&format!("| {id} | {date} | {time} | {title} | {} | {} |\n", r.speakers.len(), r.quotes.len()));
    }
    out
}

/// Report text in a table cell, rendered as written: on one line, and every character that Markdown
/// (or a table) would read as markup escaped, so a title cannot add emphasis, links, HTML or columns.
fn cell(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '&' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
