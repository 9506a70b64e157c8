package store

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/search"
)

// ReindexStats says what Reindex did.
type ReindexStats struct {
	Articles, Briefs int
	Took             time.Duration
	// Merge is the part of Took spent merging the new index's segments into one (SQLite).
	Merge time.Duration
	// Segments is the number of segments the writing left to that merge (SQLite): about
	// the index's size over rebuildHashMiB, not one per batch or per document.
	Segments int
}

// reindexCacheMiB is the page cache of the rebuild's connection: it appends to the index's
// tables, and FTS5 keeps what it gathers in memory of its own (rebuildHashMiB).
const reindexCacheMiB = 16

// reindexBatch is the number of documents read, analysed and written together.
const reindexBatch = 500

// Reindex rebuilds the search index from the articles and briefs, in one transaction: a
// search sees the old index until the new one is complete. progress, when not nil, is
// called now and then with the documents written and the total.
//
// Documents are written in the order of their ids (FTS5 appends to its lists when ids
// grow, and merges far less), read and analysed on the spare cores while one writer
// inserts. On SQLite the rebuild holds the write lock throughout, so newsroom saves wait
// for it; on PostgreSQL they wait only if they touch a story's index row.
func (s *Store) Reindex(ctx context.Context, progress func(done, total int)) (ReindexStats, error) {
	start := time.Now()
	var stats ReindexStats
	ld, err := s.NewLoader(ctx, LoaderOptions{CacheMiB: reindexCacheMiB})
	if err != nil {
		return stats, fmt.Errorf("reindex: %w", err)
	}
	defer ld.Close()
	err = ld.WithTx(ctx, func(b *Bulk) error {
		t := b.Tx()
		if err := s.d.clearSearch(ctx, t); err != nil {
			return err
		}
		if err := s.d.bulkIndex(ctx, t, true, s.search.rebuildHash); err != nil {
			return err
		}
		docs, err := reindexPlan(ctx, t)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if d.kind() == search.KindBrief {
				stats.Briefs++
			} else {
				stats.Articles++
			}
		}
		if progress != nil {
			progress(0, len(docs))
		}
		if err := s.reindexDocs(ctx, b, docs, progress); err != nil {
			return err
		}
		if err := s.d.bulkIndex(ctx, t, false, 0); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM newsdesk_meta WHERE key = 'search_rebuild'"); err != nil {
			return fmt.Errorf("clear search rebuild flag: %w", err)
		}
		return nil
	})
	if err != nil {
		return stats, fmt.Errorf("reindex: %w", err)
	}
	if err := ld.Close(); err != nil {
		return stats, fmt.Errorf("reindex: %w", err)
	}
	merge := time.Now()
	if stats.Segments, err = s.mergeIndex(context.WithoutCancel(ctx)); err != nil {
		return stats, fmt.Errorf("reindex: %w", err)
	}
	stats.Merge = time.Since(merge)
	stats.Took = time.Since(start)
	return stats, nil
}

// planned is a document to index: its new id, and which article or brief it is (the
// story's id times two, plus one for a brief). 16 bytes a document: the plan of a rebuild
// is the only part of its memory that grows with the archive (32 MB for 2,000,000
// documents), so it keeps nothing else of a document.
type planned struct {
	id  int64
	ref int64
}

func plan(kind string, ref, id int64) planned {
	p := planned{id: id, ref: ref << 1}
	if kind == search.KindBrief {
		p.ref |= 1
	}
	return p
}

func (d planned) kind() string {
	if d.ref&1 == 1 {
		return search.KindBrief
	}
	return search.KindArticle
}

func (d planned) refID() int64 { return d.ref >> 1 }

// slotShift is the position of the language's slot in a document id.
const slotShift = docTimeBits + docUniqBits

// reindexPlan lists every article and brief with its new document id, in id order. It reads
// the articles from the covering index articles_status_id (on SQLite the table's rows hold
// the bodies: a scan of them reads the whole archive, 16 GB at a million stories), and the
// creation time, which that index lacks, only of the stories not published, where it can
// order the document.
func reindexPlan(ctx context.Context, t *Tx) ([]planned, error) {
	var total int
	if err := t.queryRow(ctx, "SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM briefs)").Scan(&total); err != nil {
		return nil, fmt.Errorf("count documents to index: %w", err)
	}
	docs := make([]planned, 0, total)
	// While the rows are read, a document's id holds the language's place in langs as
	// its slot; the slots are given when the rows are closed (PostgreSQL runs one
	// statement at a time on a transaction).
	var langs []string
	langIdx := map[string]int{}
	var unpublished []int // positions in docs of articles whose time may be their creation
	for _, q := range []struct{ kind, sql string }{
		{search.KindArticle, "SELECT id, language, status, published_at, embargo_until, updated_at FROM articles"},
		{search.KindBrief, "SELECT id, language, status, published_at, 0, created_at FROM briefs"},
	} {
		rows, err := t.tx.QueryContext(ctx, q.sql)
		if err != nil {
			return nil, fmt.Errorf("list %ss: %w", q.kind, err)
		}
		for rows.Next() {
			src := searchSource{kind: q.kind}
			if err := rows.Scan(&src.id, &src.lang, &src.status, &src.published, &src.embargo, &src.at); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan %s: %w", q.kind, err)
			}
			i, ok := langIdx[src.lang]
			if !ok {
				i = len(langs)
				if i > docSlotMax {
					rows.Close()
					return nil, fmt.Errorf("search index: more than %d languages", docSlotMax)
				}
				langIdx[src.lang] = i
				langs = append(langs, src.lang)
			}
			if q.kind == search.KindArticle && !src.public() {
				unpublished = append(unpublished, len(docs))
			}
			docs = append(docs, plan(q.kind, src.id, docID(src.public(), i, src.timeMS(), firstUniq(q.kind, src.id))))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("list %ss: %w", q.kind, err)
		}
	}
	if err := planCreated(ctx, t, docs, unpublished); err != nil {
		return nil, err
	}
	slots := make([]int64, len(langs))
	for i, l := range langs {
		n, err := t.langSlot(ctx, l)
		if err != nil {
			return nil, err
		}
		slots[i] = int64(n)
	}
	for i := range docs {
		id := docs[i].id
		docs[i].id = id&^(docSlotMax<<slotShift) | slots[id>>slotShift&docSlotMax]<<slotShift
	}
	slices.SortFunc(docs, func(a, b planned) int {
		switch {
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	for i := 1; i < len(docs); i++ { // make ids unique, keeping the order
		if docs[i].id <= docs[i-1].id {
			docs[i].id = docs[i-1].id + 1
		}
	}
	return docs, nil
}

// planCreated gives the articles at the positions of docs that are not published the time
// of their creation where it is later than their last change (the time indexArticle
// orders them by), reading those rows only.
func planCreated(ctx context.Context, t *Tx, docs []planned, at []int) error {
	const chunk = 500
	for len(at) > 0 {
		part := at[:min(chunk, len(at))]
		at = at[len(part):]
		ids := make([]any, len(part))
		pos := make(map[int64]int, len(part))
		for k, i := range part {
			ids[k] = docs[i].refID()
			pos[docs[i].refID()] = i
		}
		rows, err := t.tx.QueryContext(ctx, t.s.q("SELECT id, created_at FROM articles WHERE id IN ("+placeholders(len(ids))+")"), ids...)
		if err != nil {
			return fmt.Errorf("list unpublished articles' creation: %w", err)
		}
		for rows.Next() {
			var id, created int64
			if err := rows.Scan(&id, &created); err != nil {
				rows.Close()
				return fmt.Errorf("scan article creation: %w", err)
			}
			d := &docs[pos[id]]
			if ms := clampMS(toMS(created)); ms > docMS(d.id) {
				d.id = d.id&^(docTimeMax<<docUniqBits) | ms<<docUniqBits
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("list unpublished articles' creation: %w", err)
		}
	}
	return nil
}

// analysed is one batch, ready to write: for each document, the values of its index row
// (the three FTS5 columns on SQLite, the tsvector on PostgreSQL) and its words.
type analysed struct {
	docs  []planned
	cols  [][]string // nil where the document was deleted meanwhile
	langs []string
	words []map[string]string
	err   error
}

// maxKnownWords bounds the rebuild's set of the words it has recorded; past it the set
// starts afresh (a word recorded again is skipped by the INSERT's ON CONFLICT).
const maxKnownWords = 1 << 18

// reindexRows is the number of documents one INSERT writes on PostgreSQL.
const reindexRows = 100

// reindexDocs reads, analyses and writes the planned documents: the workers (one a core)
// read and analyse batches, and the one writer inserts them in order.
func (s *Store) reindexDocs(ctx context.Context, b *Bulk, docs []planned, progress func(done, total int)) error {
	n := (len(docs) + reindexBatch - 1) / reindexBatch
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(runtime.GOMAXPROCS(0), 1)
	results := make([]chan analysed, n)
	for i := range results {
		results[i] = make(chan analysed, 1)
	}
	ahead := make(chan struct{}, workers+2)
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := 0; i < n; i++ {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			an := search.NewAnalyzer()
			for i := range jobs {
				batch := docs[i*reindexBatch : min((i+1)*reindexBatch, len(docs))]
				results[i] <- s.analyseBatch(ctx, an, batch)
			}
		}()
	}
	w := reindexWriter{s: s, b: b, known: map[string]bool{}}
	done := 0
	for i := 0; i < n; i++ {
		var a analysed
		select {
		case a = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-ahead
		if a.err != nil {
			return a.err
		}
		if err := w.write(ctx, a); err != nil {
			return err
		}
		done += len(a.docs)
		if progress != nil {
			progress(done, len(docs))
		}
	}
	return nil
}

// reindexWriter inserts analysed batches.
type reindexWriter struct {
	s     *Store
	b     *Bulk
	known map[string]bool // language, word and term already in search_words (the latest of them)
	docs  []any           // arguments of the search_docs INSERT being gathered
	fts   []any           // arguments of the search_fts INSERT (SQLite)
}

func (w *reindexWriter) write(ctx context.Context, a analysed) error {
	pg := w.s.d.postgres
	for j, d := range a.docs {
		cols := a.cols[j]
		if cols == nil { // deleted meanwhile
			continue
		}
		if pg {
			w.docs = append(w.docs, d.id, d.kind(), d.refID(), cols[0])
		} else {
			w.docs = append(w.docs, d.id, d.kind(), d.refID())
			w.fts = append(w.fts, d.id, cols[0], cols[1], cols[2])
		}
		for word, term := range a.words[j] {
			key := a.langs[j] + "\x00" + word + "\x00" + term
			if w.known[key] {
				continue
			}
			if len(w.known) >= maxKnownWords {
				clear(w.known)
			}
			w.known[key] = true
			st, err := w.b.stmt(ctx, "INSERT INTO search_words (language, word, stem) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			if err != nil {
				return err
			}
			if _, err := st.ExecContext(ctx, a.langs[j], word, term); err != nil {
				return fmt.Errorf("record search word: %w", err)
			}
		}
	}
	return w.flush(ctx)
}

// flush inserts the rows gathered so far.
func (w *reindexWriter) flush(ctx context.Context) error {
	docRow, docCols := "(?, ?, ?)", "search_docs (doc_id, kind, ref_id)"
	if w.s.d.postgres {
		docRow, docCols = "(?, ?, ?, CAST(? AS tsvector))", "search_docs (doc_id, kind, ref_id, terms)"
	}
	if err := w.insertRows(ctx, docCols, docRow, w.docs); err != nil {
		return fmt.Errorf("index documents: %w", err)
	}
	if err := w.insertRows(ctx, "search_fts (rowid, head, stand, body)", "(?, ?, ?, ?)", w.fts); err != nil {
		return fmt.Errorf("index documents' terms: %w", err)
	}
	w.docs, w.fts = w.docs[:0], w.fts[:0]
	return nil
}

// insertRows inserts args as rows of the shape row into table: on PostgreSQL reindexRows
// rows a statement (one round trip instead of a hundred), on SQLite one (an INSERT of several
// rows opens a statement savepoint, and FTS5 writes its pending terms out as a new segment
// at every savepoint: thousands of small segments instead of a few large ones).
func (w *reindexWriter) insertRows(ctx context.Context, table, row string, args []any) error {
	per := strings.Count(row, "?")
	rows := 1
	if w.s.d.postgres {
		rows = reindexRows
	}
	for len(args) > 0 {
		k := min(len(args)/per, rows)
		q := "INSERT INTO " + table + " VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", k), ", ")
		st, err := w.b.stmt(ctx, q)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, args[:k*per]...); err != nil {
			return err
		}
		args = args[k*per:]
	}
	return nil
}

// analyseBatch reads a batch's documents and their tags, and analyses them.
func (s *Store) analyseBatch(ctx context.Context, an *search.Analyzer, batch []planned) analysed {
	out := analysed{docs: batch, cols: make([][]string, len(batch)), langs: make([]string, len(batch)),
		words: make([]map[string]string, len(batch))}
	var articles, briefs []any
	for _, d := range batch {
		if d.kind() == search.KindBrief {
			briefs = append(briefs, d.refID())
		} else {
			articles = append(articles, d.refID())
		}
	}
	tags, err := s.tagTexts(ctx, articles)
	if err != nil {
		out.err = err
		return out
	}
	srcs := map[string]map[int64]*searchSource{search.KindArticle: {}, search.KindBrief: {}}
	load := func(kind, cols string, ids []any, scan func(interface{ Scan(...any) error }) (searchSource, error)) error {
		if len(ids) == 0 {
			return nil
		}
		alias := "a"
		if kind == search.KindBrief {
			alias = "b"
		}
		rows, err := s.db.QueryContext(ctx, s.q("SELECT "+cols+" WHERE "+alias+".id IN ("+placeholders(len(ids))+")"), ids...)
		if err != nil {
			return fmt.Errorf("read %ss to index: %w", kind, err)
		}
		defer rows.Close()
		for rows.Next() {
			src, err := scan(rows)
			if err != nil {
				return fmt.Errorf("read %ss to index: %w", kind, err)
			}
			if kind == search.KindArticle { // a brief has no tags (nor the tags of the article with its id)
				src.tagText = tags[src.id]
			}
			srcs[kind][src.id] = &src
		}
		return rows.Err()
	}
	if err := load(search.KindArticle, articleSourceColumns, articles, scanArticleSource); err != nil {
		out.err = err
		return out
	}
	if err := load(search.KindBrief, briefSourceColumns, briefs, scanBriefSource); err != nil {
		out.err = err
		return out
	}
	for i, d := range batch {
		src, ok := srcs[d.kind()][d.refID()]
		if !ok {
			continue
		}
		out.langs[i] = src.lang
		out.words[i] = map[string]string{}
		x := src.text(an, out.words[i], true)
		if s.d.postgres {
			out.cols[i] = []string{x.tsvector()}
		} else {
			head, stand, body := x.fts5()
			out.cols[i] = []string{head, stand, body}
		}
	}
	return out
}

// tagTexts returns the tag names of the articles with the given ids, joined as
// indexArticle joins them.
func (s *Store) tagTexts(ctx context.Context, ids []any) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT x.article_id, g.name FROM article_tags x JOIN tags g ON g.id = x.tag_id
		WHERE x.article_id IN (`+placeholders(len(ids))+`) ORDER BY x.article_id, x.position`), ids...)
	if err != nil {
		return nil, fmt.Errorf("read tags to index: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("read tags to index: %w", err)
		}
		if t, ok := out[id]; ok {
			out[id] = t + " ; " + name
		} else {
			out[id] = name
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read tags to index: %w", err)
	}
	return out, nil
}

// RebuildSearchIfNeeded rebuilds the search index when SearchRebuildNeeded says it lacks
// content (after a bulk load, or the upgrade that added search), logging its progress
// every tenth to the store's logger, and reports whether it rebuilt. `newsdesk serve` runs
// it in the background at start, so that the site's search becomes complete without a
// manual `newsdesk reindex`; searches meanwhile see the old index. A rebuild stopped
// part-way (ctx cancelled, or a crash) changes nothing, and the index stays flagged.
func (s *Store) RebuildSearchIfNeeded(ctx context.Context) (bool, error) {
	need, err := s.SearchRebuildNeeded(ctx)
	if err != nil || !need {
		return false, err
	}
	// Flagged, the index is known to be incomplete until the rebuild commits: the
	// newsroom's headline search reads the stories themselves meanwhile.
	err = s.WithTx(ctx, func(t *Tx) error {
		_, err := t.exec(ctx, `INSERT INTO newsdesk_meta (key, value) VALUES ('search_rebuild', 'needed')
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("flag the search index for its rebuild: %w", err)
	}
	s.log.Info("search_rebuild_started")
	step := -1
	stats, err := s.Reindex(ctx, func(done, total int) {
		if total == 0 {
			return
		}
		if tenth := done * 10 / total; tenth != step {
			step = tenth
			s.log.Info("search_rebuild_progress", "done", done, "total", total)
		}
	})
	if err != nil {
		return false, err
	}
	s.log.Info("search_rebuild_done", "articles", stats.Articles, "briefs", stats.Briefs,
		"took_ms", stats.Took.Milliseconds())
	return true, nil
}
