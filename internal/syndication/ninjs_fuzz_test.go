package syndication

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/validate"
)

// FuzzNinjs renders stories with arbitrary staff-typed fields (headline, standfirst,
// Markdown body, byline, dateline, slugline, tags, corrections, picture texts, brief,
// translations), through the snapshot stored in the outbox, into ninjs 2.2 and 3.1:
// the output is always valid JSON, keeps the headline, and validates against IPTC's
// official schema of its version. The seed corpus runs with every `go test`; run
// scripts/fuzz for longer.
func FuzzNinjs(f *testing.F) {
	f.Add("Border talks resume", "Envoys met.", "# Talks\n\nText with [a link](/en/x) and ![pic](/media/a.jpg).", "Ayla Aliyeva",
		"Correspondent", "BAKU", "AZ-TALKS", "Diplomacy", "Figures corrected.", "Alt", "Caption", "Photo: Agency",
		"Brief text.", "Переговоры", uint8(0), 5, int64(1), int64(3600))
	f.Add("", "", "", "", "", "", "", "", "", "", "", "", "", "", uint8(3), 0, int64(-1), int64(-5))
	f.Add("<script>alert(1)</script>\"'&", "\x00\xff\u2028\u2029", "<b>raw</b> [x](javascript:alert(1)) \\\x01",
		"\ufeffname", "\u202erole", "\t", "\n", "tag with spaces & <", "\x7f", "\"", "\\", "}", "{", "]",
		uint8(1), -7, int64(1<<62), int64(1<<40))
	f.Add(strings.Repeat("word ", 500), strings.Repeat("é", 300), strings.Repeat("- item\n", 200), "x", "y", "z", "w",
		"a", "b", "c", "d", "e", "f", "g", uint8(2), 99, int64(42), int64(0))
	schemas := []*validate.Ninjs{validate.NinjsSchema(f, Ninjs22), validate.NinjsSchema(f, Ninjs31)}
	md := content.NewRenderer()
	s := New(Config{BaseURL: "https://news.example"})
	events := []string{EventRelease, EventUpdate, EventCorrection, EventKill}
	base := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, headline, standfirst, body, byline, role, dateline, slugline, tag, correction,
		alt, caption, credit, brief, translation string, event uint8, urgency int, id, offset int64) {
		if id <= 0 {
			id = 1
		}
		urgency = 1 + (urgency%9+9)%9 // the newsroom accepts 1–9 only
		offset %= 100 * 365 * 86400   // within a century of now: ninjs dates are four-digit years
		created := base.Add(time.Duration(offset) * time.Second)
		html, err := md.Render(body)
		if err != nil {
			t.Fatal(err)
		}
		a := content.Article{ID: id, GroupID: id, Language: "en",
			Section:  content.Section{ID: 1, Key: "politics", Slug: "politics", Name: "Politics"},
			Headline: headline, Standfirst: standfirst, BodyMD: body, BodyHTML: html, Byline: byline, BylineRole: role,
			Dateline: dateline, Slugline: slugline, Slug: content.Slugify(headline), Urgency: urgency,
			CreatedAt: created, PublishedAt: created, EmbargoUntil: created.Add(time.Hour),
			Tags:        []content.Tag{{Name: tag, Slug: content.Slugify(tag)}},
			Corrections: []content.Correction{{Text: correction, CreatedAt: created}},
			LeadImage: &content.Image{ID: id, Alt: alt, Caption: caption, Credit: credit,
				Renditions: []content.Rendition{{Width: 640, Height: 427, File: "0123abcd-w640.jpg"}}}}
		src := Source{Article: a, Brief: &content.Brief{ID: id, Text: brief, PublishedAt: created},
			Translations: []Translation{{ArticleID: id + 1, Language: "ru", Headline: translation}}}
		v, err := newVersion(snapshot(src, events[int(event)%len(events)], created.Add(time.Minute)))
		if err != nil {
			t.Fatal(err)
		}
		v.ID, v.Version = id, 1
		for _, sch := range schemas {
			doc, err := s.ItemJSON(v, sch.Version)
			if err != nil {
				t.Fatalf("ninjs %s: %v", sch.Version, err)
			}
			if !json.Valid(doc) {
				t.Fatalf("ninjs %s is not JSON: %s", sch.Version, doc)
			}
			var got struct {
				Headline  string `json:"headline"`
				Headlines []struct {
					Value string `json:"value"`
				} `json:"headlines"`
			}
			if err := json.Unmarshal(doc, &got); err != nil {
				t.Fatal(err)
			}
			want := jsonString(headline)
			if got.Headline != want && (len(got.Headlines) == 0 || got.Headlines[0].Value != want) {
				t.Fatalf("ninjs %s lost the headline %q: %s", sch.Version, headline, doc)
			}
			if err := sch.Check(doc); err != nil {
				t.Fatalf("ninjs %s schema: %v\n%s", sch.Version, err, doc)
			}
		}
	})
}

// jsonString is s as it reads back from JSON: encoding/json replaces each byte of invalid
// UTF-8 with U+FFFD (testdata/fuzz/FuzzNinjs/bb95408aa42bd9fa).
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}
