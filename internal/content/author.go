package content

import (
	"net/mail"
	"net/url"
	"strings"
	"unicode/utf8"
)

// AuthorProfile is what an author's page shows: the author (its Name and Role are the
// defaults), the staff member it belongs to, a photo, texts per language and links.
type AuthorProfile struct {
	Author
	// UserID is the staff member whose author this is; 0 for an author without one (an
	// imported writer whose account was deleted, a guest).
	UserID int64
	// Staff is true when UserID is an account that is not disabled: such an author has a
	// page from the start, before any story of theirs is public.
	Staff bool
	Photo *Image // nil: none
	// Texts are the name, role and bio by language code; an empty field falls back (In).
	Texts map[string]AuthorText
	Links []AuthorLink
}

// AuthorText is an author's name, role and short bio in one language.
type AuthorText struct {
	Name string `json:"name"`
	Role string `json:"role"`
	Bio  string `json:"bio"`
}

// AuthorLink is one of an author's links: a web address or a mailto: address, with an
// optional label ("Telegram"); without one the page names the link by its address.
type AuthorLink struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

// Limits of an author's profile, which the newsroom checks and its forms state.
const (
	MaxAuthorName  = 120
	MaxAuthorRole  = 120
	MaxAuthorBio   = 1200
	MaxAuthorLinks = 8
	MaxLinkLabel   = 60
	MaxLinkURL     = 500
)

// In returns the author's texts as a page in lang shows them: each field in lang where
// it is written, else in the first of order (the site's languages) that has it; the
// name and role fall back last to the author's defaults. bioLang is the language the bio
// is written in ("" without a bio), for the page to mark a fallback.
func (p AuthorProfile) In(lang string, order []string) (t AuthorText, bioLang string) {
	t = p.Texts[lang]
	if t.Bio != "" {
		bioLang = lang
	}
	for _, l := range order {
		o := p.Texts[l]
		if t.Name == "" {
			t.Name = o.Name
		}
		if t.Role == "" {
			t.Role = o.Role
		}
		if t.Bio == "" && o.Bio != "" {
			t.Bio, bioLang = o.Bio, l
		}
	}
	if t.Name == "" {
		t.Name = p.Name
	}
	if t.Role == "" {
		t.Role = p.Role
	}
	return t, bioLang
}

// Text returns the link's label: its own, else the address without scheme ("x.com/name",
// "desk@example.com").
func (l AuthorLink) Text() string {
	if l.Label != "" {
		return l.Label
	}
	s := strings.TrimPrefix(l.URL, "mailto:")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	return strings.TrimSuffix(strings.TrimPrefix(s, "www."), "/")
}

// Email reports whether the link is an e-mail address.
func (l AuthorLink) Email() bool { return strings.HasPrefix(l.URL, "mailto:") }

// NormalizeLink checks one link as a person types it and returns it in the stored form:
// an http(s) address with a host, or an e-mail address (with or without "mailto:"), which
// becomes a mailto: link. A bare host ("example.com/me") gets https://. The error text is
// for the person who typed it.
func NormalizeLink(l AuthorLink) (AuthorLink, string) {
	l.Label, l.URL = strings.TrimSpace(l.Label), strings.TrimSpace(l.URL)
	switch {
	case l.URL == "":
		return l, "Give the link's address."
	case utf8.RuneCountInString(l.URL) > MaxLinkURL:
		return l, "This address is too long."
	case utf8.RuneCountInString(l.Label) > MaxLinkLabel:
		return l, "Keep the label short (at most 60 characters)."
	}
	addr := strings.TrimPrefix(l.URL, "mailto:")
	if !strings.Contains(addr, "/") && strings.Contains(addr, "@") && !strings.HasPrefix(addr, "@") {
		m, err := mail.ParseAddress(addr)
		if err != nil || m.Address != addr {
			return l, "This is not an e-mail address."
		}
		l.URL = "mailto:" + addr
		return l, ""
	}
	if !strings.Contains(l.URL, "://") && !strings.HasPrefix(l.URL, "/") {
		l.URL = "https://" + l.URL
	}
	u, err := url.Parse(l.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(l.URL, " \t\n") {
		return l, "Give a web address (https://…) or an e-mail address."
	}
	return l, ""
}

// AuthorPath is the site path of an author's page in lang.
func AuthorPath(lang, slug string) string { return "/" + lang + "/author/" + slug }
