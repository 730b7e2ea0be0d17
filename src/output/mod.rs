//! Stage 7 — **output**: the result model and its writers. The only module
//! that writes: to any `io::Write` (stdout, a `Vec<u8>` in tests) or to a file
//! atomically (temp file in the same directory, then rename).
//!
//! The JSON contract is documented in README.md ("Output"); field names are
//! stable. Maps are ordered, so the same result always gives the same bytes.

pub mod ids;
pub mod json;
pub mod report;
pub mod text;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::pathenc::RawPath;

/// The whole result of `cluster`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: String,
    pub parameters: serde_json::Value,
    pub summary: Summary,
    pub stories: Vec<Story>,
    pub skipped: Vec<SkippedFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// With `--state`: what this run did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<RunSummary>,
}

/// `summary.run` (with `--state`): files new, changed (read and analysed
/// again), reused (stored analysis kept), removed (gone from the inputs),
/// re-analysed because the corpus furniture changed; and the stories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    pub run: u32,
    pub new: usize,
    pub changed: usize,
    pub reused: usize,
    pub removed: usize,
    pub reanalysed: usize,
    /// `full` (every story clustered again) or `incremental` (only the
    /// stories the changes touch; README "State (cron)").
    pub grouping: String,
    /// Documents whose story was clustered again in this run.
    pub regrouped: usize,
    pub stories_new: usize,
    pub stories_updated: usize,
    pub stories_retired: usize,
}

/// With `--state`: a story's or variant's history (run numbers; see README
/// "State (cron)").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupState {
    /// `new`, `updated` or `unchanged` (since the previous run).
    pub status: String,
    pub first_seen: u32,
    pub updated: u32,
    /// Ids of the groups it absorbed, oldest first.
    pub merged_from: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub state: Option<GroupState>,
    pub title: String,
    pub languages: Vec<String>,
    pub size: usize,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub id: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub state: Option<GroupState>,
    pub lang: String,
    pub canonical: String,
    /// The exact bytes of `canonical` when it is not UTF-8 (base64, see [`crate::pathenc`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_bytes: Option<RawPath>,
    pub size: usize,
    pub documents: Vec<Document>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub path: String,
    /// The exact bytes of `path` when it is not UTF-8 (base64, see [`crate::pathenc`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<RawPath>,
    pub lang: String,
    pub lang_confidence: f64,
    pub title: String,
    pub words: usize,
    pub relation: Relation,
    /// Estimated Jaccard similarity to the variant's canonical document.
    pub similarity: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Canonical,
    NearDuplicate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedFile {
    pub path: String,
    /// The exact bytes of `path` when it is not UTF-8 (base64, see [`crate::pathenc`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<RawPath>,
    /// A stable machine-readable code (`binary`, `too_large`, `unreadable`,
    /// `empty`, `too_short`, `symlink_loop`, `symlink`, `no_article`, `walk`,
    /// `duplicate_path`).
    pub kind: String,
    /// A human-readable explanation.
    pub reason: String,
}

impl Report {
    /// The report as bytes in `format`.
    pub fn render(&self, format: Format) -> Result<Vec<u8>, Error> {
        render(self, format)
    }
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

/// Write bytes to `path` atomically, as `cp` or an editor's save would leave it:
///
/// - through a symbolic link, the link's target is written (the link stays);
/// - a temp file next to the target is written, synced (`fsync`), then renamed
///   over the target, so a reader never sees half a file, even after a crash;
/// - a new file gets the umask's mode (0644 under umask 022), an existing one
///   keeps its mode;
/// - a file with other hard links is rewritten in place (see [`write_in_place`]);
/// - a device, named pipe or socket (`-o /dev/null`, `-o /dev/stdout`, a FIFO a
///   consumer reads) is written as a stream: a rename would put a regular file
///   in its place (as root, `-o /dev/null` replaced the machine's null device).
///
/// Errors name `path` and the cause once, never the temp file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |e: std::io::Error| Error::WriteFile {
        path: path.to_path_buf(),
        cause: plain_cause(&e),
    };
    let target = crate::inputs::follow_links(path);
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(fail(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return write_stream_to(&target, bytes).map_err(fail);
    }
    #[cfg(unix)]
    if let Some(meta) = &existing {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return write_in_place(&target, bytes).map_err(fail);
        }
    }
    let dir = crate::inputs::parent(&target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsdedup-").suffix(".tmp");
    #[cfg(unix)]
    {
        // Created 0666 minus the umask, as any new file.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    if let Some(meta) = existing {
        #[cfg(unix)]
        {
            // Keep the group too (for a group-readable file), where we may.
            use std::os::unix::fs::MetadataExt;
            let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(meta.gid()));
        }
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    // Make the rename itself durable; not every file system can sync a folder.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Overwrite a file that has other hard links where it is, so that every
/// name keeps seeing the new content (a rename would leave the other names on
/// the old inode), as `cp` onto an existing file does. Not atomic: the file is
/// never empty or truncated to a partial length, but a reader during the write
/// may see old and new bytes mixed.
#[cfg(unix)]
fn write_in_place(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(target)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)?;
    file.sync_all()
}

/// Write to a file that is not a regular file (a device, a FIFO) where it is:
/// opened for writing, never created, truncated or replaced.
fn write_stream_to(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(target)?;
    file.write_all(bytes)?;
    file.flush()
}

/// The cause of an I/O error without the paths some libraries add to it.
fn plain_cause(e: &std::io::Error) -> String {
    if let Some(code) = e.raw_os_error() {
        return std::io::Error::from_raw_os_error(code).to_string();
    }
    // tempfile wraps the OS error as "<cause> at path \"<temp file>\"".
    let text = e.to_string();
    match text.split_once(" at path ") {
        Some((cause, _)) => cause.to_string(),
        None => text,
    }
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
