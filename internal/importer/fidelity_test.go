package importer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// knownLoss is a loss the fidelity test knows of: what of a post (file#id, or the file
// for the whole file) is still lost on the public page and not listed in the import
// report, and why.
type knownLoss struct{ post, kind, why string }

// knownLosses is what TestImportFidelity lets pass today. The list only shrinks: the test
// fails on a loss that is not here, and on a line here whose loss no longer happens.
// Kinds: text heading item image link media embed cell code markup (sub, sup, dt, dd);
// anchor (an in-page link to nothing); title (the headline is not the title's text);
// backslash, br-run (literal "\" or runs of <br> on the page); leak (protected content
// public); page (a post with no public page, not reported); import (the file refused);
// language, translations (a multilingual site's languages and links between translations).
//
// Fixed one? Delete its line.
var knownLosses = []knownLoss{}

// reportWords are the words an entry of the report uses for a kind of element, so that a
// loss counts as reported only when the report names the post and says what of it was
// lost (text: that something of it was removed, dropped or lost).
var reportWords = map[string][]string{
	"text":    {"removed", "dropped", "lost", "left out", "not imported", "skipped"},
	"heading": {"heading"},
	"item":    {"list", "item"},
	"image":   {"image", "gallery", "img", "cover", "picture"},
	"link":    {"link", "href", "button", "bookmark", "embed", "file"},
	"media":   {"video", "audio", "media", "file"},
	"embed":   {"embed", "iframe", "oembed", "video", "tweet"},
	"cell":    {"table", "cell"},
	"code":    {"code", "pre"},
	"markup":  {"sub", "sup", "definition", "dl", "markup"},
	"page":    {"page", "skipped", "not imported", "protected", "password", "members", "paid"},
}

// textless matches a report line about removing something that has no visible text.
var textless = regexp.MustCompile(`\b(iframe|script|style|track)s? (removed|dropped)`)

// reportEntries are the lines of the report, as the import prints it, that name post p:
// by its id ("post 202: …"), its quoted title, or its title in the list of pages.
func reportEntries(rep *importer.Report, p sourcePost) []string {
	id := regexp.MustCompile(`(?i)\b(post|page|item|other)\s+` + regexp.QuoteMeta(p.ID) + `\b`)
	var text strings.Builder
	rep.WriteText(&text)
	var out []string
	for _, line := range strings.Split(text.String(), "\n") {
		if id.MatchString(line) || (p.Title != "" && (strings.Contains(line, strconv.Quote(p.Title)) ||
			strings.HasPrefix(line, "Pages:") && strings.Contains(line, p.Title))) {
			out = append(out, line)
		}
	}
	return out
}

// reported says whether one of entries tells of the loss of elements of kind.
func reported(entries []string, kind string) bool {
	for _, e := range entries {
		e = strings.ToLower(e)
		if kind == "text" && textless.MatchString(e) {
			continue // what it removed had no text to lose
		}
		for _, w := range reportWords[kind] {
			if strings.Contains(e, w) {
				return true
			}
		}
	}
	return false
}

// fidelityRun is what one corpus file's import lost without a word, by "file#id kind".
type fidelityRun struct {
	t      *testing.T
	file   string
	base   string // the site's address
	client *http.Client
	losses map[string]string // "file#id kind" → what was lost
}

func (r *fidelityRun) loss(post sourcePost, kind, what string) {
	key := r.file + "#" + post.ID + " " + kind
	if post.ID == "" {
		key = r.file + " " + kind
	}
	r.losses[key] = what
}

// get fetches path from the site, following redirects: the status and the page.
func (r *fidelityRun) get(path string) (int, string) {
	r.t.Helper()
	resp, err := r.client.Get(r.base + path)
	if err != nil {
		r.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		r.t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, string(b)
}

// oldPath is where the old site showed p: /?p=ID on WordPress, /slug/ on Ghost.
func oldPath(file string, p sourcePost) string {
	if strings.HasSuffix(file, ".json") {
		return "/" + p.Slug + "/"
	}
	return "/?p=" + p.ID
}

var (
	brRunRE   = regexp.MustCompile(`(?i)<br\s*/?>(\s|&nbsp;)*<br\s*/?>`)
	storyLang = regexp.MustCompile(`<article class="story" lang="([^"]+)"`)
)

// comparePost compares what the old site showed of a public post with its imported page.
func (r *fidelityRun) comparePost(p sourcePost, entries []string, group map[string]string) {
	status, page := r.get(oldPath(r.file, p))
	if status != http.StatusOK {
		if !reported(entries, "page") {
			r.loss(p, "page", fmt.Sprintf("%s answered %d", oldPath(r.file, p), status))
		}
		return
	}
	body, err := articleBody(page)
	if err != nil {
		r.t.Fatalf("%s#%s: %v", r.file, p.ID, err)
	}
	src, err := parseFragment(p.HTML)
	if err != nil {
		r.t.Fatalf("%s#%s: parse the source: %v", r.file, p.ID, err)
	}
	for kind, keys := range lost(elementsOf(src), elementsOf(body), haystack(body)) {
		if !reported(entries, kind) {
			r.loss(p, kind, fmt.Sprintf("%q", keys))
		}
	}
	if b := brokenAnchors(body); len(b) > 0 {
		r.loss(p, "anchor", fmt.Sprintf("in-page links to nothing: %q", b))
	}
	if t, _ := parseFragment(p.Title); t != nil {
		if want, got := norm(textOf(t)), headline(page); want != got {
			r.loss(p, "title", fmt.Sprintf("headline %q, want %q", got, want))
		}
	}
	if n := strings.Count(textOf(body), `\`); n > 0 {
		r.loss(p, "backslash", fmt.Sprintf("%d literal backslashes in the text", n))
	}
	if m := brRunRE.FindAllString(renderHTML(body), -1); len(m) > 0 {
		r.loss(p, "br-run", fmt.Sprintf("%d runs of <br>", len(m)))
	}
	if p.Lang != "" {
		if m := storyLang.FindStringSubmatch(page); m == nil || m[1] != p.Lang {
			r.loss(p, "language", fmt.Sprintf("want lang=%q, the page has %q", p.Lang, m))
		}
		var missing []string
		for lang := range group {
			if lang != p.Lang && !strings.Contains(page, `hreflang="`+lang+`"`) {
				missing = append(missing, lang)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			r.loss(p, "translations", fmt.Sprintf("no link to the translations in %v", missing))
		}
	}
}

// secretWords are the words of a protected post that no public post of the file has.
func secretWords(p sourcePost, posts []sourcePost) []string {
	public := map[string]bool{}
	for _, q := range posts {
		if q.Public {
			for _, w := range strings.Fields(strings.ToLower(q.HTML + " " + q.Title)) {
				public[w] = true
			}
		}
	}
	src, _ := parseFragment(p.HTML)
	var out []string
	for _, w := range strings.Fields(strings.ToLower(textOf(src))) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if len(w) >= 8 && !public[w] {
			out = append(out, w)
		}
	}
	return out
}

// checkProtected checks that nothing of a protected post is public: not at its old
// address, not on the home page, not in search.
func (r *fidelityRun) checkProtected(p sourcePost, posts []sourcePost) {
	secrets := secretWords(p, posts)
	if len(secrets) == 0 {
		r.t.Fatalf("%s#%s: a protected post needs a word no public post has", r.file, p.ID)
	}
	var leaks []string
	status, page := r.get(oldPath(r.file, p))
	for _, w := range secrets {
		if status == http.StatusOK && strings.Contains(strings.ToLower(page), w) {
			leaks = append(leaks, oldPath(r.file, p)+" shows "+w)
		}
		_, res := r.get("/search.json?q=" + url.QueryEscape(w))
		var found struct {
			Results []json.RawMessage `json:"results"`
		}
		if err := json.Unmarshal([]byte(res), &found); err != nil {
			r.t.Fatalf("search.json: %v: %s", err, res)
		}
		if len(found.Results) > 0 {
			leaks = append(leaks, "search finds "+w)
		}
	}
	if _, home := r.get("/"); strings.Contains(home, p.Title) {
		leaks = append(leaks, "the home page shows its headline")
	}
	if len(leaks) > 0 {
		r.loss(p, "leak", strings.Join(leaks, "; "))
	}
}

// TestImportFidelity imports each file of the corpus (testdata/corpus: WordPress classic
// and block editor, WordPress.com, a multilingual site, Ghost 4 and 5) into a real store,
// renders each post's public page through the real site, and compares, post by post, the
// elements of what the old site showed with the page's article body: every element lost
// must be listed in the import report for that post (or, while a fix is landing, in
// knownLosses). It also checks that no page shows a literal "\" or runs of <br>, and that
// nothing protected is public.
func TestImportFidelity(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*"))
	if err != nil || len(files) < 6 {
		t.Fatalf("corpus: %v %v", files, err)
	}
	known := map[string]knownLoss{}
	for _, k := range knownLosses {
		known[k.post+" "+k.kind] = k
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			run := importCorpusFile(t, file)
			for key, what := range run.losses {
				if _, ok := known[key]; !ok {
					post, kind, _ := strings.Cut(key, " ")
					t.Errorf("%s lost, and the report does not say so: %s\n(fix it, report it, or while its fix lands elsewhere list it: {%q, %q, \"why\"},)", key, what, post, kind)
				}
			}
			for key, k := range known {
				if strings.HasPrefix(key, name+"#") || strings.HasPrefix(key, name+" ") {
					if _, ok := run.losses[key]; !ok {
						t.Errorf("knownLosses lists %s (%s), which is no longer lost: delete its line", key, k.why)
					}
				}
			}
		})
	}
}

// importCorpusFile imports a corpus file into a fresh SQLite store and compares each of
// its posts with its page on the site.
func importCorpusFile(t *testing.T, file string) *fidelityRun {
	ctx := context.Background()
	name := filepath.Base(file)
	run := &fidelityRun{t: t, file: name, losses: map[string]string{}}
	posts, err := readCorpus(file)
	if err != nil {
		t.Fatal(err)
	}
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	im := importer.New(st, importer.Options{Now: func() time.Time { return testNow }})
	var rep *importer.Report
	if strings.HasSuffix(file, ".json") {
		rep, err = im.Ghost(ctx, f, 0)
	} else {
		rep, err = im.WordPress(ctx, f, 0)
	}
	if err != nil {
		run.loss(sourcePost{}, "import", err.Error())
		return run
	}
	if _, err := st.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	srv, _ := sitekit.Serve(t, config.Config{TimeZone: "UTC", Media: t.TempDir()}, st)
	run.base, run.client = srv.URL, srv.Client()
	groups := map[string]map[string]string{} // translation group → language → post id
	for _, p := range posts {
		if p.Group != "" {
			if groups[p.Group] == nil {
				groups[p.Group] = map[string]string{}
			}
			groups[p.Group][p.Lang] = p.ID
		}
	}
	for _, p := range posts {
		entries := reportEntries(rep, p)
		switch {
		case p.Type != "post":
			if !reported(entries, "page") {
				run.loss(p, "page", "a "+p.Type+" neither imported nor reported")
			}
		case p.Protected:
			run.checkProtected(p, posts)
		case p.Public:
			run.comparePost(p, entries, groups[p.Group])
		}
	}
	return run
}
