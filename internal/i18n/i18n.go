// Package i18n holds the translated user-interface strings of the public site and the
// date formats of each language. Content (headlines, section names) is not here: it lives
// in the database; this is only the text that the templates themselves print.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Catalog is the set of UI strings and month names of one language.
type Catalog struct {
	// Code is the language code (BCP 47), e.g. "en".
	Code string
	// Strings maps a message key to its text; texts may contain fmt verbs.
	Strings map[string]string
	// Months are the month names as used in a date ("25 November 2026"), January first.
	Months [12]string
}

// T returns the text for key, formatted with args; a missing key returns the key itself
// so that a gap is visible on the page and caught by TestCatalogsComplete.
func (c *Catalog) T(key string, args ...any) string {
	s, ok := c.Strings[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Date formats t as a day date in this language, e.g. "25 November 2026".
func (c *Catalog) Date(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), c.Months[t.Month()-1], t.Year())
}

// DateTime formats t as a day date with the time of day and the offset of t's zone, so
// that a reader anywhere can place it, e.g. "25 November 2026, 14:07 GMT+4".
func (c *Catalog) DateTime(t time.Time) string {
	return fmt.Sprintf("%s, %02d:%02d %s", c.Date(t), t.Hour(), t.Minute(), Offset(t))
}

// Offset names the offset of t's zone from Greenwich as readers write it, the same in
// every language: "GMT" for none, else "GMT+4", "GMT-3", "GMT+5:30".
func Offset(t time.Time) string {
	_, secs := t.Zone()
	if secs == 0 {
		return "GMT"
	}
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	h, m := secs/3600, secs%3600/60
	if m == 0 {
		return fmt.Sprintf("GMT%s%d", sign, h)
	}
	return fmt.Sprintf("GMT%s%d:%02d", sign, h, m)
}

// Lookup returns the catalog of a language code, falling back to English.
func Lookup(code string) *Catalog {
	if c, ok := catalogs[code]; ok {
		return c
	}
	return catalogs["en"]
}

// Has reports whether a catalog exists for code.
func Has(code string) bool {
	_, ok := catalogs[code]
	return ok
}

// Codes lists the language codes that have a catalog.
func Codes() []string {
	return []string{"en", "ru", "az"}
}

// catalogs is read-only after package initialisation (a constant table, not state).
var catalogs = map[string]*Catalog{
	"en": &english,
	"ru": &russian,
	"az": &azerbaijani,
}

// AcceptLanguage returns the language of an Accept-Language header that has a catalog and
// the highest weight, else English.
func AcceptLanguage(h string) string {
	best, bestQ := "en", -1.0
	for _, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		code, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if Has(code) && q > bestQ {
			best, bestQ = code, q
		}
	}
	return best
}
