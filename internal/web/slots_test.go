package web

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestRenderSlots: no more renders run at once than there are slots, and a render that
// panics gives its slot back.
func TestRenderSlots(t *testing.T) {
	s, err := New(Config{RenderSlots: 2})
	if err != nil {
		t.Fatal(err)
	}
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.withSlot(func() {
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(2 * time.Millisecond)
				running.Add(-1)
			})
		}()
	}
	wg.Wait()
	if got := most.Load(); got != 2 {
		t.Errorf("at most %d renders at once, want 2", got)
	}
	for range 3 {
		func() {
			defer func() { _ = recover() }()
			s.withSlot(func() { panic("render failed") })
		}()
	}
	done := make(chan struct{})
	go func() { s.withSlot(func() {}); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("panicking renders kept their slots")
	}
}
