package importer

import (
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// What makes a file a WordPress export the reader accepts, and the reasons it gives when it
// refuses one: the namespaces WordPress's own importer accepts and the WXR versions this
// reader knows.

// ErrNotWXR is returned (as the cause of an error that says why) for a file the reader
// refuses: not XML, not RSS, no WXR version, or a WXR version it does not know.
var ErrNotWXR = errors.New("not a WordPress export (WXR)")

// refusal is a file refused before anything was imported: its message is the reason, and
// errors.Is finds the sentinel of its kind (ErrNotWXR, ErrNotGhost).
type refusal struct {
	kind error
	msg  string
}

func (r *refusal) Error() string { return r.msg }
func (r *refusal) Unwrap() error { return r.kind }

func notWXR(format string, args ...any) error {
	return &refusal{kind: ErrNotWXR, msg: "not a WordPress export (WXR): " + fmt.Sprintf(format, args...)}
}

// wxrVersions are the WXR versions the reader knows (WordPress has written 1.0 to 1.2).
var wxrVersions = map[string]bool{"1.0": true, "1.1": true, "1.2": true}

// wpNamespaceRE matches every spelling of WordPress's export namespace: http or https, with
// or without www and the trailing slash, whatever the version (a version the reader does not
// know is refused by its wxr_version, with that reason).
var wpNamespaceRE = regexp.MustCompile(`^https?://(www\.)?wordpress\.(org|com)/export/\d+\.\d+/?$`)

// wxrSpaces are the namespaces of WordPress's elements in one file: the spellings of
// wpNamespaceRE, the namespace the file binds to the prefix wp (WordPress's importer goes by
// the prefix, whatever it is bound to), and "wp" itself for a prefix left unbound.
type wxrSpaces struct {
	bound string // the namespace of xmlns:wp on <rss>
}

// root learns the namespace bound to the prefix wp on the root element.
func (w *wxrSpaces) root(t xml.StartElement) {
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" && a.Name.Local == "wp" {
			w.bound = strings.TrimSpace(a.Value)
		}
	}
}

// is reports whether name is in WordPress's export namespace.
func (w *wxrSpaces) is(n xml.Name) bool {
	return n.Space == "wp" || (w.bound != "" && n.Space == w.bound) || wpNamespaceRE.MatchString(n.Space)
}

// checkVersion refuses a WXR version the reader does not know.
func checkVersion(v string) error {
	if wxrVersions[v] {
		return nil
	}
	return &refusal{kind: ErrNotWXR, msg: fmt.Sprintf("WXR version %q is not supported (1.0–1.2 are)", v)}
}

// rssDate reads an RSS date (the channel's pubDate: when the export was made).
func rssDate(v string) time.Time {
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, strings.TrimSpace(v)); err == nil && t.Year() > 1 {
			return t.UTC()
		}
	}
	return time.Time{}
}
