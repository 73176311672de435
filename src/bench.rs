//! Benchmark commands: measure the service as a user runs it, not a micro-benchmark.
//!
//! `newsextract bench worker` starts a real worker process (this binary) on unique
//! exchange and queue names, publishes real articles to it through RabbitMQ, reads
//! every output back from `articles.extracted`, and prints a table: throughput
//! (articles/s, MB/s of input), end-to-end latency percentiles (publish → output
//! received), extraction time percentiles (from each `Article`'s stage timings), and
//! the worker's peak resident memory (`VmHWM` from `/proc`). `--replicas N` runs N
//! competing workers on one queue and one PostgreSQL store.

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
    /// Worker processes competing on the queue (more than one needs `--store postgres://`).
    #[arg(long, default_value_t = 1)]
    pub replicas: usize,
    /// Store shared by the workers; default: a fresh SQLite file.
    #[arg(long)]
    pub store: Option<String>,
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
        max_output_bytes: 16 << 20,
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
    let store = match &args.store {
        Some(s) => s.clone(),
        None if args.replicas > 1 => {
            bail!("several replicas need a shared store: give --store postgres://...")
        }
        None => dir.join("bench.sqlite").to_string_lossy().into_owned(),
    };
    let exe = std::env::current_exe()?;
    let mut children = Vec::new();
    let mut metrics_addrs = Vec::new();
    let start_wait = Instant::now();
    for _ in 0..args.replicas.max(1) {
        let metrics_addr = format!("127.0.0.1:{}", free_port()?);
        let child = Command::new(&exe)
            .args(["worker", "--store", &store])
            .args(["--amqp-url", &args.amqp_url])
            .args(["--grpc-addr", &format!("127.0.0.1:{}", free_port()?)])
            .args(["--metrics-addr", &metrics_addr])
            .args(["--workers", &args.workers.to_string()])
            .args(["--prefetch", &args.prefetch.to_string()])
            .args([
                "--input-exchange",
                &n.raw,
                "--output-exchange",
                &n.extracted,
            ])
            .args(["--dead-letter-exchange", &n.dead])
            .args(["--queue", &n.queue, "--dead-letter-queue", &n.dead_queue])
            .env("NEWSEXTRACT_LOG", "warn")
            .stdin(Stdio::null())
            .spawn()
            .context("cannot start the worker")?;
        children.push(KillOnDrop(child));
        metrics_addrs.push(metrics_addr);
    }
    for addr in &metrics_addrs {
        while http_status(addr, "/readyz").await != Some(200) {
            if start_wait.elapsed() > Duration::from_secs(30) {
                bail!("a worker did not become ready in 30 s");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
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
        let mut stages: Vec<(String, Vec<f64>)> = Vec::new();
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
                for t in &a.timings {
                    match stages.iter_mut().find(|(s, _)| *s == t.stage) {
                        Some((_, v)) => v.push(t.micros as f64 / 1000.0),
                        None => stages.push((t.stage.clone(), vec![t.micros as f64 / 1000.0])),
                    }
                }
                seen.entry(a.id).or_insert((at, micros));
            }
        }
        (seen, stages)
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
    let (seen, mut stages) = reader.await?;
    let elapsed = seen
        .values()
        .map(|(at, _)| at.duration_since(t0))
        .max()
        .unwrap_or_default();
    let rss = children
        .iter()
        .filter_map(|c| peak_rss_bytes(c.0.id()))
        .max();
    for c in &children {
        let _ = Command::new("kill")
            .args(["-TERM", &c.0.id().to_string()])
            .status();
    }
    let _ = tokio::task::spawn_blocking(move || {
        for mut c in children {
            let _ = c.0.wait();
        }
    })
    .await;

    for q in [&n.queue, &n.dead_queue, &n.out] {
        let _ = ch.queue_delete(q, QueueDeleteOptions::default()).await;
    }
    for e in [&n.raw, &n.extracted, &n.dead] {
        let _ = ch.exchange_delete(e, Default::default()).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
    crate::service::broker::close(conn, "bench done").await;

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
        "| worker replicas / store | {} / {} |",
        args.replicas.max(1),
        if store.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    println!(
        "| peak RSS per worker (max) | {} |",
        rss.map_or("n/a".into(), |b| format!("{:.1} MiB", b as f64 / 1048576.0))
    );
    println!(
        "| worker start to ready | {:.0} ms |",
        startup.as_secs_f64() * 1000.0
    );
    println!();
    println!("| stage | p50 ms | p99 ms |");
    println!("|---|---|---|");
    for (stage, v) in &mut stages {
        v.sort_by(f64::total_cmp);
        println!(
            "| {stage} | {:.3} | {:.3} |",
            percentile(v, 50.0),
            percentile(v, 99.0)
        );
    }
    if seen.len() < total {
        bail!("{} of {total} outputs never arrived", total - seen.len());
    }
    Ok(())
}

/// Flags of `newsextract bench query`.
#[derive(Debug, clap::Args)]
pub struct BenchQueryArgs {
    /// Store to fill and query: a SQLite path or a `postgres://` URL. Articles already
    /// there count towards `--articles`.
    #[arg(long)]
    pub store: String,
    /// Real articles to extract and replicate with new ids (folder of texts or pages).
    #[arg(long)]
    pub from: PathBuf,
    /// Articles the store should hold before querying.
    #[arg(long, default_value_t = 100_000)]
    pub articles: usize,
    /// Requests per method.
    #[arg(long, default_value_t = 2000)]
    pub requests: usize,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
}

/// Benchmark-only stand-in for entities until the entity stage exists: capitalised
/// word sequences of the text, typed by a hash. Gives `TopEntities` a realistic number
/// of distinct names and mentions per article; it is not named-entity recognition.
fn stand_in_entities(text: &str) -> Vec<v1::Entity> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        if !run.is_empty() && run.iter().map(|w| w.len()).sum::<usize>() > 3 {
            *counts.entry(run.join(" ")).or_default() += 1;
        }
        run.clear();
    };
    for w in text.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        if w.chars().next().is_some_and(char::is_uppercase) && w.len() > 1 {
            run.push(w);
        } else {
            flush(&mut run);
        }
    }
    flush(&mut run);
    counts
        .into_iter()
        .filter(|(_, c)| *c >= 2)
        .enumerate()
        .map(|(i, (name, c))| v1::Entity {
            id: format!("e{i}"),
            r#type: 1 + (name.len() % 3) as i32,
            canonical_name: name,
            mentions: vec![v1::Mention::default(); c],
            ..Default::default()
        })
        .collect()
}

async fn timed_calls<F, Fut>(
    requests: usize,
    concurrency: usize,
    f: F,
) -> anyhow::Result<(Vec<f64>, f64)>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let start = Instant::now();
    let mut lat = Vec::with_capacity(requests);
    let mut pending = futures::stream::FuturesUnordered::new();
    let mut next = 0;
    while next < requests || !pending.is_empty() {
        while next < requests && pending.len() < concurrency.max(1) {
            let fut = f(next);
            pending.push(async move {
                let t = Instant::now();
                fut.await.map(|()| t.elapsed().as_secs_f64() * 1000.0)
            });
            next += 1;
        }
        if let Some(r) = pending.next().await {
            lat.push(r?);
        }
    }
    lat.sort_by(f64::total_cmp);
    Ok((lat, start.elapsed().as_secs_f64()))
}

/// Runs `bench query` and prints its table.
///
/// # Errors
/// When the store cannot be opened or a request fails.
pub async fn query(args: BenchQueryArgs) -> anyhow::Result<()> {
    use crate::pipeline::{self, Body, Pipeline, RawInput};
    use crate::service::store;
    use chrono::{TimeZone, Utc};

    let st = store::open(&args.store)
        .await
        .context("cannot open the store")?;
    let have = usize::try_from(st.count().await?).unwrap_or(0);
    if have < args.articles {
        let mut templates = Vec::new();
        let pipeline = Pipeline::new();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&args.from)
            .with_context(|| format!("cannot list {}", args.from.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        for p in paths.iter().take(500) {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let input = RawInput {
                body: Body::Text(text),
                ..Default::default()
            };
            if let Ok(doc) = pipeline.extract(input) {
                let id = pipeline::article_id(&doc);
                let mut a = crate::proto::article(&doc, id, Utc::now());
                a.entities = stand_in_entities(&a.text);
                templates.push(a);
            }
        }
        if templates.is_empty() {
            bail!("no article could be extracted from {}", args.from.display());
        }
        let sources = [
            "example.com",
            "news.example.org",
            "daily.example.net",
            "wire.example.io",
        ];
        eprintln!("filling the store: {have} → {} articles", args.articles);
        let t = Instant::now();
        let year = Utc.with_ymd_and_hms(2019, 1, 1, 0, 0, 0).unwrap();
        let (lo, hi) = (have, args.articles);
        let chunk = (hi - lo).div_ceil(4);
        let mut tasks = Vec::new();
        for w in 0..4 {
            let st = st.clone();
            let templates = templates.clone();
            tasks.push(tokio::spawn(async move {
                for i in (lo + w * chunk)..(lo + (w + 1) * chunk).min(hi) {
                    let mut a = templates[i % templates.len()].clone();
                    a.id = format!("bench-{i:07}");
                    let at = year + chrono::Duration::seconds(((i as i64) * 7919) % (365 * 86_400));
                    a.published_at = Some(crate::proto::timestamp(&at));
                    a.source = Some(v1::Source {
                        name: String::new(),
                        domain: sources[i % sources.len()].into(),
                    });
                    st.upsert(&a).await?;
                }
                Ok::<(), store::StoreError>(())
            }));
        }
        for t in tasks {
            t.await??;
        }
        eprintln!("filled in {:.0} s", t.elapsed().as_secs_f64());
    }
    st.analyze().await?;
    let total = st.count().await?;

    // Serve the store over gRPC in-process and query it as a client would.
    let listener = crate::service::grpc::bind("127.0.0.1:0".parse()?).await?;
    let addr = listener.local_addr()?;
    let shutdown = tokio_util::sync::CancellationToken::new();
    let health = std::sync::Arc::new(crate::service::health::Health::new(false));
    health.set_store(true);
    let api = crate::service::grpc::Api::new(st.clone(), std::sync::Arc::new(Pipeline::new()));
    let server = tokio::spawn(crate::service::grpc::serve(
        listener,
        api,
        health,
        shutdown.clone(),
    ));
    let client =
        v1::article_service_client::ArticleServiceClient::connect(format!("http://{addr}")).await?;
    let words = [
        "president",
        "election",
        "campaign",
        "senate",
        "Trump",
        "Clinton",
        "health care",
        "tax",
    ];
    let year = Utc.with_ymd_and_hms(2019, 1, 1, 0, 0, 0).unwrap();
    let n = total as usize;

    let mut rows = Vec::new();
    let c = client.clone();
    let (lat, secs) = timed_calls(args.requests, args.concurrency, |i| {
        let mut c = c.clone();
        async move {
            let id = format!("bench-{:07}", (i * 7919) % n);
            c.get_article(v1::GetArticleRequest { id }).await?;
            Ok(())
        }
    })
    .await?;
    rows.push(("GetArticle", lat, secs));
    let c = client.clone();
    let (lat, secs) = timed_calls(args.requests, args.concurrency, |i| {
        let mut c = c.clone();
        async move {
            c.search_articles(v1::SearchArticlesRequest {
                query: words[i % words.len()].into(),
                source: "example.com".into(),
                page_size: 20,
                ..Default::default()
            })
            .await?;
            Ok(())
        }
    })
    .await?;
    rows.push(("SearchArticles (text + source, 20 per page)", lat, secs));
    let c = client.clone();
    let (lat, secs) = timed_calls(args.requests.min(500), args.concurrency, |i| {
        let mut c = c.clone();
        async move {
            let from = year + chrono::Duration::days((i as i64 * 13) % 350);
            let to = from + chrono::Duration::days(7);
            c.top_entities(v1::TopEntitiesRequest {
                published_after: Some(crate::proto::timestamp(&from)),
                published_before: Some(crate::proto::timestamp(&to)),
                limit: 20,
                ..Default::default()
            })
            .await?;
            Ok(())
        }
    })
    .await?;
    rows.push(("TopEntities (one week, top 20)", lat, secs));
    shutdown.cancel();
    let _ = server.await;

    println!(
        "store: {} ({} articles), concurrency {}",
        if args.store.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        total,
        args.concurrency
    );
    println!();
    println!("| method | requests | p50 ms | p99 ms | max ms | requests/s |");
    println!("|---|---|---|---|---|---|");
    for (name, lat, secs) in rows {
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.0} |",
            lat.len(),
            percentile(&lat, 50.0),
            percentile(&lat, 99.0),
            percentile(&lat, 100.0),
            lat.len() as f64 / secs
        );
    }
    Ok(())
}
