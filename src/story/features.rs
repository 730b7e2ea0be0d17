//! The evidence the story stage keeps per document (the text itself is dropped):
//! anchor features (cross-language) and content-word features (same language).

use xxhash_rust::xxh3::xxh3_64;

use super::anchors;
use crate::script::is_unspaced;
use crate::tokenize::for_each_token;

/// A feature hash. 32 bits halve the memory of 64: with a million documents
/// and a million distinct words, about a hundred pairs of rare words collide,
/// which only merges their weights.
pub type Feature = u32;

/// Fold a 64-bit hash to a [`Feature`]: its high half, so the smallest
/// features are the smallest hashes (the bottom-k word sample is the same).
#[inline]
pub fn fold(h: u64) -> Feature {
    (h >> 32) as Feature
}

/// What the story stage knows about one document.
#[derive(Debug, Clone, Default)]
pub struct StoryFeatures {
    /// Sorted, distinct anchor hashes (numbers, names, skeletons).
    pub anchors: Vec<Feature>,
    /// The subset of `anchors` guessed from words of uncased scripts (Arabic,
    /// Hebrew, Devanagari, Hangul…), where every word is a candidate name.
    pub guessed: Vec<Feature>,
    /// Sorted, distinct content-word hashes, salted with the language so they
    /// only ever match documents of the same language.
    pub words: Vec<Feature>,
    /// Per entry of `words`: its count in the document (saturating at 255).
    pub word_counts: Vec<u8>,
    /// The years the text mentions, 1950–2077, as bits (bit `y − 1950`).
    pub years: Years,
    /// The days the text names, and its weekdays ([`super::dates`]).
    pub dates: super::dates::Dates,
}

/// A set of years as bits: bit `y − FIRST_YEAR` for year `y`.
pub type Years = u128;

/// The first year of [`Years`] (its range covers modern news: 1950–2077).
pub const FIRST_YEAR: u32 = 1950;

/// The years among a document's numbers (`anchors::numbers` form).
pub fn year_bit(number: &str) -> Years {
    match number.parse::<u32>() {
        Ok(y) if (FIRST_YEAR..FIRST_YEAR + 128).contains(&y) && number.len() == 4 => {
            1 << (y - FIRST_YEAR)
        }
        _ => 0,
    }
}

/// Words shorter than this (in characters) carry no topic.
const MIN_WORD_CHARS: usize = 3;

/// Content words kept per document: the `WORD_SAMPLE` smallest hashes, a
/// consistent sample (bottom-k sketch) — a word kept in one document is kept in
/// every document that has it among its own smallest hashes, so overlaps survive
/// while memory per document stays bounded.
pub const WORD_SAMPLE: usize = 256;

/// Extract the features of a cleaned document.
pub fn extract(text: &str, lang: &str) -> StoryFeatures {
    let mut words = WordSampler::new(lang);
    let mut buf = String::new();
    for_each_token(text, &mut buf, |t| words.push(t, xxh3_64(t.as_bytes())));
    extract_with_words(text, words)
}

/// [`extract`], the content words already sampled (by a caller that
/// tokenizes the text anyway, for shingles).
pub fn extract_with_words(text: &str, words: WordSampler) -> StoryFeatures {
    let mut anchors_out = Vec::new();
    let mut guessed = Vec::new();
    let mut years: Years = 0;
    anchors::extract_with(text, &mut |kind, value, is_guess| {
        let f = anchors::feature(kind, value);
        anchors_out.push(f);
        if is_guess {
            guessed.push(f);
        }
        if kind == anchors::Kind::Number {
            years |= year_bit(value);
        }
    });
    anchors_out.sort_unstable();
    anchors_out.dedup();
    guessed.sort_unstable();
    guessed.dedup();
    // Kept for the whole run: no spare capacity.
    anchors_out.shrink_to_fit();
    guessed.shrink_to_fit();
    let (words, word_counts) = words.finish();
    StoryFeatures {
        anchors: anchors_out,
        guessed,
        words,
        word_counts,
        years,
        dates: Default::default(),
    }
}

/// Collects a document's content-word features from its tokens (as
/// [`for_each_token`] gives them, with their xxh3 hashes).
pub struct WordSampler {
    salt: u64,
    words: Vec<Feature>,
    prev_unspaced: Option<char>,
}

impl WordSampler {
    pub fn new(lang: &str) -> Self {
        WordSampler {
            salt: xxh3_64(lang.as_bytes()),
            words: Vec::new(),
            prev_unspaced: None,
        }
    }

    /// One token `t` and its hash `xxh3_64(t)`.
    pub fn push(&mut self, t: &str, hash: u64) {
        let mut chars = t.chars();
        let first = chars.next();
        let single = chars.next().is_none();
        match first {
            Some(c) if single && is_unspaced(c) => {
                // Unspaced scripts: character bigrams stand in for words.
                if let Some(p) = self.prev_unspaced {
                    let mut pair = [0u8; 8];
                    let a = p.encode_utf8(&mut pair[..4]).len();
                    let b = c.encode_utf8(&mut pair[4..]).len();
                    pair.copy_within(4..4 + b, a);
                    self.words.push(fold(xxh3_64(&pair[..a + b]) ^ self.salt));
                }
                self.prev_unspaced = Some(c);
            }
            _ => {
                self.prev_unspaced = None;
                if t.chars().count() >= MIN_WORD_CHARS
                    && !t.chars().all(crate::charclass::is_numeric)
                {
                    self.words.push(fold(hash ^ self.salt));
                }
            }
        }
    }

    /// The sorted, distinct bottom-[`WORD_SAMPLE`] sample, with the count of
    /// each sampled word in the document (term frequency, saturating at 255).
    pub fn finish(mut self) -> (Vec<Feature>, Vec<u8>) {
        self.words.sort_unstable();
        let mut words: Vec<Feature> = Vec::with_capacity(WORD_SAMPLE.min(self.words.len()));
        let mut counts: Vec<u8> = Vec::with_capacity(words.capacity());
        for w in self.words {
            if words.last() == Some(&w) {
                if let Some(c) = counts.last_mut() {
                    *c = c.saturating_add(1);
                }
            } else if words.len() == WORD_SAMPLE {
                break;
            } else {
                words.push(w);
                counts.push(1);
            }
        }
        (words, counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_only_match_within_a_language() {
        let en = extract("the bank raised rates", "en");
        let en2 = extract("rates were raised by the bank", "en");
        let de = extract("the bank raised rates", "de");
        let shared = en.words.iter().filter(|w| en2.words.contains(w)).count();
        assert_eq!(shared, 4); // the, bank, raised, rates
        let twice = extract("rates rates rates bank", "en");
        let counts: Vec<u8> = twice.word_counts.clone();
        assert_eq!(twice.words.len(), 2);
        assert_eq!(counts.iter().map(|&c| c as u32).sum::<u32>(), 4);
        assert!(counts.contains(&3));
        assert!(en.words.iter().all(|w| !de.words.contains(w)));
    }

    #[test]
    fn years_are_collected_as_bits() {
        let f = extract(
            "On 27 September 2020, 1,200 died; in 1994 and 2020 too.",
            "en",
        );
        assert_eq!(f.years, (1 << (2020 - 1950)) | (1 << (1994 - 1950)));
        assert_eq!(year_bit("1949"), 0);
        assert_eq!(year_bit("2077"), 1 << 127);
        assert_eq!(year_bit("2078"), 0);
        assert_eq!(year_bit("2020.5"), 0);
    }

    #[test]
    fn chinese_uses_character_bigrams() {
        let f = extract("北京天气", "zh");
        assert_eq!(f.words.len(), 3);
    }

    #[test]
    fn anchors_are_sorted_and_distinct() {
        let f = extract(
            "Aliyev met Cavusoglu in Baku. Aliyev said 1,200 died.",
            "en",
        );
        assert!(!f.anchors.is_empty());
        assert!(f.anchors.windows(2).all(|w| w[0] < w[1]));
    }
}
