package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The store is the accounts' persistence.
var (
	_ account.Store = (*Store)(nil)
	_ account.Tx    = (*Tx)(nil)
)

// AccountTx runs fn in one transaction, for the account service (which declares the Tx it
// needs).
func (s *Store) AccountTx(ctx context.Context, fn func(tx account.Tx) error) error {
	return s.WithTx(ctx, func(t *Tx) error { return fn(t) })
}

// CreateUser inserts a user; the email must be unique (case-insensitively).
func (t *Tx) CreateUser(ctx context.Context, u account.User) (int64, error) {
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
func (s *Store) UserByEmail(ctx context.Context, email string) (account.User, error) {
	return s.userWhere(ctx, "WHERE u.email = ?", strings.ToLower(email))
}

// UserByID finds a user by id.
func (s *Store) UserByID(ctx context.Context, id int64) (account.User, error) {
	return s.userWhere(ctx, "WHERE u.id = ?", id)
}

func (s *Store) userWhere(ctx context.Context, where string, args ...any) (account.User, error) {
	var u account.User
	var created int64
	err := s.queryRow(ctx, (`SELECT u.id, u.email, u.name, u.role, u.password_hash, u.disabled, u.created_at,
		u.language, u.time_zone
		FROM users u `+where), args...).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Disabled, &created, &u.Language, &u.TimeZone)
	if isNoRows(err) {
		return u, fmt.Errorf("user: %w", content.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("find user: %w", err)
	}
	u.CreatedAt = fromMicros(created)
	return u, nil
}

// Users lists every account, by name.
func (s *Store) Users(ctx context.Context) ([]account.User, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, email, name, role, disabled, created_at FROM users ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []account.User
	for rows.Next() {
		var u account.User
		var created int64
		if err := rows.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Disabled, &created); err != nil {
			return nil, fmt.Errorf("scan user: %w", err)
		}
		u.CreatedAt = fromMicros(created)
		out = append(out, u)
	}
	return out, rows.Err()
}

// UpdateUser changes a user's name, role, disabled flag and (when non-empty) password hash.
func (t *Tx) UpdateUser(ctx context.Context, u account.User) error {
	q, args := "UPDATE users SET name = ?, role = ?, disabled = ?", []any{u.Name, u.Role, u.Disabled}
	if u.PasswordHash != "" {
		q, args = q+", password_hash = ?", append(args, u.PasswordHash)
	}
	res, err := t.exec(ctx, q+" WHERE id = ?", append(args, u.ID)...)
	if err != nil {
		return fmt.Errorf("update user %d: %w", u.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %d: %w", u.ID, content.ErrNotFound)
	}
	return nil
}

// SetUserSettings stores a user's own settings: the newsroom's language and time zone
// ("" for the default).
func (t *Tx) SetUserSettings(ctx context.Context, userID int64, language, timeZone string) error {
	res, err := t.exec(ctx, "UPDATE users SET language = ?, time_zone = ? WHERE id = ?", language, timeZone, userID)
	if err != nil {
		return fmt.Errorf("set settings of user %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %d: %w", userID, content.ErrNotFound)
	}
	return nil
}
