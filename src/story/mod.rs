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
pub mod dates;
pub mod features;
pub mod score;

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde::Serialize;

pub use features::{Feature, StoryFeatures};
use score::{DocVec, Vocab};

/// Settings of the story stage.
#[derive(Debug, Clone, Serialize)]
pub struct StoryConfig {
    /// Average-linkage threshold on the pair score.
    pub threshold: f64,
    /// Candidate documents scored per document.
    pub candidates: usize,
    /// Rarest features per document (of each kind) used to find candidates.
    pub index_features: usize,
    /// Pairs scoring below this are not edges at all.
    pub min_edge: f64,
    /// Floor of a document's best score in the neighbour normalization.
    pub neighbour_floor: f64,
    /// The floor for a pair of two languages both written in Latin script
    /// ([`latin_script`]): names keep their spelling there, so a weak pair is
    /// weak evidence, not a script that hides names.
    pub latin_floor: f64,
    /// Find each document's dates ([`dates`]) for `explain` and the tuning
    /// export. They are not scored (no date feature raised held-out F1 on both
    /// halves, see ARCHITECTURE), so a clustering run skips the work: 5% of the
    /// instructions of a noisy-dev run. Not a parameter of the result.
    #[serde(skip)]
    pub date_evidence: bool,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            // Picked with the pair weights (tune/fit.py): the best mean F1
            // of the four development corpora on each half is at 0.25.
            threshold: 0.25,
            candidates: 20,
            index_features: 64,
            min_edge: 0.05,
            neighbour_floor: 0.4,
            // Both halves of every development corpus score better or the
            // same with 0.6 than with 0.4 (ARCHITECTURE.md, story).
            latin_floor: 0.6,
            date_evidence: false,
        }
    }
}

/// One document as the story stage sees it (owned: the model turns the
/// features into its vectors in place).
#[derive(Debug, Clone)]
pub struct StoryDoc {
    pub features: StoryFeatures,
    pub lang: &'static str,
}

/// Corpus statistics and per-document vectors (also used by `explain`).
pub struct Model {
    pub anchors: Vocab,
    pub words: Vocab,
    pub docs: Vec<DocVec>,
    /// Per document: its language.
    pub langs: Vec<&'static str>,
}

/// A language needs this many variants before its common guessed anchors are
/// dropped. Capitalized (cased-script) anchors and numbers are never dropped:
/// in a corpus about one event every real name is "common".
pub const COMMON_MIN_DOCS: usize = 5;
/// A guessed anchor (a word of an uncased script) in at least this share of
/// one language's variants is a common word of that language, not a name.
pub const COMMON_SHARE: f64 = 0.3;

/// A guessed anchor counts as multilingual only when documents of this many
/// languages other than its own have it as a name (a capitalized word, a
/// Latin word in another script, a Katakana run; not a guess of their own),
/// or of every other language of the corpus when it has fewer. In an uncased
/// script every word is a candidate name, and the consonant skeleton of a
/// common word meets some other language's name by chance: it met the
/// guessed words of other uncased scripts (Hindi and Bengali, Hebrew and
/// Persian…) and filled the cross-language norm. A real name of a
/// translation is a name in most of the others. ntrex-dev 0.953 → 0.965,
/// noisy-dev 0.926 → 0.929; two languages instead of one: noisy-dev 0.923 →
/// 0.929 (ARCHITECTURE.md, story stage).
pub const GUESSED_NAMED_IN: usize = 2;

/// Per document, in place: drops from its anchors the common words of its
/// language (and the `guessed` list, no longer needed); returns the subset of
/// its anchors attested in two or more languages (for a guessed anchor:
/// named in [`GUESSED_NAMED_IN`] other languages). Counts are per variant, so
/// near-copies do not make a name look common.
/// The languages of one anchor across the corpus: the first seen, whether
/// another was seen, and up to `GUESSED_NAMED_IN + 1` languages naming it
/// (not guessing it) — a fixed array, no allocation per anchor.
#[derive(Debug, Clone, Copy)]
struct AnchorLanguages<'a> {
    first: &'a str,
    multi: bool,
    namers: [&'a str; GUESSED_NAMED_IN + 1],
    named: u8,
}

impl<'a> AnchorLanguages<'a> {
    fn new(lang: &'a str) -> Self {
        AnchorLanguages {
            first: lang,
            multi: false,
            namers: [""; GUESSED_NAMED_IN + 1],
            named: 0,
        }
    }

    fn add(&mut self, lang: &'a str, named: bool) {
        self.multi |= self.first != lang;
        if named {
            self.add_namer(lang);
        }
    }

    fn add_namer(&mut self, lang: &'a str) {
        let n = self.named as usize;
        if n < self.namers.len() && !self.namers[..n].contains(&lang) {
            self.namers[n] = lang;
            self.named += 1;
        }
    }

    fn merge(&mut self, other: &AnchorLanguages<'a>) {
        self.multi |= other.multi || self.first != other.first;
        for &lang in &other.namers[..other.named as usize] {
            self.add_namer(lang);
        }
    }

    /// How many languages other than `lang` name the anchor (at most
    /// `GUESSED_NAMED_IN + 1` are kept).
    fn named_besides(&self, lang: &str) -> usize {
        self.namers[..self.named as usize]
            .iter()
            .filter(|&&l| l != lang)
            .count()
    }
}

fn specific_anchors(docs: &mut [StoryDoc], variant_of: &[u32]) -> Vec<Vec<Feature>> {
    // Count each variant once, through its first member (its "leader").
    let mut leader = vec![u32::MAX; docs.len()];
    for (i, &v) in variant_of.iter().enumerate() {
        if let Some(l) = leader.get_mut(v as usize) {
            *l = (*l).min(i as u32);
        }
    }
    let is_leader = |i: usize| leader.get(variant_of[i] as usize) == Some(&(i as u32));
    /// Per language: variants; per (language, guessed anchor): variants; per
    /// anchor: its languages ([`AnchorLanguages`]).
    #[derive(Default)]
    struct Counts<'a> {
        per_lang: FxHashMap<&'a str, u32>,
        lang_df: FxHashMap<(&'a str, Feature), u32>,
        languages_of: FxHashMap<Feature, AnchorLanguages<'a>>,
    }
    let Counts {
        per_lang,
        lang_df,
        languages_of,
    } = docs
        .par_iter()
        .enumerate()
        .fold(Counts::default, |mut c, (i, d)| {
            if is_leader(i) {
                *c.per_lang.entry(d.lang).or_insert(0) += 1;
                for &f in &d.features.guessed {
                    *c.lang_df.entry((d.lang, f)).or_insert(0) += 1;
                }
            }
            for &f in &d.features.anchors {
                let named = d.features.guessed.binary_search(&f).is_err();
                c.languages_of
                    .entry(f)
                    .or_insert_with(|| AnchorLanguages::new(d.lang))
                    .add(d.lang, named);
            }
            c
        })
        .reduce(Counts::default, |a, b| {
            let (mut big, small) = if a.languages_of.len() >= b.languages_of.len() {
                (a, b)
            } else {
                (b, a)
            };
            for (k, v) in small.per_lang {
                *big.per_lang.entry(k).or_insert(0) += v;
            }
            for (k, v) in small.lang_df {
                *big.lang_df.entry(k).or_insert(0) += v;
            }
            for (f, other) in small.languages_of {
                match big.languages_of.entry(f) {
                    std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().merge(&other),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(other);
                    }
                }
            }
            big
        });
    // Fewer other languages than GUESSED_NAMED_IN: all of them.
    let namers_needed = GUESSED_NAMED_IN
        .min(per_lang.len().saturating_sub(1))
        .max(1);
    docs.par_iter_mut()
        .map(|d| {
            let n = per_lang.get(d.lang).copied().unwrap_or(0) as usize;
            let guessed = std::mem::take(&mut d.features.guessed);
            let lang = d.lang;
            let common = |f: &Feature| {
                n >= COMMON_MIN_DOCS
                    && guessed.binary_search(f).is_ok()
                    && lang_df.get(&(lang, *f)).copied().unwrap_or(0) as f64
                        >= COMMON_SHARE * n as f64
            };
            d.features.anchors.retain(|f| !common(f));
            d.features
                .anchors
                .iter()
                .copied()
                .filter(|f| {
                    languages_of.get(f).is_some_and(|e| {
                        e.multi
                            && (guessed.binary_search(f).is_err()
                                || e.named_besides(lang) >= namers_needed)
                    })
                })
                .collect()
        })
        .collect()
}

impl Model {
    /// `variant_of[i]`: the variant of document `i` (near-copies share one).
    /// The features become the model's vectors in place (hashes replaced by
    /// dense ids), so a corpus's features are never held twice.
    pub fn new(mut docs: Vec<StoryDoc>, variant_of: &[u32]) -> Model {
        let n = docs.len();
        let multilingual = specific_anchors(&mut docs, variant_of);
        let anchor_sets: Vec<&[Feature]> =
            docs.iter().map(|d| d.features.anchors.as_slice()).collect();
        let anchors = Vocab::build(n, &anchor_sets);
        drop(anchor_sets);
        let word_sets: Vec<&[Feature]> = docs.iter().map(|d| d.features.words.as_slice()).collect();
        // Words are salted by language: their IDF is within their language.
        let mut per_lang: FxHashMap<&str, u32> = FxHashMap::default();
        for d in &docs {
            *per_lang.entry(d.lang).or_insert(0) += 1;
        }
        let population: Vec<u32> = docs.iter().map(|d| per_lang[d.lang]).collect();
        let words = Vocab::build_within(n, &word_sets, Some(&population));
        drop(population);
        drop(word_sets);
        let (vecs, langs) = docs
            .into_par_iter()
            .zip(multilingual)
            .map(|(mut d, m)| {
                let years = d.features.years;
                let dates = std::mem::take(&mut d.features.dates);
                let mut vec = DocVec::new(
                    anchors.ids_of(d.features.anchors),
                    anchors.ids_of(m),
                    words.ids_of_with(d.features.words, d.features.word_counts),
                    &anchors,
                    &words,
                );
                vec.years = years;
                vec.dates = dates;
                (vec, d.lang)
            })
            .unzip();
        Model {
            anchors,
            words,
            docs: vecs,
            langs,
        }
    }

    /// Score documents `a` and `b`.
    pub fn score(&self, a: usize, b: usize) -> score::PairScore {
        score::score(
            (&self.docs[a], self.langs[a]),
            (&self.docs[b], self.langs[b]),
            &self.anchors,
            &self.words,
        )
    }
}

/// Postings walked per document and index, at most: the rarest features
/// come first, and the walk stops when their document frequencies add up to
/// this. Bounds the candidate search at O(documents) however large the corpus
/// (a feature's frequency grows with it).
pub const POSTINGS_BUDGET: u32 = 2048;

/// The (at most `keep`) rarest ids of a document with `2 ≤ df ≤ max_df`, while
/// their frequencies add up to at most [`POSTINGS_BUDGET`].
fn rarest(ids: &[u32], vocab: &Vocab, max_df: u32, keep: usize) -> Vec<u32> {
    let mut picked: Vec<u32> = ids
        .iter()
        .copied()
        .filter(|&i| (2..=max_df).contains(&vocab.df(i)))
        .collect();
    picked.sort_unstable_by_key(|&i| (vocab.df(i), i));
    picked.truncate(keep);
    let mut total = 0u32;
    let within = picked
        .iter()
        .take_while(|&&i| {
            total += vocab.df(i);
            total <= POSTINGS_BUDGET
        })
        .count();
    picked.truncate(within.max(1));
    picked
}

/// An inverted index over each document's picked (rarest) features: the
/// documents of feature `i` are `docs[start[i]..start[i + 1]]`, in document
/// order (compressed rows, one array).
struct Postings {
    picked: Vec<Vec<u32>>,
    start: Vec<u32>,
    docs: Vec<u32>,
}

impl Postings {
    fn new(picked: Vec<Vec<u32>>, vocab: &Vocab) -> Postings {
        let mut start = vec![0u32; vocab.len() + 1];
        for &i in picked.iter().flatten() {
            start[i as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut fill = start.clone();
        let mut docs = vec![0u32; start[vocab.len()] as usize];
        for (doc, ids) in picked.iter().enumerate() {
            for &i in ids {
                docs[fill[i as usize] as usize] = doc as u32;
                fill[i as usize] += 1;
            }
        }
        Postings {
            picked,
            start,
            docs,
        }
    }

    /// For each query document (every document when `queries` is `None`),
    /// the `keep` documents sharing the most rare weight.
    fn top_neighbours(
        &self,
        vocab: &Vocab,
        keep: usize,
        queries: Option<&[u32]>,
    ) -> Vec<(u32, u32)> {
        let (picked, start, docs) = (&self.picked, &self.start, &self.docs);
        let n = picked.len();
        let postings = |i: u32| &docs[start[i as usize] as usize..start[i as usize + 1] as usize];
        let all: Vec<u32>;
        let queries = match queries {
            Some(q) => q,
            None => {
                all = (0..n as u32).collect();
                &all
            }
        };
        queries
            .par_iter()
            .map_init(
                || (vec![0f32; n], Vec::<u32>::new()),
                |(acc, touched), &doc| {
                    let doc = doc as usize;
                    for &i in &picked[doc] {
                        let w = vocab.w2(i);
                        for &other in postings(i) {
                            if other as usize != doc {
                                if acc[other as usize] == 0.0 {
                                    touched.push(other);
                                }
                                acc[other as usize] += w;
                            }
                        }
                    }
                    let mut best: Vec<(u32, f32)> =
                        touched.iter().map(|&o| (o, acc[o as usize])).collect();
                    for &o in touched.iter() {
                        acc[o as usize] = 0.0;
                    }
                    touched.clear();
                    // The `keep` best (weight, then index: a total order), sorted.
                    let order =
                        |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
                    if best.len() > keep && keep > 0 {
                        best.select_nth_unstable_by(keep - 1, order);
                    }
                    best.truncate(keep);
                    best.sort_unstable_by(order);
                    let d = doc as u32;
                    best.into_iter()
                        .map(|(o, _)| if d < o { (d, o) } else { (o, d) })
                        .collect::<Vec<_>>()
                },
            )
            .flatten()
            .collect()
    }
}

/// [`Postings::top_neighbours`] of an index built for the purpose.
#[cfg(test)]
fn top_neighbours(
    picked: &[Vec<u32>],
    vocab: &Vocab,
    keep: usize,
    queries: Option<&[u32]>,
) -> Vec<(u32, u32)> {
    Postings::new(picked.to_vec(), vocab).top_neighbours(vocab, keep, queries)
}

/// Candidate pairs `(a, b)`, `a < b`, from two inverted indexes over each
/// document's rarest features: multilingual anchors (finds translations) and
/// words (same-language reports). Each document contributes its `candidates`
/// best neighbours from each. Never all pairs: the work per document is bounded
/// by `index_features × max_df`.
pub fn candidate_pairs(model: &Model, config: &StoryConfig) -> Vec<(u32, u32)> {
    // One index at a time, so only one set of picked features is alive.
    let mut pairs = Vec::new();
    for kind in [Index::Multilingual, Index::Words] {
        let postings = postings(model, config, kind);
        pairs.extend(postings.top_neighbours(kind.vocab(model), config.candidates, None));
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// The two inverted indexes of the candidate search.
#[derive(Clone, Copy)]
enum Index {
    /// Multilingual anchors (finds translations).
    Multilingual,
    /// Content words (same-language reports).
    Words,
}

impl Index {
    fn vocab(self, model: &Model) -> &Vocab {
        match self {
            Index::Multilingual => &model.anchors,
            Index::Words => &model.words,
        }
    }
}

fn postings(model: &Model, config: &StoryConfig, kind: Index) -> Postings {
    let max_df = (model.docs.len() / 20).clamp(100, 500) as u32;
    let vocab = kind.vocab(model);
    let picked: Vec<Vec<u32>> = model
        .docs
        .par_iter()
        .map(|d| {
            let features = match kind {
                Index::Multilingual => &d.multilingual,
                Index::Words => &d.words,
            };
            rarest(features, vocab, max_df, config.index_features)
        })
        .collect();
    Postings::new(picked, vocab)
}

/// Both indexes of the candidate search, kept to be asked several times (an
/// incremental run asks for its new documents, then for the stories they
/// touch).
pub struct CandidateIndex<'a> {
    model: &'a Model,
    candidates: usize,
    indexes: [Postings; 2],
}

impl<'a> CandidateIndex<'a> {
    pub fn new(model: &'a Model, config: &StoryConfig) -> CandidateIndex<'a> {
        CandidateIndex {
            model,
            candidates: config.candidates,
            indexes: [
                postings(model, config, Index::Multilingual),
                postings(model, config, Index::Words),
            ],
        }
    }

    /// [`candidate_pairs`] of the `queries` documents only: their best
    /// neighbours among all documents.
    pub fn pairs_of(&self, queries: &[u32]) -> Vec<(u32, u32)> {
        if queries.is_empty() {
            return Vec::new();
        }
        let mut pairs = Vec::new();
        for (postings, kind) in self.indexes.iter().zip([Index::Multilingual, Index::Words]) {
            pairs.extend(postings.top_neighbours(
                kind.vocab(self.model),
                self.candidates,
                Some(queries),
            ));
        }
        pairs.par_sort_unstable();
        pairs.dedup();
        pairs
    }
}

/// A scored candidate pair (`a < b`): the pair score and whether the two
/// documents share a language. What the edges are made of, and what a state
/// keeps between runs (the weights depend on every document's best score, so
/// they are derived again each run, [`edges_of`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub a: u32,
    pub b: u32,
    pub score: f64,
    pub same_language: bool,
}

/// Score `pairs`, leaving out pairs inside one variant (`variant_of` equal):
/// the variant is already one cluster, and a document's near-copy must not
/// set its best score. A pair scoring below `min_edge × floor` (below
/// `min_edge` in one language, where the weight is the score) can neither
/// become an edge (its weight is at most score / floor) nor raise a
/// document's best score above the floor: it is dropped at once, which keeps
/// memory bounded.
pub fn score_pairs(
    model: &Model,
    config: &StoryConfig,
    variant_of: &[u32],
    mut pairs: Vec<(u32, u32)>,
) -> Vec<Scored> {
    pairs.retain(|&(a, b)| variant_of[a as usize] != variant_of[b as usize]);
    let least = config.min_edge * config.neighbour_floor.min(config.latin_floor);
    pairs
        .into_par_iter()
        .filter_map(|(a, b)| {
            let s = model.score(a as usize, b as usize);
            // In one language the weight is the score itself.
            let keep = if s.same_language {
                config.min_edge
            } else {
                least
            };
            (s.score >= keep).then_some(Scored {
                a,
                b,
                score: s.score,
                same_language: s.same_language,
            })
        })
        .collect()
}

/// Whether a language (its code, as `lang` gives it) is written in Latin script.
pub fn latin_script(lang: &str) -> bool {
    const LATIN: &[&str] = &[
        "af", "ak", "az", "ca", "cs", "cy", "da", "de", "en", "eo", "es", "et", "eu", "fi", "fil",
        "fr", "ga", "gl", "hr", "hu", "id", "is", "it", "jv", "la", "lb", "lt", "lv", "ms", "mt",
        "nb", "nl", "nn", "no", "pl", "pt", "ro", "sk", "sl", "sn", "so", "sq", "sv", "sw", "tk",
        "tl", "tr", "uz", "vi", "zu",
    ];
    LATIN.contains(&lang)
}

/// The edges of the documents of languages `langs` from their scored pairs. A
/// pair in one language keeps its score (the fitted probability that the two
/// report one story). A pair across languages is normalized by each
/// document's best score:
/// `w(a, b) = s(a, b) / sqrt(max(best_a, floor) · max(best_b, floor))`.
/// Languages and scripts differ in how much evidence survives translation; a
/// document whose best match scores 0.3 treats a 0.3 pair as strong, while the
/// floor keeps weak documents from inflating noise. Between two Latin-script
/// languages the floor is `latin_floor`: names match letter for letter there,
/// so little evidence is not the script's fault.
pub fn edges_of(scored: &[Scored], langs: &[&str], config: &StoryConfig) -> Vec<cluster::Edge> {
    let n = langs.len();
    let latin: Vec<bool> = langs.iter().map(|l| latin_script(l)).collect();
    let mut best = vec![0.0f64; n];
    for s in scored {
        best[s.a as usize] = best[s.a as usize].max(s.score);
        best[s.b as usize] = best[s.b as usize].max(s.score);
    }
    scored
        .iter()
        .filter_map(|s| {
            let floor = if latin[s.a as usize] && latin[s.b as usize] {
                config.latin_floor
            } else {
                config.neighbour_floor
            };
            let norm = (best[s.a as usize].max(floor) * best[s.b as usize].max(floor)).sqrt();
            let weight = if s.same_language {
                s.score
            } else {
                (s.score / norm).min(1.0)
            };
            (weight >= config.min_edge).then_some(cluster::Edge {
                a: s.a,
                b: s.b,
                weight,
            })
        })
        .collect()
}

/// Scored candidate pairs, then their edges ([`score_pairs`], [`edges_of`]).
pub fn edges(model: &Model, config: &StoryConfig, variant_of: &[u32]) -> Vec<cluster::Edge> {
    let pairs = candidate_pairs(model, config);
    let scored = score_pairs(model, config, variant_of, pairs);
    edges_of(&scored, &model.langs, config)
}

/// What the story stage computed, kept for `explain` (which must not build
/// the model and the edges a second time).
pub struct StoryRun {
    pub model: Model,
    pub edges: Vec<cluster::Edge>,
    /// The stories, as sorted document indices.
    pub clusters: Vec<Vec<u32>>,
}

/// Group documents into stories. `variants` are the initial clusters (every
/// document in exactly one). Returns stories as sorted document indices.
pub fn stories(
    docs: Vec<StoryDoc>,
    variants: Vec<Vec<u32>>,
    config: &StoryConfig,
    progress: &dyn crate::progress::Progress,
) -> Vec<Vec<u32>> {
    let (model, edges) = model_and_edges(docs, &variants, config, progress);
    drop(model);
    link(variants, edges, config, progress)
}

/// [`stories`], keeping the model and the edges.
pub fn stories_kept(
    docs: Vec<StoryDoc>,
    variants: Vec<Vec<u32>>,
    config: &StoryConfig,
    progress: &dyn crate::progress::Progress,
) -> StoryRun {
    let (model, edges) = model_and_edges(docs, &variants, config, progress);
    let clusters = link(variants, edges.clone(), config, progress);
    StoryRun {
        model,
        edges,
        clusters,
    }
}

/// The story model of `docs` and its edges, `variants` being the initial clusters.
fn model_and_edges(
    docs: Vec<StoryDoc>,
    variants: &[Vec<u32>],
    config: &StoryConfig,
    progress: &dyn crate::progress::Progress,
) -> (Model, Vec<cluster::Edge>) {
    let clock = std::time::Instant::now();
    let mut variant_of = vec![0u32; docs.len()];
    for (v, members) in variants.iter().enumerate() {
        for &m in members {
            variant_of[m as usize] = v as u32;
        }
    }
    let model = Model::new(docs, &variant_of);
    progress.phase("story model", clock.elapsed().as_secs_f64());
    let clock = std::time::Instant::now();
    let edges = edges(&model, config, &variant_of);
    progress.phase("story edges", clock.elapsed().as_secs_f64());
    (model, edges)
}

/// Average linkage over the edges, from the variants.
fn link(
    variants: Vec<Vec<u32>>,
    edges: Vec<cluster::Edge>,
    config: &StoryConfig,
    progress: &dyn crate::progress::Progress,
) -> Vec<Vec<u32>> {
    let clock = std::time::Instant::now();
    let n = variants.iter().map(Vec::len).sum();
    let clusters = cluster::average_linkage(variants, n, edges, config.threshold);
    progress.phase("story linkage", clock.elapsed().as_secs_f64());
    clusters
}
mod tests;
