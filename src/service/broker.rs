//! The worker loop: consume raw articles from RabbitMQ, extract, store, publish, ack.
//!
//! Delivery is at-least-once and nothing is lost: an input message is acknowledged
//! only after its article is committed to the store *and* the broker has confirmed the
//! output publish (publisher confirms), or after the original message has been
//! confirmed on the dead-letter exchange with the reason in its headers. Transient
//! failures (store or broker unavailable) are retried with backoff while the message
//! is held; if the connection is lost meanwhile, the broker requeues the unacked
//! message. A message whose extraction panics or times out is returned to the queue
//! (`nack` with requeue): the quorum queue's delivery limit bounds such poison messages
//! and then dead-letters them.
//!
//! Concurrency: prefetch bounds messages in flight; a semaphore of `workers` permits
//! bounds CPU-heavy extraction, which runs on the blocking pool, off the async runtime.
//! The topology is declared idempotently on every (re)connect; a lost connection is
//! re-established with exponential backoff. On shutdown the consumer is cancelled
//! first, in-flight messages get the grace period to finish, and whatever is still
//! unacked goes back to the queue when the channel closes.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use futures::StreamExt;
use lapin::message::Delivery;
use lapin::options::{
    BasicAckOptions, BasicCancelOptions, BasicConsumeOptions, BasicNackOptions,
    BasicPublishOptions, BasicQosOptions, ConfirmSelectOptions, ExchangeDeclareOptions,
    QueueBindOptions, QueueDeclareOptions,
};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties, ExchangeKind};
use prost::Message;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::envelope::{self, MessageMeta};
use super::health::Health;
use super::metrics::{self, METRICS};
use super::store::Store;
use crate::pipeline::{self, Pipeline};
use crate::proto;

/// Broker names and limits.
#[derive(Debug, Clone)]
pub struct BrokerConfig {
    pub amqp_url: String,
    /// Topic exchange scrapers publish to (`articles.raw`).
    pub input_exchange: String,
    /// Topic exchange results are published to (`articles.extracted`).
    pub output_exchange: String,
    /// Exchange for messages that cannot be processed (`articles.dead`).
    pub dead_letter_exchange: String,
    /// Quorum queue consumed by the workers (`newsextract.raw`).
    pub queue: String,
    /// Queue bound to the dead-letter exchange (`newsextract.dead`).
    pub dead_letter_queue: String,
    /// Messages in flight per worker process.
    pub prefetch: u16,
    /// Deliveries before the quorum queue dead-letters a message.
    pub delivery_limit: u32,
    /// Largest accepted message body, compressed or not, in bytes.
    pub max_message_bytes: usize,
    /// Largest encoded `Article` published; a larger result is dead-lettered
    /// (`output_too_large`) instead of being refused by the broker, which would close
    /// the publishing channel.
    pub max_output_bytes: usize,
    /// Concurrent extractions (CPU-bound).
    pub workers: usize,
    /// Longest one extraction may take before the message is returned to the queue.
    pub extract_timeout: Duration,
    /// How long shutdown waits for in-flight messages.
    pub shutdown_grace: Duration,
}

/// A broker-level failure; the session is torn down and re-established.
#[derive(Debug, thiserror::Error)]
pub enum BrokerError {
    #[error("amqp: {0}")]
    Amqp(#[from] lapin::Error),
    #[error("the consumer was closed by the broker")]
    ConsumerClosed,
    #[error("the publishing channel was closed: {0}")]
    PublisherClosed(String),
}

/// Everything a message handler needs, shared by all in-flight messages.
struct Ctx {
    cfg: BrokerConfig,
    pipeline: Arc<Pipeline>,
    store: Arc<dyn Store>,
    health: Arc<Health>,
    /// Extraction slots (`workers`). A permit is held by the extraction itself, so an
    /// extraction that outlives its timeout still counts until it really ends.
    cpu: Arc<Semaphore>,
    publisher: Channel,
    /// Set by a handler whose publish failed on the channel itself (not a nack): the
    /// channel is gone, so the session ends and the worker reconnects; the messages
    /// held return to the queue.
    publisher_lost: std::sync::Mutex<Option<String>>,
    publisher_lost_signal: CancellationToken,
}

impl Ctx {
    fn lose_publisher(&self, error: &dyn std::fmt::Display) {
        if let Ok(mut lost) = self.publisher_lost.lock() {
            lost.get_or_insert_with(|| error.to_string());
        }
        self.publisher_lost_signal.cancel();
    }
}

/// The consuming side of the service.
pub struct Worker {
    pub cfg: BrokerConfig,
    pub pipeline: Arc<Pipeline>,
    pub store: Arc<dyn Store>,
    pub health: Arc<Health>,
}

/// Opens an AMQP connection driven by the tokio runtime.
///
/// # Errors
/// The connection error.
pub async fn connect(url: &str) -> Result<Connection, lapin::Error> {
    let props = ConnectionProperties::default()
        .with_executor(tokio_executor_trait::Tokio::current())
        .with_reactor(tokio_reactor_trait::Tokio)
        .with_connection_name(format!("newsextract-{}", std::process::id()).into());
    Connection::connect(url, props).await
}

/// Closes `conn` and gives lapin's I/O thread a moment to stop: it polls the Tokio
/// reactor, and a runtime shut down under it logs "A Tokio 1.x context was found, but
/// it is being shutdown" after a clean close.
pub async fn close(conn: Connection, reason: &str) {
    let _ = conn.close(200, reason).await;
    drop(conn);
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// Declares exchanges, queues and bindings; idempotent (same arguments every time).
///
/// # Errors
/// A declaration the broker refuses (for example an existing queue with other
/// arguments).
pub async fn declare_topology(ch: &Channel, cfg: &BrokerConfig) -> Result<(), lapin::Error> {
    let durable = ExchangeDeclareOptions {
        durable: true,
        ..Default::default()
    };
    for ex in [
        &cfg.input_exchange,
        &cfg.output_exchange,
        &cfg.dead_letter_exchange,
    ] {
        ch.exchange_declare(ex, ExchangeKind::Topic, durable, FieldTable::default())
            .await?;
    }
    let mut args = FieldTable::default();
    args.insert(
        "x-queue-type".into(),
        AMQPValue::LongString("quorum".into()),
    );
    args.insert(
        "x-delivery-limit".into(),
        AMQPValue::LongInt(i32::try_from(cfg.delivery_limit).unwrap_or(i32::MAX)),
    );
    args.insert(
        "x-dead-letter-exchange".into(),
        AMQPValue::LongString(cfg.dead_letter_exchange.as_str().into()),
    );
    let q = QueueDeclareOptions {
        durable: true,
        ..Default::default()
    };
    ch.queue_declare(&cfg.queue, q, args).await?;
    ch.queue_bind(
        &cfg.queue,
        &cfg.input_exchange,
        "#",
        QueueBindOptions::default(),
        FieldTable::default(),
    )
    .await?;
    let mut dl_args = FieldTable::default();
    dl_args.insert(
        "x-queue-type".into(),
        AMQPValue::LongString("quorum".into()),
    );
    ch.queue_declare(&cfg.dead_letter_queue, q, dl_args).await?;
    ch.queue_bind(
        &cfg.dead_letter_queue,
        &cfg.dead_letter_exchange,
        "#",
        QueueBindOptions::default(),
        FieldTable::default(),
    )
    .await?;
    Ok(())
}

impl Worker {
    /// Consumes until `shutdown` is cancelled, reconnecting with backoff whenever the
    /// broker goes away.
    pub async fn run(self, shutdown: CancellationToken) {
        let mut reconnect = false;
        let mut backoff = Duration::from_millis(250);
        while !shutdown.is_cancelled() {
            let started = Instant::now();
            match self.session(&shutdown, reconnect).await {
                Ok(()) => break,
                Err(e) => {
                    self.health.set_broker(false);
                    metrics::broker_disconnected(&e);
                }
            }
            if started.elapsed() > Duration::from_secs(30) {
                backoff = Duration::from_millis(250);
            }
            reconnect = true;
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(backoff) => {}
            }
            backoff = (backoff * 2).min(Duration::from_secs(30));
        }
        self.health.set_broker(false);
        METRICS.broker_connected.set(0);
        tracing::info!("worker stopped");
    }

    /// One connection's life: declare, consume, and on shutdown drain.
    async fn session(
        &self,
        shutdown: &CancellationToken,
        reconnect: bool,
    ) -> Result<(), BrokerError> {
        let conn = connect(&self.cfg.amqp_url).await?;
        let consume_ch = conn.create_channel().await?;
        let publish_ch = conn.create_channel().await?;
        publish_ch
            .confirm_select(ConfirmSelectOptions::default())
            .await?;
        declare_topology(&consume_ch, &self.cfg).await?;
        consume_ch
            .basic_qos(self.cfg.prefetch, BasicQosOptions::default())
            .await?;
        let tag = format!("newsextract-{}-{}", std::process::id(), uuid_like());
        let mut consumer = consume_ch
            .basic_consume(
                &self.cfg.queue,
                &tag,
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await?;
        self.health.set_broker(true);
        metrics::broker_connected(reconnect);

        let ctx = Arc::new(Ctx {
            cfg: self.cfg.clone(),
            pipeline: self.pipeline.clone(),
            store: self.store.clone(),
            health: self.health.clone(),
            cpu: Arc::new(Semaphore::new(self.cfg.workers.max(1))),
            publisher: publish_ch,
            publisher_lost: std::sync::Mutex::new(None),
            publisher_lost_signal: CancellationToken::new(),
        });
        // Cancelled when this session ends (after the drain on shutdown, or when the
        // connection is lost), so handlers stop retrying on a dead channel. Not a child
        // of `shutdown`: in-flight messages get the grace period to finish.
        let session_cancel = CancellationToken::new();
        let mut tasks = JoinSet::new();
        let result = loop {
            tokio::select! {
                () = shutdown.cancelled() => break Ok(()),
                () = ctx.publisher_lost_signal.cancelled() => {
                    let why = ctx
                        .publisher_lost
                        .lock()
                        .ok()
                        .and_then(|l| l.clone())
                        .unwrap_or_default();
                    break Err(BrokerError::PublisherClosed(why));
                }
                next = consumer.next() => match next {
                    Some(Ok(delivery)) => {
                        let ctx = ctx.clone();
                        let cancel = session_cancel.clone();
                        tasks.spawn(async move { handle(ctx, delivery, cancel).await });
                    }
                    Some(Err(e)) => break Err(BrokerError::Amqp(e)),
                    None => break Err(BrokerError::ConsumerClosed),
                },
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            }
        };
        if result.is_ok() {
            tracing::info!(
                in_flight = tasks.len(),
                "shutting down: consumer cancelled, draining in-flight messages"
            );
            let _ = consume_ch
                .basic_cancel(&tag, BasicCancelOptions::default())
                .await;
            let drained = tokio::time::timeout(self.cfg.shutdown_grace, async {
                while tasks.join_next().await.is_some() {}
            })
            .await;
            if drained.is_err() {
                tracing::warn!(
                    left = tasks.len(),
                    "grace period over; unacked messages return to the queue"
                );
            }
        }
        session_cancel.cancel();
        tasks.abort_all();
        while tasks.join_next().await.is_some() {}
        METRICS.messages_in_flight.set(0);
        let _ = consume_ch.close(200, "bye").await;
        close(conn, "bye").await;
        result
    }
}

/// A short random-enough suffix for consumer tags (time-based; uniqueness per process
/// is all that matters).
fn uuid_like() -> String {
    format!("{:x}", Utc::now().timestamp_nanos_opt().unwrap_or(0))
}

/// What became of one message.
enum Outcome {
    /// Stored and published: ack.
    Done,
    /// Permanent failure: dead-letter with this code and detail, then ack.
    Dead(&'static str, String),
    /// Extraction crashed or timed out: return to the queue (delivery limit applies).
    Requeue(&'static str),
    /// The session ended while the message was held: leave it unacked.
    Abandoned,
}

async fn handle(ctx: Arc<Ctx>, delivery: Delivery, cancel: CancellationToken) {
    metrics::message_received(delivery.data.len());
    METRICS.messages_in_flight.inc();
    let meta = message_meta(&delivery.properties);
    let outcome = process(&ctx, &meta, &delivery.data, &cancel).await;
    let result = match outcome {
        Outcome::Done => delivery
            .acker
            .ack(BasicAckOptions::default())
            .await
            .map(|()| true),
        Outcome::Dead(code, detail) => {
            match dead_letter(&ctx, &delivery, code, &detail, &cancel).await {
                true => {
                    metrics::message_dead_lettered(code, &detail, meta.message_id.as_deref());
                    delivery
                        .acker
                        .ack(BasicAckOptions::default())
                        .await
                        .map(|()| true)
                }
                false => Ok(false),
            }
        }
        Outcome::Requeue(why) => {
            tracing::error!(
                reason = why,
                message_id = meta.message_id.as_deref(),
                "extraction failed; message returned to the queue"
            );
            METRICS
                .articles_processed
                .with_label_values(&["failed"])
                .inc();
            delivery
                .acker
                .nack(BasicNackOptions {
                    requeue: true,
                    ..Default::default()
                })
                .await
                .map(|()| false)
        }
        Outcome::Abandoned => Ok(false),
    };
    match result {
        Ok(true) => METRICS.messages_acked.inc(),
        Ok(false) => {}
        Err(e) => tracing::warn!(error = %e, "cannot ack; the broker will redeliver"),
    }
    METRICS.messages_in_flight.dec();
}

async fn process(
    ctx: &Ctx,
    meta: &MessageMeta,
    body: &[u8],
    cancel: &CancellationToken,
) -> Outcome {
    let input = match envelope::decode_message(meta, body, ctx.cfg.max_message_bytes) {
        Ok(i) => i,
        Err(e) => return Outcome::Dead(e.code(), e.to_string()),
    };
    let Ok(permit) = ctx.cpu.clone().acquire_owned().await else {
        return Outcome::Abandoned;
    };
    let pipeline = ctx.pipeline.clone();
    // The permit moves into the job: a timed-out extraction cannot be stopped, so it
    // keeps its slot until it ends, and redeliveries of a slow message never run more
    // extractions at once than `workers`.
    let job = tokio::task::spawn_blocking(move || {
        let _slot = permit;
        pipeline.extract(input)
    });
    let doc = match tokio::time::timeout(ctx.cfg.extract_timeout, job).await {
        Ok(Ok(Ok(doc))) => doc,
        Ok(Ok(Err(e))) => return Outcome::Dead(e.code(), e.to_string()),
        Ok(Err(_panic)) => return Outcome::Requeue("extraction_panicked"),
        Err(_elapsed) => return Outcome::Requeue("extraction_timed_out"),
    };
    let id = pipeline::article_id(&doc);
    let article = proto::article(&doc, id, Utc::now());
    metrics::article_extracted(
        &doc.timings,
        article.entities.len(),
        article.quotations.len(),
    );
    // The broker refuses a message over its `max_message_size` by closing the channel:
    // check first, and dead-letter what could never be published.
    let payload = article.encode_to_vec();
    if payload.len() > ctx.cfg.max_output_bytes {
        return Outcome::Dead(
            "output_too_large",
            format!(
                "the extracted article is {} bytes, over the {}-byte output limit (NEWSEXTRACT_MAX_OUTPUT_BYTES)",
                payload.len(),
                ctx.cfg.max_output_bytes
            ),
        );
    }

    // Store, retrying while the store is unavailable.
    let mut attempt = 0;
    loop {
        match ctx.store.upsert(&article).await {
            Ok(_) => break,
            Err(e) if !e.is_retryable() => {
                tracing::error!(error = %e, id = %article.id, "store rejected the article");
                return Outcome::Requeue("store_error");
            }
            Err(e) => {
                attempt += 1;
                if attempt == 1 || attempt % 10 == 0 {
                    ctx.health.set_store(false);
                }
                metrics::retry("store", &e, attempt);
                if !sleep_or_cancel(backoff(attempt), cancel).await {
                    return Outcome::Abandoned;
                }
            }
        }
    }
    // Publish with confirm, retrying a nack; a dead channel ends the session.
    let routing_key = format!(
        "article.{}",
        if article.language.is_empty() {
            "und"
        } else {
            article.language.as_str()
        }
    );
    let props = BasicProperties::default()
        .with_content_type("application/x-protobuf".into())
        .with_type("newsextract.v1.Article".into())
        .with_message_id(article.id.as_str().into())
        .with_delivery_mode(2)
        .with_timestamp(u64::try_from(Utc::now().timestamp()).unwrap_or(0));
    let props = match meta.message_id.as_deref() {
        Some(m) => props.with_correlation_id(m.into()),
        None => props,
    };
    let mut attempt = 0;
    loop {
        if cancel.is_cancelled() {
            return Outcome::Abandoned;
        }
        let start = Instant::now();
        let confirmed = async {
            ctx.publisher
                .basic_publish(
                    &ctx.cfg.output_exchange,
                    &routing_key,
                    BasicPublishOptions::default(),
                    &payload,
                    props.clone(),
                )
                .await?
                .await
        }
        .await;
        match confirmed {
            Ok(c) if c.is_ack() => {
                METRICS
                    .publish_confirm_duration
                    .observe(start.elapsed().as_secs_f64());
                break;
            }
            Ok(_) => {
                attempt += 1;
                metrics::retry("publish", &"broker nacked the publish", attempt);
                if !sleep_or_cancel(backoff(attempt), cancel).await {
                    return Outcome::Abandoned;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "publish failed; reconnecting, the message returns to the queue");
                ctx.lose_publisher(&e);
                return Outcome::Abandoned;
            }
        }
    }
    METRICS
        .articles_processed
        .with_label_values(&["stored"])
        .inc();
    Outcome::Done
}

/// Publishes the original message, unchanged, to the dead-letter exchange with the
/// reason in `x-newsextract-error` / `x-newsextract-detail`. True once confirmed.
async fn dead_letter(
    ctx: &Ctx,
    delivery: &Delivery,
    code: &str,
    detail: &str,
    cancel: &CancellationToken,
) -> bool {
    let mut headers = delivery.properties.headers().clone().unwrap_or_default();
    headers.insert(
        "x-newsextract-error".into(),
        AMQPValue::LongString(code.into()),
    );
    let detail: String = detail.chars().take(1000).collect();
    headers.insert(
        "x-newsextract-detail".into(),
        AMQPValue::LongString(detail.as_str().into()),
    );
    headers.insert(
        "x-original-exchange".into(),
        AMQPValue::LongString(delivery.exchange.as_str().into()),
    );
    headers.insert(
        "x-original-routing-key".into(),
        AMQPValue::LongString(delivery.routing_key.as_str().into()),
    );
    let props = delivery
        .properties
        .clone()
        .with_headers(headers)
        .with_delivery_mode(2);
    let mut attempt = 0;
    loop {
        let r = async {
            ctx.publisher
                .basic_publish(
                    &ctx.cfg.dead_letter_exchange,
                    delivery.routing_key.as_str(),
                    BasicPublishOptions::default(),
                    &delivery.data,
                    props.clone(),
                )
                .await?
                .await
        }
        .await;
        match r {
            Ok(c) if c.is_ack() => return true,
            Ok(_) => {
                attempt += 1;
                metrics::retry("publish", &"broker nacked the dead-letter publish", attempt);
                if !sleep_or_cancel(backoff(attempt), cancel).await {
                    return false;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "dead-letter publish failed; reconnecting, the message returns to the queue");
                ctx.lose_publisher(&e);
                return false;
            }
        }
    }
}

/// 100 ms doubling to 10 s.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(100u64.saturating_mul(1 << attempt.min(7)).min(10_000))
}

async fn sleep_or_cancel(d: Duration, cancel: &CancellationToken) -> bool {
    tokio::select! {
        () = cancel.cancelled() => false,
        () = tokio::time::sleep(d) => true,
    }
}

fn amqp_string(v: &AMQPValue) -> Option<String> {
    match v {
        AMQPValue::LongString(s) => Some(String::from_utf8_lossy(s.as_bytes()).into_owned()),
        AMQPValue::ShortString(s) => Some(s.as_str().to_string()),
        AMQPValue::Timestamp(t) => Some(t.to_string()),
        _ => None,
    }
}

/// The AMQP properties the envelope decoder needs.
fn message_meta(p: &BasicProperties) -> MessageMeta {
    let s = |v: &Option<ShortString>| v.as_ref().map(|x| x.as_str().to_string());
    let headers: BTreeMap<String, String> = p
        .headers()
        .as_ref()
        .map(|h| {
            h.inner()
                .iter()
                .filter_map(|(k, v)| Some((k.as_str().to_ascii_lowercase(), amqp_string(v)?)))
                .collect()
        })
        .unwrap_or_default();
    MessageMeta {
        content_type: s(p.content_type()),
        content_encoding: s(p.content_encoding()),
        message_id: s(p.message_id()),
        timestamp: *p.timestamp(),
        headers,
    }
}

/// Publishes one message to `exchange` with a publisher confirm; used by the
/// `publish` command and tests.
///
/// # Errors
/// The AMQP error, or a message when the broker nacks.
pub async fn publish_confirmed(
    ch: &Channel,
    exchange: &str,
    routing_key: &str,
    body: &[u8],
    props: BasicProperties,
) -> Result<(), lapin::Error> {
    let c = ch
        .basic_publish(
            exchange,
            routing_key,
            BasicPublishOptions::default(),
            body,
            props,
        )
        .await?
        .await?;
    if c.is_ack() {
        Ok(())
    } else {
        Err(lapin::Error::InvalidChannelState(
            lapin::ChannelState::Error,
        ))
    }
}

/// Header value of an AMQP table as text, if it is a string.
pub fn header_str(headers: &FieldTable, name: &str) -> Option<String> {
    headers.inner().get(name).and_then(amqp_string)
}

/// Builds an AMQP header table from string pairs.
pub fn headers_from<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> FieldTable {
    let mut t = FieldTable::default();
    for (k, v) in pairs {
        t.insert(
            ShortString::from(k),
            AMQPValue::LongString(LongString::from(v)),
        );
    }
    t
}
