//! Line classes, in the spirit of jusText: each measured line
//! ([`super::measure`]) is **good** (a paragraph), **near** (prose-like but
//! weaker), **short** or **bad**, by its length, its stopword density relative
//! to the document's own prose, its punctuation and its links.
//!
//! - **good**: at least [`GOOD_WORDS`] words, ending like a sentence (or at
//!   least [`LONG_WORDS`] words), relative stopword density at least
//!   [`GOOD_DENSITY`];
//! - **near**: relative density at least [`NEAR_DENSITY`] with a sentence end
//!   or [`GOOD_WORDS`] words, or a sentence of [`SENTENCE_WORDS`]+ words in
//!   the document's script;
//! - **short**: fewer than [`SHORT_WORDS`] words;
//! - **bad**: the rest, and lines made mostly of links, URLs, e-mail addresses
//!   and handles ([`MAX_LINK_DENSITY`]), Title Case headlines, cookie notices
//!   and newsletter prompts.
//!
//! Densities are relative: a line's stopword share is divided by the
//! document's reference (the weighted median over its long lines,
//! [`reference_density`]) and scaled to [`REFERENCE`], so that languages whose
//! function words are prefixes or particles (Hebrew, Arabic, Korean) are judged
//! against their own prose. A document whose language has no stopword list
//! counts every line as reference prose: length and punctuation decide.
//!
//! The thresholds were set by hand in the first version of the cleaner
//! (commit a7e06df), on extract-dev (both halves) and noisy-dev, starting from
//! jusText's defaults; where a constant has no other recorded reason, that is
//! its source.

use crate::script::{Script, main_script};

use super::measure::Features;
use super::stopwords::WordSet;

/// Fewer words than this: a short line (menu entries, labels, bylines).
pub const SHORT_WORDS: usize = 5;
/// A good line has at least this many words (jusText's `length_low` is 70
/// characters, about ten English words)…
pub const GOOD_WORDS: usize = 10;
/// …and ends like a sentence, or has at least this many (a paragraph the page
/// cut off, or written without final punctuation).
pub const LONG_WORDS: usize = 20;
/// A line of this many words ending like a sentence in the document's script
/// is at least near-good, whatever its stopwords (a stopword list misses
/// styles; a quote of eight words is prose, a menu is not a sentence).
pub const SENTENCE_WORDS: usize = 8;
/// Relative stopword density of a good line: 0.25 / [`REFERENCE`], five
/// eighths of the document's typical prose (jusText's absolute English
/// thresholds are 0.30 and 0.32).
pub const GOOD_DENSITY: f64 = 0.25;
/// Relative stopword density of a near-good line: half the document's
/// typical prose.
pub const NEAR_DENSITY: f64 = 0.2;
/// Densities are scaled so that the document's reference prose has this one,
/// about English prose's (the English list covers 0.385 of the words of
/// extract-dev's gold lines of 15+ words, weighted median), so the thresholds
/// read like absolute English ones.
pub const REFERENCE: f64 = 0.4;
/// Lines with at least this many words set the reference density (they are
/// nearly always the article's paragraphs, not menus or headlines).
pub const REFERENCE_WORDS: usize = 15;
/// Share of a line's bytes in link-like tokens above which it is bad
/// (jusText's `max_link_density` is 0.2 of the characters inside `<a>`; plain
/// text only shows the URLs and addresses themselves).
pub const MAX_LINK_DENSITY: f64 = 0.3;

/// What a line is, before context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Good,
    Near,
    Short,
    Bad,
}

/// The document-level context of classification.
pub struct Context<'a> {
    /// Stopwords of the document's language, if there is a list.
    pub stopwords: Option<&'a WordSet>,
    /// The document's main script ([`crate::script::main_script`]), if known.
    pub script: Option<Script>,
}

/// The document's reference stopword density: the median, weighted by words,
/// of the densities of its lines of at least [`REFERENCE_WORDS`] words, kept
/// within `[0.1, 0.5]` ([`REFERENCE`] when there are none).
pub fn reference_density(lines: impl IntoIterator<Item = Features>) -> f64 {
    let mut xs: Vec<(f64, usize)> = lines
        .into_iter()
        .filter(|f| f.words >= REFERENCE_WORDS)
        .map(|f| (f.stop_density, f.words))
        .collect();
    if xs.is_empty() {
        return REFERENCE;
    }
    xs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: usize = xs.iter().map(|x| x.1).sum();
    let mut acc = 0;
    for (density, words) in xs {
        acc += words;
        if 2 * acc >= total {
            return density.clamp(0.1, 0.5);
        }
    }
    REFERENCE
}

/// A stopword density relative to the document's `reference`, scaled to
/// [`REFERENCE`] (and capped at twice it).
pub fn relative_density(stop_density: f64, reference: f64) -> f64 {
    (stop_density / reference).min(2.0) * REFERENCE
}

/// Classify a measured line. `relative` is its stopword density scaled to the
/// document's reference; `same_script` whether it is written in the
/// document's script.
pub fn classify(f: &Features, relative: f64, same_script: bool) -> Class {
    if f.link_density > MAX_LINK_DENSITY {
        Class::Bad
    } else if f.words < SHORT_WORDS {
        Class::Short
    } else if f.title_case || f.cookie_notice || f.subscribe_prompt {
        Class::Bad
    } else if f.words >= GOOD_WORDS
        && (f.sentence || f.words >= LONG_WORDS)
        && relative >= GOOD_DENSITY
    {
        Class::Good
    } else if relative >= NEAR_DENSITY && (f.sentence || f.words >= GOOD_WORDS)
        || f.sentence && f.words >= SENTENCE_WORDS && same_script
    {
        Class::Near
    } else {
        Class::Bad
    }
}

/// The class of a measured line of `text` in the document `ctx`. The
/// document's script only matters for a sentence that would otherwise be bad.
pub fn class_of_line(text: &str, f: &Features, relative: f64, ctx: &Context) -> Class {
    let class = classify(f, relative, false);
    let same_script = || match ctx.script {
        Some(s) => main_script(text).is_none_or(|l| l == s),
        None => true,
    };
    if class == Class::Bad && f.sentence && f.words >= SENTENCE_WORDS && same_script() {
        classify(f, relative, true)
    } else {
        class
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::measure::features;
    use crate::normalize::stopwords;

    fn class_of(line: &str, lang: &str) -> Class {
        let stopwords = stopwords::for_lang(lang);
        let f = features(line, stopwords, &mut String::new());
        // As in a document whose reference prose is this line (or average
        // prose, for short lines).
        let reference = reference_density(std::iter::once(f));
        let relative = if stopwords.is_some() {
            relative_density(f.stop_density, reference)
        } else {
            REFERENCE
        };
        classify(&f, relative, true)
    }

    #[test]
    fn prose_is_good_in_several_languages() {
        for (lang, line) in [
            (
                "en",
                "The central bank raised interest rates by half a point on Tuesday to fight inflation, which is at a ten-year high.",
            ),
            (
                "de",
                "Die Zentralbank hat am Dienstag die Zinsen um einen halben Prozentpunkt erhöht, um die Inflation zu bekämpfen.",
            ),
            (
                "id",
                "Presiden Azerbaijan Ilham Aliyev mengatakan bahwa tidak ada alasan bagi Rusia untuk campur tangan dalam konflik itu.",
            ),
            (
                "ru",
                "Президент заявил в воскресенье, что у России нет причин вмешиваться в конфликт, который продолжается уже месяц.",
            ),
            (
                "ar",
                "قال الرئيس الأذربيجاني يوم الأحد إنه لا يوجد سبب لتدخل روسيا في النزاع الذي بدأ قبل شهر.",
            ),
            (
                "zh",
                "阿塞拜疆总统阿利耶夫周日表示，俄罗斯没有理由干预这场冲突，因为巴库并没有威胁亚美尼亚的领土。",
            ),
        ] {
            assert_eq!(class_of(line, lang), Class::Good, "{lang}: {line}");
        }
    }

    #[test]
    fn menus_links_and_headlines_are_not_good() {
        assert_eq!(class_of("Home", "en"), Class::Short);
        assert_eq!(class_of("Главная Новости", "ru"), Class::Short);
        assert_eq!(class_of("首页 新闻 体育", "zh"), Class::Short);
        assert_eq!(
            class_of(
                "Customers Leave Without Paying $690 Bill At Troy Steakhouse",
                "en"
            ),
            Class::Bad
        );
        assert_eq!(
            class_of(
                "Follow us: https://twitter.com/example https://facebook.com/example",
                "en"
            ),
            Class::Bad
        );
        assert_eq!(
            class_of(
                "Write to jane.doe@example.com or @janedoe for tips on this story",
                "en"
            ),
            Class::Bad
        );
        // A list of names without function words.
        assert_eq!(
            class_of(
                "Rolls-Royce SsangYong Subaru Suzuki Tata Toyota Volkswagen Volvo",
                "en"
            ),
            Class::Bad
        );
    }

    #[test]
    fn cookie_notices_and_newsletter_prompts_are_bad() {
        for line in [
            "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish.",
            "Stay up to date with Ascom. Subscribe to our newsletter.",
            "Suscríbete a nuestro boletín y recibe las noticias del día.",
            "Подпишитесь на рассылку, чтобы получать главные новости.",
        ] {
            assert_eq!(class_of(line, "en"), Class::Bad, "{line}");
        }
    }

    #[test]
    fn a_sentence_in_another_script_is_not_saved_by_its_punctuation() {
        // Eight words ending like a sentence, no stopwords of the list.
        let line = "Алиев Пашинян Степанакерт Баку Ереван Москва Анкара Тегеран.";
        let f = features(line, stopwords::for_lang("en"), &mut String::new());
        let ctx = |script| Context {
            stopwords: stopwords::for_lang("en"),
            script,
        };
        let relative = relative_density(f.stop_density, REFERENCE);
        assert_eq!(classify(&f, relative, false), Class::Bad);
        assert_eq!(
            class_of_line(line, &f, relative, &ctx(Some(Script::Cyrillic))),
            Class::Near
        );
        assert_eq!(
            class_of_line(line, &f, relative, &ctx(Some(Script::Latin))),
            Class::Bad
        );
    }
}
