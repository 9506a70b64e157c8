-- Newsdesk schema, version 7: indexes for the 100k-story edition.
--
-- Translations of a story are found through its group; the list indexes end in
-- (published_at, id) so that "newest first, then id" needs no sort; the scheduler's
-- index only holds what is waiting.

CREATE INDEX articles_group ON articles (group_id, status, published_at);

DROP INDEX articles_scheduled;
CREATE INDEX articles_scheduled ON articles (published_at) WHERE status = 'scheduled';

DROP INDEX articles_public;
CREATE INDEX articles_public ON articles (language, status, published_at, id);
DROP INDEX articles_section;
CREATE INDEX articles_section ON articles (section_id, language, status, published_at, id);
DROP INDEX articles_author;
CREATE INDEX articles_author ON articles (author_id, status, published_at, id);
CREATE INDEX articles_lead ON articles (language, lead, status, published_at, id);

DROP INDEX briefs_section;
CREATE INDEX briefs_section ON briefs (section_id, language, status, published_at, id);
DROP INDEX briefs_language;
CREATE INDEX briefs_language ON briefs (language, status, published_at, id);
