package brand

import (
	"errors"
	"net/url"
	"strings"
	"unicode"
)

// Network is a network where the agency may keep a profile. The public site links the
// profiles from every page's footer, with the network's name as the link's text, and names
// them in the JSON-LD publisher's sameAs; the newsroom's brand page sets them.
type Network struct {
	Field   string // the brand form's field
	Name    string // the network's own name, not translated
	Setting string // the setting that holds the profile's address; empty: none
}

// Networks lists the networks in the footer's order.
func Networks() []Network {
	return []Network{
		{"x", "X (Twitter)", "brand_social_x"},
		{"facebook", "Facebook", "brand_social_facebook"},
		{"telegram", "Telegram", "brand_social_telegram"},
		{"instagram", "Instagram", "brand_social_instagram"},
		{"youtube", "YouTube", "brand_social_youtube"},
		{"linkedin", "LinkedIn", "brand_social_linkedin"},
		{"mastodon", "Mastodon", "brand_social_mastodon"},
		{"whatsapp", "WhatsApp", "brand_social_whatsapp"},
	}
}

// Profile is a profile of the agency on a network, as the footer links it.
type Profile struct {
	Network string // its name
	URL     string
}

// MaxProfileURL bounds a profile's address.
const MaxProfileURL = 500

// ErrBadProfileURL is an address that cannot be a profile's: not an https URL of a host.
var ErrBadProfileURL = errors.New("a profile's address must be an https:// URL of at most 500 characters")

// CheckProfileURL reads a profile's address as typed: surrounding spaces go, empty is no
// profile, and anything else must be an absolute https URL with a host, without a user
// name or password, spaces or control characters, of at most MaxProfileURL bytes. It
// returns the address as it will be linked.
func CheckProfileURL(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	if len(v) > MaxProfileURL || strings.IndexFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return "", ErrBadProfileURL
	}
	u, err := url.Parse(v)
	if err != nil || !strings.EqualFold(u.Scheme, "https") || u.Opaque != "" || u.User != nil || u.Hostname() == "" {
		return "", ErrBadProfileURL
	}
	u.Scheme = "https"
	u.Host = strings.ToLower(u.Host)
	return u.String(), nil
}

// ProfileSettings lists the networks' settings with their defaults (all empty).
func ProfileSettings() map[string]string {
	out := map[string]string{}
	for _, n := range Networks() {
		out[n.Setting] = ""
	}
	return out
}
