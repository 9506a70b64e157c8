package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

type revisionListJSON struct {
	Revisions []revisionJSON `json:"revisions"`
}

type restoreRequest struct {
	Version *int `json:"version"`
	// CurrentVersion confirms restoring over a published story: the story's version the
	// client compared the revision with.
	CurrentVersion *int `json:"current_version"`
}

// listRevisions lists a story's revisions, newest first.
func (a *API) listRevisions(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	revs, err := a.svc.Revisions(r.Context(), u, id)
	if err != nil {
		return err
	}
	out := revisionListJSON{Revisions: make([]revisionJSON, 0, len(revs))}
	for _, rv := range revs {
		out.Revisions = append(out.Revisions, revision(rv))
	}
	a.reply(w, r, http.StatusOK, out)
	return nil
}

// showRevision returns one revision with the fields as they were saved. The service's Get
// decides whether the user may see the story.
func (a *API) showRevision(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	version, err := pathVersion(r)
	if err != nil {
		return err
	}
	cur, err := a.svc.Get(r.Context(), u, id)
	if err != nil {
		return err
	}
	rv, err := a.svc.Revision(r.Context(), u, cur, version)
	if err != nil {
		return err
	}
	secs, err := a.svc.Sections(r.Context(), cur.Language)
	if err != nil {
		return err
	}
	ra := rv.Article
	out := revisionDetailJSON{revisionJSON: revision(rv), Headline: ra.Headline, Standfirst: ra.Standfirst, Body: ra.BodyMD,
		Byline: ra.Byline, BylineRole: ra.BylineRole, Dateline: ra.Dateline, Tags: tagNames(ra.Tags), Slug: ra.Slug,
		Slugline: ra.Slugline, Urgency: ra.Urgency, Signoff: ra.Signoff}
	for _, s := range secs {
		if s.ID == ra.Section.ID {
			out.Section = s.Key
		}
	}
	if ra.LeadImage != nil {
		out.LeadImageID = idJSON(ra.LeadImage.ID)
	}
	a.reply(w, r, http.StatusOK, out)
	return nil
}

// restoreArticle makes an old revision the current content, as a new revision. A
// published story is only rewritten when current_version names its current version; without
// it the answer is 409 confirmation_required with the story as it is.
func (a *API) restoreArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req restoreRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	if req.Version == nil || *req.Version < 1 {
		return invalid(map[string]string{"version": "Say which version to restore."})
	}
	var art content.Article
	if req.CurrentVersion != nil {
		art, err = a.svc.ConfirmRestore(r.Context(), u, id, *req.Version, *req.CurrentVersion)
	} else {
		art, err = a.svc.Restore(r.Context(), u, id, *req.Version)
	}
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, a.article(art))
	return nil
}
