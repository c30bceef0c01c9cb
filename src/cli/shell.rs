//! `podium completions SHELL` and `podium man`: shell completion scripts and the manual page, both
//! generated from the argument definitions in `args.rs`, so they cannot drift from the parser. Neither
//! reads a report file.

use super::OK;
use super::args::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use podium::app::keymap::{KeyMap, keys_label};
use std::io::Write;
use std::process::ExitCode;

pub fn completions(shell: Shell) -> ExitCode {
    let script = super::complete::script(shell);
    super::output::print_with(OK, |out| out.write_all(&script))
}

pub fn man() -> ExitCode {
    super::output::print(&manual(), OK)
}

/// One page, podium(1), for the whole command line: name, synopsis, description and options of the
/// reader, then a COMMANDS section with each subcommand's synopsis, description, options and examples
/// (one page to install rather than one per subcommand), the reader's keys, exit status, environment and
/// files, then the reader's examples and notes.
fn manual() -> String {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let top = Man::new(cmd.clone());
    // clap_mangen renders each section as a complete roff document, which starts with the same
    // preamble (the definition of the apostrophe string): keep the first one only.
    let mut page = Roff::new().render();
    // Written here: clap_mangen leaves the date argument empty, which roff drops, shifting the others.
    page.push_str(&format!(".TH PODIUM 1 \"\" \"podium {}\" \"User Commands\"\n", env!("CARGO_PKG_VERSION")));
    // No hyphenation: the page is full of option names, ids and query syntax, which a break
    // inside a word (`speaker:NA-` / `ME`) would turn into something else.
    page.push_str(".nh\n");
    page.push_str(&section(&top, Man::render_name_section, false));
    page.push_str(&synopsis(&cmd, false));
    page.push_str(&section(&top, Man::render_description_section, false));
    page.push_str(&section(&top, Man::render_options_section, false));

    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    page.push_str(&body(&roff));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        // The global options and --help are described once, above.
        let sub = sub.clone().mut_args(|a| if a.is_global_set() || a.get_id() == "help" { a.hide(true) } else { a });
        let mut roff = Roff::new();
        roff.control("SS", [format!("podium {}", sub.get_name()).as_str()]);
        page.push_str(&body(&roff));
        let after_help = sub.get_after_help().map(|text| text.to_string());
        // Each subcommand's parts without their .SH headings, which would end the COMMANDS section.
        page.push_str(&synopsis(&sub, true));
        let man = Man::new(sub);
        page.push_str(".PP\n");
        page.push_str(&section(&man, Man::render_description_section, true));
        page.push_str(&section(&man, Man::render_options_section, true));
        if let Some(text) = after_help {
            let mut roff = Roff::new();
            roff.control("PP", []);
            notes(&mut roff, &text);
            page.push_str(&body(&roff));
        }
    }

    page.push_str(&body(&keys()));
    page.push_str(&body(&definitions("EXIT STATUS", EXIT_STATUS)));
    page.push_str(&body(&definitions("ENVIRONMENT", ENVIRONMENT)));
    page.push_str(&body(&definitions("FILES", FILES)));

    if let Some(text) = cmd.get_after_help() {
        let text = text.to_string();
        let mut roff = Roff::new();
        roff.control("SH", ["EXAMPLES"]);
        notes(&mut roff, text.strip_prefix("Examples:\n").unwrap_or(&text));
        page.push_str(&body(&roff));
    }
    page
}

/// The synopsis as clap_mangen writes it, but with each option's value (`[--config FILE]`): bold
/// names, italic values, an unbreakable space between, so that a line never ends inside `[…]`.
fn synopsis(cmd: &clap::Command, headless: bool) -> String {
    let escape = |text: &str| text.replace('\\', "\\\\").replace('-', "\\-");
    let bold = |text: &str| format!("\\fB{}\\fR", escape(text));
    let italic = |text: &str| format!("\\fI{}\\fR", escape(text));
    let value = |arg: &clap::Arg| match arg.get_value_names() {
        Some(names) => names.join(" "),
        None => arg.get_id().as_str().to_uppercase(),
    };
    let mut parts = vec![bold(cmd.get_bin_name().unwrap_or_else(|| cmd.get_name()))];
    let visible = || cmd.get_arguments().filter(|a| !a.is_hide_set());
    for arg in visible().filter(|a| !a.is_positional()) {
        let mut names = Vec::new();
        names.extend(arg.get_short().map(|s| bold(&format!("-{s}"))));
        names.extend(arg.get_long().map(|l| bold(&format!("--{l}"))));
        let mut option = names.join("|");
        if arg.get_action().takes_values() {
            option.push_str(&format!("\\ {}", italic(&value(arg))));
        }
        parts.push(if arg.is_required_set() { option } else { format!("[{option}]") });
    }
    for arg in visible().filter(|a| a.is_positional()) {
        let name = italic(&value(arg));
        let many = if arg.get_num_args().is_some_and(|n| n.max_values() > 1) { "..." } else { "" };
        parts.push(if arg.is_required_set() { format!("{name}{many}") } else { format!("[{name}]{many}") });
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        parts.push(format!("[{}]", italic("COMMAND")));
    }
    let heading = if headless { "" } else { ".SH SYNOPSIS\n" };
    format!("{heading}{}\n", parts.join(" "))
}

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "1",
        "Problems found (a report or a configuration with errors), or nothing found (no hit, no one, or no \
         report files in the folders given).",
    ),
    ("2", "A usage or I/O error, or a configuration with errors for a command other than config."),
    ("130", "The reader was quit with Ctrl-c."),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "PODIUM_CONTENT",
        "Report files and folders, separated by ':', read when no PATH is given (before the configuration's content).",
    ),
    ("NO_COLOR", "If set and not empty, no colours, as with --no-color; the selection stays visible."),
    ("VISUAL, EDITOR", "The editor the reader's edit key opens the report in (VISUAL first, else EDITOR, else vi)."),
    ("XDG_CONFIG_HOME", "Where the configuration file is looked for (else ~/.config); see FILES."),
    ("XDG_CACHE_HOME", "Where parsed files are cached (else ~/.cache); see FILES."),
    ("XDG_STATE_HOME", "Where the search history is kept (else ~/.local/state); see FILES."),
    (
        "PODIUM_BACKGROUND_INDEX",
        "0: podium search never starts podium index in the background after reading report files; always: it \
         does for any library (by default, for libraries of 8 MB or more).",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/podium/config.toml",
        "The configuration (else ~/.config/podium/config.toml; --config FILE names another): default content, \
         theme and colours, keys, mouse, wrap width, and [people], other names of one person (\"Vint Cerf\" = \
         \"Vinton Cerf\"). A missing file means the defaults; podium config --default \
         prints a commented one, podium config checks it.",
    ),
    (
        "$XDG_CACHE_HOME/podium",
        "Parsed report files (else ~/.cache/podium), so that an unchanged file is not parsed again; entries \
         unused for 60 days are deleted. --no-cache parses everything; deleting the folder is always safe.",
    ),
    (
        "$XDG_STATE_HOME/podium/history",
        "The reader's search history (else ~/.local/state/podium/history): the last 500 queries accepted with \
         Enter, one a line, newest last. Deleting it is always safe.",
    ),
];

/// The reader's keys, from the key table the reader and its help use, so the page cannot drift from
/// them; the defaults, which the configuration file's [keys] and [search_keys] can change.
fn keys() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The reader's default keys; the configuration's [keys] and [search_keys] change them, \
                      and ? shows the keys in effect.",
    )]);
    let map = KeyMap::default();
    let mut group = "";
    for binding in map.all() {
        if binding.group != group {
            group = binding.group;
            roff.control("SS", [group]);
        }
        roff.control("TP", []);
        roff.text([bold(keys_label(binding))]);
        roff.text([roman(binding.help)]);
    }
    roff
}

/// A section of terms, each with its description.
fn definitions(heading: &str, items: &[(&str, &str)]) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", [heading]);
    for (term, text) in items {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*text)]);
    }
    roff
}

/// One of clap_mangen's sections without the preamble and, if `headless`, without its `.SH` lines.
fn section(man: &Man, render: fn(&Man, &mut dyn Write) -> std::io::Result<()>, headless: bool) -> String {
    let mut out = Vec::new();
    render(man, &mut out).expect("writing to a Vec cannot fail");
    let text = strip_preamble(String::from_utf8_lossy(&out).into_owned());
    // Empty lines (an argument without help, before a list of values) would print as blank lines.
    let drop = |l: &&str| l.is_empty() || (headless && l.starts_with(".SH"));
    text.lines().filter(|l| !drop(l)).flat_map(|l| [l, "\n"]).collect()
}

fn body(roff: &Roff) -> String {
    strip_preamble(roff.render())
}

fn strip_preamble(text: String) -> String {
    let preamble = Roff::new().render();
    match text.strip_prefix(&preamble) {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Help text as in `--help`: indented lines (examples, the query syntax table) kept as they are, the
/// other lines filled as paragraphs.
fn notes(roff: &mut Roff, text: &str) {
    let mut verbatim = false;
    for line in text.lines() {
        let indented = line.starts_with(' ');
        if indented != verbatim {
            roff.control(if indented { "nf" } else { "fi" }, []);
            verbatim = indented;
        }
        if line.trim().is_empty() {
            roff.control("PP", []);
        } else {
            roff.text([roman(line)]);
        }
    }
    if verbatim {
        roff.control("fi", []);
    }
}
