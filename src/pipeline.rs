//! Wires the stages together and owns the parallelism (rayon). Two passes over
//! the files: the first only collects line profiles for the corpus furniture
//! pass; the second cleans, tags, shingles, signs and extracts story features,
//! keeping per document only what later stages need (never the full text).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::config::Config;
use crate::dedup;
use crate::error::Error;
use crate::html;
use crate::lang::{self, LangTag};
use crate::lsh;
use crate::minhash::{MinHasher, Signature, estimate};
use crate::normalize::{self, Cleaned, Furniture};
use crate::output::{self, Relation, Report, SkippedFile};
use crate::progress::Progress;
use crate::shingle;
use crate::story::{self, StoryDoc, StoryFeatures};
use crate::title;
use crate::tokenize::for_each_token;
use crate::walk::{self, Encoding, SkipReason, Skipped, Source};

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

/// Corpora up to this size (sum of file sizes) keep pass 1's article text in
/// memory for pass 2 instead of reading (and extracting HTML) twice.
pub const CACHE_BYTES: u64 = 512 * 1024 * 1024;

/// Files analysed per parallel batch (bounds the transient per-file results).
const ANALYSE_CHUNK: usize = 16 * 1024;

/// A file read, decoded and (HTML) extracted: the article text for the cleaner.
pub struct Scanned {
    text: String,
    extracted: bool,
    encoding: Encoding,
}

fn scan_file(source: &Source, config: &Config) -> Result<Scanned, SkipReason> {
    scan_raw(source, walk::read(source, &config.walk)?)
}

/// A file's decoded text made ready for the cleaner (HTML extracted).
pub(crate) fn scan_raw(source: &Source, raw: walk::RawDoc) -> Result<Scanned, SkipReason> {
    let encoding = raw.encoding;
    let (text, extracted) = article_text(source, raw)?;
    Ok(Scanned {
        text,
        extracted,
        encoding,
    })
}

fn finish_scanned(
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

/// The corpus furniture of `sources` (empty when the pass is disabled).
pub fn corpus_furniture(sources: &[Source], config: &Config, progress: &dyn Progress) -> Furniture {
    scan_corpus(sources, config, progress, false).0
}

/// Pass 1: the corpus furniture, from every file's line profile (see
/// [`normalize::profile`]); with `keep`, also every file's scan for pass 2
/// (`None` when the pass is disabled or `keep` is false: pass 2 reads again).
fn scan_corpus(
    sources: &[Source],
    config: &Config,
    progress: &dyn Progress,
    keep: bool,
) -> (Furniture, Option<Vec<Result<Scanned, SkipReason>>>) {
    if !config.normalize.furniture.enabled {
        return (Furniture::default(), None);
    }
    progress.start("scan", sources.len() as u64);
    let scan = |s: &Source| {
        let scanned = scan_file(s, config);
        let profile = scanned.as_ref().ok().map(|s| normalize::profile(&s.text));
        progress.inc();
        (profile, keep.then_some(scanned))
    };
    let (profiles, scans): (Vec<_>, Vec<_>) = sources.par_iter().map(scan).unzip();
    let profiles: Vec<normalize::LineProfile> = profiles.into_iter().flatten().collect();
    let furniture = Furniture::build(&profiles, &config.normalize.furniture);
    let scans: Option<Vec<_>> = scans.into_iter().collect();
    (furniture, scans)
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

/// Walk, clean and analyse every input file. Per-file problems go to `skipped`.
pub fn load(
    config: &Config,
    progress: &dyn Progress,
) -> Result<(Vec<DocRecord>, Vec<Skipped>), Error> {
    load_with_cache(config, progress, CACHE_BYTES)
}

/// [`load`], keeping pass 1's scans in memory when the corpus is at most `cache_bytes`.
pub fn load_with_cache(
    config: &Config,
    progress: &dyn Progress,
    cache_bytes: u64,
) -> Result<(Vec<DocRecord>, Vec<Skipped>), Error> {
    config.validate()?;
    let clock = std::time::Instant::now();
    let listing = walk::list(&config.paths, &config.walk)?;
    progress.phase("walk", clock.elapsed().as_secs_f64());
    let clock = std::time::Instant::now();
    let keep = walk::total_bytes(&listing.sources) <= cache_bytes;
    let (furniture, cache) = scan_corpus(&listing.sources, config, progress, keep);
    progress.phase("furniture", clock.elapsed().as_secs_f64());
    let clock = std::time::Instant::now();
    let hasher = MinHasher::new(&config.minhash);
    progress.start("analyse", listing.sources.len() as u64);
    let mut cache: Vec<Option<Result<Scanned, SkipReason>>> = match cache {
        Some(c) => c.into_iter().map(Some).collect(),
        None => (0..listing.sources.len()).map(|_| None).collect(),
    };
    // In chunks, so the per-file results are never all held beside `docs`.
    let mut docs = Vec::with_capacity(listing.sources.len());
    let mut skipped = listing.skipped;
    for (sources, cached) in listing
        .sources
        .chunks(ANALYSE_CHUNK)
        .zip(cache.chunks_mut(ANALYSE_CHUNK))
    {
        let results: Vec<Result<DocRecord, Skipped>> = sources
            .par_iter()
            .zip(cached.par_iter_mut())
            .map(|(s, cached)| {
                let r = process(s, cached.take(), config, &furniture, &hasher)
                    .map_err(|reason| Skipped::new(&s.path, reason));
                progress.inc();
                r
            })
            .collect();
        for r in results {
            match r {
                Ok(d) => docs.push(d),
                Err(s) => skipped.push(s),
            }
        }
    }
    progress.finish();
    progress.phase("analyse", clock.elapsed().as_secs_f64());
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((docs, skipped))
}

/// The story stage's view of the documents (borrowed, no copies).
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

/// Near-duplicate variants, from the MinHash signatures.
pub struct NearDuplicates {
    pub bands: lsh::Bands,
    pub variants: Vec<dedup::Variant>,
    /// Per document: estimated Jaccard similarity to its variant's canonical.
    pub similarity: Vec<f32>,
}

/// Stories as lists of variants, each a list of document indices.
pub struct Grouping {
    pub bands: lsh::Bands,
    pub variants: Vec<dedup::Variant>,
    /// Per document: estimated Jaccard similarity to its variant's canonical.
    pub similarity: Vec<f32>,
    /// Each story: indices into `variants`.
    pub stories: Vec<Vec<usize>>,
}

/// LSH over the signatures, verified pairs, variants.
pub fn near_duplicates(
    docs: &[DocRecord],
    config: &Config,
    progress: &dyn Progress,
) -> NearDuplicates {
    let clock = std::time::Instant::now();
    let signatures: Vec<&[crate::minhash::Min]> =
        docs.iter().map(|d| d.signature.as_slice()).collect();
    let bands = lsh::optimal_bands(config.lsh.threshold, config.minhash.num_perm);
    let pairs = lsh::near_duplicate_pairs(&signatures, bands, config.lsh.threshold);
    // Longest text is canonical; ties go to the content hash (not the path), so
    // renaming files never changes the choice.
    let variants = dedup::variants(docs.len(), &pairs, |i| {
        let d = &docs[i as usize];
        (d.words, std::cmp::Reverse(d.content_hash))
    });
    let mut similarity = vec![1.0f32; docs.len()];
    for v in &variants {
        let canon = &docs[v.canonical as usize].signature;
        for &m in v.members.iter().filter(|&&m| m != v.canonical) {
            similarity[m as usize] = estimate(&docs[m as usize].signature, canon) as f32;
        }
    }
    progress.phase("lsh", clock.elapsed().as_secs_f64());
    NearDuplicates {
        bands,
        variants,
        similarity,
    }
}

/// Join the variants into stories.
pub fn stories(
    story_docs: Vec<StoryDoc>,
    near: NearDuplicates,
    config: &Config,
    progress: &dyn Progress,
) -> Grouping {
    let clock = std::time::Instant::now();
    let NearDuplicates {
        bands,
        variants,
        similarity,
    } = near;
    let n = story_docs.len();
    let initial: Vec<Vec<u32>> = variants.iter().map(|v| v.members.clone()).collect();
    let clusters = story::stories(story_docs, initial, &config.story, progress);
    progress.phase("stories", clock.elapsed().as_secs_f64());
    // Map clusters of documents back to variants.
    let mut variant_of = vec![0usize; n];
    for (vi, v) in variants.iter().enumerate() {
        for &m in &v.members {
            variant_of[m as usize] = vi;
        }
    }
    let stories = clusters
        .into_iter()
        .map(|members| {
            let set: BTreeSet<usize> = members.iter().map(|&m| variant_of[m as usize]).collect();
            set.into_iter().collect()
        })
        .collect();
    Grouping {
        bands,
        variants,
        similarity,
        stories,
    }
}

/// Near-duplicate variants, then stories.
pub fn group(docs: &[DocRecord], config: &Config, progress: &dyn Progress) -> Grouping {
    let near = near_duplicates(docs, config, progress);
    stories(story_docs(docs), near, config, progress)
}

fn hex_id(hash: u64) -> String {
    format!("{hash:016x}")
}

/// Assemble the report.
pub fn report(
    docs: &[DocRecord],
    skipped: Vec<Skipped>,
    grouping: &Grouping,
    config: &Config,
) -> Result<Report, Error> {
    let mut parameters = serde_json::to_value(config)?;
    if let Some(obj) = parameters.get_mut("lsh").and_then(|v| v.as_object_mut()) {
        obj.insert("bands".into(), grouping.bands.bands.into());
        obj.insert("rows".into(), grouping.bands.rows.into());
    }
    let mut stories = Vec::with_capacity(grouping.stories.len());
    let mut languages: BTreeMap<String, usize> = BTreeMap::new();
    for d in docs {
        *languages.entry(d.lang.code.to_string()).or_insert(0) += 1;
    }
    // Site names that end several titles ("… | TheHill") are not part of them.
    let titles = title::strip_recurring_suffixes(docs.iter().map(|d| d.title.as_str()));
    for variant_ids in &grouping.stories {
        let mut variants = Vec::new();
        let mut story_titles: Vec<(u64, Vec<u32>)> = Vec::new();
        for &vi in variant_ids {
            let v = &grouping.variants[vi];
            let canon = &docs[v.canonical as usize];
            let mut documents: Vec<output::Document> = v
                .members
                .iter()
                .map(|&m| {
                    let d = &docs[m as usize];
                    let is_canon = m == v.canonical;
                    output::Document {
                        path: d.path.clone(),
                        path_bytes: d.path_bytes.clone(),
                        lang: d.lang.code.to_string(),
                        lang_confidence: output::round4(d.lang.confidence),
                        title: titles[m as usize].clone(),
                        words: d.words,
                        relation: if is_canon {
                            Relation::Canonical
                        } else {
                            Relation::NearDuplicate
                        },
                        similarity: output::round4(f64::from(grouping.similarity[m as usize])),
                    }
                })
                .collect();
            documents.sort_by(|a, b| a.path.cmp(&b.path));
            // Title candidates: the canonical, then the copies by content.
            let mut by_preference = v.members.clone();
            by_preference.sort_by_key(|&m| (m != v.canonical, docs[m as usize].content_hash, m));
            story_titles.push((canon.content_hash, by_preference));
            variants.push((
                canon.words,
                canon.content_hash,
                canon,
                output::Variant {
                    id: hex_id(canon.content_hash),
                    lang: canon.lang.code.to_string(),
                    canonical: canon.path.clone(),
                    canonical_bytes: canon.path_bytes.clone(),
                    size: documents.len(),
                    documents,
                },
            ));
        }
        // Largest variant first, then longest canonical, then id.
        variants.sort_by(|a, b| {
            b.3.size
                .cmp(&a.3.size)
                .then(b.0.cmp(&a.0))
                .then(a.1.cmp(&b.1))
        });
        let (_, lead_hash, _, _) = &variants[0];
        // The best headline among the documents, looking at the variants in
        // their order (largest first), each one's canonical first.
        let title = title::best_headline(variants.iter().flat_map(|v| {
            story_titles
                .iter()
                .filter(move |(hash, _)| *hash == v.1)
                .flat_map(|(_, members)| members.iter().map(|&m| titles[m as usize].as_str()))
        }))
        .to_string();
        let langs: BTreeSet<String> = variants
            .iter()
            .flat_map(|v| v.3.documents.iter().map(|d| d.lang.clone()))
            .collect();
        let size = variants.iter().map(|v| v.3.size).sum();
        stories.push(output::Story {
            id: hex_id(*lead_hash ^ 0x5354_4f52_5900_0000),
            title,
            languages: langs.into_iter().collect(),
            size,
            variants: variants.into_iter().map(|v| v.3).collect(),
        });
    }
    stories.sort_by(|a, b| b.size.cmp(&a.size).then(a.id.cmp(&b.id)));
    let skipped: Vec<SkippedFile> = skipped
        .into_iter()
        .map(|s| SkippedFile {
            path: s.path,
            path_bytes: s.path_bytes,
            kind: skip_kind(&s.reason).to_string(),
            reason: s.reason.to_string(),
        })
        .collect();
    Ok(Report {
        version: env!("CARGO_PKG_VERSION").to_string(),
        parameters,
        summary: output::Summary {
            documents: docs.len(),
            stories: stories.len(),
            variants: grouping.variants.len(),
            skipped: skipped.len(),
            decoded_as_windows_1252: docs
                .iter()
                .filter(|d| d.encoding == Encoding::Windows1252)
                .count(),
            decoded_from_declared_charset: docs
                .iter()
                .filter(|d| d.encoding == Encoding::Declared)
                .count(),
            languages,
        },
        stories,
        skipped,
    })
}

fn skip_kind(r: &SkipReason) -> &'static str {
    match r {
        SkipReason::Binary { .. } => "binary",
        SkipReason::DuplicatePath { .. } => "duplicate_path",
        SkipReason::TooLarge { .. } => "too_large",
        SkipReason::Unreadable { .. } => "unreadable",
        SkipReason::Empty => "empty",
        SkipReason::TooShort { .. } => "too_short",
        SkipReason::SymlinkLoop => "symlink_loop",
        SkipReason::Symlink => "symlink",
        SkipReason::NoArticle { .. } => "no_article",
        SkipReason::Walk { .. } => "walk",
    }
}

/// The whole `cluster` job: load, group, report.
pub fn cluster(config: &Config, progress: &dyn Progress) -> Result<Report, Error> {
    let (mut docs, skipped) = load(config, progress)?;
    let near = near_duplicates(&docs, config, progress);
    // The signatures have done their work: free them before the story stage,
    // which takes the features over.
    for d in &mut docs {
        d.signature = Vec::new();
    }
    let grouping = stories(take_story_docs(&mut docs), near, config, progress);
    report(&docs, skipped, &grouping, config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    #[test]
    fn cached_and_uncached_passes_give_the_same_documents() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = [
            include_str!("../fixtures/seeds/000_87d5b1d87bbc9bba.txt"),
            include_str!("../fixtures/seeds/001_30332d0c8a07f051.txt"),
            include_str!("../fixtures/seeds/002_0ac954206fa28797.txt"),
            include_str!("../fixtures/seeds/003_344420e93c6224ce.txt"),
        ];
        for (i, text) in seeds.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i}.txt")), text).unwrap();
        }
        std::fs::write(dir.path().join("empty.txt"), "").unwrap();
        let config = Config {
            paths: vec![dir.path().to_path_buf()],
            ..Config::default()
        };
        let (cached, skipped_a) = load_with_cache(&config, &Silent, u64::MAX).unwrap();
        let (read_twice, skipped_b) = load_with_cache(&config, &Silent, 0).unwrap();
        assert_eq!(cached.len(), 4);
        assert_eq!(skipped_a, skipped_b);
        for (a, b) in cached.iter().zip(&read_twice) {
            assert_eq!(
                (&a.path, &a.title, a.words, a.content_hash),
                (&b.path, &b.title, b.words, b.content_hash)
            );
            assert_eq!(a.signature, b.signature);
        }
    }
}
