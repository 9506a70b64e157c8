-- Newsdesk schema, version 16: working copies of the story editor.
--
-- The editor sends what a user types a few seconds after the last keystroke and on
-- leaving the page. It lands here, one row per story and user, replaced each time: not
-- a revision (the history only grows on Save) and never the story itself, so a live
-- story does not change until someone saves it. Save deletes the row.
CREATE TABLE article_autosaves (
    article_id   BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    base_version INTEGER NOT NULL,
    fields       TEXT NOT NULL,
    saved_at     BIGINT NOT NULL,
    PRIMARY KEY (article_id, user_id)
);
