package desk_test

import (
	"maps"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/validate"
)

var sourceRe = regexp.MustCompile(`/newsroom/articles/(\d+)\?notice=translated&source=(\d+)`)

// translate starts a translation through the story's form and returns the new draft's
// id and the address the desk sent the translator to.
func (c *client) translate(id, lang string) (string, string) {
	c.t.Helper()
	c.get("/newsroom/articles/" + id)
	st, body, h := c.post("/newsroom/articles/"+id+"/translate", url.Values{"language": {lang}})
	m := sourceRe.FindStringSubmatch(h.Get("Location"))
	if st != http.StatusSeeOther || m == nil || m[2] != id {
		c.t.Fatalf("translate %s into %s: %d %s %s", id, lang, st, h.Get("Location"), body)
	}
	return m[1], h.Get("Location")
}

// TestTranslationSideBySide: "Translate into" opens the new draft's editor with the source
// beside it (read-only: headline, standfirst, body, byline, state, a link); saving keeps it
// there; any version can be chosen beside any other; a story that is not a version is refused.
func TestTranslationSideBySide(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		c := s.client(t)
		c.login("editor@x.test")
		src := c.newStory("Grid operators agree on a winter reserve")
		ru, loc := c.translate(src, "ru")
		st, page := c.get(loc)
		if st != http.StatusOK {
			t.Fatalf("the new draft's editor: %d", st)
		}
		panel := between(page, `<aside class="source-panel"`, `</aside>`)
		for _, want := range []string{"Grid operators agree on a winter reserve", "Stand.", "Text of the story.", "<blockquote>",
			"Test editor", `lang="en"`, `href="/newsroom/articles/` + src + `"`, "Read-only.", "draft"} {
			if !strings.Contains(panel, want) {
				t.Errorf("the source panel lacks %q:\n%s", want, panel)
			}
		}
		if strings.Contains(panel, "<textarea") || strings.Contains(panel, "<input id=") {
			t.Errorf("the source panel has fields to edit:\n%s", panel)
		}
		if !strings.Contains(page, `<input type="hidden" name="source" form="editor" value="`+src+`">`) {
			t.Errorf("the edit form does not carry the source back")
		}

		// Saving the translation keeps the source beside it.
		st, body, h := c.post("/newsroom/articles/"+ru, url.Values{"section": {"politics"}, "headline": {"Операторы сетей договорились о зимнем резерве"},
			"body": {"Текст."}, "version": {"1"}, "source": {src}})
		if st != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "?notice=saved&source="+src) {
			t.Fatalf("save with the source beside: %d %s %s", st, h.Get("Location"), body)
		}

		// The source's editor offers the translation to show beside it, and shows it when asked.
		_, page = c.get("/newsroom/articles/" + src)
		if !strings.Contains(page, `href="/newsroom/articles/`+src+`?source=`+ru+`"`) || strings.Contains(page, `class="source-panel"`) {
			t.Errorf("the source's editor does not offer its translation beside it")
		}
		_, page = c.get("/newsroom/articles/" + src + "?source=" + ru)
		if p := between(page, `<aside class="source-panel"`, `</aside>`); !strings.Contains(p, "Операторы сетей") || !strings.Contains(p, `lang="ru"`) {
			t.Errorf("the translation is not shown beside the source:\n%s", p)
		}

		other := c.newStory("Another story")
		for _, bad := range []string{other, src + "x", "-1"} {
			if st, _ := c.get("/newsroom/articles/" + ru + "?source=" + url.QueryEscape(bad)); st != http.StatusUnprocessableEntity {
				t.Errorf("source %q: %d, want 422", bad, st)
			}
		}
		if st, _ := c.get("/newsroom/articles/" + ru + "?source=" + ru); st != http.StatusUnprocessableEntity {
			t.Errorf("the story itself beside itself: %d, want 422", st)
		}
	})
}

// TestTranslationPagesAreValid holds the side-by-side editor to the HTML validator and axe.
func TestTranslationPagesAreValid(t *testing.T) {
	validate.Dir(t)
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	c := s.client(t)
	c.login("admin@x.test")
	src := c.newStory("Valid side by side")
	ru, loc := c.translate(src, "ru")
	pages := map[string][]byte{}
	for name, p := range map[string]string{"beside": loc, "offer": "/newsroom/articles/" + ru, "images": "/newsroom/images", "tags": "/newsroom/tags"} {
		_, body := c.get(p)
		pages[name] = []byte(body)
	}
	validate.HTML(t, pages)
}

// between returns the part of s from the first start to the next end, or "".
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j+len(end)]
}

// TestImageTextsThroughForm: the library's image form takes the alt text and caption in
// each of the site's languages; a language the site does not have is refused.
func TestImageTextsThroughForm(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		c := s.client(t)
		c.login("editor@x.test")
		st, loc := c.uploadImage(greyPNG(t, 40, 31), map[string]string{"alt": "Harbour cranes", "caption": "Port of Alat"})
		m := uploadedRe.FindStringSubmatch(loc)
		if st != http.StatusSeeOther || m == nil {
			t.Fatalf("upload: %d %s", st, loc)
		}
		id := m[1]
		_, page := c.get("/newsroom/images")
		for _, want := range []string{`name="alt.ru"`, `name="caption.az"`, `for="alt-` + id + `-ru"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the image form lacks %s", want)
			}
		}
		form := url.Values{"alt": {"Harbour cranes"}, "caption": {"Port of Alat"}, "texts": {"1"},
			"alt.ru": {"Портовые краны"}, "caption.ru": {"Порт Алят"}, "alt.az": {""}, "caption.az": {""}}
		if st, body, _ := c.post("/newsroom/images/"+id, form); st != http.StatusSeeOther {
			t.Fatalf("save texts: %d %s", st, body)
		}
		_, page = c.get("/newsroom/images")
		if !strings.Contains(page, `value="Портовые краны"`) || !strings.Contains(page, `value="Порт Алят"`) {
			t.Errorf("the library does not show the Russian texts")
		}
		bad := url.Values{"alt": {"Harbour cranes"}, "texts": {"1"}, "alt.xx": {"?"}}
		if st, _, _ := c.post("/newsroom/images/"+id, bad); st != http.StatusUnprocessableEntity {
			t.Errorf("an unknown language: %d, want 422", st)
		}
	})
}

var tagRowRe = regexp.MustCompile(`<tr id="tag-(\d+)">\s*<td lang="(\w+)">([^<]+)`)

// tagIDs reads the tags screen: tag ids by language and name.
func (c *client) tagIDs(query string) map[string]string {
	c.t.Helper()
	_, page := c.get("/newsroom/tags" + query)
	out := map[string]string{}
	for _, m := range tagRowRe.FindAllStringSubmatch(page, -1) {
		out[m[2]+"/"+strings.TrimSpace(m[3])] = m[1]
	}
	return out
}

// TestTranslatedStoryCarriesTranslatedTags: an editor links a tag to its Russian
// translation on the tags screen; translating a story gives it the Russian tags (a tag
// without a translation yet becomes an untranslated Russian tag, named later on the
// screen); the Russian story's public page shows the Russian tags and its picture's
// Russian alt text, and the English tag page links its Russian translation.
func TestTranslatedStoryCarriesTranslatedTags(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		ctx := t.Context()
		ed, corr := s.client(t), s.client(t)
		ed.login("editor@x.test")
		corr.login("correspondent@x.test")
		st, loc := ed.uploadImage(greyPNG(t, 48, 32), map[string]string{"alt": "Harbour cranes at dawn"})
		m := uploadedRe.FindStringSubmatch(loc)
		if st != http.StatusSeeOther || m == nil {
			t.Fatalf("upload: %d %s", st, loc)
		}
		img := m[1]
		if st, body, _ := ed.post("/newsroom/images/"+img, url.Values{"alt": {"Harbour cranes at dawn"}, "texts": {"1"},
			"alt.ru": {"Портовые краны на рассвете"}}); st != http.StatusSeeOther {
			t.Fatalf("Russian alt text: %d %s", st, body)
		}
		ed.get("/newsroom/articles/new")
		st, body, h := ed.post("/newsroom/articles", url.Values{"language": {"en"}, "section": {"politics"},
			"headline": {"Harbour power line opens"}, "body": {"Text."}, "tags": {"Harbour energy, Harbour grid"}, "lead_image": {img}})
		m = idRe.FindStringSubmatch(h.Get("Location"))
		if st != http.StatusSeeOther || m == nil {
			t.Fatalf("create story: %d %s", st, body)
		}
		en := m[1]

		tags := ed.tagIDs("?language=en&q=harbour")
		energy := tags["en/Harbour energy"]
		if energy == "" {
			t.Fatalf("the tags screen lacks the story's tags: %v", tags)
		}
		link := url.Values{"language": {"ru"}, "name": {"Портовая энергетика"}}
		if st, _, _ := corr.post("/newsroom/tags/"+energy+"/link", maps.Clone(link)); st != http.StatusForbidden {
			t.Errorf("a correspondent links tags: %d, want 403", st)
		}
		if st, body, _ := ed.post("/newsroom/tags/"+energy+"/link", link); st != http.StatusSeeOther {
			t.Fatalf("link: %d %s", st, body)
		}
		if st, _, _ := ed.post("/newsroom/tags/"+energy+"/link", url.Values{"language": {"en"}, "name": {"Other"}}); st != http.StatusUnprocessableEntity {
			t.Errorf("a translation in the tag's own language: %d, want 422", st)
		}
		if st, _, _ := ed.post("/newsroom/tags/"+energy+"/link", url.Values{"language": {"xx"}, "name": {"Other"}}); st != http.StatusUnprocessableEntity {
			t.Errorf("an unknown language: %d, want 422", st)
		}

		ru, _ := ed.translate(en, "ru")
		a, err := s.st.ArticleByID(ctx, mustID(t, ru))
		if err != nil {
			t.Fatal(err)
		}
		if got := tagNames(a.Tags); !slices.Equal(got, []string{"Портовая энергетика", "Harbour grid"}) {
			t.Errorf("the translation's tags: %v", got)
		}
		tags = ed.tagIDs("?language=ru&q=harbour")
		grid := tags["ru/Harbour grid"]
		if _, page := ed.get("/newsroom/tags?language=ru&q=harbour"); grid == "" || !strings.Contains(between(page, `<tr id="tag-`+grid+`">`, `</tr>`), "untranslated") {
			t.Fatalf("the untranslated Russian tag is not marked: %v", tags)
		}
		if st, body, _ := ed.post("/newsroom/tags/"+grid+"/rename", url.Values{"name": {"Портовая сеть"}}); st != http.StatusSeeOther {
			t.Fatalf("rename: %d %s", st, body)
		}
		for _, id := range []string{en, ru} {
			if st, body, _ := ed.post("/newsroom/articles/"+id+"/publish", url.Values{"confirm": {"1"}}); st != http.StatusSeeOther {
				t.Fatalf("publish %s: %d %s", id, st, body)
			}
		}

		if a, err = s.st.ArticleByID(ctx, mustID(t, ru)); err != nil {
			t.Fatal(err)
		}
		_, page := ed.get(content.ArticlePath(a.Language, a.Section.Slug, a.Slug))
		for _, want := range []string{"Портовая энергетика", "Портовая сеть", `alt="Портовые краны на рассвете"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the Russian public page lacks %s", want)
			}
		}
		for _, not := range []string{">Harbour energy<", ">Harbour grid<", "Harbour cranes at dawn"} {
			if strings.Contains(page, not) {
				t.Errorf("the Russian public page shows %s", not)
			}
		}
		_, page = ed.get("/en/tag/harbour-energy")
		if !strings.Contains(page, `hreflang="ru" href="`) || !strings.Contains(page, "/ru/tag/portovaya-energetika") {
			t.Errorf("the English tag page does not link its Russian translation")
		}
	})
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func tagNames(tags []content.Tag) []string {
	var out []string
	for _, t := range tags {
		out = append(out, t.Name)
	}
	return out
}
