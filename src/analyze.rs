//! Per-document analysis: one file in, one [`DocRecord`] out (or the reason it
//! was skipped). Read and decode ([`walk::read`]), extract HTML pages
//! ([`article_text`]), clean with the corpus furniture ([`clean_file`]), then
//! language, one tokenization feeding the shingles (→ MinHash signature) and
//! the story's content words, and the story features. Nothing here looks at
//! another document: [`crate::pipeline`] runs it in parallel.

use xxhash_rust::xxh3::xxh3_64;

use crate::config::Config;
use crate::html;
use crate::lang::{self, LangTag};
use crate::minhash::{MinHasher, Signature};
use crate::normalize::{self, Cleaned, Furniture};
use crate::shingle;
use crate::story::{self, StoryDoc, StoryFeatures};
use crate::tokenize::for_each_token;
use crate::walk::{self, Encoding, SkipReason, Source};

/// What is kept of one document after the per-document stages.
#[derive(Debug, Clone)]
pub struct DocRecord {
    pub path: String,
    /// The exact bytes of `path` when it is not UTF-8 (see [`crate::pathenc`]).
    pub path_bytes: Option<crate::pathenc::RawPath>,
    pub lang: LangTag,
    pub title: String,
    pub words: usize,
    pub encoding: Encoding,
    /// Hash of the cleaned text: the basis of content-derived ids.
    pub content_hash: u64,
    pub signature: Signature,
    pub features: StoryFeatures,
}

/// Extensions whose files are always treated as HTML.
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

/// The text of a file for the cleaner, and whether it was extracted from HTML:
/// HTML pages (by extension, or sniffed in any file) go through article
/// extraction first, the title on the first line.
pub fn article_text(source: &Source, raw: walk::RawDoc) -> Result<(String, bool), SkipReason> {
    let by_extension = source
        .path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| HTML_EXTENSIONS.iter().any(|h| h.eq_ignore_ascii_case(e)));
    if !by_extension && !html::looks_like_html(&raw.text) {
        return Ok((raw.text, false));
    }
    let extracted = html::extract(&raw.text).map_err(|e| SkipReason::NoArticle {
        error: e.to_string(),
    })?;
    let text = match extracted.title {
        Some(title) if !extracted.text.starts_with(title.trim()) => {
            format!("{}\n\n{}", title.trim(), extracted.text)
        }
        _ => extracted.text,
    };
    Ok((text, true))
}

/// A file read, decoded and (HTML) extracted: the article text for the cleaner.
pub(crate) struct Scanned {
    pub(crate) text: String,
    extracted: bool,
    encoding: Encoding,
}

pub(crate) fn scan_file(source: &Source, config: &Config) -> Result<Scanned, SkipReason> {
    let raw = walk::read(source, &config.walk)?;
    let encoding = raw.encoding;
    let (text, extracted) = article_text(source, raw)?;
    Ok(Scanned {
        text,
        extracted,
        encoding,
    })
}

pub(crate) fn finish_scanned(
    s: Scanned,
    config: &Config,
    furniture: &Furniture,
) -> Result<(Cleaned, Encoding), SkipReason> {
    let prepared = normalize::prepare(&s.text);
    drop(s.text);
    let cleaned = if s.extracted {
        normalize::finish_extracted(prepared, Some(furniture))
    } else {
        normalize::finish(prepared, Some(furniture))
    };
    if cleaned.words < config.normalize.min_words {
        return Err(SkipReason::TooShort {
            words: cleaned.words,
        });
    }
    Ok((cleaned, s.encoding))
}

/// Read and clean one file (the furniture is the corpus's).
pub fn clean_file(
    source: &Source,
    config: &Config,
    furniture: &Furniture,
) -> Result<(Cleaned, Encoding), SkipReason> {
    finish_scanned(scan_file(source, config)?, config, furniture)
}

/// The per-document stages for one file.
pub(crate) fn process(
    source: &Source,
    scanned: Option<Result<Scanned, SkipReason>>,
    config: &Config,
    furniture: &Furniture,
    hasher: &MinHasher,
) -> Result<DocRecord, SkipReason> {
    let (cleaned, encoding) = match scanned {
        Some(s) => finish_scanned(s?, config, furniture)?,
        None => clean_file(source, config, furniture)?,
    };
    let text = cleaned.text();
    let lang = lang::detect(&text);
    // One tokenization feeds both the shingles and the story's content words.
    let mut tokens = Vec::new();
    let mut words = story::features::WordSampler::new(lang.code);
    let mut buf = String::new();
    for_each_token(&text, &mut buf, |t| {
        let h = shingle::token_hash(t);
        tokens.push(h);
        words.push(t, h);
    });
    let signature = hasher.signature(&shingle::shingles_of_tokens(&tokens, config.shingle.size));
    drop(tokens);
    let features = story::features::extract_with_words(&text, words);
    let (path, path_bytes) = crate::pathenc::split(&source.path);
    Ok(DocRecord {
        path,
        path_bytes,
        lang,
        title: cleaned.title,
        words: cleaned.words,
        encoding,
        content_hash: xxh3_64(text.as_bytes()),
        signature,
        features,
    })
}

/// The story stage's view of the documents (copies of their features).
pub fn story_docs(docs: &[DocRecord]) -> Vec<StoryDoc> {
    docs.iter()
        .map(|d| StoryDoc {
            features: d.features.clone(),
            lang: d.lang.code,
        })
        .collect()
}

/// [`story_docs`], moving the features out of the records instead of copying
/// them (the records keep what the report needs).
pub fn take_story_docs(docs: &mut [DocRecord]) -> Vec<StoryDoc> {
    docs.iter_mut()
        .map(|d| StoryDoc {
            features: std::mem::take(&mut d.features),
            lang: d.lang.code,
        })
        .collect()
}
