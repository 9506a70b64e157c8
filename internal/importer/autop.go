package importer

import (
	"regexp"
	"strconv"
	"strings"
)

// WordPress stores a classic-editor post with its paragraphs as blank lines and its line
// breaks as single newlines; the theme shows it through wpautop. autop makes the same HTML
// from the same rules (written from how wpautop behaves, not from its code):
//   - block elements (headings, lists and their items, tables and their cells, quotes, pre,
//     dl, figure, hr, div, section…) stand apart: never inside a paragraph, never given a <br>;
//   - text between them is cut into paragraphs at blank lines, and a single newline inside a
//     paragraph is a <br>; two <br> in a row are a paragraph break;
//   - text directly inside a block that was opened in the same stretch (<li>text, <td>text)
//     is not wrapped in a paragraph, except in a blockquote, whose text becomes a paragraph;
//   - newlines inside a tag are spaces; what is inside <pre> (and script, style, svg, video,
//     audio, object, textarea, select) is left exactly as it is.
// A body with blocks (<!-- wp:… -->) is the block editor's, which WordPress shows as it is.

// autopBlockNames are the elements wpautop treats as blocks.
const autopBlockNames = `table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|` +
	`blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|` +
	`figcaption|details|menu|summary`

var (
	autopOpen    = regexp.MustCompile(`(?i)<(?:` + autopBlockNames + `)[\s/>]`)
	autopClose   = regexp.MustCompile(`(?i)</(?:` + autopBlockNames + `)>`)
	autopLead    = regexp.MustCompile(`(?i)^</?(?:` + autopBlockNames + `)(?:[\s/][^>]*)?>`)
	autopTrail   = regexp.MustCompile(`(?i)</?(?:` + autopBlockNames + `)(?:[\s/][^>]*)?>$`)
	autopTag     = regexp.MustCompile(`(?s)<!--.*?-->|<[^>]*>`)
	autopBrBr    = regexp.MustCompile(`(?i)<br\s*/?>\s*<br\s*/?>`)
	autopSplit   = regexp.MustCompile(`\n[ \t]*\n`)
	autopProtect = regexp.MustCompile(`(?i)<(pre|script|style|svg|video|audio|object|textarea|select)[\s>]`)
	// autopBlockPlaceholder matches a chunk that is only the placeholder of a <pre>.
	autopBlockPlaceholder = regexp.MustCompile(`^<!--autop:[0-9]+:pre-->$`)
)

// autop makes paragraphs and line breaks of a classic-editor body as WordPress shows it.
func autop(body string) string {
	if strings.TrimSpace(body) == "" {
		return ""
	}
	if strings.Contains(body, "<!-- wp:") {
		return body // the block editor's markup is final
	}
	body, kept := autopProtectElements(body)
	// Newlines inside tags are spaces (a tag written over several lines).
	body = autopTag.ReplaceAllStringFunc(body, func(t string) string { return strings.ReplaceAll(t, "\n", " ") })
	body = autopBrBr.ReplaceAllString(body, "\n\n")
	body = autopOpen.ReplaceAllStringFunc(body, func(t string) string { return "\n\n" + t })
	body = autopClose.ReplaceAllStringFunc(body, func(t string) string { return t + "\n\n" })

	var b strings.Builder
	for _, chunk := range autopSplit.Split(body, -1) {
		chunk = strings.TrimSpace(chunk)
		if chunk == "" {
			continue
		}
		if autopBlockPlaceholder.MatchString(chunk) { // a <pre>, as it was
			b.WriteString(chunk + "\n")
			continue
		}
		lead := autopLead.FindString(chunk)
		rest := chunk[len(lead):]
		trail := ""
		if rest != "" {
			trail = autopTrail.FindString(rest)
		}
		middle := strings.TrimSpace(rest[:len(rest)-len(trail)])
		if middle != "" {
			middle = autopBreaks(middle)
			switch {
			case lead == "":
				middle = "<p>" + middle + "</p>"
			case strings.HasPrefix(strings.ToLower(lead), "<blockquote"):
				middle = "<p>" + middle + "</p>"
			}
		}
		b.WriteString(lead + middle + trail + "\n")
	}
	out := b.String()
	for i, k := range kept {
		out = strings.Replace(out, autopPlaceholder(i, k), k, 1)
	}
	return out
}

// autopBreaks turns each newline of a paragraph's text into a <br> (one already there is kept).
func autopBreaks(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	// By hand rather than with a regular expression: this runs on every paragraph of every
	// classic post, and splitting on [ \t]*\n[ \t]* cost an eighth of a large import.
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s) + 5*len(lines))
	last := len(lines) - 1
	for i, l := range lines {
		if i > 0 {
			l = strings.TrimLeft(l, " \t")
		}
		if i < last {
			l = strings.TrimRight(l, " \t")
		}
		b.WriteString(l)
		if i < last {
			if !endsWithBr(l) {
				b.WriteString("<br>")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// endsWithBr reports whether l ends with a <br> tag (<br>, <br/>, <br />, any case).
func endsWithBr(l string) bool {
	t, ok := strings.CutSuffix(l, ">")
	if !ok {
		return false
	}
	t = strings.TrimRight(strings.TrimSuffix(t, "/"), " \t\n\f\r")
	return len(t) >= 3 && strings.EqualFold(t[len(t)-3:], "<br")
}

// autopProtectElements replaces the elements whose content autop must not touch with
// placeholders (a block one for <pre>, an inline one for the others) and returns them.
func autopProtectElements(body string) (string, []string) {
	var kept []string
	var b strings.Builder
	for {
		loc := autopProtect.FindStringSubmatchIndex(body)
		if loc == nil {
			b.WriteString(body)
			return b.String(), kept
		}
		name := strings.ToLower(body[loc[2]:loc[3]])
		closing := "</" + name + ">"
		end := indexFold(body[loc[1]:], closing)
		if end < 0 { // never closed: the rest of the body is its content
			end = len(body) - loc[1]
		} else {
			end += len(closing)
		}
		b.WriteString(body[:loc[0]])
		el := body[loc[0] : loc[1]+end]
		if name == "pre" { // a block of its own
			b.WriteString("\n\n" + autopPlaceholder(len(kept), el) + "\n\n")
		} else {
			b.WriteString(autopPlaceholder(len(kept), el))
		}
		kept = append(kept, el)
		body = body[loc[1]+end:]
	}
}

// autopPlaceholder is what stands for the i-th protected element el while autop runs: a
// comment, which no rule touches, marked :pre for a <pre> (a block of its own).
func autopPlaceholder(i int, el string) string {
	if len(el) > 4 && strings.EqualFold(el[:4], "<pre") {
		return "<!--autop:" + strconv.Itoa(i) + ":pre-->"
	}
	return "<!--autop:" + strconv.Itoa(i) + "-->"
}

// indexFold is the index of the ASCII string sub in s, ignoring ASCII case, or -1. Unlike
// strings.ToLower, it keeps every byte where it was (lower-casing İ changes its length).
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
