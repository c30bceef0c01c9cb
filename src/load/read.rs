//! Reads one file, bounded in size and never blocking on a FIFO, then parses it.

use super::LoadOptions;
use super::document::{FileOutcome, parse_checked, parse_file};
use super::prescan::{Checker, Rejection};
use super::problem::Problem;
use super::walk::{FileSource, io_message};
use std::io::Read;
use std::path::Path;

/// Returns the bytes read and the parse outcome.
pub fn read_and_parse(source: &FileSource, opts: &LoadOptions) -> (u64, FileOutcome) {
    let (path, stem, read) = match source {
        FileSource::Embedded { name, text } => {
            let path = Path::new(name);
            return (text.len() as u64, parse_file(path, &stem_of(path), text.as_bytes()));
        }
        FileSource::Stdin => {
            let path = Path::new("<stdin>");
            (path, "stdin".to_string(), read_report(std::io::stdin().lock(), opts.max_file_size))
        }
        FileSource::Disk(path) => {
            if let Some(hit) = opts.cache.and_then(|dir| super::cache::get(dir, path, opts.max_file_size)) {
                return hit;
            }
            let before = std::fs::metadata(path);
            let read = open(path, opts.max_file_size)
                .map_err(Refused::Io)
                .and_then(|file| read_report(file, opts.max_file_size));
            if let (Some(dir), Ok(before), Ok(bytes)) = (opts.cache, before, &read) {
                let outcome = parse_checked(path, &stem_of(path), bytes);
                super::cache::put(dir, path, &before, &outcome);
                return (bytes.len() as u64, outcome);
            }
            (path.as_path(), stem_of(path), read)
        }
    };
    let error = |pos, message| FileOutcome { reports: vec![], problems: vec![Problem::error(path, pos, message)] };
    match read {
        Ok(bytes) => (bytes.len() as u64, parse_checked(path, &stem, &bytes)),
        Err(Refused::Io(message)) => (0, error(None, message)),
        Err(Refused::Content(r, read)) => (read, error(r.pos, r.message)),
    }
}

/// Why a file was not read whole.
enum Refused {
    /// It could not be read, or is too large.
    Io(String),
    /// What was read (so many bytes) shows it is no report file.
    Content(Rejection, u64),
}

/// Reads a report file, checking each piece as it comes (see [`Checker`]).
fn read_report(reader: impl Read, limit: u64) -> Result<Vec<u8>, Refused> {
    let mut checker = Checker::default();
    read_bounded(reader, limit, |bytes, whole| {
        checker.check(bytes, whole).map(|_| ()).map_err(|r| Refused::Content(r, bytes.len() as u64))
    })
}

fn stem_of(path: &Path) -> String {
    // The stem becomes an id, printed everywhere: a file name can hold escapes.
    path.file_stem().map(|s| super::sanitize::sanitize_line(&s.to_string_lossy())).unwrap_or_else(|| "report".into())
}

/// Reads a regular file of at most `limit` bytes; never blocks on a FIFO.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    read_bounded(open(path, limit)?, limit, |_, _| Ok(())).map_err(|e| match e {
        Refused::Io(message) => message,
        Refused::Content(r, _) => r.message,
    })
}

/// Opens a regular file of at most `limit` bytes without blocking on a FIFO.
fn open(path: &Path, limit: u64) -> Result<std::fs::File, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // A FIFO named on the command line would block `open` forever.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if !meta.is_file() {
        return Err("not a regular file (a FIFO, socket, device or folder?)".into());
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    Ok(file)
}

/// Files are read in pieces of this size, each checked before the next is
/// read: a file refused at its start costs one piece of memory and time.
const PIECE: u64 = 1 << 20;

/// Reads at most `limit` bytes, calling `check` with all read so far after
/// each piece (and `true` after the last).
fn read_bounded(
    mut reader: impl Read,
    limit: u64,
    mut check: impl FnMut(&[u8], bool) -> Result<(), Refused>,
) -> Result<Vec<u8>, Refused> {
    let mut bytes = Vec::new();
    loop {
        // One byte past the limit tells a file over it.
        let want = limit.saturating_add(1).saturating_sub(bytes.len() as u64).min(PIECE);
        let got = (&mut reader).take(want).read_to_end(&mut bytes).map_err(|e| Refused::Io(io_message(&e)))?;
        if bytes.len() as u64 > limit {
            return Err(Refused::Io(too_large(bytes.len() as u64, limit)));
        }
        let whole = (got as u64) < want;
        check(&bytes, whole)?;
        if whole {
            return Ok(bytes);
        }
    }
}

fn too_large(size: u64, limit: u64) -> String {
    format!(
        "file is {} (at least), over the {} limit for one report file; raise it with --max-file-size",
        human_size(size),
        human_size(limit)
    )
}

pub fn human_size(bytes: u64) -> String {
    const MIB: f64 = (1 << 20) as f64;
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}
