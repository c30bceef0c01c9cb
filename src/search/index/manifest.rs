//! What a stored library was read from, file by file: each file walked with
//! its stamp, and per report its file and what orders it in the library (id,
//! date, start). With it, a search after a few files changed reads only those
//! files (`splice.rs`) instead of the whole library.

use crate::load::stamp::FileStamp;
use crate::model::Report;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// No manifest is larger than this decompressed (a million quotes: ~3 MB).
const MAX_BYTES: u64 = 256 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The build of podium that read the files (`load::cache::program`):
    /// another build may read them differently.
    pub program: String,
    /// The files as walked, in the walk's order, with their stamps.
    pub files: Vec<(PathBuf, FileStamp)>,
    /// Per report, in the library's order.
    pub reports: Vec<ReportKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportKey {
    /// Its file: a place in [`Manifest::files`].
    pub file: u32,
    pub id: String,
    pub date: String,
    pub start: Option<String>,
}

impl Manifest {
    /// The manifest of `reports` read from `files`; `None` if a report's
    /// file is not among them.
    pub fn new(program: &str, files: &[(PathBuf, FileStamp)], reports: &[Report]) -> Option<Manifest> {
        let at: HashMap<&Path, u32> = files.iter().enumerate().map(|(i, (p, _))| (p.as_path(), i as u32)).collect();
        let reports = reports
            .iter()
            .map(|r| {
                Some(ReportKey {
                    file: *at.get(r.origin.path.as_path())?,
                    id: r.id.clone(),
                    date: r.date.clone(),
                    start: r.start.clone(),
                })
            })
            .collect::<Option<_>>()?;
        Some(Manifest { program: program.to_string(), files: files.to_vec(), reports })
    }

    /// Its bytes, compressed (paths share most of their letters); empty (no
    /// manifest) when a path is not UTF-8.
    pub fn to_bytes(&self) -> Vec<u8> {
        let plain = rmp_serde::to_vec(self).unwrap_or_default();
        if plain.is_empty() {
            return plain;
        }
        zstd::bulk::compress(&plain, 3).unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Manifest> {
        use std::io::Read;
        let mut plain = Vec::new();
        zstd::stream::read::Decoder::new(bytes).ok()?.take(MAX_BYTES).read_to_end(&mut plain).ok()?;
        let manifest: Manifest = rmp_serde::from_slice(&plain).ok()?;
        manifest.reports.iter().all(|r| (r.file as usize) < manifest.files.len()).then_some(manifest)
    }
}
