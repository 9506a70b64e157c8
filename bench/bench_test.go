// Package bench_test holds the Go benchmarks of the public site: requests served through the
// full handler (app.Handler, middleware included) from a generated edition, with no page cache.
//
//	go test ./bench -run XXX -bench Page                                  # 2,000 articles, 6,000 briefs
//	NEWSDESK_BENCH_ARTICLES=100000 go test ./bench -run XXX -bench Page -benchtime 2000x -timeout 60m
//	NEWSDESK_BENCH_PG='postgres://…' go test ./bench -run XXX -bench Page   # also on PostgreSQL
//	NEWSDESK_BENCH_SQLITE=/path/copy.db go test ./bench -run XXX -bench Page # an existing database
//	NEWSDESK_BENCH_SQLITE_PRAGMAS='mmap_size=8589934592' go test …      # try connection settings
//
// The SQLite edition is generated once per size into os.TempDir() and reused by later runs.
package bench_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/bench/gen"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
)

const (
	envArticles = "NEWSDESK_BENCH_ARTICLES"
	envBriefs   = "NEWSDESK_BENCH_BRIEFS"
	envPG       = "NEWSDESK_BENCH_PG"
	envSQLite   = "NEWSDESK_BENCH_SQLITE"
	envPragmas  = "NEWSDESK_BENCH_SQLITE_PRAGMAS"
	seed        = 1
)

// edition is the size of the generated edition: NEWSDESK_BENCH_ARTICLES articles (default
// 2,000, so that `go test ./...` stays quick) and NEWSDESK_BENCH_BRIEFS briefs (default
// three per article).
func edition(tb testing.TB) gen.Options {
	n := 2000
	if v := os.Getenv(envArticles); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 100 {
			tb.Fatalf("%s=%q: want a whole number of at least 100", envArticles, v)
		}
	}
	briefs := 3 * n
	if v := os.Getenv(envBriefs); v != "" {
		var err error
		if briefs, err = strconv.Atoi(v); err != nil || briefs < 0 {
			tb.Fatalf("%s=%q: want a whole number", envBriefs, v)
		}
	}
	o := gen.Options{Articles: n, Briefs: briefs, Seed: seed}
	if n >= 20000 {
		o.Progress = os.Stderr
	}
	return o
}

// editionKey names an edition: its size, seed, generator and schema version.
func editionKey(o gen.Options) string {
	return fmt.Sprintf("a%d-b%d-s%d-g%d-v%d", o.Articles, o.Briefs, o.Seed, gen.Version, store.LatestVersion())
}

// site is a generated edition behind the full HTTP handler, with paths to ask for.
type site struct {
	st       *store.Store
	h        http.Handler
	articles []string // public stories across the archive, shuffled
	sections []string // every section front
	homes    []string // every home page
	langs    []string // the language codes, in the site's order
	depth    int      // public stories in the smallest section of a language
}

// sites holds one site per database kind for the whole test binary; TestMain closes them.
var sites = struct {
	sync.Mutex
	m map[string]*site
}{m: map[string]*site{}}

func TestMain(m *testing.M) {
	code := m.Run()
	sites.Lock()
	for _, s := range sites.m {
		s.st.Close()
	}
	sites.Unlock()
	os.Exit(code)
}

// backends runs fn as a sub-benchmark on SQLite, and on PostgreSQL when NEWSDESK_BENCH_PG is set.
func backends(b *testing.B, fn func(b *testing.B, s *site)) {
	kinds := []string{"sqlite"}
	if os.Getenv(envPG) != "" {
		kinds = append(kinds, "postgres")
	}
	for _, kind := range kinds {
		b.Run(kind, func(b *testing.B) { fn(b, getSite(b, kind)) })
	}
}

func getSite(b *testing.B, kind string) *site {
	b.Helper()
	sites.Lock()
	defer sites.Unlock()
	if s, ok := sites.m[kind]; ok {
		return s
	}
	o := edition(b)
	var st *store.Store
	var err error
	switch {
	case kind == "postgres":
		st, err = openPostgres(b, os.Getenv(envPG), o)
	case os.Getenv(envSQLite) != "":
		// An existing database (a copy: it is migrated): a production copy, or an experiment.
		st, err = app.OpenStore(context.Background(), os.Getenv(envSQLite), discard())
	default:
		st, err = openSQLite(b, o)
	}
	if err != nil {
		b.Fatal(err)
	}
	if p := os.Getenv(envPragmas); p != "" && kind == "sqlite" {
		if err := applyPragmas(st, p); err != nil {
			st.Close()
			b.Fatal(err)
		}
		b.Logf("%s: PRAGMA %s on every connection", envPragmas, p)
	}
	s, err := newSite(st)
	if err != nil {
		st.Close()
		b.Fatal(err)
	}
	sites.m[kind] = s
	return s
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// applyPragmas runs "PRAGMA p" for each p of the semicolon-separated list on every connection
// of the store's pool, holding them all at once. It is for trying connection settings before
// putting them into the store's DSN: the pool keeps its idle SQLite connections, and with them
// the settings, for good.
func applyPragmas(st *store.Store, list string) error {
	ctx := context.Background()
	db := st.DB()
	n := db.Stats().MaxOpenConnections
	if n <= 0 {
		return fmt.Errorf("%s: the pool has no connection limit, so not every connection can be reached", envPragmas)
	}
	var conns []*sql.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range n {
		c, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		conns = append(conns, c)
		for _, p := range strings.Split(list, ";") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			if _, err := c.ExecContext(ctx, "PRAGMA "+p); err != nil {
				return fmt.Errorf("%s: PRAGMA %s: %w", envPragmas, p, err)
			}
		}
	}
	return nil
}

// openSQLite opens the cached SQLite edition of size o, generating it first if there is none.
// An edition is complete when its marker file exists: the marker is written last.
func openSQLite(b *testing.B, o gen.Options) (*store.Store, error) {
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), "newsdesk-bench-"+editionKey(o)+".db")
	marker := path + ".complete"
	if _, err := os.Stat(marker); err != nil {
		tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
		b.Logf("generating %d articles and %d briefs into %s", o.Articles, o.Briefs, path)
		st, err := app.OpenStore(ctx, tmp, discard())
		if err != nil {
			return nil, err
		}
		o.NoSync = true // a disposable file: a crash means generating it again
		s, err := gen.Generate(ctx, st, o)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(tmp)
			return nil, fmt.Errorf("generate %s: %w", path, err)
		}
		b.Logf("generated in %.1f s (articles %.1f s, %.0f/s)", s.Total.Seconds(), s.ArticleTime.Seconds(),
			float64(s.Articles)/s.ArticleTime.Seconds())
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		if err := os.Rename(tmp, path); err != nil {
			return nil, fmt.Errorf("keep the edition: %w", err)
		}
		if err := os.WriteFile(marker, []byte(editionKey(o)+"\n"), 0o600); err != nil {
			return nil, fmt.Errorf("mark the edition complete: %w", err)
		}
	}
	return app.OpenStore(ctx, path, discard())
}

// openPostgres opens the database at url, filling it with edition o when it is empty. A
// database filled before must hold the same edition; its key is kept in newsdesk_meta.
func openPostgres(b *testing.B, url string, o gen.Options) (*store.Store, error) {
	ctx := context.Background()
	st, err := app.OpenStore(ctx, url, discard())
	if err != nil {
		return nil, err
	}
	empty, err := st.IsEmpty(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	if empty {
		b.Logf("generating %d articles and %d briefs into %s", o.Articles, o.Briefs, store.Describe(url))
		if _, err := gen.Generate(ctx, st, o); err != nil {
			st.Close()
			return nil, err
		}
		if _, err := st.DB().ExecContext(ctx, "INSERT INTO newsdesk_meta (key, value) VALUES ('bench_edition', $1)",
			editionKey(o)); err != nil {
			st.Close()
			return nil, fmt.Errorf("mark the edition complete: %w", err)
		}
		return st, nil
	}
	var key string
	err = st.DB().QueryRowContext(ctx, "SELECT value FROM newsdesk_meta WHERE key = 'bench_edition'").Scan(&key)
	if err != nil || key != editionKey(o) {
		st.Close()
		return nil, fmt.Errorf("%s=%s holds content but not the edition %s (found %q, %v): give an empty database",
			envPG, store.Describe(url), editionKey(o), key, err)
	}
	return st, nil
}

// newSite builds the handler and picks the paths: for every language and section, stories
// from pages spread over the whole archive, so that requests do not all hit recent rows.
func newSite(st *store.Store) (*site, error) {
	ctx, now := context.Background(), time.Now()
	h, err := app.Handler(config.Config{DB: "x", BaseURL: "http://bench.example", TimeZone: "Asia/Baku"}, st, discard())
	if err != nil {
		return nil, err
	}
	s := &site{st: st, h: h, depth: -1}
	langs, err := st.Languages(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range langs {
		s.homes, s.langs = append(s.homes, "/"+l.Code+"/"), append(s.langs, l.Code)
		secs, err := st.Sections(ctx, l.Code)
		if err != nil {
			return nil, err
		}
		for _, sec := range secs {
			s.sections = append(s.sections, "/"+l.Code+"/"+sec.Slug+"/")
			depth := 0
			for off := 0; ; off += 500 {
				list, err := st.PublicArticles(ctx, content.ListQuery{Language: l.Code, SectionID: sec.ID, Limit: 10, Offset: off}, now)
				if err != nil {
					return nil, err
				}
				if len(list) == 0 {
					break
				}
				depth = off + len(list)
				for _, a := range list {
					s.articles = append(s.articles, "/"+l.Code+"/"+a.SectionSlug+"/"+a.Slug)
				}
			}
			if s.depth < 0 || depth < s.depth {
				s.depth = depth
			}
		}
	}
	if len(s.articles) == 0 {
		return nil, errors.New("the edition has no public story")
	}
	r := rand.New(rand.NewPCG(seed, seed))
	r.Shuffle(len(s.articles), func(i, j int) { s.articles[i], s.articles[j] = s.articles[j], s.articles[i] })
	return s, nil
}

// serve asks h for paths in turn, b.N times, and reports the median and 99th-percentile
// latency of one request besides the mean (ns/op). Every answer must be 200.
func serve(b *testing.B, h http.Handler, paths []string) {
	b.Helper()
	lat := make([]time.Duration, 0, max(b.N, 1))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		r := httptest.NewRequest(http.MethodGet, paths[i%len(paths)], nil)
		w := httptest.NewRecorder()
		t0 := time.Now()
		h.ServeHTTP(w, r)
		lat = append(lat, time.Since(t0))
		if w.Code != http.StatusOK {
			body, _ := io.ReadAll(io.LimitReader(w.Body, 300))
			b.Fatalf("GET %s: %d %s", r.URL.Path, w.Code, body)
		}
	}
	b.StopTimer()
	reportLatency(b, lat)
}

// reportLatency reports the median and 99th percentile of lat as custom metrics.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "median-ns/op")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns/op")
}

// BenchmarkArticlePage serves story pages (story, tags, translations, the section's briefs)
// from all over the archive.
func BenchmarkArticlePage(b *testing.B) {
	backends(b, func(b *testing.B, s *site) { serve(b, s.h, s.articles) })
}

// BenchmarkHomePage serves the home page of each language in turn.
func BenchmarkHomePage(b *testing.B) {
	backends(b, func(b *testing.B, s *site) { serve(b, s.h, s.homes) })
}

// BenchmarkSectionPage serves section fronts: the first page, and page 50 (stories 981–1,000,
// which costs an OFFSET scan) where the edition is large enough to have one.
func BenchmarkSectionPage(b *testing.B) {
	backends(b, func(b *testing.B, s *site) {
		b.Run("page1", func(b *testing.B) { serve(b, s.h, s.sections) })
		if s.depth > 1000 {
			deep := make([]string, len(s.sections))
			for i, p := range s.sections {
				deep[i] = p + "?page=50"
			}
			b.Run("page50", func(b *testing.B) { serve(b, s.h, deep) })
		}
	})
}
