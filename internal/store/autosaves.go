package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// PutAutosave stores a user's working copy of a story, replacing the one before.
func (s *Store) PutAutosave(ctx context.Context, a newsroom.Autosave) error {
	fields, err := json.Marshal(a.Fields)
	if err != nil {
		return fmt.Errorf("encode autosave of article %d: %w", a.ArticleID, err)
	}
	_, err = s.db.ExecContext(ctx, s.q(`INSERT INTO article_autosaves (article_id, user_id, base_version, fields, saved_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (article_id, user_id) DO UPDATE SET base_version = excluded.base_version,
			fields = excluded.fields, saved_at = excluded.saved_at`),
		a.ArticleID, a.UserID, a.BaseVersion, string(fields), micros(a.SavedAt))
	if err != nil {
		return fmt.Errorf("save autosave of article %d: %w", a.ArticleID, err)
	}
	return nil
}

// AutosaveOf returns a user's working copy of a story, or content.ErrNotFound.
func (s *Store) AutosaveOf(ctx context.Context, articleID, userID int64) (newsroom.Autosave, error) {
	a := newsroom.Autosave{ArticleID: articleID, UserID: userID}
	var fields string
	var at int64
	err := s.queryRow(ctx, `SELECT base_version, fields, saved_at FROM article_autosaves
		WHERE article_id = ? AND user_id = ?`, articleID, userID).Scan(&a.BaseVersion, &fields, &at)
	if isNoRows(err) {
		return a, fmt.Errorf("autosave of article %d: %w", articleID, content.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("read autosave of article %d: %w", articleID, err)
	}
	if err := json.Unmarshal([]byte(fields), &a.Fields); err != nil {
		return a, fmt.Errorf("decode autosave of article %d: %w", articleID, err)
	}
	a.SavedAt = fromMicros(at)
	return a, nil
}

// DeleteAutosave forgets a user's working copy of a story (saved, or discarded).
func (s *Store) DeleteAutosave(ctx context.Context, articleID, userID int64) error {
	if _, err := s.db.ExecContext(ctx, s.q("DELETE FROM article_autosaves WHERE article_id = ? AND user_id = ?"), articleID, userID); err != nil {
		return fmt.Errorf("delete autosave of article %d: %w", articleID, err)
	}
	return nil
}
