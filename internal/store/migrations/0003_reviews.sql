-- Newsdesk schema, version 3: reader reviews and their moderation.

CREATE TABLE reviews (
    id           {{id}},
    article_id   BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    email        TEXT NOT NULL DEFAULT '',
    rating       INTEGER NOT NULL,
    text         {{text}} NOT NULL,
    status       TEXT NOT NULL,
    spam_score   INTEGER NOT NULL DEFAULT 0,
    signals      TEXT NOT NULL DEFAULT '',
    ip_hash      TEXT NOT NULL DEFAULT '',
    text_hash    TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    moderated_at BIGINT NOT NULL DEFAULT 0,
    moderated_by BIGINT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX reviews_article ON reviews (article_id, status, created_at DESC);
CREATE INDEX reviews_status ON reviews (status, created_at DESC);
CREATE INDEX reviews_email ON reviews (email);
CREATE INDEX reviews_dup ON reviews (text_hash, ip_hash);
CREATE INDEX reviews_ip ON reviews (created_at, ip_hash);

CREATE TABLE trusted_reviewers (
    email      TEXT PRIMARY KEY,
    added_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

ALTER TABLE articles ADD COLUMN reviews_closed BOOLEAN NOT NULL DEFAULT FALSE;
