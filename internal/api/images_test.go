package api_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// makePNG draws a w×h gradient.
func makePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: 128, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// upload posts a multipart form; a nil file leaves the file part out.
func (e *env) upload(key string, file []byte, fields map[string]string) response {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			e.t.Fatal(err)
		}
	}
	if file != nil {
		fw, err := mw.CreateFormFile("file", "upload.png")
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := fw.Write(file); err != nil {
			e.t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		e.t.Fatal(err)
	}
	req, err := http.NewRequest("POST", e.srv.URL+newsroomAPI+"/images", &buf)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+e.tokens[key])
	return e.send(req)
}

func TestImages(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		pic := makePNG(t, 800, 500)
		r := e.upload("corr", pic, map[string]string{"alt": "A gradient from black to red", "caption": "Test card", "credit": "Newsdesk"})
		want(t, "upload", r, http.StatusCreated, "")
		rends, _ := r.body["renditions"].([]any)
		if r.num("id") <= 0 || r.num("width") != 800 || r.num("height") != 500 || len(rends) == 0 || r.str("alt") != "A gradient from black to red" {
			t.Fatalf("uploaded image: %s", r.raw)
		}
		for _, x := range rends {
			rd := x.(map[string]any)
			if u, _ := rd["url"].(string); !strings.HasPrefix(u, "/media/") || rd["width"].(float64) <= 0 || rd["height"].(float64) <= 0 ||
				!strings.Contains(r.str("srcset"), u+" ") {
				t.Errorf("rendition %v, srcset %q", rd, r.str("srcset"))
			}
		}
		id := r.num("id")
		g := e.do("GET", path("/images/{id}", id), "editor", nil)
		want(t, "get image", g, http.StatusOK, "")
		if g.str("srcset") != r.str("srcset") || g.str("caption") != "Test card" || g.str("created_at") == "" {
			t.Errorf("get image: %s", g.raw)
		}

		// A story with the image as its lead.
		in := story("With a picture")
		in["lead_image_id"] = id
		s := e.do("POST", newsroomAPI+"/articles", "corr", in)
		want(t, "story with lead image", s, http.StatusCreated, "")
		lead, _ := s.body["lead_image"].(map[string]any)
		if lead == nil || lead["id"] != float64(id) || lead["alt"] != "A gradient from black to red" {
			t.Errorf("lead image: %s", s.raw)
		}

		big := make([]byte, mediaLimit+1024)
		if _, err := rand.Read(big); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			file   []byte
			fields map[string]string
			status int
			code   string
			field  string
		}{
			{"missing alt", pic, map[string]string{"caption": "No alt"}, 422, "invalid", "alt"},
			{"blank alt", pic, map[string]string{"alt": "   "}, 422, "invalid", "alt"},
			{"no file", nil, map[string]string{"alt": "Nothing"}, 422, "invalid", "file"},
			{"not an image", []byte("hello, this is text"), map[string]string{"alt": "Text"}, 422, "invalid", "file"},
			{"GIF", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), map[string]string{"alt": "GIF"}, 422, "invalid", "file"},
			{"over the media limit", big, map[string]string{"alt": "Big"}, 413, "too_large", ""},
			{"unknown field", pic, map[string]string{"alt": "A", "title": "T"}, 400, "bad_request", ""},
			{"overlong alt", pic, map[string]string{"alt": strings.Repeat("a", 20000)}, 422, "invalid", "alt"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				r := e.upload("corr", tc.file, tc.fields)
				want(t, tc.name, r, tc.status, tc.code)
				if tc.field != "" && r.errField(tc.field) == "" {
					t.Errorf("no message for %s: %s", tc.field, r.raw)
				}
			})
		}
		want(t, "JSON instead of multipart", e.do("POST", newsroomAPI+"/images", "corr", map[string]any{"alt": "x"}), http.StatusBadRequest, "bad_request")

		// A body over the API's own 25 MiB limit, streamed without a length.
		req, _ := http.NewRequest("POST", e.srv.URL+newsroomAPI+"/images", io.MultiReader(
			strings.NewReader("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n\r\n"),
			io.LimitReader(zeros{}, 26<<20)))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
		req.Header.Set("Authorization", "Bearer "+e.tokens["corr"])
		want(t, "over 25 MiB", e.send(req), http.StatusRequestEntityTooLarge, "too_large")
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestImageReuploadKeepsText: the same bytes uploaded again, by another correspondent with
// other text, answer 200 with the image as it is; its alt text, caption and credit stay.
func TestImageReuploadKeepsText(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		pic := makePNG(t, 40, 30)
		first := map[string]string{"alt": "Harbour cranes at dawn", "caption": "Port of Alat", "credit": "First"}
		r := e.upload("corr", pic, first)
		want(t, "first upload", r, http.StatusCreated, "")
		id := r.num("id")
		for _, key := range []string{"corr2", "editor", "corr"} {
			again := e.upload(key, pic, map[string]string{"alt": "FAKE burning port", "caption": "Fabricated", "credit": "Second"})
			want(t, "upload by "+key, again, http.StatusOK, "")
			if again.num("id") != id || again.str("alt") != first["alt"] || again.str("caption") != first["caption"] {
				t.Errorf("upload by %s answered %s", key, again.raw)
			}
		}
		g := e.do("GET", path("/images/{id}", id), "editor", nil)
		want(t, "get image", g, http.StatusOK, "")
		if g.str("alt") != first["alt"] || g.str("caption") != first["caption"] || g.str("credit") != first["credit"] {
			t.Errorf("image %d now reads %s", id, g.raw)
		}
	})
}

// TestImageTextUpdate: PUT /images/{id} changes an image's text with the permission of an
// edit of every story that shows it; each change is audited and purges those stories' pages.
func TestImageTextUpdate(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		ctx := context.Background()
		var purged []string
		var mu sync.Mutex
		e.st.OnPurge(func(keys []string, _ bool) { mu.Lock(); purged = append(purged, keys...); mu.Unlock() })
		own := e.upload("corr", makePNG(t, 41, 30), map[string]string{"alt": "Own picture"}).num("id")
		inDraft := e.upload("corr", makePNG(t, 42, 30), map[string]string{"alt": "In my draft"}).num("id")
		draft := e.create("corr", merge(story("Draft with a picture"), map[string]any{"lead_image_id": inDraft}))
		live := e.upload("corr", makePNG(t, 43, 30), map[string]string{"alt": "On a live story"}).num("id")
		pub := e.create("editor", merge(story("Live with a picture"), map[string]any{"lead_image_id": live}))
		want(t, "publish", e.do("POST", path("/articles/{id}/publish", pub), "editor", nil), http.StatusOK, "")
		text := map[string]any{"alt": "Harbour cranes at dawn", "caption": "Port of Alat", "credit": "Agency"}
		tests := []struct {
			name   string
			key    string
			id     int64
			body   any
			status int
			code   string
			purges string
		}{
			{"another correspondent's image", "corr2", own, text, 403, "forbidden", ""},
			{"forbidden before invalid", "corr2", own, map[string]any{"alt": ""}, 403, "forbidden", ""},
			{"uploader, unused image", "corr", own, text, 200, "", ""},
			{"uploader, own draft", "corr", inDraft, text, 200, "", cache.ArticleKey(draft)},
			{"uploader, someone's live story", "corr", live, text, 403, "forbidden", ""},
			{"editor, live story", "editor", live, text, 200, "", cache.ArticleKey(pub)},
			{"blank alt", "editor", live, map[string]any{"alt": "  "}, 422, "invalid", ""},
			{"unknown field", "editor", live, map[string]any{"alt": "A", "title": "T"}, 400, "bad_request", ""},
			{"unknown image", "editor", 987654, text, 404, "not_found", ""},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				before, err := e.st.ImageByID(ctx, tc.id)
				if err != nil && tc.status != 404 {
					t.Fatal(err)
				}
				mu.Lock()
				purged = nil
				mu.Unlock()
				r := e.do("PUT", path("/images/{id}", tc.id), tc.key, tc.body)
				want(t, tc.name, r, tc.status, tc.code)
				after, _ := e.st.ImageByID(ctx, tc.id)
				if tc.status != 200 {
					if after.Alt != before.Alt || after.Caption != before.Caption || after.Credit != before.Credit {
						t.Errorf("refused change still changed the image: %+v", after)
					}
					return
				}
				if r.str("alt") != text["alt"] || after.Caption != text["caption"] || after.Credit != text["credit"] {
					t.Errorf("answer %s, stored %+v", r.raw, after)
				}
				mu.Lock()
				defer mu.Unlock()
				if tc.purges != "" && !slices.Contains(purged, tc.purges) {
					t.Errorf("purged %v, want %s", purged, tc.purges)
				}
			})
		}
		log, err := e.st.AuditLog(ctx, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, l := range log {
			if l.ObjectType == "image" && l.Action == "update" {
				n++
			}
		}
		if n != 3 {
			t.Errorf("%d image updates in the audit log, want 3: %+v", n, log)
		}
		// The same text again changes nothing and logs nothing.
		want(t, "same text", e.do("PUT", path("/images/{id}", own), "corr", text), http.StatusOK, "")
		if log2, _ := e.st.AuditLog(ctx, 100, 0); len(log2) != len(log) {
			t.Errorf("an unchanged text was audited: %+v", log2[0])
		}
	})
}
