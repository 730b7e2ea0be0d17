//! Stage 5b — **lsh**: banded locality-sensitive hashing over MinHash
//! signatures, and verification of the candidate pairs it yields.
//!
//! With `b` bands of `r` rows, two documents of Jaccard similarity `s` become
//! candidates with probability `P(s) = 1 - (1 - s^r)^b`. For a threshold `t`
//! we pick `(b, r)` with `b·r ≤ num_perm` minimizing the sum of
//!
//! * false-positive area `FP(b, r) = ∫₀ᵗ P(s) ds`, and
//! * false-negative area `FN(b, r) = ∫ₜ¹ (1 - P(s)) ds`,
//!
//! weighted [`FP_WEIGHT`] and [`FN_WEIGHT`] (datasketch's `MinHashLSH`
//! criterion with its `weights`), integrated with Simpson's rule. Every
//! candidate pair is then verified: it counts only if the signatures'
//! estimated Jaccard is at least `t`. So a false candidate costs one
//! comparison of two signatures, while a pair the bands miss is lost for good:
//! the false negatives weigh more (datasketch's equal weights, meant for
//! unverified candidates, lose a quarter of the pairs at `s = t + 0.05`).

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::minhash::{Min, estimate};

/// Settings of the LSH stage.
#[derive(Debug, Clone, Serialize)]
pub struct LshConfig {
    /// Jaccard threshold for near-duplicates.
    pub threshold: f64,
}

impl Default for LshConfig {
    fn default() -> Self {
        LshConfig { threshold: 0.5 }
    }
}

/// Bands and rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bands {
    pub bands: usize,
    pub rows: usize,
}

/// Probability that a pair of similarity `s` shares at least one band.
pub fn candidate_probability(s: f64, bands: Bands) -> f64 {
    1.0 - (1.0 - s.powi(bands.rows as i32)).powi(bands.bands as i32)
}

fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    const N: usize = 200; // even
    if b <= a {
        return 0.0;
    }
    let h = (b - a) / N as f64;
    let mut sum = f(a) + f(b);
    for i in 1..N {
        let x = a + i as f64 * h;
        sum += if i % 2 == 1 { 4.0 } else { 2.0 } * f(x);
    }
    sum * h / 3.0
}

/// False-positive and false-negative areas of `bands` at threshold `t`.
pub fn error_areas(t: f64, bands: Bands) -> (f64, f64) {
    let fp = simpson(|s| candidate_probability(s, bands), 0.0, t);
    let fneg = simpson(|s| 1.0 - candidate_probability(s, bands), t, 1.0);
    (fp, fneg)
}

/// Weight of the false-positive area: false candidates are verified away.
pub const FP_WEIGHT: f64 = 0.2;
/// Weight of the false-negative area: a pair no band proposes is lost.
pub const FN_WEIGHT: f64 = 0.8;

/// The `(b, r)` minimizing `FP_WEIGHT·FP + FN_WEIGHT·FN` with `b·r ≤ num_perm`.
pub fn optimal_bands(threshold: f64, num_perm: usize) -> Bands {
    let mut best = Bands { bands: 1, rows: 1 };
    let mut best_err = f64::INFINITY;
    for bands in 1..=num_perm {
        for rows in 1..=num_perm / bands {
            let candidate = Bands { bands, rows };
            let (fp, fneg) = error_areas(threshold, candidate);
            let err = FP_WEIGHT * fp + FN_WEIGHT * fneg;
            if err < best_err - 1e-12 {
                best_err = err;
                best = candidate;
            }
        }
    }
    best
}

/// A verified near-duplicate pair (`a < b`) with its estimated Jaccard.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    pub similarity: f64,
}

/// Buckets larger than this are linked as a star and a chain instead of all pairs.
const MAX_BUCKET_PAIRS: usize = 64;

/// Candidate pairs from banded signatures, verified against `threshold`.
pub fn near_duplicate_pairs<S: AsRef<[Min]> + Sync>(
    signatures: &[S],
    bands: Bands,
    threshold: f64,
) -> Vec<Pair> {
    let n = signatures.len();
    let mut candidates: Vec<(u32, u32)> = (0..bands.bands)
        .into_par_iter()
        .flat_map_iter(|band| {
            let start = band * bands.rows;
            let mut buckets: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
            for (doc, sig) in signatures.iter().enumerate() {
                let sig = sig.as_ref();
                if sig.len() < start + bands.rows {
                    continue;
                }
                let slice = &sig[start..start + bands.rows];
                let bytes: Vec<u8> = slice.iter().flat_map(|v| v.to_le_bytes()).collect();
                buckets.entry(xxh3_64(&bytes)).or_default().push(doc as u32);
            }
            let mut pairs = Vec::new();
            for docs in buckets.into_values() {
                if docs.len() < 2 {
                    continue;
                }
                if docs.len() <= MAX_BUCKET_PAIRS {
                    for i in 0..docs.len() {
                        for j in i + 1..docs.len() {
                            pairs.push((docs[i], docs[j]));
                        }
                    }
                } else {
                    for i in 1..docs.len() {
                        pairs.push((docs[i - 1], docs[i]));
                        for &hub in docs.iter().take(16.min(i)) {
                            pairs.push((hub, docs[i]));
                        }
                    }
                }
            }
            pairs
        })
        .collect();
    for p in candidates.iter_mut() {
        if p.0 > p.1 {
            *p = (p.1, p.0);
        }
    }
    candidates.par_sort_unstable();
    candidates.dedup();
    debug_assert!(candidates.iter().all(|&(a, b)| (b as usize) < n && a != b));
    candidates
        .into_par_iter()
        .filter_map(|(a, b)| {
            let similarity = estimate(
                signatures[a as usize].as_ref(),
                signatures[b as usize].as_ref(),
            );
            (similarity >= threshold).then_some(Pair { a, b, similarity })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optimal_bands_fit_and_put_the_s_curve_near_the_threshold() {
        for (t, n) in [(0.5, 128), (0.8, 128), (0.3, 64), (0.9, 256)] {
            let b = optimal_bands(t, n);
            assert!(b.bands * b.rows <= n);
            // The inflection point (1/b)^(1/r) lies near the threshold, a
            // little below it (false negatives weigh more).
            let knee = (1.0 / b.bands as f64).powf(1.0 / b.rows as f64);
            assert!(knee < t && t - knee < 0.15, "t {t} b {b:?} knee {knee}");
            // Pairs just above the threshold are nearly all candidates.
            assert!(candidate_probability(t + 0.05, b) > 0.9, "t {t} b {b:?}");
        }
    }

    #[test]
    fn optimal_bands_beat_neighbours() {
        let t = 0.5;
        let best = optimal_bands(t, 128);
        assert_eq!(best, Bands { bands: 30, rows: 4 });
        let err = |b: Bands| {
            let (fp, fneg) = error_areas(t, b);
            FP_WEIGHT * fp + FN_WEIGHT * fneg
        };
        for other in [
            Bands { bands: 16, rows: 8 },
            Bands { bands: 25, rows: 5 },
            Bands { bands: 32, rows: 4 },
            Bands { bands: 64, rows: 2 },
        ] {
            assert!(err(best) <= err(other) + 1e-12, "{best:?} vs {other:?}");
        }
    }

    #[test]
    fn known_probabilities() {
        let b = Bands { bands: 20, rows: 5 };
        assert!((candidate_probability(0.8, b) - 0.99964).abs() < 1e-4);
        assert!((candidate_probability(0.2, b) - 0.00638).abs() < 1e-4);
    }

    #[test]
    fn finds_identical_and_skips_different() {
        let sigs = vec![
            vec![1, 2, 3, 4],
            vec![1, 2, 3, 4],
            vec![9, 8, 7, 6],
            vec![1, 2, 3, 5],
        ];
        let pairs = near_duplicate_pairs(&sigs, Bands { bands: 2, rows: 2 }, 0.7);
        let got: Vec<(u32, u32)> = pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(got, [(0, 1), (0, 3), (1, 3)]);
        assert_eq!(pairs[1].similarity, 0.75);
    }
}
