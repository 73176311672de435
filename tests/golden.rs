//! Golden pages: twelve small hand-written web pages (`tests/fixtures/pages/`, see its
//! README) run through the whole pipeline, each checked against what a reader of that
//! page expects from it. The expectations come from the page, not from the current
//! output of the extractor.
//!
//! The pages cover the kinds of input that break extractors in practice:
//!
//! - metadata: JSON-LD authors and dates with a zone offset, comments dated later than
//!   the article, a date given only in a visible `<time>`, a live blog whose entries
//!   are newer than its start, an AMP page with a canonical link;
//! - charsets: Latin-1 bytes labelled UTF-8, Shift_JIS declared with `http-equiv`, GBK
//!   with no declaration at all;
//! - scripts and layout: short CJK paragraphs, right-to-left Arabic, an article split
//!   over several wrappers with a newsletter box and an ad between the parts;
//! - boilerplate: navigation, cookie notices, share bars, related stories, comments,
//!   newsletter boxes and footers must not reach the main text;
//! - pages that are not (all) article: a consent dialog, a paywalled teaser;
//! - bylines with roles and affiliations, and markup cut off in the middle of a tag.
//!
//! Each test checks the title, the authors, the published day (and offset when the
//! page gives one), phrases that must and must not be in the text, block kinds, image
//! URLs, the language and the warnings.

use std::sync::OnceLock;

use chrono::{DateTime, TimeZone, Utc};
use newsextract::pipeline::document::{BlockKind, DatePrecision};
use newsextract::pipeline::{Body, Document, Pipeline, RawInput};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::new)
}

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

/// The raw input for the fixture page `file`, as fetched from `url` at `fetched_at`.
fn input(file: &str, url: &str, fetched_at: DateTime<Utc>) -> RawInput {
    let path = format!("{}/tests/fixtures/pages/{file}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    RawInput {
        url: Some(url.to_string()),
        body: Body::Html(bytes),
        fetched_at: Some(fetched_at),
        ..Default::default()
    }
}

/// The extracted document of `file`. Panics (with the error) if extraction fails.
fn extract(file: &str, url: &str, fetched_at: DateTime<Utc>) -> Document {
    pipeline()
        .extract(input(file, url, fetched_at))
        .unwrap_or_else(|e| panic!("{file}: extraction failed: {e:?} ({})", e.code()))
}

/// Kind, section and the first characters of every block, for failure messages.
fn summary(doc: &Document) -> Vec<(BlockKind, u32, String)> {
    doc.blocks
        .iter()
        .map(|b| {
            let t: String = doc.text[b.span.clone()].chars().take(70).collect();
            (b.kind, b.section, t)
        })
        .collect()
}

/// The texts of the blocks of `kind`.
fn blocks_of(doc: &Document, kind: BlockKind) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| &doc.text[b.span.clone()])
        .collect()
}

#[track_caller]
fn assert_text_has(doc: &Document, phrases: &[&str]) {
    for p in phrases {
        assert!(
            doc.text.contains(p),
            "{p:?} is missing from the main text:\n---\n{}\n---",
            doc.text
        );
    }
}

#[track_caller]
fn assert_text_lacks(doc: &Document, phrases: &[&str]) {
    for p in phrases {
        assert!(
            !doc.text.contains(p),
            "{p:?} (page furniture) is in the main text:\n---\n{}\n---",
            doc.text
        );
    }
}

/// Every phrase is in the text, in this order.
#[track_caller]
fn assert_in_order(doc: &Document, phrases: &[&str]) {
    let mut last = 0;
    for p in phrases {
        let at = doc.text.find(p).unwrap_or_else(|| {
            panic!(
                "{p:?} is missing from the main text:\n---\n{}\n---",
                doc.text
            )
        });
        assert!(
            at >= last,
            "{p:?} comes too early in the main text:\n---\n{}\n---",
            doc.text
        );
        last = at;
    }
}

/// Some block of `kind` holds `phrase`.
#[track_caller]
fn assert_block(doc: &Document, kind: BlockKind, phrase: &str) {
    assert!(
        blocks_of(doc, kind).iter().any(|t| t.contains(phrase)),
        "no {kind:?} block holds {phrase:?}; blocks:\n{:#?}",
        summary(doc)
    );
}

#[track_caller]
fn assert_title(doc: &Document, title: &str) {
    assert_eq!(doc.metadata.title.as_deref(), Some(title), "title");
}

fn author_names(doc: &Document) -> Vec<&str> {
    doc.metadata
        .authors
        .iter()
        .map(|a| a.name.as_str())
        .collect()
}

#[track_caller]
fn assert_authors(doc: &Document, names: &[&str]) {
    assert_eq!(
        author_names(doc),
        names,
        "authors: {:#?}",
        doc.metadata.authors
    );
}

/// The published date falls on `day` (YYYY-MM-DD, in the page's own zone); with
/// `offset_secs`, the page gave that UTC offset and it was kept; without, the page
/// gave no zone.
#[track_caller]
fn assert_published(doc: &Document, day: &str, offset_secs: Option<i32>) {
    let p = doc
        .metadata
        .published
        .as_ref()
        .unwrap_or_else(|| panic!("no published date; warnings: {:#?}", doc.warnings));
    let shown = format!(
        "{} (has_offset {}, source {:?}, precision {:?})",
        p.at.to_rfc3339(),
        p.has_offset,
        p.source,
        p.precision
    );
    assert_eq!(
        p.at.date_naive().format("%Y-%m-%d").to_string(),
        day,
        "published day, from {shown}"
    );
    match offset_secs {
        Some(secs) => {
            assert!(p.has_offset, "the page's UTC offset was lost: {shown}");
            assert_eq!(
                p.at.offset().local_minus_utc(),
                secs,
                "published UTC offset, from {shown}"
            );
        }
        None => assert!(!p.has_offset, "the page gives no zone, yet: {shown}"),
    }
}

#[track_caller]
fn assert_published_exactly(doc: &Document, rfc3339: &str) {
    assert_eq!(
        doc.metadata.published.as_ref().map(|p| p.at.to_rfc3339()),
        Some(rfc3339.to_string()),
        "published instant: {:#?}",
        doc.metadata.published
    );
}

#[track_caller]
fn assert_language(doc: &Document, code: &str) {
    assert_eq!(
        doc.language.as_deref(),
        Some(code),
        "language (confidence {}, warnings {:?})",
        doc.language_confidence,
        warning_codes(doc)
    );
}

fn warning_codes(doc: &Document) -> Vec<&'static str> {
    doc.warnings.iter().map(|w| w.code).collect()
}

#[track_caller]
fn assert_warning(doc: &Document, code: &str) {
    assert!(
        warning_codes(doc).contains(&code),
        "no {code:?} warning; warnings: {:#?}",
        doc.warnings
    );
}

/// No undecodable bytes (U+FFFD) and no UTF-8-read-as-Latin-1 mojibake in the text or
/// the title.
#[track_caller]
fn assert_clean_decoding(doc: &Document) {
    let title = doc.metadata.title.as_deref().unwrap_or("");
    for s in [doc.text.as_str(), title] {
        assert!(
            !s.contains('\u{FFFD}') && !s.contains("Ã©") && !s.contains("Ã¨"),
            "badly decoded text (warnings {:?}):\n---\n{s}\n---",
            warning_codes(doc)
        );
    }
}

#[test]
fn jsonld_news_article() {
    let doc = extract(
        "jsonld_news.html",
        "https://www.example-news.test/2026/03/14/hallberg-tram-line-eastern-districts",
        utc(2026, 3, 22, 12),
    );
    assert_title(
        &doc,
        "Hallberg approves tram line to the eastern districts after decade of delays",
    );
    assert_authors(&doc, &["Anna Keller", "Tomás Ruiz"]);
    // The article's own date, not the comments' (20 and 21 March).
    assert_published(&doc, "2026-03-14", Some(3600));
    assert_published_exactly(&doc, "2026-03-14T09:30:00+01:00");

    let lead = "Hallberg city council on Friday approved a 9.4-kilometre tram extension";
    let last = "Officials said they would hold monthly information meetings in both districts while the works are under way.";
    assert_in_order(
        &doc,
        &[
            lead,
            "It foresees eleven new stops",
            "Mayor Ingrid Solberg called the decision",
            "The line is expected to cost 412 million euros.",
            "Residents’ groups in Fenwick Row had campaigned for years",
            "Opposition councillors argued that electric buses",
            last,
        ],
    );
    assert!(
        blocks_of(&doc, BlockKind::Paragraph)
            .first()
            .is_some_and(|p| p.starts_with(lead)),
        "the story should open with its lead paragraph; blocks:\n{:#?}",
        summary(&doc)
    );
    assert!(
        doc.text.ends_with(last),
        "the story should end with its last paragraph:\n---\n{}\n---",
        doc.text
    );
    assert_block(&doc, BlockKind::Heading, "What the residents asked for");
    assert_block(
        &doc,
        BlockKind::ListItem,
        "a stop within five minutes’ walk of the Fenwick Row health centre",
    );
    assert_block(
        &doc,
        BlockKind::ListItem,
        "noise barriers along the section that runs beside the allotment gardens",
    );
    assert_block(
        &doc,
        BlockKind::Blockquote,
        "Tonight we finally stopped drawing lines on maps and started building one.",
    );
    assert_block(
        &doc,
        BlockKind::FigureCaption,
        "A low-floor tram on a test run at the former Westhafen goods yard",
    );
    assert_text_lacks(
        &doc,
        &[
            "We use cookies",
            "OK, got it",
            "Facebook",
            "Share on X",
            "Get the Courier Morning Briefing",
            "The day’s local news in your inbox",
            "Related stories",
            "Eastmoor bus lane trial ends early",
            "Five designs shortlisted",
            "Regional transport fund faces cuts",
            "Comments (3)",
            "fenwick_dave",
            "About time. I have been waiting for this tram",
            "Four hundred million for eleven stops",
            "Glad the bridge is closed to cars",
            "Tags:",
            "Privacy policy",
            "All rights reserved",
        ],
    );

    assert_eq!(
        doc.metadata.lead_image.as_ref().map(|i| i.url.as_str()),
        Some("https://cdn.example-news.test/images/2026/03/tram-line-og.jpg"),
        "lead image"
    );
    let figure = doc
        .metadata
        .images
        .iter()
        .find(|i| {
            i.url
                .starts_with("https://www.example-news.test/media/2026/03/tram-depot-")
        })
        .unwrap_or_else(|| {
            panic!(
                "the figure's image (relative src) is not among the images, as an absolute URL: {:#?}",
                doc.metadata.images
            )
        });
    assert!(
        figure
            .caption
            .as_deref()
            .is_some_and(|c| c.contains("Westhafen goods yard")),
        "the figure's image should carry its caption: {figure:#?}"
    );
    assert_language(&doc, "en");
}

#[test]
fn latin1_bytes_labelled_utf8() {
    let doc = extract(
        "latin1_labelled_utf8.html",
        "https://www.example-quotidien.test/2026/07/09/electricite-record-ete",
        utc(2026, 7, 10, 12),
    );
    assert_clean_decoding(&doc);
    // The page lies about its charset: the caller should hear about it.
    assert_warning(&doc, "charset_mismatch");
    assert_title(
        &doc,
        "La demande d'électricité bat un record au Québec en plein été",
    );
    assert_authors(&doc, &["Hélène Gagnon"]);
    assert_published(&doc, "2026-07-09", Some(-4 * 3600));
    assert_text_has(
        &doc,
        &[
            "électricité",
            "été",
            "Québec",
            "à",
            "La vague de chaleur qui frappe le sud du Québec depuis dimanche a fait grimper la consommation d'électricité",
            "« Il y a dix ans, nos pointes avaient lieu presque uniquement en janvier.",
            "Énergie Boréale assure que le réseau a tenu le coup",
            "de régler le climatiseur à 25 degrés.",
        ],
    );
    assert_block(&doc, BlockKind::Heading, "Des réservoirs bien remplis");
    assert_text_lacks(
        &doc,
        &[
            "Ce site utilise des témoins",
            "J'accepte",
            "Accueil",
            "Partager",
            "À lire aussi",
            "Canicule : la Ville ouvre douze haltes climatisées",
            "Les tarifs d'électricité augmenteront",
            "Tous droits réservés",
            "Politique de confidentialité",
        ],
    );
    assert_eq!(
        doc.metadata.lead_image.as_ref().map(|i| i.url.as_str()),
        Some("https://www.example-quotidien.test/images/2026/07/lignes-haute-tension.jpg"),
        "lead image (relative og:image resolved)"
    );
    assert_language(&doc, "fr");
}

#[test]
fn shift_jis_with_short_paragraphs() {
    let doc = extract(
        "shift_jis.html",
        "https://www.example-shimbun.test/articles/20260203/k0001.html",
        utc(2026, 2, 4, 0),
    );
    assert_clean_decoding(&doc);
    let codes = warning_codes(&doc);
    assert!(
        !codes.contains(&"charset_mismatch") && !codes.contains(&"invalid_bytes"),
        "the page declares its charset correctly; warnings: {:#?}",
        doc.warnings
    );
    assert_title(&doc, "瀬戸内に新しいフェリー航路、来年春に開設へ");
    assert_authors(&doc, &["佐藤健一"]);
    assert_published(&doc, "2026-02-03", Some(9 * 3600));
    // Every one of the seven short paragraphs, in order.
    assert_in_order(
        &doc,
        &[
            "青島市と白浜島を結ぶ新しいフェリー航路が、来年春に開設されることが三日、分かった。",
            "新航路の所要時間は約四十分で",
            "使用する船は定員二百人で",
            "白浜島では高齢化が進み",
            "観光面での期待も大きい。",
            "一方、既存の航路を運航する会社からは",
            "既存の会社とも話し合いを続ける」と述べた。",
        ],
    );
    assert_text_lacks(
        &doc,
        &[
            "トップ",
            "ポスト",
            "関連記事",
            "離島の診療所、医師確保に苦戦",
            "アクセスランキング",
            "大雪の影響、週末まで続く見通し",
            "会社案内",
            "Copyright",
        ],
    );
    assert_language(&doc, "ja");
}

#[test]
fn gbk_without_any_charset_declaration() {
    let doc = extract(
        "gbk_no_declaration.html",
        "https://news.example-ribao.test/2026/01/22/c_88231.htm",
        utc(2026, 1, 23, 0),
    );
    assert_clean_decoding(&doc);
    assert_title(&doc, "青禾市滨江绿道全线贯通 市民可骑行三十公里");
    assert_authors(&doc, &["王立新"]);
    assert_published(&doc, "2026-01-22", Some(8 * 3600));
    assert_in_order(
        &doc,
        &[
            "经过三年建设，青禾市滨江绿道于二十一日全线贯通。",
            "沿线共设置十二个驿站",
            "部分路段采用架空栈道的方式建设",
            "现在可以带孩子沿着江边骑车",
            "计划明年与相邻城市的绿道网络相连接",
            "骑行时注意安全，不要在步行道上骑车。",
        ],
    );
    assert_text_lacks(
        &doc,
        &[
            "客户端下载",
            "正文",
            "热点新闻",
            "春运首日客流平稳",
            "非遗展览走进社区",
            "分享到",
            "版权所有",
            "联系我们",
        ],
    );
    assert_language(&doc, "zh");
}

#[test]
fn arabic_right_to_left() {
    let doc = extract(
        "arabic_rtl.html",
        "https://www.example-akhbar.test/ar/news/2026/02/27/solar-desalination-plant",
        utc(2026, 2, 28, 0),
    );
    assert_clean_decoding(&doc);
    assert_title(
        &doc,
        "افتتاح أول محطة لتحلية مياه البحر بالطاقة الشمسية في مدينة السنابل",
    );
    assert_authors(&doc, &["سلمى الحداد"]);
    assert_published(&doc, "2026-02-27", Some(3 * 3600));
    assert_in_order(
        &doc,
        &[
            "افتتحت بلدية مدينة السنابل الساحلية يوم الخميس أول محطة لتحلية مياه البحر",
            "وتبلغ الطاقة الإنتاجية للمحطة نحو أربعين ألف متر مكعب",
            "وقال العطار إن تكلفة إنتاج المتر المكعب الواحد",
            "على أن يتم طرح المناقصة الخاصة بها قبل نهاية العام الجاري.",
        ],
    );
    assert_block(&doc, BlockKind::Heading, "تكلفة أقل وانبعاثات أدنى");
    assert_text_lacks(
        &doc,
        &[
            "الرئيسية",
            "واتساب",
            "أخبار ذات صلة",
            "تراجع منسوب المياه الجوفية",
            "طرح مناقصة الميناء الجديد للشركات المحلية",
            "سياسة الخصوصية",
            "جميع الحقوق محفوظة",
        ],
    );
    assert_language(&doc, "ar");
}

#[test]
fn amp_article() {
    let doc = extract(
        "amp_article.html",
        "https://www.example-gazette.test/amp/2026/04/02/coast-line-reopens-saltcliff-landslide",
        utc(2026, 4, 3, 0),
    );
    assert_title(
        &doc,
        "Coast line reopens three months after Saltcliff landslide",
    );
    assert_authors(&doc, &["Priya Natarajan"]);
    assert_published(&doc, "2026-04-02", Some(3600));
    // The AMP page names the article's real address.
    assert_eq!(
        doc.metadata.canonical_url.as_deref(),
        Some("https://www.example-gazette.test/2026/04/02/coast-line-reopens-saltcliff-landslide"),
        "canonical URL"
    );
    assert_in_order(
        &doc,
        &[
            "Passenger trains returned to the coast line between Brightwater and Portmellin on Thursday morning",
            "The first service left Brightwater at 6.12am",
            // After the ad slot.
            "Engineers worked around the clock to stabilise the cliff",
            "“We have been counting the days.",
            "tickets bought for replacement buses would be accepted on trains until the end of the month.",
        ],
    );
    assert_text_lacks(
        &doc,
        &[
            "Advertisement",
            "What's On",
            "More from the Gazette",
            "Portmellin harbour wall repairs to start in May",
            "Brightwater parking charges",
            "View the full version of this page",
            "All rights reserved",
        ],
    );
    assert!(
        doc.metadata.images.iter().any(
            |i| i.url == "https://www.example-gazette.test/img/2026/04/saltcliff-train-800.jpg"
        ),
        "the <amp-img> (relative src) should be among the images, as an absolute URL: {:#?}",
        doc.metadata.images
    );
    assert_eq!(
        doc.metadata.lead_image.as_ref().map(|i| i.url.as_str()),
        Some("https://www.example-gazette.test/img/2026/04/saltcliff-train-1200.jpg"),
        "lead image"
    );
    assert_language(&doc, "en");
}

#[test]
fn article_split_over_sections() {
    let doc = extract(
        "split_sections.html",
        "https://www.example-ledger.test/news/2026/05/18/carver-street-library-rebuild",
        utc(2026, 5, 19, 12),
    );
    assert_title(
        &doc,
        "Inside the 18-month rebuild of the Carver Street library",
    );
    assert_authors(&doc, &["Samuel Okafor"]);
    assert_published(&doc, "2026-05-18", Some(-5 * 3600));
    // All three parts, in page order: before the newsletter box, between it and the
    // ad slot, and after the ad slot.
    assert_in_order(
        &doc,
        &[
            "When the Carver Street library closed its doors in November 2024",
            "On Saturday the branch reopens after an 18-month, $9.6 million rebuild",
            "“We wanted it to feel like the old library, just without the buckets on the floor,”",
            "A reading room with a view of the river",
            "The biggest change is on the second floor",
            "The children’s section moved to the ground floor",
            "Not everything went to plan.",
            "“People told us to knock it down and start again. I’m glad we didn’t,”",
            "tours of the renovated building every half hour until 3 p.m.",
        ],
    );
    assert_block(
        &doc,
        BlockKind::Heading,
        "A reading room with a view of the river",
    );
    assert_text_lacks(
        &doc,
        &[
            "Skip to content",
            "Obituaries",
            "Read more:",
            "City council approves library budget after heated vote",
            "The Morning Ledger",
            "Start your day with the stories Riverton is talking about",
            "Sign up",
            "Advertisement",
            "Share on Facebook",
            "Email this story",
            "Recommended for you",
            "Mill Park pool will stay closed",
            "All rights reserved",
        ],
    );
    assert_language(&doc, "en");
}

#[test]
fn live_blog_entries_and_start_date() {
    let doc = extract(
        "live_blog.html",
        "https://www.example-live.test/news/live/2026/jan/17/storm-orla-live",
        utc(2026, 1, 17, 15),
    );
    assert_title(
        &doc,
        "Storm Orla live: 90mph gusts hit the west coast as ferries are cancelled",
    );
    assert_authors(&doc, &["Callum Pryce"]);
    // When the blog started, not its latest entry or update.
    assert_published(&doc, "2026-01-17", Some(0));
    assert_published_exactly(&doc, "2026-01-17T06:30:00+00:00");
    let headings = [
        "Red warning extended until 8pm",
        "Power cut to 38,000 homes",
        "Roof torn off school sports hall",
        "Gust of 91mph recorded at Kestle Point",
        "Main coast road closed at Penhallow",
        "All ferry crossings cancelled",
    ];
    for h in headings {
        assert_block(&doc, BlockKind::Heading, h);
    }
    // Entries in page order (newest first).
    assert_in_order(
        &doc,
        &[
            "The Met Office has extended the red warning for wind until 8pm",
            "Western Grid says about 38,000 homes and businesses are now without electricity",
            "Part of the roof of the sports hall at Tregarth Community School",
            "The highest gust so far, 91mph, was recorded at the Kestle Point weather station",
            "Police have closed the coast road at Penhallow",
            "Good morning and welcome to our live coverage of Storm Orla.",
            "harbour masters have asked boat owners to check their moorings.",
        ],
    );
    assert_text_lacks(
        &doc,
        &[
            "Most read",
            "Storm Orla: what the red warning means for you",
            "Train companies cancel services ahead of storm",
            "WhatsApp",
            "All rights reserved",
        ],
    );
    assert_language(&doc, "en");
}

#[test]
fn consent_wall_is_reported_not_extracted() {
    let result = pipeline().extract(input(
        "consent_wall.html",
        "https://www.example-chronicle.test/news/2026/06/11/harbour-tunnel-tolls-vote",
        utc(2026, 6, 11, 18),
    ));
    // The html stage reports walls as warnings on the document; an error would carry
    // no warning, and the caller could not tell a consent wall from an empty page.
    let doc = match result {
        Ok(doc) => doc,
        Err(e) => panic!(
            "a page covered by a consent dialog should come back with a consent_wall \
             warning; got the error {e:?} ({})",
            e.code()
        ),
    };
    assert_warning(&doc, "consent_wall");
    assert_title(&doc, "Council to vote on harbour tunnel tolls");
    // Whatever text is kept, the dialog is not presented as the article.
    assert_text_lacks(
        &doc,
        &[
            "We value your privacy",
            "We and our 214 partners",
            "store and/or access information on a device",
            "Store and/or access information on a device",
            "precise geolocation data",
            "withdraw your consent",
            "Create profiles for personalised advertising",
            "Vendors",
            "AdNexa Media GmbH",
            "Brightpixel Analytics",
            "Foxglove Data Exchange",
            "legitimate interest",
            "Accept all",
            "Reject all",
            "Manage options",
            "Cookie policy",
        ],
    );
}

#[test]
fn paywalled_teaser() {
    let doc = extract(
        "paywall_teaser.html",
        "https://www.example-meridian.test/investigations/2026/09/08/lakeview-water-bills",
        utc(2026, 9, 8, 20),
    );
    assert_title(
        &doc,
        "Inside the pipe: why Lakeview’s water bills doubled in five years",
    );
    assert_authors(&doc, &["Dana Whitcombe"]);
    assert_eq!(
        doc.metadata.authors[0].role.as_deref(),
        Some("Investigations Reporter"),
        "role from the JSON-LD jobTitle: {:#?}",
        doc.metadata.authors
    );
    assert_published(&doc, "2026-09-08", Some(-4 * 3600));
    assert!(doc.metadata.not_free, "isAccessibleForFree: false not read");
    assert_warning(&doc, "paywalled");
    assert_in_order(
        &doc,
        &[
            "In the spring of 2021, the average household in Lakeview paid $46 a month for water and sewer service.",
            "under an agreement the council approved without a public hearing.",
        ],
    );
    assert_text_lacks(
        &doc,
        &[
            "Subscribe to continue reading",
            "Independent, local investigative journalism takes time and money",
            "$1 for the first month",
            "See subscription options",
            "Already a subscriber?",
            "Log in",
            "Most read",
            "Lakeview school board delays vote",
            "Ethics policy",
        ],
    );
    assert_language(&doc, "en");
}

#[test]
fn byline_with_roles_and_affiliation() {
    let doc = extract(
        "multi_author_roles.html",
        "https://www.example-opinion.test/opinion/empty-homes-should-pay-their-way",
        utc(2025, 11, 5, 12),
    );
    assert_title(&doc, "Empty homes should pay their way");
    // "By Dr. Maria Lindqvist, professor of economics at Uppsala University, and Jon
    // Berg, Staff Writer": names without "By", "Dr." or roles; each person keeps their
    // own role and affiliation.
    assert_authors(&doc, &["Maria Lindqvist", "Jon Berg"]);
    let (maria, jon) = (&doc.metadata.authors[0], &doc.metadata.authors[1]);
    assert!(
        maria
            .role
            .as_deref()
            .is_some_and(|r| r.to_lowercase().starts_with("professor")),
        "Maria Lindqvist is a professor: {maria:#?}"
    );
    assert_eq!(
        maria.affiliation.as_deref(),
        Some("Uppsala University"),
        "Maria Lindqvist's affiliation: {maria:#?}"
    );
    assert_eq!(jon.role.as_deref(), Some("Staff Writer"), "{jon:#?}");
    assert_eq!(
        jon.affiliation, None,
        "Jon Berg has no affiliation of his own: {jon:#?}"
    );

    // Only the visible <time datetime="2025-11-02"> dates the piece.
    assert_published(&doc, "2025-11-02", None);
    assert_eq!(
        doc.metadata.published.as_ref().map(|p| p.precision),
        Some(DatePrecision::Day),
        "the page gives a day, no time"
    );

    assert_in_order(
        &doc,
        &[
            "Walk down almost any street in the centre of Nordvik after dark",
            "Some of these homes are between tenants or waiting for renovation.",
            "We propose a simple rule:",
            "Critics will say the tax is hard to enforce.",
            "It is time the city asked the owners of those dark windows to pay their share.",
        ],
    );
    // The "Key facts" box is not part of the story's run of paragraphs: it is either
    // left out or kept as a sidebar of its own.
    for fact in [
        "Key facts",
        "4,300 flats in Nordvik have been empty for over a year",
        "11,200 people are waiting for a municipal rental flat",
        "Three Nordic cities already tax long-term vacancies",
    ] {
        for b in &doc.blocks {
            if doc.text[b.span.clone()].contains(fact) {
                assert!(
                    b.section > 0,
                    "{fact:?} is mixed into the main story; blocks:\n{:#?}",
                    summary(&doc)
                );
            }
        }
    }
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Sidebar) {
        assert_eq!(b.heading.as_deref(), Some("Key facts"), "sidebar: {b:#?}");
    }
    assert_text_lacks(
        &doc,
        &[
            "Newsletters",
            "More opinion",
            "Night buses are a lifeline",
            "The harbour plan forgets the people",
            "LinkedIn",
            "Write for us",
            "All rights reserved",
        ],
    );
    assert_language(&doc, "en");
}

#[test]
fn truncated_markup_keeps_text_before_the_cut() {
    let doc = extract(
        "truncated_markup.html",
        "https://www.example-examiner.test/news/2026/08/21/fisher-daughters-boatyard-saved",
        utc(2026, 8, 21, 18),
    );
    assert_clean_decoding(&doc);
    assert_title(
        &doc,
        "Fisher & Daughters boatyard saved by last-minute buyer",
    );
    assert_authors(&doc, &["Owen Trevelyan"]);
    assert_published(&doc, "2026-08-21", Some(3600));
    assert_in_order(
        &doc,
        &[
            "The Fisher & Daughters boatyard on Harwick quay, which had been due to close at the end of the month",
            // Raw "&" and "<" are text.
            "a fall in orders for new wooden boats & a sharp rise in the cost of timber",
            "\"If the yard had gone, every boat in this harbour would have had to be towed forty miles",
            "Administrators said offers from two property developers",
            "while margins on new builds stay at <5 per cent.",
            "Harbour master Keith Rowe welcomed the sale & said the yard",
            "while the business finds its feet.",
            // The paragraph cut off in the middle of a tag.
            "is expected to begin in the spring, though",
        ],
    );
    // The unclosed <p>s are still separate paragraphs.
    let paragraphs = blocks_of(&doc, BlockKind::Paragraph);
    assert!(
        paragraphs.len() >= 7,
        "expected the seven story paragraphs as separate blocks; blocks:\n{:#?}",
        summary(&doc)
    );
    assert!(
        !paragraphs
            .iter()
            .any(|p| p.contains("Harwick quay") && p.contains("wooden boats")),
        "two unclosed paragraphs ran together; blocks:\n{:#?}",
        summary(&doc)
    );
    // Nothing of the half-written tag, and nothing after the cut.
    assert!(
        doc.text
            .trim_end()
            .ends_with("is expected to begin in the spring, though"),
        "the text should end where the page was cut off:\n---\n{}\n---",
        doc.text
    );
    assert_text_lacks(&doc, &["Jobs & Careers", "<a"]);
    assert_language(&doc, "en");
}
