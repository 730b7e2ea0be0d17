//! The corpus furniture pass on the fixture folders of `fixtures/furniture`
//! (each with an `expected.json`: its stories, titles and furniture lines),
//! and the `normalize --corpus` output names.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{bin, cluster, documents, file_name, story_doc_names, write};
use serde_json::Value;

/// Every fixture folder with its expectations, sorted.
fn fixtures() -> Vec<(PathBuf, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/furniture");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/furniture exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 2, "{dirs:?}");
    dirs.into_iter()
        .map(|d| {
            let expected = std::fs::read(d.join("expected.json")).expect("expected.json");
            (
                d,
                serde_json::from_slice(&expected).expect("expected.json is JSON"),
            )
        })
        .collect()
}

/// The `.txt` files of a folder, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    out.sort();
    out
}

/// `newsdedup normalize --format json FILES…`: file name → document object.
fn normalize_json(paths: &[PathBuf]) -> BTreeMap<String, Value> {
    let out = bin()
        .args(["normalize", "-q", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (file_name(d["path"].as_str().unwrap()), d.clone()))
        .collect()
}

fn lines(text: &str) -> BTreeSet<&str> {
    text.lines().collect()
}

#[test]
fn fixture_corpora_group_as_expected_and_skip_nothing() {
    for (dir, expected) in fixtures() {
        let report = cluster(&[dir.to_str().unwrap()]);
        assert_eq!(report["skipped"], Value::Array(vec![]), "{}", dir.display());
        let mut stories: Vec<Vec<String>> = report["stories"]
            .as_array()
            .unwrap()
            .iter()
            .map(story_doc_names)
            .collect();
        stories.sort();
        let want: Vec<Vec<String>> = serde_json::from_value(expected["stories"].clone()).unwrap();
        assert_eq!(stories, want, "{}", dir.display());
        if let Some(titles) = expected["title"].as_object() {
            for d in documents(&report) {
                let name = file_name(d["path"].as_str().unwrap());
                if let Some(title) = titles.get(&name) {
                    assert_eq!(&d["title"], title, "{name}: the headline survives");
                }
            }
        }
    }
}

#[test]
fn furniture_takes_the_site_template_and_nothing_a_copy_keeps_alone() {
    for (dir, expected) in fixtures() {
        let corpus = normalize_json(&files(&dir));
        // The site's template goes from every page it is on.
        let removed: BTreeSet<&str> = corpus
            .values()
            .flat_map(|d| d["removed"].as_array().unwrap())
            .filter(|r| r["reason"] == "furniture")
            .map(|r| r["text"].as_str().unwrap())
            .collect();
        for line in expected["furniture"].as_array().unwrap() {
            assert!(
                removed.contains(line.as_str().unwrap()),
                "{}: {line} is furniture; removed: {removed:#?}",
                dir.display()
            );
        }
        // Each story cleaned alone with its own copies keeps nothing that the
        // corpus run does not keep.
        for story in expected["stories"].as_array().unwrap() {
            let members: Vec<PathBuf> = story
                .as_array()
                .unwrap()
                .iter()
                .map(|n| dir.join(n.as_str().unwrap()))
                .collect();
            for (name, alone) in normalize_json(&members) {
                let kept = lines(corpus[&name]["text"].as_str().unwrap());
                let lost: Vec<&str> = lines(alone["text"].as_str().unwrap())
                    .difference(&kept)
                    .copied()
                    .collect();
                assert!(lost.is_empty(), "{name} lost in the corpus run: {lost:#?}");
                assert!(corpus[&name]["words"].as_u64().unwrap() >= 50, "{name}");
            }
        }
    }
}

#[test]
fn explain_and_normalize_corpus_agree_with_cluster() {
    for (dir, _) in fixtures() {
        let report = cluster(&[dir.to_str().unwrap()]);
        let by_name: BTreeMap<String, &Value> = documents(&report)
            .into_iter()
            .map(|d| (file_name(d["path"].as_str().unwrap()), d))
            .collect();

        let out = tempfile::tempdir().unwrap();
        bin()
            .args([
                "normalize",
                "-q",
                "--corpus",
                dir.to_str().unwrap(),
                "--out",
            ])
            .arg(out.path())
            .assert()
            .success();
        let listed = normalize_json(&files(&dir));
        for (name, doc) in &by_name {
            let written = std::fs::read_to_string(out.path().join(name)).unwrap();
            let text = listed[name]["text"].as_str().unwrap();
            assert_eq!(written, format!("{text}\n"), "{name}");
            assert_eq!(
                listed[name]["words"].as_u64().unwrap(),
                doc["words"].as_u64().unwrap(),
                "{name}: normalize --corpus and cluster keep the same words"
            );
            assert_eq!(listed[name]["title"], doc["title"], "{name}");
        }

        // explain sees the same cleaned documents as cluster.
        let names: Vec<&String> = by_name.keys().collect();
        for pair in names.windows(2) {
            let out = bin()
                .args(["explain", "-q", "--format", "json", "--corpus"])
                .arg(&dir)
                .arg(dir.join(pair[0]))
                .arg(dir.join(pair[1]))
                .output()
                .unwrap();
            assert!(out.status.success(), "{out:?}");
            let e: Value = serde_json::from_slice(&out.stdout).unwrap();
            for (side, name) in [("a", pair[0]), ("b", pair[1])] {
                assert_eq!(e[side]["words"], by_name[name]["words"], "{name}");
                assert_eq!(e[side]["title"], by_name[name]["title"], "{name}");
            }
        }
    }
}

const ARTICLE: &str = "\
Harbour bridge reopens after storm repairs
The harbour bridge reopened to traffic on Tuesday after three weeks of repairs to the storm-damaged deck, the city transport department said in a statement.
Engineers replaced twelve steel plates and resurfaced the eastern lanes, work that cost about 4.2 million dollars and was finished two days ahead of schedule.
";

fn page(article: &str) -> String {
    let paragraphs: String = article
        .lines()
        .skip(1)
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    format!(
        "<!doctype html><html><head><title>{}</title></head><body><article>\n{paragraphs}</article></body></html>",
        article.lines().next().unwrap()
    )
}

#[test]
fn normalize_corpus_keeps_the_input_extension_in_output_names() {
    let input = tempfile::tempdir().unwrap();
    write(input.path(), "a.txt", ARTICLE);
    write(input.path(), "a.html", page(ARTICLE));
    write(input.path(), "sub/b.txt", ARTICLE);
    let out = tempfile::tempdir().unwrap();
    let run = normalize_corpus(input.path(), out.path());
    assert!(run.status.success(), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("cleaned 3 files"), "{stderr}");
    let mut written: Vec<String> = walk_files(out.path());
    written.sort();
    assert_eq!(written, ["a.html.txt", "a.txt", "sub/b.txt"]);
    let html = std::fs::read_to_string(out.path().join("a.html.txt")).unwrap();
    assert!(
        html.contains("Engineers replaced twelve steel plates"),
        "{html}"
    );
}

#[test]
fn normalize_corpus_fails_before_writing_when_two_inputs_share_an_output() {
    let input = tempfile::tempdir().unwrap();
    write(input.path(), "a.html", page(ARTICLE));
    write(input.path(), "a.html.txt", ARTICLE);
    let out = tempfile::tempdir().unwrap();
    let run = normalize_corpus(input.path(), out.path());
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("would both be written to 'a.html.txt'; nothing was written"),
        "{stderr}"
    );
    assert!(walk_files(out.path()).is_empty());
}

/// `normalize --corpus INPUT --out OUT` over `.txt` and `.html` files.
fn normalize_corpus(input: &Path, out: &Path) -> std::process::Output {
    bin()
        .args(["normalize", "--ext", "txt,html", "--corpus"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// Files below `root`, as '/'-separated relative paths.
fn walk_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out
}
