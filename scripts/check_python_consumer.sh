#!/usr/bin/env bash
# End-to-end check of examples/python/consume.py against a real worker and RabbitMQ.
#
# Starts `newsextract worker` on uniquely named exchanges/queues (so a real deployment
# on the same broker is untouched), publishes three articles, and checks that the
# Python consumer decodes all three. Needs RabbitMQ (NEWSEXTRACT_AMQP_URL, default
# guest@127.0.0.1:5672), python3 (3.11) and curl. Binary: NEWSEXTRACT_BIN, default
# target/release/newsextract.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${NEWSEXTRACT_BIN:-$ROOT/target/release/newsextract}
AMQP_URL=${NEWSEXTRACT_AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/%2f}
VENV=$ROOT/target/py-venv
GEN=$ROOT/target/py-gen
PY=$VENV/bin/python
unset NEWSEXTRACT_AMQP_URL_FILE NEWSEXTRACT_STORE_FILE

die() { echo "python consumer check: FAILED: $*" >&2; exit 1; }
[[ -x $BIN ]] || die "worker binary not found: $BIN (cargo build --release, or set NEWSEXTRACT_BIN)"

# --- Python env and generated classes -------------------------------------------------
[[ -x $PY ]] || python3 -m venv "$VENV"
"$PY" -m pip install -q --disable-pip-version-check -r examples/python/requirements.txt
rm -rf "$GEN" && mkdir -p "$GEN"
"$PY" -m grpc_tools.protoc -Iproto --python_out="$GEN" proto/newsextract/v1/article.proto
touch "$GEN/newsextract/__init__.py" "$GEN/newsextract/v1/__init__.py"
export PYTHONPATH=$GEN

# --- unique names, free ports, cleanup ------------------------------------------------
ID=ci-py-$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')
TMP=$(mktemp -d)
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
GRPC_PORT=$(free_port)
METRICS_PORT=$(free_port)
WORKER_PID=""
CONSUMER_PID=""

cleanup() {
  local rc=$?
  set +e
  [[ -n $CONSUMER_PID ]] && kill "$CONSUMER_PID" 2>/dev/null
  [[ -n $WORKER_PID ]] && kill -KILL "$WORKER_PID" 2>/dev/null
  if ((rc != 0)); then
    for f in worker.log consumer.out consumer.err; do
      [[ -s $TMP/$f ]] && { echo "--- $f (tail)" >&2; tail -n 20 "$TMP/$f" >&2; }
    done
  fi
  "$PY" - "$AMQP_URL" "$ID" <<'EOF' 2>/dev/null
import sys, pika
url, id_ = sys.argv[1:]
conn = pika.BlockingConnection(pika.URLParameters(url))
for q in (f"{id_}.q", f"{id_}.dlq", f"{id_}.consumer"):
    conn.channel().queue_delete(q)
for x in (f"{id_}.raw", f"{id_}.extracted", f"{id_}.dead"):
    conn.channel().exchange_delete(x)
conn.close()
EOF
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Fail loudly and early when the broker is not there.
"$PY" -c 'import sys, pika; pika.BlockingConnection(pika.URLParameters(sys.argv[1])).close()' \
  "$AMQP_URL" 2>/dev/null || die "cannot connect to RabbitMQ at ${AMQP_URL/\/\/*@/\/\/***@}"

# --- worker ---------------------------------------------------------------------------
"$BIN" worker --amqp-url "$AMQP_URL" \
  --input-exchange "$ID.raw" --output-exchange "$ID.extracted" \
  --dead-letter-exchange "$ID.dead" --queue "$ID.q" --dead-letter-queue "$ID.dlq" \
  --store "$TMP/s.sqlite" --grpc-addr "127.0.0.1:$GRPC_PORT" \
  --metrics-addr "127.0.0.1:$METRICS_PORT" >"$TMP/worker.log" 2>&1 &
WORKER_PID=$!
for ((i = 0; ; i++)); do
  curl -fsS -o /dev/null "http://127.0.0.1:$METRICS_PORT/readyz" 2>/dev/null && break
  kill -0 "$WORKER_PID" 2>/dev/null || die "worker exited during startup"
  ((i < 60)) || die "worker not ready after 30 s"
  sleep 0.5
done

# --- consumer -------------------------------------------------------------------------
timeout 60 "$PY" examples/python/consume.py --amqp-url "$AMQP_URL" \
  --exchange "$ID.extracted" --queue "$ID.consumer" --binding-key 'article.#' --max 3 \
  >"$TMP/consumer.out" 2>"$TMP/consumer.err" &
CONSUMER_PID=$!
for ((i = 0; ; i++)); do # consume.py says "consuming ..." once its queue is bound
  grep -q '^consuming ' "$TMP/consumer.err" && break
  kill -0 "$CONSUMER_PID" 2>/dev/null || die "consume.py exited before consuming"
  ((i < 40)) || die "consume.py not consuming after 20 s"
  sleep 0.5
done

# --- publish three articles -----------------------------------------------------------
cat >"$TMP/council_budget.txt" <<'EOF'
City council approves $1.2 billion budget after late-night session

By Maria Delgado, Staff Writer

March 14, 2024

The Riverside City Council approved a $1.2 billion operating budget early Thursday after a nine-hour meeting in which residents packed the chamber to argue over library hours and police overtime.

The spending plan, which passed 6-3, raises the city's contribution to street repairs by 18 percent and restores Sunday hours at four branch libraries that were closed during the pandemic.

"This budget keeps the promises we made to neighborhoods that have waited years for basic repairs," Mayor Alan Brooks said after the vote. Council member Denise Park, who voted against the plan, said it relied on optimistic sales tax projections.

The budget takes effect July 1. City finance staff will present a mid-year review to the council in January.
EOF
cat >"$TMP/harvest_drought.txt" <<'EOF'
Drought cuts wheat harvest across the southern plains

By James Whitaker

June 3, 2023

Farmers across western Kansas and the Oklahoma Panhandle are harvesting one of the smallest wheat crops in decades after a winter and spring with almost no rain, state agriculture officials said on Friday.

The Kansas Department of Agriculture estimates this year's crop at 191 million bushels, down from 244 million bushels last year and the lowest since 1957. Many fields were abandoned before harvest because the plants never grew tall enough to cut.

"I have been farming this ground for thirty years and I have never seen it this dry," said Tom Reinhardt, who grows wheat and sorghum near Dodge City. He said crop insurance would cover part of his losses but not the cost of the seed and fertilizer he put down last fall.

Economists at Kansas State University said the smaller harvest was unlikely to raise bread prices much, because wheat is a small part of what consumers pay for a loaf.
EOF
"$BIN" publish --amqp-url "$AMQP_URL" --exchange "$ID.raw" --quiet \
  tests/fixtures/seed_japan_news.txt "$TMP/council_budget.txt" "$TMP/harvest_drought.txt" \
  >>"$TMP/worker.log" 2>&1 || die "newsextract publish failed"

# --- results --------------------------------------------------------------------------
rc=0
wait "$CONSUMER_PID" || rc=$?
CONSUMER_PID=""
((rc == 0)) || die "consume.py exited with $rc (124: no 3 articles within 60 s)"
lines=$(wc -l <"$TMP/consumer.out")
((lines == 3)) || die "expected 3 lines from consume.py, got $lines"
grep -qF 'A time to be patient for dialogue with North Korea' "$TMP/consumer.out" ||
  die "seed article headline missing from consume.py output"
cat "$TMP/consumer.out"

kill -TERM "$WORKER_PID"
for ((i = 0; i < 60; i++)); do kill -0 "$WORKER_PID" 2>/dev/null || break; sleep 0.5; done
kill -0 "$WORKER_PID" 2>/dev/null && die "worker still running 30 s after SIGTERM"
rc=0
wait "$WORKER_PID" || rc=$?
WORKER_PID=""
((rc == 0)) || die "worker exited with $rc after SIGTERM"

echo "python consumer check: ok"
