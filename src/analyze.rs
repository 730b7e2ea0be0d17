//! Per-document analysis: one file in, one [`DocRecord`] out (or the reason it
//! was skipped). Read and decode ([`walk::read`]), extract HTML pages
//! ([`article_text`]), clean with the corpus furniture ([`clean_file`]), then
//! language, one tokenization feeding the shingles (→ MinHash signature) and
//! the story's content words, and the story features. Nothing here looks at
//! another document: [`crate::pipeline`] runs it in parallel.

use xxhash_rust::xxh3::xxh3_64;

use crate::config::Config;
use crate::html;
use crate::lang::LangTag;
use crate::minhash::{MinHasher, Signature};
use crate::normalize::{self, Cleaned, Furniture};
use crate::shingle;
use crate::story::{self, StoryDoc, StoryFeatures};
use crate::tokenize::for_each_token;
use crate::walk::{self, Encoding, SkipReason, Source};

/// What is kept of one document after the per-document stages (one row of
/// [`Records`]).
#[derive(Debug, Clone)]
pub struct DocRecord {
    pub meta: DocMeta,
    pub signature: Signature,
    pub features: StoryFeatures,
}

/// The version of what the per-document analysis stores (cleaning, language,
/// signature, story features). Bump it with any change that makes a stored
/// analysis differ from a fresh one: a state built by another version has
/// every file re-analysed on its next run (see [`crate::incremental`]).
/// 2: skeleton anchors carry their own hash bit.
pub const ANALYSIS_VERSION: u32 = 2;

/// Extensions whose files are always treated as HTML.
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

/// Where an article's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A text file: the cleaner finds the article among its lines.
    Text,
    /// An HTML page whose article an extractor already cut out.
    Html,
}

/// One input file as the cleaner receives it: the title kept apart from the
/// body (an HTML page's declared title; none for a text file, whose title the
/// cleaner finds in its head).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: Option<String>,
    pub body: String,
    pub source_kind: SourceKind,
}

impl Article {
    /// The text the cleaner reads: the title on the first line (unless the
    /// body already starts with it), a blank line, then the body.
    pub fn into_text(self) -> String {
        match self.title {
            Some(title) if !self.body.starts_with(title.trim()) => {
                format!("{}\n\n{}", title.trim(), self.body)
            }
            _ => self.body,
        }
    }
}

/// A decoded file as an [`Article`]: HTML pages (by extension, or sniffed in
/// any file) go through article extraction; other text is the body as is.
pub fn article(source: &Source, raw: walk::RawDoc) -> Result<Article, SkipReason> {
    let by_extension = source
        .path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| HTML_EXTENSIONS.iter().any(|h| h.eq_ignore_ascii_case(e)));
    if !by_extension && !html::looks_like_html(&raw.text) {
        return Ok(Article {
            title: None,
            body: raw.text,
            source_kind: SourceKind::Text,
        });
    }
    let extracted = html::extract(&raw.text).map_err(|e| SkipReason::NoArticle {
        error: e.to_string(),
    })?;
    Ok(Article {
        title: extracted.title,
        body: extracted.text,
        source_kind: SourceKind::Html,
    })
}

/// A file read, decoded and (HTML) extracted: the article text for the cleaner.
pub(crate) struct Scanned {
    pub(crate) text: String,
    source_kind: SourceKind,
    encoding: Encoding,
}

pub(crate) fn scan_file(source: &Source, config: &Config) -> Result<Scanned, SkipReason> {
    scan_raw(source, walk::read(source, &config.walk)?)
}

/// A file's decoded text made ready for the cleaner (HTML extracted).
pub(crate) fn scan_raw(source: &Source, raw: walk::RawDoc) -> Result<Scanned, SkipReason> {
    let encoding = raw.encoding;
    let article = article(source, raw)?;
    Ok(Scanned {
        source_kind: article.source_kind,
        // Until the cleaner takes the title apart, it reads it as the first line.
        text: article.into_text(),
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
    let cleaned = match s.source_kind {
        SourceKind::Html => normalize::finish_extracted(prepared, Some(furniture)),
        SourceKind::Text => normalize::finish(prepared, Some(furniture)),
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
    let lang = cleaned.lang.clone();
    // One tokenization feeds both the shingles and the story's content words;
    // prose shared with unrelated documents is shingled but tells no story.
    let mut tokens = Vec::new();
    let mut words = story::features::WordSampler::new(lang.code);
    let mut buf = String::new();
    let shared = cleaned.shared.iter().chain(std::iter::repeat(&false));
    for (line, &shared) in cleaned.lines.iter().zip(shared) {
        for_each_token(line, &mut buf, |t| {
            let h = shingle::token_hash(t);
            tokens.push(h);
            if !shared {
                words.push(t, h);
            }
        });
    }
    let signature = hasher.signature(&shingle::shingles_of_tokens(&tokens, config.shingle.size));
    drop(tokens);
    let own_text;
    let own = if cleaned.shared.contains(&true) {
        own_text = cleaned.own_lines().collect::<Vec<&str>>().join("\n");
        &own_text
    } else {
        &text
    };
    let mut features = story::features::extract_with_words(own, words);
    if config.story.date_evidence {
        features.dates = story::dates::extract(&dateline_text(&cleaned), own, lang.code);
    }
    let (path, path_bytes) = crate::pathenc::split(&source.path);
    Ok(DocRecord {
        meta: DocMeta {
            path,
            path_bytes,
            lang,
            title: cleaned.title,
            words: cleaned.words,
            encoding,
            content_hash: xxh3_64(text.as_bytes()),
        },
        signature,
        features,
    })
}

/// The lines the cleaner removed as datelines, timestamps and bylines: they
/// date the document (the reference of its relative days, see
/// [`story::dates`]).
fn dateline_text(cleaned: &Cleaned) -> String {
    use crate::normalize::Reason;
    cleaned
        .removed
        .iter()
        .filter(|r| {
            matches!(
                r.reason,
                Reason::Dateline | Reason::Timestamp | Reason::Byline
            )
        })
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the report (and `explain`) needs of a document: the metadata column
/// of [`Records`].
#[derive(Debug, Clone)]
pub struct DocMeta {
    pub path: String,
    /// The exact bytes of `path` when it is not UTF-8 (see [`crate::pathenc`]).
    pub path_bytes: Option<crate::pathenc::RawPath>,
    pub lang: LangTag,
    pub title: String,
    pub words: usize,
    pub encoding: Encoding,
    /// Hash of the cleaned text: the basis of content-derived ids.
    pub content_hash: u64,
}

/// The analysis of a corpus as columns: document `i` is entry `i` of each.
/// The grouping reads the signatures (LSH, variants), then takes the
/// features (the story stage turns them into its model) and can drop the
/// signatures, each as a whole column; the report reads the metadata.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub meta: Vec<DocMeta>,
    pub signatures: Vec<Signature>,
    pub features: Vec<StoryFeatures>,
}

impl Records {
    pub fn with_capacity(n: usize) -> Records {
        Records {
            meta: Vec::with_capacity(n),
            signatures: Vec::with_capacity(n),
            features: Vec::with_capacity(n),
        }
    }

    /// Append one document's record as a row.
    pub fn push(&mut self, r: DocRecord) {
        self.meta.push(r.meta);
        self.signatures.push(r.signature);
        self.features.push(r.features);
    }

    pub fn len(&self) -> usize {
        self.meta.len()
    }

    /// The story stage's view of the documents (copies of their features).
    pub fn story_docs(&self) -> Vec<StoryDoc> {
        self.features
            .iter()
            .zip(&self.meta)
            .map(|(f, m)| StoryDoc {
                features: f.clone(),
                lang: m.lang.code,
            })
            .collect()
    }

    /// [`Records::story_docs`], taking the features column over instead of
    /// copying it (the metadata stay for the report).
    pub fn take_story_docs(&mut self) -> Vec<StoryDoc> {
        std::mem::take(&mut self.features)
            .into_iter()
            .zip(&self.meta)
            .map(|(features, m)| StoryDoc {
                features,
                lang: m.lang.code,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn raw(text: &str) -> walk::RawDoc {
        walk::RawDoc {
            text: text.to_string(),
            encoding: Encoding::Utf8,
        }
    }

    fn source(name: &str) -> Source {
        Source {
            path: PathBuf::from(name),
        }
    }

    #[test]
    fn text_files_are_bodies_without_a_title() {
        let a = article(&source("a.txt"), raw("Title\n\nBody text.")).unwrap();
        assert_eq!(a.source_kind, SourceKind::Text);
        assert_eq!(a.title, None);
        assert_eq!(a.into_text(), "Title\n\nBody text.");
    }

    #[test]
    fn html_pages_keep_their_title_apart() {
        let page = "<html><head><title>Harbour expansion approved</title></head><body>\
            <article><p>The regional harbour authority on Tuesday approved a long-delayed \
            expansion of the northern container terminal, clearing the way for construction \
            to begin early next year.</p></article></body></html>";
        let a = article(&source("a.html"), raw(page)).unwrap();
        assert_eq!(a.source_kind, SourceKind::Html);
        assert_eq!(a.title.as_deref(), Some("Harbour expansion approved"));
        assert!(a.body.contains("container terminal"), "{}", a.body);
        assert!(
            !a.body.starts_with("Harbour expansion approved"),
            "{}",
            a.body
        );
        let text = a.into_text();
        assert!(
            text.starts_with("Harbour expansion approved\n\nThe regional"),
            "{text}"
        );
    }

    #[test]
    fn a_body_that_starts_with_its_title_is_not_given_it_twice() {
        let a = Article {
            title: Some(" Headline ".into()),
            body: "Headline\n\nBody.".into(),
            source_kind: SourceKind::Html,
        };
        assert_eq!(a.into_text(), "Headline\n\nBody.");
    }
}
