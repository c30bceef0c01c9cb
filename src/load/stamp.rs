//! A library's files stamped without reading them: each file's path as
//! walked, size, modification and change times and inode, hashed into one
//! key. Something kept from a library (the stored search index and its
//! reports) is valid for as long as the key is the same, and checking that
//! costs a walk and a `stat` per file rather than reading every file.

use super::LoadOptions;
use super::cache::{identity, program};
use super::walk::{FileSource, Input, expand};
use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use xxhash_rust::xxh3::Xxh3Default;

/// How long a file must have been still before it was read for its stamp to
/// vouch for what was read: timestamps are coarse, and a file written again
/// within one tick at the same size would look unchanged (git's "racy clean"
/// rule, with the parse cache's margin).
const STILL: Duration = Duration::from_secs(1);

/// The key of the files `inputs` name now, if every one can be stamped:
/// none for standard input or the built-in report, when the walk meets a
/// problem (an unreadable folder may be readable next time), or when a file
/// cannot be `stat`ed.
///
/// `read_since`: when the library being kept began to be read. With it, the
/// key is given only if every file had been still for [`STILL`] by then, so
/// that the key stands for the content that was read.
pub fn files_key(inputs: &[Input], opts: &LoadOptions, read_since: Option<SystemTime>) -> Option<u64> {
    files_stamp(inputs, opts, read_since).map(|s| s.key)
}

/// The files of a library as stamped: their key, and each file (as walked,
/// in the walk's order) with its stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub key: u64,
    pub files: Vec<(PathBuf, FileStamp)>,
}

impl Stamp {
    /// The bytes of the files (what a load of them would count).
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, s)| s.len).sum()
    }
}

/// What a file's stamp is made of: its size, modification and change times
/// (ns since the epoch) and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    pub len: u64,
    pub modified_ns: i128,
    pub changed_ns: i128,
    pub inode: u64,
}

/// [`files_key`], with every file's stamp.
pub fn files_stamp(inputs: &[Input], opts: &LoadOptions, read_since: Option<SystemTime>) -> Option<Stamp> {
    if inputs.iter().any(|i| !matches!(i, Input::Path(_))) {
        return None;
    }
    let (files, problems) = expand(inputs);
    if !problems.is_empty() {
        return None;
    }
    let paths: Vec<&std::path::Path> = files
        .iter()
        .map(|f| match f {
            FileSource::Disk(p) => Some(p.as_path()),
            FileSource::Stdin | FileSource::Embedded { .. } => None,
        })
        .collect::<Option<_>>()?;
    let limit = read_since.map(|t| t.checked_sub(STILL).unwrap_or(SystemTime::UNIX_EPOCH));
    let limit_ns = limit.map(|t| t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128));
    // Both cores: a million quotes are tens of thousands of files.
    let stamps: Vec<FileStamp> = paths
        .par_iter()
        .map(|p| {
            let id = identity(&std::fs::metadata(p).ok()?);
            match limit_ns {
                Some(limit) if id.modified_ns.max(id.changed_ns) >= limit => None,
                _ => Some(FileStamp {
                    len: id.len,
                    modified_ns: id.modified_ns,
                    changed_ns: id.changed_ns,
                    inode: id.inode,
                }),
            }
        })
        .collect::<Option<_>>()?;
    let mut h = Xxh3Default::new();
    "podium files".hash(&mut h);
    program().hash(&mut h);
    opts.max_file_size.hash(&mut h);
    for (path, id) in paths.iter().zip(&stamps) {
        path.hash(&mut h);
        (id.len, id.modified_ns, id.changed_ns, id.inode).hash(&mut h);
    }
    let files = paths.into_iter().map(Path::to_path_buf).zip(stamps).collect();
    Some(Stamp { key: h.finish(), files })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &std::path::Path, text: &str) {
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn the_key_changes_with_any_file_and_only_then() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        std::fs::create_dir(&lib).unwrap();
        write(&lib.join("a.yaml"), "a");
        write(&lib.join("b.yaml"), "b");
        write(&lib.join("notes.txt"), "not a report");
        let inputs = [Input::Path(lib.clone())];
        let opts = LoadOptions::default();
        let key = files_key(&inputs, &opts, None).unwrap();
        assert_eq!(files_key(&inputs, &opts, None), Some(key), "unchanged");
        write(&lib.join("notes.txt"), "still not a report");
        assert_eq!(files_key(&inputs, &opts, None), Some(key), "a file that is not read");
        let other = LoadOptions { max_file_size: 10, ..opts };
        assert_ne!(files_key(&inputs, &other, None), Some(key), "another size limit");
        write(&lib.join("b.yaml"), "B");
        let changed = files_key(&inputs, &opts, None).unwrap();
        assert_ne!(changed, key, "same size, written again");
        write(&lib.join("c.yaml"), "c");
        let added = files_key(&inputs, &opts, None).unwrap();
        assert_ne!(added, changed, "a file added");
        std::fs::rename(lib.join("c.yaml"), lib.join("d.yaml")).unwrap();
        let renamed = files_key(&inputs, &opts, None).unwrap();
        assert_ne!(renamed, added, "a file renamed");
        std::fs::remove_file(lib.join("d.yaml")).unwrap();
        assert_ne!(files_key(&inputs, &opts, None).unwrap(), renamed, "a file removed");
        assert_eq!(files_key(&[Input::Stdin], &opts, None), None);
        assert_eq!(files_key(&[Input::Path(dir.path().join("gone"))], &opts, None), None);
    }

    #[test]
    fn a_file_changed_just_before_reading_vouches_for_nothing() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("a.yaml"), "a");
        let inputs = [Input::Path(dir.path().to_path_buf())];
        let opts = LoadOptions::default();
        let now = SystemTime::now();
        assert_eq!(files_key(&inputs, &opts, Some(now)), None, "written less than a second before");
        let later = now + Duration::from_secs(5);
        assert_eq!(files_key(&inputs, &opts, Some(later)), files_key(&inputs, &opts, None));
    }
}
