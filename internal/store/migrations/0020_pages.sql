-- Newsdesk schema, version 20: pages — About, Contacts, Editorial standards, Corrections
-- policy… — standing pages of the site, one per language, written by admins.
--
-- A page is public at /{language}/page/{slug} once published (status 'published'); a draft
-- is seen only in the newsroom. Published pages with in_footer set are listed in the
-- footer of their language's pages, by position and then title. group_id links
-- translations as tags' does: 0 is a page linked to no other; otherwise it is the id of one
-- of the group's pages, and a group has at most one page per language.
CREATE TABLE pages (
    id           {{id}},
    language     TEXT NOT NULL REFERENCES languages(code),
    slug         TEXT NOT NULL,
    title        TEXT NOT NULL,
    body_md      TEXT NOT NULL DEFAULT '',
    body_html    TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'draft',
    in_footer    BOOLEAN NOT NULL DEFAULT TRUE,
    position     INTEGER NOT NULL DEFAULT 0,
    group_id     BIGINT NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    published_at BIGINT NOT NULL DEFAULT 0,
    UNIQUE (language, slug)
);
CREATE UNIQUE INDEX pages_group_language ON pages (group_id, language) WHERE group_id <> 0;
CREATE INDEX pages_footer ON pages (language, status, position);
