package store

import (
	"context"
	"slices"
	"sync"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The site's small, rarely changed tables — languages, sections and settings — are read
// on every public page. They are kept in memory between changes: any change to them
// marks its transaction as touching everything (Tx.touch), whose purge of cache.All,
// local or announced by another instance, empties the memo synchronously after the
// commit. Reads go to the primary, never to a replica that may lag behind the purge.

// memo holds values read from the database until the next purge of everything.
type memo struct {
	mu  sync.Mutex
	gen uint64 // counts purges: a value read across one is not kept
	m   map[string]any
}

// load returns the value under key, reading it with read when it is not kept. A value
// read inside a ReadSnapshot is kept only if nothing was purged since the snapshot began:
// it may be older than the purge.
func (m *memo) load(ctx context.Context, key string, read func() (any, error)) (any, error) {
	m.mu.Lock()
	v, ok := m.m[key]
	gen := m.gen
	m.mu.Unlock()
	if sn := snapshotOf(ctx); sn != nil {
		gen = sn.memoGen
	}
	if ok {
		return v, nil
	}
	v, err := read()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	if m.gen == gen {
		if m.m == nil {
			m.m = map[string]any{}
		}
		m.m[key] = v
	}
	m.mu.Unlock()
	return v, nil
}

// generation is the count of purges so far.
func (m *memo) generation() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.gen
}

// purge forgets everything when keys include cache.All.
func (m *memo) purge(keys []string) {
	if !slices.Contains(keys, cache.All) {
		return
	}
	m.mu.Lock()
	m.gen++
	clear(m.m)
	m.mu.Unlock()
}

// forget drops the values under keys.
func (m *memo) forget(keys ...string) {
	if len(keys) == 0 {
		return
	}
	m.mu.Lock()
	m.gen++
	for _, k := range keys {
		delete(m.m, k)
	}
	m.mu.Unlock()
}

// primary routes a read to the primary database even on a public page.
func primary(ctx context.Context) context.Context {
	return context.WithValue(ctx, publicReadKey{}, false)
}

// Languages lists the site's languages in display order. The slice is the caller's.
func (s *Store) Languages(ctx context.Context) ([]content.Language, error) {
	v, err := s.memo.load(ctx, "languages", func() (any, error) { return s.languages(primary(ctx)) })
	if err != nil {
		return nil, err
	}
	return slices.Clone(v.([]content.Language)), nil
}

// Sections lists the sections with their names and slugs in lang, in display order. The
// slice is the caller's.
func (s *Store) Sections(ctx context.Context, lang string) ([]content.Section, error) {
	v, err := s.memo.load(ctx, "sections:"+lang, func() (any, error) { return s.sections(primary(ctx), lang) })
	if err != nil {
		return nil, err
	}
	return slices.Clone(v.([]content.Section)), nil
}

func settingKey(key string) string { return "setting:" + key }

// setting is a kept setting: its value, or absent.
type setting struct {
	value string
	set   bool
}

// Setting reads a site setting, def when it is not set.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	v, err := s.memo.load(ctx, settingKey(key), func() (any, error) { return s.setting(primary(ctx), key) })
	if err != nil {
		return def, err
	}
	if st := v.(setting); st.set {
		return st.value, nil
	}
	return def, nil
}

// FreshSetting reads a site setting as last committed, outside any ReadSnapshot (see
// Detached): for a value that may have been written since the snapshot began.
func (s *Store) FreshSetting(ctx context.Context, key, def string) (string, error) {
	return s.Setting(Detached(ctx), key, def)
}
