package desk

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// GET /newsroom/events is a stream of Server-Sent Events that tells a newsroom page that
// what it shows changed: every eventsEvery it reads the user's desk stamp (one cheap
// query, the same on every instance since it comes from the database) and, when the stamp
// moved, sends a "change" event carrying the unread notifications. A page passes the
// stamp it was rendered with (?since=), so a change between the render and the stream is
// not missed; without one, the first event ("hello") only sets the starting point.

const (
	eventsEvery     = 2 * time.Second
	eventsHeartbeat = 20 * time.Second
	eventsLifetime  = 10 * time.Minute // then the browser reconnects (retry), on any instance
)

// liveStreams ends the open streams when the server shuts down.
type liveStreams struct {
	once sync.Once
	done chan struct{} // closed at shutdown; made by New
}

// Shutdown ends the newsroom's open event streams (register it with the server's
// RegisterOnShutdown: a stream never goes idle by itself).
func (d *Desk) Shutdown() {
	d.live.once.Do(func() { close(d.live.done) })
}

func (d *Desk) events(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userFrom(ctx)
	last := r.URL.Query().Get("since")
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		last = id
	}
	if len(last) > 200 {
		http.Error(w, "since: not a stamp this newsroom sent", http.StatusBadRequest)
		return
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no") // nginx: pass events on at once
	w.WriteHeader(http.StatusOK)
	send := func(format string, args ...any) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(eventsHeartbeat + 10*time.Second))
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 3000\n\n") {
		return
	}
	tick := time.NewTicker(eventsEvery)
	defer tick.Stop()
	end := time.NewTimer(eventsLifetime)
	defer end.Stop()
	quiet := time.Now()
	for {
		stamp, unread, err := d.cfg.Storage.DeskStamp(ctx, u.ID)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return
			}
			d.log.WarnContext(ctx, "newsroom_events_read_failed", "err", err)
		case last == "":
			last = stamp
			if !send("id: %s\nevent: hello\ndata: {\"unread\": %d}\n\n", stamp, unread) {
				return
			}
			quiet = time.Now()
		case stamp != last:
			last = stamp
			if !send("id: %s\nevent: change\ndata: {\"unread\": %d}\n\n", stamp, unread) {
				return
			}
			quiet = time.Now()
		case time.Since(quiet) >= eventsHeartbeat:
			if !send(": still here\n\n") {
				return
			}
			quiet = time.Now()
		}
		select {
		case <-ctx.Done():
			return
		case <-d.live.done:
			return
		case <-end.C:
			return
		case <-tick.C:
		}
	}
}
