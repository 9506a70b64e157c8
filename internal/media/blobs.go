package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Blobs is where a Store keeps its files, each whole or not at all: a directory (Dir) or a
// bucket of an object store (an *s3.Bucket fits). Names are the Store's own file names,
// made from a hash of the content, so a name always holds the same bytes.
type Blobs interface {
	// Put stores size bytes of body as name, atomically: readers see the whole file or
	// none. body is read from its start and may be read twice.
	Put(ctx context.Context, name string, body io.ReadSeeker, size int64, contentType string) error
	// Get opens name from byte offset on and returns the body and the whole size; a
	// missing name is an error matching fs.ErrNotExist.
	Get(ctx context.Context, name string, offset int64) (io.ReadCloser, int64, error)
	// Head returns the size of name, or an error matching fs.ErrNotExist.
	Head(ctx context.Context, name string) (int64, error)
	// Delete removes name; a missing one is no error.
	Delete(ctx context.Context, name string) error
	// List calls fn with the name and size of every file; an error from fn stops it.
	List(ctx context.Context, fn func(name string, size int64) error) error
}

// ErrUnavailable means the media storage (a disk or an object store) could not take or
// give a file just now; nothing was recorded. It matches content.ErrUnavailable too.
var ErrUnavailable error = unavailable{}

type unavailable struct{}

func (unavailable) Error() string {
	return "the media storage could not be reached, so the file was not saved; try again in a minute"
}

func (unavailable) Is(target error) bool { return target == content.ErrUnavailable }

// storageError marks err, from writing name to the Blobs, with ErrUnavailable, keeping
// the cause for the log (a full disk stays content.ErrStorageFull).
func storageError(name string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) { // a full disk is told as such
		return fmt.Errorf("store media file %s: %w", name, err)
	}
	return fmt.Errorf("store media file %s: %w", name, errors.Join(ErrUnavailable, err))
}

// Dir is Blobs in a directory of the local disk (or a shared mount). Files are written to
// a temporary file, synced, and renamed into place.
type Dir string

// Put writes body to a temporary file beside name, syncs it and renames it into place.
func (d Dir) Put(ctx context.Context, name string, body io.ReadSeeker, size int64, _ string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f, err := os.CreateTemp(string(d), ".ingest-*.tmp")
	if err != nil {
		return fmt.Errorf("write media file %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() { _ = os.Remove(tmp) }() // gone once renamed: then this does nothing
	n, err := io.Copy(f, body)
	if err == nil && n != size {
		err = fmt.Errorf("wrote %d bytes, not %d", n, size)
	}
	if err = closeTemp(f, err); err != nil {
		return fmt.Errorf("write media file %s: %w", name, err)
	}
	return d.move(tmp, name)
}

// move renames the finished file at tmp, in the directory, to name and syncs the directory.
func (d Dir) move(tmp, name string) error {
	if err := os.Rename(tmp, filepath.Join(string(d), name)); err != nil {
		return fmt.Errorf("write media file %s: %w", name, err)
	}
	return syncDir(string(d))
}

// Get opens the file name at offset.
func (d Dir) Get(_ context.Context, name string, offset int64) (io.ReadCloser, int64, error) {
	f, err := d.open(name)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err == nil && offset > 0 {
		_, err = f.Seek(offset, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("read media file %s: %w", name, err)
	}
	return f, fi.Size(), nil
}

// open opens the file name for reading.
func (d Dir) open(name string) (*os.File, error) {
	if strings.ContainsAny(name, `/\`) || name == "" || name[0] == '.' {
		return nil, fmt.Errorf("media file %q: %w", name, fs.ErrNotExist)
	}
	f, err := os.Open(filepath.Join(string(d), name)) // #nosec G304 -- a plain name inside the media directory
	if err != nil {
		return nil, fmt.Errorf("read media file %s: %w", name, err)
	}
	return f, nil
}

// Head returns the size of the regular file name.
func (d Dir) Head(_ context.Context, name string) (int64, error) {
	fi, err := os.Stat(filepath.Join(string(d), name))
	if err != nil {
		return 0, fmt.Errorf("check media file %s: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return 0, fmt.Errorf("media file %s is not a file: %w", name, fs.ErrNotExist)
	}
	return fi.Size(), nil
}

// Delete removes the file name.
func (d Dir) Delete(_ context.Context, name string) error {
	if err := os.Remove(filepath.Join(string(d), name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete media file %s: %w", name, err)
	}
	return nil
}

// List calls fn with each regular file of the directory but the temporary files of
// writes in progress (".ingest-*", ".keep-*"), in name order. A missing directory is an
// empty one.
func (d Dir) List(ctx context.Context, fn func(name string, size int64) error) error {
	entries, err := os.ReadDir(string(d))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read media directory: %w", err)
	}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		fi, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted meanwhile
		}
		if err != nil {
			return fmt.Errorf("read media directory: %w", err)
		}
		if err := fn(e.Name(), fi.Size()); err != nil {
			return err
		}
	}
	return nil
}
