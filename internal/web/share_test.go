package web

import (
	"bytes"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// TestShareMeta: the share tags a page gets by what it has — a lead image of its own
// (the smallest rendition at least 1200 wide, as a large card), none (the brand's card,
// and for a story the summary card with the icon), or no brand (an outage's page).
func TestShareMeta(t *testing.T) {
	s, _ := newTestServer(t)
	s.cfg.BaseURL = "https://agency.example"
	b := &brandState{Name: `Caspian "Wire"`, Card: brandImage{URL: "/brand/card-1.png", Width: 1200, Height: 630},
		Touch: brandImage{URL: "/brand/touch-1.png", Width: 180, Height: 180}}
	lead := &content.Image{Alt: "Ferry & quay", Renditions: []content.Rendition{{Width: 320, Height: 213, File: "a-320.jpg"},
		{Width: 1024, Height: 683, File: "a-1024.jpg"}, {Width: 1600, Height: 1067, File: "a-1600.jpg"}, {Width: 2400, Height: 1600, File: "a-2400.jpg"}}}
	small := &content.Image{Alt: "Small", Renditions: []content.Rendition{{Width: 320, Height: 200, File: "s-320.jpg"}, {Width: 800, Height: 500, File: "s-800.jpg"}}}
	article := openGraph("og:type", "article", "og:title", "Ferry timetable agreed", "og:description", "Standfirst")
	website := openGraph("og:type", "website", "og:title", "Politics")
	tests := []struct {
		name string
		p    page
		want []string // lines, in order
	}{
		{"story with a large lead image", page{Lang: "en", OG: article, Share: s.leadShareImage(lead), Brand: b, LocaleAlts: []string{"ru", "xx"}}, []string{
			`<meta property="og:image" content="https://agency.example/media/a-1600.jpg">`,
			`<meta property="og:image:width" content="1600">`, `<meta property="og:image:height" content="1067">`,
			`<meta property="og:image:alt" content="Ferry &amp; quay">`, `<meta property="og:locale" content="en_GB">`,
			`<meta property="og:locale:alternate" content="ru_RU">`, `<meta property="og:locale:alternate" content="xx">`,
			`<meta name="twitter:card" content="summary_large_image">`, `<meta name="twitter:image" content="https://agency.example/media/a-1600.jpg">`,
			`<meta name="twitter:image:alt" content="Ferry &amp; quay">`, `<meta name="twitter:title" content="Ferry timetable agreed">`,
			`<meta name="twitter:description" content="Standfirst">`}},
		{"story with a small lead image", page{Lang: "az", OG: article, Share: s.leadShareImage(small), Brand: b}, []string{
			`<meta property="og:image" content="https://agency.example/media/s-800.jpg">`, `<meta property="og:locale" content="az_AZ">`,
			`<meta name="twitter:card" content="summary_large_image">`}},
		{"story without a picture", page{Lang: "ru", OG: article, Brand: b}, []string{
			`<meta property="og:image" content="https://agency.example/brand/card-1.png">`, `<meta property="og:image:width" content="1200">`,
			`<meta property="og:image:height" content="630">`, `<meta property="og:image:alt" content="Caspian &#34;Wire&#34;">`,
			`<meta property="og:locale" content="ru_RU">`, `<meta name="twitter:card" content="summary">`,
			`<meta name="twitter:image" content="https://agency.example/brand/touch-1.png">`}},
		{"front", page{Lang: "en", OG: website, Brand: b}, []string{
			`<meta property="og:image" content="https://agency.example/brand/card-1.png">`,
			`<meta name="twitter:card" content="summary_large_image">`, `<meta name="twitter:image" content="https://agency.example/brand/card-1.png">`,
			`<meta name="twitter:title" content="Politics">`}},
		{"no brand", page{Lang: "en", OG: website}, []string{`<meta property="og:locale" content="en_GB">`,
			`<meta name="twitter:card" content="summary">`}},
		{"no Open Graph", page{Lang: "en", Brand: b}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			s.writeShareMeta(htmlWriter{&buf}, &tc.p)
			out := buf.String()
			if tc.want == nil && out != "" {
				t.Errorf("wrote %s", out)
			}
			at := 0
			for _, w := range tc.want {
				i := strings.Index(out[at:], "\n"+w)
				if i < 0 {
					t.Errorf("lacks (after the lines before it) %s in:%s", w, out)
					continue
				}
				at += i + 1
			}
			if strings.Contains(out, "og:image\"") && !strings.Contains(out, "og:image:width") {
				t.Error("an image without its size")
			}
		})
	}
}
