//! The persistent state of `cluster --state FILE`: one SQLite file (WAL) that
//! holds every document's analysis, the corpus furniture, the stories and
//! variants with their stable ids, and one row per run. The schema is in
//! [`schema`] and documented in README.md ("State (cron)").
//!
//! A run reads the state, computes in memory, and writes everything it
//! changed in **one transaction** ([`Store::commit`]): a run killed at any
//! moment leaves the state as of the last completed run. [`lock`] keeps a
//! second run out while one is running.

pub mod ids;
pub mod lock;
pub mod records;
pub mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::error::Error;

pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

/// An open state.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// A document row as stored (blobs still encoded).
#[derive(Debug, Clone, Default)]
pub struct DocRow {
    pub path_key: Vec<u8>,
    /// The document's stable number (the stored story pairs refer to it).
    pub num: u32,
    pub path: String,
    pub size: u64,
    pub mtime_ns: i64,
    pub text_hash: u64,
    /// `(kind, reason)` of a file skipped for its content.
    pub skip: Option<(String, String)>,
    pub analysis: Option<AnalysisRow>,
    pub profile: Option<Vec<u8>>,
    pub variant: Option<String>,
    pub story: Option<String>,
    pub first_seen: u32,
    pub updated: u32,
}

/// The analysis columns of a document row.
#[derive(Debug, Clone, Default)]
pub struct AnalysisRow {
    pub lang: String,
    pub lang_confidence: f64,
    pub title: String,
    pub words: u64,
    pub encoding: String,
    pub content_hash: u64,
    pub signature: Vec<u8>,
    pub features: Vec<u8>,
}

/// A story or variant row.
#[derive(Debug, Clone, Default)]
pub struct GroupRow {
    pub id: String,
    pub num: u64,
    /// The variant's story (variants only).
    pub story: Option<String>,
    pub first_seen: u32,
    pub updated: u32,
    pub size: usize,
    /// The story's title, or the variant's canonical path.
    pub label: String,
    pub merged_from: Vec<String>,
}

/// One row of the `runs` table.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct RunRow {
    pub run: u32,
    pub started: String,
    pub finished: String,
    pub version: String,
    pub new: usize,
    pub changed: usize,
    pub reused: usize,
    pub removed: usize,
    pub reanalysed: usize,
    /// `full` or `incremental` (see `incremental`).
    pub grouping: String,
    pub documents: usize,
    pub stories: usize,
    pub variants: usize,
}

/// How a document row changes.
#[derive(Debug, Clone)]
pub enum DocWrite {
    /// Insert or replace the whole row.
    Full(Box<DocRow>),
    /// Same analysis: new file time and size, group, `updated`.
    Assign {
        path_key: Vec<u8>,
        num: u32,
        size: u64,
        mtime_ns: i64,
        variant: Option<String>,
        story: Option<String>,
        updated: u32,
    },
    Delete(Vec<u8>),
}

/// Everything one run writes.
#[derive(Debug, Default)]
pub struct Writes {
    pub docs: Vec<DocWrite>,
    pub stories: Vec<GroupRow>,
    pub variants: Vec<GroupRow>,
    /// `(id, absorbed by)`.
    pub retired_stories: Vec<(String, Option<String>)>,
    pub retired_variants: Vec<(String, Option<String>)>,
    pub meta: Vec<(&'static str, rusqlite::types::Value)>,
    pub run: RunRow,
}

/// A test hook, compiled only with the `test-hooks` feature (which the
/// integration tests turn on): with `NEWSDEDUP_TEST_PAUSE_IN_COMMIT=SECONDS` a
/// run stops that long inside its write transaction (after writing, before
/// `COMMIT`), so that tests can kill it there or start a second run against it.
#[cfg(feature = "test-hooks")]
fn test_pause_in_commit() {
    if let Some(secs) = std::env::var("NEWSDEDUP_TEST_PAUSE_IN_COMMIT")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
    {
        eprintln!(
            "newsdedup: test pause in commit (pid {})",
            std::process::id()
        );
        std::thread::sleep(Duration::from_secs_f64(secs));
    }
}

impl Store {
    /// Open the state at `path` for a run, creating it when missing.
    pub fn open(path: &Path, busy: Duration) -> Result<Store, Error> {
        let header = schema::inspect(path)?;
        if header == schema::Header::New {
            create(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| db_error(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.conn.busy_timeout(busy).map_err(|e| store.err(e))?;
        store.check_identity()?;
        store
            .conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;")
            .map_err(|e| store.err(e))?;
        store.migrate()?;
        Ok(store)
    }

    /// Open an existing state read-only (`newsdedup state`).
    pub fn open_read_only(path: &Path) -> Result<Store, Error> {
        if schema::inspect(path)? == schema::Header::New {
            return Err(Error::State {
                path: path.to_path_buf(),
                message: "no state here yet (a `cluster --state` run creates it)".into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| db_error(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_identity()?;
        Ok(store)
    }

    /// SQLite's own view of the identity (the file header may lag behind the WAL).
    fn check_identity(&self) -> Result<(), Error> {
        let app: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if app as u32 != APPLICATION_ID
            || version < schema::OLDEST_VERSION as i64
            || version as u32 > SCHEMA_VERSION
        {
            return Err(Error::State {
                path: self.path.clone(),
                message: format!(
                    "not a usable newsdedup state (application id {app:#x}, schema version {version})"
                ),
            });
        }
        // Quick structural check of the tables a run reads (a damaged file
        // fails here, before anything is written).
        self.conn
            .query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Bring an older schema to [`SCHEMA_VERSION`] (one transaction, under
    /// the run's lock).
    fn migrate(&self) -> Result<(), Error> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if version >= SCHEMA_VERSION as i64 {
            return Ok(());
        }
        let mut sql = String::from("BEGIN IMMEDIATE;");
        for (_, m) in schema::MIGRATIONS
            .iter()
            .filter(|(v, _)| *v as i64 >= version)
        {
            sql.push_str(m);
        }
        sql.push_str(&format!("PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"));
        self.conn.execute_batch(&sql).map_err(|e| self.err(e))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// An SQLite error on this state.
    pub fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, e)
    }

    pub fn meta_text(&self, key: &str) -> Result<Option<String>, Error> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn meta_blob(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn meta_int(&self, key: &str) -> Result<Option<i64>, Error> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The number of the last completed run (0 for a new state).
    pub fn last_run(&self) -> Result<u32, Error> {
        self.conn
            .query_row("SELECT coalesce(max(run), 0) FROM runs", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    pub fn runs(&self) -> Result<Vec<RunRow>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT run, started, finished, version, new, changed, reused, removed,
                        reanalysed, grouping, documents, stories, variants FROM runs ORDER BY run",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(RunRow {
                    run: r.get(0)?,
                    started: r.get(1)?,
                    finished: r.get(2)?,
                    version: r.get(3)?,
                    new: r.get::<_, i64>(4)? as usize,
                    changed: r.get::<_, i64>(5)? as usize,
                    reused: r.get::<_, i64>(6)? as usize,
                    removed: r.get::<_, i64>(7)? as usize,
                    reanalysed: r.get::<_, i64>(8)? as usize,
                    grouping: r.get(9)?,
                    documents: r.get::<_, i64>(10)? as usize,
                    stories: r.get::<_, i64>(11)? as usize,
                    variants: r.get::<_, i64>(12)? as usize,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Every document row.
    pub fn documents(&self) -> Result<Vec<DocRow>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT path_key, path, size, mtime_ns, text_hash, skip_kind, skip_reason,
                        lang, lang_confidence, title, words, encoding, content_hash,
                        signature, features, profile, variant, story, first_seen, updated, num
                 FROM documents",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let skip_kind: Option<String> = r.get(5)?;
                let skip = match skip_kind {
                    Some(k) => Some((k, r.get::<_, Option<String>>(6)?.unwrap_or_default())),
                    None => None,
                };
                let lang: Option<String> = r.get(7)?;
                let analysis = match lang {
                    Some(lang) => Some(AnalysisRow {
                        lang,
                        lang_confidence: r.get::<_, Option<f64>>(8)?.unwrap_or(0.0),
                        title: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                        words: r.get::<_, Option<i64>>(10)?.unwrap_or(0) as u64,
                        encoding: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
                        content_hash: r.get::<_, Option<i64>>(12)?.unwrap_or(0) as u64,
                        signature: r.get::<_, Option<Vec<u8>>>(13)?.unwrap_or_default(),
                        features: r.get::<_, Option<Vec<u8>>>(14)?.unwrap_or_default(),
                    }),
                    None => None,
                };
                Ok(DocRow {
                    path_key: r.get(0)?,
                    num: r.get::<_, i64>(20)? as u32,
                    path: r.get(1)?,
                    size: r.get::<_, i64>(2)? as u64,
                    mtime_ns: r.get(3)?,
                    text_hash: r.get::<_, i64>(4)? as u64,
                    skip,
                    analysis,
                    profile: r.get(15)?,
                    variant: r.get(16)?,
                    story: r.get(17)?,
                    first_seen: r.get(18)?,
                    updated: r.get(19)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The live (not retired) rows of `stories` or `variants`.
    pub fn groups(&self, table: Table) -> Result<Vec<GroupRow>, Error> {
        let sql = format!(
            "SELECT id, num, {}, first_seen, updated, size, {}, merged_from FROM {}
             WHERE retired IS NULL ORDER BY num",
            match table {
                Table::Stories => "NULL",
                Table::Variants => "story",
            },
            match table {
                Table::Stories => "title",
                Table::Variants => "canonical",
            },
            table.name()
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let merged: String = r.get(7)?;
                Ok(GroupRow {
                    id: r.get(0)?,
                    num: r.get::<_, i64>(1)? as u64,
                    story: r.get(2)?,
                    first_seen: r.get(3)?,
                    updated: r.get(4)?,
                    size: r.get::<_, i64>(5)? as usize,
                    label: r.get(6)?,
                    merged_from: serde_json::from_str(&merged).unwrap_or_default(),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Counts for `newsdedup state`: (rows, retired rows) of a table.
    pub fn group_counts(&self, table: Table) -> Result<(usize, usize), Error> {
        let sql = format!(
            "SELECT count(*), coalesce(sum(retired IS NOT NULL), 0) FROM {}",
            table.name()
        );
        self.conn
            .query_row(&sql, [], |r| {
                Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize))
            })
            .map_err(|e| self.err(e))
    }

    /// (documents, skipped documents).
    pub fn document_counts(&self) -> Result<(usize, usize), Error> {
        self.conn
            .query_row(
                "SELECT count(*), coalesce(sum(skip_kind IS NOT NULL), 0) FROM documents",
                [],
                |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
            )
            .map_err(|e| self.err(e))
    }

    /// Write one run in one transaction.
    pub fn commit(&mut self, w: &Writes) -> Result<(), Error> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| db_error(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        {
            let mut full = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO documents (path_key, path, size, mtime_ns, text_hash,
                        skip_kind, skip_reason, lang, lang_confidence, title, words, encoding,
                        content_hash, signature, features, profile, variant, story, first_seen,
                        updated, num)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                        ?16, ?17, ?18, ?19, ?20, ?21)",
                )
                .map_err(err)?;
            let mut assign = tx
                .prepare_cached(
                    "UPDATE documents SET size = ?2, mtime_ns = ?3, variant = ?4, story = ?5,
                        updated = ?6, num = ?7 WHERE path_key = ?1",
                )
                .map_err(err)?;
            let mut delete = tx
                .prepare_cached("DELETE FROM documents WHERE path_key = ?1")
                .map_err(err)?;
            for d in &w.docs {
                match d {
                    DocWrite::Full(r) => {
                        let a = r.analysis.as_ref();
                        full.execute(params![
                            r.path_key,
                            r.path,
                            r.size as i64,
                            r.mtime_ns,
                            r.text_hash as i64,
                            r.skip.as_ref().map(|s| &s.0),
                            r.skip.as_ref().map(|s| &s.1),
                            a.map(|a| &a.lang),
                            a.map(|a| a.lang_confidence),
                            a.map(|a| &a.title),
                            a.map(|a| a.words as i64),
                            a.map(|a| &a.encoding),
                            a.map(|a| a.content_hash as i64),
                            a.map(|a| &a.signature),
                            a.map(|a| &a.features),
                            r.profile,
                            r.variant,
                            r.story,
                            r.first_seen,
                            r.updated,
                            r.num,
                        ])
                        .map_err(err)?;
                    }
                    DocWrite::Assign {
                        path_key,
                        num,
                        size,
                        mtime_ns,
                        variant,
                        story,
                        updated,
                    } => {
                        assign
                            .execute(params![
                                path_key,
                                *size as i64,
                                mtime_ns,
                                variant,
                                story,
                                updated,
                                num
                            ])
                            .map_err(err)?;
                    }
                    DocWrite::Delete(key) => {
                        delete.execute([key]).map_err(err)?;
                    }
                }
            }
            for (table, rows) in [(Table::Stories, &w.stories), (Table::Variants, &w.variants)] {
                let sql = match table {
                    Table::Stories => {
                        "INSERT OR REPLACE INTO stories (id, num, first_seen, updated, retired,
                            absorbed_by, size, title, merged_from)
                         VALUES (?1, ?2, ?4, ?5, NULL, NULL, ?6, ?7, ?8)"
                    }
                    Table::Variants => {
                        "INSERT OR REPLACE INTO variants (id, num, story, first_seen, updated,
                            retired, absorbed_by, size, canonical, merged_from)
                         VALUES (?1, ?2, ?3, ?4, ?5, NULL, NULL, ?6, ?7, ?8)"
                    }
                };
                let mut stmt = tx.prepare_cached(sql).map_err(err)?;
                for g in rows {
                    let merged = serde_json::to_string(&g.merged_from).unwrap_or_default();
                    let story: Option<&String> = match table {
                        Table::Stories => None,
                        Table::Variants => g.story.as_ref(),
                    };
                    stmt.execute(params![
                        g.id,
                        g.num as i64,
                        story,
                        g.first_seen,
                        g.updated,
                        g.size as i64,
                        g.label,
                        merged
                    ])
                    .map_err(err)?;
                }
            }
            for (table, rows) in [
                (Table::Stories, &w.retired_stories),
                (Table::Variants, &w.retired_variants),
            ] {
                let sql = format!(
                    "UPDATE {} SET retired = ?2, absorbed_by = ?3 WHERE id = ?1",
                    table.name()
                );
                let mut stmt = tx.prepare_cached(&sql).map_err(err)?;
                for (id, by) in rows {
                    stmt.execute(params![id, w.run.run, by]).map_err(err)?;
                }
            }
            let mut meta = tx
                .prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")
                .map_err(err)?;
            for (k, v) in &w.meta {
                meta.execute(params![k, v]).map_err(err)?;
            }
            let r = &w.run;
            tx.execute(
                "INSERT INTO runs (run, started, finished, version, new, changed, reused, removed,
                    reanalysed, grouping, documents, stories, variants)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    r.run,
                    r.started,
                    r.finished,
                    r.version,
                    r.new as i64,
                    r.changed as i64,
                    r.reused as i64,
                    r.removed as i64,
                    r.reanalysed as i64,
                    r.grouping,
                    r.documents as i64,
                    r.stories as i64,
                    r.variants as i64
                ],
            )
            .map_err(err)?;
        }
        #[cfg(feature = "test-hooks")]
        test_pause_in_commit();
        tx.commit().map_err(err)
    }
}

/// The two group tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Stories,
    Variants,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Stories => "stories",
            Table::Variants => "variants",
        }
    }
}

/// A new state: built in a temporary file beside `path`, then renamed into
/// place, so that `path` is either absent or a complete empty state.
fn create(path: &Path) -> Result<(), Error> {
    let io = |message: String| Error::StateIo {
        path: path.to_path_buf(),
        message,
    };
    let dir = crate::inputs::parent(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsdedup-state-").suffix(".tmp");
    #[cfg(unix)]
    {
        // Created 0666 minus the umask, as any new file.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder
        .tempfile_in(dir)
        .map_err(|e| io(format!("cannot create the state: {e}")))?;
    {
        let conn = Connection::open(tmp.path()).map_err(|e| db_error(path, e))?;
        conn.execute_batch(&format!(
            "PRAGMA application_id = {};
             BEGIN;
             {}
             COMMIT;
             PRAGMA user_version = {};",
            APPLICATION_ID as i32,
            schema::SCHEMA,
            SCHEMA_VERSION
        ))
        .map_err(|e| db_error(path, e))?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| db_error(path, e))?;
        if mode != "wal" {
            return Err(io(format!("cannot switch the state to WAL mode ({mode})")));
        }
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| io(format!("cannot create the state: {e}")))?;
    // Keep an empty file given by the user (`touch state.db`) from being
    // replaced by a race: rename over it only if it is still empty or absent.
    tmp.persist(path)
        .map_err(|e| io(format!("cannot create the state: {}", e.error)))?;
    Ok(())
}

/// SQLite errors: a damaged file is the user's to fix (exit code 2); anything
/// else (I/O, full disk) is a runtime failure.
pub fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    let damaged = matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    );
    if damaged {
        Error::State {
            path: path.to_path_buf(),
            message: format!("damaged state ({e}); remove it to start afresh"),
        }
    } else {
        Error::StateIo {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}
