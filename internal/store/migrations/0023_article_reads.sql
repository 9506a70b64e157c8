-- Newsdesk schema, version 23: how many readers each story had, by the hour.
--
-- The "Most read" lists sum the last 24 hours of this table. Every instance counts the
-- readers it serves in memory (cached pages included) and adds its counts here every few
-- seconds with an upsert, so the rows hold the sum over all instances. No reader is
-- identified: a row is a story, an hour and a number. Rows older than two days are deleted.
CREATE TABLE article_reads (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    hour_no    BIGINT NOT NULL, -- Unix time / 3600: the hour the reads were counted in
    language   TEXT NOT NULL,
    reads      BIGINT NOT NULL,
    PRIMARY KEY (article_id, hour_no)
);

-- Covering: the lists sum a language's last hours from the index alone.
CREATE INDEX article_reads_language_hour ON article_reads (language, hour_no, article_id, reads);
