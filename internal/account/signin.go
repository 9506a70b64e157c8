package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/content"
)

// SignIn is one attempt to sign in to the newsroom.
type SignIn struct {
	Email, Password string
	// Address is the throttling key of the client's address (an IPv6 address's /64).
	Address string
	// IP is the client's address as the audit log shows it.
	IP string
}

// LoginError refuses a sign-in. When Throttled, the attempt was not checked at all: the
// address failed too often for this account and must wait Wait. Otherwise the email or
// password was wrong, and a non-zero Wait is how long the address must wait before its
// next attempt for this account is checked.
type LoginError struct {
	Throttled bool
	Wait      time.Duration
}

func (e *LoginError) Error() string {
	if e.Throttled {
		return fmt.Sprintf("sign-in throttled for %s", e.Wait)
	}
	return "wrong email or password"
}

// dummyHash is checked against when the account does not exist (constant-time sign-in).
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000"

// LoginAccount is the throttling key of the email a sign-in names (an account or not):
// valid UTF-8 (PostgreSQL refuses anything else), at most 254 bytes, cut between
// characters.
func LoginAccount(email string) string {
	key := strings.ToValidUTF8(strings.ToLower(email), "\uFFFD")
	if len(key) > maxEmailLen { // longer is no one's email: bound what is stored
		key = strings.ToValidUTF8(key[:maxEmailLen], "")
	}
	return key
}

// maxEmailLen is the longest email address (RFC 5321's path limit less its brackets).
const maxEmailLen = 254

// beginCheck marks the pair key as being checked, or reports false when another attempt
// of the pair is being checked already; end releases it.
func (s *Service) beginCheck(key string) (end func(), ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, busy := s.checking[key]; busy {
		return nil, false
	}
	s.checking[key] = struct{}{}
	return func() {
		s.mu.Lock()
		delete(s.checking, key)
		s.mu.Unlock()
	}, true
}

// SignIn checks an attempt against the throttle and the password and, when it succeeds,
// starts a session of SessionTTL: it returns the user and the session's secret. A refused
// attempt is a *LoginError; failures are counted per (account, address), and an account
// failing LoginAttackFailures times within LoginAttackWindow is written to the audit log.
func (s *Service) SignIn(ctx context.Context, in SignIn) (User, string, error) {
	acct := LoginAccount(in.Email)
	// One attempt of a pair at a time (per instance): the throttle is read before the
	// password is checked and the failure written after, so parallel attempts would
	// otherwise all be checked against the same, older count.
	end, ok := s.beginCheck(acct + "\x00" + in.Address)
	if !ok {
		return User{}, "", &LoginError{Throttled: true, Wait: time.Second}
	}
	defer end()
	now := s.now()
	lt, err := s.st.LoginThrottleOf(ctx, acct, in.Address, now.Add(-LoginForgetAfter))
	if err != nil {
		return User{}, "", err
	}
	if wait := lt.LastFailure.Add(LoginDelay(lt.Failures)).Sub(now); lt.Failures > 0 && wait > 0 {
		return User{}, "", &LoginError{Throttled: true, Wait: wait}
	}
	var u User
	err = content.ErrNotFound // an address that is not valid UTF-8 or too long is no one's
	if utf8.ValidString(in.Email) && len(in.Email) <= maxEmailLen {
		u, err = s.st.UserByEmail(ctx, in.Email)
	}
	ok = false
	if err == nil && !u.Disabled && u.PasswordHash != "" {
		ok, _ = CheckPassword(u.PasswordHash, in.Password)
	} else if err != nil && !errors.Is(err, content.ErrNotFound) {
		return User{}, "", err
	} else {
		// Spend the same time as a real check so that timing does not reveal accounts.
		_, _ = CheckPassword(dummyHash, in.Password)
	}
	if !ok {
		failures, err := s.countFailure(ctx, acct, in, u, now)
		if err != nil {
			return User{}, "", err
		}
		return User{}, "", &LoginError{Wait: LoginDelay(failures)}
	}
	if err := s.st.ClearLoginThrottle(ctx, acct, in.Address); err != nil {
		return User{}, "", err
	}
	secret, err := NewSecret("nds_")
	if err != nil {
		return User{}, "", err
	}
	err = s.st.AccountTx(ctx, func(tx Tx) error {
		if err := tx.CreateSession(ctx, HashSecret(secret), u.ID, now, now.Add(SessionTTL)); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "login", "user", u.ID, "")
	})
	if err != nil {
		return User{}, "", err
	}
	return u, secret, nil
}

// countFailure records a failed sign-in of acct from the attempt's address and returns the
// pair's failures; u is the account's user (zero when there is none).
func (s *Service) countFailure(ctx context.Context, acct string, in SignIn, u User, now time.Time) (int, error) {
	var failures int
	err := s.st.AccountTx(ctx, func(tx Tx) error {
		var err error
		if failures, err = tx.CountLoginFailure(ctx, acct, in.Address, now, now.Add(-LoginForgetAfter)); err != nil {
			return err
		}
		all, err := tx.LoginFailure(ctx, "email:"+acct, now, LoginAttackWindow)
		if err != nil || all != LoginAttackFailures || u.ID == 0 {
			return err
		}
		// Once per window: the administrators learn that the account is under attack.
		detail := fmt.Sprintf("%d failed sign-ins for %s within %s; the last from %s", all, u.Email, LoginAttackWindow, in.IP)
		if err := tx.Audit(ctx, 0, "login_attack", "user", u.ID, detail); err != nil {
			return err
		}
		for _, h := range s.onAttack {
			if err := h(ctx, tx, u, detail); err != nil {
				return fmt.Errorf("login attack hook: %w", err)
			}
		}
		return nil
	})
	return failures, err
}
