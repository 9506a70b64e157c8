package store

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/account"
)

// UserTokens lists a user's tokens, newest first.
func (s *Store) UserTokens(ctx context.Context, userID int64) ([]account.Token, error) {
	rows, err := s.query(ctx, (`SELECT id, user_id, name, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC`), userID)
	if err != nil {
		return nil, fmt.Errorf("list tokens of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []account.Token
	for rows.Next() {
		var t account.Token
		var c, l, r int64
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &c, &l, &r); err != nil {
			return nil, fmt.Errorf("scan token: %w", err)
		}
		t.CreatedAt, t.LastUsedAt, t.RevokedAt = fromMicros(c), fromMicros(l), fromMicros(r)
		out = append(out, t)
	}
	return out, rows.Err()
}
