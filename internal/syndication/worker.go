package syndication

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Backoff is the retry schedule of a failed delivery: attempt n waits Base·2^(n-1), at
// most Max, with "equal jitter" (a random time between half that and all of it, so that
// receivers coming back up are not hit by every sender at once). A delivery still failing
// MaxAge after it was written is dead-lettered.
type Backoff struct {
	Base   time.Duration
	Max    time.Duration
	MaxAge time.Duration
}

// Delay is the wait after failed attempt n (n ≥ 1); rnd returns a number in [0, 1).
func (b Backoff) Delay(attempt int, rnd func() float64) time.Duration {
	d := b.Base
	for i := 1; i < attempt && d < b.Max; i++ {
		d *= 2
	}
	if d > b.Max {
		d = b.Max
	}
	half := d / 2
	return half + time.Duration(rnd()*float64(d-half))
}

// DeliveryConfig tunes the outbox workers. Zero fields take the defaults.
type DeliveryConfig struct {
	Loops       int           // claiming loops per instance (default 2)
	Batch       int           // rows claimed at a time by a loop (default 100)
	Concurrency int           // requests in flight per loop (default 32)
	Poll        time.Duration // how often an idle loop looks for due rows (default 500 ms)
	Timeout     time.Duration // per request (default 10 s)
	Backoff     Backoff       // default 5 s doubling to 1 h, for 24 h
	Client      *http.Client  // default: no redirects, keep-alive pool sized for Concurrency
}

func (c DeliveryConfig) withDefaults() DeliveryConfig {
	if c.Loops <= 0 {
		c.Loops = 2
	}
	if c.Batch <= 0 {
		c.Batch = 100
	}
	if c.Concurrency <= 0 {
		c.Concurrency = 32
	}
	if c.Poll <= 0 {
		c.Poll = 500 * time.Millisecond
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.Backoff.Base <= 0 {
		c.Backoff.Base = 5 * time.Second
	}
	if c.Backoff.Max <= 0 {
		c.Backoff.Max = time.Hour
	}
	if c.Backoff.MaxAge <= 0 {
		c.Backoff.MaxAge = 24 * time.Hour
	}
	if c.Client == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConns = c.Loops * c.Concurrency * 2
		tr.MaxIdleConnsPerHost = c.Loops * c.Concurrency
		tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
		c.Client = &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a redirect is a failure: the subscriber fixes its URL
		}}
	}
	return c
}

// lease is how long a claimed row is reserved for its worker: longer than any attempt can
// take, so that only a crashed worker's rows are claimed again.
func (c DeliveryConfig) lease() time.Duration { return c.Timeout + 30*time.Second }

// RunDelivery runs the outbox workers until ctx ends. Several instances may run them on
// one database: rows are claimed atomically, so each attempt is made by one worker only.
func (s *Service) RunDelivery(ctx context.Context) {
	var wg sync.WaitGroup
	for i := 0; i < s.delivery.Loops; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.deliveryLoop(ctx)
		}()
	}
	wg.Wait()
}

func (s *Service) deliveryLoop(ctx context.Context) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		n, err := s.DeliverDue(ctx)
		if err != nil && ctx.Err() == nil {
			s.log.Warn("wire_delivery_failed", "err", err)
		}
		if n >= s.delivery.Batch && err == nil {
			continue // more may be due: do not wait
		}
		t.Reset(s.delivery.Poll)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.kick: // a version was committed, here or on another instance
		}
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
	}
}

// DeliverDue claims up to one batch of due outbox rows, sends them, records the outcomes
// and returns how many it claimed.
func (s *Service) DeliverDue(ctx context.Context) (int, error) {
	claim, err := newClaim()
	if err != nil {
		return 0, err
	}
	now := s.now()
	ds, err := s.st.ClaimWireDeliveries(ctx, claim, now, now.Add(s.delivery.lease()), s.delivery.Batch)
	if err != nil || len(ds) == 0 {
		return 0, err
	}
	bodies := map[string][]byte{} // version id + ninjs version → body: render each once
	for _, d := range ds {
		k := strconv.FormatInt(d.Version.ID, 10) + "/" + d.Ninjs
		if _, ok := bodies[k]; !ok {
			b, err := s.ItemJSON(d.Version, d.Ninjs)
			if err != nil {
				return len(ds), err
			}
			bodies[k] = b
		}
	}
	results := make([]Result, len(ds))
	sem := make(chan struct{}, s.delivery.Concurrency)
	var wg sync.WaitGroup
	for i, d := range ds {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = s.attempt(ctx, d, bodies[strconv.FormatInt(d.Version.ID, 10)+"/"+d.Ninjs])
		}()
	}
	wg.Wait()
	// Record outcomes even if ctx ended meanwhile: an unrecorded success is sent again.
	// A failure to record (a lost connection, a deadlock victim) is retried: until it is
	// recorded, the rows stay leased and would be sent again when the lease ends.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	for try := 1; ; try++ {
		err = s.st.FinishWireDeliveries(fctx, claim, results, s.now())
		if err == nil || try == 3 || fctx.Err() != nil {
			return len(ds), err
		}
		s.log.Warn("wire_finish_retry", "try", try, "err", err)
		time.Sleep(time.Duration(try) * 50 * time.Millisecond)
	}
}

func newClaim() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("claim token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// DeliveryID is the idempotency id of a delivery: the same on every attempt.
func (s *Service) DeliveryID(id int64) string {
	return "nd-" + strconv.FormatInt(id, 10)
}

// attempt makes one signed POST of body for d and says how it went.
func (s *Service) attempt(ctx context.Context, d Delivery, body []byte) Result {
	r := Result{ID: d.ID, SubscriberID: d.SubscriberID}
	// An attempt under way when the workers stop is finished (within Timeout) and recorded.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.delivery.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err == nil {
		ts := s.now().Unix()
		h := req.Header
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("User-Agent", "Newsdesk-Wire/1")
		h.Set(HeaderDelivery, s.DeliveryID(d.ID))
		h.Set("Idempotency-Key", s.DeliveryID(d.ID))
		h.Set(HeaderAttempt, strconv.Itoa(d.Attempt))
		h.Set(HeaderEvent, d.Version.Event)
		h.Set(HeaderVersion, strconv.FormatInt(d.Version.ID, 10))
		h.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
		h.Set(HeaderSignature, Sign(d.Secret, ts, body))
		var resp *http.Response
		if resp, err = s.delivery.Client.Do(req); err == nil {
			snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // so the connection is reused
			resp.Body.Close()
			r.Status = resp.StatusCode
			if resp.StatusCode >= 200 && resp.StatusCode < 300 {
				r.Delivered = true
				return r
			}
			err = fmt.Errorf("answered %s: %.200s", resp.Status, bytes.TrimSpace(snippet))
		}
	}
	r.Error = err.Error()
	if len(r.Error) > 500 {
		r.Error = r.Error[:500]
	}
	next := s.now().Add(s.delivery.Backoff.Delay(d.Attempt, mrand.Float64))
	if next.After(d.ExpiresAt) {
		r.Dead = true
	} else {
		r.NextAt = next
	}
	return r
}
