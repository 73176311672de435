//! The model file: gazetteers plus two weight tables (first pass with local features,
//! second pass with extended prediction history), in a small binary format of our own,
//! gzip-compressed.
//!
//! Layout (little-endian) before compression:
//! `b"NXNER\x01\0\0"`, `u32 bits`, `u32 n_gaz`, n_gaz × (`u32 len`, UTF-8 bytes),
//! `u32 n_tables` (= 2), per table (`f32 scale`, `u64 n`, n × `i16`), `u64 fnv1a` of all
//! preceding bytes. The gazetteer sections are the files of `gazetteer::FILES` in order;
//! the seventh is the word-cluster lexicon (`clusters.tsv`), so older files with six
//! sections still load (without cluster features). Every length is checked before use; a corrupt or truncated file gives
//! an error, never a panic.

use std::path::Path;

use super::features::{doc_features, history_features, NL};
use super::gazetteer::Gazetteer;
use super::perceptron::Weights;
use super::train::VITERBI;

fn decode(w: &Weights, df: &super::features::DocFeats, extra: Option<&[Vec<u32>]>) -> Vec<usize> {
    if VITERBI {
        super::perceptron::decode_viterbi(w, df, extra)
    } else {
        super::perceptron::decode(w, df, extra)
    }
}

const MAGIC: &[u8; 8] = b"NXNER\x01\0\0";
/// File name of the model inside the model directory.
pub const FILE_NAME: &str = "ner.bin.gz";
const MAX_RAW: u64 = 400 << 20;

/// The trained named-entity tagger (see the module documentation of `entities`).
pub struct Model {
    pub(crate) gaz: Gazetteer,
    pub(crate) gaz_sources: Vec<String>,
    pub(crate) pass1: Weights,
    pub(crate) pass2: Weights,
    pub(crate) bits: u32,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Model {{ bits: {}, gazetteer_entries: {} }}",
            self.bits,
            self.gaz_sources
                .iter()
                .map(|s| s.lines().count())
                .sum::<usize>()
        )
    }
}

struct Rd<'a> {
    b: &'a [u8],
    p: usize,
}
impl<'a> Rd<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.p.checked_add(n).ok_or("model file: length overflow")?;
        let s = self.b.get(self.p..end).ok_or("model file: truncated")?;
        self.p = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?
                .try_into()
                .map_err(|_| "model file: truncated")?,
        ))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?
                .try_into()
                .map_err(|_| "model file: truncated")?,
        ))
    }
}

impl Model {
    /// Loads `dir/ner.bin.gz`.
    pub fn load(dir: &Path) -> Result<Model, String> {
        let p = dir.join(FILE_NAME);
        let bytes =
            std::fs::read(&p).map_err(|e| format!("cannot read NER model {}: {e}", p.display()))?;
        Model::from_bytes(&bytes)
    }

    /// Parses a model from the (gzip-compressed) file contents. Validates the format and
    /// returns an error on any inconsistency.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let body = crate::pipeline::model_file::open(bytes, MAGIC, MAX_RAW, "NER model")?;
        let mut r = Rd { b: &body, p: 0 };
        let bits = r.u32()?;
        if !(10..=24).contains(&bits) {
            return Err(format!("model file: invalid table size 2^{bits}"));
        }
        let ng = r.u32()? as usize;
        if ng > 64 {
            return Err("model file: too many gazetteer sections".into());
        }
        let mut gaz_sources = Vec::with_capacity(ng);
        for _ in 0..ng {
            let len = r.u32()? as usize;
            let s = std::str::from_utf8(r.take(len)?)
                .map_err(|_| "model file: gazetteer is not UTF-8")?;
            gaz_sources.push(s.to_string());
        }
        let nt = r.u32()?;
        if nt != 2 {
            return Err(format!("model file: expected 2 weight tables, found {nt}"));
        }
        let mut tables = Vec::with_capacity(2);
        for _ in 0..2 {
            let scale =
                f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| "model file: truncated")?);
            if !scale.is_finite() || scale <= 0.0 {
                return Err("model file: invalid weight scale".into());
            }
            let n = r.u64()?;
            if n != ((1u64 << bits) * NL as u64) {
                return Err("model file: weight table size does not match header".into());
            }
            let data = r.take(n as usize * 2)?;
            let w: Vec<i16> = data
                .chunks_exact(2)
                .map(|c| i16::from_le_bytes([c[0], c[1]]))
                .collect();
            tables.push(Weights { bits, scale, w });
        }
        if r.p != body.len() {
            return Err("model file: trailing bytes".into());
        }
        let pass2 = tables.pop().ok_or("model file: missing table")?;
        let pass1 = tables.pop().ok_or("model file: missing table")?;
        let gaz = Gazetteer::from_sources(&gaz_sources);
        Ok(Model {
            gaz,
            gaz_sources,
            pass1,
            pass2,
            bits,
        })
    }

    /// Serialises (gzip-compressed) — the inverse of [`Model::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::with_capacity(self.pass1.w.len() * 4 + (1 << 20));
        raw.extend_from_slice(&self.bits.to_le_bytes());
        raw.extend_from_slice(&(self.gaz_sources.len() as u32).to_le_bytes());
        for s in &self.gaz_sources {
            raw.extend_from_slice(&(s.len() as u32).to_le_bytes());
            raw.extend_from_slice(s.as_bytes());
        }
        raw.extend_from_slice(&2u32.to_le_bytes());
        for t in [&self.pass1, &self.pass2] {
            raw.extend_from_slice(&t.scale.to_le_bytes());
            raw.extend_from_slice(&(t.w.len() as u64).to_le_bytes());
            for v in &t.w {
                raw.extend_from_slice(&v.to_le_bytes());
            }
        }
        crate::pipeline::model_file::seal(MAGIC, &raw)
    }

    /// The gazetteers inside the model.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// Tags one document given as sentences of tokens; returns one BIO label index per
    /// token (see [`super::features::LABELS`]), flattened in order.
    ///
    /// Tokens that cannot be (part of) a name — file names, e-mail addresses, URLs and
    /// common acronyms of web text that name no entity (`FYI`, `IPO`, `DVD`, see
    /// [`never_a_name`]) — are labelled `O` after decoding, and an entity cut by them
    /// restarts with `B-`.
    pub fn tag_document(&self, sents: &[Vec<&str>]) -> Vec<usize> {
        let df = doc_features(sents, &self.gaz, self.bits);
        let p1 = decode(&self.pass1, &df, None);
        let hist = history_features(&df, &p1);
        let mut labels = decode(&self.pass2, &df, Some(&hist));
        let mut i = 0;
        for sent in sents {
            let mut prev_o = true;
            for tok in sent {
                let Some(l) = labels.get_mut(i) else { break };
                if *l != 0 && never_a_name(tok) {
                    *l = 0;
                } else if *l != 0 && prev_o && *l % 2 == 0 {
                    // I-X after O: B-X (labels alternate B, I per type)
                    *l -= 1;
                }
                prev_o = *l == 0;
                i += 1;
            }
        }
        labels
    }
}

/// Acronyms of web and business text that name no entity (abbreviated common nouns
/// and chat words), seen as false ORG predictions on Universal NER English-EWT dev.
const NOT_NAME_ACRONYMS: &[&str] = &[
    "ADHD", "AKA", "ASAP", "ATM", "BTW", "CEO", "CFO", "CV", "DIY", "DR", "DUI", "DVD", "FAQ",
    "FYI", "GPS", "HR", "ID", "IMHO", "IMO", "IPO", "IRR", "LMAO", "LNG", "LOL", "MBA", "OMG",
    "PC", "PDF", "PS", "RFP", "RSVP", "SUV", "TBA", "TV", "VIP",
];

/// Greetings, interjections and chat words that open sentences of web text
/// capitalised (`Hi`, `Nope`, `Kudos`), which a tagger trained on newswire reads as
/// names; matched case-insensitively, except that a one- or two-letter token in capitals
/// is left alone (`HI`, `OK`: state codes). None of them is a name in CoNLL-2003.
const INTERJECTIONS: &[&str] = &[
    "btw", "cheers", "congrats", "hey", "hi", "hmm", "kinda", "kudos", "lol", "nope", "ok", "okay",
    "omg", "please", "sooo", "soooo", "sooooo", "thanks", "thanx", "thx", "uh", "um", "wanna",
    "wow", "ya", "yay", "yeah", "yep", "yum", "yummy",
];

/// Whether a token names a Usenet newsgroup (`alt.animals.cat`, `comp.lang.c`): lower
/// case, at least three dot-separated parts of letters, digits or `-`/`+`, one of
/// them a word. Abbreviations (`u.s.`, `a.m.`) end with a dot and are not matched.
fn is_newsgroup(tok: &str) -> bool {
    let parts: Vec<&str> = tok.split('.').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'+')
        })
        && parts.iter().any(|p| p.len() >= 3)
}

/// Whether a token cannot be (part of) a named entity: a file name (`report.pdf`,
/// `Lisa_resume.doc`), an e-mail address, a URL, a newsgroup (`alt.animals.cat`), one
/// of [`NOT_NAME_ACRONYMS`] or one of the [`INTERJECTIONS`].
pub fn never_a_name(tok: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        ".doc", ".docx", ".pdf", ".xls", ".xlsx", ".ppt", ".pptx", ".txt", ".jpg", ".png", ".gif",
        ".zip", ".htm", ".html", ".csv",
    ];
    let lower = tok.to_ascii_lowercase();
    (tok.contains('_') && tok.chars().any(char::is_alphabetic))
        || EXTENSIONS
            .iter()
            .any(|e| lower.len() > e.len() && lower.ends_with(e))
        || (tok.contains('@') && tok.contains('.'))
        || lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || NOT_NAME_ACRONYMS.contains(&tok)
        || (INTERJECTIONS.contains(&lower.as_str())
            && !(tok.len() <= 2 && tok.bytes().all(|b| b.is_ascii_uppercase())))
        || is_newsgroup(tok)
}

#[cfg(test)]
mod tests {
    use super::never_a_name;

    #[test]
    fn web_text_tokens_are_never_names() {
        for tok in [
            "alt.animals.cat",
            "comp.lang.c++",
            "report.pdf",
            "a@b.org",
            "www.x.com",
            "FYI",
            "Hi",
            "Nope",
            "lol",
            "Kudos",
        ] {
            assert!(never_a_name(tok), "{tok}");
        }
        for tok in [
            "U.S.", "u.s.", "a.m.", "St.", "HI", "OK", "Google", "Ty", "J.R.R.",
        ] {
            assert!(!never_a_name(tok), "{tok}");
        }
    }
}
