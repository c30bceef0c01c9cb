use super::{FOUND_PROBLEMS, OK, USAGE_OR_IO};
use anyhow::{Context, Result};
use podium::import::{self, yaml};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

pub fn run(input: &Path, output: Option<&PathBuf>, force: bool, max: u64) -> ExitCode {
    match import(input, output, force, max) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("podium import: {e:#}");
            ExitCode::from(USAGE_OR_IO)
        }
    }
}

fn import(input: &Path, output: Option<&PathBuf>, force: bool, max: u64) -> Result<ExitCode> {
    let shown = podium::load::sanitize::path(input);
    let mut bytes = Vec::new();
    let limit = max.saturating_add(1);
    if input == Path::new("-") {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes).context("reading standard input")?;
    } else {
        // Like the loader: no FIFO can block us, no file can be larger than the limit.
        bytes = podium::load::read_file(input, max).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    }
    let draft = import::import(&bytes, max as usize).with_context(|| shown.clone())?;
    let text = yaml::write(&draft, &shown);
    match output {
        None => {
            if let Err(code) = super::output::write(|out| out.write_all(text.as_bytes())) {
                return Ok(code);
            }
        }
        Some(path) => write_atomically(path, text.as_bytes(), force)?,
    }
    let checks = draft.checks();
    eprintln!(
        "podium import: {} speaker{}, {} quote{}; {checks} to check (marked `# check:`){}",
        draft.speakers.len(),
        if draft.speakers.len() == 1 { "" } else { "s" },
        draft.quotes.len(),
        if draft.quotes.len() == 1 { "" } else { "s" },
        if draft.titles.is_empty() {
            String::new()
        } else {
            format!("; {} quoted title(s) left out", draft.titles.len())
        }
    );
    Ok(ExitCode::from(if draft.quotes.is_empty() && draft.speakers.is_empty() { FOUND_PROBLEMS } else { OK }))
}

/// Temporary files are named `.podium-import-XXXXXX.tmp`, so one left by a
/// killed import says what it is.
const TEMP_PREFIX: &str = ".podium-import-";
const TEMP_SUFFIX: &str = ".tmp";

/// Older than this, a temporary file belongs to no running import.
const STALE: Duration = Duration::from_secs(60 * 60);

/// Never overwrites without `--force`; writes a temporary file beside the
/// target and renames it, so an interrupted import leaves the old file whole.
/// A new file gets the mode a shell redirect would give it (0666 less the
/// umask), a replaced one keeps its own.
fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let shown = podium::load::sanitize::path(path);
    let exists = || anyhow::anyhow!("{shown} exists; add --force to replace it");
    // Checked first only to fail before writing; the rename below is what keeps the file safe.
    if !force && path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    // Errors name OUT, which the user chose, not the temporary file.
    let cannot_write = |e: &std::io::Error| {
        let why = if path.is_dir() { "is a folder".to_string() } else { cause(e) };
        anyhow::anyhow!("cannot write {shown}: {why}")
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    remove_stale_temporaries(dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // tempfile creates 0600 files; the mode given at creation is masked by the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| anyhow::anyhow!("cannot write in {}: {}", podium::load::sanitize::path(dir), cause(&e)))?;
    if force && let Ok(old) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(old.permissions()).map_err(|e| cannot_write(&e))?;
    }
    tmp.as_file_mut().write_all(bytes).and_then(|()| tmp.as_file().sync_all()).map_err(|e| cannot_write(&e))?;
    // The end-to-end test of a SIGKILL before the rename: no destructor runs.
    #[cfg(feature = "test-hooks")]
    if std::env::var_os("PODIUM_TEST_KILL_BEFORE_RENAME").is_some() {
        std::process::abort();
    }
    if force {
        tmp.persist(path).map_err(|e| cannot_write(&e.error))?;
    } else {
        // A file created since the check above is not overwritten either.
        tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => exists(),
            _ => cannot_write(&e.error),
        })?;
    }
    Ok(())
}

/// The system's reason, without tempfile's "at path …" (a temporary name the
/// user never chose).
fn cause(e: &std::io::Error) -> String {
    let text = super::output::reason(e);
    match text.find(" at path ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Removes temporary files that imports killed before their rename (SIGKILL,
/// power loss) left in `dir`. Recent ones may belong to an import still
/// running; anything else, and anything that cannot be checked, is left alone.
fn remove_stale_temporaries(dir: &Path) {
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
