//! Cookie notices and newsletter prompts: the two kinds of site boilerplate
//! that read like prose (a sentence with stopwords and a full stop), found by
//! their vocabulary instead: a cookie word next to a consent word, a
//! newsletter word next to a subscribe word, in one short line. The word
//! lists cover about ten languages; a cheap byte test skips the tokenizer on
//! the lines (almost all) that mention neither.

use crate::tokenize::for_each_token;

/// Words that name cookies in consent notices, in many languages.
pub const COOKIE_WORDS: &[&str] = &["cookie", "cookies", "куки"];
/// Words of consent notices next to the cookie word: the site, the browser,
/// privacy, consent, settings.
pub const CONSENT_WORDS: &[&str] = &[
    "website",
    "websites",
    "site",
    "sites",
    "web",
    "browser",
    "browsing",
    "experience",
    "consent",
    "privacy",
    "policy",
    "accept",
    "settings",
    "webseite",
    "seite",
    "datenschutz",
    "zustimmung",
    "einwilligung",
    "akzeptieren",
    "navigateur",
    "navigation",
    "consentement",
    "confidentialité",
    "accepter",
    "sitio",
    "navegador",
    "navegación",
    "consentimiento",
    "privacidad",
    "aceptar",
    "sito",
    "navigazione",
    "consenso",
    "accetta",
    "navegação",
    "privacidade",
    "aceitar",
    "strona",
    "stronie",
    "przeglądarki",
    "сайт",
    "сайта",
    "сайте",
    "браузера",
    "согласие",
    "конфиденциальности",
    "situs",
    "kebijakan",
    "privasi",
    "menerima",
];

/// A cookie or consent notice: a cookie word and a consent word in one line.
pub fn is_cookie_notice(line: &str, buf: &mut String) -> bool {
    // Cheap test first: almost no line mentions cookies.
    let ascii = line
        .as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"cookie"));
    if !ascii && !line.contains("уки") {
        return false;
    }
    let (mut cookie, mut consent) = (false, false);
    for_each_token(line, buf, |t| {
        cookie |= COOKIE_WORDS.contains(&t);
        consent |= CONSENT_WORDS.contains(&t);
    });
    cookie && consent
}

/// A subscription prompt has at most this many words (a longer paragraph
/// that mentions a newsletter is an article's).
pub const PROMPT_WORDS: usize = 40;

/// Words that name a newsletter or an inbox, in several languages (the
/// vocabulary of sign-up boxes on news sites: "Subscribe to our newsletter",
/// "Newsletter abonnieren", "Inscrivez-vous à notre infolettre",
/// "Suscríbete a nuestro boletín", "Подпишитесь на рассылку").
pub const NEWSLETTER_WORDS: &[&str] = &[
    "newsletter",
    "newsletters",
    "inbox",
    "nieuwsbrief",
    "nyhetsbrev",
    "infolettre",
    "boletín",
    "рассылку",
    "рассылка",
    "рассылки",
];
/// Words of the prompt next to the newsletter word: subscribe, sign up, get,
/// delivered.
pub const SUBSCRIBE_WORDS: &[&str] = &[
    "subscribe",
    "sign",
    "signup",
    "join",
    "get",
    "receive",
    "delivered",
    "abonnieren",
    "anmelden",
    "abonnez",
    "abonner",
    "inscrivez",
    "suscríbete",
    "suscribirse",
    "suscribete",
    "inscreva",
    "assine",
    "iscriviti",
    "aanmelden",
    "abonneer",
    "prenumerera",
    "подпишитесь",
    "подписаться",
];

/// Byte prefixes of [`NEWSLETTER_WORDS`] for the cheap test.
const NEWSLETTER_NEEDLES: &[&[u8]] = &[
    b"newsletter",
    b"inbox",
    b"nieuwsbrief",
    b"nyhetsbrev",
    b"infolettre",
    b"bolet",
];

/// A newsletter or subscription prompt: a newsletter word and a subscribe
/// word in one short line.
pub fn is_subscribe_prompt(line: &str, buf: &mut String) -> bool {
    // Cheap test first: almost no line mentions a newsletter.
    let b = line.as_bytes();
    let ascii = (0..b.len()).any(|i| {
        matches!(b[i] | 0x20, b'n' | b'i' | b'b')
            && NEWSLETTER_NEEDLES.iter().any(|n| {
                b.get(i..i + n.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(n))
            })
    });
    if !ascii && !line.contains("рассылк") {
        return false;
    }
    let (mut newsletter, mut subscribe) = (false, false);
    for_each_token(line, buf, |t| {
        newsletter |= NEWSLETTER_WORDS.contains(&t);
        subscribe |= SUBSCRIBE_WORDS.contains(&t);
    });
    newsletter && subscribe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_notices_are_found_in_several_languages() {
        for line in [
            "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish.",
            "Diese Webseite verwendet Cookies. Wenn Sie die Seite weiter nutzen, stimmen Sie der Verwendung von Cookies zu.",
            "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul nostro sito.",
            "Мы используем файлы cookie, чтобы улучшить работу сайта и ваш опыт.",
        ] {
            assert!(is_cookie_notice(line, &mut String::new()), "{line}");
        }
        // Cookies that are eaten.
        assert!(!is_cookie_notice(
            "The bakery sold more than 500 cookies on Saturday, the owner said.",
            &mut String::new()
        ));
    }

    #[test]
    fn subscription_prompts_are_found_in_several_languages() {
        for line in [
            "Stay up to date with Ascom. Subscribe to our newsletter.",
            "Want more Rolling Stone? Sign up for our newsletter.",
            "Let our news meet your inbox. The news and stories that matter, delivered weekday mornings.",
            "Jetzt den Newsletter abonnieren und nichts mehr verpassen!",
            "Inscrivez-vous à notre infolettre pour recevoir nos articles.",
            "Suscríbete a nuestro boletín y recibe las noticias del día.",
            "Подпишитесь на рассылку, чтобы получать главные новости.",
        ] {
            assert!(is_subscribe_prompt(line, &mut String::new()), "{line}");
        }
        // A sentence about a newsletter that asks nothing of the reader.
        assert!(!is_subscribe_prompt(
            "The newsletter, founded in 1998, has 40,000 readers, the editor said.",
            &mut String::new()
        ));
    }
}
