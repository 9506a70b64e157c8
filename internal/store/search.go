package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/search"
)

// Search runs a full-text search (search.Searcher) on either database.
//
// Ranking. Results come in levels, and newest first within a level:
//
//  1. every word (or phrase) of the query is in the headline;
//  2. every word is in the headline or the standfirst;
//  3. some word is in the headline;
//  4. some word is in the headline or the standfirst;
//  5. the words are in the text.
//
// (For a one-word query that is: headline, standfirst, text.) So the headline weighs
// more than the standfirst, the standfirst more than the body, and recency decides
// between equals. Each level is a query of its own, read newest first from the index and
// stopped as soon as the page is full, and the total is one count: the cost of a search
// follows the size of a page, not the number of matches, which is what keeps a one-word
// query over a hundred thousand stories within a few milliseconds. For the same reason
// the count stops at search.MaxResults, the deepest result a page can show.
func (s *Store) Search(ctx context.Context, r search.Request) (search.Results, error) {
	var res search.Results
	if r.Limit <= 0 {
		r.Limit = 20
	}
	r.Offset = max(r.Offset, 0)
	if r.Offset+r.Limit > search.MaxResults || r.Query.Empty() {
		return res, nil
	}
	slots, err := s.langSlots(ctx)
	if err != nil {
		return res, err
	}
	langs := r.Languages
	if len(langs) == 0 {
		for l := range slots {
			langs = append(langs, l)
		}
		slices.Sort(langs)
	}
	an := s.analyzer()
	want := r.Offset + r.Limit
	var found []foundDoc
	plans := map[string]langPlan{}
	for _, lang := range langs {
		slot, ok := slots[lang]
		if !ok {
			continue
		}
		lp, err := s.planFor(ctx, an, lang, r.Query)
		if err != nil {
			return res, err
		}
		if lp.plan.Empty() {
			continue
		}
		plans[lang] = lp
		levels, all := lp.levels(filterTerms(r))
		qAll := s.d.render(all)
		qLevels := make([]string, len(levels))
		for i, l := range levels {
			qLevels[i] = s.d.render(l)
		}
		for _, rg := range searchRanges(r, slot) {
			var n int
			if err := s.queryRow(ctx, s.d.searchCountSQL(), qAll, rg.lo, rg.hi, search.MaxResults+1).Scan(&n); err != nil {
				return res, fmt.Errorf("search %s: count: %w", lang, err)
			}
			res.Total += n
			res.Capped = res.Capped || n > search.MaxResults
			if n == 0 {
				continue
			}
			got := 0
			for li, q := range qLevels {
				if got >= want || got >= n {
					break
				}
				ids, err := s.searchIDs(ctx, q, rg.lo, rg.hi, want-got)
				if err != nil {
					return res, fmt.Errorf("search %s: level %d: %w", lang, li+1, err)
				}
				for _, id := range ids {
					found = append(found, foundDoc{id: id, level: li, lang: lang})
				}
				got += len(ids)
			}
		}
	}
	// Levels first, then newest first, across languages and ranges.
	slices.SortFunc(found, func(a, b foundDoc) int {
		if a.level != b.level {
			return a.level - b.level
		}
		if ta, tb := docMS(a.id), docMS(b.id); ta != tb {
			return int(tb - ta)
		}
		switch {
		case a.id > b.id:
			return -1
		case a.id < b.id:
			return 1
		}
		return 0
	})
	if res.Capped {
		res.Total = min(res.Total, search.MaxResults)
	}
	if r.Offset >= len(found) {
		return res, nil
	}
	page := found[r.Offset:min(len(found), want)]
	res.Hits, err = s.searchHits(ctx, r, page, plans)
	return res, err
}

type foundDoc struct {
	id    int64
	level int
	lang  string
}

// langPlan is a query analysed for one language, with its prefix expanded.
type langPlan struct {
	lang  string
	plan  search.Plan
	parts []match // the included parts
	not   []match // the excluded parts
	extra []string
	// lasts holds, for each included part, the terms its last word may be: its own, and
	// for a word being typed the terms of the words it begins (the same as parts, for
	// matching in Go).
	lasts [][]string
}

// planFor analyses the query for a language and expands the word being typed into the
// terms of the words that begin with it.
//
// The word being typed is known as a word, not as a term (the stem of "escalat" is not a
// beginning of "escal", nor "empty" of "empti"), so it is looked up among the words of the
// language, alone or as the last word of a phrase ("half-empt", "driving-licence"): the
// part matches its own term or any of the terms of the words it begins. The index's own
// prefix search would compare the word with stems, and miss.
func (s *Store) planFor(ctx context.Context, an *search.Analyzer, lang string, q search.Query) (langPlan, error) {
	lp := langPlan{lang: lang, plan: an.Plan(lang, q)}
	for _, p := range lp.plan.Include {
		last := len(p.Terms) - 1
		if !p.Prefix {
			lp.parts = append(lp.parts, phraseMatch(p.Terms))
			lp.lasts = append(lp.lasts, []string{p.Terms[last]})
			continue
		}
		stems, err := s.prefixTerms(ctx, lang, p.Word)
		if err != nil {
			return lp, err
		}
		alts := []match{phraseMatch(p.Terms)}
		lasts := []string{p.Terms[last]}
		for _, st := range stems {
			if st == p.Terms[last] {
				continue
			}
			alts = append(alts, phraseMatch(append(slices.Clone(p.Terms[:last]), st)))
			lp.extra = append(lp.extra, st)
			lasts = append(lasts, st)
		}
		lp.parts = append(lp.parts, orMatch(alts...))
		lp.lasts = append(lp.lasts, lasts)
	}
	for _, p := range lp.plan.Exclude {
		lp.not = append(lp.not, phraseMatch(p.Terms))
	}
	return lp, nil
}

// Prefix expansion: a word being typed must have at least minPrefixRunes letters, and
// expands into at most maxPrefixTerms terms (the shortest: the likeliest completions).
const (
	minPrefixRunes = 2
	maxPrefixTerms = 24
	maxPrefixWords = 400
)

// prefixTerms returns the terms of the known words of lang that begin with word.
func (s *Store) prefixTerms(ctx context.Context, lang, word string) ([]string, error) {
	if utf8.RuneCountInString(word) < minPrefixRunes {
		return nil, nil
	}
	rows, err := s.query(ctx, `SELECT stem FROM search_words WHERE language = ? AND word >= ? AND word < ?
		ORDER BY word LIMIT ?`, lang, word, word+"\U0010FFFF", maxPrefixWords)
	if err != nil {
		return nil, fmt.Errorf("expand prefix %q: %w", word, err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	var out []string
	for rows.Next() {
		var st string
		if err := rows.Scan(&st); err != nil {
			return nil, fmt.Errorf("expand prefix %q: %w", word, err)
		}
		if !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("expand prefix %q: %w", word, err)
	}
	if len(out) > maxPrefixTerms {
		slices.SortStableFunc(out, func(a, b string) int { return len(a) - len(b) })
		out = out[:maxPrefixTerms]
	}
	return out, nil
}

// filterTerms are the filter terms every match must have.
func filterTerms(r search.Request) []match {
	var f []match
	if r.SectionID != 0 {
		f = append(f, termMatch("sec_"+strconv.FormatInt(r.SectionID, 10)))
	}
	if r.Kind != "" {
		f = append(f, termMatch(kindTerm(r.Kind)))
	}
	if r.Newsroom && r.Status != "" && r.Status != content.StatusPublished {
		f = append(f, termMatch("st_"+string(r.Status)))
	}
	if r.Newsroom && r.OwnerID != 0 {
		f = append(f, termMatch("o_"+strconv.FormatInt(r.OwnerID, 10)))
	}
	return f
}

// levels returns the queries of the ranking levels, in order, and the query of all
// matches.
//
// A word in the headline or the standfirst is a word of the story, so the first levels
// (every word there) need not ask for the words again: they read only the short lists of
// the headline and standfirst terms, plus the filters and exclusions. That matters when a
// level has fewer stories than the page needs: the index then reads its lists to the end.
func (lp langPlan) levels(filters []match) ([]match, match) {
	// with adds the filters and exclusions to m.
	with := func(m match) match {
		m = andMatch(append([]match{m}, filters...)...)
		if len(lp.not) > 0 {
			m = andNotMatch(m, orMatch(lp.not...))
		}
		return m
	}
	all := with(andMatch(lp.parts...))
	n := len(lp.parts)
	h := make([]match, n)
	hs := make([]match, n)
	var hsAll []match
	for i, p := range lp.parts {
		h[i] = p.field("h_")
		st := p.field("s_")
		hs[i] = orMatch(h[i], st)
		hsAll = append(hsAll, h[i], st)
	}
	if n == 1 {
		return []match{
			with(h[0]),
			with(andNotMatch(hs[0].kids[1], h[0])),
			andNotMatch(all, hs[0]),
		}, all
	}
	a, b, c, d := andMatch(h...), andMatch(hs...), orMatch(h...), orMatch(hsAll...)
	return []match{
		with(a),
		with(andNotMatch(b, a)),
		andNotMatch(andMatch(all, c), b),
		andNotMatch(andMatch(all, d), orMatch(b, c)),
		andNotMatch(all, d),
	}, all
}

type idRange struct{ lo, hi int64 }

// searchRanges returns the document id ranges a request reads in one language slot.
func searchRanges(r search.Request, slot int) []idRange {
	from, to := int64(0), int64(docTimeMax)
	if !r.From.IsZero() {
		from = clampMS(msOf(r.From))
	}
	if !r.To.IsZero() {
		to = clampMS(msOf(r.To) - 1)
	}
	if !r.Newsroom {
		// What the public may see: published, and visible by now.
		to = min(to, clampMS(msOf(r.Now)))
		if to < from {
			return nil
		}
		lo, hi := docRange(true, slot, from, to)
		return []idRange{{lo, hi}}
	}
	if to < from {
		return nil
	}
	var out []idRange
	if r.Status == "" || r.Status == content.StatusPublished {
		lo, hi := docRange(true, slot, from, to)
		out = append(out, idRange{lo, hi})
	}
	if r.Status != content.StatusPublished {
		lo, hi := docRange(false, slot, from, to)
		out = append(out, idRange{lo, hi})
	}
	return out
}

// searchIDs lists up to limit ids matching a query in a range, highest first.
func (s *Store) searchIDs(ctx context.Context, q string, lo, hi int64, limit int) ([]int64, error) {
	return s.listIDs(ctx, s.d.searchIDsSQL(), q, lo, hi, limit)
}

// placeholders returns "?, ?, …" for n values.
func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
