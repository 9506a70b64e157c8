// Package pages is the site's standing pages — About, Contacts, Editorial standards,
// Corrections policy, Advertising…: one per language, linked to their translations,
// written and published by admins, listed in the public footer. Every change checks the
// actor's permission and writes its audit entry in the same transaction.
package pages

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// Store is the storage pages need; *store.Store implements it.
type Store interface {
	// PagesTx runs fn in one transaction.
	PagesTx(ctx context.Context, fn func(tx Tx) error) error
	Languages(ctx context.Context) ([]content.Language, error)
	// PageByID returns a page in any state (content.ErrNotFound if there is none).
	PageByID(ctx context.Context, id int64) (content.Page, error)
	// NewsroomPages lists pages in any state, of one language ("" for all), by language,
	// position and title.
	NewsroomPages(ctx context.Context, lang string) ([]content.Page, error)
	// PageGroup lists the pages of a translation group (none for group 0).
	PageGroup(ctx context.Context, groupID int64) ([]content.Page, error)
}

// Tx is what pages write inside a transaction; *store.Tx implements it.
type Tx interface {
	// CreatePage inserts a page and returns its id (content.ErrConflict when its slug is
	// taken in its language).
	CreatePage(ctx context.Context, p content.Page) (int64, error)
	// UpdatePage writes every field of a page but its group.
	UpdatePage(ctx context.Context, p content.Page) error
	DeletePage(ctx context.Context, id int64) error
	// LinkPage puts page id into the translation group of page to (content.ErrConflict
	// when that group has a page in id's language already).
	LinkPage(ctx context.Context, id, to int64) error
	// UnlinkPage takes page id out of its translation group.
	UnlinkPage(ctx context.Context, id int64) error
	Audit(ctx context.Context, userID int64, action, objectType string, objectID int64, detail string) error
}

// Service is the pages' domain service.
type Service struct {
	st  Store
	md  *content.Renderer
	log *slog.Logger
	now func() time.Time
}

// New returns a pages service; nil log and now take a discarding logger and time.Now.
func New(st Store, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, md: content.NewRenderer(), log: log, now: now}
}

// Input is the editable content of a page.
type Input struct {
	Language string
	Slug     string // empty: from the title
	Title    string
	Body     string // Markdown
	InFooter bool
	Position int
}

// Limits of a page's fields.
const (
	MaxTitleRunes = 200
	MaxBodyBytes  = 512 << 10
	MaxPosition   = 999
)

func allow(u account.User) error {
	if !account.Can(u.Role, account.ActManageSite) {
		return fmt.Errorf("%s may not manage pages: %w", u.Role, account.ErrForbidden)
	}
	return nil
}

// validate checks in, trims it and fills the slug from the title when it is empty.
func (s *Service) validate(ctx context.Context, in *Input) error {
	fe := &content.FieldError{What: "page"}
	in.Title, in.Slug = strings.TrimSpace(in.Title), strings.TrimSpace(in.Slug)
	switch {
	case in.Title == "":
		fe.Set("title", "A title is required.")
	case utf8.RuneCountInString(in.Title) > MaxTitleRunes:
		fe.Set("title", "The title is longer than %d characters.", MaxTitleRunes)
	}
	if len(in.Body) > MaxBodyBytes {
		fe.Set("body", "The body is longer than 512 KB.")
	}
	for name, v := range map[string]string{"title": in.Title, "body": in.Body, "slug": in.Slug} {
		if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			fe.Set(name, "The text contains invalid characters.")
		}
	}
	if in.Slug != "" && !content.ValidSlug(in.Slug) && fe.Fields["slug"] == "" {
		fe.Set("slug", "A slug has only lowercase letters a–z, digits and hyphens, at most 100 of them, and does not begin or end with a hyphen.")
	}
	if in.Slug == "" {
		in.Slug = content.Slugify(in.Title)
		if in.Slug == "" {
			in.Slug = "page"
		}
	}
	if in.Position < 0 || in.Position > MaxPosition {
		fe.Set("position", "The position is a number from 0 to %d.", MaxPosition)
	}
	if in.Language == "" {
		fe.Set("language", "Choose a language.")
	} else {
		langs, err := s.st.Languages(ctx)
		if err != nil {
			return err
		}
		known := false
		for _, l := range langs {
			known = known || l.Code == in.Language
		}
		if !known {
			fe.Set("language", "Unknown language %q.", in.Language)
		}
	}
	if len(fe.Fields) > 0 {
		return fe
	}
	return nil
}

// render turns the body into HTML.
func (s *Service) render(in Input) (string, error) {
	html, err := s.md.Render(in.Body)
	if err != nil {
		return "", fmt.Errorf("render page body: %w", err)
	}
	return content.PageBodyHTML(html), nil
}
