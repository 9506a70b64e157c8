// Package syndication is the subscribers' wire: subscribers and their API keys, the log of
// released story versions, IPTC ninjs encoding (2.2 and 3.1), webhook signing, the durable
// delivery outbox and its workers, and the wake-ups of the live stream.
//
// Every release, update, correction and kill of a story is recorded by Record, called by
// the newsroom inside the publishing transaction: it writes one wire version (a snapshot
// the ninjs of that version is rendered from) and one outbox row per matching webhook, so
// the wire is exactly as durable as the publication. The store implements Store and Tx;
// this package never imports it.
package syndication

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// ErrUnauthorized is returned for a missing, unknown, rotated or revoked API key.
var ErrUnauthorized = errors.New("unauthorized")

// Wildcard in a subscriber's sections or languages matches every value.
const Wildcard = "*"

// Pubstatus values of ninjs.
const (
	PubUsable   = "usable"
	PubCanceled = "canceled"
)

// Events, as the newsroom names them (newsroom.EventRelease, …).
const (
	EventRelease    = "release"
	EventUpdate     = "update"
	EventCorrection = "correction"
	EventKill       = "kill"
)

// Subscriber is a customer of the wire with one API key.
type Subscriber struct {
	ID            int64
	Name          string
	Sections      []string // section keys, or just Wildcard
	Languages     []string // language codes, or just Wildcard
	KeyHint       string   // the first characters of the key, to recognise it
	RatePerMinute int      // pull requests allowed per minute
	CreatedAt     time.Time
	RotatedAt     time.Time
	RevokedAt     time.Time
	Webhooks      int // active webhooks (in lists)
}

// Allows reports whether the subscriber receives stories of section in lang.
func (s Subscriber) Allows(section, lang string) bool {
	return matches(s.Sections, section) && matches(s.Languages, lang)
}

func matches(list []string, v string) bool {
	for _, x := range list {
		if x == Wildcard || x == v {
			return true
		}
	}
	return false
}

// Webhook is an HTTPS endpoint of a subscriber that receives every version by POST.
type Webhook struct {
	ID           int64
	SubscriberID int64
	URL          string
	Secret       string // HMAC-SHA256 key of the signatures
	Ninjs        string // "2.2" or "3.1"
	CreatedAt    time.Time
	RemovedAt    time.Time
}

// Version is one released version of a story, as the wire log stores it.
type Version struct {
	ID           int64 // global sequence: the cursor and the stream's event id
	ArticleID    int64
	Version      int // 1, 2, … per story
	Event        string
	Section      string
	Language     string
	PubStatus    string
	EmbargoUntil time.Time
	CreatedAt    time.Time
	Item         []byte // the Snapshot as JSON
}

// Translation is the same story in another language, for associations.
type Translation struct {
	ArticleID int64
	Language  string
	Headline  string
}

// Source is what a version's snapshot is made from; the store loads it inside the
// publishing transaction.
type Source struct {
	Article      content.Article // with tags, corrections and lead image
	Brief        *content.Brief  // the brief the story developed from, if any
	Translations []Translation   // released versions in other languages
}

// VersionQuery selects wire versions for one subscriber, in id order.
type VersionQuery struct {
	SubscriberID int64 // required: only versions within its scopes
	After        int64 // id cursor: versions with a greater id
	Since        time.Time
	Section      string // optional filter
	Language     string // optional filter
	ArticleID    int64  // optional: one story's versions
	Limit        int
	Newest       bool // only the newest version of ArticleID
}

// Delivery is one claimed outbox row, ready to send.
type Delivery struct {
	ID           int64
	SubscriberID int64
	WebhookID    int64
	Attempt      int // 1 for the first
	URL          string
	Secret       string
	Ninjs        string
	CreatedAt    time.Time
	ExpiresAt    time.Time
	Version      Version
}

// Result is the outcome of one delivery attempt.
type Result struct {
	ID           int64
	SubscriberID int64
	Delivered    bool
	Dead         bool      // failed and out of time: dead-lettered
	NextAt       time.Time // when not delivered and not dead: the next attempt
	Status       int       // HTTP status, 0 when none came
	Error        string
}

// DeadDelivery is a dead-lettered outbox row, as the newsroom lists it.
type DeadDelivery struct {
	ID             int64
	SubscriberName string
	URL            string
	ArticleID      int64
	Version        int
	Event          string
	Attempts       int
	LastStatus     int
	LastError      string
	CreatedAt      time.Time
}

// Usage is what one subscriber used on one UTC day.
type Usage struct {
	SubscriberID   int64
	SubscriberName string
	Day            time.Time
	ItemsPulled    int64
	Requests       int64
	Delivered      int64
	Failed         int64 // failed attempts (each retried until dead)
}

// OutboxStats counts outbox rows by state.
type OutboxStats struct {
	Pending   int64
	Dead      int64
	Delivered int64
}

// Store is the persistence of the wire outside a publishing transaction; *store.Store
// implements it.
type Store interface {
	WireTx(ctx context.Context, fn func(tx Tx) error) error
	WireSource(ctx context.Context, articleID int64) (Source, error)
	WireSubscribers(ctx context.Context) ([]Subscriber, error)
	WireSubscriber(ctx context.Context, id int64) (Subscriber, error)
	WireSubscriberByKey(ctx context.Context, keyHash string) (Subscriber, error)
	WireWebhooks(ctx context.Context, subscriberID int64) ([]Webhook, error)
	WireVersions(ctx context.Context, q VersionQuery) ([]Version, error)
	WireLatestID(ctx context.Context) (int64, error)
	WireUnversioned(ctx context.Context, after int64, limit int) ([]int64, error)
	ClaimWireDeliveries(ctx context.Context, claim string, now, leaseUntil time.Time, limit int) ([]Delivery, error)
	FinishWireDeliveries(ctx context.Context, claim string, results []Result, now time.Time) error
	AddWireUsage(ctx context.Context, subscriberID int64, day time.Time, items, requests int) error
	WireUsage(ctx context.Context, from, to time.Time) ([]Usage, error)
	WireOutboxStats(ctx context.Context) (OutboxStats, error)
	DeadWireDeliveries(ctx context.Context, limit int) ([]DeadDelivery, error)
	SentWireVersions(ctx context.Context, since time.Time, limit int) ([]Sent, error)
	OldestPendingDelivery(ctx context.Context) (time.Time, error)
	// OnWireCommit registers fn to run after every commit that recorded a wire version:
	// synchronously after the commit on the instance that made it, and on the other
	// instances sharing the database when the announcement reaches them.
	OnWireCommit(fn func())
}

// Tx is what the wire writes inside a transaction; *store.Tx implements it.
type Tx interface {
	LockWire(ctx context.Context) error
	WireSource(ctx context.Context, articleID int64) (Source, error)
	InsertWireVersion(ctx context.Context, v Version) (Version, error)
	EnqueueWireDeliveries(ctx context.Context, v Version, now, expires time.Time) (int64, error)
	HasWireVersion(ctx context.Context, articleID int64) (bool, error)
	CreateWireSubscriber(ctx context.Context, s Subscriber, keyHash string) (int64, error)
	SetWireSubscriberKey(ctx context.Context, id int64, keyHash, hint string, at time.Time) error
	RevokeWireSubscriber(ctx context.Context, id int64, at time.Time) error
	CreateWireWebhook(ctx context.Context, w Webhook) (int64, error)
	RemoveWireWebhook(ctx context.Context, id int64, at time.Time) error
	RetryWireDelivery(ctx context.Context, id int64, now, expires time.Time) error
	Audit(ctx context.Context, userID int64, action, objectType string, objectID int64, detail string) error
}

// Config configures the wire.
type Config struct {
	Store    Store // required
	BaseURL  string
	Logger   *slog.Logger
	Now      func() time.Time
	Delivery DeliveryConfig
	// StreamPoll is how often the live stream looks for new versions while any stream is
	// open (default 250 ms).
	StreamPoll time.Duration
}

// Service is the wire.
type Service struct {
	st       Store
	base     string
	host     string
	log      *slog.Logger
	now      func() time.Time
	delivery DeliveryConfig
	kick     chan struct{}
	hub      *hub
}

// New returns the wire service.
func New(cfg Config) *Service {
	s := &Service{st: cfg.Store, base: strings.TrimRight(cfg.BaseURL, "/"), log: cfg.Logger, now: cfg.Now,
		delivery: cfg.Delivery.withDefaults()}
	s.kick = make(chan struct{}, s.delivery.Loops)
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.host = "localhost"
	if u, err := url.Parse(s.base); err == nil && u.Host != "" {
		s.host = u.Host
	}
	poll := cfg.StreamPoll
	if poll <= 0 {
		poll = 250 * time.Millisecond
	}
	s.hub = newHub(s.st, poll, s.log)
	if s.st != nil { // nil when only items are rendered
		s.st.OnWireCommit(s.wake) // after the commit, so that what is woken finds the new rows
	}
	return s
}
