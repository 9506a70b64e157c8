// Package importer brings an archive over from WordPress (WXR exports) and Ghost (JSON
// exports) and writes the whole site back out as a WXR file WordPress can import.
//
// An import runs in one transaction: a malformed or truncated file, or any failure, leaves
// the database as it was. What each imported thing became is recorded (Bulk.ImportedItem),
// so importing the same export again changes nothing and a newer export updates what
// changed. Old URLs are kept in legacy_urls and answered with 301s by the public site.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/media"
)

// Options tune an import.
type Options struct {
	// Language is the language of imported content that does not say its own (Newsdesk's
	// exports do); it is added to the site if missing.
	Language string
	// MediaDir is a local copy of the old site's wp-content/uploads; images found there are
	// ingested into Media. Without it images keep their old addresses (and are reported).
	MediaDir string
	// Media takes in the images from MediaDir; nil with a MediaDir only checks they exist.
	Media *media.Store
	// DryRun runs the whole import and then rolls it back: the report says what would happen.
	DryRun bool
	// Progress, when set, is called with the bytes read so far and the total (0 if unknown).
	Progress func(done, total int64)
	// Now is the clock (time.Now when nil).
	Now    func() time.Time
	Logger *slog.Logger
}

// Importer writes imports into a store.
type Importer struct {
	st  Store
	opt Options
}

// New returns an Importer writing into st.
func New(st Store, opt Options) *Importer {
	if opt.Language == "" {
		opt.Language = "en"
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	return &Importer{st: st, opt: opt}
}

// importCacheMiB is the SQLite page cache of an import. A larger one did not make an import
// of 100,000 posts cheaper (tried: 32, 64 and 256 MiB), and it costs twice its size in memory.
const importCacheMiB = 32

// importGCPercent is the garbage collector's GOGC while an import runs.
const importGCPercent = 400

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// WordPress imports a WXR export read from r (size bytes, 0 if unknown).
func (im *Importer) WordPress(ctx context.Context, r io.Reader, size int64) (*Report, error) {
	return im.run(ctx, "wordpress", r, size, func(r io.Reader, h Handler) error { return ReadWXR(r, h) })
}

// Ghost imports a Ghost JSON export read from r (size bytes, 0 if unknown).
func (im *Importer) Ghost(ctx context.Context, r io.Reader, size int64) (*Report, error) {
	return im.run(ctx, "ghost", r, size, func(r io.Reader, h Handler) error { return ReadGhost(r, h) })
}

func (im *Importer) run(ctx context.Context, format string, r io.Reader, size int64, read func(io.Reader, Handler) error) (*Report, error) {
	start := im.opt.Now()
	rep := newReport(format)
	rep.DryRun = im.opt.DryRun
	if !content.ValidSlug(im.opt.Language) || len(im.opt.Language) > 12 {
		return nil, fmt.Errorf("language %q: give a code such as en, ru or az", im.opt.Language)
	}
	// The import's live heap is small (a few MB: the posts in the pipeline) but it allocates
	// quickly, so the collector would run almost without pause: let the heap grow to five
	// times what is live while the import runs (a fifth less CPU time, about 20 MB more),
	// unless GOGC already allows more.
	if prev := debug.SetGCPercent(importGCPercent); prev < 0 || prev > importGCPercent {
		debug.SetGCPercent(prev)
	} else {
		defer debug.SetGCPercent(prev)
	}
	l, err := im.st.ImportLoader(ctx, importCacheMiB)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	cr := &countingReader{r: r, total: size, progress: im.opt.Progress}
	err = l.Load(ctx, func(b Bulk, tx Tx) error {
		s := newSink(ctx, im, b, tx, format, rep)
		if err := pipeline(ctx, s, format, func(h Handler) error { return read(cr, h) }); err != nil {
			return err
		}
		if err := s.finish(); err != nil {
			return err
		}
		if im.opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if cr.progress != nil {
		cr.progress(cr.n, size)
	}
	rep.Took = im.opt.Now().Sub(start)
	if err != nil && !errors.Is(err, errDryRun) {
		return rep, fmt.Errorf("import %s export (nothing was imported): %w", format, err)
	}
	return rep, nil
}

// countingReader reports how far the reading has got.
type countingReader struct {
	r        io.Reader
	n, total int64
	last     time.Time
	progress func(done, total int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && time.Since(c.last) > 100*time.Millisecond {
		c.last = time.Now()
		c.progress(c.n, c.total)
	}
	return n, err
}

// event is one thing a reader found, on its way to the sink.
type event struct {
	site   *Site
	author *Author
	term   *Term
	isTag  bool
	post   *Post
	// ready is closed when a worker has prepared post (nil for the other events).
	ready chan struct{}
}

// forwarder is the Handler of the reading goroutine: it hands each post to the converting
// workers and passes everything on, in the order of the file, to the writing goroutine.
type forwarder struct {
	ctx  context.Context
	ch   chan<- event
	work chan<- *event
}

// Err reports a cancelled import, so that a reader that holds posts back (a Ghost export
// with its relations after the posts) stops without waiting for the end of the file.
func (f *forwarder) Err() error { return f.ctx.Err() }

func (f *forwarder) send(ev event) error {
	select {
	case f.ch <- ev:
		return nil
	case <-f.ctx.Done():
		return f.ctx.Err()
	}
}

func (f *forwarder) Site(s Site) error     { return f.send(event{site: &s}) }
func (f *forwarder) Author(a Author) error { return f.send(event{author: &a}) }
func (f *forwarder) Category(t Term) error { return f.send(event{term: &t}) }
func (f *forwarder) Tag(t Term) error      { return f.send(event{term: &t, isTag: true}) }
func (f *forwarder) Post(p *Post) error {
	ev := &event{post: p, ready: make(chan struct{})}
	select {
	case f.work <- ev:
	case <-f.ctx.Done():
		return f.ctx.Err()
	}
	return f.send(*ev)
}

// pipelineDepth is how many events may wait between the reader and the writer; with the
// workers' queue it bounds the posts in memory whatever the file's size.
const pipelineDepth = 64

// pipeline reads on one goroutine, converts and renders post bodies (prepare) on one
// worker a core, and writes through the sink on this goroutine, in the order of the file:
// the parsing and Markdown work hides behind the database's.
func pipeline(ctx context.Context, s *sink, format string, read func(Handler) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan event, pipelineDepth)
	work := make(chan *event, pipelineDepth)
	var workers sync.WaitGroup
	for range max(runtime.GOMAXPROCS(0), 1) {
		workers.Go(func() {
			md := content.NewRenderer()
			for ev := range work {
				prepare(ev.post, format, md)
				close(ev.ready)
			}
		})
	}
	errc := make(chan error, 1)
	go func() {
		defer close(ch)
		defer close(work)
		errc <- read(&forwarder{ctx: ctx, ch: ch, work: work})
	}()
	var herr error
	for ev := range ch {
		if herr != nil {
			continue // drain until the reader sees the cancellation
		}
		switch {
		case ev.site != nil:
			herr = s.Site(*ev.site)
		case ev.author != nil:
			herr = s.Author(*ev.author)
		case ev.term != nil && ev.isTag:
			herr = s.Tag(*ev.term)
		case ev.term != nil:
			herr = s.Category(*ev.term)
		case ev.post != nil:
			<-ev.ready
			herr = s.Post(ev.post)
		}
		if herr != nil {
			cancel()
		}
	}
	rerr := <-errc
	workers.Wait()
	if herr != nil {
		return herr
	}
	return rerr
}
