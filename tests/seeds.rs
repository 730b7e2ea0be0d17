//! The five founding articles (fixtures/seeds): one story in two languages,
//! and the cleaner removes the site boilerplate while keeping the article text.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use common::{bin, cluster, documents, file_name, seed_files, seeds_dir};

#[test]
fn seeds_are_one_story_in_english_and_indonesian() {
    let report = cluster(&[seeds_dir().to_str().unwrap()]);
    assert_eq!(
        report["summary"]["documents"], 5,
        "summary: {}",
        report["summary"]
    );
    assert_eq!(
        report["skipped"].as_array().unwrap().len(),
        0,
        "skipped: {}",
        report["skipped"]
    );

    let stories = report["stories"].as_array().unwrap();
    let shape: Vec<(Vec<String>, Vec<String>)> = stories
        .iter()
        .map(|s| {
            let docs = common::story_doc_names(s);
            let langs = s["languages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_string())
                .collect();
            (langs, docs)
        })
        .collect();
    assert_eq!(
        stories.len(),
        1,
        "expected exactly one story, got {shape:?}"
    );
    assert_eq!(report["summary"]["stories"], 1);

    let story = &stories[0];
    assert_eq!(story["size"], 5);
    assert_eq!(story["languages"], serde_json::json!(["en", "id"]));

    // Each document's language is checked against fixtures/seeds/expected.json
    // by tests/fixtures.rs.
    assert_eq!(documents(&report).len(), 5);
    // Every variant's language is that of its documents' canonical.
    for v in story["variants"].as_array().unwrap() {
        let canonical = v["canonical"].as_str().unwrap();
        let canon_doc = v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"] == canonical)
            .expect("the canonical is one of the variant's documents");
        assert_eq!(v["lang"], canon_doc["lang"]);
        assert_eq!(canon_doc["relation"], "canonical");
    }
}

/// What the cleaner does to typography: quotes, dashes and ellipses stay as
/// written; only no-break spaces become plain spaces.
fn unify(s: &str) -> String {
    s.replace('\u{00A0}', " ")
}

/// Boilerplate named in EXPECTED.md; none of it is article text in any seed.
const BOILERPLATE: &[&str] = &[
    "By AFP",
    "By [AFP]",
    "November 01, 2020",
    "EPA / Aziz Karimov / TASS",
    "Original url:",
    "themoscowtimes",
    "Since 1975",
    "• facebook",
    "• twitter",
    "Short Url:",
    "12:11:23",
    "(Twitter)",
    "Most Popular",
    "Recommended",
    "return to top",
    "Wed. Jan 27th, 2021",
    "By Nelia Bagirova",
    "(Reuters)",
    "Copyright 2020 Thomson Reuters.",
    "Source link",
    "Leave a Reply",
    "Your email address will not be published",
    "Required fields are marked",
    "Please enter your comment!",
    "Please enter your name here",
    "(Reporting by",
    "Baku, Gatra.com - ",
    "Gatra.com",
    "Dikutip AFP",
];

fn seed(prefix: &str) -> PathBuf {
    seed_files()
        .into_iter()
        .find(|p| file_name(p.to_str().unwrap()).starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed file {prefix}*"))
}

/// `newsdedup normalize --format json SEEDS…`, run once: file name → kept text.
fn normalized_all() -> &'static HashMap<String, String> {
    static TEXTS: OnceLock<HashMap<String, String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let out = bin()
            .args(["normalize", "--format", "json"])
            .args(seed_files())
            .output()
            .unwrap();
        assert!(out.status.success(), "normalize failed: {out:?}");
        let json: Value =
            serde_json::from_slice(&out.stdout).expect("normalize --format json is JSON");
        let docs = json["documents"].as_array().expect("documents array");
        assert_eq!(docs.len(), 5, "{json:#}");
        docs.iter()
            .map(|d| {
                let text = d["text"]
                    .as_str()
                    .unwrap_or_else(|| panic!("no text (skipped?): {d}"))
                    .to_string();
                (file_name(d["path"].as_str().unwrap()), text)
            })
            .collect()
    })
}

/// The cleaned text of the seed whose name starts with `prefix`.
fn normalized(prefix: &str) -> String {
    let name = file_name(seed(prefix).to_str().unwrap());
    normalized_all()
        .get(&name)
        .unwrap_or_else(|| panic!("{name} not in the normalize output"))
        .clone()
}

fn check_seed(prefix: &str, kept: &[&str]) -> String {
    let text = normalized(prefix);
    for b in BOILERPLATE {
        assert!(
            !text.contains(&unify(b)) && !text.contains(b),
            "{prefix}: boilerplate {b:?} is still in the cleaned text:\n{text}"
        );
    }
    for line in text.lines() {
        assert_ne!(
            line.trim(),
            "AFP",
            "{prefix}: a sign-off line 'AFP' is still there"
        );
    }
    for sentence in kept {
        let want = unify(sentence);
        assert!(
            text.contains(&want),
            "{prefix}: article text {want:?} is missing from the cleaned text:\n{text}"
        );
    }
    text
}

#[test]
fn normalize_seed_000_afp_dispatch() {
    let _ = check_seed(
        "000_",
        &[
            "Azerbaijan Says No Reason for Russia to Intervene Over Karabakh",
            "Azerbaijani President Ilham Aliyev said Sunday there was no reason for Russia to intervene in the conflict over Nagorno-Karabakh because Baku is not threatening Armenian territory.",
            "\"Azerbaijan is conducting military operations on its territory and has no military plans for the territory of Armenia,\" Aliyev's office quoted him as saying.",
            "More than 1,200 people from both sides have been reported killed in the fighting but the death toll is believed to be substantially higher.",
        ],
    );
}

#[test]
fn normalize_seed_001_indonesian() {
    let text = check_seed(
        "001_",
        &[
            "Presiden Azerbaijan Ilham Aliyev mengatakan Minggu, tidak ada alasan bagi Rusia untuk campur tangan dalam konflik di Nagorno-Karabakh karena Baku tidak mengancam wilayah Armenia.",
            "Upaya internasional untuk mengamankan gencatan senjata berulang kali masih gagal.",
            "“Ini adalah alasan utama untuk terus berjuang,” katanya.",
            "Lebih dari 1.200 orang dari kedua belah pihak dilaporkan tewas dalam pertempuran itu, namun jumlah korban tewas diyakini jauh lebih banyak.",
        ],
    );
    // The dateline prefix is removed, the sentence after it is kept from its start.
    assert!(
        text.lines()
            .next()
            .unwrap_or("")
            .starts_with("Presiden Azerbaijan"),
        "first line: {:?}",
        text.lines().next()
    );
}

#[test]
fn normalize_seed_002_second_dispatch() {
    let _ = check_seed(
        "002_",
        &[
            "Turkish FM in Azerbaijan as tensions mount over Karabakh",
            "Turkey’s foreign minister arrived in Azerbaijan on Sunday for talks over the breakaway region of Nagorno-Karabakh after Baku’s arch-enemy Armenia requested security assistance from Russia.",
            "At the same time, Russian foreign ministry spokeswoman Maria Zakharova said “concrete formats” of assistance to Armenia would be discussed.",
            "The Azerbaijani defense ministry for its part accused Armenian forces of targeting its army and civilian settlements on Saturday and overnight.",
        ],
    );
}

#[test]
fn normalize_seed_003_paraphrased_reuters() {
    let _ = check_seed(
        "003_",
        &[
            "Aliyev, speaking during a meeting with Turkish Foreign Minister Mevlut Cavusoglu in Azeri’s capital Baku, said that Armenia had no basis for requesting Russian military assistance in the conflict.",
            "Nagorno-Karbakh is internationally recognized as part of Azerbaijan, but is populated and controlled by ethnic Armenians.",
            "Azerbaijan, which does not disclose its military casualties, says 91 civilians have been killed. Russia has estimated more than 5,000 deaths on both sides.",
        ],
    );
}

#[test]
fn normalize_seed_004_rewrite() {
    let _ = check_seed(
        "004_",
        &[
            "Azerbaijani President Ilham Aliyev said his country’s armed forces would “go to the end” if negotiations did not lead to an agreement by the Armenian armed forces to withdraw from Nagorno-Karabakh and seven surrounding regions.",
            "Azerbaijan’s progress on the battlefield since the fighting began has diminished the incentive for a lasting peace deal and hampered international efforts to reach a ceasefire. Three armistices did not hold.",
            "On Thursday, the Nagorno-Karabakh leader announced that the Azerbaijani troops had advanced to within 5 km of the strategically located town of Shushi south of the capital Stepanakert, which is on the main road between Nagorno-Karabakh and Armenia.",
        ],
    );
}

/// A near-copy of one seed joins that seed's variant and the story stays whole
/// (a document's own near-copy must not dilute its links to the rest).
#[test]
fn seeds_with_a_near_copy_stay_one_story() {
    let dir = tempfile::tempdir().unwrap();
    let files = common::seed_files();
    for f in &files {
        std::fs::copy(f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let text = std::fs::read_to_string(&files[0])
        .unwrap()
        .replace("Sunday", "on Sunday");
    std::fs::write(dir.path().join("copy_of_000.txt"), text).unwrap();
    let report = common::cluster(&[dir.path().to_str().unwrap()]);
    assert_eq!(report["summary"]["stories"], 1, "{:#}", report["stories"]);
    assert_eq!(report["summary"]["documents"], 6);
    let variant_sizes: Vec<u64> = report["stories"][0]["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["size"].as_u64().unwrap())
        .collect();
    assert_eq!(variant_sizes.iter().max(), Some(&2));
}
