package testkit

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/syndication"
)

// Received is one request a Receiver accepted.
type Received struct {
	Delivery  string // idempotency id
	Attempt   int
	Event     string
	WireID    int64
	Body      []byte
	Timestamp string
	Signature string
}

// Receiver is a webhook endpoint over real HTTP whose behaviour the test sets: it answers
// with Status (after Delay), and records every request it answered 2xx.
type Receiver struct {
	URL string
	srv *httptest.Server

	mu       sync.Mutex
	status   int
	delay    time.Duration
	got      []Received
	all      []Attempt
	requests int
}

// Attempt is one request a Receiver saw, whatever it answered.
type Attempt struct {
	Delivery string
	Attempt  int
	Status   int
}

// NewReceiver starts a receiver that answers 200.
func NewReceiver(t testing.TB) *Receiver {
	r := &Receiver{status: http.StatusOK}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	r.URL = r.srv.URL + "/hook"
	t.Cleanup(r.srv.Close)
	return r
}

// NewDownReceiver returns a receiver whose address refuses connections (it is down)
// until start is called; start brings it up on the same address.
func NewDownReceiver(t testing.TB) (r *Receiver, start func()) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	r = &Receiver{status: http.StatusOK, URL: "http://" + addr + "/hook"}
	return r, func() {
		var l2 net.Listener
		for i := 0; ; i++ { // the port was free a moment ago; wait if the kernel is slow to release it
			if l2, err = net.Listen("tcp", addr); err == nil || i == 50 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if err != nil {
			t.Errorf("bring receiver up on %s: %v", addr, err)
			return
		}
		r.srv = httptest.NewUnstartedServer(http.HandlerFunc(r.serve))
		r.srv.Listener.Close()
		r.srv.Listener = l2
		r.srv.Start()
		t.Cleanup(r.srv.Close)
	}
}

// Set changes how the receiver answers from now on.
func (r *Receiver) Set(status int, delay time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status, r.delay = status, delay
}

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	attempt, _ := strconv.Atoi(req.Header.Get(syndication.HeaderAttempt))
	r.mu.Lock()
	status, delay := r.status, r.delay
	if err != nil {
		status = http.StatusBadRequest
	}
	r.requests++
	r.all = append(r.all, Attempt{Delivery: req.Header.Get(syndication.HeaderDelivery), Attempt: attempt, Status: status})
	r.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-req.Context().Done():
			return // the sender gave up: this attempt failed
		}
	}
	if status >= 200 && status < 300 {
		wid, _ := strconv.ParseInt(req.Header.Get(syndication.HeaderVersion), 10, 64)
		r.mu.Lock()
		r.got = append(r.got, Received{Delivery: req.Header.Get(syndication.HeaderDelivery), Attempt: attempt,
			Event: req.Header.Get(syndication.HeaderEvent), WireID: wid, Body: body,
			Timestamp: req.Header.Get(syndication.HeaderTimestamp), Signature: req.Header.Get(syndication.HeaderSignature)})
		r.mu.Unlock()
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, "status "+strconv.Itoa(status))
}

// Got returns what was accepted so far.
func (r *Receiver) Got() []Received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Received(nil), r.got...)
}

// Attempts returns every request seen so far, answered 2xx or not.
func (r *Receiver) Attempts() []Attempt {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Attempt(nil), r.all...)
}

// Requests counts every request, accepted or not.
func (r *Receiver) Requests() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests
}

// Close stops the receiver: from now on connections are refused (the receiver is down).
func (r *Receiver) Close() { r.srv.Close() }

// Fingerprint is a short hash of a body, for messages.
func Fingerprint(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:4])
}
