// Package media takes in images uploaded for articles. An upload is checked
// against byte and pixel limits before it is decoded, re-encoded (which drops
// EXIF, GPS and every other kind of metadata), resized to the standard
// responsive widths, and written under names derived from a hash of the
// original bytes.
package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Default limits, used for the zero fields of Limits.
const (
	DefaultMaxBytes      = 20 << 20
	DefaultMaxPixels     = 50_000_000
	DefaultMaxSide       = 20_000
	DefaultMaxConcurrent = 2
	DefaultMaxMemory     = 512 << 20
)

// Limits bounds what Ingest accepts and how much memory it may use. A zero
// field takes its default; a negative one is an error.
type Limits struct {
	// MaxBytes is the largest upload accepted, in bytes (default 20 MiB).
	MaxBytes int64
	// MaxPixels is the largest width×height accepted (default 50 million).
	// It is checked from the header, before any pixel is decoded.
	MaxPixels int64
	// MaxSide is the largest width or height accepted (default 20000).
	MaxSide int
	// MaxConcurrent is how many images one Store decodes at a time
	// (default 2): decoding and resizing keep a core busy each.
	MaxConcurrent int
	// MaxMemory bounds the memory that the decodes of one Store take
	// together (default 512 MiB). Each decode is admitted only once the
	// working memory its header implies (an upper bound, worked out before
	// any pixel is decoded) fits in what the running ones leave free; an
	// image that alone needs more is refused with ErrTooManyPixels.
	MaxMemory int64
}

// Errors returned by Ingest, wrapped with details; test with errors.Is.
// Their messages are written to be shown to the person uploading.
var (
	// ErrTooLarge means the upload has more bytes than Limits.MaxBytes.
	ErrTooLarge = errors.New("the file is too large")
	// ErrNotImage means the upload is not an image, or is a damaged one.
	ErrNotImage = errors.New("the file is not an image or is damaged")
	// ErrUnsupported means the upload is an image in a format other than
	// JPEG, PNG or WebP (for example GIF, BMP, TIFF, SVG, HEIC or AVIF).
	ErrUnsupported = errors.New("this image format is not supported: upload JPEG, PNG or WebP")
	// ErrTooManyPixels means the image's width, height or pixel count is
	// over the limits.
	ErrTooManyPixels = errors.New("the image has too many pixels")
)

// Rendition is one stored, re-encoded size of an image.
type Rendition struct {
	// Width and Height are the rendition's size in pixels.
	Width, Height int
	// File is the rendition's file name, relative to the media directory:
	// "<32 hex digits>-<width>.jpg" or ".png".
	File string
	// Bytes is the size of the file.
	Bytes int64
}

// Image describes an ingested image and its renditions.
type Image struct {
	// Hash is the hex SHA-256 of the uploaded bytes.
	Hash string
	// Format is the uploaded format: "jpeg", "png" or "webp".
	Format string
	// Width and Height are the size of the upload as displayed, that is
	// after its EXIF orientation (JPEG only) has been applied.
	Width, Height int
	// Renditions are in ascending width. The last is the upload at its own
	// size, or at the largest standard width if it is wider than that.
	Renditions []Rendition
}

// Content returns the image as the content model records it, without its texts.
func (m Image) Content() content.Image {
	img := content.Image{Hash: m.Hash, Format: m.Format, Width: m.Width, Height: m.Height}
	for _, r := range m.Renditions {
		img.Renditions = append(img.Renditions, content.Rendition{Width: r.Width, Height: r.Height, File: r.File})
	}
	return img
}

// Store ingests images into its Blobs (a directory, or a bucket of an object store) and
// serves names from them. It is safe for concurrent use.
type Store struct {
	blobs   Blobs
	dir     string // the directory, when blobs is a Dir
	spool   string // where a kept file is written before it is stored
	limits  Limits
	decodes *budget    // admits decodes within MaxConcurrent and MaxMemory
	cache   *fileCache // small files read from blobs other than a Dir
}

// New returns a Store that writes into dir, creating it (mode 0750) if needed.
// Zero fields of l take their defaults.
func New(dir string, l Limits) (*Store, error) {
	if dir == "" {
		return nil, errors.New("media directory is empty")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create media directory: %w", err)
	}
	s, err := NewWith(Dir(dir), l)
	if err != nil {
		return nil, err
	}
	s.dir, s.spool = dir, dir
	return s, nil
}

// NewWith returns a Store that keeps its files in b (an object store's bucket; for a
// directory New is simpler). Files kept as they are (Keep) are spooled to the system's
// temporary directory first, and small files read back are cached in memory
// (DefaultCacheBytes). Zero fields of l take their defaults.
func NewWith(b Blobs, l Limits) (*Store, error) {
	if l.MaxBytes < 0 || l.MaxPixels < 0 || l.MaxSide < 0 || l.MaxConcurrent < 0 || l.MaxMemory < 0 {
		return nil, fmt.Errorf("media limits must not be negative: %+v", l)
	}
	if l.MaxBytes == 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPixels == 0 {
		l.MaxPixels = DefaultMaxPixels
	}
	if l.MaxSide == 0 {
		l.MaxSide = DefaultMaxSide
	}
	if l.MaxConcurrent == 0 {
		l.MaxConcurrent = DefaultMaxConcurrent
	}
	if l.MaxMemory == 0 {
		l.MaxMemory = DefaultMaxMemory
	}
	s := &Store{blobs: b, spool: os.TempDir(), limits: l, decodes: newBudget(l.MaxMemory, l.MaxConcurrent),
		cache: newFileCache(DefaultCacheBytes)}
	if d, ok := b.(Dir); ok {
		s.dir, s.spool = string(d), string(d)
	}
	return s, nil
}

// Blobs returns where the Store keeps its files (for backup and restore).
func (s *Store) Blobs() Blobs { return s.blobs }

// Ingest reads an uploaded image from r, checks it against the limits,
// and writes its renditions. Ingesting the same bytes again writes the same
// files under the same names. Hostile input gives an error, never a panic.
func (s *Store) Ingest(ctx context.Context, r io.Reader) (img Image, err error) {
	// The decoders are meant not to panic, but they parse hostile input:
	// a panic in one of them must not take the server down.
	defer func() {
		if p := recover(); p != nil {
			img, err = Image{}, fmt.Errorf("%w: decoder failed (%v)", ErrNotImage, p)
		}
	}()
	if err := ctx.Err(); err != nil {
		return Image{}, err
	}
	data, err := readLimited(r, s.limits.MaxBytes)
	if err != nil {
		return Image{}, err
	}
	format, err := sniff(data)
	if err != nil {
		return Image{}, err
	}

	cfg, err := decodeConfig(format, data)
	if err != nil {
		return Image{}, fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	if err := s.checkSize(cfg.Width, cfg.Height); err != nil {
		return Image{}, err
	}
	orientation := 1
	if format == "jpeg" {
		orientation = jpegOrientation(data)
	}

	need := workingMemory(format, data, cfg, orientation)
	if need > s.limits.MaxMemory {
		return Image{}, content.RefuseDetail(ErrTooManyPixels, "decoding and resizing this %dx%d image would take about %s of memory, over this site's limit of %s; "+
			"upload it smaller", cfg.Width, cfg.Height, humanMemory(need), humanMemory(s.limits.MaxMemory))
	}
	if err := s.decodes.acquire(ctx, need); err != nil {
		return Image{}, err
	}
	defer s.decodes.release(need)
	m, err := decode(format, data)
	if err != nil {
		return Image{}, fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	if b := m.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return Image{}, fmt.Errorf("%w: %s decoded to %dx%d, header said %dx%d",
			ErrNotImage, format, b.Dx(), b.Dy(), cfg.Width, cfg.Height)
	}

	sum := sha256.Sum256(data)
	img = Image{Hash: hex.EncodeToString(sum[:]), Format: format, Width: cfg.Width, Height: cfg.Height}
	if orientation >= 5 {
		img.Width, img.Height = img.Height, img.Width
	}
	img.Renditions, err = s.render(ctx, m, orientation, img.Hash[:32])
	if err != nil {
		return Image{}, err
	}
	return img, nil
}

// checkSize applies MaxSide and MaxPixels to the dimensions from a header.
func (s *Store) checkSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return content.RefuseDetail(ErrNotImage, "it has no pixels (%dx%d)", w, h)
	}
	if w > s.limits.MaxSide || h > s.limits.MaxSide {
		return content.RefuseDetail(ErrTooManyPixels, "%dx%d is over the limit of %d pixels a side",
			w, h, s.limits.MaxSide)
	}
	if int64(w)*int64(h) > s.limits.MaxPixels {
		return content.RefuseDetail(ErrTooManyPixels, "%dx%d is %.1f megapixels, over the limit of %.1f",
			w, h, float64(w)*float64(h)/1e6, float64(s.limits.MaxPixels)/1e6)
	}
	return nil
}

// readLimited reads all of r, or fails with ErrTooLarge once more than maxBytes
// bytes have come.
func readLimited(r io.Reader, maxBytes int64) ([]byte, error) {
	limit := maxBytes
	if limit < math.MaxInt64 {
		limit++ // one byte more than allowed tells "too large" from "just fits"
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit))
	if err != nil {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	if n > maxBytes {
		return nil, content.RefuseDetail(ErrTooLarge, "the limit is %s", humanBytes(maxBytes))
	}
	return buf.Bytes(), nil
}

// humanBytes formats n for a message: "20 MB", "512 KB", "100 bytes".
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// humanMemory formats n bytes for a message, in whole mebibytes ("MB", as
// people say): "512 MB".
func humanMemory(n int64) string {
	return strconv.FormatInt((n+1<<20-1)>>20, 10) + " MB"
}

// Path returns the path of a file written by this Store in its directory. Names that
// this package cannot have produced, including any with a path separator or "..", and
// any name when the Store keeps its files elsewhere than in a directory, give an error
// that matches fs.ErrNotExist.
func (s *Store) Path(file string) (string, error) {
	if (!validName(file) && !validKeptName(file)) || s.dir == "" {
		return "", fmt.Errorf("media file %q: %w", file, fs.ErrNotExist)
	}
	return filepath.Join(s.dir, file), nil
}

// validName reports whether name has the form "<32 lowercase hex>-<width>.<jpg|png>",
// with a width of 1 to 5 digits and no leading zero.
func validName(name string) bool {
	if len(name) < 32+1+1+4 || name[32] != '-' {
		return false
	}
	for _, c := range name[:32] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	rest := name[33:]
	width, ext, ok := strings.Cut(rest, ".")
	if !ok || (ext != "jpg" && ext != "png") || len(width) == 0 || len(width) > 5 || width[0] == '0' {
		return false
	}
	for _, c := range width {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Srcset returns the value of an <img srcset> attribute for rs:
// "<prefix><file> 320w, <prefix><file> 640w". urlPrefix is put in front of
// each file name as it is, so it should end in "/" (for example "/media/").
func Srcset(rs []Rendition, urlPrefix string) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(urlPrefix)
		b.WriteString(r.File)
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(r.Width))
		b.WriteByte('w')
	}
	return b.String()
}
