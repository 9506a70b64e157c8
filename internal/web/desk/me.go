package desk

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
)

// "My settings": each user's own language and time zone for the newsroom.

type meView struct {
	view
	Language   string // the user's setting; "" follows the browser
	TimeZone   string // the user's setting; "" is the site's zone
	SiteZone   string // the site's zone, the default
	Languages  []choice
	ZoneChoice []string // suggestions; any IANA name is accepted
}

// choice is one option of a select: a value and its name.
type choice struct{ Value, Name string }

// languageNames names each newsroom language in itself.
var languageNames = map[string]string{"en": "English", "ru": "Русский", "az": "Azərbaycanca"}

// zoneSuggestions are the zones the settings page offers first; any IANA name is accepted.
var zoneSuggestions = []string{
	"UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Kyiv", "Europe/Istanbul", "Europe/Moscow",
	"Asia/Baku", "Asia/Tbilisi", "Asia/Yerevan", "Asia/Tehran", "Asia/Dubai", "Asia/Tashkent", "Asia/Almaty",
	"Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "Africa/Cairo", "Africa/Lagos",
	"Africa/Johannesburg", "America/Sao_Paulo", "America/New_York", "America/Chicago", "America/Denver",
	"America/Los_Angeles",
}

func (d *Desk) mySettings(w http.ResponseWriter, r *http.Request) {
	notice := ""
	if r.URL.Query().Get("saved") != "" {
		notice = d.tr(r, "Your settings are saved.")
	}
	d.renderMe(w, r, http.StatusOK, *userFrom(r.Context()), nil, notice)
}

func (d *Desk) renderMe(w http.ResponseWriter, r *http.Request, status int, u account.User, errs map[string]string, notice string) {
	mv := meView{view: d.baseView(w, r, &u, d.tr(r, "My settings")), Language: u.Language, TimeZone: u.TimeZone,
		SiteZone: d.cfg.Location.String(), ZoneChoice: zoneSuggestions}
	mv.Nav, mv.Errors, mv.Notice = "me", errs, notice
	for _, l := range deskLanguages {
		mv.Languages = append(mv.Languages, choice{l, languageNames[l]})
	}
	d.render(w, r, status, "me", mv)
}

func (d *Desk) saveMySettings(w http.ResponseWriter, r *http.Request) {
	u := *userFrom(r.Context())
	u.Language = strings.TrimSpace(r.PostFormValue("language"))
	u.TimeZone = strings.TrimSpace(r.PostFormValue("time_zone"))
	errs := map[string]string{}
	if u.Language != "" && !slices.Contains(deskLanguages, u.Language) {
		errs["language"] = d.tr(r, "Choose a language from the list.")
	}
	if u.TimeZone != "" {
		if _, err := account.Zone(u.TimeZone); err != nil {
			errs["time_zone"] = d.tr(r, "Give a time zone by its name, for example Asia/Baku or Europe/Moscow.")
		}
	}
	if len(errs) > 0 {
		d.renderMe(w, r, http.StatusUnprocessableEntity, u, errs, d.tr(r, "Nothing was saved: correct the fields marked below."))
		return
	}
	err := d.cfg.Accounts.SaveSettings(r.Context(), u, account.Settings{Language: u.Language, TimeZone: u.TimeZone})
	if errors.Is(err, account.ErrUnknownZone) || errors.Is(err, account.ErrBadLanguage) {
		d.message(w, r, http.StatusUnprocessableEntity, d.tr(r, "Check the form"), d.tr(r, "Choose a language and a time zone from the lists."))
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/me?saved=1", http.StatusSeeOther)
}

// zone is the zone of the request's user (zoneOf): the one its times show in and the
// times it sends are read in.
func (d *Desk) zone(r *http.Request) *time.Location { return d.zoneOf(userFrom(r.Context())) }

// zoneOf is the zone the newsroom shows u's times in: u's own setting, else the site's.
func (d *Desk) zoneOf(u *account.User) *time.Location {
	if u == nil || u.TimeZone == "" {
		return d.cfg.Location
	}
	if loc, ok := d.zones.Load(u.TimeZone); ok {
		return loc.(*time.Location)
	}
	loc, err := account.Zone(u.TimeZone)
	if err != nil {
		return d.cfg.Location // the zone database lost a name since it was saved
	}
	d.zones.Store(u.TimeZone, loc)
	return loc
}

// zoneLabel names loc with its offset from UTC at now: "Asia/Baku (UTC+04:00)".
func zoneLabel(loc *time.Location, now time.Time) string {
	loc = zoneOr(loc)
	name, off := loc.String(), now.In(loc).Format("-07:00")
	if name == "UTC" || name == "Etc/UTC" {
		return "UTC"
	}
	return name + " (UTC" + off + ")"
}
