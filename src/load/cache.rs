//! A cache of parsed report files, so that loading a library that has not
//! changed skips the YAML parser (most of the cost of `podium search`).
//!
//! One entry per file, named by a hash of its canonical path, holding the
//! file's identity (size, modification and change times, inode) and the
//! parse outcome. An entry is used only if every part of the identity and the
//! program's own identity match; anything unreadable or inconsistent is a
//! miss, never an error. Entries are written atomically.
//!
//! An entry is [`MAGIC`] (the format and its version), the entry in
//! MessagePack, then the xxh3-64 of all before it (8 bytes, little-endian):
//! an entry whose bytes do not match it (a flipped bit, a torn write) is a
//! miss, and the file is parsed and cached again. An entry that matches is
//! still re-checked like the text of a file (`cache/check.rs`).

mod check;

use super::document::FileOutcome;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

/// Entries larger than this are not read (the outcome of a 16 MiB file is
/// far smaller).
const MAX_ENTRY: u64 = 64 << 20;

/// Starts every entry: the format's name and version. Version 2 added the
/// checksum; entries of version 1 (bare MessagePack) are misses.
const MAGIC: &[u8] = b"podium-cache\0\x02";

/// Bytes of the checksum that ends every entry.
const SUM: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Identity {
    pub(super) len: u64,
    pub(super) modified_ns: i128,
    pub(super) changed_ns: i128,
    pub(super) inode: u64,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    /// The program that wrote the entry: another build may parse differently.
    program: String,
    canonical: PathBuf,
    identity: Identity,
    /// The path as the outcome names it.
    given: PathBuf,
    /// When the entry was written (ns since the epoch), to spot racy entries.
    written_ns: i128,
    outcome: FileOutcome,
}

pub(super) fn identity(meta: &std::fs::Metadata) -> Identity {
    use std::os::unix::fs::MetadataExt;
    let ns = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
    Identity {
        len: meta.len(),
        modified_ns: ns(meta.mtime(), meta.mtime_nsec()),
        changed_ns: ns(meta.ctime(), meta.ctime_nsec()),
        inode: meta.ino(),
    }
}

/// This build of podium: its version and its executable's size and time, so
/// a rebuilt binary (whose loader may differ) ignores older entries.
pub fn program() -> &'static str {
    static PROGRAM: OnceLock<String> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        let exe = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok());
        let stamp = exe.map(|m| identity(&m)).map_or(String::new(), |i| format!("{}-{}", i.len, i.modified_ns));
        format!("podium {} {stamp}", env!("CARGO_PKG_VERSION"))
    })
}

fn entry_path(dir: &Path, canonical: &Path) -> PathBuf {
    // Any stable hash will do: the entry itself records the path it is for.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    dir.join(format!("{:016x}.bin", h.finish()))
}

/// Entries are not parsed again, only checked, so only a folder that no one
/// else can write to is trusted: owned by this user, not writable by others.
fn trusted(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let uid = unsafe { libc::geteuid() };
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir() && m.uid() == uid && m.mode() & 0o022 == 0)
}

/// The cached outcome of `path` (with the file's size), if the file is
/// unchanged since it was cached and within `max_size` (larger files go to
/// the reader, which refuses them).
pub fn get(dir: &Path, path: &Path, max_size: u64) -> Option<(u64, FileOutcome)> {
    if !trusted(dir) {
        return None;
    }
    let canonical = std::fs::canonicalize(path).ok()?;
    let identity = identity(&std::fs::metadata(&canonical).ok()?);
    let file = entry_path(dir, &canonical);
    if std::fs::metadata(&file).ok()?.len() > MAX_ENTRY {
        return None;
    }
    let bytes = std::fs::read(&file).ok()?;
    let entry: Entry = rmp_serde::from_slice(unseal(&bytes)?).ok()?;
    if entry.program != program() || entry.canonical != canonical || entry.identity != identity {
        return None;
    }
    if racy(&entry.identity, entry.written_ns) {
        return None;
    }
    if identity.len > max_size || entry.given.file_stem() != path.file_stem() {
        // Too large now, or reached by another name (a symlink): the name
        // gives the default report id, so the outcome would differ.
        return None;
    }
    // Last, as the only check that reads the whole outcome.
    if !check::plausible(&entry.outcome, &entry.given) {
        return None;
    }
    let mut outcome = entry.outcome;
    if entry.given != path {
        // The same file reached by another path (`content/a.yaml`, `./a.yaml`).
        for parsed in &mut outcome.reports {
            parsed.report.origin.path = path.to_path_buf();
        }
        for problem in &mut outcome.problems {
            problem.path = path.to_path_buf();
        }
    }
    // Marks the entry as used, for `prune`.
    if let Ok(f) = std::fs::File::options().write(true).open(&file) {
        let _ = f.set_modified(std::time::SystemTime::now());
    }
    Some((identity.len, outcome))
}

/// Timestamps are coarse (ext4 ticks every few milliseconds): a file changed
/// again, at the same size, within a tick of being cached would look
/// unchanged. So an entry written less than a second after its file last
/// changed is not trusted (git's "racy clean" rule); such a file is parsed
/// again until it has been still for a second.
fn racy(identity: &Identity, written_ns: i128) -> bool {
    written_ns - identity.changed_ns.max(identity.modified_ns) < 1_000_000_000
}

fn now_ns() -> i128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128)
}

/// Entries unused for this long are deleted (their files were moved, renamed
/// or deleted, or are no longer read).
pub const MAX_UNUSED: std::time::Duration = std::time::Duration::from_secs(60 * 24 * 3600);

/// Deletes the entries unused for `max_unused`, at most once a day (a stamp
/// file remembers when): the cache would otherwise keep every file ever read.
pub fn prune(dir: &Path, max_unused: std::time::Duration) {
    use std::time::{Duration, SystemTime};
    if !trusted(dir) {
        return;
    }
    let stamp = dir.join("pruned");
    let age = |p: &Path| {
        std::fs::metadata(p).and_then(|m| m.modified()).ok().and_then(|t| SystemTime::now().duration_since(t).ok())
    };
    if age(&stamp).is_some_and(|a| a < Duration::from_secs(24 * 3600)) {
        return;
    }
    let _ = std::fs::write(&stamp, b"");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "bin") && age(&path).is_some_and(|a| a > max_unused) {
            let _ = std::fs::remove_file(&path);
        }
    }
    // The stored search indexes (`search::index::store`): one per library,
    // rewritten whenever the reader builds one; what a killed write left
    // behind (a temporary file) goes after an hour.
    let Ok(entries) = std::fs::read_dir(dir.join("index")) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let temporary = entry.file_name().to_string_lossy().starts_with(".tmp");
        let old = if temporary { Duration::from_secs(3600) } else { max_unused };
        let ours = temporary || path.extension().is_some_and(|e| e == "idx");
        if ours && age(&path).is_some_and(|a| a > old) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Stores the outcome of `path`, whose metadata was `before` when it was
/// read: if the file has changed since, nothing is stored.
pub fn put(dir: &Path, path: &Path, before: &std::fs::Metadata, outcome: &FileOutcome) {
    let Ok(canonical) = std::fs::canonicalize(path) else { return };
    let read = identity(before);
    if std::fs::metadata(&canonical).map(|m| identity(&m)).ok() != Some(read) {
        return;
    }
    let entry = Entry {
        program: program().to_string(),
        canonical: canonical.clone(),
        identity: read,
        given: path.to_path_buf(),
        written_ns: now_ns(),
        outcome: outcome.clone(),
    };
    let Some(bytes) = seal(&entry) else { return };
    if !dir.exists() {
        use std::os::unix::fs::DirBuilderExt;
        let _ = std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir);
    }
    if !trusted(dir) {
        return;
    }
    // A temporary file renamed into place: readers never see half an entry.
    let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) else { return };
    if std::io::Write::write_all(&mut tmp, &bytes).is_ok() {
        let _ = tmp.persist(entry_path(dir, &canonical));
    }
}

/// The bytes of an entry: [`MAGIC`], the entry, the checksum of both.
fn seal(entry: &Entry) -> Option<Vec<u8>> {
    let mut bytes = MAGIC.to_vec();
    // Named fields: the model leaves out empty optional fields when it is
    // serialised, which only a self-describing format reads back.
    rmp_serde::encode::write_named(&mut bytes, entry).ok()?;
    let sum = xxh3_64(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    Some(bytes)
}

/// The entry inside `bytes`, if they are intact and of this format.
fn unseal(bytes: &[u8]) -> Option<&[u8]> {
    let (sealed, sum) = bytes.split_at_checked(bytes.len().checked_sub(SUM)?)?;
    if xxh3_64(sealed).to_le_bytes() != sum {
        return None;
    }
    sealed.strip_prefix(MAGIC)
}

/// Where the cache lives: `$XDG_CACHE_HOME/podium`, else `~/.cache/podium`.
pub fn default_dir(xdg_cache_home: Option<&std::ffi::OsStr>, home: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    let base = match xdg_cache_home.map(PathBuf::from).filter(|p| p.is_absolute()) {
        Some(dir) => dir,
        None => PathBuf::from(home.filter(|h| !h.is_empty())?).join(".cache"),
    };
    Some(base.join("podium"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_written_within_a_second_of_a_change_are_racy() {
        let second = 1_000_000_000;
        let at = |modified_ns, changed_ns| Identity { len: 1, modified_ns, changed_ns, inode: 1 };
        assert!(racy(&at(10 * second, 10 * second), 10 * second + 3_000_000), "3 ms after");
        assert!(racy(&at(5 * second, 10 * second), 10 * second + 999_999_999), "the change time counts");
        assert!(!racy(&at(10 * second, 10 * second), 11 * second), "a second after");
        assert!(racy(&at(10 * second, 10 * second), 9 * second), "a clock that went back");
    }
}
