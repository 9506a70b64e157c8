package web

import (
	"strconv"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Link previews: what a page shows where it is shared. Every page with Open Graph
// properties gets an image — its own (a story's lead image) or the brand's card — with
// its size and text, its locale and its translations' locales, and the X/Twitter card:
// summary_large_image over an image of the page's own or the brand's card on the site's
// fronts, summary (with the brand's square icon) for a story without a picture.

// shareImage is a page's own image for link previews (absolute URL).
type shareImage struct {
	URL, Alt      string
	Width, Height int
}

// locales maps a language code to the language_TERRITORY form og:locale takes: the
// territory is where the agency's readers of the language mostly are. English is
// British (the spelling the demo writes); a language not listed keeps its bare code
// (Open Graph readers take a language alone).
var locales = map[string]string{
	"en": "en_GB",
	"ru": "ru_RU",
	"az": "az_AZ",
	"tr": "tr_TR",
	"ka": "ka_GE",
	"uk": "uk_UA",
	"de": "de_DE",
	"fr": "fr_FR",
	"es": "es_ES",
	"ar": "ar_AR",
	"fa": "fa_IR",
	"kk": "kk_KZ",
}

// ogLocale is og:locale's value for lang.
func ogLocale(lang string) string {
	if l, ok := locales[lang]; ok {
		return l
	}
	return lang
}

// shareWidth is the least width of an image that large previews show at full size.
const shareWidth = 1200

// leadShareImage is the share image of a story with a lead image: the smallest rendition
// at least shareWidth wide, else the largest (renditions are in ascending width).
func (s *Server) leadShareImage(img *content.Image) shareImage {
	if img == nil || len(img.Renditions) == 0 {
		return shareImage{}
	}
	r := img.Renditions[len(img.Renditions)-1]
	for _, c := range img.Renditions {
		if c.Width >= shareWidth {
			r = c
			break
		}
	}
	return shareImage{URL: s.mediaAbs(r.File), Alt: img.Alt, Width: r.Width, Height: r.Height}
}

// writeShareMeta writes the image, locale and X/Twitter tags of a page that has Open
// Graph properties.
func (s *Server) writeShareMeta(w htmlWriter, p *page) {
	if len(p.OG) == 0 {
		return
	}
	img, large := p.Share, true
	if img.URL == "" && p.Brand != nil {
		img = shareImage{URL: s.abs(p.Brand.Card.URL), Alt: p.Brand.Name, Width: p.Brand.Card.Width, Height: p.Brand.Card.Height}
		large = !isArticle(p)
	}
	meta := func(prop, content string) {
		w.el("\n<meta property=\"", prop, "\" content=\"")
		w.el("", content, "\">")
	}
	name := func(n, content string) { w.el("\n<meta name=\"", n, "\" content=\""); w.el("", content, "\">") }
	if img.URL != "" {
		meta("og:image", img.URL)
		meta("og:image:width", strconv.Itoa(img.Width))
		meta("og:image:height", strconv.Itoa(img.Height))
		meta("og:image:alt", img.Alt)
	}
	meta("og:locale", ogLocale(p.Lang))
	for _, l := range p.LocaleAlts {
		meta("og:locale:alternate", ogLocale(l))
	}
	title, description := ogValue(p, "og:title"), ogValue(p, "og:description")
	switch {
	case large && img.URL != "":
		name("twitter:card", "summary_large_image")
		name("twitter:image", img.URL)
		name("twitter:image:alt", img.Alt)
	case p.Brand != nil:
		name("twitter:card", "summary")
		name("twitter:image", s.abs(p.Brand.Touch.URL))
		name("twitter:image:alt", p.Brand.Name)
	default:
		name("twitter:card", "summary")
	}
	name("twitter:title", title)
	if description != "" {
		name("twitter:description", description)
	}
}

// isArticle tells a story's page by its og:type.
func isArticle(p *page) bool { return ogValue(p, "og:type") == "article" }

// ogValue is the content of p's Open Graph property prop, "" when it has none.
func ogValue(p *page, prop string) string {
	for _, m := range p.OG {
		if m.Property == prop {
			return m.Content
		}
	}
	return ""
}
