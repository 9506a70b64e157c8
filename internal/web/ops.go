package web

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/i18n"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.cfg.Store.Ping(r.Context()); err != nil {
		s.log.WarnContext(r.Context(), "not_ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unreachable\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	body := "User-agent: *\nDisallow: /newsroom/\nDisallow: /api/\n"
	if s.cfg.BaseURL != "" {
		// The index lists every sitemap; the news sitemap is named too, for the crawlers
		// that read robots.txt but not the index's entries (Google News among them).
		body += "\nSitemap: " + s.abs("/sitemap.xml") + "\nSitemap: " + s.abs("/news-sitemap.xml") + "\n"
	}
	_, _ = w.Write([]byte(body))
}

func (s *Server) staticAsset(w http.ResponseWriter, r *http.Request) {
	f, ok := s.static[r.PathValue("file")]
	s.serveHashed(w, r, f, ok)
}

// serveHashed answers with a file named by a hash of its bytes, cacheable for a year
// (not found when !ok).
func (s *Server) serveHashed(w http.ResponseWriter, r *http.Request, f staticFile, ok bool) {
	if !ok {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(f.body)
}

// root answers with the home page in the language the browser prefers (the same page, and
// the same cache entry, as /{lang}/, whose address is its canonical link), so that the
// site's address shows the site without a redirect.
func (s *Server) root(w http.ResponseWriter, r *http.Request) {
	if r.URL.RawQuery != "" && s.legacyRedirect(w, r) {
		return
	}
	lang := i18n.AcceptLanguage(r.Header.Get("Accept-Language"))
	langs, err := s.cfg.Store.Languages(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ok := false
	for _, l := range langs {
		ok = ok || l.Code == lang
	}
	if !ok && len(langs) > 0 {
		lang = langs[0].Code
	}
	home := r.Clone(r.Context())
	home.URL.Path, home.URL.RawPath = "/"+lang+"/", ""
	home.SetPathValue("lang", lang)
	s.cached(s.home)(&varyLanguage{ResponseWriter: w, lang: lang}, home)
}

// languageRoot answers a one-segment path: a language code without its slash goes to
// that language's home page, anything else (an old site's /slug, /metrics on a site that
// serves its metrics elsewhere, a typo) is the not-found path, with its old-URL lookup.
// Without this route the router would answer every such path with a redirect to the
// same path plus a slash.
func (s *Server) languageRoot(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	langs, err := s.cfg.Store.Languages(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, l := range langs {
		if l.Code == lang {
			http.Redirect(w, r, "/"+l.Code+"/", http.StatusMovedPermanently)
			return
		}
	}
	s.notFound(w, r)
}

// varyLanguage marks an answer as chosen by Accept-Language, whatever the page's own
// headers say, just before they are sent.
type varyLanguage struct {
	http.ResponseWriter
	lang string
	done bool
}

func (v *varyLanguage) mark() {
	if !v.done {
		v.done = true
		h := v.Header()
		h.Set("Vary", "Accept-Encoding, Accept-Language")
		h.Set("Content-Language", v.lang)
		h.Set("Content-Location", "/"+v.lang+"/")
	}
}

func (v *varyLanguage) WriteHeader(code int) { v.mark(); v.ResponseWriter.WriteHeader(code) }

func (v *varyLanguage) Write(b []byte) (int, error) { v.mark(); return v.ResponseWriter.Write(b) }

func (v *varyLanguage) Unwrap() http.ResponseWriter { return v.ResponseWriter }
