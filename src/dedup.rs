//! Stage 5c — **variants**: verified near-duplicate pairs joined into groups
//! (union–find). Each group is a *variant* of a story: one text and its copies.

use crate::lsh::Pair;
use crate::unionfind::UnionFind;

/// A near-duplicate group, as indices into the document list.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Members, sorted.
    pub members: Vec<u32>,
    /// The member chosen to represent the group.
    pub canonical: u32,
}

/// Group `n` documents by the verified pairs. `rank(i)` orders candidates for
/// canonical (the greatest wins; the lower index breaks remaining ties).
pub fn variants<K: Ord>(n: usize, pairs: &[Pair], rank: impl Fn(u32) -> K) -> Vec<Variant> {
    let mut uf = UnionFind::new(n);
    for p in pairs {
        uf.union(p.a, p.b);
    }
    uf.groups()
        .into_iter()
        .map(|members| {
            let canonical = members
                .iter()
                .copied()
                .max_by(|&a, &b| rank(a).cmp(&rank(b)).then(b.cmp(&a)))
                .unwrap_or(members[0]);
            Variant { members, canonical }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_pairs_and_picks_longest_as_canonical() {
        let pairs = [
            Pair {
                a: 0,
                b: 3,
                similarity: 0.9,
            },
            Pair {
                a: 3,
                b: 4,
                similarity: 0.8,
            },
        ];
        let words = [100, 50, 60, 300, 300];
        let v = variants(5, &pairs, |i| words[i as usize]);
        assert_eq!(v.len(), 3);
        assert_eq!(
            v[0],
            Variant {
                members: vec![0, 3, 4],
                canonical: 3
            }
        );
        assert_eq!(v[1].members, vec![1]);
    }
}
