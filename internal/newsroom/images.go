package newsroom

import (
	"context"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/store"
)

// ImageInput is an upload with its required alt text and optional caption and credit.
type ImageInput struct {
	Alt, Caption, Credit string
}

// UploadImage ingests an image (checked, resized and re-encoded by ms) and records it.
// Errors from ms (too large, not an image, too many pixels) are returned as they are.
func (s *Service) UploadImage(ctx context.Context, u Actor, ms *media.Store, r io.Reader, in ImageInput) (content.Image, error) {
	if err := allow(u, account.ActUploadImage); err != nil {
		return content.Image{}, err
	}
	in.Alt, in.Caption, in.Credit = strings.TrimSpace(in.Alt), strings.TrimSpace(in.Caption), strings.TrimSpace(in.Credit)
	errs := map[string]string{}
	if in.Alt == "" {
		errs["alt"] = "Describe the image for readers who cannot see it (alt text is required)."
	}
	for name, v := range map[string]string{"alt": in.Alt, "caption": in.Caption, "credit": in.Credit} {
		if utf8.RuneCountInString(v) > 1000 || !utf8.ValidString(v) {
			errs[name] = "At most 1,000 characters of valid text."
		}
	}
	if len(errs) > 0 {
		return content.Image{}, &ValidationError{Fields: errs}
	}
	m, err := ms.Ingest(ctx, r)
	if err != nil {
		return content.Image{}, err
	}
	img := content.Image{Hash: m.Hash, Format: m.Format, Width: m.Width, Height: m.Height, Alt: in.Alt,
		Caption: in.Caption, Credit: in.Credit}
	for _, r := range m.Renditions {
		img.Renditions = append(img.Renditions, content.Rendition{Width: r.Width, Height: r.Height, File: r.File})
	}
	err = s.st.WithTx(ctx, func(tx *store.Tx) error {
		var err error
		img.ID, err = tx.CreateImage(ctx, img, u.ID)
		return err
	})
	return img, err
}
