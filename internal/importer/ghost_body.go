package importer

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"time"
)

// Ghost bodies and times: Mobiledoc and Lexical documents rendered as HTML (then turned
// into Markdown like WordPress bodies), and Ghost's times in the WordPress form.

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

type lexNode struct {
	Type     string         `json:"type"`
	Tag      string         `json:"tag"`
	ListType string         `json:"listType"`
	Text     string         `json:"text"`
	Format   any            `json:"format"`
	URL      string         `json:"url"`
	Children []lexNode      `json:"children"`
	card     map[string]any // a card's fields (ghost_cards.go)
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
			// Lexical's subscript (32), superscript (64), highlight (128) and underline (8).
			for _, f := range []struct {
				bit int
				tag string
			}{{32, "sub"}, {64, "sup"}, {128, "mark"}, {8, "u"}} {
				if format&f.bit != 0 {
					t = "<" + f.tag + ">" + t + "</" + f.tag + ">"
				}
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
		default:
			if n.card != nil {
				b.WriteString(cardHTML(n.Type, n.card) + "\n")
				return
			}
			kids(n)
		}
	}
	render(doc.Root)
	return b.String(), nil
}
