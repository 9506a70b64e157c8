package content

import "time"

// The queries of the public site's lists and what they answer, as the storage serves them.

// ListQuery selects public stories for a list page. Zero fields do not filter.
type ListQuery struct {
	Language  string
	SectionID int64
	TagID     int64
	AuthorID  int64
	LeadOnly  bool
	ExcludeID int64
	Limit     int
	Offset    int
}

// BriefQuery selects public briefs of one language, newest first. Zero fields do not filter.
type BriefQuery struct {
	Language  string
	SectionID int64
	From, To  time.Time // published in [From, To)
	Limit     int
	Offset    int
}

// FeedQuery selects the public stories of a feed. Zero fields do not filter.
type FeedQuery struct {
	Language  string
	SectionID int64
	TagID     int64
	Since     time.Time // published at or after
	Limit     int
}

// SitemapEntry is one public story in a sitemap, with its translations.
type SitemapEntry struct {
	ID           int64
	GroupID      int64
	Path         string
	Language     string
	Headline     string
	PublishedAt  time.Time
	LastMod      time.Time
	Translations []Alternate
}

// Alternate is a translation's language and path.
type Alternate struct {
	Language, Path string
}

// MovedError says that a story now lives at another path (an old slug was asked for).
type MovedError struct {
	Path string
}

func (e *MovedError) Error() string { return "moved to " + e.Path }
