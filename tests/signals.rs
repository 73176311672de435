//! The worker stops on SIGTERM whatever its standard error is. With stderr a closed pipe
//! (`newsextract worker 2>&1 | head -1`) every log line used to panic in the task that
//! wrote it, the signal task's "shutdown signal received" among them, so SIGTERM was
//! ignored and the worker kept consuming. And a command that prints a report, its stdout
//! closed (`newsextract extract page.html | head`), ends as `cat` does, without a panic.

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

#[test]
fn a_report_printed_into_a_closed_pipe_ends_quietly() {
    use std::io::Write;
    use std::os::unix::process::ExitStatusExt;
    // 2,000 paragraphs: several hundred kilobytes of JSON, far more than a pipe holds.
    let para = "<p>The minister said the talks in Geneva would resume on Monday, \
                officials confirmed to reporters after the meeting.</p>";
    let page = format!(
        "<html><body><article><h1>Talks</h1>{}</article></body></html>",
        para.repeat(2000)
    );
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(page.as_bytes()).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsextract"))
        .arg("extract")
        .arg(file.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    // Close the read end at once, as `| head -c 0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("the command ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        out.status.signal(),
        Some(libc::SIGPIPE),
        "{:?} {stderr}",
        out.status
    );
}

#[test]
fn a_report_that_cannot_be_written_is_a_one_line_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let data = common::shared_data().expect("../shared/data (the shared datasets)");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsextract"))
        .args(["eval", "temporal", "--data"])
        .arg(&data)
        .stdout(full)
        .output()
        .expect("binary starts");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output"),
        "{stderr}"
    );
}
