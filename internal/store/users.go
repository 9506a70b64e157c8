package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
)

// User is a newsroom account.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         string
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
}

// CreateUser inserts a user; the email must be unique (case-insensitively).
func (t *Tx) CreateUser(ctx context.Context, u User) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `INSERT INTO users (email, name, role, password_hash, disabled, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		strings.ToLower(u.Email), u.Name, u.Role, u.PasswordHash, u.Disabled, micros(u.CreatedAt)).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("user %s: %w", u.Email, content.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("create user %s: %w", u.Email, err)
	}
	return id, nil
}

// UserByEmail finds a user by email.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	var u User
	var created int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, email, name, role, password_hash, disabled, created_at
		FROM users WHERE email = ?`), strings.ToLower(email)).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Disabled, &created)
	if err != nil {
		if isNoRows(err) {
			return u, fmt.Errorf("user %s: %w", email, content.ErrNotFound)
		}
		return u, fmt.Errorf("find user %s: %w", email, err)
	}
	u.CreatedAt = fromMicros(created)
	return u, nil
}
