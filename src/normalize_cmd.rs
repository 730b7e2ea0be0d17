//! The `normalize` command: show what the cleaner keeps, for single files or
//! for a whole corpus written to a folder (with the corpus furniture pass).

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::analyze::clean_file;
use crate::config::Config;
use crate::error::Error;
use crate::normalize::{Cleaned, Removed};
use crate::output;
use crate::pathenc::{self, RawPath};
use crate::pipeline::corpus_furniture;
use crate::progress::Progress;
use crate::walk::{self, SkipReason, Skipped, Source};

/// One file's cleaning result.
pub struct CleanedFile {
    pub path: String,
    /// The exact bytes of `path` when it is not UTF-8.
    pub path_bytes: Option<RawPath>,
    pub(crate) result: Result<Cleaned, SkipReason>,
}

impl CleanedFile {
    /// Why the file was skipped, or `None` when it was cleaned.
    pub fn skip_reason(&self) -> Option<String> {
        self.result.as_ref().err().map(ToString::to_string)
    }

    /// The cleaned files as text: each file's kept lines (with a `==> path <==`
    /// header when there are several).
    pub fn render_text(files: &[CleanedFile]) -> Vec<u8> {
        render_text(files)
    }

    /// The cleaned files as JSON: title, language, kept text and removed lines.
    pub fn render_json(files: &[CleanedFile]) -> Result<Vec<u8>, Error> {
        render_json(files)
    }
}

/// Clean the given files (furniture is computed across them).
pub fn clean_files(config: &Config) -> Result<Vec<CleanedFile>, Error> {
    let listing = walk::list(&config.paths, &config.walk)?;
    let furniture = corpus_furniture(&listing.sources, config, &crate::progress::Silent);
    Ok(listing
        .sources
        .par_iter()
        .map(|s| {
            let (path, path_bytes) = pathenc::split(&s.path);
            CleanedFile {
                path,
                path_bytes,
                result: clean_file(s, config, &furniture).map(|(c, _)| c),
            }
        })
        .collect())
}

fn render_text(docs: &[CleanedFile]) -> Vec<u8> {
    let mut out = String::new();
    let many = docs.len() > 1;
    for d in docs {
        if let Ok(c) = &d.result {
            if many {
                let path = pathenc::escape(&d.path, d.path_bytes.as_ref());
                out.push_str(&format!("==> {path} <==\n"));
            }
            out.push_str(&c.text());
            out.push('\n');
            if many {
                out.push('\n');
            }
        }
    }
    out.into_bytes()
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<&'a RawPath>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang_confidence: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    words: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    removed: Option<&'a [Removed]>,
}

fn render_json(docs: &[CleanedFile]) -> Result<Vec<u8>, Error> {
    let items: Vec<JsonDoc> = docs
        .iter()
        .map(|d| match &d.result {
            Ok(c) => {
                let text = c.text();
                let tag = &c.lang;
                JsonDoc {
                    path: &d.path,
                    path_bytes: d.path_bytes.as_ref(),
                    skipped: None,
                    title: Some(&c.title),
                    lang: Some(tag.code),
                    lang_confidence: Some(output::round4(tag.confidence)),
                    words: Some(c.words),
                    text: Some(text),
                    removed: Some(&c.removed),
                }
            }
            Err(reason) => JsonDoc {
                path: &d.path,
                path_bytes: d.path_bytes.as_ref(),
                skipped: Some(reason.to_string()),
                title: None,
                lang: None,
                lang_confidence: None,
                words: None,
                text: None,
                removed: None,
            },
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&serde_json::json!({ "documents": items }))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// What `clean_corpus` did.
pub struct CorpusSummary {
    pub written: usize,
    pub skipped: Vec<Skipped>,
    pub furniture_lines: usize,
}

/// The name of an input's cleaned file, from its path relative to the
/// corpus: a `.txt` input keeps its name, any other gets `.txt` appended
/// (`a.html` → `a.html.txt`), so inputs that differ only in their extension
/// never share an output file.
pub fn output_name(rel: &Path) -> PathBuf {
    match rel.extension() {
        Some(e) if e == "txt" => rel.to_path_buf(),
        _ => {
            let mut name = rel.as_os_str().to_owned();
            name.push(".txt");
            PathBuf::from(name)
        }
    }
}

/// Every input's output name (relative to `--out`), or an error naming two
/// inputs that would write the same file (checked before anything is written).
fn output_names(sources: &[Source], root: &Path) -> Result<Vec<PathBuf>, Error> {
    let names: Vec<PathBuf> = sources
        .iter()
        .map(|s| {
            let rel = s.path.strip_prefix(root).unwrap_or(&s.path);
            let rel = if rel.as_os_str().is_empty() {
                // The corpus is a single file.
                Path::new(s.path.file_name().unwrap_or(s.path.as_os_str()))
            } else {
                rel
            };
            output_name(rel)
        })
        .collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| names[a].cmp(&names[b]).then(a.cmp(&b)));
    for pair in order.windows(2) {
        if names[pair[0]] == names[pair[1]] {
            return Err(Error::InvalidParameter(format!(
                "'{}' and '{}' would both be written to '{}'; nothing was written",
                sources[pair[0]].display(),
                sources[pair[1]].display(),
                names[pair[0]].display()
            )));
        }
    }
    Ok(names)
}

/// Clean every file below `root` into `out`, same relative names (see
/// [`output_name`]).
pub fn clean_corpus(
    config: &Config,
    root: &Path,
    out: &Path,
    progress: &dyn Progress,
) -> Result<CorpusSummary, Error> {
    let listing = walk::list(&config.paths, &config.walk)?;
    let names = output_names(&listing.sources, root)?;
    let furniture = corpus_furniture(&listing.sources, config, progress);
    progress.start("clean", listing.sources.len() as u64);
    let results: Vec<Result<(), Skipped>> = listing
        .sources
        .par_iter()
        .zip(&names)
        .map(|(s, rel)| {
            let r = match clean_file(s, config, &furniture) {
                Ok((cleaned, _)) => {
                    let mut text = cleaned.text();
                    text.push('\n');
                    output::write_tree(out, rel, text.as_bytes()).map_err(|e| {
                        Skipped::new(
                            &s.path,
                            SkipReason::Unreadable {
                                error: format!("cannot write output: {e}"),
                            },
                        )
                    })
                }
                Err(reason) => Err(Skipped::new(&s.path, reason)),
            };
            progress.inc();
            r
        })
        .collect();
    progress.finish();
    let mut summary = CorpusSummary {
        written: 0,
        skipped: listing.skipped,
        furniture_lines: furniture.len(),
    };
    for r in results {
        match r {
            Ok(()) => summary.written += 1,
            Err(s) => summary.skipped.push(s),
        }
    }
    Ok(summary)
}
