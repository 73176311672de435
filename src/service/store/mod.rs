//! Storage of extracted articles behind one [`Store`] interface.
//!
//! The full `Article` protobuf is kept per id, plus index tables (full text, entities,
//! quotations, mentioned dates) that the queries need. Backends: embedded SQLite (the
//! default: one file, WAL, FTS5) in [`sqlite`]. Callers only see [`Store`], so another
//! backend (PostgreSQL, for several replicas) plugs in without changing them.
//!
//! Upserts are idempotent and ordered by revision (`extracted_at`): re-delivering an
//! article leaves one row, and an older revision never overwrites a newer one.

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
    /// Cheap liveness query (readiness).
    async fn ping(&self) -> Result<(), StoreError>;
    /// Number of stored articles.
    async fn count(&self) -> Result<u64, StoreError>;
}

/// Opens the store named by `spec`: a `postgres://` URL is refused with a clear
/// message until that backend exists; anything else is a SQLite file path (its
/// directory is created).
///
/// # Errors
/// [`StoreError`] when the database cannot be opened or migrated.
pub async fn open(spec: &str) -> Result<Arc<dyn Store>, StoreError> {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        return Err(StoreError::InvalidArgument(
            "the PostgreSQL backend is not available in this build; use a SQLite path".into(),
        ));
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
    fn query_terms_strip_operators() {
        assert_eq!(
            query_terms(r#"tax "prime minister" -x OR*"#),
            ["tax", "prime minister", "x", "OR"]
        );
        assert!(query_terms("\"\" ** ").is_empty());
    }
}
