package newsroom

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/editorial"
)

// SettingBlockOnChecks makes failing publishing checks block publication (value "1").
const SettingBlockOnChecks = "publish_checks_block"

// ChecksError carries the publishing checks that blocked a publication.
type ChecksError struct{ Warnings []editorial.Warning }

func (e *ChecksError) Error() string {
	var msgs []string
	for _, w := range e.Warnings {
		msgs = append(msgs, w.Message)
	}
	return "publishing checks failed: " + strings.Join(msgs, " ")
}

// Checks runs the publishing checks on a story.
func (s *Service) Checks(ctx context.Context, a content.Article) []editorial.Warning {
	in := editorial.Input{Headline: a.Headline, Standfirst: a.Standfirst, BodyMarkdown: a.BodyMD}
	if a.LeadImage != nil {
		alt := a.LeadImage.Alt
		in.LeadImageAlt = &alt
	}
	for _, t := range a.Tags {
		in.Tags = append(in.Tags, t.Name)
	}
	return editorial.Check(in)
}

func (s *Service) transition(ctx context.Context, u Actor, id int64, act account.Action, c StateChange) (content.Article, error) {
	if err := allow(u, act); err != nil {
		return content.Article{}, err
	}
	a, err := s.st.ArticleByID(ctx, id)
	if err != nil {
		return a, err
	}
	if act == account.ActSubmit && !CanEdit(u, a) {
		return a, fmt.Errorf("submit article %d: %w", id, account.ErrForbidden)
	}
	c.ID, c.UserID, c.Action = id, u.ID, string(act)
	event := ""
	switch {
	case c.To == content.StatusPublished:
		event = EventRelease
	case c.To == content.StatusUnpublished && a.Status == content.StatusPublished:
		event = EventKill
	}
	err = s.st.NewsroomTx(ctx, func(tx Tx) error {
		if err := tx.ChangeState(ctx, c); err != nil {
			return err
		}
		if c.To == content.StatusUnpublished { // withdrawn: off the front for good, even if published again
			if err := tx.TakeOffFront(ctx, id); err != nil {
				return err
			}
		}
		if n, ok := transitionNote(act, c); ok {
			if err := s.note(ctx, tx, n); err != nil {
				return err
			}
		}
		if event != "" {
			return s.fire(ctx, tx, id, event)
		}
		return nil
	})
	if err != nil {
		return a, err
	}
	if c.To == content.StatusScheduled || a.Status == content.StatusScheduled {
		s.ScheduleChanged() // scheduled, rescheduled, or no longer scheduled
	}
	return s.st.ArticleByID(ctx, id)
}

// Submit sends a draft to the editors.
func (s *Service) Submit(ctx context.Context, u Actor, id int64) (content.Article, error) {
	empty := ""
	return s.transition(ctx, u, id, account.ActSubmit, StateChange{
		From: []content.Status{content.StatusDraft}, To: content.StatusSubmitted, ReturnNote: &empty})
}

// Return sends a submitted story back to its writer with a note.
func (s *Service) Return(ctx context.Context, u Actor, id int64, note string) (content.Article, error) {
	note = strings.TrimSpace(note)
	if note == "" || utf8.RuneCountInString(note) > 2000 {
		return content.Article{}, &content.FieldError{Fields: map[string]string{"note": "Say in a note (up to 2,000 characters) what should change."}}
	}
	return s.transition(ctx, u, id, account.ActReturn, StateChange{
		From: []content.Status{content.StatusSubmitted}, To: content.StatusDraft, ReturnNote: &note, Detail: note})
}

// Publish publishes a story now (or, if it carries an embargo, releases it at the embargo
// time: it is published but hidden from the public until then). It returns the checks'
// warnings; when the block setting is on, warnings stop publication with a *ChecksError.
func (s *Service) Publish(ctx context.Context, u Actor, id int64) (content.Article, []editorial.Warning, error) {
	if err := allow(u, account.ActPublish); err != nil {
		return content.Article{}, nil, err
	}
	a, err := s.st.ArticleByID(ctx, id)
	if err != nil {
		return a, nil, err
	}
	warnings := s.Checks(ctx, a)
	if editorial.Blocking(warnings) {
		block, err := s.st.Setting(ctx, SettingBlockOnChecks, "0")
		if err != nil {
			return a, warnings, err
		}
		if block == "1" {
			return a, warnings, &ChecksError{Warnings: warnings}
		}
	}
	now := s.now()
	a, err = s.transition(ctx, u, id, account.ActPublish, StateChange{
		From: []content.Status{content.StatusDraft, content.StatusSubmitted, content.StatusScheduled, content.StatusUnpublished},
		To:   content.StatusPublished, PublishedAt: now, UpdatedAt: now})
	return a, warnings, err
}

// Schedule sets a story to publish at a later time; the scheduler publishes it then,
// also after a restart.
func (s *Service) Schedule(ctx context.Context, u Actor, id int64, at time.Time) (content.Article, error) {
	if !at.After(s.now()) {
		return content.Article{}, &content.FieldError{Fields: map[string]string{"publish_at": "Choose a time in the future."}}
	}
	return s.transition(ctx, u, id, account.ActSchedule, StateChange{
		From: []content.Status{content.StatusDraft, content.StatusSubmitted, content.StatusScheduled},
		To:   content.StatusScheduled, PublishedAt: at, UpdatedAt: at, Detail: at.UTC().Format(time.RFC3339)})
}

// Unpublish withdraws a published story: its public URL answers 410; it stays in the archive.
func (s *Service) Unpublish(ctx context.Context, u Actor, id int64, reason string) (content.Article, error) {
	return s.transition(ctx, u, id, account.ActUnpublish, StateChange{
		From: []content.Status{content.StatusPublished, content.StatusScheduled}, To: content.StatusUnpublished,
		UpdatedAt: s.now(), Detail: strings.TrimSpace(reason)})
}

// Correct publishes a correction note at the foot of a published story.
func (s *Service) Correct(ctx context.Context, u Actor, id int64, text string) (content.Article, error) {
	if err := allow(u, account.ActCorrect); err != nil {
		return content.Article{}, err
	}
	text = strings.TrimSpace(text)
	if text == "" || utf8.RuneCountInString(text) > 2000 || !utf8.ValidString(text) {
		return content.Article{}, &content.FieldError{Fields: map[string]string{"correction": "Write the correction (up to 2,000 characters)."}}
	}
	a, err := s.st.ArticleByID(ctx, id)
	if err != nil {
		return a, err
	}
	if a.Status != content.StatusPublished {
		return a, content.Refuse(content.ErrConflict, "only a published story can be corrected; this one is %s", a.Status)
	}
	err = s.st.NewsroomTx(ctx, func(tx Tx) error {
		if err := tx.AddCorrection(ctx, id, text, u.ID, s.now()); err != nil {
			return err
		}
		return s.fire(ctx, tx, id, EventCorrection)
	})
	if err != nil {
		return a, err
	}
	return s.st.ArticleByID(ctx, id)
}

// RestoreConfirmError says that restoring would rewrite a published story, which takes a
// confirmation made after seeing what changes (ConfirmRestore); nothing was changed.
type RestoreConfirmError struct {
	Current  content.Article  // the story as it is now
	Revision content.Revision // the revision that would replace it
}

func (e *RestoreConfirmError) Error() string {
	return fmt.Sprintf("article %d is published: restoring version %d over version %d needs a confirmation",
		e.Current.ID, e.Revision.Version, e.Current.Version)
}

// Unwrap makes errors.Is(err, content.ErrConflict) true: the request does not fit the
// story's state as it stands.
func (e *RestoreConfirmError) Unwrap() error { return content.ErrConflict }

// Restore makes an old revision the current content, as a new revision. A published story
// is not rewritten: the answer is a *RestoreConfirmError holding both texts, so that the
// user can compare them and call ConfirmRestore.
func (s *Service) Restore(ctx context.Context, u Actor, id int64, version int) (content.Article, error) {
	return s.restore(ctx, u, id, version, 0)
}

// ConfirmRestore restores a revision after the user has compared it with the story at
// version current (the version a RestoreConfirmError reported). If the story has been
// saved since, it returns a *ConflictError and changes nothing.
func (s *Service) ConfirmRestore(ctx context.Context, u Actor, id int64, version, current int) (content.Article, error) {
	if current < 1 {
		return content.Article{}, &content.FieldError{Fields: map[string]string{"current_version": "Say which version of the story you compared."}}
	}
	return s.restore(ctx, u, id, version, current)
}

// restore restores revision version; confirmed is the current version the user confirmed
// against (0: none). Every restore is audited.
func (s *Service) restore(ctx context.Context, u Actor, id int64, version, confirmed int) (content.Article, error) {
	cur, err := s.st.ArticleByID(ctx, id)
	if err != nil {
		return cur, err
	}
	if !CanEdit(u, cur) {
		return cur, fmt.Errorf("restore article %d: %w", id, account.ErrForbidden)
	}
	rev, err := s.st.Revision(ctx, id, version)
	if err != nil {
		return cur, err
	}
	if confirmed != 0 && confirmed != cur.Version {
		return cur, &ConflictError{Current: cur}
	}
	if confirmed == 0 && cur.Status == content.StatusPublished {
		return cur, &RestoreConfirmError{Current: cur, Revision: rev}
	}
	r := rev.Article
	html, err := s.render(ctx, r.BodyMD)
	if err != nil {
		return cur, err
	}
	r.ID, r.BodyHTML, r.EmbargoUntil, r.Author = id, html, cur.EmbargoUntil, cur.Author
	err = s.st.NewsroomTx(ctx, func(tx Tx) error {
		now, err := tx.SaveArticle(ctx, r, cur.Version, "restored", fmt.Sprintf("restored version %d", version), u.ID, s.now())
		if err != nil {
			return err
		}
		detail := fmt.Sprintf("version %d restored as version %d of the %s story", version, now, cur.Status)
		if err := tx.Audit(ctx, u.ID, "restore", "article", id, detail); err != nil {
			return err
		}
		if cur.Status == content.StatusPublished {
			return s.fire(ctx, tx, id, EventUpdate)
		}
		return nil
	})
	if errors.Is(err, content.ErrConflict) {
		if now, gerr := s.st.ArticleByID(ctx, id); gerr == nil && now.Version != cur.Version {
			return now, &ConflictError{Current: now}
		}
	}
	if err != nil {
		return cur, fmt.Errorf("restore version %d of article %d: %w", version, id, err)
	}
	return s.st.ArticleByID(ctx, id)
}

// Translate starts a draft of story id in another language, in the same translation group.
func (s *Service) Translate(ctx context.Context, u Actor, id int64, lang string) (content.Article, error) {
	if err := allow(u, account.ActTranslate); err != nil {
		return content.Article{}, err
	}
	src, err := s.Get(ctx, u, id)
	if err != nil {
		return src, err
	}
	if src.Language == lang {
		return src, &content.FieldError{Fields: map[string]string{"language": "Choose another language than the story's own."}}
	}
	list, err := s.st.NewsroomArticles(ctx, ArticleQuery{Language: lang, Limit: 1, GroupID: src.GroupID})
	if err != nil {
		return src, err
	}
	if len(list) > 0 {
		return list[0], content.Refuse(content.ErrConflict, "a %s version already exists (article %d)", lang, list[0].ID)
	}
	langs, err := s.st.Languages(ctx)
	if err != nil {
		return src, err
	}
	if !slices.ContainsFunc(langs, func(l content.Language) bool { return l.Code == lang }) {
		fe := &content.FieldError{}
		if lang == "" {
			fe.Set("language", "Choose the language to translate into.")
		} else {
			fe.Set("language", "Unknown language %q.", lang)
		}
		return src, fe
	}
	var tags []string
	err = s.st.NewsroomTx(ctx, func(tx Tx) error { // the tags' translations in lang (tags.go)
		tr, err := tx.TranslateTags(ctx, src.Tags, src.Language, lang)
		for _, t := range tr {
			tags = append(tags, t.Name)
		}
		return err
	})
	if err != nil {
		return src, fmt.Errorf("translate the tags of article %d into %s: %w", id, lang, err)
	}
	in := ArticleInput{Language: lang, Section: src.Section.Key, Headline: src.Headline, Standfirst: src.Standfirst,
		Body: src.BodyMD, Byline: src.Byline, BylineRole: src.BylineRole, Dateline: src.Dateline, Tags: tags,
		Slug: src.Slug + "-" + lang, Slugline: src.Slugline, Urgency: src.Urgency, Signoff: src.Signoff}
	if src.LeadImage != nil {
		in.LeadImageID = src.LeadImage.ID
	}
	a, err := s.create(ctx, u, in, src.GroupID, src.Author.ID) // the translation keeps the story's byline and author
	if err != nil {
		var ve *content.FieldError
		if errors.As(err, &ve) && ve.Fields["language"] != "" {
			return a, err
		}
		return a, fmt.Errorf("translate article %d into %s: %w", id, lang, err)
	}
	return a, nil
}
