#!/usr/bin/env python3
"""Runs trafilatura on the shared HTML sets so that it can be scored by our own
evaluation commands, with the same metric code, on the same machine.

Why: published references (trafilatura 0.960-0.964 on the article-extraction-benchmark)
are measured on other machines and on the full 181-page set; this puts trafilatura on
our 112 pages and our 523 metadata pages, timed on one core here.

Writes two prediction files and prints trafilatura's speed table:

    python3 -m venv /tmp/tvenv && /tmp/tvenv/bin/pip install trafilatura==2.3.1
    /tmp/tvenv/bin/python scripts/baseline_trafilatura.py --data ../shared/data --out /tmp/traf
    ./target/release/newsextract eval main-text --data ../shared/data --predictions /tmp/traf/main-text.json
    ./target/release/newsextract eval metadata --data ../shared/data --predictions /tmp/traf/metadata.json

Prediction files are JSON objects `{key: {"text", "title", "author", "date"}}` (any
field may be null), keyed by the benchmark page id or the metadata-eval file name.
Nothing here is part of the service or of CI.
"""

import argparse
import gzip
import json
import resource
import statistics
import sys
import time
from pathlib import Path


def percentile(values, p):
    values = sorted(values)
    rank = round(p / 100 * (len(values) - 1))
    return values[min(rank, len(values) - 1)]


def main():
    import trafilatura

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3, help="time each page by its fastest of N runs")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    bench = args.data / "article-extraction-benchmark"
    truth = json.loads((bench / "ground-truth.json").read_text())
    preds, times = {}, []
    for page_id in sorted(truth):
        raw = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        url = truth[page_id].get("url")
        best = None
        for _ in range(max(1, args.repeat)):
            t = time.perf_counter()
            text = trafilatura.extract(raw, url=url)
            ms = (time.perf_counter() - t) * 1000
            best = ms if best is None else min(best, ms)
        times.append(best)
        preds[page_id] = {"text": text, "title": None, "author": None, "date": None}
    (args.out / "main-text.json").write_text(json.dumps(preds, ensure_ascii=False))

    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"trafilatura {trafilatura.__version__}, article-extraction-benchmark ({len(times)} pages), "
          f"fastest of {args.repeat} runs per page, one thread")
    print()
    print("| p50 ms/page | p99 ms/page | mean ms/page | pages/s | peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|")
    mean = statistics.fmean(times)
    print(f"| {percentile(times, 50):.2f} | {percentile(times, 99):.2f} | {mean:.2f} | "
          f"{1000 / mean:.0f} | {rss_mib:.0f} |")

    meta_dir = args.data / "metadata-eval"
    labels = json.loads((meta_dir / "labels.json").read_text())
    meta = {}
    for key, label in sorted(labels.items()):
        path = meta_dir / "html" / f"{label['file']}.gz"
        if not path.exists():
            continue
        raw = gzip.decompress(path.read_bytes())
        url = key if key.startswith("http") else None
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True)
        if doc is None:
            meta[label["file"]] = {"text": None, "title": None, "author": None, "date": None}
            continue
        meta[label["file"]] = {
            "text": doc.text,
            "title": doc.title,
            # trafilatura joins several authors with "; ".
            "author": [a.strip() for a in (doc.author or "").split(";") if a.strip()],
            "date": doc.date,
        }
    (args.out / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False))
    print(f"\nwrote {args.out / 'main-text.json'} and {args.out / 'metadata.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
