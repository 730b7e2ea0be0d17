//! Stage 6 — **story**: join variants (near-duplicate groups) into stories,
//! across languages.
//!
//! 1. Document frequencies of anchors and words give IDF weights.
//! 2. Candidates come from an inverted index over each document's rarest
//!    features (never all pairs): per document, the `candidates` documents
//!    with the most shared rare weight.
//! 3. Each candidate pair gets an exact score ([`score`]).
//! 4. Average linkage ([`cluster`]) merges variants into stories while the mean
//!    pair score between them is at least `threshold`.

pub mod anchors;
pub mod cluster;
pub mod features;
pub mod score;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

pub use features::StoryFeatures;
use score::{Idf, Norms, Side};

/// Settings of the story stage.
#[derive(Debug, Clone, Serialize)]
pub struct StoryConfig {
    /// Average-linkage threshold on the pair score.
    pub threshold: f64,
    /// Weight of the word cosine (vs the anchor cosine) for same-language pairs.
    pub word_weight: f64,
    /// Multiplier of the anchor cosine for pairs in different languages.
    pub cross_language_boost: f64,
    /// Added when the titles share at least two anchors.
    pub title_bonus: f64,
    /// Candidate documents scored per document.
    pub candidates: usize,
    /// Rarest features per document used to find candidates.
    pub index_features: usize,
    /// Pairs scoring below this are not edges at all.
    pub min_edge: f64,
    /// Floor of a document's best score in the neighbour normalization.
    pub neighbour_floor: f64,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.3,
            word_weight: 0.5,
            cross_language_boost: 1.3,
            title_bonus: 0.0,
            candidates: 40,
            index_features: 400,
            min_edge: 0.05,
            neighbour_floor: 0.4,
        }
    }
}

/// One document as the story stage sees it.
pub struct StoryDoc<'a> {
    pub features: &'a StoryFeatures,
    pub lang: &'a str,
}

/// Corpus statistics needed to score pairs (also used by `explain`).
pub struct Model {
    pub anchor_idf: Idf,
    pub word_idf: Idf,
    pub norms: Vec<Norms>,
    /// Per document: its anchors without the ones common in its own language.
    pub anchors: Vec<StoryFeatures>,
}

/// A language needs this many documents before its common anchors are dropped.
pub const COMMON_MIN_DOCS: usize = 5;
/// An anchor in at least this share of one language's documents is a common
/// word of that language (in uncased scripts every word is a candidate name).
pub const COMMON_SHARE: f64 = 0.3;

/// Anchors of each document minus those common within its language.
fn specific_anchors(docs: &[StoryDoc]) -> Vec<StoryFeatures> {
    let mut per_lang: HashMap<&str, usize> = HashMap::new();
    let mut lang_df: HashMap<(&str, u64), u32> = HashMap::new();
    let mut first_lang: HashMap<u64, (&str, bool)> = HashMap::new();
    for d in docs {
        *per_lang.entry(d.lang).or_insert(0) += 1;
        for &f in &d.features.anchors {
            *lang_df.entry((d.lang, f)).or_insert(0) += 1;
            let e = first_lang.entry(f).or_insert((d.lang, false));
            if e.0 != d.lang {
                e.1 = true;
            }
        }
    }
    docs.par_iter()
        .map(|d| {
            let n = per_lang.get(d.lang).copied().unwrap_or(0);
            let common = |f: &u64| {
                n >= COMMON_MIN_DOCS
                    && lang_df.get(&(d.lang, *f)).copied().unwrap_or(0) as f64
                        >= COMMON_SHARE * n as f64
            };
            let anchors: Vec<u64> = d
                .features
                .anchors
                .iter()
                .copied()
                .filter(|f| !common(f))
                .collect();
            StoryFeatures {
                multilingual: anchors
                    .iter()
                    .copied()
                    .filter(|f| first_lang.get(f).is_some_and(|e| e.1))
                    .collect(),
                anchors,
                words: d.features.words.clone(),
                title_anchors: d
                    .features
                    .title_anchors
                    .iter()
                    .copied()
                    .filter(|f| !common(f))
                    .collect(),
            }
        })
        .collect()
}

fn document_frequencies<'a>(sets: impl Iterator<Item = &'a [u64]>) -> Vec<(u64, u32)> {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for set in sets {
        for &f in set {
            *counts.entry(f).or_insert(0) += 1;
        }
    }
    let mut df: Vec<(u64, u32)> = counts.into_iter().collect();
    df.sort_unstable();
    df
}

impl Model {
    pub fn new(docs: &[StoryDoc]) -> Model {
        let n = docs.len();
        let anchors = specific_anchors(docs);
        let anchor_idf = Idf::new(
            n,
            document_frequencies(anchors.iter().map(|d| d.anchors.as_slice())),
        );
        let word_idf = Idf::new(
            n,
            document_frequencies(docs.iter().map(|d| d.features.words.as_slice())),
        );
        let norms = anchors
            .par_iter()
            .map(|f| score::norms(f, &anchor_idf, &word_idf))
            .collect();
        Model {
            anchor_idf,
            word_idf,
            norms,
            anchors,
        }
    }

    pub fn side<'a>(&'a self, docs: &'a [StoryDoc], i: usize) -> Side<'a> {
        Side {
            features: &self.anchors[i],
            norms: self.norms[i],
            lang: docs[i].lang,
        }
    }
}

/// The rarest indexable features of one kind of one document, with weights².
fn rarest(set: &[u64], idf: &Idf, max_df: u32, keep: usize) -> Vec<(u64, f64)> {
    let mut feats: Vec<(u64, u32)> = set
        .iter()
        .map(|&f| (f, idf.df(f)))
        .filter(|&(_, df)| df >= 2 && df <= max_df)
        .collect();
    feats.sort_by(|x, y| x.1.cmp(&y.1).then(x.0.cmp(&y.0)));
    feats.truncate(keep);
    feats
        .into_iter()
        .map(|(f, _)| (f, idf.weight(f).powi(2)))
        .collect()
}

/// For each document, the `keep` documents sharing the most rare weight.
fn top_neighbours(picked: &[Vec<(u64, f64)>], keep: usize) -> Vec<(u32, u32)> {
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, feats) in picked.iter().enumerate() {
        for &(f, _) in feats {
            postings.entry(f).or_default().push(i as u32);
        }
    }
    picked
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, feats)| {
            let mut acc: HashMap<u32, f64> = HashMap::new();
            for &(f, w) in feats {
                for &j in postings.get(&f).map(Vec::as_slice).unwrap_or(&[]) {
                    if j as usize != i {
                        *acc.entry(j).or_insert(0.0) += w;
                    }
                }
            }
            let mut best: Vec<(u32, f64)> = acc.into_iter().collect();
            best.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            best.truncate(keep);
            best.into_iter().map(move |(j, _)| {
                if (i as u32) < j {
                    (i as u32, j)
                } else {
                    (j, i as u32)
                }
            })
        })
        .collect()
}

/// Candidate pairs `(a, b)`, `a < b`, from two inverted indexes: one over
/// anchors (finds translations) and one over words (same-language reports).
/// Each document contributes its `candidates` best neighbours from each.
pub fn candidate_pairs(docs: &[StoryDoc], model: &Model, config: &StoryConfig) -> Vec<(u32, u32)> {
    let n = docs.len();
    let max_df = (n / 20).clamp(100, 5000) as u32;
    let k = config.index_features;
    let by_anchor: Vec<Vec<(u64, f64)>> = model
        .anchors
        .par_iter()
        .map(|d| rarest(&d.anchors, &model.anchor_idf, max_df, k))
        .collect();
    let by_word: Vec<Vec<(u64, f64)>> = docs
        .par_iter()
        .map(|d| rarest(&d.features.words, &model.word_idf, max_df, k))
        .collect();
    let mut pairs = top_neighbours(&by_anchor, config.candidates);
    pairs.extend(top_neighbours(&by_word, config.candidates));
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Scored candidate pairs, normalized by each document's best score:
/// `w(a, b) = s(a, b) / sqrt(max(best_a, floor) · max(best_b, floor))`.
/// Languages and scripts differ in how much evidence survives translation; a
/// document whose best match scores 0.3 treats a 0.3 pair as strong, while the
/// floor keeps weak documents from inflating noise.
pub fn edges(docs: &[StoryDoc], model: &Model, config: &StoryConfig) -> Vec<cluster::Edge> {
    let pairs = candidate_pairs(docs, model, config);
    let scored: Vec<(u32, u32, f64)> = pairs
        .into_par_iter()
        .map(|(a, b)| {
            let s = score::score(
                &model.side(docs, a as usize),
                &model.side(docs, b as usize),
                &model.anchor_idf,
                &model.word_idf,
                config,
            );
            (a, b, s.score)
        })
        .collect();
    let mut best = vec![0.0f64; docs.len()];
    for &(a, b, s) in &scored {
        best[a as usize] = best[a as usize].max(s);
        best[b as usize] = best[b as usize].max(s);
    }
    let floor = config.neighbour_floor;
    scored
        .into_iter()
        .filter_map(|(a, b, s)| {
            let norm = (best[a as usize].max(floor) * best[b as usize].max(floor)).sqrt();
            let weight = (s / norm).min(1.0);
            (weight >= config.min_edge).then_some(cluster::Edge { a, b, weight })
        })
        .collect()
}

/// Group documents into stories. `variants` are the initial clusters (every
/// document in exactly one). Returns stories as sorted document indices.
pub fn stories(docs: &[StoryDoc], variants: Vec<Vec<u32>>, config: &StoryConfig) -> Vec<Vec<u32>> {
    let model = Model::new(docs);
    let edges = edges(docs, &model, config);
    cluster::average_linkage(variants, docs.len(), &edges, config.threshold)
}
