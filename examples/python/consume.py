#!/usr/bin/env python3
"""Consume extracted articles from newsextract (protobuf over RabbitMQ).

The worker publishes each article as a `newsextract.v1.Article` protobuf message to
the topic exchange `articles.extracted`, routing key `article.<language>`.

Setup (from the repository root):

    python3 -m venv .venv && . .venv/bin/activate
    pip install -r examples/python/requirements.txt
    mkdir -p gen
    python -m grpc_tools.protoc -Iproto --python_out=gen proto/newsextract/v1/article.proto
    PYTHONPATH=gen python examples/python/consume.py --binding-key 'article.en'

The queue is durable and named (`--queue`), so articles published while this
consumer is down wait for it. Each message is acked only after it was handled.
"""

import argparse
import sys

import pika
from google.protobuf.json_format import MessageToJson

from newsextract.v1.article_pb2 import Article


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--amqp-url", default="amqp://guest:guest@127.0.0.1:5672/%2F")
    p.add_argument("--exchange", default="articles.extracted")
    p.add_argument("--queue", default="my-team.articles")
    p.add_argument("--binding-key", default="article.#",
                   help="e.g. 'article.en' for English only (default: %(default)s)")
    p.add_argument("--max", type=int, default=0, metavar="N",
                   help="stop after N messages (default: run until Ctrl-C)")
    p.add_argument("--json", action="store_true",
                   help="print each article as one line of proto3 JSON")
    return p.parse_args()


def summary(a: Article) -> str:
    author = a.authors[0].name if a.authors else "-"
    published = a.published_at.ToJsonString() if a.HasField("published_at") else "-"
    return "\t".join([a.id, a.language or "-", a.headline or a.title,
                      f"{a.word_count} words", author, published])


def handle(body: bytes, as_json: bool) -> None:
    article = Article()
    article.ParseFromString(body)
    print(MessageToJson(article, indent=None) if as_json else summary(article), flush=True)


def main() -> int:
    args = parse_args()
    conn = pika.BlockingConnection(pika.URLParameters(args.amqp_url))
    ch = conn.channel()
    ch.exchange_declare(args.exchange, exchange_type="topic", durable=True)
    ch.queue_declare(args.queue, durable=True)
    ch.queue_bind(args.queue, args.exchange, routing_key=args.binding_key)
    ch.basic_qos(prefetch_count=16)
    print(f"consuming {args.exchange} [{args.binding_key}] via queue {args.queue}",
          file=sys.stderr, flush=True)

    seen = 0
    try:
        for method, props, body in ch.consume(args.queue):
            try:
                handle(body, args.json)
            except Exception as exc:  # undecodable: drop it rather than loop forever
                print(f"rejecting message {props.message_id}: {exc}", file=sys.stderr)
                ch.basic_reject(method.delivery_tag, requeue=False)
            else:
                ch.basic_ack(method.delivery_tag)
            seen += 1
            if args.max and seen >= args.max:
                break
    except KeyboardInterrupt:
        pass  # unacked messages are redelivered to the next consumer
    finally:
        try:
            ch.cancel()
            conn.close()
        except pika.exceptions.AMQPError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
