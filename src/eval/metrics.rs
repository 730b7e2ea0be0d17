//! Partition metrics: a port of the development corpora's scorer
//! (`score.py cluster`), so `newsdedup eval` and that scorer agree.
//!
//! Every gold document is scored. A gold document the prediction does not
//! mention counts as a predicted singleton (its own story, its own variant);
//! predicted documents that gold does not know are only counted
//! (`docs_unknown`). When a file name occurs more than once in the prediction,
//! the first occurrence wins and the rest are counted as duplicates.
//!
//! Measures, as in `score.py`:
//! - pairwise precision/recall/F1 over document pairs in the same story, with
//!   the conventions "no predicted pairs -> precision 1.0" and "no gold pairs
//!   -> recall 1.0" (F1 is 0.0 when precision + recall is 0);
//! - B-cubed precision/recall/F1 and the adjusted Rand index (Hubert & Arabie);
//! - the pairwise recall and precision split into cross-language and
//!   same-language pairs (languages from gold, normalised to ISO 639-1);
//!   `None` when there is no such gold (resp. predicted) pair;
//! - language accuracy over the scored documents, after normalising both tags
//!   to ISO 639-1 (`fil` = `tl`, `nb`/`nn` = `no`); `und` and missing tags
//!   count as wrong;
//! - variant-level pairwise precision/recall/F1 over the documents whose gold
//!   variant is not null (`None` when there is no such document).
//!
//! Ratios are rounded to 4 decimals exactly like Python's `round(x, 4)`.
//! Known difference: the special gold formats of `score.py` (`exact_only` and
//! graded `pairs`) are not handled; such gold is scored like any other.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use serde::Serialize;

use super::gold::{Gold, basename, norm_lang};

/// One document of a prediction, in output order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicted {
    /// May include directories; matched to gold by basename (`/` or `\`).
    pub path: String,
    /// Predicted story (any id unique per story).
    pub story: usize,
    /// Predicted variant within the story (the pair `(story, variant)` is the variant id).
    pub variant: usize,
    /// Predicted language tag (empty = none).
    pub lang: String,
}

/// Scores of one prediction; every ratio rounded to 4 decimals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Documents in gold (all are scored; missing ones as singletons).
    pub docs_gold: usize,
    /// Gold documents present in the prediction.
    pub docs_scored: usize,
    /// Gold documents absent from the prediction.
    pub docs_missing: usize,
    /// Distinct predicted file names that gold does not know.
    pub docs_unknown: usize,
    /// Documents in the prediction, duplicates included.
    pub output_documents: usize,
    /// Repeated file names in the prediction (ignored after the first).
    pub output_duplicate_documents: usize,
    pub gold_stories: usize,
    /// Distinct predicted stories over the gold documents (missing ones count one each).
    pub predicted_stories: usize,
    pub pairwise_precision: f64,
    pub pairwise_recall: f64,
    pub pairwise_f1: f64,
    pub bcubed_precision: f64,
    pub bcubed_recall: f64,
    pub bcubed_f1: f64,
    pub ari: f64,
    pub gold_pairs: u64,
    pub predicted_pairs: u64,
    pub true_pairs: u64,
    pub crosslingual_gold_pairs: u64,
    pub crosslingual_pairwise_recall: Option<f64>,
    pub crosslingual_pairwise_precision: Option<f64>,
    pub samelang_gold_pairs: u64,
    pub samelang_pairwise_recall: Option<f64>,
    pub samelang_pairwise_precision: Option<f64>,
    /// `None` when no gold document was scored.
    pub lang_accuracy: Option<f64>,
    /// Up to 8 most frequent `"gold->predicted"` raw tag errors, most frequent first.
    pub lang_errors_top: Vec<(String, usize)>,
    /// Gold documents with a non-null variant.
    pub variant_docs: usize,
    pub gold_variants: usize,
    pub variant_gold_pairs: u64,
    /// Variant metrics are `None` when gold has no non-null variant.
    pub variant_pairwise_precision: Option<f64>,
    pub variant_pairwise_recall: Option<f64>,
    pub variant_pairwise_f1: Option<f64>,
}

// --------------------------------------------------------------- helpers

fn c2(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// `a / b` correctly rounded to the nearest f64 (ties to even), like
/// Python's `int / int`, even when the operands exceed 2^53.
fn ratio(a: u128, b: u128) -> f64 {
    const EXACT: u128 = 1 << 53;
    if b == 0 {
        return f64::NAN;
    }
    if a <= EXACT && b <= EXACT {
        return a as f64 / b as f64;
    }
    // Long division until the quotient holds >= 55 significant bits, then
    // fold the remainder into a sticky bit so that the final int -> float
    // conversion (round to nearest, ties to even) rounds correctly.
    let mut q = a / b;
    let mut r = a % b;
    let mut shift: i32 = 0;
    while q < (1 << 54) {
        if r >= (1 << 127) {
            return a as f64 / b as f64; // beyond any realistic count
        }
        r <<= 1;
        q <<= 1;
        if r >= b {
            r -= b;
            q |= 1;
        }
        shift += 1;
    }
    let v = (q | u128::from(r != 0)) as f64;
    // shift <= 54 + 128, so 2^-shift is a normal number and the product exact.
    v * f64::from_bits(((1023 - shift) as u64) << 52)
}

fn ratio_u(a: u64, b: u64) -> f64 {
    ratio(u128::from(a), u128::from(b))
}

/// `prf` of score.py: no predicted positives -> precision 1.0; no gold
/// positives -> recall 1.0; F1 0.0 when both are 0.
fn prf(tp: u64, n_pred: u64, n_gold: u64) -> (f64, f64, f64) {
    let p = if n_pred > 0 { ratio_u(tp, n_pred) } else { 1.0 };
    let r = if n_gold > 0 { ratio_u(tp, n_gold) } else { 1.0 };
    let f = if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Python's `round(x, 4)`: the exact binary value rounded half-to-even to 4
/// decimals, then read back.
fn rnd(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

fn rnd_opt(x: Option<f64>) -> Option<f64> {
    x.map(rnd)
}

/// Counts in first-appearance order (like `collections.Counter`).
fn ordered_counts<K: Hash + Eq + Clone, I: IntoIterator<Item = K>>(items: I) -> Vec<(K, u64)> {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut out: Vec<(K, u64)> = Vec::new();
    for k in items {
        match index.entry(k) {
            Entry::Occupied(e) => {
                if let Some(slot) = out.get_mut(*e.get()) {
                    slot.1 += 1;
                }
            }
            Entry::Vacant(e) => {
                out.push((e.key().clone(), 1));
                e.insert(out.len() - 1);
            }
        }
    }
    out
}

fn sum_pairs<K>(counts: &[(K, u64)]) -> u64 {
    counts.iter().map(|(_, v)| c2(*v)).sum()
}

fn count_map<K: Hash + Eq + Copy>(labels: &[K]) -> HashMap<K, u64> {
    let mut m = HashMap::new();
    for &k in labels {
        *m.entry(k).or_insert(0u64) += 1;
    }
    m
}

struct LangSplit {
    cross_gold_pairs: u64,
    cross_recall: Option<f64>,
    cross_precision: Option<f64>,
    same_gold_pairs: u64,
    same_recall: Option<f64>,
    same_precision: Option<f64>,
}

struct Partition {
    p: f64,
    r: f64,
    f: f64,
    bp: f64,
    br: f64,
    bf: f64,
    ari: f64,
    gold_pairs: u64,
    predicted_pairs: u64,
    true_pairs: u64,
    lang: Option<LangSplit>,
}

/// `partition_metrics` of score.py; `gold`, `pred` (and `langs`) have one
/// label per document, in the same order.
fn partition_metrics<G, P, L>(gold: &[G], pred: &[P], langs: Option<&[L]>) -> Partition
where
    G: Hash + Eq + Copy,
    P: Hash + Eq + Copy,
    L: Hash + Eq + Copy,
{
    let n = gold.len().min(pred.len()) as u64;
    let cont = ordered_counts(gold.iter().copied().zip(pred.iter().copied()));
    let gsize = count_map(gold);
    let psize = count_map(pred);
    let tp = sum_pairs(&cont);
    let gp: u64 = gsize.values().map(|&v| c2(v)).sum();
    let pp: u64 = psize.values().map(|&v| c2(v)).sum();
    let (p, r, f) = prf(tp, pp, gp);

    // B-cubed, summed in first-appearance order like score.py.
    let (mut bp, mut br) = (0.0f64, 0.0f64);
    for ((g, q), v) in &cont {
        let pq = psize.get(q).copied().unwrap_or(1);
        let gg = gsize.get(g).copied().unwrap_or(1);
        bp += ratio_u(v * v, pq);
        br += ratio_u(v * v, gg);
    }
    let (bp, br) = if n > 0 {
        (bp / n as f64, br / n as f64)
    } else {
        (1.0, 1.0)
    };
    let bf = if bp + br != 0.0 {
        2.0 * bp * br / (bp + br)
    } else {
        0.0
    };

    // ARI (Hubert & Arabie).
    let total = c2(n);
    let ari = if total == 0 {
        1.0
    } else {
        let expected = ratio(u128::from(gp) * u128::from(pp), u128::from(total));
        let max_index = ratio(u128::from(gp) + u128::from(pp), 2);
        if max_index == expected {
            if tp == gp && gp == pp { 1.0 } else { 0.0 }
        } else {
            (tp as f64 - expected) / (max_index - expected)
        }
    };

    let lang = langs.map(|langs| {
        let tp_same = sum_pairs(&ordered_counts(
            gold.iter()
                .zip(pred)
                .zip(langs)
                .map(|((g, p), l)| (g, p, l)),
        ));
        let gp_same = sum_pairs(&ordered_counts(gold.iter().zip(langs)));
        let pp_same = sum_pairs(&ordered_counts(pred.iter().zip(langs)));
        let tp_x = tp.saturating_sub(tp_same);
        let gp_x = gp.saturating_sub(gp_same);
        let pp_x = pp.saturating_sub(pp_same);
        let frac = |a: u64, b: u64| (b > 0).then(|| ratio_u(a, b));
        LangSplit {
            cross_gold_pairs: gp_x,
            cross_recall: frac(tp_x, gp_x),
            cross_precision: frac(tp_x, pp_x),
            same_gold_pairs: gp_same,
            same_recall: frac(tp_same, gp_same),
            same_precision: frac(tp_same, pp_same),
        }
    });

    Partition {
        p,
        r,
        f,
        bp,
        br,
        bf,
        ari,
        gold_pairs: gp,
        predicted_pairs: pp,
        true_pairs: tp,
        lang,
    }
}

/// Predicted cluster label of a gold document; missing documents are singletons.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Label<'a> {
    Story(usize),
    Variant(usize, usize),
    Missing(&'a str),
}

// ----------------------------------------------------------------- score

/// Score a prediction against gold (`score_cluster` of score.py).
pub fn score(gold: &Gold, predicted: &[Predicted]) -> Scores {
    // First occurrence of a file name wins.
    let mut assign: HashMap<&str, &Predicted> = HashMap::new();
    let mut duplicates = 0usize;
    for d in predicted {
        match assign.entry(basename(&d.path)) {
            Entry::Occupied(_) => duplicates += 1,
            Entry::Vacant(e) => {
                e.insert(d);
            }
        }
    }
    let docs = &gold.docs;
    let names: Vec<&str> = docs.keys().map(String::as_str).collect(); // sorted
    let docs_scored = names.iter().filter(|n| assign.contains_key(*n)).count();
    let docs_unknown = assign.keys().filter(|n| !docs.contains_key(**n)).count();

    let gold_story: Vec<&str> = docs.values().map(|d| d.story.as_str()).collect();
    let pred_story: Vec<Label> = names
        .iter()
        .map(|&n| match assign.get(n) {
            Some(p) => Label::Story(p.story),
            None => Label::Missing(n),
        })
        .collect();
    // Gold language of each document: normalised, else the raw tag.
    let glangs: Vec<Option<&str>> = docs.values().map(|d| d.lang.as_deref()).collect();
    let glangs_norm: Vec<Option<String>> = glangs
        .iter()
        .map(|l| l.and_then(norm_lang).filter(|s| !s.is_empty()))
        .collect();
    let glang_keys: Vec<Option<&str>> = glangs_norm
        .iter()
        .zip(&glangs)
        .map(|(n, raw)| n.as_deref().or(*raw))
        .collect();

    let m = partition_metrics(&gold_story, &pred_story, Some(&glang_keys));
    let split = m.lang.as_ref();

    // Language accuracy over the scored documents.
    let (mut ok, mut tot) = (0usize, 0usize);
    let mut errors: Vec<(String, usize)> = Vec::new();
    for (name, g) in docs {
        let Some(p) = assign.get(name.as_str()) else {
            continue;
        };
        tot += 1;
        let gl = g.lang.as_deref().and_then(norm_lang);
        let pl = norm_lang(&p.lang);
        if pl.is_some() && pl == gl {
            ok += 1;
        } else {
            let key = format!("{}->{}", g.lang.as_deref().unwrap_or("None"), p.lang);
            match errors.iter_mut().find(|(k, _)| *k == key) {
                Some(e) => e.1 += 1,
                None => errors.push((key, 1)),
            }
        }
    }
    errors.sort_by_key(|e| std::cmp::Reverse(e.1)); // stable: ties keep first appearance
    errors.truncate(8);

    // Variant level: documents with a non-null (non-empty) gold variant.
    let vdocs: Vec<(&str, &str)> = docs
        .iter()
        .filter_map(|(n, d)| match d.variant.as_deref() {
            Some(v) if !v.is_empty() => Some((n.as_str(), v)),
            _ => None,
        })
        .collect();
    let (variant_gold_pairs, vp, vr, vf) = if vdocs.is_empty() {
        (0, None, None, None)
    } else {
        let gv: Vec<&str> = vdocs.iter().map(|(_, v)| *v).collect();
        let pv: Vec<Label> = vdocs
            .iter()
            .map(|&(n, _)| match assign.get(n) {
                Some(p) => Label::Variant(p.story, p.variant),
                None => Label::Missing(n),
            })
            .collect();
        let vm = partition_metrics::<_, _, ()>(&gv, &pv, None);
        (vm.gold_pairs, Some(vm.p), Some(vm.r), Some(vm.f))
    };

    Scores {
        docs_gold: names.len(),
        docs_scored,
        docs_missing: names.len() - docs_scored,
        docs_unknown,
        output_documents: predicted.len(),
        output_duplicate_documents: duplicates,
        gold_stories: gold_story.iter().collect::<HashSet<_>>().len(),
        predicted_stories: pred_story.iter().collect::<HashSet<_>>().len(),
        pairwise_precision: rnd(m.p),
        pairwise_recall: rnd(m.r),
        pairwise_f1: rnd(m.f),
        bcubed_precision: rnd(m.bp),
        bcubed_recall: rnd(m.br),
        bcubed_f1: rnd(m.bf),
        ari: rnd(m.ari),
        gold_pairs: m.gold_pairs,
        predicted_pairs: m.predicted_pairs,
        true_pairs: m.true_pairs,
        crosslingual_gold_pairs: split.map_or(0, |s| s.cross_gold_pairs),
        crosslingual_pairwise_recall: rnd_opt(split.and_then(|s| s.cross_recall)),
        crosslingual_pairwise_precision: rnd_opt(split.and_then(|s| s.cross_precision)),
        samelang_gold_pairs: split.map_or(0, |s| s.same_gold_pairs),
        samelang_pairwise_recall: rnd_opt(split.and_then(|s| s.same_recall)),
        samelang_pairwise_precision: rnd_opt(split.and_then(|s| s.same_precision)),
        lang_accuracy: rnd_opt((tot > 0).then(|| ratio(ok as u128, tot as u128))),
        lang_errors_top: errors,
        variant_docs: vdocs.len(),
        gold_variants: vdocs.iter().map(|(_, v)| *v).collect::<HashSet<_>>().len(),
        variant_gold_pairs,
        variant_pairwise_precision: rnd_opt(vp),
        variant_pairwise_recall: rnd_opt(vr),
        variant_pairwise_f1: rnd_opt(vf),
    }
}

// ----------------------------------------------------------------- tests

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::GoldDoc;

    /// (file, story, variant, lang)
    fn gold(docs: &[(&str, &str, Option<&str>, Option<&str>)]) -> Gold {
        Gold {
            docs: docs
                .iter()
                .map(|&(f, s, v, l)| {
                    (
                        f.to_string(),
                        GoldDoc {
                            story: s.to_string(),
                            variant: v.map(str::to_string),
                            lang: l.map(str::to_string),
                        },
                    )
                })
                .collect(),
        }
    }

    /// (path, story, variant, lang)
    fn pred(docs: &[(&str, usize, usize, &str)]) -> Vec<Predicted> {
        docs.iter()
            .map(|&(p, s, v, l)| Predicted {
                path: p.to_string(),
                story: s,
                variant: v,
                lang: l.to_string(),
            })
            .collect()
    }

    fn sample_gold() -> Gold {
        gold(&[
            ("a.txt", "S1", Some("S1:en"), Some("en")),
            ("b.txt", "S1", Some("S1:de"), Some("de")),
            ("c.txt", "S1", Some("S1:en"), Some("en")),
            ("d.txt", "S2", None, Some("fil")),
            ("e.txt", "S2", Some("S2:fr"), Some("fr")),
            ("f.txt", "S3", Some("S3:ru"), Some("ru")),
        ])
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let g = sample_gold();
        let p = pred(&[
            ("out/a.txt", 0, 0, "en"),
            ("out/c.txt", 0, 0, "eng"),
            ("out/b.txt", 0, 1, "de"),
            ("d.txt", 1, 0, "tl"),
            ("e.txt", 1, 1, "fr"),
            ("x\\f.txt", 2, 0, "rus"),
        ]);
        let s = score(&g, &p);
        assert_eq!((s.docs_gold, s.docs_scored, s.docs_missing), (6, 6, 0));
        assert_eq!((s.docs_unknown, s.output_duplicate_documents), (0, 0));
        for v in [
            s.pairwise_precision,
            s.pairwise_recall,
            s.pairwise_f1,
            s.bcubed_precision,
            s.bcubed_recall,
            s.bcubed_f1,
            s.ari,
        ] {
            assert_eq!(v, 1.0);
        }
        for v in [
            s.crosslingual_pairwise_recall,
            s.crosslingual_pairwise_precision,
            s.samelang_pairwise_recall,
            s.samelang_pairwise_precision,
            s.lang_accuracy,
            s.variant_pairwise_precision,
            s.variant_pairwise_recall,
            s.variant_pairwise_f1,
        ] {
            assert_eq!(v, Some(1.0));
        }
        assert!(s.lang_errors_top.is_empty());
        assert_eq!((s.gold_stories, s.predicted_stories), (3, 3));
    }

    #[test]
    fn all_singletons() {
        let g = sample_gold();
        let p = pred(&[
            ("a.txt", 0, 0, "und"),
            ("b.txt", 1, 0, "und"),
            ("c.txt", 2, 0, "und"),
            ("d.txt", 3, 0, "und"),
            ("e.txt", 4, 0, "und"),
            ("f.txt", 5, 0, "und"),
        ]);
        let s = score(&g, &p);
        assert_eq!(s.pairwise_precision, 1.0); // no predicted pairs
        assert_eq!(s.pairwise_recall, 0.0);
        assert_eq!(s.pairwise_f1, 0.0);
        assert_eq!(s.bcubed_precision, 1.0);
        // B-cubed recall: (1/3 * 3 + 1/2 * 2 + 1) / 6 = 1/2
        assert_eq!(s.bcubed_recall, 0.5);
        assert_eq!(s.bcubed_f1, 0.6667);
        assert_eq!(s.ari, 0.0);
        assert_eq!(s.lang_accuracy, Some(0.0)); // und is always wrong
        assert_eq!(s.lang_errors_top.len(), 5);
        assert_eq!(s.crosslingual_pairwise_recall, Some(0.0));
        assert_eq!(s.crosslingual_pairwise_precision, None);
        assert_eq!(s.variant_pairwise_precision, Some(1.0));
        assert_eq!(s.variant_pairwise_recall, Some(0.0));
    }

    #[test]
    fn all_in_one() {
        let g = sample_gold();
        let p: Vec<Predicted> = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|n| Predicted {
                path: format!("{n}.txt"),
                story: 7,
                variant: 0,
                lang: String::new(),
            })
            .collect();
        let s = score(&g, &p);
        assert_eq!(s.pairwise_recall, 1.0);
        // 4 gold pairs of 15
        assert_eq!((s.gold_pairs, s.predicted_pairs, s.true_pairs), (4, 15, 4));
        assert_eq!(s.pairwise_precision, 0.2667);
        assert_eq!(s.bcubed_recall, 1.0);
        assert_eq!(s.ari, 0.0); // expected index = max index
        assert_eq!(s.crosslingual_pairwise_recall, Some(1.0));
        assert_eq!(s.samelang_pairwise_recall, Some(1.0));
        assert_eq!(s.lang_accuracy, Some(0.0)); // empty tag is wrong
        assert_eq!(s.predicted_stories, 1);
    }

    #[test]
    fn mixed_case_matches_score_py() {
        let g = gold(&[
            ("a.txt", "S1", Some("v1"), Some("en")),
            ("b.txt", "S1", Some("v2"), Some("de")),
            ("c.txt", "S1", Some("v1"), Some("en")),
            ("d.txt", "S2", None, Some("en")),
            ("e.txt", "S2", Some("v3"), Some("fr")),
            ("f.txt", "S3", Some("v4"), Some("en")),
            ("g.txt", "S1", Some("v1"), Some("en")),
        ]);
        let p = pred(&[
            ("out/a.txt", 0, 0, "eng"),
            ("out/g.txt", 0, 0, " EN_us"),
            ("out/b.txt", 0, 1, "de-DE"),
            ("out/c.txt", 1, 0, "und"),
            ("out/d.txt", 1, 0, "en"),
            ("other/a.txt", 1, 0, "en"), // duplicate: ignored
            ("out/e.txt", 2, 0, "fr"),
            ("out/z.txt", 2, 0, "fr"), // unknown to gold
        ]);
        // f.txt is missing: a predicted singleton.
        let s = score(&g, &p);
        assert_eq!(
            (s.docs_gold, s.docs_scored, s.docs_missing, s.docs_unknown),
            (7, 6, 1, 1)
        );
        assert_eq!((s.output_documents, s.output_duplicate_documents), (8, 1));
        assert_eq!((s.gold_stories, s.predicted_stories), (3, 4));
        assert_eq!((s.gold_pairs, s.predicted_pairs, s.true_pairs), (7, 4, 3));
        // tp 3, pred pairs 4, gold pairs 7
        assert_eq!(s.pairwise_precision, 0.75);
        assert_eq!(s.pairwise_recall, 0.4286); // 3/7
        assert_eq!(s.pairwise_f1, 0.5455); // 6/11
        assert_eq!(s.bcubed_precision, 0.8571); // 6/7
        assert_eq!(s.bcubed_recall, 0.6429); // 4.5/7
        assert_eq!(s.bcubed_f1, 0.7347); // 36/49
        assert_eq!(s.ari, 0.4); // (3 - 4/3) / (5.5 - 4/3)
        assert_eq!(s.crosslingual_gold_pairs, 4);
        assert_eq!(s.crosslingual_pairwise_recall, Some(0.5));
        assert_eq!(s.crosslingual_pairwise_precision, Some(1.0));
        assert_eq!(s.samelang_gold_pairs, 3);
        assert_eq!(s.samelang_pairwise_recall, Some(0.3333));
        assert_eq!(s.samelang_pairwise_precision, Some(0.5));
        assert_eq!(s.lang_accuracy, Some(0.8333)); // 5/6, c.txt tagged und
        assert_eq!(s.lang_errors_top, vec![("en->und".to_string(), 1)]);
        assert_eq!(
            (s.variant_docs, s.gold_variants, s.variant_gold_pairs),
            (6, 4, 3)
        );
        assert_eq!(s.variant_pairwise_precision, Some(1.0));
        assert_eq!(s.variant_pairwise_recall, Some(0.3333));
        assert_eq!(s.variant_pairwise_f1, Some(0.5));
    }

    #[test]
    fn crosslingual_recall() {
        let g = gold(&[
            ("1.txt", "A", None, Some("en")),
            ("2.txt", "A", None, Some("de")),
            ("3.txt", "A", None, Some("fra")),
            ("4.txt", "A", None, Some("eng")), // same language as 1.txt
        ]);
        // split by language: every cross-language pair lost
        let by_lang = pred(&[
            ("1.txt", 0, 0, "en"),
            ("4.txt", 0, 0, "en"),
            ("2.txt", 1, 0, "de"),
            ("3.txt", 2, 0, "fr"),
        ]);
        let s = score(&g, &by_lang);
        assert_eq!((s.crosslingual_gold_pairs, s.samelang_gold_pairs), (5, 1));
        assert_eq!(s.crosslingual_pairwise_recall, Some(0.0));
        assert_eq!(s.crosslingual_pairwise_precision, None);
        assert_eq!(s.samelang_pairwise_recall, Some(1.0));
        assert_eq!(s.pairwise_recall, 0.1667);
        // en+de together, fr apart: cross pairs (1,2), (2,4) found of 5
        let partial = pred(&[
            ("1.txt", 0, 0, "en"),
            ("2.txt", 0, 1, "de"),
            ("4.txt", 0, 0, "en"),
            ("3.txt", 1, 0, "fr"),
        ]);
        let s = score(&g, &partial);
        assert_eq!(s.crosslingual_pairwise_recall, Some(0.4));
        assert_eq!(s.crosslingual_pairwise_precision, Some(1.0));
        // single-language gold: no cross-language pairs at all
        let mono = gold(&[
            ("1.txt", "A", None, Some("en")),
            ("2.txt", "A", None, Some("en")),
        ]);
        let s = score(
            &mono,
            &pred(&[("1.txt", 0, 0, "en"), ("2.txt", 0, 0, "en")]),
        );
        assert_eq!(s.crosslingual_gold_pairs, 0);
        assert_eq!(s.crosslingual_pairwise_recall, None);
        assert_eq!(s.samelang_pairwise_recall, Some(1.0));
        assert_eq!(s.variant_pairwise_f1, None); // no gold variants
    }

    #[test]
    fn language_accuracy_normalisation() {
        let g = gold(&[
            ("1.txt", "A", None, Some("tl")),
            ("2.txt", "B", None, Some("fil")),
            ("3.txt", "C", None, Some("en")),
            ("4.txt", "D", None, Some("und")),
            ("5.txt", "E", None, Some("nb")),
            ("6.txt", "F", None, Some("he")),
            ("7.txt", "G", None, None),
        ]);
        let p = pred(&[
            ("1.txt", 0, 0, "fil"),   // fil = tl
            ("2.txt", 1, 0, "tgl"),   // tgl -> tl = fil
            ("3.txt", 2, 0, "und"),   // und is wrong
            ("4.txt", 3, 0, "und"),   // und is wrong even against und
            ("5.txt", 4, 0, "nn-NO"), // nb = nn = no
            ("6.txt", 5, 0, "iw"),    // old code for Hebrew
            ("7.txt", 6, 0, "en"),    // gold without a tag
        ]);
        let s = score(&g, &p);
        assert_eq!(s.lang_accuracy, Some(0.5714)); // 4/7
        assert_eq!(
            s.lang_errors_top,
            vec![
                ("en->und".to_string(), 1),
                ("und->und".to_string(), 1),
                ("None->en".to_string(), 1)
            ]
        );
        assert_eq!(norm_lang("fil").as_deref(), Some("tl"));
        assert_eq!(norm_lang(" zh_Hant ").as_deref(), Some("zh"));
        assert_eq!(norm_lang("UND"), None);
        assert_eq!(norm_lang(""), None);
        assert_eq!(norm_lang("xyz").as_deref(), Some("xyz"));
        // only scored documents count
        let s = score(&g, &p[..2]);
        assert_eq!(s.lang_accuracy, Some(1.0));
        assert_eq!(score(&g, &[]).lang_accuracy, None);
    }

    #[test]
    fn missing_docs_are_singletons() {
        let g = sample_gold();
        let s = score(&g, &[]);
        assert_eq!((s.docs_scored, s.docs_missing), (0, 6));
        assert_eq!(s.pairwise_recall, 0.0);
        assert_eq!(s.pairwise_precision, 1.0);
        assert_eq!(s.predicted_stories, 6);
        let empty = score(&Gold::default(), &[]);
        assert_eq!(
            (empty.pairwise_f1, empty.ari, empty.bcubed_f1),
            (1.0, 1.0, 1.0)
        );
        assert_eq!(empty.variant_pairwise_f1, None);
    }

    #[test]
    fn rounding_and_division_like_python() {
        assert_eq!(rnd(0.03125), 0.0312); // exact tie: half to even
        assert_eq!(rnd(0.00015), 0.0001); // binary value just below the tie
        assert_eq!(rnd(2.0 / 3.0), 0.6667);
        assert_eq!(ratio(1, 3), 1.0 / 3.0);
        // beyond 2^53: correctly rounded, not double-rounded
        let a: u128 = (1u128 << 60) + 3;
        assert_eq!(ratio(a, 1), a as f64);
        assert_eq!(ratio(a * 7, 7), a as f64);
        assert_eq!(ratio((1u128 << 100) + 1, 1u128 << 47), (1u128 << 53) as f64);
        assert_eq!(ratio(1u128 << 70, 3u128 << 70), 1.0 / 3.0);
    }
}
