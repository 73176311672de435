-- Articles: the full protobuf `Article` in `body`, plus the columns queries filter on.
-- Times are microseconds since the Unix epoch (UTC).
CREATE TABLE articles (
    seq            BIGSERIAL PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    url            TEXT NOT NULL,
    canonical_url  TEXT NOT NULL,
    source_domain  TEXT NOT NULL,
    source_name    TEXT NOT NULL,
    language       TEXT NOT NULL,
    title          TEXT NOT NULL,
    published_at   BIGINT,
    extracted_at   BIGINT NOT NULL,
    -- published_at, else extracted_at: the keyset-pagination order.
    sort_key       BIGINT NOT NULL,
    content_sha256 TEXT NOT NULL,
    body           BYTEA NOT NULL,
    -- title and text, language-neutral ('simple': no stemming, works for any language)
    tsv            TSVECTOR NOT NULL
);
CREATE INDEX articles_sort ON articles (sort_key DESC, id DESC);
CREATE INDEX articles_source ON articles (source_domain, sort_key DESC);
CREATE INDEX articles_source_name ON articles (source_name, sort_key DESC);
CREATE INDEX articles_language ON articles (language, sort_key DESC);
CREATE INDEX articles_published ON articles (published_at);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

-- One row per entity name (canonical name and each alias, lower-cased).
CREATE TABLE article_entities (
    article_seq  BIGINT NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    entity_id    TEXT NOT NULL,
    name         TEXT NOT NULL,
    display_name TEXT NOT NULL,
    is_canonical BOOLEAN NOT NULL,
    type         INTEGER NOT NULL,
    mentions     BIGINT NOT NULL,
    -- copy of articles.sort_key, so TopEntities over a window needs no join to filter
    sort_key     BIGINT NOT NULL
);
CREATE INDEX article_entities_name ON article_entities (name, type);
CREATE INDEX article_entities_window ON article_entities (sort_key) WHERE is_canonical;
CREATE INDEX article_entities_article ON article_entities (article_seq);

CREATE TABLE article_quotations (
    article_seq BIGINT NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    speaker     TEXT NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX article_quotations_speaker ON article_quotations (speaker);
CREATE INDEX article_quotations_article ON article_quotations (article_seq);

CREATE TABLE article_dates (
    article_seq BIGINT NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL
);
CREATE INDEX article_dates_range ON article_dates (starts_at, ends_at);
CREATE INDEX article_dates_article ON article_dates (article_seq);
