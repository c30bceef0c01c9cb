use super::args::{KindArg, SearchFormat};
use super::{FOUND_PROBLEMS, OK, USAGE_OR_IO, load_reporting};
use podium::app::case_hint;
use podium::export::{json, markdown};
use podium::load::sanitize::sanitize_line;
use podium::load::stamp::files_stamp;
use podium::load::{Input, Library, LoadOptions, Problem};
use podium::model::Report;
use podium::search::engine::Hit;
use podium::search::index::stored::StoredReports;
use podium::search::index::{splice, store};
use podium::search::{Aliases, Index, Item, Kind, Options, Query, Reports, Searcher, scan};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

pub struct Format {
    pub limit: usize,
    pub format: SearchFormat,
    pub kind: Option<KindArg>,
    /// The configuration's `[people]`, for `speaker:`.
    pub aliases: Arc<Aliases>,
}

impl Format {
    fn options(&self) -> Options {
        let kind = self.kind.map(|k| match k {
            KindArg::Quote => Kind::Quote,
            KindArg::Speaker => Kind::Speaker,
            KindArg::Report => Kind::Report,
        });
        let limit = if self.limit == 0 { usize::MAX } else { self.limit };
        Options { limit, kind, aliases: self.aliases.clone() }
    }
}

pub fn run(inputs: &[Input], opts: &LoadOptions, query: &str, format: Format) -> ExitCode {
    // The library as stored with its index, if no file has changed since:
    // no report file is read, only the reports ranked and printed.
    if let Some(code) = from_stored(inputs, opts, query, &format) {
        return code;
    }
    mark("reading the files");
    let library = load_reporting(inputs, opts);
    let code = from_files(inputs, opts, &library, query, &format);
    // After the answer, so that it waits for nothing: the next search
    // answers from the stored index again (not after a usage error).
    if !Query::parse(query).is_empty() {
        super::refresh::start(inputs, opts, library.bytes);
    }
    code
}

/// The search answered from `library`, read from its files.
fn from_files(inputs: &[Input], opts: &LoadOptions, library: &Library, query: &str, format: &Format) -> ExitCode {
    let parsed = Query::parse(query);
    if parsed.is_empty() {
        return empty_query();
    }
    let options = format.options();
    // The index the reader or `podium index` stored for exactly these
    // reports; else one query: scanning beats building an index that would
    // serve only once.
    let (items, results) = match stored_index(inputs, opts, &library.reports) {
        Some(index) => {
            let index = Arc::new(index);
            let results = Searcher::new(Arc::clone(&index)).search(&library.reports, &parsed, &options);
            (index.items.clone(), results)
        }
        None => scan::search_once(&library.reports, &parsed, &options),
    };
    if results.hits.is_empty()
        && let Some(lower) = case_hint::lowered(query)
    {
        let total = scan::search_once(&library.reports, &Query::parse(&lower), &options).1.total;
        print_case_hint(query, total);
    }
    print(&library.reports, &items, &results.hits, &parsed, format)
}

/// The search answered from the stored library, when its files are as they
/// were stored, or when only a few changed (those are read, the rest comes
/// from the store); `None` when there is none, it is stale, or a report read
/// back from it fails its check (the files are then read instead).
fn from_stored(inputs: &[Input], opts: &LoadOptions, query: &str, format: &Format) -> Option<ExitCode> {
    let path = store::path_for_inputs(opts.cache?, inputs)?;
    if !path.is_file() {
        return None;
    }
    // Side by side: at a million quotes each takes 40–60 ms.
    let (stamp, opened) = std::thread::scope(|s| {
        let opening = s.spawn(|| store::open_stamped(&path).ok());
        let stamp = files_stamp(inputs, opts, None);
        mark("files stamped");
        (stamp, opening.join().ok().flatten())
    });
    let (stamp, opened) = (stamp?, opened?);
    mark("stored library opened");
    if opened.keys.files == stamp.key {
        let store::Opened { index, reports, problems, .. } = opened;
        return answer(index, reports, &problems, query, format);
    }
    let manifest = opened.manifest()?;
    let read = |p: &std::path::Path| podium::load::reload_file(p, opts);
    let library = splice::splice(opened, &manifest, podium::load::cache::program(), &stamp.files, read)?;
    mark(&format!("spliced with {} files read", library.files_read));
    let code = answer(library.index, library.reports, &library.problems, query, format);
    if code.is_some() {
        super::refresh::start(inputs, opts, stamp.bytes());
    }
    code
}

/// What a search from a stored library reads reports from.
trait Kept: Reports + Send + Sync {
    /// Whether a block failed its check: what was searched may be wrong.
    fn damaged(&self) -> bool;
    /// How many stored reports were read back whole.
    fn read_back(&self) -> usize;
}

impl Kept for StoredReports {
    fn damaged(&self) -> bool {
        StoredReports::damaged(self)
    }
    fn read_back(&self) -> usize {
        StoredReports::read_back(self)
    }
}

impl Kept for splice::SplicedReports {
    fn damaged(&self) -> bool {
        splice::SplicedReports::damaged(self)
    }
    fn read_back(&self) -> usize {
        splice::SplicedReports::read_back(self)
    }
}

fn answer(index: Index, reports: impl Kept, problems: &[Problem], query: &str, format: &Format) -> Option<ExitCode> {
    let parsed = Query::parse(query);
    let say_problems = || problems.iter().for_each(|p| eprintln!("{p}"));
    if parsed.is_empty() {
        say_problems();
        return Some(empty_query());
    }
    let options = format.options();
    let index = Arc::new(index);
    let mut searcher = Searcher::new(Arc::clone(&index));
    let results = searcher.search(&reports, &parsed, &options);
    mark("searched");
    let lowered = results.hits.is_empty().then(|| case_hint::lowered(query)).flatten();
    let hint = lowered.map(|lower| searcher.search(&reports, &Query::parse(&lower), &options).total);
    let (printed_reports, items, hits) = printed(&reports, &index.items, &results.hits);
    if reports.damaged() {
        mark("stored library damaged");
        return None;
    }
    mark(&format!("answered from the stored library, {} of {} reports read", reports.read_back(), reports.count()));
    say_problems();
    if let Some(total) = hint {
        print_case_hint(query, total);
    }
    let code = print(&printed_reports, &items, &hits, &parsed, format);
    // The process ends here: freeing a library's worth of small allocations
    // one by one would take longer than the search.
    std::mem::forget((searcher, index, reports));
    Some(code)
}

/// The reports, items and hits to print, read back from `stored`: only the
/// hits' reports, numbered afresh.
fn printed(stored: &impl Reports, all: &[Item], hits: &[Hit]) -> (Vec<Report>, Vec<Item>, Vec<Hit>) {
    let mut reports: Vec<Report> = Vec::new();
    let mut numbers: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    let mut items = Vec::with_capacity(hits.len());
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        let item = all[hit.item as usize];
        let report = *numbers.entry(item.report).or_insert_with(|| {
            reports.push(stored.report(item.report as usize).clone());
            reports.len() as u32 - 1
        });
        out.push(Hit { item: items.len() as u32, score: hit.score });
        items.push(Item { report, ..item });
    }
    (reports, items, out)
}

/// For benchmarks and tests: with `PODIUM_TIMING=FILE`, which way the search
/// went is appended to FILE, with the milliseconds since start.
fn mark(what: &str) {
    let Some(file) = std::env::var_os("PODIUM_TIMING") else { return };
    let ms = crate::START.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(file) {
        let _ = writeln!(f, "{what} {ms:.1}");
    }
}

fn empty_query() -> ExitCode {
    eprintln!("podium: empty query; `podium search --help` shows the syntax");
    ExitCode::from(USAGE_OR_IO)
}

fn print(reports: &[Report], items: &[Item], hits: &[Hit], parsed: &Query, format: &Format) -> ExitCode {
    let code = if hits.is_empty() { FOUND_PROBLEMS } else { OK };
    super::output::print_with(code, |out| match format.format {
        SearchFormat::Json => writeln!(out, "{}", json::hits(reports, items, hits, parsed)),
        SearchFormat::Markdown => write!(out, "{}", markdown::hits(reports, items, hits, parsed)),
        SearchFormat::Tsv => {
            for hit in hits {
                let item = &items[hit.item as usize];
                let report = &reports[item.report as usize];
                let speaker = item.speaker.and_then(|s| report.speakers.get(s as usize)).map(|s| s.name.as_str());
                // The field that matched: a speaker's point rather than their name line.
                let text = podium::search::snippet(reports, item, parsed).map(|s| s.text).unwrap_or_default();
                // The first error ends the output: the rest would fail too.
                writeln!(out, "{}\t{}\t{}\t{}", hit.score, report.id, speaker.unwrap_or(""), text.replace('\t', " "))?;
            }
            Ok(())
        }
    })
}

/// Smart case explained, as in the reader: a query with capitals that finds
/// nothing says on stderr what it finds in lower case (`total` hits), if
/// anything.
fn print_case_hint(query: &str, total: usize) {
    if total > 0 {
        // The query came from the command line, but nothing of it drives the terminal.
        eprintln!("podium: {}", sanitize_line(&case_hint::no_hits(query, Some(total))));
    }
}

/// The stored index of the library loaded from `inputs`, when there is one
/// for exactly `reports` (never with `--no-cache`).
fn stored_index(inputs: &[Input], opts: &LoadOptions, reports: &[Report]) -> Option<Index> {
    let path = store::path_for_inputs(opts.cache?, inputs)?;
    // Hashing the library costs ~1% of a scan: not when there is nothing to compare it with.
    if !path.is_file() {
        return None;
    }
    let key = store::library_key(reports, podium::load::cache::program());
    store::load(&path, key, reports).ok()
}
