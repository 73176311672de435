//! Boilerplate removal for plain-text scrapes.
//!
//! A scraper's text output is the page's visible text: the main text plus whatever the
//! page put around it — button labels (`print PRINT`, `Share`), navigation and tag
//! bullets, copyright footers, "Related:" teasers, share bars, cookie banners.
//! [`clean_plain_text`] splits such a scrape into paragraphs, normalises their
//! whitespace and drops the boilerplate lines.
//!
//! The rules look at the *shape* of a line — its length, its punctuation, its position
//! in the text, and whether it is made only of the small vocabulary that page chrome
//! uses — never at strings taken from particular sites, so they carry over to pages
//! nobody has seen. They are deliberately conservative: a line with sentence text is
//! kept unless a rule names it (copyright, cookie consent, "Related:"), because losing
//! main text costs more downstream than keeping a stray label.

use std::sync::LazyLock;

use regex::Regex;

/// A plain-text scrape split into paragraphs, with its boilerplate removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanText {
    /// The kept paragraphs in document order: whitespace-normalised, trimmed, never
    /// empty. Hard-wrapped lines are joined; bullet items keep their marker.
    pub paragraphs: Vec<String>,
    /// The dropped boilerplate lines in document order, for diagnostics.
    pub removed: Vec<String>,
}

/// Splits a plain-text scrape into paragraphs and removes its boilerplate.
///
/// Steps:
/// 1. Normalisation: CRLF / CR and Unicode line separators become `\n`; NBSP, tabs and
///    the other Unicode spaces become one ASCII space; zero-width spaces, BOMs and soft
///    hyphens are removed; runs of spaces collapse; lines are trimmed.
/// 2. Paragraphs: blank lines separate blocks. Inside a block, a line continues into the
///    next one only when the next line's first word would not have fitted on it within
///    the block's width (the greedy-wrap test), the width is typical of wrapping (40–132
///    columns), the next line starts neither a bullet nor a byline nor an indented
///    paragraph, and the block as a whole looks hard-wrapped: the test passes on most of
///    its lines (two-line blocks: the first line has at least 60 characters and does not
///    end a sentence, or the second starts in lowercase). Otherwise every line is its own
///    paragraph, as scrapers that put one paragraph per line produce.
/// 3. Boilerplate lines, each by a general rule: short UI labels made only of page-chrome
///    words (`Share`, `Tweet`, `Subscribe`, `Read more`, `Advertisement`, `Facebook
///    Twitter Email`) or a word repeated in different cases (`print PRINT`); phrases such
///    as `Sign up for our newsletter`, `Follow us on Twitter`, `Click here`; copyright
///    lines; `Related:` / `Read also` / `Tags:` teasers and labels; cookie and consent
///    banners; lines without a letter or digit (`***`, `|`).
/// 4. Navigation and tag bullets: short link-like bullet lines (at most six words, no
///    sentence punctuation) are dropped when they form the leading or trailing run of
///    the text, or an inner run of three or more. A run introduced by a line ending in
///    `:` is a list the story announces and is kept; bullets with sentence text are
///    always kept.
/// 5. Navigation menus: three or more menu entries (at most three words, no digits, no
///    final punctuation: `Home`, `World`, `Sport`) opening or closing the text.
/// 6. Teasers: the short, unpunctuated lines under a standalone "More on this story" /
///    "Related articles" label, when they run to the end of the text.
///
/// Never panics, whatever the input.
pub fn clean_plain_text(raw: &str) -> CleanText {
    let paragraphs = split_paragraphs(raw);
    let mut dropped: Vec<bool> = paragraphs.iter().map(|p| is_boilerplate_line(p)).collect();
    mark_navigation_bullets(&paragraphs, &mut dropped);
    mark_navigation_menus(&paragraphs, &mut dropped);
    mark_trailing_teasers(&paragraphs, &mut dropped);

    let mut clean = CleanText::default();
    for (p, drop) in paragraphs.into_iter().zip(dropped) {
        if drop {
            clean.removed.push(p);
        } else {
            clean.paragraphs.push(p);
        }
    }
    clean
}

/// The text of a bullet item without its marker, or `None` when `line` is not a bullet
/// item.
///
/// Markers: `•`, `·`, `‣`, `▪`, `▸`, `▶`, `►`, `›`, `»`, `◦`, `●`, `■`, `➤`, `→`, `✓` and
/// similar symbols, and `-`, `–`, `*`, `+`, `›`, `»` when a space follows (so `-5
/// degrees` and the German quotation `»Wir …` are not bullets). The em dash is not a
/// marker: many languages open dialogue with it.
pub fn list_item_text(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let mut chars = line.chars();
    let marker = chars.next()?;
    let rest = chars.as_str();
    let is_marker = match marker {
        '•' | '·' | '‣' | '▪' | '▫' | '▸' | '▹' | '▶' | '►' | '◦' | '○' | '●' | '■' | '□' | '➤'
        | '➔' | '→' | '✓' | '✔' | '◆' | '◇' => true,
        '-' | '–' | '*' | '+' | '›' | '»' => rest.starts_with(char::is_whitespace),
        _ => false,
    };
    if !is_marker {
        return None;
    }
    let item = rest.trim();
    (!item.is_empty()).then_some(item)
}

/// Shortest and longest line width (in characters) that is taken as hard wrapping.
const MIN_WRAP_WIDTH: usize = 40;
const MAX_WRAP_WIDTH: usize = 132;
/// Shortest first line of a two-line block that is taken as hard wrapping.
const MIN_TWO_LINE_WRAP: usize = 60;
/// Columns of tolerance in the greedy-wrap test (wrappers that count bytes, or keep a
/// trailing space).
const WRAP_SLACK: usize = 2;

/// One source line after normalisation, with the indentation it had.
struct Line {
    text: String,
    indent: usize,
}

/// Splits `raw` into normalised paragraphs (step 1 and 2 of [`clean_plain_text`]).
fn split_paragraphs(raw: &str) -> Vec<String> {
    let unified = raw
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{85}'], "\n")
        .replace(['\u{2029}', '\u{0C}'], "\n\n");
    let mut paragraphs = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    for raw_line in unified.split('\n') {
        let (text, indent) = normalise_line(raw_line);
        if text.is_empty() {
            paragraphs.extend(reflow(&block));
            block.clear();
        } else {
            block.push(Line { text, indent });
        }
    }
    paragraphs.extend(reflow(&block));
    paragraphs
}

/// Normalises the whitespace of one line; returns the text and its indentation (in
/// whitespace characters, before normalisation).
fn normalise_line(line: &str) -> (String, usize) {
    let mut out = String::with_capacity(line.len());
    let mut indent = 0;
    let mut pending_space = false;
    for c in line.chars() {
        let c = match c {
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
            '\t'
            | '\u{00A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}' => ' ',
            c if c.is_control() => ' ',
            c => c,
        };
        if c == ' ' {
            if out.is_empty() {
                indent += 1;
            } else {
                pending_space = true;
            }
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    (out, indent)
}

/// Turns one block of consecutive non-blank lines into paragraphs, joining hard-wrapped
/// lines.
fn reflow(block: &[Line]) -> Vec<String> {
    let width = block
        .iter()
        .map(|l| l.text.chars().count())
        .max()
        .unwrap_or(0);
    // joins[i]: line i may continue into line i + 1 by the greedy-wrap test.
    let joins: Vec<bool> = (0..block.len())
        .map(|i| {
            (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width)
                && block
                    .get(i + 1)
                    .is_some_and(|next| wraps_into(&block[i], next, width))
        })
        .collect();
    // The longest line of any block passes the test, so a block counts as hard-wrapped
    // only when the test passes on most of its lines, or, for two lines, when the first
    // is as long as wrapped text usually is and does not end a sentence (a heading and
    // its byline, or a byline and its date, are shorter), or the second starts in
    // lowercase.
    let candidates = joins.iter().filter(|&&j| j).count();
    let wrapped = match block.len() {
        0 | 1 => false,
        2 => {
            (block[0].text.chars().count() >= MIN_TWO_LINE_WRAP && !ends_sentence(&block[0].text))
                || block[1].text.starts_with(char::is_lowercase)
        }
        n => candidates >= 2 && candidates * 2 >= n - 1,
    };
    let mut out = Vec::new();
    let mut current = String::new();
    for (line, joins_next) in block.iter().zip(joins) {
        if current.is_empty() {
            current.push_str(&line.text);
        } else {
            let after_hyphen = current.ends_with('-')
                && current
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(char::is_alphabetic)
                && line.text.starts_with(char::is_lowercase);
            if !after_hyphen {
                current.push(' ');
            }
            current.push_str(&line.text);
        }
        if !(wrapped && joins_next) {
            out.push(std::mem::take(&mut current));
        }
    }
    out
}

/// Whether `text` ends with sentence-final punctuation (or a closing quotation mark).
fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', ':', ';', '…', '”', '"', '»', '’'])
}

/// Whether `line` was broken by a wrapper of `width` columns with `next` continuing it.
fn wraps_into(line: &Line, next: &Line, width: usize) -> bool {
    if next.indent > line.indent
        || list_item_text(&next.text).is_some()
        || (list_item_text(&line.text).is_some() && next.text.starts_with(char::is_uppercase))
        || BYLINE_START.is_match(&next.text)
    {
        return false;
    }
    let first_word = next.text.split(' ').next().map_or(0, |w| w.chars().count());
    line.text.chars().count() + 1 + first_word + WRAP_SLACK > width
}

static BYLINE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:By|BY|From)\s+\p{Lu}").expect("valid regex"));

/// Page-chrome words that can carry a UI label on their own.
const UI_WORDS: &str = "\
    print share shares sharing tweet retweet email e-mail mail facebook twitter linkedin \
    whatsapp pinterest reddit telegram messenger instagram youtube tiktok flipboard copy link \
    url subscribe subscription subscribers newsletter newsletters sign signup login log logout \
    register advertisement advertisements advertising ad ads sponsored promoted comment \
    comments save saved bookmark bookmarks close menu search home back top next previous prev \
    more read continue reading skip listen audio font size text zoom larger smaller article \
    story page click tap free follow gift send like favorite favourite reply feedback \
    permalink rss feed options settings show hide view photos gallery video watch privacy \
    policy terms cookies sitemap careers faq faqs loading expand collapse toggle navigation \
    related trending popular latest headlines articles stories subscriber exclusive premium";

/// Function words that may appear in a UI label but never make one on their own.
const UI_FILLER: &str = "\
    a an the this that for our your on via to and or of with now here up in out us me all it \
    full screen contact about use conditions help news daily weekly x & main";

/// Whether one paragraph is boilerplate by a line rule (step 3 of [`clean_plain_text`]).
fn is_boilerplate_line(p: &str) -> bool {
    if !p.chars().any(char::is_alphanumeric) {
        return true;
    }
    let chars = p.chars().count();
    if chars <= 60 && (is_ui_label(p) || is_repeated_word(p)) {
        return true;
    }
    if chars <= 200 && (COPYRIGHT.is_match(p) || TEASER.is_match(p) || TEASER_LABEL.is_match(p)) {
        return true;
    }
    if chars <= 120 && UI_PHRASE.is_match(p) {
        return true;
    }
    chars <= 400 && is_cookie_banner(p)
}

/// Lowercased words of `p`, split at anything but letters, digits, `-` and apostrophes.
fn words_lower(p: &str) -> Vec<String> {
    p.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == '&'))
        .map(|w| w.trim_matches(|c: char| c == '-' || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A short label made only of page-chrome words, at least one of them a UI word.
fn is_ui_label(p: &str) -> bool {
    if p.ends_with('.') {
        return false;
    }
    let words = words_lower(p);
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let mut strong = false;
    for w in &words {
        let is_count = w.chars().all(|c| c.is_ascii_digit());
        if in_list(UI_WORDS, w.as_str()) {
            strong = true;
        } else if !(is_count || in_list(UI_FILLER, w.as_str())) {
            return false;
        }
    }
    strong
}

/// A word repeated, differing at most in case (`print PRINT`, `Share SHARE`): the icon
/// text and the label of one button.
fn is_repeated_word(p: &str) -> bool {
    if p.ends_with(['.', '!', '?']) {
        return false;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    let first = words[0].to_lowercase();
    first.chars().count() >= 2
        && first.chars().all(char::is_alphabetic)
        && words.iter().all(|w| w.to_lowercase() == first)
}

/// A copyright notice: `© 2019 …` or `© Name` (the sign opening a word, not glued to
/// one as in `Café©`), `(c) 2019`, a line opening with `Copyright 2019`, or a line
/// ending with `All rights reserved.` (not the words inside a sentence).
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:^|\s)©\s*(?:(?:19|20)\d{2}|\p{Lu})|(?i:\(c\))\s*(?:19|20)\d{2}",
        r"|^\s*(?i:copyright)\s*(?:©|(?i:\(c\))|\d{4})|(?i:\ball rights reserved)\W*$",
    ))
    .expect("valid regex")
});

/// "Related: …", "Read also: …", "Tags: …": a teaser label followed by a separator.
static TEASER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:related(?: (?:articles?|stories|story|content|coverage|links?|news|topics?|posts?|reading))?",
        r"|read (?:also|more|next)|also read|see also|more on (?:this|that)(?: (?:story|topic))?",
        r"|recommended(?: for you| reading| stories)?|you (?:may|might) also (?:like|be interested in)",
        r"|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|editor[’']?s (?:picks|choice)",
        r"|don[’']?t miss|what to read next|further reading|top stories|latest news",
        r"|tags?|topics?|filed under|categories|keywords)",
        r"\s*(?::|»|›|>|→|\||\s[-–—]\s)",
    ))
    .expect("valid regex")
});

/// The same labels standing alone on their line, or a "More from …" section link.
static TEASER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:related(?: (?:articles?|stories|content|coverage|links|news|topics|posts))?",
        r"|read (?:also|more|next)|also read|see also|more on (?:this|that)(?: (?:story|topic))?",
        r"|recommended(?: for you| reading| stories)?|you (?:may|might) also (?:like|be interested in)",
        r"|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|editor[’']?s (?:picks|choice)",
        r"|don[’']?t miss|what to read next|further reading|top stories|latest news",
        r"|more (?:from|in|on) [^.!?:]{1,40})",
        r"\s*[:…»›>]?\s*$",
    ))
    .expect("valid regex")
});

/// UI phrases with words outside the label vocabulary.
static UI_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:(?:sign up|subscribe|register)\b.{0,60}\b(?:newsletters?|updates|alerts|emails?|digest|briefing)\b",
        r"|(?:get|receive) (?:our|the) .{0,40}\b(?:newsletters?|briefing|digest)\b",
        r"|(?:click|tap) (?:here|to)\b",
        r"|skip to (?:main |the )?(?:content|navigation|article|menu|search|footer)\b",
        r"|(?:follow|like|find) (?:us|@\S+|[\w ]{1,30}) on (?:twitter|facebook|instagram|x|linkedin|youtube|tiktok|threads|bluesky|mastodon|telegram)\b",
        r"|share (?:this|on|via|the|to|with)\b",
        r"|(?:listen to|watch) (?:this|the) (?:article|story)\b",
        r"|(?:continue reading|(?:story|article) continues(?: below)?|scroll (?:down )?to continue)\b",
        r"|(?:loading|please wait)\b.{0,20}$",
        r"|\d+\s*(?:comments?|shares?|replies)\s*$",
        r"|(?:already (?:a )?(?:subscriber|registered)|have an account)\b",
        r")",
    ))
    .expect("valid regex")
});

static COOKIE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bcookies?\b").expect("valid regex"));

static COOKIE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\bwe use\b|(?:this|our) (?:site|website)|\baccept|\bprivacy\b|\bpreferences\b",
        r"|\bby continuing\b|\bbrows(?:ing|er)\b|\bexperience\b|\bpersonali[sz]e|\bthird[- ]part",
        r"|\banalytics\b|\bpolicy\b|\bsettings\b|\bconsent\b",
    ))
    .expect("valid regex")
});

static CONSENT_BUTTON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:accept|reject|decline|allow|manage|customi[sz]e) (?:all|cookies|preferences|settings|choices)\b",
    )
    .expect("valid regex")
});

/// A cookie or consent banner line: a consent button, or a line about cookies in the
/// vocabulary of websites (not of baking), and not a quotation.
fn is_cookie_banner(p: &str) -> bool {
    CONSENT_BUTTON.is_match(p)
        || CONTINUING_TO_USE.is_match(p)
        || (!p.starts_with(['“', '"', '«', '„'])
            && COOKIE.is_match(p)
            && COOKIE_CONTEXT.is_match(p))
}

static CONTINUING_TO_USE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^by (?:continuing to (?:use|browse)|using|browsing) (?:this|our) (?:site|website|service)",
    )
    .expect("valid regex")
});

/// A bullet item that reads like a link: at most six words and 50 characters, no
/// sentence punctuation.
fn is_link_like_bullet(p: &str) -> bool {
    let Some(item) = list_item_text(p) else {
        return false;
    };
    item.split_whitespace().count() <= 6
        && item.chars().count() <= 50
        && !item.ends_with(['.', '!', '?', ';', ':', '…', ','])
        && !item.contains(". ")
        && item.chars().any(char::is_alphanumeric)
}

/// Marks navigation / tag bullet runs (step 4 of [`clean_plain_text`]).
fn mark_navigation_bullets(paragraphs: &[String], dropped: &mut [bool]) {
    // Indices of paragraphs still kept after the line rules.
    let kept: Vec<usize> = (0..paragraphs.len()).filter(|&i| !dropped[i]).collect();
    let mut k = 0;
    while k < kept.len() {
        if !is_link_like_bullet(&paragraphs[kept[k]]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < kept.len() && is_link_like_bullet(&paragraphs[kept[k]]) {
            k += 1;
        }
        let run = &kept[start..k];
        let leading = start == 0;
        let trailing = k == kept.len();
        let announced = start > 0 && paragraphs[kept[start - 1]].trim_end().ends_with(':');
        if leading || (!announced && (trailing || run.len() >= 3)) {
            for &i in run {
                dropped[i] = true;
            }
        }
    }
}

/// A line that reads like a menu entry: at most three words and 30 characters, no
/// digits, no punctuation at the end, not a quotation or a byline.
fn is_menu_entry(p: &str) -> bool {
    p.split_whitespace().count() <= 3
        && p.chars().count() <= 30
        && !p.chars().any(|c| c.is_ascii_digit())
        && !p.ends_with(['.', '!', '?', ':', ';', ',', '”', '"'])
        && !p.starts_with(['“', '"', '«', '„'])
        && !BYLINE_START.is_match(p)
}

/// Marks a navigation menu: three or more menu entries (see [`is_menu_entry`]) that
/// open or close the text (step 5 of [`clean_plain_text`]).
fn mark_navigation_menus(paragraphs: &[String], dropped: &mut [bool]) {
    let kept: Vec<usize> = (0..paragraphs.len()).filter(|&i| !dropped[i]).collect();
    let is_entry = |&&i: &&usize| is_menu_entry(&paragraphs[i]);
    let leading: Vec<usize> = kept.iter().take_while(is_entry).copied().collect();
    let trailing: Vec<usize> = kept.iter().rev().take_while(is_entry).copied().collect();
    for run in [leading, trailing] {
        // A run that is the whole text is no menu around an article.
        if run.len() >= 3 && run.len() < kept.len() {
            for i in run {
                dropped[i] = true;
            }
        }
    }
}

/// A teaser link: a short line (at most 15 words and 120 characters) that does not end
/// a sentence and is not a quotation.
fn is_teaser_link(p: &str) -> bool {
    p.split_whitespace().count() <= 15
        && p.chars().count() <= 120
        && !p.ends_with(['.', '”', '"'])
        && !p.starts_with(['“', '"', '«', '„'])
}

/// Marks the teaser links under a "More on this story" / "Related articles" label when
/// they run to the end of the text (step 6 of [`clean_plain_text`]): the label alone is
/// removed by the line rules, and its links are headlines of other articles. Inside the
/// text the lines after such a label may be the story's own subheadings, so they stay.
fn mark_trailing_teasers(paragraphs: &[String], dropped: &mut [bool]) {
    // Start of the trailing run of teaser links and already dropped lines.
    let mut start = paragraphs.len();
    while start > 0 && (dropped[start - 1] || is_teaser_link(&paragraphs[start - 1])) {
        start -= 1;
    }
    if let Some(label) = (start..paragraphs.len()).find(|&i| TEASER_LABEL.is_match(&paragraphs[i]))
    {
        for d in &mut dropped[label + 1..] {
            *d = true;
        }
    }
}

/// Whether `word` is one of the space-separated words of `list`.
fn in_list(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../tests/fixtures/seed_japan_news.txt");

    fn paragraphs(raw: &str) -> Vec<String> {
        clean_plain_text(raw).paragraphs
    }

    #[test]
    fn seed_loses_button_text_and_navigation_bullets() {
        let clean = clean_plain_text(SEED);
        assert_eq!(
            clean.paragraphs[0],
            "Abe’s diplomacy for Osaka G20 (2) / A time to be patient for dialogue with North Korea"
        );
        assert_eq!(
            clean.paragraphs[1],
            "This is the second installment in this series."
        );
        for p in &clean.paragraphs {
            for bad in [
                "print",
                "PRINT",
                "•",
                "Ambassador",
                "COVID-19",
                "Trending Japan",
            ] {
                assert!(!p.contains(bad), "{bad:?} left in {p:?}");
            }
        }
        assert_eq!(
            clean.removed,
            vec![
                "print PRINT",
                "• Ambassador",
                "• Ukraine",
                "• COVID-19",
                "• Trending Japan"
            ]
        );
        // title + note + 21 story paragraphs + box heading + box byline + 3 box paragraphs
        assert_eq!(clean.paragraphs.len(), 28);
        assert!(clean.paragraphs[24].starts_with("By Hajime Izumi"));
        assert!(clean.paragraphs[27].ends_with("large-scale economic cooperation."));
    }

    #[test]
    fn copyright_notices_go_but_sentences_with_the_words_stay() {
        for notice in [
            "© 2019 The Japan News. All rights reserved.",
            "Copyright 2021 Example Media",
            "(c) 2020 Example Media",
            "© Reuters",
            "Example Media GmbH. All rights reserved.",
        ] {
            assert!(is_boilerplate_line(notice), "{notice}");
        }
        for sentence in [
            "\"We have reserved all rights reserved to us under the contract,\" said Maria Lopez.",
            "The mayor said the Café© brand is new.",
            "The label said all rights reserved under the deal would be enforced.",
        ] {
            assert!(!is_boilerplate_line(sentence), "{sentence}");
        }
    }

    #[test]
    fn whitespace_is_normalised() {
        let raw = "First\u{00A0}line\twith  gaps   \r\n\r\n\u{FEFF}Second\u{200B} para\u{00AD}graph.\r\rThird.";
        assert_eq!(
            paragraphs(raw),
            vec!["First line with gaps", "Second paragraph.", "Third."]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let raw = "\
The city council voted on Tuesday to extend the tram line to the new
harbour district, a project that has been debated for more than a
decade and is expected to cost about 300 million euros.
Opponents said the money would be better spent on buses.

The mayor, who backed the plan, called the vote a well-
deserved win for commuters.";
        assert_eq!(
            paragraphs(raw),
            vec![
                "The city council voted on Tuesday to extend the tram line to the new harbour \
                 district, a project that has been debated for more than a decade and is \
                 expected to cost about 300 million euros.",
                "Opponents said the money would be better spent on buses.",
                "The mayor, who backed the plan, called the vote a well-deserved win for commuters.",
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_stays_split() {
        let raw = "Lawmakers in the upper house approved the budget bill late on Friday after a debate that lasted more than nine hours.\nThe opposition walked out before the final vote.\nA second vote is due next week, when the lower house takes up the companion tax bill and its amendments.";
        assert_eq!(paragraphs(raw).len(), 3);
        // A heading line followed by a byline in one block stays two paragraphs.
        let raw = "A longer box heading about the budget debate\nBy Jo Lee / Example University Professor";
        assert_eq!(paragraphs(raw).len(), 2);
        let raw =
            "By Maria Gonzalez and Tom O'Neil, Staff Writers\nUpdated 5:00 PM ET, June 3, 2019";
        assert_eq!(paragraphs(raw).len(), 2);
        // Two lines that are one wrapped paragraph.
        let raw = "The prefecture will open three new evacuation centres before the\ntyphoon season begins.";
        assert_eq!(paragraphs(raw).len(), 1);
    }

    #[test]
    fn general_ui_labels_and_footers_are_removed() {
        let raw = "\
Share
Tweet
SHARE share
Facebook Twitter Email
Subscribe
Advertisement

Storm closes ports along the coast

Heavy rain closed three ports on Monday, officials said.

Read more

Sign up for our newsletter
Follow us on Twitter
Related: Floods hit northern towns
Read also: How ports prepare for storms
Tags: weather, ports
We use cookies to improve your experience. By continuing to browse you accept our cookie policy.
Accept all cookies
Copyright 2019 Example Media Ltd. All rights reserved.
© 2021 The Example Times
***";
        let clean = clean_plain_text(raw);
        assert_eq!(
            clean.paragraphs,
            vec![
                "Storm closes ports along the coast",
                "Heavy rain closed three ports on Monday, officials said."
            ]
        );
        assert_eq!(clean.removed.len(), 17, "{:?}", clean.removed);
    }

    #[test]
    fn story_sentences_with_chrome_words_are_kept() {
        let raw = "\
Share prices fell sharply in Tokyo.

Related companies also reported losses, analysts said.

The newspaper printed a correction on its front page.

Read the full statement on the ministry's website, she said.

Copyright law was the main topic of the hearing, which lasted three hours and drew a crowd of authors.

You can bake these cookies in 20 minutes, and your children will love them.";
        let clean = clean_plain_text(raw);
        assert_eq!(clean.paragraphs.len(), 6, "{:?}", clean.removed);
        assert!(clean.removed.is_empty());
    }

    #[test]
    fn story_lists_stay_and_navigation_runs_go() {
        let raw = "\
- World
- Politics
- Business

Minister outlines three priorities

The minister listed her priorities for the year:

• Raise the minimum wage by 3 percent in October.
• Expand free preschool to all children aged 3 to 5.

The plan covers three regions:

- Hokkaido
- Kyushu
- Okinawa

Critics said the plan lacked funding.

› Opinion
› Sports
› Culture
› Weather

More details will follow next week.

• Ambassador
• Ukraine";
        let clean = clean_plain_text(raw);
        assert_eq!(
            clean.paragraphs,
            vec![
                "Minister outlines three priorities",
                "The minister listed her priorities for the year:",
                "• Raise the minimum wage by 3 percent in October.",
                "• Expand free preschool to all children aged 3 to 5.",
                "The plan covers three regions:",
                "- Hokkaido",
                "- Kyushu",
                "- Okinawa",
                "Critics said the plan lacked funding.",
                "More details will follow next week.",
            ]
        );
        assert_eq!(clean.removed.len(), 9);
    }

    #[test]
    fn menus_and_trailing_teasers_are_removed() {
        let raw = "\
World
Business
Tech
Opinion

Rail fares to rise in March

Fares will rise by 4 percent, the operator said on Friday.

Read more

Why fares rise every year

The operator blamed energy costs.

You may also like
Bus drivers vote to strike
Ten quiet train journeys
Tickets
Timetables
Contact";
        let clean = clean_plain_text(raw);
        assert_eq!(
            clean.paragraphs,
            vec![
                "Rail fares to rise in March",
                "Fares will rise by 4 percent, the operator said on Friday.",
                "Why fares rise every year",
                "The operator blamed energy costs.",
            ]
        );
        // A text that is only short lines is not taken for a menu.
        let short = "Tokyo\nOsaka\nNagoya";
        assert_eq!(paragraphs(short).len(), 3);
    }

    #[test]
    fn list_item_text_strips_markers() {
        assert_eq!(list_item_text("  • Ukraine"), Some("Ukraine"));
        assert_eq!(list_item_text("- item one"), Some("item one"));
        assert_eq!(list_item_text("-5 degrees overnight"), None);
        assert_eq!(list_item_text("— Yes, he said."), None);
        assert_eq!(list_item_text("•"), None);
        assert_eq!(list_item_text(""), None);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let huge = "word ".repeat(200_000);
        let inputs = [
            String::new(),
            " \n\t\r\n \u{00A0}\n".to_string(),
            huge,
            "é\u{0301}\u{200D}👩‍👩‍👧 مرحبا 你好\r\r\r- \n•\n-\n©".to_string(),
            "\u{0}\u{1}\u{7f}\u{85}\u{2028}\u{2029}".to_string(),
            "a-\nb\n-\n".to_string(),
            "x".repeat(50) + "-\n" + &"y".repeat(60),
        ];
        for input in &inputs {
            let clean = clean_plain_text(input);
            assert!(clean.paragraphs.iter().all(|p| !p.trim().is_empty()));
            assert!(clean.paragraphs.iter().all(|p| p.trim() == p));
        }
        assert!(clean_plain_text("").paragraphs.is_empty());
        assert_eq!(clean_plain_text(&inputs[2]).paragraphs.len(), 1);
    }
}
