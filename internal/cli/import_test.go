package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportAndExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "site.db")
	fixture := filepath.Join("..", "importer", "testdata", "wxr12.xml")

	code, out, errs := run(t, "", "import", "wordpress", fixture, "--db", db, "--dry-run")
	if code != 0 || !strings.Contains(out, "Dry run (nothing was written)") || strings.Contains(out, "Rebuilding") {
		t.Errorf("dry run: exit %d\n%s\n%s", code, out, errs)
	}
	// Flags after the file, as the issue writes them; plain progress lines off a terminal.
	code, out, errs = run(t, "", "import", "wordpress", fixture, "--db", db, "--language", "en")
	if code != 0 || !strings.Contains(out, "(100%)") || !strings.Contains(out, "post                6        0          0        2") ||
		!strings.Contains(out, "Indexed 6 articles") || strings.Contains(out, "\r") {
		t.Errorf("import: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, "", "import", "wordpress", fixture, "--db", db, "--quiet")
	if code != 0 || !strings.Contains(out, "post                0        0          6        2") || strings.Contains(out, "Rebuilding") {
		t.Errorf("second import: exit %d\n%s", code, out)
	}
	code, _, errs = run(t, "", "import", "wordpress", filepath.Join("..", "importer", "testdata", "malformed.xml"), "--db", db)
	if code != 1 || !strings.Contains(errs, "line 153, column") || !strings.Contains(errs, "nothing was imported") {
		t.Errorf("malformed: exit %d\n%s", code, errs)
	}
	for _, args := range [][]string{{"import"}, {"import", "drupal", fixture}, {"import", "wordpress"}, {"import", "ghost", "a", "b"}} {
		if code, _, _ := run(t, "", append(args, "--db", db)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}

	out2 := filepath.Join(dir, "site.xml")
	code, _, errs = run(t, "", "export", "--db", db, "-o", out2, "--base-url", "https://news.example")
	if code != 0 || !strings.Contains(errs, "Exported 6 stories") {
		t.Fatalf("export: exit %d\n%s", code, errs)
	}
	b, err := os.ReadFile(out2)
	if err != nil || !strings.Contains(string(b), "<wp:wxr_version>1.2</wp:wxr_version>") {
		t.Fatalf("export file: %v", err)
	}
	// The export imports into an empty database.
	db2 := filepath.Join(dir, "copy.db")
	code, out, errs = run(t, "", "import", "wordpress", out2, "--db", db2, "--quiet")
	if code != 0 || !strings.Contains(out, "post                6        0          0        0") || !strings.Contains(out, "comment             2") {
		t.Errorf("import of the export: exit %d\n%s\n%s", code, out, errs)
	}
}
