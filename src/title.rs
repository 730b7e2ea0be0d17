//! Titles for people: a story's title is the best headline among its
//! documents, and page titles lose the site name they end with
//! ("… - Los Angeles Times", "… | TheHill").
//!
//! Two ways to recognise a site name: the page declares it (`og:site_name`,
//! [`strip_site_name`], used by the HTML extractor), or the same suffix ends the
//! titles of several different documents of the corpus
//! ([`strip_recurring_suffixes`], used when the report is built).

use std::collections::{BTreeMap, BTreeSet};

use crate::tokenize::word_count;

/// What separates a title from the site name after it.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " -- ", " :: ", " · ", " • ", " « ", " » ",
];

/// A site name is short: at most this many words…
const SUFFIX_MAX_WORDS: usize = 6;
/// …and this many bytes.
const SUFFIX_MAX_BYTES: usize = 60;
/// What is left of a title after stripping keeps at least this many words.
const HEAD_MIN_WORDS: usize = 2;
/// A suffix is a site name when it ends this many titles with different heads.
const RECURRING_MIN_TITLES: usize = 2;

/// `title` split at its last separator into (head, suffix), when the suffix is
/// short enough to be a site name and the head long enough to be a title.
fn split_suffix(title: &str) -> Option<(&str, &str)> {
    split_last(title).filter(|&(_, suffix)| {
        suffix.len() <= SUFFIX_MAX_BYTES && word_count(suffix) <= SUFFIX_MAX_WORDS
    })
}

/// `title` split at its last separator, when the head can be a title.
fn split_last(title: &str) -> Option<(&str, &str)> {
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, *sep)))
        .max_by_key(|&(at, _)| at)?;
    let head = title[..at].trim_end();
    let suffix = title[at + sep.len()..].trim();
    (!suffix.is_empty() && word_count(head) >= HEAD_MIN_WORDS).then_some((head, suffix))
}

/// Letters and digits, lower-cased: "SpaceNews.com" and "spacenews com" agree.
fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `title` without a trailing separator and `site` name (compared on letters
/// and digits, ignoring case; "Moneycontrol.com" matches the site
/// "Moneycontrol", "Live Science" matches "livescience.com").
pub fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let declared = site.map(str::trim).unwrap_or_default();
    let site = name_key(declared);
    if site.chars().count() < 2 {
        return title.to_string();
    }
    // The name itself may hold a separator ("Remember 80/90 - Memorabilia").
    for sep in SEPARATORS {
        let cut = title.len().checked_sub(sep.len() + declared.len());
        if let Some(at) = cut.filter(|&at| title.is_char_boundary(at)) {
            let tail = &title[at..];
            if tail.starts_with(sep) && tail[sep.len()..].eq_ignore_ascii_case(declared) {
                let head = title[..at].trim_end();
                if word_count(head) >= HEAD_MIN_WORDS {
                    return head.to_string();
                }
            }
        }
    }
    // A declared name is evidence enough: no length limit on the suffix.
    if let Some((head, suffix)) = split_last(title) {
        let suffix = name_key(suffix);
        let (short, long) = if suffix.len() <= site.len() {
            (&suffix, &site)
        } else {
            (&site, &suffix)
        };
        if !short.is_empty()
            && (short == long || (short.chars().count() >= 4 && long.starts_with(short.as_str())))
        {
            return head.to_string();
        }
    }
    title.to_string()
}

/// The titles with every site-name suffix removed: a suffix (after a
/// separator, at most a few words) that ends the titles of at least two
/// documents with different heads. Two rounds, for "Title | Section | Site".
pub fn strip_recurring_suffixes<'a>(titles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut titles: Vec<String> = titles.into_iter().map(str::to_string).collect();
    for _ in 0..2 {
        let mut heads: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for t in &titles {
            if let Some((head, suffix)) = split_suffix(t) {
                heads.entry(suffix).or_default().insert(head);
            }
        }
        let recurring: BTreeSet<String> = heads
            .into_iter()
            .filter(|(_, h)| h.len() >= RECURRING_MIN_TITLES)
            .map(|(s, _)| s.to_string())
            .collect();
        if recurring.is_empty() {
            break;
        }
        for t in &mut titles {
            let stripped = match split_suffix(t) {
                Some((head, suffix)) if recurring.contains(suffix) => Some(head.to_string()),
                _ => None,
            };
            if let Some(s) = stripped {
                *t = s;
            }
        }
    }
    titles
}

/// A headline is short…
const HEADLINE_MAX_WORDS: usize = 15;
/// …and fits on a line.
const HEADLINE_MAX_CHARS: usize = 110;
/// Longer than this, a title is a paragraph, not a title.
const TITLE_MAX_WORDS: usize = 30;

/// How much `title` reads like a headline: 3 a headline (a few words, not a
/// sentence ending in a full stop, not shouted in capitals, not cut off),
/// 2 a long title or a one-sentence lede, 1 anything else, 0 nothing.
pub fn headline_rank(title: &str) -> u8 {
    let title = title.trim();
    let words = word_count(title);
    if words == 0 {
        return 0;
    }
    let chars = title.chars().count();
    let letters = title.chars().filter(|c| c.is_alphabetic());
    let (mut cased, mut upper) = (0usize, 0usize);
    for c in letters {
        if c.is_lowercase() || c.is_uppercase() {
            cased += 1;
            upper += usize::from(c.is_uppercase());
        }
    }
    let shouted = cased >= 8 && upper == cased;
    let cut = title.ends_with('…') || title.ends_with("...");
    if (2..=HEADLINE_MAX_WORDS).contains(&words)
        && chars <= HEADLINE_MAX_CHARS
        && !title.ends_with('.')
        && !shouted
        && !cut
    {
        3
    } else if words <= TITLE_MAX_WORDS && !cut {
        2
    } else {
        1
    }
}

/// The best headline among `candidates`, given in order of preference: the
/// first one of [`headline_rank`] 3; without one, the shortest of the best rank
/// (the first of equal length). `""` when there is no title at all.
pub fn best_headline<'a>(candidates: impl IntoIterator<Item = &'a str>) -> &'a str {
    let mut best = ("", 0u8, usize::MAX);
    for c in candidates {
        let rank = headline_rank(c);
        if rank == 3 {
            return c;
        }
        let len = c.chars().count();
        if rank > best.1 || (rank == best.1 && rank > 0 && len < best.2) {
            best = (c, rank, len);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_site_name_is_stripped() {
        let t = "Disney+ glitches blamed on heavy demand says executive Kevin Mayer - Los Angeles Times";
        assert_eq!(
            strip_site_name(t, Some("Los Angeles Times")),
            "Disney+ glitches blamed on heavy demand says executive Kevin Mayer"
        );
        assert_eq!(
            strip_site_name(
                "Economy in stress; time to be careful? - Moneycontrol.com",
                Some("Moneycontrol")
            ),
            "Economy in stress; time to be careful?"
        );
        assert_eq!(
            strip_site_name(
                "A Man Develops 'Feather-Duvet Lung' | Live Science",
                Some("livescience.com")
            ),
            "A Man Develops 'Feather-Duvet Lung'"
        );
        assert_eq!(
            strip_site_name(
                "Kindle for PCを立ち上がらなくする方法 | ノート100YEN.com",
                Some("ノート100YEN.com")
            ),
            "Kindle for PCを立ち上がらなくする方法"
        );
        // Another suffix, or no declared name: unchanged.
        assert_eq!(
            strip_site_name(
                "商品の改造が商標法違反に！？ - 特許業務法人ライトハウス国際特許事務所",
                Some("特許業務法人ライトハウス国際特許事務所")
            ),
            "商品の改造が商標法違反に！？"
        );
        assert_eq!(
            strip_site_name(
                "Remake serie animata per Netflix - Remember 80/90 - Memorabilia anni 80/90",
                Some("Remember 80/90 - Memorabilia anni 80/90")
            ),
            "Remake serie animata per Netflix"
        );
        let other = "Star Wars Jedi: Fallen Order review - shoots for the moon";
        assert_eq!(strip_site_name(other, Some("VG247")), other);
        assert_eq!(strip_site_name(t, None), t);
    }

    #[test]
    fn suffix_recurring_across_titles_is_stripped() {
        let titles = [
            "Bike & Style book with soundtrack review | MoreBikes",
            "Clymer workshop manual review | MoreBikes",
            "Home Depot sales miss, shares plunge | Fox Business",
            "Woman Killed In Queens Hit - And - Run, Driver Charged",
            "Woman Killed In Queens Hit - And - Run, Driver Charged",
        ];
        let out = strip_recurring_suffixes(titles);
        assert_eq!(out[0], "Bike & Style book with soundtrack review");
        assert_eq!(out[1], "Clymer workshop manual review");
        // Once in the corpus: kept (it may be part of the title).
        assert_eq!(out[2], titles[2]);
        // The same title twice (a copy) is not a recurring suffix.
        assert_eq!(out[3], titles[3]);
    }

    #[test]
    fn section_and_site_are_stripped_in_two_rounds() {
        let titles = [
            "Plague case confirmed in China | Science | Express",
            "New comet found near Jupiter | Science | Express",
        ];
        let out = strip_recurring_suffixes(titles);
        assert_eq!(
            out,
            [
                "Plague case confirmed in China",
                "New comet found near Jupiter"
            ]
        );
    }

    #[test]
    fn a_headline_beats_a_lede() {
        let lede = "Being the heir to Peyton Manning in Indianapolis is heady stuff for a rookie taking the reins of a franchise that won twice.";
        let candidates = [
            lede,
            "Colts Clinch Playoff Spot with 20-13 Win Over Chiefs",
            "Luck leads Colts",
        ];
        assert_eq!(
            best_headline(candidates),
            "Colts Clinch Playoff Spot with 20-13 Win Over Chiefs"
        );
        assert_eq!(best_headline([lede]), lede);
        // No headline: the shortest of the ledes.
        let short = "The people of Turkmenistan have voted in a parliamentary election, the first since the death of the president in 2006.";
        assert_eq!(best_headline([lede, short]), short);
        assert_eq!(best_headline(["", ""]), "");
    }

    #[test]
    fn headline_rank_of_kinds_of_lines() {
        assert_eq!(headline_rank("Saints shut down Bush"), 3);
        assert_eq!(headline_rank("アリエフ大統領、ロシアの介入は不要と発言"), 3);
        assert_eq!(headline_rank("Well it's better late than never, Tara."), 2);
        assert_eq!(headline_rank("AND RUN ACCIDENT IN RICHMOND HILL QUEENS"), 2);
        assert_eq!(
            headline_rank("Cut off in the middle of a very long title…"),
            1
        );
        assert_eq!(headline_rank("   "), 0);
    }
}
