package feed

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// hostile is plain text an editor may type: markup that must stay text, an honest
// ampersand, a character XML cannot hold, and the end of a CDATA section.
const hostile = "A <svg onload=alert(1)> & <b>bold</b>\x01 ]]> end"

func hostileFeed() Feed {
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	return Feed{Title: "Tagged " + hostile, Description: "Tagged " + hostile, Language: "en", SiteURL: "https://x.test/",
		SelfURL: "https://x.test/rss.xml", ID: "tag:x.test,2026:feed/0", Updated: at,
		Items: []Item{{ID: "tag:x.test,2026:article/1", URL: "https://x.test/en/a", Title: hostile, Summary: hostile,
			ContentHTML: "<p>" + html.EscapeString(hostile) + "</p><p>raw ]]> and \x0b</p>", Author: hostile, Language: "en",
			Categories: []string{hostile}, Published: at, Updated: at}}}
}

// xmlSafe is hostile as any encoder must write it: the control character replaced.
var xmlSafe = strings.ReplaceAll(hostile, "\x01", "\uFFFD")

// TestRSSAsReadersDecodeIt parses the RSS as a reader does (gofeed decodes each element
// once; the description is then HTML): plain-text elements give back the text, the
// description gives back the text once decoded as HTML, and the document stays
// well-formed whatever the text holds.
func TestRSSAsReadersDecodeIt(t *testing.T) {
	b, err := RSS(hostileFeed())
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, new(struct{})); err != nil {
		t.Fatalf("RSS is not well-formed: %v\n%s", err, b)
	}
	f, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	for _, tc := range []struct {
		field, got, want string
	}{
		{"channel title", f.Title, "Tagged " + xmlSafe},
		{"channel description as HTML", html.UnescapeString(f.Description), "Tagged " + xmlSafe},
		{"title", it.Title, xmlSafe},
		{"description as HTML", html.UnescapeString(it.Description), xmlSafe},
		{"dc:creator", it.DublinCoreExt.Creator[0], xmlSafe},
		{"category", it.Categories[0], xmlSafe},
		{"content:encoded", it.Content, "<p>" + html.EscapeString(xmlSafe) + "</p><p>raw ]]&gt; and \uFFFD</p>"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.field, tc.got, tc.want)
		}
	}
	if strings.Contains(it.Description, "<") || strings.Contains(f.Description, "<") {
		t.Errorf("a description decodes to markup: %q, %q", it.Description, f.Description)
	}
	// Plain-text elements use hexadecimal references (RSS Best Practices Profile).
	if want := "<title>A &#x3C;svg onload=alert(1)&#x3E; &#x26; &#x3C;b&#x3E;bold&#x3C;/b&#x3E;\uFFFD ]]&#x3E; end</title>"; !strings.Contains(string(b), want) {
		t.Errorf("RSS title not written with hexadecimal references, want %s in\n%s", want, b)
	}
}

// TestAtomAndJSONTextTypes checks that Atom labels each text construct with the type its
// value has and JSON Feed keeps plain text out of content_html.
func TestAtomAndJSONTextTypes(t *testing.T) {
	b, err := Atom(hostileFeed())
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Title   atomText `xml:"title"`
		Entries []struct {
			Title   atomText `xml:"title"`
			Summary atomText `xml:"summary"`
			Content atomText `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &a); err != nil {
		t.Fatalf("Atom is not well-formed: %v\n%s", err, b)
	}
	e := a.Entries[0]
	for _, tc := range []struct {
		field           string
		got             atomText
		wantType, value string
	}{
		{"feed title", a.Title, "", "Tagged " + xmlSafe},
		{"title", e.Title, "", xmlSafe},
		{"summary", e.Summary, "text", xmlSafe},
		{"content", e.Content, "html", "<p>" + html.EscapeString(xmlSafe) + "</p><p>raw ]]> and \uFFFD</p>"},
	} {
		if tc.got.Type != tc.wantType || tc.got.Value != tc.value {
			t.Errorf("%s = %q of type %q, want %q of type %q", tc.field, tc.got.Value, tc.got.Type, tc.value, tc.wantType)
		}
	}
	j, err := JSON(hostileFeed())
	if err != nil {
		t.Fatal(err)
	}
	var jf struct {
		Items []struct {
			Title, Summary string
			ContentHTML    string `json:"content_html"`
		}
	}
	if err := json.Unmarshal(j, &jf); err != nil {
		t.Fatal(err)
	}
	if it := jf.Items[0]; it.Title != hostile || it.Summary != hostile || !strings.HasPrefix(it.ContentHTML, "<p>A &lt;svg") {
		t.Errorf("JSON Feed item = %+v", it)
	}
}

// TestNewsSitemapTitle checks the Google News title is the headline as typed, well-formed.
func TestNewsSitemapTitle(t *testing.T) {
	b, err := URLSet([]URL{{Loc: "https://x.test/en/a", News: &News{Publication: "P & Q <i>", Language: "en",
		Published: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), Title: hostile}}})
	if err != nil {
		t.Fatal(err)
	}
	var u struct {
		URLs []struct {
			Title string `xml:"http://www.google.com/schemas/sitemap-news/0.9 news>title"`
			Name  string `xml:"http://www.google.com/schemas/sitemap-news/0.9 news>publication>name"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(b, &u); err != nil {
		t.Fatalf("sitemap is not well-formed: %v\n%s", err, b)
	}
	if u.URLs[0].Title != xmlSafe || u.URLs[0].Name != "P & Q <i>" {
		t.Errorf("news title %q, name %q", u.URLs[0].Title, u.URLs[0].Name)
	}
}
