-- Newsdesk schema, version 8: imports from WordPress and Ghost, and the old sites' URLs.
--
-- import_items remembers what each imported thing became, so that importing the same export
-- again changes nothing and a newer export updates what changed: the source (the exporting
-- site's address), the kind of thing (post, brief, comment, category, tag, author, group)
-- and its id there map to our id and a hash of what was imported.
CREATE TABLE import_items (
    source      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    target_id   BIGINT NOT NULL,
    hash        TEXT NOT NULL DEFAULT '',
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (source, kind, source_id)
);

-- legacy_urls are the old site's paths (normalised: no trailing slash, the query kept only
-- for /?p=ID) and what they became: an article, a section or a tag, resolved to the current
-- URL when asked, so that later slug changes are followed. Only the public site's not-found
-- path reads it.
CREATE TABLE legacy_urls (
    path      TEXT PRIMARY KEY,
    kind      TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    language  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX legacy_urls_target ON legacy_urls (kind, target_id);
