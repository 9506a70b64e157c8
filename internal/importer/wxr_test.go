package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// collector keeps what a reader found.
type collector struct {
	site    Site
	authors []Author
	terms   []Term
	posts   []*Post
}

func (c *collector) Site(s Site) error     { c.site = s; return nil }
func (c *collector) Author(a Author) error { c.authors = append(c.authors, a); return nil }
func (c *collector) Category(t Term) error { c.terms = append(c.terms, t); return nil }
func (c *collector) Tag(t Term) error      { c.terms = append(c.terms, t); return nil }
func (c *collector) Post(p *Post) error    { c.posts = append(c.posts, p); return nil }

func TestReadWXR(t *testing.T) {
	for _, name := range []string{"wxr11.xml", "wxr12.xml"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			var c collector
			if err := ReadWXR(bytes.NewReader(b), &c); err != nil {
				t.Fatal(err)
			}
			if c.site.BaseURL != "https://old.example.org" || c.site.Title != "Caspian Demo Wire" || c.site.Language != "en-US" {
				t.Errorf("site %+v", c.site)
			}
			if len(c.authors) != 2 || c.authors[1].Name != "Orkhan Sample" || len(c.terms) != 4 || len(c.posts) != 11 {
				t.Fatalf("authors %+v, %d terms, %d posts", c.authors, len(c.terms), len(c.posts))
			}
			p := c.posts[0]
			if p.ID != "101" || p.Type != "post" || p.Slug != "ferry-timetable-doubles" || p.Status != "publish" ||
				!strings.HasPrefix(p.Content, "The harbour office") || !strings.Contains(p.Excerpt, "twice a day") ||
				len(p.Categories) != 1 || len(p.Tags) != 2 || p.MetaValue("_thumbnail_id") != "150" ||
				len(p.Comments) != 5 || p.Comments[0].Approved != "1" || p.Comments[2].Approved != "spam" {
				t.Errorf("post 101: %+v", p)
			}
			if a := c.posts[9]; a.Type != "attachment" || a.AttachmentURL != "https://old.example.org/wp-content/uploads/2026/03/ferry.jpg" {
				t.Errorf("attachment: %+v", a)
			}
		})
	}
}

// TestDecodeItemMatchesUnmarshal checks the hand-written item decoder against encoding/xml's
// reflection, which it replaces, on the test exports and on awkward items.
func TestDecodeItemMatchesUnmarshal(t *testing.T) {
	const wp = `xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" ` +
		`xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/"`
	inputs := map[string]string{
		"awkward": `<rss ` + wp + `><channel>
<item><title>one <!-- c --> two <b>bold</b> three</title><title>last title wins</title>
<wp:post_id> 7 </wp:post_id><unknown><title>nested, skipped</title></unknown>
<content:encoded><![CDATA[<p>body</p>]]></content:encoded><excerpt:encoded>ex &amp; cerpt</excerpt:encoded>
<category domain="post_tag" nicename="a-b" other="x">A &lt;B&gt;</category><category>bare</category>
<wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value><![CDATA[v1]]>v2</wp:meta_value><wp:extra>x</wp:extra></wp:postmeta>
<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_content>hi <i>there</i></wp:comment_content>
<wp:commentmeta><wp:meta_key>rating</wp:meta_key><wp:meta_value>4</wp:meta_value></wp:commentmeta><wp:other/></wp:comment>
<wp:comment/><empty></empty><wp:status/></item>
<item/></channel></rss>`,
	}
	for _, name := range []string{"wxr11.xml", "wxr12.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		inputs[name] = string(b)
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			want, got := xml.NewDecoder(strings.NewReader(in)), xml.NewDecoder(strings.NewReader(in))
			items := 0
			for {
				tok, err := want.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if _, err := got.Token(); err != nil {
					t.Fatal(err)
				}
				start, ok := tok.(xml.StartElement)
				if !ok || start.Name.Local != "item" {
					continue
				}
				items++
				var w wxrItem
				if err := want.DecodeElement(&w, &start); err != nil {
					t.Fatal(err)
				}
				g, err := decodeItem(got)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(*g, w) {
					t.Errorf("item %d:\n got %+v\nwant %+v", items, *g, w)
				}
			}
			if items == 0 {
				t.Fatal("no items")
			}
		})
	}
}

func TestReadWXRErrors(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
		line     int
	}{
		{"empty", "", ErrNotWXR, 0},
		{"not xml", "hello", ErrNotWXR, 0},
		{"atom feed", `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, ErrNotWXR, 0},
		{"rss without wxr version", `<rss><channel><item><title>x</title></item></channel></rss>`, ErrNotWXR, 0},
		{"truncated", "<rss>\n<channel>\n<wp:wxr_version xmlns:wp=\"http://wordpress.org/export/1.2/\">1.2</wp:wxr_version>\n<item><title>cut", nil, 4},
		{"mismatched", "<rss>\n<channel>\n<item></channel>", nil, 3},
		{"bad entity", "<rss>\n<channel><title>a &bogus; b</title></channel></rss>", nil, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ReadWXR(strings.NewReader(c.in), &collector{})
			if c.want != nil {
				if !errors.Is(err, c.want) {
					t.Errorf("got %v, want %v", err, c.want)
				}
				return
			}
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line != c.line || se.Column <= 0 {
				t.Errorf("got %v (%+v), want a syntax error at line %d", err, se, c.line)
			}
		})
	}
}

func TestConvertWordPress(t *testing.T) {
	cases := []struct {
		name, in, want string
		unknown        []string
	}{
		{"bare line breaks", "One\ntwo\n\nThree", "One\\\ntwo\n\nThree\n", nil},
		{"paragraph tags kept", "<p>One</p>\n<p>Two</p>", "One\n\nTwo\n", nil},
		{"headings", "<h2>Sub</h2>\nText\n\n<h3>Deeper</h3>", "## Sub\n\nText\n\n### Deeper\n", nil},
		{"lists", "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>\n\n<ol><li>x</li><li>y</li></ol>",
			"- a\n- b\n  - c\n\n1. x\n2. y\n", nil},
		{"blockquote", "<blockquote><p>Said.</p><p>More.</p></blockquote>", "> Said.\n>\n> More.\n", nil},
		{"links and emphasis", `See <a href="https://e.x/a b">the <b>map</b></a> and <em>this</em>.`,
			"See [the **map**](<https://e.x/a b>) and *this*.\n", nil},
		{"caption", `[caption id="a" width="300"]<a href="/big.jpg"><img src="/small.jpg" alt="Alt"></a> Words here[/caption]`,
			"[![Alt](/small.jpg \"Words here\")](/big.jpg)\n*Words here*\n", nil},
		{"old caption attribute", `[caption caption="Old style"]<img src="/i.jpg" alt="">[/caption]`,
			"![](/i.jpg \"Old style\")\n*Old style*\n", nil},
		{"embed", "[embed]https://video.example/1[/embed]",
			`<figure class="nd-embed"><a href="https://video.example/1">video.example: https://video.example/1</a></figure>` + "\n", nil},
		{"unknown shortcodes kept", `[gallery] and [poll id=3]`, "\\[gallery\\] and \\[poll id=3\\]\n", []string{"gallery", "poll"}},
		{"markdown characters escaped", "2. not a list *or* _emphasis_ # nor heading", "2\\. not a list \\*or\\* \\_emphasis\\_ # nor heading\n", nil},
		{"script dropped", "<p>Hi</p><script>alert(1)</script>", "Hi\n", nil},
		{"pre kept", "<pre>a  *b*\n  c</pre>", "```\na  *b*\n  c\n```\n", nil},
		{"table", "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", "| A | B |\n| --- | --- |\n| 1 | 2 |\n", nil},
	}
	md := content.NewRenderer()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ConvertWordPress(c.in)
			if got.Markdown != c.want {
				t.Errorf("got\n%q\nwant\n%q", got.Markdown, c.want)
			}
			if strings.Join(got.UnknownShortcodes, ",") != strings.Join(c.unknown, ",") {
				t.Errorf("unknown shortcodes %v, want %v", got.UnknownShortcodes, c.unknown)
			}
			if _, err := md.Render(got.Markdown); err != nil {
				t.Error(err)
			}
		})
	}
}

// FuzzWXR feeds the reader (and the body conversion) arbitrary bytes: it must never panic,
// and an error must be one of its own kinds.
func FuzzWXR(f *testing.F) {
	for _, name := range []string{"wxr12.xml", "truncated.xml", "malformed.xml", "not-wxr.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version><item><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">[caption]<img src=x>[/caption]<ul><li><ol><li>x</ol></ul></content:encoded></item></channel></rss>`))
	md := content.NewRenderer()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		h := &fuzzHandler{md: md}
		err := ReadWXR(bytes.NewReader(data), h)
		var se *SyntaxError
		if err != nil && !errors.Is(err, ErrNotWXR) && !errors.As(err, &se) {
			t.Fatalf("unexpected kind of error: %v", err)
		}
	})
}

type fuzzHandler struct {
	collector
	md *content.Renderer
}

func (h *fuzzHandler) Post(p *Post) error {
	prepare(p, "wordpress", h.md)
	return nil
}
