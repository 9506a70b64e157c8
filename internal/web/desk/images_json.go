package desk

import (
	"errors"
	"net/http"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/media"
)

// libraryImage is one image of the library as the story editor's script reads it.
type libraryImage struct {
	ID      int64  `json:"id"`
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
	Src     string `json:"src"`   // the largest rendition, what a story shows
	Thumb   string `json:"thumb"` // the smallest, for the picker
	Width   int    `json:"width"`
	Height  int    `json:"height"`
}

func libraryImageOf(img content.Image) libraryImage {
	li := libraryImage{ID: img.ID, Alt: img.Alt, Caption: img.Caption, Credit: img.Credit, Width: img.Width, Height: img.Height}
	if n := len(img.Renditions); n > 0 {
		li.Src = "/media/" + img.Renditions[n-1].File
		li.Thumb = "/media/" + img.Renditions[0].File
	}
	return li
}

// listImagesJSON answers the editor's image picker: the library's newest images whose
// alt text, caption or credit hold every word of q.
func (d *Desk) listImagesJSON(w http.ResponseWriter, r *http.Request) {
	imgs, err := d.svc.Images(r.Context(), *userFrom(r.Context()), 200, 0)
	if err != nil {
		d.failJSON(w, r, err)
		return
	}
	words := strings.Fields(strings.ToLower(r.URL.Query().Get("q")))
	out := []libraryImage{}
	for _, img := range imgs {
		text := strings.ToLower(img.Alt + " " + img.Caption + " " + img.Credit)
		match := true
		for _, word := range words {
			if !strings.Contains(text, word) {
				match = false
				break
			}
		}
		if match && len(img.Renditions) > 0 {
			out = append(out, libraryImageOf(img))
		}
		if len(out) == 60 {
			break
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"images": out})
}

// answerUpload answers an upload from the story editor's script in JSON.
func (d *Desk) answerUpload(w http.ResponseWriter, r *http.Request, img content.Image, err error) {
	var ve *content.FieldError
	switch {
	case err == nil:
		writeJSON(w, http.StatusCreated, libraryImageOf(img))
	case errors.As(err, &ve):
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": d.fieldMessages(r, ve), "errors": fieldTexts(d.lang(r), ve)})
	case errors.Is(err, media.ErrTooLarge):
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": refusalText(d.lang(r), err)})
	case errors.Is(err, media.ErrNotImage), errors.Is(err, media.ErrUnsupported), errors.Is(err, media.ErrTooManyPixels):
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": refusalText(d.lang(r), err)})
	case errors.Is(err, media.ErrUnavailable):
		d.log.ErrorContext(r.Context(), "newsroom_media_unavailable", "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "5")
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": d.tr(r, mediaUnavailable)})
	default:
		d.failJSON(w, r, err)
	}
}
