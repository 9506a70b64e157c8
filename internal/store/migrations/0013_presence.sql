-- Newsdesk schema, version 13: who has a story open in the newsroom's editor.
--
-- Opening a story's editor page writes a row; the page's heartbeat moves seen_at on; a
-- row whose seen_at is older than about a minute no longer counts and is deleted by the
-- next write to the same story. Leaving the page deletes it. The table is shared by
-- every instance, so an editor on one sees a correspondent on another.
CREATE TABLE article_presence (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    since      BIGINT NOT NULL,
    seen_at    BIGINT NOT NULL,
    PRIMARY KEY (article_id, user_id)
);
CREATE INDEX article_presence_seen ON article_presence (seen_at);
