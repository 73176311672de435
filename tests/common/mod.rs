//! Shared helpers for the integration tests: they talk to the real RabbitMQ on
//! 127.0.0.1:5672 (guest/guest) and fail loudly when it is not there. Each test uses
//! its own exchange and queue names, so tests run in parallel without interfering.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use lapin::options::{
    BasicAckOptions, BasicGetOptions, ExchangeDeclareOptions, QueueBindOptions,
    QueueDeclareOptions, QueueDeleteOptions,
};
use lapin::types::{AMQPValue, FieldTable};
use lapin::{BasicProperties, Channel, Connection, ExchangeKind};
use newsextract::config::ServiceConfig;
use newsextract::service::broker::{self, BrokerConfig};

pub const AMQP_URL: &str = "amqp://guest:guest@127.0.0.1:5672/%2f";

/// Unique names for one test.
#[derive(Debug, Clone)]
pub struct Names {
    pub prefix: String,
    pub raw: String,
    pub extracted: String,
    pub dead: String,
    pub queue: String,
    pub dead_queue: String,
    /// Queue the test reads outputs from (bound to `extracted` with `#`).
    pub out_queue: String,
}

impl Names {
    pub fn new(test: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let prefix = format!("t-{test}-{}-{nanos:x}", std::process::id());
        Names {
            raw: format!("{prefix}.articles.raw"),
            extracted: format!("{prefix}.articles.extracted"),
            dead: format!("{prefix}.articles.dead"),
            queue: format!("{prefix}.raw"),
            dead_queue: format!("{prefix}.dead"),
            out_queue: format!("{prefix}.out"),
            prefix,
        }
    }

    pub fn broker_config(&self) -> BrokerConfig {
        BrokerConfig {
            amqp_url: AMQP_URL.into(),
            input_exchange: self.raw.clone(),
            output_exchange: self.extracted.clone(),
            dead_letter_exchange: self.dead.clone(),
            queue: self.queue.clone(),
            dead_letter_queue: self.dead_queue.clone(),
            prefetch: 64,
            delivery_limit: 5,
            max_message_bytes: 2 * 1024 * 1024,
            workers: 2,
            extract_timeout: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(10),
        }
    }

    pub fn service_config(&self, store: &std::path::Path) -> ServiceConfig {
        ServiceConfig {
            broker: self.broker_config(),
            store: store.to_string_lossy().into_owned(),
            grpc_addr: "127.0.0.1:0".parse().unwrap(),
            metrics_addr: "127.0.0.1:0".parse().unwrap(),
        }
    }
}

/// Connects to the test broker; panics with a clear message when it is not running.
pub async fn connect() -> Connection {
    match broker::connect(AMQP_URL).await {
        Ok(c) => c,
        Err(e) => panic!("RabbitMQ is required at 127.0.0.1:5672 (guest/guest) for this test: {e}"),
    }
}

/// Declares the topology the worker will declare, plus the test's output queue, so
/// nothing published before the worker starts is lost.
pub async fn declare(ch: &Channel, names: &Names) {
    broker::declare_topology(ch, &names.broker_config())
        .await
        .expect("declare topology");
    let mut args = FieldTable::default();
    args.insert(
        "x-queue-type".into(),
        AMQPValue::LongString("quorum".into()),
    );
    ch.queue_declare(
        &names.out_queue,
        QueueDeclareOptions {
            durable: true,
            ..Default::default()
        },
        args,
    )
    .await
    .expect("declare output queue");
    ch.queue_bind(
        &names.out_queue,
        &names.extracted,
        "#",
        QueueBindOptions::default(),
        FieldTable::default(),
    )
    .await
    .expect("bind output queue");
}

/// Deletes the test's queues and exchanges.
pub async fn cleanup(ch: &Channel, names: &Names) {
    for q in [&names.queue, &names.dead_queue, &names.out_queue] {
        let _ = ch.queue_delete(q, QueueDeleteOptions::default()).await;
    }
    for e in [&names.raw, &names.extracted, &names.dead] {
        let _ = ch.exchange_delete(e, Default::default()).await;
    }
}

/// Publishes with a confirm.
pub async fn publish(ch: &Channel, exchange: &str, body: &[u8], props: BasicProperties) {
    broker::publish_confirmed(ch, exchange, "article.raw", body, props)
        .await
        .expect("publish confirmed");
}

/// Gets up to `n` messages from `queue`, acking them, waiting at most `timeout`.
pub async fn take(
    ch: &Channel,
    queue: &str,
    n: usize,
    timeout: Duration,
) -> Vec<lapin::message::BasicGetMessage> {
    let deadline = Instant::now() + timeout;
    let mut out = Vec::new();
    while out.len() < n && Instant::now() < deadline {
        match ch
            .basic_get(queue, BasicGetOptions::default())
            .await
            .expect("basic_get")
        {
            Some(m) => {
                m.delivery
                    .acker
                    .ack(BasicAckOptions::default())
                    .await
                    .expect("ack");
                out.push(m);
            }
            None => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    out
}

/// Messages ready in `queue` (passive declare).
pub async fn depth(ch: &Channel, queue: &str) -> u32 {
    ch.queue_declare(
        queue,
        QueueDeclareOptions {
            passive: true,
            ..Default::default()
        },
        FieldTable::default(),
    )
    .await
    .map(|q| q.message_count())
    .unwrap_or(0)
}

/// Declares an exchange the way the worker does.
pub async fn declare_exchange(ch: &Channel, name: &str) {
    ch.exchange_declare(
        name,
        ExchangeKind::Topic,
        ExchangeDeclareOptions {
            durable: true,
            ..Default::default()
        },
        FieldTable::default(),
    )
    .await
    .expect("declare exchange");
}

/// The reference article (the project's own fixture).
pub fn seed() -> &'static str {
    include_str!("../fixtures/seed_japan_news.txt")
}

/// `../shared/data` next to the project, if present.
pub fn shared_data() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    p.is_dir().then_some(p)
}

/// Polls `f` until it returns true or `timeout` passes.
pub async fn wait_until<F, Fut>(timeout: Duration, mut f: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if f().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// A header of a received message as a string.
pub fn header(props: &BasicProperties, name: &str) -> Option<String> {
    props
        .headers()
        .as_ref()
        .and_then(|h| broker::header_str(h, name))
}

/// Logs to the test output (shown for failing tests).
pub fn init_logs() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("info"))
        .with_test_writer()
        .try_init();
}
