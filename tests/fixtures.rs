//! Every fixture folder (a folder under `fixtures/` with an `expected.json`)
//! carries its expected result; this test clusters each one, decodes the
//! output into a typed `Report` and compares the grouping with it. Adding a
//! fixture needs no change here.
//!
//! `expected.json`: `{"stories": [{"languages": [...], "variants": [[file, ...], ...]}],
//! "languages": {file: lang}, "skipped": {file: kind}}` — files by name, stories
//! and variants in any order (they are compared as sorted sets).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use newsdedup::Report;
use serde::Deserialize;

use common::{bin, file_name};

#[derive(Debug, PartialEq, Eq, Deserialize)]
struct ExpectedStory {
    languages: Vec<String>,
    variants: Vec<Vec<String>>,
}

#[derive(Debug, PartialEq, Eq, Deserialize)]
struct Expected {
    stories: Vec<ExpectedStory>,
    languages: BTreeMap<String, String>,
    skipped: BTreeMap<String, String>,
}

impl Expected {
    /// Stories and variants sorted, so that order never matters.
    fn canonical(mut self) -> Expected {
        for s in &mut self.stories {
            for v in &mut s.variants {
                v.sort();
            }
            s.variants.sort();
        }
        self.stories.sort_by(|a, b| a.variants.cmp(&b.variants));
        self
    }

    /// The same view of a report.
    fn of(report: &Report) -> Expected {
        let stories = report
            .stories
            .iter()
            .map(|s| ExpectedStory {
                languages: s.languages.clone(),
                variants: s
                    .variants
                    .iter()
                    .map(|v| v.documents.iter().map(|d| file_name(&d.path)).collect())
                    .collect(),
            })
            .collect();
        let languages = report
            .stories
            .iter()
            .flat_map(|s| &s.variants)
            .flat_map(|v| &v.documents)
            .map(|d| (file_name(&d.path), d.lang.clone()))
            .collect();
        let skipped = report
            .skipped
            .iter()
            .map(|s| (file_name(&s.path), s.kind.clone()))
            .collect();
        Expected {
            stories,
            languages,
            skipped,
        }
        .canonical()
    }
}

/// Every folder below `fixtures/` that has an `expected.json`.
fn fixture_folders() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/ exists")
        .map(|e| e.expect("readable fixtures/").path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    folders.sort();
    folders
}

fn cluster(dir: &Path, jobs: &str) -> Report {
    let out = bin()
        .args(["cluster", "-q", "-j", jobs])
        .arg(dir)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "cluster {} failed: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the output decodes into a Report")
}

#[test]
fn every_fixture_folder_gives_its_expected_grouping() {
    let folders = fixture_folders();
    assert!(
        !folders.is_empty(),
        "no fixture folder with an expected.json"
    );
    for dir in folders {
        let text = std::fs::read_to_string(dir.join("expected.json")).expect("readable");
        let expected: Expected = serde_json::from_str::<Expected>(&text)
            .unwrap_or_else(|e| panic!("{}: bad expected.json: {e}", dir.display()))
            .canonical();
        let report = cluster(&dir, "1");
        assert_eq!(Expected::of(&report), expected, "fixture {}", dir.display());
        // The summary agrees with the stories, and the thread count changes nothing.
        assert_eq!(report.summary.stories, report.stories.len());
        assert_eq!(report.summary.documents, expected.languages.len());
        assert_eq!(report.summary.skipped, expected.skipped.len());
        assert_eq!(
            cluster(&dir, "2"),
            report,
            "fixture {} with -j 2",
            dir.display()
        );
    }
}
