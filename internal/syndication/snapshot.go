package syndication

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/editorial"
)

// Snapshot is a story as it was released in one version: everything its ninjs (2.2 or
// 3.1) is rendered from, so that old versions read as they were sent. Paths are relative
// to the site; rendering makes them absolute.
type Snapshot struct {
	ArticleID      int64           `json:"article_id"`
	GroupID        int64           `json:"group_id"`
	Language       string          `json:"language"`
	Section        string          `json:"section"`
	SectionName    string          `json:"section_name"`
	Headline       string          `json:"headline"`
	Standfirst     string          `json:"standfirst,omitempty"`
	BodyHTML       string          `json:"body_html,omitempty"`
	BodyText       string          `json:"body_text,omitempty"`
	WordCount      int             `json:"word_count,omitempty"`
	Byline         string          `json:"byline,omitempty"`
	BylineRole     string          `json:"byline_role,omitempty"`
	Dateline       string          `json:"dateline,omitempty"`
	Slugline       string          `json:"slugline,omitempty"`
	Slug           string          `json:"slug"`
	Path           string          `json:"path"`
	Urgency        int             `json:"urgency,omitempty"`
	Tags           []SnapTag       `json:"tags,omitempty"`
	FirstCreated   time.Time       `json:"first_created"`
	VersionCreated time.Time       `json:"version_created"`
	EmbargoUntil   time.Time       `json:"embargo_until,omitzero"`
	Event          string          `json:"event"`
	PubStatus      string          `json:"pubstatus"`
	Corrections    []SnapCorrected `json:"corrections,omitempty"`
	Image          *SnapImage      `json:"image,omitempty"`
	Brief          *SnapBrief      `json:"brief,omitempty"`
	Translations   []Translation   `json:"translations,omitempty"`
}

// SnapTag is a keyword of the story.
type SnapTag struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// SnapCorrected is a published correction note.
type SnapCorrected struct {
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// SnapImage is a story's lead picture.
type SnapImage struct {
	ID         int64               `json:"id"`
	Alt        string              `json:"alt,omitempty"`
	Caption    string              `json:"caption,omitempty"`
	Credit     string              `json:"credit,omitempty"`
	Renditions []content.Rendition `json:"renditions"`
}

// SnapBrief is the brief a story developed from.
type SnapBrief struct {
	ID          int64     `json:"id"`
	Text        string    `json:"text"`
	PublishedAt time.Time `json:"published_at"`
}

// snapshot makes the snapshot of src released by event at now.
func snapshot(src Source, event string, now time.Time) Snapshot {
	a := src.Article
	sn := Snapshot{ArticleID: a.ID, GroupID: a.GroupID, Language: a.Language, Section: a.Section.Key,
		SectionName: a.Section.Name, Headline: a.Headline, Standfirst: a.Standfirst, BodyHTML: a.BodyHTML,
		BodyText: PlainText(a.BodyHTML), WordCount: editorial.WordCount(a.BodyMD), Byline: a.Byline,
		BylineRole: a.BylineRole, Dateline: a.Dateline, Slugline: a.Slugline, Slug: a.Slug,
		Path: content.ArticlePath(a.Language, a.Section.Slug, a.Slug), Urgency: a.Urgency,
		FirstCreated: firstNonZero(a.FirstPublishedAt, a.PublishedAt, a.CreatedAt).UTC(), VersionCreated: now.UTC(),
		Event: event, PubStatus: PubUsable, Translations: src.Translations}
	if event == EventKill {
		sn.PubStatus = PubCanceled
	}
	if a.EmbargoUntil.After(now) {
		sn.EmbargoUntil = a.EmbargoUntil.UTC()
	}
	for _, t := range a.Tags {
		sn.Tags = append(sn.Tags, SnapTag{Name: t.Name, Slug: t.Slug})
	}
	for _, c := range a.Corrections {
		sn.Corrections = append(sn.Corrections, SnapCorrected{Text: c.Text, At: c.CreatedAt.UTC()})
	}
	if img := a.LeadImage; img != nil && len(img.Renditions) > 0 {
		sn.Image = &SnapImage{ID: img.ID, Alt: img.Alt, Caption: img.Caption, Credit: img.Credit, Renditions: img.Renditions}
	}
	if b := src.Brief; b != nil {
		sn.Brief = &SnapBrief{ID: b.ID, Text: b.Text, PublishedAt: b.PublishedAt.UTC()}
	}
	return sn
}

func firstNonZero(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// newVersion turns a snapshot into the version row to insert.
func newVersion(sn Snapshot) (Version, error) {
	item, err := json.Marshal(sn)
	if err != nil {
		return Version{}, fmt.Errorf("encode snapshot of article %d: %w", sn.ArticleID, err)
	}
	return Version{ArticleID: sn.ArticleID, Event: sn.Event, Section: sn.Section, Language: sn.Language,
		PubStatus: sn.PubStatus, EmbargoUntil: sn.EmbargoUntil, CreatedAt: sn.VersionCreated, Item: item}, nil
}

// decodeSnapshot reads a version's snapshot.
func decodeSnapshot(v Version) (Snapshot, error) {
	var sn Snapshot
	if err := json.Unmarshal(v.Item, &sn); err != nil {
		return sn, fmt.Errorf("decode wire version %d: %w", v.ID, err)
	}
	return sn, nil
}

// blockEnd lists the elements after which plain text breaks a line.
var blockEnd = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "pre": true, "tr": true, "table": true, "figure": true, "figcaption": true,
	"div": true, "ul": true, "ol": true, "hr": true, "br": true}

// PlainText turns the story HTML our Markdown renderer writes into plain text: tags
// dropped, entities decoded, one blank line between blocks, "• " before list items.
func PlainText(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	inPre := false
	text := func(t string) {
		t = html.UnescapeString(t)
		if !inPre {
			t = strings.ReplaceAll(t, "\n", " ") // in HTML a line break in text is a space
		}
		b.WriteString(t)
	}
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			text(h)
			break
		}
		text(h[:lt])
		gt := strings.IndexByte(h[lt:], '>')
		if gt < 0 {
			break
		}
		tag := strings.ToLower(strings.TrimSpace(h[lt+1 : lt+gt]))
		h = h[lt+gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.TrimPrefix(tag, "/")
		if i := strings.IndexFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '/' }); i >= 0 {
			name = name[:i]
		}
		if name == "pre" {
			inPre = !closing
		}
		switch {
		case name == "li" && !closing:
			b.WriteString("• ")
		case name == "li" && closing:
			b.WriteString("\n")
		case name == "br" || name == "hr":
			b.WriteString("\n")
		case closing && blockEnd[name]:
			b.WriteString("\n\n")
		}
	}
	lines := strings.Split(b.String(), "\n")
	out := make([]string, 0, len(lines))
	blank := true
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
