//! Paths as the user's file system spells them, in JSON and in text.
//!
//! A file name on Unix is bytes, not text. JSON strings must be Unicode, so a
//! path that is not valid UTF-8 is written twice, the way ripgrep's JSON
//! printer keeps non-UTF-8 data lossless:
//!
//! - `path`: the name as text, each invalid byte replaced by U+FFFD (readable,
//!   but possibly not a name that exists);
//! - `path_bytes`: the exact bytes, standard base64 with padding (RFC 4648).
//!   Present only when the name is not valid UTF-8, so its presence says
//!   "`path` is not exact".
//!
//! `--format text` prints the exact bytes instead, escaped: control characters
//! as `\n`, `\t`, `\r` or `\u{1b}`, a backslash as `\\`, and each byte that is
//! not UTF-8 as `\xE9`; one name never spans two lines.

use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The exact bytes of a path that is not valid UTF-8; serialized as base64.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RawPath(Box<[u8]>);

impl RawPath {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl Serialize for RawPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64(&self.0))
    }
}

impl<'de> Deserialize<'de> for RawPath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        unbase64(&text)
            .map(|bytes| RawPath(bytes.into_boxed_slice()))
            .ok_or_else(|| serde::de::Error::custom("invalid base64 in a path's bytes"))
    }
}

/// The path as display text (`/` separators on Windows) and, when it is not
/// valid UTF-8, its exact bytes.
pub fn split(path: &Path) -> (String, Option<RawPath>) {
    match path.to_str() {
        Some(s) => (portable(s), None),
        None => (
            portable(&path.to_string_lossy()),
            Some(RawPath(os_bytes(path).into_boxed_slice())),
        ),
    }
}

/// The path again from [`split`]'s two halves: exact when `raw` is given.
pub fn join(text: &str, raw: Option<&RawPath>) -> std::path::PathBuf {
    match raw {
        #[cfg(unix)]
        Some(raw) => {
            use std::os::unix::ffi::OsStrExt;
            std::path::PathBuf::from(std::ffi::OsStr::from_bytes(raw.as_bytes()))
        }
        _ => std::path::PathBuf::from(text),
    }
}

/// Backslashes are separators only on Windows; on Unix they are part of a name.
fn portable(s: &str) -> String {
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.to_string()
    }
}

#[cfg(unix)]
fn os_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn os_bytes(path: &Path) -> Vec<u8> {
    // Windows names are UTF-16: keep the units, little-endian.
    use std::os::windows::ffi::OsStrExt;
    path.as_os_str()
        .encode_wide()
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// The path for `--format text` and stderr: exact, escaped, on one line.
/// `raw` (when given) is the truth; `text` is used when the name is UTF-8.
pub fn escape(text: &str, raw: Option<&RawPath>) -> String {
    let mut out = String::with_capacity(text.len());
    match raw {
        None => escape_str(text, &mut out),
        Some(raw) => {
            for chunk in raw.as_bytes().utf8_chunks() {
                escape_str(chunk.valid(), &mut out);
                for b in chunk.invalid() {
                    out.push_str(&format!("\\x{b:02X}"));
                }
            }
        }
    }
    out
}

fn escape_str(s: &str, out: &mut String) {
    for c in s.chars() {
        if c == '\\' || c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
}

/// Standard base64 with padding (RFC 4648 §4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes of standard, padded base64 (RFC 4648); `None` when malformed.
fn unbase64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for chunk in bytes.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for (i, &c) in chunk[..4 - pad].iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..4 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(b"caf\xe9.txt"), "Y2Fm6S50eHQ=");
        for (plain, encoded) in cases {
            assert_eq!(
                unbase64(encoded).as_deref(),
                Some(plain.as_bytes()),
                "{encoded:?}"
            );
        }
        assert_eq!(
            unbase64("Y2Fm6S50eHQ=").as_deref(),
            Some(&b"caf\xe9.txt"[..])
        );
        assert_eq!(unbase64("Zm9"), None);
        assert_eq!(unbase64("Zm9*"), None);
    }

    #[test]
    fn escape_keeps_one_line_and_every_byte() {
        assert_eq!(escape("a\nb\tc\\d ё.txt", None), "a\\nb\\tc\\\\d ё.txt");
        let raw = RawPath(b"d/caf\xe9\x1b.txt".to_vec().into_boxed_slice());
        assert_eq!(escape("ignored", Some(&raw)), "d/caf\\xE9\\u{1b}.txt");
    }

    #[cfg(unix)]
    #[test]
    fn split_keeps_utf8_names_and_the_bytes_of_others() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(
            split(Path::new("d/naïve\\x.txt")),
            ("d/naïve\\x.txt".into(), None)
        );
        let exact = Path::new(OsStr::from_bytes(b"d/caf\xe9.txt"));
        let (text, raw) = split(exact);
        assert_eq!(text, "d/caf\u{fffd}.txt");
        assert_eq!(join(&text, raw.as_ref()), exact, "joined back exactly");
        assert_eq!(join("d/a.txt", None), Path::new("d/a.txt"));
        assert_eq!(
            raw.map(|r| r.as_bytes().to_vec()),
            Some(b"d/caf\xe9.txt".to_vec())
        );
    }
}
