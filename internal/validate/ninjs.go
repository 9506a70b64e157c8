package validate

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Ninjs is an official IPTC ninjs JSON Schema, compiled from the shared validators folder
// (ninjs/schema/ninjs-schema_VERSION.json, with the GeoJSON schema it references added
// under its $id). Formats (date-time, uri) are asserted, as ajv-formats does.
type Ninjs struct {
	Version string
	schema  *jsonschema.Schema
}

// NinjsSchema compiles the ninjs schema of version ("1.6", "2.2", "3.1", …). It skips the
// test when the validators folder is missing (fails under CI).
func NinjsSchema(t testing.TB, version string) *Ninjs {
	t.Helper()
	n, err := compileNinjs(Dir(t), version)
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	return n
}

func compileNinjs(dir, version string) (*Ninjs, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	geo, err := readJSON(filepath.Join(dir, "ninjs", "schema", "GeoJSON-schema.json"))
	if err != nil {
		return nil, err
	}
	id, _ := geo.(map[string]any)["$id"].(string)
	if id == "" {
		return nil, fmt.Errorf("GeoJSON schema has no $id")
	}
	if err := c.AddResource(id, geo); err != nil {
		return nil, fmt.Errorf("add GeoJSON schema: %w", err)
	}
	path := filepath.Join(dir, "ninjs", "schema", "ninjs-schema_"+version+".json")
	doc, err := readJSON(path)
	if err != nil {
		return nil, err
	}
	if err := c.AddResource(path, doc); err != nil {
		return nil, fmt.Errorf("add ninjs %s schema: %w", version, err)
	}
	sch, err := c.Compile(path)
	if err != nil {
		return nil, fmt.Errorf("compile ninjs %s schema: %w", version, err)
	}
	return &Ninjs{Version: version, schema: sch}, nil
}

func readJSON(path string) (any, error) {
	b, err := os.ReadFile(path) // #nosec G304 -- a file of the shared validators folder
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return v, nil
}

// Check validates one JSON document and returns the schema's complaints (nil when valid).
func (n *Ninjs) Check(doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return n.schema.Validate(v)
}

// Validate reports through t every way doc breaks the schema; name says which document.
func (n *Ninjs) Validate(t testing.TB, name string, doc []byte) {
	t.Helper()
	if err := n.Check(doc); err != nil {
		t.Errorf("ninjs %s schema: %s is invalid: %v\n%.2000s", n.Version, name, err, doc)
	}
}
