package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/validate"
)

// phoneWidth is the width of the phone every newsroom screen must fit, in CSS pixels.
const phoneWidth = 390

// axeFinding is one serious or critical axe violation on a page.
type axeFinding struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// runAxe runs axe-core in the page (injected through the DevTools protocol, which the
// page's CSP does not govern) and returns its serious and critical violations.
const runAxe = `axe.run(document).then(r => JSON.stringify(r.violations
	.filter(v => v.impact === "serious" || v.impact === "critical")
	.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))))`

// axe runs axe-core (its script given) in the page shown and reports each serious or
// critical violation as an error of the running test, naming the colour scheme.
func (b *browser) axe(script, scheme string) {
	b.t.Helper()
	get(b, "load axe", chromedp.Evaluate[bool](script+";true"))
	raw := get(b, "run axe", chromedp.Evaluate[string](runAxe, chromedp.EvalAwaitPromise))
	var found []axeFinding
	if err := json.Unmarshal([]byte(raw), &found); err != nil {
		b.t.Fatalf("axe's answer %q: %v", raw, err)
	}
	for _, f := range found {
		b.t.Errorf("axe, %s mode: %s (%s): %s — %s", scheme, f.ID, f.Impact, f.Help, strings.Join(f.Nodes, "; "))
	}
}

// colorScheme emulates prefers-color-scheme.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

// newsroomScreens lists the GET pages of the newsroom's route table as paths, each {id}
// given the demo story's, brief's, image's or page's number. Routes that answer no HTML page
// (files, CSV, JSON, the event stream, the dashboard's bare panels) are left to their own tests.
func newsroomScreens(t *testing.T, routes []app.Route, ids map[string]string) []string {
	t.Helper()
	param := regexp.MustCompile(`\{[a-z_]+\}`)
	var out []string
	for _, r := range routes {
		p := r.Pattern
		if r.Method != "GET" || !strings.HasPrefix(p, "/newsroom/") || strings.HasPrefix(p, "/newsroom/static/") ||
			strings.HasSuffix(p, ".csv") || strings.HasSuffix(p, ".json") || strings.Contains(p, "/api/") ||
			p == "/newsroom/events" || p == "/newsroom/dashboard" { // an event stream; the dashboard's panels without the page

			continue
		}
		p = strings.ReplaceAll(strings.ReplaceAll(p, "{$}", ""), "{lang}", "en")
		kind := "article"
		switch {
		case strings.HasPrefix(p, "/newsroom/briefs/"):
			kind = "brief"
		case strings.HasPrefix(p, "/newsroom/images/"):
			kind = "image"
		case strings.HasPrefix(p, "/newsroom/pages/"):
			kind = "page"
		}
		p = param.ReplaceAllString(p, ids[kind])
		if strings.HasSuffix(p, "/diff") {
			p += "?from=1&to=2"
		}
		out = append(out, p)
	}
	if len(out) < 15 {
		t.Fatalf("only %d newsroom screens found in the route table: %v", len(out), out)
	}
	return out
}

// TestNewsroomOnAPhone walks every newsroom screen at 390 px wide, in light and in dark
// mode: nothing scrolls sideways, and axe finds no serious or critical violation.
func TestNewsroomOnAPhone(t *testing.T) {
	chromium := chromiumPath(t)
	axe := validate.AxeScript(t)
	s := startSite(t)
	const email, pass = "admin@phone.test", "a long phone test password"
	s.addUser(t, email, "Phone Admin", account.RoleAdmin, pass)
	b := newBrowser(t, chromium, s.url)
	b.do("emulate a phone", chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	b.signIn(email, pass)

	// A demo story with two revisions, a brief and an image to open.
	ids := map[string]string{}
	b.open("/newsroom/stories", "table a[href^='/newsroom/articles/']")
	href := get(b, "find a story", chromedp.Evaluate[string](`document.querySelector("table a[href^='/newsroom/articles/']").getAttribute("href")`))
	ids["article"] = strings.TrimPrefix(href, "/newsroom/articles/")
	b.open("/newsroom/articles/"+ids["article"], "#editor")
	b.press("Save", ".notice")
	b.open("/newsroom/briefs", "main")
	ids["brief"] = get(b, "find a brief", chromedp.Evaluate[string](
		`(document.querySelector("a[href^='/newsroom/briefs/']") || {getAttribute: () => "/newsroom/briefs/1"}).getAttribute("href").split("/").pop()`))
	b.open("/newsroom/images", "main")
	ids["image"] = get(b, "find an image", chromedp.Evaluate[string](
		`((document.querySelector("li[id^='image-']") || {id: "image-1"}).id).split("-").pop()`))

	b.open("/newsroom/pages", "main")
	ids["page"] = get(b, "find a page", chromedp.Evaluate[string](
		`(document.querySelector("table.pages a[href^='/newsroom/pages/']") || {getAttribute: () => "/newsroom/pages/1"}).getAttribute("href").split("/").pop()`))
	screens := newsroomScreens(t, s.site.Routes(), ids)
	for _, scheme := range []string{"light", "dark"} {
		b.do("emulate "+scheme+" mode", colorScheme(scheme))
		for _, path := range screens {
			t.Run(scheme+path, func(t *testing.T) {
				b.t = t
				b.open(path, "main")
				if got := get(b, "read the colour scheme", chromedp.Evaluate[bool](
					`matchMedia("(prefers-color-scheme: `+scheme+`)").matches`)); !got {
					t.Fatalf("the page is not in %s mode", scheme)
				}
				wide := get(b, "measure the page", chromedp.Evaluate[string](`(() => {
					const d = document.documentElement;
					if (d.scrollWidth <= d.clientWidth) return "";
					const over = [...document.querySelectorAll("main *, header *")].filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
						.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).split(" ").join(".") : ""));
					return d.scrollWidth + " > " + d.clientWidth + ": " + over.join(", ");
				})()`))
				if wide != "" {
					t.Errorf("%s scrolls sideways at %d px: %s", path, phoneWidth, wide)
				}
				b.axe(axe, scheme)
			})
		}
	}
	if p := b.consoleProblems(); len(p) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(p, "\n"))
	}
	fmt.Fprintf(t.Output(), "walked %d newsroom screens at %d px, light and dark\n", len(screens), phoneWidth)
}
