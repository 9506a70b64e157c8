package gen_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/bench/gen"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// small is the edition of these tests: 200 articles, batches small enough to need several.
var small = gen.Options{Articles: 200, Briefs: 600, Seed: 42, BatchSize: 70,
	Now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}

func TestGenerateSmall(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := openStore(t, dsn)
		o := small
		o.Now = time.Now() // so that the handler, which uses the real clock, sees the same edition
		o.NoSync = true    // the generator's fast path (PostgreSQL ignores it)
		s, err := gen.Generate(ctx, st, o)
		if err != nil {
			t.Fatalf("generate: %v", err)
		}
		checkCounts(t, st, s)
		checkGroups(t, st)
		checkArticlePage(t, st)
		checkBigTags(t, st)
		if _, err := gen.Generate(ctx, st, o); err == nil {
			t.Error("Generate filled a database that already had content")
		}
	})
}

func openStore(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := app.OpenStore(context.Background(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("open %s: %v", store.Describe(dsn), err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func count(t *testing.T, st *store.Store, query string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func checkCounts(t *testing.T, st *store.Store, s gen.Stats) {
	t.Helper()
	for _, c := range []struct {
		what      string
		query     string
		got, want int
	}{
		{"articles", "SELECT COUNT(*) FROM articles", s.Articles, 200},
		{"briefs", "SELECT COUNT(*) FROM briefs", s.Briefs, 600},
		{"revisions", "SELECT COUNT(*) FROM article_revisions WHERE version = 1", s.Articles, 200},
		{"languages", "SELECT COUNT(*) FROM languages", s.Languages, 3},
		{"sections", "SELECT COUNT(*) FROM sections", s.Sections, 8},
		{"section names", "SELECT COUNT(*) FROM section_names", s.Sections * s.Languages, 24},
		{"authors", "SELECT COUNT(*) FROM authors", s.Authors, 40},
		{"groups", "SELECT COUNT(*) FROM translation_groups", s.Groups, s.Groups},
		{"tags", "SELECT COUNT(*) FROM tags", s.Tags, s.Tags},
		{"linked briefs", "SELECT COUNT(*) FROM briefs WHERE article_id IS NOT NULL", s.LinkedBriefs, s.LinkedBriefs},
		{"search documents", "SELECT COUNT(*) FROM search_docs", s.SearchDocs, 800},
	} {
		if db := count(t, st, c.query); db != c.want || c.got != c.want {
			t.Errorf("%s: stats say %d, database has %d, want %d", c.what, c.got, db, c.want)
		}
	}
	if n := count(t, st, "SELECT COUNT(*) FROM article_tags"); n < 2*s.Articles || n > 4*s.Articles {
		t.Errorf("%d article tags for %d articles, want 2 to 4 each", n, s.Articles)
	}
	if rebuild, err := st.SearchRebuildNeeded(context.Background()); err != nil || rebuild {
		t.Errorf("search rebuild needed after generating: %v, %v", rebuild, err)
	}
	if s.LinkedBriefs == 0 || s.LinkedBriefs > s.Briefs/3 {
		t.Errorf("%d of %d briefs link to a story, want some but not most", s.LinkedBriefs, s.Briefs)
	}
	if s.Public < s.Articles*8/10 || s.Public == s.Articles {
		t.Errorf("%d of %d articles public, want most but not all", s.Public, s.Articles)
	}
	for _, status := range []string{"draft", "published", "unpublished"} {
		if count(t, st, "SELECT COUNT(*) FROM articles WHERE status = '"+status+"'") == 0 {
			t.Errorf("no %s article", status)
		}
	}
	if count(t, st, "SELECT COUNT(*) FROM articles WHERE lead") == 0 {
		t.Error("no lead story")
	}
	span := count(t, st, "SELECT (MAX(published_at) - MIN(published_at)) / 86400000000 FROM articles WHERE status = 'published'")
	if span < 2*365 {
		t.Errorf("published stories span %d days, want about three years", span)
	}
}

// checkGroups checks that about 30% of the articles share a translation group with versions
// in other languages, and that a group's versions have one section and distinct languages.
func checkGroups(t *testing.T, st *store.Store) {
	t.Helper()
	translated := count(t, st, `SELECT COUNT(*) FROM articles WHERE group_id IN
		(SELECT group_id FROM articles GROUP BY group_id HAVING COUNT(*) > 1)`)
	if translated < 30 || translated > 100 {
		t.Errorf("%d of 200 articles have translations, want about 60", translated)
	}
	if n := count(t, st, `SELECT COUNT(*) FROM (SELECT group_id FROM articles GROUP BY group_id
		HAVING COUNT(DISTINCT section_id) > 1 OR COUNT(DISTINCT language) < COUNT(*)) x`); n != 0 {
		t.Errorf("%d translation groups mix sections or repeat a language", n)
	}
}

// checkArticlePage asks the full handler for a public translated story and its list pages.
func checkArticlePage(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	h, err := app.Handler(config.Config{DB: "x", BaseURL: "http://bench.example", TimeZone: "Asia/Baku"}, st,
		slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	list, err := st.PublicArticles(ctx, content.ListQuery{Language: "ru", Limit: 200}, now)
	if err != nil || len(list) == 0 {
		t.Fatalf("public Russian stories: %d, %v", len(list), err)
	}
	var path, headline string
	for _, s := range list {
		a, err := st.ArticleByID(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := st.Translations(ctx, a, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr) > 0 {
			path, headline = "/ru/"+s.SectionSlug+"/"+s.Slug, s.Headline
			break
		}
	}
	if path == "" {
		t.Fatal("no public Russian story has a public translation")
	}
	for _, p := range []string{path, "/ru/", "/en/", "/az/" + "siyaset/"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		body, _ := io.ReadAll(rec.Body)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: %d", p, rec.Code)
			continue
		}
		if p == path {
			for _, want := range []string{headline, "<blockquote>", `hreflang="`, `rel="tag"`} {
				if !strings.Contains(string(body), want) {
					t.Errorf("GET %s: page lacks %q", p, want)
				}
			}
		}
	}
}

// TestGenerateNoSearch checks that an edition written without its search index says so.
func TestGenerateNoSearch(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "bench.db"))
	o := small
	o.NoSearch = true
	s, err := gen.Generate(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	rebuild, err := st.SearchRebuildNeeded(context.Background())
	if err != nil || !rebuild || s.SearchDocs != 0 || count(t, st, "SELECT COUNT(*) FROM search_docs") != 0 {
		t.Errorf("without the search index: rebuild flagged %v (%v), %d documents", rebuild, err, s.SearchDocs)
	}
}

// TestGenerateIsDeterministic checks that the same options give the same edition.
func TestGenerateIsDeterministic(t *testing.T) {
	var editions [2][]string
	for i := range editions {
		st := openStore(t, filepath.Join(t.TempDir(), "bench.db"))
		o := small
		o.NoSearch = true
		if _, err := gen.Generate(context.Background(), st, o); err != nil {
			t.Fatal(err)
		}
		rows, err := st.DB().Query(`SELECT a.language || '/' || a.slug || ' ' || a.status || ' ' || a.published_at || ' ' ||
			a.group_id || ' ' || LENGTH(a.body_md) || ' ' || COALESCE(b.text, '') FROM articles a
			LEFT JOIN briefs b ON b.article_id = a.id ORDER BY a.id, b.id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			editions[i] = append(editions[i], s)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if len(editions[0]) < 200 || strings.Join(editions[0], "\n") != strings.Join(editions[1], "\n") {
		t.Errorf("two editions from the same options differ (%d and %d rows)", len(editions[0]), len(editions[1]))
	}
}

// checkBigTags: in every language one tag is on about 30% of the stories (the generator's
// home-country tag), so that the tag pages of big editions have a tag of their size.
func checkBigTags(t *testing.T, st *store.Store) {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `SELECT a.language, COUNT(DISTINCT a.id),
		(SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM article_tags x JOIN tags g ON g.id = x.tag_id
			WHERE g.language = a.language GROUP BY x.tag_id) c)
		FROM articles a GROUP BY a.language ORDER BY a.language`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	langs := 0
	for rows.Next() {
		var lang string
		var articles, biggest int
		if err := rows.Scan(&lang, &articles, &biggest); err != nil {
			t.Fatal(err)
		}
		langs++
		if share := float64(biggest) / float64(articles); share < 0.2 || share > 0.45 {
			t.Errorf("%s: the biggest tag is on %d of %d stories (%.0f%%), want about 30%%", lang, biggest, articles, 100*share)
		}
	}
	if err := rows.Err(); err != nil || langs != 3 {
		t.Errorf("big tags: %d languages, %v", langs, err)
	}
}
