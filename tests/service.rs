//! End to end against the real RabbitMQ: publish raw articles in every accepted form,
//! receive the extracted `Article`s from `articles.extracted`, query them over gRPC,
//! and check that bad input is dead-lettered with its reason while the worker keeps
//! consuming. Also checks the HTTP endpoints and the promised metric families.

mod common;

use std::time::Duration;

use common::{header, Names};
use lapin::BasicProperties;
use newsextract::proto::v1;
use prost::Message;
use v1::article_service_client::ArticleServiceClient;

fn props(ct: &str, id: &str) -> BasicProperties {
    BasicProperties::default()
        .with_content_type(ct.into())
        .with_message_id(id.into())
        .with_delivery_mode(2)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn articles_flow_from_raw_to_extracted_store_and_grpc() {
    common::init_logs();
    let names = Names::new("e2e");
    let (_conn, ch) = common::declared(&names).await;

    let svc = common::start_service(&names, |_| {}).await;
    let (running, shutdown) = (svc.running, svc.shutdown);
    let grpc_url = format!("http://{}", running.grpc_addr);
    let http = format!("http://{}", running.metrics_addr);

    // 1. The seed as text/plain, as a JSON envelope, and as protobuf RawArticle.
    let seed = common::seed();
    let mut p = props("text/plain; charset=utf-8", "seed-plain");
    p = p.with_headers(newsextract::service::broker::headers_from([
        (
            "url",
            "https://japannews.yomiuri.co.jp/politics/politics-government/20190501-abe-g20-2/",
        ),
        ("source", "The Japan News"),
    ]));
    common::publish(&ch, &names.raw, seed.as_bytes(), p).await;
    let envelope = serde_json::json!({
        "id": "seed-json",
        "url": "https://japannews.yomiuri.co.jp/seed",
        "maintext": seed,
        "source_domain": "japannews.yomiuri.co.jp",
        "unknown_field": {"ignored": true},
    });
    common::publish(
        &ch,
        &names.raw,
        envelope.to_string().as_bytes(),
        props("application/json", "m-json"),
    )
    .await;
    let raw = v1::RawArticle {
        id: "seed-proto".into(),
        text: seed.into(),
        source: "The Japan News".into(),
        ..Default::default()
    };
    common::publish(
        &ch,
        &names.raw,
        &raw.encode_to_vec(),
        props("application/x-protobuf", "m-proto"),
    )
    .await;
    let mut expected = vec!["seed-plain", "seed-json", "seed-proto"];

    // 2. One real page from the extraction benchmark, gzip-compressed as stored.
    let data = common::shared_data().expect("../shared/data (the shared datasets)");
    let page = data.join("article-extraction-benchmark/html/9da36ae4714bfccc72374c6c146e9d1cd3cca39e2110bd67ccdbcc806f4cf139.html.gz");
    let gz = std::fs::read(&page).expect("benchmark page");
    let p = props("text/html", "bench-page").with_content_encoding("gzip".into());
    common::publish(&ch, &names.raw, &gz, p).await;
    expected.push("bench-page");

    // 3. Bad input: each must be dead-lettered with its code.
    common::publish(
        &ch,
        &names.raw,
        b"{\"text\": ",
        props("application/json", "bad-json"),
    )
    .await;
    common::publish(&ch, &names.raw, b"", props("text/plain", "bad-empty")).await;
    common::publish(&ch, &names.raw, b"GIF89a", props("image/gif", "bad-type")).await;
    let big = vec![b'a'; 3 * 1024 * 1024];
    common::publish(&ch, &names.raw, &big, props("text/plain", "bad-big")).await;
    // 4. A good message after the bad ones: the worker keeps consuming.
    let after = v1::RawArticle {
        id: "after-bad".into(),
        text: "The central bank raised interest rates on Tuesday, its governor said at a news conference in Frankfurt.".into(),
        ..Default::default()
    };
    common::publish(
        &ch,
        &names.raw,
        &after.encode_to_vec(),
        props("application/x-protobuf", "m-after"),
    )
    .await;
    expected.push("after-bad");

    let outputs = common::take(
        &ch,
        &names.out_queue,
        expected.len(),
        Duration::from_secs(90),
    )
    .await;
    let mut got: Vec<String> = Vec::new();
    for m in &outputs {
        let p = &m.delivery.properties;
        assert_eq!(
            p.content_type().as_ref().map(|s| s.as_str()),
            Some("application/x-protobuf")
        );
        assert_eq!(
            p.kind().as_ref().map(|s| s.as_str()),
            Some("newsextract.v1.Article")
        );
        assert_eq!(p.delivery_mode(), &Some(2));
        let a = v1::Article::decode(m.delivery.data.as_slice()).expect("output decodes as Article");
        assert_eq!(
            p.message_id().as_ref().map(|s| s.as_str()),
            Some(a.id.as_str())
        );
        assert!(
            m.delivery.routing_key.as_str().starts_with("article."),
            "{}",
            m.delivery.routing_key
        );
        assert!(!a.text.is_empty());
        assert!(!a.content_sha256.is_empty());
        if a.id.starts_with("seed-") {
            assert_eq!(a.series, "Abe’s diplomacy for Osaka G20");
            assert_eq!(a.installment, 2);
            assert_eq!(
                a.headline,
                "A time to be patient for dialogue with North Korea"
            );
            assert_eq!(a.language, "en");
            assert_eq!(m.delivery.routing_key.as_str(), "article.en");
            assert!(!a.text.contains("print PRINT"));
            assert!(!a.text.contains("Trending Japan"));
            let sidebar = a
                .blocks
                .iter()
                .find(|b| b.kind == v1::BlockKind::Sidebar as i32)
                .expect("sidebar");
            assert_eq!(sidebar.heading, "Environment created for starting talks");
            assert_eq!(sidebar.byline[0].name, "Hajime Izumi");
        }
        if a.id == "seed-plain" {
            assert_eq!(
                p.correlation_id().as_ref().map(|s| s.as_str()),
                Some("seed-plain")
            );
            assert_eq!(a.source.as_ref().unwrap().name, "The Japan News");
            assert_eq!(a.source.as_ref().unwrap().domain, "japannews.yomiuri.co.jp");
        }
        if a.id == "bench-page" {
            assert_eq!(a.input_kind, v1::InputKind::Html as i32);
            assert!(
                a.word_count > 300,
                "benchmark page has main text: {}",
                a.word_count
            );
        }
        got.push(a.id);
    }
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want, "every good input produced exactly one output");

    let dead = common::take(&ch, &names.dead_queue, 4, Duration::from_secs(30)).await;
    let mut codes: Vec<(String, String)> = dead
        .iter()
        .map(|m| {
            let p = &m.delivery.properties;
            (
                p.message_id()
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                header(p, "x-newsextract-error").expect("error header"),
            )
        })
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            ("bad-big".to_string(), "too_large".to_string()),
            ("bad-empty".to_string(), "empty_document".to_string()),
            ("bad-json".to_string(), "invalid_json".to_string()),
            (
                "bad-type".to_string(),
                "unsupported_content_type".to_string()
            ),
        ]
    );
    for m in &dead {
        assert!(
            header(&m.delivery.properties, "x-newsextract-detail").is_some_and(|d| !d.is_empty())
        );
        if m.delivery
            .properties
            .message_id()
            .as_ref()
            .map(|s| s.as_str())
            == Some("bad-json")
        {
            assert_eq!(m.delivery.data, b"{\"text\": ", "original body kept");
        }
    }

    // gRPC: Get and Search find what was stored.
    let mut client = ArticleServiceClient::connect(grpc_url.clone())
        .await
        .expect("grpc connects");
    let a = client
        .get_article(v1::GetArticleRequest {
            id: "seed-json".into(),
        })
        .await
        .expect("GetArticle")
        .into_inner();
    assert_eq!(
        a.headline,
        "A time to be patient for dialogue with North Korea"
    );
    let err = client
        .get_article(v1::GetArticleRequest { id: "nope".into() })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::NotFound);
    let err = client
        .get_article(v1::GetArticleRequest { id: "".into() })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument);

    let r = client
        .search_articles(v1::SearchArticlesRequest {
            query: "Diplomatic Bluebook".into(),
            page_size: 2,
            ..Default::default()
        })
        .await
        .expect("SearchArticles")
        .into_inner();
    assert_eq!(r.articles.len(), 2);
    assert!(!r.next_page_token.is_empty());
    let r2 = client
        .search_articles(v1::SearchArticlesRequest {
            query: "Diplomatic Bluebook".into(),
            page_size: 2,
            page_token: r.next_page_token.clone(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r2.articles.len(), 1, "three seed copies in all");
    assert!(r2.next_page_token.is_empty());
    // A token is for the query that issued it (the page size may change).
    let err = client
        .search_articles(v1::SearchArticlesRequest {
            query: "North Korea".into(),
            page_size: 2,
            page_token: r.next_page_token.clone(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument);
    assert!(err.message().contains("another query"), "{}", err.message());
    let err = client
        .list_quotations(v1::ListQuotationsRequest {
            query: "Diplomatic Bluebook".into(),
            page_token: r.next_page_token.clone(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument);
    let r3 = client
        .search_articles(v1::SearchArticlesRequest {
            query: "Diplomatic Bluebook".into(),
            page_size: 5,
            page_token: r.next_page_token.clone(),
            ..Default::default()
        })
        .await
        .expect("same query, other page size")
        .into_inner();
    assert_eq!(r3.articles.len(), 1);
    let mut ids: Vec<String> = r
        .articles
        .iter()
        .chain(&r2.articles)
        .map(|a| a.id.clone())
        .collect();
    ids.sort();
    assert_eq!(ids, ["seed-json", "seed-plain", "seed-proto"]);
    let r = client
        .search_articles(v1::SearchArticlesRequest {
            query: "Frankfurt".into(),
            language: "en".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        r.articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["after-bad"]
    );
    let r = client
        .search_articles(v1::SearchArticlesRequest {
            source: "The Japan News".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        r.articles.len(),
        2,
        "seed-plain and seed-proto name the source"
    );
    let err = client
        .search_articles(v1::SearchArticlesRequest {
            page_token: "garbage".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument);
    // Requests no store can answer sensibly are refused, not run: a control character
    // in an id or a name, a query of punctuation only (it matched every article), a
    // window that ends before it starts, a time outside protobuf's years 1 to 9999.
    let err = client
        .get_article(v1::GetArticleRequest { id: "a\0b".into() })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{err:?}");
    for (query, speaker) in [("%", ""), ("🙂", ""), ("", "x\0")] {
        let err = client
            .list_quotations(v1::ListQuotationsRequest {
                query: query.into(),
                speaker: speaker.into(),
                ..Default::default()
            })
            .await
            .unwrap_err();
        assert_eq!(
            err.code(),
            tonic::Code::InvalidArgument,
            "{query:?} {speaker:?}"
        );
    }
    let at = |seconds| Some(pbjson_types::Timestamp { seconds, nanos: 0 });
    let err = client
        .search_articles(v1::SearchArticlesRequest {
            published_after: at(1_700_000_000),
            published_before: at(1_600_000_000),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument);
    assert!(err.message().contains("later than"), "{}", err.message());
    let err = client
        .top_entities(v1::TopEntitiesRequest {
            published_after: at(253_402_300_800),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument);

    // ExtractArticle stores nothing.
    let a = client
        .extract_article(v1::ExtractArticleRequest {
            raw: Some(v1::RawArticle {
                id: "sync-only".into(),
                text: seed.into(),
                ..Default::default()
            }),
        })
        .await
        .expect("ExtractArticle")
        .into_inner();
    assert_eq!(a.installment, 2);
    let err = client
        .get_article(v1::GetArticleRequest {
            id: "sync-only".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::NotFound);
    let err = client
        .extract_article(v1::ExtractArticleRequest {
            raw: Some(v1::RawArticle::default()),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument);
    // A page over the worker's message limit (2 MiB here) is refused like a message.
    let err = client
        .extract_article(v1::ExtractArticleRequest {
            raw: Some(v1::RawArticle {
                text: "Words of an article. ".repeat(120_000),
                ..Default::default()
            }),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument);
    assert!(err.message().contains("too_large"), "{}", err.message());
    // A file over what the server decodes at all (16 MiB) is refused by tonic before
    // it reaches us; `query extract` says which limit and what to do instead.
    let big = std::env::temp_dir().join(format!("{}-big.txt", names.raw));
    std::fs::write(&big, "Words of an article. ".repeat(900_000)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsextract"))
        .args(["query", "--addr", &grpc_url, "extract"])
        .arg(&big)
        .output()
        .expect("run newsextract query extract");
    let _ = std::fs::remove_file(&big);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("over the server's limit of") && stderr.contains("newsextract extract"),
        "{stderr}"
    );

    // WatchArticles streams what is stored from now on, filtered.
    let mut watch = client
        .watch_articles(v1::WatchArticlesRequest {
            language: "en".into(),
            ..Default::default()
        })
        .await
        .expect("WatchArticles")
        .into_inner();
    let watched = v1::RawArticle {
        id: "watched".into(),
        text: "Parliament approved the budget on Wednesday after a long debate, the speaker said."
            .into(),
        ..Default::default()
    };
    common::publish(
        &ch,
        &names.raw,
        &watched.encode_to_vec(),
        props("application/x-protobuf", "m-watch"),
    )
    .await;
    let seen = tokio::time::timeout(Duration::from_secs(30), watch.message())
        .await
        .expect("watched article arrives")
        .expect("stream item")
        .expect("stream open");
    assert_eq!(seen.id, "watched");
    // The watch stays open: shutdown below must end it rather than wait for it.

    // gRPC health says SERVING.
    let channel = tonic::transport::Endpoint::from_shared(grpc_url.clone())
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    // Readiness reaches the health service within a moment of the broker connecting.
    let serving = tonic_health::pb::health_check_response::ServingStatus::Serving as i32;
    let mut status = 0;
    for _ in 0..100 {
        status = health
            .check(tonic_health::pb::HealthCheckRequest {
                service: "newsextract.v1.ArticleService".into(),
            })
            .await
            .unwrap()
            .into_inner()
            .status;
        if status == serving {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, serving);

    // HTTP: liveness, readiness, and the promised metric families.
    let healthz = common::http_get(&format!("{http}/healthz")).await;
    assert!(healthz.starts_with("HTTP/1.1 200"), "{healthz}");
    let readyz = common::http_get(&format!("{http}/readyz")).await;
    assert!(readyz.starts_with("HTTP/1.1 200"), "{readyz}");
    let metrics = common::http_get(&format!("{http}/metrics")).await;
    for family in [
        "newsextract_messages_received_total",
        "newsextract_messages_acked_total",
        "newsextract_messages_dead_lettered_total{error_code=\"invalid_json\"}",
        "newsextract_messages_retried_total",
        "newsextract_messages_in_flight",
        "newsextract_input_bytes_total",
        "newsextract_articles_processed_total{outcome=\"stored\"}",
        "newsextract_stage_duration_seconds_bucket{stage=\"plain_text\"",
        "newsextract_article_duration_seconds_bucket",
        "newsextract_publish_confirm_duration_seconds_bucket",
        "newsextract_broker_connected 1",
        "newsextract_broker_reconnects_total",
        "newsextract_entities_extracted_total",
        "newsextract_quotations_extracted_total",
        "newsextract_grpc_requests_total{code=\"NotFound\",method=\"GetArticle\"}",
        "newsextract_grpc_request_duration_seconds_bucket{method=\"SearchArticles\"",
        "newsextract_build_info{version=",
        "newsextract_store_up 1",
    ] {
        assert!(
            metrics.contains(family),
            "metric {family} missing from /metrics"
        );
    }

    shutdown.cancel();
    let started = std::time::Instant::now();
    tokio::time::timeout(Duration::from_secs(30), running.wait())
        .await
        .expect("shutdown within the grace period")
        .expect("clean shutdown");
    // Ended by the server, not by the drain deadline, and the client was told why.
    assert!(
        started.elapsed() < newsextract::service::grpc::SHUTDOWN_DRAIN,
        "an open WatchArticles stream held the shutdown for {:?}",
        started.elapsed()
    );
    let end = tokio::time::timeout(Duration::from_secs(5), watch.message())
        .await
        .expect("the watch stream ends on shutdown")
        .expect_err("the watch stream ends with a status");
    assert_eq!(end.code(), tonic::Code::Unavailable, "{end}");
    common::cleanup(&ch, &names).await;
}
