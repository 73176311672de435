//! The [`Document`] that flows through the extraction stages, and the domain types it
//! is made of.
//!
//! Every stage reads what earlier stages wrote and adds its own part; nothing here
//! does I/O. All spans are half-open UTF-8 byte ranges into [`Document::text`], the
//! clean main text, in which paragraphs are separated by one blank line (`"\n\n"`).
//! The protobuf form of a finished document is built in [`crate::proto`].

use std::ops::Range;

use chrono::{DateTime, FixedOffset, Utc};

/// Half-open UTF-8 byte range `[start, end)` into [`Document::text`].
pub type Span = Range<usize>;

/// What the producer sent, before any extraction.
#[derive(Debug, Clone, Default)]
pub struct RawInput {
    /// Id given by the producer (envelope `id` or AMQP `message_id`), if any.
    pub id: Option<String>,
    pub url: Option<String>,
    pub body: Body,
    /// Site name or domain given by the producer.
    pub source: Option<String>,
    pub fetched_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<FixedOffset>>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// BCP 47 tag given by the producer.
    pub language: Option<String>,
    /// Charset declared outside the body (HTTP `Content-Type`, AMQP content type,
    /// envelope field), if any; a BOM or `<meta charset>` in the body is read later.
    pub declared_charset: Option<String>,
    /// What the producer sent that could not be used (a field of the wrong type, a
    /// date that does not parse); reported as warnings, never fatal.
    pub notes: Vec<String>,
}

impl RawInput {
    /// How the fuzz target (`fuzz/fuzz_targets/extract.rs`) and its regression test
    /// (`tests/fuzz_regressions.rs`) read arbitrary bytes as an input: the first byte
    /// chooses the body kind (`% 3`: HTML bytes, text bytes, lossily decoded text) and
    /// the declared charset (`>> 4`: none, UTF-8, Latin-1, Shift_JIS, an unknown
    /// label); the rest is the body. `None` for empty data.
    pub fn from_fuzz_bytes(data: &[u8]) -> Option<RawInput> {
        let (&mode, body) = data.split_first()?;
        let body = body.to_vec();
        Some(RawInput {
            url: Some("https://news.example.test/2024/05/01/story".into()),
            fetched_at: DateTime::from_timestamp(1_717_243_200, 0),
            declared_charset: match mode >> 4 {
                1 => Some("utf-8".into()),
                2 => Some("iso-8859-1".into()),
                3 => Some("shift_jis".into()),
                4 => Some("no-such-charset".into()),
                _ => None,
            },
            body: match mode % 3 {
                0 => Body::Html(body),
                1 => Body::TextBytes(body),
                _ => Body::Text(String::from_utf8_lossy(&body).into_owned()),
            },
            ..Default::default()
        })
    }
}

/// The page itself.
#[derive(Debug, Clone)]
pub enum Body {
    /// HTML bytes in whatever charset they were served in.
    Html(Vec<u8>),
    /// Plain text already decoded (a scraper's text output, boilerplate included).
    Text(String),
    /// Plain text bytes in an unknown or declared charset.
    TextBytes(Vec<u8>),
}

impl Default for Body {
    fn default() -> Self {
        Body::Text(String::new())
    }
}

/// Kind of a structural block of the main text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Blockquote,
    Table,
    /// The start of a box set apart from the main story; carries the box's heading and
    /// byline, and its own span covers the box heading line.
    Sidebar,
    EditorNote,
    FigureCaption,
    Preformatted,
    Byline,
}

/// Where a piece of metadata was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FoundIn {
    #[default]
    Unspecified,
    JsonLd,
    Meta,
    Byline,
    Envelope,
    Text,
}

/// A person credited with (part of) the article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Author {
    /// Name only: no "By", no dates, no site name.
    pub name: String,
    /// Role or title ("Professor").
    pub role: Option<String>,
    /// Organisation ("Tokyo International University").
    pub affiliation: Option<String>,
    pub found_in: FoundIn,
}

/// One structural block before it is laid into the final text: stages that read the
/// page (HTML or plain text) produce these, and [`Document::set_blocks`] joins them.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftBlock {
    pub kind: BlockKind,
    /// The block's text, trimmed, without the blank-line separators.
    pub text: String,
    /// 0 for the main story, 1.. for each sidebar in order.
    pub section: u32,
    /// Heading level 1–6 for headings, else 0.
    pub level: u32,
    /// For a sidebar block: the sidebar's heading.
    pub heading: Option<String>,
    /// For a sidebar block: the sidebar's byline.
    pub byline: Vec<Author>,
}

impl DraftBlock {
    /// A main-story block of `kind` holding `text`.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        DraftBlock {
            kind,
            text: text.into(),
            section: 0,
            level: 0,
            heading: None,
            byline: Vec::new(),
        }
    }
}

/// A block laid into [`Document::text`].
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    pub section: u32,
    pub level: u32,
    pub heading: Option<String>,
    pub byline: Vec<Author>,
}

/// The parts of a title that names a series installment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TitleParts {
    /// Series name ("Abe’s diplomacy for Osaka G20"), when the title names one.
    pub series: Option<String>,
    /// Installment number within the series.
    pub installment: Option<u32>,
    /// The headline proper.
    pub headline: String,
}

/// Where a published date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    JsonLd,
    Meta,
    Url,
    Text,
    Inferred,
    Envelope,
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DatePrecision {
    Year,
    Month,
    Day,
    Minute,
    Second,
}

/// A publication or modification date with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedValue {
    /// The instant; when the page gave no zone it is read as UTC (offset 0) and
    /// `has_offset` is false.
    pub at: DateTime<FixedOffset>,
    pub has_offset: bool,
    pub source: DateSource,
    pub precision: DatePrecision,
}

impl DatedValue {
    /// Whether this can be the publication date of a page fetched at `fetched`: an
    /// instant with its zone (`2026-12-06T22:45:06Z`) must not be later; a day, or a
    /// time without a zone (read as UTC), may be up to 14 hours later, as the day
    /// begins in UTC+14 before it begins in UTC.
    pub fn not_after_fetch<Tz: chrono::TimeZone>(&self, fetched: &DateTime<Tz>) -> bool {
        let slack = if self.has_offset && self.precision > DatePrecision::Day {
            chrono::Duration::zero()
        } else {
            chrono::Duration::hours(14)
        };
        self.at <= fetched.clone() + slack
    }
}

/// An image of the article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Image {
    /// Absolute URL.
    pub url: String,
    pub caption: Option<String>,
    pub alt: Option<String>,
}

/// Metadata found in the page (HTML head, JSON-LD, byline lines).
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub authors: Vec<Author>,
    pub published: Option<DatedValue>,
    pub modified: Option<DatedValue>,
    /// `<html lang>` or `og:locale`, as written.
    pub declared_language: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub lead_image: Option<Image>,
    pub images: Vec<Image>,
    /// The page declares its content is not free to read (schema.org
    /// `isAccessibleForFree: false`): the text may be a teaser.
    pub not_free: bool,
}

/// Something a stage could not do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub stage: &'static str,
    /// Stable code, for example `no_main_text`.
    pub code: &'static str,
    pub message: String,
}

/// The article as it flows through the stages.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub input: RawInput,
    /// Whether the input was HTML (else plain text).
    pub is_html: bool,
    /// Hex SHA-256 of the raw body.
    pub content_sha256: String,
    /// The decoded page (HTML source or raw text), set by the decode stage.
    pub decoded: String,
    pub metadata: Metadata,
    pub title_parts: TitleParts,
    /// Clean main text; paragraphs separated by `"\n\n"`.
    pub text: String,
    pub blocks: Vec<Block>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    pub language_confidence: f64,
    pub sentences: Vec<Span>,
    pub word_count: usize,
    /// Temporal expressions of [`Document::text`], in text order.
    pub timexes: Vec<super::temporal::Timex>,
    /// TIMEX3 values of the temporal expressions found in the title.
    pub title_timex_values: Vec<String>,
    /// Named entities, one per referent, by decreasing salience.
    pub entities: Vec<super::entities::Entity>,
    /// Quotations with their speakers and cues, in text order.
    pub quotes: Vec<super::quotations::Quote>,
    /// The document creation time relative expressions were resolved against.
    pub reference_date: Option<super::temporal::ReferenceDate>,
    pub warnings: Vec<Warning>,
    /// (stage, microseconds).
    pub timings: Vec<(&'static str, u64)>,
}

impl Document {
    /// Lays `drafts` into [`Document::text`] (blocks joined by `"\n\n"`) and records
    /// each block's span. Empty drafts are dropped.
    pub fn set_blocks(&mut self, drafts: Vec<DraftBlock>) {
        let mut text = String::new();
        let mut blocks = Vec::with_capacity(drafts.len());
        for d in drafts {
            let t = d.text.trim();
            if t.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(t);
            blocks.push(Block {
                kind: d.kind,
                span: start..text.len(),
                section: d.section,
                level: d.level,
                heading: d.heading,
                byline: d.byline,
            });
        }
        self.text = text;
        self.blocks = blocks;
    }

    /// Records a warning from `stage`.
    pub fn warn(&mut self, stage: &'static str, code: &'static str, message: impl Into<String>) {
        self.warnings.push(Warning {
            stage,
            code,
            message: message.into(),
        });
    }

    /// Checks the output invariants every extracted document keeps, whatever the
    /// input: the text is exactly the blocks' texts joined by `"\n\n"`, blocks are
    /// non-empty, in order and disjoint; every span (block, sentence, entity mention,
    /// temporal expression, quotation content, cue, speaker and its antecedent) lies
    /// inside [`Document::text`] on UTF-8 character boundaries; and the published
    /// date is not after the fetch time (now when the producer gave none).
    ///
    /// # Errors
    ///
    /// The first broken invariant, described in one line. Used by the property tests
    /// and the fuzz target (`fuzz/`).
    pub fn check_invariants(&self) -> Result<(), String> {
        let text = &self.text;
        let check = |what: &str, span: &Span| -> Result<(), String> {
            if span.start > span.end || span.end > text.len() {
                return Err(format!(
                    "{what} span {span:?} outside a text of {} bytes",
                    text.len()
                ));
            }
            if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
                return Err(format!("{what} span {span:?} not on character boundaries"));
            }
            Ok(())
        };
        let mut end = 0;
        let mut joined = String::with_capacity(text.len());
        for (i, b) in self.blocks.iter().enumerate() {
            check("block", &b.span)?;
            if b.span.is_empty() {
                return Err(format!("block {i} is empty"));
            }
            if b.span.start < end {
                return Err(format!("block {i} overlaps or precedes the one before"));
            }
            end = b.span.end;
            if i > 0 {
                joined.push_str("\n\n");
            }
            joined.push_str(&text[b.span.clone()]);
        }
        if joined != *text {
            return Err("the text is not the blocks joined by blank lines".into());
        }
        for s in &self.sentences {
            check("sentence", s)?;
        }
        for m in self.entities.iter().flat_map(|e| &e.mentions) {
            check("entity mention", m)?;
        }
        for t in &self.timexes {
            check("temporal expression", &t.span)?;
        }
        for q in &self.quotes {
            for c in &q.content {
                check("quotation content", c)?;
            }
            if let Some(c) = &q.cue {
                check("cue", c)?;
            }
            if let Some(sp) = &q.speaker {
                if let Some(s) = &sp.span {
                    check("speaker", s)?;
                }
                if let Some(s) = &sp.antecedent {
                    check("speaker antecedent", s)?;
                }
            }
        }
        if let Some(p) = &self.metadata.published {
            let fetched = self.input.fetched_at.unwrap_or_else(Utc::now);
            if p.at.with_timezone(&Utc) > fetched {
                return Err(format!("published {} after the fetch time {fetched}", p.at));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_blocks_joins_with_blank_lines_and_spans_match() {
        let mut doc = Document::default();
        doc.set_blocks(vec![
            DraftBlock::new(BlockKind::Heading, " Title "),
            DraftBlock::new(BlockKind::Paragraph, ""),
            DraftBlock::new(BlockKind::Paragraph, "Body “quoted”."),
        ]);
        assert_eq!(doc.text, "Title\n\nBody “quoted”.");
        assert_eq!(doc.blocks.len(), 2);
        for b in &doc.blocks {
            assert!(doc.text.is_char_boundary(b.span.start));
            assert!(doc.text.is_char_boundary(b.span.end));
        }
        assert_eq!(&doc.text[doc.blocks[1].span.clone()], "Body “quoted”.");
    }
}
