//! Roles of people from pre-modifiers and appositions:
//!
//! * pre-modifier: `[then|former|ex-] [AFFILIATION] TITLE PERSON` —
//!   `Russian President Vladimir Putin` (President, Russia), `then Prime Minister
//!   Junichiro Koizumi` (former Prime Minister);
//! * apposition: `PERSON, [the|a|former] TITLE [of|at|for] [the] AFFILIATION` —
//!   `Kim Jong Un, chairman of the Workers' Party of Korea`;
//! * byline slash: `PERSON / AFFILIATION TITLE` —
//!   `Hajime Izumi / Tokyo International University Professor`.
//!
//! A title is a run of title words that ends in a head noun (minister, president, ...).

/// Head nouns that end a title.
const HEADS: &[&str] = &[
    "president",
    "minister",
    "premier",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "leader",
    "secretary",
    "governor",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "lawmaker",
    "professor",
    "prof.",
    "ambassador",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "empress",
    "pope",
    "mayor",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chancellor",
    "judge",
    "justice",
    "coach",
    "manager",
    "ceo",
    "officer",
    "executive",
    "commander",
    "general",
    "gen.",
    "admiral",
    "envoy",
    "dictator",
    "chief",
    "head",
    "founder",
    "owner",
    "analyst",
    "economist",
    "researcher",
    "editor",
    "correspondent",
    "reporter",
    "author",
    "captain",
    "striker",
    "economist",
    "adviser",
    "advisor",
    "diplomat",
    "negotiator",
    "attorney",
    "lawyer",
    "prosecutor",
    "candidate",
    "nominee",
    "deputy",
    "dr.",
    "dr",
    "doctor",
    "counsel",
    "superintendent",
    "sheriff",
    "inspector",
    "colonel",
    "col.",
    "lieutenant",
    "sergeant",
    "major",
    "bishop",
    "cardinal",
    "archbishop",
    "rabbi",
    "imam",
    "cleric",
    "sultan",
    "sheikh",
    "emir",
    "monarch",
    "vice-president",
    "president-elect",
    "dean",
    "rector",
    "speaker",
    "treasurer",
    "auditor",
    "commissioner",
    "administrator",
    "ministers",
    "mp",
    "boss",
    "trainer",
    "player",
    "champion",
    "scientist",
    "expert",
    "fellow",
    "lecturer",
];

/// Modifiers allowed before a head inside a title.
const MODS: &[&str] = &[
    "prime",
    "foreign",
    "finance",
    "defense",
    "defence",
    "interior",
    "trade",
    "justice",
    "economy",
    "economic",
    "vice",
    "deputy",
    "assistant",
    "associate",
    "chief",
    "general",
    "state",
    "executive",
    "supreme",
    "senior",
    "top",
    "acting",
    "interim",
    "party",
    "opposition",
    "majority",
    "minority",
    "house",
    "senate",
    "health",
    "education",
    "energy",
    "agriculture",
    "labor",
    "labour",
    "industry",
    "transport",
    "environment",
    "home",
    "attorney",
    "secretary",
    "managing",
    "national",
    "security",
    "press",
    "crown",
    "grand",
    "lord",
    "first",
    "head",
    "team",
    "military",
    "union",
    "central",
    "bank",
    "cabinet",
    "special",
    "foreign-policy",
    "visiting",
    "emeritus",
    "district",
    "police",
    "army",
    "navy",
    "air",
    "force",
    "fire",
    "science",
    "technology",
    "culture",
    "sports",
    "communications",
    "information",
    "development",
    "planning",
    "budget",
    "treasury",
    "war",
    "veterans",
    "commerce",
    "immigration",
    "affairs",
    "and",
    "of",
];

/// `then`, `former`, ... mark a former holder.
const FORMER: &[&str] = &[
    "then",
    "former",
    "ex",
    "ex-",
    "late",
    "erstwhile",
    "onetime",
    "one-time",
    "previous",
    "outgoing",
];

fn norm(t: &str) -> String {
    t.replace('’', "'").to_lowercase()
}

pub fn is_head(t: &str) -> bool {
    HEADS.contains(&norm(t).as_str())
}
fn is_mod(t: &str) -> bool {
    let n = norm(t);
    MODS.contains(&n.as_str()) || HEADS.contains(&n.as_str())
}
pub fn is_former(t: &str) -> bool {
    FORMER.contains(&norm(t).as_str())
}

/// Title-cases a title phrase (`chairman` -> `Chairman`, `of` stays).
pub fn title_case(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| {
            let l = norm(w);
            if matches!(l.as_str(), "of" | "and" | "for" | "the") {
                l
            } else if w.chars().all(|c| !c.is_lowercase())
                && w.chars().filter(|c| c.is_alphabetic()).count() <= 3
            {
                w.to_string() // CEO, MP
            } else {
                let mut cs = l.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Finds a title ending right before token `end` (exclusive), scanning left; returns the
/// start of the title. The token at `end - 1` must be a head noun.
pub fn title_before(toks: &[&str], lo: usize, end: usize) -> Option<usize> {
    if end == 0 || end <= lo || !is_head(toks[end - 1]) {
        return None;
    }
    let mut s = end - 1;
    while s > lo && is_mod(toks[s - 1]) && !matches!(norm(toks[s - 1]).as_str(), "and" | "of") {
        s -= 1;
    }
    Some(s)
}

/// Finds a title starting at `start`: the longest run of title words ending in a head.
pub fn title_after(toks: &[&str], start: usize, hi: usize) -> Option<usize> {
    let mut e = start;
    let mut last_head = None;
    while e < hi && e - start < 6 && is_mod(toks[e]) {
        if is_head(toks[e]) {
            last_head = Some(e + 1);
        }
        e += 1;
    }
    last_head
}

const ORG_HEADS: &[&str] = &[
    "association",
    "party",
    "council",
    "committee",
    "agency",
    "organization",
    "organisation",
    "union",
    "bank",
    "ministry",
    "institute",
    "university",
    "league",
    "federation",
    "commission",
    "society",
    "foundation",
    "fund",
    "center",
    "centre",
    "department",
    "office",
    "court",
    "assembly",
    "corporation",
    "company",
    "board",
    "authority",
    "bureau",
    "service",
    "alliance",
    "front",
    "movement",
    "army",
    "forces",
    "church",
    "club",
    "college",
    "school",
    "academy",
    "group",
    "network",
    "coalition",
    "congress",
    "parliament",
    "senate",
    "house",
];

/// Whether `t` is a typical last word of an organisation name.
pub fn is_org_head(t: &str) -> bool {
    ORG_HEADS.contains(&norm(t).as_str())
}
