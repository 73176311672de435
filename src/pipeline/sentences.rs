//! Sentence segmentation and word counting for the main text.
//!
//! [`split_sentences`] cuts the clean main text into sentences, block by block, and
//! returns half-open UTF-8 byte ranges into that text (the same span convention as the
//! rest of the pipeline). [`word_count`] counts words the way `Article.word_count` is
//! defined.
//!
//! The segmenter is a rule-based single pass over the bytes of each block, tuned for
//! English news prose and reasonable for other Latin-script European languages and for
//! Chinese / Japanese full stops. It needs no model and no allocation per character.
//!
//! # Where a sentence ends
//!
//! A candidate boundary is a run of terminators (`.` `!` `?` `…`, also `..`/`...`),
//! optionally followed by closing quotes or brackets (`."` `.”` `?’` `.)` `!»`). It is
//! a boundary when whitespace follows and then something that can start a sentence: an
//! uppercase (or uncased) letter, a digit, a currency sign, or an opening quote or
//! bracket. A lowercase continuation (`“Is it true?” he asked.`, `wait… and see`) is
//! never a boundary, and neither is a dot with no whitespace after it (`3.5`,
//! `1.000.000`, `example.com`, `U.S.-Japan`).
//!
//! A lone `.` is then checked against the word it ends, because most dots in news text
//! that are followed by a capital are not sentence ends:
//!
//! * titles and prefixes that are always followed by more of the same sentence
//!   (`Mr.` `Mrs.` `Ms.` `Dr.` `Prof.` `Gen.` `Sen.` `Rep.` `Gov.` `Lt.` `Col.` `Sgt.`
//!   `Capt.` `No.` `vs.` `e.g.` `i.e.` …) never end a sentence;
//! * words that usually sit mid-sentence but can also close one — multi-dot acronyms
//!   (`U.S.` `U.N.` `U.K.` `E.U.` `a.m.` `p.m.`), month abbreviations (`Jan.` … `Dec.`,
//!   `May` is a full word), company and name suffixes (`Inc.` `Corp.` `Ltd.` `Co.` `Jr.`
//!   `Sr.`), `St.` — end a sentence only when the next word is a common sentence-opening
//!   function word (`The`, `He`, `It`, `But`, `In`, …) or an opening double quote. So
//!   `U.S. President Donald Trump` stays whole while `… in the U.S. The president said`
//!   is split;
//! * single-letter initials (`George W. Bush`, `J. K. Rowling`) follow the same
//!   heuristic, except that another initial never starts a sentence;
//! * a sentence is never just a list enumerator (`1.`, `A.`, `IV.` at its start).
//!
//! `etc.` is an ordinary word: mid-sentence it is followed by lowercase text or
//! punctuation, so only `etc. The …` ends a sentence.
//!
//! Chinese / Japanese full stops `。` `！` `？` end a sentence without needing whitespace,
//! except a Japanese quotation closed and continued by a particle (`「行きます。」と言った`).
//!
//! Blocks are hard limits: a sentence never spans two blocks, and a blank line inside a
//! block (`\n` + optional spaces + `\n`) also ends a sentence. Ranges are trimmed of
//! Unicode whitespace and never empty.

use std::ops::Range;

/// Splits `text` into sentences.
///
/// `blocks` are the half-open UTF-8 byte ranges of the paragraphs / blocks of `text`; a
/// sentence never crosses a block boundary. Blocks may come in any order; ranges that
/// reach past the end of `text` are clamped, bounds that are not on char boundaries are
/// moved inwards to the nearest one, empty or reversed ranges are skipped, and parts of a
/// block that overlap an earlier-starting block are ignored. An empty `blocks` slice
/// means "the whole text is one block" (blank lines still separate paragraphs).
///
/// Returns half-open byte ranges into `text`: trimmed of surrounding whitespace, in
/// increasing order, non-overlapping, on char boundaries, non-empty, each inside one
/// (clamped) block. See the module documentation for the rules. Never panics.
pub fn split_sentences(text: &str, blocks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 128 + 1);
    if text.is_empty() {
        return out;
    }
    if blocks.is_empty() {
        split_block(text, 0, text.len(), &mut out);
        return out;
    }
    let mut spans: Vec<Range<usize>> = blocks
        .iter()
        .filter_map(|b| sanitize_block(text, b))
        .collect();
    // Stable: blocks starting at the same offset keep their given order.
    spans.sort_by_key(|r| r.start);
    let mut cursor = 0;
    for r in spans {
        let start = r.start.max(cursor);
        if start >= r.end {
            continue;
        }
        split_block(text, start, r.end, &mut out);
        cursor = r.end;
    }
    out
}

/// Number of words in `text`.
///
/// A word is a run of alphanumeric characters (any script; combining marks stay inside
/// the word). Inner apostrophes and hyphens (`'` `’` `-` `‐` `‑`) between alphanumerics
/// keep one word (`don't`, `Moon Jae-in`), so do inner `.`/`,` between digits (`3.5`,
/// `1,000`) and dots in letter acronyms (`U.S.`). Chinese characters and Japanese kana
/// count one word each, since those scripts do not separate words with spaces; Hangul is
/// space-separated and counted like Latin words. Punctuation, symbols and whitespace
/// count nothing.
pub fn word_count(text: &str) -> usize {
    let mut count = 0usize;
    let mut in_word = false;
    // Previous char inside the current word, and the number of chars since the word
    // start or the last joining punctuation (used for `U.S.`-style acronyms).
    let mut prev = '\0';
    let mut seg_len = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if !in_word {
                    count += 1;
                    in_word = true;
                    seg_len = 0;
                }
                seg_len += 1;
                prev = c;
                continue;
            }
        } else if is_cjk_word_char(c) {
            count += 1;
            in_word = false;
            continue;
        } else if c.is_alphanumeric() {
            if !in_word {
                count += 1;
                in_word = true;
                seg_len = 0;
            }
            seg_len += 1;
            prev = c;
            continue;
        } else if in_word && is_combining_mark(c) {
            continue;
        }
        // Punctuation, symbol or whitespace: may join two parts of one word.
        if in_word {
            let next = chars.peek().copied().unwrap_or(' ');
            let next_word = next.is_alphanumeric() && !is_cjk_word_char(next);
            let joins = match c {
                '\'' | '’' | '-' | '\u{2010}' | '\u{2011}' => next_word,
                ',' => prev.is_numeric() && next.is_numeric(),
                '.' => {
                    (prev.is_numeric() && next.is_numeric())
                        || (seg_len == 1 && prev.is_alphabetic() && next.is_alphabetic())
                }
                _ => false,
            };
            if joins {
                seg_len = 0;
                continue;
            }
        }
        in_word = false;
    }
    count
}

/// Clamps a caller-supplied block to `text` and to char boundaries (moving inwards).
fn sanitize_block(text: &str, b: &Range<usize>) -> Option<Range<usize>> {
    let len = text.len();
    let mut s = b.start.min(len);
    let mut e = b.end.min(len);
    if s >= e {
        return None;
    }
    while s < e && !text.is_char_boundary(s) {
        s += 1;
    }
    while e > s && !text.is_char_boundary(e) {
        e -= 1;
    }
    (s < e).then_some(s..e)
}

/// Pushes the whitespace-trimmed `text[start..end]` if it is not empty.
fn emit(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let trimmed_start = s.trim_start();
    let s0 = start + (s.len() - trimmed_start.len());
    let s1 = s0 + trimmed_start.trim_end().len();
    if s0 < s1 {
        out.push(s0..s1);
    }
}

/// Segments one block `text[start..end]` (both on char boundaries) into `out`.
fn split_block(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut sent = start;
    let mut i = start;
    while i < end {
        match bytes[i] {
            b'.' | b'!' | b'?' | 0xE2 | 0xE3 | 0xEF => {
                if terminator_at(bytes, i, end).is_none() {
                    i += 1;
                    continue;
                }
                match at_terminator(text, end, sent, i) {
                    (resume, Some((sent_end, next_start))) => {
                        emit(text, sent, sent_end, out);
                        sent = next_start;
                        i = resume;
                    }
                    (resume, None) => i = resume,
                }
            }
            b'\n' => {
                // A blank line inside a block is a paragraph break.
                let mut p = i + 1;
                let mut newlines = 1;
                while p < end {
                    match bytes[p] {
                        b'\n' => newlines += 1,
                        b' ' | b'\t' | b'\r' | 0x0B | 0x0C => {}
                        _ => break,
                    }
                    p += 1;
                }
                if newlines >= 2 && p < end {
                    emit(text, sent, i, out);
                    sent = p;
                }
                i = p;
            }
            _ => i += 1,
        }
    }
    emit(text, sent, end, out);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Term {
    /// ASCII `.`
    Dot,
    /// ASCII `!` or `?`
    Strong,
    /// `…`
    Ellipsis,
    /// `。` `！` `？`
    Cjk,
}

/// The terminator starting at byte `p` (a char boundary), with its byte length.
#[inline]
fn terminator_at(bytes: &[u8], p: usize, end: usize) -> Option<(usize, Term)> {
    match bytes[p] {
        b'.' => Some((1, Term::Dot)),
        b'!' | b'?' => Some((1, Term::Strong)),
        0xE2 if p + 2 < end && bytes[p + 1] == 0x80 && bytes[p + 2] == 0xA6 => {
            Some((3, Term::Ellipsis))
        }
        // U+3002 IDEOGRAPHIC FULL STOP
        0xE3 if p + 2 < end && bytes[p + 1] == 0x80 && bytes[p + 2] == 0x82 => Some((3, Term::Cjk)),
        // U+FF01 FULLWIDTH EXCLAMATION MARK, U+FF1F FULLWIDTH QUESTION MARK
        0xEF if p + 2 < end && bytes[p + 1] == 0xBC && matches!(bytes[p + 2], 0x81 | 0x9F) => {
            Some((3, Term::Cjk))
        }
        _ => None,
    }
}

/// The char starting at byte `p` (a char boundary, `p < text.len()`).
#[inline]
fn char_at(text: &str, p: usize) -> char {
    text[p..].chars().next().unwrap_or('\0')
}

/// First byte at or after `p` (up to `end`) that is not whitespace.
#[inline]
fn skip_ws(text: &str, mut p: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while p < end {
        let b = bytes[p];
        if b < 0x80 {
            if b.is_ascii_whitespace() || b == 0x0B {
                p += 1;
                continue;
            }
            break;
        }
        let c = char_at(text, p);
        if !c.is_whitespace() {
            break;
        }
        p += c.len_utf8();
    }
    p
}

/// Decides whether the terminator run starting at `i` ends a sentence.
///
/// Returns where to resume scanning and, for a boundary, `(sentence end, next sentence
/// start)`.
fn at_terminator(text: &str, end: usize, sent: usize, i: usize) -> (usize, Option<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut j = i;
    let (mut dots, mut strong, mut ellipsis, mut cjk) = (0usize, false, false, false);
    while j < end {
        match terminator_at(bytes, j, end) {
            Some((len, kind)) => {
                match kind {
                    Term::Dot => dots += 1,
                    Term::Strong => strong = true,
                    Term::Ellipsis => ellipsis = true,
                    Term::Cjk => cjk = true,
                }
                j += len;
            }
            None => break,
        }
    }
    let mut closed = false;
    while j < end {
        let c = char_at(text, j);
        if !is_closer(c) {
            break;
        }
        closed = true;
        j += c.len_utf8();
    }
    let sent_end = j;
    if j >= end {
        return (j, None);
    }

    if cjk {
        let k = skip_ws(text, j, end);
        if k >= end {
            return (k, None);
        }
        // 「行きます。」と言った: a closed quotation continued by a kana particle.
        if closed && k == j && is_hiragana(char_at(text, k)) {
            return (j, None);
        }
        return (k, Some((sent_end, k)));
    }

    if !char_at(text, j).is_whitespace() {
        return (j, None);
    }
    let k = skip_ws(text, j, end);
    if k >= end {
        return (j, None);
    }
    if !can_start_sentence(char_at(text, k)) {
        return (j, None);
    }
    if strong || ellipsis || dots > 1 {
        return (k, Some((sent_end, k)));
    }

    // A lone dot: look at the word it ends.
    let tok_start = token_start(text, sent, i);
    let token = &text[tok_start..i];
    let at_sentence_start = text[sent..tok_start].trim().is_empty();
    if at_sentence_start && is_enumerator(token) {
        return (j, None);
    }
    let is_boundary = match classify(token) {
        Abbrev::Plain => true,
        Abbrev::Never => false,
        Abbrev::Heuristic => starter_follows(text, k, end),
    };
    if is_boundary {
        (k, Some((sent_end, k)))
    } else {
        (j, None)
    }
}

/// Start of the word (alphanumerics and dots) that ends at byte `i`, not before
/// `floor`. A word longer than 32 bytes is cut short, which makes it plain.
fn token_start(text: &str, floor: usize, i: usize) -> usize {
    let mut lo = i.saturating_sub(32).max(floor);
    while lo < i && !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut p = i;
    for (idx, c) in text[lo..i].char_indices().rev() {
        if c.is_alphanumeric() || c == '.' {
            p = lo + idx;
        } else {
            break;
        }
    }
    p
}

/// How a word followed by a single `.` affects a boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    /// Not an abbreviation: the dot ends the sentence.
    Plain,
    /// Title or prefix: the sentence always continues.
    Never,
    /// Ends the sentence only if a sentence-opening word follows.
    Heuristic,
}

fn classify(token: &str) -> Abbrev {
    let mut chars = token.chars();
    let first = match chars.next() {
        Some(c) => c,
        None => return Abbrev::Plain,
    };
    if chars.next().is_none() {
        // Single-letter initial (`W.`), or a lowercase one such as `p.` (page).
        return if first.is_alphabetic() {
            Abbrev::Heuristic
        } else {
            Abbrev::Plain
        };
    }
    if token.len() > 10 || !token.is_ascii() {
        return if token.contains('.') && is_acronym(token) {
            Abbrev::Heuristic
        } else {
            Abbrev::Plain
        };
    }
    let mut buf = [0u8; 10];
    let lower = &mut buf[..token.len()];
    lower.copy_from_slice(token.as_bytes());
    lower.make_ascii_lowercase();
    let capital = first.is_ascii_uppercase();
    match &*lower {
        // Latin-script shorthand that never ends a sentence, any case.
        b"e.g" | b"i.e" | b"vs" | b"cf" | b"viz" | b"approx" | b"ca" | b"pp" | b"bzw" | b"vgl"
        | b"z.b" | b"d.h" | b"u.a" | b"incl" | b"resp" => Abbrev::Never,
        // Titles and prefixes: only when capitalised (`no.` is a word, `No. 10` is not).
        b"mr" | b"mrs" | b"ms" | b"mx" | b"messrs" | b"mmes" | b"dr" | b"drs" | b"prof"
        | b"profs" | b"gen" | b"gens" | b"sen" | b"sens" | b"rep" | b"reps" | b"gov" | b"govs"
        | b"lt" | b"col" | b"sgt" | b"capt" | b"cpl" | b"pvt" | b"maj" | b"adm" | b"brig"
        | b"cmdr" | b"cdr" | b"rev" | b"hon" | b"pres" | b"supt" | b"det" | b"insp" | b"atty"
        | b"fr" | b"no" | b"nos" | b"nr" | b"fig" | b"figs" | b"vol" | b"vols" | b"mme"
        | b"mlle" | b"sra" | b"srta" | b"hr" | b"fa" => {
            if capital {
                Abbrev::Never
            } else {
                Abbrev::Plain
            }
        }
        // Usually mid-sentence, sometimes sentence-final.
        b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept"
        | b"oct" | b"nov" | b"dec" | b"inc" | b"corp" | b"ltd" | b"co" | b"jr" | b"sr"
        | b"bros" | b"st" | b"mt" | b"ft" | b"ave" | b"blvd" | b"esq" | b"dept" | b"univ"
        | b"a.m" | b"p.m" => Abbrev::Heuristic,
        _ => {
            if token.contains('.') && is_acronym(token) {
                Abbrev::Heuristic
            } else {
                Abbrev::Plain
            }
        }
    }
}

/// `U.S`, `E.U`, `Ph.D`: dot-separated segments of one or two letters each.
fn is_acronym(token: &str) -> bool {
    token.split('.').all(|seg| {
        let mut n = 0;
        for c in seg.chars() {
            if !c.is_alphabetic() {
                return false;
            }
            n += 1;
        }
        (1..=2).contains(&n)
    })
}

/// A list marker standing alone at the start of a sentence: `1.`, `12.`, `IV.`.
fn is_enumerator(token: &str) -> bool {
    let b = token.as_bytes();
    !b.is_empty()
        && b.len() <= 4
        && (b.iter().all(u8::is_ascii_digit)
            || b.iter()
                .all(|c| matches!(c, b'I' | b'V' | b'X' | b'L' | b'C')))
}

/// After an abbreviation: does the text at `k` look like the start of a new sentence?
fn starter_follows(text: &str, k: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    if matches!(char_at(text, k), '“' | '"' | '„' | '«' | '»') {
        return true;
    }
    let mut p = k;
    while p < end && bytes[p].is_ascii_alphabetic() {
        p += 1;
    }
    if p == k {
        return false;
    }
    if p < end {
        let b = bytes[p];
        // `All-Star`, `Théâtre`: a longer word than the one in the list.
        if b == b'-' || (b >= 0x80 && char_at(text, p).is_alphanumeric()) || b.is_ascii_digit() {
            return false;
        }
        // Another initial (`J. K. Rowling`, `Nelson A. Rockefeller`).
        if p - k == 1 && b == b'.' {
            return false;
        }
    }
    is_sentence_opener(&bytes[k..p])
}

/// Capitalised function words that commonly open an English news sentence and rarely
/// follow an abbreviation inside a name or title.
fn is_sentence_opener(word: &[u8]) -> bool {
    matches!(
        word,
        b"A" | b"An"
            | b"The"
            | b"This"
            | b"That"
            | b"These"
            | b"Those"
            | b"There"
            | b"Then"
            | b"Thus"
            | b"Therefore"
            | b"He"
            | b"She"
            | b"It"
            | b"Its"
            | b"They"
            | b"We"
            | b"I"
            | b"You"
            | b"His"
            | b"Her"
            | b"Their"
            | b"Our"
            | b"My"
            | b"Your"
            | b"But"
            | b"And"
            | b"Or"
            | b"So"
            | b"Yet"
            | b"Nor"
            | b"In"
            | b"On"
            | b"At"
            | b"For"
            | b"From"
            | b"With"
            | b"Without"
            | b"By"
            | b"To"
            | b"As"
            | b"If"
            | b"When"
            | b"While"
            | b"After"
            | b"Before"
            | b"During"
            | b"Since"
            | b"Until"
            | b"Because"
            | b"Although"
            | b"Though"
            | b"However"
            | b"Meanwhile"
            | b"Moreover"
            | b"Furthermore"
            | b"Nevertheless"
            | b"Also"
            | b"Still"
            | b"Now"
            | b"Today"
            | b"Yesterday"
            | b"Tomorrow"
            | b"Last"
            | b"Next"
            | b"Some"
            | b"Many"
            | b"Most"
            | b"Several"
            | b"Both"
            | b"Each"
            | b"Every"
            | b"Such"
            | b"What"
            | b"Why"
            | b"How"
            | b"Who"
            | b"Where"
            | b"Which"
            | b"Whether"
            | b"One"
            | b"Not"
            | b"Neither"
            | b"Either"
            | b"According"
            | b"Despite"
            | b"Earlier"
            | b"Later"
            | b"Instead"
            | b"Indeed"
            | b"Even"
            | b"Only"
            | b"Here"
            | b"Mr"
            | b"Mrs"
            | b"Ms"
    )
}

/// Can `c`, after a terminator and whitespace, begin a new sentence?
#[inline]
fn can_start_sentence(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\'' | '(' | '[' | '{' | '$');
    }
    is_opener(c)
        || matches!(c, '£' | '€' | '¥')
        || c.is_numeric()
        || (c.is_alphabetic() && !c.is_lowercase())
}

/// Opening quotes and brackets (straight quotes are handled by the caller).
#[inline]
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '„'
            | '‚'
            | '”'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
            | '【'
            | '《'
            | '〈'
            | '〔'
    )
}

/// Closing quotes and brackets that may follow a terminator.
#[inline]
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '”'
            | '’'
            | '»'
            | '«'
            | '›'
            | '‹'
            | '」'
            | '』'
            | '）'
            | '】'
            | '》'
            | '〉'
            | '〕'
    )
}

#[inline]
fn is_hiragana(c: char) -> bool {
    ('\u{3040}'..='\u{309F}').contains(&c)
}

/// Han ideographs and kana: one word per character.
#[inline]
fn is_cjk_word_char(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{31F0}'..='\u{31FF}' // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{FF66}'..='\u{FF9D}' // Halfwidth Katakana
        | '\u{20000}'..='\u{3134F}' // Extensions B–G
    )
}

/// Combining diacritical marks (decomposed accents stay inside their word).
#[inline]
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200D}'
    )
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    /// Splits with one block per blank-line-separated paragraph and returns the texts.
    fn split(text: &str) -> Vec<&str> {
        let blocks = paragraphs(text);
        split_sentences(text, &blocks)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    fn paragraphs(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        while let Some(pos) = text[start..].find("\n\n") {
            out.push(start..start + pos);
            start += pos + 2;
        }
        out.push(start..text.len());
        out
    }

    fn assert_one(text: &str) {
        assert_eq!(split(text), vec![text], "expected one sentence: {text:?}");
    }

    #[test]
    fn basic_terminators() {
        assert_eq!(split("He left. She stayed."), ["He left.", "She stayed."]);
        assert_eq!(
            split("Stop! Go now? Yes… Maybe so. 2019 was hard."),
            ["Stop!", "Go now?", "Yes…", "Maybe so.", "2019 was hard."]
        );
        assert_eq!(
            split("Really?! Yes. (It was.) [Sic] \"Quoted\" ‘single’"),
            ["Really?!", "Yes.", "(It was.)", "[Sic] \"Quoted\" ‘single’"]
        );
        assert_eq!(
            split("No split.here and.There"),
            ["No split.here and.There"]
        );
        assert_eq!(split("Lower. case follows."), ["Lower. case follows."]);
        assert_eq!(
            split("Cost rose. $5 million was spent."),
            ["Cost rose.", "$5 million was spent."]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_the_sentence() {
        assert_eq!(
            split("He said “go.” Then he left."),
            ["He said “go.”", "Then he left."]
        );
        assert_eq!(
            split("He said \"go.\" Then he left."),
            ["He said \"go.\"", "Then he left."]
        );
        assert_eq!(
            split("She asked ‘why?’ Nobody knew."),
            ["She asked ‘why?’", "Nobody knew."]
        );
        assert_eq!(
            split("It ended (as planned.) The end."),
            ["It ended (as planned.)", "The end."]
        );
    }

    #[test]
    fn quotations() {
        assert_one("“Chairman Kim asked me,” Putin said.");
        assert_one("“Is it true?” he asked.");
        assert_one("“Stop!” shouted the guard.");
        assert_eq!(
            split("He paused, then he said. “We will go.” Nobody moved."),
            ["He paused, then he said.", "“We will go.”", "Nobody moved."]
        );
        assert_eq!(
            split("Then he said: «Nous partirons.» Il partit."),
            ["Then he said: «Nous partirons.»", "Il partit."]
        );
    }

    #[test]
    fn titles_never_end_a_sentence() {
        for abbr in [
            "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.",
            "Sgt.", "Capt.", "No.", "vs.",
        ] {
            let text = format!("We met {abbr} Smith at noon. It rained.");
            let first = format!("We met {abbr} Smith at noon.");
            assert_eq!(split(&text), [first.as_str(), "It rained."], "{abbr}");
            // Even before a word that usually opens sentences.
            let text = format!("We met {abbr} The Rock today.");
            assert_one(&text);
        }
        assert_one("Try fruit, e.g. Apples and pears, or cheese, i.e. Brie.");
        assert_one("It is No. 10 Downing Street.");
        // Lowercase `no.` is a word.
        assert_eq!(split("He said no. The end."), ["He said no.", "The end."]);
    }

    #[test]
    fn acronyms_before_names_stay_whole() {
        assert_one("The U.S. President Donald Trump met the U.N. Security Council.");
        assert_one("The U.K. Prime Minister met E.U. Commission officials.");
        assert_one("The U.S. Under Secretary of State spoke.");
        assert_one("A U.S. All-Star team won.");
        assert_one("The Japan-U.S. summit and U.S.-North Korean relations.");
        assert_one("He holds a Ph.D. Degree in physics.");
    }

    #[test]
    fn acronyms_end_sentences_before_function_words() {
        assert_eq!(
            split("He lives in the U.S. The president said so."),
            ["He lives in the U.S.", "The president said so."]
        );
        assert_eq!(
            split("They met at the U.N. But nothing changed."),
            ["They met at the U.N.", "But nothing changed."]
        );
        assert_eq!(
            split("He went to the U.K. “It was cold,” he said."),
            ["He went to the U.K.", "“It was cold,” he said."]
        );
        assert_eq!(
            split("Ties with the U.S. Mr. Kim said no more."),
            ["Ties with the U.S.", "Mr. Kim said no more."]
        );
    }

    #[test]
    fn months_times_companies() {
        assert_one("On Jan. 5 and Sept. 30 and Dec. 1 they met.");
        assert_one("It starts Feb. 14 at 10 a.m. Eastern Time.");
        assert_eq!(
            split("It ended at 5 p.m. The crowd left."),
            ["It ended at 5 p.m.", "The crowd left."]
        );
        assert_eq!(
            split("He came in May. The weather was fine."),
            ["He came in May.", "The weather was fine."]
        );
        assert_one("Apple Inc. Chief Executive Tim Cook and Samsung Electronics Co. Ltd. agreed.");
        assert_eq!(
            split("He bought shares of Apple Inc. The company declined to comment."),
            [
                "He bought shares of Apple Inc.",
                "The company declined to comment."
            ]
        );
        assert_one("Martin Luther King Jr. Day and St. Louis and Acme Corp. Chairman Bob.");
    }

    #[test]
    fn etc_mid_sentence_and_final() {
        assert_one("Apples, pears, etc. and more.");
        assert_one("Apples, pears, etc., are fruit (tea, etc.) too.");
        assert_eq!(
            split("Apples, pears, etc. The list goes on."),
            ["Apples, pears, etc.", "The list goes on."]
        );
    }

    #[test]
    fn initials() {
        assert_one("George W. Bush labeled North Korea.");
        assert_one("J. K. Rowling and J. R. R. Tolkien wrote books.");
        assert_one("Nelson A. Rockefeller and Malcolm X. Smith met.");
        assert_eq!(
            split("They chose Plan B. The rest failed."),
            ["They chose Plan B.", "The rest failed."]
        );
    }

    #[test]
    fn numbers_urls_emails() {
        assert_one("It rose 3.5 percent to 1.000.000 units, or 2,000.50 dollars.");
        assert_eq!(
            split("It happened in 2019. The year was bad."),
            ["It happened in 2019.", "The year was bad."]
        );
        assert_one("Visit example.com or write to info@Example.org for News.");
        assert_eq!(
            split("Visit www.example.com. Then call."),
            ["Visit www.example.com.", "Then call."]
        );
    }

    #[test]
    fn ellipsis() {
        assert_one("He waited… and waited... then left.");
        assert_eq!(
            split("He waited... Then he left. Again… Nothing."),
            ["He waited...", "Then he left.", "Again…", "Nothing."]
        );
        assert_one("He said . . . and stopped.");
    }

    #[test]
    fn enumerators_do_not_form_sentences() {
        assert_eq!(
            split("1. Introduction of rules. 2. More rules."),
            ["1. Introduction of rules.", "2. More rules."]
        );
        assert_one("IV. Results are in.");
    }

    #[test]
    fn cjk_full_stops() {
        assert_eq!(
            split("今日は晴れです。明日は雨です！本当？はい。"),
            ["今日は晴れです。", "明日は雨です！", "本当？", "はい。"]
        );
        assert_eq!(
            split("他说：“我们走。”然后离开了。"),
            ["他说：“我们走。”", "然后离开了。"]
        );
        assert_one("「行きます。」と彼は言った。");
        assert_eq!(split("终于。 Then English."), ["终于。", "Then English."]);
    }

    #[test]
    fn other_european_languages() {
        assert_eq!(
            split("Der Zug kam spät. Étienne wartete z.B. Stunden. ¿Qué pasa? ¡Nada!"),
            [
                "Der Zug kam spät.",
                "Étienne wartete z.B. Stunden.",
                "¿Qué pasa?",
                "¡Nada!"
            ]
        );
        assert_eq!(
            split("Он ушёл. Она осталась."),
            ["Он ушёл.", "Она осталась."]
        );
    }

    #[test]
    fn seed_article_sentences() {
        let text = "North Korean leader Kim Jong Un, chairman of the Workers’ Party of Korea, met with Russian President Vladimir Putin for the first time on April 25 in Vladivostok, Russia.\n\n“Chairman Kim Jong Un asked me to inform the U.S. side of his position on denuclearization,” Putin said at a press conference after the meeting. And he revealed his intention to talk with U.S. leaders.\n\nKim Jong Un has been actively holding summit meetings with U.S. President Donald Trump, Chinese President Xi Jinping and South Korean President Moon Jae-in. Of the countries that participated in the six-party talks which dealt with the problem of North Korea’s nuclear materials and missiles, it is only Japan that has yet to take part in a summit meeting with Kim Jong Un.\n\nIn September 2002, then Prime Minister Junichiro Koizumi visited North Korea, meeting with then leader Kim Jong Il. This was the first ever Japan-North Korea summit meeting, and it happened at a time when U.S.-North Korea relations were at their worst, after U.S. President George W. Bush labeled North Korea as part of “the axis of evil.”\n\nPrime Minister Shinzo Abe has repeatedly expressed his desire to talk directly with a North Korean leader, with a view of resolving issues such as the abductions of Japanese nationals. He declared the same intention during the Japan-U.S. summit meeting on April 26, where Trump promised him thorough cooperation on the issue.";
        assert_eq!(
            split(text),
            [
                "North Korean leader Kim Jong Un, chairman of the Workers’ Party of Korea, met with Russian President Vladimir Putin for the first time on April 25 in Vladivostok, Russia.",
                "“Chairman Kim Jong Un asked me to inform the U.S. side of his position on denuclearization,” Putin said at a press conference after the meeting.",
                "And he revealed his intention to talk with U.S. leaders.",
                "Kim Jong Un has been actively holding summit meetings with U.S. President Donald Trump, Chinese President Xi Jinping and South Korean President Moon Jae-in.",
                "Of the countries that participated in the six-party talks which dealt with the problem of North Korea’s nuclear materials and missiles, it is only Japan that has yet to take part in a summit meeting with Kim Jong Un.",
                "In September 2002, then Prime Minister Junichiro Koizumi visited North Korea, meeting with then leader Kim Jong Il.",
                "This was the first ever Japan-North Korea summit meeting, and it happened at a time when U.S.-North Korea relations were at their worst, after U.S. President George W. Bush labeled North Korea as part of “the axis of evil.”",
                "Prime Minister Shinzo Abe has repeatedly expressed his desire to talk directly with a North Korean leader, with a view of resolving issues such as the abductions of Japanese nationals.",
                "He declared the same intention during the Japan-U.S. summit meeting on April 26, where Trump promised him thorough cooperation on the issue.",
            ]
        );
        assert_one("Kim Jong Un has been actively holding summit meetings with U.S. President Donald Trump, Chinese President Xi Jinping and South Korean President Moon Jae-in.");
    }

    #[test]
    fn blocks_are_hard_limits() {
        let text = "Heading without stop\nBody starts here. It ends";
        let blocks = [0..20, 21..text.len()];
        let got: Vec<&str> = split_sentences(text, &blocks)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            ["Heading without stop", "Body starts here.", "It ends"]
        );

        // A block boundary in the middle of a sentence cuts it.
        let text = "One sentence split by blocks.";
        let got: Vec<&str> = split_sentences(text, &[0..12, 12..text.len()])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["One sentence", "split by blocks."]);

        // Text outside every block is not segmented.
        let got = split_sentences("Skip me. Keep me.", &[9..17]);
        assert_eq!(got, [9..17]);
    }

    #[test]
    fn blank_lines_and_missing_blocks() {
        let text = "First paragraph\n\nSecond one. Third sentence.";
        assert_eq!(split_sentences(text, &[]), [0..15, 17..28, 29..text.len()]);
        assert_eq!(split_sentences(text, &[0..text.len()]).len(), 3);
        // A single newline is not a break (hard-wrapped text).
        assert_eq!(split_sentences("one line\nwrapped here.", &[]).len(), 1);
    }

    #[test]
    fn bad_blocks_are_clamped_or_skipped() {
        assert!(split_sentences("", &[]).is_empty());
        assert!(split_sentences("", &[0..10]).is_empty());
        assert!(split_sentences("   \n\n  ", &[]).is_empty());
        let text = "Élan. Über.";
        // Not on char boundaries (inside `É`), reversed, empty, far out of range.
        #[allow(clippy::reversed_empty_ranges)]
        let blocks = [1..100, 5..2, 3..3, 200..300, usize::MAX - 1..usize::MAX];
        let got = split_sentences(text, &blocks);
        assert_eq!(got, [2..6, 7..text.len()]);
        assert_eq!(&text[2..6], "lan.");
        // Overlapping and unordered blocks: output stays ordered and disjoint.
        let text = "Alpha one. Beta two. Gamma three.";
        let got = split_sentences(text, &[11..text.len(), 0..20, 0..5]);
        assert_eq!(got, [0..10, 11..20, 21..text.len()]);
    }

    #[test]
    fn word_counts() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  ,.;—  "), 0);
        assert_eq!(word_count("Hello, world!"), 2);
        assert_eq!(word_count("Don’t stop — it's Moon Jae-in's co-op."), 6);
        assert_eq!(word_count("rock -- roll - and 'quoted' words-"), 5);
        assert_eq!(word_count("It rose 3.5% to 1,000,000 units."), 6);
        assert_eq!(word_count("The U.S. and the U.N. met at 5 p.m. today."), 10);
        assert_eq!(word_count("end.Start"), 2);
        assert_eq!(word_count("東京都に行きます"), 8);
        assert_eq!(word_count("Tokyo（東京）"), 3);
        assert_eq!(word_count("한국어 문장입니다"), 2);
        assert_eq!(word_count("Cafe\u{301} crème brûlée"), 3);
        assert_eq!(word_count("Straße Ελλάδα Россия 2019"), 4);
    }

    /// xorshift64*: tiny deterministic generator for the property test.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0 = x;
            x.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const PIECES: &[&str] = &[
        "a",
        "The",
        " ",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\u{a0}",
        ".",
        ".",
        "!",
        "?",
        "…",
        "...",
        "U.S.",
        "Mr.",
        "e.g.",
        "W.",
        "3.5",
        "1.",
        "“",
        "”",
        "\"",
        "'",
        "’",
        "(",
        ")",
        "。",
        "！",
        "？",
        "「",
        "」",
        "と",
        "é",
        "e\u{301}",
        "😀",
        "東京",
        "word",
        "Inc.",
        "Jan.",
        "etc.",
        "example.com",
        "-",
        "—",
        "\r\n",
        "Ω",
        "\u{200b}",
        "\u{feff}",
        "ǅ",
        "İ",
        "ß",
        "$",
        "\u{0}",
        "\u{10FFFF}",
        "ａ",
        "．",
    ];

    fn random_text(rng: &mut Rng) -> String {
        let n = rng.below(60);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
        s
    }

    fn check_invariants(text: &str, blocks: &[Range<usize>], got: &[Range<usize>]) {
        let effective: Vec<Range<usize>> = if blocks.is_empty() {
            vec![0..text.len()]
        } else {
            blocks.to_vec()
        };
        let mut prev_end = 0;
        for r in got {
            assert!(r.start < r.end, "empty {r:?} in {text:?}");
            assert!(r.end <= text.len(), "out of range {r:?} in {text:?}");
            assert!(prev_end <= r.start, "overlap/order {r:?} in {text:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            assert_eq!(s, s.trim(), "untrimmed {r:?} in {text:?}");
            assert!(
                effective
                    .iter()
                    .any(|b| b.start <= r.start && r.end <= b.end),
                "{r:?} outside blocks {blocks:?} in {text:?}"
            );
            prev_end = r.end;
        }
    }

    #[test]
    fn property_ranges_are_valid_on_garbled_input() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let text = random_text(&mut rng);
            let len = text.len();
            let mut blocks = Vec::new();
            match rng.below(4) {
                0 => {}
                1 => blocks = paragraphs(&text),
                _ => {
                    for _ in 0..rng.below(5) {
                        let a = rng.below(len + 8);
                        let b = rng.below(len + 8);
                        blocks.push(a..b);
                    }
                }
            }
            let got = split_sentences(&text, &blocks);
            check_invariants(&text, &blocks, &got);
            // With no blocks, every non-whitespace char is in some sentence.
            if blocks.is_empty() {
                let covered: usize = got.iter().map(|r| r.len()).sum();
                let gaps = text.len() - covered;
                let ws: usize = text
                    .chars()
                    .filter(|c| c.is_whitespace())
                    .map(char::len_utf8)
                    .sum();
                assert!(gaps <= ws, "non-whitespace dropped in {text:?}");
            }
            let _ = word_count(&text);
        }
    }

    #[test]
    fn property_random_bytes_lossy() {
        let mut rng = Rng(42);
        for _ in 0..5_000 {
            let n = rng.below(80);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let blocks = [
                0..rng.below(text.len() + 3),
                rng.below(text.len() + 3)..text.len(),
            ];
            let got = split_sentences(&text, &blocks);
            check_invariants(&text, &blocks, &got);
            let _ = word_count(&text);
        }
    }

    #[test]
    fn throughput_report() {
        let seed = "“Chairman Kim Jong Un asked me to inform the U.S. side of his position on denuclearization,” Putin said at a press conference after the meeting. And he revealed his intention to talk with U.S. leaders.\n\nKim Jong Un has been actively holding summit meetings with U.S. President Donald Trump, Chinese President Xi Jinping and South Korean President Moon Jae-in. Of the countries that participated in the six-party talks, it is only Japan that has yet to take part in a summit meeting with Kim Jong Un. In September 2002, then Prime Minister Junichiro Koizumi visited North Korea, after U.S. President George W. Bush labeled North Korea as part of “the axis of evil.” Abe has also been sending repeated signals to bring North Korea to the bargaining table on April 26 at 10 a.m. in 2019.\n\n";
        let mut text = String::new();
        while text.len() < 4 << 20 {
            text.push_str(seed);
        }
        let blocks = paragraphs(&text);
        let t = std::time::Instant::now();
        let mut n = 0;
        let rounds = 3;
        for _ in 0..rounds {
            n = split_sentences(&text, &blocks).len();
        }
        let secs = t.elapsed().as_secs_f64() / rounds as f64;
        let t = std::time::Instant::now();
        let words = word_count(&text);
        let wsecs = t.elapsed().as_secs_f64();
        let mb = text.len() as f64 / 1e6;
        eprintln!(
            "split_sentences: {mb:.1} MB, {n} sentences, {:.0} MB/s; word_count: {words} words, {:.0} MB/s",
            mb / secs,
            mb / wsecs
        );
        assert!(n >= blocks.len());
    }
}
