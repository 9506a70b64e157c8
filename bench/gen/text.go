package gen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/content"
)

// lexicon is the word material of one language.
type lexicon struct {
	code     string
	name     string // the language's name in itself
	siteName string
	words    []string
	first    []string // first names, aligned across languages
	last     []string // last names, aligned across languages
	roles    []string // byline roles, aligned across languages
	cities   []string // datelines, aligned across languages
	upper    unicode.SpecialCase
	tags     []content.Tag // the tag vocabulary, filled by buildTags
}

// newLexicon returns the word lists of a supported language code.
func newLexicon(code string) (*lexicon, error) {
	split := func(s string) []string {
		var out []string
		for _, p := range strings.Split(s, "|") {
			if p = strings.Join(strings.Fields(p), " "); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	var lx lexicon
	switch code {
	case "en":
		lx = lexicon{name: "English", siteName: "Bench Wire", words: strings.Fields(enWords),
			first: strings.Fields(enFirstNames), last: strings.Fields(enLastNames), roles: split(enRoles), cities: split(enCities)}
	case "ru":
		lx = lexicon{name: "Русский", siteName: "Тестовая лента", words: strings.Fields(ruWords),
			first: strings.Fields(ruFirstNames), last: strings.Fields(ruLastNames), roles: split(ruRoles), cities: split(ruCities)}
	case "az":
		lx = lexicon{name: "Azərbaycanca", siteName: "Test Lenti", words: strings.Fields(azWords),
			first: strings.Fields(azFirstNames), last: strings.Fields(azLastNames), roles: split(azRoles), cities: split(azCities),
			upper: unicode.TurkishCase}
	default:
		return nil, fmt.Errorf("language %q: the generator has word lists for en, ru and az only", code)
	}
	lx.code = code
	return &lx, nil
}

// sectionName is a section of a generated edition: its key, then name and slug per language.
type sectionName struct {
	key   string
	names map[string]string
	slugs map[string]string
}

// sectionNames returns the sections a generated edition may have, in order.
func sectionNames() []sectionName {
	return []sectionName{
		{"politics", map[string]string{"en": "Politics", "ru": "Политика", "az": "Siyasət"},
			map[string]string{"en": "politics", "ru": "politika", "az": "siyaset"}},
		{"economy", map[string]string{"en": "Economy", "ru": "Экономика", "az": "İqtisadiyyat"},
			map[string]string{"en": "economy", "ru": "ekonomika", "az": "iqtisadiyyat"}},
		{"world", map[string]string{"en": "World", "ru": "В мире", "az": "Dünya"},
			map[string]string{"en": "world", "ru": "v-mire", "az": "dunya"}},
		{"culture", map[string]string{"en": "Culture", "ru": "Культура", "az": "Mədəniyyət"},
			map[string]string{"en": "culture", "ru": "kultura", "az": "medeniyyet"}},
		{"sport", map[string]string{"en": "Sport", "ru": "Спорт", "az": "İdman"},
			map[string]string{"en": "sport", "ru": "sport", "az": "idman"}},
		{"science", map[string]string{"en": "Science", "ru": "Наука", "az": "Elm"},
			map[string]string{"en": "science", "ru": "nauka", "az": "elm"}},
		{"society", map[string]string{"en": "Society", "ru": "Общество", "az": "Cəmiyyət"},
			map[string]string{"en": "society", "ru": "obshchestvo", "az": "cemiyyet"}},
		{"technology", map[string]string{"en": "Technology", "ru": "Технологии", "az": "Texnologiya"},
			map[string]string{"en": "technology", "ru": "tekhnologii", "az": "texnologiya"}},
	}
}

// tagsPerLanguage is the size of each language's tag vocabulary.
const tagsPerLanguage = 2000

// buildTags fills lx.tags with tagsPerLanguage distinct tags: the longer single words first,
// then pairs of words, in an order fixed by r.
func (lx *lexicon) buildTags(r *rand.Rand) {
	seen := map[string]bool{}
	add := func(name string) {
		slug := content.Slugify(name)
		if slug == "" || seen[slug] || len(lx.tags) >= tagsPerLanguage {
			return
		}
		seen[slug] = true
		lx.tags = append(lx.tags, content.Tag{Name: name, Slug: slug})
	}
	for _, i := range r.Perm(len(lx.words)) {
		if utf8.RuneCountInString(lx.words[i]) >= 5 {
			add(lx.words[i])
		}
	}
	for len(lx.tags) < tagsPerLanguage {
		add(lx.words[r.IntN(len(lx.words))] + " " + lx.words[r.IntN(len(lx.words))])
	}
}

// bigTags are the shares of a language's stories that carry its first tags, as an agency's
// home country, its capital and a neighbour run through a large part of its archive: one tag
// has 30% of the stories (100,000 of a language's 333,000 in a 1,000,000-article edition),
// the next 10% and 3%. The others follow pickTags's long tail.
var bigTags = [...]float64{0.30, 0.10, 0.03}

// pickTags chooses n distinct tags, skewed so that a few tags are common and most are rare:
// first the big tags (each with its share of bigTags), then the long tail, where tag k is
// picked about ln(len/k)/len of the time.
func (lx *lexicon) pickTags(r *rand.Rand, n int) []content.Tag {
	out := make([]content.Tag, 0, n)
	for i, share := range bigTags {
		if len(out) < n && i < len(lx.tags) && r.Float64() < share {
			out = append(out, lx.tags[i])
		}
	}
	for len(out) < n {
		t := lx.tags[r.IntN(r.IntN(len(lx.tags))+1)]
		dup := false
		for _, o := range out {
			dup = dup || o.Slug == t.Slug
		}
		if !dup {
			out = append(out, t)
		}
	}
	return out
}

// writer produces synthetic text in one language. The text has no characters that Markdown
// or HTML treat specially, so the same words are the Markdown source and the HTML.
type writer struct {
	r  *rand.Rand
	lx *lexicon
	b  strings.Builder
}

// capitalize upper-cases the first letter of w (Turkish rules for Azerbaijani: i → İ).
func (w *writer) capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if w.lx.upper != nil {
		return string(w.lx.upper.ToUpper(r)) + s[n:]
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// words appends n words as sentence text (capitalized, commas now and then, the odd number)
// to w.b without a final full stop.
func (w *writer) words(n int) {
	for i := 0; i < n; i++ {
		word := w.lx.words[w.r.IntN(len(w.lx.words))]
		switch {
		case i == 0:
			word = w.capitalize(word)
		case i < n-1 && w.r.IntN(40) == 0:
			word = strconv.Itoa(w.r.IntN(990) + 10)
		}
		if i > 0 {
			if w.r.IntN(14) == 0 && i < n-1 {
				w.b.WriteByte(',')
			}
			w.b.WriteByte(' ')
		}
		w.b.WriteString(word)
	}
}

// text returns sentences of about n words in all, each ended by a full stop.
func (w *writer) text(n int) string {
	w.b.Reset()
	for n > 0 {
		k := 7 + w.r.IntN(12)
		if n-k < 4 {
			k = n
		}
		if w.b.Len() > 0 {
			w.b.WriteByte(' ')
		}
		w.words(k)
		w.b.WriteByte('.')
		n -= k
	}
	return w.b.String()
}

// headline returns a headline of 8–12 words, without a full stop.
func (w *writer) headline() string {
	w.b.Reset()
	w.words(8 + w.r.IntN(5))
	return w.b.String()
}

// body returns a story body of 6–12 paragraphs of 40–80 words, one of them a blockquote and,
// in longer stories, a subheading, as Markdown and as the HTML that goldmark makes of it.
func (w *writer) body() (md, html string) {
	var m, h strings.Builder
	m.Grow(6000)
	h.Grow(6500)
	n := 6 + w.r.IntN(7)
	quote := 2 + w.r.IntN(n-3)
	sub := -1
	if n >= 9 {
		sub = n/2 + 1
		if sub == quote {
			sub++
		}
	}
	for i := 0; i < n; i++ {
		if i == sub {
			w.b.Reset()
			w.words(3 + w.r.IntN(4))
			t := w.b.String()
			m.WriteString("## " + t + "\n\n")
			h.WriteString("<h2>" + t + "</h2>\n")
		}
		t := w.text(40 + w.r.IntN(41))
		if i == quote {
			m.WriteString("> " + t + "\n\n")
			h.WriteString("<blockquote>\n<p>" + t + "</p>\n</blockquote>\n")
			continue
		}
		m.WriteString(t + "\n\n")
		h.WriteString("<p>" + t + "</p>\n")
	}
	return strings.TrimSuffix(m.String(), "\n"), h.String()
}

// slug makes a story slug from a headline and a number unique in the language.
func slug(headline string, n int) string {
	s := content.Slugify(headline)
	for len(s) > 60 {
		i := strings.LastIndexByte(s[:60], '-')
		if i <= 0 {
			s = s[:60]
			break
		}
		s = s[:i]
	}
	s = strings.Trim(s, "-")
	if s == "" {
		return "story-" + strconv.Itoa(n)
	}
	return s + "-" + strconv.Itoa(n)
}
