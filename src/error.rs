//! Typed errors of the library. The binary wraps them with `anyhow` context.

use std::path::PathBuf;

/// Errors that stop a whole run (per-file problems are [`crate::walk::Skipped`] instead).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input path given by the user does not exist or cannot be inspected.
    #[error("input path '{}' cannot be read", path.display())]
    MissingPath {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A parameter is out of its valid range.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
    /// The gold file for `eval` is missing or malformed.
    #[error("gold file '{}': {message}", path.display())]
    Gold { path: PathBuf, message: String },
    /// Writing a file failed (the cause is plain text: printed once, no temp names).
    #[error("cannot write '{}': {cause}", path.display())]
    WriteFile { path: PathBuf, cause: String },
    /// The `--state` file cannot be used: not a newsdedup state, damaged,
    /// from a newer version, or built with other parameters (exit code 2).
    #[error("state '{}': {message}", path.display())]
    State { path: PathBuf, message: String },
    /// Another run holds the state (exit code 1).
    #[error("state '{}' is in use by another run ({holder}); gave up after {waited:.1}s (--lock-timeout)", path.display())]
    StateBusy {
        path: PathBuf,
        holder: String,
        waited: f64,
    },
    /// Reading or writing the state failed.
    #[error("state '{}': {message}", path.display())]
    StateIo { path: PathBuf, message: String },
    /// Writing the result failed.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// Serializing the result failed.
    #[error("cannot serialize output: {0}")]
    Json(#[from] serde_json::Error),
}
