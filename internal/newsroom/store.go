package newsroom

import (
	"context"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/search"
)

// StateChange moves a story through the workflow. Zero times leave the column alone.
type StateChange struct {
	ID           int64
	From         []content.Status // the states it may move from
	To           content.Status
	PublishedAt  time.Time // publication (or scheduled) time
	UpdatedAt    time.Time
	EmbargoUntil *time.Time
	ReturnNote   *string
	UserID       int64
	Action       string // for the audit log: submit, publish, …
	Detail       string
}

// ArticleQuery filters the newsroom's story list. Zero fields do not filter.
type ArticleQuery struct {
	Status    content.Status
	SectionID int64
	Language  string
	AuthorID  int64
	OwnerID   int64
	GroupID   int64
	// Search keeps the stories whose headlines have its words, as the search finds words
	// (search.ParseQuery: folded for case and accents and stemmed, the last word also the
	// beginning of a longer one, "a phrase", -word); blank does not filter, and text
	// without a word (SearchableHeadline) matches nothing.
	Search string
	// EmbargoedAfter, when set, keeps only the stories whose embargo lifts after it.
	EmbargoedAfter time.Time
	// Due orders the stories by when they come due, soonest first: the embargo's lifting
	// with EmbargoedAfter, else the time they are (or were) published.
	Due    bool
	Limit  int
	Offset int
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	At         time.Time
	UserName   string
	Action     string
	ObjectType string
	ObjectID   int64
	Detail     string
}

// ImageUsage is what deciding who may change an image's text needs: the image, who
// uploaded it, and the stories that show it as their lead picture.
type ImageUsage struct {
	Image      content.Image
	UploadedBy int64 // 0 for an imported image or a deleted uploader
	Stories    []ImageStory
}

// ImageStory is a story that shows an image, in ImageUsage.
type ImageStory struct {
	ID      int64
	OwnerID int64 // 0 when no user owns it (imported, or the owner was deleted)
	Status  content.Status
	// Language is the story's: it shows the image's text in that language.
	Language string
}

// Store is the storage the workflow needs; *store.Store implements it.
type Store interface {
	TagStore
	// NewsroomTx runs fn in one transaction.
	NewsroomTx(ctx context.Context, fn func(tx Tx) error) error
	Languages(ctx context.Context) ([]content.Language, error)
	Sections(ctx context.Context, lang string) ([]content.Section, error)
	Authors(ctx context.Context) ([]content.Author, error)
	Setting(ctx context.Context, key, def string) (string, error)
	ArticleByID(ctx context.Context, id int64) (content.Article, error)
	NewsroomArticles(ctx context.Context, q ArticleQuery) ([]content.Article, error)
	// CountNewsroomArticles counts the stories q's filters keep (its order, limit and offset aside).
	CountNewsroomArticles(ctx context.Context, q ArticleQuery) (int, error)
	Revisions(ctx context.Context, articleID int64) ([]content.Revision, error)
	Revision(ctx context.Context, articleID int64, version int) (content.Revision, error)
	BriefByID(ctx context.Context, id int64) (content.Brief, error)
	NewsroomBriefs(ctx context.Context, ownerID int64, limit, offset int) ([]content.Brief, error)
	ImageByID(ctx context.Context, id int64) (content.Image, error)
	ImageByFilePrefix(ctx context.Context, prefix string) (content.Image, error)
	Images(ctx context.Context, limit, offset int) ([]content.Image, error)
	Search(ctx context.Context, r search.Request) (search.Results, error)
	AuditLog(ctx context.Context, limit, offset int) ([]AuditEntry, error)
	// NextScheduled returns the earliest publication time of a scheduled story, overdue
	// ones included; zero when none is scheduled.
	NextScheduled(ctx context.Context) (time.Time, error)
	PresenceStore
	ProfileStore
	frontStore
}

// Tx is what the workflow writes inside a transaction; *store.Tx implements it. Hooks
// get the same transaction (its dynamic type is the store's, which other services' Tx
// interfaces describe too).
type Tx interface {
	TagTx
	CreateArticle(ctx context.Context, a content.Article) (int64, error)
	SaveArticle(ctx context.Context, a content.Article, expectedVersion int, kind, note string, userID int64, at time.Time) (int, error)
	ChangeState(ctx context.Context, c StateChange) error
	PublishDue(ctx context.Context, now time.Time) ([]int64, error)
	AddCorrection(ctx context.Context, articleID int64, text string, userID int64, at time.Time) error
	CreateBrief(ctx context.Context, b content.Brief) (int64, error)
	UpdateBrief(ctx context.Context, b content.Brief) error
	InsertImage(ctx context.Context, img content.Image, userID int64) (id int64, created bool, err error)
	ImageUsage(ctx context.Context, id int64) (ImageUsage, error)
	SetImageText(ctx context.Context, id int64, alt, caption, credit string) error
	// SetImageTexts replaces the image's alt texts and captions in other languages.
	SetImageTexts(ctx context.Context, id int64, texts map[string]content.ImageText) error
	SetSetting(ctx context.Context, key, value string) error
	Audit(ctx context.Context, userID int64, action, objectType string, objectID int64, detail string) error
	ProfileTx
	frontTx
}

// SearchableHeadline reports whether a non-blank headline search has a word to look for
// (letters or digits, not only excluded): punctuation alone matches no story.
func SearchableHeadline(text string) bool { return !search.ParseQuery(text).Empty() }
