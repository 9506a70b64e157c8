package review

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// Settings keys of the review feature.
const (
	SettingCloseAfterDays = "reviews_close_after_days" // 0: never close automatically
	SettingBlocklist      = "reviews_blocklist"        // words or phrases, one per line
	settingFormKey        = "reviews_form_key"
	settingIPSalt         = "reviews_ip_salt"
)

// ErrClosed is returned for a review on a story whose reviews are closed.
var ErrClosed = errors.New("reviews are closed")

// RateLimitError says a post was refused by a rate limit; RetryAfter says when to retry.
type RateLimitError struct{ RetryAfter time.Duration }

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("too many reviews; retry after %s", e.RetryAfter.Round(time.Second))
}

// Limits configure the rate limits of posting.
type Limits struct {
	PerIPBurst      int
	PerIPEvery      time.Duration
	PerArticleBurst int
	PerArticleEvery time.Duration
}

// DefaultLimits: an address may post 5 reviews at once, then one every 30 seconds; a story
// takes 30 at once, then one every 2 seconds.
var DefaultLimits = Limits{PerIPBurst: 5, PerIPEvery: 30 * time.Second, PerArticleBurst: 30, PerArticleEvery: 2 * time.Second}

// Service runs reader reviews over a store.
type Service struct {
	st     Store
	log    *slog.Logger
	now    func() time.Time
	limits Limits

	keyMu sync.Mutex
	key   []byte
	salt  string

	mu        sync.Mutex
	ipLimits  map[string]*rate.Limiter
	artLimits map[int64]*rate.Limiter
}

// New returns the review service.
func New(st Store, log *slog.Logger, now func() time.Time, l Limits) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	if l.PerIPBurst == 0 {
		l = DefaultLimits
	}
	return &Service{st: st, log: log, now: now, limits: l, ipLimits: map[string]*rate.Limiter{}, artLimits: map[int64]*rate.Limiter{}}
}

// secrets loads (creating on first use) the form-signing key and the address salt. They
// live in the database so that every instance signs and hashes alike. A failure is not
// remembered: the next call tries again.
func (s *Service) secrets(ctx context.Context) ([]byte, string, error) {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	if s.key != nil {
		return s.key, s.salt, nil
	}
	// One reader's dropped connection must not fail the load; and the key written below
	// must be read back, whatever snapshot the page reads from.
	ctx = context.WithoutCancel(ctx)
	get := func(key string) (string, error) {
		v, err := s.st.FreshSetting(ctx, key, "")
		if err != nil || v != "" {
			return v, err
		}
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("read random bytes: %w", err)
		}
		if err := s.st.ReviewTx(ctx, func(tx Tx) error { return tx.InitSetting(ctx, key, hex.EncodeToString(b)) }); err != nil {
			return "", err
		}
		return s.st.FreshSetting(ctx, key, "")
	}
	k, err := get(settingFormKey)
	if err != nil {
		return nil, "", err
	}
	key, err := hex.DecodeString(k)
	if err != nil || len(key) < 32 {
		return nil, "", fmt.Errorf("review form key in settings is malformed")
	}
	salt, err := get(settingIPSalt)
	if err != nil {
		return nil, "", err
	}
	s.key, s.salt = key, salt
	return s.key, s.salt, nil
}

// LoadKeys loads the review form key and the address salt, creating them the first time
// (a write). Build calls it, so that no page has to write them: on SQLite a page that
// writes waits while another writer holds the database (the search rebuild that `serve`
// starts on a freshly loaded database holds it for minutes).
func (s *Service) LoadKeys(ctx context.Context) error {
	_, _, err := s.secrets(ctx)
	return err
}

// FormToken returns the signed token for a review form on an article, issued now.
func (s *Service) FormToken(ctx context.Context, articleID int64) (string, error) {
	key, _, err := s.secrets(ctx)
	if err != nil {
		return "", err
	}
	return Sign(key, articleID, s.now()), nil
}

// Closed reports whether reviews are closed on a story: by an editor, or by age.
func (s *Service) Closed(ctx context.Context, a content.Article) (bool, error) {
	if a.ReviewsClosed {
		return true, nil
	}
	v, err := s.st.Setting(ctx, SettingCloseAfterDays, "0")
	if err != nil {
		return false, err
	}
	days, _ := strconv.Atoi(v)
	if days > 0 && !a.FirstPublishedAt.IsZero() && s.now().Sub(a.FirstPublishedAt) > time.Duration(days)*24*time.Hour {
		return true, nil
	}
	return false, nil
}

// Post is one submission of the public form.
type Post struct {
	Article  content.Article
	IP       string // the client address (from the trusted proxy header when configured)
	Token    string
	Honeypot string // the hidden field; people leave it empty
	Input    Input
}

// Result says what happened to a post.
type Result struct {
	ID     int64
	Status Status
	Score  int
}

// ipKey groups IPv6 clients by their /64 network (one household or host), IPv4 by address.
func ipKey(ip string) string {
	if a, err := netip.ParseAddr(ip); err == nil && a.Is6() && !a.Is4In6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return ip
}

func (s *Service) allowIP(ip string) (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	key := ipKey(ip)
	l, ok := s.ipLimits[key]
	if !ok {
		if len(s.ipLimits) >= maxBuckets {
			s.prune(now)
		}
		l = rate.NewLimiter(rate.Every(s.limits.PerIPEvery), s.limits.PerIPBurst)
		s.ipLimits[key] = l
	}
	return reserve(l, now)
}

func (s *Service) allowArticle(id int64) (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	l, ok := s.artLimits[id]
	if !ok {
		l = rate.NewLimiter(rate.Every(s.limits.PerArticleEvery), s.limits.PerArticleBurst)
		s.artLimits[id] = l
	}
	return reserve(l, now)
}

func reserve(l *rate.Limiter, now time.Time) (time.Duration, bool) {
	r := l.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d, false
	}
	return 0, true
}

// maxBuckets bounds the per-address buckets kept in memory.
const maxBuckets = 100_000

// prune drops the buckets that are full again (their owners are not posting): forgetting
// them changes nothing. Buckets still limiting someone are kept.
func (s *Service) prune(now time.Time) {
	for k, l := range s.ipLimits {
		if l.TokensAt(now) >= float64(s.limits.PerIPBurst) {
			delete(s.ipLimits, k)
		}
	}
	for k, l := range s.artLimits {
		if l.TokensAt(now) >= float64(s.limits.PerArticleBurst) {
			delete(s.artLimits, k)
		}
	}
}

// Submit checks and stores a reader's review. The rate limits come first, so that a flood
// costs no database work; then the form token, the fields and the spam signals.
func (s *Service) Submit(ctx context.Context, p Post, msg func(string, ...any) string) (Result, error) {
	if d, ok := s.allowIP(p.IP); !ok {
		return Result{}, &RateLimitError{RetryAfter: d}
	}
	key, salt, err := s.secrets(ctx)
	if err != nil {
		return Result{}, err
	}
	tok, err := Verify(key, p.Token)
	if err != nil || tok.ArticleID != p.Article.ID {
		return Result{}, ErrBadToken
	}
	// Only posts with a genuine form token spend the story's budget, so that junk from
	// many addresses cannot lock real readers out of a story.
	if d, ok := s.allowArticle(p.Article.ID); !ok {
		return Result{}, &RateLimitError{RetryAfter: d}
	}
	closed, err := s.Closed(ctx, p.Article)
	if err != nil {
		return Result{}, err
	}
	if closed {
		return Result{}, ErrClosed
	}
	mode, err := s.Mode(ctx)
	if err != nil {
		return Result{}, err
	}
	in := Clean(p.Input)
	if err := Validate(in, mode, msg); err != nil {
		return Result{}, err
	}
	now := s.now()
	ipHash := hashHex(salt + "|" + p.IP)
	textHash := hashHex(strings.ToLower(strings.Join(strings.Fields(in.Text), " ")))
	dup, err := s.st.IsDuplicateReview(ctx, textHash, ipHash, now.Add(-24*time.Hour))
	if err != nil {
		return Result{}, err
	}
	blocklist, err := s.st.Setting(ctx, SettingBlocklist, "")
	if err != nil {
		return Result{}, err
	}
	trusted, err := s.st.IsTrustedReviewer(ctx, in.Email)
	if err != nil {
		return Result{}, err
	}
	sig := Signals{Honeypot: strings.TrimSpace(p.Honeypot) != "", FillTime: now.Sub(tok.Issued), Links: CountLinks(in.Text),
		Duplicate: dup, Blocked: BlockedWords(in.Text+" "+in.Name, strings.Split(blocklist, "\n")),
		Markup: LooksLikeMarkup(in.Text + in.Name), ShoutRatio: ShoutRatio(in.Text), TrustedEmail: trusted}
	score, why := Score(sig)
	res := Result{Status: Route(score, trusted), Score: score}
	r := Review{ArticleID: p.Article.ID, Name: in.Name, Email: in.Email, Rating: in.Rating, Text: in.Text,
		Status: string(res.Status), SpamScore: score, Signals: strings.Join(why, "; "), IPHash: ipHash, TextHash: textHash,
		CreatedAt: now}
	err = s.st.ReviewTx(ctx, func(tx Tx) error {
		var err error
		res.ID, err = tx.CreateReview(ctx, r)
		return err
	})
	return res, err
}

func hashHex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// PublicStory returns the story whose reviews readers may read at now: one they can see.
// Any other story is content.ErrNotFound, exactly like one that does not exist.
func (s *Service) PublicStory(ctx context.Context, id int64, now time.Time) (content.Article, error) {
	a, err := s.st.ArticleByID(ctx, id)
	if err == nil && !a.PublicAt(now) {
		return content.Article{}, fmt.Errorf("story %d is not public: %w", id, content.ErrNotFound)
	}
	return a, err
}

// Approved lists a story's approved reviews, newest first, with their stats.
func (s *Service) Approved(ctx context.Context, articleID int64, limit, offset int) ([]Public, Stats, error) {
	stats, err := s.st.ReviewStats(ctx, articleID)
	if err != nil {
		return nil, stats, err
	}
	if stats.Count == 0 {
		return nil, stats, nil
	}
	list, err := s.st.ApprovedReviews(ctx, articleID, limit, offset)
	return list, stats, err
}

// Actor is a newsroom user moderating.
type Actor = account.User

func allowModerate(u Actor) error {
	if !account.Can(u.Role, account.ActModerate) {
		return fmt.Errorf("%s may not moderate: %w", u.Role, account.ErrForbidden)
	}
	return nil
}

// Queue lists reviews in a state for moderators.
func (s *Service) Queue(ctx context.Context, u Actor, status Status, limit, offset int) ([]Review, error) {
	return s.List(ctx, u, Query{Status: string(status), Limit: limit, Offset: offset})
}

// List lists reviews for moderators, newest first: in one state (or all), of one story
// (or all).
func (s *Service) List(ctx context.Context, u Actor, q Query) ([]Review, error) {
	if err := allowModerate(u); err != nil {
		return nil, err
	}
	if q.Status != "" && !ValidStatus(Status(q.Status)) {
		return nil, &content.FieldError{What: "review", Fields: map[string]string{"status": "Use pending, approved, rejected or spam."}}
	}
	return s.st.Reviews(ctx, q)
}

// Get returns one review, for moderators.
func (s *Service) Get(ctx context.Context, u Actor, id int64) (Review, error) {
	if err := allowModerate(u); err != nil {
		return Review{}, err
	}
	return s.st.ReviewByID(ctx, id)
}

// Count counts the reviews in a state, for moderators.
func (s *Service) Count(ctx context.Context, u Actor, status Status) (int, error) {
	if err := allowModerate(u); err != nil {
		return 0, err
	}
	return s.st.CountReviews(ctx, string(status))
}

// Moderate sets the status of reviews (approve, reject, mark as spam) and returns how many
// changed; ids that do not exist are skipped.
func (s *Service) Moderate(ctx context.Context, u Actor, ids []int64, to Status) (int64, error) {
	if err := allowModerate(u); err != nil {
		return 0, err
	}
	if !ValidStatus(to) {
		return 0, &content.FieldError{What: "review", Fields: map[string]string{"status": "Unknown status."}}
	}
	var n int64
	err := s.st.ReviewTx(ctx, func(tx Tx) error {
		var err error
		if n, err = tx.ModerateReviews(ctx, ids, string(to), u.ID, s.now()); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "review_"+string(to), "review", firstID(ids), fmt.Sprintf("%d review(s)", n))
	})
	return n, err
}

func firstID(ids []int64) int64 {
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

// Delete deletes reviews.
func (s *Service) Delete(ctx context.Context, u Actor, ids []int64) (int64, error) {
	if err := allowModerate(u); err != nil {
		return 0, err
	}
	var n int64
	err := s.st.ReviewTx(ctx, func(tx Tx) error {
		var err error
		if n, err = tx.DeleteReviews(ctx, ids); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "review_delete", "review", firstID(ids), fmt.Sprintf("%d review(s)", n))
	})
	return n, err
}

// Rename changes a review's display name.
func (s *Service) Rename(ctx context.Context, u Actor, id int64, name string) error {
	if err := allowModerate(u); err != nil {
		return err
	}
	name = Clean(Input{Name: name}).Name
	if name == "" || len([]rune(name)) > MaxNameRunes {
		fe := &content.FieldError{What: "review"}
		fe.Set("name", "A name of 1 to %d characters.", MaxNameRunes)
		return fe
	}
	return s.st.ReviewTx(ctx, func(tx Tx) error {
		if err := tx.RenameReviewer(ctx, id, name); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "review_rename", "review", id, name)
	})
}

// Trust marks the email of a review as trusted and approves that review.
func (s *Service) Trust(ctx context.Context, u Actor, reviewID int64) error {
	if err := allowModerate(u); err != nil {
		return err
	}
	r, err := s.st.ReviewByID(ctx, reviewID)
	if err != nil {
		return err
	}
	if r.Email == "" {
		return &content.FieldError{What: "review", Fields: map[string]string{"email": "This review has no email address to trust."}}
	}
	return s.st.ReviewTx(ctx, func(tx Tx) error {
		if err := tx.TrustReviewer(ctx, r.Email, u.ID, s.now()); err != nil {
			return err
		}
		if _, err := tx.ModerateReviews(ctx, []int64{reviewID}, string(StatusApproved), u.ID, s.now()); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "review_trust", "review", reviewID, "")
	})
}

// SetClosed opens or closes reviews on one story (editors).
func (s *Service) SetClosed(ctx context.Context, u Actor, articleID int64, closed bool) error {
	if err := allowModerate(u); err != nil {
		return err
	}
	return s.st.ReviewTx(ctx, func(tx Tx) error {
		if err := tx.SetReviewsClosed(ctx, articleID, closed); err != nil {
			return err
		}
		action := "reviews_open"
		if closed {
			action = "reviews_close"
		}
		return tx.Audit(ctx, u.ID, action, "article", articleID, "")
	})
}

// Forget deletes every review by an email address (a reader's request) and returns how many.
func (s *Service) Forget(ctx context.Context, email string) (int64, error) {
	var n int64
	err := s.st.ReviewTx(ctx, func(tx Tx) error {
		var err error
		if n, err = tx.ForgetReviewer(ctx, email); err != nil {
			return err
		}
		return tx.Audit(ctx, 0, "reviews_forget", "reviewer", 0, fmt.Sprintf("%d review(s)", n))
	})
	return n, err
}

// ExpireAddresses blanks address hashes older than 30 days; run it daily.
func (s *Service) ExpireAddresses(ctx context.Context) (int64, error) {
	var n int64
	err := s.st.ReviewTx(ctx, func(tx Tx) error {
		var err error
		n, err = tx.ExpireIPHashes(ctx, s.now().Add(-30*24*time.Hour))
		return err
	})
	return n, err
}
