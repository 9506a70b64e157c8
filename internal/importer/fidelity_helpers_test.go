package importer_test

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The fidelity test's helpers: what a post of the corpus showed on its old site (read
// from the export file independently of the importer's readers), and the elements a
// reader sees in a piece of HTML, so that the source and the imported page can be
// compared element by element.

// sourcePost is one post (or page) of a corpus file, with the HTML its old site showed.
type sourcePost struct {
	ID, Type, Title, Slug string
	// Protected is a post a visitor could not read: a password (WordPress) or members,
	// paid or tiers visibility (Ghost).
	Protected bool
	Public    bool // published (and not protected)
	HTML      string
	// Lang and Group are a multilingual site's language of the post and its group of
	// translations (Polylang's language and post_translations terms).
	Lang, Group string
}

// element is one thing a reader sees: its kind and what identifies it.
type element struct{ kind, key string }

// readCorpus reads the posts of a corpus file (.xml: WXR, .json: Ghost).
func readCorpus(file string) ([]sourcePost, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(file, ".json") {
		return readGhostCorpus(b)
	}
	return readWXRCorpus(string(b))
}

// wxrItem is an item of a WXR file, by local names (any namespace spelling).
type wxrItem struct {
	fields map[string]string
	meta   map[string]string
	terms  map[string]string // domain → nicename (the last of each)
}

// readWXRCorpus reads the items of a WXR file by the local names of their elements, so
// that it knows nothing of namespace spellings, and renders each post's content the way
// WordPress shows it (shortcodes, the footnotes block).
func readWXRCorpus(src string) ([]sourcePost, error) {
	d := xml.NewDecoder(strings.NewReader(src))
	var items []wxrItem
	var cur *wxrItem
	var key string // the pending meta_key
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read corpus WXR: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch name := se.Name.Local; {
		case name == "item":
			items = append(items, wxrItem{fields: map[string]string{}, meta: map[string]string{}, terms: map[string]string{}})
			cur = &items[len(items)-1]
		case cur == nil || name == "postmeta":
		case name == "comment" || name == "category":
			if name == "category" {
				domain, nicename := "", ""
				for _, a := range se.Attr {
					switch a.Name.Local {
					case "domain":
						domain = a.Value
					case "nicename":
						nicename = a.Value
					}
				}
				cur.terms[domain] = nicename
			}
			if err := d.Skip(); err != nil {
				return nil, err
			}
		default:
			var v string
			if err := d.DecodeElement(&v, &se); err != nil {
				return nil, fmt.Errorf("read corpus WXR %s: %w", name, err)
			}
			switch {
			case name == "encoded" && strings.Contains(se.Name.Space, "excerpt"):
				cur.fields["excerpt"] = v
			case name == "meta_key":
				key = v
			case name == "meta_value":
				cur.meta[key] = v
			default:
				cur.fields[name] = v
			}
		}
	}
	attachments := map[string]attachment{}
	for _, it := range items {
		if it.fields["post_type"] == "attachment" {
			attachments[it.fields["post_id"]] = attachment{it.fields["attachment_url"], it.fields["excerpt"]}
		}
	}
	var out []sourcePost
	for _, it := range items {
		f := it.fields
		if f["post_type"] == "attachment" {
			continue
		}
		p := sourcePost{ID: f["post_id"], Type: f["post_type"], Title: f["title"], Slug: f["post_name"],
			Protected: f["post_password"] != "", Lang: it.terms["language"], Group: it.terms["post_translations"]}
		p.Public = f["status"] == "publish" && !p.Protected
		p.HTML = wordpressShows(f["encoded"], it.meta, attachments)
		out = append(out, p)
	}
	return out, nil
}

// attachment is a file of the export: its address, and its caption (the excerpt), which
// a [gallery] prints under it.
type attachment struct{ url, caption string }

var (
	captionRE   = regexp.MustCompile(`(?s)\[caption[^\]]*\](.*?)\[/caption\]`)
	mediaRE     = regexp.MustCompile(`\[(audio|video)([^\]]*)\](?:\[/(?:audio|video)\])?`)
	mediaAttrRE = regexp.MustCompile(`(?:src|mp3|m4a|ogg|wav|mp4|m4v|webm|ogv)="([^"]+)"`)
	embedRE     = regexp.MustCompile(`\[embed[^\]]*\]([^\[]+)\[/embed\]|\[youtube[= ]([^\]\s]+)\]`)
	galleryRE   = regexp.MustCompile(`\[gallery[^\]]*ids="([0-9, ]+)"[^\]]*\]`)
	shortcodeRE = regexp.MustCompile(`\[/?[a-z][a-z0-9_-]*(?:[ =][^\]]*)?\]`)
)

// wordpressShows renders a post's content as WordPress shows it, as far as the comparison
// needs: core shortcodes become the elements WordPress writes for them (an unknown one,
// a plugin's, shows nothing we could compare and is dropped here; the import reports it),
// and the dynamic footnotes block becomes the list WordPress prints from the post's meta.
// Paragraphs (wpautop) make no difference to what the comparison looks at.
func wordpressShows(content string, meta map[string]string, attachments map[string]attachment) string {
	s := captionRE.ReplaceAllString(content, "<figure>$1</figure>")
	s = mediaRE.ReplaceAllStringFunc(s, func(m string) string {
		sm := mediaRE.FindStringSubmatch(m)
		var b strings.Builder
		for _, a := range mediaAttrRE.FindAllStringSubmatch(sm[2], -1) {
			fmt.Fprintf(&b, `<%s src="%s"></%s>`, sm[1], a[1], sm[1])
		}
		return b.String()
	})
	s = embedRE.ReplaceAllString(s, "\n$1$2\n")
	s = galleryRE.ReplaceAllStringFunc(s, func(m string) string {
		var b strings.Builder
		for _, id := range strings.Split(galleryRE.FindStringSubmatch(m)[1], ",") {
			if a := attachments[strings.TrimSpace(id)]; a.url != "" {
				fmt.Fprintf(&b, `<figure><img src="%s"><figcaption>%s</figcaption></figure>`, a.url, a.caption)
			}
		}
		return b.String()
	})
	s = shortcodeRE.ReplaceAllString(s, "")
	if strings.Contains(s, "<!-- wp:footnotes /-->") {
		var notes []struct{ ID, Content string }
		_ = json.Unmarshal([]byte(meta["footnotes"]), &notes)
		var b strings.Builder
		b.WriteString(`<ol class="wp-block-footnotes">`)
		for _, n := range notes {
			fmt.Fprintf(&b, `<li id="%s">%s <a href="#%s-link">↩︎</a></li>`, n.ID, n.Content, n.ID)
		}
		b.WriteString("</ol>")
		s = strings.ReplaceAll(s, "<!-- wp:footnotes /-->", b.String())
	}
	return s
}

// readGhostCorpus reads the posts of a Ghost export: their html, which is what Ghost
// showed (the importer reads the Lexical or Mobiledoc instead).
func readGhostCorpus(b []byte) ([]sourcePost, error) {
	var doc struct {
		DB []struct {
			Data struct {
				Posts []struct {
					ID, Title, Slug, HTML, Type, Status, Visibility string
				} `json:"posts"`
				Settings []struct {
					Key   string `json:"key"`
					Value any    `json:"value"`
				} `json:"settings"`
			} `json:"data"`
		} `json:"db"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || len(doc.DB) != 1 {
		return nil, fmt.Errorf("read corpus Ghost export: %v", err)
	}
	data := doc.DB[0].Data
	site := ""
	for _, s := range data.Settings {
		if v, ok := s.Value.(string); ok && s.Key == "url" {
			site = v
		}
	}
	var out []sourcePost
	for _, gp := range data.Posts {
		p := sourcePost{ID: gp.ID, Type: gp.Type, Title: gp.Title, Slug: gp.Slug,
			Protected: gp.Visibility != "" && gp.Visibility != "public",
			HTML:      strings.ReplaceAll(gp.HTML, "__GHOST_URL__", site)}
		p.Public = gp.Status == "published" && !p.Protected
		out = append(out, p)
	}
	return out, nil
}

// chrome is what a page shows around content rather than content: media players'
// controls, icons, a file block's second "Download" button.
var chrome = []string{"kg-video-overlay", "kg-video-player-container", "kg-audio-player", "kg-audio-thumbnail",
	"kg-bookmark-icon", "kg-file-card-icon", "kg-toggle-card-icon", "wp-block-file__button", "wp-block-cover__background"}

func isChrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Svg:
		return true
	}
	for _, c := range strings.Fields(attr(n, "class")) {
		for _, x := range chrome {
			if c == x {
				return true
			}
		}
	}
	return false
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// inline elements run into the text around them; every other element separates words.
var inline = map[atom.Atom]bool{atom.A: true, atom.Em: true, atom.Strong: true, atom.B: true, atom.I: true,
	atom.U: true, atom.S: true, atom.Del: true, atom.Ins: true, atom.Sub: true, atom.Sup: true, atom.Code: true,
	atom.Span: true, atom.Mark: true, atom.Small: true, atom.Cite: true, atom.Q: true, atom.Abbr: true, atom.Kbd: true}

// textOf is the text a reader sees in n, block elements separated by spaces, br by a
// newline.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == html.ElementNode && isChrome(n):
			return
		case n.DataAtom == atom.Br:
			b.WriteString("\n")
			return
		}
		sep := n.Type == html.ElementNode && !inline[n.DataAtom]
		if sep {
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if sep {
			b.WriteString(" ")
		}
	}
	walk(n)
	return b.String()
}

// norm is s with its whitespace collapsed and without footnotes' back arrows.
func norm(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("↩︎", " ", "↩", " ").Replace(s)), " ")
}

// ownText is an item's text without the lists nested in it.
func ownText(li *html.Node) string {
	var b strings.Builder
	for c := li.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom != atom.Ul && c.DataAtom != atom.Ol {
			b.WriteString(" " + textOf(c))
		}
	}
	return norm(b.String())
}

// codeLines is a pre block's text, line by line, without trailing spaces or blank lines.
func codeLines(pre *html.Node) string {
	var lines []string
	for _, l := range strings.Split(textOf(pre), "\n") {
		if l = strings.TrimRight(l, " \t"); strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// fileName is what identifies an image or a media file: the base name of its address.
func fileName(src string) string {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil {
		return src
	}
	return strings.ToLower(path.Base(u.Path))
}

// oEmbed providers WordPress embeds from a bare URL on its own line.
var providers = []string{"youtube.com", "youtu.be", "vimeo.com", "twitter.com", "x.com", "instagram.com", "soundcloud.com", "spotify.com", "tiktok.com"}

// embedKey is what identifies an embedded thing in any of its addresses (watch page,
// player, status): a YouTube video's id, else the last part of the path; "" for a URL
// of no oEmbed provider.
func embedKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.TrimPrefix(u.Hostname(), "www.")
	known := false
	for _, p := range providers {
		known = known || host == p || strings.HasSuffix(host, "."+p)
	}
	if !known {
		return ""
	}
	if v := u.Query().Get("v"); v != "" {
		return v
	}
	return path.Base(strings.TrimSuffix(u.Path, "/"))
}

// typography makes typographic quotes and dashes (a renderer's choice) plain.
var typography = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-")

// elementsOf lists what a reader sees in n: the words of its text and its headings, list
// items, images, links, media, embeds, table cells, code and the markup Markdown cannot
// say (sub, sup, definition lists), each with what identifies it.
func elementsOf(n *html.Node) []element {
	var out []element
	add := func(kind, key string) {
		if key != "" {
			out = append(out, element{kind, key})
		}
	}
	for _, w := range strings.Fields(textOf(n)) {
		if strings.HasPrefix(w, "http://") || strings.HasPrefix(w, "https://") {
			add("embed", embedKey(w)) // a bare URL on its line: an oEmbed
			continue
		}
		add("text", typography.Replace(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })))
	}
	var walk func(n *html.Node, inPre bool)
	walk = func(n *html.Node, inPre bool) {
		if n.Type == html.ElementNode {
			if isChrome(n) {
				return
			}
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				add("heading", norm(textOf(n)))
			case atom.Li:
				add("item", ownText(n))
			case atom.Img:
				if src := attr(n, "src"); src != "" {
					add("image", fileName(src))
				}
			case atom.A:
				href := strings.TrimSpace(attr(n, "href"))
				if strings.HasPrefix(href, "#") {
					href = "#" // an in-page link (a footnote's): its target's name is the renderer's (see brokenAnchors)
				}
				add("link", href)
			case atom.Video, atom.Audio, atom.Source:
				if src := attr(n, "src"); src != "" {
					add("media", fileName(src))
				}
			case atom.Iframe:
				if k := embedKey(attr(n, "src")); k != "" {
					add("embed", k)
				} else {
					add("embed", attr(n, "src"))
				}
			case atom.Td, atom.Th:
				add("cell", norm(textOf(n)))
			case atom.Pre:
				add("code", codeLines(n))
				inPre = true
			case atom.Code:
				if !inPre {
					add("code", norm(textOf(n)))
				}
			case atom.Sub, atom.Sup, atom.Dt, atom.Dd:
				add("markup", n.Data+": "+norm(textOf(n)))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inPre)
		}
	}
	walk(n, false)
	return out
}

// haystack is every attribute value in n (addresses above all), where an embed's key is
// looked for: an embed may come over as a link, a player or a click-to-load card, but
// not as plain unlinked text.
func haystack(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			b.WriteString(a.Val + "\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// lost is what of want is not in got (as many times as it is missing), by kind; an
// embed counts as there when its key is in one of the page's addresses (haystack).
func lost(want, got []element, hay string) map[string][]string {
	have := map[element]int{}
	for _, e := range got {
		have[e]++
	}
	out := map[string][]string{}
	for _, e := range want {
		switch {
		case have[e] > 0:
			have[e]--
		case e.kind == "embed" && strings.Contains(hay, e.key):
		default:
			out[e.kind] = append(out[e.kind], e.key)
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// brokenAnchors are the in-page links of n whose target is not in n.
func brokenAnchors(n *html.Node) []string {
	ids := map[string]bool{}
	var hrefs []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if id := attr(n, "id"); id != "" {
			ids[id] = true
		}
		if href := attr(n, "href"); n.DataAtom == atom.A && strings.HasPrefix(href, "#") {
			hrefs = append(hrefs, href)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	var out []string
	for _, h := range hrefs {
		if !ids[strings.TrimPrefix(h, "#")] {
			out = append(out, h)
		}
	}
	return out
}

// headline is the text of the story's <h1> on its page.
func headline(page string) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return ""
	}
	var find func(n *html.Node, inStory bool) string
	find = func(n *html.Node, inStory bool) string {
		if n.DataAtom == atom.Article && strings.Contains(" "+attr(n, "class")+" ", " story ") {
			inStory = true
		}
		if inStory && n.DataAtom == atom.H1 {
			return norm(textOf(n))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if h := find(c, inStory); h != "" {
				return h
			}
		}
		return ""
	}
	return find(doc, false)
}

// parseFragment parses a body's HTML as the content of a <div>.
func parseFragment(s string) (*html.Node, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	return ctx, nil
}

// articleBody finds the imported story's body on its public page: <div class="body">
// inside <article class="story">.
func articleBody(page string) (*html.Node, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, err
	}
	var find func(n *html.Node, inStory bool) *html.Node
	find = func(n *html.Node, inStory bool) *html.Node {
		classes := " " + attr(n, "class") + " "
		if n.DataAtom == atom.Article && strings.Contains(classes, " story ") {
			inStory = true
		}
		if inStory && n.DataAtom == atom.Div && strings.Contains(classes, " body ") {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f := find(c, inStory); f != nil {
				return f
			}
		}
		return nil
	}
	if b := find(doc, false); b != nil {
		return b, nil
	}
	return nil, errors.New("no <article class=\"story\"> with a <div class=\"body\"> on the page")
}

// renderHTML writes n back as HTML (for the checks on the page's markup).
func renderHTML(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&b, c)
	}
	return b.String()
}
