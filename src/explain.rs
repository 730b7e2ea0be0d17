//! The `explain` command: why two files are (or are not) in the same variant
//! and story — languages, shingle Jaccard (exact and estimated), the shared
//! anchors with their weights, the pair score, the thresholds, the outcome.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Config;
use crate::error::Error;
use crate::output::round4;
use crate::pathenc;
use crate::pipeline::{self, DocMeta};
use crate::progress::Progress;
use crate::shingle;
use crate::story::{self, anchors, dates, score};
use crate::walk::Source;

#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub path: String,
    /// The exact bytes of `path` when it is not UTF-8 (see README, "Paths").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<crate::pathenc::RawPath>,
    pub lang: String,
    pub lang_confidence: f64,
    pub title: String,
    pub words: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SharedAnchor {
    pub anchor: String,
    /// IDF weight in this corpus.
    pub weight: f64,
    /// Documents of the corpus that contain it.
    pub documents: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub a: DocSummary,
    pub b: DocSummary,
    pub corpus_documents: usize,
    pub same_language: bool,
    pub shingle_jaccard: f64,
    pub shingle_jaccard_estimated: f64,
    pub near_duplicate_threshold: f64,
    pub same_variant: bool,
    /// Cosine over anchors (multilingual anchors when languages differ).
    pub anchor_cosine: f64,
    /// Of the number anchors alone (dates, counts, scores, amounts).
    pub number_cosine: f64,
    /// Of the name anchors alone.
    pub name_cosine: f64,
    /// Sublinear TF × IDF cosine over content words (same language only).
    pub word_cosine: f64,
    /// The years each document mentions, and whether none is common to both
    /// (while both mention some).
    pub years_a: Vec<u32>,
    pub years_b: Vec<u32>,
    pub year_conflict: bool,
    /// The days each document names (`yyyy-mm-dd`: its absolute dates and
    /// its relative days resolved against its dateline, see
    /// [`story::dates`]), the days both name, and the smallest distance in
    /// days between a day of A and a day of B (`null`: either names none).
    /// Shown, not scored: on the development corpora the date evidence did
    /// not improve held-out F1 (ARCHITECTURE.md, story stage).
    pub days_a: Vec<String>,
    pub days_b: Vec<String>,
    pub shared_days: Vec<String>,
    pub day_distance: Option<u32>,
    /// The weekdays the header and lede of each document name, and whether
    /// none is common to both (while both name some).
    pub weekdays_a: String,
    pub weekdays_b: String,
    pub weekday_conflict: bool,
    /// The pair score before neighbour normalization: the fitted probability
    /// that the two report one story, from the three cosines above.
    pub score: f64,
    /// The edge weight after neighbour normalization (`null`: not a candidate pair).
    pub edge_weight: Option<f64>,
    pub story_threshold: f64,
    pub same_story: bool,
    pub shared_anchors: Vec<SharedAnchor>,
    /// The rarest anchors of A that B lacks (numbers only across languages,
    /// where names are compared through the multilingual anchors).
    pub only_a: Vec<SharedAnchor>,
    /// The same, of B.
    pub only_b: Vec<SharedAnchor>,
    pub decision: String,
}

/// The years of a year set, ascending.
fn years(bits: story::features::Years) -> Vec<u32> {
    (0..128)
        .filter(|b| bits >> b & 1 == 1)
        .map(|b| story::features::FIRST_YEAR + b)
        .collect()
}

/// One-sided anchors listed per document.
const UNMATCHED_SHOWN: usize = 10;

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn summary(d: &DocMeta) -> DocSummary {
    DocSummary {
        path: d.path.clone(),
        path_bytes: d.path_bytes.clone(),
        lang: d.lang.code.to_string(),
        lang_confidence: round4(d.lang.confidence),
        title: d.title.clone(),
        words: d.words,
    }
}

/// Explain the pair `(a, b)` within `corpus` (or within just the two files).
pub fn explain(
    base: &Config,
    a: &Path,
    b: &Path,
    corpus: Option<&Path>,
    progress: &dyn Progress,
) -> Result<Explanation, Error> {
    let mut config = base.clone();
    // The dates are shown (not scored): find them for these documents.
    config.story.date_evidence = true;
    config.paths = vec![a.to_path_buf(), b.to_path_buf()];
    if let Some(dir) = corpus {
        // Files inside the corpus are walked with it; outside ones are added.
        let root = dir.canonicalize().map_err(|source| Error::MissingPath {
            path: dir.to_path_buf(),
            source,
        })?;
        config
            .paths
            .retain(|p| !p.canonicalize().is_ok_and(|f| f.starts_with(&root)));
        config.paths.insert(0, dir.to_path_buf());
    }
    let pipeline::Loaded {
        records: docs,
        skipped,
        furniture,
    } = pipeline::load_with_cache(&config, progress, pipeline::CACHE_BYTES)?;
    let find = |p: &Path| -> Result<usize, Error> {
        // A second name of a kept file (`duplicate_path`) is not a reason to refuse.
        let refused = |s: &&crate::walk::Skipped| {
            !matches!(s.reason, crate::walk::SkipReason::DuplicatePath { .. })
                && same_file(&pathenc::join(&s.path, s.path_bytes.as_ref()), p)
        };
        if let Some(s) = skipped.iter().find(refused) {
            return Err(Error::InvalidParameter(format!(
                "'{}' was skipped: {}",
                p.display(),
                s.reason
            )));
        }
        docs.meta
            .iter()
            .position(|d| same_file(&pathenc::join(&d.path, d.path_bytes.as_ref()), p))
            .ok_or_else(|| {
                Error::InvalidParameter(format!("'{}' is not among the documents", p.display()))
            })
    };
    let (ia, ib) = (find(a)?, find(b)?);
    // The same path twice (e.g. named and inside the corpus) is one document.
    // The run's own model and edges are kept, not built again.
    let (grouping, run) = pipeline::group_kept(&docs, &config, progress);
    let same_variant = grouping.variant_of(ia) == grouping.variant_of(ib);
    let same_story = grouping.story_of(ia) == grouping.story_of(ib);

    // Exact Jaccard from the cleaned texts (the records keep no text): the two
    // files cleaned again with the run's furniture.
    let text_of = |p: &Path| -> Result<String, Error> {
        let source = Source {
            path: PathBuf::from(p),
        };
        pipeline::clean_file(&source, &config, &furniture)
            .map(|(c, _)| c.text())
            .map_err(|r| Error::InvalidParameter(format!("'{}' was skipped: {r}", p.display())))
    };
    let (ta, tb) = (text_of(a)?, text_of(b)?);
    let shingle_jaccard = shingle::jaccard(
        &shingle::shingles(&ta, &config.shingle),
        &shingle::shingles(&tb, &config.shingle),
    );
    let estimated = crate::minhash::estimate(&docs.signatures[ia], &docs.signatures[ib]);

    let model = &run.model;
    let pair = model.score(ia, ib);
    let (lo, hi) = (ia.min(ib) as u32, ia.max(ib) as u32);
    let edge_weight = run
        .edges
        .iter()
        .find(|e| e.a == lo && e.b == hi)
        .map(|e| round4(e.weight));

    let (va, vb) = (&model.docs[ia], &model.docs[ib]);
    let shared_ids = if pair.same_language {
        score::shared(&va.anchors, &vb.anchors)
    } else {
        score::shared(&va.multilingual, &vb.multilingual)
    };
    let (labels_a, labels_b) = (anchors::labels(&ta), anchors::labels(&tb));
    // Evidence of one side only: its specific numbers (and, in one language,
    // names) that the other lacks — the dates, counts and names that tell
    // two events of one topic apart. The rarest first.
    let one_sided =
        |mine: &std::collections::HashMap<story::Feature, String>,
         other: &std::collections::HashMap<story::Feature, String>| {
            let mut out: Vec<SharedAnchor> = mine
                .iter()
                .filter(|(k, _)| !other.contains_key(k))
                .filter(|(k, _)| pair.same_language || anchors::is_number(**k))
                .map(|(&k, label)| SharedAnchor {
                    anchor: label.clone(),
                    weight: round4(model.anchors.weight(k)),
                    documents: model.anchors.id(k).map_or(1, |id| model.anchors.df(id)),
                })
                .collect();
            out.sort_by(|x, y| y.weight.total_cmp(&x.weight).then(x.anchor.cmp(&y.anchor)));
            out.truncate(UNMATCHED_SHOWN);
            out
        };
    let (only_a, only_b) = (
        one_sided(&labels_a, &labels_b),
        one_sided(&labels_b, &labels_a),
    );
    let mut labels = labels_a;
    labels.extend(labels_b);
    let mut shared_anchors: Vec<SharedAnchor> = shared_ids
        .iter()
        .map(|&id| {
            let key = model.anchors.key(id);
            SharedAnchor {
                anchor: labels
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| format!("{key:016x}")),
                weight: round4(model.anchors.weight(key)),
                documents: model.anchors.df(id),
            }
        })
        .collect();
    shared_anchors.sort_by(|x, y| y.weight.total_cmp(&x.weight).then(x.anchor.cmp(&y.anchor)));

    let decision = match (same_variant, same_story) {
        (true, _) => format!(
            "same variant: near-duplicates (estimated Jaccard {:.2} ≥ {:.2}, or linked through copies)",
            estimated, config.lsh.threshold
        ),
        (false, true) => format!(
            "same story, different variants: the mean score between their groups reached {:.2}",
            config.story.threshold
        ),
        (false, false) => format!(
            "different stories: {}",
            match edge_weight {
                None =>
                    "not even a candidate pair (too little rare evidence in common)".to_string(),
                Some(w) => format!(
                    "edge weight {w:.2}; the mean between their groups stayed below {:.2}",
                    config.story.threshold
                ),
            }
        ),
    };
    Ok(Explanation {
        a: summary(&docs.meta[ia]),
        b: summary(&docs.meta[ib]),
        corpus_documents: docs.len(),
        same_language: pair.same_language,
        shingle_jaccard: round4(shingle_jaccard),
        shingle_jaccard_estimated: round4(estimated),
        near_duplicate_threshold: config.lsh.threshold,
        same_variant,
        anchor_cosine: round4(pair.anchor_cosine),
        number_cosine: round4(pair.number_cosine),
        name_cosine: round4(pair.name_cosine),
        word_cosine: round4(pair.word_cosine),
        years_a: years(va.years),
        years_b: years(vb.years),
        year_conflict: pair.year_conflict > 0.0,
        days_a: va
            .dates
            .days
            .iter()
            .map(|&d| dates::format_day(d))
            .collect(),
        days_b: vb
            .dates
            .days
            .iter()
            .map(|&d| dates::format_day(d))
            .collect(),
        shared_days: va
            .dates
            .days
            .iter()
            .filter(|d| vb.dates.days.binary_search(d).is_ok())
            .map(|&d| dates::format_day(d))
            .collect(),
        day_distance: pair.day_distance,
        weekdays_a: dates::format_weekdays(va.dates.weekdays),
        weekdays_b: dates::format_weekdays(vb.dates.weekdays),
        weekday_conflict: pair.weekday_conflict > 0.0,
        score: round4(pair.score),
        edge_weight,
        story_threshold: config.story.threshold,
        same_story,
        shared_anchors,
        only_a,
        only_b,
        decision,
    })
}

impl Explanation {
    /// A readable rendering of the explanation.
    pub fn to_text(&self) -> String {
        render_text(self)
    }
}

/// A readable rendering of an explanation.
fn render_text(e: &Explanation) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for (tag, d) in [("A", &e.a), ("B", &e.b)] {
        let _ = writeln!(
            s,
            "{tag}: {} [{} {:.2}, {} words] {}",
            pathenc::escape(&d.path, d.path_bytes.as_ref()),
            d.lang,
            d.lang_confidence,
            d.words,
            d.title
        );
    }
    let _ = writeln!(s, "corpus: {} documents", e.corpus_documents);
    let _ = writeln!(
        s,
        "shingle Jaccard: exact {:.4}, estimated {:.4} (near-duplicate threshold {:.2})",
        e.shingle_jaccard, e.shingle_jaccard_estimated, e.near_duplicate_threshold
    );
    let _ = writeln!(
        s,
        "story score: {:.4} ({} language; word cosine {:.4}, number cosine {:.4}, name cosine {:.4}, anchor cosine {:.4}); edge weight {}; story threshold {:.2}",
        e.score,
        if e.same_language { "same" } else { "different" },
        e.word_cosine,
        e.number_cosine,
        e.name_cosine,
        e.anchor_cosine,
        e.edge_weight
            .map_or("none".to_string(), |w| format!("{w:.4}")),
        e.story_threshold
    );
    let _ = writeln!(
        s,
        "years: A {}; B {}{}",
        spaced(&e.years_a),
        spaced(&e.years_b),
        if e.year_conflict {
            " (conflict: no year in common)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        s,
        "dates (shown, not scored): A {}; B {}; shared {}{}",
        spaced(&e.days_a),
        spaced(&e.days_b),
        spaced(&e.shared_days),
        match e.day_distance {
            Some(0) | None => String::new(),
            Some(d) => format!(" (closest {d} days apart)"),
        }
    );
    let _ = writeln!(
        s,
        "weekdays of dateline and lede (shown, not scored): A {}; B {}{}",
        spaced(e.weekdays_a.split(' ')),
        spaced(e.weekdays_b.split(' ')),
        if e.weekday_conflict {
            " (conflict: none in common)"
        } else {
            ""
        }
    );
    let _ = writeln!(s, "shared anchors ({}):", e.shared_anchors.len());
    for a in e.shared_anchors.iter().take(25) {
        let _ = writeln!(
            s,
            "  {:<32} weight {:.3}  in {} docs",
            a.anchor, a.weight, a.documents
        );
    }
    if e.shared_anchors.len() > 25 {
        let _ = writeln!(s, "  … {} more", e.shared_anchors.len() - 25);
    }
    for (tag, list) in [("A", &e.only_a), ("B", &e.only_b)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "only in {tag} (conflicting evidence, rarest first):");
        for a in list {
            let _ = writeln!(
                s,
                "  {:<32} weight {:.3}  in {} docs",
                a.anchor, a.weight, a.documents
            );
        }
    }
    let _ = writeln!(s, "decision: {}", e.decision);
    s
}

/// Items joined by spaces, or "none" (empty items are left out).
fn spaced<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let text = items
        .into_iter()
        .map(|x| x.to_string())
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() {
        "none".to_string()
    } else {
        text
    }
}
