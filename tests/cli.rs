//! The command line as a cron job and a shell user meet it (issue 11, findings
//! 7–11): refused option combinations, error messages, exit codes, verbosity
//! levels, story titles, completions and the manual page.

mod common;

use std::path::Path;
use std::process::Output;

use common::{BUDGET_ARTICLE, HARBOUR_ARTICLE, OWL_ARTICLE, bin, seeds_dir, write};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// Exit code 2, stdout empty, stderr one `newsdedup: error:` line holding `needle`.
fn assert_usage_error(args: &[&str], needle: &str) {
    let out = run(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: stderr:\n{err}");
    assert!(out.stdout.is_empty(), "{args:?}: stdout is not empty");
    assert!(
        err.starts_with("newsdedup: error: "),
        "{args:?}: no prefix:\n{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{args:?}: twice:\n{err}");
    assert!(err.contains(needle), "{args:?}: no '{needle}' in:\n{err}");
}

// --- finding 7: eval with a gold file that matches nothing; ignored options ---

#[test]
fn eval_refuses_a_gold_file_without_documents() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write(dir.path(), "gold.json", r#"{"docs": {}}"#);
    let seeds = seeds_dir();
    assert_usage_error(
        &["eval", "-q", "--gold", path(&gold), path(&seeds)],
        "lists no documents",
    );
}

#[test]
fn eval_refuses_a_gold_file_that_matches_no_output_document() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write(
        dir.path(),
        "gold.json",
        r#"{"docs": {"a.txt": {"story": "1"}, "b.txt": {"story": "1"}}}"#,
    );
    let seeds = seeds_dir();
    assert_usage_error(
        &["eval", "-q", "--gold", path(&gold), path(&seeds)],
        "none of its 2 documents matches a clustered document (5 clustered",
    );
}

#[test]
fn normalize_out_without_corpus_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.txt", HARBOUR_ARTICLE);
    let out_dir = dir.path().join("clean");
    assert_usage_error(
        &["normalize", "--out", path(&out_dir), path(&file)],
        "'--out <DIR>' cannot be used with '[FILE]...'",
    );
    assert_usage_error(
        &["normalize", "--out", path(&out_dir)],
        "required arguments were not provided",
    );
    assert!(!out_dir.exists(), "nothing is written");
}

#[test]
fn normalize_corpus_with_files_or_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "raw/a.txt", HARBOUR_ARTICLE);
    let raw = dir.path().join("raw");
    let out_dir = dir.path().join("clean");
    let (raw, out_dir) = (path(&raw), path(&out_dir));
    assert_usage_error(
        &["normalize", "--corpus", raw, "--out", out_dir, path(&file)],
        "'--corpus <DIR>' cannot be used with '[FILE]...'",
    );
    assert_usage_error(
        &[
            "normalize",
            "--corpus",
            raw,
            "--out",
            out_dir,
            "--format",
            "json",
        ],
        "'--corpus <DIR>' cannot be used with '--format <FORMAT>'",
    );
    assert_usage_error(
        &["normalize", "--corpus", raw],
        "required arguments were not provided",
    );
    assert!(!dir.path().join("clean").exists(), "nothing is written");
}

#[test]
fn explain_walking_options_need_a_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", HARBOUR_ARTICLE);
    let b = write(dir.path(), "b.txt", OWL_ARTICLE);
    for flag in ["--hidden", "--follow"] {
        assert_usage_error(
            &["explain", flag, path(&a), path(&b)],
            "required arguments were not provided:\n  --corpus <DIR>",
        );
    }
    assert_usage_error(
        &["explain", "--ext", "md", path(&a), path(&b)],
        "--corpus <DIR>",
    );
    assert_usage_error(
        &["explain", "--fail-if-empty", path(&a), path(&b)],
        "--fail-if-empty does not apply to explain",
    );
}

// --- finding 8: errors once, with the prefix; negative values; empty runs ---

#[test]
fn usage_errors_from_the_parser_have_the_prefix() {
    assert_usage_error(
        &["cluster", "--no-such-flag", "."],
        "unexpected argument '--no-such-flag'",
    );
    assert_usage_error(&["frobnicate"], "unrecognized subcommand 'frobnicate'");
}

#[test]
fn negative_values_reach_the_range_check() {
    for (flag, value, message) in [
        ("--story-threshold", "-0.1", "-0.1 is not between 0 and 1"),
        ("--threshold", "-1", "-1 is not between 0 and 1"),
    ] {
        let out = run(&["cluster", flag, value, "."]);
        let err = stderr(&out);
        assert!(!err.contains("unexpected argument"), "{err}");
        assert_usage_error(&["cluster", flag, value, "."], message);
    }
}

#[test]
fn zero_jobs_is_refused() {
    assert_usage_error(
        &["cluster", "-j", "0", "."],
        "invalid value '0' for '--jobs <N>': must be at least 1",
    );
}

#[test]
fn unwritable_output_names_the_cause_once_without_temp_names() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing-dir/x.json");
    let seeds = seeds_dir();
    let out = run(&["cluster", "-q", "-o", path(&target), path(&seeds)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err,
        format!(
            "newsdedup: error: cannot write '{}': No such file or directory (os error 2)\n",
            target.display()
        )
    );
    // Only the path asked for: not the temporary file next to it.
    assert_eq!(err.matches("missing-dir").count(), 1, "{err}");
    assert!(!err.contains("at path"), "{err}");
}

#[test]
fn fail_if_empty_exits_3_and_keeps_the_previous_result() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("mnt");
    std::fs::create_dir(&mount).unwrap();
    let published = write(dir.path(), "stories.json", "{\"previous\": true}\n");
    let out = run(&[
        "cluster",
        "-q",
        "--fail-if-empty",
        "-o",
        path(&published),
        path(&mount),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_eq!(
        err,
        "newsdedup: error: no documents: no input files found (extensions: txt) (--fail-if-empty)\n"
    );
    assert_eq!(
        std::fs::read_to_string(&published).unwrap(),
        "{\"previous\": true}\n"
    );

    // Files that are all skipped: the same exit code, another reason.
    write(&mount, "empty.txt", "");
    let out = run(&["cluster", "-q", "--fail-if-empty", path(&mount)]);
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("no documents: 1 file skipped, none left"),
        "{}",
        stderr(&out)
    );

    // Without the flag an empty run is a success with an empty result.
    let out = run(&["cluster", "-q", path(&mount)]);
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["documents"], 0);
}

#[test]
fn fail_if_empty_applies_to_eval_and_normalize() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let gold = write(
        dir.path(),
        "gold.json",
        r#"{"docs": {"a.txt": {"story": "1"}}}"#,
    );
    let out_dir = dir.path().join("clean");
    for args in [
        vec![
            "eval",
            "-q",
            "--fail-if-empty",
            "--gold",
            path(&gold),
            path(&empty),
        ],
        vec![
            "normalize",
            "-q",
            "--fail-if-empty",
            "--corpus",
            path(&empty),
            "--out",
            path(&out_dir),
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("no input files found"));
    }
}

// --- finding 9: verbosity levels, pluralized summary, no progress off a terminal ---

/// One good article and one empty file.
fn one_good_one_empty() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", HARBOUR_ARTICLE);
    write(dir.path(), "empty.txt", "");
    dir
}

#[test]
fn default_verbosity_is_warnings_and_a_pluralized_summary() {
    let dir = one_good_one_empty();
    let out = run(&["cluster", path(dir.path())]);
    assert!(out.status.success());
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("newsdedup: skipped ") && lines[0].contains("empty.txt"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("newsdedup: 1 document, 1 story, 1 variant, 1 skipped in "),
        "{err}"
    );
    // Not a terminal: no progress bar, no rate.
    assert!(!err.contains("/s") && !err.contains('\r'), "{err}");
}

#[test]
fn one_q_keeps_warnings_two_keep_only_errors() {
    let dir = one_good_one_empty();
    let out = run(&["cluster", "-q", path(dir.path())]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("skipped") && err.contains("empty.txt"),
        "{err}"
    );

    let out = run(&["cluster", "-qq", path(dir.path())]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
    assert!(!out.stdout.is_empty(), "the result is still printed");

    // -qq still prints errors.
    let missing = dir.path().join("missing");
    let out = run(&["cluster", "-qq", path(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("newsdedup: error: "));
}

#[test]
fn text_format_summary_is_pluralized() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", HARBOUR_ARTICLE);
    let out = run(&["cluster", "-q", "--format", "text", path(dir.path())]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("1 document, 1 story, 1 variant, 0 skipped\n"),
        "{text}"
    );
}

// --- finding 10: titles ---

#[test]
fn story_title_is_a_headline_not_the_longest_documents_lede() {
    let dir = tempfile::tempdir().unwrap();
    // The longest copy (the canonical) starts with its lede; a shorter copy
    // has a headline.
    let body = HARBOUR_ARTICLE
        .split_once("\n\n")
        .map(|(_, rest)| rest)
        .unwrap();
    let long = format!(
        "{body}\nThe authority will publish the final contracts in the spring, and a public meeting \
         on the rail connection is planned for March.\n"
    );
    write(dir.path(), "a.txt", &long);
    write(
        dir.path(),
        "b.txt",
        format!("Harbour expansion approved after decade of protests\n\n{body}"),
    );
    let report = common::cluster(&[path(dir.path())]);
    let story = &report["stories"][0];
    assert_eq!(report["summary"]["stories"], 1, "{report:#}");
    assert_eq!(story["size"], 2);
    let canonical = story["variants"][0]["canonical"].as_str().unwrap();
    assert!(canonical.ends_with("a.txt"), "{canonical}");
    assert_eq!(
        story["title"],
        "Harbour expansion approved after decade of protests"
    );
}

#[test]
fn a_site_name_ending_several_titles_is_stripped() {
    let dir = tempfile::tempdir().unwrap();
    for (name, article) in [
        ("harbour.txt", HARBOUR_ARTICLE),
        ("owls.txt", OWL_ARTICLE),
        ("budget.txt", BUDGET_ARTICLE),
    ] {
        let (headline, body) = article.split_once("\n\n").unwrap();
        write(
            dir.path(),
            name,
            format!("{headline} | The Daily Planet\n\n{body}"),
        );
    }
    let report = common::cluster(&["--no-furniture", path(dir.path())]);
    let mut titles: Vec<&str> = report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "City council passes budget with more money for buses and fewer new roads",
            "Harbour authority approves expansion of the northern container terminal",
            "Rare owls return to the valley forests after forty years",
        ]
    );
    for d in common::documents(&report) {
        let t = d["title"].as_str().unwrap();
        assert!(!t.contains("Daily Planet"), "{t}");
    }
}

#[test]
fn a_declared_site_name_is_stripped_from_a_page_title() {
    let dir = tempfile::tempdir().unwrap();
    let (headline, body) = HARBOUR_ARTICLE.split_once("\n\n").unwrap();
    let paragraphs: String = body.split("\n\n").map(|p| format!("<p>{p}</p>")).collect();
    let page = write(
        dir.path(),
        "page.html",
        format!(
            "<!doctype html><html><head><title>{headline} - Coastal Times</title>\
             <meta property=\"og:site_name\" content=\"Coastal Times\"></head>\
             <body><article>{paragraphs}</article></body></html>"
        ),
    );
    let out = run(&["normalize", "-q", "--format", "json", path(&page)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["documents"][0]["title"], headline);
}

// --- finding 11: completions, manual page, examples in --help ---

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_newsdedup()"),
        ("zsh", "#compdef newsdedup"),
        ("fish", "complete -c newsdedup"),
        ("elvish", "newsdedup"),
        ("powershell", "newsdedup"),
    ] {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: no {marker}");
        assert!(script.contains("fail-if-empty"), "{shell}: flags missing");
    }
    assert_usage_error(&["completions", "tcsh"], "invalid value 'tcsh'");
}

#[test]
fn man_page_on_stdout_and_into_a_folder() {
    let out = run(&["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH newsdedup 1"), "{page}");
    assert!(page.contains("cluster"), "{page}");

    let dir = tempfile::tempdir().unwrap();
    let out = run(&["man", "--dir", path(dir.path())]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut pages: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "newsdedup-cluster.1",
            "newsdedup-completions.1",
            "newsdedup-eval.1",
            "newsdedup-explain.1",
            "newsdedup-man.1",
            "newsdedup-normalize.1",
            "newsdedup-state.1",
            "newsdedup.1",
        ]
    );
    let cluster = std::fs::read_to_string(dir.path().join("newsdedup-cluster.1")).unwrap();
    assert!(cluster.contains("story\\-threshold"), "{cluster}");
}

#[test]
fn help_has_examples() {
    for args in [
        &["--help"][..],
        &["cluster", "--help"],
        &["normalize", "--help"],
    ] {
        let out = run(args);
        assert!(out.status.success());
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(
            help.contains("Examples:\n  newsdedup "),
            "{args:?}:\n{help}"
        );
    }
    let help = String::from_utf8(run(&["--help"]).stdout).unwrap();
    assert!(
        help.contains("Exit codes: 0 success, 1 runtime failure, 2 usage error, 3 no documents")
    );
}
