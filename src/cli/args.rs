use super::size::parse_size;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const READER_EXAMPLES: &str = "\
Examples:
  podium                      read the default library (see below)
  podium content/ talks.yaml  read these files and folders
  podium validate content/    check every report file
  podium list --format json   list reports as JSON
  podium people               everyone who speaks in the library

Without PATH the library is $PODIUM_CONTENT (paths separated by ':'), else the configuration's
content, else ./content if it exists, else the report built into podium (the configuration file,
`podium config --path`, sets content = [\"DIR\", ...]). `-` reads one report file from standard
input.
Exit status: 0 ok, 1 problems found or nothing found (no report files), 2 usage or I/O error.";

/// A terminal reader for conference session reports.
#[derive(Debug, Parser)]
#[command(name = "podium", version, about, after_help = READER_EXAMPLES)]
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
    #[arg(long, overrides_with = "no_mouse")]
    pub mouse: bool,
    /// Leave the mouse to the terminal, even if the configuration turns it on.
    #[arg(long, overrides_with = "mouse")]
    pub no_mouse: bool,
    /// Do not watch the report files for changes (r reloads by hand).
    #[arg(long)]
    pub no_watch: bool,
    /// Read the configuration from FILE instead of $XDG_CONFIG_HOME/podium/config.toml.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
}

impl Cli {
    /// The command line has the last word over the configuration file.
    pub fn mouse_wanted(&self, configured: bool) -> bool {
        !self.no_mouse && (self.mouse || configured)
    }
}

#[derive(Debug, Clone, Args)]
pub struct LoadArgs {
    /// Refuse report files larger than this (e.g. 16M, 512K, 1G).
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size, global = true)]
    pub max_file_size: u64,
    /// Parse every file again instead of reusing what the cache in
    /// $XDG_CACHE_HOME/podium holds for files that have not changed.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check report files and print every problem as PATH:LINE:COL: error: MESSAGE.
    #[command(after_help = "Exit status: 0 every file loaded without errors (warnings allowed); 1 errors found,
or no report files found (in a folder: none named *.yaml or *.yml); 2 usage or I/O error.

Examples:
  podium validate content/
  podium validate talk.yaml other/
  cat talk.yaml | podium validate -")]
    Validate {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List reports: id, date, time, title, speakers and quotes.
    #[command(after_help = "Formats (--format): text, aligned columns; markdown, a table; json, an array of
objects (id, date, start, end, title, speakers, quotes, path).
Exit status: 0 reports listed; 1 none, no report files found, or errors in the files; 2 usage or
I/O error.

Examples:
  podium list
  podium list --format markdown > sessions.md
  podium list content/ --format json | jq '.[].id'")]
    List {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// Same as --format json.
        #[arg(long, hide = true, conflicts_with = "format")]
        json: bool,
    },
    /// Fuzzy-search quotes, speakers and reports; best hits first.
    #[command(after_help = "Query syntax (fzf's): space-separated terms must all match, in any order;
  'word  exact substring          ^word  text starts with
  !word  must not contain         word$  text ends with
  a | b  either one (with any operator or filter)
  speaker:NAME  org:NAME  report:TITLE  tag:TAG  date:2015-11
A lower-case term ignores case; accents never matter (arsene finds Arsène); other forms of a
word match too (moderate finds moderating), and one typo in words of five letters or more.

Output (--format): tsv, SCORE<TAB>REPORT_ID<TAB>SPEAKER<TAB>TEXT per hit; json, an array with the
matched character positions; markdown, quotes as cited block quotes, speakers and reports as list items.
Exit status: 0 with hits, 1 with none, 2 on error.

Examples:
  podium search 'mother daughters'
  podium search 'teachers parents speaker:carr' content/
  podium search ecpat --kind speaker --format json
  podium search 'speaker:carr' --kind quote --format markdown > carr.md")]
    Search {
        /// The query (quote it when it has spaces).
        query: String,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// At most this many hits (0: all).
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SearchFormat::Tsv)]
        format: SearchFormat,
        /// Same as --format json.
        #[arg(long, hide = true, conflicts_with = "format")]
        json: bool,
        /// Only hits of this kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
    },
    /// Build the search index of a library and keep it for `podium search` and the reader.
    #[command(after_help = "The index goes beside the parse cache ($XDG_CACHE_HOME/podium/index/, else
~/.cache/podium/index/), one file per library, for exactly the reports it was built from: after
any change to them it is not used until built again (by this command, or by the reader, which keeps
the index it builds). `podium search` answers from it instead of scanning every report. Prints the
number of items and words, the build time and the size on disk.

Exit status: 0 built or up to date; 1 with --check, not up to date; 2 error (--no-cache, a
library from standard input, a folder that cannot be written).

Examples:
  podium index
  podium index ~/reports --check")]
    Index {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only check the stored index: exit 0 if it is up to date, 1 if not; build nothing.
        #[arg(long)]
        check: bool,
        /// As `podium search` starts it: at low priority, unless a build of the same index is running.
        #[arg(long, hide = true, conflicts_with = "check")]
        background: bool,
    },
    /// Turn plain-text session reports into podium YAML reports to check.
    #[command(after_help = "Finds the title, date and times, kind, authors (\"By …\"), speakers with role and
organisation, quotes attributed to them, points, summary and conclusion. What it is unsure of is
marked `# check:` in the output.

One input: the YAML goes to standard output, or to -o FILE; a summary goes to stderr.
Several inputs (or -o ending in /): one file per input in the folder DIR, created if missing,
named from the report's title (NAME.yaml, else NAME-2.yaml, …; --force replaces a file of the
folder, never one written earlier in the same run). A line per input and a total go to standard
output, as `cp -v` prints them; an input that fails (unreadable, not text, too large, nothing
found) is reported on stderr as `podium import: PATH: why` and the others go on.

Exit status: 0 every input imported; 1 an input failed (several inputs), or nothing was found in
it (one input); 2 usage error, a file or standard output that could not be written, or one input
that could not be read or imported.

Examples:
  podium import report.txt > content/report.yaml
  podium import report.txt -o content/report.yaml
  podium import report.txt | podium validate -
  podium import reports/*.txt -o content/igf2015/
  curl -s https://example.org/report.txt | podium import - notes.txt -o content/")]
    Import {
        /// The text files (`-` reads standard input, once).
        #[arg(value_name = "FILE", required = true)]
        inputs: Vec<PathBuf>,
        /// Write to FILE instead of standard output; with several inputs, or a name ending in /,
        /// FILE is a folder to write one file per input into. Atomically, never over an existing
        /// file without --force.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace a file that exists.
        #[arg(long)]
        force: bool,
    },
    /// List everyone who speaks in the library: sessions, quotes, dates, latest role.
    #[command(after_help = "One line per person: name, number of sessions and of quotes, first and last
date, and the role · organisation of their newest report; most sessions first (--sort name: by name).
A person is the same across reports however their name is written: case, accents, honorifics (Dr,
H.E., Ambassador…) and middle initials do not count. `person:` on a speaker in a report file, and the
configuration's [people] table, merge or split people; `podium validate` warns about likely duplicates.
`podium show person:NAME` shows one person's appearances and quotes.

Formats (--format): text, aligned columns; markdown, a table; json, an array of objects (name, key,
sessions, quotes, role, organisation, first_date, last_date, reports).
Exit status: 0 with people listed, 1 with none or with problems in the files, 2 on error.

Examples:
  podium people
  podium people content/ --sort name
  podium people --format json | jq -r '.[] | select(.sessions > 1) | .name'")]
    People {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = PeopleFormat::Text)]
        format: PeopleFormat,
        /// The order of the list.
        #[arg(long, value_enum, default_value_t = PeopleSort::Sessions)]
        sort: PeopleSort,
    },
    /// Print one report, or one person, as plain text, Markdown or JSON.
    #[command(after_help = "A report: its metadata, speakers, points and quotes. person:NAME: that person's
appearances across the library (newest first: date, report, the role and organisation they had
there, moderator) and all their quotes. NAME is matched as `podium people` groups names (case,
accents, honorifics and middle initials do not count, the configuration's [people] aliases apply),
else fuzzily when that finds one person: exit 1 when no one matches, 2 when several do (listed on
stderr). A report whose own id is person:… is shown as that report.

Formats (--format): text, to read; markdown, to paste into a document (quotes as cited block
quotes); json, the parsed report (a person: their record, appearances and quotes).

Examples:
  podium show igf2015-child-online-protection
  podium show igf2015-child-online-protection --format markdown > report.md
  podium show content/talk.yaml --format json
  podium show my-talk archive/
  podium show 'person:Vinton Cerf' --format markdown")]
    Show {
        /// A report id, the path of a report file, or person:NAME.
        report: String,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Same as --format json.
        #[arg(long, hide = true, conflicts_with = "format")]
        json: bool,
    },
    /// Check the configuration file, or print a default one to start from.
    #[command(after_help = "Without an option: checks the configuration file and prints its problems as
PATH:LINE:COL: error: MESSAGE (exit 1), or that it is fine (exit 0).

Examples:
  podium config --default > ~/.config/podium/config.toml
  podium config --path
  podium config --config my.toml")]
    Config(ConfigArgs),
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

/// `podium __complete WHAT`, for the completion scripts: parsed apart from [`Cli`], so that no help,
/// manual page or completion script offers it.
#[derive(Debug, Parser)]
#[command(name = "podium __complete")]
pub struct CompleteCli {
    #[arg(value_enum)]
    pub what: CompleteWhat,
    #[command(flatten)]
    pub load: LoadArgs,
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// What `podium __complete` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompleteWhat {
    /// The report ids of the default library.
    Ids,
}

/// What `list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns.
    Text,
    /// A Markdown table.
    #[value(alias = "md")]
    Markdown,
    /// An array of objects.
    Json,
}

impl ListFormat {
    /// `--json` is the old spelling of `--format json`.
    pub fn or_json(self, json: bool) -> Self {
        if json { ListFormat::Json } else { self }
    }
}

#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct ConfigArgs {
    /// Print a commented configuration file holding every default.
    #[arg(long)]
    pub default: bool,
    /// Print the path of the configuration file podium reads.
    #[arg(long)]
    pub path: bool,
}

/// What `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Plain text wrapped to 80 columns.
    Text,
    /// Markdown; quotes as cited block quotes.
    #[value(alias = "md")]
    Markdown,
    /// The parsed report (a person: record, appearances, quotes).
    Json,
}

impl ShowFormat {
    /// `--json` is the old spelling of `--format json`.
    pub fn or_json(self, json: bool) -> Self {
        if json { ShowFormat::Json } else { self }
    }
}

/// What `people` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeopleFormat {
    /// Aligned columns.
    Text,
    /// A Markdown table.
    #[value(alias = "md")]
    Markdown,
    /// An array of objects.
    Json,
}

/// The order of `people`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeopleSort {
    /// Most sessions first, then by name (the reader's People view).
    Sessions,
    /// By name (honorifics left out).
    Name,
}

/// What `search` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// SCORE<TAB>REPORT_ID<TAB>SPEAKER<TAB>TEXT per hit.
    Tsv,
    /// An array of hits with their matched character positions.
    Json,
    /// Quotes as cited block quotes, speakers and reports as list items.
    #[value(alias = "md")]
    Markdown,
}

impl SearchFormat {
    /// `--json` is the old spelling of `--format json`.
    pub fn or_json(self, json: bool) -> Self {
        if json { SearchFormat::Json } else { self }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Quote,
    Speaker,
    Report,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::Parser;

    #[test]
    fn mouse_from_flags_and_configuration() {
        let cases: &[(&[&str], bool, bool)] = &[
            (&[], false, false),
            (&[], true, true),
            (&["--mouse"], false, true),
            (&["--no-mouse"], true, false),
            (&["--no-mouse", "--mouse"], false, true),
            (&["--mouse", "--no-mouse"], true, false),
        ];
        for &(flags, configured, expected) in cases {
            let cli = Cli::try_parse_from(std::iter::once("podium").chain(flags.iter().copied())).unwrap();
            assert_eq!(cli.mouse_wanted(configured), expected, "{flags:?} with mouse = {configured}");
        }
    }
}
