package importer

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// The reader of WordPress eXtended RSS (WXR 1.0 to 1.2) exports. It reads the file as a
// stream of tokens and decodes one channel-level element at a time (an item with its
// comments, an author, a term), so its memory does not grow with the file.

// SyntaxError is a malformed or truncated export, with where the reader stopped.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("malformed export at line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Site is the exporting site as the export describes it.
type Site struct {
	Title    string
	Link     string
	BaseURL  string // wp:base_site_url, or the link
	Language string // as the export gives it (en-US …)
	Version  string // the WXR version
	// Exported is when the export was made (the channel's pubDate; Ghost: meta.exported_on),
	// zero when it does not say: the date of posts that have none.
	Exported time.Time
}

// Author is an account of the exporting site.
type Author struct {
	ID, Login, Email, Name string
	// Meta holds the author's metadata (a Newsdesk export's carries the profile).
	Meta map[string]string
}

// Term is a category or tag of the exporting site.
type Term struct {
	ID, Slug, Name, Parent string
	// Meta holds term metadata (Newsdesk's exports carry each language's name and slug).
	Meta map[string]string
}

// Comment is a comment on a post.
type Comment struct {
	ID, Author, Email, Text, Approved, Type, Parent string
	Date, DateGMT                                   string
	Meta                                            map[string]string
}

// Meta is one custom field of a post (a key may come several times).
type Meta struct{ Key, Value string }

// Post is one item of the export: a post, page, attachment or another type.
type Post struct {
	ID, Type, Title, Link, GUID, Slug, Status, Creator string
	Content, Excerpt                                   string
	Date, DateGMT, Modified, ModifiedGMT               string
	CommentStatus, Parent, AttachmentURL               string
	// Password is WordPress's post password; Protected says why a post is for some readers
	// only (a password, Ghost's members or paid visibility), "" for a public one.
	Password, Protected string
	Categories, Tags    []Term
	Meta                []Meta
	Comments            []Comment

	prep *prepared // the body, converted ahead (sink.go)
	// language and translations are the post's language and its group of translations
	// as a multilingual plugin gives them (polylang.go).
	language, translations string
}

// MetaValue returns the first value of the custom field key.
func (p *Post) MetaValue(key string) string {
	for _, m := range p.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

// MetaValues returns every value of the custom field key.
func (p *Post) MetaValues(key string) []string {
	var out []string
	for _, m := range p.Meta {
		if m.Key == key {
			out = append(out, m.Value)
		}
	}
	return out
}

// Handler receives what a reader finds, in the order of the file. The site comes first.
type Handler interface {
	Site(s Site) error
	Author(a Author) error
	Category(t Term) error
	Tag(t Term) error
	Post(p *Post) error
}

type nsText struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

type wxrMeta struct {
	Key   string `xml:"meta_key"`
	Value string `xml:"meta_value"`
}

type wxrItemCategory struct {
	Domain   string `xml:"domain,attr"`
	Nicename string `xml:"nicename,attr"`
	Name     string `xml:",chardata"`
}

type wxrComment struct {
	ID       string    `xml:"comment_id"`
	Author   string    `xml:"comment_author"`
	Email    string    `xml:"comment_author_email"`
	Date     string    `xml:"comment_date"`
	DateGMT  string    `xml:"comment_date_gmt"`
	Content  string    `xml:"comment_content"`
	Approved string    `xml:"comment_approved"`
	Type     string    `xml:"comment_type"`
	Parent   string    `xml:"comment_parent"`
	Meta     []wxrMeta `xml:"commentmeta"`
}

type wxrItem struct {
	Title         string            `xml:"title"`
	Link          string            `xml:"link"`
	Creator       string            `xml:"creator"`
	GUID          string            `xml:"guid"`
	Encoded       []nsText          `xml:"encoded"`
	PostID        string            `xml:"post_id"`
	Date          string            `xml:"post_date"`
	DateGMT       string            `xml:"post_date_gmt"`
	Modified      string            `xml:"post_modified"`
	ModifiedGMT   string            `xml:"post_modified_gmt"`
	CommentStatus string            `xml:"comment_status"`
	Name          string            `xml:"post_name"`
	Status        string            `xml:"status"`
	Parent        string            `xml:"post_parent"`
	Type          string            `xml:"post_type"`
	AttachmentURL string            `xml:"attachment_url"`
	Password      string            `xml:"post_password"`
	Categories    []wxrItemCategory `xml:"category"`
	Meta          []wxrMeta         `xml:"postmeta"`
	Comments      []wxrComment      `xml:"comment"`
}

type wxrAuthor struct {
	ID    string    `xml:"author_id"`
	Login string    `xml:"author_login"`
	Email string    `xml:"author_email"`
	Name  string    `xml:"author_display_name"`
	First string    `xml:"author_first_name"`
	Last  string    `xml:"author_last_name"`
	Meta  []wxrMeta `xml:"authormeta"`
}

type wxrCategory struct {
	ID       string    `xml:"term_id"`
	Nicename string    `xml:"category_nicename"`
	Parent   string    `xml:"category_parent"`
	Name     string    `xml:"cat_name"`
	Meta     []wxrMeta `xml:"termmeta"`
}

type wxrTag struct {
	ID   string    `xml:"term_id"`
	Slug string    `xml:"tag_slug"`
	Name string    `xml:"tag_name"`
	Meta []wxrMeta `xml:"termmeta"`
}

func metaMap(ms []wxrMeta) map[string]string {
	if len(ms) == 0 {
		return nil
	}
	out := make(map[string]string, len(ms))
	for _, m := range ms {
		if _, ok := out[m.Key]; !ok {
			out[m.Key] = m.Value
		}
	}
	return out
}

// ReadWXR reads a WordPress export from r and gives what it holds to h. A malformed or
// truncated file gives a *SyntaxError; an error from h stops the reading and is returned.
func ReadWXR(r io.Reader, h Handler) error {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.Entity = xml.HTMLEntity // &nbsp; and friends in titles of hand-edited exports
	fail := func(err error) error {
		var se *xml.SyntaxError
		line, col := d.InputPos()
		if errors.As(err, &se) {
			return &SyntaxError{Line: se.Line, Column: col, Msg: se.Msg}
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return &SyntaxError{Line: line, Column: col, Msg: "unexpected end of file"}
		}
		// Anything else the decoder refuses (an XML version, a character set it cannot
		// read, an unmarshalling mismatch) is as much a broken file.
		return &SyntaxError{Line: line, Column: col, Msg: strings.TrimPrefix(err.Error(), "xml: ")}
	}
	var site Site
	var ns wxrSpaces
	var path []string  // the open elements' local names
	var root string    // the root element's name
	var foreign string // the namespace of a wxr_version that is not WordPress's
	sawChannel, siteSent := false, false
	sendSite := func() error {
		if siteSent {
			return nil
		}
		if site.Version == "" {
			if foreign != "" {
				return notWXR("its <wxr_version> is in the namespace %q, not WordPress's (http://wordpress.org/export/1.2/)", foreign)
			}
			return notWXR("no <wp:wxr_version> in the channel before its first item (a plain RSS feed?)")
		}
		siteSent = true
		if site.BaseURL == "" {
			site.BaseURL = site.Link
		}
		return h.Site(site)
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			switch {
			case len(path) == 0:
				if name != "rss" {
					return notWXR("not an RSS document (its root element is <%s>, not <rss>)", name)
				}
				root = name
				ns.root(t)
				path = append(path, name)
				continue
			case len(path) == 1:
				if name == "channel" {
					sawChannel = true
				}
				path = append(path, name)
				continue
			case len(path) > 2 || path[1] != "channel":
				path = append(path, name)
				continue
			}
			// A child of the channel.
			var herr error
			switch {
			case name == "item":
				it, err := decodeItem(d)
				if err != nil {
					return fail(err)
				}
				if herr = sendSite(); herr == nil {
					herr = h.Post(it.post())
				}
			case name == "author" && ns.is(t.Name):
				var a wxrAuthor
				if err := d.DecodeElement(&a, &t); err != nil {
					return fail(err)
				}
				if herr = sendSite(); herr == nil {
					if a.Name == "" {
						a.Name = strings.TrimSpace(a.First + " " + a.Last)
					}
					herr = h.Author(Author{ID: a.ID, Login: a.Login, Email: a.Email, Name: a.Name, Meta: metaMap(a.Meta)})
				}
			case name == "category" && ns.is(t.Name):
				var c wxrCategory
				if err := d.DecodeElement(&c, &t); err != nil {
					return fail(err)
				}
				if herr = sendSite(); herr == nil {
					herr = h.Category(Term{ID: c.ID, Slug: c.Nicename, Name: c.Name, Parent: c.Parent, Meta: metaMap(c.Meta)})
				}
			case name == "tag" && ns.is(t.Name):
				var c wxrTag
				if err := d.DecodeElement(&c, &t); err != nil {
					return fail(err)
				}
				if herr = sendSite(); herr == nil {
					herr = h.Tag(Term{ID: c.ID, Slug: c.Slug, Name: c.Name, Meta: metaMap(c.Meta)})
				}
			case name == "wxr_version" && !ns.is(t.Name):
				foreign = t.Name.Space
				if err := d.Skip(); err != nil {
					return fail(err)
				}
			case name == "title" || name == "link" || name == "language" || name == "pubDate" || (ns.is(t.Name) &&
				(name == "wxr_version" || name == "base_site_url" || name == "base_blog_url")):
				var v string
				if err := d.DecodeElement(&v, &t); err != nil {
					return fail(err)
				}
				v = strings.TrimSpace(v)
				switch name {
				case "title":
					site.Title = v
				case "link":
					site.Link = v
				case "language":
					site.Language = v
				case "pubDate":
					site.Exported = rssDate(v)
				case "wxr_version":
					if err := checkVersion(v); err != nil {
						return err
					}
					site.Version = v
				case "base_site_url":
					site.BaseURL = v
				case "base_blog_url":
					if site.BaseURL == "" {
						site.BaseURL = v
					}
				}
			default:
				if err := d.Skip(); err != nil {
					return fail(err)
				}
			}
			if herr != nil {
				return herr
			}
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		}
	}
	switch {
	case root == "":
		return notWXR("not an RSS document (no XML element in it)")
	case !sawChannel:
		return notWXR("no <channel> in the <rss> document")
	}
	if len(path) != 0 {
		line, col := d.InputPos()
		return &SyntaxError{Line: line, Column: col, Msg: "unexpected end of file"}
	}
	return sendSite()
}

// decodeItem reads the item just started, as d.DecodeElement(&it, start) would (its
// fields are matched by local name, a string field keeps the character data directly inside
// its element, the last of a repeated element wins) but without reflection: items are
// nearly all of a file, and reflection was a third of the time spent reading them.
func decodeItem(d *xml.Decoder) (*wxrItem, error) {
	it := &wxrItem{}
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return it, nil
		case xml.StartElement:
			var err error
			switch t.Name.Local {
			case "encoded":
				e := nsText{XMLName: t.Name}
				e.Value, err = elementText(d)
				it.Encoded = append(it.Encoded, e)
			case "category":
				var c wxrItemCategory
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "domain":
						c.Domain = a.Value
					case "nicename":
						c.Nicename = a.Value
					}
				}
				c.Name, err = elementText(d)
				it.Categories = append(it.Categories, c)
			case "postmeta":
				var m wxrMeta
				m, err = decodeMeta(d)
				it.Meta = append(it.Meta, m)
			case "comment":
				var c wxrComment
				c, err = decodeComment(d)
				it.Comments = append(it.Comments, c)
			default:
				if f := it.field(t.Name.Local); f != nil {
					*f, err = elementText(d)
				} else {
					err = d.Skip()
				}
			}
			if err != nil {
				return nil, err
			}
		}
	}
}

// field returns the string field of an item's child element, or nil.
func (it *wxrItem) field(local string) *string {
	switch local {
	case "title":
		return &it.Title
	case "link":
		return &it.Link
	case "creator":
		return &it.Creator
	case "guid":
		return &it.GUID
	case "post_id":
		return &it.PostID
	case "post_date":
		return &it.Date
	case "post_date_gmt":
		return &it.DateGMT
	case "post_modified":
		return &it.Modified
	case "post_modified_gmt":
		return &it.ModifiedGMT
	case "comment_status":
		return &it.CommentStatus
	case "post_name":
		return &it.Name
	case "status":
		return &it.Status
	case "post_parent":
		return &it.Parent
	case "post_type":
		return &it.Type
	case "attachment_url":
		return &it.AttachmentURL
	case "post_password":
		return &it.Password
	}
	return nil
}

func (it *wxrItem) post() *Post {
	p := &Post{ID: strings.TrimSpace(it.PostID), Type: strings.TrimSpace(it.Type), Title: it.Title, Link: strings.TrimSpace(it.Link),
		GUID: strings.TrimSpace(it.GUID), Slug: strings.TrimSpace(it.Name), Status: strings.TrimSpace(it.Status),
		Creator: strings.TrimSpace(it.Creator), Date: it.Date, DateGMT: it.DateGMT, Modified: it.Modified,
		ModifiedGMT: it.ModifiedGMT, CommentStatus: strings.TrimSpace(it.CommentStatus), Parent: it.Parent,
		AttachmentURL: strings.TrimSpace(it.AttachmentURL)}
	for _, e := range it.Encoded {
		if strings.Contains(e.XMLName.Space, "excerpt") {
			p.Excerpt = e.Value
		} else {
			p.Content = e.Value
		}
	}
	if p.Password = it.Password; strings.TrimSpace(p.Password) != "" {
		p.Protected = "password-protected"
	}
	p.Categories, p.Tags = itemTerms(it.Categories)
	for _, c := range it.Categories {
		if c.Domain == "language" || c.Domain == "post_translations" { // Polylang
			p.multilingual(c.Domain, strings.TrimSpace(c.Nicename))
		}
	}
	for _, m := range it.Meta {
		p.Meta = append(p.Meta, Meta(m))
	}
	for _, c := range it.Comments {
		p.Comments = append(p.Comments, Comment{ID: strings.TrimSpace(c.ID), Author: c.Author, Email: strings.TrimSpace(c.Email),
			Text: c.Content, Approved: strings.TrimSpace(c.Approved), Type: strings.TrimSpace(c.Type), Parent: c.Parent,
			Date: c.Date, DateGMT: c.DateGMT, Meta: metaMap(c.Meta)})
	}
	return p
}

// itemTerms sorts an item's <category> elements into categories and tags. WXR 1.1 and 1.2
// say domain="category" or "post_tag"; WXR 1.0 wrote domain="tag" for tags, and each term
// twice, once bare (no nicename, for feed readers; a bare one without a domain is a
// category) and once with its nicename: a bare one is kept only when its term has no twin.
func itemTerms(cs []wxrItemCategory) (cats, tags []Term) {
	named := map[string]bool{} // kind + name of the terms that have a nicename
	kindOf := func(domain string) string {
		switch domain {
		case "category", "":
			return "category"
		case "post_tag", "tag":
			return "tag"
		}
		return "" // a custom taxonomy (post_format, series …)
	}
	for _, c := range cs {
		if k := kindOf(c.Domain); k != "" && strings.TrimSpace(c.Nicename) != "" {
			named[k+"\x00"+strings.TrimSpace(c.Name)] = true
		}
	}
	for _, c := range cs {
		k := kindOf(c.Domain)
		t := Term{Slug: strings.TrimSpace(c.Nicename), Name: strings.TrimSpace(c.Name)}
		if k == "" || t.Name == "" && t.Slug == "" {
			continue
		}
		if t.Slug == "" {
			if named[k+"\x00"+t.Name] {
				continue
			}
			t.Slug = content.Slugify(t.Name)
		}
		if k == "category" {
			cats = append(cats, t)
		} else {
			tags = append(tags, t)
		}
	}
	return cats, tags
}
