package api_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// normalize turns a ServeMux pattern into an OpenAPI path: {$} goes, {name...} is {name}.
func normalize(pattern string) string {
	pattern = strings.TrimSuffix(pattern, "{$}")
	return strings.ReplaceAll(pattern, "...}", "}")
}

// TestOpenAPIParity checks that the OpenAPI document describes exactly the registered
// routes, that its references resolve, and that public routes are the unauthenticated ones.
func TestOpenAPIParity(t *testing.T) {
	e := newEnv(t, filepath.Join(t.TempDir(), "site.db"))
	r := e.do("GET", "/api/openapi.json", "", nil)
	want(t, "openapi.json", r, http.StatusOK, "")
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components map[string]map[string]json.RawMessage `json:"components"`
		Servers    []struct{ URL string }                `json:"servers"`
	}
	if err := json.Unmarshal(r.raw, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != baseURL {
		t.Errorf("servers = %+v", doc.Servers)
	}
	if !strings.Contains(string(doc.Components["securitySchemes"]["bearer"]), `"scheme": "bearer"`) {
		t.Errorf("no bearer security scheme: %s", doc.Components["securitySchemes"]["bearer"])
	}

	documented := map[string]bool{}
	public := map[string]bool{}
	for p, ops := range doc.Paths {
		for method, raw := range ops {
			key := strings.ToUpper(method) + " " + p
			documented[key] = true
			var op struct {
				Security  []map[string][]string      `json:"security"`
				Responses map[string]json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			public[key] = op.Security != nil && len(op.Security) == 0
			if len(op.Responses) < 2 {
				t.Errorf("%s documents %d responses", key, len(op.Responses))
			}
		}
	}
	registered := map[string]bool{}
	for _, rt := range e.api.Routes() {
		key := rt.Method + " " + normalize(rt.Pattern)
		if registered[key] {
			t.Errorf("route %s is registered twice", key)
		}
		registered[key] = true
		if !documented[key] {
			t.Errorf("route %s is not documented", key)
		}
		if public[key] != rt.Public {
			t.Errorf("route %s: public %v, documented public %v", key, rt.Public, public[key])
		}
	}
	for key := range documented {
		if !registered[key] {
			t.Errorf("documented %s is not a route", key)
		}
	}
	if len(registered) < 24 {
		t.Errorf("only %d routes", len(registered))
	}

	// Every $ref points at a component that exists.
	var refs []string
	collectRefs(t, r.raw, &refs)
	for _, ref := range slices.Compact(slices.Sorted(slices.Values(refs))) {
		parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
		if len(parts) != 2 || doc.Components[parts[0]][parts[1]] == nil {
			t.Errorf("dangling $ref %s", ref)
		}
	}
}

func collectRefs(t *testing.T, raw []byte, out *[]string) {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if s, ok := c.(string); ok && k == "$ref" {
					*out = append(*out, s)
				}
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(v)
}

// TestEveryRouteAnswers sends each registered route a request and checks that a handler,
// not the fallback, answered it.
func TestEveryRouteAnswers(t *testing.T) {
	e := newEnv(t, filepath.Join(t.TempDir(), "site.db"))
	for _, rt := range e.api.Routes() {
		p := strings.NewReplacer("{id}", "987654", "{version}", "1", "{lang}", "en").Replace(normalize(rt.Pattern))
		r := e.do(rt.Method, p, "editor", nil)
		if r.status == http.StatusMethodNotAllowed || (r.status == http.StatusNotFound && strings.Contains(string(r.raw), "no such API route")) {
			t.Errorf("%s %s: answered by the fallback: %d %s", rt.Method, p, r.status, r.raw)
		}
	}
}
