package review

import (
	"html"
	"io"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/newsdesk/newsdesk/internal/content"
)

// FuzzReview feeds what a reader may send through the whole review pipeline of this
// package: Clean, Validate, the spam signals, Score, Route and Render. Nothing may panic,
// and the invariants hold: Clean is idempotent and leaves no control or directional
// characters, a valid review is within its limits, a filled honeypot is always spam, and
// the rendered text is only <p>, <br> and http(s) links, showing exactly the cleaned text.
// The seed corpus runs with every `go test`; run scripts/fuzz for longer.
func FuzzReview(f *testing.F) {
	for _, s := range []struct {
		name, email string
		rating      int
		text        string
		fill        int64
		honeypot    bool
	}{
		{"Ayla", "ayla@example.org", 5, "A fair and careful report, thank you.", 60, false},
		{"", "", 0, "", 0, false},
		{"<script>", "x@y", -1, "<script>alert(1)</script> javascript:alert(1)", 1, true},
		{"\u202eevil", "A@B.C", 6, "www.example.org/a?b=c&d=<e> and https://x.example/\"onmouseover=alert(1)", 10, false},
		{"Иван\x00", "иван@пример.рф", 3, "ОЧЕНЬ ХОРОШО ОЧЕНЬ ХОРОШО ОЧЕНЬ ХОРОШО\r\n\r\nline\rline", 1e6, false},
		{" \t ", "\xff@\xfe.x", 2, "https://a.example https://b.example https://c.example https://d.example", 5, false},
		{strings.Repeat("n", 100), strings.Repeat("e", 300) + "@x.y", 4, strings.Repeat("word ", 1000), 100, false},
		{"a\u200bb", "a@b.c", 1, "\u200b\u00ad\u2066text\u2069 with hidden\u200d joiners", 4, false},
		{"x", "x@x.x", 5, "http://)))).,;: www. https:// <a href=x>x</a> &amp; &lt;", 30, false},
	} {
		f.Add(s.name, s.email, s.rating, s.text, s.fill, s.honeypot)
	}
	msg := func(key string, _ ...any) string { return key }
	f.Fuzz(func(t *testing.T, name, email string, rating int, text string, fillSeconds int64, honeypot bool) {
		in := Clean(Input{Name: name, Email: email, Rating: rating, Text: text})
		if again := Clean(in); again != in {
			t.Fatalf("Clean is not idempotent: %+v then %+v", in, again)
		}
		for field, s := range map[string]string{"name": in.Name, "email": in.Email, "text": in.Text} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s %q is not UTF-8", field, s)
			}
			for _, r := range s {
				if (unicode.IsControl(r) && !(r == '\n' && field == "text")) || strings.ContainsRune(bidiControls, r) {
					t.Fatalf("%s %q keeps %U", field, s, r)
				}
			}
		}
		for _, mode := range []Mode{ModeReviews, ModeComments} {
			err := Validate(in, mode, msg)
			if err == nil {
				rated := in.Rating >= 1 && in.Rating <= 5
				if n := utf8.RuneCountInString(in.Text); n < MinTextRunes || n > MaxTextRunes ||
					!(rated || (mode == ModeComments && in.Rating == 0)) || in.Name == "" || utf8.RuneCountInString(in.Name) > MaxNameRunes {
					t.Fatalf("%s: accepted out of limits: %+v", mode, in)
				}
			} else if fe, ok := err.(*content.FieldError); !ok || len(fe.Fields) == 0 {
				t.Fatalf("%s: Validate error %T %v", mode, err, err)
			}
		}

		sig := Signals{Honeypot: honeypot, FillTime: time.Duration(fillSeconds) * time.Second, Links: CountLinks(in.Text),
			Blocked: BlockedWords(in.Text, []string{"casino", "viagra", "free money"}), Markup: LooksLikeMarkup(in.Text),
			ShoutRatio: ShoutRatio(in.Text)}
		score, why := Score(sig)
		if score < 0 || (score > 0) != (len(why) > 0) {
			t.Fatalf("Score(%+v) = %d, %q", sig, score, why)
		}
		if r := sig.ShoutRatio; r < 0 || r > 1 {
			t.Fatalf("ShoutRatio = %v", r)
		}
		for _, trusted := range []bool{false, true} {
			st := Route(score, trusted)
			if !ValidStatus(st) || (honeypot && st != StatusSpam) {
				t.Fatalf("Route(%d, %v) = %q (honeypot %v)", score, trusted, st, honeypot)
			}
		}

		out := string(Render(in.Text))
		if shown := renderedText(t, out); shown != strings.Join(strings.Fields(in.Text), "") {
			t.Fatalf("Render(%q) shows %q", in.Text, shown)
		}
	})
}

// renderedText checks that h holds only <p>, <br> and <a href="http(s)://…" rel=…> and
// returns its text without white space (Render drops blank paragraphs and trims lines).
func renderedText(t *testing.T, h string) string {
	t.Helper()
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("Render gave unreadable HTML %q: %v", h, z.Err())
			}
			return strings.Join(strings.Fields(b.String()), "")
		case xhtml.TextToken:
			b.WriteString(html.UnescapeString(string(z.Raw())))
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "p", "br":
				if hasAttr {
					t.Fatalf("Render gave <%s> attributes in %q", name, h)
				}
			case "a":
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "href":
						if l := strings.ToLower(string(v)); !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
							t.Fatalf("Render gave href %q in %q", v, h)
						}
					case "rel":
					default:
						t.Fatalf("Render gave attribute %s in %q", k, h)
					}
				}
			default:
				t.Fatalf("Render gave <%s> in %q", name, h)
			}
		default:
			t.Fatalf("Render gave %q", z.Raw())
		}
	}
}
