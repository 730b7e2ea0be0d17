//! The fuzz corpus as ordinary tests: every file under `fuzz/regressions/`
//! (seeds and the inputs that once crashed a target) goes through every fuzz
//! target's check (`newsdedup::fuzzing`), which runs the stage and verifies
//! its invariants. A new crash reproducer is a new file; no code changes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use newsdedup::fuzzing::{TARGETS, check};

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions")
}

/// Every corpus file, by the folder (target) it is kept under.
fn corpus() -> BTreeMap<String, Vec<(PathBuf, Vec<u8>)>> {
    let mut by_target = BTreeMap::new();
    for dir in std::fs::read_dir(regressions()).expect("fuzz/regressions is readable") {
        let dir = dir.expect("a listable entry").path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 folder name")
            .to_string();
        let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
            .expect("a readable folder")
            .map(|e| e.expect("a listable entry").path())
            .map(|p| {
                let bytes = std::fs::read(&p).expect("a readable corpus file");
                (p, bytes)
            })
            .collect();
        files.sort();
        by_target.insert(name, files);
    }
    by_target
}

#[test]
fn corpus_folders_are_the_fuzz_targets() {
    let folders: BTreeSet<String> = corpus()
        .into_iter()
        .filter(|(_, files)| !files.is_empty())
        .map(|(name, _)| name)
        .collect();
    let targets: BTreeSet<String> = TARGETS.iter().map(|t| t.to_string()).collect();
    assert_eq!(folders, targets);
}

#[test]
fn every_corpus_file_passes_every_target() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for files in corpus().values() {
        for (path, bytes) in files {
            for target in TARGETS {
                checked += 1;
                match check(target, bytes) {
                    Some(Ok(_)) => {}
                    Some(Err(e)) => broken.push(format!("{target} {}: {e}", path.display())),
                    None => broken.push(format!("{target}: no such check")),
                }
            }
        }
    }
    assert!(checked >= 5 * 50, "only {checked} checks ran");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The corpus reaches every outcome of every target (so a check that
/// silently stopped reaching a branch would show here).
#[test]
fn corpus_reaches_every_outcome() {
    let want: BTreeMap<&str, &[&str]> = BTreeMap::from([
        (
            "decode",
            &[
                "utf8",
                "utf16",
                "windows1252",
                "declared",
                "binary",
                "empty",
            ][..],
        ),
        (
            "html",
            &["html_article", "text_article", "no_content", "too_deep"][..],
        ),
        ("clean", &["kept", "nothing_kept"][..]),
        ("tokenize", &["tokens", "no_tokens"][..]),
        (
            "analyse",
            &["document", "too_short", "binary", "empty", "no_article"][..],
        ),
    ]);
    let corpus = corpus();
    for target in TARGETS {
        let reached: BTreeSet<&str> = corpus
            .values()
            .flatten()
            .filter_map(|(_, bytes)| check(target, bytes).and_then(Result::ok))
            .collect();
        let missing: Vec<&&str> = want[target]
            .iter()
            .filter(|o| !reached.contains(**o))
            .collect();
        assert!(
            missing.is_empty(),
            "{target}: corpus never reaches {missing:?}"
        );
    }
}
