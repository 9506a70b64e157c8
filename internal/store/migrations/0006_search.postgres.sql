-- Newsdesk schema, version 6 (PostgreSQL): full-text search over articles and briefs.
--
-- The same design as on SQLite (see 0006_search.sqlite.sql): doc_id orders and filters
-- (published bit, language slot, time in milliseconds, uniquifier), and terms holds the
-- analysed terms made in Go, as a tsvector written with positions (so phrases work), under
-- a GIN index. No text search configuration of PostgreSQL is used: terms are folded and
-- stemmed once, in Go, so that both databases match the same stories.

CREATE TABLE search_docs (
    doc_id BIGINT PRIMARY KEY,
    kind   TEXT NOT NULL,
    ref_id BIGINT NOT NULL,
    terms  tsvector NOT NULL,
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_docs_terms ON search_docs USING GIN (terms);

CREATE TABLE search_words (
    language TEXT NOT NULL,
    word     TEXT COLLATE "C" NOT NULL,
    stem     TEXT NOT NULL,
    PRIMARY KEY (language, word, stem)
);

CREATE TABLE search_langs (
    language TEXT PRIMARY KEY,
    slot     INTEGER NOT NULL UNIQUE
);

INSERT INTO newsdesk_meta (key, value) SELECT 'search_rebuild', 'needed'
    WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM briefs);
