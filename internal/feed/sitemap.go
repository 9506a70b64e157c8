package feed

import (
	"encoding/xml"
	"time"
)

// MaxURLs is the most URLs one sitemap file may hold (the protocol allows 50,000).
const MaxURLs = 50000

// SitemapRef is one sitemap listed in an index.
type SitemapRef struct {
	Loc     string
	LastMod time.Time
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapRef `xml:"sitemap"`
}

type sitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Index writes a sitemap index.
func Index(refs []SitemapRef) ([]byte, error) {
	doc := sitemapIndex{}
	for _, r := range refs {
		ref := sitemapRef{Loc: r.Loc}
		if !r.LastMod.IsZero() {
			ref.LastMod = rfc3339(r.LastMod)
		}
		doc.Sitemaps = append(doc.Sitemaps, ref)
	}
	return marshalXML(doc)
}

// URL is one page in a sitemap, with the translations of it (hreflang alternates).
type URL struct {
	Loc        string
	LastMod    time.Time
	Alternates []Alternate
	News       *News
}

// Alternate is a language version of a page.
type Alternate struct {
	Lang, Href string
}

// News is the Google News part of a URL.
type News struct {
	Publication string
	Language    string
	Published   time.Time
	Title       string
}

type urlSet struct {
	XMLName xml.Name  `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string    `xml:"xmlns:xhtml,attr,omitempty"`
	NewsNS  string    `xml:"xmlns:news,attr,omitempty"`
	URLs    []urlElem `xml:"url"`
}

type urlElem struct {
	Loc     string      `xml:"loc"`
	LastMod string      `xml:"lastmod,omitempty"`
	News    *newsElem   `xml:"news:news,omitempty"`
	Links   []xhtmlLink `xml:"xhtml:link"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type newsElem struct {
	Publication newsPublication `xml:"news:publication"`
	Date        string          `xml:"news:publication_date"`
	Title       string          `xml:"news:title"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

// URLSet writes a sitemap of pages, with xhtml:link alternates and Google News data where
// the URLs carry them.
func URLSet(urls []URL) ([]byte, error) {
	doc := urlSet{}
	for _, u := range urls {
		e := urlElem{Loc: u.Loc}
		if !u.LastMod.IsZero() {
			e.LastMod = rfc3339(u.LastMod)
		}
		if len(u.Alternates) > 1 {
			doc.XHTML = "http://www.w3.org/1999/xhtml"
			for _, a := range u.Alternates {
				e.Links = append(e.Links, xhtmlLink{Rel: "alternate", HrefLang: a.Lang, Href: a.Href})
			}
		}
		if u.News != nil {
			doc.NewsNS = "http://www.google.com/schemas/sitemap-news/0.9"
			e.News = &newsElem{Publication: newsPublication{Name: u.News.Publication, Language: u.News.Language},
				Date: rfc3339(u.News.Published), Title: u.News.Title}
		}
		doc.URLs = append(doc.URLs, e)
	}
	return marshalXML(doc)
}
