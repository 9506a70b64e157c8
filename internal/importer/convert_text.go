package importer

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Text helpers of the Markdown conversion: escaping, white space, link destinations.

// wrap puts marks around s, keeping its outer spaces outside (Markdown needs that).
func wrap(s, mark string) string {
	t := strings.TrimSpace(s)
	if t == "" {
		return s
	}
	lead := s[:len(s)-len(strings.TrimLeft(s, " "))]
	trail := s[len(strings.TrimRight(s, " ")):]
	return lead + mark + t + mark + trail
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
		}
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

// collapse turns runs of white space into one space, as HTML shows them.
func collapse(s string) string {
	i := 0
	for i < len(s) && !(isSpace(s[i]) && (s[i] != ' ' || i+1 < len(s) && isSpace(s[i+1]))) {
		i++
	}
	if i == len(s) {
		return s // nothing to change (the common case: text with single spaces)
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for i < len(s) {
		if !isSpace(s[i]) {
			b = append(b, s[i])
			i++
			continue
		}
		b = append(b, ' ')
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	return string(b)
}

// isSpace reports whether c is HTML white space.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", "&lt;", "~", `\~`)

var listLike = regexp.MustCompile(`^(\d+)([.)])(\s)`)

// escapeText escapes what Markdown would read as markup in a piece of text.
func escapeText(s string) string {
	s = mdEscaper.Replace(s)
	if s != "" {
		switch s[0] {
		case '#', '>', '-', '+', '=', '|':
			s = `\` + s
		}
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return s // only text that starts with a digit can look like a list item
	}
	return listLike.ReplaceAllString(s, `$1\$2$3`)
}

// linkDest writes a URL as a Markdown link destination.
func linkDest(u string) string {
	u = strings.TrimSpace(u)
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

func prefixLines(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = strings.TrimRight(prefix, " ")
		} else {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i)) // #nosec G115 -- i is 0–9 here
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
