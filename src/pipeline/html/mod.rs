//! HTML stage: main text and metadata of a web page.
//!
//! The page is pre-scanned (`prescan`: scripts, styles, comments and unread attributes
//! cut before parsing, JSON-LD kept, nesting depth bounded), parsed by html5ever (via `dom_query`) and read
//! once into an index-based tree (`tree`). Main-text extraction (`main_text`: separating
//! the article from boilerplate such as navigation, ads, comments and related links) is
//! our own content scoring in the spirit of Readability and trafilatura, with sibling
//! and cousin chunks merged, boxes cleaned and relaxed retries; the chosen subtree is
//! walked into structural blocks (paragraphs, headings, list items, block quotes,
//! tables, figure captions), and `boilerplate` drops furniture lines.
//! Metadata comes from what publishers declare for search engines and social networks,
//! in order of reliability: schema.org JSON-LD (`NewsArticle` and kin), OpenGraph and
//! other `<meta>` tags, `<time datetime>`, `<link rel=canonical>`, `<html lang>`, and a
//! date in the URL path; the visible headline (`title`), bylines (`authors`) and dates
//! printed near the headline (`dates`) correct or complete what is declared.
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use dom_query::{Document as Dom, NodeRef, Selection};
use serde_json::Value;
use url::Url;

use super::document::{
    Author, BlockKind, DatePrecision, DateSource, DatedValue, Document, DraftBlock, FoundIn, Image,
    Metadata,
};
use super::structure;

mod authors;
mod boilerplate;
mod dates;
mod main_text;
mod prescan;
mod title;
mod tree;

/// Stage name, as used in timings, warnings and metrics.
pub const STAGE: &str = "html";

/// Extracts metadata and main-text blocks from `doc.decoded` (HTML source).
pub fn run(doc: &mut Document) {
    let base_url = doc.input.url.as_deref().and_then(|u| Url::parse(u).ok());
    let mut scan = prescan::prescan(&doc.decoded, true);
    if scan.depth > MAX_MARKUP_DEPTH {
        // the text-only reading (`strip_tags`) ends a tag at its first `>`, where the
        // tokenizer may not: it reads the page with every attribute in place
        scan = prescan::prescan(&doc.decoded, false);
        // The HTML tree builder needs time quadratic in the nesting of unclosed
        // elements (it searches the stack of open elements for each tag): a hostile
        // page is read as text without building a tree.
        doc.warn(
            STAGE,
            "nesting_too_deep",
            format!(
                "markup nested deeper than {MAX_MARKUP_DEPTH}; text taken without parsing the page"
            ),
        );
        let blocks = strip_tags(&scan.html)
            .into_iter()
            .map(|t| DraftBlock::new(BlockKind::Paragraph, t))
            .collect();
        doc.set_blocks(blocks);
        doc.metadata.title = title_element(&scan.html);
        return;
    }
    let dom = Dom::from(scan.html.as_str());
    let tree = tree::Tree::build(dom.root());
    doc.metadata = extract_metadata(&tree, &scan.json_ld, base_url.as_ref());

    let article = main_text::extract(&tree);
    if let Some((kind, chars)) = article.interstitial {
        // A wall with twice the text of a short article beside it: what was fetched
        // is the wall, and the article is missing or a teaser.
        if chars >= 300 && article.chars * 2 < chars && article.chars < 1500 {
            doc.warn(
                STAGE,
                kind.code(),
                format!(
                    "the page is covered by a {} ({chars} characters) and holds only {} characters of article text",
                    match kind {
                        main_text::Interstitial::Consent => "consent banner",
                        main_text::Interstitial::Login => "login dialog",
                        main_text::Interstitial::Paywall => "subscription wall",
                    },
                    article.chars
                ),
            );
        }
    }
    if doc.metadata.not_free {
        doc.warn(
            STAGE,
            "paywalled",
            "the page declares its content is not free to read (isAccessibleForFree: false); the text may be a teaser",
        );
    }
    let captions = article.images.len();
    for img in &article.images {
        if let Some(image) = image_of(img, base_url.as_ref()) {
            if !doc.metadata.images.iter().any(|i| i.url == image.url) {
                doc.metadata.images.push(image);
            }
        }
    }
    let _ = captions;
    let mut blocks = boilerplate::filter_blocks(article.blocks, &article.links);
    if blocks.is_empty() {
        // Fallback: every paragraph of the page, in order.
        for p in dom.select("body p").iter() {
            let t = normalize_ws(&p.text());
            if !t.is_empty() {
                blocks.push(DraftBlock::new(BlockKind::Paragraph, t));
            }
        }
        if !blocks.is_empty() {
            doc.warn(
                STAGE,
                "fallback_paragraphs",
                "no article container found; using all paragraphs of the page",
            );
        }
    }
    blocks.retain(|b| {
        b.kind == BlockKind::Table
            || !(boilerplate::is_furniture_line(&b.text)
                || boilerplate::is_dateline(&b.text)
                || boilerplate::is_credited_caption(&b.text))
    });
    drop_title_heading(&mut blocks, doc.metadata.title.as_deref());
    doc.set_blocks(blocks);
    if doc.metadata.published.is_none() {
        doc.metadata.published = base_url.as_ref().and_then(date_from_url);
    }
}

/// Nesting beyond which a page is not parsed as a tree (see [`prescan::Prescan`]).
const MAX_MARKUP_DEPTH: usize = 4000;

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Whether a start tag (`<div hidden …>`) hides its element: `hidden`,
/// `aria-hidden="true"`, or an inline style with `display:none` or `visibility:hidden`.
fn hides(tag: &[u8]) -> bool {
    if tag.starts_with(b"</") {
        return false;
    }
    let t: Vec<u8> = tag
        .iter()
        .filter(|c| !c.is_ascii_whitespace() || **c == b' ')
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |n: &[u8]| t.windows(n.len()).any(|w| w == n);
    let squeezed: Vec<u8> = t.iter().copied().filter(|&c| c != b' ').collect();
    let has_sq = |n: &[u8]| squeezed.windows(n.len()).any(|w| w == n);
    has(b" hidden ")
        || has(b" hidden>")
        || has(b" hidden/")
        || has(b" hidden=")
        || has_sq(b"aria-hidden=\"true\"")
        || has_sq(b"display:none")
        || has_sq(b"visibility:hidden")
}

/// The end (after its end tag) of the element whose start tag spans `start..tag_end`,
/// counting nested elements of the same name; `None` when it is void or never ends.
fn element_end(b: &[u8], start: usize, tag_end: usize) -> Option<usize> {
    let name_len = b[start + 1..tag_end]
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())?;
    if name_len == 0 || b[tag_end - 2] == b'/' {
        return None;
    }
    let name = &b[start + 1..start + 1 + name_len];
    let mut depth = 1usize;
    let mut k = tag_end;
    while let Some(lt) = b.get(k..)?.iter().position(|&c| c == b'<').map(|p| k + p) {
        let rest = &b[lt + 1..];
        let (close, at) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        let same = at.len() > name.len()
            && at[..name.len()].eq_ignore_ascii_case(name)
            && !at[name.len()].is_ascii_alphanumeric();
        if same {
            if close {
                depth -= 1;
                if depth == 0 {
                    return find_from(b, lt, b">").map(|e| e + 1);
                }
            } else {
                depth += 1;
            }
        }
        k = lt + 1;
    }
    None
}

/// The text of the first `<title>` element, references decoded and whitespace
/// collapsed, found without parsing the page.
fn title_element(html: &str) -> Option<String> {
    let b = html.as_bytes();
    let open = find_ci(b, 0, b"<title")?;
    let start = find_from(b, open, b">")? + 1;
    let end = find_ci(b, start, b"</title>")?;
    // `<`, `>` are ASCII, so both ends are char boundaries
    let t = normalize_ws(&decode_references(html.get(start..end)?));
    (!t.is_empty()).then_some(t)
}

/// The text between tags, one paragraph per non-blank run, with the common character
/// references decoded; scripts, styles, comments, `<title>`, `<noscript>`,
/// `<template>` and `<svg>` skipped. For pages too hostile to parse.
fn strip_tags(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // hidden elements whose end is searched for (each search may run to the page's end)
    let mut hidden_budget = 64;
    while i < b.len() {
        if b[i] == b'<' {
            let rest = &b[i..];
            let skip_to = if rest.starts_with(b"<!--") {
                find_from(b, i, b"-->").map(|e| e + 3)
            } else if let Some(name) = [
                &b"script"[..],
                b"style",
                b"title",
                b"noscript",
                b"template",
                b"svg",
            ]
            .into_iter()
            .find(|n| {
                rest.len() > n.len() + 1
                    && rest[1..=n.len()].eq_ignore_ascii_case(n)
                    && matches!(
                        rest[n.len() + 1],
                        b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'
                    )
            }) {
                // code, the page's name, or no text at all: not paragraphs
                let close = [&b"</"[..], name, b">"].concat();
                find_ci(b, i, &close).map(|e| e + close.len())
            } else {
                let tag_end = find_from(b, i, b">").map(|e| e + 1);
                match tag_end {
                    Some(e) if hidden_budget > 0 && hides(&b[i..e]) => {
                        hidden_budget -= 1;
                        Some(element_end(b, i, e).unwrap_or(e))
                    }
                    other => other,
                }
            };
            i = skip_to.unwrap_or(b.len());
            continue;
        }
        let end = b[i..]
            .iter()
            .position(|&c| c == b'<')
            .map_or(b.len(), |p| i + p);
        // `<` and `>` are ASCII, so both ends are char boundaries.
        let text = normalize_ws(&decode_references(&html[i..end]));
        if !text.is_empty() {
            out.push(text);
        }
        i = end;
    }
    out
}

fn decode_references(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Removes the heading that repeats the title when it opens the text, with any kicker
/// or section label (at most four words each) above it.
fn drop_title_heading(blocks: &mut Vec<DraftBlock>, title: Option<&str>) {
    let Some(title) = title else { return };
    // The headline, possibly after a kicker or section label or two (`Local`,
    // `Analysis`): short lines above the headline are not part of the story.
    let is_label = |b: &DraftBlock| {
        b.kind != BlockKind::Byline
            && b.text.chars().count() <= 40
            && b.text.split_whitespace().count() <= 4
    };
    let Some(at) = blocks
        .iter()
        .take(3)
        .position(|b| b.kind == BlockKind::Heading && same_text(&b.text, title))
    else {
        return;
    };
    if blocks[..at].iter().all(is_label) {
        blocks.drain(..=at);
    }
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

/// Collapses runs of whitespace (including NBSP) into one space and trims.
pub fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

fn image_of(img: &NodeRef, base: Option<&Url>) -> Option<Image> {
    let src = ["data-src", "data-original", "data-lazy-src", "src"]
        .iter()
        .filter_map(|a| img.attr(a))
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty() && !s.starts_with("data:"))
        .or_else(|| {
            img.attr("srcset")
                .or_else(|| img.attr("data-srcset"))
                .and_then(|s| largest_srcset(&s))
        })?;
    let url = absolutize(&src, base)?;
    let alt = img
        .attr("alt")
        .map(|a| normalize_ws(&a))
        .filter(|a| !a.is_empty());
    let caption = Some(img).and_then(|n| {
        n.ancestors(Some(4))
            .into_iter()
            .find(|a| {
                a.node_name()
                    .is_some_and(|x| x.eq_ignore_ascii_case("figure"))
            })
            .and_then(|fig| {
                Selection::from(fig)
                    .select("figcaption")
                    .iter()
                    .next()
                    .map(|c| normalize_ws(&c.text()))
            })
            .filter(|c| !c.is_empty())
    });
    Some(Image { url, caption, alt })
}

/// The candidate with the largest width (`800w`) or density (`2x`) in a `srcset`.
fn largest_srcset(srcset: &str) -> Option<String> {
    srcset
        .split(',')
        .filter_map(|c| {
            let mut parts = c.split_whitespace();
            let url = parts.next()?;
            let size = parts
                .next()
                .and_then(|d| d.trim_end_matches(['w', 'x']).parse::<f64>().ok())
                .unwrap_or(1.0);
            Some((url.to_string(), size))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(u, _)| u)
}

fn absolutize(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match Url::parse(href) {
        Ok(u) => Some(u.to_string()),
        Err(_) => base.and_then(|b| b.join(href).ok()).map(|u| u.to_string()),
    }
}

// ---------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------

/// Reads the page's declared metadata: `json_ld` holds the text of its JSON-LD
/// scripts (the parsed `dom` has no scripts left); `base` resolves relative URLs.
fn extract_metadata(tree: &tree::Tree, json_ld: &[String], base: Option<&Url>) -> Metadata {
    let ld_values: Vec<Value> = json_ld
        .iter()
        .filter_map(|t| serde_json::from_str::<Value>(t.trim()).ok())
        .collect();
    let ld = json_ld_article(&ld_values).map(|(v, _)| v);
    let metas = MetaTags::of(&tree.head);
    let meta = |names: &[&str]| metas.first(names);
    let mut md = Metadata::default();

    let html_title = tree.head.title.as_deref().map(decode_entities);
    // A "site name" of six words or more that is the whole `<title>` is the page's
    // title put in the wrong field (`application-name` on msn.com's copies), not the
    // site's name to strip from it.
    let misfiled = |s: &String| {
        s.split_whitespace().count() >= 6
            && html_title
                .as_deref()
                .is_some_and(|t| normalize_ws(t).eq_ignore_ascii_case(&normalize_ws(s)))
    };
    let site_name = meta(&["og:site_name", "application-name", "twitter:site"])
        .filter(|s| !misfiled(s))
        .or_else(|| ld.as_ref().and_then(|l| ld_name(l.get("publisher")?)));
    let headings = title::headings(tree);
    let host = base.and_then(Url::host_str).map(str::to_string);
    md.title = choose_title(
        ld.as_ref()
            .and_then(|l| ld_str(l.get("headline")?))
            .or_else(|| meta(&["og:title", "twitter:title", "title", "dc.title"])),
        html_title,
        &headings,
        site_name.as_deref(),
        host.as_deref(),
    )
    .and_then(tidy_title);
    // `Nutzerbasierte Abrechnung : Musik-Stars …` (a kicker and a visually hidden
    // `: ` in separate elements): the space before a colon is French typography only
    let french = tree
        .head
        .lang
        .as_deref()
        .is_some_and(|l| l.starts_with("fr"));
    if !french {
        md.title = md.title.map(|t| t.replace(" : ", ": "));
    }
    md.site_name = site_name.filter(|s| !s.starts_with('@'));
    md.not_free = ld.as_ref().is_some_and(|l| {
        matches!(l.get("isAccessibleForFree"), Some(Value::Bool(false)))
            || l.get("isAccessibleForFree")
                .and_then(Value::as_str)
                .is_some_and(|v| v.eq_ignore_ascii_case("false"))
    });
    md.description = meta(&["og:description", "description", "twitter:description"])
        .or_else(|| ld.as_ref().and_then(|l| ld_str(l.get("description")?)));
    md.subtitle = ld
        .as_ref()
        .and_then(|l| ld_str(l.get("alternativeHeadline")?));
    md.canonical_url = tree
        .head
        .canonical
        .as_deref()
        .and_then(|h| absolutize(h, base))
        .or_else(|| meta(&["og:url"]).and_then(|u| absolutize(&u, base)));
    md.declared_language = tree
        .head
        .lang
        .clone()
        .or_else(|| meta(&["og:locale", "content-language", "dc.language"]));
    md.section = meta(&["article:section", "section"])
        .or_else(|| ld.as_ref().and_then(|l| ld_str(l.get("articleSection")?)));

    // Tags: every article:tag, then keywords.
    let mut tags: Vec<String> = metas.all("article:tag").to_vec();
    if tags.is_empty() {
        let kw = meta(&["news_keywords", "keywords"])
            .or_else(|| ld.as_ref().and_then(|l| ld_str(l.get("keywords")?)));
        if let Some(kw) = kw {
            tags = kw.split([',', ';']).map(normalize_ws).collect();
        }
    }
    tags.retain(|t| !t.is_empty() && t.len() < 100);
    tags.dedup();
    md.tags = tags;

    md.lead_image = meta(&[
        "og:image",
        "og:image:url",
        "twitter:image",
        "twitter:image:src",
    ])
    .or_else(|| ld.as_ref().and_then(|l| ld_image(l.get("image")?)))
    .and_then(|u| absolutize(&u, base))
    .map(|url| Image {
        url,
        caption: None,
        alt: meta(&["og:image:alt", "twitter:image:alt"]),
    });

    // Authors: JSON-LD, then <meta>, then byline elements; a source that credits only
    // the site itself gives way to the next.
    let not_site = |mut a: Vec<Author>| {
        a.retain(|a| !is_site_credit(&a.name, md.site_name.as_deref(), host.as_deref()));
        dedup_authors(&mut a);
        a
    };
    let ld_ids = authors::ld_index(&ld_values);
    let mut authors = not_site(
        ld.as_ref()
            .and_then(|l| l.get("author").or_else(|| l.get("creator")))
            .map(|a| authors::ld_authors(a, &ld_ids))
            .unwrap_or_default(),
    );
    if authors.is_empty() {
        // Highwire Press tags of scholarly pages: one `citation_author` per author, more
        // reliable than an `author` that may be a cited work's microdata
        authors = not_site(
            metas
                .all("citation_author")
                .iter()
                .flat_map(|a| authors::from_credit(&surname_last(a), FoundIn::Meta))
                .collect(),
        );
    }
    if authors.is_empty() {
        let twitter = meta(&["twitter:label1"])
            .filter(|l| authors::is_written_by_label(l))
            .and_then(|_| meta(&["twitter:data1"]));
        authors = authors::META_AUTHOR
            .iter()
            .filter_map(|name| metas.first(&[name]))
            .chain(twitter)
            .filter(|a| !a.starts_with("http"))
            // `Jobs & Hire` on jobsnhire.com: the site as a whole, before it is split
            .filter(|a| !is_site_credit(a, md.site_name.as_deref(), host.as_deref()))
            .map(|a| not_site(authors::from_credit(&a, FoundIn::Meta)))
            .find(|a| !a.is_empty())
            .unwrap_or_default();
    }
    if authors.is_empty() {
        // The nearest byline that names someone other than the site.
        authors = authors::byline_candidates(tree)
            .into_iter()
            .map(not_site)
            .find(|a| !a.is_empty())
            .unwrap_or_default();
    }
    for a in &mut authors {
        // `Par Olivier Minot Olivier Minot`: a screen reader's copy after the label
        a.name = authors::undoubled(std::mem::take(&mut a.name));
        if let Some(name) = authors::name_of_user_name(&a.name) {
            a.name = name;
        }
    }
    authors::complete_given_names(&mut authors, tree);
    dedup_authors(&mut authors);
    md.authors = authors;

    // Dates: JSON-LD, <meta>, the URL, <time> and date lines near the headline.
    let fetched = Utc::now().fixed_offset();
    let declared = ld
        .as_ref()
        .and_then(|l| ld_str(l.get("datePublished").or_else(|| l.get("dateCreated"))?))
        .and_then(|s| dated(&s, DateSource::JsonLd))
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:published_time",
                "datePublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "dc.date.issued",
                "dcterms.created",
                "dcterms.date",
                "dc.date",
                "date",
                "sailthru.date",
                "parsely-pub-date",
                "cxenseparse:recs:publishtime",
            ])
            .and_then(|s| dated(&s, DateSource::Meta))
        })
        .filter(|d| d.not_after_fetch(&fetched));
    let in_url = base
        .and_then(date_from_url)
        .filter(|d| d.not_after_fetch(&fetched));
    md.modified = ld
        .as_ref()
        .and_then(|l| ld_str(l.get("dateModified")?))
        .and_then(|s| dated(&s, DateSource::JsonLd))
        .or_else(|| {
            meta(&[
                "article:modified_time",
                "og:updated_time",
                "dateModified",
                "last-modified",
            ])
            .and_then(|s| dated(&s, DateSource::Meta))
        });
    md.published = choose_published(
        declared,
        in_url,
        page_dates(tree, fetched, md.title.as_deref())
            .into_iter()
            // A date in running text far from the headline is some event's.
            .filter(|p| p.strength >= 2 || p.cost() <= 200)
            .min_by_key(PageDate::cost),
        md.modified.as_ref(),
    );
    md
}

/// Every `<meta>` tag's content by lowercased `property`, `name` or `itemprop` (read
/// while the [`tree::Tree`] is built).
struct MetaTags(std::collections::HashMap<String, Vec<String>>);

impl MetaTags {
    fn of(head: &tree::Head) -> Self {
        let mut map: std::collections::HashMap<String, Vec<String>> = Default::default();
        for (k, v) in &head.metas {
            map.entry(k.clone()).or_default().push(v.clone());
        }
        MetaTags(map)
    }

    /// Every content given for `name`, in page order.
    fn all(&self, name: &str) -> &[String] {
        self.0.get(name).map_or(&[], Vec::as_slice)
    }

    /// The first non-empty content for the first of `names` present.
    fn first(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|n| {
            self.0
                .get(&n.to_ascii_lowercase())
                .and_then(|v| v.first().cloned())
        })
    }
}

/// Decodes the HTML character references that publishers leave escaped in metadata
/// (`&quot;`, `&#8211;`, `&#x2019;`, and the common named ones).
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                char::from_u32(n)?
            } else {
                match name {
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    "lt" => '<',
                    "gt" => '>',
                    "nbsp" => ' ',
                    "ndash" => '–',
                    "mdash" => '—',
                    "hellip" => '…',
                    "laquo" => '«',
                    "raquo" => '»',
                    "lsquo" => '‘',
                    "rsquo" => '’',
                    "sbquo" => '‚',
                    "ldquo" => '“',
                    "rdquo" => '”',
                    "bdquo" => '„',
                    _ => return None,
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Letters and digits only, lowercased: for comparing titles and names loosely.
fn loose_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The registrable part of a host without its top-level domain (`www.foo-bar.de` →
/// `foo-bar`).
fn host_label(host: &str) -> Option<&str> {
    let host = host.trim_start_matches("www.");
    let mut parts = host.rsplit('.');
    parts.next()?;
    parts.next()
}

/// Whether a declared title only names the site: equals the site name or the domain,
/// or is the site part of the `<title>` (`Story - Site`).
fn is_site_only(
    title: &str,
    site: Option<&str>,
    html_title: Option<&str>,
    host: Option<&str>,
) -> bool {
    let k = loose_key(title);
    if k.is_empty() {
        return true;
    }
    if site.is_some_and(|s| loose_key(s) == k) {
        return true;
    }
    if let Some(h) = host {
        let hk = loose_key(h.trim_start_matches("www."));
        if hk == k || host_label(h).is_some_and(|l| loose_key(l) == k) {
            return true;
        }
    }
    if let Some(ht) = html_title {
        // `Story : Site` is left to the host check: ` : ` also opens subtitles.
        for sep in AFFIX_SEPARATORS.iter().filter(|s| **s != " : ") {
            if let Some((a, b)) = ht.split_once(sep) {
                let (ka, kb) = (loose_key(a), loose_key(b));
                // The site's name is the suffix (`Story - Site`). A heading equal to
                // the prefix is the story, even when the site's name is longer.
                if kb == k && ka.len() > k.len() {
                    return true;
                }
            }
        }
    }
    false
}

/// The title (see [`title`]): the visible `<h1>` headline when the page has one that
/// is not page chrome nor the site's name (among several, the one the declared titles
/// agree with most); else an `<h2>` that repeats the `<title>` (blogs); else the
/// declared headline (JSON-LD, OpenGraph, `<meta>`), else the `<title>`, with the
/// site's name stripped. A declared title that only names the site is ignored.
fn choose_title(
    declared: Option<String>,
    html_title: Option<String>,
    headings: &[title::Heading],
    site: Option<&str>,
    host: Option<&str>,
) -> Option<String> {
    let declared = declared
        .map(|t| decode_entities(&t))
        .filter(|t| !is_site_only(t, site, html_title.as_deref(), host));
    let from_html = html_title
        .as_deref()
        .map(|t| structure::strip_site_suffix(t, site))
        .filter(|t| !is_site_only(t, site, None, host));
    let reference = format!(
        "{} {}",
        declared.as_deref().unwrap_or(""),
        html_title.as_deref().unwrap_or("")
    );
    let usable = |h: &&title::Heading| {
        !h.chrome
            && title::headline_shape(&h.text)
            && !is_site_only(&h.text, site, html_title.as_deref(), host)
    };
    let h1s: Vec<&title::Heading> = headings
        .iter()
        .filter(|h| h.level == 1)
        .filter(usable)
        .collect();
    let best_h1 = h1s
        .iter()
        .copied()
        .enumerate()
        .max_by(|(i, a), (j, b)| {
            title::coverage(&a.text, &reference)
                .total_cmp(&title::coverage(&b.text, &reference))
                .then(j.cmp(i))
        })
        .map(|(_, h)| h);
    if let Some(h) = best_h1 {
        // Many first-level headings (a page of teasers): only one the declared titles
        // agree with.
        // A heading the declared titles share nothing with is a section's or a
        // show's name ("Allergies Health Center"); several of them, a page of teasers.
        // (nothing to agree with when the declared titles are only the site's name)
        let agreement = title::coverage(&h.text, &reference);
        let unrelated = agreement < 0.1
            && !reference.trim().is_empty()
            && (declared.is_some() || from_html.is_some());
        if !unrelated && (h1s.len() <= 2 || agreement >= 0.5) {
            let t = structure::strip_site_suffix(
                title::headline_of(h, &reference, declared.as_deref()),
                site,
            );
            if !t.is_empty() {
                return Some(t);
            }
        }
    }
    if let Some(h) = headings
        .iter()
        .filter(|h| h.level == 2)
        .filter(usable)
        .find(|h| title::coverage(&h.text, &reference) >= 0.6)
    {
        return Some(h.text.clone());
    }
    let chosen = declared.or(from_html)?;
    let mut t = strip_host_affix(&structure::strip_site_suffix(&chosen, site), host);
    // `Enchufla Figuren - Salsa-Figuren - Rueda in Berlin`, where the logo's heading
    // reads `Salsa-Figuren - Rueda in Berlin`: the site's name as the page shows it
    // (or before it: `The Daily Planet - Council approves budget`)
    // What is left after the name and a separator, when something is:
    let kept = |r: Option<&str>| {
        r.map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
    };
    for h in headings
        .iter()
        .filter(|h| h.chrome && h.text.chars().count() >= 4)
    {
        let name = h.text.as_str();
        for sep in AFFIX_SEPARATORS {
            if let Some(r) = kept(t.strip_suffix(name).and_then(|r| r.strip_suffix(sep))) {
                t = r;
            }
            if let Some(r) = kept(t.strip_prefix(name).and_then(|r| r.strip_prefix(sep))) {
                t = r;
            }
        }
    }
    (!t.is_empty()).then_some(t)
}

/// Longest title kept, in bytes; a longer one is cut at a space before it and ends
/// with `…` (a page's "title" of a megabyte is no title, and the output stays bounded).
const MAX_TITLE_BYTES: usize = 1000;

/// `title` without separators left at its start (`| Gas prices`, what is left when
/// an empty site name came first), cut to [`MAX_TITLE_BYTES`]; `None` when nothing is
/// left.
fn tidy_title(title: String) -> Option<String> {
    let mut t = title.trim();
    while let Some(rest) = ["|", "-", "–", "—", "::", "·"].iter().find_map(|sep| {
        t.strip_prefix(sep)
            .filter(|r| r.is_empty() || r.starts_with(' '))
    }) {
        t = rest.trim_start();
    }
    if t.is_empty() {
        return None;
    }
    if t.len() <= MAX_TITLE_BYTES {
        return Some(t.to_string());
    }
    let mut cut = MAX_TITLE_BYTES;
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &t[..cut];
    let head = head.rfind(' ').map_or(head, |sp| &head[..sp]).trim_end();
    Some(format!("{head}…"))
}

/// Separators between a title and the site's name, `:` included (`Story : Site`).
const AFFIX_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " : ", " · ", " » ", " « ", " › ",
];

/// `title` without a prefix or suffix that names the host (`CDPATH replacements -
/// anarcat` on anarc.at, `EFC Bayrische Bembel Regensburg - Story` on
/// bayrische-bembel.de: the segment's letters hold the host's, five at least), and
/// without a site name glued to a CJK title (`武汉的声音-新华网`: a dash or underscore
/// and at most eight CJK characters).
fn strip_host_affix(title: &str, host: Option<&str>) -> String {
    let mut t = title.trim().to_string();
    if let Some((head, tail)) = t.rsplit_once(['-', '_', '|', '｜']) {
        let tail = tail.trim();
        if !tail.is_empty()
            && tail.chars().count() <= 8
            && tail.chars().all(title::is_cjk)
            && head
                .trim_end()
                .chars()
                .filter(|&c| title::is_cjk(c))
                .count()
                >= 4
        {
            t = head.trim_end().to_string();
        }
    }
    let Some(label) = host
        .and_then(host_label)
        .map(loose_key)
        .filter(|l| l.len() >= 5)
    else {
        return t;
    };
    let names_host = |seg: &str| {
        let k = loose_key(seg);
        !k.is_empty() && (k.contains(&label) || (k.len() >= 5 && label.contains(&k)))
    };
    for sep in AFFIX_SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            if names_host(tail) && loose_key(head).len() >= 4 && !names_host(head) {
                t = head.trim_end().to_string();
            }
        }
        if let Some((head, tail)) = t.split_once(sep) {
            // (a domain names its site whatever the length of the title after it:
            // `energieverbraucher.de | Gaspreise`)
            if names_host(head)
                && (loose_key(tail).len() > loose_key(head).len()
                    || head.contains('.')
                        && !head.trim().contains(' ')
                        && loose_key(tail).len() >= 4)
                && !names_host(tail)
            {
                t = tail.trim_start().to_string();
            }
        }
    }
    t
}

/// One name written surname first, as Highwire Press tags often are (`Smith, John`,
/// `Smith, J.`), turned around (`John Smith`); anything else unchanged.
fn surname_last(name: &str) -> String {
    match name.split_once(',') {
        Some((last, first))
            if !first.contains(',')
                && (1..=3).contains(&last.split_whitespace().count())
                && (1..=3).contains(&first.split_whitespace().count()) =>
        {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => name.to_string(),
    }
}

/// Whether a credited "author" is the site itself (its name or its domain).
fn is_site_credit(name: &str, site: Option<&str>, host: Option<&str>) -> bool {
    let k = loose_key(name);
    if site.is_some_and(|s| {
        let sk = loose_key(s);
        sk == k || (sk.len() >= 4 && k.starts_with(&sk))
    }) {
        return true;
    }
    host.and_then(host_label).is_some_and(|l| {
        let lk = loose_key(l);
        lk.len() >= 4 && (lk == k || k.starts_with(&lk) || lk.starts_with(&k))
            // `OÖ Volksblatt` on volksblatt.at, `Die Furche` on furche.at
            || lk.len() >= 6 && k.contains(&lk)
    })
}

/// The publication date by precedence: declared in JSON-LD or `<meta>` (unless a full
/// date in the URL or a date element next to the headline contradicts it: declared
/// dates are often the last update), a full date in the URL, a date on the page near
/// the headline (`<time>`, date elements, date lines), a month in the URL (refined by
/// a page date of that month), the modification date.
fn choose_published(
    declared: Option<DatedValue>,
    in_url: Option<DatedValue>,
    page: Option<PageDate>,
    modified: Option<&DatedValue>,
) -> Option<DatedValue> {
    let url_day = in_url
        .as_ref()
        .filter(|u| u.precision == DatePrecision::Day);
    if let Some(d) = declared {
        if let Some(u) = url_day {
            let gap = (d.at.date_naive() - u.at.date_naive()).num_days().abs();
            if gap > 1 {
                return in_url;
            }
        }
        if let Some(p) = &page {
            let gap = (d.at.date_naive() - p.value.at.date_naive())
                .num_days()
                .abs();
            // A date element close to the headline that contradicts the declared
            // date: publishers declare the last update or the page's creation.
            let shown = (p.strength >= 2 && p.cost() <= 40 || p.cost() <= 30) && !p.updated;
            // `11/01/2021` read day first, where the declared date says month first
            let pd = p.value.at.date_naive();
            let swapped = NaiveDate::from_ymd_opt(pd.year(), pd.day(), pd.month())
                .is_some_and(|s| s == d.at.date_naive());
            if gap > 1 && shown && !swapped {
                return Some(p.value.clone());
            }
            // A declared UTC instant is a day off the local date readers see when
            // published late or early in the day: the page's own date of the same
            // instant, in the site's zone, gives the day.
            if gap == 1
                && d.has_offset
                && d.at.offset().local_minus_utc() == 0
                && !p.updated
                && local_day_of(&d, &p.value)
            {
                return Some(p.value.clone());
            }
        }
        return Some(d);
    }
    if url_day.is_some() {
        return in_url;
    }
    let page = page.map(|p| p.value);
    match (in_url, page) {
        (Some(u), Some(p)) => {
            if p.at.date_naive().format("%Y-%m").to_string()
                == u.at.date_naive().format("%Y-%m").to_string()
            {
                Some(p)
            } else {
                Some(u)
            }
        }
        (Some(u), None) => Some(u),
        (None, Some(p)) => Some(p),
        (None, None) => modified.cloned(),
    }
}

/// Whether `page` can be the local day of the UTC instant `utc`: some zone offset
/// (−12 h to +14 h) puts the instant on that day, and when `page` carries its own
/// time and offset, it is the same instant give or take a minute.
fn local_day_of(utc: &DatedValue, page: &DatedValue) -> bool {
    if page.has_offset && page.precision != DatePrecision::Day {
        return (page.at - utc.at).num_seconds().abs() <= 60;
    }
    let day = page.at.date_naive();
    (-12..=14).any(|h| (utc.at.naive_utc() + chrono::Duration::hours(h)).date() == day)
}

/// A date shown on the page, with what points to it being the article's own.
#[derive(Debug, Clone)]
struct PageDate {
    value: DatedValue,
    /// 3: `<time>` or `itemprop=datePublished`; 2: an element whose class names a
    /// date or byline; 1: a short text that holds a date.
    strength: u8,
    /// Labelled as a modification ("Updated", "aktualisiert", `dateModified`).
    updated: bool,
    /// Elements between it and the first `<h1>`, weighted (dates before the headline
    /// count farther).
    distance: usize,
}

impl PageDate {
    /// Lower is better.
    fn cost(&self) -> usize {
        self.distance + (3 - usize::from(self.strength)) * 12 + usize::from(self.updated) * 20
    }
}

/// Words that mark a date as a modification rather than the publication.
fn is_update_label(s: &str) -> bool {
    let lower = s.to_lowercase();
    [
        "update",
        "aktualisiert",
        "geändert",
        "modified",
        "bearbeitet",
        "actualizado",
        "mis à jour",
        "atualizado",
        "aggiornato",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Dates shown on the page: `<time>` elements, `itemprop` dates, date and byline
/// elements (class or id naming a date), and short texts that hold a full date,
/// outside comments, asides, navigation and footers; each with its distance from the
/// headline: the first heading (`<h1>` to `<h6>`) whose text holds `title`, else the
/// first `<h1>` (a site's logo is often an `<h1>` before a long menu). Dates after
/// `fetched` (see [`DatedValue::not_after_fetch`]) are left out.
fn page_dates(
    tree: &tree::Tree,
    fetched: DateTime<FixedOffset>,
    title: Option<&str>,
) -> Vec<PageDate> {
    use tree::Tag;
    let mut found: Vec<(usize, DatedValue, u8, bool)> = Vec::new();
    let mut h1_at: Option<usize> = None;
    let mut headline_at: Option<usize> = None;
    let title = title.map(normalize_ws);
    // Elements seen so far: the distance unit.
    let mut index = 0usize;
    // (node, excluded, inside a link)
    let mut stack: Vec<(u32, bool, bool)> = vec![(0, false, false)];
    while let Some((i, excluded, in_link)) = stack.pop() {
        let node = tree.node(i);
        if node.tag == Tag::Text {
            // Dates in link texts are mostly other articles' (teasers, archives).
            if excluded || in_link || node.hidden {
                continue;
            }
            let t = &node.text;
            // `01.02.2022 „Der Arbeitsmarkt …`, `(21. November 2022) Energieverbraucher
            // …`: a date opening a long text is its dateline
            let leading = || dates::first_date(t.trim_start()).is_some_and(|(at, _)| at <= 1);
            if t.bytes().any(|b| b.is_ascii_digit()) && (t.len() <= 160 || leading()) {
                if let Some(d) = text_date(t) {
                    // `Datum 25.01.2022`, `Stand: …`, `Mise en ligne 23 mai 2019`: a
                    // labelled date counts as a date element.
                    let label = date_label(tree, i);
                    let strength = if label.is_some() { 2 } else { 1 };
                    let updated = is_update_label(t) || label == Some(true);
                    found.push((index, d, strength, updated));
                }
            }
            continue;
        }
        index += 1;
        let name = node.name.as_str();
        let top = matches!(name, "html" | "body" | "");
        let excluded = excluded
            || matches!(name, "aside" | "nav" | "footer" | "select" | "option")
            || (!top && dates::is_comment_class(&node.cid));
        let in_link = in_link || name == "a";
        let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        if heading && node.stats.chars > 0 {
            if h1_at.is_none() && name == "h1" {
                h1_at = Some(index);
            }
            if headline_at.is_none()
                && title.as_ref().is_some_and(|title| {
                    let text = normalize_ws(&tree.text_upto(i, 600).unwrap_or_default());
                    !title.is_empty() && text.contains(title.as_str())
                })
            {
                headline_at = Some(index);
            }
        }
        if !excluded && !top {
            let itemprop = tree.attr_str(i, "itemprop").map(str::to_ascii_lowercase);
            let prop_date = itemprop
                .as_deref()
                .is_some_and(|p| p == "datepublished" || p == "datecreated" || p == "datemodified");
            if name == "time" || prop_date {
                let text = tree.text_upto(i, 400).unwrap_or_default();
                let d = ["datetime", "content"]
                    .iter()
                    .find_map(|a| tree.attr(i, a).and_then(|s| dated(&s, DateSource::Meta)))
                    .or_else(|| text_date(&text));
                if let Some(d) = d {
                    let updated = itemprop.as_deref() == Some("datemodified")
                        || is_update_label(&node.cid)
                        || is_update_label(&text);
                    found.push((index, d, 3, updated));
                }
            } else if let Some((d, updated)) = hatom_date(tree, i) {
                found.push((index, d, 3, updated));
            } else if dates::is_date_class(&node.cid) {
                if let Some(t) = tree.text_upto(i, 200) {
                    if let Some(d) = text_date(&t) {
                        let updated = is_update_label(&t) || is_update_label(&node.cid);
                        found.push((index, d, 2, updated));
                    }
                }
            }
        }
        for &c in node.children.iter().rev() {
            stack.push((c, excluded, in_link));
        }
    }
    let h1 = headline_at.or(h1_at).unwrap_or(0);
    found
        .into_iter()
        .filter(|(_, d, _, _)| d.not_after_fetch(&fetched))
        .map(|(i, value, strength, updated)| PageDate {
            value,
            strength,
            updated,
            distance: if i >= h1 { (i - h1) * 2 } else { (h1 - i) * 3 },
        })
        .collect()
}

/// The date of an hAtom `published` or `updated` element that gives it, machine-readable,
/// in its `title` (`<abbr class="published" title="2013-04-04T18:52:11+00:00">`, often
/// an empty `<span>`; microformats.org hAtom 0.1 and its datetime design pattern), and
/// whether it is the update.
fn hatom_date(tree: &tree::Tree, i: u32) -> Option<(DatedValue, bool)> {
    // (`cid` is the class and id, lower-cased)
    let class = &tree.node(i).cid;
    let updated = class.split_ascii_whitespace().any(|c| c == "updated");
    let published = class.split_ascii_whitespace().any(|c| c == "published");
    if !updated && !published {
        return None;
    }
    let d = dated(tree.attr_str(i, "title")?, DateSource::Meta)?;
    Some((d, updated && !published))
}

/// Whether the date in text node `i` follows a date label in it, its element or the
/// element around that (120 characters at most): `Some(false)` for a publication
/// label (`Datum`, `Veröffentlicht`, `Published`, `Mise en ligne`, `Fecha`),
/// `Some(true)` for an update label (`Stand`, `Aktualisiert`, `Updated`).
fn date_label(tree: &tree::Tree, i: u32) -> Option<bool> {
    const PUBLISHED: &[&str] = &[
        "datum",
        "veröffentlicht",
        "erschienen",
        "erstellt",
        "publiziert",
        "published",
        "posted",
        "date",
        "publié",
        "mise en ligne",
        "fecha",
        "publicado",
        "pubblicato",
    ];
    let mut j = i;
    for _ in 0..3 {
        let text = if j == i {
            tree.node(j).text.trim().to_lowercase()
        } else {
            tree.text_upto(j, 120)?.to_lowercase()
        };
        let head: String = text.chars().take(24).collect();
        if is_update_label(&head) {
            return Some(true);
        }
        if PUBLISHED.iter().any(|w| text.starts_with(w)) {
            return Some(false);
        }
        if j == 0 {
            break;
        }
        j = tree.node(j).parent;
    }
    None
}

fn text_date(s: &str) -> Option<DatedValue> {
    let (_, d) = dates::first_date(s)?;
    Some(DatedValue {
        at: Utc
            .from_utc_datetime(&d.and_hms_opt(0, 0, 0)?)
            .fixed_offset(),
        has_offset: false,
        source: DateSource::Text,
        precision: DatePrecision::Day,
    })
}

fn dedup_authors(authors: &mut Vec<Author>) {
    let mut seen = std::collections::HashSet::new();
    authors.retain(|a| seen.insert(a.name.to_lowercase()));
}

/// Splits an author string from metadata ("Jane Doe and John Roe", "By Jane Doe,
/// Reuters") into authors (see [`structure::parse_marked_credit`]).
pub fn authors_from_str(s: &str, found_in: FoundIn) -> Vec<Author> {
    authors::from_credit(s, found_in)
}

/// The first JSON-LD object that describes an article, posting, report, how-to or
/// review (or, failing that, a web page).
fn json_ld_article(scripts: &[Value]) -> Option<(Value, bool)> {
    let mut fallback = None;
    for value in scripts {
        let mut stack = vec![value.clone()];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items),
                Value::Object(ref obj) => {
                    if let Some(Value::Array(graph)) = obj.get("@graph") {
                        stack.extend(graph.iter().cloned());
                    }
                    let types: Vec<String> = match obj.get("@type") {
                        Some(Value::String(t)) => vec![t.clone()],
                        Some(Value::Array(ts)) => ts
                            .iter()
                            .filter_map(|t| t.as_str().map(str::to_string))
                            .collect(),
                        _ => Vec::new(),
                    };
                    if types.iter().any(|t| {
                        // how-tos and reviews are articles too; a forum thread's
                        // `DiscussionForumPosting` dates its first post, not the page
                        t.ends_with("Article")
                            || matches!(
                                t.as_str(),
                                "BlogPosting"
                                    | "LiveBlogPosting"
                                    | "SocialMediaPosting"
                                    | "Report"
                                    | "HowTo"
                                    | "Review"
                            )
                    }) {
                        return Some((v, true));
                    }
                    if fallback.is_none() && types.iter().any(|t| t == "WebPage") {
                        fallback = Some(v.clone());
                    }
                }
                _ => {}
            }
        }
    }
    fallback.map(|v| (v, false))
}

fn ld_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(normalize_ws(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(ld_str).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn ld_name(v: &Value) -> Option<String> {
    match v {
        Value::Object(o) => o.get("name").and_then(ld_str),
        Value::Array(items) => items.iter().find_map(ld_name),
        other => ld_str(other),
    }
}

fn ld_image(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(ld_image),
        Value::Array(items) => items.iter().find_map(ld_image),
        _ => None,
    }
}

fn dated(s: &str, source: DateSource) -> Option<DatedValue> {
    let (at, has_offset, precision) = parse_datetime(s)?;
    Some(DatedValue {
        at,
        has_offset,
        source,
        precision,
    })
}

/// Parses the date formats publishers put in metadata: RFC 3339 / ISO 8601 with or
/// without zone, seconds or time; RFC 2822; `YYYY/MM/DD`; `YYYYMMDD`. Returns the
/// instant (UTC when no zone was given), whether a zone was given, and the precision.
pub fn parse_datetime(s: &str) -> Option<(DateTime<FixedOffset>, bool, DatePrecision)> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some((d, true, DatePrecision::Second));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some((d, true, DatePrecision::Second));
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some((d, true, DatePrecision::Second));
    }
    let utc = |n: NaiveDateTime| Utc.from_utc_datetime(&n).fixed_offset();
    for (fmt, p) in [
        ("%Y-%m-%dT%H:%M:%S%.f", DatePrecision::Second),
        ("%Y-%m-%d %H:%M:%S%.f", DatePrecision::Second),
        ("%Y-%m-%dT%H:%M", DatePrecision::Minute),
        ("%Y-%m-%d %H:%M", DatePrecision::Minute),
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some((utc(n), false, p));
        }
    }
    let date_part = s.get(..10).unwrap_or(s);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%Y%m%d"] {
        let candidate = if fmt == "%Y%m%d" { s } else { date_part };
        if let Ok(d) = NaiveDate::parse_from_str(candidate, fmt) {
            let n = d.and_hms_opt(0, 0, 0)?;
            return Some((utc(n), false, DatePrecision::Day));
        }
    }
    None
}

/// A `/2019/04/25/` (or `/2019-04-25/`, `/20190425/`) date in the URL path.
fn date_from_url(url: &Url) -> Option<DatedValue> {
    let segs: Vec<&str> = url.path_segments()?.collect();
    let num = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    for w in segs.windows(3) {
        if num(w[0], 4) && (1..=2).contains(&w[1].len()) && w[1].bytes().all(|b| b.is_ascii_digit())
        {
            let y: i32 = w[0].parse().ok()?;
            let m: u32 = w[1].parse().ok()?;
            let day = w[2].get(..2).and_then(|d| d.parse::<u32>().ok());
            if let Some(d) = day.and_then(|d| NaiveDate::from_ymd_opt(y, m, d)) {
                return url_date(d, DatePrecision::Day);
            }
            if let Some(d) = NaiveDate::from_ymd_opt(y, m, 1) {
                return url_date(d, DatePrecision::Month);
            }
        }
    }
    for s in &segs {
        for part in s.split(['-', '_', '.']) {
            if num(part, 8) {
                if let Ok(d) = NaiveDate::parse_from_str(part, "%Y%m%d") {
                    if (1990..=2100).contains(&chrono::Datelike::year(&d)) {
                        return url_date(d, DatePrecision::Day);
                    }
                }
            }
        }
    }
    None
}

fn url_date(d: NaiveDate, precision: DatePrecision) -> Option<DatedValue> {
    Some(DatedValue {
        at: Utc
            .from_utc_datetime(&d.and_hms_opt(0, 0, 0)?)
            .fixed_offset(),
        has_offset: false,
        source: DateSource::Url,
        precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::document::RawInput;

    const PAGE: &str = r#"<!doctype html><html lang="en-US"><head>
<title>Storm hits coast | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Storm hits coast">
<meta property="og:image" content="/img/storm.jpg">
<meta property="article:published_time" content="2019-04-25T10:30:00+09:00">
<meta property="article:tag" content="weather"><meta property="article:tag" content="storms">
<link rel="canonical" href="https://example.com/news/storm?utm_source=x">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example"},{"@type":"NewsArticle","headline":"Storm hits coast","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],"datePublished":"2019-04-25T10:30:00+09:00"}]}</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Storm hits coast</h1>
<p>A powerful storm hit the coast on Thursday, cutting power to thousands of homes and forcing the closure of schools across the region, officials said.</p>
<figure><img data-src="/img/flood.jpg" alt="Flooded street"><figcaption>A flooded street in the old town.</figcaption></figure>
<p>“We have never seen anything like this,” said the mayor, who asked residents to stay indoors until the winds eased later in the evening.</p>
<h2>Damage</h2>
<p>Insurers estimated the damage at more than 3.5 million dollars on Friday, though the figure could rise as more claims arrive in the coming weeks.</p>
<ul><li>Schools closed in five towns</li><li>Trains cancelled until Monday</li></ul>
</article>
<footer><p>Copyright 2019 Example News. All rights reserved.</p></footer>
</body></html>"#;

    fn extract(page: &str) -> Document {
        let mut doc = Document {
            input: RawInput {
                url: Some("https://example.com/news/storm".into()),
                ..Default::default()
            },
            decoded: page.to_string(),
            is_html: true,
            ..Default::default()
        };
        run(&mut doc);
        doc
    }

    #[test]
    fn headline_without_its_kicker_or_a_space_before_the_colon() {
        let body = "<p>Unbekannte haben interne Unterlagen des Konzerns ins Netz gestellt, darunter Pläne und Verträge aus mehreren Jahren.</p>";
        let page = format!(
            r#"<html><head><title>Interne Unterlagen im Netz: Daten von Rheinmetall gehackt | tagesschau.de</title></head><body>
<h1><span class="dachzeile">Interne Unterlagen im Netz</span> <span class="headline">Daten von Rheinmetall gehackt</span></h1>{body}</body></html>"#
        );
        let doc = extract(&page);
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Daten von Rheinmetall gehackt")
        );
        let page = format!(
            r#"<html lang="de"><body><h1><span>Nutzerbasierte Abrechnung</span> <span>: </span> <span>Musik-Stars fordern neues Streaming-Modell</span></h1>{body}</body></html>"#
        );
        let doc = extract(&page);
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Nutzerbasierte Abrechnung: Musik-Stars fordern neues Streaming-Modell")
        );
        // a heading that is a kicker, and the following second-level headline
        let page = format!(
            r#"<html><head><title>Strava-Karten ab sofort mit mehr Infos - Strava-Update: POI bei Routen-Tool</title></head><body>
<h1 class="strapline">Strava-Update: POI bei Routen-Tool</h1><h2 class="title">Strava-Karten ab sofort mit mehr Infos</h2>{body}</body></html>"#
        );
        let doc = extract(&page);
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Strava-Karten ab sofort mit mehr Infos")
        );
        // the site's name as its logo heading shows it, removed from the <title>
        let page = format!(
            r#"<html><head><title>Enchufla Figuren - Salsa-Figuren - Rueda in Berlin</title></head><body>
<h1><a href="/"><span>Salsa-Figuren - Rueda in Berlin</span></a></h1>{body}</body></html>"#
        );
        let doc = extract(&page);
        assert_eq!(doc.metadata.title.as_deref(), Some("Enchufla Figuren"));
        let page = format!(
            r#"<html><head><title>The Daily Planet - Council approves budget</title></head><body>
<h1 class="logo">The Daily Planet</h1>{body}</body></html>"#
        );
        let doc = extract(&page);
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Council approves budget")
        );
    }

    #[test]
    fn date_under_the_headline_beats_a_contradicting_declared_date() {
        let page = |shown: &str| {
            format!(
                r#"<html><head><meta name="pubdate" content="2021-11-01T15:41:07+01:00"></head>
<body><h1>Warum sich das Warten wirklich lohnt</h1><p><strong>{shown}</strong></p>
<p>Das nächste Modell kommt im Herbst, und wer jetzt kauft, verpasst womöglich die wichtigsten Neuerungen des Jahres.</p></body></html>"#
            )
        };
        let day = |shown| {
            extract(&page(shown))
                .metadata
                .published
                .map(|d| d.at.date_naive().to_string())
        };
        assert_eq!(day("04.02.2022 | 15:33 Uhr").as_deref(), Some("2022-02-04"));
        // the same day read the other way round is no contradiction
        assert_eq!(day("11/01/2021").as_deref(), Some("2021-11-01"));
    }

    #[test]
    fn hatom_titles_date_the_page() {
        let page = |marker: &str| {
            format!(
                r#"<html><body><h1>Schulnoten abschaffen?</h1>{marker}<p>Noten sagen wenig darüber, was ein Kind kann, und viel darüber, wie es an einem Tag geprüft wurde.</p></body></html>"#
            )
        };
        for marker in [
            r#"<span class="updated" title="2013-04-04T18:52:11+00:00"></span>"#,
            r#"<abbr class="published" title="2013-04-04">4. April</abbr>"#,
        ] {
            let d = extract(&page(marker)).metadata.published.expect(marker);
            assert_eq!(d.at.date_naive().to_string(), "2013-04-04", "{marker}");
        }
        // a title that is no date, a title on an element of another class, an instant
        // after the fetch
        let later = (Utc::now() + chrono::Duration::hours(2)).to_rfc3339();
        let later = format!(r#"<span class="updated" title="{later}"></span>"#);
        for marker in [
            r#"<span class="updated" title="gestern"></span>"#,
            r#"<span class="note" title="2013-04-04"></span>"#,
            later.as_str(),
        ] {
            assert!(
                extract(&page(marker)).metadata.published.is_none(),
                "{marker}"
            );
        }
    }

    #[test]
    fn how_to_json_ld_dates_the_page_and_forum_threads_do_not() {
        let page = |ty: &str| {
            format!(
                r#"<html><head><script type="application/ld+json">{{"@type":"{ty}","name":"Wie man eine Tischdecke näht","datePublished":"2022-01-10T22:06:08:684Z"}}</script></head>
<body><h1>Wie man eine Tischdecke näht</h1><p>Eine runde Tischdecke braucht nur Stoff, eine Schere und etwas Zeit; so geht es in sieben Schritten.</p></body></html>"#
            )
        };
        let doc = extract(&page("HowTo"));
        let d = doc.metadata.published.expect("a date");
        assert_eq!(d.at.date_naive().to_string(), "2022-01-10");
        assert_eq!(d.source, DateSource::JsonLd);
        let doc = extract(&page("DiscussionForumPosting"));
        assert!(doc.metadata.published.is_none());
    }

    #[test]
    fn metadata_from_json_ld_and_meta() {
        let doc = extract(PAGE);
        let md = &doc.metadata;
        assert_eq!(md.title.as_deref(), Some("Storm hits coast"));
        assert_eq!(md.site_name.as_deref(), Some("Example News"));
        let names: Vec<&str> = md.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Jane Doe", "John Roe"]);
        assert_eq!(md.authors[0].found_in, FoundIn::JsonLd);
        let p = md.published.as_ref().expect("published date");
        assert_eq!(p.source, DateSource::JsonLd);
        assert_eq!(p.at.to_rfc3339(), "2019-04-25T10:30:00+09:00");
        assert_eq!(md.tags, ["weather", "storms"]);
        assert_eq!(
            md.lead_image.as_ref().map(|i| i.url.as_str()),
            Some("https://example.com/img/storm.jpg")
        );
        assert_eq!(md.declared_language.as_deref(), Some("en-US"));
        assert!(md
            .canonical_url
            .as_deref()
            .unwrap()
            .starts_with("https://example.com/news/storm"));
    }

    #[test]
    fn main_text_blocks_without_boilerplate() {
        let doc = extract(PAGE);
        assert!(doc.text.contains("A powerful storm hit the coast"));
        assert!(doc.text.contains("3.5 million dollars"));
        assert!(!doc.text.contains("Copyright"), "{}", doc.text);
        assert!(!doc.text.contains("Home"), "{}", doc.text);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert!(kinds.contains(&BlockKind::Heading), "{kinds:?}");
        assert!(kinds.contains(&BlockKind::ListItem), "{kinds:?}");
        for b in &doc.blocks {
            assert!(
                doc.text.is_char_boundary(b.span.start) && doc.text.is_char_boundary(b.span.end)
            );
        }
        assert!(doc
            .metadata
            .images
            .iter()
            .any(|i| i.url == "https://example.com/img/flood.jpg"
                && i.alt.as_deref() == Some("Flooded street")));
    }

    #[test]
    fn parses_common_date_formats() {
        let (d, off, p) = parse_datetime("2019-04-25T10:30:00Z").unwrap();
        assert!(off);
        assert_eq!(p, DatePrecision::Second);
        assert_eq!(d.to_rfc3339(), "2019-04-25T10:30:00+00:00");
        let (_, off, p) = parse_datetime("2019-04-25").unwrap();
        assert!(!off);
        assert_eq!(p, DatePrecision::Day);
        assert!(parse_datetime("Thu, 25 Apr 2019 10:30:00 +0200").is_some());
        assert!(parse_datetime("yesterday").is_none());
    }

    #[test]
    fn date_in_url_path() {
        let u = Url::parse("https://example.com/2019/04/25/storm-hits").unwrap();
        let d = date_from_url(&u).unwrap();
        assert_eq!(d.precision, DatePrecision::Day);
        assert_eq!(d.at.date_naive().to_string(), "2019-04-25");
    }

    #[test]
    fn title_prefers_visible_h1_contained_in_declared_title() {
        let h = |level: u8, text: &str, chrome: bool| title::Heading {
            level,
            text: text.into(),
            chrome,
            parts: Vec::new(),
        };
        let t = choose_title(
            Some("Klimaschutz: Bohren, bis es heiß wird".into()),
            None,
            &[h(1, "Bohren, bis es heiß wird", false)],
            None,
            None,
        );
        assert_eq!(t.as_deref(), Some("Bohren, bis es heiß wird"));
        // A one-word h1 ("Menu") or a logo never replaces the declared title.
        let t = choose_title(
            Some("Storm hits coast".into()),
            None,
            &[h(1, "Menu", false), h(1, "Example News Network", true)],
            None,
            None,
        );
        assert_eq!(t.as_deref(), Some("Storm hits coast"));
        // A blog: the site in the h1, the post in an h2 that the <title> repeats.
        let t = choose_title(
            None,
            Some("Nummer zwei: Leo | seelenradio".into()),
            &[h(1, "seelenradio", false), h(2, "Nummer zwei: Leo", false)],
            Some("seelenradio"),
            None,
        );
        assert_eq!(t.as_deref(), Some("Nummer zwei: Leo"));
    }

    #[test]
    fn title_ignores_site_name_and_decodes_entities() {
        let t = choose_title(
            Some("Example Blog".into()),
            Some("How to bake bread - Example Blog".into()),
            &[],
            Some("Example Blog"),
            Some("www.example-blog.com"),
        );
        assert_eq!(t.as_deref(), Some("How to bake bread"));
        assert_eq!(
            decode_entities("&quot;Hi&quot; &#8211; &#x2019;s &amp; &bogus;"),
            "\"Hi\" – ’s & &bogus;"
        );
    }

    #[test]
    fn scholarly_authors_site_credits_and_screen_reader_copies() {
        let body = format!(
            "<h1>Anticonvulsant hypersensitivity</h1><p>{}</p>",
            "A case report of a rare reaction to a common drug, with a review of the literature. "
                .repeat(5)
        );
        let names = |head: &str, extra: &str| -> Vec<String> {
            let html = format!("<html><head>{head}</head><body>{body}{extra}</body></html>");
            extract(&html)
                .metadata
                .authors
                .into_iter()
                .map(|a| a.name)
                .collect()
        };
        // `citation_author` over the microdata of a cited work
        let cited = r#"<li itemscope itemtype="http://schema.org/ScholarlyArticle"><meta itemprop="author" content="NH. Shear, SP. Spielberg, "></li>"#;
        assert_eq!(
            names(
                r#"<meta name="citation_author" content="Marwan H. Adwan"><meta name="citation_author" content="Jane Roe">"#,
                &format!("<ol>{cited}</ol>")
            ),
            ["Marwan H. Adwan", "Jane Roe"]
        );
        // surname first, one tag per author
        assert_eq!(
            names(
                r#"<meta name="citation_author" content="Smith, John"><meta name="citation_author" content="Roe, J.">"#,
                ""
            ),
            ["John Smith", "J. Roe"]
        );
        // a meta author that is the site as a whole gives way to the byline
        assert_eq!(
            names(
                r#"<meta property="og:site_name" content="Jobs & Hire"><meta name="author" content="Jobs & Hire">"#,
                r#"<p class="byline">By <a href="/reporters/jose-de-la-cruz">Jose de la Cruz</a></p>"#
            ),
            ["Jose de la Cruz"]
        );
        // a screen reader's copy of the name after the byline word
        assert_eq!(
            names(
                "",
                r#"<p class="podcast-card__authors">Par <a href="/auteurs/olivier_minot">Olivier Minot <span class="u-screen-reader-text">Olivier Minot</span></a></p>"#
            ),
            ["Olivier Minot"]
        );
    }

    #[test]
    fn a_given_name_is_completed_from_an_author_box_not_from_running_text() {
        let page = |box_text: &str| {
            let html = format!(
                "<html><head><script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \
                 \"headline\": \"Robots\", \"author\": {{\"@type\": \"Person\", \"name\": \"Todd\"}}}}\
                 </script></head><body><h1>Robots</h1><p>{}</p>{box_text}</body></html>",
                "Todd Daumen hoch, sagt der Text des Artikels, lang genug für einen Absatz. ".repeat(6)
            );
            let names: Vec<String> = extract(&html)
                .metadata
                .authors
                .into_iter()
                .map(|a| a.name)
                .collect();
            names
        };
        assert_eq!(
            page(r#"<div class="bio"><p>Todd Bates</p></div>"#),
            ["Todd Bates"]
        );
        // a heading that starts with the given name is no author box
        assert_eq!(page("<h2>Todd Recommends</h2>"), ["Todd"]);
        // running text names `Todd Daumen` six times: not a surname
        assert_eq!(
            page(r#"<div class="bio"><p>Über den Autor</p></div>"#),
            ["Todd"]
        );
    }

    #[test]
    fn headline_equal_to_the_title_before_a_longer_site_name() {
        let page = |head: &str, body: &str| {
            extract(&format!(
                "<html><head>{head}</head><body><div class=\"container\">{body}\
                 <p>{}</p></div></body></html>",
                "Der Text des Artikels, lang genug für einen Absatz. ".repeat(8)
            ))
            .metadata
        };
        // The site's name is longer than the headline: the heading is still the story.
        let md = page(
            "<title>Balsamo Stella, Guido (I) - Deutsche Exlibris-Gesellschaft e.V.</title>",
            "<h1>Balsamo Stella, Guido (I)</h1>",
        );
        assert_eq!(md.title.as_deref(), Some("Balsamo Stella, Guido (I)"));
        // A <title> that is only the site's name: the headline is the title.
        let md = page(
            "<title>Daily News</title><meta property=\"og:site_name\" content=\"Daily News\">",
            "<h1>Mayor Approves Sweeping New School Budget</h1>",
        );
        assert_eq!(
            md.title.as_deref(),
            Some("Mayor Approves Sweeping New School Budget")
        );
        // A "site name" that is the whole title is the title misfiled.
        let t = "UK university student halls too full to be safe, experts warn";
        let md = page(
            &format!("<title>{t}</title><meta name=\"application-name\" content=\"{t}\">"),
            &format!("<h1>{t}</h1>"),
        );
        assert_eq!(md.title.as_deref(), Some(t));
        assert_eq!(md.site_name, None);
        // Bootstrap's page header holds the page's title, not the site's.
        let md = page(
            "<title>CDPATH replacements - anarcat</title>",
            "<header class=\"page-header\"><h1>CDPATH replacements</h1></header>",
        );
        assert_eq!(md.title.as_deref(), Some("CDPATH replacements"));
        // A kicker and the headline in one <h1>: the part the page declares.
        let md = page(
            "<title>Open Progress - Why collaborative thinking wins | The Economist</title>\
             <meta property=\"og:title\" content=\"Why collaborative thinking wins\">",
            "<h1><span>Open Progress</span><br><span>Why collaborative thinking wins</span></h1>",
        );
        assert_eq!(md.title.as_deref(), Some("Why collaborative thinking wins"));
    }

    #[test]
    fn titles_lose_leading_separators_and_stay_bounded() {
        assert_eq!(
            tidy_title("| Gas prices".into()).as_deref(),
            Some("Gas prices")
        );
        assert_eq!(
            tidy_title("- – Gas prices".into()).as_deref(),
            Some("Gas prices")
        );
        assert_eq!(
            tidy_title("-5 degrees".into()).as_deref(),
            Some("-5 degrees")
        );
        assert_eq!(tidy_title(" | - |".into()), None);
        let long = "Gas prices ".repeat(100_000);
        let t = tidy_title(long).unwrap();
        assert!(t.len() <= MAX_TITLE_BYTES + '…'.len_utf8(), "{}", t.len());
        let last = t.trim_end_matches('…').rsplit(' ').next().unwrap_or("");
        assert!(t.ends_with('…') && matches!(last, "Gas" | "prices"), "{t}");
        let wide = "é".repeat(5_000);
        assert!(tidy_title(wide).unwrap().ends_with('…'));
    }

    #[test]
    fn host_names_and_cjk_site_names_leave_the_title() {
        let f = |t: &str, h: &str| strip_host_affix(t, Some(h));
        assert_eq!(
            f("CDPATH replacements - anarcat", "anarc.at"),
            "CDPATH replacements"
        );
        assert_eq!(
            f(
                "Items We Never Knew We Wanted : The Perspective",
                "ext.theperspective.com"
            ),
            "Items We Never Knew We Wanted"
        );
        assert_eq!(
            f(
                "EFC Bayrische Bembel - Eintracht Frankfurt stellt Weichen für die Zukunft",
                "bayrische-bembel.de"
            ),
            "Eintracht Frankfurt stellt Weichen für die Zukunft"
        );
        assert_eq!(
            f(
                "武汉的声音：有英勇的你，才有英雄的城！-新华网",
                "xinhuanet.com"
            ),
            "武汉的声音：有英勇的你，才有英雄的城！"
        );
        // A domain names its site however short the title after it is; a headline
        // that only holds a period and the host's name is no domain.
        assert_eq!(
            f(
                "energieverbraucher.de | Gaspreise",
                "www.energieverbraucher.de"
            ),
            "Gaspreise"
        );
        assert_eq!(
            f(
                "SKIBERGSTEIGEN MIT DEN C.A.M.P. - NEUHEITEN",
                "www.bergsteigen.com"
            ),
            "SKIBERGSTEIGEN MIT DEN C.A.M.P. - NEUHEITEN"
        );
        // A title that only shares words with the host keeps them.
        assert_eq!(
            f("Weather - Storm hits the coast", "example.com"),
            "Weather - Storm hits the coast"
        );
        assert_eq!(f("Anarchy in the UK", "anarc.at"), "Anarchy in the UK");
    }

    #[test]
    fn utc_declared_date_gives_way_to_the_local_day_on_the_page() {
        let body = "Der Text des Artikels, lang genug für einen Absatz. ".repeat(8);
        let md = extract(&format!(
            "<html><head><meta property=\"article:published_time\" \
             content=\"2022-05-04T03:37:37+00:00\"></head><body><article><h1>Headline of it</h1>\
             <time class=\"entry-date\" datetime=\"2022-05-03T23:37:37-04:00\">May 3</time>\
             <p>{body}</p></article></body></html>"
        ))
        .metadata;
        let p = md.published.expect("a date");
        assert_eq!(p.at.date_naive().to_string(), "2022-05-03");
        // Without a page date of the same instant, the declared instant stands.
        let md = extract(&format!(
            "<html><head><meta property=\"article:published_time\" \
             content=\"2022-05-04T03:37:37+00:00\"></head><body><article><h1>Headline of it</h1>\
             <time datetime=\"2022-05-03T08:00:00-04:00\">May 3</time><p>{body}</p></article>\
             </body></html>"
        ))
        .metadata;
        assert_eq!(
            md.published.unwrap().at.date_naive().to_string(),
            "2022-05-04"
        );
    }

    #[test]
    fn labelled_date_far_from_the_headline() {
        let filler =
            "<p>Ein Absatz des Artikels mit genug Text für die Auswertung.</p>".repeat(150);
        let md = extract(&format!(
            "<html><body><h1>Radon in Wohnungen</h1>{filler}<div class=\"info\">\
             <span class=\"label\">Datum</span> <span class=\"value\">25.01.2022</span></div>\
             </body></html>"
        ))
        .metadata;
        assert_eq!(
            md.published.expect("a date").at.date_naive().to_string(),
            "2022-01-25"
        );
    }

    #[test]
    fn byline_inside_a_layout_named_for_its_sidebar() {
        let md = extract(&format!(
            "<html><body><div class=\"main-content has-double-sidebar\"><h6>Headline</h6>\
             <h5><em>Von Leonora Holling</em></h5><p>{}</p></div>\
             <div class=\"sidebar\"><span class=\"author\">Other Person</span></div></body></html>",
            "Der Text des Artikels, lang genug für einen Absatz. ".repeat(8)
        ))
        .metadata;
        let names: Vec<&str> = md.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Leonora Holling"]);
    }

    #[test]
    fn authors_in_other_languages_and_site_credits() {
        let names = |s: &str| -> Vec<String> {
            authors_from_str(s, FoundIn::Byline)
                .into_iter()
                .map(|a| a.name)
                .collect()
        };
        assert_eq!(names("Von David Hutzler"), ["David Hutzler"]);
        assert_eq!(names("Par Barbara Stiegler"), ["Barbara Stiegler"]);
        assert_eq!(names("Anna Weber und Max Roth"), ["Anna Weber", "Max Roth"]);
        assert!(is_site_credit(
            "Hildesheimer Presse",
            None,
            Some("hildesheimer-presse.de")
        ));
        assert!(is_site_credit("Example News", Some("Example News"), None));
        assert!(!is_site_credit(
            "Jane Doe",
            Some("Example News"),
            Some("example.com")
        ));
        // the site's name inside a longer credit
        assert!(is_site_credit(
            "OÖ Volksblatt",
            None,
            Some("www.volksblatt.at")
        ));
        assert!(is_site_credit("Die Furche", None, Some("www.furche.at")));
        assert!(!is_site_credit("Jane Furch", None, Some("www.furche.at")));
    }

    #[test]
    fn page_date_near_the_headline_heading_and_datelines() {
        let menu: String = (0..300)
            .map(|k| format!("<li><span>Bereich {k}</span></li>"))
            .collect();
        let page = format!(
            "<html><body><header><h1>Bundesamt</h1><ul>{menu}</ul></header>\
             <main><h2>Neue Karte gibt Orientierung</h2><p>25.01.2022</p>\
             <p>Text.</p></main></body></html>"
        );
        let dom = Dom::from(page.as_str());
        let tree = tree::Tree::build(dom.root());
        let cost = |title| {
            page_dates(&tree, Utc::now().fixed_offset(), title)
                .into_iter()
                .map(|p| p.cost())
                .min()
                .expect("a date")
        };
        assert!(cost(Some("Neue Karte gibt Orientierung")) <= 200);
        assert!(cost(None) > 200, "measured from the logo's <h1>");
        // a date opening a long paragraph is its dateline
        let long = "Der Arbeitsmarkt ist gut in das neue Jahr gestartet. ".repeat(5);
        let page = format!("<html><body><h1>Arbeitsmarkt</h1><p><strong>01.02.2022 {long}</strong></p></body></html>");
        let dom = Dom::from(page.as_str());
        let tree = tree::Tree::build(dom.root());
        let d = page_dates(&tree, Utc::now().fixed_offset(), None);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].value.at.date_naive().to_string(), "2022-02-01");
    }

    #[test]
    fn page_date_near_headline_not_in_comments_or_sidebar() {
        let page = r#"<html><body>
<aside><span class="date">1. Januar 2012</span></aside>
<article><h1>Headline of the story</h1><div class="entry-date">Veröffentlicht am 5. April 2017</div>
<p>Text.</p><div class="comments"><span class="comment-date">7. April 2017</span></div></article>
</body></html>"#;
        let dom = Dom::from(page);
        let tree = tree::Tree::build(dom.root());
        let best = |tree: &tree::Tree, at| {
            page_dates(tree, at, None)
                .into_iter()
                .min_by_key(PageDate::cost)
                .map(|p| p.value)
        };
        let d = best(&tree, Utc::now().fixed_offset()).expect("date");
        assert_eq!(d.at.date_naive().to_string(), "2017-04-05");
        assert_eq!(d.source, DateSource::Text);
        // Dates after the fetch time are never taken.
        let before = Utc
            .with_ymd_and_hms(2016, 1, 1, 0, 0, 0)
            .unwrap()
            .fixed_offset();
        assert!(best(&tree, before).is_none());
    }

    #[test]
    fn url_day_date_overrides_contradicting_metadata() {
        let u = Url::parse("https://example.com/2019/10/22/story").unwrap();
        let url = date_from_url(&u);
        let meta = dated("2009-04-11T18:06:36Z", DateSource::Meta);
        let p = choose_published(meta.clone(), url.clone(), None, None).unwrap();
        assert_eq!(p.source, DateSource::Url);
        let same = dated("2019-10-22T08:00:00+02:00", DateSource::Meta);
        let p = choose_published(same, url, None, None).unwrap();
        assert_eq!(p.source, DateSource::Meta);
        // Month-only URL dates are refined by a page date in that month.
        let m = Url::parse("https://example.com/2013/10/story").unwrap();
        let p = choose_published(
            None,
            date_from_url(&m),
            text_date("5. Oktober 2013").map(|value| PageDate {
                value,
                strength: 1,
                updated: false,
                distance: 4,
            }),
            None,
        )
        .unwrap();
        assert_eq!(p.at.date_naive().to_string(), "2013-10-05");
    }

    #[test]
    fn meta_tags_read_in_one_pass() {
        let dom = Dom::from(
            r#"<head><meta name="Date" content="11/01/2023"><meta property="og:title" content=" A  title "></head>"#,
        );
        let tree = tree::Tree::build(dom.root());
        let m = MetaTags::of(&tree.head);
        assert_eq!(m.first(&["og:title"]).as_deref(), Some("A title"));
        assert_eq!(m.first(&["missing", "date"]).as_deref(), Some("11/01/2023"));
    }

    #[test]
    fn deeply_nested_unclosed_markup_is_read_without_a_tree() {
        let page = "<html><body>".to_string() + &"<div><span>".repeat(100_000) + "the text";
        let t = std::time::Instant::now();
        let doc = extract(&page);
        assert!(
            t.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            t.elapsed()
        );
        assert_eq!(doc.text, "the text");
        assert!(doc.warnings.iter().any(|w| w.code == "nesting_too_deep"));
        assert_eq!(
            strip_tags("<p>a &amp; b</p><script>x<y</script>c"),
            ["a & b", "c"]
        );
        assert_eq!(
            strip_tags("<title>T</title><noscript>N</noscript><svg><text>S</text></svg><p>a</p>"),
            ["a"]
        );
        assert_eq!(
            strip_tags(
                "<div hidden><div>H1</div>H2</div><p style=\"display: none\">H3</p>\
                 <span aria-hidden=\"true\">H4</span><div hidden>never closed"
            ),
            // (an element that never ends hides nothing: on these pages nothing ends)
            ["never closed"]
        );
        assert_eq!(
            strip_tags("<p data-hidden=\"x\">a</p><div hidden>x</div>b"),
            ["a", "b"]
        );
        let page = "<html><head><title>The &amp; headline</title></head><body>".to_string()
            + &"<div><span>".repeat(5_000)
            + "the text";
        let doc = extract(&page);
        assert_eq!(doc.metadata.title.as_deref(), Some("The & headline"));
        assert_eq!(doc.text, "the text");
    }

    #[test]
    fn paragraphs_nested_past_the_tree_depth_stay_paragraphs() {
        // an unclosed wrapper per level, as runaway templates leave them
        let paras: String = (0..12)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} of the article, long enough to be read as prose by \
                     the extractor, with a comma or two, and a full stop.</p>"
                )
            })
            .collect();
        let page = format!(
            "<html><body>{}<article>{paras}</article></body></html>",
            "<div><span>".repeat(200)
        );
        let doc = extract(&page);
        let paragraphs = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count();
        assert_eq!(paragraphs, 12, "{:#?}", doc.blocks);
        assert!(
            doc.text.starts_with("Paragraph 0 of the article"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn quotations_lists_and_tables_past_the_tree_depth_keep_their_paragraphs_apart() {
        let paras = "<div hidden>HIDDEN</div><noscript>NOSCRIPT</noscript>\
                     <p>Alpha paragraph: the city council on Tuesday approved a new budget \
                     that raises spending on schools by ten percent, officials said.</p>\
                     <p>Bravo paragraph: critics argued that the plan would raise taxes \
                     for homeowners across the region.</p>";
        for open in [
            "<div>".repeat(300) + "<blockquote>",
            "<ul><li>".repeat(200),
            "<table><tr><td>".repeat(100),
        ] {
            let doc = extract(&format!("<html><body>{open}{paras}</body></html>"));
            assert_eq!(doc.blocks.len(), 2, "{open:.20}: {:#?}", doc.blocks);
            assert!(doc.text.starts_with("Alpha paragraph"), "{}", doc.text);
            assert!(!doc.text.contains("HIDDEN") && !doc.text.contains("NOSCRIPT"));
        }
    }

    #[test]
    fn paragraphs_inside_nested_inline_wrappers_stay_paragraphs() {
        let doc = extract(
            "<html><body><span><span><p>First paragraph of the article is here, and it \
             is long enough to count as prose.</p><p>Second paragraph of the article \
             follows, with more words in its text.</p></span></span></body></html>",
        );
        assert_eq!(doc.blocks.len(), 2, "{:#?}", doc.blocks);
    }

    #[test]
    fn hostile_pages_do_not_panic() {
        let deep = "<div>".repeat(3_000) + "text" + &"</div>".repeat(3_000);
        let _ = extract(&deep);
        let _ = extract("<html><body><p>truncated <b>mark");
        let _ = extract("");
        let _ = extract("\u{0}\u{feff}<<<>>>");
    }
}
