//! newsdedup turns a folder of raw scraped news articles into stories:
//! near-duplicate groups (variants) joined across languages.
//!
//! The public API is small: a [`Config`], the entry points [`cluster`],
//! [`clean`] (and [`clean_corpus`]), [`explain`] and [`evaluate`], their
//! results ([`Report`], [`CleanedFile`], [`Explanation`], [`Scores`]), the
//! [`Error`] type and the [`Progress`] callback. Everything else is
//! crate-private; ARCHITECTURE.md maps the stages to their files.
//!
//! ```no_run
//! use newsdedup::{Config, Silent};
//! let mut config = Config::default();
//! config.paths = vec!["fixtures/seeds".into()];
//! let report = newsdedup::cluster(&config, &Silent).unwrap();
//! println!("{} stories", report.summary.stories);
//! ```

use std::path::{Path, PathBuf};

mod analyze;
mod charclass;
mod config;
mod dedup;
mod error;
mod eval;
mod explain;
mod grouping;
mod html;
mod incremental;
mod inputs;
mod lang;
mod lsh;
mod minhash;
mod normalize;
mod normalize_cmd;
mod output;
mod pathenc;
mod pipeline;
mod progress;
mod regroup;
mod script;
mod shingle;
mod store;
mod story;
mod title;
mod tokenize;
mod unionfind;
mod walk;

#[doc(hidden)]
pub mod bench;
#[doc(hidden)]
pub mod fuzzing;

pub use analyze::ANALYSIS_VERSION;
pub use config::Config;
pub use error::Error;
pub use eval::{Gold, GoldDoc, Scores};
pub use explain::{DocSummary, Explanation, SharedAnchor};
pub use incremental::{REGROUP_SHARE, StateInfo, StateOptions, StateRun};
pub use lsh::LshConfig;
pub use minhash::MinHashConfig;
pub use normalize::{FurnitureConfig, NormalizeConfig};
pub use normalize_cmd::{CleanedFile, CorpusSummary};
pub use output::{
    Document, Format, GroupState, Relation, Report, RunSummary, SkippedFile, Story, Summary,
    Variant,
};
pub use pathenc::RawPath;
pub use progress::{Bar, Progress, Silent};
pub use shingle::ShingleConfig;
pub use store::RunRow;
pub use story::StoryConfig;
pub use walk::WalkConfig;

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Cluster the files of `config.paths` into stories.
pub fn cluster(config: &Config, progress: &dyn Progress) -> Result<Report> {
    pipeline::cluster(config, progress)
}

/// [`cluster`] against a persistent state (`cluster --state`): files whose
/// size and time match are not read again, stories and variants keep stable
/// ids (README, "State (cron)"). The run is computed but not yet written:
/// [`StateRun::commit`] writes it into the state, in one transaction.
pub fn cluster_with_state(
    config: &Config,
    state: &StateOptions,
    progress: &dyn Progress,
) -> Result<StateRun> {
    incremental::prepare(config, state, progress)
}

/// What a state holds (`newsdedup state FILE`), read-only.
pub fn state_info(path: &Path) -> Result<StateInfo> {
    incremental::info(path)
}

/// Clean the files of `config.paths` (the furniture pass runs across them):
/// what the cleaner keeps of each.
pub fn clean(config: &Config) -> Result<Vec<CleanedFile>> {
    normalize_cmd::clean_files(config)
}

/// Clean every file under `corpus` into `out` (same relative names).
pub fn clean_corpus(
    config: &Config,
    corpus: &Path,
    out: &Path,
    progress: &dyn Progress,
) -> Result<CorpusSummary> {
    normalize_cmd::clean_corpus(config, corpus, out, progress)
}

/// Why the files `a` and `b` are (not) one story, within `corpus` if given.
pub fn explain(
    config: &Config,
    a: &Path,
    b: &Path,
    corpus: Option<&Path>,
    progress: &dyn Progress,
) -> Result<Explanation> {
    explain::explain(config, a, b, corpus, progress)
}

/// Read a gold file (`{"docs": {"<file name>": {"story": …}}}`).
pub fn read_gold(path: &Path) -> Result<Gold> {
    eval::read_gold(path)
}

/// Score a report against gold labels.
pub fn evaluate(gold: &Gold, report: &Report) -> Scores {
    eval::evaluate(gold, report)
}

/// Input and output helpers for the command-line tool.
pub mod io {
    use super::*;

    /// `-`: standard input or output.
    pub fn is_stdio(path: &Path) -> bool {
        crate::inputs::is_stdio(path)
    }

    pub use crate::inputs::Inputs;

    /// `paths` with `-` (a list on standard input) and `files_from` expanded;
    /// `null`: the lists are NUL-separated. Set [`Inputs::listed`] as
    /// `config.walk.listed` so that a listed file that is gone is skipped.
    pub fn expand_paths(
        paths: &[PathBuf],
        files_from: Option<&Path>,
        null: bool,
    ) -> Result<Inputs> {
        crate::inputs::expand(paths, files_from, null, &mut crate::inputs::stdin())
    }

    /// Refuse an output file inside one of the input folders.
    pub fn check_output_file(output: &Path, inputs: &[PathBuf]) -> Result<()> {
        crate::inputs::check_output_file(output, inputs)
    }

    /// Refuse an output folder that overlaps one of the inputs.
    pub fn check_output_dir(out: &Path, inputs: &[PathBuf]) -> Result<()> {
        crate::inputs::check_output_dir(out, inputs)
    }

    /// Write `bytes` to `path` atomically (see README, "Output").
    pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
        crate::output::write_atomic(path, bytes)
    }

    /// Write `bytes` to a stream; a closed pipe is not an error.
    pub fn write_stream(out: &mut dyn std::io::Write, bytes: &[u8]) -> Result<()> {
        crate::output::write_stream(out, bytes)
    }

    /// A path for a message: as is when it is UTF-8, escaped otherwise.
    pub fn display_path(text: &str, raw: Option<&RawPath>) -> String {
        crate::pathenc::escape(text, raw)
    }
}
