package account

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestLoginDelay(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0},
		{1, 0},
		{4, 0},
		{5, 15 * time.Second},
		{6, 30 * time.Second},
		{7, time.Minute},
		{8, 2 * time.Minute},
		{10, 8 * time.Minute},
		{11, 15 * time.Minute},
		{12, 15 * time.Minute},
		{1000000, 15 * time.Minute},
	}
	for _, tc := range tests {
		if got := LoginDelay(tc.failures); got != tc.want {
			t.Errorf("LoginDelay(%d) = %s, want %s", tc.failures, got, tc.want)
		}
	}
}

// TestOneCheckAtATime: while an attempt of an (account, address) pair is being checked, a
// second one of the same pair is refused at once; other pairs are not held up, and the
// pair is free again once the first ends.
func TestOneCheckAtATime(t *testing.T) {
	s := New(nil, nil, nil)
	end, ok := s.beginCheck("editor@x.test\x00198.51.100.7")
	if !ok {
		t.Fatal("the first attempt was refused")
	}
	if _, ok := s.beginCheck("editor@x.test\x00198.51.100.7"); ok {
		t.Error("a parallel attempt of the same pair was let in")
	}
	other, ok := s.beginCheck("editor@x.test\x00203.0.113.9")
	if !ok {
		t.Error("another address was held up")
	} else {
		other()
	}
	end()
	if end, ok := s.beginCheck("editor@x.test\x00198.51.100.7"); !ok {
		t.Error("the pair stayed busy after the first attempt ended")
	} else {
		end()
	}
}

// TestLoginAccount: the throttling key is valid UTF-8 of at most 254 bytes, cut between
// characters.
func TestLoginAccount(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Editor@X.test", "editor@x.test"},
		{"\xff@x.test", "\uFFFD@x.test"},
		{"a" + strings.Repeat("é", 200), "a" + strings.Repeat("é", 126)},
	}
	for _, tc := range tests {
		got := LoginAccount(tc.in)
		if got != tc.want || !utf8.ValidString(got) || len(got) > 254 {
			t.Errorf("LoginAccount(%.20q) = %.20q (%d bytes), want %.20q", tc.in, got, len(got), tc.want)
		}
	}
}
