package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/search"
)

// searchState is the store's part of the search that lives between calls: the analyzer
// and its cache of stems.
type searchState struct {
	once sync.Once
	an   *search.Analyzer
	// rebuildHash is the memory of new terms FTS5 gathers in a rebuild before it writes
	// a segment, in bytes; 0 is rebuildHashMiB (tests make it small).
	rebuildHash int
}

func (s *Store) analyzer() *search.Analyzer {
	s.search.once.Do(func() { s.search.an = search.NewAnalyzer() })
	return s.search.an
}

// Document ids. An id is the row id of a document in the full-text index and orders it:
//
//	bit 62      set when the document is published (public once its time has come)
//	bits 55–61  the language's slot, 1–127 (search_langs)
//	bits 13–54  a time in milliseconds since 1970: for a published document when it
//	            became or becomes public (publication, or the end of its embargo), for
//	            another the time of its last change
//	bits 0–12   a number that makes the id unique
//
// So the public documents of one language that are visible at a time, between two dates,
// are one range of ids, and reading a range backwards reads the newest first.
const (
	docUniqBits = 13
	docTimeBits = 42
	docSlotBits = 7
	docUniqMask = 1<<docUniqBits - 1
	docTimeMax  = 1<<docTimeBits - 1
	docSlotMax  = 1<<docSlotBits - 1
	docPublic   = int64(1) << 62
)

func docID(public bool, slot int, ms, uniq int64) int64 {
	id := int64(slot)<<(docTimeBits+docUniqBits) | clampMS(ms)<<docUniqBits | uniq&docUniqMask
	if public {
		id |= docPublic
	}
	return id
}

// docRange returns the lowest and highest id of the documents of a slot with times in
// [fromMS, toMS].
func docRange(public bool, slot int, fromMS, toMS int64) (lo, hi int64) {
	return docID(public, slot, fromMS, 0), docID(public, slot, toMS, docUniqMask)
}

// docMS returns the time of a document id in milliseconds.
func docMS(id int64) int64 { return id >> docUniqBits & docTimeMax }

func clampMS(ms int64) int64 { return min(max(ms, 0), docTimeMax) }

// toMS converts a stored time (microseconds) to milliseconds.
func toMS(us int64) int64 { return us / 1000 }

// maxTermBytes bounds an index term: longer "words" (a pasted hash, a URL without spaces)
// are not indexed (PostgreSQL refuses lexemes over 2 KB, and nobody searches for them).
const maxTermBytes = 120

// searchSource is what the index needs of an article or a brief.
type searchSource struct {
	kind                      string
	id                        int64
	lang                      string
	status                    string
	published, embargo, at    int64 // microseconds; at is the last change
	section, owner            int64
	headline, standfirst      string
	body                      string // HTML for articles, text for briefs
	dateline, byline, tagText string
}

// public reports whether the document is published (public once its time has come).
func (src *searchSource) public() bool { return src.status == string(content.StatusPublished) }

// timeMS is the time that orders the document: when it becomes public, or its last change.
func (src *searchSource) timeMS() int64 {
	if src.public() {
		return toMS(max(src.published, src.embargo))
	}
	return toMS(src.at)
}

// text analyses a source into the index's terms. words receives each distinct word with
// its term, for the prefix vocabulary (with onlyNew, only those the analyzer had not met:
// a rebuild's writer keeps the set of words already written).
func (src *searchSource) text(an *search.Analyzer, words map[string]string, onlyNew bool) *indexText {
	x := &indexText{}
	add := func(dst *[]string, s string) {
		an.Tokens(src.lang, s, func(t search.Token) {
			if len(t.Term) > maxTermBytes {
				return
			}
			*dst = append(*dst, t.Term)
			if (t.New || !onlyNew) && len(t.Word) <= maxTermBytes {
				words[t.Word] = t.Term
			}
		})
	}
	if src.kind == search.KindBrief {
		// A brief is a paragraph: it counts as a standfirst does.
		add(&x.stand, src.body)
	} else {
		add(&x.head, src.headline)
		add(&x.stand, src.standfirst)
		add(&x.body, search.PlainText(src.body))
	}
	add(&x.body, src.dateline)
	add(&x.body, src.byline)
	add(&x.body, src.tagText)
	x.meta = metaTerms(src.kind, src.section, src.status, src.owner)
	return x
}

// metaTerms are the filter terms of a document. They hold '_', which no analysed word
// does, so no search for words can match them.
func metaTerms(kind string, section int64, status string, owner int64) []string {
	m := []string{kindTerm(kind), "sec_" + strconv.FormatInt(section, 10), "st_" + status}
	if owner != 0 {
		m = append(m, "o_"+strconv.FormatInt(owner, 10))
	}
	return m
}

func kindTerm(kind string) string {
	if kind == search.KindBrief {
		return "k_b"
	}
	return "k_a"
}

// langSlot returns the slot number of a language in document ids, giving it the next
// free one the first time.
func (t *Tx) langSlot(ctx context.Context, lang string) (int, error) {
	var slot int
	err := t.queryRow(ctx, "SELECT slot FROM search_langs WHERE language = ?", lang).Scan(&slot)
	if err == nil {
		return slot, nil
	}
	if !isNoRows(err) {
		return 0, fmt.Errorf("find search slot of %s: %w", lang, err)
	}
	err = t.queryRow(ctx, `INSERT INTO search_langs (language, slot)
		SELECT ?, COALESCE(MAX(slot), 0) + 1 FROM search_langs RETURNING slot`, lang).Scan(&slot)
	if err != nil {
		return 0, fmt.Errorf("give %s a search slot: %w", lang, err)
	}
	if slot > docSlotMax {
		return 0, fmt.Errorf("search index: more than %d languages", docSlotMax)
	}
	return slot, nil
}

// langSlots returns the slots of every indexed language.
func (s *Store) langSlots(ctx context.Context) (map[string]int, error) {
	rows, err := s.query(ctx, "SELECT language, slot FROM search_langs")
	if err != nil {
		return nil, fmt.Errorf("list search slots: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var l string
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			return nil, fmt.Errorf("scan search slot: %w", err)
		}
		out[l] = n
	}
	return out, rows.Err()
}

const articleSourceColumns = `a.id, a.language, a.status, a.published_at, a.embargo_until,
	CASE WHEN a.updated_at > a.created_at THEN a.updated_at ELSE a.created_at END, a.section_id, COALESCE(a.owner_id, 0),
	a.headline, a.standfirst, a.body_html, a.dateline, a.byline FROM articles a`

func scanArticleSource(row interface{ Scan(...any) error }) (searchSource, error) {
	src := searchSource{kind: search.KindArticle}
	err := row.Scan(&src.id, &src.lang, &src.status, &src.published, &src.embargo, &src.at, &src.section, &src.owner,
		&src.headline, &src.standfirst, &src.body, &src.dateline, &src.byline)
	return src, err
}

const briefSourceColumns = `b.id, b.language, b.status, b.published_at, b.published_at, b.created_at, b.section_id,
	COALESCE(b.owner_id, 0), b.text FROM briefs b`

func scanBriefSource(row interface{ Scan(...any) error }) (searchSource, error) {
	src := searchSource{kind: search.KindBrief}
	err := row.Scan(&src.id, &src.lang, &src.status, &src.published, &src.embargo, &src.at, &src.section, &src.owner, &src.body)
	src.embargo = 0
	return src, err
}

// indexArticle brings the index entry of an article up to date with the article as this
// transaction sees it: every write to an article calls it, so the index changes in the
// same transaction as the content.
func (t *Tx) indexArticle(ctx context.Context, id int64) error {
	src, err := scanArticleSource(t.queryRow(ctx, "SELECT "+articleSourceColumns+" WHERE a.id = ?", id))
	if isNoRows(err) {
		return t.unindex(ctx, search.KindArticle, id)
	}
	if err != nil {
		return fmt.Errorf("index article %d: %w", id, err)
	}
	tags, err := tagsOf(ctx, t.s.on(t.tx), id)
	if err != nil {
		return fmt.Errorf("index article %d: %w", id, err)
	}
	names := make([]string, len(tags))
	for i, g := range tags {
		names[i] = g.Name
	}
	src.tagText = strings.Join(names, " ; ")
	return t.indexSource(ctx, &src)
}

// indexBrief brings the index entry of a brief up to date.
func (t *Tx) indexBrief(ctx context.Context, id int64) error {
	src, err := scanBriefSource(t.queryRow(ctx, "SELECT "+briefSourceColumns+" WHERE b.id = ?", id))
	if isNoRows(err) {
		return t.unindex(ctx, search.KindBrief, id)
	}
	if err != nil {
		return fmt.Errorf("index brief %d: %w", id, err)
	}
	return t.indexSource(ctx, &src)
}

// unindex removes a document from the index, if it is there.
func (t *Tx) unindex(ctx context.Context, kind string, ref int64) error {
	var old int64
	err := t.queryRow(ctx, "SELECT doc_id FROM search_docs WHERE kind = ? AND ref_id = ?", kind, ref).Scan(&old)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find %s %d in the search index: %w", kind, ref, err)
	}
	if err := t.s.d.deleteSearchDoc(ctx, t, old); err != nil {
		return fmt.Errorf("remove %s %d from the search index: %w", kind, ref, err)
	}
	return nil
}

func (t *Tx) indexSource(ctx context.Context, src *searchSource) error {
	if err := t.unindex(ctx, src.kind, src.id); err != nil {
		return err
	}
	slot, err := t.langSlot(ctx, src.lang)
	if err != nil {
		return err
	}
	words := map[string]string{}
	x := src.text(t.s.analyzer(), words, false)
	id := docID(src.public(), slot, src.timeMS(), firstUniq(src.kind, src.id))
	for tries := 0; ; tries++ {
		var taken int
		err := t.queryRow(ctx, "SELECT COUNT(*) FROM search_docs WHERE doc_id = ?", id).Scan(&taken)
		if err != nil {
			return fmt.Errorf("index %s %d: %w", src.kind, src.id, err)
		}
		if taken == 0 {
			break
		}
		if tries > 10000 {
			return fmt.Errorf("index %s %d: %w", src.kind, src.id, errors.New("no free document id"))
		}
		id++
	}
	if err := t.s.d.insertSearchDoc(ctx, t, id, src.kind, src.id, x); err != nil {
		return fmt.Errorf("index %s %d: %w", src.kind, src.id, err)
	}
	return t.addWords(ctx, src.lang, words)
}

// firstUniq is the first uniquifier tried for a document: ids of articles and briefs
// differ in their lowest bit, so they rarely meet.
func firstUniq(kind string, id int64) int64 {
	u := id << 1
	if kind == search.KindBrief {
		u |= 1
	}
	return u & docUniqMask
}

// addWords records the words of a language with their terms, for prefix search.
func (t *Tx) addWords(ctx context.Context, lang string, words map[string]string) error {
	const perInsert = 200
	args := make([]any, 0, 3*perInsert)
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		q := "INSERT INTO search_words (language, word, stem) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(args)/3), ", ") + " ON CONFLICT DO NOTHING"
		_, err := t.exec(ctx, q, args...)
		args = args[:0]
		if err != nil {
			return fmt.Errorf("record search words: %w", err)
		}
		return nil
	}
	for w, term := range words {
		args = append(args, lang, w, term)
		if len(args) == 3*perInsert {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// SearchRebuildNeeded reports whether content exists that the search index has not seen:
// after the upgrade that added search, or after a bulk load (store.Loader writes no index
// entries), until `newsdesk reindex` has run. It counts the rows of three tables, so call
// it at start, not per request.
func (s *Store) SearchRebuildNeeded(ctx context.Context) (bool, error) {
	var flagged, docs, indexed int64
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM newsdesk_meta WHERE key = 'search_rebuild' AND value = 'needed'),
		(SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM briefs),
		(SELECT COUNT(*) FROM search_docs)`).Scan(&flagged, &docs, &indexed)
	if err != nil {
		return false, fmt.Errorf("check the search index: %w", err)
	}
	return flagged > 0 || docs != indexed, nil
}

// msOf converts a time to milliseconds, the zero time to 0.
func msOf(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}
