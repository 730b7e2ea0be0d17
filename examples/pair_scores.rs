//! Development aid: print candidate pairs of the story stage with their
//! score components as TSV (path_a, path_b, candidate, same_language, then
//! the components of `story::score::PairScore::components`, then the score,
//! then the two languages and the two variants: what `story::edges_of` and
//! the linkage need to weigh and cluster the pair as `cluster` does).
//! The model is built over the near-duplicate variants `cluster` finds, so
//! the scores are the pipeline's.
//! Used to fit and check the story stage against labeled corpora
//! (tune/fit.py).
//!
//! cargo run --release --example pair_scores -- DIR [PAIRS.tsv] > pairs.tsv
//!
//! With PAIRS.tsv (two file names per line, tab-separated), those pairs are
//! scored too, candidates or not (`candidate` = false); so is each document
//! with the first document of its variant.

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
    let (paths, docs, variant_of) = bench::story_docs(&config)?;
    let name = |i: usize| {
        std::path::Path::new(&paths[i])
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let by_name: HashMap<String, usize> = (0..docs.len()).map(|i| (name(i), i)).collect();
    let model = bench::Model::new(docs, &variant_of);
    let candidates: BTreeSet<(u32, u32)> = bench::candidate_pairs(&model, &config.story)
        .into_iter()
        .collect();
    let mut all: BTreeSet<(u32, u32)> = candidates.clone();
    // Each document with its variant's first document: every variant shows
    // in the output, connected (`tune/fit.py` merges variants first, as the
    // linkage starts from them).
    let mut first = HashMap::new();
    for (i, &v) in variant_of.iter().enumerate() {
        let f = *first.entry(v).or_insert(i as u32);
        if f != i as u32 {
            all.insert((f, i as u32));
        }
    }
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
            "{}\t{}\t{}\t{}\t{}\t{:.4}\t{}\t{}\t{}\t{}",
            name(a as usize),
            name(b as usize),
            candidates.contains(&(a, b)),
            s.same_language,
            parts.join("\t"),
            s.score,
            model.langs[a as usize],
            model.langs[b as usize],
            variant_of[a as usize],
            variant_of[b as usize]
        );
    }
    Ok(())
}
