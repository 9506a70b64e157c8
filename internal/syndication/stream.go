package syndication

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// hub tells open live streams that new versions may be there. While at least one stream
// listens, one goroutine per instance asks the database for the newest version id every
// poll interval (so versions released by other instances are seen too) and wakes every
// stream when it grows; a version recorded by this instance wakes them at once.
type hub struct {
	st   Store
	poll time.Duration
	log  *slog.Logger

	mu        sync.Mutex
	listeners int
	latest    int64
	changed   chan struct{} // closed and replaced on every change
	stop      context.CancelFunc
}

func newHub(st Store, poll time.Duration, log *slog.Logger) *hub {
	return &hub{st: st, poll: poll, log: log, changed: make(chan struct{})}
}

// listen registers a stream and returns the channel that closes at the next change, and
// a function to unregister.
func (h *hub) listen() (func() <-chan struct{}, func()) {
	h.mu.Lock()
	h.listeners++
	if h.listeners == 1 {
		ctx, cancel := context.WithCancel(context.Background())
		h.stop = cancel
		go h.run(ctx)
	}
	h.mu.Unlock()
	next := func() <-chan struct{} {
		h.mu.Lock()
		defer h.mu.Unlock()
		return h.changed
	}
	var once sync.Once
	return next, func() {
		once.Do(func() {
			h.mu.Lock()
			h.listeners--
			if h.listeners == 0 && h.stop != nil {
				h.stop()
				h.stop = nil
			}
			h.mu.Unlock()
		})
	}
}

// poke wakes every stream now.
func (h *hub) poke() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.listeners > 0 {
		close(h.changed)
		h.changed = make(chan struct{})
	}
}

func (h *hub) run(ctx context.Context) {
	t := time.NewTicker(h.poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		id, err := h.st.WireLatestID(ctx)
		if err != nil {
			if ctx.Err() == nil {
				h.log.Warn("wire_stream_poll_failed", "err", err)
			}
			continue
		}
		h.mu.Lock()
		if id != h.latest {
			h.latest = id
			close(h.changed)
			h.changed = make(chan struct{})
		}
		h.mu.Unlock()
	}
}

// Listen registers a live stream: next returns a channel that is closed when new versions
// may have been released; call done when the stream ends.
func (s *Service) Listen() (next func() <-chan struct{}, done func()) { return s.hub.listen() }
