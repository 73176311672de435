//! The title of a web page: the headline readers see.
//!
//! Publishers declare a title for search engines and social networks (JSON-LD
//! `headline`, `og:title`, `<title>`), often with the site's name around it or in a
//! variant written for sharing; the visible headline is the article's first-level
//! heading. The headline wins when the page has one that is not page furniture (a
//! logo, the site's name, a section name); blogs that give the site's name the `<h1>`
//! and each post an `<h2>` are recognised by the `<h2>` repeating the `<title>`.
//! Without a usable heading, the declared title is taken with the site's name removed.

use super::tree::{Tag, Tree};

use super::normalize_ws;

/// A first- or second-level heading of the page.
#[derive(Debug, Clone)]
pub(super) struct Heading {
    pub level: u8,
    pub text: String,
    /// Inside page chrome: a `<header>` of the page (not of an article), navigation,
    /// an aside, a footer, or an element named as a logo or the site's title; or a
    /// link to the home page.
    pub chrome: bool,
    /// The texts of its children when it has several (a kicker and the headline in
    /// two `<span>`s).
    pub parts: Vec<String>,
}

/// Class and id words of elements that hold the site's name, not a headline.
fn is_chrome_class(class_id: &str) -> bool {
    class_id
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|t| {
            matches!(
                t,
                "logo"
                    | "brand"
                    | "branding"
                    | "masthead"
                    | "sitename"
                    | "sidebar"
                    | "widget"
                    | "footer"
                    | "nav"
                    | "navbar"
                    | "menu"
            )
        })
        || class_id.contains("site-title")
        || class_id.contains("site-name")
        || class_id.contains("blog-title")
}

/// Whether a `<header>`'s class or id names the header of the page's content (Bootstrap's
/// `page-header`, WordPress's `entry-header`), not the site's header.
fn names_page_header(class_id: &str) -> bool {
    [
        "page-header",
        "entry-header",
        "post-header",
        "article-header",
        "content-header",
    ]
    .iter()
    .any(|c| class_id.contains(c))
}

/// Whether a class or id names a kicker (the line above a headline: German
/// `Dachzeile`, `topline`, `overline`, `eyebrow`), which is not part of the headline.
fn names_kicker(class_id: &str) -> bool {
    class_id
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|t| {
            let t = t.to_ascii_lowercase();
            matches!(
                t.as_str(),
                "dachzeile"
                    | "topline"
                    | "kicker"
                    | "overline"
                    | "roofline"
                    | "eyebrow"
                    | "supertitle"
                    | "strapline"
                    | "subtitle"
            )
        })
}

/// The `<h1>` and `<h2>` headings in page order (at most 40).
pub(super) fn headings(tree: &Tree) -> Vec<Heading> {
    let mut out = Vec::new();
    // (node, in chrome, inside an <article>)
    let mut stack: Vec<(u32, bool, bool)> = vec![(0, false, false)];
    while let Some((i, chrome, in_article)) = stack.pop() {
        if out.len() >= 40 {
            break;
        }
        let node = tree.node(i);
        if node.tag == Tag::Text || node.hidden {
            continue;
        }
        let name = node.name.as_str();
        let cid = &node.cid;
        let top = matches!(name, "html" | "body" | "");
        let in_article = in_article || matches!(name, "article" | "main");
        let chrome = chrome
            || matches!(name, "nav" | "aside" | "footer")
            || (name == "header" && !in_article && !names_page_header(cid))
            || (!top && is_chrome_class(cid));
        if name == "h1" || name == "h2" {
            if let Some(mut text) = tree.text_upto(i, 600).filter(|t| !t.is_empty()) {
                let home_link = links_home(tree, i);
                // `<h1><span class="dachzeile">Interne Unterlagen im Netz</span>
                // <span class="headline">Daten von Rheinmetall gehackt</span></h1>`
                let kicker = |c: u32| {
                    let n = tree.node(c);
                    n.tag != Tag::Text && names_kicker(&n.cid)
                };
                let has_kicker = node.children.iter().any(|&c| kicker(c));
                let parts: Vec<String> = node
                    .children
                    .iter()
                    .filter(|&&c| !has_kicker || !kicker(c))
                    .map(|&c| {
                        let n = tree.node(c);
                        if n.tag == Tag::Text {
                            normalize_ws(&n.text)
                        } else {
                            tree.text(c)
                        }
                    })
                    .filter(|t| !t.is_empty())
                    .collect();
                if has_kicker && !parts.is_empty() {
                    text = normalize_ws(&parts.join(" "));
                }
                out.push(Heading {
                    level: if name == "h1" { 1 } else { 2 },
                    text,
                    // a heading that is itself a kicker (`<h1 class="strapline">`)
                    // is not the headline either
                    chrome: chrome || home_link || is_chrome_class(cid) || names_kicker(cid),
                    parts: if parts.len() >= 2 { parts } else { Vec::new() },
                });
            }
            continue;
        }
        for &c in node.children.iter().rev() {
            stack.push((c, chrome, in_article));
        }
    }
    out
}

/// Whether a link under `i` points at the home page.
fn links_home(tree: &Tree, i: u32) -> bool {
    let mut stack = vec![i];
    while let Some(j) = stack.pop() {
        let node = tree.node(j);
        if node.name == "a" && tree.attr(j, "href").is_some_and(|h| is_home_href(&h)) {
            return true;
        }
        stack.extend(node.children.iter().copied());
    }
    false
}

/// Whether a link points at a site's home page (`/`, `https://example.com/`).
fn is_home_href(href: &str) -> bool {
    let h = href.trim();
    if h == "/" || h == "./" || h == "#" {
        return true;
    }
    let Some(rest) = h
        .strip_prefix("https://")
        .or_else(|| h.strip_prefix("http://"))
        .or_else(|| h.strip_prefix("//"))
    else {
        return false;
    };
    match rest.split_once('/') {
        None => true,
        Some((_, path)) => path.is_empty() || path == "index.html" || path == "index.php",
    }
}

/// The headline of a heading: when the heading holds a kicker and the headline in
/// separate children (`<h1><span>Tunesien</span><span>Große Aufgaben …</span></h1>`),
/// the child that the declared headline (`declared`) names word for word, else the last
/// child that reads as a headline and that the declared titles agree with; else the
/// whole heading.
pub(super) fn headline_of<'h>(h: &'h Heading, reference: &str, declared: Option<&str>) -> &'h str {
    if h.parts.len() >= 2 {
        // The part the publisher declares as the headline (`og:title`, JSON-LD).
        if let Some(d) = declared.map(words).filter(|d| !d.is_empty()) {
            if let Some(p) = h.parts.iter().find(|p| words(p) == d) {
                return p;
            }
        }
        let best = h
            .parts
            .iter()
            .filter(|p| headline_shape(p))
            .max_by(|a, b| coverage(a, reference).total_cmp(&coverage(b, reference)));
        if let Some(b) = best {
            if coverage(b, reference) >= 0.8 && coverage(&h.text, reference) < 0.95 {
                return b;
            }
        }
    }
    &h.text
}

/// Words of a title, lowercased, for comparing titles loosely.
pub(super) fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Share of the words of `a` that also occur in `b` (0 when `a` has none).
pub(super) fn coverage(a: &str, b: &str) -> f32 {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() {
        return 0.0;
    }
    let hits = wa.iter().filter(|w| wb.contains(w)).count();
    hits as f32 / wa.len() as f32
}

/// Kana, CJK ideographs and Hangul: scripts written without spaces between words
/// (Korean aside), whose titles are counted in characters rather than words.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// Whether a heading reads as a headline: two words or more (CJK: six characters or
/// more), and not longer than a headline gets.
pub(super) fn headline_shape(text: &str) -> bool {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let n = words(text).len();
    (n >= 2 || cjk >= 6) && text.chars().count() <= 300
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_outside_chrome() {
        let dom = dom_query::Document::from(
            r#"<body><header><h1 class="site-title"><a href="/">My Blog</a></h1></header>
            <main><article><header><h2>Post title here</h2></header><p>Text</p></article></main>
            <aside><h2>Recent posts</h2></aside></body>"#,
        );
        let tree = Tree::build(dom.root());
        let h = headings(&tree);
        let visible: Vec<&str> = h
            .iter()
            .filter(|h| !h.chrome)
            .map(|h| h.text.as_str())
            .collect();
        assert_eq!(visible, ["Post title here"]);
        assert!(is_home_href("https://example.com/"));
        assert!(!is_home_href("https://example.com/2019/story"));
        assert!(coverage("Post title", "Post title | My Blog") > 0.99);
    }
}
