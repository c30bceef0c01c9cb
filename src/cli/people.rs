//! `podium people`: everyone who speaks in the library, one line each.

use super::args::{PeopleFormat, PeopleSort};
use super::{FOUND_PROBLEMS, OK, load_reporting};
use podium::export::{json, markdown, text};
use podium::load::{Input, LoadOptions};
use podium::people::{Aliases, People};
use std::process::ExitCode;

pub fn run(
    inputs: &[Input],
    opts: &LoadOptions,
    aliases: &Aliases,
    format: PeopleFormat,
    sort: PeopleSort,
) -> ExitCode {
    let library = load_reporting(inputs, opts);
    let people = People::build(&library.reports, aliases);
    let order: Vec<usize> = match sort {
        PeopleSort::Sessions => (0..people.len()).collect(),
        PeopleSort::Name => people.by_name(),
    };
    let reports = &library.reports;
    let out = match format {
        PeopleFormat::Text => text::people(&people, &order, reports),
        PeopleFormat::Markdown => markdown::people(&people, &order, reports),
        PeopleFormat::Json => format!("{}\n", json::people(&people, &order, reports)),
    };
    // As `list`: nothing to list, or a file that did not load, is not a clean result.
    let ok = library.errors() == 0 && !people.is_empty();
    super::output::print(&out, if ok { OK } else { FOUND_PROBLEMS })
}
