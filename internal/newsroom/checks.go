package newsroom

import (
	"context"
	"errors"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/editorial"
)

// CheckDraft runs the publishing checks on a story as it is being written, before it is
// saved (the editor page's live checks). A lead image that is not in the library counts
// as none.
func (s *Service) CheckDraft(ctx context.Context, u Actor, in ArticleInput) ([]editorial.Warning, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return nil, err
	}
	ei := editorial.Input{Headline: in.Headline, Standfirst: in.Standfirst, BodyMarkdown: in.Body, Tags: in.Tags}
	if in.LeadImageID > 0 {
		img, err := s.st.ImageByID(ctx, in.LeadImageID)
		switch {
		case err == nil:
			ei.LeadImageAlt = &img.Alt
		case !errors.Is(err, content.ErrNotFound):
			return nil, err
		}
	}
	return editorial.Check(ei), nil
}
