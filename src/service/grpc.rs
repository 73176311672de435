//! gRPC `newsextract.v1.ArticleService`, plus `grpc.health.v1.Health` and server
//! reflection.
//!
//! Every error reaches the client through [`status`], the one mapping from domain
//! errors to gRPC codes: bad requests are `INVALID_ARGUMENT`, unknown ids `NOT_FOUND`,
//! an unreachable store `UNAVAILABLE`, anything else `INTERNAL`.

// `tonic::Status` is large by design; every handler returns it.
#![allow(clippy::result_large_err)]

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use futures::Stream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};

use super::envelope::InputError;
use super::health::Health;
use super::metrics;
use super::store::{
    Cursor, QuotationQuery, SearchQuery, Store, StoreError, TopEntitiesQuery, DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
};
use crate::pipeline::{self, ExtractError, Pipeline};
use crate::proto::{self, v1};

use v1::article_service_server::{ArticleService, ArticleServiceServer};

/// Longest full-text query accepted, in bytes (bounds query cost).
const MAX_QUERY_BYTES: usize = 1024;
/// Longest `ExtractArticle` may take (the worker's default extraction timeout).
const EXTRACT_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest raw article `ExtractArticle` accepts, in bytes.
const MAX_EXTRACT_BYTES: usize = 16 * 1024 * 1024;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    InvalidArgument(String),
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Extract(#[from] ExtractError),
    #[error("{0}")]
    DeadlineExceeded(String),
    #[error("{0}")]
    Internal(String),
}

/// The one mapping from domain errors to gRPC status codes.
pub fn status(e: ApiError) -> Status {
    match e {
        ApiError::InvalidArgument(m) => Status::invalid_argument(m),
        ApiError::NotFound(m) => Status::not_found(m),
        ApiError::Store(StoreError::Unavailable(m)) => Status::unavailable(m),
        ApiError::Store(StoreError::InvalidArgument(m)) => Status::invalid_argument(m),
        ApiError::Store(StoreError::Internal(m)) => Status::internal(m),
        ApiError::Input(e) => Status::invalid_argument(format!("{}: {e}", e.code())),
        ApiError::Extract(e) => Status::invalid_argument(format!("{}: {e}", e.code())),
        ApiError::DeadlineExceeded(m) => Status::deadline_exceeded(m),
        ApiError::Internal(m) => Status::internal(m),
    }
}

/// The service implementation.
pub struct Api {
    store: Arc<dyn Store>,
    pipeline: Arc<Pipeline>,
    /// Cancelled when the server stops; open `WatchArticles` streams then end with
    /// `UNAVAILABLE`, so a watching client cannot hold the graceful shutdown open.
    /// [`serve`] sets it to its own shutdown token.
    streams_end: CancellationToken,
    /// Largest `ExtractArticle` page (HTML plus text bytes).
    max_extract_bytes: usize,
}

impl Api {
    /// The API over `store`, extracting `ExtractArticle` requests with `pipeline`, pages
    /// up to 16 MiB.
    pub fn new(store: Arc<dyn Store>, pipeline: Arc<Pipeline>) -> Self {
        Self {
            store,
            pipeline,
            streams_end: CancellationToken::new(),
            max_extract_bytes: MAX_EXTRACT_BYTES,
        }
    }

    /// Limits `ExtractArticle` pages to `bytes` (at most 16 MiB), as the worker limits
    /// its messages with `--max-message-bytes`: extraction needs memory in proportion to
    /// the page, so a pod sized for its messages must not take larger pages over gRPC.
    pub fn with_max_extract_bytes(mut self, bytes: usize) -> Self {
        self.max_extract_bytes = bytes.min(MAX_EXTRACT_BYTES);
        self
    }
}

/// `n` as a page size: 0 means the default; 1..=100; anything else is an error.
fn page_size(n: i32, field: &str) -> Result<usize, ApiError> {
    match usize::try_from(n) {
        Ok(0) => Ok(DEFAULT_PAGE_SIZE),
        Ok(size) if size <= MAX_PAGE_SIZE => Ok(size),
        _ => Err(ApiError::InvalidArgument(format!(
            "{field} must be between 0 (default {DEFAULT_PAGE_SIZE}) and {MAX_PAGE_SIZE}, not {n}"
        ))),
    }
}

fn time(
    t: Option<&pbjson_types::Timestamp>,
    field: &str,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    t.map(|t| {
        proto::from_timestamp(t)
            .ok_or_else(|| ApiError::InvalidArgument(format!("{field} is not a valid timestamp")))
    })
    .transpose()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// The query a page token belongs to: 12 hex digits of the SHA-256 of the method and
/// the request without its paging fields (`page_token`, `page_size`).
fn query_print(method: &str, request_without_paging: &impl prost::Message) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update(request_without_paging.encode_to_vec());
    hex::encode(&h.finalize()[..6])
}

/// The page token for `next`: `PRINT.CURSOR.CHECK` (see [`query_print`],
/// [`Cursor::encode`], [`token_check`]).
fn page_token(print: &str, next: Option<Cursor>) -> String {
    next.map(|c| {
        let body = format!("{print}.{}", c.encode());
        let check = token_check(&body);
        format!("{body}.{check}")
    })
    .unwrap_or_default()
}

/// 8 hex digits of the SHA-256 of a token's `PRINT.CURSOR`: a token cut, extended or
/// edited by hand no longer matches and is refused, instead of being read as another
/// cursor (base64 decodes a token with a letter appended as a cursor with another
/// article id). A check against mistakes, not a signature: the cursor holds nothing
/// secret.
fn token_check(body: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(body.as_bytes())[..4])
}

/// The cursor of a page token issued for the query whose print is `print`.
fn cursor(token: &str, print: &str) -> Result<Option<Cursor>, ApiError> {
    let Some(token) = opt(token) else {
        return Ok(None);
    };
    let not_ours =
        || ApiError::InvalidArgument("page_token is not a token this service issued".into());
    let (body, check) = token.rsplit_once('.').ok_or_else(not_ours)?;
    if token_check(body) != check {
        return Err(not_ours());
    }
    let (p, rest) = body.split_once('.').ok_or_else(not_ours)?;
    let c = Cursor::decode(rest)?;
    if p != print {
        return Err(ApiError::InvalidArgument(
            "page_token belongs to another query; send it with the query that returned it".into(),
        ));
    }
    Ok(Some(c))
}

fn check_query(q: &str) -> Result<(), ApiError> {
    if q.len() > MAX_QUERY_BYTES {
        return Err(ApiError::InvalidArgument(format!(
            "query is {} bytes; at most {MAX_QUERY_BYTES} are accepted",
            q.len()
        )));
    }
    // `%`, `*` or `🙂` alone would match every article
    if !q.trim().is_empty() && !q.chars().any(char::is_alphanumeric) {
        return Err(ApiError::InvalidArgument(format!(
            "query {q:?} has no letters or digits to search for"
        )));
    }
    Ok(())
}

/// Refuses strings no stored text can hold (U+0000 and other control characters: ids,
/// names, sources and languages are single-line text).
fn check_text(fields: &[(&str, &str)]) -> Result<(), ApiError> {
    for (name, v) in fields {
        if v.chars().any(char::is_control) {
            return Err(ApiError::InvalidArgument(format!(
                "{name} must not contain control characters"
            )));
        }
    }
    Ok(())
}

/// Refuses a language filter that no article can carry: articles are tagged with ISO
/// 639-1 codes (`en`; three letters where a language has no two-letter code, `und`
/// when unknown), so `english` would match nothing, silently.
fn check_language(language: &str) -> Result<(), ApiError> {
    let l = language.trim();
    if l.is_empty() || (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Ok(());
    }
    Err(ApiError::InvalidArgument(format!(
        "language must be an ISO 639-1 code such as \"en\" (or \"und\"), not {:?}",
        l.chars().take(40).collect::<String>()
    )))
}

/// A time window of a request (the fields `names`): both ends, each optional; an
/// error when one is not a valid timestamp or the window ends before it starts.
type Window = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

fn window(
    after: Option<&pbjson_types::Timestamp>,
    before: Option<&pbjson_types::Timestamp>,
    names: (&str, &str),
) -> Result<Window, ApiError> {
    let (after, before) = (time(after, names.0)?, time(before, names.1)?);
    match (after, before) {
        (Some(a), Some(b)) if a > b => Err(ApiError::InvalidArgument(format!(
            "{} ({a}) is later than {} ({b})",
            names.0, names.1
        ))),
        _ => Ok((after, before)),
    }
}

const PUBLISHED: (&str, &str) = ("published_after", "published_before");

/// Times and counts a request, and maps its error.
async fn observed<T>(
    method: &'static str,
    f: impl std::future::Future<Output = Result<T, ApiError>>,
) -> Result<Response<T>, Status> {
    let start = Instant::now();
    let r = f.await.map(Response::new).map_err(status);
    let code = match &r {
        Ok(_) => tonic::Code::Ok,
        Err(s) => s.code(),
    };
    metrics::grpc_request(method, code, start.elapsed().as_secs_f64());
    r
}

type ArticleStream = Pin<Box<dyn Stream<Item = Result<v1::Article, Status>> + Send>>;

#[tonic::async_trait]
impl ArticleService for Api {
    async fn get_article(
        &self,
        req: Request<v1::GetArticleRequest>,
    ) -> Result<Response<v1::Article>, Status> {
        observed("GetArticle", async {
            let id = req.into_inner().id;
            if id.trim().is_empty() {
                return Err(ApiError::InvalidArgument("id is required".into()));
            }
            check_text(&[("id", &id)])?;
            self.store.get(&id).await?.ok_or_else(|| {
                let shown: String = id.chars().take(100).collect();
                ApiError::NotFound(format!("no article with id {shown:?}"))
            })
        })
        .await
    }

    async fn search_articles(
        &self,
        req: Request<v1::SearchArticlesRequest>,
    ) -> Result<Response<v1::SearchArticlesResponse>, Status> {
        observed("SearchArticles", async {
            let r = req.into_inner();
            let print = query_print(
                "SearchArticles",
                &v1::SearchArticlesRequest {
                    page_token: String::new(),
                    page_size: 0,
                    ..r.clone()
                },
            );
            check_query(&r.query)?;
            check_text(&[
                ("source", &r.source),
                ("language", &r.language),
                ("entity", &r.entity),
                ("speaker", &r.speaker),
            ])?;
            check_language(&r.language)?;
            let entity_type = match r.entity_type {
                0 => None,
                t if v1::EntityType::try_from(t).is_ok() => Some(t),
                t => {
                    return Err(ApiError::InvalidArgument(format!(
                        "entity_type {t} is not an EntityType"
                    )))
                }
            };
            let (published_after, published_before) = window(
                r.published_after.as_ref(),
                r.published_before.as_ref(),
                PUBLISHED,
            )?;
            let (mentioned_after, mentioned_before) = window(
                r.mentioned_after.as_ref(),
                r.mentioned_before.as_ref(),
                ("mentioned_after", "mentioned_before"),
            )?;
            let q = SearchQuery {
                text: opt(&r.query),
                source: opt(&r.source),
                language: opt(&r.language),
                published_after,
                published_before,
                entity: opt(&r.entity),
                entity_type,
                speaker: opt(&r.speaker),
                mentioned_after,
                mentioned_before,
                page_size: page_size(r.page_size, "page_size")?,
                cursor: cursor(&r.page_token, &print)?,
            };
            let page = self.store.search(&q).await?;
            Ok(v1::SearchArticlesResponse {
                articles: page.items,
                next_page_token: page_token(&print, page.next),
            })
        })
        .await
    }

    async fn list_quotations(
        &self,
        req: Request<v1::ListQuotationsRequest>,
    ) -> Result<Response<v1::ListQuotationsResponse>, Status> {
        observed("ListQuotations", async {
            let r = req.into_inner();
            let print = query_print(
                "ListQuotations",
                &v1::ListQuotationsRequest {
                    page_token: String::new(),
                    page_size: 0,
                    ..r.clone()
                },
            );
            check_query(&r.query)?;
            check_text(&[("speaker", &r.speaker)])?;
            let (published_after, published_before) = window(
                r.published_after.as_ref(),
                r.published_before.as_ref(),
                PUBLISHED,
            )?;
            let q = QuotationQuery {
                speaker: opt(&r.speaker),
                text: opt(&r.query),
                published_after,
                published_before,
                page_size: page_size(r.page_size, "page_size")?,
                cursor: cursor(&r.page_token, &print)?,
            };
            let page = self.store.list_quotations(&q).await?;
            Ok(v1::ListQuotationsResponse {
                quotations: page.items,
                next_page_token: page_token(&print, page.next),
            })
        })
        .await
    }

    async fn top_entities(
        &self,
        req: Request<v1::TopEntitiesRequest>,
    ) -> Result<Response<v1::TopEntitiesResponse>, Status> {
        observed("TopEntities", async {
            let r = req.into_inner();
            let entity_type = match r.r#type {
                0 => None,
                t if v1::EntityType::try_from(t).is_ok() => Some(t),
                t => {
                    return Err(ApiError::InvalidArgument(format!(
                        "type {t} is not an EntityType"
                    )))
                }
            };
            let (after, before) = window(
                r.published_after.as_ref(),
                r.published_before.as_ref(),
                PUBLISHED,
            )?;
            let q = TopEntitiesQuery {
                after,
                before,
                entity_type,
                limit: page_size(r.limit, "limit")?,
            };
            Ok(v1::TopEntitiesResponse {
                entities: self.store.top_entities(&q).await?,
            })
        })
        .await
    }

    type WatchArticlesStream = ArticleStream;

    async fn watch_articles(
        &self,
        req: Request<v1::WatchArticlesRequest>,
    ) -> Result<Response<Self::WatchArticlesStream>, Status> {
        observed("WatchArticles", async {
            let f = req.into_inner();
            check_text(&[
                ("source", &f.source),
                ("language", &f.language),
                ("entity", &f.entity),
            ])?;
            check_language(&f.language)?;
            let source = opt(&f.source).map(|s| s.to_lowercase());
            let language = opt(&f.language).map(|s| s.to_lowercase());
            let entity = opt(&f.entity).map(|s| s.to_lowercase());
            let end = self.streams_end.clone().cancelled_owned();
            let stream = BroadcastStream::new(self.store.subscribe()).filter_map(move |item| {
                match item {
                    Ok(a) => matches_watch(
                        &a,
                        source.as_deref(),
                        language.as_deref(),
                        entity.as_deref(),
                    )
                    .then(|| Ok((*a).clone())),
                    // A slow client missed some; say so instead of silently skipping.
                    Err(BroadcastStreamRecvError::Lagged(n)) => {
                        Some(Err(Status::resource_exhausted(format!(
                            "the client fell behind; {n} articles were skipped"
                        ))))
                    }
                }
            });
            // The change feed never ends by itself; on shutdown the client is told to
            // reconnect (to another replica, or to this one once it is back).
            let stream =
                futures::StreamExt::take_until(stream, end).chain(futures::stream::once(async {
                    Err(Status::unavailable(
                        "the server is shutting down; reconnect",
                    ))
                }));
            Ok(Box::pin(stream) as ArticleStream)
        })
        .await
    }

    async fn extract_article(
        &self,
        req: Request<v1::ExtractArticleRequest>,
    ) -> Result<Response<v1::Article>, Status> {
        observed("ExtractArticle", async {
            let raw = req
                .into_inner()
                .raw
                .ok_or_else(|| ApiError::InvalidArgument("raw is required".into()))?;
            let size = raw.html.len() + raw.text.len();
            if size > self.max_extract_bytes {
                return Err(InputError::TooLarge {
                    size,
                    limit: self.max_extract_bytes,
                }
                .into());
            }
            let input =
                proto::raw_input(raw).map_err(|m| InputError::EmptyDocument(m.to_string()))?;
            if let Some(id) = &input.id {
                super::envelope::check_id(id)?;
            }
            let pipeline = self.pipeline.clone();
            let job = tokio::task::spawn_blocking(move || pipeline.extract(input));
            let doc = tokio::time::timeout(EXTRACT_TIMEOUT, job)
                .await
                .map_err(|_| {
                    ApiError::DeadlineExceeded(format!(
                        "extraction took longer than {} s",
                        EXTRACT_TIMEOUT.as_secs()
                    ))
                })?
                .map_err(|e| ApiError::Internal(format!("extraction failed: {e}")))??;
            let id = pipeline::article_id(&doc);
            Ok(proto::article(&doc, id, Utc::now()))
        })
        .await
    }
}

fn matches_watch(
    a: &v1::Article,
    source: Option<&str>,
    language: Option<&str>,
    entity: Option<&str>,
) -> bool {
    let src = a.source.as_ref();
    source.is_none_or(|s| {
        src.is_some_and(|x| x.domain.eq_ignore_ascii_case(s) || x.name.eq_ignore_ascii_case(s))
    }) && language.is_none_or(|l| a.language.eq_ignore_ascii_case(l))
        && entity.is_none_or(|e| {
            a.entities.iter().any(|x| {
                x.canonical_name.eq_ignore_ascii_case(e)
                    || x.aliases.iter().any(|al| al.eq_ignore_ascii_case(e))
            })
        })
}

/// Serves the API, health and reflection on `listener` until `shutdown`. The health
/// service reports `SERVING` while [`Health::ready`] holds. On shutdown, open
/// `WatchArticles` streams end with `UNAVAILABLE` and other calls get
/// [`SHUTDOWN_DRAIN`] to finish; whatever is still open then is dropped.
///
/// # Errors
/// A transport error.
pub async fn serve(
    listener: tokio::net::TcpListener,
    mut api: Api,
    health: Arc<Health>,
    shutdown: CancellationToken,
) -> Result<(), tonic::transport::Error> {
    let (mut reporter, health_service) = tonic_health::server::health_reporter();
    let reflection = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()
        .expect("the embedded descriptor set is valid");
    api.streams_end = shutdown.clone();
    // Requests up to 16 MiB decode, so that a page over the configured limit gets the
    // `too_large` error of `ExtractArticle` rather than a transport error.
    let decode_limit = MAX_EXTRACT_BYTES + 64 * 1024;
    let watch_shutdown = shutdown.clone();
    tokio::spawn(async move {
        let mut last = None;
        loop {
            let ready = health.ready();
            if last != Some(ready) {
                let st = if ready {
                    tonic_health::ServingStatus::Serving
                } else {
                    tonic_health::ServingStatus::NotServing
                };
                reporter.set_service_status("", st).await;
                reporter
                    .set_service_status("newsextract.v1.ArticleService", st)
                    .await;
                last = Some(ready);
            }
            tokio::select! {
                () = watch_shutdown.cancelled() => return,
                () = tokio::time::sleep(Duration::from_millis(100)) => {}
            }
        }
    });
    let server = tonic::transport::Server::builder()
        .add_service(health_service)
        .add_service(reflection)
        .add_service(ArticleServiceServer::new(api).max_decoding_message_size(decode_limit))
        .serve_with_incoming_shutdown(
            // Small responses must not wait for Nagle's algorithm (40 ms stalls).
            tokio_stream::wrappers::TcpListenerStream::new(listener).map(|conn| {
                if let Ok(c) = &conn {
                    let _ = c.set_nodelay(true);
                }
                conn
            }),
            shutdown.clone().cancelled_owned(),
        );
    tokio::pin!(server);
    tokio::select! {
        r = &mut server => r,
        () = async {
            shutdown.cancelled().await;
            tokio::time::sleep(SHUTDOWN_DRAIN).await;
        } => {
            tracing::warn!(
                drain_seconds = SHUTDOWN_DRAIN.as_secs(),
                "gRPC calls still open after the drain period; closing them"
            );
            Ok(())
        }
    }
}

/// How long calls in progress may run once the gRPC server is told to stop.
pub const SHUTDOWN_DRAIN: Duration = Duration::from_secs(5);

/// Binds `addr`.
///
/// # Errors
/// When the address cannot be bound.
pub async fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_filters_are_codes() {
        for ok in ["", "en", "EN", " de ", "und", "fil"] {
            assert!(check_language(ok).is_ok(), "{ok}");
        }
        for bad in ["english", "e", "en-US", "e\u{1}n", "12"] {
            assert!(
                matches!(check_language(bad), Err(ApiError::InvalidArgument(m)) if m.contains("ISO 639-1")),
                "{bad}"
            );
        }
    }

    #[test]
    fn page_tokens_round_trip_and_edited_ones_are_refused() {
        let c = Cursor {
            sort_key: 1_556_186_400_000_000,
            idx: 3,
            id: "seed-json".into(),
        };
        let token = page_token("0123456789ab", Some(c.clone()));
        assert_eq!(cursor(&token, "0123456789ab").unwrap(), Some(c));
        assert_eq!(cursor("", "0123456789ab").unwrap(), None);
        assert!(matches!(
            cursor(&token, "ba9876543210"),
            Err(ApiError::InvalidArgument(m)) if m.contains("another query")
        ));
        let (body, check) = token.rsplit_once('.').unwrap();
        for edited in [
            format!("{token}x"),
            format!("{body}x.{check}"),
            token[..token.len() - 1].to_string(),
            body.to_string(),
            format!("{}.{check}", &body[..body.len() - 2]),
        ] {
            assert!(
                matches!(
                    cursor(&edited, "0123456789ab"),
                    Err(ApiError::InvalidArgument(m)) if m.contains("not a token this service issued")
                ),
                "{edited}"
            );
        }
    }
}
