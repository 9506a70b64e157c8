// Package mostread counts the readers of each story, for the "Most read" lists, without
// cookies or third parties: the public site counts the story pages it serves (cached ones
// included) in memory, and a loop adds the counts to the database every few seconds, where
// the counts of every instance meet.
//
// Counting is on the path of a cached page, the site's fastest answer, so it costs one
// atomic add: a cached page holds its story's Cell. Cells of stories nobody reads any more
// are retired, so the memory follows the stories being read, not the archive.
package mostread

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Sink is where the counts go: the store (*store.Store).
type Sink interface {
	AddReads(ctx context.Context, at time.Time, counts map[int64]int64) error
	PruneReads(ctx context.Context, before time.Time) (int64, error)
}

// Counter holds the counts of one instance not yet added to the database.
type Counter struct {
	mu    sync.Mutex
	cells map[int64]*Cell
}

// New returns an empty counter.
func New() *Counter { return &Counter{cells: map[int64]*Cell{}} }

// Cell counts the readers of one story.
type Cell struct {
	c       *Counter
	id      int64
	n       atomic.Int64
	retired atomic.Bool
	idle    int // takes in a row that found nothing (under c.mu)
}

// idleTakes is how many takes in a row find a cell unread before it is retired.
const idleTakes = 3

// Cell returns the cell of story id, made on first use. Hold it: Count on it is the whole
// cost of a read.
func (c *Counter) Cell(id int64) *Cell {
	c.mu.Lock()
	defer c.mu.Unlock()
	cl := c.cells[id]
	if cl == nil {
		cl = &Cell{c: c, id: id}
		c.cells[id] = cl
	}
	return cl
}

// Count counts one reader.
func (cl *Cell) Count() {
	cl.n.Add(1)
	if cl.retired.Load() {
		cl.c.revive(cl)
	}
}

// revive makes a retired cell live again, read once more (a page kept in the cache holds
// it): it goes back in the map, or, if the story has a live cell already, what it holds
// moves there. Take retires under the same lock, after taking what the cell held.
func (c *Counter) revive(cl *Cell) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch live := c.cells[cl.id]; live {
	case nil:
		cl.idle = 0
		cl.retired.Store(false)
		c.cells[cl.id] = cl
	case cl:
	default:
		if n := cl.n.Swap(0); n > 0 {
			live.n.Add(n)
		}
	}
}

// Take returns the counts since the last Take (stories with no reader left out) and
// retires the cells that stayed unread for a while.
func (c *Counter) Take() map[int64]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[int64]int64{}
	for id, cl := range c.cells {
		n := cl.n.Swap(0)
		if n == 0 {
			if cl.idle++; cl.idle >= idleTakes {
				cl.retired.Store(true)
				delete(c.cells, id)
				// A Count between the Swap and the Store saw the cell live and left its
				// read in it: take it now. A Count after the Store revives the cell.
				n = cl.n.Swap(0)
			}
		} else {
			cl.idle = 0
		}
		if n > 0 {
			out[id] += n
		}
	}
	return out
}

// Give puts counts back (a write that failed), to be taken again.
func (c *Counter) Give(counts map[int64]int64) {
	for id, n := range counts {
		c.Cell(id).n.Add(n)
	}
}

// Len is the number of live cells.
func (c *Counter) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cells)
}

// Flush adds the counts taken now to sink, in the hour of now; on failure they are kept
// for the next flush, so a database away for a while loses no read.
func (c *Counter) Flush(ctx context.Context, sink Sink, now time.Time) error {
	counts := c.Take()
	if len(counts) == 0 {
		return nil
	}
	if err := sink.AddReads(ctx, now, counts); err != nil {
		c.Give(counts)
		return err
	}
	return nil
}

// Keep is how long counts stay in the database: the lists look back 24 hours.
const Keep = 48 * time.Hour

// Run flushes every period until ctx ends, then flushes once more (with a context of its
// own, bounded, so the last seconds' reads reach the database before the store closes);
// once an hour it deletes counts older than Keep.
func (c *Counter) Run(ctx context.Context, sink Sink, period time.Duration, now func() time.Time, log *slog.Logger) {
	t := time.NewTicker(period)
	defer t.Stop()
	var pruned time.Time
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			if err := c.Flush(fctx, sink, now()); err != nil {
				log.Warn("most_read_flush_failed", "err", err, "stories", c.Len())
			}
			return
		case <-t.C:
		}
		at := now()
		if err := c.Flush(ctx, sink, at); err != nil && ctx.Err() == nil {
			log.Warn("most_read_flush_failed", "err", err)
		}
		if at.Sub(pruned) >= time.Hour {
			if _, err := sink.PruneReads(ctx, at.Add(-Keep)); err != nil && ctx.Err() == nil {
				log.Warn("most_read_prune_failed", "err", err)
			} else {
				pruned = at
			}
		}
	}
}
