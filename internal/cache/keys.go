package cache

import "strconv"

// Surrogate keys name what a page shows, so that a change purges exactly the pages that
// show it. A page records the keys of every object and every list it draws; a change
// purges the keys of the objects it touched and of the lists they were in or enter.
const (
	// All purges every page (a change to languages, sections, settings, imports …).
	All = "*"
	// Feeds is on every feed (RSS, Atom, JSON Feed).
	Feeds = "feeds"
	// Sitemaps is on every sitemap; any change to a public story purges it.
	Sitemaps = "sitemaps"
	// Wire is purged by every commit that records a wire version. No page carries it: it
	// is how the subscribers' live streams and outbox workers on every instance learn,
	// right after the commit, that there is something new to send.
	Wire = "wire"
)

// ArticleKey is on a story's own page and on the pages of its translations.
func ArticleKey(id int64) string { return "a" + strconv.FormatInt(id, 10) }

// BriefKey names one brief.
func BriefKey(id int64) string { return "b" + strconv.FormatInt(id, 10) }

// ReviewsKey is on a story's pages that show its approved reviews and the review form.
func ReviewsKey(articleID int64) string { return "rv" + strconv.FormatInt(articleID, 10) }

// HomeKey is on every list of the newest content of one language: the home page, the
// language's feed and the site-wide feed.
func HomeKey(lang string) string { return "home:" + lang }

// FrontKey is on the page that shows the front page the editors chose for a language:
// the home page. Changing the choice purges it (a change to a chosen story purges the
// home page through the story's own keys, HomeKey among them).
func FrontKey(lang string) string { return "front:" + lang }

// SectionKey is on the lists of one section in one language (the section front and its
// pages, the section feed).
func SectionKey(sectionID int64, lang string) string {
	return "sec:" + strconv.FormatInt(sectionID, 10) + ":" + lang
}

// BriefsKey is on every page that shows the briefs of a section in a language: the
// section front, the brief archive and day pages, the articles of the section, the feeds.
func BriefsKey(sectionID int64, lang string) string {
	return "briefs:" + strconv.FormatInt(sectionID, 10) + ":" + lang
}

// TagKey is on a tag's page and feed (tags belong to one language).
func TagKey(tagID int64) string { return "tag:" + strconv.FormatInt(tagID, 10) }

// AuthorKey is on an author's pages (in every language): their stories and profile.
func AuthorKey(authorID int64) string { return "author:" + strconv.FormatInt(authorID, 10) }

// BylineKey is on the pages of an author's stories, whose bylines link to the author's
// page: a new address (slug) of that page purges them.
func BylineKey(authorID int64) string { return "byline:" + strconv.FormatInt(authorID, 10) }

// The contract between the pages and the changes lives here, in one place: a page tags
// itself with the keys of the lists it shows (StoryList, BriefList) and of the story it
// is (StoryPageKeys); a change purges the keys that StoryKeys and BriefKeys work out from
// the facts the store reads. A new page over an existing kind of list needs no change
// here; a new kind of list adds a field to StoryList (or BriefList), its key, and the
// fact of Story that puts a story in it.

// StoryList is a list of public stories of one language as a page or feed selects them.
// Zero fields do not filter; the narrowest filter names the list.
type StoryList struct {
	Language  string
	SectionID int64
	TagID     int64
	AuthorID  int64
}

// Key returns the key of the pages that show the list.
func (l StoryList) Key() string {
	switch {
	case l.TagID != 0:
		return TagKey(l.TagID)
	case l.AuthorID != 0:
		return AuthorKey(l.AuthorID)
	case l.SectionID != 0:
		return SectionKey(l.SectionID, l.Language)
	}
	return HomeKey(l.Language)
}

// BriefList is a list of published briefs of one language: of one section, or of all
// (SectionID 0, shown with the newest stories of the language and sharing their key).
type BriefList struct {
	Language  string
	SectionID int64
}

// Key returns the key of the pages that show the list.
func (l BriefList) Key() string {
	if l.SectionID == 0 {
		return HomeKey(l.Language)
	}
	return BriefsKey(l.SectionID, l.Language)
}

// Story is what decides which public pages show a story: the facts the store reads of it
// when it changes.
type Story struct {
	ID        int64
	Published bool // in the published state (public now or once its time comes)
	Language  string
	SectionID int64
	AuthorID  int64 // 0: none
	TagIDs    []int64
	// Translations are the stories of its translation group (itself included): their
	// pages link it.
	Translations []int64
	// LinkedFrom are the lists of the briefs that link to it.
	LinkedFrom []BriefList
}

// lists returns the story lists a published story is in.
func (s Story) lists() []StoryList {
	out := []StoryList{{Language: s.Language}, {Language: s.Language, SectionID: s.SectionID}}
	if s.AuthorID != 0 {
		out = append(out, StoryList{Language: s.Language, AuthorID: s.AuthorID})
	}
	for _, tag := range s.TagIDs {
		out = append(out, StoryList{Language: s.Language, TagID: tag})
	}
	return out
}

// StoryKeys returns the keys of the pages that show story s: its own page always (the
// cached page of a story that stops being public must go too), and for a published story
// the pages of its translations, every list it is in, the brief lists that link to it,
// the feeds and the sitemaps. Keys may repeat.
func StoryKeys(s Story) []string {
	keys := []string{ArticleKey(s.ID)}
	if !s.Published {
		return keys
	}
	for _, l := range s.lists() {
		keys = append(keys, l.Key())
	}
	for _, id := range s.Translations {
		keys = append(keys, ArticleKey(id))
	}
	for _, l := range s.LinkedFrom {
		keys = append(keys, l.Key())
	}
	return append(keys, Sitemaps, Feeds)
}

// BriefKeys returns the keys of the pages that show a brief of a language and section:
// the brief, the section's brief list, the language's and the feeds.
func BriefKeys(id int64, lang string, sectionID int64) []string {
	return []string{BriefKey(id), BriefList{Language: lang, SectionID: sectionID}.Key(),
		BriefList{Language: lang}.Key(), Feeds}
}

// StoryPageKeys returns the keys of a story's own page: the story, its reviews and the
// brief column of its section.
func StoryPageKeys(id int64, lang string, sectionID int64) []string {
	return []string{ArticleKey(id), ReviewsKey(id), BriefList{Language: lang, SectionID: sectionID}.Key()}
}
