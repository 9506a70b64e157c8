package desk_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/syndication"
	"github.com/newsdesk/newsdesk/internal/validate"
)

// TestWirePage shows subscribers, usage and a dead delivery to an admin, retries it with
// the button, and exports usage as CSV.
func TestWirePage(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	ctx := context.Background()
	cat := syndication.Catalog{Sections: []string{"politics"}, Languages: []string{"en"}}
	sub, _, err := s.site.Wire.AddSubscriber(ctx, syndication.SubscriberInput{Name: "=Bar Daily", Sections: []string{"politics"},
		Languages: []string{"en"}}, cat)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.site.Wire.AddWebhook(ctx, syndication.WebhookInput{SubscriberID: sub.ID, URL: "https://bar.example/hook"}); err != nil {
		t.Fatal(err)
	}
	ed, err := s.st.UserByEmail(ctx, "editor@x.test")
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.site.Newsroom.Create(ctx, ed, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: "Wired story", Body: "Text."})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.site.Newsroom.Publish(ctx, ed, a.ID); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := s.st.DB().QueryRowContext(ctx, "SELECT id FROM wire_deliveries").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.st.DB().ExecContext(ctx, "UPDATE wire_deliveries SET status = 'dead', attempts = 31, last_status = 502, last_error = 'bad gateway'"); err != nil {
		t.Fatal(err)
	}
	if err := s.st.AddWireUsage(ctx, sub.ID, time.Now(), 17, 3); err != nil {
		t.Fatal(err)
	}

	c := s.client(t)
	c.login("admin@x.test")
	st, body := c.get("/newsroom/wire")
	if st != http.StatusOK {
		t.Fatalf("wire page: %d", st)
	}
	for _, want := range []string{"=Bar Daily", "politics", "1 failed for 24 hours", "HTTP 502", "bad gateway",
		"/newsroom/wire/deliveries/" + strconv.FormatInt(id, 10) + "/retry", ">17<", "Download CSV"} {
		if !strings.Contains(body, want) {
			t.Errorf("wire page lacks %q", want)
		}
	}
	validate.HTML(t, map[string][]byte{"wire": []byte(body)})

	st, _, hd := c.post("/newsroom/wire/deliveries/"+strconv.FormatInt(id, 10)+"/retry", url.Values{})
	if st != http.StatusSeeOther || !strings.HasPrefix(hd.Get("Location"), "/newsroom/wire") {
		t.Fatalf("retry: %d %s", st, hd.Get("Location"))
	}
	stats, _ := s.st.WireOutboxStats(ctx)
	if stats.Dead != 0 || stats.Pending != 1 {
		t.Errorf("after retry: %+v", stats)
	}
	if st, _, _ := c.post("/newsroom/wire/deliveries/"+strconv.FormatInt(id, 10)+"/retry", url.Values{}); st != http.StatusNotFound {
		t.Errorf("retrying a row that is not dead: %d", st)
	}

	st, csvText, hd := c.do("GET", "/newsroom/wire/usage.csv", nil)
	if st != http.StatusOK || !strings.HasPrefix(hd.Get("Content-Type"), "text/csv") || !strings.Contains(hd.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: %d %v", st, hd)
	}
	rows, err := csv.NewReader(strings.NewReader(csvText)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv rows %v, %v", rows, err)
	}
	want := []string{time.Now().UTC().Format(time.DateOnly), strconv.FormatInt(sub.ID, 10), "'=Bar Daily", "17", "3", "0", "0"}
	if strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("csv row %v, want %v", rows[1], want)
	}
	if st, _ := c.get("/newsroom/wire/usage.csv?from=2026-13-01"); st != http.StatusBadRequest {
		t.Errorf("bad date: %d", st)
	}
	e := s.client(t)
	e.login("editor@x.test")
	if st, _ := e.get("/newsroom/wire"); st != http.StatusForbidden {
		t.Errorf("editor on the wire page: %d", st)
	}
}
