package web

import (
	"html/template"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Pictures of stories: the lead image as the story shows it, and on the home page and
// section fronts beside the top stories' headlines. Every one is a responsive <img> over
// the image's stored renditions (srcset by width), with the width and height of one of
// them so the browser reserves the space before the file arrives, and its alt text in the
// story's language.

// loading says when the browser fetches a picture.
type loading int

const (
	loadEager loading = iota // above the fold: fetched at once
	loadLazy                 // below the fold: fetched when scrolled near
)

// picture writes an <img> of img at the sizes given (a sizes attribute's value), its
// files linked at base ("/media/", or the CDN's --media-url).
func (w htmlWriter) picture(img content.Image, base string, sizes markup, load loading) {
	// The second-smallest rendition (640 wide, when the image has one) is the src of
	// browsers without srcset; every rendition has the image's proportions.
	src := img.Renditions[min(1, len(img.Renditions)-1)]
	w.raw(`<img src="`)
	w.url(base + src.File)
	w.raw(`" srcset="`)
	for i, r := range img.Renditions {
		if i > 0 {
			w.raw(", ")
		}
		w.url(base + r.File)
		w.raw(" ")
		w.int(r.Width)
		w.raw("w")
	}
	w.raw(`" sizes="`)
	w.raw(sizes)
	w.raw(`" width="`)
	w.int(src.Width)
	w.raw(`" height="`)
	w.int(src.Height)
	if load == loadLazy {
		w.raw(`" loading="lazy" decoding="async`)
	}
	w.el(`" alt="`, img.Alt, `">`)
}

// frontPictures is how many of the newest stories of a section front show their picture.
const frontPictures = 6

// teaser is a story in a list, with its picture or none.
type teaser struct {
	content.ArticleSummary
	Picture template.HTML
	Big     bool // the picture spans the column, above the headline
}

// teaserPictures gives the first max stories of list with a lead image their picture:
// the first of the list at the column's width (when big) and eager, the others as
// thumbnails, fetched lazily. The rest are shown without.
// Their files are linked at base ("/media/", or the CDN's --media-url).
func teaserPictures(list []content.ArticleSummary, max int, big bool, base string) []teaser {
	out := make([]teaser, len(list))
	for i, a := range list {
		out[i].ArticleSummary = a
		if i >= max || a.LeadImage == nil || len(a.LeadImage.Renditions) == 0 {
			continue
		}
		load := loadLazy
		var sizes markup = "(min-width: 40rem) 12rem, 33vw"
		if i == 0 {
			load = loadEager
			if big {
				out[i].Big = true
				sizes = "(min-width: 72rem) 49rem, (min-width: 60rem) calc(100vw - 25rem), calc(100vw - 2rem)"
			}
		}
		out[i].Picture = writeHTML(func(w htmlWriter) { w.picture(*a.LeadImage, base, sizes, load) })
	}
	return out
}
