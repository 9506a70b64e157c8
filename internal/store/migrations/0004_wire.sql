-- Newsdesk schema, version 4: the subscribers' wire — subscribers and their API keys,
-- the log of released story versions (the cursor of the pull API and of the live stream),
-- webhooks, the durable delivery outbox, and usage figures for billing.

CREATE TABLE wire_subscribers (
    id              {{id}},
    name            TEXT NOT NULL,
    sections        TEXT NOT NULL,           -- comma-separated section keys, or '*'
    languages       TEXT NOT NULL,           -- comma-separated language codes, or '*'
    key_hash        TEXT NOT NULL UNIQUE,    -- SHA-256 of the API key; the key itself is never stored
    key_hint        TEXT NOT NULL DEFAULT '',
    rate_per_minute INTEGER NOT NULL DEFAULT 600,
    created_at      BIGINT NOT NULL,
    rotated_at      BIGINT NOT NULL DEFAULT 0,
    revoked_at      BIGINT NOT NULL DEFAULT 0
);

-- One row per (section, language) a subscriber receives; '*' matches every value. The
-- outbox is filled with one INSERT … SELECT joining this table.
CREATE TABLE wire_scopes (
    subscriber_id BIGINT NOT NULL REFERENCES wire_subscribers(id) ON DELETE CASCADE,
    section       TEXT NOT NULL,
    language      TEXT NOT NULL,
    PRIMARY KEY (section, language, subscriber_id)
);
CREATE INDEX wire_scopes_subscriber ON wire_scopes (subscriber_id);

-- One row per released version of a story. id is the global, monotonically increasing
-- sequence: the pull API's cursor and the live stream's event id. Rows are inserted under
-- a lock so that they commit in id order (see dialect.go, lockWire).
CREATE TABLE wire_versions (
    id            {{id}},
    article_id    BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    event         TEXT NOT NULL,
    section       TEXT NOT NULL,
    language      TEXT NOT NULL,
    pubstatus     TEXT NOT NULL,
    embargo_until BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    item          {{text}} NOT NULL,         -- JSON snapshot the ninjs of each version is rendered from
    UNIQUE (article_id, version)
);
CREATE INDEX wire_versions_created ON wire_versions (created_at, id);

CREATE TABLE wire_webhooks (
    id            {{id}},
    subscriber_id BIGINT NOT NULL REFERENCES wire_subscribers(id) ON DELETE CASCADE,
    url           TEXT NOT NULL,
    secret        TEXT NOT NULL,             -- the HMAC key; needed in clear to sign
    ninjs         TEXT NOT NULL DEFAULT '2.2',
    created_at    BIGINT NOT NULL,
    removed_at    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX wire_webhooks_subscriber ON wire_webhooks (subscriber_id, removed_at);

-- The outbox: one row per (version, webhook), written in the publishing transaction.
-- status: pending → delivered, or dead after expires_at. A claimed row has a claim token
-- and next_at set to the end of its lease. No foreign keys and few indexes: one
-- publication inserts a row per subscriber in one statement, and per-row constraint
-- triggers would double its cost; the rows are only ever made from existing versions and
-- webhooks, and a row whose version or webhook is gone is dead-lettered when claimed.
CREATE TABLE wire_deliveries (
    id            {{id}},
    version_id    BIGINT NOT NULL,
    webhook_id    BIGINT NOT NULL,
    subscriber_id BIGINT NOT NULL,
    status        TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    claim         TEXT NOT NULL DEFAULT '',
    next_at       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    delivered_at  BIGINT NOT NULL DEFAULT 0,
    last_status   INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX wire_deliveries_due ON wire_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX wire_deliveries_dead ON wire_deliveries (id) WHERE status = 'dead';
CREATE INDEX wire_deliveries_open ON wire_deliveries (webhook_id) WHERE status <> 'delivered';

-- Usage per subscriber and UTC day (day = Unix days), for the newsroom and billing.
CREATE TABLE wire_usage (
    subscriber_id BIGINT NOT NULL REFERENCES wire_subscribers(id) ON DELETE CASCADE,
    day           BIGINT NOT NULL,
    items_pulled  BIGINT NOT NULL DEFAULT 0,
    requests      BIGINT NOT NULL DEFAULT 0,
    delivered     BIGINT NOT NULL DEFAULT 0,
    failed        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (subscriber_id, day)
);
