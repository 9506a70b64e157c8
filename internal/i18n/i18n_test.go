package i18n

import (
	"reflect"
	"regexp"
	"testing"
	"time"
)

// verbRE matches a fmt verb with optional flags, width and precision ("%s", "%d", "%02d", "%%").
var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

func TestCatalogsComplete(t *testing.T) {
	for _, code := range Codes() {
		if !Has(code) {
			t.Fatalf("Codes lists %q but there is no catalog", code)
		}
		c := Lookup(code)
		t.Run(code, func(t *testing.T) {
			if c.Code != code {
				t.Errorf("catalog code = %q, want %q", c.Code, code)
			}
			for key, en := range english.Strings {
				s, ok := c.Strings[key]
				if !ok {
					t.Errorf("missing key %q", key)
					continue
				}
				if s == "" {
					t.Errorf("key %q is empty", key)
				}
				want, got := verbRE.FindAllString(en, -1), verbRE.FindAllString(s, -1)
				if !reflect.DeepEqual(want, got) {
					t.Errorf("key %q: fmt verbs %q, English has %q", key, got, want)
				}
			}
			for key := range c.Strings {
				if _, ok := english.Strings[key]; !ok {
					t.Errorf("key %q is not in the English catalog", key)
				}
			}
			for i, m := range c.Months {
				if m == "" {
					t.Errorf("month %d is empty", i+1)
				}
			}
		})
	}
}

func TestDateFormats(t *testing.T) {
	ts := time.Date(2026, time.November, 25, 14, 7, 0, 0, time.UTC)
	jan := time.Date(2027, time.January, 3, 9, 5, 0, 0, time.UTC)
	tests := []struct {
		code           string
		date, dateTime string
		jan            string
	}{
		{"en", "25 November 2026", "25 November 2026, 14:07 GMT", "3 January 2027, 09:05 GMT"},
		{"ru", "25 ноября 2026", "25 ноября 2026, 14:07 GMT", "3 января 2027, 09:05 GMT"},
		{"az", "25 noyabr 2026", "25 noyabr 2026, 14:07 GMT", "3 yanvar 2027, 09:05 GMT"},
	}
	for _, tt := range tests {
		c := Lookup(tt.code)
		if got := c.Date(ts); got != tt.date {
			t.Errorf("%s Date = %q, want %q", tt.code, got, tt.date)
		}
		if got := c.DateTime(ts); got != tt.dateTime {
			t.Errorf("%s DateTime = %q, want %q", tt.code, got, tt.dateTime)
		}
		if got := c.DateTime(jan); got != tt.jan {
			t.Errorf("%s DateTime(January) = %q, want %q", tt.code, got, tt.jan)
		}
	}
}

func TestOffset(t *testing.T) {
	at := time.Date(2026, time.December, 7, 7, 18, 0, 0, time.UTC)
	tests := []struct {
		zone *time.Location
		want string
	}{
		{time.UTC, "GMT"},
		{time.FixedZone("Baku", 4*3600), "GMT+4"},
		{time.FixedZone("Washington", -5*3600), "GMT-5"},
		{time.FixedZone("Delhi", 5*3600+1800), "GMT+5:30"},
		{time.FixedZone("St Johns", -(3*3600 + 1800)), "GMT-3:30"},
	}
	for _, tt := range tests {
		if got := Offset(at.In(tt.zone)); got != tt.want {
			t.Errorf("Offset in %s = %q, want %q", tt.zone, got, tt.want)
		}
	}
	if got := Lookup("en").DateTime(at.In(time.FixedZone("Baku", 4*3600))); got != "7 December 2026, 11:18 GMT+4" {
		t.Errorf("DateTime in Baku = %q", got)
	}
}

func TestTAndLookup(t *testing.T) {
	if got := Lookup("ru").T("page_n", 3); got != "Страница 3" {
		t.Errorf("ru page_n = %q", got)
	}
	if got := Lookup("az").T("section_page", "Siyasət", 2); got != "Siyasət — səhifə 2" {
		t.Errorf("az section_page = %q", got)
	}
	if got := Lookup("en").T("no_such_key"); got != "no_such_key" {
		t.Errorf("missing key = %q, want the key itself", got)
	}
	if Lookup("fr").Code != "en" || Has("fr") {
		t.Errorf("unknown language should fall back to English and not be listed")
	}
}
