//! One linear pass over the raw HTML before it is parsed.
//!
//! Why: more than half of the bytes of a typical news page are inline scripts and
//! styles (57 % over the article-extraction-benchmark), which carry no article text
//! but cost the HTML tokenizer as much as markup. The pass removes them (keeping the
//! JSON-LD metadata scripts' text aside), drops comments and inline SVG, drops the
//! attributes no later step reads (tracking `data-*` payloads, event handlers,
//! `aria-label`; two thirds of what remains of a page is attributes), and measures how
//! deeply the remaining elements nest, so that hostile pages can be read without
//! building a tree (see [`super::run`]).
//!
//! The scan follows the HTML tokenizer where it matters for these elements: a
//! `<script>` or `<style>` element ends at the first `</script` / `</style`
//! (case-insensitive), a comment at the first `-->`, and quoted attribute values may
//! hold `>`. Everything else is copied unchanged, so the tree built from the output is
//! the tree of the page without those elements.

use memchr::memchr;

/// What the pre-scan found.
#[derive(Debug, Default)]
pub(super) struct Prescan {
    /// The page without scripts, styles, comments and inline SVG, ready to parse.
    pub html: String,
    /// The text of every `<script type="application/ld+json">`, in page order.
    pub json_ld: Vec<String>,
    /// Upper estimate of the element nesting: start tags minus end tags, ignoring
    /// elements that never nest (void elements and those with optional end tags).
    pub depth: usize,
}

/// Elements whose end tag is optional or absent: they do not count towards nesting.
fn never_nests(name: &[u8]) -> bool {
    matches!(
        name,
        b"br"
            | b"img"
            | b"meta"
            | b"link"
            | b"input"
            | b"hr"
            | b"wbr"
            | b"source"
            | b"area"
            | b"base"
            | b"col"
            | b"embed"
            | b"param"
            | b"track"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"!doctype"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// Position of the first case-insensitive `needle` (ASCII, lowercase) at or after
/// `from`.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let (lower, upper) = (needle[0], needle[0].to_ascii_uppercase());
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let at = i + memchr::memchr2(lower, upper, &hay[i..])?;
        if hay.len() >= at + needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| from + p)
}

/// The end (index of `>`) of the tag starting at `at` (`<`), skipping quoted
/// attribute values.
fn tag_end(b: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => {
                // Quotes open a value only after `=` (possibly with spaces).
                let mut j = i;
                while j > at && b[j - 1].is_ascii_whitespace() {
                    j -= 1;
                }
                if j > at && b[j - 1] == b'=' {
                    quote = Some(c);
                }
            }
            None if c == b'>' => return Some(i),
            None => {}
        }
        i += 1;
    }
    None
}

/// Runs the pass over `html`.
pub(super) fn prescan(html: &str) -> Prescan {
    let b = html.as_bytes();
    let mut out = Prescan {
        html: String::with_capacity(html.len() / 2),
        ..Default::default()
    };
    // Start of the bytes not yet copied to `out.html`.
    let mut copied = 0usize;
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        i = lt + 1;
        if b[i..].starts_with(b"!--") {
            let end = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            out.html.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_end = b[start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'!' || *c == b'-'))
            .map_or(b.len(), |e| start + e);
        if name_end == start {
            // `<` not followed by a tag name is text.
            continue;
        }
        let name = b[start..name_end].to_ascii_lowercase();
        let Some(gt) = tag_end(b, lt) else {
            break;
        };
        let self_closing = b[gt - 1] == b'/';
        i = gt + 1;
        if !closing && (name == b"script" || name == b"style") {
            let close: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            let body_end = find_ci(b, i, close).unwrap_or(b.len());
            if name == b"script" && is_json_ld(&b[lt..gt]) {
                // `<` and `>` are ASCII: both ends are char boundaries.
                out.json_ld.push(html[i..body_end].to_string());
            }
            let end = b[body_end..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |p| body_end + p + 1);
            out.html.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        if !closing && name == b"svg" && !self_closing {
            let end = svg_end(b, i).unwrap_or(b.len());
            out.html.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        // only a letter opens a tag for the tokenizer (`<5 per cent` is text)
        if !closing && b[start].is_ascii_alphabetic() {
            strip_attributes(html, name_end, gt, &mut copied, &mut out.html);
        }
        if never_nests(&name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            out.depth = out.depth.max(depth);
        }
    }
    out.html.push_str(&html[copied..]);
    out
}

/// Attributes that the extractor reads, or that change how the HTML tree builder
/// builds the tree (`type` of `<input>` in tables, `encoding` of MathML
/// `annotation-xml`, `shadowrootmode` of `<template>`), compared ASCII
/// case-insensitively. Every other attribute is dropped before parsing.
const KEPT_ATTRIBUTES: &[&[u8]] = &[
    b"alt",
    b"aria-hidden",
    b"charset",
    b"class",
    b"content",
    b"data-lazy-src",
    b"data-original",
    b"data-src",
    b"data-srcset",
    b"datetime",
    b"encoding",
    b"hidden",
    b"href",
    b"http-equiv",
    b"id",
    b"itemprop",
    b"lang",
    b"name",
    b"property",
    b"rel",
    b"role",
    b"shadowrootmode",
    b"src",
    b"srcset",
    b"style",
    b"title",
    b"type",
    b"xml:lang",
];

/// Copies the start tag `html[..=gt]` whose name ends at `name_end` without the
/// attributes the extractor never reads (`data-*` tracking payloads, `onclick`,
/// `aria-label`, `sizes`, …): about a fifth of the attribute bytes of the benchmark
/// pages once scripts and styles are gone, bytes the tokenizer would otherwise read one
/// character at a time (14 % fewer parse instructions on the benchmark). Attributes are split as the HTML tokenizer does: a name runs
/// to whitespace, `/`, `>` or `=`; a value after `=` is quoted or runs to whitespace.
/// A tag keeps its bytes when it has nothing to drop; kept attributes are joined by
/// one space and the bytes after the last attribute (`/`, spaces) are kept.
fn strip_attributes(html: &str, name_end: usize, gt: usize, copied: &mut usize, out: &mut String) {
    let b = html.as_bytes();
    // the scan's tag name stops at ASCII letters, digits, `!` and `-`; when the real
    // name goes on (`<divé …>`), the tag is left to the tokenizer
    if !b
        .get(name_end)
        .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
    {
        return;
    }
    // (start, end, kept) of every attribute
    let mut attrs: Vec<(usize, usize, bool)> = Vec::new();
    let mut j = name_end;
    loop {
        while j < gt && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            j += 1;
        }
        if j >= gt {
            break;
        }
        let start = j;
        // a name may start with `=`; it ends at whitespace, `/`, `>` or `=`
        j += 1;
        while j < gt && !(b[j].is_ascii_whitespace() || matches!(b[j], b'/' | b'=')) {
            j += 1;
        }
        let name = &b[start..j];
        let mut k = j;
        while k < gt && b[k].is_ascii_whitespace() {
            k += 1;
        }
        if k < gt && b[k] == b'=' {
            k += 1;
            while k < gt && b[k].is_ascii_whitespace() {
                k += 1;
            }
            match b.get(k) {
                Some(&q) if k < gt && (q == b'"' || q == b'\'') => {
                    match memchr(q, &b[k + 1..gt]) {
                        Some(p) => k += p + 2,
                        // not the tokenizer's reading of this tag: leave it alone
                        None => return,
                    }
                }
                _ => {
                    while k < gt && !b[k].is_ascii_whitespace() {
                        k += 1;
                    }
                }
            }
            j = k;
        }
        let kept = KEPT_ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(name));
        attrs.push((start, j, kept));
    }
    if attrs.iter().all(|a| a.2) {
        return;
    }
    let tail = attrs.last().map_or(name_end, |a| a.1);
    out.push_str(&html[*copied..name_end]);
    for &(s, e, _) in attrs.iter().filter(|a| a.2) {
        out.push(' ');
        out.push_str(&html[s..e]);
    }
    out.push_str(&html[tail..=gt]);
    *copied = gt + 1;
}

/// Whether a `<script ...>` start tag declares JSON-LD.
fn is_json_ld(tag: &[u8]) -> bool {
    find_ci(tag, 0, b"ld+json").is_some()
}

/// The end (just past `</svg>`) of an SVG element whose content starts at `from`,
/// counting nested `<svg>` elements.
fn svg_end(b: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1usize;
    let mut i = from;
    loop {
        let open = find_ci(b, i, b"<svg");
        let close = find_ci(b, i, b"</svg")?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                i = o + 4;
            }
            _ => {
                depth -= 1;
                i = close + 5;
                if depth == 0 {
                    return Some(memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_styles_comments_and_svg() {
        let page = "<html><head><style>p{color:red}</style>\
            <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>\
            <script>if (a < b && c > d) { document.write('</div>') }</script></head>\
            <body><!-- <div> --><p title=\"a>b\">Text <svg><svg></svg><text>x</text></svg>more</p>\
            <SCRIPT>x</SCRIPT ></body></html>";
        let s = prescan(page);
        assert_eq!(
            s.html,
            "<html><head></head><body><p title=\"a>b\">Text more</p></body></html>"
        );
        assert_eq!(s.json_ld, ["{\"@type\":\"NewsArticle\"}"]);
    }

    #[test]
    fn measures_nesting_without_void_and_optional_end_tags() {
        assert!(prescan("<p>a<p>b<br><img src=x><div><b>c</b></div><!-- <div> -->").depth <= 2);
        let deep = "<div><span>".repeat(1000);
        assert_eq!(prescan(&deep).depth, 2000);
    }

    #[test]
    fn drops_attributes_nobody_reads() {
        let s = prescan(
            "<div data-x='{\"a\":1}' class=\"c\" onclick=f() ID=main><img data-src=a.jpg \
             sizes=\"100vw\" alt='x > y'/><a href=/path/>t</a><br/><p hidden>x</p></div>",
        );
        assert_eq!(
            s.html,
            "<div class=\"c\" ID=main><img data-src=a.jpg alt='x > y'/><a href=/path/>t</a>\
             <br/><p hidden>x</p></div>"
        );
        // a tag with nothing to drop keeps its exact bytes
        let page = "<p  class = 'a'  title=\"t\" >x</p>";
        assert_eq!(prescan(page).html, page);
        // an unterminated quote is left to the tokenizer
        let page = "<p data-x=\"a>x</p>";
        assert_eq!(prescan(page).html, page);
        // so is a tag whose name goes on past what the scan reads as a name
        let page = "<divé onclick=f>x</divé>";
        assert_eq!(prescan(page).html, page);
        // and `<` before a digit is text, not a tag
        let page = "<p>at <5 per cent.</p><p>x</p>";
        assert_eq!(prescan(page).html, page);
    }

    #[test]
    fn many_distinct_attributes_reach_the_tokenizer_as_none() {
        // html5ever compares each attribute name with all earlier ones of its tag: 100,000
        // distinct names took 21 s; only the fixed set of kept names can get through now
        let attrs: String = (0..100_000).map(|i| format!(" data-x{i}={i}")).collect();
        let s = prescan(&format!("<p{attrs} class=k>text</p>"));
        assert_eq!(s.html, "<p class=k>text</p>");
    }

    #[test]
    fn unclosed_script_and_stray_brackets() {
        let s = prescan("<p>1 < 2</p><script>never closed");
        assert_eq!(s.html, "<p>1 < 2</p>");
        let s = prescan("<p>a</p><");
        assert_eq!(s.html, "<p>a</p><");
        let s = prescan("<p>é <b>ü</b> 日本</p>");
        assert_eq!(s.html, "<p>é <b>ü</b> 日本</p>");
    }
}
