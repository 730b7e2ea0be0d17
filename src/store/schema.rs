//! The state's schema, its identity and its version.
//!
//! A newsdedup state is an SQLite database whose header carries
//! `PRAGMA application_id` = [`APPLICATION_ID`] ("NDDP") and
//! `PRAGMA user_version` = the schema version. Both are read from the file's
//! first 100 bytes before SQLite opens it, so a file that is not a state (or
//! is from a newer newsdedup) is refused without being touched.

use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// "NDDP" in ASCII.
pub const APPLICATION_ID: u32 = 0x4E44_4450;

/// The schema version written by this build. Versions from
/// [`OLDEST_VERSION`] on are migrated by [`MIGRATIONS`]; older and newer ones
/// are refused.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest schema version this build migrates. Version 1 is refused: the
/// layout of its blobs (line profiles, story features) changed while it was
/// current, so its stored analyses cannot be trusted; version 2 added the
/// documents' numbers, the stored story pairs and the runs' grouping mode.
pub const OLDEST_VERSION: u32 = 2;

/// `(version, statements)`: the statements bring `version` to `version + 1`.
/// None yet; a new schema version adds its step here.
pub const MIGRATIONS: &[(u32, &str)] = &[];

/// The schema of [`SCHEMA_VERSION`], for a new state. Hashes are 64-bit
/// integers stored as SQLite's signed integers. `documents.num` is a
/// document's stable number (the story pairs in `meta` refer to it).
pub const SCHEMA: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value
);
CREATE TABLE runs (
    run        INTEGER PRIMARY KEY,
    started    TEXT NOT NULL,
    finished   TEXT NOT NULL,
    version    TEXT NOT NULL,
    new        INTEGER NOT NULL,
    changed    INTEGER NOT NULL,
    reused     INTEGER NOT NULL,
    removed    INTEGER NOT NULL,
    reanalysed INTEGER NOT NULL,
    grouping   TEXT NOT NULL,
    documents  INTEGER NOT NULL,
    stories    INTEGER NOT NULL,
    variants   INTEGER NOT NULL
);
CREATE TABLE documents (
    path_key        BLOB PRIMARY KEY,
    num             INTEGER NOT NULL,
    path            TEXT NOT NULL,
    size            INTEGER NOT NULL,
    mtime_ns        INTEGER NOT NULL,
    text_hash       INTEGER NOT NULL,
    skip_kind       TEXT,
    skip_reason     TEXT,
    lang            TEXT,
    lang_confidence REAL,
    title           TEXT,
    words           INTEGER,
    encoding        TEXT,
    content_hash    INTEGER,
    signature       BLOB,
    features        BLOB,
    profile         BLOB,
    variant         TEXT,
    story           TEXT,
    first_seen      INTEGER NOT NULL,
    updated         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX documents_story ON documents(story);
CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    num         INTEGER NOT NULL UNIQUE,
    first_seen  INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    retired     INTEGER,
    absorbed_by TEXT,
    size        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    merged_from TEXT NOT NULL
);
CREATE TABLE variants (
    id          TEXT PRIMARY KEY,
    num         INTEGER NOT NULL UNIQUE,
    story       TEXT,
    first_seen  INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    retired     INTEGER,
    absorbed_by TEXT,
    size        INTEGER NOT NULL,
    canonical   TEXT NOT NULL,
    merged_from TEXT NOT NULL
);
";

/// What the header of an existing file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// No file, or an empty one: a new state.
    New,
    /// A newsdedup state of this schema version.
    State { version: u32 },
}

/// Read the SQLite header of `path` and refuse anything that is not a
/// newsdedup state this build can use. Never writes.
pub fn inspect(path: &Path) -> Result<Header, Error> {
    let refuse = |message: String| Error::State {
        path: path.to_path_buf(),
        message,
    };
    // Before opening: opening a named pipe would wait for a writer, and
    // SQLite would put a regular file in place of a device.
    if let Ok(m) = std::fs::metadata(path) {
        if m.is_dir() {
            return Err(refuse("is a directory, not a newsdedup state".into()));
        }
        if !m.is_file() {
            return Err(refuse(
                "is not a regular file (a device, pipe or socket); a state is a file \
                 newsdedup creates: give a file name"
                    .into(),
            ));
        }
    }
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Header::New),
        Err(e) => {
            return Err(Error::StateIo {
                path: path.to_path_buf(),
                message: e.to_string(),
            });
        }
    };
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(refuse("is a directory, not a newsdedup state".into()));
    }
    let mut head = Vec::with_capacity(100);
    (&mut file)
        .take(100)
        .read_to_end(&mut head)
        .map_err(|e| Error::StateIo {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    if head.is_empty() {
        return Ok(Header::New);
    }
    if head.len() < 100 || !head.starts_with(b"SQLite format 3\0") {
        return Err(refuse(
            "not a newsdedup state (not an SQLite database); give a new file name, \
             the state is created when missing"
                .into(),
        ));
    }
    let be = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let (version, app) = (be(60), be(68));
    if app != APPLICATION_ID {
        return Err(refuse(format!(
            "not a newsdedup state (an SQLite database with application id {app:#x}, \
             not {APPLICATION_ID:#x})"
        )));
    }
    if version > SCHEMA_VERSION {
        return Err(refuse(format!(
            "written by a newer newsdedup (schema version {version}; this one reads up to \
             {SCHEMA_VERSION}): upgrade newsdedup"
        )));
    }
    if version < OLDEST_VERSION && version > 0 {
        return Err(refuse(format!(
            "written by an older newsdedup (schema version {version}; this one reads \
             {OLDEST_VERSION} to {SCHEMA_VERSION}) whose stored analyses it cannot read: \
             remove the state (and its -wal file) and run again to rebuild it"
        )));
    }
    if version == 0 {
        return Err(refuse(
            "damaged newsdedup state (no schema version); remove it to start afresh".into(),
        ));
    }
    Ok(Header::State { version })
}
