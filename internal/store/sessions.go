package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// CreateSession stores a session by the hash of its secret.
func (t *Tx) CreateSession(ctx context.Context, idHash string, userID int64, now, expires time.Time) error {
	if _, err := t.exec(ctx, "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
		idHash, userID, micros(now), micros(expires), micros(now)); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// SessionUser returns the enabled user of an unexpired session.
func (s *Store) SessionUser(ctx context.Context, idHash string, now time.Time) (account.User, error) {
	return s.userWhere(ctx, "JOIN sessions x ON x.user_id = u.id WHERE x.id_hash = ? AND x.expires_at > ? AND NOT u.disabled", idHash, micros(now))
}

// TouchSession extends a session's life (sliding expiry).
func (s *Store) TouchSession(ctx context.Context, idHash string, now, expires time.Time) error {
	if _, err := s.db.ExecContext(ctx, s.q("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?"),
		micros(now), micros(expires), idHash); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	if _, err := s.db.ExecContext(ctx, s.q("DELETE FROM sessions WHERE id_hash = ?"), idHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions ends every session of a user ("log out everywhere") and returns how many.
func (t *Tx) DeleteUserSessions(ctx context.Context, userID int64) (int64, error) {
	res, err := t.exec(ctx, "DELETE FROM sessions WHERE user_id = ?", userID)
	if err != nil {
		return 0, fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// CreateToken stores a personal access token by its hash.
func (t *Tx) CreateToken(ctx context.Context, userID int64, name, hash string, now time.Time) (int64, error) {
	var id int64
	if err := t.queryRow(ctx, "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
		userID, name, hash, micros(now)).Scan(&id); err != nil {
		return 0, fmt.Errorf("create token: %w", err)
	}
	return id, nil
}

// TokenUser returns the enabled user of an unrevoked token.
func (s *Store) TokenUser(ctx context.Context, hash string) (account.User, error) {
	return s.userWhere(ctx, "JOIN api_tokens k ON k.user_id = u.id WHERE k.token_hash = ? AND k.revoked_at = 0 AND NOT u.disabled", hash)
}

// RevokeToken revokes a token by id (for its owner, or anyone's when ownerID is 0).
func (t *Tx) RevokeToken(ctx context.Context, id, ownerID int64, now time.Time) error {
	q, args := "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = 0", []any{micros(now), id}
	if ownerID != 0 {
		q, args = q+" AND user_id = ?", append(args, ownerID)
	}
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("token %d: %w", id, content.ErrNotFound)
	}
	return nil
}
