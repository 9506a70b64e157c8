-- Newsdesk schema, version 5: a content change counter (for caches of feeds, sitemaps and
-- pages, shared by every instance) and an index to find the next embargo to lift.

INSERT INTO newsdesk_meta (key, value) VALUES ('content_seq', '1');
CREATE INDEX articles_embargo ON articles (embargo_until);
CREATE INDEX briefs_published ON briefs (published_at);
