package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// relatedPerTag is how many of the newest stories of each of a story's tags are weighed as
// related. A common tag carries thousands of stories: counting the tags shared with every
// one of them cost 36 ms a story on the 100k edition; the newest hundred of each tag (by
// id, in the tag's index: newest made first) cost under a millisecond, and the stories
// readers want next are among them (docs/performance.md).
const relatedPerTag = 100

// maxRelatedTags bounds the tags weighed (a story has two to four as a rule).
const maxRelatedTags = 8

// relatedQuery picks the stories related to one from candidates: the newest stories of
// each of its tags (one branch per tag, filled in by RelatedArticles, read through
// article_tags_tag), counted by the tags they share, and the newest few of its section
// (articles_section); then orders them by the tags shared, the same section first, the
// newest first. Tags are per language, so the tag matches are of its language already.
// The candidates lead the join (CROSS JOIN: SQLite's planner would otherwise walk every
// published story of the language and probe the candidates). SQLite only: PostgreSQL's
// planner joined every public story of the language's sections by hash instead (190 ms a
// story page on a 20k edition), so there RelatedArticles takes the candidates
// (relatedCandidates) and reads the public ones by id; on SQLite that costs 6.4 ms against
// this query's 2.0 ms (BenchmarkRelatedStories, 100k edition, load 9).
const relatedQuery = `SELECT ` + summaryColumns + `
	FROM (SELECT c.id, MAX(c.shared) AS shared FROM (
			SELECT t.id, COUNT(*) AS shared FROM (%s) t GROUP BY t.id
			UNION ALL
			SELECT n.id, 0 FROM (SELECT a.id FROM articles a
				WHERE a.section_id = ? AND a.language = ? AND a.id <> ? AND ` + publicClause + `
				ORDER BY a.published_at DESC LIMIT ?) n
		) c GROUP BY c.id) r
	CROSS JOIN articles a
	JOIN sections sec ON sec.id = a.section_id
	JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
	WHERE a.id = r.id AND a.language = ? AND ` + publicClause + `
	ORDER BY r.shared DESC, CASE WHEN a.section_id = ? THEN 0 ELSE 1 END, a.published_at DESC, a.id DESC
	LIMIT ?`

// relatedCandidates lists the stories that may be related to one, each with the number of
// its tags it shares: the newest stories of each of its tags (one branch per tag, filled in
// by RelatedArticles, read through article_tags_tag; tags are per language, so they are of
// its language already), and the newest few of its section (articles_section), sharing 0.
// On PostgreSQL RelatedArticles then reads the public ones among them by id and orders
// them (see relatedQuery, which SQLite runs instead).
const relatedCandidates = `SELECT c.id, MAX(c.shared) FROM (
		SELECT t.id, COUNT(*) AS shared FROM (%s) t GROUP BY t.id
		UNION ALL
		SELECT a.id, 0 FROM (SELECT a.id FROM articles a
			WHERE a.section_id = ? AND a.language = ? AND a.id <> ? AND ` + publicClause + `
			ORDER BY a.published_at DESC LIMIT ?) a
	) c GROUP BY c.id`

// relatedTagBranch is one tag's candidates in relatedCandidates.
const relatedTagBranch = `SELECT * FROM (SELECT x.article_id AS id FROM article_tags x
	WHERE x.tag_id = ? AND x.article_id <> ? ORDER BY x.article_id DESC LIMIT ?) t%d`

// RelatedArticles lists up to limit public stories related to a (its language, its tags,
// its section; see relatedCandidates), with their lead images, a itself left out.
func (s *Store) RelatedArticles(ctx context.Context, a content.Article, limit int, now time.Time) ([]content.ArticleSummary, error) {
	rows, err := s.query(ctx, `SELECT tag_id FROM article_tags WHERE article_id = ? ORDER BY position LIMIT ?`, a.ID, maxRelatedTags)
	if err != nil {
		return nil, fmt.Errorf("related stories of article %d: tags: %w", a.ID, err)
	}
	var tags []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("related stories of article %d: tags: %w", a.ID, err)
		}
		tags = append(tags, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("related stories of article %d: tags: %w", a.ID, err)
	}
	// One branch per tag; none (a story without tags) is a branch that finds nothing.
	branches := []string{`SELECT 0 AS id FROM articles WHERE 1 = 0`}
	var args []any
	if len(tags) > 0 {
		branches = branches[:0]
		for i, tag := range tags {
			branches = append(branches, fmt.Sprintf(relatedTagBranch, i))
			args = append(args, tag, a.ID, relatedPerTag)
		}
	}
	n := micros(now)
	args = append(args, a.Section.ID, a.Language, a.ID, n, n, limit+1)
	if !s.d.postgres {
		args = append(args, a.Language, n, n, a.Section.ID, limit)
		if rows, err = s.query(ctx, fmt.Sprintf(relatedQuery, strings.Join(branches, "\n\t\t\tUNION ALL ")), args...); err != nil {
			return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
		}
		list, err := scanSummaries(rows)
		if err != nil {
			return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
		}
		return list, s.withLeadImages(ctx, list)
	}
	if rows, err = s.query(ctx, fmt.Sprintf(relatedCandidates, strings.Join(branches, "\n\t\t\tUNION ALL ")), args...); err != nil {
		return nil, fmt.Errorf("related stories of article %d: candidates: %w", a.ID, err)
	}
	shared := map[int64]int{}
	for rows.Next() {
		var id int64
		var k int
		if err := rows.Scan(&id, &k); err != nil {
			rows.Close()
			return nil, fmt.Errorf("related stories of article %d: candidates: %w", a.ID, err)
		}
		shared[id] = k
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("related stories of article %d: candidates: %w", a.ID, err)
	}
	if len(shared) == 0 {
		return nil, nil
	}
	// PostgreSQL: the public ones among them, with what orders them (from the covering
	// index articles_status_id), the list as one parameter (inIDs) so that the statement is
	// prepared once; then the summaries of the few shown.
	ids := make([]int64, 0, len(shared))
	for id := range shared {
		ids = append(ids, id)
	}
	if rows, err = s.query(ctx, `SELECT a.id, a.section_id, a.published_at FROM articles a
		WHERE a.status = 'published' AND `+s.d.inIDs("a.id")+` AND a.language = ? AND a.published_at <= ? AND a.embargo_until <= ?`,
		s.d.idList(ids), a.Language, n, n); err != nil {
		return nil, fmt.Errorf("related stories of article %d: public candidates: %w", a.ID, err)
	}
	type candidate struct {
		id, section, published int64
	}
	var public []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.id, &c.section, &c.published); err != nil {
			rows.Close()
			return nil, fmt.Errorf("related stories of article %d: public candidates: %w", a.ID, err)
		}
		public = append(public, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("related stories of article %d: public candidates: %w", a.ID, err)
	}
	// The most tags shared first, then its own section, then the newest.
	other := func(c candidate) int {
		if c.section == a.Section.ID {
			return 0
		}
		return 1
	}
	slices.SortFunc(public, func(x, y candidate) int {
		return cmp.Or(cmp.Compare(shared[y.id], shared[x.id]), cmp.Compare(other(x), other(y)),
			cmp.Compare(y.published, x.published), cmp.Compare(y.id, x.id))
	})
	if len(public) > limit {
		public = public[:limit]
	}
	if len(public) == 0 {
		return nil, nil
	}
	place := make(map[int64]int, len(public))
	ids = ids[:0]
	for i, c := range public {
		place[c.id] = i
		ids = append(ids, c.id)
	}
	if rows, err = s.query(ctx, `SELECT `+summaryColumns+` FROM articles a
		JOIN sections sec ON sec.id = a.section_id
		JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		WHERE `+s.d.inIDs("a.id"), s.d.idList(ids)); err != nil {
		return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
	}
	list, err := scanSummaries(rows)
	if err != nil {
		return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
	}
	slices.SortFunc(list, func(x, y content.ArticleSummary) int { return cmp.Compare(place[x.ID], place[y.ID]) })
	return list, s.withLeadImages(ctx, list)
}
