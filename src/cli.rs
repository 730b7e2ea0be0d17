//! Command-line types (clap derive). Values are parsed and range-checked here,
//! then turned into the library's [`newsdedup::Config`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use newsdedup::Config;

/// Turn a folder of scraped news articles into stories: near-duplicate
/// variants joined across languages. Prints JSON on stdout.
#[derive(Debug, Parser)]
#[command(name = "newsdedup", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Group articles into stories with language-tagged variants.
    Cluster(ClusterArgs),
    /// Print the cleaned text of files (what the cleaner kept), or clean a folder.
    Normalize(NormalizeArgs),
    /// Cluster a labeled corpus and score the result against its gold labels.
    Eval(EvalArgs),
    /// Explain why two files are (or are not) in the same variant and story.
    Explain(ExplainArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Readable text.
    Text,
    /// One pretty-printed JSON object.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One pretty-printed JSON object.
    Json,
    /// One JSON object per line: each story, then a summary line.
    Jsonl,
    /// A readable table.
    Text,
}

/// Options shared by every command that walks a corpus.
#[derive(Debug, Clone, Args)]
pub struct WalkArgs {
    /// File extensions to read when walking directories (comma-separated; `*` for all).
    /// HTML pages (`.html`, `.htm`, or HTML content in any file) go through article
    /// extraction first: use `--ext html,htm` for a folder of saved pages.
    #[arg(long, value_delimiter = ',', default_value = "txt")]
    pub ext: Vec<String>,

    /// Follow symbolic links.
    #[arg(long)]
    pub follow: bool,

    /// Also read hidden files and directories.
    #[arg(long)]
    pub hidden: bool,

    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = 8 * 1024 * 1024, value_name = "BYTES")]
    pub max_bytes: u64,

    /// Skip documents with fewer words than this after cleaning.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub min_words: usize,

    /// Do not remove lines that repeat across unrelated documents (site furniture).
    #[arg(long)]
    pub no_furniture: bool,

    /// Worker threads (default: all cores). Never changes the result.
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,

    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,

    /// Print the time of each pipeline phase on stderr.
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
}

/// The clustering parameters shared by `cluster`, `eval` and `explain`.
#[derive(Debug, Clone, Args)]
pub struct Params {
    /// Words per shingle (near-duplicate detection).
    #[arg(long, default_value_t = 5, value_name = "K", value_parser = clap::value_parser!(u16).range(1..=32))]
    pub shingle_size: u16,

    /// MinHash permutations (signature length).
    #[arg(long, default_value_t = 128, value_name = "N", value_parser = clap::value_parser!(u16).range(2..=1024))]
    pub num_perm: u16,

    /// Seed of the MinHash permutations.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,

    /// Jaccard similarity at which two texts are near-duplicates (same variant).
    #[arg(long, default_value_t = 0.5, value_parser = positive_unit_interval)]
    pub threshold: f64,

    /// Mean pair score at which variants join one story (default 0.25).
    #[arg(long, value_parser = unit_interval)]
    pub story_threshold: Option<f64>,
}

#[derive(Debug, Clone, Args)]
pub struct ClusterArgs {
    /// Files or directories to read (directories are walked recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub params: Params,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,

    /// Write the result to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    /// Gold labels: {"docs": {"<file name>": {"story": "<id>", "variant": "<id>"|null, "lang": "<code>"}}}.
    #[arg(long, value_name = "GOLD.json")]
    pub gold: PathBuf,

    /// Files or directories to cluster (documents are matched to gold by file name).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub params: Params,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// First file.
    #[arg(value_name = "A")]
    pub a: PathBuf,

    /// Second file.
    #[arg(value_name = "B")]
    pub b: PathBuf,

    /// The corpus the two files belong to (weights and furniture come from it).
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub params: Params,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Args)]
pub struct NormalizeArgs {
    /// Files to clean (with --corpus: none).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Clean a whole folder, with the corpus-level furniture pass.
    #[arg(long, value_name = "DIR", requires = "out")]
    pub corpus: Option<PathBuf>,

    /// Where --corpus writes one cleaned file per input (same relative names).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// `text` prints the cleaned text; `json` adds title, language and removed lines.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    #[command(flatten)]
    pub walk: WalkArgs,
}

fn unit_interval(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("'{s}' is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1"))
    }
}

fn positive_unit_interval(s: &str) -> Result<f64, String> {
    let v = unit_interval(s)?;
    if v > 0.0 {
        Ok(v)
    } else {
        Err("must be greater than 0".to_string())
    }
}

impl WalkArgs {
    pub fn apply(&self, config: &mut Config) {
        config.walk.extensions = self
            .ext
            .iter()
            .map(|e| e.trim().trim_start_matches('.').to_lowercase())
            .filter(|e| !e.is_empty())
            .collect();
        config.walk.follow_links = self.follow;
        config.walk.hidden = self.hidden;
        config.walk.max_bytes = self.max_bytes;
        config.normalize.min_words = self.min_words;
        config.normalize.furniture.enabled = !self.no_furniture;
    }
}

impl Params {
    /// The full configuration for `paths`, with the walk options applied.
    pub fn config(&self, paths: &[PathBuf], walk: &WalkArgs) -> Config {
        let mut config = Config {
            paths: paths.to_vec(),
            ..Config::default()
        };
        walk.apply(&mut config);
        config.shingle.size = self.shingle_size as usize;
        config.minhash.num_perm = self.num_perm as usize;
        config.minhash.seed = self.seed;
        config.lsh.threshold = self.threshold;
        if let Some(t) = self.story_threshold {
            config.story.threshold = t;
        }
        config
    }
}
