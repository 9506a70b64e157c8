// Package newsroom is the editorial workflow: filing, editing with optimistic locking,
// submitting, returning, publishing, scheduling, embargoes, corrections, withdrawals,
// revisions, translations and briefs. Every operation checks the actor's permission and
// writes its change and its audit entry in one transaction.
package newsroom

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// ConflictError says that a story changed since the editor loaded it; Current is the
// version now in the database.
type ConflictError struct {
	Current content.Article
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("article %d was changed by someone else (now version %d)", e.Current.ID, e.Current.Version)
}

// Unwrap makes errors.Is(err, content.ErrConflict) true.
func (e *ConflictError) Unwrap() error { return content.ErrConflict }

// Event kinds passed to a Hook.
const (
	EventRelease    = "release"    // first publication (now, scheduled, or under embargo)
	EventUpdate     = "update"     // a published story changed
	EventCorrection = "correction" // a correction note was published
	EventKill       = "kill"       // a published story was withdrawn
)

// Hook is called inside the transaction of every change that distribution must know of
// (release, update, correction, kill), after the change is written. An error rolls the
// whole change back, so an outbox written by the hook is exactly as durable as the change.
type Hook func(ctx context.Context, tx Tx, articleID int64, event string) error

// Service runs the workflow over a store.
type Service struct {
	st    Store
	md    *content.Renderer
	log   *slog.Logger
	now   func() time.Time
	hooks []Hook
	// notifiers hear of the events people are told of (notes.go).
	notifiers []Notifier
	// wake re-arms the scheduler (scheduler.go); one poke is kept while it is busy.
	wake chan struct{}
}

// OnChange registers a hook; call it before serving.
func (s *Service) OnChange(h Hook) { s.hooks = append(s.hooks, h) }

func (s *Service) fire(ctx context.Context, tx Tx, id int64, event string) error {
	for _, h := range s.hooks {
		if err := h(ctx, tx, id, event); err != nil {
			return fmt.Errorf("%s hook for article %d: %w", event, id, err)
		}
	}
	return nil
}

// New returns a workflow service.
func New(st Store, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, md: content.NewRenderer(), log: log, now: now, wake: make(chan struct{}, 1)}
}

// Actor is the user acting.
type Actor = account.User

func allow(u Actor, a account.Action) error {
	if !account.Can(u.Role, a) {
		return fmt.Errorf("%s may not %s: %w", u.Role, a, account.ErrForbidden)
	}
	return nil
}

// CanEdit reports whether u may edit story a: editors any story, correspondents their own
// drafts (including returned ones).
func CanEdit(u Actor, a content.Article) bool {
	if account.Can(u.Role, account.ActEditAny) {
		return true
	}
	return account.Can(u.Role, account.ActEditOwn) && a.OwnerID == u.ID && a.Status == content.StatusDraft
}

// CanView reports whether u may see story a in the newsroom.
func CanView(u Actor, a content.Article) bool {
	return account.Can(u.Role, account.ActEditAny) || (account.Can(u.Role, account.ActViewNewsroom) && a.OwnerID == u.ID)
}

// ArticleInput is the editable content of a story.
type ArticleInput struct {
	Language     string
	Section      string // section key
	Headline     string
	Standfirst   string
	Body         string // Markdown
	Byline       string
	BylineRole   string
	Dateline     string
	Tags         []string
	Slug         string // empty: from the headline
	Slugline     string
	Urgency      int // 1–9; 0 means 5
	Signoff      string
	EmbargoUntil time.Time
	LeadImageID  int64
}

// MaxBodyBytes bounds a story's Markdown.
const MaxBodyBytes = 512 << 10

func (s *Service) validate(ctx context.Context, in *ArticleInput) (content.Section, error) {
	errs := &content.FieldError{}
	in.Headline = strings.TrimSpace(in.Headline)
	in.Standfirst = strings.TrimSpace(in.Standfirst)
	in.Byline, in.BylineRole, in.Dateline = strings.TrimSpace(in.Byline), strings.TrimSpace(in.BylineRole), strings.TrimSpace(in.Dateline)
	in.Slug = strings.TrimSpace(in.Slug)
	switch {
	case in.Headline == "":
		errs.Set("headline", "A headline is required.")
	case utf8.RuneCountInString(in.Headline) > 300:
		errs.Set("headline", "The headline is longer than 300 characters.")
	}
	if utf8.RuneCountInString(in.Standfirst) > 1000 {
		errs.Set("standfirst", "The standfirst is longer than 1,000 characters.")
	}
	if len(in.Body) > MaxBodyBytes {
		errs.Set("body", "The body is longer than 512 KB.")
	}
	for name, v := range map[string]string{"headline": in.Headline, "standfirst": in.Standfirst, "body": in.Body,
		"byline": in.Byline, "byline_role": in.BylineRole, "dateline": in.Dateline} {
		if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			errs.Set(name, "The text contains invalid characters.")
		}
	}
	if in.Urgency == 0 {
		in.Urgency = 5
	}
	if in.Urgency < 1 || in.Urgency > 9 {
		errs.Set("urgency", "Urgency is a number from 1 (flash) to 9 (routine).")
	}
	if in.Slug != "" && !content.ValidSlug(in.Slug) {
		errs.Set("slug", "A slug has only lowercase letters a–z, digits and hyphens.")
	}
	if in.Slug == "" {
		in.Slug = content.Slugify(in.Headline)
	}
	if in.Slug == "" && errs.Fields["headline"] == "" {
		in.Slug = "story"
	}
	var tags []string
	seen := map[string]bool{}
	for _, t := range in.Tags {
		t = strings.TrimSpace(t)
		if t != "" && !seen[strings.ToLower(t)] && content.Slugify(t) != "" {
			seen[strings.ToLower(t)] = true
			tags = append(tags, t)
		}
	}
	if len(tags) > 20 {
		errs.Set("tags", "At most 20 tags.")
	}
	in.Tags = tags
	var sec content.Section
	if in.Language == "" {
		errs.Set("language", "Choose a language.")
	} else if in.Section == "" {
		errs.Set("section", "Choose a section.")
	} else {
		secs, err := s.st.Sections(ctx, in.Language)
		if err != nil {
			return sec, err
		}
		for _, x := range secs {
			if x.Key == in.Section {
				sec = x
			}
		}
		if sec.ID == 0 {
			if len(secs) == 0 {
				errs.Set("language", "Unknown language %q.", in.Language)
			} else {
				errs.Set("section", "Unknown section %q.", in.Section)
			}
		}
	}
	if in.LeadImageID != 0 {
		if _, err := s.st.ImageByID(ctx, in.LeadImageID); errors.Is(err, content.ErrNotFound) {
			errs.Set("lead_image", "That image does not exist.")
		} else if err != nil {
			return sec, err
		}
	}
	if len(errs.Fields) > 0 {
		return sec, errs
	}
	return sec, nil
}

func (s *Service) toArticle(ctx context.Context, in ArticleInput, sec content.Section) (content.Article, error) {
	html, err := s.render(ctx, in.Body)
	if err != nil {
		return content.Article{}, err
	}
	a := content.Article{Language: in.Language, Section: sec, Headline: in.Headline, Standfirst: in.Standfirst,
		BodyMD: in.Body, BodyHTML: html, Byline: in.Byline, BylineRole: in.BylineRole, Dateline: in.Dateline,
		Slug: in.Slug, Slugline: in.Slugline, Urgency: in.Urgency, Signoff: in.Signoff, EmbargoUntil: in.EmbargoUntil}
	for _, t := range in.Tags {
		a.Tags = append(a.Tags, content.Tag{Name: t})
	}
	if in.LeadImageID != 0 {
		a.LeadImage = &content.Image{ID: in.LeadImageID}
	}
	return a, nil
}

// Create files a new draft owned by u.
func (s *Service) Create(ctx context.Context, u Actor, in ArticleInput) (content.Article, error) {
	if err := allow(u, account.ActCreateArticle); err != nil {
		return content.Article{}, err
	}
	return s.create(ctx, u, in, 0, 0)
}

// create files a draft in translation group group (0: a new one) by author (0: u's own
// author, made if u has none yet, so that the byline links to u's author page).
func (s *Service) create(ctx context.Context, u Actor, in ArticleInput, group, author int64) (content.Article, error) {
	if in.Byline == "" {
		in.Byline = u.Name
	}
	sec, err := s.validate(ctx, &in)
	if err != nil {
		return content.Article{}, err
	}
	a, err := s.toArticle(ctx, in, sec)
	if err != nil {
		return a, err
	}
	now := s.now()
	a.GroupID, a.Status, a.OwnerID, a.CreatedAt, a.UpdatedAt = group, content.StatusDraft, u.ID, now, now
	base := a.Slug
	var id int64
	for i := 2; ; i++ {
		err = s.st.NewsroomTx(ctx, func(tx Tx) error {
			var err error
			if a.Author.ID = author; author == 0 {
				if a.Author.ID, err = tx.StaffAuthor(ctx, u.ID); err != nil {
					return err
				}
			}
			id, err = tx.CreateArticle(ctx, a)
			return err
		})
		if !errors.Is(err, content.ErrConflict) || i > 12 {
			break
		}
		// A taken slug gets a number, as WordPress does; after a few, a random suffix.
		a.Slug = fmt.Sprintf("%s-%d", base, i)
		if i > 5 {
			a.Slug = fmt.Sprintf("%s-%x", base, rand.Uint32()) // #nosec G404 -- a suffix to tell two slugs apart, not a secret
		}
	}
	if err != nil {
		return a, err
	}
	return s.st.ArticleByID(ctx, id)
}

// Get returns a story u may see.
func (s *Service) Get(ctx context.Context, u Actor, id int64) (content.Article, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return content.Article{}, err
	}
	a, err := s.st.ArticleByID(ctx, id)
	if err != nil {
		return a, err
	}
	if !CanView(u, a) {
		return a, fmt.Errorf("article %d: %w", id, account.ErrForbidden)
	}
	return a, nil
}

// Update saves new content over version; if someone saved in between it returns a
// *ConflictError holding the current story, and nothing is overwritten.
func (s *Service) Update(ctx context.Context, u Actor, id int64, version int, in ArticleInput) (content.Article, error) {
	cur, err := s.st.ArticleByID(ctx, id)
	if err != nil {
		return cur, err
	}
	if !CanEdit(u, cur) {
		return cur, fmt.Errorf("edit article %d: %w", id, account.ErrForbidden)
	}
	in.Language = cur.Language // a story's language is fixed; translations are separate stories
	sec, err := s.validate(ctx, &in)
	if err != nil {
		return cur, err
	}
	a, err := s.toArticle(ctx, in, sec)
	if err != nil {
		return a, err
	}
	a.ID, a.Author = id, cur.Author
	kind := "saved"
	if cur.Status == content.StatusPublished {
		kind = "updated"
	}
	err = s.st.NewsroomTx(ctx, func(tx Tx) error {
		saved, err := tx.SaveArticle(ctx, a, version, kind, "", u.ID, s.now())
		if err == nil && cur.Status == content.StatusPublished { // an edit of a live story is audited
			if err = tx.Audit(ctx, u.ID, "update", "article", id, fmt.Sprintf("saved as version %d of the published story", saved)); err == nil {
				err = s.fire(ctx, tx, id, EventUpdate)
			}
		}
		return err
	})
	if errors.Is(err, content.ErrConflict) {
		now, gerr := s.st.ArticleByID(ctx, id)
		if gerr != nil {
			return cur, gerr
		}
		if now.Version != version {
			return now, &ConflictError{Current: now}
		}
		return now, &content.FieldError{Fields: map[string]string{"slug": "Another story in this language already uses this slug."}}
	}
	if err != nil {
		return cur, err
	}
	return s.st.ArticleByID(ctx, id)
}

// render turns story Markdown into the stored HTML.
func (s *Service) render(ctx context.Context, md string) (string, error) {
	html, err := s.md.Render(md)
	if err != nil {
		return "", err
	}
	return s.responsiveImages(ctx, html)
}
