package content

import (
	"regexp"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// Patterns of the attribute values the body policy lets through.
var (
	// ndClass matches a class attribute made only of our own nd-* classes.
	ndClass = regexp.MustCompile(`^nd-[a-z0-9-]+(?: nd-[a-z0-9-]+)*$`)
	// footnoteID matches the ids of footnotes and of their references: fn1, fn-1, fn:1,
	// fnref1, fnref-1, fnref:1 and goldmark's fnref2:1 for a second reference.
	footnoteID = regexp.MustCompile(`^fn(?:ref[0-9]*)?[-:]?[A-Za-z0-9_-]+$`)
	// footnoteRole matches the ARIA roles goldmark's footnotes carry.
	footnoteRole = regexp.MustCompile(`^doc-(?:noteref|backlink|endnotes)$`)
	// languageClass matches the class goldmark gives a fenced code block.
	languageClass = regexp.MustCompile(`^language-[A-Za-z0-9_+#.-]+$`)
	// mediaURL matches an http(s) URL or a relative one (no scheme before the first
	// slash, question mark or hash), for URL attributes bluemonday does not check itself.
	mediaURL = regexp.MustCompile(`^(?:https?://|[^:/?#\s]*(?:[/?#]|$))[^\s]*$`)
	// number matches a non-negative integer attribute (width, colspan, start).
	number = regexp.MustCompile(`^[0-9]{1,5}$`)
	// emptyOrName matches a boolean attribute's value: empty or the attribute's own name.
	emptyOrName = regexp.MustCompile(`^(?:|[a-z]+)$`)
	// cellAlign matches a table cell's align attribute.
	cellAlign = regexp.MustCompile(`^(?:left|center|right)$`)
	// preload matches a media element's preload attribute.
	preload = regexp.MustCompile(`^(?:none|metadata|auto)$`)
	// mediaType matches a MIME type (a source's type).
	mediaType = regexp.MustCompile(`^[a-z]+/[A-Za-z0-9.+-]+$`)
	// trackKind matches a text track's kind.
	trackKind = regexp.MustCompile(`^(?:subtitles|captions|descriptions|chapters)$`)
	// langTag matches a language tag (a track's srclang).
	langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*$`)
	// footnotesClass matches the class of goldmark's list of notes.
	footnotesClass = regexp.MustCompile(`^footnotes$`)
	// footnoteLinkClass matches the classes of goldmark's links to and from a note.
	footnoteLinkClass = regexp.MustCompile(`^footnote-(?:ref|backref)$`)
)

// BodyPolicy returns the one allow-list that raw HTML in a story body is cleaned with:
// text structure (paragraphs, headings, lists with start and reversed, definition lists,
// quotes, code, tables, details), inline markup (emphasis, sub/sup, abbr, mark, q, cite),
// links (http, https, mailto or relative), images, figures, video and audio; classes only
// of our own nd-* kind (and goldmark's footnotes list), ids only of footnotes. No
// style, no event handlers, no script, iframe, object, svg or form. A policy is safe for
// concurrent use once built.
func BodyPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
		"blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "mark",
		"small", "cite", "q", "abbr", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot",
		"tr", "th", "td", "details", "summary", "div", "span", "video", "audio")

	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)

	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowAttrs("src", "alt", "title").OnElements("img")
	p.AllowAttrs("width", "height").Matching(number).OnElements("img", "video")
	p.AllowAttrs("start").Matching(number).OnElements("ol")
	p.AllowAttrs("reversed").Matching(emptyOrName).OnElements("ol")
	p.AllowAttrs("title").OnElements("abbr")
	p.AllowAttrs("colspan", "rowspan").Matching(number).OnElements("th", "td")
	p.AllowAttrs("align").Matching(cellAlign).OnElements("th", "td")
	p.AllowAttrs("open").Matching(emptyOrName).OnElements("details")

	p.AllowAttrs("src").OnElements("video", "audio")
	p.AllowAttrs("controls", "muted", "loop", "playsinline").Matching(emptyOrName).OnElements("video", "audio")
	p.AllowAttrs("preload").Matching(preload).OnElements("video", "audio")
	p.AllowAttrs("poster").Matching(mediaURL).OnElements("video")
	p.AllowAttrs("src").Matching(mediaURL).OnElements("source")
	p.AllowAttrs("type").Matching(mediaType).OnElements("source")
	p.AllowAttrs("src").OnElements("track")
	p.AllowAttrs("kind").Matching(trackKind).OnElements("track")
	p.AllowAttrs("srclang").Matching(langTag).OnElements("track")
	p.AllowAttrs("label").OnElements("track")

	p.AllowAttrs("class").Matching(ndClass).Globally()
	p.AllowAttrs("class").Matching(languageClass).OnElements("code")
	p.AllowAttrs("class").Matching(footnotesClass).OnElements("div")
	p.AllowAttrs("class").Matching(footnoteLinkClass).OnElements("a")
	p.AllowAttrs("id").Matching(footnoteID).Globally()
	p.AllowAttrs("role").Matching(footnoteRole).OnElements("sup", "a", "div")
	return p
}

// bodyPolicy is BodyPolicy built once: building it costs about a millisecond, and a built
// policy is only read.
var bodyPolicy = sync.OnceValue(BodyPolicy)

// SanitizeHTML cleans HTML with BodyPolicy: what the renderer keeps of raw HTML in a body.
func SanitizeHTML(s string) string {
	return bodyPolicy().Sanitize(s)
}
