//! newsdedup turns a folder of raw scraped news articles into stories:
//! near-duplicate groups (variants) joined across languages.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! per document ([`analyze`]): [`walk`] → [`html`] → [`normalize`] → [`lang`] →
//! [`shingle`] → [`minhash`]; then over the corpus: [`lsh`] → [`dedup`] →
//! [`story`], giving one [`grouping::Grouping`]; then [`output`] (the report
//! builder and the writers). Wired by [`pipeline`]; [`eval`] scores a report
//! against gold labels.
//!
//! ```no_run
//! use newsdedup::{Config, pipeline, progress::Silent};
//! let mut config = Config::default();
//! config.paths = vec!["fixtures/seeds".into()];
//! let report = pipeline::cluster(&config, &Silent).unwrap();
//! println!("{} stories", report.summary.stories);
//! ```

pub mod analyze;
pub mod charclass;
pub mod config;
pub mod dedup;
pub mod error;
pub mod eval;
pub mod explain;
#[doc(hidden)]
pub mod fuzzing;
pub mod grouping;
pub mod html;
pub mod inputs;
pub mod lang;
pub mod lsh;
pub mod minhash;
pub mod normalize;
pub mod normalize_cmd;
pub mod output;
pub mod pathenc;
pub mod pipeline;
pub mod progress;
pub mod shingle;
pub mod story;
pub mod title;
pub mod tokenize;
pub mod unionfind;
pub mod walk;

pub use config::Config;
pub use error::Error;
