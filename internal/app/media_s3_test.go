package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// TestMediaInBucket runs two instances of one site with --media s3://bucket/prefix on a
// real S3-compatible store: an image uploaded through the first one's API is made into
// renditions in the bucket, the story that leads with it is served by the second one
// with every picture it links, with a year's cache and an ETag; and with --media-url the
// pages link the pictures at the CDN instead.
func TestMediaInBucket(t *testing.T) {
	w := testkit.StartSeaweedFS(t)
	ctx := context.Background()
	loc := w.Location("site/media")
	inBucket := func(c *config.Config) { c.Media, c.Getenv = loc, w.Env() }
	one := newSecSite(t, filepath.Join(t.TempDir(), "site.db"), inBucket)
	second := func(mediaURL string) string {
		return testkit.Serve(t, func(baseURL string) (http.Handler, error) {
			c := config.Config{BaseURL: baseURL, TimeZone: "Asia/Baku", MediaURL: mediaURL}
			inBucket(&c)
			return app.Handler(c, one.st, nil)
		}).URL
	}
	two := second("")

	code, body := uploadTo(t, one.srv.URL, one.tokens[account.RoleEditor], testPNG(t, 900, 600))
	if code != http.StatusCreated {
		t.Fatalf("upload: %d %s", code, body)
	}
	var img struct {
		ID         int64
		Renditions []struct{ URL string }
	}
	if err := json.Unmarshal(body, &img); err != nil || len(img.Renditions) < 2 {
		t.Fatalf("upload answered %s (%v)", body, err)
	}
	files := make([]string, len(img.Renditions))
	for i, r := range img.Renditions {
		files[i] = strings.TrimPrefix(r.URL, "/media/")
	}
	inBucketNow := map[string]bool{}
	if err := w.Client(t, "site/media").List(ctx, func(name string, _ int64) error { inBucketNow[name] = true; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !inBucketNow[f] {
			t.Errorf("rendition %s is not in the bucket (%v)", f, inBucketNow)
		}
	}

	editor := one.users[account.RoleEditor]
	a, err := one.site.Newsroom.Create(ctx, editor, newsroom.ArticleInput{Language: "en", Section: "politics",
		Headline: "A story whose picture is in a bucket", Standfirst: "Standfirst.", Body: "Body.", LeadImageID: img.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := one.site.Newsroom.Publish(ctx, editor, a.ID); err != nil {
		t.Fatal(err)
	}
	page := getPage(t, two+content.ArticlePath("en", "politics", a.Slug))
	links := regexp.MustCompile(`/media/([0-9a-f]{32}-[0-9]+\.(?:jpg|png))`).FindAllStringSubmatch(page, -1)
	if len(links) == 0 {
		t.Fatalf("the story page links no media:\n%.2000s", page)
	}
	for _, l := range links {
		resp, err := http.Get(two + l[0])
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		etag := resp.Header.Get("ETag")
		if resp.StatusCode != 200 || len(b) == 0 || etag == "" ||
			resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "image/") {
			t.Fatalf("GET %s from the second instance: %d, %d bytes, %v", l[0], resp.StatusCode, len(b), resp.Header)
		}
		req, _ := http.NewRequest("GET", two+l[0], nil)
		req.Header.Set("If-None-Match", etag)
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with its ETag: %d, want 304", l[0], resp.StatusCode)
		}
	}
	resp, err := http.Get(two + "/media/" + strings.Repeat("a", 32) + "-320.jpg")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("a rendition that is not in the bucket: %d", resp.StatusCode)
	}

	cdn := second("https://cdn.news.example/media/")
	page = getPage(t, cdn+content.ArticlePath("en", "politics", a.Slug))
	if !strings.Contains(page, `src="https://cdn.news.example/media/`+files[1]+`"`) ||
		!strings.Contains(page, `content="https://cdn.news.example/media/`) {
		t.Errorf("with --media-url the page does not link its picture at the CDN:\n%.3000s", page)
	}
}

// TestMediaBucketGoneMidUpload stops the object store while an upload's body is still
// coming in: the upload is answered 503 with a sentence (never a bare 500), no image is
// recorded, and once the store is back no object of it is there and uploads work again.
func TestMediaBucketGoneMidUpload(t *testing.T) {
	w := testkit.StartSeaweedFS(t)
	ctx := context.Background()
	s := newSecSite(t, filepath.Join(t.TempDir(), "site.db"), func(c *config.Config) { c.Media, c.Getenv = w.Location("m"), w.Env() })
	before, err := s.st.Images(ctx, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	objects := func() map[string]bool {
		got := map[string]bool{}
		if err := w.Client(t, "m").List(ctx, func(name string, _ int64) error { got[name] = true; return nil }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	was := objects()

	img := noisyPNG(t, 1200, 800)
	raw, ctype := imageForm(img)
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", s.srv.URL+"/api/v1/newsroom/images", pr)
	req.ContentLength = int64(len(raw))
	req.Header.Set("Authorization", "Bearer "+s.tokens[account.RoleEditor])
	req.Header.Set("Content-Type", ctype)
	type answer struct {
		code int
		body []byte
		err  error
	}
	done := make(chan answer, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- answer{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		done <- answer{code: resp.StatusCode, body: b}
	}()
	half := len(raw) / 2
	if _, err := pw.Write(raw[:half]); err != nil { // returns once the client has taken it
		t.Fatal(err)
	}
	w.Kill(t) // the store goes away while the upload is still coming in
	if _, err := pw.Write(raw[half:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	got := <-done
	if got.err != nil || got.code != http.StatusServiceUnavailable || !strings.Contains(string(got.body), "media storage cannot be reached") {
		t.Fatalf("upload with the store gone: %d %v %s", got.code, got.err, got.body)
	}
	after, err := s.st.Images(ctx, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("%d images recorded before the failed upload, %d after", len(before), len(after))
	}

	w.Start(t)
	for name := range objects() {
		if !was[name] {
			t.Errorf("object %s of the failed upload is in the bucket", name)
		}
	}
	if code, body := uploadTo(t, s.srv.URL, s.tokens[account.RoleEditor], img); code != http.StatusCreated {
		t.Errorf("upload once the store is back: %d %s", code, body)
	}
}

// TestMediaBucketSettings: a wrong secret, a missing bucket, no credentials or a
// malformed address stop the site at start with a sentence that says what is wrong.
func TestMediaBucketSettings(t *testing.T) {
	w := testkit.StartSeaweedFS(t)
	st := sitekit.Demo(t, filepath.Join(t.TempDir(), "site.db"))
	env := func(over map[string]string) func(string) string {
		base := w.Env()
		return func(k string) string {
			if v, ok := over[k]; ok {
				return v
			}
			return base(k)
		}
	}
	tests := []struct {
		name, media string
		env         func(string) string
		want        string
	}{
		{"wrong secret", w.Location("x"), env(map[string]string{"AWS_SECRET_ACCESS_KEY": "not-it"}), "refused the credentials"},
		{"no credentials", w.Location("x"), env(map[string]string{"AWS_ACCESS_KEY_ID": ""}), "set AWS_ACCESS_KEY_ID"},
		{"missing bucket", "s3://no-such-bucket/x", w.Env(), "does not exist"},
		{"bad address", "s3://Not_A_Bucket/x", w.Env(), "bucket name"},
		{"bad endpoint", w.Location("x"), env(map[string]string{"AWS_ENDPOINT_URL_S3": "localhost:9000"}), "endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := app.Build(config.Config{BaseURL: "http://news.test", TimeZone: "Asia/Baku", Media: tt.media, Getenv: tt.env}, st, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build: %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

// uploadTo posts img to the API of the site at base as the holder of token.
func uploadTo(t *testing.T, base, token string, img []byte) (int, []byte) {
	t.Helper()
	body, ctype := imageForm(img)
	req, _ := http.NewRequest("POST", base+"/api/v1/newsroom/images", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// imageForm is the multipart form of an image upload: img as "file", with alt text.
func imageForm(img []byte) ([]byte, string) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "picture.png")
	_, _ = fw.Write(img)
	_ = mw.WriteField("alt", "A picture")
	_ = mw.Close()
	return body.Bytes(), mw.FormDataContentType()
}

// getPage fetches url and fails the test on anything but 200.
func getPage(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d\n%.500s", url, resp.StatusCode, b)
	}
	return string(b)
}
