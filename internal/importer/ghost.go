package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// The reader of Ghost JSON exports (Ghost 2 to 5). A Ghost export keeps its relations
// (posts_tags, posts_authors) apart from the posts, so it is read whole; Ghost sites are far
// smaller than WordPress archives. Bodies come as Lexical, Mobiledoc or HTML and are turned
// into HTML here, then into Markdown as WordPress bodies are.

// ErrNotGhost is returned for JSON that is not a Ghost export.
var ErrNotGhost = errors.New("not a Ghost export: expected {\"db\": [{\"data\": {\"posts\": …}}]} or {\"data\": …}")

type ghostExport struct {
	DB   []ghostDB  `json:"db"`
	Data *ghostData `json:"data"`
	Meta *ghostMeta `json:"meta"`
}

type ghostDB struct {
	Meta ghostMeta `json:"meta"`
	Data ghostData `json:"data"`
}

type ghostMeta struct {
	Version string `json:"version"`
}

type ghostData struct {
	Posts        []ghostPost     `json:"posts"`
	Tags         []ghostTag      `json:"tags"`
	Users        []ghostUser     `json:"users"`
	PostsTags    []ghostRelation `json:"posts_tags"`
	PostsAuthors []ghostRelation `json:"posts_authors"`
	Settings     []struct {
		Key   string          `json:"key"`
		Value json.RawMessage `json:"value"`
	} `json:"settings"`
}

type ghostPost struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	Slug          string `json:"slug"`
	Mobiledoc     string `json:"mobiledoc"`
	Lexical       string `json:"lexical"`
	HTML          string `json:"html"`
	FeatureImage  string `json:"feature_image"`
	Type          string `json:"type"`
	Status        string `json:"status"`
	CustomExcerpt string `json:"custom_excerpt"`
	AuthorID      string `json:"author_id"`
	CreatedAt     string `json:"created_at"`
	UpdatedAt     string `json:"updated_at"`
	PublishedAt   string `json:"published_at"`
}

type ghostTag struct {
	ID, Name, Slug string
}

type ghostUser struct {
	ID, Name, Slug, Email string
}

type ghostRelation struct {
	PostID    string `json:"post_id"`
	TagID     string `json:"tag_id"`
	AuthorID  string `json:"author_id"`
	SortOrder int    `json:"sort_order"`
}

// ReadGhost reads a Ghost JSON export from r and gives what it holds to h.
func ReadGhost(r io.Reader, h Handler) error {
	var ex ghostExport
	d := json.NewDecoder(r)
	if err := d.Decode(&ex); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return &SyntaxError{Line: 0, Column: int(se.Offset), Msg: "malformed JSON at byte " + fmt.Sprint(se.Offset) + ": " + se.Error()}
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("%w (field %s has the wrong type)", ErrNotGhost, te.Field)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return &SyntaxError{Msg: "unexpected end of file"}
		}
		return err
	}
	var data *ghostData
	switch {
	case len(ex.DB) > 0:
		data = &ex.DB[0].Data
	case ex.Data != nil:
		data = ex.Data
	default:
		return ErrNotGhost
	}
	site := Site{Title: "Ghost", Version: "ghost"}
	for _, s := range data.Settings {
		var v string
		if json.Unmarshal(s.Value, &v) == nil {
			switch s.Key {
			case "title":
				site.Title = v
			case "url", "site_url":
				site.BaseURL = v
			case "locale", "lang":
				site.Language = v
			}
		}
	}
	if site.BaseURL == "" {
		site.BaseURL = site.Title
	}
	if err := h.Site(site); err != nil {
		return err
	}
	users := map[string]ghostUser{}
	for _, u := range data.Users {
		users[u.ID] = u
		if err := h.Author(Author{ID: u.ID, Login: u.Slug, Email: u.Email, Name: u.Name}); err != nil {
			return err
		}
	}
	tags := map[string]ghostTag{}
	for _, t := range data.Tags {
		tags[t.ID] = t
	}
	postTags := relations(data.PostsTags, func(r ghostRelation) string { return r.TagID })
	postAuthors := relations(data.PostsAuthors, func(r ghostRelation) string { return r.AuthorID })
	for _, gp := range data.Posts {
		p := &Post{ID: gp.ID, Type: gp.Type, Title: gp.Title, Slug: gp.Slug, Excerpt: html.EscapeString(gp.CustomExcerpt)}
		if p.Type == "" {
			p.Type = "post"
		}
		switch gp.Status {
		case "published", "sent":
			p.Status = "publish"
		case "scheduled":
			p.Status = "future"
		case "draft":
			p.Status = "draft"
		default:
			p.Status = gp.Status
		}
		p.DateGMT = ghostTime(gp.PublishedAt)
		if p.DateGMT == "" {
			p.DateGMT = ghostTime(gp.CreatedAt)
		}
		p.ModifiedGMT = ghostTime(gp.UpdatedAt)
		var err error
		switch {
		case gp.Lexical != "":
			p.Content, err = lexicalHTML(gp.Lexical)
		case gp.Mobiledoc != "":
			p.Content, err = mobiledocHTML(gp.Mobiledoc)
		default:
			p.Content = gp.HTML
		}
		if err != nil {
			p.Content = gp.HTML // a broken document: fall back to Ghost's rendering of it
		}
		first := true
		for _, id := range postTags[gp.ID] {
			t, ok := tags[id]
			if !ok || strings.HasPrefix(t.Name, "#") { // Ghost's internal tags
				continue
			}
			term := Term{Slug: t.Slug, Name: t.Name}
			if first {
				p.Categories = append(p.Categories, term) // the primary tag is the section
				first = false
			}
			p.Tags = append(p.Tags, term)
		}
		authors := postAuthors[gp.ID]
		if len(authors) == 0 && gp.AuthorID != "" {
			authors = []string{gp.AuthorID}
		}
		if len(authors) > 0 {
			p.Creator = users[authors[0]].Slug
		}
		if gp.FeatureImage != "" {
			att := "ghost-feature-" + gp.ID
			if err := h.Post(&Post{ID: att, Type: "attachment", AttachmentURL: gp.FeatureImage}); err != nil {
				return err
			}
			p.Meta = append(p.Meta, Meta{Key: "_thumbnail_id", Value: att})
		}
		if err := h.Post(p); err != nil {
			return err
		}
	}
	return nil
}

func relations(rs []ghostRelation, target func(ghostRelation) string) map[string][]string {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].SortOrder < rs[j].SortOrder })
	out := map[string][]string{}
	for _, r := range rs {
		out[r.PostID] = append(out[r.PostID], target(r))
	}
	return out
}

// ghostTime turns Ghost's ISO 8601 times (or Unix milliseconds, in old exports) into the
// WordPress form in UTC.
func ghostTime(v string) string {
	if v == "" {
		return ""
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC().Format(wpTime)
		}
	}
	var ms int64
	if _, err := fmt.Sscan(v, &ms); err == nil && ms > 0 {
		return time.UnixMilli(ms).UTC().Format(wpTime)
	}
	return ""
}

// mobiledocHTML renders a Mobiledoc document as HTML.
func mobiledocHTML(src string) (string, error) {
	var doc struct {
		Atoms   [][]json.RawMessage `json:"atoms"`
		Cards   [][]json.RawMessage `json:"cards"`
		Markups [][]json.RawMessage `json:"markups"`
		Section [][]json.RawMessage `json:"sections"`
	}
	if err := json.Unmarshal([]byte(src), &doc); err != nil {
		return "", fmt.Errorf("read mobiledoc: %w", err)
	}
	type markup struct{ tag, href string }
	markups := make([]markup, len(doc.Markups))
	for i, m := range doc.Markups {
		if len(m) == 0 {
			continue
		}
		_ = json.Unmarshal(m[0], &markups[i].tag)
		if len(m) > 1 {
			var attrs []string
			_ = json.Unmarshal(m[1], &attrs)
			for j := 0; j+1 < len(attrs); j += 2 {
				if attrs[j] == "href" {
					markups[i].href = attrs[j+1]
				}
			}
		}
	}
	markers := func(raw json.RawMessage) string {
		var ms [][]json.RawMessage
		_ = json.Unmarshal(raw, &ms)
		var b strings.Builder
		var open []int
		for _, m := range ms {
			if len(m) < 4 {
				continue
			}
			var kind, closed int
			var opens []int
			_ = json.Unmarshal(m[0], &kind)
			_ = json.Unmarshal(m[1], &opens)
			_ = json.Unmarshal(m[2], &closed)
			for _, o := range opens {
				if o < 0 || o >= len(markups) {
					continue
				}
				mk := markups[o]
				if mk.tag == "a" {
					b.WriteString(`<a href="` + html.EscapeString(mk.href) + `">`)
				} else if safeTag(mk.tag) {
					b.WriteString("<" + mk.tag + ">")
				}
				open = append(open, o)
			}
			if kind == 0 {
				var text string
				_ = json.Unmarshal(m[3], &text)
				b.WriteString(html.EscapeString(text))
			} else {
				var ai int
				_ = json.Unmarshal(m[3], &ai)
				if ai >= 0 && ai < len(doc.Atoms) && len(doc.Atoms[ai]) > 1 {
					var text string
					_ = json.Unmarshal(doc.Atoms[ai][1], &text)
					b.WriteString(html.EscapeString(text))
				}
			}
			for ; closed > 0 && len(open) > 0; closed-- {
				mk := markups[open[len(open)-1]]
				open = open[:len(open)-1]
				if mk.tag == "a" || safeTag(mk.tag) {
					b.WriteString("</" + mk.tag + ">")
				}
			}
		}
		return b.String()
	}
	var b strings.Builder
	for _, sec := range doc.Section {
		if len(sec) < 2 {
			continue
		}
		var kind int
		_ = json.Unmarshal(sec[0], &kind)
		switch kind {
		case 1: // markup section
			var tag string
			_ = json.Unmarshal(sec[1], &tag)
			tag = strings.ToLower(tag)
			if !safeTag(tag) {
				tag = "p"
			}
			if len(sec) > 2 {
				b.WriteString("<" + tag + ">" + markers(sec[2]) + "</" + tag + ">\n")
			}
		case 3: // list
			var tag string
			_ = json.Unmarshal(sec[1], &tag)
			if tag != "ol" {
				tag = "ul"
			}
			var items []json.RawMessage
			if len(sec) > 2 {
				_ = json.Unmarshal(sec[2], &items)
			}
			b.WriteString("<" + tag + ">")
			for _, it := range items {
				b.WriteString("<li>" + markers(it) + "</li>")
			}
			b.WriteString("</" + tag + ">\n")
		case 2: // image section
			var srcURL string
			_ = json.Unmarshal(sec[1], &srcURL)
			b.WriteString(`<figure><img src="` + html.EscapeString(srcURL) + `"></figure>` + "\n")
		case 10: // card
			var ci int
			_ = json.Unmarshal(sec[1], &ci)
			if ci < 0 || ci >= len(doc.Cards) || len(doc.Cards[ci]) < 2 {
				continue
			}
			var name string
			_ = json.Unmarshal(doc.Cards[ci][0], &name)
			var payload map[string]any
			_ = json.Unmarshal(doc.Cards[ci][1], &payload)
			b.WriteString(cardHTML(name, payload) + "\n")
		}
	}
	return b.String(), nil
}

func safeTag(t string) bool {
	switch t {
	case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside", "strong", "b", "em", "i", "s", "code", "u", "sup", "sub":
		return true
	}
	return false
}

func str(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return v
}

// cardHTML renders a Ghost card (Mobiledoc's or Lexical's) as HTML.
func cardHTML(name string, p map[string]any) string {
	switch name {
	case "markdown", "card-markdown":
		out, err := content.NewRenderer().Render(str(p, "markdown"))
		if err != nil {
			return ""
		}
		return out
	case "html":
		return str(p, "html")
	case "image":
		return `<figure><img src="` + html.EscapeString(str(p, "src")) + `" alt="` + html.EscapeString(str(p, "alt")) +
			`"><figcaption>` + str(p, "caption") + `</figcaption></figure>`
	case "hr", "horizontalrule":
		return "<hr>"
	case "code", "codeblock":
		return "<pre><code>" + html.EscapeString(str(p, "code")) + "</code></pre>"
	case "embed", "bookmark":
		u := str(p, "url")
		return `<p><a href="` + html.EscapeString(u) + `">` + html.EscapeString(u) + `</a></p>`
	}
	return ""
}

type lexNode struct {
	Type     string    `json:"type"`
	Tag      string    `json:"tag"`
	ListType string    `json:"listType"`
	Text     string    `json:"text"`
	Format   any       `json:"format"`
	URL      string    `json:"url"`
	Src      string    `json:"src"`
	Alt      string    `json:"altText"`
	Caption  string    `json:"caption"`
	Markdown string    `json:"markdown"`
	HTML     string    `json:"html"`
	Code     string    `json:"code"`
	Children []lexNode `json:"children"`
}

// lexicalHTML renders a Lexical document (Ghost 5) as HTML.
func lexicalHTML(src string) (string, error) {
	var doc struct {
		Root lexNode `json:"root"`
	}
	if err := json.Unmarshal([]byte(src), &doc); err != nil {
		return "", fmt.Errorf("read lexical: %w", err)
	}
	var b strings.Builder
	var render func(n lexNode)
	kids := func(n lexNode) {
		for _, c := range n.Children {
			render(c)
		}
	}
	render = func(n lexNode) {
		switch n.Type {
		case "root":
			kids(n)
		case "paragraph":
			b.WriteString("<p>")
			kids(n)
			b.WriteString("</p>\n")
		case "heading", "extended-heading":
			tag := n.Tag
			if len(tag) != 2 || tag[0] != 'h' || tag[1] < '1' || tag[1] > '6' {
				tag = "h2"
			}
			b.WriteString("<" + tag + ">")
			kids(n)
			b.WriteString("</" + tag + ">\n")
		case "quote", "extended-quote", "aside":
			b.WriteString("<blockquote>")
			kids(n)
			b.WriteString("</blockquote>\n")
		case "list":
			tag := "ul"
			if n.ListType == "number" {
				tag = "ol"
			}
			b.WriteString("<" + tag + ">")
			kids(n)
			b.WriteString("</" + tag + ">\n")
		case "listitem":
			b.WriteString("<li>")
			kids(n)
			b.WriteString("</li>")
		case "link", "autolink":
			b.WriteString(`<a href="` + html.EscapeString(n.URL) + `">`)
			kids(n)
			b.WriteString("</a>")
		case "linebreak":
			b.WriteString("<br>")
		case "text", "extended-text":
			f, _ := n.Format.(float64)
			t := html.EscapeString(n.Text)
			format := int(f)
			if format&16 != 0 {
				t = "<code>" + t + "</code>"
			}
			if format&4 != 0 {
				t = "<s>" + t + "</s>"
			}
			if format&2 != 0 {
				t = "<em>" + t + "</em>"
			}
			if format&1 != 0 {
				t = "<strong>" + t + "</strong>"
			}
			b.WriteString(t)
		case "image":
			b.WriteString(cardHTML("image", map[string]any{"src": n.Src, "alt": n.Alt, "caption": n.Caption}))
		case "markdown":
			b.WriteString(cardHTML("markdown", map[string]any{"markdown": n.Markdown}))
		case "html":
			b.WriteString(n.HTML)
		case "horizontalrule":
			b.WriteString("<hr>")
		case "codeblock":
			b.WriteString(cardHTML("code", map[string]any{"code": n.Code}))
		case "embed", "bookmark":
			b.WriteString(cardHTML("embed", map[string]any{"url": n.URL}))
		default:
			kids(n)
		}
	}
	render(doc.Root)
	return b.String(), nil
}
