-- Newsdesk schema, version 22: an author whose address changed keeps the old one.
--
-- An author's page is at /{lang}/author/{slug} in every language. When a profile edit
-- changes the slug, the slug it had is kept here and its pages answer 301 to the author's
-- pages as they are now, as renamed tags' do (0019). A live author's slug always wins over
-- a row here; an author who takes a kept slug deletes its row, and a new author is never
-- given one (store/authors.go).
CREATE TABLE author_redirects (
    slug      TEXT PRIMARY KEY,
    author_id BIGINT NOT NULL REFERENCES authors(id) ON DELETE CASCADE
);
CREATE INDEX author_redirects_author ON author_redirects (author_id);
