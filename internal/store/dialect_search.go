package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// The full-text search's differences between SQLite (FTS5) and PostgreSQL (tsvector and
// tsquery), in one place. Everything else of the search (terms, document ids, ranking
// levels, snippets) is shared; see search.go and search_index.go.

// match is a full-text query as a tree, rendered to FTS5 MATCH syntax or to a tsquery.
// Terms are only ever index terms made by the analyzer (letters, digits and '_'), and each
// is quoted, so nothing a visitor types can act as an operator of either syntax.
type match struct {
	op    matchOp
	terms []string // opTerm: one; opPhrase: several, in order
	kids  []match
}

type matchOp int

const (
	opTerm   matchOp = iota
	opPhrase         // the terms next to each other, in order
	opAnd
	opOr
	opAndNot // kids[0] and not kids[1]
)

func termMatch(t string) match { return match{op: opTerm, terms: []string{t}} }

// phraseMatch matches terms next to each other, in order; a single term is a term.
func phraseMatch(terms []string) match {
	if len(terms) == 1 {
		return termMatch(terms[0])
	}
	return match{op: opPhrase, terms: terms}
}

func andMatch(ms ...match) match {
	if len(ms) == 1 {
		return ms[0]
	}
	return match{op: opAnd, kids: ms}
}

func orMatch(ms ...match) match {
	if len(ms) == 1 {
		return ms[0]
	}
	return match{op: opOr, kids: ms}
}

func andNotMatch(a, b match) match { return match{op: opAndNot, kids: []match{a, b}} }

// field returns m with every term given the prefix of a field ("h_" for the headline).
func (m match) field(prefix string) match {
	out := m
	if len(m.terms) > 0 {
		out.terms = make([]string, len(m.terms))
		for i, t := range m.terms {
			out.terms[i] = prefix + t
		}
	}
	if len(m.kids) > 0 {
		out.kids = make([]match, len(m.kids))
		for i, k := range m.kids {
			out.kids[i] = k.field(prefix)
		}
	}
	return out
}

// render writes m in the dialect's query syntax.
func (d dialect) render(m match) string {
	var b strings.Builder
	d.renderTo(&b, m)
	return b.String()
}

func (d dialect) renderTo(b *strings.Builder, m match) {
	switch m.op {
	case opTerm, opPhrase:
		if !d.postgres {
			// FTS5: a quoted string of several tokens is a phrase.
			b.WriteByte('"')
			b.WriteString(strings.Join(m.terms, " "))
			b.WriteByte('"')
			return
		}
		if len(m.terms) > 1 {
			b.WriteByte('(')
		}
		for i, t := range m.terms {
			if i > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString("'" + t + "'")
		}
		if len(m.terms) > 1 {
			b.WriteByte(')')
		}
	case opAnd, opOr:
		sep := map[bool]string{false: " AND ", true: " & "}[d.postgres]
		if m.op == opOr {
			sep = map[bool]string{false: " OR ", true: " | "}[d.postgres]
		}
		b.WriteByte('(')
		for i, k := range m.kids {
			if i > 0 {
				b.WriteString(sep)
			}
			d.renderTo(b, k)
		}
		b.WriteByte(')')
	case opAndNot:
		b.WriteByte('(')
		d.renderTo(b, m.kids[0])
		if d.postgres {
			b.WriteString(" & !")
		} else {
			b.WriteString(" NOT ")
		}
		d.renderTo(b, m.kids[1])
		b.WriteByte(')')
	}
}

// searchCountSQL counts the documents matching a query (parameter 1) with ids in a range
// (parameters 2 and 3), up to parameter 4.
func (d dialect) searchCountSQL() string {
	if d.postgres {
		return `SELECT COUNT(*) FROM (SELECT 1 FROM search_docs WHERE terms @@ CAST(? AS tsquery) AND doc_id BETWEEN ? AND ?
			LIMIT ?) m`
	}
	return "SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?)"
}

// searchIDsSQL lists, highest first, the ids of the documents matching a query (parameter
// 1) with ids in a range (parameters 2 and 3), at most parameter 4 of them.
func (d dialect) searchIDsSQL() string {
	if d.postgres {
		return `SELECT doc_id FROM search_docs WHERE terms @@ CAST(? AS tsquery) AND doc_id BETWEEN ? AND ?
			ORDER BY doc_id DESC LIMIT ?`
	}
	return "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?"
}

// The newsroom's headline search (newsroom_search.go) asks the index for every match in
// a range of ids, not for the newest few: on PostgreSQL the range is written "doc_id + 0",
// so that no plan reads the range through the primary key and tests each row's terms (the
// generic plan of a prepared statement did, 0.5–2 s on 100,000 stories); the terms' GIN
// index leads.

// matchedCountSQL counts the documents matching a query (parameter 1) with ids in a range
// (parameters 2 and 3), up to parameter 4.
func (d dialect) matchedCountSQL() string {
	if d.postgres {
		return `SELECT COUNT(*) FROM (SELECT 1 FROM search_docs WHERE terms @@ CAST(? AS tsquery) AND doc_id + 0 BETWEEN ? AND ?
			LIMIT ?) m`
	}
	return d.searchCountSQL()
}

// matchedArticlesSQL lists, as column ref, the ids of the articles whose documents match a
// query (parameter 1) with ids in a range (parameters 2 and 3), at most parameter 4 of
// them.
func (d dialect) matchedArticlesSQL() string {
	if d.postgres {
		return `SELECT ref_id AS ref FROM search_docs WHERE terms @@ CAST(? AS tsquery) AND doc_id + 0 BETWEEN ? AND ?
			AND kind = 'article' LIMIT ?`
	}
	return `SELECT d.ref_id AS ref FROM search_fts f CROSS JOIN search_docs d ON d.doc_id = f.rowid
		WHERE f.search_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND d.kind = 'article' LIMIT ?`
}

// idsJoinArticles is the FROM clause of the stories whose ids are a list (one parameter,
// idList), as articles a, read by id whatever the other conditions (SQLite's planner would
// rather read the list's index of a state or section in order and look each row up in the
// list), through the named index on SQLite when it is not empty. It ends in the join's
// condition, so that more can be added.
func (d dialect) idsJoinArticles(index string) string {
	if d.postgres {
		return "unnest(CAST(? AS bigint[])) AS j(value) JOIN articles a ON a.id = j.value"
	}
	if index != "" {
		return "json_each(?) j CROSS JOIN articles a INDEXED BY " + index + " ON a.id = j.value"
	}
	return "json_each(?) j CROSS JOIN articles a ON a.id = j.value"
}

// joinInOrder is the join that SQLite must take in the order written (its planner would
// otherwise read the index's mapping table whole and look each row up in the full-text
// index); PostgreSQL plans by its statistics.
func (d dialect) joinInOrder() string {
	if d.postgres {
		return "JOIN"
	}
	return "CROSS JOIN"
}

// indexText is a document's terms by field, as the index stores them.
type indexText struct {
	head, stand, body []string // analysed terms in order
	meta              []string // filter terms, appended to the body
}

// insertSearchDoc writes a document's row (and, on SQLite, its full-text row).
func (d dialect) insertSearchDoc(ctx context.Context, t *Tx, id int64, kind string, ref int64, x *indexText) error {
	if d.postgres {
		_, err := t.exec(ctx, "INSERT INTO search_docs (doc_id, kind, ref_id, terms) VALUES (?, ?, ?, CAST(? AS tsvector))",
			id, kind, ref, x.tsvector())
		return err
	}
	if _, err := t.exec(ctx, "INSERT INTO search_docs (doc_id, kind, ref_id) VALUES (?, ?, ?)", id, kind, ref); err != nil {
		return err
	}
	head, stand, body := x.fts5()
	_, err := t.exec(ctx, "INSERT INTO search_fts (rowid, head, stand, body) VALUES (?, ?, ?, ?)", id, head, stand, body)
	return err
}

// deleteSearchDoc removes a document from the index.
func (d dialect) deleteSearchDoc(ctx context.Context, t *Tx, id int64) error {
	if !d.postgres {
		if _, err := t.exec(ctx, "DELETE FROM search_fts WHERE rowid = ?", id); err != nil {
			return err
		}
	}
	_, err := t.exec(ctx, "DELETE FROM search_docs WHERE doc_id = ?", id)
	return err
}

// clearSearch empties the index, for a rebuild.
func (d dialect) clearSearch(ctx context.Context, t *Tx) error {
	stmts := []string{"DELETE FROM search_docs", "DELETE FROM search_words"}
	if !d.postgres {
		stmts = append(stmts, "INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
	}
	for _, q := range stmts {
		if _, err := t.exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// rebuildHashMiB is the memory of new terms FTS5 gathers during a rebuild before it writes
// them out as a segment: a segment is about as large, so it decides how many segments the
// final merge reads (the 4.4 GB index of a million stories: about 140 instead of 560 at 8 MiB;
// more memory makes fewer, but the merge of 140 costs little more than that of 70).
const rebuildHashMiB = 32

// bulkIndex prepares the index for a rebuild (on) and puts it back (off). On SQLite,
// FTS5 keeps rebuildHashMiB of new terms in memory instead of 1 MiB before writing a
// segment, and merges nothing meanwhile, so a rebuild writes a few large segments instead
// of many small ones that it would merge again and again; afterwards (mergeIndex) the
// segments are merged into one.
func (d dialect) bulkIndex(ctx context.Context, t *Tx, on bool, hash int) error {
	if d.postgres {
		return nil
	}
	if hash <= 0 {
		hash = rebuildHashMiB << 20
	}
	stmts := []string{fmt.Sprintf("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', %d)", hash),
		"INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)",
		"INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 1999)"}
	if !on {
		stmts = []string{"INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 1048576)",
			"INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 4)",
			"INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 16)"}
	}
	for _, q := range stmts {
		if _, err := t.exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// searchStats are the SQLite statements that give FTS5's shadow tables (search_fts_data,
// search_fts_idx, …) the planner statistics of a large table, and make the connection that
// runs them load the statistics again (others load them when they next read the schema).
// FTS5 deletes the pages of the segments it merges with "DELETE FROM search_fts_data WHERE
// id>=? AND id<=?". With a statistic taken while the index was empty (2 rows: the optimize
// pragma after the migrations of a new database takes one) the planner prefers a scan of
// the whole table to that rowid range, so every step of a merge read the whole index
// again: the final merge of the 100k edition's rebuild ran for more than 15 minutes
// instead of about 10 seconds, and merges after saves scanned the index too. FTS5 reads
// its tables only by rowid and by key, so the statistic need only say "large"; a
// connection keeps a table's row estimate until it reads the schema again, even when the
// row of sqlite_stat1 is deleted, so the row is replaced rather than dropped.
var searchStats = []string{
	`DELETE FROM sqlite_stat1 WHERE tbl LIKE 'search\_fts\_%' ESCAPE '\'`,
	"INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('search_fts_data', NULL, '1000000')",
	"ANALYZE sqlite_schema",
}

// mergeIndex merges a rebuilt SQLite index's segments into one, in a transaction of its
// own after the rebuild's has committed and the log has been copied into the database
// file: read inside the rebuild's transaction, the new segments come back from the
// write-ahead log one system call a page (two thirds of a 100k rebuild's time); from the
// file they come through the memory map. Until it is done the index answers from its
// few large segments, correctly. It runs on a connection of its own that first sets the
// statistics of the index's tables (searchStats: with a stale one the merge reads the
// whole index at every step), whoever took them.
func (s *Store) mergeIndex(ctx context.Context) (segments int, err error) {
	if s.d.postgres {
		return 0, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("merge the search index: get connection: %w", err)
	}
	defer conn.Close()
	for _, q := range searchStats {
		if _, err := conn.ExecContext(ctx, q); err != nil && !strings.Contains(err.Error(), "no such table") {
			return 0, fmt.Errorf("merge the search index: %s: %w", q, err)
		}
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)"); err != nil {
		return 0, fmt.Errorf("checkpoint before merging the search index: %w", err)
	}
	// Every segment has a row in search_fts_idx for its first leaf.
	if err := conn.QueryRowContext(ctx, "SELECT COUNT(DISTINCT segid) FROM search_fts_idx").Scan(&segments); err != nil {
		return 0, fmt.Errorf("count the search index's segments: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "INSERT INTO search_fts (search_fts) VALUES ('optimize')"); err != nil {
		return 0, fmt.Errorf("merge the search index: %w", err)
	}
	return segments, nil
}

// fts5 returns the three columns of the FTS5 row: in the headline and standfirst columns
// the terms and then the same terms with the field's prefix, in the body column the terms
// and then the filter terms.
func (x *indexText) fts5() (head, stand, body string) {
	join := func(prefix string, a []string, extra []string, b []string) string {
		var sb strings.Builder
		n := 0
		for _, t := range a {
			n += len(t) + 1
		}
		sb.Grow(2*n + len(prefix)*len(a) + 64)
		for _, t := range a {
			sb.WriteString(t)
			sb.WriteByte(' ')
		}
		if prefix != "" {
			for _, t := range a {
				sb.WriteString(prefix)
				sb.WriteString(t)
				sb.WriteByte(' ')
			}
		}
		for _, t := range extra {
			sb.WriteString(t)
			sb.WriteByte(' ')
		}
		for _, t := range b {
			sb.WriteString(t)
			sb.WriteByte(' ')
		}
		return sb.String()
	}
	return join("h_", x.head, nil, nil), join("s_", x.stand, nil, nil), join("", x.body, nil, x.meta)
}

// tsvector returns the document as a tsvector literal with positions. Fields are kept
// apart by a gap of one position, so that a phrase cannot run from one into the next, as
// FTS5's columns keep them apart. PostgreSQL keeps at most 256 positions of a lexeme and
// no position past 16383; later occurrences still count for matching single words.
func (x *indexText) tsvector() string {
	const maxPos, maxPerLexeme = 16383, 256
	pos := map[string][]int{}
	var order []string
	p := 0
	add := func(prefix string, terms []string) {
		p++ // the gap between fields
		for _, t := range terms {
			p++
			t = prefix + t
			ps, ok := pos[t]
			if !ok {
				order = append(order, t)
			}
			if len(ps) < maxPerLexeme {
				pos[t] = append(ps, min(p, maxPos))
			}
		}
	}
	add("", x.head)
	add("h_", x.head)
	add("", x.stand)
	add("s_", x.stand)
	add("", x.body)
	add("", x.meta)
	var b strings.Builder
	b.Grow(len(order) * 16)
	for i, t := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("'" + t + "':")
		last := -1
		first := true
		for _, q := range pos[t] {
			if q == last { // positions clamped to the maximum appear once
				continue
			}
			if !first {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(q))
			last, first = q, false
		}
	}
	return b.String()
}
