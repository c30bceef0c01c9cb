//! The reports kept in a stored index (see `store.rs`), read back one at a
//! time when a search needs their text. Each report is two pieces in
//! MessagePack: its outline (the report without its quotes: what field
//! filters and the items of reports and speakers read) and its quotes.
//! Pieces are packed in order into blocks of about [`BLOCK`] bytes, outlines
//! and quotes apart, each block compressed with zstd and checked against its
//! own xxh3 sum when read: report text compresses well only in runs longer
//! than one report, and a field filter reads every outline but no quote.
//!
//! A block that fails its check, or a piece that does not decode to what the
//! index says its report holds, marks the whole store damaged (its reader
//! then searches the files instead) and reads as a report of empty text, so
//! that nothing indexes out of bounds meanwhile.

use super::store::StoreError;
use super::{Item, Kind};
use crate::model::{Origin, Quote, Report, Speaker};
use crate::search::reports::Reports;
use std::os::unix::fs::FileExt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use xxhash_rust::xxh3::xxh3_64;

/// zstd's level: decompression is as fast at any level; 15 makes 8 KiB
/// blocks with a dictionary ~7% smaller than 9 (9 made them ~6% smaller
/// than the default 3) and compresses a million quotes in ~10 s on two cores.
const LEVEL: i32 = 15;
/// Bytes of pieces per block before it is closed: small, so that reading one
/// report decompresses little; a dictionary trained on the library's own
/// blocks makes small blocks compress better than 64 KiB ones without
/// (100,000 quotes: 8.0 MB of quote text in 8 KiB blocks, against 8.7 MB).
const BLOCK: usize = 8 << 10;
/// Below this many bytes of pieces, a library is packed in blocks of
/// [`SMALL_LIBRARY_BLOCK`] without a dictionary: too little to train one
/// on, and small enough to read back whole.
const SMALL_LIBRARY: usize = 2 << 20;
const SMALL_LIBRARY_BLOCK: usize = 64 << 10;
/// The level for those: their few blocks take milliseconds even at 19.
const SMALL_LIBRARY_LEVEL: i32 = 19;
/// The dictionary's largest size (zstd's default), and the blocks it is
/// trained on at most (a sample spread over the library).
const DICTIONARY: usize = 110 << 10;
const SAMPLE_BLOCKS: usize = 1024;
/// No block decompresses to more than this (a piece may be a whole report
/// file's quotes, 16 MiB at most).
const MAX_BLOCK: usize = 64 << 20;

/// Piece `p` of its block, `plain`, decoded.
fn decode_piece<T: serde::de::DeserializeOwned>(plain: &[u8], p: Piece) -> Option<T> {
    let bytes = plain.get(p.at as usize..(p.at as usize).checked_add(p.len as usize)?)?;
    rmp_serde::from_slice(bytes).ok()
}

thread_local! {
    /// One zstd context per thread, reused for every block: creating one
    /// costs about as much as decompressing an 8 KiB block.
    static DECOMPRESSOR: std::cell::RefCell<zstd::zstd_safe::DCtx<'static>> =
        std::cell::RefCell::new(zstd::zstd_safe::DCtx::create());
}

/// Where a report's piece is: its block, and its place in the block once
/// decompressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Piece {
    block: u32,
    at: u32,
    len: u32,
}

/// A block as stored: its compressed and plain lengths and its sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    stored_len: u32,
    plain_len: u32,
    sum: u64,
}

/// The table of a store: each report's two pieces, the blocks, and the zstd
/// dictionary they were compressed with (empty: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub outlines: Vec<Piece>,
    /// What field filters read of each report (`fields_of`).
    pub fields: Vec<Piece>,
    pub quotes: Vec<Piece>,
    pub blocks: Vec<Block>,
    pub dictionary: Vec<u8>,
}

impl Table {
    pub const PIECE_BYTES: usize = 12;
    pub const BLOCK_BYTES: usize = 16;

    pub fn write_to(&self, out: &mut Vec<u8>) {
        for p in self.outlines.iter().chain(&self.quotes) {
            out.extend(p.block.to_le_bytes());
            out.extend(p.at.to_le_bytes());
            out.extend(p.len.to_le_bytes());
        }
        for b in &self.blocks {
            out.extend(b.stored_len.to_le_bytes());
            out.extend(b.plain_len.to_le_bytes());
            out.extend(b.sum.to_le_bytes());
        }
        // What `read_from` leaves to the caller to read: the fields' pieces,
        // unless they are the outlines' (1), and the dictionary, its length first.
        let own_fields = self.fields != self.outlines;
        out.extend(u32::from(!own_fields).to_le_bytes());
        if own_fields {
            for p in &self.fields {
                out.extend(p.block.to_le_bytes());
                out.extend(p.at.to_le_bytes());
                out.extend(p.len.to_le_bytes());
            }
        }
        out.extend((self.dictionary.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.dictionary);
    }

    /// The table of `reports` reports in `n_blocks` blocks from `bytes`,
    /// exactly as long as [`Table::len`] says (the dictionary, which follows,
    /// is the caller's to read).
    pub fn read_from(bytes: &[u8], reports: usize, n_blocks: usize) -> Result<Table, StoreError> {
        let u32_at = |k: usize| u32::from_le_bytes([bytes[k], bytes[k + 1], bytes[k + 2], bytes[k + 3]]);
        let piece = |k: usize| -> Result<Piece, StoreError> {
            let p = Piece { block: u32_at(k), at: u32_at(k + 4), len: u32_at(k + 8) };
            if p.block as usize >= n_blocks {
                return Err(StoreError::Inconsistent("a piece of no block"));
            }
            Ok(p)
        };
        let outlines = (0..reports).map(|r| piece(r * Self::PIECE_BYTES)).collect::<Result<_, _>>()?;
        let quotes = (reports..2 * reports).map(|r| piece(r * Self::PIECE_BYTES)).collect::<Result<_, _>>()?;
        let at = 2 * reports * Self::PIECE_BYTES;
        let blocks = (0..n_blocks)
            .map(|b| {
                let k = at + b * Self::BLOCK_BYTES;
                let sum = u64::from(u32_at(k + 8)) | u64::from(u32_at(k + 12)) << 32;
                Block { stored_len: u32_at(k), plain_len: u32_at(k + 4), sum }
            })
            .collect();
        Ok(Table { fields: Vec::new(), outlines, quotes, blocks, dictionary: Vec::new() })
    }

    /// The fields' pieces from `bytes` (`reports` of them, as `write_to`
    /// writes them after the table).
    pub fn read_fields(&mut self, bytes: &[u8], reports: usize) -> Result<(), StoreError> {
        let u32_at = |k: usize| u32::from_le_bytes([bytes[k], bytes[k + 1], bytes[k + 2], bytes[k + 3]]);
        if bytes.len() != reports * Self::PIECE_BYTES {
            return Err(StoreError::Inconsistent("a table of fields of another length"));
        }
        self.fields = (0..reports)
            .map(|r| {
                let k = r * Self::PIECE_BYTES;
                let p = Piece { block: u32_at(k), at: u32_at(k + 4), len: u32_at(k + 8) };
                let in_range = (p.block as usize) < self.blocks.len();
                in_range.then_some(p).ok_or(StoreError::Inconsistent("a piece of no block"))
            })
            .collect::<Result<_, _>>()?;
        Ok(())
    }

    /// The bytes of the table of `reports` reports and `blocks` blocks.
    pub fn len(reports: usize, blocks: usize) -> Option<usize> {
        reports.checked_mul(2 * Self::PIECE_BYTES)?.checked_add(blocks.checked_mul(Self::BLOCK_BYTES)?)
    }

    /// The bytes of every block together.
    pub fn stored_len(&self) -> u64 {
        self.blocks.iter().map(|b| u64::from(b.stored_len)).sum()
    }
}

/// Pieces being packed into blocks of `block` bytes.
struct Packer {
    blocks: Vec<Vec<u8>>,
    open: Vec<u8>,
    block: usize,
}

impl Packer {
    fn add(&mut self, piece: &[u8]) -> std::io::Result<Piece> {
        let too_large = || std::io::Error::other("a report too large to store");
        let p = Piece {
            block: u32::try_from(self.blocks.len()).map_err(|_| too_large())?,
            at: u32::try_from(self.open.len()).map_err(|_| too_large())?,
            len: u32::try_from(piece.len()).map_err(|_| too_large())?,
        };
        self.open.extend_from_slice(piece);
        if self.open.len() >= self.block {
            self.blocks.push(std::mem::take(&mut self.open));
        }
        Ok(p)
    }

    fn finish(mut self) -> Vec<Vec<u8>> {
        if !self.open.is_empty() {
            self.blocks.push(self.open);
        }
        self.blocks
    }
}

fn encode<T: serde::Serialize>(value: &T) -> std::io::Result<Vec<u8>> {
    // Named fields: the model leaves out empty optional fields, which only a
    // self-describing format reads back.
    rmp_serde::to_vec_named(value).map_err(std::io::Error::other)
}

/// The table and blocks of `reports`, compressed on every core; `compressed`
/// is told how many blocks of how many are done, and `stop` ends the work
/// with [`std::io::ErrorKind::Interrupted`].
pub fn pack(
    reports: &[Report],
    compressed: &(dyn Fn(usize, usize) + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) -> std::io::Result<(Table, Vec<u8>)> {
    use rayon::prelude::*;
    let encoded: Vec<[Vec<u8>; 3]> = reports
        .par_iter()
        .map(|r| Ok([encode(&Report { quotes: Vec::new(), ..r.clone() })?, encode(&r.quotes)?, encode(&fields_of(r))?]))
        .collect::<std::io::Result<_>>()?;
    let total: usize = encoded.iter().map(|[o, q, _]| o.len() + q.len()).sum();
    let block = if total < SMALL_LIBRARY { SMALL_LIBRARY_BLOCK } else { BLOCK };
    // Each kind of piece in blocks of its own: a field filter reads every
    // report's fields and nothing else.
    let mut table = Table::default();
    let mut plain: Vec<Vec<u8>> = Vec::new();
    // A small library's outlines are read whole quickly: its fields are its
    // outlines (pieces that decode to more than fields, which is as good).
    let kinds = if block == BLOCK { 3 } else { 2 };
    for kind in 0..kinds {
        let mut packer = Packer { blocks: Vec::new(), open: Vec::new(), block };
        let first_block = plain.len() as u32;
        let pieces = encoded
            .iter()
            .map(|e| packer.add(&e[kind]).map(|p| Piece { block: p.block + first_block, ..p }))
            .collect::<std::io::Result<Vec<Piece>>>()?;
        match kind {
            0 => table.outlines = pieces,
            1 => table.quotes = pieces,
            _ => table.fields = pieces,
        }
        plain.extend(packer.finish());
    }
    if kinds == 2 {
        table.fields = table.outlines.clone();
    }
    if block == BLOCK {
        table.dictionary = train(&plain);
    }
    let level = if block == BLOCK { LEVEL } else { SMALL_LIBRARY_LEVEL };
    let dictionary = zstd::dict::EncoderDictionary::copy(&table.dictionary, level);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let blocks: Vec<Vec<u8>> = plain
        .par_iter()
        .map_init(
            || zstd::bulk::Compressor::with_prepared_dictionary(&dictionary),
            |compressor, b| {
                if stop() {
                    return Err(std::io::Error::from(std::io::ErrorKind::Interrupted));
                }
                let c = compressor.as_mut().map_err(|e| std::io::Error::new(e.kind(), e.to_string()))?.compress(b)?;
                compressed(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, plain.len());
                Ok(c)
            },
        )
        .collect::<std::io::Result<_>>()?;
    let mut bytes = Vec::with_capacity(blocks.iter().map(Vec::len).sum());
    for (c, p) in blocks.iter().zip(&plain) {
        let too_large = || std::io::Error::other("a block too large to store");
        table.blocks.push(Block {
            stored_len: u32::try_from(c.len()).map_err(|_| too_large())?,
            plain_len: u32::try_from(p.len()).map_err(|_| too_large())?,
            sum: xxh3_64(c),
        });
        bytes.extend_from_slice(c);
    }
    Ok((table, bytes))
}

/// What field filters read of a report: its id, title, date and tags, and
/// each speaker's id, name, person and organisation.
fn fields_of(r: &Report) -> Report {
    let speakers = r
        .speakers
        .iter()
        .map(|s| Speaker {
            id: s.id.clone(),
            name: s.name.clone(),
            role: None,
            organisation: s.organisation.clone(),
            moderator: false,
            points: Vec::new(),
            person: s.person.clone(),
        })
        .collect();
    Report {
        id: r.id.clone(),
        title: r.title.clone(),
        date: r.date.clone(),
        tags: r.tags.clone(),
        speakers,
        ..blank_report()
    }
}

/// A report with nothing in it.
fn blank_report() -> Report {
    Report {
        id: String::new(),
        title: String::new(),
        event: None,
        kind: None,
        date: String::new(),
        start: None,
        end: None,
        location: None,
        author: None,
        source: None,
        tags: Vec::new(),
        summary: None,
        conclusion: None,
        speakers: Vec::new(),
        quotes: Vec::new(),
        origin: Origin { path: Default::default(), document: 0, line: 0 },
    }
}

/// A dictionary for `blocks`, trained on some of them spread evenly; empty
/// (none) when there is too little to train on or training fails.
fn train(blocks: &[Vec<u8>]) -> Vec<u8> {
    let total: usize = blocks.iter().map(Vec::len).sum();
    // Too few to learn from: zstd's trainer wants many samples.
    if blocks.len() < 8 {
        return Vec::new();
    }
    let every = blocks.len().div_ceil(SAMPLE_BLOCKS);
    let sample: Vec<&[u8]> = blocks.iter().step_by(every).map(Vec::as_slice).collect();
    let sizes: Vec<usize> = sample.iter().map(|b| b.len()).collect();
    let max = DICTIONARY.min(total / 16);
    zstd::dict::from_continuous(&sample.concat(), &sizes, max).unwrap_or_default()
}

/// What the index says report `r` has: its speakers and quotes.
#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    speakers: usize,
    quotes: usize,
}

pub struct StoredReports {
    file: std::fs::File,
    /// Where each block starts in the file.
    starts: Vec<u64>,
    table: Table,
    shapes: Vec<Shape>,
    /// Blocks decompressed so far (`None`: it failed its check).
    plain: Vec<OnceLock<Option<Vec<u8>>>>,
    // Boxed: a slot is then 16 bytes, not a report's 400, and a million
    // quotes' 50,000 reports cost 2 MB of empty slots, not 60 MB of pages.
    outlines: Vec<OnceLock<Box<Report>>>,
    fields: Vec<OnceLock<Box<Report>>>,
    whole: Vec<OnceLock<Box<Report>>>,
    damaged: AtomicBool,
    dictionary: zstd::dict::DecoderDictionary<'static>,
}

impl StoredReports {
    /// The reports of the blocks at `base` in `file`, which the index's items
    /// (`items`) must fit.
    pub fn new(file: std::fs::File, base: u64, table: Table, items: &[Item]) -> Result<Self, StoreError> {
        let mut starts = Vec::with_capacity(table.blocks.len());
        let mut at = base;
        for b in &table.blocks {
            starts.push(at);
            at += u64::from(b.stored_len);
        }
        let mut shapes = vec![Shape::default(); table.outlines.len()];
        for it in items {
            let s = shapes.get_mut(it.report as usize).ok_or(StoreError::Inconsistent("an item of no report"))?;
            match it.kind {
                Kind::Speaker => s.speakers += 1,
                Kind::Quote => s.quotes += 1,
                Kind::Report => {}
            }
        }
        let (n, blocks) = (table.outlines.len(), table.blocks.len());
        Ok(StoredReports {
            file,
            starts,
            shapes,
            plain: (0..blocks).map(|_| OnceLock::new()).collect(),
            outlines: (0..n).map(|_| OnceLock::new()).collect(),
            fields: (0..n).map(|_| OnceLock::new()).collect(),
            whole: (0..n).map(|_| OnceLock::new()).collect(),
            damaged: AtomicBool::new(false),
            dictionary: zstd::dict::DecoderDictionary::copy(&table.dictionary),
            table,
        })
    }

    /// How many reports were read back whole (for `PODIUM_TIMING`).
    pub fn read_back(&self) -> usize {
        self.whole.iter().filter(|r| r.get().is_some()).count()
    }

    /// Every report, read back in parallel (the reader's start): `None` if a
    /// block fails its check. Block by block, each decompressed once and let
    /// go at once: kept, the blocks of a million quotes (~300 MB) would be
    /// held beside their reports until the last was read.
    pub fn into_all(self) -> Option<Vec<Report>> {
        use rayon::prelude::*;
        enum Read {
            Outline(Box<Report>),
            Quotes(Vec<Quote>),
        }
        let n = self.count();
        let mut in_block: Vec<Vec<(usize, bool)>> = vec![Vec::new(); self.table.blocks.len()];
        for r in 0..n {
            in_block[self.table.outlines[r].block as usize].push((r, false));
            in_block[self.table.quotes[r].block as usize].push((r, true));
        }
        let read: Vec<Vec<(usize, Read)>> = in_block
            .par_iter()
            .enumerate()
            .map(|(b, pieces)| {
                if pieces.is_empty() {
                    return Some(Vec::new());
                }
                let plain = self.decompress(b)?;
                let piece = |r: usize, quotes: bool| -> Option<Read> {
                    Some(if quotes {
                        Read::Quotes(self.quotes_from(r, decode_piece(&plain, self.table.quotes[r])?)?)
                    } else {
                        Read::Outline(Box::new(self.outline_from(r, decode_piece(&plain, self.table.outlines[r])?)?))
                    })
                };
                pieces.iter().map(|&(r, quotes)| Some((r, piece(r, quotes)?))).collect()
            })
            .collect::<Option<_>>()?;
        let mut outlines: Vec<Option<Report>> = (0..n).map(|_| None).collect();
        let mut quotes: Vec<Option<Vec<Quote>>> = (0..n).map(|_| None).collect();
        for (r, piece) in read.into_iter().flatten() {
            match piece {
                Read::Outline(o) => outlines[r] = Some(*o),
                Read::Quotes(q) => quotes[r] = Some(q),
            }
        }
        outlines.into_iter().zip(quotes).map(|(o, q)| Some(Report { quotes: q?, ..o? })).collect()
    }

    /// Whether a block failed its check: what was searched may be wrong.
    pub fn damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    fn block(&self, b: usize) -> Option<&[u8]> {
        self.plain[b].get_or_init(|| self.decompress(b)).as_deref()
    }

    /// Block `b` read, checked and decompressed (`None`: it fails its check).
    fn decompress(&self, b: usize) -> Option<Vec<u8>> {
        let info = self.table.blocks[b];
        let mut stored = vec![0u8; info.stored_len as usize];
        self.file.read_exact_at(&mut stored, self.starts[b]).ok()?;
        if xxh3_64(&stored) != info.sum {
            return None;
        }
        let mut plain = Vec::with_capacity(MAX_BLOCK.min(info.plain_len as usize));
        DECOMPRESSOR
            .with_borrow_mut(|d| d.decompress_using_ddict(&mut plain, &stored, self.dictionary.as_ddict()))
            .ok()?;
        (plain.len() == info.plain_len as usize).then_some(plain)
    }

    fn decode<T: serde::de::DeserializeOwned>(&self, p: Piece) -> Option<T> {
        decode_piece(self.block(p.block as usize)?, p)
    }

    fn read_outline(&self, r: usize) -> Option<Report> {
        self.outline_from(r, self.decode(self.table.outlines[r])?)
    }

    /// `outline` if it is report `r`'s as the index has it.
    fn outline_from(&self, r: usize, outline: Report) -> Option<Report> {
        (outline.speakers.len() == self.shapes[r].speakers && outline.quotes.is_empty()).then_some(outline)
    }

    fn read_fields(&self, r: usize) -> Option<Report> {
        let fields: Report = self.decode(self.table.fields[r])?;
        (fields.speakers.len() == self.shapes[r].speakers && fields.quotes.is_empty()).then_some(fields)
    }

    fn read_quotes(&self, r: usize) -> Option<Vec<Quote>> {
        self.quotes_from(r, self.decode(self.table.quotes[r])?)
    }

    /// `quotes` if they are report `r`'s as the index has them.
    fn quotes_from(&self, r: usize, quotes: Vec<Quote>) -> Option<Vec<Quote>> {
        (quotes.len() == self.shapes[r].quotes).then_some(quotes)
    }

    /// A report of empty text with the shape the index gives report `r`.
    fn blank(&self, r: usize, with_quotes: bool) -> Report {
        self.damaged.store(true, Ordering::Relaxed);
        let shape = self.shapes[r];
        let speaker = Speaker {
            id: String::new(),
            name: String::new(),
            role: None,
            organisation: None,
            moderator: false,
            points: Vec::new(),
            person: None,
        };
        let quote = Quote { speaker: String::new(), text: String::new(), context: None };
        Report {
            speakers: vec![speaker; shape.speakers],
            quotes: if with_quotes { vec![quote; shape.quotes] } else { Vec::new() },
            ..blank_report()
        }
    }
}

impl Reports for StoredReports {
    fn count(&self) -> usize {
        self.table.outlines.len()
    }

    fn report(&self, r: usize) -> &Report {
        self.whole[r].get_or_init(|| {
            Box::new(match self.read_quotes(r) {
                Some(quotes) => Report { quotes, ..self.outline(r).clone() },
                None => self.blank(r, true),
            })
        })
    }

    fn outline(&self, r: usize) -> &Report {
        self.outlines[r].get_or_init(|| Box::new(self.read_outline(r).unwrap_or_else(|| self.blank(r, false))))
    }

    fn fields(&self, r: usize) -> &Report {
        self.fields[r].get_or_init(|| Box::new(self.read_fields(r).unwrap_or_else(|| self.blank(r, false))))
    }

    fn prepare_fields(&self) {
        use rayon::prelude::*;
        (0..self.count()).into_par_iter().for_each(|r| {
            self.fields(r);
        });
    }

    fn prepare_outlines(&self) {
        use rayon::prelude::*;
        (0..self.count()).into_par_iter().for_each(|r| {
            self.outline(r);
        });
    }
}
