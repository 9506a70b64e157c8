package desk

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/review"
)

// The settings page: the newsroom's checks, the wire's agency line and the reviews' rules,
// among them whether readers leave reviews or comments under stories (the moderation
// screens call both reviews: one name for the newsroom's work, whatever readers see).

const (
	settingShowAgencyMeta = "show_agency_meta"
)

type settingsView struct {
	view
	BlockOnChecks  bool
	ShowAgencyMeta bool
	CloseAfterDays string
	Blocklist      string
	Comments       bool // readers leave comments, the rating optional (review.ModeComments)
}

func (d *Desk) settings(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	sv := settingsView{view: d.baseView(w, r, u, "Settings")}
	sv.Nav = "settings"
	set, err := d.svc.Settings(r.Context(), *u, map[string]string{
		newsroom.SettingBlockOnChecks: "0", settingShowAgencyMeta: "0",
		review.SettingCloseAfterDays: "0", review.SettingBlocklist: "", review.SettingMode: string(review.ModeReviews),
	})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	sv.BlockOnChecks, sv.ShowAgencyMeta = set[newsroom.SettingBlockOnChecks] == "1", set[settingShowAgencyMeta] == "1"
	sv.CloseAfterDays, sv.Blocklist = set[review.SettingCloseAfterDays], set[review.SettingBlocklist]
	sv.Comments = review.ParseMode(set[review.SettingMode]) == review.ModeComments
	sv.Notice = notices[r.URL.Query().Get("notice")]
	d.render(w, r, http.StatusOK, "settings", sv)
}

func (d *Desk) saveSettings(w http.ResponseWriter, r *http.Request) {
	flag := func(k string) string {
		if r.PostFormValue(k) == "1" {
			return "1"
		}
		return "0"
	}
	u := userFrom(r.Context())
	days, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("close_after_days")))
	if err != nil || days < 0 || days > 36500 {
		d.message(w, r, http.StatusUnprocessableEntity, "Check the form", "Close reviews after a whole number of days (0 for never).")
		return
	}
	var words []string
	for _, line := range strings.Split(r.PostFormValue("blocklist"), "\n") {
		if line = strings.TrimSpace(line); line != "" && len(words) < 1000 {
			words = append(words, line)
		}
	}
	values := map[string]string{
		review.SettingCloseAfterDays:  strconv.Itoa(days),
		review.SettingBlocklist:       strings.Join(words, "\n"),
		newsroom.SettingBlockOnChecks: flag("block_on_checks"),
		settingShowAgencyMeta:         flag("show_agency_meta"),
	}
	// A form without the choice (an older page, a script) keeps the mode as it is.
	if mode, ok := r.PostForm["reviews_mode"]; ok {
		if len(mode) != 1 || !review.ValidMode(mode[0]) {
			d.message(w, r, http.StatusUnprocessableEntity, "Check the form", "Choose reviews or comments for what readers leave under stories.")
			return
		}
		values[review.SettingMode] = mode[0]
	}
	err = d.svc.SaveSettings(r.Context(), *u, values)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/settings?notice=saved", http.StatusSeeOther)
}
