//! Pair scoring: IDF-weighted cosine over anchors and over content words
//! (same language only), combined into one score in `[0, 1]`.
//!
//! Features are mapped once to dense ids of a [`Vocab`] (sorted by hash, so
//! sorted feature lists stay sorted), and each id carries its squared weight:
//! scoring a pair is a merge of two sorted `u32` lists and array look-ups.

use rustc_hash::FxHashMap;

use super::StoryConfig;
use super::features::Feature;

/// The features of a corpus with their document frequency and weight
/// `idf(f) = ln(1 + N / df(f))`.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    pub n: usize,
    keys: Vec<Feature>,
    /// Feature → id (`keys` is sorted, but a hash lookup beats a binary
    /// search over millions of keys).
    ids: FxHashMap<Feature, u32>,
    df: Vec<u32>,
    w2: Vec<f32>,
}

impl Vocab {
    /// Count document frequencies over per-document feature sets (in parallel:
    /// one map per worker, merged).
    pub fn build(n: usize, sets: &[&[Feature]]) -> Vocab {
        use rayon::prelude::*;
        let counts: FxHashMap<Feature, u32> = sets
            .par_iter()
            .fold(FxHashMap::default, |mut m: FxHashMap<Feature, u32>, set| {
                for &f in *set {
                    *m.entry(f).or_insert(0) += 1;
                }
                m
            })
            .reduce(FxHashMap::default, |a, b| {
                let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                for (k, v) in small {
                    *big.entry(k).or_insert(0) += v;
                }
                big
            });
        let mut pairs: Vec<(Feature, u32)> = counts.into_iter().collect();
        pairs.par_sort_unstable();
        let idf = |df: u32| (1.0 + n as f64 / df.max(1) as f64).ln();
        Vocab {
            n,
            ids: pairs
                .iter()
                .enumerate()
                .map(|(i, &(k, _))| (k, i as u32))
                .collect(),
            w2: pairs
                .iter()
                .map(|&(_, df)| idf(df).powi(2) as f32)
                .collect(),
            keys: pairs.iter().map(|&(k, _)| k).collect(),
            df: pairs.into_iter().map(|(_, df)| df).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn id(&self, f: Feature) -> Option<u32> {
        self.ids.get(&f).copied()
    }

    /// Ids of a sorted feature list (unknown features are left out), in the
    /// list's own memory. Ids follow the order of the keys, so the result is
    /// sorted too.
    pub fn into_ids(&self, mut set: Vec<Feature>) -> Vec<u32> {
        set.retain_mut(|f| match self.id(*f) {
            Some(id) => {
                *f = id;
                true
            }
            None => false,
        });
        set
    }

    /// The feature hash of an id.
    pub fn key(&self, id: u32) -> Feature {
        self.keys[id as usize]
    }

    pub fn df(&self, id: u32) -> u32 {
        self.df[id as usize]
    }

    pub fn w2(&self, id: u32) -> f32 {
        self.w2[id as usize]
    }

    /// The IDF weight of a feature hash (1 document if unknown).
    pub fn weight(&self, f: Feature) -> f64 {
        let df = self.id(f).map_or(1, |i| self.df(i));
        (1.0 + self.n as f64 / df.max(1) as f64).ln()
    }
}

/// One document as the scorer sees it.
#[derive(Debug, Clone, Default)]
pub struct DocVec {
    /// Anchors, without those common in the document's language.
    pub anchors: Vec<u32>,
    /// The subset of `anchors` the corpus attests in two or more languages.
    pub multilingual: Vec<u32>,
    /// Content words (salted by language).
    pub words: Vec<u32>,
    pub norms: Norms,
}

/// Euclidean norms of a document's weighted feature sets.
#[derive(Debug, Clone, Copy, Default)]
pub struct Norms {
    pub anchors: f64,
    pub multilingual: f64,
    pub words: f64,
}

impl DocVec {
    pub fn new(
        anchors: Vec<u32>,
        multilingual: Vec<u32>,
        words: Vec<u32>,
        av: &Vocab,
        wv: &Vocab,
    ) -> DocVec {
        let norm = |ids: &[u32], v: &Vocab| ids.iter().map(|&i| v.w2(i) as f64).sum::<f64>().sqrt();
        let norms = Norms {
            anchors: norm(&anchors, av),
            multilingual: norm(&multilingual, av),
            words: norm(&words, wv),
        };
        // A feature of this document alone is never shared: it counts in the
        // norms (above) but need not be kept for dot products.
        let shared_only = |mut ids: Vec<u32>, v: &Vocab| {
            ids.retain(|&i| v.df(i) >= 2);
            ids.shrink_to_fit();
            ids
        };
        let (anchors, multilingual, words) = (
            shared_only(anchors, av),
            shared_only(multilingual, av),
            shared_only(words, wv),
        );
        DocVec {
            anchors,
            multilingual,
            words,
            norms,
        }
    }
}

/// The parts of a pair's score, for `explain`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairScore {
    pub anchor_cosine: f64,
    pub word_cosine: f64,
    pub same_language: bool,
    pub score: f64,
}

/// Calls `f` with every element common to two sorted lists.
fn for_each_shared(a: &[u32], b: &[u32], mut f: impl FnMut(u32)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Shared elements of two sorted lists.
pub fn shared(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    for_each_shared(a, b, |x| out.push(x));
    out
}

/// IDF-weighted cosine of two sorted id lists with their precomputed norms.
fn weighted_cosine(a: &[u32], b: &[u32], na: f64, nb: f64, v: &Vocab) -> f64 {
    let mut dot = 0.0f64;
    for_each_shared(a, b, |x| dot += v.w2(x) as f64);
    cosine(dot, na, nb)
}

fn cosine(d: f64, na: f64, nb: f64) -> f64 {
    if na > 0.0 && nb > 0.0 {
        (d / (na * nb)).min(1.0)
    } else {
        0.0
    }
}

/// Score a pair: same language → a blend of word and anchor cosines; different
/// languages → the cosine over multilingual anchors, times the cross-language boost.
pub fn score(
    a: (&DocVec, &str),
    b: (&DocVec, &str),
    av: &Vocab,
    wv: &Vocab,
    config: &StoryConfig,
) -> PairScore {
    let (da, la) = a;
    let (db, lb) = b;
    let same_language = la == lb && la != "und";
    if same_language {
        let anchor_cosine = weighted_cosine(
            &da.anchors,
            &db.anchors,
            da.norms.anchors,
            db.norms.anchors,
            av,
        );
        let word_cosine = weighted_cosine(&da.words, &db.words, da.norms.words, db.norms.words, wv);
        PairScore {
            anchor_cosine,
            word_cosine,
            same_language,
            score: config.word_weight * word_cosine + (1.0 - config.word_weight) * anchor_cosine,
        }
    } else {
        let anchor_cosine = weighted_cosine(
            &da.multilingual,
            &db.multilingual,
            da.norms.multilingual,
            db.norms.multilingual,
            av,
        );
        PairScore {
            anchor_cosine,
            word_cosine: 0.0,
            same_language,
            score: (anchor_cosine * config.cross_language_boost).min(1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_weights_and_ids() {
        let sets: Vec<Vec<Feature>> = vec![vec![1, 2], vec![2, 3], vec![2]];
        let refs: Vec<&[Feature]> = sets.iter().map(|s| s.as_slice()).collect();
        let v = Vocab::build(3, &refs);
        assert_eq!(v.len(), 3);
        let id2 = v.id(2).unwrap();
        assert_eq!(v.df(id2), 3);
        assert!((v.weight(2) - 2f64.ln()).abs() < 1e-9);
        assert!((v.weight(1) - 4f64.ln()).abs() < 1e-9);
        assert_eq!(v.into_ids(vec![1, 3, 99]), vec![0, 2]);
    }

    #[test]
    fn cosine_of_identical_documents_is_one_and_languages_matter() {
        let sets: Vec<Vec<Feature>> = vec![vec![10, 20, 30], vec![10, 20, 30], vec![10, 40]];
        let refs: Vec<&[Feature]> = sets.iter().map(|s| s.as_slice()).collect();
        let av = Vocab::build(3, &refs);
        let wv = Vocab::default();
        let vec_of = |set: &[Feature]| {
            let ids = av.into_ids(set.to_vec());
            DocVec::new(ids.clone(), ids, vec![], &av, &wv)
        };
        let (a, b, c) = (vec_of(&sets[0]), vec_of(&sets[1]), vec_of(&sets[2]));
        let config = StoryConfig::default();
        let same = score((&a, "en"), (&b, "en"), &av, &wv, &config);
        assert!((same.anchor_cosine - 1.0).abs() < 1e-9);
        let cross = score((&a, "en"), (&b, "de"), &av, &wv, &config);
        assert!(!cross.same_language);
        assert!((cross.score - (config.cross_language_boost).min(1.0)).abs() < 1e-9);
        // Feature 40 is in one document only: it is not kept in the vector,
        // but it still counts in the norm, so the cosine is the same.
        assert_eq!(c.anchors.len(), 1);
        let partial = score((&a, "en"), (&c, "en"), &av, &wv, &config);
        let w = |f| av.weight(f).powi(2);
        let expected = w(10) / ((w(10) + w(20) + w(30)).sqrt() * (w(10) + w(40)).sqrt());
        assert!(
            (partial.anchor_cosine - expected).abs() < 1e-6,
            "{partial:?}"
        );
    }
}
