//! Reads one file, bounded in size and never blocking on a FIFO, then parses it.

use super::LoadOptions;
use super::document::{FileOutcome, parse_file};
use super::problem::Problem;
use super::walk::{FileSource, io_message};
use std::io::Read;
use std::path::Path;

/// Returns the bytes read and the parse outcome.
pub fn read_and_parse(source: &FileSource, opts: &LoadOptions) -> (u64, FileOutcome) {
    let (path, stem, bytes) = match source {
        FileSource::Embedded { name, text } => {
            let path = Path::new(name);
            return (text.len() as u64, parse_file(path, &stem_of(path), text.as_bytes()));
        }
        FileSource::Stdin => {
            let path = Path::new("<stdin>");
            (path, "stdin".to_string(), read_bounded(std::io::stdin().lock(), opts.max_file_size))
        }
        FileSource::Disk(path) => {
            if let Some(hit) = opts.cache.and_then(|dir| super::cache::get(dir, path, opts.max_file_size)) {
                return hit;
            }
            let before = std::fs::metadata(path);
            let bytes = read_file(path, opts.max_file_size);
            if let (Some(dir), Ok(before), Ok(bytes)) = (opts.cache, before, &bytes) {
                let outcome = parse_file(path, &stem_of(path), bytes);
                super::cache::put(dir, path, &before, &outcome);
                return (bytes.len() as u64, outcome);
            }
            (path.as_path(), stem_of(path), bytes)
        }
    };
    match bytes {
        Ok(bytes) => (bytes.len() as u64, parse_file(path, &stem, &bytes)),
        Err(message) => (0, FileOutcome { reports: vec![], problems: vec![Problem::error(path, None, message)] }),
    }
}

fn stem_of(path: &Path) -> String {
    // The stem becomes an id, printed everywhere: a file name can hold escapes.
    path.file_stem().map(|s| super::sanitize::sanitize_line(&s.to_string_lossy())).unwrap_or_else(|| "report".into())
}

/// Reads a regular file of at most `limit` bytes; never blocks on a FIFO.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
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
    read_bounded(file, limit)
}

fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
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
