package e2e_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/validate"
)

// wordLikeHTML is a clipboard as Word fills it: Office namespaces, mso classes and
// styles, list paragraphs with their bullets and numbers as text, a font on everything,
// and a tracking pixel from elsewhere.
const wordLikeHTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:Calibri}</style></head><body>
<h1 style="font-family:Cambria;color:#365F91">Harbour reopens after the storm</h1>
<p class=MsoNormal><span style='font-family:Calibri;color:red;font-size:14pt'>The port of <b>Aktau</b> reopened on <i>Monday</i>, said the <a href="https://example.org/port" style="color:blue">port authority</a>.</span><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><![endif]><span style='color:red'>Ferries</span></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·</span><![endif]>Freight</p>
<p class=MsoNormal>Between the lists.</p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span><![endif]>First step</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.</span><![endif]>Second step</p>
<blockquote style="margin-left:30pt"><p class=MsoNormal><span style="font-family:Georgia">We are open again.</span></p></blockquote>
<p><img src="https://tracker.example/pixel.gif" width=1 height=1><span style="background:yellow">Tracked line.</span></p>
</body></html>`

// googleDocsHTML is a clipboard as Google Docs fills it: everything inside a
// <b style="font-weight:normal"> wrapper, bold and italic as styled spans.
const googleDocsHTML = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c"><p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:700">Docs bold</span><span style="font-size:11pt;font-family:Arial"> and </span><span style="font-style:italic;font-family:Arial">docs italic</span></p></b>`

// TestStoryEditor drives the story editor in a real browser: typing then closing the tab
// loses nothing; a Word-like or Google Docs clipboard keeps its structure and loses its
// styles; an image dropped on the editor is uploaded and inserted with its alt text.
func TestStoryEditor(t *testing.T) {
	chromium := chromiumPath(t)
	s := startSite(t)
	s.addUser(t, reporterEmail, "Leyla Reporter", account.RoleCorrespondent, reporterPass)
	pngPath := writePNG(t, 320, 200)
	b := newBrowser(t, chromium, s.url)
	b.signIn(reporterEmail, reporterPass)

	// A draft to work on, created through the editor.
	b.open("/newsroom/articles/new", ".pm-editor")
	b.do("fill a new story",
		chromedp.SetValue(chromedp.ID("section"), "politics"),
		chromedp.SendKeys(chromedp.ID("headline"), "Harbour story"),
		chromedp.SendKeys(chromedp.CSS(".pm-editor"), "The opening line."),
	)
	b.press("Create draft", "p.status-line .state")
	where := get(b, "read the story's address", chromedp.Location())
	m := storyURLRe.FindStringSubmatch(where)
	if m == nil {
		t.Fatalf("after Create draft the browser is at %s", where)
	}
	story := "/newsroom/articles/" + m[1]

	t.Run("typing then closing the tab loses nothing", func(t *testing.T) {
		b.t = t
		const sentence = "A sentence typed just before the tab was closed."
		// A second browser of the same correspondent, closed right after typing (without
		// waiting for the "Saved" indicator), then started again on the same profile.
		profile := t.TempDir()
		second := newBrowserWithProfile(t, chromium, s.url, profile)
		second.signIn(reporterEmail, reporterPass)
		second.open(story, ".pm-editor")
		second.do("type at the end of the story",
			chromedp.Evaluate[chromedp.Void](`(() => { const v = window.newsdeskEditor.view; v.focus(); `+
				`v.dispatch(v.state.tr.setSelection(v.state.selection.constructor.atEnd(v.state.doc))); })()`),
			chromedp.SendKeys(chromedp.CSS(".pm-editor"), "\n"+sentence),
			// The form has the text (the editor keeps it in its textarea as Markdown).
			chromedp.Poll[chromedp.Void](`document.getElementById("body").value.includes(`+jsString(sentence)+`)`, pollBound...),
		)
		second.close()
		// Reopened, the story offers the text back: the server's working copy if the page
		// could send it, else this browser's own copy.
		// (The profile keeps the session: no sign-in.)
		third := newBrowserWithProfile(t, chromium, s.url, profile)
		third.open(story, ".pm-editor")
		third.do("restore what was typed",
			chromedp.WaitVisible(chromedp.CSS("[data-restore]")),
			chromedp.Click(chromedp.CSS("[data-restore]")),
			chromedp.Poll[chromedp.Void](`(document.querySelector(".pm-editor") || {}).textContent.includes(`+jsString(sentence)+`)`, pollBound...),
		)
		third.save()
		if got := get(third, "read the saved body", chromedp.Value(chromedp.ID("body"))); !strings.Contains(got, sentence) {
			t.Errorf("saved body = %q, want the sentence typed before closing", got)
		}
		if problems := third.consoleProblems(); len(problems) > 0 {
			t.Errorf("the browser console reported %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
		}
	})

	t.Run("paste from Word and Google Docs keeps structure, drops styles", func(t *testing.T) {
		b.t = t
		b.open(story, ".pm-editor")
		for _, clip := range []string{wordLikeHTML, googleDocsHTML} {
			b.do("paste a clipboard", chromedp.Evaluate[chromedp.Void](`(() => {
				const ed = document.querySelector(".pm-editor");
				ed.focus();
				const dt = new DataTransfer();
				dt.setData("text/html", `+jsString(clip)+`);
				dt.setData("text/plain", "plain text of the clipboard");
				ed.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
			})()`))
		}
		md := get(b, "wait for the Markdown", chromedp.Poll[string](`(() => { const v = document.getElementById("body").value;`+
			` return v.includes("docs italic") ? v : null; })()`, pollBound...))
		for _, want := range []string{"## Harbour reopens after the storm", "**Aktau**", "*Monday*", "[port authority](https://example.org/port)",
			"- Ferries\n- Freight", "1. First step\n2. Second step", "> We are open again.", "**Docs bold**", "*docs italic*", "Tracked line."} {
			if !strings.Contains(md, want) {
				t.Errorf("pasted Markdown lacks %q:\n%s", want, md)
			}
		}
		for _, unwanted := range []string{"font", "color", "mso", "span", "style", "tracker", "<", "·", "docs-internal"} {
			if strings.Contains(strings.ToLower(md), unwanted) {
				t.Errorf("pasted Markdown keeps %q:\n%s", unwanted, md)
			}
		}
		if n := get(b, "count styled elements", chromedp.Evaluate[int](`document.querySelectorAll(".pm-editor [style], .pm-editor span, .pm-editor font").length`)); n != 0 {
			t.Errorf("the editor holds %d styled elements or spans after the paste", n)
		}
		b.save()
	})

	t.Run("an image dropped on the editor is inserted with its alt text", func(t *testing.T) {
		b.t = t
		const alt = "Cranes over the reopened harbour"
		pic, err := os.ReadFile(pngPath)
		if err != nil {
			t.Fatal(err)
		}
		b.open(story, ".pm-editor")
		b.do("drop an image file on the editor",
			chromedp.Evaluate[chromedp.Void](`(() => {
				const bytes = Uint8Array.from(atob(`+jsString(base64.StdEncoding.EncodeToString(pic))+`), c => c.charCodeAt(0));
				const dt = new DataTransfer();
				dt.items.add(new File([bytes], "harbour.png", {type: "image/png"}));
				const ed = document.querySelector(".pm-editor");
				const r = ed.querySelector("p").getBoundingClientRect();
				ed.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, clientX: r.left + 5, clientY: r.top + r.height / 2,
					bubbles: true, cancelable: true}));
			})()`),
			chromedp.WaitVisible(chromedp.ID("img-alt")),
		)
		// Without alt text (and not marked decorative) nothing is inserted.
		b.do("try to insert without alt text",
			chromedp.Click(button("Insert the image")),
			chromedp.WaitVisible(chromedp.CSS("#image-dialog .field-error")),
		)
		b.do("describe the image and insert it",
			chromedp.SendKeys(chromedp.ID("img-alt"), alt),
			chromedp.SendKeys(chromedp.ID("img-caption"), "The harbour on Monday"),
			chromedp.SendKeys(chromedp.ID("img-credit"), "Newsdesk"),
			chromedp.Click(button("Insert the image")),
			chromedp.WaitVisible(chromedp.CSS(`.pm-editor figure img[alt="`+alt+`"]`)),
		)
		// The image is one of the library's, and the body holds it as a figure.
		md := get(b, "wait for the figure in the Markdown", chromedp.Poll[string](`(() => { const v = document.getElementById("body").value;`+
			` return v.includes("<figure") ? v : null; })()`, pollBound...))
		for _, want := range []string{`<figure class="nd-image"><img src="/media/`, `alt="` + alt + `"`,
			`<figcaption>The harbour on Monday <small class="nd-credit">Newsdesk</small></figcaption>`} {
			if !strings.Contains(md, want) {
				t.Errorf("body Markdown lacks %q:\n%s", want, md)
			}
		}
		// The preview never overflows the editor.
		if wide := get(b, "measure the image", chromedp.Evaluate[bool](`(() => { const i = document.querySelector(".pm-editor figure img");`+
			` return i.getBoundingClientRect().width <= document.querySelector(".pm-editor").getBoundingClientRect().width; })()`)); !wide {
			t.Error("the inserted image is wider than the editor")
		}
		b.save()
		if got := get(b, "read the saved body", chromedp.Value(chromedp.ID("body"))); !strings.Contains(got, `alt="`+alt+`"`) {
			t.Errorf("saved body = %q, want the figure with its alt text", got)
		}
	})

	t.Run("an embed inserted from the toolbar is a link card on the public page", func(t *testing.T) {
		b.t = t
		const href = "https://www.youtube.com/watch?v=harbour&t=5"
		// What the editor stores: one line, the one model the importer writes too
		// (TestEmbedCardRoundTrip in internal/importer holds the same line).
		const line = `<figure class="nd-embed"><a href="https://www.youtube.com/watch?v=harbour&amp;t=5">YouTube: https://www.youtube.com/watch?v=harbour&amp;t=5</a>` +
			`<figcaption>The ferry &amp; the storm</figcaption></figure>`
		b.open(story, ".pm-editor")
		b.do("open the embed dialog from the toolbar",
			chromedp.Evaluate[chromedp.Void](`(() => { const v = window.newsdeskEditor.view; v.focus(); `+
				`v.dispatch(v.state.tr.setSelection(v.state.selection.constructor.atEnd(v.state.doc))); })()`),
			chromedp.Click(chromedp.CSS(`.pm-toolbar button[data-cmd="embed"]`)),
			chromedp.WaitVisible(chromedp.ID("embed-href")),
		)
		// An address that is not https is refused in the dialog.
		b.do("try an http address",
			chromedp.SendKeys(chromedp.ID("embed-href"), "http://www.youtube.com/watch?v=harbour"),
			chromedp.Click(button("Insert the embed")),
			chromedp.WaitVisible(chromedp.CSS("#embed-dialog .field-error")),
		)
		if n := get(b, "count embeds", chromedp.Evaluate[int](`document.querySelectorAll(".pm-editor figure.nd-embed").length`)); n != 0 {
			t.Fatalf("an http address inserted %d embeds", n)
		}
		b.do("insert the embed with its caption",
			chromedp.SetValue(chromedp.ID("embed-href"), href),
			chromedp.SendKeys(chromedp.ID("embed-caption"), "The ferry & the storm"),
			chromedp.Click(button("Insert the embed")),
			chromedp.WaitVisible(chromedp.CSS(".pm-editor figure.nd-embed .embed-url")),
		)
		md := get(b, "wait for the card in the Markdown", chromedp.Poll[string](`(() => { const v = document.getElementById("body").value;`+
			` return v.includes("nd-embed") ? v : null; })()`, pollBound...))
		if !strings.Contains(md, "\n\n"+line+"\n") && !strings.HasSuffix(md, "\n\n"+line) {
			t.Errorf("body Markdown lacks the card as its own block %s:\n%s", line, md)
		}
		b.save()
		// Opened again, the editor shows the stored card as a card, not as raw HTML.
		b.open(story, ".pm-editor figure.nd-embed")
		if got := get(b, "read the card's address", chromedp.Text(chromedp.CSS(".pm-editor figure.nd-embed .embed-url"))); got != href {
			t.Errorf("the reopened card shows %q, want %q", got, href)
		}
		if n := get(b, "count raw HTML blocks", chromedp.Evaluate[int](`document.querySelectorAll(".pm-editor .raw-html").length`)); n != 0 {
			t.Errorf("the reopened story shows %d raw HTML blocks", n)
		}

		// An editor publishes it; the public page shows the card (valid HTML, a link and
		// no request to the provider: the page's CSP would report one in the console).
		s.addUser(t, editorEmail, "Omar Editor", account.RoleEditor, editorPass)
		ctx := context.Background()
		ed, err := s.st.UserByEmail(ctx, editorEmail)
		if err != nil {
			t.Fatal(err)
		}
		id, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		a, _, err := newsroom.New(s.st, nil, nil).Publish(ctx, ed, id)
		if err != nil {
			t.Fatalf("publish the story: %v", err)
		}
		if !strings.Contains(a.BodyHTML, line) { // ninjs body_html is this HTML
			t.Errorf("the published body HTML lacks the card:\n%s", a.BodyHTML)
		}
		path := content.ArticlePath(a.Language, a.Section.Slug, a.Slug)
		b.open(path, "article.story .body figure.nd-embed a")
		card := get(b, "read the card", chromedp.Attributes(chromedp.CSS("article.story .body figure.nd-embed a")))
		if card["href"] != href {
			t.Errorf("the public card links to %q, want %q", card["href"], href)
		}
		if got := get(b, "read the caption", chromedp.Text(chromedp.CSS("article.story .body figure.nd-embed figcaption"))); got != "The ferry & the storm" {
			t.Errorf("the public card's caption = %q", got)
		}
		if n := get(b, "count frames", chromedp.Evaluate[int](`document.querySelectorAll("iframe, script[src*='youtube']").length`)); n != 0 {
			t.Errorf("the public page has %d frames or provider scripts", n)
		}
		resp, err := http.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		page, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		validate.HTML(t, map[string][]byte{"embed-story": page})
	})

	b.t = t
	if problems := b.consoleProblems(); len(problems) > 0 {
		t.Errorf("the browser console reported %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

// save presses Save on the story page and waits for the page that says it was saved.
func (b *browser) save() {
	b.t.Helper()
	b.do("save the story",
		// The notice of the page that follows, not one this page shows already.
		chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("p.notice").forEach(n => n.remove())`),
		chromedp.Click(button("Save")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
		chromedp.WaitVisible(chromedp.CSS(".pm-editor")))
}

// pollBound polls on a timer (a tab in the background runs no animation frames) and
// only ends a hang.
var pollBound = []chromedp.PollOption{chromedp.WithPollingInterval(50 * time.Millisecond), chromedp.WithPollingTimeout(stepTimeout - time.Second)}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// close closes the browser as a person closes its window: the pages are told they are
// left (pagehide), then the browser ends.
func (b *browser) close() {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Cancel(ctx); err != nil {
		b.t.Logf("closing the browser: %v", err)
	}
}
