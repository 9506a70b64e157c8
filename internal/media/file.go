package media

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
)

// DefaultMaxFileBytes bounds a file kept as it is (video, audio, a document) when
// Store.Keep is given no limit of its own.
const DefaultMaxFileBytes = 2 << 30

// ErrNotKept means a file's kind (its extension) is not one a Store keeps as it is.
var ErrNotKept = errors.New("this kind of file is not kept: video, audio and PDF only")

// File is a file kept as it is (not re-encoded): a video, a sound, a document.
type File struct {
	// Name is the file's name in the media directory: "<32 hex digits>.<ext>", from a hash
	// of its bytes.
	Name string
	// Type is its content type ("video/mp4").
	Type string
	// Bytes is its size.
	Bytes int64
	// Written is whether this call wrote it (false when the same bytes were kept before).
	Written bool
}

// KeptType returns the content type of the files with extension ext (".mp4", any case)
// that a Store keeps as they are, or "" for any other extension. The list is short on
// purpose: files served from the site's own origin must not be something a browser runs
// (HTML, SVG, scripts).
func KeptType(ext string) string {
	switch strings.ToLower(ext) {
	case ".mp4", ".m4v":
		return "video/mp4"
	case ".webm":
		return "video/webm"
	case ".ogv":
		return "video/ogg"
	case ".mov":
		return "video/quicktime"
	case ".mp3":
		return "audio/mpeg"
	case ".m4a":
		return "audio/mp4"
	case ".ogg", ".oga", ".opus":
		return "audio/ogg"
	case ".wav":
		return "audio/wav"
	case ".flac":
		return "audio/flac"
	case ".pdf":
		return "application/pdf"
	}
	return ""
}

// ContentType returns the content type to serve the media file name with: a kept file's
// type, or "" for the images (whose type is read from their extension).
func ContentType(name string) string {
	if !validKeptName(name) {
		return ""
	}
	return KeptType(filepath.Ext(name))
}

// Keep stores the file read from r as it is, under a name made of a hash of its bytes and
// the extension ext (".mp4"), which must be one KeptType knows. Nothing is transcoded.
// maxBytes bounds the file (0: DefaultMaxFileBytes). Keeping the same bytes again gives
// the same name and writes nothing.
func (s *Store) Keep(ctx context.Context, r io.Reader, ext string, maxBytes int64) (File, error) {
	ext = strings.ToLower(ext)
	typ := KeptType(ext)
	if typ == "" {
		return File{}, fmt.Errorf("keep %q file: %w", ext, ErrNotKept)
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxFileBytes
	}
	if err := ctx.Err(); err != nil {
		return File{}, err
	}
	f, err := os.CreateTemp(s.spool, ".keep-*.tmp")
	if err != nil {
		return File{}, fmt.Errorf("keep media file: %w", err)
	}
	tmp := f.Name()
	defer func() { _ = os.Remove(tmp) }() // gone once renamed: then this does nothing
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, maxBytes+1))
	if err == nil && n > maxBytes {
		err = content.RefuseDetail(ErrTooLarge, "the limit is %s", humanBytes(maxBytes))
	}
	if err = closeTemp(f, err); err != nil {
		return File{}, fmt.Errorf("keep media file: %w", err)
	}
	name := hex.EncodeToString(h.Sum(nil))[:32] + ext
	if size, err := s.blobs.Head(ctx, name); err == nil {
		return File{Name: name, Type: typ, Bytes: size}, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return File{}, storageError(name, err)
	}
	if d, ok := s.blobs.(Dir); ok { // spooled in the directory itself: a rename stores it
		if err := d.move(tmp, name); err != nil {
			return File{}, storageError(name, err)
		}
		return File{Name: name, Type: typ, Bytes: n, Written: true}, nil
	}
	if err := s.putSpooled(ctx, tmp, name, n, typ); err != nil {
		return File{}, err
	}
	return File{Name: name, Type: typ, Bytes: n, Written: true}, nil
}

// putSpooled puts the spooled file at tmp, of size bytes, into the Blobs as name.
func (s *Store) putSpooled(ctx context.Context, tmp, name string, size int64, typ string) error {
	f, err := os.Open(tmp) // #nosec G304 -- the Store's own temporary file
	if err != nil {
		return fmt.Errorf("keep media file %s: %w", name, err)
	}
	defer f.Close()
	if err := s.blobs.Put(ctx, name, f, size, typ); err != nil {
		return storageError(name, err)
	}
	return nil
}

// validKeptName reports whether name has the form "<32 lowercase hex>.<ext>" of a kept file.
func validKeptName(name string) bool {
	if len(name) < 32+2 || name[32] != '.' || KeptType(name[32:]) == "" || strings.ToLower(name[32:]) != name[32:] {
		return false
	}
	for _, c := range name[:32] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
