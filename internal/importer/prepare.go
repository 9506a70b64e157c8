package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"html"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
)

// prepared is what can be worked out of a post ahead of its import, from the post alone:
// its body converted to Markdown and rendered, its standfirst, its old URLs and its
// comments' texts. The workers of the pipeline prepare posts while the writing goroutine
// stores the posts before them, so that the writer, the bottleneck, does only what needs
// the database or what was imported before.
type prepared struct {
	md   string
	html string
	err  error
	conv *Converted // nil when the Markdown came with the post (Newsdesk's exports)
	// standfirst is the excerpt as one line of text (used unless the post carries its own).
	standfirst string
	legacy     []string          // the old URLs to keep, taken from another post if need be (legacyKeys)
	weak       []string          // the old URLs to keep unless another post has them (legacyKeys)
	comments   []preparedComment // one for each of p.Comments
}

// preparedComment is a comment's text as a review keeps it, and the hash of that text.
type preparedComment struct {
	text, hash string
}

// prepare works out p.prep. It touches nothing but p, so workers run it in parallel.
func prepare(p *Post, format string, md *content.Renderer) {
	pr := &prepared{}
	ours := p.MetaValue("_newsdesk_language") != ""
	if v := p.MetaValue("_newsdesk_markdown"); v != "" || ours {
		pr.md = v
	} else {
		var conv Converted
		if format == "ghost" {
			conv = ConvertHTML(p.Content)
		} else {
			body, notes := wordpressFootnotes(p.Content, p.MetaValue("footnotes"))
			conv = ConvertWordPress(body)
			if !notes {
				conv.Dropped = append(conv.Dropped, "the footnotes block (its notes are not in the export)")
			}
		}
		pr.conv, pr.md = &conv, conv.Markdown
	}
	if p.Type == "post" || p.Type == "" { // a page is rendered, and its old URLs found, when imported (sink_page.go)
		pr.html, pr.err = md.Render(pr.md)
		if !ours && p.MetaValue("_newsdesk_standfirst") == "" {
			pr.standfirst = plainText(p.Excerpt)
		}
		pr.legacy, pr.weak = legacyKeys(p, format)
	}
	pr.comments = make([]preparedComment, len(p.Comments))
	for i, c := range p.Comments {
		text := c.Text
		if c.Meta["_newsdesk_status"] == "" {
			text = strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(strings.ReplaceAll(c.Text, "\r\n", "\n"), "")))
		}
		sum := sha256.Sum256([]byte(text))
		pr.comments[i] = preparedComment{text: text, hash: hex.EncodeToString(sum[:])}
	}
	p.prep = pr
}
