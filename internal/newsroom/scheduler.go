package newsroom

import (
	"context"
	"time"
)

// The scheduler publishes scheduled stories at their time. It sleeps until the earliest
// scheduled time the store knows (never longer than schedulerMaxSleep, a safety net),
// publishes what is due, and looks again; a change of schedule here or on another
// instance (ScheduleChanged) wakes it to look at once. Scheduled times live in the
// database, so a restart loses nothing: the first run publishes what fell due meanwhile.
// Several instances may run it: PublishDue moves each story in one conditional UPDATE,
// so exactly one instance publishes it and writes its wire event.
//
// An embargo needs no run of its own: an embargoed story is published (and on the wire,
// marked embargoed) when it is released, and becomes public by the clock; the page
// cache keeps no page past the next embargo's end (Store.NextVisibilityChange).

const (
	// schedulerMaxSleep bounds a sleep, so that a lost wake-up (a schedule written by a
	// process that told no one) costs at most this long.
	schedulerMaxSleep = time.Minute
	// schedulerRetry is the first pause after a failed run; it doubles up to
	// schedulerMaxSleep while runs keep failing.
	schedulerRetry = 250 * time.Millisecond
)

// Clock is the time the scheduler reads and sleeps by: RealClock in production, a
// driven clock in tests.
type Clock interface {
	Now() time.Time
	// After sends the time on the channel once d has passed.
	After(d time.Duration) <-chan time.Time
}

// RealClock is the system clock.
type RealClock struct{}

// Now returns the current time.
func (RealClock) Now() time.Time { return time.Now() }

// After waits for d on a timer.
func (RealClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// ScheduleChanged tells the scheduler that the next scheduled time may have changed, on
// this instance or another: it looks again at once. It never blocks; pokes made while
// the scheduler is busy are folded into one.
func (s *Service) ScheduleChanged() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// PublishDue publishes the scheduled stories whose time has come.
func (s *Service) PublishDue(ctx context.Context) ([]int64, error) {
	return s.publishDue(ctx, s.now())
}

func (s *Service) publishDue(ctx context.Context, now time.Time) ([]int64, error) {
	var ids []int64
	err := s.st.NewsroomTx(ctx, func(tx Tx) error {
		var err error
		if ids, err = tx.PublishDue(ctx, now); err != nil {
			return err
		}
		for _, id := range ids {
			if err := s.fire(ctx, tx, id, EventRelease); err != nil {
				return err
			}
			if err := s.note(ctx, tx, Note{Kind: NotePublished, ArticleID: id}); err != nil {
				return err
			}
		}
		return nil
	})
	return ids, err
}

// RunScheduler publishes scheduled stories at their time until ctx ends, reading and
// sleeping by clk (nil: the system clock). See the top of this file.
func (s *Service) RunScheduler(ctx context.Context, clk Clock) {
	if clk == nil {
		clk = RealClock{}
	}
	retry := schedulerRetry
	for ctx.Err() == nil {
		sleep, err := s.schedulerRun(ctx, clk)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			s.log.Warn("scheduler_failed", "err", err, "retry_in", retry.String())
			sleep, retry = retry, min(retry*2, schedulerMaxSleep)
		} else {
			retry = schedulerRetry
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-clk.After(sleep):
		}
	}
}

// schedulerRun publishes what is due by clk and returns how long to sleep before the
// next scheduled time.
func (s *Service) schedulerRun(ctx context.Context, clk Clock) (time.Duration, error) {
	ids, err := s.publishDue(ctx, clk.Now())
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		s.log.Info("scheduled_story_published", "article", id)
	}
	next, err := s.st.NextScheduled(ctx)
	if err != nil {
		return 0, err
	}
	if next.IsZero() {
		return schedulerMaxSleep, nil
	}
	return min(max(next.Sub(clk.Now()), 0), schedulerMaxSleep), nil
}
