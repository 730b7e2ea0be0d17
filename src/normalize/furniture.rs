//! Corpus-level boilerplate ("site furniture"): lines that repeat in several
//! documents that are *not* copies of one story — menus, headline lists,
//! newsletter and cookie prompts of one site.
//!
//! Pass 1 collects, per document, a [`LineProfile`]: for each distinct line its
//! key (a hash of the lower-cased line with digits folded, so "Nov. 20, 2019
//! 6:02 AM" matches "Nov. 21, 2019 7:15 AM"), its word count, whether it reads
//! as prose, and for long lines a *fuzzy key* (the smallest hash of its word
//! 3-shingles, which one replaced word rarely changes).
//!
//! A line seen in at least `min_docs` documents is a candidate. The documents
//! that share it are grouped into *families* of copies ([`are_copies`]: enough
//! of one's own text — lines that are not candidates — has fuzzy matches in the
//! other; an edited copy, with a word replaced in most lines, sentences dropped
//! and another site's wrapper, keeps them, while unrelated pages of one site
//! share only their template, never their own text). A line shared by fewer
//! than `min_docs` families is the story's own text and stays. Otherwise it is
//! furniture, with a bound on what furniture may take: a short line that does
//! not read as a sentence (a menu item, a headline of another page, a label)
//! goes wherever it stands; a prose line is only *repeated*: it goes when it
//! stands outside the document's article, never from inside it (a paragraph
//! reused in unrelated files is still article text where it appears).

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::tokenize::{for_each_token, word_count};

/// Lines with at least this many words get a fuzzy key and count in the
/// comparison of documents (menus and link lists, the bulk of a site's
/// furniture, stay out of it).
pub const LONG_LINE_WORDS: usize = 6;
/// Words per shingle of a fuzzy key: one replaced word spoils three shingles
/// of a line, not the line.
pub const SHINGLE_WORDS: usize = 3;
/// A document's own long lines count as evidence only from this many words on.
pub const MIN_OWN_WORDS: usize = 30;
/// Documents compared per candidate line.
pub const SAMPLE: usize = 8;
/// A line of at least this many words is prose.
pub const PROSE_WORDS: usize = 10;
/// A line ending a sentence with at least this many words is prose.
pub const SENTENCE_WORDS: usize = 3;

/// Settings of the corpus-level pass.
#[derive(Debug, Clone, Serialize)]
pub struct FurnitureConfig {
    /// Whether the pass runs at all.
    pub enabled: bool,
    /// A line must appear in at least this many families of copies to be furniture.
    pub min_docs: usize,
    /// Two documents are copies when at least this share (by words) of one's
    /// own long lines has a fuzzy match in the other: edited copies.
    pub edited_copy: f64,
    /// Two documents are also copies when at least this share of each one's
    /// long lines has a fuzzy match in the other: copies with little own text.
    pub shared_copy: f64,
}

impl Default for FurnitureConfig {
    fn default() -> Self {
        FurnitureConfig {
            enabled: true,
            min_docs: 3,
            edited_copy: 0.3,
            shared_copy: 0.8,
        }
    }
}

/// The key of a line: the xxh3 hash (as everywhere else in newsdedup) of the
/// line lower-cased, each run of digits folded to one `0`, so that "Updated
/// 10:42" and "Updated 9:05" are one line. The folded text goes through one
/// buffer per thread (no allocation per line).
pub fn line_key(line: &str) -> u64 {
    thread_local! {
        static FOLDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    FOLDED.with_borrow_mut(|folded| {
        folded.clear();
        let mut in_number = false;
        for c in line.chars() {
            let digit = if c.is_ascii() {
                c.is_ascii_digit()
            } else {
                crate::charclass::is_numeric(c)
            };
            if digit {
                if !in_number {
                    folded.push('0');
                }
                in_number = true;
                continue;
            }
            in_number = false;
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
            } else {
                folded.extend(c.to_lowercase());
            }
        }
        xxh3_64(folded.as_bytes())
    })
}

/// Characters that end a sentence (a closing quote or bracket after them is skipped).
const SENTENCE_END: &[char] = &[
    '.', '!', '?', '\u{2026}', '\u{3002}', '\u{FF01}', '\u{FF1F}', '\u{061F}', '\u{06D4}',
    '\u{0964}', '\u{0965}', '\u{104B}',
];

/// A line of prose, which furniture may only take from outside a document's
/// article: at least [`PROSE_WORDS`] words, or a sentence of at least
/// [`SENTENCE_WORDS`]; never a markdown link (a teaser or menu item).
pub fn is_prose_line(line: &str) -> bool {
    is_prose(line, word_count(line))
}

/// [`is_prose_line`] of a line of `words` words.
fn is_prose(line: &str, words: usize) -> bool {
    let line = line.trim();
    let bare = line.trim_start_matches(['*', '-', '•', '·', ' ', '#']);
    if bare.starts_with('[') && bare.contains("](") {
        return false;
    }
    let sentence = line
        .trim_end_matches([
            '"', '\'', '\u{201D}', '\u{2019}', '\u{00BB}', ')', '\u{300D}',
        ])
        .ends_with(SENTENCE_END);
    words >= PROSE_WORDS || (sentence && words >= SENTENCE_WORDS)
}

/// One distinct line of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineStat {
    pub key: u64,
    /// The smallest hash of the line's word 3-shingles (long lines only): two
    /// versions of a line with a word or two changed mostly keep it.
    pub fuzzy: u32,
    /// [`word_count`], saturated.
    pub words: u16,
    /// [`is_prose_line`].
    pub prose: bool,
}

impl LineStat {
    fn is_long(&self) -> bool {
        self.words as usize >= LONG_LINE_WORDS
    }
}

/// The lines of one document as the furniture pass sees them.
#[derive(Debug, Clone, Default)]
pub struct LineProfile {
    /// Distinct lines, sorted by key.
    pub lines: Vec<LineStat>,
}

impl LineProfile {
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        let mut words: Vec<u64> = Vec::new();
        let mut buf = String::new();
        for line in lines {
            let key = line_key(line);
            if !seen.insert(key) {
                continue;
            }
            let count = word_count(line);
            let fuzzy = if count >= LONG_LINE_WORDS {
                word_hashes(line, &mut buf, &mut words);
                words
                    .windows(SHINGLE_WORDS.min(words.len()).max(1))
                    .map(|w| (shingle_hash(w) >> 32) as u32)
                    .min()
                    .unwrap_or(0)
            } else {
                0
            };
            out.push(LineStat {
                key,
                fuzzy,
                words: count.min(u16::MAX as usize) as u16,
                prose: is_prose(line, count),
            });
        }
        out.sort_unstable();
        LineProfile { lines: out }
    }

    /// The fuzzy keys of the long lines, sorted.
    fn fuzzy_keys(&self) -> Vec<u32> {
        let mut keys: Vec<u32> = self
            .lines
            .iter()
            .filter(|l| l.is_long())
            .map(|l| l.fuzzy)
            .collect();
        keys.sort_unstable();
        keys
    }

    /// (words of long lines with a fuzzy match in `other`, words of long
    /// lines), over all long lines or only those that are not `shared`.
    fn matched_words(&self, other: &[u32], shared: Option<&FxHashSet<u64>>) -> (u64, u64) {
        let (mut matched, mut total) = (0u64, 0u64);
        for l in self.lines.iter().filter(|l| l.is_long()) {
            if shared.is_some_and(|s| s.contains(&l.key)) {
                continue;
            }
            total += l.words as u64;
            if other.binary_search(&l.fuzzy).is_ok() {
                matched += l.words as u64;
            }
        }
        (matched, total)
    }
}

/// xxh3 hashes of the tokens of `line` ([`for_each_token`]: lower-cased,
/// each character of an unspaced script a token), into `out`.
fn word_hashes(line: &str, buf: &mut String, out: &mut Vec<u64>) {
    out.clear();
    for_each_token(line, buf, |t| out.push(xxh3_64(t.as_bytes())));
}

/// The hash of a shingle of word hashes.
fn shingle_hash(words: &[u64]) -> u64 {
    let mut bytes = [0u8; 8 * SHINGLE_WORDS];
    for (chunk, w) in bytes.chunks_exact_mut(8).zip(words) {
        chunk.copy_from_slice(&w.to_le_bytes());
    }
    xxh3_64(&bytes[..8 * words.len().min(SHINGLE_WORDS)])
}

/// The repeated lines of a corpus and the verdict on each.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// Furniture wherever it appears: short non-sentence lines of unrelated documents.
    keys: FxHashSet<u64>,
    /// Prose lines of unrelated documents: furniture only outside a
    /// document's article.
    repeated: FxHashSet<u64>,
}

impl Furniture {
    /// Furniture wherever it appears.
    pub fn contains(&self, line: &str) -> bool {
        !self.keys.is_empty() && self.keys.contains(&line_key(line))
    }

    /// Furniture outside a document's article only.
    pub fn is_repeated(&self, line: &str) -> bool {
        !self.repeated.is_empty() && self.repeated.contains(&line_key(line))
    }

    /// `(contains, is_repeated)` of a line by its [`line_key`].
    pub fn lookup_key(&self, key: u64) -> (bool, bool) {
        if self.is_empty() {
            return (false, false);
        }
        (self.keys.contains(&key), self.repeated.contains(&key))
    }

    /// The furniture keys and the repeated keys, each sorted (what a state
    /// stores to find the documents a later corpus change touches).
    pub fn sorted_keys(&self) -> (Vec<u64>, Vec<u64>) {
        let sorted = |set: &FxHashSet<u64>| {
            let mut v: Vec<u64> = set.iter().copied().collect();
            v.sort_unstable();
            v
        };
        (sorted(&self.keys), sorted(&self.repeated))
    }

    pub fn len(&self) -> usize {
        self.keys.len() + self.repeated.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.repeated.is_empty()
    }

    /// Furniture from explicit verdicts: `keys` wherever they stand,
    /// `repeated` outside a document's article.
    pub fn from_keys(
        keys: impl IntoIterator<Item = u64>,
        repeated: impl IntoIterator<Item = u64>,
    ) -> Furniture {
        Furniture {
            keys: keys.into_iter().collect(),
            repeated: repeated.into_iter().collect(),
        }
    }

    /// Decide which repeated lines are furniture, from every document's profile.
    pub fn build(profiles: &[LineProfile], config: &FurnitureConfig) -> Furniture {
        let min = config.min_docs.max(2);
        if !config.enabled || profiles.len() < min {
            return Furniture::default();
        }
        // Document frequencies by sorting every (distinct-per-document) key:
        // parallel and cache-friendly where a hash map over tens of millions
        // of keys is neither.
        let mut all: Vec<u64> = profiles
            .par_iter()
            .flat_map_iter(|p| p.lines.iter().map(|l| l.key))
            .collect();
        all.par_sort_unstable();
        let candidates: FxHashSet<u64> = all
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() >= min)
            .map(|run| run[0])
            .collect();
        drop(all);
        // Postings of the candidates: (key, document, prose), sorted.
        let mut postings: Vec<(u64, u32, bool)> = profiles
            .par_iter()
            .enumerate()
            .flat_map_iter(|(doc, p)| {
                p.lines
                    .iter()
                    .filter(|l| candidates.contains(&l.key))
                    .map(move |l| (l.key, doc as u32, l.prose))
            })
            .collect();
        postings.par_sort_unstable();
        let runs: Vec<&[(u64, u32, bool)]> = postings.chunk_by(|a, b| a.0 == b.0).collect();
        // Lines with the same document set share one decision.
        let groups: Vec<u64> = runs
            .par_iter()
            .map(|run| {
                let bytes: Vec<u8> = run.iter().flat_map(|&(_, d, _)| d.to_le_bytes()).collect();
                xxh3_64(&bytes)
            })
            .collect();
        let mut representative: Vec<(u64, usize)> =
            groups.iter().enumerate().map(|(i, &g)| (g, i)).collect();
        representative.par_sort_unstable();
        representative.dedup_by_key(|r| r.0);
        let unrelated: FxHashMap<u64, bool> = representative
            .par_iter()
            .map(|&(group, i)| {
                let docs: Vec<u32> = runs[i].iter().map(|&(_, d, _)| d).collect();
                (group, families(profiles, &docs, &candidates, config) >= min)
            })
            .collect();
        let mut furniture = Furniture::default();
        for (run, group) in runs.iter().zip(&groups) {
            if !unrelated.get(group).copied().unwrap_or(false) {
                continue;
            }
            // The line reads as prose in most of its documents (a key folds
            // case and digits, so the texts may differ a little).
            let prose = run.iter().filter(|p| p.2).count() * 2 > run.len();
            if prose {
                furniture.repeated.insert(run[0].0);
            } else {
                furniture.keys.insert(run[0].0);
            }
        }
        furniture
    }
}

/// The number of families of copies among an evenly spaced sample of at most
/// [`SAMPLE`] of `docs`: each document joins the family of the first earlier
/// one it is a copy of ([`are_copies`]).
pub fn families(
    profiles: &[LineProfile],
    docs: &[u32],
    shared: &FxHashSet<u64>,
    config: &FurnitureConfig,
) -> usize {
    let step = docs.len().div_ceil(SAMPLE).max(1);
    let sample: Vec<(&LineProfile, Vec<u32>)> = docs
        .iter()
        .step_by(step)
        .take(SAMPLE)
        .map(|&d| {
            let p = &profiles[d as usize];
            (p, p.fuzzy_keys())
        })
        .collect();
    let mut family: Vec<usize> = Vec::with_capacity(sample.len());
    let mut count = 0;
    for (i, (a, fa)) in sample.iter().enumerate() {
        let joined = sample[..i]
            .iter()
            .position(|(b, fb)| are_copies(a, fa, b, fb, shared, config));
        match joined {
            Some(j) => family.push(family[j]),
            None => {
                family.push(count);
                count += 1;
            }
        }
    }
    count
}

/// Whether two documents are copies of one story, from their profiles and
/// their sorted fuzzy keys. Edited copies: enough of one's *own* long lines
/// (not `shared` by `min_docs` documents of the corpus: not a site's
/// template) have a fuzzy match in the other — unrelated pages of one site
/// share their template, never their own text. Copies with little own text
/// (exact copies, whose lines are all shared): most of each one's long lines
/// match in the other.
pub fn are_copies(
    a: &LineProfile,
    fa: &[u32],
    b: &LineProfile,
    fb: &[u32],
    shared: &FxHashSet<u64>,
    config: &FurnitureConfig,
) -> bool {
    let own = |p: &LineProfile, other: &[u32]| {
        let (matched, total) = p.matched_words(other, Some(shared));
        (total >= MIN_OWN_WORDS as u64).then(|| matched as f64 / total as f64)
    };
    if [own(a, fb), own(b, fa)]
        .into_iter()
        .flatten()
        .any(|s| s >= config.edited_copy)
    {
        return true;
    }
    let all = |p: &LineProfile, other: &[u32]| {
        let (matched, total) = p.matched_words(other, None);
        if total == 0 {
            0.0
        } else {
            matched as f64 / total as f64
        }
    };
    all(a, fb).min(all(b, fa)) >= config.shared_copy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(lines: &[&str]) -> LineProfile {
        LineProfile::from_lines(lines.iter().copied())
    }

    const BODY_A: &str =
        "The central bank raised interest rates by half a point on Tuesday to fight inflation.";
    const BODY_B: &str = "Heavy rain flooded hundreds of homes in the northern province over the weekend, officials said.";
    const BODY_C: &str = "Доходы компании выросли на двадцать процентов по сравнению с прошлым годом, сообщил директор.";
    const BODY_D: &str = "北京时间周二，国家统计局公布了最新的经济数据，显示工业生产继续增长。";

    #[test]
    fn site_menu_shared_by_unrelated_articles_is_furniture() {
        let site = [
            "Skip to main content",
            "Subscribe to our newsletter for daily news updates",
            "Nov. 20, 2019 6:02 AM EST",
        ];
        let docs: Vec<LineProfile> = [BODY_A, BODY_B, BODY_C, BODY_D]
            .iter()
            .map(|body| profile(&[site[0], site[1], body, site[2].replace("20", "21").as_str()]))
            .collect();
        let f = Furniture::build(&docs, &FurnitureConfig::default());
        assert!(f.contains("Skip to main content"));
        assert!(f.contains("Subscribe to our newsletter for daily news updates"));
        assert!(f.contains("Nov. 3, 2020 1:15 AM EST"), "digits are folded");
        assert!(!f.contains(BODY_A));
    }

    #[test]
    fn wire_story_republished_by_several_sites_is_kept() {
        let docs: Vec<LineProfile> = [
            "Site one header",
            "Другой сайт",
            "第三个网站",
            "Fourth site",
        ]
        .iter()
        .map(|header| profile(&[header, BODY_A, BODY_B]))
        .collect();
        let f = Furniture::build(&docs, &FurnitureConfig::default());
        assert!(!f.contains(BODY_A));
        assert!(!f.contains(BODY_B));
    }

    /// A wire story of several paragraphs (lines from different outlets'
    /// style: AP-like, Reuters-like, a regional daily).
    const STORY: [&str; 6] = [
        "Harbour bridge reopens after storm repairs",
        "The harbour bridge reopened to traffic on Monday morning, six weeks after a winter storm tore away part of its northern span.",
        "Engineers replaced four steel girders and resurfaced nearly two hundred metres of the deck, the transport authority said in a statement.",
        "The repairs cost about 14 million euros, well above the first estimate, because divers found more damage to the piers than expected.",
        "Ferry operators had added night crossings while the bridge was closed, and those extra services will end on Friday.",
        "Inspections of the bridge will now take place every three months instead of once a year, the statement added.",
    ];

    /// `STORY` with one word replaced in every paragraph (not the headline).
    fn edited(replacements: &[(&str, &str)]) -> Vec<String> {
        STORY
            .iter()
            .map(|l| {
                let mut l = l.to_string();
                for (from, to) in replacements {
                    l = l.replacen(from, to, 1);
                }
                l
            })
            .collect()
    }

    fn with_site(site: &[&str], body: &[String]) -> LineProfile {
        let mut lines: Vec<&str> = site.to_vec();
        lines.extend(body.iter().map(String::as_str));
        profile(&lines)
    }

    #[test]
    fn edited_copies_on_different_sites_keep_their_shared_lines() {
        let copies = [
            edited(&[
                ("Monday", "Sunday"),
                ("replaced", "swapped"),
                ("about", "roughly"),
                ("night", "late"),
                ("now", "from now"),
            ]),
            edited(&[
                ("morning", "evening"),
                ("Engineers", "Workers"),
                ("euros", "dollars"),
                ("Ferry", "Boat"),
                ("Inspections", "Checks"),
            ]),
            edited(&[
                ("winter", "spring"),
                ("nearly", "almost"),
                ("divers", "inspectors"),
                ("closed", "shut"),
                ("added", "said"),
            ]),
        ];
        let docs = [
            with_site(&["Coastal Daily", "Home", "Local news"], &copies[0]),
            with_site(&["NORTHSEA POST", "Opinion", "Log in"], &copies[1]),
            with_site(&["The Lowlands Courier", "Skip to content"], &copies[2]),
            with_site(&[], &edited(&[])),
        ];
        // The copies share no verbatim paragraph, only the headline.
        let f = Furniture::build(&docs, &FurnitureConfig::default());
        assert!(f.is_empty(), "{f:?}");
        assert!(!f.contains(STORY[0]));
        let families = families(
            &docs,
            &[0, 1, 2, 3],
            &[line_key(STORY[0])].into_iter().collect(),
            &FurnitureConfig::default(),
        );
        assert_eq!(families, 1);
    }

    #[test]
    fn most_lines_with_a_replaced_word_keep_their_fuzzy_key() {
        // One word replaced per line: the line's key changes, and its fuzzy
        // key (the smallest 3-shingle hash) survives unless that shingle held
        // the word — on about 3 in 20 lines of 20 words.
        let edits = [
            ("morning", "evening"),
            ("replaced", "swapped"),
            ("about", "roughly"),
            ("night", "late"),
            ("every", "each"),
        ];
        let mut kept = 0;
        for (line, (from, to)) in STORY[1..].iter().zip(edits) {
            let (a, b) = (profile(&[line]), profile(&[&line.replacen(from, to, 1)]));
            assert_ne!(a.lines[0].key, b.lines[0].key);
            kept += usize::from(a.lines[0].fuzzy == b.lines[0].fuzzy);
        }
        assert!(kept >= 4, "{kept} of 5");
        let zh = "北京时间周二，国家统计局公布了最新的经济数据，显示工业生产继续增长。";
        let zh_kept = [("周二", "周三"), ("最新", "最近"), ("继续", "持续")]
            .iter()
            .filter(|(from, to)| {
                profile(&[zh]).lines[0].fuzzy == profile(&[&zh.replace(from, to)]).lines[0].fuzzy
            })
            .count();
        assert!(zh_kept >= 2, "{zh_kept} of 3");
        // Unrelated lines do not share it.
        let fuzzy: FxHashSet<u32> = STORY[1..]
            .iter()
            .chain([BODY_A, BODY_B, BODY_C, BODY_D].iter())
            .map(|l| profile(&[l]).lines[0].fuzzy)
            .collect();
        assert_eq!(fuzzy.len(), 9);
    }

    #[test]
    fn unrelated_pages_of_one_site_lose_its_template_but_not_its_prose_inside_articles() {
        let site = [
            "Home",
            "Regional news",
            "Rail strike called off after late-night talks",
            "We use cookies to give you the best experience on our website. By continuing you agree to our cookie policy.",
        ];
        let docs: Vec<LineProfile> = [BODY_A, BODY_B, BODY_C, BODY_D]
            .iter()
            .map(|body| profile(&[site[0], site[1], site[2], body, site[3]]))
            .collect();
        let f = Furniture::build(&docs, &FurnitureConfig::default());
        // A teaser headline: furniture wherever it stands.
        assert!(f.contains(site[2]));
        // A sentence of prose: only outside a document's article.
        assert!(!f.contains(site[3]));
        assert!(f.is_repeated(site[3]));
        assert!(!f.contains(BODY_A) && !f.is_repeated(BODY_A));
    }

    #[test]
    fn a_paragraph_reused_in_unrelated_files_is_never_furniture_anywhere() {
        let reused = STORY[3];
        let docs = vec![
            profile(&[STORY[0], STORY[1], STORY[2], reused, STORY[4]]),
            profile(&[BODY_A, reused, BODY_B]),
            profile(&[BODY_C, reused]),
            profile(&[reused, BODY_D]),
        ];
        let f = Furniture::build(&docs, &FurnitureConfig::default());
        assert!(!f.contains(reused));
        assert!(f.is_repeated(reused), "shared by four unrelated files");
    }

    #[test]
    fn prose_lines_from_several_outlets() {
        for line in [
            "I had fun.",
            "\"We are providing consular assistance at this time.\"",
            "Die Regierung will das Gesetz noch vor der Sommerpause beschließen.",
            "Президент заявил в воскресенье, что у России нет причин вмешиваться.",
            "北京时间周二，国家统计局公布了最新的经济数据。",
            "Luck threw for 205 yards Sunday, and his touchdown pass gave the Colts the win",
        ] {
            assert!(is_prose_line(line), "{line}");
        }
        for line in [
            "Colts beat Chiefs 20-13 to clinch playoff berth",
            "Most read",
            "Rail strike called off after late-night talks",
            "[Deal Alert: Save $50 on wireless sport headphones with adjustable ear hooks](https://example.com/deal)",
            "Wetter | Verkehr | Sport | Kultur",
            "ニュース",
            "12/23/12 06:03 PM ET",
        ] {
            assert!(!is_prose_line(line), "{line}");
        }
    }

    #[test]
    fn below_min_docs_nothing_is_furniture() {
        let docs = vec![profile(&["Menu", BODY_A]), profile(&["Menu", BODY_B])];
        assert!(Furniture::build(&docs, &FurnitureConfig::default()).is_empty());
    }
}
