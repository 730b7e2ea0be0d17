//! How a document's analysis is kept in the state: little-endian arrays in
//! BLOB columns (signatures, story features, the furniture line profile), and
//! the few enums as text. Decoding checks lengths, so a damaged blob is an
//! error, never a panic.

use crate::lang::{self, LangTag};
use crate::minhash::Signature;
use crate::normalize::LineProfile;
use crate::story::StoryFeatures;
use crate::walk::Encoding;

/// A blob that does not decode (the state is damaged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBlob(pub &'static str);

pub fn signature_to_blob(s: &Signature) -> Vec<u8> {
    s.iter().flat_map(|m| m.to_le_bytes()).collect()
}

pub fn signature_from_blob(b: &[u8]) -> Result<Signature, BadBlob> {
    if !b.len().is_multiple_of(2) {
        return Err(BadBlob("signature"));
    }
    Ok(b.chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect())
}

/// Three counts (anchors, guessed, words), then the three `u32` lists.
pub fn features_to_blob(f: &StoryFeatures) -> Vec<u8> {
    let mut out = Vec::with_capacity(12 + 4 * (f.anchors.len() + f.guessed.len() + f.words.len()));
    for list in [&f.anchors, &f.guessed, &f.words] {
        out.extend_from_slice(&(list.len() as u32).to_le_bytes());
    }
    for list in [&f.anchors, &f.guessed, &f.words] {
        out.extend(list.iter().flat_map(|x| x.to_le_bytes()));
    }
    out
}

fn u32s(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

pub fn features_from_blob(b: &[u8]) -> Result<StoryFeatures, BadBlob> {
    let bad = BadBlob("features");
    if b.len() < 12 {
        return Err(bad);
    }
    let counts = u32s(&b[..12]);
    let (a, g, w) = (counts[0] as usize, counts[1] as usize, counts[2] as usize);
    let total = a
        .checked_add(g)
        .and_then(|x| x.checked_add(w))
        .ok_or(bad.clone())?;
    if b.len() != 12 + 4 * total {
        return Err(bad);
    }
    let all = u32s(&b[12..]);
    Ok(StoryFeatures {
        anchors: all[..a].to_vec(),
        guessed: all[a..a + g].to_vec(),
        words: all[a + g..].to_vec(),
    })
}

/// `(key u64, words u32)` per line: 12 bytes each.
pub fn profile_to_blob(p: &LineProfile) -> Vec<u8> {
    let mut out = Vec::with_capacity(12 * p.lines.len());
    for &(k, w) in &p.lines {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

pub fn profile_from_blob(b: &[u8]) -> Result<LineProfile, BadBlob> {
    if !b.len().is_multiple_of(12) {
        return Err(BadBlob("profile"));
    }
    let lines = b
        .chunks_exact(12)
        .map(|c| {
            let mut k = [0u8; 8];
            k.copy_from_slice(&c[..8]);
            (
                u64::from_le_bytes(k),
                u32::from_le_bytes([c[8], c[9], c[10], c[11]]),
            )
        })
        .collect();
    Ok(LineProfile { lines })
}

/// The line keys of a profile (what the furniture verdicts are looked up by).
pub fn profile_keys(p: &LineProfile) -> impl Iterator<Item = u64> + '_ {
    p.lines.iter().map(|&(k, _)| k)
}

/// Sorted `u64` keys (the corpus furniture), 8 bytes each.
pub fn keys_to_blob(keys: &[u64]) -> Vec<u8> {
    keys.iter().flat_map(|k| k.to_le_bytes()).collect()
}

pub fn keys_from_blob(b: &[u8]) -> Result<Vec<u64>, BadBlob> {
    if !b.len().is_multiple_of(8) {
        return Err(BadBlob("furniture keys"));
    }
    Ok(b.chunks_exact(8)
        .map(|c| {
            let mut k = [0u8; 8];
            k.copy_from_slice(c);
            u64::from_le_bytes(k)
        })
        .collect())
}

pub fn encoding_name(e: Encoding) -> &'static str {
    match e {
        Encoding::Utf8 => "utf8",
        Encoding::Utf16 => "utf16",
        Encoding::Windows1252 => "windows_1252",
        Encoding::Declared => "declared",
    }
}

pub fn encoding_from_name(s: &str) -> Result<Encoding, BadBlob> {
    Ok(match s {
        "utf8" => Encoding::Utf8,
        "utf16" => Encoding::Utf16,
        "windows_1252" => Encoding::Windows1252,
        "declared" => Encoding::Declared,
        _ => return Err(BadBlob("encoding")),
    })
}

/// The language tag back from its stored code (the tag holds a `&'static str`).
pub fn lang_from_code(code: &str, confidence: f64) -> Result<LangTag, BadBlob> {
    let code = match code {
        "und" => "und",
        "ms" => "ms",
        _ => whatlang::Lang::all()
            .iter()
            .map(|&l| lang::iso639_1(l))
            .find(|&c| c == code)
            .ok_or(BadBlob("language"))?,
    };
    Ok(LangTag { code, confidence })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_round_trip() {
        let sig: Signature = vec![0, 1, 65535, 42];
        assert_eq!(signature_from_blob(&signature_to_blob(&sig)).unwrap(), sig);
        let f = StoryFeatures {
            anchors: vec![1, 2, 3],
            guessed: vec![2],
            words: vec![7, u32::MAX],
        };
        let back = features_from_blob(&features_to_blob(&f)).unwrap();
        assert_eq!(
            (back.anchors, back.guessed, back.words),
            (f.anchors, f.guessed, f.words)
        );
        let p = LineProfile {
            lines: vec![(1, 2), (u64::MAX, 9)],
        };
        assert_eq!(
            profile_from_blob(&profile_to_blob(&p)).unwrap().lines,
            p.lines
        );
        assert_eq!(keys_from_blob(&keys_to_blob(&[3, 9])).unwrap(), vec![3, 9]);
    }

    #[test]
    fn damaged_blobs_are_errors() {
        assert_eq!(signature_from_blob(&[1]), Err(BadBlob("signature")));
        assert!(features_from_blob(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err());
        assert!(features_from_blob(&[255; 12]).is_err());
        assert!(profile_from_blob(&[0; 13]).is_err());
        assert!(lang_from_code("xx-not", 0.5).is_err());
        assert_eq!(lang_from_code("en", 0.5).unwrap().code, "en");
        assert_eq!(lang_from_code("ms", 0.5).unwrap().code, "ms");
    }
}
