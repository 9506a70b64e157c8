package desk

import (
	"net/http"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
)

// imageItem is an image in the library with its text in each of the site's languages,
// for the form that edits them.
type imageItem struct {
	content.Image
	Langs []imageLang
}

// imageLang is an image's alt text and caption in one language (empty: the default).
type imageLang struct {
	Code, Name   string
	Alt, Caption string
}

func imageItems(imgs []content.Image, langs []content.Language) []imageItem {
	out := make([]imageItem, len(imgs))
	for i, img := range imgs {
		out[i].Image = img
		for _, l := range langs {
			t := img.Texts[l.Code]
			out[i].Langs = append(out[i].Langs, imageLang{Code: l.Code, Name: l.Name, Alt: t.Alt, Caption: t.Caption})
		}
	}
	return out
}

// imageTextsOf reads the per-language texts of the image form: fields alt.CODE and
// caption.CODE (the service checks the codes and drops the empty ones).
func imageTextsOf(r *http.Request) map[string]content.ImageText {
	texts := map[string]content.ImageText{}
	for k, v := range r.PostForm {
		field, lang, ok := strings.Cut(k, ".")
		if !ok || len(v) == 0 || (field != "alt" && field != "caption") {
			continue
		}
		t := texts[lang]
		if field == "alt" {
			t.Alt = v[0]
		} else {
			t.Caption = v[0]
		}
		texts[lang] = t
	}
	return texts
}
