//! The extraction pipeline: a [`Document`] flows through the stages in order. No I/O
//! happens here; the service layer ([`crate::service`]) feeds it and stores and
//! publishes what comes out.
//!
//! | order | stage | module | what it adds |
//! |---|---|---|---|
//! | 1 | `decode` | [`decode`] | Unicode text from bytes (charset sniffing) |
//! | 2a | `html` | [`html`] | metadata and main-text blocks of a web page |
//! | 2b | `plain_text` | [`cleanup`], [`structure`] | boilerplate-free paragraphs, title, sidebars of a text scrape |
//! | 3 | `structure` | [`structure`] | series / installment / headline, editor's notes, bylines |
//! | 4 | `language` | [`language`] | ISO 639-1 language |
//! | 5 | `sentences` | [`sentences`] | sentence spans, word count |
//! | 6 | `finalize` | here | article id, canonical URL, date sanity |
//! | 7 | `entities` | [`entities`] | named entities with aliases, roles, salience |
//! | 8 | `temporal` | [`temporal`] | TIMEX3 expressions, document creation time |
//! | 9 | `quotations` | [`quotations`] | quotations with speaker, cue and kind |

pub mod cleanup;
pub mod decode;
pub mod document;
pub mod entities;
pub mod html;
pub mod language;
pub mod model_file;
pub mod quotations;
pub mod sentences;
pub mod structure;
pub mod temporal;

use std::time::Instant;

use chrono::Utc;
use sha2::{Digest, Sha256};

use document::{BlockKind, DatePrecision, DateSource, DatedValue, FoundIn};
pub use document::{Body, Document, RawInput};

/// Stage names, a closed set (used as a metrics label).
pub const STAGES: &[&str] = &[
    "decode",
    "html",
    "plain_text",
    "structure",
    language::STAGE,
    "sentences",
    "finalize",
    "entities",
    "temporal",
    "quotations",
];

/// Why an input cannot become an article. Every variant is permanent: retrying the
/// same input gives the same result.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    /// The body is empty or only whitespace.
    #[error("the document is empty")]
    EmptyDocument,
    /// The page was read, but no article text was found in it.
    #[error("no main text found in the document")]
    NoMainText,
    /// The body is binary data, not text or markup (see [`decode::looks_binary`]).
    #[error("the body is binary data (NUL and control bytes), not text or HTML")]
    BinaryContent,
}

impl ExtractError {
    /// Stable error code, as used in the `x-newsextract-error` header and metrics.
    pub fn code(&self) -> &'static str {
        match self {
            ExtractError::EmptyDocument | ExtractError::NoMainText => "empty_document",
            ExtractError::BinaryContent => "binary_content",
        }
    }
}

/// The trained named-entity model, embedded in the binary (`models/ner/`; see its
/// README for the data it was trained on and the command that rebuilds it).
pub const NER_MODEL: &[u8] = include_bytes!("../../models/ner/ner.bin.gz");

/// The configured pipeline. Built once at start and shared (it is `Send + Sync`);
/// [`Pipeline::extract`] is CPU-bound and should run off the async runtime.
#[derive(Clone)]
pub struct Pipeline {
    ner: std::sync::Arc<entities::Model>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline").finish_non_exhaustive()
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Pipeline {
    /// Builds the pipeline with the embedded models (see [`Pipeline::load`]).
    ///
    /// # Panics
    /// Only if the model embedded at build time is corrupt, which the unit tests rule
    /// out.
    pub fn new() -> Self {
        Self::load().expect("the embedded NER model is valid")
    }

    /// Loads the models and runs the pipeline once on a small text and a small page,
    /// so that lazily built tables (compiled patterns) are ready before the first
    /// real article.
    ///
    /// # Errors
    /// A message when a model cannot be decoded.
    pub fn load() -> Result<Self, String> {
        let ner = entities::Model::from_bytes(NER_MODEL)?;
        quotations::MODEL.as_ref().map_err(Clone::clone)?;
        let p = Pipeline {
            ner: std::sync::Arc::new(ner),
        };
        let warm_up = RawInput {
            body: Body::Text(
                "Title of a warm-up article\n\nBy Jane Doe, Staff Writer\n\n\
                 The U.S. economy grew 2.5% in the first quarter, officials said on Monday."
                    .into(),
            ),
            ..Default::default()
        };
        let _ = p.extract(warm_up);
        let warm_up_page = RawInput {
            url: Some("https://example.com/2019/04/25/warm-up".into()),
            body: Body::Html(
                "<html><head><title>Warm-up page</title>\
                 <meta property=\"article:published_time\" content=\"2019-04-25\"></head>\
                 <body><article><h1>Warm-up page</h1><p class=\"byline\">By Jane Doe</p>\
                 <p>The U.S. economy grew 2.5% in the first quarter, officials said on \
                 Monday, April 25.</p><figure><figcaption>A caption (Photo: AP)</figcaption>\
                 </figure><p>Read more: another story</p></article></body></html>"
                    .as_bytes()
                    .to_vec(),
            ),
            ..Default::default()
        };
        let _ = p.extract(warm_up_page);
        Ok(p)
    }

    /// Runs every stage on `input`.
    ///
    /// # Errors
    /// [`ExtractError`] when the input holds no article text.
    pub fn extract(&self, input: RawInput) -> Result<Document, ExtractError> {
        let mut doc = Document {
            input,
            ..Default::default()
        };
        timed(&mut doc, "decode", decode_stage)?;
        if doc.is_html {
            timed(&mut doc, html::STAGE, |d| {
                html::run(d);
                Ok(())
            })?;
        } else {
            timed(&mut doc, "plain_text", plain_text_stage)?;
        }
        timed(&mut doc, "structure", |d| {
            structure_stage(d);
            Ok(())
        })?;
        if doc.text.trim().is_empty() {
            return Err(ExtractError::NoMainText);
        }
        timed(&mut doc, language::STAGE, |d| {
            language::run(d);
            Ok(())
        })?;
        timed(&mut doc, "sentences", |d| {
            let spans: Vec<_> = d.blocks.iter().map(|b| b.span.clone()).collect();
            d.sentences = sentences::split_sentences(&d.text, &spans);
            d.word_count = sentences::word_count(&d.text);
            Ok(())
        })?;
        timed(&mut doc, "finalize", |d| {
            finalize(d);
            Ok(())
        })?;
        let ner = self.ner.clone();
        timed(&mut doc, "entities", |d| {
            if let Some(lang) = language::surely_not_english(d) {
                // The tagger learned English capitalisation and context; on German, where
                // every noun is capitalised, it names `Artikels` a person. No entities
                // beat wrong ones.
                d.warn(
                    "entities",
                    "entities_language_unsupported",
                    format!("the entity tagger reads English; the text is in {lang:?}"),
                );
                return Ok(());
            }
            let (ents, truncated) =
                entities::extract_capped(&ner, &d.text, &d.sentences, d.metadata.title.as_deref());
            d.entities = ents;
            if truncated {
                warn_truncated(
                    d,
                    "entities",
                    "entities_truncated",
                    entities::MAX_DOCUMENT_TOKENS,
                );
            }
            Ok(())
        })?;
        timed(&mut doc, "temporal", |d| {
            temporal_stage(d);
            Ok(())
        })?;
        timed(&mut doc, "quotations", |d| {
            let paragraphs: Vec<_> = d.blocks.iter().map(|b| b.span.clone()).collect();
            let mentions: Vec<_> = d
                .entities
                .iter()
                .flat_map(|e| {
                    let person = e.kind == entities::EntityKind::Person;
                    e.mentions.iter().map(move |m| (m.clone(), person))
                })
                .collect();
            let (quotes, truncated) =
                quotations::extract_capped(&d.text, &paragraphs, &d.sentences, &mentions);
            d.quotes = quotes;
            if truncated {
                warn_truncated(
                    d,
                    "quotations",
                    "quotations_truncated",
                    quotations::MAX_DOCUMENT_TOKENS,
                );
            }
            Ok(())
        })?;
        Ok(doc)
    }
}

/// The warning of a stage that read only the first `max_tokens` tokens of a
/// document (`code` is `<stage>_truncated`).
fn warn_truncated(doc: &mut Document, stage: &'static str, code: &'static str, max_tokens: usize) {
    doc.warn(
        stage,
        code,
        format!("only the first {max_tokens} tokens were searched for {stage}"),
    );
}

fn timed(
    doc: &mut Document,
    stage: &'static str,
    f: impl FnOnce(&mut Document) -> Result<(), ExtractError>,
) -> Result<(), ExtractError> {
    let start = Instant::now();
    let r = f(doc);
    let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    doc.timings.push((stage, micros));
    r
}

/// Removes U+0000 in place: it is no text in any encoding, and PostgreSQL `text` cannot
/// hold it (a NUL in a title made every attempt to store the article fail).
fn strip_nul(s: &mut String) {
    if s.contains('\0') {
        s.retain(|c| c != '\0');
    }
}

fn decode_stage(doc: &mut Document) -> Result<(), ExtractError> {
    for note in std::mem::take(&mut doc.input.notes) {
        doc.warn("decode", "input_field_ignored", note);
    }
    let input = &mut doc.input;
    for s in [
        &mut input.url,
        &mut input.source,
        &mut input.title,
        &mut input.language,
    ]
    .into_iter()
    .flatten()
    {
        strip_nul(s);
    }
    input.authors.iter_mut().for_each(strip_nul);
    let declared = doc.input.declared_charset.clone();
    let raw = match &doc.input.body {
        Body::Html(b) | Body::TextBytes(b) => b.as_slice(),
        Body::Text(t) => t.as_bytes(),
    };
    if decode::looks_binary_declared(raw, declared.as_deref()) {
        return Err(ExtractError::BinaryContent);
    }
    let (bytes_for_hash, decoded, is_html) = match &doc.input.body {
        Body::Html(bytes) => {
            let d = decode::decode(bytes, declared.as_deref(), true);
            (bytes.as_slice(), d, true)
        }
        Body::TextBytes(bytes) => {
            let d = decode::decode(bytes, declared.as_deref(), false);
            (bytes.as_slice(), d, false)
        }
        Body::Text(text) => {
            doc.content_sha256 = hex::encode(Sha256::digest(text.as_bytes()));
            doc.decoded = text.clone();
            strip_nul(&mut doc.decoded);
            doc.is_html = false;
            return non_empty(doc);
        }
    };
    doc.content_sha256 = hex::encode(Sha256::digest(bytes_for_hash));
    let origin = decoded.origin;
    let had_errors = decoded.had_errors;
    let encoding = decoded.encoding;
    doc.decoded = decoded.text;
    strip_nul(&mut doc.decoded);
    doc.is_html = is_html;
    if origin == decode::CharsetOrigin::Overridden {
        doc.warn(
            "decode",
            "charset_mismatch",
            format!("declared charset contradicted by the bytes; read as {encoding}"),
        );
    }
    // (no declaration and not UTF-8: a statistical guess, which a few stray bytes in
    // an English text can turn into a Cyrillic code page)
    if origin == decode::CharsetOrigin::Detected && encoding != "UTF-8" {
        doc.warn(
            "decode",
            "charset_guessed",
            format!("no charset was declared and the bytes are not UTF-8; read as {encoding} by statistical detection"),
        );
    }
    if had_errors {
        doc.warn(
            "decode",
            "invalid_bytes",
            format!("some bytes are not valid {encoding} and were replaced"),
        );
    }
    non_empty(doc)
}

fn non_empty(doc: &Document) -> Result<(), ExtractError> {
    if doc.decoded.trim().is_empty() {
        Err(ExtractError::EmptyDocument)
    } else {
        Ok(())
    }
}

fn plain_text_stage(doc: &mut Document) -> Result<(), ExtractError> {
    let clean = cleanup::clean_plain_text(&doc.decoded);
    let known_title = doc.input.title.clone();
    let s = structure::structure_plain_text(&clean.paragraphs, known_title.as_deref());
    doc.metadata.title = known_title.or(s.title);
    doc.metadata.authors = s.authors;
    doc.set_blocks(s.blocks);
    Ok(())
}

/// Title parts, editor's notes and bylines, for both HTML and plain text.
fn structure_stage(doc: &mut Document) {
    if let Some(title) = doc.metadata.title.as_deref() {
        doc.title_parts = structure::split_title(title);
    }
    if doc.is_html {
        // Editor's notes and byline paragraphs inside an HTML article body.
        let mut byline_authors = Vec::new();
        let mut after_quote = false;
        for b in &mut doc.blocks {
            let follows_quote =
                std::mem::replace(&mut after_quote, b.kind == BlockKind::Blockquote);
            if b.kind != BlockKind::Paragraph {
                continue;
            }
            let text = &doc.text[b.span.clone()];
            if structure::is_editor_note(text) {
                b.kind = BlockKind::EditorNote;
            } else if follows_quote && !structure::starts_with_byline_word(text) {
                // `Tim Thabe, CEO von creditshelf` under a blockquote: who said it,
                // not who wrote the article
            } else if b.span.end - b.span.start < 160 {
                if let Some(authors) = structure::parse_byline(text) {
                    b.kind = BlockKind::Byline;
                    byline_authors.extend(authors);
                }
            }
        }
        if doc.metadata.authors.is_empty() {
            doc.metadata.authors = byline_authors;
        }
    }
    // Producer-given authors win when the page names none.
    if doc.metadata.authors.is_empty() {
        doc.metadata.authors = doc
            .input
            .authors
            .iter()
            .flat_map(|a| html::authors_from_str(a, FoundIn::Envelope))
            .collect();
    }
}

/// Article id, canonical URL, and the published date reconciled with the envelope and
/// the fetch time.
fn finalize(doc: &mut Document) {
    if let Some(p) = doc.input.published_at {
        if doc.metadata.published.is_none() {
            doc.metadata.published = Some(DatedValue {
                at: p,
                has_offset: true,
                source: DateSource::Envelope,
                precision: DatePrecision::Second,
            });
        }
    }
    // A published date after the fetch is impossible: a clock or parsing error. Without
    // a fetch time, the page was fetched before it reached us, so now bounds it.
    let fetched = doc.input.fetched_at;
    if let Some(p) = &doc.metadata.published {
        if !p.not_after_fetch(&fetched.unwrap_or_else(Utc::now)) {
            let bound = if fetched.is_some() {
                "the fetch time"
            } else {
                "the extraction time (no fetch time was given)"
            };
            doc.warn(
                "finalize",
                "published_after_fetch",
                format!(
                    "published date {} is after {bound}; dropped",
                    p.at.to_rfc3339()
                ),
            );
            doc.metadata.published = None;
        }
    }
    let canonical = doc
        .metadata
        .canonical_url
        .as_deref()
        .or(doc.input.url.as_deref())
        .and_then(canonical_url);
    doc.metadata.canonical_url = canonical;
}

/// Temporal expressions of the text (and the title), resolved against the publication
/// date; without one, against a year the text supports, which then becomes the
/// published date with source `inferred` and year precision.
fn temporal_stage(doc: &mut Document) {
    let dct = doc.metadata.published.as_ref().map(|p| p.at.date_naive());
    let (mut timexes, mut reference) = temporal::extract(&doc.text, &doc.sentences, dct);
    // A year inferred from the text cannot be later than the fetch (or, without one,
    // than today): "targets for 2050" name a future year, not the writing year. Then
    // the fetch date is the best reference left.
    let latest = doc.input.fetched_at.unwrap_or_else(Utc::now);
    let inferred_year = reference
        .as_ref()
        .filter(|r| r.source == temporal::DctSource::Inferred)
        .and_then(|r| r.value.get(..4)?.parse::<i32>().ok());
    if inferred_year.is_some_and(|y| y > chrono::Datelike::year(&latest)) {
        doc.warn(
            "temporal",
            "inferred_year_in_future",
            "the year inferred from the text is after the fetch time; ignored",
        );
        match doc.input.fetched_at {
            Some(f) => {
                (timexes, reference) =
                    temporal::extract(&doc.text, &doc.sentences, Some(f.date_naive()));
            }
            None => reference = None,
        }
    }
    let dct = dct.or_else(|| {
        reference
            .as_ref()
            .filter(|r| r.source == temporal::DctSource::Given)
            .and_then(|r| chrono::NaiveDate::parse_from_str(r.value.get(..10)?, "%Y-%m-%d").ok())
    });
    if let Some(title) = doc.metadata.title.as_deref() {
        let title_dct = dct.or_else(|| {
            reference
                .as_ref()
                .and_then(|r| r.value.get(..4)?.parse::<i32>().ok())
                .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 1, 1))
        });
        let (in_title, _) = temporal::extract(title, &[], title_dct);
        doc.title_timex_values = in_title.into_iter().map(|t| t.value).collect();
    }
    if doc.metadata.published.is_none() {
        if let Some(r) = reference
            .as_ref()
            .filter(|r| r.source == temporal::DctSource::Inferred)
        {
            let year = r.value.get(..4).and_then(|y| y.parse::<i32>().ok());
            if let Some(at) = year
                .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 1, 1))
                .and_then(|d| d.and_hms_opt(0, 0, 0))
            {
                doc.metadata.published = Some(DatedValue {
                    at: at.and_utc().fixed_offset(),
                    has_offset: false,
                    source: DateSource::Inferred,
                    precision: DatePrecision::Year,
                });
            }
        }
    }
    doc.timexes = timexes;
    doc.reference_date = reference;
}

/// Canonical form of a URL for identity: lower-case host, no fragment, no tracking
/// parameters (`utm_*`, `fbclid`, `gclid`), no default port. `None` when not a URL.
pub fn canonical_url(url: &str) -> Option<String> {
    let mut u = url::Url::parse(url.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    u.set_fragment(None);
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !(k.starts_with("utm_") || k == "fbclid" || k == "gclid"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(u.to_string())
}

/// The article id, by the input contract: the producer's id, else a hash of the
/// canonical URL, else a hash of the content. Hashes are the first 16 bytes of SHA-256,
/// hex (32 characters).
pub fn article_id(doc: &Document) -> String {
    if let Some(id) = doc
        .input
        .id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return id.to_string();
    }
    let hash = |s: &[u8]| hex::encode(&Sha256::digest(s)[..16]);
    match doc.metadata.canonical_url.as_deref() {
        Some(u) => hash(u.as_bytes()),
        None => doc.content_sha256.get(..32).unwrap_or_default().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_line_under_a_blockquote_is_its_source_not_the_byline() {
        let para = "Die Plattform kooperiert mit einem Partner und plant eine Übernahme, \
                    teilte das Unternehmen am Montag in Berlin mit. ";
        let authors = |body: String| -> Vec<String> {
            let html =
                format!("<html><body><article><h1>Kooperation</h1>{body}</article></body></html>");
            let doc = Pipeline::new()
                .extract(RawInput {
                    body: Body::Html(html.into_bytes()),
                    ..Default::default()
                })
                .unwrap();
            doc.metadata.authors.into_iter().map(|a| a.name).collect()
        };
        let quoted = format!(
            "<p>{}</p><blockquote><p>„Wir freuen uns auf die Zusammenarbeit.“</p></blockquote>\
             <p>Tim Thabe, CEO von creditshelf</p><p>{}</p>",
            para.repeat(4),
            para.repeat(3)
        );
        assert!(authors(quoted).is_empty());
        // the same line after an ordinary paragraph is a byline
        let plain = format!(
            "<p>Tim Thabe, CEO von creditshelf</p><p>{}</p>",
            para.repeat(6)
        );
        assert_eq!(authors(plain), ["Tim Thabe"]);
    }

    #[test]
    fn entities_only_for_english() {
        let p = Pipeline::new();
        let run = |text: &str| {
            p.extract(RawInput {
                body: Body::Text(text.into()),
                ..Default::default()
            })
            .unwrap()
        };
        let de = run(
            "Die Bundesregierung hat am Montag in Berlin einen neuen Plan vorgestellt. \
                      Der Text des Artikels nennt viele Wörter, die mit großen Buchstaben \
                      beginnen, und Kanzler Olaf Scholz sagte, die Arbeit beginne sofort.",
        );
        assert_eq!(de.language.as_deref(), Some("de"));
        assert!(de.entities.is_empty());
        assert!(de
            .warnings
            .iter()
            .any(|w| w.code == "entities_language_unsupported"));
        let en = run(
            "The federal government presented a new plan in Berlin on Monday. \
                      Chancellor Olaf Scholz said the work would begin at once, and the \
                      opposition called the plan too little and too late.",
        );
        assert_eq!(en.language.as_deref(), Some("en"));
        assert!(!en.entities.is_empty());
        // an English report that quotes German at length keeps its entities
        let mixed = run(&format!(
            "{}\n\nChancellor Olaf Scholz told the Bundestag in Berlin on Monday that the \
             plan was ready, and the opposition leader Friedrich Merz said it came too late.",
            "Die Bundesregierung hat am Montag einen neuen Plan vorgestellt, sagte er. ".repeat(3)
        ));
        assert!(!mixed.entities.is_empty(), "{:?}", mixed.warnings);
        assert!(!en
            .warnings
            .iter()
            .any(|w| w.code == "entities_language_unsupported"));
    }

    #[test]
    fn a_future_year_is_not_the_writing_year() {
        let p = Pipeline::new();
        let text = "The city council approved a plan to cut emissions to zero by 2050. \
                    The plan was adopted after a long debate in 2050 terms, officials said.";
        let doc = p
            .extract(RawInput {
                body: Body::Text(text.into()),
                fetched_at: Some(chrono::Utc.with_ymd_and_hms(2023, 5, 4, 10, 0, 0).unwrap()),
                ..Default::default()
            })
            .unwrap();
        assert!(doc
            .metadata
            .published
            .as_ref()
            .is_none_or(|d| chrono::Datelike::year(&d.at) <= 2023));
        assert!(doc
            .reference_date
            .as_ref()
            .is_none_or(|r| r.value.as_str() <= "2023-05-04"));
    }

    #[test]
    fn a_published_instant_after_the_fetch_is_dropped_and_a_day_keeps_its_zone_slack() {
        let p = Pipeline::new();
        let fetched = chrono::Utc.with_ymd_and_hms(2023, 5, 4, 10, 0, 0).unwrap();
        let published = |html: &str| {
            p.extract(RawInput {
                body: Body::Html(html.as_bytes().to_vec()),
                fetched_at: Some(fetched),
                ..Default::default()
            })
            .unwrap()
            .metadata
            .published
            .map(|d| d.at.to_rfc3339())
        };
        let page = |date: &str| {
            format!(
                r#"<html><head><meta property="article:published_time" content="{date}"></head>
<body><h1>Storm</h1><p>A storm hit the coast on Thursday and cut power to thousands of homes.</p></body></html>"#
            )
        };
        // two hours after the fetch, with its zone: impossible
        assert_eq!(published(&page("2023-05-04T12:00:00Z")), None);
        // the next day, without a time: it has begun east of UTC
        assert_eq!(
            published(&page("2023-05-05")).as_deref(),
            Some("2023-05-05T00:00:00+00:00")
        );
    }

    #[test]
    fn a_guessed_charset_is_told() {
        let p = Pipeline::new();
        let warned = |body: &[u8]| {
            let doc = p
                .extract(RawInput {
                    body: Body::TextBytes(body.to_vec()),
                    ..Default::default()
                })
                .unwrap();
            doc.warnings.iter().any(|w| w.code == "charset_guessed")
        };
        assert!(warned(
            b"The mayor said \xc0\xaf hello \xed\xa0\x80 and \xff\xfe more."
        ));
        assert!(!warned("The mayor said café.".as_bytes()));
    }

    #[test]
    fn without_a_fetch_time_a_published_date_after_now_is_dropped() {
        let p = Pipeline::new();
        let extract = |published: &str| {
            p.extract(RawInput {
                body: Body::Text("The council voted on Tuesday to close the bridge.".into()),
                published_at: chrono::DateTime::parse_from_rfc3339(published).ok(),
                ..Default::default()
            })
            .unwrap()
        };
        let doc = extract("2999-01-01T00:00:00Z");
        assert!(
            doc.metadata.published.is_none(),
            "{:?}",
            doc.metadata.published
        );
        assert!(doc
            .warnings
            .iter()
            .any(|w| w.code == "published_after_fetch" && w.message.contains("extraction")));
        // a date in the past stays
        assert!(extract("2019-04-25T10:00:00Z").metadata.published.is_some());
    }

    #[test]
    fn nul_characters_are_removed_from_input_fields() {
        let p = Pipeline::new();
        let doc = p
            .extract(RawInput {
                title: Some("Council\0 vote".into()),
                source: Some("exa\0mple.com".into()),
                authors: vec!["Jane\0 Doe".into()],
                body: Body::Text(
                    "The council voted on Tuesday. \"We are done,\" Mayor Jane Doe said.".into(),
                ),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(doc.input.title.as_deref(), Some("Council vote"));
        assert_eq!(doc.input.source.as_deref(), Some("example.com"));
        assert_eq!(doc.input.authors, ["Jane Doe"]);
    }

    #[test]
    fn embedded_model_loads() {
        assert!(Pipeline::load().is_ok());
    }

    #[test]
    fn canonical_url_drops_tracking_and_fragment() {
        assert_eq!(
            canonical_url("HTTPS://Example.com:443/a/b?utm_source=x&id=3#top").as_deref(),
            Some("https://example.com/a/b?id=3")
        );
        assert_eq!(canonical_url("mailto:x@example.com"), None);
    }

    #[test]
    fn empty_input_is_an_error() {
        let p = Pipeline::new();
        let r = p.extract(RawInput {
            body: Body::Text("  \n ".into()),
            ..Default::default()
        });
        assert_eq!(r.unwrap_err(), ExtractError::EmptyDocument);
        let r = p.extract(RawInput {
            body: Body::Html(b"<html><body><script>x()</script></body></html>".to_vec()),
            ..Default::default()
        });
        assert_eq!(r.unwrap_err().code(), "empty_document");
    }

    #[test]
    fn id_prefers_producer_then_url_then_content() {
        let p = Pipeline::new();
        let text = "A short article about a storm that hit the coast on Thursday.";
        let mut input = RawInput {
            body: Body::Text(text.into()),
            url: Some("https://example.com/a?utm_source=feed".into()),
            ..Default::default()
        };
        let by_url = article_id(&p.extract(input.clone()).unwrap());
        input.url = Some("https://example.com/a".into());
        assert_eq!(article_id(&p.extract(input.clone()).unwrap()), by_url);
        input.id = Some("abc".into());
        assert_eq!(article_id(&p.extract(input.clone()).unwrap()), "abc");
        input.id = None;
        input.url = None;
        let by_content = article_id(&p.extract(input).unwrap());
        assert_eq!(by_content.len(), 32);
        assert_ne!(by_content, by_url);
    }
}
