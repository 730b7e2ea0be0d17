//! Stage 2 — **normalize**: Unicode clean-up and boilerplate removal.
//!
//! A document goes through, top to bottom:
//! 1. [`unicode`]: NFKC, one kind of quote/dash/space, markdown links to text;
//! 2. [`rules`]: the rule table (bylines, credits, widgets, prompts…), whole
//!    lines or prefixes;
//! 3. repeated lines inside the document (captions printed twice);
//! 4. [`furniture`]: lines that repeat across unrelated documents of the corpus;
//! 5. page edges: runs of short, non-prose lines before the first and after the
//!    last paragraph of prose (a title just before the article is kept).
//!
//! Everything removed is recorded with its [`Reason`].

pub mod furniture;
pub mod rules;
pub mod unicode;

use std::collections::HashMap;

use serde::Serialize;

pub use furniture::{Furniture, FurnitureConfig, LineProfile};
pub use rules::Reason;

use crate::tokenize::{is_unspaced, word_count};

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
    /// What was removed, in input order.
    pub removed: Vec<Removed>,
    /// Length in words (see [`word_count`]).
    pub words: usize,
}

impl Cleaned {
    /// The cleaned text, one kept line per line.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// Apply Unicode normalization, the rule table and in-document repeat removal.
pub fn prepare(text: &str) -> Prepared {
    let mut prepared = Prepared::default();
    let mut buf = String::new();
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        unicode::normalize_line(raw, &mut buf);
        if buf.is_empty() || !buf.chars().any(|c| c.is_alphanumeric()) {
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
        });
    }
    remove_repeats(&mut prepared);
    prepared
}

/// Adjacent copies of a line (a caption printed under and over a photo) are all
/// dropped; a later copy of an earlier line is dropped, the first kept.
fn remove_repeats(p: &mut Prepared) {
    let keys: Vec<u64> = p
        .lines
        .iter()
        .map(|l| furniture::line_key(&l.text))
        .collect();
    let mut first_seen: HashMap<u64, usize> = HashMap::new();
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

/// The furniture pass's view of a prepared document.
pub fn profile(p: &Prepared) -> LineProfile {
    LineProfile::from_lines(p.lines.iter().map(|l| l.text.as_str()))
}

/// Finish cleaning: drop corpus furniture and page edges, pick the title.
pub fn finish(mut p: Prepared, furniture: Option<&Furniture>) -> Cleaned {
    let all = std::mem::take(&mut p.lines);
    let repeated: Vec<bool> = all
        .iter()
        .map(|l| furniture.is_some_and(|f| f.is_repeated(&l.text)))
        .collect();
    // The core: from the first to the last prose line that is the document's own.
    let own_prose = |i: usize| !repeated[i] && is_prose(&all[i].text);
    let core = (0..all.len())
        .find(|&i| own_prose(i))
        .zip((0..all.len()).rev().find(|&i| own_prose(i)));
    let mut lines = Vec::with_capacity(all.len());
    for (i, line) in all.into_iter().enumerate() {
        let outside_core = repeated[i] && core.is_some_and(|(first, last)| i < first || i > last);
        if outside_core || furniture.is_some_and(|f| f.contains(&line.text)) {
            p.removed.push(Removed {
                line: line.number,
                text: line.text,
                reason: Reason::Furniture,
            });
        } else {
            lines.push(line);
        }
    }
    let prose: Vec<bool> = lines.iter().map(|l| is_prose(&l.text)).collect();
    let mut keep = vec![true; lines.len()];
    let mut title_index = None;
    if let (Some(first), Some(last)) = (
        prose.iter().position(|&g| g),
        prose.iter().rposition(|&g| g),
    ) {
        // The title: the closest title-like line before the first paragraph.
        title_index = (0..first).rev().find(|&i| is_title_like(&lines[i].text));
        for (i, k) in keep.iter_mut().enumerate().take(first) {
            *k = Some(i) == title_index;
        }
        for k in keep.iter_mut().skip(last + 1) {
            *k = false;
        }
        if title_index.is_none() {
            title_index = Some(first);
        }
    } else if !lines.is_empty() {
        title_index = Some(0);
    }
    let mut cleaned = Cleaned::default();
    for (i, (line, kept)) in lines.into_iter().zip(keep).enumerate() {
        if kept {
            if Some(i) == title_index {
                cleaned.title = title_text(&line.text);
            }
            cleaned.lines.push(line.text);
        } else {
            p.removed.push(Removed {
                line: line.number,
                text: line.text,
                reason: Reason::PageEdge,
            });
        }
    }
    p.removed.sort_by_key(|r| r.line);
    cleaned.removed = p.removed;
    cleaned.words = cleaned.lines.iter().map(|l| word_count(l)).sum();
    cleaned
}

/// Clean one document on its own (no corpus furniture).
pub fn clean(text: &str) -> Cleaned {
    finish(prepare(text), None)
}

const SENTENCE_END: &[char] = &[
    '.', '!', '?', '"', '\'', ')', '\u{3002}', '\u{FF01}', '\u{FF1F}', '\u{061F}', '\u{06D4}',
    '\u{0964}', '\u{0965}', '\u{104B}', '\u{2026}', ':', ';',
];

/// A paragraph of prose: long, or a full sentence of a few words.
pub fn is_prose(line: &str) -> bool {
    let words = word_count(line);
    words >= 10 || (words >= 5 && line.trim_end().ends_with(SENTENCE_END))
}

/// A line that can serve as a title: a few words, not a label ending in ':'.
fn is_title_like(line: &str) -> bool {
    let words = word_count(line);
    let unspaced = line.chars().any(is_unspaced);
    (words >= 3 || (unspaced && words >= 2)) && words <= 40 && !line.ends_with(':')
}

fn title_text(line: &str) -> String {
    const MAX: usize = 200;
    if line.len() <= MAX {
        return line.to_string();
    }
    let mut end = MAX;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &line[..end])
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
        let profiles: Vec<LineProfile> = docs.iter().map(|d| profile(&prepare(d))).collect();
        let f = Furniture::build(&profiles, &FurnitureConfig::default());
        let c = finish(prepare(&docs[0]), Some(&f));
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.removed[0].reason, Reason::Furniture);
    }
}
