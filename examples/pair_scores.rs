//! Development aid: print every candidate pair of the story stage with its
//! score components as TSV (path_a, path_b, same_language, anchor_cosine,
//! word_cosine, score). Used to tune the story stage against labeled corpora.
//!
//! cargo run --release --example pair_scores -- DIR > pairs.tsv

use newsdedup::Config;
use newsdedup::pipeline;
use newsdedup::progress::Silent;
use newsdedup::story;

fn main() -> anyhow::Result<()> {
    let config = Config {
        paths: std::env::args().skip(1).map(Into::into).collect(),
        ..Config::default()
    };
    if config.paths.is_empty() {
        anyhow::bail!("usage: pair_scores DIR...");
    }
    let (docs, _) = pipeline::load(&config, &Silent)?;
    let singletons: Vec<u32> = (0..docs.len() as u32).collect();
    let model = story::Model::new(pipeline::story_docs(&docs), &singletons);
    for (a, b) in story::candidate_pairs(&model, &config.story) {
        let s = model.score(a as usize, b as usize, &config.story);
        println!(
            "{}\t{}\t{}\t{:.4}\t{:.4}\t{:.4}",
            docs[a as usize].path,
            docs[b as usize].path,
            s.same_language,
            s.anchor_cosine,
            s.word_cosine,
            s.score
        );
    }
    Ok(())
}
