-- The public lists' indexes also hold the end of each story's embargo.
--
-- Every public list says "status = 'published' AND published_at <= now AND
-- embargo_until <= now" and reads its page newest first from one of these indexes. Without
-- the embargo in the index, each story at the top of a list was read from its row to learn
-- whether its embargo had lifted; on SQLite a story's row is its bodies first, the embargo
-- last (overflow pages), and a section's newest stories are often the embargoed ones: on
-- the 100k edition its section's newest six public stories in Russian cost 49 rows read.
-- Now those stories are skipped in the index, and only the stories shown are read.
DROP INDEX articles_public;
CREATE INDEX articles_public ON articles (language, status, published_at, id, embargo_until);
DROP INDEX articles_section;
CREATE INDEX articles_section ON articles (section_id, language, status, published_at, id, embargo_until);
DROP INDEX articles_author;
CREATE INDEX articles_author ON articles (author_id, status, published_at, id, embargo_until);
DROP INDEX articles_lead;
CREATE INDEX articles_lead ON articles (language, lead, status, published_at, id, embargo_until);
