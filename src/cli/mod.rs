//! The command line: argument definitions and the non-interactive commands.

pub mod args;
pub mod import;
pub mod list;
pub mod search;
pub mod show;
pub mod size;
pub mod validate;

use podium::load::{self, Input, Library, LoadOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes of grep and fzf.
pub const OK: u8 = 0;
pub const FOUND_PROBLEMS: u8 = 1;
pub const USAGE_OR_IO: u8 = 2;

/// The inputs the user named, or the default library.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, ExitCode> {
    if paths.is_empty() {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        return Ok(load::default_inputs(std::env::var_os("PODIUM_CONTENT").as_deref(), &cwd));
    }
    let mut inputs = Vec::new();
    for p in paths {
        let input = Input::from_arg(p);
        if let Input::Path(path) = &input
            && let Err(e) = std::fs::metadata(path)
        {
            let shown = load::sanitize::sanitize_line(&path.to_string_lossy());
            eprintln!("podium: {shown}: {}", load::walk::io_message(&e));
            return Err(ExitCode::from(USAGE_OR_IO));
        }
        inputs.push(input);
    }
    Ok(inputs)
}

/// Loads the library and prints its problems on stderr.
pub fn load_reporting(inputs: &[Input], opts: &LoadOptions) -> Library {
    let library = load::load(inputs, opts);
    for p in &library.problems {
        eprintln!("{p}");
    }
    library
}
