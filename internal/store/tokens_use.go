package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// TokenByHash returns a token, revoked or not, by the hash of its secret. It says nothing
// about whether the token may be used: TokenUser decides that.
func (s *Store) TokenByHash(ctx context.Context, hash string) (account.Token, error) {
	var t account.Token
	var c, l, r int64
	err := s.queryRow(ctx, (`SELECT id, user_id, name, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE token_hash = ?`), hash).Scan(&t.ID, &t.UserID, &t.Name, &c, &l, &r)
	if isNoRows(err) {
		return t, fmt.Errorf("token: %w", content.ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("find token: %w", err)
	}
	t.CreatedAt, t.LastUsedAt, t.RevokedAt = fromMicros(c), fromMicros(l), fromMicros(r)
	return t, nil
}

// TouchToken records that token id was used at now.
func (s *Store) TouchToken(ctx context.Context, id int64, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, s.q("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"), micros(now), id); err != nil {
		return fmt.Errorf("touch token %d: %w", id, err)
	}
	return nil
}

// RevokeUserTokens revokes every active personal token of a user (a password change,
// "sign out everywhere", disabling or enabling the account) and returns how many.
func (t *Tx) RevokeUserTokens(ctx context.Context, userID int64, now time.Time) (int64, error) {
	res, err := t.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at = 0", micros(now), userID)
	if err != nil {
		return 0, fmt.Errorf("revoke tokens of user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
