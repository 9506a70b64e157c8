// Package publatency_test runs bench/publatency/run in a tiny configuration, on SQLite and
// on two instances sharing one PostgreSQL database, so that the measurement keeps working:
// every channel shows every story, and no webhook is lost, duplicated or badly signed. The
// figures come from runs with 1,000 subscribers (docs/performance.md); no latency is
// asserted here.
package publatency_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestPublishLatencyScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries and runs servers: not in -short")
	}
	published := []string{"page", "/rss.xml", "/atom.xml", "/feed.json", "/en/feed/rss.xml", "/en/politics/feed/atom.xml",
		"/news-sitemap.xml", "/sitemaps/stories-[0-9]+.xml", "/search.json", "wire pull", "webhook, first", "webhook, last",
		"last of page, feeds, sitemaps, search, pull", "publish request answered"}
	scheduled := []string{"page", "wire pull", "webhook, first", "webhook, last", "last of all the above"}
	tests := []struct {
		name     string
		args     func(t *testing.T) []string
		channels []string // besides the above, in both tables
	}{
		{"sqlite", func(*testing.T) []string { return nil }, []string{"stream"}},
		{"postgres, two instances", func(t *testing.T) []string { return []string{"--postgres", pgtest.New(t), "--instances", "2"} },
			[]string{"page, instance 2", "stream, instance 1", "stream, instance 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			extra := tt.args(t)
			tmp := t.TempDir()
			out := filepath.Join(tmp, "report.md")
			args := append([]string{"run", "--stories", "3", "--subscribers", "5", "--scheduled", "2", "--gap", "500ms",
				"--ahead", "2s", "--quiet", "--out", out}, extra...)
			cmd := exec.Command("bash", args...)
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("bench/publatency/run: %v\n%s", err, b)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			report := string(b)
			pub, sched, ok := strings.Cut(report, "Scheduled time →")
			if !ok {
				t.Fatalf("no table of scheduled stories:\n%s", report)
			}
			check := func(table string, stories string, channels []string) {
				for _, ch := range channels {
					name := regexp.QuoteMeta(ch)
					if strings.Contains(ch, "[0-9]") { // a pattern already
						name = ch
					}
					row := `(?m)^\| ` + name + ` \| ` + stories + ` \|( -?[0-9]+ ms \|){4} 0 \|$`
					if !regexp.MustCompile(row).MatchString(table) {
						t.Errorf("no row for %q with %s stories, none missed:\n%s", ch, stories, table)
					}
				}
			}
			check(pub, "3", append(published, tt.channels...))
			check(sched, "2", append(scheduled, tt.channels...))
			// 6 stories (a warm-up, 3 published, 2 scheduled) × 5 subscribers.
			want := "Webhooks: 30 expected, 30 received, 0 lost, 0 duplicated, 0 bad signatures, 0 unexpected"
			if !strings.Contains(report, want) {
				t.Errorf("report lacks %q:\n%s", want, report)
			}
			if !strings.Contains(report, "Wire: 0 repeated items on the pull API, 0 repeated events on the streams.") {
				t.Errorf("report shows repeated wire items:\n%s", report)
			}
		})
	}
}
