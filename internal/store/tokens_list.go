package store

import (
	"context"
	"fmt"
	"time"
)

// Token describes a personal access token (never its secret).
type Token struct {
	ID         int64
	UserID     int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// UserTokens lists a user's tokens, newest first.
func (s *Store) UserTokens(ctx context.Context, userID int64) ([]Token, error) {
	rows, err := s.query(ctx, (`SELECT id, user_id, name, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC`), userID)
	if err != nil {
		return nil, fmt.Errorf("list tokens of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var c, l, r int64
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &c, &l, &r); err != nil {
			return nil, fmt.Errorf("scan token: %w", err)
		}
		t.CreatedAt, t.LastUsedAt, t.RevokedAt = fromMicros(c), fromMicros(l), fromMicros(r)
		out = append(out, t)
	}
	return out, rows.Err()
}
