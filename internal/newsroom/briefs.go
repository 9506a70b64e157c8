package newsroom

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// BriefInput is the quick-entry form of a brief.
type BriefInput struct {
	Language string
	Section  string // section key
	Text     string
	At       time.Time // zero: now
}

// MaxBriefRunes bounds a brief: one paragraph.
const MaxBriefRunes = 1500

func (s *Service) validateBrief(ctx context.Context, in *BriefInput) (content.Section, error) {
	errs := &content.FieldError{}
	in.Text = strings.TrimSpace(in.Text)
	switch {
	case in.Text == "":
		errs.Set("text", "Write the brief.")
	case utf8.RuneCountInString(in.Text) > MaxBriefRunes:
		errs.Set("text", "A brief is one paragraph of at most %d characters.", MaxBriefRunes)
	case !utf8.ValidString(in.Text) || strings.ContainsRune(in.Text, 0):
		errs.Set("text", "The text contains invalid characters.")
	case strings.Contains(in.Text, "\n\n"):
		errs.Set("text", "A brief is one paragraph: remove the blank lines.")
	}
	var sec content.Section
	secs, err := s.st.Sections(ctx, in.Language)
	if err != nil {
		return sec, err
	}
	for _, x := range secs {
		if x.Key == in.Section {
			sec = x
		}
	}
	if len(secs) == 0 {
		errs.Set("language", "Unknown language %q.", in.Language)
	} else if sec.ID == 0 {
		errs.Set("section", "Unknown section %q.", in.Section)
	}
	if in.At.IsZero() {
		in.At = s.now()
	}
	if len(errs.Fields) > 0 {
		return sec, errs
	}
	return sec, nil
}

// CreateBrief files a brief: an editor's is published at once, a correspondent's waits
// for an editor.
func (s *Service) CreateBrief(ctx context.Context, u Actor, in BriefInput) (content.Brief, error) {
	if err := allow(u, account.ActCreateBrief); err != nil {
		return content.Brief{}, err
	}
	sec, err := s.validateBrief(ctx, &in)
	if err != nil {
		return content.Brief{}, err
	}
	b := content.Brief{Language: in.Language, Section: sec, Text: in.Text, PublishedAt: in.At, OwnerID: u.ID,
		Status: content.StatusSubmitted}
	if account.Can(u.Role, account.ActPublishBrief) {
		b.Status = content.StatusPublished
	}
	var id int64
	err = s.st.NewsroomTx(ctx, func(tx Tx) error {
		var err error
		if id, err = tx.CreateBrief(ctx, b); err != nil {
			return err
		}
		if b.Status == content.StatusPublished {
			return tx.Audit(ctx, u.ID, "publish", "brief", id, "")
		}
		return nil
	})
	if err != nil {
		return b, err
	}
	return s.st.BriefByID(ctx, id)
}

// GetBrief returns a brief u may see.
func (s *Service) GetBrief(ctx context.Context, u Actor, id int64) (content.Brief, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return content.Brief{}, err
	}
	b, err := s.st.BriefByID(ctx, id)
	if err != nil {
		return b, err
	}
	if !account.Can(u.Role, account.ActEditAny) && b.OwnerID != u.ID {
		return b, fmt.Errorf("brief %d: %w", id, account.ErrForbidden)
	}
	return b, nil
}

// UpdateBrief changes a brief: editors any, correspondents their own unpublished ones.
func (s *Service) UpdateBrief(ctx context.Context, u Actor, id int64, in BriefInput) (content.Brief, error) {
	b, err := s.GetBrief(ctx, u, id)
	if err != nil {
		return b, err
	}
	if !account.Can(u.Role, account.ActEditAny) && b.Status == content.StatusPublished {
		return b, fmt.Errorf("brief %d is published: %w", id, account.ErrForbidden)
	}
	in.Language = b.Language
	sec, err := s.validateBrief(ctx, &in)
	if err != nil {
		return b, err
	}
	b.Text, b.Section, b.PublishedAt = in.Text, sec, in.At
	if err := s.st.NewsroomTx(ctx, func(tx Tx) error { return tx.UpdateBrief(ctx, b) }); err != nil {
		return b, err
	}
	return s.st.BriefByID(ctx, id)
}

// PublishBrief publishes a waiting brief (editors).
func (s *Service) PublishBrief(ctx context.Context, u Actor, id int64) (content.Brief, error) {
	if err := allow(u, account.ActPublishBrief); err != nil {
		return content.Brief{}, err
	}
	b, err := s.st.BriefByID(ctx, id)
	if err != nil {
		return b, err
	}
	b.Status = content.StatusPublished
	if b.PublishedAt.Before(s.now().Add(-time.Hour)) {
		b.PublishedAt = s.now()
	}
	err = s.st.NewsroomTx(ctx, func(tx Tx) error {
		if err := tx.UpdateBrief(ctx, b); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "publish", "brief", id, "")
	})
	if err != nil {
		return b, err
	}
	return s.st.BriefByID(ctx, id)
}

// DevelopBrief turns a brief into a linked story draft; once the story is published the
// brief links to it on the public site.
func (s *Service) DevelopBrief(ctx context.Context, u Actor, id int64) (content.Article, error) {
	b, err := s.GetBrief(ctx, u, id)
	if err != nil {
		return content.Article{}, err
	}
	if b.ArticleID != 0 {
		return content.Article{}, content.Refuse(content.ErrConflict, "brief %d already developed into article %d", id, b.ArticleID)
	}
	// The story starts with the brief's title as its headline, less the full stop.
	headline := strings.TrimRight(content.BriefTitle(b.Text), ".!?")
	a, err := s.Create(ctx, u, ArticleInput{Language: b.Language, Section: b.Section.Key, Headline: headline, Body: b.Text})
	if err != nil {
		return a, err
	}
	b.ArticleID = a.ID
	if err := s.st.NewsroomTx(ctx, func(tx Tx) error { return tx.UpdateBrief(ctx, b) }); err != nil {
		return a, err
	}
	return a, nil
}

// ListArticles lists stories for the newsroom: correspondents see only their own.
func (s *Service) ListArticles(ctx context.Context, u Actor, q ArticleQuery) ([]content.Article, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return nil, err
	}
	if !account.Can(u.Role, account.ActEditAny) {
		q.OwnerID = u.ID
	}
	return s.st.NewsroomArticles(ctx, q)
}

// CountArticles counts the stories ListArticles would list without a limit.
func (s *Service) CountArticles(ctx context.Context, u Actor, q ArticleQuery) (int, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return 0, err
	}
	if !account.Can(u.Role, account.ActEditAny) {
		q.OwnerID = u.ID
	}
	return s.st.CountNewsroomArticles(ctx, q)
}

// ListBriefs lists briefs for the newsroom: correspondents see only their own.
func (s *Service) ListBriefs(ctx context.Context, u Actor, limit, offset int) ([]content.Brief, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return nil, err
	}
	owner := int64(0)
	if !account.Can(u.Role, account.ActEditAny) {
		owner = u.ID
	}
	return s.st.NewsroomBriefs(ctx, owner, limit, offset)
}

// Revisions lists a story's revisions for someone who may see it.
func (s *Service) Revisions(ctx context.Context, u Actor, id int64) ([]content.Revision, error) {
	if _, err := s.Get(ctx, u, id); err != nil {
		return nil, err
	}
	return s.st.Revisions(ctx, id)
}
