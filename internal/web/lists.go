package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
)

// perPage is the number of stories on a list page.
const perPage = 20

type listPage struct {
	page
	Heading     string
	Intro       string
	Stories     []content.ArticleSummary
	Pager       pager
	ShowBriefs  bool
	BriefsTitle string
	Briefs      []content.Brief
	BriefsURL   string
	Pictures    int // how many of the first stories show their lead image (section fronts)
}

// listStories fills the stories and pager of a list page at path; a page past the end is a 404.
func (s *Server) listStories(r *http.Request, lp *listPage, path string, q content.ListQuery) error {
	n, err := parsePage(r)
	if err != nil {
		return err
	}
	q.Limit, q.Offset = perPage+1, (n-1)*perPage
	list, err := s.cfg.Store.PublicArticles(r.Context(), q, s.cfg.Now())
	if err != nil {
		return err
	}
	if n > 1 && len(list) == 0 {
		return fmt.Errorf("page %d of %s: %w", n, path, content.ErrNotFound)
	}
	list, more := firstPage(list, perPage)
	lp.Pager = pageLinks(lp.T.T("pagination"), n, more, func(n int) string { return pageURL(path, n) }, lp.T.T("newer"), lp.T.T("older"))
	if n > 1 {
		lp.Title = lp.T.T("section_page", lp.Heading, n)
		lp.NoIndex = false
	}
	lp.Stories = list
	lp.Canonical = s.abs(pageURL(path, n))
	lp.OG = openGraph("og:type", "website", "og:title", lp.Title, "og:url", lp.Canonical, "og:site_name", lp.SiteName)
	return nil
}

func (s *Server) sectionFront(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sec, err := s.cfg.Store.SectionBySlug(r.Context(), lang, r.PathValue("section"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	path := content.SectionPath(lang, sec.Slug)
	lp := listPage{page: p, Heading: sec.Name, ShowBriefs: true, BriefsTitle: p.T.T("briefs_in", sec.Name),
		BriefsURL: path + "briefs/", Pictures: frontPictures}
	lp.Title, lp.CurrentSection = sec.Name, sec.Key
	lp.Feeds = feedLinks(sec.Name+" — "+p.SiteName, path+"feed/")
	lp.SectionFeed = sectionFeed{Name: sec.Name, Base: path + "feed/"}
	if err := s.listStories(r, &lp, path, content.ListQuery{Language: lang, SectionID: sec.ID}); err != nil {
		s.fail(w, r, err)
		return
	}
	if lp.Briefs, err = s.cfg.Store.PublicBriefs(r.Context(), content.BriefQuery{Language: lang, SectionID: sec.ID, Limit: 10}, s.cfg.Now()); err != nil {
		s.fail(w, r, err)
		return
	}
	if n, _ := parsePage(r); n == 1 { // later pages have no counterpart in other languages
		if err := s.sectionAlternates(r, &lp.page, sec.Key, ""); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	tagKeys(w, cache.StoryList{Language: lang, SectionID: sec.ID}.Key(), cache.BriefList{Language: lang, SectionID: sec.ID}.Key())
	s.render(w, r, http.StatusOK, "list", lp)
}

func (s *Server) tagPage(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	p, err := s.base(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, tag, err := s.cfg.Store.PublicTagBySlug(r.Context(), lang, r.PathValue("tag"), s.cfg.Now())
	if err != nil {
		s.failOrRenamedTag(w, r, err, "")
		return
	}
	lp := listPage{page: p, Heading: p.T.T("tagged", tag.Name)}
	lp.Title = lp.Heading
	lp.Feeds = feedLinks(lp.Heading+" — "+p.SiteName, "/"+lang+"/tag/"+tag.Slug+"/feed/")
	if err := s.listStories(r, &lp, "/"+lang+"/tag/"+tag.Slug, content.ListQuery{Language: lang, TagID: id}); err != nil {
		s.fail(w, r, err)
		return
	}
	keys, err := s.tagTranslations(r, &lp, id, "/"+lang+"/tag/"+tag.Slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tagKeys(w, append(keys, cache.StoryList{Language: lang, TagID: id}.Key())...)
	s.render(w, r, http.StatusOK, "list", lp)
}

// tagTranslations links a tag page to its translations that public stories carry
// (hreflang alternates) and returns the keys of all its translations: the first public
// story of one purges this page.
func (s *Server) tagTranslations(r *http.Request, lp *listPage, id int64, path string) ([]string, error) {
	trs, err := s.cfg.Store.TagTranslationsAt(r.Context(), id, s.cfg.Now())
	if err != nil {
		return nil, err
	}
	var keys []string
	versions := map[string]string{lp.Lang: path}
	for _, t := range trs {
		keys = append(keys, cache.TagKey(t.ID))
		if t.Stories > 0 {
			versions[t.Language] = "/" + t.Language + "/tag/" + t.Slug
		}
	}
	if n, _ := parsePage(r); n == 1 {
		s.setAlternates(&lp.page, versions, "")
	}
	return keys, nil
}

// failOrRenamedTag answers a tag address that found no tag: 301 to the tag's address now
// when a tag was renamed from it (rest follows the tag's slug, as /feed/rss.xml does), else
// err. The redirect carries the tag's key, so that renaming it again purges it.
func (s *Server) failOrRenamedTag(w http.ResponseWriter, r *http.Request, err error, rest string) {
	if !errors.Is(err, content.ErrNotFound) {
		s.fail(w, r, err)
		return
	}
	lang := r.PathValue("lang")
	id, slug, rerr := s.cfg.Store.TagRedirect(r.Context(), lang, r.PathValue("tag"))
	if rerr != nil {
		if !errors.Is(rerr, content.ErrNotFound) {
			err = rerr
		}
		s.fail(w, r, err)
		return
	}
	tagKeys(w, cache.TagKey(id))
	http.Redirect(w, r, "/"+lang+"/tag/"+slug+rest, http.StatusMovedPermanently) // #nosec G710 -- a local path made of a site language and a stored slug
}
