package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// "Most read": the public site counts the readers of every story page it serves, cached
// ones included (countRead), and mostread.Counter adds the counts to the database, where
// every instance's meet. Each language's list of the stories most read in the last 24
// hours is made from there every MostReadEvery, and the pages that show it are kept no
// longer than that.

// mostReadCount is how many stories a "Most read" list shows.
const mostReadCount = 5

// defaultMostReadEvery is how often a list is made again when Config.MostReadEvery is 0.
const defaultMostReadEvery = 5 * time.Minute

// mostReadLists keeps each language's list until it is due to be made again, or until
// one of its stories changes (a story withdrawn leaves the list at once).
type mostReadLists struct {
	mu    sync.Mutex
	lists map[string]mostReadList
}

type mostReadList struct {
	html  template.HTML
	keys  []string // the stories' surrogate keys (cache.ArticleKey)
	until time.Time
}

func (m *mostReadLists) purge(keys []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for lang, l := range m.lists {
		if slices.Contains(keys, cache.All) || slices.ContainsFunc(l.keys, func(k string) bool { return slices.Contains(keys, k) }) {
			delete(m.lists, lang)
		}
	}
}

// mostRead returns lang's "Most read" list as HTML (empty when nothing was read yet), and
// notes on the page w renders that it shows the list: the page stops being true when the
// list is made again, or when one of its stories changes.
func (s *Server) mostRead(ctx context.Context, w http.ResponseWriter, lang string, now time.Time) template.HTML {
	if s.most == nil {
		return ""
	}
	s.most.mu.Lock()
	l, ok := s.most.lists[lang]
	s.most.mu.Unlock()
	if !ok || !now.Before(l.until) {
		var err error
		if l, err = s.makeMostRead(ctx, lang, now); err != nil {
			s.log.WarnContext(ctx, "most_read_failed", "lang", lang, "err", err)
			expireAt(w, now.Add(time.Minute)) // shown without the list: try again soon
			return ""
		}
		s.most.mu.Lock()
		s.most.lists[lang] = l
		s.most.mu.Unlock()
	}
	tagKeys(w, l.keys...)
	expireAt(w, l.until)
	return l.html
}

func (s *Server) makeMostRead(ctx context.Context, lang string, now time.Time) (mostReadList, error) {
	every := s.cfg.MostReadEvery
	if every <= 0 {
		every = defaultMostReadEvery
	}
	ctx = context.WithoutCancel(ctx) // the list serves other readers too
	list, err := s.cfg.Store.MostRead(s.cfg.Store.PublicRead(ctx), lang, now.Add(-24*time.Hour), now, mostReadCount)
	if err != nil {
		return mostReadList{}, err
	}
	l := mostReadList{until: now.Add(every)}
	for _, a := range list {
		l.keys = append(l.keys, cache.ArticleKey(a.ID))
	}
	l.html, err = renderHTML(ctx, func(_ context.Context, buf *bytes.Buffer) error {
		htmlWriter{buf}.mostRead(i18n.Lookup(lang), list)
		return nil
	})
	return l, err
}

// mostRead writes the "Most read" block: an ordered list of links, nothing when empty.
func (w htmlWriter) mostRead(cat *i18n.Catalog, list []content.ArticleSummary) {
	if len(list) == 0 {
		return
	}
	w.el("<aside class=\"most-read\" aria-labelledby=\"most-read-title\">\n<h2 id=\"most-read-title\">", cat.T("most_read"), "</h2>\n<ol>")
	for _, a := range list {
		w.raw(`<li><a href="`)
		w.url(content.ArticlePath(a.Language, a.SectionSlug, a.Slug))
		w.el(`">`, a.Headline, "</a></li>")
	}
	w.raw("</ol>\n</aside>")
}

// countReads notes that the page w renders is story id's: each reader served it (from the
// cache or not) is counted for "Most read".
func countReads(w http.ResponseWriter, id int64) {
	if rec, ok := w.(*recorder); ok {
		rec.story = id
	}
}

// countRead counts the reader of r, served e, if e is a story page and r a reader's
// visit: a GET (not HEAD), not a prefetch, from a browser rather than a crawler, a link
// previewer or a script (isBrowser). No cookie is read or set, nothing about the reader
// is kept.
func (s *Server) countRead(e *cache.Entry, r *http.Request) {
	if e.Reads == nil || r.Method != http.MethodGet || e.Status != http.StatusOK {
		return
	}
	if p := r.Header["Sec-Purpose"]; len(p) > 0 {
		return // a prefetch or prerender the reader may never see
	}
	if p := r.Header["Purpose"]; len(p) > 0 {
		return
	}
	if ua := r.Header["User-Agent"]; len(ua) != 1 || !s.agents.browser(ua[0]) {
		return
	}
	e.Reads.Count()
}

// agents remembers which User-Agent strings are browsers': a handful of strings make most
// of a site's traffic, and a lookup costs a tenth of isBrowser's scan.
type agents struct {
	known sync.Map // string → bool
	n     atomic.Int32
}

// maxAgents bounds the strings remembered; past it the others are scanned each time.
const maxAgents = 4096

func (a *agents) browser(ua string) bool {
	if v, ok := a.known.Load(ua); ok {
		return v.(bool)
	}
	is := isBrowser([]string{ua})
	if len(ua) <= 512 && a.n.Load() < maxAgents {
		if _, loaded := a.known.LoadOrStore(ua, is); !loaded {
			a.n.Add(1)
		}
	}
	return is
}

// botWords are the words, in lower case, of the User-Agent strings of crawlers, link
// previewers, monitors and scripts.
var botWords = [][]byte{
	[]byte("bot"), []byte("crawl"), []byte("spider"), []byte("slurp"), []byte("preview"), []byte("externalhit"),
	[]byte("whatsapp"), []byte("curl"), []byte("wget"), []byte("python"), []byte("http-client"), []byte("httpclient"),
	[]byte("java/"), []byte("okhttp"), []byte("headless"), []byte("lighthouse"), []byte("monitor"), []byte("uptime"),
	[]byte("archiver"), []byte("fetch"), []byte("scrap"), []byte("feed"),
}

// isBrowser reports whether a User-Agent is a browser's: present, a Mozilla/… or
// Opera/… string (every browser sends one), and without the words of a bot.
func isBrowser(ua []string) bool {
	if len(ua) != 1 {
		return false
	}
	s := ua[0]
	if len(s) < 8 || (s[:8] != "Mozilla/" && s[:6] != "Opera/") {
		return false
	}
	var buf [256]byte
	b := buf[:min(len(s), len(buf))]
	for i := range b {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	for _, word := range botWords {
		if bytes.Contains(b, word) {
			return false
		}
	}
	return true
}
