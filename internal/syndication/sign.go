package syndication

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// The headers of a webhook delivery.
const (
	HeaderSignature = "Newsdesk-Signature" // "v1=" + hex HMAC-SHA256(secret, timestamp + "." + body)
	HeaderTimestamp = "Newsdesk-Timestamp" // Unix seconds when the attempt was signed
	HeaderDelivery  = "Newsdesk-Delivery"  // idempotency id: the same on every attempt of one delivery
	HeaderAttempt   = "Newsdesk-Attempt"   // 1, 2, …
	HeaderEvent     = "Newsdesk-Event"     // release, update, correction, kill
	HeaderVersion   = "Newsdesk-Wire-Id"   // the wire version id (the pull cursor and stream event id)
)

// Sign returns the signature header value of body sent at timestamp (Unix seconds) with
// secret: "v1=" and the hex HMAC-SHA256 of timestamp, ".", body.
func Sign(secret string, timestamp int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(timestamp, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return "v1=" + hex.EncodeToString(m.Sum(nil))
}

// Signature verification failures.
var (
	ErrBadSignature = errors.New("signature does not match")
	ErrStale        = errors.New("timestamp outside the tolerance")
)

// Verify checks a delivery as a receiver would: the signature header (which may list
// several "v1=" values separated by commas, during a secret rotation) must match the
// timestamp header and body, and the timestamp must be within tolerance of now.
func Verify(secret, timestamp string, body []byte, signature string, now time.Time, tolerance time.Duration) error {
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrBadSignature
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return ErrStale
	}
	want := Sign(secret, ts, body)
	for _, sig := range strings.Split(signature, ",") {
		if hmac.Equal([]byte(strings.TrimSpace(sig)), []byte(want)) {
			return nil
		}
	}
	return ErrBadSignature
}
