package newsroom

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// Author profiles: every member of staff has an author page (their author is made the
// first time it is needed), which they and the administrators edit: name, role and bio
// per language, a photo from the media library and a few links.

// ProfileInput is an author's profile as the newsroom edits it.
type ProfileInput struct {
	Name string // the default name, shown where a language has none of its own
	Role string // the default role
	// Slug is the page's address (/{lang}/author/{slug}); "" keeps it. Only those who
	// manage users may change it: the bylines of every story link to it.
	Slug    string
	PhotoID int64 // an image of the media library; 0: no photo
	Texts   map[string]content.AuthorText
	Links   []content.AuthorLink
}

// ProfileStore is what author profiles need of the storage.
type ProfileStore interface {
	AuthorProfile(ctx context.Context, id int64) (content.AuthorProfile, error)
}

// ProfileTx is what author profiles write inside a transaction.
type ProfileTx interface {
	// StaffAuthor returns the author of staff member userID, making it when missing.
	StaffAuthor(ctx context.Context, userID int64) (int64, error)
	SaveAuthorProfile(ctx context.Context, p content.AuthorProfile) error
}

// CanEditProfile reports whether u may edit the author profile of staff member userID:
// their own, or anyone's for those who manage users.
func CanEditProfile(u Actor, userID int64) bool {
	if account.Can(u.Role, account.ActManageUsers) {
		return true
	}
	return u.ID == userID && u.ID != 0 && account.Can(u.Role, account.ActViewNewsroom)
}

// Profile returns the author profile of staff member userID (made if they have none).
func (s *Service) Profile(ctx context.Context, u Actor, userID int64) (content.AuthorProfile, error) {
	if !CanEditProfile(u, userID) {
		return content.AuthorProfile{}, fmt.Errorf("profile of user %d: %w", userID, account.ErrForbidden)
	}
	var id int64
	err := s.st.NewsroomTx(ctx, func(tx Tx) error {
		var err error
		id, err = tx.StaffAuthor(ctx, userID)
		return err
	})
	if err != nil {
		return content.AuthorProfile{}, fmt.Errorf("profile of user %d: %w", userID, err)
	}
	return s.st.AuthorProfile(ctx, id)
}

// SaveProfile checks in and writes it as the author profile of staff member userID, with
// an audit entry. Invalid fields are a *content.FieldError naming each.
func (s *Service) SaveProfile(ctx context.Context, u Actor, userID int64, in ProfileInput) (content.AuthorProfile, error) {
	cur, err := s.Profile(ctx, u, userID)
	if err != nil {
		return cur, err
	}
	p, err := s.checkProfile(ctx, u, cur, in)
	if err != nil {
		return cur, err
	}
	err = s.st.NewsroomTx(ctx, func(tx Tx) error {
		if err := tx.SaveAuthorProfile(ctx, p); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "profile", "author", p.ID, fmt.Sprintf("author page /author/%s of user %d", p.Slug, userID))
	})
	if errors.Is(err, content.ErrConflict) {
		return cur, &content.FieldError{Fields: map[string]string{"slug": "Another author's page already has this address."}}
	}
	if err != nil {
		return cur, fmt.Errorf("save profile of user %d: %w", userID, err)
	}
	return s.st.AuthorProfile(ctx, p.ID)
}

// checkProfile validates in over the current profile cur and returns the profile to save.
func (s *Service) checkProfile(ctx context.Context, u Actor, cur content.AuthorProfile, in ProfileInput) (content.AuthorProfile, error) {
	errs := map[string]string{}
	p := content.AuthorProfile{Author: content.Author{ID: cur.ID, Slug: cur.Slug}, UserID: cur.UserID}
	p.Name = checkLine(errs, "name", in.Name, content.MaxAuthorName)
	if p.Name == "" && errs["name"] == "" {
		errs["name"] = "Give the name readers see on the author page."
	}
	p.Role = checkLine(errs, "role", in.Role, content.MaxAuthorRole)
	if slug := strings.TrimSpace(in.Slug); slug != "" && slug != cur.Slug {
		switch {
		case !account.Can(u.Role, account.ActManageUsers):
			errs["slug"] = "Only an administrator can change the page's address: every byline links to it."
		case content.Slugify(slug) != slug:
			errs["slug"] = "Use lowercase Latin letters, digits and hyphens only, for example nigar-sultanli."
		default:
			p.Slug = slug
		}
	}
	if in.PhotoID != 0 {
		img, err := s.st.ImageByID(ctx, in.PhotoID)
		switch {
		case errors.Is(err, content.ErrNotFound):
			errs["photo"] = "That image is not in the media library."
		case err != nil:
			return p, err
		default:
			p.Photo = &img
		}
	}
	langs, err := s.st.Languages(ctx)
	if err != nil {
		return p, err
	}
	known := map[string]bool{}
	for _, l := range langs {
		known[l.Code] = true
	}
	for lang, t := range in.Texts {
		if !known[lang] {
			errs["texts"] = "The site has no such language."
			continue
		}
		t = content.AuthorText{
			Name: checkLine(errs, "name."+lang, t.Name, content.MaxAuthorName),
			Role: checkLine(errs, "role."+lang, t.Role, content.MaxAuthorRole),
			Bio:  checkBio(errs, "bio."+lang, t.Bio),
		}
		if t != (content.AuthorText{}) {
			if p.Texts == nil {
				p.Texts = map[string]content.AuthorText{}
			}
			p.Texts[lang] = t
		}
	}
	for i, l := range in.Links {
		if strings.TrimSpace(l.URL) == "" && strings.TrimSpace(l.Label) == "" {
			continue // an empty row of the form
		}
		l, msg := content.NormalizeLink(l)
		if msg != "" {
			errs[fmt.Sprintf("links.%d", i+1)] = msg
			continue
		}
		p.Links = append(p.Links, l)
	}
	if len(p.Links) > content.MaxAuthorLinks {
		errs["links"] = "Give at most 8 links."
	}
	if len(errs) > 0 {
		return p, &content.FieldError{What: "profile", Fields: errs}
	}
	return p, nil
}

// checkLine trims a one-line text (a name or a role, content.MaxAuthorName and
// MaxAuthorRole: 120 characters) and records in errs what is wrong with it.
func checkLine(errs map[string]string, field, s string, max int) string {
	s = strings.TrimSpace(s)
	switch {
	case utf8.RuneCountInString(s) > max:
		errs[field] = "Keep it to 120 characters at most."
	case strings.ContainsFunc(s, unicode.IsControl):
		errs[field] = "Write it on one line."
	}
	return s
}

// checkBio trims a short bio (paragraphs allowed) and records in errs what is wrong.
func checkBio(errs map[string]string, field, s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	switch {
	case utf8.RuneCountInString(s) > content.MaxAuthorBio:
		errs[field] = "Keep the bio short: at most 1200 characters."
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }):
		errs[field] = "The bio has characters that cannot be shown."
	}
	return s
}
