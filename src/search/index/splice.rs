//! A stored library brought up to date with the files that changed since it
//! was stored, for one search, without rewriting it: the changed and new
//! files are read, the stored reports of changed and removed files are left
//! in the index dead, and the new reports' items are added after the stored
//! ones with posting lists of their own ([`super::Spliced`]). Each item keeps
//! its place in the library as a whole load would order it, so that ranking
//! ties fall as they would: the answer is the one a fresh index gives.
//!
//! Declined (`None`: the caller reads the whole library) when too many files
//! changed for this to pay, when ids clash (which report keeps a clashing id
//! depends on every file), or when anything does not fit.

use super::manifest::Manifest;
use super::store::Opened;
use super::stored::StoredReports;
use super::{Index, NO_WORD, Spliced, StemTable, Vocabulary, list_items, mask};
use crate::load::stamp::FileStamp;
use crate::load::{FileOutcome, Problem};
use crate::model::Report;
use crate::search::reports::Reports;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Up to this many changed, added or removed files (or an eighth of the
/// library, if more) are read on their own; beyond, reading the library whole
/// from the parse cache costs about as much.
const FEW_FILES: usize = 64;

/// A stored library with its changed files read.
pub struct Library {
    pub index: Index,
    pub reports: SplicedReports,
    pub problems: Vec<Problem>,
    /// How many files were read.
    pub files_read: usize,
}

/// The stored reports, then those of the files read.
pub struct SplicedReports {
    stored: StoredReports,
    fresh: Vec<Report>,
}

impl SplicedReports {
    pub fn damaged(&self) -> bool {
        self.stored.damaged()
    }

    /// How many stored reports were read back whole.
    pub fn read_back(&self) -> usize {
        self.stored.read_back()
    }
}

impl SplicedReports {
    /// Report `r` as `stored` reads a kept one, or a report of a file read.
    fn pick(&self, r: usize, stored: impl Fn(&StoredReports, usize) -> &Report) -> &Report {
        match r.checked_sub(self.stored.count()) {
            Some(k) => &self.fresh[k],
            None => stored(&self.stored, r),
        }
    }
}

impl Reports for SplicedReports {
    fn count(&self) -> usize {
        self.stored.count() + self.fresh.len()
    }

    fn report(&self, r: usize) -> &Report {
        self.pick(r, StoredReports::report)
    }

    fn outline(&self, r: usize) -> &Report {
        self.pick(r, StoredReports::outline)
    }

    fn prepare_outlines(&self) {
        self.stored.prepare_outlines();
    }

    fn fields(&self, r: usize) -> &Report {
        self.pick(r, StoredReports::fields)
    }

    fn prepare_fields(&self) {
        self.stored.prepare_fields();
    }
}

/// `opened` (stored with `manifest`) brought up to date with the files as
/// stamped `now` (in the walk's order), reading each changed or new one with
/// `read` (`None`: it is gone).
/// `program`: this build of podium (`load::cache::program`), which must be
/// the one that read the stored files.
pub fn splice(
    opened: Opened,
    manifest: &Manifest,
    program: &str,
    now: &[(PathBuf, FileStamp)],
    read: impl Fn(&Path) -> Option<FileOutcome> + Sync,
) -> Option<Library> {
    let stored_count = opened.reports.count();
    if manifest.program != program
        || manifest.reports.len() != stored_count
        || opened.problems.iter().any(crate::load::is_duplicate_id)
    {
        return None;
    }
    let stored_files: HashMap<&Path, (u32, FileStamp)> =
        manifest.files.iter().enumerate().map(|(f, (p, s))| (p.as_path(), (f as u32, *s))).collect();
    // Per file now: its stored file, if it is unchanged.
    let unchanged: Vec<Option<u32>> =
        now.iter().map(|(p, s)| stored_files.get(p.as_path()).filter(|(_, was)| was == s).map(|&(f, _)| f)).collect();
    let changed: Vec<usize> = (0..now.len()).filter(|&k| unchanged[k].is_none()).collect();
    let kept = unchanged.iter().flatten().count();
    let gone = manifest.files.len() - kept;
    if changed.len() + gone > FEW_FILES.max(now.len() / 8) {
        return None;
    }
    // Where each stored file is in the walk now (u32::MAX: changed or gone).
    let mut walk_place = vec![u32::MAX; manifest.files.len()];
    for (k, f) in unchanged.iter().enumerate() {
        if let Some(f) = f {
            walk_place[*f as usize] = k as u32;
        }
    }
    let outcomes: Vec<(usize, FileOutcome)> = {
        use rayon::prelude::*;
        changed.par_iter().map(|&k| Some((k, read(&now[k].0)?))).collect::<Option<_>>()?
    };

    // The reports of the files read, in the walk's order; ids must not clash.
    let alive = |r: usize| walk_place[manifest.reports[r].file as usize] != u32::MAX;
    let mut ids: HashSet<&str> =
        (0..stored_count).filter(|&r| alive(r)).map(|r| manifest.reports[r].id.as_str()).collect();
    let (mut fresh, mut fresh_place): (Vec<Report>, Vec<u32>) = (Vec::new(), Vec::new());
    for (k, outcome) in &outcomes {
        for parsed in &outcome.reports {
            fresh.push(parsed.report.clone());
            fresh_place.push(*k as u32);
        }
    }
    for r in &fresh {
        if !ids.insert(r.id.as_str()) {
            return None;
        }
    }

    // The order a whole load gives: by date and start, ties in the walk's
    // order, then each file's own.
    enum Source {
        Stored(usize),
        Fresh(usize),
    }
    let mut order: Vec<(&str, Option<&str>, u32, usize, Source)> = Vec::with_capacity(stored_count + fresh.len());
    for (r, key) in manifest.reports.iter().enumerate().filter(|&(r, _)| alive(r)) {
        order.push((&key.date, key.start.as_deref(), walk_place[key.file as usize], r, Source::Stored(r)));
    }
    for (k, r) in fresh.iter().enumerate() {
        order.push((&r.date, r.start.as_deref(), fresh_place[k], k, Source::Fresh(k)));
    }
    order.sort_by(|a, b| (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)));

    let Opened { mut index, reports: stored, problems: stored_problems, .. } = opened;
    let n_old = index.items.len();
    // Where each stored report's items start (they are listed report by report).
    let mut starts = vec![n_old as u32; stored_count + 1];
    for (i, it) in index.items.iter().enumerate().rev() {
        *starts.get_mut(it.report as usize)? = i as u32;
    }
    for r in (0..stored_count).rev() {
        starts[r] = starts[r].min(starts[r + 1]);
    }
    let fresh_items = list_items(&fresh);
    let mut fresh_starts = vec![fresh_items.len() as u32; fresh.len() + 1];
    for (i, it) in fresh_items.iter().enumerate().rev() {
        fresh_starts[it.report as usize] = i as u32;
    }
    let added = Vocabulary::build(&fresh, &fresh_items, &|k| (n_old + k) as u32, &|| false)?;

    // The new words join the vocabulary; each word's added items get a list.
    let known: HashMap<&str, u32> = index.words.iter().enumerate().map(|(w, s)| (&**s, w as u32)).collect();
    let mut new_words: Vec<Box<str>> = Vec::new();
    let global: Vec<u32> = added
        .words
        .iter()
        .map(|w| match known.get(&**w) {
            Some(&id) => id,
            None => {
                new_words.push(w.clone());
                (index.words.len() + new_words.len() - 1) as u32
            }
        })
        .collect();
    drop(known);
    let n_words = index.words.len() + new_words.len();
    let mut lists: Vec<&[u8]> = vec![&[]; n_words];
    for (local, list) in added.lists.iter().enumerate() {
        lists[global[local] as usize] = &list.bytes;
    }
    let mut list_starts = Vec::with_capacity(n_words + 1);
    let mut postings = Vec::with_capacity(added.lists.iter().map(|l| l.bytes.len()).sum());
    for list in lists {
        list_starts.push(postings.len() as u32);
        postings.extend_from_slice(list);
    }
    list_starts.push(postings.len() as u32);
    if !new_words.is_empty() {
        for w in new_words {
            index.masks.push(mask(&w));
            index.words.push(w);
        }
        index.stems = StemTable::build(&index.words);
    }
    let word = |w: u32| if w == NO_WORD { w } else { global[w as usize] };
    index.items.extend(fresh_items.iter().map(|it| super::Item { report: it.report + stored_count as u32, ..*it }));
    index.head_len.extend(&added.head_len);
    index.first_word.extend(added.first_word.iter().map(|&w| word(w)));
    index.last_word.extend(added.last_word.iter().map(|&w| word(w)));
    index.cased.extend(added.cased.into_iter().map(|(s, w)| (s, global[w as usize])));
    index.cased.sort_unstable();

    let n = index.items.len();
    let mut dead = vec![false; n];
    for r in (0..stored_count).filter(|&r| !alive(r)) {
        dead[starts[r] as usize..starts[r + 1] as usize].fill(true);
    }
    let mut places = vec![u32::MAX; n];
    let mut next = 0u32;
    for (.., source) in &order {
        let range = match *source {
            Source::Stored(r) => starts[r] as usize..starts[r + 1] as usize,
            Source::Fresh(k) => n_old + fresh_starts[k] as usize..n_old + fresh_starts[k + 1] as usize,
        };
        for i in range {
            places[i] = next;
            next += 1;
        }
    }
    index.spliced = Some(Box::new(Spliced { starts: list_starts, postings, dead, order: places }));

    // The problems, file by file in the walk's order, as a whole load lists them.
    let mut stored_by_path: HashMap<&Path, Vec<&Problem>> = HashMap::new();
    for p in &stored_problems {
        stored_by_path.entry(p.path.as_path()).or_default().push(p);
    }
    let read_problems: HashMap<usize, &[Problem]> = outcomes.iter().map(|(k, o)| (*k, o.problems.as_slice())).collect();
    let mut problems = Vec::with_capacity(stored_problems.len());
    let mut attributed = 0;
    for (k, (path, _)) in now.iter().enumerate() {
        match unchanged[k] {
            Some(_) => {
                let of_file = stored_by_path.get(path.as_path()).map_or(&[][..], Vec::as_slice);
                attributed += of_file.len();
                problems.extend(of_file.iter().map(|p| (*p).clone()));
            }
            None => problems.extend(read_problems.get(&k).copied().unwrap_or_default().iter().cloned()),
        }
    }
    // Every stored problem of a file still there is accounted for, or the
    // library is not what the manifest says.
    let of_kept: usize = stored_problems
        .iter()
        .filter(|p| stored_files.get(p.path.as_path()).is_some_and(|&(f, _)| walk_place[f as usize] != u32::MAX))
        .count();
    if attributed != of_kept || stored_problems.iter().any(|p| !stored_files.contains_key(p.path.as_path())) {
        return None;
    }
    Some(Library { index, reports: SplicedReports { stored, fresh }, problems, files_read: outcomes.len() })
}
