//! Average-linkage agglomerative clustering over a sparse similarity graph.
//!
//! Clusters start as the variants (near-duplicate groups). The similarity of two
//! clusters is the **mean over all cross pairs**, a missing edge counting as 0;
//! the closest pair of clusters merges while that mean is at least the
//! threshold. Unlike single linkage (connected components), one strong bridge
//! between two large stories adds only `w / (|A|·|B|)` to their mean, so weak
//! links cannot chain stories together.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;

/// An undirected weighted edge between two items (`a < b`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub a: u32,
    pub b: u32,
    pub weight: f64,
}

#[derive(PartialEq)]
struct Candidate {
    mean: f64,
    a: u32,
    b: u32,
    stamp_a: u32,
    stamp_b: u32,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.mean
            .total_cmp(&other.mean)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Cluster `groups` (initial clusters of item indices) by average linkage over
/// `edges` between items. Returns the final clusters, each sorted, ordered by
/// their smallest item.
pub fn average_linkage(
    groups: Vec<Vec<u32>>,
    n_items: usize,
    edges: Vec<Edge>,
    threshold: f64,
) -> Vec<Vec<u32>> {
    let mut cluster_of = vec![0u32; n_items];
    for (c, g) in groups.iter().enumerate() {
        for &i in g {
            cluster_of[i as usize] = c as u32;
        }
    }
    let mut members: Vec<Vec<u32>> = groups;
    let mut size: Vec<f64> = members.iter().map(|m| m.len() as f64).collect();
    let mut stamp: Vec<u32> = vec![0; members.len()];
    let mut alive: Vec<bool> = vec![true; members.len()];
    let mut links: Vec<FxHashMap<u32, f64>> = vec![FxHashMap::default(); members.len()];
    for e in &edges {
        let (ca, cb) = (cluster_of[e.a as usize], cluster_of[e.b as usize]);
        if ca != cb {
            *links[ca as usize].entry(cb).or_insert(0.0) += e.weight;
            *links[cb as usize].entry(ca).or_insert(0.0) += e.weight;
        }
    }
    // The links hold what the edges said.
    drop(edges);
    drop(cluster_of);
    let mut heap = BinaryHeap::new();
    for a in 0..members.len() {
        let mut neigh: Vec<(&u32, &f64)> = links[a].iter().collect();
        neigh.sort_by_key(|(b, _)| **b);
        for (&b, &sum) in neigh {
            if (a as u32) < b {
                let mean = sum / (size[a] * size[b as usize]);
                if mean >= threshold {
                    heap.push(Candidate {
                        mean,
                        a: a as u32,
                        b,
                        stamp_a: 0,
                        stamp_b: 0,
                    });
                }
            }
        }
    }
    while let Some(c) = heap.pop() {
        let (a, b) = (c.a as usize, c.b as usize);
        if !alive[a] || !alive[b] || stamp[a] != c.stamp_a || stamp[b] != c.stamp_b {
            continue;
        }
        // Merge b into a.
        alive[b] = false;
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        size[a] += size[b];
        stamp[a] += 1;
        let b_links = std::mem::take(&mut links[b]);
        links[a].remove(&(b as u32));
        for (k, w) in b_links {
            if k as usize != a {
                *links[a].entry(k).or_insert(0.0) += w;
            }
        }
        let mut neigh: Vec<(u32, f64)> = links[a].iter().map(|(&k, &w)| (k, w)).collect();
        neigh.sort_by_key(|(k, _)| *k);
        for (k, w) in neigh {
            let ku = k as usize;
            links[ku].remove(&(b as u32));
            links[ku].insert(a as u32, w);
            let mean = w / (size[a] * size[ku]);
            if mean >= threshold {
                let (x, y) = if a < ku { (a, ku) } else { (ku, a) };
                heap.push(Candidate {
                    mean,
                    a: x as u32,
                    b: y as u32,
                    stamp_a: stamp[x],
                    stamp_b: stamp[y],
                });
            }
        }
    }
    let mut out: Vec<Vec<u32>> = members
        .into_iter()
        .zip(alive)
        .filter(|(m, alive)| *alive && !m.is_empty())
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    out.sort_by_key(|m| m[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(a: u32, b: u32, weight: f64) -> Edge {
        Edge { a, b, weight }
    }

    #[test]
    fn merges_dense_groups() {
        let edges = [e(0, 1, 0.9), e(1, 2, 0.8), e(0, 2, 0.7), e(3, 4, 0.9)];
        let groups = (0..5).map(|i| vec![i]).collect();
        assert_eq!(
            average_linkage(groups, 5, edges.to_vec(), 0.5),
            vec![vec![0, 1, 2], vec![3, 4]]
        );
    }

    #[test]
    fn a_single_bridge_does_not_chain_two_stories() {
        // Two cliques of 4 joined by one strong edge 3–4.
        let mut edges = Vec::new();
        for (lo, hi) in [(0u32, 4u32), (4, 8)] {
            for a in lo..hi {
                for b in a + 1..hi {
                    edges.push(e(a, b, 0.8));
                }
            }
        }
        // A bridge above the threshold: single linkage would join the cliques.
        edges.push(e(3, 4, 0.5));
        let groups = (0..8).map(|i| vec![i]).collect();
        let out = average_linkage(groups, 8, edges, 0.3);
        assert_eq!(out, vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]]);
    }

    #[test]
    fn initial_groups_stay_together() {
        let out = average_linkage(vec![vec![0, 2], vec![1]], 3, Vec::new(), 0.5);
        assert_eq!(out, vec![vec![0, 2], vec![1]]);
    }
}
