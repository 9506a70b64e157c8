package e2e_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestTimesReadersCanPlace: a story's times say the agency's offset (the test site runs on
// Baku time), and a reader in another zone (New York, emulated) finds their own time on
// the element's title; a reader in Baku gets none, the text already being theirs.
func TestTimesReadersCanPlace(t *testing.T) {
	chromium := chromiumPath(t)
	s := startSite(t)
	const story = "/en/politics/washington-talks-single-customs-check"
	for _, tt := range []struct {
		zone      string
		wantTitle bool
	}{{"America/New_York", true}, {"Asia/Baku", false}} {
		t.Run(tt.zone, func(t *testing.T) {
			b := newBrowser(t, chromium, s.url)
			b.do("move the reader to "+tt.zone, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: tt.zone})
				return err
			}))
			b.open(story, "time[datetime]")
			text := get(b, "read the story's time", chromedp.Text(chromedp.CSS("time[datetime]")))
			if !regexp.MustCompile(`\d\d:\d\d GMT\+4$`).MatchString(strings.TrimSpace(text)) {
				t.Errorf("the story's time reads %q, want the agency's time with GMT+4", text)
			}
			title := get(b, "read the time's title", chromedp.Evaluate[string](`document.querySelector("time[datetime]").title`))
			if (title != "") != tt.wantTitle {
				t.Errorf("a reader in %s gets the title %q (want one: %v)", tt.zone, title, tt.wantTitle)
			}
		})
	}
}
