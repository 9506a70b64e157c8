package desk

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/syndication"
)

// wireView is the newsroom's Wire page: subscribers, their usage, the outbox.
type wireView struct {
	view
	Subscribers []syndication.Subscriber
	Totals      []wireTotal // last 30 days, per subscriber
	Daily       []syndication.Usage
	Outbox      syndication.OutboxStats
	Dead        []syndication.DeadDelivery
	From, To    string // the CSV form's default range, YYYY-MM-DD
}

// wireTotal is one subscriber's usage summed over a period.
type wireTotal struct {
	Name                                   string
	ItemsPulled, Requests, Delivered, Fail int64
}

func (d *Desk) wirePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	wv := wireView{view: d.baseView(w, r, userFrom(ctx), "Wire")}
	wv.Nav = "wire"
	if r.URL.Query().Get("retried") != "" {
		wv.Notice = "The delivery is back in the outbox and will be sent within seconds."
	}
	now := d.cfg.Now().UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	from := today.AddDate(0, 0, -29)
	wv.From, wv.To = from.Format(time.DateOnly), today.Format(time.DateOnly)
	var err error
	if wv.Subscribers, err = d.cfg.Wire.Subscribers(ctx); err != nil {
		d.fail(w, r, err)
		return
	}
	use, err := d.cfg.Wire.Usage(ctx, from, today.AddDate(0, 0, 1))
	if err != nil {
		d.fail(w, r, err)
		return
	}
	totals := map[int64]*wireTotal{}
	for _, u := range use {
		t := totals[u.SubscriberID]
		if t == nil {
			t = &wireTotal{Name: u.SubscriberName}
			totals[u.SubscriberID] = t
		}
		t.ItemsPulled, t.Requests, t.Delivered, t.Fail = t.ItemsPulled+u.ItemsPulled, t.Requests+u.Requests,
			t.Delivered+u.Delivered, t.Fail+u.Failed
		if !u.Day.Before(today.AddDate(0, 0, -13)) {
			wv.Daily = append(wv.Daily, u)
		}
	}
	for _, t := range totals {
		wv.Totals = append(wv.Totals, *t)
	}
	sort.Slice(wv.Totals, func(i, j int) bool { return wv.Totals[i].Name < wv.Totals[j].Name })
	sort.SliceStable(wv.Daily, func(i, j int) bool { return wv.Daily[i].Day.After(wv.Daily[j].Day) })
	if wv.Outbox, err = d.cfg.Wire.OutboxStats(ctx); err != nil {
		d.fail(w, r, err)
		return
	}
	if wv.Dead, err = d.cfg.Wire.DeadDeliveries(ctx, 100); err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, http.StatusOK, "wire", wv)
}

// wireUsageCSV exports usage per subscriber and day, for billing: ?from=&to= (inclusive
// UTC days, YYYY-MM-DD; the last 30 days by default).
func (d *Desk) wireUsageCSV(w http.ResponseWriter, r *http.Request) {
	now := d.cfg.Now().UTC()
	to := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	from := to.AddDate(0, 0, -29)
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		if v := r.URL.Query().Get(name); v != "" {
			t, err := time.Parse(time.DateOnly, v)
			if err != nil {
				d.message(w, r, http.StatusBadRequest, "Bad date", "Give the days as YYYY-MM-DD, for example 2026-01-31.")
				return
			}
			*dst = t
		}
	}
	if to.Before(from) || to.Sub(from) > 366*24*time.Hour {
		d.message(w, r, http.StatusBadRequest, "Bad range", "The range must run forwards and span at most a year.")
		return
	}
	use, err := d.cfg.Wire.Usage(r.Context(), from, to.AddDate(0, 0, 1))
	if err != nil {
		d.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.Write([]string{"day", "subscriber_id", "subscriber", "items_pulled", "requests", "webhooks_delivered", "webhook_failures"})
	for _, u := range use {
		_ = cw.Write([]string{u.Day.Format(time.DateOnly), strconv.FormatInt(u.SubscriberID, 10), csvSafe(u.SubscriberName),
			strconv.FormatInt(u.ItemsPulled, 10), strconv.FormatInt(u.Requests, 10), strconv.FormatInt(u.Delivered, 10),
			strconv.FormatInt(u.Failed, 10)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		d.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="wire-usage-`+from.Format(time.DateOnly)+`-`+to.Format(time.DateOnly)+`.csv"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}

// csvSafe keeps a spreadsheet from reading a subscriber's name as a formula.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}

// retryDelivery puts a dead-lettered delivery back in the outbox.
func (d *Desk) retryDelivery(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	if err := d.cfg.Wire.RetryDelivery(r.Context(), userFrom(r.Context()).ID, id); err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/wire?retried="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
