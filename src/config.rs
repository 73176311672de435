//! One typed configuration for the worker service.
//!
//! Every setting is a command-line flag with an environment fallback
//! (`NEWSEXTRACT_<NAME>`) and a default in code. Secrets (the AMQP URL with its
//! password, a PostgreSQL URL) can also be read from files (`..._FILE`), as Kubernetes
//! mounts them. [`WorkerArgs::validate`] checks everything at start and reports every
//! problem at once, not the first one.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::service::broker::BrokerConfig;

/// Flags of `newsextract worker`.
#[derive(Debug, Clone, clap::Args)]
pub struct WorkerArgs {
    /// AMQP URL of the broker (contains credentials; prefer --amqp-url-file).
    #[arg(
        long,
        env = "NEWSEXTRACT_AMQP_URL",
        default_value = "amqp://guest:guest@127.0.0.1:5672/%2f",
        hide_env_values = true
    )]
    pub amqp_url: String,
    /// File holding the AMQP URL; overrides --amqp-url.
    #[arg(long, env = "NEWSEXTRACT_AMQP_URL_FILE")]
    pub amqp_url_file: Option<PathBuf>,
    /// Store: a SQLite file path (created when missing) or a `postgres://` URL.
    #[arg(
        long,
        env = "NEWSEXTRACT_STORE",
        default_value = "./data/newsextract.sqlite",
        hide_env_values = true
    )]
    pub store: String,
    /// File holding the store location; overrides --store.
    #[arg(long, env = "NEWSEXTRACT_STORE_FILE")]
    pub store_file: Option<PathBuf>,
    /// Address of the gRPC server.
    #[arg(long, env = "NEWSEXTRACT_GRPC_ADDR", default_value = "0.0.0.0:50051")]
    pub grpc_addr: String,
    /// Address of the HTTP server for /metrics, /healthz and /readyz.
    #[arg(long, env = "NEWSEXTRACT_METRICS_ADDR", default_value = "0.0.0.0:9090")]
    pub metrics_addr: String,
    /// Messages in flight (AMQP prefetch), 1–65535.
    #[arg(long, env = "NEWSEXTRACT_PREFETCH", default_value_t = 64)]
    pub prefetch: u32,
    /// Concurrent extractions; default: the number of CPUs.
    #[arg(long, env = "NEWSEXTRACT_WORKERS")]
    pub workers: Option<usize>,
    /// Largest accepted message body in bytes (before and after gzip).
    #[arg(long, env = "NEWSEXTRACT_MAX_MESSAGE_BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_message_bytes: usize,
    /// Largest extracted `Article` the worker publishes, in bytes; a message whose
    /// result is larger is dead-lettered as `output_too_large`. Keep it at or under the
    /// broker's `max_message_size` (16 MiB by default since RabbitMQ 4.0).
    #[arg(long, env = "NEWSEXTRACT_MAX_OUTPUT_BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_output_bytes: usize,
    /// Exchange scrapers publish raw articles to.
    #[arg(
        long,
        env = "NEWSEXTRACT_INPUT_EXCHANGE",
        default_value = "articles.raw"
    )]
    pub input_exchange: String,
    /// Exchange extracted articles are published to.
    #[arg(
        long,
        env = "NEWSEXTRACT_OUTPUT_EXCHANGE",
        default_value = "articles.extracted"
    )]
    pub output_exchange: String,
    /// Exchange for messages that cannot be processed.
    #[arg(
        long,
        env = "NEWSEXTRACT_DEAD_LETTER_EXCHANGE",
        default_value = "articles.dead"
    )]
    pub dead_letter_exchange: String,
    /// Quorum queue the workers consume.
    #[arg(long, env = "NEWSEXTRACT_QUEUE", default_value = "newsextract.raw")]
    pub queue: String,
    /// Queue that collects dead-lettered messages.
    #[arg(
        long,
        env = "NEWSEXTRACT_DEAD_LETTER_QUEUE",
        default_value = "newsextract.dead"
    )]
    pub dead_letter_queue: String,
    /// Deliveries of one message before the queue dead-letters it (poison messages).
    #[arg(long, env = "NEWSEXTRACT_DELIVERY_LIMIT", default_value_t = 5)]
    pub delivery_limit: u32,
    /// Longest one extraction may take, in seconds, before the message is returned.
    #[arg(
        long,
        env = "NEWSEXTRACT_EXTRACT_TIMEOUT_SECONDS",
        default_value_t = 30
    )]
    pub extract_timeout_seconds: u64,
    /// How long shutdown waits for in-flight messages, in seconds.
    #[arg(long, env = "NEWSEXTRACT_SHUTDOWN_GRACE_SECONDS", default_value_t = 20)]
    pub shutdown_grace_seconds: u64,
}

/// Validated configuration of the service.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    pub broker: BrokerConfig,
    pub store: String,
    pub grpc_addr: SocketAddr,
    pub metrics_addr: SocketAddr,
}

fn read_secret(path: &std::path::Path, what: &str, problems: &mut Vec<String>) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Ok(_) => {
            problems.push(format!("{what} file {} is empty", path.display()));
            None
        }
        Err(e) => {
            problems.push(format!("cannot read {what} file {}: {e}", path.display()));
            None
        }
    }
}

/// `url` without its password, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(_) => url.to_string(),
        // not a URL (a bad port, say): still never show what sits between `user:` and
        // the last `@` of the authority
        Err(_) => {
            let Some((scheme, rest)) = url.split_once("://") else {
                return url.to_string();
            };
            let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let (authority, path) = rest.split_at(authority_end);
            match authority.rsplit_once('@') {
                Some((userinfo, host)) => match userinfo.split_once(':') {
                    Some((user, _)) => format!("{scheme}://{user}:***@{host}{path}"),
                    None => url.to_string(),
                },
                None => url.to_string(),
            }
        }
    }
}

impl WorkerArgs {
    /// Checks every setting.
    ///
    /// # Errors
    /// All problems found, one sentence each.
    pub fn validate(&self) -> Result<ServiceConfig, Vec<String>> {
        let mut problems = Vec::new();
        let amqp_url = match &self.amqp_url_file {
            Some(p) => read_secret(p, "AMQP URL", &mut problems).unwrap_or_default(),
            None => self.amqp_url.clone(),
        };
        if !problems.is_empty() {
            // reported below with the rest
        } else if !(amqp_url.starts_with("amqp://") || amqp_url.starts_with("amqps://")) {
            problems.push("amqp-url must start with amqp:// or amqps://".into());
        } else if let Err(e) = amqp_url.parse::<lapin::uri::AMQPUri>() {
            // caught here, not as a connection retried forever
            problems.push(format!(
                "amqp-url {:?} is not a valid AMQP URI: {e}",
                redact_url(&amqp_url)
            ));
        }
        let store = match &self.store_file {
            Some(p) => read_secret(p, "store", &mut problems).unwrap_or_default(),
            None => self.store.clone(),
        };
        let scheme = store.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        if store.trim().is_empty()
            || scheme.is_some_and(|s| !matches!(s.as_str(), "postgres" | "postgresql" | "sqlite"))
        {
            problems.push(format!(
                "store {:?} must be a SQLite file path or a postgres:// URL",
                redact_url(&store)
            ));
        }
        let addr = |name: &str, v: &str, problems: &mut Vec<String>| match v.parse::<SocketAddr>() {
            Ok(a) => Some(a),
            Err(_) => {
                problems.push(format!(
                    "{name} {v:?} is not an address such as 0.0.0.0:9090"
                ));
                None
            }
        };
        let grpc_addr = addr("grpc-addr", &self.grpc_addr, &mut problems);
        let metrics_addr = addr("metrics-addr", &self.metrics_addr, &mut problems);
        if let (Some(g), Some(m)) = (grpc_addr, metrics_addr) {
            if g == m && g.port() != 0 {
                problems.push("grpc-addr and metrics-addr must differ".into());
            }
        }
        let prefetch = u16::try_from(self.prefetch).ok().filter(|p| *p > 0);
        if prefetch.is_none() {
            problems.push(format!(
                "prefetch must be between 1 and 65535, not {}",
                self.prefetch
            ));
        }
        let workers = self
            .workers
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from));
        if workers == 0 || workers > 1024 {
            problems.push(format!("workers must be between 1 and 1024, not {workers}"));
        }
        if self.max_message_bytes < 1024 {
            problems.push("max-message-bytes must be at least 1024".into());
        }
        if self.max_output_bytes < 1024 {
            problems.push("max-output-bytes must be at least 1024".into());
        }
        if self.delivery_limit == 0 {
            problems.push("delivery-limit must be at least 1".into());
        }
        if self.extract_timeout_seconds == 0 {
            problems.push("extract-timeout-seconds must be at least 1".into());
        }
        for (name, v) in [
            ("input-exchange", &self.input_exchange),
            ("output-exchange", &self.output_exchange),
            ("dead-letter-exchange", &self.dead_letter_exchange),
            ("queue", &self.queue),
            ("dead-letter-queue", &self.dead_letter_queue),
        ] {
            if v.trim().is_empty() || v.len() > 255 {
                problems.push(format!("{name} must be 1 to 255 characters"));
            } else if v.chars().any(char::is_control) {
                problems.push(format!("{name} {v:?} must not contain control characters"));
            }
        }
        if self.queue == self.dead_letter_queue {
            problems.push("queue and dead-letter-queue must differ".into());
        }
        // The same exchange for two roles loops: a dead-lettered message routed back to
        // the input queue, or every output read back as input.
        for (a, b, x, y) in [
            (
                "input-exchange",
                "dead-letter-exchange",
                &self.input_exchange,
                &self.dead_letter_exchange,
            ),
            (
                "input-exchange",
                "output-exchange",
                &self.input_exchange,
                &self.output_exchange,
            ),
            (
                "output-exchange",
                "dead-letter-exchange",
                &self.output_exchange,
                &self.dead_letter_exchange,
            ),
        ] {
            if x == y {
                problems.push(format!("{a} and {b} must differ"));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ServiceConfig {
            broker: BrokerConfig {
                amqp_url,
                input_exchange: self.input_exchange.clone(),
                output_exchange: self.output_exchange.clone(),
                dead_letter_exchange: self.dead_letter_exchange.clone(),
                queue: self.queue.clone(),
                dead_letter_queue: self.dead_letter_queue.clone(),
                prefetch: prefetch.unwrap_or(1),
                delivery_limit: self.delivery_limit,
                max_message_bytes: self.max_message_bytes,
                max_output_bytes: self.max_output_bytes,
                workers,
                extract_timeout: Duration::from_secs(self.extract_timeout_seconds),
                shutdown_grace: Duration::from_secs(self.shutdown_grace_seconds),
            },
            store,
            grpc_addr: grpc_addr.unwrap_or_else(|| ([0, 0, 0, 0], 50051).into()),
            metrics_addr: metrics_addr.unwrap_or_else(|| ([0, 0, 0, 0], 9090).into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct T {
        #[command(flatten)]
        w: WorkerArgs,
    }

    #[test]
    fn defaults_are_valid() {
        let t = T::parse_from(["x"]);
        let c = t.w.validate().unwrap();
        assert_eq!(c.broker.queue, "newsextract.raw");
        assert_eq!(c.store, "./data/newsextract.sqlite");
        assert_eq!(c.grpc_addr.port(), 50051);
    }

    #[test]
    fn every_problem_is_listed() {
        let t = T::parse_from([
            "x",
            "--amqp-url",
            "http://nope",
            "--grpc-addr",
            "nowhere",
            "--prefetch",
            "0",
            "--delivery-limit",
            "0",
            "--queue",
            "",
            "--store",
            "mysql://u:secret@db/x",
        ]);
        let problems = t.w.validate().unwrap_err();
        assert_eq!(problems.len(), 6, "{problems:#?}");
        assert!(
            !problems.iter().any(|p| p.contains("secret")),
            "passwords are not shown"
        );
    }

    #[test]
    fn broker_settings_that_cannot_work_are_refused() {
        let problems = |args: &[&str]| {
            let mut all = vec!["x"];
            all.extend_from_slice(args);
            T::parse_from(all).w.validate().err().unwrap_or_default()
        };
        let p = problems(&["--amqp-url", "amqp://guest:hunter2@127.0.0.1:notaport/x"]);
        assert!(
            p.len() == 1 && p[0].contains("not a valid AMQP URI"),
            "{p:?}"
        );
        assert!(!p[0].contains("hunter2"));
        let p = problems(&["--queue", "bad\nname"]);
        assert!(p.len() == 1 && p[0].contains("control characters"), "{p:?}");
        let p = problems(&[
            "--input-exchange",
            "loop.x",
            "--dead-letter-exchange",
            "loop.x",
        ]);
        assert_eq!(p, ["input-exchange and dead-letter-exchange must differ"]);
        let p = problems(&["--output-exchange", "articles.raw"]);
        assert_eq!(p, ["input-exchange and output-exchange must differ"]);
        assert!(problems(&["--amqp-url", "amqps://u:p@broker.example:5671/%2f"]).is_empty());
    }

    #[test]
    fn secrets_from_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("amqp");
        std::fs::write(&p, "amqp://u:p@host:5672/%2f\n").unwrap();
        let t = T::parse_from(["x", "--amqp-url-file", p.to_str().unwrap()]);
        assert_eq!(
            t.w.validate().unwrap().broker.amqp_url,
            "amqp://u:p@host:5672/%2f"
        );
        let t = T::parse_from(["x", "--amqp-url-file", "/nonexistent/file"]);
        assert!(t.w.validate().unwrap_err()[0].contains("cannot read"));
    }
}
