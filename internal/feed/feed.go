// Package feed writes syndication documents: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for
// readers, and sitemaps (index, URL sets with hreflang alternates, Google News) for
// search engines. It only encodes; what goes in is decided by the caller.
package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"
)

// Feed is a list of items with its metadata, in any of the three formats. Every string
// is plain text except Item.ContentHTML: each format writes it the way its readers
// decode it (docs/security.md, "Feeds and unpublished content").
type Feed struct {
	Title       string
	Description string
	Language    string // BCP 47; empty for a feed in several languages
	SiteURL     string // the page the feed belongs to
	SelfURL     string // the feed's own URL
	ID          string // stable id of the feed (Atom)
	Updated     time.Time
	Items       []Item
}

// Item is one story or brief.
type Item struct {
	ID          string // stable: never changes when the headline does
	URL         string
	Title       string
	Summary     string // plain text
	ContentHTML string // HTML, already safe to show
	Author      string
	Language    string
	Categories  []string
	Published   time.Time
	Updated     time.Time
}

// TagURI makes a stable RFC 4151 id for an object of a site: tag:host,2026:kind/id.
// The date is fixed, so ids never change.
func TagURI(siteURL, kind string, id int64) string {
	host := siteURL
	if u, err := url.Parse(siteURL); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	return fmt.Sprintf("tag:%s,2026:%s/%d", host, kind, id)
}

type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	AtomNS    string     `xml:"xmlns:atom,attr"`
	ContentNS string     `xml:"xmlns:content,attr"`
	DCNS      string     `xml:"xmlns:dc,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         plainText `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"` // HTML (htmlText)
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Generator     string    `xml:"generator"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href     string `xml:"href,attr"`
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type rssGUID struct {
	Value       string `xml:",chardata"`
	IsPermaLink string `xml:"isPermaLink,attr"`
}

type rssItem struct {
	Title       plainText   `xml:"title"`
	Link        string      `xml:"link"`
	Description string      `xml:"description"` // HTML (htmlText)
	Content     cdata       `xml:"content:encoded"`
	Creator     plainText   `xml:"dc:creator,omitempty"`
	Categories  []plainText `xml:"category"`
	GUID        rssGUID     `xml:"guid"`
	PubDate     string      `xml:"pubDate"`
}

type cdata struct {
	Value string `xml:",cdata"`
}

// htmlText makes plain text into the HTML that RSS readers expect in a <description>:
// they decode the element's text as HTML, so the text is escaped as HTML here and the
// XML encoder escapes the result again ("a <b>" travels as "a &amp;lt;b&amp;gt;").
func htmlText(s string) string { return html.EscapeString(s) }

// plainText is an RSS element of plain text (title, category, dc:creator). RSS leaves
// open whether readers decode these as HTML; following the RSS Advisory Board's profile,
// "&", "<" and ">" are written as hexadecimal character references, the form most
// readers show literally, and the text is never escaped twice (a title is not HTML).
type plainText string

// MarshalXML writes the text with &#x26;, &#x3C; and &#x3E;.
func (p plainText) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(p)); err != nil {
		return fmt.Errorf("escape %s: %w", start.Name.Local, err)
	}
	return e.EncodeElement(struct {
		Inner string `xml:",innerxml"`
	}{hexRefs.Replace(b.String())}, start)
}

// hexRefs turns the encoder's named references into hexadecimal ones.
var hexRefs = strings.NewReplacer("&amp;", "&#x26;", "&lt;", "&#x3C;", "&gt;", "&#x3E;")

func plainTexts(ss []string) []plainText {
	out := make([]plainText, len(ss))
	for i, s := range ss {
		out[i] = plainText(s)
	}
	return out
}

// RSS writes the feed as RSS 2.0 with full content in content:encoded.
func RSS(f Feed) ([]byte, error) {
	doc := rssDoc{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", ContentNS: "http://purl.org/rss/1.0/modules/content/",
		DCNS: "http://purl.org/dc/elements/1.1/",
		Channel: rssChannel{Title: plainText(f.Title), Link: f.SiteURL, Description: htmlText(f.Description), Language: f.Language,
			Generator: "Newsdesk", Self: atomLink{Href: f.SelfURL, Rel: "self", Type: "application/rss+xml"}}}
	if !f.Updated.IsZero() {
		doc.Channel.LastBuildDate = f.Updated.UTC().Format(time.RFC1123Z)
	}
	for _, it := range f.Items {
		doc.Channel.Items = append(doc.Channel.Items, rssItem{Title: plainText(it.Title), Link: it.URL, Description: htmlText(it.Summary),
			Content: cdata{Value: safeCDATA(it.ContentHTML)}, Creator: plainText(it.Author), Categories: plainTexts(it.Categories),
			GUID: rssGUID{Value: it.ID, IsPermaLink: "false"}, PubDate: it.Published.UTC().Format(time.RFC1123Z)})
	}
	return marshalXML(doc)
}

// safeCDATA prepares HTML for one CDATA section. A CDATA section escapes nothing, so the
// characters XML cannot hold (control characters, U+FFFE, U+FFFF) become U+FFFD, as the
// encoder does for other text (one of them would make the whole feed unreadable), and
// "]]>" becomes "]]&gt;", the same HTML outside script and style (which the bodies never
// hold): splitting the section instead would show its seams in readers that strip CDATA
// by hand.
func safeCDATA(s string) string {
	s = strings.Map(func(r rune) rune {
		if isXMLChar(r) {
			return r
		}
		return '\uFFFD'
	}, s)
	return strings.ReplaceAll(s, "]]>", "]]&gt;")
}

// isXMLChar reports whether r may appear in an XML document (XML 1.0, production Char).
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

type atomDoc struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Gen      string      `xml:"generator"`
	Entries  []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomText       `xml:"content"`
}

// Atom writes the feed as Atom 1.0 (RFC 4287).
func Atom(f Feed) ([]byte, error) {
	doc := atomDoc{Lang: f.Language, ID: f.ID, Title: f.Title, Subtitle: f.Description, Updated: rfc3339(f.Updated),
		Links:  []atomLink{{Href: f.SiteURL, Rel: "alternate", Type: "text/html"}, {Href: f.SelfURL, Rel: "self", Type: "application/atom+xml"}},
		Author: atomPerson{Name: f.Title}, Gen: "Newsdesk"}
	for _, it := range f.Items {
		e := atomEntry{ID: it.ID, Title: it.Title, Links: []atomLink{{Href: it.URL, Rel: "alternate", Type: "text/html", HrefLang: it.Language}},
			Published: rfc3339(it.Published), Updated: rfc3339(maxTime(it.Published, it.Updated)),
			Content: atomText{Type: "html", Value: it.ContentHTML}}
		if it.Author != "" {
			e.Author = &atomPerson{Name: it.Author}
		}
		if it.Summary != "" {
			e.Summary = &atomText{Type: "text", Value: it.Summary}
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: c})
		}
		doc.Entries = append(doc.Entries, e)
	}
	return marshalXML(doc)
}

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description,omitempty"`
	Language    string     `json:"language,omitempty"`
	Items       []jsonItem `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html"`
	Summary       string       `json:"summary,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
	Language      string       `json:"language,omitempty"`
}

// JSON writes the feed as JSON Feed 1.1.
func JSON(f Feed) ([]byte, error) {
	doc := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: f.Title, HomePageURL: f.SiteURL, FeedURL: f.SelfURL,
		Description: f.Description, Language: f.Language, Items: []jsonItem{}}
	for _, it := range f.Items {
		j := jsonItem{ID: it.ID, URL: it.URL, Title: it.Title, ContentHTML: it.ContentHTML, Summary: it.Summary,
			DatePublished: rfc3339(it.Published), Tags: it.Categories, Language: it.Language}
		if it.Updated.After(it.Published) {
			j.DateModified = rfc3339(it.Updated)
		}
		if it.Author != "" {
			j.Authors = []jsonAuthor{{Name: it.Author}}
		}
		doc.Items = append(doc.Items, j)
	}
	b, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode JSON feed: %w", err)
	}
	return b, nil
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode XML: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
