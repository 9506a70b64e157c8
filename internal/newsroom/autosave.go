package newsroom

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// Autosave is one user's working copy of a story: the edit form's fields as typed, sent
// by the editor as they type. It is not a revision and never changes the story (a live
// one stays as published); Save does, and then the copy is deleted.
type Autosave struct {
	ArticleID   int64
	UserID      int64
	BaseVersion int               // the story's version the copy was started from
	Fields      map[string]string // edit form field name → value
	SavedAt     time.Time
}

// AutosaveStore keeps working copies; *store.Store implements it.
type AutosaveStore interface {
	PutAutosave(ctx context.Context, a Autosave) error
	// AutosaveOf returns content.ErrNotFound when the user has no copy of the story.
	AutosaveOf(ctx context.Context, articleID, userID int64) (Autosave, error)
	DeleteAutosave(ctx context.Context, articleID, userID int64) error
}

// AutosaveFields are the edit form's fields a working copy keeps.
var AutosaveFields = []string{"section", "headline", "standfirst", "body", "byline", "byline_role", "dateline", "tags",
	"slug", "lead_image", "embargo", "slugline", "urgency", "signoff"}

// maxAutosaveField bounds each field but the body (which MaxBodyBytes bounds).
const maxAutosaveField = 8 << 10

// Autosaves keeps the editor's working copies of stories.
type Autosaves struct {
	st  AutosaveStore
	svc *Service
	now func() time.Time
}

// NewAutosaves returns the working copies over st; svc answers who may edit a story.
func NewAutosaves(st AutosaveStore, svc *Service, now func() time.Time) *Autosaves {
	if now == nil {
		now = time.Now
	}
	return &Autosaves{st: st, svc: svc, now: now}
}

// Save keeps u's working copy of story id, begun from version base, and returns it with
// the story as it is now (its version tells whether someone saved a newer one). Only
// who may edit the story may keep a copy of it; unknown fields are dropped.
func (s *Autosaves) Save(ctx context.Context, u Actor, id int64, base int, fields map[string]string) (Autosave, content.Article, error) {
	cur, err := s.svc.Get(ctx, u, id)
	if err != nil {
		return Autosave{}, cur, err
	}
	if !CanEdit(u, cur) {
		return Autosave{}, cur, fmt.Errorf("autosave article %d: %w", id, account.ErrForbidden)
	}
	errs := &content.FieldError{What: "autosave"}
	if base <= 0 || base > cur.Version {
		errs.Set("version", "The copy must name the version of the story it was begun from.")
	}
	kept := make(map[string]string, len(AutosaveFields))
	for _, name := range AutosaveFields {
		v, ok := fields[name]
		if !ok {
			continue
		}
		limit := maxAutosaveField
		if name == "body" {
			limit = MaxBodyBytes
		}
		if len(v) > limit {
			errs.Set(name, "This field is longer than the %d bytes a story may hold.", limit)
		}
		kept[name] = v
	}
	if len(errs.Fields) > 0 {
		return Autosave{}, cur, errs
	}
	a := Autosave{ArticleID: id, UserID: u.ID, BaseVersion: base, Fields: kept, SavedAt: s.now().UTC().Truncate(time.Microsecond)}
	if err := s.st.PutAutosave(ctx, a); err != nil {
		return Autosave{}, cur, err
	}
	return a, cur, nil
}

// Of returns u's working copy of story id, or content.ErrNotFound.
func (s *Autosaves) Of(ctx context.Context, u Actor, id int64) (Autosave, error) {
	return s.st.AutosaveOf(ctx, id, u.ID)
}

// Discard forgets u's working copy of story id (there may be none).
func (s *Autosaves) Discard(ctx context.Context, u Actor, id int64) error {
	err := s.st.DeleteAutosave(ctx, id, u.ID)
	if errors.Is(err, content.ErrNotFound) {
		return nil
	}
	return err
}
