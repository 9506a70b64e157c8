package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/newsdesk/newsdesk/internal/cache"
)

// Purge keys. Every write that changes what public pages show records, in its
// transaction, the surrogate keys of the pages that show it (internal/cache/keys.go);
// after the commit the Store hands them to its purge listeners (the page cache, the CDN
// hook) and, on PostgreSQL, to the other instances with NOTIFY.

// Purge records surrogate keys for the transaction to purge after it commits.
func (t *Tx) Purge(keys ...string) {
	t.changed = true
	if t.keys == nil {
		t.keys = map[string]struct{}{}
	}
	for _, k := range keys {
		t.keys[k] = struct{}{}
	}
}

// touchArticle records a change to a story: the pages that show it now (read here,
// before the change) and, at commit, the pages that show it afterwards (its new section,
// tags, author, slug). A story that is public neither before nor after purges nothing.
func (t *Tx) touchArticle(ctx context.Context, id int64) error {
	t.changed = true
	if t.articles == nil {
		t.articles = map[int64]struct{}{}
	}
	t.articles[id] = struct{}{}
	return t.articleKeys(ctx, id)
}

// touchBrief records a change to a brief (call before and after moving it to another
// section, so both lists are purged).
func (t *Tx) touchBrief(ctx context.Context, id int64) error {
	var lang string
	var sec int64
	err := t.queryRow(ctx, "SELECT language, section_id FROM briefs WHERE id = ?", id).Scan(&lang, &sec)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("purge keys of brief %d: %w", id, err)
	}
	t.Purge(cache.BriefKeys(id, lang, sec)...)
	return nil
}

// touchReviews records a change to the reviews of the stories that reviews ids belong to.
func (t *Tx) touchReviews(ctx context.Context, ids []int64) error {
	t.changed = true
	for _, id := range ids {
		var art int64
		err := t.queryRow(ctx, "SELECT article_id FROM reviews WHERE id = ?", id).Scan(&art)
		if isNoRows(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("purge keys of review %d: %w", id, err)
		}
		t.Purge(cache.ReviewsKey(art))
	}
	return nil
}

// touchReviewsByEmail records a change to every review written from email.
func (t *Tx) touchReviewsByEmail(ctx context.Context, email string) error {
	t.changed = true
	rows, err := t.tx.QueryContext(ctx, t.s.q("SELECT DISTINCT article_id FROM reviews WHERE email = ?"), email)
	if err != nil {
		return fmt.Errorf("purge keys of reviews by email: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var art int64
		if err := rows.Scan(&art); err != nil {
			return fmt.Errorf("scan review story: %w", err)
		}
		t.Purge(cache.ReviewsKey(art))
	}
	return rows.Err()
}

// articleKeys records the keys of the pages that show story id in its current state.
func (t *Tx) articleKeys(ctx context.Context, id int64) error {
	st, err := t.storyFacts(ctx, id)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("purge keys of article %d: %w", id, err)
	}
	t.Purge(cache.StoryKeys(st)...)
	return nil
}

// storyFacts reads what decides which pages show story id (cache.Story): for a story
// that is not published, only that (its own page is all it shows).
func (t *Tx) storyFacts(ctx context.Context, id int64) (cache.Story, error) {
	st := cache.Story{ID: id}
	var status string
	var group int64
	err := t.queryRow(ctx, "SELECT language, status, section_id, COALESCE(author_id, 0), group_id FROM articles WHERE id = ?", id).
		Scan(&st.Language, &status, &st.SectionID, &st.AuthorID, &group)
	if err != nil || status != "published" {
		return st, err
	}
	st.Published = true
	if st.TagIDs, err = t.ids(ctx, "SELECT tag_id FROM article_tags WHERE article_id = ?", id); err != nil {
		return st, err
	}
	if st.Translations, err = t.ids(ctx, "SELECT id FROM articles WHERE group_id = ?", group); err != nil {
		return st, err
	}
	rows, err := t.tx.QueryContext(ctx, t.s.q("SELECT section_id, language FROM briefs WHERE article_id = ?"), id)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var l cache.BriefList
		if err := rows.Scan(&l.SectionID, &l.Language); err != nil {
			return st, err
		}
		st.LinkedFrom = append(st.LinkedFrom, l)
	}
	return st, rows.Err()
}

// ids runs a query of one id column with one argument in the transaction.
func (t *Tx) ids(ctx context.Context, query string, arg int64) ([]int64, error) {
	rows, err := t.tx.QueryContext(ctx, t.s.q(query), arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// purgeKeys collects, just before the commit, the keys of the stories' new state, and
// returns the sorted keys to purge (cache.All alone when everything must go).
func (t *Tx) purgeKeys(ctx context.Context) ([]string, error) {
	if t.all {
		return []string{cache.All}, nil
	}
	for id := range t.articles {
		if err := t.articleKeys(ctx, id); err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(t.keys))
	for k := range t.keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}
