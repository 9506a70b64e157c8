-- Newsdesk schema, version 21: author pages.
--
-- Every author may have a photo (an image of the media library), a name, role and short
-- bio per language (author_texts; an empty field falls back, see content.AuthorProfile)
-- and a short list of links (website, X, Telegram, e-mail …) in the order given. A staff
-- member's author is the authors row with their user_id (the lowest id if an import made
-- more than one); the migration's Go step (linkStaffAuthors in store/authors.go) links the stories the
-- newsroom filed before it to their owner's author.
ALTER TABLE authors ADD COLUMN photo_id BIGINT REFERENCES images(id) ON DELETE SET NULL;
CREATE INDEX authors_user ON authors (user_id);
CREATE TABLE author_texts (
    author_id BIGINT NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
    language  TEXT NOT NULL,
    name      TEXT NOT NULL DEFAULT '',
    role      TEXT NOT NULL DEFAULT '',
    bio       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (author_id, language)
);
CREATE TABLE author_links (
    author_id BIGINT NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    label     TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL,
    PRIMARY KEY (author_id, position)
);
