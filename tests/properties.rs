//! Property tests of the extraction pipeline's output invariants, on generated pages
//! and texts (proptest): whatever the input, extraction never panics, and when it
//! yields a document,
//!
//! - the main text is exactly the blocks' texts joined by one blank line, and block
//!   spans are in order, disjoint and cover the text;
//! - every span (block, sentence, entity mention, temporal expression, quotation
//!   content, cue and speaker) lies inside the text on UTF-8 character boundaries;
//! - no published date lies after the fetch time.
//!
//! Generated inputs mix article-like markup (headings, bylines, quotations in several
//! quotation-mark styles, dates, lists, comments, scripts), multi-byte text (CJK,
//! Cyrillic, Arabic, emoji) and deliberately broken markup (unclosed tags, stray `<`
//! and `&`, truncation anywhere).

use chrono::{TimeZone, Utc};
use newsextract::pipeline::{Body, Document, Pipeline, RawInput};
use proptest::prelude::*;

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(Pipeline::new)
}

/// Words and phrases the generator strings together: names, cues, quotation marks
/// of every style, dates and multi-byte scripts.
const WORDS: &[&str] = &[
    "The",
    "minister",
    "Vladimir Putin",
    "said",
    "told reporters",
    "according to",
    "Shinzo Abe",
    "U.N.",
    "United Nations",
    "on Monday",
    "March 3, 2019",
    "2019-03-04",
    "last week",
    "\u{201c}We will not stop,\u{201d}",
    "\"a failure\"",
    "\u{2018}starting point\u{2019}",
    "\u{ab} c\u{2019}est fini \u{bb}",
    "\u{201e}Das ist gut\u{201c}",
    "\u{201c}unclosed",
    "Tokyo",
    "東京都の知事は述べた。",
    "Москва заявила",
    "قال الرئيس",
    "🙂",
    "é",
    "—",
    ",",
    ".",
    "\n",
    "&amp;",
    "&nbsp;",
    "&#x1F600;",
    "&bogus;",
    "<",
    ">",
];

/// Markup pieces: article structure, furniture, and broken tags.
const TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<h1>",
    "</h1>",
    "<h2>",
    "</h2>",
    "<article>",
    "</article>",
    "<div class=\"byline\">By ",
    "</div>",
    "<div class=\"comments\">",
    "<nav><a href=\"/\">Home</a></nav>",
    "<ul><li>",
    "</li></ul>",
    "<blockquote>",
    "</blockquote>",
    "<figure><img src=\"a.jpg\"><figcaption>",
    "</figcaption></figure>",
    "<time datetime=\"2019-03-04T10:00:00+09:00\">",
    "</time>",
    "<script>var x = '<p>';</script>",
    "<style>p{}</style>",
    "<!-- comment -->",
    "<br>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<p class=\"",
    "<meta property=\"article:published_time\" content=\"2999-01-01\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":{\"name\":\"Jane Doe\"}}</script>",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(WORDS).prop_map(|w| format!("{w} ")),
        2 => proptest::sample::select(TAGS).prop_map(str::to_string),
        1 => "[a-zA-Z\u{e9}\u{4e00}-\u{4e10}\u{0410}-\u{0430} ]{1,12}",
    ]
}

fn page() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(piece(), 0..120),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(pieces, cut)| {
            let mut s = pieces.concat();
            // Truncate anywhere (on a character boundary): pages arrive cut off.
            if !s.is_empty() && cut.index(4) == 0 {
                let mut at = cut.index(s.len());
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                s.truncate(at);
            }
            s
        })
}

fn fetched_at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap()
}

fn check_document(doc: &Document) -> Result<(), TestCaseError> {
    doc.check_invariants().map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn html_pages_keep_the_invariants(html in page()) {
        let input = RawInput {
            url: Some("https://example.com/2019/03/04/story".into()),
            body: Body::Html(html.into_bytes()),
            fetched_at: Some(fetched_at()),
            ..Default::default()
        };
        if let Ok(doc) = pipeline().extract(input) {
            check_document(&doc)?;
        }
    }

    #[test]
    fn plain_texts_keep_the_invariants(text in page()) {
        let input = RawInput {
            body: Body::Text(text),
            fetched_at: Some(fetched_at()),
            ..Default::default()
        };
        if let Ok(doc) = pipeline().extract(input) {
            check_document(&doc)?;
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let input = RawInput {
            body: Body::Html(bytes.clone()),
            fetched_at: Some(fetched_at()),
            ..Default::default()
        };
        if let Ok(doc) = pipeline().extract(input) {
            check_document(&doc)?;
        }
        let input = RawInput { body: Body::TextBytes(bytes), ..Default::default() };
        if let Ok(doc) = pipeline().extract(input) {
            check_document(&doc)?;
        }
    }
}
