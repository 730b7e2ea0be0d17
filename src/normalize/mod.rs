//! Stage 2 — **normalize**: Unicode clean-up and boilerplate removal.
//!
//! A document goes through, top to bottom:
//! 1. [`unicode`]: NFKC, one kind of quote/dash/space, markdown links to text;
//! 2. [`rules`]: the rule table (bylines, credits, widgets, prompts…), whole
//!    lines or prefixes;
//! 3. repeated lines inside the document (captions printed twice);
//! 4. [`furniture`]: lines that repeat across unrelated documents of the corpus;
//! 5. [`select`]: the article is the run of lines with the best score, each
//!    line measured ([`measure`], [`prompts`]) and classed ([`classify`]) by
//!    its length, stopword density in the document's language ([`stopwords`]),
//!    punctuation and links, with section headers ([`sections`]) as extra
//!    evidence; what lies outside it (menus, link lists, comments, footers)
//!    goes, except its head: the title (and subtitle, standfirst, dateline)
//!    just above it.
//!
//! Everything removed is recorded with its [`Reason`].

pub mod classify;
pub mod furniture;
pub mod measure;
pub mod prompts;
pub mod rules;
pub mod sections;
pub mod select;
pub mod stopwords;
pub mod unicode;

use serde::Serialize;

use classify::Context;
pub use furniture::{Furniture, FurnitureConfig, LineProfile, LineStat};
pub use rules::Reason;
use select::{Item, Kind};

use crate::charclass::is_alphanumeric;
use crate::script::is_unspaced;
use crate::tokenize::word_count;

/// Settings of the normalizer.
#[derive(Debug, Clone, Serialize)]
pub struct NormalizeConfig {
    /// Documents with fewer words than this after cleaning are skipped.
    pub min_words: usize,
    /// Corpus-level furniture detection.
    pub furniture: FurnitureConfig,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig {
            min_words: 5,
            furniture: FurnitureConfig::default(),
        }
    }
}

/// Something the cleaner removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// 1-based line number in the input.
    pub line: usize,
    pub text: String,
    pub reason: Reason,
}

/// A line that survived the per-document rules.
#[derive(Debug, Clone)]
pub struct Line {
    pub number: usize,
    pub text: String,
    /// [`furniture::line_key`] of the input line (trimmed), as the corpus
    /// furniture pass saw it.
    pub key: u64,
}

/// The per-document part of cleaning: everything but corpus furniture and page edges.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub lines: Vec<Line>,
    pub removed: Vec<Removed>,
}

/// A cleaned document.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// First substantive line.
    pub title: String,
    /// The kept lines, in order.
    pub lines: Vec<String>,
    /// Per kept line: prose shared with unrelated documents of the corpus
    /// (article text where it stands, but no evidence of which story a
    /// document tells).
    pub shared: Vec<bool>,
    /// What was removed, in input order.
    pub removed: Vec<Removed>,
    /// Length in words (see [`word_count`]).
    pub words: usize,
    /// The language of the page's own prose, decided once, before selection.
    pub lang: crate::lang::LangTag,
}

impl Cleaned {
    /// The cleaned text, one kept line per line.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The kept lines that are the document's own (not [`Cleaned::shared`]).
    pub fn own_lines(&self) -> impl Iterator<Item = &str> {
        self.lines
            .iter()
            .zip(self.shared.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, shared)| !**shared)
            .map(|(l, _)| l.as_str())
    }
}

/// Apply Unicode normalization, the rule table and in-document repeat removal.
pub fn prepare(text: &str) -> Prepared {
    let mut prepared = Prepared::default();
    let mut buf = String::new();
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        unicode::normalize_line(raw, &mut buf);
        if buf.is_empty() || !buf.chars().any(is_alphanumeric) {
            continue;
        }
        if let Some(reason) = rules::match_line(&buf) {
            prepared.removed.push(Removed {
                line: number,
                text: buf.clone(),
                reason,
            });
            continue;
        }
        let mut kept = buf.as_str();
        if let Some((reason, end)) = rules::strip_prefix(kept) {
            prepared.removed.push(Removed {
                line: number,
                text: kept[..end].trim_end().to_string(),
                reason,
            });
            kept = &kept[end..];
        }
        prepared.lines.push(Line {
            number,
            text: kept.to_string(),
            key: furniture::line_key(raw.trim()),
        });
    }
    remove_repeats(&mut prepared);
    prepared
}

/// Adjacent copies of a line (a caption printed under and over a photo) are all
/// dropped; a later copy of an earlier line is dropped, the first kept.
fn remove_repeats(p: &mut Prepared) {
    let keys: Vec<u64> = p.lines.iter().map(|l| l.key).collect();
    let mut first_seen: rustc_hash::FxHashMap<u64, usize> = Default::default();
    let mut drop = vec![false; keys.len()];
    for (i, key) in keys.iter().enumerate() {
        if i > 0 && keys[i - 1] == *key {
            drop[i] = true;
            drop[i - 1] = true;
        } else if first_seen.contains_key(key) {
            drop[i] = true;
        }
        first_seen.entry(*key).or_insert(i);
    }
    if !drop.iter().any(|d| *d) {
        return;
    }
    let lines = std::mem::take(&mut p.lines);
    for (line, dropped) in lines.into_iter().zip(drop) {
        if dropped {
            p.removed.push(Removed {
                line: line.number,
                text: line.text,
                reason: Reason::RepeatedLine,
            });
        } else {
            p.lines.push(line);
        }
    }
}

/// The furniture pass's view of a document: its input lines (trimmed) that
/// hold a letter or digit. Cheap (no Unicode normalization, no rules), so the
/// pass costs little more than reading; [`Line::key`] ties them to the lines
/// that [`prepare`] keeps.
pub fn profile(text: &str) -> LineProfile {
    LineProfile::from_lines(
        text.lines()
            .map(str::trim)
            .filter(|l| l.chars().any(is_alphanumeric)),
    )
}

/// Finish cleaning: drop corpus furniture, find the article among the page's
/// lines ([`select`]), pick the title.
pub fn finish(p: Prepared, furniture: Option<&Furniture>) -> Cleaned {
    finish_bounded(p, furniture, true)
}

/// Finish cleaning text that an HTML extractor already cut to the article:
/// the rules and corpus furniture apply, the article selection does not.
pub fn finish_extracted(p: Prepared, furniture: Option<&Furniture>) -> Cleaned {
    finish_bounded(p, furniture, false)
}

/// Corpus furniture never takes a document's article: when it would leave
/// fewer than this many words of a document that, cleaned alone, keeps at
/// least this many words of prose, the document is cleaned alone.
pub const MIN_ARTICLE_WORDS: usize = 50;

fn finish_bounded(p: Prepared, furniture: Option<&Furniture>, select: bool) -> Cleaned {
    let (mut touched, mut repeated) = (false, false);
    if let Some(f) = furniture {
        for l in &p.lines {
            let (key, rep) = f.lookup_key(l.key);
            touched |= key || rep;
            repeated |= rep;
        }
    }
    if !touched {
        return finish_with(p, None, select, None);
    }
    // Prose shared with unrelated documents is article text where the
    // document, cleaned alone, has its article: furniture takes it only
    // outside that span (a mosaic of reused paragraphs has no other text).
    // Only where the document has too little prose of its own to show
    // where its article is (on a site's pages, prose around the article
    // that the page shares with its other pages is the site's).
    let own_prose: usize = p
        .lines
        .iter()
        .filter(|l| furniture.is_some_and(|f| f.lookup_key(l.key) == (false, false)))
        .filter(|l| furniture::is_prose_line(&l.text))
        .map(|l| word_count(&l.text))
        .sum();
    let repeated = repeated && own_prose < MIN_ARTICLE_WORDS;
    let alone = repeated.then(|| finish_with(p.clone(), None, select, None));
    let span = alone.as_ref().and_then(|a| article_span(&p, a));
    let cleaned = finish_with(p.clone(), furniture, select, span);
    if cleaned.words >= MIN_ARTICLE_WORDS {
        return cleaned;
    }
    let alone = alone.unwrap_or_else(|| finish_with(p, None, select, None));
    let prose: usize = alone
        .lines
        .iter()
        .filter(|l| furniture::is_prose_line(l))
        .map(|l| word_count(l))
        .sum();
    if prose >= MIN_ARTICLE_WORDS {
        alone
    } else {
        cleaned
    }
}

/// The first and last input line numbers that `alone` (the document cleaned
/// without corpus furniture) kept of `p`.
fn article_span(p: &Prepared, alone: &Cleaned) -> Option<(usize, usize)> {
    let edge: rustc_hash::FxHashSet<usize> = alone
        .removed
        .iter()
        .filter(|r| r.reason == Reason::PageEdge)
        .map(|r| r.line)
        .collect();
    let mut kept = p
        .lines
        .iter()
        .map(|l| l.number)
        .filter(|n| !edge.contains(n));
    let first = kept.next()?;
    Some((first, kept.next_back().unwrap_or(first)))
}

/// `article`: the span of input lines where prose shared with unrelated
/// documents counts as the document's own (see [`finish_bounded`]).
fn finish_with(
    mut p: Prepared,
    furniture: Option<&Furniture>,
    select: bool,
    article: Option<(usize, usize)>,
) -> Cleaned {
    let all = std::mem::take(&mut p.lines);
    let lookups: Vec<(bool, bool)> = all
        .iter()
        .map(|l| furniture.map_or((false, false), |f| f.lookup_key(l.key)))
        .collect();
    let in_article = |n: usize| article.is_some_and(|(a, b)| (a..=b).contains(&n));
    let kinds: Vec<Kind> = all
        .iter()
        .zip(&lookups)
        .map(|(l, lookup)| match lookup {
            (true, _) => Kind::Furniture,
            (false, true) if !in_article(l.number) => Kind::Repeated,
            _ => Kind::Own,
        })
        .collect();

    // The page in input order: kept lines and whole lines removed by the rules
    // (a stripped dateline shares its number with the kept rest of its line).
    p.removed.sort_by_key(|r| r.line);
    let mut items: Vec<Item> = Vec::with_capacity(all.len() + p.removed.len());
    let mut line_of_item: Vec<Option<usize>> = Vec::with_capacity(items.capacity());
    let (mut i, mut r) = (0, 0);
    while i < all.len() || r < p.removed.len() {
        let take_removed =
            r < p.removed.len() && (i == all.len() || p.removed[r].line < all[i].number);
        if take_removed {
            let removed = &p.removed[r];
            r += 1;
            if i < all.len() && removed.line == all[i].number {
                continue;
            }
            items.push(Item {
                text: &removed.text,
                kind: Kind::Removed(removed.reason),
            });
            line_of_item.push(None);
        } else {
            if r < p.removed.len() && p.removed[r].line == all[i].number {
                r += 1;
            }
            items.push(Item {
                text: &all[i].text,
                kind: kinds[i],
            });
            line_of_item.push(Some(i));
            i += 1;
        }
    }

    let sample = language_sample(&all, &kinds);
    let lang = crate::lang::detect(&sample);
    let ctx = Context {
        stopwords: stopwords::covering_list(&sample, lang.code),
        script: crate::script::main_script(&sample),
    };
    let selection = if select {
        select::select(&items, &ctx)
    } else {
        None
    };

    let mut keep = vec![false; all.len()];
    let title_index = match selection {
        Some((start, end)) => {
            for line in line_of_item[start..=end].iter().flatten() {
                keep[*line] = kinds[*line] != Kind::Furniture;
            }
            // The title: in the head above the article (its title, subtitle,
            // standfirst, byline, date), the first of at most two adjacent
            // headlines closest to the article (or else the closest title-like
            // line). The head ends at a menu item, a section header or a line
            // of other documents; it is kept with the article.
            let (mut title, mut headlines) = (None, 0);
            for &l in line_of_item[..start]
                .iter()
                .rev()
                .flatten()
                .filter(|&&l| kinds[l] != Kind::Furniture)
                .take(TITLE_LOOKBACK)
            {
                let text = &all[l].text;
                if kinds[l] != Kind::Own
                    || sections::header(text).is_some()
                    || word_count(text) < MIN_HEAD_WORDS
                {
                    break;
                }
                if headlines > 0 && !is_headline(text) {
                    break;
                }
                if is_title_like(text) && (title.is_none() || is_headline(text)) {
                    title = Some(l);
                    if is_headline(text) {
                        headlines += 1;
                        if headlines == MAX_HEADLINES {
                            break;
                        }
                    }
                }
            }
            if let Some(t) = title {
                // The head between the title and the article stays with it.
                let first = line_of_item[start..].iter().flatten().next().copied();
                for k in t..first.unwrap_or(t + 1) {
                    keep[k] = kinds[k] == Kind::Own;
                }
                Some(t)
            } else {
                keep.iter().position(|&k| k)
            }
        }
        None => {
            for (k, kind) in keep.iter_mut().zip(&kinds) {
                *k = *kind != Kind::Furniture;
            }
            keep.iter().position(|&k| k)
        }
    };

    let mut cleaned = Cleaned::default();
    for (i, line) in all.into_iter().enumerate() {
        if keep[i] {
            if Some(i) == title_index {
                cleaned.title = title_text(&line.text);
            }
            cleaned.lines.push(line.text);
            cleaned.shared.push(lookups[i].1);
        } else {
            let reason = match kinds[i] {
                Kind::Furniture | Kind::Repeated => Reason::Furniture,
                _ => Reason::PageEdge,
            };
            p.removed.push(Removed {
                line: line.number,
                text: line.text,
                reason,
            });
        }
    }
    p.removed.sort_by_key(|r| r.line);
    cleaned.removed = p.removed;
    cleaned.words = cleaned.lines.iter().map(|l| word_count(l)).sum();
    cleaned.lang = lang;
    cleaned
}

/// How many lines before the article are searched for its title.
const TITLE_LOOKBACK: usize = 4;
/// A title and a subtitle.
const MAX_HEADLINES: usize = 2;
/// A line of fewer words ends the head above an article (a menu item).
const MIN_HEAD_WORDS: usize = 3;
/// Bytes of text used to choose the stopword list.
const LANGUAGE_SAMPLE_BYTES: usize = 2048;
/// Lines of at least this many bytes make the language sample.
const LANGUAGE_SAMPLE_LINE_BYTES: usize = 48;

/// The page's own longer lines (its prose, mostly), to choose the stopword
/// list; all its own lines when it has no long one.
fn language_sample(lines: &[Line], kinds: &[Kind]) -> String {
    let mut sample = String::new();
    for long_only in [true, false] {
        for (line, kind) in lines.iter().zip(kinds) {
            if sample.len() >= LANGUAGE_SAMPLE_BYTES {
                break;
            }
            if *kind == Kind::Own && (!long_only || line.text.len() >= LANGUAGE_SAMPLE_LINE_BYTES) {
                sample.push_str(&line.text);
                sample.push('\n');
            }
        }
        if !sample.is_empty() {
            break;
        }
    }
    sample
}

/// Clean one document on its own (no corpus furniture).
pub fn clean(text: &str) -> Cleaned {
    finish(prepare(text), None)
}

/// A line that can serve as a title: a few words, less than a third of them
/// numbers (a dateline or timestamp is not a title), not a label ending in
/// ':', not a bullet point.
fn is_title_like(line: &str) -> bool {
    let words = word_count(line);
    let unspaced = line.chars().any(is_unspaced);
    let (mut tokens, mut numbers) = (0, 0);
    let mut buf = String::new();
    crate::tokenize::for_each_token(line, &mut buf, |t| {
        tokens += 1;
        if t.chars().all(char::is_numeric) {
            numbers += 1;
        }
    });
    (words >= 3 || (unspaced && words >= 2))
        && words <= 40
        && 3 * numbers < tokens
        && !line.ends_with(':')
        && !line.starts_with(['•', '·', '*', '-', '–', '—', '>', '»', '▪', '◦', '‣'])
}

/// A headline rather than a standfirst: at most [`HEADLINE_WORDS`] words, not
/// ending with a full stop.
fn is_headline(line: &str) -> bool {
    word_count(line) <= HEADLINE_WORDS && !line.ends_with('.')
}

const HEADLINE_WORDS: usize = 15;

fn title_text(line: &str) -> String {
    const MAX: usize = 200;
    if line.len() <= MAX {
        return line.to_string();
    }
    let mut end = MAX;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let mut title = String::with_capacity(end + '…'.len_utf8());
    title.push_str(&line[..end]);
    title.push('…');
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_drops_boilerplate_and_finds_title() {
        let text = "Since 1975\n  • facebook\n\n# Quake hits the coast\n\nBy [AFP](#)\n\nMonday 3 May 2021\n\
            WELLINGTON (AFP) - A strong earthquake struck off the coast on Monday, officials said, \
            with no immediate reports of damage.\nThe quake had a magnitude of 6.1.\n\nMost Popular\nAFP\n";
        let c = clean(text);
        assert_eq!(c.title, "Quake hits the coast");
        assert_eq!(
            c.lines,
            [
                "Quake hits the coast",
                "A strong earthquake struck off the coast on Monday, officials said, with no immediate reports of damage.",
                "The quake had a magnitude of 6.1."
            ]
        );
        let reasons: Vec<Reason> = c.removed.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            [
                Reason::Tagline,
                Reason::ShareWidget,
                Reason::Byline,
                Reason::Timestamp,
                Reason::Dateline,
                Reason::Navigation,
                Reason::SignOff
            ]
        );
    }

    #[test]
    fn adjacent_caption_copies_are_dropped_later_copies_too() {
        let cap = "Officials inspect the damaged bridge in the capital on Monday (Reuters)";
        let body = "The bridge collapsed after days of heavy rain, the ministry of transport said on Monday.";
        let other =
            "Traffic was diverted to two other crossings while engineers assess the damage.";
        let c = clean(&format!("{cap}\n{cap}\n{body}\n{other}\n{body}\n"));
        assert_eq!(c.lines, [body, other]);
        assert_eq!(
            c.removed
                .iter()
                .filter(|r| r.reason == Reason::RepeatedLine)
                .count(),
            3
        );
    }

    #[test]
    fn non_latin_articles_survive_intact() {
        let ru = "Президент заявил в воскресенье, что у России нет причин вмешиваться в конфликт.\n\
                  Бои продолжаются уже больше месяца, сообщили обе стороны.";
        assert_eq!(clean(ru).lines.len(), 2);
        let zh =
            "阿塞拜疆总统阿利耶夫周日表示，俄罗斯没有理由干预这场冲突。\n战斗已经持续了一个多月。";
        assert_eq!(clean(zh).lines.len(), 2);
        let ar = "قال الرئيس الأذربيجاني يوم الأحد إنه لا يوجد سبب لتدخل روسيا في النزاع.";
        assert_eq!(clean(ar).lines, [ar]);
        let th = "ประธานาธิบดีอาเซอร์ไบจานกล่าวเมื่อวันอาทิตย์ว่าไม่มีเหตุผลที่รัสเซียจะเข้าแทรกแซงความขัดแย้ง";
        assert_eq!(clean(th).lines, [th]);
    }

    #[test]
    fn menus_link_lists_and_comments_around_the_article_go() {
        let text = "Home\nWorld\nBusiness\nSport\n\
            Central bank raises rates again\n\
            The central bank raised interest rates by half a point on Tuesday, its third increase this year, as it tries to bring inflation back to its target.\n\
            Economists had expected the move after figures last week showed that prices rose faster than at any time in the past decade.\n\
            The governor said the bank was ready to act again if needed, and that the labour market remained strong despite the increases.\n\
            Mortgage lenders are expected to pass the increase on to borrowers within days, adding to the pressure on households already struggling with higher bills.\n\
            Most Read\n\
            Storm leaves thousands without power\n\
            Heavy rain flooded hundreds of homes in the northern province over the weekend, officials said on Monday.\n\
            Team wins cup after dramatic final\n\
            3 Comments\n\
            jdoe\n\
            I think this is a really good decision and it should have been taken a long time ago by the bank.\n\
            anna\n\
            No it is not, they are going to make the situation worse for all of us who rent a flat in the city.\n\
            Contact\nPrivacy Policy\n";
        let c = clean(text);
        assert_eq!(c.title, "Central bank raises rates again");
        assert_eq!(c.lines.len(), 5, "{:#?}", c.lines);
        assert!(c.lines[4].starts_with("Mortgage lenders"));
        assert!(
            c.removed
                .iter()
                .any(|r| r.reason == Reason::PageEdge && r.text.starts_with("I think"))
        );
    }

    #[test]
    fn non_latin_pages_lose_their_menus() {
        let ar = "الرئيسية\nأخبار\nرياضة\n\
            قال الرئيس الأذربيجاني يوم الأحد إنه لا يوجد سبب لتدخل روسيا في النزاع الذي بدأ قبل شهر.\n\
            وأضاف أن بلاده مستعدة لاستخدام كل الوسائل لاستعادة الأراضي إذا فشلت المحادثات مع أرمينيا.\n\
            اتصل بنا\nسياسة الخصوصية\n";
        let c = clean(ar);
        assert_eq!(c.lines.len(), 2, "{:#?}", c.lines);
        let ja = "ホーム\nニュース\nスポーツ\n\
            アリエフ大統領、ロシアの介入は不要と発言\n\
            アゼルバイジャンのアリエフ大統領は日曜日、ロシアがこの紛争に介入する理由はないと述べた。\n\
            戦闘は一か月以上続いており、双方の死者は千二百人を超えたと報じられている。\n\
            関連記事\nお問い合わせ\n";
        let c = clean(ja);
        assert_eq!(c.title, "アリエフ大統領、ロシアの介入は不要と発言");
        assert_eq!(c.lines.len(), 3, "{:#?}", c.lines);
    }

    #[test]
    fn furniture_never_takes_a_documents_article() {
        let article = "Parliament passed the budget on Thursday after a debate that lasted through the night.\n\
            The opposition voted against it, saying the tax increases would hurt small businesses in the countryside.\n\
            The finance minister said the new rules would take effect in January and promised a review after one year.\n\
            Economists expect the measures to reduce the deficit by about one percentage point of output next year.";
        let alone = finish(prepare(article), None);
        assert!(alone.words >= MIN_ARTICLE_WORDS, "{}", alone.words);
        // Even if every line were furniture, the article cleaned alone comes back.
        let every_line = Furniture::from_keys(article.lines().map(furniture::line_key), []);
        let c = finish(prepare(article), Some(&every_line));
        assert_eq!(c.lines, alone.lines);
        // A short page made only of furniture is not brought back.
        let menu =
            "Weather Traffic Local Sports Business\nCity Council Schools Police Courts Elections";
        let menu_keys = Furniture::from_keys(menu.lines().map(furniture::line_key), []);
        assert_eq!(finish(prepare(menu), Some(&menu_keys)).words, 0);
    }

    #[test]
    fn shared_prose_inside_the_article_stays_and_is_marked_shared() {
        let own = [
            "Parliament passed the budget on Thursday after a debate that lasted through the night.",
            "The opposition voted against it, saying the tax increases would hurt small businesses in the countryside.",
        ];
        let reused = [
            "Heavy rain flooded hundreds of homes in the northern province over the weekend, officials said on Monday.",
            "The finance minister said the new rules would take effect in January and promised a review after one year.",
            "Economists expect the measures to reduce the deficit by about one percentage point of output next year.",
        ];
        let outside = "We use cookies to give you the best experience on our website, and by continuing you agree.";
        let page = format!(
            "{}\n{}\n{}\n{}\n{}\nHome\nNews\nSport\nContact\n{outside}\n",
            reused[0], own[0], reused[1], own[1], reused[2]
        );
        let alone = finish(prepare(&page), None);
        assert_eq!(alone.lines.len(), 5, "{:#?}", alone.lines);
        let f = Furniture::from_keys(
            [],
            reused
                .iter()
                .chain([&outside])
                .map(|l| furniture::line_key(l)),
        );
        let c = finish(prepare(&page), Some(&f));
        assert_eq!(c.lines, alone.lines);
        assert_eq!(c.shared, [true, false, true, false, true]);
    }

    #[test]
    fn furniture_lines_are_removed_when_given() {
        let docs = [
            "Menu\nThe central bank raised interest rates by half a point on Tuesday to fight inflation.",
            "Menu\nHeavy rain flooded hundreds of homes in the northern province over the weekend, officials said.",
            "Menu\nДоходы компании выросли на двадцать процентов по сравнению с прошлым годом, сообщил директор.",
        ];
        // "Menu" is also a navigation rule; use a neutral line instead.
        let docs: Vec<String> = docs
            .iter()
            .map(|d| d.replace("Menu", "Local Weather Traffic Sports"))
            .collect();
        let profiles: Vec<LineProfile> = docs.iter().map(|d| profile(d)).collect();
        let f = Furniture::build(&profiles, &FurnitureConfig::default());
        let c = finish(prepare(&docs[0]), Some(&f));
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.removed[0].reason, Reason::Furniture);
    }
}
