//! The result of the grouping stages, document ↔ variant ↔ story, built once
//! (by [`crate::pipeline`]) and read by the report, `explain` and the
//! evaluation. It holds indices only, never text.

use crate::dedup::Variant;
use crate::lsh::Bands;

/// Variants (near-duplicate groups) of the documents and the stories they
/// form. Documents, variants and stories are indices: document `i` is the
/// `i`-th record of the run.
#[derive(Debug, Clone)]
pub struct Grouping {
    /// The LSH bands and rows chosen for the run.
    pub bands: Bands,
    /// Near-duplicate groups, ordered by smallest member.
    pub variants: Vec<Variant>,
    /// Per document: estimated Jaccard similarity to its variant's canonical.
    pub similarity: Vec<f32>,
    /// Each story: indices into `variants`, ascending.
    pub stories: Vec<Vec<usize>>,
    /// Per document: its variant.
    variant_of: Vec<u32>,
    /// Per variant: its story.
    story_of: Vec<u32>,
}

impl Grouping {
    /// The variants of `similarity.len()` documents, before the story stage:
    /// every variant is its own story.
    pub fn from_variants(bands: Bands, variants: Vec<Variant>, similarity: Vec<f32>) -> Grouping {
        let mut variant_of = vec![0u32; similarity.len()];
        for (vi, v) in variants.iter().enumerate() {
            for &m in &v.members {
                variant_of[m as usize] = vi as u32;
            }
        }
        let stories = (0..variants.len()).map(|v| vec![v]).collect();
        let story_of = (0..variants.len() as u32).collect();
        Grouping {
            bands,
            variants,
            similarity,
            stories,
            variant_of,
            story_of,
        }
    }

    /// Set the stories from clusters of documents, each a union of whole
    /// variants (the story stage never splits one). Stories keep the order of
    /// `clusters`.
    pub fn set_stories(&mut self, clusters: &[Vec<u32>]) {
        self.stories = clusters
            .iter()
            .map(|members| {
                let mut vs: Vec<usize> = members
                    .iter()
                    .map(|&m| self.variant_of[m as usize] as usize)
                    .collect();
                vs.sort_unstable();
                vs.dedup();
                vs
            })
            .collect();
        self.story_of = vec![0; self.variants.len()];
        for (si, vs) in self.stories.iter().enumerate() {
            for &v in vs {
                self.story_of[v] = si as u32;
            }
        }
    }

    /// The variant of document `doc`.
    pub fn variant_of(&self, doc: usize) -> usize {
        self.variant_of[doc] as usize
    }

    /// The story of document `doc`.
    pub fn story_of(&self, doc: usize) -> usize {
        self.story_of[self.variant_of(doc)] as usize
    }

    /// The variants as document lists (the story stage's starting clusters).
    pub fn variant_members(&self) -> Vec<Vec<u32>> {
        self.variants.iter().map(|v| v.members.clone()).collect()
    }

    /// Per document, its variant (the form the story model takes).
    pub fn variant_ids(&self) -> &[u32] {
        &self.variant_of
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Grouping {
        let bands = Bands { bands: 1, rows: 1 };
        let variants = vec![
            Variant {
                members: vec![0, 3],
                canonical: 3,
            },
            Variant {
                members: vec![1],
                canonical: 1,
            },
            Variant {
                members: vec![2, 4],
                canonical: 2,
            },
        ];
        Grouping::from_variants(bands, variants, vec![1.0; 5])
    }

    #[test]
    fn documents_map_to_variants_and_stories() {
        let mut g = sample();
        assert_eq!(g.variant_ids(), &[0, 1, 2, 0, 2]);
        assert_eq!(g.stories, vec![vec![0], vec![1], vec![2]]);
        assert_eq!((g.story_of(3), g.story_of(4)), (0, 2));
        // Documents 1 and 4 (variants 1 and 2) join one story; 0 and 3 stay.
        g.set_stories(&[vec![2, 1, 4], vec![0, 3]]);
        assert_eq!(g.stories, vec![vec![1, 2], vec![0]]);
        assert_eq!(
            (0..5).map(|d| g.story_of(d)).collect::<Vec<_>>(),
            vec![1, 0, 0, 1, 0]
        );
        assert_eq!(g.variant_of(4), 2);
    }
}
