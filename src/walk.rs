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
use crate::pathenc::{self, RawPath};

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
    /// Paths that came from a list (`-`, `--files-from`): one that does not
    /// exist is skipped (`not_found`) instead of stopping the run.
    #[serde(skip)]
    pub listed: std::collections::BTreeSet<PathBuf>,
}

impl Default for WalkConfig {
    fn default() -> Self {
        WalkConfig {
            extensions: vec!["txt".to_string()],
            follow_links: false,
            hidden: false,
            max_bytes: 8 * 1024 * 1024,
            listed: Default::default(),
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
    /// The path as display text (`/` separators on Windows; a name that is
    /// not UTF-8 has U+FFFD in place of its invalid bytes, see [`pathenc`]).
    pub fn display(&self) -> String {
        pathenc::split(&self.path).0
    }
}

/// Why a file was left out of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The file is not text: a known binary format (by its magic bytes), or
    /// too many control bytes.
    Binary { format: Option<&'static str> },
    /// The same file (device and inode) was already read under another path.
    DuplicatePath { first: String },
    /// The file is larger than `--max-bytes`.
    TooLarge { bytes: u64, limit: u64 },
    /// The file could not be opened or read.
    Unreadable { error: String },
    /// A file named in a path list (`-`, `--files-from`) that does not exist
    /// (or cannot be looked up) when the run starts.
    NotFound { error: String },
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

impl SkipReason {
    /// The stable machine-readable code of the reason: the name serde gives
    /// the variant (`too_large`, `empty`, `duplicate_path`, …).
    pub fn kind(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            Ok(serde_json::Value::Object(fields)) => {
                fields.keys().next().cloned().unwrap_or_default()
            }
            _ => String::new(),
        }
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Binary {
                format: Some(format),
            } => write!(f, "binary content ({format})"),
            SkipReason::Binary { format: None } => {
                write!(f, "binary content (too many control bytes for text)")
            }
            SkipReason::DuplicatePath { first } => {
                write!(f, "same file as '{first}' (read once)")
            }
            SkipReason::TooLarge { bytes, limit } => {
                write!(f, "too large ({bytes} bytes > --max-bytes {limit})")
            }
            SkipReason::Unreadable { error } => write!(f, "unreadable: {error}"),
            SkipReason::NotFound { error } => write!(f, "listed but not found: {error}"),
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
    /// The exact bytes of `path` when it is not UTF-8 (see [`pathenc`]).
    pub path_bytes: Option<RawPath>,
    pub reason: SkipReason,
}

impl Skipped {
    pub fn new(path: &Path, reason: SkipReason) -> Skipped {
        let (path, path_bytes) = pathenc::split(path);
        Skipped {
            path,
            path_bytes,
            reason,
        }
    }
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
        let meta = match fs::symlink_metadata(root) {
            Ok(meta) => meta,
            Err(e) if config.listed.contains(root) => {
                let error = e.to_string();
                listing
                    .skipped
                    .push(Skipped::new(root, SkipReason::NotFound { error }));
                continue;
            }
            Err(source) => {
                return Err(Error::MissingPath {
                    path: root.clone(),
                    source,
                });
            }
        };
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
                        listing
                            .skipped
                            .push(Skipped::new(entry.path(), SkipReason::Symlink));
                    }
                }
                Err(err) => {
                    let path = err.path().unwrap_or(root.as_path()).to_path_buf();
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
                    listing.skipped.push(Skipped::new(&path, reason));
                }
            }
        }
    }
    listing.sources.sort();
    listing.sources.dedup();
    let duplicates = drop_duplicate_files(&mut listing.sources);
    listing.skipped.extend(duplicates);
    listing.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    // A path named and also met while walking (a link loop, say) is reported once.
    listing.skipped.dedup();
    Ok(listing)
}

/// One document per file: `d ./d`, `d $PWD/d`, a folder and a symlinked copy
/// (with `--follow`) or a hard link all name the same file twice. Files are
/// identified by device and inode (canonical path where there are no inodes);
/// the first path in sorted order is read, each later one is skipped naming it.
/// A file that cannot be inspected is kept: reading it will report why.
fn drop_duplicate_files(sources: &mut Vec<Source>) -> Vec<Skipped> {
    use rayon::prelude::*;
    let ids: Vec<Option<FileId>> = sources.par_iter().map(|s| file_id(&s.path)).collect();
    let mut first: std::collections::HashMap<FileId, usize> =
        std::collections::HashMap::with_capacity(sources.len());
    let mut skipped = Vec::new();
    let mut keep = vec![true; sources.len()];
    for (i, id) in ids.into_iter().enumerate() {
        let Some(id) = id else { continue };
        match first.entry(id) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                keep[i] = false;
                skipped.push(Skipped::new(
                    &sources[i].path,
                    SkipReason::DuplicatePath {
                        first: sources[*e.get()].display(),
                    },
                ));
            }
        }
    }
    if !skipped.is_empty() {
        let mut keep = keep.into_iter();
        sources.retain(|_| keep.next().unwrap_or(true));
    }
    skipped
}

#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<FileId> {
    fs::canonicalize(path).ok()
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
    /// UTF-16 (little- or big-endian) announced by a byte-order mark.
    Utf16,
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

/// Turn bytes into text: UTF-16 with a BOM, UTF-8 (BOM stripped), the
/// charset an HTML page declares, else Windows-1252. Binary content (a known
/// format by its magic bytes, or too many control bytes) is refused; the odd
/// stray NUL in a text file is dropped.
pub fn decode(bytes: Vec<u8>) -> Result<RawDoc, SkipReason> {
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    let (mut text, encoding) = if let Some(enc) = utf16_bom(&bytes) {
        let (cow, _) = enc.decode_with_bom_removal(&bytes);
        (cow.into_owned(), Encoding::Utf16)
    } else {
        if let Some(format) = binary_format(&bytes) {
            return Err(SkipReason::Binary {
                format: Some(format),
            });
        }
        if too_many_controls(&bytes) {
            return Err(SkipReason::Binary { format: None });
        }
        decode_8bit(bytes)
    };
    if text.contains('\0') {
        text.retain(|c| c != '\0');
    }
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(RawDoc { text, encoding })
}

fn decode_8bit(bytes: Vec<u8>) -> (String, Encoding) {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            (s, Encoding::Utf8)
        }
        Err(err) => {
            let bytes = err.into_bytes();
            if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
                // The byte-order mark says UTF-8 (over any charset): damaged
                // UTF-8, its invalid sequences replaced by U+FFFD.
                return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8);
            }
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
    }
}

/// UTF-16 announced by its byte-order mark.
fn utf16_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
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

/// Magic bytes of well-known binary formats, named in the skip reason.
/// `strong`: the signature cannot start a text file (it has control or
/// non-ASCII bytes, or is a format's unmistakable header); a weak one is named
/// only when the content is binary by its control bytes as well.
const MAGIC: &[(usize, &[u8], &str, bool)] = &[
    (0, b"\x1f\x8b", "gzip archive", true),
    (0, b"PK\x03\x04", "zip archive", true),
    (0, b"PK\x05\x06", "zip archive", true),
    (0, b"%PDF-", "PDF document", true),
    (0, b"\x89PNG\r\n\x1a\n", "PNG image", true),
    (0, b"\xff\xd8\xff", "JPEG image", true),
    (0, b"GIF87a", "GIF image", true),
    (0, b"GIF89a", "GIF image", true),
    (0, b"II*\x00", "TIFF image", true),
    (0, b"MM\x00*", "TIFF image", true),
    (0, b"BZh", "bzip2 archive", false),
    (0, b"\xfd7zXZ\x00", "xz archive", true),
    (0, b"\x28\xb5\x2f\xfd", "zstd archive", true),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive", true),
    (0, b"Rar!\x1a\x07", "RAR archive", true),
    (257, b"ustar", "tar archive", false),
    (
        0,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "MS Office (OLE) document",
        true,
    ),
    (0, b"\x7fELF", "ELF executable", true),
    (0, b"MZ", "Windows executable", false),
    (0, b"SQLite format 3\x00", "SQLite database", true),
    (0, b"OggS", "Ogg audio/video", false),
    (0, b"ID3", "MP3 audio", false),
    (0, b"fLaC", "FLAC audio", false),
    (0, b"\x00asm", "WebAssembly module", true),
    (0, b"\x00\x00\x00\x0cjP  ", "JPEG 2000 image", true),
];

/// The name of the binary format `bytes` start with, if a known one.
fn binary_format(bytes: &[u8]) -> Option<&'static str> {
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    if at(0, b"RIFF") && bytes.len() >= 12 {
        let kind = match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF media",
        };
        return Some(kind);
    }
    if at(4, b"ftyp") {
        return Some("MP4/QuickTime media");
    }
    let &(_, _, name, strong) = MAGIC.iter().find(|(off, magic, _, _)| at(*off, magic))?;
    if name == "zip archive" {
        return Some(office_zip(bytes));
    }
    (strong || too_many_controls(bytes)).then_some(name)
}

/// Office Open XML and EPUB files are zip archives; name them by their parts.
fn office_zip(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"mimetypeapplication/epub+zip") {
        "EPUB e-book (zip)"
    } else if has(b"word/") {
        "DOCX document (zip)"
    } else if has(b"xl/") {
        "XLSX spreadsheet (zip)"
    } else if has(b"ppt/") {
        "PPTX presentation (zip)"
    } else if has(b"content.xml") {
        "OpenDocument file (zip)"
    } else {
        "zip archive"
    }
}

/// Binary unless control bytes are rare: more than 1 in 32 of the first
/// 64 KiB (tab, newline, carriage return, form feed and escape are text).
/// Random or compressed data has about 1 in 9; an article with a stray NUL or
/// two stays far below, and UTF-16 without a BOM (every other byte NUL) far above.
fn too_many_controls(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    controls * 32 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_kinds_are_the_serde_names() {
        let cases = [
            (SkipReason::Binary { format: None }, "binary"),
            (
                SkipReason::DuplicatePath {
                    first: "a.txt".into(),
                },
                "duplicate_path",
            ),
            (SkipReason::TooLarge { bytes: 2, limit: 1 }, "too_large"),
            (
                SkipReason::Unreadable {
                    error: "denied".into(),
                },
                "unreadable",
            ),
            (SkipReason::Empty, "empty"),
            (SkipReason::TooShort { words: 1 }, "too_short"),
            (SkipReason::SymlinkLoop, "symlink_loop"),
            (SkipReason::Symlink, "symlink"),
            (SkipReason::NoArticle { error: "x".into() }, "no_article"),
            (SkipReason::Walk { error: "x".into() }, "walk"),
        ];
        for (reason, kind) in cases {
            assert_eq!(reason.kind(), kind, "{reason:?}");
        }
    }

    #[test]
    fn decodes_utf8_and_strips_bom() {
        let doc = decode("\u{feff}Привет, мир".as_bytes().to_vec()).unwrap();
        assert_eq!(doc.text, "Привет, мир");
        assert_eq!(doc.encoding, Encoding::Utf8);
    }

    #[test]
    fn utf8_bom_then_invalid_bytes_is_damaged_utf8() {
        // Found by fuzzing (fuzz/regressions/decode/utf8-bom-then-invalid.txt):
        // this was decoded as UTF-8 but reported as Windows-1252.
        let doc = decode(b"\xEF\xBB\xBFcaf\xC3\xA9 \xBB\xBF".to_vec()).unwrap();
        assert_eq!(doc.text, "caf\u{E9} \u{FFFD}\u{FFFD}");
        assert_eq!(doc.encoding, Encoding::Utf8);
        let mut page = b"\xEF\xBB\xBF<meta charset=windows-1251><p>".to_vec();
        page.extend([0xCF, 0xF0, 0xE8]);
        let doc = decode(page).unwrap();
        assert_eq!(doc.encoding, Encoding::Utf8);
        assert!(doc.text.ends_with("<p>\u{FFFD}\u{FFFD}\u{FFFD}"));
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
    fn control_bytes_make_binary_a_stray_nul_does_not() {
        let binary = SkipReason::Binary { format: None };
        assert_eq!(decode(b"ab\0cd".to_vec()).unwrap_err(), binary);
        assert_eq!(
            decode(b"\x01\x02\x03 some text\x04\x05".to_vec()).unwrap_err(),
            binary
        );
        let mut article = "Ein Artikel über Häfen. ".repeat(40).into_bytes();
        article.insert(100, 0);
        let doc = decode(article).unwrap();
        assert!(!doc.text.contains('\0'));
        assert!(doc.text.starts_with("Ein Artikel über Häfen."));
        assert_eq!(decode(b"  \n\t ".to_vec()).unwrap_err(), SkipReason::Empty);
        assert_eq!(decode(Vec::new()).unwrap_err(), SkipReason::Empty);
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let text = "Привет, мир: café";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [le, be] {
            let doc = decode(bytes).unwrap();
            assert_eq!(doc.text, text);
            assert_eq!(doc.encoding, Encoding::Utf16);
        }
    }

    #[test]
    fn known_binary_formats_are_named() {
        let named = |bytes: &[u8]| match decode(bytes.to_vec()) {
            Err(SkipReason::Binary { format }) => format,
            other => panic!("{other:?}"),
        };
        assert_eq!(named(b"\x1f\x8b\x08\x00 some words"), Some("gzip archive"));
        assert_eq!(
            named(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
            Some("PDF document")
        );
        assert_eq!(named(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("PNG image"));
        assert_eq!(named(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some("JPEG image"));
        assert_eq!(named(b"GIF89a\x01\0\x01\0"), Some("GIF image"));
        assert_eq!(
            named(b"PK\x03\x04\x14\0\0\0\x08\0[Content_Types].xml word/document.xml"),
            Some("DOCX document (zip)")
        );
        assert_eq!(
            named(b"PK\x03\x04\x14\0\0\0\x08\0data.csv"),
            Some("zip archive")
        );
        // A weak signature at the start of ordinary text is just text.
        assert!(decode(b"MZ Motors opened a new plant in the north on Monday.".to_vec()).is_ok());
        assert!(decode(b"ID3 tags are metadata in audio files, the expert said.".to_vec()).is_ok());
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
