-- Newsdesk schema, version 2: the newsroom — sessions, tokens, revisions, corrections,
-- images, the audit log, settings, and agency metadata on stories.

CREATE TABLE images (
    id          {{id}},
    hash        TEXT NOT NULL UNIQUE,
    format      TEXT NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    renditions  {{text}} NOT NULL,
    alt         TEXT NOT NULL,
    caption     TEXT NOT NULL DEFAULT '',
    credit      TEXT NOT NULL DEFAULT '',
    uploaded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL
);

ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN slugline TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN urgency INTEGER NOT NULL DEFAULT 5;
ALTER TABLE articles ADD COLUMN signoff TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN owner_id BIGINT REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN lead_image_id BIGINT REFERENCES images(id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN return_note TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN first_published_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX articles_newsroom ON articles (status, updated_at DESC);
CREATE INDEX articles_owner ON articles (owner_id, updated_at DESC);
CREATE INDEX articles_scheduled ON articles (status, published_at);

ALTER TABLE briefs ADD COLUMN owner_id BIGINT REFERENCES users(id) ON DELETE SET NULL;

CREATE TABLE article_revisions (
    id            {{id}},
    article_id    BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    section_id    BIGINT NOT NULL,
    headline      TEXT NOT NULL,
    standfirst    TEXT NOT NULL,
    body_md       {{text}} NOT NULL,
    byline        TEXT NOT NULL,
    byline_role   TEXT NOT NULL,
    dateline      TEXT NOT NULL,
    slug          TEXT NOT NULL,
    tags          TEXT NOT NULL,
    slugline      TEXT NOT NULL,
    urgency       INTEGER NOT NULL,
    signoff       TEXT NOT NULL,
    lead_image_id BIGINT,
    user_id       BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (article_id, version)
);

CREATE TABLE corrections (
    id         {{id}},
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       {{text}} NOT NULL,
    user_id    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX corrections_article ON corrections (article_id, created_at);

CREATE TABLE audit_log (
    id          {{id}},
    at          BIGINT NOT NULL,
    user_id     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   BIGINT NOT NULL DEFAULT 0,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           {{id}},
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL DEFAULT '',
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL DEFAULT 0,
    revoked_at   BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    window_start BIGINT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
