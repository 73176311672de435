//! Publication dates written out in page text: `05.11.2021`, `5. November 2021`,
//! `November 5, 2021`, `le 5 novembre 2021`, `5 de noviembre de 2021`, `2021-11-05`,
//! and where on the page to look for them (date and byline elements near the headline).

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use chrono::{Datelike, NaiveDate, Utc};
use regex::Regex;

/// Month names and abbreviations (English, German, French, Spanish, Italian, Dutch,
/// Portuguese, Danish/Norwegian/Swedish), lowercase, without trailing dots.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("gennaio", 1),
    ("gen", 1),
    ("januari", 1),
    ("janeiro", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("feber", 2),
    ("février", 2),
    ("févr", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("março", 3),
    ("marts", 3),
    ("mrz", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mei", 5),
    ("maio", 5),
    ("maj", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("set", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("out", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

static MONTH_INDEX: LazyLock<HashMap<&'static str, u32>> =
    LazyLock::new(|| MONTHS.iter().copied().collect());

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names.join("|")
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:19|20)\d{2})[-/](\d{1,2})[-/](\d{1,2})(?-u:\b)").expect("valid regex")
});
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2}|\d{2})(?-u:\b)")
        .expect("valid regex")
});
static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})(?-u:\b)").expect("valid regex")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:\.|er|st|nd|rd|th|º)?\s+(?:de\s+)?({})\.?,?\s+(?:de\s+|del\s+)?((?:19|20)\d{{2}})(?-u:\b)",
        month_alternation()
    ))
    .expect("valid regex")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})(?-u:\b)",
        month_alternation()
    ))
    .expect("valid regex")
});

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).filter(|d| d.year() >= 1990)
}

fn year_of(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    if s.len() == 2 {
        let this = Utc::now().year() % 100;
        Some(if y <= this { 2000 + y } else { 1900 + y })
    } else {
        Some(y)
    }
}

fn month_of(s: &str) -> Option<u32> {
    MONTH_INDEX.get(s.to_lowercase().as_str()).copied()
}

/// The first calendar date written in `s`, with its byte offset.
pub(super) fn first_date(s: &str) -> Option<(usize, NaiveDate)> {
    let mut best: Option<(usize, NaiveDate)> = None;
    let mut consider = |pos: usize, d: Option<NaiveDate>| {
        if let Some(d) = d {
            if best.is_none_or(|(p, _)| pos < p) {
                best = Some((pos, d));
            }
        }
    };
    let num = |s: &str| s.parse::<u32>().ok();
    if let Some(c) = ISO.captures(s) {
        let d = (|| ymd(c[1].parse().ok()?, num(&c[2])?, num(&c[3])?))();
        consider(c.get(0).map_or(0, |m| m.start()), d);
    }
    if let Some(c) = DOTTED.captures(s) {
        let d = (|| ymd(year_of(&c[3])?, num(&c[2])?, num(&c[1])?))();
        consider(c.get(0).map_or(0, |m| m.start()), d);
    }
    if let Some(c) = SLASHED.captures(s) {
        let d = (|| {
            let (a, b, y) = (num(&c[1])?, num(&c[2])?, c[3].parse().ok()?);
            // Day first (most of the world) unless that cannot be a date.
            if b > 12 {
                ymd(y, a, b)
            } else {
                ymd(y, b, a)
            }
        })();
        consider(c.get(0).map_or(0, |m| m.start()), d);
    }
    if let Some(c) = DAY_MONTH.captures(s) {
        let d = (|| ymd(c[3].parse().ok()?, month_of(&c[2])?, num(&c[1])?))();
        consider(c.get(0).map_or(0, |m| m.start()), d);
    }
    if let Some(c) = MONTH_DAY.captures(s) {
        let d = (|| ymd(c[3].parse().ok()?, month_of(&c[1])?, num(&c[2])?))();
        consider(c.get(0).map_or(0, |m| m.start()), d);
    }
    best
}

/// Whether a class or id names a date, time or byline element.
pub(super) fn is_date_class(class_id: &str) -> bool {
    /// The words, any of which may occur anywhere in the class or id; one automaton
    /// scans the string once instead of once per word (this runs on every element).
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new([
            "date",
            "datum",
            "time",
            "publish",
            "posted",
            "byline",
            "meta",
            "fecha",
            "entry-info",
            "post-info",
            "article-info",
            "dateline",
            "created",
            "zeit",
        ])
        .expect("a fixed list of literal words builds an automaton")
    });
    !class_id.is_empty() && WORDS.is_match(class_id)
}

/// Whether a class or id names comments or reader contributions, whose dates are never
/// the article's.
pub(super) fn is_comment_class(class_id: &str) -> bool {
    class_id
        .split_whitespace()
        // WordPress names a post's taxonomy in its classes (`category-kommentar`, an
        // opinion column; `tag-comments`): they say what the post is about
        .filter(|c| {
            !["category-", "tag-", "post_tag-", "cat-"]
                .iter()
                .any(|p| c.starts_with(p))
        })
        .flat_map(|c| c.split(['-', '_']))
        .any(|t| {
            t.starts_with("comment")
                || t.starts_with("kommentar")
                || t.starts_with("reply")
                || t == "replies"
                || t == "respond"
                || t == "disqus"
                || t == "forum"
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        first_date(s).map(|(_, d)| d.to_string())
    }

    #[test]
    fn comment_classes_but_not_a_posts_category() {
        assert!(is_comment_class("comment-list"));
        assert!(is_comment_class("article-kommentare"));
        assert!(!is_comment_class(
            "post-229125 post type-post status-publish category-kommentar tag-comments"
        ));
    }

    #[test]
    fn numeric_and_written_dates_in_many_languages() {
        assert_eq!(d("Erstellt am: 01.11.2023").as_deref(), Some("2023-11-01"));
        assert_eq!(
            d("5. November 2021, 10:39 Uhr").as_deref(),
            Some("2021-11-05")
        );
        assert_eq!(d("Published March 3, 2020").as_deref(), Some("2020-03-03"));
        assert_eq!(d("le 12 décembre 2019").as_deref(), Some("2019-12-12"));
        assert_eq!(d("3 de mayo de 2022").as_deref(), Some("2022-05-03"));
        assert_eq!(d("Updated May 06, 2019").as_deref(), Some("2019-05-06"));
        assert_eq!(d("on 2019-04-25 at noon").as_deref(), Some("2019-04-25"));
        assert_eq!(d("25/12/2020").as_deref(), Some("2020-12-25"));
        assert_eq!(d("12/25/2020").as_deref(), Some("2020-12-25"));
        assert_eq!(d("version 3.2 of 12 apples"), None);
    }

    #[test]
    fn first_of_several_dates_wins() {
        assert_eq!(
            d("12. Januar 2022, aktualisiert am 14.01.2022").as_deref(),
            Some("2022-01-12")
        );
    }
}
