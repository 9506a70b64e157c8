package newsroom

import (
	"context"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/search"
)

// Search searches the newsroom's stories and briefs: editors search everyone's in every
// state (drafts included), correspondents only their own drafts, whatever state or owner
// the request asks for.
func (s *Service) Search(ctx context.Context, u Actor, r search.Request) (search.Results, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return search.Results{}, err
	}
	r.Newsroom = true
	r.OwnerID = 0
	if !account.Can(u.Role, account.ActEditAny) {
		r.OwnerID, r.Status = u.ID, content.StatusDraft
	}
	if r.Now.IsZero() {
		r.Now = s.now()
	}
	return s.st.Search(ctx, r)
}
