-- Newsdesk schema, version 6 (SQLite): full-text search over articles and briefs.
--
-- search_docs maps each indexed article or brief to its document id, which is also the rowid
-- of its row in search_fts. The id orders and filters the index (see search_index.go,
-- docID): bit 62 is set for what is published, bits 55–61 are the language's slot
-- (search_langs), bits 13–54 the time in milliseconds (publication, or the end of the
-- embargo, for what is published; the last change otherwise) and bits 0–12 make it unique.
-- So "public, in this language, published by now, within these dates, newest first" is a
-- rowid range read backwards, inside the full-text index itself.
--
-- search_fts holds the analysed terms (folded and stemmed in Go, see internal/search), not
-- the text: it is contentless. Its three columns are the headline, the standfirst and the
-- body; the headline's and standfirst's terms appear a second time with a prefix (h_, s_),
-- so that "in the headline" has a short list of its own, and the body column ends with
-- filter terms (section, kind, state, owner).

CREATE TABLE search_docs (
    doc_id INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL,
    ref_id BIGINT NOT NULL,
    UNIQUE (kind, ref_id)
);

CREATE VIRTUAL TABLE search_fts USING fts5(head, stand, body, content='', contentless_delete=1,
    tokenize="ascii tokenchars '_'");

-- The words of each language and their terms, for prefix search: the term of a word
-- being typed is not known until it is complete ("escalat" is not a beginning of "escal").
CREATE TABLE search_words (
    language TEXT NOT NULL,
    word     TEXT NOT NULL,
    stem     TEXT NOT NULL,
    PRIMARY KEY (language, word, stem)
) WITHOUT ROWID;

CREATE TABLE search_langs (
    language TEXT PRIMARY KEY,
    slot     INTEGER NOT NULL UNIQUE
);

-- Existing content is indexed by `newsdesk reindex`.
INSERT INTO newsdesk_meta (key, value) SELECT 'search_rebuild', 'needed'
    WHERE EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM briefs);
