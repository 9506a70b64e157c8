// Package sitekit is the app-level half of the test kit: a store holding the demo edition,
// and the whole site built by app over real HTTP. Only tests import it; tests of package
// app itself cannot (app's external tests, package app_test, can).
package sitekit

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// Demo opens and migrates dsn as the site does, loads the demo edition into it, and closes
// the store when the test ends. Its stories have no pictures (DemoWithPictures).
func Demo(tb testing.TB, dsn string) *store.Store {
	return DemoWithPictures(tb, dsn, "")
}

// DemoWithPictures is Demo with the demo's pictures taken into the media directory dir
// (config.Config.Media of the site that serves them; "": none).
func DemoWithPictures(tb testing.TB, dsn, dir string) *store.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	var ms *media.Store
	if dir != "" {
		if ms, err = media.New(dir, media.Limits{}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := app.SeedDemoWithPictures(ctx, st, ms, io.Discard); err != nil {
		tb.Fatal(err)
	}
	return st
}

// Serve builds the whole site over st with cfg, its BaseURL set to the server's own
// address, and serves it over real HTTP until the test ends.
func Serve(tb testing.TB, cfg config.Config, st *store.Store) (*httptest.Server, *app.Site) {
	tb.Helper()
	var site *app.Site
	srv := testkit.Serve(tb, func(baseURL string) (http.Handler, error) {
		cfg.BaseURL = baseURL
		var err error
		site, err = app.Build(cfg, st, nil)
		if err != nil {
			return nil, err
		}
		return site.Handler, nil
	})
	return srv, site
}
