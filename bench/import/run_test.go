// Package importbench_test runs bench/import/run on a small generated export, so that the
// import benchmark keeps working; the figures come from running it on 100,000 posts
// (docs/performance.md).
package importbench_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

func TestImportBenchScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and imports an export: not in -short")
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		t.Skip("needs /usr/bin/time (Debian package time; scripts/test installs it)")
	}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "report.md")
	cmd := exec.Command("bash", "run", "--posts", "300", "--out", out)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bench/import/run: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, re := range []string{
		`\| import wordpress \| [0-9.]+ s \| [0-9.]+ \+ [0-9.]+ s \| [0-9]+ MB \| [0-9]+ MB \|`,
		`(?m)^  post +300 +0 +0 +0$`,
		`Indexed 300 articles`,
	} {
		if !regexp.MustCompile(re).Match(b) {
			t.Errorf("report lacks %s:\n%s", re, b)
		}
	}
}
