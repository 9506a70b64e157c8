package cache

import (
	"slices"
	"testing"
)

// TestSitePageKeys: a change to a page purges its own page always; a public page's
// translations and the sitemaps; and the footer of a language only when what the footer
// shows of the page changed.
func TestSitePageKeys(t *testing.T) {
	about := SitePage{ID: 4, Published: true, Language: "en", Slug: "about", Title: "About us", InFooter: true,
		Translations: []int64{5, 6}}
	with := func(f func(p *SitePage)) SitePage { p := about; f(&p); return p }
	for _, tc := range []struct {
		name          string
		before, after SitePage
		want          []string
	}{
		{"draft created", SitePage{}, SitePage{ID: 4, Language: "en", InFooter: true}, []string{"pg4"}},
		{"draft edited", with(func(p *SitePage) { p.Published = false }), with(func(p *SitePage) { p.Published = false; p.Title = "x" }),
			[]string{"pg4"}},
		{"published", with(func(p *SitePage) { p.Published = false }), about, []string{"footer:en", "pg4", "pg5", "pg6", "sitemaps"}},
		{"body edited", about, about, []string{"pg4", "pg5", "pg6", "sitemaps"}},
		{"renamed", about, with(func(p *SitePage) { p.Title = "Who we are" }), []string{"footer:en", "pg4", "pg5", "pg6", "sitemaps"}},
		{"moved", about, with(func(p *SitePage) { p.Position = 3 }), []string{"footer:en", "pg4", "pg5", "pg6", "sitemaps"}},
		{"taken off the footer", about, with(func(p *SitePage) { p.InFooter = false }), []string{"footer:en", "pg4", "pg5", "pg6", "sitemaps"}},
		{"off the footer, edited", with(func(p *SitePage) { p.InFooter = false }), with(func(p *SitePage) { p.InFooter = false; p.Title = "y" }),
			[]string{"pg4", "pg5", "pg6", "sitemaps"}},
		{"unlinked", about, with(func(p *SitePage) { p.Translations = nil }), []string{"pg4", "pg5", "pg6", "sitemaps"}},
		{"unpublished", about, with(func(p *SitePage) { p.Published = false }), []string{"footer:en", "pg4", "pg5", "pg6", "sitemaps"}},
		{"deleted", about, SitePage{}, []string{"footer:en", "pg4", "pg5", "pg6", "sitemaps"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := SitePageKeys(tc.before, tc.after)
			slices.Sort(got)
			got = slices.Compact(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("SitePageKeys = %v, want %v", got, tc.want)
			}
		})
	}
}
