package app

import (
	"log/slog"
	"net/http"
	"time"
)

// Server limits (docs/security.md lists them with the per-route body limits).
const (
	// readHeaderTimeout cuts off clients that send their request line and headers slowly
	// (slowloris): the whole header must arrive within it.
	readHeaderTimeout = 5 * time.Second
	// readTimeout bounds reading a whole request, body included (a 25 MiB upload needs
	// about 7 Mbit/s to make it).
	readTimeout  = 30 * time.Second
	writeTimeout = 60 * time.Second
	idleTimeout  = 120 * time.Second
	// maxHeaderBytes bounds the request line (the query string too) and the headers;
	// more answers 431.
	maxHeaderBytes = 64 << 10
	// maxBody bounds every request body; routes set lower limits of their own.
	maxBody = 25 << 20
)

// httpServer is the server Serve runs h with.
func httpServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
