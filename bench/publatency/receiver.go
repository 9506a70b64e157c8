package publatency

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/syndication"
)

// Receiver is the subscribers' webhook endpoints, in this process: POST /hook/{i} is
// subscriber i's. It checks each delivery's signature with the subscriber's secret, as
// docs/wire.md tells subscribers to (syndication.Verify), and counts deliveries per story and subscriber.
type Receiver struct {
	URL string // http://127.0.0.1:PORT
	srv *http.Server

	mu      sync.Mutex
	secrets []string
	m       *measurement
	got     map[[2]int64]int // (subscriber, wire version) → deliveries
	byStory map[int64]int    // story id → distinct subscribers that received its release
	counts  Deliveries
}

// Deliveries counts the webhook requests that arrived.
type Deliveries struct {
	Requests       int // every request
	Received       int // (subscriber, wire version) pairs received at least once
	Duplicated     int // requests for a pair already received
	BadSignature   int // refused: the signature or timestamp did not check out
	Unexpected     int // a story this run did not publish, an event other than a release, or an unknown subscriber
	OtherResponses int // requests answered with an error for another reason (a body that could not be read)
}

// NewReceiver listens on a free loopback port. Deliveries are refused (503) until Start
// gives it the secrets.
func NewReceiver() (*Receiver, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &Receiver{URL: "http://" + l.Addr().String(), got: map[[2]int64]int{}, byStory: map[int64]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /hook/{i}", r.deliver)
	r.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = r.srv.Serve(l) }()
	return r, nil
}

// HookURL is subscriber i's webhook address.
func (r *Receiver) HookURL(i int) string { return r.URL + "/hook/" + strconv.Itoa(i) }

// Start takes the subscribers' signing secrets, by index.
func (r *Receiver) Start(secrets []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secrets = secrets
}

// Close stops listening.
func (r *Receiver) Close() error { return r.srv.Close() }

// Counts returns what has arrived so far.
func (r *Receiver) Counts() Deliveries {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.counts
}

func (r *Receiver) attach(m *measurement) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.m = m
}

func (r *Receiver) deliver(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, 16<<20))
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.counts.Requests++
	i, perr := strconv.Atoi(req.PathValue("i"))
	switch {
	case err != nil:
		r.counts.OtherResponses++
		http.Error(w, "could not read the body", http.StatusBadRequest)
		return
	case r.secrets == nil:
		http.Error(w, "not ready", http.StatusServiceUnavailable)
		return
	case perr != nil || i < 0 || i >= len(r.secrets):
		r.counts.Unexpected++
		w.WriteHeader(http.StatusNoContent)
		return
	case syndication.Verify(r.secrets[i], req.Header.Get(syndication.HeaderTimestamp), body,
		req.Header.Get(syndication.HeaderSignature), now, 5*time.Minute) != nil:
		r.counts.BadSignature++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusNoContent)
	version, _ := strconv.ParseInt(req.Header.Get(syndication.HeaderVersion), 10, 64)
	pair := [2]int64{int64(i), version}
	if r.got[pair]++; r.got[pair] > 1 {
		r.counts.Duplicated++
		return
	}
	r.counts.Received++
	var item struct {
		URI string `json:"uri"`
	}
	_ = json.Unmarshal(body, &item)
	id, _ := strconv.ParseInt(item.URI[strings.LastIndexByte(item.URI, ':')+1:], 10, 64)
	var s *Story
	if r.m != nil {
		r.m.mu.Lock()
		s = r.m.byID[id]
		r.m.mu.Unlock()
	}
	if s == nil || req.Header.Get(syndication.HeaderEvent) != "release" {
		r.counts.Unexpected++
		return
	}
	r.byStory[id]++
	r.m.mark(s, chanHookFirst, now)
	if r.byStory[id] == len(r.secrets) {
		r.m.mark(s, chanHookLast, now)
	}
}

// missing is the subscribers that did not receive story id's release.
func (r *Receiver) missing(id int64) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.secrets) - r.byStory[id]
}
