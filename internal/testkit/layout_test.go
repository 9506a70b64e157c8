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

// stillImportingStore are the packages not yet moved to interfaces of their own (issue 18);
// remove each one as it stops importing store, until the list is empty.
var stillImportingStore = []string{
	"internal/api",
	"internal/importer",
	"internal/newsroom",
	"internal/review",
	"internal/web",
	"internal/web/desk",
}

// oversized are the non-test files not yet split below maxLines (issue 18).
var oversized = []string{
	"internal/demo/edition_stories.go",
	"internal/importer/ghost.go",
	"internal/importer/sink.go",
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
// (test files aside), and when a package of stillImportingStore no longer does (so that
// the list only shrinks).
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
		if !matches(pkg, storeImporters) && !slices.Contains(stillImportingStore, pkg) {
			t.Errorf("%s imports internal/store: declare the storage it needs as an interface in %s, which store implements", pkg, pkg)
		}
	}
	for _, pkg := range stillImportingStore {
		if !importers[pkg] {
			t.Errorf("%s no longer imports internal/store: remove it from stillImportingStore", pkg)
		}
	}
}

// TestFileSizes fails when a non-test Go file is longer than maxLines, and when a file of
// oversized has been brought under it (so that the list only shrinks).
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
		switch listed := slices.Contains(oversized, rel); {
		case lines > maxLines && !listed:
			t.Errorf("%s has %d lines, more than %d: split it by concern", rel, lines, maxLines)
		case lines <= maxLines && listed:
			t.Errorf("%s has %d lines now: remove it from oversized", rel, lines)
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
