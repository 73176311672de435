//! Authors of a web page, from what the page marks up as an author credit: schema.org
//! JSON-LD (`author`, with `@id` references resolved across the `@graph`), `<meta>`
//! tags (`author`, `dc.creator`, `byl`, Twitter's "Written by" label, …), and byline
//! elements (`rel=author`, `itemprop=author`, class names such as `author`, `byline`,
//! `autor`, hCard `fn`), the one nearest the headline winning.
//!
//! Credits become names with [`structure::parse_marked_credit`]: "By", dates, handles
//! and desk credits (`Redaktion`, `Staff`) are removed, several authors are split,
//! roles and affiliations separated.

use std::collections::HashMap;

use serde_json::Value;

use super::tree::{Tag, Tree};
use super::{dates, normalize_ws};
use crate::pipeline::document::{Author, FoundIn};
use crate::pipeline::structure;

/// `<meta>` names and properties that carry the author's name, most reliable first.
pub(super) const META_AUTHOR: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "dc:creator",
    "dcterms.creator",
    "byl",
    "parsely-author",
    "sailthru.author",
    "shareaholic:article_author_name",
    "cxenseparse:author",
    "citation_author",
];

/// Labels of Twitter's `twitter:label1` that announce the author in `twitter:data1`.
pub(super) fn is_written_by_label(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    [
        "written by",
        "verfasst von",
        "geschrieben von",
        "écrit par",
        "escrito por",
        "scritto da",
        "geschreven door",
        "autor",
        "author",
    ]
    .iter()
    .any(|w| l == *w)
}

/// Authors from a credit string found in `found_in`.
pub(super) fn from_credit(credit: &str, found_in: FoundIn) -> Vec<Author> {
    let mut authors = structure::parse_marked_credit(&normalize_ws(credit));
    for a in &mut authors {
        a.found_in = found_in;
    }
    authors
}

/// Every JSON-LD object with an `@id`, so that `{"@id": …}` references resolve.
pub(super) fn ld_index(scripts: &[Value]) -> HashMap<String, Value> {
    let mut index = HashMap::new();
    let mut stack: Vec<&Value> = scripts.iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(o) => {
                if let Some(Value::String(id)) = o.get("@id") {
                    // The fullest description of an id wins over bare references.
                    let fuller = index
                        .get(id)
                        .and_then(Value::as_object)
                        .is_none_or(|prev| prev.len() < o.len());
                    if fuller {
                        index.insert(id.clone(), v.clone());
                    }
                }
                stack.extend(o.values());
            }
            _ => {}
        }
    }
    index
}

/// Authors of a JSON-LD `author` (or `creator`) value: people, by name, with their
/// `jobTitle` as role; organisations are no authors.
pub(super) fn ld_authors(v: &Value, index: &HashMap<String, Value>) -> Vec<Author> {
    ld_authors_depth(v, index, 0)
}

fn ld_authors_depth(v: &Value, index: &HashMap<String, Value>, depth: usize) -> Vec<Author> {
    if depth > 4 {
        return Vec::new();
    }
    match v {
        Value::Array(items) => items
            .iter()
            .flat_map(|i| ld_authors_depth(i, index, depth + 1))
            .collect(),
        Value::Object(o) => {
            if o.get("name").is_none() {
                if let Some(target) = o
                    .get("@id")
                    .and_then(Value::as_str)
                    .and_then(|id| index.get(id))
                {
                    if target.get("name").is_some() {
                        return ld_authors_depth(target, index, depth + 1);
                    }
                }
                return Vec::new();
            }
            let types: Vec<&str> = match o.get("@type") {
                Some(Value::String(t)) => vec![t.as_str()],
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            let is_org = !types.is_empty()
                && types.iter().all(|t| {
                    matches!(*t, "Organization" | "NewsMediaOrganization" | "Corporation")
                });
            if is_org {
                return Vec::new();
            }
            let name = match o.get("name") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => return Vec::new(),
            };
            let mut authors = from_credit(&name, FoundIn::JsonLd);
            if let (Some(first), Some(title)) = (
                authors.first_mut(),
                o.get("jobTitle").and_then(Value::as_str),
            ) {
                let title = normalize_ws(title);
                if !title.is_empty() {
                    first.role = Some(title);
                }
            }
            authors
        }
        Value::String(s) if !s.starts_with("http") => from_credit(s, FoundIn::JsonLd),
        _ => Vec::new(),
    }
}

/// Class and id words that mark an author or byline element, matched on whole
/// `-`/`_`-separated tokens.
const AUTHOR_TOKENS: &[&str] = &[
    "author",
    "authors",
    "authorname",
    "byline",
    "bylines",
    "byl",
    "autor",
    "autorin",
    "autoren",
    "auteur",
    "autore",
    "writer",
    "reporter",
    "verfasser",
    "firma",
];

/// Whether a class or id names an author element (`author-name`, `c-byline__name`),
/// but not an author's biography, avatar or the author's other articles.
fn is_author_class(class_id: &str) -> bool {
    let mut author = false;
    for t in class_id.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
        let t = t.to_ascii_lowercase();
        if matches!(
            t.as_str(),
            "avatar"
                | "image"
                | "img"
                | "photo"
                | "pic"
                | "picture"
                | "bio"
                | "description"
                | "more"
                | "posts"
                | "articles"
                | "follow"
                | "social"
                | "share"
                | "thumb"
        ) {
            return false;
        }
        if AUTHOR_TOKENS.contains(&t.as_str())
            || (t.starts_with("author") && !t.starts_with("authori"))
            || t.starts_with("byline")
        {
            author = true;
        }
    }
    author
}

/// Whether a class or id names a box about other articles (sidebars, widgets, related
/// and recommended stories), whose bylines are theirs.
fn is_elsewhere_class(class_id: &str) -> bool {
    class_id
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|t| {
            matches!(
                t,
                "sidebar"
                    | "widget"
                    | "related"
                    | "teaser"
                    | "teasers"
                    | "recommended"
                    | "recommendations"
                    | "trending"
                    | "popular"
                    | "outbrain"
                    | "taboola"
            )
        })
}

/// Whether element `i` is a `rel=author` link.
fn is_rel_author(tree: &Tree, i: u32) -> bool {
    tree.attr_str(i, "rel").is_some_and(|r| {
        r.split_whitespace()
            .any(|t| t.eq_ignore_ascii_case("author"))
    })
}

/// Path segments of author pages in links (`/author/jane-doe`, `/autoren/jane-doe-123`).
const AUTHOR_PATH_SEGMENTS: &[&str] = &[
    "author",
    "authors",
    "autor",
    "autoren",
    "autorin",
    "auteur",
    "auteurs",
    "autore",
    "autori",
    "writer",
    "writers",
    "journalist",
    "journalisten",
];

/// Whether element `i` is a link to an author's page: a path segment of its `href` is
/// one of [`AUTHOR_PATH_SEGMENTS`] and another segment follows it (the author's own).
fn is_author_page_link(tree: &Tree, i: u32) -> bool {
    // run on every link of the page: borrowed, no allocation
    let Some(href) = tree.attr_str(i, "href") else {
        return false;
    };
    // the path: after the scheme and host, before the query
    let path = href.split(['?', '#']).next().unwrap_or("");
    let path = match path.find("://") {
        Some(k) => path[k + 3..].split_once('/').map_or("", |(_, p)| p),
        None => path,
    };
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    while let Some(s) = segments.next() {
        if AUTHOR_PATH_SEGMENTS
            .iter()
            .any(|a| s.eq_ignore_ascii_case(a))
        {
            return segments.next().is_some();
        }
    }
    false
}

/// The credit an author element holds: its `itemprop=name`, hCard `fn` or `rel=author`
/// descendant, or its `content`, else its text when short.
fn credit_of(tree: &Tree, i: u32) -> Option<String> {
    let mut stack: Vec<u32> = tree.node(i).children.iter().rev().copied().collect();
    let mut seen = 0;
    while let Some(j) = stack.pop() {
        seen += 1;
        if seen > 40 {
            break;
        }
        if tree.node(j).tag == Tag::Text {
            continue;
        }
        // schema.org `name`, an hCard formatted name (`fn`), or a `rel=author` link:
        // the name alone, without the date or label beside it.
        let named = tree
            .attr(j, "itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("name"))
            || tree.node(j).cid.split_whitespace().any(|c| c == "fn")
            || is_rel_author(tree, j);
        if named {
            let t = tree
                .attr(j, "content")
                .map(|c| normalize_ws(&c))
                .unwrap_or_else(|| tree.text(j));
            if !t.is_empty() {
                return Some(t);
            }
        }
        stack.extend(tree.node(j).children.iter().rev().copied());
    }
    if let Some(c) = tree.attr(i, "content") {
        return Some(normalize_ws(&c));
    }
    let t = tree.text_upto(i, 100)?;
    (!t.is_empty() && t.chars().count() <= 100).then(|| undoubled(t))
}

/// A name written twice in a row, once for screen readers (`Jane Doe Jane Doe`),
/// once; anything else unchanged.
pub(super) fn undoubled(t: String) -> String {
    let words: Vec<&str> = t.split_whitespace().collect();
    let half = words.len() / 2;
    if words.len() >= 2 && words.len() % 2 == 0 && words[..half] == words[half..] {
        words[..half].join(" ")
    } else {
        t
    }
}

/// A byline written out in a short element of its own (`<p>Von Jane Doe</p>`,
/// `<h5><em>By Jane Doe</em></h5>`, `Auteur : Jane Doe`), parsed strictly (see
/// [`structure::parse_byline`]).
fn text_byline(tree: &Tree, i: u32) -> Option<Vec<Author>> {
    let node = tree.node(i);
    if !matches!(
        node.name.as_str(),
        "p" | "div"
            | "span"
            | "h4"
            | "h5"
            | "h6"
            | "em"
            | "strong"
            | "small"
            | "li"
            | "td"
            | "address"
    ) || node.stats.has_block_child
    {
        return None;
    }
    let t = tree.text_upto(i, 100)?;
    if t.len() > 150 || !structure::starts_with_byline_word(&t) {
        return None;
    }
    let mut authors = structure::parse_byline(&t)?;
    authors.retain(|a| !a.name.is_empty());
    for a in &mut authors {
        a.found_in = FoundIn::Byline;
    }
    (!authors.is_empty()).then_some(authors)
}

/// A byline split over two elements: a short label holding only the byline word
/// (`<span>| By </span><span>Cara Stiles</span>`), read with the element after it
/// (at most 80 characters), parsed strictly (see [`structure::parse_byline`]).
fn split_byline(tree: &Tree, i: u32) -> Option<Vec<Author>> {
    let node = tree.node(i);
    if i == 0 || node.stats.has_block_child || node.stats.chars > 12 {
        return None;
    }
    let label = if node.hidden {
        // a screen-reader label: its own text, which the visible text leaves out
        let own: String = node
            .children
            .iter()
            .map(|&c| tree.node(c))
            .filter(|c| c.tag == Tag::Text)
            .map(|c| c.text.as_str())
            .collect();
        (own.chars().count() <= 20).then(|| normalize_ws(&own))?
    } else {
        tree.text_upto(i, 20)?
    };
    let label = label
        .trim()
        .trim_matches(|c: char| "|-–—•·*:".contains(c))
        .trim();
    // one word (`By`, `Von`, `Por`), or a verb and `by` (`Written by`); not `By
    // Occasion` (a menu entry)
    let words = label.split_whitespace().count();
    if label.is_empty()
        || !(words == 1 || words == 2 && label.to_lowercase().ends_with(" by"))
        || !structure::starts_with_byline_word(&format!("{label} Jane Doe"))
    {
        return None;
    }
    let siblings = &tree.node(node.parent).children;
    let at = siblings.iter().position(|&c| c == i)?;
    // the element after the label, and inline siblings after that (`<a>Maria
    // García</a> and <a>Li Wei</a>`) up to a block element or a date
    let mut name = String::new();
    for &c in &siblings[at + 1..] {
        let n = tree.node(c);
        if !name.trim().is_empty() && (n.tag.is_block() || n.name == "time") {
            break;
        }
        let t = if n.tag == Tag::Text {
            normalize_ws(&n.text)
        } else {
            tree.text_upto(c, 80)?
        };
        name.push(' ');
        name.push_str(&t);
        if name.chars().count() > 80 {
            return None;
        }
    }
    // (`<span>Cara Stiles</span> | <time>`: the separator before the date)
    let name = name
        .trim()
        .trim_end_matches(|c: char| "|-–—•·,".contains(c) || c.is_whitespace());
    if name.is_empty() {
        return None;
    }
    let mut authors = structure::parse_byline(&format!("{label} {name}"))?;
    authors.retain(|a| !a.name.is_empty());
    for a in &mut authors {
        a.found_in = FoundIn::Byline;
    }
    (!authors.is_empty()).then_some(authors)
}

/// The authors of every byline element outside comments, navigation and boxes about
/// other articles, best first: nearest the first `<h1>`, `rel=author` and
/// `itemprop=author` before class names.
pub(super) fn byline_candidates(tree: &Tree) -> Vec<Vec<Author>> {
    // (element ordinal, strength, authors)
    let mut found: Vec<(usize, usize, Vec<Author>)> = Vec::new();
    let mut h1_at: Option<usize> = None;
    let mut index = 0usize;
    let mut stack: Vec<u32> = vec![0];
    while let Some(i) = stack.pop() {
        let node = tree.node(i);
        if node.tag == Tag::Text {
            continue;
        }
        index += 1;
        if node.hidden {
            // a byline word for screen readers before the visible name
            // (`<span class="screen-reader-text">| By </span><span>Cara Stiles</span>`)
            if let Some(authors) = split_byline(tree, i) {
                found.push((index, 1, authors));
            }
            continue;
        }
        let name = node.name.as_str();
        if matches!(name, "nav" | "select" | "head") {
            continue;
        }
        let cid = &node.cid;
        let top = matches!(name, "html" | "body" | "");
        // A layout container named for its sidebar (`content-area sidebar`,
        // `has-double-sidebar`) holds the headline or most of the page's text: it
        // is not a box about other articles.
        let elsewhere = is_elsewhere_class(cid)
            && node.tag.is_block()
            && node.stats.h1s == 0
            && node.stats.chars * 2 < tree.node(tree.body).stats.chars;
        if !top && (dates::is_comment_class(cid) || elsewhere) {
            continue;
        }
        if name == "h1" && h1_at.is_none() && node.stats.chars > 0 {
            h1_at = Some(index);
        }
        if !top {
            let rel_author = is_rel_author(tree, i);
            let prop_author = cid.contains("itemprop-author") || cid.contains("itemprop-creator");
            // `<span class="news-list-author" itemprop="headline">`: the markup says
            // what it holds, and it is not an author
            let other_prop = !prop_author
                && cid
                    .split_whitespace()
                    .any(|c| c.starts_with("itemprop-") && c != "itemprop-name");
            let strength = if rel_author || prop_author {
                3
            } else if other_prop {
                0
            } else if is_author_class(cid)
                || (cid.contains("vcard") && name != "div")
                || name == "address"
                || (name == "a" && is_author_page_link(tree, i))
            {
                2
            } else {
                0
            };
            if strength > 0 {
                if let Some(credit) = credit_of(tree, i) {
                    let authors = from_credit(&credit, FoundIn::Byline);
                    if !authors.is_empty() {
                        found.push((index, strength, authors));
                        // Its descendants name the same people.
                        continue;
                    }
                }
            } else if let Some(authors) = text_byline(tree, i).or_else(|| split_byline(tree, i)) {
                found.push((index, 1, authors));
                continue;
            }
        }
        stack.extend(node.children.iter().rev().copied());
    }
    let h1 = h1_at.unwrap_or(0);
    found.sort_by_key(|(i, strength, _)| {
        let distance = if *i >= h1 { i - h1 } else { (h1 - i) * 2 };
        distance + (3 - strength) * 10
    });
    found.into_iter().map(|(_, _, a)| a).collect()
}

/// The name behind a `first.last` account name (`robert.stitz` → `Robert Stitz`,
/// `JEAN-LUC.PICARD` → `Jean-Luc Picard`; each part in lower case, capitals or
/// capitalised), which CMSs put where the author's name belongs; `None` for anything
/// else: a one-word handle such as `eseppelt` stays as it is, so does a handle with an
/// underscore (`herr_rein`), and a last part that is a common top-level domain is taken
/// for a domain (`przepisy.pl`, `example.com`).
pub(super) fn name_of_user_name(s: &str) -> Option<String> {
    const DOMAINS: &[&str] = &[
        "com", "net", "org", "info", "biz", "edu", "gov", "io", "co", "eu", "de", "at", "ch", "uk",
        "fr", "it", "es", "nl", "be", "pl", "ru", "jp", "cn", "br", "in", "us", "ca", "au", "se",
        "no", "dk", "fi", "cz", "sk", "hu", "pt", "gr", "tv", "me", "online",
    ];
    // `JOHN.SMITH` and `John.Smith` (a byline title-cases capitals) read as `john.smith`;
    // not `McDonald.x`
    let plain_case = |w: &str| {
        let rest: String = w.chars().skip(1).collect();
        rest.to_lowercase() == rest || w.to_uppercase() == w
    };
    if !s.split(['.', '-']).all(plain_case) {
        return None;
    }
    let lower = s.to_lowercase();
    let (first, last) = lower.split_once('.')?;
    let part = |p: &str| {
        p.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && p.starts_with(char::is_alphabetic)
            && p.ends_with(char::is_alphabetic)
            && p.chars().all(|c| c.is_lowercase() || c == '-')
    };
    if !part(first) || !part(last) || DOMAINS.contains(&last) {
        return None;
    }
    Some(structure::title_case(&format!("{first} {last}")))
}

/// A capitalised word of at least `min` letters (`Todd`, `Lange-Fricke`).
fn is_capitalised(w: &str, min: usize) -> bool {
    w.chars().count() >= min
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
}

/// Completes an author given only by a given name (`Todd`: WordPress and JSON-LD often
/// carry the account's display name) with the surname the page shows: from a byline
/// that names `Todd Bates`, else from a short visible element of an author box (see
/// [`in_author_box`]) whose whole text is the given name and one or two capitalised
/// words (`<p class="full-name">Todd Bates</p>`), the first such. Running text is not
/// searched: in German every noun is capitalised (`Kathrin Daumen`, `Jessie weiß`). A
/// one-word name the page never completes stays as it is; authors that become the same
/// are left for the caller to merge.
pub(super) fn complete_given_names(authors: &mut [Author], tree: &Tree) {
    let single = |a: &Author| !a.name.contains(['-', ' ']) && is_capitalised(&a.name, 3);
    if !authors.iter().any(single) {
        return;
    }
    let completes = |given: &str, full: &str| {
        full.strip_prefix(given)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| {
                let words: Vec<&str> = rest.split(' ').collect();
                (1..=2).contains(&words.len()) && words.iter().all(|w| is_capitalised(w, 2))
            })
    };
    let bylines: Vec<String> = byline_candidates(tree)
        .into_iter()
        .flatten()
        .map(|a| a.name)
        .collect();
    for a in authors.iter_mut().filter(|a| single(a)) {
        if let Some(b) = bylines.iter().find(|b| completes(&a.name, b)) {
            a.name = b.clone();
            continue;
        }
        // (`text_upto` leaves out hidden elements and longer texts)
        let boxed = (0..tree.nodes.len() as u32).find_map(|i| {
            if tree.node(i).tag == Tag::Text || !in_author_box(tree, i) {
                return None;
            }
            let t = tree.text_upto(i, 40)?;
            completes(&a.name, &t).then_some(t)
        });
        if let Some(full) = boxed {
            a.name = full;
        }
    }
}

/// Whether element `i` or one of its three nearest ancestors is named for an author
/// or a name by its class or id (`full-name`, `author-box`, `vcard`, `bio`): a
/// heading that only starts with the given name (`Todd Recommends`) is not.
fn in_author_box(tree: &Tree, i: u32) -> bool {
    const WORDS: &[&str] = &[
        "name", "author", "autor", "bio", "profile", "vcard", "byline", "person",
    ];
    std::iter::once(i)
        .chain(tree.ancestors(i).take(3))
        .any(|j| {
            let cid = &tree.node(j).cid;
            WORDS.iter().any(|w| cid.contains(w))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The best byline's authors.
    fn byline_elements(tree: &Tree) -> Vec<Author> {
        byline_candidates(tree)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    fn names(a: &[Author]) -> Vec<&str> {
        a.iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn json_ld_author_references_resolve() {
        let graph: Value = serde_json::from_str(
            r##"{"@graph":[{"@type":"Article","author":{"@id":"#p1"}},
                {"@type":["Person","Organization"],"@id":"#p1","name":"Christoph Hein"}]}"##,
        )
        .unwrap();
        let index = ld_index(std::slice::from_ref(&graph));
        let author = &graph["@graph"][0]["author"];
        assert_eq!(names(&ld_authors(author, &index)), ["Christoph Hein"]);
        let org: Value =
            serde_json::from_str(r#"{"@type":"Organization","name":"Example News"}"#).unwrap();
        assert!(ld_authors(&org, &index).is_empty());
    }

    #[test]
    fn byline_element_nearest_the_headline() {
        let dom = dom_query::Document::from(
            r#"<body><div class="sidebar"><span class="author">Sidebar Person</span></div>
            <h1>Headline</h1><p class="meta">von <span class="author vcard"><a class="url fn n">eseppelt</a></span></p>
            <div class="comments"><span class="author">Commenter Name</span></div>
            <div class="author-bio"><h4>Long Bio</h4><p>Writes about things.</p></div></body>"#,
        );
        let tree = Tree::build(dom.root());
        assert_eq!(names(&byline_elements(&tree)), ["eseppelt"]);
    }

    #[test]
    fn an_author_class_on_markup_that_says_it_holds_something_else() {
        let dom = dom_query::Document::from(
            r#"<body><div itemscope itemtype="http://schema.org/Article"><h1>Endlich mehr wagen!</h1>
            <span class="news-list-author" itemprop="headline">Endlich mehr wagen!</span>
            <p><span class="news-list-author" itemprop="author" itemscope><span itemprop="name">Hermann Albers</span></span></p>
            </div></body>"#,
        );
        let tree = Tree::build(dom.root());
        assert_eq!(names(&byline_elements(&tree)), ["Hermann Albers"]);
        let dom = dom_query::Document::from(
            r#"<body><h1>Headline</h1><span class="author" itemprop="name">Jane Doe</span></body>"#,
        );
        let tree = Tree::build(dom.root());
        assert_eq!(names(&byline_elements(&tree)), ["Jane Doe"]);
    }

    #[test]
    fn byline_word_and_name_in_two_elements() {
        let page = |byline: &str| {
            dom_query::Document::from(format!(
                r#"<body><ul><li><a href="/by-occasion">By Occasion</a></li><li><a href="/quick">Quick &amp; Easy Recipes</a></li></ul>
                <h1>Lake Berryessa drowning</h1><div class="meta">{byline}</div><p>Text.</p></body>"#
            ))
        };
        let dom = page(
            r#"<span>By</span><span><a href="/about/newsteam/jr-stone">J.R. Stone</a></span>"#,
        );
        let tree = Tree::build(dom.root());
        assert_eq!(names(&byline_elements(&tree)), ["J.R. Stone"]);
        let dom = page(
            r#"<span>By</span> <a href="/m">Maria García</a> and <a href="/l">Li Wei</a> <time>March 3, 2021</time>"#,
        );
        let tree = Tree::build(dom.root());
        assert_eq!(names(&byline_elements(&tree)), ["Maria García", "Li Wei"]);
        // the byline word only for screen readers, a separator before the date
        let dom = page(
            r#"<span class="screen-reader-text">| By </span> <span>Cara Stiles</span> | <time>April 13, 2020</time>"#,
        );
        let tree = Tree::build(dom.root());
        assert_eq!(names(&byline_elements(&tree)), ["Cara Stiles"]);
        let dom = page("<p>Blog Beitrag von Margarita Koreneva</p>");
        let tree = Tree::build(dom.root());
        assert_eq!(names(&byline_elements(&tree)), ["Margarita Koreneva"]);
        // a menu entry that starts with `By` is no byline
        let dom = page("");
        let tree = Tree::build(dom.root());
        assert!(byline_elements(&tree).is_empty());
    }

    #[test]
    fn links_to_author_pages_are_bylines() {
        let dom = dom_query::Document::from(
            r#"<body><nav><a href="/autoren/">Autoren</a></nav><h1>Waldwege gesperrt</h1>
            <div><a href="https://www.example.de/autoren/kathrin-fuehres-684124"><span itemprop="name"> Kathrin   Führes </span></a></div>
            <p>Text.</p><p><a href="https://example.de/author/martin">Alles von Martin Junker</a></p></body>"#,
        );
        let tree = Tree::build(dom.root());
        let candidates = byline_candidates(&tree);
        let found: Vec<Vec<&str>> = candidates.iter().map(|a| names(a)).collect();
        assert_eq!(found, [vec!["Kathrin Führes"], vec!["Martin Junker"]]);
        // an index of authors, a query or a fragment is no author's page
        for href in [
            "/author/",
            "/authors?page=2",
            "https://x.com/#author",
            "/team/author",
        ] {
            let dom = dom_query::Document::from(format!(
                r#"<body><h1>Headline</h1><p><a href="{href}">Jane Doe</a></p></body>"#
            ));
            let tree = Tree::build(dom.root());
            assert!(byline_candidates(&tree).is_empty(), "{href}");
        }
    }

    #[test]
    fn screen_reader_copies_are_dropped() {
        assert_eq!(
            undoubled("Olivier Minot Olivier Minot".into()),
            "Olivier Minot"
        );
        assert_eq!(undoubled("Jane Doe".into()), "Jane Doe");
        assert_eq!(undoubled("Anna Anna Weber".into()), "Anna Anna Weber");
    }

    #[test]
    fn desk_credits_and_urls_are_not_names() {
        assert!(from_credit("Redaktion", FoundIn::Meta).is_empty());
        assert!(from_credit("https://example.com/author/x", FoundIn::Meta).is_empty());
        assert_eq!(
            names(&from_credit("Von Anna Weber und Max Roth", FoundIn::Meta)),
            ["Anna Weber", "Max Roth"]
        );
        assert_eq!(names(&from_credit("孔德明", FoundIn::Meta)), ["孔德明"]);
        assert_eq!(names(&from_credit("Heiko", FoundIn::Byline)), ["Heiko"]);
        assert!(is_written_by_label("Verfasst von"));
    }
    #[test]
    fn credits_that_name_no_one_or_a_place() {
        // a publisher's credit with its address
        assert!(from_credit("Olympia-Verlag GmbH, Nürnberg, Germany", FoundIn::Meta).is_empty());
        // a stock-photo agency's credit where the byline belongs
        assert!(from_credit("iStockphoto", FoundIn::Byline).is_empty());
        assert!(from_credit("Getty Images", FoundIn::Byline).is_empty());
        assert!(from_credit("By Getty Images", FoundIn::Byline).is_empty());
        assert!(crate::pipeline::structure::parse_byline("By Getty Images").is_none());
        assert!(from_credit("Rechtsanwalt", FoundIn::Meta).is_empty());
        // a news agency alone
        assert!(from_credit("dpa", FoundIn::Byline).is_empty());
        assert!(from_credit("AFP", FoundIn::Byline).is_empty());
        // the dateline after the desk is where the author files from
        let bbc = from_credit("By Nada Tawfik, BBC News, New York", FoundIn::Byline);
        assert_eq!(names(&bbc), ["Nada Tawfik"]);
        assert_eq!(bbc[0].affiliation.as_deref(), Some("BBC News"));
        // a place between two people is not a desk: both stay
        assert_eq!(
            names(&from_credit(
                "Markus M. Haefliger, London, Beat Bumbacher",
                FoundIn::Meta
            )),
            ["Markus M. Haefliger", "Beat Bumbacher"]
        );
        // a profession written as a title is the role
        let lawyer = from_credit("Autor: Rechtsanwalt Sebastian Einbock", FoundIn::Byline);
        assert_eq!(names(&lawyer), ["Sebastian Einbock"]);
        assert_eq!(lawyer[0].role.as_deref(), Some("Rechtsanwalt"));
    }

    #[test]
    fn account_names_of_two_parts_become_names() {
        for (account, name) in [
            ("robert.stitz", "Robert Stitz"),
            ("jörg.müller", "Jörg Müller"),
            ("anna.kim", "Anna Kim"),
            ("JOHN.SMITH", "John Smith"),
            ("John.Smith", "John Smith"),
            ("jean-luc.picard", "Jean-Luc Picard"),
        ] {
            assert_eq!(
                name_of_user_name(account).as_deref(),
                Some(name),
                "{account}"
            );
        }
        for other in [
            "eseppelt",
            "McDonald.smith",
            "herr_rein",
            "a.b",
            "bo2man.x",
            "x.y.z",
            "robert.",
            ".smith",
            "przepisy.pl",
            "example.com",
            "jean-.picard",
        ] {
            assert_eq!(name_of_user_name(other), None, "{other}");
        }
    }
}
