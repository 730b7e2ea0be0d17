//! Unit tests of the story index and scoring: common and multilingual
//! anchors (`specific_anchors`), the rarest-feature pick and its postings
//! budget (`rarest`), the inverted index (`top_neighbours`) and the neighbour
//! normalization of the edges (`edges`).

#![cfg(test)]

use super::score::Vocab;
use super::*;

/// A document with these anchors (`guessed` ⊆ `anchors`) and words.
fn doc(
    lang: &'static str,
    anchors: &[Feature],
    guessed: &[Feature],
    words: &[Feature],
) -> StoryDoc {
    StoryDoc {
        features: StoryFeatures {
            anchors: anchors.to_vec(),
            guessed: guessed.to_vec(),
            words: words.to_vec(),
            word_counts: vec![1; words.len()],
            years: 0,
            dates: Default::default(),
        },
        lang,
    }
}

/// `n` documents, each its own variant.
fn singletons(n: usize) -> Vec<u32> {
    (0..n as u32).collect()
}

#[test]
fn common_guessed_anchors_are_dropped_per_language() {
    // Six Arabic variants all carry the guessed anchor 7 (a common word) and
    // the capitalized-style anchor 8; only the guessed one is common.
    let mut docs: Vec<StoryDoc> = (0..COMMON_MIN_DOCS + 1)
        .map(|i| doc("ar", &[7, 8, 100 + i as Feature], &[7], &[]))
        .collect();
    let variant_of = singletons(docs.len());
    let multilingual = specific_anchors(&mut docs, &variant_of);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.features.anchors, vec![8, 100 + i as Feature], "doc {i}");
        assert!(d.features.guessed.is_empty(), "guessed list is consumed");
    }
    // One language only: nothing is multilingual.
    assert!(multilingual.iter().all(Vec::is_empty));
}

#[test]
fn common_anchors_need_enough_variants_and_count_copies_once() {
    // Six documents but only two variants (near-copies): below COMMON_MIN_DOCS
    // variants, so the guessed anchor stays.
    let mut docs: Vec<StoryDoc> = (0..COMMON_MIN_DOCS + 1)
        .map(|_| doc("ar", &[7], &[7], &[]))
        .collect();
    let variant_of: Vec<u32> = (0..docs.len() as u32).map(|i| i % 2).collect();
    specific_anchors(&mut docs, &variant_of);
    assert!(docs.iter().all(|d| d.features.anchors == vec![7]));

    // Ten variants, the guessed anchor in two of them: a share of 0.2 is
    // below COMMON_SHARE (0.3), so it is a name, not a common word.
    let mut docs: Vec<StoryDoc> = (0..10)
        .map(|i| {
            if i < 2 {
                doc("fa", &[7], &[7], &[])
            } else {
                doc("fa", &[i as Feature + 10], &[], &[])
            }
        })
        .collect();
    specific_anchors(&mut docs, &singletons(10));
    assert_eq!(docs[0].features.anchors, vec![7]);
    assert_eq!(docs[1].features.anchors, vec![7]);
}

#[test]
fn multilingual_anchors_are_those_seen_in_two_languages() {
    let mut docs = vec![
        doc("en", &[1, 2, 3], &[], &[]),
        doc("de", &[1, 4], &[], &[]),
        doc("en", &[2, 5], &[], &[]),
        doc("ru", &[3, 6], &[], &[]),
    ];
    let multilingual = specific_anchors(&mut docs, &singletons(4));
    assert_eq!(
        multilingual,
        vec![vec![1, 3], vec![1], vec![], vec![3]],
        "2 is English only; 4, 5 and 6 are in one document each"
    );
}

#[test]
fn guessed_anchors_are_multilingual_when_named_in_two_other_languages() {
    assert_eq!(GUESSED_NAMED_IN, 2);
    // 1: guessed in Hebrew and Persian, named nowhere (a common word's
    // skeleton meeting another uncased script's word). 2: guessed in Hebrew,
    // named in English only. 3: guessed in Hebrew, named in English and
    // German (a real name of a translation). 4: named in English and German.
    let mut docs = vec![
        doc("he", &[1, 2, 3], &[1, 2, 3], &[]),
        doc("fa", &[1], &[1], &[]),
        doc("en", &[2, 3, 4], &[], &[]),
        doc("de", &[3, 4], &[], &[]),
    ];
    let multilingual = specific_anchors(&mut docs, &singletons(4));
    assert_eq!(
        multilingual,
        vec![vec![3], vec![], vec![2, 3, 4], vec![3, 4]]
    );

    // A corpus of two languages: a name of the other one is enough.
    let mut docs = vec![doc("he", &[2, 5], &[2, 5], &[]), doc("en", &[2], &[], &[])];
    let multilingual = specific_anchors(&mut docs, &singletons(2));
    assert_eq!(multilingual, vec![vec![2], vec![2]]);
}

/// A vocabulary where feature `f` (= its id, since ids follow the sorted
/// keys) has document frequency `dfs[f]`, over `n` documents.
fn vocab_with_dfs(n: usize, dfs: &[u32]) -> Vocab {
    let sets: Vec<Vec<Feature>> = (0..n)
        .map(|d| {
            (0..dfs.len() as Feature)
                .filter(|&f| (d as u32) < dfs[f as usize])
                .collect()
        })
        .collect();
    let refs: Vec<&[Feature]> = sets.iter().map(Vec::as_slice).collect();
    let vocab = Vocab::build(n, &refs);
    for (f, &df) in dfs.iter().enumerate() {
        assert_eq!(vocab.id(f as Feature), Some(f as u32));
        assert_eq!(vocab.df(f as u32), df);
    }
    vocab
}

#[test]
fn rarest_keeps_the_rarest_shared_features_in_order() {
    // df: 1 (never shared), 5, 2, 40 (above max_df), 3, 7
    let vocab = vocab_with_dfs(50, &[1, 5, 2, 40, 3, 7]);
    let all: Vec<u32> = (0..6).collect();
    assert_eq!(rarest(&all, &vocab, 30, 64), vec![2, 4, 1, 5]);
    assert_eq!(rarest(&all, &vocab, 30, 2), vec![2, 4]);
    assert_eq!(rarest(&all, &vocab, 4, 64), vec![2, 4]);
}

#[test]
fn rarest_stops_at_the_postings_budget_but_keeps_one() {
    let half = POSTINGS_BUDGET / 2;
    let n = POSTINGS_BUDGET as usize + 10;
    // Three features of df = budget / 2: only two fit in the budget.
    let vocab = vocab_with_dfs(n, &[half, half, half, POSTINGS_BUDGET + 5]);
    assert_eq!(rarest(&[0, 1, 2], &vocab, u32::MAX, 64), vec![0, 1]);
    // A single feature above the budget is still walked (one is always kept).
    assert_eq!(rarest(&[3], &vocab, u32::MAX, 64), vec![3]);
}

#[test]
fn top_neighbours_rank_by_shared_weight() {
    // Feature 0 is rare (df 2: docs 0 and 1), feature 1 less so (df 3: docs
    // 0, 2 and 3), so doc 0's best neighbour is doc 1.
    let sets: Vec<Vec<Feature>> = vec![vec![0, 1], vec![0], vec![1], vec![1], vec![]];
    let refs: Vec<&[Feature]> = sets.iter().map(Vec::as_slice).collect();
    let vocab = Vocab::build(5, &refs);
    assert!(vocab.w2(0) > vocab.w2(1));
    let picked: Vec<Vec<u32>> = sets.clone();
    let mut one = top_neighbours(&picked, &vocab, 1, None);
    one.sort_unstable();
    one.dedup();
    // doc 0 → 1; doc 1 → 0; docs 2 and 3 → 0 (the lower index wins a tie
    // in weight between 0 and the other); doc 4 has no features.
    assert_eq!(one, vec![(0, 1), (0, 2), (0, 3)]);
    let mut all = top_neighbours(&picked, &vocab, 10, None);
    all.sort_unstable();
    all.dedup();
    assert_eq!(all, vec![(0, 1), (0, 2), (0, 3), (2, 3)]);
    // Pairs are always (smaller, larger).
    assert!(all.iter().all(|&(a, b)| a < b));
    // Asked for doc 2 alone (an incremental run's new document): its best
    // neighbours among all documents, and nothing else.
    let mut two = top_neighbours(&picked, &vocab, 10, Some(&[2]));
    two.sort_unstable();
    assert_eq!(two, vec![(0, 2), (2, 3)]);
}

#[test]
fn edges_are_normalized_across_languages_only() {
    // Three English documents sharing words (doc 3 is a near-copy of doc 0)
    // and a German one sharing doc 0's names and numbers.
    let words: [&[Feature]; 4] = [&[1, 2, 3, 4], &[1, 2, 3, 5], &[3, 4, 6, 7], &[1, 2, 3, 4]];
    let anchors: [&[Feature]; 4] = [&[50, 51, 52], &[], &[], &[50, 51, 52]];
    let langs = ["en", "en", "en", "en"];
    let mut docs: Vec<StoryDoc> = (0..4)
        .map(|i| doc(langs[i], anchors[i], &[], words[i]))
        .collect();
    docs.push(doc("de", &[50, 51, 52], &[], &[90, 91]));
    let variant_of = vec![0, 1, 2, 0, 3];
    let model = Model::new(docs, &variant_of);
    let config = StoryConfig::default();
    let edges = edges(&model, &config, &variant_of);
    assert!(
        edges
            .iter()
            .all(|e| variant_of[e.a as usize] != variant_of[e.b as usize]),
        "no edge inside a variant"
    );
    let score = |a: u32, b: u32| model.score(a as usize, b as usize);
    // A document's best score is over every candidate pair outside its
    // variant that could become an edge.
    let mut best = [0.0f64; 5];
    for (a, b) in candidate_pairs(&model, &config) {
        let s = score(a, b);
        let keep = if s.same_language {
            config.min_edge
        } else {
            config.min_edge * config.neighbour_floor.min(config.latin_floor)
        };
        if variant_of[a as usize] != variant_of[b as usize] && s.score >= keep {
            best[a as usize] = best[a as usize].max(s.score);
            best[b as usize] = best[b as usize].max(s.score);
        }
    }
    assert!(!edges.is_empty());
    for e in &edges {
        let s = score(e.a, e.b);
        // In one language the weight is the fitted score itself; across
        // languages it is the score over the geometric mean of both ends'
        // best scores (floored), capped at 1.
        let want = if s.same_language {
            s.score
        } else {
            // English and German: both Latin script.
            let floor = config.latin_floor;
            let norm = (best[e.a as usize].max(floor) * best[e.b as usize].max(floor)).sqrt();
            (s.score / norm).min(1.0)
        };
        assert!((e.weight - want).abs() < 1e-12, "{e:?}: want {want}");
        assert!(e.weight >= config.min_edge);
    }
}

#[test]
fn latin_script_pairs_have_their_own_floor() {
    assert!(latin_script("de") && latin_script("en") && latin_script("fil"));
    assert!(!latin_script("ja") && !latin_script("ru") && !latin_script("und"));
    let config = StoryConfig {
        neighbour_floor: 0.4,
        latin_floor: 0.6,
        ..StoryConfig::default()
    };
    // Documents 0 (en) and 1 (de) score 0.12, as do 2 (en) and 3 (ja); no
    // document has a better match, so each best score is under both floors.
    let scored = [
        Scored {
            a: 0,
            b: 1,
            score: 0.12,
            same_language: false,
        },
        Scored {
            a: 2,
            b: 3,
            score: 0.12,
            same_language: false,
        },
    ];
    let edges = edges_of(&scored, &["en", "de", "en", "ja"], &config);
    assert_eq!(edges.len(), 2);
    // 0.12 / 0.6 between two Latin-script languages, 0.12 / 0.4 otherwise.
    assert!((edges[0].weight - 0.2).abs() < 1e-12, "{edges:?}");
    assert!((edges[1].weight - 0.3).abs() < 1e-12, "{edges:?}");
}
