package content

import "time"

// MaxFrontStories bounds how many stories the editors may put at the top of a language's
// home page.
const MaxFrontStories = 12

// FrontPick is one story the editors put on a language's front page: its place is its
// index in the list.
type FrontPick struct {
	ArticleID int64
	// PinnedUntil is when the story leaves the front on its own; zero keeps it there until
	// an editor takes it off.
	PinnedUntil time.Time
}

// FrontStory is a chosen story as the newsroom shows it: the pick and what an editor
// needs to recognise the story.
type FrontStory struct {
	FrontPick
	Headline    string
	Status      Status
	PublishedAt time.Time // publication (or scheduled) time
	// Public is true when readers can see it now (a scheduled or embargoed story waits).
	Public bool
}

// Pinned reports whether the pick leaves the front at a set time.
func (p FrontPick) Pinned() bool { return !p.PinnedUntil.IsZero() }

// Current reports whether the pick is still on the front at now: not pinned, or pinned
// until a later time.
func (p FrontPick) Current(now time.Time) bool {
	return p.PinnedUntil.IsZero() || now.Before(p.PinnedUntil)
}
