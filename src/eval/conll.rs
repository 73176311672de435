//! Named-entity evaluation: CoNLL-2003 (`valid.txt`, entity-level P/R/F1 with conlleval
//! semantics: a predicted entity counts only with exact span and type) and Universal NER
//! English-EWT (IOB2, PER/ORG/LOC; our MISC is ignored there). The data is read from
//! `../shared/data` and never copied (see its README).

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::time::Instant;

use crate::pipeline::entities::train::{label_spans, read_conll, tags_to_labels};
use crate::pipeline::entities::Model;

/// How the evaluation text is cased before tagging (gold labels unchanged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    AsIs,
    Upper,
    Lower,
}

/// Per-type counts.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            100.0 * self.tp as f64 / self.pred as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            100.0 * self.tp as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// An evaluation result.
#[derive(Debug, Clone)]
pub struct Report {
    pub dataset: String,
    pub case: Case,
    /// (type, counts) in a fixed order
    pub per_type: Vec<(String, Counts)>,
    pub overall: Counts,
    pub tokens: usize,
    pub seconds: f64,
    /// The most frequent errors, as (`"FP ORG Google"` / `"FN PER ..."` /
    /// `"TYPE LOC->ORG ..."`, count), most frequent first.
    pub errors: Vec<(String, usize)>,
}

impl Report {
    /// The `n` most frequent errors as a Markdown list (for error analysis).
    pub fn errors_table(&self, n: usize) -> String {
        let mut out = String::new();
        for (e, c) in self.errors.iter().take(n) {
            out.push_str(&format!("- {c} × {e}\n"));
        }
        out
    }
    pub fn tokens_per_second(&self) -> f64 {
        self.tokens as f64 / self.seconds.max(1e-9)
    }
    /// Fails when the overall F1 is below `min_f1` (0..100).
    pub fn floor_check(&self, min_f1: f64) -> Result<(), String> {
        let f = self.overall.f1();
        if f + 1e-9 < min_f1 {
            Err(format!(
                "{} ({:?}): entity F1 {:.2} is below the floor {:.2}",
                self.dataset, self.case, f, min_f1
            ))
        } else {
            Ok(())
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "NER {} (case: {:?}) — {} tokens, {:.0} tokens/s",
            self.dataset,
            self.case,
            self.tokens,
            self.tokens_per_second()
        )?;
        writeln!(f)?;
        writeln!(f, "| type | precision | recall | F1 | gold | predicted |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
        for (t, c) in &self.per_type {
            writeln!(
                f,
                "| {t} | {:.2} | {:.2} | {:.2} | {} | {} |",
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.pred
            )?;
        }
        let c = &self.overall;
        writeln!(
            f,
            "| **all** | {:.2} | {:.2} | **{:.2}** | {} | {} |",
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold,
            c.pred
        )
    }
}

const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

fn recase(t: &str, case: Case) -> String {
    match case {
        Case::AsIs => t.to_string(),
        Case::Upper => t.to_uppercase(),
        Case::Lower => t.to_lowercase(),
    }
}

/// Scores documents: `docs` = per document, sentences of (token, gold tag); `keep` =
/// which types (1 PER, 2 ORG, 3 LOC, 4 MISC) are scored.
fn score(
    dataset: &str,
    docs: &[Vec<Vec<(String, String)>>],
    model: &Model,
    case: Case,
    keep: &[usize],
) -> Report {
    score_with(dataset, docs, case, keep, |_, doc| {
        let cased: Vec<Vec<String>> = doc
            .iter()
            .map(|s| s.iter().map(|(t, _)| recase(t, case)).collect())
            .collect();
        let sents: Vec<Vec<&str>> = cased
            .iter()
            .map(|s| s.iter().map(|t| t.as_str()).collect())
            .collect();
        model.tag_document(&sents)
    })
}

/// [`score`] with the labels of each document's tokens (all its sentences in a row)
/// given by `predict(document index, document)`; its time is the tagging time.
fn score_with(
    dataset: &str,
    docs: &[Vec<Vec<(String, String)>>],
    case: Case,
    keep: &[usize],
    mut predict: impl FnMut(usize, &[Vec<(String, String)>]) -> Vec<usize>,
) -> Report {
    let mut counts: HashMap<usize, Counts> = HashMap::new();
    let mut errors: HashMap<String, usize> = HashMap::new();
    let mut tokens = 0;
    let mut secs = 0.0;
    for (di, doc) in docs.iter().enumerate() {
        let t0 = Instant::now();
        let pred = predict(di, doc);
        secs += t0.elapsed().as_secs_f64();
        // spans never cross sentences: score sentence by sentence
        let mut off = 0;
        for s in doc {
            let gold_tags: Vec<&str> = s.iter().map(|(_, g)| g.as_str()).collect();
            let gold = tags_to_labels(&gold_tags);
            let p = &pred[off..off + s.len()];
            off += s.len();
            tokens += s.len();
            let gs: Vec<_> = label_spans(&gold)
                .into_iter()
                .filter(|x| keep.contains(&x.2))
                .collect();
            let ps: Vec<_> = label_spans(p)
                .into_iter()
                .filter(|x| keep.contains(&x.2))
                .collect();
            for x in &gs {
                counts.entry(x.2).or_default().gold += 1;
            }
            let words = |x: &(usize, usize, usize)| {
                s[x.0..x.1]
                    .iter()
                    .map(|(t, _)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            for x in &ps {
                let c = counts.entry(x.2).or_default();
                c.pred += 1;
                if gs.contains(x) {
                    c.tp += 1;
                } else if let Some(g) = gs.iter().find(|g| g.0 == x.0 && g.1 == x.1) {
                    let key = format!("TYPE {}->{} {}", TYPES[g.2 - 1], TYPES[x.2 - 1], words(x));
                    *errors.entry(key).or_default() += 1;
                } else {
                    let key = format!("FP {} {}", TYPES[x.2 - 1], words(x));
                    *errors.entry(key).or_default() += 1;
                }
            }
            for g in &gs {
                if !ps.iter().any(|x| x.0 == g.0 && x.1 == g.1) {
                    let key = format!("FN {} {}", TYPES[g.2 - 1], words(g));
                    *errors.entry(key).or_default() += 1;
                }
            }
        }
    }
    let mut overall = Counts::default();
    let mut per_type = Vec::new();
    for &t in keep {
        let c = counts.remove(&t).unwrap_or_default();
        overall.tp += c.tp;
        overall.pred += c.pred;
        overall.gold += c.gold;
        per_type.push((TYPES[t - 1].to_string(), c));
    }
    let mut errors: Vec<(String, usize)> = errors.into_iter().collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Report {
        errors,
        dataset: dataset.to_string(),
        case,
        per_type,
        overall,
        tokens,
        seconds: secs,
    }
}

/// Evaluates on a CoNLL-2003 file (e.g. `../shared/data/conll2003/valid.txt`).
pub fn evaluate(path: &Path, model: &Model, case: Case) -> Result<Report, String> {
    let docs = read_conll(path)?;
    if docs.is_empty() {
        return Err(format!("{}: no sentences", path.display()));
    }
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(score(
        &format!("CoNLL-2003 {name}"),
        &docs,
        model,
        case,
        &[1, 2, 3, 4],
    ))
}

/// Reads a Universal NER IOB2 file (`# ...` comments, `id token tag ...` columns; blank
/// line between sentences, `# newdoc` starts a document).
/// Documents of sentences of (token, tag) pairs.
type TaggedDocs = Vec<Vec<Vec<(String, String)>>>;

fn read_uner(path: &Path) -> Result<TaggedDocs, String> {
    read_uner_with_texts(path).map(|(docs, _)| docs)
}

/// [`read_uner`], and the original text of each sentence, by document (its `# text =
/// …` line; the tokens joined by spaces when it has none).
fn read_uner_with_texts(path: &Path) -> Result<(TaggedDocs, Vec<Vec<String>>), String> {
    type Sentence = (Vec<(String, String)>, String);
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut docs: Vec<Vec<Sentence>> = vec![Vec::new()];
    let mut sent = Vec::new();
    let mut sent_text: Option<String> = None;
    let end_sentence = |sent: &mut Vec<(String, String)>,
                        sent_text: &mut Option<String>,
                        docs: &mut Vec<Vec<Sentence>>| {
        if sent.is_empty() {
            return;
        }
        let line = sent_text.take().unwrap_or_else(|| {
            sent.iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
        if let Some(d) = docs.last_mut() {
            d.push((std::mem::take(sent), line));
        }
    };
    for line in text.lines() {
        if line.starts_with("# newdoc") {
            end_sentence(&mut sent, &mut sent_text, &mut docs);
            docs.push(Vec::new());
            continue;
        }
        if let Some(t) = line.strip_prefix("# text = ") {
            sent_text = Some(t.to_string());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            end_sentence(&mut sent, &mut sent_text, &mut docs);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 {
            let tag = match cols[2] {
                t if t.ends_with("-PER") || t.ends_with("-ORG") || t.ends_with("-LOC") => {
                    t.to_string()
                }
                _ => "O".to_string(),
            };
            sent.push((cols[1].to_string(), tag));
        }
    }
    end_sentence(&mut sent, &mut sent_text, &mut docs);
    Ok(docs
        .into_iter()
        .filter(|d| !d.is_empty())
        .map(|d| d.into_iter().unzip())
        .unzip())
}

/// Universal NER English-EWT through the whole entity stage, as the worker runs it on
/// raw text: each document is its sentences' original text (`# text = …`, one per
/// line), tokenised, tagged and repaired by [`crate::pipeline::entities::extract`];
/// every mention labels the UD tokens inside its byte span (PERSON → PER, ORG → ORG,
/// GPE and LOC → LOC; the other kinds are not scored). Tokens that cannot be found in
/// their sentence's text (none in en-EWT dev) are labelled outside.
///
/// # Errors
/// A message when the file cannot be read.
pub fn evaluate_uner_stage(path: &Path, model: &Model) -> Result<Report, String> {
    let (docs, texts) = read_uner_with_texts(path)?;
    Ok(score_stage(
        "UNER en-EWT dev, whole entity stage",
        &docs,
        &texts,
        &[1, 2, 3],
        model,
    ))
}

/// A CoNLL-2003 file through the whole entity stage, as [`evaluate_uner_stage`] does
/// for UNER: each sentence's text is its tokens joined by spaces (the corpus keeps no
/// original text), and NORP, EVENT and MISC mentions score as MISC. It measures what
/// the stage's repairs do to news text, where the bare tagger was trained.
///
/// # Errors
/// A message when the file cannot be read or holds no sentence.
pub fn evaluate_conll_stage(path: &Path, model: &Model) -> Result<Report, String> {
    let docs = read_conll(path)?;
    if docs.is_empty() {
        return Err(format!("{}: no sentences", path.display()));
    }
    let texts: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            d.iter()
                .map(|s| {
                    s.iter()
                        .map(|(t, _)| t.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        })
        .collect();
    Ok(score_stage(
        "CoNLL-2003 valid, whole entity stage",
        &docs,
        &texts,
        &[1, 2, 3, 4],
        model,
    ))
}

/// Scores the entity stage on `docs` whose sentences' texts are `texts` (by document,
/// one text per sentence): see [`evaluate_uner_stage`].
fn score_stage(
    dataset: &str,
    docs: &[Vec<Vec<(String, String)>>],
    texts: &[Vec<String>],
    keep: &[usize],
    model: &Model,
) -> Report {
    use crate::pipeline::entities::EntityKind;
    score_with(dataset, docs, Case::AsIs, keep, |di, doc| {
        let mut text = String::new();
        let mut sentences = Vec::new();
        // each token's byte span in `text`
        let mut spans: Vec<Option<std::ops::Range<usize>>> = Vec::new();
        for (sent, line) in doc.iter().zip(&texts[di]) {
            let base = text.len();
            text.push_str(line);
            sentences.push(base..text.len());
            let mut at = 0;
            for (tok, _) in sent {
                match line.get(at..).and_then(|rest| rest.find(tok.as_str())) {
                    Some(p) => {
                        spans.push(Some(base + at + p..base + at + p + tok.len()));
                        at += p + tok.len();
                    }
                    None => spans.push(None),
                }
            }
            text.push('\n');
        }
        let mut tags = vec![String::from("O"); spans.len()];
        for e in crate::pipeline::entities::extract(model, &text, &sentences, None) {
            let ty = match e.kind {
                EntityKind::Person => "PER",
                EntityKind::Org => "ORG",
                EntityKind::Gpe | EntityKind::Loc => "LOC",
                EntityKind::Norp | EntityKind::Event | EntityKind::Misc => "MISC",
            };
            for m in &e.mentions {
                let inside = spans
                    .iter()
                    .enumerate()
                    .filter(|(_, sp)| {
                        sp.as_ref()
                            .is_some_and(|sp| m.contains(&sp.start) && sp.end <= m.end)
                    })
                    .map(|(k, _)| k);
                for (n, k) in inside.enumerate() {
                    tags[k] = format!("{}-{ty}", if n == 0 { 'B' } else { 'I' });
                }
            }
        }
        tags_to_labels(&tags.iter().map(String::as_str).collect::<Vec<_>>())
    })
}

/// Evaluates on Universal NER English-EWT (`../shared/data/uner-en-ewt/en_ewt-ud-dev.iob2`):
/// PER / ORG / LOC only; our MISC predictions are ignored.
pub fn evaluate_uner(path: &Path, model: &Model) -> Result<Report, String> {
    let docs = read_uner(path)?;
    if docs.is_empty() {
        return Err(format!("{}: no sentences", path.display()));
    }
    Ok(score(
        "UNER en-EWT dev",
        &docs,
        model,
        Case::AsIs,
        &[1, 2, 3],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A file of the shared datasets; their absence fails the test.
    fn data(p: &str) -> PathBuf {
        let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data")
            .join(p);
        assert!(
            d.exists(),
            "{} not found (the shared datasets)",
            d.display()
        );
        d
    }

    #[test]
    fn valid_and_uner_floors() {
        let valid = data("conll2003/valid.txt");
        let uner = data("uner-en-ewt/en_ewt-ud-dev.iob2");
        let m = Model::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/ner"))
            .expect("model");
        let r = evaluate(&valid, &m, Case::AsIs).unwrap();
        println!("{r}");
        r.floor_check(88.0).unwrap();
        let u = evaluate_uner(&uner, &m).unwrap();
        println!("{u}");
        u.floor_check(50.0).unwrap();
        let st = evaluate_uner_stage(&uner, &m).unwrap();
        println!("{st}");
        st.floor_check(50.0).unwrap();
        assert_eq!(st.overall.gold, u.overall.gold, "the same gold mentions");
    }

    #[test]
    fn counts() {
        let c = Counts {
            tp: 1,
            pred: 2,
            gold: 4,
        };
        assert!((c.f1() - 100.0 / 3.0).abs() < 1e-9);
    }
}
