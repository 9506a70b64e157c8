package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
)

// legacyRedirect answers an old URL of an imported WordPress or Ghost site (/?p=ID,
// /2024/05/01/slug/, /category/x/, /tag/x/, /author/x/, /2024/05/, /feed/ …: see
// importer.ResolveLegacy) with a 301 to where it lives now, and reports whether it did.
// It runs only on the way to a 404 (and for the front page with a query), so it costs
// normal pages nothing, and our own routes always win over an old site's paths. The Store
// resolves old URLs when it implements importer.LegacyStore; a Store without it has none.
func (s *Server) legacyRedirect(w http.ResponseWriter, r *http.Request) bool {
	ls, ok := s.cfg.Store.(importer.LegacyStore)
	if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return false
	}
	target, err := importer.ResolveLegacy(r.Context(), ls, r.URL.Path, r.URL.RawQuery, s.cfg.Location, s.cfg.Now())
	if err != nil {
		if !errors.Is(err, content.ErrNotFound) {
			s.log.WarnContext(r.Context(), "legacy_url_lookup_failed", "path", r.URL.Path, "err", err)
		}
		return false
	}
	if target == r.URL.Path {
		return false // never a redirect to itself
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.Redirect(w, r, target, http.StatusMovedPermanently) // #nosec G710 -- target is a site path built from what the importer stored, not request input
	return true
}

// twoSegments answers a two-segment path without its final slash: in a language of the
// site, the same path with the slash (a section front), as the router would; anything else
// (an old site's /category/x, /tag/x, /2024/05) is the not-found path, with its old-URL
// lookup, so that an old URL is answered with one redirect, not two.
func (s *Server) twoSegments(w http.ResponseWriter, r *http.Request) {
	langs, err := s.cfg.Store.Languages(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, l := range langs {
		if l.Code == r.PathValue("lang") {
			// Built from the site's own language code and the escaped segment, so the target
			// is always a path of this site (never //host or a scheme).
			target := "/" + l.Code + "/" + url.PathEscape(r.PathValue("section")) + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusTemporaryRedirect) // #nosec G710 -- a path of this site: a known language code and an escaped segment
			return
		}
	}
	s.notFound(w, r)
}
