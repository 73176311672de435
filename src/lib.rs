//! newsextract: a RabbitMQ worker that turns raw news articles into structured,
//! queryable records — clean main text and metadata, structure, language, sentences
//! (entities, quotations and temporal expressions follow the same path) — stores them,
//! publishes them as protobuf and answers gRPC queries.
//!
//! Read it top-down:
//!
//! - [`pipeline`]: the extraction library, no I/O. A [`pipeline::Document`] flows
//!   through the stages in order, one module each: [`pipeline::decode`] (charset),
//!   [`pipeline::html`] (main text and metadata of a web page), [`pipeline::cleanup`]
//!   (boilerplate of plain-text scrapes), [`pipeline::structure`] (title, series,
//!   editor's notes, sidebars, bylines), [`pipeline::language`],
//!   [`pipeline::sentences`], [`pipeline::entities`] (named entities, one per
//!   referent), [`pipeline::temporal`] (TIMEX3 expressions), [`pipeline::quotations`]
//!   (who said what).
//! - [`proto`]: the generated `newsextract.v1` protobuf types and the one place that
//!   converts the document to the output `Article`.
//! - [`service`]: the I/O around the pipeline: [`service::envelope`] (input contract),
//!   [`service::broker`] (consume → extract → store → publish → ack),
//!   [`service::store`], [`service::grpc`], [`service::health`], [`service::metrics`].
//! - [`config`]: the validated worker configuration; [`cli`]: the `newsextract`
//!   command line (`worker`, `extract`, `publish`, `query`, `bench`); [`bench`]: the
//!   benchmark commands; [`eval`]: accuracy on the public datasets.
//!
//! Nothing under `pipeline` depends on `service`.

pub mod bench;
pub mod cli;
pub mod config;
pub mod eval;
pub mod pipeline;
pub mod proto;
pub mod service;
