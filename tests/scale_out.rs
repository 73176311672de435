//! Scale-out against the real RabbitMQ and PostgreSQL: three worker processes compete
//! on one quorum queue and share one PostgreSQL database. PostgreSQL is restarted in
//! the middle and one worker is killed with SIGKILL; still every article is stored
//! exactly once, every output is published at least once, and nothing valid is
//! dead-lettered. This test restarts the machine's PostgreSQL, so it lives alone in its
//! own test binary. `NEWSEXTRACT_SCALE_ARTICLES` sets the number of articles (default
//! 2,000; the acceptance run in the README uses 5,000).

mod common;

use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

use common::Names;
use sqlx::Connection;

const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn restart_postgres() {
    let version = std::fs::read_dir("/etc/postgresql")
        .expect("PostgreSQL cluster configuration in /etc/postgresql")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .max_by_key(|v| v.parse::<u32>().unwrap_or(0))
        .expect("a PostgreSQL cluster");
    let status = Command::new("pg_ctlcluster")
        .args(["--skip-systemctl-redirect", &version, "main", "restart"])
        .status()
        .expect("pg_ctlcluster");
    assert!(status.success(), "PostgreSQL restart failed");
}

async fn acked(ports: &[u16]) -> f64 {
    let mut sum = 0.0;
    for p in ports {
        let s = common::http_get(&format!("http://127.0.0.1:{p}/metrics")).await;
        sum += common::metric(&s, "newsextract_messages_acked_total").unwrap_or(0.0);
    }
    sum
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_workers_one_postgres_restart_and_kill_lose_nothing() {
    common::init_logs();
    let n: usize = std::env::var("NEWSEXTRACT_SCALE_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let db = format!(
        "newsextract_scale_{}_{:x}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    );
    let mut admin = sqlx::PgConnection::connect(PG_ADMIN)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL is required at 127.0.0.1:5432 for this test: {e}"));
    sqlx::query(&format!("CREATE DATABASE \"{db}\""))
        .execute(&mut admin)
        .await
        .unwrap();
    drop(admin);
    let url = format!("postgres://postgres@127.0.0.1:5432/{db}");
    // Migrate once before the workers start, as a deployment's first replica would.
    drop(
        newsextract::service::store::open(&url)
            .await
            .expect("postgres store"),
    );

    let names = Names::new("scale");
    let (_conn, ch) = common::declared(&names).await;
    let all = common::publish_seed_copies(&ch, &names.raw, "s", n).await;

    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("workers.log");
    let ports: Vec<u16> = (0..3).map(|_| common::free_port()).collect();
    let mut workers: Vec<_> = ports
        .iter()
        .map(|p| common::spawn_worker(&names, &url, *p, 100, &log))
        .collect();
    let t0 = Instant::now();

    let progressed = |goal: f64| {
        let ports = ports.clone();
        async move {
            common::wait_until(Duration::from_secs(300), || {
                let ports = ports.clone();
                async move { acked(&ports).await >= goal }
            })
            .await
        }
    };
    assert!(
        progressed(n as f64 / 4.0).await,
        "no progress; log: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    restart_postgres();
    eprintln!(
        "restarted PostgreSQL after {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    assert!(
        progressed(n as f64 / 2.0).await,
        "no progress after the PostgreSQL restart"
    );
    workers[0].kill().expect("SIGKILL");
    workers[0].wait().unwrap();
    eprintln!("killed worker 1 after {:.1} s", t0.elapsed().as_secs_f64());

    let drained = common::wait_until(Duration::from_secs(600), || {
        let ch = &ch;
        let q = names.queue.clone();
        async move { common::depth(ch, &q).await == 0 }
    })
    .await;
    assert!(drained, "queue never drained");
    // Unacked messages of the killed worker return to the queue; let the others finish.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        common::wait_until(Duration::from_secs(300), || {
            let ch = &ch;
            let q = names.queue.clone();
            async move { common::depth(ch, &q).await == 0 }
        })
        .await
    );
    let out: BTreeSet<String> = common::drain_ids(&ch, &names.out_queue, Duration::from_secs(5))
        .await
        .into_iter()
        .collect();
    let dead = common::drain_ids(&ch, &names.dead_queue, Duration::from_secs(1)).await;
    eprintln!(
        "{} articles through three workers in {:.1} s",
        n,
        t0.elapsed().as_secs_f64()
    );
    for w in workers.iter_mut().skip(1) {
        Command::new("kill")
            .args(["-TERM", &w.id().to_string()])
            .status()
            .unwrap();
        assert!(
            w.wait().unwrap().success(),
            "worker exits cleanly on SIGTERM"
        );
    }
    assert!(dead.is_empty(), "valid articles dead-lettered: {dead:?}");
    assert_eq!(out, all, "every article published at least once");

    let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
    let (rows, ids): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles")
            .fetch_one(&mut c)
            .await
            .unwrap();
    assert_eq!(
        (rows, ids),
        (n as i64, n as i64),
        "every article stored exactly once"
    );
    drop(c);
    let mut admin = sqlx::PgConnection::connect(PG_ADMIN).await.unwrap();
    sqlx::query(&format!("DROP DATABASE \"{db}\" WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
    common::cleanup(&ch, &names).await;
}
