package syndication

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The ninjs versions the wire speaks.
const (
	Ninjs22 = "2.2"
	Ninjs31 = "3.1"
)

// ninjs 2.2 (https://iptc.org/std/ninjs/): lower-case property names.
type item22 struct {
	URI                string        `json:"uri"`
	Name               string        `json:"name,omitempty"` // associations only
	Type               string        `json:"type,omitempty"`
	RepresentationType string        `json:"representationtype,omitempty"`
	Profile            string        `json:"profile,omitempty"`
	Version            string        `json:"version,omitempty"`
	FirstCreated       string        `json:"firstcreated,omitempty"`
	VersionCreated     string        `json:"versioncreated,omitempty"`
	Embargoed          string        `json:"embargoed,omitempty"`
	PubStatus          string        `json:"pubstatus,omitempty"`
	Urgency            int           `json:"urgency,omitempty"`
	EdNote             string        `json:"ednote,omitempty"`
	Language           string        `json:"language,omitempty"`
	Headlines          []text22      `json:"headlines,omitempty"`
	Descriptions       []text22      `json:"descriptions,omitempty"`
	Bodies             []body22      `json:"bodies,omitempty"`
	Subjects           []subject     `json:"subjects,omitempty"`
	Genres             []genre       `json:"genres,omitempty"`
	By                 string        `json:"by,omitempty"`
	Slugline           string        `json:"slugline,omitempty"`
	Located            string        `json:"located,omitempty"`
	Renditions         []rendition22 `json:"renditions,omitempty"`
	Associations       []item22      `json:"associations,omitempty"`
	AltIDs             []altID       `json:"altids,omitempty"`
	Standard           *standard     `json:"standard,omitempty"`
}

type text22 struct {
	Role        string `json:"role,omitempty"`
	ContentType string `json:"contenttype,omitempty"`
	Value       string `json:"value"`
}

type body22 struct {
	Role        string `json:"role,omitempty"`
	ContentType string `json:"contenttype,omitempty"`
	CharCount   int    `json:"charcount,omitempty"`
	WordCount   int    `json:"wordcount,omitempty"`
	Value       string `json:"value"`
}

type rendition22 struct {
	Name        string `json:"name"`
	Href        string `json:"href,omitempty"`
	ContentType string `json:"contenttype,omitempty"`
	Title       string `json:"title,omitempty"`
	Width       int    `json:"width,omitempty"`
	Height      int    `json:"height,omitempty"`
}

// ninjs 3.x: camelCase property names, "rel" on associations, integer counts.
type item31 struct {
	URI                string        `json:"uri"`
	Name               string        `json:"name,omitempty"` // associations only
	Rel                string        `json:"rel,omitempty"`  // associations only
	Type               string        `json:"type,omitempty"`
	RepresentationType string        `json:"representationType,omitempty"`
	Profile            string        `json:"profile,omitempty"`
	Version            string        `json:"version,omitempty"`
	FirstCreated       string        `json:"firstCreated,omitempty"`
	VersionCreated     string        `json:"versionCreated,omitempty"`
	EmbargoedUntil     string        `json:"embargoedUntil,omitempty"`
	PubStatus          string        `json:"pubStatus,omitempty"`
	Urgency            int           `json:"urgency,omitempty"`
	EdNote             string        `json:"edNote,omitempty"`
	Language           string        `json:"language,omitempty"`
	Headlines          []text31      `json:"headlines,omitempty"`
	Descriptions       []text31      `json:"descriptions,omitempty"`
	Bodies             []body31      `json:"bodies,omitempty"`
	Subjects           []subject     `json:"subjects,omitempty"`
	Genres             []genre       `json:"genres,omitempty"`
	By                 string        `json:"by,omitempty"`
	Slugline           string        `json:"slugline,omitempty"`
	Located            string        `json:"located,omitempty"`
	Renditions         []rendition31 `json:"renditions,omitempty"`
	Associations       []item31      `json:"associations,omitempty"`
	AltIDs             []altID       `json:"altIds,omitempty"`
	Standard           *standard     `json:"standard,omitempty"`
}

type text31 struct {
	Role        string `json:"role,omitempty"`
	ContentType string `json:"contentType,omitempty"`
	Value       string `json:"value"`
}

type body31 struct {
	Role        string `json:"role,omitempty"`
	ContentType string `json:"contentType,omitempty"`
	CharCount   int    `json:"charCount,omitempty"`
	WordCount   int    `json:"wordCount,omitempty"`
	Value       string `json:"value"`
}

type rendition31 struct {
	Name        string `json:"name"`
	Href        string `json:"href,omitempty"`
	ContentType string `json:"contentType,omitempty"`
	Title       string `json:"title,omitempty"`
	Width       int    `json:"width,omitempty"`
	Height      int    `json:"height,omitempty"`
}

// Shared by both versions: the property names are the same.
type subject struct {
	Name    string `json:"name,omitempty"`
	Rel     string `json:"rel,omitempty"`
	Literal string `json:"literal,omitempty"`
}

type genre struct {
	Name string `json:"name,omitempty"`
	URI  string `json:"uri,omitempty"`
}

type altID struct {
	Role  string `json:"role"`
	Value string `json:"value"`
}

type standard struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Schema  string `json:"schema"`
}

// neutral is one version rendered without the names of a ninjs version; item22 and item31
// are spelled from it, so both always carry the same facts.
type neutral struct {
	uri, typ, profile, version  string
	first, created, embargoed   string
	pubstatus, ednote, language string
	urgency                     int
	headlines, descriptions     []textPart
	bodies                      []textPart
	subjects                    []subject
	genres                      []genre
	by, slugline, located       string
	renditions                  []renditionPart
	assocs                      []assoc
	altIDs                      []altID
}

type textPart struct {
	role, ctype, value string
	chars, words       int
}

type renditionPart struct {
	name, href, ctype, title string
	width, height            int
}

type assoc struct {
	name, rel string
	item      neutral
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// URI is the global identifier of a story on the wire (the same for all its versions).
func (s *Service) URI(articleID int64) string {
	return "urn:newsdesk:" + s.host + ":article:" + strconv.FormatInt(articleID, 10)
}

// neutralItem renders one version.
func (s *Service) neutralItem(v Version, sn Snapshot) neutral {
	n := neutral{uri: s.URI(sn.ArticleID), typ: "text", profile: "text-only", version: strconv.Itoa(v.Version),
		first: rfc3339(sn.FirstCreated), created: rfc3339(v.CreatedAt), embargoed: rfc3339(sn.EmbargoUntil),
		pubstatus: sn.PubStatus, language: sn.Language, urgency: sn.Urgency, slugline: sn.Slugline, located: sn.Dateline,
		headlines: []textPart{{role: "main", ctype: "text/plain", value: sn.Headline}},
		genres:    []genre{{Name: "Current", URI: "http://cv.iptc.org/newscodes/genre/Current"}}}
	if sn.Image != nil {
		n.profile = "text-photo"
	}
	n.by = sn.Byline
	if sn.Byline != "" && sn.BylineRole != "" {
		n.by += ", " + sn.BylineRole
	}
	switch sn.Event {
	case EventKill:
		n.ednote = "Withdrawn: this story has been withdrawn by the agency. Do not use it; remove it where it was published."
	case EventCorrection:
		if len(sn.Corrections) > 0 {
			n.ednote = "Correction: " + sn.Corrections[len(sn.Corrections)-1].Text
		}
	}
	n.subjects = append(n.subjects, subject{Name: sn.SectionName, Rel: "section", Literal: "section:" + sn.Section})
	for _, t := range sn.Tags {
		n.subjects = append(n.subjects, subject{Name: t.Name, Rel: "keyword", Literal: "tag:" + t.Slug})
	}
	n.altIDs = []altID{
		{Role: "newsdesk:article", Value: strconv.FormatInt(sn.ArticleID, 10)},
		{Role: "newsdesk:wire-version", Value: strconv.FormatInt(v.ID, 10)},
		{Role: "newsdesk:slug", Value: sn.Slug},
	}
	if sn.PubStatus == PubCanceled {
		return n // a kill carries no text to publish
	}
	if sn.Standfirst != "" {
		n.descriptions = append(n.descriptions, textPart{role: "summary", ctype: "text/plain", value: sn.Standfirst})
	}
	for _, c := range sn.Corrections {
		n.descriptions = append(n.descriptions, textPart{role: "correction", ctype: "text/plain",
			value: c.At.Format("2 January 2006 15:04 MST") + ": " + c.Text})
	}
	if sn.BodyHTML != "" {
		chars := utf8.RuneCountInString(sn.BodyText)
		n.bodies = []textPart{
			{role: "main", ctype: "text/html", value: absolutize(sn.BodyHTML, s.base), chars: chars, words: sn.WordCount},
			{role: "main", ctype: "text/plain", value: sn.BodyText, chars: chars, words: sn.WordCount},
		}
	}
	n.renditions = []renditionPart{{name: "web", href: s.base + sn.Path, ctype: "text/html", title: "The story on the public site"}}
	if img := sn.Image; img != nil {
		p := neutral{uri: "urn:newsdesk:" + s.host + ":image:" + strconv.FormatInt(img.ID, 10), typ: "picture", by: img.Credit}
		if img.Alt != "" {
			p.descriptions = append(p.descriptions, textPart{role: "alt", ctype: "text/plain", value: img.Alt})
		}
		if img.Caption != "" {
			p.descriptions = append(p.descriptions, textPart{role: "caption", ctype: "text/plain", value: img.Caption})
		}
		for _, r := range img.Renditions {
			p.renditions = append(p.renditions, renditionPart{name: "w" + strconv.Itoa(r.Width), href: s.base + "/media/" + r.File,
				ctype: imageType(r.File), width: r.Width, height: r.Height})
		}
		n.assocs = append(n.assocs, assoc{name: "featureimage", rel: "featureimage", item: p})
	}
	if b := sn.Brief; b != nil {
		n.assocs = append(n.assocs, assoc{name: "brief", rel: "developedfrom", item: neutral{
			uri: "urn:newsdesk:" + s.host + ":brief:" + strconv.FormatInt(b.ID, 10), typ: "text", language: sn.Language,
			created: rfc3339(b.PublishedAt), bodies: []textPart{{role: "main", ctype: "text/plain", value: b.Text}}}})
	}
	for _, t := range sn.Translations {
		n.assocs = append(n.assocs, assoc{name: "translation", rel: "translation", item: neutral{
			uri: s.URI(t.ArticleID), typ: "text", language: t.Language,
			headlines: []textPart{{role: "main", ctype: "text/plain", value: t.Headline}}}})
	}
	return n
}

func imageType(file string) string {
	switch strings.ToLower(path.Ext(file)) {
	case ".png":
		return "image/png"
	case ".webp":
		return "image/webp"
	case ".gif":
		return "image/gif"
	}
	return "image/jpeg"
}

// absolutize makes the site-relative links and image sources of story HTML absolute.
func absolutize(h, base string) string {
	if base == "" {
		return h
	}
	r := strings.NewReplacer(`src="/media/`, `src="`+base+`/media/`, `srcset="/media/`, `srcset="`+base+`/media/`,
		`, /media/`, `, `+base+`/media/`, `href="//`, `href="//`, `href="/`, `href="`+base+`/`)
	// (NewReplacer tries its pairs in order at each position: protocol-relative links first.)
	return r.Replace(h)
}

func (n neutral) as22() item22 {
	it := item22{URI: n.uri, Type: n.typ, Profile: n.profile, Version: n.version, FirstCreated: n.first,
		VersionCreated: n.created, Embargoed: n.embargoed, PubStatus: n.pubstatus, Urgency: n.urgency, EdNote: n.ednote,
		Language: n.language, Subjects: n.subjects, Genres: n.genres, By: n.by, Slugline: n.slugline, Located: n.located,
		AltIDs: n.altIDs}
	for _, t := range n.headlines {
		it.Headlines = append(it.Headlines, text22{Role: t.role, ContentType: t.ctype, Value: t.value})
	}
	for _, t := range n.descriptions {
		it.Descriptions = append(it.Descriptions, text22{Role: t.role, ContentType: t.ctype, Value: t.value})
	}
	for _, t := range n.bodies {
		it.Bodies = append(it.Bodies, body22{Role: t.role, ContentType: t.ctype, Value: t.value, CharCount: t.chars, WordCount: t.words})
	}
	for _, r := range n.renditions {
		it.Renditions = append(it.Renditions, rendition22{Name: r.name, Href: r.href, ContentType: r.ctype, Title: r.title, Width: r.width, Height: r.height})
	}
	for _, a := range n.assocs {
		x := a.item.as22()
		x.Name = a.name
		it.Associations = append(it.Associations, x)
	}
	return it
}

func (n neutral) as31() item31 {
	it := item31{URI: n.uri, Type: n.typ, Profile: n.profile, Version: n.version, FirstCreated: n.first,
		VersionCreated: n.created, EmbargoedUntil: n.embargoed, PubStatus: n.pubstatus, Urgency: n.urgency, EdNote: n.ednote,
		Language: n.language, Subjects: n.subjects, Genres: n.genres, By: n.by, Slugline: n.slugline, Located: n.located,
		AltIDs: n.altIDs}
	for _, t := range n.headlines {
		it.Headlines = append(it.Headlines, text31{Role: t.role, ContentType: t.ctype, Value: t.value})
	}
	for _, t := range n.descriptions {
		it.Descriptions = append(it.Descriptions, text31{Role: t.role, ContentType: t.ctype, Value: t.value})
	}
	for _, t := range n.bodies {
		it.Bodies = append(it.Bodies, body31{Role: t.role, ContentType: t.ctype, Value: t.value, CharCount: t.chars, WordCount: t.words})
	}
	for _, r := range n.renditions {
		it.Renditions = append(it.Renditions, rendition31{Name: r.name, Href: r.href, ContentType: r.ctype, Title: r.title, Width: r.width, Height: r.height})
	}
	for _, a := range n.assocs {
		x := a.item.as31()
		x.Name, x.Rel = a.name, a.rel
		it.Associations = append(it.Associations, x)
	}
	return it
}

// Item renders version v as a ninjs object of the given version ("2.2" or "3.1"), ready to
// be encoded as JSON.
func (s *Service) Item(v Version, ninjsVersion string) (any, error) {
	sn, err := decodeSnapshot(v)
	if err != nil {
		return nil, err
	}
	n := s.neutralItem(v, sn)
	switch ninjsVersion {
	case Ninjs22, "":
		it := n.as22()
		it.RepresentationType = "full"
		it.Standard = &standard{Name: "ninjs", Version: Ninjs22, Schema: "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"}
		return it, nil
	case Ninjs31:
		it := n.as31()
		it.RepresentationType = "full"
		it.Standard = &standard{Name: "ninjs", Version: Ninjs31, Schema: "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"}
		return it, nil
	}
	return nil, fmt.Errorf("ninjs version %q: %w", ninjsVersion, ErrNinjsVersion)
}

// ErrNinjsVersion is returned for a ninjs version the wire does not speak.
var ErrNinjsVersion = fmt.Errorf("unsupported ninjs version (use %s or %s)", Ninjs22, Ninjs31)

// ItemJSON renders version v as ninjs JSON.
func (s *Service) ItemJSON(v Version, ninjsVersion string) ([]byte, error) {
	it, err := s.Item(v, ninjsVersion)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(it); err != nil {
		return nil, fmt.Errorf("encode ninjs of wire version %d: %w", v.ID, err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
