package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// relatedQuery picks the stories related to one: the stories sharing its tags (every
// one of them, counted; read through article_tags_tag) and the newest few of its section
// (articles_section), merged, then ordered by the tags shared, the same section first, the
// newest first. Tags are per language, so the tag matches are of its language already.
const relatedQuery = `SELECT ` + summaryColumns + `
	FROM (SELECT c.id, MAX(c.shared) AS shared FROM (
			SELECT x.article_id AS id, COUNT(*) AS shared FROM article_tags x
			WHERE x.tag_id IN (SELECT tag_id FROM article_tags WHERE article_id = ?) AND x.article_id <> ?
			GROUP BY x.article_id
			UNION ALL
			SELECT n.id, 0 FROM (SELECT a.id FROM articles a
				WHERE a.section_id = ? AND a.language = ? AND a.id <> ? AND ` + publicClause + `
				ORDER BY a.published_at DESC LIMIT ?) n
		) c GROUP BY c.id) r
	JOIN articles a ON a.id = r.id
	JOIN sections sec ON sec.id = a.section_id
	JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
	WHERE a.language = ? AND ` + publicClause + `
	ORDER BY r.shared DESC, CASE WHEN a.section_id = ? THEN 0 ELSE 1 END, a.published_at DESC, a.id DESC
	LIMIT ?`

// RelatedArticles lists up to limit public stories related to a (its language, its tags,
// its section; see relatedQuery), with their lead images, a itself left out.
func (s *Store) RelatedArticles(ctx context.Context, a content.Article, limit int, now time.Time) ([]content.ArticleSummary, error) {
	n := micros(now)
	rows, err := s.query(ctx, relatedQuery, a.ID, a.ID, a.Section.ID, a.Language, a.ID, n, n, limit+1,
		a.Language, n, n, a.Section.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
	}
	list, err := scanSummaries(rows)
	if err != nil {
		return nil, fmt.Errorf("related stories of article %d: %w", a.ID, err)
	}
	return list, s.withLeadImages(ctx, list)
}
