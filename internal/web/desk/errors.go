package desk

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/review"
)

// baseView fills what every page needs; u may be nil (signed out).
func (d *Desk) baseView(w http.ResponseWriter, r *http.Request, u *account.User, title string) view {
	v := view{Title: title, User: u, CSRF: d.csrfToken(w, r), CSS: d.css, JS: d.js, LiveJS: d.liveJS, Loc: d.zoneOf(u)}
	if u != nil && account.Can(u.Role, account.ActPublish) {
		if list, err := d.svc.ListArticles(r.Context(), *u, newsroom.ArticleQuery{Status: content.StatusSubmitted, Limit: 100}); err == nil {
			v.PendingStories = len(list)
		}
	}
	if u != nil && d.cfg.Reviews != nil && account.Can(u.Role, account.ActModerate) {
		if n, err := d.cfg.Reviews.Count(r.Context(), *u, review.StatusPending); err == nil {
			v.PendingReviews = n
		}
	}
	if u != nil && d.cfg.Notify != nil {
		if n, err := d.cfg.Notify.Unread(r.Context(), u.ID); err == nil {
			v.Unread = n
		}
	}
	return v
}

type messageView struct {
	view
	Heading string
	Text    string
	Kept    []field // submitted values shown back so nothing is lost
	Back    string
}

func (d *Desk) message(w http.ResponseWriter, r *http.Request, status int, heading, text string) {
	mv := messageView{view: d.baseView(w, r, userFrom(r.Context()), heading), Heading: heading, Text: text, Back: "/newsroom/"}
	d.render(w, r, status, "message", mv)
}

func (d *Desk) notFound(w http.ResponseWriter, r *http.Request) {
	d.message(w, r, http.StatusNotFound, "Not found", "There is nothing at this address in the newsroom.")
}

func (d *Desk) forbidden(w http.ResponseWriter, r *http.Request, u *account.User) {
	mv := messageView{view: d.baseView(w, r, u, "Not allowed"), Heading: "Not allowed",
		Text: d.tr(r, "Your role (%s) does not allow this. Ask an editor or an administrator.", label(d.lang(r), u.Role)), Back: "/newsroom/"}
	d.render(w, r, http.StatusForbidden, "message", mv)
}

func (d *Desk) tooLargeOrBad(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		d.message(w, r, http.StatusRequestEntityTooLarge, "Too large",
			d.tr(r, "What you sent is larger than %d MB. Send a smaller file or text.", mbe.Limit>>20))
		return
	}
	d.message(w, r, http.StatusBadRequest, "Bad request", "The form could not be read. Reload the page and try again.")
}

// fail answers an error from the service with the right status and a clear page.
func (d *Desk) fail(w http.ResponseWriter, r *http.Request, err error) {
	err = d.cfg.Storage.Classify(err)
	var ve *content.FieldError
	var ce *newsroom.ChecksError
	switch {
	case errors.Is(err, content.ErrNotFound):
		d.notFound(w, r)
	case errors.Is(err, account.ErrForbidden):
		if u := userFrom(r.Context()); u != nil {
			d.forbidden(w, r, u)
			return
		}
		d.message(w, r, http.StatusForbidden, "Not allowed", "You may not do this.")
	case errors.As(err, &ce):
		d.message(w, r, http.StatusUnprocessableEntity, "Publishing checks failed", ce.Error())
	case errors.As(err, &ve):
		d.message(w, r, http.StatusUnprocessableEntity, "Check the form", d.fieldMessages(r, ve))
	case errors.Is(err, media.ErrTooLarge):
		d.message(w, r, http.StatusRequestEntityTooLarge, "Image too large", refusalText(d.lang(r), err))
	case errors.Is(err, media.ErrNotImage), errors.Is(err, media.ErrUnsupported), errors.Is(err, media.ErrTooManyPixels):
		d.message(w, r, http.StatusUnprocessableEntity, "Image refused", refusalText(d.lang(r), err))
	case errors.Is(err, content.ErrConflict):
		d.message(w, r, http.StatusConflict, "Not possible now", refusalText(d.lang(r), err))
	case errors.Is(err, content.ErrStorageFull):
		d.log.ErrorContext(r.Context(), "newsroom_storage_full", "path", r.URL.Path, "err", err)
		d.message(w, r, http.StatusInsufficientStorage, "Disk full",
			"The server's disk is full, so this was not saved. Go back, keep your text, and tell the site's administrator.")
	case errors.Is(err, media.ErrUnavailable):
		d.log.ErrorContext(r.Context(), "newsroom_media_unavailable", "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "5")
		d.message(w, r, http.StatusServiceUnavailable, "Media storage unavailable", mediaUnavailable)
	default:
		d.log.ErrorContext(r.Context(), "newsroom_failed", "path", r.URL.Path, "err", err)
		if errors.Is(err, content.ErrUnavailable) || d.cfg.Storage.Ping(r.Context()) != nil {
			w.Header().Set("Retry-After", "5")
			d.message(w, r, http.StatusServiceUnavailable, "Temporarily unavailable",
				"The database cannot be reached right now. Nothing was lost: go back and try again in a minute.")
			return
		}
		d.message(w, r, http.StatusInternalServerError, "Something went wrong", "An unexpected error occurred; it has been logged.")
	}
}

// mediaUnavailable is what an upload answers when the media storage did not take it.
const mediaUnavailable = "The media storage cannot be reached right now, so the file was not saved. Try again in a minute."

// mediaKinds are the media errors the desk names when their detail cannot be translated
// (a decoder's own words); their texts are in the catalogs (TestDeskGoTextsTranslated).
var mediaKinds = []error{media.ErrTooLarge, media.ErrNotImage, media.ErrUnsupported, media.ErrTooManyPixels}

// refusalText is what a refusal says in lang: a domain's content.Refusal through the
// catalogs (a media error's kind, then its detail), else a media error's kind, else the
// error in English.
func refusalText(lang string, err error) string {
	var rf *content.Refusal
	if errors.As(err, &rf) {
		if rf.KindFirst {
			return translate(lang, rf.Kind.Error()) + ": " + say(lang, rf.Message)
		}
		return say(lang, rf.Message)
	}
	if lang != "en" {
		for _, k := range mediaKinds {
			if errors.Is(err, k) {
				return translate(lang, k.Error())
			}
		}
	}
	return err.Error()
}

// fieldMessages is what a FieldError says, each field's message in the request's language.
func (d *Desk) fieldMessages(r *http.Request, fe *content.FieldError) string {
	keys := slices.Sorted(maps.Keys(fe.Fields))
	msgs := make([]string, 0, len(keys))
	for _, k := range keys {
		msgs = append(msgs, say(d.lang(r), fe.Message(k)))
	}
	return strings.Join(msgs, " ")
}

// pathID reads the {id} path value; a malformed one is a 404.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}
