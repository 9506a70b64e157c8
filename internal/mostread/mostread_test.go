package mostread

import (
	"context"
	"errors"
	"maps"
	"sync"
	"testing"
	"time"
)

// TestCounterKeepsEveryRead: readers counted from many goroutines while takes run
// alongside (retiring and reviving cells) add up to exactly the reads made.
func TestCounterKeepsEveryRead(t *testing.T) {
	c := New()
	cells := []*Cell{c.Cell(1), c.Cell(2), c.Cell(3)}
	const readers, reads = 8, 20000
	var wg sync.WaitGroup
	got := map[int64]int64{}
	var mu sync.Mutex
	finish, done := make(chan struct{}), make(chan struct{})
	go func() { // takes as fast as it can, so cells retire and revive all the time
		defer close(done)
		for {
			counts := c.Take()
			mu.Lock()
			for id, n := range counts {
				got[id] += n
			}
			mu.Unlock()
			select {
			case <-finish:
				return
			default:
			}
		}
	}()
	for r := range readers {
		wg.Go(func() {
			for i := range reads {
				cells[(r+i)%len(cells)].Count()
			}
		})
	}
	wg.Wait()
	close(finish)
	<-done
	for id, n := range c.Take() {
		got[id] += n
	}
	var total int64
	for _, n := range got {
		total += n
	}
	if total != readers*reads {
		t.Fatalf("counted %d reads, made %d (%v)", total, readers*reads, got)
	}
}

// TestCellsRetireAndRevive: a story unread for idleTakes takes leaves the counter; a page
// still holding its cell brings it back when read.
func TestCellsRetireAndRevive(t *testing.T) {
	c := New()
	cl := c.Cell(7)
	cl.Count()
	if got := c.Take(); got[7] != 1 {
		t.Fatalf("take = %v, want 7:1", got)
	}
	for range idleTakes {
		if got := c.Take(); len(got) != 0 {
			t.Fatalf("idle take = %v", got)
		}
	}
	if c.Len() != 0 {
		t.Fatalf("%d cells live after %d idle takes, want 0", c.Len(), idleTakes)
	}
	cl.Count()
	cl.Count()
	if c.Len() != 1 {
		t.Fatalf("a read did not revive the cell")
	}
	if got := c.Take(); !maps.Equal(got, map[int64]int64{7: 2}) {
		t.Fatalf("take after revival = %v, want 7:2", got)
	}
	// A retired cell read while the story has a new live cell moves its count there.
	for range idleTakes {
		c.Take()
	}
	fresh := c.Cell(7)
	fresh.Count()
	cl.Count()
	if got := c.Take(); !maps.Equal(got, map[int64]int64{7: 2}) {
		t.Fatalf("take with two cells = %v, want 7:2", got)
	}
}

type sink struct {
	fail  bool
	added map[int64]int64
}

func (s *sink) AddReads(_ context.Context, _ time.Time, counts map[int64]int64) error {
	if s.fail {
		return errors.New("database away")
	}
	for id, n := range counts {
		s.added[id] += n
	}
	return nil
}

func (s *sink) PruneReads(context.Context, time.Time) (int64, error) { return 0, nil }

// TestFlushKeepsCountsOnFailure: counts a failed write could not add are added by the
// next flush.
func TestFlushKeepsCountsOnFailure(t *testing.T) {
	c, s := New(), &sink{fail: true, added: map[int64]int64{}}
	c.Cell(1).Count()
	c.Cell(2).Count()
	if err := c.Flush(context.Background(), s, time.Now()); err == nil {
		t.Fatal("flush into a failing sink said nothing")
	}
	c.Cell(1).Count()
	s.fail = false
	if err := c.Flush(context.Background(), s, time.Now()); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(s.added, map[int64]int64{1: 2, 2: 1}) {
		t.Fatalf("added %v, want 1:2 2:1", s.added)
	}
}

func BenchmarkCount(b *testing.B) {
	cl := New().Cell(1)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			cl.Count()
		}
	})
}
