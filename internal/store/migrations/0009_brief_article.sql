-- Newsdesk schema, version 9: briefs found by the story they point to.
--
-- A story's brief is looked up when its wire snapshot is made and when a change to the story
-- purges the pages that show its brief. Without this index each lookup read every brief: on
-- an archive of 300,000 briefs the one-time wire backfill of 100,000 stories took more than
-- ten minutes, and every publication paid a full scan.
CREATE INDEX briefs_article ON briefs (article_id) WHERE article_id IS NOT NULL;
