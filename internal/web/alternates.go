package web

import (
	"context"
	"net/http"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Translations of a page. A page that exists in several languages — a story, the home
// page, a section front, its briefs, a tag — names each version in the head
// (<link rel="alternate" hreflang>, in the site's language order, then x-default) and
// sends the language switch to it rather than to the other language's home page.

// setAlternates links p to its versions: paths maps a language code to the site path of
// the page in that language (p's own included). xDefault is the path for readers of no
// listed language; empty takes the version in the site's first language that has one.
// A page in one language only gets no alternates.
func (s *Server) setAlternates(p *page, paths map[string]string, xDefault string) {
	if len(paths) < 2 {
		return
	}
	p.Alternates = p.Alternates[:0]
	for i, l := range p.LangLinks {
		path, ok := paths[l.Code]
		if !ok {
			continue
		}
		if xDefault == "" {
			xDefault = path
		}
		p.Alternates = append(p.Alternates, alternate{Lang: l.Code, URL: s.abs(path)})
		p.LangLinks[i].URL = path
		if l.Code != p.Lang {
			p.LocaleAlts = append(p.LocaleAlts, l.Code)
		}
	}
	if xDefault != "" {
		p.Alternates = append(p.Alternates, alternate{Lang: "x-default", URL: s.abs(xDefault)})
	}
}

// sectionAlternates links p, a page of the section of key, to its versions in the other
// languages that have the section: the section's path followed by suffix.
func (s *Server) sectionAlternates(r *http.Request, p *page, key, suffix string) error {
	paths, err := s.sectionPaths(r.Context(), p.LangLinks, key, suffix)
	if err != nil {
		return err
	}
	s.setAlternates(p, paths, "")
	return nil
}

// sectionPaths maps each language that has the section of key to the path of the
// section's page, its front followed by suffix ("" for the front, "briefs/" …).
func (s *Server) sectionPaths(ctx context.Context, langs []langLink, key, suffix string) (map[string]string, error) {
	paths := make(map[string]string, len(langs))
	for _, l := range langs {
		secs, err := s.cfg.Store.Sections(ctx, l.Code) // kept in memory between changes (store/memo.go)
		if err != nil {
			return nil, err
		}
		for _, sec := range secs {
			if sec.Key == key {
				paths[l.Code] = content.SectionPath(l.Code, sec.Slug) + suffix
			}
		}
	}
	return paths, nil
}
