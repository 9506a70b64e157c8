package cache

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// Hook posts the surrogate keys of every change to a purge URL (a CDN in front of the
// site, or a script that purges one), asynchronously: a request never waits for it.
//
// The body is JSON: {"keys": ["a42", "home:en", …]}; the key "*" means purge everything.
// A 2xx answer is success; anything else is retried with backoff (0.5 s doubling, 6
// attempts), then logged and dropped.
type Hook struct {
	url      string
	client   *http.Client
	log      *slog.Logger
	queue    chan []string
	attempts int
	backoff  time.Duration
}

// NewHook returns a hook posting to url; start it with Run.
func NewHook(url string, log *slog.Logger) *Hook {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Hook{url: url, client: &http.Client{Timeout: 5 * time.Second}, log: log, queue: make(chan []string, 1024),
		attempts: 6, backoff: 500 * time.Millisecond}
}

// Send queues keys for posting; when the queue is full it queues a purge of everything
// instead of blocking (or, failing that, drops it with a warning).
func (h *Hook) Send(keys []string) {
	select {
	case h.queue <- keys:
	default:
		select {
		case h.queue <- []string{All}:
		default:
			h.log.Warn("purge_hook_queue_full")
		}
	}
}

// Run posts queued keys until ctx ends, merging what queued up meanwhile into one post.
func (h *Hook) Run(ctx context.Context) {
	for {
		var keys []string
		select {
		case <-ctx.Done():
			return
		case keys = <-h.queue:
		}
	merge:
		for len(keys) < 5000 {
			select {
			case more := <-h.queue:
				keys = append(keys, more...)
			default:
				break merge
			}
		}
		h.post(ctx, dedupe(keys))
	}
}

func dedupe(keys []string) []string {
	seen := make(map[string]bool, len(keys))
	out := keys[:0]
	for _, k := range keys {
		if k == All {
			return []string{All}
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func (h *Hook) post(ctx context.Context, keys []string) {
	body, err := json.Marshal(struct {
		Keys []string `json:"keys"`
	}{keys})
	if err != nil {
		h.log.Error("purge_hook_encode_failed", "err", err)
		return
	}
	wait := h.backoff
	for attempt := 1; ; attempt++ {
		err := h.try(ctx, body)
		if err == nil {
			return
		}
		if attempt >= h.attempts || ctx.Err() != nil {
			h.log.Warn("purge_hook_failed", "keys", len(keys), "attempts", attempt, "err", err)
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait *= 2
	}
}

func (h *Hook) try(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build purge request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Newsdesk purge hook")
	resp, err := h.client.Do(req)
	if err != nil {
		return fmt.Errorf("post purge: %w", err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("post purge: %s", resp.Status)
	}
	return nil
}
