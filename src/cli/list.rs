use super::{FOUND_PROBLEMS, OK, load_reporting};
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

pub fn run(inputs: &[Input], opts: &LoadOptions, json: bool) -> ExitCode {
    let library = load_reporting(inputs, opts);
    let text = if json {
        let rows: Vec<Row> = library.reports.iter().map(row).collect();
        format!("{}\n", podium::load::sanitize::json(serde_json::to_string_pretty(&rows).unwrap_or_default()))
    } else {
        table(&library.reports)
    };
    let ok = library.errors() == 0 && !library.reports.is_empty();
    super::output::print(&text, if ok { OK } else { FOUND_PROBLEMS })
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
