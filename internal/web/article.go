package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/review"
)

type articlePage struct {
	page
	Article      content.Article
	Body         template.HTML // goldmark's output; storyHead opens it with the dateline
	Updated      bool
	Translations []content.Translation
	Related      []content.ArticleSummary
	BriefsColumn template.HTML // fragments.go
	MostRead     template.HTML // mostread.go
	ShowMeta     bool
	Reviews      reviewsBlock
}

// relatedCount is how many related stories an article page lists.
const relatedCount = 5

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	s.articlePage(w, r, http.StatusOK, reviewForm{})
}

// articlePage renders a story; form carries a review that failed validation, to show again.
func (s *Server) articlePage(w http.ResponseWriter, r *http.Request, status int, form reviewForm) {
	lang, secSlug, slug := r.PathValue("lang"), r.PathValue("section"), r.PathValue("slug")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, now := r.Context(), s.cfg.Now()
	a, err := s.cfg.Store.PublicArticle(ctx, lang, slug, now)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	path := content.ArticlePath(a.Language, a.Section.Slug, a.Slug)
	if secSlug != a.Section.Slug {
		http.Redirect(w, r, path, http.StatusMovedPermanently)
		return
	}
	ap := articlePage{page: p, Article: a, Updated: a.UpdatedAt.Sub(a.PublishedAt) > time.Minute}
	ap.Body = template.HTML(a.BodyHTML) // #nosec G203 -- goldmark output, raw HTML sanitised by content.BodyPolicy
	if ap.Translations, err = s.cfg.Store.Translations(ctx, a, now); err != nil {
		s.fail(w, r, err)
		return
	}
	if ap.Related, err = s.cfg.Store.RelatedArticles(ctx, a, relatedCount, now); err != nil {
		s.fail(w, r, err)
		return
	}
	if ap.BriefsColumn, err = s.briefsColumn(ctx, lang, a.Section, now); err != nil {
		s.fail(w, r, err)
		return
	}
	ap.MostRead = s.mostRead(ctx, w, lang, now)
	countReads(w, a.ID)
	if meta, err := s.cfg.Store.Setting(ctx, "show_agency_meta", "0"); err == nil {
		ap.ShowMeta = meta == "1"
	}
	ap.Title = a.Headline
	ap.Description = a.Standfirst
	ap.CurrentSection = a.Section.Key
	ap.Feeds = append(feedLinks(a.Section.Name+" — "+p.SiteName, content.SectionPath(lang, a.Section.Slug)+"feed/"), ap.Feeds...)
	ap.Canonical = s.abs(path)
	// The head links the translations, and the language switch goes to them.
	versions := map[string]string{a.Language: path}
	for _, t := range ap.Translations {
		versions[t.Language] = content.ArticlePath(t.Language, t.SectionSlug, t.Slug)
	}
	s.setAlternates(&ap.page, versions, "")
	published, modified := a.PublishedAt.In(s.cfg.Location).Format(time.RFC3339), a.PublishedAt.In(s.cfg.Location).Format(time.RFC3339)
	if ap.Updated {
		modified = a.UpdatedAt.In(s.cfg.Location).Format(time.RFC3339)
	}
	ap.OG = openGraph("og:type", "article", "og:title", a.Headline, "og:description", a.Standfirst, "og:url", ap.Canonical,
		"og:site_name", p.SiteName, "article:published_time", published,
		"article:modified_time", modified, "article:section", a.Section.Name)
	ap.Share = s.leadShareImage(a.LeadImage)
	if ap.Reviews, err = s.reviewsBlock(r, a, form); err != nil {
		s.fail(w, r, err)
		return
	}
	// The page shows the story (and links its translations, whose changes purge this
	// key too), its reviews and form, and the section's briefs.
	tagKeys(w, cache.StoryPageKeys(a.ID, a.Language, a.Section.ID)...)
	// A related story that changes (or goes) purges the page; a new story that would be
	// related shows once the page is made again (maxEntryAge at the latest, or sooner when
	// the page is purged for another reason).
	for _, rel := range ap.Related {
		tagKeys(w, cache.ArticleKey(rel.ID))
	}
	if a.Author.ID != 0 {
		tagKeys(w, cache.BylineKey(a.Author.ID)) // the byline links to the author's page
	}
	if !ap.Reviews.Closed && s.cfg.Reviews != nil {
		if v, err := s.cfg.Store.Setting(ctx, review.SettingCloseAfterDays, "0"); err == nil {
			if days, _ := strconv.Atoi(v); days > 0 && !a.FirstPublishedAt.IsZero() {
				expireAt(w, a.FirstPublishedAt.Add(time.Duration(days)*24*time.Hour)) // the form closes by age
			}
		}
	}
	ap.JSONLD = s.newsArticleLD(ap, published, modified)
	if r.URL.Query().Get("review") != "" || status != http.StatusOK {
		w.Header().Set("Cache-Control", "no-store")
		ap.NoIndex = true
	}
	s.render(w, r, status, "article", &ap) // story.go writes its content
}

// The schema.org NewsArticle of a story, as structs rather than maps (a third of the cost),
// with the fields in the order json.Marshal gave the maps' keys before.
type (
	ldArticle struct {
		Context          string      `json:"@context"`
		Type             string      `json:"@type"`
		ArticleSection   string      `json:"articleSection"`
		Author           []ldPerson  `json:"author"`
		CommentCount     int         `json:"commentCount,omitempty"`
		Correction       []ldComment `json:"correction,omitempty"`
		DateModified     string      `json:"dateModified"`
		DatePublished    string      `json:"datePublished"`
		Description      string      `json:"description"`
		Headline         string      `json:"headline"`
		Image            []ldImage   `json:"image,omitempty"`
		InLanguage       string      `json:"inLanguage"`
		Keywords         []string    `json:"keywords,omitempty"`
		LocationCreated  *ldThing    `json:"locationCreated,omitempty"`
		MainEntityOfPage string      `json:"mainEntityOfPage"`
		Publisher        ldOrg       `json:"publisher"`
		URL              string      `json:"url"`
	}
	ldPerson struct {
		Type     string `json:"@type"`
		JobTitle string `json:"jobTitle,omitempty"`
		Name     string `json:"name"`
		URL      string `json:"url,omitempty"`
	}
	ldComment struct {
		Type          string `json:"@type"`
		DatePublished string `json:"datePublished"`
		Text          string `json:"text"`
	}
	ldImage struct {
		Type    string `json:"@type"`
		Caption string `json:"caption"`
		Height  int    `json:"height"`
		URL     string `json:"url"`
		Width   int    `json:"width"`
	}
	ldThing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	ldOrg struct {
		Type   string   `json:"@type"`
		Logo   *ldLogo  `json:"logo,omitempty"`
		Name   string   `json:"name"`
		SameAs []string `json:"sameAs,omitempty"` // the agency's profiles on the networks
		URL    string   `json:"url"`
	}
	ldLogo struct {
		Type   string `json:"@type"`
		Height int    `json:"height"`
		URL    string `json:"url"`
		Width  int    `json:"width"`
	}
)

// newsArticleLD builds the schema.org NewsArticle description of a story.
func (s *Server) newsArticleLD(ap articlePage, published, modified string) template.JS {
	a := ap.Article
	author := ldPerson{Type: "Person", Name: a.Byline, JobTitle: a.BylineRole}
	if a.Author.Slug != "" {
		author.URL = s.abs("/" + a.Language + "/author/" + a.Author.Slug)
	}
	ld := ldArticle{
		Context: "https://schema.org", Type: "NewsArticle",
		Headline: a.Headline, Description: a.Standfirst, DatePublished: published, DateModified: modified,
		InLanguage: a.Language, ArticleSection: a.Section.Name, MainEntityOfPage: ap.Canonical, URL: ap.Canonical,
		Author:    []ldPerson{author},
		Publisher: s.agencyLD(&ap.page),
	}
	// Comments are counted (schema.org's commentCount); neither they nor reviews are
	// given as Review or AggregateRating, which describe the rating of a thing, not of a
	// news story, and which many comments here would have no rating for.
	if rb := ap.Reviews; rb.Enabled && rb.Optional {
		ld.CommentCount = rb.Count
	}
	if a.Dateline != "" {
		ld.LocationCreated = &ldThing{Type: "Place", Name: a.Dateline}
	}
	for _, t := range a.Tags {
		ld.Keywords = append(ld.Keywords, t.Name)
	}
	for _, c := range a.Corrections {
		ld.Correction = append(ld.Correction, ldComment{Type: "CorrectionComment", Text: c.Text,
			DatePublished: c.CreatedAt.In(s.cfg.Location).Format(time.RFC3339)})
	}
	// The image is the lead image, or the brand's card (search engines show a story
	// with an image); the publisher is the agency with its logo.
	if img := a.LeadImage; img != nil && len(img.Renditions) > 0 {
		r := img.Renditions[len(img.Renditions)-1]
		ld.Image = []ldImage{{Type: "ImageObject", URL: s.mediaAbs(r.File), Width: r.Width, Height: r.Height, Caption: img.Caption}}
	} else if b := ap.Brand; b != nil {
		ld.Image = []ldImage{{Type: "ImageObject", URL: s.abs(b.Card.URL), Width: b.Card.Width, Height: b.Card.Height, Caption: b.Name}}
	}
	if b := ap.Brand; b != nil {
		ld.Publisher.Name = b.Name
		ld.Publisher.Logo = &ldLogo{Type: "ImageObject", URL: s.abs(b.Publisher.URL), Width: b.Publisher.Width, Height: b.Publisher.Height}
	}
	b, err := json.Marshal(ld) // escapes <, > and & so the script element cannot be closed early
	if err != nil {
		s.log.Error("jsonld_failed", "article", a.ID, "err", err)
		return ""
	}
	return template.JS(b) // #nosec G203 -- JSON from json.Marshal with HTML escaping
}

// agencyLD describes the agency as a schema.org NewsMediaOrganization: its site's name and
// home, and its profiles on the networks (the brand's settings) as sameAs.
func (s *Server) agencyLD(p *page) ldOrg {
	org := ldOrg{Type: "NewsMediaOrganization", Name: p.SiteName, URL: s.abs("/")}
	if p.Brand != nil {
		for _, pr := range p.Brand.Profiles {
			org.SameAs = append(org.SameAs, pr.URL)
		}
	}
	return org
}
