//! Stage 1 — **walk**: find input files and read them.
//!
//! This is the only module that touches the file system for reading. Listing is
//! deterministic (sorted by path); every per-file problem becomes a
//! [`Skipped`] entry instead of an error, so one bad file never aborts a run.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use walkdir::WalkDir;

use crate::error::Error;

/// What the walker needs to know.
#[derive(Debug, Clone, Serialize)]
pub struct WalkConfig {
    /// File extensions (lower-case, without dot) that are read when walking directories.
    pub extensions: Vec<String>,
    /// Follow symbolic links.
    pub follow_links: bool,
    /// Include hidden files and directories (names starting with `.`).
    pub hidden: bool,
    /// Files larger than this are skipped.
    pub max_bytes: u64,
}

impl Default for WalkConfig {
    fn default() -> Self {
        WalkConfig {
            extensions: vec!["txt".to_string()],
            follow_links: false,
            hidden: false,
            max_bytes: 8 * 1024 * 1024,
        }
    }
}

/// One file to read: the path as the user will see it in the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The path as walked (relative if the user gave a relative path).
    pub path: PathBuf,
}

impl Source {
    /// The path as a display string with `/` separators, stable across platforms.
    pub fn display(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }
}

/// Why a file was left out of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The file contains NUL bytes (or is otherwise not text).
    Binary,
    /// The file is larger than `--max-bytes`.
    TooLarge { bytes: u64, limit: u64 },
    /// The file could not be opened or read.
    Unreadable { error: String },
    /// The file has no content at all.
    Empty,
    /// Nothing of the article was left after cleaning.
    TooShort { words: usize },
    /// A symbolic link that points back into its own ancestry (or to itself).
    SymlinkLoop,
    /// A symbolic link met while walking without `--follow`.
    Symlink,
    /// An HTML page with no text to extract.
    NoArticle { error: String },
    /// Any other walking error (e.g. a directory that cannot be listed).
    Walk { error: String },
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Binary => write!(f, "binary content (NUL bytes)"),
            SkipReason::TooLarge { bytes, limit } => {
                write!(f, "too large ({bytes} bytes > --max-bytes {limit})")
            }
            SkipReason::Unreadable { error } => write!(f, "unreadable: {error}"),
            SkipReason::Empty => write!(f, "empty file"),
            SkipReason::TooShort { words } => {
                write!(f, "too short after cleaning ({words} words)")
            }
            SkipReason::SymlinkLoop => write!(f, "symbolic link loop"),
            SkipReason::Symlink => write!(f, "symbolic link not followed (use --follow)"),
            SkipReason::NoArticle { error } => write!(f, "HTML without article text: {error}"),
            SkipReason::Walk { error } => write!(f, "cannot walk: {error}"),
        }
    }
}

/// A file left out, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: SkipReason,
}

/// The result of listing the inputs.
#[derive(Debug, Default)]
pub struct Listing {
    /// Files to read, sorted by path, without duplicates.
    pub sources: Vec<Source>,
    /// Entries that could not even be listed.
    pub skipped: Vec<Skipped>,
}

/// List the files below `roots`. A root that does not exist is an error (the
/// user mistyped a path); everything below a root is best-effort.
pub fn list(roots: &[PathBuf], config: &WalkConfig) -> Result<Listing, Error> {
    let mut listing = Listing::default();
    for root in roots {
        let meta = fs::symlink_metadata(root).map_err(|source| Error::MissingPath {
            path: root.clone(),
            source,
        })?;
        if meta.is_file() {
            // An explicitly named file is read whatever its extension.
            listing.sources.push(Source { path: root.clone() });
            continue;
        }
        if meta.file_type().is_symlink()
            && !config.follow_links
            && fs::metadata(root).is_ok_and(|m| m.is_file())
        {
            listing.sources.push(Source { path: root.clone() });
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(config.follow_links)
            .sort_by_file_name();
        let mut it = walker.into_iter();
        while let Some(entry) = it.next() {
            match entry {
                Ok(entry) => {
                    let is_root = entry.depth() == 0;
                    if !is_root && !config.hidden && is_hidden(entry.file_name()) {
                        if entry.file_type().is_dir() {
                            it.skip_current_dir();
                        }
                        continue;
                    }
                    if !has_extension(entry.path(), &config.extensions) {
                        continue;
                    }
                    if entry.file_type().is_file() {
                        listing.sources.push(Source {
                            path: entry.path().to_path_buf(),
                        });
                    } else if entry.path_is_symlink() && !config.follow_links {
                        // Never drop a file silently: say why it was not read.
                        listing.skipped.push(Skipped {
                            path: entry.path().to_string_lossy().replace('\\', "/"),
                            reason: SkipReason::Symlink,
                        });
                    }
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| p.to_string_lossy().replace('\\', "/"))
                        .unwrap_or_else(|| root.to_string_lossy().into_owned());
                    let reason = if err.loop_ancestor().is_some() {
                        SkipReason::SymlinkLoop
                    } else if let Some(io) = err.io_error() {
                        if io.raw_os_error() == Some(40) {
                            // ELOOP: a link that resolves to itself.
                            SkipReason::SymlinkLoop
                        } else {
                            SkipReason::Walk {
                                error: io.to_string(),
                            }
                        }
                    } else {
                        SkipReason::Walk {
                            error: err.to_string(),
                        }
                    };
                    listing.skipped.push(Skipped { path, reason });
                }
            }
        }
    }
    listing.sources.sort();
    listing.sources.dedup();
    listing.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(listing)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    if extensions.iter().any(|e| e == "*") {
        return true;
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|want| want.eq_ignore_ascii_case(e)))
}

/// The sum of the sizes of `sources` (unreadable ones count 0).
pub fn total_bytes(sources: &[Source]) -> u64 {
    sources
        .iter()
        .map(|s| fs::metadata(&s.path).map_or(0, |m| m.len()))
        .sum()
}

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    /// Not valid UTF-8 and no charset declared: decoded as Windows-1252 (every
    /// byte maps to a character).
    Windows1252,
    /// Not valid UTF-8: decoded with the charset the page declares
    /// (`<meta charset=…>` or `charset=` in the first kilobyte).
    Declared,
}

/// A file's text, decoded.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub text: String,
    pub encoding: Encoding,
}

/// Read one file; never panics, never aborts the run.
pub fn read(source: &Source, config: &WalkConfig) -> Result<RawDoc, SkipReason> {
    let unreadable = |e: std::io::Error| SkipReason::Unreadable {
        error: e.to_string(),
    };
    let file = fs::File::open(&source.path).map_err(|e| {
        if e.raw_os_error() == Some(40) {
            SkipReason::SymlinkLoop
        } else {
            unreadable(e)
        }
    })?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.len() > config.max_bytes {
        return Err(SkipReason::TooLarge {
            bytes: meta.len(),
            limit: config.max_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read at most one byte past the limit, in case the file grew.
    file.take(config.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > config.max_bytes {
        return Err(SkipReason::TooLarge {
            bytes: bytes.len() as u64,
            limit: config.max_bytes,
        });
    }
    decode(bytes)
}

/// Turn bytes into text: UTF-8 (BOM stripped), else Windows-1252. NUL bytes mean binary.
pub fn decode(bytes: Vec<u8>) -> Result<RawDoc, SkipReason> {
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    if looks_binary(&bytes) {
        return Err(SkipReason::Binary);
    }
    let (text, encoding) = match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            (s, Encoding::Utf8)
        }
        Err(err) => {
            let bytes = err.into_bytes();
            match declared_charset(&bytes) {
                Some(enc) => {
                    let (cow, _, _) = enc.decode(&bytes);
                    (cow.into_owned(), Encoding::Declared)
                }
                None => {
                    let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
                    (cow.into_owned(), Encoding::Windows1252)
                }
            }
        }
    };
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(RawDoc { text, encoding })
}

/// The encoding named by `charset=` in the first kilobyte (HTML `<meta>`), if
/// it is a known label other than UTF-8 (the bytes are not valid UTF-8).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = lower[at..]
        .iter()
        .copied()
        .skip_while(|&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':')
        .collect();
    encoding_rs::Encoding::for_label(&label).filter(|e| *e != encoding_rs::UTF_8)
}

/// UTF-16 text also contains NULs; we treat it as binary unless it has a BOM.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    head.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_and_strips_bom() {
        let doc = decode("\u{feff}Привет, мир".as_bytes().to_vec()).unwrap();
        assert_eq!(doc.text, "Привет, мир");
        assert_eq!(doc.encoding, Encoding::Utf8);
    }

    #[test]
    fn falls_back_to_windows_1252() {
        let doc = decode(b"caf\xe9 \x93quoted\x94".to_vec()).unwrap();
        assert_eq!(doc.text, "café \u{201c}quoted\u{201d}");
        assert_eq!(doc.encoding, Encoding::Windows1252);
    }

    #[test]
    fn declared_charset_is_used_for_legacy_pages() {
        // "Привет" in Windows-1251, declared in a meta tag.
        let mut bytes = b"<html><head><meta charset=\"windows-1251\"></head><body>".to_vec();
        bytes.extend([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]);
        let doc = decode(bytes).unwrap();
        assert!(doc.text.contains("Привет"));
        assert_eq!(doc.encoding, Encoding::Declared);
    }

    #[test]
    fn nul_bytes_are_binary_and_blank_is_empty() {
        assert_eq!(decode(b"ab\0cd".to_vec()).unwrap_err(), SkipReason::Binary);
        assert_eq!(decode(b"  \n\t ".to_vec()).unwrap_err(), SkipReason::Empty);
        assert_eq!(decode(Vec::new()).unwrap_err(), SkipReason::Empty);
    }

    #[test]
    fn extension_filter_is_case_insensitive() {
        let exts = vec!["txt".to_string(), "md".to_string()];
        assert!(has_extension(Path::new("a/B.TXT"), &exts));
        assert!(has_extension(Path::new("a/b.md"), &exts));
        assert!(!has_extension(Path::new("a/b.html"), &exts));
        assert!(has_extension(Path::new("a/b"), &["*".to_string()]));
    }
}
