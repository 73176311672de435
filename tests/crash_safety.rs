//! Crash safety against the real RabbitMQ: with hundreds of messages in flight, the
//! worker process is killed with SIGKILL and restarted. Every input must end up
//! published and stored, dead-lettered, or still queued — none lost.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::Names;
use lapin::BasicProperties;

const GOOD: usize = 1200;
const BAD: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_with_messages_in_flight_loses_nothing() {
    common::init_logs();
    let names = Names::new("crash");
    let (_conn, ch) = common::declared(&names).await;

    let mut all = common::publish_seed_copies(&ch, &names.raw, "good", GOOD).await;
    for i in 0..BAD {
        let id = format!("bad-{i:05}");
        let props = BasicProperties::default()
            .with_content_type("application/json".into())
            .with_message_id(id.as_str().into());
        common::publish(&ch, &names.raw, b"{oops", props).await;
        all.insert(id);
    }

    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
    let log = dir.path().join("worker.log");
    let port = common::free_port();
    let metrics_url = format!("http://127.0.0.1:{port}/metrics");
    let mut child = common::spawn_worker(&names, &store, port, 1000, &log);

    // Wait until work is under way with at least 500 messages held unacked.
    let mut in_flight_at_kill = 0.0;
    let mut busy = false;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        let scrape = common::http_get(&metrics_url).await;
        let acked = common::metric(&scrape, "newsextract_messages_acked_total").unwrap_or(0.0);
        in_flight_at_kill =
            common::metric(&scrape, "newsextract_messages_in_flight").unwrap_or(0.0);
        if acked >= 20.0 && in_flight_at_kill >= 500.0 {
            busy = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        busy,
        "worker never had 500 messages in flight; log: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    eprintln!("killed with {in_flight_at_kill} messages in flight");

    // Right after the kill: what was published, dead-lettered, or is still queued
    // covers every input (outputs may repeat: at-least-once).
    tokio::time::sleep(Duration::from_secs(1)).await;
    let queued = common::depth(&ch, &names.queue).await as usize;
    let mut out: BTreeSet<String> =
        common::drain_ids(&ch, &names.out_queue, Duration::from_secs(2))
            .await
            .into_iter()
            .collect();
    let mut dead: BTreeSet<String> =
        common::drain_ids(&ch, &names.dead_queue, Duration::from_secs(1))
            .await
            .into_iter()
            .collect();
    assert!(
        out.len() + dead.len() + queued >= all.len(),
        "lost messages after kill -9: {} published + {} dead + {} queued < {}",
        out.len(),
        dead.len(),
        queued,
        all.len()
    );

    // Restart and drain: everything ends published (and stored) or dead-lettered.
    let port = common::free_port();
    let mut child = common::spawn_worker(&names, &store, port, 1000, &log);
    let done = common::wait_until(Duration::from_secs(600), || {
        let ch = &ch;
        let q = names.queue.clone();
        async move { common::depth(ch, &q).await == 0 }
    })
    .await;
    assert!(done, "queue never drained after restart");
    out.extend(common::drain_ids(&ch, &names.out_queue, Duration::from_secs(5)).await);
    dead.extend(common::drain_ids(&ch, &names.dead_queue, Duration::from_secs(2)).await);
    // Graceful stop (SIGTERM) of the second worker.
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(
        status.success(),
        "worker exits cleanly on SIGTERM: {status:?}"
    );

    let good: BTreeSet<String> = all
        .iter()
        .filter(|i| i.starts_with("good-"))
        .cloned()
        .collect();
    let bad: BTreeSet<String> = all
        .iter()
        .filter(|i| i.starts_with("bad-"))
        .cloned()
        .collect();
    assert_eq!(out, good, "every valid input published at least once");
    assert_eq!(dead, bad, "exactly the invalid inputs dead-lettered");

    // Every valid input is stored exactly once, by id.
    let store = newsextract::service::store::open(store.to_str().unwrap())
        .await
        .unwrap();
    assert_eq!(store.count().await.unwrap(), GOOD as u64);
    for id in good.iter().step_by(97) {
        assert!(store.get(id).await.unwrap().is_some(), "{id} stored");
    }
    common::cleanup(&ch, &names).await;
}
