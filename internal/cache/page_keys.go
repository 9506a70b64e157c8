package cache

import "strconv"

// PageKey is on a page's own public page and on the pages of its translations (their
// hreflang alternates link it).
func PageKey(id int64) string { return "pg" + strconv.FormatInt(id, 10) }

// FooterKey is on every HTML page of a language: its footer lists the language's
// published pages.
func FooterKey(lang string) string { return "footer:" + lang }

// SitePage is what decides which public pages show a page (About, Contacts…): the facts
// the store reads of it before and after a change.
type SitePage struct {
	ID        int64
	Published bool
	Language  string
	Slug      string
	Title     string
	InFooter  bool
	Position  int
	// Translations are the other pages of its group: their alternates link it.
	Translations []int64
}

// footerEntry is what the footer shows of p, and whether it shows it at all.
func (p SitePage) footerEntry() (string, bool) {
	if !p.Published || !p.InFooter {
		return "", false
	}
	return p.Language + "\x00" + p.Slug + "\x00" + p.Title + "\x00" + strconv.Itoa(p.Position), true
}

// SitePageKeys returns the keys of the public pages that a change of a page from before to
// after shows differently: its own page always; when it is public before or after, the
// pages of its translations (old and new group) and the sitemaps; and the footer of its
// language (both languages' when that changed) only when what the footer shows of it — its
// being there, title, slug or place — changed. A new page has a zero before; a deleted
// page a zero after. Keys may repeat.
func SitePageKeys(before, after SitePage) []string {
	id := after.ID
	if id == 0 {
		id = before.ID
	}
	keys := []string{PageKey(id)}
	if !before.Published && !after.Published {
		return keys
	}
	for _, p := range []SitePage{before, after} {
		for _, t := range p.Translations {
			keys = append(keys, PageKey(t))
		}
	}
	keys = append(keys, Sitemaps)
	eb, inb := before.footerEntry()
	ea, ina := after.footerEntry()
	if eb != ea || inb != ina {
		if inb {
			keys = append(keys, FooterKey(before.Language))
		}
		if ina {
			keys = append(keys, FooterKey(after.Language))
		}
	}
	return keys
}
