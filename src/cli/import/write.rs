//! Atomic writes of imported reports: a temporary file beside the target,
//! synced, then renamed, so no reader and no interruption ever sees a partial
//! file, and an existing file is replaced only with `--force`.

use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use tempfile::NamedTempFile;

/// Temporary files are named `.podium-import-XXXXXX.tmp`, so one left by a
/// killed import says what it is.
const TEMP_PREFIX: &str = ".podium-import-";
const TEMP_SUFFIX: &str = ".tmp";

/// Older than this, a temporary file belongs to no running import.
const STALE: Duration = Duration::from_secs(60 * 60);

/// So many reports of one name in one folder is not a library but a loop.
const MAX_NUMBER: usize = 10_000;

/// Never overwrites without `--force`; writes a temporary file beside the
/// target and renames it, so an interrupted import leaves the old file whole.
/// A new file gets the mode a shell redirect would give it (0666 less the
/// umask), a replaced one keeps its own.
pub fn to_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let shown = podium::load::sanitize::path(path);
    // A stream (`-o /dev/null`, a FIFO, `-o >(gzip > x.gz)`) is written into,
    // as a shell redirect would: renaming a file over it would replace the
    // device or pipe itself (as root, /dev/null).
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() || kind.is_fifo() {
            return std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(bytes))
                .map_err(|e| cannot_write(path, &e));
        }
        if kind.is_block_device() || kind.is_socket() {
            anyhow::bail!("cannot write {shown}: not a regular file");
        }
    }
    let exists = || anyhow::anyhow!("{shown} exists; add --force to replace it");
    // Checked first only to fail before writing; the rename below is what keeps the file safe.
    if !force && path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    remove_stale_temporaries(dir);
    let tmp = temporary(dir, bytes).map_err(|e| e.into_error(path))?;
    match persist(tmp, path, force) {
        Ok(()) => Ok(()),
        Err(Refused::Exists(_)) => Err(exists()),
        Err(Refused::Failed(e)) => Err(cannot_write(path, &e)),
    }
}

/// Writes `bytes` into `dir` as `STEM.yaml`, else `STEM-2.yaml`, `STEM-3.yaml`
/// …: the first name that is neither in `taken` (written earlier in this run)
/// nor, without `force`, in the folder. A folder of that name is never
/// replaced. Returns the path written.
pub fn into_folder(
    dir: &Path,
    stem: &str,
    bytes: &[u8],
    force: bool,
    taken: &std::collections::HashSet<PathBuf>,
) -> Result<PathBuf> {
    let mut tmp = temporary(dir, bytes).map_err(|e| e.into_error(&dir.join(format!("{stem}.yaml"))))?;
    for n in 1..=MAX_NUMBER {
        let name = if n == 1 { format!("{stem}.yaml") } else { format!("{stem}-{n}.yaml") };
        let path = dir.join(name);
        let on_disk = path.symlink_metadata();
        if taken.contains(&path) || on_disk.is_ok_and(|m| !force || !m.is_file()) {
            continue;
        }
        match persist(tmp, &path, force) {
            Ok(()) => return Ok(path),
            // Created since the check above (another import into the same folder): the next name.
            Err(Refused::Exists(back)) => tmp = back,
            Err(Refused::Failed(e)) => return Err(cannot_write(&path, &e)),
        }
    }
    let shown = podium::load::sanitize::path(&dir.join(format!("{stem}-{MAX_NUMBER}.yaml")));
    anyhow::bail!("cannot write {shown}: every name up to it is taken")
}

/// Why a temporary file could not be made: in the folder, or the file.
enum Unwritten {
    Folder(PathBuf, std::io::Error),
    File(std::io::Error),
}

impl Unwritten {
    /// Errors name what the user chose, not the temporary file.
    fn into_error(self, target: &Path) -> anyhow::Error {
        match self {
            Unwritten::Folder(dir, e) => {
                anyhow::anyhow!("cannot write in {}: {}", podium::load::sanitize::path(&dir), cause(&e))
            }
            Unwritten::File(e) => cannot_write(target, &e),
        }
    }
}

fn temporary(dir: &Path, bytes: &[u8]) -> Result<NamedTempFile, Unwritten> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // tempfile creates 0600 files; the mode given at creation is masked by the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Unwritten::Folder(dir.to_path_buf(), e))?;
    tmp.as_file_mut().write_all(bytes).and_then(|()| tmp.as_file().sync_all()).map_err(Unwritten::File)?;
    Ok(tmp)
}

enum Refused {
    /// The target exists and may not be replaced: the temporary file, to try another name.
    Exists(NamedTempFile),
    Failed(std::io::Error),
}

/// Renames `tmp` to `path`; over an existing file only with `force`, and
/// then with that file's mode.
fn persist(tmp: NamedTempFile, path: &Path, force: bool) -> Result<(), Refused> {
    if force && let Ok(old) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(old.permissions()).map_err(Refused::Failed)?;
    }
    // The end-to-end test of a SIGKILL before the rename: no destructor runs.
    #[cfg(feature = "test-hooks")]
    if std::env::var_os("PODIUM_TEST_KILL_BEFORE_RENAME").is_some() {
        std::process::abort();
    }
    if force {
        tmp.persist(path).map(drop).map_err(|e| Refused::Failed(e.error))
    } else {
        // A file created since the caller looked is not overwritten either.
        tmp.persist_noclobber(path).map(drop).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => Refused::Exists(e.file),
            _ => Refused::Failed(e.error),
        })
    }
}

fn cannot_write(path: &Path, e: &std::io::Error) -> anyhow::Error {
    let why = if path.is_dir() { "is a folder".to_string() } else { cause(e) };
    anyhow::anyhow!("cannot write {}: {why}", podium::load::sanitize::path(path))
}

/// The system's reason, without tempfile's "at path …" (a temporary name the
/// user never chose).
fn cause(e: &std::io::Error) -> String {
    let text = crate::cli::output::reason(e);
    match text.find(" at path ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Removes temporary files that imports killed before their rename (SIGKILL,
/// power loss) left in `dir`. Recent ones may belong to an import still
/// running; anything else, and anything that cannot be checked, is left alone.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        // Not followed: a link of that name is not ours.
        let stale = entry.metadata().is_ok_and(|m| {
            m.file_type().is_file() && m.modified().is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE))
        });
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
