package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"image"
	_ "image/png" // the brand's images
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/brand"
	"github.com/newsdesk/newsdesk/internal/store"
)

var metaRe = regexp.MustCompile(`<meta (property|name)="([^"]+)" content="([^"]*)">`)

// headMeta reads a page's <meta property|name> tags: each key's values in order.
func headMeta(body string) map[string][]string {
	out := map[string][]string{}
	for _, m := range metaRe.FindAllStringSubmatch(body, -1) {
		out[m[2]] = append(out[m[2]], html.UnescapeString(m[3]))
	}
	return out
}

// checkImage fetches an absolute image URL of the site and holds it to the size given.
func checkImage(t *testing.T, s *demoSite, what, u string, w, h int) {
	t.Helper()
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		t.Errorf("%s %q is not an absolute http(s) URL", what, u)
		return
	}
	resp, body := s.get(t, pu.Path)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "image/") {
		t.Errorf("%s %s = %d %s", what, u, resp.StatusCode, resp.Header.Get("Content-Type"))
		return
	}
	if resp.Header.Get("Content-Type") == "image/svg+xml" { // a drawing: its size is the upload's, read when it came in
		if w <= 0 || h <= 0 || !strings.Contains(body, "<svg") {
			t.Errorf("%s %s: SVG of %dx%d", what, u, w, h)
		}
		return
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader([]byte(body)))
	if err != nil || cfg.Width != w || cfg.Height != h {
		t.Errorf("%s %s is %dx%d (%v), its tags say %dx%d", what, u, cfg.Width, cfg.Height, err, w, h)
	}
}

// TestLinkPreviews holds the pages' share tags to the Open Graph and X/Twitter card rules:
// the required properties (og:title, og:type, og:url, og:image), absolute image URLs of
// images of the size the tags give, large-image cards over an image at least 1200 wide
// (the brand's card, 1200×630, on a story without a picture of its own: summary card
// with the square icon), og:locale in language_TERRITORY form with the translations'
// locales; and the story's NewsArticle JSON-LD with an image and the publisher's logo.
func TestLinkPreviews(t *testing.T) {
	s := newDemoSite(t, filepath.Join(t.TempDir(), "site.db"))
	locale := regexp.MustCompile(`^[a-z]{2}_[A-Z]{2}$`)
	tests := []struct {
		name, path, card, locale string
		alternates               []string
	}{
		{"story without a picture", leadEN, "summary", "en_GB", []string{"ru_RU", "az_AZ"}},
		{"home", "/ru/", "summary_large_image", "ru_RU", []string{"en_GB", "az_AZ"}},
		{"section front", "/az/siyaset/", "summary_large_image", "az_AZ", []string{"en_GB", "ru_RU"}},
		{"briefs", "/en/politics/briefs/", "summary_large_image", "en_GB", []string{"ru_RU", "az_AZ"}},
		{"tag", "/en/tag/diplomacy", "summary_large_image", "en_GB", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := s.get(t, tc.path)
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d", tc.path, resp.StatusCode)
			}
			m := headMeta(body)
			one := func(k string) string {
				if len(m[k]) != 1 || m[k][0] == "" {
					t.Errorf("%s: %v, want one value", k, m[k])
					return ""
				}
				return m[k][0]
			}
			for _, k := range []string{"og:title", "og:type", "og:url", "og:site_name", "og:image:alt", "twitter:title", "twitter:image:alt"} {
				one(k)
			}
			if u := one("og:url"); !strings.HasPrefix(u, s.srv.URL+"/") {
				t.Errorf("og:url %q is not absolute", u)
			}
			w, _ := strconv.Atoi(one("og:image:width"))
			h, _ := strconv.Atoi(one("og:image:height"))
			checkImage(t, s, "og:image", one("og:image"), w, h)
			if got := one("og:locale"); got != tc.locale || !locale.MatchString(got) {
				t.Errorf("og:locale %q, want %q", got, tc.locale)
			}
			if strings.Join(m["og:locale:alternate"], " ") != strings.Join(tc.alternates, " ") {
				t.Errorf("og:locale:alternate %v, want %v", m["og:locale:alternate"], tc.alternates)
			}
			card := one("twitter:card")
			if card != tc.card {
				t.Errorf("twitter:card %q, want %q", card, tc.card)
			}
			img := one("twitter:image")
			switch card {
			case "summary_large_image":
				if img != one("og:image") || w < 1200 || w*10 < h*19 {
					t.Errorf("large card over %s (%dx%d)", img, w, h)
				}
			case "summary":
				checkImage(t, s, "twitter:image", img, 180, 180)
			}
		})
	}

	_, body := s.get(t, leadEN)
	icon := regexp.MustCompile(`<link rel="icon" href="(/brand/[^"]+\.png)" sizes="32x32" type="image/png">`).FindStringSubmatch(body)
	touch := regexp.MustCompile(`<link rel="apple-touch-icon" href="(/brand/[^"]+\.png)">`).FindStringSubmatch(body)
	if icon == nil || touch == nil || strings.Contains(body, "data:,") {
		t.Fatal("the page does not name the brand's icons (or names a data: one)")
	}
	checkImage(t, s, "icon", s.srv.URL+icon[1], 32, 32)
	checkImage(t, s, "touch icon", s.srv.URL+touch[1], 180, 180)
	checkImage(t, s, "/favicon.ico", s.srv.URL+"/favicon.ico", 32, 32)
	if resp, _ := s.get(t, "/brand/card-000000000000.png"); resp.StatusCode != 404 {
		t.Errorf("an unknown brand file answered %d", resp.StatusCode)
	}
	var ld struct {
		Image []struct {
			Type          string `json:"@type"`
			URL           string `json:"url"`
			Width, Height int
		} `json:"image"`
		Publisher struct {
			Type, Name string
			Logo       struct {
				Type          string `json:"@type"`
				URL           string `json:"url"`
				Width, Height int
			} `json:"logo"`
		} `json:"publisher"`
	}
	mm := ldRe.FindStringSubmatch(body)
	if mm == nil || json.Unmarshal([]byte(mm[1]), &ld) != nil {
		t.Fatal("no parseable JSON-LD")
	}
	if len(ld.Image) != 1 || ld.Image[0].Type != "ImageObject" {
		t.Fatalf("JSON-LD image %+v", ld.Image)
	}
	checkImage(t, s, "JSON-LD image", ld.Image[0].URL, ld.Image[0].Width, ld.Image[0].Height)
	if ld.Publisher.Name != "Caspian Wire" || ld.Publisher.Logo.Type != "ImageObject" {
		t.Errorf("JSON-LD publisher %+v", ld.Publisher)
	}
	checkImage(t, s, "publisher logo", ld.Publisher.Logo.URL, ld.Publisher.Logo.Width, ld.Publisher.Logo.Height)
}

// TestBrandOnPages: the demo's brand is on its pages — the logo in the masthead beside
// the name, the accent in a stylesheet of its own after the site's — and a change of
// brand purges every cached page, which then names the new files.
func TestBrandOnPages(t *testing.T) {
	ctx := context.Background()
	s := newDemoSite(t, filepath.Join(t.TempDir(), "site.db"))
	logoRe := regexp.MustCompile(`<a class="brand" href="/ru/"><img class="brand-logo" src="(/brand/logo-[0-9a-f]+\.svg)" width="48" height="48" alt=""> <span>Каспийская лента</span></a>`)
	cssRe := regexp.MustCompile(`<link rel="stylesheet" href="/static/site\.[0-9a-f]+\.css">\n<link rel="stylesheet" href="(/brand/accent-[0-9a-f]+\.css)">`)
	_, page := s.get(t, "/ru/")
	logo, css := logoRe.FindStringSubmatch(page), cssRe.FindStringSubmatch(page)
	if logo == nil || css == nil {
		t.Fatalf("the masthead's logo or the accent's stylesheet is missing:\n%s", page[:min(len(page), 3000)])
	}
	if resp, body := s.get(t, logo[1]); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(body, "<svg") {
		t.Errorf("logo %s = %d %s", logo[1], resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if resp, body := s.get(t, css[1]); resp.StatusCode != 200 || !strings.Contains(body, "--accent: #0b5c6b;") ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("accent stylesheet %s = %d %q", css[1], resp.StatusCode, body)
	}
	if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetSetting(ctx, brand.SettingAccent, "#6b2c91"); err != nil {
			return err
		}
		return tx.SetSetting(ctx, brand.SettingLogo, "")
	}); err != nil {
		t.Fatal(err)
	}
	_, page = s.get(t, "/ru/")
	css2 := cssRe.FindStringSubmatch(page)
	if css2 == nil || css2[1] == css[1] || strings.Contains(page, "brand-logo") {
		t.Fatalf("the cached page kept the old brand: %v", css2)
	}
	if _, body := s.get(t, css2[1]); !strings.Contains(body, "--accent: #6b2c91;") {
		t.Errorf("new accent stylesheet: %q", body)
	}
	if resp, _ := s.get(t, css[1]); resp.StatusCode != 200 {
		t.Errorf("the old stylesheet, which pages cached elsewhere name, = %d", resp.StatusCode)
	}
}
