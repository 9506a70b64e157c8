package testkit

import (
	"context"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// WireEnv is a small, real wire set-up: a migrated store with two languages and two
// sections, an editor, and the newsroom with the wire's hook registered.
type WireEnv struct {
	St       *store.Store
	Newsroom *newsroom.Service
	Wire     *syndication.Service
	Editor   account.User
	Catalog  syndication.Catalog
}

// NewWireEnv opens and migrates dsn, seeds it, and wires the newsroom's hook to a wire
// service configured by cfg (Store is filled in).
func NewWireEnv(t testing.TB, dsn string, cfg syndication.Config) *WireEnv {
	t.Helper()
	ctx := context.Background()
	st := Store(t, dsn)
	e := &WireEnv{St: st, Catalog: syndication.Catalog{Sections: []string{"economy", "politics"}, Languages: []string{"en", "ru"}}}
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		for i, l := range []content.Language{{Code: "en", Name: "English", SiteName: "Wire"}, {Code: "ru", Name: "Русский", SiteName: "Лента"}} {
			l.Position = i
			if err := tx.PutLanguage(ctx, l); err != nil {
				return err
			}
		}
		for i, key := range []string{"politics", "economy"} {
			if _, err := tx.CreateSection(ctx, store.SectionInput{Key: key, Position: i,
				Names: map[string]string{"en": key, "ru": key + "-ru"}, Slugs: map[string]string{"en": key, "ru": key + "-ru"}}); err != nil {
				return err
			}
		}
		id, err := tx.CreateUser(ctx, account.User{Email: "editor@wire.test", Name: "Wire Editor", Role: account.RoleEditor, CreatedAt: time.Now()})
		e.Editor = account.User{ID: id, Email: "editor@wire.test", Name: "Wire Editor", Role: account.RoleEditor}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store = st
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://wire.test"
	}
	e.Wire = syndication.New(cfg)
	e.Newsroom = newsroom.New(st, nil, nil)
	e.Newsroom.OnChange(func(ctx context.Context, tx newsroom.Tx, id int64, event string) error {
		return e.Wire.RecordChange(ctx, tx, id, event)
	})
	return e
}

// Story is what Publish files.
type Story struct {
	Language, Section, Headline string
	Embargo                     time.Time
}

// Publish files a story as the editor and publishes it; it fails the test on an error.
func (e *WireEnv) Publish(t testing.TB, s Story) content.Article {
	t.Helper()
	a, err := e.TryPublish(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TryPublish files a story as the editor and publishes it (for other goroutines than the
// test's, which may not call t.Fatal).
func (e *WireEnv) TryPublish(s Story) (content.Article, error) {
	ctx := context.Background()
	if s.Language == "" {
		s.Language = "en"
	}
	if s.Section == "" {
		s.Section = "politics"
	}
	a, err := e.Newsroom.Create(ctx, e.Editor, newsroom.ArticleInput{Language: s.Language, Section: s.Section,
		Headline: s.Headline, Standfirst: "What happened.", Body: "The **body** of " + s.Headline + ".\n\n- one\n- two",
		Dateline: "BAKU", Tags: []string{"Testing"}, EmbargoUntil: s.Embargo})
	if err != nil {
		return a, err
	}
	a, _, err = e.Newsroom.Publish(ctx, e.Editor, a.ID)
	return a, err
}

// Subscriber adds a subscriber and returns it with its key.
func (e *WireEnv) Subscriber(t testing.TB, name string, sections, languages []string) (syndication.Subscriber, string) {
	t.Helper()
	sub, key, err := e.Wire.AddSubscriber(context.Background(), syndication.SubscriberInput{Name: name, Sections: sections,
		Languages: languages}, e.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	return sub, key
}
