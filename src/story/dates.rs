//! Date evidence: the days a document says something happened on.
//!
//! Reports of one event name its day; two events of one topic ("sister
//! events": two DUI arrests of one team, two earthquakes in one province)
//! happen on different days. A document gives
//! - **absolute dates** in the common formats of news text: `Feb. 4, 2009`,
//!   `4 February 2009`, `4. Februar 2009`, `4 de febrero de 2009`,
//!   `2009-02-04`, `04.02.2009`, `2/4/2009` (month first in English only),
//!   `2009年2月4日`, `2009년 2월 4일`, with the month names of the main
//!   languages of news (English, German, French, Spanish, Italian,
//!   Portuguese, Dutch, Indonesian, Polish, Turkish, Russian, Arabic);
//! - dates without a year (`on February 1`), given the year of the
//!   document's reference date (the closest such date before it or just
//!   after it);
//! - **relative days** — weekdays (`on Tuesday`) and `yesterday`, `today`,
//!   `tomorrow` — resolved against the document's **reference date**: the
//!   first absolute date of its dateline or timestamp lines (which the
//!   cleaner removes as boilerplate, and `analyze` hands over here), else of
//!   its first [`HEAD_LINES`] lines. A weekday is the last such day on or
//!   before the reference date (news tells what happened).
//!
//! What is kept per document is small and bounded: at most [`MAX_DAYS`] days
//! (the first ones in reading order: the dateline and the lede name the
//! event, later paragraphs its background), as day numbers since
//! 1950-01-01, and the set of weekdays its header and lede name (7 bits),
//! which still says something when no date resolves them.

use super::anchors::digit_value;
use crate::charclass::is_alphabetic;

/// Days kept per document, at most: the first ones in reading order. A lede
/// names the event's day in its first sentences; 16 leaves room for a
/// dateline, a timestamp and a few background dates, and bounds memory (32
/// bytes).
pub const MAX_DAYS: usize = 16;

/// Lines at the top of the cleaned text searched for a reference date when
/// the document has no dateline or timestamp line: a title, a standfirst
/// and the first paragraph.
pub const HEAD_LINES: usize = 3;

/// Lines at the top of the cleaned text whose weekdays count (with the
/// header's): the title, standfirst and lede say on which day the event
/// happened; later paragraphs name the days of its background and
/// aftermath. On ecb-dev's same-topic pairs, weekdays of the first 6 lines
/// conflict for 73% of sister-event pairs and 23% of same-event pairs;
/// weekdays of the whole text for 58% and 20%.
pub const LEDE_LINES: usize = 6;

/// The first year a day number can express (day 0 is 1950-01-01); the last
/// is 2077, as for [`super::features::Years`].
const FIRST_YEAR: i32 = 1950;
const LAST_YEAR: i32 = 2077;

/// What a document says about days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dates {
    /// Sorted, distinct day numbers (days since 1950-01-01).
    pub days: Vec<u16>,
    /// Weekdays the header and the first [`LEDE_LINES`] lines name, bit 0 =
    /// Monday … bit 6 = Sunday.
    pub weekdays: u8,
}

/// Days since 1950-01-01 of a civil date, if it is a valid date of
/// 1950–2077.
pub fn day_number(year: i32, month: u32, day: u32) -> Option<u16> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year)
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
    {
        return None;
    }
    // Days from civil (H. Hinnant), relative to 1970-01-01, then to 1950.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let since_1970 = era * 146_097 + doe - 719_468;
    u16::try_from(since_1970 + 7_305).ok()
}

/// The civil date `(year, month, day)` of a day number.
pub fn civil(day: u16) -> (i32, u32, u32) {
    let z = day as i32 - 7_305 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// The weekday of a day number, 0 = Monday (1950-01-01 was a Sunday).
pub fn weekday(day: u16) -> u32 {
    (day as u32 + 6) % 7
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Month names and abbreviations (lower case), by month.
const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "januar",
        "jänner",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "janeiro",
        "januari",
        "stycznia",
        "styczeń",
        "ocak",
        "января",
        "январь",
        "يناير",
    ],
    &[
        "february",
        "feb",
        "februar",
        "février",
        "fevrier",
        "févr",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "lutego",
        "luty",
        "şubat",
        "subat",
        "февраля",
        "февраль",
        "فبراير",
    ],
    &[
        "march",
        "mar",
        "märz",
        "marz",
        "mars",
        "marzo",
        "março",
        "maart",
        "marca",
        "marzec",
        "mart",
        "maret",
        "марта",
        "март",
        "مارس",
    ],
    &[
        "april",
        "apr",
        "avril",
        "abril",
        "aprile",
        "kwietnia",
        "kwiecień",
        "nisan",
        "апреля",
        "апрель",
        "أبريل",
        "ابريل",
        "إبريل",
    ],
    &[
        "may", "mai", "mayo", "maggio", "maio", "mei", "maja", "maj", "mayıs", "mayis", "мая",
        "май", "مايو",
    ],
    &[
        "june",
        "jun",
        "juni",
        "juin",
        "junio",
        "giugno",
        "junho",
        "czerwca",
        "czerwiec",
        "haziran",
        "июня",
        "июнь",
        "يونيو",
        "يونيه",
    ],
    &[
        "july",
        "jul",
        "juli",
        "juillet",
        "julio",
        "luglio",
        "julho",
        "lipca",
        "lipiec",
        "temmuz",
        "июля",
        "июль",
        "يوليو",
        "يوليه",
    ],
    &[
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "augustus",
        "sierpnia",
        "sierpień",
        "ağustos",
        "agustos",
        "agustus",
        "августа",
        "август",
        "أغسطس",
        "اغسطس",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
        "września",
        "wrzesień",
        "eylül",
        "eylul",
        "сентября",
        "сентябрь",
        "سبتمبر",
    ],
    &[
        "october",
        "oct",
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "października",
        "październik",
        "ekim",
        "октября",
        "октябрь",
        "أكتوبر",
        "اكتوبر",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "listopada",
        "listopad",
        "kasım",
        "kasim",
        "ноября",
        "ноябрь",
        "نوفمبر",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "desember",
        "grudnia",
        "grudzień",
        "aralık",
        "aralik",
        "декабря",
        "декабрь",
        "ديسمبر",
    ],
];

/// Month words that are also common words (English *may*, *march*), taken
/// as months without a year only when capitalized.
const AMBIGUOUS_MONTHS: &[&str] = &["may", "march", "mar", "mart"];

/// Weekday names (lower case), Monday first.
const WEEKDAYS: [&[&str]; 7] = [
    &[
        "monday",
        "montag",
        "lundi",
        "lunes",
        "lunedì",
        "lunedi",
        "segunda-feira",
        "maandag",
        "poniedziałek",
        "poniedzialek",
        "pazartesi",
        "senin",
        "понедельник",
        "الاثنين",
        "الإثنين",
        "星期一",
        "周一",
        "月曜日",
        "월요일",
    ],
    &[
        "tuesday",
        "dienstag",
        "mardi",
        "martes",
        "martedì",
        "martedi",
        "terça-feira",
        "dinsdag",
        "wtorek",
        "salı",
        "selasa",
        "вторник",
        "الثلاثاء",
        "星期二",
        "周二",
        "火曜日",
        "화요일",
    ],
    &[
        "wednesday",
        "mittwoch",
        "mercredi",
        "miércoles",
        "miercoles",
        "mercoledì",
        "mercoledi",
        "quarta-feira",
        "woensdag",
        "środa",
        "środę",
        "çarşamba",
        "rabu",
        "среда",
        "среду",
        "الأربعاء",
        "الاربعاء",
        "星期三",
        "周三",
        "水曜日",
        "수요일",
    ],
    &[
        "thursday",
        "donnerstag",
        "jeudi",
        "jueves",
        "giovedì",
        "giovedi",
        "quinta-feira",
        "donderdag",
        "czwartek",
        "perşembe",
        "kamis",
        "четверг",
        "الخميس",
        "星期四",
        "周四",
        "木曜日",
        "목요일",
    ],
    &[
        "friday",
        "freitag",
        "vendredi",
        "viernes",
        "venerdì",
        "venerdi",
        "sexta-feira",
        "vrijdag",
        "piątek",
        "piatek",
        "cuma",
        "jumat",
        "пятница",
        "пятницу",
        "الجمعة",
        "星期五",
        "周五",
        "金曜日",
        "금요일",
    ],
    &[
        "saturday",
        "samstag",
        "sonnabend",
        "samedi",
        "sábado",
        "sabado",
        "sabato",
        "zaterdag",
        "sobota",
        "sobotę",
        "cumartesi",
        "sabtu",
        "суббота",
        "субботу",
        "السبت",
        "星期六",
        "周六",
        "土曜日",
        "토요일",
    ],
    &[
        "sunday",
        "sonntag",
        "dimanche",
        "domingo",
        "domenica",
        "zondag",
        "niedziela",
        "niedzielę",
        "minggu",
        "воскресенье",
        "الأحد",
        "الاحد",
        "星期日",
        "星期天",
        "周日",
        "日曜日",
        "일요일",
    ],
];

/// Weekday names that are also common words, taken only capitalized
/// (Indonesian *minggu*: week; *Minggu*: Sunday).
const CAPITALIZED_WEEKDAYS: &[&str] = &["minggu"];

/// Abbreviated weekdays of timestamps (`Thu, 02 Apr 2009`): taken only
/// capitalized and followed by a comma or a full stop (*sat*, *sun*, *wed*
/// are words too).
const WEEKDAY_ABBREVIATIONS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Words for the day before, of and after the reference date.
const YESTERDAY: &[&str] = &[
    "yesterday",
    "gestern",
    "ayer",
    "ieri",
    "ontem",
    "gisteren",
    "wczoraj",
    "dün",
    "вчера",
    "أمس",
    "امس",
    "昨天",
    "昨日",
    "어제",
];
const TODAY: &[&str] = &[
    "today",
    "tonight",
    "heute",
    "aujourd'hui",
    "hoy",
    "oggi",
    "hoje",
    "vandaag",
    "dzisiaj",
    "dziś",
    "bugün",
    "сегодня",
    "اليوم",
    "今天",
    "本日",
    "오늘",
];
const TOMORROW: &[&str] = &[
    "tomorrow",
    "demain",
    "domani",
    "amanhã",
    "jutro",
    "yarın",
    "завтра",
    "غدا",
    "明天",
    "明日",
    "내일",
];

/// Ordinal suffixes and little words between a day and its month.
const DAY_SUFFIXES: &[&str] = &["st", "nd", "rd", "th", "er", "e", "º", "ª"];
const LINKS: &[&str] = &["of", "de", "del", "du"];

/// What a word can be in a date (looked up once per word, in [`CLASSES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A month (1–12); `ambiguous`: also a common word ([`AMBIGUOUS_MONTHS`]).
    Month {
        month: u8,
        ambiguous: bool,
    },
    /// A weekday (0 = Monday); `capitalized_only`: see [`CAPITALIZED_WEEKDAYS`].
    Weekday {
        day: u8,
        capitalized_only: bool,
    },
    /// An abbreviated weekday ([`WEEKDAY_ABBREVIATIONS`]).
    Abbreviation(u8),
    /// Days after the reference date.
    Relative(i8),
    Suffix,
    Link,
    /// `年`/`년`, `月`/`월`, `日`/`号`/`일`.
    Year,
    MonthUnit,
    DayUnit,
    Other,
}

/// Every word a date can be made of, and its class.
static CLASSES: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, Class>> =
    std::sync::LazyLock::new(|| {
        let mut m = rustc_hash::FxHashMap::default();
        for s in DAY_SUFFIXES {
            m.insert(*s, Class::Suffix);
        }
        for s in LINKS {
            m.insert(*s, Class::Link);
        }
        for (i, a) in WEEKDAY_ABBREVIATIONS.iter().enumerate() {
            m.insert(*a, Class::Abbreviation(i as u8));
        }
        for (delta, words) in [(-1i8, YESTERDAY), (0, TODAY), (1, TOMORROW)] {
            for w in words {
                m.insert(*w, Class::Relative(delta));
            }
        }
        for (i, names) in MONTHS.iter().enumerate() {
            for n in *names {
                let ambiguous = AMBIGUOUS_MONTHS.contains(n);
                m.insert(
                    *n,
                    Class::Month {
                        month: i as u8 + 1,
                        ambiguous,
                    },
                );
            }
        }
        for (i, names) in WEEKDAYS.iter().enumerate() {
            for n in *names {
                let capitalized_only = CAPITALIZED_WEEKDAYS.contains(n);
                m.insert(
                    *n,
                    Class::Weekday {
                        day: i as u8,
                        capitalized_only,
                    },
                );
            }
        }
        for (unit, class) in [
            ("年", Class::Year),
            ("月", Class::MonthUnit),
            ("日", Class::DayUnit),
            ("号", Class::DayUnit),
        ] {
            m.insert(unit, class);
        }
        m
    });

/// Words longer than this (in bytes) are [`Class::Other`] without a
/// look-up: the longest word of [`CLASSES`] is shorter.
const LONGEST_WORD: usize = 24;

/// The class of a lower-cased word (a Korean unit may carry a particle:
/// `4일에`).
fn classify(word: &str) -> Class {
    if word.len() > LONGEST_WORD {
        return Class::Other;
    }
    if let Some(&c) = CLASSES.get(word) {
        return c;
    }
    match word.chars().next() {
        Some('년') => Class::Year,
        Some('월') => Class::MonthUnit,
        Some('일') => Class::DayUnit,
        _ => Class::Other,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Num { value: u32, digits: u8 },
    Word { class: Class, capital: bool },
    Sep(char),
}

/// Unspaced scripts (Han, Kana): each character is a word of its own, so
/// `2009年2月4日在` gives `年`, `月`, `日`.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

#[inline]
fn push_lower(word: &mut String, c: char) {
    if c.is_ascii() {
        word.push(c.to_ascii_lowercase());
    } else {
        word.extend(c.to_lowercase());
    }
}

/// The tokens of a text: numbers (any digit script), classified words and
/// separators (whitespace other than line ends is dropped). One buffer for
/// the lower-cased word, no allocation per token.
fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = digit_value(c) {
            let (mut value, mut digits) = (d, 1u8);
            while let Some(d) = chars.peek().and_then(|&n| digit_value(n)) {
                value = value.saturating_mul(10).saturating_add(d);
                digits = digits.saturating_add(1);
                chars.next();
            }
            out.push(Tok::Num { value, digits });
        } else if is_cjk(c) {
            let mut buf = [0u8; 4];
            out.push(Tok::Word {
                class: classify(c.encode_utf8(&mut buf)),
                capital: false,
            });
        } else if is_alphabetic(c) {
            let capital = c.is_uppercase();
            word.clear();
            push_lower(&mut word, c);
            // Words keep inner apostrophes and hyphens (aujourd'hui, terça-feira).
            while let Some(&n) = chars.peek() {
                if is_alphabetic(n) && !is_cjk(n) || crate::charclass::is_mark(n) {
                    if word.len() <= LONGEST_WORD {
                        push_lower(&mut word, n);
                    }
                    chars.next();
                } else if matches!(n, '\'' | '’' | '-') {
                    let mut ahead = chars.clone();
                    ahead.next();
                    if ahead
                        .peek()
                        .is_some_and(|&a| is_alphabetic(a) && !is_cjk(a))
                    {
                        word.push(if n == '’' { '\'' } else { n });
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Tok::Word {
                class: classify(&word),
                capital,
            });
        } else if c == '\n' || !c.is_whitespace() {
            out.push(Tok::Sep(c));
        }
    }
    out
}

/// A date found in the text: absolute, or without its year.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Found {
    Date(u16),
    MonthDay(u32, u32),
    Weekday(u32),
    /// The weekday of an absolute date next to it (`Tuesday, March 3, 2009`):
    /// named, but its day is the date's.
    WeekdayOfDate(u32),
    /// Days after the reference date: −1 yesterday, 0 today, 1 tomorrow.
    Relative(i32),
}

/// Scans a token list.
struct Scan<'a> {
    toks: &'a [Tok],
    english: bool,
}

impl Scan<'_> {
    fn word(&self, i: usize) -> Option<(Class, bool)> {
        match self.toks.get(i) {
            Some(&Tok::Word { class, capital }) => Some((class, capital)),
            _ => None,
        }
    }

    fn is(&self, i: usize, class: Class) -> bool {
        self.word(i).is_some_and(|(c, _)| c == class)
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.toks.get(i) {
            Some(Tok::Num { value, digits }) => Some((*value, *digits)),
            _ => None,
        }
    }

    fn sep(&self, i: usize, any: &[char]) -> bool {
        matches!(self.toks.get(i), Some(Tok::Sep(c)) if any.contains(c))
    }

    fn day(&self, i: usize) -> Option<u32> {
        self.num(i)
            .filter(|&(v, d)| d <= 2 && (1..=31).contains(&v))
            .map(|(v, _)| v)
    }

    fn year(&self, i: usize) -> Option<i32> {
        self.num(i)
            .filter(|&(v, d)| d == 4 && (FIRST_YEAR..=LAST_YEAR).contains(&(v as i32)))
            .map(|(v, _)| v as i32)
    }

    fn month(&self, i: usize) -> Option<(u32, bool)> {
        match self.word(i)? {
            (Class::Month { month, ambiguous }, capital) => {
                Some((month as u32, capital || !ambiguous))
            }
            _ => None,
        }
    }

    /// Skips the optional tokens at `i` that `skip` accepts (at most two).
    fn skip(&self, mut i: usize, skip: impl Fn(&Tok) -> bool) -> usize {
        for _ in 0..2 {
            match self.toks.get(i) {
                Some(t) if skip(t) => i += 1,
                _ => break,
            }
        }
        i
    }

    /// A year at `i`, after an optional comma or link word (`de 2009`).
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        let j = self.skip(i, |t| match t {
            Tok::Sep(',') => true,
            Tok::Word { class, .. } => *class == Class::Link,
            _ => false,
        });
        self.year(j).map(|y| (y, j + 1))
    }

    /// The date starting at token `i`, with the index after it.
    fn at(&self, i: usize) -> Option<(Found, usize)> {
        // Month first: Feb. 4, 2009 / February 4th 2009 / February 1.
        if let Some((m, sure)) = self.month(i) {
            let j = self.skip(i + 1, |t| matches!(t, Tok::Sep('.')));
            if let Some(d) = self.day(j) {
                let k = self.skip(j + 1, |t| match t {
                    Tok::Word { class, .. } => *class == Class::Suffix,
                    _ => false,
                });
                if let Some((y, end)) = self.year_after(k) {
                    return day_number(y, m, d).map(|n| (Found::Date(n), end));
                }
                // Not a time (May 4:30) nor a number going on (Feb 4.5).
                let goes_on = self.sep(k, &[':', '.', '/', ',']) && self.num(k + 1).is_some();
                if sure && !goes_on && self.num(k).is_none() {
                    return Some((Found::MonthDay(m, d), k));
                }
            }
            return None;
        }
        // Numbers: 2009-02-04, 2009年2月4日, 2009년 2월 4일.
        if let Some(y) = self.year(i) {
            if self.sep(i + 1, &['-', '/', '.'])
                && self.toks.get(i + 1) == self.toks.get(i + 3)
                && let (Some(m), Some(d)) = (self.day(i + 2), self.day(i + 4))
            {
                return day_number(y, m, d).map(|n| (Found::Date(n), i + 5));
            }
            if let (Some(m), Some(d)) = (self.day(i + 2), self.day(i + 4))
                && self.is(i + 1, Class::Year)
                && self.is(i + 3, Class::MonthUnit)
                && self.is(i + 5, Class::DayUnit)
            {
                return day_number(y, m, d).map(|n| (Found::Date(n), i + 6));
            }
            return None;
        }
        let d = self.day(i)?;
        // 04.02.2009, 4/2/2009 (month first in English), 4-2-2009.
        if self.sep(i + 1, &['.', '/', '-'])
            && self.toks.get(i + 1) == self.toks.get(i + 3)
            && let (Some(b), Some(y)) = (self.day(i + 2), self.year(i + 4))
            && !(self.sep(i + 5, &['.', '/', '-']) && self.num(i + 6).is_some())
        {
            // The first number is the month in English with slashes (unless
            // it cannot be); elsewhere the day (unless it cannot be).
            let month_first = if self.english && self.sep(i + 1, &['/']) {
                d <= 12
            } else {
                b > 12
            };
            let (m, d) = if month_first { (d, b) } else { (b, d) };
            return day_number(y, m, d).map(|n| (Found::Date(n), i + 5));
        }
        // 2月4日 (no year).
        if self.is(i + 1, Class::MonthUnit)
            && let Some(day) = self.day(i + 2)
            && self.is(i + 3, Class::DayUnit)
        {
            return Some((Found::MonthDay(d, day), i + 4));
        }
        // Day first: 4 February 2009 / 4. Februar 2009 / 4 de febrero de 2009 / 4th of May.
        let j = self.skip(i + 1, |t| match t {
            Tok::Sep('.') => true,
            Tok::Word { class, .. } => matches!(class, Class::Suffix | Class::Link),
            _ => false,
        });
        let (m, sure) = self.month(j)?;
        let k = self.skip(j + 1, |t| matches!(t, Tok::Sep('.')));
        if let Some((y, end)) = self.year_after(k) {
            return day_number(y, m, d).map(|n| (Found::Date(n), end));
        }
        sure.then_some((Found::MonthDay(m, d), k))
    }

    /// A weekday or relative day at `i`.
    fn relative(&self, i: usize) -> Option<Found> {
        match self.word(i)? {
            (
                Class::Weekday {
                    day,
                    capitalized_only,
                },
                capital,
            ) if capital || !capitalized_only => Some(Found::Weekday(day as u32)),
            (Class::Abbreviation(day), true) if self.sep(i + 1, &[',', '.']) => {
                Some(Found::Weekday(day as u32))
            }
            (Class::Relative(delta), _) => Some(Found::Relative(delta as i32)),
            _ => None,
        }
    }

    fn all(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if let Some((f, end)) = self.at(i) {
                out.push(f);
                i = end.max(i + 1);
            } else {
                if let Some(mut f) = self.relative(i) {
                    if let Found::Weekday(w) = f {
                        let next = self.skip(i + 1, |t| matches!(t, Tok::Sep(',' | '.')));
                        if matches!(self.at(next), Some((Found::Date(_), _))) {
                            f = Found::WeekdayOfDate(w);
                        }
                    }
                    out.push(f);
                }
                i += 1;
            }
        }
        out
    }
}

fn scan(text: &str, english: bool) -> Vec<Found> {
    let toks = tokenize(text);
    Scan {
        toks: &toks,
        english,
    }
    .all()
}

/// The year that puts `month`/`day` closest before `reference` (up to about
/// two months after it: a report may announce a date).
fn with_year(month: u32, day: u32, reference: u16) -> Option<u16> {
    let (y, _, _) = civil(reference);
    [y, y - 1, y + 1]
        .into_iter()
        .filter_map(|y| day_number(y, month, day))
        .find(|&n| {
            let delta = n as i32 - reference as i32;
            (-306..=60).contains(&delta)
        })
}

/// The date evidence of a document. `header`: its dateline and timestamp
/// lines (removed by the cleaner); `text`: its cleaned text; `lang`: its
/// language (`en` reads `2/4/2009` month first).
pub fn extract(header: &str, text: &str, lang: &str) -> Dates {
    let english = lang == "en";
    let head = scan(header, english);
    let first_lines = |n: usize| text.lines().take(n).collect::<Vec<_>>().join("\n");
    let first_date = |found: &[Found]| {
        found.iter().find_map(|f| match f {
            Found::Date(n) => Some(*n),
            _ => None,
        })
    };
    let body = scan(text, english);
    let reference =
        first_date(&head).or_else(|| first_date(&scan(&first_lines(HEAD_LINES), english)));
    let mut weekdays = 0u8;
    for f in head.iter().chain(&scan(&first_lines(LEDE_LINES), english)) {
        if let Found::Weekday(w) | Found::WeekdayOfDate(w) = f {
            weekdays |= 1 << w;
        }
    }
    // Without a reference date, a date without its year takes the year of
    // the document's first full date.
    let year_of_text = first_date(&body).map(|n| civil(n).0);
    let mut days: Vec<u16> = Vec::new();
    for (f, in_header) in head
        .iter()
        .map(|f| (f, true))
        .chain(body.iter().map(|f| (f, false)))
    {
        let day = match *f {
            Found::Date(n) => Some(n),
            Found::MonthDay(m, d) => match reference {
                Some(r) => with_year(m, d, r),
                None => year_of_text.and_then(|y| day_number(y, m, d)),
            },
            Found::Weekday(w) => {
                // The header's weekday is its own date's.
                reference.filter(|_| !in_header).map(|r| {
                    let back = (weekday(r) + 7 - w) % 7;
                    r.saturating_sub(back as u16)
                })
            }
            Found::WeekdayOfDate(_) => None,
            Found::Relative(delta) => reference.and_then(|r| u16::try_from(r as i32 + delta).ok()),
        };
        if let Some(day) = day
            && !days.contains(&day)
            && days.len() < MAX_DAYS
        {
            days.push(day);
        }
    }
    days.sort_unstable();
    days.shrink_to_fit();
    Dates { days, weekdays }
}

/// The smallest distance in days between a day of `a` and a day of `b`
/// (both sorted), or `None` when either has none.
pub fn closest(a: &[u16], b: &[u16]) -> Option<u32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let (mut i, mut j) = (0, 0);
    let mut best = u32::MAX;
    while i < a.len() && j < b.len() {
        best = best.min(a[i].abs_diff(b[j]) as u32);
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    Some(best)
}

/// `yyyy-mm-dd` of a day number (for `explain`).
pub fn format_day(day: u16) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Weekday names of a weekday bit set (for `explain`).
pub fn format_weekdays(bits: u8) -> String {
    const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    (0..7)
        .filter(|w| bits & (1 << w) != 0)
        .map(|w| NAMES[w])
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(header: &str, text: &str, lang: &str) -> Vec<String> {
        extract(header, text, lang)
            .days
            .into_iter()
            .map(format_day)
            .collect()
    }

    #[test]
    fn day_numbers_round_trip_and_know_their_weekday() {
        assert_eq!(day_number(1950, 1, 1), Some(0));
        assert_eq!(day_number(1970, 1, 1), Some(7_305));
        assert_eq!(day_number(2009, 2, 29), None);
        assert_eq!(day_number(2008, 2, 29).map(civil), Some((2008, 2, 29)));
        assert_eq!(day_number(1949, 12, 31), None);
        assert_eq!(day_number(2077, 12, 31).map(civil), Some((2077, 12, 31)));
        for n in [0u16, 59, 60, 365, 18_000, 46_750] {
            let (y, m, d) = civil(n);
            assert_eq!(day_number(y, m, d), Some(n));
        }
        // 2009-02-04 was a Wednesday; 1950-01-01 a Sunday.
        assert_eq!(day_number(2009, 2, 4).map(weekday), Some(2));
        assert_eq!(weekday(0), 6);
    }

    #[test]
    fn absolute_dates_in_many_formats_and_languages() {
        let text = "LOS ANGELES, Feb. 4, 2009 (AP) and 5 February 2009, 2009-02-06, \
                    07.02.2009, on February 8th, 2009; 9. Februar 2009; 10 de febrero de 2009; \
                    11 février 2009; 12 lutego 2009; 13 февраля 2009 года; 14 Şubat 2009; \
                    2009年2月15日; 2009년 2월 16일; 17 فبراير 2009";
        let got = days("", text, "en");
        let want: Vec<String> = (4..=17).map(|d| format!("2009-02-{d:02}")).collect();
        assert_eq!(
            got[..MAX_DAYS.min(want.len())],
            want[..MAX_DAYS.min(want.len())]
        );
    }

    #[test]
    fn slashes_are_month_first_in_english_only() {
        assert_eq!(days("", "on 2/4/2009", "en"), ["2009-02-04"]);
        assert_eq!(days("", "le 2/4/2009", "fr"), ["2009-04-02"]);
        // Impossible the usual way round: the other way.
        assert_eq!(days("", "on 25/4/2009", "en"), ["2009-04-25"]);
    }

    #[test]
    fn relative_days_resolve_against_the_dateline() {
        // 2009-03-03 was a Tuesday.
        let d = extract(
            "Tuesday, March 3, 2009",
            "The player was arrested on Sunday. Yesterday he spoke; on February 1 too. \
             The case was filed on Friday, February 20, 2009.",
            "en",
        );
        let got: Vec<String> = d.days.iter().map(|&n| format_day(n)).collect();
        // "Friday, February 20, 2009" is one day, not also the Friday before
        // the dateline (February 27).
        assert_eq!(
            got,
            [
                "2009-02-01",
                "2009-02-20",
                "2009-03-01",
                "2009-03-02",
                "2009-03-03"
            ]
        );
        assert_eq!(format_weekdays(d.weekdays), "Tue Fri Sun");
        // Without a reference date a weekday stays a weekday, and a date
        // without a year takes the year of the text's first full date.
        let d = extract(
            "",
            "Title\nStandfirst.\nFirst line.\nArrested on Sunday, Jan. 4, 2009; in court on May 2.",
            "en",
        );
        let got: Vec<String> = d.days.iter().map(|&n| format_day(n)).collect();
        assert_eq!(got, ["2009-01-04", "2009-05-02"]);
        assert_eq!(d.weekdays, 1 << 6);
    }

    #[test]
    fn a_date_in_the_first_lines_is_the_reference() {
        // December: "January 2" is in the next year.
        let got = days(
            "",
            "Title\nDecember 30, 2008\nThe vote is on January 2; it was called yesterday.",
            "en",
        );
        assert_eq!(got, ["2008-12-29", "2008-12-30", "2009-01-02"]);
    }

    #[test]
    fn words_that_only_look_like_dates_are_not_dates() {
        // "may" and "march" as words; a time; a score; a version.
        assert!(days("", "They may 4 times march 3 miles.", "en").is_empty());
        assert!(days("", "At 10.30 the score was 3-1; version 2.12.2009b", "en").len() <= 1);
        assert!(days("", "It won 1,200 votes in 2009 and 12 in 2010.", "en").is_empty());
        let d = extract("", "The Sun rose; the Sat. results and a Wed day", "en");
        assert_eq!(d.weekdays, 1 << 5);
        let d = extract("", "Minggu lalu, pada hari Sabtu; minggu depan", "id");
        assert_eq!(format_weekdays(d.weekdays), "Sat Sun");
    }

    #[test]
    fn days_are_bounded_and_sorted() {
        let text: String = (1..=28)
            .rev()
            .map(|d| format!("{d} March 2010. "))
            .collect();
        let d = extract("", &text, "en");
        assert_eq!(d.days.len(), MAX_DAYS);
        assert!(d.days.windows(2).all(|w| w[0] < w[1]));
        // The first ones in reading order: 28 down to 13 March.
        assert_eq!(format_day(d.days[0]), "2010-03-13");
    }

    #[test]
    fn closest_days() {
        assert_eq!(closest(&[], &[3]), None);
        assert_eq!(closest(&[1, 10], &[4, 30]), Some(3));
        assert_eq!(closest(&[100], &[100]), Some(0));
        assert_eq!(closest(&[5, 50], &[20]), Some(15));
    }
}
