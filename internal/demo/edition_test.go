package demo

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	languages = []string{"en", "ru", "az"}
	slugRE    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// reservedSlugs are first path segments the site uses for its own pages.
	reservedSlugs = map[string]bool{
		"tag": true, "author": true, "briefs": true, "search": true,
		"static": true, "media": true, "api": true, "newsroom": true,
	}
)

const leadStory = "washington-customs"

func knownLanguage(code string) bool {
	for _, l := range languages {
		if l == code {
			return true
		}
	}
	return false
}

func TestSiteName(t *testing.T) {
	e := New()
	for _, lang := range languages {
		if strings.TrimSpace(e.SiteName[lang]) == "" {
			t.Errorf("SiteName[%q] is empty", lang)
		}
	}
}

func TestSections(t *testing.T) {
	e := New()
	keys := map[string]bool{}
	slugs := map[string]map[string]string{} // language → slug → section key
	for _, s := range e.Sections {
		if s.Key == "" || keys[s.Key] {
			t.Errorf("section key %q is empty or duplicated", s.Key)
		}
		keys[s.Key] = true
		for _, lang := range languages {
			if strings.TrimSpace(s.Names[lang]) == "" {
				t.Errorf("section %q has no %s name", s.Key, lang)
			}
			slug := s.Slugs[lang]
			if !slugRE.MatchString(slug) {
				t.Errorf("section %q: %s slug %q is not lowercase ASCII with hyphens", s.Key, lang, slug)
			}
			if reservedSlugs[slug] {
				t.Errorf("section %q: %s slug %q is reserved", s.Key, lang, slug)
			}
			if slugs[lang] == nil {
				slugs[lang] = map[string]string{}
			}
			if other, dup := slugs[lang][slug]; dup {
				t.Errorf("%s slug %q used by sections %q and %q", lang, slug, other, s.Key)
			}
			slugs[lang][slug] = s.Key
		}
	}
	for _, want := range []string{"politics", "economy", "world", "culture"} {
		if !keys[want] {
			t.Errorf("missing section %q", want)
		}
	}
}

func TestAuthors(t *testing.T) {
	e := New()
	keys, slugs := map[string]bool{}, map[string]bool{}
	roles := map[string]bool{}
	for _, a := range e.Authors {
		if a.Key == "" || keys[a.Key] {
			t.Errorf("author key %q is empty or duplicated", a.Key)
		}
		keys[a.Key] = true
		if !slugRE.MatchString(a.Slug) || slugs[a.Slug] {
			t.Errorf("author %q: slug %q is invalid or duplicated", a.Key, a.Slug)
		}
		slugs[a.Slug] = true
		for _, lang := range languages {
			if strings.TrimSpace(a.Name[lang]) == "" {
				t.Errorf("author %q has no %s name", a.Key, lang)
			}
			if strings.TrimSpace(a.Roles[lang]) == "" {
				t.Errorf("author %q has no %s role", a.Key, lang)
			}
		}
		if !hasScript(a.Name["ru"], unicode.Cyrillic) {
			t.Errorf("author %q: Russian name %q is not in Cyrillic", a.Key, a.Name["ru"])
		}
		roles[a.Roles["en"]] = true
	}
	for _, want := range []string{"Washington correspondent", "Moscow correspondent"} {
		if !roles[want] {
			t.Errorf("no author with role %q", want)
		}
	}
	if len(e.Authors) < 4 {
		t.Errorf("%d authors, want at least 4", len(e.Authors))
	}
}

func TestStories(t *testing.T) {
	e := New()
	sections, authors := map[string]bool{}, map[string]bool{}
	for _, s := range e.Sections {
		sections[s.Key] = true
	}
	for _, a := range e.Authors {
		authors[a.Key] = true
	}
	keys := map[string]bool{}
	slugs := map[string]map[string]string{} // language → slug → story key
	perSection := map[string]int{}
	leads := 0
	for _, s := range e.Stories {
		if s.Key == "" || keys[s.Key] {
			t.Errorf("story key %q is empty or duplicated", s.Key)
		}
		keys[s.Key] = true
		if !sections[s.Section] {
			t.Errorf("story %q: unknown section %q", s.Key, s.Section)
		}
		if !authors[s.Author] {
			t.Errorf("story %q: unknown author %q", s.Key, s.Author)
		}
		perSection[s.Section]++
		if s.Lead {
			leads++
		}
		if s.Published <= 0 || s.Published > 5*24*time.Hour || s.Published%time.Hour != 0 {
			t.Errorf("story %q: Published %v is not whole hours within the last 5 days", s.Key, s.Published)
		}
		if s.Updated != 0 && (s.Updated >= s.Published || s.Updated < 0) {
			t.Errorf("story %q: Updated %v is not after Published %v", s.Key, s.Updated, s.Published)
		}
		if _, ok := s.Versions["en"]; !ok {
			t.Errorf("story %q has no English version", s.Key)
		}
		for lang, v := range s.Versions {
			where := s.Key + "/" + lang
			if !knownLanguage(lang) {
				t.Errorf("%s: unknown language", where)
			}
			for name, field := range map[string]string{
				"Headline": v.Headline, "Standfirst": v.Standfirst, "Body": v.Body,
				"Dateline": v.Dateline, "Slug": v.Slug,
			} {
				if strings.TrimSpace(field) == "" {
					t.Errorf("%s: empty %s", where, name)
				}
			}
			if n := utf8.RuneCountInString(v.Headline); n >= 110 {
				t.Errorf("%s: headline is %d characters, want under 110", where, n)
			}
			if v.Dateline != strings.ToUpper(v.Dateline) {
				t.Errorf("%s: dateline %q is not in capitals", where, v.Dateline)
			}
			switch lang {
			case "ru":
				if !hasScript(v.Dateline, unicode.Cyrillic) {
					t.Errorf("%s: dateline %q is not in Cyrillic", where, v.Dateline)
				}
			case "en":
				if !isASCII(v.Dateline) {
					t.Errorf("%s: dateline %q is not ASCII", where, v.Dateline)
				}
			}
			if !slugRE.MatchString(v.Slug) {
				t.Errorf("%s: slug %q is not lowercase ASCII with hyphens", where, v.Slug)
			}
			if slugs[lang] == nil {
				slugs[lang] = map[string]string{}
			}
			if other, dup := slugs[lang][v.Slug]; dup {
				t.Errorf("%s: slug %q already used by story %q", where, v.Slug, other)
			}
			slugs[lang][v.Slug] = s.Key
			if n := len(v.Tags); n < 2 || n > 4 {
				t.Errorf("%s: %d tags, want 2–4", where, n)
			}
			for _, tag := range v.Tags {
				if strings.TrimSpace(tag) == "" {
					t.Errorf("%s: empty tag", where)
				}
			}
			if strings.HasPrefix(strings.TrimSpace(v.Body), ">") {
				t.Errorf("%s: body opens with a quotation", where)
			}
		}
	}
	if leads < 2 {
		t.Errorf("%d lead stories, want at least 2", leads)
	}
	for section, want := range map[string]int{"politics": 3, "economy": 3, "world": 3, "culture": 2} {
		if perSection[section] < want {
			t.Errorf("section %q has %d stories, want at least %d", section, perSection[section], want)
		}
	}
}

func TestLeadStory(t *testing.T) {
	e := New()
	var lead *Story
	for i := range e.Stories {
		if e.Stories[i].Key == leadStory {
			lead = &e.Stories[i]
		}
	}
	if lead == nil {
		t.Fatalf("lead story %q not found", leadStory)
	}
	if !lead.Lead || lead.Section != "politics" {
		t.Errorf("lead story: Lead=%v Section=%q", lead.Lead, lead.Section)
	}
	for _, a := range e.Authors {
		if a.Key == lead.Author && a.Roles["en"] != "Washington correspondent" {
			t.Errorf("lead story is by %q, not the Washington correspondent", a.Key)
		}
	}
	for _, lang := range languages {
		v, ok := lead.Versions[lang]
		if !ok {
			t.Errorf("lead story has no %s version", lang)
			continue
		}
		quotes, paragraphs := 0, 0
		for _, block := range strings.Split(v.Body, "\n\n") {
			block = strings.TrimSpace(block)
			switch {
			case strings.HasPrefix(block, "> "):
				quotes++
			case strings.HasPrefix(block, "#"), block == "":
			default:
				paragraphs++
			}
		}
		if quotes < 3 {
			t.Errorf("lead story %s: %d blockquotes, want at least 3", lang, quotes)
		}
		if paragraphs < 6 || paragraphs > 10 {
			t.Errorf("lead story %s: %d paragraphs, want 6–10", lang, paragraphs)
		}
	}
}

func TestBriefs(t *testing.T) {
	e := New()
	sections := map[string]bool{}
	for _, s := range e.Sections {
		sections[s.Key] = true
	}
	stories := map[string]Story{}
	for _, s := range e.Stories {
		stories[s.Key] = s
	}
	count := map[string]int{} // "section/language" → briefs
	politicsDays := map[time.Duration]bool{}
	linked := 0
	for i, b := range e.Briefs {
		if !sections[b.Section] {
			t.Errorf("brief %d: unknown section %q", i, b.Section)
		}
		if !knownLanguage(b.Language) {
			t.Errorf("brief %d: unknown language %q", i, b.Language)
		}
		if strings.TrimSpace(b.Text) == "" || strings.Contains(b.Text, "\n") {
			t.Errorf("brief %d: text must be one non-empty paragraph", i)
		}
		if b.Ago <= 0 || b.Ago > 5*24*time.Hour {
			t.Errorf("brief %d: Ago %v is outside the last 5 days", i, b.Ago)
		}
		count[b.Section+"/"+b.Language]++
		if b.Section == "politics" && b.Language == "en" {
			politicsDays[b.Ago/(24*time.Hour)] = true
		}
		if b.Story == "" {
			continue
		}
		linked++
		s, ok := stories[b.Story]
		if !ok {
			t.Errorf("brief %d: unknown story %q", i, b.Story)
			continue
		}
		if _, ok := s.Versions[b.Language]; !ok {
			t.Errorf("brief %d: story %q has no %s version", i, b.Story, b.Language)
		}
		if s.Section != b.Section {
			t.Errorf("brief %d in %q links to story %q in %q", i, b.Section, b.Story, s.Section)
		}
		if b.Ago > s.Published {
			t.Errorf("brief %d (%v ago) predates its story %q (%v ago)", i, b.Ago, b.Story, s.Published)
		}
	}
	for key, want := range map[string]int{
		"politics/en": 6, "politics/ru": 3, "politics/az": 3, "economy/en": 3, "world/en": 3,
	} {
		if count[key] < want {
			t.Errorf("%s: %d briefs, want at least %d", key, count[key], want)
		}
	}
	if len(politicsDays) < 3 {
		t.Errorf("English politics briefs cover %d days, want at least 3", len(politicsDays))
	}
	if linked < 2 {
		t.Errorf("%d briefs link to a story, want at least 2", linked)
	}
}

// TestNewIsFresh checks that New does not share maps or slices between calls.
func TestNewIsFresh(t *testing.T) {
	a := New()
	a.SiteName["en"] = "changed"
	a.Stories[0].Versions["en"] = Version{}
	b := New()
	if b.SiteName["en"] == "changed" || b.Stories[0].Versions["en"].Headline == "" {
		t.Error("New returns shared state")
	}
}

func hasScript(s string, script *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(script, r) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
