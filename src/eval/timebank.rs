//! Evaluation of the temporal stage ([`crate::pipeline::temporal`]) on TimeBank, scored
//! the way TempEval-3 scores TIMEX3 extraction and normalisation (UzZaman et al. 2013,
//! "SemEval-2013 Task 1: TempEval-3"):
//!
//! * strict match: the system span equals the gold span; relaxed match: they overlap
//!   (one-to-one, in text order);
//! * precision, recall and F1 for both;
//! * type and value accuracy over the relaxed matches;
//! * value F1: precision = matches with the gold value / system expressions, recall =
//!   matches with the gold value / gold expressions (equal to relaxed F1 × value
//!   accuracy when every match is one-to-one, as here).
//!
//! Input: a folder of TimeML `.tml` files (TimeBank 1.2 format): the document creation
//! time in `<DCT><TIMEX3 … value="…">`, the text in `<TEXT>` with inline
//! `<TIMEX3 tid type value>` tags (other tags such as `<EVENT>` and `<SIGNAL>` are
//! stripped). Each document is run with its DCT given, as in TempEval-3.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::time::Instant;

use crate::pipeline::temporal::{self, Timex, TimexType};

/// One gold TIMEX3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Byte range into [`GoldDoc::text`].
    pub span: Range<usize>,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// One TimeML document: its raw text (tags stripped, entities decoded), DCT and gold
/// expressions.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// File name.
    pub name: String,
    /// Document creation time.
    pub dct: Option<chrono::NaiveDate>,
    /// The text of `<TEXT>`.
    pub text: String,
    /// Gold expressions, in text order.
    pub gold: Vec<GoldTimex>,
}

/// Counts for one TIMEX3 type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeCounts {
    /// Gold expressions of this type.
    pub gold: usize,
    /// System expressions of this type.
    pub system: usize,
    /// Gold expressions of this type with a relaxed match.
    pub matched: usize,
    /// … whose system type is the same.
    pub type_correct: usize,
    /// … whose value is the gold value.
    pub value_correct: usize,
}

/// TempEval-3 style scores.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Documents read.
    pub documents: usize,
    /// Gold expressions.
    pub gold: usize,
    /// System expressions.
    pub system: usize,
    /// Exact-span matches.
    pub strict_matches: usize,
    /// Overlapping matches (one-to-one).
    pub relaxed_matches: usize,
    /// Relaxed matches with the gold type.
    pub type_correct: usize,
    /// Relaxed matches with the gold value.
    pub value_correct: usize,
    /// By gold type (`DATE` …).
    pub by_type: BTreeMap<String, TypeCounts>,
    /// Bytes of text given to the stage.
    pub text_bytes: usize,
    /// Seconds spent in the stage.
    pub extract_seconds: f64,
}

/// A difference between the system and the gold standard, for error analysis.
#[derive(Debug, Clone)]
pub struct Mismatch {
    /// File name.
    pub doc: String,
    /// What went wrong: `missed`, `spurious`, `span`, `value`, `type`.
    pub what: &'static str,
    /// Gold (text, type, value), if any.
    pub gold: Option<(String, String, String)>,
    /// System (text, type, value), if any.
    pub system: Option<(String, String, String)>,
    /// Text around the expression.
    pub context: String,
}

fn prf(tp: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys == 0 {
        0.0
    } else {
        tp as f64 / sys as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl Report {
    /// Strict-span precision, recall, F1.
    pub fn strict(&self) -> (f64, f64, f64) {
        prf(self.strict_matches, self.system, self.gold)
    }
    /// Relaxed-span precision, recall, F1.
    pub fn relaxed(&self) -> (f64, f64, f64) {
        prf(self.relaxed_matches, self.system, self.gold)
    }
    /// Value precision, recall, F1.
    pub fn value(&self) -> (f64, f64, f64) {
        prf(self.value_correct, self.system, self.gold)
    }
    /// Type precision, recall, F1.
    pub fn typ(&self) -> (f64, f64, f64) {
        prf(self.type_correct, self.system, self.gold)
    }
    /// Value accuracy over relaxed matches.
    pub fn value_accuracy(&self) -> f64 {
        if self.relaxed_matches == 0 {
            0.0
        } else {
            self.value_correct as f64 / self.relaxed_matches as f64
        }
    }
    /// Type accuracy over relaxed matches.
    pub fn type_accuracy(&self) -> f64 {
        if self.relaxed_matches == 0 {
            0.0
        } else {
            self.type_correct as f64 / self.relaxed_matches as f64
        }
    }
    /// Throughput of the stage in MB/s (10^6 bytes).
    pub fn mb_per_second(&self) -> f64 {
        if self.extract_seconds <= 0.0 {
            0.0
        } else {
            self.text_bytes as f64 / 1e6 / self.extract_seconds
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "TimeBank: {} documents, {} gold TIMEX3, {} system TIMEX3",
            self.documents, self.gold, self.system
        )?;
        writeln!(f)?;
        writeln!(f, "| measure | P | R | F1 | accuracy |")?;
        writeln!(f, "|---|---:|---:|---:|---:|")?;
        let row = |f: &mut fmt::Formatter<'_>,
                   name: &str,
                   (p, r, f1): (f64, f64, f64),
                   acc: Option<f64>| {
            let acc = acc.map_or("".to_string(), |a| format!("{:.3}", a));
            writeln!(f, "| {name} | {p:.3} | {r:.3} | {f1:.3} | {acc} |")
        };
        row(f, "strict span", self.strict(), None)?;
        row(f, "relaxed span", self.relaxed(), None)?;
        row(f, "type", self.typ(), Some(self.type_accuracy()))?;
        row(f, "value", self.value(), Some(self.value_accuracy()))?;
        writeln!(f)?;
        writeln!(
            f,
            "| gold type | gold | system | matched | type ok | value ok |"
        )?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
        for (k, c) in &self.by_type {
            writeln!(
                f,
                "| {k} | {} | {} | {} | {} | {} |",
                c.gold, c.system, c.matched, c.type_correct, c.value_correct
            )?;
        }
        if self.extract_seconds > 0.0 {
            writeln!(f)?;
            writeln!(
                f,
                "stage time: {:.3} s for {} bytes ({:.1} MB/s)",
                self.extract_seconds,
                self.text_bytes,
                self.mb_per_second()
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |x: &Option<(String, String, String)>| match x {
            Some((t, k, v)) => format!("`{t}` {k} {v}"),
            None => "-".to_string(),
        };
        write!(
            f,
            "{:8} {:30} gold {:40} sys {:40} | {}",
            self.what,
            self.doc,
            show(&self.gold),
            show(&self.system),
            self.context
        )
    }
}

/// Reads every `.tml` file of `dir`, runs the stage on each with its DCT and scores it.
///
/// # Errors
/// When the folder cannot be read, holds no `.tml` file, or a file is not TimeML.
pub fn evaluate(dir: &Path) -> Result<Report, String> {
    let docs = load(dir)?;
    Ok(score(&docs).0)
}

/// Reads and parses every `.tml` file of `dir` (sorted by name).
///
/// # Errors
/// As [`evaluate`].
pub fn load(dir: &Path) -> Result<Vec<GoldDoc>, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no .tml files", dir.display()));
    }
    let mut docs = Vec::with_capacity(paths.len());
    for p in paths {
        let s = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        docs.push(parse_tml(&name, &s)?);
    }
    Ok(docs)
}

/// Parses one TimeML document.
///
/// # Errors
/// When it has no `<TEXT>` element.
pub fn parse_tml(name: &str, xml: &str) -> Result<GoldDoc, String> {
    let dct = xml.find("<DCT>").and_then(|i| {
        let rest = &xml[i..];
        let end = rest.find("</DCT>").unwrap_or(rest.len());
        let tag_start = rest[..end].find("<TIMEX3")?;
        let tag_end = rest[tag_start..].find('>')? + tag_start;
        let v = attr(&rest[tag_start..tag_end], "value")?;
        chrono::NaiveDate::parse_from_str(v.get(..10).unwrap_or(&v), "%Y-%m-%d").ok()
    });
    let start = xml
        .find("<TEXT>")
        .ok_or_else(|| format!("{name}: no <TEXT>"))?
        + "<TEXT>".len();
    let end = xml[start..]
        .find("</TEXT>")
        .map_or(xml.len(), |e| e + start);
    let (text, gold) = strip_tags(&xml[start..end]);
    Ok(GoldDoc {
        name: name.to_string(),
        dct,
        text,
        gold,
    })
}

/// The value of attribute `name` in a start tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        let before_ok = at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[at + name.len()..].trim_start();
        if before_ok {
            if let Some(rest) = rest.strip_prefix('=') {
                let rest = rest.trim_start();
                let q = rest.chars().next()?;
                if q == '"' || q == '\'' {
                    let body = &rest[1..];
                    let close = body.find(q)?;
                    return Some(decode_entities(&body[..close]));
                }
            }
        }
        from = at + name.len();
    }
    None
}

/// Strips all tags of the TEXT element, decoding entities, and returns the raw text and
/// the TIMEX3 spans in it.
fn strip_tags(s: &str) -> (String, Vec<GoldTimex>) {
    let mut out = String::with_capacity(s.len());
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with('<') {
            let close = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..close];
            if tag.starts_with("<TIMEX3") && !tag.ends_with("/>") {
                let kind = attr(tag, "type").unwrap_or_default();
                let value = attr(tag, "value").unwrap_or_default();
                open = Some((out.len(), kind, value));
            } else if tag.starts_with("</TIMEX3") {
                if let Some((st, kind, value)) = open.take() {
                    if st < out.len() {
                        gold.push(GoldTimex {
                            span: st..out.len(),
                            kind,
                            value,
                        });
                    }
                }
            }
            i += close;
        } else {
            let next = rest.find('<').unwrap_or(rest.len());
            out.push_str(&decode_entities(&rest[..next]));
            i += next;
        }
    }
    (out, gold)
}

/// Decodes the XML entities (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and numeric ones).
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    if let Some(h) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
                    } else if let Some(d) = name.strip_prefix('#') {
                        d.parse().ok().and_then(char::from_u32)
                    } else {
                        None
                    }
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Sentences of a TimeBank text: paragraphs (blank-line separated) split by the
/// pipeline's sentence splitter.
pub fn sentences_of(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                if start < i {
                    blocks.push(start..i);
                }
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() {
        blocks.push(start..text.len());
    }
    crate::pipeline::sentences::split_sentences(text, &blocks)
}

fn kind_str(k: TimexType) -> &'static str {
    k.as_str()
}

fn context(text: &str, span: &Range<usize>) -> String {
    let mut s = span.start.saturating_sub(50);
    while s > 0 && !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (span.end + 50).min(text.len());
    while e < text.len() && !text.is_char_boundary(e) {
        e += 1;
    }
    format!(
        "{}[{}]{}",
        &text[s..span.start],
        &text[span.clone()],
        &text[span.end..e]
    )
    .replace('\n', " ")
}

/// Scores the stage on parsed documents; also returns every mismatch.
pub fn score(docs: &[GoldDoc]) -> (Report, Vec<Mismatch>) {
    let mut r = Report {
        documents: docs.len(),
        ..Default::default()
    };
    let mut mism = Vec::new();
    for d in docs {
        let sents = sentences_of(&d.text);
        let t0 = Instant::now();
        let (sys, _) = temporal::extract(&d.text, &sents, d.dct);
        r.extract_seconds += t0.elapsed().as_secs_f64();
        r.text_bytes += d.text.len();
        score_doc(d, &sys, &mut r, &mut mism);
    }
    (r, mism)
}

fn score_doc(d: &GoldDoc, sys: &[Timex], r: &mut Report, mism: &mut Vec<Mismatch>) {
    r.gold += d.gold.len();
    r.system += sys.len();
    for s in sys {
        r.by_type
            .entry(kind_str(s.kind).to_string())
            .or_default()
            .system += 1;
    }
    let mut used = vec![false; sys.len()];
    let sys_t = |s: &Timex| {
        (
            d.text[s.span.clone()].to_string(),
            kind_str(s.kind).to_string(),
            s.value.clone(),
        )
    };
    for g in &d.gold {
        let tc = r.by_type.entry(g.kind.clone()).or_default();
        tc.gold += 1;
        let gt = Some((
            d.text[g.span.clone()].to_string(),
            g.kind.clone(),
            g.value.clone(),
        ));
        // Prefer an exact match, else the first overlapping unused one.
        let exact = sys
            .iter()
            .enumerate()
            .find(|(k, s)| !used[*k] && s.span == g.span)
            .map(|(k, _)| k);
        let k = exact.or_else(|| {
            sys.iter()
                .enumerate()
                .find(|(k, s)| !used[*k] && s.span.start < g.span.end && g.span.start < s.span.end)
                .map(|(k, _)| k)
        });
        let Some(k) = k else {
            mism.push(Mismatch {
                doc: d.name.clone(),
                what: "missed",
                gold: gt,
                system: None,
                context: context(&d.text, &g.span),
            });
            continue;
        };
        used[k] = true;
        let s = &sys[k];
        r.relaxed_matches += 1;
        tc.matched += 1;
        if s.span == g.span {
            r.strict_matches += 1;
        } else {
            mism.push(Mismatch {
                doc: d.name.clone(),
                what: "span",
                gold: gt.clone(),
                system: Some(sys_t(s)),
                context: context(&d.text, &g.span),
            });
        }
        if kind_str(s.kind) == g.kind {
            r.type_correct += 1;
            tc.type_correct += 1;
        } else {
            mism.push(Mismatch {
                doc: d.name.clone(),
                what: "type",
                gold: gt.clone(),
                system: Some(sys_t(s)),
                context: context(&d.text, &g.span),
            });
        }
        if s.value == g.value {
            r.value_correct += 1;
            tc.value_correct += 1;
        } else {
            mism.push(Mismatch {
                doc: d.name.clone(),
                what: "value",
                gold: gt,
                system: Some(sys_t(s)),
                context: context(&d.text, &g.span),
            });
        }
    }
    for (k, s) in sys.iter().enumerate() {
        if !used[k] {
            mism.push(Mismatch {
                doc: d.name.clone(),
                what: "spurious",
                gold: None,
                system: Some(sys_t(s)),
                context: context(&d.text, &s.span),
            });
        }
    }
}

/// Regression floors for CI: a few points under the scores reached on the TimeBank copy
/// in `shared/data/timebank` (relaxed F1 0.956, strict F1 0.934, value F1 0.851 when
/// they were set).
///
/// # Errors
/// Lists every measure under its floor.
pub fn floor_check(r: &Report) -> Result<(), String> {
    let floors = [
        ("relaxed span F1", r.relaxed().2, 0.93),
        ("strict span F1", r.strict().2, 0.90),
        ("value F1", r.value().2, 0.82),
    ];
    let fails: Vec<String> = floors
        .iter()
        .filter(|(_, v, fl)| v < fl)
        .map(|(n, v, fl)| format!("{n} {v:.3} < {fl:.2}"))
        .collect();
    if fails.is_empty() {
        Ok(())
    } else {
        Err(fails.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_timeml() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>It fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t2" type="DURATION" value="P1W">a week</TIMEX3> later.</TEXT></TimeML>"#;
        let d = parse_tml("x.tml", xml).unwrap();
        assert_eq!(d.dct, chrono::NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(d.text, "It fell yesterday & rose a week later.");
        assert_eq!(d.gold.len(), 2);
        assert_eq!(&d.text[d.gold[0].span.clone()], "yesterday");
        assert_eq!(d.gold[0].value, "1998-01-07");
        assert_eq!(&d.text[d.gold[1].span.clone()], "a week");
        assert_eq!(d.gold[1].kind, "DURATION");
    }

    #[test]
    fn scores_a_document() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">x</TIMEX3></DCT>
<TEXT>Stocks fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>, after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> of gains.</TEXT></TimeML>"#;
        let d = parse_tml("x.tml", xml).unwrap();
        let (r, m) = score(&[d]);
        assert_eq!(r.gold, 2);
        assert_eq!(r.strict_matches, 2, "{m:?}");
        assert_eq!(r.value_correct, 2, "{m:?}");
        assert!((r.value().2 - 1.0).abs() < 1e-9);
        assert!(r
            .to_string()
            .contains("| relaxed span | 1.000 | 1.000 | 1.000 |"));
        assert!(floor_check(&r).is_ok());
        assert!(floor_check(&Report::default()).is_err());
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#65;&#x42; &bogus; &"),
            "a <b> AB &bogus; &"
        );
    }
}
