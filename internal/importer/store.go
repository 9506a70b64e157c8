package importer

import (
	"context"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/review"
)

// Store is what imports and exports need of the database; *store.Store implements it.
type Store interface {
	// ImportLoader takes a connection set up for loading, with a SQLite page cache of
	// cacheMiB. Close it when done.
	ImportLoader(ctx context.Context, cacheMiB int) (Loader, error)
	Languages(ctx context.Context) ([]content.Language, error)
	ExportSections(ctx context.Context) ([]ExportSection, error)
	ExportAuthors(ctx context.Context) ([]ExportAuthor, error)
	ExportArticles(ctx context.Context, afterID int64, limit int) ([]ExportArticle, error)
	ExportBriefs(ctx context.Context, afterID int64, limit int) ([]content.Brief, error)
	ExportTermURLs(ctx context.Context) ([]ExportTermURL, error)
	// ExportPages returns every page, whatever its status, in id order.
	ExportPages(ctx context.Context) ([]ExportPage, error)
}

// Loader is a connection set up for loading; *store.Loader implements it.
type Loader interface {
	// Load runs fn in one transaction, with the fast writer of many rows (Bulk) and the
	// transaction itself (Tx) for the writes Bulk has no fast form of.
	Load(ctx context.Context, fn func(b Bulk, tx Tx) error) error
	Close() error
}

// Bulk writes many rows quickly inside a Loader's transaction; *store.Bulk implements it.
type Bulk interface {
	ImportedFrom(ctx context.Context, source string) (bool, error)
	ImportedItem(ctx context.Context, source, kind, sourceID string) (int64, string, error)
	RecordImport(ctx context.Context, source, kind, sourceID string, targetID int64, hash string, at time.Time) error
	RecordImports(ctx context.Context, source string, recs []Record, at time.Time) error
	PutLegacyURL(ctx context.Context, path, kind string, targetID int64, lang string, replace bool) (bool, error)
	PutLegacyURLs(ctx context.Context, paths []string, kind string, targetID int64, lang string, replace bool) (int, error)
	Group(ctx context.Context, at time.Time) (int64, error)
	Tag(ctx context.Context, lang string, t content.Tag) (int64, error)
	Article(ctx context.Context, a content.Article, tagIDs []int64) (int64, error)
	ArticleSlugFree(ctx context.Context, lang, slug string, exceptID int64) (bool, error)
	// HasArticle reports whether story id is here in lang, created at createdAt (to the
	// microsecond): a story of a Newsdesk export that is this database's own.
	HasArticle(ctx context.Context, id int64, lang string, createdAt time.Time) (bool, error)
	Brief(ctx context.Context, br content.Brief) (int64, error)
	ImportReview(ctx context.Context, r review.Review) (int64, error)
	ImportReviews(ctx context.Context, rs []review.Review) ([]int64, error)
}

// Tx is what an import writes through the Loader's transaction; *store.Tx implements it.
type Tx interface {
	EnsureLanguage(ctx context.Context, code, name, siteName string) (bool, error)
	ImportSection(ctx context.Context, key, lang, name, slug string) (int64, error)
	ImportUser(ctx context.Context, u account.User) (int64, error)
	ImportAuthor(ctx context.Context, a content.Author, userID int64) (int64, error)
	// ImportAuthorProfile fills in what author id's profile lacks — the role, a language's
	// texts, the links — and changes nothing it has.
	ImportAuthorProfile(ctx context.Context, id int64, role string, texts map[string]content.AuthorText, links []content.AuthorLink) error
	ImportUpdateArticle(ctx context.Context, a content.Article, at time.Time) error
	ImportArticleExtras(ctx context.Context, id int64, reviewsClosed bool) error
	ImportSetBody(ctx context.Context, id int64, md, html string) error
	KeepOldSlug(ctx context.Context, lang, slug string, articleID int64) error
	SetLeadImage(ctx context.Context, articleID, imageID int64) error
	ImportUpdateReview(ctx context.Context, r review.Review) error
	UpdateBrief(ctx context.Context, b content.Brief) error
	CreateImage(ctx context.Context, img content.Image, userID int64) (int64, error)
	// CreatePage, UpdatePage, LinkPage and PageSlugFree write an old site's pages
	// (sink_page.go), as the pages service does.
	CreatePage(ctx context.Context, p content.Page) (int64, error)
	UpdatePage(ctx context.Context, p content.Page) error
	LinkPage(ctx context.Context, id, to int64) error
	PageSlugFree(ctx context.Context, lang, slug string, exceptID int64) (bool, error)
}

// Record is one line of the import map: an item of the source (kind and id there) and what
// it became here (Bulk.RecordImports).
type Record struct {
	Kind, SourceID string
	TargetID       int64
	Hash           string
}

// ExportSection is a section with its name and slug in every language.
type ExportSection struct {
	ID    int64
	Key   string
	Names map[string]content.Section // language → name and slug
}

// ExportAuthor is a byline author with the email of the account it belongs to, if any.
type ExportAuthor struct {
	content.Author
	Email string
	// Texts are the profile's name, role and bio by language; Links its links, in order
	// (migration 0021; the photo, an image, is not exported).
	Texts map[string]content.AuthorText
	Links []content.AuthorLink
}

// ExportPage is a page of the site (About, Contacts…) with the old sites' paths that lead
// to it.
type ExportPage struct {
	content.Page
	LegacyURLs []string
}

// ExportArticle is a story with what belongs to it.
type ExportArticle struct {
	content.Article
	OldSlugs   []string        // earlier slugs that redirect to it
	LegacyURLs []string        // imported old sites' paths that redirect to it
	Reviews    []review.Review // every review, whatever its status, oldest first
}

// ExportTermURL is an old site's path that leads to a section or a tag.
type ExportTermURL struct {
	Kind string // "section" or "tag"
	Key  string // the section's key, the tag's slug
	Name string // the tag's name
	Lang string // the language of the tag, or of the section's name
	Path string
}
