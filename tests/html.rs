//! HTML input: pages by extension or sniffed in a .txt go through article
//! extraction, then the same cleaning and clustering.

mod common;

use common::{bin, cluster};

const PAGE: &str = r#"<!doctype html>
<html><head><meta charset="utf-8"><title>Harbour bridge reopens after storm repairs</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge reopens after storm repairs</h1>
<p>The harbour bridge reopened to traffic on Tuesday after three weeks of repairs to the
storm-damaged deck, the city transport department said in a statement.</p>
<p>Engineers replaced twelve steel plates and resurfaced the eastern lanes, work that cost
about 4.2 million dollars and was finished two days ahead of schedule.</p>
<p>Commuters had faced detours of up to forty minutes while the crossing was closed, and ferry
operators added extra services during the morning and evening peaks.</p>
</article>
<footer>Subscribe to our newsletter. Privacy policy. Contact us.</footer>
</body></html>"#;

#[test]
fn html_pages_are_extracted_by_extension_and_by_sniffing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), PAGE).unwrap();
    std::fs::write(dir.path().join("saved-as-text.txt"), PAGE).unwrap();
    let report = cluster(&["--ext", "html,txt", dir.path().to_str().unwrap()]);
    assert_eq!(report["summary"]["documents"], 2);
    assert_eq!(
        report["summary"]["stories"], 1,
        "identical pages are one story"
    );
    let story = &report["stories"][0];
    assert_eq!(story["title"], "Harbour bridge reopens after storm repairs");
    assert_eq!(
        story["variants"].as_array().unwrap().len(),
        1,
        "and one variant"
    );
}

#[test]
fn normalize_shows_the_article_without_the_page_chrome() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, PAGE).unwrap();
    let out = bin()
        .args(["normalize", "-q", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Harbour bridge reopens after storm repairs\n"),
        "{text}"
    );
    assert!(
        text.contains("Engineers replaced twelve steel plates"),
        "{text}"
    );
    assert!(!text.contains("<p>"), "{text}");
    assert!(!text.contains("Privacy policy"), "{text}");
    assert!(!text.contains("Sport"), "{text}");
}

#[test]
fn legacy_charset_pages_are_decoded_with_their_declared_charset() {
    let dir = tempfile::tempdir().unwrap();
    let body = "<html><head><meta charset=\"windows-1251\"><title>Мост</title></head><body><p>\
        Мост через гавань снова открыт для движения во вторник после трёх недель ремонта, \
        сообщил городской департамент транспорта. Инженеры заменили двенадцать стальных плит.\
        </p></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(body);
    std::fs::write(dir.path().join("ru.html"), &bytes).unwrap();
    let report = cluster(&["--ext", "html", dir.path().to_str().unwrap()]);
    assert_eq!(report["summary"]["decoded_from_declared_charset"], 1);
    assert_eq!(
        report["stories"][0]["variants"][0]["documents"][0]["lang"],
        "ru"
    );
}
