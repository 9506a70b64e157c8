package s3

import (
	"context"
	"crypto/md5" // #nosec G501 -- Content-MD5 is S3's integrity check of a body, not a security measure
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Error is a refusal the store answered with: its HTTP status and S3 error code and message.
type Error struct {
	Op, Key    string
	Status     int
	Code, Text string
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("s3 %s %s: %d", e.Op, e.Key, e.Status)
	if e.Code != "" {
		msg += " " + e.Code
	}
	if e.Text != "" {
		msg += ": " + e.Text
	}
	return msg
}

// Is makes a 404 match fs.ErrNotExist and a refused signature or key match ErrCredentials.
func (e *Error) Is(target error) bool {
	switch target {
	case fs.ErrNotExist:
		return e.Status == http.StatusNotFound
	case ErrCredentials:
		return e.Status == http.StatusForbidden && (e.Code == "InvalidAccessKeyId" || e.Code == "SignatureDoesNotMatch" ||
			e.Code == "AccessDenied" || e.Code == "" || e.Code == "InvalidToken" || e.Code == "ExpiredToken")
	}
	return false
}

// ErrCredentials matches a request refused for its credentials (403).
var ErrCredentials = errors.New("the store refused the credentials")

// Put stores the size bytes of body as the object name, whole or not at all: S3 makes an
// object visible only once its whole body has come and matched its Content-MD5 and
// SHA-256, both worked out here in a first pass over body.
func (b *Bucket) Put(ctx context.Context, name string, body io.ReadSeeker, size int64, contentType string) error {
	md := md5.New() // #nosec G401 -- see the import
	sh := sha256.New()
	n, err := io.Copy(io.MultiWriter(md, sh), body)
	if err != nil {
		return fmt.Errorf("s3 put %s: read the body: %w", name, err)
	}
	if n != size {
		return fmt.Errorf("s3 put %s: the body has %d bytes, not %d", name, n, size)
	}
	if _, err := body.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("s3 put %s: %w", name, err)
	}
	h := http.Header{}
	h.Set("Content-MD5", base64.StdEncoding.EncodeToString(md.Sum(nil)))
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	resp, err := b.do(ctx, http.MethodPut, name, nil, h, io.LimitReader(body, size), size, hex.EncodeToString(sh.Sum(nil)))
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// Get opens the object name from byte offset on (0: all of it) and returns its body and
// the object's whole size. The caller closes the body. A missing object is an error
// matching fs.ErrNotExist.
func (b *Bucket) Get(ctx context.Context, name string, offset int64) (io.ReadCloser, int64, error) {
	h := http.Header{}
	if offset > 0 {
		h.Set("Range", "bytes="+strconv.FormatInt(offset, 10)+"-")
	}
	resp, err := b.do(ctx, http.MethodGet, name, nil, h, nil, 0, emptySHA256)
	if err != nil {
		return nil, 0, err
	}
	size := resp.ContentLength
	if offset > 0 {
		size += offset // Content-Length is what is left
	}
	return resp.Body, size, nil
}

// Head returns the size of the object name, or an error matching fs.ErrNotExist.
func (b *Bucket) Head(ctx context.Context, name string) (int64, error) {
	resp, err := b.do(ctx, http.MethodHead, name, nil, nil, nil, 0, emptySHA256)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.ContentLength, nil
}

// Delete removes the object name; a missing one is no error (S3 answers 204 for both).
func (b *Bucket) Delete(ctx context.Context, name string) error {
	resp, err := b.do(ctx, http.MethodDelete, name, nil, nil, nil, 0, emptySHA256)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// listPage is the part of a ListObjectsV2 answer read here.
type listPage struct {
	Contents []struct {
		Key  string
		Size int64
	}
	IsTruncated           bool
	NextContinuationToken string
}

// List calls fn with the name and size of each object right under the prefix, in key
// order, a page of up to 1,000 at a time; an error from fn stops it and is returned.
func (b *Bucket) List(ctx context.Context, fn func(name string, size int64) error) error {
	prefix := ""
	if b.cfg.Prefix != "" {
		prefix = b.cfg.Prefix + "/"
	}
	token := ""
	for {
		q := url.Values{"list-type": {"2"}, "prefix": {prefix}}
		if token != "" {
			q.Set("continuation-token", token)
		}
		resp, err := b.do(ctx, http.MethodGet, "", q, nil, nil, 0, emptySHA256)
		if err != nil {
			return err
		}
		var page listPage
		err = xml.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&page)
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("s3 list %s: read the answer: %w", b, err)
		}
		for _, c := range page.Contents {
			name := strings.TrimPrefix(c.Key, prefix)
			if name == "" || strings.Contains(name, "/") { // a "folder" below the prefix is not ours
				continue
			}
			if err := fn(name, c.Size); err != nil {
				return err
			}
		}
		if !page.IsTruncated || page.NextContinuationToken == "" {
			return nil
		}
		token = page.NextContinuationToken
	}
}

// CreateBucket creates the bucket (for tests and first set-ups); one that exists and is
// this account's is no error.
func (b *Bucket) CreateBucket(ctx context.Context) error {
	resp, err := b.do(ctx, http.MethodPut, "", nil, nil, nil, 0, emptySHA256)
	var e *Error
	if errors.As(err, &e) && (e.Code == "BucketAlreadyOwnedByYou" || e.Code == "BucketAlreadyExists") {
		return nil
	}
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// Check makes one cheap signed request (a list of at most one key) and says in plain
// words what is wrong when it fails: the store unreachable, the credentials refused, the
// bucket missing.
func (b *Bucket) Check(ctx context.Context) error {
	prefix := ""
	if b.cfg.Prefix != "" {
		prefix = b.cfg.Prefix + "/"
	}
	resp, err := b.do(ctx, http.MethodGet, "", url.Values{"list-type": {"2"}, "max-keys": {"1"}, "prefix": {prefix}}, nil, nil, 0, emptySHA256)
	var e *Error
	switch {
	case err == nil:
		resp.Body.Close()
		return nil
	case errors.Is(err, ErrCredentials):
		return fmt.Errorf("media in %s: the store refused the credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: %w", b, err)
	case errors.As(err, &e) && e.Code == "NoSuchBucket":
		return fmt.Errorf("media in %s: the bucket %s does not exist: create it first: %w", b, b.cfg.Bucket, err)
	case errors.As(err, &e):
		return fmt.Errorf("media in %s: %w", b, err)
	}
	return fmt.Errorf("media in %s: the store at %s did not answer: %w", b, b.base.Host, err)
}

// do sends one signed request for the object name ("" for the bucket itself) and returns
// the response of a 2xx status; any other status is an *Error.
func (b *Bucket) do(ctx context.Context, method, name string, q url.Values, h http.Header, body io.Reader, size int64, payloadHash string) (*http.Response, error) {
	u := *b.base
	if name != "" {
		u.Path += b.key(name)
	} else if u.Path != "/" {
		u.Path = strings.TrimSuffix(u.Path, "/")
	}
	u.RawPath = uriEncode(u.Path, false)
	u.RawQuery = canonicalQuery(q)
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("s3 %s %s: %w", strings.ToLower(method), name, err)
	}
	if body != nil {
		req.ContentLength = size
		req.Body = io.NopCloser(body) // no GetBody: a failed upload is not resent from here
		req.GetBody = nil
	}
	for k, vs := range h {
		req.Header[k] = vs
	}
	b.sign.sign(req, payloadHash, b.now())
	resp, err := b.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("s3 %s %s: %w", strings.ToLower(method), b.key(name), err)
	}
	if resp.StatusCode/100 == 2 {
		return resp, nil
	}
	defer resp.Body.Close()
	e := &Error{Op: strings.ToLower(method), Key: b.key(name), Status: resp.StatusCode}
	var doc struct{ Code, Message string }
	if method != http.MethodHead && xml.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&doc) == nil {
		e.Code, e.Text = doc.Code, doc.Message
	}
	return nil, e
}
