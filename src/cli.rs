//! The `newsextract` command line: `worker` (the service), `extract` (one article,
//! offline), `publish` (send files to the input exchange), `query` (gRPC client).
//!
//! Exit codes: 0 success, 1 a runtime failure (one-line error on stderr), 2 bad usage
//! or configuration (every problem listed).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};
use futures::stream::{FuturesUnordered, StreamExt};
use lapin::BasicProperties;
use tokio_util::sync::CancellationToken;

use crate::config::WorkerArgs;
use crate::pipeline::{self, Pipeline};
use crate::proto::{self, v1};
use crate::service::{self, broker, envelope};

/// `println!` that returns an error (`cannot write to standard output: No space left on
/// device`) instead of panicking when stdout cannot be written.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*).context("cannot write to standard output")?
    }};
}

#[derive(Debug, Parser)]
#[command(
    name = "newsextract",
    version,
    about = "Extract who said what, about whom, when and where, from news articles"
)]
struct Cli {
    /// Log format.
    #[arg(long, env = "NEWSEXTRACT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    log_format: LogFormat,
    /// Log filter (tracing `EnvFilter` syntax, e.g. `info,newsextract=debug`). The HTML
    /// parser's notes on malformed markup are silenced unless named here.
    #[arg(long, env = "NEWSEXTRACT_LOG", default_value = "info", global = true)]
    log: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the service: consume from RabbitMQ, extract, store, publish; serve gRPC and
    /// metrics.
    Worker(WorkerArgs),
    /// Extract one article from a file (or `-` for stdin) and print its `Article` as
    /// proto3 JSON. HTML, plain text and JSON envelopes are recognised by content.
    Extract(ExtractArgs),
    /// Publish files, folders or JSON lines to the input exchange, with confirms.
    Publish(PublishArgs),
    /// Query a running service over gRPC; prints proto3 JSON.
    Query(QueryArgs),
    /// Benchmarks that print tables (see BENCHMARKS.md).
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Accuracy on the public datasets (see EVALUATION.md).
    Eval(EvalArgs),
    /// Train a model from the shared datasets.
    #[command(subcommand)]
    Train(TrainWhat),
}

#[derive(Debug, Subcommand)]
enum TrainWhat {
    /// The named-entity tagger (averaged perceptron) on CoNLL-2003; writes
    /// `OUT/ner.bin.gz`, which the build embeds (rebuild after training).
    Ner {
        #[arg(long, default_value = "../shared/data/conll2003/train.txt")]
        train: PathBuf,
        #[arg(long, default_value = "../shared/data/conll2003/valid.txt")]
        valid: PathBuf,
        #[arg(long, default_value = "models/gazetteers")]
        gazetteers: PathBuf,
        #[arg(long, default_value = "models/ner")]
        out: PathBuf,
        #[arg(long, default_value_t = 20)]
        epochs: usize,
    },
    /// The learned cue and role taggers of the quotation stage (averaged perceptrons)
    /// on PolNeAR `train`, epochs chosen on `dev`; writes `OUT/quotations.bin.gz`,
    /// which the build embeds (rebuild after training).
    Quotations {
        /// The PolNeAR folder (with `train/` and `dev/`).
        #[arg(long, default_value = "../shared/data/polnear")]
        polnear: PathBuf,
        /// The word-cluster lexicon baked into the model.
        #[arg(long, default_value = "models/gazetteers/clusters.tsv")]
        clusters: PathBuf,
        #[arg(long, default_value = "models/quotations")]
        out: PathBuf,
        /// Passes over `train`; each tagger keeps its best pass on `dev`.
        #[arg(long, default_value_t = 20)]
        epochs: usize,
        /// log2 of the feature hash table's rows.
        #[arg(long, default_value_t = crate::pipeline::quotations::learned::BITS)]
        bits: u32,
        /// Also list the N most frequent cue-tagger errors on `dev`.
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
}

#[derive(Debug, clap::Args)]
struct EvalArgs {
    #[command(subcommand)]
    what: EvalWhat,
    /// Folder of the shared datasets.
    #[arg(long, global = true, default_value = "../shared/data")]
    data: PathBuf,
    /// Fail (exit 1) below the recorded floor.
    #[arg(long, global = true)]
    check: bool,
}

#[derive(Debug, Clone, Subcommand)]
enum EvalWhat {
    /// Main text on the article-extraction-benchmark (shingle P/R/F1, speed).
    MainText {
        /// Evaluate only the first N pages (quick CI run).
        #[arg(long)]
        limit: Option<usize>,
        /// Extract each page this many times and time its fastest run.
        #[arg(long, default_value_t = 3)]
        repeat: usize,
        /// Score another extractor's output instead of ours, with the same metric
        /// (a JSON object `{page id: {"text": …}}`, as
        /// `scripts/baseline_trafilatura.py` writes).
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Title, author, date and boilerplate snippets on metadata-eval; agreement with
    /// Readability.js on readability-test-pages.
    Metadata {
        #[arg(long)]
        limit: Option<usize>,
        /// Also list the first N wrong titles, author lists and dates (expected and
        /// ours), and `with` snippets missing and `without` snippets present, by page.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Score another extractor's output instead of ours (a JSON object
        /// `{file name: {"text", "title", "author", "date"}}`).
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Temporal expressions on TimeBank (TempEval-3 scoring).
    Temporal,
    /// Named entities on CoNLL-2003 valid (as is, upper-cased, lower-cased) and on
    /// Universal NER English-EWT (web text, no retraining).
    Ner {
        /// Also list the N most frequent errors (false positives, misses, wrong
        /// types) of each set.
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
    /// Quotations (content, source, cue) on PolNeAR.
    Quotations {
        /// `dev` or `train`.
        #[arg(long, default_value = "dev")]
        split: String,
        /// Also list the N most frequent errors (missed and spurious attributions by
        /// cue, wrong cues, wrong sources).
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Also print the first N examples of missed and spurious attributions and wrong sources,
        /// each with the text before it.
        #[arg(long, default_value_t = 0)]
        examples: usize,
        /// Score the rules alone, without the learned cue and role taggers (ablation).
        #[arg(long)]
        rules_only: bool,
        /// Score the second annotator against the first on the texts two annotators
        /// annotated (inter-annotator agreement, a ceiling for the stage), instead of
        /// the stage.
        #[arg(long, conflicts_with = "rules_only")]
        agreement: bool,
    },
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Throughput, latency and memory of a real worker process fed through RabbitMQ.
    Worker(crate::bench::BenchWorkerArgs),
    /// gRPC query latency over a store filled with replicated real articles.
    Query(crate::bench::BenchQueryArgs),
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// File to read, or `-` for standard input.
    file: String,
    /// URL of the page (resolves relative links; used for the article id).
    #[arg(long)]
    url: Option<String>,
    /// Content type, when sniffing is not wanted (e.g. `text/html; charset=shift_jis`).
    #[arg(long)]
    content_type: Option<String>,
    /// One line of JSON instead of indented.
    #[arg(long)]
    compact: bool,
}

#[derive(Debug, clap::Args)]
struct PublishArgs {
    /// Files, folders (read recursively; there only article files are taken: `.html`,
    /// `.htm`, `.txt`, `.json`, `.jsonl`, `.ndjson`, `.pb`, each optionally `.gz`;
    /// hidden files and folders skipped) or `.jsonl` files (one envelope per line).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// AMQP URL of the broker.
    #[arg(
        long,
        env = "NEWSEXTRACT_AMQP_URL",
        default_value = "amqp://guest:guest@127.0.0.1:5672/%2f",
        hide_env_values = true
    )]
    amqp_url: String,
    /// Exchange to publish to.
    #[arg(
        long,
        env = "NEWSEXTRACT_INPUT_EXCHANGE",
        default_value = "articles.raw"
    )]
    exchange: String,
    /// Routing key.
    #[arg(long, default_value = "article.raw")]
    routing_key: String,
    /// Messages per second; 0 for as fast as the broker confirms.
    #[arg(long, default_value_t = 0.0, value_parser = non_negative_rate)]
    rate: f64,
    /// Publish every file this many times (at least 1), each copy with its own message id.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    repeat: u32,
    /// Stop after this many messages (0: no limit).
    #[arg(long, default_value_t = 0)]
    limit: usize,
    /// Hide the progress bar.
    #[arg(long)]
    quiet: bool,
}

#[derive(Debug, clap::Args)]
struct QueryArgs {
    /// gRPC address of the service.
    #[arg(
        long,
        env = "NEWSEXTRACT_QUERY_ADDR",
        default_value = "http://127.0.0.1:50051"
    )]
    addr: String,
    #[command(subcommand)]
    method: QueryMethod,
}

#[derive(Debug, Subcommand)]
enum QueryMethod {
    /// GetArticle.
    Get {
        /// Article id.
        id: String,
    },
    /// SearchArticles.
    Search {
        /// Full-text query.
        #[arg(long, short = 'q', default_value = "")]
        query: String,
        /// Source domain or name, exact.
        #[arg(long, default_value = "")]
        source: String,
        /// ISO 639-1 language code.
        #[arg(long, default_value = "")]
        language: String,
        /// Entity canonical name or alias, exact (case-insensitive).
        #[arg(long, default_value = "")]
        entity: String,
        /// Quotation speaker name, exact (case-insensitive).
        #[arg(long, default_value = "")]
        speaker: String,
        /// Published at or after (RFC 3339 or YYYY-MM-DD).
        #[arg(long)]
        after: Option<String>,
        /// Published before (RFC 3339 or YYYY-MM-DD).
        #[arg(long)]
        before: Option<String>,
        /// Results per page, 1–100 (0: 20).
        #[arg(long, default_value_t = 0)]
        page_size: i32,
        /// `next_page_token` of the previous page.
        #[arg(long, default_value = "")]
        page_token: String,
    },
    /// ListQuotations.
    Quotations {
        #[arg(long, default_value = "")]
        speaker: String,
        #[arg(long, short = 'q', default_value = "")]
        query: String,
        /// Results per page, 1–100 (0: 20).
        #[arg(long, default_value_t = 0)]
        page_size: i32,
        /// `next_page_token` of the previous page.
        #[arg(long, default_value = "")]
        page_token: String,
    },
    /// TopEntities.
    TopEntities {
        /// Window start: published at or after (RFC 3339 or YYYY-MM-DD).
        #[arg(long)]
        after: Option<String>,
        /// Window end: published before (RFC 3339 or YYYY-MM-DD).
        #[arg(long)]
        before: Option<String>,
        /// Entities to list, 1–100 (0: 20).
        #[arg(long, default_value_t = 0)]
        limit: i32,
    },
    /// ExtractArticle: send a file to the service for synchronous extraction.
    Extract {
        /// HTML (`.html`) or text file.
        file: PathBuf,
        /// URL of the page.
        #[arg(long, default_value = "")]
        url: String,
    },
    /// WatchArticles: print new articles as they are extracted (Ctrl-C to stop).
    Watch {
        /// Only articles from this source (domain or name).
        #[arg(long, default_value = "")]
        source: String,
        /// Only articles in this language (BCP 47, e.g. `en`).
        #[arg(long, default_value = "")]
        language: String,
        /// Only articles naming this entity (canonical name or alias, any case).
        #[arg(long, default_value = "")]
        entity: String,
    },
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = init_tracing(cli.log_format, &cli.log) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    if !matches!(
        cli.command,
        Command::Worker(_) | Command::Publish(_) | Command::Bench(_)
    ) {
        die_quietly_on_closed_stdout();
    }
    let result = match cli.command {
        Command::Worker(args) => match args.validate() {
            Ok(cfg) => runtime().and_then(|rt| {
                let r = rt.block_on(worker(cfg));
                // An extraction still running on the blocking pool (it cannot be
                // interrupted) must not hold the exit: its message is unacked and
                // returns to the queue.
                rt.shutdown_timeout(std::time::Duration::from_secs(1));
                r
            }),
            Err(problems) => {
                eprintln!("error: invalid configuration:");
                for p in problems {
                    eprintln!("  - {p}");
                }
                return ExitCode::from(2);
            }
        },
        Command::Extract(args) => extract(&args),
        Command::Publish(args) => runtime().and_then(|rt| rt.block_on(publish(args))),
        Command::Query(args) => runtime().and_then(|rt| rt.block_on(query(args))),
        Command::Bench(BenchCommand::Worker(args)) => {
            runtime().and_then(|rt| rt.block_on(crate::bench::worker(args)))
        }
        Command::Eval(args) => eval(&args),
        Command::Train(TrainWhat::Ner {
            train,
            valid,
            gazetteers,
            out,
            epochs,
        }) => crate::pipeline::entities::train::train(&train, &valid, &gazetteers, &out, epochs)
            .map_err(|e| anyhow::anyhow!(e))
            .and_then(|report| {
                outln!("{report}");
                Ok(())
            }),
        Command::Train(TrainWhat::Quotations {
            polnear,
            clusters,
            out,
            epochs,
            bits,
            errors,
        }) => train_quotations(&polnear, &clusters, &out, epochs, bits, errors),
        Command::Bench(BenchCommand::Query(args)) => {
            runtime().and_then(|rt| rt.block_on(crate::bench::query(args)))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Makes a closed stdout end the process quietly, as it ends `cat` or `grep`
/// (`newsextract eval ner --errors 500 | head`), instead of a panic in `println!`.
///
/// Rust starts every program with SIGPIPE ignored, so a write to a closed pipe returns
/// an error, and `println!` panics on it. This restores the default action (the
/// process ends on the signal) for the commands that print a report or results. The
/// worker, `publish` and the benchmarks keep SIGPIPE ignored: they hold broker
/// connections, and a peer that goes away must be an error they handle, not their end.
/// (`query` holds a gRPC connection too, but the standard library writes to sockets with
/// `MSG_NOSIGNAL`, so only its stdout can raise the signal.)
fn die_quietly_on_closed_stdout() {
    #[cfg(unix)]
    // SAFETY: called once at start, before any thread exists; `signal` with `SIG_DFL`
    // only resets the disposition of SIGPIPE and touches no memory of ours.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn init_tracing(format: LogFormat, filter: &str) -> Result<(), String> {
    // Real pages are full of malformed markup; html5ever reports each repair at warn.
    let filter = if filter.contains("html5ever") {
        filter.to_string()
    } else {
        format!("{filter},html5ever=error")
    };
    let filter = tracing_subscriber::EnvFilter::try_new(&filter)
        .map_err(|e| format!("invalid --log filter {filter:?}: {e}"))?;
    use std::io::IsTerminal;
    // A log line that cannot be written (stderr a closed pipe: `worker 2>&1 | head`) is
    // dropped. tracing-subscriber would otherwise report it with `eprintln!`, which
    // panics on that same closed stderr, in whichever task logged, and a panicking
    // signal task never started the shutdown.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .log_internal_errors(false)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
    Ok(())
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

async fn worker(cfg: crate::config::ServiceConfig) -> anyhow::Result<()> {
    let shutdown = CancellationToken::new();
    let running = service::start(cfg, shutdown.clone()).await?;
    let signal = shutdown.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        signal.cancel();
        tracing::info!("shutdown signal received");
    });
    running.wait().await
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Why `--check` is refused with `--predictions`.
const CHECK_WITH_PREDICTIONS: &str =
    "--check holds our own output to its floor; it does not apply with --predictions";

fn eval(args: &EvalArgs) -> anyhow::Result<()> {
    use crate::eval::{html, timebank};
    let data = &args.data;
    if !data.is_dir() {
        bail!("dataset folder {} not found (use --data)", data.display());
    }
    let err = |e: String| anyhow::anyhow!(e);
    match args.what.clone() {
        EvalWhat::MainText {
            limit,
            predictions: Some(file),
            ..
        } => {
            if args.check {
                bail!(CHECK_WITH_PREDICTIONS);
            }
            let predictions = html::read_predictions(&file).map_err(err)?;
            let dir = data.join("article-extraction-benchmark");
            let r = html::main_text_of(&dir, limit, &predictions).map_err(err)?;
            outln!(
                "Main text of {}, article-extraction-benchmark ({} pages)\n",
                file.display(),
                r.pages
            );
            outln!("{r}");
        }
        EvalWhat::MainText { limit, repeat, .. } => {
            let r = html::main_text(&data.join("article-extraction-benchmark"), limit, repeat)
                .map_err(err)?;
            outln!("{r}");
            if args.check {
                html::main_text_floor(&r).map_err(err)?;
            }
        }
        EvalWhat::Metadata {
            limit,
            errors,
            predictions,
        } => {
            if args.check && predictions.is_some() {
                bail!(CHECK_WITH_PREDICTIONS);
            }
            let dir = data.join("metadata-eval");
            let r = match &predictions {
                Some(file) => {
                    let predictions = html::read_predictions(file).map_err(err)?;
                    let r = html::metadata_of(&dir, limit, &predictions).map_err(err)?;
                    outln!("Predictions of {}", file.display());
                    r
                }
                None => html::metadata(&dir, limit).map_err(err)?,
            };
            outln!("{r}");
            for field in ["title", "author", "date", "with ", "without "] {
                for e in r
                    .errors
                    .iter()
                    .filter(|e| e.starts_with(field))
                    .take(errors)
                {
                    outln!("- {e}");
                }
            }
            if predictions.is_some() {
                // Readability.js agreement and the floor concern our own output.
                return Ok(());
            }
            let rd = html::readability(&data.join("readability-test-pages")).map_err(err)?;
            outln!("{rd}");
            if args.check {
                html::metadata_floor(&r).map_err(err)?;
            }
        }
        EvalWhat::Ner { errors } => {
            use crate::eval::conll::{evaluate, evaluate_uner, Case};
            let model = crate::pipeline::entities::Model::from_bytes(crate::pipeline::NER_MODEL)
                .map_err(err)?;
            let valid = data.join("conll2003/valid.txt");
            for (name, case) in [
                ("as is", Case::AsIs),
                ("upper-cased", Case::Upper),
                ("lower-cased", Case::Lower),
            ] {
                let r = evaluate(&valid, &model, case).map_err(err)?;
                outln!("CoNLL-2003 valid, {name}\n\n{r}");
                if errors > 0 {
                    outln!("{}", r.errors_table(errors));
                }
                if args.check && matches!(case, Case::AsIs) {
                    r.floor_check(91.0).map_err(err)?;
                }
            }
            let stage = crate::eval::conll::evaluate_conll_stage(&valid, &model).map_err(err)?;
            outln!(
                "CoNLL-2003 valid, whole entity stage on the tokens joined by spaces\n\n{stage}"
            );
            if errors > 0 {
                outln!("{}", stage.errors_table(errors));
            }
            if args.check {
                stage.floor_check(91.5).map_err(err)?;
            }
            let uner = std::fs::read_dir(data.join("uner-en-ewt"))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.extension().is_some_and(|x| x == "iob2"))
                .context("no .iob2 file in uner-en-ewt")?;
            let r = evaluate_uner(&uner, &model).map_err(err)?;
            outln!("Universal NER English-EWT ({})\n\n{r}", uner.display());
            if errors > 0 {
                outln!("{}", r.errors_table(errors));
            }
            let stage = crate::eval::conll::evaluate_uner_stage(&uner, &model).map_err(err)?;
            outln!("Universal NER English-EWT, whole entity stage on the raw sentences\n\n{stage}");
            if errors > 0 {
                outln!("{}", stage.errors_table(errors));
            }
            if args.check {
                r.floor_check(59.5).map_err(err)?;
                stage.floor_check(69.5).map_err(err)?;
            }
        }
        EvalWhat::Quotations {
            ref split,
            errors,
            examples,
            rules_only,
            agreement,
        } => {
            let dir = data.join("polnear").join(split);
            if agreement {
                let r = crate::eval::polnear::agreement(&dir).map_err(err)?;
                outln!("{r}");
                return Ok(());
            }
            let r = if rules_only {
                crate::eval::polnear::evaluate_with(&dir, |t, p, s| {
                    crate::pipeline::quotations::extract_with(None, t, p, s)
                })
            } else {
                crate::eval::polnear::evaluate(&dir)
            }
            .map_err(err)?;
            outln!("{r}");
            for (e, c) in r.errors.iter().take(errors) {
                outln!("- {c} × {e}");
            }
            for e in r.examples.iter().take(examples) {
                outln!("- {e}");
            }
            if args.check {
                crate::eval::polnear::floor_check(&r).map_err(err)?;
            }
        }
        EvalWhat::Temporal => {
            let r = timebank::evaluate(&data.join("timebank")).map_err(err)?;
            outln!("{r}");
            if args.check {
                timebank::floor_check(&r).map_err(err)?;
            }
        }
    }
    Ok(())
}

/// Largest file `extract` reads.
const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

fn read_input(file: &str) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    if file == "-" {
        std::io::stdin()
            .take(MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
    } else {
        std::fs::File::open(file)
            .with_context(|| format!("cannot open {file}"))?
            .take(MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut buf)
            .with_context(|| format!("cannot read {file}"))?;
    }
    if buf.len() > MAX_FILE_BYTES {
        let name = if file == "-" { "standard input" } else { file };
        bail!("{name} is larger than {MAX_FILE_BYTES} bytes (the limit of `extract`)");
    }
    Ok(buf)
}

fn extract(args: &ExtractArgs) -> anyhow::Result<()> {
    let mut body = read_input(&args.file)?;
    let mut meta = envelope::MessageMeta {
        content_type: args.content_type.clone(),
        ..Default::default()
    };
    // gzip by its magic bytes, or by its name (then bytes that are not gzip are
    // reported as `invalid_gzip`, not as binary content)
    if body.starts_with(&[0x1f, 0x8b]) || args.file.to_ascii_lowercase().ends_with(".gz") {
        meta.content_encoding = Some("gzip".into());
    }
    if meta.content_type.is_none() && args.file.ends_with(".pb") {
        meta.content_type = Some("application/x-protobuf".into());
    }
    let mut input = envelope::decode_message(&meta, &body, MAX_FILE_BYTES)
        .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
    body.clear();
    if args.url.is_some() {
        input.url = args.url.clone();
    }
    let doc = Pipeline::new()
        .extract(input)
        .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
    let id = pipeline::article_id(&doc);
    let article = proto::article(&doc, id, chrono::Utc::now());
    print_json(&article, args.compact)
}

fn print_json<T: serde::Serialize>(v: &T, compact: bool) -> anyhow::Result<()> {
    let s = if compact {
        serde_json::to_string(v)?
    } else {
        serde_json::to_string_pretty(v)?
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{s}").context("cannot write to standard output")?;
    Ok(())
}

/// One message to publish.
struct Outgoing {
    body: Vec<u8>,
    content_type: &'static str,
    content_encoding: Option<&'static str>,
    message_id: Option<String>,
}

/// The server's request size limit, when `s` is tonic's refusal of a request over it
/// (`OutOfRange`, "decoded message length too large: found N bytes, the limit is: M
/// bytes"), whose wording says nothing about which file or what to do instead.
fn server_limit(s: &tonic::Status) -> Option<u64> {
    if s.code() != tonic::Code::OutOfRange || !s.message().contains("message length too large") {
        return None;
    }
    let (_, rest) = s.message().split_once("the limit is:")?;
    rest.trim().split(' ').next()?.parse().ok()
}

/// What `query extract` sends for `file` (its bytes `body`): an `.html` file as HTML
/// bytes (the service detects the charset), a text file as UTF-8 text (decoded here
/// with the pipeline's charset detection when it is not UTF-8).
///
/// # Errors
/// A binary file, or an envelope (`.json`, `.pb`, `.gz`), which `extract` reads locally.
fn raw_article_for_query(
    file: &Path,
    body: Vec<u8>,
    url: String,
) -> anyhow::Result<v1::RawArticle> {
    let name = file.display();
    let lower = file.to_string_lossy().to_ascii_lowercase();
    if [".jsonl", ".ndjson"].iter().any(|e| lower.ends_with(e)) {
        bail!("{name}: `query extract` sends one .html or text file; publish .jsonl files with `publish` or read one envelope with `extract`");
    }
    let kind = match content_type_for(file) {
        // No telling extension (standard input, `page`, `.xhtml`): markup is HTML.
        ("text/plain", None) if envelope::looks_like_html(&body) => ("text/html", None),
        k => k,
    };
    Ok(match kind {
        ("text/html", None) => v1::RawArticle {
            html: body,
            url,
            ..Default::default()
        },
        ("text/plain", None) => {
            if pipeline::decode::looks_binary(&body) {
                bail!("{name} is not text (binary_content); send an .html or text file");
            }
            // The service takes text as UTF-8; other charsets are detected here.
            let text = match String::from_utf8(body) {
                Ok(t) => t,
                Err(e) => pipeline::decode::decode(e.as_bytes(), None, false).text,
            };
            v1::RawArticle {
                text,
                url,
                ..Default::default()
            }
        }
        _ => bail!(
            "{name}: `query extract` sends an .html or text file; \
             extract envelopes (.json, .pb, .gz) locally with `extract`"
        ),
    })
}

fn content_type_for(path: &Path) -> (&'static str, Option<&'static str>) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (name, enc) = match name.strip_suffix(".gz") {
        Some(n) => (n.to_string(), Some("gzip")),
        None => (name, None),
    };
    let ct = if name.ends_with(".json") {
        "application/json"
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        "text/html"
    } else if name.ends_with(".pb") {
        "application/x-protobuf"
    } else {
        "text/plain"
    };
    (ct, enc)
}

/// A `--rate`: a finite number of messages per second, 0 or more.
fn non_negative_rate(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(r) if r.is_finite() && r >= 0.0 => Ok(r),
        _ => Err(format!(
            "{s:?} is not a rate: messages per second, 0 or more"
        )),
    }
}

/// The files to publish: named files, and the article files of named folders, walked
/// recursively in name order. A named path that cannot be read is an error; an entry
/// of a folder that cannot be read (a dangling link) is skipped with a warning.
fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    // (path, named on the command line)
    let mut stack: Vec<(PathBuf, bool)> = paths.iter().rev().map(|p| (p.clone(), true)).collect();
    while let Some((p, named)) = stack.pop() {
        let meta = match std::fs::metadata(&p) {
            Ok(m) => m,
            Err(e) if !named => {
                eprintln!("warning: skipping {}: {e}", p.display());
                continue;
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", p.display())),
        };
        if meta.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&p)
                .with_context(|| format!("cannot list {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            // Hidden folders (`.git`, `.cache`) are not walked unless named.
            let visible = |e: &PathBuf| {
                !e.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            };
            stack.extend(
                entries
                    .into_iter()
                    .rev()
                    .filter(visible)
                    .map(|e| (e, false)),
            );
        } else if named || is_article_file(&p) {
            files.push(p);
        }
    }
    Ok(files)
}

/// Whether a file found in a folder is an article to publish (named files always are):
/// not hidden, and one of the extensions `publish` knows, so a folder's README or
/// editor backups are not sent as articles.
fn is_article_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    !name.starts_with('.')
        && [".html", ".htm", ".txt", ".json", ".jsonl", ".ndjson", ".pb"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

fn messages_of(path: &Path) -> anyhow::Result<Vec<Outgoing>> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        return Ok(text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Outgoing {
                body: l.as_bytes().to_vec(),
                content_type: "application/json",
                content_encoding: None,
                message_id: None,
            })
            .collect());
    }
    let body = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (content_type, content_encoding) = content_type_for(path);
    Ok(vec![Outgoing {
        body,
        content_type,
        content_encoding,
        message_id: None,
    }])
}

async fn publish(args: PublishArgs) -> anyhow::Result<()> {
    let files = collect_files(&args.paths)?;
    let mut messages = Vec::new();
    for f in &files {
        let stem = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("m")
            .to_string();
        for (i, mut m) in messages_of(f)?.into_iter().enumerate() {
            if args.repeat > 1 {
                for r in 0..args.repeat {
                    messages.push(Outgoing {
                        body: m.body.clone(),
                        content_type: m.content_type,
                        content_encoding: m.content_encoding,
                        message_id: Some(format!("{stem}-{i}-{r}")),
                    });
                }
            } else {
                m.message_id = None;
                messages.push(m);
            }
        }
    }
    if args.limit > 0 {
        messages.truncate(args.limit);
    }
    if messages.is_empty() {
        bail!("nothing to publish in the given paths");
    }
    let conn = broker::connect(&args.amqp_url)
        .await
        .context("cannot connect to the broker")?;
    let ch = conn.create_channel().await?;
    ch.confirm_select(lapin::options::ConfirmSelectOptions::default())
        .await?;
    let bar = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(messages.len() as u64)
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let start = Instant::now();
    let interval = (args.rate > 0.0).then(|| Duration::from_secs_f64(1.0 / args.rate));
    let mut pending = FuturesUnordered::new();
    let total = messages.len();
    for (n, m) in messages.into_iter().enumerate() {
        if let Some(iv) = interval {
            let due = start + iv.mul_f64(n as f64);
            tokio::time::sleep_until(due.into()).await;
        }
        let mut props = BasicProperties::default()
            .with_content_type(m.content_type.into())
            .with_delivery_mode(2)
            .with_timestamp(u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0));
        if let Some(e) = m.content_encoding {
            props = props.with_content_encoding(e.into());
        }
        if let Some(id) = m.message_id {
            props = props.with_message_id(id.into());
        }
        let confirm = ch
            .basic_publish(
                &args.exchange,
                &args.routing_key,
                Default::default(),
                &m.body,
                props,
            )
            .await
            .context("publish failed")?;
        pending.push(confirm);
        while pending.len() >= 512 {
            confirmed(pending.next().await)?;
            bar.inc(1);
        }
    }
    while let Some(c) = pending.next().await {
        confirmed(Some(c))?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "published {total} message{} in {secs:.2} s ({:.0} messages/s), all confirmed",
        if total == 1 { "" } else { "s" },
        total as f64 / secs.max(1e-9)
    );
    broker::close(conn, "done").await;
    Ok(())
}

fn confirmed(
    c: Option<Result<lapin::publisher_confirm::Confirmation, lapin::Error>>,
) -> anyhow::Result<()> {
    match c {
        Some(Ok(c)) if c.is_ack() => Ok(()),
        Some(Ok(_)) => bail!("the broker refused (nacked) a message"),
        Some(Err(e)) => Err(e).context("publish confirm failed"),
        None => Ok(()),
    }
}

fn parse_time(s: &Option<String>, what: &str) -> anyhow::Result<Option<pbjson_types::Timestamp>> {
    s.as_deref()
        .map(|s| {
            crate::pipeline::html::parse_datetime(s)
                .map(|(d, _, _)| proto::timestamp(&d))
                .with_context(|| format!("{what} {s:?} is not a date (use RFC 3339 or YYYY-MM-DD)"))
        })
        .transpose()
}

async fn query(args: QueryArgs) -> anyhow::Result<()> {
    use v1::article_service_client::ArticleServiceClient;
    let mut client = ArticleServiceClient::connect(args.addr.clone())
        .await
        .with_context(|| format!("cannot connect to {}", args.addr))?
        .max_decoding_message_size(64 * 1024 * 1024);
    let status = |s: tonic::Status| anyhow::anyhow!("{:?}: {}", s.code(), s.message());
    match args.method {
        QueryMethod::Get { id } => {
            let a = client
                .get_article(v1::GetArticleRequest { id })
                .await
                .map_err(status)?;
            print_json(a.get_ref(), false)
        }
        QueryMethod::Search {
            query,
            source,
            language,
            entity,
            speaker,
            after,
            before,
            page_size,
            page_token,
        } => {
            let r = client
                .search_articles(v1::SearchArticlesRequest {
                    query,
                    source,
                    language,
                    entity,
                    speaker,
                    published_after: parse_time(&after, "--after")?,
                    published_before: parse_time(&before, "--before")?,
                    page_size,
                    page_token,
                    ..Default::default()
                })
                .await
                .map_err(status)?;
            print_json(r.get_ref(), false)
        }
        QueryMethod::Quotations {
            speaker,
            query,
            page_size,
            page_token,
        } => {
            let r = client
                .list_quotations(v1::ListQuotationsRequest {
                    speaker,
                    query,
                    page_size,
                    page_token,
                    ..Default::default()
                })
                .await
                .map_err(status)?;
            print_json(r.get_ref(), false)
        }
        QueryMethod::TopEntities {
            after,
            before,
            limit,
        } => {
            let r = client
                .top_entities(v1::TopEntitiesRequest {
                    published_after: parse_time(&after, "--after")?,
                    published_before: parse_time(&before, "--before")?,
                    limit,
                    ..Default::default()
                })
                .await
                .map_err(status)?;
            print_json(r.get_ref(), false)
        }
        QueryMethod::Extract { file, url } => {
            let raw = raw_article_for_query(&file, read_input(&file.to_string_lossy())?, url)?;
            let a = client
                .extract_article(v1::ExtractArticleRequest { raw: Some(raw) })
                .await
                .map_err(|s| match server_limit(&s) {
                    Some(limit) => anyhow::anyhow!(
                        "{}: the request is over the server's limit of {limit} bytes for \
                         ExtractArticle; extract the file locally with `newsextract extract`",
                        file.display()
                    ),
                    None => status(s),
                })?;
            print_json(a.get_ref(), false)
        }
        QueryMethod::Watch {
            source,
            language,
            entity,
        } => {
            let mut stream = client
                .watch_articles(v1::WatchArticlesRequest {
                    source,
                    language,
                    entity,
                })
                .await
                .map_err(status)?
                .into_inner();
            while let Some(a) = stream.next().await {
                print_json(&a.map_err(status)?, true)?;
            }
            Ok(())
        }
    }
}

/// `newsextract train quotations`: trains the cue and role taggers and writes
/// `out/quotations.bin.gz`.
fn train_quotations(
    polnear: &Path,
    clusters: &Path,
    out: &Path,
    epochs: usize,
    bits: u32,
    errors: usize,
) -> anyhow::Result<()> {
    use crate::pipeline::quotations::learned;
    if !(8..=24).contains(&bits) {
        anyhow::bail!("--bits must be between 8 and 24, not {bits}");
    }
    if epochs == 0 {
        anyhow::bail!("--epochs must be at least 1");
    }
    // fail before training, not after
    if out.exists() && !out.is_dir() {
        anyhow::bail!("--out {} exists and is not a directory", out.display());
    }
    let read = |split: &str| {
        crate::eval::polnear::train_docs(&polnear.join(split)).map_err(|e| anyhow::anyhow!(e))
    };
    let (train, dev) = (read("train")?, read("dev")?);
    let clusters_src = std::fs::read_to_string(clusters)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", clusters.display()))?;
    eprintln!(
        "training on {} texts ({} attributions), scoring on {} texts ({} attributions)",
        train.len(),
        train.iter().map(|d| d.attributions.len()).sum::<usize>(),
        dev.len(),
        dev.iter().map(|d| d.attributions.len()).sum::<usize>()
    );
    let (model, report) = learned::train(&train, &dev, &clusters_src, bits, epochs, |line| {
        eprintln!("{line}")
    });
    for (e, c) in learned::cue_errors(&model, &dev).iter().take(errors) {
        outln!("- {c} × {e}");
    }
    std::fs::create_dir_all(out)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", out.display()))?;
    let path = out.join(learned::FILE_NAME);
    std::fs::write(&path, model.to_bytes())
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    outln!("wrote {}\n\n{report}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_publish_article_files_only() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.html",
            "b.TXT",
            "c.json.gz",
            "README.md",
            ".hidden.html",
            "d.html~",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/x.html"), "x").unwrap();
        std::fs::write(dir.path().join("sub/e.jsonl"), "{}").unwrap();
        std::fs::write(dir.path().join("sub/notes.md"), "x").unwrap();
        // a dangling link in a folder is skipped; named, it is an error
        std::os::unix::fs::symlink("/nonexistent/x.html", dir.path().join("sub/gone.html"))
            .unwrap();
        assert!(collect_files(&[dir.path().join("sub/gone.html")]).is_err());
        let named = dir.path().join("sub/notes.md");
        let files = collect_files(&[dir.path().to_path_buf(), named]).unwrap();
        let names: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "a.html",
                "b.TXT",
                "c.json.gz",
                "sub/e.jsonl",
                "sub/notes.md"
            ]
        );
    }

    #[test]
    fn publish_rates_and_repeats_are_checked() {
        let parse = |args: &[&str]| {
            let mut all = vec!["newsextract", "publish", "x.html"];
            all.extend_from_slice(args);
            Cli::try_parse_from(all).map(|_| ())
        };
        assert!(parse(&["--rate", "2.5", "--repeat", "3"]).is_ok());
        for bad in [
            ["--rate", "-1"],
            ["--rate", "nan"],
            ["--rate", "inf"],
            ["--repeat", "0"],
        ] {
            assert!(parse(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn tonics_size_refusal_gives_the_servers_limit() {
        let s = tonic::Status::out_of_range(
            "Error, decoded message length too large: found 20000000 bytes, the limit is: 16842752 bytes",
        );
        assert_eq!(server_limit(&s), Some(16_842_752));
        assert_eq!(
            server_limit(&tonic::Status::out_of_range("limit is: 5 bytes")),
            None
        );
        assert_eq!(server_limit(&tonic::Status::internal(s.message())), None);
    }

    #[test]
    fn query_extract_sends_latin1_text_as_utf8_and_refuses_envelopes() {
        let latin1 =
            b"Der B\xfcrgermeister sagte am Montag, die Stra\xdfe werde gesperrt.".to_vec();
        let raw = raw_article_for_query(Path::new("note.txt"), latin1, String::new()).unwrap();
        assert!(
            raw.text.contains("Bürgermeister") && raw.text.contains("Straße"),
            "{}",
            raw.text
        );
        assert!(!raw.text.contains('\u{fffd}'));

        let html = b"<html><body><p>x</p></body></html>".to_vec();
        let raw = raw_article_for_query(Path::new("a.HTML"), html.clone(), "u".into()).unwrap();
        assert_eq!((raw.html, raw.url.as_str()), (html, "u"));

        // Markup without a telling extension (standard input, `page`) is HTML.
        let page = b"\n<!DOCTYPE html><html><body><p>x</p></body></html>".to_vec();
        let raw = raw_article_for_query(Path::new("-"), page.clone(), String::new()).unwrap();
        assert_eq!(raw.html, page);
        for name in ["a.json", "a.pb", "a.html.gz", "a.jsonl", "b.ndjson"] {
            let e = raw_article_for_query(Path::new(name), b"{}".to_vec(), String::new());
            assert!(e.unwrap_err().to_string().contains("`extract`"), "{name}");
        }
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
        let e = raw_article_for_query(Path::new("image.txt"), png, String::new()).unwrap_err();
        assert!(e.to_string().contains("binary_content"), "{e}");
    }
}
