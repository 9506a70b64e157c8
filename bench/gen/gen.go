// Package gen fills an empty Newsdesk database with a large synthetic edition, for
// benchmarks: languages, sections, authors, stories (some translated, in every workflow
// state) spread over three years, and briefs. The text is made of word lists, so it is
// neither news nor sense, but it has the sizes and scripts of a real agency's archive.
// The same Options (Seed included) give the same edition.
package gen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
)

// Options size and seed an edition. Zero fields take the defaults noted.
type Options struct {
	Articles  int      // stories, counting each language version
	Briefs    int      // briefs
	Languages []string // language codes of the site; default en, ru, az (the only ones with word lists)
	Sections  int      // sections, at most 8; default 8
	Seed      int64    // the same seed gives the same edition
	// Progress, when not nil, receives a line per committed batch.
	Progress io.Writer
	// Now is the end of the three years the edition spans; zero means the time of the call.
	Now time.Time
	// BatchSize is the number of rows per transaction; default 5,000.
	BatchSize int
	// NoSearch leaves the search index empty, and flagged for a rebuild (`newsdesk reindex`),
	// instead of building it at the end, which takes longer than writing the edition.
	NoSearch bool
	// NoSync writes without waiting for the disk (SQLite synchronous=OFF) and syncs the file
	// once at the end: faster, but a machine crash while generating can corrupt the database.
	NoSync bool
}

// Stats counts what Generate wrote and how long it took.
type Stats struct {
	Languages    int
	Sections     int
	Authors      int
	Tags         int // distinct tags used
	Articles     int // every language version
	Public       int // published, with publication and embargo time passed
	Groups       int // translation groups (stories)
	Translated   int // articles in a group with more than one language
	Briefs       int
	LinkedBriefs int           // briefs linked to a story
	ArticleTime  time.Duration // writing the articles, tags and revisions included
	BriefTime    time.Duration
	SearchDocs   int           // articles and briefs in the search index
	SearchTime   time.Duration // building the search index (Store.Reindex)
	Total        time.Duration
}

// Version changes whenever the generator writes a different edition for the same Options,
// so that cached editions (the benchmarks keep one per size) are made afresh.
const Version = 4

// span is how far back the edition reaches.
const span = 3 * 365 * 24 * time.Hour

// authorCount is the size of the staff.
const authorCount = 40

// Generate writes an edition into st, which must be migrated and empty, then builds the
// search index (Store.Reindex) unless o.NoSearch. It commits every BatchSize rows, so a failure part-way leaves
// a partial edition behind.
func Generate(ctx context.Context, st *store.Store, o Options) (Stats, error) {
	start := time.Now()
	var stats Stats
	g, err := newGenerator(o)
	if err != nil {
		return stats, err
	}
	empty, err := st.IsEmpty(ctx)
	if err != nil {
		return stats, err
	}
	if !empty {
		return stats, errors.New("generate edition: the database already has content")
	}
	if err := st.WithTx(ctx, func(tx *store.Tx) error { return g.setup(ctx, tx) }); err != nil {
		return stats, fmt.Errorf("generate edition: %w", err)
	}
	stats.Languages, stats.Sections, stats.Authors = len(g.langs), len(g.sections), len(g.authors)

	ld, err := st.NewLoader(ctx, store.LoaderOptions{NoSync: o.NoSync})
	if err != nil {
		return stats, fmt.Errorf("generate edition: %w", err)
	}
	defer ld.Close()
	t0 := time.Now()
	if err := g.writeArticles(ctx, ld, &stats); err != nil {
		return stats, fmt.Errorf("generate edition: %w", err)
	}
	stats.ArticleTime = time.Since(t0)
	for _, lx := range g.langs {
		stats.Tags += g.tagsUsed[lx.code]
	}
	t0 = time.Now()
	if err := g.writeBriefs(ctx, ld, &stats); err != nil {
		return stats, fmt.Errorf("generate edition: %w", err)
	}
	if err := ld.Close(); err != nil {
		return stats, fmt.Errorf("generate edition: %w", err)
	}
	stats.BriefTime = time.Since(t0)
	if !o.NoSearch {
		t0 = time.Now()
		rs, err := st.Reindex(ctx, g.reindexProgress(t0))
		if err != nil {
			return stats, fmt.Errorf("generate edition: %w", err)
		}
		stats.SearchTime, stats.SearchDocs = time.Since(t0), rs.Articles+rs.Briefs
	}
	stats.Total = time.Since(start)
	return stats, nil
}

// generator holds an edition's fixed material and what was written so far.
type generator struct {
	o        Options
	now      time.Time
	langs    []*lexicon
	sections []content.Section // IDs filled by setup
	authors  []author
	refs     [][]articleRef // per language index: written articles, for linking briefs
	tagsUsed map[string]int // language → distinct tags used
}

type author struct {
	id          int64
	first, last int // indexes into the lexicons' name lists
	role        int
}

// articleRef is what briefs need to know of a written article.
type articleRef struct {
	id        int64
	section   int
	published time.Time
}

func newGenerator(o Options) (*generator, error) {
	if o.Articles < 0 || o.Briefs < 0 {
		return nil, errors.New("generate edition: negative article or brief count")
	}
	if len(o.Languages) == 0 {
		o.Languages = []string{"en", "ru", "az"}
	}
	if o.Sections == 0 {
		o.Sections = len(sectionNames())
	}
	if o.Sections < 1 || o.Sections > len(sectionNames()) {
		return nil, fmt.Errorf("generate edition: %d sections: the generator has names for 1 to %d", o.Sections, len(sectionNames()))
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 5000
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	g := &generator{o: o, now: o.Now.UTC().Truncate(time.Second), tagsUsed: map[string]int{}}
	seen := map[string]bool{}
	for i, code := range o.Languages {
		if seen[code] {
			return nil, fmt.Errorf("generate edition: language %s given twice", code)
		}
		seen[code] = true
		lx, err := newLexicon(code)
		if err != nil {
			return nil, fmt.Errorf("generate edition: %w", err)
		}
		lx.buildTags(rand.New(rand.NewPCG(uint64(o.Seed), uint64(1000+i)))) // #nosec G404 G115 -- a seeded, reproducible generator for benchmark data, not a secret; the seed is reinterpreted as bits
		g.langs = append(g.langs, lx)
	}
	g.refs = make([][]articleRef, len(g.langs))
	return g, nil
}

// setup writes the languages, sections and authors.
func (g *generator) setup(ctx context.Context, tx *store.Tx) error {
	for i, lx := range g.langs {
		if err := tx.PutLanguage(ctx, content.Language{Code: lx.code, Name: lx.name, SiteName: lx.siteName, Position: i + 1}); err != nil {
			return err
		}
	}
	for i, sn := range sectionNames()[:g.o.Sections] {
		in := store.SectionInput{Key: sn.key, Position: i + 1, Names: map[string]string{}, Slugs: map[string]string{}}
		for _, lx := range g.langs {
			in.Names[lx.code], in.Slugs[lx.code] = sn.names[lx.code], sn.slugs[lx.code]
		}
		id, err := tx.CreateSection(ctx, in)
		if err != nil {
			return err
		}
		g.sections = append(g.sections, content.Section{ID: id, Key: sn.key})
	}
	r := rand.New(rand.NewPCG(uint64(g.o.Seed), 1)) // #nosec G404 G115 -- a seeded, reproducible generator for benchmark data, not a secret; the seed is reinterpreted as bits
	en, _ := newLexicon("en")                       // author records are named in English, as the demo does
	used := map[[2]int]bool{}
	for len(g.authors) < authorCount {
		a := author{first: r.IntN(len(en.first)), last: r.IntN(len(en.last)), role: r.IntN(len(en.roles))}
		if used[[2]int{a.first, a.last}] {
			continue
		}
		used[[2]int{a.first, a.last}] = true
		id, err := tx.CreateAuthor(ctx, content.Author{Name: en.first[a.first] + " " + en.last[a.last], Role: en.roles[a.role]})
		if err != nil {
			return err
		}
		a.id = id
		g.authors = append(g.authors, a)
	}
	return nil
}

// batches runs produce for batch indexes 0..n-1 on spare cores, ahead of the caller, and hands
// the results to consume in index order on the calling goroutine (the only database writer).
func batches[T any](ctx context.Context, n int, produce func(i int) T, consume func(i int, v T) error) error {
	workers := max(runtime.GOMAXPROCS(0)-1, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]chan T, n)
	for i := range results {
		results[i] = make(chan T, 1)
	}
	ahead := make(chan struct{}, workers+1) // batches made but not yet consumed
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := 0; i < n; i++ {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range jobs {
				results[i] <- produce(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		var v T
		select {
		case v = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		err := consume(i, v)
		<-ahead
		if err != nil {
			return err
		}
	}
	return nil
}

// progress prints one line about a committed batch.
func (g *generator) progress(what string, done, total int, since time.Time) {
	if g.o.Progress == nil {
		return
	}
	el := time.Since(since)
	fmt.Fprintf(g.o.Progress, "%-8s %7d / %-7d %6.1f s %8.0f/s\n", what, done, total, el.Seconds(), float64(done)/el.Seconds())
}

// reindexProgress returns a progress function for Store.Reindex that prints a line at every
// tenth of the way.
func (g *generator) reindexProgress(since time.Time) func(done, total int) {
	if g.o.Progress == nil {
		return nil
	}
	next := 0
	return func(done, total int) {
		if total == 0 || done < next {
			return
		}
		g.progress("search", done, total, since)
		next = done + max(total/10, 1)
	}
}

// rng returns the random source of one batch of one phase, independent of the others.
func (g *generator) rng(phase, batch int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.o.Seed), uint64(phase)<<32|uint64(batch))) // #nosec G404 G115 -- a seeded, reproducible generator for benchmark data, not a secret; the seed is reinterpreted as bits
}
