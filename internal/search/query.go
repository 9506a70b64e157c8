package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQueryBytes bounds the query text that is read; the rest is ignored.
const MaxQueryBytes = 400

// MaxClauses bounds the words and phrases of a query that are used; the rest are ignored.
const MaxClauses = 12

// Clause is one part of a query: a word, or a phrase in double quotes.
type Clause struct {
	// Text is the word or the phrase's text as typed (it is analysed per language when the
	// query runs, so one word may become several terms: "e-mail" is the phrase "e mail").
	Text string
	// Phrase is set for text in double quotes: its words must stand together, in order.
	Phrase bool
	// Exclude is set for -word and -"phrase": stories containing it are left out.
	Exclude bool
	// Prefix is set when the last word may be the beginning of a longer word: for the last
	// word of a query that does not end in a space (the visitor is still typing), and for
	// word* anywhere.
	Prefix bool
}

// Query is a parsed search query. The zero Query matches nothing.
type Query struct {
	Clauses []Clause
	// Truncated is set when part of the input was ignored (too long, or too many words).
	Truncated bool
}

// ParseQuery reads a visitor's query. It never fails: text that is not valid UTF-8 or has
// control characters is cleaned, operators and punctuation that mean nothing here
// (parentheses, AND, NEAR(, ^, :, a lone * or -) are ordinary separators or words, and an
// unbalanced quote is ignored, so its words are searched as plain words.
//
// The syntax: words are all required; "a phrase" in double quotes; -word and -"a phrase"
// exclude; word* matches words that begin with word, as the last word does while typing.
func ParseQuery(s string) Query {
	var q Query
	s, q.Truncated = clean(s)
	quotes := strings.Count(s, `"`)
	if quotes%2 == 1 { // unbalanced: drop the last quote
		i := strings.LastIndexByte(s, '"')
		s = s[:i] + " " + s[i+1:]
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		exclude := false
		if r == '-' && i+1 < len(s) && (s[i+1] == '"' || startsWord(s[i+1:])) {
			exclude = true
			i++
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		var c Clause
		if r == '"' {
			end := strings.IndexByte(s[i+1:], '"') // balanced, so there is one
			c = Clause{Text: strings.TrimSpace(s[i+1 : i+1+end]), Phrase: true}
			i += end + 2
			if i < len(s) && s[i] == '*' {
				c.Prefix = true
				i++
			}
		} else {
			end := i
			for end < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[end:])
				if unicode.IsSpace(r2) || r2 == '"' {
					break
				}
				end += n2
			}
			word := s[i:end]
			i = end
			if strings.HasSuffix(word, "*") {
				c.Prefix = true
			}
			c.Text = strings.Trim(word, "*")
			if i == len(s) && !exclude { // the last word, the visitor may still be typing
				c.Prefix = true
			}
		}
		c.Exclude = exclude
		if c.Exclude {
			c.Prefix = false
		}
		if !hasWord(c.Text) {
			continue
		}
		if len(q.Clauses) == MaxClauses {
			q.Truncated = true
			break
		}
		q.Clauses = append(q.Clauses, c)
	}
	return q
}

// clean makes s valid, printable and short.
func clean(s string) (string, bool) {
	truncated := false
	if len(s) > MaxQueryBytes*4 {
		s, truncated = s[:MaxQueryBytes*4], true
	}
	s = strings.ToValidUTF8(s, " ")
	var b strings.Builder
	b.Grow(min(len(s), MaxQueryBytes))
	for _, r := range s {
		switch {
		case r == '“' || r == '”' || r == '„' || r == '«' || r == '»':
			r = '"'
		case r == '−' || r == '–':
			r = '-'
		case r == softHyphen: // inside a word, as the analyzer reads it in stories
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			r = ' '
		}
		if b.Len()+utf8.RuneLen(r) > MaxQueryBytes {
			truncated = true
			break
		}
		b.WriteRune(r)
	}
	return b.String(), truncated
}

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func hasWord(s string) bool {
	for _, r := range s {
		if isWordRune(r) && !unicode.Is(unicode.Mn, r) {
			return true
		}
	}
	return false
}

// Empty reports whether the query has nothing to look for: no word or phrase that is not
// excluded.
func (q Query) Empty() bool {
	for _, c := range q.Clauses {
		if !c.Exclude {
			return false
		}
	}
	return true
}

// String writes the query back in its syntax, as it is understood.
func (q Query) String() string {
	var b strings.Builder
	for i, c := range q.Clauses {
		if i > 0 {
			b.WriteByte(' ')
		}
		if c.Exclude {
			b.WriteByte('-')
		}
		if c.Phrase {
			b.WriteString(`"` + c.Text + `"`)
		} else {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

// Plan is a query analysed for one language: what the index is asked for.
type Plan struct {
	Include []Part // all required
	Exclude []Part // none may occur
}

// Part is a word or a phrase as index terms.
type Part struct {
	// Terms are the phrase's terms in order; a single word has one.
	Terms []string
	// Prefix is set when the last term may be the beginning of a longer word. Its Word is
	// the folded, unstemmed beginning as typed (prefixes are matched against words, since
	// the stem of "escalat" is not a beginning of "escal").
	Prefix bool
	Word   string
}

// Plan analyses q for language lang. Clauses that have no term in that language (only
// punctuation, say) are dropped.
func (a *Analyzer) Plan(lang string, q Query) Plan {
	var p Plan
	for _, c := range q.Clauses {
		var part Part
		var last Token
		a.Tokens(lang, c.Text, func(t Token) {
			part.Terms = append(part.Terms, t.Term)
			last = t
		})
		if len(part.Terms) == 0 {
			continue
		}
		if c.Prefix {
			part.Prefix, part.Word = true, last.Word
		}
		if c.Exclude {
			p.Exclude = append(p.Exclude, part)
		} else {
			p.Include = append(p.Include, part)
		}
	}
	return p
}

// Empty reports whether the plan has nothing to look for.
func (p Plan) Empty() bool { return len(p.Include) == 0 }
