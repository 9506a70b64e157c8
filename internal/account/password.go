// Package account holds newsroom users' roles and password hashing.
package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Roles a user can have, from least to most powerful.
const (
	RoleCorrespondent = "correspondent"
	RoleEditor        = "editor"
	RoleAdmin         = "admin"
)

// ValidRole reports whether r is a known role.
func ValidRole(r string) bool {
	return r == RoleCorrespondent || r == RoleEditor || r == RoleAdmin
}

// argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), which
// keeps a sign-in near 50 ms on a small 2-core server so that a burst of attempts cannot
// exhaust it. The parameters are stored in each hash, so they can be raised later.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
	// MinPasswordLen is the shortest password accepted.
	MinPasswordLen = 10
	// MaxPasswordLen is the longest password accepted (NIST SP 800-63B asks for at least
	// 64); it bounds the work of checking and hashing one.
	MaxPasswordLen = 1024
)

// HashPassword hashes a new password with argon2id into the PHC string format. It refuses
// (with a *WeakPasswordError) a password that CheckNewPassword refuses, so that no way of
// setting a password skips the policy.
func HashPassword(password string) (string, error) {
	if err := CheckNewPassword(password); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("read random salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches a hash made by HashPassword.
func CheckPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("unknown password hash format")
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, fmt.Errorf("parse password hash parameters: %w", err)
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("decode salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("decode key: %w", err)
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want))) // #nosec G115 -- key length is 32
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// RandomPassword returns a random password of 20 URL-safe characters.
func RandomPassword() (string, error) {
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("read random bytes: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
