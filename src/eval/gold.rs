//! Gold labels of a labelled corpus and the language tags they are compared
//! with: `gold.json` parsing and ISO 639-1 normalisation (`norm_lang` of the
//! development corpora's `score.py`).

use std::collections::BTreeMap;

use serde::Deserialize;

/// Gold labels of one corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gold {
    /// Keyed by file name (basename).
    pub docs: BTreeMap<String, GoldDoc>,
}

/// Gold labels of one document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldDoc {
    pub story: String,
    /// Near-duplicate group; `None` = no near-duplicate information.
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
}

#[derive(Deserialize)]
struct GoldFile {
    docs: BTreeMap<String, GoldDoc>,
}

/// Parse a `gold.json` (`{"corpus": ..., "docs": {file: {story, variant, lang}}, ...}`);
/// keys other than `docs` are ignored.
pub fn parse_gold(json: &str) -> Result<Gold, String> {
    let file: GoldFile =
        serde_json::from_str(json).map_err(|e| format!("invalid gold JSON: {e}"))?;
    Ok(Gold { docs: file.docs })
}

// ------------------------------------------------------------- languages

/// ISO 639-3 / 639-2B / common aliases -> ISO 639-1 (`LANG_ALIASES` of score.py).
const LANG_ALIASES: &[(&str, &str)] = &[
    ("eng", "en"),
    ("deu", "de"),
    ("ger", "de"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("spa", "es"),
    ("ita", "it"),
    ("por", "pt"),
    ("nld", "nl"),
    ("dut", "nl"),
    ("rus", "ru"),
    ("ukr", "uk"),
    ("pol", "pl"),
    ("ces", "cs"),
    ("cze", "cs"),
    ("slk", "sk"),
    ("slo", "sk"),
    ("hun", "hu"),
    ("ron", "ro"),
    ("rum", "ro"),
    ("swe", "sv"),
    ("dan", "da"),
    ("nor", "no"),
    ("nob", "nb"),
    ("fin", "fi"),
    ("est", "et"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("ell", "el"),
    ("gre", "el"),
    ("tur", "tr"),
    ("ara", "ar"),
    ("arb", "ar"),
    ("heb", "he"),
    ("iw", "he"),
    ("fas", "fa"),
    ("per", "fa"),
    ("pes", "fa"),
    ("hin", "hi"),
    ("ben", "bn"),
    ("urd", "ur"),
    ("tha", "th"),
    ("vie", "vi"),
    ("ind", "id"),
    ("in", "id"),
    ("msa", "ms"),
    ("may", "ms"),
    ("zsm", "ms"),
    ("zho", "zh"),
    ("chi", "zh"),
    ("cmn", "zh"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("tgl", "tl"),
    ("bul", "bg"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("slv", "sl"),
    ("cat", "ca"),
    ("eus", "eu"),
    ("baq", "eu"),
    ("glg", "gl"),
    ("cym", "cy"),
    ("wel", "cy"),
    ("gle", "ga"),
    ("isl", "is"),
    ("ice", "is"),
    ("afr", "af"),
    ("swa", "sw"),
    ("swh", "sw"),
    ("amh", "am"),
    ("hye", "hy"),
    ("arm", "hy"),
    ("kat", "ka"),
    ("geo", "ka"),
    ("aze", "az"),
    ("kaz", "kk"),
    ("uzb", "uz"),
    ("tam", "ta"),
    ("tel", "te"),
    ("mar", "mr"),
    ("guj", "gu"),
    ("pan", "pa"),
    ("kan", "kn"),
    ("mal", "ml"),
    ("sin", "si"),
    ("nep", "ne"),
    ("mya", "my"),
    ("bur", "my"),
    ("khm", "km"),
    ("lao", "lo"),
    ("mon", "mn"),
    ("bel", "be"),
    ("mkd", "mk"),
    ("mac", "mk"),
    ("sqi", "sq"),
    ("alb", "sq"),
    ("bos", "bs"),
    ("ltz", "lb"),
    ("mlt", "mt"),
    ("som", "so"),
    ("hau", "ha"),
    ("yor", "yo"),
    ("ibo", "ig"),
    ("zul", "zu"),
    ("xho", "xh"),
    ("pus", "ps"),
    ("kur", "ku"),
    ("tat", "tt"),
    ("uig", "ug"),
    ("fao", "fo"),
    ("tgk", "tg"),
    ("tuk", "tk"),
    ("kir", "ky"),
];

/// Codes treated as the same language (`LANG_EQUIV` of score.py).
const LANG_EQUIV: &[(&str, &str)] = &[("fil", "tl"), ("nb", "no"), ("nn", "no")];

fn lookup<'a>(table: &[(&str, &'a str)], key: &str) -> Option<&'a str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// Python's `str.isspace` (what `str.strip()` removes): Unicode White_Space
/// plus the information separators U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Normalise a language tag to ISO 639-1 where possible (`norm_lang` of
/// score.py): strip, `_` -> `-`, keep the primary subtag, lower-case, map
/// aliases and equivalents. `None` for an empty or undetermined tag
/// (`und`, `unk`, `unknown`, `xx`, `zxx`, `mul`).
pub fn norm_lang(code: &str) -> Option<String> {
    let c = code.trim_matches(is_py_space).replace('_', "-");
    if c.is_empty() {
        return None;
    }
    let base = c.split('-').next().unwrap_or_default().to_lowercase();
    if matches!(
        base.as_str(),
        "und" | "unk" | "unknown" | "xx" | "zxx" | "mul"
    ) {
        return None;
    }
    let base = lookup(LANG_ALIASES, &base).map_or(base, str::to_string);
    Some(lookup(LANG_EQUIV, &base).map_or(base, str::to_string))
}

/// `os.path.basename(path.replace("\\", "/"))`.
pub(super) fn basename(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_gold_format() {
        let json = r#"{"corpus": "x", "bodies": {"a.txt": "text"},
            "docs": {"a.txt": {"story": "s", "variant": null, "lang": "en", "origin": "o"},
                     "b.txt": {"story": "s", "variant": "v"}}}"#;
        let g = parse_gold(json).expect("valid gold");
        assert_eq!(g.docs.len(), 2);
        assert_eq!(g.docs["a.txt"].variant, None);
        assert_eq!(g.docs["b.txt"].variant.as_deref(), Some("v"));
        assert_eq!(g.docs["b.txt"].lang, None);
        assert!(parse_gold("{}").is_err());
        assert!(parse_gold("not json").is_err());
        assert!(parse_gold(r#"{"docs": {"a": {"variant": "v"}}}"#).is_err());
    }

    #[test]
    fn basenames_take_either_separator() {
        assert_eq!(basename("out/a.txt"), "a.txt");
        assert_eq!(basename("x\\f.txt"), "f.txt");
        assert_eq!(basename("plain.txt"), "plain.txt");
    }
}
