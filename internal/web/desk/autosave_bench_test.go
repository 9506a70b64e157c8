package desk_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// BenchmarkAutosave measures the editor's autosave round trip: a POST of the whole form
// (a 1,200-word body) over real HTTP to the newsroom, kept in a SQLite file, answered in
// JSON. It reports the median (p50-ms) and the 95th percentile (p95-ms).
func BenchmarkAutosave(b *testing.B) {
	ctx := context.Background()
	st := sitekit.Demo(b, filepath.Join(b.TempDir(), "bench.db"))
	srv, _ := sitekit.Serve(b, config.Config{TimeZone: "Asia/Baku", Media: b.TempDir()}, st)
	u := testkit.AddUser(b, st, account.User{Email: "bench@x.test", Name: "Bench", Role: account.RoleEditor, CreatedAt: time.Now()})
	a, err := newsroom.New(st, nil, nil).Create(ctx, u, newsroom.ArticleInput{Language: "en", Section: "politics",
		Headline: "Autosave benchmark", Body: "First paragraph."})
	if err != nil {
		b.Fatal(err)
	}
	secret, _ := account.NewSecret("nds_")
	if err := st.WithTx(ctx, func(tx *store.Tx) error {
		return tx.CreateSession(ctx, account.HashSecret(secret), u.ID, time.Now(), time.Now().Add(time.Hour))
	}); err != nil {
		b.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	su, _ := url.Parse(srv.URL)
	const csrf = "0123456789abcdef0123456789abcdef0123456789"
	jar.SetCookies(su, []*http.Cookie{{Name: "nd_session", Value: secret, Path: "/"}, {Name: "nd_csrf", Value: csrf, Path: "/"}})
	client := &http.Client{Jar: jar}
	body := strings.Repeat("A sentence of the story as the correspondent types it, word by word. ", 100)
	target := srv.URL + "/newsroom/articles/" + strconv.FormatInt(a.ID, 10) + "/autosave"
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		form := url.Values{"csrf": {csrf}, "version": {"1"}, "headline": {"Autosave benchmark"}, "section": {"politics"},
			"standfirst": {"Stand."}, "body": {body + strconv.Itoa(i)}, "tags": {"one, two"}, "urgency": {"5"}}
		req, _ := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Origin", srv.URL)
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		took = append(took, time.Since(start))
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("autosave = %d", resp.StatusCode)
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
}
