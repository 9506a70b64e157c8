package e2e_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/validate"
)

// publicStory is a demo story with quotations, tags and the review form.
const publicStory = "/en/politics/washington-talks-single-customs-check"

// TestPublicPagesInDarkMode runs axe over one public page of each kind in light and dark
// mode, with search highlights (<mark>) and the review form on screen: no serious or
// critical violation, contrast included.
func TestPublicPagesInDarkMode(t *testing.T) {
	chromium := chromiumPath(t)
	axe := validate.AxeScript(t)
	s := startSite(t)
	b := newBrowser(t, chromium, s.url)
	pages := []struct{ path, sel string }{
		{"/en/", "main"},
		{"/en/politics/", "main"},
		{publicStory, "#review-form"},
		{"/en/politics/briefs/", "main"},
		{"/search?lang=en&q=customs", "mark"},
		{"/ru/", "main"},
		{"/en/author/nigar-sultanli", ".author-links"},
		{"/en/page/about-us", "main h1"},
		{"/en/tag/caucasus", "main"},
		{"/az/", ".most-read"},
	}
	for _, scheme := range []string{"light", "dark"} {
		b.do("emulate "+scheme+" mode", colorScheme(scheme))
		for _, p := range pages {
			t.Run(scheme+p.path, func(t *testing.T) {
				b.t = t
				b.open(p.path, p.sel)
				b.axe(axe, scheme)
			})
		}
	}
	// The story with the newsroom's other choice: comments, the rating optional ("No
	// rating" among the choices). A new address, so that the browser's cache of the story
	// above does not answer.
	ctx := context.Background()
	if err := s.st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetSetting(ctx, review.SettingMode, string(review.ModeComments)) }); err != nil {
		t.Fatal(err)
	}
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme+"/comments"+publicStory, func(t *testing.T) {
			b.t = t
			b.do("emulate "+scheme+" mode", colorScheme(scheme))
			b.open(publicStory+"?reviews=1", `#review-form input[name=rating][value="0"]`)
			if h := get(b, "read the form's heading", chromedp.Text(chromedp.ID("leave-review"))); h != "Leave a comment" {
				t.Errorf("the form is headed %q", h)
			}
			b.axe(axe, scheme)
		})
	}
}

// TestStoryPrintsAsTheStory: with print media, a story shows its headline, byline, body
// and address, and none of the site's navigation, forms, reviews or briefs column.
func TestStoryPrintsAsTheStory(t *testing.T) {
	chromium := chromiumPath(t)
	s := startSite(t)
	b := newBrowser(t, chromium, s.url)
	b.do("emulate print", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	b.open(publicStory, "h1")
	shown := func(sel string) bool {
		return get(b, "look at "+sel, chromedp.Evaluate[bool](`(() => { const e = document.querySelector(`+jsString(sel)+`);
			return !!e && getComputedStyle(e).display !== "none" && e.getClientRects().length > 0; })()`))
	}
	for _, sel := range []string{"h1", ".byline", ".body", ".print-url"} {
		if !shown(sel) {
			t.Errorf("printed, the story hides %s", sel)
		}
	}
	for _, sel := range []string{".sections", ".site-search", "#review-form", ".reviews", ".briefs-column", ".most-read", ".related", ".site-footer", ".langs"} {
		if shown(sel) {
			t.Errorf("printed, the story shows %s", sel)
		}
	}
	if url := get(b, "read the printed address", chromedp.Text(chromedp.CSS(".print-url"))); !strings.HasSuffix(strings.TrimSpace(url), publicStory) {
		t.Errorf("the printed address reads %q", url)
	}
}
