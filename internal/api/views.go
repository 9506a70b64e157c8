package api

import (
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/media"
)

// The JSON shapes of the API. Times are RFC 3339 in UTC, null when unset; lists are never
// null. openapi_schemas.go describes the same shapes.

type articleJSON struct {
	ID               int64            `json:"id"`
	GroupID          int64            `json:"group_id"`
	Language         string           `json:"language"`
	Section          string           `json:"section"`
	SectionName      string           `json:"section_name"`
	Headline         string           `json:"headline"`
	Standfirst       string           `json:"standfirst"`
	Body             string           `json:"body"`
	BodyHTML         string           `json:"body_html"`
	Byline           string           `json:"byline"`
	BylineRole       string           `json:"byline_role"`
	Dateline         string           `json:"dateline"`
	Tags             []string         `json:"tags"`
	Slug             string           `json:"slug"`
	Status           string           `json:"status"`
	Version          int              `json:"version"`
	Slugline         string           `json:"slugline"`
	Urgency          int              `json:"urgency"`
	Signoff          string           `json:"signoff"`
	OwnerID          int64            `json:"owner_id"`
	EmbargoUntil     *string          `json:"embargo_until"`
	PublishedAt      *string          `json:"published_at"`
	FirstPublishedAt *string          `json:"first_published_at"`
	UpdatedAt        *string          `json:"updated_at"`
	CreatedAt        *string          `json:"created_at"`
	URL              *string          `json:"url"`
	LeadImage        *imageJSON       `json:"lead_image"`
	Corrections      []correctionJSON `json:"corrections"`
	ReturnNote       string           `json:"return_note"`
}

type correctionJSON struct {
	Text      string  `json:"text"`
	CreatedAt *string `json:"created_at"`
}

// publishedJSON is the answer to publish: the story and the checks' warnings.
type publishedJSON struct {
	articleJSON
	Warnings []warningJSON `json:"warnings"`
}

// articleSummaryJSON is a story in a list: no body, tags, corrections or image details.
type articleSummaryJSON struct {
	ID           int64   `json:"id"`
	GroupID      int64   `json:"group_id"`
	Language     string  `json:"language"`
	Section      string  `json:"section"`
	SectionName  string  `json:"section_name"`
	Headline     string  `json:"headline"`
	Standfirst   string  `json:"standfirst"`
	Byline       string  `json:"byline"`
	Slug         string  `json:"slug"`
	Status       string  `json:"status"`
	Version      int     `json:"version"`
	Slugline     string  `json:"slugline"`
	Urgency      int     `json:"urgency"`
	OwnerID      int64   `json:"owner_id"`
	LeadImageID  *int64  `json:"lead_image_id"`
	EmbargoUntil *string `json:"embargo_until"`
	PublishedAt  *string `json:"published_at"`
	UpdatedAt    *string `json:"updated_at"`
	CreatedAt    *string `json:"created_at"`
	URL          *string `json:"url"`
}

type imageJSON struct {
	ID         int64           `json:"id"`
	Format     string          `json:"format"`
	Width      int             `json:"width"`
	Height     int             `json:"height"`
	Alt        string          `json:"alt"`
	Caption    string          `json:"caption"`
	Credit     string          `json:"credit"`
	Renditions []renditionJSON `json:"renditions"`
	Srcset     string          `json:"srcset"`
	CreatedAt  *string         `json:"created_at"`
	// Texts are the alt text and caption by language (never null: {} when none).
	Texts map[string]content.ImageText `json:"texts"`
}

type renditionJSON struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

type briefJSON struct {
	ID          int64   `json:"id"`
	Language    string  `json:"language"`
	Section     string  `json:"section"`
	SectionName string  `json:"section_name"`
	Text        string  `json:"text"`
	Status      string  `json:"status"`
	PublishedAt *string `json:"published_at"`
	ArticleID   *int64  `json:"article_id"`
	OwnerID     int64   `json:"owner_id"`
}

type revisionJSON struct {
	Version   int     `json:"version"`
	Kind      string  `json:"kind"`
	Note      string  `json:"note"`
	UserName  string  `json:"user_name"`
	CreatedAt *string `json:"created_at"`
}

// revisionDetailJSON is one revision with the story's fields as they were saved.
type revisionDetailJSON struct {
	revisionJSON
	Section     string   `json:"section"`
	Headline    string   `json:"headline"`
	Standfirst  string   `json:"standfirst"`
	Body        string   `json:"body"`
	Byline      string   `json:"byline"`
	BylineRole  string   `json:"byline_role"`
	Dateline    string   `json:"dateline"`
	Tags        []string `json:"tags"`
	Slug        string   `json:"slug"`
	Slugline    string   `json:"slugline"`
	Urgency     int      `json:"urgency"`
	Signoff     string   `json:"signoff"`
	LeadImageID *int64   `json:"lead_image_id"`
}

type userJSON struct {
	ID    int64    `json:"id"`
	Email string   `json:"email"`
	Name  string   `json:"name"`
	Role  string   `json:"role"`
	Can   []string `json:"can"`
}

// timeJSON is t in RFC 3339 UTC, or nil for the zero time.
func timeJSON(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func idJSON(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// publicURL is a published story's absolute URL, or nil.
func (a *API) publicURL(art content.Article) *string {
	if art.Status != content.StatusPublished {
		return nil
	}
	u := a.base + content.ArticlePath(art.Language, art.Section.Slug, art.Slug)
	return &u
}

func (a *API) article(art content.Article) articleJSON {
	j := articleJSON{ID: art.ID, GroupID: art.GroupID, Language: art.Language, Section: art.Section.Key,
		SectionName: art.Section.Name, Headline: art.Headline, Standfirst: art.Standfirst, Body: art.BodyMD,
		BodyHTML: art.BodyHTML, Byline: art.Byline, BylineRole: art.BylineRole, Dateline: art.Dateline,
		Tags: tagNames(art.Tags), Slug: art.Slug, Status: string(art.Status), Version: art.Version, Slugline: art.Slugline,
		Urgency: art.Urgency, Signoff: art.Signoff, OwnerID: art.OwnerID, EmbargoUntil: timeJSON(art.EmbargoUntil),
		PublishedAt: timeJSON(art.PublishedAt), FirstPublishedAt: timeJSON(art.FirstPublishedAt),
		UpdatedAt: timeJSON(art.UpdatedAt), CreatedAt: timeJSON(art.CreatedAt), URL: a.publicURL(art),
		Corrections: make([]correctionJSON, 0, len(art.Corrections)), ReturnNote: art.ReturnNote}
	if art.LeadImage != nil {
		img := image(*art.LeadImage)
		j.LeadImage = &img
	}
	for _, c := range art.Corrections {
		j.Corrections = append(j.Corrections, correctionJSON{Text: c.Text, CreatedAt: timeJSON(c.CreatedAt)})
	}
	return j
}

func (a *API) articleSummary(art content.Article) articleSummaryJSON {
	j := articleSummaryJSON{ID: art.ID, GroupID: art.GroupID, Language: art.Language, Section: art.Section.Key,
		SectionName: art.Section.Name, Headline: art.Headline, Standfirst: art.Standfirst, Byline: art.Byline,
		Slug: art.Slug, Status: string(art.Status), Version: art.Version, Slugline: art.Slugline, Urgency: art.Urgency,
		OwnerID: art.OwnerID, EmbargoUntil: timeJSON(art.EmbargoUntil), PublishedAt: timeJSON(art.PublishedAt),
		UpdatedAt: timeJSON(art.UpdatedAt), CreatedAt: timeJSON(art.CreatedAt), URL: a.publicURL(art)}
	if art.LeadImage != nil {
		j.LeadImageID = idJSON(art.LeadImage.ID)
	}
	return j
}

func tagNames(tags []content.Tag) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		out = append(out, t.Name)
	}
	return out
}

// mediaPrefix is where the site serves image renditions.
const mediaPrefix = "/media/"

func image(img content.Image) imageJSON {
	j := imageJSON{ID: img.ID, Format: img.Format, Width: img.Width, Height: img.Height, Alt: img.Alt,
		Caption: img.Caption, Credit: img.Credit, Renditions: make([]renditionJSON, 0, len(img.Renditions)),
		CreatedAt: timeJSON(img.CreatedAt), Texts: img.Texts}
	if j.Texts == nil {
		j.Texts = map[string]content.ImageText{}
	}
	rs := make([]media.Rendition, 0, len(img.Renditions))
	for _, r := range img.Renditions {
		j.Renditions = append(j.Renditions, renditionJSON{URL: mediaPrefix + r.File, Width: r.Width, Height: r.Height})
		rs = append(rs, media.Rendition{Width: r.Width, Height: r.Height, File: r.File})
	}
	j.Srcset = media.Srcset(rs, mediaPrefix)
	return j
}

func brief(b content.Brief) briefJSON {
	return briefJSON{ID: b.ID, Language: b.Language, Section: b.Section.Key, SectionName: b.Section.Name, Text: b.Text,
		Status: string(b.Status), PublishedAt: timeJSON(b.PublishedAt), ArticleID: idJSON(b.ArticleID), OwnerID: b.OwnerID}
}

func revision(r content.Revision) revisionJSON {
	return revisionJSON{Version: r.Version, Kind: r.Kind, Note: r.Note, UserName: r.UserName, CreatedAt: timeJSON(r.CreatedAt)}
}

func user(u account.User) userJSON {
	j := userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Can: []string{}}
	for _, act := range account.Actions() {
		if account.Can(u.Role, act) {
			j.Can = append(j.Can, string(act))
		}
	}
	return j
}
