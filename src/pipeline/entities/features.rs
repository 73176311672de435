//! Feature extraction for the sequence tagger.
//!
//! Feature templates follow the classic feature-based NER systems: lexical window,
//! affixes, word shape, sentence position, gazetteer matches (Ratinov & Roth 2009,
//! "Design challenges and misconceptions in named entity recognition", CoNLL), and two
//! kinds of document-level evidence from the same paper: *context aggregation* (how the
//! same word is capitalised elsewhere in the document) and *extended prediction history*
//! (the labels a first tagging pass gave to the same word elsewhere in the document).
//! Word-cluster path prefixes (Turian et al. 2010) and capitalisation classes (Mikheev
//! 1999) come from the lexicon of [`super::clusters`], looked up by lower-cased form.
//!
//! Features are hashed ("hashing trick", Weinberger et al. 2009) into a table of
//! `2^bits` rows, so no feature dictionary is stored. Shape features are conjoined with a
//! sentence *case mode* (mixed / ALL CAPS / all lower) so that the model learns separate
//! weights for headline-style and lower-cased text.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::clusters::WordInfo;
use super::gazetteer::{self, Gazetteer};

/// Number of labels (BIO over PER, ORG, LOC, MISC).
pub const NL: usize = 9;
pub const LABELS: [&str; NL] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// Entity type of a label (0 = O, 1 PER, 2 ORG, 3 LOC, 4 MISC).
pub fn label_type(l: usize) -> usize {
    l.div_ceil(2)
}
pub fn is_begin(l: usize) -> bool {
    l % 2 == 1
}
/// Whether label `l` may follow `prev` under BIO.
pub fn allowed(prev: usize, l: usize) -> bool {
    l == 0 || is_begin(l) || (prev != 0 && label_type(prev) == label_type(l))
}

/// A fast non-cryptographic hasher (the Fx hash of rustc) for the per-document and
/// lexicon maps of this stage: their keys are words and precomputed hashes, where SipHash
/// showed up in profiles.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut it = bytes.chunks_exact(8);
        for c in &mut it {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let r = it.remainder();
        if !r.is_empty() {
            let mut b = [0u8; 8];
            b[..r.len()].copy_from_slice(r);
            self.add(u64::from_le_bytes(b) ^ ((r.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, x: u8) {
        self.add(x as u64);
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.add(x);
    }
    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.add(x as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const P: u64 = 0x100000001b3;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(P).rotate_left(23) ^ x.wrapping_mul(0x9e3779b97f4a7c15)
}

#[inline]
fn hstr(h: u64, s: &str) -> u64 {
    let mut h = h ^ 0x5bd1e995;
    for &b in s.as_bytes() {
        h = (h ^ b as u64).wrapping_mul(P);
    }
    h
}

#[inline]
pub fn bucket(h: u64, bits: u32) -> u32 {
    (h.wrapping_mul(0x9e3779b97f4a7c15) >> (64 - bits)) as u32
}

/// Case mode of a sentence: 0 mixed, 1 ALL CAPS, 2 all lower.
pub fn case_mode(toks: &[&str]) -> u8 {
    let (mut up, mut low, mut cap_words, mut words) = (0, 0, 0, 0);
    for t in toks {
        let mut has_alpha = false;
        for c in t.chars() {
            if c.is_uppercase() {
                up += 1;
                has_alpha = true;
            } else if c.is_lowercase() {
                low += 1;
                has_alpha = true;
            }
        }
        if has_alpha {
            words += 1;
            if t.chars().next().is_some_and(|c| c.is_uppercase()) {
                cap_words += 1;
            }
        }
    }
    if up >= 4 && low == 0 {
        1
    } else if words >= 3 && cap_words == 0 {
        2
    } else {
        0
    }
}

/// Normalised lower-case form: curly quotes folded, digits mapped to `0`.
pub fn norm_lower(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '’' | 'ʼ' | '‘' | '`' => s.push('\''),
            '“' | '”' | '„' => s.push('"'),
            c if c.is_ascii_digit() => s.push('0'),
            c if c.is_ascii() => s.push(c.to_ascii_lowercase()),
            c => s.extend(c.to_lowercase()),
        }
    }
    s
}

/// Word shape with runs collapsed: `Kim` -> `Xx`, `U.S.` -> `X.X.`, `1996-08-22` -> `d-d-d`.
pub fn shape(t: &str) -> String {
    let mut s = String::with_capacity(8);
    let mut last = '\0';
    for c in t.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            match c {
                '’' | '‘' => '\'',
                '“' | '”' => '"',
                c => c,
            }
        };
        if k != last {
            s.push(k);
            last = k;
        }
        if s.len() > 12 {
            break;
        }
    }
    s
}

fn is_title(t: &str) -> bool {
    let mut cs = t.chars();
    cs.next().is_some_and(|c| c.is_uppercase()) && cs.any(|c| c.is_lowercase())
}

/// Per-document static features (those that do not depend on labels).
pub struct DocFeats {
    pub bits: u32,
    /// flat feature buckets; token `k`'s are `feats[offs[k]..offs[k+1]]`
    pub feats: Vec<u32>,
    pub offs: Vec<usize>,
    /// per token: hash of the word and of its (mode-conjoined) shape, for label features
    pub word_h: Vec<u64>,
    pub shape_h: Vec<u64>,
    /// normalised lower-case forms (for document-level features)
    pub lower: Vec<String>,
    /// sentence bounds in token indices
    pub sents: Vec<std::ops::Range<usize>>,
    /// per token: has a letter or digit (tokens without one never begin an entity)
    pub alnum: Vec<bool>,
}

impl DocFeats {
    pub fn tok(&self, k: usize) -> &[u32] {
        &self.feats[self.offs[k]..self.offs[k + 1]]
    }
    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> usize {
        self.word_h.len()
    }
}

/// Computes static features for a document given as sentences of token strings.
pub fn doc_features(sents: &[Vec<&str>], gaz: &Gazetteer, bits: u32) -> DocFeats {
    let total: usize = sents.iter().map(|s| s.len()).sum();
    let mut df = DocFeats {
        bits,
        feats: Vec::with_capacity(total * 48),
        offs: Vec::with_capacity(total + 1),
        word_h: Vec::with_capacity(total),
        shape_h: Vec::with_capacity(total),
        lower: Vec::with_capacity(total),
        sents: Vec::with_capacity(sents.len()),
        alnum: Vec::with_capacity(total),
    };
    df.offs.push(0);
    // context aggregation: capitalisation of each word elsewhere in the document
    let mut lowers: Vec<Vec<String>> = Vec::with_capacity(sents.len());
    let mut modes = Vec::with_capacity(sents.len());
    for s in sents {
        modes.push(case_mode(s));
        lowers.push(s.iter().map(|t| norm_lower(t)).collect());
    }
    let mut cap_mid: FxHashMap<&str, (u16, u16)> = FxHashMap::default();
    for ((s, &m), l) in sents.iter().zip(&modes).zip(&lowers) {
        if m == 0 {
            for (k, t) in s.iter().enumerate() {
                if k > 0 && is_title(t) {
                    cap_mid.entry(l[k].as_str()).or_default().0 += 1;
                } else if t.chars().next().is_some_and(|c| c.is_lowercase()) {
                    cap_mid.entry(l[k].as_str()).or_default().1 += 1;
                }
            }
        }
    }
    let mut shapes: Vec<String> = Vec::new();
    let mut start = 0;
    for (si, s) in sents.iter().enumerate() {
        let n = s.len();
        let mode = modes[si] as u64;
        let low = &lowers[si];
        shapes.clear();
        shapes.extend(s.iter().map(|t| shape(t)));
        let gz = gaz.annotate(s);
        let lex: Vec<Option<WordInfo>> = low.iter().map(|w| gaz.lex.get(w)).collect();
        let lw = |k: isize| -> &str {
            if k < 0 {
                "<s>"
            } else if k as usize >= n {
                "</s>"
            } else {
                &low[k as usize]
            }
        };
        let sh = |k: isize| -> &str {
            if k < 0 {
                "<s>"
            } else if k as usize >= n {
                "</s>"
            } else {
                &shapes[k as usize]
            }
        };
        for i in 0..n {
            let ii = i as isize;
            let f = &mut df.feats;
            let mut push = |h: u64| f.push(bucket(h, bits));
            let w0 = lw(ii);
            let wh = hstr(0, w0);
            push(1);
            push(mix(2, wh));
            push(hstr(3, lw(ii - 1)));
            push(hstr(4, lw(ii + 1)));
            push(hstr(5, lw(ii - 2)));
            push(hstr(6, lw(ii + 2)));
            push(hstr(hstr(7, lw(ii - 1)), w0));
            push(hstr(hstr(8, w0), lw(ii + 1)));
            if mode == 0 {
                push(hstr(9, s[i]));
            }
            // affixes
            // pre[k]: byte offset of char k (or the end); suf[k]: of char nc - k
            let nc = w0.chars().count();
            let mut pre = [w0.len(); 5];
            for (ci, (bi, _)) in w0.char_indices().take(5).enumerate() {
                pre[ci] = bi;
            }
            let mut suf = [0usize; 5];
            for (ci, (bi, _)) in w0.char_indices().rev().take(4).enumerate() {
                suf[ci + 1] = bi;
            }
            for k in 1..=4.min(nc) {
                push(hstr(10 + k as u64, &w0[..pre[k]]));
                push(hstr(20 + k as u64, &w0[suf[k]..]));
            }
            // shapes, conjoined with the sentence case mode
            let m = 100 * (mode + 1);
            let s0 = hstr(m + 30, sh(ii));
            push(s0);
            push(hstr(m + 31, sh(ii - 1)));
            push(hstr(m + 32, sh(ii + 1)));
            push(hstr(hstr(m + 33, sh(ii - 1)), sh(ii)));
            push(hstr(hstr(m + 34, sh(ii)), sh(ii + 1)));
            push(hstr(hstr(hstr(m + 35, sh(ii - 1)), sh(ii)), sh(ii + 1)));
            push(hstr(hstr(m + 36, lw(ii - 1)), sh(ii)));
            push(hstr(hstr(m + 37, sh(ii)), lw(ii + 1)));
            // sentence position
            let pos = if i == 0 {
                0
            } else if i == 1 {
                1
            } else {
                2
            };
            push(mix(hstr(m + 38, sh(ii)), pos));
            push(mix(38, (n.min(6) as u64) * 4 + pos));
            // length
            push(mix(m + 39, nc.min(12) as u64));
            // gazetteers (own and neighbours)
            let (gb, gi) = gz[i];
            for c in 0..7 {
                let bit = 1u8 << c;
                if gb & bit != 0 {
                    push(mix(40, c));
                    push(mix(hstr(m + 41, sh(ii)), c));
                }
                if gi & bit != 0 {
                    push(mix(42, c));
                }
                if i > 0 && (gz[i - 1].0 | gz[i - 1].1) & bit != 0 {
                    push(mix(43, c));
                }
                if i + 1 < n && gz[i + 1].0 & bit != 0 {
                    push(mix(44, c));
                }
                if i + 1 < n && gz[i + 1].1 & bit != 0 {
                    push(mix(45, c));
                }
            }
            if gb & gazetteer::FIRST != 0 && i + 1 < n && gz[i + 1].0 & gazetteer::LAST != 0 {
                push(mix(46, mode));
            }
            // word clusters and capitalisation classes learned from unlabeled text
            // (see [`super::clusters`])
            let lx = |k: isize| -> Option<WordInfo> {
                if k < 0 || k as usize >= n {
                    None
                } else {
                    lex[k as usize]
                }
            };
            let cap = |k: isize| -> u64 {
                if k < 0 || k as usize >= n {
                    6
                } else {
                    lex[k as usize].map_or(5, |x| x.cap as u64)
                }
            };
            if let Some(x) = lx(ii) {
                for (j, d) in [4u8, 6, 10, 20].into_iter().enumerate() {
                    push(mix(mix(80, j as u64), x.prefix(d)));
                }
            } else {
                push(mix(80, 99));
            }
            for (o, base) in [(-1isize, 84u64), (1, 86)] {
                if let Some(x) = lx(ii + o) {
                    push(mix(base, x.prefix(6)));
                    push(mix(base + 1, x.prefix(10)));
                }
            }
            let c0 = cap(ii);
            push(mix(m + 90, c0));
            push(mix(hstr(m + 91, sh(ii)), c0 * 4 + pos));
            push(mix(m + 92, cap(ii - 1) * 8 + c0));
            push(mix(m + 93, c0 * 8 + cap(ii + 1)));
            // context aggregation
            if let Some(&(cm, lc)) = cap_mid.get(w0) {
                let a = if cm > 0 && lc == 0 {
                    1
                } else if cm > 0 {
                    2
                } else {
                    3
                };
                push(mix(47, a));
                push(mix(hstr(m + 48, sh(ii)), a));
            } else {
                push(mix(hstr(m + 48, sh(ii)), 0));
            }
            df.offs.push(df.feats.len());
            df.word_h.push(wh);
            df.alnum.push(s[i].chars().any(|c| c.is_alphanumeric()));
            df.shape_h.push(s0);
        }
        df.sents.push(start..start + n);
        start += n;
    }
    drop(cap_mid);
    df.lower.extend(lowers.into_iter().flatten());
    df
}

/// Label-dependent features for token `k` given the two previous labels.
#[inline]
pub fn label_features(df: &DocFeats, k: usize, p1: usize, p2: usize, out: &mut [u32; 4]) {
    let b = df.bits;
    let p1 = p1 as u64 + 1;
    let p2 = p2 as u64 + 1;
    out[0] = bucket(mix(60, p1), b);
    out[1] = bucket(mix(mix(61, p1), p2), b);
    out[2] = bucket(mix(mix(62, p1), df.word_h[k]), b);
    out[3] = bucket(mix(mix(63, p1), df.shape_h[k]), b);
}

/// Extended prediction history: features from the labels that a first pass gave to the
/// other occurrences of the same word in the document.
pub fn history_features(df: &DocFeats, pass1: &[usize]) -> Vec<Vec<u32>> {
    let b = df.bits;
    let mut by_word: FxHashMap<&str, [u16; 9]> = FxHashMap::default();
    // last token of multi-token PER spans (surnames)
    let mut surname: FxHashMap<&str, u16> = FxHashMap::default();
    for (k, w) in df.lower.iter().enumerate() {
        let l = pass1.get(k).copied().unwrap_or(0);
        by_word.entry(w.as_str()).or_insert([0; 9])[l] += 1;
        if l == 2 && pass1.get(k + 1).copied().unwrap_or(0) != 2 {
            *surname.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut out = Vec::with_capacity(df.len());
    let mut sent_of = vec![0usize..0; df.len()];
    for r in &df.sents {
        for x in sent_of.iter_mut().take(r.end).skip(r.start) {
            *x = r.clone();
        }
    }
    for (k, w) in df.lower.iter().enumerate() {
        let mut v = Vec::new();
        let sr = sent_of[k].clone();
        let own = pass1.get(k).copied().unwrap_or(0);
        if let Some(c) = by_word.get(w.as_str()) {
            let mut t = [0u16; 5];
            for (l, &n) in c.iter().enumerate() {
                t[label_type(l)] += n;
            }
            t[label_type(own)] = t[label_type(own)].saturating_sub(1);
            let others: u16 = t.iter().sum();
            if others > 0 {
                let ent: u16 = t[1..].iter().sum();
                if ent > 0 {
                    let (best, &bn) = t
                        .iter()
                        .enumerate()
                        .skip(1)
                        .max_by_key(|x| *x.1)
                        .unwrap_or((0, &0));
                    let frac = (bn as u64 * 4) / (others as u64);
                    v.push(bucket(mix(70, best as u64), b));
                    v.push(bucket(mix(mix(71, best as u64), frac), b));
                    v.push(bucket(mix(mix(72, best as u64), df.shape_h[k]), b));
                    for (ty, &n) in t.iter().enumerate().skip(1) {
                        if n > 0 {
                            v.push(bucket(mix(73, ty as u64), b));
                        }
                    }
                } else {
                    v.push(bucket(mix(74, others.min(3) as u64), b));
                }
            }
        }
        // first-pass labels of the neighbours (a look-ahead for the greedy decoder)
        let nl = |j: isize| -> u64 {
            if j < sr.start as isize || j >= sr.end as isize || j as usize >= pass1.len() {
                99
            } else {
                pass1[j as usize] as u64
            }
        };
        let ki = k as isize;
        v.push(bucket(mix(76, nl(ki + 1)), b));
        v.push(bucket(mix(mix(77, nl(ki - 1)), nl(ki + 1)), b));
        v.push(bucket(mix(mix(78, own as u64), nl(ki + 1)), b));
        v.push(bucket(mix(79, own as u64), b));
        if let Some(&n) = surname.get(w.as_str()) {
            if !(own == 2 && n == 1) {
                v.push(bucket(mix(75, 1), b));
            }
        }
        out.push(v);
    }
    out
}
