package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// Tags in several languages: the tags of one translation group (tags.group_id, one per
// language) are one subject. The newsroom links and names them; translating a story gives
// it its tags' translations in the new language.

const tagEntryColumns = `t.id, t.language, t.name, t.slug, t.group_id, t.untranslated,
	(SELECT COUNT(*) FROM article_tags x WHERE x.tag_id = t.id) FROM tags t`

func scanTagEntry(row interface{ Scan(...any) error }) (content.TagEntry, error) {
	var e content.TagEntry
	err := row.Scan(&e.ID, &e.Language, &e.Name, &e.Slug, &e.GroupID, &e.Untranslated, &e.Stories)
	return e, err
}

// NewsroomTags lists tags by name, with the tags of their translation groups right after
// the list (a group's members outside the filter are included), so that each can be shown
// with its translations.
func (s *Store) NewsroomTags(ctx context.Context, q newsroom.TagQuery) ([]content.TagEntry, error) {
	where, args := []string{"1 = 1"}, []any{}
	if q.Language != "" {
		where, args = append(where, "t.language = ?"), append(args, q.Language)
	}
	if q.Search != "" {
		// SQLite lowers ASCII letters only: the slug, transliterated, matches the others.
		where = append(where, "(LOWER(t.name) LIKE ? OR t.slug LIKE ?)")
		args = append(args, "%"+strings.ToLower(q.Search)+"%", "%"+content.Slugify(q.Search)+"%")
	}
	if q.Limit <= 0 {
		q.Limit = 200
	}
	args = append(args, q.Limit)
	rows, err := s.query(ctx, "SELECT "+tagEntryColumns+" WHERE "+strings.Join(where, " AND ")+
		" ORDER BY LOWER(t.name), t.language, t.id LIMIT ?", args...)
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	return scanTagEntries(rows)
}

// scanTagEntries reads and closes rows of tagEntryColumns.
func scanTagEntries(rows *sql.Rows) ([]content.TagEntry, error) {
	defer rows.Close()
	var out []content.TagEntry
	for rows.Next() {
		e, err := scanTagEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("scan tag: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read tags: %w", err)
	}
	return out, nil
}

// TagGroups returns the tags of translation groups, by group, each in language order.
func (s *Store) TagGroups(ctx context.Context, groups []int64) (map[int64][]content.TagEntry, error) {
	out := map[int64][]content.TagEntry{}
	if len(groups) == 0 {
		return out, nil
	}
	args := make([]any, len(groups))
	for i, g := range groups {
		args[i] = g
	}
	rows, err := s.query(ctx, "SELECT "+tagEntryColumns+" WHERE t.group_id IN ("+placeholders(len(groups))+") ORDER BY t.language", args...)
	if err != nil {
		return nil, fmt.Errorf("list tag groups: %w", err)
	}
	list, err := scanTagEntries(rows)
	for _, e := range list {
		out[e.GroupID] = append(out[e.GroupID], e)
	}
	return out, err
}

// TagByID returns a tag.
func (s *Store) TagByID(ctx context.Context, id int64) (content.TagEntry, error) {
	return tagByID(s.queryRow(ctx, tagByIDQuery, id), id)
}

func (t *Tx) tagByID(ctx context.Context, id int64) (content.TagEntry, error) {
	return tagByID(t.queryRow(ctx, tagByIDQuery, id), id)
}

const tagByIDQuery = "SELECT " + tagEntryColumns + " WHERE t.id = ?"

// tagByID reads the tag id from the row of tagByIDQuery, in or out of a transaction.
func tagByID(row *sql.Row, id int64) (content.TagEntry, error) {
	e, err := scanTagEntry(row)
	if isNoRows(err) {
		return e, fmt.Errorf("tag %d: %w", id, content.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("load tag %d: %w", id, err)
	}
	return e, nil
}

// PutTag returns the tag of lang named name, creating it when no tag of lang has its slug.
func (t *Tx) PutTag(ctx context.Context, lang, name string) (content.TagEntry, error) {
	slug := content.Slugify(name)
	if slug == "" {
		return content.TagEntry{}, &content.FieldError{Fields: map[string]string{"name": "Give the tag a name with letters or digits."}}
	}
	var id int64
	if err := t.queryRow(ctx, `INSERT INTO tags (language, name, slug) VALUES (?, ?, ?)
		ON CONFLICT (language, slug) DO UPDATE SET slug = excluded.slug RETURNING id`, lang, strings.TrimSpace(name), slug).Scan(&id); err != nil {
		return content.TagEntry{}, fmt.Errorf("put tag %s/%s: %w", lang, slug, err)
	}
	return t.tagByID(ctx, id)
}

// LinkTags makes tags a and b translations of each other: b and its translations join a's
// group. Two tags of one language cannot be linked, nor two groups that both have a tag
// in the same language (content.ErrConflict). The pages of every tag of the group are
// purged (they link one another).
func (t *Tx) LinkTags(ctx context.Context, a, b int64) error {
	ta, err := t.tagByID(ctx, a)
	if err != nil {
		return err
	}
	tb, err := t.tagByID(ctx, b)
	if err != nil {
		return err
	}
	if ta.ID == tb.ID || (ta.GroupID != 0 && ta.GroupID == tb.GroupID) {
		return nil
	}
	langs := map[string]bool{}
	for _, e := range []content.TagEntry{ta, tb} {
		members, err := t.groupMembers(ctx, e)
		if err != nil {
			return err
		}
		for _, m := range members {
			if langs[m.Language] {
				return fmt.Errorf("link tags %d and %d: both have a tag in %s: %w", a, b, m.Language, content.ErrConflict)
			}
		}
		for _, m := range members {
			langs[m.Language] = true
		}
	}
	group := ta.GroupID
	if group == 0 {
		group = ta.ID
		if _, err := t.exec(ctx, "UPDATE tags SET group_id = ? WHERE id = ?", group, ta.ID); err != nil {
			return fmt.Errorf("link tag %d: %w", ta.ID, err)
		}
	}
	if tb.GroupID != 0 {
		_, err = t.exec(ctx, "UPDATE tags SET group_id = ? WHERE group_id = ?", group, tb.GroupID)
	} else {
		_, err = t.exec(ctx, "UPDATE tags SET group_id = ? WHERE id = ?", group, tb.ID)
	}
	if err != nil {
		return fmt.Errorf("link tags %d and %d: %w", a, b, err)
	}
	return t.purgeTagGroup(ctx, group)
}

// groupMembers returns the tags of e's group, or e alone.
func (t *Tx) groupMembers(ctx context.Context, e content.TagEntry) ([]content.TagEntry, error) {
	if e.GroupID == 0 {
		return []content.TagEntry{e}, nil
	}
	rows, err := t.tx.QueryContext(ctx, t.s.q("SELECT "+tagEntryColumns+" WHERE t.group_id = ?"), e.GroupID)
	if err != nil {
		return nil, fmt.Errorf("list tag group %d: %w", e.GroupID, err)
	}
	return scanTagEntries(rows)
}

// UnlinkTag takes a tag out of its translation group (a group left with one tag is
// dissolved).
func (t *Tx) UnlinkTag(ctx context.Context, id int64) error {
	e, err := t.tagByID(ctx, id)
	if err != nil || e.GroupID == 0 {
		return err
	}
	if err := t.purgeTagGroup(ctx, e.GroupID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "UPDATE tags SET group_id = 0 WHERE id = ?", id); err != nil {
		return fmt.Errorf("unlink tag %d: %w", id, err)
	}
	var left int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM tags WHERE group_id = ?", e.GroupID).Scan(&left); err != nil {
		return fmt.Errorf("count tag group %d: %w", e.GroupID, err)
	}
	if left == 1 {
		if _, err := t.exec(ctx, "UPDATE tags SET group_id = 0 WHERE group_id = ?", e.GroupID); err != nil {
			return fmt.Errorf("dissolve tag group %d: %w", e.GroupID, err)
		}
	}
	return nil
}

// RenameTag names a tag (its slug follows the name) and marks it translated. Another tag of
// its language with that slug is a content.ErrConflict. The pages that print the tag's
// name are purged: its own page and feed, the stories that carry it, the feeds.
func (t *Tx) RenameTag(ctx context.Context, id int64, name string) error {
	e, err := t.tagByID(ctx, id)
	if err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	slug := content.Slugify(name)
	if slug == "" {
		return &content.FieldError{Fields: map[string]string{"name": "Give the tag a name with letters or digits."}}
	}
	var other int64
	err = t.queryRow(ctx, "SELECT id FROM tags WHERE language = ? AND slug = ? AND id <> ?", e.Language, slug, id).Scan(&other)
	switch {
	case err == nil:
		return fmt.Errorf("rename tag %d: tag %d of %s has the slug %s: %w", id, other, e.Language, slug, content.ErrConflict)
	case !isNoRows(err):
		return fmt.Errorf("rename tag %d: %w", id, err)
	}
	if _, err := t.exec(ctx, "UPDATE tags SET name = ?, slug = ?, untranslated = FALSE WHERE id = ?", name, slug, id); err != nil {
		return fmt.Errorf("rename tag %d: %w", id, err)
	}
	if err := t.keepTagSlug(ctx, e, slug); err != nil {
		return err
	}
	rows, err := t.tx.QueryContext(ctx, t.s.q("SELECT article_id FROM article_tags WHERE tag_id = ?"), id)
	if err != nil {
		return fmt.Errorf("stories of tag %d: %w", id, err)
	}
	defer rows.Close()
	keys := []string{cache.TagKey(id), cache.Feeds}
	for rows.Next() {
		var art int64
		if err := rows.Scan(&art); err != nil {
			return fmt.Errorf("scan story of tag %d: %w", id, err)
		}
		keys = append(keys, cache.ArticleKey(art))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("stories of tag %d: %w", id, err)
	}
	if e.GroupID != 0 { // the pages of its translations link it by name
		if err := t.purgeTagGroup(ctx, e.GroupID); err != nil {
			return err
		}
	}
	t.Purge(keys...)
	return nil
}

// purgeTagGroup purges the pages of every tag of a group.
func (t *Tx) purgeTagGroup(ctx context.Context, group int64) error {
	rows, err := t.tx.QueryContext(ctx, t.s.q("SELECT id FROM tags WHERE group_id = ?"), group)
	if err != nil {
		return fmt.Errorf("list tag group %d: %w", group, err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("scan tag: %w", err)
		}
		keys = append(keys, cache.TagKey(id))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list tag group %d: %w", group, err)
	}
	t.Purge(keys...)
	return nil
}

// TranslateTags returns the tags of lang that translate tags (of language from): a tag's
// translation in its group where there is one; else the tag of lang with the same slug,
// linked to it when neither has a translation in the other's language; else a new tag of
// lang with the source's name, marked untranslated and linked to it, for an editor to name.
func (t *Tx) TranslateTags(ctx context.Context, tags []content.Tag, from, lang string) ([]content.Tag, error) {
	out := make([]content.Tag, 0, len(tags))
	for _, tag := range tags {
		var src content.TagEntry
		err := t.queryRow(ctx, "SELECT id, group_id FROM tags WHERE language = ? AND slug = ?", from, tag.Slug).Scan(&src.ID, &src.GroupID)
		if isNoRows(err) {
			out = append(out, tag) // not a stored tag: taken as it is
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("find tag %s/%s: %w", from, tag.Slug, err)
		}
		var tr content.Tag
		if src.GroupID != 0 {
			err = t.queryRow(ctx, "SELECT name, slug FROM tags WHERE group_id = ? AND language = ?", src.GroupID, lang).Scan(&tr.Name, &tr.Slug)
			if err == nil {
				out = append(out, tr)
				continue
			}
			if !isNoRows(err) {
				return nil, fmt.Errorf("find translation of tag %d: %w", src.ID, err)
			}
		}
		var same int64
		err = t.queryRow(ctx, "SELECT id FROM tags WHERE language = ? AND slug = ?", lang, tag.Slug).Scan(&same)
		switch {
		case isNoRows(err):
			if err := t.queryRow(ctx, `INSERT INTO tags (language, name, slug, untranslated) VALUES (?, ?, ?, TRUE)
				RETURNING id`, lang, tag.Name, tag.Slug).Scan(&same); err != nil {
				return nil, fmt.Errorf("put untranslated tag %s/%s: %w", lang, tag.Slug, err)
			}
		case err != nil:
			return nil, fmt.Errorf("find tag %s/%s: %w", lang, tag.Slug, err)
		}
		if err := t.LinkTags(ctx, src.ID, same); err != nil && !errors.Is(err, content.ErrConflict) {
			return nil, err
		}
		out = append(out, tag)
	}
	return out, nil
}

// TagTranslationsAt lists the other tags of tag id's translation group, with Stories 1 when
// a story public at now carries it and 0 when none does (a tag page links only the first;
// it records the keys of all, so that a translation's first public story purges it). It
// does not count further: a country's tag may have a hundred thousand stories.
func (s *Store) TagTranslationsAt(ctx context.Context, id int64, now time.Time) ([]content.TagEntry, error) {
	rows, err := s.query(ctx, `SELECT t.id, t.language, t.name, t.slug, t.group_id, t.untranslated,
		CASE WHEN `+publicTagClause+` THEN 1 ELSE 0 END
		FROM tags t JOIN tags o ON o.group_id = t.group_id
		WHERE o.id = ? AND t.group_id <> 0 AND t.id <> o.id ORDER BY t.language`, micros(now), micros(now), id)
	if err != nil {
		return nil, fmt.Errorf("list translations of tag %d: %w", id, err)
	}
	return scanTagEntries(rows)
}

// keepTagSlug keeps the slug tag e had before it took slug, so that its old address leads
// to the new one, and forgets any old address that slug now is.
func (t *Tx) keepTagSlug(ctx context.Context, e content.TagEntry, slug string) error {
	if e.Slug == slug {
		return nil
	}
	if _, err := t.exec(ctx, "DELETE FROM tag_redirects WHERE language = ? AND slug = ?", e.Language, slug); err != nil {
		return fmt.Errorf("forget tag address %s: %w", slug, err)
	}
	if _, err := t.exec(ctx, `INSERT INTO tag_redirects (language, slug, tag_id) VALUES (?, ?, ?)
		ON CONFLICT (language, slug) DO UPDATE SET tag_id = excluded.tag_id`, e.Language, e.Slug, e.ID); err != nil {
		return fmt.Errorf("keep tag address %s: %w", e.Slug, err)
	}
	return nil
}

// TagRedirect returns the id and current slug of the tag that was once at slug in lang,
// or content.ErrNotFound.
func (s *Store) TagRedirect(ctx context.Context, lang, slug string) (int64, string, error) {
	var id int64
	var now string
	err := s.queryRow(ctx, `SELECT t.id, t.slug FROM tag_redirects r JOIN tags t ON t.id = r.tag_id
		WHERE r.language = ? AND r.slug = ?`, lang, slug).Scan(&id, &now)
	if isNoRows(err) {
		return 0, "", fmt.Errorf("tag address %s/%s: %w", lang, slug, content.ErrNotFound)
	}
	if err != nil {
		return 0, "", fmt.Errorf("tag address %s/%s: %w", lang, slug, err)
	}
	return id, now, nil
}
