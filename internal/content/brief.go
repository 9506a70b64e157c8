package content

import (
	"strings"
	"unicode"
)

// MaxBriefTitleRunes is the longest title a brief is given.
const MaxBriefTitleRunes = 100

// BriefTitle is the one rule for a brief's title, wherever a brief needs one (feed items,
// search results, the headline of the story developed from it): its first sentence,
// through the mark that ends it, and at most MaxBriefTitleRunes characters, the last of
// them "…" when cut. Only a mark after the 20th character ends the sentence, so that
// initials and abbreviations ("U.S.", "Dr.") near the start do not make a title of them.
func BriefTitle(text string) string {
	r := []rune(text)
	for i, c := range r {
		if (c == '.' || c == '!' || c == '?') && i > 20 {
			r = r[:i+1]
			break
		}
	}
	return ShortenRunes(string(r), MaxBriefTitleRunes)
}

// ShortenRunes returns s if it has at most n characters (runes), and otherwise as much of
// it as fits in n-1 characters followed by "…", cut at a word boundary: a word that does not
// fit whole is left out, with the spaces and punctuation before it (a single word longer
// than that is cut). It knows nothing of sentences.
func ShortenRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	cut := r[:n-1]
	if inWord(r[n-1]) && n > 1 && inWord(r[n-2]) {
		// The cut falls inside a word: go back to the space before it.
		i := len(cut)
		for i > 0 && !unicode.IsSpace(cut[i-1]) {
			i--
		}
		if i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRightFunc(string(cut), func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) && c != ')' }) + "…"
}

// inWord reports whether c belongs to a word (a letter, digit or combining mark).
func inWord(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsMark(c) }
