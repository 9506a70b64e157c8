package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// NewSecret returns a random secret of 32 bytes, URL-safe, with a readable prefix
// ("nds_" for sessions, "ndt_" for API tokens) so leaked secrets are recognisable.
func NewSecret(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("read random bytes: %w", err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// HashSecret is how sessions and tokens are stored: a SHA-256 of the secret. The secrets
// have 256 random bits, so a fast hash is enough; the database never holds the secret.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
