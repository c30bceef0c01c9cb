//! `podium index`: builds the search index of a library and keeps it, with
//! the reports, beside the parse cache, where `podium search` and the reader
//! find it; `--check` says whether the stored one is up to date.

use super::progress::Progress;
use super::{FOUND_PROBLEMS, OK, USAGE_OR_IO, load_reporting};
use podium::load::stamp::{files_key, files_stamp};
use podium::load::{Input, Library, LoadOptions, sanitize};
use podium::search::Index;
use podium::search::index::manifest::Manifest;
use podium::search::index::store::{self, Keys, StoreError};
use signal_hook::consts::signal::{SIGINT, SIGTERM};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The shell's code for a command ended by Ctrl-C.
const INTERRUPTED: u8 = 130;

/// `background`: started by `podium search` (see `refresh.rs`): nothing to
/// do if a build of the same index runs already.
pub fn run(inputs: &[Input], opts: &LoadOptions, check: bool, background: bool) -> ExitCode {
    let Some(dir) = opts.cache else {
        eprintln!("podium: the index is kept in the cache folder, which --no-cache turns off");
        return ExitCode::from(USAGE_OR_IO);
    };
    let Some(path) = store::path_for_inputs(dir, inputs) else {
        eprintln!("podium: a library read from standard input has no index to keep");
        return ExitCode::from(USAGE_OR_IO);
    };
    let shown = sanitize::path(&path);
    let _lock = if background {
        let Some(lock) = super::refresh::Lock::take(&path) else { return ExitCode::from(OK) };
        super::refresh::give_way();
        Some(lock)
    } else {
        None
    };
    let mut library = load_reporting(inputs, opts);
    let start = Instant::now();
    let mut stamp = files_stamp(inputs, opts, library.read_since);
    if stamp.is_none() && !check && files_key(inputs, opts, None).is_some() {
        // A file changed just before it was read: what was read may not be
        // what its stamp says. Read again once it has been still a moment.
        std::thread::sleep(Duration::from_millis(1100));
        library = podium::load::load(inputs, opts);
        stamp = files_stamp(inputs, opts, library.read_since);
    }
    let program = podium::load::cache::program();
    let content = store::library_key(&library.reports, program);
    let keys = Keys { content, files: stamp.as_ref().map_or(0, |s| s.key) };
    let manifest = stamp.and_then(|s| Manifest::new(program, &s.files, &library.reports));
    let stored = store::keys_of(&path);
    let index = store::load(&path, content, &library.reports);
    let files_as_stored = stored.as_ref().is_ok_and(|k| k.files != 0 && Some(k.files) == files_key(inputs, opts, None));
    match index {
        Ok(index) if files_as_stored => {
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
        Ok(_) if check => super::output::print_with(FOUND_PROBLEMS, |out| {
            writeln!(out, "not up to date: the files changed since (not their reports)\n{shown}")
        }),
        Err(why) if check => {
            super::output::print_with(FOUND_PROBLEMS, |out| writeln!(out, "not up to date: {why}\n{shown}"))
        }
        // The same reports, stamped anew: kept without building again.
        Ok(index) => save(&path, keys, index, &library, manifest.as_ref(), None, start),
        Err(why) => {
            let progress = Progress::on_stderr();
            progress.phase(&format!("Indexing    {} reports…", library.reports.len()));
            let index = Index::build(&library.reports);
            drop(progress);
            save(&path, keys, index, &library, manifest.as_ref(), Some(why), start)
        }
    }
}

/// Saves and says what was saved; `why`: what was wrong with the old file,
/// when the index was built again.
fn save(
    path: &std::path::Path,
    keys: Keys,
    index: Index,
    library: &Library,
    manifest: Option<&Manifest>,
    why: Option<StoreError>,
    start: Instant,
) -> ExitCode {
    let shown = sanitize::path(path);
    let built = start.elapsed();
    // Until now an interrupt had nothing to undo; from here it stops the
    // save, which leaves the stored file as it was, and says so.
    let interrupted = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&interrupted));
    }
    let stop = || interrupted.load(Ordering::Relaxed);
    let progress = Progress::on_stderr();
    let saved = store::save_with(
        path,
        keys,
        &index,
        &library.reports,
        &library.problems,
        manifest,
        &|done, total| progress.step("Compressing", done, total, "blocks"),
        &stop,
    );
    drop(progress);
    if stop() {
        eprintln!("podium: interrupted; the stored index is as it was\n{shown}");
        return ExitCode::from(INTERRUPTED);
    }
    match saved {
        Ok(size) => super::output::print_with(OK, |out| {
            let was = match &why {
                None => " (the same reports: stamped anew)".to_string(),
                Some(StoreError::Missing) => String::new(),
                Some(other) => format!(" ({other}: built again)"),
            };
            let unstamped = if keys.files == 0 {
                "\nnote: a file changed while it was read; `podium search` reads the files until the next `podium index`"
            } else {
                ""
            };
            writeln!(
                out,
                "indexed {} reports: {} items, {} words in {:.2} s, {} on disk{was}{unstamped}\n{shown}",
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
