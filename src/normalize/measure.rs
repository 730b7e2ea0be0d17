//! Measuring one line of a page for the line classes ([`super::classify`]):
//! its words, its stopword share, its share of link-like tokens, whether it
//! ends like a sentence, whether it is an English-style Title Case headline,
//! and whether it is a cookie notice or a newsletter prompt
//! ([`super::prompts`]). Each measure looks at the line alone.

use crate::tokenize::{for_each_token, word_count};

use super::classify::SHORT_WORDS;
use super::prompts::{PROMPT_WORDS, is_cookie_notice, is_subscribe_prompt};
use super::stopwords::WordSet;

/// Measurements of one line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Features {
    pub words: usize,
    /// Share of tokens that are stopwords (absolute).
    pub stop_density: f64,
    /// Share of characters in link-like tokens.
    pub link_density: f64,
    /// Ends like a sentence.
    pub sentence: bool,
    /// English-style Title Case: capitalized stopwords inside the line.
    pub title_case: bool,
    /// A cookie or consent notice.
    pub cookie_notice: bool,
    /// A newsletter or subscription prompt.
    pub subscribe_prompt: bool,
}

/// Characters that end a sentence (or a quoted one).
pub const SENTENCE_END: &[char] = &[
    '.', '!', '?', '"', '\'', ')', '\u{3002}', '\u{FF01}', '\u{FF1F}', '\u{061F}', '\u{06D4}',
    '\u{0964}', '\u{0965}', '\u{104B}', '\u{2026}', ':', ';', '\u{201D}', '\u{2019}', '\u{00BB}',
    '\u{201C}',
];

/// Measure a line; `stopwords` is the document's list, if its language has
/// one. `buf` is reused between calls.
pub fn features(line: &str, stopwords: Option<&WordSet>, buf: &mut String) -> Features {
    let words = word_count(line);
    let (tokens, stops) = match stopwords {
        Some(list) => count_stopwords(line, list, buf),
        None => (0, 0),
    };
    Features {
        words,
        stop_density: if tokens == 0 {
            0.0
        } else {
            stops as f64 / tokens as f64
        },
        link_density: link_density(line),
        sentence: line.trim_end().ends_with(SENTENCE_END),
        title_case: words >= SHORT_WORDS && stopwords.is_some_and(|list| is_title_case(line, list)),
        cookie_notice: is_cookie_notice(line, buf),
        subscribe_prompt: words <= PROMPT_WORDS && is_subscribe_prompt(line, buf),
    }
}

/// Tokens of `line` (as [`for_each_token`] gives them) and how many of them
/// are stopwords.
pub fn count_stopwords(line: &str, list: &WordSet, buf: &mut String) -> (usize, usize) {
    let (mut tokens, mut stops) = (0usize, 0usize);
    for_each_token(line, buf, |t| {
        tokens += 1;
        stops += usize::from(list.contains(t));
    });
    (tokens, stops)
}

/// Share of the line's bytes in URLs, e-mail addresses, @handles, #tags and
/// bare domain names.
pub fn link_density(line: &str) -> f64 {
    if line.is_empty() {
        return 0.0;
    }
    let linked: usize = line
        .split_whitespace()
        .filter(|t| is_link_token(t))
        .map(str::len)
        .sum();
    linked as f64 / line.len() as f64
}

fn is_link_token(token: &str) -> bool {
    let t = token.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '<'
                | '>'
                | ','
                | '"'
                | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
        )
    });
    let lower_starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if lower_starts("http://") || lower_starts("https://") || lower_starts("www.") {
        return true;
    }
    if let Some(rest) = t.strip_prefix(['@', '#']) {
        return rest.chars().next().is_some_and(char::is_alphanumeric);
    }
    if let Some(at) = t.find('@') {
        return at > 0 && t[at + 1..].contains('.');
    }
    let t = t.trim_end_matches(['.', ';', ':', '!', '?']);
    [".com", ".org", ".net", ".gov", ".io", ".co.uk"]
        .iter()
        .any(|d| {
            t.len() > d.len() + 1
                && t.get(t.len() - d.len()..)
                    .is_some_and(|e| e.eq_ignore_ascii_case(d))
        })
}

/// At least two capitalized stopwords inside the line (not after a sentence
/// end), more than lower-case ones: "Customers Leave Without Paying At Troy
/// Steakhouse". Only meaningful in scripts with case.
pub fn is_title_case(line: &str, stopwords: &WordSet) -> bool {
    // Cheap test first: at least two capitalized words after the first.
    let capitals = line
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .take(2)
        .count();
    if capitals < 2 {
        return false;
    }
    let (mut upper, mut lower) = (0, 0);
    let mut prev_end = true;
    let mut lowered = String::new();
    for raw in line.split_whitespace() {
        let after_end = prev_end;
        prev_end = raw.ends_with(['.', '!', '?', ':', ';', '"', '\'', '”', '’', '»']);
        if after_end {
            continue;
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        lowered.clear();
        if w.is_ascii() {
            lowered.push_str(w);
            lowered.make_ascii_lowercase();
        } else {
            lowered.extend(w.chars().flat_map(char::to_lowercase));
        }
        if !stopwords.contains(lowered.as_str()) {
            continue;
        }
        if first.is_uppercase() {
            upper += 1;
        } else if first.is_lowercase() {
            lower += 1;
        }
    }
    upper >= 2 && upper > lower
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::stopwords;

    #[test]
    fn stopwords_are_counted_among_the_tokens() {
        let en = stopwords::for_lang("en").unwrap();
        let mut buf = String::new();
        assert_eq!(
            count_stopwords(
                "The U.S. economy grew 2.1% in the quarter, and it's the best since 2018.",
                en,
                &mut buf
            ),
            (17, 6)
        );
        let ru = stopwords::for_lang("ru").unwrap();
        assert_eq!(
            count_stopwords("Президент заявил, что он не поедет.", ru, &mut buf),
            (6, 3)
        );
    }

    #[test]
    fn closing_quotes_end_sentences_in_several_styles() {
        for line in [
            "“We will not stop until the job is done,” the minister said. “Never.”",
            "Er sagte: „Wir machen weiter.“",
            "Il a déclaré : « Nous continuerons. »",
            "She called it ‘the best day of my life.’",
        ] {
            assert!(line.trim_end().ends_with(SENTENCE_END), "{line}");
        }
    }

    #[test]
    fn links_are_measured() {
        assert!(link_density("see https://example.com/a/b") > 0.5);
        assert!(link_density("mail me at a@b.org") > 0.3);
        assert_eq!(
            link_density("The U.S. economy grew 2.1% in the quarter."),
            0.0
        );
    }

    #[test]
    fn title_case_needs_capitalized_function_words() {
        let en = stopwords::for_lang("en").unwrap();
        assert!(is_title_case(
            "Police Arrest Two Men After Death Of A Student",
            en
        ));
        assert!(!is_title_case(
            "Police arrested two men after the death of a student.",
            en
        ));
        // Capitals after a sentence end do not count.
        assert!(!is_title_case(
            "He left. The rest of the team stayed. In the end it rained.",
            en
        ));
    }
}
