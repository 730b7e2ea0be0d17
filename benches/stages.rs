//! Criterion micro-benchmarks of the hot pipeline stages, through the public API.
//!
//! Run: `cargo bench --bench stages` (quick look: `cargo bench --bench stages -- --quick`,
//! one group: `cargo bench --bench stages -- minhash`).
//!
//! All inputs are generated here, deterministically, from a small PRNG: no files
//! are read. Figures are per document (or per call) with throughput in bytes or
//! elements, so a change in one stage's cost is easy to see in isolation.

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use newsdedup::bench::{
    self as normalize, Min, MinHasher, Model, Signature, StoryDoc, StoryFeatures, candidate_pairs,
    detect_language, near_duplicate_pairs, optimal_bands, shingles, story_features,
};
use newsdedup::{MinHashConfig, ShingleConfig, StoryConfig};

// ---------------------------------------------------------------------------
// Deterministic text generation
// ---------------------------------------------------------------------------

/// SplitMix64: tiny, seedable, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

#[rustfmt::skip]
const EN_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "said", "was", "as", "at",
    "by", "from", "has", "have", "it", "its", "would", "after", "government", "minister",
    "officials", "country", "president", "talks", "region", "forces", "military", "security",
    "agreement", "border", "people", "city", "police", "report", "statement", "week", "year",
    "percent", "million", "economy", "market", "prices", "election", "vote", "parliament",
    "opposition", "leaders", "meeting", "international", "foreign", "national", "support",
    "conflict", "attack", "troops", "ceasefire", "negotiations", "spokesman", "announced",
    "according", "expected", "further", "including", "however", "during", "against", "between",
    "because", "while", "since", "where", "which", "could", "should", "also", "more", "than",
    "about", "into", "over", "under", "before", "later", "earlier", "recent", "local",
    "residents", "hospital", "killed", "injured", "protest", "crisis", "energy", "oil", "gas",
    "trade", "bank", "central", "interest", "rates", "inflation", "budget", "reform", "court",
    "ruling", "law", "investigation", "allegations", "company", "shares", "investors", "deal",
    "plan", "program", "health", "ministry", "schools", "water", "food", "aid", "refugees",
    "humanitarian", "storm", "flooding", "earthquake", "rescue", "teams", "searching",
    "survivors", "capital", "province", "district", "villages", "weapons", "missiles",
    "sanctions", "talks", "delegation", "summit", "visit", "warned", "urged", "called",
    "denied", "confirmed", "rejected", "accused", "promised", "demanded", "insisted",
];

#[rustfmt::skip]
const EN_NAMES: &[&str] = &[
    "Ilham Aliyev", "Nikol Pashinyan", "Vladimir Putin", "Emmanuel Macron", "Joko Widodo",
    "Angela Merkel", "Recep Tayyip Erdogan", "Narendra Modi", "Xi Jinping", "Cyril Ramaphosa",
    "Baku", "Yerevan", "Moscow", "Paris", "Jakarta", "Berlin", "Ankara", "New Delhi", "Beijing",
    "Pretoria", "Nagorno-Karabakh", "European Union", "United Nations", "NATO", "World Bank",
    "Reuters", "Kremlin", "Security Council", "Stepanakert", "Surabaya", "Bandung",
];

#[rustfmt::skip]
const ID_WORDS: &[&str] = &[
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam", "tidak", "ini",
    "itu", "akan", "telah", "oleh", "kata", "presiden", "pemerintah", "menteri", "negara",
    "wilayah", "pasukan", "militer", "keamanan", "perjanjian", "perbatasan", "rakyat", "kota",
    "polisi", "laporan", "pernyataan", "minggu", "tahun", "persen", "juta", "ekonomi", "pasar",
    "harga", "pemilihan", "parlemen", "oposisi", "pemimpin", "pertemuan", "internasional",
    "luar", "nasional", "dukungan", "konflik", "serangan", "gencatan", "senjata", "perundingan",
    "juru", "bicara", "mengumumkan", "menurut", "diperkirakan", "termasuk", "namun", "selama",
    "terhadap", "antara", "karena", "sementara", "sejak", "dimana", "bisa", "harus", "juga",
    "lebih", "tentang", "sebelum", "kemudian", "warga", "rumah", "sakit", "tewas", "terluka",
    "protes", "krisis", "energi", "minyak", "perdagangan", "bank", "bunga", "inflasi",
    "anggaran", "reformasi", "pengadilan", "hukum", "penyelidikan", "perusahaan", "saham",
    "investor", "rencana", "program", "kesehatan", "kementerian", "sekolah", "bantuan",
];

#[rustfmt::skip]
const ES_WORDS: &[&str] = &[
    "el", "la", "de", "que", "y", "en", "los", "las", "del", "por", "con", "para", "una",
    "dijo", "gobierno", "ministro", "presidente", "país", "conversaciones", "región", "fuerzas",
    "militares", "seguridad", "acuerdo", "frontera", "personas", "ciudad", "policía", "informe",
    "declaración", "semana", "año", "por ciento", "millones", "economía", "mercado", "precios",
    "elecciones", "parlamento", "oposición", "líderes", "reunión", "internacional", "exterior",
    "nacional", "apoyo", "conflicto", "ataque", "tropas", "alto el fuego", "negociaciones",
    "portavoz", "anunció", "según", "incluyendo", "sin embargo", "durante", "contra", "entre",
    "porque", "mientras", "desde", "también", "más", "sobre", "antes", "después", "residentes",
    "hospital", "muertos", "heridos", "protesta", "crisis", "energía", "petróleo", "comercio",
    "banco", "inflación", "presupuesto", "reforma", "tribunal", "ley", "investigación",
];

const ZH_CHARS: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府";

#[rustfmt::skip]
const AR_WORDS: &[&str] = &[
    "قال", "الرئيس", "الحكومة", "وزير", "الخارجية", "في", "من", "على", "إلى", "أن", "التي",
    "الذي", "مع", "عن", "بعد", "قبل", "خلال", "بين", "المنطقة", "القوات", "الأمن", "اتفاق",
    "الحدود", "الشعب", "المدينة", "الشرطة", "تقرير", "بيان", "الأسبوع", "العام", "مليون",
    "الاقتصاد", "السوق", "الأسعار", "الانتخابات", "البرلمان", "المعارضة", "القادة", "اجتماع",
    "الدولي", "الوطني", "دعم", "النزاع", "هجوم", "وقف", "إطلاق", "النار", "المفاوضات",
    "المتحدث", "أعلن", "وفقا", "بما", "ذلك", "لكن", "ضد", "لأن", "بينما", "منذ", "أيضا", "أكثر",
    "حول", "السكان", "المستشفى", "قتلى", "جرحى", "احتجاج", "أزمة", "الطاقة", "النفط", "التجارة",
    "البنك", "المركزي", "التضخم", "الميزانية", "إصلاح", "المحكمة", "القانون", "أذربيجان",
    "أرمينيا", "روسيا", "باكو", "موسكو", "علييف",
];

/// `n` words of running prose from `vocab`, with names and numbers mixed in,
/// broken into sentences and paragraphs (one paragraph per line).
fn prose(rng: &mut Rng, vocab: &[&str], names: &[&str], n: usize) -> String {
    let mut out = String::new();
    let mut words = 0;
    let mut in_sentence = 0;
    let mut in_paragraph = 0;
    while words < n {
        let r = rng.below(100);
        let w: String = if r < 6 && !names.is_empty() {
            rng.pick(names).to_string()
        } else if r < 8 {
            format!("{}", rng.below(10_000))
        } else {
            rng.pick(vocab).to_string()
        };
        if in_sentence == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push_str(&w);
        }
        words += 1;
        in_sentence += 1;
        if in_sentence >= 8 + rng.below(18) {
            out.push_str(". ");
            in_sentence = 0;
            in_paragraph += 1;
            if in_paragraph >= 2 + rng.below(3) {
                out.pop();
                out.push('\n');
                in_paragraph = 0;
            }
        } else {
            out.push(' ');
        }
    }
    out.push_str(".\n");
    out
}

/// A ~700-word English news page as a scraper would store it: navigation,
/// byline, timestamps, share widgets, photo credit, then the article, then a
/// copyright footer, comment prompts and related links.
fn english_article(seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut s = String::new();
    s.push_str("Home | World | Business | Politics | Sport | Opinion\n");
    s.push_str("Skip to main content\n\n");
    s.push_str("Azerbaijan Says No Reason for Russia to Intervene Over Karabakh\n");
    s.push_str("By Jane Doe and John Roe\n");
    s.push_str("Published 14:32 GMT, October 4, 2020\n");
    s.push_str("Updated: 2020-10-04 16:05\n");
    s.push_str("Share\n• facebook\n• twitter\n• whatsapp\n");
    s.push_str("Photo: Reuters\n");
    s.push_str("BAKU (Reuters) - ");
    s.push_str(&prose(&mut rng, EN_WORDS, EN_NAMES, 700));
    s.push_str("(Reporting by Nailia Bagirova; Editing by Jane Doe)\n");
    s.push_str("© 2020 Reuters. All rights reserved.\n");
    s.push_str("Leave a comment\n");
    s.push_str("Your email address will not be published. Required fields are marked *\n");
    s.push_str("Read more:\nhttps://www.example.com/world/azerbaijan-russia-karabakh\n");
    s.push_str("Short Url: https://exm.pl/x1y2z3\n");
    s
}

/// A Chinese article: sentences of random common characters, ~1,500 characters.
fn chinese_article(seed: u64) -> String {
    let mut rng = Rng(seed);
    let chars: Vec<char> = ZH_CHARS.chars().collect();
    let mut s = String::from("阿塞拜疆总统表示俄罗斯没有理由干预\n");
    for _ in 0..12 {
        for _ in 0..5 {
            let len = 12 + rng.below(20);
            for _ in 0..len {
                s.push(*rng.pick(&chars));
            }
            s.push_str(if rng.below(3) == 0 { "，" } else { "。" });
        }
        s.push_str("。\n");
    }
    s
}

/// An Arabic article, ~600 words.
fn arabic_article(seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut s = String::from("أذربيجان تقول إنه لا يوجد سبب لتدخل روسيا في قره باغ\n");
    s.push_str(&prose(&mut rng, AR_WORDS, &[], 600));
    s
}

// ---------------------------------------------------------------------------
// Benchmarks
// ---------------------------------------------------------------------------

struct Texts {
    en_raw: String,
    zh_raw: String,
    ar_raw: String,
    en: String,
    zh: String,
    ar: String,
}

fn texts() -> Texts {
    let en_raw = english_article(1);
    let zh_raw = chinese_article(2);
    let ar_raw = arabic_article(3);
    let clean = |t: &str| normalize::finish(normalize::prepare(t), None).text();
    Texts {
        en: clean(&en_raw),
        zh: clean(&zh_raw),
        ar: clean(&ar_raw),
        en_raw,
        zh_raw,
        ar_raw,
    }
}

fn bench_normalize(c: &mut Criterion) {
    let t = texts();
    for (name, raw, clean) in [
        ("en", &t.en_raw, &t.en),
        ("zh", &t.zh_raw, &t.zh),
        ("ar", &t.ar_raw, &t.ar),
    ] {
        let cleaned = normalize::clean(raw);
        let sh = shingles(clean, &ShingleConfig::default()).len();
        eprintln!(
            "input {name}: {} raw bytes, {} clean bytes, {} words, {} lines removed, {} shingles",
            raw.len(),
            clean.len(),
            cleaned.words,
            cleaned.removed.len(),
            sh
        );
    }
    let mut g = c.benchmark_group("normalize");
    for (name, raw) in [("en", &t.en_raw), ("zh", &t.zh_raw), ("ar", &t.ar_raw)] {
        g.throughput(Throughput::Bytes(raw.len() as u64));
        g.bench_with_input(BenchmarkId::new("prepare+finish", name), raw, |b, raw| {
            b.iter(|| normalize::finish(normalize::prepare(black_box(raw)), None))
        });
    }
    g.finish();
}

fn bench_lang(c: &mut Criterion) {
    let t = texts();
    let mut g = c.benchmark_group("lang");
    for (name, text) in [("en", &t.en), ("zh", &t.zh), ("ar", &t.ar)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("detect", name), text, |b, text| {
            b.iter(|| detect_language(black_box(text)))
        });
    }
    g.finish();
}

fn bench_shingle(c: &mut Criterion) {
    let t = texts();
    let config = ShingleConfig::default();
    let mut g = c.benchmark_group("shingle");
    for (name, text) in [("en", &t.en), ("zh", &t.zh), ("ar", &t.ar)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("shingles", name), text, |b, text| {
            b.iter(|| shingles(black_box(text), &config))
        });
    }
    g.finish();
}

fn bench_minhash(c: &mut Criterion) {
    let config = MinHashConfig::default(); // 128 permutations
    let hasher = MinHasher::new(&config);
    let mut rng = Rng(4);
    let mut set: Vec<u64> = (0..700).map(|_| rng.next()).collect();
    set.sort_unstable();
    set.dedup();
    let mut g = c.benchmark_group("minhash");
    g.throughput(Throughput::Elements(set.len() as u64));
    g.bench_function(
        BenchmarkId::new("signature", format!("{}x{}", set.len(), config.num_perm)),
        |b| b.iter(|| hasher.signature(black_box(&set))),
    );
    g.finish();
}

/// `n` signatures: groups of 1–4 near-copies (about 10% of minima changed per
/// copy) of random base signatures, so LSH finds real candidate buckets.
fn synthetic_signatures(n: usize, num_perm: usize) -> Vec<Signature> {
    let mut rng = Rng(5);
    let mut out: Vec<Signature> = Vec::with_capacity(n);
    while out.len() < n {
        let base: Signature = (0..num_perm).map(|_| rng.next() as Min).collect();
        let copies = 1 + rng.below(4);
        for _ in 0..copies.min(n - out.len()) {
            let sig = base
                .iter()
                .map(|&v| {
                    if rng.below(10) == 0 {
                        rng.next() as Min
                    } else {
                        v
                    }
                })
                .collect();
            out.push(sig);
        }
    }
    out
}

fn bench_lsh(c: &mut Criterion) {
    let num_perm = MinHashConfig::default().num_perm;
    let threshold = 0.5;
    let bands = optimal_bands(threshold, num_perm);
    let sigs = synthetic_signatures(5_000, num_perm);
    let mut g = c.benchmark_group("lsh");
    g.sample_size(20);
    g.throughput(Throughput::Elements(sigs.len() as u64));
    g.bench_function(
        BenchmarkId::new(
            "near_duplicate_pairs",
            format!("{}sigs_b{}r{}", sigs.len(), bands.bands, bands.rows),
        ),
        |b| b.iter(|| near_duplicate_pairs(black_box(&sigs), bands, threshold)),
    );
    g.finish();
}

fn bench_features(c: &mut Criterion) {
    let t = texts();
    let mut g = c.benchmark_group("story_features");
    for (name, text) in [("en", &t.en), ("zh", &t.zh), ("ar", &t.ar)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("extract", name), text, |b, text| {
            b.iter(|| story_features(black_box(text), name))
        });
    }
    g.finish();
}

/// ~2,000 documents about 400 events in three languages: each event has its own
/// names and numbers (shared across languages), each document its own prose.
fn story_corpus(n: usize) -> (Vec<StoryFeatures>, Vec<&'static str>) {
    let mut rng = Rng(6);
    let langs: [(&str, &[&str]); 3] = [("en", EN_WORDS), ("id", ID_WORDS), ("es", ES_WORDS)];
    let events = n / 5;
    let event_names: Vec<Vec<String>> = (0..events)
        .map(|e| {
            let mut names: Vec<String> = (0..3).map(|_| rng.pick(EN_NAMES).to_string()).collect();
            names.push(format!("Event{e}ville"));
            names.push(format!("{}", 1000 + e * 7));
            names
        })
        .collect();
    let mut feats = Vec::with_capacity(n);
    let mut tags = Vec::with_capacity(n);
    for i in 0..n {
        let (tag, vocab) = langs[rng.below(3)];
        let names: Vec<&str> = event_names[i % events].iter().map(String::as_str).collect();
        let text = prose(&mut rng, vocab, &names, 250);
        feats.push(story_features(&text, tag));
        tags.push(tag);
    }
    (feats, tags)
}

fn bench_story_index(c: &mut Criterion) {
    let n = 2_000;
    let (feats, tags) = story_corpus(n);
    let docs: Vec<StoryDoc> = feats
        .into_iter()
        .zip(tags)
        .map(|(features, lang)| StoryDoc { features, lang })
        .collect();
    let variant_of: Vec<u32> = (0..n as u32).collect();
    let config = StoryConfig::default();
    let model = Model::new(docs.clone(), &variant_of);
    eprintln!(
        "story_index: {} docs, {} candidate pairs",
        n,
        candidate_pairs(&model, &config).len()
    );

    let mut g = c.benchmark_group("story_index");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(BenchmarkId::new("Model::new", n), |b| {
        b.iter_batched(
            || docs.clone(),
            |d| Model::new(black_box(d), &variant_of),
            BatchSize::LargeInput,
        )
    });
    g.bench_function(BenchmarkId::new("candidate_pairs", n), |b| {
        b.iter(|| candidate_pairs(black_box(&model), &config))
    });
    g.bench_function(BenchmarkId::new("new+candidate_pairs", n), |b| {
        b.iter_batched(
            || docs.clone(),
            |d| candidate_pairs(&Model::new(black_box(d), &variant_of), &config),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(
    stages,
    bench_normalize,
    bench_lang,
    bench_shingle,
    bench_minhash,
    bench_lsh,
    bench_features,
    bench_story_index
);
criterion_main!(stages);
