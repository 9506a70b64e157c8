package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"sync"

	"github.com/newsdesk/newsdesk/internal/brand"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The agency's brand on the public site (internal/brand holds the values and draws the
// images). Its files — the logo, the icons, the share card, the accent's stylesheet — are
// served at /brand/<name>-<hash>.<ext>, cached for a year like /static/: a change of
// brand gives new names, and purges every page (a setting), which then names them.

// brandImage is an image of the brand as pages show it.
type brandImage struct {
	URL           string // site path
	Width, Height int
}

// brandState is the brand as the settings have it, with its files made.
type brandState struct {
	raw         []string   // the settings' values (brandKeys, the fallback name, the profiles) it was made of
	Name        string     // the agency's name
	Logo        brandImage // none: URL ""
	LogoHasName bool
	Icon, Touch brandImage      // 32 and 180 pixels
	Card        brandImage      // the default share image, 1200×630
	Publisher   brandImage      // the JSON-LD publisher's logo: the logo, else the monogram
	Stylesheet  string          // the accent's stylesheet; "" when the accent is the stylesheet's own
	Profiles    []brand.Profile // the agency's profiles on the networks, in the footer's order
	files       map[string]staticFile
}

// brandKeys are the settings the brand is made of, in brandState.raw's order.
var brandKeys = [...]string{brand.SettingName, brand.SettingAccent, brand.SettingLogo, brand.SettingLogoHasName,
	brand.SettingIcon, brand.SettingCard}

// brandFiles keeps the brand as last made and the files of the brands before it (a page
// cached elsewhere may still name them).
type brandFiles struct {
	mu    sync.Mutex
	cur   *brandState
	older []map[string]staticFile // the last few brands' files, newest last
}

// brand returns the brand as the settings have it; fallback is the agency's name when
// the settings give none (the first language's site name). It is made again only when a
// setting changed: the comparison is of the kept strings, which the store hands out
// unchanged between changes.
func (s *Server) brand(ctx context.Context, fallback string) (*brandState, error) {
	networks := brand.Networks()
	raw := make([]string, 0, len(brandKeys)+1+len(networks))
	for _, k := range brandKeys {
		v, err := s.cfg.Store.Setting(ctx, k, "")
		if err != nil {
			return nil, err
		}
		raw = append(raw, v)
	}
	raw = append(raw, fallback)
	for _, n := range networks {
		v, err := s.cfg.Store.Setting(ctx, n.Setting, "")
		if err != nil {
			return nil, err
		}
		raw = append(raw, v)
	}
	s.brandFiles.mu.Lock()
	cur := s.brandFiles.cur
	s.brandFiles.mu.Unlock()
	if cur != nil && slices.Equal(cur.raw, raw) {
		return cur, nil
	}
	b, err := s.makeBrand(raw)
	if err != nil {
		return nil, err
	}
	s.brandFiles.mu.Lock()
	defer s.brandFiles.mu.Unlock()
	if s.brandFiles.cur != nil {
		s.brandFiles.older = append(s.brandFiles.older, s.brandFiles.cur.files)
		if len(s.brandFiles.older) > 4 {
			s.brandFiles.older = s.brandFiles.older[1:]
		}
	}
	s.brandFiles.cur = b
	return b, nil
}

// makeBrand makes the brand of the settings' values raw: reads the uploads, draws what
// was not uploaded.
func (s *Server) makeBrand(raw []string) (*brandState, error) {
	b := &brandState{raw: raw, Name: raw[0], LogoHasName: raw[3] == "1", files: map[string]staticFile{}}
	if b.Name == "" {
		b.Name = raw[len(brandKeys)]
	}
	accent := brand.DefaultAccent
	if raw[1] != "" {
		// The settings page saves valid values only; one that is not (written by hand)
		// is passed over rather than failing every page.
		if c, err := brand.ParseAccent(raw[1]); err != nil {
			s.log.Warn("brand_setting_ignored", "setting", brand.SettingAccent, "err", err)
		} else {
			accent = c
			b.Stylesheet = b.add("accent", ".css", "text/css; charset=utf-8", []byte(brand.Stylesheet(c)))
		}
	}
	if logo, ok, err := brand.DecodeAsset(raw[2]); err != nil {
		s.log.Warn("brand_setting_ignored", "setting", brand.SettingLogo, "err", err)
	} else if ok {
		b.Logo = brandImage{URL: b.add("logo", logo.Ext(), logo.Type, logo.Data), Width: logo.Width, Height: logo.Height}
		b.Publisher = b.Logo
	}
	icon, ok, err := brand.DecodeAsset(raw[4])
	if err != nil {
		s.log.Warn("brand_setting_ignored", "setting", brand.SettingIcon, "err", err)
	}
	if !ok {
		png, err := brand.Monogram(b.Name, accent, brand.IconSize)
		if err != nil {
			return nil, err
		}
		icon = brand.Asset{Type: "image/png", Width: brand.IconSize, Height: brand.IconSize, Data: png}
	}
	b.Touch = brandImage{URL: b.add("touch", ".png", "image/png", icon.Data), Width: icon.Width, Height: icon.Height}
	small, err := brand.ShrinkIcon(icon, 32)
	if err != nil {
		return nil, err
	}
	b.Icon = brandImage{URL: b.add("icon", ".png", "image/png", small), Width: 32, Height: 32}
	if b.Publisher.URL == "" {
		b.Publisher = b.Touch
	}
	card, ok, err := brand.DecodeAsset(raw[5])
	if err != nil {
		s.log.Warn("brand_setting_ignored", "setting", brand.SettingCard, "err", err)
	}
	if !ok {
		address := s.cfg.BaseURL
		if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Host != "" {
			address = u.Host
		}
		png, err := brand.Card(b.Name, address, accent)
		if err != nil {
			return nil, err
		}
		card = brand.Asset{Type: "image/png", Width: brand.CardWidth, Height: brand.CardHeight, Data: png}
	}
	b.Card = brandImage{URL: b.add("card", card.Ext(), card.Type, card.Data), Width: card.Width, Height: card.Height}
	for i, n := range brand.Networks() {
		u, err := brand.CheckProfileURL(raw[len(brandKeys)+1+i])
		if err != nil { // written by hand: passed over, as a bad accent is
			s.log.Warn("brand_setting_ignored", "setting", n.Setting, "err", err)
		}
		if u != "" {
			b.Profiles = append(b.Profiles, brand.Profile{Network: n.Name, URL: u})
		}
	}
	return b, nil
}

// add keeps a file of the brand under its name and a hash of its bytes, and returns its
// path.
func (b *brandState) add(name, ext, ctype string, data []byte) string {
	sum := sha256.Sum256(data)
	file := name + "-" + hex.EncodeToString(sum[:6]) + ext
	b.files[file] = staticFile{body: data, ctype: ctype}
	return "/brand/" + file
}

// brandFile serves a file of the brand: of the current one, made if need be, or of one
// of the last few.
func (s *Server) brandFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	f, ok := s.findBrandFile(name)
	if !ok {
		if _, err := s.siteBrand(r); err != nil {
			s.fail(w, r, err)
			return
		}
		f, ok = s.findBrandFile(name)
	}
	s.serveHashed(w, r, f, ok)
}

func (s *Server) findBrandFile(name string) (staticFile, bool) {
	s.brandFiles.mu.Lock()
	defer s.brandFiles.mu.Unlock()
	if s.brandFiles.cur != nil {
		if f, ok := s.brandFiles.cur.files[name]; ok {
			return f, true
		}
	}
	for _, files := range s.brandFiles.older {
		if f, ok := files[name]; ok {
			return f, true
		}
	}
	return staticFile{}, false
}

// favicon answers /favicon.ico, which browsers ask for whatever the page says, with the
// brand's 32-pixel icon (a PNG: every browser reads it under that name).
func (s *Server) favicon(w http.ResponseWriter, r *http.Request) {
	b, err := s.siteBrand(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, _ := s.findBrandFile(b.Icon.URL[len("/brand/"):])
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(f.body)
}

// siteBrand is the brand with the first language's site name as the fallback name.
func (s *Server) siteBrand(r *http.Request) (*brandState, error) {
	langs, err := s.cfg.Store.Languages(r.Context())
	if err != nil {
		return nil, err
	}
	return s.brand(r.Context(), fallbackName(langs))
}

// fallbackName is the agency's name where the settings give none: the site name of the
// site's first language.
func fallbackName(langs []content.Language) string {
	if len(langs) == 0 {
		return ""
	}
	return langs[0].SiteName
}
