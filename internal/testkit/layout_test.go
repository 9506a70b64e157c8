package testkit_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/newsdesk/newsdesk"

// storeImporters may import internal/store in their non-test code: the store itself, the
// composition root, the command line, the commands, the benchmarks and the test kit. Every
// other package states the storage it needs as an interface of its own (docs/decisions.md).
var storeImporters = []string{
	"internal/store/...",
	"internal/app",
	"internal/cli",
	"cmd/...",
	"bench/...",
	"internal/testkit/...",
}

const maxLines = 600

// matches reports whether the module-relative path rel is named by one of patterns
// ("a/b" exactly, "a/..." for a and everything below it).
func matches(rel string, patterns []string) bool {
	for _, p := range patterns {
		if dir, ok := strings.CutSuffix(p, "/..."); ok {
			if rel == dir || strings.HasPrefix(rel, dir+"/") {
				return true
			}
		} else if rel == p {
			return true
		}
	}
	return false
}

// TestWhoImportsStore fails when a package outside storeImporters imports internal/store
// (test files aside): domains declare the storage they need, and the store implements it.
func TestWhoImportsStore(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	importers := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if slices.Contains(fields[1:], module+"/internal/store") {
			importers[strings.TrimPrefix(fields[0], module+"/")] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(importers) == 0 {
		t.Fatal("go list shows no importer of internal/store at all: the listing is wrong")
	}
	for pkg := range importers {
		if !matches(pkg, storeImporters) {
			t.Errorf("%s imports internal/store: declare the storage it needs as an interface in %s, which store implements", pkg, pkg)
		}
	}
}

// TestFileSizes fails when a non-test Go file is longer than maxLines.
func TestFileSizes(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	root := strings.TrimSpace(string(out))
	seen := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		seen++
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		lines := bytes.Count(b, []byte("\n"))
		if len(b) > 0 && b[len(b)-1] != '\n' {
			lines++
		}
		if lines > maxLines {
			t.Errorf("%s has %d lines, more than %d: split it by concern", rel, lines, maxLines)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Fatalf("no Go file found below %s", root)
	}
}
