package api_test

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// openAPIDoc is the served document, decoded for schema checks.
type openAPIDoc map[string]any

func (e *env) openAPI() openAPIDoc {
	e.t.Helper()
	r := e.do("GET", "/api/openapi.json", "", nil)
	return openAPIDoc(r.body)
}

// resolve follows "#/a/b/c".
func (d openAPIDoc) resolve(ref string) map[string]any {
	var cur any = map[string]any(d)
	for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, _ := cur.(map[string]any)
		cur = m[p]
	}
	m, _ := cur.(map[string]any)
	return m
}

// responseSchema is the schema documented for method pattern answering status.
func (d openAPIDoc) responseSchema(method, pattern string, status int) map[string]any {
	paths, _ := d["paths"].(map[string]any)
	ops, _ := paths[pattern].(map[string]any)
	op, _ := ops[strings.ToLower(method)].(map[string]any)
	resp, _ := op["responses"].(map[string]any)[strconv.Itoa(status)].(map[string]any)
	if ref, ok := resp["$ref"].(string); ok {
		resp = d.resolve(ref)
	}
	c, _ := resp["content"].(map[string]any)["application/json"].(map[string]any)
	s, _ := c["schema"].(map[string]any)
	return s
}

// check reports where v departs from schema s: the subset of JSON Schema the document uses
// ($ref, type, properties, required, additionalProperties, items, anyOf, enum).
func (d openAPIDoc) check(s map[string]any, v any, at string) []string {
	if s == nil {
		return []string{at + ": no schema"}
	}
	if ref, ok := s["$ref"].(string); ok {
		return d.check(d.resolve(ref), v, at)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		for _, alt := range alts {
			if len(d.check(alt.(map[string]any), v, at)) == 0 {
				return nil
			}
		}
		return []string{fmt.Sprintf("%s: %v matches no alternative", at, v)}
	}
	if t, ok := s["type"]; ok {
		var types []string
		switch tt := t.(type) {
		case string:
			types = []string{tt}
		case []any:
			for _, x := range tt {
				types = append(types, x.(string))
			}
		}
		if !slices.Contains(types, jsonType(v)) && !(jsonType(v) == "integer" && slices.Contains(types, "number")) {
			return []string{fmt.Sprintf("%s: %s, want %v", at, jsonType(v), types)}
		}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		return []string{fmt.Sprintf("%s: %v is not one of %v", at, v, enum)}
	}
	var out []string
	switch x := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := x[r]; !ok {
				out = append(out, at+": lacks required "+r)
			}
		}
		for k, val := range x {
			if ps, ok := props[k].(map[string]any); ok {
				out = append(out, d.check(ps, val, at+"."+k)...)
			} else if ap, ok := s["additionalProperties"]; ok {
				if ap == false {
					out = append(out, at+": undocumented property "+k)
				} else if aps, ok := ap.(map[string]any); ok {
					out = append(out, d.check(aps, val, at+"."+k)...)
				}
			}
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, el := range x {
				out = append(out, d.check(items, el, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return out
}

func asStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		out = append(out, x.(string))
	}
	return out
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// TestAnswersMatchSchemas checks real answers of each kind against the schemas the
// document gives for them, so the document cannot drift from the code.
func TestAnswersMatchSchemas(t *testing.T) {
	e := newEnv(t, filepath.Join(t.TempDir(), "site.db"))
	doc := e.openAPI()
	img := e.upload("editor", makePNG(t, 400, 300), map[string]string{"alt": "A test card"})
	in := story("Checked against the schema")
	in["lead_image_id"] = img.num("id")
	created := e.do("POST", newsroomAPI+"/articles", "editor", in)
	id := created.num("id")
	e.do("PUT", path("/articles/{id}", id), "editor", merge(in, map[string]any{"version": 1}))
	brief := e.do("POST", newsroomAPI+"/briefs", "editor", map[string]any{"language": "en", "section": "world", "text": "A brief."})
	nr := newsroomAPI
	tests := []struct {
		method, pattern, path string
		body                  any
		status                int
	}{
		{"GET", nr + "/me", nr + "/me", nil, 200},
		{"POST", nr + "/articles", nr + "/articles", in, 201},
		{"GET", nr + "/articles/{id}", path("/articles/{id}", id), nil, 200},
		{"POST", nr + "/articles/{id}/publish", path("/articles/{id}/publish", id), nil, 200},
		{"POST", nr + "/articles/{id}/correct", path("/articles/{id}/correct", id), map[string]any{"text": "Corrected."}, 200},
		{"GET", nr + "/articles", nr + "/articles?limit=200", nil, 200},
		{"GET", nr + "/articles/{id}/revisions", path("/articles/{id}/revisions", id), nil, 200},
		{"GET", nr + "/articles/{id}/revisions/{version}", path("/articles/{id}/revisions/2", id), nil, 200},
		{"GET", nr + "/briefs", nr + "/briefs", nil, 200},
		{"GET", nr + "/briefs/{id}", path("/briefs/{id}", brief.num("id")), nil, 200},
		{"GET", nr + "/images/{id}", path("/images/{id}", img.num("id")), nil, 200},
		{"PUT", nr + "/articles/{id}", path("/articles/{id}", id), merge(in, map[string]any{"version": 1}), 409},
		{"POST", nr + "/articles", nr + "/articles", map[string]any{"language": "en"}, 422},
		{"POST", nr + "/articles", nr + "/articles", `{"x": 1}`, 400},
		{"GET", nr + "/articles/{id}", nr + "/articles/987654", nil, 404},
		{"POST", nr + "/articles/{id}/publish", path("/articles/{id}/publish", id), nil, 409},
	}
	for _, tc := range tests {
		r := e.do(tc.method, tc.path, "editor", tc.body)
		if r.status != tc.status {
			t.Errorf("%s %s: %d, want %d: %s", tc.method, tc.path, r.status, tc.status, r.raw)
			continue
		}
		for _, p := range doc.check(doc.responseSchema(tc.method, tc.pattern, tc.status), r.body, "body") {
			t.Errorf("%s %s → %d: %s", tc.method, tc.pattern, tc.status, p)
		}
	}
	if created.body["lead_image"] == nil {
		t.Errorf("no lead image to check: %s", created.raw)
	}
}
