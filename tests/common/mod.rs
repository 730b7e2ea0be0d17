//! Helpers shared by the binary tests: run `newsdedup`, decode its JSON.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The five founding articles (their expected grouping: one story, languages en + id).
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds")
}

/// The seed files, sorted by name.
pub fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("fixtures/seeds exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// A `newsdedup` command.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsdedup"))
}

/// Run `newsdedup cluster ARGS…`, require exit 0, return (JSON, stdout bytes, stderr).
pub fn cluster_raw(args: &[&str]) -> (Value, Vec<u8>, String) {
    let out = bin().arg("cluster").args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "cluster {args:?} failed with {:?}; stderr:\n{stderr}",
        out.status
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (json, out.stdout, stderr)
}

/// Run `newsdedup cluster -q ARGS…` and decode the JSON.
pub fn cluster(args: &[&str]) -> Value {
    let mut all = vec!["-q"];
    all.extend_from_slice(args);
    cluster_raw(&all).0
}

/// Every document object of a report, across stories and variants.
pub fn documents(report: &Value) -> Vec<&Value> {
    report["stories"]
        .as_array()
        .expect("stories is an array")
        .iter()
        .flat_map(|s| s["variants"].as_array().expect("variants").iter())
        .flat_map(|v| v["documents"].as_array().expect("documents").iter())
        .collect()
}

/// The file name (last path component) of a document path from the output.
pub fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The `skipped` entry whose path ends with `name`.
pub fn skipped_entry<'a>(report: &'a Value, name: &str) -> Option<&'a Value> {
    report["skipped"]
        .as_array()
        .expect("skipped is an array")
        .iter()
        .find(|s| s["path"].as_str().is_some_and(|p| p.ends_with(name)))
}

/// Write `text` to `dir/name`, creating parent directories.
pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// A realistic English article used as the "good file" in several tests.
pub const HARBOUR_ARTICLE: &str = "\
Harbour authority approves expansion of the northern container terminal

The regional harbour authority on Tuesday approved a long-delayed expansion of the northern container terminal, \
clearing the way for construction to begin early next year.

The project will add two deep-water berths and a rail connection that officials say will take thousands of \
lorries off the coastal motorway every week.

Environmental groups had opposed the plan for nearly a decade, arguing that dredging the channel would damage \
seagrass beds that shelter young fish. The authority said the final design moves the new berths further from \
the protected area and commits the operator to replanting twice the area it disturbs.

Local business leaders welcomed the decision. The chamber of commerce said the port had been turning away \
larger vessels since 2019 and was losing cargo to rival terminals along the coast.

Construction is expected to take four years and cost about 640 million euros, most of it paid by the terminal \
operator under a thirty-year concession.
";

/// A ~300-word English article (a city budget story).
pub const BUDGET_ARTICLE: &str = "\
City council passes budget with more money for buses and fewer new roads

The city council approved next year's budget late on Thursday after a nine-hour debate, shifting \
money from road building to public transport for the first time in more than a decade.

The 2.3 billion budget adds forty new electric buses, extends evening services on six routes and \
freezes fares for children and pensioners. To pay for it, the council postponed two planned bypass \
projects and cut the road maintenance reserve by a fifth.

Mayor Elena Markovic said the vote reflected what residents had asked for during months of public \
consultations. \"People told us they spend too long waiting at bus stops and too little time with \
their families,\" she told reporters outside the chamber. \"This budget starts to fix that.\"

Opposition councillors said the plan ignored the outer districts, where many families depend on cars \
and where the postponed bypasses were meant to relieve traffic through narrow village streets. One \
councillor called the decision a gift to the city centre paid for by everyone else.

The council's finance director warned that the transport company would still run a deficit unless \
passenger numbers rise by at least eight percent over the next two years. Ticket sales have only \
recovered to about ninety percent of their level before the pandemic.

Business groups gave the budget a cautious welcome. The local chamber of commerce said better evening \
services would help restaurants and shops that struggle to find staff willing to travel late, but it \
asked the council to publish a timetable for the delayed road projects.

The budget also includes money for repairing school roofs, a new public library in the eastern \
district and a pilot scheme that pays residents to plant trees in their gardens. The first new \
buses are expected to arrive in the spring, with the extended services starting in September.
";

/// A ~150-word English article about a wildlife survey.
pub const OWL_ARTICLE: &str = "\
Rare owls return to the valley forests after forty years

Volunteers counting birds in the upper valley this spring recorded at least eleven breeding pairs of \
eagle owls, a species that had not nested in the area since the early 1980s.

Ornithologists from the national museum said the return was most likely linked to the ban on \
rodent poison in farming, which was introduced fifteen years ago, and to the protection of old beech \
stands along the river.

The owls were found nesting on rocky ledges above the old quarry and in two abandoned buildings near \
the forest road. Rangers have closed a hiking trail until the end of July so that the chicks are not \
disturbed.

Researchers plan to fit several young birds with small tracking devices to learn how far they travel \
after leaving the nest. Results of the survey will be published in the autumn.
";

/// A ~150-word English article about a software outage.
pub const OUTAGE_ARTICLE: &str = "\
Payment outage leaves shoppers unable to pay by card for three hours

Customers of several large supermarket chains were unable to pay by card on Saturday morning after a \
software update at a payment processing company went wrong, the company said.

The fault began shortly after eight o'clock and affected card terminals across the country until a \
little after eleven, when engineers rolled back the update. Some shops put up signs asking for cash, \
while others let regular customers take their groceries and pay later.

The company apologised and said no card data had been exposed. It promised to compensate retailers \
for lost sales but did not say how much that would cost.

The consumer protection agency said it had asked for a full report on the incident and would decide \
next month whether to open a formal investigation into the company's testing procedures.
";

/// The file names of one story's documents, sorted.
pub fn story_doc_names(story: &Value) -> Vec<String> {
    let mut names: Vec<String> = story["variants"]
        .as_array()
        .expect("variants")
        .iter()
        .flat_map(|v| v["documents"].as_array().expect("documents"))
        .map(|d| file_name(d["path"].as_str().expect("path")))
        .collect();
    names.sort();
    names
}
