//! Wires the stages together and owns the parallelism of the per-document
//! work (rayon). Two passes over the files: the first only collects line
//! profiles for the corpus furniture pass; the second runs [`analyze`] on every
//! file, keeping per document only what later stages need (never the full
//! text). Then the grouping ([`Grouping`]: LSH → variants → stories) and the
//! report ([`output::report`]).

use rayon::prelude::*;

use crate::analyze::{self, Scanned};
use crate::config::Config;
use crate::dedup;
use crate::error::Error;
use crate::grouping::Grouping;
use crate::lsh;
use crate::minhash::{MinHasher, estimate};
use crate::normalize::{self, Furniture};
use crate::output::{self, Report};
use crate::progress::Progress;
use crate::story::{self, StoryDoc};
use crate::walk::{self, SkipReason, Skipped, Source};

// Moved to `analyze`; still reachable here for existing callers.
pub use crate::analyze::{DocMeta, DocRecord, Records, clean_file};

/// Corpora up to this size (sum of file sizes) keep pass 1's article text in
/// memory for pass 2 instead of reading (and extracting HTML) twice.
pub const CACHE_BYTES: u64 = 512 * 1024 * 1024;

/// Files analysed per parallel batch (bounds the transient per-file results).
const ANALYSE_CHUNK: usize = 16 * 1024;

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
        let scanned = analyze::scan_file(s, config);
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

/// Walk, clean and analyse every input file. Per-file problems go to `skipped`.
pub fn load(config: &Config, progress: &dyn Progress) -> Result<(Records, Vec<Skipped>), Error> {
    let loaded = load_with_cache(config, progress, CACHE_BYTES)?;
    Ok((loaded.records, loaded.skipped))
}

/// What [`load`] made: the records, the files left out, and the corpus
/// furniture the documents were cleaned with (`explain` cleans its two
/// files again with it).
pub struct Loaded {
    pub records: Records,
    pub skipped: Vec<Skipped>,
    pub furniture: Furniture,
}

/// [`load`], keeping pass 1's scans in memory when the corpus is at most
/// `cache_bytes`, and returning the furniture too.
pub fn load_with_cache(
    config: &Config,
    progress: &dyn Progress,
    cache_bytes: u64,
) -> Result<Loaded, Error> {
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
    let mut docs = Records::with_capacity(listing.sources.len());
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
                let r = analyze::process(s, cached.take(), config, &furniture, &hasher)
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
    Ok(Loaded {
        records: docs,
        skipped,
        furniture,
    })
}

/// LSH over the signatures, verified pairs, variants: a [`Grouping`] whose
/// stories are still one variant each.
pub fn near_duplicates(docs: &Records, config: &Config, progress: &dyn Progress) -> Grouping {
    let clock = std::time::Instant::now();
    let signatures: Vec<&[crate::minhash::Min]> =
        docs.signatures.iter().map(|s| s.as_slice()).collect();
    let bands = lsh::optimal_bands(config.lsh.threshold, config.minhash.num_perm);
    let pairs = lsh::near_duplicate_pairs(&signatures, bands, config.lsh.threshold);
    // Longest text is canonical; ties go to the content hash (not the path), so
    // renaming files never changes the choice.
    let variants = dedup::variants(docs.len(), &pairs, |i| {
        let d = &docs.meta[i as usize];
        (d.words, std::cmp::Reverse(d.content_hash))
    });
    let mut similarity = vec![1.0f32; docs.len()];
    for v in &variants {
        let canon = &docs.signatures[v.canonical as usize];
        for &m in v.members.iter().filter(|&&m| m != v.canonical) {
            similarity[m as usize] = estimate(&docs.signatures[m as usize], canon) as f32;
        }
    }
    progress.phase("lsh", clock.elapsed().as_secs_f64());
    Grouping::from_variants(bands, variants, similarity)
}

/// Join the variants of `grouping` into stories.
pub fn stories(
    story_docs: Vec<StoryDoc>,
    grouping: &mut Grouping,
    config: &Config,
    progress: &dyn Progress,
) {
    let clock = std::time::Instant::now();
    let initial: Vec<Vec<u32>> = grouping.variant_members();
    let clusters = story::stories(story_docs, initial, &config.story, progress);
    progress.phase("stories", clock.elapsed().as_secs_f64());
    grouping.set_stories(&clusters);
}

/// Near-duplicate variants, then stories, keeping the story model and edges
/// (for `explain`; `cluster` frees each stage's input as it goes).
pub fn group_kept(
    docs: &Records,
    config: &Config,
    progress: &dyn Progress,
) -> (Grouping, story::StoryRun) {
    let mut grouping = near_duplicates(docs, config, progress);
    let initial: Vec<Vec<u32>> = grouping.variant_members();
    let run = story::stories_kept(docs.story_docs(), initial, &config.story, progress);
    grouping.set_stories(&run.clusters);
    (grouping, run)
}

/// The whole `cluster` job: load, group, report.
pub fn cluster(config: &Config, progress: &dyn Progress) -> Result<Report, Error> {
    let (mut docs, skipped) = load(config, progress)?;
    let mut grouping = near_duplicates(&docs, config, progress);
    // The signatures have done their work: free them before the story stage,
    // which takes the features over.
    docs.signatures = Vec::new();
    stories(docs.take_story_docs(), &mut grouping, config, progress);
    output::report::build(&docs.meta, skipped, &grouping, config)
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
        let a = load_with_cache(&config, &Silent, u64::MAX).unwrap();
        let b = load_with_cache(&config, &Silent, 0).unwrap();
        let (cached, skipped_a) = (a.records, a.skipped);
        let (read_twice, skipped_b) = (b.records, b.skipped);
        assert_eq!(cached.len(), 4);
        assert_eq!(skipped_a, skipped_b);
        for (a, b) in cached.meta.iter().zip(&read_twice.meta) {
            assert_eq!(
                (&a.path, &a.title, a.words, a.content_hash),
                (&b.path, &b.title, b.words, b.content_hash)
            );
        }
        assert_eq!(cached.signatures, read_twice.signatures);
    }
}
