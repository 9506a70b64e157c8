package app_test

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// hostilePayloads is what readers send to break out of a page, a database or a header.
func hostilePayloads() []string {
	p := []string{
		// Script elements.
		`<script>alert(1)</script>`,
		`<SCRIPT SRC=//evil.test/x.js></SCRIPT>`,
		`<scr<script>ipt>alert(1)</scr</script>ipt>`,
		`"><script>alert(document.cookie)</script>`,
		`'><script>alert(1)</script>`,
		`</textarea><script>alert(1)</script>`,
		`</title><script>alert(1)</script>`,
		`</p></div></li></ol></section><script>alert(1)</script>`,
		`<<script>script>alert(1)<</script>/script>`,
		`<script\x20type="text/javascript">alert(1);</script>`,
		// Event handlers.
		`<img src=x onerror=alert(1)>`,
		`<IMG SRC="x" ONERROR="alert(1)">`,
		`<body onload=alert(1)>`,
		`<div onmouseover="alert(1)">hover here</div>`,
		`" onfocus="alert(1)" autofocus="`,
		`' onmouseover='alert(1)`,
		`<input autofocus onfocus=alert(1)>`,
		`<details open ontoggle=alert(1)>`,
		`<video><source onerror="alert(1)"></video>`,
		`<marquee onstart=alert(1)>news</marquee>`,
		`<img/src=x/onerror=alert(1)>`,
		"<img src=x\nonerror=alert(1)>",
		// Script URLs.
		`<a href="javascript:alert(1)">click</a>`,
		`javascript:alert(1)`,
		`JaVaScRiPt:alert(document.domain)`,
		"java\tscript:alert(1)",
		`<a href="jav&#x09;ascript:alert(1)">x</a>`,
		`https://example.com/"onmouseover="alert(1)`,
		`www.example.com/<script>alert(1)</script>`,
		`http://example.com/?q=<img src=x onerror=alert(1)>`,
		`https://evil.test/' style='color:red`,
		`see https://example.com/a?b=1&c=2, and www.example.org.`,
		`<iframe src="javascript:alert(1)"></iframe>`,
		`<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">`,
		`<embed src=javascript:alert(1)>`,
		`<form action=javascript:alert(1)><button>send</button></form>`,
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
		`<base href="//evil.test/">`,
		// SVG and MathML.
		`<svg onload=alert(1)>`,
		`<svg><script>alert(1)</script></svg>`,
		`<svg><animate onbegin=alert(1) attributeName=x dur=1s>`,
		`<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>`,
		`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
		// CSS.
		`<style>body{background:url(javascript:alert(1))}</style>`,
		`<div style="background:url(javascript:alert(1))">styled</div>`,
		`<link rel=stylesheet href=//evil.test/x.css>`,
		`width: expression(alert(1));`,
		`@import 'javascript:alert(1)';`,
		// HTML entities.
		`&lt;script&gt;alert(1)&lt;/script&gt;`,
		`&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;`,
		`&#60;img src=x onerror=alert(1)&#62;`,
		`&amp;lt;b&amp;gt;double&amp;lt;/b&amp;gt;`,
		`&lt;&#x2F;p&gt; &quot; &apos; &#39; &nbsp; &copy;`,
		`&#0; &#xD800; &#x110000; &NotAnEntity; &amp`,
		// Unicode tricks.
		"раураl.com is not paypal.com (Cyrillic letters)",
		"ｊａｖａｓｃｒｉｐｔ：alert(1) in full width",
		"＜script＞alert(1)＜/script＞ in full width",
		"java\u200bscript:alert(1) with a zero-width space",
		"<scr\u200bipt>alert(1)</scr\u200bipt>",
		"\u202egnp.exe is an RTL override",
		"Hello \u202ecilbup si siht\u202c world",
		"\u2066isolated\u2069 and \u200fmarked\u200e text",
		"\ufeffA byte order mark starts this",
		"Line\u2028separator and paragraph\u2029separator",
		"Z̴̧̢a̸̡l̷g̶o̵ t̸e̶x̷t̴ with combining marks",
		"\u00a0\u3000 spaces of other kinds \u00a0",
		// SQL injection.
		`'; DROP TABLE reviews; --`,
		`' OR '1'='1`,
		`1; SELECT * FROM users`,
		`Robert'); DROP TABLE articles;--`,
		`" OR ""="`,
		`\'; -- backslash quote`,
		`' UNION SELECT email, password_hash FROM users --`,
		`%' AND 1=1 --`,
		`$1 ? :name @p1`,
		// Invalid UTF-8 and control characters.
		"\xff\xfe invalid bytes in the review",
		"caf\xc3 cut short",
		"\xed\xa0\x80 an encoded surrogate",
		"\xc0\xbcscript\xc0\xbe overlong angle brackets",
		"before\x00after a NUL byte",
		"\x00<script>alert(1)</script>",
		"bell\x07 escape\x1b[31m red \x7f delete",
		"tab\tseparated\tvalues here",
		// Long input.
		strings.Repeat("N", review.MaxNameRunes+1),
		strings.Repeat("Я", review.MaxNameRunes),
		strings.Repeat("é", 200),
		strings.Repeat("word ", review.MaxTextRunes/5+1),
		strings.Repeat("A", 1<<20),
		// Markdown, BBCode, templates.
		`**bold** _italic_ [link](http://evil.test)`,
		`![img](x" onerror="alert(1))`,
		`[url=javascript:alert(1)]click[/url] [b]bold[/b]`,
		`[img]http://evil.test/x.png[/img]`,
		"```\n<script>alert(1)</script>\n```",
		`<!-- a comment --> and <![CDATA[<script>alert(1)</script>]]>`,
		`<!--<img src="--><img src=x onerror=alert(1)//">`,
		`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
		`<xmp><script>alert(1)</script></xmp> <plaintext>`,
		`{{.Email}} {{template "x"}} ${7*7} <%= 7*7 %> #{7*7}`,
		`<b>bold</b> <i>italic</i> <p>paragraph</p> <br>`,
		`<img src="x`,
		`< > & " ' / \ = ;`,
		// Header injection.
		"line one\r\nSet-Cookie: session=stolen",
		"Reader\r\nLocation: http://evil.test",
		"%0d%0aSet-Cookie:x=1 encoded",
		"\r\n\r\n<html><body>injected</body></html>",
		"\n\n\nthree newlines\n\n\n\nthen four\n \nand a spaced one\n",
		// JSON.
		`{"status":"approved","rating":5,"email":"x@y.z"}`,
		`{"__proto__":{"admin":true}}`,
		`"},"email":"x@y.z","a":"`,
		`</script><script>alert(1)</script>`,
		// Emoji and other languages.
		"Great 👍🏽 report 🇦🇿🔥",
		"👨‍👩‍👧‍👦 the whole family read it",
		"Çox maraqlı məqalə, təşəkkür edirəm! Şəhər, ğ, ı, ö, ü.",
		"Отличная статья — спасибо за подробности.",
		"Ünvan: Bakı, Azərbaycan. «Sitat» və „dırnaq“.",
		"العربية من اليمين إلى اليسار",
	}
	// Each script vector once more in upper case, and once entity-encoded as a reader might
	// paste it from a web page.
	for _, v := range p[:12] {
		p = append(p, strings.ToUpper(v), strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(v))
	}
	return p
}

// corpusCase is one hostile post of the review form.
type corpusCase struct {
	field                     string
	name, email, rating, text string
	honeypot, json            bool
}

func (c corpusCase) input() review.Input {
	rating, _ := strconv.Atoi(c.rating)
	return review.Input{Name: c.name, Email: c.email, Rating: rating, Text: c.text}
}

func (c corpusCase) valid() bool {
	return review.Validate(review.Clean(c.input()), review.ModeReviews, func(k string, _ ...any) string { return k }) == nil
}

// hostileCorpus puts each payload in the name, in the text and in both, and adds hostile
// email addresses and ratings.
func hostileCorpus() []corpusCase {
	var out []corpusCase
	for i, p := range hostilePayloads() {
		n := strconv.Itoa(i)
		out = append(out,
			corpusCase{field: "name", name: p, rating: "4", text: "A fair and accurate report, case " + n + "."},
			corpusCase{field: "text", name: "Reader " + n, rating: "3", text: p},
			corpusCase{field: "both", name: p, rating: "5", text: p + "\n\nSent by reader " + n + "."})
	}
	for i, e := range []string{`<script>alert(1)</script>@evil.test`, `"><img src=x onerror=alert(1)>@x.test`,
		"a@b.c\r\nBcc: victim@example.test", `reader@example.test' OR '1'='1`, "ÜNVAN@BAKI.AZ", "a@b", "@example.test",
		strings.Repeat("a", 250) + "@b.cc", "x@y.z\x00", "javascript:alert(1)//@evil.test", "аdmin@example.test"} {
		out = append(out, corpusCase{field: "email", name: "Mailer", email: e, rating: "4", text: "My address is odd, case " + strconv.Itoa(i) + "."})
	}
	for i, r := range []string{"0", "6", "-1", "5 OR 1=1", "99999999999999999999", "4.5", "", "<script>", "5\x00", "٥", " 5", "+5"} {
		out = append(out, corpusCase{field: "rating", name: "Rater", rating: r, text: "A rating of " + strconv.Quote(r) + ", case " + strconv.Itoa(i) + "."})
	}
	for i := range out {
		out[i].honeypot = i%11 == 5
		out[i].json = i%4 == 3
	}
	return out
}

// plainText is a review's text as Render shows it, without markup: paragraphs trimmed and
// separated by a blank line.
func plainText(text string) string {
	var paras []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// without returns m less the given keys.
func without(m map[string]int, keys ...string) map[string]int {
	out := maps.Clone(m)
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

// TestHostileReviews sends a corpus of hostile reviews through the real form, approves
// whatever was stored, and parses the pages that show them: nothing a reader sent may
// become markup, and what is shown is what review.Clean kept, character for character.
func TestHostileReviews(t *testing.T) {
	if testing.Short() {
		t.Skip("hundreds of posts")
	}
	open := review.Limits{PerIPBurst: 1 << 20, PerIPEvery: 1, PerArticleBurst: 1 << 20, PerArticleEvery: 1}
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newReviewSite(t, dsn, open)
		ctx := context.Background()
		articleID := storyPaths(t, s.st)[leadEN]
		_, page := s.get(t, leadEN)
		base := dangerous(tokenizeHTML(page))
		_, noticePage := s.get(t, leadEN+"?review=thanks")
		baseRetry := dangerous(tokenizeHTML(noticePage)) // a page answering a post is noindex, as this one
		token := tokenIn(page)
		s.clock.advance(2 * review.MinFillTime)

		corpus := hostileCorpus()
		if len(corpus) < 200 {
			t.Fatalf("only %d cases", len(corpus))
		}
		want := map[string]int{} // name, email, rating, text as stored
		accepted := 0
		for i, c := range corpus {
			f := form(token, c.name, c.email, c.rating, c.text)
			if c.honeypot {
				f.Set("website", "https://spam.example")
			}
			var header []string
			if c.json {
				header = []string{"Accept", "application/json"}
			}
			st, body, _ := s.post(t, leadEN, fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255), f, header...)
			what := fmt.Sprintf("case %d (%s %.60q)", i, c.field, c.name+" | "+c.text)
			if st >= 500 {
				t.Fatalf("%s: %d", what, st)
			}
			switch {
			case c.valid() && c.json && st == http.StatusCreated, c.valid() && !c.json && st == http.StatusSeeOther:
				accepted++
				in := review.Clean(c.input())
				want[fmt.Sprint(in.Name, "\x00", in.Email, "\x00", in.Rating, "\x00", in.Text)]++
			case !c.valid() && st == http.StatusUnprocessableEntity:
				if c.json {
					if !strings.Contains(body, `"fields"`) {
						t.Errorf("%s: JSON 422 without fields: %.200s", what, body)
					}
					continue
				}
				toks := tokenizeHTML(body)
				if got := dangerous(toks); !maps.Equal(got, baseRetry) {
					t.Errorf("%s: the form shown again has %v, a clean page %v", what, got, baseRetry)
				}
				// What the reader typed is shown again as it was, as text.
				for _, tk := range toks {
					if n, _ := tk.attr("name"); tk.is("input", "") && n == "name" && utf8.ValidString(c.name) && !strings.ContainsRune(c.name, 0) {
						if v, _ := tk.attr("value"); v != c.name {
							t.Errorf("%s: name shown again as %.80q", what, v)
						}
					}
				}
				if ta := find(toks, "textarea", ""); len(ta) != 1 || (utf8.ValidString(c.text) && !strings.ContainsRune(c.text, 0) && textOf(ta[0]) != c.text) {
					t.Errorf("%s: text not shown again as typed", what)
				}
			case st == http.StatusRequestEntityTooLarge && len(c.name)+len(c.text) > 60<<10:
				// A body over the review form's 64 KiB limit is refused whole.
			default:
				t.Errorf("%s: status %d (valid %v, json %v): %.300s", what, st, c.valid(), c.json, body)
			}
		}
		t.Logf("%d hostile posts, %d stored", len(corpus), accepted)

		// Stored: exactly what Clean kept of each accepted post.
		stored := reviewsOf(t, s.st, articleID)
		got := map[string]int{}
		var ids []int64
		for _, r := range stored {
			got[fmt.Sprint(r.Name, "\x00", r.Email, "\x00", r.Rating, "\x00", r.Text)]++
			ids = append(ids, r.ID)
		}
		if len(stored) != accepted || !maps.Equal(got, want) {
			t.Fatalf("stored %d reviews, accepted %d; stored ≠ cleaned input", len(stored), accepted)
		}
		if n, err := s.reviews.Moderate(ctx, s.editor, ids, review.StatusApproved); err != nil || n != int64(len(ids)) {
			t.Fatalf("approve: %d, %v", n, err)
		}

		// Shown: every page of reviews, parsed.
		shown := map[string]int{}
		wantShown := map[string]int{}
		for _, r := range stored {
			wantShown[r.Name+"\x00"+plainText(r.Text)]++
		}
		pages := (len(stored) + 49) / 50
		for p := 1; p <= pages; p++ {
			st, body := s.get(t, leadEN+"?reviews="+strconv.Itoa(p))
			if st != http.StatusOK {
				t.Fatalf("reviews page %d: %d", p, st)
			}
			toks := tokenizeHTML(body)
			if got := dangerous(toks); !maps.Equal(got, base) {
				t.Errorf("reviews page %d has %v, the page without reviews %v", p, got, base)
			}
			sections := find(toks, "section", "reviews")
			if len(sections) != 1 || sections[0][len(sections[0])-1].kind != endTag {
				t.Fatalf("reviews page %d: %d review sections, or one never closed", p, len(sections))
			}
			items := find(sections[0], "li", "review")
			if n := min(50, len(stored)-(p-1)*50); len(items) != n {
				t.Errorf("reviews page %d shows %d reviews, want %d", p, len(items), n)
			}
			for _, li := range items {
				if problem := onlyReviewMarkup(li); problem != "" {
					t.Errorf("reviews page %d: %s", p, problem)
				}
				names, texts := find(li, "span", "review-name"), find(li, "div", "review-text")
				if len(names) != 1 || len(texts) != 1 {
					t.Errorf("reviews page %d: a review with %d names and %d texts", p, len(names), len(texts))
					continue
				}
				shown[textOf(names[0])+"\x00"+textOf(texts[0])]++
			}
		}
		if !maps.Equal(shown, wantShown) {
			for k, n := range shown {
				if wantShown[k] != n {
					t.Errorf("shown %d times, stored %d times: %.200q", n, wantShown[k], k)
				}
			}
			t.Fatal("the reviews shown are not the reviews stored")
		}

		t.Run("newsroom", func(t *testing.T) { checkModerationPage(t, s, stored) })
	})
}

// onlyReviewMarkup reports the first element or attribute in a shown review that the review
// template and review.Render do not make.
func onlyReviewMarkup(li []htmlToken) string {
	allowed := map[string][]string{"li": {"class"}, "p": {"class"}, "span": {"class", "role", "aria-label"},
		"time": {"datetime"}, "div": {"class"}, "br": nil, "a": {"href", "rel"}}
	for _, t := range li {
		if t.kind != startTag {
			continue
		}
		attrs, ok := allowed[t.name]
		if !ok {
			return "element <" + t.name + ">"
		}
		for _, a := range t.attrs {
			if !slices.Contains(attrs, a.name) {
				return fmt.Sprintf("attribute %s on <%s>", a.name, t.name)
			}
		}
		if t.name == "a" {
			href, _ := t.attr("href")
			rel, _ := t.attr("rel")
			if u, err := url.Parse(href); err != nil || (u.Scheme != "http" && u.Scheme != "https") || rel != "nofollow ugc noopener" {
				return fmt.Sprintf("link %q rel %q", href, rel)
			}
		}
	}
	return ""
}

// checkModerationPage parses the newsroom's list of approved reviews the same way, every
// page of it; emails are shown there, to moderators.
func checkModerationPage(t *testing.T, s *reviewSite, stored []review.Review) {
	c := s.login(t)
	_, empty, _ := send(t, c, "GET", s.srv.URL+"/newsroom/reviews?status=rejected", nil)
	formParts := []string{"<form>", "<input>", "<button>", "<textarea>", "<select>"}
	base := without(dangerous(tokenizeHTML(empty)), formParts...)
	want := map[string]int{}
	names := map[string]bool{}
	for _, r := range stored {
		want[r.Name+"\x00"+r.Email+"\x00"+r.Text]++
		names[r.Name] = true
	}
	allowed := map[string][]string{"tr": nil, "td": nil, "p": {"class"}, "strong": nil, "span": {"class"},
		"a": {"href"}, "time": {"datetime"}, "input": {"type", "name", "value", "id", "aria-label"}}
	rows := 0
	var toks []htmlToken
	for p := 1; rows < len(stored); p++ {
		st, body, _ := send(t, c, "GET", s.srv.URL+"/newsroom/reviews?status=approved&page="+strconv.Itoa(p), nil)
		if st != http.StatusOK {
			t.Fatalf("moderation page %d: %d", p, st)
		}
		pageToks := tokenizeHTML(body)
		toks = append(toks, pageToks...)
		if got := without(dangerous(pageToks), formParts...); !maps.Equal(got, base) {
			t.Errorf("moderation page %d has %v, the empty one %v", p, got, base)
		}
		pageRows := 0
		for _, tbody := range find(pageToks, "tbody", "") {
			for _, tr := range find(tbody, "tr", "") {
				pageRows++
				for _, tk := range tr {
					if tk.kind != startTag {
						continue
					}
					attrs, ok := allowed[tk.name]
					if !ok {
						t.Errorf("moderation row: element <%s>", tk.name)
					}
					for _, a := range tk.attrs {
						if !slices.Contains(attrs, a.name) {
							t.Errorf("moderation row: attribute %s on <%s>", a.name, tk.name)
						}
					}
					if href, _ := tk.attr("href"); tk.name == "a" && !strings.HasPrefix(href, "/") {
						t.Errorf("moderation row: link %q", href)
					}
				}
				name, text, email := find(tr, "strong", ""), find(tr, "p", "review-text"), find(tr, "span", "muted")
				if len(name) != 1 || len(text) != 1 || len(email) > 1 {
					t.Errorf("moderation row with %d names, %d texts, %d emails", len(name), len(text), len(email))
					continue
				}
				key := textOf(name[0]) + "\x00"
				if len(email) == 1 {
					key += textOf(email[0])
				}
				key += "\x00" + textOf(text[0])
				if want[key] == 0 {
					t.Errorf("moderation row not as stored: %.200q", key)
				}
				want[key]--
			}
		}
		if pageRows == 0 {
			t.Fatalf("moderation page %d is empty after %d of %d reviews", p, rows, len(stored))
		}
		rows += pageRows
	}
	if rows != len(stored) {
		t.Errorf("moderation pages show %d reviews of %d", rows, len(stored))
	}
	// The rename forms show each name as typed, in an attribute.
	for _, tk := range toks {
		if n, _ := tk.attr("name"); tk.is("input", "") && n == "name" {
			if v, _ := tk.attr("value"); !names[v] {
				t.Errorf("rename form shows %.100q", v)
			}
		}
	}
}
