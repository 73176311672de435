//! Every metric the service exports, in one place, and the events that update them.
//!
//! Names follow the Prometheus rules: `newsextract_<what>_<unit>`, `_total` on counters,
//! base units (`_seconds`, `_bytes`); labels come from closed sets only (stage,
//! outcome, error code, gRPC method and code), never ids or URLs. Each notable event
//! is one function here that both logs and counts, so logs and metrics agree.

use std::sync::LazyLock;

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge,
    IntGaugeVec, Opts, Registry, TextEncoder,
};

/// Buckets for per-article and per-stage durations: 50 µs to 10 s.
const DURATION_BUCKETS: &[f64] = &[
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
    2.5, 5.0, 10.0,
];

/// Buckets for message sizes: 1 KiB to 16 MiB.
const BYTES_BUCKETS: &[f64] = &[
    1024.0,
    4096.0,
    16384.0,
    65536.0,
    262_144.0,
    1_048_576.0,
    4_194_304.0,
    16_777_216.0,
];

/// The service's metrics, registered in their own registry.
pub struct Metrics {
    pub registry: Registry,
    pub messages_received: IntCounter,
    pub messages_acked: IntCounter,
    pub messages_dead_lettered: IntCounterVec,
    pub messages_retried: IntCounterVec,
    pub messages_in_flight: IntGauge,
    pub input_bytes: IntCounter,
    pub input_message_bytes: Histogram,
    pub articles_processed: IntCounterVec,
    pub article_duration: Histogram,
    pub stage_duration: HistogramVec,
    pub publish_confirm_duration: Histogram,
    pub broker_connected: IntGauge,
    pub broker_reconnects: IntCounter,
    pub store_up: IntGauge,
    pub store_operation_duration: HistogramVec,
    pub entities_extracted: IntCounter,
    pub quotations_extracted: IntCounter,
    pub grpc_requests: IntCounterVec,
    pub grpc_request_duration: HistogramVec,
    pub build_info: IntGaugeVec,
}

fn counter(r: &Registry, name: &str, help: &str) -> IntCounter {
    let c = IntCounter::new(name, help).expect("valid metric");
    r.register(Box::new(c.clone())).expect("unique metric");
    c
}

fn counter_vec(r: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    let c = IntCounterVec::new(Opts::new(name, help), labels).expect("valid metric");
    r.register(Box::new(c.clone())).expect("unique metric");
    c
}

fn gauge(r: &Registry, name: &str, help: &str) -> IntGauge {
    let g = IntGauge::new(name, help).expect("valid metric");
    r.register(Box::new(g.clone())).expect("unique metric");
    g
}

fn histogram(r: &Registry, name: &str, help: &str, buckets: &[f64]) -> Histogram {
    let h = Histogram::with_opts(HistogramOpts::new(name, help).buckets(buckets.to_vec()))
        .expect("valid metric");
    r.register(Box::new(h.clone())).expect("unique metric");
    h
}

fn histogram_vec(r: &Registry, name: &str, help: &str, labels: &[&str]) -> HistogramVec {
    let h = HistogramVec::new(
        HistogramOpts::new(name, help).buckets(DURATION_BUCKETS.to_vec()),
        labels,
    )
    .expect("valid metric");
    r.register(Box::new(h.clone())).expect("unique metric");
    h
}

impl Metrics {
    fn new() -> Self {
        let r = Registry::new();
        let m = Metrics {
            messages_received: counter(
                &r,
                "newsextract_messages_received_total",
                "AMQP messages received from the input queue.",
            ),
            messages_acked: counter(
                &r,
                "newsextract_messages_acked_total",
                "Input messages acknowledged after their outcome was safely delivered.",
            ),
            messages_dead_lettered: counter_vec(
                &r,
                "newsextract_messages_dead_lettered_total",
                "Input messages sent to the dead-letter exchange, by error code.",
                &["error_code"],
            ),
            messages_retried: counter_vec(
                &r,
                "newsextract_messages_retried_total",
                "Retries of a transient failure while processing a message, by what failed.",
                &["reason"],
            ),
            messages_in_flight: gauge(
                &r,
                "newsextract_messages_in_flight",
                "Messages received and not yet acknowledged.",
            ),
            input_bytes: counter(
                &r,
                "newsextract_input_bytes_total",
                "Bytes of input message bodies received.",
            ),
            input_message_bytes: histogram(
                &r,
                "newsextract_input_message_bytes",
                "Size of input message bodies.",
                BYTES_BUCKETS,
            ),
            articles_processed: counter_vec(
                &r,
                "newsextract_articles_processed_total",
                "Articles processed, by outcome (stored, dead_lettered, failed).",
                &["outcome"],
            ),
            article_duration: histogram(
                &r,
                "newsextract_article_duration_seconds",
                "Time to extract one article (all stages).",
                DURATION_BUCKETS,
            ),
            stage_duration: histogram_vec(
                &r,
                "newsextract_stage_duration_seconds",
                "Time spent in one extraction stage.",
                &["stage"],
            ),
            publish_confirm_duration: histogram(
                &r,
                "newsextract_publish_confirm_duration_seconds",
                "Time from publishing an output to the broker's confirm.",
                DURATION_BUCKETS,
            ),
            broker_connected: gauge(
                &r,
                "newsextract_broker_connected",
                "1 while the AMQP connection and channels are open, else 0.",
            ),
            broker_reconnects: counter(
                &r,
                "newsextract_broker_reconnects_total",
                "Times the worker reconnected to the broker after losing it.",
            ),
            store_up: gauge(
                &r,
                "newsextract_store_up",
                "1 while the store answers, else 0.",
            ),
            store_operation_duration: histogram_vec(
                &r,
                "newsextract_store_operation_duration_seconds",
                "Duration of store operations, by operation.",
                &["operation"],
            ),
            entities_extracted: counter(
                &r,
                "newsextract_entities_extracted_total",
                "Entities extracted from articles.",
            ),
            quotations_extracted: counter(
                &r,
                "newsextract_quotations_extracted_total",
                "Quotations extracted from articles.",
            ),
            grpc_requests: counter_vec(
                &r,
                "newsextract_grpc_requests_total",
                "gRPC requests, by method and status code.",
                &["method", "code"],
            ),
            grpc_request_duration: histogram_vec(
                &r,
                "newsextract_grpc_request_duration_seconds",
                "gRPC request latency, by method.",
                &["method"],
            ),
            build_info: {
                let g = IntGaugeVec::new(
                    Opts::new(
                        "newsextract_build_info",
                        "Build information; the value is 1.",
                    ),
                    &["version"],
                )
                .expect("valid metric");
                r.register(Box::new(g.clone())).expect("unique metric");
                g
            },
            registry: r,
        };
        m.build_info
            .with_label_values(&[env!("CARGO_PKG_VERSION")])
            .set(1);
        // Make the closed label sets visible from the start, at zero.
        for code in super::envelope::InputError::CODES {
            m.messages_dead_lettered.with_label_values(&[code]);
        }
        for outcome in ["stored", "dead_lettered", "failed"] {
            m.articles_processed.with_label_values(&[outcome]);
        }
        for reason in ["store", "publish"] {
            m.messages_retried.with_label_values(&[reason]);
        }
        for stage in crate::pipeline::STAGES {
            m.stage_duration.with_label_values(&[stage]);
        }
        m
    }

    /// Prometheus text exposition format (version 0.0.4).
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut buf) {
            tracing::error!(error = %e, "cannot encode metrics");
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}

/// The process-wide metrics.
pub static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);

/// A message arrived from the input queue.
pub fn message_received(bytes: usize) {
    let m = &*METRICS;
    m.messages_received.inc();
    m.input_bytes.inc_by(bytes as u64);
    m.input_message_bytes.observe(bytes as f64);
}

/// A message was dead-lettered with `code`.
pub fn message_dead_lettered(code: &str, detail: &str, message_id: Option<&str>) {
    tracing::warn!(
        error_code = code,
        detail,
        message_id,
        "message dead-lettered"
    );
    METRICS
        .messages_dead_lettered
        .with_label_values(&[code])
        .inc();
    METRICS
        .articles_processed
        .with_label_values(&["dead_lettered"])
        .inc();
}

/// A transient failure is retried.
pub fn retry(reason: &'static str, error: &dyn std::fmt::Display, attempt: u32) {
    tracing::warn!(reason, %error, attempt, "transient failure; retrying");
    METRICS.messages_retried.with_label_values(&[reason]).inc();
}

/// The connection to the broker came up (`reconnect` when it is not the first).
pub fn broker_connected(reconnect: bool) {
    if reconnect {
        METRICS.broker_reconnects.inc();
        tracing::info!("reconnected to the broker");
    } else {
        tracing::info!("connected to the broker");
    }
    METRICS.broker_connected.set(1);
}

/// The connection to the broker was lost or could not be made.
pub fn broker_disconnected(error: &dyn std::fmt::Display) {
    tracing::warn!(%error, "broker connection lost");
    METRICS.broker_connected.set(0);
}

/// Timings of one extracted article, plus what it contained.
pub fn article_extracted(timings: &[(&'static str, u64)], entities: usize, quotations: usize) {
    let m = &*METRICS;
    let mut total = 0u64;
    for (stage, micros) in timings {
        total += micros;
        m.stage_duration
            .with_label_values(&[stage])
            .observe(*micros as f64 / 1e6);
    }
    m.article_duration.observe(total as f64 / 1e6);
    m.entities_extracted.inc_by(entities as u64);
    m.quotations_extracted.inc_by(quotations as u64);
}

/// One gRPC request finished.
pub fn grpc_request(method: &'static str, code: tonic::Code, seconds: f64) {
    let code = format!("{code:?}");
    METRICS
        .grpc_requests
        .with_label_values(&[method, &code])
        .inc();
    METRICS
        .grpc_request_duration
        .with_label_values(&[method])
        .observe(seconds);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_rules() {
        message_received(10);
        let text = METRICS.render();
        for line in text.lines().filter(|l| l.starts_with("# TYPE")) {
            let mut parts = line.split_whitespace().skip(2);
            let (name, kind) = (parts.next().unwrap(), parts.next().unwrap());
            assert!(name.starts_with("newsextract_"), "{name}");
            if kind == "counter" {
                assert!(name.ends_with("_total"), "{name}");
            }
        }
        assert!(text.contains("newsextract_messages_received_total"));
        assert!(text.contains("newsextract_build_info{version="));
    }
}
