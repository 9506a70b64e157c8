package account

import (
	"testing"
	"time"
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
