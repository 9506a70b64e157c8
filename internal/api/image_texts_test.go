package api_test

import (
	"net/http"
	"testing"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestImageTextsThroughAPI: PUT /images/{id} takes the alt text and caption per language;
// the image answers them under texts, and a story in that language shows them as its lead
// picture's text (an empty field falls back to the default); absent texts stay as they are.
func TestImageTextsThroughAPI(t *testing.T) {
	testkit.Each(t, newEnv, func(t *testing.T, e *env) {
		img := e.upload("editor", makePNG(t, 44, 30), map[string]string{"alt": "Cranes in the harbour", "caption": "Port of Alat"}).num("id")
		en := e.create("editor", merge(story("Harbour reopens"), map[string]any{"lead_image_id": img}))
		tr := e.do("POST", path("/articles/{id}/translate", en), "editor", map[string]any{"language": "ru"})
		want(t, "translate", tr, http.StatusCreated, "")
		ru := tr.num("id")

		base := map[string]any{"alt": "Cranes in the harbour", "caption": "Port of Alat"}
		tests := []struct {
			name   string
			body   map[string]any
			status int
			code   string
			ruAlt  string // the Russian story's lead picture's alt text after the change
		}{
			{"Russian alt", merge(base, map[string]any{"texts": map[string]any{"ru": map[string]any{"alt": " Краны в гавани ", "caption": ""}}}), 200, "", "Краны в гавани"},
			{"texts absent: kept", base, 200, "", "Краны в гавани"},
			{"unknown language", merge(base, map[string]any{"texts": map[string]any{"xx": map[string]any{"alt": "A", "caption": ""}}}), 422, "invalid", "Краны в гавани"},
			{"unknown field in a text", merge(base, map[string]any{"texts": map[string]any{"ru": map[string]any{"alt": "A", "title": "T"}}}), 400, "bad_request", "Краны в гавани"},
			{"texts emptied", merge(base, map[string]any{"texts": map[string]any{}}), 200, "", "Cranes in the harbour"},
		}
		for _, tc := range tests {
			r := e.do("PUT", path("/images/{id}", img), "editor", tc.body)
			want(t, tc.name, r, tc.status, tc.code)
			if tc.status == 200 {
				texts, ok := r.body["texts"].(map[string]any)
				if !ok {
					t.Errorf("%s: no texts in %s", tc.name, r.raw)
				} else if ru, _ := texts["ru"].(map[string]any); tc.ruAlt != "Cranes in the harbour" && (ru == nil || ru["alt"] != tc.ruAlt) {
					t.Errorf("%s: texts %v, want ru alt %q", tc.name, texts, tc.ruAlt)
				}
			}
			a := e.do("GET", path("/articles/{id}", ru), "editor", nil)
			lead, _ := a.body["lead_image"].(map[string]any)
			if lead == nil || lead["alt"] != tc.ruAlt || lead["caption"] != "Port of Alat" {
				t.Errorf("%s: the Russian story's lead image %v, want alt %q and the default caption", tc.name, lead, tc.ruAlt)
			}
		}
		a := e.do("GET", path("/articles/{id}", en), "editor", nil)
		if lead, _ := a.body["lead_image"].(map[string]any); lead == nil || lead["alt"] != "Cranes in the harbour" {
			t.Errorf("the English story's lead image %v", lead)
		}
	})
}
