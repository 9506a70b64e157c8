package newsroom

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// Who else is here: the newsroom's editor page tells the store that its user has a story
// open (on loading, then by a heartbeat), and shows who else has. A presence not renewed
// for PresenceTTL no longer counts.

// PresenceTTL is how long an open editor page counts without a heartbeat.
const PresenceTTL = 60 * time.Second

// Presence is one user who has a story open in the editor.
type Presence struct {
	UserID int64
	Name   string
	Since  time.Time // when they opened it
	Seen   time.Time // their page's last sign of life
}

// PresenceStore is the storage of presence; *store.Store implements it.
type PresenceStore interface {
	TouchPresence(ctx context.Context, article, user int64, now, stale time.Time) error
	LeavePresence(ctx context.Context, article, user int64) error
	Presence(ctx context.Context, article int64, stale time.Time) ([]Presence, error)
}

// Open records that u has story a (as Get returned it to u) open now and returns the
// others who have it open.
func (s *Service) Open(ctx context.Context, u Actor, a content.Article) ([]Presence, error) {
	if !CanView(u, a) {
		return nil, fmt.Errorf("open article %d: %w", a.ID, account.ErrForbidden)
	}
	now := s.now()
	if err := s.st.TouchPresence(ctx, a.ID, u.ID, now, now.Add(-PresenceTTL)); err != nil {
		return nil, err
	}
	return s.others(ctx, u, a.ID, now)
}

// Leave forgets that u has story id open (the editor page was closed).
func (s *Service) Leave(ctx context.Context, u Actor, id int64) error {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return err
	}
	return s.st.LeavePresence(ctx, id, u.ID)
}

// OpenBy lists the others than u who have story id open; u must be allowed to see it
// (call it after Get).
func (s *Service) OpenBy(ctx context.Context, u Actor, id int64) ([]Presence, error) {
	return s.others(ctx, u, id, s.now())
}

func (s *Service) others(ctx context.Context, u Actor, id int64, now time.Time) ([]Presence, error) {
	all, err := s.st.Presence(ctx, id, now.Add(-PresenceTTL))
	if err != nil {
		return nil, err
	}
	out := make([]Presence, 0, len(all))
	for _, p := range all {
		if p.UserID != u.ID {
			out = append(out, p)
		}
	}
	return out, nil
}
