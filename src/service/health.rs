//! Liveness and readiness, and the HTTP endpoints that expose them with the metrics.
//!
//! `/healthz` answers 200 while the process runs (liveness); `/readyz` answers 200
//! only while the broker channel is open and the store answers (readiness), so an
//! orchestrator stops routing to, but does not restart, a replica whose dependencies
//! are down. `/metrics` is the Prometheus text format.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio_util::sync::CancellationToken;

use super::metrics::METRICS;
use super::store::Store;

/// Readiness of the dependencies, shared by the worker, the store pinger and the
/// gRPC health service.
#[derive(Debug, Default)]
pub struct Health {
    broker: AtomicBool,
    store: AtomicBool,
    /// Set when the worker is not meant to consume (query-only mode): the broker is
    /// then not required for readiness.
    broker_optional: AtomicBool,
}

impl Health {
    pub fn new(broker_required: bool) -> Self {
        let h = Health::default();
        h.broker_optional.store(!broker_required, Ordering::Relaxed);
        h
    }

    pub fn set_broker(&self, up: bool) {
        self.broker.store(up, Ordering::Relaxed);
    }

    pub fn set_store(&self, up: bool) {
        self.store.store(up, Ordering::Relaxed);
        METRICS.store_up.set(i64::from(up));
    }

    pub fn broker_up(&self) -> bool {
        self.broker.load(Ordering::Relaxed)
    }

    pub fn store_up(&self) -> bool {
        self.store.load(Ordering::Relaxed)
    }

    /// Ready to do its job: store reachable and (when consuming) broker channel open.
    pub fn ready(&self) -> bool {
        self.store_up() && (self.broker_up() || self.broker_optional.load(Ordering::Relaxed))
    }
}

/// Pings the store every `every` and records the result, until `shutdown`.
pub async fn watch_store(
    store: Arc<dyn Store>,
    health: Arc<Health>,
    every: Duration,
    shutdown: CancellationToken,
) {
    loop {
        let up = matches!(tokio::time::timeout(every, store.ping()).await, Ok(Ok(())));
        if up != health.store_up() {
            if up {
                tracing::info!("store reachable");
            } else {
                tracing::warn!("store unreachable");
            }
        }
        health.set_store(up);
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(every) => {}
        }
    }
}

async fn metrics() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        METRICS.render(),
    )
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(h): State<Arc<Health>>) -> (StatusCode, String) {
    let body = format!(
        "broker: {}\nstore: {}\n",
        if h.broker_up() { "up" } else { "down" },
        if h.store_up() { "up" } else { "down" }
    );
    if h.ready() {
        (StatusCode::OK, body)
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, body)
    }
}

/// The HTTP router: `/metrics`, `/healthz`, `/readyz`.
pub fn router(health: Arc<Health>) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(health)
}

/// Serves [`router`] on `listener` until `shutdown`.
///
/// # Errors
/// An I/O error of the listener.
pub async fn serve(
    listener: tokio::net::TcpListener,
    health: Arc<Health>,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    axum::serve(listener, router(health))
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
}

/// Binds `addr`.
///
/// # Errors
/// When the address cannot be bound.
pub async fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await
}
