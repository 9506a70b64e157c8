package app_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// Hostile and honest plain text, as an editor or a correspondent may type it: every feed
// must show it to readers literally, never as markup and never with an entity showing.
const (
	zqHeadline   = "Zqxfeed headline <svg onload=alert(1)> & <b>bold</b>"
	zqStandfirst = "Zqxfeed standfirst <svg onload=alert(2)> and <b>bold</b> & more"
	zqBrief      = "Ferry brief zqxrss <svg onload=alert(1)> and <b>bold</b> & more"
	zqTag        = "Zqxfeed <b>tag</b> & co"
	zqByline     = "Zqx <b>Byline</b> & Sons"
	// zqControl carries a character XML cannot hold: the feeds must stay well-formed.
	zqControl = "Zqxctl brief with a control\x01character"
)

// plainTexts are the texts a decoded plain-text field may equal.
var plainTexts = []string{zqHeadline, zqStandfirst, zqBrief, zqByline}

// hostileFeedSite seeds the demo site with a hostile story (tagged zqTag) and a hostile
// brief in every language and section, so every feed carries one; it returns the tag's
// slug.
func hostileFeedSite(t *testing.T, s *demoSite) string {
	t.Helper()
	ctx := context.Background()
	ed := account.User{Email: "escape@x.test", Name: "Escape Editor", Role: account.RoleEditor, CreatedAt: time.Now()}
	if err := s.st.WithTx(ctx, func(tx *store.Tx) error { var err error; ed.ID, err = tx.CreateUser(ctx, ed); return err }); err != nil {
		t.Fatal(err)
	}
	svc := newsroom.New(s.st, nil, nil)
	a, err := svc.Create(ctx, ed, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: zqHeadline,
		Standfirst: zqStandfirst, Body: "Zqxfeed body <svg onload=alert(3)> & <b>bold</b>.", Byline: zqByline, Tags: []string{zqTag}})
	if err != nil {
		t.Fatal(err)
	}
	if a, _, err = svc.Publish(ctx, ed, a.ID); err != nil {
		t.Fatal(err)
	}
	langs, err := s.st.Languages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range langs {
		secs, err := s.st.Sections(ctx, l.Code)
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range secs {
			if _, err := svc.CreateBrief(ctx, ed, newsroom.BriefInput{Language: l.Code, Section: sec.Key, Text: zqBrief}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := svc.CreateBrief(ctx, ed, newsroom.BriefInput{Language: "en", Section: "politics", Text: zqControl}); err != nil {
		t.Fatal(err)
	}
	if len(a.Tags) != 1 || a.Tags[0].Slug == "" {
		t.Fatalf("tags of the hostile story: %+v", a.Tags)
	}
	return a.Tags[0].Slug
}

// feedDocs lists every feed and sitemap the site serves, by route, over the demo
// edition: a route the table does not know fails the test, so a new feed is covered.
func feedDocs(t *testing.T, s *demoSite, tag string) []string {
	t.Helper()
	ctx := context.Background()
	site, err := app.Build(config.Config{BaseURL: s.srv.URL, Media: t.TempDir()}, s.st, nil)
	if err != nil {
		t.Fatal(err)
	}
	langs, err := s.st.Languages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	formats := []string{"rss.xml", "atom.xml", "feed.json"}
	expand := map[string]func() []string{
		"/rss.xml": func() []string { return []string{"/rss.xml"} }, "/atom.xml": func() []string { return []string{"/atom.xml"} },
		"/feed.json": func() []string { return []string{"/feed.json"} },
		"/{lang}/feed/{format}": func() (out []string) {
			for _, l := range langs {
				for _, f := range formats {
					out = append(out, "/"+l.Code+"/feed/"+f)
				}
			}
			return out
		},
		"/{lang}/{section}/feed/{format}": func() (out []string) {
			for _, l := range langs {
				secs, err := s.st.Sections(ctx, l.Code)
				if err != nil {
					t.Fatal(err)
				}
				for _, sec := range secs {
					for _, f := range formats {
						out = append(out, "/"+l.Code+"/"+sec.Slug+"/feed/"+f)
					}
				}
			}
			return out
		},
		"/{lang}/tag/{tag}/feed/{format}": func() (out []string) {
			for _, f := range formats {
				out = append(out, "/en/tag/"+tag+"/feed/"+f, "/en/tag/diplomacy/feed/"+f)
			}
			return out
		},
		"/sitemap.xml":      func() []string { return []string{"/sitemap.xml"} },
		"/sitemaps/{file}":  func() []string { return []string{"/sitemaps/sections.xml", "/sitemaps/stories-1.xml"} },
		"/news-sitemap.xml": func() []string { return []string{"/news-sitemap.xml"} },
	}
	var out []string
	for _, r := range site.Public.Routes() {
		p := r.Pattern
		if !strings.Contains(p, "feed") && !strings.HasSuffix(p, ".xml") && !strings.Contains(p, "sitemap") {
			continue
		}
		fn, ok := expand[p]
		if !ok {
			t.Errorf("feed route %s is not covered by this test: add it to the table", p)
			continue
		}
		out = append(out, fn()...)
	}
	return out
}

// htmlNodes parses s as a feed reader parses an HTML field and returns the elements it
// holds and its text.
func htmlNodes(t *testing.T, s string) (elems []string, text string) {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatalf("parse HTML %q: %v", s, err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			elems = append(elems, n.Data)
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					elems = append(elems, n.Data+"@"+a.Key)
				}
			}
		case html.TextNode:
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return elems, b.String()
}

// fieldCheck checks decoded feed fields by what they hold.
type fieldCheck struct {
	t    *testing.T
	doc  string
	seen map[string]bool // the hostile texts met, by field kind
}

// plain checks a plain-text field: shown as it is, it must be one of the texts typed (or
// contain the tag's name literally).
func (c *fieldCheck) plain(field, v string) {
	c.t.Helper()
	if !strings.Contains(strings.ToLower(v), "zqx") {
		return
	}
	if strings.Contains(v, "&amp;") || strings.Contains(v, "&lt;") || strings.Contains(v, "&#") {
		c.t.Errorf("%s %s shows an entity to readers: %q", c.doc, field, v)
	}
	if !slices.Contains(plainTexts, v) && !strings.Contains(v, zqTag) && !strings.HasPrefix(v, "Zqxctl") {
		c.t.Errorf("%s %s = %q, want the text as typed", c.doc, field, v)
	}
	c.seen[field] = true
}

// htmlText checks a field readers decode as HTML that holds plain text: no element, and
// the decoded text is the text typed.
func (c *fieldCheck) htmlText(field, v string) {
	c.t.Helper()
	elems, text := htmlNodes(c.t, v)
	if len(elems) > 0 {
		c.t.Errorf("%s %s decodes to markup %v: %q", c.doc, field, elems, v)
	}
	c.plain(field, text)
}

// htmlContent checks a field of real HTML: no hostile element or handler, and the typed
// text shows literally.
func (c *fieldCheck) htmlContent(field, v string) {
	c.t.Helper()
	elems, text := htmlNodes(c.t, v)
	for _, e := range elems {
		if e == "svg" || e == "script" || strings.Contains(e, "@") {
			c.t.Errorf("%s %s holds hostile markup %s: %q", c.doc, field, e, v)
		}
	}
	if strings.Contains(text, "zqxrss") && !strings.Contains(text, zqBrief) {
		c.t.Errorf("%s %s does not show the brief literally: %q", c.doc, field, text)
	}
	if strings.Contains(text, "zqxrss") {
		c.seen[field] = true
	}
}

// atomText checks an Atom text construct by its type.
func (c *fieldCheck) atomText(field string, v atomTextField) {
	c.t.Helper()
	switch v.Type {
	case "", "text":
		c.plain(field, v.Value)
	case "html":
		if field == "content" {
			c.htmlContent(field, v.Value)
		} else {
			c.htmlText(field, v.Value)
		}
	default:
		c.t.Errorf("%s %s of type %q", c.doc, field, v.Type)
	}
}

type atomTextField struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type readerRSS struct {
	Channel struct {
		Title       string `xml:"title"`
		Description string `xml:"description"`
		Items       []struct {
			Title       string   `xml:"title"`
			Description string   `xml:"description"`
			Content     string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			Creator     string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Categories  []string `xml:"category"`
		} `xml:"item"`
	} `xml:"channel"`
}

type readerAtom struct {
	Title    atomTextField `xml:"title"`
	Subtitle atomTextField `xml:"subtitle"`
	Author   string        `xml:"author>name"`
	Entries  []struct {
		Title      atomTextField `xml:"title"`
		Summary    atomTextField `xml:"summary"`
		Content    atomTextField `xml:"content"`
		Author     string        `xml:"author>name"`
		Categories []struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

type readerJSON struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Items       []struct {
		Title       string   `json:"title"`
		Summary     string   `json:"summary"`
		ContentHTML string   `json:"content_html"`
		ContentText string   `json:"content_text"`
		Tags        []string `json:"tags"`
		Authors     []struct {
			Name string `json:"name"`
		} `json:"authors"`
	} `json:"items"`
}

type readerURLSet struct {
	URLs []struct {
		Title string `xml:"http://www.google.com/schemas/sitemap-news/0.9 news>title"`
		Name  string `xml:"http://www.google.com/schemas/sitemap-news/0.9 news>publication>name"`
	} `xml:"url"`
}

// TestFeedTextEscaping reads every feed and sitemap the way a reader does (XML or JSON,
// then HTML for the fields readers render as HTML) after an editor typed markup and
// ampersands into a headline, a standfirst, a byline, a tag and briefs: no field
// decodes to an element, and each shows the text as typed. Issue 17, hole 3.
func TestFeedTextEscaping(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newDemoSite(t, dsn)
		tag := hostileFeedSite(t, s)
		docs := feedDocs(t, s, tag)
		if len(docs) < 40 {
			t.Fatalf("only %d feeds and sitemaps found: %v", len(docs), docs)
		}
		for _, doc := range docs {
			t.Run(strings.TrimPrefix(doc, "/"), func(t *testing.T) {
				resp, body := s.get(t, doc)
				if resp.StatusCode != 200 {
					t.Fatalf("GET %s = %d", doc, resp.StatusCode)
				}
				c := &fieldCheck{t: t, doc: doc, seen: map[string]bool{}}
				var want []string // fields that must carry a hostile text in this document
				switch {
				case strings.HasSuffix(doc, "rss.xml"):
					var f readerRSS
					if err := xml.Unmarshal([]byte(body), &f); err != nil {
						t.Fatalf("RSS does not parse: %v", err)
					}
					c.plain("channel title", f.Channel.Title)
					c.htmlText("channel description", f.Channel.Description)
					for _, it := range f.Channel.Items {
						c.plain("title", it.Title)
						c.htmlText("description", it.Description)
						c.htmlContent("content:encoded", it.Content)
						c.plain("dc:creator", it.Creator)
						for _, cat := range it.Categories {
							c.plain("category", cat)
						}
					}
					want = []string{"title", "description"}
				case strings.HasSuffix(doc, "atom.xml"):
					var f readerAtom
					if err := xml.Unmarshal([]byte(body), &f); err != nil {
						t.Fatalf("Atom does not parse: %v", err)
					}
					c.atomText("feed title", f.Title)
					c.atomText("subtitle", f.Subtitle)
					c.plain("feed author", f.Author)
					for _, e := range f.Entries {
						c.atomText("title", e.Title)
						c.atomText("summary", e.Summary)
						c.atomText("content", e.Content)
						c.plain("author", e.Author)
						for _, cat := range e.Categories {
							c.plain("category", cat.Term)
							c.plain("category label", cat.Label)
						}
					}
					want = []string{"title", "summary", "content"}
				case strings.HasSuffix(doc, ".json"):
					var f readerJSON
					if err := json.Unmarshal([]byte(body), &f); err != nil {
						t.Fatalf("JSON Feed does not parse: %v", err)
					}
					c.plain("feed title", f.Title)
					c.plain("feed description", f.Description)
					for _, it := range f.Items {
						c.plain("title", it.Title)
						c.plain("summary", it.Summary)
						c.plain("content_text", it.ContentText)
						c.htmlContent("content_html", it.ContentHTML)
						for _, a := range it.Authors {
							c.plain("author", a.Name)
						}
						for _, tg := range it.Tags {
							c.plain("tag", tg)
						}
					}
					want = []string{"title", "summary", "content_html"}
				default: // sitemaps
					var f readerURLSet
					if err := xml.Unmarshal([]byte(body), &f); err != nil {
						t.Fatalf("sitemap does not parse: %v", err)
					}
					for _, u := range f.URLs {
						c.plain("news:title", u.Title)
						c.plain("news:name", u.Name)
					}
					if doc == "/news-sitemap.xml" {
						want = []string{"news:title"}
					}
				}
				if strings.Contains(doc, "/tag/diplomacy/") || strings.Contains(doc, "/tag/"+tag+"/") {
					want = slices.DeleteFunc(want, func(f string) bool { return f == "content" || f == "content_html" }) // no briefs in tag feeds
				}
				if strings.Contains(doc, "/tag/diplomacy/") {
					want = nil
				}
				for _, f := range want {
					if !c.seen[f] {
						t.Errorf("%s: no %s carries the hostile text (the test does not test it)", doc, f)
					}
				}
			})
		}
	})
}

// TestRSSDescriptionIsText is the acceptance check of issue 17: a brief typed with markup
// reaches /rss.xml with a description that, decoded as a reader does, holds no tag.
func TestRSSDescriptionIsText(t *testing.T) {
	s := newDemoSite(t, filepath.Join(t.TempDir(), "site.db"))
	hostileFeedSite(t, s)
	_, body := s.get(t, "/rss.xml")
	var f readerRSS
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range f.Channel.Items {
		if !strings.Contains(it.Description, "zqxrss") {
			continue
		}
		found = true
		if strings.Contains(it.Description, "<svg") || strings.Contains(it.Description, "<b>") {
			t.Errorf("description decodes to markup: %q", it.Description)
		}
		if _, text := htmlNodes(t, it.Description); text != zqBrief {
			t.Errorf("description shows %q, want %q", text, zqBrief)
		}
	}
	if !found {
		t.Error(fmt.Sprintf("the brief is not in /rss.xml: %.300s", body))
	}
}
