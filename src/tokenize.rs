//! Splitting text into lower-case tokens, shared by the stages that need words.
//!
//! Words are runs of letters, digits and combining marks (so Devanagari or Thai
//! vowel signs stay inside their word). Scripts written without spaces between
//! words (Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar) yield one token per
//! character, so that k-shingles over them are character k-grams.

use crate::charclass::{is_alphanumeric, is_mark};
use crate::script::is_unspaced;

/// True for characters that belong inside a word.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_alphanumeric(c) || is_mark(c)
}

/// Calls `f` with each lower-cased token of `text`. `buf` is reused between calls.
/// ASCII text takes a fast path (the only one: callers never write their own).
pub fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    if text.is_ascii() {
        // ASCII has no marks and no unspaced script: a token is a run of letters and digits.
        for raw in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            if !raw.is_empty() {
                buf.clear();
                buf.push_str(raw);
                buf.make_ascii_lowercase();
                f(buf);
            }
        }
        buf.clear();
        return;
    }
    for_each_token_general(text, buf, f);
}

/// [`for_each_token`] for any text.
fn for_each_token_general(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    // True while `buf` holds one character of an unspaced script (plus its marks).
    let mut unspaced = false;
    for c in text.chars() {
        if is_mark(c) {
            // Vowel signs and tone marks stay with the character before them.
            if !buf.is_empty() {
                buf.push(c);
            }
        } else if is_unspaced(c) {
            if !buf.is_empty() {
                f(buf);
                buf.clear();
            }
            buf.push(c);
            unspaced = true;
        } else if is_alphanumeric(c) {
            if unspaced {
                f(buf);
                buf.clear();
                unspaced = false;
            }
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        } else if !buf.is_empty() {
            f(buf);
            buf.clear();
            unspaced = false;
        }
    }
    if !buf.is_empty() {
        f(buf);
        buf.clear();
    }
}

/// Lower-cased tokens of `text`, collected (tests and the fuzzing checks).
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_token(text, &mut buf, |t| out.push(t.to_string()));
    out
}

/// A length measure comparable across scripts: spaced words plus half the
/// characters of unspaced scripts (a Chinese word is about two characters).
pub fn word_count(text: &str) -> usize {
    let mut words = 0usize;
    let mut unspaced = 0usize;
    let mut in_word = false;
    for c in text.chars() {
        if is_unspaced(c) {
            unspaced += 1;
            in_word = false;
        } else if is_word_char(c) {
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
    }
    words + unspaced / 2
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ascii_fast_path_gives_the_general_tokens() {
        for text in [
            "Hello, World! It's 2020-01-02; e-mail: A.B@C.org\tTAB\u{7f}x",
            "",
            "  ...  ",
            "UPPER lower MiXeD 42nd 3.14",
        ] {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            let mut buf = String::new();
            for_each_token(text, &mut buf, |t| fast.push(t.to_string()));
            for_each_token_general(text, &mut buf, |t| general.push(t.to_string()));
            assert_eq!(fast, general, "{text}");
        }
    }

    use super::*;
    use unicode_normalization::char::is_combining_mark;

    #[test]
    fn latin_and_cyrillic_words_are_lowercased() {
        assert_eq!(
            tokens("Hello, World! Привет-МИР 2020"),
            ["hello", "world", "привет", "мир", "2020"]
        );
    }

    #[test]
    fn combining_marks_stay_inside_words() {
        // Hindi: "नमस्ते दुनिया" — the virama and vowel signs are combining marks.
        assert_eq!(tokens("नमस्ते दुनिया"), ["नमस्ते", "दुनिया"]);
        assert_eq!(tokens("مرحبا بالعالم"), ["مرحبا", "بالعالم"]);
    }

    #[test]
    fn unspaced_scripts_give_one_token_per_character() {
        assert_eq!(tokens("北京2020年"), ["北", "京", "2020", "年"]);
        assert_eq!(tokens("トランプ氏"), ["ト", "ラ", "ン", "プ", "氏"]);
        // Thai vowel marks are combining and are not split off as tokens.
        assert_eq!(tokens("ทรัมป์").len(), 4);
    }

    /// The tokenizer with the standard library's character classes: the reference.
    fn tokens_reference(text: &str) -> Vec<String> {
        let (mut out, mut buf, mut unspaced) = (Vec::new(), String::new(), false);
        for c in text.chars() {
            if is_combining_mark(c) {
                if !buf.is_empty() {
                    buf.push(c);
                }
            } else if is_unspaced(c) {
                if !buf.is_empty() {
                    out.push(std::mem::take(&mut buf));
                }
                buf.push(c);
                unspaced = true;
            } else if c.is_alphanumeric() {
                if unspaced {
                    out.push(std::mem::take(&mut buf));
                    unspaced = false;
                }
                buf.extend(c.to_lowercase());
            } else if !buf.is_empty() {
                out.push(std::mem::take(&mut buf));
                unspaced = false;
            }
        }
        if !buf.is_empty() {
            out.push(buf);
        }
        out
    }

    #[test]
    fn fast_paths_match_the_reference() {
        let alphabet = [
            'a', 'Z', '7', ' ', '-', 'é', 'Ж', '\u{301}', '北', 'ท', '\u{E31}',
        ];
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            assert_eq!(tokens(&s), tokens_reference(&s), "{s:?}");
            let reference_words = {
                let mut words = 0;
                let mut unspaced = 0;
                let mut in_word = false;
                for c in s.chars() {
                    if is_unspaced(c) {
                        unspaced += 1;
                        in_word = false;
                    } else if c.is_alphanumeric() || is_combining_mark(c) {
                        words += usize::from(!in_word);
                        in_word = true;
                    } else {
                        in_word = false;
                    }
                }
                words + unspaced / 2
            };
            assert_eq!(word_count(&s), reference_words, "{s:?}");
            if s.chars().count() < 5 {
                for c in alphabet {
                    let mut t = s.clone();
                    t.push(c);
                    stack.push(t);
                }
            }
        }
    }

    #[test]
    fn word_count_is_comparable_across_scripts() {
        assert_eq!(word_count("one two three"), 3);
        assert_eq!(word_count("北京是中国的首都"), 4);
    }
}
