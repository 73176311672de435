//! Language stage: which language the main text is written in.
//!
//! Identification uses `whatlang` (trigram profiles per script; well kept, pure Rust)
//! on the title and the first 2 KiB of the main text; the result is an ISO 639-1 code.
//! A language declared by the producer or the page (`<html lang>`) is used when the
//! detector is unsure or the text is too short to judge.

use super::document::Document;

/// Stage name, as used in timings, warnings and metrics.
pub const STAGE: &str = "language";

/// Warning code of a detection that is not reliable.
const UNCERTAIN: &str = "language_uncertain";

/// Bytes of main text looked at: enough for a reliable trigram profile, bounded cost.
const SAMPLE_BYTES: usize = 2048;

/// Sets [`Document::language`] and [`Document::language_confidence`].
pub fn run(doc: &mut Document) {
    let mut end = doc.text.len().min(SAMPLE_BYTES);
    while !doc.text.is_char_boundary(end) {
        end -= 1;
    }
    let title = doc.metadata.title.as_deref().unwrap_or("");
    let sample = format!("{title}\n{}", &doc.text[..end]);
    let detected = whatlang::detect(&sample).and_then(|info| {
        iso639_1(info.lang().code()).map(|c| (c, info.confidence(), info.is_reliable()))
    });
    let declared = doc
        .input
        .language
        .as_deref()
        .or(doc.metadata.declared_language.as_deref())
        .and_then(primary_subtag);
    match (detected, declared) {
        (Some((code, conf, true)), _) => set(doc, code, conf),
        (_, Some(code)) => {
            doc.language = Some(code);
            doc.language_confidence = 0.5;
        }
        (Some((code, conf, false)), None) => {
            // a short English text is often a poor trigram match (`The mayor said
            // café.` reads as Welsh); its function words settle it
            let code = if mostly_english(&sample) { "en" } else { code };
            set(doc, code, conf);
            doc.warn(
                STAGE,
                UNCERTAIN,
                "language detection is not reliable on this text",
            );
        }
        (None, None) => {
            doc.warn(STAGE, "language_unknown", "no language could be identified");
        }
    }
}

/// The language of a document that is not English, when this stage was sure of it
/// (identified reliably, or declared by the producer or the page) and the text does not
/// read as English prose all the same ([`mostly_english`]); `None` otherwise.
pub fn surely_not_english(doc: &Document) -> Option<&str> {
    let lang = doc.language.as_deref()?;
    let unsure = doc.warnings.iter().any(|w| w.code == UNCERTAIN);
    (lang != "en" && !unsure && !mostly_english(&doc.text)).then_some(lang)
}

/// Whether English function words make up 5 % or more of the words of the text's
/// first 8 KiB. English prose runs at 20–30 %, German and French near 0 %: a check
/// against the identifier calling a page German that quotes German at length but is
/// written in English.
fn mostly_english(text: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "the", "of", "and", "to", "is", "that", "for", "with", "said", "he", "it", "as", "at",
        "by", "from", "his", "her", "are", "were", "has", "have", "this", "which",
    ];
    let mut end = text.len().min(8 << 10);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut words, mut hits) = (0usize, 0usize);
    for w in text[..end]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if w.len() <= 5 && FUNCTION_WORDS.contains(&w.to_lowercase().as_str()) {
            hits += 1;
        }
    }
    words > 0 && hits * 20 >= words
}

fn set(doc: &mut Document, code: &str, conf: f64) {
    doc.language = Some(code.to_string());
    doc.language_confidence = conf;
}

/// `en-GB` → `en`; rejects anything that is not a 2–3 letter primary subtag.
fn primary_subtag(tag: &str) -> Option<String> {
    let p = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase())).then_some(p)
}

/// ISO 639-3 (as `whatlang` reports it) to ISO 639-1.
fn iso639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with(text: &str) -> Document {
        Document {
            text: text.to_string(),
            ..Default::default()
        }
    }

    #[test]
    fn detects_english_and_german() {
        let mut d = doc_with("Prime Minister Shinzo Abe has repeatedly expressed his desire to talk directly with a North Korean leader, with a view of resolving issues such as the abductions of Japanese nationals.");
        run(&mut d);
        assert_eq!(d.language.as_deref(), Some("en"));
        let mut d = doc_with("Die Bundesregierung hat am Mittwoch beschlossen, die Hilfen für die betroffenen Unternehmen bis zum Ende des Jahres zu verlängern, wie ein Sprecher mitteilte.");
        run(&mut d);
        assert_eq!(d.language.as_deref(), Some("de"));
    }

    #[test]
    fn a_short_english_text_the_detector_is_unsure_of_is_english() {
        let mut d = doc_with("The mayor said café.");
        run(&mut d);
        assert_eq!(d.language.as_deref(), Some("en"));
        assert!(d.warnings.iter().any(|w| w.code == UNCERTAIN));
        // a short text in another language keeps the detector's guess
        let mut d = doc_with("Der Bürgermeister sagte Café.");
        run(&mut d);
        assert_ne!(d.language.as_deref(), Some("en"));
    }

    #[test]
    fn falls_back_to_declared_language_on_short_text() {
        let mut d = doc_with("OK");
        d.metadata.declared_language = Some("fr-FR".into());
        run(&mut d);
        assert_eq!(d.language.as_deref(), Some("fr"));
    }
}
