package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/review"
)

// The store is the persistence of reader reviews.
var (
	_ review.Store = (*Store)(nil)
	_ review.Tx    = (*Tx)(nil)
)

// ReviewTx runs fn in one transaction, for the review service (which declares the Tx it needs).
func (s *Store) ReviewTx(ctx context.Context, fn func(tx review.Tx) error) error {
	return s.WithTx(ctx, func(t *Tx) error { return fn(t) })
}

// CreateReview stores a review and returns its id.
func (t *Tx) CreateReview(ctx context.Context, r review.Review) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `INSERT INTO reviews (article_id, name, email, rating, text, status, spam_score, signals,
		ip_hash, text_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.ArticleID, r.Name, r.Email, r.Rating, r.Text, r.Status, r.SpamScore, r.Signals, r.IPHash, r.TextHash,
		micros(r.CreatedAt)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store review of article %d: %w", r.ArticleID, err)
	}
	if r.Status == "approved" { // a trusted reviewer's review shows at once
		t.Purge(cache.ReviewsKey(r.ArticleID))
	}
	return id, nil
}

// IsDuplicateReview reports whether the same text came from the same source since.
func (s *Store) IsDuplicateReview(ctx context.Context, textHash, ipHash string, since time.Time) (bool, error) {
	var n int
	err := s.queryRow(ctx, (`SELECT COUNT(*) FROM reviews WHERE text_hash = ? AND ip_hash = ? AND created_at >= ?`),
		textHash, ipHash, micros(since)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look for duplicate reviews: %w", err)
	}
	return n > 0, nil
}

const reviewColumns = `r.id, r.article_id, r.name, r.email, r.rating, r.text, r.status, r.spam_score, r.signals,
	r.created_at, r.moderated_at, a.headline, a.language, sn.slug, a.slug
	FROM reviews r JOIN articles a ON a.id = r.article_id
	JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language`

func scanReview(row interface{ Scan(...any) error }) (review.Review, error) {
	var r review.Review
	var c, m int64
	var lang, sec, slug string
	err := row.Scan(&r.ID, &r.ArticleID, &r.Name, &r.Email, &r.Rating, &r.Text, &r.Status, &r.SpamScore, &r.Signals,
		&c, &m, &r.ArticleHeadline, &lang, &sec, &slug)
	r.CreatedAt, r.ModeratedAt = fromMicros(c), fromMicros(m)
	r.ArticlePath = content.ArticlePath(lang, sec, slug)
	return r, err
}

// Reviews lists reviews, newest first.
func (s *Store) Reviews(ctx context.Context, q review.Query) ([]review.Review, error) {
	where, args := []string{"1 = 1"}, []any{}
	if q.ArticleID != 0 {
		where, args = append(where, "r.article_id = ?"), append(args, q.ArticleID)
	}
	if q.Status != "" {
		where, args = append(where, "r.status = ?"), append(args, q.Status)
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, 500)
	args = append(args, q.Limit, q.Offset)
	rows, err := s.query(ctx, ("SELECT " + reviewColumns + " WHERE " + strings.Join(where, " AND ") +
		" ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?"), args...)
	if err != nil {
		return nil, fmt.Errorf("list reviews: %w", err)
	}
	defer rows.Close()
	var out []review.Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, fmt.Errorf("scan review: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewByID returns one review.
func (s *Store) ReviewByID(ctx context.Context, id int64) (review.Review, error) {
	r, err := scanReview(s.queryRow(ctx, ("SELECT " + reviewColumns + " WHERE r.id = ?"), id))
	if isNoRows(err) {
		return r, fmt.Errorf("review %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("load review %d: %w", id, err)
	}
	return r, nil
}

// ReviewStats returns the count and average rating of an article's approved reviews
// (the average of those that carry a rating).
func (s *Store) ReviewStats(ctx context.Context, articleID int64) (review.Stats, error) {
	var st review.Stats
	var avg *float64
	err := s.queryRow(ctx, (`SELECT COUNT(*), COUNT(CASE WHEN rating > 0 THEN 1 END), AVG(CASE WHEN rating > 0 THEN rating * 1.0 END)
		FROM reviews WHERE article_id = ? AND status = 'approved'`), articleID).Scan(&st.Count, &st.Rated, &avg)
	if err != nil {
		return st, fmt.Errorf("review stats of article %d: %w", articleID, err)
	}
	if avg != nil {
		st.Average = *avg
	}
	return st, nil
}

// CountReviews counts reviews in a state (for the newsroom header).
func (s *Store) CountReviews(ctx context.Context, status string) (int, error) {
	var n int
	if err := s.queryRow(ctx, ("SELECT COUNT(*) FROM reviews WHERE status = ?"), status).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s reviews: %w", status, err)
	}
	return n, nil
}

// ModerateReviews sets the status of reviews and returns how many changed.
func (t *Tx) ModerateReviews(ctx context.Context, ids []int64, status string, userID int64, at time.Time) (int64, error) {
	if err := t.touchReviews(ctx, ids); err != nil {
		return 0, err
	}
	var total int64
	for _, id := range ids {
		res, err := t.exec(ctx, "UPDATE reviews SET status = ?, moderated_at = ?, moderated_by = ? WHERE id = ?",
			status, micros(at), nullID(userID), id)
		if err != nil {
			return total, fmt.Errorf("moderate review %d: %w", id, err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// RenameReviewer changes the display name of a review.
func (t *Tx) RenameReviewer(ctx context.Context, id int64, name string) error {
	if err := t.touchReviews(ctx, []int64{id}); err != nil {
		return err
	}
	res, err := t.exec(ctx, "UPDATE reviews SET name = ? WHERE id = ?", name, id)
	if err != nil {
		return fmt.Errorf("rename reviewer of review %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("review %d: %w", id, content.ErrNotFound)
	}
	return nil
}

// DeleteReviews deletes reviews by id and returns how many.
func (t *Tx) DeleteReviews(ctx context.Context, ids []int64) (int64, error) {
	if err := t.touchReviews(ctx, ids); err != nil {
		return 0, err
	}
	var total int64
	for _, id := range ids {
		res, err := t.exec(ctx, "DELETE FROM reviews WHERE id = ?", id)
		if err != nil {
			return total, fmt.Errorf("delete review %d: %w", id, err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// ForgetReviewer deletes every review by an email address and returns how many.
func (t *Tx) ForgetReviewer(ctx context.Context, email string) (int64, error) {
	if err := t.touchReviewsByEmail(ctx, strings.ToLower(strings.TrimSpace(email))); err != nil {
		return 0, err
	}
	res, err := t.exec(ctx, "DELETE FROM reviews WHERE email = ?", strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return 0, fmt.Errorf("forget reviewer: %w", err)
	}
	n, _ := res.RowsAffected()
	if _, err := t.exec(ctx, "DELETE FROM trusted_reviewers WHERE email = ?", strings.ToLower(strings.TrimSpace(email))); err != nil {
		return n, fmt.Errorf("forget trusted reviewer: %w", err)
	}
	return n, nil
}

// ExpireIPHashes blanks the address hashes of reviews older than before (privacy: 30 days).
func (t *Tx) ExpireIPHashes(ctx context.Context, before time.Time) (int64, error) {
	res, err := t.exec(ctx, "UPDATE reviews SET ip_hash = '' WHERE ip_hash <> '' AND created_at < ?", micros(before))
	if err != nil {
		return 0, fmt.Errorf("expire address hashes: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// TrustReviewer marks an email as trusted: its future reviews are approved on arrival.
func (t *Tx) TrustReviewer(ctx context.Context, email string, userID int64, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO trusted_reviewers (email, added_by, created_at) VALUES (?, ?, ?)
		ON CONFLICT (email) DO NOTHING`, strings.ToLower(strings.TrimSpace(email)), nullID(userID), micros(at))
	if err != nil {
		return fmt.Errorf("trust reviewer: %w", err)
	}
	return nil
}

// IsTrustedReviewer reports whether an email is trusted.
func (s *Store) IsTrustedReviewer(ctx context.Context, email string) (bool, error) {
	if email == "" {
		return false, nil
	}
	var n int
	if err := s.queryRow(ctx, ("SELECT COUNT(*) FROM trusted_reviewers WHERE email = ?"), email).Scan(&n); err != nil {
		return false, fmt.Errorf("check trusted reviewer: %w", err)
	}
	return n > 0, nil
}

// SetReviewsClosed opens or closes reviews on one story.
func (t *Tx) SetReviewsClosed(ctx context.Context, articleID int64, closed bool) error {
	t.Purge(cache.ReviewsKey(articleID))
	res, err := t.exec(ctx, "UPDATE articles SET reviews_closed = ? WHERE id = ?", closed, articleID)
	if err != nil {
		return fmt.Errorf("close reviews of article %d: %w", articleID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("article %d: %w", articleID, content.ErrNotFound)
	}
	return nil
}

// ApprovedReviews lists a story's approved reviews, newest first (a lean query for the
// article page: no joins).
func (s *Store) ApprovedReviews(ctx context.Context, articleID int64, limit, offset int) ([]review.Public, error) {
	rows, err := s.query(ctx, (`SELECT id, name, rating, text, created_at FROM reviews
		WHERE article_id = ? AND status = 'approved' ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`),
		articleID, min(max(limit, 1), 500), offset)
	if err != nil {
		return nil, fmt.Errorf("list approved reviews of article %d: %w", articleID, err)
	}
	defer rows.Close()
	out := make([]review.Public, 0, limit)
	for rows.Next() {
		var r review.Public
		var at int64
		if err := rows.Scan(&r.ID, &r.Name, &r.Rating, &r.Text, &at); err != nil {
			return nil, fmt.Errorf("scan review: %w", err)
		}
		r.CreatedAt = fromMicros(at)
		out = append(out, r)
	}
	return out, rows.Err()
}
