//! The page as an index-based tree: element and text nodes copied once from the parsed
//! DOM, each element with its kind, lowercased name, class and id, and the text
//! statistics of its subtree (text length, link text, commas, paragraphs, images, list
//! items, headings) summed in one bottom-up pass.
//!
//! Why: every later question (which container is the article, where the byline or the
//! date is, which heading is the headline) is answered by walking this tree by index,
//! without re-reading a node's text from the DOM for each question, so the HTML stage
//! stays linear in the size of the page. What the `<head>` declares (`<title>`,
//! `<meta>`, canonical link, language) is collected on the same pass.

use dom_query::NodeRef;

/// Deepest element nesting copied (bounds work on hostile pages): deeper wrappers
/// (`div`, `span`, …) are left out with their children kept, and any other element
/// at this depth becomes one text node of its whole content.
pub(super) const MAX_DEPTH: usize = 256;

/// Element kinds the extractor distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Body,
    Div,
    Section,
    Article,
    Main,
    Header,
    Footer,
    Aside,
    Nav,
    Figure,
    Figcaption,
    P,
    H(u8),
    Ul,
    Ol,
    Dl,
    Li,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Tr,
    Td,
    Th,
    Form,
    /// Other block containers (`center`, `details`, `address`, `tbody`, …).
    Block,
    A,
    Img,
    Br,
    /// Never content: scripts, styles, controls, embedded media.
    Skip,
    /// Embedded players (`iframe`, `embed`, `object`, `video`): never content, but
    /// counted when judging a box.
    Embed,
    /// Form controls.
    Input,
    /// Phrasing content (`span`, `em`, `strong`, `b`, `time`, …).
    Inline,
    Text,
}

impl Tag {
    pub(super) fn of(name: &str) -> Tag {
        match name {
            "body" => Tag::Body,
            "div" => Tag::Div,
            "section" => Tag::Section,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "header" | "hgroup" => Tag::Header,
            "footer" => Tag::Footer,
            "aside" => Tag::Aside,
            "nav" | "menu" => Tag::Nav,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "p" => Tag::P,
            "h1" => Tag::H(1),
            "h2" => Tag::H(2),
            "h3" => Tag::H(3),
            "h4" => Tag::H(4),
            "h5" => Tag::H(5),
            "h6" => Tag::H(6),
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "dl" => Tag::Dl,
            "li" => Tag::Li,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "table" => Tag::Table,
            "tr" => Tag::Tr,
            "td" => Tag::Td,
            "th" => Tag::Th,
            "form" | "fieldset" => Tag::Form,
            "center" | "details" | "summary" | "address" | "tbody" | "thead" | "tfoot" | "html"
            | "dialog" | "search" | "caption" | "legend" | "noindex" => Tag::Block,
            "a" => Tag::A,
            "img" | "picture" | "amp-img" => Tag::Img,
            "br" => Tag::Br,
            "hr" => Tag::Br,
            "script" | "style" | "noscript" | "template" | "svg" | "canvas" | "math" | "title"
            | "meta" | "link" | "button" | "option" | "optgroup" | "datalist" | "map" | "area"
            | "source" | "track" | "param" | "output" | "progress" | "meter" | "label" => Tag::Skip,
            "iframe" | "embed" | "object" | "video" | "audio" | "amp-iframe" | "amp-video"
            | "amp-youtube" => Tag::Embed,
            "input" | "select" | "textarea" => Tag::Input,
            _ => Tag::Inline,
        }
    }

    /// Whether the element may be left out of the tree below [`MAX_DEPTH`], its
    /// children kept: wrappers (`div`, `section`, `span`, `font`, …), quotations, lists,
    /// tables and figures. Any other element there (a paragraph, a heading, a link, page
    /// furniture) becomes one text node.
    fn is_wrapper(self) -> bool {
        matches!(
            self,
            Tag::Div
                | Tag::Section
                | Tag::Article
                | Tag::Main
                | Tag::Block
                | Tag::Inline
                | Tag::Blockquote
                | Tag::Ul
                | Tag::Ol
                | Tag::Dl
                | Tag::Li
                | Tag::Dt
                | Tag::Dd
                | Tag::Table
                | Tag::Tr
                | Tag::Td
                | Tag::Th
                | Tag::Figure
        )
    }

    /// Whether the element starts a block of its own in the laid-out text.
    pub(super) fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::A | Tag::Img | Tag::Br | Tag::Inline | Tag::Text | Tag::Skip | Tag::Input
        )
    }
}

/// One node of the index-based tree.
pub(super) struct Node<'a> {
    pub(super) tag: Tag,
    /// Lowercased element name (`div`, `time`); empty for text.
    pub(super) name: String,
    pub(super) parent: u32,
    pub(super) children: Vec<u32>,
    /// Text of a text node.
    pub(super) text: String,
    /// The attributes later stages ask for ([`KEPT_ATTRS`] and `itemprop`).
    pub(super) attrs: Vec<(&'static str, String)>,
    /// Lowercased `class` and `id`, space separated (empty when neither is set).
    pub(super) cid: String,
    pub(super) dom: Option<NodeRef<'a>>,
    /// Not shown: `hidden`, `aria-hidden`, `display:none`, or a skipped element.
    pub(super) hidden: bool,
    pub(super) stats: Stats,
}

impl Node<'_> {
    /// A node of no element of the page: a text node, the document, or an empty block
    /// that keeps text apart.
    fn bare(tag: Tag, parent: u32, text: String, hidden: bool) -> Self {
        Node {
            tag,
            name: String::new(),
            parent,
            children: Vec::new(),
            text,
            attrs: Vec::new(),
            cid: String::new(),
            dom: None,
            hidden,
            stats: Stats::default(),
        }
    }
}

/// Text statistics of a subtree (hidden parts excluded).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Stats {
    /// Weighted characters of text, whitespace runs counted once.
    pub(super) chars: u32,
    /// Of which inside links.
    pub(super) link_chars: u32,
    pub(super) commas: u32,
    /// `<p>` elements with text.
    pub(super) paragraphs: u32,
    pub(super) images: u32,
    pub(super) list_items: u32,
    pub(super) inputs: u32,
    pub(super) embeds: u32,
    /// Characters inside headings.
    pub(super) heading_chars: u32,
    /// Longest `<p>`.
    pub(super) longest_p: u32,
    /// `<h1>` elements with text.
    pub(super) h1s: u32,
    /// Characters of text directly in this element or in its inline children (a
    /// `<div>` used as a paragraph).
    pub(super) own_inline: u32,
    pub(super) own_commas: u32,
    /// Whether a block element is among the children.
    pub(super) has_block_child: bool,
    /// Whether an inline child wraps a block, however deep the inline wrappers go
    /// (`<span><span><p>…</p></span></span>`).
    pub(super) inline_wraps_block: bool,
    /// `<br>` and `<hr>` elements.
    pub(super) line_breaks: u32,
}

impl Stats {
    pub(super) fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Weighted length and comma count of a text.
pub(super) fn measure(s: &str) -> (u32, u32) {
    let (mut chars, mut commas, mut in_space) = (0u32, 0u32, false);
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' {
            if !in_space {
                chars += 1;
                in_space = true;
            }
            continue;
        }
        in_space = false;
        chars += 1;
        match c {
            ',' | '\u{060c}' | '\u{3001}' | '\u{fe50}' | '\u{fe10}' | '\u{fe11}' | '\u{2e41}'
            | '\u{2e34}' | '\u{2e32}' | '\u{ff0c}' => commas += 1,
            '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}' => {
                chars += 1
            }
            _ => {}
        }
    }
    (chars, commas)
}

/// Appends `s` lowercased (Unicode) to `out`, without an intermediate string for ASCII.
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// Class names of elements that are shown only on demand or to screen readers:
/// hover cards, tooltips, screen-reader labels.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screen-reader-only",
    "offscreen",
    "tooltip",
    "popover",
    "hovercard",
    "rollover-people-block",
];

/// Whether a class attribute names a caption or a photo credit.
fn is_caption_class(class: &str) -> bool {
    class.split_ascii_whitespace().any(|t| {
        let t = t.to_ascii_lowercase();
        t.ends_with("caption-text")
            || t.ends_with("caption")
            || t == "captiontext"
            || t.ends_with("credit")
            || t.ends_with("-credits")
    })
}

/// Attributes copied into the tree for later questions (bylines, dates, links, roles,
/// `<meta>` and `<link>` declarations).
const KEPT_ATTRS: &[&str] = &[
    "rel", "role", "href", "datetime", "content", "property", "name", "lang", "xml:lang", "title",
];

/// Whether an inline style hides the element.
fn style_hides(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// The page as an index-based tree with statistics.
pub(super) struct Tree<'a> {
    pub(super) nodes: Vec<Node<'a>>,
    /// Index of `<body>` (0 when the page has none).
    pub(super) body: u32,
    /// What the `<head>` (or the page) declares.
    pub(super) head: Head,
}

/// What a page declares about itself in `<title>`, `<meta>`, `<link>` and `<html>`.
#[derive(Debug, Default)]
pub(super) struct Head {
    /// The first `<title>`, whitespace collapsed.
    pub title: Option<String>,
    /// Every `<meta>` with content: (lowercased `property`, `name` or `itemprop`,
    /// content with whitespace collapsed), in page order.
    pub metas: Vec<(String, String)>,
    /// `href` of the first `<link rel=canonical>`.
    pub canonical: Option<String>,
    /// `lang` (or `xml:lang`) of `<html>`.
    pub lang: Option<String>,
}

impl<'a> Tree<'a> {
    /// Copies the element and text nodes under `root` (pre-order, so a parent's index
    /// is below its children's), then sums the statistics bottom-up.
    pub(super) fn build(root: NodeRef<'a>) -> Tree<'a> {
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(root.tree.len());
        let mut head = Head::default();
        let mut body = 0u32;
        // (`None`: an empty block that stands for the edge of a block left out below
        // `MAX_DEPTH`, so that the text on either side stays apart)
        let mut stack: Vec<(Option<NodeRef<'a>>, u32, usize, bool)> =
            vec![(Some(root), u32::MAX, 0, false)];
        while let Some((n, parent, depth, hidden_above)) = stack.pop() {
            let index = nodes.len() as u32;
            let Some(n) = n else {
                nodes.push(Node::bare(Tag::Block, parent, String::new(), hidden_above));
                if parent != u32::MAX {
                    nodes[parent as usize].children.push(index);
                }
                continue;
            };
            if n.is_text() {
                let text = n
                    .query(|t| match &t.data {
                        dom_query::NodeData::Text { contents } => contents.to_string(),
                        _ => String::new(),
                    })
                    .unwrap_or_default();
                nodes.push(Node::bare(Tag::Text, parent, text, hidden_above));
            } else if let Some(el) = n.element_ref() {
                let name: String = (*el.name.local).to_ascii_lowercase();
                let tag = Tag::of(&name);
                // Every attribute read in this one pass over the element's attributes.
                let (mut class, mut id, mut itemprop) = (None, None, None);
                let mut hidden_attr = false;
                let mut attrs: Vec<(&'static str, String)> = Vec::new();
                for a in &el.attrs {
                    let key: &str = &a.name.local;
                    let value: &str = &a.value;
                    match key {
                        "class" => class = Some(value),
                        "id" => id = Some(value),
                        "itemprop" => {
                            itemprop = Some(value);
                            attrs.push(("itemprop", value.to_string()));
                        }
                        "hidden" => hidden_attr = true,
                        "aria-hidden" => hidden_attr |= value.eq_ignore_ascii_case("true"),
                        "style" => hidden_attr |= style_hides(value),
                        _ => {
                            if let Some(k) = KEPT_ATTRS.iter().find(|k| **k == key) {
                                attrs.push((k, value.to_string()));
                            }
                        }
                    }
                }
                let mut cid = String::new();
                for v in [class, id].into_iter().flatten() {
                    if !cid.is_empty() {
                        cid.push(' ');
                    }
                    push_lowercase(&mut cid, v);
                }
                if let Some(v) = itemprop {
                    cid.push_str(" itemprop-");
                    push_lowercase(&mut cid, v);
                }
                let hidden_class = class.is_some_and(|c| {
                    c.split_ascii_whitespace()
                        .any(|t| HIDDEN_CLASSES.iter().any(|h| t.eq_ignore_ascii_case(h)))
                });
                let caption = class.is_some_and(is_caption_class);
                drop(el);
                let attr = |k: &str| attrs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str());
                match name.as_str() {
                    "title" if head.title.is_none() => {
                        let t = super::normalize_ws(&n.text());
                        if !t.is_empty() {
                            head.title = Some(t);
                        }
                    }
                    "meta" => {
                        if let Some(content) = attr("content") {
                            let content = super::normalize_ws(content);
                            if !content.is_empty() {
                                for key in ["property", "name", "itemprop"] {
                                    if let Some(k) = attr(key) {
                                        head.metas
                                            .push((k.trim().to_ascii_lowercase(), content.clone()));
                                    }
                                }
                            }
                        }
                    }
                    "link"
                        if head.canonical.is_none()
                            && attr("rel").is_some_and(|r| {
                                r.split_ascii_whitespace()
                                    .any(|t| t.eq_ignore_ascii_case("canonical"))
                            }) =>
                    {
                        head.canonical = attr("href").map(str::to_string);
                    }
                    "html" if head.lang.is_none() => {
                        head.lang = attr("lang")
                            .or_else(|| attr("xml:lang"))
                            .map(|l| l.trim().to_string())
                            .filter(|l| !l.is_empty());
                    }
                    "body" if body == 0 => body = index,
                    _ => {}
                }
                // The head is walked for its declarations, never shown.
                let hidden = hidden_above
                    || matches!(tag, Tag::Skip)
                    || name == "head"
                    || hidden_attr
                    || hidden_class;
                // A caption marked by class (`wp-caption-text`, `image-caption`) is a
                // figure caption, whatever its element.
                let tag = if matches!(tag, Tag::P | Tag::Div | Tag::Inline) && caption {
                    Tag::Figcaption
                } else {
                    tag
                };
                if depth >= MAX_DEPTH && tag.is_wrapper() {
                    // Too deep: a wrapper is left out and its children become its
                    // parent's, so runaway nesting (a theme's unclosed `<div>` per post)
                    // keeps its paragraphs apart instead of turning into one text node.
                    // A block wrapper leaves an empty block at each edge.
                    let block = tag.is_block();
                    if block {
                        stack.push((None, parent, depth, hidden));
                    }
                    for c in n.children_it(true) {
                        stack.push((Some(c), parent, depth, hidden));
                    }
                    if block {
                        stack.push((None, parent, depth, hidden));
                    }
                    continue;
                }
                nodes.push(Node {
                    tag,
                    name,
                    parent,
                    children: Vec::new(),
                    text: String::new(),
                    attrs,
                    cid,
                    dom: Some(n),
                    hidden,
                    stats: Stats::default(),
                });
                if parent != u32::MAX {
                    nodes[parent as usize].children.push(index);
                }
                if depth < MAX_DEPTH && !matches!(tag, Tag::Skip) {
                    for c in n.children_it(true) {
                        stack.push((Some(c), index, depth + 1, hidden));
                    }
                } else if depth >= MAX_DEPTH && !matches!(tag, Tag::Skip) {
                    // Too deep to walk: the subtree's text as one text node.
                    let text_index = nodes.len() as u32;
                    nodes.push(Node::bare(Tag::Text, index, n.text().to_string(), hidden));
                    nodes[index as usize].children.push(text_index);
                }
                continue;
            } else if depth == 0 {
                // The document itself: a container of the page.
                nodes.push(Node::bare(Tag::Block, parent, String::new(), false));
                let kids: Vec<NodeRef<'a>> = n.children_it(true).collect();
                for c in kids {
                    stack.push((Some(c), index, depth + 1, false));
                }
                continue;
            } else {
                continue;
            }
            if parent != u32::MAX {
                nodes[parent as usize].children.push(index);
            }
        }
        let mut tree = Tree { nodes, body, head };
        tree.sum_stats();
        tree
    }

    fn sum_stats(&mut self) {
        // In-link flags top-down (parents come first).
        let mut in_link = vec![false; self.nodes.len()];
        for i in 0..self.nodes.len() {
            let p = self.nodes[i].parent;
            let above = p != u32::MAX && in_link[p as usize];
            in_link[i] = above || self.nodes[i].tag == Tag::A;
        }
        for i in (0..self.nodes.len()).rev() {
            let node = &self.nodes[i];
            let mut s = node.stats;
            if !node.hidden {
                match node.tag {
                    Tag::Text => {
                        let (c, k) = measure(&node.text);
                        s.chars += c;
                        s.commas += k;
                        if in_link[i] {
                            s.link_chars += c;
                        }
                    }
                    Tag::P if s.chars > 0 => {
                        s.paragraphs += 1;
                        s.longest_p = s.longest_p.max(s.chars);
                    }
                    Tag::H(level) => {
                        s.heading_chars = s.chars;
                        if level == 1 && s.chars > 0 {
                            s.h1s += 1;
                        }
                    }
                    Tag::Img => s.images += 1,
                    Tag::Br => s.line_breaks += 1,
                    Tag::Li => s.list_items += 1,
                    Tag::Input => s.inputs += 1,
                    Tag::Embed => s.embeds += 1,
                    _ => {}
                }
            }
            self.nodes[i].stats = s;
            let p = self.nodes[i].parent;
            if p == u32::MAX || self.nodes[i].hidden {
                continue;
            }
            let tag = self.nodes[i].tag;
            let parent = &mut self.nodes[p as usize].stats;
            parent.chars += s.chars;
            parent.link_chars += s.link_chars;
            parent.commas += s.commas;
            parent.paragraphs += s.paragraphs;
            parent.images += s.images;
            parent.list_items += s.list_items;
            parent.inputs += s.inputs;
            parent.embeds += s.embeds;
            parent.line_breaks += s.line_breaks;
            parent.heading_chars += s.heading_chars;
            parent.longest_p = parent.longest_p.max(s.longest_p);
            parent.h1s += s.h1s;
            if !tag.is_block() && (s.has_block_child || s.inline_wraps_block) {
                parent.inline_wraps_block = true;
            }
            if tag.is_block() {
                parent.has_block_child = true;
            } else {
                parent.own_inline += s.chars;
                parent.own_commas += s.commas;
            }
        }
    }

    pub(super) fn node(&self, i: u32) -> &Node<'a> {
        &self.nodes[i as usize]
    }

    pub(super) fn ancestors(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(self.node(i).parent), |&p| {
            (p != u32::MAX).then(|| self.node(p).parent)
        })
        .take_while(|&p| p != u32::MAX)
    }

    /// The visible text under `i`, whitespace collapsed; `None` when it is longer than
    /// `max_chars` weighted characters (checked before any text is gathered).
    pub(super) fn text_upto(&self, i: u32, max_chars: u32) -> Option<String> {
        let node = self.node(i);
        if node.hidden || node.stats.chars > max_chars {
            return None;
        }
        Some(self.text(i))
    }

    /// The visible text under `i`, whitespace collapsed.
    pub(super) fn text(&self, i: u32) -> String {
        let mut out = String::new();
        let mut stack = vec![i];
        while let Some(j) = stack.pop() {
            let node = self.node(j);
            if node.hidden {
                continue;
            }
            if node.tag == Tag::Text {
                out.push_str(&node.text);
            } else if (node.tag.is_block() || node.tag == Tag::Br) && !out.is_empty() {
                // A line break separates words as a block does (`Name<br>Date`).
                out.push(' ');
            }
            stack.extend(node.children.iter().rev().copied());
        }
        super::normalize_ws(&out)
    }

    /// The value of attribute `name` of element `i`.
    pub(super) fn attr(&self, i: u32, name: &str) -> Option<String> {
        self.attr_str(i, name).map(str::to_string)
    }

    /// The value of attribute `name` of element `i`, borrowed (for checks run on every
    /// element of a kind, such as every link's `href`).
    pub(super) fn attr_str(&self, i: u32, name: &str) -> Option<&str> {
        self.node(i)
            .attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn element_children(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        self.node(i)
            .children
            .iter()
            .copied()
            .filter(|&c| self.node(c).tag != Tag::Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_appends_ascii_and_unicode() {
        let mut s = String::from("x ");
        push_lowercase(&mut s, "Post-DATE");
        push_lowercase(&mut s, " ÄRTIKEL");
        assert_eq!(s, "x post-date ärtikel");
    }
}
