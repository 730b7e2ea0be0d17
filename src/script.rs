//! Writing systems: which script a character belongs to, and which scripts are
//! written without spaces between words. The one place the code asks about
//! scripts (the tokenizer, the cleaner's line classes, the furniture keys, the
//! story anchors).
//!
//! The answers come from the Unicode `Script` and `Script_Extensions`
//! properties (UAX #24) through the `unicode-script` crate: maintained Unicode
//! data, updated with each Unicode version, instead of hand-written code point
//! ranges. Four such tables used to sit in the tokenizer, the line classifier
//! and the anchor extractor, and they disagreed at their edges (Katakana
//! extensions, CJK extensions B–F, Myanmar and Khmer, Lao lumped with Thai, the
//! Arabic supplements).
//!
//! Lookups are on every character of every document, so they are fast: ASCII
//! (and, for the unspaced test, everything before Thai) answers at once, the
//! Basic Multilingual Plane from tables built once (a script byte per code
//! point, 64 KiB; the unspaced set as an 8 KiB bitmap), and only the other
//! planes search the crate's range table.
//!
//! A letter marked `Common` or `Inherited` (used by several scripts, such as
//! the Japanese long-vowel mark `ー`) belongs to the script its
//! `Script_Extensions` name, when they name one writing system.

use std::sync::LazyLock;

pub(crate) use unicode_script::Script;
use unicode_script::UnicodeScript;

use crate::charclass::{BmpSet, is_alphanumeric, is_mark};

/// Scripts written without spaces between words: Chinese, Japanese (kana),
/// Thai, Lao, Khmer, Myanmar. Each of their letters is a token of its own.
const UNSPACED: [Script; 7] = [
    Script::Han,
    Script::Hiragana,
    Script::Katakana,
    Script::Thai,
    Script::Lao,
    Script::Khmer,
    Script::Myanmar,
];

struct Tables {
    /// The [`Script`] of every BMP code point.
    script: Box<[Script; 0x10000]>,
    /// The BMP characters for which [`is_unspaced`] is true.
    unspaced: BmpSet,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut script = Box::new([Script::Unknown; 0x10000]);
    for c in (0..0x10000).filter_map(char::from_u32) {
        script[c as usize] = c.script();
    }
    Tables {
        script,
        unspaced: BmpSet::new(unspaced_slow),
    }
});

/// The Unicode script of `c` (`Common` for digits, punctuation and spaces).
#[inline]
pub(crate) fn script(c: char) -> Script {
    match c as usize {
        0..=0x7F if c.is_ascii_alphabetic() => Script::Latin,
        0..=0x7F => Script::Common,
        cp @ 0x80..=0xFFFF => TABLES.script[cp],
        _ => c.script(),
    }
}

/// True for the letters, digits and marks of scripts written without spaces
/// between words ([`UNSPACED`]); punctuation of those scripts (Thai `๚`,
/// Myanmar `။`, Japanese `・`) is not a word and is not included.
#[inline]
pub(crate) fn is_unspaced(c: char) -> bool {
    // Nothing before Thai (U+0E00) is unspaced: ASCII, Latin, Greek, Cyrillic,
    // Arabic, Hebrew and the Indic scripts answer without a lookup (the tests
    // check this against the Unicode data for every code point).
    c >= '\u{0E00}' && unspaced_from_thai(c)
}

fn unspaced_from_thai(c: char) -> bool {
    match c as usize {
        cp @ 0..=0xFFFF => TABLES.unspaced.contains(cp),
        _ => unspaced_slow(c),
    }
}

fn unspaced_slow(c: char) -> bool {
    (is_alphanumeric(c) || is_mark(c))
        && match c.script() {
            Script::Common | Script::Inherited => {
                // Only when every script that uses it is unspaced: `ー` (kana),
                // not `ʼ` (Latin, Cyrillic, Thai…).
                (c.script_extension().iter()).all(|s| UNSPACED.contains(&s))
            }
            s => UNSPACED.contains(&s),
        }
}

/// The writing system of a letter, for telling a page's own text from text
/// in another script: its [`Script`], with Hiragana and Katakana counted as
/// [`Script::Han`] (Japanese text mixes all three, Chinese uses Han alone).
/// `None` for a `Common` or `Inherited` letter whose extensions do not name
/// one writing system.
fn writing_system(c: char) -> Option<Script> {
    let fold = |s: Script| match s {
        Script::Hiragana | Script::Katakana => Script::Han,
        s => s,
    };
    match script(c) {
        Script::Common | Script::Inherited => {
            let mut systems = c.script_extension().iter().map(fold);
            let first = systems.next().filter(|s| !is_shared(*s))?;
            systems.all(|s| s == first).then_some(first)
        }
        s => Some(fold(s)),
    }
}

fn is_shared(s: Script) -> bool {
    matches!(s, Script::Common | Script::Inherited | Script::Unknown)
}

/// The writing system ([`writing_system`]) of most letters of `text`; ties go
/// to the script that comes first in the `unicode-script` order. `None` when
/// `text` has no letter of a known script.
pub(crate) fn main_script(text: &str) -> Option<Script> {
    let mut counts = [0u32; 256];
    let mut seen: Vec<Script> = Vec::new();
    for c in text.chars() {
        if !crate::charclass::is_alphabetic(c) {
            continue;
        }
        let Some(s) = writing_system(c) else {
            continue;
        };
        let n = &mut counts[s as u8 as usize];
        if *n == 0 {
            seen.push(s);
        }
        *n += 1;
    }
    seen.into_iter()
        .max_by_key(|&s| (counts[s as u8 as usize], std::cmp::Reverse(s as u8)))
}

/// A katakana letter (including the long-vowel mark `ー`), for the anchors'
/// katakana runs (transliterated foreign names).
#[inline]
pub(crate) fn is_katakana(c: char) -> bool {
    // Katakana and the kana marks start at U+3000 (checked in the tests).
    c >= '\u{3000}' && katakana_slow(c)
}

fn katakana_slow(c: char) -> bool {
    crate::charclass::is_alphabetic(c)
        && match script(c) {
            Script::Katakana => true,
            Script::Common | Script::Inherited => {
                (c.script_extension().iter()).any(|s| s == Script::Katakana)
            }
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_paths_give_the_crates_answers() {
        for c in crate::charclass::test_sample() {
            assert_eq!(script(c), c.script(), "{c:?}");
            assert_eq!(is_unspaced(c), unspaced_slow(c), "{c:?}");
            assert_eq!(is_katakana(c), katakana_slow(c), "{c:?}");
        }
    }

    #[test]
    fn unspaced_scripts_are_chinese_japanese_and_southeast_asian() {
        for c in [
            '北', '〇', '々', 'の', 'ト', 'ー', 'ㇰ', 'ท', 'ั', 'ລ', 'ក', 'မ', '𠀋',
        ] {
            assert!(is_unspaced(c), "{c:?}");
        }
        // Spaced scripts, digits, and the punctuation of unspaced scripts.
        for c in [
            'a', 'é', 'Ж', 'ا', 'ह', '한', '7', 'ʼ', '\u{323}', '・', '。', '๚', '။', '฿',
        ] {
            assert!(!is_unspaced(c), "{c:?}");
        }
    }

    #[test]
    fn the_main_script_folds_kana_into_han() {
        assert_eq!(main_script("Hello, Мир!"), Some(Script::Latin));
        assert_eq!(main_script("Привет, world"), Some(Script::Cyrillic));
        assert_eq!(main_script("トランプ氏は日本を訪問した"), Some(Script::Han));
        assert_eq!(main_script("서울에서 열린 회의"), Some(Script::Hangul));
        assert_eq!(main_script("नमस्ते दुनिया"), Some(Script::Devanagari));
        assert_eq!(main_script("ভারত"), Some(Script::Bengali));
        assert_eq!(main_script("ສະບາຍດີ"), Some(Script::Lao));
        assert_eq!(main_script("123 ... !"), None);
        // The Arabic tatweel is used by several scripts: it decides nothing.
        assert_eq!(writing_system('\u{640}'), None);
    }

    #[test]
    fn katakana_includes_the_long_vowel_mark() {
        assert!("ニューヨーク".chars().all(is_katakana));
        assert!(!is_katakana('の'));
        assert!(!is_katakana('・'));
        assert!(!is_katakana('a'));
    }
}
