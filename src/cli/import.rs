use super::{FOUND_PROBLEMS, OK, USAGE_OR_IO};
use anyhow::{Context, Result};
use podium::import::{self, yaml};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(input: &Path, output: Option<&PathBuf>, force: bool, max: u64) -> ExitCode {
    match import(input, output, force, max) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("podium import: {e:#}");
            ExitCode::from(USAGE_OR_IO)
        }
    }
}

fn import(input: &Path, output: Option<&PathBuf>, force: bool, max: u64) -> Result<u8> {
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
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
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
    Ok(if draft.quotes.is_empty() && draft.speakers.is_empty() { FOUND_PROBLEMS } else { OK })
}

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
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // tempfile creates 0600 files; the mode given at creation is masked by the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    if force && let Ok(old) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(old.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if force {
        tmp.persist(path).with_context(|| format!("cannot write {shown}"))?;
    } else {
        // A file created since the check above is not overwritten either.
        tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => exists(),
            _ => anyhow::Error::new(e.error).context(format!("cannot write {shown}")),
        })?;
    }
    Ok(())
}
