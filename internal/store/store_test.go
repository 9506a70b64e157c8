package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// fixture is a small edition: two languages, two sections, stories in every state.
type fixture struct {
	now                                         time.Time
	politics, economy                           content.Section
	author                                      int64
	lead, leadRU, draft, embargoed, gone, later int64
}

func seed(t *testing.T, st *store.Store) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{now: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)}
	md := content.NewRenderer()
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		for i, l := range []content.Language{{Code: "en", Name: "English", SiteName: "Wire"}, {Code: "ru", Name: "Русский", SiteName: "Лента"}} {
			l.Position = i
			if err := tx.PutLanguage(ctx, l); err != nil {
				return err
			}
		}
		for _, sec := range []struct {
			key string
			dst *content.Section
			ru  string
		}{{"politics", &f.politics, "politika"}, {"economy", &f.economy, "ekonomika"}} {
			id, err := tx.CreateSection(ctx, store.SectionInput{Key: sec.key,
				Names: map[string]string{"en": sec.key, "ru": sec.ru}, Slugs: map[string]string{"en": sec.key, "ru": sec.ru}})
			if err != nil {
				return err
			}
			*sec.dst = content.Section{ID: id, Key: sec.key}
		}
		var err error
		if f.author, err = tx.CreateAuthor(ctx, content.Author{Name: "Nigar Test", Role: "Washington correspondent"}); err != nil {
			return err
		}
		mk := func(lang, slug string, st content.Status, pub time.Time, group int64, embargo time.Time) (int64, error) {
			html, err := md.Render("Para one.\n\n> “A quote,” said an official.\n")
			if err != nil {
				return 0, err
			}
			return tx.CreateArticle(ctx, content.Article{GroupID: group, Language: lang, Section: f.politics,
				Author: content.Author{ID: f.author}, Byline: "Nigar Test", BylineRole: "Washington correspondent",
				Headline: "Headline " + slug, Standfirst: "Standfirst", BodyMD: "Para one.", BodyHTML: html, Slug: slug,
				Status: st, Lead: slug == "lead", PublishedAt: pub, UpdatedAt: pub, EmbargoUntil: embargo,
				Tags: []content.Tag{{Name: "Diplomacy"}, {Name: "Customs Union"}}})
		}
		group, err := tx.NewGroup(ctx, f.now)
		if err != nil {
			return err
		}
		if f.lead, err = mk("en", "lead", content.StatusPublished, f.now.Add(-time.Hour), group, time.Time{}); err != nil {
			return err
		}
		if f.leadRU, err = mk("ru", "lead-ru", content.StatusPublished, f.now.Add(-time.Hour), group, time.Time{}); err != nil {
			return err
		}
		if f.draft, err = mk("en", "draft", content.StatusDraft, time.Time{}, 0, time.Time{}); err != nil {
			return err
		}
		if f.embargoed, err = mk("en", "embargoed", content.StatusPublished, f.now.Add(-2*time.Hour), 0, f.now.Add(time.Hour)); err != nil {
			return err
		}
		if f.gone, err = mk("en", "gone", content.StatusUnpublished, f.now.Add(-3*time.Hour), 0, time.Time{}); err != nil {
			return err
		}
		if f.later, err = mk("en", "later", content.StatusPublished, f.now.Add(time.Hour), 0, time.Time{}); err != nil {
			return err
		}
		for i, ago := range []time.Duration{time.Hour, 2 * time.Hour, 26 * time.Hour, 50 * time.Hour} {
			b := content.Brief{Language: "en", Section: f.politics, Text: "Brief text", PublishedAt: f.now.Add(-ago)}
			if i == 0 {
				b.ArticleID = f.lead
			}
			if _, err := tx.CreateBrief(ctx, b); err != nil {
				return err
			}
		}
		_, err = tx.CreateBrief(ctx, content.Brief{Language: "en", Section: f.economy, Text: "Future", PublishedAt: f.now.Add(time.Hour)})
		return err
	})
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	return f
}

func TestVisibility(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		for _, tc := range []struct {
			slug string
			want error
		}{
			{"lead", nil},
			{"draft", content.ErrNotFound},
			{"embargoed", content.ErrNotFound},
			{"later", content.ErrNotFound},
			{"gone", content.ErrGone},
			{"no-such", content.ErrNotFound},
		} {
			a, err := st.PublicArticle(ctx, "en", tc.slug, f.now)
			if !errors.Is(err, tc.want) {
				t.Errorf("PublicArticle(%s) err = %v, want %v", tc.slug, err, tc.want)
			}
			if tc.want == nil && (a.Headline != "Headline lead" || len(a.Tags) != 2 || a.Tags[0].Slug != "diplomacy" ||
				a.Section.Slug != "politics" || a.Author.Role != "Washington correspondent") {
				t.Errorf("PublicArticle(lead) = %+v", a)
			}
		}
		// After the embargo lifts, the story is public.
		if _, err := st.PublicArticle(ctx, "en", "embargoed", f.now.Add(2*time.Hour)); err != nil {
			t.Errorf("embargoed story after embargo: %v", err)
		}
		list, err := st.PublicArticles(ctx, content.ListQuery{Language: "en"}, f.now)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].ID != f.lead {
			t.Errorf("public list = %+v, want only the lead", list)
		}
	})
}

func TestTranslationsAndTags(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		a, err := st.PublicArticle(ctx, "en", "lead", f.now)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := st.Translations(ctx, a, f.now)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr) != 1 || tr[0].Language != "ru" || tr[0].SectionSlug != "politika" || tr[0].Slug != "lead-ru" {
			t.Errorf("translations = %+v", tr)
		}
		id, tag, err := st.TagBySlug(ctx, "en", "customs-union")
		if err != nil || tag.Name != "Customs Union" {
			t.Fatalf("TagBySlug = %v %+v %v", id, tag, err)
		}
		list, err := st.PublicArticles(ctx, content.ListQuery{Language: "en", TagID: id}, f.now)
		if err != nil || len(list) != 1 {
			t.Errorf("tag list = %+v, %v", list, err)
		}
		list, err = st.PublicArticles(ctx, content.ListQuery{Language: "en", AuthorID: f.author, LeadOnly: true}, f.now)
		if err != nil || len(list) != 1 {
			t.Errorf("author lead list = %+v, %v", list, err)
		}
		if _, _, err := st.TagBySlug(ctx, "ru", "no-such-tag"); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("tag in other language: %v", err)
		}
	})
}

func TestSlugHistory(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.ChangeSlug(ctx, f.lead, "lead-renamed") }); err != nil {
			t.Fatal(err)
		}
		_, err := st.PublicArticle(ctx, "en", "lead", f.now)
		var moved *content.MovedError
		if !errors.As(err, &moved) || moved.Path != "/en/politics/lead-renamed" {
			t.Fatalf("old slug: err = %v, want moved to /en/politics/lead-renamed", err)
		}
		if _, err := st.PublicArticle(ctx, "en", "lead-renamed", f.now); err != nil {
			t.Errorf("new slug: %v", err)
		}
		// Renaming back frees the history entry.
		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.ChangeSlug(ctx, f.lead, "lead") }); err != nil {
			t.Fatal(err)
		}
		if _, err := st.PublicArticle(ctx, "en", "lead", f.now); err != nil {
			t.Errorf("renamed back: %v", err)
		}
		err = st.WithTx(ctx, func(tx *store.Tx) error { return tx.ChangeSlug(ctx, f.draft, "lead") })
		if !errors.Is(err, content.ErrConflict) {
			t.Errorf("taking a used slug: err = %v, want ErrConflict", err)
		}
	})
}

func TestBriefs(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		all, err := st.PublicBriefs(ctx, content.BriefQuery{Language: "en", SectionID: f.politics.ID}, f.now)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 4 || !all[0].PublishedAt.After(all[1].PublishedAt) {
			t.Fatalf("briefs = %+v", all)
		}
		if all[0].ArticleURL != "/en/politics/lead" {
			t.Errorf("linked brief URL = %q", all[0].ArticleURL)
		}
		day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
		one, err := st.PublicBriefs(ctx, content.BriefQuery{Language: "en", SectionID: f.politics.ID, From: day, To: day.AddDate(0, 0, 1)}, f.now)
		if err != nil || len(one) != 1 {
			t.Errorf("briefs of 24 Nov = %+v, %v", one, err)
		}
		econ, err := st.PublicBriefs(ctx, content.BriefQuery{Language: "en", SectionID: f.economy.ID}, f.now)
		if err != nil || len(econ) != 0 {
			t.Errorf("future brief shown: %+v, %v", econ, err)
		}
	})
}

func TestConstraints(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		seed(t, st)
		ctx := context.Background()
		tests := []struct {
			name string
			fn   func(tx *store.Tx) error
			want error
		}{
			{"duplicate section", func(tx *store.Tx) error {
				_, err := tx.CreateSection(ctx, store.SectionInput{Key: "politics"})
				return err
			}, content.ErrConflict},
			{"duplicate section slug", func(tx *store.Tx) error {
				_, err := tx.CreateSection(ctx, store.SectionInput{Key: "other", Names: map[string]string{"en": "Politics"}})
				return err
			}, content.ErrConflict},
			{"duplicate user", func(tx *store.Tx) error {
				if _, err := tx.CreateUser(ctx, account.User{Email: "a@b.c", Name: "A", Role: "editor"}); err != nil {
					return err
				}
				_, err := tx.CreateUser(ctx, account.User{Email: "A@B.C", Name: "A", Role: "editor"})
				return err
			}, content.ErrConflict},
		}
		for _, tc := range tests {
			err := st.WithTx(ctx, tc.fn)
			if !errors.Is(err, tc.want) {
				t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
			}
		}
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateSection(ctx, store.SectionInput{Key: "x", Names: map[string]string{"en": "Tag"}, Slugs: map[string]string{"en": "tag"}})
			return err
		}); err == nil {
			t.Error("reserved section slug accepted")
		}
	})
}

func TestMigrateIdempotent(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		applied, err := st.Migrate(ctx)
		if err != nil || len(applied) != 0 {
			t.Errorf("second migrate applied %v, %v", applied, err)
		}
		v, err := st.SchemaVersion(ctx)
		if err != nil || v != store.LatestVersion() {
			t.Errorf("schema version %d, %v; want %d", v, err, store.LatestVersion())
		}
	})
}

func TestRefusesForeignSQLite(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("hello, this is not a database at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE wp_posts (id INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, path := range []string{text, other, dir} {
		before, _ := os.ReadFile(path)
		_, err := store.Open(context.Background(), path, store.Options{})
		if err == nil {
			t.Errorf("Open(%s) succeeded", path)
		}
		after, _ := os.ReadFile(path)
		if string(before) != string(after) {
			t.Errorf("Open(%s) modified the file", path)
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Errorf("Open(%s) created a WAL file", path)
		}
	}
}

func TestRefusesForeignPostgres(t *testing.T) {
	dsn := pgtest.New(t)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE wp_posts (id INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(context.Background(), dsn, store.Options{}); !errors.Is(err, store.ErrNotNewsdesk) {
		t.Errorf("Open = %v, want ErrNotNewsdesk", err)
	}
}

func TestUnreachablePostgres(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := store.Open(ctx, "postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", store.Options{})
	if err == nil {
		t.Fatal("Open of an unreachable PostgreSQL succeeded")
	}
	if msg := err.Error(); !strings.Contains(msg, "cannot reach database") || strings.Contains(msg, "secret") {
		t.Errorf("message %q should say it cannot reach the database and hide the password", msg)
	}
}
