package publatency

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Config is one measurement.
type Config struct {
	Servers     []*Server
	Creds       Credentials
	Receiver    *Receiver
	Subscribers int
	Stories     int           // published at once, Gap apart (after one warm-up story)
	Gap         time.Duration // between publications, and between schedulings
	Scheduled   int           // scheduled Ahead of the moment they are filed
	Ahead       time.Duration
	Poll        time.Duration // interval of the polled channels while a story is awaited
	Timeout     time.Duration // a channel that has not shown a story this long after its origin missed it
	Language    string
	Section     string
	Progress    io.Writer
}

// Story is one measured story and when each channel first showed it.
type Story struct {
	Index     int
	Warmup    bool // published first to warm the caches and connections; not in the figures
	Scheduled bool
	ID        int64
	Word      string    // the unique word of its headline, for search
	Path      string    // its public path, /en/politics/slug
	Origin    time.Time // the publish request was sent, or the scheduled time
	Answered  time.Duration
	seen      map[string]time.Time
	items     map[string]int // wire items or stream events of the story, by channel
}

// Channel names that are not a polled address.
const (
	chanPage      = "page"
	chanPull      = "wire pull"
	chanStream    = "stream"
	chanHookFirst = "webhook, first"
	chanHookLast  = "webhook, last"
)

// measurement is the state of a run, shared by the pollers, the streams and the receiver.
type measurement struct {
	cfg     Config
	client  *http.Client
	mu      sync.Mutex
	stories []*Story
	byID    map[int64]*Story
	// published and scheduled are the channels watched for each kind of story, in report order.
	published, scheduled []string
}

// add registers a story before it is published, so that every channel watches it.
func (m *measurement) add(s *Story) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s.seen, s.items = map[string]time.Time{}, map[string]int{}
	m.stories = append(m.stories, s)
	m.byID[s.ID] = s
}

// watches reports whether channel ch watches stories of s's kind.
func (m *measurement) watches(s *Story, ch string) bool {
	list := m.published
	if s.Scheduled {
		list = m.scheduled
	}
	return slices.Contains(list, ch)
}

// lead is how long before a story's origin its channels start watching: a scheduled
// story is watched from a second before its time, so that an early release would show.
func lead(s *Story) time.Duration {
	if s.Scheduled {
		return time.Second
	}
	return 0
}

// pending lists the stories channel ch is waiting for now.
func (m *measurement) pending(ch string, now time.Time) []*Story {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*Story
	for _, s := range m.stories {
		if m.watches(s, ch) && s.seen[ch].IsZero() && !now.Before(s.Origin.Add(-lead(s))) &&
			now.Before(s.Origin.Add(m.cfg.Timeout)) {
			out = append(out, s)
		}
	}
	return out
}

// mark records that channel ch showed s at t, unless it did earlier.
func (m *measurement) mark(s *Story, ch string, t time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s.seen[ch].IsZero() {
		s.seen[ch] = t
	}
}

// item records a wire item or stream event of the story with this ninjs uri
// (urn:newsdesk:HOST:article:ID); items of other stories (the demo's) are ignored.
func (m *measurement) item(ch, uri string, t time.Time) {
	id, err := strconv.ParseInt(uri[strings.LastIndexByte(uri, ':')+1:], 10, 64)
	if err != nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.byID[id]
	if s == nil {
		return
	}
	s.items[ch]++
	if s.seen[ch].IsZero() {
		s.seen[ch] = t
	}
}

// complete reports whether every story has been seen, or given up, on every channel.
func (m *measurement) complete(now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range m.stories {
		list := m.published
		if s.Scheduled {
			list = m.scheduled
		}
		for _, ch := range list {
			if s.seen[ch].IsZero() && now.Before(s.Origin.Add(m.cfg.Timeout)) {
				return false
			}
		}
	}
	return true
}

// Result is what Run measured: the stories, and the channels that watched each kind.
type Result struct {
	Stories              []*Story
	Published, Scheduled []string
}

// Run publishes and schedules the stories and watches every channel until each has shown
// each story (or missed it).
func Run(ctx context.Context, cfg Config) (Result, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	m := &measurement{cfg: cfg, client: &http.Client{Transport: tr, Timeout: 30 * time.Second}, byID: map[int64]*Story{}}
	nr := newsroom{base: cfg.Servers[0].URL, token: cfg.Creds.Token, client: m.client}
	prefix, err := nr.sectionPath(ctx, cfg.Language, cfg.Section)
	if err != nil {
		return Result{}, err
	}
	sitemap, err := m.newestSitemap(ctx)
	if err != nil {
		return Result{}, err
	}
	docs := []string{"/rss.xml", "/atom.xml", "/feed.json", "/" + cfg.Language + "/feed/rss.xml", prefix + "feed/atom.xml",
		"/news-sitemap.xml", sitemap}
	pages := []string{chanPage}
	streams := []string{chanStream}
	for i := range cfg.Servers[1:] {
		pages = append(pages, fmt.Sprintf("%s, instance %d", chanPage, i+2))
		streams = append(streams, fmt.Sprintf("%s, instance %d", chanStream, i+2))
	}
	if len(cfg.Servers) > 1 {
		streams[0] += ", instance 1"
	}
	hooks := []string{chanHookFirst, chanHookLast}
	m.published = slices.Concat(pages[:1], docs, []string{"/search.json", chanPull}, pages[1:], streams, hooks)
	m.scheduled = slices.Concat(pages, []string{chanPull}, streams, hooks)
	cfg.Receiver.attach(m)

	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { stop(); wg.Wait() }()
	cursor, err := m.wireCursor(ctx)
	if err != nil {
		return Result{}, err
	}
	ready := make(chan error, len(streams))
	for i, s := range cfg.Servers {
		wg.Go(func() { m.stream(wctx, s.URL, streams[i], ready) })
	}
	for range streams {
		if err := <-ready; err != nil {
			return Result{}, err
		}
	}
	for i, s := range cfg.Servers {
		wg.Go(func() { m.poll(wctx, pages[i], m.pageCheck(s.URL)) })
	}
	for _, d := range docs {
		wg.Go(func() { m.poll(wctx, d, m.docCheck(cfg.Servers[0].URL+d)) })
	}
	wg.Go(func() { m.poll(wctx, "/search.json", m.searchCheck(cfg.Servers[0].URL)) })
	wg.Go(func() { m.poll(wctx, chanPull, m.pullCheck(cfg.Servers[0].URL, cursor)) })

	run := fmt.Sprintf("%c%c%c", 'a'+rand.IntN(26), 'a'+rand.IntN(26), 'a'+rand.IntN(26)) // #nosec G404 -- a name, not a secret
	file := func(i int, warm, sched bool) (*Story, error) {
		word := "plat" + run + letters(i) + "x"
		d, err := nr.draft(ctx, cfg.Language, cfg.Section, word, i)
		if err != nil {
			return nil, err
		}
		return &Story{Index: i, Warmup: warm, Scheduled: sched, ID: d.ID, Word: word, Path: prefix + d.Slug}, nil
	}
	for i := range cfg.Stories + 1 {
		s, err := file(i, i == 0, false)
		if err != nil {
			return Result{}, err
		}
		next := time.Now().Add(cfg.Gap)
		s.Origin = time.Now()
		m.add(s)
		u, err := nr.publish(ctx, s.ID)
		if err != nil {
			return Result{}, err
		}
		s.Answered = time.Since(s.Origin)
		if !strings.HasSuffix(u, s.Path) {
			return Result{}, fmt.Errorf("story %d is at %s, not at the expected %s", s.ID, u, s.Path)
		}
		if i == 0 { // the warm-up: wait for it everywhere before measuring
			m.waitComplete(ctx)
			next = time.Now()
		}
		sleepUntil(ctx, next)
		m.progress(s)
	}
	for j := range cfg.Scheduled {
		s, err := file(cfg.Stories+1+j, false, true)
		if err != nil {
			return Result{}, err
		}
		next := time.Now().Add(cfg.Gap)
		s.Origin = time.Now().Add(cfg.Ahead).Truncate(time.Millisecond)
		m.add(s)
		if err := nr.schedule(ctx, s.ID, s.Origin); err != nil {
			return Result{}, err
		}
		sleepUntil(ctx, next)
	}
	m.waitComplete(ctx)
	stop()
	wg.Wait()
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range m.stories {
		if s.Scheduled {
			m.progressLocked(s)
		}
	}
	return Result{Stories: m.stories, Published: m.published, Scheduled: m.scheduled}, ctx.Err()
}

// waitComplete waits until every story registered so far is complete on every channel.
func (m *measurement) waitComplete(ctx context.Context) {
	for !m.complete(time.Now()) && ctx.Err() == nil {
		sleepUntil(ctx, time.Now().Add(10*time.Millisecond))
	}
}

func sleepUntil(ctx context.Context, t time.Time) {
	select {
	case <-ctx.Done():
	case <-time.After(time.Until(t)):
	}
}

// letters writes i in base 26 with the letters a–z: a word the search index keeps whole.
func letters(i int) string {
	s := ""
	for {
		s = string(rune('a'+i%26)) + s
		if i /= 26; i == 0 {
			return s
		}
	}
}

func (m *measurement) progress(s *Story) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.progressLocked(s)
}

func (m *measurement) progressLocked(s *Story) {
	if m.cfg.Progress == nil {
		return
	}
	what := "story"
	switch {
	case s.Warmup:
		what = "warm-up story"
	case s.Scheduled:
		what = "scheduled story"
	}
	line := fmt.Sprintf("%s %d (id %d):", what, s.Index, s.ID)
	for _, ch := range []string{chanPage, chanPull, chanHookLast} {
		if t := s.seen[ch]; !t.IsZero() {
			line += fmt.Sprintf(" %s %v", ch, t.Sub(s.Origin).Round(time.Millisecond))
		}
	}
	fmt.Fprintln(m.cfg.Progress, line)
}
