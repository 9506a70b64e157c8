package pages

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// List returns the pages of a language ("" for every language) in any state.
func (s *Service) List(ctx context.Context, u account.User, lang string) ([]content.Page, error) {
	if err := allow(u); err != nil {
		return nil, err
	}
	return s.st.NewsroomPages(ctx, lang)
}

// Get returns a page in any state.
func (s *Service) Get(ctx context.Context, u account.User, id int64) (content.Page, error) {
	if err := allow(u); err != nil {
		return content.Page{}, err
	}
	return s.st.PageByID(ctx, id)
}

// Translations returns the other pages of p's translation group.
func (s *Service) Translations(ctx context.Context, u account.User, p content.Page) ([]content.Page, error) {
	if err := allow(u); err != nil {
		return nil, err
	}
	group, err := s.st.PageGroup(ctx, p.GroupID)
	if err != nil {
		return nil, err
	}
	out := group[:0]
	for _, g := range group {
		if g.ID != p.ID {
			out = append(out, g)
		}
	}
	return out, nil
}

// Create writes a new draft page; translationOf, when not 0, links it to that page's
// translations.
func (s *Service) Create(ctx context.Context, u account.User, in Input, translationOf int64) (content.Page, error) {
	if err := allow(u); err != nil {
		return content.Page{}, err
	}
	if err := s.validate(ctx, &in); err != nil {
		return content.Page{}, err
	}
	if err := s.checkLink(ctx, 0, in.Language, translationOf); err != nil {
		return content.Page{}, err
	}
	html, err := s.render(in)
	if err != nil {
		return content.Page{}, err
	}
	now := s.now()
	p := content.Page{Language: in.Language, Slug: in.Slug, Title: in.Title, BodyMD: in.Body, BodyHTML: html,
		Status: content.StatusDraft, InFooter: in.InFooter, Position: in.Position, CreatedAt: now, UpdatedAt: now}
	var id int64
	err = s.st.PagesTx(ctx, func(tx Tx) error {
		var err error
		if id, err = tx.CreatePage(ctx, p); err != nil {
			return err
		}
		if translationOf != 0 {
			if err := tx.LinkPage(ctx, id, translationOf); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, u.ID, "create", "page", id, p.Language+"/"+p.Slug)
	})
	if err != nil {
		return content.Page{}, err
	}
	return s.st.PageByID(ctx, id)
}

// Update changes a page's slug, title, body and footer place; its language is fixed.
func (s *Service) Update(ctx context.Context, u account.User, id int64, in Input) (content.Page, error) {
	p, err := s.Get(ctx, u, id)
	if err != nil {
		return p, err
	}
	if in.Language != "" && in.Language != p.Language {
		fe := &content.FieldError{What: "page"}
		fe.Set("language", "A page's language cannot change; write a translation instead.")
		return p, fe
	}
	in.Language = p.Language
	if err := s.validate(ctx, &in); err != nil {
		return p, err
	}
	html, err := s.render(in)
	if err != nil {
		return p, err
	}
	p.Slug, p.Title, p.BodyMD, p.BodyHTML, p.InFooter, p.Position = in.Slug, in.Title, in.Body, html, in.InFooter, in.Position
	p.UpdatedAt = s.now()
	return s.write(ctx, u, p, "update")
}

// Publish makes a page public at its URL and, unless kept out, lists it in the footer.
func (s *Service) Publish(ctx context.Context, u account.User, id int64) (content.Page, error) {
	return s.setStatus(ctx, u, id, content.StatusPublished, "publish")
}

// Unpublish takes a page off the public site (it answers 404) and keeps it as a draft.
func (s *Service) Unpublish(ctx context.Context, u account.User, id int64) (content.Page, error) {
	return s.setStatus(ctx, u, id, content.StatusDraft, "unpublish")
}

func (s *Service) setStatus(ctx context.Context, u account.User, id int64, st content.Status, action string) (content.Page, error) {
	p, err := s.Get(ctx, u, id)
	if err != nil {
		return p, err
	}
	if p.Status == st {
		return p, nil // already so: nothing to write
	}
	p.Status, p.UpdatedAt = st, s.now()
	if st == content.StatusPublished && p.PublishedAt.IsZero() {
		p.PublishedAt = p.UpdatedAt
	}
	return s.write(ctx, u, p, action)
}

// write saves p with its audit entry and returns it as stored.
func (s *Service) write(ctx context.Context, u account.User, p content.Page, action string) (content.Page, error) {
	err := s.st.PagesTx(ctx, func(tx Tx) error {
		if err := tx.UpdatePage(ctx, p); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, action, "page", p.ID, p.Language+"/"+p.Slug)
	})
	if err != nil {
		return p, err
	}
	return s.st.PageByID(ctx, p.ID)
}

// Delete removes a page for good (its translations stay, unlinked from it).
func (s *Service) Delete(ctx context.Context, u account.User, id int64) error {
	p, err := s.Get(ctx, u, id)
	if err != nil {
		return err
	}
	return s.st.PagesTx(ctx, func(tx Tx) error {
		if err := tx.DeletePage(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "delete", "page", id, p.Language+"/"+p.Slug)
	})
}

// Link makes page id a translation of page to (and of to's translations).
func (s *Service) Link(ctx context.Context, u account.User, id, to int64) (content.Page, error) {
	p, err := s.Get(ctx, u, id)
	if err != nil {
		return p, err
	}
	if err := s.checkLink(ctx, id, p.Language, to); err != nil {
		return p, err
	}
	err = s.st.PagesTx(ctx, func(tx Tx) error {
		if err := tx.LinkPage(ctx, id, to); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "link", "page", id, fmt.Sprintf("translation of page %d", to))
	})
	if err != nil {
		return p, err
	}
	return s.st.PageByID(ctx, id)
}

// Unlink takes page id out of its translations.
func (s *Service) Unlink(ctx context.Context, u account.User, id int64) (content.Page, error) {
	p, err := s.Get(ctx, u, id)
	if err != nil || p.GroupID == 0 {
		return p, err
	}
	err = s.st.PagesTx(ctx, func(tx Tx) error {
		if err := tx.UnlinkPage(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "unlink", "page", id, "")
	})
	if err != nil {
		return p, err
	}
	return s.st.PageByID(ctx, id)
}

// checkLink tells, as a 422 or 409 with a message, why page id (0: a new page) of lang may
// not become a translation of page to; to 0 is no link and always fine.
func (s *Service) checkLink(ctx context.Context, id int64, lang string, to int64) error {
	if to == 0 {
		return nil
	}
	bad := func(format string, args ...any) error {
		fe := &content.FieldError{What: "page"}
		fe.Set("translation_of", format, args...)
		return fe
	}
	if to == id {
		return bad("A page cannot be a translation of itself.")
	}
	target, err := s.st.PageByID(ctx, to)
	if err != nil {
		return bad("There is no page %d to link to.", to)
	}
	if target.Language == lang {
		return bad("Page %d is in the same language (%s); a translation is in another language.", to, lang)
	}
	group, err := s.st.PageGroup(ctx, target.GroupID)
	if err != nil {
		return err
	}
	for _, g := range group {
		if g.Language == lang && g.ID != id {
			return content.Refuse(content.ErrConflict, "page %q is already the %s translation of page %d", g.Title, lang, to)
		}
	}
	return nil
}
