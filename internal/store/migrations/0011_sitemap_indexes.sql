-- Newsdesk schema, version 11: the sitemaps read from indexes alone.
--
-- A page of the story sitemap lists 10,000 public stories by id with their paths and
-- dates, and links each to its translations. In SQLite a story's row holds its bodies
-- (kilobytes, in overflow pages) before the slug and the dates, so reading those columns
-- from the rows walked every body's overflow chain: 0.3 s a page on the 100k edition,
-- after every public change. These two indexes hold every column the two queries read.
DROP INDEX articles_status_id;
CREATE INDEX articles_status_id ON articles (status, id, published_at, embargo_until, updated_at, group_id, language, section_id, slug);
DROP INDEX articles_group;
CREATE INDEX articles_group ON articles (group_id, status, published_at, embargo_until, language, section_id, slug);
