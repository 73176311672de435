//! Word classes learned by us from unlabeled text, used as tagger features.
//!
//! Two kinds of information per (normalised, lower-cased) word:
//!
//! * **A hierarchical cluster path** (a bit string, like a Brown-cluster path). Word
//!   clusters from unlabeled text are a classic gain for feature-based NER (Miller et al.
//!   2004; Ratinov & Roth 2009; Turian, Ratinov & Bengio 2010, "Word representations").
//!   Instead of Brown clustering we use a cheap distributional variant: each word is a
//!   vector of positive PMI with its left and right neighbours (context-distribution
//!   smoothing 0.75, Levy, Goldberg & Dagan 2015), and the vocabulary is split recursively
//!   by spherical 2-means ("bisecting k-means", Steinbach, Karypis & Kumar 2000); the
//!   sequence of left/right choices is the path, so path prefixes give coarser classes.
//! * **A capitalisation class**: how often the word is capitalised when it is *not* at the
//!   start of a sentence in real text (the "capitalisation ratio" evidence of Mikheev 1999,
//!   "A knowledge-free method for capitalized word disambiguation"). It tells that `Good`
//!   or `Yuck` at the start of a short line is an ordinary word, and survives ALL-CAPS and
//!   lower-cased input, where the shape features carry no information.
//!
//! The file (`models/gazetteers/clusters.tsv`) has one line per word:
//! `word<TAB>path<TAB>cap` with `path` a string of `0`/`1` (may be empty) and `cap` one of
//! `0` (almost never capitalised) .. `3` (almost always), or `-` (too rare to tell).
//! [`build`] writes it; see `models/ner/README.md` for the corpus and the exact command.

use std::collections::HashMap;
use std::path::Path;

use super::features::norm_lower;

/// What the lexicon knows about one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// cluster path bits, most significant = first split (only `depth` bits are used)
    pub path: u32,
    pub depth: u8,
    /// 0..=3 capitalisation class, 4 = unknown
    pub cap: u8,
}

impl WordInfo {
    /// The path truncated to at most `n` bits, tagged with its length (so that
    /// prefixes of different length never collide).
    pub fn prefix(&self, n: u8) -> u64 {
        let d = self.depth.min(n);
        let p = if d == 0 {
            0
        } else {
            (self.path >> (self.depth - d)) as u64
        };
        (p << 6) | d as u64
    }
}

/// Word → [`WordInfo`] (keys are [`norm_lower`] forms).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    map: super::features::FxHashMap<String, WordInfo>,
}

impl Lexicon {
    /// Parses the file contents; malformed lines are skipped.
    pub fn from_source(s: &str) -> Lexicon {
        let mut map = super::features::FxHashMap::default();
        for line in s.lines() {
            let mut it = line.split('\t');
            let (Some(w), Some(p), Some(c)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            if w.is_empty() || p.len() > 31 || !p.bytes().all(|b| b == b'0' || b == b'1') {
                continue;
            }
            let path = p.bytes().fold(0u32, |a, b| (a << 1) | (b - b'0') as u32);
            let cap = match c {
                "0" => 0,
                "1" => 1,
                "2" => 2,
                "3" => 3,
                _ => 4,
            };
            map.insert(
                w.to_string(),
                WordInfo {
                    path,
                    depth: p.len() as u8,
                    cap,
                },
            );
        }
        Lexicon { map }
    }

    pub fn get(&self, lower: &str) -> Option<WordInfo> {
        self.map.get(lower).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Settings of [`build`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// minimum count of a word to be clustered
    pub min_count: usize,
    /// size of the context vocabulary (most frequent words)
    pub contexts: usize,
    /// maximum path length
    pub max_depth: usize,
    /// clusters smaller than this are not split further
    pub min_leaf: usize,
    /// minimum non-initial occurrences to give a capitalisation class
    pub min_cap_count: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            min_count: 3,
            contexts: 1500,
            max_depth: 18,
            min_leaf: 6,
            min_cap_count: 3,
        }
    }
}

fn is_sentence_opener(prev: &str) -> bool {
    matches!(
        prev,
        "." | "!"
            | "?"
            | ":"
            | ";"
            | "\""
            | "“"
            | "”"
            | "'"
            | "‘"
            | "("
            | "["
            | "-"
            | "—"
            | "–"
            | "•"
            | "*"
            | "..."
            | "…"
    )
}

/// Builds the lexicon file (see the module docs). `cluster_sents` are tokenised sentences
/// used for the clusters; `cap_sents` those used for the capitalisation statistics (real,
/// mixed-case running text). Deterministic.
pub fn build(cluster_sents: &[Vec<String>], cap_sents: &[Vec<String>], o: &BuildOptions) -> String {
    // --- vocabulary ----------------------------------------------------------------------
    let lowers: Vec<Vec<String>> = cluster_sents
        .iter()
        .map(|s| s.iter().map(|t| norm_lower(t)).collect())
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for s in &lowers {
        for w in s {
            *count.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, usize)> = count
        .iter()
        .filter(|(w, &c)| c >= o.min_count && w.chars().any(|c| c.is_alphanumeric()))
        .map(|(w, &c)| (*w, c))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (w.0, i)).collect();
    // context vocabulary: the most frequent words (any token) plus sentence boundaries
    let mut all: Vec<(&str, usize)> = count.iter().map(|(w, &c)| (*w, c)).collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let nctx = o.contexts.min(all.len());
    let ctx: HashMap<&str, usize> = all[..nctx]
        .iter()
        .enumerate()
        .map(|(i, w)| (w.0, i + 1))
        .collect(); // 0 = boundary
    let dim = 2 * (nctx + 1);
    // --- co-occurrence counts (left neighbour, right neighbour) ----------------------------
    let mut cooc: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in &lowers {
        for (k, w) in s.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            let l = if k == 0 {
                Some(0)
            } else {
                ctx.get(s[k - 1].as_str()).copied()
            };
            let r = if k + 1 == s.len() {
                Some(0)
            } else {
                ctx.get(s[k + 1].as_str()).copied()
            };
            if let Some(l) = l {
                *cooc[wi].entry(l as u32).or_default() += 1.0;
            }
            if let Some(r) = r {
                *cooc[wi].entry((nctx + 1 + r) as u32).or_default() += 1.0;
            }
        }
    }
    // --- PPMI vectors, L2-normalised ------------------------------------------------------
    let mut ctx_tot = vec![0f64; dim];
    let mut tot = 0f64;
    for m in &cooc {
        for (&c, &n) in m {
            ctx_tot[c as usize] += n as f64;
            tot += n as f64;
        }
    }
    let smoothed: Vec<f64> = ctx_tot.iter().map(|&x| x.powf(0.75)).collect();
    let stot: f64 = smoothed.iter().sum::<f64>().max(1.0);
    let vecs: Vec<Vec<(u32, f32)>> = cooc
        .iter()
        .map(|m| {
            let wt: f64 = m.values().map(|&x| x as f64).sum::<f64>().max(1.0);
            let mut v: Vec<(u32, f32)> = m
                .iter()
                .filter_map(|(&c, &n)| {
                    let pc = smoothed[c as usize] / stot;
                    let pmi = ((n as f64 / wt) / pc).ln();
                    (pmi > 0.0).then_some((c, pmi as f32))
                })
                .collect();
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
            for x in &mut v {
                x.1 /= norm;
            }
            v
        })
        .collect();
    let _ = tot;
    // --- bisecting spherical 2-means ------------------------------------------------------
    let mut paths: Vec<(u32, u8)> = vec![(0, 0); vocab.len()];
    let mut stack: Vec<(Vec<usize>, u32, u8)> = vec![((0..vocab.len()).collect(), 0, 0)];
    let dot =
        |v: &[(u32, f32)], c: &[f32]| -> f32 { v.iter().map(|&(i, x)| x * c[i as usize]).sum() };
    while let Some((set, path, depth)) = stack.pop() {
        if set.len() < o.min_leaf.max(2) || depth as usize >= o.max_depth {
            for &w in &set {
                paths[w] = (path, depth);
            }
            continue;
        }
        // initial split: sign of the projection on the principal direction of the
        // centred vectors (PDDP, Boley 1998), by a few power iterations; then spherical
        // 2-means refinement from that split
        let mut m = vec![0f32; dim];
        for &w in &set {
            for &(i, x) in &vecs[w] {
                m[i as usize] += x;
            }
        }
        let inv = 1.0 / set.len() as f32;
        for x in m.iter_mut() {
            *x *= inv;
        }
        let mut dir: Vec<f32> = (0..dim)
            .map(|j| {
                if (j * 2654435761usize) >> 7 & 1 == 1 {
                    1.0
                } else {
                    -1.0
                }
            })
            .collect();
        for _ in 0..12 {
            let mdx: f32 = m.iter().zip(&dir).map(|(a, b)| a * b).sum();
            let mut y = vec![0f32; dim];
            for &w in &set {
                let p = dot(&vecs[w], &dir) - mdx;
                for &(i, x) in &vecs[w] {
                    y[i as usize] += x * p;
                }
            }
            let n = y.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
            for x in y.iter_mut() {
                *x /= n;
            }
            dir = y;
        }
        let mdx: f32 = m.iter().zip(&dir).map(|(a, b)| a * b).sum();
        let mut side: Vec<bool> = set.iter().map(|&w| dot(&vecs[w], &dir) > mdx).collect();
        for it in 0..4 {
            let (mut na, mut nb) = (vec![0f32; dim], vec![0f32; dim]);
            for (j, &w) in set.iter().enumerate() {
                let t = if side[j] { &mut nb } else { &mut na };
                for &(i, x) in &vecs[w] {
                    t[i as usize] += x;
                }
            }
            for t in [&mut na, &mut nb] {
                let n = t.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
                for x in t.iter_mut() {
                    *x /= n;
                }
            }
            if it == 3 {
                break;
            }
            let mut changed = false;
            for (j, &w) in set.iter().enumerate() {
                let s = dot(&vecs[w], &nb) > dot(&vecs[w], &na);
                changed |= s != side[j];
                side[j] = s;
            }
            if !changed {
                break;
            }
        }
        let left: Vec<usize> = set
            .iter()
            .zip(&side)
            .filter(|x| !*x.1)
            .map(|x| *x.0)
            .collect();
        let right: Vec<usize> = set
            .iter()
            .zip(&side)
            .filter(|x| *x.1)
            .map(|x| *x.0)
            .collect();
        if left.is_empty() || right.is_empty() {
            for &w in &set {
                paths[w] = (path, depth);
            }
            continue;
        }
        stack.push((right, (path << 1) | 1, depth + 1));
        stack.push((left, path << 1, depth + 1));
    }
    // --- capitalisation statistics ------------------------------------------------------
    let mut caps: HashMap<String, (usize, usize)> = HashMap::new();
    for s in cap_sents {
        for k in 1..s.len() {
            let t = &s[k];
            let Some(c0) = t.chars().next() else { continue };
            if !c0.is_alphabetic() || is_sentence_opener(&s[k - 1]) {
                continue;
            }
            let e = caps.entry(norm_lower(t)).or_default();
            e.0 += 1;
            if c0.is_uppercase() {
                e.1 += 1;
            }
        }
    }
    let cap_class = |w: &str| -> &'static str {
        match caps.get(w) {
            Some(&(n, c)) if n >= o.min_cap_count => {
                let r = c as f64 / n as f64;
                if r < 0.05 {
                    "0"
                } else if r < 0.5 {
                    "1"
                } else if r < 0.95 {
                    "2"
                } else {
                    "3"
                }
            }
            _ => "-",
        }
    };
    // --- output (sorted by word) -----------------------------------------------------------
    let mut lines: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (i, (w, _)) in vocab.iter().enumerate() {
        if w.contains('\t') || w.contains('\n') {
            continue;
        }
        let (p, d) = paths[i];
        let bits: String = (0..d)
            .rev()
            .map(|k| if p >> k & 1 == 1 { '1' } else { '0' })
            .collect();
        lines.push(format!("{w}\t{bits}\t{}", cap_class(w)));
        seen.insert(w);
    }
    let mut extra: Vec<&String> = caps
        .keys()
        .filter(|w| !seen.contains(w.as_str()) && cap_class(w) != "-" && !w.contains('\t'))
        .collect();
    extra.sort();
    for w in extra {
        lines.push(format!("{w}\t\t{}", cap_class(w)));
    }
    lines.sort();
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Reads the corpus used for the shipped file and writes it: the texts (`*.txt`) in
/// `text_dirs` (split into lines, tokenised with [`super::tokens::tokenize`]) give both the
/// clusters and the capitalisation statistics; the tokens of the CoNLL-style file
/// `conll_train` (if given) are added to the clustering corpus only.
pub fn build_file(
    text_dirs: &[&Path],
    conll_train: Option<&Path>,
    out: &Path,
) -> Result<usize, String> {
    let mut text_sents: Vec<Vec<String>> = Vec::new();
    for d in text_dirs {
        let mut files: Vec<_> = std::fs::read_dir(d)
            .map_err(|e| format!("cannot read {}: {e}", d.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let t = std::fs::read_to_string(&f)
                .map_err(|e| format!("cannot read {}: {e}", f.display()))?;
            let mut start = 0;
            for line in t.split('\n') {
                let end = start + line.len();
                let toks = super::tokens::tokenize(&t, start..end);
                if !toks.is_empty() {
                    text_sents.push(toks.into_iter().map(|x| t[x.span].to_string()).collect());
                }
                start = end + 1;
            }
        }
    }
    let mut cl = text_sents.clone();
    if let Some(p) = conll_train {
        for doc in super::train::read_conll(p)? {
            for s in doc {
                cl.push(s.into_iter().map(|x| x.0).collect());
            }
        }
    }
    let s = build(&cl, &text_sents, &BuildOptions::default());
    std::fs::write(out, &s).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(s.lines().count())
}
