use super::args::KindArg;
use super::{FOUND_PROBLEMS, OK, load_reporting};
use podium::load::{Input, LoadOptions};
use podium::search::{Kind, Options, Query, highlight, item_text, scan};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

pub struct Format {
    pub limit: usize,
    pub json: bool,
    pub kind: Option<KindArg>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    score: u32,
    kind: Kind,
    report: &'a str,
    report_title: &'a str,
    date: &'a str,
    speaker: Option<&'a str>,
    quote: Option<u32>,
    text: String,
    /// Character indices into `text` that matched.
    positions: Vec<usize>,
}

pub fn run(inputs: &[Input], opts: &LoadOptions, query: &str, format: Format) -> ExitCode {
    let library = load_reporting(inputs, opts);
    let parsed = Query::parse(query);
    if parsed.is_empty() {
        eprintln!("podium: empty query; `podium search --help` shows the syntax");
        return ExitCode::from(super::USAGE_OR_IO);
    }
    let kind = format.kind.map(|k| match k {
        KindArg::Quote => Kind::Quote,
        KindArg::Speaker => Kind::Speaker,
        KindArg::Report => Kind::Report,
    });
    let limit = if format.limit == 0 { usize::MAX } else { format.limit };
    // One query: scanning beats building an index that would serve only once.
    let (items, results) = scan::search_once(&library.reports, &parsed, &Options { limit, kind });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut json = Vec::new();
    for hit in &results.hits {
        let item = &items[hit.item as usize];
        let report = &library.reports[item.report as usize];
        let speaker = item.speaker.and_then(|s| report.speakers.get(s as usize)).map(|s| s.name.as_str());
        let (text, _) = item_text(&library.reports, item);
        if format.json {
            let positions = highlight::positions(&text, &parsed);
            json.push(JsonHit {
                score: hit.score,
                kind: item.kind,
                report: &report.id,
                report_title: &report.title,
                date: &report.date,
                speaker,
                quote: item.quote,
                text,
                positions,
            });
        } else {
            let _ =
                writeln!(out, "{}\t{}\t{}\t{}", hit.score, report.id, speaker.unwrap_or(""), text.replace('\t', " "));
        }
    }
    if format.json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&json).unwrap_or_default());
    }
    let _ = out.flush();
    ExitCode::from(if results.hits.is_empty() { FOUND_PROBLEMS } else { OK })
}
