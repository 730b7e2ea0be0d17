//! Inputs and outputs (issue 11, findings 1–6): inputs are never written, a
//! file is one document however often it is named, output files get the
//! umask's mode and are written through links, path lists come from stdin or
//! a file, paths are reported exactly, and text is told from binary properly.

mod common;

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{
    BUDGET_ARTICLE, HARBOUR_ARTICLE, OUTAGE_ARTICLE, OWL_ARTICLE, bin, cluster, documents,
    file_name, seeds_dir, skipped_entry, write,
};
use serde_json::Value;

/// A folder `d` with four unrelated articles.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    write(&d, "harbour.txt", HARBOUR_ARTICLE);
    write(&d, "budget.txt", BUDGET_ARTICLE);
    write(&d, "owl.txt", OWL_ARTICLE);
    write(&d, "outage.txt", OUTAGE_ARTICLE);
    dir
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Run `newsdedup ARGS` in `cwd` under a shell with the given umask.
fn with_umask(cwd: &Path, umask: &str, args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new("sh");
    cmd.current_dir(cwd)
        .arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_newsdedup"))
        .args(args);
    cmd.output().unwrap()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---- 1. inputs are read-only ----

#[test]
fn normalize_refuses_to_write_into_its_input_folder() {
    let dir = corpus();
    let before = std::fs::read(dir.path().join("d/harbour.txt")).unwrap();
    for out in ["d", "d/clean", "./d/../d", "."] {
        let run = bin()
            .current_dir(dir.path())
            .args(["normalize", "-q", "--corpus", "d", "--out", out])
            .output()
            .unwrap();
        let err = stderr_of(&run);
        assert_eq!(run.status.code(), Some(2), "--out {out}: {err}");
        assert!(err.starts_with("newsdedup: "), "{err}");
        assert!(err.contains("overlaps the input 'd'"), "{err}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("d/harbour.txt")).unwrap(),
        before
    );
    assert!(!dir.path().join("d/clean").exists());
    // Next to the input is fine.
    bin()
        .current_dir(dir.path())
        .args(["normalize", "-q", "--corpus", "d", "--out", "clean"])
        .assert()
        .success();
    assert!(dir.path().join("clean/harbour.txt").is_file());
}

#[test]
fn cluster_refuses_an_output_file_inside_an_input() {
    let dir = corpus();
    let before = std::fs::read(dir.path().join("d/owl.txt")).unwrap();
    for (paths, out) in [
        (&["d"][..], "d/stories.json"),
        (&["d"][..], "d/owl.txt"),
        (&["d/owl.txt", "d/budget.txt"][..], "d/owl.txt"),
    ] {
        let run = bin()
            .current_dir(dir.path())
            .arg("cluster")
            .args(paths)
            .args(["-o", out])
            .output()
            .unwrap();
        let err = stderr_of(&run);
        assert_eq!(run.status.code(), Some(2), "-o {out}: {err}");
        assert!(err.contains("inputs are read-only"), "{err}");
        assert!(run.stdout.is_empty());
    }
    assert_eq!(std::fs::read(dir.path().join("d/owl.txt")).unwrap(), before);
    assert!(!dir.path().join("d/stories.json").exists());
    // A link pointing into the corpus is caught too.
    std::os::unix::fs::symlink("d/owl.txt", dir.path().join("link.json")).unwrap();
    bin()
        .current_dir(dir.path())
        .args(["cluster", "d", "-o", "link.json"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(dir.path().join("d/owl.txt")).unwrap(), before);
}

// ---- 2. one document per file ----

fn duplicate_entries(report: &Value) -> Vec<(String, String)> {
    report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "duplicate_path")
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_folder_named_twice_is_read_once() {
    let dir = corpus();
    let d = dir.path().join("d");
    let once = cluster(&[d.to_str().unwrap()]);
    assert_eq!(once["summary"]["documents"], 4);

    // `d ./d` from inside the temp dir.
    let out = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "d", "./d"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let twice: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(twice["summary"]["documents"], 4);
    assert_eq!(twice["summary"]["stories"], once["summary"]["stories"]);
    let dups = duplicate_entries(&twice);
    assert_eq!(dups.len(), 4, "{dups:?}");
    // Sorted path order: `./d/…` sorts before `d/…`, so `./d` is read.
    assert!(
        dups.iter()
            .any(|(p, r)| p == "d/owl.txt" && r.contains("'./d/owl.txt'")),
        "{dups:?}"
    );

    // `d $PWD/d`.
    let out = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "d", d.to_str().unwrap()])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["documents"], 4);
    assert_eq!(duplicate_entries(&report).len(), 4);
}

#[test]
fn a_symlinked_copy_with_follow_is_read_once() {
    let dir = corpus();
    std::os::unix::fs::symlink("d", dir.path().join("copy")).unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "--follow", "d", "copy"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["documents"], 4);
    let dups = duplicate_entries(&report);
    assert_eq!(dups.len(), 4);
    assert!(
        dups.iter()
            .all(|(p, r)| p.starts_with("d/") && r.contains("'copy/"))
    );
    for doc in documents(&report) {
        assert_eq!(doc["relation"], "canonical", "no file is its own duplicate");
    }
}

// ---- 3. output files: mode, links, atomic, errors ----

#[test]
fn output_files_get_the_umask_mode_and_keep_an_existing_mode() {
    let dir = corpus();
    let out = with_umask(dir.path(), "022", &["cluster", "-q", "d", "-o", "a.json"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(mode(&dir.path().join("a.json")), 0o644);

    let out = with_umask(dir.path(), "027", &["cluster", "-q", "d", "-o", "b.json"]);
    assert!(out.status.success());
    assert_eq!(mode(&dir.path().join("b.json")), 0o640);

    // An existing file keeps its mode whatever the umask.
    let existing = write(dir.path(), "c.json", "old");
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o664)).unwrap();
    let out = with_umask(dir.path(), "077", &["cluster", "-q", "d", "-o", "c.json"]);
    assert!(out.status.success());
    assert_eq!(mode(&existing), 0o664);
    let json: Value = serde_json::from_slice(&std::fs::read(&existing).unwrap()).unwrap();
    assert_eq!(json["summary"]["documents"], 4);

    // normalize --out writes its files the same way.
    let out = with_umask(
        dir.path(),
        "022",
        &["normalize", "-q", "--corpus", "d", "--out", "clean"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(mode(&dir.path().join("clean/owl.txt")), 0o644);
    // No temp files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn output_through_a_symlink_writes_the_target() {
    let dir = corpus();
    let target = write(dir.path(), "public/stories.json", "{}");
    std::os::unix::fs::symlink("public/stories.json", dir.path().join("link.json")).unwrap();
    bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "d", "-o", "link.json"])
        .assert()
        .success();
    let link = std::fs::symlink_metadata(dir.path().join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    let json: Value = serde_json::from_slice(&std::fs::read(target).unwrap()).unwrap();
    assert_eq!(json["summary"]["documents"], 4);
}

#[test]
fn output_over_a_hard_linked_file_keeps_the_link() {
    let dir = corpus();
    // Longer than the result, so that a missing truncation would show.
    let published = write(dir.path(), "public/stories.json", "x".repeat(200_000));
    std::fs::hard_link(&published, dir.path().join("stories.json")).unwrap();
    bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "d", "-o", "stories.json"])
        .assert()
        .success();
    let here = std::fs::read(dir.path().join("stories.json")).unwrap();
    let there = std::fs::read(&published).unwrap();
    assert_eq!(here, there, "both names see the new content");
    let json: Value = serde_json::from_slice(&there).unwrap();
    assert_eq!(json["summary"]["documents"], 4);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(&published).unwrap().nlink(), 2);
}

#[test]
fn a_write_error_names_the_file_and_the_cause_once() {
    let dir = corpus();
    let run = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "d", "-o", "missing/x.json"])
        .output()
        .unwrap();
    let err = stderr_of(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert_eq!(
        err,
        "newsdedup: error: cannot write 'missing/x.json': No such file or directory (os error 2)\n"
    );
}

// ---- 4. path lists and `-o -` ----

#[test]
fn paths_from_stdin_files_from_and_nul_separated() {
    let dir = corpus();
    let expected = cluster(&[dir.path().join("d").to_str().unwrap()]);
    let ids = |r: &Value| -> Vec<String> {
        let mut v: Vec<String> = documents(r)
            .iter()
            .map(|d| file_name(d["path"].as_str().unwrap()))
            .collect();
        v.sort();
        v
    };
    let run = |args: &[&str], stdin: &[u8]| -> Value {
        let out = bin()
            .current_dir(dir.path())
            .arg("cluster")
            .arg("-q")
            .args(args)
            .write_stdin(stdin.to_vec())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let list = b"d/budget.txt\nd/harbour.txt\nd/outage.txt\nd/owl.txt\n";
    let from_stdin = run(&["-"], list);
    assert_eq!(from_stdin["summary"]["documents"], 4);
    assert_eq!(ids(&from_stdin), ids(&expected));
    assert_eq!(from_stdin["stories"], run(&["d"], b"")["stories"]);

    let nul = b"d/budget.txt\0d/harbour.txt\0d/outage.txt\0d/owl.txt\0";
    assert_eq!(run(&["-0", "-"], nul)["summary"]["documents"], 4);
    assert_eq!(
        run(&["--null", "--files-from", "-"], nul)["summary"]["documents"],
        4
    );
    write(dir.path(), "list.txt", list);
    assert_eq!(
        run(&["--files-from", "list.txt"], b"")["summary"]["documents"],
        4
    );
    // A list plus a PATH argument: the union, each file once.
    assert_eq!(
        run(&["--files-from", "list.txt", "d"], b"")["summary"]["documents"],
        4
    );
}

#[test]
fn a_listed_file_that_is_gone_is_skipped_but_a_named_one_stops_the_run() {
    let dir = corpus();
    let list = b"d/budget.txt\nd/gone.txt\nd/harbour.txt\nd/outage.txt\nd/owl.txt\n";
    let out = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "-"])
        .write_stdin(list.to_vec())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        err,
        "newsdedup: skipped d/gone.txt: listed but not found: No such file or directory (os error 2)\n"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["documents"], 4);
    assert_eq!(json["skipped"][0]["path"], "d/gone.txt");
    assert_eq!(json["skipped"][0]["kind"], "not_found");

    // The same name given as an argument is a typo: exit 2, nothing printed.
    let out = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "d/gone.txt", "-"])
        .write_stdin(b"d/budget.txt\n".to_vec())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out).contains("'d/gone.txt'"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn dash_output_is_stdout() {
    let dir = corpus();
    let out = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "d", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["documents"], 4);
    assert!(!dir.path().join("-").exists());
}

// ---- 5. paths kept exactly ----

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let digits: Vec<u8> = chunk
            .iter()
            .filter(|&&c| c != b'=')
            .map(|&c| value(c))
            .collect();
        let n = digits
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
        for i in 0..digits.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn explain_and_eval_tell_apart_names_that_differ_only_in_non_utf8_bytes() {
    // Both names read as "caf\u{FFFD}.txt" when decoded lossily.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")),
        HARBOUR_ARTICLE,
    )
    .unwrap();
    std::fs::write(
        dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe8.txt")),
        BUDGET_ARTICLE,
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsdedup"))
        .current_dir(dir.path())
        .args(["explain", "-q", "--format", "json"])
        .arg(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"))
        .arg(std::ffi::OsStr::from_bytes(b"caf\xe8.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["a"]["title"].as_str().unwrap().starts_with("Harbour"),
        "{json}"
    );
    assert!(
        json["b"]["title"]
            .as_str()
            .unwrap()
            .starts_with("City council"),
        "{json}"
    );
    assert_eq!(
        base64_decode(json["a"]["path_bytes"].as_str().unwrap()),
        b"caf\xe9.txt"
    );
    assert_eq!(
        base64_decode(json["b"]["path_bytes"].as_str().unwrap()),
        b"caf\xe8.txt"
    );
    assert_eq!(json["same_story"], false);

    // A gold key spelled with U+FFFD names neither file exactly.
    write(
        dir.path(),
        "gold.json",
        r#"{"docs": {"caf\ufffd.txt": {"story": "s"}}}"#,
    );
    let out = bin()
        .current_dir(dir.path())
        .args(["eval", "-q", "--gold", "gold.json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("its one document does not match a clustered document"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_non_utf8_name_is_reported_losslessly() {
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(dir.path().join(name), HARBOUR_ARTICLE).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let bad_empty = std::ffi::OsStr::from_bytes(b"vide\xff.txt");
    std::fs::write(dir.path().join(bad_empty), "").unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "."])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = documents(&report);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["path"], "./caf\u{fffd}.txt");
    let bytes = base64_decode(docs[0]["path_bytes"].as_str().unwrap());
    assert_eq!(bytes, b"./caf\xe9.txt");
    assert!(
        std::fs::metadata(dir.path().join(std::ffi::OsStr::from_bytes(&bytes))).is_ok(),
        "path_bytes names the file"
    );
    let variant = &report["stories"][0]["variants"][0];
    assert_eq!(variant["canonical_bytes"], docs[0]["path_bytes"]);
    let skipped = skipped_entry(&report, "vide\u{fffd}.txt").expect("skipped");
    assert_eq!(
        base64_decode(skipped["path_bytes"].as_str().unwrap()),
        b"./vide\xff.txt"
    );
    // A UTF-8 name has no `path_bytes`.
    let plain = skipped_entry(&report, "empty.txt").expect("skipped");
    assert!(plain.get("path_bytes").is_none());

    // --format text prints the bytes escaped.
    let out = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "--format", "text", "."])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("./caf\\xE9.txt"), "{text}");

    // `normalize --format json` keeps the bytes too; its file list can come from stdin.
    let out = bin()
        .current_dir(dir.path())
        .args(["normalize", "-q", "--format", "json", "-0", "-"])
        .write_stdin(b"caf\xe9.txt\0".to_vec())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &json["documents"][0];
    assert_eq!(doc["path"], "caf\u{fffd}.txt");
    assert_eq!(
        base64_decode(doc["path_bytes"].as_str().unwrap()),
        b"caf\xe9.txt"
    );
    assert!(
        doc["title"]
            .as_str()
            .unwrap()
            .starts_with("Harbour authority")
    );
}

#[test]
fn a_newline_in_a_name_is_escaped_in_text() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "two\nlines.txt", OWL_ARTICLE);
    write(dir.path(), "plain.txt", HARBOUR_ARTICLE);
    let out = bin()
        .current_dir(dir.path())
        .args(["cluster", "-q", "--format", "text", "."])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("two"))
        .expect("a line names the file");
    assert!(line.ends_with("./two\\nlines.txt"), "{text}");
    assert!(!text.lines().any(|l| l == "lines.txt"), "{text}");
    // JSON keeps the real name.
    let report = cluster(&[dir.path().to_str().unwrap()]);
    assert!(
        documents(&report)
            .iter()
            .any(|d| d["path"].as_str().unwrap().ends_with("/two\nlines.txt"))
    );
}

// ---- 6. decoding and binary detection ----

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_stray_nuls_and_binary_formats() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "le.txt", utf16(HARBOUR_ARTICLE, false));
    write(d, "be.txt", utf16(BUDGET_ARTICLE, true));
    let mut stray = OWL_ARTICLE.as_bytes().to_vec();
    stray.insert(200, 0);
    write(d, "stray_nul.txt", stray);
    write(
        d,
        "archive.txt",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03words",
    );
    write(
        d,
        "paper.txt",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n",
    );
    write(
        d,
        "letter.txt",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml word/document.xml",
    );
    write(
        d,
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    write(
        d,
        "noise.txt",
        (0u8..=255).cycle().take(4096).collect::<Vec<u8>>(),
    );

    let report = cluster(&[d.to_str().unwrap()]);
    let mut names: Vec<String> = documents(&report)
        .iter()
        .map(|doc| file_name(doc["path"].as_str().unwrap()))
        .collect();
    names.sort();
    assert_eq!(names, ["be.txt", "le.txt", "stray_nul.txt"]);
    for doc in documents(&report) {
        assert_eq!(doc["lang"], "en");
    }
    let owl = documents(&report)
        .into_iter()
        .find(|doc| doc["path"].as_str().unwrap().ends_with("stray_nul.txt"))
        .unwrap();
    assert!(owl["title"].as_str().unwrap().starts_with("Rare owls"));
    for (name, reason) in [
        ("archive.txt", "binary content (gzip archive)"),
        ("paper.txt", "binary content (PDF document)"),
        ("letter.txt", "binary content (DOCX document (zip))"),
        ("photo.txt", "binary content (PNG image)"),
        (
            "noise.txt",
            "binary content (too many control bytes for text)",
        ),
    ] {
        let s = skipped_entry(&report, name).unwrap_or_else(|| panic!("{name} skipped"));
        assert_eq!(s["kind"], "binary", "{name}");
        assert_eq!(s["reason"], reason, "{name}");
    }
}

#[test]
fn explain_accepts_two_names_of_one_file() {
    let dir = corpus();
    let out = bin()
        .current_dir(dir.path())
        .args([
            "explain",
            "-q",
            "--format",
            "json",
            "d/owl.txt",
            "./d/owl.txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let e: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["same_story"], true);
}

/// `-o` onto a named pipe (or a device such as /dev/null) writes through it:
/// renaming a temp file over it would replace it with a regular file.
#[test]
fn output_to_a_named_pipe_is_written_through_it_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = bin()
        .args(["cluster", "-q"])
        .arg(seeds_dir())
        .arg("-o")
        .arg(&fifo)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked before joining: a replaced pipe would leave the reader waiting.
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the named pipe was replaced: {kind:?}");
    let report: Value = serde_json::from_slice(&reader.join().unwrap()).unwrap();
    assert_eq!(report["summary"]["documents"], 5);
}
