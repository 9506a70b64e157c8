package account

import "time"

// User is a newsroom account.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         string
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
	// The user's own settings; empty means the default (the browser's language, the
	// site's time zone).
	Language string // a newsroom language code: "en", "ru", "az"
	TimeZone string // an IANA zone name: "Asia/Baku"
}

// Token describes a personal access token (never its secret).
type Token struct {
	ID         int64
	UserID     int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// LoginThrottle is what is remembered of the failed sign-ins of one account from one
// client address.
type LoginThrottle struct {
	Failures    int
	LastFailure time.Time
}
