package newsroom

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The newsroom's reads for its pages and the API: reference lists for forms, the image
// library, a story's translation group and revisions, and the audit log.

// Languages lists the site's languages.
func (s *Service) Languages(ctx context.Context) ([]content.Language, error) {
	return s.st.Languages(ctx)
}

// Sections lists the sections of a language.
func (s *Service) Sections(ctx context.Context, lang string) ([]content.Section, error) {
	return s.st.Sections(ctx, lang)
}

// Authors lists the authors, for the story list's filter.
func (s *Service) Authors(ctx context.Context) ([]content.Author, error) {
	return s.st.Authors(ctx)
}

// Images lists the newest images of the library: every newsroom user may see every image.
func (s *Service) Images(ctx context.Context, u Actor, limit, offset int) ([]content.Image, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return nil, err
	}
	return s.st.Images(ctx, limit, offset)
}

// Image returns one image of the library.
func (s *Service) Image(ctx context.Context, u Actor, id int64) (content.Image, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return content.Image{}, err
	}
	return s.st.ImageByID(ctx, id)
}

// Group lists every story of a translation group, whoever owns it (the editor of one
// version sees which languages exist).
func (s *Service) Group(ctx context.Context, u Actor, groupID int64) ([]content.Article, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return nil, err
	}
	return s.st.NewsroomArticles(ctx, ArticleQuery{GroupID: groupID})
}

// Revision returns one revision of story a (as loaded by Get) for someone who may see it.
func (s *Service) Revision(ctx context.Context, u Actor, a content.Article, version int) (content.Revision, error) {
	if !CanView(u, a) {
		return content.Revision{}, fmt.Errorf("revision of article %d: %w", a.ID, account.ErrForbidden)
	}
	return s.st.Revision(ctx, a.ID, version)
}

// AuditLog lists the newest entries of the audit log.
func (s *Service) AuditLog(ctx context.Context, u Actor, limit, offset int) ([]AuditEntry, error) {
	if err := allow(u, account.ActViewAudit); err != nil {
		return nil, err
	}
	return s.st.AuditLog(ctx, limit, offset)
}
