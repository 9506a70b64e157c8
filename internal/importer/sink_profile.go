package importer

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/content"
)

// profileOf reads the author profile a Newsdesk export carries in an author's metadata
// (export_pages.go): the role, the texts by language and the links, held to the limits the
// newsroom holds them to. What does not fit is left out and said in the report.
func (s *sink) profileOf(login string, meta map[string]string) (role string, texts map[string]content.AuthorText, links []content.AuthorLink) {
	role = fitRunes(meta[authorMetaRole], content.MaxAuthorRole)
	if v := meta[authorMetaTexts]; v != "" {
		if err := json.Unmarshal([]byte(v), &texts); err != nil {
			s.rep.warn("author %s: the profile's texts cannot be read; left out", login)
			texts = nil
		}
		for lang, t := range texts {
			texts[lang] = content.AuthorText{Name: fitRunes(t.Name, content.MaxAuthorName),
				Role: fitRunes(t.Role, content.MaxAuthorRole), Bio: fitRunes(t.Bio, content.MaxAuthorBio)}
		}
	}
	if v := meta[authorMetaLinks]; v != "" {
		var all []content.AuthorLink
		if err := json.Unmarshal([]byte(v), &all); err != nil {
			s.rep.warn("author %s: the profile's links cannot be read; left out", login)
		}
		for _, l := range all {
			l, problem := content.NormalizeLink(l)
			if problem != "" || len(links) == content.MaxAuthorLinks {
				s.rep.warn("author %s: the link %q is left out", login, l.URL)
				continue
			}
			links = append(links, l)
		}
	}
	return role, texts, links
}

// fitRunes is s cut to at most n characters.
func fitRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
