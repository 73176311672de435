//! Benchmark commands: measure the service as a user runs it, not a micro-benchmark.
//!
//! `newsextract bench worker` starts a real worker process (this binary) on unique
//! exchange and queue names, publishes real articles to it through RabbitMQ, reads
//! every output back from `articles.extracted`, and prints a table: throughput
//! (articles/s, MB/s of input), end-to-end latency percentiles (publish → output
//! received), extraction time percentiles (from each `Article`'s stage timings), and
//! the worker's peak resident memory (`VmHWM` from `/proc`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use futures::StreamExt;
use lapin::options::{
    BasicAckOptions, BasicConsumeOptions, QueueBindOptions, QueueDeclareOptions, QueueDeleteOptions,
};
use lapin::types::FieldTable;
use lapin::BasicProperties;
use prost::Message;

use crate::proto::v1;
use crate::service::broker::{self, BrokerConfig};

/// Flags of `newsextract bench worker`.
#[derive(Debug, clap::Args)]
pub struct BenchWorkerArgs {
    /// Folders or files of articles (plain text or HTML; e.g. the PolNeAR texts).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How many articles to publish (files are reused round-robin when fewer).
    #[arg(long, default_value_t = 1000)]
    pub count: usize,
    /// Publish rate in articles/s; 0 publishes everything at once (saturation).
    #[arg(long, default_value_t = 0.0)]
    pub rate: f64,
    /// Worker's concurrent extractions.
    #[arg(long, default_value_t = 2)]
    pub workers: usize,
    /// Worker's prefetch.
    #[arg(long, default_value_t = 64)]
    pub prefetch: u32,
    #[arg(
        long,
        env = "NEWSEXTRACT_AMQP_URL",
        default_value = "amqp://guest:guest@127.0.0.1:5672/%2f",
        hide_env_values = true
    )]
    pub amqp_url: String,
}

struct Names {
    raw: String,
    extracted: String,
    dead: String,
    queue: String,
    dead_queue: String,
    out: String,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn peak_rss_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

async fn http_status(addr: &str, path: &str) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).await.ok()?;
    buf.split_whitespace().nth(1)?.parse().ok()
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs `bench worker` and prints its table.
///
/// # Errors
/// When the broker is unreachable, the worker does not start, or outputs go missing.
pub async fn worker(args: BenchWorkerArgs) -> anyhow::Result<()> {
    let mut files = Vec::new();
    for p in &args.paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot list {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() || args.count == 0 {
        bail!("no articles to publish");
    }
    let bodies: Vec<(Vec<u8>, &'static str)> = files
        .iter()
        .map(|f| {
            let ct = match f.extension().and_then(|e| e.to_str()) {
                Some("html" | "htm") => "text/html",
                _ => "text/plain",
            };
            std::fs::read(f)
                .map(|b| (b, ct))
                .with_context(|| format!("cannot read {}", f.display()))
        })
        .collect::<anyhow::Result<_>>()?;

    let tag = format!(
        "bench-{}-{:x}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    );
    let n = Names {
        raw: format!("{tag}.raw-ex"),
        extracted: format!("{tag}.extracted-ex"),
        dead: format!("{tag}.dead-ex"),
        queue: format!("{tag}.raw"),
        dead_queue: format!("{tag}.dead"),
        out: format!("{tag}.out"),
    };
    let cfg = BrokerConfig {
        amqp_url: args.amqp_url.clone(),
        input_exchange: n.raw.clone(),
        output_exchange: n.extracted.clone(),
        dead_letter_exchange: n.dead.clone(),
        queue: n.queue.clone(),
        dead_letter_queue: n.dead_queue.clone(),
        prefetch: 64,
        delivery_limit: 5,
        max_message_bytes: 10 << 20,
        workers: args.workers,
        extract_timeout: Duration::from_secs(30),
        shutdown_grace: Duration::from_secs(10),
    };
    let conn = broker::connect(&args.amqp_url)
        .await
        .context("cannot connect to the broker")?;
    let ch = conn.create_channel().await?;
    ch.confirm_select(Default::default()).await?;
    broker::declare_topology(&ch, &cfg).await?;
    ch.queue_declare(
        &n.out,
        QueueDeclareOptions {
            auto_delete: true,
            ..Default::default()
        },
        FieldTable::default(),
    )
    .await?;
    ch.queue_bind(
        &n.out,
        &n.extracted,
        "#",
        QueueBindOptions::default(),
        FieldTable::default(),
    )
    .await?;

    let dir = std::env::temp_dir().join(&tag);
    std::fs::create_dir_all(&dir)?;
    let metrics_port = free_port()?;
    let metrics_addr = format!("127.0.0.1:{metrics_port}");
    let exe = std::env::current_exe()?;
    let child = Command::new(exe)
        .args(["worker", "--store"])
        .arg(dir.join("bench.sqlite"))
        .args(["--amqp-url", &args.amqp_url])
        .args(["--grpc-addr", &format!("127.0.0.1:{}", free_port()?)])
        .args(["--metrics-addr", &metrics_addr])
        .args([
            "--workers",
            &args.workers.to_string(),
            "--prefetch",
            &args.prefetch.to_string(),
        ])
        .args([
            "--input-exchange",
            &n.raw,
            "--output-exchange",
            &n.extracted,
            "--dead-letter-exchange",
            &n.dead,
        ])
        .args(["--queue", &n.queue, "--dead-letter-queue", &n.dead_queue])
        .env("NEWSEXTRACT_LOG", "warn")
        .stdin(Stdio::null())
        .spawn()
        .context("cannot start the worker")?;
    let mut child = KillOnDrop(child);
    let pid = child.0.id();
    let start_wait = Instant::now();
    while http_status(&metrics_addr, "/readyz").await != Some(200) {
        if start_wait.elapsed() > Duration::from_secs(30) {
            bail!("the worker did not become ready in 30 s");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let startup = start_wait.elapsed();

    // Consumer of outputs, recording arrival times.
    let out_ch = conn.create_channel().await?;
    out_ch.basic_qos(1000, Default::default()).await?;
    let mut consumer = out_ch
        .basic_consume(
            &n.out,
            "bench",
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let total = args.count;
    let reader = tokio::spawn(async move {
        let mut seen: HashMap<String, (Instant, u64)> = HashMap::new();
        while seen.len() < total {
            let Ok(Some(Ok(d))) =
                tokio::time::timeout(Duration::from_secs(120), consumer.next()).await
            else {
                break;
            };
            let at = Instant::now();
            let _ = d.acker.ack(BasicAckOptions::default()).await;
            if let Ok(a) = v1::Article::decode(d.data.as_slice()) {
                let micros: u64 = a.timings.iter().map(|t| t.micros).sum();
                seen.entry(a.id).or_insert((at, micros));
            }
        }
        seen
    });

    let mut sent: HashMap<String, Instant> = HashMap::with_capacity(total);
    let mut input_bytes = 0usize;
    let t0 = Instant::now();
    let interval = (args.rate > 0.0).then(|| Duration::from_secs_f64(1.0 / args.rate));
    let mut pending = futures::stream::FuturesUnordered::new();
    for i in 0..total {
        if let Some(iv) = interval {
            tokio::time::sleep_until((t0 + iv.mul_f64(i as f64)).into()).await;
        }
        let (body, ct) = &bodies[i % bodies.len()];
        let id = format!("{tag}-{i}");
        let props = BasicProperties::default()
            .with_content_type((*ct).into())
            .with_message_id(id.as_str().into())
            .with_delivery_mode(2);
        sent.insert(id, Instant::now());
        input_bytes += body.len();
        pending.push(
            ch.basic_publish(&n.raw, "bench", Default::default(), body, props)
                .await?,
        );
        while pending.len() >= 256 {
            pending.next().await.transpose()?;
        }
    }
    while pending.next().await.transpose()?.is_some() {}
    let seen = reader.await?;
    let elapsed = seen
        .values()
        .map(|(at, _)| at.duration_since(t0))
        .max()
        .unwrap_or_default();
    let rss = peak_rss_bytes(pid);
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let _ = tokio::task::spawn_blocking(move || child.0.wait()).await;

    for q in [&n.queue, &n.dead_queue, &n.out] {
        let _ = ch.queue_delete(q, QueueDeleteOptions::default()).await;
    }
    for e in [&n.raw, &n.extracted, &n.dead] {
        let _ = ch.exchange_delete(e, Default::default()).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = conn.close(200, "bench done").await;

    let mut e2e: Vec<f64> = seen
        .iter()
        .filter_map(|(id, (at, _))| Some(at.duration_since(*sent.get(id)?).as_secs_f64() * 1000.0))
        .collect();
    e2e.sort_by(f64::total_cmp);
    let mut extract: Vec<f64> = seen.values().map(|(_, us)| *us as f64 / 1000.0).collect();
    extract.sort_by(f64::total_cmp);
    let secs = elapsed.as_secs_f64().max(1e-9);
    println!("| metric | value |");
    println!("|---|---|");
    println!(
        "| articles published / received | {total} / {} |",
        seen.len()
    );
    println!("| input | {:.1} MB |", input_bytes as f64 / 1e6);
    println!(
        "| workers (extraction threads) / prefetch | {} / {} |",
        args.workers, args.prefetch
    );
    println!(
        "| publish rate | {} |",
        if args.rate > 0.0 {
            format!("{} articles/s", args.rate)
        } else {
            "all at once".into()
        }
    );
    println!(
        "| throughput | {:.0} articles/s, {:.2} MB/s |",
        seen.len() as f64 / secs,
        input_bytes as f64 / 1e6 / secs
    );
    println!(
        "| end-to-end latency p50 / p99 / max | {:.1} / {:.1} / {:.1} ms |",
        percentile(&e2e, 50.0),
        percentile(&e2e, 99.0),
        percentile(&e2e, 100.0)
    );
    println!(
        "| extraction time p50 / p99 | {:.2} / {:.2} ms |",
        percentile(&extract, 50.0),
        percentile(&extract, 99.0)
    );
    println!(
        "| worker peak RSS | {} |",
        rss.map_or("n/a".into(), |b| format!("{:.1} MiB", b as f64 / 1048576.0))
    );
    println!(
        "| worker start to ready | {:.0} ms |",
        startup.as_secs_f64() * 1000.0
    );
    if seen.len() < total {
        bail!("{} of {total} outputs never arrived", total - seen.len());
    }
    Ok(())
}
