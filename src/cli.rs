//! Command-line types (clap derive). Values are parsed and range-checked here,
//! then turned into the library's [`newsdedup::Config`].

use std::path::PathBuf;

use clap::{ArgAction, Args, CommandFactory, Parser, Subcommand, ValueEnum};
use newsdedup::{
    Config, LshConfig, MinHashConfig, NormalizeConfig, ShingleConfig, StoryConfig, WalkConfig,
};

/// Examples shown at the end of `newsdedup --help`.
const EXAMPLES: &str = "\
Examples:
  newsdedup cluster corpus/ > stories.json        JSON on stdout, a summary on stderr
  newsdedup cluster -q -o stories.json corpus/     for cron: only warnings on stderr
  newsdedup cluster --format text --ext html,htm scraped/
  newsdedup normalize article.txt                  what the cleaner keeps of one file
  newsdedup normalize --corpus raw/ --out clean/   clean a whole folder
  newsdedup eval --gold gold.json corpus/          score against gold labels
  newsdedup explain a.txt b.txt --corpus corpus/   why two files are (not) one story
  newsdedup cluster -q --state s.db --changes corpus/   for cron: new and updated stories
  newsdedup state s.db                             runs, documents and stories of a state
  newsdedup completions bash > ~/.local/share/bash-completion/completions/newsdedup
  newsdedup man > newsdedup.1                      the manual page (roff)

Exit codes: 0 success, 1 runtime failure, 2 usage error, 3 no documents with --fail-if-empty.";

/// Turn a folder of scraped news articles into stories: near-duplicate
/// variants joined across languages. Prints JSON on stdout.
#[derive(Debug, Parser)]
#[command(
    name = "newsdedup",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Group articles into stories with language-tagged variants.
    #[command(after_help = "Examples:
  newsdedup cluster corpus/ > stories.json
  newsdedup cluster -q --fail-if-empty -o /srv/www/stories.json /mnt/feeds/
  newsdedup cluster --format jsonl --ext txt,html corpus/ | jq -c 'select(.type == \"story\")'")]
    Cluster(ClusterArgs),
    /// Print the cleaned text of files (what the cleaner kept), or clean a folder.
    #[command(after_help = "Examples:
  newsdedup normalize article.txt
  newsdedup normalize --format json page.html
  newsdedup normalize --corpus raw/ --out clean/")]
    Normalize(NormalizeArgs),
    /// Cluster a labeled corpus and score the result against its gold labels.
    #[command(after_help = "Examples:
  newsdedup eval --gold gold.json corpus/
  newsdedup eval -q --format json --gold gold.json corpus/ | jq .scores.pairwise_f1")]
    Eval(EvalArgs),
    /// Explain why two files are (or are not) in the same variant and story.
    #[command(after_help = "Examples:
  newsdedup explain a.txt b.txt
  newsdedup explain corpus/a.txt corpus/b.txt --corpus corpus/ --format json")]
    Explain(ExplainArgs),
    /// Print what a state holds: runs, documents, stories and parameters
    /// (`state FILE` or `state info FILE`).
    #[command(after_help = "Examples:
  newsdedup state stories.db
  newsdedup state info --format json stories.db | jq '.runs[-1]'
  sqlite3 stories.db 'SELECT id, title FROM stories WHERE first_seen = (SELECT max(run) FROM runs)'")]
    State(StateArgs),
    /// Print a shell completion script on stdout.
    #[command(after_help = "Examples:
  newsdedup completions bash > ~/.local/share/bash-completion/completions/newsdedup
  newsdedup completions zsh > ~/.zfunc/_newsdedup
  newsdedup completions fish > ~/.config/fish/completions/newsdedup.fish")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on stdout, or write one page per command to a folder.
    #[command(after_help = "Examples:
  newsdedup man | man -l -
  newsdedup man --dir /usr/local/share/man/man1")]
    Man(ManArgs),
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// Write newsdedup.1 and one page per command (newsdedup-cluster.1, …) into DIR
    /// instead of printing newsdedup.1 on stdout.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
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
    #[arg(long, value_delimiter = ',', default_values_t = WalkConfig::default().extensions)]
    pub ext: Vec<String>,

    /// Follow symbolic links.
    #[arg(long)]
    pub follow: bool,

    /// Also read hidden files and directories.
    #[arg(long)]
    pub hidden: bool,

    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = WalkConfig::default().max_bytes, value_name = "BYTES")]
    pub max_bytes: u64,

    /// Skip documents with fewer words than this after cleaning.
    #[arg(long, default_value_t = NormalizeConfig::default().min_words, value_name = "N")]
    pub min_words: usize,

    /// Do not remove lines that repeat across unrelated documents (site furniture).
    #[arg(long)]
    pub no_furniture: bool,

    /// Worker threads (default: all cores). Never changes the result.
    #[arg(short = 'j', long, value_name = "N", value_parser = at_least_one)]
    pub jobs: Option<usize>,

    /// Less on stderr: `-q` keeps only warnings (skipped files), `-qq` only errors.
    /// Without it: progress bar (on a terminal), warnings and a summary line.
    #[arg(short, long, action = ArgAction::Count)]
    pub quiet: u8,

    /// Exit with code 3, writing no result, when no document was found
    /// (an empty or unmounted folder, or every file skipped).
    #[arg(long)]
    pub fail_if_empty: bool,

    /// Print the time of each pipeline phase on stderr.
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
}

/// Where the list of inputs comes from besides the PATH arguments.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Read more paths from FILE, one per line (`-`: standard input). A PATH of
    /// `-` reads them from standard input too.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// Paths read from `-` or --files-from are separated by NUL, not newline
    /// (for `find -print0`, `fd -0`).
    #[arg(short = '0', long = "null")]
    pub null: bool,
}

impl InputArgs {
    /// `paths` with `-` and --files-from expanded.
    pub fn paths(&self, paths: &[PathBuf]) -> Result<newsdedup::io::Inputs, newsdedup::Error> {
        newsdedup::io::expand_paths(paths, self.files_from.as_deref(), self.null)
    }
}

/// The clustering parameters shared by `cluster`, `eval` and `explain`.
#[derive(Debug, Clone, Args)]
pub struct Params {
    /// Words per shingle (near-duplicate detection).
    #[arg(long, default_value_t = ShingleConfig::default().size as u16, value_name = "K", value_parser = clap::value_parser!(u16).range(1..=32))]
    pub shingle_size: u16,

    /// MinHash permutations (signature length).
    #[arg(long, default_value_t = MinHashConfig::default().num_perm as u16, value_name = "N", value_parser = clap::value_parser!(u16).range(2..=1024))]
    pub num_perm: u16,

    /// Seed of the MinHash permutations.
    #[arg(long, default_value_t = MinHashConfig::default().seed)]
    pub seed: u64,

    /// Jaccard similarity at which two texts are near-duplicates (same variant).
    #[arg(long, default_value_t = LshConfig::default().threshold, value_parser = positive_unit_interval, allow_negative_numbers = true)]
    pub threshold: f64,

    /// Mean pair score at which variants join one story.
    #[arg(long, default_value_t = StoryConfig::default().threshold, value_parser = unit_interval, allow_negative_numbers = true)]
    pub story_threshold: f64,
}

#[derive(Debug, Clone, Args)]
pub struct ClusterArgs {
    /// Files or directories to read (directories are walked recursively; `-`
    /// reads a list of paths from standard input).
    #[arg(required_unless_present = "files_from", value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub params: Params,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,

    /// Write the result to FILE (atomically; `-`: stdout) instead of stdout.
    /// FILE may not be inside an input folder.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub state: StateRunArgs,
}

/// Incremental runs (`cluster --state`).
#[derive(Debug, Clone, Args)]
pub struct StateRunArgs {
    /// Keep a state in FILE (SQLite, created when missing): unchanged files are
    /// not read again, stories and variants keep their ids from run to run,
    /// and each story says whether it is new, updated or unchanged.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,

    /// Print only the stories that are new or updated since the last run.
    #[arg(long, requires = "state")]
    pub changes: bool,

    /// Re-read and re-analyse every file, accepting parameters that differ
    /// from the state's (ids are carried over).
    #[arg(long, requires = "state")]
    pub rebuild: bool,

    /// Seconds to wait for another run on the same state before giving up
    /// (exit code 1) [default: 5].
    #[arg(long, requires = "state", value_name = "SECONDS", value_parser = non_negative_seconds)]
    pub lock_timeout: Option<f64>,

    /// Group every story again (a full grouping) when the documents added,
    /// changed or removed since the last full grouping exceed this share of
    /// the corpus it grouped; below it, only the stories the changes touch
    /// are clustered again (0: always full).
    #[arg(long, requires = "state", value_name = "SHARE", value_parser = non_negative_share,
          default_value_t = newsdedup::REGROUP_SHARE)]
    pub regroup_share: f64,
}

#[derive(Debug, Clone, Args)]
pub struct StateArgs {
    /// The state file (an optional `info` before it is accepted).
    #[arg(value_name = "FILE", num_args = 1..=2, required = true)]
    pub args: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

impl StateArgs {
    /// The state file: `FILE` or `info FILE`.
    pub fn file(&self) -> Result<&PathBuf, newsdedup::Error> {
        match self.args.as_slice() {
            [file] => Ok(file),
            [info, file] if info.as_os_str() == "info" => Ok(file),
            [other, _] => Err(newsdedup::Error::InvalidParameter(format!(
                "unknown state command '{}' (expected `state FILE` or `state info FILE`)",
                other.display()
            ))),
            _ => Err(newsdedup::Error::InvalidParameter(
                "give the state FILE".into(),
            )),
        }
    }
}

fn non_negative_share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("'{s}' is not a share ≥ 0")),
    }
}

fn non_negative_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("'{s}' is not a number of seconds (0 or more)")),
    }
}

#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    /// Gold labels: {"docs": {"<file name>": {"story": "<id>", "variant": "<id>"|null, "lang": "<code>"}}}.
    #[arg(long, value_name = "GOLD.json")]
    pub gold: PathBuf,

    /// Files or directories to cluster (documents are matched to gold by file name;
    /// `-` reads a list of paths from standard input).
    #[arg(required_unless_present = "files_from", value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,

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
    /// Files to clean (with --corpus: none; `-` reads a list of paths from standard input).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,

    /// Clean a whole folder, with the corpus-level furniture pass.
    #[arg(long, value_name = "DIR", requires = "out", conflicts_with = "files")]
    pub corpus: Option<PathBuf>,

    /// Where --corpus writes one cleaned file per input (same relative names).
    /// Must not overlap the --corpus folder.
    #[arg(
        long,
        value_name = "DIR",
        requires = "corpus",
        conflicts_with = "files"
    )]
    pub out: Option<PathBuf>,

    /// `text` prints the cleaned text; `json` adds title, language and removed lines
    /// (FILE mode only: --corpus writes text files).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text, conflicts_with = "corpus")]
    pub format: ReportFormat,

    #[command(flatten)]
    pub walk: WalkArgs,
}

/// The command line definition, with the rules that derive cannot express on
/// shared (flattened) options: `explain` only walks with `--corpus`, so the
/// walking options need it there.
pub fn command() -> clap::Command {
    Cli::command().mut_subcommand("explain", |c| {
        ["ext", "follow", "hidden"]
            .into_iter()
            .fold(c, |c, id| c.mut_arg(id, |a| a.requires("corpus")))
            // Two files are never "empty": refused in `app::explain`.
            .mut_arg("fail_if_empty", |a| a.hide(true))
    })
}

impl WalkArgs {
    /// Warnings (skipped files) go to stderr: at most one `-q`.
    pub fn warnings(&self) -> bool {
        self.quiet < 2
    }

    /// The summary line and the progress bar: no `-q`.
    pub fn summary(&self) -> bool {
        self.quiet == 0
    }
}

fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{s}' is not a whole number")),
    }
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
    pub fn config(&self, inputs: &newsdedup::io::Inputs, walk: &WalkArgs) -> Config {
        let mut config = Config {
            paths: inputs.paths.clone(),
            ..Config::default()
        };
        walk.apply(&mut config);
        config.walk.listed = inputs.listed.clone();
        config.shingle.size = self.shingle_size as usize;
        config.minhash.num_perm = self.num_perm as usize;
        config.minhash.seed = self.seed;
        config.lsh.threshold = self.threshold;
        config.story.threshold = self.story_threshold;
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::FromArgMatches;

    /// The flags take their defaults from the library's `Default` impls, so a
    /// command line without options is exactly `Config::default()`.
    #[test]
    fn defaults_come_from_the_library_config() {
        let matches = command()
            .try_get_matches_from(["newsdedup", "cluster", "corpus"])
            .expect("parses");
        let Command::Cluster(args) = Cli::from_arg_matches(&matches).expect("cli").command else {
            panic!("not the cluster command");
        };
        let paths = [PathBuf::from("corpus")];
        let inputs = newsdedup::io::Inputs {
            paths: paths.to_vec(),
            listed: Default::default(),
        };
        let config = args.params.config(&inputs, &args.walk);
        let expected = Config {
            paths: paths.to_vec(),
            ..Config::default()
        };
        assert_eq!(
            serde_json::to_value(&config).unwrap(),
            serde_json::to_value(&expected).unwrap()
        );
        let help = command()
            .find_subcommand_mut("cluster")
            .expect("cluster")
            .render_long_help()
            .to_string();
        let shown = format!("[default: {}]", StoryConfig::default().threshold);
        assert!(help.contains(&shown), "{help}");
    }
}
