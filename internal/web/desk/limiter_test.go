package desk

import (
	"strconv"
	"testing"
	"time"
)

func TestAddressKey(t *testing.T) {
	tests := []struct{ ip, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"::ffff:203.0.113.7", "203.0.113.7"},
		{"2001:db8:0:1::1", "2001:db8:0:1::/64"},
		{"2001:db8:0:1:ffff:ffff:ffff:ffff", "2001:db8:0:1::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"not an address", "not an address"},
	}
	for _, tc := range tests {
		if got := addressKey(tc.ip); got != tc.want {
			t.Errorf("addressKey(%q) = %q, want %q", tc.ip, got, tc.want)
		}
	}
}

// TestLoginLimiter: one bucket per address, refilled at one attempt per loginEvery; idle
// buckets are forgotten when the map is full, so it stays bounded.
func TestLoginLimiter(t *testing.T) {
	d := &Desk{}
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	a, b := addressKey("2001:db8:0:1::1"), addressKey("2001:db8:0:1::2")
	for i := 0; i < loginBurst; i++ {
		if _, ok := d.loginAllowed(a, now); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if wait, ok := d.loginAllowed(b, now); ok || wait != loginEvery {
		t.Errorf("another address of the same /64: allowed %v, wait %s; want refused for %s", ok, wait, loginEvery)
	}
	if _, ok := d.loginAllowed(addressKey("2001:db8:0:2::1"), now); !ok {
		t.Error("another /64 refused")
	}
	if _, ok := d.loginAllowed(a, now.Add(loginEvery)); !ok {
		t.Error("refused after the refill")
	}
	// Fill the map; the busy bucket of a stays, the idle ones go once the map is full.
	for i := len(d.loginLimits); i < maxLoginLimits; i++ {
		d.loginAllowed("198.51."+strconv.Itoa(i/256)+"."+strconv.Itoa(i%256), now.Add(loginEvery))
	}
	if n := len(d.loginLimits); n != maxLoginLimits {
		t.Fatalf("%d buckets, want %d", n, maxLoginLimits)
	}
	later := now.Add(loginEvery + loginBurst*loginEvery)
	d.loginLimits[a].ReserveN(later, loginBurst) // a is busy at that time
	d.loginAllowed("192.0.2.1", later)
	if n := len(d.loginLimits); n != 2 {
		t.Errorf("%d buckets after pruning, want 2 (the busy one and the new one)", n)
	}
	if _, ok := d.loginLimits[a]; !ok {
		t.Error("a busy bucket was forgotten")
	}
}
