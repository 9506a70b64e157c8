// Package notify tells the newsroom's staff what needs them: a story submitted (to the
// editors who can publish it), returned or published (to its author), an account under
// attack and a webhook subscriber given up on (to the administrators). Each notification is
// written in the transaction of its event, listed in the newsroom and, when mail is set up,
// sent by email from a durable outbox. Each user can turn each kind off, per channel.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
)

// The kinds of notification.
const (
	KindSubmitted   = "submitted"    // a story waits for an editor
	KindReturned    = "returned"     // a story came back to its author with a note
	KindPublished   = "published"    // the author's story is out
	KindLoginAttack = "login_attack" // many failed sign-ins for one account
	KindDeadLetter  = "dead_letter"  // a webhook subscriber's delivery was given up on
)

// Kinds lists every kind, in the order the preferences form shows them.
func Kinds() []string {
	return []string{KindSubmitted, KindReturned, KindPublished, KindLoginAttack, KindDeadLetter}
}

// The channels a kind can be turned off on.
const (
	ChannelApp   = "app"   // the newsroom's list and badge
	ChannelEmail = "email" // an email
)

// quiet is how long events with the same kind and ref are told only once.
const quiet = time.Hour

// ErrUnknownKind says that a kind or channel is not one of this package's.
var ErrUnknownKind = errors.New("unknown notification kind or channel")

// Event is something that happened that people are told of.
type Event struct {
	Kind      string
	ArticleID int64  // the story, for the story kinds
	ActorID   int64  // who did it: not told of their own action
	Subject   string // the account's address or the subscriber's name (a story's is its headline)
	Detail    string // the return note, what the attack looked like, the last delivery error
	Ref       string // events of one kind with the same ref are told once an hour ("" always)
}

// Batch is what the store writes for one event: a row for every recipient (the users with
// one of Roles, the owner of the story when ToOwner, or UserID), less the actor, those who turned both channels off and those
// told of the same ref since QuietSince, and an outbox row for the emails when Mail is set.
type Batch struct {
	Event
	Roles      []string
	ToOwner    bool
	UserID     int64
	At         time.Time
	QuietSince time.Time
	Mail       bool
}

// Notification is one entry of a user's list.
type Notification struct {
	ID        int64
	Kind      string
	ArticleID int64
	Subject   string
	Detail    string
	CreatedAt time.Time
	Read      bool
}

// Pref is one (kind, channel) pair, turned off when stored.
type Pref struct {
	Kind    string
	Channel string
}

// Tx is what Record writes in the event's transaction; the store's transaction implements it.
type Tx interface {
	AddNotifications(ctx context.Context, b Batch) (int, error)
}

// Store is what the service reads and writes outside events; *store.Store implements it.
type Store interface {
	Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error)
	UnreadNotifications(ctx context.Context, userID int64) (int, error)
	MarkNotificationsRead(ctx context.Context, userID, upTo int64, at time.Time) error
	NotificationPrefsOff(ctx context.Context, userID int64) ([]Pref, error)
	SetNotificationPrefsOff(ctx context.Context, userID int64, off []Pref) error
	MailStore
}

// Config configures a Service.
type Config struct {
	Store   Store
	Mailer  *Mailer // nil: no email
	BaseURL string  // the site's public address, for the newsroom links in emails
	Logger  *slog.Logger
	Now     func() time.Time
}

// Service records, lists and mails notifications.
type Service struct {
	st      Store
	mailer  *Mailer
	baseURL string
	log     *slog.Logger
	now     func() time.Time
	wake    chan struct{}
}

// New returns a notification service.
func New(c Config) *Service {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{st: c.Store, mailer: c.Mailer, baseURL: c.BaseURL, log: c.Logger, now: c.Now, wake: make(chan struct{}, 1)}
}

// Mailing reports whether emails are sent.
func (s *Service) Mailing() bool { return s.mailer != nil }

// recipients says who is told of an event: the roles, or the story's owner.
func recipients(e Event) (roles []string, owner bool, err error) {
	switch e.Kind {
	case KindSubmitted:
		return rolesThatCan(account.ActPublish), false, nil
	case KindReturned, KindPublished:
		return nil, true, nil
	case KindLoginAttack, KindDeadLetter:
		return rolesThatCan(account.ActManageUsers), false, nil
	}
	return nil, false, fmt.Errorf("notify %q: %w", e.Kind, ErrUnknownKind)
}

func rolesThatCan(a account.Action) []string {
	var out []string
	for _, r := range account.Roles() {
		if account.Can(r, a) {
			out = append(out, r)
		}
	}
	return out
}

// Record writes the notifications of e inside the event's transaction tx (whose dynamic
// type must implement Tx): if the event rolls back, so do they, and once it commits they
// and their emails cannot be lost.
func (s *Service) Record(ctx context.Context, tx any, e Event) error {
	ntx, ok := tx.(Tx)
	if !ok {
		return fmt.Errorf("notify %s: %T is not a notification transaction", e.Kind, tx)
	}
	roles, owner, err := recipients(e)
	if err != nil {
		return err
	}
	now := s.now()
	b := Batch{Event: e, Roles: roles, ToOwner: owner, At: now, QuietSince: now.Add(-quiet), Mail: s.mailer != nil}
	if _, err := ntx.AddNotifications(ctx, b); err != nil {
		return fmt.Errorf("notify %s: %w", e.Kind, err)
	}
	s.Wake()
	return nil
}

// Wake makes the mail worker look at the outbox now rather than at its next tick.
func (s *Service) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// List returns a user's newest notifications.
func (s *Service) List(ctx context.Context, userID int64, limit int) ([]Notification, error) {
	return s.st.Notifications(ctx, userID, limit)
}

// Unread counts a user's unread notifications.
func (s *Service) Unread(ctx context.Context, userID int64) (int, error) {
	return s.st.UnreadNotifications(ctx, userID)
}

// MarkRead marks a user's notifications up to id upTo read (0: all of them).
func (s *Service) MarkRead(ctx context.Context, userID, upTo int64) error {
	return s.st.MarkNotificationsRead(ctx, userID, upTo, s.now())
}

// PrefsOff returns the (kind, channel) pairs a user turned off.
func (s *Service) PrefsOff(ctx context.Context, userID int64) ([]Pref, error) {
	return s.st.NotificationPrefsOff(ctx, userID)
}

// SetPrefsOff replaces the pairs a user turned off.
func (s *Service) SetPrefsOff(ctx context.Context, userID int64, off []Pref) error {
	for _, p := range off {
		if !validPref(p) {
			return fmt.Errorf("notification preference %s/%s: %w", p.Kind, p.Channel, ErrUnknownKind)
		}
	}
	return s.st.SetNotificationPrefsOff(ctx, userID, off)
}

func validPref(p Pref) bool {
	if p.Channel != ChannelApp && p.Channel != ChannelEmail {
		return false
	}
	for _, k := range Kinds() {
		if p.Kind == k {
			return true
		}
	}
	return false
}
