package store

import (
	"errors"
	"fmt"
	"syscall"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

func TestClassify(t *testing.T) {
	var s *Store // Classify reads nothing of the store
	for _, tc := range []struct {
		name              string
		err               error
		full, unavailable bool
	}{
		{"nil", nil, false, false},
		{"not found", fmt.Errorf("read story: %w", content.ErrNotFound), false, false},
		{"disk full", fmt.Errorf("save story: %w", syscall.ENOSPC), true, false},
		{"sqlite full", errors.New("database or disk is full (13)"), true, false},
		{"refused", fmt.Errorf("read story: %w", syscall.ECONNREFUSED), false, true},
		{"restarting", errors.New("FATAL: the database system is starting up"), false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := s.Classify(tc.err)
			if errors.Is(got, content.ErrStorageFull) != tc.full || errors.Is(got, content.ErrUnavailable) != tc.unavailable {
				t.Fatalf("Classify(%v): full %v, unavailable %v; want %v, %v", tc.err, errors.Is(got, content.ErrStorageFull),
					errors.Is(got, content.ErrUnavailable), tc.full, tc.unavailable)
			}
			if tc.err != nil && (got.Error() != tc.err.Error() || !errors.Is(got, tc.err)) {
				t.Fatalf("Classify(%v) = %v: message or chain changed", tc.err, got)
			}
			if tc.err == nil && got != nil {
				t.Fatalf("Classify(nil) = %v", got)
			}
		})
	}
}
