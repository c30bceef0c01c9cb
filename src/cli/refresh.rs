//! Keeping the stored index up to date without anyone running `podium
//! index`: when `podium search` had to read files the stored index did not
//! have (it was missing or stale, or a few files changed and were spliced
//! in), it starts `podium index --background` on the same paths, detached,
//! and ends as it would have; the next searches answer from the new file.
//! As `git gc --auto --detach` does, one at a time (a lock beside the index
//! file), at low priority, saying nothing.
//!
//! `PODIUM_BACKGROUND_INDEX`: `0` never; `always` whatever the library's
//! size; unset (or anything else) for libraries of [`WORTH_IT`] bytes or
//! more, below which reading every file takes about as long as a search.

use podium::load::{Input, LoadOptions};
use podium::search::index::store;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

/// A library smaller than this is read whole in a fraction of a second.
const WORTH_IT: u64 = 8 << 20;

/// What `PODIUM_BACKGROUND_INDEX` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    Never,
    Always,
    WhenLarge,
}

fn wanted(var: Option<&std::ffi::OsStr>) -> Wanted {
    match var.and_then(|v| v.to_str()) {
        Some("0") | Some("no") | Some("off") => Wanted::Never,
        Some("always") => Wanted::Always,
        _ => Wanted::WhenLarge,
    }
}

/// Starts the stored index of `inputs` being built again in the background,
/// if that is wanted for a library of `bytes` and no build of it is running.
pub fn start(inputs: &[Input], opts: &LoadOptions, bytes: u64) {
    let wanted = wanted(std::env::var_os("PODIUM_BACKGROUND_INDEX").as_deref());
    if wanted == Wanted::Never || (wanted == Wanted::WhenLarge && bytes < WORTH_IT) {
        return;
    }
    let Some(dir) = opts.cache else { return };
    let Some(index) = store::path_for_inputs(dir, inputs) else { return };
    let paths: Vec<&PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p),
            Input::Stdin | Input::Embedded { .. } => None,
        })
        .collect();
    // Only tried here, and let go at once: the build takes it.
    let free = Lock::take(&index).is_some();
    if paths.len() != inputs.len() || !free {
        return;
    }
    let Ok(program) = std::env::current_exe() else { return };
    let mut command = std::process::Command::new(program);
    // The paths as given, from the same folder: the stamps the build keeps
    // are of the files as walked from them.
    command.arg("index").arg("--background").arg("--max-file-size").arg(opts.max_file_size.to_string());
    command.arg("--").args(paths);
    command.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null());
    command.stderr(std::process::Stdio::null());
    // Its own process group: Ctrl-C in the terminal, meant for what runs
    // there now, does not stop it.
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    // Not waited for: it is the init process's child once this one ends.
    let _ = command.spawn();
}

/// The lock a background build of the index at some path holds while it
/// runs: an advisory `flock` on a file beside it, let go when the process
/// ends however it ends.
pub struct Lock {
    _file: std::fs::File,
}

impl Lock {
    fn path(index: &Path) -> PathBuf {
        let mut name = index.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        index.with_file_name(name)
    }

    /// The lock for the index at `index`, if no other process holds it.
    pub fn take(index: &Path) -> Option<Lock> {
        let path = Self::path(index);
        std::fs::create_dir_all(path.parent()?).ok()?;
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(path).ok()?;
        // SAFETY: flock on a descriptor this function owns; it only fails.
        let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
        locked.then_some(Lock { _file: file })
    }
}

/// For `podium index --background`: lowers this process's priority, so that
/// the build gives way to what the user runs meanwhile.
pub fn give_way() {
    // SAFETY: setpriority on this process; a failure leaves it as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_turns_it_off_forces_it_or_leaves_it_to_the_size() {
        use std::ffi::OsStr;
        assert_eq!(wanted(Some(OsStr::new("0"))), Wanted::Never);
        assert_eq!(wanted(Some(OsStr::new("off"))), Wanted::Never);
        assert_eq!(wanted(Some(OsStr::new("always"))), Wanted::Always);
        assert_eq!(wanted(Some(OsStr::new("1"))), Wanted::WhenLarge);
        assert_eq!(wanted(None), Wanted::WhenLarge);
    }

    #[test]
    fn one_lock_at_a_time_and_let_go_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index").join("abc.idx");
        let first = Lock::take(&index).expect("free");
        assert!(Lock::take(&index).is_none(), "held by the first");
        drop(first);
        assert!(Lock::take(&index).is_some(), "free again");
    }
}
