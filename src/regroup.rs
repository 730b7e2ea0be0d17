//! The story stage of a run with a state: full, or incremental over the
//! stories that changed.
//!
//! A full grouping is the story stage of a run without state, and it also
//! returns its scored candidate pairs ([`story::Scored`]), which the state
//! keeps. An incremental grouping starts from them:
//!
//! 1. the model (IDF, common and multilingual anchors) is built again from
//!    every document, as in a full run, and the candidate index over all
//!    documents ([`story::CandidateIndex`]);
//! 2. stored pairs of documents that are gone, or that must be asked again
//!    (`requery`: new, changed or re-analysed documents, and the members of a
//!    variant whose membership changed), are dropped; the `requery` documents
//!    are looked up in the index and their pairs scored;
//! 3. the stories *touched* — holding a `requery` document, having lost a
//!    document, or reached by an edge of at least the linkage threshold from a
//!    `requery` document (closed over the variants, which are never split) —
//!    make the *region*;
//! 4. every document of the region is looked up in the index again and its
//!    stored pairs give way to the ones found now: stored pairs were found
//!    when the corpus was smaller and scored under an older model, and
//!    keeping them (measured) let the result drift from a full grouping
//!    (ecb-dev, 5 batches without full regroup: story F1 0.924 against one
//!    run; asking the region again: 0.998);
//! 5. the edge weights are derived again from all pairs ([`story::edges_of`]:
//!    the neighbour normalization depends on every document's best score),
//!    and the region is clustered again by average linkage, starting from its
//!    variants; every other story keeps its documents.
//!
//! What is not the same as a full run (hence the full regroup every so often,
//! see `incremental`): a document outside the region keeps the pairs of an
//! earlier run (and so its best score in the normalization), a region
//! document is paired with an outside one only from its own side, and
//! linkage runs over the region only.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::Config;
use crate::grouping::Grouping;
use crate::progress::Progress;
use crate::story::{self, Scored, StoryDoc, cluster};

/// What an incremental grouping starts from, per document of this run (by
/// index) and from the state.
pub(crate) struct Prior<'a> {
    /// Per document: its stable number in the state.
    pub nums: &'a [u32],
    /// Per document: its stored pairs cannot be kept (see the module doc).
    pub requery: &'a [bool],
    /// Per document: its story in the previous run, if it had one.
    pub prev_story: &'a [Option<u64>],
    /// Previous stories that lost a document (removed, now skipped).
    pub lost: &'a FxHashSet<u64>,
    /// The stored scored pairs, by document number.
    pub pairs: &'a [Scored],
}

/// The result of the story stage with a state.
pub(crate) struct Outcome {
    /// Stories as sorted document indices, ordered by smallest member.
    pub clusters: Vec<Vec<u32>>,
    /// Every scored pair of this run, by document index, sorted.
    pub pairs: Vec<Scored>,
    /// Documents clustered again (all of them in a full grouping).
    pub regrouped: usize,
}

/// Join the variants of `grouping` into stories: from scratch (`prior`
/// `None`), or starting from the stored pairs and stories.
pub(crate) fn stories(
    docs: Vec<StoryDoc>,
    grouping: &Grouping,
    config: &Config,
    prior: Option<Prior>,
    progress: &dyn Progress,
) -> Outcome {
    let config = &config.story;
    let n = docs.len();
    let variant_of = grouping.variant_ids();
    let clock = std::time::Instant::now();
    let model = story::Model::new(docs, variant_of);
    progress.phase("story model", clock.elapsed().as_secs_f64());
    let clock = std::time::Instant::now();
    let initial: Vec<Vec<u32>> = grouping.variant_members();
    let (pairs, edges, region) = match &prior {
        None => {
            let candidates = story::candidate_pairs(&model, config);
            let pairs = story::score_pairs(&model, config, variant_of, candidates);
            let edges = story::edges_of(&pairs, &model.langs, config);
            (pairs, edges, None)
        }
        Some(p) => {
            // The index is built only when something is to be asked (a run
            // without changes needs none).
            let queries: Vec<u32> = (0..n as u32).filter(|&i| p.requery[i as usize]).collect();
            let mut index =
                (!queries.is_empty()).then(|| story::CandidateIndex::new(&model, config));
            let candidates = index
                .as_ref()
                .map_or_else(Vec::new, |i| i.pairs_of(&queries));
            let mut pairs = story::score_pairs(&model, config, variant_of, candidates);
            pairs.extend(kept_pairs(p, variant_of));
            pairs.sort_unstable_by_key(|s| (s.a, s.b));
            pairs.dedup_by_key(|s| (s.a, s.b));
            let edges = story::edges_of(&pairs, &model.langs, config);
            let region = region_of(p, &initial, &edges, config.threshold);
            // Every document of the region is asked again: its stored pairs
            // (found when the corpus was smaller, scored under an older
            // model) give way to its best neighbours now.
            let more: Vec<u32> = (0..n as u32)
                .filter(|&i| region[i as usize] && !p.requery[i as usize])
                .collect();
            if index.is_none() && !more.is_empty() {
                index = Some(story::CandidateIndex::new(&model, config));
            }
            let candidates = index.as_ref().map_or_else(Vec::new, |i| i.pairs_of(&more));
            drop(index);
            let renewed = story::score_pairs(&model, config, variant_of, candidates);
            pairs.retain(|s| {
                !(region[s.a as usize] || region[s.b as usize])
                    || p.requery[s.a as usize]
                    || p.requery[s.b as usize]
            });
            pairs.extend(renewed);
            pairs.sort_unstable_by_key(|s| (s.a, s.b));
            pairs.dedup_by_key(|s| (s.a, s.b));
            let edges = story::edges_of(&pairs, &model.langs, config);
            (pairs, edges, Some(region))
        }
    };
    drop(model);
    progress.phase("story edges", clock.elapsed().as_secs_f64());
    let clock = std::time::Instant::now();
    let (clusters, regrouped) = match (&prior, region) {
        (Some(p), Some(region)) => link(p, initial, &region, edges, config.threshold),
        _ => (
            cluster::average_linkage(initial, n, edges, config.threshold),
            n,
        ),
    };
    progress.phase("story linkage", clock.elapsed().as_secs_f64());
    Outcome {
        clusters,
        pairs,
        regrouped,
    }
}

/// The stored pairs that stay valid, by document index.
fn kept_pairs(p: &Prior, variant_of: &[u32]) -> Vec<Scored> {
    let index: FxHashMap<u32, u32> = p
        .nums
        .iter()
        .enumerate()
        .filter(|&(i, _)| !p.requery[i])
        .map(|(i, &num)| (num, i as u32))
        .collect();
    p.pairs
        .iter()
        .filter_map(|s| {
            let (a, b) = (*index.get(&s.a)?, *index.get(&s.b)?);
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            (variant_of[a as usize] != variant_of[b as usize]).then_some(Scored { a, b, ..*s })
        })
        .collect()
}

/// Per document: whether its story is clustered again. The stories touched
/// are those holding a `requery` document, those that lost a document and
/// those an edge of a `requery` document of weight at least `threshold`
/// reaches, closed over the variants (a variant is never split between a
/// story kept as it was and one clustered again).
///
/// Why weaker edges need not touch a story B: average linkage merges two
/// clusters when the mean weight between them is at least `threshold`. B and
/// any cluster A of old documents had a mean below it (else they would have
/// merged); adding new documents to A whose edges to B are each below
/// `threshold` keeps the mean below it, since each adds less than
/// `threshold` to the sum and at least `threshold` × |B| to the bound.
fn region_of(
    p: &Prior,
    variants: &[Vec<u32>],
    edges: &[cluster::Edge],
    threshold: f64,
) -> Vec<bool> {
    let n = p.requery.len();
    let mut touched: FxHashSet<u64> = p.lost.clone();
    for i in 0..n {
        if p.requery[i]
            && let Some(s) = p.prev_story[i]
        {
            touched.insert(s);
        }
    }
    for e in edges.iter().filter(|e| e.weight >= threshold) {
        let (a, b) = (e.a as usize, e.b as usize);
        for (x, other) in [(a, b), (b, a)] {
            if p.requery[x]
                && let Some(s) = p.prev_story[other]
            {
                touched.insert(s);
            }
        }
    }
    let in_region = |touched: &FxHashSet<u64>, i: usize| {
        p.requery[i] || p.prev_story[i].is_none_or(|s| touched.contains(&s))
    };
    loop {
        let mut grew = false;
        for members in variants {
            if members.iter().any(|&m| in_region(&touched, m as usize)) {
                for &m in members {
                    if let Some(s) = p.prev_story[m as usize] {
                        grew |= touched.insert(s);
                    }
                }
            }
        }
        if !grew {
            break;
        }
    }
    (0..n).map(|i| in_region(&touched, i)).collect()
}

/// Average linkage over the `region` only; every other document stays in
/// its previous story. Returns the stories and the number of documents
/// clustered again.
fn link(
    p: &Prior,
    variants: Vec<Vec<u32>>,
    region: &[bool],
    edges: Vec<cluster::Edge>,
    threshold: f64,
) -> (Vec<Vec<u32>>, usize) {
    let n = region.len();
    let mut kept: std::collections::BTreeMap<u64, Vec<u32>> = Default::default();
    for (i, (&inside, &story)) in region.iter().zip(p.prev_story).enumerate() {
        if !inside && let Some(s) = story {
            kept.entry(s).or_default().push(i as u32);
        }
    }
    let groups: Vec<Vec<u32>> = variants
        .into_iter()
        .filter(|m| m.first().is_some_and(|&d| region[d as usize]))
        .collect();
    let regrouped = groups.iter().map(Vec::len).sum();
    let edges: Vec<cluster::Edge> = edges
        .into_iter()
        .filter(|e| region[e.a as usize] && region[e.b as usize])
        .collect();
    let mut clusters = cluster::average_linkage(groups, n, edges, threshold);
    clusters.extend(kept.into_values());
    clusters.sort_by_key(|m| m[0]);
    (clusters, regrouped)
}

/// [`region_of`], then [`link`].
#[cfg(test)]
fn relink(
    p: &Prior,
    variants: Vec<Vec<u32>>,
    edges: Vec<cluster::Edge>,
    threshold: f64,
) -> (Vec<Vec<u32>>, usize) {
    let region = region_of(p, &variants, &edges, threshold);
    link(p, variants, &region, edges, threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(a: u32, b: u32, score: f64) -> Scored {
        Scored {
            a,
            b,
            score,
            same_language: true,
        }
    }

    fn edge(a: u32, b: u32, weight: f64) -> cluster::Edge {
        cluster::Edge { a, b, weight }
    }

    #[test]
    fn stored_pairs_of_requeried_and_gone_documents_are_dropped() {
        // Documents (index → number): 0 → 10, 1 → 11, 2 → 12 (requeried).
        // Number 13 is gone.
        let nums = [10, 11, 12];
        let requery = [false, false, true];
        let lost = FxHashSet::default();
        let stored = [
            scored(10, 11, 0.9),
            scored(11, 12, 0.8),
            scored(10, 13, 0.7),
        ];
        let p = Prior {
            nums: &nums,
            requery: &requery,
            prev_story: &[Some(1), Some(1), Some(2)],
            lost: &lost,
            pairs: &stored,
        };
        assert_eq!(kept_pairs(&p, &[0, 1, 2]), vec![scored(0, 1, 0.9)]);
        // Two documents now in one variant have no pair.
        assert_eq!(kept_pairs(&p, &[0, 0, 2]), vec![]);
    }

    #[test]
    fn only_touched_stories_are_clustered_again() {
        // Previous stories: 1 = {0, 1}, 2 = {2, 3}, 3 = {4}. Document 5 is
        // new and close to 4; documents 0 and 1 have no edge any more (a
        // full linkage would split them), but their story is not touched.
        let nums = [0, 1, 2, 3, 4, 5];
        let requery = [false, false, false, false, false, true];
        let prev = [Some(1), Some(1), Some(2), Some(2), Some(3), None];
        let lost = FxHashSet::default();
        let p = Prior {
            nums: &nums,
            requery: &requery,
            prev_story: &prev,
            lost: &lost,
            pairs: &[],
        };
        let variants: Vec<Vec<u32>> = (0..6).map(|i| vec![i]).collect();
        // The edge 0–5 is below the threshold: it cannot make 5 join story 1.
        let edges = vec![edge(2, 3, 0.9), edge(4, 5, 0.8), edge(0, 5, 0.1)];
        let (clusters, regrouped) = relink(&p, variants.clone(), edges, 0.25);
        assert_eq!(clusters, vec![vec![0, 1], vec![2, 3], vec![4, 5]]);
        assert_eq!(regrouped, 2);
        // A story that lost a document is clustered again.
        let lost: FxHashSet<u64> = [1].into_iter().collect();
        let p = Prior { lost: &lost, ..p };
        let (clusters, regrouped) = relink(&p, variants, vec![], 0.25);
        assert_eq!(
            clusters,
            vec![vec![0], vec![1], vec![2, 3], vec![4], vec![5]]
        );
        // Documents 0 and 1, and the new 5 (alone now: no edge this time).
        assert_eq!(regrouped, 3);
    }

    #[test]
    fn a_variant_across_two_previous_stories_touches_both() {
        // Document 4 (new) is a near-copy of 1 and of 2 (one variant {1, 2,
        // 4}): stories 1 = {0, 1} and 2 = {2, 3} are both clustered again.
        let nums = [0, 1, 2, 3, 4];
        let requery = [false, true, true, false, true];
        let prev = [Some(1), Some(1), Some(2), Some(2), None];
        let lost = FxHashSet::default();
        let p = Prior {
            nums: &nums,
            requery: &requery,
            prev_story: &prev,
            lost: &lost,
            pairs: &[],
        };
        let variants = vec![vec![0], vec![1, 2, 4], vec![3]];
        let edges = vec![edge(0, 1, 0.9), edge(0, 2, 0.9), edge(0, 4, 0.9)];
        let (clusters, regrouped) = relink(&p, variants, edges, 0.25);
        assert_eq!(clusters, vec![vec![0, 1, 2, 4], vec![3]]);
        assert_eq!(regrouped, 5);
    }
}
