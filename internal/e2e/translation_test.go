package e2e_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// TestTranslationSideBySideLayout: "Translate into …" opens the new draft's editor with
// the source beside the form on a wide screen, and above it on a 390 px phone, where the
// page does not scroll sideways.
func TestTranslationSideBySideLayout(t *testing.T) {
	chromium := chromiumPath(t)
	s := startSite(t)
	s.addUser(t, editorEmail, "Omar Editor", account.RoleEditor, editorPass)
	ctx := context.Background()
	svc := newsroom.New(s.st, nil, nil)
	editor, err := s.st.UserByEmail(ctx, editorEmail)
	if err != nil {
		t.Fatal(err)
	}
	long := "A long paragraph of the source with a very long unbroken word: " +
		"Transcaspianinternationaltransportroutecoordinationcommittee, and more text after it.\n\n> " + quote
	src, err := svc.Create(ctx, editor, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: headline,
		Standfirst: standfirst, Body: long, Byline: "Omar Editor", Tags: []string{"Ferries"}})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, chromium, s.url)
	b.signIn(editorEmail, editorPass)
	b.open("/newsroom/articles/"+strconv.FormatInt(src.ID, 10), "#tr-lang")
	b.do("translate into Russian", chromedp.SetValue(chromedp.ID("tr-lang"), "ru"),
		chromedp.Click(chromedp.CSS(`form[action$="/translate"] button`)), chromedp.WaitVisible(chromedp.CSS("aside.source-panel")))

	// layout reports where the panel sits against the edit form, and whether the page is
	// wider than the window.
	const layout = `(() => {
		const p = document.querySelector("aside.source-panel").getBoundingClientRect();
		const f = document.getElementById("editor").getBoundingClientRect();
		return {beside: p.right <= f.left + 1 && Math.abs(p.top - f.top) < 2, above: p.bottom <= f.top + 1,
			sideways: document.documentElement.scrollWidth > window.innerWidth};
	})()`
	type place struct {
		Beside, Above, Sideways bool
	}
	for _, tc := range []struct {
		name          string
		width, height int64
		want          place
	}{
		{"wide screen", 1400, 900, place{Beside: true}},
		{"phone", 390, 844, place{Above: true}},
	} {
		b.do("resize to "+tc.name, chromedp.EmulateViewport(tc.width, tc.height))
		got := get(b, "measure the "+tc.name+" layout", chromedp.Evaluate[place](layout))
		if got != tc.want {
			wide := get(b, "find what is too wide", chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")]
				.filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
				.map(e => e.tagName + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "") + " " + Math.round(e.getBoundingClientRect().right))`))
			t.Errorf("%s: %+v, want %+v; wider than the window: %v", tc.name, got, tc.want, wide)
		}
	}
	if p := b.consoleProblems(); len(p) > 0 {
		t.Errorf("console: %v", p)
	}
}
