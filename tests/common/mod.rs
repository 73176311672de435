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
            max_output_bytes: 16 * 1024 * 1024,
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
    bind_out_queue(ch, names).await;
}

/// Binds the test's output queue to the output exchange (again, after the exchange
/// was deleted and re-declared).
pub async fn bind_out_queue(ch: &Channel, names: &Names) {
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

/// A service started for a test: its store lives in `_dir` (removed on drop).
pub struct Started {
    pub running: newsextract::service::Running,
    pub shutdown: tokio_util::sync::CancellationToken,
    pub _dir: tempfile::TempDir,
}

/// Starts the whole service (worker, gRPC, HTTP) on the test's names with a SQLite
/// store in a temporary folder; `tweak` may change the configuration first.
pub async fn start_service(names: &Names, tweak: impl FnOnce(&mut ServiceConfig)) -> Started {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut cfg = names.service_config(&dir.path().join("store.sqlite"));
    tweak(&mut cfg);
    let shutdown = tokio_util::sync::CancellationToken::new();
    let running = newsextract::service::start(cfg, shutdown.clone())
        .await
        .expect("service starts");
    Started {
        running,
        shutdown,
        _dir: dir,
    }
}

/// A connection and a channel with publisher confirms, the test's topology declared
/// ([`declare`]).
pub async fn declared(names: &Names) -> (Connection, Channel) {
    let conn = connect().await;
    let ch = conn.create_channel().await.expect("open a channel");
    ch.confirm_select(Default::default())
        .await
        .expect("publisher confirms");
    declare(&ch, names).await;
    (conn, ch)
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

/// One message from `queue`, acked, if there is one.
pub async fn get_acked(ch: &Channel, queue: &str) -> Option<lapin::message::BasicGetMessage> {
    let m = ch
        .basic_get(queue, BasicGetOptions::default())
        .await
        .expect("basic_get")?;
    m.delivery
        .acker
        .ack(BasicAckOptions::default())
        .await
        .expect("ack");
    Some(m)
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
        match get_acked(ch, queue).await {
            Some(m) => out.push(m),
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

/// Minimal HTTP/1.1 GET over a TCP stream (status line, headers and body as text).
pub async fn http_get(url: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let Ok(mut s) = tokio::net::TcpStream::connect(host).await else {
        return String::new();
    };
    let req = format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).await.is_err() {
        return String::new();
    }
    let mut buf = String::new();
    let _ = s.read_to_string(&mut buf).await;
    buf
}

/// Value of an unlabelled metric in a Prometheus text scrape.
pub fn metric(scrape: &str, name: &str) -> Option<f64> {
    scrape
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the `newsextract worker` binary for `names`, logging to `log`; `store` is a
/// SQLite path or a `postgres://` URL.
pub fn spawn_worker(
    names: &Names,
    store: impl AsRef<std::ffi::OsStr>,
    metrics_port: u16,
    prefetch: u32,
    log: &std::path::Path,
) -> std::process::Child {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    worker_command(names, store, metrics_port, prefetch)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("worker binary starts")
}

/// The command line of a worker process (this crate's binary) on the queues of
/// `names`; stdin is null, stdout and stderr are the caller's to set.
pub fn worker_command(
    names: &Names,
    store: impl AsRef<std::ffi::OsStr>,
    metrics_port: u16,
    prefetch: u32,
) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsextract"));
    cmd.args(["worker", "--store"])
        .arg(store)
        .args(["--amqp-url", AMQP_URL])
        .args(["--grpc-addr", &format!("127.0.0.1:{}", free_port())])
        .args(["--metrics-addr", &format!("127.0.0.1:{metrics_port}")])
        .args(["--prefetch", &prefetch.to_string(), "--workers", "2"])
        .args([
            "--input-exchange",
            &names.raw,
            "--output-exchange",
            &names.extracted,
        ])
        .args([
            "--dead-letter-exchange",
            &names.dead,
            "--queue",
            &names.queue,
        ])
        .args([
            "--dead-letter-queue",
            &names.dead_queue,
            "--shutdown-grace-seconds",
            "5",
        ])
        .stdin(std::process::Stdio::null());
    cmd
}

/// Message ids of everything in `queue` (consumed), waiting until `quiet` passes
/// with nothing new.
pub async fn drain_ids(ch: &Channel, queue: &str, quiet: Duration) -> Vec<String> {
    let mut ids = Vec::new();
    let mut last = Instant::now();
    while last.elapsed() < quiet {
        match get_acked(ch, queue).await {
            Some(m) => {
                let id = m
                    .delivery
                    .properties
                    .message_id()
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                ids.push(id);
                last = Instant::now();
            }
            None => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    ids
}

/// Publishes `n` copies of the seed article as `text/plain`, message ids
/// `<prefix>-00000`..; returns the ids.
pub async fn publish_seed_copies(
    ch: &Channel,
    exchange: &str,
    prefix: &str,
    n: usize,
) -> std::collections::BTreeSet<String> {
    let mut ids = std::collections::BTreeSet::new();
    for i in 0..n {
        let id = format!("{prefix}-{i:05}");
        let props = BasicProperties::default()
            .with_content_type("text/plain".into())
            .with_message_id(id.as_str().into())
            .with_delivery_mode(2);
        publish(ch, exchange, seed().as_bytes(), props).await;
        ids.insert(id);
    }
    ids
}
