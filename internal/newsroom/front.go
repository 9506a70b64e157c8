package newsroom

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The front page is the editors' choice: per language, the stories at the top of the home
// page, in the editors' order, each perhaps pinned until a time. Without a choice the home
// page shows the newest leads.

// frontStore is what the front page reads; Store embeds it.
type frontStore interface {
	// Front returns the picks of a language still on its front at now, in order.
	Front(ctx context.Context, lang string, now time.Time) ([]content.FrontStory, error)
}

// frontTx is what the front page writes; Tx embeds it.
type frontTx interface {
	// SetFront replaces the front page of a language and purges the pages that show it.
	SetFront(ctx context.Context, lang string, picks []content.FrontPick) error
	// TakeOffFront removes a story from every front page it is on.
	TakeOffFront(ctx context.Context, articleID int64) error
}

// Front returns the front page of language lang: the stories on it now, in order.
func (s *Service) Front(ctx context.Context, u Actor, lang string) ([]content.FrontStory, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return nil, err
	}
	if err := s.CheckLanguage(ctx, lang); err != nil {
		return nil, err
	}
	return s.st.Front(ctx, lang, s.now())
}

// FrontCandidates lists the newest published stories of language lang, which an editor
// may put on its front page.
func (s *Service) FrontCandidates(ctx context.Context, u Actor, lang string, limit int) ([]content.Article, error) {
	if err := allow(u, account.ActArrangeFront); err != nil {
		return nil, err
	}
	if err := s.CheckLanguage(ctx, lang); err != nil {
		return nil, err
	}
	return s.st.NewsroomArticles(ctx, ArticleQuery{Status: content.StatusPublished, Language: lang, Limit: limit})
}

// SetFront replaces the front page of language lang with picks, in their order, in one
// transaction with its audit entry, and returns the front as it now is. The stories must
// be published (or scheduled) stories of that language, each once, at most
// content.MaxFrontStories of them, and a pin must end in the future; an empty list gives
// the home page back to the newest leads.
func (s *Service) SetFront(ctx context.Context, u Actor, lang string, picks []content.FrontPick) ([]content.FrontStory, error) {
	if err := allow(u, account.ActArrangeFront); err != nil {
		return nil, err
	}
	if err := s.CheckLanguage(ctx, lang); err != nil {
		return nil, err
	}
	if err := s.checkPicks(ctx, lang, picks); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(picks))
	for _, p := range picks {
		ids = append(ids, strconv.FormatInt(p.ArticleID, 10))
	}
	err := s.st.NewsroomTx(ctx, func(tx Tx) error {
		if err := tx.SetFront(ctx, lang, picks); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "front", "front", 0, lang+": "+strings.Join(ids, ", "))
	})
	if err != nil {
		return nil, err
	}
	return s.st.Front(ctx, lang, s.now())
}

// checkPicks says, as a content.FieldError, what is wrong with a front page's picks.
func (s *Service) checkPicks(ctx context.Context, lang string, picks []content.FrontPick) error {
	fail := func(field, format string, args ...any) error {
		fe := &content.FieldError{What: "front page"}
		fe.Set(field, format, args...)
		return fe
	}
	if len(picks) > content.MaxFrontStories {
		return fail("articles", "The front page holds at most %d stories; %d were sent.", content.MaxFrontStories, len(picks))
	}
	now := s.now()
	seen := map[int64]bool{}
	for _, p := range picks {
		if seen[p.ArticleID] {
			return fail("articles", "Story %d is on the list twice; each story may stand in one place only.", p.ArticleID)
		}
		seen[p.ArticleID] = true
		if p.Pinned() && !p.PinnedUntil.After(now) {
			return fail("pinned_until", "The pin of story %d ends at %s, which has already passed; choose a later time or no pin.",
				p.ArticleID, p.PinnedUntil.UTC().Format(time.RFC3339))
		}
		a, err := s.st.ArticleByID(ctx, p.ArticleID)
		if errors.Is(err, content.ErrNotFound) {
			return fail("articles", "There is no story %d.", p.ArticleID)
		}
		if err != nil {
			return fmt.Errorf("front page story %d: %w", p.ArticleID, err)
		}
		if a.Language != lang {
			return fail("articles", "Story %d is in %q, not %q: a front page shows stories of its own language.", a.ID, a.Language, lang)
		}
		if a.Status != content.StatusPublished && a.Status != content.StatusScheduled {
			return fail("articles", "Story %d is %s: only published or scheduled stories can go on the front page.", a.ID, a.Status)
		}
	}
	return nil
}

// CheckLanguage answers content.ErrNotFound for a language the site does not publish in.
func (s *Service) CheckLanguage(ctx context.Context, lang string) error {
	langs, err := s.st.Languages(ctx)
	if err != nil {
		return err
	}
	for _, l := range langs {
		if l.Code == lang {
			return nil
		}
	}
	return fmt.Errorf("language %q: %w", lang, content.ErrNotFound)
}
