package e2e_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
)

const (
	reporterEmail = "leyla.reporter@e2e.newsdesk.test"
	reporterPass  = "correspondent-pass-1"
	editorEmail   = "omar.editor@e2e.newsdesk.test"
	editorPass    = "editor-pass-12345"

	headline   = "Caspian ferry talks reach final round in Aktau"
	standfirst = "Negotiators say a shared timetable for the cross-sea route is one meeting away."
	quote      = "We are one signature away from a timetable."
	imageAlt   = "A ferry moored at the Aktau terminal at dusk"

	// imageW and imageH are the size of the uploaded lead image.
	imageW, imageH = 1200, 800
)

// body is the story's Markdown, as the editor saves what typed types.
const body = "Negotiators from three coastal states met for a fourth day on Tuesday.\n\n" +
	"> " + quote + "\n\n" +
	"The talks resume on Friday, when the ministers are expected to sign."

// typed is what the correspondent types into the story editor; "\n" is the Enter key.
// "> " at the start of a line makes a quote; Enter on an empty line in it leaves it.
const typed = "Negotiators from three coastal states met for a fourth day on Tuesday.\n" +
	"> " + quote + "\n\n" +
	"The talks resume on Friday, when the ministers are expected to sign."

var (
	imageNumberRe = regexp.MustCompile(`^#(\d+) `)
	storyURLRe    = regexp.MustCompile(`/newsroom/articles/(\d+)(?:\?|$)`)
)

// TestNewsroomToPublicSite follows one story through the site in a real browser: a
// correspondent signs in, uploads a lead image, writes the story and submits it; an
// editor signs in, sees it waiting and publishes it; readers find it on the section page
// with its lead image; and the editor's live Markdown preview renders a blockquote.
func TestNewsroomToPublicSite(t *testing.T) {
	started := time.Now()
	chromium := chromiumPath(t) // first: a machine without a browser skips at once
	s := startSite(t)
	s.addUser(t, reporterEmail, "Leyla Reporter", account.RoleCorrespondent, reporterPass)
	s.addUser(t, editorEmail, "Omar Editor", account.RoleEditor, editorPass)
	pngPath := writePNG(t, imageW, imageH)
	b := newBrowser(t, chromium, s.url)

	var imageID, storyID string
	if !t.Run("correspondent uploads an image", func(t *testing.T) {
		b.t = t
		b.signIn(reporterEmail, reporterPass)
		b.open("/newsroom/images", "#file")
		b.do("fill the upload form",
			chromedp.SetUploadFiles(chromedp.ID("file"), []string{pngPath}),
			chromedp.SendKeys(chromedp.ID("alt"), imageAlt),
			chromedp.SendKeys(chromedp.ID("caption"), "The ferry terminal in Aktau"),
			chromedp.SendKeys(chromedp.ID("credit"), "Newsdesk"),
		)
		// The library then shows the image; its caption starts with the image's number.
		// The page should also say "Uploaded image N." in a notice, but renderImages in
		// internal/web/desk/admin.go drops it (reported); once fixed, check it here too.
		b.press("Upload", `ul.image-grid img[alt="`+imageAlt+`"]`)
		caption := get(b, "read the uploaded image's caption", chromedp.Text(chromedp.CSS(
			`ul.image-grid figure:has(img[alt="`+imageAlt+`"]) figcaption`)))
		m := imageNumberRe.FindStringSubmatch(caption)
		if m == nil {
			t.Fatalf("the uploaded image's caption reads %q, want \"#N …\"", caption)
		}
		imageID = m[1]
		if want := fmt.Sprintf("%d×%d", imageW, imageH); !strings.Contains(caption, want) {
			t.Errorf("the uploaded image's caption reads %q, want its size %s", caption, want)
		}
	}) {
		return
	}

	if !t.Run("correspondent writes and submits a story", func(t *testing.T) {
		b.t = t
		b.open("/newsroom/articles/new", "#headline")
		b.do("fill the editor",
			chromedp.SetValue(chromedp.ID("section"), "politics"),
			chromedp.SendKeys(chromedp.ID("headline"), headline),
			chromedp.SendKeys(chromedp.ID("standfirst"), standfirst),
			chromedp.SendKeys(chromedp.CSS(".pm-editor"), typed),
			chromedp.SendKeys(chromedp.ID("byline_role"), "Caspian correspondent"),
			chromedp.SendKeys(chromedp.ID("dateline"), "AKTAU"),
			chromedp.SendKeys(chromedp.ID("tags"), "Caspian, transport"),
			chromedp.SetValue(chromedp.ID("lead_image"), imageID),
		)
		if got := get(b, "read the lead image choice", chromedp.Evaluate[string](
			`document.querySelector("#lead_image").selectedOptions[0].textContent`)); !strings.Contains(got, imageAlt) {
			t.Fatalf("the lead image option chosen reads %q, want the uploaded image %q", got, imageAlt)
		}
		b.press("Create draft", "p.status-line .state")
		where := get(b, "read the story's address", chromedp.Location())
		m := storyURLRe.FindStringSubmatch(where)
		if m == nil {
			t.Fatalf("after Create draft the browser is at %s, want /newsroom/articles/ID", where)
		}
		storyID = m[1]
		if got := get(b, "read the state", chromedp.Text(chromedp.CSS("p.status-line .state"))); got != "draft" {
			t.Errorf("state after Create draft = %q, want draft", got)
		}
		if got := get(b, "read the saved lead image", chromedp.Value(chromedp.ID("lead_image"))); got != imageID {
			t.Errorf("saved lead image = %q, want %s", got, imageID)
		}
		if got := get(b, "read the saved body", chromedp.Value(chromedp.ID("body"))); got != body {
			t.Errorf("saved body = %q, want %q", got, body)
		}

		b.press("Submit to editors", "p.status-line .state-submitted")
		if got := get(b, "read the state", chromedp.Text(chromedp.CSS("p.status-line .state"))); got != "submitted" {
			t.Errorf("state after Submit to editors = %q, want submitted", got)
		}
		if labels := buttonLabels(b); slices.Contains(labels, "Publish now") {
			t.Errorf("a correspondent sees a %q button (buttons: %q); only editors may publish", "Publish now", labels)
		}
		b.signOut()
		// The session is gone: the newsroom asks to sign in again.
		b.open("/newsroom/", "#password")
	}) {
		return
	}

	if !t.Run("editor publishes the waiting story", func(t *testing.T) {
		b.t = t
		waiting := submittedCount(t, s.st)
		b.signIn(editorEmail, editorPass)
		if got, want := get(b, "read the waiting badge", chromedp.Text(chromedp.CSS("nav .badge"))), fmt.Sprintf("%d waiting", waiting); got != want {
			t.Errorf("waiting badge = %q, want %q", got, want)
		}
		b.do("open the story from the list",
			chromedp.WaitVisible(link(headline)),
			chromedp.Click(link(headline)),
			chromedp.WaitVisible(chromedp.CSS("p.status-line .state-submitted")),
		)
		if where := get(b, "read the story's address", chromedp.Location()); !strings.HasSuffix(where, "/newsroom/articles/"+storyID) {
			t.Errorf("the list's link led to %s, want /newsroom/articles/%s", where, storyID)
		}
		// The story is short: the publishing checks advise, and advice never asks first.
		b.failOnLeavePrompt()
		b.do(`press "Publish now"`, chromedp.Click(button("Publish now")))
		b.waitForNotice("published")
	}) {
		return
	}

	if !t.Run("readers find the story with its lead image", func(t *testing.T) {
		b.t = t
		b.open("/en/politics/", "main")
		wantPath := content.ArticlePath("en", "politics", content.Slugify(headline))
		href := get(b, "find the headline on the section page", chromedp.AttributeValue(link(headline), "href"))
		if href.Value != wantPath {
			t.Errorf("the section page links the story to %q, want %q", href.Value, wantPath)
		}
		b.do("follow the headline",
			chromedp.Click(link(headline)),
			chromedp.WaitVisible(chromedp.CSS("article.story h1")),
		)
		if got := get(b, "read the h1", chromedp.Text(chromedp.CSS("article.story h1"))); got != headline {
			t.Errorf("article h1 = %q, want %q", got, headline)
		}
		// The lead image must really load, not only be in the markup.
		b.do("wait for the lead image to load", chromedp.Poll[chromedp.Void](
			`(() => { const i = document.querySelector("article.story figure.lead-image img");`+
				` return !!i && i.complete && i.naturalWidth > 0; })()`,
			chromedp.WithPollingTimeout(stepTimeout-time.Second)))
		img := get(b, "read the lead image", chromedp.Attributes(chromedp.CSS("article.story figure.lead-image img")))
		checkLeadImage(t, s.url, img)
		if got := get(b, "read the blockquote", chromedp.Text(chromedp.CSS("article.story .body blockquote"))); got != quote {
			t.Errorf("article blockquote = %q, want %q", got, quote)
		}
	}) {
		return
	}

	t.Run("live preview renders the story as it is typed", func(t *testing.T) {
		b.t = t
		b.open("/newsroom/articles/new", ".pm-editor")
		if got := get(b, "read the empty preview", chromedp.InnerHTML(chromedp.ID("preview"))); strings.TrimSpace(got) != "" {
			t.Fatalf("the new story's preview is not empty before typing: %q", got)
		}
		const typed = "Opening line of the story.\n> Live preview works.\n\nLast line."
		b.do("type into the story editor",
			chromedp.SendKeys(chromedp.ID("headline"), "Live preview check"),
			chromedp.SendKeys(chromedp.CSS(".pm-editor"), typed),
		)
		// The preview follows the typing a moment behind: its blockquote shows first empty or
		// half typed, so wait for the whole line (or the step's bound, then say what it shows).
		ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](
			`(document.querySelector("#preview blockquote") || {textContent: ""}).textContent.trim() === "Live preview works."`,
			chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout-time.Second)))
		cancel()
		if err != nil {
			got, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(document.querySelector("#preview blockquote") || {textContent: ""}).textContent.trim()`))
			t.Errorf("preview blockquote = %q, want %q (%v)", got, "Live preview works.", err)
		}
		if got := get(b, "read the word count", chromedp.Text(chromedp.ID("word-stats"))); strings.HasPrefix(got, "Words: 0 ") {
			t.Errorf("word count = %q after typing, want the words counted", got)
		}
		shot := get(b, "take a screenshot of the editor", chromedp.FullScreenshot(100))
		dir := t.TempDir()
		if d := os.Getenv("NEWSDESK_E2E_ARTIFACTS"); d != "" {
			dir = d // kept after the test, for a person to look at
		}
		path := filepath.Join(dir, "editor.png")
		if err := os.WriteFile(path, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot of the editor: %s (%d bytes)", path, len(shot))
	})

	b.t = t
	if problems := b.consoleProblems(); len(problems) > 0 {
		t.Errorf("the browser console reported %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	t.Logf("end-to-end run took %v", time.Since(started).Round(time.Millisecond))
}

// checkLeadImage checks the lead image's markup: a responsive srcset whose files the
// server delivers, and width and height that keep the uploaded image's proportions.
func checkLeadImage(t *testing.T, base string, attrs map[string]string) {
	t.Helper()
	if attrs["alt"] != imageAlt {
		t.Errorf("lead image alt = %q, want %q", attrs["alt"], imageAlt)
	}
	w, errW := strconv.Atoi(attrs["width"])
	h, errH := strconv.Atoi(attrs["height"])
	if errW != nil || errH != nil || w <= 0 || h <= 0 {
		t.Errorf("lead image width=%q height=%q, want positive sizes", attrs["width"], attrs["height"])
	} else if ratio := float64(w) / float64(h); math.Abs(ratio-float64(imageW)/imageH) > 0.02 {
		t.Errorf("lead image is %d×%d, want the proportions of the %d×%d upload", w, h, imageW, imageH)
	}
	srcset := strings.TrimSpace(attrs["srcset"])
	if srcset == "" {
		t.Fatalf("lead image has no srcset: %v", attrs)
	}
	candidate := regexp.MustCompile(`^(/media/\S+) (\d+)w$`)
	for part := range strings.SplitSeq(srcset, ",") {
		m := candidate.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			t.Errorf("srcset candidate %q, want \"/media/FILE WIDTHw\"", part)
			continue
		}
		checkImageServed(t, base+m[1])
	}
}

// checkImageServed fetches one rendition as a reader's browser would.
func checkImageServed(t *testing.T, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("GET %s: %v", url, err)
		return
	}
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "image/") {
		t.Errorf("GET %s: %d %s, want 200 and an image", url, resp.StatusCode, ct)
	}
}

// submittedCount is how many stories wait for an editor, as the store sees it.
func submittedCount(t *testing.T, st *store.Store) int {
	t.Helper()
	list, err := st.NewsroomArticles(context.Background(), newsroom.ArticleQuery{Status: content.StatusSubmitted, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// buttonLabels lists the labels of the page's buttons.
func buttonLabels(b *browser) []string {
	b.t.Helper()
	return get(b, "read the buttons", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("button")].map(x => x.textContent.trim())`))
}
