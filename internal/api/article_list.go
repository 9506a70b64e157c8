package api

import (
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// articleListJSON is a page of the newsroom's story list.
type articleListJSON struct {
	Articles []articleSummaryJSON `json:"articles"`
	Limit    int                  `json:"limit"`
	Offset   int                  `json:"offset"`
}

// listArticles lists stories in any state, most recently changed first; correspondents
// see only their own.
func (a *API) listArticles(w http.ResponseWriter, r *http.Request, u account.User) error {
	q := r.URL.Query()
	if err := checkQuery(q, "status", "section", "language", "q", "limit", "offset"); err != nil {
		return err
	}
	var nq newsroom.ArticleQuery
	var err error
	if nq.Limit, nq.Offset, err = pageParams(q); err != nil {
		return err
	}
	switch st := content.Status(q.Get("status")); st {
	case "", content.StatusDraft, content.StatusSubmitted, content.StatusScheduled, content.StatusPublished, content.StatusUnpublished:
		nq.Status = st
	default:
		return badRequest("Query parameter \"status\" must be draft, submitted, scheduled, published or unpublished.")
	}
	if nq.Search = q.Get("q"); utf8.RuneCountInString(nq.Search) > 200 || !utf8.ValidString(nq.Search) {
		return badRequest("Query parameter \"q\" must be valid text of at most 200 characters.")
	}
	if strings.TrimSpace(nq.Search) != "" && !newsroom.SearchableHeadline(nq.Search) {
		return badRequest("Query parameter \"q\" has no word to look for: give a word of the headline (letters or digits).")
	}
	if nq.Language, nq.SectionID, err = a.languageAndSection(r.Context(), q.Get("language"), q.Get("section")); err != nil {
		return err
	}
	list, err := a.svc.ListArticles(r.Context(), u, nq)
	if err != nil {
		return err
	}
	out := articleListJSON{Articles: make([]articleSummaryJSON, 0, len(list)), Limit: nq.Limit, Offset: nq.Offset}
	for _, art := range list {
		out.Articles = append(out.Articles, a.articleSummary(art))
	}
	a.reply(w, r, http.StatusOK, out)
	return nil
}

// languageAndSection checks a language code and a section key from a query (either may be
// empty) and returns the section's id. Section keys are the same in every language.
func (a *API) languageAndSection(ctx context.Context, lang, key string) (string, int64, error) {
	if lang == "" && key == "" {
		return "", 0, nil
	}
	langs, err := a.svc.Languages(ctx)
	if err != nil {
		return "", 0, err
	}
	known := false
	for _, l := range langs {
		known = known || l.Code == lang
	}
	if lang != "" && !known {
		return "", 0, badRequest("Unknown language %q.", lang)
	}
	if key == "" {
		return lang, 0, nil
	}
	for _, l := range langs {
		if lang != "" && l.Code != lang {
			continue
		}
		secs, err := a.svc.Sections(ctx, l.Code)
		if err != nil {
			return "", 0, err
		}
		for _, s := range secs {
			if s.Key == key {
				return lang, s.ID, nil
			}
		}
	}
	return "", 0, badRequest("Unknown section %q.", key)
}
