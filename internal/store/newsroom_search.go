package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/search"
)

// The newsroom's headline search (newsroom.ArticleQuery.Search).
//
// It finds stories by the words of their headlines as the public search finds words
// (search.ParseQuery's syntax: every word is required, "a phrase" in quotes, -word
// excludes; the last word, still being typed, also stands for the words it begins; words
// are folded for case and accents and stemmed, so "baku" finds "Baku's"), and the list
// keeps its order and its other filters. A capped count of the matches in the full-text
// index (its headline terms, with the state, section and owner terms it holds) chooses
// one of three ways, which give the same stories:
//
//   - Few matches (at most newsroomJoinMax): the ids of the matching stories are read
//     from the index, then the stories by id, with the other filters, and sorted. The
//     cost follows the number of matches: names, rarer words, and every search that finds
//     nothing.
//   - More (at most newsroomSetMax): the list is read in its order from its own index,
//     and each story looked up in the set of the matching stories' ids, until the page is
//     full. The cost follows the matches (a lookup of each in the index's table of
//     documents) plus the list entries read before the page is full (a fraction of that
//     each).
//   - Very common words: the list is read in its order with the headlines, which are
//     analysed in Go until the page is full; such a word fills a page after a few hundred
//     or thousand stories.
//
// While the index lacks content (a bulk load waits for its rebuild, which `serve` starts
// in the background), every search takes the third way: slower, but complete.

// The bounds of the ways (see above), at a hundred thousand to a million stories: the
// first way reads each match with its story (a few microseconds), the second looks each
// match up once and reads the list's index (a tenth of a microsecond an entry), the third
// reads each story of the list with its headline and analyses it.
const (
	newsroomJoinMax  = 1000
	newsroomSetMax   = 10000
	newsroomSetMaxPG = 1000
)

// headlineBounds are the bounds of the ways; tests change them per store, to send every
// search each way.
type headlineBounds struct {
	set             bool
	joinMax, setMax int
}

func (s *Store) headlineWays() (joinMax, setMax int) {
	if s.headline.set {
		return s.headline.joinMax, s.headline.setMax
	}
	if s.d.postgres {
		return newsroomJoinMax, newsroomSetMaxPG
	}
	return newsroomJoinMax, newsroomSetMax
}

// Chunks of a read in the list's order: the first, and the largest they grow to.
const (
	newsroomScanFirst = 256
	newsroomScanMax   = 4096
)

type searchWay int

const (
	wayJoin searchWay = iota
	waySet
	wayScan
)

// headlineSearch is a newsroom search, analysed for each language when it is first needed.
type headlineSearch struct {
	q     search.Query
	plans map[string]*langPlan // nil: the query has no term in that language
}

func newHeadlineSearch(text string) *headlineSearch {
	return &headlineSearch{q: search.ParseQuery(text), plans: map[string]*langPlan{}}
}

// plan returns the query's plan for a language, nil when nothing can match in it.
func (h *headlineSearch) plan(ctx context.Context, s *Store, lang string) (*langPlan, error) {
	if lp, ok := h.plans[lang]; ok {
		return lp, nil
	}
	lp, err := s.planFor(ctx, s.analyzer(), lang, h.q)
	if err != nil {
		return nil, fmt.Errorf("search headlines: %w", err)
	}
	var p *langPlan
	if !lp.plan.Empty() {
		p = &lp
	}
	h.plans[lang] = p
	return p, nil
}

// headlineMatches reports whether a headline of the plan's language has every included
// part and no excluded one, as the index would say: the same terms, in the same order.
func (s *Store) headlineMatches(lp *langPlan, headline string) bool {
	var terms []string
	s.analyzer().Tokens(lp.lang, headline, func(t search.Token) {
		if len(t.Term) <= maxTermBytes { // longer ones are not indexed
			terms = append(terms, t.Term)
		}
	})
	has := func(phrase []string, lasts []string) bool {
		n := len(phrase)
		for i := 0; i+n <= len(terms); i++ {
			if slices.Equal(terms[i:i+n-1], phrase[:n-1]) && slices.Contains(lasts, terms[i+n-1]) {
				return true
			}
		}
		return false
	}
	for i, p := range lp.plan.Include {
		if !has(p.Terms, lp.lasts[i]) {
			return false
		}
	}
	for _, p := range lp.plan.Exclude {
		if has(p.Terms, p.Terms[len(p.Terms)-1:]) {
			return false
		}
	}
	return true
}

// searchIndexComplete reports whether the search index holds every story and brief: not
// after a bulk load until its rebuild has committed.
func (s *Store) searchIndexComplete(ctx context.Context) (bool, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM newsdesk_meta WHERE key = 'search_rebuild' AND value = 'needed'").Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check the search index: %w", err)
	}
	return n == 0, nil
}

// docQuery is one full-text query over one range of document ids.
type docQuery struct {
	q      string
	lo, hi int64
	public bool // the range of published documents
}

// indexQueries returns the full-text queries that find the stories whose headlines match
// in each language q may list, with the filters the index holds.
func (s *Store) indexQueries(ctx context.Context, q newsroom.ArticleQuery, h *headlineSearch) ([]docQuery, error) {
	slots, err := s.langSlots(ctx)
	if err != nil {
		return nil, err
	}
	var langs []string
	if q.Language != "" {
		langs = []string{q.Language}
	} else {
		for l := range slots {
			langs = append(langs, l)
		}
		slices.Sort(langs)
	}
	// Only stories have headline terms (h_…): no term for the kind is needed (on
	// PostgreSQL, its list of every story would cost the GIN index a few milliseconds).
	var filters []match
	if q.Status != "" && q.Status != content.StatusPublished {
		filters = append(filters, termMatch("st_"+string(q.Status)))
	}
	if q.SectionID != 0 {
		filters = append(filters, termMatch("sec_"+strconv.FormatInt(q.SectionID, 10)))
	}
	if q.OwnerID != 0 {
		filters = append(filters, termMatch("o_"+strconv.FormatInt(q.OwnerID, 10)))
	}
	var out []docQuery
	for _, lang := range langs {
		slot, ok := slots[lang]
		if !ok {
			continue // nothing of the language is indexed
		}
		lp, err := h.plan(ctx, s, lang)
		if err != nil {
			return nil, err
		}
		if lp == nil {
			continue
		}
		m := slices.Clone(filters)
		for _, p := range lp.parts {
			m = append(m, p.field("h_"))
		}
		all := andMatch(m...)
		if len(lp.not) > 0 {
			all = andNotMatch(all, orMatch(lp.not...).field("h_"))
		}
		rendered := s.d.render(all)
		for _, public := range []bool{true, false} {
			if (public && q.Status != "" && q.Status != content.StatusPublished) || (!public && q.Status == content.StatusPublished) {
				continue
			}
			lo, hi := docRange(public, slot, 0, docTimeMax)
			out = append(out, docQuery{rendered, lo, hi, public})
		}
	}
	return out, nil
}

// countIndexMatches counts the documents the queries match, up to limit.
func (s *Store) countIndexMatches(ctx context.Context, dqs []docQuery, limit int) (int, error) {
	total := 0
	for _, dq := range dqs {
		var n int
		if err := s.queryRow(ctx, s.d.matchedCountSQL(), dq.q, dq.lo, dq.hi, limit-total).Scan(&n); err != nil {
			return 0, fmt.Errorf("search headlines: count matches: %w", err)
		}
		if total += n; total >= limit {
			break
		}
	}
	return total, nil
}

// indexRefs is the statement that lists the ids of the stories the queries match, as
// column ref.
func (s *Store) indexRefs(dqs []docQuery) (string, []any) {
	subs := make([]string, len(dqs))
	args := make([]any, 0, 3*len(dqs))
	for i, dq := range dqs {
		subs[i] = "SELECT ref FROM (" + s.d.matchedArticlesSQL() + ") m" + strconv.Itoa(i)
		args = append(args, dq.q, dq.lo, dq.hi, int64(1)<<62) // every match
	}
	return strings.Join(subs, " UNION ALL "), args
}

// indexFrom is the FROM clause of the stories the queries match, as articles a.
func (s *Store) indexFrom(dqs []docQuery) (string, []any) {
	refs, args := s.indexRefs(dqs)
	return "(" + refs + ") m " + s.d.joinInOrder() + " articles a ON a.id = m.ref", args
}

// searchWay decides how a search is read, and returns the matching stories' ids for the
// first two ways. On SQLite a capped count of the matches comes first (cheaper there than
// reading their ids); on PostgreSQL the count would build the same bitmap of matches as
// reading them, so the ids are read at once, up to the bound.
func (s *Store) searchWay(ctx context.Context, q newsroom.ArticleQuery, h *headlineSearch) (way searchWay, published, others []int64, err error) {
	complete, err := s.searchIndexComplete(ctx)
	if err != nil || !complete {
		return wayScan, nil, nil, err
	}
	dqs, err := s.indexQueries(ctx, q, h)
	if err != nil {
		return wayScan, nil, nil, err
	}
	joinMax, setMax := s.headlineWays()
	limit := max(setMax, joinMax) + 1
	if !s.d.postgres {
		n, err := s.countIndexMatches(ctx, dqs, limit)
		if err != nil || n >= limit {
			return wayScan, nil, nil, err
		}
	}
	if published, others, err = s.matchedArticles(ctx, dqs, limit); err != nil {
		return wayScan, nil, nil, err
	}
	switch n := len(published) + len(others); {
	case n <= joinMax:
		return wayJoin, published, others, nil
	case n <= setMax:
		return waySet, published, others, nil
	}
	return wayScan, nil, nil, nil
}

// newsroomSearchPage returns the ids of the page of a newsroom list that searches its
// headlines, in the list's order.
func (s *Store) newsroomSearchPage(ctx context.Context, q newsroom.ArticleQuery) ([]int64, error) {
	h := newHeadlineSearch(q.Search)
	if h.q.Empty() {
		return nil, nil // no word to look for: nothing matches
	}
	way, published, others, err := s.searchWay(ctx, q, h)
	if err != nil {
		return nil, err
	}
	if way == wayScan {
		ids, _, err := s.scanList(ctx, q, true, h.keep(ctx, s), q.Offset+q.Limit)
		if err != nil {
			return nil, err
		}
		return ids[min(q.Offset, len(ids)):], nil
	}
	if len(published)+len(others) == 0 {
		return nil, nil
	}
	order := newsroomOrder(q)
	where, wargs := newsroomFilter(q)
	var query string
	var args []any
	if way == wayJoin {
		// The published stories are read through an index that holds their state, times,
		// language and section (on SQLite these come after the bodies in a story's row: at
		// a million stories, pages that are seldom in memory).
		query = "SELECT a.id, " + order.col + " AS k FROM " + s.d.idsJoinArticles("articles_status_id") +
			" AND a.status = 'published' WHERE " + where + " UNION ALL SELECT a.id, " + order.col + " AS k FROM " +
			s.d.idsJoinArticles("") + " WHERE " + where
		args = append(append(append([]any{s.d.idList(published)}, wargs...), s.d.idList(others)), wargs...)
		query = "SELECT id FROM (" + query + ") m ORDER BY k" + map[bool]string{true: " DESC, id DESC", false: ", id"}[order.desc]
	} else {
		// "+a.id": the list's order leads, the matches are a set to look each story up in.
		query = "SELECT a.id FROM articles a WHERE " + where + " AND " + s.d.inIDs("+a.id") + " ORDER BY " + order.sql()
		args = append(wargs, s.d.idList(append(published, others...)))
	}
	ids, err := s.listIDs(ctx, query+" LIMIT ? OFFSET ?", append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("search headlines: %w", err)
	}
	return ids, nil
}

// matchedArticles returns the ids of the stories the queries match, published and others,
// up to limit in all, one query at a time (PostgreSQL would plan their union for a thousand
// rows and start parallel workers).
func (s *Store) matchedArticles(ctx context.Context, dqs []docQuery, limit int) (published, others []int64, err error) {
	for _, dq := range dqs {
		n := len(published) + len(others)
		if n >= limit {
			break
		}
		ids, err := s.listIDs(ctx, s.d.matchedArticlesSQL(), dq.q, dq.lo, dq.hi, limit-n)
		if err != nil {
			return nil, nil, fmt.Errorf("search headlines: %w", err)
		}
		if dq.public {
			published = append(published, ids...)
		} else {
			others = append(others, ids...)
		}
	}
	return published, others, nil
}

// countNewsroomSearch counts the stories a newsroom list that searches its headlines
// holds. From the index it counts every match, however many; while the index is
// incomplete it reads every story the other filters keep.
func (s *Store) countNewsroomSearch(ctx context.Context, q newsroom.ArticleQuery) (int, error) {
	h := newHeadlineSearch(q.Search)
	if h.q.Empty() {
		return 0, nil
	}
	complete, err := s.searchIndexComplete(ctx)
	if err != nil {
		return 0, err
	}
	if !complete {
		_, n, err := s.scanList(ctx, q, true, h.keep(ctx, s), -1)
		return n, err
	}
	dqs, err := s.indexQueries(ctx, q, h)
	if err != nil || len(dqs) == 0 {
		return 0, err
	}
	from, args := s.indexFrom(dqs)
	where, wargs := newsroomFilter(q)
	var n int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM "+from+" WHERE "+where, append(args, wargs...)...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count headline search: %w", err)
	}
	return n, nil
}

// keep is the test of the third way: the headline matches in its language.
func (h *headlineSearch) keep(ctx context.Context, s *Store) func(r listRow) (bool, error) {
	return func(r listRow) (bool, error) {
		lp, err := h.plan(ctx, s, r.lang)
		if err != nil || lp == nil {
			return false, err
		}
		return s.headlineMatches(lp, r.headline), nil
	}
}

// listRow is a story read in a list's order.
type listRow struct {
	id, key        int64
	lang, headline string
}

// scanList reads the stories q's filters keep in the list's order, a chunk at a time
// (with their headlines when headlines is set), and returns the ids of the first want
// that keep accepts (every one when want < 0) and how many it accepted.
func (s *Store) scanList(ctx context.Context, q newsroom.ArticleQuery, headlines bool, keep func(listRow) (bool, error), want int) ([]int64, int, error) {
	order := newsroomOrder(q)
	cmp := ">"
	if order.desc {
		cmp = "<"
	}
	cols := "a.id, " + order.col
	if headlines {
		cols += ", a.language, a.headline"
	}
	var ids []int64
	kept := 0
	var after *listRow
	chunk := newsroomScanFirst
	for {
		where, args := newsroomFilter(q)
		if after != nil {
			where += " AND (" + order.col + ", a.id) " + cmp + " (?, ?)"
			args = append(args, after.key, after.id)
		}
		args = append(args, chunk)
		rows, err := s.query(ctx, "SELECT "+cols+" FROM articles a WHERE "+where+" ORDER BY "+order.sql()+" LIMIT ?", args...)
		if err != nil {
			return nil, 0, fmt.Errorf("search headlines in the list: %w", err)
		}
		batch := make([]listRow, 0, chunk)
		for rows.Next() {
			var r listRow
			dst := []any{&r.id, &r.key}
			if headlines {
				dst = append(dst, &r.lang, &r.headline)
			}
			if err := rows.Scan(dst...); err != nil {
				rows.Close()
				return nil, 0, fmt.Errorf("search headlines in the list: %w", err)
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, fmt.Errorf("search headlines in the list: %w", err)
		}
		for _, r := range batch {
			ok, err := keep(r)
			if err != nil {
				return nil, 0, err
			}
			if !ok {
				continue
			}
			kept++
			if want >= 0 {
				ids = append(ids, r.id)
				if kept >= want {
					return ids, kept, nil
				}
			}
		}
		if len(batch) < chunk {
			return ids, kept, nil
		}
		after = &batch[len(batch)-1]
		chunk = min(2*chunk, newsroomScanMax)
	}
}
