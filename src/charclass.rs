//! Fast character classes. The standard library answers `is_alphabetic`,
//! `is_numeric` and friends for non-ASCII characters by searching Unicode
//! tables; the hot loops here ask for every character of every document. For
//! the Basic Multilingual Plane (every script of everyday news) the answers are
//! precomputed once, from those same functions, into bitmaps (8 KiB each, L1
//! sized); other characters fall back to the standard library. Same answers,
//! checked for every BMP code point in the tests.

use std::sync::LazyLock;

use unicode_normalization::char::is_combining_mark;

const WORDS: usize = 0x10000 / 64;

/// A set of Basic Multilingual Plane characters as a bitmap (8 KiB), built once
/// from a slower predicate. `contains` is only meaningful for BMP characters.
pub(crate) struct BmpSet(Box<[u64; WORDS]>);

impl BmpSet {
    /// The BMP characters for which `member` is true.
    pub(crate) fn new(member: impl Fn(char) -> bool) -> BmpSet {
        let mut bits = Box::new([0; WORDS]);
        for c in (0..0x10000)
            .filter_map(char::from_u32)
            .filter(|&c| member(c))
        {
            bits[c as usize >> 6] |= 1u64 << (c as u32 & 63);
        }
        BmpSet(bits)
    }

    /// Whether `cp` (a BMP code point, below 0x10000) is in the set.
    #[inline]
    pub(crate) fn contains(&self, cp: usize) -> bool {
        self.0[cp >> 6] >> (cp & 63) & 1 == 1
    }
}

struct Bitmaps {
    alphabetic: BmpSet,
    numeric: BmpSet,
    mark: BmpSet,
}

static BITMAPS: LazyLock<Bitmaps> = LazyLock::new(|| Bitmaps {
    alphabetic: BmpSet::new(char::is_alphabetic),
    numeric: BmpSet::new(char::is_numeric),
    mark: BmpSet::new(is_combining_mark),
});

/// The class of `c`: `ascii` below 0x80, the bitmap `map` in the BMP, `other`
/// beyond it.
#[inline]
fn class(
    c: char,
    ascii: fn(&char) -> bool,
    map: fn(&Bitmaps) -> &BmpSet,
    other: fn(char) -> bool,
) -> bool {
    match c as usize {
        0..=0x7F => ascii(&c),
        cp @ 0x80..=0xFFFF => map(&BITMAPS).contains(cp),
        _ => other(c),
    }
}

/// [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    class(
        c,
        char::is_ascii_alphabetic,
        |m| &m.alphabetic,
        char::is_alphabetic,
    )
}

/// [`char::is_numeric`].
#[inline]
pub fn is_numeric(c: char) -> bool {
    class(c, char::is_ascii_digit, |m| &m.numeric, char::is_numeric)
}

/// [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    is_alphabetic(c) || is_numeric(c)
}

/// [`unicode_normalization::char::is_combining_mark`].
#[inline]
pub fn is_mark(c: char) -> bool {
    class(c, |_| false, |m| &m.mark, is_combining_mark)
}

/// Every BMP character and every seventh beyond: what the tests of a fast
/// path compare with the slow answer.
#[cfg(test)]
pub(crate) fn test_sample() -> impl Iterator<Item = char> {
    (0..0x1_0000)
        .chain((0x1_0000..0x11_0000).step_by(7))
        .filter_map(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answers_as_the_standard_library_everywhere() {
        for c in test_sample() {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_mark(c), is_combining_mark(c), "{c:?}");
        }
    }
}
