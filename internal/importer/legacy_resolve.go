package importer

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// LegacyPlace is where an old URL leads now: a story, a section front, a tag page, an
// author page, one of the site's pages or a language's home page.
type LegacyPlace struct {
	Kind    string // "article", "section", "tag", "author", "page" or "home"
	Lang    string // "" for the site's home page (home only)
	Section string // the section's slug in Lang (article, section)
	Slug    string // the story's, the tag's, the author's or the page's slug
}

// Path is the public path of the place.
func (p LegacyPlace) Path() string {
	switch p.Kind {
	case "article":
		return content.ArticlePath(p.Lang, p.Section, p.Slug)
	case "section":
		return content.SectionPath(p.Lang, p.Section)
	case "tag":
		return "/" + p.Lang + "/tag/" + p.Slug
	case "author":
		return "/" + p.Lang + "/author/" + p.Slug
	case "page":
		return content.PagePath(p.Lang, p.Slug)
	}
	if p.Lang == "" {
		return "/"
	}
	return "/" + p.Lang + "/"
}

// FeedPath is the path of our feed that matches the place, in format ("rss.xml",
// "atom.xml"): a story's is its section's feed; an author's, the language's.
func (p LegacyPlace) FeedPath(format string) string {
	switch {
	case p.Lang == "":
		return "/" + format
	case p.Kind == "article" || p.Kind == "section":
		return content.SectionPath(p.Lang, p.Section) + "feed/" + format
	case p.Kind == "tag":
		return "/" + p.Lang + "/tag/" + p.Slug + "/feed/" + format
	}
	return "/" + p.Lang + "/feed/" + format
}

// LegacyStore finds the places old URLs lead to; *store.Store implements it. Each returns
// content.ErrNotFound when there is no such place public at now.
type LegacyStore interface {
	// LegacyPlace resolves a path an import kept (a LegacyKey).
	LegacyPlace(ctx context.Context, key string, now time.Time) (LegacyPlace, error)
	// LegacyPeriod is the home page of the language of the latest story published in
	// [from, to).
	LegacyPeriod(ctx context.Context, from, to, now time.Time) (LegacyPlace, error)
	// LegacyAuthor is the page of the author with slug in the language of their latest
	// public story, else the site's home page when the author exists.
	LegacyAuthor(ctx context.Context, slug string, now time.Time) (LegacyPlace, error)
}

var (
	dateArchiveRE = regexp.MustCompile(`^/(\d{4})(?:/(\d{2})(?:/(\d{2}))?)?$`)
	authorRE      = regexp.MustCompile(`^/author/([^/]+)$`)
	pagedRE       = regexp.MustCompile(`^(.*)/page/\d{1,6}$`)
)

// feedSuffixes are the ends of the old sites' feed URLs (WordPress's, then Ghost's) and the
// format of our feed they become.
var feedSuffixes = []struct{ suffix, format string }{
	{"/feed/atom", "atom.xml"}, {"/feed/rss2", "rss.xml"}, {"/feed/rss", "rss.xml"}, {"/feed/rdf", "rss.xml"},
	{"/feed", "rss.xml"}, {"/rss", "rss.xml"},
}

// ResolveLegacy returns where an old URL of an imported site (a request's path and query)
// leads now, or content.ErrNotFound. In order: a path the import kept (a post's
// permalinks, /?p=ID, /category/…, /tag/…); a listing's further page (/category/x/page/2/)
// as the listing; a feed (/feed/, /feed/atom/, /comments/feed/, /category/x/feed/,
// /tag/x/feed/, /author/x/feed/, a post's /slug/feed/, Ghost's /rss/ and /tag/x/rss/) as our
// matching feed; a date archive (/2024/, /2024/05/, /2024/05/01/, in loc) as the home page of
// the language of its latest story, when it has one; /author/login/ as the author's page.
func ResolveLegacy(ctx context.Context, st LegacyStore, path, rawQuery string, loc *time.Location, now time.Time) (string, error) {
	key := LegacyKey(path, rawQuery)
	if key == "" {
		return "", fmt.Errorf("old URL %q: %w", path, content.ErrNotFound)
	}
	if p, err := resolvePlace(ctx, st, key, loc, now); err == nil {
		return p.Path(), nil
	} else if !isNotFound(err) {
		return "", err
	}
	if m := pagedRE.FindStringSubmatch(key); m != nil {
		if m[1] == "" {
			return "/", nil
		}
		p, err := resolvePlace(ctx, st, m[1], loc, now)
		if err != nil {
			return "", err
		}
		return p.Path(), nil
	}
	for _, f := range feedSuffixes {
		base, ok := strings.CutSuffix(key, f.suffix)
		if !ok {
			continue
		}
		if base == "" || base == "/comments" {
			return "/" + f.format, nil
		}
		base = strings.TrimSuffix(base, "/comments") // WordPress 2's /slug/comments/feed/
		p, err := resolvePlace(ctx, st, base, loc, now)
		if err != nil {
			return "", err
		}
		return p.FeedPath(f.format), nil
	}
	return "", fmt.Errorf("old URL %q: %w", key, content.ErrNotFound)
}

// resolvePlace finds the place of one key: kept by an import, else a date archive or an
// author's page.
func resolvePlace(ctx context.Context, st LegacyStore, key string, loc *time.Location, now time.Time) (LegacyPlace, error) {
	p, err := st.LegacyPlace(ctx, key, now)
	if !isNotFound(err) {
		return p, err
	}
	if m := dateArchiveRE.FindStringSubmatch(key); m != nil {
		from, to, ok := period(m[1], m[2], m[3], loc)
		if ok {
			return st.LegacyPeriod(ctx, from, to, now)
		}
	}
	if m := authorRE.FindStringSubmatch(key); m != nil {
		if slug := content.Slugify(m[1]); slug != "" {
			return st.LegacyAuthor(ctx, slug, now)
		}
	}
	return p, err
}

// period is the span of a date archive: a year, a month or a day in loc.
func period(y, m, d string, loc *time.Location) (from, to time.Time, ok bool) {
	if loc == nil {
		loc = time.UTC
	}
	layout, value, step := "2006", y, [3]int{1, 0, 0}
	if m != "" {
		layout, value, step = "2006/01", y+"/"+m, [3]int{0, 1, 0}
	}
	if d != "" {
		layout, value, step = "2006/01/02", y+"/"+m+"/"+d, [3]int{0, 0, 1}
	}
	t, err := time.ParseInLocation(layout, value, loc)
	if err != nil || t.Year() < 1990 {
		return from, to, false
	}
	return t, t.AddDate(step[0], step[1], step[2]), true
}

func isNotFound(err error) bool { return err != nil && errors.Is(err, content.ErrNotFound) }
