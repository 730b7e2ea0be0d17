//! The `eval --format text` table: counts, then aligned precision, recall and F1.

use std::fmt::Write as _;

use super::metrics::Scores;

fn cell(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"))
}

/// Label, precision, recall, F1 of one table row.
type Row<'a> = (&'a str, Option<f64>, Option<f64>, Option<f64>);

/// Human-readable report: counts, then an aligned precision/recall/F1 table.
pub fn render_text(s: &Scores) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "documents  {} gold, {} scored, {} missing, {} unknown ({} in output, {} duplicate)",
        s.docs_gold,
        s.docs_scored,
        s.docs_missing,
        s.docs_unknown,
        s.output_documents,
        s.output_duplicate_documents
    );
    let _ = writeln!(
        out,
        "stories    {} gold, {} predicted; pairs {} gold, {} predicted, {} true",
        s.gold_stories, s.predicted_stories, s.gold_pairs, s.predicted_pairs, s.true_pairs
    );
    let _ = writeln!(out);
    let rows: [Row; 5] = [
        (
            "pairwise",
            Some(s.pairwise_precision),
            Some(s.pairwise_recall),
            Some(s.pairwise_f1),
        ),
        (
            "B-cubed",
            Some(s.bcubed_precision),
            Some(s.bcubed_recall),
            Some(s.bcubed_f1),
        ),
        (
            "cross-language pairwise",
            s.crosslingual_pairwise_precision,
            s.crosslingual_pairwise_recall,
            None,
        ),
        (
            "same-language pairwise",
            s.samelang_pairwise_precision,
            s.samelang_pairwise_recall,
            None,
        ),
        (
            "variant pairwise",
            s.variant_pairwise_precision,
            s.variant_pairwise_recall,
            s.variant_pairwise_f1,
        ),
    ];
    let w = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "{:<w$}  {:>9}  {:>9}  {:>9}",
        "", "precision", "recall", "F1"
    );
    for (name, p, r, f) in rows {
        let _ = writeln!(
            out,
            "{name:<w$}  {:>9}  {:>9}  {:>9}",
            cell(p),
            cell(r),
            cell(f)
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<w$}  {:>9}", "ARI", cell(Some(s.ari)));
    let _ = writeln!(
        out,
        "{:<w$}  {:>9}",
        "language accuracy",
        cell(s.lang_accuracy)
    );
    if !s.lang_errors_top.is_empty() {
        let errs: Vec<String> = s
            .lang_errors_top
            .iter()
            .map(|(k, n)| format!("{k} x{n}"))
            .collect();
        let _ = writeln!(out, "{:<w$}  {}", "language errors", errs.join(", "));
    }
    let _ = writeln!(
        out,
        "{:<w$}  {} gold cross-language, {} gold same-language",
        "language pairs", s.crosslingual_gold_pairs, s.samelang_gold_pairs
    );
    if s.variant_docs > 0 {
        let _ = writeln!(
            out,
            "{:<w$}  {} documents, {} gold variants, {} gold pairs",
            "variants", s.variant_docs, s.gold_variants, s.variant_gold_pairs
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{Gold, metrics::score};

    fn sample_gold() -> Gold {
        let json = r#"{"docs": {
            "a.txt": {"story": "S1", "variant": "S1:en", "lang": "en"},
            "b.txt": {"story": "S1", "variant": "S1:de", "lang": "de"},
            "c.txt": {"story": "S1", "variant": "S1:en", "lang": "en"},
            "d.txt": {"story": "S2", "variant": null, "lang": "fil"},
            "e.txt": {"story": "S2", "variant": "S2:fr", "lang": "fr"},
            "f.txt": {"story": "S3", "variant": "S3:ru", "lang": "ru"}}}"#;
        crate::eval::parse_gold(json).expect("valid gold")
    }

    #[test]
    fn render_text_table() {
        let s = score(&sample_gold(), &[]);
        let t = render_text(&s);
        assert!(t.contains("6 gold, 0 scored, 6 missing"));
        let row = t.lines().find(|l| l.starts_with("pairwise")).unwrap_or("");
        assert!(row.ends_with("1.0000     0.0000     0.0000"), "{row}");
        let header = t.lines().find(|l| l.contains("precision")).unwrap_or("");
        assert_eq!(header.len(), row.len());
    }
}
