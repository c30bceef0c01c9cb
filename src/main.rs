//! Wires the command line to the library: parse arguments, load, run a command
//! or the reader.

mod cli;
mod reader;

use clap::Parser;
use cli::args::{Cli, Command};
use std::process::ExitCode;

/// When the process started, for the start-up timings.
static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() -> ExitCode {
    START.get_or_init(std::time::Instant::now);
    podium::load::quiet_parser_panics();
    // For the completion scripts, and silent: before the parser, which would otherwise offer it.
    if std::env::args_os().nth(1).is_some_and(|word| word == "__complete") {
        return cli::complete::main();
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Usage errors go to stderr; --help and --version to stdout, where a
        // failed write is reported as for any command.
        Err(e) if e.use_stderr() => {
            let _ = e.print();
            return ExitCode::from(cli::USAGE_OR_IO);
        }
        Err(e) => return cli::output::finish(e.print()).map_or_else(|code| code, |()| ExitCode::from(cli::OK)),
    };
    if cli.command.is_some() {
        cli::end_quietly_on_closed_pipe();
    }
    // No library and no configuration needed (so a broken configuration can
    // still be replaced with the default one, and import still works).
    match &cli.command {
        Some(Command::Config(args)) => return cli::config::run(args, cli.config.as_deref()),
        Some(Command::Completions { shell }) => return cli::shell::completions(*shell),
        Some(Command::Man) => return cli::shell::man(),
        Some(Command::Import { inputs, output, force }) => {
            return cli::import::run(inputs, output.as_ref(), *force, cli.load.max_file_size);
        }
        _ => {}
    }
    // Before anything else: a bad configuration stops podium rather than
    // leaving it to guess what was meant.
    let config = match cli::config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(problems) => {
            cli::config::report(&problems);
            return ExitCode::from(cli::USAGE_OR_IO);
        }
    };
    let _ = cli::CONFIGURED_CONTENT.set(config.content.clone());
    let opts = cli::load_options(&cli.load);
    let paths = match &cli.command {
        None => &cli.paths,
        Some(Command::Validate { paths })
        | Some(Command::List { paths, .. })
        | Some(Command::Search { paths, .. })
        | Some(Command::Index { paths, .. })
        | Some(Command::People { paths, .. }) => paths,
        Some(Command::Show { report, paths, format, json }) => {
            return cli::show::run(report, paths, &opts, format.or_json(*json), &config.people);
        }
        Some(Command::Config(_))
        | Some(Command::Completions { .. })
        | Some(Command::Man)
        | Some(Command::Import { .. }) => {
            unreachable!("handled above")
        }
    };
    let found = if cli.command.is_none() { cli::reader_inputs(paths) } else { cli::inputs(paths) };
    let inputs = match found {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    match cli.command {
        Some(Command::Validate { .. }) => cli::validate::run(&inputs, &opts, &config.people),
        Some(Command::List { format, json, .. }) => cli::list::run(&inputs, &opts, format.or_json(json)),
        Some(Command::People { format, sort, .. }) => cli::people::run(&inputs, &opts, &config.people, format, sort),
        Some(Command::Search { query, limit, format, json, kind, .. }) => {
            let aliases = std::sync::Arc::new(config.people.clone());
            let format = cli::search::Format { limit, format: format.or_json(json), kind, aliases };
            cli::search::run(&inputs, &opts, &query, format)
        }
        Some(Command::Index { check, background, .. }) => cli::index::run(&inputs, &opts, check, background),
        Some(Command::Show { .. })
        | Some(Command::Import { .. })
        | Some(Command::Config(_))
        | Some(Command::Completions { .. })
        | Some(Command::Man) => unreachable!("handled above"),
        None => {
            let no_color = cli.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let options = reader::Options {
                color: !no_color,
                mouse: cli.mouse_wanted(config.mouse),
                watch: !cli.no_watch,
                palette: config.palette,
                keys: config.keys,
                wrap: config.wrap,
                people: config.people,
            };
            match reader::run(inputs, opts, options) {
                Ok(code) => ExitCode::from(code),
                Err(e) => {
                    eprintln!("podium: {e:#}");
                    ExitCode::from(cli::USAGE_OR_IO)
                }
            }
        }
    }
}
