package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/editorial"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// apiError is a failure decided by the API layer itself (bad request, too large, …).
type apiError struct {
	status  int
	code    string
	message string
	fields  map[string]string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func badRequest(format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, code: "bad_request", message: fmt.Sprintf(format, args...)}
}

func notFound() error {
	return &apiError{status: http.StatusNotFound, code: "not_found", message: "There is no such item."}
}

func tooLarge(limit int64) error {
	return &apiError{status: http.StatusRequestEntityTooLarge, code: "too_large",
		message: "The request body is larger than the limit of " + sizeText(limit) + "."}
}

// sizeText says how large a limit is: "25 MiB", "512 KiB", "100 bytes".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// invalid is a 422 about request fields that the API checks before the service does.
func invalid(fields map[string]string) error {
	return &content.FieldError{Fields: fields}
}

// errorBody is the one error envelope: {"error": {...}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code     string            `json:"code"`
	Message  string            `json:"message"`
	Fields   map[string]string `json:"fields,omitempty"`
	Warnings []warningJSON     `json:"warnings,omitempty"`
	Current  *articleJSON      `json:"current,omitempty"`
}

type warningJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Severity is "warning" for a problem the newsroom asks to confirm before publishing,
	// "advice" for what would make the story better and never asks.
	Severity string `json:"severity"`
}

func warningsJSON(ws []editorial.Warning) []warningJSON {
	out := make([]warningJSON, 0, len(ws))
	for _, w := range ws {
		sev := "warning"
		if w.Advice {
			sev = "advice"
		}
		out = append(out, warningJSON{Code: w.Code, Message: w.Message, Severity: sev})
	}
	return out
}

// fail is the one error path: it maps err to a status and an envelope, and logs what the
// client is not told.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		a.log.Info("api_request_canceled", "request_id", httpx.RequestID(r.Context()), "path", r.URL.Path)
		return // the client has gone: nobody reads an answer
	}
	err = a.storage.Classify(err)
	status, d := a.describe(err)
	if status == http.StatusInternalServerError && (errors.Is(err, content.ErrUnavailable) || errors.Is(a.storage.Classify(a.storage.Ping(r.Context())), content.ErrUnavailable)) {
		// The database is down or restarting: a temporary condition, not a bug.
		status, d = http.StatusServiceUnavailable, errorDetail{Code: "unavailable",
			Message: "The database cannot be reached right now. Try again in a few seconds."}
		w.Header().Set("Retry-After", "5")
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	if status >= 500 {
		a.log.Error("api_request_failed", "request_id", httpx.RequestID(r.Context()), "method", r.Method,
			"path", r.URL.Path, "status", status, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsdesk"`)
	}
	a.reply(w, r, status, errorBody{Error: d})
}

// describe maps an error to its status and envelope.
func (a *API) describe(err error) (int, errorDetail) {
	var (
		ae   *apiError
		fe   *content.FieldError
		ce   *newsroom.ChecksError
		cfe  *newsroom.ConflictError
		rce  *newsroom.RestoreConfirmError
		maxe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &ae):
		return ae.status, errorDetail{Code: ae.code, Message: ae.message, Fields: ae.fields}
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized, errorDetail{Code: "unauthorized",
			Message: "Send a valid personal API token as \"Authorization: Bearer TOKEN\"; it is missing, unknown or revoked, or its user is disabled."}
	case errors.As(err, &maxe):
		return http.StatusRequestEntityTooLarge, errorDetail{Code: "too_large",
			Message: "The request body is larger than the limit of " + sizeText(maxe.Limit) + "."}
	case errors.As(err, &fe):
		return http.StatusUnprocessableEntity, errorDetail{Code: "invalid", Message: "Some fields are not valid; see fields.", Fields: fe.Fields}
	case errors.As(err, &ce):
		return http.StatusUnprocessableEntity, errorDetail{Code: "checks_failed",
			Message:  "The publishing checks failed, and this site blocks publication until they pass; see warnings.",
			Warnings: warningsJSON(ce.Warnings)}
	case errors.As(err, &rce):
		cur := a.article(rce.Current)
		return http.StatusConflict, errorDetail{Code: "confirmation_required", Current: &cur,
			Message: "The story is published: restoring version " + strconv.Itoa(rce.Revision.Version) +
				" would rewrite what readers see. Compare it with current (GET its revision), then send the request again with current_version " +
				strconv.Itoa(rce.Current.Version) + "."}
	case errors.As(err, &cfe):
		cur := a.article(cfe.Current)
		return http.StatusConflict, errorDetail{Code: "conflict", Current: &cur,
			Message: "The story was changed by someone else since you loaded it; it is now version " +
				strconv.Itoa(cfe.Current.Version) + ". Apply your changes to current and save with its version."}
	case errors.Is(err, account.ErrForbidden):
		return http.StatusForbidden, errorDetail{Code: "forbidden", Message: "You may not do this: your role does not allow it, or the item is not yours."}
	case errors.Is(err, content.ErrNotFound):
		return http.StatusNotFound, errorDetail{Code: "not_found", Message: "There is no such item."}
	case errors.Is(err, content.ErrConflict):
		return http.StatusConflict, errorDetail{Code: "conflict",
			Message: "The request conflicts with the current state: " +
				strings.TrimSuffix(err.Error(), ": "+content.ErrConflict.Error()) + "."}
	case errors.Is(err, media.ErrTooLarge):
		return http.StatusRequestEntityTooLarge, errorDetail{Code: "too_large", Message: capitalize(err.Error()) + "."}
	case errors.Is(err, media.ErrNotImage), errors.Is(err, media.ErrUnsupported), errors.Is(err, media.ErrTooManyPixels):
		return http.StatusUnprocessableEntity, errorDetail{Code: "invalid", Message: "The file is not a usable image; see fields.",
			Fields: map[string]string{"file": capitalize(err.Error()) + "."}}
	case errors.Is(err, content.ErrStorageFull):
		return http.StatusInsufficientStorage, errorDetail{Code: "storage_full",
			Message: "The server's disk is full, so nothing was saved. Tell the site's administrator; try again once there is room."}
	case errors.Is(err, media.ErrUnavailable):
		return http.StatusServiceUnavailable, errorDetail{Code: "media_unavailable",
			Message: "The media storage cannot be reached right now, so the file was not saved and nothing was recorded. Try again in a minute."}
	}
	return http.StatusInternalServerError, errorDetail{Code: "internal",
		Message: "Something went wrong on our side; it has been logged. Try again later."}
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// reply writes v as JSON with status. Encoding happens before the header is sent, so an
// encoding failure is still a clean 500.
func (a *API) reply(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		a.log.Error("api_encode_failed", "request_id", httpx.RequestID(r.Context()), "path", r.URL.Path, "err", err)
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"Something went wrong on our side; it has been logged."}}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}
