package web

import (
	"bytes"
	"context"
	"html/template"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// Fragments are parts of pages that many pages show alike — the column of a section's
// briefs beside each of its stories, the masthead's section navigation — rendered once
// per change and kept, with surrogate keys purged like whole pages' and the same clock
// horizon (the next scheduled or embargoed publication). They make the pages that the
// page cache does not hold (the long tail of the archive, or every page with the page
// cache off) cheaper to render. They are kept whatever --page-cache-mb says: there are
// only a few per section and language.

// maxFragments bounds the fragments kept; past it they are all dropped and made again.
const maxFragments = 4096

// purger is what a store offers to tell of committed changes (*store.Store does).
type purger interface {
	OnPurge(fn func(keys []string, local bool))
}

// fragments is the kept fragments. A nil *fragments keeps nothing.
type fragments struct {
	mu      sync.Mutex
	gen     uint64 // counts purges: a fragment rendered across one is not kept
	entries map[string]fragment
	horizon time.Time // see (*Server).fragment
	hgen    uint64
	hok     bool
}

type fragment struct {
	html    template.HTML
	keys    []string
	expires time.Time
}

func newFragments() *fragments { return &fragments{entries: map[string]fragment{}} }

// purge drops the fragments that show one of keys (cache.All: every one).
func (f *fragments) purge(keys []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gen++
	if slices.Contains(keys, cache.All) {
		clear(f.entries)
		return
	}
	for k, e := range f.entries {
		for _, key := range e.keys {
			if slices.Contains(keys, key) {
				delete(f.entries, k)
				break
			}
		}
	}
}

type fragGenKey struct{}

// snapshotStart notes in ctx the purges counted so far, before a page's read snapshot
// (store.ReadSnapshot) begins: a fragment rendered inside it reads the database as it was
// then, so it is kept only if no purge came since — never a stale fragment kept as fresh.
func (s *Server) snapshotStart(ctx context.Context) context.Context {
	f := s.frags
	if f == nil {
		return ctx
	}
	f.mu.Lock()
	gen := f.gen
	f.mu.Unlock()
	return context.WithValue(ctx, fragGenKey{}, gen)
}

// fragment returns the fragment under key, rendering it with render when it is not kept
// (or has passed the horizon); keys are the surrogate keys of what it shows.
func (s *Server) fragment(ctx context.Context, key string, keys []string, now time.Time,
	render func(ctx context.Context, buf *bytes.Buffer) error) (template.HTML, error) {
	f := s.frags
	if f == nil {
		return renderHTML(ctx, render)
	}
	f.mu.Lock()
	e, ok := f.entries[key]
	gen := f.gen
	if g, ok := ctx.Value(fragGenKey{}).(uint64); ok {
		gen = g // rendered from the page's snapshot: kept only if nothing was purged since
	}
	horizon, hok := f.horizon, f.hok && f.hgen == gen && (f.horizon.IsZero() || now.Before(f.horizon))
	f.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.html, nil
	}
	ctx = context.WithoutCancel(ctx) // a reader's dropped connection must not fail others' pages
	if !hok {
		h, err := s.cfg.Store.NextVisibilityChange(ctx, now)
		if err != nil {
			return "", err
		}
		horizon = h
	}
	html, err := renderHTML(ctx, render)
	if err != nil {
		return "", err
	}
	e = fragment{html: html, keys: keys, expires: now.Add(maxEntryAge)}
	if !horizon.IsZero() && horizon.Before(e.expires) {
		e.expires = horizon
	}
	f.mu.Lock()
	if f.gen == gen {
		if len(f.entries) >= maxFragments {
			clear(f.entries)
		}
		f.entries[key] = e
		f.horizon, f.hgen, f.hok = horizon, gen, true
	}
	f.mu.Unlock()
	return e.html, nil
}

// renderHTML runs a fragment's render (an htmlWriter's) into a string.
func renderHTML(ctx context.Context, render func(ctx context.Context, buf *bytes.Buffer) error) (template.HTML, error) {
	var err error
	h := writeHTML(func(w htmlWriter) { err = render(ctx, w.Buffer) })
	if err != nil {
		return "", err
	}
	return h, nil
}

// briefsColumn is the column of the newest briefs of a section beside its stories.
func (s *Server) briefsColumn(ctx context.Context, lang string, sec content.Section, now time.Time) (template.HTML, error) {
	key := "briefs-column:" + lang + ":" + strconv.FormatInt(sec.ID, 10)
	return s.fragment(ctx, key, []string{cache.BriefList{Language: lang, SectionID: sec.ID}.Key()}, now, func(ctx context.Context, buf *bytes.Buffer) error {
		list, err := s.cfg.Store.PublicBriefs(s.cfg.Store.PublicRead(ctx), content.BriefQuery{Language: lang, SectionID: sec.ID, Limit: 8}, now)
		if err != nil {
			return err
		}
		htmlWriter{buf}.briefsColumn(i18n.Lookup(lang), s.cfg.Location, list)
		return nil
	})
}

// masthead is the masthead's search form and section navigation (with the demo notice) in
// lang, with current marked: the same on every page of a section. It changes only with
// the languages or sections, whose changes purge everything. The kept fragment lists the
// sections as the store has them; when they cannot be read (an error page while the
// database is away), the sections the page has are drawn, and nothing is kept.
func (s *Server) masthead(ctx context.Context, lang, current string, sections []content.Section, demo bool) (template.HTML, error) {
	draw := func(buf *bytes.Buffer, sections []content.Section) error {
		htmlWriter{buf}.mastheadNav(i18n.Lookup(lang), lang, current, sections, demo)
		return nil
	}
	h, err := s.fragment(ctx, "masthead:"+lang+":"+current, nil, s.cfg.Now(),
		func(ctx context.Context, buf *bytes.Buffer) error {
			secs, err := s.cfg.Store.Sections(ctx, lang)
			if err != nil {
				return err
			}
			return draw(buf, secs)
		})
	if err == nil {
		return h, nil
	}
	return renderHTML(ctx, func(_ context.Context, buf *bytes.Buffer) error { return draw(buf, sections) })
}

// footerPages is the footer's list of the language's published pages (About, Contacts…),
// kept as a fragment under the key their changes purge. When they cannot be read (an error
// page while the database is away) the footer goes without them.
func (s *Server) footerPages(ctx context.Context, lang string) template.HTML {
	h, err := s.fragment(ctx, "footer:"+lang, []string{cache.FooterKey(lang)}, s.cfg.Now(),
		func(ctx context.Context, buf *bytes.Buffer) error {
			links, err := s.cfg.Store.FooterPages(s.cfg.Store.PublicRead(ctx), lang)
			if err != nil {
				return err
			}
			htmlWriter{buf}.footerPages(i18n.Lookup(lang), links)
			return nil
		})
	if err != nil {
		s.log.WarnContext(ctx, "footer_pages_failed", "lang", lang, "err", err)
		return ""
	}
	return h
}
