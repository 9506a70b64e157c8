package app

import (
	"bytes"
	"fmt"

	"github.com/andybalholm/brotli"
)

// brotliQuality trades compression time, paid once per cached page, against size: 5 is
// about a millisecond for a 30 KB page and some 15 % smaller than gzip's best.
const brotliQuality = 5

// brotliCompress compresses a page for the page cache (cache.Options.Brotli).
func brotliCompress(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b) / 4)
	w := brotli.NewWriterLevel(&buf, brotliQuality)
	if _, err := w.Write(b); err != nil {
		return nil, fmt.Errorf("brotli: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("brotli: %w", err)
	}
	return buf.Bytes(), nil
}
