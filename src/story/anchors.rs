//! Language-independent evidence ("anchors") that survives translation:
//! numbers in any format and digit script, names transliterated to ASCII
//! (exactly and as a consonant skeleton, so *Aliyev*, *Алиев*, *علييف* meet),
//! Latin-script tokens inside non-Latin text, and katakana runs.

use deunicode::deunicode;
use xxhash_rust::xxh3::xxh3_64;

use super::features::{Feature, fold};
use crate::charclass::{is_alphabetic, is_numeric};
use crate::script::{Script, is_katakana, is_unspaced, script};
use crate::tokenize::is_word_char;

/// Kinds of anchor; the kind is part of the feature's hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number,
    Name,
    Skeleton,
}

/// Hash of an anchor feature. Its lowest bit says whether it is a number
/// ([`is_number`]), the next whether it is a skeleton ([`is_skeleton`]), so
/// the scorer can weigh numbers, names and skeletons apart.
pub fn feature(kind: Kind, value: &str) -> Feature {
    let tag = match kind {
        Kind::Number => b'#',
        Kind::Name => b'n',
        Kind::Skeleton => b'k',
    };
    let h = fold(xxh3_64(value.as_bytes()) ^ (tag as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    (h & !3) | Feature::from(kind == Kind::Number) | (Feature::from(kind == Kind::Skeleton) << 1)
}

/// Whether an anchor feature is a consonant skeleton (see [`feature`]).
#[inline]
pub fn is_skeleton(f: Feature) -> bool {
    f & 2 == 2
}

/// Whether an anchor feature is a number (see [`feature`]).
#[inline]
pub fn is_number(f: Feature) -> bool {
    f & 1 == 1
}

/// Zero code points of Unicode decimal digit blocks (NFKC already folds full-width).
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0xFF10,
];

/// The value of a decimal digit of any script.
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let cp = c as u32;
    if cp < DIGIT_ZEROS[1] {
        return None;
    }
    DIGIT_ZEROS
        .iter()
        .find(|&&z| cp >= z && cp < z + 10)
        .map(|&z| cp - z)
}

/// Numbers of `text`, normalized: `1,200`, `1.200`, `1 200` and `١٢٠٠` all give
/// `1200`; `3,5` and `3.5` give `3.5`. Single digits are left out (too common).
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let after_letter = prev.is_some_and(|p| is_alphabetic(p) && !is_unspaced(p));
        prev = Some(c);
        let Some(first) = digit_value(c).filter(|_| !after_letter) else {
            continue;
        };
        // Collect digit groups separated by one of , . space ' (thin spaces are folded).
        let mut groups: Vec<String> = vec![char::from(b'0' + first as u8).to_string()];
        let mut seps: Vec<char> = Vec::new();
        while let Some(&next) = chars.peek() {
            if let Some(d) = digit_value(next) {
                if let Some(g) = groups.last_mut() {
                    g.push(char::from(b'0' + d as u8));
                }
            } else if matches!(next, ',' | '.' | ' ' | '\'') && {
                let mut ahead = chars.clone();
                ahead.next();
                ahead.next().and_then(digit_value).is_some()
            } {
                seps.push(next);
                groups.push(String::new());
            } else {
                break;
            }
            prev = Some(next);
            chars.next();
        }
        push_number(&groups, &seps, &mut out);
    }
    out
}

fn push_number(groups: &[String], seps: &[char], out: &mut Vec<String>) {
    let thousands = groups.len() > 1
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
        && seps.windows(2).all(|w| w[0] == w[1]);
    if thousands && (groups.len() > 2 || seps[0] != ' ' || groups[0].len() <= 3) {
        out.push(groups.concat());
    } else if groups.len() == 2 && seps[0] != ' ' {
        let frac = groups[1].trim_end_matches('0');
        if frac.is_empty() {
            push_plain(&groups[0], out);
        } else {
            out.push(format!("{}.{}", groups[0].trim_start_matches('0'), frac));
        }
    } else {
        for g in groups {
            push_plain(g, out);
        }
    }
}

fn push_plain(g: &str, out: &mut Vec<String>) {
    let trimmed = g.trim_start_matches('0');
    if trimmed.len() >= 2 {
        out.push(trimmed.to_string());
    }
}

/// ASCII transliteration, lower-cased, letters and digits only.
pub fn transliterate(word: &str) -> String {
    deunicode(word)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Consonant skeleton of a transliterated word: vowels and h/w/y dropped,
/// similar consonants merged (b p f v → p; c g j k q x → k; s z → s; d t → t;
/// m n → n), repeats collapsed. `trump`, `tramp`, `trmb`, `toranpu` → `trnp`.
pub fn skeleton(ascii: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    for c in ascii.chars() {
        let class = match c {
            'b' | 'p' | 'f' | 'v' => 'p',
            'c' | 'g' | 'j' | 'k' | 'q' | 'x' => 'k',
            's' | 'z' => 's',
            'd' | 't' => 't',
            'm' | 'n' => 'n',
            'l' => 'l',
            'r' => 'r',
            _ => continue,
        };
        if class != last {
            out.push(class);
            last = class;
        }
    }
    out
}

/// Whether a script distinguishes upper and lower case (so capitals mark names).
fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase()
}

/// Readable labels of anchors, keyed by feature hash (for `explain`).
pub fn labels(text: &str) -> std::collections::HashMap<Feature, String> {
    let mut map = std::collections::HashMap::new();
    extract_with(text, &mut |kind, value, _| {
        let label = match kind {
            Kind::Number => format!("number {value}"),
            Kind::Name => format!("name {value}"),
            Kind::Skeleton => format!("skeleton {value}"),
        };
        map.insert(feature(kind, value), label);
    });
    map
}

/// Calls `sink(kind, value, guessed)` for every anchor of `text`; `guessed` is
/// true for anchors from uncased-script words.
pub fn extract_with(text: &str, sink: &mut dyn FnMut(Kind, &str, bool)) {
    for n in numbers(text) {
        sink(Kind::Number, &n, false);
    }
    let positioned = raw_words(text);
    let words: Vec<&str> = positioned.iter().map(|(w, _)| *w).collect();
    // Mostly Latin letters? (Then lower-case Latin words are ordinary words.)
    let latin_doc = {
        let (mut letters, mut latin) = (0usize, 0usize);
        for c in text.chars() {
            if c.is_ascii_alphabetic() {
                latin += 1;
                letters += 1;
            } else if !c.is_ascii() && is_alphabetic(c) {
                letters += 1;
            }
        }
        latin * 2 >= letters.max(1)
    };
    // Lower-case forms seen in the text: a capitalized word that also appears in
    // lower case is an ordinary word at the start of a sentence.
    let lower_seen: rustc_hash::FxHashSet<&str> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        .copied()
        .collect();
    // Each distinct word once: its anchors are the same at every occurrence.
    let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
    for &(w, _) in &positioned {
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !seen.insert(w) {
            continue;
        }
        if is_numeric(first) {
            continue;
        }
        let ascii_word = w.is_ascii();
        let name_like = if is_cased(first) {
            first.is_uppercase() && !lower_seen.contains(lowercase_first(w).as_str())
                || (ascii_word && !latin_doc)
        } else {
            // Uncased scripts (Arabic, Hebrew, Devanagari, Hangul…): every word may be a name.
            w.chars().count() >= 2
        };
        if !name_like {
            continue;
        }
        let cased = is_cased(first);
        push_name(w, cased, !cased, sink);
        if let Some(stem) = strip_clitics(w).filter(|_| !cased) {
            push_name(stem, false, true, sink);
        }
    }
    for run in katakana_runs(text) {
        push_name(&run, false, false, sink);
    }
}

fn push_name(word: &str, exact: bool, guessed: bool, sink: &mut dyn FnMut(Kind, &str, bool)) {
    let ascii = transliterate(word);
    if exact && ascii.len() >= 3 {
        sink(Kind::Name, &ascii, guessed);
    }
    let skel = skeleton(&ascii);
    if skel.len() >= 3 {
        sink(Kind::Skeleton, &skel, guessed);
    }
}

/// Arabic and Hebrew attach articles and prepositions in front of names
/// (ال, و, ب, ל, ה…), Korean attaches particles behind them (은, 는, 의, 에서…).
/// Returns the word without them, when there was one.
fn strip_clitics(w: &str) -> Option<&str> {
    const ARABIC_PREFIXES: &[&str] = &["وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف"];
    const HEBREW_PREFIXES: &[&str] = &["וה", "שה", "וב", "ול", "ה", "ו", "ב", "ל", "מ", "ש", "כ"];
    const KOREAN_SUFFIXES: &[&str] = &[
        "에서는",
        "에서",
        "에게",
        "으로",
        "까지",
        "부터",
        "라고",
        "이라고",
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "에",
        "도",
        "와",
        "과",
        "로",
    ];
    let chars = w.chars().count();
    let first = w.chars().next()?;
    let table: &[&str] = match script(first) {
        Script::Arabic => ARABIC_PREFIXES,
        Script::Hebrew => HEBREW_PREFIXES,
        Script::Hangul => {
            return KOREAN_SUFFIXES
                .iter()
                .find(|s| w.ends_with(*s) && chars > s.chars().count() + 1)
                .map(|s| &w[..w.len() - s.len()]);
        }
        _ => return None,
    };
    table
        .iter()
        .find(|p| w.starts_with(*p) && chars >= p.chars().count() + 3)
        .map(|p| &w[p.len()..])
}

fn lowercase_first(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Words with their case and whether they open a sentence (or a line). Runs
/// of unspaced scripts (CJK, Thai) are left out: they are not words.
fn raw_words(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut sentence_start = true;
    for (i, c) in text.char_indices() {
        let word = is_word_char(c) && !is_unspaced(c);
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((&text[s..i], sentence_start));
                sentence_start = false;
                start = None;
            }
            _ => {}
        }
        if !word && (matches!(c, '.' | '!' | '?' | '\n' | ':' | '"' | '\u{3002}') || is_unspaced(c))
        {
            sentence_start = true;
        }
    }
    if let Some(s) = start {
        out.push((&text[s..], sentence_start));
    }
    out
}

fn katakana_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if is_katakana(c) {
            cur.push(c);
        } else {
            if cur.chars().count() >= 3 {
                runs.push(std::mem::take(&mut cur));
            }
            cur.clear();
        }
    }
    if cur.chars().count() >= 3 {
        runs.push(cur);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Anchor features of a document (each distinct word contributes once).
    fn extract(text: &str, out: &mut Vec<Feature>) {
        extract_with(text, &mut |kind, value, _| out.push(feature(kind, value)));
    }

    #[test]
    fn numbers_in_any_format_and_script() {
        assert_eq!(
            numbers("1,200 and 1.200 and 1 200 people"),
            ["1200", "1200", "1200"]
        );
        assert_eq!(numbers("3,5 or 3.5 per cent"), ["3.5", "3.5"]);
        assert_eq!(numbers("١٢٠٠ شخص"), ["1200"]);
        assert_eq!(numbers("१२०० लोग"), ["1200"]);
        assert_eq!(numbers("๒๕๖๓"), ["2563"]);
        assert_eq!(numbers("On 27 September 2020, 5 died"), ["27", "2020"]);
        assert_eq!(numbers("2019年11月1日"), ["2019", "11"]);
        assert_eq!(numbers("COVID19 and A4"), Vec::<String>::new());
    }

    /// The straightforward version of [`numbers`] (a `Vec<char>` and indices),
    /// kept as the reference the streaming one is checked against.
    fn numbers_reference(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if digit_value(chars[i]).is_none()
                || (i > 0 && chars[i - 1].is_alphabetic() && !is_unspaced(chars[i - 1]))
            {
                i += 1;
                continue;
            }
            let mut groups: Vec<String> = vec![String::new()];
            let mut seps: Vec<char> = Vec::new();
            while i < chars.len() {
                if let Some(d) = digit_value(chars[i]) {
                    groups.last_mut().unwrap().push(char::from(b'0' + d as u8));
                    i += 1;
                } else if matches!(chars[i], ',' | '.' | ' ' | '\'')
                    && i + 1 < chars.len()
                    && digit_value(chars[i + 1]).is_some()
                {
                    seps.push(chars[i]);
                    groups.push(String::new());
                    i += 1;
                } else {
                    break;
                }
            }
            push_number(&groups, &seps, &mut out);
        }
        out
    }

    #[test]
    fn streaming_numbers_match_the_reference() {
        // Every string of length ≤ 6 over an alphabet of digits (two scripts),
        // separators, letters (cased and unspaced) and a space.
        let alphabet = ['1', '2', '0', '٣', ',', '.', ' ', '\'', 'a', 'B', '年'];
        let mut checked = 0;
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            assert_eq!(numbers(&s), numbers_reference(&s), "{s:?}");
            checked += 1;
            if s.chars().count() < 6 {
                for c in alphabet {
                    let mut t = s.clone();
                    t.push(c);
                    stack.push(t);
                }
            }
        }
        assert_eq!(checked, (0..=6).map(|k| 11usize.pow(k)).sum::<usize>());
    }

    #[test]
    fn the_kind_of_an_anchor_is_in_its_hash() {
        assert!(is_number(feature(Kind::Number, "1200")));
        assert!(!is_number(feature(Kind::Name, "1200")));
        assert!(!is_number(feature(Kind::Skeleton, "trnp")));
    }

    #[test]
    fn digit_values_of_every_script() {
        for z in DIGIT_ZEROS {
            for d in 0..10 {
                assert_eq!(digit_value(char::from_u32(z + d).unwrap()), Some(d));
            }
        }
        assert_eq!(digit_value('a'), None);
        assert_eq!(digit_value('\u{65F}'), None);
    }

    #[test]
    fn skeletons_match_across_scripts() {
        let trump = skeleton(&transliterate("Trump"));
        assert_eq!(trump, "trnp");
        for w in [
            "Трамп",
            "ترامب",
            "טראמפ",
            "ट्रम्प",
            "트럼프",
            "トランプ",
            "Τραμπ",
        ] {
            assert_eq!(skeleton(&transliterate(w)), trump, "{w}");
        }
        let putin = skeleton(&transliterate("Putin"));
        for w in ["Путин", "بوتين", "पुतिन", "푸틴", "プーチン"] {
            assert_eq!(skeleton(&transliterate(w)), putin, "{w}");
        }
        assert_eq!(skeleton(&transliterate("Çavuşoğlu")), skeleton("cavusoglu"));
        assert_eq!(skeleton(&transliterate("Алиев")), skeleton("aliyev"));
    }

    #[test]
    fn names_are_capitalized_words_not_sentence_starts() {
        let mut a = Vec::new();
        extract(
            "The minister met Aliyev in Baku. The talks ended with the usual statement.",
            &mut a,
        );
        assert!(a.contains(&feature(Kind::Name, "aliyev")));
        assert!(a.contains(&feature(Kind::Name, "baku")));
        assert!(!a.contains(&feature(Kind::Name, "the")));
        let mut b = Vec::new();
        extract("Министр встретился с Алиевым в Баку.", &mut b);
        assert!(b.contains(&feature(Kind::Name, "baku")));
    }

    #[test]
    fn clitics_are_stripped_from_uncased_scripts() {
        assert_eq!(strip_clitics("والرئيس"), Some("رئيس"));
        assert_eq!(strip_clitics("לטראמפ"), Some("טראמפ"));
        assert_eq!(strip_clitics("트럼프는"), Some("트럼프"));
        assert_eq!(strip_clitics("Trump"), None);
        let mut a = Vec::new();
        extract("وقال لترامب", &mut a);
        assert!(a.contains(&feature(Kind::Skeleton, "trnp")));
    }

    #[test]
    fn latin_tokens_and_katakana_in_non_latin_text() {
        let mut a = Vec::new();
        extract(
            "北约(NATO)秘书长周二表示，苹果公司的iPhone销量在中国市场继续下降。",
            &mut a,
        );
        assert!(a.contains(&feature(Kind::Name, "nato")));
        assert!(a.contains(&feature(Kind::Name, "iphone")));
        let mut j = Vec::new();
        extract("トランプ大統領は", &mut j);
        assert!(j.contains(&feature(Kind::Skeleton, "trnp")));
    }
}
