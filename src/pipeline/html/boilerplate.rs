//! Boilerplate rules around the main-text extractor ([`super::main_text`]): which
//! class and id names mark page furniture (share bars, related links, newsletter
//! boxes, comments, breadcrumbs), and which short blocks of the extracted article read
//! as furniture in any of several languages ("Read more: …", "Lesen Sie auch", share
//! lines, breadcrumbs, copyright lines) and are dropped.

use std::sync::LazyLock;

use regex::Regex;

use crate::pipeline::document::{BlockKind, DraftBlock};

/// Class/id words that name page furniture, matched on `-`/`_`/space separated tokens.
const FURNITURE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "socials",
    "related",
    "newsletter",
    "promo",
    "subscribe",
    "subscription",
    "comments",
    "comment",
    "breadcrumb",
    "breadcrumbs",
    "advert",
    "ad",
    "ads",
    "advertisement",
    "cookie",
    "teaser",
    "teasers",
    "recommended",
    "recommendations",
    "sidebar",
    "outbrain",
    "taboola",
    "popular",
    "trending",
    "paywall",
    "signup",
    "author-bio",
    "bio",
    "tags",
    "tagcloud",
    "pagination",
    "pager",
    "more-stories",
    "readmore",
    "read-more",
    "most-read",
    "mostread",
    "footer",
    "nav",
    "navigation",
    "menu",
    "widget",
    "byline-social",
    "sharebar",
    "share-bar",
    "toolbar",
];

fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|t| !t.is_empty())
}

/// Whether a class/id string names furniture: a whole token (`related`, `ad`) or a
/// compound (`related-posts`, `social_share`).
pub(super) fn is_furniture(class_id: &str) -> bool {
    let lower = class_id.to_ascii_lowercase();
    if tokens(&lower).any(|t| FURNITURE.contains(&t)) {
        return true;
    }
    [
        "related-",
        "share-",
        "social-",
        "newsletter",
        "comment-list",
        "commentlist",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Words of share and follow bars in several languages.
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "tweet",
    "twitter",
    "facebook",
    "whatsapp",
    "pinterest",
    "pint",
    "pin",
    "linkedin",
    "xing",
    "email",
    "e",
    "mail",
    "print",
    "drucken",
    "teilen",
    "telegram",
    "reddit",
    "messenger",
    "copy",
    "link",
    "kopieren",
    "compartir",
    "partager",
    "condividi",
    "compartilhe",
    "baixar",
    "download",
    "flipboard",
    "x",
    "threads",
    "instagram",
    "youtube",
    "tiktok",
    "on",
    "this",
    "article",
    "artikel",
    "imprimir",
    "imprimer",
    "stampa",
    "sms",
    "comments",
    "kommentare",
    "0",
    "save",
];

static FURNITURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:read more|read also|also read|see also|related:|more on this:|",
        r"sign up for|subscribe to|click here|follow us|share this|sharing is caring|",
        r"image copyright|image caption|photo:|photograph:|foto:|credit:|enlarge image|",
        r"lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|das könnte sie|",
        r"lea (?:también|más)|lee también|leia (?:também|mais)|",
        r"lire (?:aussi|la suite)|à lire aussi|a lire aussi|voir aussi|leggi anche|",
        r"potrebbe interessarti|lees ook|copyright ©|copyright \d|©|\(c\) |all rights reserved|",
        r"alle rechte vorbehalten|tous droits réservés|todos los derechos|",
        // Teaser lines inside stories ("Lea: …", "LE PUEDE INTERESAR: …", "Schon gelesen?").
        r"lea:|lee:|mira:|vea también|ver también|le puede interesar|te puede interesar|",
        r"también te puede interesar|le recomendamos|noticia relacionada|escucha esta nota|",
        r"hazte miembro|suscríbete|schon gelesen|zum weiterlesen|lesen sie hier|auch auf \S+\.\w+|",
        r"mehr dazu:|mehr zum thema:|weitere informationen finden sie|jetzt abonnieren|",
        r"subscribe now|for the latest (?:stories|news)|download the \S+ app|get the \S+ app|",
        r"sign up to|sign up here|join our newsletter|if you enjoyed (?:reading )?this|",
        r"this article is the copyrighted property|written permission must be obtained|",
        r"the views expressed|is not responsible for the (?:opinions|content)|",
        r"war der artikel (?:nützlich|hilfreich)|möchten sie den artikel teilen|",
        r"teilen sie dies mit|mit anderen teilen|diesen artikel teilen|artikel teilen|",
        r"kommentar verfassen|kommentare geschlossen|kommentar schreiben|kommentare? \(\d+\)|",
        r"verwandte (?:beiträge|artikel)|ähnliche (?:beiträge|artikel)|rezept drucken|",
        r"older post|newer post|previous post|next post|vorheriger beitrag|nächster beitrag|",
        r"beitragsbild|titelbild|bildquelle|quelle: (?:pixabay|unsplash|shutterstock|getty|imago|dpa)|",
        r"trotz sorgfältiger inhaltlicher kontrolle|sofern nicht anders (?:angegeben|ausgewiesen)|",
        r"¡mira lo que|síguenos en|siga-nos|suivez-nous|folgen sie uns|seguici su|",
        r"auch lesen:|das (?:thema|könnte) (?:könnte )?dich auch interessieren|weitere beiträge|",
        r"mehr themen:|czytaj (?:też|także)|zapraszamy|sie müssen sich (?:einloggen|anmelden)|",
        r"we want to hear what you think|never miss the latest|advertising disclosure|",
        r"the advertising disclaimer|anzeige, enthält|für links auf dieser seite|",
        r"\(noch keine bewertungen\)|quellen ausblenden|dieses skript als pdf|",
        r"wählen sie ihren zugang|gefällt dir unser|photograph by|photo by|foto von|",
        r"keine lust alleine|klicken sie auf den)",
    ))
    .expect("valid regex")
});

static WHOLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:related(?: articles| stories| posts| content)?|recommended|advertisement|",
        r"anzeige|werbung|weiterlesen|read more|more|mehr|publicidad|publicité|pubblicità|",
        r"advert|iklan|caption|close|comments?|getty images|[\w .]{0,40}/ ?getty images|",
        r"kontakt|contact|suche|search|zurück|back|aktuell|kommentieren|kommentare|",
        r"weitere informationen|more information|mehr von|more from|permalink|permalien|",
        r"teilen|share|drucken|print|merken|tags|schlagworte)$",
    ))
    .expect("valid regex")
});

/// Whether a block is an image caption ending with a photo credit: "(Image: GETTY)",
/// "(Photo by …)", "Getty Images", "Getty Images for X", "/ AFP". Checked by hand on
/// the block's tail (a regular expression for it falls off the fast engines).
pub(super) fn is_credited_caption(text: &str) -> bool {
    if text.len() > 1200 || text.chars().count() > 300 {
        return false;
    }
    let tail: String = {
        let mut from = text.len().saturating_sub(160);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        text[from..].to_lowercase()
    };
    // Trailing punctuation other than a closing parenthesis does not count.
    let t = tail.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
    if let Some(inner) = t.strip_suffix(')') {
        if let Some(open) = inner.rfind('(') {
            let inside = &inner[open + 1..];
            if inside.len() <= 90 {
                const LABELS: &[&str] = &[
                    "images",
                    "image",
                    "photos",
                    "photo",
                    "pictures",
                    "picture",
                    "fotos",
                    "foto",
                    "credit",
                    "bild",
                    "source: getty",
                ];
                let labelled = LABELS.iter().any(|l| {
                    inside
                        .strip_prefix(l)
                        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
                });
                if labelled {
                    return true;
                }
            }
        }
    }
    let t = t.trim_end_matches(')').trim_end();
    if let Some(pos) = t.rfind("getty image") {
        let rest = t[pos + "getty image".len()..].trim_start_matches('s');
        let for_someone = rest.strip_prefix(" for ").is_some_and(|who| {
            (1..=40).contains(&who.len()) && who.chars().all(|c| c.is_alphanumeric() || c == ' ')
        });
        if rest.is_empty() || for_someone {
            return true;
        }
    }
    ["ap", "afp", "reuters", "getty", "epa", "dpa"]
        .iter()
        .any(|agency| {
            t.strip_suffix(agency).is_some_and(|head| {
                let head = head.strip_suffix(' ').unwrap_or(head);
                head.ends_with('/')
            })
        })
}

/// Whether a short block is furniture: a share bar, a breadcrumb trail, or a line that
/// opens with a "read more" / subscription / copyright formula.
pub(super) fn is_furniture_line(text: &str) -> bool {
    let len = text.chars().count();
    if len > 200 {
        return false;
    }
    if FURNITURE_LINE.is_match(text) || WHOLE_LINE.is_match(text.trim()) {
        return true;
    }
    if is_tag_list(text) {
        return true;
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() >= 2 && words.iter().all(|w| SHARE_WORDS.contains(&w.as_str())) {
        return true;
    }
    let crumbs =
        text.matches(" » ").count() + text.matches(" › ").count() + text.matches(" > ").count();
    crumbs >= 2 && !text.ends_with('.')
}

/// A "Tags: a, b, c" line (in several languages).
fn is_tag_list(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    let rest = [
        "tags",
        "tag",
        "schlagworte",
        "schlagwörter",
        "themen",
        "etiquetas",
        "mots-clés",
        "mots clés",
        "palavras-chave",
        "temas",
        "argomenti",
        "keywords",
    ]
    .iter()
    .find_map(|w| lower.strip_prefix(w));
    let Some(rest) = rest else { return false };
    let rest = rest.trim_start();
    rest.starts_with(':') || (rest.matches(',').count() >= 2 && !rest.ends_with('.'))
}

/// Headings (or short lines) that introduce a list of other stories, comments or a
/// newsletter box rather than a section of the article, in several languages.
static RELATED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:related(?: articles?| stories| posts?| content| news| coverage| reading| links)?|",
        r"more (?:on|from|about|in|news|stories|articles)(?-u:\b).*|more:|most (?:read|popular|viewed|shared|recent)(?-u:\b).*|",
        r"(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy)(?-u:\b).*|you may also be interested.*|",
        r"read (?:more|also|next)(?-u:\b).*|also read(?-u:\b).*|recent (?:articles|posts|stories|news)|",
        r"popular(?: this week| now| stories| articles| posts| news)?|trending(?: now| stories)?|",
        r"top (?:stories|videos?|news)|don'?t miss.*|recommended(?: for you| stories| articles)?|",
        r"what to read next|editor'?s picks|want more stories.*|join the conversation.*|",
        r"tell us what you think.*|leave a (?:reply|comment).*|comments?|",
        r"lesen sie (?:auch|mehr).*|mehr zum thema.*|das könnte sie auch interessieren.*|meistgelesen.*|",
        r"weitere artikel.*|noticias relacionadas|te puede interesar.*|lo más leído|más noticias.*|",
        r"leia também.*|veja também.*|mais lidas?|notícias relacionadas|você (?:também )?pode gostar.*|",
        r"à lire aussi.*|",
        r"sur le même sujet|les plus lus|articoli correlati|leggi anche.*|i più letti|",
        r"gerelateerde artikelen|meest gelezen)\W*$",
    ))
    .expect("valid regex")
});

/// Whether a block's text introduces related links, comments or other furniture.
pub(super) fn is_related_heading(text: &str) -> bool {
    text.chars().count() <= 60 && RELATED_HEADING.is_match(text.trim())
}

/// Share of a block's non-space characters that are link text.
fn link_density(b: &DraftBlock, links: usize) -> f64 {
    let n = b.text.chars().filter(|c| !c.is_whitespace()).count();
    if n == 0 {
        0.0
    } else {
        links as f64 / n as f64
    }
}

/// Block-level boilerplate rules on the blocks Readability kept, with the number of
/// link characters in each (`links[i]` for `blocks[i]`):
///
/// - a heading or short line that introduces related stories ("Related", "More on",
///   "Most read", "Lesen Sie auch", …) ends the article when little text follows it;
///   elsewhere it is dropped with the link-heavy blocks right after it;
/// - a short block in capitals that is almost all link text (a teaser) is dropped;
/// - a paragraph repeated right after itself (a slideshow caption) keeps one copy;
/// - short headings left at the very end are trimmed.
pub(super) fn filter_blocks(blocks: Vec<DraftBlock>, links: &[usize]) -> Vec<DraftBlock> {
    let n = blocks.len();
    let len = |b: &DraftBlock| b.text.chars().count();
    let total: usize = blocks.iter().map(len).sum();
    let dense = |i: usize| link_density(&blocks[i], links.get(i).copied().unwrap_or(0));
    let mut keep = vec![true; n];
    // A paragraph repeated right after itself is a slideshow caption or a teaser copy.
    for i in 1..n {
        if blocks[i].kind == BlockKind::Paragraph
            && len(&blocks[i]) >= 30
            && blocks[i].text == blocks[i - 1].text
        {
            keep[i] = false;
        }
    }
    let mut after = total;
    let mut i = 0;
    while i < n {
        let b = &blocks[i];
        after -= len(b);
        if b.kind != BlockKind::Table && is_related_heading(&b.text) {
            // A heading left from an emptied widget, followed by more of the story.
            let stray =
                i + 1 < n && blocks[i + 1].kind == BlockKind::Paragraph && dense(i + 1) < 0.2 && {
                    let next = &blocks[i + 1].text;
                    len(&blocks[i + 1]) >= 150
                        || (len(&blocks[i + 1]) >= 60 && next.ends_with(['.', '!', '?', '"', '”']))
                };
            if stray {
                keep[i] = false;
                i += 1;
                continue;
            }
            if after * 10 < total * 3 {
                keep[i..].iter_mut().for_each(|k| *k = false);
                break;
            }
            keep[i] = false;
            let mut j = i + 1;
            while j < n && dense(j) >= 0.5 && len(&blocks[j]) < 300 {
                keep[j] = false;
                after -= len(&blocks[j]);
                j += 1;
            }
            i = j;
            continue;
        }
        if b.kind != BlockKind::Table && dense(i) >= 0.9 && len(b) < 100 && is_shouted(&b.text) {
            keep[i] = false;
        }
        i += 1;
    }
    // Trailing headings and link lists.
    let mut end = n;
    while end > 0 {
        let j = end - 1;
        let b = &blocks[j];
        if !keep[j] || (b.kind == BlockKind::Heading && len(b) <= 60) {
            keep[j] = false;
            end -= 1;
        } else {
            break;
        }
    }
    if !keep.iter().any(|k| *k) {
        return blocks;
    }
    blocks
        .into_iter()
        .zip(keep)
        .filter_map(|(b, k)| k.then_some(b))
        .collect()
}

/// Whether a text is written in capitals (a teaser headline set in caps).
fn is_shouted(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 10 && letters.iter().all(|c| !c.is_lowercase())
}

/// Month and weekday names (and abbreviations) in several languages.
const CALENDAR_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];

/// Words of a dateline besides the [`CALENDAR_WORDS`]: time words and zones,
/// "updated", "published".
const DATE_WORDS: &[&str] = &[
    "am",
    "pm",
    "a",
    "m",
    "p",
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "et",
    "pt",
    "ct",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "ist",
    "updated",
    "update",
    "published",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "today",
    "yesterday",
    "ago",
    "hours",
    "hour",
    "minutes",
    "min",
    "mins",
    "h",
    "de",
    "às",
    "um",
    "le",
    "el",
    "du",
    "à",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "sábado",
    "domingo",
    "feira",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "stand",
    "aktualisiert",
    "veröffentlicht",
];

/// Whether a short block is only a date and time ("Published 11:11 PM EST Nov 19,
/// 2019", "Updated: Sat 8:31 PM, Feb 17, 2018").
pub(super) fn is_dateline(text: &str) -> bool {
    if text.chars().count() > 100 {
        return false;
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let digits = words
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .count();
    let named = words
        .iter()
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .all(|w| DATE_WORDS.contains(&w.as_str()) || CALENDAR_WORDS.contains(&w.as_str()));
    let calendar =
        words.iter().any(|w| CALENDAR_WORDS.contains(&w.as_str())) || TIME_OF_DAY.is_match(text);
    digits >= 2 && named && calendar
}

static TIME_OF_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)\d{1,2}:\d{2}(?-u:\b)").expect("valid regex"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_class_names() {
        assert!(is_furniture("related-posts"));
        assert!(is_furniture("c-social_share"));
        assert!(is_furniture("ad slot"));
        assert!(!is_furniture("article-body"));
        assert!(!is_furniture("header"));
        assert!(!is_furniture("shadow loaded"));
    }

    #[test]
    fn furniture_lines_in_several_languages() {
        assert!(is_furniture_line("Read more: Looted colonial art"));
        assert!(is_furniture_line("Lesen Sie auch: Neue Regeln ab Montag"));
        assert!(is_furniture_line(
            "Lea también: Impiden ingreso a Nicaragua"
        ));
        assert!(is_furniture_line("Whatsapp Facebook Pint Baixar"));
        assert!(is_furniture_line("Home » News » Local"));
        assert!(is_furniture_line(
            "© 2024 Example Media. All rights reserved."
        ));
        assert!(!is_furniture_line(
            "Related parties met on Friday to discuss the deal."
        ));
        assert!(!is_furniture_line(
            "The mayor said the storm was the worst in decades."
        ));
    }

    fn para(t: &str) -> DraftBlock {
        DraftBlock::new(BlockKind::Paragraph, t)
    }

    fn texts(blocks: &[DraftBlock]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn related_heading_near_the_end_ends_the_article() {
        let story = "The council approved the budget after a long debate on Tuesday night.";
        let other = "Opponents said they would take the matter to court within weeks.";
        let blocks = vec![
            para(story),
            para(other),
            para(story),
            DraftBlock::new(BlockKind::Heading, "Most read"),
            para("Other story one"),
        ];
        let out = filter_blocks(blocks, &[0, 0, 0, 0, 0]);
        assert_eq!(texts(&out), vec![story, other, story]);
    }

    #[test]
    fn related_heading_mid_article_drops_its_link_list() {
        let story = "The council approved the budget after a long debate on Tuesday night.";
        let other = "Opponents said they would take the matter to court within weeks.";
        let blocks = vec![
            para(story),
            DraftBlock::new(BlockKind::Heading, "Lesen Sie auch:"),
            DraftBlock::new(BlockKind::ListItem, "Another story"),
            para(other),
            para(story),
            para(other),
        ];
        let out = filter_blocks(blocks, &[0, 0, 13, 0, 0, 0]);
        assert_eq!(texts(&out), vec![story, other, story, other]);
        assert!(!is_related_heading("Related parties met on Friday"));
    }

    #[test]
    fn link_teasers_in_capitals_and_trailing_headings_are_dropped() {
        let story = "The council approved the budget after a long debate on Tuesday night.";
        let teaser = "MAYOR RESIGNS AFTER VOTE";
        let link = "Visit the city's website";
        let blocks = vec![
            para(story),
            para(teaser),
            para("Opponents said they would take the matter to court within weeks."),
            para(link),
            DraftBlock::new(BlockKind::Heading, "Trailing heading"),
        ];
        let out = filter_blocks(blocks, &[0, 21, 0, 20, 0]);
        // A link in lower case may be the article's own reference and stays.
        assert_eq!(
            texts(&out),
            vec![
                story,
                "Opponents said they would take the matter to court within weeks.",
                link
            ]
        );
    }

    #[test]
    fn repeated_caption_keeps_one_copy() {
        let cap = "The mayor speaks to reporters outside city hall on Monday.";
        let out = filter_blocks(vec![para(cap), para(cap), para("Body.")], &[0, 0, 0]);
        assert_eq!(texts(&out), vec![cap, "Body."]);
    }

    #[test]
    fn datelines_and_credits() {
        assert!(is_dateline("Published 11:11 PM EST Nov 19, 2019"));
        assert!(is_dateline("Updated: Sat 8:31 PM, Feb 17, 2018"));
        assert!(is_dateline("segunda-feira, 22 de janeiro de 2018 às 0:13"));
        assert!(!is_dateline(
            "The Associated Press Published Monday, November 18, 2019"
        ));
        assert!(!is_dateline("He arrived on May 3, 2019."));
        assert!(!is_dateline("15 – 30 Min"));
        assert!(is_credited_caption(
            "The plague wiped out half of Europe (Image: GETTY)"
        ));
        assert!(is_credited_caption("Fans at the show. Getty Images"));
        assert!(!is_credited_caption(
            "The agency said the images were real."
        ));
        assert!(is_furniture_line("Image copyright Getty Images"));
        assert!(is_furniture_line("Photo: Meg Kinnard, AP"));
        assert!(is_furniture_line("Advert"));
    }
}
