-- Articles: the full protobuf `Article` in `body`, plus the columns queries filter on.
-- Times are microseconds since the Unix epoch (UTC).
CREATE TABLE articles (
    -- alias of the rowid: the key of the FTS and index rows
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    url            TEXT NOT NULL,
    canonical_url  TEXT NOT NULL,
    source_domain  TEXT NOT NULL,
    source_name    TEXT NOT NULL,
    language       TEXT NOT NULL,
    title          TEXT NOT NULL,
    published_at   INTEGER,
    extracted_at   INTEGER NOT NULL,
    -- published_at, else extracted_at: the keyset-pagination order.
    sort_key       INTEGER NOT NULL,
    content_sha256 TEXT NOT NULL,
    body           BLOB NOT NULL
);
-- Newest-first order, covering the filter columns: a search walks this index and
-- reads an article row only for the page it returns.
CREATE INDEX articles_sort ON articles (sort_key DESC, id DESC, source_domain, source_name, language, published_at);
CREATE INDEX articles_source ON articles (source_domain, sort_key DESC);
CREATE INDEX articles_language ON articles (language, sort_key DESC);
CREATE INDEX articles_published ON articles (published_at);

-- Full text of title and main text; rowid = articles.seq.
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, tokenize = 'unicode61 remove_diacritics 2');

-- One row per entity name (canonical name and each alias, lower-cased).
CREATE TABLE article_entities (
    article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    entity_id     TEXT NOT NULL,
    -- lower-cased, for lookups
    name          TEXT NOT NULL,
    -- the canonical name as written, for display
    display_name  TEXT NOT NULL,
    is_canonical  INTEGER NOT NULL,
    type          INTEGER NOT NULL,
    mentions      INTEGER NOT NULL,
    -- copy of articles.sort_key, so TopEntities over a window reads only this table
    sort_key      INTEGER NOT NULL
);
CREATE INDEX article_entities_name ON article_entities (name, type);
CREATE INDEX article_entities_window ON article_entities (sort_key, name, type, mentions) WHERE is_canonical = 1;
CREATE INDEX article_entities_article ON article_entities (article_seq);

-- One row per quotation; `idx` is its index in Article.quotations.
CREATE TABLE article_quotations (
    article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    -- lower-cased speaker name (and canonical name of the speaker entity, when known)
    speaker       TEXT NOT NULL,
    text          TEXT NOT NULL
);
CREATE INDEX article_quotations_speaker ON article_quotations (speaker);
CREATE INDEX article_quotations_article ON article_quotations (article_seq);

-- Calendar ranges [starts_at, ends_at) of the dates the text mentions.
CREATE TABLE article_dates (
    article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL
);
CREATE INDEX article_dates_range ON article_dates (starts_at, ends_at);
CREATE INDEX article_dates_article ON article_dates (article_seq);
