package web

import (
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// TestTeaserPictures: the first pictured story of a front is eager and, when big, spans
// the column; the others are lazy thumbnails; each has a srcset over every rendition,
// the width and height of its src, and its alt text; stories past the limit or without
// an image have none.
func TestTeaserPictures(t *testing.T) {
	img := &content.Image{Alt: `Cranes "at" dawn`, Renditions: []content.Rendition{
		{Width: 320, Height: 200, File: "ab-320.jpg"}, {Width: 640, Height: 400, File: "ab-640.jpg"}, {Width: 1200, Height: 750, File: "ab-1200.jpg"}}}
	list := []content.ArticleSummary{{ID: 1, LeadImage: img}, {ID: 2, LeadImage: img}, {ID: 3}, {ID: 4, LeadImage: img}}
	got := teaserPictures(list, 2, true, "/media/")
	tests := []struct {
		i        int
		big      bool
		want     []string
		dontWant []string
	}{
		{0, true, []string{`src="/media/ab-640.jpg"`, `srcset="/media/ab-320.jpg 320w, /media/ab-640.jpg 640w, /media/ab-1200.jpg 1200w"`,
			`width="640" height="400"`, `alt="Cranes &#34;at&#34; dawn"`, `sizes="(min-width: 72rem)`}, []string{`loading=`}},
		{1, false, []string{`loading="lazy"`, `sizes="(min-width: 40rem) 12rem, 33vw"`, `width="640" height="400"`}, nil},
		{2, false, nil, []string{"<img"}},
		{3, false, nil, []string{"<img"}}, // past the limit
	}
	for _, tc := range tests {
		tz := got[tc.i]
		if tz.ID != list[tc.i].ID || tz.Big != tc.big {
			t.Errorf("teaser %d: id %d big %v, want %d %v", tc.i, tz.ID, tz.Big, list[tc.i].ID, tc.big)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(tz.Picture), w) {
				t.Errorf("teaser %d: %s lacks %s", tc.i, tz.Picture, w)
			}
		}
		for _, w := range tc.dontWant {
			if strings.Contains(string(tz.Picture), w) {
				t.Errorf("teaser %d: %s has %s", tc.i, tz.Picture, w)
			}
		}
	}
	if small := teaserPictures(list[:1], 1, false, "/media/"); small[0].Big || !strings.Contains(string(small[0].Picture), "12rem") || strings.Contains(string(small[0].Picture), "lazy") {
		t.Errorf("a small first picture: %+v, want an eager thumbnail", small[0])
	}
}
