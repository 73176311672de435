//! Tests of the entity stage, including the reference article expectations.

// Inputs are deliberately odd: reversed and single whole-text sentence ranges.
#![allow(clippy::reversed_empty_ranges, clippy::single_range_in_vec_init)]

use super::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/ner");
        Model::load(&dir).expect("models/ner/ner.bin.gz loads")
    })
}

/// The reference article as the cleanup stage leaves it: without `print PRINT`, the
/// title line and the trailing navigation bullets.
fn seed() -> (String, String) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed_japan_news.txt");
    let raw = std::fs::read_to_string(p).expect("seed fixture");
    let mut lines: Vec<&str> = raw.lines().collect();
    while lines
        .last()
        .is_some_and(|l| l.trim().is_empty() || l.trim_start().starts_with('•'))
    {
        lines.pop();
    }
    let mut it = lines
        .into_iter()
        .skip_while(|l| l.trim().is_empty() || l.trim() == "print PRINT");
    let title = it.next().unwrap_or("").to_string();
    let body: Vec<&str> = it.collect();
    (title, body.join("\n").trim().to_string())
}

fn paragraphs_as_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        if i > start {
            out.push(start..i);
        }
        start = i + 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    // split paragraphs roughly at ". " followed by a capital, good enough for the test
    let mut res = Vec::new();
    for r in out {
        let p = &text[r.clone()];
        let mut s = 0;
        let b = p.as_bytes();
        for i in 0..b.len().saturating_sub(2) {
            if (b[i] == b'.' || b[i] == b'?')
                && b[i + 1] == b' '
                && b[i + 2].is_ascii_uppercase()
                && i > s + 3
                && &p[i.saturating_sub(3)..i] != "U.S"
                && &p[i.saturating_sub(3)..i] != "U.N"
            {
                res.push(r.start + s..r.start + i + 1);
                s = i + 2;
            }
        }
        res.push(r.start + s..r.end);
    }
    res
}

fn find<'a>(es: &'a [Entity], name: &str) -> Option<&'a Entity> {
    es.iter().find(|e| e.canonical_name == name)
}

#[test]
fn seed_article_entities() {
    let (title, text) = seed();
    let sents = crate::pipeline::sentences::split_sentences(&text, &[]);
    let _ = paragraphs_as_sentences;
    let es = extract(model(), &text, &sents, Some(&title));
    for e in &es {
        eprintln!(
            "{} {:?} {:?} aliases={:?} roles={:?} sal={} n={} title={} links={:?}",
            e.id,
            e.kind,
            e.canonical_name,
            e.aliases,
            e.roles,
            e.salience,
            e.mentions.len(),
            e.in_title,
            e.links
        );
    }
    let people = [
        "Kim Jong Un",
        "Vladimir Putin",
        "Donald Trump",
        "Xi Jinping",
        "Moon Jae-in",
        "Shinzo Abe",
        "Taro Kono",
        "Junichiro Koizumi",
        "Kim Jong Il",
        "George W. Bush",
        "Hajime Izumi",
    ];
    for p in people {
        let e = find(&es, p).unwrap_or_else(|| panic!("person {p} not found"));
        assert_eq!(e.kind, EntityKind::Person, "{p}");
    }
    let abe = find(&es, "Shinzo Abe").unwrap();
    assert!(
        abe.aliases.iter().any(|a| a == "Abe"),
        "Abe is an alias of Shinzo Abe"
    );
    assert!(abe.in_title, "Abe is in the title");
    assert!(abe.mentions.len() >= 6);
    assert!(abe
        .roles
        .iter()
        .any(|r| r.title == "Prime Minister" && !r.former));
    assert_ne!(
        find(&es, "Kim Jong Un").unwrap().id,
        find(&es, "Kim Jong Il").unwrap().id
    );
    assert!(find(&es, "Junichiro Koizumi")
        .unwrap()
        .aliases
        .iter()
        .any(|a| a == "Koizumi"));
    assert!(find(&es, "George W. Bush")
        .unwrap()
        .aliases
        .iter()
        .any(|a| a == "Bush"));
    assert!(find(&es, "Vladimir Putin")
        .unwrap()
        .aliases
        .iter()
        .any(|a| a == "Putin"));
    assert!(find(&es, "Donald Trump")
        .unwrap()
        .aliases
        .iter()
        .any(|a| a == "Trump"));
    let putin = find(&es, "Vladimir Putin").unwrap();
    assert!(
        putin.roles.contains(&Role {
            title: "President".into(),
            affiliation: Some("Russia".into()),
            former: false
        }),
        "{:?}",
        putin.roles
    );
    let koizumi = find(&es, "Junichiro Koizumi").unwrap();
    assert!(
        koizumi
            .roles
            .iter()
            .any(|r| r.title == "Prime Minister" && r.former),
        "{:?}",
        koizumi.roles
    );
    let izumi = find(&es, "Hajime Izumi").unwrap();
    assert!(
        izumi.roles.iter().any(|r| r.title == "Professor"
            && r.affiliation.as_deref() == Some("Tokyo International University")),
        "{:?}",
        izumi.roles
    );
    let trump = find(&es, "Donald Trump").unwrap();
    assert!(
        trump
            .roles
            .iter()
            .any(|r| r.title == "President" && r.affiliation.as_deref() == Some("United States")),
        "{:?}",
        trump.roles
    );
    let kono = find(&es, "Taro Kono").unwrap();
    assert!(kono.roles.iter().any(|r| r.title == "Foreign Minister"));
    let kim = find(&es, "Kim Jong Un").unwrap();
    assert!(
        kim.roles
            .iter()
            .any(|r| r.title == "Leader" && r.affiliation.as_deref() == Some("North Korea")),
        "{:?}",
        kim.roles
    );
    assert!(
        kim.roles.iter().any(|r| r.title == "Chairman"
            && r.affiliation
                .as_deref()
                .map(|a| a.replace('’', "'"))
                .as_deref()
                == Some("Workers' Party of Korea")),
        "{:?}",
        kim.roles
    );

    let orgs = [
        "Workers' Party of Korea",
        "Korean Central News Agency",
        "U.N. Human Rights Council",
        "Association of the Families of Victims Kidnapped by North Korea",
        "National Association for the Rescue of Japanese Kidnapped by North Korea",
        "Group of 20",
        "Group of Seven",
    ];
    for o in orgs {
        let e = es
            .iter()
            .find(|e| e.canonical_name.replace('’', "'") == o)
            .unwrap_or_else(|| panic!("org {o} not found"));
        assert_eq!(e.kind, EntityKind::Org, "{o}");
    }
    let g20 = find(&es, "Group of 20").unwrap();
    assert!(
        g20.in_title && g20.aliases.iter().any(|a| a == "G20"),
        "{g20:?}"
    );
    let us = find(&es, "United States").unwrap();
    assert_eq!(us.kind, EntityKind::Gpe);
    assert!(us.aliases.iter().any(|a| a == "U.S."));
    assert_eq!(find(&es, "North Korea").unwrap().kind, EntityKind::Gpe);
    assert_eq!(find(&es, "Japan").unwrap().kind, EntityKind::Gpe);
    for bad in ["Ambassador", "Ukraine", "COVID-19", "Trending Japan"] {
        assert!(find(&es, bad).is_none(), "{bad} must not be an entity");
    }
    // spans are valid and point at the names
    for e in &es {
        for m in &e.mentions {
            let s = &text[m.clone()];
            assert!(!s.is_empty());
        }
        assert!((0.0..=1.0).contains(&e.salience));
    }
    // Abe / Kim Jong Un / North Korea are the most salient
    let top: Vec<&str> = es
        .iter()
        .take(4)
        .map(|e| e.canonical_name.as_str())
        .collect();
    assert!(
        top.contains(&"Shinzo Abe") && top.contains(&"North Korea"),
        "{top:?}"
    );
}

#[test]
fn never_panics_on_odd_input() {
    let m = model();
    let mut seed = 0x1234_5678_9abc_def0u64;
    let alphabet: Vec<char> = "aZ .,’'\"-/\n\tÉé漢字🙂U.S.Kim Abe of the\u{301}()[]0123456789"
        .chars()
        .collect();
    for round in 0..300 {
        let n = (round * 7) % 200;
        let mut s = String::new();
        for _ in 0..n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let len = s.len();
        let sents = vec![0..len / 2, len / 3..len + 5, 7..3];
        for es in [extract(m, &s, &sents, Some(&s)), extract(m, &s, &[], None)] {
            for e in es {
                for r in e.mentions {
                    assert!(
                        r.start < r.end
                            && r.end <= s.len()
                            && s.is_char_boundary(r.start)
                            && s.is_char_boundary(r.end)
                    );
                }
            }
        }
    }
    assert!(extract(m, "", &[], Some("")).is_empty());
}

#[test]
fn corrupt_model_is_an_error() {
    assert!(Model::from_bytes(b"").is_err());
    assert!(Model::from_bytes(b"not gzip at all").is_err());
    let bytes = model().to_bytes();
    assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    let mut flipped = bytes.clone();
    let k = flipped.len() / 3;
    flipped[k] ^= 0x55;
    assert!(Model::from_bytes(&flipped).is_err());
    // a valid gzip of garbage
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut enc, b"NXNER\x01\0\0\xff\xff\xff\xff garbage").unwrap();
    assert!(Model::from_bytes(&enc.finish().unwrap()).is_err());
    assert!(Model::load(Path::new("/nonexistent-dir")).is_err());
}

#[test]
fn case_robust_and_types() {
    let m = model();
    let t = "RUSSIAN PRESIDENT VLADIMIR PUTIN MET JAPANESE PRIME MINISTER SHINZO ABE IN TOKYO";
    let es = extract(m, t, &[0..t.len()], None);
    assert!(
        es.iter()
            .any(|e| e.kind == EntityKind::Person
                && e.canonical_name.to_lowercase().contains("putin")),
        "{es:?}"
    );
    let t = "the germans said angela merkel would visit paris on monday.";
    let es = extract(m, t, &[0..t.len()], None);
    assert!(
        es.iter()
            .any(|e| e.kind == EntityKind::Gpe && e.canonical_name.to_lowercase() == "paris")
            || es.iter().any(|e| e.kind == EntityKind::Person),
        "{es:?}"
    );
    let t = "The Americans fought in World War II. U.N. officials met United Nations staff.";
    let es = extract(m, t, &[], None);
    assert!(es.iter().any(|e| e.kind == EntityKind::Norp), "{es:?}");
}

#[test]
fn hyphenated_names_are_one_mention_and_hyphenated_places_two() {
    let m = model();
    let t = "Jean-Claude Juncker met executives of Coca-Cola and Mercedes-Benz in Brussels. \
             The Japan-U.S. talks resumed, and the Franco-German axis held. \
             The American-Arab Discrimination Committee condemned the killing.";
    let es = extract(m, t, &[], None);
    let names: Vec<(&str, EntityKind)> = es
        .iter()
        .map(|e| (e.canonical_name.as_str(), e.kind))
        .collect();
    for (name, kind) in [
        ("Jean-Claude Juncker", EntityKind::Person),
        ("Coca-Cola", EntityKind::Org),
        ("Mercedes-Benz", EntityKind::Org),
        ("Japan", EntityKind::Gpe),
        ("United States", EntityKind::Gpe),
        ("American-Arab Discrimination Committee", EntityKind::Org),
    ] {
        assert!(names.contains(&(name, kind)), "{name}: {names:?}");
    }
    for half in [
        "Jean",
        "Claude Juncker",
        "Coca",
        "Cola",
        "Benz",
        "Franco-German",
    ] {
        assert!(!names.iter().any(|(n, _)| *n == half), "{half}: {names:?}");
    }
}

#[test]
fn a_known_place_ending_in_an_organisation_word_stays_a_place() {
    let t = "Israeli troops entered the West Bank on Monday, and the Deutsche Bank said so.";
    let es = extract(model(), t, &[], None);
    let kind = |n: &str| es.iter().find(|e| e.canonical_name == n).map(|e| e.kind);
    assert!(
        matches!(kind("West Bank"), Some(EntityKind::Gpe | EntityKind::Loc)),
        "{es:?}"
    );
    assert_eq!(kind("Deutsche Bank"), Some(EntityKind::Org), "{es:?}");
}

#[test]
fn only_the_first_tokens_are_tagged_and_the_cut_is_reported() {
    // (a 10 MB message of commas held 3 GB of tagger features)
    let text = "Angela Merkel met Emmanuel Macron in Paris. ".repeat(20);
    let (all, cut) = extract_up_to(model(), &text, &[], None, 1000);
    assert!(!cut);
    let (some, cut) = extract_up_to(model(), &text, &[], None, 20);
    assert!(cut);
    assert!(
        some.iter().any(|e| e.canonical_name == "Angela Merkel"),
        "{some:#?}"
    );
    let last = |es: &[Entity]| {
        es.iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.end))
            .max()
    };
    assert!(last(&some) < last(&all), "{some:#?}");
    assert!(last(&some).is_some_and(|e| e <= text.len() / 4));
}

#[test]
fn well_known_organisations_and_lower_case_countries() {
    let m = model();
    let t = "Now, people wonder if Google can even survive. I filed a bug with Mozilla \
             yesterday. We flew from vietnam to france, then ate turkey, and \
             the Google Earth team agreed.";
    let es = extract(m, t, &[], None);
    let kind_of = |name: &str| es.iter().find(|e| e.canonical_name == name).map(|e| e.kind);
    assert_eq!(kind_of("Google"), Some(EntityKind::Org), "{es:?}");
    assert_eq!(kind_of("Mozilla"), Some(EntityKind::Org), "{es:?}");
    assert_eq!(
        kind_of("Vietnam").or(kind_of("vietnam")),
        Some(EntityKind::Gpe),
        "{es:?}"
    );
    assert!(kind_of("France").or(kind_of("france")).is_some(), "{es:?}");
    // a common word that names a country is no mention
    assert_eq!(kind_of("turkey"), None, "{es:?}");
    // a mention that only contains a known name keeps its own bounds
    assert!(
        es.iter().all(
            |e| e.mentions.iter().all(|r| &t[r.clone()] != "Google Earth")
                || e.kind != EntityKind::Org
                || e.canonical_name == "Google Earth"
        ),
        "{es:?}"
    );
}

#[test]
fn known_names_relabel_exact_mentions_and_create_only_unambiguous_ones() {
    let m = model();
    let strs = [
        "Target", "and", "Google", "'s", "Apple", "Google", "Earth", "Mozilla",
    ];
    // tagger spans: Google's as a person, Apple as a person, Google Earth as MISC
    let mut spans = vec![(2, 4, 1), (4, 5, 1), (5, 7, 4)];
    known_names(&strs, 0, strs.len(), &mut spans, m.gazetteer());
    // `Target` is also a common word: never created; `Mozilla` is
    assert_eq!(spans, vec![(2, 4, 2), (4, 5, 2), (5, 7, 4), (7, 8, 2)]);
}

#[test]
fn the_organisation_list_parses_relabel_marks_and_capitals() {
    let orgs = gazetteer::KnownOrgs::parse("# comment\nGoogle\n?Apple\nBank of America\n");
    assert_eq!(orgs.longest_at(&["Google", "can"]), Some((1, false)));
    assert_eq!(orgs.longest_at(&["GOOGLE"]), Some((1, false)));
    assert_eq!(orgs.longest_at(&["google"]), None);
    assert_eq!(orgs.longest_at(&["Apple"]), Some((1, true)));
    assert_eq!(
        orgs.longest_at(&["Bank", "of", "America", "said"]),
        Some((3, false))
    );
    assert_eq!(orgs.longest_at(&["Bank", "of"]), None);
    assert_eq!(orgs.longest_at(&["#"]), None);
    assert_eq!(orgs.longest_at(&[]), None);
}

/// Every mention of every entity of `t`, with its entity's kind.
fn mention_kinds(m: &Model, t: &str) -> Vec<(String, EntityKind)> {
    extract(m, t, &[], None)
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(|r| (t[r.clone()].to_string(), e.kind))
        })
        .collect()
}

/// The text of every mention of every entity of `t`.
fn mention_texts<'t>(m: &Model, t: &'t str) -> Vec<&'t str> {
    extract(m, t, &[], None)
        .iter()
        .flat_map(|e| e.mentions.iter().map(|r| &t[r.clone()]))
        .collect()
}

#[test]
fn mentions_lose_edge_punctuation_and_known_names_absorb_their_parts() {
    let m = model();
    let t = "Are you enjoying Houston? Google is n't even as popular as Yahoo! and AOL. \
             Google will formalize the Google-Mozilla relationship.";
    let surfaces = mention_texts(m, t);
    assert!(surfaces.contains(&"Houston"), "{surfaces:?}");
    assert!(surfaces.contains(&"Yahoo!"), "{surfaces:?}");
    assert!(surfaces.contains(&"Mozilla"), "{surfaces:?}");
    assert!(
        !surfaces
            .iter()
            .any(|s| s.contains('?') || s.contains("-Mozilla")),
        "{surfaces:?}"
    );
}

#[test]
fn title_cased_sentences_lose_mentions_of_ordinary_words_only() {
    let m = model();
    let g = m.gazetteer();
    let words = |s: &'static str| s.split(' ').collect::<Vec<&str>>();
    let review = words("Best Pizzas and Calzones in the City !");
    assert!(title_cased(&review, 0, review.len()));
    assert!(usually_lower(&review, 0, 2, g), "Best Pizzas");
    let results = words("Crystal Palace 2 Bristol City 1");
    assert!(!title_cased(&results, 0, results.len()));
    let prose = words("The mayor of Chicago spoke on Monday");
    assert!(!title_cased(&prose, 0, prose.len()));
    let caps = words("GREAT STORE GREAT SERVICE");
    assert!(!title_cased(&caps, 0, caps.len()));
    let headline = words("Trump Says Clinton Will Lose");
    assert!(title_cased(&headline, 0, headline.len()));
    assert!(!usually_lower(&headline, 0, 1, g), "Trump");
    assert!(!usually_lower(&headline, 2, 3, g), "Clinton");
}

#[test]
fn geographic_heads_join_their_of_names() {
    let strs = [
        "in", "the", "Gulf", "of", "Mexico", "and", "Bank", "of", "America",
    ];
    let mut spans = vec![(2, 3, 3), (4, 5, 3), (6, 9, 2)];
    geographic_of(&strs, 0, strs.len(), &mut spans);
    assert_eq!(spans, vec![(2, 5, 3), (6, 9, 2)]);
    // an untagged head before a capitalised word
    let strs = ["the", "Strait", "of", "Hormuz", "closed"];
    let mut spans = Vec::new();
    geographic_of(&strs, 0, strs.len(), &mut spans);
    assert_eq!(spans, vec![(1, 4, 3)]);
}

#[test]
fn punctuation_only_and_odd_inputs_never_panic() {
    let m = model();
    for t in [
        "' ? ! - .",
        "? Google",
        "Gulf of",
        "Gulf of Mexico",
        "of Gulf of",
        "Yahoo!",
        "‘ ’ “ ” « »",
        "Best Pizzas and Calzones in the City!",
        "vietnam",
        "Google-Mozilla-Yahoo!-",
    ] {
        let es = extract(m, t, &[], None);
        for e in &es {
            for r in &e.mentions {
                assert!(
                    t.get(r.clone())
                        .is_some_and(|s| s.chars().any(char::is_alphanumeric)),
                    "{t:?}: {es:?}"
                );
            }
        }
    }
}

#[test]
fn a_doctor_title_without_a_period_is_no_part_of_the_name() {
    let m = model();
    let t = "We saw Dr Joseph Hodge and Doctor Hank Miller at the clinic yesterday.";
    let surfaces = mention_texts(m, t);
    assert!(surfaces.contains(&"Joseph Hodge"), "{surfaces:?}");
    assert!(surfaces.contains(&"Hank Miller"), "{surfaces:?}");
    assert!(
        !surfaces
            .iter()
            .any(|s| s.starts_with("Dr") || s.starts_with("Doctor")),
        "{surfaces:?}"
    );
}

#[test]
fn lower_case_names_and_ambiguous_known_names_keep_their_readings() {
    let m = model();
    let kinds = |t: &str| -> Vec<(String, EntityKind)> {
        extract(m, t, &[], None)
            .into_iter()
            .map(|e| (e.canonical_name, e.kind))
            .collect()
    };
    // a lower-case name of two words stays whole
    assert_eq!(
        kinds("we flew to new zealand yesterday."),
        [("New Zealand".to_string(), EntityKind::Gpe)]
    );
    // a common word that names a country is no place in lower case
    assert_eq!(kinds("we had some turkey for dinner yesterday."), []);
    // a known organisation's name that is also a place leaves the place alone
    let amazon =
        kinds("Fires are burning across the Amazon rainforest in Brazil, scientists said.");
    assert!(
        !amazon.iter().any(|(_, k)| *k == EntityKind::Org),
        "{amazon:?}"
    );
}

#[test]
fn e_mail_names_initials_and_contracts() {
    let m = model();
    let kinds = |t: &str| mention_kinds(m, t);
    let header = kinds("From: \"Lenhart, Matthew\" <mlenhart@example.com>\nThanks, Matthew");
    assert!(
        header.contains(&("Lenhart, Matthew".to_string(), EntityKind::Person)),
        "{header:?}"
    );
    let initial = kinds("Please call Jeffrey T Hodge tomorrow.");
    assert!(
        initial.contains(&("Jeffrey T Hodge".to_string(), EntityKind::Person)),
        "{initial:?}"
    );
    let contract = kinds(
        "Please forward a copy of the J.M. Huber Corporation Guaranty and the Turbine Contract.",
    );
    assert!(
        contract.contains(&("J.M. Huber Corporation".to_string(), EntityKind::Org)),
        "{contract:?}"
    );
    assert!(
        !contract
            .iter()
            .any(|(s, k)| s.contains("Contract") && *k == EntityKind::Org),
        "{contract:?}"
    );
    let signature = kinds("Traci Warner\nEnron Broadband Services, Inc. Phone (713) 853-3242");
    assert!(
        signature.contains(&(
            "Enron Broadband Services, Inc.".to_string(),
            EntityKind::Org
        )),
        "{signature:?}"
    );
    // an initial that is a word stays out of a name
    let prose = kinds("Yesterday John A Smith said I Love Lucy was on.");
    assert!(
        !prose.iter().any(|(s, _)| s.contains("I Love")),
        "{prose:?}"
    );
}

#[test]
fn places_typed_as_organisations_outside_sports_reports() {
    let g = model().gazetteer();
    let strs = ["the", "US", "assault", "on", "Nice", "Google"];
    let mut spans = vec![(1, 2, 2), (4, 5, 2), (5, 6, 2)];
    places_typed_as_orgs(&strs, &mut spans, g);
    // a country becomes the place; a word usually written in lower case and a listed
    // organisation stay organisations
    assert_eq!(spans, vec![(1, 2, 3), (4, 5, 2), (5, 6, 2)]);
    let results = [
        "Baltimore",
        "4",
        "Toronto",
        "2",
        "Baltimore",
        "beat",
        "Toronto",
    ];
    assert!(sports_like(&results, &[0..4, 4..7]));
    assert!(!sports_like(&strs, &[0..3, 3..6]));
    assert!(!sports_like(&strs, &[]));
}

#[test]
fn storms_are_events_and_arabic_particles_stay_in_names() {
    let m = model();
    let t = "Crude prices rose as Hurricane Rita threatened the Gulf of Mexico. \
             Young Palestinians may look to bin Laden for their cues.";
    let es = extract(m, t, &[], None);
    let of = |name: &str| {
        es.iter()
            .find(|e| e.mentions.iter().any(|r| &t[r.clone()] == name))
            .map(|e| e.kind)
    };
    assert_eq!(of("Hurricane Rita"), Some(EntityKind::Event), "{es:?}");
    assert_eq!(of("bin Laden"), Some(EntityKind::Person), "{es:?}");
}

#[test]
fn a_field_joined_by_and_stays_in_its_organisation() {
    let t = "The money came from the U.S. Department of Housing and Urban Development on Friday.";
    let surfaces = mention_texts(model(), t);
    assert!(
        surfaces.contains(&"U.S. Department of Housing and Urban Development"),
        "{surfaces:?}"
    );
    // a person after `and` is no part of it
    let t = "He met the Ministry of Finance and Prime Minister John Key.";
    let surfaces = mention_texts(model(), t);
    assert!(
        !surfaces.iter().any(|s| s.contains("and Prime")),
        "{surfaces:?}"
    );
}

#[test]
fn planets_named_together_are_no_persons() {
    let m = model();
    let t = "Currently, Mercury and Venus is conjunct and the conjunction is aspected by Rahu.";
    let es = extract(m, t, &[], None);
    assert!(
        es.iter()
            .all(|e| !matches!(e.kind, EntityKind::Person | EntityKind::Org)),
        "{es:?}"
    );
}

#[test]
fn currencies_and_numbered_sections_are_no_organisations() {
    let m = model();
    let t = "Price: 5 Euros for a day. Please change Section 7 of the agreement with Enron.";
    let es = extract(m, t, &[], None);
    let kinds: Vec<(&str, EntityKind)> = es
        .iter()
        .flat_map(|e| e.mentions.iter().map(|r| (&t[r.clone()], e.kind)))
        .collect();
    assert!(!kinds.iter().any(|(s, _)| *s == "Section"), "{kinds:?}");
    assert!(
        kinds
            .iter()
            .all(|(s, k)| *s != "Euros" || *k == EntityKind::Misc),
        "{kinds:?}"
    );
}

#[test]
fn one_name_read_as_misc_once_is_one_referent() {
    let m = model();
    let t = "While there have been spasms of speculation about the Bush administration naming a \
             replacement, no nominee has been declared.\nPresident Bush on Tuesday nominated two \
             individuals.\nBush also nominated a judge.";
    let es = extract(m, t, &[], None);
    let bush: Vec<&Entity> = es.iter().filter(|e| e.canonical_name == "Bush").collect();
    assert_eq!(bush.len(), 1, "{es:?}");
    assert_eq!(bush[0].mentions.len(), 3, "{es:?}");
}

#[test]
fn a_shops_possessive_stays_in_its_name_and_a_persons_does_not() {
    let m = model();
    let surfaces = mention_texts(
        m,
        "We are going to Del Frisco's in Philadelphia for dinner after Clinton's speech.",
    );
    assert!(surfaces.contains(&"Del Frisco's"), "{surfaces:?}");
    assert!(surfaces.contains(&"Clinton"), "{surfaces:?}");
    let strs = ["at", "Wendy", "'s", "?", "Bush", "'s", "policy"];
    let sent_of = [0; 7];
    assert!(possessive_name(&strs, &sent_of, 2));
    assert!(!possessive_name(&strs, &sent_of, 5));
    assert!(!possessive_name(&strs, &sent_of, 3));
    assert!(possessive_name(&strs[..3], &sent_of[..3], 2));
}

#[test]
fn repairs_from_a_bad_input_trial() {
    let m = model();
    let kinds = |t: &str| mention_kinds(m, t);
    let has = |v: &[(String, EntityKind)], s: &str, k: EntityKind| v.contains(&(s.to_string(), k));
    // a storm after a name: no overlapping mentions
    let storm = kinds("Officials saw the Red Cross Hurricane Katrina relief effort.");
    assert!(has(&storm, "Red Cross", EntityKind::Org), "{storm:?}");
    assert!(
        has(&storm, "Hurricane Katrina", EntityKind::Event),
        "{storm:?}"
    );
    // a quoted place in running text is no e-mail display name
    let place = kinds("The sign read \"Paris, France\" in big letters.");
    assert!(!place.iter().any(|(s, _)| s.contains(',')), "{place:?}");
    // the given name before `bin` joins, a determiner before it keeps the noun out
    let osama = kinds("Osama bin Laden had fled.");
    assert!(
        has(&osama, "Osama bin Laden", EntityKind::Person),
        "{osama:?}"
    );
    let bin = kinds("Put it in the bin Smith bought.");
    assert!(!bin.iter().any(|(s, _)| s.contains("bin")), "{bin:?}");
    // one planet is no person; a middle `A` before a surname is an initial
    let mars = kinds("NASA sent a rover to Mars.");
    assert!(
        !mars
            .iter()
            .any(|(s, k)| s == "Mars" && *k == EntityKind::Person),
        "{mars:?}"
    );
    let smith = kinds("John A Smith disagreed.");
    assert!(has(&smith, "John A Smith", EntityKind::Person), "{smith:?}");
    // no megabyte-long names
    let long = "A".repeat(100_000);
    assert!(kinds(&long)
        .iter()
        .all(|(s, _)| s.len() <= MAX_MENTION_BYTES));
}

#[test]
fn a_city_and_its_state_are_two_places() {
    let surfaces = mention_texts(model(), "Miramar California is a bit north of San Diego.");
    assert!(surfaces.contains(&"Miramar"), "{surfaces:?}");
    assert!(surfaces.contains(&"California"), "{surfaces:?}");
    // a place the gazetteer knows whole stays whole
    let surfaces = mention_texts(model(), "He moved to West Virginia last year.");
    assert!(surfaces.contains(&"West Virginia"), "{surfaces:?}");
}
