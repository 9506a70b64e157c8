package api

import (
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The front page: the stories the editors put at the top of a language's home page.

// frontRequest replaces a front page: the story ids in order, and for some of them the
// time they leave the front on their own.
type frontRequest struct {
	Articles    *[]int64          `json:"articles"`
	PinnedUntil map[string]string `json:"pinned_until"`
}

// frontJSON is a front page as the API shows it. articles and pinned_until have the shape
// of the request, so that an answer can be sent back as it is.
type frontJSON struct {
	Language    string            `json:"language"`
	Articles    []int64           `json:"articles"`
	PinnedUntil map[string]string `json:"pinned_until"`
	Stories     []frontStoryJSON  `json:"stories"`
	Max         int               `json:"max_articles"`
}

type frontStoryJSON struct {
	ID          int64   `json:"id"`
	Headline    string  `json:"headline"`
	Status      string  `json:"status"`
	PublishedAt *string `json:"published_at"`
	Public      bool    `json:"public"`
	PinnedUntil *string `json:"pinned_until"`
}

func frontView(lang string, list []content.FrontStory) frontJSON {
	f := frontJSON{Language: lang, Articles: []int64{}, PinnedUntil: map[string]string{}, Stories: []frontStoryJSON{},
		Max: content.MaxFrontStories}
	for _, s := range list {
		f.Articles = append(f.Articles, s.ArticleID)
		pin := timeJSON(s.PinnedUntil)
		if pin != nil {
			f.PinnedUntil[strconv.FormatInt(s.ArticleID, 10)] = *pin
		}
		f.Stories = append(f.Stories, frontStoryJSON{ID: s.ArticleID, Headline: s.Headline, Status: string(s.Status),
			PublishedAt: timeJSON(s.PublishedAt), Public: s.Public, PinnedUntil: pin})
	}
	return f
}

// showFront returns the front page of a language.
func (a *API) showFront(w http.ResponseWriter, r *http.Request, u account.User) error {
	lang := r.PathValue("lang")
	list, err := a.svc.Front(r.Context(), u, lang)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, frontView(lang, list))
	return nil
}

// setFront replaces the front page of a language; the home page shows it at once.
func (a *API) setFront(w http.ResponseWriter, r *http.Request, u account.User) error {
	lang := r.PathValue("lang")
	if err := a.svc.CheckLanguage(r.Context(), lang); err != nil {
		return err // an unknown language is 404 whatever the body says
	}
	var req frontRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	if req.Articles == nil {
		return invalid(map[string]string{"articles": "Send the story ids in their order, e.g. [12, 7]; [] gives the home page back to the newest leads."})
	}
	picks := make([]content.FrontPick, 0, len(*req.Articles))
	index := map[string]int{}
	for i, id := range *req.Articles {
		picks = append(picks, content.FrontPick{ArticleID: id})
		index[strconv.FormatInt(id, 10)] = i
	}
	errs := map[string]string{}
	for key, v := range req.PinnedUntil {
		i, ok := index[key]
		if !ok {
			errs["pinned_until"] = "Story " + strconv.Quote(key) + " has a pin but is not in articles; pin only stories on the list."
			break
		}
		if picks[i].PinnedUntil = parseTime("pinned_until", &v, errs); len(errs) > 0 {
			break
		}
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	list, err := a.svc.SetFront(r.Context(), u, lang, picks)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, frontView(lang, list))
	return nil
}
