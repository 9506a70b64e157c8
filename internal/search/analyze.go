// Package search is the text side of Newsdesk's full-text search: how words are folded and
// stemmed (Analyze), how a visitor's query is read (ParseQuery), how a result's snippet is
// cut and highlighted (Highlight), and the Searcher interface with its request and result
// types. It has no SQL: the two index backends (SQLite FTS5 and PostgreSQL tsvector) live in
// the store, and both index and query the terms this package makes, so that they match the
// same stories.
package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
	"golang.org/x/text/unicode/norm"
)

// Token is one word of a text as the index sees it.
type Token struct {
	// Word is the word case- and accent-folded but not stemmed ("escalating").
	Word string
	// Term is what is indexed and searched: Word stemmed where the language has a
	// stemmer ("escal").
	Term string
	// Start and End are the word's byte offsets in the analysed text.
	Start, End int
	// New is set the first time the Analyzer meets the word in the language (while its
	// cache holds; it starts afresh now and then, so a word can be new again).
	New bool
}

// rules is how the words of one language are folded and stemmed.
type rules int

const (
	rulesPlain   rules = iota // case and accent folding only
	rulesEnglish              // plus the Snowball English (Porter2) stemmer
	rulesTurkic               // Turkish and Azerbaijani: dotted and dotless i, own letters kept
)

// rulesFor returns the rules of a language code ("en", "ru", "az", "en-GB", …).
func rulesFor(lang string) rules {
	code, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch code {
	case "en":
		return rulesEnglish
	case "az", "tr":
		return rulesTurkic
	}
	return rulesPlain
}

// Analyzer folds and stems words, remembering the stems it has computed (stemming is the
// costly step, and a language uses a small set of words again and again). It is safe for
// concurrent use; the zero value is not usable, call NewAnalyzer.
type Analyzer struct {
	mu    sync.RWMutex
	cache map[string]cached
}

type cached struct{ word, term string }

// maxKey bounds the words that are cached (longer ones are stemmed each time).
const maxKey = 64

// maxCached bounds the memory of an Analyzer's cache; past it the cache starts afresh.
const maxCached = 1 << 18

// NewAnalyzer returns an Analyzer with an empty cache.
func NewAnalyzer() *Analyzer { return &Analyzer{cache: make(map[string]cached, 4096)} }

// Analyze returns the index terms of text in language lang, in order: words folded for case
// and accents (Turkish and Azerbaijani rules for az and tr: İ→i, I→ı, Ə→ə) and stemmed with
// Snowball for English and for words in Cyrillic script (Russian rules).
func Analyze(lang, text string) []string {
	var out []string
	var a Analyzer // no cache: a one-off call
	a.Tokens(lang, text, func(t Token) { out = append(out, t.Term) })
	return out
}

// Terms is Analyze with the Analyzer's cache.
func (a *Analyzer) Terms(lang, text string) []string {
	var out []string
	a.Tokens(lang, text, func(t Token) { out = append(out, t.Term) })
	return out
}

// Tokens calls fn for every word of text, in order. The rule is the same for the stories
// that are indexed and for the queries that look for them, so that a query matches a text
// whatever punctuation joins its words:
//
//   - A word is a run of letters or a run of digits (with their combining marks): a change
//     from letters to digits or back starts a new word, so "COP29", "COP-29" and "cop 29"
//     are all the words "cop" "29", and "F-16" and "F16" are "f" "16".
//   - Hyphens and every other punctuation separate words: "half-empty" is "half" "empty",
//     which a query finds as the phrase it is ("half-empty", "half empty").
//   - An apostrophe between two letters stays inside the word and is dropped ("don't",
//     "don’t" and "dont" are one word; "O'Brien" is "obrien"). In Turkish and Azerbaijani
//     it cuts off the suffix of a proper name or a number ("Bakı'da" → "bakı", "2024'te"
//     → "2024") when what comes before it is not a single letter.
//   - A soft hyphen (U+00AD) inside a word is ignored.
func (a *Analyzer) Tokens(lang, text string, fn func(Token)) {
	a.TokensWhile(lang, text, func(t Token) bool { fn(t); return true })
}

// TokensWhile is Tokens that stops as soon as fn returns false.
func (a *Analyzer) TokensWhile(lang, text string, fn func(Token) bool) {
	rl := rulesFor(lang)
	// buf holds the cache key: the language, a NUL, then the folded word.
	var arr [96]byte
	buf := append(arr[:0], lang...)
	buf = append(buf, 0)
	keyLen := len(buf)
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) || unicode.Is(unicode.Mn, r) {
			i += n
			continue
		}
		start := i
		end := i + n
		digits := isNumber(r)
		letters := 1 // runes of the word before end
		cut := -1    // where a Turkic apostrophe suffix starts
		soft := false
	scan:
		for end < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[end:])
			if isWordRune(r2) {
				if cut < 0 && isNumber(r2) != digits && !unicode.In(r2, unicode.Mn, unicode.Mc) {
					break // letters to digits or back: a new word
				}
				end += n2
				letters++
				continue
			}
			if r2 == softHyphen && end+n2 < len(text) {
				if r3, _ := utf8.DecodeRuneInString(text[end+n2:]); isWordRune(r3) && isNumber(r3) == digits {
					end += n2
					soft = true
					continue
				}
			}
			if isApostrophe(r2) && end+n2 < len(text) {
				if r3, _ := utf8.DecodeRuneInString(text[end+n2:]); unicode.IsLetter(r3) {
					switch {
					case cut < 0 && rl == rulesTurkic && (digits || letters > 1):
						cut = end
					case cut < 0 && digits:
						// "1990's": the digits end here, the letters are a word of their own
						// (as in "1990s")
						break scan
					}
					end += n2
					continue
				}
			}
			break
		}
		i = end
		word := text[start:end]
		if cut >= 0 {
			word = text[start:cut]
		}
		if soft {
			word = strings.ReplaceAll(word, "\u00ad", "")
		}
		buf = fold(buf[:keyLen], rl, word)
		if len(buf) == keyLen {
			continue
		}
		c, isNew := a.lookup(rl, buf, keyLen)
		if !fn(Token{Word: c.word, Term: c.term, Start: start, End: end, New: isNew}) {
			return
		}
	}
}

// Fold returns word folded for case and accents as lang does it, without stemming.
func Fold(lang, word string) string { return string(fold(nil, rulesFor(lang), word)) }

// lookup returns the folded word (key[keyLen:]) and its term, from the cache when it is
// there, and whether it was not.
func (a *Analyzer) lookup(rl rules, key []byte, keyLen int) (cached, bool) {
	if a.cache == nil || len(key) > maxKey { // no cache (the one-off Analyze), or a long word
		w := string(key[keyLen:])
		return cached{word: w, term: stem(rl, w)}, true
	}
	a.mu.RLock()
	c, ok := a.cache[string(key)]
	a.mu.RUnlock()
	if ok {
		return c, false
	}
	w := string(key[keyLen:])
	c = cached{word: w, term: stem(rl, w)}
	a.mu.Lock()
	if len(a.cache) >= maxCached {
		a.cache = make(map[string]cached, 4096)
	}
	a.cache[string(key)] = c
	a.mu.Unlock()
	return c, true
}

// stem returns the index term of a folded word.
func stem(rl rules, w string) string {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsDigit(r):
		return w
	case unicode.Is(unicode.Cyrillic, r):
		return russian.Stem(w, false)
	case rl == rulesEnglish && r < utf8.RuneSelf:
		return english.Stem(w, false)
	}
	return w
}

func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r >= 0x410 && r <= 0x44f: // the basic Cyrillic letters
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Nl, unicode.No, unicode.Mn, unicode.Mc)
}

// isNumber reports whether r is a digit (or another number), as opposed to a letter.
func isNumber(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsNumber(r)
}

// softHyphen marks where a word may be broken at the end of a line; it is no part of it.
const softHyphen = '\u00ad'

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// fold appends word, folded for case and accents under rl, to dst. Apostrophes are
// dropped. Combining accents are removed except where the language's alphabet needs them.
func fold(dst []byte, rl rules, word string) []byte { return foldRunes(dst, rl, word, false) }

// foldRunes folds word; composed says it is already in NFC (a decomposed accent found in a
// word that is not makes it start again on the recomposed word, in one pass otherwise).
func foldRunes(dst []byte, rl rules, word string, composed bool) []byte {
	start := len(dst)
	for _, r := range word {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				if rl == rulesTurkic && r == 'I' {
					dst = utf8.AppendRune(dst, 'ı')
					continue
				}
				r += 'a' - 'A'
			}
			if r == '\'' {
				continue
			}
			dst = append(dst, byte(r)) // #nosec G115 -- r is below utf8.RuneSelf here (ASCII)
		case r >= 0x400 && r <= 0x4ff: // Cyrillic
			switch {
			case r >= 0x410 && r <= 0x42f:
				r += 0x20
			case r == 'Ё' || r == 'ё':
				r = 'е'
			case r < 0x430 || r > 0x44f:
				r = unicode.ToLower(r)
			}
			dst = utf8.AppendRune(dst, r)
		case isApostrophe(r):
		case !composed && r >= 0x300 && r <= 0x36f: // a decomposed accent: recompose the word first
			return foldRunes(dst[:start], rl, norm.NFC.String(word), true)
		case unicode.Is(unicode.Mn, r):
			// a combining mark left after recomposition: an accent with no precomposed
			// form (folded away) or part of a script that needs it (kept)
			if !unicode.Is(unicode.Inherited, r) || r > 0x36f {
				dst = utf8.AppendRune(dst, r)
			}
		default:
			dst = foldLetter(dst, rl, r)
		}
	}
	return dst
}

// turkicLetters are the letters of the Turkish and Azerbaijani alphabets that are not
// accented Latin letters there but letters of their own, kept as they are.
const turkicLetters = "çəğıöşüÇƏĞIÖŞÜ"

// foldLetter appends the case- and accent-folded form of one non-ASCII, non-Cyrillic rune.
func foldLetter(dst []byte, rl rules, r rune) []byte {
	if rl == rulesTurkic {
		switch r {
		case 'İ':
			return append(dst, 'i')
		case 'I':
			return utf8.AppendRune(dst, 'ı')
		}
		if strings.ContainsRune(turkicLetters, r) {
			return utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	r = unicode.ToLower(r)
	switch r {
	case 'ı', 'İ':
		return append(dst, 'i')
	case 'ə', 'Ə':
		return append(dst, 'e')
	case 'ß':
		return append(dst, "ss"...)
	case 'æ':
		return append(dst, "ae"...)
	case 'œ':
		return append(dst, "oe"...)
	case 'ø':
		return append(dst, 'o')
	case 'ł':
		return append(dst, 'l')
	case 'đ', 'ð':
		return append(dst, 'd')
	case 'þ':
		return append(dst, "th"...)
	case 'ς':
		return utf8.AppendRune(dst, 'σ')
	}
	if r < 0x80 || !unicode.IsLetter(r) {
		return utf8.AppendRune(dst, r)
	}
	// An accented letter: keep what its canonical decomposition has besides the accents.
	var tmp [16]byte
	d := norm.NFD.AppendString(tmp[:0], string(r))
	if len(d) == utf8.RuneLen(r) {
		return utf8.AppendRune(dst, r)
	}
	for _, x := range string(d) {
		if !unicode.Is(unicode.Mn, x) {
			dst = utf8.AppendRune(dst, unicode.ToLower(x))
		}
	}
	return dst
}
