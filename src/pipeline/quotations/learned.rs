//! The learned part of the quotation stage: a **cue tagger** (which tokens are
//! attribution cues: `said`, `told reporters`, `has repeatedly argued`, `according to`,
//! `criticism`, `is upbeat about`) and a **role tagger** (given a cue, which tokens
//! around it are the source and which the content).
//!
//! Why models: the cue lexicon of the rules covers the frequent reporting verbs, but
//! PolNeAR annotates a long tail of cues (verbs of evaluation and intention, nouns,
//! multi-word expressions) that no hand-written list reaches, and many lexicon words
//! are cues in one sentence and not in the next (`plans`, `support`, `called`). Where
//! the tagger finds a cue in a shape the rules do not parse (`a tweet attacking …`,
//! `by telling them that …`), the role tagger finds its source and content.
//!
//! Both are first-order averaged structured perceptrons (Collins 2002) over the stage's
//! own tokens with Viterbi decoding under BIO constraints:
//!
//! - cues: labels `O` / `B` / `I`, one paragraph at a time. Features: the word and its
//!   neighbours up to three tokens away, word bigrams, suffixes, a crude stem, shape, the
//!   rule lexicon's cue and word classes of the word and its neighbours, what follows in
//!   the sentence (a complementiser, a quotation mark), a subject-like word before,
//!   quotation context and sentence position;
//! - roles: labels `O` / `B-source` / `I-source` / `B-content` / `I-content` over the
//!   cue's sentence (its unit, see `Doc::scope`), the cue's own tokens forced to `O`.
//!   Features: each token's signed distance to the cue, the punctuation, quotation
//!   marks and complementisers between it and the cue, its word, class and cluster
//!   conjoined with the side of the cue it is on, and the cue's head word.
//!
//! Both use Brown-style word-cluster prefixes learned from unlabeled news text
//! (`models/gazetteers/clusters.tsv`, see `models/ner/README.md`), which let them
//! generalise to words never seen labelled.
//!
//! Trained on PolNeAR `train` (Newell, Margolin & Ruths 2018; the first annotator file
//! of each text, as the evaluation reads it), epochs chosen on `dev`, with
//! `newsextract train quotations`; see `models/quotations/README.md`. The model file is
//! our own binary layout, gzip compressed, with a checksum: `b"NXQUO\x01\0\0"`,
//! `u32 n` + n bytes of the cluster lexicon (UTF-8, the `clusters.tsv` format), then two
//! tables (cues, roles), each `u32 labels`, `u32 bits`, `f32 scale`,
//! `u64 rows·labels` × `i16` emission weights, `(labels + 1)·labels` × `f32` transition
//! weights (rows: from each label, then from START), and last `u64 fnv1a` of all
//! preceding bytes. A corrupt or truncated file gives an error, never a panic.

use std::ops::Range;

use super::{Doc, TokSpan, C_CLAUSE, C_INF, C_INV, C_NP, C_OBJ, C_PART, C_SPEECH, C_STRONG, K};
use super::{F_ADV, F_AUX, F_COMP, F_DET, F_OBJ_PRON, F_PREP, F_PRON, F_REL, F_SPEECH_NOUN};
use crate::pipeline::entities::clusters::{Lexicon, WordInfo};
use crate::pipeline::entities::features::norm_lower;

/// Subtracted from every token's `O` (no cue) score before the cue tagger decodes, as
/// a fraction of the cue table's largest weight (for the shipped model, 8 score
/// units). The stage is recall-bound (PolNeAR annotates a long tail of cues), and the
/// cues this lets through are right often enough to help: on PolNeAR dev, source F1
/// 0.700 → 0.704 and content overlap F1 0.784 → 0.793 (cue F1 0.666 → 0.668, direct
/// quotations' source 0.898 → 0.900); on train the same direction (source 0.762 →
/// 0.768). Chosen from 0–0.75 on dev; past about 0.14 precision falls faster than
/// recall rises.
const CUE_RECALL_BIAS: f32 = 0.093;

const MAGIC: &[u8; 8] = b"NXQUO\x01\0\0";
const MAX_RAW: u64 = 64 << 20;

/// File name of the model inside its directory (`models/quotations/`).
pub const FILE_NAME: &str = "quotations.bin.gz";

/// Hash-table size (log2 rows) of the shipped models.
pub const BITS: u32 = 17;

// ---------------------------------------------------------------------------------
// Label schemes
// ---------------------------------------------------------------------------------

/// Cue labels: outside, beginning, inside (the last only named in tests: the code
/// reaches it as `B + 1`).
const O: usize = 0;
const B: usize = 1;
#[cfg(test)]
const I: usize = 2;
/// Role labels (besides `O`).
const B_SRC: usize = 1;
const I_SRC: usize = 2;
const B_CON: usize = 3;
const I_CON: usize = 4;

/// Whether label `to` may follow `from` (`from == nl` is the sequence start): an `I`
/// label only continues its own `B` or `I`. Cue tables have 3 labels, role tables 5;
/// in both, the `I` of a pair is the label after its `B`.
fn allowed(nl: usize, from: usize, to: usize) -> bool {
    let is_inside = to != O && to % 2 == 0;
    !is_inside || from != nl && (from == to || from + 1 == to)
}

/// The token spans of the `B`/`I` pair starting at label `b`.
fn spans_of(labels: &[usize], b: usize, offset: usize) -> Vec<TokSpan> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &l) in labels.iter().enumerate() {
        if l != b + 1 {
            if let Some(s) = start.take() {
                out.push((offset + s, offset + i));
            }
        }
        if l == b {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((offset + s, offset + labels.len()));
    }
    out
}

// ---------------------------------------------------------------------------------
// One sequence model
// ---------------------------------------------------------------------------------

/// The weights of one tagger: hashed emission rows and label transitions.
#[derive(Clone)]
struct Table {
    nl: usize,
    bits: u32,
    /// `rows × nl` emission weights.
    w: Vec<f32>,
    /// `(nl + 1) × nl`: `trans[from * nl + to]`, row `nl` is START.
    trans: Vec<f32>,
}

impl Table {
    fn zero(nl: usize, bits: u32) -> Table {
        Table {
            nl,
            bits,
            w: vec![0.0; (1usize << bits) * nl],
            trans: vec![0.0; (nl + 1) * nl],
        }
    }

    /// Emission scores (`n × nl`, flat) of tokens given their feature ids.
    fn emissions<'f>(&self, feats: impl Iterator<Item = &'f [u32]>, out: &mut Vec<f32>) {
        out.clear();
        let nl = self.nl;
        for fs in feats {
            let base = out.len();
            out.resize(base + nl, 0.0);
            for &h in fs {
                let b = h as usize * nl;
                if let Some(row) = self.w.get(b..b + nl) {
                    for (x, v) in out[base..base + nl].iter_mut().zip(row) {
                        *x += v;
                    }
                }
            }
        }
    }

    fn viterbi(&self, em: &[f32]) -> Vec<usize> {
        viterbi(self.nl, &self.trans, em)
    }

    /// The weights quantised to `i16` with one scale (as shipped and used at run time).
    fn quantize(&self) -> Quantized {
        let max = self.w.iter().fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        Quantized {
            nl: self.nl,
            bits: self.bits,
            w: self
                .w
                .iter()
                .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
                .collect(),
            scale,
            trans: self.trans.clone(),
        }
    }
}

/// Best label sequence for the emissions `em` (`n × nl`, flat) and transitions
/// `trans` (`(nl + 1) × nl`) under [`allowed`].
fn viterbi(nl: usize, trans: &[f32], em: &[f32]) -> Vec<usize> {
    let n = em.len() / nl;
    if n == 0 || trans.len() != (nl + 1) * nl {
        return vec![O; n];
    }
    let mut score = vec![f32::NEG_INFINITY; n * nl];
    let mut back = vec![0u8; n * nl];
    for l in 0..nl {
        if allowed(nl, nl, l) {
            score[l] = em[l] + trans[nl * nl + l];
        }
    }
    for i in 1..n {
        for l in 0..nl {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in 0..nl {
                if !allowed(nl, p, l) {
                    continue;
                }
                let s = score[(i - 1) * nl + p] + trans[p * nl + l];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            score[i * nl + l] = best + em[i * nl + l];
            back[i * nl + l] = arg;
        }
    }
    let last = &score[(n - 1) * nl..];
    let mut l = (0..nl)
        .max_by(|&a, &b| last[a].total_cmp(&last[b]))
        .unwrap_or(O);
    let mut out = vec![O; n];
    for i in (0..n).rev() {
        out[i] = l;
        l = back[i * nl + l] as usize;
    }
    out
}

/// A [`Table`] with `i16` weights and one scale: half the memory, so that the random
/// row reads of a document mostly hit the cache.
struct Quantized {
    nl: usize,
    bits: u32,
    w: Vec<i16>,
    scale: f32,
    trans: Vec<f32>,
}

impl Quantized {
    /// The largest absolute emission weight.
    fn max_weight(&self) -> f32 {
        self.scale * 32767.0
    }

    /// Appends the emission scores (`nl` values) of one token given its feature ids.
    #[inline]
    fn push_emission(&self, fs: &[u32], out: &mut Vec<f32>) {
        let nl = self.nl;
        let mut acc = [0i32; 5];
        for &h in fs {
            let b = h as usize * nl;
            if let Some(row) = self.w.get(b..b + nl) {
                for (x, &v) in acc.iter_mut().zip(row) {
                    *x += v as i32;
                }
            }
        }
        out.extend(acc[..nl].iter().map(|&x| x as f32 * self.scale));
    }

    fn viterbi(&self, em: &[f32]) -> Vec<usize> {
        viterbi(self.nl, &self.trans, em)
    }

    fn write(&self, raw: &mut Vec<u8>) {
        raw.extend_from_slice(&(self.nl as u32).to_le_bytes());
        raw.extend_from_slice(&self.bits.to_le_bytes());
        raw.extend_from_slice(&self.scale.to_le_bytes());
        raw.extend_from_slice(&(self.w.len() as u64).to_le_bytes());
        for &q in &self.w {
            raw.extend_from_slice(&q.to_le_bytes());
        }
        for t in &self.trans {
            raw.extend_from_slice(&t.to_le_bytes());
        }
    }

    fn read(r: &mut Reader) -> Result<Quantized, String> {
        let nl = r.u32()? as usize;
        if nl != 3 && nl != 5 {
            return Err(format!(
                "quotation model: {nl} labels in a table (3 or 5 expected)"
            ));
        }
        let bits = r.u32()?;
        if !(8..=24).contains(&bits) {
            return Err(format!("quotation model: table size 2^{bits} out of range"));
        }
        let scale = f32::from_le_bytes(r.array()?);
        let n = u64::from_le_bytes(r.array()?);
        if n != (1u64 << bits) * nl as u64 {
            return Err("quotation model: weight table size does not match its header".into());
        }
        let w = r
            .take(n as usize * 2)?
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let mut trans = vec![0f32; (nl + 1) * nl];
        for t in trans.iter_mut() {
            *t = f32::from_le_bytes(r.array()?);
        }
        if !scale.is_finite() || trans.iter().any(|t| !t.is_finite()) {
            return Err("quotation model: weights are not finite numbers".into());
        }
        Ok(Quantized {
            nl,
            bits,
            w,
            scale,
            trans,
        })
    }
}

/// A bounds-checked reader over the model bytes.
struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .p
            .checked_add(n)
            .ok_or("quotation model: length overflow")?;
        let s = self
            .b
            .get(self.p..end)
            .ok_or("quotation model: truncated")?;
        self.p = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        self.take(N)?
            .try_into()
            .map_err(|_| "quotation model: truncated".to_string())
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

/// Averaged-perceptron training of one [`Table`] (the lazy averaging of Daumé 2006:
/// keep `w` and `u = Σ c·Δ`; the average is `w − u / c`).
struct Trainer {
    cur: Table,
    u: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Trainer {
    fn new(nl: usize, bits: u32) -> Trainer {
        let cur = Table::zero(nl, bits);
        Trainer {
            u: vec![0.0; cur.w.len()],
            tu: vec![0.0; cur.trans.len()],
            cur,
            c: 1.0,
        }
    }

    /// One perceptron step on a sequence; `forced_o` marks tokens that must be `O`.
    /// Returns whether the prediction was wrong.
    fn step(
        &mut self,
        feats: &[Vec<u32>],
        gold: &[usize],
        forced_o: &[bool],
        em: &mut Vec<f32>,
    ) -> bool {
        let nl = self.cur.nl;
        self.cur.emissions(feats.iter().map(|f| f.as_slice()), em);
        force_o(em, nl, forced_o);
        let pred = self.cur.viterbi(em);
        let wrong = pred != gold;
        if wrong {
            let c = self.c;
            let (mut pg, mut pp) = (nl, nl);
            for (k, fs) in feats.iter().enumerate() {
                let (g, p) = (gold[k], pred[k]);
                if g != p {
                    for &h in fs {
                        let b = h as usize * nl;
                        self.cur.w[b + g] += 1.0;
                        self.u[b + g] += c;
                        self.cur.w[b + p] -= 1.0;
                        self.u[b + p] -= c;
                    }
                }
                if g != p || pg != pp {
                    self.cur.trans[pg * nl + g] += 1.0;
                    self.tu[pg * nl + g] += c;
                    self.cur.trans[pp * nl + p] -= 1.0;
                    self.tu[pp * nl + p] -= c;
                }
                pg = g;
                pp = p;
            }
        }
        self.c += 1.0;
        wrong
    }

    fn averaged(&self) -> Table {
        let c = self.c;
        Table {
            nl: self.cur.nl,
            bits: self.cur.bits,
            w: self
                .cur
                .w
                .iter()
                .zip(&self.u)
                .map(|(w, u)| w - u / c)
                .collect(),
            trans: self
                .cur
                .trans
                .iter()
                .zip(&self.tu)
                .map(|(w, u)| w - u / c)
                .collect(),
        }
    }
}

/// Sets the non-`O` emissions of the tokens marked in `forced_o` to −∞.
fn force_o(em: &mut [f32], nl: usize, forced_o: &[bool]) {
    for (k, &f) in forced_o.iter().enumerate() {
        if f {
            for l in 1..nl {
                if let Some(x) = em.get_mut(k * nl + l) {
                    *x = f32::NEG_INFINITY;
                }
            }
        }
    }
}

/// A fixed xorshift sequence, for reproducible shuffles.
fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

// ---------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------

/// Mixes a template id and two values into a feature hash (a multiply–xorshift
/// finaliser in the style of SplitMix64; a collision only costs accuracy).
#[inline]
fn mix(t: u8, a: u64, b: u64) -> u64 {
    let mut h = (t as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ a;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 31;
    h ^= b;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 29)
}

/// [`norm_lower`] into a reused buffer (no allocation for ASCII words).
fn norm_into(w: &str, out: &mut String) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| match b {
            b'0'..=b'9' => '0',
            b'`' => '\'',
            b => b.to_ascii_lowercase() as char,
        }));
    } else {
        out.push_str(&norm_lower(w));
    }
}

/// FNV-1a of a string.
fn str_hash(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in s {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    h
}

/// What the features need of one token, computed once per document.
#[derive(Clone, Copy, Default)]
struct TokInfo {
    /// Hash of the normalised token: the lower-cased word (digits as `0`), the
    /// punctuation character, or `Q` for a quotation mark.
    w: u64,
    /// Hash of the word's crude stem ([`stem_of`]).
    stem: u64,
    /// Hashes of the word's last 2, 3 and 4 characters (0 when shorter).
    suf: [u64; 3],
    cluster: Option<WordInfo>,
    /// A coarse class: what the rules know of the token (see [`Featurizer::new`]).
    class: u8,
}

/// Feature extraction over a document's tokens.
struct Featurizer<'d, 'a> {
    d: &'d Doc<'a>,
    info: Vec<TokInfo>,
    /// Prefix counts (`n + 1` rows) of commas, quotation marks, sentence-ending
    /// punctuation, complementisers, colons and dashes, so that what stands between a
    /// token and a cue costs O(1).
    between: Vec<[u32; 6]>,
    /// For each token, the start of the run of auxiliaries and adverbs right before
    /// it (the token itself when there is none).
    subject_at: Vec<usize>,
    mask: u64,
    start: u64,
    end: u64,
}

fn class_of(t: &super::Tok) -> u8 {
    match t.k {
        K::Mark { .. } => 1,
        K::Punct(',') => 2,
        K::Punct(':') => 3,
        K::Punct('.' | '?' | '!' | ';') => 4,
        K::Punct('-' | '—' | '–') => 5,
        K::Punct(_) => 6,
        K::Word => {
            if t.has(F_COMP) {
                7
            } else if t.has(F_PRON) || t.has(F_REL) {
                8
            } else if t.has(F_OBJ_PRON) {
                9
            } else if t.has(F_AUX) {
                10
            } else if t.has(F_DET) {
                11
            } else if t.has(F_PREP) {
                12
            } else if t.cue != 0 && !t.cap {
                13
            } else if t.cap {
                14
            } else if t.has(F_ADV) {
                15
            } else {
                16
            }
        }
    }
}

impl<'d, 'a> Featurizer<'d, 'a> {
    fn new(d: &'d Doc<'a>, clusters: &Lexicon, bits: u32) -> Self {
        let mut norm = String::with_capacity(32);
        let info: Vec<TokInfo> = d
            .toks
            .iter()
            .map(|t| {
                let mut x = TokInfo {
                    class: class_of(t),
                    ..Default::default()
                };
                match t.k {
                    K::Word => {
                        let w = d.text.get(t.s..t.e).unwrap_or("");
                        norm.clear();
                        norm_into(w, &mut norm);
                        x.w = str_hash(norm.as_bytes());
                        x.stem = str_hash(stem_of(&norm).as_bytes());
                        // suffixes of 2, 3 and 4 characters, when the word is longer
                        let mut ends = [0usize; 5];
                        let mut n = 0;
                        for (b, _) in norm.char_indices().rev().take(5) {
                            ends[n] = b;
                            n += 1;
                        }
                        for k in 0..3 {
                            if n > k + 2 {
                                x.suf[k] = str_hash(&norm.as_bytes()[ends[k + 1]..]);
                            }
                        }
                        x.cluster = clusters.get(&norm);
                    }
                    K::Punct(c) => {
                        let mut b = [0u8; 4];
                        x.w = str_hash(c.encode_utf8(&mut b).as_bytes());
                    }
                    K::Mark { .. } => x.w = str_hash(b"Q"),
                }
                x
            })
            .collect();
        let mut between = Vec::with_capacity(info.len() + 1);
        let mut acc = [0u32; 6];
        between.push(acc);
        for (x, t) in info.iter().enumerate() {
            let k = match t.class {
                2 => Some(0),
                1 => Some(1),
                4 if d.is_sent_punct(x) => Some(2),
                7 => Some(3),
                3 => Some(4),
                5 => Some(5),
                _ => None,
            };
            if let Some(k) = k {
                acc[k] += 1;
            }
            between.push(acc);
        }
        // where the run of auxiliaries and adverbs ending before each token starts
        // (one pass: a page may be one run of a hundred thousand adverbs)
        let mut subject_at = Vec::with_capacity(d.toks.len());
        for i in 0..d.toks.len() {
            let skip = i > 0 && (d.toks[i - 1].has(F_AUX) || d.toks[i - 1].has(F_ADV));
            subject_at.push(if skip { subject_at[i - 1] } else { i });
        }
        Featurizer {
            d,
            info,
            between,
            subject_at,
            mask: (1u64 << bits) - 1,
            start: str_hash(b"<s>"),
            end: str_hash(b"</s>"),
        }
    }

    #[inline]
    fn at(&self, i: isize) -> Option<&TokInfo> {
        usize::try_from(i).ok().and_then(|i| self.info.get(i))
    }

    /// Hash of the normalised token `i` (or of a sentinel beyond the document).
    #[inline]
    fn w(&self, i: isize) -> u64 {
        match self.at(i) {
            Some(x) => x.w,
            None if i < 0 => self.start,
            None => self.end,
        }
    }

    /// The class of token `i` (0 beyond the document).
    #[inline]
    fn class(&self, i: isize) -> u8 {
        self.at(i).map_or(0, |x| x.class)
    }

    /// Cue-tagger feature ids of token `i` (masked to the table size).
    fn cue_features(&self, i: usize, out: &mut Vec<u32>) {
        out.clear();
        let d = self.d;
        let t = &d.toks[i];
        let ii = i as isize;
        let x = self.info[i];
        let mut push = |h: u64| out.push((h & self.mask) as u32);
        let w0 = x.w;
        let cls = |o: isize| self.class(ii + o) as u64;
        push(mix(0, 0, 0));
        push(mix(1, w0, 0));
        for (tpl, off) in [(2u8, -1isize), (3, 1), (4, -2), (5, 2), (39, -3), (40, 3)] {
            push(mix(tpl, self.w(ii + off), 0));
        }
        for (tpl, a, b) in [(6u8, -1isize, 0isize), (7, 0, 1), (8, 1, 2), (9, -2, -1)] {
            push(mix(tpl, self.w(ii + a), self.w(ii + b)));
        }
        if t.is_word() {
            for (k, tpl) in [10u8, 11, 12].iter().enumerate() {
                if x.suf[k] != 0 {
                    push(mix(*tpl, x.suf[k], 0));
                }
            }
            push(mix(13, t.cap as u64, 0));
            // lexicon classes of the rules
            for (bit, f) in [
                C_STRONG, C_CLAUSE, C_NP, C_OBJ, C_PART, C_INV, C_SPEECH, C_INF,
            ]
            .iter()
            .enumerate()
            {
                if t.cue & f != 0 {
                    push(mix(14, bit as u64, 0));
                }
            }
            if t.has(F_SPEECH_NOUN) {
                push(mix(15, 1, 0));
            }
            if let Some(c) = x.cluster {
                for (tpl, n) in [(16u8, 4u8), (17, 8), (18, 12), (19, 16)] {
                    push(mix(tpl, c.prefix(n), 0));
                }
                // the cluster with the word after and before (`said that`, `criticized the`)
                push(mix(20, c.prefix(10), cls(1)));
                push(mix(21, c.prefix(10), cls(-1)));
            } else {
                push(mix(16, u64::MAX, 0));
            }
        }
        for (tpl, off) in [(22u8, -2isize), (23, -1), (24, 1), (25, 2)] {
            push(mix(tpl, cls(off), 0));
            if let Some(c) = self.at(ii + off).and_then(|x| x.cluster) {
                push(mix(tpl + 20, c.prefix(8), 0));
            }
        }
        push(mix(26, cls(-1), cls(1)));
        push(mix(27, w0, cls(1)));
        push(mix(28, w0, cls(-1) | 1 << 8));
        // quotation context
        let inq = d.in_quote(i) as u64;
        push(mix(29, inq, 0));
        let mark_before = (1..=3).any(|b| i >= b && d.toks[i - b].is_mark()) as u64;
        let mark_after = (1..=3).any(|a| d.toks.get(i + a).is_some_and(|x| x.is_mark())) as u64;
        push(mix(30, mark_before << 2 | mark_after << 1 | inq, 0));
        // sentence position
        let mut back = 0;
        while back < 6 && i > back && !d.sent_start[i - back] {
            back += 1;
        }
        push(mix(31, back as u64, 0));
        push(mix(32, w0, back.min(3) as u64));
        if t.is_word() {
            // the crude stem, so that unseen inflections share weights (`unleashed`)
            push(mix(33, x.stem, 0));
            push(mix(34, x.stem, cls(1)));
            // what follows in the sentence: a complementiser, a quotation mark
            let (mut that_ahead, mut mark_ahead) = (0u64, 0u64);
            for j in i + 1..(i + 7).min(d.toks.len()) {
                if d.sent_start[j] {
                    break;
                }
                that_ahead |= d.toks[j].has(F_COMP) as u64;
                mark_ahead |= d.toks[j].is_mark() as u64;
            }
            // a subject-like word before (skipping auxiliaries and adverbs)
            let subj = self.class(self.subject_at[i] as isize - 1) as u64;
            let ctx = subj << 2 | that_ahead << 1 | mark_ahead;
            push(mix(35, that_ahead << 1 | mark_ahead, 0));
            push(mix(36, ctx, 0));
            push(mix(37, x.stem, subj));
            if let Some(c) = x.cluster {
                push(mix(38, c.prefix(12), ctx));
            }
        }
    }

    /// Role-tagger feature ids of token `j` for the cue `cue` with head word `head`
    /// (masked to the table size); `nps` are the rules' subject before the cue and
    /// noun phrase after it ([`Doc::rule_nps`]).
    fn role_features(
        &self,
        j: usize,
        cue: TokSpan,
        head: usize,
        nps: &[Option<TokSpan>; 2],
        out: &mut Vec<u32>,
    ) {
        out.clear();
        let d = self.d;
        let (a, b) = cue;
        let jj = j as isize;
        let mut push = |h: u64| out.push((h & self.mask) as u32);
        let side: u64 = if j < a {
            0
        } else if j >= b {
            1
        } else {
            2
        };
        let dist = if j < a {
            a - j
        } else if j >= b {
            j + 1 - b
        } else {
            0
        };
        let db: u64 = match dist {
            0..=3 => dist as u64,
            4..=5 => 4,
            6..=8 => 5,
            9..=12 => 6,
            13..=20 => 7,
            _ => 8,
        };
        // what stands between the token and the cue
        let (lo, hi) = if j < a { (j + 1, a) } else { (b, j) };
        let count = |k: usize| {
            let hi = hi.max(lo).min(self.info.len());
            let lo = lo.min(hi);
            (self.between[hi][k] - self.between[lo][k]) as u64
        };
        let (commas, marks, stops) = (count(0), count(1).min(1), count(2).min(1));
        let (comp, colon, dash) = (count(3).min(1), count(4).min(1), count(5).min(1));
        let between = commas.min(2) | marks << 2 | stops << 3 | comp << 4 | colon << 5 | dash << 6;
        let cls = |x: isize| self.class(x) as u64;
        let sd = side << 8 | db;
        push(mix(50, side, 0));
        push(mix(51, sd, 0));
        push(mix(52, sd, between));
        push(mix(53, side, between));
        push(mix(54, side, self.w(jj)));
        push(mix(55, side, cls(jj)));
        push(mix(56, sd, cls(jj)));
        push(mix(57, side << 8 | cls(jj - 1), cls(jj)));
        push(mix(58, side << 8 | cls(jj), cls(jj + 1)));
        push(mix(59, side << 8 | cls(jj), between));
        if let Some(c) = self.info[j].cluster {
            push(mix(60, side, c.prefix(8)));
            push(mix(61, side, c.prefix(12)));
        }
        let t = &d.toks[j];
        push(mix(62, sd, t.cap as u64));
        push(mix(63, side << 8 | marks, d.in_quote(j) as u64));
        push(mix(64, side, d.sent_start[j] as u64));
        let hs = self.info[head].stem;
        push(mix(65, side, hs));
        push(mix(66, sd, hs));
        let h = &d.toks[head];
        for (bit, f) in [
            C_STRONG, C_CLAUSE, C_NP, C_OBJ, C_PART, C_INV, C_SPEECH, C_INF,
        ]
        .iter()
        .enumerate()
        {
            if h.cue & f != 0 {
                push(mix(67, side, bit as u64));
            }
        }
        // the tokens just outside the cue (`by telling`, `a tweet attacking`)
        push(mix(68, sd, cls(a as isize - 1)));
        push(mix(69, sd, cls(b as isize)));
        push(mix(70, side, self.w(jj - 1) ^ self.w(jj).rotate_left(17)));
        // the neighbours' words and classes (`spokesman for`, `, who`)
        push(mix(71, side, self.w(jj - 1)));
        push(mix(72, side, self.w(jj + 1)));
        push(mix(73, side, self.w(jj) ^ self.w(jj + 1).rotate_left(17)));
        push(mix(74, sd, cls(jj - 1) << 8 | cls(jj) << 4 | cls(jj + 1)));
        // where the token stands in the rules' noun phrases next to the cue
        for (k, np) in nps.iter().enumerate() {
            let pos: u64 = match *np {
                Some((x, y)) if j == x && y == x + 1 => 4,
                Some((x, _)) if j == x => 1,
                Some((_, y)) if j + 1 == y => 3,
                Some((x, y)) if j > x && j < y => 2,
                _ => 0,
            };
            push(mix(75, (k as u64) << 4 | pos, side));
        }
    }
}

/// A crude English stem: `-ing`, `-ed`, `-es`, `-s` removed from words of five
/// letters or more (`unleashed` → `unleash`, `sings` → `sing`).
fn stem_of(w: &str) -> &str {
    if w.len() < 5 || !w.is_ascii() {
        return w;
    }
    for suf in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suf) {
            if s.len() >= 3 {
                return s;
            }
        }
    }
    w
}

// ---------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------

/// What the role tagger found for one cue: source and content fragments (token
/// ranges, in text order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Roles {
    pub sources: Vec<TokSpan>,
    pub contents: Vec<TokSpan>,
}

/// The trained cue and role taggers (see the module documentation).
pub struct QuotationModel {
    cues: Quantized,
    roles: Quantized,
    clusters: Lexicon,
    clusters_src: String,
}

impl std::fmt::Debug for QuotationModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "QuotationModel {{ bits: {}, cluster_words: {} }}",
            self.cues.bits,
            self.clusters.len()
        )
    }
}

impl QuotationModel {
    fn featurizer<'d, 'a>(&self, d: &'d Doc<'a>) -> Featurizer<'d, 'a> {
        Featurizer::new(d, &self.clusters, self.cues.bits)
    }

    /// Cue spans of a document, as half-open token ranges, in text order, each with
    /// the roles the role tagger gives it. Paragraphs are tagged independently; the
    /// roles are looked for in the cue's scope ([`Doc::scope`]).
    pub(super) fn tag(&self, d: &Doc) -> Vec<(TokSpan, Roles)> {
        let f = self.featurizer(d);
        let mut scratch = Vec::with_capacity(64);
        let mut em = Vec::new();
        let mut out = Vec::new();
        let o_bias = CUE_RECALL_BIAS * self.cues.max_weight();
        for pr in &d.para_toks {
            if pr.start >= pr.end || pr.end > d.toks.len() {
                continue;
            }
            em.clear();
            for i in pr.clone() {
                // the rules search no quotation for attributions, nor does the
                // learned pass: a quoted token is no cue, and costs no features
                if d.in_quote(i) {
                    em.extend_from_slice(&[0.0, f32::NEG_INFINITY, f32::NEG_INFINITY]);
                    continue;
                }
                f.cue_features(i, &mut scratch);
                self.cues.push_emission(&scratch, &mut em);
                let at = em.len() - self.cues.nl + O;
                em[at] -= o_bias;
            }
            let labels = self.cues.viterbi(&em);
            for cue in spans_of(&labels, B, pr.start) {
                let roles = match d.learned_head(cue) {
                    Some(h) => self.roles_of(&f, cue, h, &mut em),
                    None => Roles::default(),
                };
                out.push((cue, roles));
            }
        }
        out
    }

    fn roles_of(&self, f: &Featurizer, cue: TokSpan, head: usize, em: &mut Vec<f32>) -> Roles {
        let (lo, hi) = role_window(f.d, cue, head);
        let mut scratch = Vec::with_capacity(40);
        em.clear();
        let nps = f.d.rule_nps(cue, (lo, hi));
        for j in lo..hi {
            f.role_features(j, cue, head, &nps, &mut scratch);
            self.roles.push_emission(&scratch, em);
        }
        let forced: Vec<bool> = (lo..hi).map(|j| j >= cue.0 && j < cue.1).collect();
        force_o(em, self.roles.nl, &forced);
        let labels = self.roles.viterbi(em);
        Roles {
            sources: spans_of(&labels, B_SRC, lo),
            contents: spans_of(&labels, B_CON, lo),
        }
    }

    /// Parses a model from its gzip-compressed bytes.
    ///
    /// # Errors
    /// A message when the bytes are not a valid quotation model (bad gzip stream, wrong
    /// magic, truncated data, checksum mismatch, sizes out of range).
    pub fn from_bytes(bytes: &[u8]) -> Result<QuotationModel, String> {
        let body = crate::pipeline::model_file::open(bytes, MAGIC, MAX_RAW, "quotation model")?;
        let body = body.as_slice();
        let mut r = Reader { b: body, p: 0 };
        let n = r.u32()? as usize;
        let clusters_src = std::str::from_utf8(r.take(n)?)
            .map_err(|_| "quotation model: cluster lexicon is not UTF-8")?
            .to_string();
        let cues = Quantized::read(&mut r)?;
        let roles = Quantized::read(&mut r)?;
        if cues.nl != 3 || roles.nl != 5 || cues.bits != roles.bits {
            return Err("quotation model: unexpected table shapes".into());
        }
        if r.p != body.len() {
            return Err("quotation model: trailing bytes".into());
        }
        Ok(QuotationModel {
            cues,
            roles,
            clusters: Lexicon::from_source(&clusters_src),
            clusters_src,
        })
    }

    /// The model as gzip-compressed bytes (weights quantised to `i16`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::with_capacity(
            (self.cues.w.len() + self.roles.w.len()) * 2 + self.clusters_src.len() + 64,
        );
        raw.extend_from_slice(&(self.clusters_src.len() as u32).to_le_bytes());
        raw.extend_from_slice(self.clusters_src.as_bytes());
        self.cues.write(&mut raw);
        self.roles.write(&mut raw);
        crate::pipeline::model_file::seal(MAGIC, &raw)
    }
}

// ---------------------------------------------------------------------------------
// Training
// ---------------------------------------------------------------------------------

/// One gold attribution: byte ranges of `text` (a source or cue may be missing).
#[derive(Debug, Clone, Default)]
pub struct GoldAttribution {
    pub content: Vec<Range<usize>>,
    pub source: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
}

/// One annotated text for training or scoring the taggers.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// The article text.
    pub text: String,
    /// Paragraph byte ranges of `text`.
    pub paragraphs: Vec<Range<usize>>,
    /// Its gold attributions.
    pub attributions: Vec<GoldAttribution>,
}

/// Span-level counts of a tagger alone.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SpanScore {
    /// Predicted spans counted as correct.
    pub correct: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
}

impl SpanScore {
    /// Precision, recall and F1 (0 where undefined).
    pub fn prf(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        let (p, r) = (
            ratio(self.correct, self.predicted),
            ratio(self.correct, self.gold),
        );
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
    fn add(&mut self, pred: &[TokSpan], gold: &[TokSpan]) {
        self.predicted += pred.len();
        self.gold += gold.len();
        self.correct += pred.iter().filter(|x| gold.contains(x)).count();
    }
}

/// What [`train`] reports: the two taggers' scores on `dev`, given gold cues for the
/// role tagger.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TrainReport {
    /// Cue spans, exact.
    pub cues: SpanScore,
    /// Source spans given the gold cue, exact.
    pub sources: SpanScore,
    /// Content fragments given the gold cue, exact.
    pub contents: SpanScore,
    /// Epochs kept for the cue and the role tagger.
    pub epochs: (usize, usize),
}

impl std::fmt::Display for TrainReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "| tagger (dev) | P | R | F1 | gold | epoch |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
        for (name, s, e) in [
            ("cue spans", &self.cues, self.epochs.0),
            ("source spans, gold cue", &self.sources, self.epochs.1),
            ("content fragments, gold cue", &self.contents, self.epochs.1),
        ] {
            let (p, r, f1) = s.prf();
            writeln!(
                f,
                "| {name} | {p:.3} | {r:.3} | {f1:.3} | {} | {e} |",
                s.gold
            )?;
        }
        Ok(())
    }
}

/// Token labels of byte-range fragments: `b` on the first token of each fragment,
/// `b + 1` on the rest; tokens already labelled keep their label.
fn label_fragments(d: &Doc, frags: &[Range<usize>], b: usize, labels: &mut [usize]) {
    let mut sorted: Vec<&Range<usize>> = frags.iter().collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    for r in sorted {
        let first = d.toks.partition_point(|t| t.e <= r.start);
        let mut k = first;
        while k < d.toks.len() && d.toks[k].s < r.end {
            if labels[k] == O {
                labels[k] = if k == first { b } else { b + 1 };
            }
            k += 1;
        }
    }
}

/// A role-tagger training sequence: one gold attribution's window.
struct RoleSeq {
    feats: Vec<Vec<u32>>,
    gold: Vec<usize>,
    forced: Vec<bool>,
}

/// A document prepared for training: cue sequences (one per paragraph) and role
/// sequences (one per gold attribution with a cue).
struct Prepared {
    cue_seqs: Vec<(Vec<Vec<u32>>, Vec<usize>)>,
    role_seqs: Vec<RoleSeq>,
}

fn doc_of<'a>(doc: &'a TrainDoc) -> Doc<'a> {
    let paras = super::clean_paragraphs(&doc.text, &doc.paragraphs);
    let mut d = Doc::new(&doc.text, &paras, &[]);
    d.find_quotes();
    d.build_units();
    d
}

fn gold_cue_labels(d: &Doc, doc: &TrainDoc) -> Vec<usize> {
    let mut labels = vec![O; d.toks.len()];
    let cues: Vec<Range<usize>> = doc
        .attributions
        .iter()
        .flat_map(|a| a.cue.clone())
        .collect();
    label_fragments(d, &cues, B, &mut labels);
    labels
}

/// The gold cue of an attribution as one token span (its fragments' hull), if any.
fn gold_cue_span(d: &Doc, att: &GoldAttribution) -> Option<TokSpan> {
    let s = att.cue.iter().map(|r| r.start).min()?;
    let e = att.cue.iter().map(|r| r.end).max()?;
    let a = d.toks.partition_point(|t| t.e <= s);
    let b = d.toks.partition_point(|t| t.s < e);
    (a < b).then_some((a, b))
}

/// The tokens the role tagger labels for a cue: the cue's scope ([`Doc::scope`]), at
/// most [`ROLE_REACH`] tokens either side of the cue.
fn role_window(d: &Doc, cue: TokSpan, head: usize) -> (usize, usize) {
    let (lo, hi) = d.scope(head);
    (
        lo.max(cue.0.saturating_sub(ROLE_REACH)).min(cue.0),
        hi.min(cue.1 + ROLE_REACH).max(cue.1),
    )
}

/// Tokens on either side of a cue that its source and content may span in the role
/// tagger (sentences of news stay well under it; a long "sentence" without
/// punctuation must not cost the tagger quadratic time).
const ROLE_REACH: usize = 60;

fn gold_roles(d: &Doc, att: &GoldAttribution, (lo, hi): (usize, usize)) -> Vec<usize> {
    let mut labels = vec![O; d.toks.len()];
    label_fragments(d, &att.source, B_SRC, &mut labels);
    label_fragments(d, &att.content, B_CON, &mut labels);
    let mut out = labels[lo..hi].to_vec();
    // a fragment cut by the window's start begins there
    for (k, l) in out.iter_mut().enumerate() {
        let prev = if k == 0 { O } else { labels[lo + k - 1] };
        if (*l == I_SRC || *l == I_CON) && (k == 0 || !allowed(5, prev, *l)) {
            *l -= 1;
        }
    }
    out
}

fn prepare(doc: &TrainDoc, clusters: &Lexicon, bits: u32) -> Prepared {
    let d = doc_of(doc);
    let f = Featurizer::new(&d, clusters, bits);
    let labels = gold_cue_labels(&d, doc);
    let mut scratch = Vec::new();
    let mut cue_seqs = Vec::new();
    for pr in &d.para_toks {
        if pr.start >= pr.end {
            continue;
        }
        let feats = pr
            .clone()
            .map(|i| {
                f.cue_features(i, &mut scratch);
                scratch.clone()
            })
            .collect();
        cue_seqs.push((feats, labels[pr.clone()].to_vec()));
    }
    let mut role_seqs = Vec::new();
    for att in &doc.attributions {
        let Some(cue) = gold_cue_span(&d, att) else {
            continue;
        };
        let Some(head) = d.learned_head(cue) else {
            continue;
        };
        let (lo, hi) = role_window(&d, cue, head);
        let mut gold = gold_roles(&d, att, (lo, hi));
        let forced: Vec<bool> = (lo..hi).map(|j| j >= cue.0 && j < cue.1).collect();
        for (g, &fo) in gold.iter_mut().zip(&forced) {
            if fo {
                *g = O;
            }
        }
        let nps = d.rule_nps(cue, (lo, hi));
        let feats = (lo..hi)
            .map(|j| {
                f.role_features(j, cue, head, &nps, &mut scratch);
                scratch.clone()
            })
            .collect();
        role_seqs.push(RoleSeq {
            feats,
            gold,
            forced,
        });
    }
    Prepared {
        cue_seqs,
        role_seqs,
    }
}

/// Trains both taggers: `epochs` passes over `train` in a fixed shuffled order, the
/// averaged weights scored on `dev` after each pass; each tagger keeps its best pass on
/// `dev` (cue span F1; source + content F1 given gold cues). `clusters_src` is the
/// `clusters.tsv` text baked into the model; `progress` gets one line per epoch.
pub fn train(
    train: &[TrainDoc],
    dev: &[TrainDoc],
    clusters_src: &str,
    bits: u32,
    epochs: usize,
    mut progress: impl FnMut(&str),
) -> (QuotationModel, TrainReport) {
    let clusters = Lexicon::from_source(clusters_src);
    let tr: Vec<Prepared> = train.iter().map(|d| prepare(d, &clusters, bits)).collect();
    let dv: Vec<Prepared> = dev.iter().map(|d| prepare(d, &clusters, bits)).collect();
    let cue_seqs: Vec<&(Vec<Vec<u32>>, Vec<usize>)> = tr.iter().flat_map(|p| &p.cue_seqs).collect();
    let role_seqs: Vec<&RoleSeq> = tr.iter().flat_map(|p| &p.role_seqs).collect();
    let mut cue_tr = Trainer::new(3, bits);
    let mut role_tr = Trainer::new(5, bits);
    let mut cue_order: Vec<usize> = (0..cue_seqs.len()).collect();
    let mut role_order: Vec<usize> = (0..role_seqs.len()).collect();
    let mut rng: u64 = 0x9e3779b97f4a7c15;
    let mut em = Vec::new();
    let mut best_cue: Option<(f64, Table, SpanScore, usize)> = None;
    let mut best_role: Option<(f64, Table, SpanScore, SpanScore, usize)> = None;
    for epoch in 1..=epochs {
        shuffle(&mut cue_order, &mut rng);
        shuffle(&mut role_order, &mut rng);
        let mut cue_wrong = 0;
        for &i in &cue_order {
            let (feats, gold) = cue_seqs[i];
            cue_wrong += cue_tr.step(feats, gold, &[], &mut em) as usize;
        }
        let mut role_wrong = 0;
        for &i in &role_order {
            let s = role_seqs[i];
            role_wrong += role_tr.step(&s.feats, &s.gold, &s.forced, &mut em) as usize;
        }
        let cue_avg = cue_tr.averaged();
        let role_avg = role_tr.averaged();
        let (mut cs, mut ss, mut xs) = (
            SpanScore::default(),
            SpanScore::default(),
            SpanScore::default(),
        );
        for p in &dv {
            for (feats, gold) in &p.cue_seqs {
                cue_avg.emissions(feats.iter().map(|x| x.as_slice()), &mut em);
                cs.add(
                    &spans_of(&cue_avg.viterbi(&em), B, 0),
                    &spans_of(gold, B, 0),
                );
            }
            for s in &p.role_seqs {
                role_avg.emissions(s.feats.iter().map(|x| x.as_slice()), &mut em);
                force_o(&mut em, 5, &s.forced);
                let pred = role_avg.viterbi(&em);
                ss.add(&spans_of(&pred, B_SRC, 0), &spans_of(&s.gold, B_SRC, 0));
                xs.add(&spans_of(&pred, B_CON, 0), &spans_of(&s.gold, B_CON, 0));
            }
        }
        let (cp, cr, cf) = cs.prf();
        let (_, _, sf) = ss.prf();
        let (_, _, xf) = xs.prf();
        progress(&format!(
            "epoch {epoch}: {cue_wrong} of {} paragraphs and {role_wrong} of {} attributions wrong; \
             dev: cue spans P {cp:.3} R {cr:.3} F1 {cf:.3}, sources F1 {sf:.3}, contents F1 {xf:.3}",
            cue_seqs.len(),
            role_seqs.len()
        ));
        if best_cue.as_ref().is_none_or(|b| cf > b.0) {
            best_cue = Some((cf, cue_avg, cs, epoch));
        }
        if best_role.as_ref().is_none_or(|b| sf + xf > b.0) {
            best_role = Some((sf + xf, role_avg, ss, xs, epoch));
        }
    }
    let (_, cues, cue_score, ce) =
        best_cue.unwrap_or((0.0, Table::zero(3, bits), SpanScore::default(), 0));
    let (_, roles, src_score, con_score, re) = best_role.unwrap_or((
        0.0,
        Table::zero(5, bits),
        SpanScore::default(),
        SpanScore::default(),
        0,
    ));
    (
        QuotationModel {
            cues: cues.quantize(),
            roles: roles.quantize(),
            clusters,
            clusters_src: clusters_src.to_string(),
        },
        TrainReport {
            cues: cue_score,
            sources: src_score,
            contents: con_score,
            epochs: (ce, re),
        },
    )
}

/// The most frequent cue-tagger errors on `docs`: `MISS <gold cue>` (no predicted
/// span overlaps it), `SPAN <gold> / ours <predicted>` (overlapping, other bounds) and
/// `FP <predicted>` (no gold cue overlaps it), lower-cased, most frequent first.
pub fn cue_errors(model: &QuotationModel, docs: &[TrainDoc]) -> Vec<(String, usize)> {
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for doc in docs {
        let d = doc_of(doc);
        let gold = spans_of(&gold_cue_labels(&d, doc), B, 0);
        let pred: Vec<TokSpan> = model.tag(&d).into_iter().map(|x| x.0).collect();
        let text = |&(a, b): &TokSpan| {
            d.text
                .get(d.tok_range_bytes(a, b))
                .unwrap_or("")
                .to_lowercase()
                .replace('\n', " ")
        };
        let overlaps = |x: &TokSpan, y: &TokSpan| x.0 < y.1 && y.0 < x.1;
        let mut count = |k: String| *counts.entry(k).or_default() += 1;
        for g in gold.iter().filter(|g| !pred.contains(g)) {
            match pred.iter().find(|p| overlaps(p, g)) {
                Some(p) => count(format!("SPAN {} / ours {}", text(g), text(p))),
                None => count(format!("MISS {}", text(g))),
            }
        }
        for p in pred.iter().filter(|p| !gold.iter().any(|g| overlaps(p, g))) {
            count(format!("FP {}", text(p)));
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn doc(text: &str) -> Doc<'_> {
        let paras = super::super::clean_paragraphs(text, &[]);
        let mut d = Doc::new(text, &paras, &[]);
        d.find_quotes();
        d.build_units();
        d
    }

    fn span_text<'a>(d: &Doc<'a>, (a, b): TokSpan) -> &'a str {
        &d.text[d.tok_range_bytes(a, b)]
    }

    #[test]
    fn bio_constraints_and_spans() {
        // cue labels O B I: I follows only B or I, never the start
        assert!(allowed(3, B, I) && allowed(3, I, I));
        assert!(!allowed(3, O, I) && !allowed(3, 3, I));
        // role labels O B-S I-S B-C I-C: an I continues its own B only
        assert!(allowed(5, B_SRC, I_SRC) && allowed(5, B_CON, I_CON));
        assert!(!allowed(5, B_SRC, I_CON) && !allowed(5, B_CON, I_SRC));
        assert!(!allowed(5, O, I_CON) && !allowed(5, 5, I_SRC));
        let labels = [O, B_SRC, I_SRC, O, B_CON, I_CON, I_CON, B_CON];
        assert_eq!(spans_of(&labels, B_SRC, 10), vec![(11, 13)]);
        assert_eq!(spans_of(&labels, B_CON, 10), vec![(14, 17), (17, 18)]);
    }

    #[test]
    fn the_shipped_model_finds_cue_source_and_content() {
        let m = crate::pipeline::quotations::MODEL
            .as_ref()
            .expect("models/quotations/quotations.bin.gz loads");
        let d = doc("The mayor told reporters on Tuesday that the bridge would reopen in May.");
        let tagged = m.tag(&d);
        let (cue, roles) = tagged
            .iter()
            .find(|(c, _)| span_text(&d, *c).starts_with("told"))
            .unwrap_or_else(|| panic!("no `told` cue: {tagged:?}"));
        assert_eq!(span_text(&d, *cue), "told");
        assert_eq!(span_text(&d, roles.sources[0]), "The mayor");
        let content = span_text(&d, roles.contents[0]);
        assert!(
            content.starts_with("that the bridge would reopen"),
            "{content}"
        );
    }

    #[test]
    fn corrupt_model_bytes_give_errors() {
        let good = crate::pipeline::quotations::MODEL_BYTES;
        assert!(QuotationModel::from_bytes(b"").is_err());
        assert!(QuotationModel::from_bytes(b"not gzip at all").is_err());
        assert!(QuotationModel::from_bytes(&good[..good.len() / 2]).is_err());
        // a valid gzip stream of the wrong content
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"NXQUO\x01\0\0 and then nothing that parses")
            .unwrap();
        assert!(QuotationModel::from_bytes(&gz.finish().unwrap()).is_err());
        // one flipped byte inside the payload fails the checksum
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(good)
            .read_to_end(&mut raw)
            .unwrap();
        raw[100] ^= 0x55;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&raw).unwrap();
        let err = QuotationModel::from_bytes(&gz.finish().unwrap()).unwrap_err();
        assert!(err.contains("checksum"), "{err}");
    }

    #[test]
    fn training_learns_a_small_corpus_and_round_trips() {
        let mk = |text: &str, cue: &str, src: &str, content: &str| {
            let at = |w: &str| {
                let s = text.find(w).unwrap();
                s..s + w.len()
            };
            TrainDoc {
                text: text.to_string(),
                paragraphs: Vec::new(),
                attributions: vec![GoldAttribution {
                    content: vec![at(content)],
                    source: vec![at(src)],
                    cue: vec![at(cue)],
                }],
            }
        };
        let docs = vec![
            mk(
                "Smith fumed that the deal was bad.",
                "fumed",
                "Smith",
                "that the deal was bad",
            ),
            mk(
                "Jones fumed that taxes were high.",
                "fumed",
                "Jones",
                "that taxes were high",
            ),
            mk(
                "Lee fumed that the vote was late.",
                "fumed",
                "Lee",
                "that the vote was late",
            ),
        ];
        let (m, report) = train(&docs, &docs, "", 12, 8, |_| {});
        assert_eq!(report.cues.prf().2, 1.0, "{report}");
        let back = QuotationModel::from_bytes(&m.to_bytes()).expect("round trip");
        let d = doc("Brown fumed that the plan was weak.");
        let tagged = back.tag(&d);
        assert_eq!(tagged.len(), 1, "{tagged:?}");
        let (cue, roles) = &tagged[0];
        assert_eq!(span_text(&d, *cue), "fumed");
        assert_eq!(span_text(&d, roles.sources[0]), "Brown");
        assert_eq!(span_text(&d, roles.contents[0]), "that the plan was weak");
    }
}
