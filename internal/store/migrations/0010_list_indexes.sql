-- Newsdesk schema, version 10: indexes for the lists that read a whole table on a large
-- archive (an audit of every statement's query plan on a 100,000-story edition).
--
-- The newsroom's story list, newest change first, with or without a status or owner:
-- 3–7 s per view without these on 100k stories, 2–3 ms with them. The two older indexes
-- end in the id now, so that the list's order (updated_at, id) is read straight off them.
CREATE INDEX articles_updated ON articles (updated_at, id);
DROP INDEX articles_newsroom;
CREATE INDEX articles_newsroom ON articles (status, updated_at, id);
DROP INDEX articles_owner;
CREATE INDEX articles_owner ON articles (owner_id, updated_at, id);

-- Public stories across languages, by date or by id, with the embargo in the index so the
-- rows (and their bodies) are not read to check it: the story count and the pages of the
-- sitemap (rebuilt after every public change), the site-wide feed, the next scheduled
-- change and the wire's backfill.
CREATE INDEX articles_status_pub ON articles (status, published_at, id, embargo_until);
CREATE INDEX articles_status_id ON articles (status, id, published_at, embargo_until);

-- A correspondent's briefs, the review list without filters, the image library.
CREATE INDEX briefs_owner ON briefs (owner_id, published_at, id);
CREATE INDEX reviews_created ON reviews (created_at, id);
CREATE INDEX images_created ON images (created_at, id);
