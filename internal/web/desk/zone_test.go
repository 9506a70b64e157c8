package desk

import (
	"testing"
	"time"
)

func TestZoneName(t *testing.T) {
	winter := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)
	zone := func(name string) *time.Location {
		t.Helper()
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skipf("no zone data for %s: %v", name, err)
		}
		return loc
	}
	for _, tc := range []struct {
		lang string
		loc  *time.Location
		at   time.Time
		want string
	}{
		{"en", zone("Asia/Baku"), winter, "Baku time, GMT+4"},
		{"ru", zone("Asia/Baku"), winter, "по времени Баку, GMT+4"},
		{"az", zone("Asia/Baku"), winter, "Bakı vaxtı, GMT+4"},
		{"en", zone("America/New_York"), winter, "New York time, GMT-5"},
		{"en", zone("America/New_York"), summer, "New York time, GMT-4"},
		{"en", zone("Asia/Kolkata"), winter, "Kolkata time, GMT+5:30"},
		{"en", zone("America/St_Johns"), winter, "St Johns time, GMT-3:30"},
		{"en", time.UTC, winter, "UTC"},
		{"en", time.FixedZone("", 4*3600), winter, "GMT+4"},
	} {
		if got := fieldZoneName(tc.lang, tc.loc, tc.at); got != tc.want {
			t.Errorf("fieldZoneName(%s, %s, %s) = %q, want %q", tc.lang, tc.loc, tc.at.Format("Jan"), got, tc.want)
		}
	}
}
