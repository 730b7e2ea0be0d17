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
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.2,
            word_weight: 0.6,
            cross_language_boost: 1.0,
            title_bonus: 0.0,
            candidates: 40,
            index_features: 48,
            min_edge: 0.05,
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
        let anchor_idf = Idf::new(
            n,
            document_frequencies(docs.iter().map(|d| d.features.anchors.as_slice())),
        );
        let word_idf = Idf::new(
            n,
            document_frequencies(docs.iter().map(|d| d.features.words.as_slice())),
        );
        let norms = docs
            .par_iter()
            .map(|d| score::norms(d.features, &anchor_idf, &word_idf))
            .collect();
        Model {
            anchor_idf,
            word_idf,
            norms,
        }
    }

    pub fn side<'a>(&self, docs: &'a [StoryDoc], i: usize) -> Side<'a> {
        Side {
            features: docs[i].features,
            norms: self.norms[i],
            lang: docs[i].lang,
        }
    }
}

/// Candidate pairs `(a, b)`, `a < b`, from the inverted index.
fn candidate_pairs(docs: &[StoryDoc], model: &Model, config: &StoryConfig) -> Vec<(u32, u32)> {
    let n = docs.len();
    let max_df = (n / 20).clamp(100, 5000) as u32;
    // Index the rarest features of each document.
    let picked: Vec<Vec<(u64, f64)>> = docs
        .par_iter()
        .map(|d| {
            let mut feats: Vec<(u64, u32, f64)> = d
                .features
                .anchors
                .iter()
                .map(|&f| (f, model.anchor_idf.df(f), model.anchor_idf.weight(f)))
                .chain(
                    d.features
                        .words
                        .iter()
                        .map(|&f| (f, model.word_idf.df(f), model.word_idf.weight(f))),
                )
                .filter(|&(_, df, _)| df >= 2 && df <= max_df)
                .collect();
            feats.sort_by(|x, y| x.1.cmp(&y.1).then(x.0.cmp(&y.0)));
            feats.truncate(config.index_features);
            feats.into_iter().map(|(f, _, w)| (f, w * w)).collect()
        })
        .collect();
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, feats) in picked.iter().enumerate() {
        for &(f, _) in feats {
            postings.entry(f).or_default().push(i as u32);
        }
    }
    let mut pairs: Vec<(u32, u32)> = picked
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, feats)| {
            let mut acc: HashMap<u32, f64> = HashMap::new();
            for &(f, w) in feats {
                if let Some(list) = postings.get(&f) {
                    for &j in list {
                        if j as usize != i {
                            *acc.entry(j).or_insert(0.0) += w;
                        }
                    }
                }
            }
            let mut best: Vec<(u32, f64)> = acc.into_iter().collect();
            best.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            best.truncate(config.candidates);
            best.into_iter().map(move |(j, _)| {
                if (i as u32) < j {
                    (i as u32, j)
                } else {
                    (j, i as u32)
                }
            })
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Group documents into stories. `variants` are the initial clusters (every
/// document in exactly one). Returns stories as sorted document indices.
pub fn stories(docs: &[StoryDoc], variants: Vec<Vec<u32>>, config: &StoryConfig) -> Vec<Vec<u32>> {
    let model = Model::new(docs);
    let pairs = candidate_pairs(docs, &model, config);
    let edges: Vec<cluster::Edge> = pairs
        .into_par_iter()
        .filter_map(|(a, b)| {
            let s = score::score(
                &model.side(docs, a as usize),
                &model.side(docs, b as usize),
                &model.anchor_idf,
                &model.word_idf,
                config,
            );
            (s.score >= config.min_edge).then_some(cluster::Edge {
                a,
                b,
                weight: s.score,
            })
        })
        .collect();
    cluster::average_linkage(variants, docs.len(), &edges, config.threshold)
}
