-- Newsdesk schema, version 19: a renamed tag keeps its old addresses.
--
-- A tag's slug follows its name, so renaming it moves its page. The slug it had is kept
-- here, for its language, and /{lang}/tag/{old} answers 301 to the tag's page as it is
-- now. A live tag's slug always wins over a row here (a tag renamed back takes its slug
-- again, and the row is deleted).
CREATE TABLE tag_redirects (
    language TEXT NOT NULL REFERENCES languages(code),
    slug     TEXT NOT NULL,
    tag_id   BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (language, slug)
);
