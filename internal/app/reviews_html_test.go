package app_test

import (
	"html"
	"maps"
	"slices"
	"strings"
	"testing"
)

// A small HTML tokenizer for tests, following the tokenization rules of the HTML standard
// that decide what is markup: where a tag starts ("<" and an ASCII letter), how attribute
// names and quoted or unquoted values end, comments, and the raw-text elements (script,
// style, …) whose content is not markup. It errs on the side of finding markup: a browser
// sees no element this tokenizer misses. The standard library has no HTML parser, and the
// project keeps its dependencies few (docs/decisions.md).

type tokenKind int

const (
	textToken tokenKind = iota
	startTag
	endTag
	commentToken
)

type htmlAttr struct{ name, value string }

type htmlToken struct {
	kind  tokenKind
	name  string // lower-case tag name
	attrs []htmlAttr
	text  string // decoded text, or a comment's content
}

func (t htmlToken) attr(name string) (string, bool) {
	for _, a := range t.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

func (t htmlToken) is(name, class string) bool {
	if t.kind != startTag || t.name != name {
		return false
	}
	c, _ := t.attr("class")
	return class == "" || c == class
}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}

// rawText elements end only at their own end tag; rcdata ones decode entities.
var rawText = map[string]bool{"script": true, "style": true, "xmp": true, "iframe": true, "noembed": true,
	"noframes": true, "noscript": true, "textarea": true, "title": true, "plaintext": true}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func isASCIIAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// tokenizeHTML splits a document into tokens. A tag cut off by the end of the input is
// dropped, as browsers drop it.
func tokenizeHTML(s string) []htmlToken {
	var out []htmlToken
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, htmlToken{kind: textToken, text: html.UnescapeString(text.String())})
			text.Reset()
		}
	}
	i := 0
	for i < len(s) {
		c := s[i]
		if c != '<' || i+1 >= len(s) {
			text.WriteByte(c)
			i++
			continue
		}
		n := s[i+1]
		switch {
		case isASCIIAlpha(n):
			tok, next, ok := readTag(s, i+1, startTag)
			if !ok {
				flush()
				return out
			}
			flush()
			out = append(out, tok)
			i = next
			if rawText[tok.name] {
				end := rawEnd(s, i, tok.name)
				content := s[i:end]
				if tok.name == "textarea" || tok.name == "title" {
					content = html.UnescapeString(content)
				}
				if content != "" {
					out = append(out, htmlToken{kind: textToken, text: content})
				}
				i = end
			}
		case n == '/' && i+2 < len(s) && isASCIIAlpha(s[i+2]):
			tok, next, ok := readTag(s, i+2, endTag)
			if !ok {
				flush()
				return out
			}
			flush()
			out = append(out, tok)
			i = next
		case n == '/' && i+2 < len(s) && s[i+2] == '>':
			i += 3 // "</>" is dropped
		case n == '!' && strings.HasPrefix(s[i:], "<!--"):
			flush()
			body := s[i+4:]
			switch {
			case strings.HasPrefix(body, ">"):
				out, i = append(out, htmlToken{kind: commentToken}), i+5
			case strings.HasPrefix(body, "->"):
				out, i = append(out, htmlToken{kind: commentToken}), i+6
			default:
				end := strings.Index(body, "-->")
				if end < 0 {
					out = append(out, htmlToken{kind: commentToken, text: body})
					return out
				}
				out, i = append(out, htmlToken{kind: commentToken, text: body[:end]}), i+4+end+3
			}
		case n == '!' || n == '?' || n == '/':
			// A doctype or a bogus comment: up to the next ">".
			flush()
			end := strings.IndexByte(s[i+1:], '>')
			if end < 0 {
				return out
			}
			out, i = append(out, htmlToken{kind: commentToken, text: s[i+2 : i+1+end]}), i+2+end
		default:
			text.WriteByte(c)
			i++
		}
	}
	flush()
	return out
}

// readTag reads a tag's name and attributes from s[i:] (just after "<" or "</") and returns
// the index after its ">".
func readTag(s string, i int, kind tokenKind) (htmlToken, int, bool) {
	start := i
	for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '/' && s[i] != '>' {
		i++
	}
	tok := htmlToken{kind: kind, name: strings.ToLower(s[start:i])}
	for {
		for i < len(s) && (isHTMLSpace(s[i]) || s[i] == '/') {
			i++
		}
		if i >= len(s) {
			return tok, i, false
		}
		if s[i] == '>' {
			return tok, i + 1, true
		}
		// An attribute name; its first character may be "=".
		start := i
		i++
		for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
			i++
		}
		a := htmlAttr{name: strings.ToLower(s[start:i])}
		j := i
		for j < len(s) && isHTMLSpace(s[j]) {
			j++
		}
		if j < len(s) && s[j] == '=' {
			i = j + 1
			for i < len(s) && isHTMLSpace(s[i]) {
				i++
			}
			if i >= len(s) {
				return tok, i, false
			}
			switch q := s[i]; q {
			case '"', '\'':
				end := strings.IndexByte(s[i+1:], q)
				if end < 0 {
					return tok, len(s), false
				}
				a.value = html.UnescapeString(s[i+1 : i+1+end])
				i += end + 2
			case '>':
			default:
				start := i
				for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '>' {
					i++
				}
				a.value = html.UnescapeString(s[start:i])
			}
		}
		tok.attrs = append(tok.attrs, a)
	}
}

// rawEnd finds where the content of a raw-text element ends: at "</name" followed by a
// space, "/" or ">", in any case.
func rawEnd(s string, i int, name string) int {
	if name == "plaintext" {
		return len(s)
	}
	for {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return len(s)
		}
		k += i
		e := k + 2 + len(name)
		if e <= len(s) && strings.EqualFold(s[k+2:e], name) && (e == len(s) || isHTMLSpace(s[e]) || s[e] == '/' || s[e] == '>') {
			return k
		}
		i = k + 2
	}
}

// subtree returns the tokens of the element opened at toks[i], up to and including its end
// tag (or to the end of the input when it is never closed). End tags close the nearest open
// element of their name, as browsers do for well-formed input.
func subtree(toks []htmlToken, i int) []htmlToken {
	if voidElements[toks[i].name] {
		return toks[i : i+1]
	}
	var stack []string
	for j := i; j < len(toks); j++ {
		t := toks[j]
		switch {
		case t.kind == startTag && !voidElements[t.name]:
			stack = append(stack, t.name)
		case t.kind == endTag:
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k] == t.name {
					stack = stack[:k]
					break
				}
			}
			if len(stack) == 0 {
				return toks[i : j+1]
			}
		}
	}
	return toks[i:]
}

// find returns the subtrees of every element matching name and class.
func find(toks []htmlToken, name, class string) [][]htmlToken {
	var out [][]htmlToken
	for i, t := range toks {
		if t.is(name, class) {
			out = append(out, subtree(toks, i))
		}
	}
	return out
}

// textOf is the text content of tokens: paragraphs separated by a blank line, <br> as a
// line break.
func textOf(toks []htmlToken) string {
	var b strings.Builder
	paras := 0
	for _, t := range toks {
		switch {
		case t.kind == textToken:
			b.WriteString(t.text)
		case t.kind == startTag && t.name == "br":
			b.WriteByte('\n')
		case t.kind == startTag && t.name == "p":
			if paras > 0 {
				b.WriteString("\n\n")
			}
			paras++
		}
	}
	return b.String()
}

// urlAttrs are the attributes a browser follows or loads as a URL: a script URL anywhere
// else (a form field's value, an aria-label) is text.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"data": true, "poster": true, "srcset": true, "background": true, "cite": true, "codebase": true, "ping": true,
	"content": true, "manifest": true, "icon": true, "lowsrc": true, "dynsrc": true, "longdesc": true, "usemap": true}

// dangerous counts what would run script or load content if a reader could add it: such
// elements, event-handler and style attributes, and script URLs in URL attributes.
func dangerous(toks []htmlToken) map[string]int {
	elems := map[string]bool{"script": true, "img": true, "svg": true, "math": true, "iframe": true, "frame": true,
		"frameset": true, "object": true, "embed": true, "applet": true, "style": true, "link": true, "meta": true,
		"base": true, "video": true, "audio": true, "source": true, "form": true, "input": true, "textarea": true,
		"button": true, "select": true, "marquee": true, "template": true, "portal": true, "b": true, "i": true}
	out := map[string]int{}
	for _, t := range toks {
		if t.kind != startTag {
			continue
		}
		if elems[t.name] {
			out["<"+t.name+">"]++
		}
		for _, a := range t.attrs {
			v := strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, a.value))
			switch {
			case strings.HasPrefix(a.name, "on"):
				out["on* attribute"]++
			case a.name == "style":
				out["style attribute"]++
			case a.name == "srcdoc" || a.name == "formaction" || a.name == "xlink:href":
				out[a.name+" attribute"]++
			}
			if urlAttrs[a.name] && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html")) {
				out["script URL"]++
			}
		}
	}
	return out
}

// TestHTMLChecks shows that the checks of the review tests find markup where a browser
// would, and none where a browser would see text.
func TestHTMLChecks(t *testing.T) {
	tests := []struct {
		html      string
		dangerous string // the keys dangerous finds, sorted and joined
		markup    bool   // onlyReviewMarkup objects
		text      string // textOf
	}{
		{`<li class="review"><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></li>`, "", false, "<script>alert(1)</script>"},
		{`<li class="review"><p><script>alert(1)</script></p></li>`, "<script>", true, "alert(1)"},
		{`<li class="review"><p><SCRIPT SRC=x></SCRIPT></p></li>`, "<script>", true, ""},
		{`<li class="review"><p>a<img src=x onerror=alert(1)>b</p></li>`, "<img>,on* attribute", true, "ab"},
		{`<li class="review"><p title="a>b" onclick=x>t</p></li>`, "on* attribute", true, "t"},
		{`<li class="review"><p/onmouseover=x>t</p></li>`, "on* attribute", true, "t"},
		{`<li class="review"><a href=" java&#x09;script:alert(1)" rel="nofollow ugc noopener">x</a></li>`, "script URL", true, "x"},
		{`<li class="review"><a href="https://e.test/" rel="nofollow ugc noopener">x</a></li>`, "", false, "x"},
		{`<li class="review"><a href="https://e.test/">x</a></li>`, "", true, "x"},
		{`<li class="review"><p style="color:red">x</p></li>`, "style attribute", true, "x"},
		{`<li class="review"><svg><a xlink:href="javascript:x">t</a></svg></li>`, "<svg>,script URL,xlink:href attribute", true, "t"},
		{`<li class="review"><!-- <script>x</script> --><p>a &lt; b</p></li>`, "", false, "a < b"},
		{`<li class="review"><p>1 < 2 and 3 > 2</p></li>`, "", false, "1 < 2 and 3 > 2"},
		{`<li class="review"><p>a</p><p>b<br>c</p></li>`, "", false, "a\n\nb\nc"},
		{`<textarea><script>x</script></textarea>`, "<textarea>", true, "<script>x</script>"},
		{`<li class="review"><b>x</b></li>`, "<b>", true, "x"},
		{`<li class="review"><p>&amp;lt;b&amp;gt;</p></li>`, "", false, "&lt;b&gt;"},
		{`<li class="review"><p>cut <img src="x`, "", false, "cut "},
	}
	for _, tc := range tests {
		toks := tokenizeHTML(tc.html)
		got := slices.Sorted(maps.Keys(dangerous(toks)))
		if strings.Join(got, ",") != tc.dangerous {
			t.Errorf("%s: dangerous %v, want %s", tc.html, got, tc.dangerous)
		}
		if problem := onlyReviewMarkup(toks); (problem != "") != tc.markup {
			t.Errorf("%s: onlyReviewMarkup %q", tc.html, problem)
		}
		if got := textOf(toks); got != tc.text {
			t.Errorf("%s: text %q, want %q", tc.html, got, tc.text)
		}
	}
	if s := subtree(tokenizeHTML(`<section id="reviews"><ol><li>x</li></ol></section><script>`), 0); len(s) != 7 || s[6].name != "section" {
		t.Errorf("subtree: %+v", s)
	}
}
