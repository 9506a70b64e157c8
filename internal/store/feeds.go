package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// FeedArticles returns public stories with their HTML bodies, newest first.
func (s *Store) FeedArticles(ctx context.Context, q content.FeedQuery, now time.Time) ([]content.Article, error) {
	where, args := []string{publicClause}, []any{micros(now), micros(now)}
	from, order := "articles a", "a.published_at DESC, a.id DESC"
	if q.TagID != 0 {
		// A tag's stories newest first from article_tags_published, as on tag pages.
		from, order = "article_tags x JOIN articles a ON a.id = x.article_id", "x.published_at DESC, x.article_id DESC"
		where, args = append(where, "x.tag_id = ?", publicTagRowClause), append(args, q.TagID, micros(now), micros(now))
	}
	if q.Language != "" {
		where, args = append(where, "a.language = ?"), append(args, q.Language)
	}
	if q.SectionID != 0 {
		where, args = append(where, "a.section_id = ?"), append(args, q.SectionID)
	}
	if !q.Since.IsZero() {
		where, args = append(where, "a.published_at >= ?"), append(args, micros(q.Since))
	}
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 50
	}
	args = append(args, q.Limit)
	rows, err := s.query(ctx, (`SELECT a.id, a.group_id, a.language, sec.key, sn.name, sn.slug, a.headline, a.standfirst,
		a.body_html, a.slug, a.byline, a.byline_role, a.dateline, a.published_at, a.updated_at
		FROM ` + from + `
		JOIN sections sec ON sec.id = a.section_id
		JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + order + ` LIMIT ?`), args...)
	if err != nil {
		return nil, fmt.Errorf("list feed articles: %w", err)
	}
	defer rows.Close()
	var out []content.Article
	for rows.Next() {
		var a content.Article
		var pub, upd int64
		if err := rows.Scan(&a.ID, &a.GroupID, &a.Language, &a.Section.Key, &a.Section.Name, &a.Section.Slug, &a.Headline,
			&a.Standfirst, &a.BodyHTML, &a.Slug, &a.Byline, &a.BylineRole, &a.Dateline, &pub, &upd); err != nil {
			return nil, fmt.Errorf("scan feed article: %w", err)
		}
		a.PublishedAt, a.UpdatedAt, a.Status = fromMicros(pub), fromMicros(upd), content.StatusPublished
		out = append(out, a)
	}
	return out, rows.Err()
}

// CountPublicArticles counts the public stories (for the sitemap index).
func (s *Store) CountPublicArticles(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := s.queryRow(ctx, ("SELECT COUNT(*) FROM articles a WHERE " + publicClause), micros(now), micros(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count public articles: %w", err)
	}
	return n, nil
}

// sitemapSQL lists public stories for the sitemaps: in id order, or for the news sitemap
// (news) those published since a time, newest first, with their headlines (the story
// sitemaps do not show them). Arguments: now, now, [since,] limit, offset.
func sitemapSQL(news bool) string {
	headline, where, order := "''", publicClause, "a.id"
	if news {
		headline, where, order = "a.headline", publicClause+" AND a.published_at >= ?", "a.published_at DESC, a.id DESC"
	}
	return `SELECT a.id, a.group_id, a.language, sn.slug, a.slug, ` + headline + `, a.published_at, a.updated_at
		FROM articles a JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		WHERE ` + where + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
}

// sitemapTranslationsSQL lists the public stories of a list of translation groups, given
// as one parameter (dialect.inIDs): one statement, prepared once, rather than one with a
// parameter per group (thousands on a sitemap page), prepared for every page.
// Arguments: now, now, the group ids (dialect.idList).
func (d dialect) sitemapTranslationsSQL() string {
	return `SELECT a.group_id, a.language, sn.slug, a.slug FROM articles a` + d.indexedBy("articles_group") + `
		JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		WHERE ` + publicClause + ` AND ` + d.inIDs("a.group_id") + ` ORDER BY a.group_id, a.language`
}

// SitemapArticles returns public stories in id order (stable pages), from offset, with
// the translations of each. since, when set, keeps only stories published after it (the
// news sitemap), and only then is the headline read.
func (s *Store) SitemapArticles(ctx context.Context, offset, limit int, since, now time.Time) ([]content.SitemapEntry, error) {
	args := []any{micros(now), micros(now)}
	if !since.IsZero() {
		args = append(args, micros(since))
	}
	args = append(args, limit, offset)
	return s.sitemapEntries(ctx, sitemapSQL(!since.IsZero()), args, now)
}

// SitemapStories returns the public stories with ids in (after, upTo], in id order, with
// the translations of each: a story sitemap page. A page by ids is read from the range of
// articles_status_id it covers, however deep in the archive, where a page by position
// would skip every story before it.
func (s *Store) SitemapStories(ctx context.Context, after, upTo int64, now time.Time) ([]content.SitemapEntry, error) {
	q := `SELECT a.id, a.group_id, a.language, sn.slug, a.slug, '', a.published_at, a.updated_at
		FROM articles a JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		WHERE ` + publicClause + ` AND a.id > ? AND a.id <= ? ORDER BY a.id`
	return s.sitemapEntries(ctx, q, []any{micros(now), micros(now), after, upTo}, now)
}

// LastPublicArticleID returns the highest id of a story public at now (0 when none is),
// which bounds the story sitemap pages (SitemapStories).
func (s *Store) LastPublicArticleID(ctx context.Context, now time.Time) (int64, error) {
	var id int64
	err := s.queryRow(ctx, "SELECT a.id FROM articles a"+s.d.indexedBy("articles_status_id")+" WHERE "+publicClause+
		" ORDER BY a.id DESC LIMIT 1", micros(now), micros(now)).Scan(&id)
	if isNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find the last public article: %w", err)
	}
	return id, nil
}

// sitemapEntries runs a query of sitemapSQL's columns and adds the public translations of
// each story.
func (s *Store) sitemapEntries(ctx context.Context, q string, args []any, now time.Time) ([]content.SitemapEntry, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list sitemap articles: %w", err)
	}
	var out []content.SitemapEntry
	groups := map[int64][]int{}
	for rows.Next() {
		var e content.SitemapEntry
		var sec, slug string
		var pub, upd int64
		if err := rows.Scan(&e.ID, &e.GroupID, &e.Language, &sec, &slug, &e.Headline, &pub, &upd); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan sitemap article: %w", err)
		}
		e.Path, e.PublishedAt, e.LastMod = content.ArticlePath(e.Language, sec, slug), fromMicros(pub), fromMicros(max(pub, upd))
		groups[e.GroupID] = append(groups[e.GroupID], len(out))
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sitemap articles: %w", err)
	}
	if len(groups) == 0 {
		return out, nil
	}
	ids := make([]int64, 0, len(groups))
	for g := range groups {
		ids = append(ids, g)
	}
	trows, err := s.query(ctx, s.d.sitemapTranslationsSQL(), micros(now), micros(now), s.d.idList(ids))
	if err != nil {
		return nil, fmt.Errorf("list sitemap translations: %w", err)
	}
	defer trows.Close()
	for trows.Next() {
		var g int64
		var lang, sec, slug string
		if err := trows.Scan(&g, &lang, &sec, &slug); err != nil {
			return nil, fmt.Errorf("scan sitemap translation: %w", err)
		}
		for _, i := range groups[g] {
			out[i].Translations = append(out[i].Translations, content.Alternate{Language: lang, Path: content.ArticlePath(lang, sec, slug)})
		}
	}
	return out, trows.Err()
}

// NextVisibilityChange returns the earliest time after now at which something becomes
// public on its own (a scheduled or future-dated story or brief, or an embargo lifting);
// zero when nothing is pending. Caches must not outlive it.
func (s *Store) NextVisibilityChange(ctx context.Context, now time.Time) (time.Time, error) {
	n := micros(now)
	var a, b, e, br int64
	err := s.queryRow(ctx, (`SELECT
		COALESCE((SELECT MIN(published_at) FROM articles WHERE status IN ('published', 'scheduled') AND published_at > ?), 0),
		0,
		COALESCE((SELECT MIN(embargo_until) FROM articles WHERE embargo_until > ?), 0),
		COALESCE((SELECT MIN(published_at) FROM briefs WHERE published_at > ?), 0)`), n, n, n).Scan(&a, &b, &e, &br)
	if err != nil {
		return time.Time{}, fmt.Errorf("find next visibility change: %w", err)
	}
	next := int64(0)
	for _, v := range []int64{a, e, br} {
		if v > 0 && (next == 0 || v < next) {
			next = v
		}
	}
	return fromMicros(next), nil
}
