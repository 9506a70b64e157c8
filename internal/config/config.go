// Package config reads Newsdesk's settings from command-line flags, each of which also
// has an environment variable; a flag given on the command line wins over the variable.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is the configuration of one Newsdesk process.
type Config struct {
	Addr string
	DB   string
	// Media is where uploads and renditions are kept: a directory, or a bucket of an
	// S3-compatible store as s3://bucket/prefix (endpoint, region and credentials from
	// the AWS_* environment variables).
	Media string
	// MediaURL is the base URL pages link media files at (a CDN in front of /media/),
	// ending in "/"; empty: /media/ on this site.
	MediaURL string
	// Getenv reads the AWS_* settings of an s3:// Media (nil: the process's environment).
	Getenv   func(string) string `json:"-"`
	BaseURL  string
	Demo     bool
	TimeZone string
	LogLevel string
	LogJSON  bool
	// TrustedProxyHeader names the header carrying the client address (e.g.
	// X-Forwarded-For), believed only from TrustedProxies.
	TrustedProxyHeader string
	TrustedProxies     string
	// PageCacheMB bounds the page cache in MiB; 0 turns it off.
	PageCacheMB int
	// RenderSlots bounds the public pages rendered at once (0: automatic, see web.Config).
	RenderSlots int
	// PurgeURL receives the surrogate keys of every change (a CDN's purge hook); empty for none.
	PurgeURL string
	// DBRead is a PostgreSQL replica for public reads; empty for none.
	DBRead string
	// AdminAddr serves /metrics on a separate address (e.g. 127.0.0.1:9090); empty for none.
	AdminAddr string
	// MetricsToken serves /metrics on the main address to requests bearing it; empty for none.
	MetricsToken string
	// SlowQuery is the duration above which a database query is logged; 0 turns it off.
	SlowQuery time.Duration
	// HSTS says when to send Strict-Transport-Security: "auto" (or empty: when BaseURL is
	// https), "off", a max-age in seconds, or a whole header value ("max-age=N; …").
	HSTS string
	// SMTPURL is the mail server the notifications' emails go through
	// (smtp://user:pass@host:port, or smtps://… for TLS from the start); empty: no email.
	SMTPURL string
	// MailFrom is the sender address of those emails.
	MailFrom string
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
	fs.StringVar(&c.Media, "media", env("NEWSDESK_MEDIA", "media"),
		"where uploaded images and files are kept: a directory, or s3://bucket/prefix with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and AWS_ENDPOINT_URL_S3 from the environment (env NEWSDESK_MEDIA)")
	fs.StringVar(&c.MediaURL, "media-url", env("NEWSDESK_MEDIA_URL", ""),
		"base URL the public pages link media files at, e.g. https://cdn.news.example/media/ for a CDN that fetches from this site's /media/ (env NEWSDESK_MEDIA_URL; default: /media/ here)")
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
	fs.IntVar(&c.PageCacheMB, "page-cache-mb", envInt("NEWSDESK_PAGE_CACHE_MB", 64),
		"memory for the page cache of public pages, feeds and sitemaps, in MiB; 0 turns it off (env NEWSDESK_PAGE_CACHE_MB)")
	fs.IntVar(&c.RenderSlots, "render-slots", envInt("NEWSDESK_RENDER_SLOTS", 0),
		"public pages rendered at once, the others queue in arrival order; 0: the cores on SQLite, 4× on PostgreSQL (env NEWSDESK_RENDER_SLOTS)")
	fs.StringVar(&c.PurgeURL, "purge-url", env("NEWSDESK_PURGE_URL", ""),
		"URL that receives a POST with the surrogate keys of every change, to purge a CDN (env NEWSDESK_PURGE_URL)")
	fs.StringVar(&c.DBRead, "db-read", env("NEWSDESK_DB_READ", ""),
		"PostgreSQL replica for public page reads, postgres://… (env NEWSDESK_DB_READ; default: --db)")
	fs.StringVar(&c.AdminAddr, "admin-addr", env("NEWSDESK_ADMIN_ADDR", ""),
		"separate address serving /metrics and /debug/pprof/, e.g. 127.0.0.1:9090; keep it private (env NEWSDESK_ADMIN_ADDR; default: none)")
	fs.StringVar(&c.MetricsToken, "metrics-token", env("NEWSDESK_METRICS_TOKEN", ""),
		"serve /metrics on --addr to requests with \"Authorization: Bearer TOKEN\" (env NEWSDESK_METRICS_TOKEN; default: not served there)")
	fs.DurationVar(&c.SlowQuery, "slow-query", envDuration("NEWSDESK_SLOW_QUERY", 200*time.Millisecond),
		"log database queries slower than this; 0 turns it off (env NEWSDESK_SLOW_QUERY)")
	fs.StringVar(&c.HSTS, "hsts", env("NEWSDESK_HSTS", "auto"),
		"Strict-Transport-Security: auto (when --base-url is https), off, a max-age in seconds, or a header value such as \"max-age=63072000; includeSubDomains\" (env NEWSDESK_HSTS)")
	fs.StringVar(&c.SMTPURL, "smtp-url", env("NEWSDESK_SMTP_URL", ""),
		"mail server for the notifications' emails: smtp://user:password@host:port (STARTTLS when offered) or smtps://… (TLS from the start) (env NEWSDESK_SMTP_URL; default: no email)")
	fs.StringVar(&c.MailFrom, "mail-from", env("NEWSDESK_MAIL_FROM", ""),
		"sender address of the notifications' emails, e.g. desk@news.example (env NEWSDESK_MAIL_FROM; needed with --smtp-url)")
}

// Env returns the environment c.Getenv reads, the process's when nil.
func (c Config) Env() func(string) string {
	if c.Getenv != nil {
		return c.Getenv
	}
	return os.Getenv
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
	if c.RenderSlots < 0 {
		errs = append(errs, fmt.Errorf("--render-slots %d: must be 0 (automatic) or more", c.RenderSlots))
	}
	if c.PageCacheMB < 0 {
		errs = append(errs, fmt.Errorf("--page-cache-mb %d: must be 0 (off) or more", c.PageCacheMB))
	}
	if c.PurgeURL != "" {
		if u, err := url.Parse(c.PurgeURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("--purge-url: must be an absolute http(s) URL"))
		}
	}
	if c.MediaURL != "" {
		if u, err := url.Parse(c.MediaURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			errs = append(errs, fmt.Errorf("--media-url %q: must be an absolute http(s) URL such as https://cdn.news.example/media/", c.MediaURL))
		} else if !strings.HasSuffix(c.MediaURL, "/") {
			c.MediaURL += "/"
		}
	}
	if c.DBRead != "" && (!strings.HasPrefix(c.DB, "postgres") || !strings.HasPrefix(c.DBRead, "postgres")) {
		errs = append(errs, errors.New("--db-read needs PostgreSQL for both --db and --db-read"))
	}
	if c.SlowQuery < 0 {
		errs = append(errs, errors.New("--slow-query: must be a duration such as 200ms, or 0 (off)"))
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		errs = append(errs, errors.New("--metrics-token: use at least 16 characters"))
	}
	if _, err := c.HSTSHeader(); err != nil {
		errs = append(errs, err)
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Host == "" {
			errs = append(errs, errors.New("--smtp-url: use smtp://[user:password@]host[:port] or smtps://…"))
		}
		if c.MailFrom == "" {
			errs = append(errs, errors.New("--mail-from: give the sender address of the emails (needed with --smtp-url)"))
		}
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

// envInt reads a whole number from the environment; a malformed value gives -1, which
// Validate refuses.
func envInt(key string, def int) int {
	v, ok := os.LookupEnv(key)
	if !ok || v == "" {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return -1
	}
	return n
}

// envDuration reads a duration from the environment; a malformed value gives -1, which
// Validate refuses.
func envDuration(key string, def time.Duration) time.Duration {
	v, ok := os.LookupEnv(key)
	if !ok || v == "" {
		return def
	}
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		return -1
	}
	return d
}

func envBool(key string) bool {
	switch strings.ToLower(os.Getenv(key)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// hstsDefaultAge is the max-age sent with --hsts auto: one year, what browsers' preload
// lists ask for.
const hstsDefaultAge = 31536000

// HSTSHeader returns the Strict-Transport-Security value to send on every response, or ""
// for none, from --hsts and --base-url.
func (c Config) HSTSHeader() (string, error) {
	v := strings.TrimSpace(c.HSTS)
	switch strings.ToLower(v) {
	case "", "auto":
		if strings.HasPrefix(c.BaseURL, "https://") {
			return "max-age=" + strconv.Itoa(hstsDefaultAge), nil
		}
		return "", nil
	case "off", "0", "false", "no":
		return "", nil
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return "max-age=" + strconv.Itoa(n), nil
	}
	first, rest, _ := strings.Cut(v, ";")
	age, ok := strings.CutPrefix(strings.ToLower(strings.TrimSpace(first)), "max-age=")
	if n, err := strconv.Atoi(age); !ok || err != nil || n < 0 || strings.ContainsAny(v, "\r\n") {
		return "", fmt.Errorf("--hsts %q: use auto, off, a max-age in seconds, or a value such as \"max-age=63072000; includeSubDomains\"", c.HSTS)
	}
	for _, d := range strings.Split(rest, ";") {
		switch strings.ToLower(strings.TrimSpace(d)) {
		case "", "includesubdomains", "preload":
		default:
			return "", fmt.Errorf("--hsts %q: unknown directive %q (use includeSubDomains or preload)", c.HSTS, strings.TrimSpace(d))
		}
	}
	return v, nil
}
