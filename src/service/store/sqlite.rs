//! Embedded SQLite backend: one database file, write-ahead logging (readers never wait
//! for the writer), FTS5 for full text. Right for a single replica.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use prost::Message;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite};
use tokio::sync::broadcast;

use super::{
    decode_article, entity_count, micros, page_of, push_search_filters, query_terms, quotation_hit,
    sort_key, word_text, Cursor, IndexRows, Page, QuotationQuery, SearchQuery, Store, StoreError,
    TopEntitiesQuery, UpsertOutcome, CHANGE_FEED_CAPACITY, MAX_PAGE_SIZE,
};
use crate::proto::v1;
use crate::service::metrics::METRICS;

/// Versioned migrations, applied in order at start; each runs once, in a transaction.
const MIGRATIONS: &[(i64, &str)] = &[(1, include_str!("migrations/sqlite/0001_init.sql"))];

/// The SQLite store.
pub struct SqliteStore {
    pool: SqlitePool,
    /// SQLite has one writer at a time; taking turns here avoids `SQLITE_BUSY` when a
    /// read transaction would be upgraded to a write while another writer commits.
    write: tokio::sync::Mutex<()>,
    changes: broadcast::Sender<Arc<v1::Article>>,
}

impl SqliteStore {
    /// Opens (creating when missing) the database at `path` and migrates it.
    ///
    /// # Errors
    /// [`StoreError`] when the file cannot be created or the schema cannot be applied.
    pub async fn open(path: &str) -> Result<Self, StoreError> {
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Unavailable(format!("cannot create {}: {e}", dir.display()))
                })?;
            }
        }
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
            .map_err(|e| StoreError::InvalidArgument(e.to_string()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(opts)
            .await?;
        let store = SqliteStore {
            pool,
            write: tokio::sync::Mutex::new(()),
            changes: broadcast::channel(CHANGE_FEED_CAPACITY).0,
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations \
             (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .execute(&self.pool)
        .await?;
        for (version, sql) in MIGRATIONS {
            let mut tx = self.pool.begin().await?;
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = ?")
                    .bind(version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if done.is_none() {
                sqlx::raw_sql(sql).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, datetime('now'))",
                )
                .bind(version)
                .execute(&mut *tx)
                .await?;
                tracing::info!(version, "applied sqlite migration");
            }
            tx.commit().await?;
        }
        Ok(())
    }
}

fn observe(op: &str, start: Instant) {
    METRICS
        .store_operation_duration
        .with_label_values(&[op])
        .observe(start.elapsed().as_secs_f64());
}

/// `(sort_key, id)` strictly after the cursor in the (desc, desc) order.
fn push_after_cursor(b: &mut QueryBuilder<'_, Sqlite>, c: &Cursor) {
    b.push(" AND (a.sort_key < ").push_bind(c.sort_key);
    b.push(" OR (a.sort_key = ").push_bind(c.sort_key);
    b.push(" AND a.id < ").push_bind(c.id.clone()).push("))");
}

#[async_trait]
impl Store for SqliteStore {
    async fn upsert(&self, a: &v1::Article) -> Result<UpsertOutcome, StoreError> {
        let start = Instant::now();
        let extracted = micros(a.extracted_at.as_ref()).unwrap_or(0);
        let rows = IndexRows::of(a);
        let _turn = self.write.lock().await;
        let mut tx = self.pool.begin().await?;
        let existing: Option<i64> =
            sqlx::query_scalar("SELECT extracted_at FROM articles WHERE id = ?")
                .bind(&a.id)
                .fetch_optional(&mut *tx)
                .await?;
        if existing.is_some_and(|stored| stored > extracted) {
            return Ok(UpsertOutcome::Stale);
        }
        let source = a.source.clone().unwrap_or_default();
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO articles (id, url, canonical_url, source_domain, source_name, language, \
             title, published_at, extracted_at, sort_key, content_sha256, body) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT(id) DO UPDATE SET url = excluded.url, \
             canonical_url = excluded.canonical_url, source_domain = excluded.source_domain, \
             source_name = excluded.source_name, language = excluded.language, \
             title = excluded.title, published_at = excluded.published_at, \
             extracted_at = excluded.extracted_at, sort_key = excluded.sort_key, \
             content_sha256 = excluded.content_sha256, body = excluded.body \
             RETURNING seq",
        )
        .bind(&a.id)
        .bind(&a.url)
        .bind(&a.canonical_url)
        .bind(source.domain.to_lowercase())
        .bind(source.name.to_lowercase())
        .bind(&a.language)
        .bind(&a.title)
        .bind(micros(a.published_at.as_ref()))
        .bind(extracted)
        .bind(sort_key(a))
        .bind(&a.content_sha256)
        .bind(a.encode_to_vec())
        .fetch_one(&mut *tx)
        .await?;
        for table in ["article_entities", "article_quotations", "article_dates"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE article_seq = ?"))
                .bind(seq)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM articles_fts WHERE rowid = ?")
            .bind(seq)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)")
            .bind(seq)
            .bind(&a.title)
            .bind(&a.text)
            .execute(&mut *tx)
            .await?;
        // Index rows in multi-row statements: one round trip per table, not per row
        // (SQLite allows 32,766 bound values; 500 rows stay far below).
        let key = sort_key(a);
        for chunk in rows.entities.chunks(500) {
            let mut b: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO article_entities (article_seq, entity_id, name, display_name, \
                 is_canonical, type, mentions, sort_key) ",
            );
            b.push_values(chunk, |mut r, e| {
                r.push_bind(seq)
                    .push_bind(&e.entity_id)
                    .push_bind(&e.name)
                    .push_bind(&e.display_name)
                    .push_bind(e.is_canonical)
                    .push_bind(e.entity_type)
                    .push_bind(e.mentions)
                    .push_bind(key);
            });
            b.build().execute(&mut *tx).await?;
        }
        for chunk in rows.quotations.chunks(500) {
            let mut b: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO article_quotations (article_seq, idx, speaker, text) ",
            );
            b.push_values(chunk, |mut r, (idx, speaker, text)| {
                r.push_bind(seq)
                    .push_bind(idx)
                    .push_bind(speaker)
                    .push_bind(text);
            });
            b.build().execute(&mut *tx).await?;
        }
        for chunk in rows.dates.chunks(500) {
            let mut b: QueryBuilder<Sqlite> =
                QueryBuilder::new("INSERT INTO article_dates (article_seq, starts_at, ends_at) ");
            b.push_values(chunk, |mut r, (lo, hi)| {
                r.push_bind(seq).push_bind(lo).push_bind(hi);
            });
            b.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        observe("upsert", start);
        // Nobody watching is fine.
        let _ = self.changes.send(Arc::new(a.clone()));
        Ok(if existing.is_some() {
            UpsertOutcome::Updated
        } else {
            UpsertOutcome::Inserted
        })
    }

    async fn get(&self, id: &str) -> Result<Option<v1::Article>, StoreError> {
        let start = Instant::now();
        let body: Option<Vec<u8>> = sqlx::query_scalar("SELECT body FROM articles WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        observe("get", start);
        body.map(|b| decode_article(&b)).transpose()
    }

    async fn search(&self, q: &SearchQuery) -> Result<Page<v1::Article>, StoreError> {
        let start = Instant::now();
        let mut b: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT a.id, a.sort_key, a.body FROM articles a JOIN \
             (SELECT a.seq FROM articles a INDEXED BY articles_sort WHERE 1 = 1",
        );
        let terms = q.text.as_deref().map(query_terms).unwrap_or_default();
        if !terms.is_empty() {
            // Every term quoted: FTS5 syntax in user input cannot break the query. The
            // matches form a set that the newest-first index scan probes, so a common
            // word costs one pass over its posting list, not a row read per match.
            let expr = terms
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" ");
            b.push(" AND a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ")
                .push_bind(expr)
                .push(")");
        }
        push_search_filters(&mut b, q);
        if let Some(c) = &q.cursor {
            push_after_cursor(&mut b, c);
        }
        let size = q.page_size.clamp(1, MAX_PAGE_SIZE);
        // The page is chosen on the narrow columns first; only its rows' bodies are
        // read (sorting every match with its body would copy them all).
        b.push(" ORDER BY a.sort_key DESC, a.id DESC LIMIT ")
            .push_bind(i64::try_from(size + 1).unwrap_or(i64::MAX));
        b.push(") p ON p.seq = a.seq ORDER BY a.sort_key DESC, a.id DESC");
        let rows = b.build().fetch_all(&self.pool).await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let cursor = Cursor {
                id: row.try_get(0)?,
                sort_key: row.try_get(1)?,
                idx: 0,
            };
            let body: Vec<u8> = row.try_get(2)?;
            items.push((decode_article(&body)?, cursor));
        }
        observe("search", start);
        Ok(page_of(items, size))
    }

    async fn list_quotations(
        &self,
        q: &QuotationQuery,
    ) -> Result<Page<v1::QuotationHit>, StoreError> {
        let start = Instant::now();
        let mut b: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT DISTINCT a.id, a.sort_key, q.idx, a.body FROM article_quotations q \
             JOIN articles a ON a.seq = q.article_seq WHERE 1 = 1",
        );
        if let Some(s) = q.speaker.as_deref() {
            b.push(" AND q.speaker = ").push_bind(s.to_lowercase());
        }
        for term in q.text.as_deref().map(query_terms).unwrap_or_default() {
            b.push(" AND q.text LIKE ")
                .push_bind(format!("%{}%", like_escape(&word_text(&term))))
                .push(" ESCAPE '\\'");
        }
        if let Some(t) = q.published_after {
            b.push(" AND a.published_at >= ")
                .push_bind(t.timestamp_micros());
        }
        if let Some(t) = q.published_before {
            b.push(" AND a.published_at < ")
                .push_bind(t.timestamp_micros());
        }
        if let Some(c) = &q.cursor {
            b.push(" AND (a.sort_key < ").push_bind(c.sort_key);
            b.push(" OR (a.sort_key = ").push_bind(c.sort_key);
            b.push(" AND (a.id < ").push_bind(c.id.clone());
            b.push(" OR (a.id = ").push_bind(c.id.clone());
            b.push(" AND q.idx > ").push_bind(c.idx).push("))))");
        }
        let size = q.page_size.clamp(1, MAX_PAGE_SIZE);
        b.push(" ORDER BY a.sort_key DESC, a.id DESC, q.idx ASC LIMIT ")
            .push_bind(i64::try_from(size + 1).unwrap_or(i64::MAX));
        let rows = b.build().fetch_all(&self.pool).await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let cursor = Cursor {
                id: row.try_get(0)?,
                sort_key: row.try_get(1)?,
                idx: row.try_get(2)?,
            };
            let body: Vec<u8> = row.try_get(3)?;
            items.push((quotation_hit(&body, cursor.idx)?, cursor));
        }
        observe("list_quotations", start);
        Ok(page_of(items, size))
    }

    async fn top_entities(&self, q: &TopEntitiesQuery) -> Result<Vec<v1::EntityCount>, StoreError> {
        let start = Instant::now();
        let mut b: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT MIN(e.display_name), e.type, COUNT(DISTINCT e.article_seq), SUM(e.mentions) \
             FROM article_entities e WHERE e.is_canonical = 1",
        );
        if let Some(t) = q.after {
            b.push(" AND e.sort_key >= ")
                .push_bind(t.timestamp_micros());
        }
        if let Some(t) = q.before {
            b.push(" AND e.sort_key < ").push_bind(t.timestamp_micros());
        }
        if let Some(t) = q.entity_type {
            b.push(" AND e.type = ").push_bind(t);
        }
        b.push(" GROUP BY e.name, e.type ORDER BY 3 DESC, 4 DESC, e.name LIMIT ")
            .push_bind(i64::try_from(q.limit.clamp(1, MAX_PAGE_SIZE)).unwrap_or(20));
        let rows = b.build().fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(entity_count(
                row.try_get(0)?,
                row.try_get(1)?,
                row.try_get(2)?,
                row.try_get(3)?,
            ));
        }
        observe("top_entities", start);
        Ok(out)
    }

    async fn analyze(&self) -> Result<(), StoreError> {
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn count(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles")
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn subscribe(&self) -> broadcast::Receiver<Arc<v1::Article>> {
        self.changes.subscribe()
    }
}

/// Escapes `%`, `_` and `\` for a `LIKE ... ESCAPE '\'` pattern.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
