-- Newsdesk schema, version 25: lists that stay fast in a million-story archive.
--
-- Tag pages walk a tag's public stories in publication order.
--
-- A tag page lists the newest public stories that carry a tag. Through article_tags_tag
-- (tag_id, article_id) it had to read every story of the tag (each row with its body, on
-- SQLite) and sort them before taking twenty: 100,000 for an agency's home-country tag in
-- a million-story archive. Each article_tags row now keeps what makes its story public:
-- the publication time while the story is published (NULL in any other state) and the end
-- of its embargo, written with the row and whenever the story's state or times change
-- (store: setTags, Bulk.Article, syncTagRows). The index yields a tag's public stories
-- newest first from the index alone, so a page reads the twenty stories it shows, and a
-- deep page skips the ones before it without reading them.
ALTER TABLE article_tags ADD COLUMN published_at BIGINT;
ALTER TABLE article_tags ADD COLUMN embargo_until BIGINT NOT NULL DEFAULT 0;
UPDATE article_tags SET
    published_at = (SELECT CASE WHEN a.status = 'published' THEN a.published_at END FROM articles a WHERE a.id = article_tags.article_id),
    embargo_until = (SELECT a.embargo_until FROM articles a WHERE a.id = article_tags.article_id);
CREATE INDEX article_tags_published ON article_tags (tag_id, published_at, article_id, embargo_until);

-- The story sitemaps list 10,000 public stories a page, by id, with their translations.
-- On SQLite a story's state, times and slug come after its bodies in the row, so reading
-- them read every story's bodies (about 13 kB each): half a second a page on a
-- million-story edition. The two indexes below hold what the sitemaps read, so that a page
-- and its translations come from them alone; they keep the columns, and the order, of the
-- indexes they replace, so that what used those (the wire's backfill, a story's
-- translations) reads them as before.
DROP INDEX articles_status_id;
CREATE INDEX articles_status_id ON articles (status, id, published_at, embargo_until, group_id, language, section_id, updated_at, slug);
DROP INDEX articles_group;
CREATE INDEX articles_group ON articles (group_id, status, published_at, embargo_until, language, section_id, slug);

-- The newsroom's story list by section (with or without a language and a state), most
-- recently changed first: with only articles_section the planner took all of a section's
-- stories of a language and sorted them, half a second at a million. Language and state
-- are in the index, so that they are checked without reading the rows.
CREATE INDEX articles_desk_section ON articles (section_id, updated_at, id, language, status);

-- The dashboard's embargoed stories (published, embargo not lifted), the soonest first,
-- and their count, from the index alone.
CREATE INDEX articles_embargoed ON articles (status, embargo_until, id);
-- (Migration 26 leads it by embargo_until instead: see there.)
