//! Input contract: one AMQP message (or one file) to a [`RawInput`].
//!
//! Accepted bodies, by content type: a JSON envelope (`application/json`), a protobuf
//! `newsextract.v1.RawArticle` (`application/x-protobuf`), or the page itself
//! (`text/html`, `text/plain`, with metadata in message headers); any of them may be
//! gzip-compressed (`content_encoding: gzip`). Without a content type the body is
//! sniffed. Everything that cannot become an article is an [`InputError`] with a stable
//! code, so the broker can dead-letter it with the reason.

use std::collections::BTreeMap;
use std::io::Read;

use chrono::{DateTime, FixedOffset, Utc};
use prost::Message;
use serde_json::{Map, Value};

use crate::pipeline::decode::charset_param;
use crate::pipeline::document::{Body, RawInput};
use crate::pipeline::html::parse_datetime;
use crate::proto;

/// AMQP message properties that matter for decoding, free of any AMQP library type.
#[derive(Debug, Clone, Default)]
pub struct MessageMeta {
    pub content_type: Option<String>,
    pub content_encoding: Option<String>,
    pub message_id: Option<String>,
    /// AMQP `timestamp` property (seconds since the epoch).
    pub timestamp: Option<u64>,
    /// Message headers whose values are strings (names lower-cased).
    pub headers: BTreeMap<String, String>,
}

/// Why a message cannot become an article. All are permanent.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    #[error("body is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("JSON envelope is malformed: {0}")]
    InvalidEnvelope(String),
    #[error("body is not a valid newsextract.v1.RawArticle: {0}")]
    InvalidProtobuf(String),
    #[error("content type {0:?} is not supported (use application/json, application/x-protobuf, text/html or text/plain)")]
    UnsupportedContentType(String),
    #[error("content encoding {0:?} is not supported (use gzip or none)")]
    UnsupportedEncoding(String),
    #[error("gzip body cannot be decompressed: {0}")]
    InvalidGzip(String),
    #[error("message has no article text: {0}")]
    EmptyDocument(String),
    #[error("message is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    /// A gzip body is decompressed only up to the limit, so its full size is unknown.
    #[error("gzip body decompresses to more than the limit of {limit} bytes")]
    TooLargeDecompressed { limit: usize },
    #[error(
        "article id is {0}: ids become AMQP message ids (at most 255 bytes, no control characters)"
    )]
    InvalidId(String),
}

impl InputError {
    /// Stable error code for the `x-newsextract-error` header and the
    /// `error_code` metrics label.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::InvalidJson(_) => "invalid_json",
            InputError::InvalidEnvelope(_) => "invalid_envelope",
            InputError::InvalidProtobuf(_) => "invalid_protobuf",
            InputError::UnsupportedContentType(_) => "unsupported_content_type",
            InputError::UnsupportedEncoding(_) => "unsupported_encoding",
            InputError::InvalidGzip(_) => "invalid_gzip",
            InputError::EmptyDocument(_) => "empty_document",
            InputError::TooLarge { .. } | InputError::TooLargeDecompressed { .. } => "too_large",
            InputError::InvalidId(_) => "invalid_id",
        }
    }

    /// Every code [`InputError::code`] can return, plus the pipeline's, for metrics.
    pub const CODES: &'static [&'static str] = &[
        "invalid_json",
        "invalid_envelope",
        "invalid_protobuf",
        "unsupported_content_type",
        "unsupported_encoding",
        "invalid_gzip",
        "empty_document",
        "too_large",
        "invalid_id",
        "binary_content",
        "output_too_large",
    ];
}

/// What kind of body a message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Protobuf,
    Html,
    Text,
}

/// Decodes one message into the pipeline's input. `max_bytes` bounds the body both as
/// received and after decompression.
///
/// # Errors
/// [`InputError`] for anything that cannot become an article.
pub fn decode_message(
    meta: &MessageMeta,
    body: &[u8],
    max_bytes: usize,
) -> Result<RawInput, InputError> {
    if body.len() > max_bytes {
        return Err(InputError::TooLarge {
            size: body.len(),
            limit: max_bytes,
        });
    }
    let body = match meta.content_encoding.as_deref().map(str::trim) {
        None | Some("") | Some("identity") => std::borrow::Cow::Borrowed(body),
        Some(e) if e.eq_ignore_ascii_case("gzip") || e.eq_ignore_ascii_case("x-gzip") => {
            std::borrow::Cow::Owned(gunzip(body, max_bytes)?)
        }
        Some(other) => return Err(InputError::UnsupportedEncoding(other.to_string())),
    };
    let kind = match meta.content_type.as_deref() {
        Some(ct) if !ct.trim().is_empty() => kind_of(ct)?,
        _ => sniff(&body),
    };
    let declared_charset = meta.content_type.as_deref().and_then(charset_param);
    let mut input = match kind {
        Kind::Json => from_json(&body)?,
        Kind::Protobuf => {
            let raw = proto::v1::RawArticle::decode(body.as_ref())
                .map_err(|e| InputError::InvalidProtobuf(e.to_string()))?;
            proto::raw_input(raw).map_err(|e| InputError::EmptyDocument(e.to_string()))?
        }
        Kind::Html | Kind::Text => {
            if body.iter().all(u8::is_ascii_whitespace) {
                return Err(InputError::EmptyDocument("the body is empty".into()));
            }
            let h = |names: &[&str]| {
                names
                    .iter()
                    .find_map(|n| meta.headers.get(*n))
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            // (a date header that is no date is noted, as in an envelope)
            let mut notes = Vec::new();
            let mut date = |names: &[&str]| {
                let place = format!("the {:?} header", names[0]);
                noted_date(&h(names)?, &place, &mut notes)
            };
            let fetched_at = date(&["fetched_at", "x-fetched-at"]);
            let published_at = date(&["published_at", "x-published-at"]);
            RawInput {
                url: h(&["url", "x-url"]),
                source: h(&["source", "x-source"]),
                title: h(&["title", "x-title"]),
                language: h(&["language", "x-language"]),
                fetched_at: fetched_at.map(|d| d.with_timezone(&Utc)).or_else(|| {
                    meta.timestamp
                        .and_then(|t| DateTime::from_timestamp(i64::try_from(t).ok()?, 0))
                }),
                published_at,
                notes,
                body: if kind == Kind::Html {
                    Body::Html(body.into_owned())
                } else {
                    Body::TextBytes(body.into_owned())
                },
                ..Default::default()
            }
        }
    };
    if input.declared_charset.is_none() {
        input.declared_charset = declared_charset;
    }
    if input.id.is_none() {
        input.id = meta
            .message_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
    }
    if input.fetched_at.is_none() {
        input.fetched_at = meta
            .timestamp
            .and_then(|t| DateTime::from_timestamp(i64::try_from(t).ok()?, 0));
    }
    if let Some(id) = &input.id {
        check_id(id)?;
    }
    Ok(input)
}

/// Checks a producer's article id: at most 255 bytes (it becomes an AMQP message id)
/// and no control characters.
///
/// # Errors
/// [`InputError::InvalidId`] saying which rule the id breaks.
pub fn check_id(id: &str) -> Result<(), InputError> {
    if id.len() > 255 {
        return Err(InputError::InvalidId(format!("{} bytes long", id.len())));
    }
    if id.chars().any(char::is_control) {
        return Err(InputError::InvalidId("holding control characters".into()));
    }
    Ok(())
}

fn kind_of(content_type: &str) -> Result<Kind, InputError> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "application/json" | "text/json" => Ok(Kind::Json),
        "application/x-protobuf"
        | "application/protobuf"
        | "application/vnd.google.protobuf"
        | "application/octet-stream+protobuf" => Ok(Kind::Protobuf),
        "text/html" | "application/xhtml+xml" => Ok(Kind::Html),
        "text/plain" => Ok(Kind::Text),
        _ => Err(InputError::UnsupportedContentType(content_type.to_string())),
    }
}

/// Guesses the kind of a body without a content type: JSON object, HTML, else text.
fn sniff(body: &[u8]) -> Kind {
    // (UTF-16 JSON opens with `{` and a NUL, in either order, after its mark if any)
    let first = match json_utf16(body) {
        Some((enc, bom)) => decoded_head(body, enc, bom).trim_start().starts_with('{'),
        None => trim_start(body).first() == Some(&b'{'),
    };
    if first {
        Kind::Json
    } else if looks_like_html(body) {
        Kind::Html
    } else {
        Kind::Text
    }
}

/// The first characters (up to 1 KiB of them) of a body behind a UTF-16 byte order
/// mark, as UTF-8; `None` without such a mark.
fn utf16_head(body: &[u8]) -> Option<Vec<u8>> {
    match encoding_rs::Encoding::for_bom(body) {
        Some((enc, bom)) if enc != encoding_rs::UTF_8 => {
            Some(decoded_head(body, enc, bom).into_bytes())
        }
        _ => None,
    }
}

/// The first characters (up to 1 KiB of them) of `body` in `enc`, after its byte order
/// mark of `bom` bytes.
fn decoded_head(body: &[u8], enc: &'static encoding_rs::Encoding, bom: usize) -> String {
    let end = body.len().min(bom + 2048);
    enc.decode_without_bom_handling(&body[bom..end])
        .0
        .into_owned()
}

/// `body` after leading whitespace and a UTF-8 BOM.
fn trim_start(body: &[u8]) -> &[u8] {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&body[..0], |i| &body[i..]);
    start.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(start)
}

/// Whether a body of unknown type is HTML: after whitespace and a BOM it opens with a
/// tag, and its first kilobyte holds `<html`, `<!doctype`, `<head`, `<body`, `<p`,
/// `<div` or `<meta`. A body with a UTF-16 byte-order mark is looked at as the text it
/// encodes (Windows tools save HTML that way). Used for messages without a content type
/// and by `query extract` for files without a telling extension.
pub fn looks_like_html(body: &[u8]) -> bool {
    let utf16 = utf16_head(body);
    let head: Vec<u8> = trim_start(utf16.as_deref().unwrap_or(body))
        .iter()
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |n: &[u8]| head.windows(n.len()).any(|w| w == n);
    head.first() == Some(&b'<')
        && (has(b"<html")
            || has(b"<!doctype")
            || has(b"<head")
            || has(b"<body")
            || has(b"<p")
            || has(b"<div")
            || has(b"<meta"))
}

/// `v` read as a date; when it is none, a note saying so, naming `place` (`"published_at"`,
/// `the "published_at" header`), is added to `notes` (they become `input_field_ignored`
/// warnings).
fn noted_date(v: &str, place: &str, notes: &mut Vec<String>) -> Option<DateTime<FixedOffset>> {
    let parsed = parse_datetime(v).map(|(d, _, _)| d);
    if parsed.is_none() {
        notes.push(format!(
            "{:?} in {place} is not a date; ignored",
            v.chars().take(40).collect::<String>()
        ));
    }
    parsed
}

/// Decompresses at most `max_bytes`; more is [`InputError::TooLargeDecompressed`]
/// (zip bombs).
fn gunzip(body: &[u8], max_bytes: usize) -> Result<Vec<u8>, InputError> {
    let mut out = Vec::new();
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    flate2::read::MultiGzDecoder::new(body)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| InputError::InvalidGzip(e.to_string()))?;
    if out.len() > max_bytes {
        return Err(InputError::TooLargeDecompressed { limit: max_bytes });
    }
    Ok(out)
}

/// Field names accepted for each envelope field, first match wins. Aliases cover
/// news-please (`maintext`, `date_publish`, `date_download`, `source_domain`) and
/// Scrapy-style items (`body`).
const ID: &[&str] = &["id", "article_id", "uuid"];
const URL: &[&str] = &["url", "link", "article_url"];
const HTML: &[&str] = &["html", "raw_html", "body", "page"];
const TEXT: &[&str] = &["text", "maintext", "content", "article_text", "plain_text"];
const SOURCE: &[&str] = &[
    "source",
    "source_domain",
    "site",
    "site_name",
    "domain",
    "publisher",
];
const FETCHED: &[&str] = &[
    "fetched_at",
    "date_download",
    "crawled_at",
    "scraped_at",
    "downloaded_at",
];
const PUBLISHED: &[&str] = &[
    "published_at",
    "date_publish",
    "published",
    "publish_date",
    "pubdate",
    "date",
];
const TITLE: &[&str] = &["title", "headline"];
const AUTHORS: &[&str] = &["authors", "author", "byline"];
const LANGUAGE: &[&str] = &["language", "lang"];
const CHARSET: &[&str] = &["charset", "encoding"];

/// The UTF-16 encoding a JSON body is written in, with the length of its byte order
/// mark: behind a UTF-16 byte order mark, or without one when NUL bytes alternate with
/// ASCII ones in its first four bytes, as RFC 4627 §3 tells the encodings apart (`{`
/// `"` in UTF-16LE is `7B 00 22 00`). `None` for UTF-8 (with or without its mark) and
/// anything else.
fn json_utf16(body: &[u8]) -> Option<(&'static encoding_rs::Encoding, usize)> {
    match encoding_rs::Encoding::for_bom(body) {
        Some((enc, _)) if enc == encoding_rs::UTF_8 => None,
        Some(found) => Some(found),
        None => match body {
            [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some((encoding_rs::UTF_16LE, 0)),
            [0, a, 0, b, ..] if *a != 0 && *b != 0 => Some((encoding_rs::UTF_16BE, 0)),
            _ => None,
        },
    }
}

/// The `invalid_json` error for `body`, which `serde_json` rejected with `e`. JSON is
/// UTF-8 (RFC 8259 §8.1); when the body is not, the error says where and what the
/// byte suggests, because serde's own message (`invalid unicode code point`) does not
/// name the encoding: a byte from 0x80 to 0xFF alone reads as Latin-1 or
/// Windows-1252 text, NUL bytes as UTF-32.
fn json_error(body: &[u8], e: &serde_json::Error) -> InputError {
    let Err(bad) = std::str::from_utf8(body) else {
        return InputError::InvalidJson(e.to_string());
    };
    let at = bad.valid_up_to();
    let byte = body[at];
    let hint = if byte == 0 {
        "NUL bytes suggest UTF-32"
    } else {
        "is it Latin-1 or Windows-1252?"
    };
    InputError::InvalidJson(format!(
        "JSON must be UTF-8 (RFC 8259), but byte 0x{byte:02X} at offset {at} is not ({hint}); \
         transcode the body to UTF-8, or send the page as HTML with its charset"
    ))
}

fn from_json(body: &[u8]) -> Result<RawInput, InputError> {
    // JSON text has no byte order mark (RFC 8259 §8.1), but editors and some producers
    // write one. UTF-8's says nothing; behind UTF-16's (Windows tools, Python's
    // `encoding="utf-16"`) the text is UTF-16 and is read as such.
    let utf8;
    let body = match json_utf16(body) {
        Some((enc, bom)) => {
            utf8 = enc
                .decode_without_bom_handling_and_without_replacement(&body[bom..])
                .ok_or_else(|| {
                    InputError::InvalidJson(if bom > 0 {
                        format!(
                            "the body opens with a {} byte order mark but is not valid {0}",
                            enc.name()
                        )
                    } else {
                        format!(
                            "the body looks like {} (every other byte is NUL) but is not valid {0}",
                            enc.name()
                        )
                    })
                })?;
            utf8.as_bytes()
        }
        None => body,
    };
    let body = trim_start(body);
    let value: Value = serde_json::from_slice(body).map_err(|e| json_error(body, &e))?;
    let Value::Object(obj) = value else {
        return Err(InputError::InvalidEnvelope(
            "the envelope must be a JSON object".into(),
        ));
    };
    // the first of `names` the envelope fills (not null, not blank), with its value
    let field = |names: &[&'static str]| {
        names.iter().find_map(|&n| match obj.get(n) {
            None | Some(Value::Null) => None,
            Some(Value::String(v)) if v.trim().is_empty() => None,
            Some(v) => Some((n, v)),
        })
    };
    let s = |names: &[&'static str]| -> Result<Option<String>, InputError> {
        match field(names) {
            None => Ok(None),
            Some((_, Value::String(v))) => Ok(Some(v.clone())),
            // a number is read as its digits (numeric ids)
            Some((_, Value::Number(v))) => Ok(Some(v.to_string())),
            Some((n, _)) => Err(InputError::InvalidEnvelope(format!(
                "field {n:?} must be a string"
            ))),
        }
    };
    let notes = std::cell::RefCell::new(Vec::new());
    let date = |names: &[&'static str]| -> Result<Option<DateTime<FixedOffset>>, InputError> {
        let Some(v) = s(names)? else { return Ok(None) };
        let place = format!("{:?}", names[0]);
        Ok(noted_date(&v, &place, &mut notes.borrow_mut()))
    };
    let headers = header_map(&obj);
    // a page or a text is a string; a number there is a producer's mistake
    for n in HTML.iter().chain(TEXT) {
        if let Some(Value::Number(_)) = obj.get(*n) {
            return Err(InputError::InvalidEnvelope(format!(
                "field {n:?} must be a string"
            )));
        }
    }
    let html = s(HTML)?;
    let text = s(TEXT)?;
    let body =
        match (html, text) {
            // Scrapy's `body` may be the page or plain text: look at it.
            (Some(h), _) if sniff(h.as_bytes()) == Kind::Html || obj.contains_key("html") => {
                Body::Html(h.into_bytes())
            }
            (Some(h), None) => Body::Text(h),
            (_, Some(t)) => Body::Text(t),
            (None, None) => return Err(InputError::EmptyDocument(
                "the envelope has no \"html\" or \"text\" to extract from (missing, null or blank)"
                    .into(),
            )),
        };
    let authors = AUTHORS
        .iter()
        .find_map(|n| obj.get(*n))
        .map(|v| match v {
            Value::String(a) => vec![a.clone()],
            Value::Array(items) => {
                let names: Vec<String> = items
                    .iter()
                    .filter_map(|i| match i {
                        Value::String(a) => Some(a.clone()),
                        Value::Object(o) => {
                            o.get("name").and_then(Value::as_str).map(str::to_string)
                        }
                        _ => None,
                    })
                    .collect();
                // (`[1, null, {"x": 1}]`: entries that name nobody are told, not lost
                // in silence)
                let unread = items.len() - names.len();
                if unread > 0 {
                    notes.borrow_mut().push(format!(
                        "{unread} of the {} \"authors\" entries are neither a name nor an \
                         object with a \"name\"; ignored",
                        items.len()
                    ));
                }
                names
            }
            _ => {
                notes
                    .borrow_mut()
                    .push("\"authors\" is neither a string nor a list; ignored".into());
                Vec::new()
            }
        })
        .unwrap_or_default();
    if obj.get("headers").is_some_and(|h| !h.is_object()) {
        notes
            .borrow_mut()
            .push("\"headers\" is not an object; ignored".into());
    }
    let declared_charset =
        s(CHARSET)?.or_else(|| headers.get("content-type").and_then(|ct| charset_param(ct)));
    if let Some(c) = declared_charset
        .as_deref()
        .filter(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()).is_none())
    {
        notes.borrow_mut().push(format!(
            "charset {:?} is not a known encoding label; ignored",
            c.chars().take(40).collect::<String>()
        ));
    }
    // An id the parser holds as a float has lost digits or has a fraction
    // (`1.2345678901234568e22` for two different 23-digit ids), so it names no article
    // reliably.
    if let Some((n, Value::Number(v))) = field(ID) {
        if v.is_f64() {
            return Err(InputError::InvalidEnvelope(format!(
                "field {n:?} is the number {v}, which JSON parsers cannot hold exactly (a \
                 fraction, an exponent or more than 64 bits); send it as a string"
            )));
        }
    }
    Ok(RawInput {
        id: s(ID)?,
        url: s(URL)?,
        body,
        source: s(SOURCE)?,
        fetched_at: date(FETCHED)?.map(|d| d.with_timezone(&Utc)),
        published_at: date(PUBLISHED)?,
        title: s(TITLE)?,
        authors: authors
            .into_iter()
            .filter(|a| !a.trim().is_empty())
            .collect(),
        language: s(LANGUAGE)?,
        declared_charset,
        notes: notes.into_inner(),
    })
}

fn header_map(obj: &Map<String, Value>) -> BTreeMap<String, String> {
    match obj.get("headers") {
        Some(Value::Object(h)) => h
            .iter()
            .filter_map(|(k, v)| {
                let v = match v {
                    Value::String(s) => s.clone(),
                    Value::Array(a) => a.first()?.as_str()?.to_string(),
                    _ => return None,
                };
                Some((k.to_ascii_lowercase(), v))
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = 1 << 20;

    fn meta(ct: &str) -> MessageMeta {
        MessageMeta {
            content_type: Some(ct.into()),
            ..Default::default()
        }
    }

    #[test]
    fn json_with_a_byte_order_mark_and_nul_in_fields() {
        let body =
            b"\xEF\xBB\xBF{\"id\":\"bom-1\",\"title\":\"a\\u0000b\",\"text\":\"Body text.\"}";
        for ct in ["application/json", ""] {
            let input = decode_message(&meta(ct), body, 1 << 20).unwrap();
            assert_eq!(input.id.as_deref(), Some("bom-1"));
        }
    }

    #[test]
    fn json_in_utf16_behind_its_byte_order_mark() {
        let json = r#" {"id":"u16","title":"Größe","text":"Body text."}"#;
        let mut le = vec![0xFF, 0xFE];
        le.extend(json.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(json.encode_utf16().flat_map(u16::to_be_bytes));
        for body in [le, be] {
            for ct in ["application/json", ""] {
                let input = decode_message(&meta(ct), &body, MAX).unwrap();
                assert_eq!(input.id.as_deref(), Some("u16"));
                assert_eq!(input.title.as_deref(), Some("Größe"));
            }
        }
        // an unpaired surrogate is no UTF-16: the error names the encoding
        let mut bad = vec![0xFF, 0xFE];
        bad.extend(r#"{"text":"x"#.encode_utf16().flat_map(u16::to_le_bytes));
        bad.extend([0x00, 0xD8, b'"', 0, b'}', 0]);
        let err = decode_message(&meta("application/json"), &bad, MAX).unwrap_err();
        assert_eq!(err.code(), "invalid_json");
        assert!(err.to_string().contains("UTF-16LE"), "{err}");
    }

    #[test]
    fn json_in_utf16_without_a_byte_order_mark() {
        let json = r#"{"id":"u16","title":"Größe","text":"Body text."}"#;
        let le: Vec<u8> = json.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = json.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for body in [le, be] {
            for ct in ["application/json", ""] {
                let input = decode_message(&meta(ct), &body, MAX).unwrap();
                assert_eq!(input.title.as_deref(), Some("Größe"), "{ct:?}");
            }
        }
    }

    #[test]
    fn json_that_is_not_utf8_says_so() {
        // Latin-1 `é` (0xE9) inside a string
        let body = b"{\"id\":\"l1\",\"text\":\"Caf\xE9 au lait.\"}";
        let err = decode_message(&meta("application/json"), body, MAX).unwrap_err();
        assert_eq!(err.code(), "invalid_json");
        let msg = err.to_string();
        assert!(
            msg.contains("UTF-8") && msg.contains("0xE9") && msg.contains("offset 22"),
            "{msg}"
        );
        assert!(msg.contains("Latin-1"), "{msg}");
        // valid UTF-8 that is bad JSON keeps serde's message (line and column)
        let err = decode_message(&meta("application/json"), b"{\"id\": }", MAX).unwrap_err();
        assert!(err.to_string().contains("column"), "{err}");
    }

    #[test]
    fn json_envelope_with_news_please_aliases() {
        let body = br#"{"url":"https://example.com/a","maintext":"Some text.","date_publish":"2019-04-25 10:00:00","source_domain":"example.com","authors":["Jane Doe"],"extra":{"x":1}}"#;
        let input = decode_message(&meta("application/json"), body, MAX).unwrap();
        assert!(matches!(input.body, Body::Text(ref t) if t == "Some text."));
        assert_eq!(input.source.as_deref(), Some("example.com"));
        assert_eq!(
            input.published_at.unwrap().to_rfc3339(),
            "2019-04-25T10:00:00+00:00"
        );
        assert_eq!(input.authors, ["Jane Doe"]);
    }

    #[test]
    fn ids_that_cannot_be_message_ids_are_rejected() {
        let long = format!(r#"{{"id":"{}","text":"Some text."}}"#, "a".repeat(300));
        let e = decode_message(&meta("application/json"), long.as_bytes(), MAX).unwrap_err();
        assert_eq!(e.code(), "invalid_id");
        let ctl = br#"{"id":"abc\u0007","text":"Some text."}"#;
        let e = decode_message(&meta("application/json"), ctl, MAX).unwrap_err();
        assert_eq!(e.code(), "invalid_id");
        let ok = br#"{"id":"article-42","text":"Some text."}"#;
        assert!(decode_message(&meta("application/json"), ok, MAX).is_ok());
    }

    #[test]
    fn numeric_ids_keep_their_digits_or_are_refused() {
        let id = |body: &str| decode_message(&meta("application/json"), body.as_bytes(), MAX);
        let ok = id(r#"{"id":18446744073709551615,"text":"Some text."}"#).unwrap();
        assert_eq!(ok.id.as_deref(), Some("18446744073709551615"));
        let ok = id(r#"{"id":-42,"text":"Some text."}"#).unwrap();
        assert_eq!(ok.id.as_deref(), Some("-42"));
        // two 23-digit ids would both read 1.2345678901234568e22
        for body in [
            r#"{"id":12345678901234567890123,"text":"Some text."}"#,
            r#"{"id":1.5e3,"text":"Some text."}"#,
            r#"{"id":42.0,"text":"Some text."}"#,
        ] {
            let e = id(body).unwrap_err();
            assert_eq!(e.code(), "invalid_envelope", "{body}");
            assert!(e.to_string().contains("send it as a string"), "{e}");
        }
        // elsewhere a number is read as its digits, as before
        let t = id(r#"{"title":1.5,"text":"Some text."}"#).unwrap();
        assert_eq!(t.title.as_deref(), Some("1.5"));
    }

    #[test]
    fn unusable_authors_entries_and_unknown_charsets_are_noted() {
        let body = br#"{"text":"Some text.","authors":["Jane Doe",1,null,{"x":1},{"name":"Li Wei"}],"charset":"klingon"}"#;
        let input = decode_message(&meta("application/json"), body, MAX).unwrap();
        assert_eq!(input.authors, ["Jane Doe", "Li Wei"]);
        assert_eq!(input.notes.len(), 2, "{:?}", input.notes);
        assert!(input.notes[0].contains("3 of the 5"), "{:?}", input.notes);
        assert!(input.notes[1].contains("klingon"), "{:?}", input.notes);
    }

    #[test]
    fn unusable_known_fields_are_noted_not_fatal() {
        let body =
            br#"{"text":"Some text.","published_at":"yesterday","authors":5,"headers":"nope"}"#;
        let input = decode_message(&meta("application/json"), body, MAX).unwrap();
        assert!(input.published_at.is_none());
        assert_eq!(input.notes.len(), 3, "{:?}", input.notes);
    }

    #[test]
    fn scrapy_body_is_html_when_it_looks_like_html() {
        let body = br#"{"url":"https://example.com/a","body":"<html><body><p>Hi</p></body></html>","headers":{"Content-Type":"text/html; charset=iso-8859-1"}}"#;
        let input = decode_message(&meta("application/json"), body, MAX).unwrap();
        assert!(matches!(input.body, Body::Html(_)));
        assert_eq!(input.declared_charset.as_deref(), Some("iso-8859-1"));
    }

    #[test]
    fn bad_inputs_have_stable_codes() {
        let code = |ct: &str, body: &[u8]| decode_message(&meta(ct), body, MAX).unwrap_err().code();
        assert_eq!(code("application/json", b"{not json"), "invalid_json");
        assert_eq!(code("application/json", b"[1,2]"), "invalid_envelope");
        assert_eq!(
            code("application/json", br#"{"url":"x"}"#),
            "empty_document"
        );
        // a blank text is reported as blank, not as missing
        let e = decode_message(&meta("application/json"), br#"{"text":" "}"#, MAX).unwrap_err();
        assert_eq!(e.code(), "empty_document");
        assert!(e.to_string().contains("blank"), "{e}");
        assert_eq!(
            code("application/json", br#"{"text":5,"html":[]}"#),
            "invalid_envelope"
        );
        assert_eq!(
            code(
                "application/json",
                br#"{"url":"https://example.com/a","html":5}"#
            ),
            "invalid_envelope"
        );
        assert_eq!(code("image/png", b"\x89PNG"), "unsupported_content_type");
        assert_eq!(code("text/plain", b"   "), "empty_document");
        assert_eq!(
            code("application/x-protobuf", b"\xff\xff\xff"),
            "invalid_protobuf"
        );
        let big = vec![b'a'; 100];
        assert_eq!(
            decode_message(&meta("text/plain"), &big, 10)
                .unwrap_err()
                .code(),
            "too_large"
        );
        let mut m = meta("text/plain");
        m.content_encoding = Some("gzip".into());
        assert_eq!(
            decode_message(&m, b"not gzip", MAX).unwrap_err().code(),
            "invalid_gzip"
        );
    }

    #[test]
    fn gzip_bomb_is_too_large() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'a'; 5_000_000]).unwrap();
        let gz = enc.finish().unwrap();
        let mut m = meta("text/plain");
        m.content_encoding = Some("gzip".into());
        let err = decode_message(&m, &gz, 1_000_000).unwrap_err();
        assert_eq!(err.code(), "too_large");
        // (it was only decompressed to the limit: no size that is the limit plus one)
        assert_eq!(
            err.to_string(),
            "gzip body decompresses to more than the limit of 1000000 bytes"
        );
    }

    #[test]
    fn protobuf_raw_article_and_message_id() {
        let raw = proto::v1::RawArticle {
            url: "https://example.com/b".into(),
            text: "Body text.".into(),
            ..Default::default()
        };
        let mut m = meta("application/x-protobuf");
        m.message_id = Some("msg-1".into());
        let input = decode_message(&m, &raw.encode_to_vec(), MAX).unwrap();
        assert_eq!(input.id.as_deref(), Some("msg-1"));
        assert_eq!(input.url.as_deref(), Some("https://example.com/b"));
    }

    #[test]
    fn date_headers_that_are_no_dates_are_noted() {
        let mut m = meta("text/plain");
        m.headers.insert("published_at".into(), "not a date".into());
        m.headers.insert("fetched_at".into(), "12345".into());
        let input = decode_message(&m, b"Some text.", MAX).unwrap();
        assert!(input.published_at.is_none() && input.fetched_at.is_none());
        assert_eq!(input.notes.len(), 2, "{:?}", input.notes);
        assert!(
            input.notes[1].contains("\"published_at\" header"),
            "{:?}",
            input.notes
        );
    }

    #[test]
    fn text_body_takes_metadata_from_headers() {
        let mut m = meta("text/plain; charset=windows-1252");
        m.headers
            .insert("url".into(), "https://example.com/c".into());
        m.headers.insert("source".into(), "Example".into());
        let input = decode_message(&m, b"caf\xe9 news", MAX).unwrap();
        assert_eq!(input.url.as_deref(), Some("https://example.com/c"));
        assert_eq!(input.declared_charset.as_deref(), Some("windows-1252"));
        assert!(matches!(input.body, Body::TextBytes(_)));
    }

    #[test]
    fn utf16_html_with_a_byte_order_mark_is_html() {
        let page = "  <!DOCTYPE html><html><head><title>Größe</title></head></html>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(page.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(page.encode_utf16().flat_map(u16::to_be_bytes));
        for body in [le, be] {
            assert!(looks_like_html(&body));
            let input = decode_message(&MessageMeta::default(), &body, MAX).unwrap();
            assert!(matches!(input.body, Body::Html(_)));
        }
        // a UTF-16 text that is not markup stays text
        let mut text = vec![0xFF, 0xFE];
        text.extend("Plain words <b".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(!looks_like_html(&text));
    }

    #[test]
    fn sniffing_without_content_type() {
        let m = MessageMeta::default();
        assert!(matches!(
            decode_message(&m, b"<html><p>x</p></html>", MAX)
                .unwrap()
                .body,
            Body::Html(_)
        ));
        assert!(matches!(
            decode_message(&m, br#"{"text":"x"}"#, MAX).unwrap().body,
            Body::Text(_)
        ));
        assert!(matches!(
            decode_message(&m, b"Just text", MAX).unwrap().body,
            Body::TextBytes(_)
        ));
    }
}
