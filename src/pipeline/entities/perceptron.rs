//! Averaged perceptron (Collins 2002, "Discriminative training methods for hidden Markov
//! models"). Label-history features (previous one and two labels) make it a sequence
//! model. Training and decoding use exact second-order Viterbi search under the BIO
//! constraints ([`viterbi_sentence`], [`TrainWeights::train_doc_viterbi`]); the greedy
//! left-to-right decoder of Ratinov & Roth (2009) ([`decode`], [`TrainWeights::train_doc`])
//! is kept for comparison (`train::VITERBI`). On CoNLL-2003 valid, Viterbi training and
//! decoding gave +3.3 F1 over greedy with the same features.
//!
//! Averaging uses the usual lazy trick (Daumé 2006): keep `w` and `u = Σ c·Δ`; the average
//! is `w - u / c`.

use super::features::{allowed, label_features, DocFeats, NL};

/// Anything that can score a feature bucket for all labels.
pub trait Scorer {
    fn add(&self, f: u32, s: &mut [f32; NL]);
}

/// Quantised weights used at run time: `rows * NL` i16 values and one scale.
#[derive(Clone)]
pub struct Weights {
    pub bits: u32,
    pub scale: f32,
    pub w: Vec<i16>,
}

impl Scorer for Weights {
    #[inline]
    fn add(&self, f: u32, s: &mut [f32; NL]) {
        let b = f as usize * NL;
        if let Some(row) = self.w.get(b..b + NL) {
            for (x, &v) in s.iter_mut().zip(row) {
                *x += v as f32;
            }
        }
    }
}

/// Training weights (f32) with averaging accumulators.
pub struct TrainWeights {
    pub bits: u32,
    pub w: Vec<f32>,
    pub u: Vec<f32>,
    pub c: f32,
}

impl Scorer for TrainWeights {
    #[inline]
    fn add(&self, f: u32, s: &mut [f32; NL]) {
        let b = f as usize * NL;
        for (x, &v) in s.iter_mut().zip(&self.w[b..b + NL]) {
            *x += v;
        }
    }
}

/// Plain f32 (averaged) weights, used to evaluate during training.
pub struct Dense(pub Vec<f32>);
impl Scorer for Dense {
    #[inline]
    fn add(&self, f: u32, s: &mut [f32; NL]) {
        let b = f as usize * NL;
        for (x, &v) in s.iter_mut().zip(&self.0[b..b + NL]) {
            *x += v;
        }
    }
}

impl TrainWeights {
    pub fn new(bits: u32) -> Self {
        let n = (1usize << bits) * NL;
        TrainWeights {
            bits,
            w: vec![0.0; n],
            u: vec![0.0; n],
            c: 1.0,
        }
    }
    fn upd(&mut self, f: u32, l: usize, d: f32) {
        let i = f as usize * NL + l;
        self.w[i] += d;
        self.u[i] += self.c * d;
    }
    pub fn averaged(&self) -> Dense {
        Dense(
            self.w
                .iter()
                .zip(&self.u)
                .map(|(w, u)| w - u / self.c)
                .collect(),
        )
    }
    pub fn quantize(&self) -> Weights {
        let avg = self.averaged().0;
        let max = avg.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
        let scale = max / 32767.0;
        Weights {
            bits: self.bits,
            scale,
            w: avg.iter().map(|x| (x / scale).round() as i16).collect(),
        }
    }

    /// One structured-perceptron pass over a document (Collins 2002): each sentence is
    /// decoded with [`viterbi_sentence`] and, when wrong, the features of the gold
    /// sequence are promoted and those of the predicted sequence demoted. Returns the
    /// number of token errors.
    pub fn train_doc_viterbi(
        &mut self,
        df: &DocFeats,
        extra: Option<&[Vec<u32>]>,
        gold: &[usize],
    ) -> usize {
        let mut errs = 0;
        let mut pred = vec![0usize; df.len()];
        let mut lf = [0u32; 4];
        for r in df.sents.clone() {
            viterbi_sentence(&*self, df, extra, r.clone(), &mut pred);
            let wrong = r.clone().any(|k| pred[k] != gold[k]);
            if wrong {
                let at = |y: &[usize], k: usize, o: usize| -> usize {
                    if k >= r.start + o {
                        y[k - o]
                    } else {
                        0
                    }
                };
                for k in r.clone() {
                    let (g, g1, g2) = (gold[k], at(gold, k, 1), at(gold, k, 2));
                    let (p, p1, p2) = (pred[k], at(&pred, k, 1), at(&pred, k, 2));
                    if g != p {
                        errs += 1;
                        let mut fs: Vec<u32> = df.tok(k).to_vec();
                        if let Some(x) = extra {
                            fs.extend_from_slice(&x[k]);
                        }
                        for f in fs {
                            self.upd(f, g, 1.0);
                            self.upd(f, p, -1.0);
                        }
                    }
                    if (g, g1, g2) != (p, p1, p2) {
                        label_features(df, k, g1, g2, &mut lf);
                        for f in lf {
                            self.upd(f, g, 1.0);
                        }
                        label_features(df, k, p1, p2, &mut lf);
                        for f in lf {
                            self.upd(f, p, -1.0);
                        }
                    }
                }
            }
            self.c += r.len() as f32;
        }
        errs
    }

    /// One greedy pass over a document with updates; returns the number of errors.
    pub fn train_doc(
        &mut self,
        df: &DocFeats,
        extra: Option<&[Vec<u32>]>,
        gold: &[usize],
    ) -> usize {
        let mut errs = 0;
        let mut lf = [0u32; 4];
        for r in df.sents.clone() {
            let (mut p1, mut p2) = (0usize, 0usize);
            for k in r {
                let mut s = [0f32; NL];
                for &f in df.tok(k) {
                    self.add(f, &mut s);
                }
                if let Some(x) = extra {
                    for &f in &x[k] {
                        self.add(f, &mut s);
                    }
                }
                label_features(df, k, p1, p2, &mut lf);
                for &f in &lf {
                    self.add(f, &mut s);
                }
                let pred = argmax(&s, p1, df.alnum[k]);
                let g = gold[k];
                if pred != g {
                    errs += 1;
                    let feats: Vec<u32> = df
                        .tok(k)
                        .iter()
                        .chain(lf.iter())
                        .copied()
                        .chain(extra.map(|x| x[k].clone()).unwrap_or_default())
                        .collect();
                    for f in feats {
                        self.upd(f, g, 1.0);
                        self.upd(f, pred, -1.0);
                    }
                }
                self.c += 1.0;
                p2 = p1;
                p1 = pred;
            }
        }
        errs
    }
}

#[inline]
fn argmax(s: &[f32; NL], prev: usize, alnum: bool) -> usize {
    let mut best = 0;
    let mut bs = f32::NEG_INFINITY;
    for (l, &v) in s.iter().enumerate() {
        if allowed(prev, l) && (alnum || !super::features::is_begin(l)) && v > bs {
            bs = v;
            best = l;
        }
    }
    best
}

/// Second-order Viterbi decoding of one sentence (token range `r`) under the BIO
/// constraints: the label-history features of [`label_features`] depend on the two
/// previous labels, so the search state is the pair `(y[k], y[k-1])` (9 × 9 states).
/// Exact search instead of the greedy left-to-right decisions of Ratinov & Roth (2009);
/// the model is trained with the same decoder (structured perceptron, Collins 2002).
pub fn viterbi_sentence<S: Scorer>(
    w: &S,
    df: &DocFeats,
    extra: Option<&[Vec<u32>]>,
    r: std::ops::Range<usize>,
    out: &mut [usize],
) {
    const NS: usize = NL * NL;
    let n = r.len();
    if n == 0 {
        return;
    }
    let neg = f32::NEG_INFINITY;
    // delta[l * NL + p1]: best score of a prefix ending with labels (p1, l)
    let mut delta = [neg; NS];
    let mut next = [neg; NS];
    let mut bp: Vec<[u8; NS]> = vec![[0u8; NS]; n];
    let mut lf = [0u32; 4];
    let k0 = r.start;
    let mut t1 = [[0f32; NL]; NL];
    let mut t2 = [[0f32; NL]; NS];
    for p1 in 0..NL {
        for p2 in 0..NL {
            label_features(df, k0, p1, p2, &mut lf);
            if p2 == 0 {
                w.add(lf[0], &mut t1[p1]);
            }
            w.add(lf[1], &mut t2[p1 * NL + p2]);
        }
    }
    // `live1[p]`: some state has y[k-1] = p; start: previous two labels are O
    let mut live1 = [false; NL];
    let mut first = true;
    for (j, k) in r.clone().enumerate() {
        let mut st = [0f32; NL];
        for &f in df.tok(k) {
            w.add(f, &mut st);
        }
        if let Some(x) = extra {
            if let Some(v) = x.get(k) {
                for &f in v {
                    w.add(f, &mut st);
                }
            }
        }
        let alnum = df.alnum[k];
        next.fill(neg);
        // label-history features: `mix(60, p1)` and `mix(61, p1, p2)` rows are the same
        // for every token (computed once per sentence above); the word and shape
        // conjunctions depend on p1 only
        let mut a1 = [[0f32; NL]; NL];
        for p1 in 0..NL {
            if !(live1[p1] || first && p1 == 0) {
                continue;
            }
            label_features(df, k, p1, 0, &mut lf);
            let mut s = st;
            for (x, t) in s.iter_mut().zip(&t1[p1]) {
                *x += t;
            }
            w.add(lf[2], &mut s);
            w.add(lf[3], &mut s);
            a1[p1] = s;
        }
        for i in 0..NS {
            let (p1, p2) = (i / NL, i % NL);
            let d = if first {
                if i == 0 {
                    0.0
                } else {
                    continue;
                }
            } else {
                delta[i]
            };
            if d == neg {
                continue;
            }
            let tr = &t2[p1 * NL + p2];
            for l in 0..NL {
                if !allowed(p1, l) || (!alnum && super::features::is_begin(l)) {
                    continue;
                }
                let v = d + a1[p1][l] + tr[l];
                let ni = l * NL + p1;
                if v > next[ni] {
                    next[ni] = v;
                    bp[j][ni] = p2 as u8;
                }
            }
        }
        first = false;
        live1 = [false; NL];
        for i in 0..NS {
            if next[i] > neg {
                live1[i / NL] = true;
            }
        }
        std::mem::swap(&mut delta, &mut next);
    }
    // backtrack
    let mut bi = 0;
    for i in 0..NS {
        if delta[i] > delta[bi] {
            bi = i;
        }
    }
    let (mut l, mut p1) = (bi / NL, bi % NL);
    for j in (0..n).rev() {
        out[r.start + j] = l;
        let p2 = bp[j][l * NL + p1] as usize;
        l = p1;
        p1 = p2;
    }
}

/// Viterbi decoding of a document (see [`viterbi_sentence`]).
pub fn decode_viterbi<S: Scorer>(w: &S, df: &DocFeats, extra: Option<&[Vec<u32>]>) -> Vec<usize> {
    let mut out = vec![0usize; df.len()];
    for r in df.sents.clone() {
        viterbi_sentence(w, df, extra, r, &mut out);
    }
    out
}

/// Greedy decoding of a document; `extra` are additional per-token features.
pub fn decode<S: Scorer>(w: &S, df: &DocFeats, extra: Option<&[Vec<u32>]>) -> Vec<usize> {
    let mut out = vec![0usize; df.len()];
    let mut lf = [0u32; 4];
    for r in df.sents.clone() {
        let (mut p1, mut p2) = (0usize, 0usize);
        for k in r {
            let mut s = [0f32; NL];
            for &f in df.tok(k) {
                w.add(f, &mut s);
            }
            if let Some(x) = extra {
                if let Some(v) = x.get(k) {
                    for &f in v {
                        w.add(f, &mut s);
                    }
                }
            }
            label_features(df, k, p1, p2, &mut lf);
            for &f in &lf {
                w.add(f, &mut s);
            }
            let pred = argmax(&s, p1, df.alnum[k]);
            out[k] = pred;
            p2 = p1;
            p1 = pred;
        }
    }
    out
}
