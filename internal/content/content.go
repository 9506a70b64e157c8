// Package content defines the agency's content model: languages, sections, authors,
// articles, briefs and tags, with the rules that hold whatever the storage.
package content

import (
	"errors"
	"sort"
	"strings"
	"time"
)

// ErrNotFound is returned when a requested item does not exist (or is not public).
var ErrNotFound = errors.New("not found")

// ErrGone is returned for a story that existed publicly but was unpublished.
var ErrGone = errors.New("gone")

// ErrConflict is returned when a write would break a uniqueness rule.
var ErrConflict = errors.New("conflict")

// ErrUnavailable marks an error of a storage that cannot be reached for now (a lost
// connection, a server shutting down or starting up, a lock held too long): nothing is
// wrong with the request, and a retry may succeed.
var ErrUnavailable = errors.New("storage unavailable")

// ErrStorageFull marks an error of a storage whose disk is full (or that reached a file
// size limit): nothing was written, and the operator must make room.
var ErrStorageFull = errors.New("storage full")

// FieldError lists what is wrong with a submitted form or request, by field name (of the
// form, the API request or the command's flags): the one validation error of every
// domain, which the surfaces show field by field (422 in the API).
type FieldError struct {
	// What names what was invalid, for Error ("review"); "" says "input".
	What string
	// Fields holds each bad field's message in English.
	Fields map[string]string
	// Messages holds, for a message Set with arguments, its format and arguments, so
	// that a surface can show it in another language; Message reads the two together.
	Messages map[string]Message
}

func (e *FieldError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+e.Fields[k])
	}
	what := e.What
	if what == "" {
		what = "input"
	}
	return "invalid " + what + ": " + strings.Join(parts, "; ")
}

// Status is an article's place in the editorial workflow.
type Status string

// The workflow states. Only StatusPublished is visible to the public, and only once its
// publication and embargo times have passed.
const (
	StatusDraft       Status = "draft"
	StatusSubmitted   Status = "submitted"
	StatusScheduled   Status = "scheduled"
	StatusPublished   Status = "published"
	StatusUnpublished Status = "unpublished"
)

// Language is a publication language of the site.
type Language struct {
	Code     string // BCP 47 code, e.g. "en"
	Name     string // name in the language itself, e.g. "Русский"
	SiteName string // the site's name in this language
	Position int
}

// Section is a stable editorial section with a name and slug in each language.
type Section struct {
	ID   int64
	Key  string // stable across languages, e.g. "politics"
	Name string // in the requested language
	Slug string // in the requested language
}

// Author is a writer whose byline appears on stories.
type Author struct {
	ID   int64
	Name string
	Slug string
	Role string // default byline role, e.g. "Washington correspondent"
}

// Tag is a keyword in one language.
type Tag struct {
	Name string
	Slug string
}

// TagEntry is a tag as the newsroom manages it: with its language, its translation group
// (the same subject in other languages; 0: linked to none) and how many stories carry it.
type TagEntry struct {
	ID       int64
	Language string
	Tag
	GroupID int64
	// Untranslated marks a tag made when a story was translated, with the name of the
	// source's tag, until an editor names it.
	Untranslated bool
	Stories      int
}

// Article is a story in one language.
type Article struct {
	ID           int64
	GroupID      int64 // translation group: the same story in other languages shares it
	Language     string
	Section      Section
	Author       Author
	Byline       string // name as printed; defaults to the author's
	BylineRole   string
	Dateline     string
	Headline     string
	Standfirst   string
	BodyMD       string
	BodyHTML     string // rendered from BodyMD when saved
	Slug         string
	Status       Status
	Lead         bool
	Tags         []Tag
	CreatedAt    time.Time
	PublishedAt  time.Time
	UpdatedAt    time.Time
	EmbargoUntil time.Time // zero: no embargo

	// Newsroom fields.
	Version          int    // optimistic-locking version, +1 on every save
	Slugline         string // internal short name, e.g. "AZ-US-CUSTOMS"
	Urgency          int    // 1 (flash) … 9 (routine); 5 by default
	Signoff          string // who handled it, e.g. "ns/ka"
	OwnerID          int64  // the user who filed it
	LeadImage        *Image
	ReturnNote       string // why an editor returned it
	FirstPublishedAt time.Time
	Corrections      []Correction
	ReviewsClosed    bool // an editor closed reader reviews on this story
}

// PublicAt reports whether readers may see the story at now: published, and neither its
// publication time nor its embargo is still ahead.
func (a Article) PublicAt(now time.Time) bool {
	return a.Status == StatusPublished && !a.PublishedAt.After(now) && !a.EmbargoUntil.After(now)
}

// Correction is a published note at the foot of a story saying what was corrected.
type Correction struct {
	ID        int64
	Text      string
	CreatedAt time.Time
}

// Image is an uploaded picture with its renditions.
type Image struct {
	ID         int64
	Hash       string
	Format     string
	Width      int
	Height     int
	Renditions []Rendition
	Alt        string
	Caption    string
	Credit     string
	CreatedAt  time.Time
	// Texts are the image's alt text and caption in other languages, by language code;
	// Alt and Caption are the default, shown where a language has no text of its own.
	Texts map[string]ImageText
}

// ImageText is an image's alt text and caption in one language; an empty field falls
// back to the image's default.
type ImageText struct {
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
}

// In returns the image as a story in lang shows it: its alt text and caption in lang
// where it has them, else its default ones.
func (img Image) In(lang string) Image {
	if t, ok := img.Texts[lang]; ok {
		if t.Alt != "" {
			img.Alt = t.Alt
		}
		if t.Caption != "" {
			img.Caption = t.Caption
		}
	}
	return img
}

// Rendition is one resized copy of an image.
type Rendition struct {
	Width  int    `json:"width"`
	Height int    `json:"height"`
	File   string `json:"file"`
}

// Revision is a saved state of a story.
type Revision struct {
	Version   int
	Kind      string // created, saved, restored, …
	Note      string
	UserName  string
	CreatedAt time.Time
	Article   Article // the fields as saved (Tags, Section.ID, body …)
}

// Translation is a link to the same story in another language.
type Translation struct {
	Language    string
	SectionSlug string
	Slug        string
	Headline    string
}

// Brief is a one-paragraph dated item in a section's briefs column.
type Brief struct {
	ID          int64
	Language    string
	Section     Section
	Text        string
	PublishedAt time.Time
	ArticleID   int64  // optional: the story it developed into or links to
	ArticleURL  string // filled by the store when ArticleID is set and public
	Status      Status // published or submitted (a correspondent's, awaiting an editor)
	OwnerID     int64
}

// ArticleSummary is what lists and teasers show of a story.
type ArticleSummary struct {
	ID          int64
	Language    string
	SectionKey  string
	SectionName string
	SectionSlug string
	Headline    string
	Standfirst  string
	Slug        string
	Byline      string
	BylineRole  string
	Dateline    string
	PublishedAt time.Time
	UpdatedAt   time.Time
	// LeadImage is the story's lead picture with its texts in Language (nil: none).
	LeadImage *Image
}
