//! Runs a parsed command: builds the config, picks the progress display,
//! calls the library, writes the result, and prints the stderr summary.

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdedup::io::{self as nio, display_path};
use newsdedup::{Bar, CleanedFile, Config, Error, Format, Progress, Report, Silent, StateOptions};

use crate::cli::{
    Cli, ClusterArgs, Command, CompletionsArgs, EvalArgs, ExplainArgs, ManArgs, NormalizeArgs,
    OutputFormat, ReportFormat, StateArgs, WalkArgs,
};

/// `--lock-timeout` when not given.
const DEFAULT_LOCK_TIMEOUT: f64 = 5.0;

/// Exit code of a run that found no document, with `--fail-if-empty`.
pub const EXIT_EMPTY: u8 = 3;

/// A run found no document and `--fail-if-empty` was given (exit code 3).
#[derive(Debug)]
struct NoDocuments(String);

impl std::fmt::Display for NoDocuments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no documents: {} (--fail-if-empty)", self.0)
    }
}

impl std::error::Error for NoDocuments {}

/// Exit codes: 0 success, 1 runtime failure, 2 usage error (bad path or
/// parameter), 3 no documents with `--fail-if-empty`.
pub fn exit_code(err: &anyhow::Error) -> std::process::ExitCode {
    if err.chain().any(|e| e.is::<NoDocuments>()) {
        return std::process::ExitCode::from(EXIT_EMPTY);
    }
    let usage = err.chain().any(|e| {
        matches!(
            e.downcast_ref::<Error>(),
            Some(
                Error::MissingPath { .. }
                    | Error::InvalidParameter(_)
                    | Error::Gold { .. }
                    | Error::State { .. }
            )
        )
    });
    std::process::ExitCode::from(if usage { 2 } else { 1 })
}

/// The error's message with its causes, each cause once: a cause whose text
/// is already part of the message (an error that displays its source) is not
/// repeated.
pub fn message(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// `count` and `noun`, with an `s` unless `count` is 1 ("1 story", "2 stories").
fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Fails with [`NoDocuments`] when `documents` is 0 and `--fail-if-empty` is on.
fn check_empty(walk: &WalkArgs, documents: usize, what: impl FnOnce() -> String) -> Result<()> {
    if walk.fail_if_empty && documents == 0 {
        return Err(NoDocuments(what()).into());
    }
    Ok(())
}

/// Why a run has no document: nothing found, or everything skipped.
fn empty_reason(skipped: usize, extensions: &[String]) -> String {
    if skipped == 0 {
        format!(
            "no input files found (extensions: {})",
            extensions.join(",")
        )
    } else {
        format!("{} skipped, none left", count(skipped, "file", "files"))
    }
}

/// Adds phase timings on stderr to another progress display.
struct Verbose {
    inner: Box<dyn Progress>,
}

impl Progress for Verbose {
    fn start(&self, phase: &str, total: u64) {
        self.inner.start(phase, total);
    }
    fn inc(&self) {
        self.inner.inc();
    }
    fn finish(&self) {
        self.inner.finish();
    }
    fn phase(&self, name: &str, seconds: f64) {
        eprintln!("newsdedup: {name:<16} {seconds:>8.3}s");
    }
}

pub fn run(cli: Cli) -> Result<std::process::ExitCode> {
    match cli.command {
        Command::Cluster(args) => cluster(&args),
        Command::Normalize(args) => normalize(&args),
        Command::Eval(args) => eval(&args),
        Command::Explain(args) => explain(&args),
        Command::State(args) => state(&args),
        Command::Completions(args) => completions(&args),
        Command::Man(args) => man(&args),
    }
    .map(|()| std::process::ExitCode::SUCCESS)
}

fn setup(walk: &WalkArgs) -> Result<Box<dyn Progress>> {
    if let Some(jobs) = walk.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .context("cannot start the thread pool")?;
    }
    let show = walk.summary() && std::io::stderr().is_terminal();
    let inner: Box<dyn Progress> = if show {
        Box::new(Bar::stderr())
    } else {
        Box::new(Silent)
    };
    Ok(if walk.verbose {
        Box::new(Verbose { inner })
    } else {
        inner
    })
}

fn format_of(f: OutputFormat) -> Format {
    match f {
        OutputFormat::Json => Format::Json,
        OutputFormat::Jsonl => Format::Jsonl,
        OutputFormat::Text => Format::Text,
    }
}

fn emit(bytes: &[u8], path: Option<&std::path::Path>) -> Result<()> {
    match path {
        Some(p) if !nio::is_stdio(p) => nio::write_atomic(p, bytes).map_err(Into::into),
        _ => nio::write_stream(&mut std::io::stdout().lock(), bytes).map_err(Into::into),
    }
}

fn cluster(args: &ClusterArgs) -> Result<()> {
    let progress = setup(&args.walk)?;
    let started = Instant::now();
    let inputs = args.input.paths(&args.paths)?;
    if let Some(out) = args.output.as_deref().filter(|o| !nio::is_stdio(o)) {
        nio::check_output_file(out, &inputs.paths)?;
    }
    if let Some(state) = &args.state.state {
        // The state (and its -wal, -shm, .lock companions) must not become input.
        nio::check_output_file(state, &inputs.paths)?;
    }
    let config = args.params.config(&inputs, &args.walk);
    let Some(path) = &args.state.state else {
        let report = newsdedup::cluster(&config, progress.as_ref())?;
        check_report(args, &config, &report)?;
        emit(
            &report.render(format_of(args.format))?,
            args.output.as_deref(),
        )?;
        print_summary(args, &report, started);
        return Ok(());
    };
    let opts = StateOptions {
        path: path.clone(),
        rebuild: args.state.rebuild,
        regroup_share: args.state.regroup_share,
        lock_timeout: std::time::Duration::from_secs_f64(
            args.state.lock_timeout.unwrap_or(DEFAULT_LOCK_TIMEOUT),
        ),
    };
    let mut run = newsdedup::cluster_with_state(&config, &opts, progress.as_ref())?;
    if let (true, Some(v)) = (args.walk.warnings(), run.upgraded_from()) {
        eprintln!(
            "newsdedup: the state holds analyses of an older newsdedup (analysis version {v}, \
             now {}): every file was analysed again",
            newsdedup::ANALYSIS_VERSION
        );
    }
    check_report(args, &config, run.report())?;
    let summary = run.report().summary.run.clone();
    if args.state.changes {
        run.only_changes();
    }
    let bytes = run.report().render(format_of(args.format))?;
    emit(&bytes, args.output.as_deref())?;
    // The result first, the state after: a crash in between repeats this
    // run's changes next time instead of losing them.
    let report = run.commit()?;
    if let (true, Some(r)) = (args.walk.summary(), &summary) {
        eprintln!(
            "newsdedup: run {}: {} new, {} changed, {} reused, {} removed, {} re-analysed; \
             {} new, {} updated stories; {} grouping ({} documents regrouped)",
            r.run,
            r.new,
            r.changed,
            r.reused,
            r.removed,
            r.reanalysed,
            r.stories_new,
            r.stories_updated,
            r.grouping,
            r.regrouped
        );
    }
    print_summary(args, &report, started);
    Ok(())
}

/// Warnings about skipped files; `--fail-if-empty`.
fn check_report(args: &ClusterArgs, config: &Config, report: &Report) -> Result<()> {
    if args.walk.warnings() {
        for s in &report.skipped {
            let path = display_path(&s.path, s.path_bytes.as_ref());
            eprintln!("newsdedup: skipped {path}: {}", s.reason);
        }
    }
    check_empty(&args.walk, report.summary.documents, || {
        empty_reason(report.skipped.len(), &config.walk.extensions)
    })?;
    if args.walk.warnings() && report.summary.documents == 0 {
        eprintln!(
            "newsdedup: warning: no documents to cluster (extensions: {})",
            config.walk.extensions.join(",")
        );
    }
    Ok(())
}

fn print_summary(args: &ClusterArgs, report: &Report, started: Instant) {
    if args.walk.summary() {
        let s = &report.summary;
        eprintln!(
            "newsdedup: {}, {}, {}, {} in {:.2}s",
            count(s.documents, "document", "documents"),
            count(s.stories, "story", "stories"),
            count(s.variants, "variant", "variants"),
            count(s.skipped, "skipped", "skipped"),
            started.elapsed().as_secs_f64()
        );
    }
}

/// `value` as pretty-printed JSON with a final newline.
fn pretty_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut b = serde_json::to_vec_pretty(value)?;
    b.push(b'\n');
    Ok(b)
}

fn state(args: &StateArgs) -> Result<()> {
    let info = newsdedup::state_info(args.file()?)?;
    let bytes = match args.format {
        ReportFormat::Text => info.to_text().into_bytes(),
        ReportFormat::Json => pretty_json(&info)?,
    };
    emit(&bytes, None)
}

fn normalize(args: &NormalizeArgs) -> Result<()> {
    let progress = setup(&args.walk)?;
    let clock = Instant::now();
    let result = normalize_run(args, progress.as_ref());
    // `-v`: one phase, the whole cleaning.
    progress.phase("normalize", clock.elapsed().as_secs_f64());
    result
}

fn normalize_run(args: &NormalizeArgs, progress: &dyn Progress) -> Result<()> {
    let mut config = newsdedup::Config::default();
    args.walk.apply(&mut config);
    if let (Some(corpus), Some(out)) = (&args.corpus, &args.out) {
        config.paths = vec![corpus.clone()];
        nio::check_output_dir(out, &config.paths)?;
        let summary = newsdedup::clean_corpus(&config, corpus, out, progress)?;
        if args.walk.warnings() {
            for s in &summary.skipped {
                let path = display_path(&s.path, s.path_bytes.as_ref());
                eprintln!("newsdedup: skipped {path}: {}", s.reason);
            }
        }
        if args.walk.summary() {
            eprintln!(
                "newsdedup: cleaned {} into '{}', {} skipped, {}",
                count(summary.written, "file", "files"),
                out.display(),
                summary.skipped.len(),
                count(summary.furniture_lines, "furniture line", "furniture lines")
            );
        }
        check_empty(&args.walk, summary.written, || {
            empty_reason(summary.skipped.len(), &config.walk.extensions)
        })?;
        return Ok(());
    }
    let inputs = args.input.paths(&args.files)?;
    config.paths = inputs.paths;
    config.walk.listed = inputs.listed;
    if config.paths.is_empty() {
        anyhow::bail!(Error::InvalidParameter(
            "give FILE arguments, or --corpus DIR --out DIR".into()
        ));
    }
    let docs = newsdedup::clean(&config)?;
    let bytes = match args.format {
        ReportFormat::Text => CleanedFile::render_text(&docs),
        ReportFormat::Json => CleanedFile::render_json(&docs)?,
    };
    for d in &docs {
        if let (Some(reason), true) = (d.skip_reason(), args.walk.warnings()) {
            eprintln!("newsdedup: skipped {}: {}", d.path, reason);
        }
    }
    let cleaned = docs.iter().filter(|d| d.skip_reason().is_none()).count();
    check_empty(&args.walk, cleaned, || {
        empty_reason(docs.len(), &config.walk.extensions)
    })?;
    emit(&bytes, None)
}

fn eval(args: &EvalArgs) -> Result<()> {
    let progress = setup(&args.walk)?;
    let gold = newsdedup::read_gold(&args.gold)?;
    let inputs = args.input.paths(&args.paths)?;
    let config = args.params.config(&inputs, &args.walk);
    let report = newsdedup::cluster(&config, progress.as_ref())?;
    if args.walk.warnings() {
        for s in &report.skipped {
            eprintln!("newsdedup: skipped {}: {}", s.path, s.reason);
        }
    }
    check_empty(&args.walk, report.summary.documents, || {
        empty_reason(report.skipped.len(), &config.walk.extensions)
    })?;
    let scores = newsdedup::evaluate(&gold, &report);
    if scores.docs_scored == 0 {
        // Nothing to compare: every score would be a meaningless 1.0 or 0.
        anyhow::bail!(Error::Gold {
            path: args.gold.clone(),
            message: format!(
                "{} a clustered document ({} clustered; \
                 documents are matched by file name)",
                if scores.docs_gold == 1 {
                    "its one document does not match".to_string()
                } else {
                    format!("none of its {} documents matches", scores.docs_gold)
                },
                report.summary.documents
            ),
        });
    }
    let bytes = match args.format {
        ReportFormat::Text => scores.to_text().into_bytes(),
        ReportFormat::Json => pretty_json(&serde_json::json!({
            "version": env!("CARGO_PKG_VERSION"),
            "parameters": report.parameters,
            "scores": scores,
        }))?,
    };
    emit(&bytes, None)
}

fn explain(args: &ExplainArgs) -> Result<()> {
    if args.walk.fail_if_empty {
        anyhow::bail!(Error::InvalidParameter(
            "--fail-if-empty does not apply to explain (it always reads two files)".into()
        ));
    }
    let progress = setup(&args.walk)?;
    let config = args.params.config(&Default::default(), &args.walk);
    let e = newsdedup::explain(
        &config,
        &args.a,
        &args.b,
        args.corpus.as_deref(),
        progress.as_ref(),
    )?;
    let bytes = match args.format {
        ReportFormat::Text => e.to_text().into_bytes(),
        ReportFormat::Json => pretty_json(&e)?,
    };
    emit(&bytes, None)
}

fn completions(args: &CompletionsArgs) -> Result<()> {
    let mut bytes = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut crate::cli::command(),
        "newsdedup",
        &mut bytes,
    );
    emit(&bytes, None)
}

fn man(args: &ManArgs) -> Result<()> {
    let command = crate::cli::command();
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create '{}'", dir.display()))?;
            clap_mangen::generate_to(command, dir)
                .with_context(|| format!("cannot write manual pages into '{}'", dir.display()))
        }
        None => {
            let mut bytes = Vec::new();
            clap_mangen::Man::new(command).render(&mut bytes)?;
            emit(&bytes, None)
        }
    }
}
