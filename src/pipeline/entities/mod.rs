//! Named entities: a trained sequence tagger, then one entity per referent with
//! aliases, roles and salience.
//!
//! 1. **Tagging.** Text is tokenised per sentence ([`tokens`]) and tagged with BIO labels
//!    over PER / ORG / LOC / MISC by a two-pass averaged structured perceptron
//!    ([`perceptron`], Collins 2002) with second-order Viterbi decoding under BIO
//!    constraints and rich features ([`features`]): lexical window, affixes, shapes
//!    conjoined with the sentence case mode, gazetteers ([`gazetteer`]), word clusters and
//!    capitalisation classes learned from unlabeled text ([`clusters`]), context
//!    aggregation and extended prediction history (Ratinov & Roth 2009). The model is trained on CoNLL-2003 ([`train`]) and stored in
//!    `models/ner/ner.bin.gz` ([`model`]). The title is tagged together with the text.
//! 2. **Mentions.** Spans become mentions; organisation names cut at `of` / `for` / `by`
//!    (`Association of the Families of Victims Kidnapped by North Korea`) are joined,
//!    `Group of 20` is an ORG, and types are refined: LOC → GPE when the gazetteer knows
//!    a country, US state or city; MISC → NORP for demonyms and religious or political
//!    groups, → EVENT for wars, games, cups, elections.
//! 3. **Clustering.** Mentions are grouped by the alias rules of [`coref`]: same name,
//!    person surname / given name → full name (only when unambiguous, else the nearest
//!    preceding full name), acronym ↔ expansion, `G20` ↔ `Group of 20`, country alias →
//!    country. A demonym is *linked* to its country (`links`), not merged.
//! 4. **Roles** ([`roles`]) from pre-modifiers, appositions and byline slashes.
//! 5. **Salience** in 0..1 from frequency, first position, title and lead presence.
//!
//! All spans are byte ranges into `text`, on char boundaries. Never panics.

// Index loops over parallel token arrays read clearer than zipped iterators here.
#![allow(clippy::needless_range_loop)]

pub mod clusters;
pub mod coref;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod perceptron;
pub mod roles;
pub mod tokens;
pub mod train;

use std::collections::HashMap;
use std::ops::Range;

pub use model::Model;

use features::label_type;

/// Entity types of the output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Event,
    Misc,
}

impl EntityKind {
    /// The contract name (`PERSON`, `ORG`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Gpe => "GPE",
            EntityKind::Loc => "LOC",
            EntityKind::Norp => "NORP",
            EntityKind::Event => "EVENT",
            EntityKind::Misc => "MISC",
        }
    }
}

/// A role held by a person: `President` of `Russia`; `former` for `then` / `former`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub title: String,
    pub affiliation: Option<String>,
    pub former: bool,
}

/// One real-world entity of the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// `e1`, `e2`, ... in order of decreasing salience.
    pub id: String,
    pub canonical_name: String,
    pub kind: EntityKind,
    /// Other names used for it in the article (not including the canonical name).
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
    /// 0..1
    pub salience: f64,
    /// Byte spans into `text`, in order.
    pub mentions: Vec<Range<usize>>,
    pub in_title: bool,
    /// Ids of related entities that are not the same referent (a demonym's country).
    pub links: Vec<String>,
}

#[derive(Debug, Clone)]
struct Mention {
    /// token range (global token indices)
    tok: Range<usize>,
    /// byte span (into `text`, or into the title when `title`)
    span: Range<usize>,
    kind: EntityKind,
    surface: String,
    title: bool,
    sent: usize,
}

/// Longest mention kept, in bytes. The longest real names (a university's school with
/// its department) run to about 120 bytes.
const MAX_MENTION_BYTES: usize = 300;

/// Upper bound on the tokens of one sentence passed to the tagger (longer ones are cut
/// into pieces; the tagger has no use for longer context).
const MAX_SENT_TOKENS: usize = 300;

/// Upper bound on the tokens the entity stage tags in one document. The tagger keeps
/// about 300 bytes of features per token, so a 10 MB message of commas (10 million
/// tokens) took 3 GB; the longest real news articles have under 50,000 tokens.
pub const MAX_DOCUMENT_TOKENS: usize = 200_000;

/// Runs the entity stage on `text` split into `sentences` (byte ranges; empty = the
/// whole text, split at line breaks). `title` is tagged as well: entities found there are
/// flagged `in_title`, but spans point into `text` only, and an entity only in the title
/// is not returned. Only the first [`MAX_DOCUMENT_TOKENS`] tokens are tagged; see
/// [`extract_capped`] to learn whether the text was longer.
pub fn extract(
    model: &Model,
    text: &str,
    sentences: &[Range<usize>],
    title: Option<&str>,
) -> Vec<Entity> {
    extract_capped(model, text, sentences, title).0
}

/// [`extract`], and whether the text held more than [`MAX_DOCUMENT_TOKENS`] tokens
/// (the rest was not tagged).
pub fn extract_capped(
    model: &Model,
    text: &str,
    sentences: &[Range<usize>],
    title: Option<&str>,
) -> (Vec<Entity>, bool) {
    extract_up_to(model, text, sentences, title, MAX_DOCUMENT_TOKENS)
}

fn extract_up_to(
    model: &Model,
    text: &str,
    sentences: &[Range<usize>],
    title: Option<&str>,
    max_tokens: usize,
) -> (Vec<Entity>, bool) {
    let mut truncated = false;
    // --- tokenise -------------------------------------------------------------------
    let mut toks: Vec<Range<usize>> = Vec::new(); // byte spans (title or text)
    let mut is_title_tok: Vec<bool> = Vec::new();
    let mut sent_ranges: Vec<Range<usize>> = Vec::new(); // token ranges
    let title = title.unwrap_or("");
    let push_sentence = |src_len: usize,
                         spans: Vec<tokens::Token>,
                         t: bool,
                         toks: &mut Vec<Range<usize>>,
                         flags: &mut Vec<bool>,
                         sr: &mut Vec<Range<usize>>| {
        let _ = src_len;
        for chunk in spans.chunks(MAX_SENT_TOKENS) {
            let s = toks.len();
            for tk in chunk {
                toks.push(tk.span.clone());
                flags.push(t);
            }
            sr.push(s..toks.len());
        }
    };
    if !title.trim().is_empty() {
        let t = tokens::tokenize(title, 0..title.len());
        push_sentence(
            title.len(),
            t,
            true,
            &mut toks,
            &mut is_title_tok,
            &mut sent_ranges,
        );
    }
    let default_sents: Vec<Range<usize>>;
    let sents: &[Range<usize>] = if sentences.is_empty() {
        let mut v = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '\n' {
                v.push(start..i);
                start = i + 1;
            }
        }
        v.push(start..text.len());
        default_sents = v;
        &default_sents
    } else {
        sentences
    };
    let mut last_end = 0usize;
    for r in sents {
        // never tag the same bytes twice: overlapping sentences are trimmed
        let r = r.start.max(last_end)..r.end;
        if r.start >= r.end {
            continue;
        }
        last_end = r.end.min(text.len());
        // (one token past the budget tells that the text goes on)
        let budget = max_tokens.saturating_sub(toks.len()).saturating_add(1);
        let mut t = tokens::tokenize_at_most(text, r, budget);
        if toks.len() + t.len() > max_tokens {
            truncated = true;
            t.truncate(max_tokens.saturating_sub(toks.len()));
        }
        if !t.is_empty() {
            push_sentence(
                text.len(),
                t,
                false,
                &mut toks,
                &mut is_title_tok,
                &mut sent_ranges,
            );
        }
        if truncated {
            break;
        }
    }
    if toks.is_empty() {
        return (Vec::new(), truncated);
    }
    let tok_str = |i: usize| -> &str {
        let src = if is_title_tok[i] { title } else { text };
        src.get(toks[i].clone()).unwrap_or("")
    };
    let strs: Vec<&str> = (0..toks.len()).map(tok_str).collect();
    let sent_tokens: Vec<Vec<&str>> = sent_ranges
        .iter()
        .map(|r| strs[r.clone()].to_vec())
        .collect();

    // --- tag -------------------------------------------------------------------------
    let labels = model.tag_document(&sent_tokens);
    let mut raw: Vec<(usize, usize, usize)> = train::label_spans(&labels); // (start, end, type)
                                                                           // spans never cross sentences (labels are decoded per sentence, B starts each)
    let sent_of: Vec<usize> = {
        let mut v = vec![0; toks.len()];
        for (si, r) in sent_ranges.iter().enumerate() {
            for x in &mut v[r.clone()] {
                *x = si;
            }
        }
        v
    };
    raw.retain(|(s, e, _)| e > s && sent_of[*s] == sent_of[e - 1]);
    let gaz = model.gazetteer();

    // --- mention repairs (see [`repair`]) ----------------------------------------------
    let spans = repair(&strs, &sent_ranges, &sent_of, raw, gaz);
    let spans = join_hyphenated(&strs, &toks, &sent_of, spans, gaz);

    // --- mentions with refined types ---------------------------------------------------
    let mut mentions: Vec<Mention> = Vec::new();
    for (s, e, ty) in spans {
        // drop a trailing possessive token, but keep the `'s` of a shop's name that
        // stands alone (`dinner at Del Frisco's in Philadelphia`, `Wendy's?`; CoNLL-2003 writes
        // `Lord 's` and `Boatmen 's` so too), not of a person
        let mut e = e;
        while e > s + 1 && is_possessive(strs[e - 1]) {
            e -= 1;
        }
        if ty != 1 && possessive_name(&strs, &sent_of, e) {
            e += 1;
        }
        let t = is_title_tok[s];
        let src = if t { title } else { text };
        let span = toks[s].start..toks[e - 1].end;
        // (no name is longer than a line: a megabyte of `AAAA…` is no organisation)
        if span.len() > MAX_MENTION_BYTES {
            continue;
        }
        let surface = match src.get(span.clone()) {
            Some(x) => x.to_string(),
            None => continue,
        };
        if !has_alnum(&surface) {
            continue;
        }
        let kind = refine_kind(ty, &surface, gaz);
        mentions.push(Mention {
            tok: s..e,
            span,
            kind,
            surface,
            title: t,
            sent: sent_of[s],
        });
    }

    // --- clustering ----------------------------------------------------------------------
    let clusters = cluster(&mentions, gaz);

    // --- build entities ------------------------------------------------------------------
    let n_text_sents = sent_ranges.len();
    let first_text_sent = if !title.trim().is_empty() { 1 } else { 0 };
    let mut ents: Vec<(Entity, Vec<usize>)> = Vec::new();
    for members in clusters {
        let text_m: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&m| !mentions[m].title)
            .collect();
        if text_m.is_empty() {
            continue;
        }
        let in_title = members.iter().any(|&m| mentions[m].title);
        let kind = majority_kind(&members, &mentions, gaz);
        let canonical = canonical_name(&members, &mentions, kind, gaz);
        let ck = coref::key(&canonical);
        let mut aliases: Vec<String> = Vec::new();
        let mut seen = vec![ck.clone()];
        for &m in &members {
            let k = coref::key(&mentions[m].surface);
            if !seen.contains(&k) {
                seen.push(k);
                aliases.push(strip_possessive(&mentions[m].surface));
            }
        }
        let mut spans: Vec<Range<usize>> =
            text_m.iter().map(|&m| mentions[m].span.clone()).collect();
        spans.sort_by_key(|r| r.start);
        spans.dedup();
        ents.push((
            Entity {
                id: String::new(),
                canonical_name: canonical,
                kind,
                aliases,
                roles: Vec::new(),
                salience: 0.0,
                mentions: spans,
                in_title,
                links: Vec::new(),
            },
            members,
        ));
    }
    let ent_of_mention: HashMap<usize, usize> = ents
        .iter()
        .enumerate()
        .flat_map(|(ei, (_, ms))| ms.iter().map(move |&m| (m, ei)))
        .collect();

    // --- roles ------------------------------------------------------------------------------
    let mention_at_end: HashMap<usize, usize> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| (m.tok.end, i))
        .collect();
    let mention_at_start: HashMap<usize, usize> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| (m.tok.start, i))
        .collect();
    let affiliation_of = |m: usize| -> Option<String> {
        let e = ent_of_mention.get(&m)?;
        let ent = &ents[*e].0;
        if ent.kind == EntityKind::Norp {
            return gaz
                .country(&mentions[m].surface)
                .map(|s| s.to_string())
                .or(Some(ent.canonical_name.clone()));
        }
        Some(ent.canonical_name.clone())
    };
    let mut roles_found: Vec<(usize, Role)> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        if m.kind != EntityKind::Person {
            continue;
        }
        let Some(&ei) = ent_of_mention.get(&mi) else {
            continue;
        };
        let sr = sent_ranges[m.sent].clone();
        // pre-modifier
        if let Some(ts) = roles::title_before(&strs, sr.start, m.tok.start) {
            let title = roles::title_case(&strs[ts..m.tok.start]);
            let mut k = ts;
            let mut affiliation = None;
            if let Some(&am) = mention_at_end.get(&k) {
                if am != mi
                    && matches!(
                        mentions[am].kind,
                        EntityKind::Gpe | EntityKind::Norp | EntityKind::Org | EntityKind::Loc
                    )
                    && mentions[am].sent == m.sent
                {
                    affiliation = affiliation_of(am);
                    k = mentions[am].tok.start;
                }
            } else if k > sr.start {
                if let Some(c) = gaz.country(strs[k - 1]) {
                    affiliation = Some(c.to_string());
                    k -= 1;
                }
            }
            let former = k > sr.start && roles::is_former(strs[k - 1]);
            roles_found.push((
                ei,
                Role {
                    title,
                    affiliation,
                    former,
                },
            ));
        }
        // apposition: PERSON , [the|a|former] TITLE [of|at|for [the] AFFILIATION]
        let mut k = m.tok.end;
        if k < sr.end && strs[k] == "," {
            k += 1;
            let mut former = false;
            while k < sr.end
                && matches!(
                    strs[k].to_lowercase().as_str(),
                    "the" | "a" | "an" | "former" | "then" | "ex" | "now"
                )
            {
                former |= roles::is_former(strs[k]);
                k += 1;
            }
            if let Some(te) = roles::title_after(&strs, k, sr.end) {
                let mut title_end = te;
                // keep "of"/"and" inside a title only when another head follows
                while title_end > k
                    && matches!(strs[title_end - 1].to_lowercase().as_str(), "of" | "and")
                {
                    title_end -= 1;
                }
                let title = roles::title_case(&strs[k..title_end]);
                let mut a = title_end;
                let mut affiliation = None;
                if a < sr.end
                    && matches!(strs[a].to_lowercase().as_str(), "of" | "at" | "for" | "in")
                {
                    a += 1;
                    if a < sr.end && strs[a].eq_ignore_ascii_case("the") {
                        a += 1;
                    }
                    if let Some(&am) = mention_at_start.get(&a) {
                        if am != mi {
                            affiliation = affiliation_of(am);
                        }
                    }
                } else if let Some(&am) = mention_at_start.get(&a) {
                    // ", Russian President"?  (title before affiliation is rare) skip
                    let _ = am;
                }
                if !title.is_empty() && is_lower_or_title(&strs[k..title_end]) {
                    roles_found.push((
                        ei,
                        Role {
                            title,
                            affiliation,
                            former,
                        },
                    ));
                }
            }
        }
        // byline slash: PERSON / AFFILIATION TITLE
        if m.tok.end + 1 < sr.end && strs[m.tok.end] == "/" {
            if let Some(&am) = mention_at_start.get(&(m.tok.end + 1)) {
                let ae = mentions[am].tok.end;
                if let Some(te) = roles::title_after(&strs, ae, sr.end) {
                    roles_found.push((
                        ei,
                        Role {
                            title: roles::title_case(&strs[ae..te]),
                            affiliation: affiliation_of(am),
                            former: false,
                        },
                    ));
                }
            }
        }
    }
    for (ei, r) in roles_found {
        let roles = &mut ents[ei].0.roles;
        if let Some(existing) = roles
            .iter_mut()
            .find(|x| x.title == r.title && x.former == r.former)
        {
            if existing.affiliation.is_none() {
                existing.affiliation = r.affiliation;
            }
        } else {
            roles.push(r);
        }
    }

    // --- salience, links, ids --------------------------------------------------------------
    let text_len = text.len().max(1) as f64;
    let lead_sents = first_text_sent + 2;
    let max_freq = ents
        .iter()
        .map(|(e, ms)| e.mentions.len() + usize::from(ms.iter().any(|&m| mentions[m].title)))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    for (e, ms) in ents.iter_mut() {
        let freq = e.mentions.len() as f64 + if e.in_title { 1.0 } else { 0.0 };
        let first = e
            .mentions
            .first()
            .map_or(1.0, |r| r.start as f64 / text_len);
        let lead = ms
            .iter()
            .any(|&m| !mentions[m].title && mentions[m].sent < lead_sents.min(n_text_sents));
        let s = 0.45 * (freq / max_freq).sqrt()
            + 0.2 * (1.0 - first)
            + 0.2 * f64::from(u8::from(e.in_title))
            + 0.15 * f64::from(u8::from(lead));
        e.salience = (s.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
    }
    ents.sort_by(|a, b| {
        b.0.salience
            .partial_cmp(&a.0.salience)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.mentions[0].start.cmp(&b.0.mentions[0].start))
    });
    for (i, (e, _)) in ents.iter_mut().enumerate() {
        e.id = format!("e{}", i + 1);
    }
    // demonym -> country links
    let by_name: HashMap<String, String> = ents
        .iter()
        .filter(|(e, _)| e.kind == EntityKind::Gpe)
        .map(|(e, _)| (e.canonical_name.to_lowercase(), e.id.clone()))
        .collect();
    let mut out: Vec<Entity> = Vec::with_capacity(ents.len());
    for (mut e, _) in ents {
        if e.kind == EntityKind::Norp {
            if let Some(c) = gaz.country(&e.canonical_name) {
                if let Some(id) = by_name.get(&c.to_lowercase()) {
                    e.links.push(id.clone());
                }
            }
        }
        out.push(e);
    }
    (out, truncated)
}

/// Replaces all spans overlapping `s..e` by `(s, e, ty)`.
fn set_span(spans: &mut Vec<(usize, usize, usize)>, s: usize, e: usize, ty: usize) {
    spans.retain(|x| x.1 <= s || x.0 >= e);
    spans.push((s, e, ty));
    spans.sort();
}

/// Whether the `'s` at token `e` belongs to the name before it: nothing follows it in
/// its sentence but punctuation or a word that cannot be the possessed noun (`at
/// Wendy's.`, `Del Frisco's in`, `Hancock's is`). `Bush's policy` keeps the possessive
/// out.
fn possessive_name(strs: &[&str], sent_of: &[usize], e: usize) -> bool {
    if !matches!(strs.get(e), Some(&("'s" | "’s"))) {
        return false;
    }
    match strs.get(e + 1) {
        Some(next) if sent_of.get(e + 1) == sent_of.get(e) => matches!(
            *next,
            "," | "."
                | "?"
                | "!"
                | ";"
                | ":"
                | ")"
                | "in"
                | "at"
                | "for"
                | "on"
                | "is"
                | "was"
                | "and"
                | "or"
                | "to"
                | "the"
                | "tomorrow"
                | "tonight"
                | "today"
        ),
        _ => true,
    }
}

/// A possessive token after a name (`'s`, or the apostrophe of `Workers'`).
fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’")
}

fn has_alnum(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
}

const INNER_LOWER: &[&str] = &[
    "of", "the", "for", "and", "de", "du", "des", "von", "van", "der", "den", "la", "le", "y",
    "da", "di", "on", "by", "&", "'", "’", "al", "bin", "el",
];

/// Rule-based repairs of the tagger's spans, for news text the CoNLL data rarely shows:
/// spans cut at `/` and at lower-case words (`Council in March`); a title inside a span
/// splits it (`South Korean President Moon Jae-in` → NORP + PERSON); middle initials
/// (`George W. Bush`); bylines (`By Hajime Izumi`); capitalised runs ending in an
/// organisation head word (`Korean Central News Agency`, `Workers' Party`); organisation
/// names continued by `of|for|by` (`Association of the Families of Victims Kidnapped by
/// North Korea`); `Group of 20`, `G20`.
fn repair(
    strs: &[&str],
    sent_ranges: &[Range<usize>],
    sent_of: &[usize],
    raw: Vec<(usize, usize, usize)>,
    gaz: &gazetteer::Gazetteer,
) -> Vec<(usize, usize, usize)> {
    // a place the gazetteer knows is no organisation, whatever its last word (`West
    // Bank`)
    let known_place = |s: usize, e: usize| {
        gaz.lookup(&strs[s..e]) & (gazetteer::COUNTRY | gazetteer::REGION | gazetteer::CITY) != 0
    };
    let is_cap = |k: usize| {
        is_cap_word(strs[k])
            || (strs[k]
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '-')
                && strs[k].chars().any(|c| c.is_alphabetic()))
    };
    // 1. cut at "/" and at lower-case words (not in a mention that starts in lower case:
    // `new zealand` in lower-case text is one name)
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (s, e, ty) in raw {
        let mut st = s;
        let lower_mention = strs[s].chars().next().is_some_and(char::is_lowercase);
        for k in s..e {
            let w = strs[k];
            let lower_cut = !lower_mention
                && w.chars().next().is_some_and(|c| c.is_lowercase())
                && !INNER_LOWER.contains(&w)
                && k > s
                && !w.contains('-');
            if w == "/" || lower_cut {
                if k > st {
                    spans.push((st, k, ty));
                }
                st = k + 1;
                if lower_cut {
                    st = e; // drop the rest
                    break;
                }
            }
        }
        if st < e {
            spans.push((st, e, ty));
        }
    }
    // trim leading/trailing function words, and trailing titles of organisations
    // (`Tokyo International University Professor`)
    for sp in spans.iter_mut() {
        while sp.2 == 2
            && sp.1 > sp.0 + 1
            && roles::is_head(strs[sp.1 - 1])
            && !roles::is_org_head(strs[sp.1 - 1])
        {
            sp.1 -= 1;
        }
        while sp.1 > sp.0 + 1
            && INNER_LOWER.contains(&strs[sp.1 - 1])
            && strs[sp.1 - 1] != "'"
            && strs[sp.1 - 1] != "’"
        {
            sp.1 -= 1;
        }
        // punctuation at the edges (`Houston?`, a quotation mark before a name), but
        // not a closing bracket the span opened, nor a plural possessive (`Workers'`)
        let opened = |sp: &(usize, usize, usize)| strs[sp.0..sp.1].contains(&"(");
        while sp.1 > sp.0 && !has_alnum(strs[sp.1 - 1]) {
            let w = strs[sp.1 - 1];
            let keep = (w == "'" || w == "’") && sp.1 > sp.0 + 1 || w == ")" && opened(sp);
            if keep {
                break;
            }
            sp.1 -= 1;
        }
        while sp.1 > sp.0 && !has_alnum(strs[sp.0]) {
            sp.0 += 1;
        }
    }
    // (a span of punctuation alone is gone)
    spans.retain(|sp| sp.1 > sp.0);
    // 2. a title head inside a (non-ORG) span followed by capitalised words
    let mut out = Vec::new();
    for (s, e, ty) in spans {
        let mut split = None;
        if ty != 2 {
            for k in s..e.saturating_sub(1) {
                if roles::is_head(strs[k]) && is_cap(k + 1) {
                    split = Some(k);
                }
            }
        }
        match split {
            Some(k) => {
                let ts = roles::title_before(strs, s, k + 1).unwrap_or(k);
                if ts > s {
                    out.push((s, ts, ty));
                }
                out.push((k + 1, e, 1));
            }
            None => out.push((s, e, ty)),
        }
    }
    // Steps 3–7 work sentence by sentence on that sentence's spans only (spans never
    // cross sentences), so a page of many sentences stays linear.
    let mut by_sentence: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); sent_ranges.len()];
    for sp in out {
        if let Some(b) = sent_of.get(sp.0).and_then(|&si| by_sentence.get_mut(si)) {
            b.push(sp);
        }
    }
    let mut repaired: Vec<(usize, usize, usize)> = Vec::new();
    let places_for_orgs = !sports_like(strs, sent_ranges);
    for (r, mut spans) in sent_ranges.iter().zip(by_sentence) {
        spans.sort();
        let (lo, hi) = (r.start, r.end);
        // 3. middle initials: PER + "W." + Capitalised
        let pers: Vec<(usize, usize)> = spans
            .iter()
            .filter(|x| x.2 == 1 && x.0 >= lo && x.1 <= hi)
            .map(|x| (x.0, x.1))
            .collect();
        for (s, e) in pers {
            let w = strs.get(e).copied().unwrap_or("");
            if e + 1 < hi
                && w.len() == 2
                && w.ends_with('.')
                && w.starts_with(|c: char| c.is_uppercase())
                && is_cap(e + 1)
            {
                set_span(&mut spans, s, e + 2, 1);
            }
        }
        // 3b. a middle initial without its period (`Jeffrey T Hodge`): a person, or a
        // known given name, then one capital letter (not `I`) and a capitalised word
        for k in lo..hi.saturating_sub(2) {
            let w = strs[k + 1];
            let initial = w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase());
            if initial
                && w != "I"
                // (`A` is a word too: only before a known surname, `John A Smith`)
                && (w != "A"
                    || gaz.lookup(&strs[k + 2..k + 3]) & gazetteer::LAST != 0
                    || spans.iter().any(|x| x.2 == 1 && x.0 == k + 2))
                && is_cap_word(strs[k])
                && is_cap_word(strs[k + 2])
                && (spans.iter().any(|x| x.2 == 1 && x.1 == k + 1)
                    || gaz.lookup(&strs[k..k + 1]) & gazetteer::FIRST != 0)
                && !spans.iter().any(|x| x.2 != 1 && x.0 <= k + 2 && x.1 > k)
            {
                let e = spans
                    .iter()
                    .filter(|x| x.0 == k + 2 && x.2 == 1)
                    .map(|x| x.1)
                    .max()
                    .unwrap_or(k + 3);
                let s = spans
                    .iter()
                    .filter(|x| x.1 == k + 1 && x.2 == 1)
                    .map(|x| x.0)
                    .min()
                    .unwrap_or(k);
                set_span(&mut spans, s, e, 1);
            }
        }
        // 3c. an inverted display name in quotation marks (`"Lenhart, Matthew"`, as
        // e-mail headers write them): surname, comma, known given name
        for k in lo..hi.saturating_sub(4) {
            // (alone, or in a list or header: not `read "Paris, France" in`)
            let before = k == lo || matches!(strs[k - 1], ":" | "," | ";");
            let after = k + 5 == hi || matches!(strs[k + 5], "<" | "," | ";" | "[");
            if matches!(strs[k], "\"" | "“")
                && matches!(strs[k + 4], "\"" | "”")
                && before
                && after
                && strs[k + 2] == ","
                && is_cap_word(strs[k + 1])
                && is_cap_word(strs[k + 3])
                && gaz.lookup(&strs[k + 3..k + 4]) & gazetteer::FIRST != 0
            {
                set_span(&mut spans, k + 1, k + 4, 1);
            }
        }
        // 3d. a storm's name is no person (`Hurricane Rita`, `Tropical Storm Allison`):
        // the storm words and the name are one event. A mention that ends in the storm
        // words gives them up (`Red Cross` of `Red Cross Hurricane Katrina`).
        let storm = |k: usize| STORM_WORDS.contains(&strs[k]);
        let named_storms: Vec<(usize, usize)> = spans
            .iter()
            .filter_map(|&(s, e, ty)| {
                let mut st = s;
                while st > lo && storm(st - 1) {
                    st -= 1;
                }
                let words = (st..e).take_while(|&k| storm(k)).count();
                let name = e - st - words;
                (words > 0 && name == 1 && (ty != 2 || st < s)).then_some((st, e))
            })
            .collect();
        for (st, e) in named_storms {
            for sp in spans.iter_mut() {
                if sp.0 < st && sp.1 > st {
                    sp.1 = st;
                }
            }
            spans.retain(|x| x.1 > x.0 && (x.1 <= st || x.0 >= e));
            spans.push((st, e, 4));
            spans.sort();
        }
        // 3e. `bin Laden`: a lower-case Arabic name particle before a person's name is
        // part of it, and of the given name before it (`Osama bin Laden`); not after a
        // determiner (`the bin Smith bought`)
        let particles: Vec<usize> = spans
            .iter()
            .filter(|x| {
                x.2 == 1
                    && x.0 > lo
                    && matches!(strs[x.0 - 1], "bin" | "ibn" | "bint")
                    && !(x.0 >= lo + 2 && DETERMINERS.contains(&strs[x.0 - 2]))
            })
            .map(|x| x.0)
            .collect();
        for s0 in particles {
            let e = spans.iter().find(|x| x.0 == s0).map_or(s0 + 1, |x| x.1);
            let start = spans
                .iter()
                .find(|x| x.2 == 1 && x.1 + 1 == s0)
                .map_or(s0 - 1, |x| x.0);
            set_span(&mut spans, start, e, 1);
        }
        // 3f. planets named together (`Mercury and Venus are conjunct`, astrology's
        // `Rahu`) are no persons or companies
        if strs[lo..hi].iter().filter(|w| PLANETS.contains(w)).count() >= 2 {
            spans.retain(|x| !strs[x.0..x.1].iter().any(|w| PLANETS.contains(w)));
            for k in lo..hi {
                if PLANETS.contains(&strs[k]) {
                    spans.push((k, k + 1, 4));
                }
            }
            spans.sort();
        }
        // (one planet alone is no person either: `a rover to Mars`)
        for sp in spans.iter_mut() {
            if sp.2 == 1 && sp.1 == sp.0 + 1 && PLANETS.contains(&strs[sp.0]) {
                sp.2 = 4;
            }
        }
        // 3g. a currency is no organisation or place (`5 Euros`; CoNLL's MISC), and a
        // numbered part of a document is no name at all (`Section 7`)
        for sp in spans.iter_mut() {
            if sp.1 == sp.0 + 1 && CURRENCIES.contains(&strs[sp.0]) {
                sp.2 = 4;
            }
        }
        spans.retain(|x| {
            !(x.1 == x.0 + 1
                && DOCUMENT_PARTS.contains(&strs[x.0])
                && strs
                    .get(x.1)
                    .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit())))
        });
        // 4. bylines: By Firstname Lastname
        if hi - lo >= 3 && strs[lo] == "By" && is_cap(lo + 1) && is_cap(lo + 2) {
            let mut e = lo + 2;
            while e + 1 < hi
                && e < lo + 4
                && is_cap(e + 1)
                && !roles::is_head(strs[e + 1])
                && strs[e + 1] != "/"
            {
                e += 1;
            }
            if e + 1 == hi || matches!(strs[e + 1], "/" | "," | "|" | "-" | "and") {
                set_span(&mut spans, lo + 1, e + 1, 1);
            }
        }
        // 5. capitalised runs ending in an organisation head word
        let mut k = lo;
        while k < hi {
            if !is_cap(k) {
                k += 1;
                continue;
            }
            let mut j = k;
            while j < hi
                && (is_cap(j)
                    || ((strs[j] == "’" || strs[j] == "'")
                        && j > k
                        && strs[j - 1].ends_with('s')
                        && j + 1 < hi
                        && is_cap(j + 1)))
            {
                j += 1;
            }
            // skip sentence-initial function words and titles at the start of the run
            let mut st = k;
            while st < j
                && (matches!(
                    strs[st],
                    "The"
                        | "A"
                        | "An"
                        | "In"
                        | "On"
                        | "At"
                        | "By"
                        | "For"
                        | "But"
                        | "And"
                        | "However"
                        | "When"
                        | "If"
                ) || roles::is_head(strs[st]) && !roles::is_org_head(strs[st]))
            {
                st += 1;
            }
            if let Some(last) = (st..j).rev().find(|&x| roles::is_org_head(strs[x])) {
                if last > st
                    && !known_place(st, last + 1)
                    && !spans.iter().any(|x| x.2 == 2 && x.0 <= st && x.1 > last)
                {
                    set_span(&mut spans, st, last + 1, 2);
                }
            }
            k = j.max(k + 1);
        }
        // 6. organisation names continued by of / for / by
        let orgs: Vec<(usize, usize, usize)> = spans
            .iter()
            .filter(|x| x.0 >= lo && x.1 <= hi)
            .copied()
            .collect();
        for (s, e, ty) in orgs {
            if (ty == 2 && strs[s..e].iter().any(|w| roles::is_org_head(w))
                || ty != 1 && roles::is_org_head(strs[e - 1]))
                && !known_place(s, e)
            {
                if let Some(ne) = extend_org(strs, e, hi) {
                    let ne = spans
                        .iter()
                        .filter(|x| x.0 < ne && x.1 > ne)
                        .map(|x| x.1)
                        .max()
                        .unwrap_or(ne);
                    set_span(&mut spans, s, ne, 2);
                }
            }
        }
        // 6b. a ministry's or school's field joined by `and` (`Department of Housing
        // and Urban Development`, `School of Industrial and Systems Engineering`)
        let orgs: Vec<(usize, usize)> = spans
            .iter()
            .filter(|x| x.2 == 2 && x.1 + 1 < hi)
            .map(|x| (x.0, x.1))
            .collect();
        for (s, e) in orgs {
            let of_field = (s..e.saturating_sub(2)).any(|k| {
                FIELD_HEADS.contains(&strs[k]) && strs[k + 1] == "of" && is_cap_word(strs[k + 2])
            });
            if !of_field || strs[e] != "and" || !is_cap_word(strs[e + 1]) {
                continue;
            }
            let mut j = e + 1;
            while j < hi && j < e + 4 && is_cap_word(strs[j]) && !roles::is_head(strs[j]) {
                j += 1;
            }
            // (the tagger's own mention of the field is taken in)
            let clear = !spans
                .iter()
                .any(|x| x.0 > e && x.0 < j && (x.2 != 2 || x.1 > j));
            if j > e + 1 && clear && (j == hi || !is_cap_word(strs[j])) {
                set_span(&mut spans, s, j, 2);
            }
        }
        // 6c. a company's legal form ends its name (`Enron Broadband Services, Inc.
        // Phone (713) …` in a signature)
        for sp in spans.iter_mut() {
            if sp.2 == 2 {
                if let Some(k) =
                    (sp.0 + 1..sp.1.saturating_sub(1)).find(|&k| LEGAL_FORMS.contains(&strs[k]))
                {
                    sp.1 = k + 1;
                }
            }
        }
        // 6d. a named contract is no organisation (`GISB Agreement`, `Turbine
        // Contract`); the company whose contract it is stays one (`J.M. Huber
        // Corporation Guaranty`)
        for sp in spans.iter_mut() {
            if sp.2 == 2 && sp.1 > sp.0 + 1 && DOCUMENT_NOUNS.contains(&strs[sp.1 - 1]) {
                if roles::is_org_head(strs[sp.1 - 2]) {
                    sp.1 -= 1;
                } else {
                    sp.2 = 4;
                }
            }
        }
        // 7. Group of N, G20
        for k in lo..hi {
            if strs[k] == "Group"
                && k + 2 < hi
                && strs[k + 1] == "of"
                && coref::group_number(&format!("Group of {}", strs[k + 2])).is_some()
            {
                set_span(&mut spans, k, k + 3, 2);
            } else if coref::group_number(strs[k]).is_some() && strs[k].starts_with('G') {
                set_span(&mut spans, k, k + 1, 2);
            }
        }
        if title_cased(strs, lo, hi) {
            // capitals tell nothing here: a mention of words usually written in lower
            // case (`Great Service`, `Best Pizzas`) is a heading's or a review's words
            spans.retain(|&(s, e, _)| !usually_lower(strs, s, e, gaz));
        }
        // a mention in lower case made only of words running text writes in lower case
        // (`so communicative`) is the tagger reading lower-case text as names
        spans.retain(|&(s, e, _)| {
            !(strs[s..e]
                .iter()
                .all(|w| !w.chars().any(char::is_uppercase))
                && usually_lower(strs, s, e, gaz))
        });
        // a city and its state in one mention (`Miramar California`, `San Rafael Ca`)
        // are two places
        let mut split: Vec<(usize, usize, usize)> = Vec::new();
        spans.retain(|&(s, e, ty)| {
            if ty == 1 || e < s + 2 || known_place(s, e) {
                return true;
            }
            let state = gaz.lookup(&strs[e - 1..e]) & gazetteer::REGION != 0;
            let city = gaz.lookup(&strs[s..e - 1]) & (gazetteer::CITY | gazetteer::BIGCITY) != 0;
            if state && city {
                split.push((s, e - 1, 3));
                split.push((e - 1, e, 3));
                return false;
            }
            true
        });
        spans.extend(split);
        spans.sort();
        geographic_of(strs, lo, hi, &mut spans);
        known_names(strs, lo, hi, &mut spans, gaz);
        if places_for_orgs {
            places_typed_as_orgs(strs, &mut spans, gaz);
        }
        repaired.extend(spans);
    }
    let mut spans = repaired;
    spans.retain(|x| x.1 > x.0);
    spans.sort();
    spans.dedup();
    spans
}

/// Whether the document reads like a sports report: one sentence in ten or more holds a
/// number written in digits alone (scores, standings, results tables). Such reports
/// name teams by their cities (`Baltimore beat Toronto`), so a city typed ORG there is
/// left alone.
fn sports_like(strs: &[&str], sent_ranges: &[Range<usize>]) -> bool {
    let numeric = sent_ranges
        .iter()
        .filter(|r| {
            strs.get((*r).clone()).is_some_and(|ws| {
                ws.iter()
                    .any(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
            })
        })
        .count();
    numeric > 0 && numeric * 10 >= sent_ranges.len()
}

/// A one-word ORG mention that the gazetteer knows as a country or a big city, and that
/// is neither a listed organisation nor a word running text writes in lower case
/// (`Nice`; a country's abbreviation such as `US` is no such word), is the place (`Miramar was founded in 1888`, `the US assault`): the
/// CoNLL-trained tagger reads a place that acts or founds as an organisation. See
/// [`sports_like`] for where this is not done.
fn places_typed_as_orgs(
    strs: &[&str],
    spans: &mut [(usize, usize, usize)],
    gaz: &gazetteer::Gazetteer,
) {
    for sp in spans.iter_mut() {
        let words = &strs[sp.0..sp.1];
        if sp.2 == 2
            && words.len() == 1
            && gaz.lookup(words) & (gazetteer::COUNTRY | gazetteer::BIGCITY) != 0
            && !gazetteer::KNOWN_ORGS.is_name(words)
            && (abbreviation(words[0]) || cap_class(gaz, words[0]).is_none_or(|c| c > 1))
        {
            sp.2 = 3;
        }
    }
}

/// A country's abbreviation in capitals (`US`, `UK`, `UAE`), not the lower-case word
/// it spells.
fn abbreviation(w: &str) -> bool {
    (2..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Heads of organisations named for a field, which may hold `and` (`Department of
/// Housing and Urban Development`, `Ministry of Trade and Industry`).
const FIELD_HEADS: &[&str] = &[
    "Department",
    "Ministry",
    "School",
    "Faculty",
    "College",
    "Institute",
    "Secretary",
    "Bureau",
    "Office",
    "Agency",
    "Council",
    "Committee",
    "Commission",
    "Academy",
];

/// The planets, and the lunar nodes of Indian astrology, which the tagger reads as
/// persons when a sentence names several of them.
const PLANETS: &[&str] = &[
    "Mercury", "Venus", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune", "Pluto", "Rahu", "Ketu",
];

/// Legal forms that end a company's name (`Inc.`, `Ltd.`, `GmbH`).
const LEGAL_FORMS: &[&str] = &[
    "Inc.", "Inc", "Ltd.", "Ltd", "LLC", "L.L.C.", "Corp.", "Co.", "Plc", "plc", "PLC", "GmbH",
    "S.A.", "N.V.", "L.P.", "LLP",
];

/// Determiners, after which a lower-case word is a common noun (`the bin`).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "my", "his", "her", "your", "our", "their", "its",
];

/// Currencies written with a capital (`Euros`), which CoNLL-2003 tags MISC.
const CURRENCIES: &[&str] = &[
    "Euro", "Euros", "Dollar", "Dollars", "Rupee", "Rupees", "Yen", "Yuan", "Peso", "Pesos",
    "Rouble", "Roubles", "Ruble", "Rubles", "Dinar", "Dinars",
];

/// Words that number a part of a document or a class (`Section 7`, `Category 5`).
const DOCUMENT_PARTS: &[&str] = &[
    "Section",
    "Article",
    "Chapter",
    "Clause",
    "Paragraph",
    "Exhibit",
    "Appendix",
    "Schedule",
    "Page",
    "Category",
    "Item",
    "Rule",
    "Part",
];

/// Words before a storm's given name (`Hurricane Katrina`, `Typhoon Haiyan`).
const STORM_WORDS: &[&str] = &["Hurricane", "Typhoon", "Cyclone", "Storm", "Tropical"];

/// Last words that make a capitalised name a document, not its issuer (`Master
/// Agreement`, `GE Guarantee`).
const DOCUMENT_NOUNS: &[&str] = &[
    "Agreement",
    "Agreements",
    "Contract",
    "Contracts",
    "Guarantee",
    "Guaranty",
];

/// Whether the sentence `lo..hi` is written in title case (`Great Food And Friendly
/// Staff`): at least two words of four letters or more, three quarters of them
/// capitalised and not all in capitals, and no digits (a sports results line such as
/// `Crystal Palace 2 Bristol City 1` is a table of names, not a heading).
fn title_cased(strs: &[&str], lo: usize, hi: usize) -> bool {
    let (mut words, mut capitalised) = (0, 0);
    for w in &strs[lo..hi] {
        if w.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        if w.chars().count() >= 4 && w.chars().all(char::is_alphabetic) {
            words += 1;
            let mut cs = w.chars();
            if cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase) {
                capitalised += 1;
            }
        }
    }
    words >= 2 && capitalised * 4 >= words * 3
}

/// The word lexicon's capitalisation class of `w` ([`clusters`]: 0 almost never
/// capitalised inside a sentence .. 3 almost always, 4 too rare to tell), `None` for a
/// word the lexicon does not hold.
fn cap_class(gaz: &gazetteer::Gazetteer, w: &str) -> Option<u8> {
    gaz.lex.get(&features::norm_lower(w)).map(|i| i.cap)
}

/// Whether every word of the mention `s..e` is one that running text writes in lower
/// case (capitalisation class 0 or 1 of the word lexicon, [`clusters`]; Mikheev 1999).
fn usually_lower(strs: &[&str], s: usize, e: usize, gaz: &gazetteer::Gazetteer) -> bool {
    let mut any = false;
    for w in &strs[s..e] {
        if !has_alnum(w) || INNER_LOWER.contains(w) {
            continue;
        }
        match cap_class(gaz, w) {
            Some(0 | 1) => any = true,
            Some(2 | 3) => return false,
            _ => {}
        }
    }
    any
}

/// Head words of geographic names written `<head> of <name>` (`Gulf of Mexico`, `Bay of
/// Bengal`, `Isle of Man`), which the tagger splits into a head and a place.
const GEO_OF_HEADS: &[&str] = &[
    "Gulf", "Bay", "Sea", "Strait", "Straits", "Isle", "Isles", "Cape", "Lake", "Mount", "Bight",
    "Firth",
];

/// Joins `<head> of <Name>` into one place mention (`Gulf of Mexico`, `Strait of Hormuz`)
/// when the name after `of` is a mention or a capitalised word and the head is not
/// inside a longer mention of another kind (`Bank of America` has no geographic head).
fn geographic_of(strs: &[&str], lo: usize, hi: usize, spans: &mut Vec<(usize, usize, usize)>) {
    for k in lo..hi.saturating_sub(2) {
        if !GEO_OF_HEADS.contains(&strs[k]) || strs[k + 1] != "of" {
            continue;
        }
        let end = match spans.iter().find(|x| x.0 == k + 2) {
            Some(x) => x.1,
            None if is_cap_word(strs[k + 2]) => k + 3,
            None => continue,
        };
        let inside_other = spans.iter().any(|x| x.0 < k && x.1 > k && x.2 != 3);
        if !inside_other {
            set_span(spans, k, end, 3);
        }
    }
}

/// Country names that are also common lower-case words (`turkey`, `chad`), which
/// [`lower_case_countries`] never reads as places.
const LOWER_COUNTRY_WORDS: &[&str] = &[
    "chad", "china", "georgia", "guinea", "jersey", "jordan", "reunion", "turkey",
];

/// Repairs with lists the tagger does not know, over the tokens `lo..hi` of one
/// sentence and its `spans` (`(start, end, type)`): [`lower_case_countries`], then
/// [`known_orgs`].
fn known_names(
    strs: &[&str],
    lo: usize,
    hi: usize,
    spans: &mut Vec<(usize, usize, usize)>,
    gaz: &gazetteer::Gazetteer,
) {
    lower_case_countries(strs, lo, hi, spans, gaz);
    known_orgs(strs, lo, hi, spans);
}

/// A country written in lower case (`afghanistan`, `vietnam`, common in web text the
/// CoNLL-trained tagger reads as ordinary words) becomes a place mention, unless the
/// word is also a common noun or name (`turkey`, `jordan`) or is 3 letters or fewer
/// (`us`, `uk`); such a common noun in lower case is no place even when the tagger
/// says so (`some turkey for dinner`).
fn lower_case_countries(
    strs: &[&str],
    lo: usize,
    hi: usize,
    spans: &mut Vec<(usize, usize, usize)>,
    gaz: &gazetteer::Gazetteer,
) {
    for k in lo..hi {
        let w = strs[k];
        if LOWER_COUNTRY_WORDS.contains(&w) {
            spans.retain(|x| !(x.0 == k && x.1 == k + 1 && x.2 == 3));
        } else if w.len() > 3
            && w.chars().all(|c| c.is_lowercase() || c == '.' || c == '-')
            && gaz.lookup(&strs[k..k + 1]) & gazetteer::COUNTRY != 0
            && !spans.iter().any(|x| x.0 <= k && x.1 > k)
        {
            set_span(spans, k, k + 1, 3);
        }
    }
}

/// A well-known organisation ([`gazetteer::KNOWN_ORGS`]) becomes one organisation
/// mention when the tagger's mentions there lie inside the name (`Google` typed as a
/// person, `Yahoo` of `Yahoo!`, `Bank` and `America` of `Bank of America`), with or
/// without a possessive `'s`; one the tagger missed becomes an organisation mention
/// unless the name is also a common word or place, and such a name leaves a place the
/// tagger found a place (`the Amazon rainforest`); a mention that reaches beyond the
/// name (`Google Earth`, `Apple Daily`) is left alone.
fn known_orgs(strs: &[&str], lo: usize, hi: usize, spans: &mut Vec<(usize, usize, usize)>) {
    let mut k = lo;
    while k < hi {
        let Some((n, relabel_only)) = gazetteer::KNOWN_ORGS.longest_at(&strs[k..hi]) else {
            k += 1;
            continue;
        };
        let e = k + n;
        let possessive = strs.get(e).is_some_and(|w| is_possessive(w));
        let overlapping: Vec<usize> = (0..spans.len())
            .filter(|&i| spans[i].0 < e && spans[i].1 > k)
            .collect();
        let inside = |&i: &usize| spans[i].0 >= k && spans[i].1 <= e;
        // a name that is also a place or a common word keeps a place the tagger found
        // (`the Amazon rainforest`, `a Shell beach`)
        let kept_place = |&i: &usize| relabel_only && spans[i].2 == 3;
        match overlapping.as_slice() {
            [] if !relabel_only => set_span(spans, k, e, 2),
            _ if overlapping.iter().any(kept_place) => {}
            &[i] if spans[i].0 == k && possessive && spans[i].1 == e + 1 => spans[i].2 = 2,
            // the tagger's mentions lie inside the name (`Yahoo` of `Yahoo!`)
            [_, ..] if overlapping.iter().all(inside) => set_span(spans, k, e, 2),
            _ => {}
        }
        k = e;
    }
}

/// Prefixes written with a hyphen before a name (`anti-Trump`, `Pro-Russian`,
/// `ex-Minister`) that are no part of it.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "pro", "ex", "non", "post", "pre", "neo", "mid", "pan", "trans", "semi", "multi",
    "inter", "intra", "sub", "super", "ultra", "co", "self",
];

/// Joins the halves of a hyphenated name the tokenizer split (it splits a hyphen between
/// capitalised parts so that `Japan-U.S.` gives two places): `Jean-Claude Juncker`,
/// `Coca-Cola`, `Mercedes-Benz`, `Rolls-Royce` are one mention each. Two tagged halves
/// glued by a hyphen are joined unless either is a place or people the gazetteer knows
/// (`Japan-U.S.`, `Franco-German`) and the whole is not (`Guinea-Bissau` is), or both
/// are well-known organisations and the whole is not (`Google-Mozilla`), or the first
/// is a prefix (`Ex-President`); a tagged half takes in a capitalised untagged
/// half glued to it under the same conditions (`anti-Trump` stays `Trump`). The joined
/// mention is a person when both halves were, else an organisation when either was,
/// else the first half's type. `toks` are the tokens' byte spans (of the title or the text, as
/// `sent_of` tells apart: the halves must be in one sentence and touch).
fn join_hyphenated(
    strs: &[&str],
    toks: &[Range<usize>],
    sent_of: &[usize],
    spans: Vec<(usize, usize, usize)>,
    gaz: &gazetteer::Gazetteer,
) -> Vec<(usize, usize, usize)> {
    let place_or_people = |s: usize, e: usize| {
        // (big cities only: GeoNames' small towns include `Benz` and `Cola`)
        let c = gaz.lookup(&strs[s..e]);
        c & (gazetteer::COUNTRY | gazetteer::REGION | gazetteer::BIGCITY | gazetteer::DEMONYM) != 0
            || e == s + 1 && gaz.country(strs[s]).is_some()
    };
    // a whole well-known organisation (`Google` of `Google-Mozilla`)
    let known_org = |s: usize, e: usize| gazetteer::KNOWN_ORGS.is_name(&strs[s..e]);
    // the token at `h` is a hyphen glued to the tokens on both sides, in one sentence
    let glued = |h: usize| {
        h > 0
            && h + 1 < strs.len()
            && matches!(strs[h], "-" | "‐" | "‑")
            && toks[h - 1].end == toks[h].start
            && toks[h].end == toks[h + 1].start
            && sent_of[h - 1] == sent_of[h + 1]
    };
    let prefix = |k: usize| HYPHEN_PREFIXES.contains(&strs[k].to_lowercase().as_str());
    let cap_word = |k: usize| {
        strs[k].chars().next().is_some_and(char::is_uppercase)
            && strs[k].chars().any(char::is_alphabetic)
            && !prefix(k)
    };
    // an organisation named for peoples or places (`American-Arab Discrimination
    // Committee`, `German-American Chamber of Commerce`): its halves are one name
    let named_org = |s: usize, e: usize, ty: usize| {
        ty == 2 && e >= s + 2 && strs[s..e].iter().any(|w| roles::is_org_head(w))
    };
    let mut spans = spans;
    spans.sort();
    let mut out: Vec<(usize, usize, usize)> = Vec::with_capacity(spans.len());
    for (i, &(s, e, ty)) in spans.iter().enumerate() {
        if let Some(last) = out.last_mut() {
            let (ls, le, lt) = *last;
            if le + 1 == s && glued(le) {
                let apart = ((place_or_people(ls, le) || place_or_people(s, e))
                    && !place_or_people(ls, e)
                    && !named_org(s, e, ty))
                    || (known_org(ls, le) && known_org(s, e) && !known_org(ls, e));
                if !apart && !prefix(le - 1) {
                    let joined = if lt == ty {
                        ty
                    } else if lt == 2 || ty == 2 {
                        2
                    } else {
                        lt
                    };
                    *last = (ls, e, joined);
                    continue;
                }
            }
        }
        let prev_end = out.last().map_or(0, |l| l.1);
        let next_start = spans.get(i + 1).map_or(usize::MAX, |n| n.0);
        // an untagged capitalised half before (`Rolls` of `Rolls-Royce`) ...
        let mut s = s;
        let known = place_or_people(s, e);
        if s >= 2
            && s - 2 >= prev_end
            && glued(s - 1)
            && cap_word(s - 2)
            && !known
            && (!place_or_people(s - 2, s - 1) || named_org(s, e, ty))
        {
            s -= 2;
        }
        // ... and after (`Cola` of `Coca-Cola`); a tagged half is joined above
        let mut e = e;
        if e + 1 < next_start
            && glued(e)
            && cap_word(e + 1)
            && !prefix(e - 1)
            && !known
            && !place_or_people(e + 1, e + 2)
        {
            e += 2;
        }
        out.push((s, e, ty));
    }
    out
}

fn is_lower_or_title(words: &[&str]) -> bool {
    // a title in an apposition starts lower-case or is a known title word
    words.first().is_some_and(|w| {
        w.chars().next().is_some_and(|c| c.is_lowercase())
            || roles::is_head(w)
            || w.chars().all(|c| c.is_uppercase())
    })
}

fn strip_possessive(s: &str) -> String {
    let t = s.trim();
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(x) = t.strip_suffix(suf) {
            if !x.is_empty() && !x.ends_with('s') || suf.len() > 1 {
                return x.trim_end().to_string();
            }
        }
    }
    t.to_string()
}

/// Extends an organisation name ending at token `e` over `of|for|by|on [the] Capitalised
/// ...` (each part capitalised), e.g. `Association of the Families of Victims Kidnapped by
/// North Korea`. Returns the new end, or None.
fn extend_org(strs: &[&str], e: usize, hi: usize) -> Option<usize> {
    let mut end = None;
    let mut k = e;
    let mut steps = 0;
    while k < hi && steps < 4 {
        let w = strs[k];
        if !matches!(w, "of" | "for" | "by" | "on") {
            break;
        }
        let mut j = k + 1;
        if j < hi && strs[j] == "the" {
            j += 1;
        }
        let start = j;
        while j < hi && j - start < 6 && is_cap_word(strs[j]) {
            j += 1;
        }
        if j == start {
            break;
        }
        end = Some(j);
        k = j;
        steps += 1;
    }
    end
}

fn is_cap_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase()) && w.chars().any(|c| c.is_lowercase() || c == '.')
}

const EVENT_WORDS: &[&str] = &[
    "hurricane",
    "typhoon",
    "cyclone",
    "storm",
    "war",
    "olympics",
    "olympic",
    "games",
    "cup",
    "championship",
    "championships",
    "open",
    "election",
    "elections",
    "revolution",
    "prix",
    "tour",
    "festival",
    "expo",
    "summit",
    "crisis",
    "massacre",
    "uprising",
    "marathon",
    "series",
    "derby",
    "classic",
    "trophy",
    "tournament",
    "grand slam",
    "world cup",
    "super bowl",
];

const NORP_WORDS: &[&str] = &[
    "muslim",
    "muslims",
    "christian",
    "christians",
    "catholic",
    "catholics",
    "protestant",
    "protestants",
    "jew",
    "jews",
    "jewish",
    "hindu",
    "hindus",
    "buddhist",
    "buddhists",
    "sunni",
    "sunnis",
    "shi'ite",
    "shi'ites",
    "shiite",
    "shiites",
    "republican",
    "republicans",
    "democrat",
    "democrats",
    "socialist",
    "socialists",
    "communist",
    "communists",
    "conservative",
    "conservatives",
    "arab",
    "arabs",
    "kurd",
    "kurds",
    "kurdish",
    "islamic",
    "islamist",
    "islamists",
    "palestinians",
    "serbs",
    "croats",
    "moslem",
    "moslems",
    "tamil",
    "tamils",
    "hutu",
    "hutus",
    "tutsi",
    "tutsis",
    "basque",
    "basques",
];

const LOC_REGIONS: &[&str] = &[
    "africa",
    "asia",
    "europe",
    "north america",
    "south america",
    "oceania",
    "antarctica",
    "middle east",
    "balkans",
    "caribbean",
    "scandinavia",
    "siberia",
    "kashmir",
    "gaza strip",
    "west bank",
    "latin america",
    "central asia",
    "southeast asia",
    "east asia",
    "western europe",
    "eastern europe",
    "persian gulf",
    "gulf",
];

fn refine_kind(ty: usize, surface: &str, gaz: &gazetteer::Gazetteer) -> EntityKind {
    let k = coref::key(surface);
    match ty {
        1 => EntityKind::Person,
        2 => EntityKind::Org,
        3 => {
            if LOC_REGIONS.contains(&k.as_str()) {
                return EntityKind::Loc;
            }
            let c = gaz.lookup_text(&k);
            if c & (gazetteer::COUNTRY | gazetteer::REGION | gazetteer::CITY) != 0 {
                EntityKind::Gpe
            } else {
                EntityKind::Loc
            }
        }
        _ => {
            let c = gaz.lookup_text(&k);
            if c & gazetteer::DEMONYM != 0 || NORP_WORDS.contains(&k.as_str()) {
                return EntityKind::Norp;
            }
            let words: Vec<&str> = k.split(' ').collect();
            if words.len() >= 2 && words.iter().any(|w| EVENT_WORDS.contains(w)) {
                return EntityKind::Event;
            }
            if words.len() >= 2
                && words[0].chars().all(|c| c.is_ascii_digit())
                && words[0].len() == 4
            {
                return EntityKind::Event; // "1996 Olympics"-like
            }
            EntityKind::Misc
        }
    }
}

fn kind_group(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Org => 1,
        EntityKind::Gpe | EntityKind::Loc => 2,
        EntityKind::Norp => 3,
        EntityKind::Event | EntityKind::Misc => 4,
    }
}

/// Groups mentions into referents. Returns member lists (mention indices).
fn cluster(mentions: &[Mention], gaz: &gazetteer::Gazetteer) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    // longest names first, then by position (title first)
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(coref::name_words(&mentions[i].surface).len()),
            mentions[i].title as u8 ^ 1,
            mentions[i].span.start,
        )
    });
    struct C {
        members: Vec<usize>,
        group: u8,
        keys: Vec<String>,
        words: Vec<String>,
    }
    let mut cs: Vec<C> = Vec::new();
    // Indexes over `cs` (each holds the first cluster, or all clusters, with a
    // property), so that a mention is compared with the clusters that can match it,
    // not with every cluster: 40,000 distinct names took 50 s.
    use std::collections::HashMap;
    let mut by_key: HashMap<(u8, String), usize> = HashMap::new();
    let mut by_key_any: HashMap<String, usize> = HashMap::new();
    let mut by_country: HashMap<String, usize> = HashMap::new();
    let mut by_initials: HashMap<(u8, String), usize> = HashMap::new();
    let mut by_group_number: HashMap<(u8, u32), usize> = HashMap::new();
    // person clusters by first and by last name word
    let mut by_end_word: HashMap<String, Vec<usize>> = HashMap::new();
    let pos = |m: usize| -> (u8, usize) { (u8::from(!mentions[m].title), mentions[m].span.start) };
    for &mi in &order {
        let m = &mentions[mi];
        let k = coref::key(&m.surface);
        let g = kind_group(m.kind);
        let words = coref::name_words(&m.surface);
        let country = if g == 2 || g == 1 {
            gaz.country(&k).map(|s| s.to_lowercase())
        } else {
            None
        };
        // 1. same name (same group), or same country: the first such cluster
        let same_name = by_key.get(&(g, k.clone())).copied();
        let same_country = country
            .as_ref()
            .filter(|_| g == 2)
            .and_then(|c| by_country.get(c).copied());
        let mut target = same_name.into_iter().chain(same_country).min();
        // 1b. the same name read as MISC once and as a person, organisation or place
        // elsewhere (`the Bush administration`): one sense per discourse. Across the
        // other kinds the tagger's reading stands (`Washington` the man and the city).
        if target.is_none() {
            target = by_key_any
                .get(&k)
                .copied()
                .filter(|&ci| g == 4 || cs[ci].group == 4);
        }
        // 2. acronym / group number (ORG, GPE)
        if target.is_none() && (g == 1 || g == 2) {
            let acronym = coref::acronym_letters(m.surface.trim()).and_then(|a| {
                // (an acronym the tagger typed a place once still names the
                // organisation it abbreviates: `HANO`)
                let other = 3 - g;
                by_initials
                    .get(&(g, a.clone()))
                    .or_else(|| by_initials.get(&(other, a)))
                    .copied()
            });
            let number =
                coref::group_number(&m.surface).and_then(|n| by_group_number.get(&(g, n)).copied());
            target = acronym.into_iter().chain(number).min();
        }
        // 3. person short forms (also for single-token mentions mis-typed by the tagger)
        if target.is_none() && (g == 0 || words.len() == 1) {
            // a short form starts or ends like the full name
            let mut cands: Vec<usize> = [words.first(), words.last()]
                .into_iter()
                .flatten()
                .filter_map(|w| by_end_word.get(w))
                .flatten()
                .copied()
                .filter(|&ci| coref::person_short_form(&words, &cs[ci].words))
                .collect();
            cands.sort_unstable();
            cands.dedup();
            if g == 0
                || (words.len() == 1
                    && gaz.lookup_text(&k) & (gazetteer::COUNTRY | gazetteer::DEMONYM) == 0)
            {
                target = match cands.len() {
                    0 => None,
                    1 => Some(cands[0]),
                    _ => {
                        // nearest preceding member of a candidate cluster
                        let p = pos(mi);
                        cands.iter().copied().max_by_key(|&ci| {
                            cs[ci]
                                .members
                                .iter()
                                .map(|&x| pos(x))
                                .filter(|x| *x <= p)
                                .max()
                        })
                    }
                };
            }
        }
        match target {
            Some(ci) => {
                let c = &mut cs[ci];
                c.members.push(mi);
                if !c.keys.contains(&k) {
                    by_key
                        .entry((c.group, k.clone()))
                        .and_modify(|first| *first = (*first).min(ci))
                        .or_insert(ci);
                    c.keys.push(k);
                }
            }
            None => {
                let ci = cs.len();
                let long = strip_possessive(&m.surface);
                by_key.entry((g, k.clone())).or_insert(ci);
                by_key_any.entry(k.clone()).or_insert(ci);
                if g == 2 {
                    if let Some(c) = &country {
                        by_country.entry(c.clone()).or_insert(ci);
                    }
                }
                if long.split_whitespace().count() >= 2 {
                    by_initials.entry((g, coref::initials(&long))).or_insert(ci);
                }
                if let Some(n) = coref::group_number(&long) {
                    by_group_number.entry((g, n)).or_insert(ci);
                }
                if g == 0 {
                    for w in [words.first(), words.last()].into_iter().flatten() {
                        let list = by_end_word.entry(w.clone()).or_default();
                        if list.last() != Some(&ci) {
                            list.push(ci);
                        }
                    }
                }
                cs.push(C {
                    members: vec![mi],
                    group: g,
                    keys: vec![k],
                    words,
                });
            }
        }
    }
    let mut out: Vec<Vec<usize>> = cs
        .into_iter()
        .map(|c| {
            let mut m = c.members;
            m.sort_by_key(|&x| pos(x));
            m
        })
        .collect();
    out.sort_by_key(|m| m.first().map(|&x| pos(x)));
    let _ = label_type;
    out
}

/// The kind of a referent: its mentions' kinds, each weighted by its length in tokens
/// plus one (full names weigh more), and a person mention that opens with a known given
/// name (the first-name gazetteer) weighs two more. An e-mail signature line `Phillip
/// Allen`, alone on its line, is tagged ORG; the mentions of `Phillip` in the text are
/// persons, and the given name decides.
fn majority_kind(
    members: &[usize],
    mentions: &[Mention],
    gaz: &gazetteer::Gazetteer,
) -> EntityKind {
    let mut counts: Vec<(EntityKind, usize)> = Vec::new();
    for &m in members {
        let k = mentions[m].kind;
        let mut w = 1 + mentions[m].tok.len();
        if k == EntityKind::Person {
            let first = mentions[m].surface.split(' ').next().unwrap_or("");
            if gaz.lookup_text(&coref::key(first)) & gazetteer::FIRST != 0 {
                w += 2;
            }
        }
        match counts.iter_mut().find(|x| x.0 == k) {
            Some(x) => x.1 += w,
            None => counts.push((k, w)),
        }
    }
    counts
        .iter()
        .max_by_key(|x| x.1)
        .map(|x| x.0)
        .unwrap_or(EntityKind::Misc)
}

fn canonical_name(
    members: &[usize],
    mentions: &[Mention],
    kind: EntityKind,
    gaz: &gazetteer::Gazetteer,
) -> String {
    if kind == EntityKind::Gpe {
        for &m in members {
            if let Some(c) = gaz.country(&coref::key(&mentions[m].surface)) {
                return c.to_string();
            }
        }
    }
    // the longest non-acronym form, first occurrence (text before title)
    let mut best: Option<(usize, String)> = None;
    for &m in members {
        let s = strip_possessive(&mentions[m].surface);
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let acro = coref::acronym_letters(&s).is_some()
            || coref::group_number(&s).is_some_and(|_| !s.starts_with("Group"));
        let score = if acro { 0 } else { 1 + s.split(' ').count() };
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, s));
        }
    }
    let name = best.map(|b| b.1).unwrap_or_default();
    if name.chars().any(|c| c.is_lowercase()) || name.len() <= 4 {
        name
    } else {
        // an ALL-CAPS headline form: prefer any mixed-case form
        members
            .iter()
            .map(|&m| strip_possessive(&mentions[m].surface))
            .find(|s| s.chars().any(|c| c.is_lowercase()))
            .unwrap_or(name)
    }
}

#[cfg(test)]
mod tests;
