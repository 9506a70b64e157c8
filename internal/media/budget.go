package media

import (
	"context"
	"sync"
)

// budget admits decodes while the memory they may take, added up, stays within a limit
// and no more than a set number run at once. It is a weighted semaphore that serves
// waiters in order of arrival, so a large image is not starved by a stream of small ones.
// The zero value is not usable: see newBudget.
type budget struct {
	mu      sync.Mutex
	limit   int64 // bytes that admitted decodes may use together
	slots   int   // decodes that may run at once
	used    int64 // bytes held by admitted decodes
	running int
	peak    int64 // the most bytes ever held at once, for tests and measurements
	queue   []*waiter
}

type waiter struct {
	n     int64
	ready chan struct{} // closed when admitted
}

func newBudget(limit int64, slots int) *budget {
	return &budget{limit: limit, slots: slots}
}

// fits reports whether a decode of n bytes may start now.
func (b *budget) fits(n int64) bool {
	return b.running < b.slots && b.used+n <= b.limit
}

// admit records a decode of n bytes as started.
func (b *budget) admit(n int64) {
	b.used += n
	b.running++
	b.peak = max(b.peak, b.used)
}

// acquire waits until a decode needing n bytes (at most the limit) may start, or ctx ends.
func (b *budget) acquire(ctx context.Context, n int64) error {
	b.mu.Lock()
	if len(b.queue) == 0 && b.fits(n) {
		b.admit(n)
		b.mu.Unlock()
		return nil
	}
	w := &waiter{n: n, ready: make(chan struct{})}
	b.queue = append(b.queue, w)
	b.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		b.mu.Lock()
		defer b.mu.Unlock()
		select {
		case <-w.ready: // admitted meanwhile: give it back
			b.releaseLocked(n)
		default:
			for i, q := range b.queue {
				if q == w {
					b.queue = append(b.queue[:i], b.queue[i+1:]...)
					break
				}
			}
			b.wakeLocked() // the head may have changed
		}
		return ctx.Err()
	}
}

// release returns the n bytes of a finished decode.
func (b *budget) release(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.releaseLocked(n)
}

func (b *budget) releaseLocked(n int64) {
	b.used -= n
	b.running--
	b.wakeLocked()
}

// wakeLocked admits waiters from the head of the queue while they fit.
func (b *budget) wakeLocked() {
	for len(b.queue) > 0 && b.fits(b.queue[0].n) {
		w := b.queue[0]
		b.queue = b.queue[1:]
		b.admit(w.n)
		close(w.ready)
	}
}

// peakUse returns the most bytes admitted decodes ever held at once.
func (b *budget) peakUse() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.peak
}
