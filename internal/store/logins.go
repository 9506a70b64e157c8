package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
)

// LoginThrottleOf returns the failures of acct from address; failures whose last one is
// older than since are forgotten (zero).
func (s *Store) LoginThrottleOf(ctx context.Context, acct, address string, since time.Time) (account.LoginThrottle, error) {
	var lt account.LoginThrottle
	var last int64
	err := s.queryRow(ctx, `SELECT failures, last_failure_at FROM login_throttle
		WHERE account = ? AND address = ? AND last_failure_at >= ?`, acct, address, micros(since)).Scan(&lt.Failures, &last)
	if isNoRows(err) {
		return account.LoginThrottle{}, nil
	}
	if err != nil {
		return lt, fmt.Errorf("read sign-in throttle: %w", err)
	}
	lt.LastFailure = fromMicros(last)
	return lt, nil
}

// CountLoginFailure records a failed sign-in of account from address at now and returns
// the pair's failures, counting again from 1 when the last one is older than since. Rows of
// every pair whose last failure is older than since are deleted on the way.
func (t *Tx) CountLoginFailure(ctx context.Context, account, address string, now, since time.Time) (int, error) {
	if _, err := t.exec(ctx, "DELETE FROM login_throttle WHERE last_failure_at < ?", micros(since)); err != nil {
		return 0, fmt.Errorf("forget old sign-in failures: %w", err)
	}
	var n int
	err := t.queryRow(ctx, `INSERT INTO login_throttle (account, address, failures, last_failure_at) VALUES (?, ?, 1, ?)
		ON CONFLICT (account, address) DO UPDATE SET failures = login_throttle.failures + 1,
			last_failure_at = excluded.last_failure_at
		RETURNING failures`, account, address, micros(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count sign-in failure: %w", err)
	}
	return n, nil
}

// ClearLoginThrottle forgets the failures of account from address (a successful sign-in).
func (s *Store) ClearLoginThrottle(ctx context.Context, account, address string) error {
	if _, err := s.db.ExecContext(ctx, s.q("DELETE FROM login_throttle WHERE account = ? AND address = ?"), account, address); err != nil {
		return fmt.Errorf("clear sign-in throttle: %w", err)
	}
	return nil
}

// LoginFailure counts a failed sign-in for key (an account, from any address) in a fixed
// window that starts at the first failure, and returns the count. Windows of other keys
// that have ended are deleted on the way.
func (t *Tx) LoginFailure(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	start := micros(now.Add(-window))
	if _, err := t.exec(ctx, "DELETE FROM login_failures WHERE window_start < ? AND key <> ?", start, key); err != nil {
		return 0, fmt.Errorf("forget old login failures: %w", err)
	}
	var n int
	err := t.queryRow(ctx, `INSERT INTO login_failures (key, failures, window_start) VALUES (?, 1, ?)
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN login_failures.window_start < ? THEN 1 ELSE login_failures.failures + 1 END,
			window_start = CASE WHEN login_failures.window_start < ? THEN excluded.window_start ELSE login_failures.window_start END
		RETURNING failures`, key, micros(now), start, start).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count login failure: %w", err)
	}
	return n, nil
}
