package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// TestDashboardUpdatesLive: an editor's dashboard shows a story that another user submits
// while it is open, and the unread badge counts its notification, without a reload (the
// events stream tells the page, which fetches its panels again).
func TestDashboardUpdatesLive(t *testing.T) {
	chromium := chromiumPath(t)
	s := startSite(t)
	s.addUser(t, reporterEmail, "Leyla Reporter", account.RoleCorrespondent, reporterPass)
	s.addUser(t, editorEmail, "Omar Editor", account.RoleEditor, editorPass)
	b := newBrowser(t, chromium, s.url)
	b.signIn(editorEmail, editorPass)
	b.open("/newsroom/", "#dashboard")
	b.do("wait for the events stream to open", chromedp.Poll[chromedp.Void](
		`document.documentElement.dataset.live === "on"`, chromedp.WithPollingTimeout(stepTimeout-time.Second)))
	// A mark on this document: a reload would lose it.
	b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.ndSamePage = true`))

	const live = "Harbour cranes stop as the wind rises"
	ctx := context.Background()
	reporter, err := s.st.UserByEmail(ctx, reporterEmail)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.site.Newsroom.Create(ctx, reporter, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: live,
		Standfirst: "Gusts reach 90 km/h.", Body: "The port halted loading at noon.", Byline: "Leyla Reporter"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.site.Newsroom.Submit(ctx, reporter, a.ID); err != nil {
		t.Fatal(err)
	}
	b.do("wait for the submitted story on the dashboard", chromedp.WaitVisible(link(live)))
	b.do("wait for the unread badge", chromedp.Poll[chromedp.Void](
		`(() => { const n = document.querySelector("[data-unread]"); return !!n && !n.hidden && n.textContent === "1"; })()`,
		chromedp.WithPollingTimeout(stepTimeout-time.Second)))
	if same := get(b, "read the mark", chromedp.Evaluate[bool](`window.ndSamePage === true`)); !same {
		t.Error("the dashboard reloaded to show the story; it should update in place")
	}
	if problems := b.consoleProblems(); len(problems) > 0 {
		t.Errorf("the browser console reported problems: %q", problems)
	}
}
