package importer

import (
	"strings"
	"testing"
)

// TestConvertHTMLTopLevelInline: inline content at the top of an HTML body (as Ghost's HTML
// cards and some exports have it) keeps its links, marks and images.
func TestConvertHTMLTopLevelInline(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   []string
		images int
	}{
		{in: `<p>a</p><img src="https://old.example/x.jpg" alt="Harbour">`, want: []string{"a\n\n![Harbour](https://old.example/x.jpg)"}, images: 1},
		{in: `text <img src="/content/images/y.png">`, want: []string{"text ![](/content/images/y.png)"}, images: 1},
		{in: `See <a href="https://example.org/r">the report</a> and <strong>act</strong>.`, want: []string{"See [the report](https://example.org/r) and **act**."}},
		{in: `<p>One.</p>Two <em>words</em>.<p>Three.</p>`, want: []string{"One.\n\nTwo *words*.\n\nThree."}},
	} {
		got := ConvertHTML(tc.in)
		for _, w := range tc.want {
			if !strings.Contains(got.Markdown, w) {
				t.Errorf("ConvertHTML(%q) =\n%q\nwant it to contain %q", tc.in, got.Markdown, w)
			}
		}
		if len(got.Images) != tc.images {
			t.Errorf("ConvertHTML(%q): %d images, want %d", tc.in, len(got.Images), tc.images)
		}
	}
}
