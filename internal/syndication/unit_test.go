package syndication

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"paragraphs", "<p>One &amp; two.</p>\n<p>Three</p>\n", "One & two.\n\nThree"},
		{"list", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>After.</p>", "• one\n• two\n\nAfter."},
		{"inline", `<p>A <a href="/x">link</a> and <strong>bold</strong>.</p>`, "A link and bold."},
		{"heading", "<h2>Title</h2><p>Text<br>more</p>", "Title\n\nText\nmore"},
		{"quote", "<blockquote>\n<p>“Quoted.”</p>\n</blockquote>", "“Quoted.”"},
		{"entities", "<p>&lt;tag&gt; &#39;q&#39; &quot;</p>", `<tag> 'q' "`},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := PlainText(tc.html); got != tc.want {
				t.Errorf("PlainText(%q) = %q, want %q", tc.html, got, tc.want)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	b := Backoff{Base: time.Second, Max: time.Minute}
	for attempt, full := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 7: time.Minute, 40: time.Minute} {
		lo, hi := b.Delay(attempt, func() float64 { return 0 }), b.Delay(attempt, func() float64 { return 0.999999 })
		if lo != full/2 || hi > full || hi < full*99/100 {
			t.Errorf("attempt %d: delay in [%v, %v], want [%v, %v]", attempt, lo, hi, full/2, full)
		}
	}
	d := DeliveryConfig{}.withDefaults()
	if d.Backoff.MaxAge != 24*time.Hour || d.Backoff.Base <= 0 || d.lease() <= d.Timeout {
		t.Errorf("defaults: %+v lease %v", d.Backoff, d.lease())
	}
}

func TestSignVerify(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	body := []byte(`{"uri":"urn:x"}`)
	sig := Sign("ndwh_secret", now.Unix(), body)
	if !strings.HasPrefix(sig, "v1=") || len(sig) != 3+64 {
		t.Fatalf("signature %q", sig)
	}
	ts := "1800000000"
	tests := []struct {
		name, secret, ts, sig string
		body                  []byte
		want                  error
	}{
		{"good", "ndwh_secret", ts, sig, body, nil},
		{"rotation list", "ndwh_secret", ts, "v1=00, " + sig, body, nil},
		{"other secret", "ndwh_other", ts, sig, body, ErrBadSignature},
		{"changed body", "ndwh_secret", ts, sig, []byte(`{"uri":"urn:y"}`), ErrBadSignature},
		{"changed time", "ndwh_secret", "1800000001", sig, body, ErrBadSignature},
		{"bad time", "ndwh_secret", "soon", sig, body, ErrBadSignature},
		{"stale", "ndwh_secret", "1799999000", Sign("ndwh_secret", 1799999000, body), body, ErrStale},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify(tc.secret, tc.ts, tc.body, tc.sig, now, 5*time.Minute)
			if !errors.Is(err, tc.want) {
				t.Errorf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestCursor(t *testing.T) {
	for _, id := range []int64{0, 1, 42, 1 << 40} {
		got, err := DecodeCursor(EncodeCursor(id))
		if err != nil || got != id {
			t.Errorf("cursor %d round trip = %d, %v", id, got, err)
		}
	}
	for _, bad := range []string{"x", "12", EncodeCursor(5) + "!", "dzE6LTE"} {
		if _, err := DecodeCursor(bad); !errors.Is(err, ErrBadCursor) {
			t.Errorf("DecodeCursor(%q) = %v, want ErrBadCursor", bad, err)
		}
	}
}

func TestCheckWebhookURL(t *testing.T) {
	tests := map[string]bool{
		"https://example.com/hook":   true,
		"http://127.0.0.1:8080/hook": true,
		"http://localhost/hook":      true,
		"http://[::1]:9/hook":        true,
		"http://example.com/hook":    false,
		"ftp://example.com/":         false,
		"https://u:p@example.com/":   false,
		"/relative":                  false,
		"https://example.com/#frag":  false,
	}
	for u, ok := range tests {
		if got := CheckWebhookURL(u) == ""; got != ok {
			t.Errorf("CheckWebhookURL(%q) ok = %v, want %v", u, got, ok)
		}
	}
}

func TestCheckSubscriber(t *testing.T) {
	cat := Catalog{Sections: []string{"economy", "politics"}, Languages: []string{"en", "ru"}}
	tests := []struct {
		name      string
		in        SubscriberInput
		secs      []string
		langs     []string
		badFields []string
	}{
		{"lists", SubscriberInput{Name: "A", Sections: []string{"politics, economy,politics"}, Languages: []string{"ru,en"}},
			[]string{"economy", "politics"}, []string{"en", "ru"}, nil},
		{"wildcard wins", SubscriberInput{Name: "A", Sections: []string{"politics,*"}, Languages: []string{"*"}},
			[]string{"*"}, []string{"*"}, nil},
		{"unknown", SubscriberInput{Name: "A", Sections: []string{"sport"}, Languages: []string{"de"}}, nil, nil,
			[]string{"sections", "languages"}},
		{"empty", SubscriberInput{Name: " ", RatePerMinute: -1}, nil, nil, []string{"name", "sections", "languages", "rate"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := checkSubscriber(tc.in, cat)
			var fe *content.FieldError
			if len(tc.badFields) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if strings.Join(sub.Sections, ",") != strings.Join(tc.secs, ",") || strings.Join(sub.Languages, ",") != strings.Join(tc.langs, ",") {
					t.Errorf("scope %v %v, want %v %v", sub.Sections, sub.Languages, tc.secs, tc.langs)
				}
				if !sub.Allows(tc.secs[0], tc.langs[0]) || (tc.secs[0] != Wildcard && sub.Allows("sport", "en")) {
					t.Errorf("Allows wrong for %+v", sub)
				}
				return
			}
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *content.FieldError", err)
			}
			for _, f := range tc.badFields {
				if fe.Fields[f] == "" {
					t.Errorf("no complaint about %s: %v", f, fe.Fields)
				}
			}
		})
	}
}

func TestAbsolutize(t *testing.T) {
	in := `<p><a href="/en/x">x</a> <a href="//cdn/x">c</a> <a href="https://o/">o</a></p><img src="/media/a-1.jpg" srcset="/media/a-1.jpg 640w, /media/a-2.jpg 1280w">`
	want := `<p><a href="https://s.test/en/x">x</a> <a href="//cdn/x">c</a> <a href="https://o/">o</a></p><img src="https://s.test/media/a-1.jpg" srcset="https://s.test/media/a-1.jpg 640w, https://s.test/media/a-2.jpg 1280w">`
	if got := absolutize(in, "https://s.test"); got != want {
		t.Errorf("absolutize:\n got %s\nwant %s", got, want)
	}
}
