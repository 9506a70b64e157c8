package importer

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// wxrDoc is a small export with one item, written with the namespaces given.
func wxrDoc(wpNS, excerptNS, version, item string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="` + excerptNS + `" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="` + wpNS + `">
<channel><title>Lagoon Notes</title><link>https://lagoon.example</link><pubDate>Tue, 03 Sep 2024 08:15:00 +0000</pubDate>
<wp:wxr_version>` + version + `</wp:wxr_version><wp:base_site_url>https://lagoon.example</wp:base_site_url>
<wp:author><wp:author_login>keeper</wp:author_login><wp:author_display_name>Lock Keeper</wp:author_display_name></wp:author>
<wp:category><wp:category_nicename>boats</wp:category_nicename><wp:cat_name>Boats</wp:cat_name></wp:category>
` + item + `
</channel></rss>`
}

const wxrItemSample = `<item><title>Sluice opens early</title><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status><content:encoded><![CDATA[<p>The gate rose at dawn.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[Gate news.]]></excerpt:encoded><wp:post_password>reeds</wp:post_password></item>`

// TestReadWXRNamespaces reads the same export under every namespace spelling WordPress's
// importer accepts: http and https, WXR 1.0 to 1.2, a prefix bound elsewhere or not at all.
func TestReadWXRNamespaces(t *testing.T) {
	var spellings []string
	for _, scheme := range []string{"http", "https"} {
		for _, v := range []string{"1.0", "1.1", "1.2"} {
			spellings = append(spellings, scheme+"://wordpress.org/export/"+v+"/")
		}
	}
	spellings = append(spellings, "https://wordpress.org/export/1.2", "http://www.wordpress.org/export/1.2/",
		"https://example.com/a-bespoke-exporter/")
	for _, ns := range spellings {
		t.Run(ns, func(t *testing.T) {
			var c collector
			doc := wxrDoc(ns, strings.TrimSuffix(ns, "/")+"/excerpt/", "1.2", wxrItemSample)
			if err := ReadWXR(strings.NewReader(doc), &c); err != nil {
				t.Fatal(err)
			}
			if c.site.Version != "1.2" || c.site.BaseURL != "https://lagoon.example" || len(c.authors) != 1 || len(c.terms) != 1 {
				t.Fatalf("site %+v, authors %v, terms %v", c.site, c.authors, c.terms)
			}
			if want := time.Date(2024, 9, 3, 8, 15, 0, 0, time.UTC); !c.site.Exported.Equal(want) {
				t.Errorf("exported %v, want %v", c.site.Exported, want)
			}
			if len(c.posts) != 1 || c.posts[0].Excerpt != "Gate news." || c.posts[0].Content != "<p>The gate rose at dawn.</p>" ||
				c.posts[0].Protected != "password-protected" {
				t.Errorf("posts %+v", c.posts)
			}
		})
	}
	t.Run("prefix left unbound", func(t *testing.T) {
		doc := strings.Replace(wxrDoc("http://wordpress.org/export/1.2/", "x", "1.1", wxrItemSample), ` xmlns:wp="http://wordpress.org/export/1.2/"`, "", 1)
		var c collector
		if err := ReadWXR(strings.NewReader(doc), &c); err != nil || c.site.Version != "1.1" || len(c.posts) != 1 {
			t.Errorf("%v: %+v", err, c.site)
		}
	})
}

// TestReadWXRRefusalReasons checks that a refused file says why.
func TestReadWXRRefusalReasons(t *testing.T) {
	cases := []struct{ name, in, reason string }{
		{"empty", "", "no XML element"},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`, "not an RSS document (its root element is <feed>"},
		{"no channel", `<rss version="2.0"></rss>`, "no <channel>"},
		{"plain rss", `<rss><channel><title>News</title><item><title>x</title></item></channel></rss>`, "no <wp:wxr_version>"},
		{"version 1.3", wxrDoc("https://wordpress.org/export/1.3/", "x", "1.3", wxrItemSample), `WXR version "1.3" is not supported (1.0–1.2 are)`},
		{"version 2.0", wxrDoc("http://wordpress.org/export/1.2/", "x", "2.0", ""), `WXR version "2.0" is not supported`},
		{"version garbage", wxrDoc("http://wordpress.org/export/1.2/", "x", "one point two", ""), `WXR version "one point two"`},
		{"foreign namespace", strings.Replace(wxrDoc("http://wordpress.org/export/1.2/", "x", "1.2", wxrItemSample),
			`<wp:wxr_version>1.2</wp:wxr_version>`, `<q:wxr_version xmlns:q="urn:elsewhere">1.2</q:wxr_version>`, 1),
			`its <wxr_version> is in the namespace "urn:elsewhere"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var h collector
			err := ReadWXR(strings.NewReader(c.in), &h)
			if !errors.Is(err, ErrNotWXR) || !strings.Contains(err.Error(), c.reason) {
				t.Errorf("got %v, want ErrNotWXR saying %q", err, c.reason)
			}
			if len(h.posts) != 0 {
				t.Errorf("handed over %d posts", len(h.posts))
			}
		})
	}
}

// TestReadWXR10Terms reads a WXR 1.0 item: tags in domain="tag", each term twice (bare and
// with its nicename).
func TestReadWXR10Terms(t *testing.T) {
	item := `<item><title>Old post</title><wp:post_id>3</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<category><![CDATA[Boats]]></category><category domain="category" nicename="boats"><![CDATA[Boats]]></category>
<category domain="tag"><![CDATA[Tide tables]]></category><category domain="tag" nicename="tide-tables"><![CDATA[Tide tables]]></category>
<category domain="tag"><![CDATA[Herons]]></category>
<category><![CDATA[Weather]]></category>
<category domain="post_format" nicename="post-format-aside"><![CDATA[Aside]]></category></item>`
	var c collector
	if err := ReadWXR(strings.NewReader(wxrDoc("http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.0/excerpt/", "1.0", item)), &c); err != nil {
		t.Fatal(err)
	}
	p := c.posts[0]
	got := fmt.Sprintf("cats %v tags %v", p.Categories, p.Tags)
	want := "cats [{ boats Boats  map[]} { weather Weather  map[]}] tags [{ tide-tables Tide tables  map[]} { herons Herons  map[]}]"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestHTMLText(t *testing.T) {
	for in, want := range map[string]string{
		"Plain title":                                    "Plain title",
		"The <em>new</em> quay":                          "The new quay",
		"H<sub>2</sub>O levels":                          "H2O levels",
		"Fish &amp; chips &amp;amp; more":                "Fish & chips &amp; more",
		"5 < 6 and 7 > 3":                                "5 < 6 and 7 > 3",
		"Caf&eacute; &#8220;quoted&#8221;":               "Café “quoted”",
		"Line<br>break":                                  "Line break",
		"Hidden<script>alert(1)</script> text":           "Hidden text",
		"  spaced \n  out  ":                             "spaced out",
		`<span style="color:red">Red</span> <b>bold</b>`: "Red bold",
	} {
		if got := htmlText(in); got != want {
			t.Errorf("htmlText(%q) = %q, want %q", in, got, want)
		}
	}
}
