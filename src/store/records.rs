//! How a document's analysis is kept in the state: little-endian arrays in
//! BLOB columns (signatures, story features, the furniture line profile), and
//! the few enums as text. Decoding checks lengths, so a damaged blob is an
//! error, never a panic.

use crate::lang::{self, LangTag};
use crate::minhash::Signature;
use crate::normalize::{LineProfile, LineStat};
use crate::story::{Scored, StoryFeatures};
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

/// Four counts (anchors, guessed, words, word counts), the three `u32`
/// lists, the years (`u128`), one byte per word count, then the dates: the
/// weekday bits (one byte) and the day numbers (`u16` each, to the end; a
/// blob without them, as older states wrote, has none).
pub fn features_to_blob(f: &StoryFeatures) -> Vec<u8> {
    let lists = [&f.anchors, &f.guessed, &f.words];
    let total: usize = lists.iter().map(|l| l.len()).sum();
    let mut out = Vec::with_capacity(16 + 4 * total + 16 + f.word_counts.len());
    for list in lists {
        out.extend_from_slice(&(list.len() as u32).to_le_bytes());
    }
    out.extend_from_slice(&(f.word_counts.len() as u32).to_le_bytes());
    for list in lists {
        out.extend(list.iter().flat_map(|x| x.to_le_bytes()));
    }
    out.extend_from_slice(&f.years.to_le_bytes());
    out.extend_from_slice(&f.word_counts);
    out.push(f.dates.weekdays);
    out.extend(f.dates.days.iter().flat_map(|d| d.to_le_bytes()));
    out
}

fn u32s(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

pub fn features_from_blob(b: &[u8]) -> Result<StoryFeatures, BadBlob> {
    let bad = BadBlob("features");
    if b.len() < 16 {
        return Err(bad);
    }
    let counts = u32s(&b[..16]);
    let (a, g, w, c) = (
        counts[0] as usize,
        counts[1] as usize,
        counts[2] as usize,
        counts[3] as usize,
    );
    let total = a
        .checked_add(g)
        .and_then(|x| x.checked_add(w))
        .ok_or(bad.clone())?;
    let lists_end = total
        .checked_mul(4)
        .and_then(|x| x.checked_add(16))
        .ok_or(bad.clone())?;
    let years_end = lists_end.checked_add(16).ok_or(bad.clone())?;
    let counts_end = years_end.checked_add(c).ok_or(bad.clone())?;
    let dates = match b.get(counts_end..) {
        Some([]) => Default::default(),
        Some([weekdays, days @ ..]) if days.len() % 2 == 0 => crate::story::dates::Dates {
            weekdays: *weekdays,
            days: days
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect(),
        },
        _ => return Err(bad),
    };
    let all = u32s(&b[16..lists_end]);
    let mut years = [0u8; 16];
    years.copy_from_slice(&b[lists_end..years_end]);
    Ok(StoryFeatures {
        anchors: all[..a].to_vec(),
        guessed: all[a..a + g].to_vec(),
        words: all[a + g..].to_vec(),
        word_counts: b[years_end..counts_end].to_vec(),
        years: u128::from_le_bytes(years),
        dates,
    })
}

/// `(key u64, fuzzy u32, words u16, prose u8)` per line: 15 bytes each.
const LINE_BYTES: usize = 15;

pub fn profile_to_blob(p: &LineProfile) -> Vec<u8> {
    let mut out = Vec::with_capacity(LINE_BYTES * p.lines.len());
    for l in &p.lines {
        out.extend_from_slice(&l.key.to_le_bytes());
        out.extend_from_slice(&l.fuzzy.to_le_bytes());
        out.extend_from_slice(&l.words.to_le_bytes());
        out.push(u8::from(l.prose));
    }
    out
}

pub fn profile_from_blob(b: &[u8]) -> Result<LineProfile, BadBlob> {
    if !b.len().is_multiple_of(LINE_BYTES) {
        return Err(BadBlob("profile"));
    }
    let lines = b
        .chunks_exact(LINE_BYTES)
        .map(|c| {
            let mut k = [0u8; 8];
            k.copy_from_slice(&c[..8]);
            let prose = match c[14] {
                0 => false,
                1 => true,
                _ => return Err(BadBlob("profile")),
            };
            Ok(LineStat {
                key: u64::from_le_bytes(k),
                fuzzy: u32::from_le_bytes([c[8], c[9], c[10], c[11]]),
                words: u16::from_le_bytes([c[12], c[13]]),
                prose,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LineProfile { lines })
}

/// The line keys of a profile (what the furniture verdicts are looked up by).
pub fn profile_keys(p: &LineProfile) -> impl Iterator<Item = u64> + '_ {
    p.lines.iter().map(|l| l.key)
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

/// The story stage's scored pairs, by document number: per pair the two
/// numbers (`u32`) and the score (`f64`), negated for a pair across
/// languages (a score is a probability, never 0 for a kept pair). 16 bytes.
pub fn pairs_to_blob(pairs: &[Scored]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 * pairs.len());
    for p in pairs {
        out.extend_from_slice(&p.a.to_le_bytes());
        out.extend_from_slice(&p.b.to_le_bytes());
        let s = if p.same_language { p.score } else { -p.score };
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

pub fn pairs_from_blob(b: &[u8]) -> Result<Vec<Scored>, BadBlob> {
    if !b.len().is_multiple_of(16) {
        return Err(BadBlob("story pairs"));
    }
    Ok(b.chunks_exact(16)
        .map(|c| {
            let u = |i: usize| u32::from_le_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
            let mut f = [0u8; 8];
            f.copy_from_slice(&c[8..16]);
            let s = f64::from_le_bytes(f);
            Scored {
                a: u(0),
                b: u(4),
                score: s.abs(),
                same_language: s >= 0.0,
            }
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
            word_counts: vec![1, 255],
            years: 1 << 74 | 1 << 127,
            dates: crate::story::dates::Dates {
                days: vec![3, 21_000],
                weekdays: 0b101,
            },
        };
        let back = features_from_blob(&features_to_blob(&f)).unwrap();
        assert_eq!(
            (back.anchors, back.guessed, back.words),
            (f.anchors, f.guessed, f.words)
        );
        assert_eq!((back.word_counts, back.years), (f.word_counts, f.years));
        assert_eq!(back.dates, f.dates);
        let line = |key, fuzzy, words, prose| LineStat {
            key,
            fuzzy,
            words,
            prose,
        };
        let p = LineProfile {
            lines: vec![line(1, 7, 2, false), line(u64::MAX, u32::MAX, 9, true)],
        };
        assert_eq!(
            profile_from_blob(&profile_to_blob(&p)).unwrap().lines,
            p.lines
        );
        assert_eq!(keys_from_blob(&keys_to_blob(&[3, 9])).unwrap(), vec![3, 9]);
        let pairs = vec![
            Scored {
                a: 1,
                b: u32::MAX,
                score: 0.731,
                same_language: true,
            },
            Scored {
                a: 0,
                b: 2,
                score: 0.02,
                same_language: false,
            },
        ];
        assert_eq!(pairs_from_blob(&pairs_to_blob(&pairs)).unwrap(), pairs);
    }

    #[test]
    fn damaged_blobs_are_errors() {
        assert_eq!(signature_from_blob(&[1]), Err(BadBlob("signature")));
        assert!(features_from_blob(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err());
        assert!(features_from_blob(&[255; 16]).is_err());
        assert!(features_from_blob(&[0; 31]).is_err());
        assert!(features_from_blob(&[0; 32]).is_ok());
        // The dates: a weekday byte, then whole day numbers.
        assert!(features_from_blob(&[0; 33]).is_ok());
        assert!(features_from_blob(&[0; 34]).is_err());
        assert!(features_from_blob(&[0; 35]).is_ok());
        assert!(profile_from_blob(&[0; 13]).is_err());
        assert!(profile_from_blob(&[2; 15]).is_err());
        assert_eq!(pairs_from_blob(&[0; 17]), Err(BadBlob("story pairs")));
        assert!(lang_from_code("xx-not", 0.5).is_err());
        assert_eq!(lang_from_code("en", 0.5).unwrap().code, "en");
        assert_eq!(lang_from_code("ms", 0.5).unwrap().code, "ms");
    }
}
