package syndication

import (
	"context"
	"time"
)

// Sent is one story version that went out on the wire, for the newsroom's dashboard.
type Sent struct {
	ArticleID int64
	Headline  string
	Event     string
	At        time.Time
}

// Activity is what the wire did since a time and how its deliveries stand.
type Activity struct {
	Sent    []Sent // newest first
	Outbox  OutboxStats
	Oldest  time.Time // the oldest delivery still waiting (zero: none)
	Healthy bool      // nothing dead-lettered and nothing waiting longer than StaleAfter
}

// StaleAfter is how long a delivery may wait before the dashboard calls the wire unhealthy.
const StaleAfter = 5 * time.Minute

// Activity returns the versions sent since since (at most limit) and the outbox's state.
func (s *Service) Activity(ctx context.Context, since time.Time, limit int) (Activity, error) {
	var a Activity
	var err error
	if a.Sent, err = s.st.SentWireVersions(ctx, since, limit); err != nil {
		return a, err
	}
	if a.Outbox, err = s.st.WireOutboxStats(ctx); err != nil {
		return a, err
	}
	if a.Oldest, err = s.st.OldestPendingDelivery(ctx); err != nil {
		return a, err
	}
	a.Healthy = a.Outbox.Dead == 0 && (a.Oldest.IsZero() || s.now().Sub(a.Oldest) < StaleAfter)
	return a, nil
}
