// Package s3 is a small client of the S3 object API, enough to keep files in a bucket of
// Amazon S3 or of any S3-compatible store (SeaweedFS, MinIO, Ceph, R2 …): put, get (from
// an offset), head, delete and list objects under one prefix. Requests are signed with
// AWS Signature Version 4; settings are read from the environment as the AWS tools read
// them. It needs nothing beyond the standard library.
package s3

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// URLScheme is the scheme of a bucket location: "s3://bucket/prefix".
const URLScheme = "s3://"

// Config says where a Bucket is and how to sign requests to it.
type Config struct {
	// Bucket is the bucket's name; Prefix the folder inside it ("" or "media", without
	// slashes at either end) that holds the objects.
	Bucket, Prefix string
	// Endpoint is the base URL of an S3-compatible store ("http://127.0.0.1:8333"), or ""
	// for Amazon S3 in Region. An endpoint is addressed path-style (endpoint/bucket/key).
	Endpoint string
	// Region signs the requests ("us-east-1" when an endpoint is given and no region).
	Region string
	// AccessKey, SecretKey and the optional SessionToken are the credentials.
	AccessKey, SecretKey, SessionToken string
}

// IsURL reports whether location names a bucket ("s3://…") rather than a directory.
func IsURL(location string) bool { return strings.HasPrefix(location, URLScheme) }

// ConfigFromEnv reads the bucket and prefix from location ("s3://bucket/prefix") and the
// endpoint, region and credentials from the environment through getenv, as the AWS tools
// do: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION (or
// AWS_DEFAULT_REGION), AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL). What is missing or
// malformed is an error that says what to set.
func ConfigFromEnv(location string, getenv func(string) string) (Config, error) {
	c, err := parseLocation(location)
	if err != nil {
		return Config{}, err
	}
	c.AccessKey = getenv("AWS_ACCESS_KEY_ID")
	c.SecretKey = getenv("AWS_SECRET_ACCESS_KEY")
	c.SessionToken = getenv("AWS_SESSION_TOKEN")
	c.Region = firstSet(getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION"))
	c.Endpoint = firstSet(getenv("AWS_ENDPOINT_URL_S3"), getenv("AWS_ENDPOINT_URL"))
	if c.AccessKey == "" || c.SecretKey == "" {
		return Config{}, fmt.Errorf("media in %s: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "+
			"(and AWS_SESSION_TOKEN for temporary ones); profiles and instance roles are not read", location)
	}
	if c.Endpoint != "" {
		u, err := url.Parse(c.Endpoint)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			return Config{}, fmt.Errorf("media in %s: the endpoint %q is not a URL like https://s3.example.com or http://127.0.0.1:8333",
				location, c.Endpoint)
		}
		c.Endpoint = u.Scheme + "://" + u.Host
		if c.Region == "" {
			c.Region = "us-east-1"
		}
	} else if c.Region == "" {
		return Config{}, fmt.Errorf("media in %s: no region: set AWS_REGION (or AWS_ENDPOINT_URL_S3 for an S3-compatible store)", location)
	}
	return c, nil
}

// parseLocation reads "s3://bucket" or "s3://bucket/prefix".
func parseLocation(location string) (Config, error) {
	rest, ok := strings.CutPrefix(location, URLScheme)
	if !ok {
		return Config{}, fmt.Errorf("%q is not an s3://bucket/prefix address", location)
	}
	bucket, prefix, _ := strings.Cut(rest, "/")
	if !validBucket(bucket) {
		return Config{}, fmt.Errorf("%q: the bucket name %q is not valid (3 to 63 lower-case letters, digits, dots and hyphens)", location, bucket)
	}
	prefix = strings.Trim(prefix, "/")
	if strings.ContainsAny(prefix, "?#\\") || (prefix != "" && path.Clean(prefix) != prefix) ||
		strings.HasPrefix(prefix, "..") || strings.Contains(prefix, "/..") || strings.Contains(prefix, "../") {
		return Config{}, fmt.Errorf("%q: the prefix %q is not a plain folder name like media or site/media", location, prefix)
	}
	return Config{Bucket: bucket, Prefix: prefix}, nil
}

// validBucket applies S3's rules for bucket names (the part that matters for addressing).
func validBucket(b string) bool {
	if len(b) < 3 || len(b) > 63 || b[0] == '.' || b[0] == '-' || b[len(b)-1] == '.' || b[len(b)-1] == '-' {
		return false
	}
	for _, c := range b {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return !strings.Contains(b, "..")
}

func firstSet(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// Bucket is a client of one bucket and prefix. It is safe for concurrent use.
type Bucket struct {
	cfg    Config
	base   *url.URL // scheme and host; the path of an object is base.Path + key
	sign   signer
	client *http.Client
	now    func() time.Time
}

// New returns a client of the bucket cfg names. It makes no request.
func New(cfg Config) (*Bucket, error) {
	if !validBucket(cfg.Bucket) {
		return nil, fmt.Errorf("s3: the bucket name %q is not valid", cfg.Bucket)
	}
	if cfg.Region == "" || cfg.AccessKey == "" || cfg.SecretKey == "" {
		return nil, errors.New("s3: a region and credentials are needed")
	}
	var base *url.URL
	if cfg.Endpoint != "" {
		u, err := url.Parse(cfg.Endpoint)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("s3: endpoint %q is not a URL", cfg.Endpoint)
		}
		base = &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/" + cfg.Bucket + "/"}
	} else if strings.Contains(cfg.Bucket, ".") { // a dotted name does not fit the TLS wildcard
		base = &url.URL{Scheme: "https", Host: "s3." + cfg.Region + ".amazonaws.com", Path: "/" + cfg.Bucket + "/"}
	} else {
		base = &url.URL{Scheme: "https", Host: cfg.Bucket + ".s3." + cfg.Region + ".amazonaws.com", Path: "/"}
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.ResponseHeaderTimeout = 2 * time.Minute // after the whole body is sent
	t.MaxIdleConnsPerHost = 64
	t.DisableCompression = true // objects are served as they are stored
	return &Bucket{cfg: cfg, base: base, sign: signer{accessKey: cfg.AccessKey, secretKey: cfg.SecretKey,
		sessionToken: cfg.SessionToken, region: cfg.Region, service: "s3"},
		client: &http.Client{Transport: t}, now: time.Now}, nil
}

// String is the bucket's location, "s3://bucket/prefix" (no credentials).
func (b *Bucket) String() string {
	if b.cfg.Prefix == "" {
		return URLScheme + b.cfg.Bucket
	}
	return URLScheme + b.cfg.Bucket + "/" + b.cfg.Prefix
}

// key is the object key of name under the prefix.
func (b *Bucket) key(name string) string {
	if b.cfg.Prefix == "" {
		return name
	}
	return b.cfg.Prefix + "/" + name
}
