-- Newsdesk schema, version 16: notifications — what the newsroom tells its staff (a story
-- submitted, returned or published, an account under attack, a webhook subscriber given up
-- on), the kinds each user turned off, and the outbox of the emails that carry them.
--
-- A notification is written in the transaction of the event it tells of, one row per
-- recipient. in_app is 0 when the recipient turned the newsroom list off for its kind but
-- still wants the email. ref groups repeated events (a subscriber dead-lettering many
-- deliveries) so that a recipient is told once within a quiet period.
CREATE TABLE notifications (
    id         {{id}},
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    article_id BIGINT NOT NULL DEFAULT 0,
    ref        TEXT NOT NULL DEFAULT '',
    subject    TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    in_app     INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    read_at    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);

-- One row per (user, kind, channel) turned off; channel is 'app' or 'email'.
CREATE TABLE notification_prefs (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    channel TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, channel)
);

-- The mail outbox: one row per email, written with its notification. status: pending →
-- sent, or failed after the last attempt (kept, with its error). A claimed row carries a
-- claim token and next_at is the end of its lease, as in wire_deliveries.
CREATE TABLE mail_outbox (
    id              {{id}},
    notification_id BIGINT NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         BIGINT NOT NULL,
    claim           TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_at);
