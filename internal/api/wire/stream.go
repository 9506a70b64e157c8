package wire

import (
	"bufio"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/syndication"
)

// streamBatch is how many versions a stream reads at a time.
const streamBatch = 100

// stream: GET /api/v1/wire/stream — Server-Sent Events. Each event is one version: its id
// is the wire version id, its type the event (release, update, correction, kill) and its
// data the ninjs JSON on one line. A client that reconnects with Last-Event-ID (or
// ?last_event_id=) gets every version after that one first, so nothing is missed.
func (h *Handler) stream(w http.ResponseWriter, r *http.Request, sub syndication.Subscriber) error {
	nv, err := ninjsVersion(r)
	if err != nil {
		return err
	}
	last := r.Header.Get("Last-Event-ID")
	if last == "" {
		last = r.URL.Query().Get("last_event_id")
	}
	if !h.openStream(sub.ID) {
		return &errRateLimited{wait: 5 * time.Second} // maxStreams streams are open for this key already
	}
	defer h.closeStream(sub.ID)
	ctx := r.Context()
	after, err := h.svc.StreamFrom(ctx, sub, last)
	if err != nil {
		return err
	}
	next, done := h.svc.Listen()
	defer done()

	rc := http.NewResponseController(w)
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("X-Accel-Buffering", "no") // no proxy buffering
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 32<<10)
	flush := func() error {
		// Each write gets its own deadline: the server's WriteTimeout is for ordinary requests.
		_ = rc.SetWriteDeadline(time.Now().Add(2*h.heartbeat + 10*time.Second))
		if err := bw.Flush(); err != nil {
			return err
		}
		return rc.Flush()
	}
	fmt.Fprintf(bw, "retry: 2000\n: newsdesk wire stream after %d\n\n", after)
	if err := flush(); err != nil {
		return nil
	}
	beat := time.NewTicker(h.heartbeat)
	defer beat.Stop()
	for {
		changed := next() // before reading, so that a change during the read is not missed
		vs, err := h.svc.StreamBatch(ctx, sub, after, streamBatch)
		if err != nil {
			if ctx.Err() == nil {
				h.log.Warn("wire_stream_failed", "subscriber", sub.ID, "err", err)
			}
			return nil // the response has started: end the stream; the client resumes
		}
		for _, v := range vs {
			b, err := h.svc.ItemJSON(v, nv)
			if err != nil {
				h.log.Error("wire_stream_render_failed", "version", v.ID, "err", err)
				return nil
			}
			bw.WriteString("id: " + strconv.FormatInt(v.ID, 10) + "\nevent: " + v.Event + "\ndata: ")
			bw.Write(b)
			bw.WriteString("\n\n")
			after = v.ID
		}
		if len(vs) > 0 {
			if err := flush(); err != nil {
				return nil
			}
		}
		if len(vs) == streamBatch {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-h.closing:
			return nil
		case <-changed:
		case <-beat.C:
			bw.WriteString(": ping\n\n")
			if err := flush(); err != nil {
				return nil
			}
		}
	}
}

func (h *Handler) openStream(id int64) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.streams[id] >= h.maxStreams {
		return false
	}
	h.streams[id]++
	return true
}

func (h *Handler) closeStream(id int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.streams[id]--; h.streams[id] <= 0 {
		delete(h.streams, id)
	}
}
