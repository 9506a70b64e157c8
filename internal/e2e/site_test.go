package e2e_test

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/store"
)

// site is a running Newsdesk over SQLite in t.TempDir, with the demo edition.
type site struct {
	url  string
	st   *store.Store
	site *app.Site // its route table, for the tests that walk it
}

// startSite opens a fresh SQLite store, fills it with the demo edition and serves the
// whole site (public pages, newsroom, media) over real HTTP; settings change the
// configuration first (the page cache is off unless one sets it).
func startSite(t *testing.T, settings ...func(*config.Config)) *site {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Warnings and errors of the server (a 500, for one) show in the test's output.
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := app.OpenStore(ctx, filepath.Join(t.TempDir(), "newsdesk.db"), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := app.SeedDemo(ctx, st, io.Discard); err != nil {
		t.Fatalf("seed the demo edition: %v", err)
	}
	// The base URL must be known before Build, so the listener comes first.
	srv := httptest.NewUnstartedServer(nil)
	cfg := config.Config{BaseURL: "http://" + srv.Listener.Addr().String(), TimeZone: "Asia/Baku", Media: t.TempDir()}
	for _, set := range settings {
		set(&cfg)
	}
	s, err := app.Build(cfg, st, log)
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}
	srv.Config.Handler = s.Handler
	srv.Start()
	t.Cleanup(srv.Close)
	return &site{url: srv.URL, st: st, site: s}
}

// addUser creates a newsroom account with a password.
func (s *site) addUser(t *testing.T, email, name, role, password string) {
	t.Helper()
	ctx := context.Background()
	hash, err := account.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	err = s.st.WithTx(ctx, func(tx *store.Tx) error {
		_, err := tx.CreateUser(ctx, account.User{Email: email, Name: name, Role: role, PasswordHash: hash, CreatedAt: time.Now()})
		return err
	})
	if err != nil {
		t.Fatalf("create %s %s: %v", role, email, err)
	}
}

// writePNG writes a w×h PNG with a gradient (so that it survives re-encoding as a real
// picture) and returns its path.
func writePNG(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(255 * x / w), G: uint8(255 * y / h), B: 160, A: 255})
		}
	}
	path := filepath.Join(t.TempDir(), "harbour.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
