//! The configuration file (TOML): default content, theme and colours, key
//! bindings, mouse, wrap width, other names of people. A missing file means
//! the defaults; a bad one gives `path:line:col` errors and nothing is guessed.

pub mod keys;
mod template;
mod value;

use crate::app::key::{Code, Key};
use crate::app::keymap::{Binding, KeyMap};
use crate::load::{Pos, Problem};
use crate::ui::theme::Palette;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use value::Loose;

pub use template::default_text;

/// Larger files are refused: a configuration is a few kilobytes.
const MAX_SIZE: u64 = 1 << 20;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// Report files and folders read when none is named.
    pub content: Vec<PathBuf>,
    pub palette: Palette,
    pub keys: KeyMap,
    pub mouse: bool,
    /// The widest report text is wrapped; `None`: the pane's width.
    pub wrap: Option<usize>,
    /// `[people]`: other names of one person.
    pub people: crate::people::Aliases,
}

/// The file as written. Every value keeps its position for error messages,
/// and is read as [`Loose`] so that a mistyped one is ours to report.
/// Unknown settings are found by [`unknown_settings`], all of them, rather than by
/// serde, which would stop at the first and hide every other mistake.
#[derive(Deserialize)]
struct RawConfig {
    content: Option<Spanned<Loose>>,
    theme: Option<Spanned<Loose>>,
    mouse: Option<Spanned<Loose>>,
    wrap: Option<Spanned<Loose>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<Loose>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<Loose>>,
    #[serde(default)]
    search_keys: BTreeMap<Spanned<String>, Spanned<Loose>>,
    #[serde(default)]
    people: BTreeMap<Spanned<String>, Spanned<Loose>>,
}

/// Where the file set an action's keys: the whole value, and each key's own item.
struct Set {
    whole: Range<usize>,
    keys: Vec<(Key, Range<usize>)>,
}

impl Set {
    /// The position of `key` in this setting (the whole value for a key added to it, like Ctrl-c).
    fn span_of(&self, key: Key) -> Range<usize> {
        self.keys.iter().find(|(k, _)| *k == key).map_or_else(|| self.whole.clone(), |(_, s)| s.clone())
    }
}

/// Where the configuration is looked for: `$XDG_CONFIG_HOME/podium/config.toml`,
/// else `$HOME/.config/podium/config.toml`.
pub fn default_path(xdg_config_home: Option<&std::ffi::OsStr>, home: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
    let base = match xdg_config_home.map(PathBuf::from).filter(|p| p.is_absolute()) {
        Some(dir) => dir,
        None => PathBuf::from(home.filter(|h| !h.is_empty())?).join(".config"),
    };
    Some(base.join("podium").join("config.toml"))
}

/// Reads the configuration: `explicit` (`--config FILE`) must exist; the
/// default path may be missing (then the defaults hold).
pub fn load(explicit: Option<&Path>, default: Option<&Path>) -> Result<Config, Vec<Problem>> {
    let (path, required) = match (explicit, default) {
        (Some(p), _) => (p, true),
        (None, Some(p)) => (p, false),
        (None, None) => return Ok(Config::default()),
    };
    let whole_file = |message: String| vec![Problem::error(path, None, message)];
    match std::fs::metadata(path) {
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(whole_file(crate::load::walk::io_message(&e))),
        Ok(_) => {}
    }
    let bytes = crate::load::read_file(path, MAX_SIZE).map_err(whole_file)?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(whole_file("not UTF-8 text".into()));
    };
    parse(text, path)
}

/// Parses the text of a configuration file named `path` (for messages).
pub fn parse(text: &str, path: &Path) -> Result<Config, Vec<Problem>> {
    let at = |span: Range<usize>| Some(Pos::of_offset(text, span.start));
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().replace('\n', " ");
        vec![Problem::error(path, e.span().and_then(at), message)]
    })?;
    // Collected by byte offset, reported in the file's order whichever check found them.
    let mut found: Vec<(Range<usize>, String)> = unknown_settings(text);
    let mut error = |span: Range<usize>, message: String| found.push((span, message));
    let mut config = Config::default();

    if let Some(content) = &raw.content {
        // Relative paths are relative to the configuration file, as in most tools.
        let base = path.parent().unwrap_or(Path::new("."));
        match Loose::strings(content) {
            Ok(paths) => config.content = paths.into_iter().map(|(p, _)| expand_home(p, base)).collect(),
            Err(span) => error(span, "content: expected a path or a list of paths".into()),
        }
    }
    if let Some(theme) = &raw.theme {
        match theme.get_ref() {
            Loose::Str(name) => match Palette::by_name(name) {
                Some(p) => config.palette = p,
                None => error(theme.span(), format!("unknown theme `{name}`: `dark` or `light`")),
            },
            _ => error(theme.span(), "theme must be \"dark\" or \"light\"".into()),
        }
    }
    match raw.mouse.as_ref().map(|m| (m.get_ref(), m.span())) {
        None => {}
        Some((Loose::Bool(on), _)) => config.mouse = *on,
        Some((_, span)) => error(span, "mouse must be true or false".into()),
    }
    if let Some(wrap) = &raw.wrap {
        match wrap.get_ref() {
            Loose::Int(0) => config.wrap = None,
            Loose::Int(w @ 20..=1000) => config.wrap = Some(*w as usize),
            _ => error(wrap.span(), "wrap must be a number from 20 to 1000 (or 0: as wide as the pane)".into()),
        }
    }
    for (element, value) in &raw.colors {
        let Some(slot) = config.palette.element_mut(element.get_ref()) else {
            error(
                element.span(),
                format!(
                    "unknown colour element `{}`{}",
                    element.get_ref(),
                    hint(element.get_ref(), &Palette::ELEMENTS)
                ),
            );
            continue;
        };
        // The template writes 0–255 as the indexed colours: a bare number means one too.
        let color = match value.get_ref() {
            Loose::Str(text) => parse_color(text),
            Loose::Int(n) => parse_color(&n.to_string()),
            _ => Err(format!("{}: expected {COLOURS}", element.get_ref())),
        };
        match color {
            Ok(c) => *slot = c,
            Err(e) => error(value.span(), e),
        }
    }
    let mut aliases = Vec::new();
    for (alias, person) in &raw.people {
        match person.get_ref() {
            Loose::Str(name) if !name.trim().is_empty() => aliases.push((alias.get_ref().clone(), name.clone())),
            _ => error(person.span(), format!("[people] \"{}\": expected the person's name, as text", alias.get_ref())),
        }
    }
    config.people = crate::people::Aliases::new(aliases);
    let mut keys = KeyMap::default();
    let main_set = rebind(&mut keys.main, &raw.keys, "keys", &mut error);
    let prompt_set = rebind(&mut keys.prompt, &raw.search_keys, "search_keys", &mut error);
    for table in [&mut keys.main, &mut keys.prompt] {
        // Ctrl-c always quits: a way out that no configuration can take away.
        if let Some(quit) = table.iter_mut().find(|b| b.name == "force_quit")
            && !quit.keys.contains(&Key::ctrl('c'))
        {
            quit.keys.push(Key::ctrl('c'));
        }
    }
    conflicts(&keys.main, &main_set, "keys", &mut error);
    conflicts(&keys.prompt, &prompt_set, "search_keys", &mut error);
    for b in &keys.prompt {
        for key in &b.keys {
            if let (Key { code: Code::Char(_), ctrl: false, alt: false }, Some(set)) = (key, prompt_set.get(b.name)) {
                error(
                    set.span_of(*key),
                    format!(
                        "[search_keys] {} = `{}`: a plain character could not be typed in the query",
                        b.name,
                        keys::name(*key)
                    ),
                );
            }
        }
    }
    config.keys = keys;
    if found.is_empty() {
        return Ok(config);
    }
    found.sort_by_key(|(span, _)| span.start);
    Err(found.into_iter().map(|(span, message)| Problem::error(path, at(span), message)).collect())
}

/// Applies `[table]` to the bindings; returns where each rebound action was set.
fn rebind(
    bindings: &mut [Binding],
    table: &BTreeMap<Spanned<String>, Spanned<Loose>>,
    name: &str,
    error: &mut impl FnMut(Range<usize>, String),
) -> BTreeMap<&'static str, Set> {
    let mut set = BTreeMap::new();
    let names: Vec<&str> = bindings.iter().map(|b| b.name).collect();
    for (action, value) in table {
        let Some(binding) = bindings.iter_mut().find(|b| b.name == action.get_ref()) else {
            error(
                action.span(),
                format!("[{name}]: unknown action `{}`{}", action.get_ref(), hint(action.get_ref(), &names)),
            );
            continue;
        };
        let items = match Loose::strings(value) {
            Ok(items) => items,
            Err(span) => {
                error(span, format!("[{name}] {}: expected a key name or a list of key names", binding.name));
                continue;
            }
        };
        let mut keys = Vec::new();
        for (text, span) in items {
            match keys::parse(text) {
                Ok(k) if !keys.iter().any(|(have, _)| *have == k) => keys.push((k, span)),
                Ok(_) => {}
                Err(e) => error(span, e),
            }
        }
        binding.keys = keys.iter().map(|(k, _)| *k).collect();
        set.insert(binding.name, Set { whole: value.span(), keys });
    }
    set
}

/// A key bound to two actions is an error, reported where the file bound it.
fn conflicts(
    bindings: &[Binding],
    set: &BTreeMap<&'static str, Set>,
    table: &str,
    error: &mut impl FnMut(Range<usize>, String),
) {
    for (i, a) in bindings.iter().enumerate() {
        for b in &bindings[i + 1..] {
            for &key in a.keys.iter().filter(|k| b.keys.contains(k)) {
                // The later of the two places the file wrote the key (or the only one).
                let span = |binding: &Binding| set.get(binding.name).map(|s| s.span_of(key));
                let (here, other) = match (span(a), span(b)) {
                    (Some(sa), Some(sb)) if sa.start > sb.start => ((a, sa), b),
                    (_, Some(sb)) => ((b, sb), a),
                    (Some(sa), None) => ((a, sa), b),
                    (None, None) => continue,
                };
                if key == Key::ctrl('c') && (a.name == "force_quit" || b.name == "force_quit") {
                    let taker = if a.name == "force_quit" { b } else { a };
                    error(
                        span(taker).unwrap_or(here.1),
                        format!("[{table}] `ctrl-c` always quits: it cannot be bound to `{}`", taker.name),
                    );
                    continue;
                }
                let whose = if set.contains_key(other.name) { "also set in this file" } else { "its default" };
                error(
                    here.1,
                    format!(
                        "[{table}] `{}` is bound to both `{}` and `{}` ({whose}); give `{}` other keys",
                        keys::name(key),
                        here.0.name,
                        other.name,
                        other.name
                    ),
                );
            }
        }
    }
}

/// What a colour may be, for messages.
const COLOURS: &str = "a name (cyan, light-blue, dark-gray…), #rrggbb, 0–255, or `default`";

/// `cyan`, `light-blue`, `#3a7bd5`, `208` (of the 256), or `default` for the
/// terminal's own colour.
fn parse_color(text: &str) -> Result<Option<ratatui::style::Color>, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "default" | "none" | "terminal" => Ok(None),
        t => t.parse().map(Some).map_err(|_| format!("unknown colour `{text}`: {COLOURS}")),
    }
}

fn expand_home(path: &str, base: &Path) -> PathBuf {
    let rest = if path == "~" { Some("") } else { path.strip_prefix("~/") };
    let path = match (rest, std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    };
    if path.is_absolute() { path } else { base.join(path) }
}

/// The settings of the file's top level, as `podium config --default` lists them.
const SETTINGS: [&str; 8] = ["content", "theme", "mouse", "wrap", "colors", "keys", "search_keys", "people"];

/// Every top-level key or table the configuration does not know, with a hint.
fn unknown_settings(text: &str) -> Vec<(Range<usize>, String)> {
    let Ok(table) = toml::de::DeTable::parse(text) else { return Vec::new() };
    table
        .get_ref()
        .iter()
        .filter(|(key, _)| !SETTINGS.contains(&key.get_ref().as_ref()))
        .map(|(key, _)| {
            let name = key.get_ref().as_ref();
            // A table's name sits inside `[ ]`: point at the bracket, as for a line's start.
            let mut span = key.span();
            if text[..span.start].ends_with('[') {
                span.start -= 1;
            }
            (span, format!("unknown setting `{name}`{}", hint(name, &SETTINGS)))
        })
        .collect()
}

/// " (did you mean `x`?)" when a known name is close.
fn hint(word: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}
