package search

import (
	"context"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Kinds of documents in the index.
const (
	KindArticle = "article"
	KindBrief   = "brief"
)

// MaxResults bounds how deep a search can page (offset + limit): past it, visitors are
// asked to narrow the search, as every search engine does. It keeps the cost of a query
// bounded whatever the page asked for.
const MaxResults = 1000

// Request is one search.
type Request struct {
	Query Query
	// Languages limits the search to these language codes; empty searches all.
	Languages []string
	// SectionID limits the search to one section; 0 searches all.
	SectionID int64
	// Kind is KindArticle or KindBrief; empty searches both.
	Kind string
	// From and To limit the publication time to [From, To); zero means unbounded.
	From, To time.Time
	// Offset and Limit select the page; Offset+Limit is at most MaxResults.
	Offset, Limit int
	// Now is the time that decides what is public.
	Now time.Time

	// Newsroom searches every state (drafts included) instead of what the public sees.
	Newsroom bool
	// Status limits a newsroom search to one workflow state; empty searches all.
	Status content.Status
	// OwnerID limits a newsroom search to one user's stories and briefs; 0 searches
	// everyone's.
	OwnerID int64
}

// Hit is one search result.
type Hit struct {
	Kind     string // KindArticle or KindBrief
	ID       int64
	Language string
	Section  content.Section
	// Headline is the story's headline; a brief's is the start of its text.
	Headline string
	// HeadlineMarks and Snippet are the headline and a passage of the text with the
	// matched words marked.
	HeadlineMarks Marked
	Snippet       Marked
	// URL is the public path: the story, or the day page of a brief.
	URL         string
	PublishedAt time.Time
	UpdatedAt   time.Time
	Status      content.Status
}

// Results is a page of hits and the number of all matches.
type Results struct {
	// Total is the number of matches, counted up to MaxResults: past it (no page can reach
	// further) Capped is set and Total is MaxResults. Counting a hundred thousand matches
	// exactly would cost more than finding the best twenty.
	Total  int
	Capped bool
	Hits   []Hit
}

// Searcher runs searches. The store implements it on SQLite (FTS5) and on PostgreSQL
// (tsvector with a GIN index), with the same results.
type Searcher interface {
	Search(ctx context.Context, r Request) (Results, error)
}
