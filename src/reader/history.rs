//! The search prompt's history across runs: `$XDG_STATE_HOME/podium/history`
//! (else `~/.local/state/podium/history`), one query a line, the newest last.
//!
//! The file is ours, but it may be damaged, replaced or shared by two readers
//! at once: it is read bounded and never blocking, a line that is not a query
//! podium would keep (control or invisible characters, too long) is dropped,
//! and it is written whole to a temporary file renamed over it, so that a
//! reader killed mid-write leaves the old file or the new, never half of one.

use podium::app::search::{HISTORY_MAX, HISTORY_QUERY_MAX, remember};
use std::ffi::OsStr;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Read at most this much, from the end (where the newest are): 500 queries
/// of a typical length are a few KiB.
const MAX_READ: u64 = 256 * 1024;

/// `$XDG_STATE_HOME/podium/history`, else `$HOME/.local/state/podium/history`.
pub fn path(xdg_state_home: Option<&OsStr>, home: Option<&OsStr>) -> Option<PathBuf> {
    // The XDG spec: a relative XDG_STATE_HOME is invalid and ignored.
    let base = match xdg_state_home.map(PathBuf::from).filter(|p| p.is_absolute()) {
        Some(dir) => dir,
        None => PathBuf::from(home.filter(|h| !h.is_empty())?).join(".local/state"),
    };
    Some(base.join("podium").join("history"))
}

/// The queries kept, oldest first; none if the file is missing or unreadable.
pub fn load(path: &Path) -> Vec<String> {
    let Ok(bytes) = read_tail(path) else { return Vec::new() };
    // Cut mid-file by the bound: the first line may be a part of one.
    let cut = std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_READ);
    let text = String::from_utf8_lossy(&bytes);
    let mut queries = Vec::new();
    for line in text.split('\n').skip(usize::from(cut)) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        // Only what the prompt could have typed: anything a sanitiser would
        // change (escapes, bidi controls, NUL, invalid UTF-8) is not a query of ours.
        if podium::load::sanitize::sanitize_line(line) == line && !line.contains('\u{FFFD}') {
            remember(&mut queries, line);
        }
    }
    queries
}

/// `query` added to the file as its newest entry (once, within the bound),
/// merged with what another reader may have added since this one started.
pub fn add(path: &Path, query: &str) -> std::io::Result<()> {
    let mut queries = load(path);
    remember(&mut queries, query);
    write(path, &queries)
}

/// The whole file written to a temporary one beside it, then renamed over it.
fn write(path: &Path, queries: &[String]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut text = String::new();
    for q in queries.iter().skip(queries.len().saturating_sub(HISTORY_MAX)) {
        if q.len() <= HISTORY_QUERY_MAX && !q.contains(['\n', '\r']) {
            text.push_str(q);
            text.push('\n');
        }
    }
    // Created 0600: what someone searched for is nobody else's business.
    let mut tmp = tempfile::Builder::new().prefix(".history.").tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    // No fsync: it would hold the loop for as long as the disk likes, and the
    // rename alone already leaves a whole file, old or new, to anything but a power cut.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The last [`MAX_READ`] bytes of a regular file; never blocks on a FIFO.
fn read_tail(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > MAX_READ {
        file.seek(SeekFrom::Start(meta.len() - MAX_READ))?;
    }
    let mut bytes = Vec::new();
    file.take(MAX_READ).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn where_it_lives() {
        let p = |x: Option<&str>, h: Option<&str>| path(x.map(OsStr::new), h.map(OsStr::new));
        assert_eq!(p(Some("/st"), Some("/h")), Some(PathBuf::from("/st/podium/history")));
        assert_eq!(p(Some("rel"), Some("/h")), Some(PathBuf::from("/h/.local/state/podium/history")));
        assert_eq!(p(None, Some("/h")), Some(PathBuf::from("/h/.local/state/podium/history")));
        assert_eq!(p(None, Some("")), None);
        assert_eq!(p(None, None), None);
    }

    #[test]
    fn queries_are_kept_once_newest_last_and_bounded() {
        let d = dir();
        let file = d.path().join("state/podium/history");
        assert_eq!(load(&file), Vec::<String>::new(), "no file yet");
        for q in ["ecpat", "teachers parents", "ecpat", "  ", ""] {
            add(&file, q).unwrap();
        }
        assert_eq!(load(&file), ["teachers parents", "ecpat"]);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "teachers parents\necpat\n");
        for i in 0..HISTORY_MAX + 20 {
            add(&file, &format!("query {i}")).unwrap();
        }
        let kept = load(&file);
        assert_eq!(kept.len(), HISTORY_MAX);
        assert_eq!(kept.first().map(String::as_str), Some("query 20"));
        assert_eq!(kept.last().map(String::as_str), Some(format!("query {}", HISTORY_MAX + 19).as_str()));
        // Nothing left beside it: the temporary file was renamed over it.
        let names: Vec<_> =
            std::fs::read_dir(file.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["history"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn another_readers_queries_are_kept() {
        let d = dir();
        let file = d.path().join("history");
        add(&file, "mine").unwrap();
        std::fs::write(&file, "mine\ntheirs\n").unwrap();
        add(&file, "mine again").unwrap();
        assert_eq!(load(&file), ["mine", "theirs", "mine again"]);
    }

    #[test]
    fn a_damaged_file_gives_only_plain_queries_and_is_replaced_whole() {
        let d = dir();
        let file = d.path().join("history");
        let mut garbage =
            b"good one\r\n\x1b]52;c;ZXZpbA==\x07\nbidi \xe2\x80\xae txet\n\xff\xfe bad utf-8\n\0nul\n".to_vec();
        garbage.extend(format!("{}\nlast good\n", "x".repeat(HISTORY_QUERY_MAX + 1)).as_bytes());
        std::fs::write(&file, &garbage).unwrap();
        assert_eq!(load(&file), ["good one", "last good"]);
        add(&file, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "good one\nlast good\nnew\n");
    }

    #[test]
    fn a_huge_file_is_read_from_its_end_only() {
        let d = dir();
        let file = d.path().join("history");
        let mut big = "old query\n".repeat((MAX_READ / 10) as usize * 3);
        big.push_str("newest\n");
        std::fs::write(&file, big).unwrap();
        let kept = load(&file);
        assert_eq!(kept, ["old query", "newest"], "deduplicated, and no partial first line");
    }

    #[test]
    fn what_is_not_a_file_is_no_history() {
        let d = dir();
        assert!(load(d.path()).is_empty(), "a folder");
        #[cfg(unix)]
        {
            let fifo = d.path().join("fifo");
            let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            assert!(load(&fifo).is_empty(), "a FIFO, without blocking");
        }
        // A folder where the file should be: the query is not saved, and the reader goes on.
        let blocked = d.path().join("history");
        std::fs::create_dir(&blocked).unwrap();
        assert!(add(&blocked, "q").is_err());
    }
}
