// Package cache is the page cache of the public site: rendered pages, feeds and sitemaps
// kept in memory, bounded in bytes, each with the surrogate keys of what it shows, so
// that a change purges exactly the pages that show it. Concurrent misses of one page
// render it once. Entries are stored precompressed (gzip, brotli) with their response
// headers prepared, so that a hit allocates nothing and compresses nothing.
package cache

import (
	"sync"
	"sync/atomic"
	"time"
)

// Cache is a size-bounded page cache. It is safe for concurrent use; a nil *Cache is a
// cache that is off (every Get misses, Fill always renders, nothing is kept).
type Cache struct {
	max int64 // bytes

	mu      sync.RWMutex
	entries map[string]*Entry
	byKey   map[string]map[*Entry]struct{} // surrogate key → entries showing it
	size    int64
	flights map[string]*flight
	// gen counts purges. A page rendered while a purge happened may show what the
	// purge removed, so it is not kept, and later requests do not wait for it.
	gen uint64

	horizon    time.Time // see Horizon
	horizonGen uint64
	horizonOK  bool

	hits, misses, evictions atomic.Int64
}

// flight is one render in progress; requests for the same page in the same
// generation wait for it instead of rendering again.
type flight struct {
	gen  uint64
	done chan struct{}
	e    *Entry
	err  error
}

// New returns a cache holding at most maxBytes of pages; 0 or less returns nil, a cache
// that is off.
func New(maxBytes int64) *Cache {
	if maxBytes <= 0 {
		return nil
	}
	return &Cache{max: maxBytes, entries: map[string]*Entry{}, byKey: map[string]map[*Entry]struct{}{},
		flights: map[string]*flight{}}
}

// Get returns the current entry for key, or nil.
func (c *Cache) Get(key string, now time.Time) *Entry {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	e := c.entries[key]
	c.mu.RUnlock()
	if e == nil || (!e.expires.IsZero() && !now.Before(e.expires)) {
		c.misses.Add(1)
		return nil
	}
	e.used.Store(true)
	c.hits.Add(1)
	return e
}

// Fill returns the entry for key, rendering it with render when it is missing; of
// concurrent callers in one generation only one renders and the others wait for its
// result. The entry is kept when it is Cacheable, fits, and no purge happened while it
// was rendered. shared reports that this caller did not render it.
func (c *Cache) Fill(key string, now time.Time, render func() (*Entry, error)) (e *Entry, shared bool, err error) {
	if c == nil {
		e, err = render()
		return e, false, err
	}
	c.mu.Lock()
	if e := c.entries[key]; e != nil && (e.expires.IsZero() || now.Before(e.expires)) {
		c.mu.Unlock()
		return e, true, nil
	}
	if f := c.flights[key]; f != nil && f.gen == c.gen {
		c.mu.Unlock()
		<-f.done
		return f.e, true, f.err
	}
	f := &flight{gen: c.gen, done: make(chan struct{})}
	c.flights[key] = f
	c.mu.Unlock()

	defer func() {
		c.mu.Lock()
		if c.flights[key] == f {
			delete(c.flights, key)
		}
		if f.err == nil && f.e != nil && f.e.Cacheable && f.gen == c.gen {
			c.insertLocked(key, f.e)
		}
		c.mu.Unlock()
		close(f.done)
	}()
	// A panicking render must release the waiters: they get an error, the panic goes on.
	f.err = errRenderPanicked
	f.e, f.err = render()
	return f.e, false, f.err
}

type renderError string

func (e renderError) Error() string { return string(e) }

const errRenderPanicked = renderError("page render failed")

func (c *Cache) insertLocked(key string, e *Entry) {
	e.size = int64(len(key)+len(e.Body)) + 512
	if e.compress {
		e.size += int64(len(e.Body)) / 2 // room for the gzip and brotli bodies made on demand
	}
	if e.size > c.max/4 {
		return // one page may not crowd out the rest
	}
	if old := c.entries[key]; old != nil {
		c.removeLocked(old)
	}
	for c.size+e.size > c.max && len(c.entries) > 0 {
		c.evictLocked()
	}
	e.key = key
	c.entries[key] = e
	c.size += e.size
	for _, k := range e.Keys {
		m := c.byKey[k]
		if m == nil {
			m = map[*Entry]struct{}{}
			c.byKey[k] = m
		}
		m[e] = struct{}{}
	}
}

func (c *Cache) removeLocked(e *Entry) {
	if c.entries[e.key] != e {
		return
	}
	delete(c.entries, e.key)
	c.size -= e.size
	for _, k := range e.Keys {
		if m := c.byKey[k]; m != nil {
			delete(m, e)
			if len(m) == 0 {
				delete(c.byKey, k)
			}
		}
	}
}

// evictLocked removes one entry not used since it was last passed over (the clock
// algorithm over Go's randomised map order): hits only set a flag, never take the lock.
func (c *Cache) evictLocked() {
	for range 2 {
		n := 0
		for _, e := range c.entries {
			if !e.used.Swap(false) || n > 64 {
				c.removeLocked(e)
				c.evictions.Add(1)
				return
			}
			n++
		}
	}
	for _, e := range c.entries {
		c.removeLocked(e)
		c.evictions.Add(1)
		return
	}
}

// Purge removes every entry that shows one of keys (All: every entry).
func (c *Cache) Purge(keys ...string) {
	if c == nil || len(keys) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for _, k := range keys {
		if k == All {
			clear(c.entries)
			clear(c.byKey)
			c.size = 0
			return
		}
		for e := range c.byKey[k] {
			c.removeLocked(e)
		}
	}
}

// Horizon returns the time until which pages rendered now stay true by the clock: the
// next moment something scheduled or embargoed becomes public (zero: none pending). It
// calls next at most once per purge generation and after the horizon has passed, so a
// miss does not cost a query.
func (c *Cache) Horizon(now time.Time, next func() (time.Time, error)) (time.Time, error) {
	if c == nil {
		return next()
	}
	c.mu.RLock()
	h, ok, gen := c.horizon, c.horizonOK && c.horizonGen == c.gen && (c.horizon.IsZero() || now.Before(c.horizon)), c.gen
	c.mu.RUnlock()
	if ok {
		return h, nil
	}
	h, err := next()
	if err != nil {
		return h, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.horizon, c.horizonGen, c.horizonOK = h, gen, true
	}
	c.mu.Unlock()
	return h, nil
}

// Stats are the cache's counters.
type Stats struct {
	Entries                 int
	Bytes                   int64
	Hits, Misses, Evictions int64
}

// Stats returns the counters (for metrics and tests).
func (c *Cache) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return Stats{Entries: len(c.entries), Bytes: c.size, Hits: c.hits.Load(), Misses: c.misses.Load(), Evictions: c.evictions.Load()}
}
