//! Training the tagger on CoNLL-2003 (`newsextract train ner`).
//!
//! Procedure (deterministic: fixed seed, fixed document order):
//! 1. read `train.txt` / `valid.txt` (`token POS chunk tag`, documents separated by
//!    `-DOCSTART-`), gazetteers from the gazetteer directory;
//! 2. case augmentation: every epoch each training document is seen as is, or
//!    upper-cased, or lower-cased (15 % each), so that headlines and lower-cased text
//!    keep working;
//! 3. first pass (local features) trained twice on half the documents to give
//!    *jack-knifed* first-pass predictions on the other half, then on all documents;
//! 4. second pass (local + extended prediction history from those predictions);
//! 5. for both passes the epoch with the best entity F1 on `valid.txt` is kept.

// Index loops over parallel token arrays read clearer than zipped iterators here.
#![allow(clippy::needless_range_loop)]

use std::path::Path;
use std::time::Instant;

use super::features::{doc_features, history_features, is_begin, label_type, DocFeats, LABELS, NL};
use super::gazetteer::{Gazetteer, FILES};
use super::model::{Model, FILE_NAME};
use super::perceptron::{Dense, Scorer, TrainWeights};

/// Whether training and decoding use Viterbi search (else greedy).
pub const VITERBI: bool = true;

fn decode<S: Scorer>(w: &S, df: &DocFeats, extra: Option<&[Vec<u32>]>) -> Vec<usize> {
    if VITERBI {
        super::perceptron::decode_viterbi(w, df, extra)
    } else {
        super::perceptron::decode(w, df, extra)
    }
}

/// Bits of the hashed feature table (2^17 rows × 9 labels; 2.4 MB per pass as i16, so the
/// two run-time tables stay cache-resident. 17 bits matched or beat 20 bits on every
/// benchmark of `models/ner/README.md`).
pub const BITS: u32 = 17;

/// A CoNLL document: sentences of `(token, gold tag)`.
pub type ConllDoc = Vec<Vec<(String, String)>>;

/// Reads a CoNLL-2003 style file: first column token, last column tag; blank lines end
/// sentences, `-DOCSTART-` lines start documents.
pub fn read_conll(path: &Path) -> Result<Vec<ConllDoc>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut docs: Vec<ConllDoc> = vec![Vec::new()];
    let mut sent: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            if !sent.is_empty() {
                docs.last_mut()
                    .unwrap_or(&mut Vec::new())
                    .push(std::mem::take(&mut sent));
            }
            if docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            continue;
        }
        if line.is_empty() {
            if !sent.is_empty() {
                if let Some(d) = docs.last_mut() {
                    d.push(std::mem::take(&mut sent));
                }
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 2 {
            continue;
        }
        sent.push((cols[0].to_string(), cols[cols.len() - 1].to_string()));
    }
    if !sent.is_empty() {
        if let Some(d) = docs.last_mut() {
            d.push(sent);
        }
    }
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// Converts tags (IOB1 or IOB2) to our IOB2 label indices.
pub fn tags_to_labels(tags: &[&str]) -> Vec<usize> {
    let mut out = Vec::with_capacity(tags.len());
    let mut prev = 0usize;
    for t in tags {
        let ty = match t.get(2..) {
            Some("PER") => 1,
            Some("ORG") => 2,
            Some("LOC") => 3,
            Some("MISC") => 4,
            _ => 0,
        };
        let l = if ty == 0 {
            0
        } else if t.starts_with("B-") || prev == 0 || label_type(prev) != ty {
            2 * ty - 1
        } else {
            2 * ty
        };
        out.push(l);
        prev = l;
    }
    out
}

/// Entity spans `(start, end, type)` of a BIO label sequence.
pub fn label_spans(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let ty = label_type(l);
        let cont = matches!(cur, Some((_, t)) if t == ty && !is_begin(l) && ty != 0);
        if !cont {
            if let Some((s, t)) = cur.take() {
                out.push((s, i, t));
            }
            if ty != 0 {
                cur = Some((i, ty));
            }
        }
    }
    if let Some((s, t)) = cur {
        out.push((s, labels.len(), t));
    }
    out
}

/// What training did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub train_docs: usize,
    pub train_tokens: usize,
    pub epochs: usize,
    pub best_epoch_pass1: usize,
    pub best_epoch_pass2: usize,
    /// entity F1 (0..100) on valid after the first and the second pass
    pub valid_f1_pass1: f64,
    pub valid_f1_pass2: f64,
    pub model_bytes: usize,
    pub seconds: f64,
}

impl std::fmt::Display for TrainReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "trained on {} documents / {} tokens, {} epochs; valid F1 pass 1 = {:.2} (epoch {}), pass 2 = {:.2} (epoch {}); model {} bytes; {:.1} s",
            self.train_docs, self.train_tokens, self.epochs, self.valid_f1_pass1, self.best_epoch_pass1, self.valid_f1_pass2,
            self.best_epoch_pass2, self.model_bytes, self.seconds
        )
    }
}

struct Prepared {
    /// [as-is, upper, lower]
    variants: [DocFeats; 3],
    gold: Vec<usize>,
}

fn case_variant(doc: &ConllDoc, v: usize) -> Vec<Vec<String>> {
    doc.iter()
        .map(|s| {
            s.iter()
                .map(|(t, _)| match v {
                    1 => t.to_uppercase(),
                    2 => t.to_lowercase(),
                    _ => t.clone(),
                })
                .collect()
        })
        .collect()
}

fn prepare(doc: &ConllDoc, gaz: &Gazetteer, variants: usize) -> Prepared {
    let mk = |v: usize| {
        let s = case_variant(doc, v.min(variants - 1));
        let refs: Vec<Vec<&str>> = s
            .iter()
            .map(|x| x.iter().map(|t| t.as_str()).collect())
            .collect();
        doc_features(&refs, gaz, BITS)
    };
    let tags: Vec<&str> = doc.iter().flatten().map(|(_, t)| t.as_str()).collect();
    let (a, b, c) = if variants == 3 {
        (mk(0), mk(1), mk(2))
    } else {
        (mk(0), mk(0), mk(0))
    };
    Prepared {
        variants: [a, b, c],
        gold: tags_to_labels(&tags),
    }
}

/// xorshift64*, for a reproducible augmentation schedule.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
}

fn pick_variant(rng: &mut Rng) -> usize {
    match rng.next() % 100 {
        0..=14 => 1,
        15..=29 => 2,
        _ => 0,
    }
}

/// Entity-level micro F1 (0..100) of predicted vs gold label sequences.
pub fn span_f1(pairs: &[(Vec<usize>, Vec<usize>)]) -> f64 {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for (p, g) in pairs {
        let ps = label_spans(p);
        let gs = label_spans(g);
        np += ps.len();
        ng += gs.len();
        let set: std::collections::HashSet<_> = gs.iter().collect();
        tp += ps.iter().filter(|x| set.contains(x)).count();
    }
    if np == 0 || ng == 0 || tp == 0 {
        return 0.0;
    }
    let p = tp as f64 / np as f64;
    let r = tp as f64 / ng as f64;
    200.0 * p * r / (p + r)
}

type Hist = Vec<Vec<Vec<u32>>>; // per doc, per variant-less token

/// Trains one pass; `hist[d][v]` gives per-token extra features for variant v of doc d.
#[allow(clippy::too_many_arguments)]
fn train_pass(
    docs: &[&Prepared],
    hist: Option<&[[Vec<Vec<u32>>; 3]]>,
    valid: &[Prepared],
    valid_hist: Option<&Hist>,
    epochs: usize,
    seed: u64,
    log: &str,
) -> (TrainWeights, Option<Dense>, usize, f64) {
    let mut w = TrainWeights::new(BITS);
    let mut rng = Rng(seed);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut best: Option<(Dense, usize, f64)> = None;
    for ep in 1..=epochs {
        // deterministic shuffle
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errs = 0;
        for &d in &order {
            let v = pick_variant(&mut rng);
            let p = docs[d];
            let extra = hist.map(|h| h[d][v].as_slice());
            errs += if VITERBI {
                w.train_doc_viterbi(&p.variants[v], extra, &p.gold)
            } else {
                w.train_doc(&p.variants[v], extra, &p.gold)
            };
        }
        if !valid.is_empty() {
            let avg = w.averaged();
            let pairs: Vec<(Vec<usize>, Vec<usize>)> = valid
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    (
                        decode(&avg, &p.variants[0], valid_hist.map(|h| h[i].as_slice())),
                        p.gold.clone(),
                    )
                })
                .collect();
            let f1 = span_f1(&pairs);
            eprintln!("[{log}] epoch {ep}: {errs} training errors, valid F1 {f1:.2}");
            if best.as_ref().is_none_or(|b| f1 > b.2) {
                best = Some((avg, ep, f1));
            }
        } else {
            eprintln!("[{log}] epoch {ep}: {errs} training errors");
        }
    }
    match best {
        Some((d, e, f)) => (w, Some(d), e, f),
        None => (w, None, epochs, 0.0),
    }
}

fn quantize(d: &Dense, bits: u32) -> super::perceptron::Weights {
    let max = d.0.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
    let scale = max / 32767.0;
    super::perceptron::Weights {
        bits,
        scale,
        w: d.0.iter().map(|x| (x / scale).round() as i16).collect(),
    }
}

fn read_gazetteers(dir: &Path) -> Result<Vec<String>, String> {
    FILES
        .iter()
        .map(|f| {
            let p = dir.join(f);
            std::fs::read_to_string(&p)
                .map_err(|e| format!("cannot read gazetteer {}: {e}", p.display()))
        })
        .collect()
}

/// Trains the NER model on `train` (CoNLL-2003 format), selects epochs on `valid`,
/// bakes in the gazetteers from the directory `gazetteers`, and writes
/// `out/ner.bin.gz` (`out` is created if needed). Deterministic.
pub fn train(
    train: &Path,
    valid: &Path,
    gazetteers: &Path,
    out: &Path,
    epochs: usize,
) -> Result<TrainReport, String> {
    let t0 = Instant::now();
    let epochs = epochs.clamp(1, 100);
    let gaz_sources = read_gazetteers(gazetteers)?;
    let gaz = Gazetteer::from_sources(&gaz_sources);
    let train_docs = read_conll(train)?;
    let valid_docs = read_conll(valid)?;
    if train_docs.is_empty() {
        return Err("training file has no sentences".into());
    }
    let tr: Vec<Prepared> = train_docs.iter().map(|d| prepare(d, &gaz, 3)).collect();
    let va: Vec<Prepared> = valid_docs.iter().map(|d| prepare(d, &gaz, 1)).collect();
    let train_tokens: usize = tr.iter().map(|p| p.gold.len()).sum();
    eprintln!(
        "prepared {} train docs ({} tokens), {} valid docs in {:.1}s",
        tr.len(),
        train_tokens,
        va.len(),
        t0.elapsed().as_secs_f64()
    );

    // jack-knifed first-pass predictions for the second pass
    let mut hist: Vec<[Vec<Vec<u32>>; 3]> = (0..tr.len())
        .map(|_| [Vec::new(), Vec::new(), Vec::new()])
        .collect();
    for fold in 0..2 {
        let part: Vec<&Prepared> = tr
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 != fold)
            .map(|x| x.1)
            .collect();
        let (w, _, _, _) = train_pass(
            &part,
            None,
            &[],
            None,
            epochs,
            17 + fold as u64,
            &format!("pass1 fold {fold}"),
        );
        let avg = w.averaged();
        for (i, p) in tr.iter().enumerate().filter(|(i, _)| i % 2 == fold) {
            for v in 0..3 {
                let pred = decode(&avg, &p.variants[v], None);
                hist[i][v] = history_features(&p.variants[v], &pred);
            }
        }
    }
    let all: Vec<&Prepared> = tr.iter().collect();
    let (_, best1, ep1, f1_1) = train_pass(&all, None, &va, None, epochs, 7, "pass1");
    let best1 = best1.ok_or("no valid data")?;
    let valid_hist: Hist = va
        .iter()
        .map(|p| history_features(&p.variants[0], &decode(&best1, &p.variants[0], None)))
        .collect();
    let (_, best2, ep2, f1_2) = train_pass(
        &all,
        Some(&hist),
        &va,
        Some(&valid_hist),
        epochs,
        11,
        "pass2",
    );
    let best2 = best2.ok_or("no valid data")?;
    let model = Model {
        gaz,
        gaz_sources,
        pass1: quantize(&best1, BITS),
        pass2: quantize(&best2, BITS),
        bits: BITS,
    };
    let bytes = model.to_bytes();
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let p = out.join(FILE_NAME);
    std::fs::write(&p, &bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    let _ = (LABELS, NL, <Dense as Scorer>::add);
    Ok(TrainReport {
        train_docs: tr.len(),
        train_tokens,
        epochs,
        best_epoch_pass1: ep1,
        best_epoch_pass2: ep2,
        valid_f1_pass1: f1_1,
        valid_f1_pass2: f1_2,
        model_bytes: bytes.len(),
        seconds: t0.elapsed().as_secs_f64(),
    })
}
