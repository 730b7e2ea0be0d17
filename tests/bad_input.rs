//! Bad input never aborts a run: each bad file becomes a `skipped` entry (and
//! a line on stderr) while the good files are still processed. Also: exit
//! codes, output formats, `-o`, a closed stdout pipe, invalid flag values.

mod common;

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;

use common::{HARBOUR_ARTICLE, bin, cluster_raw, documents, file_name, skipped_entry, write};
use serde_json::Value;

/// A Windows-1252 encoded article (é, curly quotes): not valid UTF-8.
fn windows_1252_article() -> Vec<u8> {
    let text = "Café owners in the old town protest against the new parking rules\n\n\
        Owners of cafés and small shops in the old town said on Monday that the new parking rules, \
        which ban cars from the main square after ten in the morning, would cost them “a third of \
        their trade” during the winter months. The council said it would review the rules in spring.\n";
    text.chars()
        .flat_map(|c| match c {
            'é' => vec![0xE9u8],
            '“' => vec![0x93],
            '”' => vec![0x94],
            c => {
                assert!(c.is_ascii(), "unexpected char {c:?}");
                vec![c as u8]
            }
        })
        .collect()
}

struct Run {
    dir: tempfile::TempDir,
    report: Value,
    stderr: String,
    /// false when running as root (chmod 000 does not stop root from reading).
    unreadable_really_unreadable: bool,
}

/// One corpus with one file of each kind of bad input, clustered once (without
/// --quiet) and shared by the tests below.
fn bad_corpus() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "good.txt", HARBOUR_ARTICLE);
        let mut binary = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
        binary.extend_from_slice(b"some words that look like text but are in a zip file");
        write(d, "binary.txt", binary);
        write(d, "latin1.txt", windows_1252_article());
        write(d, "empty.txt", "");
        write(
            d,
            "boilerplate.txt",
            "Leave a Reply\nShare this\nMost Popular\n",
        );
        let locked = write(
            d,
            "locked.txt",
            "The locked file holds a sentence that is long enough to be an article on its own.\n",
        );
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let unreadable_really_unreadable = std::fs::read(&locked).is_err();
        let (report, _, stderr) = cluster_raw(&[d.to_str().unwrap()]);
        Run {
            dir,
            report,
            stderr,
            unreadable_really_unreadable,
        }
    })
}

/// The skipped entry of `name` has `kind`, and stderr names its path and reason.
fn assert_skipped(report: &Value, stderr: &str, name: &str, kind: &str) {
    let entry = skipped_entry(report, name)
        .unwrap_or_else(|| panic!("{name} is not in skipped: {:#}", report["skipped"]));
    assert_eq!(entry["kind"], kind, "entry: {entry}");
    let path = entry["path"].as_str().unwrap();
    let reason = entry["reason"].as_str().unwrap();
    assert!(!reason.is_empty(), "empty reason: {entry}");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("skipped") && l.contains(path) && l.contains(reason)),
        "no stderr line for {path} ({reason}); stderr:\n{stderr}"
    );
    // A skipped file is never also a document.
    assert!(
        documents(report).iter().all(|d| d["path"] != path),
        "{path} is both skipped and a document"
    );
}

fn assert_good_file_processed(report: &Value) {
    let names: Vec<String> = documents(report)
        .iter()
        .map(|d| file_name(d["path"].as_str().unwrap()))
        .collect();
    assert!(
        names.iter().any(|n| n == "good.txt"),
        "good.txt missing: {names:?}"
    );
}

#[test]
fn binary_file_is_skipped() {
    let r = bad_corpus();
    assert_skipped(&r.report, &r.stderr, "binary.txt", "binary");
    assert_good_file_processed(&r.report);
}

#[test]
fn empty_file_is_skipped() {
    let r = bad_corpus();
    assert_skipped(&r.report, &r.stderr, "empty.txt", "empty");
}

#[test]
fn boilerplate_only_file_is_too_short() {
    let r = bad_corpus();
    assert_skipped(&r.report, &r.stderr, "boilerplate.txt", "too_short");
}

#[test]
fn unreadable_file_is_skipped() {
    let r = bad_corpus();
    if !r.unreadable_really_unreadable {
        eprintln!("note: running as root, a chmod 000 file is readable; not checking 'unreadable'");
        return;
    }
    assert_skipped(&r.report, &r.stderr, "locked.txt", "unreadable");
}

/// A file that reading fails for, even as root (who reads a chmod 000 file):
/// `/proc/self/mem` opens, then reading its first page (address 0, never
/// mapped) fails with EIO.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_file_is_skipped_even_for_root() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", HARBOUR_ARTICLE);
    let (report, _, stderr) = cluster_raw(&[dir.path().to_str().unwrap(), "/proc/self/mem"]);
    assert_skipped(&report, &stderr, "/proc/self/mem", "unreadable");
    let entry = skipped_entry(&report, "/proc/self/mem").unwrap();
    assert_eq!(
        entry["reason"], "unreadable: Input/output error (os error 5)",
        "{entry}"
    );
    assert_eq!(report["summary"]["documents"], 1);
    assert_eq!(report["summary"]["skipped"], 1);
}

#[test]
fn invalid_utf8_is_decoded_as_windows_1252() {
    let r = bad_corpus();
    assert!(
        skipped_entry(&r.report, "latin1.txt").is_none(),
        "{:#}",
        r.report["skipped"]
    );
    assert_eq!(r.report["summary"]["decoded_as_windows_1252"], 1);
    let doc = documents(&r.report)
        .into_iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("latin1.txt"))
        .expect("latin1.txt is a document");
    assert_eq!(
        doc["title"],
        "Café owners in the old town protest against the new parking rules"
    );
}

#[test]
fn bad_files_do_not_fail_the_run() {
    let r = bad_corpus();
    assert_good_file_processed(&r.report);
    let expected_docs = if r.unreadable_really_unreadable { 2 } else { 3 };
    assert_eq!(
        r.report["summary"]["documents"], expected_docs,
        "{}",
        r.report["summary"]
    );
    assert_eq!(
        r.report["summary"]["skipped"].as_u64().unwrap() as usize,
        r.report["skipped"].as_array().unwrap().len()
    );
    // A summary line closes stderr.
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains(&format!("{expected_docs} documents"))),
        "stderr:\n{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    // Keep the directory alive until here.
    assert!(r.dir.path().exists());
}

#[test]
fn oversize_file_is_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 60-odd bytes: under the limit.
    write(
        d,
        "good.txt",
        "Farmers expect a record apple harvest this autumn.\n",
    );
    write(d, "big.txt", HARBOUR_ARTICLE);
    let (report, _, stderr) = cluster_raw(&["--max-bytes", "100", d.to_str().unwrap()]);
    assert_skipped(&report, &stderr, "big.txt", "too_large");
    assert_good_file_processed(&report);
    let reason = skipped_entry(&report, "big.txt").unwrap()["reason"]
        .as_str()
        .unwrap();
    assert!(reason.contains("100"), "reason names the limit: {reason}");
}

fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn self_symlink_named_on_the_command_line_is_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", HARBOUR_ARTICLE);
    let link = dir.path().join("self.txt");
    symlink("self.txt", &link);
    let (report, _, stderr) = cluster_raw(&[link.to_str().unwrap(), good.to_str().unwrap()]);
    assert_skipped(&report, &stderr, "self.txt", "symlink_loop");
    assert_good_file_processed(&report);
}

#[test]
fn symlink_loops_below_a_directory_with_follow() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.txt", HARBOUR_ARTICLE);
    symlink("self.txt", d.join("self.txt"));
    std::fs::create_dir(d.join("sub")).unwrap();
    symlink("..", d.join("sub/up"));
    let (report, _, stderr) = cluster_raw(&["--follow", d.to_str().unwrap()]);
    assert_skipped(&report, &stderr, "self.txt", "symlink_loop");
    assert_skipped(&report, &stderr, "sub/up", "symlink_loop");
    assert_good_file_processed(&report);
    assert_eq!(
        report["summary"]["documents"], 1,
        "the good file is read once"
    );

    // The loop also named on the command line is still reported once.
    let named = d.join("self.txt");
    let (report, _, _) = cluster_raw(&["--follow", d.to_str().unwrap(), named.to_str().unwrap()]);
    let loops: Vec<&Value> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["path"].as_str().unwrap().ends_with("self.txt"))
        .collect();
    assert_eq!(loops.len(), 1, "{:#}", report["skipped"]);
}

#[test]
fn symlink_loops_without_follow_terminate() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.txt", HARBOUR_ARTICLE);
    symlink("self.txt", d.join("self.txt"));
    std::fs::create_dir(d.join("sub")).unwrap();
    symlink("..", d.join("sub/up"));
    let (report, _, stderr) = cluster_raw(&[d.to_str().unwrap()]);
    assert_good_file_processed(&report);
    assert_eq!(report["summary"]["documents"], 1);
    // A link with a matching extension is reported, never silently dropped.
    assert_skipped(&report, &stderr, "self.txt", "symlink");
}

#[test]
fn missing_path_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let out = bin().arg("cluster").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(missing.to_str().unwrap()),
        "stderr: {stderr}"
    );
    assert!(out.stdout.is_empty(), "nothing on stdout");
}

/// The OS error is part of the message once, not repeated by the error chain.
#[test]
fn missing_path_error_names_the_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-file.txt");
    let out = bin().arg("cluster").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("(os error 2)").count(),
        1,
        "the cause is repeated:\n{stderr}"
    );
}

#[test]
fn directory_without_matching_files_is_empty_result() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.md", HARBOUR_ARTICLE);
    let (report, _, stderr) = cluster_raw(&[dir.path().to_str().unwrap()]);
    assert_eq!(report["stories"], serde_json::json!([]));
    assert_eq!(report["summary"]["documents"], 0);
    assert!(stderr.contains("no documents"), "stderr: {stderr}");
}

/// Two unrelated good files for the format tests.
fn two_articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", HARBOUR_ARTICLE);
    write(dir.path(), "owls.txt", common::OWL_ARTICLE);
    dir
}

/// stdout of `cluster --format FORMAT` over [`two_articles`] (which must succeed).
fn two_articles_as(format: &str) -> String {
    let dir = two_articles();
    let out = bin()
        .args(["cluster", "-q", "--format", format])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn jsonl_lines_each_parse() {
    let text = two_articles_as("jsonl");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line ({e}): {l}")))
        .collect();
    let (last, stories) = lines.split_last().expect("at least a summary line");
    assert_eq!(last["type"], "summary");
    assert_eq!(last["summary"]["documents"], 2);
    assert_eq!(
        last["summary"]["stories"].as_u64().unwrap() as usize,
        stories.len()
    );
    assert!(!stories.is_empty());
    for s in stories {
        assert_eq!(s["type"], "story", "{s}");
        assert!(s["variants"].is_array(), "{s}");
    }
}

#[test]
fn text_format_is_a_table() {
    let text = two_articles_as("text");
    assert!(text.contains("stories"), "{text}");
    assert!(
        text.contains("good.txt") && text.contains("owls.txt"),
        "{text}"
    );
    assert!(
        serde_json::from_str::<Value>(&text).is_err(),
        "text is not JSON"
    );
}

#[test]
fn output_file_is_written_and_stdout_is_empty() {
    let dir = two_articles();
    let out_dir = tempfile::tempdir().unwrap();
    let target: PathBuf = out_dir.path().join("result.json");
    let out = bin()
        .args(["cluster", "-q", "-o"])
        .arg(&target)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(report["summary"]["documents"], 2);
    // No temp file left next to the result.
    let left: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "files in the output dir: {left:?}");
}

/// Deterministic pseudo-random words, so that the files are all different.
fn generated_article(i: usize) -> String {
    const WORDS: &[&str] = &[
        "council", "river", "harvest", "election", "minister", "railway", "hospital", "storm",
        "festival", "market", "school", "bridge", "factory", "museum", "court", "budget",
        "airport", "village", "energy", "police", "theatre", "forest", "harbour", "students",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D);
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        WORDS[(x % WORDS.len() as u64) as usize]
    };
    let title: Vec<&str> = (0..14).map(|_| next()).collect();
    let body: Vec<&str> = (0..80).map(|_| next()).collect();
    format!(
        "Report {i}: the {} story of the week\n\nOfficials said on Monday that the {}.\n",
        title.join(" "),
        body.join(" ")
    )
}

#[test]
fn closed_stdout_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // About 850 bytes of JSON per document: well over a 64 KiB pipe buffer.
    for i in 0..120 {
        write(dir.path(), &format!("doc{i:03}.txt"), generated_article(i));
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsdedup"))
        .args(["cluster", "-j", "2"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    assert_eq!(byte[0], b'{');
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "stderr:\n{stderr}");
    assert_eq!(status.code(), Some(0), "stderr:\n{stderr}");
    assert!(!stderr.contains("error"), "stderr:\n{stderr}");
}

#[test]
fn threshold_out_of_range_is_a_usage_error() {
    for (flag, value) in [
        ("--threshold", "1.5"),
        ("--story-threshold", "2"),
        ("--threshold", "abc"),
    ] {
        let out = bin().args(["cluster", flag, value, "."]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(value) && stderr.contains(flag),
            "{flag} {value}: stderr does not name the flag and value:\n{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}
