package importer

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Ghost's cards (Mobiledoc's and Lexical's, which carry the same fields) rendered as the HTML
// the body conversion reads: media as the figures of convert_media.go, embeds and bookmarks
// as link cards, and a card that cannot come over as an element that names it for the
// report (droppedTag).

// ghostCards are the Lexical node types that are cards (their fields kept whole: lexNode.card).
var ghostCards = map[string]bool{"image": true, "markdown": true, "html": true, "horizontalrule": true, "codeblock": true,
	"gallery": true, "video": true, "audio": true, "file": true, "embed": true, "bookmark": true, "callout": true,
	"toggle": true, "button": true, "header": true, "product": true, "signup": true, "paywall": true, "email": true,
	"email-cta": true, "call-to-action": true}

// UnmarshalJSON reads a Lexical node, and the whole of a card's fields into card.
func (n *lexNode) UnmarshalJSON(b []byte) error {
	type plain lexNode // without this method
	if err := json.Unmarshal(b, (*plain)(n)); err != nil {
		return err
	}
	if !ghostCards[n.Type] {
		return nil
	}
	return json.Unmarshal(b, &n.card)
}

// attrHTML is ` name="value"` (escaped), or "" when value is empty.
func attrHTML(name, value string) string {
	if value == "" {
		return ""
	}
	return " " + name + `="` + html.EscapeString(value) + `"`
}

// num is a card's number field as text ("" if it has none).
func num(p map[string]any, k string) string {
	if v, ok := p[k].(float64); ok && v > 0 {
		return strconv.Itoa(int(v))
	}
	return ""
}

// captionOf is a card's caption (HTML) in a figcaption, or "".
func captionOf(caption string) string {
	if strings.TrimSpace(caption) == "" {
		return ""
	}
	return "<figcaption>" + caption + "</figcaption>"
}

// dropped names a card that cannot come over, for the report.
func dropped(what string) string {
	return "<" + droppedTag + ` data-what="` + html.EscapeString(what) + `"></` + droppedTag + ">"
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
		alt := str(p, "alt")
		if alt == "" {
			alt = str(p, "altText") // Lexical's
		}
		img := "<img" + attrHTML("src", str(p, "src")) + ` alt="` + html.EscapeString(alt) + `"` + attrHTML("title", str(p, "title")) + ">"
		if href := safeURL(str(p, "href")); href != "" {
			img = `<a href="` + html.EscapeString(href) + `">` + img + "</a>"
		}
		return "<figure>" + img + captionOf(str(p, "caption")) + "</figure>"
	case "hr", "horizontalrule":
		return "<hr>"
	case "code", "codeblock":
		class := ""
		if l := str(p, "language"); l != "" {
			class = attrHTML("class", "language-"+l) // codeLanguage keeps it only if it is a plain name
		}
		return "<figure><pre><code" + class + ">" + html.EscapeString(str(p, "code")) + "</code></pre>" + captionOf(str(p, "caption")) + "</figure>"
	case "gallery":
		var b strings.Builder
		b.WriteString(`<figure class="nd-gallery">`)
		images, _ := p["images"].([]any)
		for _, x := range images {
			im, _ := x.(map[string]any)
			b.WriteString(cardHTML("image", im))
		}
		b.WriteString(captionOf(str(p, "caption")) + "</figure>")
		return b.String()
	case "video":
		poster := str(p, "customThumbnailSrc")
		if poster == "" {
			poster = str(p, "thumbnailSrc")
		}
		return `<figure class="nd-video"><video controls` + attrHTML("src", str(p, "src")) + attrHTML("poster", poster) +
			attrHTML("width", num(p, "width")) + attrHTML("height", num(p, "height")) + "></video>" + captionOf(str(p, "caption")) + "</figure>"
	case "audio":
		return `<figure class="nd-audio"><audio controls` + attrHTML("src", str(p, "src")) + "></audio>" +
			captionOf(html.EscapeString(str(p, "title"))) + "</figure>"
	case "file":
		text := str(p, "fileTitle")
		if text == "" {
			text = str(p, "fileName")
		}
		s := `<div class="nd-file"><a` + attrHTML("href", str(p, "src")) + ">" + html.EscapeString(text) + "</a></div>"
		if c := str(p, "fileCaption"); c != "" {
			s += "<p>" + html.EscapeString(c) + "</p>"
		}
		if str(p, "fileTitle") != "" && str(p, "fileName") != "" || str(p, "fileSize") != "" || num(p, "fileSize") != "" {
			s += dropped("the file card's file name and size (its link is kept)")
		}
		return s
	case "embed", "bookmark":
		return embedCard(name, p)
	case "callout":
		return "<blockquote><p>" + html.EscapeString(str(p, "calloutEmoji")) + " " + str(p, "calloutText") + "</p></blockquote>"
	case "toggle":
		return "<h4>" + str(p, "heading") + "</h4>" + str(p, "content")
	case "button":
		return "<p><a" + attrHTML("href", str(p, "buttonUrl")) + ">" + html.EscapeString(str(p, "buttonText")) + "</a></p>"
	case "header":
		s := "<h2>" + str(p, "header") + str(p, "heading") + "</h2>"
		if sub := str(p, "subheader") + str(p, "subheading"); sub != "" {
			s += "<p>" + sub + "</p>"
		}
		if str(p, "buttonUrl") != "" && str(p, "buttonText") != "" {
			s += cardHTML("button", p)
		}
		return s
	case "product":
		s := ""
		if src := str(p, "productImageSrc"); src != "" {
			s += `<p><img src="` + html.EscapeString(src) + `" alt=""></p>`
		}
		s += "<h4>" + str(p, "productTitle") + "</h4>" + str(p, "productDescription")
		if str(p, "productUrl") != "" {
			s += cardHTML("button", map[string]any{"buttonUrl": p["productUrl"], "buttonText": p["productButton"]})
		}
		return s
	case "paywall", "email", "email-cta":
		// The members-only boundary (ghost_access.go), and what Ghost puts only in emails.
		return ""
	case "signup":
		return dropped("Ghost signup card (a subscription form)")
	}
	return dropped("Ghost " + name + " card")
}

// embedCard renders Ghost's embed and bookmark cards as a link card: the address, the
// page's title, and the caption (or the bookmark's description). An embed with only its
// HTML (no address) keeps that HTML, for the conversion to take what it can and report
// the rest.
func embedCard(name string, p map[string]any) string {
	u := str(p, "url")
	meta, _ := p["metadata"].(map[string]any)
	if u == "" {
		if h := str(p, "html"); h != "" && name == "embed" {
			return h
		}
		return dropped("Ghost " + name + " card without an address")
	}
	caption := str(p, "caption")
	if d := str(meta, "description"); d != "" && name == "bookmark" {
		if caption != "" {
			caption += " — "
		}
		caption += html.EscapeString(d)
	}
	s := embedCardHTML(u, str(meta, "title"), caption)
	if name == "bookmark" && str(meta, "thumbnail") != "" {
		s += dropped("the bookmark card's thumbnail image")
	}
	if name == "bookmark" && (str(meta, "publisher") != "" || str(meta, "author") != "") {
		s += dropped("the bookmark card's publisher and author")
	}
	if name == "embed" && str(p, "html") != "" {
		s += dropped("the embed's own HTML (the provider's post, its text, author and date; a link card is kept)")
	}
	return s
}
