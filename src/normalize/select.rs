//! Choosing the article among the lines of a page: the contiguous run of
//! lines with the largest total score (Kadane's maximum subarray), so that
//! short lines between good paragraphs stay while menus, link lists, comments
//! and footers at the page's edges go. [`select`] runs five passes over the
//! lines:
//!
//! 1. **classes** ([`Lines::measure`]): each own or repeated line is measured
//!    and classed ([`super::classify`]); section and comment headers are
//!    recognized ([`super::sections`]).
//! 2. **scores** ([`line_scores`]):
//!    - a section or comment header: `-HEADER_COST`;
//!    - a line removed by the rule table or as an in-document repeat:
//!      `-RULE_COST`, and `-TIMESTAMP_COST` more for timestamps and bylines;
//!    - corpus furniture: `-FURNITURE_COST`;
//!    - an own line: good `words`, near `0`, short `-SHORT_COST`, bad
//!      `-(BAD_COST + BAD_PER_WORD × words)`;
//!    - a repeated line (prose shared with unrelated documents): `0` where an
//!      own line would score at least zero, else that score `- REPEATED_COST`
//!      (the page's own text decides where the article is; site boilerplate
//!      is shared too, but a wire paragraph shared by several sites is kept
//!      inside an article);
//!
//!    and positive scores are multiplied by the *tail factor*: `1`, then
//!    [`TAIL_FACTOR`] after a section header (or [`COMMENTS_FACTOR`] after a
//!    comment header) that follows [`TAIL_AFTER_WORDS`] words of good own
//!    lines: related links and comments below an article often hold as much
//!    prose as the article itself.
//! 3. **lone paragraphs** ([`discount_lone_paragraphs`]): a good line with a
//!    positive score is multiplied by [`ALONE_FACTOR`] when neither adjacent
//!    text line (own or repeated) is good or near (a teaser between links),
//!    then [`GOOD_OFFSET`] is subtracted. A good own line with a neighbour
//!    thus scores `words × tail − GOOD_OFFSET`.
//! 4. **lists** ([`mark_lists`]): an own line ending in `:` with 2 to
//!    [`LIST_INTRO_WORDS`] words opens a list; it and the short, near and bad
//!    own lines after it score at least zero (tour dates, results, a
//!    programme); rule-removed lines do not end the list, any other line
//!    does. The items, up to the first of fewer than [`LIST_ITEM_WORDS`]
//!    words or a headline or a link, go with the article when it reaches
//!    their intro.
//! 5. **best run and edges** ([`max_subarray`], [`extend`]): the best run is
//!    extended over adjacent sentences (lines ending like a sentence or cut
//!    after a comma, not links or headlines: the page's own, or good and near
//!    lines it shares with other documents, in the page's language) and,
//!    below it, over list items, skipping rule-removed lines.
//!
//! The costs were set by hand with the line classes (commit a7e06df) on
//! extract-dev (both halves) and noisy-dev; the list constants come from
//! commit 1f70853 (extract-dev token F1 up on both halves). Where a constant
//! has no other recorded reason, that is its source.

use super::classify::{
    Class, Context, MAX_LINK_DENSITY, NEAR_DENSITY, REFERENCE, class_of_line, reference_density,
    relative_density,
};
use super::measure::{Features, features};
use super::rules::Reason;
use super::sections::{self, Header};

/// Subtracted from a good line's score: short good lines (teasers of ten or
/// twelve words) weigh little against the costs around them.
pub const GOOD_OFFSET: f64 = 2.0;
/// A good line without a good or near neighbour keeps this share of its
/// score: a lone paragraph between links is likely a teaser.
pub const ALONE_FACTOR: f64 = 0.5;
/// A short line (a subheading, a menu entry): a subheading between paragraphs
/// is crossed, a menu of several entries is not.
pub const SHORT_COST: f64 = 5.0;
/// A bad line costs this plus [`BAD_PER_WORD`] per word: a long link list or
/// headline is stronger evidence of boilerplate than a short one.
pub const BAD_COST: f64 = 2.0;
pub const BAD_PER_WORD: f64 = 0.5;
/// A line removed by the rule table: small, since bylines, credits and
/// "Advertisement" lines sit inside articles too.
pub const RULE_COST: f64 = 2.0;
/// Added for timestamps and bylines, which separate the items of link lists
/// (teaser, date, teaser…).
pub const TIMESTAMP_COST: f64 = 4.0;
/// Corpus furniture: a site's template line, more telling than a rule match.
pub const FURNITURE_COST: f64 = 3.0;
/// Added to the cost of a repeated line: prose that unrelated pages share is
/// site text.
pub const REPEATED_COST: f64 = 1.0;
/// A section or comment header ("Related", "12 Comments") ends the article
/// unless much more article text follows (30: three good paragraphs).
pub const HEADER_COST: f64 = 30.0;
/// After a section or comment header that follows this many words of good
/// lines, the rest of the page is likely links and comments: its positive
/// scores are multiplied by [`TAIL_FACTOR`].
pub const TAIL_AFTER_WORDS: usize = 200;
/// Below such a header, prose counts half: related articles are prose too.
pub const TAIL_FACTOR: f64 = 0.5;
/// The same after a comment header: comments are never the article.
pub const COMMENTS_FACTOR: f64 = 0.2;
/// A line ending in ':' with two to this many words opens a list (one word
/// and a colon is a form label: "Search:").
pub const LIST_INTRO_WORDS: usize = 25;
/// A list item that the article takes along has at least this many words (a
/// date and a place; one-word lines after a colon are menus and labels).
pub const LIST_ITEM_WORDS: usize = 2;

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

/// The article: the inclusive range of `items` with the best total score, or
/// `None` when no run scores above zero.
pub fn select(items: &[Item], ctx: &Context) -> Option<(usize, usize)> {
    let lines = Lines::measure(items, ctx);
    let mut scores = line_scores(&lines);
    discount_lone_paragraphs(&lines, &mut scores);
    let list_item = mark_lists(&lines, &mut scores);
    let (start, end) = max_subarray(&scores)?;
    Some(extend(&lines, &list_item, start, end))
}

/// What the passes know about each line (pass 1).
struct Lines<'a> {
    items: &'a [Item<'a>],
    /// Measurements of own and repeated lines.
    feats: Vec<Option<Features>>,
    headers: Vec<Option<Header>>,
    /// Stopword density relative to the document's prose.
    relative: Vec<f64>,
    /// Classes of own and repeated lines.
    classes: Vec<Option<Class>>,
}

impl<'a> Lines<'a> {
    fn measure(items: &'a [Item<'a>], ctx: &Context) -> Lines<'a> {
        let mut buf = String::new();
        let feats: Vec<Option<Features>> = items
            .iter()
            .map(|it| match it.kind {
                Kind::Own | Kind::Repeated => Some(features(it.text, ctx.stopwords, &mut buf)),
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
        let headers = items.iter().map(|it| sections::header(it.text)).collect();
        let relative: Vec<f64> = feats
            .iter()
            .map(|f| match (f, ctx.stopwords) {
                (Some(f), Some(_)) => relative_density(f.stop_density, reference),
                _ => REFERENCE,
            })
            .collect();
        let classes = feats
            .iter()
            .zip(items)
            .zip(&relative)
            .map(|((f, it), &relative)| Some(class_of_line(it.text, f.as_ref()?, relative, ctx)))
            .collect();
        Lines {
            items,
            feats,
            headers,
            relative,
            classes,
        }
    }

    fn len(&self) -> usize {
        self.items.len()
    }
}

/// Pass 2: each line's score, with the tail factor.
fn line_scores(lines: &Lines) -> Vec<f64> {
    let mut scores: Vec<f64> = Vec::with_capacity(lines.len());
    // Words of good lines so far, and whether a header after enough of them
    // has ended the article's part of the page.
    let (mut good_words, mut tail) = (0usize, 1.0f64);
    for (i, it) in lines.items.iter().enumerate() {
        let header = lines.headers[i];
        let s = if header.is_some() {
            -HEADER_COST
        } else {
            line_score(it.kind, lines.classes[i], lines.feats[i])
        };
        scores.push(if s > 0.0 { s * tail } else { s });
        if it.kind == Kind::Own && header.is_none() && lines.classes[i] == Some(Class::Good) {
            good_words += lines.feats[i].map_or(0, |f| f.words);
        }
        if good_words >= TAIL_AFTER_WORDS {
            match header {
                Some(Header::Comments) => tail = tail.min(COMMENTS_FACTOR),
                Some(Header::Section) => tail = tail.min(TAIL_FACTOR),
                None => {}
            }
        }
    }
    scores
}

/// The score of a line that is no header, before context.
fn line_score(kind: Kind, class: Option<Class>, f: Option<Features>) -> f64 {
    match (kind, class, f) {
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
}

/// Pass 3: a good line with no good or near neighbour (among the page's own
/// and repeated lines) is likely a teaser between links.
fn discount_lone_paragraphs(lines: &Lines, scores: &mut [f64]) {
    let text_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(lines.items[i].kind, Kind::Own | Kind::Repeated))
        .collect();
    let supported = |i: usize| {
        lines.headers[i].is_none() && matches!(lines.classes[i], Some(Class::Good | Class::Near))
    };
    for (j, &i) in text_lines.iter().enumerate() {
        if lines.headers[i].is_some() || lines.classes[i] != Some(Class::Good) || scores[i] <= 0.0 {
            continue;
        }
        let neighbour = [j.checked_sub(1), Some(j + 1)]
            .into_iter()
            .flatten()
            .filter_map(|k| text_lines.get(k))
            .any(|&k| supported(k));
        if !neighbour {
            scores[i] *= ALONE_FACTOR;
        }
        scores[i] -= GOOD_OFFSET;
    }
}

/// Pass 4: short, bad and near lines after a line ending in ':' are its items
/// (tour dates, results, a programme) and score at least zero. Returns which
/// lines follow the article when it reaches their list: the intro and its
/// items of at least [`LIST_ITEM_WORDS`] words that are no headline or link,
/// up to the first that is not.
fn mark_lists(lines: &Lines, scores: &mut [f64]) -> Vec<bool> {
    let (mut in_list, mut along) = (false, false);
    let mut list_item = vec![false; lines.len()];
    for i in 0..lines.len() {
        let header = lines.headers[i];
        match lines.items[i].kind {
            Kind::Removed(_) if header.is_none() => continue,
            Kind::Own if header.is_none() => {}
            _ => {
                in_list = false;
                continue;
            }
        }
        let f = lines.feats[i];
        if in_list
            && matches!(
                lines.classes[i],
                Some(Class::Short | Class::Bad | Class::Near)
            )
        {
            scores[i] = scores[i].max(0.0);
            along &= f.is_some_and(|f| {
                f.words >= LIST_ITEM_WORDS && !f.title_case && f.link_density <= MAX_LINK_DENSITY
            });
            list_item[i] = along;
            continue;
        }
        in_list = lines.items[i].text.trim_end().ends_with(':')
            && f.is_some_and(|f| (2..=LIST_INTRO_WORDS).contains(&f.words));
        along = in_list;
        if in_list {
            scores[i] = scores[i].max(0.0);
            list_item[i] = true;
        }
    }
    list_item
}

/// Pass 5: the run `start..=end` extended over adjacent sentences of the
/// page's own text (a line of the page's own, or a prose line it shares with
/// other documents of the corpus: wire copies share most of their
/// paragraphs) and, below it, over list items; rule-removed lines are
/// skipped.
fn extend(lines: &Lines, list_item: &[bool], mut start: usize, mut end: usize) -> (usize, usize) {
    let items = lines.items;
    let sentence_like = |i: usize| {
        // A line cut after a comma is the end of a sentence too.
        let sentence = lines.feats[i].is_some_and(|f| {
            (f.sentence || items[i].text.ends_with(','))
                && f.link_density <= MAX_LINK_DENSITY
                && !f.title_case
        });
        lines.headers[i].is_none()
            && sentence
            && match items[i].kind {
                Kind::Own => true,
                // In the page's language: not boilerplate in another one.
                Kind::Repeated => {
                    matches!(lines.classes[i], Some(Class::Good | Class::Near))
                        && lines.relative[i] >= NEAR_DENSITY
                }
                _ => false,
            }
    };
    let skippable =
        |i: usize| matches!(items[i].kind, Kind::Removed(_)) && lines.headers[i].is_none();
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
    (start, end)
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
