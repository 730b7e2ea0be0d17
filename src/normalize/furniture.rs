//! Corpus-level boilerplate ("site furniture"): lines that repeat verbatim in
//! several documents that are *not* near-duplicates of each other — menus,
//! headline lists, newsletter prompts of one site.
//!
//! One pass collects, per document, the keys of its lines (a hash of the
//! lower-cased line with digits folded, so "Nov. 20, 2019 6:02 AM" matches
//! "Nov. 21, 2019 7:15 AM"). A line seen in at least `min_docs` documents is a
//! candidate. It is furniture unless the documents that share it mostly share
//! their *prose* too (then they are copies of one story — a wire paragraph
//! republished by several sites must survive). Prose overlap of two documents is
//! the number of words in long lines they share divided by the words in long
//! lines of the shorter one; a deterministic sample of at most
//! [`SAMPLE`] documents per candidate keeps this cheap.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::tokenize::word_count;

/// Lines with at least this many words count as prose when comparing documents.
pub const PROSE_WORDS: usize = 8;
/// Documents compared per candidate line.
pub const SAMPLE: usize = 8;

/// Settings of the corpus-level pass.
#[derive(Debug, Clone, Serialize)]
pub struct FurnitureConfig {
    /// Whether the pass runs at all.
    pub enabled: bool,
    /// A line must appear in at least this many documents to be furniture.
    pub min_docs: usize,
    /// Documents sharing a line with a mean prose overlap at or above this are copies.
    pub copy_overlap: f64,
}

impl Default for FurnitureConfig {
    fn default() -> Self {
        FurnitureConfig {
            enabled: true,
            min_docs: 3,
            copy_overlap: 0.5,
        }
    }
}

/// The key of a line: a hash of the line lower-cased, each run of digits
/// folded to one `0` (FNV-1a over the characters, then a final mix; no
/// allocation).
pub fn line_key(line: &str) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01B3;
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    let mut mix = |c: char| h = (h ^ c as u64).wrapping_mul(PRIME);
    let mut in_number = false;
    for c in line.chars() {
        let digit = if c.is_ascii() {
            c.is_ascii_digit()
        } else {
            crate::charclass::is_numeric(c)
        };
        if digit {
            if !in_number {
                mix('0');
            }
            in_number = true;
            continue;
        }
        in_number = false;
        if c.is_ascii() {
            mix(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut mix);
        }
    }
    // Murmur3's finalizer: spread FNV's low-bit bias over all 64 bits.
    let mut z = h;
    z = (z ^ (z >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    z = (z ^ (z >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    z ^ (z >> 33)
}

/// The lines of one document as the furniture pass sees them.
#[derive(Debug, Clone, Default)]
pub struct LineProfile {
    /// (key, words) per distinct line.
    pub lines: Vec<(u64, u32)>,
}

impl LineProfile {
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for line in lines {
            let key = line_key(line);
            if seen.insert(key) {
                out.push((key, word_count(line) as u32));
            }
        }
        out.sort_unstable();
        LineProfile { lines: out }
    }

    fn prose_words(&self) -> u64 {
        self.lines
            .iter()
            .filter(|(_, w)| *w as usize >= PROSE_WORDS)
            .map(|(_, w)| *w as u64)
            .sum()
    }
}

/// The repeated lines of a corpus and the verdict on each.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// Furniture wherever it appears (its documents share little prose).
    keys: FxHashSet<u64>,
    /// Seen in at least `min_docs` documents: furniture when it stands outside
    /// a document's core (before its first or after its last own prose line).
    repeated: FxHashSet<u64>,
}

impl Furniture {
    /// Furniture wherever it appears.
    pub fn contains(&self, line: &str) -> bool {
        !self.keys.is_empty() && self.keys.contains(&line_key(line))
    }

    /// Seen in at least `min_docs` documents.
    pub fn is_repeated(&self, line: &str) -> bool {
        !self.repeated.is_empty() && self.repeated.contains(&line_key(line))
    }

    /// `(contains, is_repeated)` of a line by its [`line_key`].
    pub fn lookup_key(&self, key: u64) -> (bool, bool) {
        if self.is_empty() {
            return (false, false);
        }
        (self.keys.contains(&key), self.repeated.contains(&key))
    }

    /// The furniture keys and the repeated keys, each sorted (what a state
    /// stores to find the documents a later corpus change touches).
    pub fn sorted_keys(&self) -> (Vec<u64>, Vec<u64>) {
        let sorted = |set: &FxHashSet<u64>| {
            let mut v: Vec<u64> = set.iter().copied().collect();
            v.sort_unstable();
            v
        };
        (sorted(&self.keys), sorted(&self.repeated))
    }

    pub fn len(&self) -> usize {
        self.keys.len() + self.repeated.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.repeated.is_empty()
    }

    /// Decide which repeated lines are furniture, from every document's profile.
    pub fn build(profiles: &[LineProfile], config: &FurnitureConfig) -> Furniture {
        if !config.enabled || profiles.len() < config.min_docs.max(2) {
            return Furniture::default();
        }
        // Document frequencies by sorting every (distinct-per-document) key:
        // parallel and cache-friendly where a hash map over tens of millions
        // of keys is neither.
        let min = config.min_docs.max(2);
        let mut all: Vec<u64> = profiles
            .par_iter()
            .flat_map_iter(|p| p.lines.iter().map(|&(k, _)| k))
            .collect();
        all.par_sort_unstable();
        let repeated: FxHashSet<u64> = all
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() >= min)
            .map(|run| run[0])
            .collect();
        drop(all);
        // Postings of the repeated keys: (key, document), sorted.
        let mut postings: Vec<(u64, u32)> = profiles
            .par_iter()
            .enumerate()
            .flat_map_iter(|(doc, p)| {
                p.lines
                    .iter()
                    .filter(|(k, _)| repeated.contains(k))
                    .map(move |&(k, _)| (k, doc as u32))
            })
            .collect();
        postings.par_sort_unstable();
        let runs: Vec<&[(u64, u32)]> = postings.chunk_by(|a, b| a.0 == b.0).collect();
        let docs_of = |run: &[(u64, u32)]| run.iter().map(|&(_, d)| d).collect::<Vec<u32>>();
        // Lines with the same document set share one decision.
        let groups: Vec<u64> = runs
            .par_iter()
            .map(|run| {
                let bytes: Vec<u8> = run.iter().flat_map(|&(_, d)| d.to_le_bytes()).collect();
                xxh3_64(&bytes)
            })
            .collect();
        let mut representative: Vec<(u64, usize)> =
            groups.iter().enumerate().map(|(i, &g)| (g, i)).collect();
        representative.par_sort_unstable();
        representative.dedup_by_key(|r| r.0);
        let decided: FxHashMap<u64, bool> = representative
            .par_iter()
            .map(|&(group, i)| {
                let overlap = mean_prose_overlap(profiles, &docs_of(runs[i]));
                (group, overlap < config.copy_overlap)
            })
            .collect();
        let keys: FxHashSet<u64> = runs
            .iter()
            .zip(&groups)
            .filter(|(_, g)| decided.get(g).copied().unwrap_or(false))
            .map(|(run, _)| run[0].0)
            .collect();
        Furniture { keys, repeated }
    }
}

/// Mean pairwise prose overlap over an evenly spaced sample of `docs`.
fn mean_prose_overlap(profiles: &[LineProfile], docs: &[u32]) -> f64 {
    let step = docs.len().div_ceil(SAMPLE).max(1);
    let sample: Vec<&LineProfile> = docs
        .iter()
        .step_by(step)
        .take(SAMPLE)
        .map(|&d| &profiles[d as usize])
        .collect();
    let mut total = 0.0;
    let mut pairs = 0usize;
    for i in 0..sample.len() {
        for j in i + 1..sample.len() {
            total += prose_overlap(sample[i], sample[j]);
            pairs += 1;
        }
    }
    if pairs == 0 {
        0.0
    } else {
        total / pairs as f64
    }
}

fn prose_overlap(a: &LineProfile, b: &LineProfile) -> f64 {
    let denom = a.prose_words().min(b.prose_words());
    if denom == 0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0u64);
    while i < a.lines.len() && j < b.lines.len() {
        match a.lines[i].0.cmp(&b.lines[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = a.lines[i].1 as u64;
                if w as usize >= PROSE_WORDS {
                    shared += w;
                }
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / denom as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(lines: &[&str]) -> LineProfile {
        LineProfile::from_lines(lines.iter().copied())
    }

    const BODY_A: &str =
        "The central bank raised interest rates by half a point on Tuesday to fight inflation.";
    const BODY_B: &str = "Heavy rain flooded hundreds of homes in the northern province over the weekend, officials said.";
    const BODY_C: &str = "Доходы компании выросли на двадцать процентов по сравнению с прошлым годом, сообщил директор.";
    const BODY_D: &str = "北京时间周二，国家统计局公布了最新的经济数据，显示工业生产继续增长。";

    #[test]
    fn site_menu_shared_by_unrelated_articles_is_furniture() {
        let site = [
            "Skip to main content",
            "Subscribe to our newsletter for daily news updates",
            "Nov. 20, 2019 6:02 AM EST",
        ];
        let docs: Vec<LineProfile> = [BODY_A, BODY_B, BODY_C, BODY_D]
            .iter()
            .map(|body| profile(&[site[0], site[1], body, site[2].replace("20", "21").as_str()]))
            .collect();
        let f = Furniture::build(&docs, &FurnitureConfig::default());
        assert!(f.contains("Skip to main content"));
        assert!(f.contains("Subscribe to our newsletter for daily news updates"));
        assert!(f.contains("Nov. 3, 2020 1:15 AM EST"), "digits are folded");
        assert!(!f.contains(BODY_A));
    }

    #[test]
    fn wire_story_republished_by_several_sites_is_kept() {
        let docs: Vec<LineProfile> = [
            "Site one header",
            "Другой сайт",
            "第三个网站",
            "Fourth site",
        ]
        .iter()
        .map(|header| profile(&[header, BODY_A, BODY_B]))
        .collect();
        let f = Furniture::build(&docs, &FurnitureConfig::default());
        assert!(!f.contains(BODY_A));
        assert!(!f.contains(BODY_B));
    }

    #[test]
    fn below_min_docs_nothing_is_furniture() {
        let docs = vec![profile(&["Menu", BODY_A]), profile(&["Menu", BODY_B])];
        assert!(Furniture::build(&docs, &FurnitureConfig::default()).is_empty());
    }
}
