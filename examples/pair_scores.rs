//! Development aid: print candidate pairs of the story stage with their
//! score components as TSV (path_a, path_b, candidate, same_language, then
//! the components of `story::score::PairScore::components`, then the score).
//! Used to fit and check the story stage against labeled corpora
//! (tune/fit.py).
//!
//! cargo run --release --example pair_scores -- DIR [PAIRS.tsv] > pairs.tsv
//!
//! With PAIRS.tsv (two file names per line, tab-separated), those pairs are
//! scored too, candidates or not (`candidate` = false).

use std::collections::{BTreeSet, HashMap};

use newsdedup::Config;
use newsdedup::bench;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        anyhow::bail!("usage: pair_scores DIR [PAIRS.tsv]");
    };
    let config = Config {
        paths: vec![dir.into()],
        ..Config::default()
    };
    let (paths, docs) = bench::story_docs(&config)?;
    let name = |i: usize| {
        std::path::Path::new(&paths[i])
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let by_name: HashMap<String, usize> = (0..docs.len()).map(|i| (name(i), i)).collect();
    let singletons: Vec<u32> = (0..docs.len() as u32).collect();
    let model = bench::Model::new(docs, &singletons);
    let candidates: BTreeSet<(u32, u32)> = bench::candidate_pairs(&model, &config.story)
        .into_iter()
        .collect();
    let mut all: BTreeSet<(u32, u32)> = candidates.clone();
    if let Some(file) = args.get(1) {
        for line in std::fs::read_to_string(file)?.lines() {
            let mut f = line.split('\t');
            if let (Some(a), Some(b)) = (f.next(), f.next())
                && let (Some(&a), Some(&b)) = (by_name.get(a), by_name.get(b))
                && a != b
            {
                all.insert((a.min(b) as u32, a.max(b) as u32));
            }
        }
    }
    for (a, b) in all {
        let s = model.score(a as usize, b as usize);
        let parts: Vec<String> = s.components().iter().map(|x| format!("{x:.4}")).collect();
        println!(
            "{}\t{}\t{}\t{}\t{}\t{:.4}",
            name(a as usize),
            name(b as usize),
            candidates.contains(&(a, b)),
            s.same_language,
            parts.join("\t"),
            s.score
        );
    }
    Ok(())
}
