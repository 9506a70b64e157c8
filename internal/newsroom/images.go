package newsroom

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/media"
)

// ImageInput is an upload with its required alt text and optional caption and credit.
type ImageInput struct {
	Alt, Caption, Credit string
	// Texts are the alt text and caption in other languages, by language code (see
	// content.ImageText); nil leaves them as they are, an empty map removes them.
	Texts map[string]content.ImageText
}

// clean trims the text and checks it: the alt text is required, and each field holds at
// most 1,000 characters of valid UTF-8.
func (in *ImageInput) clean() error {
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
		return &content.FieldError{Fields: errs}
	}
	return nil
}

// UploadImage is AddImage without saying whether the image is new.
func (s *Service) UploadImage(ctx context.Context, u Actor, ms *media.Store, r io.Reader, in ImageInput) (content.Image, error) {
	img, _, err := s.AddImage(ctx, u, ms, r, in)
	return img, err
}

// AddImage ingests an image (checked, resized and re-encoded by ms) and records it with
// the text of in. When the same bytes are already in the library, created is false and the
// image is returned exactly as it is: an upload never changes the text of an image that
// exists (it may be someone else's, on a published story); that is UpdateImageText.
// Errors from ms (too large, not an image, too many pixels) are returned as they are.
func (s *Service) AddImage(ctx context.Context, u Actor, ms *media.Store, r io.Reader, in ImageInput) (img content.Image, created bool, err error) {
	if err := allow(u, account.ActUploadImage); err != nil {
		return content.Image{}, false, err
	}
	if err := in.clean(); err != nil {
		return content.Image{}, false, err
	}
	m, err := ms.Ingest(ctx, r)
	if err != nil {
		return content.Image{}, false, err
	}
	img = m.Content()
	img.Alt, img.Caption, img.Credit = in.Alt, in.Caption, in.Credit
	err = s.st.NewsroomTx(ctx, func(tx Tx) error {
		var err error
		img.ID, created, err = tx.InsertImage(ctx, img, u.ID)
		return err
	})
	if err != nil || created {
		return img, created, err
	}
	img, err = s.st.ImageByID(ctx, img.ID)
	return img, false, err
}

// CanEditImage reports whether u may change the text of the image described by use.
// Changing it changes every story that shows it, so it takes the right to edit each of
// them: editors and admins may change any image; a correspondent only an image they
// uploaded that is the lead picture of none but their own drafts.
func CanEditImage(u Actor, use ImageUsage) bool {
	if account.Can(u.Role, account.ActEditAny) {
		return true
	}
	if !account.Can(u.Role, account.ActUploadImage) || use.UploadedBy == 0 || use.UploadedBy != u.ID {
		return false
	}
	for _, st := range use.Stories {
		if !CanEdit(u, content.Article{OwnerID: st.OwnerID, Status: st.Status}) {
			return false
		}
	}
	return true
}

// UpdateImageText changes an image's alt text, caption and credit. The permission is
// checked before the text (CanEditImage); the change is written to the audit log with the
// old text, purges the pages of the stories that show the image, and is sent to the wire
// as an update of each published one. The same text again changes nothing.
func (s *Service) UpdateImageText(ctx context.Context, u Actor, id int64, in ImageInput) (content.Image, error) {
	if err := allow(u, account.ActUploadImage); err != nil {
		return content.Image{}, err
	}
	langs, err := s.st.Languages(ctx)
	if err != nil {
		return content.Image{}, err
	}
	err = s.st.NewsroomTx(ctx, func(tx Tx) error {
		use, err := tx.ImageUsage(ctx, id)
		if err != nil {
			return err
		}
		if !CanEditImage(u, use) {
			return fmt.Errorf("change the text of image %d: %w", id, account.ErrForbidden)
		}
		if err := in.clean(); err != nil {
			return err
		}
		if err := in.cleanTexts(langs); err != nil {
			return err
		}
		old := use.Image
		changed := textChanges(old, in)
		if old.Alt != in.Alt || old.Caption != in.Caption || old.Credit != in.Credit {
			if err := tx.SetImageText(ctx, id, in.Alt, in.Caption, in.Credit); err != nil {
				return err
			}
			changed = nil // every story's page changes
		} else if len(changed) == 0 {
			return nil
		}
		if in.Texts != nil {
			if err := tx.SetImageTexts(ctx, id, in.Texts); err != nil {
				return err
			}
		}
		if err := tx.Audit(ctx, u.ID, "update", "image", id, imageChange(old, in, use.Stories)); err != nil {
			return err
		}
		for _, st := range use.Stories {
			if st.Status == content.StatusPublished && (changed == nil || changed[st.Language]) {
				if err := s.fire(ctx, tx, st.ID, EventUpdate); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return content.Image{}, err
	}
	return s.st.ImageByID(ctx, id)
}

// imageChange describes a text change for the audit log: the fields that changed with
// their old text, and the stories that show the image.
func imageChange(old content.Image, in ImageInput, stories []ImageStory) string {
	var parts []string
	for _, f := range []struct{ name, was, now string }{
		{"alt", old.Alt, in.Alt}, {"caption", old.Caption, in.Caption}, {"credit", old.Credit, in.Credit}} {
		if f.was != f.now {
			was := f.was
			if utf8.RuneCountInString(was) > 200 {
				was = string([]rune(was)[:200]) + "…"
			}
			parts = append(parts, f.name+" was "+strconv.Quote(was))
		}
	}
	if langs := textChanges(old, in); len(langs) > 0 {
		parts = append(parts, "texts in "+strings.Join(slices.Sorted(maps.Keys(langs)), ", ")+" changed")
	}
	if len(stories) > 0 {
		ids := make([]string, len(stories))
		for i, st := range stories {
			ids[i] = strconv.FormatInt(st.ID, 10)
		}
		parts = append(parts, "shown on stories "+strings.Join(ids, ", "))
	}
	return strings.Join(parts, "; ")
}
