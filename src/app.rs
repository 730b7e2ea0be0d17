//! Runs a parsed command: builds the config, picks the progress display,
//! calls the library, writes the result, and prints the stderr summary.

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdedup::output::{self, Format};
use newsdedup::progress::{Bar, Progress, Silent};
use newsdedup::{Error, metrics, normalize_cmd, pipeline};

use crate::cli::{
    Cli, ClusterArgs, Command, EvalArgs, ExplainArgs, NormalizeArgs, OutputFormat, ReportFormat,
    WalkArgs,
};

/// Exit codes: 0 success, 1 runtime failure, 2 usage error (bad path or parameter).
pub fn exit_code(err: &anyhow::Error) -> std::process::ExitCode {
    let usage = err.chain().any(|e| {
        matches!(
            e.downcast_ref::<Error>(),
            Some(Error::MissingPath { .. } | Error::InvalidParameter(_) | Error::Gold { .. })
        )
    });
    std::process::ExitCode::from(if usage { 2 } else { 1 })
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
    let show = !walk.quiet && std::io::stderr().is_terminal();
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
        Some(p) if !newsdedup::inputs::is_stdio(p) => {
            output::write_atomic(p, bytes).map_err(Into::into)
        }
        _ => output::write_stream(&mut std::io::stdout().lock(), bytes).map_err(Into::into),
    }
}

fn cluster(args: &ClusterArgs) -> Result<()> {
    let progress = setup(&args.walk)?;
    let started = Instant::now();
    let paths = args.input.paths(&args.paths)?;
    if let Some(out) = args
        .output
        .as_deref()
        .filter(|o| !newsdedup::inputs::is_stdio(o))
    {
        newsdedup::inputs::check_output_file(out, &paths)?;
    }
    let config = args.params.config(&paths, &args.walk);
    let report = pipeline::cluster(&config, progress.as_ref())?;
    if !args.walk.quiet {
        for s in &report.skipped {
            let path = newsdedup::pathenc::escape(&s.path, s.path_bytes.as_ref());
            eprintln!("newsdedup: skipped {path}: {}", s.reason);
        }
        if report.summary.documents == 0 {
            eprintln!(
                "newsdedup: no documents to cluster (extensions: {})",
                config.walk.extensions.join(",")
            );
        }
    }
    let bytes = output::render(&report, format_of(args.format))?;
    emit(&bytes, args.output.as_deref())?;
    if !args.walk.quiet {
        let s = &report.summary;
        eprintln!(
            "newsdedup: {} documents, {} stories, {} variants, {} skipped in {:.2}s",
            s.documents,
            s.stories,
            s.variants,
            s.skipped,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

fn normalize(args: &NormalizeArgs) -> Result<()> {
    let progress = setup(&args.walk)?;
    let mut config = newsdedup::Config::default();
    args.walk.apply(&mut config);
    if let (Some(corpus), Some(out)) = (&args.corpus, &args.out) {
        config.paths = vec![corpus.clone()];
        newsdedup::inputs::check_output_dir(out, &config.paths)?;
        let summary = normalize_cmd::clean_corpus(&config, corpus, out, progress.as_ref())?;
        if !args.walk.quiet {
            for s in &summary.skipped {
                let path = newsdedup::pathenc::escape(&s.path, s.path_bytes.as_ref());
                eprintln!("newsdedup: skipped {path}: {}", s.reason);
            }
            eprintln!(
                "newsdedup: cleaned {} files into '{}', {} skipped, {} furniture lines",
                summary.written,
                out.display(),
                summary.skipped.len(),
                summary.furniture_lines
            );
        }
        return Ok(());
    }
    config.paths = args.input.paths(&args.files)?;
    if config.paths.is_empty() {
        anyhow::bail!(Error::InvalidParameter(
            "give FILE arguments, or --corpus DIR --out DIR".into()
        ));
    }
    let docs = normalize_cmd::clean_files(&config)?;
    let bytes = match args.format {
        ReportFormat::Text => normalize_cmd::render_text(&docs),
        ReportFormat::Json => normalize_cmd::render_json(&docs)?,
    };
    for d in &docs {
        if let (Err(reason), false) = (&d.result, args.walk.quiet) {
            eprintln!("newsdedup: skipped {}: {}", d.path, reason);
        }
    }
    emit(&bytes, None)
}

fn eval(args: &EvalArgs) -> Result<()> {
    let progress = setup(&args.walk)?;
    let gold_text = std::fs::read_to_string(&args.gold).map_err(|e| Error::Gold {
        path: args.gold.clone(),
        message: e.to_string(),
    })?;
    let gold = metrics::parse_gold(&gold_text).map_err(|message| Error::Gold {
        path: args.gold.clone(),
        message,
    })?;
    let paths = args.input.paths(&args.paths)?;
    let config = args.params.config(&paths, &args.walk);
    let report = pipeline::cluster(&config, progress.as_ref())?;
    let mut predicted = Vec::new();
    for (si, story) in report.stories.iter().enumerate() {
        for (vi, variant) in story.variants.iter().enumerate() {
            for d in &variant.documents {
                predicted.push(metrics::Predicted {
                    path: d.path.clone(),
                    story: si,
                    variant: predicted_variant_id(si, vi),
                    lang: d.lang.clone(),
                });
            }
        }
    }
    let scores = metrics::score(&gold, &predicted);
    let bytes = match args.format {
        ReportFormat::Text => metrics::render_text(&scores).into_bytes(),
        ReportFormat::Json => {
            let mut b = serde_json::to_vec_pretty(&serde_json::json!({
                "version": env!("CARGO_PKG_VERSION"),
                "parameters": report.parameters,
                "scores": scores,
            }))?;
            b.push(b'\n');
            b
        }
    };
    emit(&bytes, None)
}

/// Variants are numbered across stories so that no two stories share one.
fn predicted_variant_id(story: usize, variant: usize) -> usize {
    (story << 20) | variant
}

fn explain(args: &ExplainArgs) -> Result<()> {
    let progress = setup(&args.walk)?;
    let config = args.params.config(&[], &args.walk);
    let e = newsdedup::explain::explain(
        &config,
        &args.a,
        &args.b,
        args.corpus.as_deref(),
        progress.as_ref(),
    )?;
    let bytes = match args.format {
        ReportFormat::Text => newsdedup::explain::render_text(&e).into_bytes(),
        ReportFormat::Json => {
            let mut b = serde_json::to_vec_pretty(&e)?;
            b.push(b'\n');
            b
        }
    };
    emit(&bytes, None)
}
