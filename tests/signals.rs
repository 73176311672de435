//! The worker stops on SIGTERM whatever its standard error is. With stderr a closed pipe
//! (`newsextract worker 2>&1 | head -1`) every log line used to panic in the task that
//! wrote it, the signal task's "shutdown signal received" among them, so SIGTERM was
//! ignored and the worker kept consuming.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Names;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_a_worker_whose_stderr_is_a_closed_pipe() {
    let names = Names::new("sigpipe");
    let (_conn, ch) = common::declared(&names).await;
    let dir = tempfile::tempdir().unwrap();
    let metrics_port = common::free_port();
    let mut child = common::worker_command(&names, dir.path().join("s.sqlite"), metrics_port, 8)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("worker binary starts");
    // Read the first line, then close both pipes, as `| head -1` does.
    let stderr = child.stderr.take().expect("piped stderr");
    let first = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stderr).read_line(&mut line).map(|_| line)
    })
    .await
    .unwrap()
    .expect("a first log line");
    assert!(first.contains("INFO"), "{first}");
    drop(child.stdout.take());
    let ready_url = format!("http://127.0.0.1:{metrics_port}/readyz");
    let ready = common::wait_until(Duration::from_secs(30), || async {
        common::http_get(&ready_url)
            .await
            .starts_with("HTTP/1.1 200")
    })
    .await;
    if !ready {
        let _ = child.kill();
        let _ = child.wait();
        common::cleanup(&ch, &names).await;
        panic!("the worker never became ready");
    }

    let sent = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            break None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        common::cleanup(&ch, &names).await;
        panic!("the worker ignored SIGTERM for 20 s with its stderr closed");
    };
    assert!(status.success(), "clean exit on SIGTERM: {status:?}");
    common::cleanup(&ch, &names).await;
}
