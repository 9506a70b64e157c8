package importer

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Embeds: the wp:embed block, [embed], a paragraph line that is only the address of a known
// oEmbed provider, a provider's player, Ghost's embed and bookmark cards. Each becomes a link
// card (<figure class="nd-embed">), never the provider's script or iframe: see
// docs/import.md, "Why a link card".

// urlLine matches a text that is nothing but an address.
var urlLine = regexp.MustCompile(`^https?://[^\s<>"]+$`)

// embedProvider names the oEmbed provider of the address u, if it is one WordPress embeds.
func embedProvider(u string) (string, bool) {
	if !hasHTTPScheme(u) || strings.ContainsAny(u, " \t\n") { // most text is not an address: no parse
		return "", false
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", false
	}
	host := strings.ToLower(p.Hostname())
	for _, prefix := range []string{"www.", "m.", "mobile.", "open.", "player.", "music."} {
		host = strings.TrimPrefix(host, prefix)
	}
	switch host {
	case "youtube.com", "youtu.be", "youtube-nocookie.com":
		return "YouTube", true
	case "vimeo.com":
		return "Vimeo", true
	case "twitter.com", "x.com":
		return "X", true
	case "instagram.com", "instagr.am":
		return "Instagram", true
	case "facebook.com", "fb.watch":
		return "Facebook", true
	case "tiktok.com":
		return "TikTok", true
	case "soundcloud.com":
		return "SoundCloud", true
	case "spotify.com":
		return "Spotify", true
	}
	return "", false
}

// providerName names the site of u for a card: the oEmbed provider, Telegram (which the
// story editor's cards name too, though WordPress does not embed it), else its host. The
// story editor (web/editor/src/schema.js, cardName) names its cards by the same rule, so
// a card converts back to itself.
func providerName(u string) string {
	if name, ok := embedProvider(u); ok {
		return name
	}
	if p, err := url.Parse(u); err == nil && p.Hostname() != "" {
		host := strings.ToLower(p.Hostname())
		if host == "t.me" || host == "telegram.me" || host == "www.t.me" || host == "www.telegram.me" {
			return "Telegram"
		}
		return strings.TrimPrefix(host, "www.")
	}
	return "Link"
}

// embedCardHTML is the link card of an embed: "<provider>: <title or address>", with a
// caption (HTML) if there is one.
func embedCardHTML(u, title, captionHTML string) string {
	u = safeURL(u)
	if u == "" {
		return ""
	}
	text := strings.TrimSpace(title)
	if text == "" {
		text = u
	}
	s := `<figure class="nd-embed"><a href="` + html.EscapeString(u) + `">` + html.EscapeString(providerName(u)+": "+text) + `</a>`
	if captionHTML != "" {
		s += "<figcaption>" + captionHTML + "</figcaption>"
	}
	return s + "</figure>"
}

// hasHTTPScheme reports whether u starts with http:// or https://, in any case.
func hasHTTPScheme(u string) bool {
	return len(u) >= 7 && strings.EqualFold(u[:7], "http://") || len(u) >= 8 && strings.EqualFold(u[:8], "https://")
}

// lineURL is the address a line of a paragraph (its nodes between line breaks) is made of,
// if it is a known oEmbed provider's: bare text, or a link to itself. Else "".
func lineURL(line []*html.Node) string {
	var only *html.Node
	for _, x := range line {
		if x.Type == html.TextNode && strings.TrimSpace(x.Data) == "" || x.Type == html.CommentNode {
			continue
		}
		if only != nil {
			return ""
		}
		only = x
	}
	u := ""
	switch {
	case only == nil:
		return ""
	case only.Type == html.TextNode:
		u = strings.TrimSpace(only.Data)
	case isElement(only, atom.A) && strings.TrimSpace(textOf(only)) == strings.TrimSpace(attr(only, "href")):
		u = strings.TrimSpace(attr(only, "href"))
	}
	if _, ok := embedProvider(u); !ok || strings.ContainsAny(u, " \t\n") {
		return ""
	}
	return u
}

// embedLines writes a paragraph with embed lines: a card for each, and the lines between
// them as paragraphs.
func (m *mdWriter) embedLines(n *html.Node) {
	var seg, line []*html.Node
	flush := func() {
		var b strings.Builder
		for _, x := range seg {
			b.WriteString(m.inlineNode(x))
		}
		if t := strings.TrimSuffix(strings.TrimSpace(b.String()), "\\"); strings.TrimSpace(t) != "" {
			m.b.WriteString(strings.TrimSpace(t) + "\n\n")
		}
		seg = seg[:0]
	}
	for ch := n.FirstChild; ; ch = ch.NextSibling {
		if ch == nil || isElement(ch, atom.Br) {
			if u := lineURL(line); u != "" {
				flush()
				m.rawBlock(embedCardHTML(u, "", ""))
			} else {
				seg = append(seg, line...)
				if ch != nil && len(seg) > 0 {
					seg = append(seg, ch)
				}
			}
			line = nil
			if ch == nil {
				break
			}
			continue
		}
		line = append(line, ch)
	}
	flush()
}

// embedFigure writes an embed block (wp:embed, Ghost's embed and bookmark cards, ours) as a
// link card; false if it has no address.
func (m *mdWriter) embedFigure(n *html.Node) bool {
	u, title := "", ""
	if a := find(n, func(x *html.Node) bool { return isElement(x, atom.A) && attr(x, "href") != "" }); a != nil {
		u = attr(a, "href")
		if t := strings.TrimSpace(collapse(textOf(a))); t != u {
			title = t
			if name := providerName(u) + ": "; strings.HasPrefix(title, name) {
				title = strings.TrimPrefix(title, name) // a card of ours, converted again
			}
		}
	}
	if u == "" {
		find(n, func(x *html.Node) bool {
			if t := strings.TrimSpace(x.Data); x.Type == html.TextNode && urlLine.MatchString(t) {
				u = t
			}
			return u != ""
		})
	}
	if u == "" {
		if f := find(n, func(x *html.Node) bool { return isElement(x, atom.Iframe) }); f != nil {
			u = iframePage(attr(f, "src"))
		}
	}
	if u == "" {
		u = blockAttr(n, "url")
	}
	if u == "" {
		return false
	}
	caption := ""
	if c := childCaption(n); c != nil {
		caption = m.captionHTML(c)
	}
	m.rawBlock(embedCardHTML(u, title, caption))
	return true
}

// blockAttr reads key from the attributes of the block-editor comment before n
// (<!-- wp:embed {"url":"…"} -->).
func blockAttr(n *html.Node, key string) string {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.TextNode && strings.TrimSpace(p.Data) == "" {
			continue
		}
		if p.Type != html.CommentNode {
			return ""
		}
		_, js, ok := strings.Cut(p.Data, "{")
		if !ok {
			return ""
		}
		var attrs map[string]any
		if json.Unmarshal([]byte("{"+strings.TrimSpace(js)), &attrs) != nil {
			return ""
		}
		v, _ := attrs[key].(string)
		return v
	}
	return ""
}

// iframePage is the page of a known provider's player (a YouTube or Vimeo iframe), or "".
func iframePage(src string) string {
	src = strings.TrimSpace(src)
	if strings.HasPrefix(src, "//") {
		src = "https:" + src
	}
	if _, ok := embedProvider(src); !ok {
		return ""
	}
	p, _ := url.Parse(src) // embedProvider parsed it
	switch host := strings.TrimPrefix(p.Hostname(), "www."); {
	case strings.HasSuffix(host, "youtube.com") || host == "youtube-nocookie.com":
		if id, ok := strings.CutPrefix(p.Path, "/embed/"); ok && id != "" {
			return "https://www.youtube.com/watch?v=" + url.QueryEscape(id)
		}
	case host == "player.vimeo.com":
		if id, ok := strings.CutPrefix(p.Path, "/video/"); ok && id != "" {
			return "https://vimeo.com/" + url.PathEscape(id)
		}
	}
	return src
}
