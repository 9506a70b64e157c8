package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/cli"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

func TestReindex(t *testing.T) {
	db := filepath.Join(t.TempDir(), "site.db")
	st := sitekit.Demo(t, db)
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

// TestServeRebuildsSearch: content loaded in bulk (no index entries) becomes searchable
// once `newsdesk serve` has started, without a manual reindex.
func TestServeRebuildsSearch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "site.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := sitekit.Demo(t, db)
	secs, err := st.Sections(ctx, "en")
	if err != nil || len(secs) == 0 {
		t.Fatalf("sections: %v %v", secs, err)
	}
	ld, err := st.NewLoader(ctx, store.LoaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	err = ld.WithTx(ctx, func(b *store.Bulk) error {
		_, err := b.Brief(ctx, content.Brief{Language: "en", Section: secs[0], Text: "Bulk-loaded okapi sighting.",
			PublishedAt: time.Now().Add(-time.Hour)})
		return err
	})
	if err != nil || ld.Close() != nil {
		t.Fatal(err)
	}
	if need, err := st.SearchRebuildNeeded(ctx); err != nil || !need {
		t.Fatalf("rebuild needed = %v %v", need, err)
	}
	st.Close()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- cli.Run(ctx, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb},
			[]string{"serve", "--db", db, "--addr", addr, "--media", t.TempDir()})
	}()
	var total int
	for i := 0; i < 200 && total == 0; i++ {
		time.Sleep(50 * time.Millisecond)
		resp, err := http.Get("http://" + addr + "/search.json?q=okapi&lang=en")
		if err != nil {
			continue
		}
		var a struct{ Total int }
		err = json.NewDecoder(resp.Body).Decode(&a)
		resp.Body.Close()
		if err == nil {
			total = a.Total
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d: %s", code, errb.String())
	}
	if total != 1 {
		t.Errorf("bulk-loaded brief not found by the site's search: total %d\n%s", total, errb.String())
	}
	if !strings.Contains(errb.String(), "search_rebuild_done") {
		t.Errorf("no rebuild logged:\n%s", errb.String())
	}
}
