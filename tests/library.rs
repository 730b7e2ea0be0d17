//! The public library API, used as a dependent crate would.

use newsdedup::{Config, Format, Report, Silent};

fn seeds() -> Config {
    Config {
        paths: vec![concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds").into()],
        ..Config::default()
    }
}

#[test]
fn cluster_gives_the_seeds_one_story() {
    let report = newsdedup::cluster(&seeds(), &Silent).expect("cluster");
    assert_eq!(report.summary.documents, 5);
    assert_eq!(report.stories.len(), 1);
    assert_eq!(report.stories[0].languages, ["en", "id"]);
}

#[test]
fn a_rendered_report_decodes_to_the_same_value() {
    let report = newsdedup::cluster(&seeds(), &Silent).expect("cluster");
    let bytes = report.render(Format::Json).expect("render");
    let back: Report = serde_json::from_slice(&bytes).expect("decode");
    assert_eq!(back, report);
}

#[test]
fn invalid_parameters_are_refused_before_reading() {
    let mut config = seeds();
    config.lsh.threshold = 0.0;
    let err = newsdedup::cluster(&config, &Silent).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "invalid parameter: --threshold must be in (0, 1]"
    );
}

#[test]
fn clean_reports_each_file() {
    let files = newsdedup::clean(&seeds()).expect("clean");
    assert_eq!(files.len(), 5);
    assert!(files.iter().all(|f| f.skip_reason().is_none()));
}
