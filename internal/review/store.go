package review

import (
	"context"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Review is a reader's review as stored.
type Review struct {
	ID          int64
	ArticleID   int64
	Name        string
	Email       string
	Rating      int
	Text        string
	Status      string
	SpamScore   int
	Signals     string
	IPHash      string
	TextHash    string
	CreatedAt   time.Time
	ModeratedAt time.Time
	// For moderation lists: the story it is about.
	ArticleHeadline string
	ArticlePath     string
}

// Stats are the count and average rating of an article's approved reviews.
type Stats struct {
	Count int
	// Rated counts the reviews with a rating (1–5) and Average is theirs: comments
	// imported from WordPress or Ghost have none (0) and count in Count only.
	Rated   int
	Average float64
}

// Query selects reviews. Zero fields do not filter.
type Query struct {
	ArticleID int64
	Status    string
	Limit     int
	Offset    int
}

// Public is what readers see of an approved review: never the email or address.
type Public struct {
	ID        int64
	Name      string
	Rating    int
	Text      string
	CreatedAt time.Time
}

// Store is the storage reader reviews need; *store.Store implements it.
type Store interface {
	// ReviewTx runs fn in one transaction.
	ReviewTx(ctx context.Context, fn func(tx Tx) error) error
	Setting(ctx context.Context, key, def string) (string, error)
	// FreshSetting reads a setting as last committed, outside any read snapshot.
	FreshSetting(ctx context.Context, key, def string) (string, error)
	IsDuplicateReview(ctx context.Context, textHash, ipHash string, since time.Time) (bool, error)
	IsTrustedReviewer(ctx context.Context, email string) (bool, error)
	Reviews(ctx context.Context, q Query) ([]Review, error)
	ReviewByID(ctx context.Context, id int64) (Review, error)
	ReviewStats(ctx context.Context, articleID int64) (Stats, error)
	ApprovedReviews(ctx context.Context, articleID int64, limit, offset int) ([]Public, error)
	CountReviews(ctx context.Context, status string) (int, error)
	ArticleByID(ctx context.Context, id int64) (content.Article, error)
}

// Tx is what reader reviews write inside a transaction; *store.Tx implements it.
type Tx interface {
	InitSetting(ctx context.Context, key, value string) error
	CreateReview(ctx context.Context, r Review) (int64, error)
	ModerateReviews(ctx context.Context, ids []int64, status string, userID int64, at time.Time) (int64, error)
	DeleteReviews(ctx context.Context, ids []int64) (int64, error)
	RenameReviewer(ctx context.Context, id int64, name string) error
	TrustReviewer(ctx context.Context, email string, userID int64, at time.Time) error
	SetReviewsClosed(ctx context.Context, articleID int64, closed bool) error
	ForgetReviewer(ctx context.Context, email string) (int64, error)
	ExpireIPHashes(ctx context.Context, before time.Time) (int64, error)
	Audit(ctx context.Context, userID int64, action, objectType string, objectID int64, detail string) error
}
