-- Newsdesk schema, version 25: tag pages walk a tag's stories in publication order.
--
-- A tag page lists the newest public stories that carry a tag. Through article_tags_tag
-- (tag_id, article_id) it had to read and sort every story of the tag before taking the
-- first twenty: 100,000 of them for an agency's home-country tag in a million-story archive.
-- article_tags now keeps a copy of its story's publication time, written with the row and
-- whenever the story's time changes (store: setTags, Bulk.Article, transition), so that the
-- index below yields a tag's stories newest first and the page stops after twenty.
ALTER TABLE article_tags ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0;
UPDATE article_tags SET published_at = (SELECT a.published_at FROM articles a WHERE a.id = article_tags.article_id);
CREATE INDEX article_tags_published ON article_tags (tag_id, published_at, article_id);
