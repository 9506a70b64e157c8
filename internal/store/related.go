package store

import (
	"context"
	"fmt"
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
// published story of the language and probe the candidates).
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

// relatedTagBranch is one tag's candidates in relatedQuery.
const relatedTagBranch = `SELECT * FROM (SELECT x.article_id AS id FROM article_tags x
	WHERE x.tag_id = ? AND x.article_id <> ? ORDER BY x.article_id DESC LIMIT ?) t%d`

// RelatedArticles lists up to limit public stories related to a (its language, its tags,
// its section; see relatedQuery), with their lead images, a itself left out.
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
	args = append(args, a.Section.ID, a.Language, a.ID, n, n, limit+1, a.Language, n, n, a.Section.ID, limit)
	q := fmt.Sprintf(relatedQuery, strings.Join(branches, "\n\t\t\tUNION ALL "))
	if rows, err = s.query(ctx, q, args...); err != nil {
		return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
	}
	list, err := scanSummaries(rows)
	if err != nil {
		return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
	}
	return list, s.withLeadImages(ctx, list)
}
