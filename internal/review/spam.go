package review

import (
	"strings"
	"time"
	"unicode"
)

// Signals are what the spam defence observed about one review.
type Signals struct {
	Honeypot     bool          // the hidden field was filled
	FillTime     time.Duration // between form issue and post
	Links        int
	Duplicate    bool     // the same text from the same source recently
	Blocked      []string // blocklisted words found
	Markup       bool     // looks like HTML or script
	ShoutRatio   float64  // share of upper-case letters
	TrustedEmail bool
}

// Thresholds of the spam defence.
const (
	MinFillTime = 3 * time.Second // faster than a person can read and type
	MaxFillTime = 24 * time.Hour  // an old form is held for moderation
	MaxLinks    = 2               // more links than this is a strong spam signal
	SpamScore   = 5               // at or above: straight to spam
)

// Score turns signals into a spam score and a list of human-readable reasons.
func Score(s Signals) (int, []string) {
	score := 0
	var why []string
	add := func(n int, reason string) {
		score += n
		why = append(why, reason)
	}
	if s.Honeypot {
		add(10, "hidden field filled")
	}
	if s.FillTime < MinFillTime {
		add(4, "sent too fast")
	}
	if s.FillTime > MaxFillTime {
		add(2, "form too old")
	}
	if s.Links > MaxLinks {
		add(3+s.Links-MaxLinks, "many links")
	} else if s.Links > 0 {
		add(1, "contains links")
	}
	if s.Duplicate {
		add(5, "duplicate text")
	}
	if len(s.Blocked) > 0 {
		add(5, "blocked words: "+strings.Join(s.Blocked, ", "))
	}
	if s.Markup {
		add(1, "contains markup")
	}
	if s.ShoutRatio > 0.7 {
		add(1, "mostly capitals")
	}
	return score, why
}

// Route decides where a review goes from its score.
func Route(score int, trusted bool) Status {
	switch {
	case score >= SpamScore:
		return StatusSpam
	case trusted && score <= 1:
		return StatusApproved
	default:
		return StatusPending
	}
}

// BlockedWords returns the blocklist words that occur in text (case-insensitive, whole
// words or phrases).
func BlockedWords(text string, blocklist []string) []string {
	lower := " " + strings.Join(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ") + " "
	var found []string
	for _, w := range blocklist {
		w = strings.ToLower(strings.TrimSpace(w))
		if w != "" && strings.Contains(lower, " "+w+" ") {
			found = append(found, w)
		}
	}
	return found
}

// ShoutRatio is the share of upper-case letters among the letters of text.
func ShoutRatio(text string) float64 {
	var letters, upper int
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters < 20 {
		return 0
	}
	return float64(upper) / float64(letters)
}

// LooksLikeMarkup reports whether text contains HTML tags or script-like content.
func LooksLikeMarkup(text string) bool {
	l := strings.ToLower(text)
	for _, s := range []string{"<script", "<img", "<iframe", "<svg", "javascript:", "onerror=", "onload=", "<a ", "</"} {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}
