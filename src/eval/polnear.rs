//! Evaluation of [`crate::pipeline::quotations`] on the PolNeAR attribution corpus
//! (`../shared/data/polnear/{train,dev}`: `text/<name>.txt` plus brat
//! `attributions/<name>_<annotator>.ann`).
//!
//! # Gold standard
//!
//! Every text may have several `.ann` files, one per annotator. The *first* file in
//! sorted (byte-wise) order is used for every text, so one annotator's view is scored
//! consistently and the choice is reproducible. A gold attribution is an `E` line with a
//! `Content` span (PolNeAR's `Attribution` and `Attribution-no-source` events); its
//! `Source` and `Cue` are optional. brat offsets are character offsets; they are turned
//! into UTF-8 byte offsets. Discontinuous spans (`s e;s e`) keep all their fragments.
//!
//! # Scoring
//!
//! Spans are compared after normalisation: each fragment is trimmed of whitespace and
//! of trailing `, ; : .`, empty fragments are dropped, fragments are sorted and
//! fragments separated only by whitespace are merged. Then, per document:
//!
//! - **content overlap**: a one-to-one matching between predicted quotations and gold
//!   attributions, greedily by the number of shared content bytes (largest first);
//!   a matched pair is a true positive. Precision over all predictions, recall over all
//!   gold attributions.
//! - **content exact**: a one-to-one matching of identical normalised content spans.
//! - **source** and **cue**: a matched pair (content overlap) whose normalised speaker
//!   span / cue span equals the gold one exactly. Precision over predictions that have a
//!   speaker span (cue), recall over gold attributions that have a source (cue).
//! - **direct quotations**: a gold attribution is *direct* when its content (trimmed)
//!   starts with a quotation mark (`" “ ” ‘ ’ ' « » „`, or `''`). Recall is measured over
//!   gold direct attributions, precision over predictions of kind
//!   [`QuoteKind::Direct`], both with the same matching as above (a predicted direct
//!   quotation that matches any gold attribution is correct).
//!
//! Paragraphs are split on blank lines here; sentences are left to the stage.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::time::Instant;

use crate::pipeline::quotations::learned::{GoldAttribution, TrainDoc};
use crate::pipeline::quotations::{extract, Quote, QuoteKind};

/// Precision / recall counts. Precision and recall may have different numerators
/// (see the module doc for the direct-quotation slice).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Predictions counted as correct.
    pub tp_pred: usize,
    /// Predictions considered.
    pub n_pred: usize,
    /// Gold items found.
    pub tp_gold: usize,
    /// Gold items considered.
    pub n_gold: usize,
}

impl Prf {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp_pred, self.n_pred)
    }
    /// Recall (0 when there is no gold item).
    pub fn recall(&self) -> f64 {
        ratio(self.tp_gold, self.n_gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Prf) {
        self.tp_pred += o.tp_pred;
        self.n_pred += o.n_pred;
        self.tp_gold += o.tp_gold;
        self.n_gold += o.n_gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of one slice (all attributions, or direct quotations only).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Slice {
    /// Content spans identical after normalisation.
    pub content_exact: Prf,
    /// Content spans overlapping (one-to-one).
    pub content_overlap: Prf,
    /// Speaker (source) span exact, on matched pairs.
    pub source: Prf,
    /// Cue span exact, on matched pairs.
    pub cue: Prf,
}

impl Slice {
    fn add(&mut self, o: &Slice) {
        self.content_exact.add(&o.content_exact);
        self.content_overlap.add(&o.content_overlap);
        self.source.add(&o.source);
        self.cue.add(&o.cue);
    }
}

/// Scores under the protocol of BBC R&D's Citron (`citron/metrics.py`), the system
/// whose PARC 3.0 results the issue cites, so that our numbers can be set beside
/// theirs. It differs from [`Slice`] in how predictions meet gold attributions:
///
/// - **cue**: a predicted cue is correct when any gold attribution has exactly that cue
///   span; no content match is needed (ours ties the cue to a content-matched pair).
///   Counted over attributions that have a cue.
/// - **source**: correct when some gold attribution's cue *overlaps* the predicted cue
///   and its source spans are equal (both absent counts as equal, as in Citron).
///   Counted over all attributions.
/// - **content exact**: as source, with content spans equal.
/// - **content overlap**: summed over all (prediction, gold) pairs, the bytes the content
///   spans share, over the bytes of predicted content (precision) and of gold content
///   (recall); Citron counts tokens instead of bytes.
///
/// Matching is not one-to-one, so two predictions with the same cue both count.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Citron {
    /// Cue span exact, on its own.
    pub cue: Prf,
    /// Source spans exact, cues overlapping.
    pub source: Prf,
    /// Content spans exact, cues overlapping.
    pub content_exact: Prf,
    /// Content bytes shared (`tp_*` and `n_*` count bytes, not attributions).
    pub content_overlap: Prf,
}

impl Citron {
    fn add(&mut self, o: &Citron) {
        self.cue.add(&o.cue);
        self.source.add(&o.source);
        self.content_exact.add(&o.content_exact);
        self.content_overlap.add(&o.content_overlap);
    }
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The folder evaluated.
    pub dir: String,
    /// Texts scored.
    pub documents: usize,
    /// Gold attributions (with content).
    pub gold: usize,
    /// Predicted quotations.
    pub predicted: usize,
    /// All attributions.
    pub all: Slice,
    /// Direct quotations (see the module doc).
    pub direct: Slice,
    /// All attributions under Citron's protocol.
    pub citron: Citron,
    /// Whether this is [`agreement`] (a second annotator scored against the first)
    /// rather than the stage scored against the first annotator.
    pub annotators: bool,
    /// Bytes of text given to the stage.
    pub bytes: usize,
    /// Time spent inside [`extract`], in seconds.
    pub seconds: f64,
    /// The most frequent errors, most frequent first: `MISS cue` (a gold attribution
    /// no prediction overlaps, by its cue text), `FP cue` (a prediction matching no
    /// gold attribution), `CUE gold / ours` and `SOURCE gold / ours` (a matched pair
    /// whose cue or source differs).
    pub errors: Vec<(String, usize)>,
    /// Every missed gold attribution (`MISS`) and every matched pair with a different
    /// source (`SOURCE`), with the text before the content, in document order.
    pub examples: Vec<String>,
}

impl Report {
    /// Extraction speed in MB/s (10^6 bytes per second).
    pub fn mb_per_s(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.annotators {
            writeln!(
                f,
                "PolNeAR `{}`: inter-annotator agreement, {} (text, later annotator) pairs, the later annotators ({} attributions) scored against each text's first annotator ({})",
                self.dir, self.documents, self.predicted, self.gold
            )?;
        } else {
            writeln!(
                f,
                "PolNeAR `{}`: {} texts (first annotator file in sorted order), {} gold attributions, {} predicted; {:.1} MB/s",
                self.dir,
                self.documents,
                self.gold,
                self.predicted,
                self.mb_per_s()
            )?;
        }
        writeln!(f)?;
        writeln!(f, "| slice | metric | P | R | F1 | gold | pred |")?;
        writeln!(f, "|---|---|---:|---:|---:|---:|---:|")?;
        for (name, s) in [("all", &self.all), ("direct", &self.direct)] {
            for (m, p) in [
                ("content exact", &s.content_exact),
                ("content overlap", &s.content_overlap),
                ("source exact", &s.source),
                ("cue exact", &s.cue),
            ] {
                writeln!(
                    f,
                    "| {name} | {m} | {:.3} | {:.3} | {:.3} | {} | {} |",
                    p.precision(),
                    p.recall(),
                    p.f1(),
                    p.n_gold,
                    p.n_pred
                )?;
            }
        }
        writeln!(f)?;
        writeln!(
            f,
            "All attributions under Citron's protocol (cue matched on its own; source and content exact with overlapping cues; content overlap in shared bytes):"
        )?;
        writeln!(f)?;
        writeln!(f, "| metric | P | R | F1 |")?;
        writeln!(f, "|---|---:|---:|---:|")?;
        let c = &self.citron;
        for (m, p) in [
            ("cue exact", &c.cue),
            ("source exact", &c.source),
            ("content exact", &c.content_exact),
            ("content overlap", &c.content_overlap),
        ] {
            writeln!(
                f,
                "| {m} | {:.3} | {:.3} | {:.3} |",
                p.precision(),
                p.recall(),
                p.f1()
            )?;
        }
        Ok(())
    }
}

/// Regression floors for CI, a few points under the scores reached on `dev` with the
/// learned taggers of 2026-12-05: dev reaches direct content overlap F1 0.95, direct
/// source 0.89, all-attribution content overlap 0.78, cue 0.66, source 0.69, content
/// exact 0.55 (the rules alone: 0.94, 0.89, 0.72, 0.58, 0.63, 0.51).
///
/// # Errors
/// A list of the metrics under their floor.
pub fn floor_check(r: &Report) -> Result<(), String> {
    let checks = [
        (
            "direct content overlap F1",
            r.direct.content_overlap.f1(),
            0.93,
        ),
        ("direct source F1", r.direct.source.f1(), 0.875),
        ("all content overlap F1", r.all.content_overlap.f1(), 0.76),
        ("all cue F1", r.all.cue.f1(), 0.64),
        ("all source F1", r.all.source.f1(), 0.67),
        ("all content exact F1", r.all.content_exact.f1(), 0.53),
    ];
    let failed: Vec<String> = checks
        .iter()
        .filter(|(_, v, floor)| v < floor)
        .map(|(n, v, floor)| format!("{n} {v:.3} < {floor}"))
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("; "))
    }
}

/// One attribution as scored, gold or predicted: spans normalised, in bytes.
#[derive(Debug, Clone)]
struct Attr {
    content: Vec<Range<usize>>,
    source: Option<Vec<Range<usize>>>,
    cue: Option<Vec<Range<usize>>>,
    direct: bool,
}

/// Evaluates the quotation stage on one PolNeAR folder (`.../polnear/dev` or `train`).
///
/// # Errors
/// When the folder or a file cannot be read, or when it holds no annotated text.
pub fn evaluate(dir: &Path) -> Result<Report, String> {
    evaluate_with(dir, extract)
}

/// The texts of a PolNeAR folder with their paragraphs and gold attributions (first
/// annotator file, spans normalised as for scoring), to train and score the learned
/// taggers ([`crate::pipeline::quotations::learned`]).
///
/// # Errors
/// When the folder or a file cannot be read, or when it holds no annotated text.
pub fn train_docs(dir: &Path) -> Result<Vec<TrainDoc>, String> {
    let mut out = Vec::new();
    for (text, ann) in annotated_texts(dir)? {
        let attributions = parse_ann(&text, &ann)
            .into_iter()
            .map(|g| GoldAttribution {
                content: g.content,
                source: g.source.unwrap_or_default(),
                cue: g.cue.unwrap_or_default(),
            })
            .collect();
        out.push(TrainDoc {
            paragraphs: split_paragraphs(&text),
            text,
            attributions,
        });
    }
    Ok(out)
}

/// `(text, first annotator's .ann)` of every annotated text of a PolNeAR folder, in
/// name order.
fn annotated_texts(dir: &Path) -> Result<Vec<(String, String)>, String> {
    Ok(all_annotations(dir)?
        .into_iter()
        .filter_map(|(text, mut anns)| (!anns.is_empty()).then(|| (text, anns.swap_remove(0))))
        .collect())
}

/// `(text, every annotator's .ann in sorted file order)` of every annotated text of a
/// PolNeAR folder, in name order. An annotation without its text is skipped.
fn all_annotations(dir: &Path) -> Result<Vec<(String, Vec<String>)>, String> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut names: Vec<String> = std::fs::read_dir(&ann_dir)
        .map_err(|e| format!("{}: {e}", ann_dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    names.sort();
    for file in names {
        let stem = &file[..file.len() - 4];
        if let Some((text_name, _annotator)) = stem.rsplit_once('_') {
            files
                .entry(text_name.to_string())
                .or_default()
                .push(file.clone());
        }
    }
    if files.is_empty() {
        return Err(format!("no .ann files in {}", ann_dir.display()));
    }
    let mut out = Vec::with_capacity(files.len());
    for (name, ann_files) in &files {
        let tpath = text_dir.join(format!("{name}.txt"));
        let Ok(text) = std::fs::read_to_string(&tpath) else {
            continue;
        };
        let anns = ann_files
            .iter()
            .map(|f| std::fs::read_to_string(ann_dir.join(f)).map_err(|e| format!("{f}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        out.push((text, anns));
    }
    Ok(out)
}

/// Inter-annotator agreement: on every text of a PolNeAR folder that several
/// annotators annotated, each later annotator's attributions (sorted file order) scored
/// as predictions against the first annotator's, the gold standard of [`evaluate`],
/// with the same metrics. It bounds what a system can be expected to reach against one
/// annotator. `documents` counts (text, later annotator) pairs, `predicted` the later
/// annotators' attributions; `errors` and `examples` stay empty and no time is
/// measured.
///
/// # Errors
/// As [`evaluate`], and when no text has two annotators.
pub fn agreement(dir: &Path) -> Result<Report, String> {
    let mut report = Report {
        dir: dir.display().to_string(),
        annotators: true,
        ..Default::default()
    };
    for (text, anns) in all_annotations(dir)? {
        let Some((first, later)) = anns.split_first() else {
            continue;
        };
        let gold = parse_ann(&text, first);
        for other in later {
            let other = parse_ann(&text, other);
            report.documents += 1;
            report.gold += gold.len();
            report.predicted += other.len();
            let (all, direct) = score_document(
                &text,
                &gold,
                &other,
                &mut Default::default(),
                &mut Vec::new(),
            );
            report.all.add(&all);
            report.direct.add(&direct);
            report.citron.add(&score_citron(&gold, &other));
        }
    }
    if report.documents == 0 {
        return Err(format!("no text in {} has two annotators", dir.display()));
    }
    Ok(report)
}

/// [`evaluate`] with another extraction function (the rules alone, say).
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_with(
    dir: &Path,
    extract: impl Fn(&str, &[Range<usize>], &[Range<usize>]) -> Vec<Quote>,
) -> Result<Report, String> {
    let texts = annotated_texts(dir)?;
    let mut report = Report {
        dir: dir.display().to_string(),
        ..Default::default()
    };
    let mut errors: std::collections::HashMap<String, usize> = Default::default();
    // build the stage's lazily initialised tables before timing
    let _ = extract("“Warm up,” she said.", &[], &[]);
    for (text, ann) in &texts {
        let (text, ann) = (text.as_str(), ann.as_str());
        let gold = parse_ann(text, ann);
        let paragraphs = split_paragraphs(text);
        let start = Instant::now();
        let pred = extract(text, &paragraphs, &[]);
        report.seconds += start.elapsed().as_secs_f64();
        report.bytes += text.len();
        report.documents += 1;
        report.gold += gold.len();
        report.predicted += pred.len();
        let pred = predicted(text, &pred);
        let (all, direct) = score_document(text, &gold, &pred, &mut errors, &mut report.examples);
        report.all.add(&all);
        report.direct.add(&direct);
        report.citron.add(&score_citron(&gold, &pred));
    }
    report.errors = errors.into_iter().collect();
    report
        .errors
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(report)
}

/// Paragraphs of `text`: byte ranges separated by blank lines (lines holding only
/// whitespace), trimmed of surrounding whitespace.
pub fn split_paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(line_start + lead);
            }
            end = line_start + line.trim_end().len();
        }
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

fn parse_ann(text: &str, ann: &str) -> Vec<Attr> {
    // char offset -> byte offset
    let mut c2b: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    c2b.push(text.len());
    let to_byte = |c: usize| c2b.get(c).copied();
    let mut spans: BTreeMap<&str, Vec<Range<usize>>> = BTreeMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for line in ann.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else {
            continue;
        };
        if id.starts_with('T') && id[1..].chars().all(|c| c.is_ascii_digit()) {
            let Some((_ty, offs)) = body.split_once(' ') else {
                continue;
            };
            let mut frags = Vec::new();
            for frag in offs.split(';') {
                let mut it = frag.split_whitespace();
                if let (Some(Ok(s)), Some(Ok(e))) =
                    (it.next().map(str::parse), it.next().map(str::parse))
                {
                    if let (Some(s), Some(e)) = (to_byte(s), to_byte(e)) {
                        if s < e {
                            frags.push(s..e);
                        }
                    }
                }
            }
            spans.insert(id, frags);
        } else if id.starts_with('E') {
            let roles = body
                .split_whitespace()
                .filter_map(|kv| kv.split_once(':'))
                .collect();
            events.push(roles);
        }
    }
    let mut out = Vec::new();
    for ev in events {
        let get = |role: &str| -> Option<Vec<Range<usize>>> {
            ev.iter()
                .find(|(k, _)| k.trim_end_matches(|c: char| c.is_ascii_digit()) == role)
                .and_then(|(_, v)| spans.get(v))
                .map(|s| normalize(text, s))
                .filter(|s| !s.is_empty())
        };
        let Some(content) = get("Content") else {
            continue;
        };
        let direct = content
            .first()
            .map(|r| starts_with_quote_mark(&text[r.clone()]))
            .unwrap_or(false);
        out.push(Attr {
            source: get("Source"),
            cue: get("Cue"),
            content,
            direct,
        });
    }
    out
}

fn starts_with_quote_mark(s: &str) -> bool {
    s.starts_with(['"', '“', '”', '‘', '’', '\'', '«', '»', '„'])
}

/// Normalised fragments (see the module doc).
fn normalize(text: &str, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut frags: Vec<Range<usize>> = spans
        .iter()
        .filter_map(|r| {
            let s = text.get(r.clone())?;
            let lead = s.len() - s.trim_start().len();
            let t = s.trim_start().trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.')
            });
            (!t.is_empty()).then(|| r.start + lead..r.start + lead + t.len())
        })
        .collect();
    frags.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in frags {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.end.min(r.start)..r.start).unwrap_or("");
            if r.start <= last.end || gap.trim().is_empty() {
                last.end = last.end.max(r.end);
                continue;
            }
        }
        out.push(r);
    }
    out
}

fn overlap(a: &[Range<usize>], b: &[Range<usize>]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            let s = x.start.max(y.start);
            let e = x.end.min(y.end);
            if s < e {
                n += e - s;
            }
        }
    }
    n
}

/// The quotations of the stage as scored attributions (normalised; a quotation whose
/// content normalises to nothing is dropped).
fn predicted(text: &str, pred: &[Quote]) -> Vec<Attr> {
    pred.iter()
        .map(|q| Attr {
            content: normalize(text, &q.content),
            source: q
                .speaker
                .as_ref()
                .and_then(|s| s.span.clone())
                .map(|r| normalize(text, &[r]))
                .filter(|v| !v.is_empty()),
            cue: q
                .cue
                .clone()
                .map(|r| normalize(text, &[r]))
                .filter(|v| !v.is_empty()),
            direct: q.kind == QuoteKind::Direct,
        })
        .filter(|p| !p.content.is_empty())
        .collect()
}

fn score_document(
    text: &str,
    gold: &[Attr],
    preds: &[Attr],
    errors: &mut std::collections::HashMap<String, usize>,
    examples: &mut Vec<String>,
) -> (Slice, Slice) {
    // The gold content with some text before it, on one line.
    let context = |r: Option<&Range<usize>>| {
        let Some(r) = r else { return String::new() };
        let mut a = r.start.saturating_sub(120);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (r.end + 40).min(text.len());
        while !text.is_char_boundary(b) {
            b += 1;
        }
        text[a..b].replace('\n', " ")
    };
    let show = |spans: &Option<Vec<Range<usize>>>| match spans {
        Some(v) => v
            .iter()
            .map(|r| text[r.clone()].to_lowercase())
            .collect::<Vec<_>>()
            .join(" … "),
        None => "-".to_string(),
    };
    // One-to-one matching by overlap, largest first.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, p) in preds.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let o = overlap(&p.content, &g.content);
            if o > 0 {
                pairs.push((o, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut pm: Vec<Option<usize>> = vec![None; preds.len()];
    let mut gm: Vec<Option<usize>> = vec![None; gold.len()];
    for (_, i, j) in pairs {
        if pm[i].is_none() && gm[j].is_none() {
            pm[i] = Some(j);
            gm[j] = Some(i);
        }
    }
    // Exact content matching.
    let mut pe = vec![false; preds.len()];
    let mut ge = vec![false; gold.len()];
    for (i, p) in preds.iter().enumerate() {
        if let Some(j) = (0..gold.len()).find(|&j| !ge[j] && gold[j].content == p.content) {
            pe[i] = true;
            ge[j] = true;
        }
    }

    // A wrong source, marked when the quotation is direct; the cue is shown as ours
    // too when it differs.
    let source_example = |g: &Attr, p: &Attr| {
        let cue = if p.cue == g.cue {
            format!("`{}`", show(&g.cue))
        } else {
            format!("`{}` ours `{}`", show(&g.cue), show(&p.cue))
        };
        format!(
            "SOURCE{} gold `{}` ours `{}` cue {cue} :: …{}…",
            if g.direct { " (direct)" } else { "" },
            show(&g.source),
            show(&p.source),
            context(g.content.first())
        )
    };
    // A missed (`MISS`) or spurious (`FP`) attribution, with the text around it.
    let listed = |label: &str,
                  source: &Option<Vec<Range<usize>>>,
                  cue: &Option<Vec<Range<usize>>>,
                  content: &[Range<usize>]| {
        format!(
            "{label} source `{}` cue `{}` content `{}` :: …{}…",
            show(source),
            show(cue),
            show(&Some(content.to_vec())),
            context(content.first())
        )
    };
    for (j, g) in gold.iter().enumerate() {
        let key = match gm[j].map(|i| &preds[i]) {
            None => {
                examples.push(listed("MISS", &g.source, &g.cue, &g.content));
                format!("MISS cue `{}`", show(&g.cue))
            }
            Some(p) if p.cue != g.cue => {
                if p.source != g.source {
                    examples.push(source_example(g, p));
                }
                format!("CUE `{}` / ours `{}`", show(&g.cue), show(&p.cue))
            }
            Some(p) if p.source != g.source => {
                examples.push(source_example(g, p));
                let kind = match (&g.source, &p.source) {
                    (Some(_), None) => "ours missing",
                    (None, Some(_)) => "gold has none",
                    _ => "different",
                };
                format!("SOURCE {kind}")
            }
            Some(_) => continue,
        };
        *errors.entry(key).or_default() += 1;
    }
    for (i, p) in preds.iter().enumerate() {
        if pm[i].is_none() {
            examples.push(listed("FP", &p.source, &p.cue, &p.content));
            *errors
                .entry(format!("FP cue `{}`", show(&p.cue)))
                .or_default() += 1;
        }
    }

    let mut all = Slice::default();
    let mut direct = Slice::default();
    for (i, p) in preds.iter().enumerate() {
        let m = pm[i].map(|j| &gold[j]);
        let src_ok = matches!((m, &p.source), (Some(g), Some(s)) if g.source.as_ref() == Some(s));
        let cue_ok = matches!((m, &p.cue), (Some(g), Some(c)) if g.cue.as_ref() == Some(c));
        for (s, on) in [(&mut all, true), (&mut direct, p.direct)] {
            if !on {
                continue;
            }
            s.content_overlap.n_pred += 1;
            s.content_overlap.tp_pred += usize::from(m.is_some());
            s.content_exact.n_pred += 1;
            s.content_exact.tp_pred += usize::from(pe[i]);
            if p.source.is_some() {
                s.source.n_pred += 1;
                s.source.tp_pred += usize::from(src_ok);
            }
            if p.cue.is_some() {
                s.cue.n_pred += 1;
                s.cue.tp_pred += usize::from(cue_ok);
            }
        }
    }
    for (j, g) in gold.iter().enumerate() {
        let m = gm[j].map(|i| &preds[i]);
        let src_ok = matches!((m, &g.source), (Some(p), Some(s)) if p.source.as_ref() == Some(s));
        let cue_ok = matches!((m, &g.cue), (Some(p), Some(c)) if p.cue.as_ref() == Some(c));
        for (s, on) in [(&mut all, true), (&mut direct, g.direct)] {
            if !on {
                continue;
            }
            s.content_overlap.n_gold += 1;
            s.content_overlap.tp_gold += usize::from(m.is_some());
            s.content_exact.n_gold += 1;
            s.content_exact.tp_gold += usize::from(ge[j]);
            if g.source.is_some() {
                s.source.n_gold += 1;
                s.source.tp_gold += usize::from(src_ok);
            }
            if g.cue.is_some() {
                s.cue.n_gold += 1;
                s.cue.tp_gold += usize::from(cue_ok);
            }
        }
    }
    (all, direct)
}

/// Citron's scores of one document (see [`Citron`]).
fn score_citron(gold: &[Attr], preds: &[Attr]) -> Citron {
    let cues_overlap = |a: &Attr, b: &Attr| match (&a.cue, &b.cue) {
        (Some(x), Some(y)) => overlap(x, y) > 0,
        _ => false,
    };
    let mut c = Citron::default();
    // counts, over the items `considered`, those that some item of the other side
    // matches under `same(prediction, gold)`
    let count =
        |prf: &mut Prf, considered: &dyn Fn(&Attr) -> bool, same: &dyn Fn(&Attr, &Attr) -> bool| {
            for p in preds.iter().filter(|p| considered(p)) {
                prf.n_pred += 1;
                prf.tp_pred += usize::from(gold.iter().any(|g| same(p, g)));
            }
            for g in gold.iter().filter(|g| considered(g)) {
                prf.n_gold += 1;
                prf.tp_gold += usize::from(preds.iter().any(|p| same(p, g)));
            }
        };
    count(&mut c.cue, &|a| a.cue.is_some(), &|p, g| p.cue == g.cue);
    count(&mut c.source, &|_| true, &|p, g| {
        cues_overlap(p, g) && p.source == g.source
    });
    count(&mut c.content_exact, &|_| true, &|p, g| {
        cues_overlap(p, g) && p.content == g.content
    });
    let len = |a: &Attr| a.content.iter().map(|r| r.len()).sum::<usize>();
    let shared: usize = preds
        .iter()
        .flat_map(|p| gold.iter().map(move |g| overlap(&p.content, &g.content)))
        .sum();
    c.content_overlap = Prf {
        tp_pred: shared,
        n_pred: preds.iter().map(len).sum(),
        tp_gold: shared,
        n_gold: gold.iter().map(len).sum(),
    };
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let t = "Title\n\n  First line\nsecond line  \n \n\nLast";
        let p = split_paragraphs(t);
        let got: Vec<&str> = p.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(got, ["Title", "First line\nsecond line", "Last"]);
    }

    #[test]
    fn brat_offsets_are_characters() {
        let text = "“Yes,” he said. Ünïcode “x”";
        let ann = "T1\tContent 0 6\t“Yes,”\nT2\tCue 10 14\tsaid\nT3\tSource 7 9\the\n\
                   E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n";
        let g = parse_ann(text, ann);
        assert_eq!(g.len(), 1);
        assert_eq!(&text[g[0].content[0].clone()], "“Yes,”");
        assert_eq!(&text[g[0].cue.as_ref().unwrap()[0].clone()], "said");
        assert!(g[0].direct);
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let text = "“We will win,” Smith said.";
        let ann =
            "T1\tContent 0 14\t“We will win,”\nT2\tCue 21 25\tsaid\nT3\tSource 15 20\tSmith\n\
                   E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n";
        let g = parse_ann(text, ann);
        let q = extract(text, &split_paragraphs(text), &[]);
        let p = predicted(text, &q);
        let (all, direct) = score_document(text, &g, &p, &mut Default::default(), &mut Vec::new());
        let c = score_citron(&g, &p);
        for m in [c.cue, c.source, c.content_exact, c.content_overlap] {
            assert_eq!(m.f1(), 1.0, "{c:?}");
        }
        assert_eq!(all.content_exact.f1(), 1.0, "{p:?}");
        assert_eq!(all.source.f1(), 1.0);
        assert_eq!(all.cue.f1(), 1.0);
        assert_eq!(direct.content_overlap.f1(), 1.0);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one span of one fragment each
    fn citron_matches_cues_on_their_own() {
        // gold: `Smith said the plan failed`; ours: the same cue and source, a content
        // that does not overlap the gold one
        let text = "Smith said the plan failed. It rained.";
        let ann = "T1\tContent 11 26\tthe plan failed\nT2\tCue 6 10\tsaid\nT3\tSource 0 5\tSmith\n\
                   E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n";
        let gold = parse_ann(text, ann);
        let ours = vec![Attr {
            content: vec![28..37],
            source: Some(vec![0..5]),
            cue: Some(vec![6..10]),
            direct: false,
        }];
        let (all, _) = score_document(text, &gold, &ours, &mut Default::default(), &mut Vec::new());
        assert_eq!(all.cue.f1(), 0.0, "ours ties the cue to a content match");
        let c = score_citron(&gold, &ours);
        assert_eq!(c.cue.f1(), 1.0);
        assert_eq!(c.source.f1(), 1.0);
        assert_eq!(c.content_exact.f1(), 0.0);
        assert_eq!(c.content_overlap.tp_pred, 0);
        assert_eq!(c.content_overlap.n_gold, "the plan failed".len());
    }

    #[test]
    fn agreement_scores_later_annotators_against_the_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("text")).unwrap();
        std::fs::create_dir_all(dir.path().join("attributions")).unwrap();
        let text = "Smith said the plan failed.";
        std::fs::write(dir.path().join("text/a.txt"), text).unwrap();
        std::fs::write(dir.path().join("text/b.txt"), text).unwrap();
        let full =
            "T1\tContent 11 26\tthe plan failed\nT2\tCue 6 10\tsaid\nT3\tSource 0 5\tSmith\n\
                    E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n";
        let no_source = "T1\tContent 11 26\tthe plan failed\nT2\tCue 6 10\tsaid\n\
                         E1\tAttribution:T2 Content:T1 Cue:T2\n";
        let ann = dir.path().join("attributions");
        std::fs::write(ann.join("a_01.ann"), full).unwrap();
        std::fs::write(ann.join("a_02.ann"), full).unwrap();
        std::fs::write(ann.join("a_03.ann"), no_source).unwrap();
        // one annotator only: not part of the agreement
        std::fs::write(ann.join("b_01.ann"), full).unwrap();
        let r = agreement(dir.path()).unwrap();
        assert_eq!((r.documents, r.gold, r.predicted), (2, 2, 2));
        assert_eq!(r.all.content_exact.f1(), 1.0);
        assert_eq!(r.all.cue.f1(), 1.0);
        // annotator 03 gave no source: gold 2 sources, 1 found; 1 predicted, right
        assert_eq!(r.all.source.recall(), 0.5);
        assert_eq!(r.all.source.precision(), 1.0);
        std::fs::remove_file(ann.join("a_02.ann")).unwrap();
        std::fs::remove_file(ann.join("a_03.ann")).unwrap();
        assert!(agreement(dir.path()).is_err());
    }
}
