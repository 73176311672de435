//! Tokenisation of running text into CoNLL-like tokens with byte spans.
//!
//! The tagger was trained on CoNLL-2003 tokens (Penn-Treebank-like: punctuation split
//! off, possessive `'s` separate, abbreviations such as `U.S.` and `Mr.` kept whole,
//! hyphenated words kept whole). This tokenizer reproduces that on raw text, except that
//! a hyphen between two capitalised parts (`Japan-U.S.`, `U.S.-North`) is split so that
//! each name can become an entity of its own.

use std::ops::Range;

/// One token: its byte span in the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

/// Combining diacritics, so that decomposed (NFD) text keeps `García` whole: the
/// Combining Diacritical Marks blocks of Unicode (U+0300–036F, U+1AB0–1AFF,
/// U+1DC0–1DFF, U+20D0–20FF, U+FE20–FE2F).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

/// Whether the apostrophe at `chars[i]` opens a possessive `'s` that pre-tokenised text
/// (Penn Treebank style, `Del Frisco 's`) set off by a space: a space before it after a
/// word, and no letter or digit after the `s`.
fn pretokenised_possessive(chars: &[(usize, char)], i: usize) -> bool {
    let before = i >= 2 && chars[i - 1].1 == ' ' && is_word_char(chars[i - 2].1);
    let s = chars.get(i + 1).is_some_and(|x| x.1 == 's' || x.1 == 'S');
    let after = chars.get(i + 2).is_none_or(|x| !x.1.is_alphanumeric());
    before && s && after
}

/// Splits `text[range]` into tokens. Spans are absolute byte offsets into `text`, on char
/// boundaries, non-empty, increasing. Never panics (an out-of-range or non-boundary range
/// is clamped inwards).
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    tokenize_at_most(text, range, usize::MAX)
}

/// The first tokens of [`tokenize`], stopping once there are `max` or more (a caller
/// with a token budget need not split a huge range to throw most of it away).
pub fn tokenize_at_most(text: &str, range: Range<usize>, max: usize) -> Vec<Token> {
    let mut start = range.start.min(text.len());
    let mut end = range.end.min(text.len());
    while start < text.len() && !text.is_char_boundary(start) {
        start += 1;
    }
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = Vec::new();
    if start >= end {
        return out;
    }
    let s = &text[start..end];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let off = |k: usize| if k < n { chars[k].0 } else { s.len() };
    let mut i = 0;
    while i < n && out.len() < max {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let b = i;
        if is_word_char(c) {
            // a word: letters/digits, with inner . , (digits), apostrophes, hyphens, dots
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if is_word_char(cj) {
                    j += 1;
                    continue;
                }
                let next = if j + 1 < n {
                    Some(chars[j + 1].1)
                } else {
                    None
                };
                let prev = chars[j - 1].1;
                if (cj == '.' || cj == ',')
                    && prev.is_ascii_digit()
                    && next.is_some_and(|x| x.is_ascii_digit())
                {
                    j += 1;
                    continue;
                }
                if is_hyphen(cj) && next.is_some_and(is_word_char) {
                    // split a hyphen between two capitalised parts (Japan-U.S.)
                    let nx = next.unwrap_or(' ');
                    let left_cap = chars[b].1.is_uppercase()
                        && !s[off(b)..off(j)].chars().all(|x| x.is_ascii_digit());
                    if left_cap
                        && nx.is_uppercase()
                        && !s[off(b)..off(j)]
                            .chars()
                            .all(|x| x.is_uppercase() || x == '.')
                    {
                        break;
                    }
                    if left_cap && nx.is_uppercase() && s[off(b)..off(j)].contains('.') {
                        break; // U.S.-North
                    }
                    j += 1;
                    continue;
                }
                if is_apos(cj) && next.is_some_and(|x| x.is_alphabetic()) {
                    // don't / O'Brien stay whole; possessive 's and n't split
                    let rest: String = chars[j + 1..].iter().take(3).map(|x| x.1).collect();
                    let rl = rest.to_lowercase();
                    let ends = |w: &str| {
                        rl.starts_with(w)
                            && rl[w.len()..]
                                .chars()
                                .next()
                                .is_none_or(|x| !x.is_alphanumeric())
                    };
                    if ends("s") || ends("re") || ends("ve") || ends("ll") || ends("d") || ends("m")
                    {
                        break;
                    }
                    j += 1;
                    continue;
                }
                if cj == '.' {
                    // abbreviations: U.S. / U.N. / p.m. (single letters separated by dots),
                    // and common titles (Mr. Dr. Jr. St. Inc. Corp. ...)
                    let word = &s[off(b)..off(j)];
                    let single = word.split('.').all(|p| p.chars().count() == 1);
                    if single {
                        j += 1;
                        continue;
                    }
                    if is_abbrev(word) {
                        j += 1;
                        break;
                    }
                }
                break;
            }
            // n't: split "don't" -> "do" "n't"
            let w = &s[off(b)..off(j)];
            let wl = w.to_lowercase();
            if wl.len() > 3 && (wl.ends_with("n't") || wl.ends_with("n’t")) {
                let cut = w.len() - if wl.ends_with("n't") { 3 } else { 5 };
                if w.is_char_boundary(cut) {
                    out.push(Token {
                        span: start + off(b)..start + off(b) + cut,
                    });
                    out.push(Token {
                        span: start + off(b) + cut..start + off(j),
                    });
                    i = j;
                    continue;
                }
            }
            out.push(Token {
                span: start + off(b)..start + off(j),
            });
            i = j;
        } else if is_apos(c)
            && i + 1 < n
            && chars[i + 1].1.is_alphabetic()
            && (i == 0 || is_word_char(chars[i - 1].1) || pretokenised_possessive(&chars, i))
        {
            // clitic: 's 're 've ll d m
            let mut j = i + 1;
            while j < n && chars[j].1.is_alphabetic() && j - i <= 2 {
                j += 1;
            }
            out.push(Token {
                span: start + off(b)..start + off(j),
            });
            i = j;
        } else {
            // punctuation: runs of the same char (..., --) stay together
            let mut j = i + 1;
            while j < n && chars[j].1 == c && (c == '.' || c == '-') {
                j += 1;
            }
            out.push(Token {
                span: start + off(b)..start + off(j),
            });
            i = j;
        }
    }
    out
}

fn is_abbrev(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Jr"
            | "Sr"
            | "St"
            | "Inc"
            | "Corp"
            | "Co"
            | "Ltd"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Capt"
            | "Rep"
            | "Sen"
            | "Gov"
            | "Prof"
            | "Rev"
            | "No"
            | "vs"
            | "Mt"
            | "Ft"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "etc"
            | "Bros"
            | "Adm"
            | "Cmdr"
            | "Maj"
            | "Pres"
            | "Supt"
            | "Messrs"
            | "Mme"
            | "Ave"
            | "Blvd"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    fn toks(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len())
            .into_iter()
            .map(|t| &s[t.span])
            .collect()
    }
    #[test]
    fn basic() {
        assert_eq!(
            toks("North Korea’s leader, Mr. Kim."),
            vec!["North", "Korea", "’s", "leader", ",", "Mr.", "Kim", "."]
        );
        assert_eq!(
            toks("the U.S. side and U.N. Human"),
            vec!["the", "U.S.", "side", "and", "U.N.", "Human"]
        );
        assert_eq!(
            toks("Japan-U.S. summit, U.S.-North Korean"),
            vec!["Japan", "-", "U.S.", "summit", ",", "U.S.", "-", "North", "Korean"]
        );
        assert_eq!(
            toks("Moon Jae-in paid 1,000.5 dollars; don't"),
            vec!["Moon", "Jae-in", "paid", "1,000.5", "dollars", ";", "do", "n't"]
        );
        assert_eq!(
            toks("Workers’ Party COVID-19 “Hi”"),
            vec!["Workers", "’", "Party", "COVID-19", "“", "Hi", "”"]
        );
        // decomposed accents stay inside their word
        assert_eq!(
            toks("Jose\u{301} Garci\u{301}a"),
            vec!["Jose\u{301}", "Garci\u{301}a"]
        );
        // pre-tokenised possessives stay one token; a quoted word does not
        assert_eq!(
            toks("Del Frisco 's in 'sorry' and ' s"),
            vec!["Del", "Frisco", "'s", "in", "'", "sorry", "'", "and", "'", "s"]
        );
    }
    #[test]
    fn never_panics() {
        let s = "é’ü-.-’s ..x\u{301}’";
        for a in 0..=s.len() + 2 {
            for b in 0..=s.len() + 2 {
                for t in tokenize(s, a..b) {
                    assert!(
                        s.is_char_boundary(t.span.start)
                            && s.is_char_boundary(t.span.end)
                            && t.span.start < t.span.end
                    );
                }
            }
        }
    }
}
