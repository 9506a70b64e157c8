// Package config reads Newsdesk's settings from command-line flags, each of which also
// has an environment variable; a flag given on the command line wins over the variable.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
)

// Config is the configuration of one Newsdesk process.
type Config struct {
	Addr     string
	DB       string
	Media    string
	BaseURL  string
	Demo     bool
	TimeZone string
	LogLevel string
	LogJSON  bool
	// TrustedProxyHeader names the header carrying the client address (e.g.
	// X-Forwarded-For), believed only from TrustedProxies.
	TrustedProxyHeader string
	TrustedProxies     string
}

// Location loads the configured time zone.
func (c Config) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", c.TimeZone, err)
	}
	return loc, nil
}

// DBFlag adds --db (NEWSDESK_DB) to fs.
func DBFlag(fs *flag.FlagSet, dst *string) {
	fs.StringVar(dst, "db", env("NEWSDESK_DB", "newsdesk.db"),
		"database: a SQLite file path, or a postgres://user:pass@host/db URL (env NEWSDESK_DB)")
}

// ServeFlags adds the serve command's flags to fs, with defaults from the environment.
func ServeFlags(fs *flag.FlagSet, c *Config) {
	DBFlag(fs, &c.DB)
	fs.StringVar(&c.Addr, "addr", env("NEWSDESK_ADDR", "127.0.0.1:8080"), "address to listen on, host:port (env NEWSDESK_ADDR)")
	fs.StringVar(&c.Media, "media", env("NEWSDESK_MEDIA", "media"), "directory for uploaded images (env NEWSDESK_MEDIA)")
	fs.StringVar(&c.BaseURL, "base-url", env("NEWSDESK_BASE_URL", ""),
		"public URL of the site, for canonical and absolute links, e.g. https://news.example (env NEWSDESK_BASE_URL; default http://ADDR)")
	fs.BoolVar(&c.Demo, "demo", envBool("NEWSDESK_DEMO"), "fill an empty database with the demo edition (env NEWSDESK_DEMO)")
	fs.StringVar(&c.TimeZone, "timezone", env("NEWSDESK_TIMEZONE", "Asia/Baku"), "time zone of dates shown to readers (env NEWSDESK_TIMEZONE)")
	fs.StringVar(&c.LogLevel, "log-level", env("NEWSDESK_LOG_LEVEL", "info"), "log level: debug, info, warn, error (env NEWSDESK_LOG_LEVEL)")
	fs.StringVar(&c.TrustedProxyHeader, "trusted-proxy-header", env("NEWSDESK_TRUSTED_PROXY_HEADER", ""),
		"header with the client address set by your reverse proxy, e.g. X-Forwarded-For (env NEWSDESK_TRUSTED_PROXY_HEADER; empty: use the connection's address)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("NEWSDESK_TRUSTED_PROXIES", "127.0.0.1,::1"),
		"comma-separated addresses or CIDRs of the reverse proxies whose header is believed (env NEWSDESK_TRUSTED_PROXIES)")
	fs.BoolVar(&c.LogJSON, "log-json", envBool("NEWSDESK_LOG_JSON"), "log as JSON lines instead of text (env NEWSDESK_LOG_JSON)")
}

// Validate checks the serve configuration and fills derived defaults.
func (c *Config) Validate() error {
	var errs []error
	if c.Addr == "" {
		errs = append(errs, errors.New("--addr is empty"))
	}
	if c.DB == "" {
		errs = append(errs, errors.New("--db is empty"))
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("--base-url %q: must be an absolute http(s) URL", c.BaseURL))
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if _, err := c.Location(); err != nil {
		errs = append(errs, err)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("--log-level %q: use debug, info, warn or error", c.LogLevel))
	}
	return errors.Join(errs...)
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func envBool(key string) bool {
	switch strings.ToLower(os.Getenv(key)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}
