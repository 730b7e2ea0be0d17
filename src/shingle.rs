//! Stage 4 — **shingle**: the set of hashed word k-shingles of a document.
//!
//! Tokens come from [`crate::tokenize`] (lower-cased; one token per character in
//! scripts without spaces, so shingles there are character k-grams). Each token
//! is hashed once with xxh3; a shingle's 64-bit hash combines its k token hashes
//! in order, so no shingle string is ever built.

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::tokenize::for_each_token;

/// Settings of the shingle stage.
#[derive(Debug, Clone, Serialize)]
pub struct ShingleConfig {
    /// Tokens per shingle.
    pub size: usize,
}

impl Default for ShingleConfig {
    fn default() -> Self {
        ShingleConfig { size: 5 }
    }
}

/// Hash of one token.
#[inline]
pub fn token_hash(token: &str) -> u64 {
    xxh3_64(token.as_bytes())
}

/// Order-dependent combination of token hashes (a multiply-rotate mix).
#[inline]
fn combine(acc: u64, h: u64) -> u64 {
    (acc ^ h)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(31)
}

/// Sorted, de-duplicated shingle hashes of `text`. A text shorter than `size`
/// tokens yields one shingle of all its tokens (so tiny texts still compare).
pub fn shingles(text: &str, config: &ShingleConfig) -> Vec<u64> {
    let mut hashes = Vec::new();
    let mut buf = String::new();
    for_each_token(text, &mut buf, |t| hashes.push(token_hash(t)));
    shingles_of_tokens(&hashes, config.size)
}

/// Shingles from pre-hashed tokens.
pub fn shingles_of_tokens(tokens: &[u64], size: usize) -> Vec<u64> {
    let k = size.max(1);
    let mut out = Vec::with_capacity(tokens.len().saturating_sub(k) + 1);
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < k {
        out.push(tokens.iter().fold(k as u64, |acc, &h| combine(acc, h)));
        return out;
    }
    for window in tokens.windows(k) {
        out.push(window.iter().fold(k as u64, |acc, &h| combine(acc, h)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity of two sorted, de-duplicated sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(size: usize) -> ShingleConfig {
        ShingleConfig { size }
    }

    #[test]
    fn counts_distinct_word_shingles() {
        // 6 tokens, k = 3 → 4 windows, one repeated ("a b c" twice).
        assert_eq!(shingles("a b c a b c", &cfg(3)).len(), 3);
        assert_eq!(
            shingles("one two three four five six seven", &cfg(5)).len(),
            3
        );
    }

    #[test]
    fn case_and_punctuation_do_not_matter_but_order_does() {
        let a = shingles("The quick brown fox jumps", &cfg(2));
        assert_eq!(a, shingles("the QUICK, brown... fox jumps!", &cfg(2)));
        assert_ne!(a, shingles("quick the brown fox jumps", &cfg(2)));
    }

    #[test]
    fn cjk_and_thai_use_character_grams() {
        // 8 Chinese characters, k = 5 → 4 character 5-grams.
        assert_eq!(shingles("北京是中国的首都", &cfg(5)).len(), 4);
        let th = shingles("ประเทศไทยมีฝนตก", &cfg(3));
        assert!(th.len() >= 5);
        // Cyrillic and Arabic are split on spaces.
        assert_eq!(shingles("один два три четыре", &cfg(2)).len(), 3);
        assert_eq!(shingles("واحد اثنان ثلاثة", &cfg(2)).len(), 2);
    }

    #[test]
    fn short_text_gives_one_shingle() {
        assert_eq!(shingles("hello world", &cfg(5)).len(), 1);
        assert!(shingles("", &cfg(5)).is_empty());
    }

    #[test]
    fn exact_jaccard() {
        assert_eq!(jaccard(&[1, 2, 3, 4], &[3, 4, 5, 6]), 2.0 / 6.0);
        assert_eq!(jaccard(&[1, 2], &[1, 2]), 1.0);
        assert_eq!(jaccard(&[], &[1]), 0.0);
    }
}
