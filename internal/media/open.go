package media

import (
	"bytes"
	"container/list"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"
)

// Defaults of the memory cache of files read from Blobs other than a Dir.
const (
	// DefaultCacheBytes is how many bytes of files the cache keeps.
	DefaultCacheBytes = 64 << 20
	// maxCachedFile is the largest file the cache keeps (every rendition fits); larger
	// ones (films, sound) are read from the Blobs with ranges as they are served.
	maxCachedFile = 4 << 20
)

// Object is an opened media file: seekable (for ranges), with its size.
type Object interface {
	io.ReadSeekCloser
}

// Open opens the file name written by this Store for serving. A name this package cannot
// have made, or a missing file, is an error matching fs.ErrNotExist; a storage that does
// not answer is one matching ErrUnavailable. From a Dir the file itself is opened; from
// any other Blobs a small file comes from a memory cache (filled on a miss: names hold
// the same bytes forever, so nothing in it is ever stale) and a large one is read in
// ranges as it is served.
func (s *Store) Open(ctx context.Context, name string) (Object, error) {
	if !validName(name) && !validKeptName(name) {
		return nil, fmt.Errorf("media file %q: %w", name, fs.ErrNotExist)
	}
	if d, ok := s.blobs.(Dir); ok {
		return d.open(name)
	}
	if b, ok := s.cache.get(name); ok {
		return nopCloser{bytes.NewReader(b)}, nil
	}
	body, size, err := s.blobs.Get(ctx, name, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("read media file %s: %w", name, errors.Join(ErrUnavailable, err))
	}
	if size > maxCachedFile || size > s.cache.max {
		return &rangedObject{ctx: ctx, blobs: s.blobs, name: name, size: size, body: body}, nil
	}
	defer body.Close()
	b := make([]byte, size)
	if _, err := io.ReadFull(body, b); err != nil {
		return nil, fmt.Errorf("read media file %s: %w", name, errors.Join(ErrUnavailable, err))
	}
	s.cache.put(name, b)
	return nopCloser{bytes.NewReader(b)}, nil
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// rangedObject reads a file from Blobs from wherever it was last sought to: the body of
// the first Get is used while reads follow on from it, and a seek elsewhere opens a new
// one at that offset when next read.
type rangedObject struct {
	ctx   context.Context
	blobs Blobs
	name  string
	size  int64
	pos   int64         // where the next Read starts
	body  io.ReadCloser // the body being read, or nil
	at    int64         // the offset body is at
}

func (o *rangedObject) Read(p []byte) (int, error) {
	if o.pos >= o.size {
		return 0, io.EOF
	}
	if o.body != nil && o.at != o.pos {
		o.body.Close()
		o.body = nil
	}
	if o.body == nil {
		body, _, err := o.blobs.Get(o.ctx, o.name, o.pos)
		if err != nil {
			return 0, fmt.Errorf("read media file %s at %d: %w", o.name, o.pos, err)
		}
		o.body, o.at = body, o.pos
	}
	n, err := o.body.Read(p)
	o.pos += int64(n)
	o.at += int64(n)
	if errors.Is(err, io.EOF) && o.pos < o.size {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

func (o *rangedObject) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += o.pos
	case io.SeekEnd:
		offset += o.size
	default:
		return 0, errors.New("seek: bad whence")
	}
	if offset < 0 {
		return 0, errors.New("seek: negative position")
	}
	o.pos = offset
	return offset, nil
}

func (o *rangedObject) Close() error {
	if o.body != nil {
		return o.body.Close()
	}
	return nil
}

// fileCache keeps whole small files in memory up to max bytes, dropping the least
// recently used first. It is safe for concurrent use.
type fileCache struct {
	max   int64
	mu    sync.Mutex
	used  int64
	order *list.List // of *cached, most recent at the front
	byKey map[string]*list.Element
}

type cached struct {
	name string
	b    []byte
}

func newFileCache(max int64) *fileCache {
	return &fileCache{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *fileCache) get(name string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[name]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cached).b, true
}

func (c *fileCache) put(name string, b []byte) {
	if int64(len(b)) > c.max || int64(len(b)) > maxCachedFile {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[name]; ok {
		return
	}
	c.byKey[name] = c.order.PushFront(&cached{name: name, b: b})
	c.used += int64(len(b))
	for c.used > c.max {
		last := c.order.Back()
		old := last.Value.(*cached)
		c.order.Remove(last)
		delete(c.byKey, old.name)
		c.used -= int64(len(old.b))
	}
}
