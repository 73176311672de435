//! What the worker does when its output cannot be published, against the real
//! RabbitMQ: a result over the output limit is dead-lettered with its reason (the
//! broker would otherwise refuse it and close the publishing channel), and a
//! publishing channel the broker closes ends the session, so the worker reconnects and
//! the message it held is processed again instead of staying unacked for ever.

mod common;

use std::time::Duration;

use common::{header, Names};
use lapin::options::ExchangeDeleteOptions;
use lapin::BasicProperties;
use newsextract::proto::v1;
use prost::Message;

fn props(id: &str) -> BasicProperties {
    BasicProperties::default()
        .with_content_type("text/plain; charset=utf-8".into())
        .with_message_id(id.into())
        .with_delivery_mode(2)
}

const SHORT: &str = "The central bank raised rates on Tuesday, its governor said.";

/// The service's counters are process-wide, so the tests of this file, which read
/// them, take turns, and each reads them as differences from where it started.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_result_over_the_output_limit_is_dead_lettered_and_the_worker_goes_on() {
    let _turn = ONE_AT_A_TIME.lock().await;
    common::init_logs();
    let names = Names::new("outlimit");
    let (_conn, ch) = common::declared(&names).await;

    // the reference article's Article is tens of kilobytes; the short one's is not
    let svc = common::start_service(&names, |cfg| cfg.broker.max_output_bytes = 8 * 1024).await;

    common::publish(&ch, &names.raw, common::seed().as_bytes(), props("big")).await;
    common::publish(&ch, &names.raw, SHORT.as_bytes(), props("small")).await;

    let dead = common::take(&ch, &names.dead_queue, 1, Duration::from_secs(30)).await;
    assert_eq!(dead.len(), 1, "the oversized result is dead-lettered");
    let d = &dead[0];
    assert_eq!(
        header(&d.properties, "x-newsextract-error").as_deref(),
        Some("output_too_large")
    );
    let detail = header(&d.properties, "x-newsextract-detail").unwrap_or_default();
    assert!(detail.contains("NEWSEXTRACT_MAX_OUTPUT_BYTES"), "{detail}");
    assert_eq!(
        d.data,
        common::seed().as_bytes(),
        "the original body, unchanged"
    );

    let out = common::take(&ch, &names.out_queue, 1, Duration::from_secs(30)).await;
    assert_eq!(out.len(), 1, "the next message is extracted and published");
    let article = v1::Article::decode(out[0].data.as_slice()).expect("an Article");
    assert_eq!(article.id, "small");

    svc.shutdown.cancel();
    svc.running.wait().await.expect("clean stop");
    common::cleanup(&ch, &names).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publishing_channel_closed_by_the_broker_makes_the_worker_reconnect() {
    let _turn = ONE_AT_A_TIME.lock().await;
    common::init_logs();
    let names = Names::new("pubclosed");
    let (_conn, ch) = common::declared(&names).await;

    let svc = common::start_service(&names, |_| {}).await;
    let http = format!("http://{}", svc.running.metrics_addr);
    assert!(
        common::wait_until(Duration::from_secs(20), || async {
            common::http_get(&format!("{http}/readyz"))
                .await
                .contains("broker: up")
        })
        .await,
        "ready"
    );

    let counter = |scrape: &str, name: &str| common::metric(scrape, name).unwrap_or(0.0);
    let before = common::http_get(&format!("{http}/metrics")).await;
    let reconnects0 = counter(&before, "newsextract_broker_reconnects_total");
    let acked0 = counter(&before, "newsextract_messages_acked_total");

    // An operator deletes the output exchange: the worker's next publish is refused
    // with NOT_FOUND, which closes its publishing channel.
    ch.exchange_delete(&names.extracted, ExchangeDeleteOptions::default())
        .await
        .expect("delete the output exchange");
    common::publish(&ch, &names.raw, SHORT.as_bytes(), props("held")).await;

    // The worker reconnects (and declares its topology again, the exchange included)
    // and the message it held comes back and is acked this time.
    assert!(
        common::wait_until(Duration::from_secs(60), || async {
            let scrape = common::http_get(&format!("{http}/metrics")).await;
            counter(&scrape, "newsextract_broker_reconnects_total") > reconnects0
                && counter(&scrape, "newsextract_messages_acked_total") > acked0
        })
        .await,
        "the worker reconnected and acked the held message: {}",
        common::http_get(&format!("{http}/metrics")).await
    );
    assert_eq!(common::depth(&ch, &names.queue).await, 0);

    // After the reconnection the worker publishes normally.
    common::bind_out_queue(&ch, &names).await;
    common::publish(&ch, &names.raw, SHORT.as_bytes(), props("after")).await;
    let out = common::take(&ch, &names.out_queue, 1, Duration::from_secs(30)).await;
    assert_eq!(out.len(), 1, "published after the reconnection");
    let article = v1::Article::decode(out[0].data.as_slice()).expect("an Article");
    assert_eq!(article.id, "after");
    assert!(common::http_get(&format!("{http}/readyz"))
        .await
        .contains("broker: up"));

    svc.shutdown.cancel();
    svc.running.wait().await.expect("clean stop");
    common::cleanup(&ch, &names).await;
}
