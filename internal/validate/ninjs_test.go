package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/validate"
)

// TestNinjsUpstreamSuite checks the validator setup against IPTC's own test suite and
// examples, paired with the schemas as upstream pairs them (validation/javascript.sh):
// every should_pass and example passes, every should_fail fails.
func TestNinjsUpstreamSuite(t *testing.T) {
	dir := validate.Dir(t)
	pairs := map[string][]string{
		"2.2": {"test_suite/2.1", "test_suite/2.2", "examples/2.1"},
		"3.1": {"test_suite/3.0", "test_suite/3.1", "examples/3.0"},
	}
	for version, folders := range pairs {
		n := validate.NinjsSchema(t, version)
		checked := 0
		for _, folder := range folders {
			base := filepath.Join(dir, "ninjs", folder)
			cases := map[string]bool{} // file → should pass
			if strings.HasPrefix(folder, "examples/") {
				files, _ := filepath.Glob(filepath.Join(base, "*.json"))
				for _, f := range files {
					cases[f] = true
				}
			} else {
				for _, sub := range []string{"should_pass", "should_fail"} {
					files, _ := filepath.Glob(filepath.Join(base, sub, "*.json"))
					for _, f := range files {
						cases[f] = sub == "should_pass"
					}
				}
			}
			if len(cases) == 0 {
				t.Errorf("ninjs %s: no cases in %s", version, base)
			}
			for f, pass := range cases {
				doc, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				err = n.Check(doc)
				rel, _ := filepath.Rel(dir, f)
				if pass && err != nil {
					t.Errorf("ninjs %s: %s should pass: %v", version, rel, err)
				}
				if !pass && err == nil {
					t.Errorf("ninjs %s: %s should fail but passed", version, rel)
				}
				checked++
			}
		}
		t.Logf("ninjs %s: %d upstream cases agree", version, checked)
	}
}
