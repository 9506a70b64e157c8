package app_test

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/validate"
)

type searchAnswer struct {
	Query      string `json:"query"`
	Total      int    `json:"total"`
	TotalExact bool   `json:"total_exact"`
	Results    []struct {
		URL, Headline, Snippet, Language, Published, Type, Section string
	} `json:"results"`
	Message string `json:"message"`
	Error   string `json:"error"`
}

func (s *demoSite) searchJSON(t *testing.T, query string, header ...string) (int, searchAnswer) {
	t.Helper()
	resp, body := s.get(t, "/search.json?"+query, header...)
	var a searchAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("GET /search.json?%s: %d, not JSON: %v\n%s", query, resp.StatusCode, err, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
	return resp.StatusCode, a
}

func TestSearchPages(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newDemoSite(t, dsn)
		resp, body := s.get(t, "/search?q=customs+chec&lang=en")
		if resp.StatusCode != 200 || !strings.Contains(body, `href="`+leadEN+`"`) ||
			!strings.Contains(body, "<mark>customs</mark>") || !strings.Contains(body, `name="robots" content="noindex"`) {
			t.Errorf("search page: %d\n%s", resp.StatusCode, body)
		}
		// The same as JSON, with absolute URLs and marked snippets.
		st, a := s.searchJSON(t, "q=customs+check&lang=en")
		if st != 200 || a.Total < 1 || !a.TotalExact || len(a.Results) == 0 || !strings.HasSuffix(a.Results[0].URL, leadEN) ||
			!strings.HasPrefix(a.Results[0].URL, "http://") || a.Results[0].Language != "en" || a.Results[0].Published == "" ||
			!strings.Contains(a.Results[0].Headline, "customs") || !strings.Contains(a.Results[0].Snippet+a.Results[0].Headline, "ustoms") {
			t.Errorf("search.json: %d %+v", st, a)
		}
		// The visitor's language by default; one click for all languages.
		_, ru := s.searchJSON(t, "q=customs", "Accept-Language", "ru-RU,ru;q=0.9")
		_, all := s.searchJSON(t, "q=customs&all=1", "Accept-Language", "ru-RU,ru;q=0.9")
		if ru.Total != 0 || all.Total < 1 {
			t.Errorf("Russian visitor: %d in Russian, %d in all languages", ru.Total, all.Total)
		}
		_, ruWord := s.searchJSON(t, "q=таможенной+проверки", "Accept-Language", "ru")
		if ruWord.Total < 1 || ruWord.Results[0].Language != "ru" {
			t.Errorf("Russian search: %+v", ruWord)
		}
		_, body = s.get(t, "/search?q=customs", "Accept-Language", "ru")
		if !strings.Contains(body, "all=1") || !strings.Contains(body, "search-none") {
			t.Errorf("no-results page lacks the all-languages link:\n%s", body)
		}
		// Filters.
		_, briefs := s.searchJSON(t, "q=customs&lang=en&type=brief")
		for _, r := range briefs.Results {
			if r.Type != "brief" || !strings.Contains(r.URL, "/briefs/") {
				t.Errorf("brief filter gave %+v", r)
			}
		}
		_, none := s.searchJSON(t, "q=customs&lang=en&from=2001-01-01&to=2001-12-31")
		if none.Total != 0 {
			t.Errorf("date range in 2001: %d results", none.Total)
		}
	})
}

func TestSearchBadInput(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newDemoSite(t, dsn)
		hostile := []string{`"`, `"customs`, `*`, `-`, `NEAR(`, `NEAR(customs check)`, `customs AND OR NOT`, `{head}: customs`,
			`'; DROP TABLE articles; --`, `customs' OR '1'='1`, `((`, `-"`, `h_customs`, `sec_1 k_a`, "\x00", "customs\x00check",
			"\xff\xfe", `\`, `%`, `:*`, `!customs`, strings.Repeat("customs ", 1500), strings.Repeat("я", 10000), "-customs"}
		for _, q := range hostile {
			v := url.Values{"q": {q}, "lang": {"en"}}.Encode()
			for _, path := range []string{"/search?", "/search.json?"} {
				resp, body := s.get(t, path+v)
				if resp.StatusCode != 200 {
					t.Errorf("GET %s%.60s = %d", path, v, resp.StatusCode)
				}
				low := strings.ToLower(body)
				for _, leak := range []string{"sql", "fts5", "syntax error", "tsquery", "panic"} {
					if strings.Contains(low, leak) {
						t.Errorf("GET %s%.60s shows %q", path, v, leak)
					}
				}
			}
		}
		// A query with nothing to look for gets a friendly message.
		if _, a := s.searchJSON(t, "q=-customs&lang=en"); a.Message == "" || a.Total != 0 {
			t.Errorf("exclusion only: %+v", a)
		}
		// Malformed parameters other than the query are bad requests, answered kindly.
		for _, q := range []string{"q=x&page=abc", "q=x&page=0", "q=x&type=video", "q=x&from=yesterday", "q=x&section=nope"} {
			if resp, body := s.get(t, "/search?"+q); resp.StatusCode != 400 || !strings.Contains(body, "<h1>") {
				t.Errorf("GET /search?%s = %d", q, resp.StatusCode)
			}
			if st, a := s.searchJSON(t, q); st != 400 || a.Error == "" {
				t.Errorf("GET /search.json?%s = %d %+v", q, st, a)
			}
		}
		if resp, body := s.get(t, "/search?q=customs&lang=en&page=60"); resp.StatusCode != 200 || !strings.Contains(body, "1000") {
			t.Errorf("page past the last result: %d", resp.StatusCode)
		}
	})
}

func TestSearchPageIsValidHTML(t *testing.T) {
	validate.Dir(t)
	s := newDemoSite(t, filepath.Join(t.TempDir(), "site.db"))
	files := map[string][]byte{}
	for name, q := range map[string]string{"search_empty": "", "search_hits": "q=customs&lang=en",
		"search_none": "q=zzzz&lang=ru&section=politics", "search_all": "q=customs&all=1&type=article&from=2020-01-01",
		"search_hostile": "q=%22%3Cscript%3E&lang=az"} {
		_, body := s.get(t, "/search?"+q)
		files[name] = []byte(body)
	}
	validate.HTML(t, files)
}
