//! The same input gives the same bytes: across runs, across thread counts,
//! and (up to the paths themselves) across file names and listing order.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use common::{
    BUDGET_ARTICLE, OUTAGE_ARTICLE, OWL_ARTICLE, cluster_raw, file_name, seed_files, write,
};
use serde_json::Value;

/// Seeds plus a few hand-written articles (one with an exact and an edited copy).
fn mixed_corpus(dir: &Path) {
    for f in seed_files() {
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    write(dir, "extra/budget.txt", BUDGET_ARTICLE);
    write(dir, "extra/budget_copy.txt", BUDGET_ARTICLE);
    write(
        dir,
        "extra/budget_edited.txt",
        BUDGET_ARTICLE.replace("cautious welcome", "guarded welcome"),
    );
    write(dir, "extra/owls.txt", OWL_ARTICLE);
    write(dir, "outage.txt", OUTAGE_ARTICLE);
}

fn run(args: &[&str]) -> Vec<u8> {
    let mut all = vec!["-q"];
    all.extend_from_slice(args);
    let (json, bytes, _) = cluster_raw(&all);
    assert!(
        json["summary"]["documents"].as_u64().unwrap() >= 5,
        "{}",
        json["summary"]
    );
    bytes
}

/// The mixed corpus clustered three times: `-j 2`, `-j 2` again, `-j 1`.
fn three_runs() -> &'static [Vec<u8>; 3] {
    static RUNS: OnceLock<[Vec<u8>; 3]> = OnceLock::new();
    RUNS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        mixed_corpus(dir.path());
        let d = dir.path().to_str().unwrap();
        [
            run(&["-j", "2", d]),
            run(&["-j", "2", d]),
            run(&["-j", "1", d]),
        ]
    })
}

#[test]
fn two_runs_give_identical_bytes() {
    let [a, b, _] = three_runs();
    assert!(
        a == b,
        "two runs differ:\n{}\n---\n{}",
        String::from_utf8_lossy(a),
        String::from_utf8_lossy(b)
    );
}

#[test]
fn thread_count_does_not_change_the_bytes() {
    let [two, _, one] = three_runs();
    assert!(
        one == two,
        "-j 1 and -j 2 differ:\n{}\n---\n{}",
        String::from_utf8_lossy(one),
        String::from_utf8_lossy(two)
    );
}

/// The report with every path replaced by a name for its content, and the
/// documents of each variant in a name-independent order.
fn by_content(report: &Value, key_of: &dyn Fn(&str) -> String) -> Value {
    let mut r = report.clone();
    r["parameters"]["paths"] = Value::Null;
    for story in r["stories"].as_array_mut().unwrap() {
        for v in story["variants"].as_array_mut().unwrap() {
            let canonical = key_of(v["canonical"].as_str().unwrap());
            v["canonical"] = canonical.into();
            let docs = v["documents"].as_array_mut().unwrap();
            for d in docs.iter_mut() {
                let k = key_of(d["path"].as_str().unwrap());
                d["path"] = k.into();
            }
            docs.sort_by_key(|d| d.to_string());
        }
    }
    for s in r["skipped"].as_array_mut().unwrap() {
        let k = key_of(s["path"].as_str().unwrap());
        s["path"] = k.into();
    }
    r
}

/// Copy `originals` (name → bytes) into a fresh dir under new names: reversed
/// order, some in a subdirectory. Returns the dir and new file name → original name.
fn renamed_copy(originals: &[(String, Vec<u8>)]) -> (tempfile::TempDir, HashMap<String, String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut map = HashMap::new();
    let n = originals.len();
    for (i, (name, bytes)) in originals.iter().enumerate() {
        let new_name = format!("{:02}_renamed_{}.txt", n - i, i * 7 % 5);
        let rel = if i % 2 == 0 {
            format!("sub/{new_name}")
        } else {
            new_name.clone()
        };
        write(dir.path(), &rel, bytes);
        map.insert(new_name, name.clone());
    }
    (dir, map)
}

#[test]
fn renamed_and_reordered_seeds_give_the_same_stories() {
    let originals: Vec<(String, Vec<u8>)> = seed_files()
        .iter()
        .map(|p| (file_name(p.to_str().unwrap()), std::fs::read(p).unwrap()))
        .collect();
    let src = tempfile::tempdir().unwrap();
    for (name, bytes) in &originals {
        write(src.path(), name, bytes);
    }
    let (dst, map) = renamed_copy(&originals);

    let (a, _, _) = cluster_raw(&["-q", src.path().to_str().unwrap()]);
    let (b, _, _) = cluster_raw(&["-q", dst.path().to_str().unwrap()]);
    assert_eq!(b["summary"]["documents"], 5);
    let same = |p: &str| file_name(p);
    let back = |p: &str| {
        map.get(&file_name(p))
            .cloned()
            .unwrap_or_else(|| panic!("unknown path {p}"))
    };
    let a = by_content(&a, &same);
    let b = by_content(&b, &back);
    assert_eq!(a["summary"], b["summary"]);
    assert_eq!(
        a["stories"], b["stories"],
        "stories differ after renaming:\noriginal: {:#}\nrenamed: {:#}",
        a["stories"], b["stories"]
    );
}

/// Three texts of equal length in one variant: which one is canonical (and so
/// the variant and story ids) must come from the content, not from the names.
#[test]
fn canonical_choice_does_not_depend_on_file_names() {
    let edited = BUDGET_ARTICLE.replace("cautious welcome", "guarded welcome");
    let texts = [
        ("a.txt", BUDGET_ARTICLE.to_string()),
        ("b.txt", edited.clone()),
    ];
    let swapped = [("a.txt", edited), ("b.txt", BUDGET_ARTICLE.to_string())];
    let mut ids = Vec::new();
    for set in [&texts, &swapped] {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in set.iter() {
            write(dir.path(), name, text);
        }
        write(dir.path(), "c_owls.txt", OWL_ARTICLE);
        let (r, _, _) = cluster_raw(&["-q", dir.path().to_str().unwrap()]);
        let story = r["stories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["size"] == 2)
            .unwrap_or_else(|| panic!("the two budget texts are one story: {:#}", r["stories"]));
        let variant = &story["variants"][0];
        assert_eq!(variant["size"], 2, "one variant: {story:#}");
        let canonical_name = file_name(variant["canonical"].as_str().unwrap());
        let canonical_text = set
            .iter()
            .find(|(n, _)| *n == canonical_name)
            .unwrap()
            .1
            .clone();
        ids.push((
            story["id"].as_str().unwrap().to_string(),
            variant["id"].as_str().unwrap().to_string(),
            canonical_text.contains("cautious welcome"),
        ));
    }
    assert_eq!(
        ids[0], ids[1],
        "(story id, variant id, canonical is the original text) changed when the two files swapped names"
    );
}
