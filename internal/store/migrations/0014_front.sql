-- Newsdesk schema, version 14: the front page is the editors' choice.
--
-- Per language, the stories the editors put at the top of the home page, in their order
-- (position 0 first). A story may be pinned until a time (pinned_until, microseconds since
-- the epoch; 0: until an editor takes it off); after that it drops out on its own. The whole
-- list of a language is replaced in one transaction; a story that stops being public is
-- skipped when the page is read, so no row needs to follow the workflow.
CREATE TABLE front_stories (
    language     TEXT NOT NULL REFERENCES languages(code) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    article_id   BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    pinned_until BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (language, position),
    UNIQUE (language, article_id)
);
CREATE INDEX front_stories_article ON front_stories (article_id);
