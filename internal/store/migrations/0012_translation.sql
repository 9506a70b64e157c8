-- Newsdesk schema, version 12: translation side by side.
--
-- Tags are per language already; a tag now links to its translations through a group:
-- the tags of one group (one per language) are the same subject in several languages.
-- group_id 0 is a tag linked to no other; otherwise it is the id of one of the group's tags.
-- A tag made when a story was translated, with its source's name because nobody had
-- translated it yet, is marked untranslated until an editor names it.
ALTER TABLE tags ADD COLUMN group_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tags ADD COLUMN untranslated BOOLEAN NOT NULL DEFAULT FALSE;
CREATE UNIQUE INDEX tags_group_language ON tags (group_id, language) WHERE group_id <> 0;

-- An image's alt text and caption in other languages than its own (images.alt and
-- images.caption stay the default, shown where a language has no text of its own).
CREATE TABLE image_texts (
    image_id BIGINT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    language TEXT NOT NULL REFERENCES languages(code),
    alt      TEXT NOT NULL DEFAULT '',
    caption  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (image_id, language)
);
