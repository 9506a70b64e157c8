package desk

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/notify"
)

// The notifications page: the user's newest notifications, "mark all read", and which
// kinds they get in the newsroom and by email.

type notificationsView struct {
	view
	List    []notify.Notification
	Prefs   []notifyPref
	Mailing bool // emails go out from this server
	Latest  int64
}

// notifyPref is one kind's row of the preferences form.
type notifyPref struct {
	Kind       string
	App, Email bool
}

func (d *Desk) notificationsPage(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	nv := notificationsView{view: d.baseView(w, r, u, "Notifications"), Mailing: d.cfg.Notify.Mailing()}
	nv.Nav = "notifications"
	switch r.URL.Query().Get("notice") {
	case "read":
		nv.Notice = "Marked as read."
	case "prefs":
		nv.Notice = "Your choices are saved."
	}
	var err error
	if nv.List, err = d.cfg.Notify.List(r.Context(), u.ID, 100); err != nil {
		d.fail(w, r, err)
		return
	}
	if len(nv.List) > 0 {
		nv.Latest = nv.List[0].ID
	}
	off, err := d.cfg.Notify.PrefsOff(r.Context(), u.ID)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	isOff := map[notify.Pref]bool{}
	for _, p := range off {
		isOff[p] = true
	}
	for _, k := range notify.Kinds() {
		nv.Prefs = append(nv.Prefs, notifyPref{Kind: k, App: !isOff[notify.Pref{Kind: k, Channel: notify.ChannelApp}],
			Email: !isOff[notify.Pref{Kind: k, Channel: notify.ChannelEmail}]})
	}
	d.render(w, r, http.StatusOK, "notifications", nv)
}

// readNotifications marks the notifications up to the one the page showed last read (all
// of them without "upto"), so that one that arrived since stays unread.
func (d *Desk) readNotifications(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	var upTo int64
	if s := r.PostFormValue("upto"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			d.message(w, r, http.StatusBadRequest, "Bad request", "The form said which notifications to mark in a way the newsroom does not understand; reload the page.")
			return
		}
		upTo = n
	}
	if err := d.cfg.Notify.MarkRead(r.Context(), u.ID, upTo); err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/notifications?notice=read", http.StatusSeeOther)
}

// saveNotificationPrefs stores the kinds the user turned off: a checkbox app_KIND or
// email_KIND sent is on, one left out is off.
func (d *Desk) saveNotificationPrefs(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	if err := r.ParseForm(); err != nil {
		d.tooLargeOrBad(w, r, err)
		return
	}
	var off []notify.Pref
	for _, k := range notify.Kinds() {
		for _, c := range []string{notify.ChannelApp, notify.ChannelEmail} {
			if r.PostForm.Get(c+"_"+k) != "1" {
				off = append(off, notify.Pref{Kind: k, Channel: c})
			}
		}
	}
	if err := d.cfg.Notify.SetPrefsOff(r.Context(), u.ID, off); err != nil {
		if errors.Is(err, notify.ErrUnknownKind) {
			d.message(w, r, http.StatusBadRequest, "Bad request", "Unknown kind of notification.")
			return
		}
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/notifications?notice=prefs", http.StatusSeeOther)
}
