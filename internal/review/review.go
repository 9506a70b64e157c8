// Package review holds the rules of reader reviews: what a valid review is, how its text
// is shown (plain text, never HTML from the reader), the signed form token, and the spam
// score that routes a review to moderation or to the spam folder.
package review

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Status is a review's place in moderation.
type Status string

// Review states.
const (
	StatusPending  Status = "pending"
	StatusApproved Status = "approved"
	StatusRejected Status = "rejected"
	StatusSpam     Status = "spam"
)

// ValidStatus reports whether s is a known status.
func ValidStatus(s Status) bool {
	return s == StatusPending || s == StatusApproved || s == StatusRejected || s == StatusSpam
}

// Limits of a review.
const (
	MinTextRunes = 10
	MaxTextRunes = 4000
	MaxNameRunes = 80
	MaxEmailLen  = 254
)

// Input is what a reader sends.
type Input struct {
	Name   string
	Email  string
	Rating int // 1 to 5; 0 is none (allowed in ModeComments only)
	Text   string
}

// bidiControls are the Unicode directional overrides and isolates, which can make text
// display in a different order than it is stored.
const bidiControls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"

// Clean normalises a reader's input: line endings, surrounding space, and removal of NUL
// and other control characters and directional overrides (never valid in a review).
func Clean(in Input) Input {
	clean := func(s string, keepNewlines bool) string {
		s = strings.ToValidUTF8(s, "\uFFFD")
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.Map(func(r rune) rune {
			switch {
			case r == '\n' && keepNewlines:
				return r
			case r == '\t':
				return ' '
			case unicode.IsControl(r), strings.ContainsRune(bidiControls, r):
				return -1
			case unicode.Is(unicode.Cf, r) && r != '\u200c' && r != '\u200d':
				// Invisible format characters (zero-width space, soft hyphen, word joiner…)
				// hide words from the blocklist; joiners that scripts need are kept.
				return -1
			}
			return r
		}, s)
		return strings.TrimSpace(s)
	}
	in.Name = strings.Join(strings.Fields(clean(in.Name, false)), " ")
	in.Email = strings.ToLower(clean(in.Email, false))
	in.Text = clean(in.Text, true)
	return in
}

var emailRe = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// Validate checks a cleaned review and returns a *content.FieldError naming each bad field.
// In ModeReviews the rating (1 to 5) is required; in ModeComments it may be 0 (none), and
// one given is kept, so it must still be 1 to 5. msg turns a message key into the
// visitor's language.
func Validate(in Input, mode Mode, msg func(key string, args ...any) string) error {
	errs := map[string]string{}
	if n := utf8.RuneCountInString(in.Name); n == 0 || n > MaxNameRunes {
		errs["name"] = msg("review_err_name", MaxNameRunes)
	}
	if in.Email != "" && (len(in.Email) > MaxEmailLen || !emailRe.MatchString(in.Email)) {
		errs["email"] = msg("review_err_email")
	}
	if (in.Rating != 0 || mode.RatingRequired()) && (in.Rating < 1 || in.Rating > 5) {
		errs["rating"] = msg("review_err_rating")
	}
	if n := utf8.RuneCountInString(in.Text); n < MinTextRunes || n > MaxTextRunes {
		errs["text"] = msg("review_err_text", MinTextRunes, MaxTextRunes)
	}
	if len(errs) > 0 {
		return &content.FieldError{What: "review", Fields: errs}
	}
	return nil
}

var urlRe = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"']+`)

// CountLinks counts the web addresses in a text.
func CountLinks(text string) int { return len(urlRe.FindAllStringIndex(text, -1)) }

// Render shows a review's text as HTML: everything escaped, paragraphs and line breaks
// kept, web addresses as rel="nofollow ugc noopener" links. Nothing the reader typed can
// become markup.
func Render(text string) template.HTML {
	var b strings.Builder
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		lines := strings.Split(para, "\n")
		for i, line := range lines {
			if i > 0 {
				b.WriteString("<br>")
			}
			last := 0
			for _, m := range urlRe.FindAllStringIndex(line, -1) {
				b.WriteString(html.EscapeString(line[last:m[0]]))
				u := strings.TrimRight(line[m[0]:m[1]], ".,;:!?)")
				href := u
				if !strings.HasPrefix(strings.ToLower(href), "http") {
					href = "https://" + href
				}
				fmt.Fprintf(&b, `<a href="%s" rel="nofollow ugc noopener">%s</a>`, html.EscapeString(href), html.EscapeString(u))
				last = m[0] + len(u)
			}
			b.WriteString(html.EscapeString(line[last:]))
		}
		b.WriteString("</p>")
	}
	return template.HTML(b.String()) // #nosec G203 -- built from escaped parts only
}

// Token is the signed form token: which article the form is for and when it was issued.
type Token struct {
	ArticleID int64
	Issued    time.Time
}

// ErrBadToken is returned for a token that is malformed or not signed by us.
var ErrBadToken = errors.New("the form is not valid; reload the page")

// Sign makes the hidden form token for an article at time now.
func Sign(key []byte, articleID int64, now time.Time) string {
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[:8], uint64(articleID))       // #nosec G115 -- ids are positive
	binary.BigEndian.PutUint64(buf[8:], uint64(now.UnixMilli())) // #nosec G115 -- times after 1970
	mac := hmac.New(sha256.New, key)
	mac.Write(buf[:])
	return base64.RawURLEncoding.EncodeToString(append(buf[:], mac.Sum(nil)[:16]...))
}

// Verify checks a form token's signature and returns what it carries.
func Verify(key []byte, token string) (Token, error) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != 32 {
		return Token{}, ErrBadToken
	}
	mac := hmac.New(sha256.New, key)
	mac.Write(raw[:16])
	if !hmac.Equal(mac.Sum(nil)[:16], raw[16:]) {
		return Token{}, ErrBadToken
	}
	return Token{
		ArticleID: int64(binary.BigEndian.Uint64(raw[:8])),                   // #nosec G115 -- signed by us
		Issued:    time.UnixMilli(int64(binary.BigEndian.Uint64(raw[8:16]))), // #nosec G115 -- signed by us
	}, nil
}
