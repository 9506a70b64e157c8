package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/store"
)

// BenchmarkImportWXR imports the WXR file named by NEWSDESK_BENCH_WXR (made by
// bench/cmd/wxrgen) into a fresh SQLite database per iteration.
func BenchmarkImportWXR(b *testing.B) {
	file := os.Getenv("NEWSDESK_BENCH_WXR")
	if file == "" {
		b.Skip("NEWSDESK_BENCH_WXR is not set (go run ./bench/cmd/wxrgen -o FILE)")
	}
	b.StopTimer()
	for range b.N {
		st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "site.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Migrate(context.Background()); err != nil {
			b.Fatal(err)
		}
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		// A cancellable context, as the command's (interrupted by a signal).
		ctx, cancel := context.WithCancel(context.Background())
		b.StartTimer()
		if _, err := importer.New(st, importer.Options{}).WordPress(ctx, f, 0); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cancel()
		f.Close()
		st.Close()
	}
	b.StartTimer()
}
