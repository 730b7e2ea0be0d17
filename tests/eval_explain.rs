//! `eval` and `explain` end to end on the seeds.

mod common;

use common::{bin, seed_files, seeds_dir};
use serde_json::Value;

fn run_json(args: &[&str]) -> Value {
    let out = bin().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn gold_file(dir: &std::path::Path, same_story: bool) -> std::path::PathBuf {
    let docs: serde_json::Map<String, Value> = seed_files()
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let lang = if name.starts_with("001") { "id" } else { "en" };
            let story = if same_story {
                "s".to_string()
            } else {
                format!("s{i}")
            };
            (
                name,
                serde_json::json!({"story": story, "variant": null, "lang": lang}),
            )
        })
        .collect();
    let path = dir.join("gold.json");
    std::fs::write(
        &path,
        serde_json::to_vec(&serde_json::json!({ "docs": docs })).unwrap(),
    )
    .unwrap();
    path
}

/// `eval --format json` of the seeds against a gold file (one story, or all singletons).
fn eval_seeds_json(one_story: bool) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let gold = gold_file(dir.path(), one_story);
    let seeds = seeds_dir();
    run_json(&[
        "eval",
        "-q",
        "--format",
        "json",
        "--gold",
        gold.to_str().unwrap(),
        seeds.to_str().unwrap(),
    ])
}

#[test]
fn eval_scores_the_seeds_against_their_gold() {
    let v = eval_seeds_json(true);
    let s = &v["scores"];
    assert_eq!(s["pairwise_f1"], 1.0);
    assert_eq!(s["bcubed_f1"], 1.0);
    assert_eq!(s["lang_accuracy"], 1.0);
    assert_eq!(s["crosslingual_gold_pairs"], 4);
    assert!(v["parameters"]["story"]["threshold"].is_number());
}

#[test]
fn eval_with_all_singleton_gold_has_zero_precision() {
    let v = eval_seeds_json(false);
    assert_eq!(v["scores"]["pairwise_precision"], 0.0);
    assert_eq!(
        v["scores"]["pairwise_recall"], 1.0,
        "no gold pairs: recall is 1 by convention"
    );
}

#[test]
fn eval_text_report_and_bad_gold() {
    let dir = tempfile::tempdir().unwrap();
    let gold = gold_file(dir.path(), true);
    let seeds = seeds_dir();
    let out = bin()
        .args([
            "eval",
            "-q",
            "--gold",
            gold.to_str().unwrap(),
            seeds.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("pairwise"), "{text}");
    assert!(text.contains("1.0000"), "{text}");

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{not json").unwrap();
    let out = bin()
        .args([
            "eval",
            "-q",
            "--gold",
            bad.to_str().unwrap(),
            seeds.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json"));
}

#[test]
fn explain_a_translation_pair() {
    let files = seed_files();
    let (en, id) = (files[0].to_str().unwrap(), files[1].to_str().unwrap());
    let seeds = seeds_dir();
    let v = run_json(&[
        "explain",
        "-q",
        "--format",
        "json",
        en,
        id,
        "--corpus",
        seeds.to_str().unwrap(),
    ]);
    assert_eq!(v["a"]["lang"], "en");
    assert_eq!(v["b"]["lang"], "id");
    assert_eq!(v["same_language"], false);
    assert_eq!(v["same_variant"], false);
    assert_eq!(v["same_story"], true);
    assert_eq!(v["corpus_documents"], 5);
    assert!(v["shingle_jaccard"].as_f64().unwrap() < 0.1);
    let anchors: Vec<&str> = v["shared_anchors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["anchor"].as_str().unwrap())
        .collect();
    assert!(anchors.contains(&"name aliyev"), "{anchors:?}");
    assert!(anchors.contains(&"number 1200"), "{anchors:?}");
    assert!(v["score"].as_f64().unwrap() >= v["story_threshold"].as_f64().unwrap());
}

#[test]
fn explain_text_names_the_decision() {
    let files = seed_files();
    let out = bin()
        .args([
            "explain",
            "-q",
            files[0].to_str().unwrap(),
            files[2].to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("shared anchors"), "{text}");
    assert!(text.contains("decision:"), "{text}");
    assert!(text.contains("shingle Jaccard: exact"), "{text}");
}

#[test]
fn explain_shows_the_days_each_document_names() {
    let dir = tempfile::tempdir().unwrap();
    // A's timestamp line (below its text, so not one of its first lines) is
    // removed by the cleaner, but still dates A: its "Sunday" and
    // "Wednesday" are the days before Thursday, April 2, 2009.
    let a = common::write(
        dir.path(),
        "a.txt",
        "Lineman faces drunk-driving charge\n\
         The City Attorney Office is considering whether to file misdemeanor charges against \
         the defensive lineman.\n\
         He was arrested on Sunday after he was pulled over for speeding on the freeway around \
         1:30 a.m.\n\
         The results of a blood test were released Wednesday, a spokeswoman for the office said.\n\
         They showed a level just under the legal limit of the state.\n\
         Thursday, Apr 2, 2009 | Updated 1:32 PM PDT\n",
    );
    let b = common::write(
        dir.path(),
        "b.txt",
        "Defensive tackle arrested on suspicion of drunk driving\n\
         The defensive tackle was arrested on suspicion of drunk driving early on Sunday, \
         February 1, 2009, after he was pulled over for speeding on a freeway outside downtown. \
         He submitted to a blood-alcohol test, and the results will take a few weeks, the \
         highway patrol said. He was taken to a county jail and later released on bail.\n",
    );
    let v = run_json(&[
        "explain",
        "-q",
        "--format",
        "json",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    let days = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(days("days_a"), ["2009-03-29", "2009-04-01", "2009-04-02"]);
    assert_eq!(days("days_b"), ["2009-02-01"]);
    assert!(days("shared_days").is_empty());
    assert_eq!(v["day_distance"], 56);
    assert_eq!(v["weekdays_a"], "Wed Thu Sun");
    assert_eq!(v["weekdays_b"], "Sun");
    assert_eq!(v["weekday_conflict"], false);
}
