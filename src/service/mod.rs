//! The service layer: everything with I/O, wired around the pipeline.
//!
//! | module | job |
//! |---|---|
//! | [`envelope`] | one AMQP message (or file) → the pipeline's `RawInput`, or a coded error |
//! | [`broker`] | consume, extract, store, publish, ack; dead-lettering; reconnects |
//! | [`store`] | the `Store` interface, SQLite and PostgreSQL backends, change feed |
//! | [`grpc`] | `ArticleService`, health, reflection; the error → status mapping |
//! | [`health`] | readiness state and the HTTP `/metrics`, `/healthz`, `/readyz` |
//! | [`metrics`] | every metric, and the events that update them |
//!
//! [`start`] brings everything up; cancelling its token shuts everything down in
//! order: the consumer first, then in-flight messages drain, then the servers stop.

pub mod broker;
pub mod envelope;
pub mod grpc;
pub mod health;
pub mod metrics;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::config::ServiceConfig;
use crate::pipeline::Pipeline;

/// A started service.
pub struct Running {
    /// Where gRPC listens (the real port when configured with port 0).
    pub grpc_addr: SocketAddr,
    /// Where `/metrics`, `/healthz`, `/readyz` listen.
    pub metrics_addr: SocketAddr,
    pub health: Arc<health::Health>,
    tasks: JoinSet<anyhow::Result<()>>,
}

impl Running {
    /// Waits until every part has stopped (after the shutdown token is cancelled).
    ///
    /// # Errors
    /// The first part that failed.
    pub async fn wait(mut self) -> anyhow::Result<()> {
        let mut first_err = None;
        while let Some(r) = self.tasks.join_next().await {
            let r = r.map_err(anyhow::Error::from).and_then(|x| x);
            if let Err(e) = r {
                first_err.get_or_insert(e);
            }
        }
        first_err.map_or(Ok(()), Err)
    }
}

/// Opens the store, binds the servers and starts the worker; returns once everything
/// is listening.
///
/// # Errors
/// When the store cannot be opened or an address cannot be bound.
pub async fn start(cfg: ServiceConfig, shutdown: CancellationToken) -> anyhow::Result<Running> {
    let store = store::open(&cfg.store).await.with_context(|| {
        format!(
            "cannot open store {:?}",
            crate::config::redact_url(&cfg.store)
        )
    })?;
    let pipeline = Arc::new(Pipeline::new());
    let health = Arc::new(health::Health::new(true));
    health.set_store(true);

    let grpc_listener = grpc::bind(cfg.grpc_addr)
        .await
        .with_context(|| format!("cannot bind gRPC address {}", cfg.grpc_addr))?;
    let http_listener = health::bind(cfg.metrics_addr)
        .await
        .with_context(|| format!("cannot bind metrics address {}", cfg.metrics_addr))?;
    let grpc_addr = grpc_listener.local_addr()?;
    let metrics_addr = http_listener.local_addr()?;
    tracing::info!(%grpc_addr, %metrics_addr, store = %crate::config::redact_url(&cfg.store), queue = %cfg.broker.queue, "newsextract starting");

    let mut tasks = JoinSet::new();
    // Servers stop after the worker has drained, so readiness and metrics stay
    // visible during shutdown.
    let servers_stop = CancellationToken::new();
    {
        let api = grpc::Api::new(store.clone(), pipeline.clone())
            .with_max_extract_bytes(cfg.broker.max_message_bytes);
        let (h, s) = (health.clone(), servers_stop.clone());
        tasks.spawn(async move {
            grpc::serve(grpc_listener, api, h, s)
                .await
                .context("gRPC server failed")
        });
    }
    {
        let (h, s) = (health.clone(), servers_stop.clone());
        tasks.spawn(async move {
            health::serve(http_listener, h, s)
                .await
                .context("HTTP server failed")
        });
    }
    {
        let (st, h, s) = (store.clone(), health.clone(), servers_stop.clone());
        tasks.spawn(async move {
            health::watch_store(st, h, Duration::from_secs(2), s).await;
            Ok(())
        });
    }
    {
        let worker = broker::Worker {
            cfg: cfg.broker.clone(),
            pipeline,
            store,
            health: health.clone(),
        };
        tasks.spawn(async move {
            worker.run(shutdown).await;
            servers_stop.cancel();
            Ok(())
        });
    }
    Ok(Running {
        grpc_addr,
        metrics_addr,
        health,
        tasks,
    })
}
