//! Deterministic synthetic news corpus for benchmarking near-duplicate detection.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --out DIR --n N [--seed S]
//! ```
//!
//! Writes `DIR/docs/<16 hex>.txt` (N articles) and `DIR/truth.json`.
//!
//! * Articles are 300-1,200 words of synthetic text: a generated lexicon of
//!   pseudo-words sampled with a Zipf (s = 1) distribution, per-article topic
//!   words, capitalized names, numbers in several formats, quotes.
//! * Languages/scripts: ~70% English-like (Latin), plus a Latin-with-diacritics
//!   language, a Cyrillic one, a Greek one and a CJK-like one (Han characters,
//!   no spaces between words; clauses end with `，` / `。`).
//! * Every article belongs to a "site" whose header and footer lines are shared
//!   by all of that site's articles.
//! * Near-duplicate families: an original plus 1-8 copies. A copy is either an
//!   exact byte copy, or a near copy planted at a target word-5-shingle Jaccard
//!   level (0.3 .. 0.95) by dropping / inserting / rewording sentences (and
//!   often moving to another site, with different boilerplate). After the copy
//!   is generated, its actual Jaccard with every other family member is
//!   computed and written to truth.json.
//! * Edited republications (the newsroom case: one wire story, several outlets):
//!   an original plus 2-5 copies, each on another site of the same language
//!   (a different header, footer and byline), with some sentences dropped
//!   (sometimes the tail too) and 1-2 words replaced in 60-90% of the lines
//!   (paragraphs), so that the copies share few verbatim lines.
//! * Paragraph reuse: groups of new, unrelated articles assembled from whole
//!   paragraphs of 3-5 earlier single articles ("sources"; each source is used
//!   by one group only) plus, in half of them, paragraphs of their own. Each
//!   reused paragraph recurs in about three files. Every pair of a group except
//!   source-source is written to truth.json (`reuse`) with its actual Jaccard
//!   and scored by it like the family pairs (no pair of files outside a group
//!   shares a reused paragraph).
//! * Some unrelated articles share a topic, names and a quoted sentence with
//!   other articles ("same story, different article"): hard negatives.
//!
//! Shingles are computed exactly as the benchmark defines them: the text is
//! lowercased, split on every character that is not alphanumeric (Unicode),
//! empty tokens are dropped, and a shingle is 5 consecutive tokens.
//!
//! Only std is used; the PRNG is splitmix64. Same seed → same corpus.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::exit;
use std::time::Instant;

const SHINGLE: usize = 5;
const LEVELS: [f64; 8] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
/// Probability that a new original article starts a near-duplicate family.
const FAMILY_P: f64 = 0.15;
/// Probability that a copy is an exact byte copy.
const EXACT_P: f64 = 0.12;
/// Probability that a new original starts an edited-republication family.
const EDITED_P: f64 = 0.10;
/// Probability that a step assembles a paragraph-reuse group.
const REUSE_P: f64 = 0.05;
/// Single articles kept per language as paragraph sources for reuse groups.
const POOL_MAX: usize = 48;
const GENERATOR: &str = "newsdedup examples/gen_corpus.rs v2";

// ---------------------------------------------------------------- PRNG ----

fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// splitmix64
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(mix64(seed ^ 0x5DEE_CE66_D1CE_4E5B))
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
    fn range(&mut self, lo: usize, hi_incl: usize) -> usize {
        lo + self.below(hi_incl - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn fork(&mut self) -> Rng {
        Rng::new(self.next_u64())
    }
}

// ------------------------------------------------------ tokens/shingles ----

fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &x in b {
        h ^= x as u64;
        h = h.wrapping_mul(0x0100_0000_01B3);
    }
    mix64(h)
}

/// Lowercase, split on non-alphanumeric chars, drop empties; push token hashes.
fn tokenize(text: &str, out: &mut Vec<u64>) {
    let mut buf = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            buf.extend(c.to_lowercase());
        } else if !buf.is_empty() {
            out.push(hash_bytes(buf.as_bytes()));
            buf.clear();
        }
    }
    if !buf.is_empty() {
        out.push(hash_bytes(buf.as_bytes()));
    }
}

fn fold(w: &[u64]) -> u64 {
    let mut h: u64 = 0x243F_6A88_85A3_08D3;
    for &t in w {
        h = mix64(h.rotate_left(7) ^ t);
    }
    h
}

/// Sorted, deduplicated shingle hashes of a token sequence.
fn shingles(toks: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = if toks.len() < SHINGLE {
        if toks.is_empty() {
            Vec::new()
        } else {
            vec![fold(toks)]
        }
    } else {
        toks.windows(SHINGLE).map(fold).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

// -------------------------------------------------------------- pieces ----

/// How a piece joins its neighbours when rendered in a spaced script.
#[derive(Clone, Copy, PartialEq)]
enum Glue {
    /// a word or number: spaces on both sides
    None,
    /// closing punctuation: no space before (`,` `.` `”` `%`)
    Left,
    /// opening punctuation: no space after (`“` `$`)
    Right,
}

/// Interned text pieces (words, numbers, punctuation).
///
/// Glued pieces are punctuation only (no alphanumeric chars), so in a spaced
/// script the tokens of a rendered piece sequence are the concatenation of the
/// pieces' own tokens, which are cached here (`tok_at[i]..tok_at[i + 1]`).
struct Pieces {
    text: Vec<String>,
    glue: Vec<Glue>,
    is_word: Vec<bool>,
    map: HashMap<String, u32>,
    toks: Vec<u64>,
    tok_at: Vec<usize>,
}

impl Pieces {
    fn new() -> Self {
        Pieces {
            text: Vec::new(),
            glue: Vec::new(),
            is_word: Vec::new(),
            map: HashMap::new(),
            toks: Vec::new(),
            tok_at: vec![0],
        }
    }
    fn get(&mut self, s: &str, glue: Glue) -> u32 {
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let id = self.text.len() as u32;
        self.text.push(s.to_string());
        self.glue.push(glue);
        let alnum = s.chars().any(|c| c.is_alphanumeric());
        assert!(
            glue == Glue::None || !alnum,
            "glued piece {s:?} must be punctuation"
        );
        self.is_word.push(glue == Glue::None && alnum);
        tokenize(s, &mut self.toks);
        self.tok_at.push(self.toks.len());
        self.map.insert(s.to_string(), id);
        id
    }
    fn word(&mut self, s: &str) -> u32 {
        self.get(s, Glue::None)
    }
    fn render(&self, ps: &[u32], spaced: bool, out: &mut String) {
        let mut prev_glues_right = true;
        for &p in ps {
            let p = p as usize;
            if spaced && !prev_glues_right && self.glue[p] != Glue::Left {
                out.push(' ');
            }
            out.push_str(&self.text[p]);
            prev_glues_right = self.glue[p] == Glue::Right;
        }
    }
}

// ----------------------------------------------------------- languages ----

struct Phon {
    onsets: &'static [&'static str],
    /// the first `simple_onsets` onsets are single consonants (preferred)
    simple_onsets: usize,
    vowels: &'static [&'static str],
    /// the first `simple_vowels` vowels are single letters (preferred)
    simple_vowels: usize,
    codas: &'static [&'static str],
}

const EN: Phon = Phon {
    onsets: &[
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "y",
        "z", "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "sc", "sh",
        "sk", "sl", "sm", "sn", "sp", "st", "str", "sw", "th", "tr", "wh",
    ],
    simple_onsets: 19,
    vowels: &[
        "a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ee", "ie", "oo", "ou", "y",
    ],
    simple_vowels: 9,
    codas: &[
        "n", "r", "s", "t", "l", "m", "nd", "ng", "nt", "st", "ck", "rd", "th", "ll", "x",
    ],
};
const RO: Phon = Phon {
    onsets: &[
        "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "ll", "ñ", "qu",
        "br", "cr", "pr", "tr", "gr", "pl", "j", "z",
    ],
    simple_onsets: 13,
    vowels: &[
        "a", "e", "i", "o", "u", "a", "e", "o", "é", "á", "í", "ó", "ú", "ü", "è", "ã", "ê",
    ],
    simple_vowels: 8,
    codas: &["n", "s", "r", "l", "z", "ç", "m"],
};
const CY: Phon = Phon {
    onsets: &[
        "б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ц", "ч",
        "ш", "щ", "ст", "пр", "кр", "тр", "гр", "св", "зв", "вл", "др",
    ],
    simple_onsets: 20,
    vowels: &["а", "е", "и", "о", "у", "ы", "я", "ю", "э", "а", "о", "е"],
    simple_vowels: 12,
    codas: &["н", "т", "в", "й", "к", "л", "м", "р", "с", "ст", "ь"],
};
// no sigma: its lowercase form is context dependent (σ/ς)
const EL: Phon = Phon {
    onsets: &[
        "β", "γ", "δ", "ζ", "θ", "κ", "λ", "μ", "ν", "ξ", "π", "ρ", "τ", "φ", "χ", "ψ", "πρ", "τρ",
        "κρ", "γρ", "θρ", "φρ", "χρ",
    ],
    simple_onsets: 16,
    vowels: &[
        "α", "ε", "η", "ι", "ο", "υ", "ω", "ά", "έ", "ί", "ό", "ου", "αι", "ει", "ή", "ώ",
    ],
    simple_vowels: 7,
    codas: &["ν", "ρ", "λ", "κ"],
};

struct Lang {
    code: &'static str,
    spaced: bool,
    /// lowercase word piece ids, most frequent first
    words: Vec<u32>,
    /// capitalized variant of `words[i]` (same id for caseless scripts)
    caps: Vec<u32>,
    names: Vec<u32>,
    ln_v1: f64,
    ln_names1: f64,
    comma: u32,
    ends: [u32; 3],
    open_q: u32,
    close_q: u32,
    bar: u32,
    pct: u32,
    money: u32,
    dash: u32,
    copyright: u32,
    said: u32,
    by: u32,
    million: u32,
    decimal_comma: bool,
}

impl Lang {
    fn zipf(&self, rng: &mut Rng) -> usize {
        let x = (rng.f64() * self.ln_v1).exp() as usize;
        x.saturating_sub(1).min(self.words.len() - 1)
    }
    fn name(&self, rng: &mut Rng) -> u32 {
        let x = (rng.f64() * self.ln_names1).exp() as usize;
        self.names[x.saturating_sub(1).min(self.names.len() - 1)]
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn phon_word(ph: &Phon, nsyl: usize, rng: &mut Rng) -> String {
    let mut w = String::new();
    for i in 0..nsyl {
        if i == 0 || rng.chance(0.85) {
            let n = if rng.chance(0.75) {
                ph.simple_onsets
            } else {
                ph.onsets.len()
            };
            w.push_str(ph.onsets[rng.below(n)]);
        }
        let n = if rng.chance(0.8) {
            ph.simple_vowels
        } else {
            ph.vowels.len()
        };
        w.push_str(ph.vowels[rng.below(n)]);
        let coda_p = if i + 1 == nsyl { 0.45 } else { 0.2 };
        if rng.chance(coda_p) {
            w.push_str(ph.codas[rng.below(ph.codas.len())]);
        }
    }
    w
}

fn syllables_for_rank(r: usize, rng: &mut Rng) -> usize {
    if r < 60 {
        1
    } else if r < 2000 {
        1 + usize::from(rng.chance(0.4))
    } else if r < 12_000 {
        2 + usize::from(rng.chance(0.2))
    } else {
        2 + rng.below(2)
    }
}

/// Unique strings produced by `make(rank, attempt, rng)`.
fn unique_list(
    n: usize,
    rng: &mut Rng,
    mut make: impl FnMut(usize, usize, &mut Rng) -> String,
) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    for r in 0..n {
        let mut attempt = 0;
        loop {
            let w = make(r, attempt, rng);
            if seen.insert(w.clone()) {
                out.push(w);
                break;
            }
            attempt += 1;
        }
    }
    out
}

struct LangSpec {
    code: &'static str,
    weight: f64,
    vocab: usize,
    phon: Option<&'static Phon>,
}

const LANGS: [LangSpec; 5] = [
    LangSpec {
        code: "en",
        weight: 0.70,
        vocab: 30_000,
        phon: Some(&EN),
    },
    LangSpec {
        code: "ro",
        weight: 0.08,
        vocab: 15_000,
        phon: Some(&RO),
    },
    LangSpec {
        code: "cy",
        weight: 0.10,
        vocab: 15_000,
        phon: Some(&CY),
    },
    LangSpec {
        code: "el",
        weight: 0.06,
        vocab: 12_000,
        phon: Some(&EL),
    },
    LangSpec {
        code: "zh",
        weight: 0.06,
        vocab: 8_000,
        phon: None,
    },
];

fn build_lang(spec: &LangSpec, p: &mut Pieces, rng: &mut Rng) -> Lang {
    let (words, names, spaced) = match spec.phon {
        Some(ph) => {
            let words = unique_list(spec.vocab, rng, |r, attempt, rng| {
                phon_word(ph, syllables_for_rank(r, rng) + attempt / 50, rng)
            });
            let names = unique_list(3000, rng, |_, attempt, rng| {
                capitalize(&phon_word(ph, 2 + rng.below(2) + attempt / 50, rng))
            });
            (words, names, true)
        }
        None => {
            // CJK-like: 3,000 Han characters; words of 1-3 characters.
            let chars: Vec<char> = unique_list(3000, rng, |_, _, rng| {
                char::from_u32(0x4E00 + rng.below(0x9FA5 - 0x4E00) as u32)
                    .unwrap()
                    .to_string()
            })
            .iter()
            .map(|s| s.chars().next().unwrap())
            .collect();
            let words = unique_list(spec.vocab, rng, |r, attempt, rng| {
                let n = if r < 300 { 1 } else { 2 + rng.below(2) } + attempt / 50;
                (0..n).map(|_| *rng.pick(&chars)).collect()
            });
            let names = unique_list(2000, rng, |_, attempt, rng| {
                (0..2 + rng.below(2) + attempt / 50)
                    .map(|_| *rng.pick(&chars))
                    .collect()
            });
            (words, names, false)
        }
    };
    let word_ids: Vec<u32> = words.iter().map(|w| p.word(w)).collect();
    let caps: Vec<u32> = if spaced {
        words.iter().map(|w| p.word(&capitalize(w))).collect()
    } else {
        word_ids.clone()
    };
    let name_ids: Vec<u32> = names.iter().map(|w| p.word(w)).collect();
    let (comma, ends, open_q, close_q, bar) = match spec.code {
        "zh" => (
            p.get("，", Glue::Left),
            [
                p.get("。", Glue::Left),
                p.get("？", Glue::Left),
                p.get("！", Glue::Left),
            ],
            p.get("「", Glue::Right),
            p.get("」", Glue::Left),
            p.word("｜"),
        ),
        "cy" | "el" | "ro" => (
            p.get(",", Glue::Left),
            [
                p.get(".", Glue::Left),
                p.get(if spec.code == "el" { ";" } else { "?" }, Glue::Left),
                p.get("!", Glue::Left),
            ],
            p.get("«", Glue::Right),
            p.get("»", Glue::Left),
            p.word("|"),
        ),
        _ => (
            p.get(",", Glue::Left),
            [
                p.get(".", Glue::Left),
                p.get("?", Glue::Left),
                p.get("!", Glue::Left),
            ],
            p.get("\u{201C}", Glue::Right),
            p.get("\u{201D}", Glue::Left),
            p.word("|"),
        ),
    };
    let money = match spec.code {
        "en" => p.get("$", Glue::Right),
        "cy" => p.get("₽", Glue::Right),
        "zh" => p.get("¥", Glue::Right),
        _ => p.get("€", Glue::Right),
    };
    Lang {
        code: spec.code,
        spaced,
        said: word_ids[17],
        by: caps[23],
        million: word_ids[97],
        words: word_ids,
        caps,
        ln_v1: ((words.len() + 1) as f64).ln(),
        ln_names1: ((names.len() + 1) as f64).ln(),
        names: name_ids,
        comma,
        ends,
        open_q,
        close_q,
        bar,
        pct: p.get("%", Glue::Left),
        money,
        dash: p.word("—"),
        copyright: p.word("©"),
        decimal_comma: spec.code != "en" && spec.code != "zh",
    }
}

// ------------------------------------------------------------ documents ----

#[derive(Clone)]
struct Topic {
    words: Vec<usize>,
    names: Vec<u32>,
}

#[derive(Clone)]
struct Sentence {
    pieces: Vec<u32>,
    toks: Vec<u64>,
    /// starts a paragraph
    par: bool,
}

#[derive(Clone)]
struct Line {
    text: String,
    toks: Vec<u64>,
}

#[derive(Clone)]
struct Doc {
    lang: usize,
    site: usize,
    topic: Topic,
    byline: Line,
    body: Vec<Sentence>,
}

struct Site {
    header: Vec<Line>,
    footer: Vec<Line>,
}

#[derive(Clone, Copy)]
enum OpKind {
    Drop,
    Insert,
    Reword,
}

#[derive(Clone, Copy)]
struct Op {
    kind: OpKind,
    u: f64,
    seed: u64,
}

struct Gen {
    p: Pieces,
    langs: Vec<Lang>,
    sites: Vec<Site>,
    sites_by_lang: Vec<Vec<usize>>,
}

impl Gen {
    fn line(&self, lang: usize, ps: &[u32]) -> Line {
        let mut text = String::new();
        self.p.render(ps, self.langs[lang].spaced, &mut text);
        let mut toks = Vec::new();
        tokenize(&text, &mut toks);
        Line { text, toks }
    }

    fn sentence(&self, lang: usize, pieces: Vec<u32>, par: bool) -> Sentence {
        let mut toks = Vec::with_capacity(pieces.len());
        if self.langs[lang].spaced {
            for &x in &pieces {
                toks.extend_from_slice(
                    &self.p.toks[self.p.tok_at[x as usize]..self.p.tok_at[x as usize + 1]],
                );
            }
        } else {
            let mut text = String::new();
            self.p.render(&pieces, false, &mut text);
            tokenize(&text, &mut toks);
        }
        Sentence { pieces, toks, par }
    }

    fn number(&mut self, lang: usize, rng: &mut Rng, v: &mut Vec<u32>) {
        let dc = self.langs[lang].decimal_comma;
        let (dsep, tsep) = if dc { (',', '.') } else { ('.', ',') };
        let s = match rng.below(8) {
            0 | 1 => format!("{}", 1990 + rng.below(36)),
            2 => format!("{}", 1 + rng.below(99)),
            3 => format!("{}{}{:03}", 1 + rng.below(99), tsep, rng.below(1000)),
            4 => format!("{}{}{}", rng.below(100), dsep, rng.below(10)),
            5 => {
                let s = format!("{}", 1 + rng.below(99));
                v.push(self.p.word(&s));
                v.push(self.langs[lang].pct);
                return;
            }
            6 => {
                let s = format!("{}{}{}", 1 + rng.below(999), dsep, rng.below(10));
                v.push(self.langs[lang].money);
                v.push(self.p.word(&s));
                v.push(self.langs[lang].million);
                return;
            }
            _ => format!("{}:{:02}", rng.below(24), rng.below(60)),
        };
        v.push(self.p.word(&s));
    }

    fn push_word(
        &mut self,
        lang: usize,
        topic: &Topic,
        rng: &mut Rng,
        v: &mut Vec<u32>,
        first: bool,
    ) {
        let r = rng.f64();
        let l = &self.langs[lang];
        if r < 0.05 {
            let n = if rng.chance(0.7) {
                *rng.pick(&topic.names)
            } else {
                l.name(rng)
            };
            v.push(n);
            if l.spaced && rng.chance(0.4) {
                v.push(l.name(rng));
            }
        } else if r < 0.09 {
            self.number(lang, rng, v);
        } else {
            let idx = if r < 0.20 {
                *rng.pick(&topic.words)
            } else {
                l.zipf(rng)
            };
            v.push(if first { l.caps[idx] } else { l.words[idx] });
        }
    }

    fn gen_sentence(&mut self, lang: usize, topic: &Topic, rng: &mut Rng) -> Vec<u32> {
        let mut v = Vec::with_capacity(40);
        if !self.langs[lang].spaced {
            let nclauses = 1 + rng.below(3);
            for c in 0..nclauses {
                for _ in 0..3 + rng.below(6) {
                    self.push_word(lang, topic, rng, &mut v, false);
                }
                if c + 1 < nclauses {
                    v.push(self.langs[lang].comma);
                }
            }
            let e = if rng.chance(0.94) {
                0
            } else {
                1 + rng.below(2)
            };
            v.push(self.langs[lang].ends[e]);
            return v;
        }
        let quoted = rng.chance(0.08);
        if quoted {
            v.push(self.langs[lang].open_q);
        }
        let n = 5 + rng.below(12) + rng.below(12);
        for i in 0..n {
            self.push_word(lang, topic, rng, &mut v, i == 0);
            if i + 1 < n && rng.chance(0.07) {
                v.push(self.langs[lang].comma);
            }
        }
        let l = &self.langs[lang];
        if quoted {
            v.push(l.comma);
            v.push(l.close_q);
            v.push(*rng.pick(&topic.names));
            v.push(l.said);
            v.push(l.ends[0]);
        } else {
            let e = if rng.chance(0.93) {
                0
            } else {
                1 + rng.below(2)
            };
            v.push(l.ends[e]);
        }
        v
    }

    fn new_topic(&self, lang: usize, rng: &mut Rng) -> Topic {
        let l = &self.langs[lang];
        let hi = l.words.len().min(20_000);
        Topic {
            words: (0..15).map(|_| rng.range(100, hi - 1)).collect(),
            names: (0..4).map(|_| l.name(rng)).collect(),
        }
    }

    fn build_sites(&mut self, n_docs: usize, rng: &mut Rng) {
        let total = (n_docs / 250).clamp(12, 400);
        for (li, spec) in LANGS.iter().enumerate() {
            let count = ((spec.weight * total as f64).round() as usize).max(2);
            let mut ids = Vec::new();
            for _ in 0..count {
                let topic = self.new_topic(li, rng);
                let l = &self.langs[li];
                let name = vec![l.caps[rng.range(50, 3000)], l.caps[rng.range(50, 3000)]];
                let mut header = Vec::new();
                let mut h1 = name.clone();
                if rng.chance(0.6) {
                    h1.push(l.dash);
                    for i in 0..rng.range(2, 5) {
                        let idx = l.zipf(rng);
                        h1.push(if i == 0 { l.caps[idx] } else { l.words[idx] });
                    }
                }
                header.push(h1);
                let mut nav = Vec::new();
                for i in 0..rng.range(4, 8) {
                    if i > 0 {
                        nav.push(l.bar);
                    }
                    nav.push(l.caps[rng.range(20, 2000)]);
                }
                header.push(nav);
                if rng.chance(0.4) {
                    header.push(self.gen_sentence(li, &topic, rng));
                }
                let l = &self.langs[li];
                let mut f1 = vec![l.copyright];
                f1.push(self.p.word(&format!("{}", 2015 + rng.below(11))));
                f1.extend_from_slice(&name);
                f1.push(l.ends[0]);
                for i in 0..rng.range(3, 5) {
                    let idx = l.zipf(rng);
                    f1.push(if i == 0 { l.caps[idx] } else { l.words[idx] });
                }
                f1.push(l.ends[0]);
                let mut footer = vec![f1];
                for _ in 0..rng.range(1, 3) {
                    footer.push(self.gen_sentence(li, &topic, rng));
                }
                let site = Site {
                    header: header.iter().map(|ps| self.line(li, ps)).collect(),
                    footer: footer.iter().map(|ps| self.line(li, ps)).collect(),
                };
                ids.push(self.sites.len());
                self.sites.push(site);
            }
            self.sites_by_lang.push(ids);
        }
    }

    fn byline(&mut self, lang: usize, topic: &Topic, rng: &mut Rng) -> Line {
        let l = &self.langs[lang];
        let mut v = Vec::new();
        if l.spaced {
            v.push(l.by);
            v.push(l.name(rng));
            v.push(l.name(rng));
        } else {
            v.push(l.name(rng));
        }
        if rng.chance(0.3) {
            v.push(*rng.pick(&topic.names));
        }
        v.push(l.bar);
        let date = format!(
            "{}-{:02}-{:02}",
            2023 + rng.below(3),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        v.push(self.p.word(&date));
        if rng.chance(0.5) {
            if !l.spaced {
                v.push(l.bar);
            }
            let t = format!("{:02}:{:02}", rng.below(24), rng.below(60));
            v.push(self.p.word(&t));
        }
        self.line(lang, &v)
    }

    fn original(
        &mut self,
        lang: usize,
        topic: &Topic,
        quote: Option<&Sentence>,
        rng: &mut Rng,
    ) -> Doc {
        let site = *rng.pick(&self.sites_by_lang[lang]);
        let target = 300 + (900.0 * rng.f64().powf(1.6)) as usize;
        let byline = self.byline(lang, topic, rng);
        let mut body = Vec::new();
        let mut words = 0;
        while words < target {
            let ps = self.gen_sentence(lang, topic, rng);
            words += ps.iter().filter(|&&x| self.p.is_word[x as usize]).count();
            let par = body.is_empty() || rng.chance(0.25);
            body.push(self.sentence(lang, ps, par));
        }
        if let Some(q) = quote {
            let i = 1 + rng.below(body.len());
            let mut q = q.clone();
            q.par = rng.chance(0.5);
            body.insert(i.min(body.len()), q);
        }
        Doc {
            lang,
            site,
            topic: topic.clone(),
            byline,
            body,
        }
    }

    fn doc_shingles(&self, d: &Doc) -> Vec<u64> {
        let site = &self.sites[d.site];
        let mut toks = Vec::with_capacity(2048);
        for l in &site.header {
            toks.extend_from_slice(&l.toks);
        }
        toks.extend_from_slice(&d.byline.toks);
        for s in &d.body {
            toks.extend_from_slice(&s.toks);
        }
        for l in &site.footer {
            toks.extend_from_slice(&l.toks);
        }
        shingles(&toks)
    }

    /// Shingles of the article text alone (no site header/footer, no byline).
    fn body_shingles(&self, d: &Doc) -> Vec<u64> {
        let toks: Vec<u64> = d.body.iter().flat_map(|s| s.toks.iter().copied()).collect();
        shingles(&toks)
    }

    fn render(&self, d: &Doc, out: &mut String) {
        out.clear();
        let site = &self.sites[d.site];
        let spaced = self.langs[d.lang].spaced;
        for l in &site.header {
            out.push_str(&l.text);
            out.push('\n');
        }
        out.push_str(&d.byline.text);
        out.push('\n');
        for (i, s) in d.body.iter().enumerate() {
            if i == 0 || s.par {
                out.push_str("\n\n");
            } else if spaced {
                out.push(' ');
            }
            self.p.render(&s.pieces, spaced, out);
        }
        out.push_str("\n\n");
        for l in &site.footer {
            out.push_str(&l.text);
            out.push('\n');
        }
    }

    fn apply(&mut self, d: &mut Doc, op: &Op) {
        let len = d.body.len();
        let idx = ((op.u * len as f64) as usize).min(len - 1);
        let mut rng = Rng::new(op.seed);
        match op.kind {
            OpKind::Drop => {
                if len > 3 {
                    d.body.remove(idx);
                }
            }
            OpKind::Insert => {
                let at = ((op.u * (len + 1) as f64) as usize).min(len);
                let ps = self.gen_sentence(d.lang, &d.topic, &mut rng);
                let par = rng.chance(0.2);
                let s = self.sentence(d.lang, ps, par);
                d.body.insert(at, s);
            }
            OpKind::Reword => {
                let mut ps = d.body[idx].pieces.clone();
                let first = ps.iter().position(|&x| self.p.is_word[x as usize]);
                let word_pos: Vec<usize> = (0..ps.len())
                    .filter(|&i| self.p.is_word[ps[i] as usize])
                    .collect();
                let forced = if word_pos.is_empty() {
                    usize::MAX
                } else {
                    *rng.pick(&word_pos)
                };
                let l = &self.langs[d.lang];
                for &i in &word_pos {
                    if i == forced || rng.chance(0.4) {
                        let w = if rng.chance(0.1) {
                            *rng.pick(&d.topic.words)
                        } else {
                            l.zipf(&mut rng)
                        };
                        ps[i] = if Some(i) == first {
                            l.caps[w]
                        } else {
                            l.words[w]
                        };
                    }
                }
                let par = d.body[idx].par;
                d.body[idx] = self.sentence(d.lang, ps, par);
            }
        }
    }

    /// A different word for piece `old` (capitalized when `cap`).
    fn replacement(&self, lang: usize, topic: &Topic, old: u32, cap: bool, rng: &mut Rng) -> u32 {
        let l = &self.langs[lang];
        let mut w = old;
        for _ in 0..8 {
            let idx = if rng.chance(0.1) {
                *rng.pick(&topic.words)
            } else {
                l.zipf(rng)
            };
            w = if cap { l.caps[idx] } else { l.words[idx] };
            if w != old {
                break;
            }
        }
        w
    }

    /// An edited republication of `src`: another site of the same language
    /// (header, footer, byline), some sentences dropped, and 1-2 words
    /// replaced in most paragraphs (= lines of the rendered file).
    /// Against its source a copy has a shingle Jaccard of about 0.5-0.75.
    fn edited_copy(&mut self, src: &Doc, rng: &mut Rng) -> Doc {
        let mut d = src.clone();
        let others: Vec<usize> = self.sites_by_lang[src.lang]
            .iter()
            .copied()
            .filter(|&s| s != src.site)
            .collect();
        if !others.is_empty() {
            d.site = *rng.pick(&others);
        }
        d.byline = self.byline(src.lang, &src.topic, rng);
        let n = src.body.len();
        if n > 3 {
            let drop_p = 0.02 + 0.06 * rng.f64();
            // a third of the copies are also cut short (5-15% of the sentences)
            let keep_to = if rng.chance(0.33) {
                n - (n * rng.range(5, 15) / 100).min(n - 3)
            } else {
                n
            };
            let mut body: Vec<Sentence> = Vec::with_capacity(n);
            let mut carry_par = false;
            for (i, s) in src.body.iter().enumerate() {
                if i >= keep_to || (i > 0 && rng.chance(drop_p)) {
                    carry_par |= s.par;
                    continue;
                }
                let mut s = s.clone();
                s.par |= carry_par || body.is_empty();
                carry_par = false;
                body.push(s);
            }
            if body.len() >= 3 {
                d.body = body;
            }
        }
        let line_p = 0.6 + 0.3 * rng.f64();
        for par in paragraphs(&d.body) {
            if !rng.chance(line_p) {
                continue;
            }
            // word positions (sentence, piece) of this paragraph
            let mut pos: Vec<(usize, usize)> = Vec::new();
            for si in par.clone() {
                for (pi, &x) in d.body[si].pieces.iter().enumerate() {
                    if self.p.is_word[x as usize] {
                        pos.push((si, pi));
                    }
                }
            }
            let k = (1 + usize::from(rng.chance(0.4))).min(pos.len());
            let mut touched: Vec<usize> = Vec::new();
            for _ in 0..k {
                let at = rng.below(pos.len());
                let (si, pi) = pos.swap_remove(at);
                let first = d.body[si]
                    .pieces
                    .iter()
                    .position(|&x| self.p.is_word[x as usize]);
                let old = d.body[si].pieces[pi];
                let w = self.replacement(d.lang, &d.topic, old, first == Some(pi), rng);
                d.body[si].pieces[pi] = w;
                touched.push(si);
            }
            touched.sort_unstable();
            touched.dedup();
            for si in touched {
                let s = &d.body[si];
                let (ps, par) = (s.pieces.clone(), s.par);
                d.body[si] = self.sentence(d.lang, ps, par);
            }
        }
        d
    }

    /// A new article (own topic, site and byline) made of the given paragraphs
    /// and, when `own > 0`, that many paragraphs of its own, in random order.
    fn mosaic(&mut self, lang: usize, parts: Vec<Vec<Sentence>>, own: usize, rng: &mut Rng) -> Doc {
        let topic = self.new_topic(lang, rng);
        let site = *rng.pick(&self.sites_by_lang[lang]);
        let byline = self.byline(lang, &topic, rng);
        let mut parts = parts;
        for _ in 0..own {
            let mut par = Vec::new();
            for _ in 0..rng.range(2, 5) {
                let ps = self.gen_sentence(lang, &topic, rng);
                par.push(self.sentence(lang, ps, par.is_empty()));
            }
            parts.push(par);
        }
        for i in (1..parts.len()).rev() {
            let j = rng.below(i + 1);
            parts.swap(i, j);
        }
        Doc {
            lang,
            site,
            topic,
            byline,
            body: parts.into_iter().flatten().collect(),
        }
    }

    fn with_ops(&mut self, base: &Doc, ops: &[Op]) -> Doc {
        let mut d = base.clone();
        for op in ops {
            self.apply(&mut d, op);
        }
        d
    }

    /// A near copy of `src` whose shingle Jaccard with `src` is close to `target`.
    fn near_copy(
        &mut self,
        src: &Doc,
        src_sh: &[u64],
        target: f64,
        rng: &mut Rng,
    ) -> (Doc, Vec<u64>) {
        let mut base = src.clone();
        if rng.chance(0.5) {
            // syndicated on another site of the same language
            base.site = *rng.pick(&self.sites_by_lang[src.lang]);
            base.byline = self.byline(src.lang, &src.topic, rng);
        } else if rng.chance(0.5) {
            base.byline = self.byline(src.lang, &src.topic, rng);
        }
        let kmax = (src.body.len() * 4).max(24);
        let ops: Vec<Op> = (0..kmax)
            .map(|_| {
                let r = rng.f64();
                let kind = if r < 0.3 {
                    OpKind::Drop
                } else if r < 0.55 {
                    OpKind::Insert
                } else {
                    OpKind::Reword
                };
                // a third of the drops cut the tail (truncated syndication)
                let u = if matches!(kind, OpKind::Drop) && rng.chance(0.33) {
                    0.9999
                } else {
                    rng.f64()
                };
                Op {
                    kind,
                    u,
                    seed: rng.next_u64(),
                }
            })
            .collect();
        let eval = |g: &mut Gen, k: usize| {
            let d = g.with_ops(&base, &ops[..k]);
            let sh = g.doc_shingles(&d);
            let j = jaccard(src_sh, &sh);
            (d, sh, j)
        };
        let mut best = eval(self, 0);
        if best.2 > target {
            let mut hi = eval(self, kmax);
            if hi.2 <= target {
                let (mut lo_k, mut hi_k) = (0, kmax);
                let mut lo = best;
                while hi_k - lo_k > 1 {
                    let mid = (lo_k + hi_k) / 2;
                    let m = eval(self, mid);
                    if m.2 <= target {
                        hi_k = mid;
                        hi = m;
                    } else {
                        lo_k = mid;
                        lo = m;
                    }
                }
                best = if (lo.2 - target).abs() < (target - hi.2).abs() {
                    lo
                } else {
                    hi
                };
            } else {
                best = hi;
            }
        }
        let (mut d, sh, _) = best;
        // re-paragraph (no effect on tokens)
        let pp = 0.15 + 0.2 * rng.f64();
        for (i, s) in d.body.iter_mut().enumerate() {
            s.par = i == 0 || rng.chance(pp);
        }
        (d, sh)
    }
}

/// Sentence ranges of the paragraphs of a body (a paragraph starts at `par`).
fn paragraphs(body: &[Sentence]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, s) in body.iter().enumerate().skip(1) {
        if s.par {
            out.push(start..i);
            start = i;
        }
    }
    if !body.is_empty() {
        out.push(start..body.len());
    }
    out
}

fn pick_lang(rng: &mut Rng) -> usize {
    let x = rng.f64();
    let mut acc = 0.0;
    for (i, s) in LANGS.iter().enumerate() {
        acc += s.weight;
        if x < acc {
            return i;
        }
    }
    0
}

// ------------------------------------------------------------------ main ----

struct Args {
    out: PathBuf,
    n: usize,
    seed: u64,
}

fn usage(msg: &str) -> ! {
    if !msg.is_empty() {
        eprintln!("gen_corpus: {msg}");
    }
    eprintln!(
        "usage: gen_corpus --out DIR --n N [--seed S]\n\
         \n\
         Writes DIR/docs/*.txt (N synthetic news articles with planted near-duplicate\n\
         families, edited republications and paragraph-reuse groups) and DIR/truth.json\n\
         (their files with the actual word-5-shingle Jaccard of every pair).\n\
         Same seed -> same corpus. Default seed: 42.\n\
         Existing *.txt files in DIR/docs are removed first."
    );
    exit(2)
}

fn parse_args() -> Args {
    let mut out = None;
    let mut n = None;
    let mut seed = 42u64;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        if key == "-h" || key == "--help" {
            usage("");
        }
        let mut val = || {
            inline
                .clone()
                .or_else(|| it.next())
                .unwrap_or_else(|| usage(&format!("{key} needs a value")))
        };
        match key.as_str() {
            "--out" => out = Some(PathBuf::from(val())),
            "--n" => {
                let v = val();
                n = Some(
                    v.parse::<usize>()
                        .unwrap_or_else(|_| usage(&format!("bad --n {v:?}"))),
                );
            }
            "--seed" => {
                let v = val();
                seed = v
                    .parse::<u64>()
                    .unwrap_or_else(|_| usage(&format!("bad --seed {v:?}")));
            }
            _ => usage(&format!("unknown argument {a:?}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out is required"));
    let n = n.unwrap_or_else(|| usage("--n is required"));
    if n == 0 {
        usage("--n must be at least 1");
    }
    Args { out, n, seed }
}

fn clear_txt(dir: &Path) -> std::io::Result<usize> {
    let mut removed = 0;
    for e in fs::read_dir(dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "txt") && p.is_file() {
            fs::remove_file(&p)?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn die(msg: String) -> ! {
    eprintln!("gen_corpus: {msg}");
    exit(1)
}

struct Member {
    doc: Doc,
    sh: Vec<u64>,
    kind: &'static str,
    source: Option<usize>,
    planted: Option<f64>,
}

fn main() {
    let args = parse_args();
    let t0 = Instant::now();
    let docs_dir = args.out.join("docs");
    fs::create_dir_all(&docs_dir)
        .unwrap_or_else(|e| die(format!("create {}: {e}", docs_dir.display())));
    let removed =
        clear_txt(&docs_dir).unwrap_or_else(|e| die(format!("clean {}: {e}", docs_dir.display())));
    if removed > 0 {
        eprintln!(
            "gen_corpus: removed {removed} old .txt files from {}",
            docs_dir.display()
        );
    }

    let mut rng = Rng::new(args.seed);
    let mut g = Gen {
        p: Pieces::new(),
        langs: Vec::new(),
        sites: Vec::new(),
        sites_by_lang: Vec::new(),
    };
    let mut lex_rng = rng.fork();
    for spec in &LANGS {
        let l = build_lang(spec, &mut g.p, &mut lex_rng);
        g.langs.push(l);
    }
    let mut site_rng = rng.fork();
    g.build_sites(args.n, &mut site_rng);
    let name_salt = rng.next_u64();

    let mut families = String::new();
    let mut info = String::new();
    let mut n_families = 0usize;
    let mut made = 0usize;
    let mut bytes = 0u64;
    let mut lang_counts = [0usize; LANGS.len()];
    let mut buf = String::new();
    let mut level_hist: Vec<(f64, usize)> = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
        .iter()
        .map(|&t| (t, 0))
        .collect();
    // "events": topics + a quote shared by several unrelated articles
    let mut events: Vec<(usize, Topic, Sentence)> = Vec::new();
    let mut related = 0usize;
    // single articles that may give paragraphs to a reuse group (per language)
    let mut pool: Vec<Vec<(String, Doc)>> = vec![Vec::new(); LANGS.len()];
    let mut reuse = String::new();
    let (mut edited_families, mut mosaics) = (0usize, 0usize);

    let mut write_doc = |g: &Gen, d: &Doc, buf: &mut String, made: &mut usize| -> String {
        let name = format!(
            "{:016x}.txt",
            mix64(name_salt ^ (*made as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        );
        g.render(d, buf);
        let path = docs_dir.join(&name);
        fs::write(&path, buf.as_bytes())
            .unwrap_or_else(|e| die(format!("write {}: {e}", path.display())));
        bytes += buf.len() as u64;
        lang_counts[d.lang] += 1;
        *made += 1;
        name
    };

    while made < args.n {
        let remaining = args.n - made;
        let mut drng = rng.fork();
        if remaining >= 2 && drng.chance(REUSE_P) {
            let lang = pick_lang(&mut drng);
            if pool[lang].len() >= 3 {
                // a paragraph-reuse group: 3-5 single articles give 2-3 paragraphs
                // each; 3-5 new articles take each of those with p = 0.6
                let k = drng.range(3, 5).min(pool[lang].len());
                let mut srcs: Vec<(String, Doc)> = Vec::with_capacity(k);
                for _ in 0..k {
                    let at = drng.below(pool[lang].len());
                    srcs.push(pool[lang].swap_remove(at));
                }
                let mut hot: Vec<Vec<Sentence>> = Vec::new();
                for (_, d) in &srcs {
                    let mut pars = paragraphs(&d.body);
                    for _ in 0..drng.range(2, 3).min(pars.len()) {
                        let r = pars.swap_remove(drng.below(pars.len()));
                        let mut p: Vec<Sentence> = d.body[r].to_vec();
                        p[0].par = true;
                        hot.push(p);
                    }
                }
                let nm = drng.range(3, 5).min(remaining);
                let mut docs: Vec<Doc> = Vec::with_capacity(k + nm);
                let mut names: Vec<String> = Vec::with_capacity(k + nm);
                for (name, d) in srcs {
                    names.push(name);
                    docs.push(d);
                }
                for _ in 0..nm {
                    let mut parts: Vec<Vec<Sentence>> = Vec::new();
                    let mut idx: Vec<usize> = (0..hot.len()).collect();
                    while !idx.is_empty() {
                        let i = idx.swap_remove(drng.below(idx.len()));
                        if drng.chance(0.6) || parts.len() + idx.len() < 2 {
                            parts.push(hot[i].clone());
                        }
                    }
                    let own = if drng.chance(0.5) {
                        0
                    } else {
                        drng.range(1, 2)
                    };
                    let d = g.mosaic(lang, parts, own, &mut drng);
                    names.push(write_doc(&g, &d, &mut buf, &mut made));
                    docs.push(d);
                }
                mosaics += nm;
                let sh: Vec<Vec<u64>> = docs.iter().map(|d| g.doc_shingles(d)).collect();
                let bodies: Vec<Vec<u64>> = docs.iter().map(|d| g.body_shingles(d)).collect();
                if !reuse.is_empty() {
                    reuse.push_str(",\n    ");
                }
                let _ = write!(
                    reuse,
                    "{{\"lang\": \"{}\", \"files\": [",
                    g.langs[lang].code
                );
                for (i, name) in names.iter().enumerate() {
                    let _ = write!(reuse, "{}\"{name}\"", if i > 0 { ", " } else { "" });
                }
                reuse.push_str("], \"kinds\": [");
                for i in 0..names.len() {
                    let kind = if i < k { "source" } else { "mosaic" };
                    let _ = write!(reuse, "{}\"{kind}\"", if i > 0 { ", " } else { "" });
                }
                reuse.push_str("], \"pairs\": [");
                let mut first = true;
                for i in 0..docs.len() {
                    for j in (i + 1).max(k)..docs.len() {
                        let jac = jaccard(&sh[i], &sh[j]);
                        let jac_body = jaccard(&bodies[i], &bodies[j]);
                        for (t, c) in level_hist.iter_mut() {
                            if jac >= *t {
                                *c += 1;
                            }
                        }
                        let _ = write!(
                            reuse,
                            "{}[{i}, {j}, {jac:.4}, {jac_body:.4}]",
                            if first { "" } else { ", " }
                        );
                        first = false;
                    }
                }
                reuse.push_str("]}");
                continue;
            }
        }
        let (lang, topic, quote) = if !events.is_empty() && drng.chance(0.12) {
            let (l, t, q) = &events[drng.below(events.len())];
            related += 1;
            (*l, t.clone(), Some(q.clone()))
        } else {
            let lang = pick_lang(&mut drng);
            let topic = g.new_topic(lang, &mut drng);
            if drng.chance(0.3) {
                let ps = g.gen_sentence(lang, &topic, &mut drng);
                let q = g.sentence(lang, ps, false);
                let ev = (lang, topic.clone(), q);
                if events.len() < 64 {
                    events.push(ev);
                } else {
                    let i = drng.below(64);
                    events[i] = ev;
                }
            }
            (lang, topic, None)
        };
        let orig = g.original(lang, &topic, quote.as_ref(), &mut drng);
        let r = drng.f64();
        let family = if remaining < 2 {
            None
        } else if r < FAMILY_P {
            Some("near")
        } else if r < FAMILY_P + EDITED_P {
            Some("edited")
        } else {
            None
        };
        let Some(family) = family else {
            let name = write_doc(&g, &orig, &mut buf, &mut made);
            if pool[lang].len() < POOL_MAX {
                pool[lang].push((name, orig));
            } else {
                let i = drng.below(POOL_MAX);
                pool[lang][i] = (name, orig);
            }
            continue;
        };
        let sh = g.doc_shingles(&orig);
        let mut members = vec![Member {
            doc: orig,
            sh,
            kind: "original",
            source: None,
            planted: None,
        }];
        if family == "edited" {
            edited_families += 1;
            for _ in 0..drng.range(2, 5).min(remaining - 1) {
                let doc = g.edited_copy(&members[0].doc, &mut drng);
                let sh = g.doc_shingles(&doc);
                members.push(Member {
                    doc,
                    sh,
                    kind: "edited",
                    source: Some(0),
                    planted: None,
                });
            }
        }
        let mut ncopies = 1;
        while family == "near" && ncopies < 8 && drng.chance(0.45) {
            ncopies += 1;
        }
        let ncopies = if family == "near" {
            ncopies.min(remaining - 1)
        } else {
            0
        };
        for _ in 0..ncopies {
            // mostly copies of the original, sometimes a copy of a copy
            let src = if members.len() > 1 && drng.chance(0.2) {
                1 + drng.below(members.len() - 1)
            } else {
                0
            };
            if drng.chance(EXACT_P) {
                let doc = members[src].doc.clone();
                let sh = members[src].sh.clone();
                members.push(Member {
                    doc,
                    sh,
                    kind: "exact",
                    source: Some(src),
                    planted: Some(1.0),
                });
            } else {
                let level = *drng.pick(&LEVELS);
                let (doc, sh) = g.near_copy(&members[src].doc, &members[src].sh, level, &mut drng);
                members.push(Member {
                    doc,
                    sh,
                    kind: "near",
                    source: Some(src),
                    planted: Some(level),
                });
            }
        }
        let names: Vec<String> = members
            .iter()
            .map(|m| write_doc(&g, &m.doc, &mut buf, &mut made))
            .collect();

        if n_families > 0 {
            families.push_str(",\n    ");
            info.push_str(",\n    ");
        }
        n_families += 1;
        families.push('[');
        for (i, nm) in names.iter().enumerate() {
            if i > 0 {
                families.push_str(", ");
            }
            let _ = write!(families, "\"{nm}\"");
        }
        families.push(']');
        let _ = write!(
            info,
            "{{\"lang\": \"{}\", \"type\": \"{family}\", \"kinds\": [",
            g.langs[lang].code
        );
        for (i, m) in members.iter().enumerate() {
            let _ = write!(info, "{}\"{}\"", if i > 0 { ", " } else { "" }, m.kind);
        }
        info.push_str("], \"source\": [");
        for (i, m) in members.iter().enumerate() {
            let s = m.source.map_or("null".to_string(), |s| s.to_string());
            let _ = write!(info, "{}{s}", if i > 0 { ", " } else { "" });
        }
        info.push_str("], \"planted\": [");
        for (i, m) in members.iter().enumerate() {
            let s = m.planted.map_or("null".to_string(), |s| format!("{s}"));
            let _ = write!(info, "{}{s}", if i > 0 { ", " } else { "" });
        }
        info.push_str("], \"pairs\": [");
        let bodies: Vec<Vec<u64>> = members.iter().map(|m| g.body_shingles(&m.doc)).collect();
        let mut first = true;
        for i in 0..members.len() {
            for j in i + 1..members.len() {
                let jac = jaccard(&members[i].sh, &members[j].sh);
                let jac_body = jaccard(&bodies[i], &bodies[j]);
                for (t, c) in level_hist.iter_mut() {
                    if jac >= *t {
                        *c += 1;
                    }
                }
                let _ = write!(
                    info,
                    "{}[{i}, {j}, {jac:.4}, {jac_body:.4}]",
                    if first { "" } else { ", " }
                );
                first = false;
            }
        }
        info.push_str("]}");
    }

    let mut truth = String::with_capacity(families.len() + info.len() + reuse.len() + 4096);
    let _ = write!(
        truth,
        "{{\n  \"generator\": \"{GENERATOR}\",\n  \"seed\": {},\n  \"n\": {},\n  \"docs_dir\": \"docs\",\n  \
         \"shingle_size\": {SHINGLE},\n  \
         \"tokenization\": \"lowercase (Unicode), split on every character that is not alphanumeric (Unicode), drop empty tokens; a shingle is {SHINGLE} consecutive tokens; a document's shingle set is over the whole file (header, byline, body, footer)\",\n  \
         \"pairs_note\": \"families[k] lists the files of near-duplicate family k (an original plus copies; files not listed are in no family). family_info[k].pairs lists every pair [i, j, J, J_body] of members (indices into families[k]): J = the ACTUAL Jaccard of the word-{SHINGLE}-shingle sets of the two files as computed by the generator, J_body = the same for the article text alone (without site header/footer lines and byline). family_info[k].type is near (copies planted at a target Jaccard level by dropping, inserting and rewording sentences) or edited (edited republications: each copy on another site of the language, some sentences dropped, 1-2 words replaced in 60-90% of the lines). planted[i] is the target level member i was generated at relative to member source[i] (exact copies: 1.0; null for originals and edited copies). reuse[g] is a paragraph-reuse group: files = its sources (earlier single articles) and mosaics (new unrelated articles assembled from whole paragraphs of the sources), pairs = every pair [i, j, J, J_body] of the group except source-source (indices into files); no file outside a group shares a reused paragraph. For a detection threshold T, the positives are the family and reuse pairs with J >= T; same-family pairs with J < T are related (neither required nor wrong); reuse pairs with J < T and every other pair of files are negatives. Unrelated articles on one site share header/footer lines, and some unrelated articles share topic words, names and one quoted sentence.\",\n  \
         \"levels\": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95],\n",
        args.seed, args.n
    );
    let _ = write!(
        truth,
        "  \"stats\": {{\"families\": {n_families}, \"edited_families\": {edited_families}, \"reuse_groups\": {}, \"mosaics\": {mosaics}, \"sites\": {}, \"bytes\": {bytes}, \"related_articles\": {related}, \"docs_per_lang\": {{",
        reuse.matches("\"kinds\"").count(),
        g.sites.len()
    );
    for (i, s) in LANGS.iter().enumerate() {
        let _ = write!(
            truth,
            "{}\"{}\": {}",
            if i > 0 { ", " } else { "" },
            s.code,
            lang_counts[i]
        );
    }
    truth.push_str("}, \"pairs_with_j_at_least\": {");
    for (i, (t, c)) in level_hist.iter().enumerate() {
        let _ = write!(truth, "{}\"{t}\": {c}", if i > 0 { ", " } else { "" });
    }
    truth.push_str("}},\n  \"families\": [\n    ");
    truth.push_str(&families);
    truth.push_str("\n  ],\n  \"family_info\": [\n    ");
    truth.push_str(&info);
    truth.push_str("\n  ],\n  \"reuse\": [\n    ");
    truth.push_str(&reuse);
    truth.push_str("\n  ]\n}\n");
    let tp = args.out.join("truth.json");
    fs::write(&tp, truth).unwrap_or_else(|e| die(format!("write {}: {e}", tp.display())));
    eprintln!(
        "gen_corpus: {} docs ({:.1} MB), {} families ({} edited), {} reuse mosaics, {} pairs with J>=0.5, seed {}, {:.1}s -> {}",
        args.n,
        bytes as f64 / 1e6,
        n_families,
        edited_families,
        mosaics,
        level_hist[2].1,
        args.seed,
        t0.elapsed().as_secs_f64(),
        args.out.display()
    );
}
