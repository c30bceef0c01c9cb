use super::size::parse_size;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const READER_EXAMPLES: &str = "\
Examples:
  podium                      read the default library ($PODIUM_CONTENT, ./content, or the built-in report)
  podium content/ talks.yaml  read these files and folders
  podium validate content/    check every report file
  podium list --json          list reports as JSON

Without PATH the library is $PODIUM_CONTENT (paths separated by ':'), else ./content if it
exists, else the report built into podium. `-` reads one report file from standard input.
Exit status: 0 ok, 1 problems found or nothing found, 2 usage or I/O error.";

/// A terminal reader for conference session reports.
#[derive(Debug, Parser)]
#[command(name = "podium", version, about, after_help = READER_EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Report files or folders to read (folders are searched for *.yaml and *.yml).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Turn colours off (as does a non-empty NO_COLOR); selection stays visible.
    #[arg(long)]
    pub no_color: bool,
    /// Capture the mouse: wheel scrolling and click to focus and select
    /// (the terminal's own text selection then needs Shift).
    #[arg(long)]
    pub mouse: bool,
    /// Do not watch the report files for changes (r reloads by hand).
    #[arg(long)]
    pub no_watch: bool,
}

#[derive(Debug, Clone, Args)]
pub struct LoadArgs {
    /// Refuse report files larger than this (e.g. 16M, 512K, 1G).
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size, global = true)]
    pub max_file_size: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check report files and print every problem as PATH:LINE:COL: error: MESSAGE.
    #[command(
        after_help = "Examples:\n  podium validate content/\n  podium validate talk.yaml other/\n  cat talk.yaml | podium validate -"
    )]
    Validate {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List reports: id, date, time, title, speakers and quotes.
    #[command(after_help = "Examples:\n  podium list\n  podium list content/ --json | jq '.[].id'")]
    List {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print a JSON array instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy-search quotes, speakers and reports; best hits first.
    #[command(after_help = "Query syntax (fzf's): space-separated terms must all match, in any order;
  'word  exact substring     ^word  text starts with     word$  text ends with
  !word  must not contain    speaker:NAME  org:NAME  report:TITLE  tag:TAG  date:2015-11
A lower-case term ignores case; accents never matter (arsene finds Arsène).

Output: SCORE<TAB>REPORT_ID<TAB>SPEAKER<TAB>TEXT per hit; exit 0 with hits, 1 with none, 2 on error.

Examples:
  podium search 'mother daughters'
  podium search 'teachers parents speaker:carr' content/
  podium search ecpat --kind speaker --json")]
    Search {
        /// The query (quote it when it has spaces).
        query: String,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// At most this many hits (0: all).
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print a JSON array with match positions instead of TSV.
        #[arg(long)]
        json: bool,
        /// Only hits of this kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
    },
    /// Turn a plain-text session report into a podium YAML report to check.
    #[command(after_help = "Finds the title, date and times, kind, authors (\"By …\"), speakers with role and
organisation, quotes attributed to them, points, summary and conclusion. What it is unsure of is
marked `# check:` in the output; a summary goes to stderr.

Examples:
  podium import report.txt > content/report.yaml
  podium import report.txt -o content/report.yaml
  podium import report.txt | podium validate -")]
    Import {
        /// The text file (`-` reads standard input).
        input: PathBuf,
        /// Write here instead of standard output (atomically; never over an existing file without --force).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print one report as plain text (or JSON): metadata, speakers, points, quotes.
    #[command(
        after_help = "Examples:\n  podium show igf2015-child-online-protection\n  podium show content/talk.yaml --json\n  podium show my-talk archive/"
    )]
    Show {
        /// A report id, or the path of a report file.
        report: String,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print the parsed report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a completion script for a shell on standard output.
    #[command(after_help = "Examples:
  podium completions bash > ~/.local/share/bash-completion/completions/podium
  podium completions zsh > ~/.zfunc/_podium     # a folder on $fpath, before compinit
  podium completions fish > ~/.config/fish/completions/podium.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    #[command(after_help = "Examples:
  podium man > ~/.local/share/man/man1/podium.1 && man podium
  podium man | man -l -")]
    Man,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Quote,
    Speaker,
    Report,
}
