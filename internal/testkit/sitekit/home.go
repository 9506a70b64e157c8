package sitekit

import (
	"html"
	"regexp"
)

var (
	leadsSection  = regexp.MustCompile(`(?s)<section class="leads".*?</section>`)
	teaserHeading = regexp.MustCompile(`(?s)<article class="teaser[^"]*">\s*(?:<div class="teaser-picture">.*?</div>\s*)?<h3><a [^>]*>(.*?)</a></h3>`)
)

// TopStories returns the headlines of a public home page's top stories (its "leads"
// section), in order, as a reader sees them.
func TopStories(page string) []string {
	var out []string
	for _, m := range teaserHeading.FindAllStringSubmatch(leadsSection.FindString(page), -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}
