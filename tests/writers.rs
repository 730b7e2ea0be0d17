//! Snapshot tests of the three writers (`json`, `jsonl`, `text`) on a small
//! hand-made report, and a round trip of the JSON back into a `Report`.
//! The expected bytes are files in `tests/snapshots/`; after an intended
//! change of the output, regenerate them with
//! `UPDATE_SNAPSHOTS=1 cargo test --test writers` and review the diff.

use std::collections::BTreeMap;
use std::path::Path;

use newsdedup::{Document, Format, Relation, Report, SkippedFile, Story, Variant};

fn doc(path: &str, lang: &str, relation: Relation, similarity: f64) -> Document {
    Document {
        path: path.to_string(),
        path_bytes: None,
        lang: lang.to_string(),
        lang_confidence: 0.9876,
        title: format!("Title of {path}"),
        words: 321,
        relation,
        similarity,
    }
}

/// Two stories (one with a near-duplicate and a second language), a
/// non-UTF-8 path and two skipped files.
fn sample() -> Report {
    let raw: Report = serde_json::from_str(
        r#"{"version": "0.0.0", "parameters": {"lsh": {"threshold": 0.5, "bands": 25, "rows": 5}},
            "summary": {"documents": 4, "stories": 2, "variants": 3, "skipped": 2,
                        "decoded_as_windows_1252": 1, "decoded_from_declared_charset": 0,
                        "languages": {"de": 1, "en": 3}},
            "stories": [], "skipped": []}"#,
    )
    .expect("valid report JSON");
    let mut latin = doc("corpus/caf\u{fffd}.txt", "en", Relation::Canonical, 1.0);
    latin.path_bytes = serde_json::from_str("\"Y29ycHVzL2NhZukudHh0\"").expect("base64");
    Report {
        stories: vec![
            Story {
                id: "53544f5259000001".into(),
                state: None,
                title: "Harbour expansion approved".into(),
                languages: vec!["de".into(), "en".into()],
                size: 3,
                variants: vec![
                    Variant {
                        id: "0000000000000001".into(),
                        state: None,
                        lang: "en".into(),
                        canonical: "corpus/a.txt".into(),
                        canonical_bytes: None,
                        size: 2,
                        documents: vec![
                            doc("corpus/a.txt", "en", Relation::Canonical, 1.0),
                            doc("corpus/b.txt", "en", Relation::NearDuplicate, 0.8125),
                        ],
                    },
                    Variant {
                        id: "0000000000000002".into(),
                        state: None,
                        lang: "de".into(),
                        canonical: "corpus/c.txt".into(),
                        canonical_bytes: None,
                        size: 1,
                        documents: vec![doc("corpus/c.txt", "de", Relation::Canonical, 1.0)],
                    },
                ],
            },
            Story {
                id: "53544f5259000003".into(),
                state: None,
                title: "Café owners protest".into(),
                languages: vec!["en".into()],
                size: 1,
                variants: vec![Variant {
                    id: "0000000000000003".into(),
                    state: None,
                    lang: "en".into(),
                    canonical: latin.path.clone(),
                    canonical_bytes: latin.path_bytes.clone(),
                    size: 1,
                    documents: vec![latin],
                }],
            },
        ],
        skipped: vec![
            SkippedFile {
                path: "corpus/empty.txt".into(),
                path_bytes: None,
                kind: "empty".into(),
                reason: "empty file".into(),
            },
            SkippedFile {
                path: "corpus/z.txt".into(),
                path_bytes: None,
                kind: "too_short".into(),
                reason: "too short after cleaning (2 words)".into(),
            },
        ],
        ..raw
    }
}

fn check(name: &str, bytes: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, bytes).expect("writable snapshot");
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        String::from_utf8_lossy(bytes),
        String::from_utf8_lossy(&expected),
        "{name} differs from its snapshot"
    );
}

#[test]
fn json_writer_snapshot() {
    check("report.json", &sample().render(Format::Json).unwrap());
}

#[test]
fn jsonl_writer_snapshot() {
    check("report.jsonl", &sample().render(Format::Jsonl).unwrap());
}

#[test]
fn text_writer_snapshot() {
    check("report.txt", &sample().render(Format::Text).unwrap());
}

#[test]
fn json_decodes_into_the_same_report() {
    let report = sample();
    let bytes = report.render(Format::Json).unwrap();
    let back: Report = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, report);
    assert_eq!(
        back.summary.languages,
        BTreeMap::from([("de".into(), 1), ("en".into(), 3)])
    );
}

#[test]
fn jsonl_lines_rebuild_the_report() {
    let report = sample();
    let bytes = report.render(Format::Jsonl).unwrap();
    let mut lines: Vec<serde_json::Value> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    let mut summary = lines.pop().expect("a summary line");
    assert_eq!(summary["type"], "summary");
    let stories: Vec<serde_json::Value> = lines
        .into_iter()
        .map(|mut l| {
            assert_eq!(l["type"], "story");
            l.as_object_mut().unwrap().remove("type");
            l
        })
        .collect();
    summary.as_object_mut().unwrap().remove("type");
    summary["stories"] = serde_json::Value::Array(stories);
    let back: Report = serde_json::from_value(summary).unwrap();
    assert_eq!(back, report);
}
