//! Unicode clean-up of one line: NFKC, one kind of space, no zero-width or
//! control characters, markdown link syntax reduced to its text. Lines already
//! in NFKC (by the quick check) take a fast path.
//!
//! Quotes, apostrophes and dashes stay as written (“ ” ’ « » – —): the
//! tokenizer ignores punctuation, so folding them would not change a single
//! shingle, but it would change the text a reader sees and copies (and words
//! like “it’s” compared with the page's own text). The rules, the line
//! classifier and the section headers accept both forms.
//!
//! A few characters are kept as written although NFKC would rewrite them, for
//! the same reason (see [`is_kept_as_written`]): full-width CJK punctuation,
//! the ellipsis `…` and the Thai and Lao vowel SARA AM.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::charclass::is_alphanumeric;

/// Normalize one line (no `\n` inside). The result is trimmed.
pub fn normalize_line(line: &str, out: &mut String) {
    out.clear();
    let mut dropped = push_normalized(line, out);
    let len = out.len();
    strip_markdown(out);
    dropped |= out.len() != len;
    if dropped && !out.is_ascii() {
        // A dropped character (zero-width, control, link markup) can bring a
        // letter and a combining mark together that NFKC composes
        // ("a\u{AD}\u{301}" is "á"): normalize the joined text once more.
        let joined = std::mem::take(out);
        push_normalized(&joined, out);
    }
    let trimmed = out.trim();
    if trimmed.len() != out.len() {
        *out = trimmed.to_string();
    }
}

/// NFKC (except [`is_kept_as_written`]) and [`push_mapped`]; true if a
/// character was dropped.
fn push_normalized(line: &str, out: &mut String) -> bool {
    if line.is_ascii() || is_nfkc_quick(line.chars()) == IsNormalized::Yes {
        // Already in NFKC (most text): no normalization to do.
        return push_mapped(line.chars(), out);
    }
    let mut dropped = false;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if is_kept_as_written(c) {
            dropped |= push_mapped(line[start..i].nfkc(), out);
            push_mapped(std::iter::once(c), out);
            start = i + c.len_utf8();
        }
    }
    dropped | push_mapped(line[start..].nfkc(), out)
}

/// Characters NFKC would rewrite that are kept as written: full-width
/// punctuation (not letters or digits, which fold to ASCII) and Thai and Lao
/// SARA AM. None of them combines with its neighbours, so normalizing the text
/// around them separately gives the same result. (Indic nukta letters, which
/// NFKC decomposes, are left to NFKC: the decomposed form is what the story
/// stage's transliteration matches best.)
pub fn is_kept_as_written(c: char) -> bool {
    const SARA_AM: [char; 2] = ['\u{0E33}', '\u{0EB3}'];
    // U+FF01..=U+FF65: the full-width forms of ASCII, then the half-width CJK
    // punctuation (no script: these are block ranges).
    ('\u{FF01}'..='\u{FF65}').contains(&c) && !is_alphanumeric(c)
        || SARA_AM.contains(&c)
        || c == '\u{2026}'
}

/// Push `chars` with white space folded to one space; true if one was dropped
/// (zero-width, soft hyphen, control).
fn push_mapped(chars: impl Iterator<Item = char>, out: &mut String) -> bool {
    let mut last_space = out.is_empty() || out.ends_with(' ');
    let mut dropped = false;
    for c in chars {
        let mapped = match c {
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {
                dropped = true;
                continue;
            }
            c if c.is_whitespace() => ' ',
            c if c.is_control() => {
                dropped = true;
                continue;
            }
            c => c,
        };
        if mapped == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(mapped);
    }
    dropped
}

/// `[text](url)` → `text`, `![alt](url)` → ``, leading `#` heading marks and
/// `<https://…>` autolink brackets removed. Cheap when there is no markup.
fn strip_markdown(s: &mut String) {
    if s.starts_with('#') {
        let rest = s.trim_start_matches('#');
        if rest.starts_with(' ') || rest.is_empty() {
            *s = rest.trim_start().to_string();
        }
    }
    if s.starts_with('<') && s.ends_with('>') && s.contains("://") {
        *s = s[1..s.len() - 1].to_string();
    }
    if !s.contains("](") {
        return;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(open) = rest.find('[') {
        let Some(close_rel) = rest[open..].find("](") else {
            break;
        };
        let close = open + close_rel;
        let Some(end_rel) = rest[close + 2..].find(')') else {
            break;
        };
        let end = close + 2 + end_rel;
        let is_image = open > 0 && rest[..open].ends_with('!');
        let before = if is_image {
            &rest[..open - 1]
        } else {
            &rest[..open]
        };
        out.push_str(before);
        if !is_image {
            out.push_str(&rest[open + 1..close]);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    *s = out.split_whitespace().collect::<Vec<_>>().join(" ");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line through the full NFKC path, twice, the reference for the
    /// fast path (and for normalizing again only after a dropped character).
    fn normalize_line_reference(line: &str) -> String {
        let full = |line: &str| {
            let mut out = String::new();
            let mut start = 0;
            for (i, c) in line.char_indices() {
                if is_kept_as_written(c) {
                    push_mapped(line[start..i].nfkc(), &mut out);
                    push_mapped(std::iter::once(c), &mut out);
                    start = i + c.len_utf8();
                }
            }
            push_mapped(line[start..].nfkc(), &mut out);
            out
        };
        let mut out = full(line);
        strip_markdown(&mut out);
        full(&out).trim().to_string()
    }

    #[test]
    fn quick_check_path_matches_full_normalization() {
        let alphabet = [
            'a', ' ', 'é', 'e', '\u{301}', 'ﬁ', '１', '！', '“', '—', '…', 'Ж', '北', 'ำ',
            '\u{200B}', '가', '\u{1100}', '\u{1161}', 'ٰ', '²',
        ];
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            let mut fast = String::new();
            normalize_line(&s, &mut fast);
            assert_eq!(fast, normalize_line_reference(&s), "{s:?}");
            if s.chars().count() < 4 {
                for c in alphabet {
                    let mut t = s.clone();
                    t.push(c);
                    stack.push(t);
                }
            }
        }
    }

    fn norm(s: &str) -> String {
        let mut out = String::new();
        normalize_line(s, &mut out);
        out
    }

    #[test]
    fn keeps_quotes_dashes_and_ellipses_as_written_unifies_spaces() {
        // The tokenizer ignores punctuation, so folding it gains nothing and
        // would change the text a reader sees and copies.
        assert_eq!(norm("  “Hello”\u{00A0}–  it’s\tme… "), "“Hello” – it’s me…");
        assert_eq!(norm("«Привет» — сказал он"), "«Привет» — сказал он");
        assert_eq!(norm("„Guten Tag“, sagte sie"), "„Guten Tag“, sagte sie");
    }

    #[test]
    fn nfkc_folds_compatibility_forms() {
        // Full-width Latin and digits, ligatures.
        assert_eq!(norm("ＡＢＣ１２３ ﬁne"), "ABC123 fine");
        // Arabic presentation forms fold to base letters.
        assert_eq!(norm("\u{FEF5}"), "\u{0644}\u{0622}");
    }

    #[test]
    fn keeps_cjk_punctuation_and_thai_sara_am() {
        // Full-width punctuation stays; full-width letters and digits still fold.
        assert_eq!(
            norm("北京（新华社）１２月，记者：ＡＢ"),
            "北京（新华社）12月，记者：AB"
        );
        // NFKC would split SARA AM into NIKHAHIT + SARA AA.
        assert_eq!(norm("\u{0E17}\u{0E33}"), "\u{0E17}\u{0E33}");
        assert_eq!(norm("\u{0E97}\u{0EB3}"), "\u{0E97}\u{0EB3}");
        // The text around them is still normalized.
        assert_eq!(norm("ﬁ（“x”）"), "fi（“x”）");
    }

    #[test]
    fn removes_zero_width_and_controls() {
        assert_eq!(norm("a\u{200B}b\u{0007}c\u{00AD}d"), "abcd");
    }

    #[test]
    fn what_a_dropped_character_joins_is_composed() {
        // Found by fuzzing (fuzz/regressions/clean/zero-width.txt): the mark
        // after a soft hyphen, zero-width space, control or link markup.
        assert_eq!(norm("cafe\u{AD}\u{301}"), "caf\u{E9}");
        assert_eq!(norm("cafe\u{200B}\u{301} ok"), "caf\u{E9} ok");
        assert_eq!(norm("e\u{7}\u{301}！"), "\u{E9}！");
        assert_eq!(norm("[e](x)\u{301}"), "\u{E9}");
        assert_eq!(norm(&norm("cafe\u{AD}\u{301}")), "caf\u{E9}");
    }

    #[test]
    fn strips_markdown_links_and_headings() {
        assert_eq!(norm("By [AFP](#)"), "By AFP");
        assert_eq!(norm("# A title"), "A title");
        assert_eq!(
            norm("see ![photo](x.jpg) [here](http://a.b/c) now"),
            "see here now"
        );
        assert_eq!(norm("<https://example.com/a>"), "https://example.com/a");
        assert_eq!(norm("#hashtag"), "#hashtag");
    }

    #[test]
    fn kept_as_written_are_the_full_width_punctuation_sara_am_and_the_ellipsis() {
        let kept: Vec<u32> = (0..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| is_kept_as_written(c))
            .map(|c| c as u32)
            .collect();
        let expected: Vec<u32> = (0xFF01..=0xFF0F)
            .chain(0xFF1A..=0xFF20)
            .chain(0xFF3B..=0xFF40)
            .chain(0xFF5B..=0xFF65)
            .chain([0x0E33, 0x0EB3, 0x2026])
            .collect();
        let mut expected = expected;
        expected.sort_unstable();
        assert_eq!(kept, expected);
    }
}
