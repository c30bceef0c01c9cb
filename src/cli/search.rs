use super::args::{KindArg, SearchFormat};
use super::{FOUND_PROBLEMS, OK, load_reporting};
use podium::app::case_hint;
use podium::export::{json, markdown};
use podium::load::sanitize::sanitize_line;
use podium::load::{Input, LoadOptions};
use podium::search::index::store;
use podium::search::{Aliases, Index, Kind, Options, Query, Searcher, scan};
use std::process::ExitCode;
use std::sync::Arc;

pub struct Format {
    pub limit: usize,
    pub format: SearchFormat,
    pub kind: Option<KindArg>,
    /// The configuration's `[people]`, for `speaker:`.
    pub aliases: Arc<Aliases>,
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
    let options = Options { limit, kind, aliases: format.aliases.clone() };
    // The index the reader or `podium index` stored for this library, if it is
    // for exactly these reports; else one query: scanning beats building an
    // index that would serve only once.
    let (items, results) = match stored_index(inputs, opts, &library.reports) {
        Some(index) => {
            let index = Arc::new(index);
            let results = Searcher::new(Arc::clone(&index)).search(&library.reports, &parsed, &options);
            (index.items.clone(), results)
        }
        None => scan::search_once(&library.reports, &parsed, &options),
    };
    let code = if results.hits.is_empty() { FOUND_PROBLEMS } else { OK };
    if results.hits.is_empty() {
        case_hint(&library.reports, query, &options);
    }
    super::output::print_with(code, |out| match format.format {
        SearchFormat::Json => writeln!(out, "{}", json::hits(&library.reports, &items, &results.hits, &parsed)),
        SearchFormat::Markdown => write!(out, "{}", markdown::hits(&library.reports, &items, &results.hits, &parsed)),
        SearchFormat::Tsv => {
            for hit in &results.hits {
                let item = &items[hit.item as usize];
                let report = &library.reports[item.report as usize];
                let speaker = item.speaker.and_then(|s| report.speakers.get(s as usize)).map(|s| s.name.as_str());
                // The field that matched: a speaker's point rather than their name line.
                let text = podium::search::snippet(&library.reports, item, &parsed).map(|s| s.text).unwrap_or_default();
                // The first error ends the output: the rest would fail too.
                writeln!(out, "{}\t{}\t{}\t{}", hit.score, report.id, speaker.unwrap_or(""), text.replace('\t', " "))?;
            }
            Ok(())
        }
    })
}

/// Smart case explained, as in the reader: a query with capitals that finds
/// nothing says on stderr what it finds in lower case, if anything.
fn case_hint(reports: &[podium::model::Report], query: &str, options: &Options) {
    let Some(lower) = case_hint::lowered(query) else { return };
    let total = scan::search_once(reports, &Query::parse(&lower), options).1.total;
    if total > 0 {
        // The query came from the command line, but nothing of it drives the terminal.
        eprintln!("podium: {}", sanitize_line(&case_hint::no_hits(query, Some(total))));
    }
}

/// The stored index of the library loaded from `inputs`, when there is one for
/// exactly `reports` (never with `--no-cache`).
fn stored_index(inputs: &[Input], opts: &LoadOptions, reports: &[podium::model::Report]) -> Option<Index> {
    let path = store::path_for_inputs(opts.cache?, inputs)?;
    // Hashing the library costs ~1% of a scan: not when there is nothing to compare it with.
    if !path.is_file() {
        return None;
    }
    let key = store::library_key(reports, podium::load::cache::program());
    store::load(&path, key, reports).ok()
}
