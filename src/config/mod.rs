//! The configuration file (TOML): default content, theme and colours, key
//! bindings, mouse, wrap width. A missing file means the defaults; a bad one
//! gives `path:line:col` errors and nothing is guessed.

pub mod keys;
mod template;

use crate::app::key::{Code, Key};
use crate::app::keymap::{Binding, KeyMap};
use crate::load::{Pos, Problem};
use crate::ui::theme::Palette;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

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
}

/// The file as written. Every value keeps its position for error messages.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    content: Option<Spanned<OneOrMany>>,
    theme: Option<Spanned<String>>,
    mouse: Option<bool>,
    wrap: Option<Spanned<i64>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<OneOrMany>>,
    #[serde(default)]
    search_keys: BTreeMap<Spanned<String>, Spanned<OneOrMany>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
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
    let at = |span: std::ops::Range<usize>| Some(Pos::of_offset(text, span.start));
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().replace('\n', " ");
        vec![Problem::error(path, e.span().and_then(at), message)]
    })?;
    let mut problems = Vec::new();
    let mut error =
        |span: std::ops::Range<usize>, message: String| problems.push(Problem::error(path, at(span), message));
    let mut config = Config::default();

    if let Some(content) = &raw.content {
        // Relative paths are relative to the configuration file, as in most tools.
        let base = path.parent().unwrap_or(Path::new("."));
        config.content = content.get_ref().items().into_iter().map(|p| expand_home(p, base)).collect();
    }
    if let Some(theme) = &raw.theme {
        match Palette::by_name(theme.get_ref()) {
            Some(p) => config.palette = p,
            None => error(theme.span(), format!("unknown theme `{}`: `dark` or `light`", theme.get_ref())),
        }
    }
    config.mouse = raw.mouse.unwrap_or(false);
    if let Some(wrap) = &raw.wrap {
        match *wrap.get_ref() {
            0 => config.wrap = None,
            w @ 20..=1000 => config.wrap = Some(w as usize),
            w => error(wrap.span(), format!("wrap width {w}: 0 (the pane's width) or 20 to 1000 columns")),
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
        match parse_color(value.get_ref()) {
            Ok(c) => *slot = c,
            Err(e) => error(value.span(), e),
        }
    }
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
            if let (Key { code: Code::Char(_), ctrl: false, alt: false }, Some(span)) = (key, prompt_set.get(b.name)) {
                error(
                    span.clone(),
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
    if problems.is_empty() { Ok(config) } else { Err(problems) }
}

/// Applies `[table]` to the bindings; returns where each rebound action was set.
fn rebind(
    bindings: &mut [Binding],
    table: &BTreeMap<Spanned<String>, Spanned<OneOrMany>>,
    name: &str,
    error: &mut impl FnMut(std::ops::Range<usize>, String),
) -> BTreeMap<&'static str, std::ops::Range<usize>> {
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
        let mut keys = Vec::new();
        for text in value.get_ref().items() {
            match keys::parse(text) {
                Ok(k) if !keys.contains(&k) => keys.push(k),
                Ok(_) => {}
                Err(e) => error(value.span(), e),
            }
        }
        binding.keys = keys;
        set.insert(binding.name, value.span());
    }
    set
}

/// A key bound to two actions is an error, reported where the file bound it.
fn conflicts(
    bindings: &[Binding],
    set: &BTreeMap<&'static str, std::ops::Range<usize>>,
    table: &str,
    error: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    for (i, a) in bindings.iter().enumerate() {
        for b in &bindings[i + 1..] {
            for key in a.keys.iter().filter(|k| b.keys.contains(k)) {
                // The later of the two lines the file wrote (or the only one).
                let (here, other) = match (set.get(a.name), set.get(b.name)) {
                    (Some(sa), Some(sb)) if sa.start > sb.start => ((a, sa), b),
                    (_, Some(sb)) => ((b, sb), a),
                    (Some(sa), None) => ((a, sa), b),
                    (None, None) => continue,
                };
                if *key == Key::ctrl('c') && (a.name == "force_quit" || b.name == "force_quit") {
                    let taker = if a.name == "force_quit" { b } else { a };
                    let span = set.get(taker.name).cloned().unwrap_or_else(|| here.1.clone());
                    error(span, format!("[{table}] `ctrl-c` always quits: it cannot be bound to `{}`", taker.name));
                    continue;
                }
                let whose = if set.contains_key(other.name) { "also set in this file" } else { "its default" };
                error(
                    here.1.clone(),
                    format!(
                        "[{table}] `{}` is bound to both `{}` and `{}` ({whose}); give `{}` other keys",
                        keys::name(*key),
                        here.0.name,
                        other.name,
                        other.name
                    ),
                );
            }
        }
    }
}

/// `cyan`, `light-blue`, `#3a7bd5`, `208` (of the 256), or `default` for the
/// terminal's own colour.
fn parse_color(text: &str) -> Result<Option<ratatui::style::Color>, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "default" | "none" | "terminal" => Ok(None),
        t => t.parse().map(Some).map_err(|_| {
            format!("unknown colour `{text}`: a name (cyan, light-blue, dark-gray…), #rrggbb, 0–255, or `default`")
        }),
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
