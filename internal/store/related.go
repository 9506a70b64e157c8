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

// relatedPerTag is how many of the newest public stories of each of a story's tags are
// weighed as related. A common tag carries thousands of stories: counting the tags shared
// with every one of them cost 36 ms a story on the 100k edition; the newest hundred of each
// tag, read from the tag's index, cost well under a millisecond, and the stories readers
// want next are among them (docs/performance.md).
const relatedPerTag = 100

// maxRelatedTags bounds the tags weighed (a story has two to four as a rule).
const maxRelatedTags = 8

// relatedQuery orders the stories that may be related to one and keeps the first few ids:
// the newest public stories of each of its tags (one branch per tag, relatedTagBranch,
// filled in by RelatedArticles; tags are per language, so they are of its language
// already), counted by the tags they share, and the newest few public stories of its
// section (articles_section), sharing none; the most tags shared first, then its own
// section, then the newest.
//
// Nothing here reads a story's row: whether a tag's story is public and when it was
// published come from article_tags (article_tags_published; syncTagRows keeps them), and
// the candidates' sections from the covering index articles_status_id. On SQLite a story's
// row is its bodies first (overflow pages): reading the state of a few hundred candidates
// from their rows read megabytes, and at a million stories went to the disk (12 ms an
// article page). The candidates lead the join (CROSS JOIN), so neither planner walks the
// published stories to probe them. Only the stories shown are read, by relatedSummaries.
const relatedQuery = `SELECT r.id FROM (
		SELECT c.id, MAX(c.shared) AS shared, MAX(c.pub) AS pub FROM (
			SELECT t.id, COUNT(*) AS shared, MAX(t.pub) AS pub FROM (%s) t GROUP BY t.id
			UNION ALL
			SELECT n.id, 0, n.published_at FROM (SELECT a.id, a.published_at FROM articles a
				WHERE a.section_id = ? AND a.language = ? AND a.id <> ? AND ` + publicClause + `
				ORDER BY a.published_at DESC LIMIT ?) n
		) c GROUP BY c.id) r
	CROSS JOIN articles a%s
	WHERE a.status = 'published' AND a.id = r.id
	ORDER BY r.shared DESC, CASE WHEN a.section_id = ? THEN 0 ELSE 1 END, r.pub DESC, r.id DESC
	LIMIT ?`

// relatedTagBranch is one tag's candidates in relatedQuery: its newest public stories,
// from article_tags_published alone. Arguments: tag, story, now, now, relatedPerTag.
const relatedTagBranch = `SELECT * FROM (SELECT x.article_id AS id, x.published_at AS pub FROM article_tags x
	WHERE x.tag_id = ? AND x.article_id <> ? AND ` + publicTagRowClause + `
	ORDER BY x.published_at DESC LIMIT ?) t%d`

// RelatedArticles lists up to limit public stories related to a (its language, its tags,
// its section; see relatedQuery), with their lead images, a itself left out.
func (s *Store) RelatedArticles(ctx context.Context, a content.Article, limit int, now time.Time) ([]content.ArticleSummary, error) {
	tags, err := s.listIDs(ctx, `SELECT tag_id FROM article_tags WHERE article_id = ? ORDER BY position LIMIT ?`, a.ID, maxRelatedTags)
	if err != nil {
		return nil, fmt.Errorf("related stories of article %d: tags: %w", a.ID, err)
	}
	q, args := s.relatedSQL(a, tags, limit, now)
	ids, err := s.listIDs(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
	}
	list, err := s.summariesInOrder(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
	}
	return list, nil
}

// relatedSQL is relatedQuery for story a with its tags, and its arguments.
func (s *Store) relatedSQL(a content.Article, tags []int64, limit int, now time.Time) (string, []any) {
	n := micros(now)
	// One branch per tag; none (a story without tags) is a branch that finds nothing.
	branches := []string{`SELECT 0 AS id, 0 AS pub FROM articles WHERE 1 = 0`}
	var args []any
	if len(tags) > 0 {
		branches = branches[:0]
		for i, tag := range tags {
			branches = append(branches, fmt.Sprintf(relatedTagBranch, i))
			args = append(args, tag, a.ID, n, n, relatedPerTag)
		}
	}
	args = append(args, a.Section.ID, a.Language, a.ID, n, n, limit+1, a.Section.ID, limit)
	return fmt.Sprintf(relatedQuery, strings.Join(branches, "\n\t\t\tUNION ALL "), s.d.indexedBy("articles_status_id")), args
}

// summariesInOrder reads the summaries of the stories ids, with their lead images, in the
// order of ids (the list as one parameter, inIDs, so the statement is prepared once).
func (s *Store) summariesInOrder(ctx context.Context, ids []int64) ([]content.ArticleSummary, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.query(ctx, `SELECT `+summaryColumns+` FROM articles a
		JOIN sections sec ON sec.id = a.section_id
		JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		WHERE `+s.d.inIDs("a.id"), s.d.idList(ids))
	if err != nil {
		return nil, fmt.Errorf("read stories: %w", err)
	}
	list, err := scanSummaries(rows)
	if err != nil {
		return nil, fmt.Errorf("read stories: %w", err)
	}
	place := make(map[int64]int, len(ids))
	for i, id := range ids {
		place[id] = i
	}
	slices.SortFunc(list, func(x, y content.ArticleSummary) int { return cmp.Compare(place[x.ID], place[y.ID]) })
	return list, s.withLeadImages(ctx, list)
}
