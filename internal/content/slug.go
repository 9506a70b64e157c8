package content

import (
	"strings"
	"unicode"
)

// translit maps Cyrillic and Azerbaijani/Turkish letters to ASCII, for URL slugs.
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	'ə': "e", 'ı': "i", 'ğ': "g", 'ş': "s", 'ç': "c", 'ö': "o", 'ü': "u", 'i': "i",
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'í': "i",
	'ó': "o", 'ô': "o", 'ú': "u", 'û': "u", 'ñ': "n",
}

// MaxSlugBytes is the longest slug Slugify makes.
const MaxSlugBytes = 80

// Slugify turns a headline or name into a lowercase ASCII URL slug of at most
// MaxSlugBytes bytes, transliterating Cyrillic and Azerbaijani letters. A longer slug is
// cut after its last whole word that fits (a single word longer than that is cut). It
// returns "" when nothing is left.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.ReplaceAll(s, "İ", "i")) {
		var part string
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			part = string(r)
		default:
			if t, ok := translit[r]; ok {
				if t == "" {
					continue // ь and ъ have no Latin letter, and they do not split words
				}
				part = t
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		if part == "" {
			if b.Len() > 0 {
				dash = true
			}
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(part)
		if b.Len() > MaxSlugBytes {
			break
		}
	}
	return cutSlug(strings.Trim(b.String(), "-"))
}

// cutSlug shortens a slug longer than MaxSlugBytes at the last hyphen that keeps it within
// the limit, or at the limit when its first word alone is longer.
func cutSlug(slug string) string {
	if len(slug) <= MaxSlugBytes {
		return slug
	}
	if i := strings.LastIndexByte(slug[:MaxSlugBytes+1], '-'); i > 0 {
		return slug[:i]
	}
	return slug[:MaxSlugBytes]
}

// ValidSlug reports whether s is a usable slug: 1–100 bytes of a–z, 0–9 and inner hyphens.
func ValidSlug(s string) bool {
	if s == "" || len(s) > 100 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// reservedSlugs are path segments the site uses for itself; no section may take them.
var reservedSlugs = map[string]bool{
	"tag": true, "author": true, "briefs": true, "search": true, "static": true, "media": true,
	"api": true, "newsroom": true, "feed": true, "rss": true, "atom": true, "sitemap": true,
	PageSegment: true,
}

// ReservedSectionSlug reports whether s is used by the site's own URLs.
func ReservedSectionSlug(s string) bool { return reservedSlugs[s] }

// ArticlePath is the public path of a story: /{language}/{section slug}/{story slug}.
func ArticlePath(lang, sectionSlug, slug string) string {
	return "/" + lang + "/" + sectionSlug + "/" + slug
}

// SectionPath is the public path of a section front.
func SectionPath(lang, sectionSlug string) string { return "/" + lang + "/" + sectionSlug + "/" }
