// Package demo holds the demo edition: original, fictional news written for Newsdesk to
// show what a small multilingual agency site looks like. Nothing here is a real event.
package demo

import (
	"image"
	"time"
)

// Edition is the whole demo content, in plain data; the store loads it.
type Edition struct {
	// SiteName is the fictional agency's name per language code.
	SiteName map[string]string
	Brand    Brand
	Sections []Section
	Authors  []Author
	Stories  []Story
	Briefs   []Brief
	Pages    []Page
	Pictures []Picture
}

// Section is a site section with a stable key and per-language names and URL slugs.
type Section struct {
	Key   string            // stable key, e.g. "politics"
	Names map[string]string // language code → display name
	Slugs map[string]string // language code → URL slug (lowercase ASCII or native letters, no spaces)
}

// Author is a staff writer; Roles are the byline role per language ("Washington correspondent").
type Author struct {
	Key   string
	Name  map[string]string // language code → name as written in that language
	Slug  string
	Roles map[string]string
	Bio   map[string]string // language code → a short bio for the author page
	Links []Link
}

// Link is one of an author's links; without a label the page names it by its address.
type Link struct{ Label, URL string }

// Story is one story, possibly in several languages (a translation group).
type Story struct {
	Key       string             // unique key of the story in the demo
	Section   string             // section key
	Author    string             // author key
	Lead      bool               // a lead story of the home page
	Published time.Duration      // how long before "now" it was first published
	Updated   time.Duration      // how long before "now" it was last updated (0 = never updated)
	Versions  map[string]Version // language code → the story in that language
}

// Version is a story in one language.
type Version struct {
	Headline   string
	Standfirst string
	Body       string // Markdown: paragraphs, blockquotes ("> ") for long quotations, maybe a ## subheading
	Dateline   string // city, e.g. "WASHINGTON"
	Slug       string
	Tags       []string
}

// Brief is a one-paragraph dated item in a section's briefs column.
type Brief struct {
	Section  string
	Language string
	Ago      time.Duration // how long before "now"
	Text     string
	Story    string // optional key of the story it links to
}

// Page is one of the agency's standing pages (About, Corrections policy), in each
// language: the versions are translations of one another.
type Page struct {
	Key      string
	Position int // footer order
	Versions map[string]PageVersion
}

// PageVersion is a page in one language.
type PageVersion struct {
	Slug  string
	Title string
	Body  string // Markdown
}

// Picture is a demo story's lead image: a scene drawn by the demo itself (pictures_draw.go),
// with its alt text and caption per language.
type Picture struct {
	Story   string            // key of the story it leads
	Scene   string            // which drawing
	Alt     map[string]string // language code → alt text
	Caption map[string]string // language code → caption
	Credit  string
}

// Image draws the picture, PictureWidth × PictureHeight.
func (p Picture) Image() image.Image { return drawScene(p.Scene) }
