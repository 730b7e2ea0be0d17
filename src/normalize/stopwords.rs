//! Stopword lists per language, kept as data in `stopwords.txt` (sources and
//! licences at the top of that file): for the stopword density of a line, the
//! main sign of running prose in [`super::classify`].

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// A set of stopwords.
pub type WordSet = FxHashSet<&'static str>;

/// The data: `# comment` lines, then one line per language: its ISO 639-1
/// code and its words, separated by spaces.
pub const DATA: &str = include_str!("stopwords.txt");

/// The lists in file order, and for each word the set of lists holding it
/// (one bit per list).
struct Lists {
    langs: Vec<(&'static str, WordSet)>,
    by_word: FxHashMap<&'static str, u64>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let langs: Vec<(&'static str, WordSet)> = DATA
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut words = l.split(' ').filter(|w| !w.is_empty());
            let code = words.next()?;
            Some((code, words.collect()))
        })
        .collect();
    // One bit per language: the data has fewer than 64 (checked by a test).
    let mut by_word: FxHashMap<&'static str, u64> = HashMap::default();
    for (i, (_, words)) in langs.iter().enumerate().take(64) {
        for w in words {
            *by_word.entry(w).or_insert(0) |= 1 << i;
        }
    }
    Lists { langs, by_word }
});

/// The stopwords of a language (ISO 639-1 code as [`crate::lang`] reports it).
#[cfg(test)]
pub(crate) fn for_lang(code: &str) -> Option<&'static WordSet> {
    LISTS.langs.iter().find(|(c, _)| *c == code).map(|(_, l)| l)
}

/// The list of language `code` (decided once, by [`crate::lang::detect`])
/// when it covers at least [`MIN_COVERAGE`] of the tokens of `text` (and
/// [`MIN_HITS`] of them): `None` for a language without a list, a page of
/// menus, or too little text.
pub fn covering_list(text: &str, code: &str) -> Option<&'static WordSet> {
    let i = LISTS.langs.iter().position(|(c, _)| *c == code)?;
    let (hits, tokens) = hits(text);
    let count = *hits.get(i)?;
    if count < MIN_HITS || (count as f64) < MIN_COVERAGE * tokens as f64 {
        return None;
    }
    Some(&LISTS.langs[i].1)
}

/// Per list, the tokens of `text` it holds; and the number of tokens.
fn hits(text: &str) -> ([u32; 64], u32) {
    let lists = &*LISTS;
    let mut hits = [0u32; 64];
    let mut tokens = 0u32;
    let count = |t: &str| {
        tokens += 1;
        if let Some(&bits) = lists.by_word.get(t) {
            let mut bits = bits;
            while bits != 0 {
                hits[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    };
    crate::tokenize::for_each_token(text, &mut String::new(), count);
    (hits, tokens)
}

/// A list must cover this share of the tokens…
pub const MIN_COVERAGE: f64 = 0.1;
/// …and at least this many, to be chosen.
pub const MIN_HITS: u32 = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::for_each_token;

    #[test]
    fn lists_load_for_detected_languages() {
        for code in [
            "en", "de", "fr", "es", "pt", "id", "ms", "ru", "uk", "ar", "he", "fa", "hi", "bn",
            "ko", "zh", "ja", "el", "tr", "vi",
        ] {
            let list = for_lang(code).unwrap_or_else(|| panic!("no list for {code}"));
            assert!(list.len() >= 25, "{code}: {}", list.len());
        }
        assert!(for_lang("th").is_none());
        assert!(for_lang("und").is_none());
    }

    #[test]
    fn words_are_single_lower_case_tokens() {
        let mut buf = String::new();
        assert!(LISTS.langs.len() <= 64);
        for (code, list) in LISTS.langs.iter() {
            for w in list {
                let mut tokens = Vec::new();
                for_each_token(w, &mut buf, |t| tokens.push(t.to_string()));
                assert_eq!(tokens, [w.to_string()], "{code}: {w:?} is not one token");
            }
        }
    }

    #[test]
    fn the_detected_language_list_covers_its_text() {
        for (text, want) in [
            (
                "The president said on Sunday that there was no reason for Russia to intervene in the conflict.",
                "en",
            ),
            (
                "Der Präsident sagte am Sonntag, dass es keinen Grund für Russland gebe, in den Konflikt einzugreifen.",
                "de",
            ),
            (
                "Le président a déclaré dimanche qu'il n'y avait aucune raison pour que la Russie intervienne dans le conflit.",
                "fr",
            ),
            (
                "Президент заявил в воскресенье, что у России нет причин вмешиваться в конфликт, который продолжается.",
                "ru",
            ),
            (
                "قال الرئيس يوم الأحد إنه لا يوجد سبب لتدخل روسيا في النزاع الذي بدأ قبل شهر من الآن.",
                "ar",
            ),
            (
                "阿塞拜疆总统阿利耶夫周日表示，俄罗斯没有理由干预这场冲突，因为巴库并没有威胁亚美尼亚的领土。",
                "zh",
            ),
            (
                "アゼルバイジャンの大統領は日曜日、ロシアがこの紛争に介入する理由はないと述べた。",
                "ja",
            ),
        ] {
            assert_eq!(crate::lang::detect(text).code, want, "{text}");
            assert!(covering_list(text, want).is_some(), "{text}");
        }
        // Thai has no list; a menu has too few function words.
        assert!(covering_list("ประธานาธิบดีอาเซอร์ไบจานกล่าวเมื่อวันอาทิตย์ว่าไม่มีเหตุผล", "th").is_none());
        assert!(covering_list("Home News Sport Weather", "en").is_none());
        assert!(covering_list("The president said on Sunday that", "xx").is_none());
    }

    #[test]
    fn function_words_are_listed() {
        assert!(for_lang("en").unwrap().contains("the"));
        assert!(for_lang("de").unwrap().contains("und"));
        assert!(for_lang("ru").unwrap().contains("что"));
        assert!(for_lang("ar").unwrap().contains("في"));
        assert!(for_lang("zh").unwrap().contains("的"));
        assert!(for_lang("ja").unwrap().contains("の"));
        // Latin-script words are not counted in lists of other scripts.
        assert!(!for_lang("hi").unwrap().contains("the"));
    }
}
