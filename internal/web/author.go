package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

// authorPage is an author's page in one language: name, photo, role, bio and links,
// then their latest stories in that language, paginated.
type authorPage struct {
	listPage
	Role     string
	Bio      []string // paragraphs
	BioLang  string   // the bio's language when it is not the page's ("" when it is)
	Photo    *authorPhoto
	Links    []content.AuthorLink
	LinksFor string // the links' accessible name
}

// authorPhoto is the author's photo as the page shows it.
type authorPhoto struct {
	Src, Srcset, Alt string
	Width, Height    int
}

// ldProfile is the schema.org Person an author's page describes.
type ldProfile struct {
	Context     string   `json:"@context"`
	Type        string   `json:"@type"`
	Description string   `json:"description,omitempty"`
	Image       string   `json:"image,omitempty"`
	JobTitle    string   `json:"jobTitle,omitempty"`
	Name        string   `json:"name"`
	SameAs      []string `json:"sameAs,omitempty"`
	URL         string   `json:"url"`
	WorksFor    ldOrg    `json:"worksFor"`
}

func (s *Server) authorPage(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.cfg.Store.AuthorProfileBySlug(r.Context(), r.PathValue("author"))
	if err != nil {
		s.failOrMovedAuthor(w, r, err)
		return
	}
	var order []string
	for _, l := range p.LangLinks {
		order = append(order, l.Code)
	}
	// A member of staff has a page in every language from the start; another author (an
	// imported writer without an active account) has one once a story of theirs is public.
	if !a.Staff {
		if err := s.authorHasStory(r, a.ID, order); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	text, bioLang := a.In(lang, order)
	path := content.AuthorPath(lang, a.Slug)
	ap := authorPage{listPage: listPage{page: p, Heading: text.Name}, Role: text.Role, Links: a.Links,
		LinksFor: p.T.T("author_links", text.Name)}
	ap.Title = text.Name
	ap.Description = text.Role
	if bioLang != lang {
		ap.BioLang = bioLang
	}
	for para := range strings.SplitSeq(text.Bio, "\n") {
		if para = strings.TrimSpace(para); para != "" {
			ap.Bio = append(ap.Bio, para)
		}
	}
	if ph := a.Photo; ph != nil && len(ph.Renditions) > 0 {
		img := ph.In(lang)
		alt := img.Alt
		if alt == "" {
			alt = text.Name
		}
		r0 := img.Renditions[0]
		ap.Photo = &authorPhoto{Src: s.mediaBase() + r0.File, Alt: alt, Width: r0.Width, Height: r0.Height}
		var set []string
		for _, rd := range img.Renditions {
			set = append(set, fmt.Sprintf("%s%s %dw", s.mediaBase(), rd.File, rd.Width))
		}
		ap.Photo.Srcset = strings.Join(set, ", ")
	}
	if err := s.listStories(r, &ap.listPage, path, content.ListQuery{Language: lang, AuthorID: a.ID}); err != nil {
		s.fail(w, r, err)
		return
	}
	ap.OG = openGraph("og:type", "profile", "og:title", ap.Title, "og:url", ap.Canonical, "og:site_name", ap.SiteName)
	paths := map[string]string{}
	for _, l := range order {
		paths[l] = content.AuthorPath(l, a.Slug)
	}
	if n, _ := parsePage(r); n == 1 { // later pages are not versions of each other
		s.setAlternates(&ap.page, paths, "")
	}
	ap.JSONLD = s.personLD(&ap, a)
	tagKeys(w, cache.AuthorKey(a.ID))
	s.render(w, r, http.StatusOK, "author", &ap)
}

// authorHasStory answers content.ErrNotFound when the author has no public story in any
// of the site's languages.
func (s *Server) authorHasStory(r *http.Request, id int64, langs []string) error {
	for _, l := range langs {
		one, err := s.cfg.Store.PublicArticles(r.Context(), content.ListQuery{Language: l, AuthorID: id, Limit: 1}, s.cfg.Now())
		if err != nil || len(one) > 0 {
			return err
		}
	}
	return fmt.Errorf("author %d: no public story: %w", id, content.ErrNotFound)
}

// personLD describes the author as a schema.org Person.
func (s *Server) personLD(ap *authorPage, a content.AuthorProfile) template.JS {
	ld := ldProfile{Context: "https://schema.org", Type: "Person", Name: ap.Heading, JobTitle: ap.Role,
		Description: strings.Join(ap.Bio, " "), URL: s.abs(content.AuthorPath(ap.Lang, a.Slug)),
		WorksFor: s.agencyLD(&ap.page)}
	if ap.Photo != nil {
		ld.Image = s.abs(ap.Photo.Src)
	}
	for _, l := range a.Links {
		if !l.Email() {
			ld.SameAs = append(ld.SameAs, l.URL)
		}
	}
	b, err := json.Marshal(ld) // escapes <, > and & so the script element cannot be closed early
	if err != nil {
		s.log.Error("jsonld_failed", "author", a.ID, "err", err)
		return ""
	}
	return template.JS(b) // #nosec G203 -- JSON from json.Marshal with HTML escaping
}

// failOrMovedAuthor answers an author address that found no author: 301 to the author's
// page now (the same language and query) when an author's slug was changed from it, else
// err. The redirect carries the author's key, so that changing the slug again purges it.
func (s *Server) failOrMovedAuthor(w http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, content.ErrNotFound) {
		s.fail(w, r, err)
		return
	}
	id, slug, rerr := s.cfg.Store.AuthorRedirect(r.Context(), r.PathValue("author"))
	if rerr != nil {
		if !errors.Is(rerr, content.ErrNotFound) {
			err = rerr
		}
		s.fail(w, r, err)
		return
	}
	to := content.AuthorPath(r.PathValue("lang"), slug)
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	tagKeys(w, cache.AuthorKey(id))
	http.Redirect(w, r, to, http.StatusMovedPermanently) // #nosec G710 -- a local path made of a site language and a stored slug
}
