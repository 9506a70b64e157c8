package review

import (
	"slices"
	"testing"
	"time"
)

// TestScore holds each spam signal to its weight and reason, and the sum of several to the
// route it gives: held for moderation, approved for a trusted reader, or straight to spam.
func TestScore(t *testing.T) {
	human := 30 * time.Second // a plausible time to read and type
	for _, tc := range []struct {
		name    string
		sig     Signals
		score   int
		why     []string
		route   Status // for an untrusted reader
		trusted Status // for a trusted reader with the same score
	}{
		{"clean", Signals{FillTime: human}, 0, nil, StatusPending, StatusApproved},
		{"honeypot", Signals{Honeypot: true, FillTime: human}, 10, []string{"hidden field filled"}, StatusSpam, StatusSpam},
		{"too fast", Signals{FillTime: time.Second}, 4, []string{"sent too fast"}, StatusPending, StatusPending},
		{"just fast enough", Signals{FillTime: MinFillTime}, 0, nil, StatusPending, StatusApproved},
		{"form too old", Signals{FillTime: MaxFillTime + time.Minute}, 2, []string{"form too old"}, StatusPending, StatusPending},
		{"form just in time", Signals{FillTime: MaxFillTime}, 0, nil, StatusPending, StatusApproved},
		{"one link", Signals{FillTime: human, Links: 1}, 1, []string{"contains links"}, StatusPending, StatusApproved},
		{"links at the limit", Signals{FillTime: human, Links: MaxLinks}, 1, []string{"contains links"}, StatusPending, StatusApproved},
		{"many links", Signals{FillTime: human, Links: MaxLinks + 1}, 4, []string{"many links"}, StatusPending, StatusPending},
		{"very many links", Signals{FillTime: human, Links: MaxLinks + 5}, 8, []string{"many links"}, StatusSpam, StatusSpam},
		{"duplicate", Signals{FillTime: human, Duplicate: true}, 5, []string{"duplicate text"}, StatusSpam, StatusSpam},
		{"blocked words", Signals{FillTime: human, Blocked: []string{"casino", "free money"}}, 5,
			[]string{"blocked words: casino, free money"}, StatusSpam, StatusSpam},
		{"markup", Signals{FillTime: human, Markup: true}, 1, []string{"contains markup"}, StatusPending, StatusApproved},
		{"shouting", Signals{FillTime: human, ShoutRatio: 0.9}, 1, []string{"mostly capitals"}, StatusPending, StatusApproved},
		{"capitals at the limit", Signals{FillTime: human, ShoutRatio: 0.7}, 0, nil, StatusPending, StatusApproved},
		{"a trusted email scores nothing itself", Signals{FillTime: human, TrustedEmail: true}, 0, nil, StatusPending, StatusApproved},
		{"two small signals", Signals{FillTime: human, Links: 1, Markup: true}, 2, []string{"contains links", "contains markup"},
			StatusPending, StatusPending},
		{"fast with links and shouting", Signals{FillTime: 0, Links: 3, ShoutRatio: 1}, 9,
			[]string{"sent too fast", "many links", "mostly capitals"}, StatusSpam, StatusSpam},
	} {
		t.Run(tc.name, func(t *testing.T) {
			score, why := Score(tc.sig)
			if score != tc.score || !slices.Equal(why, tc.why) {
				t.Errorf("Score = %d %q, want %d %q", score, why, tc.score, tc.why)
			}
			if got := Route(score, false); got != tc.route {
				t.Errorf("Route(%d, untrusted) = %s, want %s", score, got, tc.route)
			}
			if got := Route(score, true); got != tc.trusted {
				t.Errorf("Route(%d, trusted) = %s, want %s", score, got, tc.trusted)
			}
		})
	}
}

// TestSignals holds the helpers that turn a review's text into signals.
func TestSignals(t *testing.T) {
	t.Run("blocked words", func(t *testing.T) {
		for _, tc := range []struct {
			text      string
			blocklist []string
			want      []string
		}{
			{"Visit our Casino today", []string{"casino"}, []string{"casino"}},
			{"casinos are not the word", []string{"casino"}, nil},
			{"get FREE, money now", []string{" Free Money ", "", "now"}, []string{"free money", "now"}},
			{"nothing here", nil, nil},
		} {
			if got := BlockedWords(tc.text, tc.blocklist); !slices.Equal(got, tc.want) {
				t.Errorf("BlockedWords(%q, %q) = %q, want %q", tc.text, tc.blocklist, got, tc.want)
			}
		}
	})
	t.Run("shout ratio", func(t *testing.T) {
		for _, tc := range []struct {
			text string
			want float64
		}{
			{"SHORT TEXT", 0}, // fewer than 20 letters count as no shouting
			{"THIS IS ALL CAPITALS AND LONG", 1},
			{"this is all lower case and long", 0},
			{"HALF half HALF half HALF half", 0.5},
		} {
			if got := ShoutRatio(tc.text); got != tc.want {
				t.Errorf("ShoutRatio(%q) = %v, want %v", tc.text, got, tc.want)
			}
		}
	})
	t.Run("markup", func(t *testing.T) {
		for _, tc := range []struct {
			text string
			want bool
		}{
			{"<SCRIPT>alert(1)", true},
			{`<img src=x onerror=alert(1)>`, true},
			{"see JavaScript:void(0)", true},
			{"a < b and c > d", false},
			{"plain words", false},
		} {
			if got := LooksLikeMarkup(tc.text); got != tc.want {
				t.Errorf("LooksLikeMarkup(%q) = %v, want %v", tc.text, got, tc.want)
			}
		}
	})
	t.Run("links", func(t *testing.T) {
		for _, tc := range []struct {
			text string
			want int
		}{
			{"no links", 0},
			{"see https://example.org and www.example.net", 2},
			{"HTTP://EXAMPLE.ORG", 1},
			{"ftp://example.org is not counted", 0},
		} {
			if got := CountLinks(tc.text); got != tc.want {
				t.Errorf("CountLinks(%q) = %d, want %d", tc.text, got, tc.want)
			}
		}
	})
}
