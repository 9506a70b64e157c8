-- Newsdesk schema, version 1: the content model of the public site.
-- Tokens in braces are replaced per dialect (see dialect.go): {{id}} an auto-increment
-- primary key, {{text}} unbounded text. Times are BIGINT Unix microseconds, UTC.

CREATE TABLE newsdesk_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE languages (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    site_name TEXT NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sections (
    id       {{id}},
    key      TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE section_names (
    section_id BIGINT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    language   TEXT NOT NULL REFERENCES languages(code),
    name       TEXT NOT NULL,
    slug       TEXT NOT NULL,
    PRIMARY KEY (section_id, language),
    UNIQUE (language, slug)
);

CREATE TABLE users (
    id            {{id}},
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL
);

CREATE TABLE authors (
    id      {{id}},
    name    TEXT NOT NULL,
    slug    TEXT NOT NULL UNIQUE,
    role    TEXT NOT NULL DEFAULT '',
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL
);

CREATE TABLE translation_groups (
    id         {{id}},
    created_at BIGINT NOT NULL
);

CREATE TABLE articles (
    id            {{id}},
    group_id      BIGINT NOT NULL REFERENCES translation_groups(id),
    language      TEXT NOT NULL REFERENCES languages(code),
    section_id    BIGINT NOT NULL REFERENCES sections(id),
    author_id     BIGINT REFERENCES authors(id) ON DELETE SET NULL,
    byline        TEXT NOT NULL DEFAULT '',
    byline_role   TEXT NOT NULL DEFAULT '',
    dateline      TEXT NOT NULL DEFAULT '',
    headline      TEXT NOT NULL,
    standfirst    TEXT NOT NULL DEFAULT '',
    body_md       {{text}} NOT NULL DEFAULT '',
    body_html     {{text}} NOT NULL DEFAULT '',
    slug          TEXT NOT NULL,
    status        TEXT NOT NULL,
    lead          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL,
    published_at  BIGINT NOT NULL DEFAULT 0,
    updated_at    BIGINT NOT NULL DEFAULT 0,
    embargo_until BIGINT NOT NULL DEFAULT 0,
    UNIQUE (language, slug),
    UNIQUE (group_id, language)
);
CREATE INDEX articles_public ON articles (language, status, published_at DESC);
CREATE INDEX articles_section ON articles (section_id, language, status, published_at DESC);
CREATE INDEX articles_author ON articles (author_id, status, published_at DESC);

CREATE TABLE article_slugs (
    language   TEXT NOT NULL,
    slug       TEXT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (language, slug)
);

CREATE TABLE tags (
    id       {{id}},
    language TEXT NOT NULL REFERENCES languages(code),
    name     TEXT NOT NULL,
    slug     TEXT NOT NULL,
    UNIQUE (language, slug)
);

CREATE TABLE article_tags (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

CREATE TABLE briefs (
    id           {{id}},
    language     TEXT NOT NULL REFERENCES languages(code),
    section_id   BIGINT NOT NULL REFERENCES sections(id),
    text         {{text}} NOT NULL,
    status       TEXT NOT NULL,
    article_id   BIGINT REFERENCES articles(id) ON DELETE SET NULL,
    author_id    BIGINT REFERENCES authors(id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    published_at BIGINT NOT NULL
);
CREATE INDEX briefs_section ON briefs (section_id, language, status, published_at DESC);
CREATE INDEX briefs_language ON briefs (language, status, published_at DESC);
