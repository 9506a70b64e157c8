package cache

import (
	"slices"
	"testing"
)

// TestStoryKeys: a change to a story purges its own page always, and for a published
// story every list and page that shows it: the keys the pages tag themselves with.
func TestStoryKeys(t *testing.T) {
	pub := Story{ID: 7, Published: true, Language: "en", SectionID: 2, AuthorID: 3, TagIDs: []int64{11, 12},
		Translations: []int64{7, 8}, LinkedFrom: []BriefList{{Language: "en", SectionID: 2}, {Language: "ru", SectionID: 5}}}
	for _, tc := range []struct {
		name string
		s    Story
		want []string
	}{
		{"draft", Story{ID: 7, Language: "en", SectionID: 2, AuthorID: 3, TagIDs: []int64{11}}, []string{"a7"}},
		{"published", pub, []string{"a7", "a8", "author:3", "briefs:2:en", "briefs:5:ru", "feeds", "home:en", "sec:2:en",
			"sitemaps", "tag:11", "tag:12"}},
		{"no author, no tags, alone", Story{ID: 1, Published: true, Language: "az", SectionID: 4, Translations: []int64{1}},
			[]string{"a1", "feeds", "home:az", "sec:4:az", "sitemaps"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := StoryKeys(tc.s)
			slices.Sort(got)
			got = slices.Compact(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("StoryKeys = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestListKeys: every page that shows a list carries the key a change to a story in it
// purges.
func TestListKeys(t *testing.T) {
	for _, tc := range []struct {
		name string
		key  string
		want string
	}{
		{"language", StoryList{Language: "en"}.Key(), "home:en"},
		{"section", StoryList{Language: "en", SectionID: 2}.Key(), "sec:2:en"},
		{"tag", StoryList{Language: "en", TagID: 11}.Key(), "tag:11"},
		{"author", StoryList{Language: "en", AuthorID: 3}.Key(), "author:3"},
		{"briefs of a language", BriefList{Language: "ru"}.Key(), "home:ru"},
		{"briefs of a section", BriefList{Language: "ru", SectionID: 5}.Key(), "briefs:5:ru"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.key != tc.want {
				t.Errorf("key = %q, want %q", tc.key, tc.want)
			}
		})
	}
	pub := Story{ID: 7, Published: true, Language: "en", SectionID: 2, AuthorID: 3, TagIDs: []int64{11}}
	purged := StoryKeys(pub)
	for _, l := range pub.lists() {
		if !slices.Contains(purged, l.Key()) {
			t.Errorf("list %+v (key %s) shows the story but is not purged by it", l, l.Key())
		}
	}
	if got, want := BriefKeys(4, "ru", 5), []string{"b4", "briefs:5:ru", "home:ru", "feeds"}; !slices.Equal(got, want) {
		t.Errorf("BriefKeys = %v, want %v", got, want)
	}
	if got, want := StoryPageKeys(7, "en", 2), []string{"a7", "rv7", "briefs:2:en"}; !slices.Equal(got, want) {
		t.Errorf("StoryPageKeys = %v, want %v", got, want)
	}
}
