//! Entry points for the fuzz targets (`fuzz/`) and for their regression tests
//! (`tests/fuzz_regressions.rs`); not part of the library's API.
//!
//! Each function takes raw bytes, runs one stage the way the pipeline runs
//! it, and checks that stage's invariants. A panic is a crash of the stage;
//! `Err` names an invariant the stage broke (the fuzz targets panic on it).
//! `Ok` says what kind of input it was (`"utf16"`, `"binary"`, …), so the
//! regression tests can check that their corpus reaches every outcome.
//!
//! This is the only door the fuzzers have into the crate: a change to a
//! stage's API only has to keep this file compiling.

use std::path::PathBuf;

use unicode_normalization::{IsNormalized, is_nfkc_quick};

use crate::analyze;
use crate::config::Config;
use crate::html::{self, HtmlError};
use crate::minhash::MinHasher;
use crate::normalize::{self, Cleaned, Furniture, unicode};
use crate::story::anchors;
use crate::story::features::{self, StoryFeatures, WORD_SAMPLE, WordSampler};
use crate::tokenize;
use crate::walk::{self, Encoding, SkipReason, Source};

/// What a check found: the kind of input on success, the broken invariant otherwise.
pub type Checked = Result<&'static str, String>;

/// Fail with a message unless `cond` holds.
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// The names of the targets, as the fuzz crate and the regression folders call them.
pub const TARGETS: &[&str] = &["decode", "html", "clean", "tokenize", "analyse"];

/// Run the named target's check (`None` for an unknown name).
pub fn check(target: &str, data: &[u8]) -> Option<Checked> {
    Some(match target {
        "decode" => decode(data),
        "html" => html(data),
        "clean" => clean(data),
        "tokenize" => tokenize(data),
        "analyse" => analyse(data),
        _ => return None,
    })
}

/// The bytes as text, as a stage after decoding would see them.
fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Decoding raw file bytes (UTF-8, UTF-16 with a BOM, a declared charset,
/// Windows-1252; binary refused).
pub fn decode(data: &[u8]) -> Checked {
    let first = walk::decode(data.to_vec());
    let again = walk::decode(data.to_vec());
    ensure!(
        format!("{first:?}") == format!("{again:?}"),
        "decoding the same bytes twice differs"
    );
    let utf16 = matches!(data, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
    let utf8 = std::str::from_utf8(data).ok();
    match first {
        Ok(doc) => {
            ensure!(!doc.text.contains('\0'), "decoded text keeps a NUL");
            ensure!(!doc.text.trim().is_empty(), "decoded text is blank");
            ensure!(
                (doc.encoding == Encoding::Utf16) == utf16,
                "{:?} for bytes that {} a UTF-16 byte-order mark",
                doc.encoding,
                if utf16 { "start with" } else { "lack" }
            );
            match doc.encoding {
                Encoding::Utf16 => Ok("utf16"),
                Encoding::Utf8 => {
                    // Valid UTF-8, or damaged UTF-8 after a byte-order mark.
                    let body = match (utf8, data.strip_prefix(b"\xEF\xBB\xBF")) {
                        (Some(s), _) => s.strip_prefix('\u{feff}').unwrap_or(s).into(),
                        (None, Some(rest)) => String::from_utf8_lossy(rest),
                        (None, None) => return Err("invalid UTF-8 decoded as UTF-8".into()),
                    };
                    let want: String = body.chars().filter(|&c| c != '\0').collect();
                    ensure!(doc.text == want, "UTF-8 text changed by decoding");
                    Ok("utf8")
                }
                Encoding::Windows1252 => {
                    ensure!(utf8.is_none(), "valid UTF-8 decoded as Windows-1252");
                    let nuls = data.iter().filter(|&&b| b == 0).count();
                    ensure!(
                        doc.text.chars().count() == data.len() - nuls,
                        "Windows-1252 gives one character per byte"
                    );
                    Ok("windows1252")
                }
                Encoding::Declared => {
                    ensure!(utf8.is_none(), "valid UTF-8 decoded by a declared charset");
                    Ok("declared")
                }
            }
        }
        Err(SkipReason::Empty) => Ok("empty"),
        Err(SkipReason::Binary { .. }) => {
            ensure!(!utf16, "UTF-16 with a byte-order mark refused as binary");
            Ok("binary")
        }
        Err(other) => Err(format!("decoding gave an unexpected reason: {other:?}")),
    }
}

/// Sniffing and extracting an HTML page (the bytes read as UTF-8, lossily).
pub fn html(data: &[u8]) -> Checked {
    let text = text_of(data);
    let sniffed = html::looks_like_html(&text);
    match html::extract(&text) {
        Ok(ex) => {
            ensure!(!ex.text.is_empty(), "extracted an empty text");
            for para in ex.text.split("\n\n") {
                ensure!(
                    !para.is_empty(),
                    "more than one blank line between paragraphs"
                );
                for line in para.lines() {
                    check_tidy_line(line).map_err(|e| format!("extracted text: {e}"))?;
                }
            }
            if let Some(title) = &ex.title {
                ensure!(!title.contains('\n'), "title {title:?} spans lines");
                ensure!(
                    !title.trim().is_empty(),
                    "title {title:?} is blank but present"
                );
            }
            Ok(if sniffed {
                "html_article"
            } else {
                "text_article"
            })
        }
        Err(HtmlError::NoContent) => Ok("no_content"),
        Err(HtmlError::TooDeep) => Ok("too_deep"),
        Err(HtmlError::TooManyAmpersands) => Ok("too_many_ampersands"),
        Err(HtmlError::TooLarge(n)) => {
            ensure!(n > html::MAX_HTML_BYTES, "{n} bytes refused as too large");
            Ok("too_large")
        }
    }
}

/// A line of extracted text: words separated by single spaces.
fn check_tidy_line(line: &str) -> Result<(), String> {
    ensure!(!line.is_empty(), "an empty line inside a paragraph");
    ensure!(
        line.split(' ')
            .all(|w| !w.is_empty() && !w.chars().any(char::is_whitespace)),
        "line {line:?} has other whitespace than single spaces"
    );
    Ok(())
}

/// Cleaning a document (the bytes read as UTF-8, lossily), with and without
/// the article selection.
pub fn clean(data: &[u8]) -> Checked {
    let text = text_of(data);
    let mut out = String::new();
    let mut again = String::new();
    for line in text.lines() {
        unicode::normalize_line(line, &mut out);
        check_normalized(&out)?;
        unicode::normalize_line(&out, &mut again);
        // Markdown is stripped one level deep ("# ###" gives "###", then ""):
        // a line that still looks like markdown may change again.
        ensure!(
            again == out || looks_like_markdown(&out),
            "normalizing twice changes {out:?} to {again:?}"
        );
    }
    let input_lines = text.lines().count();
    let selected = normalize::clean(&text);
    check_cleaned(&selected, input_lines).map_err(|e| format!("clean: {e}"))?;
    let extracted = normalize::finish_extracted(normalize::prepare(&text), None);
    check_cleaned(&extracted, input_lines).map_err(|e| format!("finish_extracted: {e}"))?;
    // The extracted path keeps every line the rules keep; selection only drops more.
    ensure!(
        selected.lines.len() <= extracted.lines.len(),
        "article selection kept more lines ({}) than no selection ({})",
        selected.lines.len(),
        extracted.lines.len()
    );
    Ok(if selected.lines.is_empty() {
        "nothing_kept"
    } else {
        "kept"
    })
}

/// What `strip_markdown` removes: a heading mark, an autolink, a link.
fn looks_like_markdown(line: &str) -> bool {
    line.starts_with('#') || line.contains("](") || (line.starts_with('<') && line.ends_with('>'))
}

/// A normalized line: trimmed, one kind of space, no control or zero-width
/// characters, and NFKC apart from the characters kept as written.
fn check_normalized(line: &str) -> Result<(), String> {
    ensure!(
        line.trim() == line,
        "normalized line {line:?} is not trimmed"
    );
    ensure!(
        !line.contains("  "),
        "normalized line {line:?} has a double space"
    );
    ensure!(
        !line
            .chars()
            .any(|c| (c.is_whitespace() && c != ' ') || c.is_control()),
        "normalized line {line:?} has a control or non-space whitespace character"
    );
    ensure!(
        !line.contains(['\u{200B}', '\u{2060}', '\u{FEFF}', '\u{00AD}']),
        "normalized line {line:?} has a zero-width character or soft hyphen"
    );
    for part in line.split(unicode::is_kept_as_written) {
        ensure!(
            is_nfkc_quick(part.chars()) != IsNormalized::No && is_nfkc(part),
            "normalized line {line:?} is not NFKC"
        );
    }
    Ok(())
}

fn is_nfkc(s: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc().eq(s.chars())
}

/// A cleaned document: kept lines are normalized single lines, the word count
/// is theirs, the title comes from a kept line, removals are in input order.
fn check_cleaned(c: &Cleaned, input_lines: usize) -> Result<(), String> {
    ensure!(
        c.lines.len() <= input_lines,
        "{} lines kept of {input_lines}",
        c.lines.len()
    );
    for line in &c.lines {
        ensure!(
            !line.is_empty() && !line.contains('\n'),
            "kept line {line:?} is empty or spans lines"
        );
    }
    let words: usize = c.lines.iter().map(|l| tokenize::word_count(l)).sum();
    ensure!(
        c.words == words,
        "words {} but the kept lines have {words}",
        c.words
    );
    if c.title.is_empty() {
        ensure!(c.lines.is_empty(), "no title although lines were kept");
    } else {
        let head = c.title.strip_suffix('…').unwrap_or(&c.title);
        ensure!(
            c.lines.iter().any(|l| l == &c.title || l.starts_with(head)),
            "title {:?} is none of the kept lines",
            c.title
        );
    }
    ensure!(
        c.removed.windows(2).all(|w| w[0].line <= w[1].line),
        "removed lines out of input order"
    );
    ensure!(
        c.removed
            .iter()
            .all(|r| (1..=input_lines).contains(&r.line)),
        "a removed line number is outside the input"
    );
    Ok(())
}

/// Tokenizing, story anchors and story features of a text (the bytes read
/// as UTF-8, lossily).
pub fn tokenize(data: &[u8]) -> Checked {
    let text = text_of(data);
    let tokens = tokenize::tokens(&text);
    for t in &tokens {
        let mut chars = t.chars();
        let Some(first) = chars.next() else {
            return Err("an empty token".into());
        };
        ensure!(
            (tokenize::is_word_char(first) || crate::script::is_unspaced(first))
                && !crate::charclass::is_mark(first),
            "token {t:?} starts with {first:?}"
        );
        if crate::script::is_unspaced(first) {
            // One character (with its marks) of an unspaced script; the
            // script's punctuation (`・`, `။`, `៕`) is a token too.
            ensure!(
                chars.all(crate::charclass::is_mark),
                "token {t:?} holds more than one character of an unspaced script"
            );
        } else {
            ensure!(
                t.chars().all(|c| crate::charclass::is_mark(c)
                    || (tokenize::is_word_char(c) && !crate::script::is_unspaced(c))),
                "token {t:?} mixes in other characters"
            );
        }
        let ascii = anchors::transliterate(t);
        ensure!(
            ascii
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()),
            "transliteration {ascii:?} of {t:?} is not lower-case ASCII"
        );
        let skeleton = anchors::skeleton(&ascii);
        ensure!(
            skeleton.chars().all(|c| "pkstnlr".contains(c))
                && skeleton.as_bytes().windows(2).all(|w| w[0] != w[1]),
            "skeleton {skeleton:?} of {ascii:?}"
        );
    }
    for n in anchors::numbers(&text) {
        ensure!(
            n.len() >= 2
                && n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && n.matches('.').count() <= 1
                && !n.ends_with('.'),
            "number anchor {n:?}"
        );
    }
    let f = features::extract(&text, "en");
    check_features(&f)?;
    // The pipeline samples words from its own tokenization pass (for the
    // shingles): it must give the same features.
    let mut words = WordSampler::new("en");
    for t in &tokens {
        words.push(t, crate::shingle::token_hash(t));
    }
    let g = features::extract_with_words(&text, words);
    ensure!(
        (&f.anchors, &f.guessed, &f.words) == (&g.anchors, &g.guessed, &g.words),
        "features differ between the two tokenization paths"
    );
    let mut labelled: Vec<features::Feature> = anchors::labels(&text).into_keys().collect();
    labelled.sort_unstable();
    ensure!(
        labelled == f.anchors,
        "explain's anchor labels are not the anchors"
    );
    Ok(if tokens.is_empty() {
        "no_tokens"
    } else {
        "tokens"
    })
}

/// Story features: sorted and distinct, guessed anchors among the anchors,
/// the word sample bounded.
fn check_features(f: &StoryFeatures) -> Result<(), String> {
    let strictly_sorted = |v: &[features::Feature]| v.windows(2).all(|w| w[0] < w[1]);
    ensure!(
        strictly_sorted(&f.anchors),
        "anchors not sorted and distinct"
    );
    ensure!(
        strictly_sorted(&f.guessed),
        "guessed not sorted and distinct"
    );
    ensure!(strictly_sorted(&f.words), "words not sorted and distinct");
    ensure!(
        f.word_counts.len() == f.words.len() && f.word_counts.iter().all(|&c| c >= 1),
        "word counts do not match the words"
    );
    ensure!(
        f.guessed.iter().all(|g| f.anchors.binary_search(g).is_ok()),
        "a guessed anchor is not an anchor"
    );
    ensure!(
        f.words.len() <= WORD_SAMPLE,
        "{} sampled words > {WORD_SAMPLE}",
        f.words.len()
    );
    Ok(())
}

/// The whole analysis of one document, as the pipeline runs it (decode →
/// HTML extraction → cleaning → language → shingles → signature → features),
/// once as a `.txt` file (HTML only if sniffed) and once as an `.html` file.
pub fn analyse(data: &[u8]) -> Checked {
    let config = Config::default();
    let hasher = MinHasher::new(&config.minhash);
    let furniture = Furniture::default();
    let mut kinds = Vec::new();
    for name in ["doc.txt", "doc.html"] {
        let source = Source {
            path: PathBuf::from(name),
        };
        // (Run once: determinism is the other targets' check, and this
        // target is slow enough.)
        let result = walk::decode(data.to_vec())
            .and_then(|raw| analyze::scan_raw(&source, raw))
            .and_then(|scanned| {
                analyze::process(&source, Some(Ok(scanned)), &config, &furniture, &hasher)
            });
        kinds.push(match result {
            Ok(doc) => {
                ensure!(
                    doc.signature.len() == config.minhash.num_perm,
                    "{name}: signature of {} minima, not {}",
                    doc.signature.len(),
                    config.minhash.num_perm
                );
                ensure!(
                    doc.meta.words >= config.normalize.min_words,
                    "{name}: kept with {} words",
                    doc.meta.words
                );
                ensure!(
                    !doc.meta.title.is_empty() && !doc.meta.title.contains('\n'),
                    "{name}: title {:?}",
                    doc.meta.title
                );
                ensure!(
                    !doc.meta.lang.code.is_empty()
                        && (0.0..=1.0).contains(&doc.meta.lang.confidence),
                    "{name}: language {:?}",
                    doc.meta.lang
                );
                check_features(&doc.features).map_err(|e| format!("{name}: {e}"))?;
                "document"
            }
            Err(SkipReason::TooShort { words }) => {
                ensure!(
                    words < config.normalize.min_words,
                    "{name}: skipped as too short with {words} words"
                );
                "too_short"
            }
            Err(SkipReason::Empty) => "empty",
            Err(SkipReason::Binary { .. }) => "binary",
            Err(SkipReason::NoArticle { .. }) => "no_article",
            Err(other) => return Err(format!("{name}: unexpected skip reason {other:?}")),
        });
    }
    // The outcome as a `.txt` file is what the regression tests count.
    Ok(kinds[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_catch_broken_invariants() {
        assert!(check_normalized("e\u{301}").is_err(), "not NFKC");
        assert!(check_normalized("ﬁne").is_err(), "ligature is not NFKC");
        assert!(check_normalized("café！").is_ok(), "full-width ! is kept");
        assert!(check_normalized(" a").is_err());
        assert!(check_normalized("a\u{200B}b").is_err());
        assert!(check_tidy_line("a  b").is_err());
        assert!(check_tidy_line("a\tb").is_err());
        let mut c = Cleaned {
            title: "A title".into(),
            lines: vec!["A title".into(), "Some words here".into()],
            removed: Vec::new(),
            words: 5,
            shared: Vec::new(),
            lang: crate::lang::LangTag::UNDETERMINED,
        };
        assert_eq!(check_cleaned(&c, 2), Ok(()));
        c.words = 4;
        assert!(check_cleaned(&c, 2).is_err());
        c.words = 5;
        c.title = "Another".into();
        assert!(check_cleaned(&c, 2).is_err());
        let unsorted = StoryFeatures {
            anchors: vec![2, 1],
            ..StoryFeatures::default()
        };
        assert!(check_features(&unsorted).is_err());
        let stray = StoryFeatures {
            anchors: vec![1, 2],
            guessed: vec![3],
            ..StoryFeatures::default()
        };
        assert!(check_features(&stray).is_err());
    }

    #[test]
    fn every_target_has_a_check() {
        for t in TARGETS {
            assert!(check(t, b"x").is_some(), "{t}");
        }
        assert_eq!(check("nope", b"x"), None);
    }

    #[test]
    fn outcomes_name_the_input_kind() {
        assert_eq!(decode(b"\xff\xfeh\0i\0"), Ok("utf16"));
        assert_eq!(decode(b"caf\xe9"), Ok("windows1252"));
        assert_eq!(decode(b"\x1f\x8b\x08\0"), Ok("binary"));
        assert_eq!(decode(b" \n"), Ok("empty"));
        assert_eq!(html(b"<p>Hello there</p>"), Ok("html_article"));
        assert_eq!(html(b"<p> </p>"), Ok("no_content"));
        assert_eq!(tokenize(b"Hello 1,200 world"), Ok("tokens"));
        let article = "Officials in Paris said on Tuesday that the new bridge over the river \
                       would open to traffic in the spring of next year, after long delays.";
        assert_eq!(analyse(article.as_bytes()), Ok("document"));
        assert_eq!(analyse(b"Too short."), Ok("too_short"));
    }
}
