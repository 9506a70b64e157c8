package cli_test

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/app"
)

func TestReindex(t *testing.T) {
	db := filepath.Join(t.TempDir(), "site.db")
	ctx := context.Background()
	st, err := app.OpenStore(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.SeedDemo(ctx, st, io.Discard); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errs := run(t, "", "reindex", "--db", db)
	if code != 0 || !strings.Contains(out, "Indexed ") || !strings.Contains(out, "(100%)") || strings.Contains(out, "\r") {
		t.Errorf("reindex: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	code, out, _ = run(t, "", "reindex", "--db", db, "--quiet")
	if code != 0 || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("reindex --quiet: exit %d\n%s", code, out)
	}
	if code, _, _ := run(t, "", "reindex", "--db", db, "extra"); code != 2 {
		t.Errorf("reindex with an argument: exit %d, want 2", code)
	}
}
