package importer

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The reader of Ghost JSON exports (Ghost 2 to 5), as a stream. An export keeps the posts'
// relations (posts_tags, posts_authors), the tags, the users and the settings in tables
// apart from the posts, in no promised order; those tables are small and are kept in
// memory. The posts are not: when every small table came before them they are handed over
// as they are read, else each is spooled to a temporary file and they are handed over from
// it once the export has been read. Bodies come as Lexical, Mobiledoc or HTML and are
// turned into HTML here, then into Markdown as WordPress bodies are.

// ErrNotGhost is returned (as the cause of an error that says why) for JSON that is not a
// Ghost export, or one that holds nothing to import.
var ErrNotGhost = errors.New("not a Ghost export")

func notGhost(format string, args ...any) error {
	return &refusal{kind: ErrNotGhost, msg: "not a Ghost export: " + fmt.Sprintf(format, args...)}
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
	Visibility    string `json:"visibility"`
}

// ghostMeta is the meta object of an export: when it was made, by which Ghost.
type ghostMeta struct {
	ExportedOn json.RawMessage `json:"exported_on"`
	Version    string          `json:"version"`
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

type ghostSetting struct {
	Key   string          `json:"key"`
	Value json.RawMessage `json:"value"`
}

// ghostURL stands for the site's own address in the URLs Ghost 4 and later store
// (__GHOST_URL__/content/images/…), in bodies and feature images alike.
const ghostURL = "__GHOST_URL__"

// ghostSmallTables are the tables the posts need; posts read after all of them are handed
// over at once.
var ghostSmallTables = []string{"settings", "users", "tags", "posts_tags", "posts_authors"}

// ReadGhost reads a Ghost JSON export from r and gives what it holds to h: the site, the
// users, then the posts in the order of the export (each after its feature image, given
// as an attachment). It reads r as a stream (see above); memory grows with the small
// tables, not with the posts. A malformed or truncated file gives a *SyntaxError, JSON
// that is not a Ghost export ErrNotGhost; an error from h stops the reading and is
// returned as it is. As h may be given nothing for a long while (posts being spooled, or
// tables skipped), a handler with an Err() error method is asked every so often whether
// to go on: its error stops the reading too.
func ReadGhost(r io.Reader, h Handler) error {
	lc := &lineCounter{r: r, lastDropped: -1}
	g := &ghostReader{d: json.NewDecoder(lc), lc: lc, h: h}
	if s, ok := h.(interface{ Err() error }); ok {
		g.stop = s.Err
	}
	defer g.reset()
	return g.read()
}

// ghostReader is the state of one ReadGhost.
type ghostReader struct {
	d     *json.Decoder
	lc    *lineCounter
	h     Handler
	stop  func() error // the handler's Err, if it has one
	reads int          // tokens and values read, to call stop every so often

	// The small tables of the data object in use.
	site                    Site
	users                   []ghostUser
	tags                    map[string]ghostTag
	postsTags, postsAuthors []ghostRelation
	seen                    map[string]bool // the tables read so far
	posts                   int             // the posts (and pages) read so far
	dataRead                bool            // a data object was read
	exported                time.Time       // meta.exported_on, when the export says
	// Set when the posts start being handed over (start).
	started               bool
	base                  string            // what ghostURL stands for: the site's URL, or "" (root-relative)
	userSlugs             map[string]string // user id → slug
	postTags, postAuthors map[string][]string
	// The posts waiting for the tables after them.
	spool    *os.File
	spoolW   *bufio.Writer
	spoolEnc *json.Encoder
	spooled  int
}

// reset forgets the data object read so far and removes the spool.
func (g *ghostReader) reset() {
	if g.spool != nil {
		g.spool.Close()
		os.Remove(g.spool.Name())
	}
	g.site = Site{Title: "Ghost", Version: "ghost"}
	g.users, g.tags, g.postsTags, g.postsAuthors = nil, map[string]ghostTag{}, nil, nil
	g.seen = map[string]bool{}
	g.posts, g.dataRead = 0, false
	g.spool, g.spoolW, g.spoolEnc, g.spooled = nil, nil, nil, 0
}

// read walks the export: {"db": [{"meta": …, "data": {…}}, …]}, {"meta": …, "data": {…}} or
// {"data": {…}}. As when the export was read whole, the first element of db wins over a
// top-level data. An export that has no data object, or no posts in it, is refused with
// the reason.
func (g *ghostReader) read() error {
	g.reset()
	tok, err := g.token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return notGhost("the file is JSON but not an object (a Ghost export is {\"db\": [{\"meta\": …, \"data\": …}]})")
	}
	var from string // "db" or "data": where the data object in use came from
	sawDB, dbEmpty, dataNull := false, false, false
	var keys []string
	for g.d.More() {
		key, err := g.key()
		if err != nil {
			return err
		}
		if len(keys) < 10 {
			keys = append(keys, strconv.Quote(key))
		}
		switch {
		case key == "db" && from != "db":
			sawDB, dbEmpty = true, true
			first := true
			err = g.each("db", func() error {
				dbEmpty = false
				if !first {
					return g.skip()
				}
				first = false
				if from == "data" {
					g.reset() // db wins
				}
				from = "db"
				return g.object("db[0]", func(key string) error {
					switch key {
					case "data":
						_, err := g.data("db[0].data", true)
						return err
					case "meta":
						return g.meta("db[0].meta")
					}
					return g.skip()
				})
			})
		case key == "data" && from == "":
			// A db may follow and win: nothing is handed over before the end unless one came.
			var ok bool
			if ok, err = g.data("data", sawDB); ok {
				from = "data"
			} else if err == nil {
				dataNull = true
			}
		case key == "meta":
			err = g.meta("meta")
		default:
			err = g.skip()
		}
		if err != nil {
			return err
		}
	}
	if _, err := g.token(); err != nil { // the closing brace: the export is whole
		return err
	}
	switch {
	case from == "" && dataNull:
		return notGhost("its \"data\" is null")
	case from == "" && sawDB && dbEmpty:
		return notGhost("its \"db\" list is empty")
	case from == "":
		return notGhost("no \"db\" or \"data\" in it (its keys: %s)", strings.Join(keys, ", "))
	case !g.dataRead:
		return notGhost("the first element of its \"db\" list has no \"data\" object")
	case !g.seen["posts"]:
		return &refusal{kind: ErrNotGhost, msg: "nothing to import: the Ghost export has no posts table"}
	case g.posts == 0:
		return &refusal{kind: ErrNotGhost, msg: "nothing to import: the Ghost export has no posts or pages (its posts table is empty)"}
	}
	return g.finish()
}

// data reads a data object, handing the posts over as they come when direct and every
// small table was read before them; ok is false for a null.
func (g *ghostReader) data(field string, direct bool) (ok bool, err error) {
	if ok, err := g.open('{', field); err != nil || !ok {
		return false, err
	}
	g.dataRead = true
	return true, g.fields(func(key string) error {
		f := field + "." + key
		var err error
		switch key {
		case "posts":
			err = g.each(f, func() error {
				var gp ghostPost
				if err := g.decode(&gp, f); err != nil {
					return err
				}
				g.posts++
				if direct && g.spooled == 0 && g.ready() {
					return g.post(&gp)
				}
				return g.spoolPost(&gp)
			})
		case "tags":
			err = g.each(f, func() error {
				var t ghostTag
				if err := g.decode(&t, f); err != nil {
					return err
				}
				g.tags[t.ID] = t
				return nil
			})
		case "users":
			err = g.each(f, func() error {
				var u ghostUser
				if err := g.decode(&u, f); err != nil {
					return err
				}
				g.users = append(g.users, u)
				return nil
			})
		case "posts_tags", "posts_authors":
			rs := &g.postsTags
			if key == "posts_authors" {
				rs = &g.postsAuthors
			}
			err = g.each(f, func() error {
				var r ghostRelation
				if err := g.decode(&r, f); err != nil {
					return err
				}
				*rs = append(*rs, r)
				return nil
			})
		case "settings":
			err = g.each(f, func() error {
				var s ghostSetting
				if err := g.decode(&s, f); err != nil {
					return err
				}
				g.setting(s)
				return nil
			})
		default:
			return g.skip()
		}
		g.seen[key] = true
		return err
	})
}

func (g *ghostReader) setting(s ghostSetting) {
	var v string
	if json.Unmarshal(s.Value, &v) != nil {
		return
	}
	switch s.Key {
	case "title":
		g.site.Title = v
	case "url", "site_url":
		g.site.BaseURL = v
	case "locale", "lang":
		g.site.Language = v
	}
}

// ready reports whether every table a post needs has been read.
func (g *ghostReader) ready() bool {
	for _, t := range ghostSmallTables {
		if !g.seen[t] {
			return false
		}
	}
	return true
}

// start hands the site and the users over, once, before the first post.
func (g *ghostReader) start() error {
	if g.started {
		return nil
	}
	g.started = true
	site := g.site
	site.Exported = g.exported
	if site.BaseURL == "" {
		site.BaseURL = site.Title
	}
	if err := g.h.Site(site); err != nil {
		return err
	}
	if strings.HasPrefix(site.BaseURL, "https://") || strings.HasPrefix(site.BaseURL, "http://") {
		g.base = strings.TrimRight(site.BaseURL, "/")
	}
	g.userSlugs = map[string]string{}
	for _, u := range g.users {
		g.userSlugs[u.ID] = u.Slug
		if err := g.h.Author(Author{ID: u.ID, Login: u.Slug, Email: u.Email, Name: u.Name}); err != nil {
			return err
		}
	}
	g.postTags = relations(g.postsTags, func(r ghostRelation) string { return r.TagID })
	g.postAuthors = relations(g.postsAuthors, func(r ghostRelation) string { return r.AuthorID })
	g.postsTags, g.postsAuthors = nil, nil
	return nil
}

// spoolPost keeps a post that came before the tables it needs in the spool file.
func (g *ghostReader) spoolPost(gp *ghostPost) error {
	if g.spool == nil {
		f, err := os.CreateTemp("", "newsdesk-ghost-*.json")
		if err != nil {
			return fmt.Errorf("spool Ghost posts: %w", err)
		}
		g.spool, g.spoolW = f, bufio.NewWriterSize(f, 64<<10)
		g.spoolEnc = json.NewEncoder(g.spoolW)
		g.spoolEnc.SetEscapeHTML(false) // bodies are HTML: keep their < > & as they are
	}
	if err := g.spoolEnc.Encode(gp); err != nil {
		return fmt.Errorf("spool Ghost post %s: %w", gp.ID, err)
	}
	g.spooled++
	return nil
}

// finish hands over what waited for the end of the export: the site and users if no post
// was handed over yet, then the spooled posts.
func (g *ghostReader) finish() error {
	if err := g.start(); err != nil {
		return err
	}
	if g.spool == nil {
		return nil
	}
	if err := g.spoolW.Flush(); err != nil {
		return fmt.Errorf("spool Ghost posts: %w", err)
	}
	if _, err := g.spool.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("read spooled Ghost posts: %w", err)
	}
	d := json.NewDecoder(g.spool)
	for range g.spooled {
		var gp ghostPost
		if err := d.Decode(&gp); err != nil {
			return fmt.Errorf("read spooled Ghost posts: %w", err)
		}
		if err := g.post(&gp); err != nil {
			return err
		}
	}
	return nil
}

// post hands one post over (after its feature image, as an attachment).
func (g *ghostReader) post(gp *ghostPost) error {
	if err := g.start(); err != nil {
		return err
	}
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
	p.Protected = ghostProtected(gp)
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
	p.Content = strings.ReplaceAll(p.Content, ghostURL, g.base)
	first := true
	for _, id := range g.postTags[gp.ID] {
		t, ok := g.tags[id]
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
	authors := g.postAuthors[gp.ID]
	if len(authors) == 0 && gp.AuthorID != "" {
		authors = []string{gp.AuthorID}
	}
	if len(authors) > 0 {
		p.Creator = g.userSlugs[authors[0]]
	}
	if gp.FeatureImage != "" {
		att := "ghost-feature-" + gp.ID
		u := strings.ReplaceAll(gp.FeatureImage, ghostURL, g.base)
		if err := g.h.Post(&Post{ID: att, Type: "attachment", AttachmentURL: u}); err != nil {
			return err
		}
		p.Meta = append(p.Meta, Meta{Key: "_thumbnail_id", Value: att})
	}
	return g.h.Post(p)
}

func relations(rs []ghostRelation, target func(ghostRelation) string) map[string][]string {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].SortOrder < rs[j].SortOrder })
	out := map[string][]string{}
	for _, r := range rs {
		out[r.PostID] = append(out[r.PostID], target(r))
	}
	return out
}
