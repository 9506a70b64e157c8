package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Fragments are parts of pages that many pages show alike — the column of a section's
// briefs beside each of its stories — rendered once per change and kept, with the same
// surrogate keys, purges and clock horizon as whole pages. They make the pages the page
// cache does not hold (the long tail of the archive, or every page with the page cache
// off) cheaper to render; they are on whatever --page-cache-mb says, and small.
const fragmentBytes = 4 << 20

// purger is what a store offers to tell of committed changes (*store.Store does).
type purger interface {
	OnPurge(fn func(keys []string, local bool))
}

// fragment returns the fragment under key, rendering it with render when it is not kept;
// keys are the surrogate keys of what it shows.
func (s *Server) fragment(ctx context.Context, key string, keys []string, now time.Time,
	render func(*bytes.Buffer) error) (template.HTML, error) {
	ctx = context.WithoutCancel(ctx) // the render may serve other readers too
	e, _, err := s.frags.Fill(key, now, func() (*cache.Entry, error) {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			return nil, err
		}
		until := now.Add(maxEntryAge)
		h, err := s.frags.Horizon(now, func() (time.Time, error) { return s.cfg.Store.NextVisibilityChange(ctx, now) })
		if err != nil {
			return nil, err
		}
		if !h.IsZero() && h.Before(until) {
			until = h
		}
		page := cache.Page{Status: http.StatusOK, Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
			Body: buf.Bytes(), Keys: keys, Expires: until}
		return cache.Build(page, now, cache.Options{}), nil
	})
	if err != nil {
		return "", err
	}
	return template.HTML(e.Body), nil // #nosec G203 -- rendered by html/template
}

// briefsColumn is the column of the newest briefs of a section beside its stories.
func (s *Server) briefsColumn(ctx context.Context, lang string, sec content.Section, now time.Time) (template.HTML, error) {
	key := "briefs-column:" + lang + ":" + strconv.FormatInt(sec.ID, 10)
	return s.fragment(ctx, key, []string{cache.BriefsKey(sec.ID, lang)}, now, func(buf *bytes.Buffer) error {
		ctx := context.WithoutCancel(ctx)
		list, err := s.cfg.Store.PublicBriefs(store.PublicRead(ctx), store.BriefQuery{Language: lang, SectionID: sec.ID, Limit: 8}, now)
		if err != nil {
			return err
		}
		data := struct {
			Briefs []content.Brief
			T      *i18n.Catalog
		}{list, i18n.Lookup(lang)}
		return s.pages["article"].ExecuteTemplate(buf, "briefs-column", data)
	})
}

// masthead is the masthead's search form and section navigation (with the demo notice) in
// lang, with current marked: the same on every page of a section. It changes only with
// the languages or sections, whose changes purge everything. The kept fragment lists the
// sections as the store has them; when they cannot be read (an error page while the
// database is away), the sections the page has are drawn, and nothing is kept.
func (s *Server) masthead(lang, current string, sections []content.Section, demo bool) (template.HTML, error) {
	draw := func(buf *bytes.Buffer, sections []content.Section) error {
		data := struct {
			Lang, CurrentSection string
			Sections             []content.Section
			Demo                 bool
			T                    *i18n.Catalog
		}{lang, current, sections, demo, i18n.Lookup(lang)}
		return s.chrome.ExecuteTemplate(buf, "chrome-masthead", data)
	}
	ctx := context.Background()
	h, err := s.fragment(ctx, "masthead:"+lang+":"+current, nil, s.cfg.Now(), func(buf *bytes.Buffer) error {
		secs, err := s.cfg.Store.Sections(ctx, lang)
		if err != nil {
			return err
		}
		return draw(buf, secs)
	})
	if err == nil {
		return h, nil
	}
	var buf bytes.Buffer
	if err := draw(&buf, sections); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // #nosec G203 -- rendered by html/template
}
