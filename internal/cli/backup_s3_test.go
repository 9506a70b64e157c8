package cli_test

import (
	"archive/tar"
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// TestBackupRestoreBucket backs up a site whose media are in a bucket of a real
// S3-compatible store: the archive holds every object, streamed from the store; restoring
// it into another prefix puts the same objects there, and restoring it into a directory
// writes them as files. With the store stopped the backup fails with a sentence and
// leaves no archive.
func TestBackupRestoreBucket(t *testing.T) {
	w := testkit.StartSeaweedFS(t)
	env := w.Env()
	for _, k := range []string{"AWS_ENDPOINT_URL_S3", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} {
		t.Setenv(k, env(k))
	}
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Setenv("AWS_SESSION_TOKEN", "")
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "site.db")
	sitekit.Demo(t, db)
	ms, err := app.OpenMedia(ctx, w.Location("live"), env)
	if err != nil {
		t.Fatal(err)
	}
	img, err := ms.Ingest(ctx, bytes.NewReader(greyPNG(t, 700, 400)))
	if err != nil {
		t.Fatal(err)
	}
	film, err := ms.Keep(ctx, strings.NewReader(strings.Repeat("a film ", 100000)), ".mp4", 0)
	if err != nil {
		t.Fatal(err)
	}
	objects := func(prefix string) map[string]string {
		t.Helper()
		b := w.Client(t, prefix)
		got := map[string]string{}
		if err := b.List(ctx, func(name string, _ int64) error {
			rc, _, err := b.Get(ctx, name, 0)
			if err != nil {
				return err
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			got[name] = string(data)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	live := objects("live")
	if len(live) != len(img.Renditions)+1 || live[film.Name] == "" {
		t.Fatalf("the bucket holds %d objects, want %d renditions and the film", len(live), len(img.Renditions))
	}

	archive := filepath.Join(dir, "site.tar")
	code, out, errs := run(t, "", "backup", "--db", db, "--media", w.Location("live"), archive)
	if code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	inTar := tarMedia(t, archive)
	for name, data := range live {
		if inTar[name] != data {
			t.Errorf("object %s: %d bytes in the archive, %d in the bucket", name, len(inTar[name]), len(data))
		}
	}

	code, out, errs = run(t, "", "restore", "--db", filepath.Join(dir, "copy.db"), "--media", w.Location("copy"), archive)
	if code != 0 {
		t.Fatalf("restore into a bucket: %d %s %s", code, out, errs)
	}
	copied := objects("copy")
	if len(copied) != len(live) {
		t.Errorf("restored %d objects, the backup had %d", len(copied), len(live))
	}
	for name, data := range live {
		if copied[name] != data {
			t.Errorf("restored object %s differs", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "copy.db")); err != nil {
		t.Errorf("restored database: %v", err)
	}

	mediaDir := filepath.Join(dir, "restored-media")
	code, out, errs = run(t, "", "restore", "--db", filepath.Join(dir, "local.db"), "--media", mediaDir, archive)
	if code != 0 {
		t.Fatalf("restore into a directory: %d %s %s", code, out, errs)
	}
	for name, data := range live {
		if b, err := os.ReadFile(filepath.Join(mediaDir, name)); err != nil || string(b) != data {
			t.Errorf("restored file %s: %d bytes, %v", name, len(b), err)
		}
	}

	w.Kill(t)
	broken := filepath.Join(dir, "while-down.tar")
	code, _, errs = run(t, "", "backup", "--db", db, "--media", w.Location("live"), broken)
	if code == 0 || !strings.Contains(errs, "did not answer") {
		t.Errorf("backup with the store down: %d %s", code, errs)
	}
	if left, _ := filepath.Glob(broken + "*"); len(left) > 0 {
		t.Errorf("a failed backup left %v", left)
	}
}

// tarMedia reads the media entries of a backup archive: name → bytes.
func tarMedia(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string]string{}
	tr := tar.NewReader(f)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Fatal(err)
		}
		if name, ok := strings.CutPrefix(hdr.Name, "media/"); ok {
			b, _ := io.ReadAll(tr)
			got[name] = string(b)
		}
	}
}

// greyPNG is a w×h PNG with a little detail.
func greyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewGray(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(i % 251)
	}
	m.Set(1, 1, color.Gray{Y: 3})
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
