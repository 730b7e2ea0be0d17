//! Finding the article among the lines of a page, in the spirit of jusText:
//! each line is classified by its length, its stopword density (relative to
//! the document's own prose), its punctuation and its links; a few kinds of
//! lines carry extra evidence (section headers, rule matches, corpus
//! repeats); then the article is the contiguous run of lines with the largest
//! total score (Kadane's maximum subarray), so that short lines between good
//! paragraphs stay while menus, link lists and footers at the page edges go.
//!
//! Line classes (see [`Class`]):
//! - **good**: a paragraph: at least [`GOOD_WORDS`] words, ending like a
//!   sentence (or at least [`LONG_WORDS`] words), with a stopword density at
//!   least [`GOOD_DENSITY`];
//! - **near**: prose-like but weaker: density at least [`NEAR_DENSITY`], or a
//!   sentence of [`SENTENCE_WORDS`]+ words in the document's script;
//! - **short**: fewer than [`SHORT_WORDS`] words;
//! - **bad**: the rest, and lines made mostly of links, URLs, e-mail addresses
//!   and handles ([`MAX_LINK_DENSITY`]), Title Case headlines and cookie
//!   notices.
//!
//! Densities are relative: a line's stopword share is divided by the
//! document's reference (the weighted median over its long lines, see
//! [`reference_density`]) and scaled to [`REFERENCE`], so that languages whose
//! function words are prefixes or particles (Hebrew, Arabic, Korean) are judged
//! against their own prose. Languages without a list count every line as
//! average prose and are judged by length and punctuation.
//!
//! Scores (words are [`word_count`]s): good `words - GOOD_OFFSET`, halved when
//! no adjacent line is good or near (a lone paragraph between links is likely
//! a teaser); near `0`; short `-SHORT_COST`; bad `-(BAD_COST + BAD_PER_WORD *
//! words)`; a line removed by the rule table `-RULE_COST` (plus
//! `TIMESTAMP_COST` for timestamps and bylines, which separate the items of
//! link lists); a furniture line `-FURNITURE_COST`; a section or comment header
//! `-HEADER_COST`. Once a header follows [`TAIL_AFTER_WORDS`] words of good
//! lines, what comes after it counts for less ([`TAIL_FACTOR`], or
//! [`COMMENTS_FACTOR`] after a comment header): related links and comments
//! below an article often hold as much prose as the article itself. A line
//! repeated in other documents of the corpus never scores above zero (the
//! page's own text decides where the article is: site boilerplate is shared
//! too), but is kept inside it (a wire paragraph shared by several sites).
//! Short and bad lines after a line ending in `:` are list items and score
//! zero.
//!
//! After the best run is found it is extended over adjacent sentences (lines
//! ending like a sentence or cut after a comma, not links or headlines: the
//! page's own, or good lines it shares with other documents), skipping
//! rule-removed lines.
//!
//! The stopword list is the one that covers most words of the page's longer
//! lines ([`super::stopwords::best_list`]).

use crate::script::{Script, main_script};
use crate::tokenize::{for_each_token, word_count};

use super::rules::Reason;
use super::sections::{self, Header};
use super::stopwords::WordSet;

/// Fewer words than this: a short line.
pub const SHORT_WORDS: usize = 5;
/// A good line has at least this many words…
pub const GOOD_WORDS: usize = 10;
/// …and ends like a sentence, or has at least this many.
pub const LONG_WORDS: usize = 20;
/// A line of this many words ending like a sentence in the document's script
/// is at least near-good, whatever its stopwords.
pub const SENTENCE_WORDS: usize = 8;
/// Relative stopword density of a good line.
pub const GOOD_DENSITY: f64 = 0.25;
/// Relative stopword density of a near-good line.
pub const NEAR_DENSITY: f64 = 0.2;
/// Densities are scaled so that the document's reference prose has this one.
pub const REFERENCE: f64 = 0.4;
/// Lines with at least this many words set the reference density.
pub const REFERENCE_WORDS: usize = 15;
/// Share of a line's characters in links above which it is bad.
pub const MAX_LINK_DENSITY: f64 = 0.3;

/// Subtracted from a good line's words.
pub const GOOD_OFFSET: f64 = 2.0;
/// A good line without a good or near neighbour keeps this share of its words.
pub const ALONE_FACTOR: f64 = 0.5;
pub const SHORT_COST: f64 = 5.0;
pub const BAD_COST: f64 = 2.0;
pub const BAD_PER_WORD: f64 = 0.5;
pub const RULE_COST: f64 = 2.0;
pub const TIMESTAMP_COST: f64 = 4.0;
pub const FURNITURE_COST: f64 = 3.0;
pub const REPEATED_COST: f64 = 1.0;
pub const HEADER_COST: f64 = 30.0;
/// After a section or comment header that follows this many words of good
/// lines, the rest of the page is likely links and comments: its positive
/// scores are multiplied by [`TAIL_FACTOR`].
pub const TAIL_AFTER_WORDS: usize = 200;
pub const TAIL_FACTOR: f64 = 0.5;
/// The same after a comment header: comments are never the article.
pub const COMMENTS_FACTOR: f64 = 0.2;
/// A line ending in ':' with two to this many words opens a list (one word
/// and a colon is a form label: "Search:").
pub const LIST_INTRO_WORDS: usize = 25;
/// A list item that the article takes along has at least this many words (a
/// date and a place; one-word lines after a colon are menus and labels).
pub const LIST_ITEM_WORDS: usize = 2;

/// What a line is, before context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Good,
    Near,
    Short,
    Bad,
}

/// Where a line of the page stands before the article is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A line of this document.
    Own,
    /// Prose shared with unrelated documents of the corpus: furniture only
    /// outside the article.
    Repeated,
    /// Corpus furniture: removed wherever it is.
    Furniture,
    /// Removed by the rule table or as an in-document repeat.
    Removed(Reason),
}

/// One line of the page.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub text: &'a str,
    pub kind: Kind,
}

/// The document-level context of classification.
pub struct Context<'a> {
    /// Stopwords of the document's language, if there is a list.
    pub stopwords: Option<&'a WordSet>,
    /// The document's main script, if known.
    pub script: Option<Script>,
}

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

/// Measure a line.
pub fn features(line: &str, ctx: &Context, buf: &mut String) -> Features {
    let words = word_count(line);
    let (tokens, stops) = match ctx.stopwords {
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
        title_case: words >= SHORT_WORDS
            && ctx.stopwords.is_some_and(|list| is_title_case(line, list)),
        cookie_notice: is_cookie_notice(line, buf),
        subscribe_prompt: words <= PROMPT_WORDS && is_subscribe_prompt(line, buf),
    }
}

/// Words that name cookies in consent notices, in many languages.
pub const COOKIE_WORDS: &[&str] = &["cookie", "cookies", "куки"];
/// Words of consent notices next to the cookie word: the site, the browser,
/// privacy, consent, settings.
pub const CONSENT_WORDS: &[&str] = &[
    "website",
    "websites",
    "site",
    "sites",
    "web",
    "browser",
    "browsing",
    "experience",
    "consent",
    "privacy",
    "policy",
    "accept",
    "settings",
    "webseite",
    "seite",
    "datenschutz",
    "zustimmung",
    "einwilligung",
    "akzeptieren",
    "navigateur",
    "navigation",
    "consentement",
    "confidentialité",
    "accepter",
    "sitio",
    "navegador",
    "navegación",
    "consentimiento",
    "privacidad",
    "aceptar",
    "sito",
    "navigazione",
    "consenso",
    "accetta",
    "navegação",
    "privacidade",
    "aceitar",
    "strona",
    "stronie",
    "przeglądarki",
    "сайт",
    "сайта",
    "сайте",
    "браузера",
    "согласие",
    "конфиденциальности",
    "situs",
    "kebijakan",
    "privasi",
    "menerima",
];

/// A cookie or consent notice: a cookie word and a consent word in one line.
pub fn is_cookie_notice(line: &str, buf: &mut String) -> bool {
    // Cheap test first: almost no line mentions cookies.
    let ascii = line
        .as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"cookie"));
    if !ascii && !line.contains("уки") {
        return false;
    }
    let (mut cookie, mut consent) = (false, false);
    for_each_token(line, buf, |t| {
        cookie |= COOKIE_WORDS.contains(&t);
        consent |= CONSENT_WORDS.contains(&t);
    });
    cookie && consent
}

/// A subscription prompt has at most this many words (a longer paragraph
/// that mentions a newsletter is an article's).
pub const PROMPT_WORDS: usize = 40;

/// Words that name a newsletter or an inbox, in several languages (the
/// vocabulary of sign-up boxes on news sites: "Subscribe to our newsletter",
/// "Newsletter abonnieren", "Inscrivez-vous à notre infolettre",
/// "Suscríbete a nuestro boletín", "Подпишитесь на рассылку").
pub const NEWSLETTER_WORDS: &[&str] = &[
    "newsletter",
    "newsletters",
    "inbox",
    "nieuwsbrief",
    "nyhetsbrev",
    "infolettre",
    "boletín",
    "рассылку",
    "рассылка",
    "рассылки",
];
/// Words of the prompt next to the newsletter word: subscribe, sign up, get,
/// delivered.
pub const SUBSCRIBE_WORDS: &[&str] = &[
    "subscribe",
    "sign",
    "signup",
    "join",
    "get",
    "receive",
    "delivered",
    "abonnieren",
    "anmelden",
    "abonnez",
    "abonner",
    "inscrivez",
    "suscríbete",
    "suscribirse",
    "suscribete",
    "inscreva",
    "assine",
    "iscriviti",
    "aanmelden",
    "abonneer",
    "prenumerera",
    "подпишитесь",
    "подписаться",
];

/// Byte prefixes of [`NEWSLETTER_WORDS`] for the cheap test.
const NEWSLETTER_NEEDLES: &[&[u8]] = &[
    b"newsletter",
    b"inbox",
    b"nieuwsbrief",
    b"nyhetsbrev",
    b"infolettre",
    b"bolet",
];

/// A newsletter or subscription prompt: a newsletter word and a subscribe
/// word in one short line.
pub fn is_subscribe_prompt(line: &str, buf: &mut String) -> bool {
    // Cheap test first: almost no line mentions a newsletter.
    let b = line.as_bytes();
    let ascii = (0..b.len()).any(|i| {
        matches!(b[i] | 0x20, b'n' | b'i' | b'b')
            && NEWSLETTER_NEEDLES.iter().any(|n| {
                b.get(i..i + n.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(n))
            })
    });
    if !ascii && !line.contains("рассылк") {
        return false;
    }
    let (mut newsletter, mut subscribe) = (false, false);
    for_each_token(line, buf, |t| {
        newsletter |= NEWSLETTER_WORDS.contains(&t);
        subscribe |= SUBSCRIBE_WORDS.contains(&t);
    });
    newsletter && subscribe
}

/// Tokens of `line` (as [`for_each_token`] gives them) and how many of them
/// are stopwords. ASCII lines take a fast path.
pub fn count_stopwords(line: &str, list: &WordSet, buf: &mut String) -> (usize, usize) {
    let (mut tokens, mut stops) = (0usize, 0usize);
    if line.is_ascii() {
        let mut word = [0u8; 32];
        for raw in line.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
            if raw.is_empty() {
                continue;
            }
            tokens += 1;
            if raw.len() <= word.len() {
                let w = &mut word[..raw.len()];
                w.copy_from_slice(raw);
                w.make_ascii_lowercase();
                // ASCII bytes are valid UTF-8.
                if std::str::from_utf8(w).is_ok_and(|w| list.contains(w)) {
                    stops += 1;
                }
            }
        }
    } else {
        for_each_token(line, buf, |t| {
            tokens += 1;
            if list.contains(t) {
                stops += 1;
            }
        });
    }
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

/// The article: the inclusive range of `items` with the best total score, or
/// `None` when no run scores above zero.
pub fn select(items: &[Item], ctx: &Context) -> Option<(usize, usize)> {
    let mut buf = String::new();
    let feats: Vec<Option<Features>> = items
        .iter()
        .map(|it| match it.kind {
            Kind::Own | Kind::Repeated => Some(features(it.text, ctx, &mut buf)),
            _ => None,
        })
        .collect();
    let reference = if ctx.stopwords.is_some() {
        reference_density(
            items
                .iter()
                .zip(&feats)
                .filter(|(it, _)| it.kind == Kind::Own)
                .filter_map(|(_, f)| *f),
        )
    } else {
        REFERENCE
    };
    let headers: Vec<Option<Header>> = items.iter().map(|it| sections::header(it.text)).collect();
    let relative: Vec<f64> = feats
        .iter()
        .map(|f| match (f, ctx.stopwords) {
            (Some(f), Some(_)) => (f.stop_density / reference).min(2.0) * REFERENCE,
            _ => REFERENCE,
        })
        .collect();
    let classes: Vec<Option<Class>> = feats
        .iter()
        .zip(items)
        .zip(&relative)
        .map(|((f, it), &relative)| {
            let f = f.as_ref()?;
            // The script only matters for a sentence that would be bad.
            let class = classify(f, relative, false);
            let same_script = || match ctx.script {
                Some(s) => main_script(it.text).is_none_or(|l| l == s),
                None => true,
            };
            if class == Class::Bad && f.sentence && f.words >= SENTENCE_WORDS && same_script() {
                Some(classify(f, relative, true))
            } else {
                Some(class)
            }
        })
        .collect();

    let mut scores: Vec<f64> = Vec::with_capacity(items.len());
    // Words of good lines so far, and whether a header after enough of them
    // has ended the article's part of the page.
    let (mut good_words, mut tail) = (0usize, 1.0f64);
    for (i, it) in items.iter().enumerate() {
        let s = if headers[i].is_some() {
            -HEADER_COST
        } else {
            match (it.kind, classes[i], feats[i]) {
                (Kind::Removed(reason), _, _) => {
                    -RULE_COST
                        - if matches!(reason, Reason::Timestamp | Reason::Byline) {
                            TIMESTAMP_COST
                        } else {
                            0.0
                        }
                }
                (Kind::Furniture, _, _) => -FURNITURE_COST,
                (kind, Some(class), Some(f)) => {
                    let s = match class {
                        Class::Good => f.words as f64,
                        Class::Near => 0.0,
                        Class::Short => -SHORT_COST,
                        Class::Bad => -(BAD_COST + BAD_PER_WORD * f.words as f64),
                    };
                    match kind {
                        Kind::Repeated if s < 0.0 => s - REPEATED_COST,
                        Kind::Repeated => 0.0,
                        _ => s,
                    }
                }
                _ => 0.0,
            }
        };
        scores.push(if s > 0.0 { s * tail } else { s });
        if it.kind == Kind::Own && headers[i].is_none() && classes[i] == Some(Class::Good) {
            good_words += feats[i].map_or(0, |f| f.words);
        }
        if good_words >= TAIL_AFTER_WORDS {
            match headers[i] {
                Some(Header::Comments) => tail = tail.min(COMMENTS_FACTOR),
                Some(Header::Section) => tail = tail.min(TAIL_FACTOR),
                None => {}
            }
        }
    }

    // Context: a good line with no good or near neighbour (among the page's
    // own and repeated lines) is likely a teaser between links.
    let text_lines: Vec<usize> = (0..items.len())
        .filter(|&i| matches!(items[i].kind, Kind::Own | Kind::Repeated))
        .collect();
    let supported = |class: Option<Class>, i: usize| {
        headers[i].is_none() && matches!(class, Some(Class::Good | Class::Near))
    };
    for (j, &i) in text_lines.iter().enumerate() {
        if headers[i].is_some() || classes[i] != Some(Class::Good) || scores[i] <= 0.0 {
            continue;
        }
        let neighbour = [j.checked_sub(1), Some(j + 1)]
            .into_iter()
            .flatten()
            .filter_map(|k| text_lines.get(k))
            .any(|&k| supported(classes[k], k));
        if !neighbour {
            scores[i] *= ALONE_FACTOR;
        }
        scores[i] -= GOOD_OFFSET;
    }

    // Lists: short, bad and near lines after a line ending in ':' are its
    // items (tour dates, results, a programme). An item of at least
    // `LIST_ITEM_WORDS` words that is no headline or link follows the article
    // when the article reaches its list (`list_item`).
    let (mut in_list, mut along) = (false, false);
    let mut list_item = vec![false; items.len()];
    for i in 0..items.len() {
        match items[i].kind {
            Kind::Removed(_) if headers[i].is_none() => continue,
            Kind::Own if headers[i].is_none() => {}
            _ => {
                in_list = false;
                continue;
            }
        }
        if in_list && matches!(classes[i], Some(Class::Short | Class::Bad | Class::Near)) {
            scores[i] = scores[i].max(0.0);
            along &= feats[i].is_some_and(|f| {
                f.words >= LIST_ITEM_WORDS && !f.title_case && f.link_density <= MAX_LINK_DENSITY
            });
            list_item[i] = along;
            continue;
        }
        in_list = items[i].text.trim_end().ends_with(':')
            && feats[i].is_some_and(|f| (2..=LIST_INTRO_WORDS).contains(&f.words));
        along = in_list;
        if in_list {
            scores[i] = scores[i].max(0.0);
            list_item[i] = true;
        }
    }

    let (mut start, mut end) = max_subarray(&scores)?;

    // Extend over adjacent sentences of the page's own text.
    // (a line of the page's own, or a prose line it shares with other documents
    // of the corpus: wire copies share most of their paragraphs).
    let sentence_like = |i: usize| {
        // A line cut after a comma is the end of a sentence too.
        let sentence = feats[i].is_some_and(|f| {
            (f.sentence || items[i].text.ends_with(','))
                && f.link_density <= MAX_LINK_DENSITY
                && !f.title_case
        });
        headers[i].is_none()
            && sentence
            && match items[i].kind {
                Kind::Own => true,
                // In the page's language: not boilerplate in another one.
                Kind::Repeated => {
                    matches!(classes[i], Some(Class::Good | Class::Near))
                        && relative[i] >= NEAR_DENSITY
                }
                _ => false,
            }
    };
    let skippable = |i: usize| matches!(items[i].kind, Kind::Removed(_)) && headers[i].is_none();
    let mut j = end + 1;
    while j < items.len() {
        if sentence_like(j) || list_item[j] {
            end = j;
        } else if !skippable(j) {
            break;
        }
        j += 1;
    }
    let mut j = start;
    while j > 0 {
        j -= 1;
        if sentence_like(j) {
            start = j;
        } else if !skippable(j) {
            break;
        }
    }
    Some((start, end))
}

/// The inclusive range with the largest positive sum (the first of equals).
pub fn max_subarray(scores: &[f64]) -> Option<(usize, usize)> {
    let (mut best, mut best_range) = (0.0, None);
    let (mut current, mut from) = (0.0, 0);
    for (i, &s) in scores.iter().enumerate() {
        if current <= 0.0 {
            current = 0.0;
            from = i;
        }
        current += s;
        if current > best {
            best = current;
            best_range = Some((from, i));
        }
    }
    best_range
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::stopwords;

    fn ctx(lang: &str) -> Context<'static> {
        Context {
            stopwords: stopwords::for_lang(lang),
            script: None,
        }
    }

    fn class_of(line: &str, lang: &str) -> Class {
        let c = ctx(lang);
        let f = features(line, &c, &mut String::new());
        // As in a document whose reference prose is this line (or average
        // prose, for short lines).
        let reference = reference_density(std::iter::once(f));
        let relative = if c.stopwords.is_some() {
            (f.stop_density / reference).min(2.0) * REFERENCE
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
    fn cookie_notices_are_bad_in_several_languages() {
        for line in [
            "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish.",
            "Diese Webseite verwendet Cookies. Wenn Sie die Seite weiter nutzen, stimmen Sie der Verwendung von Cookies zu.",
            "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul nostro sito.",
            "Мы используем файлы cookie, чтобы улучшить работу сайта и ваш опыт.",
        ] {
            assert!(is_cookie_notice(line, &mut String::new()), "{line}");
        }
        // Cookies that are eaten.
        assert!(!is_cookie_notice(
            "The bakery sold more than 500 cookies on Saturday, the owner said.",
            &mut String::new()
        ));
    }

    #[test]
    fn subscription_prompts_are_bad_in_several_languages() {
        for line in [
            "Stay up to date with Ascom. Subscribe to our newsletter.",
            "Want more Rolling Stone? Sign up for our newsletter.",
            "Let our news meet your inbox. The news and stories that matter, delivered weekday mornings.",
            "Jetzt den Newsletter abonnieren und nichts mehr verpassen!",
            "Inscrivez-vous à notre infolettre pour recevoir nos articles.",
            "Suscríbete a nuestro boletín y recibe las noticias del día.",
            "Подпишитесь на рассылку, чтобы получать главные новости.",
        ] {
            assert!(is_subscribe_prompt(line, &mut String::new()), "{line}");
            assert_eq!(class_of(line, "en"), Class::Bad, "{line}");
        }
        // A sentence about a newsletter that asks nothing of the reader.
        assert!(!is_subscribe_prompt(
            "The newsletter, founded in 1998, has 40,000 readers, the editor said.",
            &mut String::new()
        ));
    }

    #[test]
    fn the_ascii_fast_path_counts_like_the_tokenizer() {
        let en = stopwords::for_lang("en").unwrap();
        let mut buf = String::new();
        for line in [
            "The U.S. economy grew 2.1% in the quarter, and it's the best since 2018.",
            "Don't-stop_believing: of THE it",
        ] {
            let mut slow = (0, 0);
            for_each_token(line, &mut buf, |t| {
                slow.0 += 1;
                if en.contains(t) {
                    slow.1 += 1;
                }
            });
            assert_eq!(count_stopwords(line, en, &mut buf), slow, "{line}");
        }
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

    fn own(text: &str) -> Item<'_> {
        Item {
            text,
            kind: Kind::Own,
        }
    }

    const P1: &str = "The central bank raised interest rates by half a point on Tuesday, its third increase this year, as it tries to bring inflation back to its target.";
    const P2: &str = "Economists had expected the move after figures last week showed that prices rose faster than at any time in the past decade.";
    const P3: &str = "The governor said the bank was ready to act again if needed, and that the labour market remained strong despite the increases.";

    #[test]
    fn menus_at_the_edges_go_short_lines_between_paragraphs_stay() {
        let items = [
            own("Home"),
            own("World"),
            own("Business"),
            own("Markets"),
            own("Bank raises rates again"),
            own(P1),
            own("Inflation at a ten-year high"),
            own(P2),
            own(P3),
            own("Sports"),
            own("Weather"),
            own("Contact"),
        ];
        let (a, b) = select(&items, &ctx("en")).unwrap();
        assert_eq!((a, b), (5, 8));
    }

    #[test]
    fn a_comment_section_header_ends_the_article() {
        let items = [
            own(P1),
            own(P2),
            own("12 Comments"),
            own("jdoe"),
            own(
                "I think this is a really good decision and it should have been taken a long time ago.",
            ),
            own("anna"),
            own("No it is not, they are going to make the situation worse for all of us who rent."),
        ];
        assert_eq!(select(&items, &ctx("en")), Some((0, 1)));
    }

    #[test]
    fn non_latin_articles_are_found() {
        let ru = [
            own("Главная"),
            own("Новости"),
            own(
                "Президент заявил в воскресенье, что у России нет причин вмешиваться в конфликт, который продолжается уже месяц.",
            ),
            own(
                "По словам президента, международные усилия по прекращению огня пока не принесли результата, и бои продолжаются.",
            ),
            own("Читайте также"),
            own("Контакты"),
        ];
        assert_eq!(select(&ru, &ctx("ru")), Some((2, 3)));
        let zh = [
            own("首页"),
            own(
                "阿塞拜疆总统阿利耶夫周日表示，俄罗斯没有理由干预这场冲突，因为巴库并没有威胁亚美尼亚的领土。",
            ),
            own(
                "自九月下旬以来，双方的战斗已经造成一千多人死亡，国际社会多次呼吁停火，但都没有成功。",
            ),
            own("相关新闻"),
            own("联系我们"),
        ];
        assert_eq!(select(&zh, &ctx("zh")), Some((1, 2)));
        // Thai has no stopword list: length and position decide.
        let th = [
            own("หน้าแรก"),
            own(
                "ประธานาธิบดีอาเซอร์ไบจานกล่าวเมื่อวันอาทิตย์ว่าไม่มีเหตุผลที่รัสเซียจะเข้าแทรกแซงความขัดแย้งในนากอร์โน-คาราบัค",
            ),
            own("ติดต่อเรา"),
        ];
        assert_eq!(select(&th, &ctx("th")), Some((1, 1)));
    }

    #[test]
    fn a_list_introduced_by_a_colon_stays_inside_the_article() {
        let items = [
            own(P1),
            own("The bank's new rates are:"),
            own("Base rate: 4.5%"),
            own("Deposit rate: 3.75%"),
            own("Lending rate: 5.25%"),
            own(P2),
            own(P3),
        ];
        assert_eq!(select(&items, &ctx("en")), Some((0, 6)));
    }

    #[test]
    fn a_list_that_ends_the_article_stays_with_it() {
        // Tour dates, results, a programme: items of a few words after a
        // colon, at the end of the article; one-word menu lines end the list.
        let items = [
            own(P1),
            own(P2),
            own("The band will play the following dates:"),
            own("June 9 - Coral Sky Amphitheatre, West Palm Beach, FL"),
            own("June 10 - Credit Union Amphitheatre, Tampa"),
            own("12 juin - Zénith, Paris"),
            own("Home"),
            own("Sports"),
        ];
        assert_eq!(select(&items, &ctx("en")), Some((0, 5)));
        // Headlines after a colon are no list of the article.
        let items = [
            own(P1),
            own(P2),
            own("Read these stories next:"),
            own("Police Arrest Two Men After The Death Of A Student"),
            own("Storm Leaves Thousands Without Power In The North"),
        ];
        assert_eq!(select(&items, &ctx("en")), Some((0, 2)));
    }

    #[test]
    fn repeated_lines_do_not_make_an_article_but_stay_inside_one() {
        let items = [
            Item {
                text: P3,
                kind: Kind::Repeated,
            },
            own("Menu"),
            own(P1),
            Item {
                text: P3,
                kind: Kind::Repeated,
            },
            own(P2),
        ];
        assert_eq!(select(&items, &ctx("en")), Some((2, 4)));
    }

    #[test]
    fn trailing_sentences_are_added() {
        let items = [
            own(P1),
            own(P2),
            own("It was the right call."),
            Item {
                text: "Advertisement",
                kind: Kind::Removed(Reason::Navigation),
            },
            own("Nobody expected it."),
            own("Share on Facebook"),
        ];
        assert_eq!(select(&items, &ctx("en")), Some((0, 4)));
    }

    #[test]
    fn max_subarray_picks_the_best_run() {
        assert_eq!(max_subarray(&[-1.0, 2.0, 3.0, -10.0, 4.0]), Some((1, 2)));
        assert_eq!(max_subarray(&[-1.0, 2.0, -1.0, 3.0]), Some((1, 3)));
        assert_eq!(max_subarray(&[-1.0, -2.0]), None);
        assert_eq!(max_subarray(&[]), None);
    }
}
