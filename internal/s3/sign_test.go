package s3

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSign checks the signature against values worked out apart from this code: the GET
// example of AWS's S3 documentation (a ranged GET), and two requests of our own whose
// signatures were computed with Python's hashlib and hmac from the canonical request
// written out by hand (a PUT with Content-MD5 and Content-Type, path-style; a
// ListObjectsV2 with a query that needs encoding and a session token).
func TestSign(t *testing.T) {
	ours := signer{accessKey: "NDTESTKEY", secretKey: "ndtestsecret/xyz", region: "eu-central-1", service: "s3"}
	withToken := ours
	withToken.sessionToken = "tok/en+1"
	at := time.Date(2026, 12, 7, 22, 0, 0, 0, time.UTC)
	tests := []struct {
		name               string
		s                  signer
		method             string
		url                string
		headers            map[string]string
		payload            string
		at                 time.Time
		headersSigned, sig string
	}{
		{
			name:   "AWS documentation, GET object with Range",
			s:      signer{accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "s3"},
			method: "GET", url: "https://examplebucket.s3.amazonaws.com/test.txt",
			headers: map[string]string{"Range": "bytes=0-9"}, payload: emptySHA256,
			at:            time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC),
			headersSigned: "host;range;x-amz-content-sha256;x-amz-date",
			sig:           "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
		},
		{
			name: "PUT of a rendition, path-style", s: ours,
			method: "PUT", url: "http://127.0.0.1:8333/newsdesk-media/site/0123abcd-320.jpg",
			headers: map[string]string{"Content-MD5": "1GuEIN28W8P8btKNnSbgHg==", "Content-Type": "image/jpeg"},
			payload: "2c204410d33d6f4a9da5d9559af6cb2eb7819c2abe016cdc1e333ee1d9670b17", at: at,
			headersSigned: "content-md5;content-type;host;x-amz-content-sha256;x-amz-date",
			sig:           "40e10be12bec11d2e1610b48e8cbbc22327aa872b575c125d8783e31c28ecf8c",
		},
		{
			name: "ListObjectsV2 with a session token", s: withToken,
			method: "GET", url: "http://127.0.0.1:8333/newsdesk-media?prefix=site%2F&list-type=2",
			payload: emptySHA256, at: at,
			headersSigned: "host;x-amz-content-sha256;x-amz-date;x-amz-security-token",
			sig:           "86220ebf9f57389fc6158969bdfc1d85e03db5fd81905e72911633805ffc36f8",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			req.Header.Set("User-Agent", "not signed")
			tt.s.sign(req, tt.payload, tt.at)
			auth := req.Header.Get("Authorization")
			day := tt.at.Format("20060102")
			want := "AWS4-HMAC-SHA256 Credential=" + tt.s.accessKey + "/" + day + "/" + tt.s.region + "/s3/aws4_request, SignedHeaders=" +
				tt.headersSigned + ", Signature=" + tt.sig
			if auth != want {
				t.Errorf("Authorization\n got %s\nwant %s", auth, want)
			}
			if tt.s.sessionToken != "" && req.Header.Get("X-Amz-Security-Token") != tt.s.sessionToken {
				t.Error("no session token header")
			}
		})
	}
}

func TestURIEncode(t *testing.T) {
	tests := []struct {
		in    string
		slash bool
		want  string
	}{
		{"/a b/c~d_e-f.g", false, "/a%20b/c~d_e-f.g"},
		{"site/x", true, "site%2Fx"},
		{"a+b=c&d", true, "a%2Bb%3Dc%26d"},
		{"é", false, "%C3%A9"},
	}
	for _, tt := range tests {
		if got := uriEncode(tt.in, tt.slash); got != tt.want {
			t.Errorf("uriEncode(%q, %v) = %q, want %q", tt.in, tt.slash, got, tt.want)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	full := map[string]string{"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s", "AWS_REGION": "eu-west-1"}
	with := func(extra map[string]string, drop ...string) func(string) string {
		m := map[string]string{}
		for k, v := range full {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		for _, k := range drop {
			delete(m, k)
		}
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		name, loc string
		env       func(string) string
		want      Config
		err       string
	}{
		{name: "AWS", loc: "s3://news-media/site/", env: with(nil),
			want: Config{Bucket: "news-media", Prefix: "site", Region: "eu-west-1", AccessKey: "k", SecretKey: "s"}},
		{name: "endpoint, default region", loc: "s3://b12", env: with(map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:9000/"}, "AWS_REGION"),
			want: Config{Bucket: "b12", Endpoint: "http://127.0.0.1:9000", Region: "us-east-1", AccessKey: "k", SecretKey: "s"}},
		{name: "S3 endpoint wins, default region read", loc: "s3://b12/a/b",
			env: with(map[string]string{"AWS_ENDPOINT_URL": "http://x:1", "AWS_ENDPOINT_URL_S3": "https://s3.example.com", "AWS_DEFAULT_REGION": "auto",
				"AWS_SESSION_TOKEN": "t"}, "AWS_REGION"),
			want: Config{Bucket: "b12", Prefix: "a/b", Endpoint: "https://s3.example.com", Region: "auto", AccessKey: "k", SecretKey: "s", SessionToken: "t"}},
		{name: "no secret", loc: "s3://b12", env: with(nil, "AWS_SECRET_ACCESS_KEY"), err: "no credentials"},
		{name: "no region", loc: "s3://b12", env: with(nil, "AWS_REGION"), err: "no region"},
		{name: "bad endpoint", loc: "s3://b12", env: with(map[string]string{"AWS_ENDPOINT_URL_S3": "127.0.0.1:9000"}), err: "endpoint"},
		{name: "bad bucket", loc: "s3://Media", env: with(nil), err: "bucket name"},
		{name: "no bucket", loc: "s3://", env: with(nil), err: "bucket name"},
		{name: "prefix escapes", loc: "s3://b12/../x", env: with(nil), err: "prefix"},
		{name: "prefix with empty part", loc: "s3://b12/a//b", env: with(nil), err: "prefix"},
		{name: "not s3", loc: "gs://b12", env: with(nil), err: "not an s3://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ConfigFromEnv(tt.loc, tt.env)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}
