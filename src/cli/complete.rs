//! Completion of report ids: `podium __complete ids` (hidden) prints the default library's ids, and
//! the scripts `podium completions SHELL` writes call it for `podium show`'s first argument, offering
//! file paths too. Static scripts plus one small command, rather than clap_complete's dynamic
//! completion, so that everything else completes without starting podium and the scripts install
//! as they always did.

use super::OK;
use super::args::{Cli, CompleteCli, CompleteWhat};
use clap::{CommandFactory, Parser};
use clap_complete::Shell;
use podium::load::{self, LoadOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `podium __complete …`: a usage error exits 2 without a word, as anything printed would land in
/// the user's command line.
pub fn main() -> ExitCode {
    match CompleteCli::try_parse_from(std::env::args_os().skip(1)) {
        Ok(args) => run(args.what, args.config.as_deref(), &super::load_options(&args.load)),
        Err(_) => ExitCode::from(super::USAGE_OR_IO),
    }
}

/// Prints what the scripts complete, one per line, and exits 0 whatever happens: no problem of the
/// configuration or of a report file is printed.
fn run(what: CompleteWhat, config: Option<&Path>, opts: &LoadOptions) -> ExitCode {
    let CompleteWhat::Ids = what;
    let content = super::config::load(config).map(|c| c.content).unwrap_or_default();
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let inputs = load::default_inputs(std::env::var_os("PODIUM_CONTENT").as_deref(), &content, &cwd);
    let library = load::load(&inputs, opts);
    // Sorted, as the shells show them (bash keeps the order it is given).
    let ids: BTreeSet<&str> = library.reports.iter().map(|r| r.id.as_str()).collect();
    let out: String = ids.into_iter().flat_map(|id| [id, "\n"]).collect();
    super::output::print(&out, OK)
}

/// The script clap_complete writes, with the report ids added for bash, zsh and fish.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "podium", &mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let show = show_command();
    match shell {
        Shell::Bash => bash(text, &show),
        Shell::Zsh => zsh(text),
        Shell::Fish => fish(text, &show),
        _ => text,
    }
    .into_bytes()
}

/// `show` as the parser sees it, the global options included.
fn show_command() -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    cmd.find_subcommand("show").cloned().expect("podium has a show command")
}

/// The options (long and short) of `command` that take a value, as typed: `--format`, `-o`.
fn value_options(command: &clap::Command) -> Vec<String> {
    let mut names = Vec::new();
    for arg in command.get_arguments().filter(|a| !a.is_positional() && a.get_action().takes_values()) {
        names.extend(arg.get_long().map(|l| format!("--{l}")));
        names.extend(arg.get_short().map(|s| format!("-{s}")));
    }
    names
}

/// clap's `_podium` renamed, and a `_podium` in front of it that completes `show`'s report.
fn bash(text: String, show: &clap::Command) -> String {
    let Some(clap_part) = text.strip_prefix("_podium() {") else { return text };
    let values = value_options(show).join("|");
    format!(
        r#"_podium__clap() {{{clap_part}
# `podium show`'s first argument: the default library's report ids (from `podium __complete ids`,
# whose problems are never printed) and file paths, then file paths; everything else as above. Ids
# are compared as text, never expanded by the shell.
_podium() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" word command="" positionals=0 i
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${{COMP_WORDS[i]}}"
        case "$word" in
            {values}) (( i++ )); [[ ${{COMP_WORDS[i]}} == = ]] && (( i++ )) ;;
            -*) ;;
            *) if [[ -z $command ]]; then command="$word"; else (( positionals++ )); fi ;;
        esac
    done
    # Past the cursor: the word under it is an option's value.
    if [[ $command != show || $cur == -* ]] || (( i > COMP_CWORD )); then
        _podium__clap "$@"
        return
    fi
    local podium="${{COMP_WORDS[0]}}" id
    [[ $podium == "~/"* ]] && podium="$HOME/${{podium#"~/"}}"
    COMPREPLY=()
    if (( positionals == 0 )); then
        while IFS= read -r id; do
            [[ $id == "$cur"* ]] && COMPREPLY+=("$id")
        done < <("$podium" __complete ids 2>/dev/null)
    fi
    # The PATHs after it: files, where clap's script would offer options.
    while IFS= read -r id; do
        COMPREPLY+=("$id")
    done < <(compgen -f -- "$cur")
    compopt -o filenames 2>/dev/null
    return 0
}}
"#
    )
}

const ZSH_REPORTS: &str = r#"# `podium show`'s first argument: the default library's report ids (from `podium __complete ids`,
# whose problems are never printed) and file paths.
(( $+functions[_podium_reports] )) ||
_podium_reports() {
    local -a ids expl
    local ret=1
    ids=(${(f)"$(_call_program report-ids ${_podium_command:-podium} __complete ids 2>/dev/null)"})
    _wanted report-ids expl 'report id' compadd -a ids && ret=0
    _files && ret=0
    return ret
}

# The first word: a command or a PATH for the reader.
(( $+functions[_podium_commands_or_paths] )) ||
_podium_commands_or_paths() {
    local ret=1
    _podium_commands && ret=0
    _files && ret=0
    return ret
}

"#;

/// clap_complete's zsh script, mended where podium needs it:
/// - the reader's optional PATHs come before the commands, and `_arguments` then took the first
///   word for a PATH and the second for a command (`podium show <Tab>` offered the commands
///   again): the first word is now a command or a PATH, the rest a command's arguments, or more
///   PATHs;
/// - `show`'s report completes the ids, with the command as typed kept for it (the subcommand's
///   `words` no longer hold it).
fn zsh(text: String) -> String {
    let end = "if [ \"$funcstack[1]\" = \"_podium\" ]; then\n";
    let mut out = String::with_capacity(text.len() + ZSH_REPORTS.len() + 100);
    for line in text.split_inclusive('\n') {
        match line {
            "_podium() {\n" => out.push_str("_podium() {\n    local _podium_command=$words[1]\n"),
            paths if paths.starts_with("'::paths -- ") => {}
            "\":: :_podium_commands\" \\\n" => out.push_str("\":: :_podium_commands_or_paths\" \\\n"),
            report if report.starts_with("':report -- ") && report.ends_with(":_default' \\\n") => {
                out.push_str(&report.replace(":_default' \\\n", ":_podium_reports' \\\n"));
            }
            line if line == end => {
                out.push_str(ZSH_REPORTS);
                out.push_str(line);
            }
            _ => out.push_str(&line.replace("$line[2]", "$line[1]")),
        }
    }
    // After a first PATH, more PATHs.
    let close = "        esac\n    ;;\nesac\n}\n";
    if let Some(at) = out.find(close) {
        out.insert_str(at, "            (*)\n_files && ret=0\n;;\n");
    }
    out
}

/// A completion of the report after `show`, with argparse skipping the options as clap's own
/// conditions do; fish adds file paths itself.
fn fish(mut text: String, show: &clap::Command) -> String {
    let mut specs = Vec::new();
    for arg in show.get_arguments().filter(|a| !a.is_positional()) {
        let value = if arg.get_action().takes_values() { "=" } else { "" };
        match (arg.get_short(), arg.get_long()) {
            (Some(s), Some(l)) => specs.push(format!("{s}/{l}{value}")),
            (Some(s), None) => specs.push(format!("{s}{value}")),
            (None, Some(l)) => specs.push(format!("{l}{value}")),
            (None, None) => {}
        }
    }
    let specs = specs.join(" ");
    text.push_str(&format!(
        r#"
# `podium show`'s first argument: the default library's report ids (from `podium __complete ids`,
# whose problems are never printed), besides file paths.
function __fish_podium_show_needs_report
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_podium_global_optspecs) -- $cmd 2>/dev/null
    or return 1
    test "$argv[1]" = show
    or return 1
    set -e argv[1]
    argparse {specs} -- $argv 2>/dev/null
    or return 1
    test (count $argv) -eq 0
end

function __fish_podium_report_ids
    set -l cmd (commandline -opc)
    $cmd[1] __complete ids 2>/dev/null
end

complete -c podium -n "__fish_podium_show_needs_report" -a "(__fish_podium_report_ids)"
"#
    ));
    text
}
