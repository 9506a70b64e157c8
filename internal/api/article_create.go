package api

import (
	"errors"
	"net/http"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// articleRequest is the editable content of a story, as POST and PUT take it.
type articleRequest struct {
	Language     string   `json:"language"`
	Section      string   `json:"section"`
	Headline     string   `json:"headline"`
	Standfirst   string   `json:"standfirst"`
	Body         string   `json:"body"`
	Byline       string   `json:"byline"`
	BylineRole   string   `json:"byline_role"`
	Dateline     string   `json:"dateline"`
	Tags         []string `json:"tags"`
	Slug         string   `json:"slug"`
	Slugline     string   `json:"slugline"`
	Urgency      int      `json:"urgency"`
	Signoff      string   `json:"signoff"`
	EmbargoUntil *string  `json:"embargo_until"`
	LeadImageID  int64    `json:"lead_image_id"`
}

// Bounds on fields the service stores as they come.
const (
	maxShortField = 200 // slugline, signoff
	maxTagRunes   = 100
	maxTags       = 100 // before the service's de-duplication and its own limit
)

// input converts the request, adding to errs what is wrong that the service does not check.
func (req articleRequest) input(errs map[string]string) newsroom.ArticleInput {
	in := newsroom.ArticleInput{Language: req.Language, Section: req.Section, Headline: req.Headline,
		Standfirst: req.Standfirst, Body: req.Body, Byline: req.Byline, BylineRole: req.BylineRole, Dateline: req.Dateline,
		Tags: req.Tags, Slug: req.Slug, Slugline: req.Slugline, Urgency: req.Urgency, Signoff: req.Signoff,
		EmbargoUntil: parseTime("embargo_until", req.EmbargoUntil, errs), LeadImageID: req.LeadImageID}
	if utf8.RuneCountInString(req.Slugline) > maxShortField {
		errs["slugline"] = "The slugline is longer than 200 characters."
	}
	if utf8.RuneCountInString(req.Signoff) > maxShortField {
		errs["signoff"] = "The signoff is longer than 200 characters."
	}
	if len(req.Tags) > maxTags {
		errs["tags"] = "At most 20 tags."
	}
	for _, t := range req.Tags {
		if utf8.RuneCountInString(t) > maxTagRunes {
			errs["tags"] = "A tag is at most 100 characters."
		}
	}
	if req.LeadImageID < 0 {
		errs["lead_image_id"] = "That image does not exist."
	}
	return in
}

// renameField makes a service's validation error name the request's field.
func renameField(err error, from, to string) error {
	var ve *content.FieldError
	if errors.As(err, &ve) {
		if msg, ok := ve.Fields[from]; ok {
			delete(ve.Fields, from)
			ve.Fields[to] = msg
		}
	}
	return err
}

// createArticle files a new draft owned by the token's user.
func (a *API) createArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	var req articleRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	errs := map[string]string{}
	in := req.input(errs)
	if len(errs) > 0 {
		return invalid(errs)
	}
	art, err := a.svc.Create(r.Context(), u, in)
	if err != nil {
		return renameField(err, "lead_image", "lead_image_id")
	}
	w.Header().Set("Location", location("articles", art.ID))
	a.reply(w, r, http.StatusCreated, a.article(art))
	return nil
}
