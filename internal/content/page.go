package content

import (
	"strings"
	"time"
)

// Page is a standing page of the site in one language — About, Contacts, Editorial
// standards, Corrections policy — written by admins, listed in the public footer and
// linked to its translations through a group.
type Page struct {
	ID       int64
	Language string
	Slug     string
	Title    string
	BodyMD   string
	BodyHTML string // rendered from BodyMD when saved
	Status   Status // StatusDraft or StatusPublished
	// InFooter lists the page, when published, in the footer of its language's pages.
	InFooter bool
	// Position orders the footer: lower first, then by title.
	Position int
	// GroupID links translations: the pages of one group (one per language) are the same
	// page in several languages; 0 is a page linked to no other.
	GroupID     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt time.Time // zero until first published
}

// PageLink is a published page as a list shows it: the footer, a page's translations.
type PageLink struct {
	ID       int64
	Language string
	Slug     string
	Title    string
}

// URL returns the page's public path.
func (l PageLink) URL() string { return PagePath(l.Language, l.Slug) }

// PageSegment is the path segment under a language that holds its pages; no section may
// take it (reservedSlugs).
const PageSegment = "page"

// PagePath is the public path of a page: /{language}/page/{slug}.
func PagePath(lang, slug string) string { return "/" + lang + "/" + PageSegment + "/" + slug }

// pageHeadings turns a page body's level-1 headings into level 2.
var pageHeadings = strings.NewReplacer("<h1>", "<h2>", "<h1 ", "<h2 ", "</h1>", "</h2>")

// PageBodyHTML is a page's rendered body as the page shows it: the title is the page's one
// level-1 heading, so the body's own (an imported page's, or a "# " line) become level 2.
// The renderer's sanitised output spells every tag in lower case and escapes a "<" in
// text, so only real tags match.
func PageBodyHTML(rendered string) string { return pageHeadings.Replace(rendered) }
