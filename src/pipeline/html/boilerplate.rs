//! Boilerplate rules applied around Readability: containers whose class or id names
//! page furniture (share bars, related links, newsletter boxes, comments, breadcrumbs)
//! are removed before it runs; short blocks that read as furniture in any of several
//! languages ("Read more: …", "Lesen Sie auch", share lines, breadcrumbs, copyright
//! lines) are dropped after it.

use std::sync::LazyLock;

use dom_query::{Document as Dom, NodeRef};
use regex::Regex;

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

/// Removes furniture containers from the page, never one that holds the headline or
/// a large part of the page's text (a `<body class="has-sidebar">`).
pub(super) fn remove_furniture(dom: &Dom) {
    let Some(body) = dom.select("body").nodes().first().cloned() else {
        return;
    };
    let total = text_len(&body);
    let mut doomed: Vec<NodeRef> = Vec::new();
    let mut stack: Vec<NodeRef> = body.element_children();
    while let Some(node) = stack.pop() {
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if matches!(name.as_str(), "article" | "main" | "h1" | "p") {
            stack.extend(node.element_children());
            continue;
        }
        let mut cid = String::new();
        for a in ["class", "id"] {
            if let Some(v) = node.attr(a) {
                cid.push_str(&v);
                cid.push(' ');
            }
        }
        if !cid.trim().is_empty() && is_furniture(&cid) {
            let len = text_len(&node);
            let holds_story = node.descendants_it().any(|d| {
                d.node_name().is_some_and(|n| {
                    n.eq_ignore_ascii_case("h1")
                        || (n.eq_ignore_ascii_case("p") && text_len(&d) >= 200)
                })
            });
            if !holds_story && len * 4 < total {
                doomed.push(node);
                continue;
            }
        }
        stack.extend(node.element_children());
    }
    for n in doomed {
        n.remove_from_parent();
    }
}

/// Length of the visible text under `node` (script and style excluded).
fn text_len(node: &NodeRef) -> usize {
    node.descendants_it()
        .filter(|n| n.is_text())
        .filter(|n| {
            n.parent().and_then(|p| p.node_name()).is_none_or(|name| {
                !matches!(
                    name.to_ascii_lowercase().as_str(),
                    "script" | "style" | "noscript" | "template"
                )
            })
        })
        .map(|n| n.text().trim().len())
        .sum()
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
        r"sign up for|subscribe to|click here|follow us|share this|",
        r"lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|das könnte sie|",
        r"lea (?:también|más)|lee también|leia (?:também|mais)|",
        r"lire (?:aussi|la suite)|à lire aussi|a lire aussi|voir aussi|leggi anche|",
        r"potrebbe interessarti|lees ook|copyright ©|copyright \d|©|\(c\) |all rights reserved|",
        r"alle rechte vorbehalten|tous droits réservés|todos los derechos)",
    ))
    .expect("valid regex")
});

static WHOLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:related(?: articles| stories| posts| content)?|recommended|advertisement|",
        r"anzeige|werbung|weiterlesen|read more|more|mehr|publicidad|publicité|pubblicità)$",
    ))
    .expect("valid regex")
});

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

    #[test]
    fn removes_furniture_but_not_the_article() {
        let body =
            "<p>Story text that is long enough to count as the article body. </p>".repeat(20);
        let long = "A reader comment that goes on and on. ".repeat(8);
        let page = format!(
            "<html><body class=\"has-sidebar\"><article><h1>T</h1>{body}\
             <div class=\"share-bar\">Share on Facebook</div></article>\
             <aside class=\"related\">Other story</aside>\
             <div class=\"comments\"><p>{long}</p></div></body></html>"
        );
        let dom = Dom::from(page.as_str());
        remove_furniture(&dom);
        let html = dom.html().to_string();
        assert!(html.contains("Story text"));
        assert!(!html.contains("Share on Facebook"));
        assert!(!html.contains("Other story"));
        // A container with a long paragraph is left to Readability.
        assert!(html.contains("A reader comment"));
    }
}
