//! Averaged perceptron (Collins 2002, "Discriminative training methods for hidden Markov
//! models") with greedy left-to-right decoding over BIO labels, the decoder used by
//! Ratinov & Roth (2009). Label-history features (previous one and two labels) make it a
//! sequence model; invalid BIO transitions are masked at decoding time.
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
