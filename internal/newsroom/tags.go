package newsroom

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// Tags are per language; a tag links to its translations (a group, one tag a language).
// Editors link and name them; translating a story gives it its tags' translations.

// TagQuery selects tags for the newsroom: of one language ("" any), whose name contains
// Search ("" any), at most Limit (0: 200).
type TagQuery struct {
	Language, Search string
	Limit            int
}

// TagStore reads tags and their translation groups.
type TagStore interface {
	NewsroomTags(ctx context.Context, q TagQuery) ([]content.TagEntry, error)
	TagGroups(ctx context.Context, groups []int64) (map[int64][]content.TagEntry, error)
	TagByID(ctx context.Context, id int64) (content.TagEntry, error)
}

// TagTx changes tags and their links, in a transaction.
type TagTx interface {
	PutTag(ctx context.Context, lang, name string) (content.TagEntry, error)
	LinkTags(ctx context.Context, a, b int64) error
	UnlinkTag(ctx context.Context, id int64) error
	RenameTag(ctx context.Context, id int64, name string) error
	TranslateTags(ctx context.Context, tags []content.Tag, from, lang string) ([]content.Tag, error)
}

// TagRow is a tag with its translations and the site's languages it has none in.
type TagRow struct {
	content.TagEntry
	Translations []content.TagEntry // the other tags of its group
	Missing      []content.Language
}

// Tags lists tags with their translations, for anyone in the newsroom.
func (s *Service) Tags(ctx context.Context, u Actor, q TagQuery) ([]TagRow, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return nil, err
	}
	list, err := s.st.NewsroomTags(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.tagRows(ctx, list)
}

// Tag returns one tag with its translations, for anyone in the newsroom.
func (s *Service) Tag(ctx context.Context, u Actor, id int64) (TagRow, error) {
	if err := allow(u, account.ActViewNewsroom); err != nil {
		return TagRow{}, err
	}
	e, err := s.st.TagByID(ctx, id)
	if err != nil {
		return TagRow{}, err
	}
	rows, err := s.tagRows(ctx, []content.TagEntry{e})
	if err != nil {
		return TagRow{}, err
	}
	return rows[0], nil
}

// tagRows gives each tag its translations and the languages it has none in.
func (s *Service) tagRows(ctx context.Context, list []content.TagEntry) ([]TagRow, error) {
	langs, err := s.st.Languages(ctx)
	if err != nil {
		return nil, err
	}
	var groups []int64
	for _, e := range list {
		if e.GroupID != 0 && !slices.Contains(groups, e.GroupID) {
			groups = append(groups, e.GroupID)
		}
	}
	members, err := s.st.TagGroups(ctx, groups)
	if err != nil {
		return nil, err
	}
	out := make([]TagRow, len(list))
	for i, e := range list {
		out[i].TagEntry = e
		have := map[string]bool{e.Language: true}
		for _, m := range members[e.GroupID] {
			if m.ID != e.ID {
				out[i].Translations = append(out[i].Translations, m)
				have[m.Language] = true
			}
		}
		for _, l := range langs {
			if !have[l.Code] {
				out[i].Missing = append(out[i].Missing, l)
			}
		}
	}
	return out, nil
}

// cleanTagName trims a tag's name and checks it.
func cleanTagName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || content.Slugify(name) == "" {
		return "", &content.FieldError{Fields: map[string]string{"name": "Give the tag a name with letters or digits."}}
	}
	if utf8.RuneCountInString(name) > 100 || !utf8.ValidString(name) {
		return "", &content.FieldError{Fields: map[string]string{"name": "A tag's name holds at most 100 characters."}}
	}
	return name, nil
}

// LinkTag makes the tag of lang named name (created if none has that name's slug) a
// translation of tag id. Editors only; audited.
func (s *Service) LinkTag(ctx context.Context, u Actor, id int64, lang, name string) error {
	if err := allow(u, account.ActEditAny); err != nil {
		return err
	}
	name, err := cleanTagName(name)
	if err != nil {
		return err
	}
	langs, err := s.st.Languages(ctx)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(langs, func(l content.Language) bool { return l.Code == lang }) {
		return &content.FieldError{Fields: map[string]string{"language": "Choose one of the site's languages."}}
	}
	return s.st.NewsroomTx(ctx, func(tx Tx) error {
		tag, err := s.st.TagByID(ctx, id)
		if err != nil {
			return err
		}
		if tag.Language == lang {
			return &content.FieldError{Fields: map[string]string{"language": "A translation is in another language than the tag's own."}}
		}
		other, err := tx.PutTag(ctx, lang, name)
		if err != nil {
			return err
		}
		if err := tx.LinkTags(ctx, id, other.ID); err != nil {
			return fmt.Errorf("link tag %d to %s/%s: %w", id, lang, other.Slug, err)
		}
		return tx.Audit(ctx, u.ID, "link", "tag", id, fmt.Sprintf("translation in %s: %s (tag %d)", lang, other.Name, other.ID))
	})
}

// UnlinkTag takes tag id out of its translations. Editors only; audited.
func (s *Service) UnlinkTag(ctx context.Context, u Actor, id int64) error {
	if err := allow(u, account.ActEditAny); err != nil {
		return err
	}
	return s.st.NewsroomTx(ctx, func(tx Tx) error {
		if err := tx.UnlinkTag(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "unlink", "tag", id, "")
	})
}

// RenameTag names tag id (its address follows the name). Editors only; audited with the
// old name.
func (s *Service) RenameTag(ctx context.Context, u Actor, id int64, name string) error {
	if err := allow(u, account.ActEditAny); err != nil {
		return err
	}
	name, err := cleanTagName(name)
	if err != nil {
		return err
	}
	return s.st.NewsroomTx(ctx, func(tx Tx) error {
		old, err := s.st.TagByID(ctx, id)
		if err != nil {
			return err
		}
		if old.Name == name && !old.Untranslated {
			return nil
		}
		if err := tx.RenameTag(ctx, id, name); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "rename", "tag", id, "was "+old.Name)
	})
}
