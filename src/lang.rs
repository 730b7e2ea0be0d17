//! Stage 3 — **lang**: language identification with whatlang, reported as
//! ISO 639-1 codes (`und` when unreliable).
//!
//! whatlang has no Malay model: Malay text comes out as Indonesian. We separate
//! the two with a small table of marker words whose spelling differs between
//! the two standards (Malay *kerana*, *boleh*, *wang* vs Indonesian *karena*,
//! *bisa*, *uang*); with no markers either way the tag stays `id`.

use serde::Serialize;
use whatlang::{Detector, Lang};

/// A language tag with its confidence in `[0, 1]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LangTag {
    /// ISO 639-1 code, or the ISO 639-3 code where no 639-1 exists, or `und`.
    pub code: &'static str,
    pub confidence: f64,
}

impl Default for LangTag {
    fn default() -> Self {
        LangTag::UNDETERMINED
    }
}

impl LangTag {
    pub const UNDETERMINED: LangTag = LangTag {
        code: "und",
        confidence: 0.0,
    };
}

/// Characters of text given to the detector (enough for a reliable guess).
const SAMPLE_BYTES: usize = 1024;
/// Below this confidence the tag is `und`.
const MIN_CONFIDENCE: f64 = 0.15;

/// Detect the language of a cleaned document.
pub fn detect(text: &str) -> LangTag {
    let sample = head(text, SAMPLE_BYTES);
    let detector = Detector::new();
    let Some(info) = detector.detect(sample) else {
        return LangTag::UNDETERMINED;
    };
    let confidence = (info.confidence() * 100.0).round() / 100.0;
    if confidence < MIN_CONFIDENCE && !info.is_reliable() {
        return LangTag::UNDETERMINED;
    }
    let mut code = iso639_1(info.lang());
    if code == "id" && malay_score(sample) > 0 {
        code = "ms";
    }
    LangTag { code, confidence }
}

fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Spellings that differ between standard Malay and Indonesian.
const MALAY_MARKERS: &[&str] = &[
    "kerana",
    "boleh",
    "wang",
    "bahawa",
    "iaitu",
    "sahaja",
    "selepas",
    "semasa",
    "kerajaan",
    "mahu",
    "baharu",
    "hospital",
    "polis",
    "peratus",
    "bilion",
    "antarabangsa",
    "menerusi",
    "sebarang",
    "kenyataan",
    "memaklumkan",
    "jabatan",
    "encik",
    "puan",
    "apabila",
    "iaitu",
    "bagaimanapun",
    "terdapat",
    "bersama-sama",
    "pihak berkuasa",
    "negeri",
];
const INDONESIAN_MARKERS: &[&str] = &[
    "karena",
    "bisa",
    "uang",
    "bahwa",
    "yaitu",
    "saja",
    "setelah",
    "sesudah",
    "pemerintah",
    "mau",
    "baru",
    "polisi",
    "persen",
    "miliar",
    "internasional",
    "melalui",
    "apapun",
    "pernyataan",
    "mengatakan",
    "tersebut",
    "bapak",
    "ketika",
    "namun",
    "sementara",
    "bisa",
];

/// Positive when the text reads as Malay rather than Indonesian.
fn malay_score(text: &str) -> i64 {
    let lower = text.to_lowercase();
    let mut score = 0i64;
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if MALAY_MARKERS.contains(&word) && !INDONESIAN_MARKERS.contains(&word) {
            score += 1;
        }
        if INDONESIAN_MARKERS.contains(&word) && !MALAY_MARKERS.contains(&word) {
            score -= 1;
        }
    }
    score
}

/// whatlang's ISO 639-3 → ISO 639-1 (639-3 kept where 639-1 has no code).
pub fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_languages_as_iso639_1() {
        let cases = [
            (
                "en",
                "The president said on Sunday that there was no reason for the army to intervene in the conflict.",
            ),
            (
                "ru",
                "Президент заявил в воскресенье, что у армии нет причин вмешиваться в этот конфликт.",
            ),
            (
                "ar",
                "قال الرئيس يوم الأحد إنه لا يوجد سبب لتدخل الجيش في هذا النزاع على الإطلاق.",
            ),
            (
                "zh",
                "总统周日表示，军队没有理由干预这场冲突，战斗已经持续了一个多月。",
            ),
            (
                "th",
                "ประธานาธิบดีกล่าวเมื่อวันอาทิตย์ว่าไม่มีเหตุผลที่กองทัพจะเข้าแทรกแซงความขัดแย้งนี้",
            ),
            (
                "hi",
                "राष्ट्रपति ने रविवार को कहा कि सेना के लिए इस संघर्ष में हस्तक्षेप करने का कोई कारण नहीं है।",
            ),
        ];
        for (code, text) in cases {
            assert_eq!(detect(text).code, code, "{text}");
        }
    }

    #[test]
    fn separates_malay_from_indonesian() {
        let id = "Presiden mengatakan bahwa pemerintah tidak bisa menerima hal tersebut karena uang itu milik rakyat.";
        let ms = "Presiden berkata bahawa kerajaan tidak boleh menerima perkara itu kerana wang itu milik rakyat.";
        assert_eq!(detect(id).code, "id");
        assert_eq!(detect(ms).code, "ms");
    }

    #[test]
    fn empty_or_symbolic_text_is_undetermined() {
        assert_eq!(detect("").code, "und");
        assert_eq!(detect("12345 !!! ---").code, "und");
    }
}
