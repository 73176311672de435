//! Evaluation of the HTML stage on public datasets (see `../shared/data/README.md`).
//!
//! - Main text on the article-extraction-benchmark (Scrapinghub): word 4-gram
//!   (shingle) precision and recall per page, precision averaged over pages where the
//!   extractor returned text, recall over all pages, F1 from the two averages — the
//!   benchmark's own metric. Speed is measured over the whole pipeline (decode through
//!   structured output), one page at a time on one thread.
//! - Metadata on trafilatura's human-labelled evaluation set (`metadata-eval`): title
//!   exact match, author set match, publication day match, and the "with" / "without"
//!   snippets that must / must not appear in the main text.
//! - Agreement with Readability.js output on Mozilla's test pages (not human labels).

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;

use crate::pipeline::document::DateSource;
use crate::pipeline::{Body, Document, Pipeline, RawInput};

fn gunzip(path: &Path) -> Result<Vec<u8>, String> {
    let f =
        std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(f)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress {}: {e}", path.display()))?;
    Ok(out)
}

fn read_json(path: &Path) -> Result<Value, String> {
    let s = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    // A UTF-8 byte-order mark is no part of the JSON text (RFC 8259 §8.1 lets readers
    // ignore it).
    let s = s.strip_prefix('\u{feff}').unwrap_or(&s);
    serde_json::from_str(s).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

fn extract(pipeline: &Pipeline, html: Vec<u8>, url: Option<&str>) -> Option<Document> {
    pipeline
        .extract(RawInput {
            url: url.map(str::to_string),
            body: Body::Html(html),
            ..Default::default()
        })
        .ok()
}

/// What one extractor said about one page: the fields the evaluations score. Ours
/// comes from a [`Document`]; another tool's from a prediction file (see
/// [`read_predictions`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prediction {
    /// Main text; empty when the extractor returned nothing.
    pub text: String,
    pub title: Option<String>,
    /// One name per author.
    pub authors: Vec<String>,
    /// Publication day, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where the date was found (JSON-LD, meta, URL, …), for error lists.
    pub date_found_in: Option<String>,
}

impl Prediction {
    fn of(doc: &Document) -> Self {
        let md = &doc.metadata;
        Prediction {
            text: doc.text.clone(),
            title: md.title.clone(),
            authors: md.authors.iter().map(|a| a.name.clone()).collect(),
            // A year inferred from the content is flagged as such (source `inferred`,
            // year precision) and is no claim of a publication day: not scored.
            date: md
                .published
                .as_ref()
                .filter(|p| p.source != DateSource::Inferred)
                .map(|p| p.at.date_naive().to_string()),
            date_found_in: md.published.as_ref().map(|p| format!("{:?}", p.source)),
        }
    }
}

/// Reads another extractor's output for the shared sets, to score it with exactly
/// our metric code: a JSON object `{key: {"text", "title", "author", "date"}}`, keyed by
/// the benchmark page id (main text) or the metadata-eval file name; any field may be
/// null or absent, `author` is a string (split at `;`, `,`, `&`, `and` as the labels
/// are) or a list of strings, `date` starts with `YYYY-MM-DD`.
/// `scripts/baseline_trafilatura.py` writes such files.
///
/// # Errors
/// A message when the file cannot be read, is not an object of objects, or a field
/// has the wrong type.
pub fn read_predictions(path: &Path) -> Result<HashMap<String, Prediction>, String> {
    let Value::Object(all) = read_json(path)? else {
        return Err(format!("{} is not a JSON object", path.display()));
    };
    let bad = |key: &str, field: &str, what: &str| {
        format!("{}: entry {key:?}: {field:?} {what}", path.display())
    };
    all.into_iter()
        .map(|(key, v)| {
            let Value::Object(v) = v else {
                return Err(format!(
                    "{}: entry {key:?} is not an object",
                    path.display()
                ));
            };
            let text = |field: &str| match v.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(bad(&key, field, "is neither a string nor null")),
            };
            // A single author string is split as the labels are (`A and B`, `A; B`);
            // a list gives one author per item.
            let authors = match v.get("author") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::String(s)) => author_set(s).into_iter().collect(),
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|x| x.as_str().map(str::trim).map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| bad(&key, "author", "holds an item that is not a string"))?
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect(),
                Some(_) => return Err(bad(&key, "author", "is neither a string, a list nor null")),
            };
            let prediction = Prediction {
                text: text("text")?.unwrap_or_default(),
                title: text("title")?,
                authors,
                date: text("date")?.map(|d| d.chars().take(10).collect()),
                date_found_in: None,
            };
            Ok((key, prediction))
        })
        .collect()
}

/// Word 4-gram multiset of a text, words being `\w+` runs (case kept), as the
/// benchmark defines them.
fn shingles(text: &str) -> HashMap<[&str; 4], usize> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut m = HashMap::new();
    for w in words.windows(4) {
        *m.entry([w[0], w[1], w[2], w[3]]).or_insert(0) += 1;
    }
    m
}

fn overlap(a: &HashMap<[&str; 4], usize>, b: &HashMap<[&str; 4], usize>) -> usize {
    a.iter()
        .map(|(k, n)| (*n).min(*b.get(k).unwrap_or(&0)))
        .sum()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Shingle precision and recall of one extractor over the benchmark's pages.
#[derive(Debug, Clone, Default)]
pub struct MainTextScores {
    pub pages: usize,
    /// Pages where the extractor returned no text (no precision counted for them).
    pub empty: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// The worst pages by F1: (id, precision, recall).
    pub worst: Vec<(String, f64, f64)>,
}

fn f1_of(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl MainTextScores {
    /// Scores every page of `pages` — (id, extracted text, gold text) — with the
    /// benchmark's metric: precision averaged over the pages with text, recall over
    /// all pages, F1 of the two averages.
    fn of<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Self {
        let (mut psum, mut pn, mut rsum) = (0.0, 0usize, 0.0);
        let mut s = MainTextScores::default();
        let mut per_page = Vec::new();
        for (id, text, gold) in pages {
            s.pages += 1;
            let (sp, sg) = (shingles(text), shingles(gold));
            let common = overlap(&sp, &sg) as f64;
            let np: usize = sp.values().sum();
            let ng: usize = sg.values().sum();
            let recall = if ng == 0 { 1.0 } else { common / ng as f64 };
            rsum += recall;
            let precision = if np == 0 {
                s.empty += 1;
                0.0
            } else {
                pn += 1;
                psum += common / np as f64;
                common / np as f64
            };
            per_page.push((id.to_string(), precision, recall));
        }
        s.precision = if pn == 0 { 0.0 } else { psum / pn as f64 };
        s.recall = if s.pages == 0 {
            0.0
        } else {
            rsum / s.pages as f64
        };
        s.f1 = f1_of(s.precision, s.recall);
        per_page.sort_by(|a, b| f1_of(a.1, a.2).total_cmp(&f1_of(b.1, b.2)));
        per_page.truncate(5);
        s.worst = per_page;
        s
    }
}

impl std::fmt::Display for MainTextScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "| precision | recall | F1 | empty pages |")?;
        writeln!(f, "|---|---|---|---|")?;
        writeln!(
            f,
            "| {:.3} | {:.3} | {:.3} | {} |",
            self.precision, self.recall, self.f1, self.empty
        )?;
        writeln!(f)?;
        writeln!(f, "Worst pages (id, precision, recall):")?;
        for (id, p, r) in &self.worst {
            writeln!(f, "- {id} {p:.3} {r:.3}")?;
        }
        Ok(())
    }
}

/// Main-text scores and speed on the article-extraction-benchmark.
#[derive(Debug, Clone, Default)]
pub struct MainTextReport {
    pub scores: MainTextScores,
    /// Whole pipeline, milliseconds per page.
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub pages_per_second: f64,
    pub megabytes_per_second: f64,
    /// Per stage, in pipeline order: (stage, p50 ms, p99 ms, mean ms) over the pages.
    pub stages: Vec<(&'static str, f64, f64, f64)>,
    /// Milliseconds per page for the main-text path alone (decode, html, structure):
    /// (p50, p99, mean).
    pub main_text_ms: (f64, f64, f64),
    /// Peak resident memory of this process (`VmHWM`), KiB; `None` off Linux.
    pub peak_rss_kib: Option<u64>,
}

/// Peak resident set size of this process in KiB, from `/proc/self/status`.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The benchmark's pages: (id, gold main text, URL), sorted by id, at most `limit`.
fn benchmark_pages(
    dir: &Path,
    limit: Option<usize>,
) -> Result<Vec<(String, String, Option<String>)>, String> {
    let Value::Object(gt) = read_json(&dir.join("ground-truth.json"))? else {
        return Err("ground-truth.json is not an object".into());
    };
    let mut pages: Vec<_> = gt
        .into_iter()
        .map(|(id, entry)| {
            let field = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_string);
            let gold = field("articleBody").unwrap_or_default();
            (id, gold, field("url"))
        })
        .collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(l) = limit {
        pages.truncate(l);
    }
    Ok(pages)
}

/// Scores main-text extraction on `dir` (the `article-extraction-benchmark` folder);
/// at most `limit` pages when given. Each page is extracted `repeat` times and timed
/// by its fastest run (best of N, which filters out interference from other work on
/// the machine); the first run's output is scored.
///
/// # Errors
/// A message when the dataset cannot be read.
pub fn main_text(
    dir: &Path,
    limit: Option<usize>,
    repeat: usize,
) -> Result<MainTextReport, String> {
    let repeat = repeat.max(1);
    let pages = benchmark_pages(dir, limit)?;
    let pipeline = Pipeline::new();
    let mut times = Vec::new();
    let mut bytes = 0usize;
    let mut texts = Vec::new();
    let mut stage_times: Vec<(&'static str, Vec<f64>)> = Vec::new();
    let mut main_path = Vec::new();
    let mut busy = 0.0;
    for (id, _, url) in &pages {
        let url = url.as_deref();
        let html = gunzip(&dir.join("html").join(format!("{id}.html.gz")))?;
        bytes += html.len();
        let t = Instant::now();
        let doc = extract(&pipeline, html.clone(), url);
        let mut ms = t.elapsed().as_secs_f64() * 1000.0;
        let mut timings = doc.as_ref().map(|d| d.timings.clone()).unwrap_or_default();
        for _ in 1..repeat {
            let t = Instant::now();
            let again = extract(&pipeline, html.clone(), url);
            let run = t.elapsed().as_secs_f64() * 1000.0;
            if run < ms {
                ms = run;
                timings = again.map(|d| d.timings).unwrap_or_default();
            }
        }
        busy += ms;
        times.push(ms);
        if doc.is_some() {
            let mut path = 0.0;
            for (stage, micros) in &timings {
                let ms = *micros as f64 / 1000.0;
                if matches!(*stage, "decode" | "html" | "structure") {
                    path += ms;
                }
                match stage_times.iter_mut().find(|(s, _)| s == stage) {
                    Some((_, v)) => v.push(ms),
                    None => stage_times.push((stage, vec![ms])),
                }
            }
            main_path.push(path);
        }
        texts.push(doc.map(|d| d.text).unwrap_or_default());
    }
    times.sort_by(f64::total_cmp);
    main_path.sort_by(f64::total_cmp);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let stages = stage_times
        .into_iter()
        .map(|(stage, mut v)| {
            v.sort_by(f64::total_cmp);
            (stage, percentile(&v, 50.0), percentile(&v, 99.0), mean(&v))
        })
        .collect();
    let scores = MainTextScores::of(
        pages
            .iter()
            .zip(&texts)
            .map(|((id, gold, _), text)| (id.as_str(), text.as_str(), gold.as_str())),
    );
    Ok(MainTextReport {
        p50_ms: percentile(&times, 50.0),
        p99_ms: percentile(&times, 99.0),
        pages_per_second: pages.len() as f64 / (busy / 1000.0).max(1e-9),
        megabytes_per_second: bytes as f64 / 1e6 / (busy / 1000.0).max(1e-9),
        stages,
        main_text_ms: (
            percentile(&main_path, 50.0),
            percentile(&main_path, 99.0),
            mean(&main_path),
        ),
        peak_rss_kib: peak_rss_kib(),
        scores,
    })
}

/// Scores another extractor's main text (`predictions`, see [`read_predictions`]) on
/// the benchmark with the same metric as [`main_text`]; a page missing from the file
/// counts as empty.
///
/// # Errors
/// A message when the dataset cannot be read or no page of it is in `predictions`.
pub fn main_text_of(
    dir: &Path,
    limit: Option<usize>,
    predictions: &HashMap<String, Prediction>,
) -> Result<MainTextScores, String> {
    let pages = benchmark_pages(dir, limit)?;
    if !pages.iter().any(|(id, _, _)| predictions.contains_key(id)) {
        return Err("no benchmark page id is a key of the predictions".into());
    }
    Ok(MainTextScores::of(pages.iter().map(|(id, gold, _)| {
        let text = predictions.get(id).map_or("", |p| p.text.as_str());
        (id.as_str(), text, gold.as_str())
    })))
}

impl std::fmt::Display for MainTextReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.scores;
        writeln!(
            f,
            "Main text, article-extraction-benchmark ({} pages)",
            s.pages
        )?;
        writeln!(f)?;
        writeln!(f, "| precision | recall | F1 | empty pages | p50 ms/page | p99 ms/page | pages/s (1 core) | MB/s |")?;
        writeln!(f, "|---|---|---|---|---|---|---|---|")?;
        writeln!(
            f,
            "| {:.3} | {:.3} | {:.3} | {} | {:.2} | {:.2} | {:.0} | {:.1} |",
            s.precision,
            s.recall,
            s.f1,
            s.empty,
            self.p50_ms,
            self.p99_ms,
            self.pages_per_second,
            self.megabytes_per_second
        )?;
        writeln!(f)?;
        let (p50, p99, mean) = self.main_text_ms;
        writeln!(
            f,
            "Main-text path alone (decode, html, structure): p50 {p50:.2} ms, p99 {p99:.2} ms, \
             mean {mean:.2} ms per page, {:.0} pages/s on one core",
            1000.0 / mean.max(1e-9)
        )?;
        if let Some(kib) = self.peak_rss_kib {
            writeln!(
                f,
                "Peak RSS of the evaluation process: {:.0} MiB",
                kib as f64 / 1024.0
            )?;
        }
        writeln!(f)?;
        writeln!(f, "| stage | p50 ms | p99 ms | mean ms |")?;
        writeln!(f, "|---|---:|---:|---:|")?;
        for (stage, p50, p99, mean) in &self.stages {
            writeln!(f, "| {stage} | {p50:.3} | {p99:.3} | {mean:.3} |")?;
        }
        writeln!(f)?;
        writeln!(f, "Worst pages (id, precision, recall):")?;
        for (id, p, r) in &s.worst {
            writeln!(f, "- {id} {p:.3} {r:.3}")?;
        }
        Ok(())
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The authors of a label: split at `;`, `,`, `&`, `|`, ` / ` and the word "and" in the
/// labels' languages (the labels are free text; we output one author per person).
fn author_set(s: &str) -> HashSet<String> {
    s.split([';', ',', '&', '|'])
        .flat_map(|p| p.split(" / "))
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" et "))
        .flat_map(|p| p.split(" y "))
        .map(norm)
        .filter(|x| !x.is_empty())
        .collect()
}

/// Metadata and boilerplate scores on `metadata-eval`.
#[derive(Debug, Clone, Default)]
pub struct MetadataReport {
    pub pages: usize,
    pub title: (usize, usize),
    pub author: (usize, usize),
    pub date: (usize, usize),
    pub with_snippets: (usize, usize),
    pub without_snippets: (usize, usize),
    /// Every wrong title, author list and date, as `field file: expected … | ours …`,
    /// in page order (shown by `eval metadata --errors N`).
    pub errors: Vec<String>,
}

/// Scores metadata on `dir` (the `metadata-eval` folder): pages whose label has the
/// field are scored for it; an empty label expects nothing to be found.
///
/// # Errors
/// A message when the dataset cannot be read.
pub fn metadata(dir: &Path, limit: Option<usize>) -> Result<MetadataReport, String> {
    let pipeline = Pipeline::new();
    score_metadata(dir, limit, |_, url, html| {
        extract(&pipeline, html, url).map(|d| Prediction::of(&d))
    })
}

/// Scores another extractor's metadata and main text (`predictions`, keyed by file
/// name, see [`read_predictions`]) on `dir` exactly as [`metadata`] scores ours; a page
/// missing from the file counts as nothing found.
///
/// # Errors
/// A message when the dataset cannot be read or no page of it is in `predictions`.
pub fn metadata_of(
    dir: &Path,
    limit: Option<usize>,
    predictions: &HashMap<String, Prediction>,
) -> Result<MetadataReport, String> {
    let mut found = 0usize;
    let report = score_metadata(dir, limit, |file, _, _| {
        let p = predictions.get(file).cloned();
        found += usize::from(p.is_some());
        p
    })?;
    if found == 0 {
        return Err("no metadata-eval file name is a key of the predictions".into());
    }
    Ok(report)
}

/// Scores what `predict(file, url, html)` says of each labelled page.
fn score_metadata(
    dir: &Path,
    limit: Option<usize>,
    mut predict: impl FnMut(&str, Option<&str>, Vec<u8>) -> Option<Prediction>,
) -> Result<MetadataReport, String> {
    let labels = read_json(&dir.join("labels.json"))?;
    let Value::Object(labels) = labels else {
        return Err("labels.json is not an object".into());
    };
    let mut r = MetadataReport::default();
    let mut keys: Vec<&String> = labels.keys().collect();
    keys.sort();
    if let Some(l) = limit {
        keys.truncate(l);
    }
    for key in keys {
        let label = &labels[key];
        let Some(file) = label.get("file").and_then(Value::as_str) else {
            continue;
        };
        let path = dir.join("html").join(format!("{file}.gz"));
        let html = match gunzip(&path) {
            Ok(h) => h,
            Err(_) => continue,
        };
        r.pages += 1;
        let url = key.starts_with("http").then_some(key.as_str());
        let found = predict(file, url, html).unwrap_or_default();
        if let Some(t) = label.get("title").and_then(Value::as_str) {
            r.title.1 += 1;
            let ours = found.title.as_deref().unwrap_or("");
            if norm(ours) == norm(t) {
                r.title.0 += 1;
            } else {
                r.errors
                    .push(format!("title {file}: expected {t:?} | ours {ours:?}"));
            }
        }
        let gold_authors = match label.get("author") {
            Some(Value::String(s)) => Some(author_set(s)),
            Some(Value::Array(a)) => Some(a.iter().filter_map(Value::as_str).map(norm).collect()),
            _ => None,
        };
        if let Some(gold) = gold_authors {
            r.author.1 += 1;
            let ours: HashSet<String> = found.authors.iter().map(|a| norm(a)).collect();
            if ours == gold {
                r.author.0 += 1;
            } else {
                let (mut g, mut o): (Vec<_>, Vec<_>) =
                    (gold.into_iter().collect(), ours.into_iter().collect());
                g.sort();
                o.sort();
                r.errors
                    .push(format!("author {file}: expected {g:?} | ours {o:?}"));
            }
        }
        if let Some(d) = label.get("date").and_then(Value::as_str) {
            r.date.1 += 1;
            let ours = found.date.as_deref().unwrap_or("");
            if ours == d.get(..10).unwrap_or(d) {
                r.date.0 += 1;
            } else {
                r.errors.push(format!(
                    "date {file}: expected {d:?} | ours {ours:?} {}",
                    found.date_found_in.as_deref().unwrap_or("")
                ));
            }
        }
        let text = norm(&found.text);
        for s in label
            .get("with")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(s) = s.as_str() {
                r.with_snippets.1 += 1;
                if text.contains(&norm(s)) {
                    r.with_snippets.0 += 1;
                } else {
                    r.errors.push(format!("with {file}: missing {:?}", clip(s)));
                }
            }
        }
        for s in label
            .get("without")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(s) = s.as_str() {
                r.without_snippets.1 += 1;
                if !text.contains(&norm(s)) {
                    r.without_snippets.0 += 1;
                } else {
                    r.errors
                        .push(format!("without {file}: present {:?}", clip(s)));
                }
            }
        }
    }
    Ok(r)
}

/// The first 100 characters of a snippet, for error lists.
fn clip(s: &str) -> String {
    let mut c: String = s.chars().take(100).collect();
    if c.len() < s.len() {
        c.push('…');
    }
    c
}

fn pct((a, b): (usize, usize)) -> String {
    if b == 0 {
        "n/a".into()
    } else {
        format!("{:.1} % ({a}/{b})", 100.0 * a as f64 / b as f64)
    }
}

impl std::fmt::Display for MetadataReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "Metadata, metadata-eval ({} pages, human labels)",
            self.pages
        )?;
        writeln!(f)?;
        writeln!(f, "| title exact | author | date (day) | `with` snippets present | `without` snippets absent |")?;
        writeln!(f, "|---|---|---|---|---|")?;
        writeln!(
            f,
            "| {} | {} | {} | {} | {} |",
            pct(self.title),
            pct(self.author),
            pct(self.date),
            pct(self.with_snippets),
            pct(self.without_snippets)
        )
    }
}

/// Agreement with Readability.js on Mozilla's test pages.
#[derive(Debug, Clone, Default)]
pub struct ReadabilityReport {
    pub pages: usize,
    pub title: (usize, usize),
    pub byline: (usize, usize),
    pub site_name: (usize, usize),
    pub lang: (usize, usize),
}

/// Compares our metadata with Readability.js' on `dir` (`readability-test-pages`).
///
/// # Errors
/// A message when the dataset cannot be read.
pub fn readability(dir: &Path) -> Result<ReadabilityReport, String> {
    let pipeline = Pipeline::new();
    let mut r = ReadabilityReport::default();
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    for case in cases {
        let Ok(expected) = read_json(&case.join("expected-metadata.json")) else {
            continue;
        };
        let Ok(html) = gunzip(&case.join("source.html.gz")) else {
            continue;
        };
        r.pages += 1;
        let doc = extract(&pipeline, html, Some("http://fakehost/test/page.html"));
        let md = doc.as_ref().map(|d| &d.metadata);
        let check = |field: &str, ours: Option<String>, slot: &mut (usize, usize)| {
            if let Some(e) = expected.get(field).and_then(Value::as_str) {
                slot.1 += 1;
                if norm(&ours.unwrap_or_default()) == norm(e) {
                    slot.0 += 1;
                }
            }
        };
        check("title", md.and_then(|m| m.title.clone()), &mut r.title);
        check(
            "byline",
            md.map(|m| {
                m.authors
                    .iter()
                    .map(|a| a.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            &mut r.byline,
        );
        check(
            "siteName",
            md.and_then(|m| m.site_name.clone()),
            &mut r.site_name,
        );
        check(
            "lang",
            md.and_then(|m| m.declared_language.clone()),
            &mut r.lang,
        );
    }
    Ok(r)
}

impl std::fmt::Display for ReadabilityReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "Agreement with Readability.js, readability-test-pages ({} pages)",
            self.pages
        )?;
        writeln!(f)?;
        writeln!(f, "| title | byline | site name | lang |")?;
        writeln!(f, "|---|---|---|---|")?;
        writeln!(
            f,
            "| {} | {} | {} | {} |",
            pct(self.title),
            pct(self.byline),
            pct(self.site_name),
            pct(self.lang)
        )
    }
}

/// Fails when main-text quality falls below the recorded floor (`EVALUATION.md`): F1
/// 0.965 and no empty page.
///
/// # Errors
/// A message naming the measure below its floor.
pub fn main_text_floor(r: &MainTextReport) -> Result<(), String> {
    const F1: f64 = 0.965;
    let r = &r.scores;
    if r.f1 < F1 {
        return Err(format!("main-text F1 {:.3} is below the floor {F1}", r.f1));
    }
    if r.empty > 0 {
        return Err(format!("{} pages came out empty", r.empty));
    }
    Ok(())
}

/// Fails when metadata accuracy falls below the recorded floor (`EVALUATION.md`).
///
/// # Errors
/// A message naming every measure below its floor.
pub fn metadata_floor(r: &MetadataReport) -> Result<(), String> {
    let rate = |(a, b): (usize, usize)| a as f64 / b.max(1) as f64;
    let checks = [
        ("title", rate(r.title), 0.85),
        ("author", rate(r.author), 0.64),
        ("date", rate(r.date), 0.79),
        ("with snippets", rate(r.with_snippets), 0.88),
        ("without snippets", rate(r.without_snippets), 0.89),
    ];
    let low: Vec<String> = checks
        .iter()
        .filter(|(_, v, floor)| v < floor)
        .map(|(name, v, floor)| format!("{name} {v:.3} < {floor}"))
        .collect();
    if low.is_empty() {
        Ok(())
    } else {
        Err(format!("metadata below the floor: {}", low.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_overlap_counts_multisets() {
        let a = shingles("a b c d e a b c d");
        let b = shingles("a b c d");
        assert_eq!(a.values().sum::<usize>(), 6);
        assert_eq!(overlap(&a, &b), 1);
        assert_eq!(overlap(&b, &a), 1);
    }

    #[test]
    fn scores_average_precision_over_pages_with_text_and_recall_over_all() {
        let gold = "one two three four five";
        let s = MainTextScores::of([
            ("a", "one two three four five", gold),
            ("b", "one two three four six seven", gold),
            ("c", "", gold),
        ]);
        assert_eq!((s.pages, s.empty), (3, 1));
        // Page a: 2/2 shingles right; page b: 1 of 3 predicted, 1 of 2 gold.
        assert!((s.precision - (1.0 + 1.0 / 3.0) / 2.0).abs() < 1e-9);
        assert!((s.recall - (1.0 + 0.5 + 0.0) / 3.0).abs() < 1e-9);
        assert_eq!(s.worst[0].0, "c");
    }

    #[test]
    fn prediction_files_take_author_strings_or_lists_and_cut_dates_to_the_day() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        std::fs::write(
            &path,
            r#"{"x.html": {"text": "T", "author": "Jane Doe", "date": "2020-01-02T10:00:00"},
                "y.html": {"author": ["A B", " ", "C D"], "title": null},
                "z.html": {"author": "E F and G H"}, "w.html": {"author": ""}}"#,
        )
        .unwrap();
        let p = read_predictions(&path).unwrap();
        assert_eq!(p["x.html"].authors, ["jane doe"]);
        assert_eq!(p["x.html"].date.as_deref(), Some("2020-01-02"));
        assert_eq!(p["y.html"].authors, ["A B", "C D"]);
        let mut z = p["z.html"].authors.clone();
        z.sort();
        assert_eq!(z, ["e f", "g h"]);
        assert!(p["w.html"].authors.is_empty());
        assert_eq!(
            (p["y.html"].text.as_str(), p["y.html"].title.clone()),
            ("", None)
        );
        std::fs::write(&path, r#"{"x.html": 3}"#).unwrap();
        assert!(read_predictions(&path)
            .unwrap_err()
            .contains("not an object"));
    }

    #[test]
    fn author_sets_split_common_separators() {
        let s = author_set("David Brand and Ramsey Khalifeh; X Y");
        assert_eq!(s.len(), 3);
        assert!(s.contains("ramsey khalifeh"));
    }
}
