//! Alias rules that decide whether two mentions name the same referent:
//! surname / given-name short forms of people, acronyms and their expansions
//! (`U.N.` ↔ `United Nations`), `G20` ↔ `Group of 20`, and country aliases through the
//! gazetteer (`U.S.` ↔ `United States`).

/// Words that do not count for acronyms.
const ACRO_SKIP: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "at", "to", "&", "de", "du", "la", "des",
];

/// Name key: lower-case, curly quotes folded, possessive and leading `the` removed,
/// whitespace collapsed.
pub fn key(name: &str) -> String {
    let mut s = name.replace(['’', 'ʼ'], "'").to_lowercase();
    for suf in ["'s", "'"] {
        if s.ends_with(suf) && s.len() > suf.len() + 1 {
            s.truncate(s.len() - suf.len());
        }
    }
    let s = s.trim();
    let s = s.strip_prefix("the ").unwrap_or(s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is `s` an acronym (`UN`, `U.N.`, `NATO`)? Returns its letters, upper-case.
pub fn acronym_letters(s: &str) -> Option<String> {
    let letters: String = s.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    if (2..=7).contains(&n) && letters.chars().all(|c| c.is_ascii_uppercase() || c == '&') {
        Some(letters.replace('&', ""))
    } else {
        None
    }
}

/// Initials of a multi-word name (`United Nations` -> `UN`).
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !ACRO_SKIP.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(|c| c.to_uppercase())
        .collect()
}

/// `acro` (an acronym) abbreviates `long` (two words or more).
pub fn is_acronym_of(acro: &str, long: &str) -> bool {
    match acronym_letters(acro) {
        Some(a) => long.split_whitespace().count() >= 2 && initials(long) == a,
        None => false,
    }
}

fn number_value(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    let words = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = words.iter().position(|x| *x == w) {
        return Some(i as u32);
    }
    w.parse().ok()
}

/// `G20` / `G-20` / `G7` ↔ `Group of 20` / `Group of Seven`.
pub fn group_number(name: &str) -> Option<u32> {
    let n = name.trim();
    if let Some(rest) = n.strip_prefix("Group of ") {
        return number_value(rest.trim());
    }
    let rest = n.strip_prefix('G')?;
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    if !rest.is_empty() && rest.len() <= 2 && rest.chars().all(|c| c.is_ascii_digit()) {
        return rest.parse().ok();
    }
    None
}

/// Words of a person name, without titles and possessives.
pub fn name_words(name: &str) -> Vec<String> {
    key(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_string())
        .collect()
}

/// Whether a (shorter) person mention `short` can be a short form of `full`: it is the
/// surname (last words), the first word(s) (given name, or family name first as in
/// `Xi Jinping` -> `Xi`). Both given as word lists; `short` must be strictly shorter.
pub fn person_short_form(short: &[String], full: &[String]) -> bool {
    if short.is_empty() || short.len() >= full.len() {
        return false;
    }
    full.ends_with(short) || full.starts_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn aliases() {
        assert!(is_acronym_of("U.N.", "United Nations"));
        assert!(is_acronym_of("NATO", "North Atlantic Treaty Organization"));
        assert!(!is_acronym_of("UN", "Union"));
        assert_eq!(group_number("G20"), Some(20));
        assert_eq!(group_number("Group of Seven"), Some(7));
        assert_eq!(group_number("G-7"), Some(7));
        assert_eq!(key("the United States’"), "united states");
        assert_eq!(key("Abe’s"), "abe");
        let full = name_words("Shinzo Abe");
        assert!(person_short_form(&name_words("Abe"), &full));
        assert!(!person_short_form(
            &name_words("Kim Jong Il"),
            &name_words("Kim Jong Un")
        ));
    }
}
