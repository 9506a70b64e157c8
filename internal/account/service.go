package account

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Store is the persistence of accounts outside a transaction; *store.Store implements it.
type Store interface {
	AccountTx(ctx context.Context, fn func(tx Tx) error) error
	UserByEmail(ctx context.Context, email string) (User, error)
	UserByID(ctx context.Context, id int64) (User, error)
	Users(ctx context.Context) ([]User, error)
	SessionUser(ctx context.Context, idHash string, now time.Time) (User, error)
	DeleteSession(ctx context.Context, idHash string) error
	LoginThrottleOf(ctx context.Context, acct, address string, since time.Time) (LoginThrottle, error)
	ClearLoginThrottle(ctx context.Context, acct, address string) error
	UserTokens(ctx context.Context, userID int64) ([]Token, error)
	TokenUser(ctx context.Context, hash string) (User, error)
	TokenByHash(ctx context.Context, hash string) (Token, error)
	TouchToken(ctx context.Context, id int64, now time.Time) error
}

// Tx is what accounts write inside a transaction, each change with its audit entry;
// *store.Tx implements it.
type Tx interface {
	CreateUser(ctx context.Context, u User) (int64, error)
	UpdateUser(ctx context.Context, u User) error
	SetUserSettings(ctx context.Context, userID int64, language, timeZone string) error
	CreateSession(ctx context.Context, idHash string, userID int64, now, expires time.Time) error
	DeleteUserSessions(ctx context.Context, userID int64) (int64, error)
	CreateToken(ctx context.Context, userID int64, name, hash string, now time.Time) (int64, error)
	RevokeToken(ctx context.Context, id, ownerID int64, now time.Time) error
	RevokeUserTokens(ctx context.Context, userID int64, now time.Time) (int64, error)
	CountLoginFailure(ctx context.Context, acct, address string, now, since time.Time) (int, error)
	LoginFailure(ctx context.Context, key string, now time.Time, window time.Duration) (int, error)
	Audit(ctx context.Context, userID int64, action, objectType string, objectID int64, detail string) error
}

// SessionTTL is how long a newsroom session lasts.
const SessionTTL = 14 * 24 * time.Hour

// TokenTouchEvery is how stale a token's "last used" time may get before a request updates
// it, so that busy clients do not write on every request.
const TokenTouchEvery = time.Minute

// Service runs the newsroom's accounts: sign-in and sessions, users, personal tokens.
type Service struct {
	st  Store
	log *slog.Logger
	now func() time.Time

	// checking holds the (account, address) pairs whose sign-in is being checked now: a
	// second attempt of a pair waits for none and is refused as throttled, so that
	// parallel guesses cannot all slip in before the first failure is counted.
	mu       sync.Mutex
	checking map[string]struct{}

	// onAttack hears, inside the transaction of its audit entry, of an account under
	// attack (signin.go).
	onAttack []AttackHook
}

// AttackHook is told, inside the transaction that audits it, that user u's account had
// many failed sign-ins; detail says how many and from where. An error rolls it back.
type AttackHook func(ctx context.Context, tx Tx, u User, detail string) error

// OnAttack registers a hook; call it before serving.
func (s *Service) OnAttack(h AttackHook) { s.onAttack = append(s.onAttack, h) }

// New returns the account service over st.
func New(st Store, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, log: log, now: now, checking: map[string]struct{}{}}
}

// SessionOwner returns the user of a session secret even when the session has expired
// (whose form, sent after the expiry, is kept for them); content.ErrNotFound when there is
// no such session any more.
func (s *Service) SessionOwner(ctx context.Context, secret string) (User, error) {
	return s.st.SessionUser(ctx, HashSecret(secret), time.Time{})
}

// SessionUser returns the user of a session secret; content.ErrNotFound when the session is
// unknown or expired.
func (s *Service) SessionUser(ctx context.Context, secret string) (User, error) {
	return s.st.SessionUser(ctx, HashSecret(secret), s.now())
}

// SignOut ends one session.
func (s *Service) SignOut(ctx context.Context, secret string) error {
	return s.st.DeleteSession(ctx, HashSecret(secret))
}

// SignOutEverywhere ends every session of u and revokes u's personal tokens.
func (s *Service) SignOutEverywhere(ctx context.Context, u User) error {
	return s.st.AccountTx(ctx, func(tx Tx) error {
		if err := s.endAccess(ctx, tx, u.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "logout_everywhere", "user", u.ID, "")
	})
}

// endAccess ends every session of a user and revokes their personal API tokens: "sign out
// everywhere", an administrator ending the sessions, disabling or enabling the account. A
// token is a session that does not expire, so it ends with the others.
func (s *Service) endAccess(ctx context.Context, tx Tx, userID int64) error {
	if _, err := tx.DeleteUserSessions(ctx, userID); err != nil {
		return err
	}
	_, err := tx.RevokeUserTokens(ctx, userID, s.now())
	return err
}

// Users lists every account, by name.
func (s *Service) Users(ctx context.Context) ([]User, error) { return s.st.Users(ctx) }

// CreateUser adds u (its password already hashed) for the administrator admin;
// content.ErrConflict when the email is taken.
func (s *Service) CreateUser(ctx context.Context, admin User, u User) (int64, error) {
	u.CreatedAt = s.now()
	var id int64
	err := s.st.AccountTx(ctx, func(tx Tx) error {
		var err error
		if id, err = tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return tx.Audit(ctx, admin.ID, "user_create", "user", id, u.Email+" as "+u.Role)
	})
	return id, err
}

// The ways UpdateUser refuses a change.
var (
	ErrUnknownRole   = errors.New("unknown role")
	ErrOwnAccount    = errors.New("cannot disable one's own account")
	ErrUnknownChange = errors.New("unknown account change")
)

// The changes an administrator makes to an account (UpdateUser's change).
const (
	ChangeRole    = "role"    // give the account another role
	ChangeDisable = "disable" // disable it (and end its access)
	ChangeEnable  = "enable"  // enable it (and end its access: old tokens stay revoked)
	ChangeLogout  = "logout"  // end its sessions and revoke its tokens
)

// UpdateUser applies an administrator's change to the account id: a role (role), disable,
// enable or logout. All but a role change also end the user's sessions and revoke their
// personal API tokens (enabling too: tokens from before a disable must not come back with
// the account).
func (s *Service) UpdateUser(ctx context.Context, admin User, id int64, change, role string) error {
	u, err := s.st.UserByID(ctx, id)
	if err != nil {
		return err
	}
	detail := ""
	switch change {
	case ChangeRole:
		if !ValidRole(role) {
			return fmt.Errorf("role %q: %w", role, ErrUnknownRole)
		}
		detail = u.Role + " → " + role
		u.Role = role
	case ChangeDisable, ChangeEnable:
		if u.ID == admin.ID {
			return fmt.Errorf("%s user %d: %w", change, u.ID, ErrOwnAccount)
		}
		u.Disabled = change == ChangeDisable
	case ChangeLogout:
	default:
		return fmt.Errorf("%q: %w", change, ErrUnknownChange)
	}
	return s.st.AccountTx(ctx, func(tx Tx) error {
		if change != ChangeLogout {
			if err := tx.UpdateUser(ctx, u); err != nil {
				return err
			}
		}
		if change != ChangeRole {
			if err := s.endAccess(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, admin.ID, "user_"+change, "user", u.ID, detail)
	})
}

// Tokens lists u's personal tokens, newest first.
func (s *Service) Tokens(ctx context.Context, u User) ([]Token, error) {
	return s.st.UserTokens(ctx, u.ID)
}

// maxTokenName bounds a token's name, in bytes.
const maxTokenName = 100

// CreateToken gives u a new personal token named name (cut to 100 bytes) and returns its
// secret, which is shown once and never stored.
func (s *Service) CreateToken(ctx context.Context, u User, name string) (string, error) {
	secret, err := NewSecret("ndt_")
	if err != nil {
		return "", err
	}
	if len(name) > maxTokenName {
		name = name[:maxTokenName]
	}
	err = s.st.AccountTx(ctx, func(tx Tx) error {
		id, err := tx.CreateToken(ctx, u.ID, name, HashSecret(secret), s.now())
		if err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "token_create", "token", id, name)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// RevokeToken revokes the token id: u's own, or anyone's when u manages users.
func (s *Service) RevokeToken(ctx context.Context, u User, id int64) error {
	owner := u.ID
	if Can(u.Role, ActManageUsers) {
		owner = 0
	}
	return s.st.AccountTx(ctx, func(tx Tx) error {
		if err := tx.RevokeToken(ctx, id, owner, s.now()); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "token_revoke", "token", id, "")
	})
}

// TokenUser finds the user of a personal token's secret (content.ErrNotFound for an unknown
// or revoked token, or a disabled user) and records the token's use, at most once per
// TokenTouchEvery; a failure to record it is only logged. Revocation and disabling take
// effect at once: every call asks the store.
func (s *Service) TokenUser(ctx context.Context, secret string) (User, error) {
	hash := HashSecret(secret)
	u, err := s.st.TokenUser(ctx, hash)
	if err != nil {
		return u, fmt.Errorf("authenticate token: %w", err)
	}
	k, err := s.st.TokenByHash(ctx, hash)
	if err == nil && s.now().Sub(k.LastUsedAt) >= TokenTouchEvery {
		err = s.st.TouchToken(ctx, k.ID, s.now())
	}
	if err != nil && ctx.Err() == nil {
		s.log.WarnContext(ctx, "token_touch_failed", "err", err)
	}
	return u, nil
}
