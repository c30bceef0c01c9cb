//! `podium config`: where the configuration is, whether it is valid, and a
//! commented default to start from.

use super::args::ConfigArgs;
use super::{FOUND_PROBLEMS, OK, USAGE_OR_IO};
use podium::config::{self, Config};
use podium::load::Problem;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The default location, from the environment.
pub fn default_path() -> Option<PathBuf> {
    config::default_path(std::env::var_os("XDG_CONFIG_HOME").as_deref(), std::env::var_os("HOME").as_deref())
}

/// The configuration in effect: `--config FILE`, else the default file if it exists.
pub fn load(explicit: Option<&Path>) -> Result<Config, Vec<Problem>> {
    config::load(explicit, default_path().as_deref())
}

/// Prints the problems of a configuration that cannot be used.
pub fn report(problems: &[Problem]) {
    for p in problems {
        eprintln!("{p}");
    }
    eprintln!("podium: the configuration has errors; `podium config --default` prints a valid one");
}

pub fn run(args: &ConfigArgs, explicit: Option<&Path>) -> ExitCode {
    if args.default {
        return super::output::print(&config::default_text(), OK);
    }
    let path = explicit.map(Path::to_path_buf).or_else(default_path);
    if args.path {
        return match path {
            Some(p) => super::output::print(&format!("{}\n", podium::load::sanitize::path(&p)), OK),
            None => {
                eprintln!("podium: no configuration path: neither XDG_CONFIG_HOME nor HOME is set");
                ExitCode::from(USAGE_OR_IO)
            }
        };
    }
    let shown = path.as_deref().map_or("(no path)".into(), podium::load::sanitize::path);
    match load(explicit) {
        Ok(_) if path.as_deref().is_some_and(Path::exists) => super::output::print(&format!("{shown}: ok\n"), OK),
        Ok(_) => super::output::print(
            &format!("{shown}: not found; the defaults are in effect (`podium config --default` prints them)\n"),
            OK,
        ),
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            ExitCode::from(FOUND_PROBLEMS)
        }
    }
}
