// Package newsroomapi is a small client of the newsroom JSON API (/api/v1/newsroom/…) for
// the measurements in bench/: a personal token, JSON in and out, the expected status
// checked. bench/load/soak and bench/publatency use it.
package newsroomapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// ErrStatus marks an answer with another status than the one expected.
var ErrStatus = errors.New("answered")

// Client calls the newsroom API of the site at URL as the user of Token.
type Client struct {
	URL   string // the site, e.g. http://127.0.0.1:8080
	Token string // a personal API token (newsdesk token create)
	HTTP  *http.Client
}

// Do sends in as JSON (nil: no body) with method to path (after /api/v1/newsroom), checks
// that the answer has status want and decodes it into out (nil: not decoded).
func (c Client) Do(ctx context.Context, method, path string, in, out any, want int) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.URL+"/api/v1/newsroom"+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s %s: read: %w", method, path, err)
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %w %s: %.300s", method, path, ErrStatus, resp.Status, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return fmt.Errorf("%s %s: decode: %w", method, path, err)
		}
	}
	return nil
}
