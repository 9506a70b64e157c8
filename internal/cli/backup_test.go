package cli_test

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// TestBackupRestoreUnderWrites backs a site up while another connection pool publishes
// stories and writes media files, restores the archive into an empty location, and
// checks that the copy passes the integrity check, holds every story published before
// the backup began, has every media file it names, and serves its stories.
func TestBackupRestoreUnderWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, mediaDir := filepath.Join(dir, "site.db"), filepath.Join(dir, "media")
	st := sitekit.Demo(t, db)
	if err := os.MkdirAll(mediaDir, 0o750); err != nil {
		t.Fatal(err)
	}
	ed := editor(t, st)
	svc := newsroom.New(st, nil, nil)

	var (
		mu        sync.Mutex
		published []content.Article // acknowledged publications, in order
		writeErr  error
	)
	publish := func(i int) {
		// As an upload does: the image file first, then the row that names it.
		err := os.WriteFile(filepath.Join(mediaDir, fmt.Sprintf("img%04d-320.jpg", i)), bytes.Repeat([]byte{byte(i)}, 4096), 0o640)
		var a content.Article
		if err == nil {
			a, err = svc.Create(ctx, ed, newsroom.ArticleInput{Language: "en", Section: "politics",
				Headline: fmt.Sprintf("Story %d filed during the backup", i), Body: "Written while the backup runs."})
		}
		if err == nil {
			a, _, err = svc.Publish(ctx, ed, a.ID)
		}
		mu.Lock()
		defer mu.Unlock()
		if err != nil && writeErr == nil {
			writeErr = err
		}
		if err == nil {
			published = append(published, a)
		}
	}
	for i := 0; i < 5; i++ {
		publish(i)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 5; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			publish(i)
		}
	}()
	// Let the writer get going, then back up while it writes.
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(published) >= 8 })
	mu.Lock()
	before := append([]content.Article(nil), published...)
	mu.Unlock()
	archive := filepath.Join(dir, "backups", "site.tar")
	if err := os.MkdirAll(filepath.Dir(archive), 0o750); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", "backup", "--db", db, "--media", mediaDir, archive)
	if code != 0 {
		t.Fatalf("backup: exit %d: %s%s", code, out, errs)
	}
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(published) >= len(before)+3 })
	close(stop)
	<-done
	if writeErr != nil {
		t.Fatalf("a write failed during the backup: %v", writeErr)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "backups", "*")); len(left) != 1 {
		t.Errorf("backup left work files behind: %v", left)
	}

	restored := filepath.Join(dir, "restored")
	rdb, rmedia := filepath.Join(restored, "site.db"), filepath.Join(restored, "media")
	code, out, errs = run(t, "", "restore", "--db", rdb, "--media", rmedia, archive)
	if code != 0 {
		t.Fatalf("restore: exit %d: %s%s", code, out, errs)
	}
	if _, err := store.CheckSQLiteFile(ctx, rdb); err != nil {
		t.Fatalf("restored database: %v", err)
	}
	rst, err := app.OpenStore(ctx, rdb, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rst.Close()
	for _, a := range before {
		got, err := rst.ArticleByID(ctx, a.ID)
		if err != nil || got.Status != content.StatusPublished {
			t.Errorf("story %d published before the backup: %v, status %q", a.ID, err, got.Status)
		}
	}
	// Every image the copy's stories could name was written before their row: the
	// media files of every restored story are there.
	for i := 0; ; i++ {
		a, err := rst.ArticleByID(ctx, published[0].ID+int64(i))
		if err != nil {
			break
		}
		n := i
		if _, err := os.Stat(filepath.Join(rmedia, fmt.Sprintf("img%04d-320.jpg", n))); err != nil {
			t.Errorf("story %d is in the copy but its media file is not: %v", a.ID, err)
		}
	}

	srv := httptest.NewUnstartedServer(nil)
	h, err := app.Handler(config.Config{BaseURL: "http://" + srv.Listener.Addr().String(), TimeZone: "Asia/Baku", Media: rmedia}, rst, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = h
	srv.Start()
	defer srv.Close()
	last := before[len(before)-1]
	resp, err := http.Get(srv.URL + "/en/" + last.Section.Key + "/" + last.Slug)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), last.Headline) {
		t.Errorf("restored site: GET %s = %d, headline %q missing", last.Slug, resp.StatusCode, last.Headline)
	}
}

// TestRestoreRefuses checks that restore writes only into an empty location and only
// archives that match their manifest, and leaves nothing behind when it refuses.
func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "site.db")
	st, err := app.OpenStore(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	media := filepath.Join(dir, "media")
	if err := os.MkdirAll(filepath.Join(media, "sub"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(media, "sub", "a-320.jpg"), []byte("image bytes"), 0o640); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.tar")
	if code, out, errs := run(t, "", "backup", good, "--db", db, "--media", media); code != 0 {
		t.Fatalf("backup: %d %s%s", code, out, errs)
	}
	if code, _, errs := run(t, "", "backup", "--db", db, "--media", media, good); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("backup over an existing file: exit %d, %q", code, errs)
	}
	entries := readTar(t, good)

	tests := []struct {
		name     string
		archive  func(t *testing.T) string
		prepare  func(t *testing.T, db, media string)
		code     int
		contains string
	}{
		{name: "database exists", archive: func(*testing.T) string { return good },
			prepare: func(t *testing.T, db, _ string) { writeFile(t, db, "x") }, code: 1, contains: "already exists"},
		{name: "media not empty", archive: func(*testing.T) string { return good },
			prepare: func(t *testing.T, _, media string) { writeFile(t, filepath.Join(media, "x.jpg"), "x") }, code: 1, contains: "not empty"},
		{name: "damaged media", archive: func(t *testing.T) string {
			return writeTar(t, entries, func(name string, b []byte) []byte {
				if strings.HasPrefix(name, "media/") {
					return []byte("IMAGE bytes")
				}
				return b
			})
		}, code: 1, contains: "damaged"},
		{name: "damaged database", archive: func(t *testing.T) string {
			return writeTar(t, entries, func(name string, b []byte) []byte {
				if name == "newsdesk.db" {
					b = bytes.Clone(b)
					b[len(b)-10] ^= 0xff
				}
				return b
			})
		}, code: 1, contains: "damaged"},
		{name: "path escape", archive: func(t *testing.T) string {
			return writeTar(t, append(entries, tarEntry{"media/../../evil", []byte("x")}), nil)
		}, code: 1, contains: "unsafe"},
		{name: "no manifest", archive: func(t *testing.T) string {
			return writeTar(t, entries[:len(entries)-1], nil)
		}, code: 1, contains: "no manifest"},
		{name: "not a tar", archive: func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "x.tar")
			writeFile(t, p, strings.Repeat("not a tar file ", 100))
			return p
		}, code: 1, contains: "backup"},
		{name: "postgres", archive: func(*testing.T) string { return good }, code: 1, contains: "pg_restore"},
		{name: "no file", archive: func(*testing.T) string { return "" }, code: 2, contains: "FILE.tar"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := t.TempDir()
			rdb, rmedia := filepath.Join(target, "site.db"), filepath.Join(target, "media")
			if tc.name == "postgres" {
				rdb = "postgres://nobody@127.0.0.1:1/none"
			}
			if tc.prepare != nil {
				tc.prepare(t, rdb, rmedia)
			}
			before, _ := os.ReadDir(target)
			args := []string{"restore", "--db", rdb, "--media", rmedia}
			if a := tc.archive(t); a != "" {
				args = append(args, a)
			}
			code, out, errs := run(t, "", args...)
			if code != tc.code || !strings.Contains(errs, tc.contains) {
				t.Errorf("exit %d, %q; want %d and %q", code, out+errs, tc.code, tc.contains)
			}
			after, _ := os.ReadDir(target)
			if len(after) != len(before) {
				t.Errorf("refused restore changed the target: %v → %v", names(before), names(after))
			}
		})
	}

	t.Run("postgres backup", func(t *testing.T) {
		code, _, errs := run(t, "", "backup", "--db", "postgres://nobody@127.0.0.1:1/none", filepath.Join(t.TempDir(), "x.tar"))
		if code != 1 || !strings.Contains(errs, "pg_dump") {
			t.Errorf("exit %d, %q; want 1 and a pg_dump explanation", code, errs)
		}
	})
	t.Run("no database", func(t *testing.T) {
		code, _, errs := run(t, "", "backup", "--db", filepath.Join(t.TempDir(), "none.db"), filepath.Join(t.TempDir(), "x.tar"))
		if code != 1 || !strings.Contains(errs, "no SQLite database") {
			t.Errorf("exit %d, %q", code, errs)
		}
	})
}

func editor(t *testing.T, st *store.Store) account.User {
	t.Helper()
	ctx := context.Background()
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		_, err := tx.CreateUser(ctx, account.User{Email: "backup-editor@agency.test", Name: "Backup Editor", Role: "editor",
			PasswordHash: "unused", CreatedAt: time.Now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.UserByEmail(ctx, "backup-editor@agency.test")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute) // only ends a hang
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached within 2 minutes")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

type tarEntry struct {
	name string
	body []byte
}

func readTar(t *testing.T, path string) []tarEntry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []tarEntry
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tarEntry{h.Name, b})
	}
}

// writeTar writes entries (changed by edit, when given) into a new archive.
func writeTar(t *testing.T, entries []tarEntry, edit func(name string, b []byte) []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "edited.tar")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(f)
	for _, e := range entries {
		b := e.body
		if edit != nil {
			b = edit(e.name, b)
		}
		if err := tw.WriteHeader(&tar.Header{Name: e.name, Mode: 0o600, Size: int64(len(b)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o640); err != nil {
		t.Fatal(err)
	}
}

func names(es []os.DirEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}
