package desk_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// uploadImage sends the newsroom's upload form with a PNG and returns the status and the
// redirect.
func (c *client) uploadImage(pic []byte, fields map[string]string) (int, string) {
	c.t.Helper()
	if c.csrf == "" {
		c.get("/newsroom/images")
	}
	return c.postFiles("/newsroom/images", fields, map[string][]byte{"file": pic})
}

// postFiles sends a multipart form to path with the CSRF token, fields and files (by
// field name), and returns the status and the redirect.
func (c *client) postFiles(path string, fields map[string]string, files map[string][]byte) (int, string) {
	c.t.Helper()
	resp := c.sendFiles(path, fields, files, "")
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// sendFiles is postFiles asking for accept (the editor's script asks for JSON) when it is
// not empty; the caller closes the answer's body.
func (c *client) sendFiles(path string, fields map[string]string, files map[string][]byte, accept string) *http.Response {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("csrf", c.csrf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	for k, data := range files {
		fw, _ := mw.CreateFormFile(k, k+".bin")
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	req, err := http.NewRequest("POST", c.s.srv.URL+path, &b)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.s.srv.URL)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp
}

func greyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewGray(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var uploadedRe = regexp.MustCompile(`uploaded=(\d+)`)

// TestImageTextThroughForms: uploading bytes already in the library through the newsroom
// keeps the image's text and says so; the text is changed with the image's own form, by
// whoever may edit every story that shows it.
func TestImageTextThroughForms(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		ctx := context.Background()
		hash, err := account.HashPassword(password)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateUser(ctx, account.User{Email: "other@x.test", Name: "Other correspondent", Role: account.RoleCorrespondent,
				PasswordHash: hash, CreatedAt: time.Now()})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		corr, other, editor := s.client(t), s.client(t), s.client(t)
		corr.login("correspondent@x.test")
		other.login("other@x.test")
		editor.login("editor@x.test")
		pic := greyPNG(t, 40, 30)
		st, loc := corr.uploadImage(pic, map[string]string{"alt": "Harbour cranes at dawn", "caption": "Port of Alat"})
		m := uploadedRe.FindStringSubmatch(loc)
		if st != http.StatusSeeOther || m == nil {
			t.Fatalf("first upload: %d %s", st, loc)
		}
		id := m[1]
		st, loc = other.uploadImage(pic, map[string]string{"alt": "FAKE burning port", "caption": "Fabricated"})
		if st != http.StatusSeeOther || !strings.Contains(loc, "uploaded="+id) || !strings.Contains(loc, "known=1") {
			t.Fatalf("second upload: %d %s", st, loc)
		}
		_, page := other.get(loc)
		if !strings.Contains(page, "already in the library") || !strings.Contains(page, "Harbour cranes at dawn") || strings.Contains(page, "FAKE") {
			t.Errorf("the page after a known upload does not say the text was kept:\n%s", page)
		}

		text := url.Values{"alt": {"Cranes"}, "caption": {"Changed"}, "credit": {""}}
		tests := []struct {
			name   string
			c      *client
			form   url.Values
			status int
			alt    string
		}{
			{"another correspondent", other, text, http.StatusForbidden, "Harbour cranes at dawn"},
			{"the uploader, blank alt", corr, url.Values{"alt": {" "}}, http.StatusUnprocessableEntity, "Harbour cranes at dawn"},
			{"the uploader", corr, text, http.StatusSeeOther, "Cranes"},
			{"an editor", editor, url.Values{"alt": {"Cranes at dawn"}, "caption": {"Port of Alat"}}, http.StatusSeeOther, "Cranes at dawn"},
		}
		for _, tc := range tests {
			tc.c.get("/newsroom/images")
			st, body, _ := tc.c.post("/newsroom/images/"+id, maps.Clone(tc.form)) // post adds the client's token
			if st != tc.status {
				t.Errorf("%s: %d, want %d: %s", tc.name, st, tc.status, body)
			}
			_, page := editor.get("/newsroom/images")
			if !strings.Contains(page, `value="`+tc.alt+`"`) {
				t.Errorf("%s: the library does not show the alt text %q", tc.name, tc.alt)
			}
		}
		if st, _, _ := editor.post("/newsroom/images/987654", maps.Clone(text)); st != http.StatusNotFound {
			t.Errorf("unknown image: %d", st)
		}
	})
}
