package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
	"github.com/newsdesk/newsdesk/internal/search"
)

// searchPerPage is the number of results on a search page.
const searchPerPage = 20

// searchForm is a search request as the URL gives it: /search?q=…&lang=&all=1&section=&type=&from=&to=&page=
type searchForm struct {
	Q       string
	Lang    string // the visitor's language: of the page, and of the search unless All
	All     bool   // search every language
	Section string // section key
	Kind    string // "article", "brief" or ""
	From    string // YYYY-MM-DD
	To      string // YYYY-MM-DD, inclusive
	Page    int
}

// url returns the search URL of f with changes applied.
func (f searchForm) url(change func(*searchForm)) string {
	if change != nil {
		change(&f)
	}
	v := url.Values{}
	v.Set("q", f.Q)
	v.Set("lang", f.Lang)
	if f.All {
		v.Set("all", "1")
	}
	for k, x := range map[string]string{"section": f.Section, "type": f.Kind, "from": f.From, "to": f.To} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if f.Page > 1 {
		v.Set("page", strconv.Itoa(f.Page))
	}
	return "/search?" + v.Encode()
}

// filtered reports whether any filter besides the language is set.
func (f searchForm) filtered() bool {
	return f.Section != "" || f.Kind != "" || f.From != "" || f.To != ""
}

type searchHit struct {
	Kind, Language, URL string
	Headline, Snippet   template.HTML
	SectionName         string
	PublishedAt         time.Time
}

type searchPage struct {
	page
	Form         searchForm
	Searched     bool // a query with words was given
	NothingToDo  bool // a query was given, but it has no words to look for
	Truncated    bool
	Total        int
	Capped       bool
	Hits         []searchHit
	Pager        pager
	LanguageName string
	AllURL       string // the same search in all languages
	OwnURL       string // the same search in the visitor's language only
	NoFilterURL  string // the same search without filters
	TooDeep      bool
	MaxResults   int
	Filtered     bool // a filter besides the language is set
}

// searchRequest reads the form of a search from the URL and makes the request. A bad
// page number, date, type or section is a bad request; the query itself never is.
func (s *Server) searchRequest(r *http.Request) (searchForm, search.Request, []content.Language, error) {
	v := r.URL.Query()
	f := searchForm{Q: v.Get("q"), Lang: v.Get("lang"), All: v.Get("all") == "1", Section: v.Get("section"),
		Kind: v.Get("type"), From: v.Get("from"), To: v.Get("to")}
	langs, err := s.cfg.Store.Languages(r.Context())
	if err != nil {
		return f, search.Request{}, nil, err
	}
	known := func(code string) bool {
		for _, l := range langs {
			if l.Code == code {
				return true
			}
		}
		return false
	}
	if !known(f.Lang) {
		f.Lang = visitorLang(r)
		if !known(f.Lang) && len(langs) > 0 {
			f.Lang = langs[0].Code
		}
	}
	if f.Page, err = parsePage(r); err != nil {
		return f, search.Request{}, langs, err
	}
	req := search.Request{Query: search.ParseQuery(f.Q), Now: s.cfg.Now(), Limit: searchPerPage, Offset: (f.Page - 1) * searchPerPage}
	if !f.All {
		req.Languages = []string{f.Lang}
	}
	switch f.Kind {
	case "", search.KindArticle, search.KindBrief:
		req.Kind = f.Kind
	default:
		return f, req, langs, fmt.Errorf("type %q: %w", f.Kind, errBadRequest)
	}
	for _, d := range []struct {
		v   string
		dst *time.Time
		end bool
	}{{f.From, &req.From, false}, {f.To, &req.To, true}} {
		if d.v == "" {
			continue
		}
		t, err := time.ParseInLocation(time.DateOnly, d.v, s.cfg.Location)
		if err != nil {
			return f, req, langs, fmt.Errorf("date %q: %w", d.v, errBadRequest)
		}
		if d.end {
			t = t.AddDate(0, 0, 1) // "to" includes its day
		}
		*d.dst = t
	}
	if f.Section != "" {
		secs, err := s.cfg.Store.Sections(r.Context(), f.Lang)
		if err != nil {
			return f, req, langs, err
		}
		for _, sec := range secs {
			if sec.Key == f.Section {
				req.SectionID = sec.ID
			}
		}
		if req.SectionID == 0 {
			return f, req, langs, fmt.Errorf("section %q: %w", f.Section, errBadRequest)
		}
	}
	return f, req, langs, nil
}

// briefURL is the public page of a brief: its section's briefs of the day.
func (s *Server) briefURL(h search.Hit) string {
	return content.SectionPath(h.Language, h.Section.Slug) + "briefs/" + h.PublishedAt.In(s.cfg.Location).Format(time.DateOnly)
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	f, req, langs, err := s.searchRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.base(r, f.Lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cat := i18n.Lookup(f.Lang)
	sp := searchPage{page: p, Form: f, MaxResults: search.MaxResults, Filtered: f.filtered()}
	sp.Title, sp.NoIndex = cat.T("search"), true
	for _, l := range langs {
		if l.Code == f.Lang {
			sp.LanguageName = l.Name
		}
	}
	sp.AllURL = f.url(func(g *searchForm) { g.All, g.Page = true, 1 })
	sp.OwnURL = f.url(func(g *searchForm) { g.All, g.Page = false, 1 })
	sp.NoFilterURL = f.url(func(g *searchForm) { g.Section, g.Kind, g.From, g.To, g.Page = "", "", "", "", 1 })
	sp.Truncated = req.Query.Truncated
	switch {
	case f.Q == "":
	case req.Query.Empty():
		sp.NothingToDo = true
	case req.Offset+req.Limit > search.MaxResults:
		sp.Searched, sp.TooDeep = true, true
	default:
		sp.Searched = true
		res, err := s.cfg.Store.Search(r.Context(), req)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		sp.Total, sp.Capped = res.Total, res.Capped
		for _, h := range res.Hits {
			sh := searchHit{Kind: h.Kind, Language: h.Language, URL: h.URL, Headline: h.HeadlineMarks.HTML(),
				Snippet: h.Snippet.HTML(), SectionName: h.Section.Name, PublishedAt: h.PublishedAt}
			if h.Kind == search.KindBrief {
				sh.URL = s.briefURL(h)
			}
			sp.Hits = append(sp.Hits, sh)
		}
		more := req.Offset+len(res.Hits) < res.Total && req.Offset+2*req.Limit <= search.MaxResults
		sp.Pager = pageLinks(cat.T("pagination"), f.Page, more, func(n int) string { return f.url(func(g *searchForm) { g.Page = n }) },
			cat.T("search_previous"), cat.T("search_next"))
		if f.Page > 1 {
			sp.Title = cat.T("section_page", sp.Title, f.Page)
		}
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	s.render(w, r, http.StatusOK, "search", sp)
}

// searchJSONResult is one result of /search.json.
type searchJSONResult struct {
	URL       string `json:"url"`
	Headline  string `json:"headline"`
	Snippet   string `json:"snippet"`
	Language  string `json:"language"`
	Published string `json:"published"`
	Type      string `json:"type"`
	Section   string `json:"section"`
}

// searchJSON is /search.json: the same search as /search, as JSON. Snippets are HTML:
// the text escaped, the matched words in <mark>.
func (s *Server) searchJSON(w http.ResponseWriter, r *http.Request) {
	type answer struct {
		Query      string             `json:"query"`
		Total      int                `json:"total"`
		TotalExact bool               `json:"total_exact"`
		Page       int                `json:"page"`
		Results    []searchJSONResult `json:"results"`
		Message    string             `json:"message,omitempty"`
	}
	write := func(status int, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			s.log.ErrorContext(r.Context(), "search_json_failed", "err", err)
			status, b = http.StatusInternalServerError, []byte(`{"error":"internal error"}`)
		}
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "private, no-cache")
		h.Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(status)
		_, _ = w.Write(b)
	}
	f, req, _, err := s.searchRequest(r)
	cat := i18n.Lookup(f.Lang)
	if err != nil {
		status, msg := http.StatusServiceUnavailable, cat.T("unavailable_text")
		if errors.Is(err, errBadRequest) {
			status, msg = http.StatusBadRequest, cat.T("bad_request_text")
		} else {
			s.log.ErrorContext(r.Context(), "request_failed", "path", r.URL.Path, "err", err)
		}
		write(status, map[string]string{"error": msg})
		return
	}
	a := answer{Query: req.Query.String(), Page: f.Page, Results: []searchJSONResult{}, TotalExact: true}
	switch {
	case f.Q == "" || req.Query.Empty():
		a.Message = cat.T("search_nothing_to_find")
	case req.Offset+req.Limit > search.MaxResults:
		a.Message = cat.T("search_too_deep", search.MaxResults)
	default:
		res, err := s.cfg.Store.Search(r.Context(), req)
		if err != nil {
			s.log.ErrorContext(r.Context(), "request_failed", "path", r.URL.Path, "err", err)
			write(http.StatusServiceUnavailable, map[string]string{"error": cat.T("unavailable_text")})
			return
		}
		a.Total, a.TotalExact = res.Total, !res.Capped
		for _, h := range res.Hits {
			u := h.URL
			if h.Kind == search.KindBrief {
				u = s.briefURL(h)
			}
			a.Results = append(a.Results, searchJSONResult{URL: s.abs(u), Headline: h.Headline, Snippet: string(h.Snippet.HTML()),
				Language: h.Language, Published: h.PublishedAt.UTC().Format(time.RFC3339), Type: h.Kind, Section: h.Section.Key})
		}
		if a.Total == 0 {
			a.Message = cat.T("search_no_results", a.Query)
		}
	}
	write(http.StatusOK, a)
}
