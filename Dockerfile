# syntax=docker/dockerfile:1
#
# newsextract worker image.
#
#   docker build -t newsextract:dev .
#   docker run --rm -p 50051:50051 -p 9090:9090 --read-only -v nx-data:/data \
#     -e NEWSEXTRACT_AMQP_URL=amqp://guest:guest@rabbitmq:5672/%2f newsextract:dev
#
# Stage 1 builds the dependencies against a dummy crate, so the layer that holds them
# is reused until Cargo.toml / Cargo.lock change; stage 2 builds the real source on
# top of it. Code generation from proto/ is pure Rust (protox): no protoc needed.
# The runtime image is distroless "cc" (glibc + libgcc + CA certificates, no shell),
# running as the distroless non-root user 65532, with the SQLite store on /data.

# The builder's Debian release must match the runtime's (bookworm = distroless
# debian12): the binary links against the builder's glibc. The full (not -slim) image,
# because the jemalloc allocator is built from C with make.
ARG RUST_VERSION=1.95

FROM rust:${RUST_VERSION}-bookworm AS build
WORKDIR /src
# Smaller binary: the repository's release profile keeps debug line tables for local
# profiling; the image does not need them.
ENV CARGO_PROFILE_RELEASE_DEBUG=0 \
    CARGO_PROFILE_RELEASE_STRIP=debuginfo \
    CARGO_TERM_COLOR=never

# --- dependencies (cached layer) ----------------------------------------------------
COPY Cargo.toml Cargo.lock ./
RUN mkdir -p src \
 && echo 'fn main() {}' > build.rs \
 && echo 'fn main() {}' > src/main.rs \
 && touch src/lib.rs \
 && cargo build --release --locked \
 && rm -rf build.rs src target/release/.fingerprint/newsextract-* \
      target/release/build/newsextract-* target/release/deps/newsextract-* \
      target/release/deps/libnewsextract-*

# --- the real crate -----------------------------------------------------------------
COPY build.rs ./
COPY proto/ proto/
COPY src/ src/
# The NER model is compiled in (include_bytes!), so models/ is needed at build time
# and nothing is loaded from disk at run time.
COPY models/ models/
RUN cargo build --release --locked \
 && install -D -m 0755 target/release/newsextract /out/newsextract \
 && mkdir -p /out/data

# --- runtime --------------------------------------------------------------------------
FROM gcr.io/distroless/cc-debian12:nonroot AS runtime
LABEL org.opencontainers.image.title="newsextract" \
      org.opencontainers.image.description="RabbitMQ worker that extracts structured records from news articles" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
COPY --from=build /out/newsextract /usr/local/bin/newsextract
COPY --from=build --chown=65532:65532 /out/data /data

# The only writable path the worker needs is /data (the SQLite file and its WAL), so the
# container runs with a read-only root file system.
ENV NEWSEXTRACT_STORE=/data/newsextract.sqlite \
    NEWSEXTRACT_GRPC_ADDR=0.0.0.0:50051 \
    NEWSEXTRACT_METRICS_ADDR=0.0.0.0:9090 \
    NEWSEXTRACT_SHUTDOWN_GRACE_SECONDS=20
VOLUME ["/data"]
EXPOSE 50051 9090
USER 65532:65532
# SIGTERM: stop consuming, finish in-flight messages within
# NEWSEXTRACT_SHUTDOWN_GRACE_SECONDS, exit. Keep that below the orchestrator's grace
# period (Kubernetes terminationGracePeriodSeconds, compose stop_grace_period).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/newsextract"]
CMD ["worker"]
