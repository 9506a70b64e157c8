package api_test

import (
	"bytes"
	"crypto/rand"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
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
	eachDB(t, func(t *testing.T, e *env) {
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
