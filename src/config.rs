//! The validated configuration of a run: one section per pipeline stage.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::Error;
use crate::lsh::LshConfig;
use crate::minhash::MinHashConfig;
use crate::normalize::NormalizeConfig;
use crate::shingle::ShingleConfig;
use crate::story::StoryConfig;
use crate::walk::WalkConfig;

/// Everything that decides the result of `cluster`. Serialized as the
/// `parameters` of the output (thread count is left out: it never changes results).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Config {
    pub paths: Vec<PathBuf>,
    pub walk: WalkConfig,
    pub normalize: NormalizeConfig,
    pub shingle: ShingleConfig,
    pub minhash: MinHashConfig,
    pub lsh: LshConfig,
    pub story: StoryConfig,
}

impl Config {
    /// Check ranges that the command line cannot express.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |m: &str| Err(Error::InvalidParameter(m.to_string()));
        if !(0.0..=1.0).contains(&self.lsh.threshold) || self.lsh.threshold == 0.0 {
            return bad("--threshold must be in (0, 1]");
        }
        if !(0.0..=1.0).contains(&self.story.threshold) {
            return bad("--story-threshold must be in [0, 1]");
        }
        if self.minhash.num_perm < 2 || self.minhash.num_perm > 1024 {
            return bad("--num-perm must be between 2 and 1024");
        }
        if self.shingle.size == 0 || self.shingle.size > 32 {
            return bad("--shingle-size must be between 1 and 32");
        }
        if self.walk.extensions.is_empty() {
            return bad("--ext needs at least one extension");
        }
        Ok(())
    }
}
