package cache

import "strconv"

// Surrogate keys name what a page shows, so that a change purges exactly the pages that
// show it. A page records the keys of every object and every list it draws; a change
// purges the keys of the objects it touched and of the lists they were in or enter.
const (
	// All purges every page (a change to languages, sections, settings, imports …).
	All = "*"
	// Feeds is on every feed (RSS, Atom, JSON Feed).
	Feeds = "feeds"
	// Sitemaps is on every sitemap; any change to a public story purges it.
	Sitemaps = "sitemaps"
)

// ArticleKey is on a story's own page and on the pages of its translations.
func ArticleKey(id int64) string { return "a" + strconv.FormatInt(id, 10) }

// BriefKey names one brief.
func BriefKey(id int64) string { return "b" + strconv.FormatInt(id, 10) }

// ReviewsKey is on a story's pages that show its approved reviews and the review form.
func ReviewsKey(articleID int64) string { return "rv" + strconv.FormatInt(articleID, 10) }

// HomeKey is on every list of the newest content of one language: the home page, the
// language's feed and the site-wide feed.
func HomeKey(lang string) string { return "home:" + lang }

// SectionKey is on the lists of one section in one language (the section front and its
// pages, the section feed).
func SectionKey(sectionID int64, lang string) string {
	return "sec:" + strconv.FormatInt(sectionID, 10) + ":" + lang
}

// BriefsKey is on every page that shows the briefs of a section in a language: the
// section front, the brief archive and day pages, the articles of the section, the feeds.
func BriefsKey(sectionID int64, lang string) string {
	return "briefs:" + strconv.FormatInt(sectionID, 10) + ":" + lang
}

// TagKey is on a tag's page and feed (tags belong to one language).
func TagKey(tagID int64) string { return "tag:" + strconv.FormatInt(tagID, 10) }

// AuthorKey is on an author's pages.
func AuthorKey(authorID int64) string { return "author:" + strconv.FormatInt(authorID, 10) }
