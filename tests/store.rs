//! One behaviour suite for every `Store` backend: the embedded SQLite file and the real
//! PostgreSQL server on 127.0.0.1:5432 (trust auth; a fresh database per run, dropped
//! afterwards). A missing PostgreSQL fails the test loudly.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use newsextract::proto::{timestamp, v1};
use newsextract::service::store::{
    self, Cursor, QuotationQuery, SearchQuery, Store, TopEntitiesQuery, UpsertOutcome,
};
use sqlx::Connection;

const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn ts(y: i32, m: u32, d: u32) -> Option<pbjson_types::Timestamp> {
    Some(timestamp(&Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()))
}

/// A synthetic article: `n` picks the content; `rev` the extraction time (revision).
fn article(id: &str, n: u32, rev: i64) -> v1::Article {
    let (text, source, lang) = match n % 3 {
        0 => (
            "The prime minister met the president in Osaka to discuss trade tariffs.",
            "example.com",
            "en",
        ),
        1 => (
            "Die Bundesregierung beschloss neue Hilfen für Unternehmen in Berlin.",
            "beispiel.de",
            "de",
        ),
        _ => (
            "Central bank raises interest rates as inflation climbs in Frankfurt.",
            "example.com",
            "en",
        ),
    };
    let speaker_entity = v1::Entity {
        id: "e1".into(),
        canonical_name: "Shinzo Abe".into(),
        r#type: v1::EntityType::Person as i32,
        aliases: vec!["Abe".into()],
        mentions: vec![v1::Mention::default(), v1::Mention::default()],
        ..Default::default()
    };
    let place = v1::Entity {
        id: "e2".into(),
        canonical_name: if n % 3 == 1 {
            "Berlin".into()
        } else {
            "Osaka".into()
        },
        r#type: v1::EntityType::Gpe as i32,
        mentions: vec![v1::Mention::default()],
        ..Default::default()
    };
    v1::Article {
        id: id.into(),
        url: format!("https://{source}/{id}"),
        title: format!("Article {id}"),
        text: text.into(),
        language: lang.into(),
        source: Some(v1::Source {
            name: "Example News".into(),
            domain: source.into(),
        }),
        published_at: ts(2019, 4, 1 + (n % 28)),
        extracted_at: Some(pbjson_types::Timestamp {
            seconds: 1_700_000_000 + rev,
            nanos: 0,
        }),
        entities: vec![speaker_entity, place],
        quotations: vec![
            v1::Quotation {
                text: format!("We will talk about trade number {n}"),
                speaker: Some(v1::Speaker {
                    name: "Abe".into(),
                    entity_id: "e1".into(),
                    ..Default::default()
                }),
                kind: v1::QuotationKind::Direct as i32,
                ..Default::default()
            },
            v1::Quotation {
                text: format!("Talks on the Velázquez loan #{n} are over"),
                kind: v1::QuotationKind::Indirect as i32,
                ..Default::default()
            },
        ],
        temporal_expressions: vec![v1::TemporalExpression {
            value: if n % 2 == 0 {
                "2002-09".into()
            } else {
                "2019-06-20".into()
            },
            r#type: v1::TimexType::Date as i32,
            ..Default::default()
        }],
        ..Default::default()
    }
}

async fn suite(s: Arc<dyn Store>) {
    let mut feed = s.subscribe();
    // Insert, update, stale.
    assert_eq!(
        s.upsert(&article("a0", 0, 10)).await.unwrap(),
        UpsertOutcome::Inserted
    );
    let changed = tokio::time::timeout(Duration::from_secs(5), feed.recv())
        .await
        .expect("change feed")
        .unwrap();
    assert_eq!(changed.id, "a0");
    let mut newer = article("a0", 0, 20);
    newer.title = "Newer".into();
    assert_eq!(s.upsert(&newer).await.unwrap(), UpsertOutcome::Updated);
    let mut older = article("a0", 0, 15);
    older.title = "Older".into();
    assert_eq!(s.upsert(&older).await.unwrap(), UpsertOutcome::Stale);
    assert_eq!(s.get("a0").await.unwrap().unwrap().title, "Newer");
    assert!(s.get("missing").await.unwrap().is_none());

    // Concurrent revisions of one id: the newest wins, one row.
    let mut tasks = Vec::new();
    for rev in [31, 35, 33, 32, 34] {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            let mut a = article("race", 2, rev);
            a.title = format!("rev {rev}");
            s.upsert(&a).await.unwrap()
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(s.get("race").await.unwrap().unwrap().title, "rev 35");

    for n in 1..30u32 {
        s.upsert(&article(&format!("a{n}"), n, 10)).await.unwrap();
    }
    assert_eq!(s.count().await.unwrap(), 31);

    // Full text and filters.
    let q = |f: &dyn Fn(&mut SearchQuery)| {
        let mut q = SearchQuery {
            page_size: 100,
            ..Default::default()
        };
        f(&mut q);
        q
    };
    let ids =
        |p: &store::Page<v1::Article>| p.items.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    let r = s
        .search(&q(&|q| q.text = Some("interest rates".into())))
        .await
        .unwrap();
    assert_eq!(r.items.len(), 11, "{:?}", ids(&r)); // n % 3 == 2 for n in 0..30, plus "race"
    let r = s
        .search(&q(&|q| q.text = Some("\"rates interest\"".into())))
        .await
        .unwrap();
    assert!(r.items.is_empty(), "phrase order matters");
    let r = s
        .search(&q(&|q| q.text = Some("Bundesregierung OR* \"".into())))
        .await
        .unwrap();
    assert!(r.items.is_empty(), "operators are words, all required");
    let r = s
        .search(&q(&|q| q.text = Some("Bundesregierung".into())))
        .await
        .unwrap();
    assert_eq!(r.items.len(), 10);
    let r = s
        .search(&q(&|q| q.language = Some("DE".into())))
        .await
        .unwrap();
    assert_eq!(r.items.len(), 10);
    let r = s
        .search(&q(&|q| q.source = Some("beispiel.de".into())))
        .await
        .unwrap();
    assert_eq!(r.items.len(), 10);
    let r = s
        .search(&q(&|q| q.source = Some("example news".into())))
        .await
        .unwrap();
    assert_eq!(r.items.len(), 31);
    let r = s
        .search(&q(&|q| {
            q.published_after = Some(Utc.with_ymd_and_hms(2019, 4, 11, 0, 0, 0).unwrap());
            q.published_before = Some(Utc.with_ymd_and_hms(2019, 4, 12, 0, 0, 0).unwrap());
        }))
        .await
        .unwrap();
    assert_eq!(ids(&r), ["a10"], "published on April 11 only");
    let r = s
        .search(&q(&|q| q.entity = Some("berlin".into())))
        .await
        .unwrap();
    assert_eq!(r.items.len(), 10);
    let r = s
        .search(&q(&|q| q.entity = Some("Abe".into())))
        .await
        .unwrap();
    assert_eq!(r.items.len(), 31, "aliases find the entity");
    let r = s
        .search(&q(&|q| {
            q.entity = Some("Abe".into());
            q.entity_type = Some(v1::EntityType::Gpe as i32);
        }))
        .await
        .unwrap();
    assert!(r.items.is_empty());
    let r = s
        .search(&q(&|q| q.speaker = Some("shinzo abe".into())))
        .await
        .unwrap();
    assert_eq!(r.items.len(), 31);
    let r = s
        .search(&q(&|q| {
            q.mentioned_after = Some(Utc.with_ymd_and_hms(2002, 1, 1, 0, 0, 0).unwrap());
            q.mentioned_before = Some(Utc.with_ymd_and_hms(2003, 1, 1, 0, 0, 0).unwrap());
        }))
        .await
        .unwrap();
    assert_eq!(r.items.len(), 16, "articles that mention September 2002");

    // Pagination: stable while newer articles arrive.
    let mut seen = Vec::new();
    let mut cursor: Option<Cursor> = None;
    let mut pages = 0;
    loop {
        let page = s
            .search(&SearchQuery {
                page_size: 7,
                cursor: cursor.clone(),
                ..Default::default()
            })
            .await
            .unwrap();
        seen.extend(ids(&page));
        pages += 1;
        if pages == 2 {
            // A new, newest article appears between pages: it is not in this listing.
            let mut late = article("late", 0, 99);
            late.published_at = ts(2030, 1, 1);
            s.upsert(&late).await.unwrap();
        }
        match page.next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len(), 31, "no duplicates, no gaps");
    let unique: std::collections::BTreeSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), 31);
    assert!(!seen.contains(&"late".to_string()));

    // Quotations.
    let page = s
        .list_quotations(&QuotationQuery {
            speaker: Some("Abe".into()),
            page_size: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.items.len(), 10);
    assert!(page.items.iter().all(|h| h
        .quotation
        .as_ref()
        .is_some_and(|q| q.text.starts_with("We will talk"))));
    let mut all = page.items.len();
    let mut next = page.next;
    while let Some(c) = next {
        let p = s
            .list_quotations(&QuotationQuery {
                speaker: Some("Abe".into()),
                page_size: 10,
                cursor: Some(c),
                ..Default::default()
            })
            .await
            .unwrap();
        all += p.items.len();
        next = p.next;
    }
    assert_eq!(all, 32, "every quotation once, across pages");
    let page = s
        .list_quotations(&QuotationQuery {
            text: Some("number 17".into()),
            page_size: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].article_id, "a17");
    // Whole words in any case, with or without a speaker: `numb` is no word of
    // `number`, and `VELÁZQUEZ LOAN 5` finds the speakerless quotation of a5 only.
    let count = |text: &str| {
        let s = s.clone();
        let text = text.to_string();
        async move {
            s.list_quotations(&QuotationQuery {
                text: Some(text),
                page_size: 100,
                ..Default::default()
            })
            .await
            .unwrap()
            .items
        }
    };
    assert!(count("numb").await.is_empty());
    assert_eq!(count("NUMBER").await.len(), 32);
    let hits = count("VELÁZQUEZ LOAN 5").await;
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].article_id, "a5");
    assert_eq!(count("\"loan 5 are\"").await.len(), 1);

    // Top entities in a window, by type.
    let top = s
        .top_entities(&TopEntitiesQuery {
            after: Some(Utc.with_ymd_and_hms(2019, 1, 1, 0, 0, 0).unwrap()),
            before: Some(Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap()),
            entity_type: None,
            limit: 3,
        })
        .await
        .unwrap();
    assert_eq!(top[0].canonical_name, "Shinzo Abe");
    assert_eq!(top[0].articles, 31);
    assert_eq!(top[0].mentions, 62);
    assert_eq!(top[1].canonical_name, "Osaka");
    let top = s
        .top_entities(&TopEntitiesQuery {
            entity_type: Some(v1::EntityType::Gpe as i32),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let names: Vec<&str> = top.iter().map(|e| e.canonical_name.as_str()).collect();
    assert_eq!(names, ["Osaka", "Berlin"]);

    s.ping().await.unwrap();
}

#[tokio::test]
async fn sqlite_store_behaviour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/store.sqlite");
    let s = store::open(path.to_str().unwrap()).await.unwrap();
    suite(s).await;
    // Reopening runs no migration twice and keeps the data.
    let s = store::open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(s.count().await.unwrap(), 32);
}

#[tokio::test]
async fn postgres_store_behaviour() {
    let db = format!(
        "newsextract_test_{}_{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or(0)
    );
    let mut admin = sqlx::PgConnection::connect(PG_ADMIN)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL is required at 127.0.0.1:5432 for this test: {e}"));
    sqlx::query(&format!("CREATE DATABASE \"{db}\""))
        .execute(&mut admin)
        .await
        .unwrap();
    let url = format!("postgres://postgres@127.0.0.1:5432/{db}");
    {
        let s = store::open(&url).await.expect("postgres store opens");
        suite(s).await;
        // A second replica on the same database: migrations are idempotent and it sees
        // the first replica's articles through the change feed.
        let a = store::open(&url).await.unwrap();
        let b = store::open(&url).await.unwrap();
        assert_eq!(b.count().await.unwrap(), 32);
        let mut feed = b.subscribe();
        a.upsert(&article("cross-replica", 1, 50)).await.unwrap();
        let seen = tokio::time::timeout(Duration::from_secs(10), feed.recv())
            .await
            .expect("notification from the other replica")
            .unwrap();
        assert_eq!(seen.id, "cross-replica");
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    sqlx::query(&format!("DROP DATABASE \"{db}\" WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
}
