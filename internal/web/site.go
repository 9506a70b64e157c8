package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
)

// errBadRequest marks a malformed parameter (answered 400).
var errBadRequest = errors.New("bad request")

// maxPage bounds ?page= so that a huge number cannot force a huge OFFSET scan.
const maxPage = 10000

// base loads what every page in lang needs: the language list and the sections.
func (s *Server) base(r *http.Request, lang string) (page, error) {
	langs, err := s.cfg.Store.Languages(r.Context())
	if err != nil {
		return page{}, err
	}
	p := page{Lang: lang, T: i18n.Lookup(lang), Demo: s.cfg.Demo, CSS: s.css, JS: s.js, Year: s.cfg.Now().In(s.cfg.Location).Year()}
	found := false
	for _, l := range langs {
		if l.Code == lang {
			found = true
			p.SiteName = l.SiteName
		}
		p.LangLinks = append(p.LangLinks, langLink{Code: l.Code, Name: l.Name, URL: "/" + l.Code + "/", Current: l.Code == lang})
	}
	if !found {
		return p, fmt.Errorf("language %q: %w", lang, content.ErrNotFound)
	}
	if p.Brand, err = s.brand(r.Context(), fallbackName(langs)); err != nil {
		return p, err
	}
	if p.Sections, err = s.cfg.Store.Sections(r.Context(), lang); err != nil {
		return p, err
	}
	p.Feeds = feedLinks(p.SiteName, "/"+lang+"/feed/")
	return p, nil
}

// abs makes an absolute URL of a site path.
func (s *Server) abs(path string) string { return s.cfg.BaseURL + path }

// mediaBase is what the pages put before a media file's name: the CDN's MediaURL, or
// "/media/" on this site.
func (s *Server) mediaBase() string {
	if s.cfg.MediaURL != "" {
		return s.cfg.MediaURL
	}
	return "/media/"
}

// mediaAbs is the absolute URL of the media file name (share cards, structured data).
func (s *Server) mediaAbs(name string) string {
	if s.cfg.MediaURL != "" {
		return s.cfg.MediaURL + name
	}
	return s.abs("/media/" + name)
}

// parsePage reads ?page=N: absent is 1; anything but 1..maxPage is a bad request.
func parsePage(r *http.Request) (int, error) {
	v := r.URL.Query().Get("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPage {
		return 0, fmt.Errorf("page %q: must be a whole number from 1 to %d: %w", v, maxPage, errBadRequest)
	}
	return n, nil
}

// pageURL is path with ?page=n (none for page 1).
func pageURL(path string, n int) string {
	if n <= 1 {
		return path
	}
	return path + "?page=" + strconv.Itoa(n)
}

// visitorLang picks the language of an error page: the path's first segment when it is a
// known language, else the first known one the browser asks for, else English.
func visitorLang(r *http.Request) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if i18n.Has(seg) {
		return seg
	}
	return i18n.AcceptLanguage(r.Header.Get("Accept-Language"))
}

// fail answers an error with the right status and a page in the visitor's language.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var moved *content.MovedError
	if errors.As(err, &moved) {
		http.Redirect(w, r, moved.Path, http.StatusMovedPermanently)
		return
	}
	if errors.Is(err, content.ErrNotFound) && s.legacyRedirect(w, r) {
		return
	}
	err = s.cfg.Store.Classify(err)
	status, title, text := http.StatusInternalServerError, "error_title", "error_text"
	switch {
	case errors.Is(err, content.ErrNotFound):
		status, title, text = http.StatusNotFound, "not_found_title", "not_found_text"
	case errors.Is(err, content.ErrGone):
		status, title, text = http.StatusGone, "gone_title", "gone_text"
	case errors.Is(err, errBadRequest):
		status, title, text = http.StatusBadRequest, "bad_request_title", "bad_request_text"
	case errors.Is(err, content.ErrStorageFull):
		// The disk is full: nothing was saved; a reader can only come back later.
		status, title, text = http.StatusServiceUnavailable, "unavailable_title", "unavailable_text"
		w.Header().Set("Retry-After", "60")
		s.log.ErrorContext(r.Context(), "storage_full", "path", r.URL.Path, "err", err)
	default:
		if errors.Is(err, content.ErrUnavailable) || s.cfg.Store.Ping(r.Context()) != nil {
			status, title, text = http.StatusServiceUnavailable, "unavailable_title", "unavailable_text"
			w.Header().Set("Retry-After", "5")
			s.log.WarnContext(r.Context(), "database_unavailable", "path", r.URL.Path, "err", err)
		} else {
			s.log.ErrorContext(r.Context(), "request_failed", "path", r.URL.Path, "err", err)
		}
	}
	lang := visitorLang(r)
	cat := i18n.Lookup(lang)
	p := page{Lang: lang, T: cat, SiteName: cat.T("powered_by"), Title: cat.T(title), NoIndex: true, Demo: s.cfg.Demo, CSS: s.css, JS: s.js,
		Year: s.cfg.Now().In(s.cfg.Location).Year()}
	if status != http.StatusServiceUnavailable {
		// Best effort: the real site name and navigation, if the database answers.
		if full, berr := s.base(r, lang); berr == nil {
			full.Title, full.NoIndex = p.Title, true
			p = full
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "error", struct {
		page
		Heading, Intro string
	}{p, cat.T(title), cat.T(text)})
}

// NotFound answers with the public 404 page in the visitor's language (for handlers
// outside the public site, such as the media files).
func (s *Server) NotFound(w http.ResponseWriter, r *http.Request) { s.notFound(w, r) }

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, fmt.Errorf("path %s: %w", r.URL.Path, content.ErrNotFound))
}
