//! `cluster --state FILE`: incremental runs over a growing folder.
//!
//! A run with a state (see [`crate::store`]):
//!
//! 1. lists the inputs as usual and `stat`s them; a file whose size and
//!    modification time match its stored row reuses the stored analysis
//!    without being read; any other file is read and its article text hashed,
//!    and analysed again only if that hash changed; rows of files gone from
//!    the listing are removed;
//! 2. rebuilds the corpus furniture from every document's stored line profile
//!    (the furniture pass's only input) and re-analyses exactly the documents
//!    that hold a line whose furniture verdict changed, so that feeding a
//!    corpus in batches gives the same documents as one run over all of it;
//! 3. groups all records (LSH, variants, stories) as a run without state does,
//!    then gives stories and variants their stable ids ([`crate::store::ids`]);
//! 4. returns the report and the writes; [`StateRun::commit`] writes them in
//!    one transaction. The binary prints the result first and commits after,
//!    so a consumer never misses a change (a crash in between repeats it).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::analyze::{self, ANALYSIS_VERSION, DocMeta, DocRecord, Records, Scanned};
use crate::config::Config;
use crate::error::Error;
use crate::minhash::MinHasher;
use crate::normalize::{self, Furniture, LineProfile};
use crate::output::{GroupState, Report, RunSummary, SkippedFile};
use crate::pipeline;
use crate::progress::Progress;
use crate::regroup;
use crate::store::ids::{self, Prior, Status};
use crate::store::lock::{self, Lock, utc_timestamp};
use crate::store::records::{self as rec};
use crate::store::{AnalysisRow, DocRow, DocWrite, GroupRow, RunRow, Store, Table, Writes};
use crate::story::Scored;
use crate::walk::{self, SkipReason, Skipped, Source};

/// How a run uses its state.
#[derive(Debug, Clone)]
pub struct StateOptions {
    pub path: PathBuf,
    /// Re-read and re-analyse every file (and accept changed parameters);
    /// ids are still carried over by member overlap.
    pub rebuild: bool,
    /// How long to wait for another run on the same state.
    pub lock_timeout: Duration,
    /// Group everything again (a *full* grouping) when the documents added,
    /// changed or removed since the last full grouping exceed this share of
    /// the documents it grouped ([`REGROUP_SHARE`] by default).
    pub regroup_share: f64,
}

/// The default of [`StateOptions::regroup_share`]. An incremental grouping
/// can drift from what a full one would find (documents outside the stories
/// clustered again keep the pairs of an earlier run), and the drift can only
/// grow with the share of documents changed since the last full grouping.
/// Measured (README "State (cron)"): five batches with no full grouping at
/// all, the corpus growing fivefold, still give story pair F1 ≥ 0.997
/// against one run on ntrex-dev, ecb-dev and noisy-dev; half the corpus
/// changed is well inside that, and at 1% new files per run a full grouping
/// (about twice an incremental run's time at 100,000 documents) comes once in
/// fifty runs.
pub const REGROUP_SHARE: f64 = 0.5;

/// `summary.run.grouping` and the `runs.grouping` column.
const FULL: &str = "full";
const INCREMENTAL: &str = "incremental";

/// A run computed against a state, not yet written to it (the state stays
/// locked until the value is committed or dropped).
pub struct StateRun {
    store: Store,
    _lock: Lock,
    writes: Writes,
    report: Report,
    upgraded_from: Option<u64>,
}

impl StateRun {
    /// The analysis version of the state when it was older than this
    /// newsdedup's ([`ANALYSIS_VERSION`]): every file was analysed again.
    pub fn upgraded_from(&self) -> Option<u64> {
        self.upgraded_from
    }

    /// The run's report (with `state` per story and variant, `summary.run`).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Keep only new and updated stories in the report (`--changes`).
    pub fn only_changes(&mut self) {
        only_changes(&mut self.report);
    }

    /// Write the run into the state (one transaction) and give the report
    /// back; dropping the value instead leaves the state as it was.
    pub fn commit(mut self) -> Result<Report, Error> {
        self.writes.run.finished = utc_timestamp(SystemTime::now());
        self.store.commit(&self.writes)?;
        Ok(self.report)
    }
}

/// What happens to one listed file in this run.
enum Plan {
    /// Size and time match: the stored row, unread.
    Reuse(usize),
    /// Read: new, or size or time changed.
    Read,
}

/// A file read in this run.
struct Fresh {
    scanned: Option<Result<Scanned, SkipReason>>,
    text_hash: u64,
    profile: Option<LineProfile>,
}

/// The outcome per listed file.
enum Outcome {
    /// The stored analysis (or stored skip), unchanged; `touched`: size or time
    /// changed but the content did not.
    Reused { row: usize, touched: bool },
    /// Analysed in this run (`prev`: its previous row, if any).
    Analysed {
        prev: Option<usize>,
        text_hash: u64,
        profile: Option<LineProfile>,
        result: Box<Result<DocRecord, SkipReason>>,
        /// Re-analysed only because the corpus furniture changed.
        furniture: bool,
    },
}

/// The parameters a state is bound to: the whole configuration but the input
/// paths (which may differ from run to run).
fn state_parameters(config: &Config) -> Result<serde_json::Value, Error> {
    let mut v = serde_json::to_value(config)?;
    if let Some(o) = v.as_object_mut() {
        o.remove("paths");
        o.insert(ANALYSIS_KEY.into(), ANALYSIS_VERSION.into());
    }
    Ok(v)
}

/// The key of [`ANALYSIS_VERSION`] among the stored parameters (a state
/// without it was written by analysis version 1).
const ANALYSIS_KEY: &str = "analysis_version";

/// The stored parameters without the analysis version, and that version.
fn split_analysis_version(params: &serde_json::Value) -> (serde_json::Value, u64) {
    let mut v = params.clone();
    let version = v
        .as_object_mut()
        .and_then(|o| o.remove(ANALYSIS_KEY))
        .and_then(|x| x.as_u64())
        .unwrap_or(1);
    (v, version)
}

/// `a.b.c` → value, for every leaf of a JSON value.
fn leaves(prefix: &str, v: &serde_json::Value, out: &mut BTreeMap<String, String>) {
    match v {
        serde_json::Value::Object(o) => {
            for (k, v) in o {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                leaves(&key, v, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

/// ["lsh.threshold: 0.5 in the state, 0.6 now", …]; with `shared_only`, the
/// parameters both sides have.
fn parameter_differences(
    stored: &serde_json::Value,
    now: &serde_json::Value,
    shared_only: bool,
) -> Vec<String> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    leaves("", stored, &mut a);
    leaves("", now, &mut b);
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let none = "(none)".to_string();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .filter(|k| !shared_only || (a.contains_key(*k) && b.contains_key(*k)))
        .map(|k| {
            format!(
                "{k}: {} in the state, {} now",
                a.get(k).unwrap_or(&none),
                b.get(k).unwrap_or(&none)
            )
        })
        .collect()
}

/// The state's key for a document: the exact bytes of its absolute path, so
/// that runs from another folder, or with relative and absolute PATHs, agree.
fn path_key(path: &Path) -> Vec<u8> {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

fn mtime_ns(m: &std::fs::Metadata) -> i64 {
    match m.modified() {
        Ok(t) => match t.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i64,
            Err(e) => -(e.duration().as_nanos() as i64),
        },
        Err(_) => 0,
    }
}

/// Skips decided by a file's content (so reused while it is unchanged);
/// others (unreadable…) are tried again every run.
fn content_skip(r: &SkipReason) -> Option<&'static str> {
    Some(match r {
        SkipReason::Binary { .. } => "binary",
        SkipReason::TooLarge { .. } => "too_large",
        SkipReason::Empty => "empty",
        SkipReason::TooShort { .. } => "too_short",
        SkipReason::NoArticle { .. } => "no_article",
        _ => return None,
    })
}

fn story_id(num: u64) -> String {
    format!("s{num}")
}

fn variant_id(num: u64) -> String {
    format!("v{num}")
}

fn id_num(id: &str) -> Option<u64> {
    id.get(1..).and_then(|n| n.parse().ok())
}

fn damaged(store: &Store, what: &str, path: &str) -> Error {
    Error::State {
        path: store.path().to_path_buf(),
        message: format!(
            "damaged state (the stored {what} of '{path}' does not decode); remove it or run with --rebuild"
        ),
    }
}

/// A stored document row back as a record.
fn record_of(a: &AnalysisRow, source: &Source) -> Result<DocRecord, rec::BadBlob> {
    let (path, path_bytes) = crate::pathenc::split(&source.path);
    Ok(DocRecord {
        meta: DocMeta {
            path,
            path_bytes,
            lang: rec::lang_from_code(&a.lang, a.lang_confidence)?,
            title: a.title.clone(),
            words: a.words as usize,
            encoding: rec::encoding_from_name(&a.encoding)?,
            content_hash: a.content_hash,
        },
        signature: rec::signature_from_blob(&a.signature)?,
        features: rec::features_from_blob(&a.features)?,
    })
}

/// Run `cluster` against the state: everything but the final write.
pub fn prepare(
    config: &Config,
    opts: &StateOptions,
    progress: &dyn Progress,
) -> Result<StateRun, Error> {
    config.validate()?;
    let started = utc_timestamp(SystemTime::now());
    // Refuse a foreign file before creating anything beside it.
    crate::store::schema::inspect(&opts.path)?;
    let lock = lock::acquire(&opts.path, opts.lock_timeout)?;
    let clock = std::time::Instant::now();
    let store = Store::open(&opts.path, opts.lock_timeout)?;
    let params = state_parameters(config)?;
    // Stored analyses of another analysis version are not comparable with
    // fresh ones: every file is analysed again (ids are kept as by --rebuild).
    let mut upgraded_from = None;
    let fresh_analysis = match store.meta_text("parameters")? {
        None => true,
        Some(text) => {
            let stored: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| Error::State {
                    path: opts.path.clone(),
                    message: format!("damaged state (stored parameters: {e})"),
                })?;
            let (stored, stored_version) = split_analysis_version(&stored);
            let (chosen, _) = split_analysis_version(&params);
            let upgrade = stored_version != u64::from(ANALYSIS_VERSION);
            // After an upgrade, a parameter only one of the two versions
            // knows is not the user's choice: only those both know must agree.
            let differences = parameter_differences(&stored, &chosen, upgrade);
            if !differences.is_empty() && !opts.rebuild {
                return Err(Error::State {
                    path: opts.path.clone(),
                    message: format!(
                        "it was built with other parameters ({}); use the same ones, \
                         or --rebuild to re-analyse every file with the new ones",
                        differences.join("; ")
                    ),
                });
            }
            if upgrade {
                upgraded_from = Some(stored_version);
            }
            opts.rebuild || upgraded_from.is_some()
        }
    };
    let run = store.last_run()? + 1;
    let mut rows = store.documents()?;
    let story_rows = store.groups(Table::Stories)?;
    let variant_rows = store.groups(Table::Variants)?;
    let mut next_story = store.meta_int("next_story")?.unwrap_or(1).max(1) as u64;
    let mut next_variant = store.meta_int("next_variant")?.unwrap_or(1).max(1) as u64;
    let mut next_doc = store.meta_int("next_doc")?.unwrap_or(0).max(0) as u32;
    // The story stage's stored pairs, and how much changed since they were
    // all computed (a full grouping).
    let grouped_docs = store.meta_int("grouped_docs")?;
    let changed_since_full = store.meta_int("changed_since_full")?.unwrap_or(0).max(0) as u64;
    let stored_pairs = if fresh_analysis {
        None
    } else {
        match store.meta_blob("story_pairs")? {
            Some(blob) => Some(rec::pairs_from_blob(&blob).map_err(|_| Error::State {
                path: opts.path.clone(),
                message: "damaged state (story pairs); run with --rebuild".into(),
            })?),
            None => None,
        }
    };
    let old_furniture: Option<(FxHashSet<u64>, FxHashSet<u64>)> = if fresh_analysis {
        None
    } else {
        let get = |k: &str| -> Result<FxHashSet<u64>, Error> {
            let blob = store.meta_blob(k)?.unwrap_or_default();
            let keys = rec::keys_from_blob(&blob).map_err(|_| Error::State {
                path: opts.path.clone(),
                message: "damaged state (furniture keys)".into(),
            })?;
            Ok(keys.into_iter().collect())
        };
        Some((get("furniture")?, get("repeated")?))
    };
    progress.phase("state load", clock.elapsed().as_secs_f64());

    let clock = std::time::Instant::now();
    let listing = walk::list(&config.paths, &config.walk)?;
    let sources = &listing.sources;
    let row_of: HashMap<&[u8], usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.path_key.as_slice(), i))
        .collect();
    let keys: Vec<Vec<u8>> = sources.iter().map(|s| path_key(&s.path)).collect();
    let stats: Vec<Option<(u64, i64)>> = sources
        .par_iter()
        .map(|s| {
            std::fs::metadata(&s.path)
                .ok()
                .map(|m| (m.len(), mtime_ns(&m)))
        })
        .collect();
    let prev: Vec<Option<usize>> = keys
        .iter()
        .map(|k| row_of.get(k.as_slice()).copied())
        .collect();
    let plans: Vec<Plan> = (0..sources.len())
        .map(|i| match (prev[i], stats[i]) {
            (Some(r), Some((size, mtime)))
                if !fresh_analysis
                    && rows[r].size == size
                    && rows[r].mtime_ns == mtime
                    && (rows[r].analysis.is_some() || rows[r].skip.is_some()) =>
            {
                Plan::Reuse(r)
            }
            _ => Plan::Read,
        })
        .collect();
    progress.phase("walk + stat", clock.elapsed().as_secs_f64());

    // Read what must be read: hash, profile, and (memory permitting) the text.
    let clock = std::time::Instant::now();
    let to_read: u64 = plans
        .iter()
        .zip(&stats)
        .filter(|(p, _)| matches!(p, Plan::Read))
        .map(|(_, s)| s.map_or(0, |s| s.0))
        .sum();
    let keep = to_read <= pipeline::CACHE_BYTES;
    let reading = plans.iter().filter(|p| matches!(p, Plan::Read)).count();
    progress.start("read", reading as u64);
    let fresh: Vec<Option<Fresh>> = plans
        .par_iter()
        .zip(sources.par_iter())
        .map(|(plan, source)| match plan {
            Plan::Reuse(_) => None,
            Plan::Read => {
                let scanned = analyze::scan_file(source, config);
                let (text_hash, profile) = match &scanned {
                    Ok(s) => (
                        xxh3_64(s.text.as_bytes()),
                        Some(normalize::profile(&s.text)),
                    ),
                    Err(_) => (0, None),
                };
                progress.inc();
                Some(Fresh {
                    scanned: keep.then_some(scanned),
                    text_hash,
                    profile,
                })
            }
        })
        .collect();
    progress.finish();
    // Same content as stored (only the size or time moved): reuse.
    let mut outcome: Vec<Option<Outcome>> = Vec::with_capacity(sources.len());
    let mut pending: Vec<Option<Fresh>> = Vec::with_capacity(sources.len());
    for (i, f) in fresh.into_iter().enumerate() {
        match (&plans[i], f) {
            (Plan::Reuse(r), _) => {
                outcome.push(Some(Outcome::Reused {
                    row: *r,
                    touched: false,
                }));
                pending.push(None);
            }
            (Plan::Read, Some(f)) => {
                let same = prev[i].filter(|&r| {
                    !fresh_analysis
                        && f.profile.is_some()
                        && rows[r].profile.is_some()
                        && rows[r].text_hash == f.text_hash
                });
                match same {
                    Some(r) => {
                        outcome.push(Some(Outcome::Reused {
                            row: r,
                            touched: true,
                        }));
                        pending.push(None);
                    }
                    None => {
                        outcome.push(None);
                        pending.push(Some(f));
                    }
                }
            }
            (Plan::Read, None) => {
                outcome.push(None);
                pending.push(None);
            }
        }
    }
    progress.phase("read", clock.elapsed().as_secs_f64());

    // Corpus furniture from every profile, in path order.
    let clock = std::time::Instant::now();
    let mut stored_profiles: Vec<Option<LineProfile>> = outcome
        .par_iter()
        .map(|o| match o {
            Some(Outcome::Reused { row, .. }) => rows[*row]
                .profile
                .as_deref()
                .map(rec::profile_from_blob)
                .transpose()
                .ok()
                .flatten(),
            _ => None,
        })
        .collect();
    let furniture = {
        let profiles: Vec<LineProfile> = (0..sources.len())
            .filter_map(|i| {
                stored_profiles[i]
                    .clone()
                    .or_else(|| pending[i].as_ref().and_then(|f| f.profile.clone()))
            })
            .collect();
        Furniture::build(&profiles, &config.normalize.furniture)
    };
    let (new_keys, new_repeated) = furniture.sorted_keys();
    // Lines whose verdict changed: the documents holding one are analysed again.
    let changed: FxHashSet<u64> = match &old_furniture {
        Some((old_keys, old_repeated)) => {
            let now_keys: FxHashSet<u64> = new_keys.iter().copied().collect();
            let now_repeated: FxHashSet<u64> = new_repeated.iter().copied().collect();
            old_keys
                .symmetric_difference(&now_keys)
                .chain(old_repeated.symmetric_difference(&now_repeated))
                .copied()
                .collect()
        }
        None => FxHashSet::default(),
    };
    let refurnish: Vec<bool> = stored_profiles
        .par_iter()
        .map(|p| {
            p.as_ref()
                .is_some_and(|p| rec::profile_keys(p).any(|k| changed.contains(&k)))
        })
        .collect();
    progress.phase("furniture", clock.elapsed().as_secs_f64());

    // Analyse: new and changed files, and those the furniture change touches.
    let clock = std::time::Instant::now();
    let hasher = MinHasher::new(&config.minhash);
    let work: Vec<usize> = (0..sources.len())
        .filter(|&i| outcome[i].is_none() || refurnish[i])
        .collect();
    progress.start("analyse", work.len() as u64);
    let mut jobs: Vec<(usize, Option<Result<Scanned, SkipReason>>)> = work
        .iter()
        .map(|&i| (i, pending[i].as_mut().and_then(|f| f.scanned.take())))
        .collect();
    let results: Vec<(usize, Result<DocRecord, SkipReason>)> = jobs
        .par_iter_mut()
        .map(|(i, scanned)| {
            let r = analyze::process(&sources[*i], scanned.take(), config, &furniture, &hasher);
            progress.inc();
            (*i, r)
        })
        .collect();
    progress.finish();
    for (i, result) in results {
        let (text_hash, profile, furniture_only) = match (&outcome[i], pending[i].take()) {
            (Some(Outcome::Reused { row, .. }), _) => {
                (rows[*row].text_hash, stored_profiles[i].take(), true)
            }
            (_, Some(f)) => (f.text_hash, f.profile, false),
            (_, None) => (0, None, false),
        };
        outcome[i] = Some(Outcome::Analysed {
            prev: prev[i],
            text_hash,
            profile,
            result: Box::new(result),
            furniture: furniture_only,
        });
    }
    progress.phase("analyse", clock.elapsed().as_secs_f64());

    // Records in path order (as a run without state has them).
    let clock = std::time::Instant::now();
    let decoded: Vec<Option<Result<DocRecord, rec::BadBlob>>> = outcome
        .par_iter()
        .zip(sources.par_iter())
        .map(|(o, s)| match o {
            Some(Outcome::Reused { row, .. }) => {
                rows[*row].analysis.as_ref().map(|a| record_of(a, s))
            }
            _ => None,
        })
        .collect();
    // The decoded records and profiles are all that is needed of the blobs now.
    drop(row_of);
    rows.par_iter_mut().for_each(|r| {
        r.profile = None;
        if let Some(a) = &mut r.analysis {
            a.signature = Vec::new();
            a.features = Vec::new();
        }
    });
    let mut docs = Records::with_capacity(sources.len());
    let mut source_of: Vec<usize> = Vec::with_capacity(sources.len());
    let mut skipped: Vec<Skipped> = listing.skipped.clone();
    let mut stored_skips: Vec<SkippedFile> = Vec::new();
    for (i, d) in decoded.into_iter().enumerate() {
        match (&mut outcome[i], d) {
            (Some(Outcome::Reused { row, .. }), Some(Ok(r))) => {
                let _ = row;
                docs.push(r);
                source_of.push(i);
            }
            (Some(Outcome::Reused { row, .. }), Some(Err(e))) => {
                return Err(damaged(&store, e.0, &rows[*row].path));
            }
            (Some(Outcome::Reused { row, .. }), None) => {
                let (kind, reason) = rows[*row].skip.clone().unwrap_or_default();
                let (path, path_bytes) = crate::pathenc::split(&sources[i].path);
                stored_skips.push(SkippedFile {
                    path,
                    path_bytes,
                    kind,
                    reason,
                });
            }
            (Some(Outcome::Analysed { result, .. }), _) => match result.as_ref() {
                Ok(r) => {
                    docs.push(r.clone());
                    source_of.push(i);
                }
                Err(reason) => skipped.push(Skipped::new(&sources[i].path, reason.clone())),
            },
            (None, _) => {}
        }
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));

    // Each listed file's stable number: its row's, or a new one.
    let source_num: Vec<u32> = (0..sources.len())
        .map(|i| match prev[i] {
            Some(r) => rows[r].num,
            None => {
                next_doc += 1;
                next_doc - 1
            }
        })
        .collect();
    let prev_row: Vec<Option<&DocRow>> = source_of
        .iter()
        .map(|&i| prev[i].map(|r| &rows[r]))
        .collect();
    let prev_story: Vec<Option<u64>> = prev_row
        .iter()
        .map(|p| p.and_then(|p| p.story.as_deref()).and_then(id_num))
        .collect();
    let prev_variant: Vec<Option<u64>> = prev_row
        .iter()
        .map(|p| p.and_then(|p| p.variant.as_deref()).and_then(id_num))
        .collect();
    let analysed: Vec<bool> = source_of
        .iter()
        .map(|&i| matches!(outcome[i], Some(Outcome::Analysed { .. })))
        .collect();
    let listed: FxHashSet<&[u8]> = keys.iter().map(|k| k.as_slice()).collect();
    let removed_rows = rows
        .iter()
        .filter(|r| !listed.contains(r.path_key.as_slice()))
        .count();
    // Documents added, changed or removed in this run.
    let changes = analysed.iter().filter(|&&a| a).count() + removed_rows;
    let full = match (&stored_pairs, grouped_docs) {
        (Some(_), Some(g)) => {
            (changed_since_full + changes as u64) as f64 > opts.regroup_share * g.max(0) as f64
        }
        _ => true,
    };

    let mut grouping = pipeline::near_duplicates(&docs, config, progress);
    docs.signatures = Vec::new();
    let story_docs = docs.take_story_docs();
    let nums: Vec<u32> = source_of.iter().map(|&i| source_num[i]).collect();
    let outcome_stories = if full {
        regroup::stories(story_docs, &grouping, config, None, progress)
    } else {
        // A variant whose membership changed is asked again (its members'
        // pairs inside the old variant were never scored).
        let mut prev_size: HashMap<u64, usize> = HashMap::new();
        for r in &rows {
            if let Some(n) = r.variant.as_deref().and_then(id_num) {
                *prev_size.entry(n).or_insert(0) += 1;
            }
        }
        let mut requery = analysed.clone();
        for v in &grouping.variants {
            let first = prev_variant[v.members[0] as usize];
            let same = first.is_some()
                && v.members
                    .iter()
                    .all(|&m| !analysed[m as usize] && prev_variant[m as usize] == first)
                && first.and_then(|f| prev_size.get(&f)) == Some(&v.members.len());
            if !same {
                for &m in &v.members {
                    requery[m as usize] = true;
                }
            }
        }
        let present: FxHashSet<usize> = source_of.iter().filter_map(|&i| prev[i]).collect();
        let lost: FxHashSet<u64> = rows
            .iter()
            .enumerate()
            .filter(|(r, _)| !present.contains(r))
            .filter_map(|(_, row)| row.story.as_deref().and_then(id_num))
            .collect();
        let pairs = stored_pairs.as_deref().unwrap_or_default();
        let prior = regroup::Prior {
            nums: &nums,
            requery: &requery,
            prev_story: &prev_story,
            lost: &lost,
            pairs,
        };
        regroup::stories(story_docs, &grouping, config, Some(prior), progress)
    };
    grouping.set_stories(&outcome_stories.clusters);
    let story_pairs: Vec<Scored> = outcome_stories
        .pairs
        .iter()
        .map(|p| Scored {
            a: nums[p.a as usize],
            b: nums[p.b as usize],
            ..*p
        })
        .collect();
    let regrouped = outcome_stories.regrouped;
    drop(outcome_stories);
    let mut report = crate::output::report::build(&docs.meta, skipped, &grouping, config)?;
    if !stored_skips.is_empty() {
        report.skipped.extend(stored_skips);
        report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        report.summary.skipped = report.skipped.len();
    }
    progress.phase("group", clock.elapsed().as_secs_f64());

    // Stable ids.
    let modified: Vec<bool> = docs
        .meta
        .iter()
        .zip(&prev_row)
        .map(|(d, p)| {
            p.and_then(|p| p.analysis.as_ref())
                .is_none_or(|a| a.content_hash != d.content_hash || a.title != d.title)
        })
        .collect();
    let priors = |group_rows: &[GroupRow], column: fn(&DocRow) -> &Option<String>| {
        let mut size: HashMap<u64, usize> = HashMap::new();
        for r in &rows {
            if let Some(n) = column(r).as_deref().and_then(id_num) {
                *size.entry(n).or_insert(0) += 1;
            }
        }
        group_rows
            .iter()
            .map(|g| {
                (
                    g.num,
                    Prior {
                        first_seen: g.first_seen,
                        updated: g.updated,
                        merged_from: g.merged_from.iter().filter_map(|m| id_num(m)).collect(),
                        size: size.get(&g.num).copied().unwrap_or(0),
                    },
                )
            })
            .collect::<BTreeMap<u64, Prior>>()
    };
    let story_priors = priors(&story_rows, |r| &r.story);
    let variant_priors = priors(&variant_rows, |r| &r.variant);
    let variant_groups: Vec<Vec<u32>> = grouping.variant_members();
    let story_groups: Vec<Vec<u32>> = grouping
        .stories
        .iter()
        .map(|vs| {
            let mut m: Vec<u32> = vs
                .iter()
                .flat_map(|&v| variant_groups[v].iter().copied())
                .collect();
            m.sort_unstable();
            m
        })
        .collect();
    let (story_ids, story_retired) = ids::assign(
        &story_groups,
        &prev_story,
        &modified,
        &story_priors,
        &mut next_story,
        run,
    );
    let (variant_ids, variant_retired) = ids::assign(
        &variant_groups,
        &prev_variant,
        &modified,
        &variant_priors,
        &mut next_variant,
        run,
    );
    let mut story_of_variant = vec![0usize; variant_groups.len()];
    for (si, vs) in grouping.stories.iter().enumerate() {
        for &v in vs {
            story_of_variant[v] = si;
        }
    }
    let variant_by_content: HashMap<String, usize> = grouping
        .variants
        .iter()
        .enumerate()
        .map(|(vi, v)| {
            (
                format!("{:016x}", docs.meta[v.canonical as usize].content_hash),
                vi,
            )
        })
        .collect();
    let state_of = |a: &ids::Assigned, id: fn(u64) -> String| GroupState {
        status: a.status.as_str().to_string(),
        first_seen: a.first_seen,
        updated: a.updated,
        merged_from: a.merged_from.iter().map(|&n| id(n)).collect(),
    };
    let variant_story: HashMap<u64, &str> = variant_rows
        .iter()
        .filter_map(|r| r.story.as_deref().map(|s| (r.num, s)))
        .collect();
    let mut story_rows_out = Vec::new();
    let mut variant_rows_out = Vec::new();
    let mut story_index: Vec<usize> = Vec::with_capacity(report.stories.len());
    for story in &mut report.stories {
        let Some(&v0) = story
            .variants
            .first()
            .and_then(|v| variant_by_content.get(&v.id))
        else {
            continue;
        };
        let si = story_of_variant[v0];
        let a = &story_ids[si];
        story.id = story_id(a.num);
        story.state = Some(state_of(a, story_id));
        story_index.push(si);
        if a.status != Status::Unchanged {
            story_rows_out.push(GroupRow {
                id: story.id.clone(),
                num: a.num,
                story: None,
                first_seen: a.first_seen,
                updated: a.updated,
                size: story.size,
                label: story.title.clone(),
                merged_from: a.merged_from.iter().map(|&n| story_id(n)).collect(),
            });
        }
        for variant in &mut story.variants {
            let Some(&vi) = variant_by_content.get(&variant.id) else {
                continue;
            };
            let va = &variant_ids[vi];
            variant.id = variant_id(va.num);
            variant.state = Some(state_of(va, variant_id));
            if va.status != Status::Unchanged
                || variant_story.get(&va.num).copied() != Some(story.id.as_str())
            {
                variant_rows_out.push(GroupRow {
                    id: variant.id.clone(),
                    num: va.num,
                    story: Some(story.id.clone()),
                    first_seen: va.first_seen,
                    updated: va.updated,
                    size: variant.size,
                    label: variant.canonical.clone(),
                    merged_from: va.merged_from.iter().map(|&n| variant_id(n)).collect(),
                });
            }
        }
    }
    report
        .stories
        .sort_by(|a, b| b.size.cmp(&a.size).then(id_num(&a.id).cmp(&id_num(&b.id))));

    // Writes.
    let mut writes = Writes::default();
    let mut doc_of_source: Vec<Option<usize>> = vec![None; sources.len()];
    for (d, &i) in source_of.iter().enumerate() {
        doc_of_source[i] = Some(d);
    }
    let mut variant_of_doc = vec![0usize; docs.len()];
    for (vi, v) in grouping.variants.iter().enumerate() {
        for &m in &v.members {
            variant_of_doc[m as usize] = vi;
        }
    }
    let (mut new, mut changed_files, mut reused, mut reanalysed) = (0, 0, 0, 0);
    for i in 0..sources.len() {
        let assignment = doc_of_source[i].map(|d| {
            let vi = variant_of_doc[d];
            (
                variant_id(variant_ids[vi].num),
                story_id(story_ids[story_of_variant[vi]].num),
            )
        });
        let (variant, story) = match &assignment {
            Some((v, s)) => (Some(v.clone()), Some(s.clone())),
            None => (None, None),
        };
        let (size, mtime) = stats[i].unwrap_or((0, 0));
        match &outcome[i] {
            Some(Outcome::Reused { row, touched }) => {
                reused += 1;
                let r = &rows[*row];
                let moved = r.variant != variant || r.story != story;
                if *touched || moved {
                    writes.docs.push(DocWrite::Assign {
                        path_key: keys[i].clone(),
                        num: source_num[i],
                        size,
                        mtime_ns: mtime,
                        variant,
                        story,
                        updated: if moved { run } else { r.updated },
                    });
                }
            }
            Some(Outcome::Analysed {
                prev: p,
                text_hash,
                profile,
                result,
                furniture: furniture_only,
            }) => {
                let result = result.as_ref();
                if *furniture_only {
                    reanalysed += 1;
                } else if p.is_some() {
                    changed_files += 1;
                } else {
                    new += 1;
                }
                let old = p.map(|r| &rows[r]);
                let storable = match result {
                    Ok(_) => true,
                    Err(reason) => content_skip(reason).is_some(),
                };
                if !storable {
                    if old.is_some() {
                        writes.docs.push(DocWrite::Delete(keys[i].clone()));
                    }
                    continue;
                }
                let analysis = result.as_ref().ok().map(|d| AnalysisRow {
                    lang: d.meta.lang.code.to_string(),
                    lang_confidence: d.meta.lang.confidence,
                    title: d.meta.title.clone(),
                    words: d.meta.words as u64,
                    encoding: rec::encoding_name(d.meta.encoding).to_string(),
                    content_hash: d.meta.content_hash,
                    signature: rec::signature_to_blob(&d.signature),
                    features: rec::features_to_blob(&d.features),
                });
                let same_content = old
                    .and_then(|o| o.analysis.as_ref())
                    .zip(analysis.as_ref())
                    .is_some_and(|(o, n)| o.content_hash == n.content_hash && o.title == n.title);
                writes.docs.push(DocWrite::Full(Box::new(DocRow {
                    path_key: keys[i].clone(),
                    num: source_num[i],
                    path: crate::pathenc::split(&sources[i].path).0,
                    size,
                    mtime_ns: mtime,
                    text_hash: *text_hash,
                    skip: result
                        .as_ref()
                        .err()
                        .and_then(|r| content_skip(r).map(|k| (k.to_string(), r.to_string()))),
                    analysis,
                    profile: profile.as_ref().map(rec::profile_to_blob),
                    variant,
                    story,
                    first_seen: old.map_or(run, |o| o.first_seen),
                    updated: match old {
                        Some(o)
                            if same_content
                                && o.story == assignment.as_ref().map(|a| a.1.clone()) =>
                        {
                            o.updated
                        }
                        _ => run,
                    },
                })));
            }
            None => {}
        }
    }
    let mut removed = 0;
    for r in &rows {
        if !listed.contains(r.path_key.as_slice()) {
            removed += 1;
            writes.docs.push(DocWrite::Delete(r.path_key.clone()));
        }
    }
    writes.stories = story_rows_out;
    writes.variants = variant_rows_out;
    let retire = |list: &[ids::Retired], id: fn(u64) -> String, by: &dyn Fn(usize) -> String| {
        list.iter()
            .map(|r| (id(r.num), r.absorbed_by.map(by)))
            .collect::<Vec<_>>()
    };
    writes.retired_stories = retire(&story_retired, story_id, &|g| story_id(story_ids[g].num));
    writes.retired_variants = retire(&variant_retired, variant_id, &|g| {
        variant_id(variant_ids[g].num)
    });
    use rusqlite::types::Value;
    writes.meta = vec![
        ("parameters", Value::Text(params.to_string())),
        ("next_story", Value::Integer(next_story as i64)),
        ("next_variant", Value::Integer(next_variant as i64)),
        ("furniture", Value::Blob(rec::keys_to_blob(&new_keys))),
        ("repeated", Value::Blob(rec::keys_to_blob(&new_repeated))),
        ("next_doc", Value::Integer(next_doc as i64)),
        ("story_pairs", Value::Blob(rec::pairs_to_blob(&story_pairs))),
        (
            "grouped_docs",
            Value::Integer(if full {
                docs.len() as i64
            } else {
                grouped_docs.unwrap_or(0)
            }),
        ),
        (
            "changed_since_full",
            Value::Integer(if full {
                0
            } else {
                (changed_since_full + changes as u64) as i64
            }),
        ),
    ];
    let grouping_mode = if full { FULL } else { INCREMENTAL };
    let count = |s: Status| story_ids.iter().filter(|a| a.status == s).count();
    let summary = RunSummary {
        run,
        new,
        changed: changed_files,
        reused,
        removed,
        reanalysed,
        grouping: grouping_mode.to_string(),
        regrouped,
        stories_new: count(Status::New),
        stories_updated: count(Status::Updated),
        stories_retired: story_retired.len(),
    };
    writes.run = RunRow {
        run,
        started,
        finished: String::new(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        new,
        changed: changed_files,
        reused,
        removed,
        reanalysed,
        grouping: grouping_mode.to_string(),
        documents: report.summary.documents,
        stories: report.summary.stories,
        variants: report.summary.variants,
    };
    report.summary.run = Some(summary);
    let _ = story_index;
    Ok(StateRun {
        store,
        _lock: lock,
        writes,
        report,
        upgraded_from,
    })
}

/// Keep only new and updated stories (`--changes`).
fn only_changes(report: &mut Report) {
    report
        .stories
        .retain(|s| s.state.as_ref().is_some_and(|st| st.status != "unchanged"));
}

/// What `newsdedup state FILE` prints.
#[derive(Debug, Serialize)]
pub struct StateInfo {
    pub path: String,
    pub schema_version: u32,
    pub runs: Vec<RunRow>,
    pub documents: usize,
    pub skipped: usize,
    pub stories: usize,
    pub stories_retired: usize,
    pub variants: usize,
    pub variants_retired: usize,
    pub parameters: serde_json::Value,
}

/// Read a state's summary (read-only; no lock needed: WAL readers see the
/// last committed run).
pub fn info(path: &Path) -> Result<StateInfo, Error> {
    let store = Store::open_read_only(path)?;
    let runs = store.runs()?;
    let (documents, skipped) = store.document_counts()?;
    let (stories, stories_retired) = store.group_counts(Table::Stories)?;
    let (variants, variants_retired) = store.group_counts(Table::Variants)?;
    let parameters = store
        .meta_text("parameters")?
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null);
    Ok(StateInfo {
        path: path.display().to_string(),
        schema_version: crate::store::SCHEMA_VERSION,
        runs,
        documents: documents - skipped,
        skipped,
        stories: stories - stories_retired,
        stories_retired,
        variants: variants - variants_retired,
        variants_retired,
        parameters,
    })
}

impl StateInfo {
    /// `newsdedup state FILE` as text.
    pub fn to_text(&self) -> String {
        render_info(self)
    }
}

fn render_info(i: &StateInfo) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "state:      {} (schema version {})",
        i.path, i.schema_version
    );
    let _ = writeln!(
        s,
        "documents:  {} ({} skipped files besides)",
        i.documents, i.skipped
    );
    let _ = writeln!(
        s,
        "stories:    {} ({} retired ids)",
        i.stories, i.stories_retired
    );
    let _ = writeln!(
        s,
        "variants:   {} ({} retired ids)",
        i.variants, i.variants_retired
    );
    let _ = writeln!(s, "runs:       {}", i.runs.len());
    const SHOWN: usize = 20;
    if i.runs.len() > SHOWN {
        let _ = writeln!(s, "  … {} earlier runs", i.runs.len() - SHOWN);
    }
    for r in i.runs.iter().skip(i.runs.len().saturating_sub(SHOWN)) {
        let _ = writeln!(
            s,
            "  #{:<5} {} → {}  files: {} new, {} changed, {} reused, {} removed, {} re-analysed; \
             {} grouping; {} documents, {} stories, {} variants",
            r.run,
            r.started,
            r.finished,
            r.new,
            r.changed,
            r.reused,
            r.removed,
            r.reanalysed,
            r.grouping,
            r.documents,
            r.stories,
            r.variants
        );
    }
    let _ = writeln!(s, "parameters: {}", i.parameters);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_differences_name_each_changed_leaf() {
        let a = serde_json::json!({"lsh": {"threshold": 0.5}, "shingle": {"size": 5}});
        let b = serde_json::json!({"lsh": {"threshold": 0.6}, "shingle": {"size": 5}, "new": 1});
        assert_eq!(
            parameter_differences(&a, &b, false),
            [
                "lsh.threshold: 0.5 in the state, 0.6 now",
                "new: (none) in the state, 1 now"
            ]
        );
        assert_eq!(
            parameter_differences(&a, &b, true),
            ["lsh.threshold: 0.5 in the state, 0.6 now"]
        );
    }

    #[test]
    fn ids_round_trip() {
        assert_eq!(id_num(&story_id(42)), Some(42));
        assert_eq!(id_num(&variant_id(7)), Some(7));
        assert_eq!(id_num("s"), None);
    }
}
