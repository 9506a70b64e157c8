-- Newsdesk schema, version 18: the search analyzer reads words by a new rule (letters and
-- digits are words of their own, so "COP29" is "cop" "29" as "COP-29" is; see
-- internal/search, Analyzer.Tokens), and the index must be made again with it. Flagged
-- here, it is rebuilt by `newsdesk serve` in the background at start (searches meanwhile
-- see the old index) or by `newsdesk reindex`.
DELETE FROM newsdesk_meta WHERE key = 'search_rebuild';
INSERT INTO newsdesk_meta (key, value) SELECT 'search_rebuild', 'needed'
    WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM briefs);
