package publatency

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// check asks a channel once about the pending stories and returns those its answer shows.
type check func(ctx context.Context, pending []*Story) ([]*Story, error)

// poll asks channel ch every Poll interval while some story is awaited there, and marks
// each story at the arrival of the first answer that shows it. A failed request is
// retried at the next interval (and counts as not shown).
func (m *measurement) poll(ctx context.Context, ch string, c check) {
	t := time.NewTicker(m.cfg.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pending := m.pending(ch, time.Now())
		if len(pending) == 0 {
			continue
		}
		seen, err := c(ctx, pending)
		now := time.Now()
		if err != nil && ctx.Err() == nil && m.cfg.Progress != nil {
			fmt.Fprintf(m.cfg.Progress, "%s: %v\n", ch, err)
		}
		for _, s := range seen {
			m.mark(s, ch, now)
		}
	}
}

// get fetches u; with etag, conditionally (304: unchanged, nil body).
func (m *measurement) get(ctx context.Context, u, etag, key string) (int, []byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, "", err
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return 0, nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header.Get("ETag"), err
}

// pageCheck: the story's page answers 200 on the instance at base.
func (m *measurement) pageCheck(base string) check {
	return func(ctx context.Context, pending []*Story) ([]*Story, error) {
		var seen []*Story
		for _, s := range pending {
			code, _, _, err := m.get(ctx, base+s.Path, "", "")
			if err != nil {
				return seen, err
			}
			if code == http.StatusOK {
				seen = append(seen, s)
			}
		}
		return seen, nil
	}
}

// docCheck: the document at u (a feed or sitemap) holds the story's address. It is asked
// with If-None-Match, as a feed reader or a CDN revalidating asks.
func (m *measurement) docCheck(u string) check {
	var etag string
	var body []byte
	return func(ctx context.Context, pending []*Story) ([]*Story, error) {
		code, b, tag, err := m.get(ctx, u, etag, "")
		switch {
		case err != nil:
			return nil, err
		case code == http.StatusOK:
			etag, body = tag, b
		case code != http.StatusNotModified:
			return nil, fmt.Errorf("GET %s: %d", u, code)
		}
		var seen []*Story
		for _, s := range pending {
			if bytes.Contains(body, []byte(s.Path)) {
				seen = append(seen, s)
			}
		}
		return seen, nil
	}
}

// searchCheck: /search.json finds the story by the unique word of its headline.
func (m *measurement) searchCheck(base string) check {
	return func(ctx context.Context, pending []*Story) ([]*Story, error) {
		var seen []*Story
		for _, s := range pending {
			code, b, _, err := m.get(ctx, base+"/search.json?q="+url.QueryEscape(s.Word), "", "")
			if err != nil {
				return seen, err
			}
			if code == http.StatusOK && bytes.Contains(b, []byte(s.Path)) {
				seen = append(seen, s)
			}
		}
		return seen, nil
	}
}

// wirePage is a page of the pull API.
type wirePage struct {
	Items []struct {
		URI string `json:"uri"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
}

func (m *measurement) pullPage(ctx context.Context, base, cursor string) (wirePage, error) {
	var p wirePage
	q := url.Values{"limit": {"200"}}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	code, b, _, err := m.get(ctx, base+"/api/v1/wire/items?"+q.Encode(), "", m.cfg.Creds.WireKey)
	if err != nil {
		return p, err
	}
	if code != http.StatusOK {
		return p, fmt.Errorf("GET /api/v1/wire/items: %d %s", code, bytes.TrimSpace(b))
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("decode a wire page: %w", err)
	}
	return p, nil
}

// wireCursor pages through the wire to its end and returns the cursor there.
func (m *measurement) wireCursor(ctx context.Context) (string, error) {
	cursor := ""
	for {
		p, err := m.pullPage(ctx, m.cfg.Servers[0].URL, cursor)
		if err != nil {
			return "", err
		}
		if p.NextCursor != "" {
			cursor = p.NextCursor
		}
		if len(p.Items) == 0 {
			return cursor, nil
		}
	}
}

// pullCheck: the pull API, asked with the exact cursor of the previous page, returns the
// story's item. Every item is counted, so that a story released twice shows.
func (m *measurement) pullCheck(base, cursor string) check {
	return func(ctx context.Context, pending []*Story) ([]*Story, error) {
		for {
			p, err := m.pullPage(ctx, base, cursor)
			if err != nil {
				return nil, err
			}
			now := time.Now()
			for _, it := range p.Items {
				m.item(chanPull, it.URI, now)
			}
			if p.NextCursor != "" {
				cursor = p.NextCursor
			}
			if len(p.Items) < 200 {
				return nil, nil // item marked them
			}
		}
	}
}

var storySitemap = regexp.MustCompile(`<loc>[^<]*(/sitemaps/stories-[0-9]+\.xml)</loc>`)

// newestSitemap is the path of the last story sitemap of the index, where new stories go.
func (m *measurement) newestSitemap(ctx context.Context) (string, error) {
	code, b, _, err := m.get(ctx, m.cfg.Servers[0].URL+"/sitemap.xml", "", "")
	if err != nil {
		return "", err
	}
	all := storySitemap.FindAllSubmatch(b, -1)
	if code != http.StatusOK || len(all) == 0 {
		return "", fmt.Errorf("/sitemap.xml (%d) lists no story sitemap", code)
	}
	return string(all[len(all)-1][1]), nil
}

// stream holds the live stream of the instance at base open under channel ch, marking the
// stories of its events; it reconnects with Last-Event-ID when the stream ends. It sends
// on ready once, when the first connection is open (or has failed).
func (m *measurement) stream(ctx context.Context, base, ch string, ready chan<- error) {
	last := ""
	client := &http.Client{Transport: m.client.Transport} // no timeout: a stream stays open
	for first := true; ctx.Err() == nil; first = false {
		err := m.streamOnce(ctx, client, base, ch, &last, func() {
			if first {
				ready <- nil
			}
		})
		if first && err != nil {
			ready <- fmt.Errorf("open the live stream of %s: %w", base, err)
			return
		}
		if err != nil && ctx.Err() == nil && m.cfg.Progress != nil {
			fmt.Fprintf(m.cfg.Progress, "%s: %v; reconnecting\n", ch, err)
		}
	}
}

func (m *measurement) streamOnce(ctx context.Context, client *http.Client, base, ch string, last *string, opened func()) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/wire/stream", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+m.cfg.Creds.WireKey)
	if *last != "" {
		req.Header.Set("Last-Event-ID", *last)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /api/v1/wire/stream: %s", resp.Status)
	}
	opened()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "id: "):
			*last = line[len("id: "):]
		case strings.HasPrefix(line, "data: "):
			now := time.Now()
			var it struct {
				URI string `json:"uri"`
			}
			if err := json.Unmarshal([]byte(line[len("data: "):]), &it); err == nil {
				m.item(ch, it.URI, now)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return io.ErrUnexpectedEOF
}
