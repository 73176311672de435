//! The reference article (`tests/fixtures/seed_japan_news.txt`, a plain-text scrape of
//! The Japan News) through the whole pipeline, checked against what users expect of it
//! (`../shared/seed/README.md`).

use newsextract::pipeline::{self, Body, Pipeline, RawInput};
use newsextract::proto::{self, v1};

fn seed_article() -> v1::Article {
    let text = include_str!("fixtures/seed_japan_news.txt");
    let doc = Pipeline::new()
        .extract(RawInput {
            body: Body::TextBytes(text.as_bytes().to_vec()),
            ..Default::default()
        })
        .expect("seed extracts");
    let id = pipeline::article_id(&doc);
    proto::article(&doc, id, chrono::Utc::now())
}

fn span_text<'a>(a: &'a v1::Article, s: &Option<v1::Span>) -> &'a str {
    let s = s.as_ref().expect("span");
    &a.text[s.start as usize..s.end as usize]
}

#[test]
fn title_series_installment_headline() {
    let a = seed_article();
    assert_eq!(
        a.title,
        "Abe’s diplomacy for Osaka G20 (2) / A time to be patient for dialogue with North Korea"
    );
    assert_eq!(a.series, "Abe’s diplomacy for Osaka G20");
    assert_eq!(a.installment, 2);
    assert_eq!(
        a.headline,
        "A time to be patient for dialogue with North Korea"
    );
    assert_eq!(a.language, "en");
    assert_eq!(a.input_kind, v1::InputKind::PlainText as i32);
}

#[test]
fn boilerplate_is_gone() {
    let a = seed_article();
    for junk in [
        "print PRINT",
        "• Ambassador",
        "• Ukraine",
        "COVID-19",
        "Trending Japan",
    ] {
        assert!(!a.text.contains(junk), "{junk:?} left in the text");
    }
    assert!(
        a.text.ends_with("nor large-scale economic cooperation."),
        "{}",
        &a.text[a.text.len() - 80..]
    );
}

#[test]
fn editor_note_main_story_and_sidebar() {
    let a = seed_article();
    let kind = |k: v1::BlockKind| k as i32;
    let notes: Vec<&v1::Block> = a
        .blocks
        .iter()
        .filter(|b| b.kind == kind(v1::BlockKind::EditorNote))
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        span_text(&a, &notes[0].span),
        "This is the second installment in this series."
    );
    let main = a
        .blocks
        .iter()
        .filter(|b| b.section == 0 && b.kind == kind(v1::BlockKind::Paragraph))
        .count();
    assert_eq!(main, 21);
    let sidebar: Vec<&v1::Block> = a
        .blocks
        .iter()
        .filter(|b| b.kind == kind(v1::BlockKind::Sidebar))
        .collect();
    assert_eq!(sidebar.len(), 1);
    let sb = sidebar[0];
    assert_eq!(sb.heading, "Environment created for starting talks");
    assert_eq!(sb.byline.len(), 1);
    assert_eq!(sb.byline[0].name, "Hajime Izumi");
    assert_eq!(sb.byline[0].role, "Professor");
    assert_eq!(sb.byline[0].affiliation, "Tokyo International University");
    let side = a
        .blocks
        .iter()
        .filter(|b| b.section == sb.section && b.kind == kind(v1::BlockKind::Paragraph))
        .count();
    assert_eq!(side, 3);
    // Blocks tile the text: in order, separated by blank lines, on char boundaries.
    let mut end = 0;
    for b in &a.blocks {
        let s = b.span.as_ref().unwrap();
        assert!(s.start as usize >= end && s.end > s.start);
        assert!(
            a.text.is_char_boundary(s.start as usize) && a.text.is_char_boundary(s.end as usize)
        );
        end = s.end as usize;
    }
}

#[test]
fn sentences_do_not_break_at_abbreviations() {
    let a = seed_article();
    let sentences: Vec<&str> = a.sentences.iter().map(|s| span_text(&a, &s.span)).collect();
    assert!(sentences
        .iter()
        .any(|s| s.contains("U.S. President Donald Trump")));
    assert!(!sentences.iter().any(|s| s.ends_with("U.S.")));
}

#[test]
fn dates_resolve_in_the_inferred_year() {
    let a = seed_article();
    let r = a.reference_date.as_ref().expect("reference date");
    assert_eq!(r.value, "2019");
    assert_eq!(r.source, v1::DateSource::Inferred as i32);
    assert!(r.evidence.contains("2019 Diplomatic Bluebook"));
    assert_eq!(a.date_source, v1::DateSource::Inferred as i32);
    assert_eq!(a.date_precision, v1::DatePrecision::Year as i32);
    let values: Vec<(&str, &str)> = a
        .temporal_expressions
        .iter()
        .map(|t| (span_text(&a, &t.span), t.value.as_str()))
        .collect();
    for expected in [
        ("April 25", "2019-04-25"),
        ("April 26", "2019-04-26"),
        ("April 18", "2019-04-18"),
        ("March", "2019-03"),
        ("February", "2019-02"),
        ("June", "2019-06"),
        ("this summer", "2019-SU"),
        ("September 2002", "2002-09"),
    ] {
        assert!(values.contains(&expected), "{expected:?} not in {values:?}");
    }
}

#[test]
fn every_direct_quotation_has_its_speaker() {
    let a = seed_article();
    let direct: Vec<(&str, &str)> = a
        .quotations
        .iter()
        .filter(|q| q.kind == v1::QuotationKind::Direct as i32)
        .map(|q| {
            (
                q.text.as_str(),
                q.speaker.as_ref().map_or("", |s| s.name.as_str()),
            )
        })
        .collect();
    let expect = [
        ("Chairman Kim Jong Un asked me", "Vladimir Putin"),
        ("I myself will face up", "Shinzo Abe"),
        (
            "We have no intention",
            "Association of the Families of Victims Kidnapped by North Korea",
        ),
        (
            "North Korea does not look responsive",
            "the Japanese government",
        ),
        ("Japan can never steer clear", "Korean Central News Agency"),
        ("Pyongyang is ready for a dialogue", "Kim Jong Il"),
        ("North Korea will eventually seek", "government officials"),
    ];
    assert_eq!(direct.len(), expect.len(), "{direct:#?}");
    for (content, speaker) in expect {
        assert!(
            direct
                .iter()
                .any(|(t, s)| t.contains(content) && s.contains(speaker)),
            "{content:?} by {speaker:?} not in {direct:#?}"
        );
    }
    // Quotation spans point into the text and carry the quoted words.
    for q in &a.quotations {
        for s in &q.content {
            assert!(
                a.text.is_char_boundary(s.start as usize)
                    && a.text.is_char_boundary(s.end as usize)
            );
        }
    }
}

#[test]
fn people_and_organisations_are_found_and_merged() {
    let a = seed_article();
    let find = |name: &str| a.entities.iter().find(|e| e.canonical_name == name);
    let person = v1::EntityType::Person as i32;
    for name in [
        "Shinzo Abe",
        "Kim Jong Un",
        "Kim Jong Il",
        "Vladimir Putin",
        "Donald Trump",
        "Xi Jinping",
        "Moon Jae-in",
        "Taro Kono",
        "Junichiro Koizumi",
        "George W. Bush",
        "Hajime Izumi",
    ] {
        let e = find(name).unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!(e.r#type, person, "{name}");
    }
    assert!(find("Shinzo Abe")
        .unwrap()
        .aliases
        .contains(&"Abe".to_string()));
    assert!(!find("Kim Jong Un")
        .unwrap()
        .aliases
        .iter()
        .any(|x| x == "Kim Jong Il"));
    let putin = find("Vladimir Putin").unwrap();
    assert!(putin
        .roles
        .iter()
        .any(|r| r.title == "President" && r.affiliation == "Russia"));
    assert!(find("Junichiro Koizumi")
        .unwrap()
        .roles
        .iter()
        .any(|r| r.title == "Prime Minister" && r.former));
    let org = v1::EntityType::Org as i32;
    for name in [
        "Workers’ Party of Korea",
        "Korean Central News Agency",
        "U.N. Human Rights Council",
        "Association of the Families of Victims Kidnapped by North Korea",
        "National Association for the Rescue of Japanese Kidnapped by North Korea",
        "Group of 20",
        "Group of Seven",
    ] {
        assert_eq!(find(name).map(|e| e.r#type), Some(org), "{name}");
    }
    for junk in [
        "Ambassador",
        "Ukraine",
        "COVID-19",
        "Trending Japan",
        "PRINT",
    ] {
        assert!(find(junk).is_none(), "{junk} became an entity");
    }
    // Quotation speakers resolve to entities.
    let kcna = find("Korean Central News Agency").unwrap();
    assert!(a
        .quotations
        .iter()
        .any(|q| q.speaker.as_ref().is_some_and(|s| s.entity_id == kcna.id)));
}
