//! The broker is restarted (`rabbitmqctl stop_app` / `start_app`) while the worker is
//! busy: the worker reconnects by itself and every input still ends up published and
//! stored. This test restarts the machine's RabbitMQ, so it lives alone in its own
//! test binary (cargo runs test binaries one after another).

mod common;

use std::collections::BTreeSet;
use std::process::Command;
use std::time::Duration;

use common::Names;
use newsextract::service;
use tokio_util::sync::CancellationToken;

const N: usize = 600;

fn rabbitmqctl(args: &[&str]) {
    let status = Command::new("rabbitmqctl")
        .args(args)
        .status()
        .expect("rabbitmqctl is required to restart the broker in this test");
    assert!(status.success(), "rabbitmqctl {args:?} failed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn worker_survives_a_broker_restart_under_load() {
    common::init_logs();
    let names = Names::new("restart");
    let (conn, ch) = common::declared(&names).await;
    let all = common::publish_seed_copies(&ch, &names.raw, "r", N).await;
    let _ = conn.close(200, "restarting broker").await;

    let dir = tempfile::tempdir().unwrap();
    let mut cfg = names.service_config(&dir.path().join("store.sqlite"));
    cfg.broker.prefetch = 200;
    let shutdown = CancellationToken::new();
    let running = service::start(cfg, shutdown.clone())
        .await
        .expect("service starts");
    let metrics_url = format!("http://{}/metrics", running.metrics_addr);

    // Let it get going, then restart the broker under load.
    let started = common::wait_until(Duration::from_secs(60), || {
        let url = metrics_url.clone();
        async move {
            let s = common::http_get(&url).await;
            common::metric(&s, "newsextract_messages_acked_total").unwrap_or(0.0) >= 20.0
        }
    })
    .await;
    assert!(started, "worker made no progress before the restart");
    rabbitmqctl(&["stop_app"]);
    let ready = common::http_get(&format!("http://{}/readyz", running.metrics_addr)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    rabbitmqctl(&["start_app"]);
    rabbitmqctl(&["await_startup"]);
    eprintln!(
        "readiness while the broker was down: {}",
        ready.lines().next().unwrap_or("")
    );

    let conn = common::connect().await;
    let ch = conn.create_channel().await.unwrap();
    let drained = common::wait_until(Duration::from_secs(300), || {
        let ch = &ch;
        let q = names.queue.clone();
        async move { common::depth(ch, &q).await == 0 }
    })
    .await;
    assert!(drained, "queue never drained after the broker came back");
    let out: BTreeSet<String> = common::drain_ids(&ch, &names.out_queue, Duration::from_secs(5))
        .await
        .into_iter()
        .collect();
    assert_eq!(
        out, all,
        "every input published at least once across the restart"
    );

    let scrape = common::http_get(&metrics_url).await;
    assert!(
        common::metric(&scrape, "newsextract_broker_reconnects_total").unwrap_or(0.0) >= 1.0,
        "reconnect counted"
    );
    assert_eq!(
        common::metric(&scrape, "newsextract_broker_connected"),
        Some(1.0)
    );

    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(30), running.wait())
        .await
        .expect("shutdown in time")
        .expect("clean shutdown");
    let store = service::store::open(dir.path().join("store.sqlite").to_str().unwrap())
        .await
        .unwrap();
    assert_eq!(
        store.count().await.unwrap(),
        N as u64,
        "every input stored exactly once"
    );
    common::cleanup(&ch, &names).await;
}
