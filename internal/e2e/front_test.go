package e2e_test

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// homeTopStories reads the public home page of a language over HTTP, as a reader does, and
// returns the headlines of its top stories in order.
func homeTopStories(t *testing.T, base, lang string) []string {
	t.Helper()
	resp, err := http.Get(base + "/" + lang + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("home page: %d %v", resp.StatusCode, err)
	}
	return sitekit.TopStories(string(b))
}

// TestFrontPageOrderInBrowser: an editor reorders the front page in a real browser, with
// the keyboard-reachable Up and Down buttons and by drag and drop, saves, and the public
// home page (served from the page cache until then) shows the new order at once.
func TestFrontPageOrderInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	s := startSite(t, func(c *config.Config) { c.PageCacheMB = 16 })
	s.addUser(t, editorEmail, "Omar Editor", account.RoleEditor, editorPass)
	ctx := context.Background()
	ed, err := s.st.UserByEmail(ctx, editorEmail)
	if err != nil {
		t.Fatal(err)
	}
	svc := newsroom.New(s.st, nil, nil)
	heads := []string{"Front test: Alpha", "Front test: Bravo", "Front test: Charlie"}
	var picks []content.FrontPick
	for _, h := range heads {
		a, err := svc.Create(ctx, ed, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: h, Body: "Body."})
		if err == nil {
			_, _, err = svc.Publish(ctx, ed, a.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
		picks = append(picks, content.FrontPick{ArticleID: a.ID})
	}
	if _, err := svc.SetFront(ctx, ed, "en", picks); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second read is served from the page cache
		if got := homeTopStories(t, s.url, "en"); !slices.Equal(got, heads) {
			t.Fatalf("home page before = %q, want %q", got, heads)
		}
	}

	b := newBrowser(t, chromium, s.url)
	b.signIn(editorEmail, editorPass)
	b.do("open the front page screen",
		chromedp.Click(link("Front page")),
		chromedp.WaitVisible(chromedp.CSS(`#front-list li:first-child button.move-down`)), // shown by front.js
	)
	order := func() []string {
		t.Helper()
		return get(b, "read the order on screen", chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("#front-list li.front-item")).map(li => li.dataset.headline + "=" + li.querySelector("input.pos").value)`))
	}
	// Alpha goes down one place with the keyboard: focus its Down button and press Enter.
	b.do("move Alpha down with the keyboard",
		chromedp.Focus(chromedp.CSS(`#front-list li:first-child button.move-down`)),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(`#front-list li:nth-child(2)[data-headline="Front test: Alpha"]`)),
	)
	if got, want := order(), []string{"Front test: Bravo=1", "Front test: Alpha=2", "Front test: Charlie=3"}; !slices.Equal(got, want) {
		t.Errorf("after Down: %q, want %q", got, want)
	}
	if got := get(b, "read the announcement", chromedp.Text(chromedp.ID("front-status"))); got != "Front test: Alpha: now at position 2 of 3." {
		t.Errorf("screen reader announcement = %q", got)
	}
	// Charlie is dragged above Bravo: the page's own drag handlers get the events a
	// browser sends for a drag (dragstart, dragover, drop, dragend).
	b.do("drag Charlie to the top", chromedp.Evaluate[chromedp.Void](`(() => {
		const list = document.getElementById("front-list");
		const from = list.querySelector('li[data-headline="Front test: Charlie"]');
		const to = list.querySelector("li.front-item");
		const dt = new DataTransfer();
		const box = to.getBoundingClientRect();
		from.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
		to.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt, clientY: box.top + 2}));
		to.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt, clientY: box.top + 2}));
		from.dispatchEvent(new DragEvent("dragend", {bubbles: true, dataTransfer: dt}));
	})()`),
		chromedp.WaitVisible(chromedp.CSS(`#front-list li:first-child[data-headline="Front test: Charlie"]`)),
	)
	want := []string{"Front test: Charlie", "Front test: Bravo", "Front test: Alpha"}
	if got := order(); !slices.Equal(got, []string{want[0] + "=1", want[1] + "=2", want[2] + "=3"}) {
		t.Errorf("after the drag: %q", got)
	}
	b.press("Save the front page", "p.notice")
	if got := homeTopStories(t, s.url, "en"); !slices.Equal(got, want) {
		t.Errorf("home page right after saving = %q, want %q", got, want)
	}
	b.open("/en/", "section.leads")
	if got := get(b, "read the home page in the browser", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("section.leads article.teaser h3")).map(h => h.textContent.trim())`)); !slices.Equal(got, want) {
		t.Errorf("the browser's home page = %q, want %q", got, want)
	}
	if problems := b.consoleProblems(); len(problems) > 0 {
		t.Errorf("the browser console reported %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}
