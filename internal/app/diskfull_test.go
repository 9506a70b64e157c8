package app_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/store"
)

// smallDisk mounts a tmpfs of size bytes for the test and returns its folder; without
// the privilege to mount (not root, or in a container without CAP_SYS_ADMIN) it skips.
func smallDisk(t *testing.T, size int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0755", size), "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("a full disk is simulated with a small tmpfs, which needs root: mount: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes a file into dir until the filesystem has about leave bytes free, and
// returns its path (remove it to make room again).
func fillDisk(t *testing.T, dir string, leave int64) string {
	t.Helper()
	var fs syscall.Statfs_t
	if err := syscall.Statfs(dir, &fs); err != nil {
		t.Fatal(err)
	}
	free := int64(fs.Bavail) * fs.Bsize
	path := filepath.Join(dir, "filler")
	if free > leave {
		if err := os.WriteFile(path, make([]byte, free-leave), 0o600); err != nil {
			t.Fatalf("fill the disk: %v", err)
		}
	}
	return path
}

// noisyPNG is an image that does not compress: its renditions need real room.
func noisyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func (p *procSite) uploadImage(token string, img []byte) (int, []byte, error) {
	body, ctype := imageForm(img) // media_s3_test.go
	return p.do("POST", "/api/v1/newsroom/images", bytes.NewReader(body), "Authorization", "Bearer "+token, "Content-Type", ctype)
}

// TestDiskFull fills the disk under the media directory, then under the SQLite file, of
// a running server: uploads and saves are refused with 507 and a message that says the
// disk is full (never a bare 500), the site goes on serving, nothing half-written is
// left, the database passes its integrity check, and saving works again once there is
// room.
func TestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildNewsdesk(t)

	t.Run("media", func(t *testing.T) {
		disk := smallDisk(t, 2<<20)
		p := newProcSite(t, bin, filepath.Join(t.TempDir(), "site.db"))
		p.media = filepath.Join(disk, "media")
		p.start("--demo")
		token := p.editorToken()
		img := noisyPNG(t, 700, 500)
		filler := fillDisk(t, disk, 16<<10)

		code, body, err := p.uploadImage(token, img)
		if err != nil || code != 507 || !strings.Contains(string(body), "disk is full") {
			t.Errorf("upload onto a full disk: %d %v %.300s", code, err, body)
		}
		left, _ := filepath.Glob(filepath.Join(p.media, ".ingest-*"))
		if len(left) > 0 {
			t.Errorf("half-written files left in the media directory: %v", left)
		}
		if code, _, err := p.do("GET", "/en/", nil); err != nil || code != 200 {
			t.Errorf("home page with the media disk full: %d %v", code, err)
		}
		if err := os.Remove(filler); err != nil {
			t.Fatal(err)
		}
		if code, body, err := p.uploadImage(token, img); err != nil || code != 201 {
			t.Errorf("upload once there is room: %d %v %.300s", code, err, body)
		}
	})

	t.Run("sqlite", func(t *testing.T) {
		disk := smallDisk(t, 8<<20)
		dsn := filepath.Join(disk, "site.db")
		p := newProcSite(t, bin, dsn)
		p.start("--demo")
		token := p.editorToken()
		ctx := context.Background()
		baseline := consistencyOf(t, dsn)
		filler := fillDisk(t, disk, 512<<10)

		big := strings.Repeat("A paragraph of a long report that fills the disk under the database. ", 1500)
		var acked []int64
		var full bool
		for i := 0; i < 200 && !full; i++ {
			code, out, err := p.api(token, "POST", "/api/v1/newsroom/articles", map[string]any{"language": "en", "section": "politics",
				"headline": fmt.Sprintf("Long report %d", i), "body": fmt.Sprintf("%d %s", i, big)})
			switch {
			case err != nil:
				t.Fatalf("create %d: %v\n%s", i, err, p.log.String())
			case code == 201:
				acked = append(acked, int64(out["id"].(float64)))
			case code == 507:
				full = true
				if msg := fmt.Sprint(out["error"]); !strings.Contains(msg, "disk is full") {
					t.Errorf("507 without a clear message: %v", out)
				}
			default:
				t.Fatalf("create %d on a filling disk: %d %v\n%s", i, code, out, p.log.String())
			}
		}
		if !full {
			t.Fatalf("the disk never filled up (%d stories saved)", len(acked))
		}
		t.Logf("%d stories saved before the disk was full", len(acked))
		for _, path := range []string{"/en/", leadEN, "/healthz"} {
			if code, _, err := p.do("GET", path, nil); err != nil || code != 200 {
				t.Errorf("GET %s with the database disk full: %d %v", path, code, err)
			}
		}
		if err := os.Remove(filler); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, 10*time.Second, "saving once there is room", func() bool {
			code, _, err := p.api(token, "POST", "/api/v1/newsroom/articles", map[string]any{"language": "en", "section": "politics",
				"headline": "Filed once there is room", "body": "Short."})
			return err == nil && code == 201
		})
		p.stop()
		st, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, id := range acked {
			if _, err := st.ArticleByID(ctx, id); err != nil {
				t.Errorf("story %d saved before the disk was full is lost: %v", id, err)
			}
		}
		checkIntact(t, st, baseline)
	})
}

// consistencyOf reads the cross-table counts of the database at dsn.
func consistencyOf(t *testing.T, dsn string) []store.ConsistencyCheck {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Consistency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
