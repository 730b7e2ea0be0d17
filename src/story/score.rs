//! Pair scoring: IDF-weighted cosine over anchors (any languages) and over
//! content words (same language only), combined into one score in `[0, 1]`.

use super::StoryConfig;
use super::features::StoryFeatures;

/// Document frequencies turned into weights: `idf(f) = ln(1 + N / df(f))`.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    pub n: usize,
    /// (feature, df), sorted by feature.
    pub df: Vec<(u64, u32)>,
}

impl Idf {
    pub fn new(n: usize, df: Vec<(u64, u32)>) -> Self {
        Idf { n, df }
    }

    pub fn df(&self, f: u64) -> u32 {
        match self.df.binary_search_by_key(&f, |&(k, _)| k) {
            Ok(i) => self.df[i].1,
            Err(_) => 1,
        }
    }

    pub fn weight(&self, f: u64) -> f64 {
        (1.0 + self.n as f64 / self.df(f).max(1) as f64).ln()
    }
}

/// The parts of a pair's score, for `explain`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairScore {
    pub anchor_cosine: f64,
    pub word_cosine: f64,
    pub title_bonus: f64,
    pub same_language: bool,
    pub score: f64,
}

/// Squared-weight norms of a document's two feature sets, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct Norms {
    pub anchors: f64,
    pub words: f64,
    pub multilingual: f64,
}

pub fn norms(f: &StoryFeatures, anchor_idf: &Idf, word_idf: &Idf) -> Norms {
    let sq = |set: &[u64], idf: &Idf| {
        set.iter()
            .map(|&x| idf.weight(x).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    Norms {
        anchors: sq(&f.anchors, anchor_idf),
        words: sq(&f.words, word_idf),
        multilingual: sq(&f.multilingual, anchor_idf),
    }
}

fn dot(a: &[u64], b: &[u64], idf: &Idf) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += idf.weight(a[i]).powi(2);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Shared elements of two sorted sets.
pub fn shared(a: &[u64], b: &[u64]) -> Vec<u64> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Everything `score` needs about one side of a pair.
pub struct Side<'a> {
    pub features: &'a StoryFeatures,
    pub norms: Norms,
    pub lang: &'a str,
}

/// Score a pair of documents.
pub fn score(
    a: &Side,
    b: &Side,
    anchor_idf: &Idf,
    word_idf: &Idf,
    config: &StoryConfig,
) -> PairScore {
    let cos = |d: f64, na: f64, nb: f64| {
        if na > 0.0 && nb > 0.0 {
            (d / (na * nb)).min(1.0)
        } else {
            0.0
        }
    };
    let same_language = a.lang == b.lang && a.lang != "und";
    let anchor_cosine = if same_language {
        cos(
            dot(&a.features.anchors, &b.features.anchors, anchor_idf),
            a.norms.anchors,
            b.norms.anchors,
        )
    } else {
        cos(
            dot(
                &a.features.multilingual,
                &b.features.multilingual,
                anchor_idf,
            ),
            a.norms.multilingual,
            b.norms.multilingual,
        )
    };
    let word_cosine = if same_language {
        cos(
            dot(&a.features.words, &b.features.words, word_idf),
            a.norms.words,
            b.norms.words,
        )
    } else {
        0.0
    };
    let title_shared = shared(&a.features.title_anchors, &b.features.title_anchors).len();
    let title_bonus = if title_shared >= 2 {
        config.title_bonus
    } else {
        0.0
    };
    let base = if same_language {
        config.word_weight * word_cosine + (1.0 - config.word_weight) * anchor_cosine
    } else {
        anchor_cosine * config.cross_language_boost
    };
    PairScore {
        anchor_cosine,
        word_cosine,
        title_bonus,
        same_language,
        score: (base + title_bonus).min(1.0),
    }
}
