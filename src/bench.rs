//! Internals for `benches/stages.rs` and `examples/*.rs` only: not part of the
//! public API, may change without notice.

pub use crate::lang::detect as detect_language;
pub use crate::lsh::{near_duplicate_pairs, optimal_bands};
pub use crate::minhash::{Min, MinHasher, Signature};
pub use crate::normalize::{clean, finish, prepare};
pub use crate::shingle::shingles;
pub use crate::story::features::extract as story_features;
pub use crate::story::{Model, StoryDoc, StoryFeatures, candidate_pairs};

use crate::{Config, Result, Silent};

/// The story documents of the files in `config.paths`, with their paths and
/// their variants (per document, its near-duplicate group, as `cluster`
/// finds them). Their dates are found too (the tuning export scores them).
pub fn story_docs(config: &Config) -> Result<(Vec<String>, Vec<StoryDoc>, Vec<u32>)> {
    let mut config = config.clone();
    config.story.date_evidence = true;
    let (docs, _) = crate::pipeline::load(&config, &Silent)?;
    let variant_of = crate::pipeline::near_duplicates(&docs, &config, &Silent)
        .variant_ids()
        .to_vec();
    let paths = docs.meta.iter().map(|d| d.path.clone()).collect();
    Ok((paths, docs.story_docs(), variant_of))
}
