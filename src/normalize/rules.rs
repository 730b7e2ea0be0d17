//! The boilerplate rules, kept as data: each rule is a pattern, what to do when
//! it matches, and the reason recorded in the output. Patterns are generic
//! across sites and languages; none is keyed to a particular file.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::Serialize;

/// Why a line (or a prefix of a line) was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Byline,
    Dateline,
    Timestamp,
    PhotoCredit,
    ShareWidget,
    CommentPrompt,
    SourceLink,
    Url,
    Copyright,
    ReportingCredit,
    Tagline,
    Navigation,
    SignOff,
    Attribution,
    RepeatedLine,
    PageEdge,
    Furniture,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Byline => "byline",
            Reason::Dateline => "dateline",
            Reason::Timestamp => "timestamp",
            Reason::PhotoCredit => "photo_credit",
            Reason::ShareWidget => "share_widget",
            Reason::CommentPrompt => "comment_prompt",
            Reason::SourceLink => "source_link",
            Reason::Url => "url",
            Reason::Copyright => "copyright",
            Reason::ReportingCredit => "reporting_credit",
            Reason::Tagline => "tagline",
            Reason::Navigation => "navigation",
            Reason::SignOff => "sign_off",
            Reason::Attribution => "attribution",
            Reason::RepeatedLine => "repeated_line",
            Reason::PageEdge => "page_edge",
            Reason::Furniture => "furniture",
        }
    }
}

/// A rule that removes a whole line.
pub struct LineRule {
    pub reason: Reason,
    pub pattern: &'static str,
}

/// A rule that removes the matched start of a line and keeps the rest.
pub struct PrefixRule {
    pub reason: Reason,
    pub pattern: &'static str,
    /// A cheap test that must pass before the pattern is tried (speed only).
    pub guard: fn(&str) -> bool,
}

/// The first `n` bytes of `s` (at a character boundary).
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn starts_with_two_capitals(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(char::is_uppercase) && c.next().is_some_and(char::is_uppercase)
}

fn has_site_and_dash(s: &str) -> bool {
    let h = head(s, 70);
    h.contains(',')
        && h.contains('.')
        && (h.contains(" -") || h.contains(" –") || h.contains(" —") || h.contains(':'))
}

fn starts_like_attribution(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'd' | b'D' | b'm' | b'M' | b's' | b'S')
    )
}

/// Lines longer than this (in bytes) are never matched by [`LINE_RULES`].
pub const MAX_RULE_LINE_BYTES: usize = 400;

/// Whole-line rules. Matched against the Unicode-normalized, trimmed line.
pub const LINE_RULES: &[LineRule] = &[
    // "By Jane Doe and John Roe", "By AFP", "Oleh Budi Santoso", "Por María López".
    LineRule {
        reason: Reason::Byline,
        pattern: r"^(?i:by|written by|reported by|posted by|story by|words by|text by|oleh|por|par|von|door|av|przez|di)\s+(?:(?:\p{Lu}[\p{L}\p{M}.'’-]*|(?i:and|&|with|in|de|da|van|von|al|el|bin|binti)|[,;|]|\s)+)(?:\s*[|,–—-]\s*(?:[\p{L} ]*|(?:(?:[\p{Lu}\p{N}][\p{L}\p{N}.:/]*|at|on|am|pm|a\.m\.|p\.m\.|um|à|le|el)[\s,|–—-]*)+))?$",
    },
    LineRule {
        reason: Reason::Byline,
        pattern: r"(?i)^(?:author|reporter|editor|penulis|editor|redaktur|autor|auteur)\s*:\s*.+$",
    },
    // Photo credits: "EPA / Aziz Karimov / TASS", "Photo: Reuters", "(AP Photo/Jane Doe)".
    LineRule {
        reason: Reason::PhotoCredit,
        pattern: r"^[\p{L}\p{M}.'’-]+(?: [\p{L}\p{M}.'’-]+)*(?: / [\p{L}\p{M}.'’-]+(?: [\p{L}\p{M}.'’-]+)*)+$",
    },
    LineRule {
        reason: Reason::PhotoCredit,
        pattern: r"(?i)^\(?(?:photo|photos|image|images|picture|foto|credit|photograph|illustration|file photo|gambar|bild|imagen|crédit photo)(?: credit)?\s*(?:[:/|]|by)\s*.*$",
    },
    LineRule {
        reason: Reason::PhotoCredit,
        pattern: r"(?i)^.*(?:\((?:ap|afp|reuters|epa|getty)? ?photo[^)]*\)|getty images|ap photo/[^)]*\)?|shutterstock|istockphoto)\.?$",
    },
    // A caption ending in its credit: "… in the 14th century (Image: Getty)",
    // "(Credit: iStock)", "(Foto: dpa)", "(Фото: ТАСС)".
    LineRule {
        reason: Reason::PhotoCredit,
        pattern: r"(?i)^.*\((?:image|photo|picture|pic|foto|fotó|bild|imagen|imagem|immagine|zdjęcie|фото|credit|crédit|crédito|photo credit|image credit|bildquelle)\s*:[^)]*\)\.?$",
    },
    // Share widgets: "• facebook", "Share this article", "Short Url:".
    LineRule {
        reason: Reason::ShareWidget,
        pattern: r"(?i)^(?:[•·*|>»–—-]\s*)?(?:share(?: this| on| via)?(?: article| story| page| post)?|shares?|tweet|facebook|twitter|x\.com|whatsapp|linkedin|pinterest|reddit|telegram|e-?mail(?: this)?|print(?: this)?(?: article)?|copy(?: link| url)?|messenger|vk|flipboard|tumblr|google\+?|bookmark|save|\d+\s+shares?)\s*[:!]?$",
    },
    LineRule {
        reason: Reason::ShareWidget,
        pattern: r"(?i)^(?:short ?url|short link|permalink|share link)\s*:.*$",
    },
    // Comment prompts of blog/news engines.
    LineRule {
        reason: Reason::CommentPrompt,
        pattern: r"(?i)^(?:leave a (?:reply|comment)|post a comment|add (?:a )?comment|your email address will not be published.*|required fields are marked.*|please enter (?:your|a) (?:comment|name|email|valid email).*|comments?(?: \(\d+\))?|\d+ comments?|be the first to comment.*|you must be logged in to post a comment.*|save my name,? email.*|notify me of .*|cancel reply|join the (?:conversation|discussion).*|(?:show|view|hide|load) (?:all )?comments.*|comment policy.*|submit comment|post comment|(?:name|email|website)\s*\*?)\s*[:.!]?$",
    },
    // "Original url:", "Source link", a bare URL.
    LineRule {
        reason: Reason::SourceLink,
        pattern: r"(?i)^(?:original (?:url|article|link|source)|source link|source url|read (?:the )?original(?: article)?|read more at|sumber|fuente|quelle|source)\s*[:.]?\s*(?:https?://\S+)?$",
    },
    LineRule {
        reason: Reason::SourceLink,
        pattern: r"(?i)^(?:this (?:article|story) (?:was )?(?:originally|first) (?:appeared|published)|originally published (?:at|on|by|in)).*$",
    },
    LineRule {
        reason: Reason::Url,
        pattern: r"(?i)^<?(?:https?://|www\.)\S+>?$",
    },
    // Copyright and rights lines.
    LineRule {
        reason: Reason::Copyright,
        pattern: r"(?i)^(?:copyright|©|\(c\)|all rights reserved|hak cipta|derechos reservados|tous droits réservés).*$",
    },
    LineRule {
        reason: Reason::Copyright,
        pattern: r"(?i)^.*(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados)\.?$",
    },
    // "(Reporting by …; Editing by …)".
    LineRule {
        reason: Reason::ReportingCredit,
        pattern: r"(?i)^\(?(?:additional )?(?:reporting|writing|editing|compiled|edited|translated|produced|graphics|research|fact-?checking) by\s.*$",
    },
    // Site taglines: "Since 1975", "Est. 1890".
    LineRule {
        reason: Reason::Tagline,
        pattern: r"(?i)^(?:since|est\.?|established|founded)(?: in)? \d{4}\.?$",
    },
    // Navigation and recommendation widgets.
    LineRule {
        reason: Reason::Navigation,
        pattern: r"(?i)^(?:[•·*|>»–—-]\s*)?(?:most (?:popular|read|viewed|shared|commented)|recommended(?: for you| stories| articles)?|related(?: articles| stories| news| posts| content| topics| coverage)?|read more|read next|read also|see also|baca juga|lihat juga|más información|lire aussi|lesen sie auch|trending(?: now| stories)?|return to top|back to top|to top|skip to (?:main )?content|skip navigation|main menu|menu|home|homepage|advertisement|advertising|sponsored(?: content)?|subscribe(?: now| today)?|sign up(?: now)?|sign in|log ?in|log ?out|register|newsletter|follow us(?: on .*)?|tags?|topics?|categories|category|you may also like|you might also like|don['’]?t miss|editor['’]?s picks?|latest(?: news| stories)?|top stories|load more|show more|next(?: article| story| post)?|previous(?: article| story| post)?|close|search|loading|watch|listen|play|continue reading|click here.*|more (?:news|stories|from [\p{L} ]+)|view all(?: \(\d+\))?|e-edition|obits|obituaries|breadcrumb|jump to|contact us|about us|privacy policy|terms (?:of use|of service|and conditions)|cookie(?:s| policy| settings)?|accept(?: all)?(?: cookies)?)\s*[:.!»>]*$",
    },
    LineRule {
        reason: Reason::Navigation,
        pattern: r"(?i)^(?:tags?|topics?|categories|filed under|kategori|etiquetas)\s*:.*$",
    },
    // "Read more: <headline>", "Baca juga: <headline>".
    LineRule {
        reason: Reason::Navigation,
        pattern: r"(?i)^(?:read more|read also|also read|see also|related|baca juga|lihat juga|simak juga|lesen sie auch|lire aussi|leia também|lea también)\s*:.*$",
    },
    // Agency sign-offs on a line of their own: "AFP", "(Reuters)", "— AP".
    LineRule {
        reason: Reason::SignOff,
        pattern: r"(?i)^[-–—(\[]*\s*(?:afp|ap|reuters|dpa|ani|pti|ians|upi|xinhua|tass|efe|ansa|bernama|antara|yonhap|kyodo|anadolu|anadolu agency|associated press|agence france-presse|bloomberg|sputnik|ria novosti|interfax|kna|wam|qna|irna|sana|cnn|bbc|aap)\s*[)\]]*[.]?$",
    },
];

/// Prefix rules: the matched start of a line is removed, the rest kept.
pub const PREFIX_RULES: &[PrefixRule] = &[
    // "BAKU / YEREVAN (Reuters) – ", "WASHINGTON (AP) — ", "BAKU, Azerbaijan: ", "JAKARTA, KOMPAS.com - ".
    PrefixRule {
        reason: Reason::Dateline,
        guard: starts_with_two_capitals,
        pattern: r"^\p{Lu}{2}[\p{Lu}\p{M} .'’/]{1,40}(?:,\s*[\p{L}\p{M}. ]{2,30})?\s*(?:\([\p{L} .]{2,30}\))?\s*[-–—:]\s+",
    },
    // "Baku, Gatra.com - " (place, site name with a domain, dash).
    PrefixRule {
        reason: Reason::Dateline,
        guard: has_site_and_dash,
        pattern: r"^\p{Lu}[\p{L}\p{M} ]{1,30},\s*[\p{L}\p{N}-]+\.(?:com|net|org|co\.id|co\.uk|id|my|co|news|info|tv)\s*[-–—:]\s+",
    },
    // Indonesian/Malay attribution lead-ins: "Dikutip AFP, ", "Dilansir dari Reuters, ".
    PrefixRule {
        reason: Reason::Attribution,
        guard: starts_like_attribution,
        pattern: r"^(?i:seperti dikutip|seperti dilansir|dikutip|dilansir|mengutip|menurut laporan)(?i: dari)?\s+\p{Lu}[\p{L}\p{N}.]*(?:\s+\p{Lu}[\p{L}\p{N}.]*){0,3},\s*",
    },
];

pub(crate) struct Compiled {
    pub line_set: RegexSet,
    pub prefixes: Vec<Regex>,
}

pub(crate) static COMPILED: LazyLock<Compiled> = LazyLock::new(|| Compiled {
    // The patterns are constants tested below; a failure here is a programming error.
    line_set: regex::RegexSetBuilder::new(LINE_RULES.iter().map(|r| r.pattern))
        .dfa_size_limit(32 << 20)
        .build()
        .expect("valid line rules"),
    prefixes: PREFIX_RULES
        .iter()
        .map(|r| Regex::new(r.pattern).expect("valid prefix rule"))
        .collect(),
});

/// The reason of the first whole-line rule matching `line`, if any.
pub fn match_line(line: &str) -> Option<Reason> {
    if line.len() > MAX_RULE_LINE_BYTES {
        return None;
    }
    if is_timestamp(line) {
        return Some(Reason::Timestamp);
    }
    // The set's DFA answers "any rule?" fast; only a hit asks which one.
    if !COMPILED.line_set.is_match(line) {
        return None;
    }
    COMPILED
        .line_set
        .matches(line)
        .iter()
        .next()
        .map(|i| LINE_RULES[i].reason)
}

/// Strip a dateline/attribution prefix; returns the reason and the removed text.
pub fn strip_prefix(line: &str) -> Option<(Reason, usize)> {
    for (rule, re) in PREFIX_RULES.iter().zip(COMPILED.prefixes.iter()) {
        if !(rule.guard)(line) {
            continue;
        }
        if let Some(m) = re.find(line) {
            // Keep the line if nothing substantive would remain.
            if line[m.end()..].split_whitespace().count() >= 3 {
                return Some((rule.reason, m.end()));
            }
        }
    }
    None
}

/// Date and time words of several languages, for [`is_timestamp`].
const DATE_WORDS: &[&str] = &[
    // English
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "am",
    "pm",
    "a.m",
    "p.m",
    "updated",
    "published",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "date",
    "time",
    "ago",
    "hours",
    "hour",
    "minutes",
    "minute",
    "mins",
    "min",
    "read",
    "days",
    "day",
    "gmt",
    "utc",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "bst",
    "cet",
    "cest",
    "ist",
    "jst",
    "kst",
    "wib",
    "wita",
    "wit",
    "aest",
    "st",
    "nd",
    "rd",
    "th",
    "and",
    "de",
    "del",
    "le",
    // Indonesian / Malay
    "januari",
    "februari",
    "maret",
    "mei",
    "juni",
    "juli",
    "agustus",
    "oktober",
    "desember",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "diperbarui",
    "diterbitkan",
    "pukul",
    // Spanish / Portuguese / French / German / Italian / Dutch
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "oktober",
    "dezember",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "januari",
    "maart",
    "augustus",
    "actualizado",
    "atualizado",
    "mis",
    "à",
    "jour",
    "aktualisiert",
    "um",
    "uhr",
    "el",
    "am",
];

/// A line made only of dates, times, weekdays and words like "Updated".
pub fn is_timestamp(line: &str) -> bool {
    if line.len() > 80 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut tokens = 0;
    for raw in line.split(|c: char| c.is_whitespace() || ",.:/|()-–—+·•".contains(c)) {
        if raw.is_empty() {
            continue;
        }
        tokens += 1;
        let lower = raw.to_lowercase();
        let letters: String = lower.chars().filter(|c| !c.is_ascii_digit()).collect();
        if letters.is_empty() || DATE_WORDS.contains(&letters.as_str()) {
            continue;
        }
        return false;
    }
    tokens > 0 && tokens <= 14
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(COMPILED.line_set.len(), LINE_RULES.len());
        assert_eq!(COMPILED.prefixes.len(), PREFIX_RULES.len());
    }

    #[test]
    fn bylines() {
        assert_eq!(match_line("By AFP"), Some(Reason::Byline));
        assert_eq!(match_line("By Jane Doe and John Roe"), Some(Reason::Byline));
        assert_eq!(
            match_line("By DANICA KIRKA and JILL LAWLESS"),
            Some(Reason::Byline)
        );
        assert_eq!(match_line("Oleh Budi Santoso"), Some(Reason::Byline));
        assert_eq!(match_line("By the end of the year, prices rose."), None);
        // A byline with its date and time (several outlets' formats).
        for line in [
            "By Justine Coleman - 11/18/19 11:04 PM EST",
            "By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM",
            "Por María López | 12/03/2020 14:35",
            "Von Anna Schmidt, 3. März 2021, 14:35 Uhr",
        ] {
            assert_eq!(match_line(line), Some(Reason::Byline), "{line}");
        }
        assert_eq!(match_line("By Tuesday, 300 people had died."), None);
        assert_eq!(
            match_line("By 2030, the city will need 40,000 new homes."),
            None
        );
    }

    #[test]
    fn timestamps_in_several_languages() {
        for line in [
            "November 01, 2020",
            "Wed. Jan 27th, 2021",
            "02 Nov 2020 12:11:23 GMT9",
            "Nov. 20, 2019 6:02 AM EST",
            "Senin, 2 November 2020 | 10:15 WIB",
            "Actualizado el 3 de marzo de 2021",
            "12.03.2021 um 14:30 Uhr",
        ] {
            assert!(is_timestamp(line), "{line}");
        }
        assert!(!is_timestamp("Hundreds died on September 27"));
        assert!(!is_timestamp("November"));
    }

    #[test]
    fn credits_widgets_and_prompts() {
        let cases = [
            ("EPA / Aziz Karimov / TASS", Reason::PhotoCredit),
            ("Photo: Reuters", Reason::PhotoCredit),
            ("• facebook", Reason::ShareWidget),
            ("Short Url:", Reason::ShareWidget),
            ("Leave a Reply", Reason::CommentPrompt),
            ("Please enter your comment!", Reason::CommentPrompt),
            (
                "Your email address will not be published. Required fields are marked *",
                Reason::CommentPrompt,
            ),
            ("Original url:", Reason::SourceLink),
            ("Source link", Reason::SourceLink),
            ("https://example.com/a/b?c=1", Reason::Url),
            ("Copyright 2020 Thomson Reuters.", Reason::Copyright),
            ("© 2021 Всі права захищені", Reason::Copyright),
            (
                "(Reporting by A in B; Editing by C)",
                Reason::ReportingCredit,
            ),
            ("Since 1975", Reason::Tagline),
            ("Most Popular", Reason::Navigation),
            ("return to top", Reason::Navigation),
            ("Baca juga: Harga emas naik", Reason::Navigation),
            ("AFP", Reason::SignOff),
            ("(Reuters)", Reason::SignOff),
        ];
        for (line, reason) in cases {
            assert_eq!(match_line(line), Some(reason), "{line}");
        }
    }

    #[test]
    fn article_sentences_are_not_matched() {
        for line in [
            "Azerbaijani President Ilham Aliyev said Sunday there was no reason for Russia to intervene.",
            "Президент Азербайджана Ильхам Алиев заявил в воскресенье, что у России нет причин вмешиваться.",
            "أعلن الرئيس الأذربيجاني إلهام علييف يوم الأحد أنه لا يوجد سبب لتدخل روسيا.",
            "阿塞拜疆总统阿利耶夫周日表示，俄罗斯没有理由干预。",
            "Fighting continued overnight and Sunday morning, the warring sides said.",
            "Share prices fell sharply on Monday.",
            "Home prices rose 5% in March.",
        ] {
            assert_eq!(match_line(line), None, "{line}");
        }
    }

    #[test]
    fn prefixes() {
        let line = "BAKU / YEREVAN (Reuters) - Azeri President Ilham Aliyev said on Sunday";
        let (reason, end) = strip_prefix(line).unwrap();
        assert_eq!(reason, Reason::Dateline);
        assert_eq!(&line[end..], "Azeri President Ilham Aliyev said on Sunday");
        let line = "Baku, Gatra.com - Presiden Azerbaijan Ilham Aliyev mengatakan Minggu";
        assert_eq!(
            &line[strip_prefix(line).unwrap().1..],
            "Presiden Azerbaijan Ilham Aliyev mengatakan Minggu"
        );
        let line = "Dikutip AFP, Minggu (1/11), pertempuran telah berkecamuk";
        let (reason, end) = strip_prefix(line).unwrap();
        assert_eq!(reason, Reason::Attribution);
        assert_eq!(&line[end..], "Minggu (1/11), pertempuran telah berkecamuk");
        assert!(strip_prefix("The UN said on Monday that aid was coming.").is_none());
    }

    #[test]
    fn captions_ending_in_their_credit() {
        for line in [
            "The plague wiped out half of Europe in the 14th century (Image: GETTY)",
            "WeWork chairman Marcelo Claure (Credit: Getty Images)",
            "How can a duvet affect your lungs? (Photo: Getty Images)",
            "Bundeskanzlerin Angela Merkel in Berlin (Foto: dpa)",
            "Президент на встрече в Кремле (Фото: ТАСС)",
        ] {
            assert_eq!(match_line(line), Some(Reason::PhotoCredit), "{line}");
        }
        // A parenthesis inside a sentence is article text.
        assert_eq!(
            match_line("The ministry (photo: the new building) opened on Monday."),
            None
        );
    }

    #[test]
    fn typographic_dashes_and_apostrophes_match_like_ascii_ones() {
        // Quotes and dashes are kept as written (see `unicode`), so the rules
        // accept both forms: en and em dashes after datelines, curly
        // apostrophes in names and widget labels.
        for (line, rest) in [
            (
                "WASHINGTON (AP) — The Senate voted on Tuesday to confirm the nominee",
                "The Senate voted on Tuesday to confirm the nominee",
            ),
            (
                "MOSKAU (dpa) – Die Regierung hat am Montag neue Sanktionen angekündigt",
                "Die Regierung hat am Montag neue Sanktionen angekündigt",
            ),
            (
                "Jakarta, Kompas.com – Presiden Joko Widodo mengatakan pada Senin",
                "Presiden Joko Widodo mengatakan pada Senin",
            ),
        ] {
            let (reason, end) = strip_prefix(line).unwrap();
            assert_eq!((reason, &line[end..]), (Reason::Dateline, rest), "{line}");
        }
        assert_eq!(match_line("By Sinéad O’Connor"), Some(Reason::Byline));
        assert_eq!(match_line("Don’t Miss"), Some(Reason::Navigation));
        assert_eq!(match_line("Editor’s Picks"), Some(Reason::Navigation));
        assert_eq!(match_line("– Reuters"), Some(Reason::SignOff));
    }
}
