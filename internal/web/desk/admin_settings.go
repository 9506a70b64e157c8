package desk

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
)

// The settings page: the newsroom's checks, the wire's agency line and the reviews' rules.

const (
	settingShowAgencyMeta = "show_agency_meta"
)

type settingsView struct {
	view
	BlockOnChecks  bool
	ShowAgencyMeta bool
	CloseAfterDays string
	Blocklist      string
}

func (d *Desk) settings(w http.ResponseWriter, r *http.Request) {
	sv := settingsView{view: d.baseView(w, r, userFrom(r.Context()), "Settings")}
	sv.Nav = "settings"
	b, err := d.st.Setting(r.Context(), newsroom.SettingBlockOnChecks, "0")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	m, err := d.st.Setting(r.Context(), settingShowAgencyMeta, "0")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	sv.BlockOnChecks, sv.ShowAgencyMeta = b == "1", m == "1"
	if sv.CloseAfterDays, err = d.st.Setting(r.Context(), review.SettingCloseAfterDays, "0"); err != nil {
		d.fail(w, r, err)
		return
	}
	if sv.Blocklist, err = d.st.Setting(r.Context(), review.SettingBlocklist, ""); err != nil {
		d.fail(w, r, err)
		return
	}
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
	err = d.st.WithTx(r.Context(), func(tx *store.Tx) error {
		if err := tx.SetSetting(r.Context(), review.SettingCloseAfterDays, strconv.Itoa(days)); err != nil {
			return err
		}
		if err := tx.SetSetting(r.Context(), review.SettingBlocklist, strings.Join(words, "\n")); err != nil {
			return err
		}
		if err := tx.SetSetting(r.Context(), newsroom.SettingBlockOnChecks, flag("block_on_checks")); err != nil {
			return err
		}
		if err := tx.SetSetting(r.Context(), settingShowAgencyMeta, flag("show_agency_meta")); err != nil {
			return err
		}
		return tx.Audit(r.Context(), u.ID, "settings", "site", 0, "")
	})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/settings?notice=saved", http.StatusSeeOther)
}
