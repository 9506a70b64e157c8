package content

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

// ShortenRunes returns s if it has at most n characters (runes), and otherwise its first
// n-1 characters followed by "…": a display truncation, which knows nothing of sentences.
func ShortenRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
