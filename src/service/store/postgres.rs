//! PostgreSQL backend, for several replicas sharing one database: full text with a
//! `tsvector` column and a GIN index, connection pooling, migrations serialised by an
//! advisory lock (replicas may start together), and a change feed through
//! `LISTEN`/`NOTIFY`, so a `WatchArticles` client of one replica sees what every
//! replica extracts.
//!
//! Upserts are race-free: `INSERT ... ON CONFLICT DO UPDATE ... WHERE stored revision
//! <= new revision` takes the row lock, so two replicas writing the same id leave one
//! row with the newest revision, and an older revision never overwrites a newer one.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use prost::Message;
use sqlx::postgres::{PgListener, PgPool, PgPoolOptions};
use sqlx::{Postgres, QueryBuilder, Row};
use tokio::sync::broadcast;
use tokio::task::JoinHandle;

use super::{
    decode_article, entity_count, micros, page_of, push_search_filters, query_terms, quotation_hit,
    sort_key, word_text, Cursor, IndexRows, Page, QuotationQuery, SearchQuery, Store, StoreError,
    TopEntitiesQuery, UpsertOutcome, CHANGE_FEED_CAPACITY, MAX_PAGE_SIZE,
};
use crate::proto::v1;
use crate::service::metrics::METRICS;

/// Versioned migrations, applied in order at start; each runs once, in a transaction.
const MIGRATIONS: &[(i64, &str)] = &[(1, include_str!("migrations/postgres/0001_init.sql"))];

/// Key of the advisory lock that serialises migrations across replicas.
const MIGRATION_LOCK: i64 = 0x6e65_7773_6578;

/// `NOTIFY` channel carrying the ids of committed articles.
const CHANNEL: &str = "newsextract_articles";

/// Longest text put into the full-text index, in bytes (a `tsvector` is limited to
/// 1 MiB; news articles are far shorter).
const MAX_INDEXED_TEXT: i32 = 500_000;

/// Longest one statement may run (bounds query cost).
const STATEMENT_TIMEOUT_MS: u64 = 10_000;

/// The PostgreSQL store.
pub struct PostgresStore {
    pool: PgPool,
    changes: broadcast::Sender<Arc<v1::Article>>,
    listener: JoinHandle<()>,
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        self.listener.abort();
    }
}

impl PostgresStore {
    /// Connects to `url`, migrates, and starts listening for changes.
    ///
    /// # Errors
    /// [`StoreError`] when the database cannot be reached or migrated.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::query(&format!("SET statement_timeout = {STATEMENT_TIMEOUT_MS}"))
                        .execute(conn)
                        .await?;
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        migrate(&pool).await?;
        let changes = broadcast::channel(CHANGE_FEED_CAPACITY).0;
        let (ready_tx, ready) = tokio::sync::oneshot::channel();
        let listener = tokio::spawn(listen(pool.clone(), changes.clone(), ready_tx));
        // Articles committed after `open` returns must reach subscribers: wait for
        // LISTEN (bounded; the feed keeps retrying in the background).
        if tokio::time::timeout(Duration::from_secs(5), ready)
            .await
            .is_err()
        {
            tracing::warn!("change feed not listening yet; WatchArticles may miss articles");
        }
        Ok(PostgresStore {
            pool,
            changes,
            listener,
        })
    }
}

async fn migrate(pool: &PgPool) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS schema_migrations \
         (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .execute(&mut *tx)
    .await?;
    for (version, sql) in MIGRATIONS {
        let done: Option<i64> =
            sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(version)
                .fetch_optional(&mut *tx)
                .await?;
        if done.is_none() {
            sqlx::raw_sql(sql).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO schema_migrations (version) VALUES ($1)")
                .bind(version)
                .execute(&mut *tx)
                .await?;
            tracing::info!(version, "applied postgres migration");
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Forwards committed articles from `NOTIFY` to the local change feed; reconnects when
/// the database goes away (notifications sent meanwhile are lost, as `LISTEN` allows).
async fn listen(
    pool: PgPool,
    changes: broadcast::Sender<Arc<v1::Article>>,
    ready: tokio::sync::oneshot::Sender<()>,
) {
    let mut ready = Some(ready);
    loop {
        let mut listener = match PgListener::connect_with(&pool).await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for article changes; retrying");
                tokio::time::sleep(Duration::from_secs(2)).await;
                continue;
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "LISTEN failed; retrying");
            tokio::time::sleep(Duration::from_secs(2)).await;
            continue;
        }
        if let Some(r) = ready.take() {
            let _ = r.send(());
        }
        loop {
            match listener.recv().await {
                Ok(n) => {
                    if changes.receiver_count() == 0 {
                        continue;
                    }
                    let body: Result<Option<Vec<u8>>, _> =
                        sqlx::query_scalar("SELECT body FROM articles WHERE id = $1")
                            .bind(n.payload())
                            .fetch_optional(&pool)
                            .await;
                    if let Ok(Some(body)) = body {
                        if let Ok(a) = decode_article(&body) {
                            let _ = changes.send(Arc::new(a));
                        }
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "change feed interrupted; reconnecting");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    break;
                }
            }
        }
    }
}

fn observe(op: &str, start: Instant) {
    METRICS
        .store_operation_duration
        .with_label_values(&[op])
        .observe(start.elapsed().as_secs_f64());
}

#[async_trait]
impl Store for PostgresStore {
    async fn upsert(&self, a: &v1::Article) -> Result<UpsertOutcome, StoreError> {
        let start = Instant::now();
        let rows = IndexRows::of(a);
        let source = a.source.clone().unwrap_or_default();
        let mut tx = self.pool.begin().await?;
        let written = sqlx::query(
            "INSERT INTO articles (id, url, canonical_url, source_domain, source_name, language, \
             title, published_at, extracted_at, sort_key, content_sha256, body, tsv) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             to_tsvector('simple', $7 || ' ' || left($13, $14))) \
             ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, \
             canonical_url = EXCLUDED.canonical_url, source_domain = EXCLUDED.source_domain, \
             source_name = EXCLUDED.source_name, language = EXCLUDED.language, \
             title = EXCLUDED.title, published_at = EXCLUDED.published_at, \
             extracted_at = EXCLUDED.extracted_at, sort_key = EXCLUDED.sort_key, \
             content_sha256 = EXCLUDED.content_sha256, body = EXCLUDED.body, tsv = EXCLUDED.tsv \
             WHERE articles.extracted_at <= EXCLUDED.extracted_at \
             RETURNING seq, (xmax = 0) AS inserted",
        )
        .bind(&a.id)
        .bind(&a.url)
        .bind(&a.canonical_url)
        .bind(source.domain.to_lowercase())
        .bind(source.name.to_lowercase())
        .bind(&a.language)
        .bind(&a.title)
        .bind(micros(a.published_at.as_ref()))
        .bind(micros(a.extracted_at.as_ref()).unwrap_or(0))
        .bind(sort_key(a))
        .bind(&a.content_sha256)
        .bind(a.encode_to_vec())
        .bind(&a.text)
        .bind(MAX_INDEXED_TEXT)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = written else {
            return Ok(UpsertOutcome::Stale);
        };
        let seq: i64 = row.try_get(0)?;
        let inserted: bool = row.try_get(1)?;
        if !inserted {
            for table in ["article_entities", "article_quotations", "article_dates"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE article_seq = $1"))
                    .bind(seq)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let key = sort_key(a);
        if !rows.entities.is_empty() {
            let e = &rows.entities;
            sqlx::query(
                "INSERT INTO article_entities (article_seq, entity_id, name, display_name, \
                 is_canonical, type, mentions, sort_key) \
                 SELECT $1, * , $8 FROM UNNEST($2::text[], $3::text[], $4::text[], $5::bool[], \
                 $6::int[], $7::bigint[])",
            )
            .bind(seq)
            .bind(e.iter().map(|x| x.entity_id.clone()).collect::<Vec<_>>())
            .bind(e.iter().map(|x| x.name.clone()).collect::<Vec<_>>())
            .bind(e.iter().map(|x| x.display_name.clone()).collect::<Vec<_>>())
            .bind(e.iter().map(|x| x.is_canonical).collect::<Vec<_>>())
            .bind(e.iter().map(|x| x.entity_type).collect::<Vec<_>>())
            .bind(e.iter().map(|x| x.mentions).collect::<Vec<_>>())
            .bind(key)
            .execute(&mut *tx)
            .await?;
        }
        if !rows.quotations.is_empty() {
            let q = &rows.quotations;
            sqlx::query(
                "INSERT INTO article_quotations (article_seq, idx, speaker, text) \
                 SELECT $1, * FROM UNNEST($2::int[], $3::text[], $4::text[])",
            )
            .bind(seq)
            .bind(
                q.iter()
                    .map(|x| i32::try_from(x.0).unwrap_or(i32::MAX))
                    .collect::<Vec<_>>(),
            )
            .bind(q.iter().map(|x| x.1.clone()).collect::<Vec<_>>())
            .bind(q.iter().map(|x| x.2.clone()).collect::<Vec<_>>())
            .execute(&mut *tx)
            .await?;
        }
        if !rows.dates.is_empty() {
            sqlx::query(
                "INSERT INTO article_dates (article_seq, starts_at, ends_at) \
                 SELECT $1, * FROM UNNEST($2::bigint[], $3::bigint[])",
            )
            .bind(seq)
            .bind(rows.dates.iter().map(|d| d.0).collect::<Vec<_>>())
            .bind(rows.dates.iter().map(|d| d.1).collect::<Vec<_>>())
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(&a.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        observe("upsert", start);
        Ok(if inserted {
            UpsertOutcome::Inserted
        } else {
            UpsertOutcome::Updated
        })
    }

    async fn get(&self, id: &str) -> Result<Option<v1::Article>, StoreError> {
        let start = Instant::now();
        let body: Option<Vec<u8>> = sqlx::query_scalar("SELECT body FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        observe("get", start);
        body.map(|b| decode_article(&b)).transpose()
    }

    async fn search(&self, q: &SearchQuery) -> Result<Page<v1::Article>, StoreError> {
        let start = Instant::now();
        let mut b: QueryBuilder<Postgres> =
            QueryBuilder::new(
            "SELECT a.id, a.sort_key, a.body FROM articles a JOIN (SELECT a.seq FROM articles a WHERE TRUE",
        );
        for term in q.text.as_deref().map(query_terms).unwrap_or_default() {
            b.push(" AND a.tsv @@ phraseto_tsquery('simple', ")
                .push_bind(term)
                .push(")");
        }
        push_search_filters(&mut b, q);
        if let Some(c) = &q.cursor {
            b.push(" AND (a.sort_key, a.id) < (")
                .push_bind(c.sort_key)
                .push(", ")
                .push_bind(c.id.clone())
                .push(")");
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
        let mut b: QueryBuilder<Postgres> = QueryBuilder::new(
            "SELECT DISTINCT a.id, a.sort_key, q.idx, a.body FROM article_quotations q \
             JOIN articles a ON a.seq = q.article_seq WHERE TRUE",
        );
        if let Some(s) = q.speaker.as_deref() {
            b.push(" AND q.speaker = ").push_bind(s.to_lowercase());
        }
        for term in q.text.as_deref().map(query_terms).unwrap_or_default() {
            b.push(" AND strpos(lower(q.text), ")
                .push_bind(word_text(&term))
                .push(") > 0");
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
            b.push(" AND q.idx > ")
                .push_bind(i32::try_from(c.idx).unwrap_or(i32::MAX))
                .push("))))");
        }
        let size = q.page_size.clamp(1, MAX_PAGE_SIZE);
        b.push(" ORDER BY a.sort_key DESC, a.id DESC, q.idx ASC LIMIT ")
            .push_bind(i64::try_from(size + 1).unwrap_or(i64::MAX));
        let rows = b.build().fetch_all(&self.pool).await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let idx: i32 = row.try_get(2)?;
            let cursor = Cursor {
                id: row.try_get(0)?,
                sort_key: row.try_get(1)?,
                idx: i64::from(idx),
            };
            let body: Vec<u8> = row.try_get(3)?;
            items.push((quotation_hit(&body, cursor.idx)?, cursor));
        }
        observe("list_quotations", start);
        Ok(page_of(items, size))
    }

    async fn top_entities(&self, q: &TopEntitiesQuery) -> Result<Vec<v1::EntityCount>, StoreError> {
        let start = Instant::now();
        let mut b: QueryBuilder<Postgres> = QueryBuilder::new(
            "SELECT MIN(e.display_name), e.type, COUNT(DISTINCT e.article_seq), \
             SUM(e.mentions)::bigint FROM article_entities e WHERE e.is_canonical",
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
        sqlx::query("ANALYZE articles, article_entities, article_quotations, article_dates")
            .execute(&self.pool)
            .await?;
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
