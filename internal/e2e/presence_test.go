package e2e_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// TestWhoElseIsHere opens one story in two browsers, as two editors: each sees the other
// with no reload (the page's heartbeat), and when one leaves the other sees them go.
// Publishing the story, which has warnings, asks first in a dialog that lists them.
func TestWhoElseIsHere(t *testing.T) {
	chromium := chromiumPath(t)
	s := startSite(t)
	const (
		omar, omarPass = "omar.editor@e2e.newsdesk.test", "editor-pass-12345"
		rena, renaPass = "rena.editor@e2e.newsdesk.test", "editor-pass-67890"
	)
	s.addUser(t, omar, "Omar Editor", account.RoleEditor, omarPass)
	s.addUser(t, rena, "Rena Editor", account.RoleEditor, renaPass)
	ctx := context.Background()
	u, err := s.st.UserByEmail(ctx, omar)
	if err != nil {
		t.Fatal(err)
	}
	a, err := newsroom.New(s.st, nil, nil).Create(ctx, u, newsroom.ArticleInput{Language: "en", Section: "politics",
		Headline: "Customs deal opens the night ferry", Standfirst: "Trucks will cross at night from March.",
		Body: "The deal was signed on Monday. [Click here](https://example.com/deal) for the text.", Tags: []string{"Transport"}})
	if err != nil {
		t.Fatal(err)
	}
	page := "/newsroom/articles/" + strconv.FormatInt(a.ID, 10)
	first, second := newBrowser(t, chromium, s.url), newBrowser(t, chromium, s.url)
	first.signIn(omar, omarPass)
	second.signIn(rena, renaPass)

	first.open(page, "#checks")
	if n := get(first, "count who else is here", chromedp.Evaluate[int](`document.querySelectorAll("#presence strong").length`)); n != 0 {
		t.Errorf("alone on the story, the page shows %d others", n)
	}
	second.open(page, "#checks")
	// The second page knows at once who was there first; the first learns it live.
	second.do("see Omar on the story", chromedp.WaitVisible(chromedp.Search(`//div[@id="presence"]//strong[normalize-space()="Omar Editor"]`)))
	first.do("see Rena arrive without a reload", chromedp.WaitVisible(chromedp.Search(`//div[@id="presence"]//strong[normalize-space()="Rena Editor"]`)))

	// Rena leaves: the page's goodbye takes her off at once, and Omar's page follows.
	second.open("/newsroom/", `nav[aria-label="Newsroom"]`)
	first.do("see Rena leave", chromedp.Poll[chromedp.Void](`document.querySelector("#presence strong") === null`,
		chromedp.WithPollingInterval(250*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))

	// Publishing with warnings asks first, listing them; going back publishes nothing.
	first.do("press Publish now", chromedp.Click(button("Publish now")), chromedp.WaitVisible(chromedp.CSS("#checks-confirm[open]")))
	if n := get(first, "count the warnings in the dialog", chromedp.Evaluate[int](
		`document.querySelectorAll('#checks-confirm-list li[data-code="link_text"]').length`)); n != 1 {
		t.Errorf("the confirmation lists %d link_text warnings, want 1", n)
	}
	first.do("go back", chromedp.Click(chromedp.Search(`//dialog[@id="checks-confirm"]//button[normalize-space()="Back to the story"]`)),
		chromedp.WaitNotPresent(chromedp.CSS("#checks-confirm[open]")))
	// A change not saved to the story is named in the dialog: publishing puts out the saved version.
	first.do("change the standfirst", chromedp.SendKeys(chromedp.CSS("#standfirst"), " Ferries run nightly."))
	first.press("Publish now", "#checks-confirm[open]")
	if n := get(first, "look for the unsaved-changes item", chromedp.Evaluate[int](
		`document.querySelectorAll('#checks-confirm-list li[data-code="unsaved"]').length`)); n != 1 {
		t.Errorf("with an unsaved standfirst, the confirmation lists %d unsaved items, want 1", n)
	}
	first.confirmAnyway("Publish anyway", "published")
	if p := first.consoleProblems(); len(p) > 0 {
		t.Errorf("the first browser's console: %q", p)
	}
	if p := second.consoleProblems(); len(p) > 0 {
		t.Errorf("the second browser's console: %q", p)
	}
}

// confirmAnyway presses the confirmation dialog's button labelled label and waits for
// the story's page to say notice (the script submits the form once the dialog has
// closed, so the navigation starts a moment after the click: each look at the page
// waits for the condition, whichever document is loaded then).
func (b *browser) confirmAnyway(label, notice string) {
	b.t.Helper()
	b.failOnLeavePrompt()
	b.do(`press "`+label+`"`, chromedp.Click(chromedp.Search(`//dialog[@id="checks-confirm"]//button[normalize-space()="`+label+`"]`)))
	b.waitForNotice(notice)
}

// failOnLeavePrompt fails the test should the next navigation raise a "leave the page?"
// prompt. Publishing is a navigation the user asked for: the story editor's unsent-changes
// guard must not ask (what was not sent goes to the working copy). A prompt is accepted so
// that it cannot hold the page forever.
func (b *browser) failOnLeavePrompt() {
	b.t.Helper()
	if err := chromedp.Listen(b.ctx, func(ev any) {
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok && e.Type == page.DialogTypeBeforeunload {
			b.t.Error("the page asked before leaving (beforeunload) on publishing")
			go func() {
				_, _ = chromedp.Run(b.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
					_, err := cdp.Call(ctx, t, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
					return err
				}))
			}()
		}
	}); err != nil {
		b.t.Logf("listen for dialogs: %v", err)
	}
}

// waitForNotice waits until the story's page has loaded again with the notice and the state
// it names (published, scheduled).
func (b *browser) waitForNotice(notice string) {
	b.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
			`location.search.indexOf("notice=`+notice+`") >= 0 && document.readyState === "complete" && !!document.querySelector("p.status-line .state-`+notice+`")`))
		cancel()
		if err == nil && done {
			return
		}
		if time.Now().After(deadline) {
			b.fatal("wait for the story "+notice, context.DeadlineExceeded)
		}
		time.Sleep(200 * time.Millisecond) // the next look; the bound above ends a hang
	}
}
