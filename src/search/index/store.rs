//! The index kept on disk beside the parse cache, with the reports it was
//! made from, so that a library already indexed is searchable without
//! reading its files: `podium search` checks the files' stamps
//! (`load::stamp`), reads the index, and reads back only the reports it ranks
//! or prints; the reader checks the index against the reports it loaded.
//!
//! One file per library (named by a hash of the paths it was loaded from).
//! Two keys say what it is for: the content key, a hash of every report and
//! of this build of podium (the reader's check), and the files key, the
//! stamps of the files as they were when read (the command line's; zero when
//! they could not vouch for what was read, e.g. a file changed during the
//! load or a library patched by live changes). A file for other reports or
//! files, of another build, damaged (a flipped bit, a torn write: the xxh3
//! checksums do not match) or inconsistent is a miss, never wrong hits.
//! Files are written whole to a temporary file and renamed over the old one,
//! so an interrupted write leaves the old file or none.
//!
//! Layout (little-endian): [`MAGIC`]; the header: content key, files key and
//! the index part's length (u64 each); the index part: twelve counts (u32:
//! reports, quotes, words, spellings with capitals, posting bytes, word
//! bytes, spelling bytes, problems, problem bytes, blocks, stems, stem
//! bytes), per report its speakers
//! and quotes, per quote its speaker (`u32::MAX`: none), then per item its
//! head length, first word and last word (each list in two bytes a number
//! when all fit, else four, the width first); per word its end in the word
//! bytes, the word bytes; the start of each word's postings (one more than
//! the words), the posting bytes; per spelling its end, the spelling bytes,
//! its word; per stem its end, the stem bytes, per word its stem (`u32::MAX`:
//! none); per problem its end, the problem bytes (each problem in JSON); the
//! table of the reports' pieces and blocks, 1 if the fields' pieces are the
//! outlines' or else 0 and those pieces, the length and bytes of the zstd
//! dictionary of the blocks (`stored.rs`), the length and bytes of the
//! manifest (`manifest.rs`); then the xxh3-64 of all before
//! it. Then the blocks of the reports themselves, compressed (`stored.rs`). Items are listed again from the counts (in the order every
//! build lists them), letter masks made again from the words, and
//! posting lists decoded only when read, stopping at any item out of range.

use super::manifest::Manifest;
use super::stored::{self, StoredReports, Table};
use super::{Index, Item, Kind, NO_WORD, PostingBytes, StemTable, list_items, mask};
use crate::load::{Input, Problem, Severity};
use crate::model::Report;
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3Default, xxh3_64};

/// The format's name and version: a change in the layout, or in what the
/// engine reads of an index, needs a new version.
const MAGIC: &[u8] = b"podium-index\0\x06";
const SUM: usize = 8;
/// The header after [`MAGIC`]: content key, files key, index part length.
const HEADER: usize = 24;
/// A speaker index meaning "none" (a quote whose speaker is not listed).
const NO_SPEAKER: u32 = u32::MAX;

/// Why a stored index was not used.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum StoreError {
    #[error("no stored index")]
    Missing,
    #[error("the stored index is damaged (its checksum does not match)")]
    Damaged,
    #[error("the stored index is for another library or another podium")]
    Stale,
    #[error("the stored index is inconsistent: {0}")]
    Inconsistent(&'static str),
}

/// What a stored index must have been built from: the reports (every field)
/// and this build of podium.
pub fn library_key(reports: &[Report], program: &str) -> u64 {
    let mut h = Xxh3Default::new();
    MAGIC.hash(&mut h);
    program.hash(&mut h);
    reports.hash(&mut h);
    h.finish()
}

/// The file holding the index of the library loaded from `roots`.
pub fn path_for(dir: &Path, roots: &[PathBuf]) -> PathBuf {
    let mut h = Xxh3Default::new();
    roots.hash(&mut h);
    dir.join("index").join(format!("{:016x}.idx", h.finish()))
}

/// The file for a library loaded from `inputs` (files and folders, by their
/// canonical paths); none when standard input or built-in text is part of it.
pub fn path_for_inputs(dir: &Path, inputs: &[Input]) -> Option<PathBuf> {
    let roots = inputs
        .iter()
        .map(|i| match i {
            Input::Path(p) => Some(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
            Input::Stdin | Input::Embedded { .. } => None,
        })
        .collect::<Option<Vec<PathBuf>>>()?;
    Some(path_for(dir, &roots))
}

/// What a stored file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keys {
    /// [`library_key`] of its reports.
    pub content: u64,
    /// `load::stamp::files_key` of its files when read; 0: none.
    pub files: u64,
}

/// The whole file: the index part, sealed, then `blobs`.
fn to_bytes(
    index: &Index,
    reports: &[Report],
    keys: Keys,
    problems: &[Problem],
    table: &Table,
    manifest: &[u8],
) -> Vec<u8> {
    // Each problem as JSON: the reader lists them by file and position.
    let problems: Vec<String> = problems.iter().map(|p| serde_json::to_string(p).unwrap_or_default()).collect();
    let mut part = Vec::with_capacity(64 + index.items.len() * 16 + index.postings.len() + index.words.len() * 12);
    let u32s = |out: &mut Vec<u8>, v: &mut dyn Iterator<Item = u32>| v.for_each(|x| out.extend(x.to_le_bytes()));
    let ends = |out: &mut Vec<u8>, v: &mut dyn Iterator<Item = usize>| {
        let mut end = 0u32;
        v.for_each(|len| {
            end += len as u32;
            out.extend(end.to_le_bytes());
        })
    };
    let quotes: usize = reports.iter().map(|r| r.quotes.len()).sum();
    let word_bytes: usize = index.words.iter().map(|w| w.len()).sum();
    let cased_bytes: usize = index.cased.iter().map(|(w, _)| w.len()).sum();
    let problem_bytes: usize = problems.iter().map(String::len).sum();
    let (stems, stem_of_word) = index.stems.to_parts(index.words.len());
    let stem_bytes: usize = stems.iter().map(|s| s.len()).sum();
    for n in [
        reports.len(),
        quotes,
        index.words.len(),
        index.cased.len(),
        index.postings.len(),
        word_bytes,
        cased_bytes,
        problems.len(),
        problem_bytes,
        table.blocks.len(),
        stems.len(),
        stem_bytes,
    ] {
        part.extend((n as u32).to_le_bytes());
    }
    for r in reports {
        part.extend((r.speakers.len() as u32).to_le_bytes());
        part.extend((r.quotes.len() as u32).to_le_bytes());
    }
    // The quotes' speakers, as the items list them.
    u32s(
        &mut part,
        &mut index.items.iter().filter(|it| it.kind == Kind::Quote).map(|it| it.speaker.unwrap_or(NO_SPEAKER)),
    );
    narrow(&mut part, &index.head_len);
    narrow(&mut part, &index.first_word);
    narrow(&mut part, &index.last_word);
    ends(&mut part, &mut index.words.iter().map(|w| w.len()));
    index.words.iter().for_each(|w| part.extend_from_slice(w.as_bytes()));
    u32s(&mut part, &mut index.posting_starts.iter().copied());
    part.extend_from_slice(&index.postings);
    ends(&mut part, &mut index.cased.iter().map(|(w, _)| w.len()));
    index.cased.iter().for_each(|(w, _)| part.extend_from_slice(w.as_bytes()));
    u32s(&mut part, &mut index.cased.iter().map(|&(_, id)| id));
    ends(&mut part, &mut stems.iter().map(|s| s.len()));
    stems.iter().for_each(|s| part.extend_from_slice(s.as_bytes()));
    u32s(&mut part, &mut stem_of_word.into_iter());
    ends(&mut part, &mut problems.iter().map(String::len));
    problems.iter().for_each(|p| part.extend_from_slice(p.as_bytes()));
    table.write_to(&mut part);
    part.extend((manifest.len() as u32).to_le_bytes());
    part.extend_from_slice(manifest);
    let mut out = Vec::with_capacity(MAGIC.len() + HEADER + part.len() + SUM);
    out.extend_from_slice(MAGIC);
    out.extend(keys.content.to_le_bytes());
    out.extend(keys.files.to_le_bytes());
    out.extend((part.len() as u64).to_le_bytes());
    out.extend_from_slice(&part);
    let sum = xxh3_64(&out);
    out.extend(sum.to_le_bytes());
    out
}

/// Numbers in two bytes each when all fit (`u32::MAX`, "none", as
/// `u16::MAX`), else in four: the width first. Most libraries have fewer than
/// 65,535 words and heads that long: a million quotes save 7 MB.
fn narrow(out: &mut Vec<u8>, values: &[u32]) {
    let fits = values.iter().all(|&v| v < u32::from(u16::MAX) || v == u32::MAX);
    out.extend(if fits { 2u32 } else { 4u32 }.to_le_bytes());
    for &v in values {
        if fits {
            out.extend((v.min(u32::from(u16::MAX)) as u16).to_le_bytes());
        } else {
            out.extend(v.to_le_bytes());
        }
    }
}

/// What the index part holds besides the index.
struct Part {
    index: Index,
    problems: Vec<Problem>,
    table: Table,
    /// The manifest's bytes (`manifest.rs`; empty: none).
    manifest: Vec<u8>,
}

/// The index part in `part` (checked by the caller's checksum): anything
/// inconsistent is an error, never an index that could panic.
fn parse_part(sealed: &Sealed) -> Result<Part, StoreError> {
    let mut r = Reader { bytes: &sealed.map[MAGIC.len() + HEADER..sealed.end] };
    let [
        n_reports,
        n_quotes,
        n_words,
        n_cased,
        n_postings,
        word_bytes,
        cased_bytes,
        n_problems,
        problem_bytes,
        n_blocks,
        n_stems,
        stem_bytes,
    ] = [(); 12].map(|_| r.u32().map(|n| n as usize));
    let (n_reports, n_quotes, n_words, n_cased) = (n_reports?, n_quotes?, n_words?, n_cased?);
    let (n_postings, word_bytes, cased_bytes) = (n_postings?, word_bytes?, cased_bytes?);
    let (n_problems, problem_bytes, n_blocks) = (n_problems?, problem_bytes?, n_blocks?);
    let (n_stems, stem_bytes) = (n_stems?, stem_bytes?);
    let counts = r.u32s(n_reports.checked_mul(2).ok_or(StoreError::Inconsistent("too many reports"))?)?;
    let quote_speakers = r.u32s(n_quotes)?;
    let n_items = counts.iter().try_fold(n_reports, |n, &c| n.checked_add(c as usize));
    let n_items = n_items.ok_or(StoreError::Inconsistent("too many items"))?;
    // Three numbers per item follow: counts beyond the bytes allocate nothing.
    r.fits(n_items, 6)?;
    let items = items_from(&counts, &quote_speakers)?;
    let head_len = r.narrow(n_items)?;
    let first_word = r.narrow(n_items)?;
    let last_word = r.narrow(n_items)?;
    if first_word.iter().chain(&last_word).any(|&w| w != NO_WORD && w as usize >= n_words) {
        return Err(StoreError::Inconsistent("a first or last word out of range"));
    }
    let words = r.strings(n_words, word_bytes, false)?;
    let posting_starts = r.u32s(n_words.checked_add(1).ok_or(StoreError::Inconsistent("too many words"))?)?;
    let postings = r.take(n_postings)?;
    let at = postings.as_ptr() as usize - sealed.map.as_ptr() as usize;
    let postings = PostingBytes::Mapped(std::sync::Arc::clone(&sealed.map), at..at + postings.len());
    if posting_starts.first() != Some(&0)
        || posting_starts.last().map(|&e| e as usize) != Some(postings.len())
        || !posting_starts.is_sorted()
    {
        return Err(StoreError::Inconsistent("posting lists out of order"));
    }
    let spellings = r.strings(n_cased, cased_bytes, false)?;
    let ids = r.u32s(n_cased)?;
    if ids.iter().any(|&w| w as usize >= n_words) {
        return Err(StoreError::Inconsistent("a spelling of no word"));
    }
    let stems = r.strings(n_stems, stem_bytes, false)?;
    let stem_of_word = r.u32s(n_words)?;
    let stems = StemTable::from_parts(stems, &stem_of_word);
    let problems =
        r.strings(n_problems, problem_bytes, true)?.iter().map(|json| problem_from(json)).collect::<Result<_, _>>()?;
    let table_len = Table::len(n_reports, n_blocks).ok_or(StoreError::Inconsistent("too many blocks"))?;
    let mut table = Table::read_from(r.take(table_len)?, n_reports, n_blocks)?;
    if r.u32()? == 1 {
        table.fields = table.outlines.clone();
    } else {
        let len = n_reports.checked_mul(Table::PIECE_BYTES).ok_or(StoreError::Inconsistent("too many reports"))?;
        table.read_fields(r.take(len)?, n_reports)?;
    }
    let dictionary_len = r.u32()? as usize;
    table.dictionary = r.take(dictionary_len)?.to_vec();
    let manifest_len = r.u32()? as usize;
    let manifest = r.take(manifest_len)?.to_vec();
    if !r.bytes.is_empty() {
        return Err(StoreError::Inconsistent("bytes after the end"));
    }
    let masks = words.iter().map(|w| mask(w)).collect();
    let index = Index {
        items,
        head_len,
        first_word,
        last_word,
        words,
        masks,
        postings,
        posting_starts,
        cased: spellings.into_iter().zip(ids).collect(),
        stems,
        spliced: None,
    };
    Ok(Part { index, problems, table, manifest })
}

/// A problem stored as JSON, made again through its constructors: its
/// message is sanitised and bounded as when it was met, whatever the file says.
fn problem_from(json: &str) -> Result<Problem, StoreError> {
    let p: Problem = serde_json::from_str(json).map_err(|_| StoreError::Inconsistent("a problem that is not one"))?;
    Ok(match p.severity {
        Severity::Error => Problem::error(&p.path, p.pos, &p.message),
        Severity::Warning => Problem::warning(&p.path, p.pos, &p.message),
    })
}

/// The items of reports with these speaker and quote counts (pairs) and
/// quotes' speakers, as [`list_items`] lists them (the caller has checked
/// that the counts fit the file).
fn items_from(counts: &[u32], quote_speakers: &[u32]) -> Result<Vec<Item>, StoreError> {
    let mut items = Vec::with_capacity(counts.chunks(2).map(|c| 1 + c[0] as usize + c[1] as usize).sum());
    let mut speakers_of = quote_speakers.iter();
    for (ri, c) in counts.chunks_exact(2).enumerate() {
        let report = ri as u32;
        items.push(Item { kind: Kind::Report, report, speaker: None, quote: None });
        items.extend((0..c[0]).map(|s| Item { kind: Kind::Speaker, report, speaker: Some(s), quote: None }));
        for q in 0..c[1] {
            let &s = speakers_of.next().ok_or(StoreError::Inconsistent("fewer quote speakers than quotes"))?;
            if s != NO_SPEAKER && s >= c[0] {
                return Err(StoreError::Inconsistent("a quote's speaker out of range"));
            }
            let speaker = (s != NO_SPEAKER).then_some(s);
            items.push(Item { kind: Kind::Quote, report, speaker, quote: Some(q) });
        }
    }
    if speakers_of.next().is_some() {
        return Err(StoreError::Inconsistent("more quote speakers than quotes"));
    }
    Ok(items)
}

/// The header of the file at `path`: its keys, the file up to the end of the
/// index part (checked against its checksum) and the open file, positioned
/// at the blocks.
fn read_head(path: &Path, wanted: impl Fn(Keys) -> bool) -> Result<(Keys, Sealed, std::fs::File), StoreError> {
    let mut file = std::fs::File::open(path).map_err(|_| StoreError::Missing)?;
    let mut head = vec![0u8; MAGIC.len() + HEADER];
    file.read_exact(&mut head).map_err(|_| StoreError::Damaged)?;
    if !head.starts_with(MAGIC) {
        return Err(StoreError::Stale);
    }
    let word = |k: usize| u64::from_le_bytes(head[MAGIC.len() + 8 * k..][..8].try_into().unwrap_or_default());
    let keys = Keys { content: word(0), files: word(1) };
    // The keys first: a file for another library is not worth reading.
    if !wanted(keys) {
        return Err(StoreError::Stale);
    }
    let part_len = word(2);
    let size = file.metadata().map_err(|_| StoreError::Damaged)?.len();
    let want = part_len.checked_add((MAGIC.len() + HEADER + SUM) as u64).filter(|&w| w <= size);
    let want = want.ok_or(StoreError::Damaged)? as usize;
    // Mapped, not read: the posting bytes, most of it, are used in place.
    // Mapped whole at once (populated), for the checksum reads every page.
    // SAFETY: the file is never written in place (a save writes another file
    // and renames it over this one, which stays as it is while mapped).
    let map = unsafe { memmap2::MmapOptions::new().len(want).populate().map(&file) };
    let map = std::sync::Arc::new(map.map_err(|_| StoreError::Damaged)?);
    let (body, sum) = map.split_at(want - SUM);
    if xxh3_64(body).to_le_bytes() != sum {
        return Err(StoreError::Damaged);
    }
    Ok((keys, Sealed { map, end: want - SUM }, file))
}

/// The checked bytes of a stored file: magic, header and index part.
struct Sealed {
    map: std::sync::Arc<memmap2::Mmap>,
    end: usize,
}

/// The index part of the file at `path` if it is `wanted`, checked whole:
/// its blocks are where the table says, to the file's last byte (a torn
/// write is refused here, not when a report is read).
fn read_part(path: &Path, wanted: impl Fn(Keys) -> bool) -> Result<(Keys, Part, std::fs::File, u64), StoreError> {
    let (keys, sealed, file) = read_head(path, wanted)?;
    let part = parse_part(&sealed)?;
    let base = (sealed.end + SUM) as u64;
    let size = file.metadata().map_err(|_| StoreError::Damaged)?.len();
    if base + part.table.stored_len() != size {
        return Err(StoreError::Damaged);
    }
    Ok((keys, part, file, base))
}

/// Reads the stored index of `reports` from `path` (the reader's way: it has
/// the reports, and reads none back).
pub fn load(path: &Path, key: u64, reports: &[Report]) -> Result<Index, StoreError> {
    let (_, Part { index, .. }, ..) = read_part(path, |k| k.content == key)?;
    if index.items != list_items(reports) {
        return Err(StoreError::Inconsistent("other items than the library has"));
    }
    Ok(index)
}

/// A stored library whose files have not changed since it was stored.
pub struct Opened {
    pub index: Index,
    pub reports: StoredReports,
    /// The problems loading the library met.
    pub problems: Vec<Problem>,
    pub keys: Keys,
    manifest: Vec<u8>,
}

impl Opened {
    /// What the library was read from, file by file, if it was kept.
    pub fn manifest(&self) -> Option<Manifest> {
        Manifest::from_bytes(&self.manifest)
    }
}

/// Opens the stored library at `path` if it is for exactly the files whose
/// key is `files_key` (the command line's way: it reads no report file).
pub fn open(path: &Path, files_key: u64) -> Result<Opened, StoreError> {
    open_if(path, |k| k.files != 0 && k.files == files_key)
}

/// Opens the stored library at `path` whatever its files are now, if it was
/// stamped with them when stored (the caller compares the stamps).
pub fn open_stamped(path: &Path) -> Result<Opened, StoreError> {
    open_if(path, |k| k.files != 0)
}

fn open_if(path: &Path, wanted: impl Fn(Keys) -> bool) -> Result<Opened, StoreError> {
    let (keys, Part { index, problems, table, manifest }, file, base) = read_part(path, wanted)?;
    let reports = StoredReports::new(file, base, table, &index.items)?;
    Ok(Opened { index, reports, problems, keys, manifest })
}

/// The keys of the file at `path`, if it is one of ours.
pub fn keys_of(path: &Path) -> Result<Keys, StoreError> {
    read_head(path, |_| true).map(|(keys, ..)| keys)
}

/// Stores `index` of `reports` at `path`, whole or not at all (a temporary
/// file renamed over the old one), with the reports themselves and the
/// problems met loading them. Returns the bytes written.
pub fn save(path: &Path, keys: Keys, index: &Index, reports: &[Report], problems: &[Problem]) -> std::io::Result<u64> {
    save_with(path, keys, index, reports, problems, None, &|_, _| {}, &|| false)
}

/// What a temporary file being written is called: one left by a process
/// killed while writing is removed by a later save.
const TEMPORARY: &str = ".podium-index-";
/// A temporary file this old is no other save's.
const ABANDONED: std::time::Duration = std::time::Duration::from_secs(3600);

/// [`save`], with what the library was read from (for later searches to
/// read only the files that changed), telling `compressed` how many blocks of
/// reports are done; when `stop` says so, it ends with
/// [`std::io::ErrorKind::Interrupted`] and the file at `path` is as it was.
#[allow(clippy::too_many_arguments)]
pub fn save_with(
    path: &Path,
    keys: Keys,
    index: &Index,
    reports: &[Report],
    problems: &[Problem],
    manifest: Option<&Manifest>,
    compressed: &(dyn Fn(usize, usize) + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) -> std::io::Result<u64> {
    if index.is_spliced() {
        return Err(std::io::Error::other("an index spliced for one search is not kept"));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    remove_abandoned(dir);
    let (table, blob_bytes) = stored::pack(reports, compressed, stop)?;
    let manifest = manifest.map(Manifest::to_bytes).unwrap_or_default();
    let head = to_bytes(index, reports, keys, problems, &table, &manifest);
    let mut tmp = tempfile::Builder::new().prefix(TEMPORARY).tempfile_in(dir)?;
    tmp.write_all(&head)?;
    tmp.write_all(&blob_bytes)?;
    tmp.as_file().sync_data()?;
    if stop() {
        return Err(std::io::Error::from(std::io::ErrorKind::Interrupted));
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok((head.len() + blob_bytes.len()) as u64)
}

/// Removes temporary files left in `dir` by saves that were killed.
fn remove_abandoned(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let old = entry.metadata().ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok());
        if entry.file_name().to_string_lossy().starts_with(TEMPORARY) && old.is_some_and(|age| age > ABANDONED) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A cursor over stored bytes: every read checks what is left.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], StoreError> {
        if n > self.bytes.len() {
            return Err(StoreError::Inconsistent("shorter than its counts say"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn fits(&self, n: usize, each: usize) -> Result<(), StoreError> {
        match n.checked_mul(each) {
            Some(total) if total <= self.bytes.len() => Ok(()),
            _ => Err(StoreError::Inconsistent("shorter than its counts say")),
        }
    }

    fn u32(&mut self) -> Result<u32, StoreError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| StoreError::Damaged)?))
    }

    /// `n` numbers as [`narrow`] writes them.
    fn narrow(&mut self, n: usize) -> Result<Vec<u32>, StoreError> {
        match self.u32()? {
            2 => {
                self.fits(n, 2)?;
                let bytes = self.take(n * 2)?;
                let wide = |v: u16| if v == u16::MAX { u32::MAX } else { u32::from(v) };
                Ok(bytes.chunks_exact(2).map(|c| wide(u16::from_le_bytes([c[0], c[1]]))).collect())
            }
            4 => self.u32s(n),
            _ => Err(StoreError::Inconsistent("numbers of no width")),
        }
    }

    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, StoreError> {
        self.fits(n, 4)?;
        let bytes = self.take(n * 4)?;
        Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    /// `n` strings stored as their ends, then `total` bytes of text (empty
    /// ones only if `empty_ok`).
    fn strings(&mut self, n: usize, total: usize, empty_ok: bool) -> Result<Vec<Box<str>>, StoreError> {
        let ends = self.u32s(n)?;
        let text = std::str::from_utf8(self.take(total)?).map_err(|_| StoreError::Inconsistent("text not UTF-8"))?;
        let mut start = 0usize;
        let mut out = Vec::with_capacity(n);
        for end in ends {
            let end = end as usize;
            let s = text.get(start..end).ok_or(StoreError::Inconsistent("a word out of range"))?;
            if s.is_empty() && !empty_ok {
                return Err(StoreError::Inconsistent("an empty word"));
            }
            out.push(s.into());
            start = end;
        }
        if start != text.len() {
            return Err(StoreError::Inconsistent("words and their bytes disagree"));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Reports;

    fn reports() -> Vec<Report> {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/igf2015-child-online-protection.yaml"
        ))
        .unwrap();
        let mut reports = Vec::new();
        for (i, extra) in ["", "Zebra"].iter().enumerate() {
            let t = text.replace("title: ", &format!("title: {extra} ")).replace("id: igf", &format!("id: v{i}-igf"));
            let out = crate::load::parse_file(Path::new("seed.yaml"), "seed", t.as_bytes());
            reports.extend(out.reports.into_iter().map(|p| p.report));
        }
        reports
    }

    /// What the engine reads of an index.
    #[allow(clippy::type_complexity)]
    fn meaning(
        i: &Index,
    ) -> (Vec<Item>, Vec<u32>, Vec<u32>, Vec<u32>, Vec<Box<str>>, Vec<u64>, Vec<u8>, Vec<u32>, Vec<(Box<str>, u32)>)
    {
        (
            i.items.clone(),
            i.head_len.clone(),
            i.first_word.clone(),
            i.last_word.clone(),
            i.words.clone(),
            i.masks.clone(),
            i.postings.to_vec(),
            i.posting_starts.clone(),
            i.cased.clone(),
        )
    }

    const KEYS: Keys = Keys { content: 11, files: 22 };

    /// A library saved in a fresh folder: the folder, the file, its bytes.
    fn saved(reports: &[Report], problems: &[Problem]) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.idx");
        let index = Index::build(reports);
        let written = save(&path, KEYS, &index, reports, problems).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len() as u64, written);
        (dir, path, bytes)
    }

    /// The checksum of the index part made right again after an edit.
    fn reseal(mut b: Vec<u8>) -> Vec<u8> {
        let part = u64::from_le_bytes(b[MAGIC.len() + 16..MAGIC.len() + 24].try_into().unwrap()) as usize;
        let end = MAGIC.len() + HEADER + part;
        let sum = xxh3_64(&b[..end]);
        b[end..end + SUM].copy_from_slice(&sum.to_le_bytes());
        b
    }

    #[test]
    fn a_large_library_is_kept_in_small_blocks_with_a_dictionary() {
        // Megabytes of pieces: the seed report many times, each a little different.
        let seed = reports().remove(0);
        let large: Vec<Report> = (0..400)
            .map(|i| {
                let mut r = seed.clone();
                r.id = format!("r{i}");
                for (k, q) in r.quotes.iter_mut().enumerate() {
                    q.text = format!("{} ({i}.{k}) {}", q.text, q.text.chars().rev().collect::<String>());
                }
                r
            })
            .collect();
        let (_dir, path, _) = saved(&large, &[]);
        let opened = open(&path, KEYS.files).unwrap();
        let (_, Part { table, .. }, ..) = read_part(&path, |_| true).unwrap();
        assert!(!table.dictionary.is_empty() && table.blocks.len() > 100, "{} blocks", table.blocks.len());
        assert_eq!(opened.reports.report(399), &large[399]);
        // Field filters read the fields, and nothing they would not.
        let fields = opened.reports.fields(7);
        assert_eq!(
            (&fields.id, &fields.title, fields.speakers.len()),
            (&large[7].id, &large[7].title, large[7].speakers.len())
        );
        assert!(fields.summary.is_none() && fields.speakers.iter().all(|s| s.points.is_empty() && s.role.is_none()));
        assert_eq!(opened.reports.into_all().as_deref(), Some(&large[..]));
    }

    #[test]
    fn numbers_are_kept_in_two_bytes_when_all_fit_and_read_back_as_they_were() {
        for (values, width) in
            [(vec![0, 5, u32::MAX, 65_534], 2), (vec![65_535, 3, u32::MAX], 4), (vec![70_000, 1], 4), (vec![], 2)]
        {
            let mut out = Vec::new();
            narrow(&mut out, &values);
            assert_eq!(out.len(), 4 + width * values.len(), "{values:?}");
            let mut r = Reader { bytes: &out };
            assert_eq!(r.narrow(values.len()).unwrap(), values);
            assert!(r.bytes.is_empty());
        }
        let mut r = Reader { bytes: &[3, 0, 0, 0, 1, 1, 1] };
        assert!(r.narrow(1).is_err(), "no such width");
        let mut r = Reader { bytes: &[2, 0, 0, 0, 1] };
        assert!(r.narrow(1).is_err(), "shorter than its count");
    }

    #[test]
    fn a_stored_problem_is_made_safe_again() {
        let mut p = Problem::error(Path::new("a.yaml"), None, "fine");
        p.message = "\u{1b}[2J".repeat(1000);
        let back = problem_from(&serde_json::to_string(&p).unwrap()).unwrap();
        assert!(!back.message.contains('\u{1b}') && back.message.chars().count() < 1000, "{back}");
        assert!(problem_from("{").is_err());
    }

    #[test]
    fn a_stored_library_reads_back_as_built() {
        let reports = reports();
        let problems = vec![
            Problem::error(Path::new("a.yaml"), Some(crate::load::Pos::new(3, 1)), "something"),
            Problem::warning(Path::new("b.yaml"), None, ""),
        ];
        let (_dir, path, _) = saved(&reports, &problems);
        let index = Index::build(&reports);
        let back = load(&path, KEYS.content, &reports).unwrap();
        assert!(meaning(&back) == meaning(&index));
        assert_eq!(back.stems.words("moder"), index.stems.words("moder"));
        let opened = open(&path, KEYS.files).unwrap();
        assert!(meaning(&opened.index) == meaning(&index));
        assert_eq!(opened.problems, problems);
        assert_eq!(opened.keys, KEYS);
        assert_eq!(opened.reports.count(), reports.len());
        for (r, report) in reports.iter().enumerate() {
            assert_eq!(opened.reports.outline(r), &Report { quotes: Vec::new(), ..report.clone() });
            assert_eq!(opened.reports.report(r), report);
            // What field filters read, and nothing they would not.
            let fields = opened.reports.fields(r);
            assert_eq!(
                (&fields.id, &fields.title, &fields.date, &fields.tags),
                (&report.id, &report.title, &report.date, &report.tags)
            );
            let who = |r: &Report| -> Vec<_> {
                r.speakers
                    .iter()
                    .map(|s| (s.id.clone(), s.name.clone(), s.person.clone(), s.organisation.clone()))
                    .collect()
            };
            assert_eq!(who(fields), who(report));
        }
        assert!(!opened.reports.damaged());
        assert_eq!(open(&path, KEYS.files).unwrap().reports.into_all().as_deref(), Some(&reports[..]));
        let (_dir, path, _) = saved(&[], &[]);
        let empty = open(&path, KEYS.files).unwrap();
        assert!(meaning(&empty.index) == meaning(&Index::build(&[])));
    }

    #[test]
    fn a_damaged_stale_or_foreign_file_is_refused() {
        let reports = reports();
        let (_dir, path, bytes) = saved(&reports, &[]);
        let part = u64::from_le_bytes(bytes[MAGIC.len() + 16..MAGIC.len() + 24].try_into().unwrap()) as usize;
        let blobs_at = MAGIC.len() + HEADER + part + SUM;
        // Every flipped bit anywhere: refused, or (in a report's blob) a
        // store that says it is damaged once that report is read.
        for at in (0..bytes.len()).step_by(89).chain([blobs_at - 1, blobs_at, bytes.len() - 1]) {
            let mut b = bytes.clone();
            b[at] ^= 0x10;
            std::fs::write(&path, &b).unwrap();
            match open(&path, KEYS.files) {
                Err(_) => assert!(at < blobs_at, "refused for a flip in a blob at {at}"),
                Ok(o) => {
                    assert!(at >= blobs_at, "opened with a flip at {at}");
                    (0..o.reports.count()).for_each(|r| {
                        let _ = (o.reports.report(r), o.reports.fields(r));
                    });
                    assert!(o.reports.damaged(), "flipped at {at}");
                }
            }
            if at < blobs_at {
                assert!(load(&path, KEYS.content, &reports).is_err(), "flipped at {at}");
            }
        }
        for n in [0, 1, 7, MAGIC.len(), blobs_at - 1, blobs_at, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..n]).unwrap();
            assert!(open(&path, KEYS.files).is_err(), "cut at {n}");
        }
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(open(&path, KEYS.files ^ 1).err(), Some(StoreError::Stale));
        assert_eq!(load(&path, KEYS.content ^ 1, &reports).err(), Some(StoreError::Stale));
        // For other reports, even with the right key and a good checksum.
        assert!(matches!(load(&path, KEYS.content, &reports[..1]), Err(StoreError::Inconsistent(_))));
        // A file whose files could not be stamped is never opened by them.
        let index = Index::build(&reports);
        save(&path, Keys { files: 0, ..KEYS }, &index, &reports, &[]).unwrap();
        assert_eq!(open(&path, 0).err(), Some(StoreError::Stale));
        // Another program, or a report changed in any field: another key.
        let key = library_key(&reports, "test");
        assert_ne!(library_key(&reports, "other build"), key);
        let mut changed = reports.clone();
        changed[0].quotes[0].text.push('!');
        assert_ne!(library_key(&changed, "test"), key);
    }

    #[test]
    fn crafted_content_with_a_good_checksum_never_panics() {
        let reports = reports();
        let (_dir, path, bytes) = saved(&reports, &[]);
        let part = u64::from_le_bytes(bytes[MAGIC.len() + 16..MAGIC.len() + 24].try_into().unwrap()) as usize;
        let query = crate::search::Query::parse("child onlin 'civil society' !zebra speaker:carr");
        let opts = crate::search::Options::default();
        let search = |b: Vec<u8>| {
            std::fs::write(&path, reseal(b)).unwrap();
            if let Ok(o) = open(&path, KEYS.files) {
                let n = o.index.len() as u32;
                let results =
                    crate::search::Searcher::new(std::sync::Arc::new(o.index)).search(&o.reports, &query, &opts);
                assert!(results.hits.iter().all(|h| h.item < n));
            }
            let _ = load(&path, KEYS.content, &reports);
        };
        // Any byte of the index part changed, its checksum made right again:
        // an error or an index that searches, never a panic.
        for at in (MAGIC.len() + HEADER..MAGIC.len() + HEADER + part).step_by(61) {
            for flip in [0x01u8, 0x80, 0xFF] {
                let mut b = bytes.clone();
                b[at] ^= flip;
                search(b);
            }
        }
        // Counts far beyond the bytes allocate nothing.
        for k in 0..12 {
            let mut b = bytes.clone();
            let at = MAGIC.len() + HEADER + 4 * k;
            b[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
            search(b);
        }
    }

    #[test]
    fn postings_naming_items_beyond_the_index_stop_there() {
        let mut list = super::super::PostingList::default();
        list.push(1, true);
        list.push(5, false);
        list.push(4_000, true);
        let decoded: Vec<_> = super::super::Postings::of(&list.bytes, 6).collect();
        assert_eq!(decoded, [(1, true), (5, false)]);
        for bad in [[0x80u8; 12].as_slice(), &[0x00], &[0x02, 0x00]] {
            let n = super::super::Postings::of(bad, 10).count();
            assert!(n <= 1, "{bad:?}");
        }
    }

    #[test]
    fn saving_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let reports = reports();
        let index = Index::build(&reports);
        let path = path_for(dir.path(), &[PathBuf::from("/lib")]);
        assert_eq!(load(&path, KEYS.content, &reports).err(), Some(StoreError::Missing));
        let written = save(&path, KEYS, &index, &reports, &[]).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), written);
        assert!(meaning(&load(&path, KEYS.content, &reports).unwrap()) == meaning(&index));
        // Saved again over itself; no temporary file is left beside it.
        save(&path, KEYS, &index, &reports, &[]).unwrap();
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
        assert_ne!(path_for(dir.path(), &[PathBuf::from("/other")]), path);
    }
}
