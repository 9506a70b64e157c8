package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/bench/newsroomapi"
)

// Config is one soak run.
type Config struct {
	URL             string // base URL of the server, without a trailing slash
	Token           string // an editor's API token
	Duration        time.Duration
	Warmup          time.Duration // memory is compared with its level just after this
	PID             int           // server process for memory sampling; 0: find the listener of URL's port
	Readers         int
	ReviewsPerSec   float64
	PublishesPerSec float64
	IPHeader        string    // header carrying each reviewer's own address; empty: none
	MaxGrowth       float64   // allowed growth of resident memory after warm-up, as a fraction
	Progress        io.Writer // a line every 30 s; nil: quiet
}

// stat counts the requests of one kind.
type stat struct {
	n, errs   int
	latencies []time.Duration
	firstErrs []string // the first few failures, for the summary
}

func (s *stat) add(d time.Duration, err error) {
	s.n++
	s.latencies = append(s.latencies, d)
	if err != nil {
		s.errs++
		if len(s.firstErrs) < 5 {
			s.firstErrs = append(s.firstErrs, err.Error())
		}
	}
}

// published is an acknowledged publish: the story's id and public path.
type published struct {
	ID   int64
	Path string
}

// posted is an acknowledged review: the story's path and the review's text.
type posted struct {
	Path, Text string
}

// soak is the state of a run shared by its workers.
type soak struct {
	cfg    Config
	client *http.Client
	runID  string

	mu       sync.Mutex
	stats    map[string]*stat
	articles []string // public story paths: read and reviewed
	sections []string
	homes    []string
	feeds    []string
	pubs     []published
	reviews  []posted
	refused  int       // reviews answered 429
	section  [2]string // language and section key of the stories the soak publishes
}

func (s *soak) record(kind string, d time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats[kind]
	if st == nil {
		st = &stat{}
		s.stats[kind] = st
	}
	st.add(d, err)
}

// Run runs the soak and then its checks.
func Run(ctx context.Context, c Config) (*Report, error) {
	c.URL = strings.TrimRight(c.URL, "/")
	if c.Readers < 1 {
		c.Readers = 1
	}
	if c.Warmup >= c.Duration {
		c.Warmup = c.Duration / 4
	}
	tr := &http.Transport{MaxIdleConnsPerHost: c.Readers + 8, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	s := &soak{cfg: c, stats: map[string]*stat{}, runID: strconv.FormatInt(time.Now().UnixNano()%1e9, 36),
		client: &http.Client{Transport: tr, Timeout: 30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if err := s.discover(ctx); err != nil {
		return nil, err
	}
	pid := c.PID
	if pid == 0 {
		pid, _ = listenerPID(c.URL) // memory is not checked when the server cannot be found
	}
	mem := newMemory(pid)

	runCtx, cancel := context.WithTimeout(ctx, c.Duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	wg.Go(func() { mem.sample(runCtx, start, time.Second) })
	for i := range c.Readers {
		wg.Go(func() { s.read(runCtx, uint64(i)) }) // #nosec G115 -- i counts readers from 0
	}
	if c.ReviewsPerSec > 0 {
		wg.Go(func() { s.every(runCtx, c.ReviewsPerSec, s.review) })
	}
	if c.PublishesPerSec > 0 {
		wg.Go(func() { s.every(runCtx, c.PublishesPerSec, s.publish) })
	}
	if c.Progress != nil {
		wg.Go(func() { s.progress(runCtx, start) })
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	rep := &Report{Config: c, Elapsed: time.Since(start), PID: pid, Stats: s.stats, Refused: s.refused,
		Publishes: len(s.pubs), Reviews: len(s.reviews)}
	rep.Memory = mem.summary(c.Warmup, c.Duration)
	checkCtx, cancelCheck := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelCheck()
	rep.MissingPublishes, rep.UnseenPublishes, rep.MissingReviews, rep.CheckErr = s.verify(checkCtx)
	return rep, nil
}

// every calls fn about rate times a second until ctx ends; a slow call delays the next.
func (s *soak) every(ctx context.Context, rate float64, fn func(ctx context.Context, n int)) {
	t := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer t.Stop()
	for n := 0; ; n++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn(ctx, n)
		}
	}
}

func (s *soak) progress(ctx context.Context, start time.Time) {
	t := time.NewTicker(30 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.mu.Lock()
			n, errs := 0, 0
			for _, st := range s.stats {
				n, errs = n+st.n, errs+st.errs
			}
			fmt.Fprintf(s.cfg.Progress, "soak: %s: %d requests, %d errors, %d published, %d reviews\n",
				time.Since(start).Round(time.Second), n, errs, len(s.pubs), len(s.reviews))
			s.mu.Unlock()
		}
	}
}

// get asks for a path and reads the whole answer; a status outside 2xx/3xx is an error.
func (s *soak) get(ctx context.Context, path string, hdr http.Header) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.cfg.URL+path, nil)
	if err != nil {
		return nil, err
	}
	maps(req.Header, hdr)
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("GET %s: read: %w", path, err)
	}
	if resp.StatusCode >= 400 {
		return body, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return body, nil
}

func maps(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}

var locRe = regexp.MustCompile(`<loc>([^<]+)</loc>`)

// discover finds the pages to read from the sitemaps: up to 2,000 stories, and the home
// pages, section fronts and feeds of their languages.
func (s *soak) discover(ctx context.Context) error {
	body, err := s.get(ctx, "/sitemap.xml", nil)
	if err != nil {
		return fmt.Errorf("read the sitemap index: %w", err)
	}
	homes, sections := map[string]bool{}, map[string]bool{}
	for _, m := range locRe.FindAllSubmatch(body, -1) {
		u, err := url.Parse(string(m[1]))
		if err != nil || !strings.Contains(u.Path, "stories-") {
			continue
		}
		sm, err := s.get(ctx, u.Path, nil)
		if err != nil {
			return fmt.Errorf("read a story sitemap: %w", err)
		}
		for _, m := range locRe.FindAllSubmatch(sm, -1) {
			p, err := url.Parse(string(m[1]))
			if err != nil {
				continue
			}
			parts := strings.Split(strings.Trim(p.Path, "/"), "/")
			if len(parts) != 3 {
				continue
			}
			s.articles = append(s.articles, p.Path)
			homes[parts[0]], sections["/"+parts[0]+"/"+parts[1]+"/"] = true, true
		}
		if len(s.articles) >= 2000 {
			break
		}
	}
	if len(s.articles) == 0 {
		return errors.New("no public stories in the sitemaps: the soak needs an edition with content")
	}
	rand.Shuffle(len(s.articles), func(i, j int) { s.articles[i], s.articles[j] = s.articles[j], s.articles[i] })
	s.articles = s.articles[:min(len(s.articles), 2000)]
	for l := range homes {
		s.homes = append(s.homes, "/"+l+"/")
		s.feeds = append(s.feeds, "/"+l+"/feed/rss.xml", "/"+l+"/feed/atom.xml", "/"+l+"/feed/feed.json")
	}
	for p := range sections {
		s.sections = append(s.sections, p)
	}
	slices.Sort(s.homes)
	slices.Sort(s.sections)
	s.feeds = append(s.feeds, "/rss.xml")
	// The API names sections by key, the public URLs by their slug in each language.
	var list struct {
		Articles []struct {
			Language string `json:"language"`
			Section  string `json:"section"`
		} `json:"articles"`
	}
	if err := s.api(ctx, http.MethodGet, "/articles?status=published&limit=1", nil, &list, http.StatusOK); err != nil {
		return fmt.Errorf("find a section to publish in (is the token an editor's?): %w", err)
	}
	if len(list.Articles) == 0 {
		return errors.New("the API lists no published story to take a language and section from")
	}
	s.section = [2]string{list.Articles[0].Language, list.Articles[0].Section}
	return nil
}

// pick returns a random element of one of the shared lists.
func (s *soak) pick(r *rand.Rand, list *[]string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return (*list)[r.IntN(len(*list))]
}

// read is one reader: 60% articles, 15% home pages, 15% section fronts, 10% feeds.
func (s *soak) read(ctx context.Context, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 7)) // #nosec G404 -- picks pages to load, not a secret
	for ctx.Err() == nil {
		kind, list := "article", &s.articles
		switch n := r.IntN(100); {
		case n >= 90:
			kind, list = "feed", &s.feeds
		case n >= 75:
			kind, list = "section", &s.sections
		case n >= 60:
			kind, list = "home", &s.homes
		}
		path := s.pick(r, list)
		t := time.Now()
		_, err := s.get(ctx, path, nil)
		if ctx.Err() != nil {
			return // the run ended during the request: not the server's failure
		}
		s.record(kind, time.Since(t), err)
	}
}

var tokenRe = regexp.MustCompile(`name="token" value="([^"]+)"`)

// review reads a story as a reader would and posts a review through its form, from an
// address of its own.
func (s *soak) review(ctx context.Context, n int) {
	r := rand.New(rand.NewPCG(uint64(n), 11)) // #nosec G115 G404 -- n counts reviews from 0; the generator picks pages, not secrets
	path := s.pick(r, &s.articles)
	hdr := http.Header{}
	if s.cfg.IPHeader != "" {
		// 10.0.0.0/8 holds 16 million addresses: one each, so no address reaches its limit
		hdr.Set(s.cfg.IPHeader, fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255))
	}
	t := time.Now()
	page, err := s.get(ctx, path, hdr)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		s.record("review", time.Since(t), err)
		return
	}
	m := tokenRe.FindSubmatch(page)
	if m == nil {
		s.record("review", time.Since(t), fmt.Errorf("GET %s: no review form", path))
		return
	}
	text := fmt.Sprintf("Soak review %s-%d: the reporting on this story was clear and well sourced.", s.runID, n)
	form := url.Values{"token": {string(m[1])}, "name": {"Soak reader " + strconv.Itoa(n)}, "rating": {strconv.Itoa(1 + n%5)},
		"text": {text}, "website": {""}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.URL+path+"/reviews", strings.NewReader(form.Encode()))
	if err != nil {
		s.record("review", time.Since(t), err)
		return
	}
	maps(req.Header, hdr)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := s.client.Do(req)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		s.record("review", time.Since(t), fmt.Errorf("POST %s/reviews: %w", path, err))
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusCreated:
		s.mu.Lock()
		s.reviews = append(s.reviews, posted{Path: path, Text: text})
		s.mu.Unlock()
		err = nil
	case resp.StatusCode == http.StatusTooManyRequests:
		s.mu.Lock()
		s.refused++
		s.mu.Unlock()
		err = fmt.Errorf("POST %s/reviews: 429 (Retry-After %s)", path, resp.Header.Get("Retry-After"))
	default:
		err = fmt.Errorf("POST %s/reviews: %s: %.200s", path, resp.Status, strings.Join(strings.Fields(string(body)), " "))
	}
	s.record("review", time.Since(t), err)
}

// api calls the newsroom JSON API and decodes the answer into out.
func (s *soak) api(ctx context.Context, method, path string, in, out any, want int) error {
	return newsroomapi.Client{URL: s.cfg.URL, Token: s.cfg.Token, HTTP: s.client}.Do(ctx, method, path, in, out, want)
}

// storyJSON is what the soak reads of a story from the API.
type storyJSON struct {
	ID     int64   `json:"id"`
	Status string  `json:"status"`
	URL    *string `json:"url"`
}

// publish files a story through the API and publishes it; then the story joins the pages
// that readers read and review.
func (s *soak) publish(ctx context.Context, n int) {
	t := time.Now()
	err := s.publishOne(ctx, n)
	if ctx.Err() != nil {
		return
	}
	s.record("publish", time.Since(t), err)
}

func (s *soak) publishOne(ctx context.Context, n int) error {
	var draft storyJSON
	err := s.api(ctx, http.MethodPost, "/articles", map[string]any{
		"language": s.section[0], "section": s.section[1],
		"headline":   fmt.Sprintf("Soak test story %s number %d", s.runID, n),
		"standfirst": "A story filed by the soak test to check that every publish survives load.",
		"body":       "The soak test files this story.\n\n> “Nothing acknowledged may be lost,” the test says.\n\nIt ends here.",
		"byline":     "Soak Test", "byline_role": "load generator", "dateline": "BAKU", "tags": []string{"Soak"},
	}, &draft, http.StatusCreated)
	if err != nil {
		return err
	}
	var pub storyJSON
	if err := s.api(ctx, http.MethodPost, fmt.Sprintf("/articles/%d/publish", draft.ID), nil, &pub, http.StatusOK); err != nil {
		return err
	}
	if pub.URL == nil {
		return fmt.Errorf("publish %d: the answer has no url", draft.ID)
	}
	u, err := url.Parse(*pub.URL)
	if err != nil {
		return fmt.Errorf("publish %d: url %q: %w", draft.ID, *pub.URL, err)
	}
	s.mu.Lock()
	s.pubs = append(s.pubs, published{ID: draft.ID, Path: u.Path})
	s.articles = append(s.articles, u.Path)
	s.mu.Unlock()
	return nil
}
