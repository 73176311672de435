//! Storage of extracted articles behind one [`Store`] interface.
//!
//! The full `Article` protobuf is kept per id, plus index tables (full text, entities,
//! quotations, mentioned dates) that the queries need. Backends: embedded SQLite (the
//! default: one file, WAL, FTS5) in [`sqlite`]. Callers only see [`Store`], so another
//! backend (PostgreSQL, for several replicas) plugs in without changing them.
//!
//! Upserts are idempotent and ordered by revision (`extracted_at`): re-delivering an
//! article leaves one row, and an older revision never overwrites a newer one.

pub mod postgres;
pub mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use base64::Engine;
use chrono::{DateTime, Utc};

use crate::proto::v1;

/// A store failure. Only [`StoreError::Unavailable`] is worth retrying.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached or is busy; retry later.
    #[error("store unavailable: {0}")]
    Unavailable(String),
    /// The request cannot be answered as asked (bad page token, bad query).
    #[error("invalid request: {0}")]
    InvalidArgument(String),
    /// Anything else (corrupt row, schema mismatch).
    #[error("store error: {0}")]
    Internal(String),
}

impl StoreError {
    /// Whether the same operation may succeed later.
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed
            | sqlx::Error::Tls(_) => StoreError::Unavailable(e.to_string()),
            sqlx::Error::Database(db) => {
                let msg = db.message().to_ascii_lowercase();
                // SQLite busy/locked; PostgreSQL shutdown and connection classes.
                if msg.contains("locked")
                    || msg.contains("busy")
                    || db
                        .code()
                        .is_some_and(|c| c.starts_with("08") || c.starts_with("57P"))
                {
                    StoreError::Unavailable(e.to_string())
                } else {
                    StoreError::Internal(e.to_string())
                }
            }
            _ => StoreError::Internal(e.to_string()),
        }
    }
}

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertOutcome {
    Inserted,
    Updated,
    /// The stored revision is newer; nothing written.
    Stale,
}

/// Filters for [`Store::search`]; all combine with AND, `None` does not filter.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Full-text words or quoted phrases, all required.
    pub text: Option<String>,
    pub source: Option<String>,
    pub language: Option<String>,
    pub published_after: Option<DateTime<Utc>>,
    pub published_before: Option<DateTime<Utc>>,
    /// Entity canonical name or alias (case-insensitive).
    pub entity: Option<String>,
    /// `EntityType` as its protobuf number.
    pub entity_type: Option<i32>,
    /// Quotation speaker name (case-insensitive).
    pub speaker: Option<String>,
    /// Articles mentioning a date in `[mentioned_after, mentioned_before)`.
    pub mentioned_after: Option<DateTime<Utc>>,
    pub mentioned_before: Option<DateTime<Utc>>,
    /// 1..=[`MAX_PAGE_SIZE`].
    pub page_size: usize,
    pub cursor: Option<Cursor>,
}

/// Largest page a query may ask for.
pub const MAX_PAGE_SIZE: usize = 100;
/// Page size when a request gives none.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// A page of results and the cursor for the next one.
#[derive(Debug, Clone, Default)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
}

/// Keyset pagination position: results are ordered by (`sort_key` desc, `id` desc),
/// where `sort_key` is the publication time (else extraction time) in microseconds, so
/// pages stay stable while new articles arrive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub sort_key: i64,
    /// Position inside the article (quotation index); 0 for article pages.
    pub idx: i64,
    pub id: String,
}

impl Cursor {
    /// Opaque page token (URL-safe base64 of `v1:<sort_key>:<idx>:<id>`).
    pub fn encode(&self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("v1:{}:{}:{}", self.sort_key, self.idx, self.id))
    }

    /// Parses a page token made by [`Cursor::encode`].
    ///
    /// # Errors
    /// [`StoreError::InvalidArgument`] for anything else.
    pub fn decode(token: &str) -> Result<Cursor, StoreError> {
        let bad =
            || StoreError::InvalidArgument("page_token is not a token this service issued".into());
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(token.trim())
            .map_err(|_| bad())?;
        let s = String::from_utf8(raw).map_err(|_| bad())?;
        let rest = s.strip_prefix("v1:").ok_or_else(bad)?;
        let (key, rest) = rest.split_once(':').ok_or_else(bad)?;
        let (idx, id) = rest.split_once(':').ok_or_else(bad)?;
        if id.chars().any(char::is_control) {
            return Err(bad());
        }
        Ok(Cursor {
            sort_key: key.parse().map_err(|_| bad())?,
            idx: idx.parse().map_err(|_| bad())?,
            id: id.to_string(),
        })
    }
}

/// Ordering key of an article: publication time, else extraction time, in µs.
pub fn sort_key(a: &v1::Article) -> i64 {
    a.published_at
        .as_ref()
        .or(a.extracted_at.as_ref())
        .map_or(0, |t| {
            t.seconds.saturating_mul(1_000_000) + i64::from(t.nanos / 1000)
        })
}

/// Microseconds since the epoch of a protobuf timestamp.
pub fn micros(t: Option<&pbjson_types::Timestamp>) -> Option<i64> {
    t.map(|t| t.seconds.saturating_mul(1_000_000) + i64::from(t.nanos / 1000))
}

/// The words and quoted phrases of a user's full-text query, without operators.
/// `tax "prime minister" -x` → [`tax`, `prime minister`, `x`]. Bounded to 16 terms.
/// `text` as its lower-cased words (letters and digits; Unicode lower case) joined
/// by single spaces, with a space before and after: `“We’re done,” he said.` →
/// ` we re done he said `. Quotation text is indexed in this form, so that a query
/// term, in the same form, matches whole words only (`ill` does not find `will`) and
/// any case (`VELÁZQUEZ` finds `Velázquez`).
pub fn word_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.extend(w.chars().flat_map(char::to_lowercase));
        out.push(' ');
    }
    out
}

pub fn query_terms(q: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for (i, part) in q.split('"').enumerate() {
        if i % 2 == 1 {
            let phrase: Vec<&str> = part
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            if !phrase.is_empty() {
                terms.push(phrase.join(" "));
            }
        } else {
            terms.extend(
                part.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
        }
    }
    terms.truncate(16);
    terms
}

/// Filters for [`Store::list_quotations`].
#[derive(Debug, Clone, Default)]
pub struct QuotationQuery {
    /// Speaker name or the canonical name / alias of the speaker entity
    /// (case-insensitive, exact).
    pub speaker: Option<String>,
    /// Words that must all appear in the quotation (case-insensitive).
    pub text: Option<String>,
    pub published_after: Option<DateTime<Utc>>,
    pub published_before: Option<DateTime<Utc>>,
    pub page_size: usize,
    pub cursor: Option<Cursor>,
}

/// Filters for [`Store::top_entities`].
#[derive(Debug, Clone, Default)]
pub struct TopEntitiesQuery {
    /// Window over publication time (extraction time when unknown).
    pub after: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
    /// `EntityType` as its protobuf number.
    pub entity_type: Option<i32>,
    pub limit: usize,
}

/// Lower-cased names a quotation can be found by: the speaker's name and, when the
/// speaker is a resolved entity, its canonical name and aliases.
pub fn quotation_speakers(a: &v1::Article, q: &v1::Quotation) -> Vec<String> {
    let Some(sp) = q.speaker.as_ref() else {
        return Vec::new();
    };
    let mut names = vec![sp.name.to_lowercase()];
    if let Some(e) = a
        .entities
        .iter()
        .find(|e| !sp.entity_id.is_empty() && e.id == sp.entity_id)
    {
        names.push(e.canonical_name.to_lowercase());
        names.extend(e.aliases.iter().map(|x| x.to_lowercase()));
    }
    names.retain(|n| !n.trim().is_empty());
    names.sort();
    names.dedup();
    names
}

/// One row of the entity index.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    pub entity_id: String,
    /// Lower-cased canonical name or alias.
    pub name: String,
    /// Canonical name as written.
    pub display_name: String,
    pub is_canonical: bool,
    pub entity_type: i32,
    pub mentions: i64,
}

/// The index rows of one article, the same for every backend.
#[derive(Debug, Clone, Default)]
pub struct IndexRows {
    pub entities: Vec<EntityRow>,
    /// (quotation index, lower-cased speaker name or `""`, quotation text as
    /// [`word_text`]).
    pub quotations: Vec<(i64, String, String)>,
    /// Calendar ranges `[start, end)` in µs of the dates the text mentions.
    pub dates: Vec<(i64, i64)>,
}

impl IndexRows {
    /// Derives the index rows of `a`.
    pub fn of(a: &v1::Article) -> Self {
        let mut rows = IndexRows::default();
        for e in &a.entities {
            let canonical = e.canonical_name.to_lowercase();
            let mut names = vec![canonical.clone()];
            names.extend(e.aliases.iter().map(|x| x.to_lowercase()));
            names.sort();
            names.dedup();
            for name in names {
                rows.entities.push(EntityRow {
                    entity_id: e.id.clone(),
                    is_canonical: name == canonical,
                    name,
                    display_name: e.canonical_name.clone(),
                    entity_type: e.r#type,
                    mentions: i64::try_from(e.mentions.len()).unwrap_or(i64::MAX),
                });
            }
        }
        for (i, q) in a.quotations.iter().enumerate() {
            let mut speakers = quotation_speakers(a, q);
            if speakers.is_empty() {
                // found by its words even without a speaker
                speakers.push(String::new());
            }
            let words = word_text(&q.text);
            for speaker in speakers {
                rows.quotations.push((
                    i64::try_from(i).unwrap_or(i64::MAX),
                    speaker,
                    words.clone(),
                ));
            }
        }
        rows.dates = a
            .temporal_expressions
            .iter()
            .filter_map(|t| timex_range(&t.value))
            .collect();
        rows
    }
}

/// The time range `[start, end)` (µs since the epoch, UTC) a TIMEX3 date value covers:
/// `2019` → the year, `2019-04` → the month, `2019-04-25` → the day. Underspecified or
/// non-calendar values (`XXXX-04-25`, `PRESENT_REF`, `P3D`, `2019-SU`) have none.
pub fn timex_range(value: &str) -> Option<(i64, i64)> {
    use chrono::NaiveDate;
    let parts: Vec<&str> = value.get(..10.min(value.len()))?.split('-').collect();
    if parts.first()?.len() != 4 {
        return None;
    }
    let y: i32 = parts.first()?.parse().ok()?;
    let (start, end) = match parts.len() {
        1 => (
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y + 1, 1, 1)?,
        ),
        2 => {
            let m: u32 = parts[1].parse().ok()?;
            let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            (
                NaiveDate::from_ymd_opt(y, m, 1)?,
                NaiveDate::from_ymd_opt(next.0, next.1, 1)?,
            )
        }
        _ => {
            let m: u32 = parts[1].parse().ok()?;
            let d: u32 = parts[2].get(..2)?.parse().ok()?;
            let day = NaiveDate::from_ymd_opt(y, m, d)?;
            (day, day.succ_opt()?)
        }
    };
    let us = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().timestamp_micros())
    };
    Some((us(start)?, us(end)?))
}

/// Decodes a stored article.
///
/// # Errors
/// [`StoreError::Internal`] when the bytes are not an `Article`.
pub fn decode_article(body: &[u8]) -> Result<v1::Article, StoreError> {
    use prost::Message;
    v1::Article::decode(body)
        .map_err(|e| StoreError::Internal(format!("corrupt stored article: {e}")))
}

/// The quotation hit for quotation `idx` of a stored article.
///
/// # Errors
/// [`StoreError::Internal`] when the body is corrupt.
pub fn quotation_hit(body: &[u8], idx: i64) -> Result<v1::QuotationHit, StoreError> {
    let a = decode_article(body)?;
    let quotation = usize::try_from(idx)
        .ok()
        .and_then(|i| a.quotations.get(i).cloned());
    Ok(v1::QuotationHit {
        article_id: a.id,
        article_title: a.title,
        published_at: a.published_at,
        quotation,
    })
}

/// Turns `size + 1` fetched rows into a page: the extra row only says there is more.
pub fn page_of<T>(mut items: Vec<(T, Cursor)>, size: usize) -> Page<T> {
    let more = items.len() > size;
    items.truncate(size);
    let next = if more {
        items.last().map(|(_, c)| c.clone())
    } else {
        None
    };
    Page {
        items: items.into_iter().map(|(t, _)| t).collect(),
        next,
    }
}

/// Appends the filters of `q` other than full text and the page cursor to a query over
/// `articles a`, for any backend (the SQL is portable; binds are the backend's).
pub fn push_search_filters<'a, DB>(b: &mut sqlx::QueryBuilder<'a, DB>, q: &SearchQuery)
where
    DB: sqlx::Database,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i32: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    if let Some(s) = q.source.as_deref() {
        let s = s.to_lowercase();
        b.push(" AND (a.source_domain = ").push_bind(s.clone());
        b.push(" OR a.source_name = ").push_bind(s).push(")");
    }
    if let Some(l) = q.language.as_deref() {
        b.push(" AND a.language = ").push_bind(l.to_lowercase());
    }
    if let Some(t) = q.published_after {
        b.push(" AND a.published_at >= ")
            .push_bind(t.timestamp_micros());
    }
    if let Some(t) = q.published_before {
        b.push(" AND a.published_at < ")
            .push_bind(t.timestamp_micros());
    }
    if q.entity.is_some() || q.entity_type.is_some() {
        b.push(" AND EXISTS (SELECT 1 FROM article_entities e WHERE e.article_seq = a.seq");
        if let Some(e) = q.entity.as_deref() {
            b.push(" AND e.name = ").push_bind(e.to_lowercase());
        }
        if let Some(t) = q.entity_type {
            b.push(" AND e.type = ").push_bind(t);
        }
        b.push(")");
    }
    if let Some(s) = q.speaker.as_deref() {
        b.push(" AND EXISTS (SELECT 1 FROM article_quotations qq WHERE qq.article_seq = a.seq AND qq.speaker = ")
            .push_bind(s.to_lowercase())
            .push(")");
    }
    if q.mentioned_after.is_some() || q.mentioned_before.is_some() {
        b.push(" AND EXISTS (SELECT 1 FROM article_dates d WHERE d.article_seq = a.seq");
        if let Some(t) = q.mentioned_after {
            b.push(" AND d.ends_at > ").push_bind(t.timestamp_micros());
        }
        if let Some(t) = q.mentioned_before {
            b.push(" AND d.starts_at < ")
                .push_bind(t.timestamp_micros());
        }
        b.push(")");
    }
}

/// One `TopEntities` row: counts come from SQL as signed integers.
pub fn entity_count(
    name: String,
    entity_type: i32,
    articles: i64,
    mentions: i64,
) -> v1::EntityCount {
    v1::EntityCount {
        canonical_name: name,
        r#type: entity_type,
        articles: u64::try_from(articles).unwrap_or(0),
        mentions: u64::try_from(mentions).unwrap_or(0),
    }
}

/// Capacity of the change feed behind [`Store::subscribe`]; a subscriber that falls
/// further behind is told how many articles it missed.
pub const CHANGE_FEED_CAPACITY: usize = 1024;

/// The storage interface every backend implements.
#[async_trait]
pub trait Store: Send + Sync {
    /// Inserts or replaces the article with `article.id`, with its index rows, in one
    /// transaction; a stored newer revision wins.
    async fn upsert(&self, article: &v1::Article) -> Result<UpsertOutcome, StoreError>;
    /// The article with `id`, if stored.
    async fn get(&self, id: &str) -> Result<Option<v1::Article>, StoreError>;
    /// Articles matching `query`, newest first.
    async fn search(&self, query: &SearchQuery) -> Result<Page<v1::Article>, StoreError>;
    /// Quotations matching `query`, newest article first.
    async fn list_quotations(
        &self,
        query: &QuotationQuery,
    ) -> Result<Page<v1::QuotationHit>, StoreError>;
    /// Most mentioned entities (by articles, then mentions) in a window.
    async fn top_entities(
        &self,
        query: &TopEntitiesQuery,
    ) -> Result<Vec<v1::EntityCount>, StoreError>;
    /// Refreshes the query planner's statistics; worth calling after a bulk load
    /// (PostgreSQL's autovacuum and SQLite's `PRAGMA optimize` do it eventually).
    async fn analyze(&self) -> Result<(), StoreError>;
    /// Cheap liveness query (readiness).
    async fn ping(&self) -> Result<(), StoreError>;
    /// Number of stored articles.
    async fn count(&self) -> Result<u64, StoreError>;
    /// Articles as they are committed, by any replica sharing this store (for
    /// `WatchArticles`).
    fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Arc<v1::Article>>;
}

/// Opens the store named by `spec`: a `postgres://` (or `postgresql://`) URL selects
/// PostgreSQL; anything else is a SQLite file path (its directory is created). Both
/// run their migrations before returning.
///
/// # Errors
/// [`StoreError`] when the database cannot be reached, opened or migrated.
pub async fn open(spec: &str) -> Result<Arc<dyn Store>, StoreError> {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        return Ok(Arc::new(postgres::PostgresStore::open(spec).await?));
    }
    let path = spec.strip_prefix("sqlite://").unwrap_or(spec);
    Ok(Arc::new(sqlite::SqliteStore::open(path).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = Cursor {
            sort_key: 1_556_150_400_000_000,
            idx: 3,
            id: "a:b".into(),
        };
        assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
        assert!(Cursor::decode("not-a-token").is_err());
        assert!(Cursor::decode("").is_err());
    }

    #[test]
    fn timex_ranges() {
        let (a, b) = timex_range("2019-04").unwrap();
        assert_eq!(b - a, 30 * 86_400_000_000);
        assert!(timex_range("2019-04-25").is_some());
        assert!(timex_range("2019").is_some());
        assert!(timex_range("XXXX-04-25").is_none());
        assert!(timex_range("PRESENT_REF").is_none());
        assert!(timex_range("P3D").is_none());
        assert!(timex_range("2019-SU").is_none());
    }

    #[test]
    fn pages_know_when_there_is_more() {
        let c = |k| Cursor {
            sort_key: k,
            idx: 0,
            id: k.to_string(),
        };
        let p = page_of(vec![(1, c(1)), (2, c(2)), (3, c(3))], 2);
        assert_eq!(p.items, [1, 2]);
        assert_eq!(p.next, Some(c(2)));
        let p = page_of(vec![(1, c(1))], 2);
        assert!(p.next.is_none());
    }

    #[test]
    fn query_terms_strip_operators() {
        assert_eq!(
            query_terms(r#"tax "prime minister" -x OR*"#),
            ["tax", "prime minister", "x", "OR"]
        );
        assert!(query_terms("\"\" ** ").is_empty());
    }
}
