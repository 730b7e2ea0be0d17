//! `cluster --state`: incremental runs, stable ids, faults.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{bin, seed_files};
use serde_json::Value;

/// A corpus folder and a state file in a temp dir.
struct Setup {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    state: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let state = dir.path().join("state.db");
    Setup {
        _dir: dir,
        corpus,
        state,
    }
}

/// A setup whose corpus holds the first `n` seed articles.
fn setup_with_seeds(n: usize) -> Setup {
    let s = setup();
    for i in 0..n {
        add_seed(&s, i);
    }
    s
}

fn add_seed(s: &Setup, i: usize) {
    let src = &seed_files()[i];
    std::fs::copy(src, s.corpus.join(src.file_name().unwrap())).unwrap();
}

/// `cluster -q --state STATE CORPUS ARGS…`: exit 0, the JSON.
fn run(s: &Setup, args: &[&str]) -> Value {
    let out = bin()
        .args(["cluster", "-q", "--state"])
        .arg(&s.state)
        .arg(&s.corpus)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `cluster -q --state …` that fails: (exit code, stderr).
fn run_fails(s: &Setup, args: &[&str]) -> (i32, String) {
    let out = bin()
        .args(["cluster", "-q", "--state"])
        .arg(&s.state)
        .arg(&s.corpus)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The sorted file names of a story's documents.
fn story_files(story: &Value) -> Vec<String> {
    let mut names: Vec<String> = story["variants"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| v["documents"].as_array().unwrap().iter())
        .map(|d| common::file_name(d["path"].as_str().unwrap()))
        .collect();
    names.sort();
    names
}

/// (id, status, first_seen, updated, merged_from, sorted file names) of a story.
type StoryView = (String, String, u64, u64, Vec<String>, Vec<String>);

fn stories(report: &Value) -> Vec<StoryView> {
    report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let names = story_files(s);
            (
                s["id"].as_str().unwrap().to_string(),
                s["status"].as_str().unwrap().to_string(),
                s["first_seen"].as_u64().unwrap(),
                s["updated"].as_u64().unwrap(),
                s["merged_from"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap().to_string())
                    .collect(),
                names,
            )
        })
        .collect()
}

fn run_counts(report: &Value) -> [u64; 5] {
    let r = &report["summary"]["run"];
    ["run", "new", "changed", "reused", "removed"].map(|k| r[k].as_u64().unwrap())
}

fn names(list: &[usize]) -> Vec<String> {
    let files = seed_files();
    let mut v: Vec<String> = list
        .iter()
        .map(|&i| files[i].file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn batches_keep_the_story_id_and_report_what_changed() {
    let s = setup();
    add_seed(&s, 0);
    add_seed(&s, 1);
    let first = run(&s, &[]);
    assert_eq!(run_counts(&first), [1, 2, 0, 0, 0]);
    assert_eq!(
        stories(&first),
        vec![("s1".into(), "new".into(), 1, 1, vec![], names(&[0, 1]))]
    );
    for i in 2..5 {
        add_seed(&s, i);
    }
    let second = run(&s, &[]);
    assert_eq!(run_counts(&second), [2, 3, 0, 2, 0]);
    assert_eq!(
        stories(&second),
        vec![(
            "s1".into(),
            "updated".into(),
            1,
            2,
            vec![],
            names(&[0, 1, 2, 3, 4])
        )]
    );
    // Variant ids of the first run survive too.
    let variant_ids: Vec<&str> = second["stories"][0]["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert!(variant_ids.contains(&"v1") && variant_ids.contains(&"v2"));
    let third = run(&s, &[]);
    assert_eq!(run_counts(&third), [3, 0, 0, 5, 0]);
    assert_eq!(
        stories(&third),
        vec![(
            "s1".into(),
            "unchanged".into(),
            1,
            2,
            vec![],
            names(&[0, 1, 2, 3, 4])
        )]
    );
    // The same grouping as a run without state.
    let plain = common::cluster(&[s.corpus.to_str().unwrap()]);
    assert_eq!(plain["summary"]["stories"], third["summary"]["stories"]);
    assert_eq!(plain["summary"]["variants"], third["summary"]["variants"]);
    assert!(plain["summary"].get("run").is_none());
    assert!(plain["stories"][0].get("status").is_none());
}

#[test]
fn changes_prints_only_new_and_updated_stories() {
    let s = setup_with_seeds(5);
    let first = run(&s, &["--changes"]);
    assert_eq!(first["stories"].as_array().unwrap().len(), 1);
    let quiet = run(&s, &["--changes"]);
    assert_eq!(quiet["stories"], Value::Array(vec![]));
    assert_eq!(quiet["summary"]["stories"], 1);
    std::fs::write(s.corpus.join("weather.txt"), WEATHER).unwrap();
    let next = run(&s, &["--changes"]);
    let listed = stories(&next);
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].0.as_str(), listed[0].1.as_str()), ("s2", "new"));
    assert_eq!(listed[0].5, vec!["weather.txt".to_string()]);
}

const WEATHER: &str = "Heavy snow closed mountain roads across the northern valleys on Saturday \
as temperatures fell well below freezing. Ploughs worked through the night to clear the passes, \
while several villages reported power cuts after branches brought down lines. Forecasters expect \
more snow early next week, with strong winds drifting it across the higher roads. Schools in \
the region will stay closed on Monday, and residents were told to avoid travel unless necessary. \
Farmers said the cold snap came weeks earlier than usual and worried about livestock left in \
the upper pastures. Emergency crews checked on elderly people living alone in remote hamlets.";

const ECONOMY: &str = "The central bank raised its main interest rate by half a point on Tuesday, \
the third increase this year, saying that prices for food and energy were still climbing faster \
than wages. The governor told reporters that the board had weighed the risk of slowing growth \
against the cost of letting inflation settle in. Shares of lenders rose after the decision, while \
the currency gained against the dollar. Economists had been divided before the meeting, with some \
expecting a smaller step. Mortgage holders will feel the change within weeks, and several banks \
announced higher rates for new loans the same afternoon.";

#[test]
fn a_merge_keeps_the_oldest_id_and_lists_the_other() {
    let s = setup();
    let a = ECONOMY;
    std::fs::write(s.corpus.join("a.txt"), a).unwrap();
    std::fs::write(s.corpus.join("b.txt"), WEATHER).unwrap();
    let first = run(&s, &["--threshold", "0.3"]);
    let before = stories(&first);
    assert_eq!(before.len(), 2, "{before:?}");
    let id_of = |list: &[StoryView], name: &str| {
        list.iter()
            .find(|s| s.5.contains(&name.to_string()))
            .map(|s| s.0.clone())
            .unwrap()
    };
    assert_eq!(id_of(&before, "a.txt"), "s1");
    assert_eq!(id_of(&before, "b.txt"), "s2");
    // A page holding both texts is a near-copy of each: one variant, one story.
    std::fs::write(s.corpus.join("c.txt"), format!("{a}\n\n{WEATHER}")).unwrap();
    let second = run(&s, &["--threshold", "0.3"]);
    assert_eq!(
        stories(&second),
        vec![(
            "s1".into(),
            "updated".into(),
            1,
            2,
            vec!["s2".into()],
            vec!["a.txt".into(), "b.txt".into(), "c.txt".into()]
        )]
    );
    let variant = &second["stories"][0]["variants"][0];
    assert_eq!(variant["id"], "v1");
    assert_eq!(variant["merged_from"], serde_json::json!(["v2"]));
    assert_eq!(second["summary"]["run"]["stories_retired"], 1);
    // A retired id is never given again.
    std::fs::remove_file(s.corpus.join("c.txt")).unwrap();
    let third = run(&s, &["--threshold", "0.3"]);
    let ids: Vec<String> = stories(&third).into_iter().map(|s| s.0).collect();
    assert!(
        ids.contains(&"s1".to_string()) && !ids.contains(&"s2".to_string()),
        "{ids:?}"
    );
}

#[test]
fn a_changed_file_is_analysed_again_and_a_touched_one_is_not() {
    let s = setup_with_seeds(5);
    std::fs::write(s.corpus.join("weather.txt"), WEATHER).unwrap();
    run(&s, &[]);
    // Same content, new time: reused.
    let f = std::fs::File::options()
        .write(true)
        .open(s.corpus.join("weather.txt"))
        .unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
        .unwrap();
    drop(f);
    let touched = run(&s, &[]);
    assert_eq!(run_counts(&touched), [2, 0, 0, 6, 0]);
    assert!(stories(&touched).iter().all(|s| s.1 == "unchanged"));
    // New content: read and analysed again; its story is updated.
    std::fs::write(
        s.corpus.join("weather.txt"),
        format!("{WEATHER} The snow is expected to melt by Thursday."),
    )
    .unwrap();
    let changed = run(&s, &[]);
    assert_eq!(run_counts(&changed), [3, 0, 1, 5, 0]);
    let list = stories(&changed);
    let weather = list.iter().find(|s| s.5 == ["weather.txt"]).unwrap();
    assert_eq!(
        (weather.0.as_str(), weather.1.as_str(), weather.3),
        ("s2", "updated", 3)
    );
    let seeds = list.iter().find(|s| s.0 == "s1").unwrap();
    assert_eq!(seeds.1, "unchanged");
}

#[test]
fn a_deleted_file_leaves_its_story_which_keeps_its_id() {
    let s = setup_with_seeds(5);
    run(&s, &[]);
    let gone = &seed_files()[4];
    std::fs::remove_file(s.corpus.join(gone.file_name().unwrap())).unwrap();
    let after = run(&s, &[]);
    assert_eq!(run_counts(&after), [2, 0, 0, 4, 1]);
    assert_eq!(
        stories(&after),
        vec![(
            "s1".into(),
            "updated".into(),
            1,
            2,
            vec![],
            names(&[0, 1, 2, 3])
        )]
    );
    let info = bin()
        .args(["state", "--format", "json"])
        .arg(&s.state)
        .output()
        .unwrap();
    let info: Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(info["documents"], 4);
    assert_eq!(info["runs"][1]["removed"], 1);
}

#[test]
fn other_parameters_are_refused_unless_rebuild() {
    let s = setup_with_seeds(5);
    run(&s, &[]);
    let before = std::fs::read(&s.state).unwrap();
    let (code, err) = run_fails(&s, &["--threshold", "0.6"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("other parameters (lsh.threshold: 0.5 in the state, 0.6 now)"),
        "{err}"
    );
    assert_eq!(std::fs::read(&s.state).unwrap(), before);
    let rebuilt = run(&s, &["--threshold", "0.6", "--rebuild"]);
    assert_eq!(run_counts(&rebuilt)[..3], [2, 0, 5]);
    assert_eq!(stories(&rebuilt)[0].0, "s1");
    // The new parameters are the state's from now on.
    let again = run(&s, &["--threshold", "0.6"]);
    assert_eq!(run_counts(&again), [3, 0, 0, 5, 0]);
}

/// A state whose analyses an older newsdedup wrote (an older analysis
/// version, or none recorded) is re-analysed on the next run, its ids kept.
#[test]
fn a_state_of_an_older_analysis_is_analysed_again() {
    let s = setup_with_seeds(5);
    let first = run(&s, &[]);
    // What an older newsdedup wrote: no analysis version, and no parameter
    // it did not have yet.
    let make_older = || {
        let conn = rusqlite::Connection::open(&s.state).unwrap();
        let params: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'parameters'", [], |r| {
                r.get(0)
            })
            .unwrap();
        let mut v: Value = serde_json::from_str(&params).unwrap();
        assert_eq!(v["analysis_version"], newsdedup::ANALYSIS_VERSION);
        v.as_object_mut().unwrap().remove("analysis_version");
        v["story"].as_object_mut().unwrap().remove("latin_floor");
        conn.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'parameters'",
            [v.to_string()],
        )
        .unwrap();
    };
    make_older();
    let out = bin()
        .args(["cluster", "--state"])
        .arg(&s.state)
        .arg(&s.corpus)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("analyses of an older newsdedup (analysis version 1, now"),
        "{err}"
    );
    let again: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Every file analysed again (counted as changed), the story id kept.
    assert_eq!(run_counts(&again), [2, 0, 5, 0, 0]);
    let ids_and_files = |r: &Value| -> Vec<(String, Vec<String>)> {
        stories(r).into_iter().map(|s| (s.0, s.5)).collect()
    };
    assert_eq!(ids_and_files(&again), ids_and_files(&first));
    assert_eq!(stories(&again)[0].1, "unchanged");
    // The state now records this version: the next run reuses everything.
    assert_eq!(run_counts(&run(&s, &[])), [3, 0, 0, 5, 0]);
    // Upgraded or not, a parameter both versions know has to agree.
    make_older();
    let (code, err) = run_fails(&s, &["--threshold", "0.6"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("other parameters (lsh.threshold: 0.5 in the state, 0.6 now)"),
        "{err}"
    );
}

/// A device or named pipe is never taken for a state (SQLite would replace a
/// device with a regular file; opening a pipe would wait for a writer).
#[test]
fn a_named_pipe_is_refused_as_a_state_and_left_alone() {
    use std::os::unix::fs::FileTypeExt;
    let s = setup_with_seeds(1);
    let made = Command::new("mkfifo").arg(&s.state).status().unwrap();
    assert!(made.success());
    let (code, err) = run_fails(&s, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not a regular file (a device, pipe or socket)"),
        "{err}"
    );
    let kind = std::fs::symlink_metadata(&s.state).unwrap().file_type();
    assert!(kind.is_fifo(), "{kind:?}");
}

/// A state that is refused leaves its file as it was.
fn assert_refused(s: &Setup, expected: &str) {
    let before = std::fs::read(&s.state).unwrap();
    let (code, err) = run_fails(s, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(expected), "{err}");
    assert_eq!(std::fs::read(&s.state).unwrap(), before);
    let out = bin().arg("state").arg(&s.state).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(expected));
}

#[test]
fn a_file_that_is_not_a_state_is_refused_untouched() {
    let s = setup();
    add_seed(&s, 0);
    std::fs::write(&s.state, "name,story\na,1\n").unwrap();
    assert_refused(&s, "not a newsdedup state (not an SQLite database)");
    std::fs::remove_file(&s.state).unwrap();
    {
        let conn = rusqlite::Connection::open(&s.state).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    assert_refused(
        &s,
        "not a newsdedup state (an SQLite database with application id 0x0",
    );
}

#[test]
fn a_damaged_or_newer_state_is_refused_untouched() {
    let s = setup_with_seeds(5);
    run(&s, &[]);
    let good = std::fs::read(&s.state).unwrap();
    // Newer schema.
    {
        let conn = rusqlite::Connection::open(&s.state).unwrap();
        conn.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    assert_refused(&s, "written by a newer newsdedup (schema version 99");
    // Damaged pages (the header left intact).
    let mut bad = good.clone();
    for b in &mut bad[100..good.len().min(12_288)] {
        *b = 0xA5;
    }
    std::fs::write(&s.state, &bad).unwrap();
    assert_refused(&s, "damaged state");
}

/// Start `cluster --state` paused inside its write transaction; return the
/// child once it is there.
fn start_paused(s: &Setup) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdedup"))
        .args(["cluster", "-q", "--state"])
        .arg(&s.state)
        .arg(&s.corpus)
        .env("NEWSDEDUP_TEST_PAUSE_IN_COMMIT", "60")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    assert!(line.contains("test pause in commit"), "{line}");
    child
}

/// The JSON report of a successful run (its stderr shown otherwise).
fn json_of(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stories_of(path: &Path, state: &Path) -> Vec<(String, Vec<String>)> {
    let out = bin()
        .args(["cluster", "-q", "--state"])
        .arg(state)
        .arg(path)
        .output()
        .unwrap();
    let v = json_of(&out);
    stories(&v).into_iter().map(|s| (s.0, s.5)).collect()
}

#[test]
fn a_run_killed_inside_its_transaction_leaves_the_last_run() {
    let s = setup_with_seeds(3);
    run(&s, &[]);
    add_seed(&s, 3);
    add_seed(&s, 4);
    std::fs::write(s.corpus.join("weather.txt"), WEATHER).unwrap();
    let mut child = start_paused(&s);
    child.kill().unwrap();
    child.wait().unwrap();
    // The state is as of run 1; the next run is run 2 and finds the same as
    // an uninterrupted run would.
    let info = bin()
        .args(["state", "--format", "json"])
        .arg(&s.state)
        .output()
        .unwrap();
    let info: Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(info["runs"].as_array().unwrap().len(), 1);
    assert_eq!(info["documents"], 3);
    let after = run(&s, &[]);
    assert_eq!(run_counts(&after), [2, 3, 0, 3, 0]);
    let reference = setup();
    for i in 0..3 {
        add_seed(&reference, i);
    }
    run(&reference, &[]);
    add_seed(&reference, 3);
    add_seed(&reference, 4);
    std::fs::write(reference.corpus.join("weather.txt"), WEATHER).unwrap();
    let uninterrupted = run(&reference, &[]);
    assert_eq!(stories(&after), stories(&uninterrupted));
}

#[test]
fn a_run_killed_at_any_moment_leaves_a_usable_state() {
    let s = setup_with_seeds(5);
    std::fs::write(s.corpus.join("weather.txt"), WEATHER).unwrap();
    let reference = setup();
    let expected = stories_of(&s.corpus, &reference.state);
    for delay_ms in [0u64, 5, 20, 50, 100, 200, 400] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdedup"))
            .args(["cluster", "-q", "--state"])
            .arg(&s.state)
            .arg(&s.corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        // Whatever the moment, the next run succeeds with the same grouping.
        assert_eq!(
            stories_of(&s.corpus, &s.state),
            expected,
            "killed after {delay_ms} ms"
        );
    }
}

#[test]
fn a_second_run_waits_then_names_the_first() {
    let s = setup_with_seeds(2);
    let mut first = start_paused(&s);
    let out = bin()
        .args(["cluster", "-q", "--lock-timeout", "0.3", "--state"])
        .arg(&s.state)
        .arg(&s.corpus)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "is in use by another run (pid {}, started ",
            first.id()
        )),
        "{err}"
    );
    assert!(err.contains("gave up after"), "{err}");
    first.kill().unwrap();
    first.wait().unwrap();
    let after = run(&s, &[]);
    assert_eq!(run_counts(&after), [1, 2, 0, 0, 0]);
}

#[test]
fn state_info_lists_runs_and_counts() {
    let s = setup_with_seeds(5);
    std::fs::write(s.corpus.join("short.txt"), "too short").unwrap();
    run(&s, &[]);
    run(&s, &[]);
    let out = bin()
        .args(["state", "info"])
        .arg(&s.state)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("documents:  5 (1 skipped files besides)"),
        "{text}"
    );
    assert!(text.contains("stories:    1 (0 retired ids)"), "{text}");
    assert!(text.contains("runs:       2"), "{text}");
    assert!(
        text.contains("files: 0 new, 0 changed, 6 reused, 0 removed"),
        "{text}"
    );
    assert!(text.contains("\"threshold\":0.5"), "{text}");
    let missing = bin()
        .arg("state")
        .arg(s.corpus.join("nothing.db"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    // The state may not lie inside an input folder.
    let out = bin()
        .args(["cluster", "--state"])
        .arg(s.corpus.join("inside.db"))
        .arg(&s.corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is inside the input folder"));
    assert!(!s.corpus.join("inside.db").exists());
    // Options that need --state are refused without it.
    let out = bin()
        .args(["cluster", "--changes"])
        .arg(&s.corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn relative_and_absolute_paths_name_the_same_documents() {
    let s = setup_with_seeds(3);
    run(&s, &[]);
    let parent = s.corpus.parent().unwrap();
    let out = bin()
        .current_dir(parent)
        .args(["cluster", "-q", "--state", "state.db", "corpus"])
        .output()
        .unwrap();
    let v = json_of(&out);
    assert_eq!(run_counts(&v), [2, 0, 0, 3, 0]);
    assert_eq!(stories(&v)[0].1, "unchanged");
    let path = v["stories"][0]["variants"][0]["documents"][0]["path"]
        .as_str()
        .unwrap();
    assert!(path.starts_with("corpus/"), "{path}");
}

const MATCH: &str = "The home side came from two goals down to win the cup final 3-2 on Sunday \
evening, with the winner scored deep into stoppage time by a substitute who had been on the pitch \
for only four minutes. The visitors had controlled the first hour and looked certain to lift the \
trophy after a header and a penalty before the break. The manager said afterwards that he had \
never seen his players so determined, and thanked the travelling supporters who sang through the \
rain. The defeated captain blamed tired legs and a referee who, he said, added too much time. \
Thousands of fans gathered in the town square late into the night to greet the team bus.";

/// The stories of a report as sorted lists of file names, sorted: the
/// grouping, whatever the ids.
fn partition(report: &Value) -> Vec<Vec<String>> {
    let mut p: Vec<Vec<String>> = report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(story_files)
        .collect();
    p.sort();
    p
}

fn grouping_mode(report: &Value) -> &str {
    report["summary"]["run"]["grouping"].as_str().unwrap()
}

/// The document numbers in the state's stored story pairs.
fn paired_numbers(state: &Path) -> std::collections::BTreeSet<u32> {
    let conn = rusqlite::Connection::open(state).unwrap();
    let blob: Vec<u8> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'story_pairs'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(blob.len() % 16, 0);
    blob.chunks_exact(16)
        .flat_map(|c| {
            [
                u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            ]
        })
        .collect()
}

fn document_number(state: &Path, name: &str) -> u32 {
    let conn = rusqlite::Connection::open(state).unwrap();
    conn.query_row(
        "SELECT num FROM documents WHERE path LIKE ?1",
        [format!("%/{name}")],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn incremental_runs_group_like_a_full_run_and_keep_untouched_stories() {
    // Near-copies at 0.3, so that one page holding two articles bridges them.
    let s = setup_with_seeds(4);
    std::fs::write(s.corpus.join("economy.txt"), ECONOMY).unwrap();
    std::fs::write(s.corpus.join("weather.txt"), WEATHER).unwrap();
    let always = ["--threshold", "0.3", "--regroup-share", "1000"];
    let plain = |s: &Setup| {
        partition(&common::cluster(&[
            "--threshold",
            "0.3",
            s.corpus.to_str().unwrap(),
        ]))
    };
    let first = run(&s, &always);
    assert_eq!(grouping_mode(&first), "full");
    let ids = |r: &Value| -> Vec<(String, String, Vec<String>)> {
        stories(r).into_iter().map(|s| (s.0, s.1, s.5)).collect()
    };
    let str3 = |a: &str, b: &str, c: Vec<String>| (a.to_string(), b.to_string(), c);
    let one = |n: &str| vec![n.to_string()];
    assert_eq!(
        ids(&first),
        vec![
            str3("s1", "new", names(&[0, 1, 2, 3])),
            str3("s2", "new", one("economy.txt")),
            str3("s3", "new", one("weather.txt")),
        ]
    );

    // A document joins an existing story, another forms a new one; the
    // stories they do not touch keep their ids and are unchanged.
    add_seed(&s, 4);
    std::fs::write(s.corpus.join("match.txt"), MATCH).unwrap();
    let second = run(&s, &always);
    assert_eq!(grouping_mode(&second), "incremental");
    assert_eq!(partition(&second), plain(&s));
    assert_eq!(
        ids(&second),
        vec![
            str3("s1", "updated", names(&[0, 1, 2, 3, 4])),
            str3("s2", "unchanged", one("economy.txt")),
            str3("s3", "unchanged", one("weather.txt")),
            str3("s4", "new", one("match.txt")),
        ]
    );
    // Only the story the new seed joined and the new one were clustered again.
    assert_eq!(second["summary"]["run"]["regrouped"], 6);

    // A page holding two articles is a near-copy of each: it bridges their
    // stories, which merge under the older id.
    std::fs::write(s.corpus.join("both.txt"), format!("{ECONOMY}\n\n{WEATHER}")).unwrap();
    let third = run(&s, &always);
    assert_eq!(grouping_mode(&third), "incremental");
    assert_eq!(partition(&third), plain(&s));
    let merged = stories(&third)
        .into_iter()
        .find(|s| s.5.contains(&"both.txt".to_string()))
        .unwrap();
    assert_eq!(
        (merged.0.as_str(), merged.1.as_str(), &merged.4, &merged.5),
        (
            "s2",
            "updated",
            &vec!["s3".to_string()],
            &vec![
                "both.txt".to_string(),
                "economy.txt".to_string(),
                "weather.txt".to_string()
            ]
        )
    );
    let status = |r: &Value, id: &str| {
        stories(r)
            .into_iter()
            .find(|s| s.0 == id)
            .map(|s| s.1)
            .unwrap()
    };
    assert_eq!(
        (status(&third, "s1"), status(&third, "s4")),
        ("unchanged".into(), "unchanged".into())
    );

    // The bridge goes: the two articles part.
    std::fs::remove_file(s.corpus.join("both.txt")).unwrap();
    let fourth = run(&s, &always);
    assert_eq!(grouping_mode(&fourth), "incremental");
    assert_eq!(partition(&fourth), plain(&s));
    let kept = |r: &Value, name: &str| {
        stories(r)
            .into_iter()
            .find(|s| s.5 == one(name))
            .map(|s| s.0)
            .unwrap()
    };
    // The merged story keeps its id; the other part gets a new one (s3 was
    // retired and is never given again).
    assert_eq!(kept(&fourth, "economy.txt"), "s2");
    assert_eq!(kept(&fourth, "weather.txt"), "s5");

    // A removed document's pairs leave the state.
    let seed = names(&[4]).remove(0);
    let gone = document_number(&s.state, &seed);
    assert!(paired_numbers(&s.state).contains(&gone));
    std::fs::remove_file(s.corpus.join(&seed)).unwrap();
    let fifth = run(&s, &always);
    assert_eq!(grouping_mode(&fifth), "incremental");
    assert_eq!(partition(&fifth), plain(&s));
    assert!(!paired_numbers(&s.state).contains(&gone));
    assert_eq!(status(&fifth, "s1"), "updated");
    assert_eq!(status(&fifth, "s4"), "unchanged");

    // `--rebuild` groups everything again, and finds the same.
    let rebuilt = run(&s, &["--threshold", "0.3", "--rebuild"]);
    assert_eq!(grouping_mode(&rebuilt), "full");
    assert_eq!(partition(&rebuilt), partition(&fifth));
}

#[test]
fn a_large_change_since_the_last_full_grouping_groups_everything_again() {
    let s = setup_with_seeds(2);
    let half = ["--regroup-share", "0.5"];
    assert_eq!(grouping_mode(&run(&s, &half)), "full");
    // Three new documents on two grouped: more than half the corpus.
    for i in 2..5 {
        add_seed(&s, i);
    }
    assert_eq!(grouping_mode(&run(&s, &half)), "full");
    // One new document on five: within the share, so incremental ...
    std::fs::write(s.corpus.join("weather.txt"), WEATHER).unwrap();
    let small = run(&s, &half);
    assert_eq!(grouping_mode(&small), "incremental");
    // ... and the share counts every change since the last full grouping:
    // 1 + 2 on 5 is above half.
    std::fs::write(s.corpus.join("economy.txt"), ECONOMY).unwrap();
    std::fs::write(s.corpus.join("match.txt"), MATCH).unwrap();
    assert_eq!(grouping_mode(&run(&s, &half)), "full");
    // Share 0: always full.
    std::fs::remove_file(s.corpus.join("match.txt")).unwrap();
    assert_eq!(grouping_mode(&run(&s, &["--regroup-share", "0"])), "full");
    // The default share is a half: one change on seven stays incremental.
    std::fs::write(s.corpus.join("match.txt"), MATCH).unwrap();
    assert_eq!(grouping_mode(&run(&s, &[])), "incremental");
}

#[test]
fn a_state_of_an_older_schema_is_refused_untouched() {
    let s = setup_with_seeds(2);
    run(&s, &[]);
    {
        let conn = rusqlite::Connection::open(&s.state).unwrap();
        conn.execute_batch("PRAGMA user_version = 1;").unwrap();
    }
    assert_refused(
        &s,
        "written by an older newsdedup (schema version 1; this one reads 2 to 2)",
    );
}
