//! Stage 5a — **minhash**: seeded MinHash signatures of shingle sets.
//!
//! Permutation `i` maps a 64-bit shingle hash `h` to the high 32 bits of
//! `a_i·h + b_i (mod 2^64)` with odd `a_i` (multiply–add–shift hashing). The
//! `a_i, b_i` come from a SplitMix64 stream seeded with `--seed`, so signatures
//! are identical across runs, threads and machines.

use serde::Serialize;

/// Settings of the MinHash stage.
#[derive(Debug, Clone, Serialize)]
pub struct MinHashConfig {
    /// Number of permutations (signature length).
    pub num_perm: usize,
    /// Seed of the permutation parameters.
    pub seed: u64,
}

impl Default for MinHashConfig {
    fn default() -> Self {
        MinHashConfig {
            num_perm: 128,
            seed: 42,
        }
    }
}

/// SplitMix64: a tiny, well-mixed, seedable generator.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One entry of a signature: the lowest 16 bits of a permutation's minimum
/// (b-bit MinHash, Li & König 2010). Two different minima agree in their low
/// bits with probability 2⁻¹⁶, so the estimate moves by at most that much,
/// while a signature takes half the memory (256 bytes at 128 permutations).
/// The low bits, not the high ones: minima are small numbers, their high bits
/// are mostly zero.
pub type Min = u16;

/// A signature: one (b-bit) minimum per permutation.
pub type Signature = Vec<Min>;

/// The permutation family; build once, share across threads.
#[derive(Debug, Clone)]
pub struct MinHasher {
    a: Vec<u64>,
    b: Vec<u64>,
}

impl MinHasher {
    pub fn new(config: &MinHashConfig) -> Self {
        let mut state = config.seed;
        let n = config.num_perm.max(1);
        let mut a = Vec::with_capacity(n);
        let mut b = Vec::with_capacity(n);
        for _ in 0..n {
            a.push(splitmix64(&mut state) | 1);
            b.push(splitmix64(&mut state));
        }
        MinHasher { a, b }
    }

    pub fn num_perm(&self) -> usize {
        self.a.len()
    }

    /// Signature of a shingle set. An empty set gives all `Min::MAX`.
    pub fn signature(&self, shingles: &[u64]) -> Signature {
        self.full_minima(shingles)
            .into_iter()
            .map(|m| m as Min)
            .collect()
    }

    /// The full 32-bit minimum of each permutation.
    pub fn full_minima(&self, shingles: &[u64]) -> Vec<u32> {
        let mut sig = vec![u32::MAX; self.a.len()];
        for &h in shingles {
            for ((s, &a), &b) in sig.iter_mut().zip(&self.a).zip(&self.b) {
                let v = (a.wrapping_mul(h).wrapping_add(b) >> 32) as u32;
                if v < *s {
                    *s = v;
                }
            }
        }
        sig
    }
}

/// Estimated Jaccard similarity: the fraction of equal minima.
pub fn estimate<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shingle::jaccard;

    fn set(range: std::ops::Range<u64>) -> Vec<u64> {
        // Hash-like values, sorted, as the shingle stage produces.
        let mut v: Vec<u64> = range
            .map(|i| {
                let mut state = i;
                splitmix64(&mut state)
            })
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn estimates_are_close_to_exact_jaccard() {
        let hasher = MinHasher::new(&MinHashConfig {
            num_perm: 256,
            seed: 1,
        });
        for (overlap, total) in [(900u64, 1000u64), (500, 1000), (200, 1000), (0, 1000)] {
            let a = set(0..total);
            let b = set(total - overlap..2 * total - overlap);
            let exact = jaccard(&a, &b);
            let est = estimate(&hasher.signature(&a), &hasher.signature(&b));
            assert!((exact - est).abs() < 0.08, "exact {exact} est {est}");
        }
    }

    #[test]
    fn sixteen_bit_minima_estimate_like_full_minima() {
        let hasher = MinHasher::new(&MinHashConfig {
            num_perm: 128,
            seed: 7,
        });
        let mut total_gap = 0.0;
        for k in 0..200u64 {
            let a = set(k * 1000..k * 1000 + 500);
            let b = set(k * 1000 + (k % 10) * 50..k * 1000 + 500 + (k % 10) * 50);
            let full = estimate(&hasher.full_minima(&a), &hasher.full_minima(&b));
            let short = estimate(&hasher.signature(&a), &hasher.signature(&b));
            // Low bits can only add agreements, one in 65,536 at most per
            // permutation on average.
            assert!(short >= full, "{short} < {full}");
            assert!(short - full <= 2.0 / 128.0, "k {k}: {short} vs {full}");
            total_gap += short - full;
        }
        assert!(total_gap <= 2.0 / 128.0, "{total_gap}");
    }

    #[test]
    fn same_seed_same_signature_other_seed_differs() {
        let s = set(0..50);
        let h1 = MinHasher::new(&MinHashConfig {
            num_perm: 64,
            seed: 9,
        });
        let h2 = MinHasher::new(&MinHashConfig {
            num_perm: 64,
            seed: 9,
        });
        let h3 = MinHasher::new(&MinHashConfig {
            num_perm: 64,
            seed: 10,
        });
        assert_eq!(h1.signature(&s), h2.signature(&s));
        assert_ne!(h1.signature(&s), h3.signature(&s));
        assert_eq!(estimate(&h1.signature(&s), &h1.signature(&s)), 1.0);
    }
}
