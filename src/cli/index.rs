//! `podium index`: builds the search index of a library and keeps it beside
//! the parse cache, where `podium search` and the reader find it; `--check`
//! says whether the stored one is up to date.

use super::{FOUND_PROBLEMS, OK, USAGE_OR_IO, load_reporting};
use podium::load::sanitize;
use podium::load::{Input, LoadOptions};
use podium::search::Index;
use podium::search::index::store;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(inputs: &[Input], opts: &LoadOptions, check: bool) -> ExitCode {
    let Some(dir) = opts.cache else {
        eprintln!("podium: the index is kept in the cache folder, which --no-cache turns off");
        return ExitCode::from(USAGE_OR_IO);
    };
    let Some(path) = store::path_for_inputs(dir, inputs) else {
        eprintln!("podium: a library read from standard input has no index to keep");
        return ExitCode::from(USAGE_OR_IO);
    };
    let library = load_reporting(inputs, opts);
    let start = Instant::now();
    let key = store::library_key(&library.reports, podium::load::cache::program());
    let shown = sanitize::path(&path);
    match store::load(&path, key, &library.reports) {
        Ok(index) => {
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            super::output::print_with(OK, |out| {
                writeln!(
                    out,
                    "up to date: {} items, {} words, {} on disk, checked in {} ms\n{shown}",
                    index.len(),
                    index.vocabulary_len(),
                    podium::load::human_size(size),
                    start.elapsed().as_millis()
                )
            })
        }
        Err(why) if check => {
            super::output::print_with(FOUND_PROBLEMS, |out| writeln!(out, "not up to date: {why}\n{shown}"))
        }
        Err(why) => {
            let index = Index::build(&library.reports);
            let built = start.elapsed();
            match store::save(&path, key, &index) {
                Ok(size) => super::output::print_with(OK, |out| {
                    let was = match why {
                        store::StoreError::Missing => String::new(),
                        other => format!(" ({other}: built again)"),
                    };
                    writeln!(
                        out,
                        "indexed {} reports: {} items, {} words in {:.2} s, {} on disk{was}\n{shown}",
                        library.reports.len(),
                        index.len(),
                        index.vocabulary_len(),
                        built.as_secs_f64(),
                        podium::load::human_size(size),
                    )
                }),
                Err(e) => {
                    eprintln!("podium: cannot write {shown}: {}", super::output::reason(&e));
                    ExitCode::from(USAGE_OR_IO)
                }
            }
        }
    }
}
