package wire

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// ninjsVersion reads ?ninjs= (2.2 by default).
func ninjsVersion(r *http.Request) (string, error) {
	switch v := r.URL.Query().Get("ninjs"); v {
	case "", syndication.Ninjs22:
		return syndication.Ninjs22, nil
	case syndication.Ninjs31:
		return v, nil
	}
	return "", syndication.ErrNinjsVersion
}

// items renders versions as a JSON array of ninjs objects.
func (h *Handler) items(vs []syndication.Version, nv string) ([]json.RawMessage, error) {
	out := make([]json.RawMessage, 0, len(vs))
	for _, v := range vs {
		b, err := h.svc.ItemJSON(v, nv)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

type itemsPage struct {
	Items      []json.RawMessage `json:"items"`
	NextCursor string            `json:"next_cursor,omitempty"`
}

// listItems: GET /api/v1/wire/items?since=&section=&lang=&cursor=&limit=&ninjs=
func (h *Handler) listItems(w http.ResponseWriter, r *http.Request, sub syndication.Subscriber) error {
	qs := r.URL.Query()
	nv, err := ninjsVersion(r)
	if err != nil {
		return err
	}
	q := syndication.PageQuery{Cursor: qs.Get("cursor"), Section: qs.Get("section"), Language: qs.Get("lang")}
	if s := qs.Get("since"); s != "" {
		if q.Since, err = time.Parse(time.RFC3339, s); err != nil {
			return badRequest("since must be an RFC 3339 time, e.g. 2026-01-02T15:04:05Z.")
		}
	}
	if s := qs.Get("limit"); s != "" {
		if q.Limit, err = strconv.Atoi(s); err != nil || q.Limit < 1 || q.Limit > syndication.MaxPage {
			return badRequest("limit must be a number from 1 to %d.", syndication.MaxPage)
		}
	}
	page, err := h.svc.Pull(r.Context(), sub, q)
	if err != nil {
		return err
	}
	items, err := h.items(page.Versions, nv)
	if err != nil {
		return err
	}
	return h.replyItems(w, r, itemsPage{Items: items, NextCursor: page.NextCursor})
}

func (h *Handler) replyItems(w http.ResponseWriter, r *http.Request, p itemsPage) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return err
	}
	writeJSON(w, r, http.StatusOK, buf.Bytes())
	return nil
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, content.ErrNotFound
	}
	return id, nil
}

// showItem: GET /api/v1/wire/items/{id} — the newest version of a story.
func (h *Handler) showItem(w http.ResponseWriter, r *http.Request, sub syndication.Subscriber) error {
	nv, err := ninjsVersion(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.svc.Latest(r.Context(), sub, id)
	if err != nil {
		return err
	}
	b, err := h.svc.ItemJSON(v, nv)
	if err != nil {
		return err
	}
	writeJSON(w, r, http.StatusOK, append(b, '\n'))
	return nil
}

// listVersions: GET /api/v1/wire/items/{id}/versions — every version, oldest first.
func (h *Handler) listVersions(w http.ResponseWriter, r *http.Request, sub syndication.Subscriber) error {
	nv, err := ninjsVersion(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	vs, err := h.svc.History(r.Context(), sub, id)
	if err != nil {
		return err
	}
	items, err := h.items(vs, nv)
	if err != nil {
		return err
	}
	return h.replyItems(w, r, itemsPage{Items: items})
}
