package web

import (
	"bytes"
	"testing"
)

// TestHeadTags: the head's links and Open Graph properties are escaped as attribute
// values, and a URL that is not ours is neutralised as html/template would.
func TestHeadTags(t *testing.T) {
	p := page{
		Alternates: []alternate{{Lang: "ru", URL: "https://agency.example/ru/politika/x"}},
		Feeds:      []feedLink{{Type: "application/rss+xml", Title: `Politics "&" <more>`, URL: "/en/politics/feed/rss.xml"}, {Type: "x", Title: "t", URL: "javascript:alert(1)"}},
		OG:         openGraph("og:title", `He said "no" & left`, "og:type", "article"),
	}
	var lb, mb bytes.Buffer
	writeHeadLinks(htmlWriter{&lb}, &p)
	writeHeadMeta(htmlWriter{&mb}, &p)
	links, meta := lb.String(), mb.String()
	wantLinks := "\n" + `<link rel="alternate" hreflang="ru" href="https://agency.example/ru/politika/x">` +
		"\n" + `<link rel="alternate" type="application/rss+xml" title="Politics &#34;&amp;&#34; &lt;more&gt;" href="/en/politics/feed/rss.xml">` +
		"\n" + `<link rel="alternate" type="x" title="t" href="#ZgotmplZ">`
	if string(links) != wantLinks {
		t.Errorf("links:\n%s\nwant:\n%s", links, wantLinks)
	}
	wantMeta := "\n" + `<meta property="og:title" content="He said &#34;no&#34; &amp; left">` + "\n" + `<meta property="og:type" content="article">`
	if string(meta) != wantMeta {
		t.Errorf("meta:\n%s\nwant:\n%s", meta, wantMeta)
	}
}
