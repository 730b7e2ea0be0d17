//! Section headers, kept as data: short lines that open a block of links or
//! comments next to an article ("Related articles", "More in World",
//! "Most read", "[ 167 comments ]", "Читайте также"… in many languages).
//!
//! A header is matched on its *key*: the line lower-cased with everything but
//! letters, marks and apostrophes removed (so "[ 12 Comments ]", "Comments (12)"
//! and "COMMENTS:" are all `comments`). Three tables:
//! - [`SECTION_HEADERS`]: the whole key is the phrase;
//! - [`COMMENT_HEADERS`]: the same for comment sections;
//! - [`SECTION_PREFIXES`]: the key starts with the phrase and has at most six
//!   words ("more from the guardian", "latest in politics").
//!
//! Inline cross-links that sit *inside* articles ("Read more:", "Baca juga:",
//! "Lesen Sie auch") are not headers: they are handled by the line rules.

use std::collections::HashSet;
use std::sync::LazyLock;

/// What a header line opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// Links to other stories, recommendations, lists.
    Section,
    /// Reader comments.
    Comments,
}

/// Lines longer than this (in bytes) are never headers.
pub const MAX_HEADER_BYTES: usize = 80;

/// Headers of link blocks, one phrase per entry (keys, see the module doc).
pub const SECTION_HEADERS: &[&str] = &[
    // English
    "related",
    "related articles",
    "related stories",
    "related news",
    "related posts",
    "related content",
    "related coverage",
    "related topics",
    "related links",
    "related reading",
    "more stories",
    "more news",
    "more articles",
    "more videos",
    "more headlines",
    "more top stories",
    "more like this",
    "more for you",
    "more on this story",
    "more on this topic",
    "latest",
    "latest news",
    "latest stories",
    "latest headlines",
    "latest videos",
    "latest articles",
    "latest posts",
    "our latest stories",
    "the latest",
    "top stories",
    "top news",
    "top headlines",
    "top videos",
    "trending",
    "trending now",
    "trending news",
    "trending stories",
    "trending articles",
    "trending videos",
    "most popular",
    "most read",
    "most viewed",
    "most shared",
    "most commented",
    "most emailed",
    "most recent",
    "popular",
    "popular stories",
    "popular posts",
    "popular now",
    "popular articles",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended articles",
    "recommended videos",
    "recommended reading",
    "we recommend",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "you might be interested in",
    "you may have missed",
    "what to read next",
    "further reading",
    "keep reading",
    "up next",
    "next up",
    "next up in",
    "watch next",
    "editor's picks",
    "editors picks",
    "editor's choice",
    "don't miss",
    "more from our network",
    "from our partners",
    "around the web",
    "sponsored stories",
    "promoted stories",
    "paid content",
    "from the web",
    "other stories",
    "in other news",
    // German
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "ähnliche artikel",
    "meistgelesen",
    "meistgelesene artikel",
    "auch interessant",
    "empfehlungen",
    // French
    "sur le même sujet",
    "articles similaires",
    "les plus lus",
    "articles liés",
    "à voir aussi",
    "dans la même rubrique",
    // Spanish
    "noticias relacionadas",
    "te puede interesar",
    "lo más leído",
    "lo mas leido",
    "más noticias",
    "mas noticias",
    "artículos relacionados",
    "te recomendamos",
    "también te puede interesar",
    // Portuguese
    "notícias relacionadas",
    "mais lidas",
    "artigos relacionados",
    "você pode gostar",
    "voce pode gostar",
    "relacionados",
    "mais notícias",
    // Italian
    "articoli correlati",
    "i più letti",
    "potrebbe interessarti",
    "ti potrebbe interessare",
    "altre notizie",
    // Dutch
    "meer nieuws",
    "gerelateerde artikelen",
    "meest gelezen",
    "ook interessant",
    // Russian, Ukrainian
    "похожие статьи",
    "популярное",
    "новости по теме",
    "самое читаемое",
    "самое популярное",
    "другие новости",
    "рекомендуем",
    "схожі статті",
    "популярне",
    "новини на тему",
    // Polish, Czech, Hungarian, Romanian
    "najczęściej czytane",
    "podobne artykuły",
    "polecane",
    "související články",
    "nejčtenější",
    "kapcsolódó cikkek",
    "legolvasottabb",
    "articole similare",
    "cele mai citite",
    // Indonesian, Malay, Turkish
    "berita terkait",
    "artikel terkait",
    "terpopuler",
    "berita lainnya",
    "berita terkini",
    "artikel berkaitan",
    "berita berkaitan",
    "ilgili haberler",
    "benzer haberler",
    "en çok okunanlar",
    "diğer haberler",
    // Scandinavian, Finnish, Greek
    "relaterade artiklar",
    "mest läst",
    "relaterte artikler",
    "mest læste",
    "mest lest",
    "luetuimmat",
    "σχετικά άρθρα",
    "δημοφιλή",
    // Chinese, Japanese, Korean
    "相关新闻",
    "相关文章",
    "热门文章",
    "推荐阅读",
    "延伸阅读",
    "热门推荐",
    "相关阅读",
    "猜你喜欢",
    "相關新聞",
    "相關文章",
    "熱門文章",
    "推薦閱讀",
    "延伸閱讀",
    "関連記事",
    "関連ニュース",
    "人気記事",
    "おすすめ記事",
    "あわせて読みたい",
    "관련기사",
    "관련 기사",
    "많이 본 뉴스",
    "인기 기사",
    "추천 기사",
    "관련뉴스",
    "관련 뉴스",
    // Arabic, Hebrew, Persian, Hindi, Bengali
    "مقالات ذات صلة",
    "أخبار ذات صلة",
    "الأكثر قراءة",
    "مواضيع ذات صلة",
    "כתבות נוספות",
    "עוד בנושא",
    "הכי נקראים",
    "כתבות קשורות",
    "اخبار مرتبط",
    "مطالب مرتبط",
    "پربازدیدترین",
    "संबंधित खबरें",
    "सबसे ज्यादा पढ़ी गई",
    "সম্পর্কিত খবর",
    // Vietnamese, Thai
    "tin liên quan",
    "đọc nhiều nhất",
    "tin khác",
    "bài viết liên quan",
    "ข่าวที่เกี่ยวข้อง",
    "บทความที่เกี่ยวข้อง",
    "ข่าวยอดนิยม",
];

/// Headers of comment sections (keys, see the module doc).
pub const COMMENT_HEADERS: &[&str] = &[
    "comments",
    "comment",
    "responses",
    "replies",
    "reactions",
    "discussion",
    "top rated comments",
    "read all comments",
    "view all comments",
    "show comments",
    "load comments",
    "view comments",
    "reader comments",
    "readers' comments",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "add comment",
    "join the discussion",
    "join the conversation",
    "comments are closed",
    "be the first to comment",
    "kommentare",
    "commentaires",
    "comentarios",
    "comentários",
    "commenti",
    "reacties",
    "комментарии",
    "коментарі",
    "komentarze",
    "komentar",
    "komen",
    "yorumlar",
    "评论",
    "評論",
    "コメント",
    "댓글",
    "تعليقات",
    "التعليقات",
    "תגובות",
    "टिप्पणियाँ",
    "टिप्पणियां",
    "نظرات",
    "bình luận",
    "ความคิดเห็น",
    "komentáře",
    "hozzászólások",
    "comentarii",
    "kommentarer",
    "kommentit",
    "σχόλια",
    "মন্তব্য",
    "mga komento",
];

/// Header prefixes: the key starts with one of these, then a name
/// ("more from the guardian", "more in world", "latest from bbc sport").
pub const SECTION_PREFIXES: &[&str] = &[
    "more from",
    "more in",
    "more on",
    "more about",
    "latest from",
    "latest in",
    "also in",
    "more stories from",
    "more news from",
    "read more from",
    "other stories from",
    "trending in",
    "popular in",
    "top stories in",
    "mehr aus",
    "plus de",
    "más de",
    "mais de",
    "altro da",
    "ещё из",
    "еще из",
];

/// Prefixes of "About …" headers that open an author bio or a company's
/// boilerplate after an article ("About the author", "About Ascom", "Sobre
/// Carlos Nadalim", "Über Moritz Bachmann", "Tentang Kami"). Such a header
/// has at most [`PREFIX_MAX_WORDS`] words, no digit and no sentence end, so
/// that "About 300 people died." stays a sentence.
pub const ABOUT_PREFIXES: &[&str] = &[
    "about",
    "sobre",
    "über",
    "à propos de",
    "acerca de",
    "informazioni su",
    "tentang",
    "об",
];

/// Words that open a header of a few words ("More Washington Examiner",
/// "Latest Videos", "Top Picks").
pub const SECTION_OPENERS: &[&str] = &["more", "latest", "top", "trending", "popular"];

/// At most this many words in a prefix or opener header.
const PREFIX_MAX_WORDS: usize = 6;
const OPENER_MAX_WORDS: usize = 4;

static SECTIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| SECTION_HEADERS.iter().copied().collect());
static COMMENTS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| COMMENT_HEADERS.iter().copied().collect());

/// The key of a line: lower-cased letters, marks and apostrophes, one space
/// between words.
pub fn header_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut space = true;
    for c in line.chars() {
        if c == '\'' || c == '\u{2019}' {
            // Typographic apostrophes key like ASCII ones ("Editor’s Picks").
            key.push('\'');
            space = false;
        } else if c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c) {
            key.extend(c.to_lowercase());
            space = false;
        } else if !space {
            key.push(' ');
            space = true;
        }
    }
    let trimmed = key.trim_matches(|c| c == ' ' || c == '\'');
    if trimmed.len() != key.len() {
        key = trimmed.to_string();
    }
    key
}

/// The header a line is, if any.
pub fn header(line: &str) -> Option<Header> {
    if line.len() > MAX_HEADER_BYTES {
        return None;
    }
    let key = header_key(line);
    if key.is_empty() {
        return None;
    }
    if COMMENTS.contains(key.as_str()) {
        return Some(Header::Comments);
    }
    if SECTIONS.contains(key.as_str()) {
        return Some(Header::Section);
    }
    let words = key.split(' ').count();
    if words <= PREFIX_MAX_WORDS
        && SECTION_PREFIXES
            .iter()
            .any(|p| key.len() > p.len() && key.starts_with(p) && key.as_bytes()[p.len()] == b' ')
    {
        return Some(Header::Section);
    }
    let sentence = line.trim_end().ends_with(['.', '!', '?']);
    if words <= PREFIX_MAX_WORDS
        && !sentence
        && !line.bytes().any(|b| b.is_ascii_digit())
        && ABOUT_PREFIXES
            .iter()
            .any(|p| key.len() > p.len() && key.starts_with(p) && key.as_bytes()[p.len()] == b' ')
    {
        return Some(Header::Section);
    }
    let first = key.split(' ').next().unwrap_or("");
    if words <= OPENER_MAX_WORDS && !sentence && SECTION_OPENERS.contains(&first) {
        return Some(Header::Section);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_headers_in_several_languages() {
        for line in [
            "Related Articles",
            "MOST POPULAR",
            "You may also like",
            "More in World",
            "More from The Guardian",
            "More Washington Examiner",
            "Latest Videos",
            "Editor’s Picks",
            "Mehr zum Thema",
            "Lo más leído",
            "Articles similaires",
            "Похожие статьи",
            "Berita Terkait",
            "About the author",
            "ABOUT THE AUTHOR",
            "About Ascom",
            "Sobre Carlos Nadalim",
            "Über Moritz Bachmann",
            "Tentang Kami",
            "相关新闻",
            "関連記事",
            "관련 기사",
            "مقالات ذات صلة",
            "כתבות נוספות",
            "ข่าวที่เกี่ยวข้อง",
        ] {
            assert_eq!(header(line), Some(Header::Section), "{line}");
        }
    }

    #[test]
    fn comment_headers_in_several_languages() {
        for line in [
            "[ 167 comments ]",
            "Comments (12)",
            "12 Comments",
            "Top Rated Comments",
            "Leave a Reply",
            "Kommentare",
            "Комментарии",
            "评论",
            "コメント",
            "댓글",
            "التعليقات",
            "תגובות",
        ] {
            assert_eq!(header(line), Some(Header::Comments), "{line}");
        }
    }

    #[test]
    fn article_lines_are_not_headers() {
        for line in [
            "More than 1,200 people have been killed in the fighting.",
            "More protests are planned for the weekend, organisers said on Sunday.",
            "Top officials met in Geneva.",
            "Related to the case, police arrested two men.",
            "About 300 people died.",
            "About 40 minutes later",
            "Über 100 Tote bei Erdbeben",
            "About a third of voters stayed home, officials said on Monday.",
            "Baca juga: Presiden bertemu menteri",
            "Read more: Oil prices fall",
            "Россия и Азербайджан",
            "阿塞拜疆总统阿利耶夫周日表示",
        ] {
            assert_eq!(header(line), None, "{line}");
        }
    }

    #[test]
    fn keys_fold_case_digits_and_punctuation() {
        assert_eq!(header_key("[ 167 Comments ]"), "comments");
        assert_eq!(header_key("Editor's Picks:"), "editor's picks");
    }
}
