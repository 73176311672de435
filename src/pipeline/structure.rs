//! Article structure: title parts, bylines, editor's notes, and the block structure of
//! a plain-text scrape.
//!
//! - [`split_title`] / [`strip_site_suffix`]: a title that names a series part
//!   (`Series (2) / Headline`) is split into series, installment and headline, and a
//!   site-name suffix (`… | The Japan News`) is taken off.
//! - [`parse_byline`]: a byline line (`By Jane Doe, Staff Writer`) becomes authors with
//!   name, role and affiliation.
//! - [`is_editor_note`]: editor's and series notes, corrections and update notices.
//! - [`structure_plain_text`]: the paragraphs left by [`super::cleanup`] become the
//!   title, the article's authors and [`DraftBlock`]s: paragraphs, headings, list
//!   items, editor's notes, and sidebars (a box set apart from the main story, with its
//!   own heading and byline).
//!
//! All rules are general patterns of news typography; none names a particular site.

use std::sync::LazyLock;

use regex::Regex;

use super::cleanup::list_item_text;
use super::document::{Author, BlockKind, DraftBlock, FoundIn, TitleParts};

// ---------------------------------------------------------------------------------------
// Titles
// ---------------------------------------------------------------------------------------

/// An installment number: 1–3 digits or a roman numeral.
const NUM: &str = r"(?P<num>\d{1,3}|[IVX]{1,6}|[ivx]{1,6})";
/// A separator between series (or part) and headline.
const SEP: &str = r"\s*(?:/|\||:|[-–—])\s*";
/// Words that introduce an installment number.
const PART_WORD: &str = r"(?:(?i:part|pt\.?|vol\.?|volume|episode|ep\.|chapter|ch\.|installment|instalment)|No\.?|NO\.?|Number)";

/// Title patterns that name a series part, tried in order. Each has `num` and at least
/// one of `series` and `headline`.
static TITLE_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // "Series (2) / Headline", "Series (3): Headline", "Series [5] — Headline",
        // "Series (Part 2 of 3): Headline"
        format!(
            r"^(?P<series>.+?)\s*[(\[]\s*(?:{PART_WORD}\s*)?#?{NUM}(?:\s+(?i:of)\s+\d{{1,3}})?\s*[)\]]{SEP}(?P<headline>.+)$"
        ),
        // "Series, Part 2: Headline", "Series No. 4 / Headline"
        format!(
            r"^(?P<series>.+?)[,:]?\s+{PART_WORD}\s*#?{NUM}(?:\s+(?i:of)\s+\d{{1,3}})?{SEP}(?P<headline>.+)$"
        ),
        // "Part 3: Headline"
        format!(r"^{PART_WORD}\s*#?{NUM}(?:\s+(?i:of)\s+\d{{1,3}})?{SEP}(?P<headline>.+)$"),
        // "Headline (Part 2)", "Headline [Part II of IV]"
        format!(
            r"^(?P<series>.+?)\s*[(\[]\s*{PART_WORD}\s*#?{NUM}(?:\s+(?i:of)\s+\w{{1,5}})?\s*[)\]]$"
        ),
        // "Headline, Part 2"
        format!(r"^(?P<series>.+?),?\s+(?i:part|pt\.)\s*{NUM}(?:\s+(?i:of)\s+\w{{1,5}})?$"),
        // "Series (2)"
        r"^(?P<series>.+?)\s*[(\[]\s*#?(?P<num>\d{1,2}|[IVX]{1,5}|[ivx]{1,5})\s*[)\]]$".to_string(),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("valid regex"))
    .collect()
});

/// Splits a title into series, installment and headline.
///
/// Recognised forms (the number may be arabic or roman, `Part`/`No.`/`Vol.`/`Episode`/
/// `Chapter` may introduce it, and `/`, `|`, `:` or a dash separate the headline):
/// `Series (2) / Headline`, `Series (3): Headline`, `Series [5] — Headline`,
/// `Series, Part 2: Headline`, `Series No. 4 / Headline`, `Part 3: Headline`,
/// `Headline (Part 2)`, `Headline, Part 2`, `Series (2)`. When the title carries only a
/// name and a number (the last four forms without a series), that name is both the
/// series (so installments group together) and the headline.
///
/// A site-name suffix ([`strip_site_suffix`] without a known site name) never ends up
/// in the headline. The patterns are tried on the title as given first, so that in
/// `Our Cities (5) | Night Buses Return` the title-cased headline is not taken for a
/// site name, unless what follows the separator reads as a publication's name
/// (`Series (Part 2) | Example News`); then on the title without its suffix. Any other
/// title gives series and installment `None` and the title, trimmed and without its
/// site suffix, as headline. A bare `Analysis: …` is not a series: without a number
/// nothing says it is one.
pub fn split_title(title: &str) -> TitleParts {
    let title = collapse_ws(title);
    let stripped = strip_site_suffix(&title, None);
    // The raw title first, so a title-cased headline after ` | ` is not mistaken for a
    // site name (unless it reads as a publication's name: `Series (Part 2) | Example
    // News`); then without the suffix, for forms that end in the number.
    match_series(&title)
        .filter(|parts| !is_publication_name(&parts.headline) || stripped == title)
        .or_else(|| match_series(&stripped))
        .unwrap_or(TitleParts {
            series: None,
            installment: None,
            headline: stripped,
        })
}

/// The first title pattern that matches `title`, as title parts.
fn match_series(title: &str) -> Option<TitleParts> {
    TITLE_PATTERNS.iter().find_map(|re| {
        let c = re.captures(title)?;
        let installment = parse_number(c.name("num")?.as_str())?;
        let series = c.name("series").map(|m| clean_title_part(m.as_str()));
        let headline = c
            .name("headline")
            .map(|m| strip_site_suffix(&clean_title_part(m.as_str()), None));
        let has_letters = |s: &Option<String>| match s {
            Some(s) => s.chars().any(char::is_alphabetic),
            None => true,
        };
        if !has_letters(&series) || !has_letters(&headline) {
            return None;
        }
        let (series, headline) = match (series, headline) {
            (series, Some(headline)) => (series, headline),
            (Some(name), None) => (Some(name.clone()), name),
            (None, None) => return None,
        };
        Some(TitleParts {
            series,
            installment: Some(installment),
            headline,
        })
    })
}

/// Trims a series or headline and the separators left at its ends.
fn clean_title_part(s: &str) -> String {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ':' | '/' | '|' | '-' | '–' | '—')
    })
    .to_string()
}

/// An installment number from arabic digits or a canonical roman numeral (1–39); 0 and
/// anything else is `None`.
fn parse_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return (n > 0).then_some(n);
    }
    let upper = s.to_uppercase();
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in upper.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0 && total < 40 && to_roman(total) == upper).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Separators that put a site name after a headline.
const SITE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "];

/// Words that make a dash suffix read as a publication's name.
const SITE_WORDS: &str = "\
    news times post journal herald tribune guardian telegraph daily weekly press reuters \
    bloomberg online tv radio today magazine gazette chronicle observer express mail review \
    wire network media insider standard independent economist shimbun nikkei politico axios \
    monitor star mirror bulletin dispatch courier examiner inquirer sentinel world agency \
    broadcasting channel report";

/// Removes a trailing site-name suffix (`Headline | The Japan News`,
/// `Headline - BBC News`) from a title; returns the title trimmed, unchanged otherwise.
///
/// A suffix is only removed when it is clearly a site name, so headlines that use a dash
/// themselves (`Japan - South Korea talks stall`) survive:
/// - it is short (at most six words and 50 characters), has no sentence punctuation,
///   and what is left has at least four letters or digits;
/// - it matches `site_name` (ignoring case, a leading "The" and `www.`), or
/// - after ` | `, ` :: `, ` · `, ` « `, ` » ` it is written like a name (every word
///   capitalised, short connectives aside) or is a domain, or
/// - after ` - `, ` – `, ` — ` it is written like a name and contains a publication
///   word (News, Times, Post, …), is a domain, or is all acronyms (`NHK WORLD`).
///
/// Up to three suffixes are removed (`Headline | World | Example News`), none after a
/// domain (`example.de | Gas prices`), and a separator left dangling at the end goes
/// too.
pub fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    let mut t = collapse_ws(title);
    // a separator left dangling at the end (`National Rail Enquiries -`; not a
    // closing guillemet)
    while let Some(head) = [" |", " -", " –", " —", " ::", " ·"]
        .iter()
        .find_map(|sep| t.strip_suffix(sep))
    {
        t = head.trim_end().to_string();
    }
    for _ in 0..3 {
        let Some((pos, sep)) = SITE_SEPARATORS
            .iter()
            .filter_map(|sep| t.rfind(sep).map(|pos| (pos, *sep)))
            .max_by_key(|(pos, _)| *pos)
        else {
            break;
        };
        let head = t[..pos].trim_end();
        let suffix = t[pos + sep.len()..].trim();
        if !is_site_suffix(head, sep.trim(), suffix, site_name) {
            break;
        }
        t = head.to_string();
    }
    t
}

fn is_site_suffix(head: &str, sep: &str, suffix: &str, site_name: Option<&str>) -> bool {
    let words: Vec<&str> = suffix.split_whitespace().collect();
    // (`energieverbraucher.de | Gaspreise`: a domain before the separator is the
    // site, so what follows it is the page's title)
    if head.chars().filter(|c| c.is_alphanumeric()).count() < 4
        || DOMAIN.is_match(head)
        || words.is_empty()
        || words.len() > 6
        || suffix.chars().count() > 50
        || suffix.ends_with(['.', '!', '?', ':', ';', ','])
    {
        return false;
    }
    if let Some(site) = site_name {
        let (a, b) = (site_key(site), site_key(suffix));
        // Equal, or one holds the other and covers at least two thirds of it
        // ("BBC News" / "BBC News Online"), so "Japan" is not "The Japan News".
        let covers = |long: &str, short: &str| {
            !short.is_empty() && long.contains(short) && short.len() * 3 >= long.len() * 2
        };
        if !a.is_empty() && (covers(&a, &b) || covers(&b, &a)) {
            return true;
        }
    }
    match sep {
        "-" | "–" | "—" => is_publication_name(suffix),
        _ => DOMAIN.is_match(suffix) || is_name_like(suffix),
    }
}

/// Written like a name: every word capitalised, short connectives aside.
fn is_name_like(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        let first = w.chars().find(|c| c.is_alphanumeric());
        first.is_none_or(|c| !c.is_lowercase())
            || matches!(
                w,
                "of" | "the" | "and" | "for" | "on" | "in" | "de" | "la" | "&"
            )
    })
}

/// Reads as a publication's name: a domain, or written like a name and either holding
/// a publication word (News, Times, …) or made of acronyms (`NHK WORLD`).
fn is_publication_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let site_word = words.iter().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        in_list(SITE_WORDS, w.as_str())
    });
    let acronyms = !words.is_empty() && words.iter().all(|w| is_acronym(w));
    DOMAIN.is_match(s) || (is_name_like(s) && (site_word || acronyms))
}

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co|uk|jp|de|fr|in|au|ca|info|news|io|us|eu|cn|kr|ru|it|es|nl|ch|se|no|ie|nz|sg|hk|tw|za)$")
        .expect("valid regex")
});

/// `site` lowercased, without `www.`, a leading "the" or non-alphanumerics.
fn site_key(site: &str) -> String {
    let s = site.trim().to_lowercase();
    let s = s.strip_prefix("www.").unwrap_or(&s);
    let s = s.strip_prefix("the ").unwrap_or(s);
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// An all-capitals word of 2–6 letters (`BBC`, `NHK`).
fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
}

// ---------------------------------------------------------------------------------------
// Bylines
// ---------------------------------------------------------------------------------------

/// Longest line taken as a byline.
const MAX_BYLINE_CHARS: usize = 120;

/// Last words of a role (`Professor`, `Staff Writer`, `Bureau Chief`).
const ROLE_HEADS: &str = "\
    professor professors correspondent correspondents writer writers editor editors \
    editor-in-chief reporter reporters columnist columnists fellow fellows chief director \
    analyst analysts lecturer researcher researchers contributor contributors journalist \
    journalists photographer photographers economist commentator critic producer anchor \
    president chairman chairwoman chair dean scientist strategist adviser advisor officer \
    blogger stringer associate head minister ambassador secretary governor mayor senator \
    founder ceo partner";

/// Words that may stand before a role head (`Senior`, `Staff`, `Bureau`).
const ROLE_MODIFIERS: &str = "\
    senior staff chief associate assistant adjunct visiting deputy managing contributing \
    special foreign political diplomatic economic economics business sports science health \
    technology tech culture arts investigative executive research bureau emeritus \
    distinguished guest news national principal lead graduate honorary vice photo opinion \
    editorial features world city metro prime former foreign general co-founder";

/// Words that never make a person's name (site words, roles, byline words).
const NOT_NAME_WORDS: &str = "\
    by staff the and our from with for in of updated published posted team desk bureau wire \
    wires service services news press agency reuters associated bloomberg times post journal \
    daily herald tribune online editorial board university institute college reporter \
    reporters writer writers editor editors correspondent correspondents contributor \
    contributors special report media network magazine shimbun today world international \
    national et gmt utc jst pm am photo photos video opinion analysis commentary view views \
    guest admin unknown";

/// Lowercase particles allowed inside a name (`Ludwig van Beethoven`).
const NAME_PARTICLES: &str = "\
    de da das do dos du del della der den di van von ter ten la le bin binti al el y e zu";

/// Words that make a credit read as an organisation rather than a person.
const ORG_WORDS: &str = "\
    news press agency times post journal daily herald tribune reuters bloomberg university \
    institute college school foundation center centre council corporation corp inc ltd group \
    media network broadcasting radio tv television magazine shimbun gazette telegraph \
    chronicle observer express review wire service associated ministry department bank company \
    laboratory society association commission office channel guardian economist online kyodo \
    xinhua yonhap jiji tass afp ap upi dpa efe ansa bbc cnn nhk npr pbs cbs nbc abc staff";

/// Abbreviations that may end with a period inside a byline without ending a sentence.
const ABBREVIATIONS: &str = "\
    jr sr dr prof st mr mrs ms no inc co corp ltd mt ft gen col lt capt sgt rev hon sen rep \
    gov jan feb mar apr aug sep sept oct nov dec phd ph.d esq";

static BY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        concat!(
            r"^(?i:by|written by|words by|reporting by|story by|text by|report by|posted by|compiled by|byline",
            r"|von|geschrieben von|ein beitrag von|verfasst von|erstellt von|artikel von|ein artikel von",
            r"|beitrag von|blog beitrag von|blogbeitrag von|gastbeitrag von|ein gastbeitrag von",
            r"|a post by|a guest post by|guest post by|article by|zeige alle beiträge von|alle beiträge von|alle artikel von|publiziert von",
            r"|veröffentlicht von|gepostet von|pressemitteilung von|autor|autorin|autoren|text|texte",
            r"|par|publié par|écrit par|por|escrito por|publicado por|di|scritto da|door|geschreven door",
            r"|av|af|przez|author|authors|posted by|view all posts by|all posts by",
            r"|alles von|mehr von|more by|more from|articles by|all articles by|more articles by",
            r"|posts by|stories by|more stories by|all stories by",
            r"|auteur|auteure|autora|autore|interview:)\s*:?\s+(?P<rest>\S.*)$",
        ),
    )
    .expect("valid regex")
});

/// Rules and bullets some sites put before a byline (`---- by Jane Doe`, `• Von …`).
const LEADING_RULE: &[char] = &['-', '–', '—', '•', '·', '*', '|'];

/// A byline after the date (`Posted on September 21, 2020 by Jane Doe`, WordPress's
/// default; `11.12.2019 - Jane Doe`): the date, then "by"/"von"/"par" or a dash.
static DATED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i:(?:posted|published|veröffentlicht|publié|publicado)(?:\s+(?:on|am|le|el))?\s+)?",
        r"(?P<date>[\p{L}\d.,/ -]{6,30}?(?:19|20)\d{2})\s*",
        r"(?:(?i:by|von|par|por)\s+|[-–|]\s+)(?P<rest>\S.*)$",
    ))
    .expect("valid regex")
});

static FROM_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^From\s+(?P<name>.+?)\s+in\s+(?P<place>\p{Lu}[\p{L} .'’-]*)$")
        .expect("valid regex")
});

/// Where a date, a time or an "Updated" stamp starts; a byline is cut there.
static DATE_CUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:updated|published|posted|last updated|modified|first published)\b",
        r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?",
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b",
        r"|\b\d{1,2}\.?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?",
        r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
        r"|(?:[,|/·•–—-]|\bon)\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
        r"|\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:19|20)\d{2}\b",
        r"|\b\d+\s*(?:mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago\b",
        // German, French, Spanish: `Fr, 18. Oktober`, `18. Oktober`, `lundi 3 mai`
        r"|\b\d{1,2}\.\s+\p{L}{3,}",
        r"|(?i:\b(?:mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag",
        r"|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles",
        r"|jueves|viernes|sábado|domingo)\b\.?,?\s+\d{1,2}\b)",
    ))
    .expect("valid regex")
});

/// Trailing separators and link words left when a date is cut off.
static TRAILING_JUNK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:[\s,;|/·•–—-]+|\s+(?:on|at)\s*)+$").expect("valid regex"));

/// The split between the people and their affiliation: ` / `, ` | `, ` — `, ` – `.
static CREDIT_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[/|—–-]\s+|\s*\|\s*").expect("valid regex"));

/// The split between people in a list: commas, semicolons, "and", "&".
static PEOPLE_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\s*[,;]\s*(?:and\s+)?|\s+(?:and|&|und|et|y|e|en|og|och|i)\s+",
        r"|\s+with\s+(?:additional\s+)?(?:reporting|contributions?)\s+(?:by|from)\s+",
    ))
    .expect("valid regex")
});

/// `ROLE at|of|with|for AFFILIATION` (`Senior Fellow at the Brookings Institution`),
/// `ROLE in PLACE` (`Correspondent in Seoul`: the place is a dateline, not kept).
static ROLE_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<role>.+?)\s+(?P<link>at|of|with|for|in)\s+(?:the\s+)?(?P<aff>.+)$")
        .expect("valid regex")
});

/// Social-media handles (`@janedoe`), dropped from a byline.
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)@\w+").expect("valid regex"));

/// Honorifics before a name (`Dr. Jane Doe`), dropped from the name.
static HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    // and professions written as titles before the name (`Rechtsanwalt Sebastian Einbock`)
    Regex::new(&format!(
        r"^(?:Dr|Mr|Mrs|Ms|Mx|Prof|Professor|Sir|Dame)\.?\s+|^(?:{})\s+",
        PROFESSION_TITLES.join("|")
    ))
    .expect("valid regex")
});

static TRAILING_PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<name>.*?)\s*\((?P<inner>[^()]+)\)$").expect("valid regex"));

/// Recognises a byline line and parses it into authors (`found_in: Byline`).
///
/// Forms: `By NAME`, `By NAME, ROLE` (`By Jane Doe, Staff Writer`), `By NAME / AFFILIATION
/// ROLE` (`By Hajime Izumi / Tokyo International University Professor`), `By NAME, ROLE
/// at|of|with|for AFFILIATION`, `By NAME, ROLE in PLACE` (the place is dropped), `By NAME
/// (AGENCY)`, `By NAME, AGENCY`, `By A and B`, `By A, B and C`, `By A with reporting by
/// B`, `From NAME in PLACE`, and without "By" `NAME | AGENCY`, `NAME - AGENCY`, `NAME,
/// ROLE`. "By" may also be "Written by", "Reporting by", "Posted by" and similar. Dates,
/// times and "Updated" stamps after the names are cut off, as are social-media handles
/// (`@janedoe`) and honorifics (`Dr.`; `Prof.` gives the role Professor).
///
/// Roles come from a closed vocabulary: a role is zero or more modifiers (`Senior`,
/// `Staff`, `Bureau`, …) ending in a head word (`Professor`, `Writer`, `Correspondent`,
/// `Fellow`, `Chief`, `Minister`, …). For `AFFILIATION ROLE` the role is the longest run
/// of trailing words that forms such a role and the words before it are the
/// affiliation. A credit that is not a role and reads as an organisation (`Reuters`,
/// `The New York Times`, an all-capitals acronym) is an affiliation. Roles and
/// affiliations after several names go to every author that has none yet
/// (`By A and B, Staff Writers`).
///
/// A name has two to five words, each capitalised (initials and particles such as `van`
/// allowed), with no digits and none of the words of roles or publications, so "Staff",
/// "By", a date or a site name is never returned as a name. All-capitals names are
/// title-cased.
///
/// Returns `Some` with no authors for a byline that credits no person (`By Reuters`,
/// `By Staff Reporter`): the line is a byline, but names nobody. Returns `None` for
/// lines that are not bylines: ordinary sentences, lines longer than 120 characters,
/// lines with sentence-ending punctuation (other than after initials and abbreviations),
/// quotations, and headlines ending in a verb of saying (`Google Appeals, Company
/// Says`).
pub fn parse_byline(line: &str) -> Option<Vec<Author>> {
    if line.trim().chars().nth(MAX_BYLINE_CHARS * 2).is_some() {
        return None;
    }
    let mut line = collapse_ws(line.trim().trim_start_matches(LEADING_RULE));
    // A labelled credit ending in a period (`Autorin: Jane Doe, Projektleiterin.`).
    if BY_PREFIX.is_match(&line)
        && line.ends_with('.')
        && has_sentence_end(&line)
        && !has_sentence_end(&line[..line.len() - 1])
    {
        line.pop();
    }
    if let Some(rest) = DATED_BY.captures(&line).and_then(|c| c.name("rest")) {
        if FULL_DATE.is_match(&line[..rest.start()]) {
            line = rest.as_str().to_string();
            if !BY_PREFIX.is_match(&line) {
                let credit = cut_dates(&line);
                let name =
                    is_person_name(strip_honorific(&credit).0) && !is_desk_or_org_credit(&credit);
                return name.then(|| parse_credits(&credit)).flatten();
            }
        }
    }
    if line.is_empty()
        || line.chars().count() > MAX_BYLINE_CHARS
        || starts_or_ends_with_quote(&line)
        || has_sentence_end(&line)
    {
        return None;
    }
    if let Some(c) = FROM_IN.captures(&line) {
        let name = c.name("name")?.as_str();
        return is_person_name(name).then(|| vec![byline_author(name)]);
    }
    if let Some(c) = BY_PREFIX.captures(&line) {
        // "By Von Jane Doe": a byline word in another language after the first.
        let mut rest = c.name("rest")?.as_str();
        while let Some(inner) = BY_PREFIX.captures(rest).and_then(|c| c.name("rest")) {
            rest = inner.as_str();
        }
        return parse_credits(rest);
    }
    // "NAME | AGENCY" and "NAME, ROLE" without "By": only when the part after the bar
    // is an organisation or a role, so "North Korea | Japan" is no byline.
    let (head, tail) = match CREDIT_SPLIT.find(&line) {
        Some(m) => (&line[..m.start()], &line[m.end()..]),
        None => line.split_once(", ")?,
    };
    let tail = cut_dates(tail);
    // (a headline with its attribution: `Google Appeals, Company Says`)
    let last = tail.rsplit(' ').next().unwrap_or("").to_lowercase();
    const SAYING: &[&str] = &[
        "says", "say", "said", "reports", "report", "warns", "claims",
    ];
    if SAYING.contains(&last.as_str()) {
        return None;
    }
    let (role, aff) = parse_role_affiliation(&tail);
    let credited = role.is_some() || aff.as_deref().is_some_and(looks_like_org);
    if is_person_name(strip_honorific(head).0) && credited {
        parse_credits(&line)
    } else {
        None
    }
}

/// Words that make a marked-up credit a desk or a placeholder rather than a person
/// (`Redaktion`, `Newsdesk`, `Admin`), in several languages; see also
/// [`STOCK_AGENCIES`] ([`is_desk_word`] reads both).
const DESK_WORDS: &str = "\
    staff team desk newsdesk redaktion redaction rédaction redacción redazione redactie \
    admin administrator administrador webmaster editor editors editorial guest gast \
    anonymous anonym anónimo anonimo unknown user support online agencies agency agencias \
    agentur nachrichtenagentur pressestelle pressebüro stand hecho quelle source fuente \
    foto fotos photo bild veröffentlicht publiziert erstellt aktualisiert geschrieben \
    posted published updated sponsored gesponsert anzeige werbung advertorial content";

/// Stock-photo agencies (`iStockphoto`, `Getty Images`), whose credits sit where bylines
/// do.
const STOCK_AGENCIES: &str = "\
    istock istockphoto getty shutterstock unsplash pixabay fotolia depositphotos alamy \
    dreamstime imago";

/// Words that make a marked-up credit an organisation (`GmbH`, `e.V.`, `Verlag`,
/// `Stiftung`), in several languages; the site itself is recognised separately.
const ORG_CREDIT_WORDS: &str = "\
    gmbh ag e.v. ev eg mbh kg verlag stiftung verband verein institut gesellschaft zeitung \
    rundfunk welle bund club group gruppe s.a. sa sl s.l. srl ltd inc llc plc corp \
    press presse news media medien magazin magazine journal radio tv";

/// Words after a name in a byline element that are link texts or labels, not part of
/// the name (`Jane Doe Alle Artikel`, `Jane Doe Mehr`).
const TRAILING_LABEL_WORDS: &str = "\
    alle artikel mehr more all posts articles beiträge profil profile folgen follow \
    kontakt contact e-mail email twitter am um on at publiziert veröffentlicht erstellt \
    gepostet aktualisiert published posted updated";

/// Parses an author credit that the page marks up as one (JSON-LD `author`, `<meta
/// name=author>`, an element with `rel=author` or class `author`): the byline forms of
/// [`parse_byline`] first; failing those, each credited piece (split at commas, "and"
/// and its equivalents) that reads as a name: one to five words without digits (a
/// single token may be a user name, `eseppelt`, `bo2man`), a CJK name, no URL or
/// e-mail address, no role on its own, no desk word (`Redaktion`, `Staff`, `Admin`).
/// Honorifics, handles, "By" and dates are removed as in bylines.
pub fn parse_marked_credit(credit: &str) -> Vec<Author> {
    let credit = collapse_ws(credit);
    if credit.is_empty() || credit.chars().count() > MAX_BYLINE_CHARS * 2 {
        return Vec::new();
    }
    let with_by = if BY_PREFIX.is_match(&credit) {
        credit.clone()
    } else {
        format!("By {credit}")
    };
    if let Some(authors) = parse_byline(&with_by) {
        let authors: Vec<Author> = authors
            .into_iter()
            .filter(|a| !is_desk_or_org_credit(&a.name))
            .collect();
        if !authors.is_empty() {
            return authors;
        }
    }
    let mut rest = credit.as_str();
    while let Some(inner) = BY_PREFIX.captures(rest).and_then(|c| c.name("rest")) {
        rest = inner.as_str();
    }
    let rest = HANDLE.replace_all(rest, "");
    let rest = cut_dates(&rest);
    let people = CREDIT_SPLIT
        .find(&rest)
        .map_or(rest.as_str(), |m| &rest[..m.start()]);
    let mut out = Vec::new();
    for (k, piece) in PEOPLE_SPLIT.split(people).enumerate() {
        // `Olympia-Verlag GmbH, Nürnberg, Germany`: a publisher's credit and its address
        if k == 0 && is_org_credit(piece) {
            break;
        }
        let (piece, honorific_role) = strip_honorific(piece.trim());
        let piece = piece.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')');
        let piece = cut_trailing_labels(piece);
        if is_marked_name(piece) && !is_desk_or_org_credit(piece) {
            let mut a = byline_author(piece);
            a.role = honorific_role.map(str::to_string);
            out.push(a);
        }
    }
    out
}

/// `piece` cut before the first link text or label word after a name (`Jane Doe Alle
/// Artikel` → `Jane Doe`); a piece that starts with one is left for rejection.
fn cut_trailing_labels(piece: &str) -> &str {
    let mut end = piece.len();
    let mut seen_name = false;
    for (i, w) in piece.split_whitespace().enumerate() {
        let lower = w.to_lowercase();
        if seen_name && in_list(TRAILING_LABEL_WORDS, lower.as_str()) {
            // Byte offset of this word.
            end = piece.find(w).map_or(piece.len(), |p| p.min(end));
            let _ = i;
            break;
        }
        seen_name = true;
    }
    piece[..end].trim()
}

/// Whether a credit names a desk, an agency or an organisation rather than a person:
/// a desk word, an organisation word, an acronym (`EFE`, `NDR`) or a domain.
fn is_desk_or_org_credit(s: &str) -> bool {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| is_desk_word(w.trim_matches('.')))
        || is_org_credit(s)
        || lower.contains("admin")
        || (s.split_whitespace().count() == 1 && is_acronym(s))
        // a news agency or a desk word alone (`dpa`, `afp`)
        || (words.len() == 1 && in_list(ORG_WORDS, words[0].trim_matches('.')))
        || DOMAIN.is_match(s.trim())
}

/// Whether a credit names an organisation by one of [`ORG_CREDIT_WORDS`] (`GmbH`,
/// `Verlag`, `Inc.`).
fn is_org_credit(s: &str) -> bool {
    s.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .any(|w| in_list(ORG_CREDIT_WORDS, w) || in_list(ORG_CREDIT_WORDS, w.trim_matches('.')))
}

/// Whether a piece of a marked-up credit reads as a name (see [`parse_marked_credit`]).
fn is_marked_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.chars().count() > 60 {
        return false;
    }
    if s.contains(['@', '/', ':', '=', '?', '"', '“', '”']) || s.starts_with("www.") {
        return false;
    }
    // a profession alone (`Rechtsanwalt`) names no one
    if words.len() == 1 && PROFESSION_TITLES.contains(&words[0]) {
        return false;
    }
    let lower = s.to_lowercase();
    if lower
        .split(|c: char| !c.is_alphanumeric())
        .any(is_desk_word)
        || is_role(s)
    {
        return false;
    }
    if words.len() == 1 {
        let w = words[0];
        let cjk = w
            .chars()
            .all(|c| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '·'));
        if cjk {
            return (2..=6).contains(&w.chars().count());
        }
        // A byline word left alone (`von`, `Autor`, `par`) is no name.
        if BY_PREFIX.is_match(&format!("{w} x")) {
            return false;
        }
        // A user name or a first name: letters (and digits), not too short, not a
        // file name.
        return (3..=24).contains(&w.chars().count())
            && w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '\''))
            && w.chars().any(char::is_alphabetic)
            && !w.contains(".htm")
            && !w.ends_with(".php");
    }
    // Several words: capitalised (or all lowercase, as some sites write user names),
    // lowercase particles (`von der`) inside.
    let shape_ok = words.iter().all(|w| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
            && w.chars().any(char::is_alphabetic)
    });
    let capitalised = words.iter().filter(|w| starts_capitalised(w)).count();
    let others_ok = words
        .iter()
        .all(|w| starts_capitalised(w) || in_list(NAME_PARTICLES, w.to_lowercase().as_str()));
    let short_words = words.iter().all(|w| w.chars().count() <= 20);
    shape_ok && short_words && capitalised >= 1 && others_ok
}

/// Whether a short line opens with a byline word (`By`, `Von`, `Par`, `Autor:`, …).
pub fn starts_with_byline_word(line: &str) -> bool {
    let line = line.trim().trim_start_matches(LEADING_RULE).trim_start();
    BY_PREFIX.is_match(line) || DATED_BY.is_match(line)
}

/// Professions written as a title before a name, kept as the author's role.
const PROFESSION_TITLES: &[&str] = &[
    "Rechtsanwalt",
    "Rechtsanwältin",
    "Notar",
    "Notarin",
    "Pfarrer",
    "Pfarrerin",
];

/// `name` without a leading honorific, and the role it implies (`Prof.` → Professor,
/// `Rechtsanwalt` → Rechtsanwalt).
fn strip_honorific(name: &str) -> (&str, Option<&'static str>) {
    match HONORIFIC.find(name) {
        Some(m) => {
            let title = m.as_str().trim();
            let role = if title.starts_with("Prof") {
                Some("Professor")
            } else {
                PROFESSION_TITLES.iter().copied().find(|p| *p == title)
            };
            (&name[m.end()..], role)
        }
        None => (name, None),
    }
}

/// Parses the credits after "By": people, their roles and affiliations. `Some` with no
/// authors when the credits name only organisations or roles (`By Reuters`, `By Staff`).
fn parse_credits(rest: &str) -> Option<Vec<Author>> {
    let rest = HANDLE.replace_all(rest, "");
    let rest = cut_dates(&rest);
    if rest.is_empty() {
        return None;
    }
    let (people, tail) = match CREDIT_SPLIT.find(&rest) {
        Some(m) => (&rest[..m.start()], Some(&rest[m.end()..])),
        None => (rest.as_str(), None),
    };
    let mut authors: Vec<Author> = Vec::new();
    // Where each piece starts, and whether a bare comma (no `and`) comes before it.
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    let mut comma_before = false;
    for sep in PEOPLE_SPLIT.find_iter(people) {
        pieces.push((&people[at..sep.start()], comma_before));
        comma_before = matches!(sep.as_str().trim(), "," | ";");
        at = sep.end();
    }
    pieces.push((&people[at..], comma_before));
    let last = pieces.len() - 1;
    let mut after_affiliation = false;
    let mut org_first = false;
    for (k, (piece, comma_before)) in pieces.into_iter().enumerate() {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        // `By Nada Tawfik, BBC News, New York`: the last piece after the desk, set off
        // by a bare comma, is where the author files from (a dateline), not a person.
        if after_affiliation && comma_before && k == last || org_first && comma_before {
            break;
        }
        if let Some(author) = person_credit(piece) {
            authors.push(author);
            after_affiliation = false;
            continue;
        }
        let (role, aff) = parse_role_affiliation(piece);
        if authors.is_empty() {
            // A role or organisation before any name: "By Staff", "By Reuters".
            if role.is_some() {
                continue;
            }
            if looks_like_org(piece) || is_org_credit(piece) {
                // `Olympia-Verlag GmbH, Nürnberg, Germany`: what follows the
                // organisation after a bare comma is its address
                org_first = true;
                continue;
            }
            return None;
        }
        if role.is_none() && !aff.as_deref().is_some_and(looks_like_org_or_name) {
            return None;
        }
        apply_role_affiliation(&mut authors, role.as_deref(), aff.as_deref());
        after_affiliation = aff.as_deref().is_some_and(looks_like_org);
    }
    if let Some(tail) = tail {
        let (role, aff) = parse_role_affiliation(tail);
        apply_role_affiliation(&mut authors, role.as_deref(), aff.as_deref());
    }
    Some(authors)
}

/// One person's credit: `NAME`, `NAME (AGENCY)`, `Dr. NAME`; not a stock-photo
/// agency (`By Getty Images`).
fn person_credit(piece: &str) -> Option<Author> {
    if piece.split_whitespace().any(|w| {
        in_list(
            STOCK_AGENCIES,
            w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
        )
    }) {
        return None;
    }
    let (piece, honorific_role) = strip_honorific(piece);
    // `Martin Junker Kontakt`: a link after the name in the same element
    let piece = cut_trailing_labels(piece);
    let mut author = match TRAILING_PARENS.captures(piece) {
        Some(c) => {
            let name = c.name("name").map_or("", |m| m.as_str());
            let inner = c.name("inner").map_or("", |m| m.as_str().trim());
            if !is_person_name(name) {
                return None;
            }
            let mut a = byline_author(name);
            (a.role, a.affiliation) = parse_role_affiliation(inner);
            a
        }
        None if is_person_name(piece) => byline_author(piece),
        None => return None,
    };
    if author.role.is_none() {
        author.role = honorific_role.map(str::to_string);
    }
    Some(author)
}

/// Gives `role` and `aff` to every author that has none yet.
fn apply_role_affiliation(authors: &mut [Author], role: Option<&str>, aff: Option<&str>) {
    for a in authors.iter_mut() {
        if a.role.is_none() {
            a.role = role.map(str::to_string);
        }
        if a.affiliation.is_none() {
            a.affiliation = aff.map(str::to_string);
        }
    }
}

/// Splits a credit into role and affiliation: `ROLE at AFFILIATION`,
/// `ROLE, AFFILIATION`, `AFFILIATION ROLE`, `ROLE` or `AFFILIATION`.
fn parse_role_affiliation(credit: &str) -> (Option<String>, Option<String>) {
    let credit = credit
        .trim()
        .trim_matches(|c: char| matches!(c, ',' | ';' | '/' | '|' | '-' | '–' | '—'))
        .trim();
    // a phone number or a date is neither (`Martin Junker | +49 030 5683 8000`)
    if !credit.chars().any(char::is_alphabetic) {
        return (None, None);
    }
    // `professor of economics at Uppsala University`: the field stays with the role.
    if let Some((role, aff)) = credit.rsplit_once(" at ") {
        let field_role = |r: &str| {
            r.split_once(" of ")
                .or_else(|| r.split_once(" for "))
                .is_some_and(|(head, _)| is_role(head))
        };
        let aff = aff.trim();
        if !aff.is_empty() && field_role(role.trim()) {
            let aff = aff.strip_prefix("the ").unwrap_or(aff);
            return (Some(role.trim().to_string()), Some(aff.to_string()));
        }
    }
    if let Some(c) = ROLE_AT.captures(credit) {
        let role = c.name("role").map_or("", |m| m.as_str());
        let aff = c.name("aff").map_or("", |m| m.as_str().trim());
        if is_role(role) && !aff.is_empty() {
            let aff = (c.name("link").map(|m| m.as_str()) != Some("in")).then(|| aff.to_string());
            return (Some(role.to_string()), aff);
        }
    }
    if let Some((a, b)) = credit.split_once(',') {
        let (a, b) = (a.trim(), b.trim());
        if is_role(a) {
            return (Some(a.to_string()), non_empty(b));
        }
        if is_role(b) {
            return (Some(b.to_string()), non_empty(a));
        }
    }
    let words: Vec<&str> = credit.split_whitespace().collect();
    for start in 0..words.len() {
        if is_role_words(&words[start..]) {
            let aff = words[..start].join(" ");
            let aff = aff.strip_prefix("the ").unwrap_or(&aff);
            return (Some(words[start..].join(" ")), non_empty(aff));
        }
    }
    (None, Some(credit.to_string()))
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Whether `s` is a role from the closed vocabulary.
fn is_role(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    is_role_words(&words)
}

fn is_role_words(words: &[&str]) -> bool {
    let Some((last, rest)) = words.split_last() else {
        return false;
    };
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase()
    };
    in_list(ROLE_HEADS, lower(last).as_str())
        && rest.iter().all(|w| {
            let w = lower(w);
            in_list(ROLE_MODIFIERS, w.as_str()) || in_list(ROLE_HEADS, w.as_str())
        })
}

/// Whether `s` reads as an organisation: a publication or institution word, an
/// all-capitals acronym, or a domain.
fn looks_like_org(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let lw = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        in_list(ORG_WORDS, lw.as_str()) || is_acronym(w)
    }) || DOMAIN.is_match(s.trim())
}

/// An organisation, or a short capitalised name (a newspaper's own name).
fn looks_like_org_or_name(s: &str) -> bool {
    looks_like_org(s)
        || (s.split_whitespace().count() <= 6
            && s.split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())))
}

/// Whether `s` reads as a person's name (see [`parse_byline`]).
fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
            || !w.chars().any(char::is_alphabetic)
        {
            return false;
        }
        let lower = w.trim_end_matches('.').to_lowercase();
        if in_list(NOT_NAME_WORDS, lower.as_str()) {
            return false;
        }
        let first = starts_capitalised(w);
        // "al-Assad": a lowercase particle joined to a capitalised name.
        let joined = w
            .split_once('-')
            .is_some_and(|(_, b)| b.starts_with(char::is_uppercase));
        if first || joined {
            capitalised += 1;
        } else if !in_list(NAME_PARTICLES, lower.as_str()) {
            return false;
        }
    }
    let last_ok = words
        .last()
        .is_some_and(|w| !in_list(NAME_PARTICLES, w.to_lowercase().as_str()));
    capitalised >= 2 && last_ok && !is_role(s)
}

/// A byline author named `name` (all-capitals names title-cased).
fn byline_author(name: &str) -> Author {
    let name = collapse_ws(name);
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 3 && letters.iter().all(|c| c.is_uppercase());
    let name = if all_caps { title_case(&name) } else { name };
    Author {
        name,
        role: None,
        affiliation: None,
        found_in: FoundIn::Byline,
    }
}

/// `JOHN O'NEIL-SMITH` and `john o'neil-smith` → `John O'Neil-Smith`: each letter after
/// a non-letter in capitals, the others in lower case; initials stay capitals.
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start_of_word = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start_of_word {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start_of_word = false;
        } else {
            out.push(c);
            start_of_word = true;
        }
    }
    out
}

/// A full date: numeric (`11.12.2019`, `2019-12-11`), or a day, a month's name in any
/// language and a year (`4. November 2021`, `13 juin 2019`, `September 21, 2020`).
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b",
        r"|\b\d{1,2}\.?\s+(?:de\s+)?\p{L}{3,10}\.?,?\s+(?:de\s+)?(?:19|20)\d{2}\b",
        r"|\b\p{L}{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b",
    ))
    .expect("valid regex")
});

/// `credit` cut before its first date, time or "Updated" stamp, without the separators
/// left at the end.
fn cut_dates(credit: &str) -> String {
    let cut = DATE_CUT
        .find(credit)
        .map_or(credit, |m| &credit[..m.start()]);
    TRAILING_JUNK.replace(cut, "").trim().to_string()
}

/// Whether a short line has sentence-ending punctuation: `!`, `?`, or a period that
/// does not follow an initial (`W.`, `U.S.`, `p.m.`) or a known abbreviation (`Jr.`).
fn has_sentence_end(line: &str) -> bool {
    if line.contains(['!', '?']) {
        return true;
    }
    line.split_whitespace().any(|token| {
        let token = token.trim_end_matches([',', ';', ')', ']']);
        if !token.ends_with('.') {
            return false;
        }
        let letters: String = token.chars().filter(|c| c.is_alphabetic()).collect();
        let lower = token.trim_end_matches('.').to_lowercase();
        !(letters.chars().count() <= 2
            || in_list(ABBREVIATIONS, lower.as_str())
            || token.matches('.').count() >= 2)
    })
}

// ---------------------------------------------------------------------------------------
// Editor's notes
// ---------------------------------------------------------------------------------------

/// Notes recognised by how they start, whatever their length.
static NOTE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:(?:editor|editors|publisher|author|writer|translator)(?:['’]s|s['’])?\s+notes?\b",
        r"|(?:correction|corrections|clarification|update|updated|disclosure|disclaimer|",
        r"programming note|note to readers)\s*(?:\([^)]{0,40}\))?\s*[:：\-–—]",
        r"|(?:an earlier|a previous|an older|the original) version of this (?:article|story|report|piece)",
        r"|(?:additional |reporting and )?(?:reporting|writing|editing) by\b.{0,200};",
        r")",
    ))
    .expect("valid regex")
});

/// Short notes recognised by a whole pattern: series, publication and update notices.
static NOTE_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // "This is the second installment in this series.", "This is the first of a
        // three-part series", "This article is part of a series on …"
        r"(?i)^(?:this|the following|below)(?: (?:article|story|report|piece|column|essay|post|",
        r"installment|instalment|interview|feature))? (?:is|was|marks|forms|concludes|begins|opens)",
        r" (?:the |a |an |part )?(?:[\w-]+ ){0,3}(?:of|in) (?:a|an|the|this|our|its|[\w-]+)",
        r"(?: [\w-]+){0,4} (?:series|serial|package|project|collection)\b",
        // "Part two of a four-part series"
        r"|^(?:this is )?(?:part|installment|instalment|chapter|episode) [\w-]+ (?:of|in) ",
        r"(?:a|an|the|this|our)\b.{0,80}\bseries\b",
        // "This article was originally published …", "This story has been updated …"
        r"|^this (?:article|story|report|piece|column|interview|essay|post|version|",
        r"content|page|feature) (?:was|has been|is|had been|have been|were) (?:\w+ )?",
        r"(?:published|updated|corrected|amended|edited|condensed|adapted|translated|produced|",
        r"reprinted|republished|revised|sponsored|paid|written|first|originally|part of)\b",
        r"|^the (?:views|opinions) expressed\b",
        r"|^the (?:writer|author|columnist)s? (?:is|are|was|were) (?:an? |the )",
        r"|^(?:this|the) (?:story|article|report) (?:contains|includes) (?:reporting|material) from\b",
    ))
    .expect("valid regex")
});

/// Longest paragraph that the sentence patterns take as a note.
const MAX_NOTE_SENTENCE_CHARS: usize = 400;

/// Whether a paragraph is an editor's or series note rather than story text.
///
/// Recognised by their opening: `Editor’s note: …`, `Correction: …`,
/// `Clarification: …`, `Update: …`, `An earlier version of this article …`,
/// `Reporting by …; Editing by …`; and, up to 400 characters, by whole patterns: series
/// notes (`This is the second installment in this series.`, `This is the first of a
/// three-part series`, `This article is part of a series on …`, `Part two of a
/// four-part series`), publication and update notices (`This article was originally
/// published …`, `This story has been updated …`), disclaimers (`The views expressed
/// …`) and author notes (`The writer is a …`). Brackets, parentheses and emphasis marks
/// around the note are ignored.
pub fn is_editor_note(paragraph: &str) -> bool {
    let p = paragraph
        .trim()
        .trim_start_matches(['(', '[', '*', '_'])
        .trim_start();
    if p.is_empty() {
        return false;
    }
    NOTE_LABEL.is_match(p)
        || (p.chars().count() <= MAX_NOTE_SENTENCE_CHARS && NOTE_SENTENCE.is_match(p))
}

// ---------------------------------------------------------------------------------------
// Plain-text structure
// ---------------------------------------------------------------------------------------

/// The structure of a plain-text article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlainStructure {
    /// The title: `known_title` when given, else the first paragraph when it reads as a
    /// title.
    pub title: Option<String>,
    /// The article's blocks in order; the title line and byline lines are not blocks.
    pub blocks: Vec<DraftBlock>,
    /// Authors from byline lines of the main story (sidebar bylines are on the sidebar
    /// block instead).
    pub authors: Vec<Author>,
}

/// Longest heading, in words and characters.
const MAX_HEADING_WORDS: usize = 11;
const MAX_HEADING_CHARS: usize = 100;
/// Longest title, in words and characters.
const MAX_TITLE_WORDS: usize = 35;
const MAX_TITLE_CHARS: usize = 250;

/// Lays the paragraphs of a cleaned plain-text scrape
/// ([`super::cleanup::clean_plain_text`]) out as title, authors and blocks.
///
/// Rules, in order, for each paragraph:
/// - Title: with `known_title`, a first paragraph equal to it (ignoring case,
///   whitespace, quotation-mark style and a site suffix) is dropped; without it, the
///   first paragraph is the title when it reads as one (at most 35 words, no final
///   period, not a quotation, byline, note or list item, one sentence at most) and
///   another paragraph follows (a text of one paragraph is all story). A final
///   `2.4%.` or `5 p.m.` is a final period; `U.S.` is not.
/// - Editor's notes ([`is_editor_note`]) → [`BlockKind::EditorNote`].
/// - A byline line ([`parse_byline`]) in the main story, when another paragraph
///   follows, → the article's `authors`, not a block; in a sidebar it completes the
///   sidebar's byline. A short line right after it that names an organisation (`BBC
///   News, Leeds`) is the authors' affiliation.
/// - Image captions and credits (`Image caption: …`, `Photo: …`) →
///   [`BlockKind::FigureCaption`].
/// - A bullet item kept by cleanup → [`BlockKind::ListItem`], marker removed.
/// - A heading-like line (at most 11 words and 100 characters, capitalised, no final
///   period, colon or comma, not a quotation, not a date stamp) directly followed by a
///   byline line, after the story has begun, starts a sidebar: a [`BlockKind::Sidebar`]
///   block carrying the heading and the parsed byline, followed by the byline line as a
///   [`BlockKind::Byline`] block, in a new section; the paragraphs after it belong to
///   that section. (Before the story begins, the same pair is a heading and
///   the article's byline.) A heading-like line without a byline →
///   [`BlockKind::Heading`], level 2.
/// - Anything else → [`BlockKind::Paragraph`]. A date or "Updated" stamp line is a
///   paragraph too, but does not begin the story.
///
/// A paragraph that begins or ends with a quotation mark is never a heading or a title:
/// a quotation standing alone is text.
pub fn structure_plain_text(paragraphs: &[String], known_title: Option<&str>) -> PlainStructure {
    let paras: Vec<&str> = paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = PlainStructure::default();
    let mut start = 0;
    match known_title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(known) => {
            if paras.first().is_some_and(|p| same_title(p, known)) {
                start = 1;
            }
            out.title = Some(known.to_string());
        }
        None => {
            // (a text of one paragraph is all story: taking it as the title would leave
            // nothing)
            if let Some(first) = paras
                .first()
                .filter(|p| paras.len() > 1 && looks_like_title(p))
            {
                out.title = Some((*first).to_string());
                start = 1;
            }
        }
    }

    let mut section = 0u32;
    let mut story_begun = false;
    let mut i = start;
    while i < paras.len() {
        let p = paras[i];
        i += 1;
        if is_editor_note(p) {
            out.blocks.push(block(BlockKind::EditorNote, p, section));
            continue;
        }
        // (a text of one paragraph is all story, whatever it looks like)
        if let Some(mut byline) = parse_byline(p).filter(|_| paras.len() > 1) {
            // "By Priya Raman" / "BBC News, Leeds": the affiliation on its own line.
            if let Some(aff) = paras.get(i).and_then(|n| affiliation_line(n)) {
                if !byline.is_empty() {
                    apply_role_affiliation(&mut byline, None, Some(aff));
                    i += 1;
                }
            }
            let target = if section == 0 {
                &mut out.authors
            } else {
                match out
                    .blocks
                    .iter_mut()
                    .rev()
                    .find(|b| b.kind == BlockKind::Sidebar)
                {
                    Some(sidebar) => &mut sidebar.byline,
                    None => &mut out.authors,
                }
            };
            extend_authors(target, byline);
            continue;
        }
        if is_caption(p) {
            out.blocks.push(block(BlockKind::FigureCaption, p, section));
            continue;
        }
        if let Some(item) = list_item_text(p) {
            out.blocks.push(block(BlockKind::ListItem, item, section));
            story_begun = true;
            continue;
        }
        if is_heading_like(p) {
            let next_byline = paras.get(i).and_then(|n| parse_byline(n));
            match next_byline {
                Some(byline) if story_begun => {
                    section += 1;
                    let mut sidebar = block(BlockKind::Sidebar, p, section);
                    sidebar.heading = Some(p.to_string());
                    extend_authors(&mut sidebar.byline, byline);
                    out.blocks.push(sidebar);
                    // The byline line stays in the text (as a byline block of the
                    // sidebar), so later stages see the author's name and role.
                    if let Some(line) = paras.get(i) {
                        out.blocks.push(block(BlockKind::Byline, line, section));
                    }
                    i += 1;
                }
                _ => {
                    let mut heading = block(BlockKind::Heading, p, section);
                    heading.level = 2;
                    out.blocks.push(heading);
                }
            }
            continue;
        }
        out.blocks.push(block(BlockKind::Paragraph, p, section));
        story_begun |= !is_date_stamp(p);
    }
    out
}

/// The organisation named by a line that follows a byline (`BBC News, Leeds` →
/// `BBC News`): short, no final punctuation, and reading as an organisation.
fn affiliation_line(p: &str) -> Option<&str> {
    if p.split_whitespace().count() > 6
        || p.chars().count() > 60
        || p.ends_with(['.', '!', '?', ':', ';'])
        || starts_or_ends_with_quote(p)
    {
        return None;
    }
    let org = p.split(',').next().unwrap_or(p).trim();
    (looks_like_org(org) && parse_byline(p).is_none()).then_some(org)
}

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^[(\[]?(?:image|photo|picture|video|graphic|illustration|file photo|caption)",
        r"(?: caption| credit|s)?\s*[:|—–-]\s*\S",
        r"|^[(\[]?(?:photo|image|picture)s? (?:by|courtesy of)\b",
    ))
    .expect("valid regex")
});

/// Whether `p` is an image or video caption or credit (`Image caption: …`,
/// `Photo: Reuters`, `(Photo by …)`).
fn is_caption(p: &str) -> bool {
    p.chars().count() <= 400 && CAPTION.is_match(p)
}

fn block(kind: BlockKind, text: &str, section: u32) -> DraftBlock {
    let mut b = DraftBlock::new(kind, text);
    b.section = section;
    b
}

/// Appends `more` to `authors`, skipping names already there.
fn extend_authors(authors: &mut Vec<Author>, more: Vec<Author>) {
    for a in more {
        if !authors
            .iter()
            .any(|b| b.name.to_lowercase() == a.name.to_lowercase())
        {
            authors.push(a);
        }
    }
}

/// Whether paragraph `p` is the title `known` (ignoring case, whitespace, quotation-mark
/// style and a site suffix on either).
fn same_title(p: &str, known: &str) -> bool {
    let key = |s: &str| -> String {
        collapse_ws(s)
            .chars()
            .map(|c| match c {
                '‘' | '’' | '‛' | '′' => '\'',
                '“' | '”' | '„' | '″' => '"',
                '–' | '—' => '-',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let p = key(p);
    p == key(known)
        || p == key(&strip_site_suffix(known, None))
        || key(&strip_site_suffix(&p, None)) == key(&strip_site_suffix(known, None))
}

/// Quotation marks that open or close a quotation.
const QUOTES: &[char] = &[
    '"', '“', '”', '„', '‟', '«', '»', '‹', '›', '「', '」', '『', '』', '\'', '‘', '’', '‚',
];

fn starts_or_ends_with_quote(s: &str) -> bool {
    s.starts_with(QUOTES) || s.ends_with(QUOTES)
}

/// Whether `p` reads as a title: see [`structure_plain_text`].
fn looks_like_title(p: &str) -> bool {
    let words = p.split_whitespace().count();
    (1..=MAX_TITLE_WORDS).contains(&words)
        && (3..=MAX_TITLE_CHARS).contains(&p.chars().count())
        && starts_capitalised(p)
        && !starts_or_ends_with_quote(p)
        && !p.ends_with([':', ';', ',', '…'])
        && !ends_with_sentence_period(p)
        && !has_inner_sentence_break(p)
        && list_item_text(p).is_none()
        && !is_editor_note(p)
        && parse_byline(p).is_none()
}

/// Whether `p` reads as a heading: see [`structure_plain_text`].
fn is_heading_like(p: &str) -> bool {
    let words = p.split_whitespace().count();
    (1..=MAX_HEADING_WORDS).contains(&words)
        && p.chars().count() <= MAX_HEADING_CHARS
        && starts_capitalised(p)
        && !starts_or_ends_with_quote(p)
        && !p.ends_with([':', ';', ',', '…', '!'])
        && !ends_with_sentence_period(p)
        && !has_inner_sentence_break(p)
        && !is_date_stamp(p)
}

/// Whether `p` begins with a date, a time or an "Updated" stamp (`Updated 5:00 PM ET,
/// June 3, 2019`): such a line is neither a heading nor the start of the story.
fn is_date_stamp(p: &str) -> bool {
    DATE_CUT.find(p).is_some_and(|m| m.start() == 0)
}

/// Starts with a capital letter or a digit (or a letter of a script without case).
fn starts_capitalised(p: &str) -> bool {
    p.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase())
}

/// Ends with a period that is not the end of an initialism (`U.S.`). A decimal number
/// (`2.4%.`) and the times of day `a.m.` / `p.m.` end sentences.
fn ends_with_sentence_period(p: &str) -> bool {
    if !p.ends_with('.') {
        return false;
    }
    let last = p.split_whitespace().last().unwrap_or_default();
    let last = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    if matches!(last, "a.m." | "p.m." | "A.M." | "P.M.") {
        return true;
    }
    // an initialism: single letters, each followed by a period
    let letters: Vec<&str> = last.split_terminator('.').collect();
    let initialism = letters.len() >= 2
        && letters
            .iter()
            .all(|l| l.chars().count() == 1 && l.chars().all(char::is_alphabetic));
    !initialism
}

/// Contains a sentence break (`. `, `! `, `? ` followed by a capital) inside.
fn has_inner_sentence_break(p: &str) -> bool {
    SENTENCE_BREAK.is_match(p)
}

static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}{2,}[.!?]\s+\p{Lu}").expect("valid regex"));

/// `s` trimmed, with runs of whitespace collapsed to one space.
fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `word` is one of the space-separated words of `list`.
fn in_list(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// Whether a lower-case word makes a credit a desk, a placeholder or a stock-photo
/// agency's ([`DESK_WORDS`], [`STOCK_AGENCIES`]).
fn is_desk_word(word: &str) -> bool {
    in_list(DESK_WORDS, word) || in_list(STOCK_AGENCIES, word)
}

#[cfg(test)]
mod tests {
    use super::super::cleanup::clean_plain_text;
    use super::*;

    const SEED: &str = include_str!("../../tests/fixtures/seed_japan_news.txt");

    fn author(name: &str, role: Option<&str>, affiliation: Option<&str>) -> Author {
        Author {
            name: name.to_string(),
            role: role.map(str::to_string),
            affiliation: affiliation.map(str::to_string),
            found_in: FoundIn::Byline,
        }
    }

    fn structure(raw: &str, known_title: Option<&str>) -> PlainStructure {
        structure_plain_text(&clean_plain_text(raw).paragraphs, known_title)
    }

    fn count(s: &PlainStructure, kind: BlockKind, section: u32) -> usize {
        s.blocks
            .iter()
            .filter(|b| b.kind == kind && b.section == section)
            .count()
    }

    #[test]
    fn a_byline_word_alone_is_no_author() {
        for credit in ["von", "Autor", "par", "By"] {
            assert!(parse_marked_credit(credit).is_empty(), "{credit}");
        }
        let names: Vec<String> = parse_marked_credit("heiko")
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(names, ["heiko"]);
    }

    #[test]
    fn a_contact_link_and_a_phone_number_are_not_part_of_a_credit() {
        let authors = parse_marked_credit("Martin Junker Kontakt | +49 030 5683 8000 60");
        assert_eq!(authors.len(), 1, "{authors:?}");
        assert_eq!(authors[0].name, "Martin Junker");
        assert_eq!(authors[0].affiliation, None);
        assert_eq!(authors[0].role, None);
    }

    #[test]
    fn seed_article_structure() {
        let s = structure(SEED, None);
        let title = "Abe’s diplomacy for Osaka G20 (2) / A time to be patient for dialogue with North Korea";
        assert_eq!(s.title.as_deref(), Some(title));
        assert_eq!(
            split_title(title),
            TitleParts {
                series: Some("Abe’s diplomacy for Osaka G20".to_string()),
                installment: Some(2),
                headline: "A time to be patient for dialogue with North Korea".to_string(),
            }
        );
        for b in &s.blocks {
            for bad in [
                "print PRINT",
                "• Ambassador",
                "• Ukraine",
                "COVID-19",
                "Trending Japan",
            ] {
                assert!(!b.text.contains(bad), "{bad:?} in {:?}", b.text);
            }
            assert!(!b.text.starts_with("Ukraine"));
        }
        let notes: Vec<&DraftBlock> = s
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::EditorNote)
            .collect();
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes[0].text,
            "This is the second installment in this series."
        );
        assert_eq!(count(&s, BlockKind::Paragraph, 0), 21);
        assert_eq!(count(&s, BlockKind::Heading, 0), 0);

        let sidebar_at = s
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Sidebar)
            .expect("a sidebar");
        assert_eq!(
            s.blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Sidebar)
                .count(),
            1
        );
        let sidebar = &s.blocks[sidebar_at];
        assert_eq!(sidebar.section, 1);
        assert_eq!(sidebar.text, "Environment created for starting talks");
        assert_eq!(
            sidebar.heading.as_deref(),
            Some("Environment created for starting talks")
        );
        assert_eq!(
            sidebar.byline,
            vec![author(
                "Hajime Izumi",
                Some("Professor"),
                Some("Tokyo International University")
            )]
        );
        let byline = &s.blocks[sidebar_at + 1];
        assert_eq!(byline.kind, BlockKind::Byline);
        assert_eq!(byline.section, 1);
        assert!(byline.text.contains("Hajime Izumi"));
        let after = &s.blocks[sidebar_at + 2..];
        assert_eq!(after.len(), 3);
        assert!(after
            .iter()
            .all(|b| b.kind == BlockKind::Paragraph && b.section == 1));
        assert!(after[0]
            .text
            .starts_with("Prime Minister Shinzo Abe has stressed"));
        // The stand-alone quotation stays a paragraph of the main story.
        assert!(s.blocks.iter().any(|b| b.kind == BlockKind::Paragraph
            && b.text == "“I myself will face up to Kim Jong Un to resolve the issues.”"));
        assert!(s.authors.is_empty());
        assert!(s
            .blocks
            .iter()
            .all(|b| b.kind == BlockKind::Byline || !b.text.starts_with("By ")));

        // With the title known from the envelope (site suffix included), the title line
        // is dropped just the same.
        let known = format!("{title} | The Japan News");
        let with_known = structure(SEED, Some(&known));
        assert_eq!(with_known.title.as_deref(), Some(known.as_str()));
        assert_eq!(with_known.blocks, s.blocks);
    }

    #[test]
    fn sentences_ending_in_numbers_or_times_are_not_titles() {
        // one paragraph is the story, whatever it looks like
        let s = structure("The report warned that growth would slow to 2.4%.", None);
        assert_eq!(s.title, None);
        assert_eq!(s.blocks.len(), 1);
        let s = structure("Trade talks with the U.S.", None);
        assert_eq!(s.title, None);
        // a decimal number or a time of day ends the sentence
        for first in [
            "Growth slowed to 2.4%.",
            "Officials met at 5 p.m.",
            "The index rose 3.5.",
        ] {
            let s = structure(&format!("{first}\n\nThe talks went on for hours."), None);
            assert_eq!(s.title, None, "{first}");
            assert_eq!(s.blocks.len(), 2, "{first}");
        }
        // an initialism does not
        let s = structure(
            "Trade talks with the U.S.\n\nThe talks went on for hours.",
            None,
        );
        assert_eq!(s.title.as_deref(), Some("Trade talks with the U.S."));
    }

    #[test]
    fn known_title_is_dropped_from_blocks() {
        let paragraphs: Vec<String> = [
            "Tram line extension approved",
            "The council approved the plan on Tuesday.",
        ]
        .iter()
        .copied()
        .map(String::from)
        .collect();
        let s = structure_plain_text(
            &paragraphs,
            Some("Tram Line Extension Approved | City Post"),
        );
        assert_eq!(
            s.title.as_deref(),
            Some("Tram Line Extension Approved | City Post")
        );
        assert_eq!(s.blocks.len(), 1);
        assert_eq!(s.blocks[0].kind, BlockKind::Paragraph);
        // A known title that differs from the first line keeps that line.
        let s = structure_plain_text(&paragraphs, Some("Something else"));
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(s.blocks[0].kind, BlockKind::Heading);
    }

    #[test]
    fn quotation_is_never_title_or_heading() {
        let paragraphs: Vec<String> = [
            "“We will not give up”",
            "The minister said this on Monday.",
            "“Never again”",
            "Officials agreed.",
        ]
        .iter()
        .copied()
        .map(String::from)
        .collect();
        let s = structure_plain_text(&paragraphs, None);
        assert_eq!(s.title, None);
        assert!(s.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
        assert_eq!(s.blocks.len(), 4);
    }

    /// A wire story: hard-wrapped, agency byline, footer boilerplate, an in-story
    /// bulleted list, a subheading and a correction.
    #[test]
    fn wire_story_with_list_heading_and_correction() {
        let raw = "\
Menu
Search

Port strike halts exports in three cities

By Maria Gonzalez and Tom O'Neil, Staff Writers
Updated 5:00 PM ET, June 3, 2019

Dock workers in three port cities walked off the job on Monday,
halting most container traffic and stranding dozens of ships at
anchor outside the harbours, the port authority said.

The union listed its demands:

• A wage increase of 6 percent over two years, backdated to January.
• Limits on the use of automated cranes at the main terminals.

What happens next

Talks are scheduled to resume on Thursday, officials said.

Correction: An earlier version of this story misstated the number of ports.

Share this article
Facebook Twitter Email
Copyright 2019 Example Wire Service. All rights reserved.
- Business
- Markets
- World";
        let s = structure(raw, None);
        assert_eq!(
            s.title.as_deref(),
            Some("Port strike halts exports in three cities")
        );
        assert_eq!(
            s.authors,
            vec![
                author("Maria Gonzalez", Some("Staff Writers"), None),
                author("Tom O'Neil", Some("Staff Writers"), None),
            ]
        );
        let kinds: Vec<BlockKind> = s.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::EditorNote,
            ]
        );
        // The date stamp stays text (for the date stage) but is no heading.
        assert_eq!(s.blocks[0].text, "Updated 5:00 PM ET, June 3, 2019");
        assert!(s.blocks[1].text.starts_with(
            "Dock workers in three port cities walked off the job on Monday, halting"
        ));
        assert_eq!(
            s.blocks[3].text,
            "A wage increase of 6 percent over two years, backdated to January."
        );
        assert_eq!(s.blocks[5].text, "What happens next");
        assert_eq!(s.blocks[5].level, 2);
        assert!(s.blocks.iter().all(|b| b.section == 0));
    }

    /// An opinion page: one-paragraph-per-line scrape, "NAME | AGENCY" byline, an
    /// analysis box with its own byline, and a series title.
    #[test]
    fn analysis_box_becomes_sidebar() {
        let raw = "\
Energy transition, Part 3: Why the grid cannot keep up
John Smith | Reuters
Utilities across the region have asked regulators for permission to build new transmission lines, citing a surge in demand from data centres.
Regulators have so far approved only a fraction of the requests.
“We are running out of time,” one executive said.
Related: Heat wave strains power supply
The expert view
By Mary Major, Senior Fellow at the Example Institute
Grid investment has lagged generation for a decade, and the gap is widening.
Permitting reform would help more than subsidies.
This article was originally published in the weekend edition.
© 2024 Example Media";
        let s = structure(raw, None);
        let title = s.title.clone().expect("title");
        let parts = split_title(&title);
        assert_eq!(parts.series.as_deref(), Some("Energy transition"));
        assert_eq!(parts.installment, Some(3));
        assert_eq!(parts.headline, "Why the grid cannot keep up");
        assert_eq!(s.authors, vec![author("John Smith", None, Some("Reuters"))]);
        assert_eq!(count(&s, BlockKind::Paragraph, 0), 3);
        let sidebar = s
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Sidebar)
            .expect("sidebar");
        assert_eq!(sidebar.heading.as_deref(), Some("The expert view"));
        assert_eq!(
            sidebar.byline,
            vec![author(
                "Mary Major",
                Some("Senior Fellow"),
                Some("Example Institute")
            )]
        );
        assert_eq!(count(&s, BlockKind::Paragraph, 1), 2);
        assert_eq!(count(&s, BlockKind::EditorNote, 1), 1);
        assert!(s.blocks.iter().all(|b| !b.text.contains("Related")));
    }

    /// A broadcaster's page: menu lines, a dash site suffix, byline with the
    /// affiliation on the next line, an image caption, and "More on this story" teasers.
    #[test]
    fn broadcaster_page_with_menu_caption_and_teasers() {
        let raw = "\
Skip to main content
Home
News
Sport
Weather

Residents return to flooded town as waters recede - Example Daily

By Priya Raman
BBC News, Leeds

Hundreds of residents returned to their homes on Monday as flood waters began to recede.

\"It's devastating,\" said one shop owner. \"We lost everything.\"

Image caption: Volunteers cleared mud from the high street

What the council said

A spokesperson said the response had been \"swift and effective\".

Share this page
More on this story
Floods: How to protect your home
Related Topics
Flooding
Leeds";
        let s = structure(raw, None);
        let title = s.title.clone().expect("title");
        assert_eq!(
            split_title(&title).headline,
            "Residents return to flooded town as waters recede"
        );
        assert_eq!(
            s.authors,
            vec![author("Priya Raman", None, Some("BBC News"))]
        );
        let kinds: Vec<BlockKind> = s.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::FigureCaption,
                BlockKind::Heading,
                BlockKind::Paragraph,
            ]
        );
        assert!(s.blocks[4].text.starts_with("A spokesperson"));
    }

    #[test]
    fn split_title_general_forms() {
        let cases: &[(&str, Option<&str>, Option<u32>, &str)] = &[
            (
                "Series (3): Headline here",
                Some("Series"),
                Some(3),
                "Headline here",
            ),
            (
                "Water wars, Part 2: The dry south",
                Some("Water wars"),
                Some(2),
                "The dry south",
            ),
            (
                "Rebuilding Tohoku No. 4 / Fishermen return",
                Some("Rebuilding Tohoku"),
                Some(4),
                "Fishermen return",
            ),
            (
                "Our cities [5] — Night buses",
                Some("Our cities"),
                Some(5),
                "Night buses",
            ),
            (
                "Our cities (IV) — Night buses",
                Some("Our cities"),
                Some(4),
                "Night buses",
            ),
            ("Part 3: The road ahead", None, Some(3), "The road ahead"),
            (
                "The long road home (Part 2)",
                Some("The long road home"),
                Some(2),
                "The long road home",
            ),
            (
                "Inside the factory, Part II",
                Some("Inside the factory"),
                Some(2),
                "Inside the factory",
            ),
            (
                "Series (2) / Headline | The Japan News",
                Some("Series"),
                Some(2),
                "Headline",
            ),
            (
                "Analysis: Markets shrug off rate fears",
                None,
                None,
                "Analysis: Markets shrug off rate fears",
            ),
            (
                "  Japan and Korea hold talks  ",
                None,
                None,
                "Japan and Korea hold talks",
            ),
            ("G7 summit (2019) ends", None, None, "G7 summit (2019) ends"),
            ("Top 10 (CD) picks", None, None, "Top 10 (CD) picks"),
            (
                "Our Cities (5) | Night Buses Return",
                Some("Our Cities"),
                Some(5),
                "Night Buses Return",
            ),
            (
                "The long road home (Part 2) | Example News",
                Some("The long road home"),
                Some(2),
                "The long road home",
            ),
            (
                "Talks with (Xi) - Beijing",
                None,
                None,
                "Talks with (Xi) - Beijing",
            ),
            (
                "There is no 1 answer: experts",
                None,
                None,
                "There is no 1 answer: experts",
            ),
        ];
        for (title, series, installment, headline) in cases {
            let parts = split_title(title);
            assert_eq!(parts.series.as_deref(), *series, "{title}");
            assert_eq!(parts.installment, *installment, "{title}");
            assert_eq!(parts.headline, *headline, "{title}");
        }
    }

    #[test]
    fn site_suffix_only_when_clearly_a_site() {
        assert_eq!(
            strip_site_suffix("Abe meets Putin | The Japan News", None),
            "Abe meets Putin"
        );
        assert_eq!(
            strip_site_suffix("Floods hit coast - BBC News", None),
            "Floods hit coast"
        );
        assert_eq!(
            strip_site_suffix("Floods hit coast – NHK WORLD", None),
            "Floods hit coast"
        );
        assert_eq!(
            strip_site_suffix("Floods hit coast | World | Example Daily", None),
            "Floods hit coast"
        );
        assert_eq!(
            strip_site_suffix("Floods hit coast - example.com", None),
            "Floods hit coast"
        );
        // after a domain, the title; a separator left dangling at the end goes
        assert_eq!(
            strip_site_suffix("energieverbraucher.de | Gaspreise", None),
            "energieverbraucher.de | Gaspreise"
        );
        assert_eq!(
            strip_site_suffix("National Rail Enquiries -", None),
            "National Rail Enquiries"
        );
        assert_eq!(
            strip_site_suffix(
                "Floods hit coast - The Coastal Voice",
                Some("The Coastal Voice")
            ),
            "Floods hit coast"
        );
        for kept in [
            "Japan - South Korea talks stall",
            "Profits rise - but costs climb too",
            "Trump Meets Kim - US Response",
            "Osaka G20 | what to expect from the summit",
            "Reuters",
        ] {
            assert_eq!(strip_site_suffix(kept, None), kept);
        }
        assert_eq!(
            strip_site_suffix("  spaced   title  ", None),
            "spaced title"
        );
    }

    #[test]
    fn byline_forms() {
        let cases: Vec<(&str, Vec<Author>)> = vec![
            (
                "By Hajime Izumi / Tokyo International University Professor",
                vec![author(
                    "Hajime Izumi",
                    Some("Professor"),
                    Some("Tokyo International University"),
                )],
            ),
            (
                "By Jane Doe, Staff Writer",
                vec![author("Jane Doe", Some("Staff Writer"), None)],
            ),
            (
                "John Smith | Reuters",
                vec![author("John Smith", None, Some("Reuters"))],
            ),
            (
                "By Ann Lee and Bo Park",
                vec![author("Ann Lee", None, None), author("Bo Park", None, None)],
            ),
            (
                "By Ann Lee, Bo Park and Cy Young",
                vec![
                    author("Ann Lee", None, None),
                    author("Bo Park", None, None),
                    author("Cy Young", None, None),
                ],
            ),
            (
                "By Kim Tong-hyung (AP)",
                vec![author("Kim Tong-hyung", None, Some("AP"))],
            ),
            (
                "From Sarah Khan in Islamabad",
                vec![author("Sarah Khan", None, None)],
            ),
            (
                "By John Smith, Updated 5:00 PM ET, June 3, 2019",
                vec![author("John Smith", None, None)],
            ),
            (
                "By JOHN SMITH on March 4, 2020",
                vec![author("John Smith", None, None)],
            ),
            (
                "By George W. Bush Jr.",
                vec![author("George W. Bush Jr.", None, None)],
            ),
            (
                "By Jane Doe, The New York Times",
                vec![author("Jane Doe", None, Some("The New York Times"))],
            ),
            (
                "By Ken Sato, Yomiuri Shimbun Staff Writer",
                vec![author(
                    "Ken Sato",
                    Some("Staff Writer"),
                    Some("Yomiuri Shimbun"),
                )],
            ),
            ("By April Ryan", vec![author("April Ryan", None, None)]),
            (
                "By Sunday Okafor, Monday",
                vec![author("Sunday Okafor", None, None)],
            ),
            (
                "By Jane Doe - Reuters",
                vec![author("Jane Doe", None, Some("Reuters"))],
            ),
            (
                "Jane Doe, Staff Writer",
                vec![author("Jane Doe", Some("Staff Writer"), None)],
            ),
            ("By Dr. Jane Doe", vec![author("Jane Doe", None, None)]),
            (
                "By Prof. Jane Doe",
                vec![author("Jane Doe", Some("Professor"), None)],
            ),
            (
                "Posted by Jane Doe @janedoe",
                vec![author("Jane Doe", None, None)],
            ),
            (
                "By Jane Doe, Correspondent in Seoul",
                vec![author("Jane Doe", Some("Correspondent"), None)],
            ),
            (
                "By Lee Hsien Loong, Prime Minister of Singapore",
                vec![author(
                    "Lee Hsien Loong",
                    Some("Prime Minister"),
                    Some("Singapore"),
                )],
            ),
            (
                "By Nguyễn Văn An",
                vec![author("Nguyễn Văn An", None, None)],
            ),
            (
                "By Jane Doe, Reuters and John Roe, AFP",
                vec![
                    author("Jane Doe", None, Some("Reuters")),
                    author("John Roe", None, Some("AFP")),
                ],
            ),
            (
                "By Jane Doe with additional reporting by John Roe",
                vec![
                    author("Jane Doe", None, None),
                    author("John Roe", None, None),
                ],
            ),
            (
                "Written by Ludwig van Berg, Research Fellow",
                vec![author("Ludwig van Berg", Some("Research Fellow"), None)],
            ),
            // Labels, a closing period, and bylines after the date.
            (
                "Auteur : Kossivi Tiassou",
                vec![author("Kossivi Tiassou", None, None)],
            ),
            (
                "Interview: Julia Lauter",
                vec![author("Julia Lauter", None, None)],
            ),
            (
                "Posted on September 21, 2020 by Adi Tzlil",
                vec![author("Adi Tzlil", None, None)],
            ),
            (
                "11.12.2019 - Amelie Loevenich",
                vec![author("Amelie Loevenich", None, None)],
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(parse_byline(line), Some(expected), "{line}");
        }
    }

    #[test]
    fn credit_only_bylines_name_no_person() {
        for line in [
            "By Staff",
            "By Staff Reporter",
            "By Reuters",
            "By The Associated Press",
            "By AP | Updated June 3, 2019",
        ] {
            assert_eq!(parse_byline(line), Some(Vec::new()), "{line:?}");
        }
    }

    #[test]
    fn non_bylines_are_rejected() {
        for line in [
            "By June 3, 2019",
            "By the numbers",
            "Kim Jong Un met Putin, Russia",
            "By the end of the year, prices had doubled.",
            "By then the talks had collapsed",
            "North Korea | Japan",
            "The minister spoke to reporters in Tokyo on Monday.",
            "“By Jane Doe”",
            "Environment created for starting talks",
            "Interview mit Bernhard Mosbacher und Franziska Weber",
            "12.05.2021 - Stadtrat beschließt neuen Haushalt",
            "Posted on May 3, 2021 by the river, the town held a fair",
            "04. November 2021 | PAID CONTENT",
            "Agenda 2030 – Stärkung der Geschlechtergerechtigkeit",
            "Google Appeals, Company Says",
            "Stocks Fall, Analysts Say",
            "",
            "   ",
            &format!("By {}", "Jane Doe ".repeat(20)),
        ] {
            assert_eq!(parse_byline(line), None, "{line:?}");
        }
    }

    #[test]
    fn editor_notes() {
        for note in [
            "This is the second installment in this series.",
            "This is the first of a three-part series on rural health care.",
            "This article is part of a series on the energy transition.",
            "Part two of a four-part series",
            "Editor’s note: This story contains graphic descriptions.",
            "Editor's Note — names have been changed.",
            "(This article was originally published in 2018.)",
            "This story has been updated to include a statement from the ministry.",
            "Correction: A previous version gave the wrong date.",
            "Clarification (June 4): The report was published by the agency.",
            "An earlier version of this article misspelled the minister's name.",
            "The views expressed are the author's own.",
            "The writer is a professor of economics at Example University.",
            "Reporting by John Smith; Editing by Jane Doe",
        ] {
            assert!(is_editor_note(note), "{note}");
        }
        for text in [
            "This is the second time the council has rejected the plan.",
            "The series of earthquakes damaged roads in the north.",
            "Kim Jong Un met with Putin for the first time.",
            "The article was published in a scientific journal, the researchers said.",
            "",
        ] {
            assert!(!is_editor_note(text), "{text}");
        }
    }

    /// Deterministic fuzzing: random strings of separators, quotation marks, bullets,
    /// digits, roman numerals, multi-byte letters and byline words never panic.
    #[test]
    fn random_inputs_never_panic() {
        const PIECES: &[&str] = &[
            "By ",
            "From ",
            " in ",
            " / ",
            " | ",
            " - ",
            " – ",
            ", ",
            " and ",
            "(",
            ")",
            "[",
            "]",
            "2",
            "IV",
            "Part ",
            "No. ",
            ":",
            ".",
            "“",
            "”",
            "’",
            "•",
            "\n",
            "\n\n",
            " ",
            "Jane",
            "DOE",
            "Professor",
            "Staff Writer",
            "Reuters",
            "June 3, 2019",
            "5:00",
            "é\u{301}",
            "你好",
            "مرحبا",
            "\u{200B}",
            "\u{A0}",
            "\t",
            "\r",
            "@x",
            "-",
            "Editor’s note",
            "This is the second installment in this series.",
            "©",
            "ʼ",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let _ = split_title(&text);
            let _ = strip_site_suffix(&text, Some(&text));
            let _ = parse_byline(&text);
            let _ = is_editor_note(&text);
            let clean = clean_plain_text(&text);
            let s = structure_plain_text(&clean.paragraphs, Some(&text));
            assert!(s.blocks.iter().all(|b| !b.text.trim().is_empty()));
            let _ = structure_plain_text(&clean.paragraphs, None);
        }
    }

    #[test]
    fn structure_of_empty_and_tiny_inputs() {
        assert_eq!(structure_plain_text(&[], None), PlainStructure::default());
        let blank = vec![String::new(), "   ".to_string()];
        assert_eq!(
            structure_plain_text(&blank, None),
            PlainStructure::default()
        );
        // one paragraph is the text, not a title over nothing
        let one = vec!["Just a title".to_string()];
        let s = structure_plain_text(&one, None);
        assert_eq!(s.title, None);
        assert_eq!(s.blocks.len(), 1);
        // nor a byline over nothing
        let one = vec!["Jane Doe, Reuters".to_string()];
        let s = structure_plain_text(&one, None);
        assert!(s.authors.is_empty());
        assert_eq!(s.blocks.len(), 1);
        // Nothing panics on odd Unicode.
        let odd = vec![
            "\u{0301}".to_string(),
            "ﷺ (٣) / ٣".to_string(),
            "•".to_string(),
        ];
        let _ = structure_plain_text(&odd, Some("\u{200B}"));
        let _ = split_title("(2) / ");
        let _ = split_title("ﷺ (Part ٣)");
        let _ = parse_byline("By ʼʼ ʼʼ");
    }
}
