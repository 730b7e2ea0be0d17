//! Stage 7 — **output**: the result model and its writers. The only module
//! that writes: to any `io::Write` (stdout, a `Vec<u8>` in tests) or to a file
//! atomically (temp file in the same directory, then rename).
//!
//! The JSON contract is documented in README.md ("Output"); field names are
//! stable. Maps are ordered, so the same result always gives the same bytes.

pub mod json;
pub mod text;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::error::Error;

/// The whole result of `cluster`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: String,
    pub parameters: serde_json::Value,
    pub summary: Summary,
    pub stories: Vec<Story>,
    pub skipped: Vec<SkippedFile>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub stories: usize,
    pub variants: usize,
    pub skipped: usize,
    /// Documents that were not valid UTF-8 and were decoded as Windows-1252.
    pub decoded_as_windows_1252: usize,
    /// Documents that were not valid UTF-8 and declared their charset (HTML).
    pub decoded_from_declared_charset: usize,
    pub languages: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub languages: Vec<String>,
    pub size: usize,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    pub id: String,
    pub lang: String,
    pub canonical: String,
    pub size: usize,
    pub documents: Vec<Document>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub path: String,
    pub lang: String,
    pub lang_confidence: f64,
    pub title: String,
    pub words: usize,
    pub relation: Relation,
    /// Estimated Jaccard similarity to the variant's canonical document.
    pub similarity: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Canonical,
    NearDuplicate,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub path: String,
    /// A stable machine-readable code (`binary`, `too_large`, `unreadable`,
    /// `empty`, `too_short`, `symlink_loop`, `symlink`, `no_article`, `walk`).
    pub kind: String,
    /// A human-readable explanation.
    pub reason: String,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One pretty-printed JSON object.
    Json,
    /// One JSON object per line: each story, then a summary line.
    Jsonl,
    /// A table for people.
    Text,
}

/// Render the report into bytes.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, Error> {
    match format {
        Format::Json => json::pretty(report),
        Format::Jsonl => json::lines(report),
        Format::Text => Ok(text::table(report).into_bytes()),
    }
}

/// Write bytes to `path` atomically: a temp file next to it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.persist(path).map_err(|e| Error::Output(e.error))?;
    Ok(())
}

/// Write bytes to a stream; a closed pipe (`| head`) is not an error.
pub fn write_stream(out: &mut dyn Write, bytes: &[u8]) -> Result<(), Error> {
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Output(e)),
    }
}

/// Round to 4 decimals so that floats print short and stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Write `bytes` to `root/rel`, creating directories, atomically.
pub fn write_tree(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    write_atomic(&path, bytes)
}
