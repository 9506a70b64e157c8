package app_test

import (
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// requestConn is a connection that sends one request over and over (keep-alive) until it
// has sent n, and drops what the server writes back: net/http's whole path — reading the
// request, the handler, writing the status line, the headers and the body — without the
// kernel's sockets or a client, so what a handler adds to net/http is measured alone.
type requestConn struct {
	req     []byte
	left    int
	off     int
	written int64
	once    sync.Once
	closed  chan struct{}
}

func (c *requestConn) Read(p []byte) (int, error) {
	if c.left == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.req[c.off:])
	if c.off += n; c.off == len(c.req) {
		c.off = 0
		c.left--
	}
	return n, nil
}

func (c *requestConn) Write(p []byte) (int, error) { c.written += int64(len(p)); return len(p), nil }
func (c *requestConn) Close() error                { c.once.Do(func() { close(c.closed) }); return nil }
func (c *requestConn) LocalAddr() net.Addr         { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80} }
func (c *requestConn) RemoteAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 50000}
}
func (c *requestConn) SetDeadline(time.Time) error { return nil }
func (c *requestConn) SetReadDeadline(time.Time) error {
	return nil
}
func (c *requestConn) SetWriteDeadline(time.Time) error { return nil }

// oneListener hands out one connection, then waits to be closed.
type oneListener struct {
	conn net.Conn
	once sync.Once
	done chan struct{}
}

func (l *oneListener) Accept() (net.Conn, error) {
	var c net.Conn
	l.once.Do(func() { c = l.conn })
	if c != nil {
		return c, nil
	}
	<-l.done
	return nil, net.ErrClosed
}
func (l *oneListener) Close() error   { return nil }
func (l *oneListener) Addr() net.Addr { return l.conn.LocalAddr() }

// serveRequests serves n copies of req through h over one kept-alive connection.
func serveRequests(b *testing.B, h http.Handler, req []byte, n int) {
	conn := &requestConn{req: req, left: n, closed: make(chan struct{})}
	ln := &oneListener{conn: conn, done: make(chan struct{})}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: time.Minute}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
			b.Error(err)
		}
	}()
	<-conn.closed
	close(ln.done)
	_ = srv.Close()
	b.ReportMetric(float64(conn.written)/float64(n), "B-out/op")
}

// BenchmarkCachedHitServed is BenchmarkCachedHit through net/http's own server, on a
// connection that replays one request: what the site's headers cost net/http to clone, sort
// and write counts too. "bare" writes the page's bytes with a Content-Type only.
func BenchmarkCachedHitServed(b *testing.B) {
	st := sitekit.Demo(b, filepath.Join(b.TempDir(), "site.db"))
	lw := httpx.NewLogWriter(io.Discard, 200*time.Millisecond)
	defer lw.Close()
	log := slog.New(httpx.LogHandler(httpx.FastAccess(slog.NewTextHandler(lw, nil), lw, false)))
	site, err := app.Build(config.Config{BaseURL: "http://x", TimeZone: "Asia/Baku", PageCacheMB: 16, Media: b.TempDir()}, st, log)
	if err != nil {
		b.Fatal(err)
	}
	rec := httptest.NewRecorder()
	site.Handler.ServeHTTP(rec, httptest.NewRequest("GET", leadEN, nil))
	page := rec.Body.Bytes()
	ctype := []string{"text/html; charset=utf-8"}
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = ctype
		_, _ = w.Write(page)
	})
	// The same bytes with the site's headers, set as the site sets them (values prepared).
	var hdr [][2]string
	for k, v := range rec.Result().Header {
		if k != "Content-Length" && k != "Date" {
			hdr = append(hdr, [2]string{k, v[0]})
		}
	}
	prepared := make([][]string, len(hdr))
	for i, kv := range hdr {
		prepared[i] = []string{kv[1]}
	}
	bareHeaders := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for i, kv := range hdr {
			h[kv[0]] = prepared[i]
		}
		_, _ = w.Write(page)
	})
	req := []byte("GET " + leadEN + " HTTP/1.1\r\nHost: x\r\nUser-Agent: " + browserUA + "\r\nAccept: text/html\r\n\r\n")
	for _, tc := range []struct {
		name string
		h    http.Handler
	}{{"bare", bare}, {"bare-site-headers", bareHeaders}, {"site", site.Handler}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			serveRequests(b, tc.h, req, b.N)
		})
	}
}
