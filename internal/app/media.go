package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/s3"
)

// OpenMedia opens the media store at location: a directory (created if missing), or a
// bucket of an S3-compatible store given as s3://bucket/prefix, whose endpoint, region
// and credentials getenv reads as the AWS tools do (s3.ConfigFromEnv). A bucket is asked
// once, within a minute, whether it answers to those credentials, so that a wrong
// setting stops the server at start with a sentence saying what is wrong.
func OpenMedia(ctx context.Context, location string, getenv func(string) string) (*media.Store, error) {
	if !s3.IsURL(location) {
		ms, err := media.New(location, media.Limits{})
		if err != nil {
			return nil, fmt.Errorf("media directory: %w", err)
		}
		return ms, nil
	}
	cfg, err := s3.ConfigFromEnv(location, getenv)
	if err != nil {
		return nil, err
	}
	b, err := s3.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("media in %s: %w", location, err)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := b.Check(ctx); err != nil {
		return nil, err
	}
	return media.NewWith(b, media.Limits{})
}

// mediaFile serves an uploaded image or rendition by its file name. The names hold the
// same bytes forever (they come from a hash of them), so the answer may be kept for a
// year, and the name is its ETag.
func (s *Site) mediaFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	obj, err := s.Media.Open(r.Context(), name)
	if errors.Is(err, fs.ErrNotExist) {
		s.Public.NotFound(w, r) // the public 404 page
		return
	}
	if err != nil {
		s.log.ErrorContext(r.Context(), "media_read_failed", "file", name, "err", err)
		w.Header().Set("Retry-After", "5")
		http.Error(w, "The media storage could not be reached; try again in a minute.", http.StatusServiceUnavailable)
		return
	}
	defer obj.Close()
	h := w.Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+strings.ReplaceAll(name, ".", "-")+`"`)
	if t := media.ContentType(name); t != "" { // video, audio, PDF: kept as they came
		h.Set("Content-Type", t)
	}
	http.ServeContent(w, r, name, modTime(obj), obj)
}

// modTime is the file's time when obj is a file of the disk (for Last-Modified), else
// the zero time (no Last-Modified: the ETag is enough).
func modTime(obj media.Object) time.Time {
	if f, ok := obj.(*os.File); ok {
		if fi, err := f.Stat(); err == nil {
			return fi.ModTime()
		}
	}
	return time.Time{}
}
