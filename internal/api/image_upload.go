package api

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// maxTextPart bounds a text field of the upload form (alt, caption, credit).
const maxTextPart = 16 << 10

// uploadImage takes a multipart/form-data upload (file, alt, caption, credit), has the
// media store check, resize and re-encode it, and answers 201 with the image. Bytes
// already in the library answer 200 with that image exactly as it is: an upload never
// changes an existing image's text (PUT /images/{id} does, with its own permission).
func (a *API) uploadImage(w http.ResponseWriter, r *http.Request, u account.User) error {
	if a.media == nil {
		return &apiError{status: http.StatusServiceUnavailable, code: "unavailable", message: "Image uploads are not configured on this site."}
	}
	if r.ContentLength > maxImageBody {
		return tooLarge(maxImageBody)
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
		return badRequest("Send the image as multipart/form-data with the fields file, alt, caption and credit.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxImageBody)
	file, in, err := readUpload(r)
	if err != nil {
		return err
	}
	if file == nil {
		errs := map[string]string{"file": "Attach the image as the field \"file\"."}
		if in.Alt == "" {
			errs["alt"] = "Describe the image for readers who cannot see it (alt text is required)."
		}
		return invalid(errs)
	}
	img, created, err := a.svc.AddImage(r.Context(), u, a.media, bytes.NewReader(file), in)
	if err != nil {
		return err
	}
	if img, err = a.svc.Image(r.Context(), u, img.ID); err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	w.Header().Set("Location", location("images", img.ID))
	a.reply(w, r, status, image(img))
	return nil
}

// readUpload reads the parts of the form; the file is held in memory (the media store
// reads it whole anyway), the text fields are bounded.
func readUpload(r *http.Request) (file []byte, in newsroom.ImageInput, err error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, in, badRequest("The multipart body cannot be read: %v.", err)
	}
	seen := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return file, in, nil
		}
		if err != nil {
			return nil, in, partError(err)
		}
		name := part.FormName()
		if seen[name] {
			return nil, in, badRequest("The form field %q is given more than once.", name)
		}
		seen[name] = true
		var dst *string
		switch name {
		case "file":
			if file, err = io.ReadAll(part); err != nil {
				return nil, in, partError(err)
			}
			continue
		case "alt":
			dst = &in.Alt
		case "caption":
			dst = &in.Caption
		case "credit":
			dst = &in.Credit
		default:
			return nil, in, badRequest("Unknown form field %q; the form takes file, alt, caption and credit.", name)
		}
		b, err := io.ReadAll(io.LimitReader(part, maxTextPart+1))
		if err != nil {
			return nil, in, partError(err)
		}
		if len(b) > maxTextPart {
			return nil, in, invalid(map[string]string{name: "At most 1,000 characters of valid text."})
		}
		*dst = string(b)
	}
}

func partError(err error) error {
	var maxe *http.MaxBytesError
	if errors.As(err, &maxe) {
		return tooLarge(maxe.Limit)
	}
	return badRequest("The multipart body cannot be read: %v.", err)
}
