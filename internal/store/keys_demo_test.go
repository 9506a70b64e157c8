package store_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/store"
)

var updatePurgeKeys = flag.Bool("update-purge-keys", false, "rewrite testdata/demo_purge_keys.golden")

// TestDemoPurgeKeys holds the keys a change to each story and brief of the demo edition
// purges to the ones recorded in testdata (go test -run DemoPurgeKeys -update-purge-keys
// rewrites them): moving where the keys are worked out changes none of them.
func TestDemoPurgeKeys(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := app.SeedDemo(ctx, st, io.Discard); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, kind := range []string{"articles", "briefs"} {
		rows, err := st.DB().QueryContext(ctx, "SELECT id FROM "+kind+" ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			art, brief := id, int64(0)
			if kind == "briefs" {
				art, brief = 0, id
			}
			keys, err := st.PurgeKeysOf(ctx, art, brief)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %d: %s\n", kind, id, strings.Join(keys, " "))
		}
	}
	golden := filepath.Join("testdata", "demo_purge_keys.golden")
	if *updatePurgeKeys {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("purge keys changed:\n%s", lineDiff(string(want), got))
	}
}

// lineDiff lists the lines of want missing from got (-) and of got missing from want (+).
func lineDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
