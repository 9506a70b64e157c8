package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
)

// legacyStore finds where an imported site's old URL went (store.LegacyTarget). It is
// optional: a Store without it has no old URLs.
type legacyStore interface {
	LegacyTarget(ctx context.Context, path string, now time.Time) (string, error)
}

// legacyRedirect answers an old URL of an imported WordPress or Ghost site (/?p=ID,
// /2024/05/01/slug/, /category/x/, /tag/x/ …) with a 301 to where it lives now, and reports
// whether it did. It runs only on the way to a 404 (and for the front page with a query),
// so it costs normal pages nothing.
func (s *Server) legacyRedirect(w http.ResponseWriter, r *http.Request) bool {
	ls, ok := s.cfg.Store.(legacyStore)
	if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return false
	}
	key := importer.LegacyKey(r.URL.Path, r.URL.RawQuery)
	if key == "" {
		return false
	}
	target, err := ls.LegacyTarget(r.Context(), key, s.cfg.Now())
	if err != nil {
		if !errors.Is(err, content.ErrNotFound) {
			s.log.WarnContext(r.Context(), "legacy_url_lookup_failed", "path", r.URL.Path, "err", err)
		}
		return false
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.Redirect(w, r, target, http.StatusMovedPermanently) // #nosec G710 -- target is a site path the importer stored for this old URL, not request input
	return true
}
