package publatency

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/bench/newsroomapi"
)

// newsroom files, publishes and schedules stories through the newsroom JSON API, as an
// editor's tool would.
type newsroom struct {
	base, token string
	client      *http.Client
}

// story is the part of the API's story this measurement reads.
type story struct {
	ID   int64   `json:"id"`
	Slug string  `json:"slug"`
	URL  *string `json:"url"`
}

func (n newsroom) call(ctx context.Context, method, path string, in, out any) error {
	want := http.StatusOK
	if method == http.MethodPost && path == "/articles" {
		want = http.StatusCreated
	}
	return newsroomapi.Client{URL: n.base, Token: n.token, HTTP: n.client}.Do(ctx, method, path, in, out, want)
}

// draft files a story whose headline carries word (found by search) and returns it.
func (n newsroom) draft(ctx context.Context, lang, section, word string, i int) (story, error) {
	var s story
	err := n.call(ctx, http.MethodPost, "/articles", map[string]any{
		"language": lang, "section": section, "dateline": "BAKU",
		"headline":   fmt.Sprintf("Latency probe %s number %d reaches every channel", word, i),
		"standfirst": "A story published by the publish-latency measurement to see when each channel shows it.",
		"body": "The first paragraph of a measured story, long enough to look like copy on the page.\n\n" +
			"A second paragraph, with **some** emphasis and a [link](https://example.org/).\n\n" +
			"> A quotation, as stories often have one.\n\nA closing paragraph.",
		"tags": []string{"Latency"},
	}, &s)
	return s, err
}

// publish publishes story id and returns its public URL.
func (n newsroom) publish(ctx context.Context, id int64) (string, error) {
	var s story
	if err := n.call(ctx, http.MethodPost, fmt.Sprintf("/articles/%d/publish", id), nil, &s); err != nil {
		return "", err
	}
	if s.URL == nil {
		return "", fmt.Errorf("publish story %d: the answer has no url", id)
	}
	return *s.URL, nil
}

// schedule sets story id to be published at at.
func (n newsroom) schedule(ctx context.Context, id int64, at time.Time) error {
	return n.call(ctx, http.MethodPost, fmt.Sprintf("/articles/%d/schedule", id),
		map[string]string{"publish_at": at.UTC().Format(time.RFC3339Nano)}, nil)
}

// sectionPath is the public path prefix of a language's section, "/en/politics/", read
// from one of its published stories.
func (n newsroom) sectionPath(ctx context.Context, lang, section string) (string, error) {
	var list struct {
		Articles []story `json:"articles"`
	}
	q := url.Values{"language": {lang}, "section": {section}, "status": {"published"}, "limit": {"1"}}
	if err := n.call(ctx, http.MethodGet, "/articles?"+q.Encode(), nil, &list); err != nil {
		return "", err
	}
	if len(list.Articles) == 0 || list.Articles[0].URL == nil {
		return "", fmt.Errorf("no published story in %s/%s to learn the section's address from", lang, section)
	}
	u, err := url.Parse(*list.Articles[0].URL)
	if err != nil {
		return "", err
	}
	return u.Path[:strings.LastIndex(u.Path, "/")+1], nil
}
