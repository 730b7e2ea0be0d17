//! The report builder: documents, skipped files and a [`Grouping`] in, the
//! [`Report`] out — content-derived ids, canonical documents, titles, sorting,
//! the recorded parameters and the summary.

use std::collections::{BTreeMap, BTreeSet};

use super::{Document, Relation, Report, SkippedFile, Story, Summary, Variant, ids, round4};
use crate::analyze::DocMeta;
use crate::config::Config;
use crate::error::Error;
use crate::grouping::Grouping;
use crate::title;
use crate::walk::{Encoding, Skipped};

/// A variant of a story while the story is assembled.
struct Draft {
    /// Words of the canonical document (longer first).
    canonical_words: usize,
    /// Content hash of the canonical document (the variant's id).
    canonical_hash: u64,
    /// Title candidates: the canonical, then the copies by content hash.
    by_preference: Vec<u32>,
    variant: Variant,
}

/// Assemble the report of a run.
pub fn build(
    docs: &[DocMeta],
    skipped: Vec<Skipped>,
    grouping: &Grouping,
    config: &Config,
) -> Result<Report, Error> {
    let mut parameters = serde_json::to_value(config)?;
    if let Some(obj) = parameters.get_mut("lsh").and_then(|v| v.as_object_mut()) {
        obj.insert("bands".into(), grouping.bands.bands.into());
        obj.insert("rows".into(), grouping.bands.rows.into());
    }
    let mut languages: BTreeMap<String, usize> = BTreeMap::new();
    for d in docs {
        *languages.entry(d.lang.code.to_string()).or_insert(0) += 1;
    }
    // Site names that end several titles ("… | TheHill") are not part of them.
    let titles = title::strip_recurring_suffixes(docs.iter().map(|d| d.title.as_str()));
    let mut stories: Vec<Story> = grouping
        .stories
        .iter()
        .map(|variant_ids| story(docs, grouping, &titles, variant_ids))
        .collect();
    stories.sort_by(|a, b| b.size.cmp(&a.size).then(a.id.cmp(&b.id)));
    let skipped: Vec<SkippedFile> = skipped
        .into_iter()
        .map(|s| SkippedFile {
            path: s.path,
            path_bytes: s.path_bytes,
            kind: s.reason.kind(),
            reason: s.reason.to_string(),
        })
        .collect();
    let count = |e: Encoding| docs.iter().filter(|d| d.encoding == e).count();
    Ok(Report {
        version: env!("CARGO_PKG_VERSION").to_string(),
        parameters,
        summary: Summary {
            documents: docs.len(),
            stories: stories.len(),
            variants: grouping.variants.len(),
            skipped: skipped.len(),
            decoded_as_windows_1252: count(Encoding::Windows1252),
            decoded_from_declared_charset: count(Encoding::Declared),
            languages,
            run: None,
        },
        stories,
        skipped,
    })
}

/// One story of the report, from its variants (indices into `grouping.variants`).
fn story(docs: &[DocMeta], grouping: &Grouping, titles: &[String], variant_ids: &[usize]) -> Story {
    let mut drafts: Vec<Draft> = variant_ids
        .iter()
        .map(|&vi| draft(docs, grouping, titles, vi))
        .collect();
    // Largest variant first, then longest canonical, then id.
    drafts.sort_by(|a, b| {
        b.variant
            .size
            .cmp(&a.variant.size)
            .then(b.canonical_words.cmp(&a.canonical_words))
            .then(a.canonical_hash.cmp(&b.canonical_hash))
    });
    // The best headline among the documents, looking at the variants in
    // their order (largest first), each one's canonical first.
    let title = title::best_headline(
        drafts
            .iter()
            .flat_map(|d| d.by_preference.iter().map(|&m| titles[m as usize].as_str())),
    )
    .to_string();
    let languages: BTreeSet<String> = drafts
        .iter()
        .flat_map(|d| d.variant.documents.iter().map(|doc| doc.lang.clone()))
        .collect();
    Story {
        id: ids::story_id(drafts[0].canonical_hash),
        title,
        languages: languages.into_iter().collect(),
        size: drafts.iter().map(|d| d.variant.size).sum(),
        variants: drafts.into_iter().map(|d| d.variant).collect(),
        state: None,
    }
}

/// One variant of a story, with what ordering and titling need.
fn draft(docs: &[DocMeta], grouping: &Grouping, titles: &[String], vi: usize) -> Draft {
    let v = &grouping.variants[vi];
    let canon = &docs[v.canonical as usize];
    let mut documents: Vec<Document> = v
        .members
        .iter()
        .map(|&m| {
            let d = &docs[m as usize];
            Document {
                path: d.path.clone(),
                path_bytes: d.path_bytes.clone(),
                lang: d.lang.code.to_string(),
                lang_confidence: round4(d.lang.confidence),
                title: titles[m as usize].clone(),
                words: d.words,
                relation: if m == v.canonical {
                    Relation::Canonical
                } else {
                    Relation::NearDuplicate
                },
                similarity: round4(f64::from(grouping.similarity[m as usize])),
            }
        })
        .collect();
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    let mut by_preference = v.members.clone();
    by_preference.sort_by_key(|&m| (m != v.canonical, docs[m as usize].content_hash, m));
    Draft {
        canonical_words: canon.words,
        canonical_hash: canon.content_hash,
        by_preference,
        variant: Variant {
            id: ids::variant_id(canon.content_hash),
            lang: canon.lang.code.to_string(),
            canonical: canon.path.clone(),
            canonical_bytes: canon.path_bytes.clone(),
            size: documents.len(),
            documents,
            state: None,
        },
    }
}
