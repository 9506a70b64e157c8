package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

func TestLegacyKeys(t *testing.T) {
	for _, c := range []struct {
		name, format string
		post         Post
		firm, weak   string
	}{
		{"dated permalink", "wordpress", Post{ID: "201", Link: "https://a.example/2025/04/03/x/", GUID: "https://a.example/?p=201",
			Slug: "x", Date: "2025-04-03 09:00:00"},
			"/2025/04/03/x /?p=201 /2025/04/x", "/x"},
		{"a guid naming another post's ID is weak", "wordpress", Post{ID: "700", Link: "https://a.example/y/", GUID: "https://a.example/?p=568",
			Slug: "y", Date: "2025-04-03 09:00:00"},
			"/y /?p=700 /2025/04/03/y /2025/04/y", "/?p=568"},
		{"a plain link to another ID is weak", "wordpress", Post{ID: "700", Link: "https://a.example/?p=568", Slug: "y"},
			"/?p=700", "/?p=568 /y"},
		{"no date: the modification date", "wordpress", Post{ID: "300", Link: "https://a.example/?p=300", Slug: "z",
			Date: "0000-00-00 00:00:00", Modified: "2025-05-06 12:00:00"},
			"/?p=300 /2025/05/06/z /2025/05/z", "/z"},
		{"no date at all", "wordpress", Post{ID: "301", Link: "https://a.example/z/", Slug: "z"}, "/z /?p=301", ""},
		{"the guid of the site is kept", "wordpress", Post{ID: "5", Link: "https://a.example/?p=5", GUID: "http://a.example/old-home/a/"},
			"/?p=5", "/old-home/a"},
		{"the guid of another site is not", "wordpress", Post{ID: "5", Link: "https://a.example/?p=5", GUID: "https://b.example/a/"},
			"/?p=5", ""},
		{"ghost", "ghost", Post{ID: "abc", Slug: "hello", Link: ""}, "/hello", ""},
		{"our export", "wordpress", Post{ID: "9", Link: "https://n.example/en/a/b", Meta: []Meta{{"_newsdesk_language", "en"},
			{"_newsdesk_legacy_path", "/?p=9"}, {"_newsdesk_legacy_path", "/old"}}}, "/?p=9 /old", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			firm, weak := legacyKeys(&c.post, c.format)
			if got := strings.Join(firm, " "); got != c.firm {
				t.Errorf("firm %q, want %q", got, c.firm)
			}
			if got := strings.Join(weak, " "); got != c.weak {
				t.Errorf("weak %q, want %q", got, c.weak)
			}
		})
	}
}

func TestLegacyKeyOfQueries(t *testing.T) {
	for q, want := range map[string]string{
		"p=12": "/?p=12", "page_id=3": "/?page_id=3", "cat=7": "/?cat=7", "p=x": "", "m=2024": "/2024", "m=202405": "/2024/05",
		"m=20240501": "/2024/05/01", "m=20245": "", "tag=ports": "/tag/ports", "category_name=a/b": "/category/a/b",
		"author_name=mira": "/author/mira", "feed=rss2": "/feed", "feed=atom": "/feed/atom", "utm_source=x": "", "%zz": "",
	} {
		if got := LegacyKey("/", q); got != want {
			t.Errorf("LegacyKey(/?%s) = %q, want %q", q, got, want)
		}
	}
}

// fakeLegacy is a LegacyStore with a few kept paths, stories in May 2024 and one author.
type fakeLegacy map[string]LegacyPlace

func (f fakeLegacy) LegacyPlace(_ context.Context, key string, _ time.Time) (LegacyPlace, error) {
	if p, ok := f[key]; ok {
		return p, nil
	}
	return LegacyPlace{}, fmt.Errorf("%s: %w", key, content.ErrNotFound)
}

func (f fakeLegacy) LegacyPeriod(_ context.Context, from, to, _ time.Time) (LegacyPlace, error) {
	may := time.Date(2024, 5, 10, 23, 30, 0, 0, time.UTC) // 11 May in UTC+2
	if !may.Before(from) && may.Before(to) {
		return LegacyPlace{Kind: "home", Lang: "en"}, nil
	}
	return LegacyPlace{}, content.ErrNotFound
}

func (f fakeLegacy) LegacyAuthor(_ context.Context, slug string, _ time.Time) (LegacyPlace, error) {
	switch slug {
	case "mira-k":
		return LegacyPlace{Kind: "author", Lang: "en", Slug: slug}, nil
	case "quiet":
		return LegacyPlace{Kind: "home"}, nil
	}
	return LegacyPlace{}, content.ErrNotFound
}

func TestResolveLegacy(t *testing.T) {
	st := fakeLegacy{
		"/hello":    {Kind: "article", Lang: "en", Section: "world", Slug: "hello"},
		"/rss":      {Kind: "article", Lang: "en", Section: "world", Slug: "rss"}, // a story called "rss" keeps its URL
		"/tag/port": {Kind: "tag", Lang: "en", Slug: "port"},
		"/tag/main": {Kind: "section", Lang: "en", Section: "main"},
	}
	loc := time.FixedZone("UTC+2", 2*3600)
	for path, want := range map[string]string{
		"/hello/": "/en/world/hello", "/hello/rss/": "/en/world/feed/rss.xml", "/hello/feed/atom/": "/en/world/feed/atom.xml",
		"/hello/comments/feed/": "/en/world/feed/rss.xml", "/rss/": "/en/world/rss", "/feed/": "/rss.xml", "/comments/feed/atom": "/atom.xml",
		"/tag/port/": "/en/tag/port", "/tag/port/rss/": "/en/tag/port/feed/rss.xml", "/tag/port/page/4/": "/en/tag/port",
		"/tag/main/rss/": "/en/main/feed/rss.xml", "/author/mira.k/": "/en/author/mira-k", "/author/mira-k/rss/": "/en/feed/rss.xml",
		"/author/quiet/": "/", "/author/quiet/feed/": "/rss.xml", "/2024/": "/en/", "/2024/05/": "/en/", "/2024/05/11/": "/en/",
		"/2024/05/10/": "", "/2024/06/": "", "/2024/13/": "", "/0001/": "", "/author/nobody/": "", "/tag/none/rss/": "", "/nothing/": "",
		"/page/2/": "/",
	} {
		got, err := ResolveLegacy(context.Background(), st, path, "", loc, time.Now())
		if want == "" {
			if !errors.Is(err, content.ErrNotFound) {
				t.Errorf("%s: %q, %v; want not found", path, got, err)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("%s: %q, %v; want %q", path, got, err, want)
		}
	}
}
