//! `newsdedup eval`: score a clustering against gold labels, the same way as
//! the development corpora's `score.py cluster`.
//!
//! - [`gold`]: reading `gold.json` and normalising language tags;
//! - [`metrics`]: the partition metrics (pairwise, B-cubed, ARI, the
//!   language split, variants), with Python's arithmetic and rounding;
//! - [`render`]: the text table.
//!
//! [`evaluate`] is the entry point: a [`Report`] in, [`Scores`] out.

pub mod gold;
pub mod metrics;
pub mod render;

use std::path::Path;

pub use gold::{Gold, GoldDoc, parse_gold};
pub use metrics::{Predicted, Scores, score};
pub use render::render_text;

use crate::error::Error;
use crate::output::Report;

impl Scores {
    /// The scores as a text table.
    pub fn to_text(&self) -> String {
        render_text(self)
    }
}

/// Read and parse a gold file; a file that lists no document is an error.
pub fn read_gold(path: &Path) -> Result<Gold, Error> {
    let fail = |message: String| Error::Gold {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
    let gold = parse_gold(&text).map_err(fail)?;
    if gold.docs.is_empty() {
        return Err(fail(
            "it lists no documents (expected {\"docs\": {\"<file name>\": …}})".into(),
        ));
    }
    Ok(gold)
}

/// The documents of a report as a prediction, in output order: one story per
/// report story, one variant per story variant.
pub fn predicted(report: &Report) -> Vec<Predicted> {
    let mut predicted = Vec::with_capacity(report.summary.documents);
    for (si, story) in report.stories.iter().enumerate() {
        for (vi, variant) in story.variants.iter().enumerate() {
            for d in &variant.documents {
                // A name that is not UTF-8 cannot be a key of the gold JSON:
                // its escaped bytes (`caf\xE9.txt`) match nothing, where the
                // lossy `caf` + U+FFFD + `.txt` could match a wrong key.
                let path = match &d.path_bytes {
                    Some(raw) => crate::pathenc::escape(&d.path, Some(raw)),
                    None => d.path.clone(),
                };
                predicted.push(Predicted {
                    path,
                    story: si,
                    variant: vi,
                    lang: d.lang.clone(),
                });
            }
        }
    }
    predicted
}

/// Score a report against gold.
pub fn evaluate(gold: &Gold, report: &Report) -> Scores {
    score(gold, &predicted(report))
}
