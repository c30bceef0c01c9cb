//! The index kept on disk beside the parse cache, so that a library already
//! indexed is searchable without folding and tokenising it again (a second
//! or more at 100,000 quotes; reading the stored index is a few tens of ms).
//!
//! One file per library (named by a hash of the paths it was loaded from),
//! holding the index of one exact set of reports: its key is a hash of every
//! report's content and of this build of podium. A file for other reports, of
//! another build, damaged (a flipped bit, a torn write: the xxh3 checksum at
//! its end does not match) or inconsistent in any way is a miss, never wrong
//! hits: the index is built again. Files are written whole to a temporary
//! file and renamed over the old one, so an interrupted write leaves the old
//! file or none.
//!
//! Layout (little-endian): [`MAGIC`], the key (u64), six counts (u32: items,
//! words, spellings with capitals, posting bytes, word bytes, spelling
//! bytes), then per item its head length, then per item its first word, then
//! its last; per word its end in the word bytes, the word bytes; the start of
//! each word's postings (one more than the words), the posting bytes; per
//! spelling its end, the spelling bytes, its word; and the xxh3-64 of all
//! before it. The items themselves are listed again from the reports (every
//! build lists them in the same order), and letter masks and stems made again
//! from the words, on reading.

use super::{Index, NO_WORD, Postings, StemTable, list_items, mask};
use crate::load::Input;
use crate::model::Report;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3Default, xxh3_64};

/// The format's name and version: a change in the layout, or in what the
/// engine reads of an index, needs a new version.
const MAGIC: &[u8] = b"podium-index\0\x01";
const SUM: usize = 8;

/// Why a stored index was not used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
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

impl Index {
    /// The index as stored, for the reports `key` names.
    pub fn to_bytes(&self, key: u64) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.items.len() * 12 + self.postings.len() + self.words.len() * 12);
        let u32s = |out: &mut Vec<u8>, v: &mut dyn Iterator<Item = u32>| v.for_each(|x| out.extend(x.to_le_bytes()));
        out.extend_from_slice(MAGIC);
        out.extend(key.to_le_bytes());
        let word_bytes: usize = self.words.iter().map(|w| w.len()).sum();
        let cased_bytes: usize = self.cased.iter().map(|(w, _)| w.len()).sum();
        for n in [self.items.len(), self.words.len(), self.cased.len(), self.postings.len(), word_bytes, cased_bytes] {
            out.extend((n as u32).to_le_bytes());
        }
        u32s(&mut out, &mut self.head_len.iter().copied());
        u32s(&mut out, &mut self.first_word.iter().copied());
        u32s(&mut out, &mut self.last_word.iter().copied());
        let mut end = 0u32;
        u32s(
            &mut out,
            &mut self.words.iter().map(|w| {
                end += w.len() as u32;
                end
            }),
        );
        self.words.iter().for_each(|w| out.extend_from_slice(w.as_bytes()));
        u32s(&mut out, &mut self.posting_starts.iter().copied());
        out.extend_from_slice(&self.postings);
        let mut end = 0u32;
        u32s(
            &mut out,
            &mut self.cased.iter().map(|(w, _)| {
                end += w.len() as u32;
                end
            }),
        );
        self.cased.iter().for_each(|(w, _)| out.extend_from_slice(w.as_bytes()));
        u32s(&mut out, &mut self.cased.iter().map(|&(_, id)| id));
        let sum = xxh3_64(&out);
        out.extend(sum.to_le_bytes());
        out
    }

    /// The index stored in `bytes`, if it is whole, for the reports `key`
    /// names, and consistent with `reports` (as many items, every word and
    /// posting in range): anything else is an error, never an index that
    /// could panic or find what is not there.
    pub fn from_bytes(bytes: &[u8], key: u64, reports: &[Report]) -> Result<Index, StoreError> {
        let body_len = bytes.len().checked_sub(SUM).ok_or(StoreError::Damaged)?;
        let (body, sum) = bytes.split_at(body_len);
        if !body.starts_with(MAGIC) {
            return Err(StoreError::Stale);
        }
        let mut r = Reader { bytes: &body[MAGIC.len()..] };
        // The key first: a file for another library is not worth checking.
        if r.u64().map_err(|_| StoreError::Damaged)? != key {
            return Err(StoreError::Stale);
        }
        if xxh3_64(body) != u64::from_le_bytes(sum.try_into().map_err(|_| StoreError::Damaged)?) {
            return Err(StoreError::Damaged);
        }
        let [n_items, n_words, n_cased, n_postings, word_bytes, cased_bytes] =
            [(); 6].map(|_| r.u32().map(|n| n as usize));
        let (n_items, n_words, n_cased) = (n_items?, n_words?, n_cased?);
        let (n_postings, word_bytes, cased_bytes) = (n_postings?, word_bytes?, cased_bytes?);
        // The items are the reports' own, in the order every build lists them.
        let items = list_items(reports);
        if items.len() != n_items {
            return Err(StoreError::Inconsistent("another number of items than the library has"));
        }
        let head_len = r.u32s(n_items)?;
        let first_word = r.u32s(n_items)?;
        let last_word = r.u32s(n_items)?;
        if first_word.iter().chain(&last_word).any(|&w| w != NO_WORD && w as usize >= n_words) {
            return Err(StoreError::Inconsistent("a first or last word out of range"));
        }
        let words = r.strings(n_words, word_bytes)?;
        let posting_starts = r.u32s(n_words + 1)?;
        let postings = r.take(n_postings)?.to_vec();
        if posting_starts.first() != Some(&0)
            || posting_starts.last().map(|&e| e as usize) != Some(postings.len())
            || !posting_starts.is_sorted()
        {
            return Err(StoreError::Inconsistent("posting lists out of order"));
        }
        let spellings = r.strings(n_cased, cased_bytes)?;
        let ids = r.u32s(n_cased)?;
        if ids.iter().any(|&w| w as usize >= n_words) {
            return Err(StoreError::Inconsistent("a spelling of no word"));
        }
        if !r.bytes.is_empty() {
            return Err(StoreError::Inconsistent("bytes after the end"));
        }
        // Each list must decode to ascending items of this index.
        for w in 0..n_words {
            let bytes = &postings[posting_starts[w] as usize..posting_starts[w + 1] as usize];
            let mut last: Option<u32> = None;
            let mut decoded = 0usize;
            let mut list = Postings { bytes, at: 0, item: 0 };
            for (item, _) in list.by_ref() {
                if item as usize >= n_items || last.is_some_and(|l| item <= l) {
                    return Err(StoreError::Inconsistent("a posting out of range"));
                }
                last = Some(item);
                decoded += 1;
            }
            // Every posting decoded, to the last byte: as many as the bytes
            // that end a varint, the last of them the list's last byte.
            let ends = bytes.iter().filter(|&&b| b & 0x80 == 0).count();
            if decoded == 0 || list.at != bytes.len() || ends != decoded || bytes.last().is_some_and(|b| b & 0x80 != 0)
            {
                return Err(StoreError::Inconsistent("a posting list that does not decode"));
            }
        }
        let masks = words.iter().map(|w| mask(w)).collect();
        let stems = StemTable::build(&words);
        Ok(Index {
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
        })
    }
}

/// Reads the stored index of `reports` from `path`: its header first, so
/// that a file for another library is not read whole.
pub fn load(path: &Path, key: u64, reports: &[Report]) -> Result<Index, StoreError> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|_| StoreError::Missing)?;
    let mut head = vec![0u8; MAGIC.len() + 8];
    file.read_exact(&mut head).map_err(|_| StoreError::Damaged)?;
    if !head.starts_with(MAGIC) {
        return Err(StoreError::Stale);
    }
    if head[MAGIC.len()..] != key.to_le_bytes() {
        return Err(StoreError::Stale);
    }
    file.read_to_end(&mut head).map_err(|_| StoreError::Damaged)?;
    Index::from_bytes(&head, key, reports)
}

/// Stores `index` at `path`, whole or not at all (a temporary file renamed
/// over the old one). Returns the bytes written.
pub fn save(path: &Path, key: u64, index: &Index) -> std::io::Result<u64> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let bytes = index.to_bytes(key);
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.as_file().sync_data()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(bytes.len() as u64)
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

    fn u64(&mut self) -> Result<u64, StoreError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().map_err(|_| StoreError::Damaged)?))
    }

    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, StoreError> {
        self.fits(n, 4)?;
        let bytes = self.take(n * 4)?;
        Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    /// `n` strings stored as their ends, then `total` bytes of text.
    fn strings(&mut self, n: usize, total: usize) -> Result<Vec<Box<str>>, StoreError> {
        let ends = self.u32s(n)?;
        let text = std::str::from_utf8(self.take(total)?).map_err(|_| StoreError::Inconsistent("text not UTF-8"))?;
        let mut start = 0usize;
        let mut out = Vec::with_capacity(n);
        for end in ends {
            let end = end as usize;
            let s = text.get(start..end).ok_or(StoreError::Inconsistent("a word out of range"))?;
            if s.is_empty() {
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
    use crate::search::index::Item;

    fn reports() -> Vec<Report> {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/igf2015-child-online-protection.yaml"
        ))
        .unwrap();
        let out = crate::load::parse_file(Path::new("seed.yaml"), "seed", text.as_bytes());
        out.reports.into_iter().map(|p| p.report).collect()
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
            i.postings.clone(),
            i.posting_starts.clone(),
            i.cased.clone(),
        )
    }

    #[test]
    fn a_stored_index_reads_back_as_built() {
        let reports = reports();
        let index = Index::build(&reports);
        let key = library_key(&reports, "test");
        let back = Index::from_bytes(&index.to_bytes(key), key, &reports).unwrap();
        assert!(meaning(&back) == meaning(&index));
        assert_eq!(back.stems.words("moder"), index.stems.words("moder"));
        let empty = Index::build(&[]);
        assert!(meaning(&Index::from_bytes(&empty.to_bytes(7), 7, &[]).unwrap()) == meaning(&empty));
    }

    #[test]
    fn a_damaged_stale_or_foreign_index_is_refused() {
        let reports = reports();
        let index = Index::build(&reports);
        let key = library_key(&reports, "test");
        let bytes = index.to_bytes(key);
        // Every flipped bit anywhere is caught by the checksum.
        for at in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
            let mut b = bytes.clone();
            b[at] ^= 0x10;
            assert!(Index::from_bytes(&b, key, &reports).is_err(), "flipped at {at}");
        }
        for n in [0, 1, 7, MAGIC.len(), bytes.len() / 2, bytes.len() - 1] {
            assert!(Index::from_bytes(&bytes[..n], key, &reports).is_err(), "cut at {n}");
        }
        assert_eq!(Index::from_bytes(&bytes, key ^ 1, &reports).err(), Some(StoreError::Stale));
        // Another program, or a report changed in any field: another key.
        assert_ne!(library_key(&reports, "other build"), key);
        let mut changed = reports.clone();
        changed[0].quotes[0].text.push('!');
        assert_ne!(library_key(&changed, "test"), key);
        // For fewer reports than it names, even with the right key and a good checksum.
        assert!(matches!(Index::from_bytes(&bytes, key, &[]), Err(StoreError::Inconsistent(_))));
    }

    #[test]
    fn inconsistent_content_with_a_good_checksum_is_refused() {
        let reports = reports();
        let index = Index::build(&reports);
        let key = library_key(&reports, "test");
        let reseal = |mut b: Vec<u8>| {
            let n = b.len() - SUM;
            let sum = xxh3_64(&b[..n]);
            b[n..].copy_from_slice(&sum.to_le_bytes());
            b
        };
        let bytes = index.to_bytes(key);
        // Any byte changed past the header, checksum made right again: an
        // error or the same meaning, never a panic.
        for at in (MAGIC.len() + 8..bytes.len() - SUM).step_by(13) {
            for flip in [0x01u8, 0x80, 0xFF] {
                let mut b = bytes.clone();
                b[at] ^= flip;
                let _ = Index::from_bytes(&reseal(b), key, &reports);
            }
        }
        // Posting lists of crafted varints (too long, a zero delta, cut off)
        // are refused, never decoded into a panic.
        let lists_at = bytes.len() - SUM - index.postings.len() - {
            let cased: usize = index.cased.iter().map(|(w, _)| w.len() + 8).sum();
            cased
        };
        for bad in [[0x80u8; 12].as_slice(), &[0x00], &[0x02, 0x00]] {
            let mut b = bytes.clone();
            let n = bad.len().min(index.postings.len());
            b[lists_at..lists_at + n].copy_from_slice(&bad[..n]);
            assert!(Index::from_bytes(&reseal(b), key, &reports).is_err(), "{bad:?}");
        }
        // Counts far beyond the bytes allocate nothing.
        let mut b = bytes.clone();
        b[MAGIC.len() + 8..MAGIC.len() + 12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Index::from_bytes(&reseal(b), key, &reports).is_err());
    }

    #[test]
    fn saving_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let reports = reports();
        let index = Index::build(&reports);
        let key = library_key(&reports, "test");
        let path = path_for(dir.path(), &[PathBuf::from("/lib")]);
        assert_eq!(load(&path, key, &reports).err(), Some(StoreError::Missing));
        let written = save(&path, key, &index).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), written);
        assert!(meaning(&load(&path, key, &reports).unwrap()) == meaning(&index));
        // Saved again over itself; no temporary file is left beside it.
        save(&path, key, &index).unwrap();
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
        assert_ne!(path_for(dir.path(), &[PathBuf::from("/other")]), path);
    }
}
