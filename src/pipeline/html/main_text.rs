//! Main-text extraction: which part of a web page is the article, and its blocks.
//!
//! The algorithm is ours, after the content-scoring idea of Arc90's Readability (as
//! kept in Mozilla's Readability.js): paragraphs vote for the containers above them
//! (the parent fully, the grandparent half, farther ancestors less), weighted by
//! length and commas; class and id names that read as article or as page furniture
//! raise or lower a container; link-heavy containers lose their votes. The best
//! container, the siblings that score near it (articles split over several
//! `<section>`s or `<div>`s) and the stray paragraphs next to it form the article,
//! which is then cleaned of embedded boxes (link lists, image galleries, forms) and
//! walked into [`DraftBlock`]s. A second, relaxed pass runs when the first finds
//! less than a short article's worth of text.
//!
//! Why not a Readability port: the page is parsed once and every statistic the
//! scoring needs (text length, link text, commas, paragraphs, images, list items)
//! is computed for every element in one bottom-up pass over an index-based copy of
//! the tree, so the whole stage runs in linear time without re-reading the text of a
//! node for each question asked about it.
//!
//! Text lengths count CJK characters twice (a CJK character carries about as much as
//! a short word), so that pages in Chinese, Japanese or Korean, whose paragraphs are
//! short in characters, are scored like the others.

use dom_query::NodeRef;

use super::tree::{measure, Node, Tag, Tree, MAX_DEPTH};
use super::{boilerplate, normalize_ws};
use crate::pipeline::document::{BlockKind, DraftBlock};

/// Text (in weighted characters) below which the first pass is retried relaxed.
const MIN_ARTICLE_CHARS: u32 = 500;

/// Below this many weighted characters the strict pass's choice is not trusted: a
/// relaxed pass may pick any container (see `extract_passes`).
const MIN_STRICT_CHARS: u32 = 200;

// ---------------------------------------------------------------------------------
// Class and id names
// ---------------------------------------------------------------------------------

/// Words in class or id names that mark the article's container (substrings).
const POSITIVE: &[&str] = &[
    "article",
    "content",
    "entry",
    "hentry",
    "main",
    "post",
    "story",
    "text",
    "body",
    "blog",
    "prose",
    "artikel",
    "inhalt",
    "contenu",
    "conteudo",
    "contenido",
    "texto",
    "noticia",
    "materia",
    "itemprop-articlebody",
];

/// Words in class or id names that mark page furniture (whole `-`/`_`-separated
/// tokens).
const NEGATIVE_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adv",
    "banner",
    "comment",
    "comments",
    "footer",
    "foot",
    "sidebar",
    "side",
    "aside",
    "related",
    "share",
    "sharing",
    "social",
    "promo",
    "sponsor",
    "sponsored",
    "widget",
    "meta",
    "tags",
    "tag",
    "masthead",
    "nav",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "newsletter",
    "subscribe",
    "hidden",
    "hide",
    "popup",
    "modal",
    "shopping",
    "contact",
    "teaser",
    "teasers",
    "recommended",
    "more",
    "extra",
    "outbrain",
    "taboola",
    "disqus",
    "rss",
    "print",
    "skip",
    "login",
    "signup",
    "cookie",
    "consent",
    "paywall",
    "tools",
    "toolbar",
    "pagination",
    "pager",
    "links",
    "community",
    "gallery",
    "carousel",
    "slider",
    "trending",
    "popular",
    "mostread",
    "jump",
    "bio",
    "credits",
    "copyright",
    "legal",
    "subnav",
];

/// Substrings of class or id names that mark furniture however they are joined.
const NEGATIVE_PARTS: &[&str] = &[
    "comment",
    "sidebar",
    "related",
    "share",
    "social",
    "newsletter",
    "advert",
    "sponsor",
    "promo",
    "footer",
    "breadcrumb",
    "outbrain",
    "taboola",
    "recommend",
];

/// Substrings of class or id names of author boxes under a post (WordPress themes:
/// `#author-info`, `#author-description`, `.about-author`): furniture whatever the
/// length of the biography.
const AUTHOR_BOX_PARTS: &[&str] = &[
    "author-info",
    "authorinfo",
    "author-description",
    "author-box",
    "authorbox",
    "about-author",
    "about-the-author",
    "author-bio",
    "authorbio",
];

fn is_author_box(cid: &str) -> bool {
    AUTHOR_BOX_PARTS.iter().any(|p| cid.contains(p))
}

fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '_' || c == ':')
        .filter(|t| !t.is_empty())
}

/// Whether a class or id string names furniture.
fn is_negative(cid: &str) -> bool {
    tokens(cid).any(|t| NEGATIVE_TOKENS.contains(&t))
        || NEGATIVE_PARTS.iter().any(|p| cid.contains(p))
        || is_author_box(cid)
}

/// +25 for an article-like class or id, -25 for a furniture-like one (both may
/// apply).
fn class_weight(cid: &str) -> f32 {
    if cid.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if is_negative(cid) {
        w -= 25.0;
    }
    if POSITIVE.iter().any(|p| cid.contains(p)) {
        w += 25.0;
    }
    w
}

/// Role attribute values that never hold the article.
fn furniture_role(node: &NodeRef) -> bool {
    node.attr("role").is_some_and(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation"
                | "menu"
                | "menubar"
                | "complementary"
                | "banner"
                | "contentinfo"
                | "alert"
                | "alertdialog"
                | "dialog"
                | "search"
        )
    })
}

// ---------------------------------------------------------------------------------
// Selection
// ---------------------------------------------------------------------------------

/// Switches of one extraction pass; the relaxed pass turns them off.
#[derive(Debug, Clone, Copy)]
struct Pass {
    /// Drop furniture containers before scoring.
    strip_furniture: bool,
    /// Weigh containers by class and id names.
    weigh_classes: bool,
    /// Drop embedded boxes (link lists, galleries, forms) from the article.
    clean_boxes: bool,
}

/// The extracted article: blocks with the link characters of each, and the page
/// elements (images) found inside it.
pub(super) struct MainText<'a> {
    pub blocks: Vec<DraftBlock>,
    /// Characters of link text in each block (same order as `blocks`).
    pub links: Vec<usize>,
    /// The `<img>` elements inside the article, in page order.
    pub images: Vec<NodeRef<'a>>,
    /// The largest consent banner, login or subscription wall on the page, with its
    /// text length in weighted characters.
    pub interstitial: Option<(Interstitial, u32)>,
    /// Text length of the article, weighted characters.
    pub chars: u32,
}

/// Extracts the article of a page (its [`Tree`], built from a DOM without scripts).
pub(super) fn extract<'a>(tree: &Tree<'a>) -> MainText<'a> {
    let strict = Pass {
        strip_furniture: true,
        weigh_classes: true,
        clean_boxes: true,
    };
    let (walls, interstitial) = find_walls(tree);
    let mut article = extract_passes(tree, strict, &walls);
    article.interstitial = interstitial;
    article
}

/// The strict pass, then relaxed ones while the article is too short.
///
/// A relaxed pass scores the page without the furniture rules, so it can land on a
/// sidebar widget, an author bio or a footer blurb that happens to be longer than a
/// short article. Its result replaces the strict one only when each of its containers
/// is related to the strict choice (the same container, an ancestor or a descendant),
/// or when the strict pass found almost nothing ([`MIN_STRICT_CHARS`]).
fn extract_passes<'a>(tree: &Tree<'a>, strict: Pass, walls: &[bool]) -> MainText<'a> {
    let first = run_pass(tree, strict, walls);
    if first.0 >= MIN_ARTICLE_CHARS {
        return first.1;
    }
    let trust_strict = first.0 >= MIN_STRICT_CHARS;
    // What the strict pass removed by a furniture name (not for its statistics alone).
    let named_gone: Vec<bool> = if trust_strict {
        first
            .3
            .iter()
            .zip(&tree.nodes)
            .map(|(&gone, node)| gone && is_negative(&node.cid))
            .collect()
    } else {
        Vec::new()
    };
    let near = if trust_strict {
        near_strict(tree, &first.2, &named_gone)
    } else {
        Vec::new()
    };
    let allowed = |parts: &[u32]| parts.iter().all(|&p| near[p as usize]);
    // When the strict choice is trusted, what it removed by name stays removed: a
    // relaxed pass only gives back what the statistics took.
    let relaxed_walls: Vec<bool> = if trust_strict {
        walls
            .iter()
            .zip(&named_gone)
            .map(|(&w, &g)| w || g)
            .collect()
    } else {
        walls.to_vec()
    };
    let mut best = first;
    for pass in [
        Pass {
            strip_furniture: false,
            ..strict
        },
        Pass {
            strip_furniture: false,
            weigh_classes: false,
            ..strict
        },
        Pass {
            strip_furniture: false,
            weigh_classes: false,
            clean_boxes: false,
        },
    ] {
        let r = run_pass(tree, pass, &relaxed_walls);
        if trust_strict && !allowed(&r.2) {
            continue;
        }
        if r.0 >= MIN_ARTICLE_CHARS {
            return r.1;
        }
        if r.0 > best.0 {
            best = r;
        }
    }
    best.1
}

/// Which nodes a relaxed pass may choose, one flag per node, when the strict pass chose
/// `parts` and removed the nodes flagged in `named_gone` by their furniture names
/// (`widget-area`, `author-info`): the strict choice itself and its ancestors (they only
/// widen it), and what lies inside it but not in a box so removed. Boxes the strict pass
/// dropped for their statistics alone (link density, form inputs) may still be the
/// article. Linear in the nodes: parents come before their children.
fn near_strict(tree: &Tree, parts: &[u32], named_gone: &[bool]) -> Vec<bool> {
    let n = tree.nodes.len();
    let mut near = vec![false; n];
    let mut inside = vec![false; n];
    for &q in parts {
        inside[q as usize] = true;
        let mut at = q;
        while at != u32::MAX && !near[at as usize] {
            near[at as usize] = true;
            at = tree.node(at).parent;
        }
    }
    for i in 0..n {
        let p = tree.nodes[i].parent;
        if p != u32::MAX && inside[p as usize] && !named_gone[i] {
            inside[i] = true;
        }
        near[i] |= inside[i];
    }
    near
}

/// One pass: the article's text length and the article. `walls` marks the consent
/// and login dialogs (see [`find_walls`]), removed in every pass.
fn run_pass<'a>(
    tree: &Tree<'a>,
    pass: Pass,
    walls: &[bool],
) -> (u32, MainText<'a>, Vec<u32>, Vec<bool>) {
    let mut removed = walls.to_vec();
    if pass.strip_furniture {
        mark_furniture(tree, &mut removed);
    }
    let parts = select(tree, &removed, pass);
    if pass.clean_boxes {
        for &p in &parts {
            clean(tree, p, &mut removed, pass);
        }
    }
    let mut walker = Walker {
        tree,
        removed: &removed,
        out: MainText {
            blocks: Vec::new(),
            links: Vec::new(),
            images: Vec::new(),
            interstitial: None,
            chars: 0,
        },
        inline: String::new(),
        inline_links: 0,
        last_br: None,
        keep_lone_caption: true,
    };
    let captions: usize = parts
        .iter()
        .map(|&p| count_tag(tree, p, Tag::Figcaption))
        .sum();
    walker.keep_lone_caption = captions <= 2;
    for &p in &parts {
        if tree.node(p).tag.is_block() {
            walker.walk(p, 0);
        } else {
            walker.child(p, 0);
        }
        walker.flush();
    }
    let chars = walker
        .out
        .blocks
        .iter()
        .map(|b| measure(&b.text).0)
        .sum::<u32>();
    walker.out.chars = chars;
    (chars, walker.out, parts, removed)
}

fn count_tag(tree: &Tree, root: u32, tag: Tag) -> usize {
    let mut count = 0;
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        if tree.node(i).tag == tag {
            count += 1;
        }
        stack.extend(tree.node(i).children.iter().copied());
    }
    count
}

/// Words in class or id names that keep a furniture-named container a candidate
/// (`article-sidebar-wrapper` may hold the article).
const MAYBE: &[&str] = &[
    "article", "content", "main", "body", "story", "post", "entry", "text",
];

/// Marks furniture containers (navigation, asides, footers, forms, share bars,
/// related links, comments by class or role), never one that holds the headline or
/// most of the page's text. The relaxed passes undo this when too little is left.
fn mark_furniture(tree: &Tree, removed: &mut [bool]) {
    let total = tree.node(tree.body).stats.chars;
    let mut stack = vec![tree.body];
    while let Some(i) = stack.pop() {
        let node = tree.node(i);
        if node.hidden {
            removed[i as usize] = true;
            continue;
        }
        if removed[i as usize] {
            continue;
        }
        let candidate = match node.tag {
            Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form => true,
            Tag::Text | Tag::P | Tag::H(1) | Tag::Article | Tag::Main | Tag::Body | Tag::A => false,
            _ => {
                (boilerplate::is_furniture(&node.cid)
                    && !MAYBE.iter().any(|m| node.cid.contains(m)))
                    || node.dom.as_ref().is_some_and(furniture_role)
            }
        };
        if candidate {
            let s = node.stats;
            // ASP.NET pages wrap the whole page in one <form>; some sites name the
            // page wrapper after a sidebar it has.
            let most = s.chars * 10 >= total * 6;
            if s.h1s == 0 && !most {
                removed[i as usize] = true;
                continue;
            }
        }
        stack.extend(node.children.iter().copied());
    }
}

/// What stands between a reader and the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Interstitial {
    /// A cookie or privacy consent banner.
    Consent,
    /// A login or registration dialog.
    Login,
    /// A subscription wall.
    Paywall,
}

impl Interstitial {
    /// Stable warning code.
    pub(super) fn code(self) -> &'static str {
        match self {
            Interstitial::Consent => "consent_wall",
            Interstitial::Login => "login_wall",
            Interstitial::Paywall => "paywall",
        }
    }
}

/// The interstitial a class or id names, if any (`cookie-banner`, `m159-cookies`,
/// `gdpr-consent`, `login-modal`, `paywall`), matched on `-`/`_`-separated tokens.
fn interstitial_kind(cid: &str) -> Option<Interstitial> {
    if cid.is_empty() {
        return None;
    }
    for t in tokens(cid) {
        let kind = match t {
            _ if t.starts_with("cookie") || t.starts_with("consent") => Interstitial::Consent,
            "gdpr" | "cmp" | "usercentrics" | "onetrust" | "didomi" | "cookiebot"
            | "sp_message" => Interstitial::Consent,
            "login" | "signin" | "registration" | "regwall" => Interstitial::Login,
            "paywall" | "subscriberwall" | "meter" | "piano" => Interstitial::Paywall,
            _ => continue,
        };
        return Some(kind);
    }
    if cid.contains("paywall") {
        return Some(Interstitial::Paywall);
    }
    None
}

/// One walk over the page for its interstitials:
///
/// - the consent banners and login dialogs, marked per node: they are removed in every
///   pass, never the article however much text they hold and however little is left
///   without them (sites wrap the article itself in a "paywall" element, so those stay
///   and are searched for dialogs inside);
/// - the outermost interstitial holding the most text and that text's length
///   (weighted characters, hidden text included: scripts reveal it), for the warning.
fn find_walls(tree: &Tree) -> (Vec<bool>, Option<(Interstitial, u32)>) {
    let mut walls = vec![false; tree.nodes.len()];
    let mut best: Option<(Interstitial, u32)> = None;
    // (node, inside a paywall element already counted)
    let mut stack = vec![(tree.body, false)];
    while let Some((i, inside)) = stack.pop() {
        let node = tree.node(i);
        if node.tag == Tag::Text {
            continue;
        }
        let kind = (i != tree.body && node.tag != Tag::Body)
            .then(|| interstitial_kind(&node.cid))
            .flatten();
        if let Some(kind) = kind {
            if !inside {
                let chars = visible_chars(tree, i);
                if best.is_none_or(|(_, c)| chars > c) {
                    best = Some((kind, chars));
                }
            }
            if matches!(kind, Interstitial::Consent | Interstitial::Login) {
                walls[i as usize] = true;
                continue;
            }
        }
        let inside = inside || kind.is_some();
        stack.extend(node.children.iter().map(|&c| (c, inside)));
    }
    (walls, best)
}

/// Text length under `i` counting hidden text as well.
fn visible_chars(tree: &Tree, i: u32) -> u32 {
    let mut total = 0;
    let mut stack = vec![i];
    while let Some(j) = stack.pop() {
        let node = tree.node(j);
        if node.tag == Tag::Text {
            total += measure(&node.text).0;
        } else if node.tag != Tag::Skip {
            stack.extend(node.children.iter().copied());
        }
    }
    total
}

/// Chooses the article: the best-scoring container and its fitting siblings, in page
/// order.
fn select(tree: &Tree, removed: &[bool], pass: Pass) -> Vec<u32> {
    let n = tree.nodes.len();
    let mut score: Vec<Option<f32>> = vec![None; n];
    let init = |i: u32| -> f32 {
        let node = tree.node(i);
        let tag_score = match node.tag {
            Tag::Div | Tag::Article | Tag::Section | Tag::Main => 5.0,
            Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
            Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
            Tag::H(_) | Tag::Th => -5.0,
            _ => 0.0,
        };
        let semantic = if node.cid.contains("itemprop-articlebody") {
            30.0
        } else {
            0.0
        };
        tag_score
            + semantic
            + if pass.weigh_classes {
                class_weight(&node.cid)
            } else {
                0.0
            }
    };
    // Visit visible, kept nodes in page order.
    let mut stack = vec![tree.body];
    while let Some(i) = stack.pop() {
        let node = tree.node(i);
        if removed[i as usize] || node.hidden {
            continue;
        }
        for &c in node.children.iter().rev() {
            stack.push(c);
        }
        // What votes: paragraphs, preformatted text, cells, and block containers with
        // paragraph-length text of their own.
        let (len, commas, start) = match node.tag {
            Tag::P | Tag::Pre | Tag::Td | Tag::H(2..=6) => {
                (node.stats.chars, node.stats.commas, node.parent)
            }
            Tag::Div | Tag::Section | Tag::Article | Tag::Block | Tag::Main => {
                if node.stats.has_block_child {
                    (node.stats.own_inline, node.stats.own_commas, i)
                } else {
                    (node.stats.chars, node.stats.commas, node.parent)
                }
            }
            // List items vote at half weight (bullet points and recipe steps are
            // article text; link lists lose their votes to link density anyway).
            Tag::Li if !node.stats.has_block_child => {
                (node.stats.chars, node.stats.commas, node.parent)
            }
            _ => continue,
        };
        if len < 25 || start == u32::MAX {
            continue;
        }
        // Short lines split by `<br>` (a signatories list, an address block) read as a
        // list: the commas between name and affiliation are no sign of prose.
        let lines = node.stats.line_breaks + 1;
        let line_list = !node.stats.has_block_child && lines >= 20 && len / lines < 40;
        let commas = if line_list { 0 } else { commas };
        let mut vote = 1.0 + commas as f32 + (len as f32 / 100.0).floor().min(3.0);
        if node.tag == Tag::Li || line_list {
            vote /= 2.0;
        }
        let mut at = start;
        for level in 0..5 {
            if at == u32::MAX || tree.node(at).tag == Tag::Text {
                break;
            }
            let s = score[at as usize].get_or_insert_with(|| init(at));
            *s += match level {
                0 => vote,
                1 => vote / 2.0,
                l => vote / (l as f32 * 3.0),
            };
            at = tree.node(at).parent;
        }
    }
    // Link-heavy containers lose their votes.
    for (i, s) in score.iter_mut().enumerate() {
        if let Some(v) = s {
            *v *= 1.0 - tree.nodes[i].stats.link_density();
        }
    }
    let mut ranked: Vec<(u32, f32)> = score
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|v| (i as u32, v)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let Some(&(mut top, top_score)) = ranked.first() else {
        return vec![tree.body];
    };
    if top == tree.body {
        return vec![tree.body];
    }
    let sc = |i: u32| score[i as usize];

    // Several near-best candidates under one ancestor: the ancestor is the article.
    let close: Vec<u32> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| *s / top_score >= 0.75)
        .map(|(i, _)| *i)
        .collect();
    if close.len() >= 3 {
        let mut p = tree.node(top).parent;
        while p != u32::MAX && p != tree.body {
            let under = close
                .iter()
                .filter(|&&c| tree.ancestors(c).any(|a| a == p))
                .count();
            if under >= 3 {
                top = p;
                break;
            }
            p = tree.node(p).parent;
        }
    }
    // Climb while the parent scores better than what is below it.
    let mut last = sc(top).unwrap_or(top_score);
    let threshold = last / 3.0;
    let mut p = tree.node(top).parent;
    while p != u32::MAX && p != tree.body {
        match sc(p) {
            None => {}
            Some(ps) if ps < threshold => break,
            Some(ps) if ps > last => {
                top = p;
                break;
            }
            Some(ps) => last = ps,
        }
        p = tree.node(p).parent;
    }
    // An only child stands for its parent.
    loop {
        let p = tree.node(top).parent;
        if p == u32::MAX || p == tree.body {
            break;
        }
        let kids = tree
            .element_children(p)
            .filter(|&c| !tree.node(c).hidden)
            .count();
        if kids != 1 {
            break;
        }
        top = p;
    }

    // Siblings that belong to the article.
    let top_score = sc(top).unwrap_or(0.0);
    let parent = tree.node(top).parent;
    if parent == u32::MAX {
        return vec![top];
    }
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom_class(tree.node(top));
    let mut parts = Vec::new();
    for &s in &tree.node(parent).children {
        if s == top {
            parts.push(s);
            continue;
        }
        let node = tree.node(s);
        if removed[s as usize] || node.hidden || node.tag == Tag::Text {
            continue;
        }
        let bonus = match (&top_class, dom_class(node)) {
            (Some(a), Some(b)) if *a == b => top_score * 0.2,
            _ => 0.0,
        };
        if sc(s).is_some_and(|v| v + bonus >= threshold) {
            parts.push(s);
            continue;
        }
        let paragraph_like =
            node.tag == Tag::P || (matches!(node.tag, Tag::Div) && !node.stats.has_block_child);
        if paragraph_like {
            let len = node.stats.chars;
            let ld = node.stats.link_density();
            let text = node_text(tree, s);
            let sentence = text.ends_with('.') || text.contains(". ");
            if (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && sentence) {
                parts.push(s);
            }
        }
    }
    // An article split into chunks, each in its own wrapper (`<div class="grid"><div
    // class="article-body">…`): the chunks are cousins of the best one, alike in
    // class, close in the tree and scoring well.
    if let Some(class) = &top_class {
        let near: Vec<u32> = tree.ancestors(top).take(3).collect();
        for &(c, v) in ranked.iter().take(20) {
            if c == top || v < threshold || parts.contains(&c) {
                continue;
            }
            if dom_class(tree.node(c)).as_ref() != Some(class) {
                continue;
            }
            let related = |a: u32, b: u32| a == b || tree.ancestors(b).any(|x| x == a);
            if parts.iter().any(|&p| related(p, c) || related(c, p)) {
                continue;
            }
            if tree.ancestors(c).take(3).any(|a| near.contains(&a)) {
                parts.push(c);
            }
        }
        parts.sort_unstable();
    }
    parts
}

fn dom_class(node: &Node) -> Option<String> {
    node.dom
        .as_ref()
        .and_then(|d| d.attr("class"))
        .map(|c| c.to_string())
        .filter(|c| !c.trim().is_empty())
}

/// The raw text under `i` (hidden parts excluded).
fn node_text(tree: &Tree, i: u32) -> String {
    let mut out = String::new();
    let mut stack = vec![i];
    while let Some(j) = stack.pop() {
        let node = tree.node(j);
        if node.hidden {
            continue;
        }
        if node.tag == Tag::Text {
            out.push_str(&node.text);
        }
        stack.extend(node.children.iter().rev().copied());
    }
    normalize_ws(&out)
}

/// Removes embedded boxes from the article under `root`: forms and controls, link
/// lists, image galleries, boxes of headings and links, furniture-named boxes, with
/// the tests of Readability's conditional cleaning (counts of paragraphs, images,
/// list items, inputs and embeds, link density, heading density, class weight).
fn clean(tree: &Tree, root: u32, removed: &mut [bool], pass: Pass) {
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        if removed[i as usize] {
            continue;
        }
        if i != root && should_drop(tree, i, pass) {
            removed[i as usize] = true;
            continue;
        }
        stack.extend(tree.node(i).children.iter().copied());
    }
}

fn should_drop(tree: &Tree, i: u32, pass: Pass) -> bool {
    let node = tree.node(i);
    let s = node.stats;
    let weight = if pass.weigh_classes {
        class_weight(&node.cid)
    } else {
        0.0
    };
    match node.tag {
        Tag::Form | Tag::Nav | Tag::Aside | Tag::Footer => {
            return s.longest_p < 200 && s.h1s == 0;
        }
        Tag::H(1..=2) => return weight < 0.0 || s.link_density() > 0.5,
        Tag::Div
        | Tag::Section
        | Tag::Ul
        | Tag::Ol
        | Tag::Table
        | Tag::Header
        | Tag::Figure
        | Tag::Dl
        | Tag::Block => {}
        _ => return false,
    }
    if (weight < 0.0 || (pass.weigh_classes && is_negative(&node.cid))) && s.longest_p < 200 {
        return true;
    }
    if pass.weigh_classes && is_author_box(&node.cid) && s.h1s == 0 {
        return true;
    }
    if s.commas >= 10 {
        return false;
    }
    let is_list = matches!(node.tag, Tag::Ul | Tag::Ol)
        || (s.chars > 0 && list_text(tree, i) as f32 / s.chars as f32 > 0.9);
    let p = s.paragraphs as f32;
    let img = s.images as f32;
    let li = s.list_items as f32 - 100.0;
    let ld = s.link_density();
    let heading_density = if s.chars == 0 {
        0.0
    } else {
        s.heading_chars as f32 / s.chars as f32
    };
    let in_figure =
        node.tag == Tag::Figure || tree.ancestors(i).any(|a| tree.node(a).tag == Tag::Figure);
    if img > 1.0 && p / img < 0.5 && !in_figure {
        return true;
    }
    if !is_list && li > p {
        return true;
    }
    // A form box; not a container that holds the headline too (the article with its
    // comment form below).
    if s.inputs as f32 > (p / 3.0).floor() && s.h1s == 0 {
        return true;
    }
    if !is_list && heading_density < 0.9 && s.chars < 25 && (img == 0.0 || img > 2.0) && ld > 0.0 {
        return true;
    }
    // The container of the headline carries its post's navigation and tag links too.
    let link_limit = if s.h1s > 0 { 0.3 } else { 0.2 };
    if !is_list && weight < 25.0 && ld > link_limit {
        return true;
    }
    if weight >= 25.0 && ld > 0.5 {
        return true;
    }
    if (s.embeds == 1 && s.chars < 75) || s.embeds > 1 {
        return true;
    }
    // A list box of links.
    if is_list && ld > 0.5 {
        return true;
    }
    false
}

/// Characters of text inside list items under `i`.
fn list_text(tree: &Tree, i: u32) -> u32 {
    let mut total = 0;
    let mut stack = vec![i];
    while let Some(j) = stack.pop() {
        let node = tree.node(j);
        if node.tag == Tag::Li {
            total += node.stats.chars;
            continue;
        }
        stack.extend(node.children.iter().copied());
    }
    total
}

// ---------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------

/// Walks the article into blocks: block-level elements become blocks; runs of inline
/// content between them become paragraphs.
struct Walker<'t, 'a> {
    tree: &'t Tree<'a>,
    removed: &'t [bool],
    out: MainText<'a>,
    inline: String,
    inline_links: usize,
    /// Where in `inline` the last line break (`<br>`) of the current run was, when
    /// there was one: a second break with nothing between ends the paragraph.
    last_br: Option<usize>,
    /// Whether a long caption is kept (the article has at most two captions).
    keep_lone_caption: bool,
}

impl<'a> Walker<'_, 'a> {
    fn flush(&mut self) {
        let t = normalize_ws(&self.inline);
        self.inline.clear();
        self.last_br = None;
        let links = std::mem::take(&mut self.inline_links);
        if !t.is_empty() {
            self.out
                .blocks
                .push(DraftBlock::new(BlockKind::Paragraph, t));
            self.out.links.push(links);
        }
    }

    fn push(&mut self, kind: BlockKind, text: String, level: u32, links: usize) {
        self.flush();
        if !text.is_empty() {
            let mut b = DraftBlock::new(kind, text);
            b.level = level;
            self.out.blocks.push(b);
            self.out.links.push(links);
        }
    }

    fn skip(&self, i: u32) -> bool {
        self.removed[i as usize] || self.tree.node(i).hidden
    }

    /// The inline text under `i`, appended to `buf`, collecting images.
    fn inline_text(&mut self, i: u32, buf: &mut String) {
        let mut stack = vec![i];
        while let Some(j) = stack.pop() {
            if self.skip(j) {
                continue;
            }
            let node = self.tree.node(j);
            match node.tag {
                Tag::Text => buf.push_str(&node.text),
                Tag::Br => buf.push(' '),
                Tag::Img => {
                    if let Some(d) = node.dom {
                        self.out.images.push(d);
                    }
                }
                _ => {
                    if node.tag.is_block() {
                        buf.push(' ');
                    }
                    stack.extend(node.children.iter().rev().copied());
                }
            }
        }
    }

    fn text_of(&mut self, i: u32) -> String {
        let mut buf = String::new();
        self.inline_text(i, &mut buf);
        normalize_ws(&buf)
    }

    fn walk(&mut self, i: u32, depth: usize) {
        let children = self.tree.node(i).children.clone();
        for c in children {
            self.child(c, depth);
        }
    }

    /// A paragraph-like element: one block of `kind` when it holds only inline
    /// content, else its blocks one by one.
    fn leaf_or_walk(&mut self, i: u32, kind: BlockKind, depth: usize) {
        if self.tree.node(i).stats.has_block_child {
            self.flush();
            self.walk(i, depth + 1);
            self.flush();
        } else {
            let links = self.tree.node(i).stats.link_chars as usize;
            let t = self.text_of(i);
            self.push(kind, t, 0, links);
        }
    }

    fn child(&mut self, c: u32, depth: usize) {
        if self.skip(c) {
            return;
        }
        let node = self.tree.node(c);
        let tag = node.tag;
        if depth >= MAX_DEPTH {
            let mut buf = std::mem::take(&mut self.inline);
            buf.push(' ');
            self.inline_text(c, &mut buf);
            self.inline = buf;
            return;
        }
        match tag {
            Tag::Text => self.inline.push_str(&node.text),
            // a rule between two runs of text ends a paragraph
            Tag::Br if node.name == "hr" => self.flush(),
            // `text<br><br>text`: pages that lay out paragraphs with line breaks
            Tag::Br => match self.last_br {
                Some(at) if self.inline.get(at..).is_some_and(|r| r.trim().is_empty()) => {
                    self.flush();
                }
                _ => {
                    self.inline.push(' ');
                    self.last_br = Some(self.inline.len());
                }
            },
            Tag::Img => {
                if let Some(d) = node.dom {
                    self.out.images.push(d);
                }
            }
            Tag::Skip | Tag::Embed | Tag::Input => {}
            // (`<p>one<br><br>two</p>`, laid out as two paragraphs, is walked as a
            // block below, so that its line breaks end paragraphs)
            Tag::P if node.stats.line_breaks < 2 || node.stats.has_block_child => {
                self.leaf_or_walk(c, BlockKind::Paragraph, depth)
            }
            Tag::H(level) => {
                let links = node.stats.link_chars as usize;
                let t = self.text_of(c);
                self.push(BlockKind::Heading, t, u32::from(level), links);
            }
            Tag::Li | Tag::Dt | Tag::Dd => self.leaf_or_walk(c, BlockKind::ListItem, depth),
            Tag::Blockquote => {
                self.flush();
                let start = self.out.blocks.len();
                self.walk(c, depth + 1);
                self.flush();
                for b in &mut self.out.blocks[start..] {
                    if b.kind == BlockKind::Paragraph {
                        b.kind = BlockKind::Blockquote;
                    }
                }
            }
            Tag::Pre => {
                let mut buf = String::new();
                self.inline_text(c, &mut buf);
                self.push(BlockKind::Preformatted, buf.trim().to_string(), 0, 0);
            }
            Tag::Table if self.is_data_table(c) => {
                let t = self.table_text(c);
                self.push(BlockKind::Table, t, 0, 0);
            }
            // Captions and photo credits are mostly not part of the story's text;
            // images keep them. A long caption on an article with one or two figures
            // may carry the story and stays.
            Tag::Figcaption => {
                let t = self.text_of(c);
                if self.keep_lone_caption && t.chars().count() >= 120 {
                    self.push(BlockKind::FigureCaption, t, 0, 0);
                } else {
                    self.flush();
                }
            }
            _ if tag.is_block() => {
                self.flush();
                self.walk(c, depth + 1);
                self.flush();
            }
            _ => {
                // Inline element (a, span, em, strong, ...), possibly wrapping blocks.
                if node.stats.has_block_child || node.stats.inline_wraps_block {
                    self.flush();
                    self.walk(c, depth + 1);
                    self.flush();
                } else {
                    self.inline_links += node.stats.link_chars as usize;
                    let mut buf = std::mem::take(&mut self.inline);
                    self.inline_text(c, &mut buf);
                    self.inline = buf;
                }
            }
        }
    }

    /// A table of data (rows of cells), as opposed to one used for page layout (cells
    /// holding paragraphs, lists or other tables).
    fn is_data_table(&self, i: u32) -> bool {
        let mut stack: Vec<u32> = self.tree.node(i).children.clone();
        while let Some(j) = stack.pop() {
            let node = self.tree.node(j);
            match node.tag {
                Tag::Table
                | Tag::P
                | Tag::Div
                | Tag::Ul
                | Tag::Ol
                | Tag::H(_)
                | Tag::Blockquote
                    if node.stats.chars > 0 =>
                {
                    return false
                }
                _ => stack.extend(node.children.iter().copied()),
            }
        }
        true
    }

    /// A table as text: one line per row, cells separated by ` | `.
    fn table_text(&mut self, i: u32) -> String {
        let mut rows = Vec::new();
        let mut stack = vec![i];
        while let Some(j) = stack.pop() {
            let node = self.tree.node(j);
            if node.tag == Tag::Tr {
                rows.push(j);
                continue;
            }
            stack.extend(node.children.iter().rev().copied());
        }
        let mut lines = Vec::new();
        for r in rows {
            let cells: Vec<u32> = self
                .tree
                .node(r)
                .children
                .iter()
                .copied()
                .filter(|&c| matches!(self.tree.node(c).tag, Tag::Td | Tag::Th))
                .collect();
            let texts: Vec<String> = cells.into_iter().map(|c| self.text_of(c)).collect();
            if texts.iter().any(|t| !t.is_empty()) {
                lines.push(texts.join(" | "));
            }
        }
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document as Dom;

    fn texts(html: &str) -> Vec<String> {
        let dom = Dom::from(html);
        let tree = Tree::build(dom.root());
        extract(&tree).blocks.into_iter().map(|b| b.text).collect()
    }

    const PARA: &str = "The council approved the budget after a long debate on Tuesday night, \
        with opponents saying they would take the matter to court within weeks.";

    #[test]
    fn picks_the_article_container_over_navigation_and_teasers() {
        let story = format!("<p>{PARA}</p>").repeat(6);
        let html = format!(
            "<body><div class=\"menu\"><a href=/>Home</a> <a href=/w>World</a></div>\
             <div class=\"teasers\"><div><a href=/1>Other story one, with a long headline here</a></div>\
             <div><a href=/2>Other story two, with a long headline too</a></div></div>\
             <div class=\"article-body\">{story}<ul class=\"related\"><li><a href=/3>Related one</a></li></ul></div>\
             <footer><p>Copyright 2019 Example.</p></footer></body>"
        );
        let t = texts(&html);
        assert_eq!(t.len(), 6, "{t:?}");
        assert!(t.iter().all(|x| x == PARA));
    }

    #[test]
    fn article_split_over_sections_is_joined() {
        let part = format!("<p>{PARA}</p>").repeat(3);
        let html = format!(
            "<body><main><section class=\"story\">{part}</section><div class=\"ad\">Buy now</div>\
             <section class=\"story\">{part}</section></main><aside><p>Other.</p></aside></body>"
        );
        assert_eq!(texts(&html).len(), 6);
    }

    #[test]
    fn div_paragraphs_with_line_breaks_are_read() {
        let html = format!(
            "<body><div id=\"nav\"><a href=/>Home</a></div><div class=\"post\">{PARA}<br><br>{PARA}<br><br>{PARA}<br>{PARA}</div></body>"
        );
        // two breaks end a paragraph, one does not
        let t = texts(&html);
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(t[2], format!("{PARA} {PARA}"));
    }

    #[test]
    fn cjk_paragraphs_count() {
        let p = "東京都は二十五日、新しい防災計画を発表した。計画では、大規模な地震に備えて、避難所の数を増やす。";
        let html = format!(
            "<body><ul class=\"nav\"><li><a href=/>ホーム</a></li></ul><div class=\"honbun\"><p>{p}</p><p>{p}</p><p>{p}</p></div></body>"
        );
        assert_eq!(texts(&html).len(), 3);
        assert_eq!(measure("日本").0, 4);
        assert_eq!(measure("a  b,").0, 4);
    }

    #[test]
    fn hidden_and_scripted_content_is_skipped() {
        let html = format!(
            "<body><div class=\"content\"><p>{PARA}</p><p hidden>Hidden text</p>\
             <p style=\"display: none\">Also hidden</p><noscript>Enable JS</noscript><p>{PARA}</p></div></body>"
        );
        let t = texts(&html);
        assert_eq!(t, vec![PARA.to_string(), PARA.to_string()]);
    }

    #[test]
    fn data_tables_are_tables_layout_tables_are_walked() {
        let html = format!(
            "<body><div class=\"article\"><p>{PARA}</p><table><tr><th>Year</th><th>Votes</th></tr>\
             <tr><td>2019</td><td>51</td></tr></table>\
             <table><tr><td><p>{PARA}</p></td></tr></table></div></body>"
        );
        let dom = Dom::from(html.as_str());
        let tree = Tree::build(dom.root());
        let blocks = extract(&tree).blocks;
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![BlockKind::Paragraph, BlockKind::Table, BlockKind::Paragraph]
        );
        assert_eq!(blocks[1].text, "Year | Votes\n2019 | 51");
    }

    #[test]
    fn short_pages_fall_back_to_a_relaxed_pass() {
        // The only text sits in a box named like furniture.
        let html = format!("<body><div class=\"sidebar-content\"><p>{PARA}</p></div></body>");
        assert_eq!(texts(&html), vec![PARA.to_string()]);
    }

    #[test]
    fn a_list_of_signatories_does_not_outvote_the_letter() {
        // An open letter followed by a two-row layout table of `Name, Affiliation<br>`
        // lines: a comma on every line gave the cell more votes than the letter.
        let letter = format!("<p>{PARA}</p>").repeat(4);
        let names = "<strong>Jane Doe</strong>, Example University<br>".repeat(60);
        let html = format!(
            "<body><article><div class=\"wysiwyg-content\">{letter}<table><tbody>\
             <tr><td>{names}</td><td>{names}</td></tr><tr><td>More to come.</td></tr>\
             </tbody></table></div></article></body>"
        );
        let t = texts(&html);
        assert_eq!(t.iter().filter(|x| *x == PARA).count(), 4, "{t:?}");
    }

    #[test]
    fn a_furniture_box_inside_the_post_container_does_not_replace_a_short_post() {
        // A blog theme that puts its sidebar inside the content wrapper: the strict
        // pass removes the widgets by name; the relaxed passes must not bring them back
        // in place of the post.
        let widget = "Unternehmerische Einsichten und Erkenntnisse von Unternehmern, \
            Investoren, Künstlern, Wissenschaftlern oder anderen, in einer kleinen Serie.";
        let html = format!(
            "<body><div class=\"site-content\"><div class=\"post\"><h1>Zapfsäulen</h1>\
             <p>{PARA}</p><p>{PARA}</p></div><div class=\"widget-area\">{}</div></div></body>",
            format!("<div class=\"box\"><p>{widget}</p></div>").repeat(6)
        );
        let t = texts(&html);
        assert_eq!(t.iter().filter(|x| *x == PARA).count(), 2, "{t:?}");
        assert!(!t.iter().any(|x| x == widget), "{t:?}");
    }

    #[test]
    fn the_headline_container_keeps_its_post_links() {
        // The post's container holds the headline, the story and links to the previous
        // and next posts: a link density of about a quarter, which alone would drop it.
        let story = "The mayor signed the bill into law on Wednesday morning, ending a \
            dispute that had lasted for the better part of two years.";
        let html = format!(
            "<body><div class=\"wrapper\"><div class=\"main-content\"><h1>Budget passes</h1>\
             <div class=\"entry\"><p>{story}</p><p>{story}</p></div>\
             <div class=\"post-links\"><a href=/p>The older post about the council</a> \
             <a href=/n>The newer post about the parks</a> <a href=/t>Tagged: city hall</a>\
             </div></div>{}</div></body>",
            format!("<div class=\"more\"><p>{PARA}</p></div>").repeat(4)
        );
        let t = texts(&html);
        assert_eq!(t.iter().filter(|x| *x == story).count(), 2, "{t:?}");
    }

    #[test]
    fn a_comment_form_does_not_take_the_article_with_it() {
        // The post's container holds the headline, the story and a comment form with
        // more inputs than paragraphs; the wrapper around it is the chosen container.
        let story = "The mayor signed the bill into law on Wednesday morning, ending a \
            dispute that had lasted for the better part of two years.";
        let inputs = "<input name=a><input name=b><input name=c><input name=d><input name=e>";
        let html = format!(
            "<body><div class=\"wrapper\"><div class=\"main-content\"><h1>Budget passes</h1>\
             <div class=\"entry\"><p>{story}</p><p>{story}</p></div>\
             <div class=\"respond\"><span>Leave a reply</span>{inputs}</div></div>{}</div></body>",
            format!("<div class=\"more\"><p>{PARA}</p></div>").repeat(4)
        );
        let t = texts(&html);
        assert_eq!(t.iter().filter(|x| *x == story).count(), 2, "{t:?}");
    }

    #[test]
    fn a_long_biography_in_an_author_box_is_not_article_text() {
        // Other furniture boxes with a paragraph of 200 characters or more are kept (a
        // misnamed article container); an author box is dropped whatever its length.
        let story = format!("<p>{PARA}</p>").repeat(2);
        let bio = "Jane Doe is a senior reporter who has covered local government, \
            transportation and housing for over fifteen years. Before joining the paper she \
            worked at the Valley Herald and the State Gazette, and she lives in Springfield.";
        let html = format!(
            "<body><article><h1>Council approves bike lane</h1>{story}\
             <div class=\"author-box\"><p>{bio}</p></div></article></body>"
        );
        let t = texts(&html);
        assert!(!t.iter().any(|x| x == bio), "{t:?}");
        assert_eq!(t.iter().filter(|x| *x == PARA).count(), 2, "{t:?}");
    }

    #[test]
    fn author_boxes_under_the_post_are_not_article_text() {
        let story = format!("<p>{PARA}</p>").repeat(6);
        let bio = "Writes about councils, courts and budgets, and has covered the city \
            hall for twelve years, after a decade at the regional paper.";
        let html = format!(
            "<body><div class=\"post\"><div class=\"entry-content\">{story}</div>\
             <div id=\"author-info\"><div id=\"author-description\"><h2>About Jane Doe</h2>\
             {}</div></div></div></body>",
            format!("<p>{bio}</p>").repeat(3)
        );
        let t = texts(&html);
        assert_eq!(t.len(), 6, "{t:?}");
        assert!(t.iter().all(|x| x == PARA));
    }

    #[test]
    fn a_short_article_is_not_traded_for_a_longer_furniture_box() {
        // Two paragraphs (about 300 characters) in the post, a longer newsletter box
        // elsewhere: the relaxed pass would pick the box, which is not near the post.
        let box_text = "Subscribe to our mailing list and you will receive every new post, \
            our monthly digest and invitations to events, sent from our own servers; you \
            may unsubscribe at any time with the link at the end of every e-mail we send.";
        let menu = "<a href=/x>A section of the site with a long name</a> ".repeat(60);
        let html = format!(
            "<body><nav>{menu}</nav><div id=\"main\"><div class=\"site-content\"><div class=\"post\">\
             <div class=\"entry-content\"><p>{PARA}</p><p>{PARA}</p></div></div></div></div>\
             <div id=\"bottom\"><div class=\"site-bottom\"><div class=\"newsletter-dialog\">{}</div>\
             </div></div></body>",
            format!("<p>{box_text}</p>").repeat(12)
        );
        assert_eq!(texts(&html), vec![PARA.to_string(), PARA.to_string()]);
    }

    #[test]
    fn two_line_breaks_end_a_paragraph_and_one_does_not() {
        let html = format!(
            "<body><div class=\"article\">{PARA}<br/><br/>{PARA}<br>\n <br>{PARA}<br>\
             Mit einem Umbruch<br/><br/>Autor: Jane Doe</div></body>"
        );
        let t = texts(&html);
        assert_eq!(
            t,
            vec![
                PARA.to_string(),
                PARA.to_string(),
                format!("{PARA} Mit einem Umbruch"),
                "Autor: Jane Doe".to_string()
            ]
        );
        // the same inside a paragraph, and a rule between two runs of text
        let html = format!(
            "<body><div class=\"article\"><p>{PARA}<br><br>{PARA}<br>{PARA}</p>{PARA}<hr>{PARA}</div></body>"
        );
        assert_eq!(
            texts(&html),
            vec![
                PARA.to_string(),
                format!("{PARA} {PARA}"),
                PARA.to_string(),
                PARA.to_string()
            ]
        );
    }
}
