package web

import (
	"net/http"
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
		s.log.Warn("not_ready", "err", err)
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
		body += "\nSitemap: " + s.cfg.BaseURL + "/sitemap.xml\n"
	}
	_, _ = w.Write([]byte(body))
}

func (s *Server) staticAsset(w http.ResponseWriter, r *http.Request) {
	f, ok := s.static[r.PathValue("file")]
	if !ok {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(f.body)
}

// root sends a visitor to the home page in the language the browser prefers.
func (s *Server) root(w http.ResponseWriter, r *http.Request) {
	lang := acceptLanguage(r.Header.Get("Accept-Language"))
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
	w.Header().Set("Vary", "Accept-Language")
	w.Header().Set("Cache-Control", "public, max-age=300")
	http.Redirect(w, r, "/"+lang+"/", http.StatusFound)
}
