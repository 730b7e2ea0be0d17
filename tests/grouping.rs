//! Grouping on small hand-written corpora: unrelated articles stay apart,
//! copies and light edits fall into one variant.

mod common;

use common::{BUDGET_ARTICLE, OUTAGE_ARTICLE, OWL_ARTICLE, cluster, documents, file_name, write};
use serde_json::Value;

fn story_files(report: &Value) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(common::story_doc_names)
        .collect();
    out.sort();
    out
}

#[test]
fn unrelated_articles_are_two_stories() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "owls.txt", OWL_ARTICLE);
    write(dir.path(), "outage.txt", OUTAGE_ARTICLE);
    let report = cluster(&[dir.path().to_str().unwrap()]);
    assert_eq!(report["summary"]["documents"], 2);
    assert_eq!(
        story_files(&report),
        vec![vec!["outage.txt".to_string()], vec!["owls.txt".to_string()]]
    );
    assert_eq!(report["summary"]["stories"], 2);
    assert_eq!(report["summary"]["variants"], 2);
    for d in documents(&report) {
        assert_eq!(d["lang"], "en", "{d}");
        assert_eq!(d["relation"], "canonical");
    }
}

/// The budget article with a few words changed (same number of words).
fn lightly_edited() -> String {
    let edited = BUDGET_ARTICLE
        .replace("late on Thursday", "late on Wednesday")
        .replace("forty new electric buses", "fifty new electric buses")
        .replace("cautious welcome", "guarded welcome")
        .replace("in the spring", "in the summer");
    assert_ne!(edited, BUDGET_ARTICLE);
    edited
}

#[test]
fn exact_and_lightly_edited_copies_are_one_variant() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "budget.txt", BUDGET_ARTICLE);
    write(dir.path(), "budget_copy.txt", BUDGET_ARTICLE);
    write(dir.path(), "budget_edited.txt", lightly_edited());
    write(dir.path(), "owls.txt", OWL_ARTICLE);
    let report = cluster(&[dir.path().to_str().unwrap()]);
    assert_eq!(report["summary"]["documents"], 4);

    // One variant holds the three budget texts.
    let variants: Vec<&Value> = report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["variants"].as_array().unwrap())
        .collect();
    let budget = variants
        .iter()
        .find(|v| {
            v["documents"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| file_name(d["path"].as_str().unwrap()) == "budget.txt")
        })
        .expect("budget.txt is in some variant");
    let mut names: Vec<String> = budget["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| file_name(d["path"].as_str().unwrap()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["budget.txt", "budget_copy.txt", "budget_edited.txt"],
        "variant: {budget}"
    );
    assert_eq!(budget["size"], 3);
    assert_eq!(report["summary"]["variants"], 2);

    let docs = budget["documents"].as_array().unwrap();
    let canonicals: Vec<&Value> = docs
        .iter()
        .filter(|d| d["relation"] == "canonical")
        .collect();
    assert_eq!(canonicals.len(), 1, "one canonical: {budget}");
    assert_eq!(canonicals[0]["path"], budget["canonical"]);
    assert_eq!(canonicals[0]["similarity"], 1.0);
    for d in docs.iter().filter(|d| d["relation"] != "canonical") {
        assert_eq!(d["relation"], "near_duplicate", "{d}");
        let sim = d["similarity"].as_f64().unwrap();
        assert!(sim > 0.5 && sim <= 1.0, "similarity {sim} of {}", d["path"]);
    }
    // An exact copy is an exact copy: identical word counts.
    let words: Vec<u64> = docs.iter().map(|d| d["words"].as_u64().unwrap()).collect();
    assert!(
        words.iter().all(|&w| w == words[0] && w > 250),
        "words: {words:?}"
    );

    // The unrelated article is not in that variant's story.
    let owl_story = report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s.to_string().contains("owls.txt"))
        .unwrap();
    assert_eq!(owl_story["size"], 1, "owl story: {owl_story}");
}

#[test]
fn hidden_files_are_read_only_with_hidden() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "visible.txt", OWL_ARTICLE);
    std::fs::create_dir(dir.path().join(".cache")).unwrap();
    write(&dir.path().join(".cache"), "copy.txt", OWL_ARTICLE);
    write(dir.path(), ".hidden.txt", BUDGET_ARTICLE);
    let d = dir.path().to_str().unwrap();
    assert_eq!(cluster(&[d])["summary"]["documents"], 1);
    assert_eq!(cluster(&["--hidden", d])["summary"]["documents"], 3);
}
