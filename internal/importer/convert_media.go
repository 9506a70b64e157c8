package importer

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Media in post bodies — galleries, video, audio, files, embeds and bare oEmbed URLs — which
// Markdown cannot say: written as HTML blocks in the Markdown (a blank line before and
// after, all on one line), which content.Renderer keeps and sanitises. Embeds become a link
// card, never a third-party script or iframe (docs/import.md says why).

// attachmentScheme marks, in a converted body, an image given by its WordPress attachment
// id ([gallery ids=…]); the import replaces it with the attachment's address (media.go).
const attachmentScheme = "wp-attachment:"

// droppedTag is an element the Ghost card renderer leaves for a card it cannot carry; the
// conversion lists its data-what in Converted.Dropped (and so in the report).
const droppedTag = "nd-dropped"

// safeURL returns u if it is an address a body may link to (http, https, mailto, relative,
// or an attachment id), else "".
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	scheme, _, found := strings.Cut(u, ":")
	if !found || strings.ContainsAny(scheme, "/?#") {
		return u // relative
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "mailto", strings.TrimSuffix(attachmentScheme, ":"):
		return u
	}
	return ""
}

// mediaShortcode expands [audio], [video], [embed], [gallery] and WordPress.com's embed
// shortcodes ([youtube URL] …); known is false when it cannot ([gallery] without ids: the
// images attached to the post are not known here; an [audio] without an address).
func mediaShortcode(name string, attrs map[string]string, inner string) (string, bool) {
	switch name {
	case "embed":
		card := embedCardHTML(strings.TrimSpace(inner), "", "")
		return card, card != ""
	case "audio", "video":
		var srcs []string
		for _, k := range []string{"src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mp3", "m4a", "ogg", "oga", "wav", "wma", "flac"} {
			if v := safeURL(attrs[k]); v != "" {
				srcs = append(srcs, v)
			}
		}
		for _, u := range []string{attrs[""], inner} { // [audio URL], [audio]URL[/audio]
			if u = safeURL(strings.TrimSpace(u)); len(srcs) == 0 && urlLine.MatchString(u) {
				srcs = append(srcs, u)
			}
		}
		if len(srcs) == 0 {
			return "", false // kept as text, and reported
		}
		s := "<figure class=\"nd-" + name + "\"><" + name + ` controls preload="metadata"`
		if p := safeURL(attrs["poster"]); p != "" && name == "video" {
			s += ` poster="` + html.EscapeString(p) + `"`
		}
		for _, k := range []string{"width", "height"} {
			if v := attrs[k]; v != "" && name == "video" && strings.Trim(v, "0123456789") == "" {
				s += " " + k + `="` + v + `"`
			}
		}
		if len(srcs) == 1 {
			s += ` src="` + html.EscapeString(srcs[0]) + `">`
		} else {
			s += ">"
			for _, u := range srcs {
				s += `<source src="` + html.EscapeString(u) + `">`
			}
		}
		return s + "</" + name + "></figure>", true
	case "youtube", "vimeo", "tweet", "twitter", "instagram", "soundcloud", "spotify", "tiktok", "facebook":
		// WordPress.com's: [youtube URL], [vimeo 123], [tweet URL], [soundcloud url="…"] …
		u := strings.TrimSpace(attrs[""])
		if v := attrs["url"]; v != "" {
			u = v
		}
		if name == "vimeo" && u != "" && strings.Trim(u, "0123456789") == "" {
			u = "https://vimeo.com/" + u
		}
		if !urlLine.MatchString(u) {
			return "", false
		}
		return embedCardHTML(u, "", ""), true
	case "gallery":
		ids := attrs["ids"]
		if ids == "" {
			ids = attrs["include"]
		}
		var s strings.Builder
		for _, id := range strings.Split(ids, ",") {
			if id = strings.TrimSpace(id); id != "" && strings.Trim(id, "0123456789") == "" {
				s.WriteString(`<figure><img src="` + attachmentScheme + id + `" alt=""></figure>`)
			}
		}
		if s.Len() == 0 {
			return "", false
		}
		return `<figure class="nd-gallery">` + s.String() + "</figure>", true
	}
	return "", false
}

// hasClass reports whether n's class attribute has a class starting with prefix.
func hasClass(n *html.Node, prefix string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

func isElement(n *html.Node, a atom.Atom) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom == a
}

// isMediaBlock reports whether n is a media element shown as a block of its own.
func isMediaBlock(n *html.Node) bool {
	return isElement(n, atom.Video) || isElement(n, atom.Audio)
}

// find returns the first descendant of n for which ok holds (depth first), or nil.
func find(n *html.Node, ok func(*html.Node) bool) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ok(ch) {
			return ch
		}
		if f := find(ch, ok); f != nil {
			return f
		}
	}
	return nil
}

// childCaption is n's own caption: a figcaption child (not one of a nested figure).
func childCaption(n *html.Node) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if isElement(ch, atom.Figcaption) {
			return ch
		}
	}
	return nil
}

// isGallery reports whether n is a gallery: the block editor's (wp:gallery, old and new),
// the classic one as WordPress printed it, Ghost's, ours, or any figure of several images.
func isGallery(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Figure, atom.Ul, atom.Div:
		if hasClass(n, "wp-block-gallery") || hasClass(n, "blocks-gallery-grid") || hasClass(n, "kg-gallery-card") ||
			hasClass(n, "nd-gallery") || n.DataAtom == atom.Div && slices.Contains(strings.Fields(attr(n, "class")), "gallery") {
			return true
		}
		if n.DataAtom != atom.Figure {
			return false
		}
		imgs := 0
		find(n, func(x *html.Node) bool {
			if isElement(x, atom.Img) {
				imgs++
			}
			return false
		})
		return imgs > 1
	}
	return false
}

// mediaBlock writes n if it is media Markdown cannot say, and reports whether it did.
func (m *mdWriter) mediaBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch {
	case isGallery(n):
		m.gallery(n)
	case isMediaBlock(n):
		m.rawBlock(m.mediaFigure(n, nil))
	case n.DataAtom == atom.Figure && (hasClass(n, "wp-block-embed") || hasClass(n, "kg-embed-card") ||
		hasClass(n, "kg-bookmark-card") || hasClass(n, "nd-embed")):
		return m.embedFigure(n)
	case n.DataAtom == atom.Figure && find(n, isMediaBlock) != nil && find(n, func(x *html.Node) bool { return isElement(x, atom.Img) }) == nil:
		m.rawBlock(m.mediaFigure(find(n, isMediaBlock), childCaption(n)))
	case n.DataAtom == atom.P:
		return m.mediaParagraph(n)
	case n.DataAtom == atom.Div && (hasClass(n, "wp-block-file") || hasClass(n, "nd-file")):
		m.fileBlock(n)
	case n.DataAtom == atom.Div && (hasClass(n, "wp-block-cover") || hasClass(n, "wp-block-cover-image")):
		if u := backgroundImage(attr(n, "style")); u != "" {
			m.c.Images = append(m.c.Images, u)
			m.b.WriteString("![](" + linkDest(u) + ")\n\n")
		}
		m.children(m, n)
	case n.DataAtom == atom.Iframe:
		u := iframePage(attr(n, "src"))
		if u == "" {
			return false
		}
		m.rawBlock(embedCardHTML(u, "", ""))
	case n.Data == droppedTag:
		m.c.Dropped = append(m.c.Dropped, attr(n, "data-what"))
	case n.DataAtom == atom.Pre && codeLanguage(n) != "":
		sub := m.sub()
		sub.pre(n) // convert_markup.go; then the language after the opening fence
		fenced := sub.b.String()
		fence := len(fenced) - len(strings.TrimLeft(fenced, "`"))
		m.b.WriteString(fenced[:fence] + codeLanguage(n) + fenced[fence:])
	default:
		return false
	}
	return true
}

// mediaInline renders n if it is media inside a line of text; ok is false for anything else.
func (m *mdWriter) mediaInline(n *html.Node) (string, bool) {
	switch {
	case isMediaBlock(n):
		return m.mediaElement(n), true
	case n.Type == html.ElementNode && n.Data == droppedTag:
		m.c.Dropped = append(m.c.Dropped, attr(n, "data-what"))
		return "", true
	}
	return "", false
}

// rawBlock writes an HTML block (one line) of the Markdown.
func (m *mdWriter) rawBlock(s string) {
	if s != "" {
		m.b.WriteString(s + "\n\n")
	}
}

// mediaParagraph writes a paragraph that holds lines made only of the address of a known
// oEmbed provider (each becomes a card, between the paragraphs of the other lines, as
// WordPress's autoembed does) or only video, audio (as figures) and the players of known
// providers (as cards).
func (m *mdWriter) mediaParagraph(n *html.Node) bool {
	var only []*html.Node
	embeds := false
	var line []*html.Node
	for ch := n.FirstChild; ; ch = ch.NextSibling {
		if ch == nil || isElement(ch, atom.Br) {
			embeds = embeds || lineURL(line) != ""
			line = line[:0]
			if ch == nil {
				break
			}
			continue
		}
		line = append(line, ch)
		if ch.Type == html.TextNode && strings.TrimSpace(ch.Data) == "" || ch.Type == html.CommentNode {
			continue
		}
		only = append(only, ch)
	}
	if embeds {
		m.embedLines(n)
		return true
	}
	if len(only) == 0 {
		return false
	}
	for _, x := range only {
		if !isMediaBlock(x) && !(isElement(x, atom.Iframe) && iframePage(attr(x, "src")) != "") {
			return false
		}
	}
	for _, x := range only {
		if isElement(x, atom.Iframe) {
			m.rawBlock(embedCardHTML(iframePage(attr(x, "src")), "", ""))
		} else {
			m.rawBlock(m.mediaFigure(x, nil))
		}
	}
	return true
}

// mediaFigure is a video or audio element as a figure of ours, with its caption.
func (m *mdWriter) mediaFigure(n, caption *html.Node) string {
	s := `<figure class="nd-` + n.Data + `">` + m.mediaElement(n)
	if caption != nil {
		if c := m.captionHTML(caption); c != "" {
			s += "<figcaption>" + c + "</figcaption>"
		}
	}
	return s + "</figure>"
}

// mediaElement is a video or audio element with what the sanitiser keeps of it (its
// sources, poster and size; always with controls, never playing on its own).
func (m *mdWriter) mediaElement(n *html.Node) string {
	s := "<" + n.Data + ` controls preload="metadata"`
	if p := safeURL(attr(n, "poster")); p != "" && n.DataAtom == atom.Video {
		m.c.Images = append(m.c.Images, p)
		s += ` poster="` + html.EscapeString(p) + `"`
	}
	for _, k := range []string{"width", "height"} {
		if v := attr(n, k); v != "" && strings.Trim(v, "0123456789") == "" {
			s += " " + k + `="` + v + `"`
		}
	}
	if src := safeURL(attr(n, "src")); src != "" {
		m.c.Media = append(m.c.Media, src)
		s += ` src="` + html.EscapeString(src) + `">`
	} else {
		s += ">"
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case isElement(ch, atom.Source):
			if src := safeURL(attr(ch, "src")); src != "" {
				m.c.Media = append(m.c.Media, src)
				s += `<source src="` + html.EscapeString(src) + `"`
				if t := attr(ch, "type"); t != "" {
					s += ` type="` + html.EscapeString(t) + `"`
				}
				s += ">"
			}
		case isElement(ch, atom.Track):
			m.c.Dropped = append(m.c.Dropped, "subtitles track of a "+n.Data)
		}
	}
	return s + "</" + n.Data + ">"
}

// gallery writes a gallery as a figure of figures, each image with its link and caption,
// and the gallery's own caption.
func (m *mdWriter) gallery(n *html.Node) {
	var b strings.Builder
	b.WriteString(`<figure class="nd-gallery">`)
	var own *html.Node // the gallery's caption
	var walk func(x, item, link *html.Node)
	walk = func(x, item, link *html.Node) {
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case x == n && isElement(ch, atom.Figcaption) || hasClass(ch, "blocks-gallery-caption"):
				own = ch
			case isElement(ch, atom.Img):
				b.WriteString(m.galleryItem(ch, item, link))
			case isElement(ch, atom.A):
				walk(ch, item, ch)
			case isElement(ch, atom.Figure) || isElement(ch, atom.Li) || isElement(ch, atom.Dl):
				walk(ch, ch, nil)
			case isElement(ch, atom.Figcaption) || isElement(ch, atom.Dd):
				// an image's caption: written with its image
			default:
				walk(ch, item, link)
			}
		}
	}
	walk(n, nil, nil)
	if own != nil {
		if c := m.captionHTML(own); c != "" {
			b.WriteString("<figcaption>" + c + "</figcaption>")
		}
	}
	b.WriteString("</figure>")
	m.rawBlock(b.String())
}

// galleryItem is one image of a gallery as a figure: the image, in its link if it has
// one, with the caption of the item (figure, list item, or dl of the classic gallery).
func (m *mdWriter) galleryItem(img, item, link *html.Node) string {
	src := safeURL(attr(img, "src"))
	if src == "" {
		m.c.Dropped = append(m.c.Dropped, "gallery image without an address")
		return ""
	}
	m.c.Images = append(m.c.Images, src)
	s := `<img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(collapse(attr(img, "alt"))) + `">`
	if link != nil && safeURL(attr(link, "href")) != "" {
		href := safeURL(attr(link, "href"))
		s = `<a href="` + html.EscapeString(href) + `">` + s + "</a>"
	}
	if item != nil {
		if c := find(item, func(x *html.Node) bool {
			return isElement(x, atom.Figcaption) || isElement(x, atom.Dd)
		}); c != nil {
			if t := m.captionHTML(c); t != "" {
				s += "<figcaption>" + t + "</figcaption>"
			}
		}
	}
	return "<figure>" + s + "</figure>"
}

// fileBlock writes a wp:file block as a link to the file.
func (m *mdWriter) fileBlock(n *html.Node) {
	a := find(n, func(x *html.Node) bool { return isElement(x, atom.A) && !hasClass(x, "wp-block-file__button") })
	if a == nil {
		a = find(n, func(x *html.Node) bool { return isElement(x, atom.A) })
	}
	href := ""
	if a != nil {
		href = safeURL(attr(a, "href"))
	}
	if href == "" {
		if o := find(n, func(x *html.Node) bool { return isElement(x, atom.Object) }); o != nil {
			href = safeURL(attr(o, "data"))
		}
	}
	if href == "" {
		m.c.Dropped = append(m.c.Dropped, "file block without a file")
		return
	}
	m.c.Media = append(m.c.Media, href)
	text := ""
	if a != nil {
		text = strings.TrimSpace(m.inline(a))
	}
	if text == "" {
		text = escapeText(href)
	}
	m.b.WriteString("[" + text + "](" + linkDest(href) + ")\n\n")
}

var cssURL = regexp.MustCompile(`background-image\s*:\s*url\(\s*['"]?([^'")]+)['"]?\s*\)`)

// backgroundImage is the address in a style's background-image (old cover blocks), or "".
func backgroundImage(style string) string {
	if m := cssURL.FindStringSubmatch(style); m != nil {
		return safeURL(html.UnescapeString(m[1]))
	}
	return ""
}

// captionHTML renders a caption's content as HTML on one line, keeping the text and the
// inline markup the sanitiser allows (links, emphasis, code, sub and superscript).
func (m *mdWriter) captionHTML(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				b.WriteString(html.EscapeString(collapse(ch.Data)))
				continue
			case html.ElementNode:
			default:
				continue
			}
			switch ch.DataAtom {
			case atom.A:
				if href := safeURL(attr(ch, "href")); href != "" {
					b.WriteString(`<a href="` + html.EscapeString(href) + `">`)
					walk(ch)
					b.WriteString("</a>")
					continue
				}
			case atom.Em, atom.I, atom.Strong, atom.B, atom.Code, atom.Sub, atom.Sup, atom.S, atom.Del, atom.Mark,
				atom.Small, atom.Cite, atom.Q, atom.U:
				b.WriteString("<" + ch.Data + ">")
				walk(ch)
				b.WriteString("</" + ch.Data + ">")
				continue
			case atom.Br:
				b.WriteString("<br>")
				continue
			case atom.Script, atom.Style, atom.Iframe, atom.Form, atom.Noscript:
				m.c.Dropped = append(m.c.Dropped, ch.Data)
				continue
			}
			walk(ch)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// codeLanguage is the language of a preformatted block (class language-x or lang-x on it
// or on its code), or "".
func codeLanguage(pre *html.Node) string {
	for _, n := range []*html.Node{pre, find(pre, func(x *html.Node) bool { return isElement(x, atom.Code) })} {
		if n == nil {
			continue
		}
		for _, c := range strings.Fields(attr(n, "class")) {
			for _, prefix := range []string{"language-", "lang-", "lang:"} {
				if l, ok := strings.CutPrefix(c, prefix); ok && l != "" && strings.Trim(strings.ToLower(l), "abcdefghijklmnopqrstuvwxyz0123456789_+#.-") == "" {
					return l
				}
			}
		}
	}
	return ""
}
