package syndication

import (
	"context"
	"fmt"
	"time"
)

// RecordChange is Record for the newsroom's change hook, which holds the transaction as
// the newsroom's Tx: tx must also be the wire's Tx, as the store's transaction is.
func (s *Service) RecordChange(ctx context.Context, tx any, articleID int64, event string) error {
	wtx, ok := tx.(Tx)
	if !ok {
		return fmt.Errorf("record %s of article %d: %T is not a wire transaction", event, articleID, tx)
	}
	return s.Record(ctx, wtx, articleID, event)
}

// Record writes a wire version of story articleID for event, and an outbox row for every
// webhook of every subscriber whose scope matches the story's section and language. The
// newsroom calls it (as its OnChange hook) inside the publishing transaction, after the
// change: if anything fails, the publication fails with it, and once it commits the
// deliveries cannot be lost.
func (s *Service) Record(ctx context.Context, tx Tx, articleID int64, event string) error {
	if err := tx.LockWire(ctx); err != nil {
		return err
	}
	src, err := tx.WireSource(ctx, articleID)
	if err != nil {
		return err
	}
	now := s.now()
	v, err := newVersion(snapshot(src, event, now))
	if err != nil {
		return err
	}
	if v, err = tx.InsertWireVersion(ctx, v); err != nil {
		return err
	}
	_, err = tx.EnqueueWireDeliveries(ctx, v, now, now.Add(s.delivery.Backoff.MaxAge))
	return err // the commit wakes the workers and streams of every instance (OnWireCommit)
}

// wake tells this instance's delivery loops (every one of them) and live streams to look
// now. The store calls it after a commit that recorded a wire version, here or on another
// instance: called inside the transaction, it would send them to read before the rows are
// visible, and they would then wait for their next poll.
func (s *Service) wake() {
	for range s.delivery.Loops {
		select {
		case s.kick <- struct{}{}:
		default:
		}
	}
	s.hub.poke()
}

// Backfill gives every published story that has no wire version yet (stories from the
// demo edition, an import, or before the wire existed) a first version, released at its
// last update. It enqueues no webhook deliveries: subscribers pull the back catalogue;
// pushes are for news. It returns how many versions it wrote.
func (s *Service) Backfill(ctx context.Context) (int, error) {
	total, after := 0, int64(0)
	for {
		// Small batches: on SQLite each holds the one write lock, and the newsroom's saves
		// and readers' reviews must get their turn between them.
		ids, err := s.st.WireUnversioned(ctx, after, 50)
		if err != nil || len(ids) == 0 {
			return total, err
		}
		after = ids[len(ids)-1]
		n := 0
		err = s.st.WireTx(ctx, func(tx Tx) error {
			if err := tx.LockWire(ctx); err != nil {
				return err
			}
			for _, id := range ids {
				if has, err := tx.HasWireVersion(ctx, id); err != nil || has {
					if err != nil {
						return err
					}
					continue // another instance was quicker
				}
				src, err := tx.WireSource(ctx, id)
				if err != nil {
					return err
				}
				at := firstNonZero(src.Article.UpdatedAt, src.Article.PublishedAt, s.now())
				if at.After(s.now()) {
					at = s.now()
				}
				v, err := newVersion(snapshot(src, EventRelease, at))
				if err != nil {
					return err
				}
				if _, err := tx.InsertWireVersion(ctx, v); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("backfill wire versions: %w", err)
		}
		total += n
	}
}

// RunBackfill backfills once at start and then every interval until ctx ends.
func (s *Service) RunBackfill(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for first := true; ; first = false {
		start := time.Now()
		n, err := s.Backfill(ctx)
		if err != nil && ctx.Err() == nil {
			s.log.Warn("wire_backfill_failed", "err", err)
		} else if n > 0 || (first && err == nil) { // the first pass always says it is done
			s.log.Info("wire_backfilled", "versions", n, "duration_ms", time.Since(start).Milliseconds())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
