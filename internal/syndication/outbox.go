package syndication

import (
	"context"
	"time"
)

// RetryWindow is how long a dead delivery retried from the newsroom is tried again.
const RetryWindow = 24 * time.Hour

// Usage lists the subscribers' usage per day, for days in [from, to).
func (s *Service) Usage(ctx context.Context, from, to time.Time) ([]Usage, error) {
	return s.st.WireUsage(ctx, from, to)
}

// OutboxStats counts the outbox's deliveries by state.
func (s *Service) OutboxStats(ctx context.Context) (OutboxStats, error) {
	return s.st.WireOutboxStats(ctx)
}

// DeadDeliveries lists at most limit deliveries that were given up on, newest first.
func (s *Service) DeadDeliveries(ctx context.Context, limit int) ([]DeadDelivery, error) {
	return s.st.DeadWireDeliveries(ctx, limit)
}

// RetryDelivery puts the dead delivery id back in the outbox, to be tried for RetryWindow;
// the user userID is written to the audit log as having asked.
func (s *Service) RetryDelivery(ctx context.Context, userID, id int64) error {
	now := s.now()
	return s.st.WireTx(ctx, func(tx Tx) error {
		if err := tx.RetryWireDelivery(ctx, id, now, now.Add(RetryWindow)); err != nil {
			return err
		}
		return tx.Audit(ctx, userID, "wire_retry", "delivery", id, "")
	})
}
