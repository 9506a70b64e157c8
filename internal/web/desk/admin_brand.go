package desk

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/brand"
)

// The brand page: the agency's name, accent colour, logo, icon and default share image,
// and its profiles on the networks (internal/brand; the public site shows them). Settings like the others: admins only,
// saved in one audited transaction, and the save purges every public page.

type brandView struct {
	view
	Name, Accent              string
	HasLogo, HasIcon, HasCard bool
	LogoHasName               bool
	Profiles                  []profileField
}

// profileField is a network's field of the brand form, with the address saved.
type profileField struct {
	Field, Name, URL string
}

func (d *Desk) brandPage(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	set, err := d.svc.Settings(r.Context(), *u, brand.Settings())
	if err != nil {
		d.fail(w, r, err)
		return
	}
	bv := brandView{view: d.baseView(w, r, u, "Brand"), Name: set[brand.SettingName], Accent: set[brand.SettingAccent],
		HasLogo: set[brand.SettingLogo] != "", HasIcon: set[brand.SettingIcon] != "", HasCard: set[brand.SettingCard] != "",
		LogoHasName: set[brand.SettingLogoHasName] == "1"}
	for _, n := range brand.Networks() {
		bv.Profiles = append(bv.Profiles, profileField{Field: n.Field, Name: n.Name, URL: set[n.Setting]})
	}
	bv.Nav = "settings"
	if bv.Accent == "" {
		bv.Accent = brand.Hex(brand.DefaultAccent)
	}
	bv.Notice = notices[r.URL.Query().Get("notice")]
	d.render(w, r, http.StatusOK, "brand", bv)
}

// brandUploads are the files of the brand form: field, setting, intake, and the text
// shown when the file cannot be used.
var brandUploads = []struct {
	field, setting string
	take           func(io.Reader) (brand.Asset, error)
	refused        string
}{
	{"logo", brand.SettingLogo, brand.Logo, en("The logo cannot be used: upload an SVG drawing (without scripts, styles or links) or a PNG, JPEG or WebP image of at most 2 MB.")},
	{"icon", brand.SettingIcon, brand.Icon, en("The icon cannot be used: upload a PNG, JPEG or WebP image of at most 2 MB, at least 16 pixels a side (square is best).")},
	{"card", brand.SettingCard, brand.ShareCard, en("The share image cannot be used: upload a PNG, JPEG or WebP image of at most 2 MB (1200×630 is best).")},
}

func (d *Desk) saveBrand(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	name := strings.TrimSpace(r.PostFormValue("name"))
	if utf8.RuneCountInString(name) > 100 || strings.ContainsAny(name, "\r\n") {
		d.message(w, r, http.StatusUnprocessableEntity, "Check the form", "Give the agency's name in at most 100 characters, on one line.")
		return
	}
	values := map[string]string{brand.SettingName: name, brand.SettingLogoHasName: "0"}
	if r.PostFormValue("logo_has_name") == "1" {
		values[brand.SettingLogoHasName] = "1"
	}
	if a := strings.TrimSpace(r.PostFormValue("accent")); a != "" {
		c, err := brand.ParseAccent(a)
		if err != nil {
			d.message(w, r, http.StatusUnprocessableEntity, "Check the form", "Give the accent colour as # and six hexadecimal digits, such as #0b5c6b.")
			return
		}
		values[brand.SettingAccent] = brand.Hex(c)
	}
	for _, n := range brand.Networks() {
		u, err := brand.CheckProfileURL(r.PostFormValue("social_" + n.Field))
		if err != nil {
			d.message(w, r, http.StatusUnprocessableEntity, "Check the form",
				d.tr(r, "Give the %s address as a full link that begins with https://, such as https://example.com/agency, in at most 500 characters; or leave it empty.", n.Name))
			return
		}
		values[n.Setting] = u
	}
	for _, up := range brandUploads {
		if r.PostFormValue("remove_"+up.field) == "1" {
			values[up.setting] = ""
		}
		file, _, err := r.FormFile(up.field)
		if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
			continue
		}
		if err != nil {
			d.message(w, r, http.StatusUnprocessableEntity, "Check the form", up.refused)
			return
		}
		asset, err := up.take(file)
		file.Close()
		if err != nil {
			d.message(w, r, http.StatusUnprocessableEntity, "Check the form", up.refused)
			return
		}
		values[up.setting] = asset.Encode()
	}
	if err := d.svc.SaveSettings(r.Context(), *u, values); err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/settings/brand?notice=saved", http.StatusSeeOther)
}
